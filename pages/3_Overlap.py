"""Overlap: what the outlets share, what each reported alone, and what each left out."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.overlap.claim_match import RELATED, STRONG
from analysis.overlap.claims import coverage_matrix, exclusives, strengths
from analysis.overlap.summary import everywhere_wording, omissions_by_story
from analysis.pipeline import UNKNOWN_SPEAKER
from analysis.store.stored_overlap import WholeCorpus, labelled, member_text, passage_text
from analysis.voices.share import speaker_overlap
from analysis.wording import every, plural
from ui.charts import PLOTLY, clicked_cell, download, heatmap
from ui.data import get_overlap
from ui.evidence import show_sentences
from ui.literal import md, plot
from ui.overlap_views import first_labelled_rows, speakers_of_their_own, whole_corpus
from ui.page import start_page

context = start_page(
    "Overlap",
    "Claims (sentences of different articles that report the same thing), the outlets that "
    "carry each one, what each outlet left out, the quotes several outlets share, and the "
    "passages articles reuse (wire copy, syndication, the same statement).",
)
MAX_OUTLETS = 30  # most outlets drawn as matrix columns or listed with omissions
MAX_ROWS = 500  # most rows of a long table drawn on the page; the downloads have all

analysis, selection, sentences = context.analysis, context.selection, context.sentences
view = f"{analysis.key}|{selection!r}|{len(context.discounted)}"
overlap = get_overlap(analysis)
members = overlap.members
narrowed = len(sentences) < len(analysis.sentences) or bool(selection.speakers)
whole = None if narrowed else whole_corpus(analysis, overlap, context.quotes)
outlets = sorted(sentences["outlet"].unique())
chosen_articles = set(sentences["article_id"].unique())
if narrowed:
    members = members[members["sentence_id"].isin(sentences["sentence_id"])]
    carriers = members.groupby("claim_id")["outlet"].nunique()
    claims = overlap.claims[overlap.claims["claim_id"].map(carriers).notna()].assign(
        n_outlets=lambda c: c["claim_id"].map(carriers),
        strength=lambda c: c["claim_id"].map(strengths(members)),
    )
else:  # every member: the claims table's own counts and strengths
    claims = overlap.claims
shared_claims = claims[claims["n_outlets"] >= 2]


@st.cache_resource(show_spinner=False, max_entries=8)
def reuse_chart(
    view: str, _reuse: pd.DataFrame, _whole: WholeCorpus | None, _articles: pd.DataFrame
) -> tuple[go.Figure, bool]:
    """The heat map of the words two outlets' articles reuse (of the ``MAX_OUTLETS`` outlets
    reusing most) and whether more outlets reuse any, once per ``view``: over 455,000
    passages the sums and the figure took a third of each rerun."""
    if _whole is None:
        words = _reuse.assign(words=passage_text(_reuse, _articles)["text_a"].str.split().str.len())
    else:
        words = _reuse.assign(words=_whole.reuse_words.loc[_reuse.index])
    pair = words.groupby(["outlet_a", "outlet_b"])["words"].sum()
    both = pd.concat([pair.groupby(level=0).sum(), pair.groupby(level=1).sum()])
    names = sorted(both.groupby(level=0).sum().nlargest(MAX_OUTLETS).index)
    pair = pair[
        pair.index.get_level_values(0).isin(names) & pair.index.get_level_values(1).isin(names)
    ]
    one_way = pair.unstack(fill_value=0).reindex(index=names, columns=names, fill_value=0)
    grid = (one_way + one_way.T).astype(float)  # both directions (a pair within one outlet: 2x)
    hover = pd.DataFrame(
        [
            [
                f"{plot(a)} ↔ {plot(b)}: {int(n)} words reused"
                for b, n in zip(names, row, strict=True)
            ]
            for a, row in zip(names, grid.to_numpy(), strict=True)
        ],
        index=names,
        columns=names,
    )
    figure = heatmap(
        grid.where(grid > 0), hover, "Words", text_format="{:.0f}", colorscale="Oranges"
    )
    return figure, len(both.index.unique()) > MAX_OUTLETS


@st.cache_resource(show_spinner=False, max_entries=8)
def most_similar_passages(
    view: str,
    _reuse: pd.DataFrame,
    _whole: WholeCorpus | None,
    every: int,
    _articles: pd.DataFrame,
) -> pd.DataFrame:
    """The ``MAX_ROWS`` most similar of the ``_reuse`` passages (of ``every`` in the corpus)
    with their text, once per ``view``."""
    if len(_reuse) <= MAX_ROWS:
        top = _reuse
    elif _whole is not None and len(_reuse) == every:
        top = _reuse.loc[_whole.most_similar[:MAX_ROWS]]
    else:
        top = _reuse.sort_values("similarity", ascending=False, kind="stable").head(MAX_ROWS)
    return passage_text(top, _articles)


def _short(label: str, limit: int = 60) -> str:
    """A claim label short enough for one axis line, cut at a word."""
    return label if len(label) <= limit else label[:limit].rsplit(" ", 1)[0] + "…"


STRENGTH_COLOURS = {STRONG: "Greens", RELATED: "Oranges"}
STRENGTH_NAMES = {
    STRONG: "strong match: the same fact (actors, numbers, event agree)",
    RELATED: "related: shared words, not checked as the same fact",
}


def _colour_by_strength(fig: go.Figure, row_strengths: list[str]) -> None:
    """Cells of strong claims green, of related ones orange, with a legend.

    The coverage heat map (trace 0, every cell's sentence count) keeps its
    numbers; a copy restricted to the related rows is laid over it in another
    colour, below the click markers, and the colour bar gives way to a legend.
    """
    base = fig.data[0]
    z = np.array(base.z, dtype=float)
    high = 1.6 * base.zmax  # the most sentences is a mid tone, where the two hues differ most
    related = np.array([s == RELATED for s in row_strengths])
    over = go.Heatmap(
        z=np.where(related[:, None], z, np.nan),
        x=base.x,
        y=base.y,
        text=base.text,
        texttemplate="%{text}",
        customdata=base.customdata,
        hovertemplate=base.hovertemplate,
        colorscale=STRENGTH_COLOURS[RELATED],
        zmin=0,
        zmax=high,
        showscale=False,
        xgap=base.xgap,
        ygap=base.ygap,
    )
    base.update(colorscale=STRENGTH_COLOURS[STRONG], zmax=high, showscale=False)
    keys = [
        go.Scatter(
            x=[None], y=[None], mode="markers", name=STRENGTH_NAMES[kind],
            marker=dict(symbol="square", size=14, color=colour),
        )
        for kind, colour in ((STRONG, "#2e7d32"), (RELATED, "#ef6c00"))
    ]  # fmt: skip
    rest = fig.data[1:]
    fig.add_traces([over, *keys])
    fig.data = (fig.data[0], fig.data[len(rest) + 1], *fig.data[1 : len(rest) + 1], *fig.data[-2:])
    fig.update_layout(
        showlegend=True,
        legend=dict(orientation="h", yanchor="top", y=-0.02, x=0, title_text="Match"),
    )


cols = st.columns(4)
cols[0].metric("Claims shared by 2+ outlets", f"{len(shared_claims):,}")
everywhere = claims[claims["n_outlets"] == len(outlets)]
cols[1].metric(
    f"{every(len(outlets), 'outlet').capitalize()} report",
    f"{(everywhere['strength'] == STRONG).sum():,}",
    help="Claims every outlet carries as a strong match: actors, numbers and the event agree.",
)
quote_groups = overlap.shared_quotes[
    overlap.shared_quotes["members"].map(
        lambda group: len({m["outlet"] for m in group if m["article_id"] in chosen_articles}) >= 2
    )
]
cols[2].metric("Quotes in 2+ outlets", f"{len(quote_groups):,}")
cols[3].metric("Article pairs with shared copy", f"{int(overlap.copies['shared_copy'].sum()):,}")
if len(outlets) > 1:
    st.markdown(
        everywhere_wording(
            len(outlets),
            int((everywhere["strength"] == STRONG).sum()),
            int((everywhere["strength"] == RELATED).sum()),
        )
    )
stories = analysis.stories
if context.articles is not analysis.articles:
    stories = stories[stories["article_id"].isin(chosen_articles)]
n_stories = stories["story"].nunique()
if n_stories > 1:
    st.info(
        f"The selection spans {n_stories:,} stories. Claims, omissions and shared quotes are "
        "found within each story; pick one with **Story** in the sidebar to compare the "
        "outlets that covered it.",
        icon="🗂️",
    )

st.subheader("Claim coverage")
if shared_claims.empty:
    st.info("No claim in the selection is carried by two or more outlets.")
else:
    left, right = st.columns([1, 2])
    min_outlets = 2
    if len(outlets) > 2:
        min_outlets = left.slider(
            "Carried by at least", 2, len(outlets), 2, key="overlap_min", format="%d outlets"
        )
    kept = claims[claims["n_outlets"] >= min_outlets].sort_values("n_outlets", ascending=False)
    limit = len(kept)
    if len(kept) > 10:
        limit = right.slider("Claims shown", 10, min(len(kept), 80), 25, key="overlap_limit")
    kept = kept.head(limit)
    matrix = coverage_matrix(kept, members[members["claim_id"].isin(kept["claim_id"])])
    shown_outlets = [o for o in outlets if o in matrix.columns]
    if len(shown_outlets) > MAX_OUTLETS:
        busiest = (matrix > 0).sum().sort_values(ascending=False, kind="stable")
        shown_outlets = sorted(busiest.index[:MAX_OUTLETS])
        st.caption(
            f"The {MAX_OUTLETS} outlets carrying most of these claims are drawn, of "
            f"{(matrix > 0).any().sum():,}; the download has every outlet."
        )
    full_matrix = matrix.reindex(columns=outlets, fill_value=0)
    matrix = matrix.reindex(columns=shown_outlets, fill_value=0)
    labels = kept.set_index("claim_id")["label"]
    strength = kept.set_index("claim_id")["strength"]
    rows = [f"{cid} · {_short(labels[cid])}" for cid in matrix.index]
    values = matrix.set_axis(rows).where(matrix.set_axis(rows) > 0)
    hover = pd.DataFrame(
        [
            [
                f"{cid} ({strength[cid]} match): {plot(labels[cid])}<br>"
                f"{plot(outlet)}: {plural(int(n), 'sentence')}"
                for outlet, n in row.items()
            ]
            for cid, row in matrix.iterrows()
        ],
        index=rows,
        columns=matrix.columns,
    )
    fig = heatmap(
        values,
        hover,
        "Sentences",
        text_format="{:.0f}",
        colorscale="Greens",
        row_wrap=30,
        clickable=True,
    )
    fig.update_yaxes(tickfont=dict(size=12))
    _colour_by_strength(fig, [strength[cid] for cid in matrix.index])
    event = st.plotly_chart(
        fig, key="overlap_matrix", config=PLOTLY, on_select="rerun", selection_mode="points"
    )
    if cell := clicked_cell(event, "overlap_matrix_clicked"):
        st.session_state["overlap_claim"] = cell[1].split(" · ")[0]
    st.caption(
        "Rows: claims, most widely carried first; columns: outlets; a cell counts the outlet's "
        "sentences that report the claim; an empty cell means the outlet does not carry it. "
        "Claims group sentences by TF-IDF similarity (average linkage, blocked search); a "
        "strong match agrees on actors, numbers and the event (the same fact), a related one "
        "only shares words: green cells are strong matches, orange ones related (see the "
        "legend; hover a cell for the strength). "
        "Click a row to open its sentences below."
    )
    download(
        full_matrix.assign(
            label=labels.reindex(matrix.index), strength=strength.reindex(matrix.index)
        ).reset_index(),
        "claim-coverage",
        "Download the coverage matrix (CSV)",
    )
    with st.expander("Open a claim: the sentences behind it", expanded=True):
        claim_id = st.selectbox(
            "Claim",
            list(matrix.index),
            format_func=lambda c: f"{c} · {strength[c]} · {labels[c]}",
            key="overlap_claim",
        )
        behind = member_text(members[members["claim_id"] == claim_id], analysis.sentences).merge(
            analysis.articles[["article_id", "title"]].reset_index(drop=True), on="article_id"
        )
        show_sentences(behind)

st.subheader("Omissions and exclusives")
if len(outlets) < 2:
    st.info("Omissions need at least two outlets in the selection.")
else:
    if whole is None:  # the labels are looked up for the rows shown, as in a build's tables
        missing = omissions_by_story(overlap.claims, members).drop(columns="label")
        only = exclusives(claims, members).drop(columns="label")
    else:
        missing, only = whole.omissions, whole.exclusives
    st.caption(
        "Left out: claims of a story this outlet covered but does not carry, although all the "
        "other outlets covering it do, or at least two of them and a majority; each line names "
        "the outlets that carry it. Only here: claims no other outlet in the selection carries."
    )
    gone_of, only_of = missing.groupby("outlet"), only.groupby("outlet")
    count = (
        pd.DataFrame({"gone": gone_of.size(), "only": only_of.size()}, index=outlets)
        .fillna(0)
        .astype(int)
    )
    listed = count.sort_values(["gone", "only"], ascending=False, kind="stable").index
    if len(listed) > MAX_OUTLETS:
        st.caption(
            f"The {MAX_OUTLETS} outlets with most omissions are listed, of {len(listed):,}; "
            "the downloads have every outlet."
        )
    drawn = sorted(listed[:MAX_OUTLETS])
    gone_shown = first_labelled_rows(f"{view}|omissions", missing, overlap.claims, drawn, 41)
    only_shown = first_labelled_rows(f"{view}|exclusives", only, overlap.claims, drawn, 41)
    for outlet in drawn:
        gone, alone = gone_shown[outlet], only_shown[outlet]
        n_gone, n_alone = int(count.at[outlet, "gone"]), int(count.at[outlet, "only"])
        with st.expander(f"{md(outlet)} — left out {n_gone}, only here {n_alone}"):
            col_a, col_b = st.columns(2)
            col_a.markdown("**Left out**")
            if gone.empty:
                col_a.caption("Nothing the others agree on is missing.")
            else:  # one list per column: 30 outlets x 80 lines as elements took 0.4 s a run
                lines = (
                    f"- {md(row.label)} *(carried by {md(row.carried_by)})*"
                    for row in gone.head(40).itertuples()
                )
                col_a.markdown("\n".join(lines))
            if n_gone > 40:
                col_a.caption(f"…and {n_gone - 40:,} more in the download.")
            col_b.markdown("**Only here**")
            if alone.empty:
                col_b.caption("No exclusive claims.")
            else:
                lines = (f"- {md(row.label)}" for row in alone.head(40).itertuples())
                col_b.markdown("\n".join(lines))
            if n_alone > 40:
                col_b.caption(f"…and {n_alone - 40:,} more in the download.")
    download(
        lambda: labelled(missing, overlap.claims),
        "omissions",
        f"Download omissions ({len(missing):,} rows, CSV)",
    )
    download(
        lambda: labelled(only, overlap.claims),
        "exclusives",
        f"Download exclusives ({len(only):,} rows, CSV)",
    )

st.subheader("Shared quotes")
if quote_groups.empty:
    st.info("No quotation appears in more than one outlet of the selection.")
else:
    table = quote_groups.assign(
        outlets=quote_groups["outlets"].map(", ".join),
        speaker=quote_groups["speaker"].fillna(UNKNOWN_SPEAKER),
    )[["label", "speaker", "n_outlets", "n_articles", "outlets"]]
    if len(table) > MAX_ROWS:
        st.caption(
            f"The {MAX_ROWS:,} most widely carried of {len(table):,} shared quotes are shown; "
            "the download has all."
        )
    st.dataframe(
        table.head(MAX_ROWS),
        hide_index=True,
        key="overlap_quotes",
        column_config={
            "label": st.column_config.TextColumn("Quote (longest version)", width="large"),
            "speaker": "Speaker",
            "n_outlets": "Outlets",
            "n_articles": "Articles",
            "outlets": st.column_config.TextColumn("Carried by", width="medium"),
        },
    )
    st.caption(
        "The same quotation in several articles, verbatim or trimmed; the longest version is "
        "shown. Open one to see how much of it each outlet carries."
    )
    download(table, "shared-quotes", "Download shared quotes (CSV)")
    quote_labels = quote_groups["label"].head(MAX_ROWS).str[:100].tolist()
    pick = st.selectbox(
        "Versions of",
        range(len(quote_labels)),
        format_func=quote_labels.__getitem__,
        key="overlap_quote_pick",
    )
    versions = pd.DataFrame(quote_groups.iloc[pick]["members"])
    st.dataframe(
        versions[["outlet", "speaker", "kind", "coverage", "text"]].fillna(
            {"speaker": UNKNOWN_SPEAKER}
        ),
        hide_index=True,
        key="overlap_versions",
        column_config={
            "outlet": "Outlet",
            "speaker": "Speaker",
            "kind": "Kind",
            "coverage": st.column_config.ProgressColumn(
                "Share of the longest version", min_value=0, max_value=1, format="percent"
            ),
            "text": st.column_config.TextColumn("As quoted", width="large"),
        },
    )

st.subheader("Reused passages between articles")
if context.articles is analysis.articles:  # every article: every passage
    reuse = overlap.reuse
else:
    reuse = overlap.reuse[
        overlap.reuse["article_a"].isin(context.articles.index)
        & overlap.reuse["article_b"].isin(context.articles.index)
    ]
if reuse.empty:
    st.info("No verbatim, near-verbatim or paraphrased passage links two selected articles.")
else:
    figure, more_outlets = reuse_chart(view, reuse, whole, analysis.articles)
    st.plotly_chart(figure, key="overlap_reuse", config=PLOTLY)
    st.caption(
        "Words in passages two outlets' articles share (verbatim, near-verbatim or "
        "paraphrased), both directions. Found with MinHash/LSH and winnowing fingerprints for "
        "copy (across stories: wire copy, syndication) and TF-IDF cosine for paraphrase "
        "(within a story: across stories a short sentence's paraphrase is chance), never by "
        "comparing all pairs."
        + (f" The {MAX_OUTLETS} outlets reusing most words are drawn." if more_outlets else "")
    )
    shown = ["outlet_a", "outlet_b", "kind", "similarity", "text_a", "text_b"]
    if len(reuse) > MAX_ROWS:
        st.caption(
            f"The {MAX_ROWS:,} most similar of {len(reuse):,} reused passages are shown; "
            "the download has all."
        )
    st.dataframe(
        most_similar_passages(view, reuse, whole, len(overlap.reuse), analysis.articles)[shown],
        hide_index=True,
        key="overlap_pairs",
        column_config={
            "similarity": st.column_config.NumberColumn("Similarity", format="%.2f"),
            "text_a": st.column_config.TextColumn("Passage in A", width="large"),
            "text_b": st.column_config.TextColumn("Passage in B", width="large"),
        },
    )
    download(
        lambda: passage_text(reuse, analysis.articles)[shown],
        "reuse-pairs",
        "Download reused passages (CSV)",
    )
    copies = overlap.copies[overlap.copies["shared_copy"]]
    if copies.empty:
        st.caption("No pair of articles shares enough text to count as shared copy (wire).")
    else:
        st.warning(
            f"{plural(len(copies), 'article pair')} "
            f"{'shares' if len(copies) == 1 else 'share'} long passages (wire copy or "
            "syndication); "
            "switch on “Discount shared copy” in the sidebar to count them once.",
            icon="📰",
        )

st.subheader("Speaker overlap")
pairs, speakers = speaker_overlap(context.quotes) if whole is None else whole.speakers
if speakers.empty:
    st.caption("No identified speakers in the selection.")
else:
    everyone = speakers[speakers["quoted_by_all"]]["speaker"].tolist()
    st.markdown("**Quoted by every outlet:** " + (", ".join(map(md, everyone)) or "nobody"))
    if own := speakers_of_their_own(view, speakers):
        st.markdown(own)
    st.caption("Pairwise Jaccard overlap of the outlets' speakers is on the Voices page.")
