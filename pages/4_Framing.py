"""Framing: how each outlet, in its own voice, presents China, Russia, Ukraine, the US..."""

import html

import pandas as pd
import plotly.express as px
import streamlit as st

from analysis.framing.calibration import NEGATIVE_AT, POSITIVE_AT
from analysis.framing.stance import (
    MIN_MENTIONS,
    W_DISTANCING,
    W_LOADED,
    W_TONE,
    parse_target_option,
    save_lexicon,
    save_targets,
    summarize,
    tone_contributions,
)
from analysis.pipeline import DERIVED, knowledge_path
from analysis.store.stored_framing import JSON_COLUMNS, in_selection, listed, with_sentences
from analysis.wording import plural
from ui.charts import clicked_cell, download, style
from ui.data import get_framing_knowledge, get_knowledge, get_stance_evidence
from ui.evidence import highlight
from ui.framing_chart import busiest_cell, framing_heatmap, plain, shown_targets, signed
from ui.knowledge_editor import knowledge_editor
from ui.literal import md, plot
from ui.page import knowledge_note, start_page
from ui.sidebar import set_view_list, view_list

COMPONENTS = {
    "score": ("Composite score", signed),
    "tone": ("Tone", signed),
    "loaded_polarity": ("Loaded labels", signed),
    "distancing_rate": ("Distancing", plain),
    "voice_share": ("Voice share", lambda v: "–" if pd.isna(v) else f"{v:.0%}"),
    "narrated_mentions": ("Mentions in narration", lambda v: "–" if pd.isna(v) else f"{v:.0f}"),
}

context = start_page(
    "Framing",
    "How each outlet, in its own voice, frames each actor: tone towards the mention, loaded "
    "labels, distancing cues, and how much of the quoting goes to the actor's side. "
    "Indicators, not verdicts: every figure opens down to its sentences.",
)
analysis, selection, sentences = context.analysis, context.selection, context.sentences
framing = get_framing_knowledge(analysis)
file_targets, lexicon = framing.targets, framing.lexicon
targets = list(file_targets)
for problem in framing.problems:
    st.warning(f"Knowledge file problem: {md(problem)}", icon="⚠️")
knowledge_note(framing.sources)
if framing.sources["targets"] == DERIVED and not framing.derived_targets.empty:
    with st.expander("Where the targets come from", icon=":material/manage_search:"):
        st.caption(
            "The actors this corpus mentions most (as actors, not as places), ranked by "
            "mentions × share of outlets; each found by the name variants in its pattern. "
            "Save them as targets.csv (below, or on the Corpus page) to edit them."
        )
        st.dataframe(
            framing.derived_targets,
            hide_index=True,
            column_config={
                "target": "Target",
                "kind": "Kind",
                "patterns": "Found by",
                "affiliation": "Speakers' side",
                "mentions": st.column_config.NumberColumn("Mentions", help="As an actor"),
                "outlets": "Outlets",
                "articles": "Articles",
            },
            key="framing_derived_targets",
        )


def _keep_extra() -> None:
    lines = [x.strip() for x in st.session_state["framing_extra"].splitlines()]
    set_view_list("target", [line for line in lines if line])


if "framing_extra" not in st.session_state:
    st.session_state["framing_extra"] = "\n".join(view_list("target"))
with st.expander("Add targets for this view", icon=":material/add:"):
    st.text_area(
        "One per line: NAME=pattern|pattern (regular expressions, case ignored, whole words). "
        "They stay while you switch pages and travel in the page's link.",
        key="framing_extra",
        on_change=_keep_extra,
        placeholder="ICC=International Criminal Court|ICC\nKremlin=Kremlin|Peskov",
    )
for line in view_list("target"):
    try:
        targets = [*targets, parse_target_option(line)]
    except ValueError as exc:
        st.error(md(exc))
if not targets:
    st.info(
        "No targets: this corpus names no actor often enough to derive one. Add targets "
        "above, or a targets.csv beside the corpus."
    )
    st.stop()


@st.cache_resource(show_spinner=False, max_entries=16)
def _by_outlet(view: str, _evidence, _articles, _quotes, _targets) -> pd.DataFrame:
    """The indicators per outlet and target of one selection (``view``: the analysis, the
    selection, the targets and the lexicon): going back to a selection seen before (all
    outlets again) reads them instead of summarising 300,000 evidence rows again."""
    return summarize(_evidence, _articles, _quotes, _targets, "outlet")


