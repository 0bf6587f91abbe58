"""Terms: each sentence's unigrams and bigrams, analysed once and counted for any selection.

``TermAnalyzer`` decides what a term is: content words, multi-word names as one
term ("Xi Jinping", not "xi", "jinping" and "xi jinping"), bigrams that never
cross a sentence boundary, a removed word, a name or the edge of a run of
capitalised words; stop words include news furniture words, and outlet names
are no terms. ``count_terms`` runs it over every sentence of a corpus, in chunks
that worker processes can count on their own, into one sparse matrix
(``TermCounts``, the matrix scikit-learn's ``CountVectorizer`` would give) that
keywords, evidence and topics sum for any selection.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.stop_words import ENGLISH_STOP_WORDS

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
    caption share follow email contact sen rep gov lt gen col sgt jr sr
    """.split()
)
# scikit-learn's list also holds nouns that carry news ("spending bill", "fire", "system")
CONTENT_NOUNS = frozenset("bill fire computer system interest amount detail front side top".split())
STOP_WORDS = (frozenset(ENGLISH_STOP_WORDS) - CONTENT_NOUNS) | NEWS_STOP_WORDS

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w(?:[\w\-]*\w)?(?:['’]\w+)?")
_POSSESSIVE = re.compile(r"['’]s$", re.I)
ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_CONTRACTION = re.compile(r"^\w+['’](?:t|re|ve|ll|d|m)$", re.I)
_AFFILIATION = re.compile(r"^[A-Z]-[A-Z]")  # "R-Ohio", "D-N.Y." after a lawmaker's name
_ORDINAL = re.compile(r"^\d+(?:s|st|nd|rd|th)$")
_MAY_LINK = re.compile(r"[@#/]|www|\.(?:com|org|net|gov|edu|co|ly)\b")
"""Cheap test: a sentence without it holds no link (``_LINK`` is costlier to run)."""
_LINK = re.compile(r"https?://\S+|www\.\S+|\b[\w.-]+\.(?:com|org|net|gov|edu|co|ly)\b\S*|[@#]\w+")
_LABEL = re.compile(r"^\s*[A-Z][A-Z ]+:")
_CAMEL = re.compile(r"[A-Z]+[a-z]*|[a-z]+|\d+")
WORD_CLASSES = Path(__file__).resolve().parents[1] / "data" / "word_classes.tsv"


def _load_word_classes(path: Path = WORD_CLASSES) -> dict[str, str]:
    """word -> "filler" or "modifier" (scripts/build_word_classes.py explains the classes)."""
    rows = (line.split("\t") for line in path.read_text().splitlines() if line[:1] != "#")
    return {word: kind for word, kind in rows}


WORD_CLASS = _load_word_classes()


@lru_cache(maxsize=1 << 18)
def normalise_token(token: str) -> str:
    """Lower-case a word, but keep acronyms upper-case (so "US" is not the stop word "us")."""
    token = _POSSESSIVE.sub("", token)
    if "." in token:
        return token.replace(".", "")
    if ACRONYM.match(token):
        return token
    return token.lower()


@dataclass(eq=False, slots=True)
class _Token:
    """One word of a sentence on its way to becoming a term."""

    term: str
    surface: str
    start: int
    end: int
    name: bool = False  # a merged name ("Xi Jinping"): a term of its own, in no phrase
    keep: bool = True  # a term: not dropped (``_dropped``) nor part of an outlet's name
    capitalised: bool = False  # ``_capitalised_word`` of the surface
    kind: str | None = None  # the term's class in ``WORD_CLASS`` ("filler", "modifier")
    run: int = -1  # index of the run of capitalised words it belongs to, or -1
    index: int = -1  # position among the sentence's merged tokens
    word: bool = False  # kept and no filler: a unigram unless in a run or a modifier


class TermAnalyzer:
    """Turn a document of newline-separated sentences into unigrams and bigrams.

    ``names`` maps a lower-cased name or alias (``"xi"``, ``"president xi"``)
    to the canonical term that replaces it (``"Xi Jinping"``); ``outlets`` are the
    corpus's outlet names, never a term ("Fox News", "HuffPost" for "Huffington Post").

    A term is a content word: numbers, stop words, general-English filler ("seen",
    "likely"), modifiers in front of a word ("key" in "key ally") and the words of a
    run of capitalised words ("White House", a phrase) are no unigrams.
    A bigram is two adjacent words as written, never across a removed word, a
    merged name or the edge of a run of capitalised words ("White House officials"
    gives "White House", not "house officials").
    """

    max_name_words = 4

    def __init__(self, names: Mapping[str, str] | None = None, outlets: Iterable[str] = ()) -> None:
        self.names = {tuple(k.lower().split()): v for k, v in (names or {}).items() if k.strip()}
        self.outlets = frozenset(_outlet_keys(outlets))
        # words of the longest outlet name, plus a "The" that may stand inside the span
        self.longest_outlet = max((k.count("|") + 1 for k in self.outlets), default=0) + 1
        self._first_words = frozenset(key[0] for key in self.names)
        self._words: dict[str, tuple[str, bool, bool, str | None]] = {}  # word: term, traits
        self._name_traits: dict[str, tuple[bool, bool, str | None]] = {}  # name: traits
        self._outlet_spans: dict[tuple[str, ...], bool] = {}  # memo of _names_outlet
        self._run_drops: dict[tuple, frozenset[int]] = {}  # memo of _outlet_positions
        self._parts: dict[tuple[int, str], list[list[str]]] = {}  # by length, first letter
        for key in self.outlets:
            parts = key.split("|")
            if len(parts) > 1:
                self._parts.setdefault((len(parts), parts[0][:1]), []).append(parts)

    def __call__(self, document: str) -> list[str]:
        return [term for term, _ in self.pairs(document)]

    def pairs(self, document: str) -> list[tuple[str, str]]:
        """(term, surface form as written) for every unigram and bigram of the document."""
        out: list[tuple[str, str]] = []
        for sentence in document.split(SENTENCE_SEPARATOR):
            tokens = self._tokens(sentence)
            if not tokens:
                continue
            opening = _opening(sentence)
            kept = [t for t in tokens if t.keep]
            headline = _is_title_case(sentence)
            words = []
            for t in kept:  # each test below is cheapest first, then the helper that decides
                if t.kind != "filler" or not _is_filler(t, opening):
                    t.word = True
                    words.append(t)
                if headline or (t.start <= opening and t.surface[1:].islower()):
                    t.surface = ""  # "Officials" opening a sentence says nothing of its case
            out.extend(
                (t.term, t.surface)
                for t in words
                if (t.run < 0 or t.name) and (t.kind != "modifier" or not _modifies_next(t, tokens))
            )
            out.extend(
                (
                    f"{a.term} {b.term}",
                    f"{a.surface} {b.surface}" if a.surface and b.surface else "",
                )
                for a, b in pairwise(kept)
                if b.index == a.index + 1 and (a.word or b.word) and _phrase(a, b, sentence)
            )
        return out

    def tokens(self, sentence: str) -> list[str]:
        """Normalised, name-merged, stop-word-free tokens of one sentence."""
        return [t.term for t in self._tokens(sentence) if t.keep]

    def _tokens(self, sentence: str) -> list[_Token]:
        label = _LABEL.match(sentence)
        links = [m.span() for m in _LINK.finditer(sentence)] if _MAY_LINK.search(sentence) else []
        matches = _TOKEN.finditer(sentence, label.end() if label else 0)
        if links:
            raw = [
                (_bare(m.group()), m.start(), m.end())
                for m in matches
                if not any(a <= m.start() < b for a, b in links)
            ]
        else:
            raw = [(_bare(m.group()), m.start(), m.end()) for m in matches]
        merged = self._merge_names(raw)
        _mark_runs(merged, sentence)
        self._drop_outlets(merged)
        return merged

    def _merge_names(self, raw: list[tuple[str, int, int]]) -> list[_Token]:
        """Tokens of the words ``raw`` (word, start, end), known names merged into one.

        What a word alone decides (its term, whether it is dropped, its class) is worked
        out once per distinct word and remembered (``_words``, ``_name_traits``)."""
        out: list[_Token] = []
        append, first_words, names = out.append, self._first_words, self.names
        words, name_traits = self._words, self._name_traits
        lowered: list[str] | None = None
        n, skip = len(raw), 0
        for i, (word, start, end) in enumerate(raw):
            if i < skip:
                continue
            term = word
            if word[:1].isupper():
                if word.lower() in first_words:
                    if lowered is None:
                        lowered = [w.lower() for w, _, _ in raw]
                    for width in range(min(self.max_name_words, n - i), 0, -1):
                        name = names.get(tuple(lowered[i : i + width]))
                        if name:
                            skip = i + width
                            traits = name_traits.get(name)
                            if traits is None:
                                traits = name_traits[name] = _traits(name, name)
                            end = raw[skip - 1][2]
                            append(_Token(name, name, start, end, True, *traits, index=len(out)))
                            break
                    if i < skip:
                        continue
                if ACRONYM.match(word):
                    term = _unshout([w for w, _, _ in raw], i)
            if term == word:
                found = words.get(word)
                if found is None:
                    term = normalise_token(word)
                    found = words[word] = (term, *_traits(term, word))
                append(_Token(found[0], word, start, end, False, *found[1:], index=len(out)))
            else:
                term = normalise_token(term)
                traits = _traits(term, word)
                append(_Token(term, word, start, end, False, *traits, index=len(out)))
        return out

    def _drop_outlets(self, tokens: list[_Token]) -> None:
        """Unkeep every run of capitalised words (or part of one) that names an outlet."""
        runs: dict[int, list[_Token]] = {}
        for t in tokens:
            if not t.surface[:1].isupper():
                continue
            if t.run >= 0:
                runs.setdefault(t.run, []).append(t)
            elif self._names_outlet_alone(t):
                t.keep = False
        for group in runs.values():
            key = tuple((t.surface, t.name) for t in group)
            drops = self._run_drops.get(key)
            if drops is None:
                drops = self._run_drops[key] = self._outlet_positions(group)
            for i in drops:
                group[i].keep = False

    def _outlet_positions(self, run: list[_Token]) -> frozenset[int]:
        """Positions of the words of a run that name an outlet, or of names that hold one."""
        drops = {
            i for i, t in enumerate(run) if t.name and self._names_outlet_within(t.surface.split())
        }  # "Illinois Reuters" taken for a person's name
        for a in range(len(run)):
            for b in range(min(len(run), a + self.longest_outlet), a, -1):
                words = [t.surface for t in run[a:b] if t.surface.lower() != "the"]
                if words and self._names_outlet(words):
                    drops.update(range(a, b))
        return frozenset(drops)

    def _names_outlet_alone(self, t: _Token) -> bool:
        """A capitalised token outside any run names an outlet (or, a name, holds one)."""
        if t.name and self._names_outlet_within(t.surface.split()):
            return True
        return t.surface.lower() != "the" and self._names_outlet([t.surface])

    def _names_outlet_within(self, words: list[str]) -> bool:
        spans = (words[a:b] for a in range(len(words)) for b in range(a + 1, len(words) + 1))
        return any(self._names_outlet(span) for span in spans)

    def _names_outlet(self, words: list[str]) -> bool:
        key = tuple(words)
        known = self._outlet_spans.get(key)
        if known is None:
            known = _outlet_key(" ".join(words)) in self.outlets or self._abbreviates(words)
            self._outlet_spans[key] = known
        return known

    def _abbreviates(self, words: list[str]) -> bool:
        """``words`` abbreviate an outlet part by part ("Huffington Post" -> "huffpost")."""
        candidates = self._parts.get((len(words), words[0][:1].lower()))
        if not candidates:
            return False
        lowered = [w.lower() for w in words]
        return any(all(w.startswith(p) for p, w in zip(parts, lowered)) for parts in candidates)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TermAnalyzer)
            and self.names == other.names
            and self.outlets == other.outlets
        )

    def __hash__(self) -> int:
        return hash((frozenset(self.names.items()), self.outlets))


def _outlet_key(text: str) -> str:
    """An outlet name as compared: its words (camel case split), lower case, joined by |."""
    return "|".join(p.lower() for p in _CAMEL.findall(text.replace("’", "'")))


def _outlet_keys(outlets: Iterable[str]) -> set[str]:
    """Keys of every way an outlet label names the outlet: "CNN (Web News)" gives "cnn",
    "New York Times - News" gives "new|york|times", "Fox Online News" also "fox|news".
    A one-word name after "The" gives none: "Hill" is more often a hill than the outlet."""
    keys = set()
    for outlet in outlets:
        head = re.split(r"\s[-–(|]|\(", str(outlet))[0].strip()
        bare = re.sub(r"^the\s+", "", head, flags=re.I)
        words = bare.split()
        if not words or (len(words) == 1 and bare != head):
            continue  # "The Hill": "Hill" alone is the hill of "Capitol Hill"
        head = bare
        keys.add(_outlet_key(head))
        keys.add(_outlet_key("".join(words)))
        if len(words) > 2:
            keys.add(_outlet_key(f"{words[0]} {words[-1]}"))
    return keys


def _traits(term: str, surface: str) -> tuple[bool, bool, str | None]:
    """What a token's term and surface alone decide: whether it is kept (not
    ``_dropped``), whether it is ``_capitalised_word``, its ``WORD_CLASS``."""
    return not _dropped(term, surface), _capitalised_word(surface), WORD_CLASS.get(term)


