"""Compare: two to four articles side by side, matching passages marked alike."""

import hashlib
import html

import pandas as pd
import streamlit as st

from analysis.overlap.claims import is_omission, strengths
from analysis.overlap.compare import (
    align,
    claim_rows,
    compare_summary,
    most_different_pair,
    widest_story,
)
from analysis.pipeline import Analysis
from analysis.store.stored_overlap import member_text
from analysis.wording import every, quoted
from ui.charts import download
from ui.data import get_overlap
from ui.literal import md
from ui.page import start_page

GROUP_COLOURS = [
    "#fde68a", "#bfdbfe", "#bbf7d0", "#fbcfe8", "#ddd6fe", "#fed7aa",
    "#a5f3fc", "#d9f99d", "#fecaca", "#e9d5ff", "#99f6e4", "#fef08a",
]  # fmt: skip
STATUS_LABELS = {
    "shared": "shared wording",
    "paraphrased": "same claim, other words",
    "related": "related passage (shares words, not necessarily the fact)",
    "only here": "only here",
}

context = start_page(
    "Compare",
    "Read two to four articles side by side. Sentences that match across the columns carry the "
    "same colour and number: solid for shared wording, underlined for the same claim in other "
    "words, dashed for a related passage (shared words, not necessarily the same fact); "
    "unmarked sentences are only in that article. Sentences outside the sidebar selection "
    "are dimmed.",
)
analysis, selection, sentences = context.analysis, context.selection, context.sentences
articles = analysis.articles
ids = list(articles.index)
if len(ids) < 2:
    st.info("Comparing needs at least two articles in the corpus.")
    st.stop()
overlap = get_overlap(analysis)


def default_pair(analysis: Analysis, pool: pd.DataFrame) -> tuple[str, str]:
    """The two most different articles of ``pool``, once per analysis and pool (over a
    whole corpus of thousands of articles it takes a minute)."""
    key = hashlib.sha256("\n".join(pool["article_id"]).encode()).hexdigest()
    return _default_pair(analysis.key, key, pool, analysis.sentences)


@st.cache_data(show_spinner="Finding the two most different articles…", max_entries=8)
def _default_pair(key: str, pool_key: str, _pool, _sentences) -> tuple[str, str]:
    return most_different_pair(_pool, _sentences)


# each article as the pickers show it, "outlet — title": made once, not once per option
TITLES = dict(zip(ids, articles["outlet"] + " — " + articles["title"].str[:60], strict=True))


# Defaults come from the chosen story, else the story most outlets cover: two unrelated
# stories are "most different" trivially.
in_story = [a for a in ids if a in selection.story_articles]
widest = len(in_story) < 2
if widest:
    in_story = widest_story(articles, analysis.stories)
pool = articles.loc[in_story] if len(in_story) >= 2 else articles
if "compare_articles" not in st.session_state:
    linked = [a for a in dict.fromkeys(st.query_params.get_all("article")) if a in ids][:4]
    st.session_state["compare_articles"] = (
        linked if len(linked) >= 2 else list(default_pair(analysis, pool))
    )
    st.session_state["compare_offered_pool"] = len(linked) < 2
if widest and 2 <= len(in_story) < len(ids) and st.session_state.get("compare_offered_pool"):
    label = analysis.stories.set_index("article_id").at[in_story[0], "label"]
    st.caption(
        f"No story chosen: the two articles offered first are the most different of the story "
        f"most outlets cover, {quoted(md(label))} ({len(in_story)} articles). Pick a story in the "
        "sidebar, or any articles below."
    )
chosen = st.multiselect(
    "Articles (2 to 4)",
    ids,
    format_func=TITLES.__getitem__,
    max_selections=4,
    select_all=False,  # at most four fit: "Select all" would offer what cannot be had
    key="compare_articles",
    help="By default, the two most different articles (lowest TF-IDF similarity).",
)
st.query_params["article"] = chosen
if len(chosen) < 2:
    st.info("Choose at least two articles to compare.")
    st.stop()

alignment = align(chosen, analysis.sentences, overlap.reuse, overlap.members)
summary = compare_summary(alignment, overlap.claims, overlap.members)
in_selection = set(sentences.loc[sentences["article_id"].isin(chosen), "sentence_id"])

