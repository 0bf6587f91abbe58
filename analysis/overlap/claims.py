"""Claims: sentences of different articles that report the same thing.

Sentences are compared by TF-IDF cosine over content words and bigrams, cut
to a stem, reporting verbs left out (``claim_terms``), keeping
only terms that at least two articles use: a term one article alone uses
cannot show shared content, and dropping it keeps a long sentence comparable
by the part it shares. Pairs at or above ``EDGE`` come from the same blocked
search as reuse (exact prefix filtering, never all pairs).

Claims are built in two steps, and each keeps its match strength:

1. ``strong`` claims: sentence pairs at or above ``LINK`` that report the same
   fact (``analysis.overlap.claim_match``: actors, numbers and the event
   agree) are merged, most similar first, into groups in which *every* two
   sentences of different articles are such a pair (complete linkage). Every
   pair of sentences a strong claim puts together is thus a checked match,
   and any subset of it with two articles is strong too.
2. ``related`` claims: the other sentences are grouped by average-linkage
   agglomeration on all pairs at or above ``EDGE``, merging groups while
   their mean pairwise similarity, counting missing pairs and pairs of the
   same article as 0, stays at or above ``LINK``. Average linkage, unlike
   connected components, does not chain unrelated sentences through one
   bridging sentence. Such sentences share words, not necessarily the fact.

A claim of one article is ``single``. ``strengths`` recomputes strength on a
subset of members (a selection, the articles being compared).

Every sentence ends in exactly one claim; claims carried by one article are
kept, as that article's exclusives. Claim ids (``C0001`` ...) follow a fixed
order (most outlets first, then most articles, then the position of the first
member in ``sentences``), so the same input always gives the same ids.
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.overlap.claim_match import (
    MIN_EVIDENCE,
    RELATED,
    SINGLE,
    STRONG,
    lowercase_words,
    outlet_words,
    profile,
    profiles_agree,
    profiles_share_event,
    shared_support,
    statements_agree,
    topic_words,
    without_news,
)
from analysis.overlap.sentence_similarity import STEM, STOP_WORDS, similar_sentences, terms
from analysis.voices.cues import CUE_VERBS

EDGE = 0.2
LINK = 0.35
VERBATIM = 0.8  # similarity from which two sentences are copies of one statement
LABEL_CHARS = 120
CLAIM_STOP_WORDS = STOP_WORDS | frozenset(CUE_VERBS) | {"according"}
"""Words no claim rests on: a reporting verb says how a sentence attributes, not what it
reports ("The Lord says pray without ceasing" and "Mark Zandi says ..." share only "says")."""

MEMBER_COLUMNS = ["claim_id", "sentence_id", "article_id", "outlet", "text", "start", "end"]
CLAIM_COLUMNS = ["claim_id", "label", "n_outlets", "outlets", "n_articles", "strength"]


def claim_terms(text: str) -> list[str]:
    """The terms claims compare sentences on: content words and bigrams (``terms``) cut to
    ``STEM`` letters, without ``CLAIM_STOP_WORDS``."""
    return terms(text, STEM, CLAIM_STOP_WORDS)


def average_linkage(
    n: int,
    i: np.ndarray,
    j: np.ndarray,
    weight: np.ndarray,
    threshold: float,
    sizes: np.ndarray | None = None,
    apart: np.ndarray | None = None,
) -> np.ndarray:
    """Cluster labels of average-linkage agglomeration on a sparse graph.

    Missing edges count as similarity 0; merging stops when no two clusters
    have a mean pairwise similarity >= ``threshold``. Ties break on cluster
    number, so the result is deterministic. ``sizes``: how many items each
    node already stands for (a node's ``weight`` is then the sum over its
    items' pairs); 1 each by default. ``apart``: nodes that never end in one
    cluster (two strong claims stay two claims).
    """
    size = [1] * n if sizes is None else sizes.tolist()
    held = [False] * n if apart is None else apart.tolist()
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for a, b, w in zip(i.tolist(), j.tolist(), weight.tolist(), strict=True):
        links[a][b] = links[b][a] = w
    heap = [
        (-w / (size[a] * size[b]), min(a, b), max(a, b))
        for a, b, w in zip(i.tolist(), j.tolist(), weight.tolist(), strict=True)
    ]
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        negative, a, b = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b:
            continue
        mean = links[a][b] / (size[a] * size[b])
        if mean != -negative:  # stale entry: one side has grown since
            continue
        if mean < threshold:
            break
        if held[a] and held[b]:
            continue
        keep, gone = (a, b) if len(links[a]) >= len(links[b]) else (b, a)
        parent[gone] = keep
        size[keep] += size[gone]
        held[keep] = held[keep] or held[gone]
        del links[keep][gone]
        for other, w in links[gone].items():
            if other != keep:
                del links[other][gone]
                links[keep][other] = links[other][keep] = links[keep].get(other, 0.0) + w
        links[gone] = {}
        for other, w in links[keep].items():
            mean = w / (size[keep] * size[other])
            heapq.heappush(heap, (-mean, min(keep, other), max(keep, other)))
    return np.array([_root(parent, x) for x in range(n)])


def _root(parent: list[int], x: int) -> int:
    """Cluster of node ``x``, compressing the path on the way."""
    root = x
    while parent[root] != root:
        root = parent[root]
    while parent[x] != root:
        parent[x], x = root, parent[x]
    return root


def complete_linkage(
    n: int, i: np.ndarray, j: np.ndarray, weight: np.ndarray, groups: np.ndarray
) -> np.ndarray:
    """Cluster labels of greedy complete linkage over the edges (i, j, weight).

    Edges are taken most similar first (ties on i, then j); two clusters merge
    only when every pair of their members from different ``groups`` is an
    edge. Pairs within one group are not constrained.
    """
    linked = set(zip(i.tolist(), j.tolist(), strict=True))
    parent = list(range(n))
    members: list[list[int]] = [[x] for x in range(n)]
    for _, a, b in sorted(zip((-weight).tolist(), i.tolist(), j.tolist(), strict=True)):
        ra, rb = _root(parent, a), _root(parent, b)
        if ra == rb:
            continue
        if all(
            (min(x, y), max(x, y)) in linked
            for x in members[ra]
            for y in members[rb]
            if groups[x] != groups[y]
        ):
            parent[rb] = ra
            members[ra] += members[rb]
            members[rb] = []
    return np.array([_root(parent, x) for x in range(n)])


def trim_label(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:–—-") + "…"


def _central(cluster: np.ndarray, edges: pd.DataFrame) -> np.ndarray:
    """Per cluster (in order of first appearance), its most central sentence.

    Central means the largest summed similarity to the other members; ties
    go to the earlier sentence.
    """
    i, j = edges["i"].to_numpy(), edges["j"].to_numpy()
    inside = cluster[i] == cluster[j]
    weight = edges["similarity"].to_numpy()[inside]
    score = np.bincount(i[inside], weight, len(cluster)) + np.bincount(
        j[inside], weight, len(cluster)
    )
    order = np.lexsort((np.arange(len(cluster)), -score, cluster))
    first = np.r_[True, cluster[order][1:] != cluster[order][:-1]]
    return pd.Series(order[first], index=cluster[order][first])


def claims(
    sentences: pd.DataFrame, *, edge: float = EDGE, link: float = LINK
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group sentences into claims.

    With a ``speakers`` column (``with_speakers``), two sentences of different
    speakers never make a strong pair (news organisations cited as sources are
    no speakers: ``claim_match.without_news``). With a ``story`` column, claims are
    found within each story alone (two stories share no claim, and the cost
    grows with the stories' sizes, not the corpus's). Returns ``claims``
    (claim_id, label, n_outlets, outlets, n_articles, strength; one row per
    claim, most outlets first) and
    ``members`` (claim_id, sentence_id, article_id, outlet, text, start, end,
    agrees; one row per sentence; ``agrees``: the sentence is in a strong
    claim's core).
    """
    if sentences.empty:
        members = sentences.reindex(columns=MEMBER_COLUMNS).assign(agrees=pd.Series(dtype=bool))
        return pd.DataFrame(columns=CLAIM_COLUMNS), members
    sentences = sentences.reset_index(drop=True)
    groups = pd.factorize(sentences["article_id"])[0]
    texts = sentences["text"].tolist()
    story = sentences.get("story", pd.Series("", sentences.index)).fillna("")
    speakers = sentences.get("speakers", pd.Series([()] * len(sentences))).tolist()
    outlets = outlet_words(sentences["outlet"].unique())
    named = {found: without_news(found, outlets) for found in set(speakers) if found}
    speakers = [named.get(found, ()) for found in speakers]
    cluster = np.zeros(len(sentences), dtype=np.int64)
    strong = np.zeros(len(sentences), dtype=bool)
    found = []
    for rows in story.groupby(story, sort=False).indices.values():
        local, core, story_edges = _story_claims(
            [texts[k] for k in rows], [speakers[k] for k in rows], groups[rows], edge, link
        )
        cluster[rows], strong[rows] = rows[local], core
        found.append(story_edges.assign(i=rows[story_edges["i"]], j=rows[story_edges["j"]]))
    edges = (
        pd.concat(found, ignore_index=True)
        if found
        else pd.DataFrame(
            {"i": np.empty(0, dtype=np.int64), "j": np.empty(0, dtype=np.int64), "similarity": []}
        )
    )
    members = sentences[MEMBER_COLUMNS[1:]].assign(cluster=cluster, order=np.arange(len(cluster)))
    table = members.groupby("cluster").agg(
        n_outlets=("outlet", "nunique"),
        n_articles=("article_id", "nunique"),
        first=("order", "min"),
    )
    table = table.sort_values(["n_outlets", "n_articles", "first"], ascending=[False, False, True])
    width = max(4, len(str(len(table))))
    table["claim_id"] = [f"C{k:0{width}d}" for k in range(1, len(table) + 1)]
    central = _central(cluster, edges).reindex(table.index)
    table["label"] = [trim_label(text) for text in members["text"].to_numpy()[central.to_numpy()]]
    carriers = members.drop_duplicates(["cluster", "outlet"]).groupby("cluster")["outlet"]
    table["outlets"] = carriers.agg(list).reindex(table.index)
    members.insert(0, "claim_id", table["claim_id"].reindex(cluster).to_numpy())
    members["agrees"] = strong
    table["strength"] = strengths(members).reindex(table["claim_id"]).to_numpy()
    members = members.sort_values("claim_id", kind="stable").reset_index(drop=True)
    return table[CLAIM_COLUMNS].reset_index(drop=True), members[[*MEMBER_COLUMNS, "agrees"]]


def with_speakers(sentences: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """``sentences`` with a ``speakers`` column: the attributed speakers of the quotes
    (full, partial or indirect) that overlap each sentence, in reading order.

    The sentences of one article do not overlap (they segment it), so each quote's
    sentences are one run found by binary search, not a merge of every sentence of an
    article with every quote of it.
    """
    known = quotes.loc[quotes["speaker"].fillna("").astype(str).str.strip() != ""]
    found: list[tuple[str, ...]] = [()] * len(sentences)
    codes, uniques = pd.factorize(sentences["article_id"])
    quote_codes = uniques.get_indexer(known["article_id"])
    known, quote_codes = known[quote_codes >= 0], quote_codes[quote_codes >= 0]
    if known.empty:
        return sentences.assign(speakers=found)
    width = int(max(sentences["end"].max(), known["end"].max())) + 1
    order = np.lexsort((sentences["start"].to_numpy(), codes))
    starts = (codes * width + sentences["start"].to_numpy())[order]
    ends = (codes * width + sentences["end"].to_numpy())[order]
    quote_starts = quote_codes * width + known["start"].to_numpy()
    quote_ends = quote_codes * width + known["end"].to_numpy()
    first = np.searchsorted(ends, quote_starts, side="right")
    count = np.maximum(np.searchsorted(starts, quote_ends, side="left") - first, 0)
    quote = np.repeat(np.arange(len(known)), count)
    row = order[np.repeat(first - np.cumsum(count) + count, count) + np.arange(count.sum())]
    by_row = np.lexsort((known["start"].to_numpy()[quote], row))
    row, quote = row[by_row], quote[by_row]
    speaker = known["speaker"].astype(str).to_numpy()[quote].tolist()
    bounds = np.flatnonzero(np.r_[True, row[1:] != row[:-1], True]).tolist() if len(row) else []
    for start, stop in itertools.pairwise(bounds):  # the runs of one sentence's quotes
        found[row[start]] = tuple(dict.fromkeys(speaker[start:stop]))
    return sentences.assign(speakers=found)


def _story_claims(
    texts: list[str],
    speakers: list[tuple[str, ...]],
    groups: np.ndarray,
    edge: float,
    link: float,
) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Cluster label (a member's position) and strong-core flag per sentence, and the edges."""
    if len(set(groups.tolist())) < 2:  # one article: nothing to compare, every sentence alone
        none = np.empty(0, dtype=np.int64)
        edges = pd.DataFrame({"i": none, "j": none, "similarity": np.empty(0)})
        return np.arange(len(texts)), np.zeros(len(texts), dtype=bool), edges
    edges = similar_sentences(texts, groups, edge, shared_terms=True, analyzer=claim_terms)
    fact, kept = _same_fact(edges, texts, speakers, groups, link)
    cluster, strong = _cluster(len(texts), edges[kept], fact[kept], groups, link)
    return cluster, strong, edges


def _same_fact(
    edges: pd.DataFrame,
    texts: list[str],
    speakers: list[tuple[str, ...]],
    groups: np.ndarray,
    link: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Per edge, whether it reaches ``link`` and its sentences report the same fact, and
    whether it may join a claim at all.

    Words that are topic words of both articles (``topic_words``) are no evidence;
    sentences of different speakers are different statements. A pair reaching ``link``
    that shares fewer than ``MIN_EVIDENCE`` words and names besides those topic words,
    and no quoted phrase (a “no limits” partnership), joins no claim, not even a related
    one: one shared word ("mentioned" / "did not mention") is what any two sentences of
    a story may share, and the similarity of two short sentences over the few terms both
    articles use can rest on it alone.
    """
    i, j = edges["i"].to_numpy(), edges["j"].to_numpy()
    close = edges["similarity"].to_numpy() >= link
    involved = np.unique(np.r_[i[close], j[close]])
    common = lowercase_words(texts)
    read = {k: profile(texts[k], common) for k in involved.tolist()}
    phrases = {k: quoted_phrases(texts[k]) for k in involved.tolist()}
    involved_articles = set(groups[involved].tolist())
    positions = pd.Series(np.arange(len(texts))).groupby(groups).indices
    topic = {g: topic_words(texts[k] for k in positions[g].tolist()) for g in involved_articles}
    verbatim = edges["similarity"].to_numpy() >= VERBATIM
    result = np.zeros(len(edges), dtype=bool)
    kept = np.ones(len(edges), dtype=bool)
    for k in np.flatnonzero(close).tolist():
        a, b = read[int(i[k])], read[int(j[k])]
        both = topic[groups[i[k]]] & topic[groups[j[k]]]
        quoted = phrases[int(i[k])] & phrases[int(j[k])]
        kept[k] = bool(quoted) or shared_support(a, b, both) >= MIN_EVIDENCE
        result[k] = (
            profiles_agree(a, b)
            and profiles_share_event(a, b, both)
            and statements_agree(speakers[int(i[k])], speakers[int(j[k])], a, b, verbatim[k])
        )
    return result, kept


QUOTED = re.compile(r"[“\"‘]([^“”\"‘’]{3,80})[”\"’]")


def quoted_phrases(text: str) -> frozenset[str]:
    """The phrases of ``text`` in quote marks, lower-cased: 'a “no limits” partnership'."""
    return frozenset(m.group(1).strip().lower() for m in QUOTED.finditer(text))


def _cluster(
    n: int, edges: pd.DataFrame, fact: np.ndarray, groups: np.ndarray, link: float
) -> tuple[np.ndarray, np.ndarray]:
    """Cluster label per sentence, and whether it is in a strong claim.

    Strong cores: complete linkage over same-fact edges; then average linkage
    over all edges, the cores taken as formed clusters (see the module doc).
    """
    i, j, weight = edges["i"].to_numpy(), edges["j"].to_numpy(), edges["similarity"].to_numpy()
    core = complete_linkage(n, i[fact], j[fact], weight[fact], groups)
    sizes = np.bincount(core, minlength=n)
    a, b = np.minimum(core[i], core[j]), np.maximum(core[i], core[j])
    between = pd.DataFrame({"a": a, "b": b, "w": weight})[a != b].groupby(["a", "b"])["w"].sum()
    nodes = between.index.to_frame(index=False)
    merged = average_linkage(
        n, nodes["a"].to_numpy(), nodes["b"].to_numpy(), between.to_numpy(), link, sizes, sizes > 1
    )
    return merged[core], sizes[core] > 1


def strengths(members: pd.DataFrame) -> pd.Series:
    """Match strength per claim of ``members`` (any subset of a ``claims`` result)."""
    grouped = members.groupby("claim_id")
    n_articles = grouped["article_id"].nunique()
    every = grouped["agrees"].all()
    strength = np.where(n_articles < 2, SINGLE, np.where(every, STRONG, RELATED))
    return pd.Series(strength, index=n_articles.index, name="strength")


def coverage_matrix(
    claims: pd.DataFrame, members: pd.DataFrame, min_outlets: int = 1
) -> pd.DataFrame:
    """Sentences per claim (rows) and outlet (columns).

    Rows are claims carried by at least ``min_outlets`` outlets, most widely
    carried first (the order of ``claims``); columns are outlets, the one
    carrying most claims first. Transpose for an outlet x claim view.
    """
    kept = claims.loc[claims["n_outlets"] >= min_outlets, "claim_id"]
    counts = pd.crosstab(members["claim_id"], members["outlet"]).reindex(kept, fill_value=0)
    order = (counts > 0).sum().sort_values(ascending=False, kind="stable").index
    return counts[order]


def _outlets_per_claim(members: pd.DataFrame) -> pd.Series:
    """The set of outlets carrying each claim."""
    return members.groupby("claim_id")["outlet"].agg(frozenset)


def is_omission(n_carrying: int, n_others: int) -> bool:
    """Whether leaving out a claim that ``n_carrying`` of ``n_others`` others carry means something.

    It does when all the others carry it, or at least two of them and a
    majority: with three outlets, a claim one other outlet carries is that
    outlet's exclusive, not the third outlet's omission.
    """
    if n_others < 1 or n_carrying < 1:
        return False
    return n_carrying == n_others or (n_carrying >= 2 and 2 * n_carrying > n_others)


def omissions(claims: pd.DataFrame, members: pd.DataFrame, outlets: Sequence[str]) -> pd.DataFrame:
    """Per outlet, claims it does not carry although the others agree on them (``is_omission``).

    ``outlets`` are the outlets being compared (an outlet with no sentence
    omits everything the others agree on). Columns: outlet, claim_id, label,
    n_others (how many other outlets carry it), share_of_others, carried_by
    (those outlets, comma-separated, in the order of ``outlets``).
    """
    compared = list(dict.fromkeys(outlets))
    others = len(compared) - 1
    carried = _outlets_per_claim(members)
    label = claims.set_index("claim_id")["label"]
    rows = []
    for outlet in compared:
        for claim_id, carriers in carried.items():
            by = [o for o in compared if o in carriers and o != outlet]
            if outlet not in carriers and is_omission(len(by), others):
                rows.append(
                    (outlet, claim_id, label[claim_id], len(by), len(by) / others, ", ".join(by))
                )
    columns = ["outlet", "claim_id", "label", "n_others", "share_of_others", "carried_by"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(
        ["outlet", "n_others", "claim_id"], ascending=[True, False, True]
    ).reset_index(drop=True)


def exclusives(claims: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, claims that no other outlet carries.

    Columns: outlet, claim_id, label, n_articles, n_sentences.
    """
    single = claims[claims["n_outlets"] == 1].set_index("claim_id")
    mine = members[members["claim_id"].isin(single.index)]
    frame = mine.groupby(["outlet", "claim_id"]).agg(
        n_articles=("article_id", "nunique"), n_sentences=("sentence_id", "size")
    )
    frame = frame.reset_index()
    frame.insert(2, "label", single.loc[frame["claim_id"], "label"].to_numpy())
    return frame.sort_values(["outlet", "claim_id"]).reset_index(drop=True)