def _mark_runs(tokens: list[_Token], sentence: str) -> None:
    """Number the runs of two or more capitalised words with only spaces between them."""
    run, i, n = 0, 0, len(tokens)
    while i < n:
        if not tokens[i].capitalised:
            i += 1
            continue
        j = i
        while (
            j + 1 < n
            and tokens[j + 1].capitalised
            and not sentence[tokens[j].end : tokens[j + 1].start].strip()
        ):
            j += 1
        if j > i:
            for t in tokens[i : j + 1]:
                t.run = run
            run += 1
        i = j + 1


def _capitalised_word(surface: str) -> bool:
    """A capitalised word that can be part of a name ("The" and "Of" cannot)."""
    return surface[:1].isupper() and surface.lower() not in ENGLISH_STOP_WORDS


@lru_cache(maxsize=1 << 18)
def _bare(word: str) -> str:
    """A matched word without its possessive "'s"."""
    return _POSSESSIVE.sub("", word)


def _dropped(term: str, surface: str) -> bool:
    """No term: too short, a stop word, a contraction, a number, a party affiliation."""
    lower = term if ACRONYM.match(term) else term.lower()
    return (
        len(term) < 2
        or lower in STOP_WORDS
        or _CONTRACTION.match(term) is not None
        or _is_number(term)
        or _AFFILIATION.match(surface) is not None
    )


