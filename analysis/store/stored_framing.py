"""Framing evidence as a build computes and stores it: per partition of articles, compact.

:func:`analysis.framing.stance.stance_evidence` reads one article's sentences
and quotes at a time (mentions, cues and voiced quotes never cross
articles), so a build runs it on partitions of articles, in processes or as
Dask tasks, and puts the rows back in the order one call over the whole
corpus gives. The stored form (:func:`compact`) leaves out the sentence text
(the sentences table has it: :func:`with_sentences` adds it to the rows
shown) and the words that pushed each tone (worked out for the rows shown:
:func:`analysis.framing.stance.tone_contributions`; scoring a corpus without
them takes about a third less time), and holds the cues on each mention as
JSON text, one string a row, so a corpus's evidence stays small in memory.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from analysis.framing.stance import EVIDENCE_COLUMNS, LexiconEntry, Target, stance_evidence

JSON_COLUMNS = ("mention_cues",)
"""Lists per row (the cues on the mention), stored as JSON text."""
STORED_COLUMNS = [c for c in EVIDENCE_COLUMNS if c not in ("sentence", "contributions")]
ROW_COLUMNS = [c for c in EVIDENCE_COLUMNS if c != "contributions"]
"""The stored columns and the sentence: the rows :func:`with_sentences` gives."""
PART_ORDER = {"tone": 0, "loaded": 1, "distancing": 1, "voice": 2}
"""The order ``stance_evidence`` emits its parts in: mentions, then cues, then voiced quotes."""

Mapper = Callable[[Callable, Iterable], Iterable]
"""Runs a function over items (``map``, a process pool's, Dask's), results in item order;
the items may be a generator, read as tasks are handed out."""


def framing_key(targets: Sequence[Target], lexicon: Sequence[LexiconEntry]) -> str:
    """A content hash of the targets and lexicon: evidence is current while it is unchanged."""
    content = [
        [[t.name, t.pattern, t.affiliation, t.places] for t in targets],
        [[e.term, e.kind, int(e.polarity)] for e in lexicon],
    ]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()[:16]


def partitions(
    sentences: pd.DataFrame, quotes: pd.DataFrame, article_ids: Sequence[str], parts: int
) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """The sentences and quotes of ``parts`` runs of consecutive articles, in corpus order."""
    parts = max(1, min(parts, len(article_ids)))
    categories = pd.Index(article_ids)

    def part_of(frame: pd.DataFrame) -> np.ndarray:
        codes = pd.Categorical(frame["article_id"], categories=categories).codes
        return codes.astype(np.int64) * parts // max(len(article_ids), 1)

    s_part, q_part = part_of(sentences), part_of(quotes)
    return [(sentences[s_part == p], quotes[q_part == p]) for p in range(parts)]


def partition_evidence(
    part: tuple[pd.DataFrame, pd.DataFrame], targets: list[Target], lexicon: list[LexiconEntry]
) -> pd.DataFrame:
    """The compact evidence of one partition (a task: plain arguments, plain result)."""
    sentences, quotes = part
    return compact(stance_evidence(sentences, quotes, targets, lexicon, explain=False))


def combine(pieces: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Partitions' evidence in the order one call over all their articles gives."""
    frames = [p for p in pieces if not p.empty]
    if not frames:
        return pd.DataFrame(columns=STORED_COLUMNS)
    joined = pd.concat(frames, ignore_index=True)
    order = np.argsort(joined["component"].map(PART_ORDER).to_numpy(), kind="stable")
    return joined.iloc[order].reset_index(drop=True)


def corpus_evidence(
    sentences: pd.DataFrame,
    quotes: pd.DataFrame,
    article_ids: Sequence[str],
    targets: list[Target],
    lexicon: list[LexiconEntry],
    run: Mapper = map,
    parts: int = 1,
) -> pd.DataFrame:
    """The compact framing evidence of a corpus, computed per partition with ``run``."""
    pieces = partitions(sentences, quotes, article_ids, parts)
    task = _Task(targets, lexicon)
    return combine(run(task, pieces))


class _Task:
    """:func:`partition_evidence` with the targets and lexicon bound (picklable)."""

    def __init__(self, targets: list[Target], lexicon: list[LexiconEntry]) -> None:
        self.targets, self.lexicon = targets, lexicon

    def __call__(self, part: tuple[pd.DataFrame, pd.DataFrame]) -> pd.DataFrame:
        return partition_evidence(part, self.targets, self.lexicon)


def compact(evidence: pd.DataFrame) -> pd.DataFrame:
    """The stored form: no sentence text, per-row lists as JSON text."""
    frame = evidence.drop(columns=["sentence"], errors="ignore").reindex(columns=STORED_COLUMNS)
    for column in JSON_COLUMNS:
        frame[column] = [
            json.dumps(v, ensure_ascii=False) if isinstance(v, list | tuple) else "[]"
            for v in frame[column]
        ]
    return frame.reset_index(drop=True)


def in_selection(
    evidence: pd.DataFrame, selected: pd.DataFrame, sentences: pd.DataFrame
) -> pd.DataFrame:
    """The evidence rows of the ``selected`` sentences (of all ``sentences``); when every
    sentence is selected, the rows that have a sentence, without a set of every id."""
    if len(selected) < len(sentences):
        return evidence[evidence["sentence_id"].isin(set(selected["sentence_id"]))]
    has_sentence = evidence["sentence_id"].notna()
    return evidence if has_sentence.all() else evidence[has_sentence]


def listed(text: str) -> list:
    """A JSON list column's value back as a list of tuples."""
    return [tuple(item) for item in json.loads(text or "[]")]


def with_sentences(evidence: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``evidence`` rows with their sentence's text (``sentence``), for the rows shown."""
    wanted = sentences[sentences["sentence_id"].isin(evidence["sentence_id"].dropna().unique())]
    text = dict(zip(wanted["sentence_id"], wanted["text"], strict=True))
    return evidence.assign(sentence=evidence["sentence_id"].map(text)).reindex(columns=ROW_COLUMNS)