st.subheader("What they share, what each has alone")
if summary.shared_claims:
    st.markdown(
        f"**{every(len(chosen)).capitalize()} report** (strong match) "
        + "; ".join(quoted(md(c)) for c in summary.shared_claims[:8])
        + ("…" if len(summary.shared_claims) > 8 else "")
    )
else:
    st.markdown(f"**No claim is reported by {every(len(chosen), 'article')} as a strong match.**")
if summary.related_claims:
    st.markdown(
        f"**Related passages in {every(len(chosen))}** (shared words, but not "
        "checked as the same fact): "
        + "; ".join(quoted(md(c)) for c in summary.related_claims[:8])
        + ("…" if len(summary.related_claims) > 8 else "")
    )
table = summary.table.assign(article=summary.table["article_id"].map(TITLES))
st.dataframe(
    table[
        ["article", "n_sentences", "shared", "paraphrased", "related", "only_here", "claims_alone"]
    ],
    hide_index=True,
    key="compare_summary",
    column_config={
        "article": st.column_config.TextColumn("Article", width="large"),
        "n_sentences": "Sentences",
        "shared": st.column_config.NumberColumn("Shared wording", help="Sentences in a "
                                                "verbatim or near-verbatim shared passage"),
        "paraphrased": st.column_config.NumberColumn("Same claim", help="A strong match: "
                                                     "the same fact in other words"),
        "related": st.column_config.NumberColumn("Related", help="A related passage: "
                                                 "shared words, not necessarily the fact"),
        "only_here": "Only here",
        "claims_alone": "Claims alone",
    },
)  # fmt: skip
download(table.drop(columns=["alone_labels"]), "compare-summary", "Download the summary (CSV)")

mode = st.segmented_control(
    "Align", ["By paragraph", "By claim"], default="By paragraph", required=True, key="compare_mode"
)


def _quote_marks(article_id: str) -> list[tuple[int, int, str]]:
    quotes = analysis.quotes[analysis.quotes["article_id"] == article_id]
    return [
        (int(q.start), int(q.end), q.speaker if pd.notna(q.speaker) else "unknown speaker")
        for q in quotes.itertuples()
        if q.kind != "indirect"
    ]


def _sentence_html(text: str, row, quotes: list[tuple[int, int, str]], start: int) -> str:
    pieces, cursor = [], start
    end = start + len(text)
    for q_start, q_end, speaker in quotes:
        a, b = max(q_start, cursor), min(q_end, end)
        if a >= b:
            continue
        pieces.append(html.escape(text[cursor - start : a - start]))
        pieces.append(
            f'<span style="border-bottom:2px dotted #7c3aed" title="quote: {html.escape(speaker)}">'
            f"{html.escape(text[a - start : b - start])}</span>"
        )
        cursor = b
    pieces.append(html.escape(text[cursor - start :]))
    body = "".join(pieces)
    style = ""
    if pd.notna(row.match_group):
        colour = GROUP_COLOURS[(int(row.match_group) - 1) % len(GROUP_COLOURS)]
        style = {
            "shared": f"background:{colour}",
            "paraphrased": f"border-bottom:3px solid {colour};background:{colour}55",
        }.get(row.status, f"border-bottom:2px dashed {colour}")
        body += f'<sup style="color:#334155;font-size:0.7em"> {int(row.match_group)}</sup>'
    if row.sentence_id not in in_selection:
        style += ";opacity:0.35"
    label = html.escape(STATUS_LABELS[row.status])
    return f'<span title="{label}" style="{style}">{body}</span> '


def _column_html(article_id: str) -> str:
    rows = alignment[alignment["article_id"] == article_id]
    own = analysis.sentences[analysis.sentences["article_id"] == article_id]
    own = own.set_index("sentence_id")
    text, start = own["text"], own["start"]
    quotes = _quote_marks(article_id)
    paragraphs = []
    for _, group in rows.groupby("paragraph", sort=True):
        parts = [
            _sentence_html(text[r.sentence_id], r, quotes, int(start[r.sentence_id]))
            for r in group.itertuples()
        ]
        paragraphs.append(f'<p style="margin:0 0 0.7rem 0;line-height:1.55">{"".join(parts)}</p>')
    return "".join(paragraphs)