def _is_number(token: str) -> bool:
    """ "2019", "19", "4½", "1990s", "21st": no letters, or digits with a suffix."""
    return not any(c.isalpha() for c in token) or _ORDINAL.match(token) is not None


def _opening(sentence: str) -> int:
    """Where the sentence's first word can start: after opening quotes and brackets. A
    token opens the sentence when it starts there or before (bar quotes and brackets)."""
    return len(sentence) - len(sentence.lstrip(" \"'“‘(["))


def _is_filler(t: _Token, opening: int) -> bool:
    """General-English filler ("seen", "likely") written in lower case, or capitalised
    only because it opens the sentence."""
    return t.kind == "filler" and not t.name and (t.surface[:1].islower() or t.start <= opening)


def _modifies_next(t: _Token, tokens: list[_Token]) -> bool:
    """A modifier ("key", "potential") directly in front of a kept word ("key ally")."""
    if t.kind != "modifier":
        return False
    return t.index + 1 < len(tokens) and tokens[t.index + 1].keep


def _phrase(a: _Token, b: _Token, sentence: str) -> bool:
    """Two kept words form a phrase: adjacent as written, no name, the same side of a run."""
    adjacent = b.index == a.index + 1
    between = sentence[a.end : b.start]
    return adjacent and between.strip(" -") == "" and not (a.name or b.name) and a.run == b.run


