"""Framing indicators: how an outlet, in its own voice, presents each actor.

Targets (countries, blocs and leaders, ``corpus/targets.csv``) are found in
the sentences; every mention is *narrated* (outside any direct quote of the
article) or *quoted*. A quote is the speaker's stance, not the outlet's, so
every indicator below except voice is computed on narrated mentions only,
and every figure keeps the rows behind it (:func:`stance_evidence`).

tone
    Target-dependent sentiment of the sentence towards the mention
    (:func:`analysis.framing.tone.tone`, score in [-1, 1]), averaged.
loaded
    Labels from ``corpus/framing_lexicon.csv`` (kind ``loaded``, polarity
    -1/0/+1) *attached* to one mention of the same clause (clauses end at
    ``; : — – ( )`` and at a comma before but/while/although/which/who...):
    the nearest, ties to the one before, among

    - mentions before the label, at most ``WINDOW`` words away, that are not
      the object of a preposition ("Russia began its unprovoked invasion";
      "the war in Ukraine" is not a candidate, "Russia's" is);
    - mentions right after it, at most ``NEAR`` words away, with no "of",
      "against", "in"... in between ("an isolated Putin"; in "invasion of
      Ukraine" or "war crimes in Ukraine" Ukraine is what the label happened
      to, not what it describes).

    A since/after/because/when/while... clause between the two keeps them
    apart ("China stayed silent since the unprovoked invasion": not China's),
    unless the label's clause points back with its/their/his/her ("Russia,
    since its unprovoked invasion"). Mentions joined to the chosen one by
    "and"/"or" share it ("Xi and Putin"). Labels inside a direct quote,
    negated ("not isolated": a negator among the three words before) or in
    a distancing phrase's scope ("portrayed itself as a neutral party") are
    not the outlet's own: skipped.
distancing
    Lexicon phrases of kind ``distancing`` ("claimed neutrality", "billed the
    trip as", "what it calls") attached like a label, but only to a mention
    *before* them, in the same sentence: the actor whose claim the outlet
    keeps at arm's length. Scare quotes count too (polarity -1): a partial
    quote of at most ``SCARE_MAX_WORDS`` words goes to the mentioned targets
    its speaker speaks for (see voice) or, without a known speaker, to a
    mention before it as a distancing phrase would. Polarity 0 phrases
    ("alleged") are hedges: shown in the evidence, not scored.
voice
    Share of the quotes of the article or outlet whose speaker speaks for the
    target: the speaker's affiliation group is the target's, or the speaker's
    name matches the target's patterns (a leader quoted by name). Shown
    beside the score, not in it: whom an outlet quotes is a choice of sources,
    measured on its own, and quoting an actor says nothing about approval.
    A leader's row with an empty affiliation counts only the leader's own
    quotes (by default it counts the leader's whole side).

Per article or outlet and target (:func:`stance_table`), with ``n`` narrated
mentions::

    loaded_polarity = clip(loaded_sum / n, -1, 1)   (loaded_sum: sum of label polarities)
    distancing_rate = clip(sum of -polarity of distancing cues / n, 0, 1)
    score           = W_TONE * tone + W_LOADED * loaded_polarity
                      - W_DISTANCING * distancing_rate

The weights sum to 1 and every component lies in its range, so the score
lies in [-1, 1]. Each narrated mention has the same composite on its own,
its ``reading`` (:func:`mention_reading`): the tone plus the labels and
distancing cues attached to that mention, so the sentence an analyst opens
says what the label did ("since Russia began its unprovoked invasion" reads
negative for Russia although the words around it are neutral). Loaded labels
are evaluative words; terms that only name a relation ("strategic partner",
"key ally", "old friend") are left out of the lexicon. Rows with fewer than
``MIN_MENTIONS`` narrated mentions are flagged ``low_count``: indicators,
not verdicts, and few sentences make weak ones. ``stance`` says what the
score may be read as (negative / neutral / positive, or unclear when the
mentions are few), by thresholds calibrated on whole articles
(:mod:`analysis.framing.calibration`).

Targets are kept apart: a phrase names one actor, so where mentions of
different targets overlap the longest wins ("Chinese President Xi Jinping"
is a mention of Xi Jinping, not also of China). Pattern notes: "US" is matched
case-sensitively with ``(?-i:US)`` so that "us" is not the United States;
``U\\.S`` leaves out the final period, which a word boundary cannot follow.
"""

from __future__ import annotations

import csv
import io
import math
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import pandas as pd

from analysis.framing.calibration import MIN_EVIDENCE, stance_label
from analysis.framing.mention_roles import acts, is_location
from analysis.framing.tone import tone
from analysis.knowledge.files import (
    KnowledgeError,
    MergeResult,
    Problem,
    merge_changes,
    parse_numbered_table,
    table_changes,
)
from analysis.knowledge.patterns import SafePattern, combine, compile_words

TARGET_COLUMNS = ("target", "patterns", "affiliation", "places")
LEXICON_COLUMNS = ("term", "kind", "polarity", "note")
KINDS = ("loaded", "distancing")

W_TONE = 0.5
W_LOADED = 0.3
W_DISTANCING = 0.2
MIN_MENTIONS = MIN_EVIDENCE
WINDOW = 8
NEAR = 3
SCARE_MAX_WORDS = 4

NEGATORS = frozenset({"not", "no", "never", "without", "nor", "hardly"})
DETERMINERS = frozenset({"the", "a", "an"})
PREPOSITIONS = frozenset(
    "of in on at to for from with about against into over toward towards across between "
    "among under within upon after before during near since like".split()
)  # "by" is left out: it introduces the agent of a passive
SUBORDINATORS = frozenset({"after", "before", "since"})  # also open a clause: "since Russia began"
_NEXT_WORD = re.compile(r"\s+([a-z]\w*)")
PATIENT_MARKERS = frozenset(
    {"of", "against", "on", "upon", "in", "into", "over", "toward", "towards"}
)

MENTION_COLUMNS = [
    "sentence_id", "article_id", "outlet", "target", "mention_start", "mention_end",
    "voice", "mention",
]  # fmt: skip
EVIDENCE_COLUMNS = [
    "article_id", "outlet", "sentence_id", "sentence", "sentence_start", "target",
    "component", "voice", "mention", "mention_start", "mention_end", "cue", "cue_start",
    "cue_end", "polarity", "source", "tone_label", "tone_score", "contributions", "reading",
    "mention_cues",
]  # fmt: skip
CUE_COLUMNS = [
    "sentence_id", "article_id", "outlet", "target", "component", "mention", "mention_start",
    "mention_end", "cue", "cue_start", "cue_end", "polarity", "source",
]  # fmt: skip
TABLE_COLUMNS = [
    "target", "mentions", "narrated_mentions", "tone", "tone_neg", "tone_neu", "tone_pos",
    "loaded_count", "loaded_sum", "loaded_polarity", "distancing", "distancing_rate",
    "voice_share", "score", "low_count", "stance",
]  # fmt: skip

_WORD = re.compile(r"(?<!['’])\b\w[\w'’-]*")
_CLAUSE_BREAK = re.compile(
    r"[;:—–()]|,(?=\s+(?:but|while|whereas|although|though|yet|which|who|whom|whose)\b)",
    re.IGNORECASE,
)
_COORDINATION = re.compile(r"\s*,?\s*(?:and|or|&)\s+", re.IGNORECASE)
_SUBORDINATE = re.compile(
    r"\b(?:since|after|because|before|when|while|until|although|though|whereas|unless)\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = frozenset({"its", "their", "his", "her"})  # "Russia, since its invasion"

Item = TypeVar("Item")


def _text(value: Any) -> str:
    """A string cell, with None, NaN and NA as ''."""
    return "" if pd.isna(value) else str(value)


@dataclass(frozen=True)
class Target:
    """An actor whose framing is measured: a name, ``a|b`` patterns, a speaker group.

    ``places`` are ``a|b`` patterns of places that stand for the actor (a
    capital, a seat of government): mentions too, but only in an actor's role
    (:func:`analysis.framing.mention_roles.acts`).
    """

    name: str
    pattern: str
    affiliation: str = ""
    places: str = ""
    regex: SafePattern = field(init=False, repr=False, compare=False)
    place_regex: SafePattern | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("target name is empty")
        what = f"target {self.name!r}"
        every = f"{self.pattern}|{self.places}" if self.places.strip() else self.pattern
        object.__setattr__(self, "regex", compile_words(every, what))
        places = compile_words(self.places, f"{what} places") if self.places.strip() else None
        object.__setattr__(self, "place_regex", places)

    def is_place(self, phrase: str) -> bool:
        """Whether a matched phrase is one of the target's place aliases."""
        return bool(self.place_regex and self.place_regex.fullmatch(phrase))

    def voiced_by(self, speaker: Any, affiliation: Any) -> bool:
        """Whether a quote by this speaker speaks for the target (see module docstring)."""
        group, name = _text(affiliation), _text(speaker)
        return bool(self.affiliation and group == self.affiliation) or bool(
            name and self.regex.search(name)
        )

    def as_row(self) -> dict[str, str]:
        return {
            "target": self.name,
            "patterns": self.pattern,
            "affiliation": self.affiliation,
            "places": self.places,
        }


@dataclass(frozen=True)
class LexiconEntry:
    """A framing cue: regex term, kind (loaded or distancing), polarity -1/0/+1."""

    term: str
    kind: str
    polarity: int
    note: str = ""
    regex: SafePattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} must be one of {', '.join(KINDS)}")
        if self.polarity not in (-1, 0, 1):
            raise ValueError(f"polarity {self.polarity!r} must be -1, 0 or 1")
        if self.kind == "distancing" and self.polarity == 1:
            raise ValueError("a distancing term has polarity 0 or -1")
        object.__setattr__(self, "regex", compile_words(self.term, f"term {self.term!r}"))

    def as_row(self) -> dict[str, str]:
        return {
            "term": self.term,
            "kind": self.kind,
            "polarity": str(self.polarity),
            "note": self.note,
        }


