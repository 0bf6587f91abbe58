"""The corpus at a glance: per-outlet counts, topic coverage and what stands out."""

from __future__ import annotations

import pandas as pd

from analysis.wording import plural


def outlet_counts(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: articles, sentences and words of the selection, and words per article."""
    per_outlet = sentences.groupby("outlet").agg(
        articles=("article_id", "nunique"),
        sentences=("sentence_id", "size"),
        words=("words", "sum"),
    )
    per_outlet["words_per_article"] = (per_outlet["words"] / per_outlet["articles"]).round(0)
    wire = articles.groupby("outlet")["wire"].agg(lambda w: ", ".join(sorted({x for x in w if x})))
    per_outlet["wire"] = wire.reindex(per_outlet.index).fillna("")
    return per_outlet.reset_index().sort_values("words", ascending=False, ignore_index=True)


def topic_coverage(sentences: pd.DataFrame, column: str = "topics") -> pd.DataFrame:
    """Outlet x topic in long form: sentences on the topic and their share of the outlet's.

    ``column`` is ``topics`` (defined, several per sentence) or ``discovered_topic``.
    """
    columns = ["outlet", "topic", "sentences", "outlet_sentences", "share"]
    if sentences.empty:
        return pd.DataFrame(columns=columns)
    tags = sentences[["outlet", column]].explode(column).rename(columns={column: "topic"})
    tags = tags[tags["topic"].notna() & (tags["topic"] != "")]
    totals = sentences.groupby("outlet").size().rename("outlet_sentences")
    counts = tags.groupby(["outlet", "topic"]).size().rename("sentences").reset_index()
    grid = pd.MultiIndex.from_product(
        [totals.index, sorted(tags["topic"].unique())], names=["outlet", "topic"]
    ).to_frame(index=False)
    table = grid.merge(counts, how="left").fillna({"sentences": 0})
    table["sentences"] = table["sentences"].astype(int)
    table = table.merge(totals.reset_index(), on="outlet")
    table["share"] = table["sentences"] / table["outlet_sentences"]
    return table[columns]


def summary(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    counts: pd.DataFrame | None = None,
    coverage: pd.DataFrame | None = None,
    stories: pd.DataFrame | None = None,
) -> list[str]:
    """Plain-language observations about the selection, most telling first.

    ``counts`` and ``coverage`` are its :func:`outlet_counts` and :func:`topic_coverage`
    of ``topics`` when the caller has them already (else worked out here). ``stories``
    (``article_id``, ``story``: :func:`analysis.corpus.stories.stories`) keeps what an
    outlet "leaves out" to the stories it covered.
    """
    if sentences.empty:
        return []
    counts = outlet_counts(articles, sentences) if counts is None else counts
    lines = [
        f"{plural(int(counts['articles'].sum()), 'article')} from {plural(len(counts), 'outlet')}, "
        f"{counts['words'].sum():,} words in all."
    ]
    covering = _story_outlets(articles, sentences, stories)
    if len(counts) > 1:
        longest, shortest = counts.iloc[0], counts.iloc[-1]
        lines.append(
            f"{longest['outlet']} gives {'the story' if covering is None else 'its stories'} "
            f"the most words ({longest['words']:,}), {shortest['outlet']} the fewest "
            f"({shortest['words']:,})."
        )
    coverage = topic_coverage(sentences) if coverage is None else coverage
    carried = coverage[coverage["sentences"] > 0]
    if not carried.empty and len(counts) > 1:
        by_topic = carried.groupby("topic")["outlet"].agg(list)
        everyone = set(counts["outlet"])
        could = {
            t: everyone if covering is None else covering.get(t, everyone) for t in by_topic.index
        }
        for topic, outlets in by_topic.items():
            if len(outlets) == 1 and len(could[topic]) > 1:
                lines.append(f"Only {outlets[0]} covers “{topic}”{_among(could[topic], everyone)}.")
        missing = {
            topic: sorted(could[topic] - set(outlets))
            for topic, outlets in by_topic.items()
            if 1 < len(outlets) < len(could[topic])
        }
        for topic, absent in sorted(missing.items(), key=lambda kv: len(kv[1])):
            if len(absent) == 1:
                among = _among(could[topic], everyone)
                lines.append(f"Every outlet but {absent[0]} covers “{topic}”{among}.")
        top = carried.sort_values("share", ascending=False).iloc[0]
        lines.append(
            f"The largest topic share: {top['share']:.0%} of {top['outlet']}'s sentences "
            f"are about “{top['topic']}”."
        )
    wire = articles[articles["wire"] != ""]
    if not wire.empty:
        lines.append(
            f"{plural(len(wire), 'article')} {'is' if len(wire) == 1 else 'are'} marked as "
            "syndicated wire copy."
        )
    return lines


def _among(could: set[str], everyone: set[str]) -> str:
    """' (of the 3 outlets that cover its stories)' when fewer than all outlets could cover a
    topic, so that 'every outlet but' is not read as every outlet of the selection."""
    if len(could) >= len(everyone):
        return ""
    return f" (of the {len(could)} outlets that cover its stories)"


def _story_outlets(
    articles: pd.DataFrame, sentences: pd.DataFrame, stories: pd.DataFrame | None
) -> dict[str, set[str]] | None:
    """Per topic, the outlets that cover a story the topic appears in; None for one story.

    An outlet that did not cover a story does not "leave out" its topics: in a selection
    of a Brexit story and an earthquake, the earthquake's only outlet covers no Brexit topic.
    """
    if stories is None:
        return None
    story_of = stories.set_index("article_id")["story"].reindex(articles["article_id"])
    if story_of.nunique() < 2:
        return None
    articles = articles.assign(story=story_of.to_numpy())
    tags = sentences[["article_id", "topics"]].explode("topics")
    tags = tags[tags["topics"].notna() & (tags["topics"] != "")]
    outlets_of = articles.groupby("story")["outlet"].agg(set)
    stories_of = tags.assign(story=tags["article_id"].map(story_of)).groupby("topics")["story"]
    return {
        topic: set().union(*(outlets_of[s] for s in in_stories.dropna().unique()))
        for topic, in_stories in stories_of
    }