def _unshout(raw: list[str], i: int) -> str:
    """The token at ``i``, lower-cased when it is part of a run of capitals ("READ MORE"):
    shouted furniture is not an acronym, while "US" among lower-case words is."""
    token = raw[i]
    if not ACRONYM.match(token):
        return token
    if len(token) > 3 and token.lower() in STOP_WORDS:
        return token.lower()  # "MORE" in a link label, not an acronym
    neighbours = raw[max(i - 1, 0) : i] + raw[i + 1 : i + 2]
    if any(n.isupper() and len(n) > 1 and "." not in n for n in neighbours):
        return token.lower()
    return token


@dataclass(frozen=True)
class TermCounts:
    """Term counts of every sentence of a corpus: analysed once, summed for any selection.

    Row ``i`` of ``matrix`` belongs to the sentence with index label ``i`` in the
    sentences frame it was made from, so a filtered frame selects its rows.
    ``display`` gives each term its most frequent form as written ("McGurk", "GOP").
    """

    matrix: sparse.csr_matrix
    terms: np.ndarray
    display: Mapping[str, str] = field(default_factory=dict)

    def key(self, term: str) -> str:
        """The term behind a displayed form ("McGurk" -> "mcgurk"); itself when unknown."""
        if term in self.display:
            return term
        lookup = {shown: key for key, shown in self.display.items()}
        return lookup.get(term, term)


TERM_CHUNK = 2000
"""The fewest sentences per task when term analysis runs in several processes."""
TASKS_PER_WORKER = 4
"""Tasks per worker process: few, as each starts with cold memos and adds a vocabulary to
stack, and enough to even out the workers' loads."""


