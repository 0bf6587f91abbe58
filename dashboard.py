"""Coverage Lens: the Overview page (``streamlit run dashboard.py``)."""

import plotly.graph_objects as go
import streamlit as st

from analysis.emphasis.overview import outlet_counts, summary, topic_coverage
from analysis.pipeline import DERIVED
from analysis.wording import plural
from ui.charts import PLOTLY, clicked_cell, download, heatmap, outlet_colors, style
from ui.evidence import show_sentences, show_text
from ui.literal import md, plot
from ui.page import knowledge_note, start_page

context = start_page(
    "Overview",
    "How different outlets cover the same story: the corpus at a glance. "
    "Use the sidebar to filter every page; the address bar keeps the view shareable.",
)
analysis, selection, sentences = context.analysis, context.selection, context.sentences
articles = context.articles


@st.cache_resource(show_spinner=False, max_entries=16)
def _tables(key: str, view: str, column: str, _articles, _sentences) -> tuple:
    """Per-outlet counts, what stands out and topic coverage of one selection: a filter
    change back to a selection seen before (all outlets again) reads them, at any size."""
    per_article = _sentences.groupby("article_id").agg(
        sentences=("sentence_id", "size"), words=("words", "sum")
    )
    counts = outlet_counts(_articles, _sentences)
    coverage = topic_coverage(_sentences, column)
    defined = coverage if column == "topics" else None
    lines = summary(_articles, _sentences, counts, defined, analysis.stories)
    return counts, lines, coverage, per_article


@st.cache_resource(show_spinner=False, max_entries=2)
def _rows_of_articles(key: str, _sentences) -> dict:
    """Each article's rows in the sentences table: the reader reads one article's."""
    return _sentences.groupby("article_id").indices


def tables_view() -> str:
    """The selection and the shared copy left out: what the page's tables depend on."""
    return f"{selection!r}|{sorted(context.discounted) if context.discounted else ''}"


def tables(column: str) -> tuple:
    return _tables(analysis.key, tables_view(), column, articles, sentences)


@st.cache_resource(show_spinner=False, max_entries=16)
def topic_heat(key: str, view: str, column: str, _coverage) -> tuple:
    """The topic shares (topic x outlet) and their heat map, once per selection and column:
    on hundreds of outlets the figure took half of each rerun."""
    values = _coverage.pivot(index="topic", columns="outlet", values="share")
    hover = _coverage.assign(
        hover=_coverage["outlet"].map(plot)
        + "<br>"
        + _coverage["topic"].map(plot)
        + "<br>"
        + _coverage["sentences"].astype(str)
        + " of "
        + _coverage["outlet_sentences"].astype(str)
        + " sentences"
    ).pivot(index="topic", columns="outlet", values="hover")
    figure = heatmap(
        values, hover, "Share of the<br>outlet's sentences", tickformat=".0%", clickable=True
    )
    return values, figure


counts, standing_out, _, per_article = tables("topics")

left, middle, right, far = st.columns(4)
left.metric("Articles", f"{len(articles):,}")
middle.metric("Outlets", f"{articles['outlet'].nunique():,}")
right.metric("Sentences", f"{len(sentences):,}")
far.metric("Words", f"{int(sentences['words'].sum()):,}")

st.subheader("What stands out")
st.markdown("\n".join(f"- {md(line)}" for line in standing_out))