@st.cache_resource(show_spinner=False, max_entries=32)
def _tone_words(cell: str, _rows: pd.DataFrame) -> list[list[tuple[str, float]]]:
    """The words that pushed each shown mention's tone, once per ``cell`` (the view, the
    outlet, the target and the tab): a rerun of the same cell does not score them again."""
    return tone_contributions(_rows)


@st.cache_resource(show_spinner=False, max_entries=16)
def _heatmap(view: str, component: str, _table, _rows, label, _fmt, signed_scale: bool):
    """The outlet x target heat map of one selection and component (not changed by
    drawing it: Streamlit reads a figure, it does not write to it)."""
    return framing_heatmap(_table, _rows, component, label, _fmt, signed_scale)


view = "|".join(
    [
        analysis.key,
        repr(selection),
        ",".join(sorted(context.discounted)),
        repr(targets),  # names, patterns, sides and places
        repr(lexicon),
    ]
)
evidence = get_stance_evidence(analysis, targets, lexicon)
evidence = in_selection(evidence, sentences, analysis.sentences)
by_outlet = _by_outlet(view, evidence, context.articles, context.quotes, targets)

st.subheader("Outlet × target")
component = st.segmented_control(
    "Show",
    list(COMPONENTS),
    default="score",
    required=True,
    format_func=lambda c: COMPONENTS[c][0],
    key="framing_component",
)
label, fmt = COMPONENTS[component]
rows_shown, dropped = shown_targets(by_outlet, [t.name for t in targets])
if not rows_shown:
    st.info("No target is mentioned in the selected articles: add targets or widen the filters.")
    st.stop()
by_outlet = by_outlet[by_outlet["target"].isin(rows_shown)]
signed_scale = component in ("score", "tone", "loaded_polarity")
fig = _heatmap(view, component, by_outlet, rows_shown, label, fmt, signed_scale)
event = st.plotly_chart(
    fig, key="framing_heat", on_select="rerun", selection_mode="points", theme=None
)
st.caption(
    f"Rows: targets; columns: outlets; n = mentions in the outlet's own narration (quotes "
    f"excluded). Composite score = {W_TONE} × tone + {W_LOADED} × loaded labels − "
    f"{W_DISTANCING} × distancing, in [−1, 1] (red negative, blue positive); it reads as "
    f"negative at or below {NEGATIVE_AT:+.2f} and positive at or above {POSITIVE_AT:+.2f} "
    "(calibrated on articles whose stance annotators judged). Fewer than "
    f"{MIN_MENTIONS} narrated mentions: faded, too few for a firm reading. Click a cell, or "
    "pick it below, to see its sentences."
    + (f" Not shown (no mention in any outlet): {', '.join(map(md, dropped))}." if dropped else "")
)
download(by_outlet, "framing-by-outlet", "Download all indicators (CSV)")

if cell := clicked_cell(event, "framing_clicked"):
    st.session_state["framing_outlet"], st.session_state["framing_target"] = cell
busiest = busiest_cell(by_outlet)
for key, value in zip(("framing_outlet", "framing_target"), busiest, strict=True):
    st.session_state.setdefault(key, value)

st.subheader("Evidence for one cell")
col_a, col_b = st.columns(2)
outlets = sorted(by_outlet["outlet"].unique())
for key, options, fallback in (
    ("framing_outlet", outlets, busiest[0]),
    ("framing_target", rows_shown, busiest[1]),
):
    if st.session_state.get(key) not in options:
        st.session_state[key] = fallback
outlet = col_a.selectbox("Outlet", outlets, key="framing_outlet")
target = col_b.selectbox("Target", rows_shown, key="framing_target")
cell = by_outlet[(by_outlet["outlet"] == outlet) & (by_outlet["target"] == target)].iloc[0]
metrics = st.columns(5)
metrics[0].metric(
    "Score",
    signed(cell["score"]),
    help=f"Reads as {cell['stance']}: negative at or below {NEGATIVE_AT:+.2f}, positive at or "
    f"above {POSITIVE_AT:+.2f}, unclear under {MIN_MENTIONS} narrated mentions (thresholds "
    "calibrated on whole articles labelled by reading them).",
)
metrics[0].caption(f"reads as **{cell['stance']}**")
metrics[1].metric("Tone", signed(cell["tone"]))
per_mention = cell["narrated_mentions"] > 0
metrics[2].metric(
    "Loaded labels",
    f"{cell['loaded_count']}" + (f" ({signed(cell['loaded_polarity'])})" if per_mention else ""),
    help="Labels attached to the target, and their polarity per narrated mention.",
)
metrics[3].metric(
    "Distancing",
    f"{cell['distancing']}" + (f" ({plain(cell['distancing_rate'])})" if per_mention else ""),
    help="Distancing cues and scare quotes, and their rate per narrated mention.",
)
voice = "–" if pd.isna(cell["voice_share"]) else f"{cell['voice_share']:.0%}"
metrics[4].metric("Voice share", voice)
if cell["low_count"]:
    st.warning(
        f"Only {plural(int(cell['narrated_mentions']), 'narrated mention')}: "
        "too few for a firm reading.",
        icon="⚖️",
    )