LEGEND = (
    '<div style="font-size:0.85rem;margin:0.2rem 0 0.6rem 0">'
    '<span style="background:#fde68a;padding:1px 6px">shared wording <sup>n</sup></span> · '
    '<span style="background:#fde68a55;border-bottom:3px solid #fde68a;padding:1px 6px">'
    "same claim, other words <sup>n</sup></span> · "
    '<span style="border-bottom:2px dashed #fde68a;padding:1px 6px">'
    "related passage <sup>n</sup></span> · "
    '<span style="padding:1px 6px;border:1px solid #e2e8f0">only here</span> · '
    '<span style="border-bottom:2px dotted #7c3aed">a quote (hover: speaker)</span> · '
    '<span style="opacity:0.35">outside the selection</span></div>'
)

if mode == "By paragraph":
    st.html(LEGEND)
    columns = st.columns(len(chosen))
    for column, article_id in zip(columns, chosen, strict=True):
        with column:
            st.markdown(f"**{md(articles.at[article_id, 'outlet'])}**")
            st.caption(md(articles.at[article_id, "title"]))
            st.html(f'<div style="font-size:0.92rem">{_column_html(article_id)}</div>')
    st.caption(
        "Same colour and number = the same passage or claim in another column. Solid "
        "background: shared wording (verbatim or near-verbatim); light background with an "
        "underline: the same claim in other words (a strong match: actors, numbers and event "
        "agree); dashed underline, no background: a related passage (shared words, not "
        "necessarily the same fact); no colour: only in this article. Dotted "
        "underline: a quote (hover for its speaker). Dimmed: outside the sidebar selection."
    )
else:
    mine = overlap.members[overlap.members["article_id"].isin(chosen)]
    rows = claim_rows(chosen, overlap.claims, member_text(mine, analysis.sentences))
    selected_claims = set(
        overlap.members.loc[overlap.members["sentence_id"].isin(in_selection), "claim_id"]
    )
    strength = strengths(
        overlap.members[overlap.members["sentence_id"].isin(alignment["sentence_id"])]
    )
    rows = rows.assign(strength=rows["claim_id"].map(strength))
    header = '<th style="text-align:left;padding:6px">Match</th>' + "".join(
        f'<th style="text-align:left;padding:6px;width:{95 / len(chosen):.0f}%">'
        f"{html.escape(TITLES[a])}</th>"
        for a in chosen
    )
    body = []
    for _, row in rows.iterrows():
        cells = [
            '<td style="vertical-align:top;padding:6px;border-top:1px solid #e2e8f0;'
            f'color:#475569">{row["strength"]}</td>'
        ]
        for article_id in chosen:
            text = row[article_id]
            carrying = sum(row[other] != "" for other in chosen if other != article_id)
            missing = (
                '<i style="color:#b91c1c">not reported</i>'
                if is_omission(carrying, len(chosen) - 1)
                else '<span style="color:#94a3b8">—</span>'
            )
            cells.append(
                '<td style="vertical-align:top;padding:6px;border-top:1px solid #e2e8f0">'
                + (html.escape(text) if text else missing)
                + "</td>"
            )
        dim = "" if row["claim_id"] in selected_claims else "opacity:0.35"
        body.append(f'<tr style="{dim}">{"".join(cells)}</tr>')
    st.html(
        '<table style="width:100%;border-collapse:collapse;font-size:0.9rem">'
        f"<thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
    st.caption(
        "One row per claim, the claims most of the chosen articles carry first. Match: "
        "strong when the sentences agree on actors, numbers and the event (the same fact), "
        "related when "
        "they only share words, single for one article's own claim. “Not "
        "reported” marks an omission: all the other chosen articles carry the claim, or at "
        "least two of them and a majority; “—”: the claim is another article's own. Dimmed "
        "rows lie outside the sidebar selection."
    )
    download(rows, "compare-by-claim", "Download the claim alignment (CSV)")
