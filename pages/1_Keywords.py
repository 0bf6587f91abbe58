"""Keywords: the terms each outlet (or article) leans on, against the others."""

import textwrap
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.emphasis.keywords import (
    ranked_terms,
    sentences_with_term,
    term_pattern,
    with_spread,
)
from analysis.wording import plural
from ui.charts import PLOTLY, download, outlet_colors, style, wrap
from ui.evidence import show_sentences
from ui.literal import md, plot
from ui.page import empty_state, start_page

context = start_page(
    "Keywords",
    "Distinctive terms: words and two-word phrases an outlet uses often and the others "
    "rarely (TF-IDF, one outlet against all the others), within the topic, speaker and "
    "search filters; the outlet filter chooses which outlets to show.",
)
analysis, selection, sentences = context.analysis, context.selection, context.sentences


@st.cache_resource(show_spinner=False, max_entries=8)
def selection_ranking(view: str, _compared: pd.DataFrame, _analysis, _options: dict):
    """:func:`ranked_terms` of the sentences compared, once per ``view`` (the analysis, the
    selection but its outlets, and the options): the outlet filter never changes it."""
    return ranked_terms(_compared, names=_analysis.names, counts=_analysis.term_counts, **_options)


@st.cache_resource(show_spinner=False, max_entries=8)
def selection_terms(view: str, _ranked: pd.DataFrame, _compared: pd.DataFrame, _analysis, _shown):
    """The ranking with its spread over the ``_shown`` outlets (:func:`with_spread`), once per
    ``view`` (the ranking's and the outlets shown): a filter change back to a view seen
    before reads it."""
    return with_spread(_ranked, _compared, _analysis.term_counts, _shown)


METHODS = {
    "TF-IDF": "tfidf",
    "Log-odds (z)": "logodds",
}
left, right = st.columns([2, 1])
mode = left.segmented_control(
    "Compare", ["Per outlet", "Per article"], default="Per outlet", key="kw_mode", required=True
)
method_label = right.segmented_control(
    "Score",
    list(METHODS),
    default="TF-IDF",
    key="kw_method",
    required=True,
    help="TF-IDF: terms an outlet uses often and the others rarely. Log-odds (z): the "
    "log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008), "
    "one outlet against the rest, as a z-score: above 2 means the difference is unlikely to "
    "be chance; it also ranks a term everyone uses when one outlet uses it far more.",
)
method = METHODS[method_label]
top = right.slider("Terms per group", 5, 30, 10, key="kw_top")
common = left.toggle(
    "Include terms every group uses",
    key="kw_common",
    help="Off: a term that every outlet (or article) uses distinguishes none of them, so it "
    "is left out of the ranking. Scores are the same either way.",
)
by = "outlet" if mode == "Per outlet" else "article_id"
compared = context.all_outlets()
if compared[by].nunique() < 2:
    st.warning(
        f"Only one {'outlet' if by == 'outlet' else 'article'} has sentences in this selection, so "
        "its terms are compared with nothing: scores then only reflect frequency. Clear the "
        "topic or search filter to compare.",
        icon="⚖️",
    )
shown_outlets = frozenset(sentences["outlet"].unique())
view = f"{analysis.key}|{replace(selection, outlets=())!r}|{len(context.discounted)}"
ranking_view = f"{view}|{by}|{top}|{common}|{method}"
ranked = selection_ranking(
    ranking_view, compared, analysis, dict(by=by, top=top, common=common, method=method)
)
terms_view = f"{ranking_view}|{sorted(shown_outlets)}"
terms = selection_terms(terms_view, ranked, compared, analysis, shown_outlets)
terms = terms[terms["group"].isin(set(sentences[by].unique()))]
if terms.empty:
    empty_state(selection, "terms")
    st.stop()
labels = (
    terms["group"]
    if by == "outlet"
    else terms["group"].map(
        lambda a: (
            f"{analysis.articles.at[a, 'outlet']} · "
            + textwrap.shorten(analysis.articles.at[a, "title"], 40, placeholder=" …")
        )
    )
)
terms = terms.assign(label=labels)

group_names = list(dict.fromkeys(terms["label"]))
shown = group_names[:12]
score_name = "TF-IDF score" if method == "tfidf" else "z-score"
colors = outlet_colors(list(analysis.articles["outlet"].unique()))
x_range = [0, float(terms["score"].max()) * 1.08]


