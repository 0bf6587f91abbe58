"""What the articles of a corpus share: reused passages, shared quotes and claims.

One call computes the corpus-level overlap tables every view needs, from the
tables of :func:`analysis.pipeline.analyse`; callers cache it by the analysis key.
Claims and shared quotes are found within each story (``Analysis.stories``):
"He added," in two unrelated stories is not a shared quote, and a story's
claims never join sentences of another. Reuse (wire copy, syndication) is
found over the whole corpus, by blocking, never all pairs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.overlap.claim_match import SINGLE
from analysis.overlap.claims import (
    CLAIM_COLUMNS,
    MEMBER_COLUMNS,
    claims,
    is_omission,
    trim_label,
    with_speakers,
)
from analysis.overlap.reuse import (
    consecutive_runs,
    copy_passages,
    reuse_pairs,
    shared_copy,
    shared_copy_sentences,
)
from analysis.overlap.shared_quotes import GROUP_COLUMNS, normalise, shared_quotes
from analysis.pipeline import Analysis
from analysis.store.memory import StagePeaks
from analysis.wording import every, plural

if TYPE_CHECKING:
    from analysis.store.stored_framing import Mapper

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Overlap:
    """Reuse pairs, shared copy per article pair, shared quotes and claims of a corpus.

    ``claims`` has a ``story`` column besides ``CLAIM_COLUMNS``: the story whose
    articles carry it.
    """

    reuse: pd.DataFrame
    copies: pd.DataFrame
    shared_quotes: pd.DataFrame
    claims: pd.DataFrame
    members: pd.DataFrame
    discounted: frozenset[str]  # sentence ids inside copy an earlier article carried


def earliest_first(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles by publication date (undated last), so "first carrier" means earliest."""
    dated = articles.assign(_undated=articles["published"].eq(""))
    ordered = dated.sort_values(["_undated", "published", "article_id"], kind="stable")
    return ordered.drop(columns="_undated")


CLAIM_INPUT = MEMBER_COLUMNS[1:]
"""The sentence columns claims read (its members' own): sentence_id ... end."""

Step = tuple[str, Callable[[dict], dict]]
"""A named step of the overlap stage: reads earlier steps' results, returns its own."""


def overlap_steps(
    analysis: Analysis, progress: Progress | None = None, run: Mapper = map, parts: int = 1
) -> list[Step]:
    """The overlap stage as named steps, run in order by ``analyse_overlap``.

    Each step takes the results so far (keyed by ``Overlap`` field) and returns
    its own; ``bench/overlap_scale.py --build`` times them one by one. Reuse and
    claims spread their work over ``parts`` tasks of ``run`` (see ``analyse_overlap``).
    """
    report = progress or (lambda fraction, message: None)
    articles = earliest_first(analysis.articles)
    sentences = analysis.sentences
    story_of = story_map(analysis)

    def reuse(done: dict) -> dict:
        report(0.0, f"Finding reused passages in {len(articles):,} articles")
        return {"reuse": reuse_pairs(articles, sentences, story=story_of, run=run, parts=parts)}

    def claims(done: dict) -> dict:
        report(0.4, "Grouping sentences into claims, story by story")
        with_them = with_speakers(
            sentences[CLAIM_INPUT], analysis.quotes[["article_id", "start", "end", "speaker"]]
        )  # the columns claims read: its copies of the sentences hold no others
        table, members = claims_by_story(with_them, story_of, report, run=run)
        return {"claims": table, "members": members}

    def quotes(done: dict) -> dict:
        report(0.95, "Finding quotes several articles share")
        found = shared_quotes_by_story(analysis.quotes, story_of, run, parts)
        return {"shared_quotes": found}

    def copies(done: dict) -> dict:
        passages = copy_passages(done["reuse"])
        return {
            "copies": shared_copy(done["reuse"], articles, passages),
            "discounted": frozenset(shared_copy_sentences(done["reuse"], sentences, passages)),
        }

    return [
        ("reuse between articles", reuse),
        ("claims per story", claims),
        ("shared quotes per story", quotes),
        ("shared copy and its sentences", copies),
    ]


def analyse_overlap(
    analysis: Analysis,
    progress: Progress | None = None,
    timings: dict | None = None,
    peaks: dict | None = None,
    run: Mapper = map,
    parts: int = 1,
) -> Overlap:
    """Reuse between articles, shared copy, and per story shared quotes and claims.

    ``timings``, when given, gets the seconds of each step (``overlap: STEP``),
    ``peaks`` its peak resident MB (of this process). ``run`` maps the shingling
    and alignment of reuse (``parts`` tasks) and the batches of claims over
    processes or Dask tasks (a build's pool); results do not depend on it.
    """
    done: dict = {}
    memory = StagePeaks()
    for name, step in overlap_steps(analysis, progress, run, parts):
        start = time.perf_counter()
        memory.enter(f"overlap: {name}")
        done.update(step(done))
        if timings is not None:
            timings[f"overlap: {name}"] = time.perf_counter() - start
    memory.enter("")
    if peaks is not None:
        peaks.update(memory.peaks)
    (progress or (lambda fraction, message: None))(1.0, "Done")
    return Overlap(**done)