rows = with_sentences(
    evidence[(evidence["outlet"] == outlet) & (evidence["target"] == target)], sentences
)


def _marks(row: pd.Series) -> list[tuple[int, int, str]]:
    """The mention and cue spans of one evidence row, within its sentence."""
    offset = int(row["sentence_start"])
    return [
        (int(row[f"{kind}_start"]) - offset, int(row[f"{kind}_end"]) - offset, kind)
        for kind in ("mention", "cue")
        if pd.notna(row[f"{kind}_start"])
    ]


def _details(row: pd.Series) -> str:
    """What one evidence row says: a mention's reading, a cue or a quote."""
    details = []
    if row["component"] == "tone":
        pushed = ", ".join(f"{w} ({signed(v)})" for w, v in row["contributions"][:5])
        on_mention = "".join(
            f"; {kind} “{cue}” {polarity:+d}" for kind, cue, polarity in listed(row["mention_cues"])
        )
        details.append(
            f"reading {signed(row['reading'])} (tone {row['tone_label']} "
            f"{signed(row['tone_score'])}{on_mention})"
        )
        if pushed:
            details.append(f"words that pushed it: {pushed}")
    elif row["component"] in ("loaded", "distancing"):
        details.append(f"{row['component']} cue “{row['cue']}”, polarity {row['polarity']:+d}")
        if row["source"]:
            details.append(str(row["source"]))
    else:
        details.append(f"quote by {row['source']}")
    return " · ".join(details)


def _evidence_block(group: pd.DataFrame) -> str:
    """One sentence with every mention and cue of the cell in it, and what each says."""
    first = group.iloc[0]
    marks = [mark for _, row in group.iterrows() for mark in _marks(row)]
    lines = []
    for _, row in group.iterrows():
        detail = _details(row)
        if len(group) > 1 and isinstance(row["mention"], str) and row["mention"]:
            detail = f"“{row['mention']}”: {detail}"
        lines.append(html.escape(detail))
    meta = "<br>".join(lines)
    return (
        '<div style="border-left:3px solid #cbd5e1;padding:0.3rem 0.7rem;margin:0.3rem 0">'
        f"{highlight(first['sentence'], marks)}<br>"
        f'<small style="color:#475569">{meta}</small></div>'
    )


tabs = st.tabs(["Tone", "Loaded labels", "Distancing", "Voice"])
for tab, name in zip(tabs, ["tone", "loaded", "distancing", "voice"], strict=True):
    with tab:
        part = rows[rows["component"] == name]
        if name == "tone":
            part = part[part["voice"] == "narration"]
        if part.empty:
            st.caption(f"No {name} evidence for {md(target)} in {md(outlet)} within the selection.")
            continue
        shown = part.head(150)
        shown = shown.assign(contributions=_tone_words(f"{view}|{outlet}|{target}|{name}", shown))
        key = shown["sentence_id"].astype(object).where(shown["sentence_id"].notna(), shown.index)
        by_sentence = shown.groupby(key, sort=False)
        st.html("".join(_evidence_block(group) for _, group in by_sentence))
        st.caption(
            "Blue: the mention · red: the cue. Tone evidence lists narrated mentions only; each "
            "mention's reading weighs its tone with the labels and distancing cues on it, as "
            "the composite score does."
        )
download(
    rows.drop(columns=list(JSON_COLUMNS)),
    f"framing-evidence-{outlet}-{target}",
    "Download this cell's evidence (CSV)",
)

