"""Voices: whom each outlet quotes, how much, from which side, and how often nobody."""

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from analysis.knowledge.derive.drafts import knowledge_drafts, write_drafts
from analysis.pipeline import DERIVED, UNKNOWN_SPEAKER, knowledge_path
from analysis.voices.share import (
    GROUP_SIDE,
    OTHER_SIDES,
    counted_voices,
    outlet_voice_summary,
    share_of_voice,
    speaker_labels,
    speaker_matrix,
    speaker_overlap,
    with_other_sides,
)
from analysis.voices.speakers import UNAFFILIATED, assign_affiliation
from analysis.wording import plural
from ui.charts import PLOTLY, download, heatmap, style
from ui.data import knowledge_folder
from ui.evidence import show_text
from ui.literal import md, plot
from ui.page import knowledge_note, start_page

# Colours for the corpus's own sides, most quoted first.
SIDE_PALETTE = (
    "#dc2626", "#2563eb", "#eab308", "#7c3aed", "#0891b2", "#059669", "#ea580c", "#db2777",
    "#65a30d", "#0d9488", "#9333ea", "#ca8a04", "#475569", "#be123c",
)  # fmt: skip
FIXED_COLORS = {UNAFFILIATED: "#a8a29e", UNKNOWN_SPEAKER: "#e2e8f0"}
OTHER_COLOR = "#57534e"
SIDES_DRAWN = 10  # the most quoted sides drawn; the others are summed as Other sides
OUTLETS_LISTED, NAMES_LISTED = 12, 15  # under "Only in": most speakers of their own first
QUOTES_LISTED = 2_000  # rows the quote browser shows, in its order (the download has all)


def side_colors(sides: pd.Series) -> dict[str, str]:
    """A colour per side: the corpus's sides by quote count, then Unaffiliated and Unknown."""
    counted = sides.value_counts()
    ranked = [s for s in counted.index if s not in FIXED_COLORS]
    colors = {s: SIDE_PALETTE[i % len(SIDE_PALETTE)] for i, s in enumerate(ranked)}
    return colors | {s: c for s, c in FIXED_COLORS.items() if s in counted.index}


def drawn_colors(sides: list[str], colors: dict[str, str]) -> dict[str, str]:
    """A distinct colour per drawn side, in legend order: the corpus's sides most quoted
    first with their own colour (a free one when a more quoted drawn side has it), then
    Other sides, then Unaffiliated and Unknown."""
    present = set(sides)
    ranked = [s for s in colors if s in present and s not in FIXED_COLORS]
    ranked += [s for s in sides if s not in colors and s not in (OTHER_SIDES, *FIXED_COLORS)]
    drawn: dict[str, str] = {}
    for side in ranked:
        color = colors.get(side)
        if color is None or color in drawn.values():
            free = [c for c in SIDE_PALETTE if c not in drawn.values()]
            color = free[0] if free else SIDE_PALETTE[len(drawn) % len(SIDE_PALETTE)]
        drawn[side] = color
    if OTHER_SIDES in present:
        drawn[OTHER_SIDES] = OTHER_COLOR
    return drawn | {s: c for s, c in FIXED_COLORS.items() if s in present}


@st.cache_resource(show_spinner=False, max_entries=4)
def corpus_unaffiliated(key: str, _quotes: pd.DataFrame) -> list[str]:
    """The identified speakers without a side in the analysis ``key``, sorted, once."""
    return sorted(_quotes.loc[_quotes["affiliation"] == UNAFFILIATED, "speaker"].dropna().unique())


@st.cache_resource(show_spinner=False, max_entries=4)
def corpus_side_colors(key: str, _quotes: pd.DataFrame) -> dict[str, str]:
    """:func:`side_colors` of every quote of the analysis ``key``, once."""
    return side_colors(_quotes["affiliation"])