def panel(name: str) -> go.Figure:
    """One group's bars: a figure of its own, so panels stack on a phone (st.columns do)."""
    part = terms[terms["label"] == name].sort_values("rank", ascending=False)
    outlet = name if by == "outlet" else analysis.articles.at[part["group"].iloc[0], "outlet"]
    hover = [
        f"{plural(c, 'occurrence')} · in {plural(a, 'article')}, {plural(o, 'outlet')}"
        for c, a, o in zip(part["count"], part["articles"], part["outlets"])
    ]
    fig = go.Figure(
        go.Bar(
            x=part["score"],
            y=part["term"].map(plot),
            orientation="h",
            marker_color=colors.get(outlet, "#64748b"),
            customdata=hover,
            hovertemplate=f"<b>%{{y}}</b><br>{score_name} %{{x:.3f}}<br>%{{customdata}}"
            "<extra></extra>",
        )
    )
    fig.update_xaxes(range=x_range, title_text=score_name, nticks=4)
    fig.update_yaxes(tickfont=dict(size=12), automargin=True)
    title = wrap(name, 34)
    breaks = title.count("<br>")
    return style(
        fig,
        height=26 * len(part) + 90 + 18 * breaks,
        showlegend=False,
        # plotly places a title of several lines about a line too high: without the pad its
        # first line is cut off at the top (measured in the browser test)
        title=dict(
            text=title,
            font=dict(size=14),
            x=0,
            xanchor="left",
            y=1,
            yanchor="top",
            pad=dict(t=16 if breaks else 0),
        ),
        margin=dict(l=10, r=10, t=34 + 18 * breaks, b=10),
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_panel(view: str, name: str) -> go.Figure:
    """:func:`panel` of ``name`` once per ``view`` (the terms shown: the selection, options and
    outlets): a dozen styled figures take most of a cached run's time."""
    return panel(name)


per_row = 3 if len(shown) > 4 else max(len(shown), 1)
for start in range(0, len(shown), per_row):
    for column, name in zip(st.columns(per_row), shown[start : start + per_row]):
        with column:
            i = shown.index(name)
            st.plotly_chart(cached_panel(terms_view, name), key=f"kw_chart_{i}", config=PLOTLY)
            part = terms[terms["label"] == name][["rank", "term", "score", "count"]]
            download(part, f"keywords-panel-{i}", "Download these terms (CSV)")
EXPLAIN = {
    "tfidf": "The score is scikit-learn's TF-IDF weight (sublinear term frequency × inverse "
    "document frequency, each group one document, rows normalised), so it compares terms "
    "within a panel and across panels of the same selection.",
    "logodds": "The score is the z-score of the log-odds ratio with an informative Dirichlet "
    "prior (Monroe, Colaresi and Quinn 2008; the prior is each term's count in the whole "
    "selection), the group against all the others: how sure it is that the group uses the "
    "term more. Above about 2, the difference is unlikely to be chance.",
}
st.caption(
    "Each panel: one group's most distinctive terms; bars share one scale. "
    + EXPLAIN[method]
    + " Names are merged (Xi, President Xi → Xi Jinping); numbers, outlet names and "
    "general-English filler words are left out."
)
if len(group_names) > len(shown):
    st.caption(f"Showing 12 of {len(group_names)} groups in the chart; the table has all.")

table = terms[["label", "rank", "term", "score", "count", "articles", "outlets"]].rename(
    columns={"label": "outlet" if by == "outlet" else "article"}
)
st.dataframe(
    table,
    hide_index=True,
    key="kw_table",
    column_config={
        "outlet": st.column_config.TextColumn("Outlet", width="medium"),
        "article": st.column_config.TextColumn("Article", width="medium"),
        "rank": st.column_config.NumberColumn("Rank", width="small"),
        "term": st.column_config.TextColumn("Term", width="medium"),
        "score": st.column_config.NumberColumn(
            "Score", format="%.3f", help=score_name.capitalize()
        ),
        "count": st.column_config.NumberColumn("Count", help="Occurrences in this group"),
        "articles": st.column_config.NumberColumn("Articles", help="Selected articles using it"),
        "outlets": st.column_config.NumberColumn("Outlets", help="Selected outlets using it"),
    },
)
st.caption(
    "Count: occurrences in the group. Articles / outlets: how many of the selected articles "
    "and outlets use the term at all (spread)."
)
download(
    table,
    f"keywords-{by}" if method == "tfidf" else f"keywords-{method}-{by}",
    "Download the terms (CSV)",
)

st.subheader("Term explorer")
term = st.selectbox(
    "Term",
    list(terms.sort_values(["rank", "score"], ascending=[True, False])["term"].unique()),
    key="kw_term",
    help="Every selected sentence that contains the term, grouped by outlet. "
    "Terms are listed best-ranked first.",
)
evidence = sentences_with_term(sentences, term, analysis.names, analysis.term_counts).merge(
    analysis.articles[["article_id", "title"]], on="article_id"
)
st.caption(f"“{md(term)}” occurs in {plural(len(evidence), 'selected sentence')}.")
show_sentences(evidence, term_pattern(term, analysis.names))
download(
    evidence[["outlet", "article_id", "title", "sentence_id", "text"]],
    f"term-{term}",
    "Download these sentences (CSV)",
)
