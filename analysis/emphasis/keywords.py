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
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

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
    caption share follow email contact sen rep gov lt gen col sgt jr sr
    """.split()
)
# scikit-learn's list also holds nouns that carry news ("spending bill", "fire", "system")
CONTENT_NOUNS = frozenset("bill fire computer system interest amount detail front side top".split())
STOP_WORDS = (frozenset(ENGLISH_STOP_WORDS) - CONTENT_NOUNS) | NEWS_STOP_WORDS

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w(?:[\w\-]*\w)?(?:['’]\w+)?")
_POSSESSIVE = re.compile(r"['’]s$", re.I)
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_CONTRACTION = re.compile(r"^\w+['’](?:t|re|ve|ll|d|m)$", re.I)
_AFFILIATION = re.compile(r"^[A-Z]-[A-Z]")  # "R-Ohio", "D-N.Y." after a lawmaker's name
_ORDINAL = re.compile(r"^\d+(?:s|st|nd|rd|th)$")
_LINK = re.compile(r"https?://\S+|www\.\S+|\b[\w.-]+\.(?:com|org|net|gov|edu|co|ly)\b\S*|[@#]\w+")
_LABEL = re.compile(r"^\s*[A-Z][A-Z ]+:")
_CAMEL = re.compile(r"[A-Z]+[a-z]*|[a-z]+|\d+")
WORD_CLASSES = Path(__file__).resolve().parents[1] / "data" / "word_classes.tsv"


def _load_word_classes(path: Path = WORD_CLASSES) -> dict[str, str]:
    """word -> "filler" or "modifier" (scripts/build_word_classes.py explains the classes)."""
    rows = (line.split("\t") for line in path.read_text().splitlines() if line[:1] != "#")
    return {word: kind for word, kind in rows}


WORD_CLASS = _load_word_classes()


def normalise_token(token: str) -> str:
    """Lower-case a word, but keep acronyms upper-case (so "US" is not the stop word "us")."""
    token = _POSSESSIVE.sub("", token)
    if "." in token:
        return token.replace(".", "")
    if _ACRONYM.match(token):
        return token
    return token.lower()


@dataclass(eq=False)
class _Token:
    """One word of a sentence on its way to becoming a term."""

    term: str
    surface: str
    start: int
    end: int
    name: bool = False  # a merged name ("Xi Jinping"): a term of its own, in no phrase
    run: int = -1  # index of the run of capitalised words it belongs to, or -1
    keep: bool = True


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
            kept = [t for t in tokens if t.keep]
            words = [t for t in kept if not _is_filler(t, sentence)]
            headline = _is_title_case(sentence)
            for t in kept:
                if headline or (_opens(t, sentence) and t.surface[1:].islower()):
                    t.surface = ""  # "Officials" opening a sentence says nothing of its case
            out.extend(
                (t.term, t.surface)
                for t in words
                if (t.run < 0 or t.name) and not _modifies_next(t, tokens)
            )
            out.extend(
                (
                    f"{a.term} {b.term}",
                    f"{a.surface} {b.surface}" if a.surface and b.surface else "",
                )
                for a, b in pairwise(kept)
                if _phrase(a, b, sentence, tokens) and (a in words or b in words)
            )
        return out

    def tokens(self, sentence: str) -> list[str]:
        """Normalised, name-merged, stop-word-free tokens of one sentence."""
        return [t.term for t in self._tokens(sentence) if t.keep]

    def _tokens(self, sentence: str) -> list[_Token]:
        label = _LABEL.match(sentence)
        links = [m.span() for m in _LINK.finditer(sentence)]
        raw = [
            _Token(word, word, *m.span())
            for m in _TOKEN.finditer(sentence, label.end() if label else 0)
            if not links or not any(a <= m.start() < b for a, b in links)
            for word in (_POSSESSIVE.sub("", m.group()),)
        ]
        merged = self._merge_names(raw)
        _mark_runs(merged, sentence)
        self._drop_outlets(merged)
        for t in merged:
            lower = t.term if _ACRONYM.match(t.term) else t.term.lower()
            if (
                len(t.term) < 2
                or lower in STOP_WORDS
                or _CONTRACTION.match(t.term)
                or _is_number(t.term)
                or _AFFILIATION.match(t.surface)
            ):
                t.keep = False
        return merged

    def _merge_names(self, raw: list[_Token]) -> list[_Token]:
        out: list[_Token] = []
        lowered = [t.term.lower() for t in raw]
        surfaces = [t.term for t in raw]
        i = 0
        while i < len(raw):
            token = raw[i]
            if not token.term[:1].isupper():
                out.append(
                    _Token(normalise_token(token.term), token.surface, token.start, token.end)
                )
                i += 1
                continue
            for width in range(min(self.max_name_words, len(raw) - i), 0, -1):
                name = self.names.get(tuple(lowered[i : i + width]))
                if name:
                    end = raw[i + width - 1].end
                    out.append(_Token(name, name, token.start, end, name=True))
                    i += width
                    break
            else:
                term = normalise_token(_unshout(surfaces, i))
                out.append(_Token(term, token.surface, token.start, token.end))
                i += 1
        return out

    def _drop_outlets(self, tokens: list[_Token]) -> None:
        """Unkeep every run of capitalised words (or part of one) that names an outlet."""
        groups: dict[int, list[_Token]] = {}
        for i, t in enumerate(tokens):
            if t.surface[:1].isupper():
                groups.setdefault(t.run if t.run >= 0 else -1 - i, []).append(t)
        for group in groups.values():
            for t in group:
                if t.name and self._names_outlet_within(t.surface.split()):
                    t.keep = False  # "Illinois Reuters" taken for a person's name
            for a in range(len(group)):
                for b in range(min(len(group), a + self.longest_outlet), a, -1):
                    words = [t.surface for t in group[a:b] if t.surface.lower() != "the"]
                    if words and self._names_outlet(words):
                        for t in group[a:b]:
                            t.keep = False

    def _names_outlet_within(self, words: list[str]) -> bool:
        spans = (words[a:b] for a in range(len(words)) for b in range(a + 1, len(words) + 1))
        return any(self._names_outlet(span) for span in spans)

    def _names_outlet(self, words: list[str]) -> bool:
        return _outlet_key(" ".join(words)) in self.outlets or self._abbreviates(words)

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


def _mark_runs(tokens: list[_Token], sentence: str) -> None:
    """Number the runs of two or more capitalised words with only spaces between them."""
    run, i = 0, 0
    while i < len(tokens):
        j = i
        while (
            j + 1 < len(tokens)
            and _capitalised(tokens[j])
            and _capitalised(tokens[j + 1])
            and not sentence[tokens[j].end : tokens[j + 1].start].strip()
        ):
            j += 1
        if j > i:
            for t in tokens[i : j + 1]:
                t.run = run
            run += 1
        i = j + 1


def _capitalised(t: _Token) -> bool:
    """A capitalised word that can be part of a name ("The" and "Of" cannot)."""
    return t.surface[:1].isupper() and t.surface.lower() not in ENGLISH_STOP_WORDS


def _is_number(token: str) -> bool:
    """ "2019", "19", "4½", "1990s", "21st": no letters, or digits with a suffix."""
    return not any(c.isalpha() for c in token) or _ORDINAL.match(token) is not None


def _opens(t: _Token, sentence: str) -> bool:
    """The word opens the sentence (bar quotes and brackets)."""
    return not sentence[: t.start].strip(" \"'“‘([")


def _written_lower(t: _Token, sentence: str) -> bool:
    """Written in lower case, or capitalised only because it opens the sentence."""
    return t.surface[:1].islower() or _opens(t, sentence)


def _is_filler(t: _Token, sentence: str) -> bool:
    return not t.name and WORD_CLASS.get(t.term) == "filler" and _written_lower(t, sentence)


def _modifies_next(t: _Token, tokens: list[_Token]) -> bool:
    """A modifier ("key", "potential") directly in front of a kept word ("key ally")."""
    if WORD_CLASS.get(t.term) != "modifier":
        return False
    i = tokens.index(t)
    return i + 1 < len(tokens) and tokens[i + 1].keep


def _phrase(a: _Token, b: _Token, sentence: str, tokens: list[_Token]) -> bool:
    """Two kept words form a phrase: adjacent as written, no name, the same side of a run."""
    adjacent = tokens.index(b) == tokens.index(a) + 1
    between = sentence[a.end : b.start]
    return adjacent and between.strip(" -") == "" and not (a.name or b.name) and a.run == b.run


def _unshout(raw: list[str], i: int) -> str:
    """The token at ``i``, lower-cased when it is part of a run of capitals ("READ MORE"):
    shouted furniture is not an acronym, while "US" among lower-case words is."""
    token = raw[i]
    if not _ACRONYM.match(token):
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


def count_terms(sentences: pd.DataFrame, names: Mapping[str, str] | None = None) -> TermCounts:
    """Count the terms of each sentence (``sentences`` must have a 0..n-1 index).

    The outlets of ``sentences`` (its ``outlet`` column, when there is one) are no terms.
    """
    outlets = sentences["outlet"].dropna().unique() if "outlet" in sentences else ()
    analyzer = TermAnalyzer(names, outlets)
    surfaces: Counter[tuple[str, str]] = Counter()

    def analyse(document: str) -> list[str]:
        pairs = analyzer.pairs(document)
        surfaces.update(pairs)
        return [term for term, _ in pairs]

    counter = CountVectorizer(analyzer=analyse, dtype=np.int32)
    try:
        matrix = counter.fit_transform(sentences["text"].tolist()).tocsr()
    except ValueError:
        return TermCounts(sparse.csr_matrix((len(sentences), 0), dtype=np.int32), np.array([]))
    return TermCounts(matrix, counter.get_feature_names_out(), _display_forms(surfaces))


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


METHODS = ("tfidf", "logodds")


def distinctive_terms(
    sentences: pd.DataFrame,
    by: str = "outlet",
    top: int = 15,
    names: Mapping[str, str] | None = None,
    counts: TermCounts | None = None,
    common: bool = False,
    method: str = "tfidf",
    shown: Collection[str] | None = None,
) -> pd.DataFrame:
    """The ``top`` highest-scoring terms of each outlet or article in ``sentences``.

    ``method`` "tfidf": scikit-learn's scores, a ``TfidfTransformer`` (sublinear tf) over
    the groups' term counts, the same numbers ``TfidfVectorizer(analyzer=TermAnalyzer(names,
    outlets), sublinear_tf=True)`` gives on one newline-joined document per group (no term
    crosses a sentence boundary). Terms every group uses are left out of the ranking
    unless ``common`` (they distinguish no one; they still count in the normalisation).
    ``method`` "logodds": the z-score of the log-odds ratio with an informative Dirichlet
    prior (:func:`log_odds_z`), each group against all the others; every term is ranked,
    since a term all groups use can still be used much more by one.

    Pass the corpus's ``counts`` to avoid re-analysing text. Columns: group, rank, term (as
    most often written), score, count (occurrences in the group), articles and outlets (how
    many articles and outlets use it, among those of the ``shown`` outlets: all by default).
    Ties in score go to the higher count, then to the term that sorts first.
    """
    columns = ["group", "rank", "term", "score", "count", "articles", "outlets"]
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}: use one of {', '.join(METHODS)}")
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
    prior = np.asarray(per_group.sum(axis=0), dtype=float).ravel()
    if method == "tfidf":
        tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(per_group).tocsr()
        everywhere = np.asarray((per_group > 0).sum(axis=0)).ravel() == len(groups)
        ranked = ~everywhere if not common and len(groups) > 1 else np.ones(len(terms), bool)
    else:
        ranked = np.ones(len(terms), dtype=bool)
    in_view = sentences["outlet"].isin(shown).to_numpy() if shown is not None else None
    articles, outlets = _spread(sentences, rows[:, used], in_view)
    shown_terms = np.array([counts.display.get(t, t) for t in terms], dtype=object)
    full_names = frozenset((names or {}).values())
    table = []
    for g, group in enumerate(groups):
        group_counts = per_group.getrow(g).toarray().ravel()
        if method == "tfidf":
            row = tfidf.getrow(g).toarray().ravel()
        else:
            row = _log_odds_row(group_counts.astype(float), prior)
        candidates = np.flatnonzero((row > 0) & (group_counts > 0) & ranked)
        order = np.lexsort((shown_terms[candidates], -group_counts[candidates], -row[candidates]))
        pool = candidates[order][: 10 * top].tolist()
        kept = _drop_fragments(pool, terms, group_counts, full_names)
        for rank, i in enumerate(kept[:top], start=1):
            table.append(
                (
                    group,
                    rank,
                    shown_terms[i],
                    float(row[i]),
                    int(group_counts[i]),
                    articles[i],
                    outlets[i],
                )
            )
    return pd.DataFrame(table, columns=columns)


def log_odds_z(counts: np.ndarray) -> np.ndarray:
    """Each group's z-scores of the log-odds ratio against all other groups, per term.

    Monroe, Colaresi and Quinn (2008), "Fightin' Words", with an informative Dirichlet
    prior: the prior count of term w is its count in the whole selection (alpha_w = y_w,
    alpha_0 = n). For group i against the rest j:
    delta = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a_0 -
    y_jw - a_w)), var ~ 1 / (y_iw + a_w) + 1 / (y_jw + a_w), z = delta / sqrt(var).
    ``counts`` is groups x terms; so is the result.
    """
    counts = np.asarray(counts, dtype=float)
    prior = counts.sum(axis=0)
    return np.vstack([_log_odds_row(row, prior) for row in counts])


def _log_odds_row(own: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """z-scores of one group's term counts ``own`` against the rest (``prior`` - ``own``)."""
    rest, total = prior - own, prior.sum()
    own_odds = np.log((own + prior) / (own.sum() + total - own - prior))
    rest_odds = np.log((rest + prior) / (rest.sum() + total - rest - prior))
    return (own_odds - rest_odds) / np.sqrt(1 / (own + prior) + 1 / (rest + prior))