def parse_target_option(option: str) -> Target:
    """An ad-hoc target from ``NAME=pattern|pattern`` (CLI ``--target``, the UI).

    Ad-hoc targets have no affiliation group: their voice share counts quotes
    by speakers whose name matches the patterns.
    """
    name, sep, pattern = option.partition("=")
    if not sep or not name.strip() or not pattern.strip():
        raise ValueError(
            f"target {option!r}: expected NAME=pattern|pattern, "
            "e.g. 'ICC=International Criminal Court|ICC'"
        )
    return Target(name.strip(), pattern.strip())


def _target_from_row(row: Mapping[str, str]) -> Target:
    return Target(row["target"], row["patterns"], row.get("affiliation", ""), row.get("places", ""))


def _entry_from_row(row: Mapping[str, str]) -> LexiconEntry:
    try:
        polarity = int(row["polarity"])
    except ValueError:
        raise ValueError(f"polarity {row['polarity']!r} must be -1, 0 or 1") from None
    return LexiconEntry(row["term"], row["kind"], polarity, row.get("note", ""))


def _parse_rows(
    raw: str,
    source: str,
    columns: tuple[str, ...],
    n_required: int,
    build: Callable[[Mapping[str, str]], Item],
    key: Callable[[Item], str],
) -> tuple[list[Item], list[Problem]]:
    """Rows of a knowledge CSV built into items; bad and duplicate rows become problems."""
    rows, problems = parse_numbered_table(raw, source, columns[:n_required], columns[n_required:])
    items, seen = [], set()
    for line, row in rows:
        try:
            item = build(row)
        except ValueError as exc:
            problems.append(Problem(source, line, f"{exc}; row skipped"))
            continue
        if key(item) in seen:
            problems.append(Problem(source, line, f"duplicate {key(item)!r}; row skipped"))
            continue
        seen.add(key(item))
        items.append(item)
    return items, sorted(problems, key=lambda p: p.line or 0)


def parse_targets(raw: str, source: str = "targets.csv") -> tuple[list[Target], list[Problem]]:
    """Targets from CSV text (``target,patterns,affiliation``), problems by line."""
    return _parse_rows(
        raw, source, TARGET_COLUMNS, 2, _target_from_row, lambda t: t.name.casefold()
    )


def parse_lexicon(
    raw: str, source: str = "framing_lexicon.csv"
) -> tuple[list[LexiconEntry], list[Problem]]:
    """Lexicon entries from CSV text (``term,kind,polarity,note``), problems by line."""
    return _parse_rows(raw, source, LEXICON_COLUMNS, 3, _entry_from_row, lambda e: e.term)