@st.cache_resource(show_spinner=False, max_entries=8)
def browser_order(
    view: str,
    sides: tuple[str, ...],
    order_by: str,
    contains: str,
    _quotes: pd.DataFrame,
    _articles: pd.DataFrame,
) -> np.ndarray:
    """Positions in ``_quotes`` (those of ``view``) of the quote browser's rows, in its order:
    the quotes of an article (with a title), of ``sides``, holding ``contains``, sorted by
    ``order_by``. Once per view and choice: on 196,720 quotes this took 0.35 s a rerun, and
    positions hold no copy of the quotes."""
    browser = _quotes[["article_id", "outlet", "speaker", "affiliation", "text", "start"]]
    browser = browser.assign(words=_quotes["words"], row=np.arange(len(_quotes)))
    browser = browser[browser["article_id"].isin(_articles["article_id"])]  # as a merge keeps
    if sides:
        browser = browser[browser["affiliation"].isin(sides)]
    if contains:
        browser = browser[browser["text"].str.contains(contains, case=False, regex=False)]
    sort_columns = {
        "Position in article": ["article_id", "start"],
        "Outlet": ["outlet", "start"],
        "Speaker": ["speaker", "start"],
        "Length": ["words"],
    }[order_by]
    browser = browser.sort_values(
        sort_columns, ascending=order_by != "Length", na_position="last", ignore_index=True
    )
    return browser["row"].to_numpy()


def browser_rows(
    quotes: pd.DataFrame, articles: pd.DataFrame, positions: np.ndarray
) -> pd.DataFrame:
    """The quote browser's rows at ``positions`` of ``quotes``: with their article's title and
    the speaker as shown (:func:`speaker_labels`)."""
    rows = quotes.iloc[positions].reset_index(drop=True)
    rows["title"] = articles["title"].reindex(rows["article_id"]).to_numpy()
    rows["speaker"] = speaker_labels(rows, UNKNOWN_SPEAKER)
    return rows


@dataclass(frozen=True)
class VoiceTables:
    """The page's figures of one selection: small tables, kept while the quotes are not."""

    summary: pd.DataFrame  # outlet_voice_summary
    shares: pd.DataFrame  # share_of_voice
    matrix: pd.DataFrame  # speaker_matrix
    pairs: pd.DataFrame  # speaker_overlap
    speakers: pd.DataFrame
    evidence: pd.DataFrame  # the quoted speakers' rows of the speakers table


