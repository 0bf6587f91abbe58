"""Topics: analyst-defined patterns from ``topics.csv`` and topics discovered by NMF.

Defined topics tag every sentence that matches one of the topic's patterns.
Discovered topics factorise the sentence TF-IDF matrix with scikit-learn's
NMF and tag a sentence with its strongest component; they are labelled by
their top terms and are offered as an opt-in, since they change with the corpus.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.emphasis.terms import TermCounts, count_terms
from analysis.knowledge.files import KnowledgeError, Problem, compile_patterns, read_numbered_table
from analysis.knowledge.patterns import SafePattern

DISCOVERED_PREFIX = "Discovered: "


@dataclass(frozen=True)
class Topic:
    """A named topic and the pattern that finds it in a sentence."""

    name: str
    pattern: SafePattern
    description: str = ""


def load_topics(path: Path) -> tuple[list[Topic], list[Problem]]:
    """Read ``topics.csv`` (topic, patterns, description); bad rows are reported and skipped."""
    rows, problems = read_numbered_table(path, ("topic", "patterns"), ("description",))
    topics = []
    for number, row in rows:
        try:
            pattern = compile_patterns(row["patterns"], path.name, number)
        except KnowledgeError as exc:
            # The Problem already says where: keep only what is wrong, and which topic.
            message = str(exc).removeprefix(f"{path.name}:{number}: ")
            problems.append(Problem(path.name, number, f"topic {row['topic']!r}: {message}"))
            continue
        topics.append(Topic(row["topic"], pattern, row.get("description", "")))
    return topics, problems


def tag_topics(texts: Sequence[str], topics: Sequence[Topic]) -> list[tuple[str, ...]]:
    """The names of the topics whose pattern occurs in each text."""
    return [tuple(t.name for t in topics if t.pattern.search(text)) for text in texts]


MIN_TEXTS = 30
"""Fewer sentences than this make no discovered topics: too little to factorise."""
SINGLE_FROM = 100_000
"""A TF-IDF matrix with this many entries or more is factorised in single precision: 40%
less time on 1,000 articles, the same topics but for 1 sentence in 45,569 (a small one
may then miss the float64 convergence tolerance, and costs nothing anyway)."""


def discover_topics(
    texts: Sequence[str],
    n_topics: int | None = None,
    top_terms: int = 3,
    min_weight: float = 0.05,
    random_state: int = 0,
    counts: TermCounts | None = None,
) -> list[tuple[str, ...]]:
    """Tag each text with its strongest NMF topic, labelled by its distinctive phrases.

    The matrix factorised is the TF-IDF of the texts' keyword terms (sublinear tf,
    terms in at least two texts), in single precision when large; pass the texts'
    ``counts`` to reuse them.
    ``n_topics`` defaults to one per 25 texts, from 3 to 8. Texts whose strongest
    component is weaker than ``min_weight`` get no tag. Returns an empty tuple for
    every text when the corpus is too small to factorise.
    """
    if n_topics is None:
        if len(texts) < MIN_TEXTS:
            return [() for _ in texts]
        n_topics = min(8, max(3, len(texts) // 25))
    if len(texts) < 2 * n_topics:
        return [() for _ in texts]
    if counts is None:
        counts = count_terms(pd.DataFrame({"text": list(texts)}))
    counts = shared_terms(counts)
    n_topics = min(n_topics, len(counts.terms) - 1)
    if n_topics < 1:
        return [() for _ in texts]
    from sklearn.decomposition import NMF  # on use: 1 s to import, a build's pages never run it
    from sklearn.feature_extraction.text import TfidfTransformer

    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(counts.matrix)
    matrix = tfidf.astype(np.float32) if tfidf.nnz >= SINGLE_FROM else tfidf
    model = NMF(n_components=n_topics, init="nndsvd", random_state=random_state, max_iter=400)
    weights = model.fit_transform(matrix)
    terms = counts.terms
    strongest = weights.argmax(axis=1)
    totals = dict(zip(terms, np.asarray(counts.matrix.sum(axis=0)).ravel()))
    labels = []
    for k in range(n_topics):
        members = np.flatnonzero(strongest == k)[:200]
        words = _Words.of([texts[i] for i in members])
        ranked = [t for t in _distinctive(model.components_, k, terms) if words.labels(t, totals)]
        labels.append(DISCOVERED_PREFIX + " · ".join(_label_terms(ranked, top_terms, words)))
    labels = _unique(labels)
    return [
        (labels[k],) if weights[row, k] >= min_weight else () for row, k in enumerate(strongest)
    ]


def shared_terms(counts: TermCounts) -> TermCounts:
    """The counts of the terms in at least two texts: all that ``discover_topics`` reads of
    ``counts``, and a fraction of the vocabulary to send to another process."""
    shared = np.flatnonzero(np.asarray((counts.matrix > 0).sum(axis=0)).ravel() >= 2)
    return TermCounts(counts.matrix[:, shared], counts.terms[shared])


def _distinctive(components: np.ndarray, k: int, terms: np.ndarray) -> list[str]:
    """Topic ``k``'s terms by weight times exclusivity (its share of the term's weight over
    all topics), phrases first among near ties: what sets the topic apart, not what every
    topic shares ("said", "later")."""
    weight = components[k]
    exclusivity = weight / np.maximum(components.sum(axis=0), 1e-12)
    score = weight * exclusivity * np.where(np.char.find(terms.astype(str), " ") >= 0, 1.5, 1.0)
    order = np.argsort(-score, kind="stable")[:30]
    return [str(terms[i]) for i in order if score[i] > 0]


_SURFACE = re.compile(r"\b[\w'’-]+\b")
_DETERMINERS = frozenset("the a an this that these those its his her their our your".split())


@dataclass(frozen=True)
class _Words:
    """How a topic's sentences write each word: its usual form mid-sentence ("Obama",
    "NRA", "gun"), and which words follow a determiner (nouns: "the case", not "later")."""

    surface: dict[str, str]
    nouns: frozenset[str]
    pairs: Counter[tuple[str, str]]

    @classmethod
    def of(cls, texts: Sequence[str]) -> _Words:
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        after_determiner: Counter[str] = Counter()
        uses: Counter[str] = Counter()
        pairs: Counter[tuple[str, str]] = Counter()
        for text in texts:
            previous, previous_end = "", -2
            for match in _SURFACE.finditer(text):
                word, lower = match.group(), match.group().lower()
                uses[lower] += 1
                if match.start() > 0:
                    forms[lower][word] += 1
                if previous in _DETERMINERS:
                    after_determiner[lower] += 1
                if text[previous_end : match.start()] in (" ", "-"):
                    pairs[(previous, lower)] += 1
                previous, previous_end = lower, match.end()
        surface = {word: counts.most_common(1)[0][0] for word, counts in forms.items()}
        nouns = {w for w, n in after_determiner.items() if n >= 0.15 * uses[w]}
        return cls(surface, frozenset(nouns), pairs)

    def written(self, term: str) -> str:
        """A lower-cased term as the text writes it; a name ("United States") as it is."""
        if term != term.lower():
            return term
        return " ".join(self.surface.get(w, w) for w in term.split())

    def labels(self, term: str, totals: dict[str, float]) -> bool:
        """Whether ``term`` can name a topic: a name, a noun, or a phrase written as one
        (its words side by side at least twice, the phrase a quarter of its rarer word's
        uses)."""
        words = term.split()
        if sum(c.isalpha() for c in term) < 3 or re.match(r"^[A-Z]-", term):
            return False  # "4½", "D-N" (a party tag): not a subject
        if len(words) == 1:
            return self.written(term)[:1].isupper() or term.lower() in self.nouns
        lowered = [w.lower() for w in words]
        if not all(self.pairs[pair] >= 2 for pair in itertools.pairwise(lowered)):
            return False
        rarer = min(totals.get(w, 0) or totals.get(w.lower(), 0) for w in words) or 1
        return totals.get(term, 0) >= 0.25 * rarer


def _stems(term: str) -> set[str]:
    return {w.lower().removesuffix("s") for w in term.split()}


def _label_terms(ranked: Sequence[str], top_terms: int, words: _Words) -> list[str]:
    """The first ``top_terms`` terms that add a word not already in the label, written as
    the text writes them; a word's plural or singular adds nothing ("check", "checks"),
    and two phrases that chain make one ("lawful permanent" + "permanent residents")."""
    label: list[str] = []
    for term in ranked:
        seen = set().union(*map(_stems, label)) if label else set()
        if _stems(term) <= seen:
            continue
        label = [t for t in label if not _stems(t) <= _stems(term)]
        written = words.written(term)
        for i, phrase in enumerate(label):
            if phrase.split()[-1].lower() == written.split()[0].lower():
                label[i] = " ".join([phrase, *written.split()[1:]])
                break
            if written.split()[-1].lower() == phrase.split()[0].lower():
                label[i] = " ".join([*written.split()[:-1], phrase])
                break
        else:
            label.append(written)
        if len(label) == top_terms:
            break
    return label


def _unique(labels: list[str]) -> list[str]:
    """Number repeated labels ("jobs · wages (2)") so that each topic has its own name."""
    seen: Counter[str] = Counter()
    unique = []
    for label in labels:
        seen[label] += 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique
