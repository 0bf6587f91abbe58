"""Topics: analyst-defined patterns from ``topics.csv`` and topics discovered by NMF.

Defined topics tag every sentence that matches one of the topic's patterns.
Discovered topics factorise the sentence TF-IDF matrix with scikit-learn's
NMF and tag a sentence with its strongest component; they are labelled by
their top terms and are offered as an opt-in, since they change with the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfTransformer

from analysis.keywords import TermCounts, count_terms
from analysis.knowledge import KnowledgeError, Problem, compile_patterns, read_numbered_table

DISCOVERED_PREFIX = "Discovered: "


@dataclass(frozen=True)
class Topic:
    """A named topic and the pattern that finds it in a sentence."""

    name: str
    pattern: re.Pattern[str]
    description: str = ""


def load_topics(path: Path) -> tuple[list[Topic], list[Problem]]:
    """Read ``topics.csv`` (topic, patterns, description); bad rows are reported and skipped."""
    rows, problems = read_numbered_table(path, ("topic", "patterns"), ("description",))
    topics = []
    for number, row in rows:
        try:
            pattern = compile_patterns(row["patterns"], str(path), number)
        except KnowledgeError as exc:
            # The Problem already says where: keep only what is wrong.
            message = str(exc).removeprefix(f"{path}:{number}: ")
            problems.append(Problem(str(path), number, message))
            continue
        topics.append(Topic(row["topic"], pattern, row.get("description", "")))
    return topics, problems


def tag_topics(texts: Sequence[str], topics: Sequence[Topic]) -> list[tuple[str, ...]]:
    """The names of the topics whose pattern occurs in each text."""
    return [tuple(t.name for t in topics if t.pattern.search(text)) for text in texts]


def discover_topics(
    texts: Sequence[str],
    n_topics: int = 8,
    top_terms: int = 3,
    min_weight: float = 0.05,
    random_state: int = 0,
    counts: TermCounts | None = None,
) -> list[tuple[str, ...]]:
    """Tag each text with its strongest NMF topic, labelled by the topic's top terms.

    The matrix factorised is the TF-IDF of the texts' keyword terms (sublinear tf,
    terms in at least two texts); pass the texts' ``counts`` to reuse them.
    Texts whose strongest component is weaker than ``min_weight`` get no tag.
    Returns an empty tuple for every text when the corpus is too small to factorise.
    """
    if len(texts) < 2 * n_topics:
        return [() for _ in texts]
    if counts is None:
        counts = count_terms(pd.DataFrame({"text": list(texts)}))
    shared = np.flatnonzero(np.asarray((counts.matrix > 0).sum(axis=0)).ravel() >= 2)
    n_topics = min(n_topics, shared.size - 1)
    if n_topics < 1:
        return [() for _ in texts]
    matrix = TfidfTransformer(sublinear_tf=True).fit_transform(counts.matrix[:, shared])
    model = NMF(n_components=n_topics, init="nndsvd", random_state=random_state, max_iter=400)
    weights = model.fit_transform(matrix)
    terms = counts.terms[shared]
    labels = [
        DISCOVERED_PREFIX + " · ".join(_label_terms(terms[np.argsort(c)[::-1]], top_terms))
        for c in model.components_
    ]
    strongest = weights.argmax(axis=1)
    return [
        (labels[k],) if weights[row, k] >= min_weight else () for row, k in enumerate(strongest)
    ]


def _label_terms(ranked: Sequence[str], top_terms: int) -> list[str]:
    """The first ``top_terms`` terms that add a word not already in the label."""
    label: list[str] = []
    seen: set[str] = set()
    for term in ranked:
        words = set(term.lower().split())
        if not words <= seen:
            label.append(term)
            seen |= words
        if len(label) == top_terms:
            break
    return label