st.subheader("One target across outlets")
focus = st.selectbox("Target", rows_shown, key="framing_focus")
part = by_outlet[by_outlet["target"] == focus].sort_values("score")
few, enough = f"fewer than {MIN_MENTIONS} mentions", f"{MIN_MENTIONS} or more mentions"
part = part.assign(reliability=part["low_count"].map({True: few, False: enough}))
fig = px.bar(
    part.assign(outlet=part["outlet"].map(plot)),
    x="score",
    y="outlet",
    orientation="h",
    color="reliability",
    color_discrete_map={few: "#cbd5e1", enough: "#1d4ed8"},
    text=part["narrated_mentions"].map(lambda n: f"n={n}"),
    labels={"score": "Composite score (−1 … +1)", "outlet": "", "reliability": ""},
    custom_data=[
        part["score"].map(signed),
        part["tone"].map(signed),
        part["loaded_polarity"].map(signed),
        part["distancing_rate"].map(plain),
        part["mentions"].map(lambda n: plural(int(n), "mention")),
    ],
)
fig.update_traces(
    textposition="outside",
    hovertemplate="<b>%{y}</b><br>score %{customdata[0]}<br>tone %{customdata[1]} · loaded "
    "%{customdata[2]} · distancing %{customdata[3]}<br>%{customdata[4]}"
    "<extra></extra>",
)
reach = max(0.25, float(part["score"].abs().fillna(0).max()) * 1.4)
fig.update_xaxes(range=[-reach, reach], zeroline=True, zerolinecolor="#0f172a")
st.plotly_chart(style(fig, 140 + 40 * len(part)), key="framing_focus_chart")
st.caption(
    f"Composite score of {md(focus)} per outlet; n = narrated mentions; grey bars rest on fewer "
    f"than {MIN_MENTIONS}. The table gives every component."
)
table = part.drop(columns=["reliability"])
st.dataframe(
    table,
    hide_index=True,
    key="framing_focus_table",
    column_config={
        "outlet": st.column_config.TextColumn("Outlet"),
        "target": st.column_config.TextColumn("Target"),
        "mentions": st.column_config.NumberColumn("Mentions"),
        "narrated_mentions": st.column_config.NumberColumn(
            "Narrated", help="Mentions outside the article's direct quotes"
        ),
        "tone": st.column_config.NumberColumn("Tone", format="%+.2f", help="Mean, −1..1"),
        "tone_neg": st.column_config.NumberColumn("Negative", help="Mentions read as negative"),
        "tone_neu": st.column_config.NumberColumn("Neutral", help="Mentions read as neutral"),
        "tone_pos": st.column_config.NumberColumn("Positive", help="Mentions read as positive"),
        "loaded_count": st.column_config.NumberColumn("Loaded labels"),
        "loaded_sum": st.column_config.NumberColumn("Label polarity sum", format="%+d"),
        "loaded_polarity": st.column_config.NumberColumn("Labels per mention", format="%+.2f"),
        "distancing": st.column_config.NumberColumn("Distancing"),
        "distancing_rate": st.column_config.NumberColumn("Distancing per mention", format="%.2f"),
        "voice_share": st.column_config.NumberColumn("Voice share", format="percent"),
        "score": st.column_config.NumberColumn("Score", format="%+.2f", help="Composite, −1..1"),
        "low_count": st.column_config.CheckboxColumn("Few mentions"),
        "stance": st.column_config.TextColumn("Reads as"),
    },
)
download(table, f"framing-{focus}", "Download this target's indicators (CSV)")

st.subheader("Edit targets and the framing lexicon")
if saved := st.session_state.pop("framing_saved", None):
    st.success(saved)
st.caption(
    "Changes are checked (patterns must compile, kinds and polarities must be valid) and "
    "merged atomically into the knowledge files: only the rows you change are written, and "
    "rows the editor cannot show (they failed to load) and extra columns are kept. A bad row "
    "is reported and nothing is written; if someone else saved the file meanwhile, you see "
    "both versions and choose."
)
folder = get_knowledge().folder
for name, items, save, adds in (
    ("targets", file_targets, save_targets, False),
    ("lexicon", lexicon, save_lexicon, True),  # the file adds to the story-independent cues
):
    with st.expander(f"{'Targets' if name == 'targets' else 'Framing lexicon'} ({len(items)})"):
        rows = [i.as_row() for i in items]
        path = knowledge_path(folder, name)
        knowledge_editor(name, path, rows, save, "framing_saved", adds)