@st.cache_resource(show_spinner=False, max_entries=8)
def voice_tables(
    view: str, _quotes: pd.DataFrame, _analysis, _articles, groups: bool
) -> VoiceTables:
    """The figures of the quotes of ``view`` (the analysis, the selection, the quote kinds
    and whether groups count), once: over a corpus's 200,000 quotes and hundreds of outlets
    they take a second, and a filter change back to a view seen before reads them."""
    voices = counted_voices(_quotes, groups)
    pairs, speakers = speaker_overlap(voices)
    known = _analysis.speakers
    evidence = known[known["speaker"].isin(_quotes["speaker"].dropna().unique())]
    return VoiceTables(
        outlet_voice_summary(_quotes, _articles),
        share_of_voice(voices),
        speaker_matrix(voices),
        pairs,
        speakers,
        evidence.sort_values(["affiliation", "quotes"], ascending=[True, False]),
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def share_figure(view: str, _shares: pd.DataFrame, _colors: dict[str, str]) -> go.Figure:
    """The share of voice: one stacked bar trace per side (of :func:`with_other_sides`: a few),
    in the order of ``_colors``, made once per ``view`` (the analysis and the selection)."""
    colors = _colors
    present = list(_shares["affiliation"].unique())
    order = [a for a in colors if a in set(present)] + [a for a in present if a not in colors]
    rows_of = _shares.groupby("affiliation", sort=False).indices
    share, quotes = _shares["share"].to_numpy(), _shares["quotes"].to_numpy()
    sides = _shares["sides"].to_numpy()
    outlet = [plot(o) for o in _shares["outlet"].to_numpy()]
    traces = [
        go.Bar(
            x=share[rows],
            y=[outlet[i] for i in rows],
            name=plot(side),
            legendgroup=plot(side),
            marker_color=colors.get(side),
            orientation="h",
            customdata=[
                [
                    plot(side),
                    plural(int(n), "quote"),
                    f" from {k:,} sides" if side == OTHER_SIDES else "",
                ]
                for n, k in zip(quotes[rows], sides[rows])
            ],
            hovertemplate="<b>%{y}</b><br>%{customdata[0]}: %{customdata[1]}"
            "%{customdata[2]}, %{x:.0%}<extra></extra>",
            text=quotes[rows],
            textposition="inside",
        )
        for side in order
        for rows in [rows_of[side]]
    ]
    fig = go.Figure(
        traces,
        layout=dict(
            barmode="relative",
            xaxis_title_text="Share of the outlet's quotes",
            yaxis_title_text="",
            legend_title_text="Side",
            legend_tracegroupgap=0,
        ),
    )
    fig.update_xaxes(tickformat=".0%", range=[0, 1.001], dtick=0.25)
    fig.update_yaxes(categoryorder="category descending")
    # the legend above the bars (style's): below, its distance grows with the outlets; and room
    # for it on a phone, where its entries take a row each and it may fill half the height
    height = 150 + 42 * _shares["outlet"].nunique() + 20 * len(traces)
    return style(fig, height)


KIND_LABELS = {"full": "Full quote", "partial": "Partial quote", "indirect": "Reported speech"}

context = start_page(
    "Voices",
    "Who gets a voice: quotes (full, partial and reported speech) per outlet, their speakers "
    "and the side each speaker belongs to. “Unknown speaker” is an honest answer: the tool "
    "never guesses a speaker from mere proximity.",
    needs="quotes",
)
analysis, selection, quotes = context.analysis, context.selection, context.quotes

kinds = st.pills(
    "Quote kinds",
    list(KIND_LABELS),
    default=list(KIND_LABELS),
    selection_mode="multi",
    format_func=KIND_LABELS.get,
    key="voices_kinds",
)
if set(kinds or []) != set(KIND_LABELS):
    quotes = quotes[quotes["kind"].isin(kinds or [])]
if quotes.empty:
    st.info("No quotes of the chosen kinds in the selection; choose another kind above.")
    st.stop()
groups = st.toggle(
    "Count groups as voices",
    value=False,
    key="voices_groups",
    help="Groups (“Republicans”, “officials”, “critics”, “the union”) speak as many, never as "
    "a person. Off: share of voice, who is quoted where and speaker overlap count people and "
    "organisations (and unknown speakers). On: each group counts too, on the side “Group”.",
)
view = f"{analysis.key}|{selection!r}|{len(context.discounted)}|{sorted(kinds)}|{groups}"
tables = voice_tables(view, quotes, analysis, context.articles, groups)

st.subheader("Quoting per outlet")
summary = tables.summary
st.dataframe(
    summary.assign(unknown_speaker_rate=100 * summary["unknown_speaker_rate"]),
    hide_index=True,
    key="voices_summary",
    column_config={
        "outlet": st.column_config.TextColumn("Outlet", width="medium"),
        "articles": "Articles",
        "words": "Words",
        "quotes": "Quotes",
        "unknown_speaker": "Without speaker",
        "quotes_per_article": st.column_config.NumberColumn("Quotes / article", format="%.1f"),
        "quotes_per_1000_words": st.column_config.NumberColumn(
            "Quotes / 1,000 words", format="%.1f"
        ),
        "unknown_speaker_rate": st.column_config.ProgressColumn(
            "Unknown-speaker rate", format="%.0f%%", min_value=0, max_value=100
        ),
    },
)
st.caption(
    "Quotes in the selected sentences, per outlet; words count the outlet's articles in the "
    "selection. Unknown speaker: the share of its quotes with no identifiable speaker "
    "(scare quotes and unattributed phrases included)."
)
download(summary, "voices-per-outlet", "Download the per-outlet figures (CSV)")

unknown = summary.sort_values("unknown_speaker_rate")
fig = px.bar(
    unknown.assign(outlet=unknown["outlet"].map(plot)),
    x="unknown_speaker_rate",
    y="outlet",
    orientation="h",
    text=unknown["unknown_speaker"].astype(str) + " of " + unknown["quotes"].astype(str),
    labels={"unknown_speaker_rate": "Unknown-speaker rate", "outlet": ""},
    color_discrete_sequence=["#94a3b8"],
)
fig.update_traces(
    textposition="outside",
    cliponaxis=False,
    hovertemplate="<b>%{y}</b><br>%{text} quotes without a speaker (%{x:.0%})<extra></extra>",
)
# room right of 100 % for its "n of m" label; ticks stop at 100 %
fig.update_xaxes(tickformat=".0%", range=[0, 1.2], tickvals=[0, 0.25, 0.5, 0.75, 1])
st.plotly_chart(style(fig, 110 + 36 * len(unknown)), key="voices_unknown", config=PLOTLY)
st.caption(
    "Unknown-speaker rate per outlet: the share of its quotes whose speaker the tool could not "
    "identify (label: count of all quotes). Open them in the quote browser below (sort by "
    "speaker: unknown speakers come last)."
)

st.subheader("Share of voice by side")
shares = tables.shares
drawn, summed = with_other_sides(shares, SIDES_DRAWN, always=[*FIXED_COLORS, GROUP_SIDE])
colors = corpus_side_colors(analysis.key, analysis.quotes)
st.plotly_chart(
    share_figure(view, drawn, drawn_colors(list(drawn["affiliation"].unique()), colors)),
    key="voices_share",
    config=PLOTLY,
)
st.caption(
    "Each bar is one outlet's quotes (100%), split by the side of the speaker; the number in "
    "each segment is the count of quotes. A speaker's side comes from speakers.csv or, without "
    "one, from what the text says about the speaker (party, government, organisation, analyst, "
    "media: the evidence is listed below); otherwise Unaffiliated until you assign one below."
    + (
        f" The {SIDES_DRAWN} most quoted sides of the selection are drawn; the other "
        f"{summed:,} are summed as “{OTHER_SIDES}” (hover a segment for how many); the download "
        "has every side."
        if summed
        else ""
    )
)
download(shares, "share-of-voice", "Download the share of voice (CSV)")
knowledge_note({"speakers": analysis.knowledge_sources.get("speakers", DERIVED)})
with st.expander("Why each speaker has their side", icon=":material/fact_check:"):
    evidence = tables.evidence
    st.dataframe(
        evidence,
        hide_index=True,
        column_config={
            "speaker": "Speaker",
            "affiliation": "Side",
            "evidence": st.column_config.TextColumn(
                "Evidence", help="The words of the text that give the side", width="large"
            ),
            "quotes": "Quotes",
        },
        key="voices_sides_evidence",
    )
    download(evidence, "speaker-sides", "Download the sides and their evidence (CSV)")

st.subheader("Who is quoted where")
matrix = tables.matrix
if matrix.empty:
    st.info("No quote in the selection has an identified speaker.")
else:
    ranking = matrix.groupby("speaker")["quotes"].sum().sort_values(ascending=False)
    top_n = len(ranking)
    if len(ranking) > 10:
        slider, _ = st.columns([1, 2])
        top_n = slider.slider(
            "Speakers shown", 5, len(ranking), min(20, len(ranking)), key="voices_top"
        )
    chosen = list(ranking.index[:top_n])
    grid = matrix[matrix["speaker"].isin(chosen)]
    values = grid.pivot(index="speaker", columns="outlet", values="quotes").reindex(chosen)
    words = grid.pivot(index="speaker", columns="outlet", values="words").reindex(chosen)
    hover = pd.DataFrame(
        [
            [
                f"{plot(speaker)}<br>{plot(outlet)}: "
                f"{plural(0 if pd.isna(n) else int(n), 'quote')}, "
                f"{0 if pd.isna(w) else int(w)} words quoted"
                for outlet, n, w in zip(values.columns, values.loc[speaker], words.loc[speaker])
            ]
            for speaker in values.index
        ],
        index=values.index,
        columns=values.columns,
    )
    st.plotly_chart(
        heatmap(values, hover, "Quotes", text_format="{:.0f}", colorscale="Purples"),
        key="voices_matrix",
        config=PLOTLY,
    )
    st.caption(
        f"The {len(chosen)} most quoted speakers (rows) by outlet (columns): number of quotes "
        "in each cell, words quoted on hover; empty cells mean the outlet does not quote them."
    )
    download(grid, "speaker-by-outlet", "Download the speaker × outlet counts (CSV)")

st.subheader("Speaker overlap between outlets")
pairs, speakers = tables.pairs, tables.speakers
if pairs.empty:
    st.info("Speaker overlap needs at least two outlets in the selection.")
else:
    col_a, col_b = st.columns([3, 2])
    with col_a:
        st.dataframe(
            pairs,
            hide_index=True,
            key="voices_pairs",
            column_order=["outlet_a", "outlet_b", "jaccard", "shared", "union"],
            column_config={
                "outlet_a": st.column_config.TextColumn("Outlet A", width="medium"),
                "outlet_b": st.column_config.TextColumn("Outlet B", width="medium"),
                "shared": "Shared speakers",
                "union": "All speakers",
                "jaccard": st.column_config.NumberColumn("Jaccard", format="%.2f"),
            },
        )
        st.caption(
            "Jaccard: speakers both outlets quote, divided by speakers either quotes "
            "(1 = the same people, 0 = nobody in common)."
        )
        download(pairs, "speaker-overlap", "Download the speaker overlap (CSV)")
    with col_b:
        everyone = speakers[speakers["quoted_by_all"]]["speaker"].tolist()
        st.markdown("**Quoted by every outlet:** " + (", ".join(map(md, everyone)) or "nobody"))
        alone = speakers[speakers["quoted_by_one_only"]]
        by_outlet = alone.groupby("only_outlet")["speaker"]
        ranked = by_outlet.size().sort_values(ascending=False, kind="stable")
        for outlet in ranked.index[:OUTLETS_LISTED]:
            names = by_outlet.get_group(outlet).tolist()
            more = len(names) - NAMES_LISTED
            listed = ", ".join(map(md, names[:NAMES_LISTED])) + (
                f" and {more:,} more" if more > 0 else ""
            )
            st.markdown(f"**Only in {md(outlet)}:** {listed}")
        if len(ranked) > OUTLETS_LISTED or (ranked > NAMES_LISTED).any():
            st.caption(
                f"The {min(len(ranked), OUTLETS_LISTED)} of {len(ranked):,} outlets with the most "
                f"speakers of their own, {NAMES_LISTED} names each; the download lists every "
                "speaker and the outlets quoting them."
            )
        download(speakers, "speakers-by-outlets", "Download who quotes each speaker (CSV)")

st.subheader("Quote browser")
col_a, col_b, col_c = st.columns(3)
sides = col_a.multiselect(
    "Side", sorted(quotes["affiliation"].unique()), key="voices_sides", placeholder="All sides"
)
order_by = col_b.selectbox(
    "Sort by", ["Position in article", "Outlet", "Speaker", "Length"], key="voices_sort"
)
contains = col_c.text_input("Quote contains", key="voices_contains")
order = browser_order(view, tuple(sides), order_by, contains.strip(), quotes, analysis.articles)
listed = browser_rows(quotes, analysis.articles, order[:QUOTES_LISTED])
columns = ["outlet", "kind", "speaker", "affiliation", "cue", "text", "words", "attribution"]
columns += ["speaker_kind"] if "speaker_kind" in listed else []
picked = st.dataframe(
    listed[columns].fillna({"cue": "—"}),
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="voices_browser",
    column_config={
        "outlet": "Outlet",
        "kind": "Kind",
        "speaker": "Speaker",
        "affiliation": "Side",
        "cue": "Cue",
        "text": st.column_config.TextColumn("Quote", width="large"),
        "words": st.column_config.NumberColumn("Words", format="%d"),
        "attribution": "Attribution",
        "speaker_kind": "Speaker kind",
    },
)
shown_note = (
    f", the first {QUOTES_LISTED:,} shown in this order (narrow them with the side, text and "
    "sidebar filters; the download has them all)"
    if len(order) > QUOTES_LISTED
    else ""
)
st.caption(
    f"{plural(len(order), 'quote')}{shown_note}. Attribution: explicit (the speaker is named at "
    "the cue), carried (a pronoun or role pointing back to the last named person), outlet (the "
    "outlet's own words: “we noted”), none. "
    "Speaker kind: person, organisation, group (“group: Republicans”: many speak, never one "
    "person), unnamed (named by a role only, “a spokesman”: an unknown speaker) or none. "
    "Click a row to see the quote in its paragraph."
)
download(
    lambda: browser_rows(quotes, analysis.articles, order)[
        [*columns, "article_id", "title", "start", "end"]
    ],
    "quotes",
    "Download these quotes (CSV)",
)
rows = picked.selection.rows if picked else []
if rows:
    quote = listed.iloc[rows[0]]
    text = analysis.text_of(quote["article_id"])
    paragraphs = analysis.paragraphs[analysis.paragraphs["article_id"] == quote["article_id"]]
    around = paragraphs[
        (paragraphs["start"] <= quote["end"]) & (paragraphs["end"] >= quote["start"])
    ]
    lo = int(min(around["start"].min(), quote["start"]))
    hi = int(max(around["end"].max(), quote["end"]))
    marks = [(quote["start"] - lo, quote["end"] - lo, "quote")]
    for kind, start, end in (
        ("cue", quote["cue_start"], quote["cue_end"]),
        ("speaker", quote["mention_start"], quote["mention_end"]),
    ):
        if pd.notna(start) and lo <= start < hi:
            marks.append((int(start) - lo, int(end) - lo, kind))
    st.markdown(f"**{md(quote['outlet'])}** · {md(quote['title'])}")
    show_text(text[lo:hi], marks)
    st.caption("Purple: the quote · red: the cue · green: the words naming the speaker.")

st.subheader("Assign a side to unaffiliated speakers")
if saved := st.session_state.pop("voices_saved", None):
    st.success(saved)
unaffiliated = corpus_unaffiliated(analysis.key, analysis.quotes)
if not unaffiliated:
    st.caption("Every identified speaker has a side.")
else:
    with st.form("assign_side"):
        col_a, col_b = st.columns(2)
        speaker = col_a.selectbox("Speaker", unaffiliated, key="assign_speaker")
        sides = [s for s in colors if s not in FIXED_COLORS]
        side = col_b.selectbox(
            "Side",
            sides,
            index=None,
            placeholder="Choose a side or type a new one",
            accept_new_options=True,
            key="assign_side",
            help="The sides of this corpus, or a new one (a party, a country, an organisation).",
        )
        submitted = st.form_submit_button("Save to speakers.csv")
    if submitted and side is None:
        st.warning("Choose a side first.")
    elif submitted:
        path = knowledge_path(knowledge_folder(), "speakers")  # beside the analyst's corpus
        try:
            if not path.exists():
                # Keep the derived sides: the file replaces them once it exists.
                drafts = knowledge_drafts(pd.DataFrame(), analysis.speakers, analysis.sentences)
                write_drafts(path.parent, drafts, ("speakers",))
            assign_affiliation(path, speaker, side)
        except (OSError, ValueError) as exc:
            st.error(f"Not saved: {md(str(exc))}")
        else:
            st.session_state["voices_saved"] = (
                f"Saved: {md(speaker)} is now {md(side)} in {md(path.name)}."
            )
            st.rerun()