def _indicator(codes: np.ndarray, n_groups: int) -> sparse.csr_matrix:
    """A groups x rows 0/1 matrix: multiplying by it sums rows per group."""
    ones = np.ones(len(codes), dtype=np.int32)
    return sparse.csr_matrix((ones, (codes, np.arange(len(codes)))), shape=(n_groups, len(codes)))


def _spread(
    sentences: pd.DataFrame, rows: sparse.csr_matrix, in_view: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """For each term: in how many articles and in how many outlets of the selection it occurs
    (only the rows ``in_view``, when given)."""
    if in_view is not None:
        sentences, rows = sentences[in_view], rows[np.flatnonzero(in_view)]
    spread = []
    for column in ("article_id", "outlet"):
        codes, groups = pd.factorize(sentences[column])
        present = (_indicator(codes, len(groups)) @ rows) > 0
        spread.append(np.asarray(present.sum(axis=0)).ravel().astype(int))
    return spread[0], spread[1]


def _drop_fragments(
    pool: list[int], terms: np.ndarray, counts: np.ndarray, names: frozenset[str] = frozenset()
) -> list[int]:
    """Keep readable terms: a bigram must recur to be a phrase (a full name need not), and
    a word that only ever occurs inside a listed phrase (same count) is a fragment of it."""
    listed = {
        terms[i]: counts[i]
        for i in pool
        if " " not in terms[i] or counts[i] >= 2 or terms[i] in names
    }
    inside: set[str] = set()
    for term, count in listed.items():
        if " " in term and term not in names:
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


def _is_title_case(text: str) -> bool:
    """Most longer words capitalised ("Photos: Key Players in the Shutdown"): case is style."""
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) > 0.6


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
        sentences = sentences.reset_index(drop=True)
        counts = count_terms(sentences, names)
    term = counts.key(term)
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
