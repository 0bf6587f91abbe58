"""Shared quotes: the same quotation carried by several articles.

Quote texts are normalised (case, quote marks, curly or straight
apostrophes, punctuation and whitespace) into word sequences. Two quotes
match when the shorter one's words appear contiguously in the longer one (a
trimmed or partial version), or when at least ``OVERLAP`` of the shorter
one's words occur in the longer one (small edits, bracketed insertions).
Quotes shorter than ``MIN_WORDS`` only match identical quotes. Candidate
pairs come from an index on word trigrams (or the whole quote when shorter),
so the cost grows with the number of quotes sharing a trigram, not with all
pairs. Matches are grouped transitively; a group must span two articles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

MIN_WORDS = 3
OVERLAP = 0.8
GROUP_COLUMNS = [
    "group_id",
    "label",
    "speaker",
    "n_outlets",
    "n_articles",
    "outlets",
    "articles",
    "members",
]

_WORD_RE = re.compile(r"\w+(?:'\w+)*")


def normalise(text: str) -> tuple[str, ...]:
    """Lower-cased words of ``text``, apostrophes straight, quote marks dropped."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    return tuple(word.strip("'") for word in _WORD_RE.findall(text))


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Whether ``short`` occurs contiguously in ``long``."""
    return f" {' '.join(short)} " in f" {' '.join(long)} "


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Share of the shorter sequence's words found in the other (multiset)."""
    short, long = sorted((a, b), key=len)
    common = Counter(short) & Counter(long)
    return sum(common.values()) / len(short)


def same_quote(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two normalised quotes are versions of one quotation."""
    if a == b:
        return bool(a)
    short, long = sorted((a, b), key=len)
    if len(short) < MIN_WORDS:
        return False
    return _contains(long, short) or _overlap(a, b) >= OVERLAP


def _keys(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Index keys: word trigrams, or the whole quote when shorter."""
    if len(words) < MIN_WORDS:
        return {words}
    return {words[k : k + MIN_WORDS] for k in range(len(words) - MIN_WORDS + 1)}


def _groups(texts: list[tuple[str, ...]]) -> np.ndarray:
    """Union-find groups of quotes linked by ``same_quote``."""
    parent = list(range(len(texts)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for position, words in enumerate(texts):
        for key in _keys(words):
            index[key].append(position)
    for postings in index.values():
        for k, a in enumerate(postings):
            for b in postings[k + 1 :]:
                if root(a) != root(b) and same_quote(texts[a], texts[b]):
                    parent[root(b)] = root(a)
    return np.array([root(x) for x in range(len(texts))])


def _coverage(words: tuple[str, ...], label: tuple[str, ...]) -> float:
    """Share of the label's words this version carries."""
    common = Counter(words) & Counter(label)
    return round(sum(common.values()) / len(label), 3) if label else 0.0


def shared_quotes(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotations carried by at least two articles, one row per group.

    ``label`` is the longest version; ``members`` lists each carrier (quote_id,
    article_id, outlet, text, speaker, kind, coverage of the label's words).
    Groups are ordered by outlets, then articles, then label length.
    """
    quotes = quotes.reset_index(drop=True)
    texts = [normalise(t) for t in quotes["text"]]
    frame = quotes.assign(group=_groups(texts), n_words=[len(t) for t in texts])
    spans = frame.groupby("group")["article_id"].transform("nunique")
    frame = frame[spans >= 2]  # most quotes are in no group of two articles: skip them at once
    rows = []
    for _, members in frame.groupby("group", sort=True):
        longest = members.loc[members["n_words"].idxmax()]
        label = texts[longest.name]
        speakers = members["speaker"].dropna()
        rows.append(
            {
                "label": longest["text"],
                "speaker": speakers.mode().iloc[0] if len(speakers) else None,
                "n_outlets": members["outlet"].nunique(),
                "n_articles": members["article_id"].nunique(),
                "outlets": list(dict.fromkeys(members["outlet"])),
                "articles": list(dict.fromkeys(members["article_id"])),
                "members": [
                    {
                        "quote_id": m.quote_id,
                        "article_id": m.article_id,
                        "outlet": m.outlet,
                        "text": m.text,
                        "speaker": m.speaker,
                        "kind": m.kind,
                        "coverage": _coverage(texts[m.Index], label),
                    }
                    for m in members.itertuples()
                ],
                "_length": len(label),
            }
        )
    table = pd.DataFrame(rows, columns=[*GROUP_COLUMNS[1:], "_length"])
    table = table.sort_values(
        ["n_outlets", "n_articles", "_length"], ascending=False, kind="stable"
    ).reset_index(drop=True)
    width = max(3, len(str(len(table))))
    table.insert(0, "group_id", [f"Q{k:0{width}d}" for k in range(1, len(table) + 1)])
    return table[GROUP_COLUMNS]
