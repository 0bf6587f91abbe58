"""Distinctive terms: which words each outlet (or article) leans on, against the others.

Each outlet (or article) is one document made of its sentences; scikit-learn's
``TfidfVectorizer`` with sublinear tf weighs its unigrams and bigrams, so a term
scores high when the outlet uses it often and few other outlets use it at all.
Bigrams never cross a sentence boundary, stop words include news furniture
words, and multi-word names are single terms ("Xi Jinping", not "xi",
"jinping" and "xi jinping").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    CountVectorizer,
    TfidfTransformer,
)

SENTENCE_SEPARATOR = "\n"

NEWS_STOP_WORDS = frozenset(
    """
    said says say saying told tell telling according reported reports report reporting
    added adding stated statement noted asked according mr mrs ms dr year years week weeks
    month months day days time times ago just like including new told read minute minutes
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    january february march april june july august september october november december jan
    feb mar apr jun jul aug sep sept oct nov dec percent per cent click subscribe
    newsletter sign advertisement copyright rights reserved photo image video getty images
    caption share follow email contact
    """.split()
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | NEWS_STOP_WORDS

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w(?:[\w\-]*\w)?(?:['’]\w+)?")
_POSSESSIVE = re.compile(r"['’]s$", re.I)
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_CONTRACTION = re.compile(r"^\w+['’](?:t|re|ve|ll|d|m)$", re.I)


def normalise_token(token: str) -> str:
    """Lower-case a word, but keep acronyms upper-case (so "US" is not the stop word "us")."""
    token = _POSSESSIVE.sub("", token)
    if "." in token:
        return token.replace(".", "")
    if _ACRONYM.match(token):
        return token
    return token.lower()


class TermAnalyzer:
    """Turn a document of newline-separated sentences into unigrams and bigrams.

    ``names`` maps a lower-cased name or alias (``"xi"``, ``"president xi"``)
    to the canonical term that replaces it (``"Xi Jinping"``).
    """

    max_name_words = 4

    def __init__(self, names: Mapping[str, str] | None = None) -> None:
        self.names = {tuple(k.lower().split()): v for k, v in (names or {}).items() if k.strip()}

    def __call__(self, document: str) -> list[str]:
        terms: list[str] = []
        for sentence in document.split(SENTENCE_SEPARATOR):
            tokens = self.tokens(sentence)
            terms.extend(tokens)
            terms.extend(f"{a} {b}" for a, b in pairwise(tokens))
        return terms

    def tokens(self, sentence: str) -> list[str]:
        """Normalised, name-merged, stop-word-free tokens of one sentence."""
        raw = [_POSSESSIVE.sub("", t) for t in _TOKEN.findall(sentence)]
        merged = self._merge_names(raw)
        return [
            t
            for t in merged
            if len(t) > 1
            # an acronym is compared as written: "US" is a term, "us" a stop word
            and (t if _ACRONYM.match(t) else t.lower()) not in STOP_WORDS
            and not _CONTRACTION.match(t)
        ]

    def _merge_names(self, raw: list[str]) -> list[str]:
        out: list[str] = []
        lowered = [t.lower() for t in raw]
        i = 0
        while i < len(raw):
            if not raw[i][:1].isupper():
                out.append(normalise_token(raw[i]))
                i += 1
                continue
            for width in range(min(self.max_name_words, len(raw) - i), 0, -1):
                name = self.names.get(tuple(lowered[i : i + width]))
                if name:
                    out.append(name)
                    i += width
                    break
            else:
                out.append(normalise_token(_unshout(raw, i)))
                i += 1
        return out

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TermAnalyzer) and self.names == other.names

    def __hash__(self) -> int:
        return hash(frozenset(self.names.items()))


def _unshout(raw: list[str], i: int) -> str:
    """The token at ``i``, lower-cased when it is part of a run of capitals ("READ MORE"):
    shouted furniture is not an acronym, while "US" among lower-case words is."""
    token = raw[i]
    if not _ACRONYM.match(token):
        return token
    neighbours = raw[max(i - 1, 0) : i] + raw[i + 1 : i + 2]
    if any(n.isupper() and len(n) > 1 and "." not in n for n in neighbours):
        return token.lower()
    return token


@dataclass(frozen=True)
class TermCounts:
    """Term counts of every sentence of a corpus: analysed once, summed for any selection.

    Row ``i`` of ``matrix`` belongs to the sentence with index label ``i`` in the
    sentences frame it was made from, so a filtered frame selects its rows.
    """

    matrix: sparse.csr_matrix
    terms: np.ndarray


def count_terms(sentences: pd.DataFrame, names: Mapping[str, str] | None = None) -> TermCounts:
    """Count the terms of each sentence (``sentences`` must have a 0..n-1 index)."""
    counter = CountVectorizer(analyzer=TermAnalyzer(names), dtype=np.int32)
    try:
        matrix = counter.fit_transform(sentences["text"].tolist()).tocsr()
    except ValueError:
        return TermCounts(sparse.csr_matrix((len(sentences), 0), dtype=np.int32), np.array([]))
    return TermCounts(matrix, counter.get_feature_names_out())


def distinctive_terms(
    sentences: pd.DataFrame,
    by: str = "outlet",
    top: int = 15,
    names: Mapping[str, str] | None = None,
    counts: TermCounts | None = None,
    common: bool = False,
) -> pd.DataFrame:
    """The ``top`` highest-scoring terms of each outlet or article in ``sentences``.

    Terms every group uses are left out of the ranking unless ``common`` (they
    distinguish no one; they still count in every score's normalisation).

    The scores are scikit-learn's: a ``TfidfTransformer`` (sublinear tf) over the
    groups' term counts, the same numbers ``TfidfVectorizer(analyzer=TermAnalyzer(names),
    sublinear_tf=True)`` gives on one newline-joined document per group (no term crosses
    a sentence boundary). Pass the corpus's ``counts`` to avoid re-analysing text.
    Columns: group, rank, term, score, count (occurrences in the group),
    articles and outlets (how many of the selection's articles and outlets use it).
    """
    columns = ["group", "rank", "term", "score", "count", "articles", "outlets"]
    if sentences.empty:
        return pd.DataFrame(columns=columns)
    if counts is None:
        sentences = sentences.reset_index(drop=True)
        counts = count_terms(sentences, names)
    rows = counts.matrix[sentences.index.to_numpy()]
    group_codes, groups = pd.factorize(sentences[by], sort=True)
    per_group = _indicator(group_codes, len(groups)) @ rows
    used = np.flatnonzero(np.asarray(per_group.sum(axis=0)).ravel())
    if used.size == 0:
        return pd.DataFrame(columns=columns)
    per_group, terms = per_group[:, used].tocsr(), counts.terms[used]
    scores = TfidfTransformer(sublinear_tf=True).fit_transform(per_group).tocsr()
    everywhere = np.asarray((per_group > 0).sum(axis=0)).ravel() == len(groups)
    ranked = np.ones(len(terms), dtype=bool) if common or len(groups) < 2 else ~everywhere
    articles, outlets = _spread(sentences, rows[:, used])
    table = []
    for g, group in enumerate(groups):
        row = scores.getrow(g).toarray().ravel()
        group_counts = per_group.getrow(g).toarray().ravel()
        candidates = np.flatnonzero((row > 0) & ranked)
        order = np.lexsort((-group_counts[candidates], -row[candidates]))
        pool = candidates[order][: 10 * top].tolist()
        for rank, i in enumerate(_drop_fragments(pool, terms, group_counts)[:top], start=1):
            table.append(
                (
                    group,
                    rank,
                    terms[i],
                    float(row[i]),
                    int(group_counts[i]),
                    articles[i],
                    outlets[i],
                )
            )
    return pd.DataFrame(table, columns=columns)


def _indicator(codes: np.ndarray, n_groups: int) -> sparse.csr_matrix:
    """A groups x rows 0/1 matrix: multiplying by it sums rows per group."""
    ones = np.ones(len(codes), dtype=np.int32)
    return sparse.csr_matrix((ones, (codes, np.arange(len(codes)))), shape=(n_groups, len(codes)))


def _spread(sentences: pd.DataFrame, rows: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """For each term: in how many articles and in how many outlets of the selection it occurs."""
    spread = []
    for column in ("article_id", "outlet"):
        codes, groups = pd.factorize(sentences[column])
        present = (_indicator(codes, len(groups)) @ rows) > 0
        spread.append(np.asarray(present.sum(axis=0)).ravel().astype(int))
    return spread[0], spread[1]


def _drop_fragments(pool: list[int], terms: np.ndarray, counts: np.ndarray) -> list[int]:
    """Keep readable terms: a bigram must recur to be a phrase, and a word that only
    ever occurs inside a listed phrase (same count) is a fragment of it."""
    listed = {terms[i]: counts[i] for i in pool if " " not in terms[i] or counts[i] >= 2}
    inside: set[str] = set()
    for term, count in listed.items():
        if " " in term:
            inside.update(w for w in term.split(" ") if listed.get(w) == count)
    return [i for i in pool if terms[i] in listed and terms[i] not in inside]


def find_names(texts: Iterable[str], known: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map names and surnames to full names seen in the texts, plus the ``known`` aliases.

    A full name is two capitalised words that are not titles, days, months or
    nationalities ("Dmitry Peskov"); its last word alone ("Peskov") maps to it
    when only one full name in the texts ends with that word.
    """
    full: Counter[tuple[str, str]] = Counter()
    alone: Counter[str] = Counter()
    for text in texts:
        if is_headline(text):
            continue
        for match in _NAME_PAIR.finditer(text):
            first, last = match.group(1), match.group(2)
            if _could_be_name(first) and _could_be_name(last):
                full[(first, last)] += 1
        alone.update(m.group(1) for m in _ALONE.finditer(text))
    by_surname: dict[str, set[str]] = {}
    for first, last in full:
        if alone[last] > full[(first, last)]:
            by_surname.setdefault(last.lower(), set()).add(f"{first} {last}")
    names = {f"{first} {last}".lower(): f"{first} {last}" for first, last in full}
    names.update({surname: next(iter(v)) for surname, v in by_surname.items() if len(v) == 1})
    names.update({k.lower(): v for k, v in (known or {}).items()})
    return names


_NAME_PAIR = re.compile(
    r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?!['’]?\s*[A-Z])"
)
_ALONE = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]+)\b")
_NOT_NAMES = (
    frozenset(
        [
            "president",
            "prime",
            "minister",
            "secretary",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "foreign",
            "defense",
            "defence",
            "general",
            "sen",
            "senator",
            "rep",
            "gov",
            "governor",
            "mr",
            "mrs",
            "ms",
            "dr",
            "king",
            "queen",
            "pope",
            "chancellor",
            "leader",
            "chairman",
            "director",
            "ambassador",
            "adviser",
            "advisor",
            "commander",
            "chief",
            "deputy",
            "vice",
            "state",
            "national",
            "security",
            "council",
            "party",
            "republican",
            "democrat",
            "democratic",
            "former",
            "new",
            "north",
            "south",
            "east",
            "west",
            "united",
            "european",
            "international",
            "world",
            "supreme",
            "court",
            "house",
            "senate",
            "white",
            "city",
            "republic",
            "ministry",
            "army",
            "navy",
            "air",
            "force",
            "news",
            "agency",
            "times",
            "post",
            "press",
            "daily",
            "journal",
            "street",
            "university",
            "institute",
            "center",
            "centre",
            "union",
            "nations",
            "kingdom",
            "federation",
            "people",
            "peace",
            "war",
            "human",
            "rights",
            "trade",
            "energy",
            "foundation",
            "committee",
            "department",
            "office",
        ]
    )
    | NEWS_STOP_WORDS
    | ENGLISH_STOP_WORDS
)
_DEMONYM = re.compile(r"(?:ian|ese|ish)$")