def count_terms(
    sentences: pd.DataFrame,
    names: Mapping[str, str] | None = None,
    workers: int = 1,
    pool: Executor | None = None,
) -> TermCounts:
    """Count the terms of each sentence (``sentences`` must have a 0..n-1 index).

    The outlets of ``sentences`` (its ``outlet`` column, when there is one) are no terms.
    Columns are the terms in sorted order, as scikit-learn's ``CountVectorizer`` gives
    them. With ``workers`` > 1 the sentences are counted in that many processes, a chunk
    of at least ``TERM_CHUNK`` at a time (``TASKS_PER_WORKER`` chunks per process), each
    chunk with its own vocabulary; the chunks' matrices are then put on the corpus's
    vocabulary and stacked in order: the same counts.
    ``pool`` runs the chunks in processes the caller already has.
    """
    outlets = sentences["outlet"].dropna().unique() if "outlet" in sentences else ()
    analyzer = TermAnalyzer(names, outlets)
    texts = sentences["text"].tolist()
    if workers < 2 or len(texts) <= TERM_CHUNK:
        chunks = [_count_chunk(analyzer, texts)]
    else:
        size = max(TERM_CHUNK, -(-len(texts) // (workers * TASKS_PER_WORKER)))
        parts = [texts[k : k + size] for k in range(0, len(texts), size)]
        with nullcontext(pool) if pool else ProcessPoolExecutor(max_workers=workers) as runner:
            chunks = list(runner.map(partial(_count_chunk, analyzer), parts))
    return _stack(chunks, len(texts))


@dataclass(frozen=True)
class _Chunk:
    """The term counts of a run of sentences, on the chunk's own sorted vocabulary."""

    terms: np.ndarray
    matrix: sparse.csr_matrix
    surfaces: Counter[tuple[str, str]]


def _count_chunk(analyzer: TermAnalyzer, texts: list[str]) -> _Chunk:
    """Count the terms of ``texts``: one row per text, columns in the chunk's term order."""
    vocabulary: dict[str, int] = {}
    surfaces: Counter[tuple[str, str]] = Counter()
    columns: list[int] = []
    indptr = [0]
    for text in texts:
        pairs = analyzer.pairs(text)
        surfaces.update(pairs)
        columns.extend([vocabulary.setdefault(term, len(vocabulary)) for term, _ in pairs])
        indptr.append(len(columns))
    terms = np.array(list(vocabulary), dtype=object)
    order = np.argsort(terms, kind="stable") if len(terms) else np.array([], dtype=np.intp)
    rank = np.empty(len(terms), dtype=np.int32)
    rank[order] = np.arange(len(terms), dtype=np.int32)
    indices = rank[np.asarray(columns, dtype=np.intp)]
    data = np.ones(len(indices), dtype=np.int32)
    matrix = sparse.csr_matrix(
        (data, indices, np.asarray(indptr, dtype=np.int64)), shape=(len(texts), len(terms))
    )
    matrix.sum_duplicates()  # also sorts each row's columns
    return _Chunk(terms[order], matrix, surfaces)


def _stack(chunks: list[_Chunk], rows: int) -> TermCounts:
    """The chunks' counts on their joint sorted vocabulary, stacked in order."""
    every = np.concatenate([c.terms for c in chunks]) if chunks else np.array([])
    if len(every) == 0:
        return TermCounts(sparse.csr_matrix((rows, 0), dtype=np.int32), np.array([]))
    terms, joint = np.unique(every, return_inverse=True)  # joint: each chunk term's column
    terms, joint = terms.astype(object), joint.ravel().astype(np.int32)
    ends = np.cumsum([len(c.terms) for c in chunks])
    matrices = []
    for chunk, end in zip(chunks, ends, strict=True):
        columns = joint[end - len(chunk.terms) : end]
        m = chunk.matrix
        shape = (m.shape[0], len(terms))
        matrices.append(sparse.csr_matrix((m.data, columns[m.indices], m.indptr), shape=shape))
    matrix = sparse.vstack(matrices, format="csr", dtype=np.int32)
    surfaces = chunks[0].surfaces
    for chunk in chunks[1:]:
        surfaces.update(chunk.surfaces)
    return TermCounts(matrix, terms, _display_forms(surfaces))


def _display_forms(surfaces: Counter[tuple[str, str]]) -> dict[str, str]:
    """Each term's most frequent written form; ties go to the form that sorts first.

    A term only ever seen where case says nothing (opening a sentence, in a Title Case
    line) is shown in lower case, a phrase as its words are shown ("want Kavanaugh").
    """
    best: dict[str, tuple[int, str]] = {}
    for (term, surface), n in surfaces.items():
        if not surface:
            n = 0
        if term not in best or (-n, surface) < (-best[term][0], best[term][1]):
            best[term] = (n, surface)
    shown = {term: surface for term, (_, surface) in best.items() if surface}
    for term in best.keys() - shown.keys():
        words = term.split(" ")
        shown[term] = term if len(words) == 1 else " ".join(shown.get(w, w) for w in words)
    return shown


def _is_title_case(text: str) -> bool:
    """Most longer words capitalised ("Photos: Key Players in the Shutdown"): case is style."""
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) > 0.6


def is_headline(text: str) -> bool:
    """Title Case lines ("Xi Arrives in Moscow") would pair verbs with names."""
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.6


def sublinear_tfidf(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """scikit-learn's ``TfidfTransformer(sublinear_tf=True)`` scores of ``counts`` (smooth
    idf, rows scaled to unit length), in the same sparse layout.

    Written out so that a page's first ranking does not import scikit-learn (0.6 s); a test
    holds it to scikit-learn's numbers.
    """
    rows, columns = counts.shape
    idf = np.full(columns, rows + 1, dtype=np.float64)
    idf /= np.bincount(counts.indices, minlength=columns) + 1
    idf = np.log(idf) + 1.0
    scores = counts.astype(np.float64)
    np.log(scores.data, out=scores.data)
    scores.data += 1.0
    scores.data *= idf[scores.indices]
    squares = sparse.csr_matrix((scores.data**2, scores.indices, scores.indptr), counts.shape)
    norms = np.sqrt(squares @ np.ones(columns))  # summed in row order, as scikit-learn does
    norms[norms == 0] = 1.0
    scores.data /= np.repeat(norms, np.diff(scores.indptr))
    return scores