def story_map(analysis: Analysis) -> pd.Series:
    """Each article's story id (an article without one is a story of its own)."""
    given = analysis.stories.set_index("article_id")["story"]
    ids = pd.Series(analysis.articles["article_id"].to_numpy(), index=analysis.articles.index)
    return ids.map(given).fillna(ids).set_axis(ids.to_numpy())


def claims_by_story(
    sentences: pd.DataFrame,
    story_of: pd.Series,
    progress: Progress | None = None,
    run: Mapper = map,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``claims.claims`` run within each story of two or more articles, renumbered.

    The sentences of one-article stories are single claims (that article's
    exclusives), as ``claims`` would make them. Ids follow ``claims``' order:
    most outlets first, then most articles, then the first member's position.
    Batches of stories are tasks of ``run`` (results in batch order).
    """
    report = progress or (lambda fraction, message: None)
    story = sentences["article_id"].map(story_of).to_numpy()
    frame = sentences.reset_index(drop=True).assign(_story=story, _order=np.arange(len(story)))
    width = frame.groupby("_story", sort=False)["article_id"].nunique()
    in_shared = frame["_story"].isin(width[width >= 2].index)
    tables, member_tables = [], []
    if not in_shared.all() or frame.empty:
        table, members = _keyed(*_single_claims(frame[~in_shared]), offset=0)
        tables.append(table)
        member_tables.append(members)
    shared = frame[in_shared]
    del frame
    batches = _story_batches(shared["_story"])
    groups = (shared[shared["_story"].isin(batch)] for batch in batches)  # made as run reads
    for n, found in enumerate(run(_batch_claims, groups)):
        report(
            0.4 + 0.55 * n / len(batches), f"Claims of stories, part {n + 1:,} of {len(batches):,}"
        )
        table, members = _keyed(*found, offset=sum(map(len, tables)))
        tables.append(table)
        member_tables.append(members)
    return _renumber(pd.concat(tables, ignore_index=True), pd.concat(member_tables))


def _keyed(
    table: pd.DataFrame, members: pd.DataFrame, offset: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A batch's claims and members with ``_key`` (the claim's row over all batches, from
    ``offset``) for their ``claim_id``, which is unique only within the batch."""
    key = pd.Index(table["claim_id"]).get_indexer(members["claim_id"]) + offset
    return (
        table.drop(columns="claim_id").assign(_key=np.arange(len(table)) + offset),
        members.drop(columns="claim_id").assign(_key=key),
    )


def _batch_claims(group: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``claims`` of one batch of whole stories (a task), with each claim's story and
    first member's position (``_first``)."""
    table, members = claims(
        group.drop(columns=["_story", "_order"]).assign(story=group["_story"].to_numpy())
    )
    story = group.set_index("sentence_id")["_story"]
    order = group.set_index("sentence_id")["_order"]
    first = members.groupby("claim_id")["sentence_id"].first()
    table = table.assign(
        story=table["claim_id"].map(first.map(story)).to_numpy(),
        _first=table["claim_id"].map(first.map(order)).to_numpy(),
    )
    return table, members


BATCH = 20_000
"""Sentences of whole stories given to one ``claims`` call (which keeps stories apart):
one call per story would repeat its table work thousands of times on a large corpus."""


def _story_batches(story: pd.Series) -> list[list]:
    """Stories in sorted order, cut into batches of about ``BATCH`` sentences."""
    batches: list[list] = [[]]
    held = 0
    for name, size in story.value_counts(sort=False).sort_index().items():
        if held >= BATCH:
            batches.append([])
            held = 0
        batches[-1].append(name)
        held += size
    return batches if batches[0] else []


def _single_claims(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One claim per sentence (of articles alone in their story), with a provisional id."""
    ids = np.arange(len(frame))
    table = pd.DataFrame(
        {
            "claim_id": ids,
            "label": [trim_label(text) for text in frame["text"]],
            "n_outlets": 1,
            "outlets": [[outlet] for outlet in frame["outlet"]],
            "n_articles": 1,
            "strength": SINGLE,
            "story": frame["_story"].to_numpy(),
            "_first": frame["_order"].to_numpy(),
        }
    )
    members = frame[MEMBER_COLUMNS[1:]].assign(agrees=True)
    members.insert(0, "claim_id", ids)
    return table, members


def _renumber(table: pd.DataFrame, members: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Claim ids ``C0001``... over all stories, in ``claims``' order; members follow
    their claim (``_key``), in claim order."""
    table = table.sort_values(
        ["n_outlets", "n_articles", "_first"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)
    digits = max(4, len(str(len(table))))
    new = np.array([f"C{k:0{digits}d}" for k in range(1, len(table) + 1)], dtype=object)
    position = np.empty(len(table), dtype=np.int64)
    position[table["_key"].to_numpy()] = np.arange(len(table))
    of_member = position[members["_key"].to_numpy()]
    order = np.argsort(of_member, kind="stable")
    members = members.iloc[order].reset_index(drop=True).assign(claim_id=new[of_member[order]])
    table = table.assign(claim_id=new)
    return table[[*CLAIM_COLUMNS, "story"]], members[[*MEMBER_COLUMNS, "agrees"]]


def omissions_by_story(claims: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """``claims.omissions`` within each story, among the outlets ``members`` has in it.

    ``members`` is any subset of the claim members (a selection); an outlet
    that did not cover a story omits nothing of it. The rule is
    ``claims.is_omission``, applied to each claim's count of carriers (one
    lookup per distinct count, not a loop over outlets and claims). Adds a
    ``story`` column.
    """
    story_of = claims.set_index("claim_id")["story"]
    pairs = members[["claim_id", "outlet"]].drop_duplicates()
    pairs = pairs.assign(story=pairs["claim_id"].map(story_of).to_numpy())
    outlets_of = pairs.groupby("story")["outlet"].agg(lambda o: sorted(set(o)))
    carrying = pairs.groupby("claim_id").agg(n=("outlet", "size"), story=("story", "first"))
    others = carrying["story"].map(outlets_of.map(len)) - 1
    rule = {key: is_omission(*key) for key in set(zip(carrying["n"], others))}
    left_out = [rule[key] and n <= o for key, n, o in zip(
        zip(carrying["n"], others), carrying["n"], others
    )]  # fmt: skip
    chosen = carrying[left_out]
    carriers: dict[str, set[str]] = {claim_id: set() for claim_id in chosen.index}
    for claim_id, outlet in zip(pairs["claim_id"], pairs["outlet"], strict=True):
        if claim_id in carriers:
            carriers[claim_id].add(outlet)
    label = claims.set_index("claim_id")["label"]
    rows = []
    for claim_id, story, outlets in zip(
        chosen.index, chosen["story"], chosen["story"].map(outlets_of), strict=True
    ):
        by = carriers[claim_id]
        ordered = [o for o in outlets if o in by]
        for outlet in (o for o in outlets if o not in by):
            share = len(ordered) / (len(outlets) - 1)
            carried = ", ".join(ordered)
            rows.append((outlet, claim_id, label[claim_id], len(ordered), share, carried, story))
    columns = ["outlet", "claim_id", "label", "n_others", "share_of_others", "carried_by"]
    frame = pd.DataFrame(rows, columns=[*columns, "story"])
    return frame.sort_values(
        ["outlet", "n_others", "claim_id"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)


def shared_quotes_by_story(
    quotes: pd.DataFrame, story_of: pd.Series, run: Mapper = map, parts: int = 1
) -> pd.DataFrame:
    """``shared_quotes`` within each story of two or more articles, renumbered ``Q001``...

    Ordered as ``shared_quotes`` orders them: outlets, then articles, then
    length of the longest version. The stories are ``parts`` tasks of ``run``.
    """
    story = quotes["article_id"].map(story_of)
    width = quotes.groupby(story)["article_id"].nunique()
    groups = [group for name, group in quotes.groupby(story) if width[name] >= 2]
    tasks = consecutive_runs(groups, parts)
    found = [table for part in run(_stories_shared_quotes, tasks) for table in part if len(table)]
    if not found:
        return shared_quotes(quotes.iloc[:0])
    table = pd.concat(found, ignore_index=True)
    table = table.assign(_length=table["label"].map(lambda label: len(normalise(label))))
    table = table.sort_values(
        ["n_outlets", "n_articles", "_length"], ascending=False, kind="stable"
    ).reset_index(drop=True)
    digits = max(3, len(str(len(table))))
    table["group_id"] = [f"Q{k:0{digits}d}" for k in range(1, len(table) + 1)]
    return table[GROUP_COLUMNS]


def _stories_shared_quotes(stories: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """``shared_quotes`` of each story's quotes (a task)."""
    return [shared_quotes(group) for group in stories]


def everywhere_wording(n_outlets: int, n_strong: int, n_related: int) -> str:
    """What the claims carried by all ``n_outlets`` outlets allow an analyst to write:
    "All N report" only of strong matches (the same fact); related passages (shared
    words, not checked as the same fact) are named as such, never counted as reports."""
    related = (
        f"{plural(n_related, 'claim')} "
        f"{'is a related passage' if n_related == 1 else 'are related passages'} "
        f"in {every(n_outlets)} "
        "(shared words, not checked as the same fact)"
    )
    if n_strong:
        everyone = every(n_outlets, "outlet").capitalize()
        line = f"{everyone} report {plural(n_strong, 'claim')} as the same fact (strong match)"
        return f"{line}; {related}." if n_related else f"{line}."
    if n_related:
        return (
            f"No claim is reported by {every(n_outlets, 'outlet')} as the same fact "
            f"(strong match); {related}."
        )
    return f"No claim is carried by {every(n_outlets, 'outlet')}."