def _read(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read ({exc})") from exc


def load_targets(path: str | Path) -> tuple[list[Target], list[Problem]]:
    """Read ``targets.csv``; bad rows are reported with their line and skipped."""
    return parse_targets(_read(path), str(path))


def load_lexicon(path: str | Path) -> tuple[list[LexiconEntry], list[Problem]]:
    """Read ``framing_lexicon.csv``; bad rows are reported with their line and skipped."""
    return parse_lexicon(_read(path), str(path))


def _csv_text(rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    """The edited rows as a CSV file, to validate them as the loader would."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _rows(items: Iterable[Any], columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Objects or edited rows as non-empty rows of text cells."""
    rows = [
        {c: _text(i.get(c, "")).strip() for c in columns} if isinstance(i, Mapping) else i.as_row()
        for i in items
    ]
    return [row for row in rows if any(row.values())]


@dataclass(frozen=True)
class SaveContext:
    """What an editor started from: the rows it showed and the file text they came from
    (None: no check for a concurrent change), and the analyst's choice per conflicting row."""

    before: tuple[Any, ...] = ()
    read: str | None = None
    resolutions: Mapping[str, str] = field(default_factory=dict)


def _save(
    path: str | Path,
    items: Iterable[Any],
    columns: tuple[str, ...],
    parse: Callable[[str, str], tuple[list[Any], list[Problem]]],
    edit: SaveContext | None = None,
) -> MergeResult:
    """Validate the edited rows, then merge into the file only the rows the edit changed."""
    rows = _rows(items, columns)
    _, problems = parse(_csv_text(rows, columns), str(path))
    errors = [str(p) for p in problems if p.severity == "error"]
    if errors:
        raise ValueError("not saved:\n" + "\n".join(errors))
    edit = edit or SaveContext()
    changes = table_changes(_rows(edit.before, columns), rows, columns)
    return merge_changes(Path(path), changes, columns, edit.read, edit.resolutions)


def save_targets(
    path: str | Path,
    targets: Iterable[Target | Mapping[str, str]],
    edit: SaveContext | None = None,
) -> MergeResult:
    """Merge edited targets into the file (see :func:`_save`); ValueError lists line problems."""
    return _save(path, targets, TARGET_COLUMNS, parse_targets, edit)


def save_lexicon(
    path: str | Path,
    rows: Iterable[LexiconEntry | Mapping[str, str]],
    edit: SaveContext | None = None,
) -> MergeResult:
    """Merge edited lexicon entries into the file (see :func:`_save`)."""
    return _save(path, rows, LEXICON_COLUMNS, parse_lexicon, edit)


# Mentions -----------------------------------------------------------------


def _longest_first(spans: Iterable[tuple]) -> list[tuple]:
    """Non-overlapping ``(start, end, ...)`` spans, longer ones winning, in text order."""
    kept: list[tuple] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def _quote_spans(quotes: pd.DataFrame | None, kinds: tuple[str, ...]) -> dict[str, list]:
    """Quote rows of the given kinds per article, with a known span."""
    spans: dict[str, list] = defaultdict(list)
    if quotes is None:
        return spans
    usable = quotes[quotes["kind"].isin(kinds) & quotes["start"].notna() & quotes["end"].notna()]
    for q in usable.itertuples(index=False):
        spans[q.article_id].append(q)
    return spans


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _names_actor(text: str, start: int, end: int, target: Target) -> bool:
    """Whether ``text[start:end]`` names the target acting, not a place (module docstring)."""
    before, after = text[:start], text[end:]
    if is_location(before, after):
        return False
    return not target.is_place(text[start:end]) or acts(before, after)


def mentions(
    sentences: pd.DataFrame, targets: list[Target], quotes: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per mention of a target as an actor, with article offsets and its voice.

    A place named as a location ("arrives in Moscow") is not a mention, nor a
    place alias outside an actor's role (:mod:`analysis.framing.mention_roles`). The
    voice is ``quoted`` when the mention overlaps a direct (full or partial)
    quote of the article, else ``narration``; without a quotes frame the
    sentence's own ``voice`` column is used.
    """
    direct = _quote_spans(quotes, ("full", "partial"))
    by_name = {t.name: t for t in targets}
    rows = []
    for s in sentences.itertuples(index=False):
        found = [
            (start, end, name)
            for start, end, name in _longest_first(
                (m.start(), m.end(), t.name)
                for t in targets
                for m in t.regex.finditer(s.text)
                if m.end() > m.start()
            )
            if _names_actor(s.text, start, end, by_name[name])
        ]
        spans = [(int(q.start), int(q.end)) for q in direct.get(s.article_id, ())]
        for start, end, name in found:
            a, b = s.start + start, s.start + end
            if quotes is None:
                voice = getattr(s, "voice", "narration")
            else:
                voice = "quoted" if _overlaps(a, b, spans) else "narration"
            rows.append(
                (s.sentence_id, s.article_id, s.outlet, name, a, b, voice, s.text[start:end])
            )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


# Cues ---------------------------------------------------------------------


class _Span(NamedTuple):
    start: int
    end: int
    target: str


@dataclass(frozen=True)
class _Sentence:
    """One sentence, offsets local to it: text, narrated mentions, direct quotes."""

    text: str
    mentions: list[_Span]
    direct: list[tuple[int, int]]
    breaks: list[int]
    subordinators: list[tuple[int, int]]

    def clause(self, position: int) -> int:
        return bisect_right(self.breaks, position)

    def words(self, start: int, end: int) -> list[str]:
        return _WORD.findall(self.text, start, max(start, end))

    def subordinate_between(self, start: int, end: int) -> bool:
        """Whether a since/after/because... clause opens between two spans.

        "China stayed silent since the unprovoked invasion": the label sits in
        a clause of its own and is not about China. A possessive that points
        back ("Russia, since its unprovoked invasion") keeps the two together.
        """
        return any(
            start <= s
            and e <= end
            and not {w.lower() for w in self.words(e, end)[:1]} & _BACK_REFERENCE
            for s, e in self.subordinators
        )


def _attach(sent: _Sentence, start: int, end: int, *, loaded: bool) -> list[_Span]:
    """The mentions a cue at [start, end) is about (rules in the module docstring)."""
    best, best_key = None, None
    for m in sent.mentions:
        before = m.start < start
        if before:
            gap = sent.words(m.end, start)
            if len(gap) > WINDOW or _prepositional(sent, m):
                continue
        else:
            gap = sent.words(end, m.start)
            if not loaded or len(gap) > NEAR or PATIENT_MARKERS & {w.lower() for w in gap}:
                continue
        if loaded and sent.clause(m.start) != sent.clause(start):
            continue
        if (
            sent.subordinate_between(m.end, start)
            if before
            else sent.subordinate_between(end, m.start)
        ):
            continue
        key = (len(gap), not before)
        if best_key is None or key < best_key:
            best, best_key = m, key
    return _coordinated(sent, best) if best else []


def _prepositional(sent: _Sentence, mention: _Span) -> bool:
    """Whether a mention is the object of a preposition ("in Ukraine"), not a possessor."""
    if sent.text.startswith(("'s", "’s"), mention.end):
        return False
    before = [w.lower() for w in sent.words(0, mention.start)[-2:]]
    if before and before[-1] in DETERMINERS:
        before.pop()
    if before and before[-1] in SUBORDINATORS and _NEXT_WORD.match(sent.text, mention.end):
        return False  # the subject of a clause, not the object of a preposition
    return bool(before) and before[-1] in PREPOSITIONS


def _coordinated(sent: _Sentence, chosen: _Span) -> list[_Span]:
    """The chosen mention and those joined to it by and/or ("Xi and Putin")."""
    ordered = sent.mentions
    lo = hi = ordered.index(chosen)
    while lo > 0 and _COORDINATION.fullmatch(sent.text, ordered[lo - 1].end, ordered[lo].start):
        lo -= 1
    while hi + 1 < len(ordered) and _COORDINATION.fullmatch(
        sent.text, ordered[hi].end, ordered[hi + 1].start
    ):
        hi += 1
    return ordered[lo : hi + 1]


def _negated(sent: _Sentence, start: int) -> bool:
    """A negator among the three words before ``start`` in its clause."""
    clause = sent.clause(start)
    floor = sent.breaks[clause - 1] if clause else 0
    return any(
        w.lower() in NEGATORS or w.lower().endswith(("n't", "n’t"))
        for w in sent.words(floor, start)[-3:]
    )


def _in_scope(sent: _Sentence, start: int, distancing: list[tuple[int, int]]) -> bool:
    """Whether a label sits in a distancing phrase's scope ("billed itself as a ...")."""
    return any(
        e <= start and sent.clause(s) == sent.clause(start) and len(sent.words(e, start)) <= WINDOW
        for s, e in distancing
    )


def _any_term(lexicon: list[LexiconEntry]) -> SafePattern:
    """One regex matching wherever some term does: most sentences have no cue."""
    return combine([e.regex for e in lexicon], "the framing lexicon")


def _lexicon_cues(
    sent: _Sentence, lexicon: list[LexiconEntry], any_term: SafePattern
) -> list[tuple[int, int, LexiconEntry]]:
    """The outlet's own lexicon cues in a sentence: not quoted, negated or in scope."""
    if not any_term.search(sent.text):
        return []
    found = _longest_first(
        (m.start(), m.end(), entry)
        for entry in lexicon
        for m in entry.regex.finditer(sent.text)
        if m.end() > m.start()
    )
    own = [(s, e, entry) for s, e, entry in found if not _overlaps(s, e, sent.direct)]
    distancing = [(s, e) for s, e, entry in own if entry.kind == "distancing"]
    return [
        (s, e, entry)
        for s, e, entry in own
        if entry.kind == "distancing" or not (_negated(sent, s) or _in_scope(sent, s, distancing))
    ]


class _Cue(NamedTuple):
    start: int
    end: int
    component: str
    polarity: int
    source: str
    about: list[_Span]


def _sentence_cues(
    sent: _Sentence,
    lexicon: list[LexiconEntry],
    any_term: SafePattern,
    partials: list[tuple[int, int, str, str]],
    targets: dict[str, Target],
) -> list[_Cue]:
    """Lexicon cues and scare quotes of one sentence, with the mentions they are about."""
    cues = []
    for start, end, entry in _lexicon_cues(sent, lexicon, any_term):
        about = _attach(sent, start, end, loaded=entry.kind == "loaded")
        cues.append(_Cue(start, end, entry.kind, entry.polarity, entry.term, about))
    for start, end, speaker, affiliation in partials:
        if speaker:
            about = [m for m in sent.mentions if targets[m.target].voiced_by(speaker, affiliation)]
        else:
            about = _attach(sent, start, end, loaded=False)
        cues.append(_Cue(start, end, "distancing", -1, "scare quotes", about))
    return cues


def stance_cues(
    sentences: pd.DataFrame,
    mention_rows: pd.DataFrame,
    quotes: pd.DataFrame,
    targets: list[Target],
    lexicon: list[LexiconEntry],
) -> pd.DataFrame:
    """Loaded and distancing cues attached to narrated mentions, spans in article offsets."""
    by_name, any_term = {t.name: t for t in targets}, _any_term(lexicon)
    narrated = mention_rows[mention_rows["voice"] == "narration"]
    groups = dict(list(narrated.groupby("sentence_id", sort=False)))
    direct = _quote_spans(quotes, ("full", "partial"))
    rows = []
    for s in sentences[sentences["sentence_id"].isin(groups)].itertuples(index=False):
        offset, group = int(s.start), groups[s.sentence_id]
        inside = [q for q in direct.get(s.article_id, ()) if s.start <= q.start < s.end]
        sent = _Sentence(
            s.text,
            sorted(
                _Span(int(a) - offset, int(b) - offset, t)
                for a, b, t in zip(
                    group["mention_start"], group["mention_end"], group["target"], strict=True
                )
            ),
            [(int(q.start) - offset, int(q.end) - offset) for q in inside],
            [m.start() for m in _CLAUSE_BREAK.finditer(s.text)],
            [m.span() for m in _SUBORDINATE.finditer(s.text)],
        )
        partials = [
            (int(q.start) - offset, int(q.end) - offset, _text(q.speaker), _text(q.affiliation))
            for q in inside
            if q.kind == "partial" and len(_WORD.findall(_text(q.text))) <= SCARE_MAX_WORDS
        ]
        seen = set()
        for cue in _sentence_cues(sent, lexicon, any_term, partials, by_name):
            for m in cue.about:
                if (m.target, cue.start, cue.component) in seen:
                    continue
                seen.add((m.target, cue.start, cue.component))
                rows.append((
                    s.sentence_id, s.article_id, s.outlet, m.target, cue.component,
                    s.text[m.start : m.end], m.start + offset, m.end + offset,
                    s.text[cue.start : cue.end], cue.start + offset, cue.end + offset,
                    cue.polarity, cue.source,
                ))  # fmt: skip
    return pd.DataFrame(rows, columns=CUE_COLUMNS)


# Evidence and table -------------------------------------------------------


def _tone_rows(mention_rows: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per mention; narrated ones carry the tone towards the mention."""
    located = sentences.set_index("sentence_id")
    starts = dict(zip(located.index, located["start"].astype(int), strict=True))
    texts = dict(zip(located.index, located["text"], strict=True))
    results = []
    for m in mention_rows.itertuples(index=False):
        offset = starts[m.sentence_id]
        narrated = m.voice == "narration"
        start, end = int(m.mention_start) - offset, int(m.mention_end) - offset
        results.append(tone(texts[m.sentence_id], start, end) if narrated else None)
    return mention_rows.assign(
        component="tone",
        tone_label=[r.label if r else None for r in results],
        tone_score=[r.score if r else math.nan for r in results],
        contributions=[r.contributions if r else [] for r in results],
    )


def mention_reading(tone_score: float, loaded_sum: float, distancing_sum: float) -> float:
    """The composite of one mention: its tone with the labels and distancing cues on it.

    The same weights as the table's score, so that "since Russia began its
    unprovoked invasion" reads negative for Russia even when the words around
    the mention are neutral; an outlet's score is the mean of these readings
    (up to the clipping of the summed components).
    """
    return (
        W_TONE * tone_score
        + W_LOADED * max(-1.0, min(1.0, loaded_sum))
        - W_DISTANCING * max(0.0, min(1.0, distancing_sum))
    )


def _with_readings(tone_rows: pd.DataFrame, cues: pd.DataFrame) -> pd.DataFrame:
    """Mentions with the cues attached to them and, when narrated, their reading.

    ``mention_cues`` lists ``(component, cue, polarity)`` of the loaded labels
    and distancing cues on the mention; ``reading`` is :func:`mention_reading`.
    """
    attached: dict[tuple, list[tuple[str, str, int]]] = defaultdict(list)
    for c in cues.itertuples(index=False):
        attached[(c.sentence_id, c.target, int(c.mention_start))].append(
            (c.component, c.cue, int(c.polarity))
        )
    lists = [
        attached.get((sid, t, int(a)), [])
        for sid, t, a in zip(
            tone_rows["sentence_id"], tone_rows["target"], tone_rows["mention_start"], strict=True
        )
    ]
    readings = [
        mention_reading(
            score,
            sum(p for kind, _, p in found if kind == "loaded"),
            sum(-p for kind, _, p in found if kind == "distancing"),
        )
        if voice == "narration"
        else math.nan
        for score, voice, found in zip(
            tone_rows["tone_score"], tone_rows["voice"], lists, strict=True
        )
    ]
    return tone_rows.assign(reading=readings, mention_cues=lists)


def _voice_rows(
    quotes: pd.DataFrame, sentences: pd.DataFrame, targets: list[Target]
) -> pd.DataFrame:
    """One row per quote and target its speaker speaks for, in the quote's sentence."""
    ordered = sentences.sort_values(["article_id", "start"])
    located = {
        aid: (g["start"].tolist(), g["sentence_id"].tolist())
        for aid, g in ordered.groupby("article_id", sort=False)
    }
    rows = []
    for q in quotes.itertuples(index=False):
        voiced = [t.name for t in targets if t.voiced_by(q.speaker, q.affiliation)]
        starts, ids = located.get(q.article_id, ([], []))
        at = bisect_right(starts, q.start) - 1 if pd.notna(q.start) else -1
        rows += [
            (q.article_id, q.outlet, ids[at] if at >= 0 else None, name, "voice", "quoted",
             q.text, q.start, q.end, f"{_text(q.speaker) or 'unknown'} ({_text(q.affiliation)})")
            for name in voiced
        ]  # fmt: skip
    columns = ["article_id", "outlet", "sentence_id", "target", "component", "voice", "cue",
               "cue_start", "cue_end", "source"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def stance_evidence(
    sentences: pd.DataFrame,
    quotes: pd.DataFrame,
    targets: list[Target],
    lexicon: list[LexiconEntry],
) -> pd.DataFrame:
    """Every row behind :func:`stance_table`: one per mention (component ``tone``),
    cue (``loaded``, ``distancing``) and voiced quote (``voice``).

    Each row has the sentence, the mention and cue spans in article offsets
    (for highlighting), the cue's polarity and source (lexicon term, "scare
    quotes", or the quoted speaker) and, for narrated mentions, the tone label,
    score, the words that pushed it most (``contributions``), the cues attached
    to the mention (``mention_cues``) and its composite ``reading``.
    """
    found = mentions(sentences, targets, quotes)
    cues = stance_cues(sentences, found, quotes, targets, lexicon)
    parts = [
        _with_readings(_tone_rows(found, sentences), cues),
        cues,
        _voice_rows(quotes, sentences, targets),
    ]
    parts = [p for p in parts if not p.empty]
    evidence = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CUE_COLUMNS)
    context = sentences[["sentence_id", "text", "start"]].rename(
        columns={"text": "sentence", "start": "sentence_start"}
    )
    evidence = evidence.merge(context, on="sentence_id", how="left").reindex(
        columns=EVIDENCE_COLUMNS
    )
    spans = ["sentence_start", "mention_start", "mention_end", "cue_start", "cue_end", "polarity"]
    return evidence.astype({c: "Int64" for c in spans} | {"tone_score": float, "reading": float})


def summarize(
    evidence: pd.DataFrame,
    articles: pd.DataFrame,
    quotes: pd.DataFrame,
    targets: list[Target],
    by: str = "outlet",
) -> pd.DataFrame:
    """Aggregate :func:`stance_evidence` per outlet or article and target.

    Every pair of group and target gets a row; the formulas are in the module
    docstring. ``quotes`` gives the denominator of the voice share (NaN when
    the group has no quote).
    """
    if by not in ("outlet", "article"):
        raise ValueError(f"by must be 'outlet' or 'article', not {by!r}")
    keys = ["article_id", "title"] if by == "article" else ["outlet"]
    key = keys[0]
    grid = (
        articles.reset_index(drop=True)[keys]
        .drop_duplicates(key)
        .merge(pd.DataFrame({"target": [t.name for t in targets]}), how="cross")
    )
    component = evidence["component"]
    narrated = component.eq("tone") & evidence["voice"].eq("narration")
    polarity = evidence["polarity"].astype(float)
    flags = pd.DataFrame({
        key: evidence[key], "target": evidence["target"],
        "mentions": component.eq("tone"), "narrated": narrated,
        "tone": evidence["tone_score"].where(narrated, 0.0),
        "negative": narrated & evidence["tone_label"].eq("negative"),
        "neutral": narrated & evidence["tone_label"].eq("neutral"),
        "positive": narrated & evidence["tone_label"].eq("positive"),
        "loaded": component.eq("loaded"),
        "loaded_sum": polarity.where(component.eq("loaded"), 0.0),
        "distancing": component.eq("distancing"),
        "distancing_sum": -polarity.where(component.eq("distancing"), 0.0),
        "voiced": component.eq("voice"),
    })  # fmt: skip
    index = pd.MultiIndex.from_frame(grid[[key, "target"]])
    sums = flags.groupby([key, "target"]).sum().reindex(index, fill_value=0)
    n = sums["narrated"].astype(int)
    per = n.where(n > 0).astype(float)
    quote_total = quotes.groupby(key).size().reindex(index.get_level_values(0)).to_numpy()
    table = pd.DataFrame({
        "mentions": sums["mentions"].astype(int),
        "narrated_mentions": n,
        "tone": sums["tone"] / per,
        "tone_neg": sums["negative"].astype(int),
        "tone_neu": sums["neutral"].astype(int),
        "tone_pos": sums["positive"].astype(int),
        "loaded_count": sums["loaded"].astype(int),
        "loaded_sum": sums["loaded_sum"].astype(int),
        "loaded_polarity": (sums["loaded_sum"] / per).clip(-1.0, 1.0),
        "distancing": sums["distancing"].astype(int),
        "distancing_rate": (sums["distancing_sum"] / per).clip(0.0, 1.0),
        "voice_share": sums["voiced"].to_numpy() / pd.Series(quote_total).where(
            lambda total: total > 0).to_numpy(),
    }, index=index)  # fmt: skip
    table["score"] = (
        W_TONE * table["tone"]
        + W_LOADED * table["loaded_polarity"]
        - W_DISTANCING * table["distancing_rate"]
    )
    table["low_count"] = table["narrated_mentions"] < MIN_MENTIONS
    table["stance"] = [
        stance_label(score, n)
        for score, n in zip(table["score"], table["narrated_mentions"], strict=True)
    ]
    return pd.concat(
        [grid[keys].reset_index(drop=True), table.reset_index()[TABLE_COLUMNS]], axis=1
    )


def stance_table(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    quotes: pd.DataFrame,
    targets: list[Target],
    lexicon: list[LexiconEntry],
    by: str = "outlet",
) -> pd.DataFrame:
    """Framing indicators per outlet (or article) and target; see the module docstring.

    Columns: ``outlet`` (or ``article_id, title``), then :data:`TABLE_COLUMNS`.
    Callers that also show evidence should call :func:`stance_evidence` once
    and :func:`summarize` it.
    """
    evidence = stance_evidence(sentences, quotes, targets, lexicon)
    return summarize(evidence, articles, quotes, targets, by)