st.subheader("Articles")
table = articles[["outlet", "title", "published", "words", "sentences", "wire", "article_id"]]
table = table.assign(
    sentences=per_article["sentences"].reindex(table.index).fillna(0).astype(int),
    words=per_article["words"].reindex(table.index).fillna(0).astype(int),
    wire=table["wire"].replace("", "—"),
)
st.caption(
    "One row per article in the selection; words and sentences count only the selected "
    "sentences (page furniture excluded). Click a row to read the article."
)
picked = st.dataframe(
    table,
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="articles_table",
    column_config={
        "outlet": st.column_config.TextColumn("Outlet", width="medium"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "published": "Published",
        "words": st.column_config.NumberColumn("Words", format="%d"),
        "sentences": st.column_config.NumberColumn("Sentences", format="%d"),
        "wire": "Wire",
        "article_id": st.column_config.TextColumn("Article id", width="small"),
    },
)
download(table, "articles", "Download the article list (CSV)")

st.subheader("Per outlet")
colors = outlet_colors(list(analysis.articles["outlet"].unique()))
bar_labels = [plural(n, "article") for n in counts["articles"]]
fig = go.Figure(  # one trace coloured per bar: hundreds of outlets draw at once
    go.Bar(
        x=counts["words"],
        y=counts["outlet"].map(plot),
        orientation="h",
        marker_color=[colors[o] for o in counts["outlet"]],
        text=bar_labels,
        customdata=list(zip(bar_labels, counts["sentences"], counts["words_per_article"])),
    ),
    layout=dict(xaxis_title_text="Words in the selection", yaxis_title_text=""),
)
fig.update_traces(
    texttemplate="%{text}",
    textposition="outside",
    cliponaxis=False,
    hovertemplate="<b>%{y}</b><br>%{x:,} words · %{customdata[0]} · "
    "%{customdata[1]} sentences<br>%{customdata[2]:,.0f} words per article<extra></extra>",
)
# room right of the longest bar for its label ("100 articles")
fig.update_xaxes(range=[0, float(counts["words"].max()) * 1.35 or 1])
st.plotly_chart(
    style(fig, 120 + 40 * len(counts), showlegend=False), key="outlet_bars", config=PLOTLY
)
st.caption("Words of the selected sentences per outlet; the label gives the number of articles.")
download(counts, "per-outlet", "Download the chart data (CSV)")

st.subheader("Topics by outlet")
topic_source = analysis.knowledge_sources.get("topics", DERIVED)
knowledge_note({"topics": topic_source})
discovered = topic_source != DERIVED and st.toggle(
    "Show discovered topics instead", key="overview_discovered"
)
coverage_column = "discovered_topic" if discovered else "topics"
coverage = tables(coverage_column)[2]
if coverage.empty:
    st.info(
        "No sentence in the selection carries a topic tag: the corpus is too small to "
        "discover topics in, or topics.csv finds none. Add topics in a topics.csv beside the "
        "corpus (the Corpus page writes a draft)."
    )
else:
    values, figure = topic_heat(analysis.key, tables_view(), coverage_column, coverage)
    event = st.plotly_chart(
        figure,
        key="topic_heat",
        config=PLOTLY,
        on_select="rerun",
        selection_mode="points",
    )
    if cell := clicked_cell(event, "topic_heat_clicked"):
        st.session_state["cell_outlet"], st.session_state["cell_topic"] = cell
    st.caption(
        "Each cell: the share of an outlet's selected sentences tagged with the topic "
        "(a sentence can carry several topics). Hover for counts; click a cell (or pick it "
        "below) for its sentences."
    )
    download(coverage, "topics-by-outlet", "Download the heat map data (CSV)")
    opened = "topic_heat_clicked" in st.session_state
    with st.expander("Open a cell: the sentences behind it", expanded=opened):
        col_a, col_b = st.columns(2)
        topic = col_a.selectbox("Topic", list(values.index), key="cell_topic")
        outlet = col_b.selectbox("Outlet", list(values.columns), key="cell_outlet")
        column = "discovered_topic" if discovered else "topics"
        of_outlet = sentences[sentences["outlet"] == outlet]
        tagged = of_outlet[column].map(lambda t: topic in t if isinstance(t, tuple) else t == topic)
        behind = of_outlet[tagged]
        behind = behind.merge(analysis.articles[["article_id", "title"]], on="article_id")
        show_sentences(behind, group_by=None)

st.subheader("Read an article")
ids = list(articles.index)
rows = picked.selection.rows if picked else []
if rows:
    st.session_state["reader_article"] = table.iloc[rows[0]]["article_id"]
labels = articles["outlet"].astype(str) + " — " + articles["title"].astype(str)
names = dict(zip(articles.index, labels, strict=True))
chosen = st.selectbox("Article", ids, format_func=names.__getitem__, key="reader_article")
article = analysis.articles.loc[chosen]
meta = [f"**{md(article['outlet'])}**", md(article["published"] or "date unknown")]
if article["wire"]:
    meta.append(f"wire: {md(article['wire'])}")
st.markdown(" · ".join(meta))
if article["note"]:
    st.caption(f"Note: {md(article['note'])}")
own = analysis.sentences.iloc[_rows_of_articles(analysis.key, analysis.sentences)[chosen]]
selected = set(own.loc[own.index.isin(sentences.index), "sentence_id"])
marks = [
    (row.start, row.end, "mention")
    for row in own.itertuples()
    if row.sentence_id in selected and row.topics
]
furniture = analysis.furniture[analysis.furniture["article_id"] == chosen]
marks += [(row.start, row.end, "furniture") for row in furniture.itertuples()]
show_text(article["text"], marks)
tags = own[own["topics"].map(bool)][["position", "text", "topics"]].assign(
    topics=lambda f: f["topics"].map(", ".join)
)
st.caption(
    "Blue: sentences of the selection with a topic tag. Struck through in grey: page "
    "furniture (bylines, read-time labels, links, sign-offs), shown but not analysed. "
    "The tags per sentence:"
)
st.dataframe(
    tags,
    hide_index=True,
    key="reader_tags",
    column_config={
        "position": st.column_config.NumberColumn("Sentence", width="small"),
        "text": st.column_config.TextColumn("Text", width="large"),
        "topics": st.column_config.TextColumn("Topics", width="medium"),
    },
)