def _could_be_name(word: str) -> bool:
    lower = word.lower()
    return lower not in _NOT_NAMES and not (_DEMONYM.search(lower) and len(lower) > 5)


def is_headline(text: str) -> bool:
    """Title Case lines ("Xi Arrives in Moscow") would pair verbs with names."""
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.6


def sentences_with_term(
    sentences: pd.DataFrame,
    term: str,
    names: Mapping[str, str] | None = None,
    counts: TermCounts | None = None,
) -> pd.DataFrame:
    """The sentences whose terms include ``term``: the evidence behind its count."""
    if counts is None:
        analyzer = TermAnalyzer(names)
        return sentences[sentences["text"].map(lambda text: term in analyzer(text))]
    column = np.searchsorted(counts.terms, term)
    if column >= len(counts.terms) or counts.terms[column] != term:
        return sentences.iloc[0:0]
    present = counts.matrix[sentences.index.to_numpy(), column].toarray().ravel() > 0
    return sentences[present]


def term_pattern(term: str, names: Mapping[str, str] | None = None) -> re.Pattern[str]:
    """A pattern that finds ``term`` as written in a sentence, aliases of a name included."""
    spellings = {term} | {alias for alias, name in (names or {}).items() if name == term}
    words = [r"\W+".join(re.escape(w) for w in s.replace(".", "").split()) for s in spellings]
    words = [w.replace("US", r"U\.?S\.?") for w in words]
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    flags = 0 if _ACRONYM.match(term) else re.IGNORECASE
    return re.compile(rf"\b(?:{alternatives})(?:['’]s)?(?!\w)", flags)
