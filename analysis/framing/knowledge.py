"""Targets and the framing lexicon: the knowledge files framing reads and the editors save.

A target is an actor whose framing is measured (``targets.csv``: name, ``a|b``
patterns, the speakers' side, places that stand for it); a lexicon entry is a
cue (``framing_lexicon.csv``: term, kind loaded or distancing, polarity). Bad
rows are reported with their line and skipped; saves validate the edited rows
and merge only what changed (:func:`analysis.knowledge.files.merge_changes`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from analysis.knowledge.files import (
    KnowledgeError,
    MergeResult,
    Problem,
    merge_changes,
    parse_numbered_table,
    table_changes,
)
from analysis.knowledge.patterns import SafePattern, compile_words

TARGET_COLUMNS = ("target", "patterns", "affiliation", "places")
LEXICON_COLUMNS = ("term", "kind", "polarity", "note")
KINDS = ("loaded", "distancing")

Item = TypeVar("Item")


def text_cell(value: Any) -> str:
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
        group, name = text_cell(affiliation), text_cell(speaker)
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
    return parse_targets(_read(path), Path(path).name)


def load_lexicon(path: str | Path) -> tuple[list[LexiconEntry], list[Problem]]:
    """Read ``framing_lexicon.csv``; bad rows are reported with their line and skipped."""
    return parse_lexicon(_read(path), Path(path).name)


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
        {c: text_cell(i.get(c, "")).strip() for c in columns}
        if isinstance(i, Mapping)
        else i.as_row()
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
    _, problems = parse(_csv_text(rows, columns), Path(path).name)
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
