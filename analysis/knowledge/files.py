"""Editable knowledge files: plain CSV tables the analyst maintains in ``corpus/``.

Speakers, topics, stance targets and the framing lexicon are all CSV files
with a header row. They are read with line-numbered problems (so the analyst
can fix the file) and written atomically (so a failed save never leaves a
half-written file behind). Saves are merges: only the rows the analyst
changed are replaced, and every other row and column of the file (rows that
fail validation and unknown columns included) is kept as it is. A save made
from a stale read (the file changed since the page read it) is refused with
the conflicting rows of both versions, for the analyst to choose.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.knowledge.patterns import PatternError, SafePattern, compile_words

KNOWLEDGE_FILES = {
    "speakers": "speakers.csv",
    "topics": "topics.csv",
    "targets": "targets.csv",
    "lexicon": "framing_lexicon.csv",
}

FILE_MODE = 0o644
RESOLUTIONS = {
    "mine": "Keep mine",
    "theirs": "Keep theirs",
    "both": "Keep both rows",
}
"""How a row changed by two sessions at once is settled (see :func:`merge_changes`)."""

Row = dict[str, str]
Changes = dict[str, Row | None]
"""Changed rows by key (a table's first column): the new row, or None for a removed one."""


@dataclass(frozen=True)
class Problem:
    """Something wrong in an input file, located precisely enough to fix it."""

    source: str
    line: int | None
    message: str
    severity: str = "error"  # "error" (row or file skipped) or "warning" (kept)

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{self.severity}: {where}: {self.message}"


class KnowledgeError(ValueError):
    """A knowledge file cannot be used at all (missing columns, unreadable)."""


def read_table(
    path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> tuple[list[dict[str, str]], list[Problem]]:
    """Read a CSV knowledge file into rows, with its problems by line number.

    Rows missing a required value are skipped with a problem; unknown columns
    are reported as a warning and ignored.
    """
    rows, problems = read_numbered_table(path, required, optional)
    return [row for _, row in rows], problems


def read_numbered_table(
    path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """:func:`read_table`, with each row's line number in the file (where the row starts)."""
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read ({exc})") from exc
    return parse_numbered_table(raw, path.name, required, optional)


def parse_table(
    raw: str, source: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> tuple[list[dict[str, str]], list[Problem]]:
    """Parse CSV text (see :func:`read_table`)."""
    rows, problems = parse_numbered_table(raw, source, required, optional)
    return [row for _, row in rows], problems


def parse_numbered_table(
    raw: str, source: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """Parse CSV text into (line number, row) pairs (see :func:`read_table`)."""
    lines = raw.split("\n")
    reader = csv.DictReader(io.StringIO(raw))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise KnowledgeError(
            f"{source}: missing {'column' if len(missing) == 1 else 'columns'} "
            f"{', '.join(missing)}; "
            f"the header must contain {', '.join(required + optional)}"
        )
    problems = [
        Problem(source, 1, f"unknown column '{c}' ignored", "warning")
        for c in header
        if c not in required + optional
    ]
    rows: list[tuple[int, dict[str, str]]] = []
    previous = reader.line_num
    for row in reader:
        # A row starts after the previous one ended, past the blank lines the reader skips;
        # reader.line_num alone is where it ends (a quoted value may span lines).
        line, previous = previous + 1, reader.line_num
        while line < previous and lines[line - 1] in ("", "\r"):
            line += 1
        clean = {
            (k or "").strip(): (v or "").strip()
            for k, v in row.items()
            if k is not None and not isinstance(v, list)
        }
        if not any(clean.values()):
            continue
        swallowed = _swallowed_rows(row, header, line, previous, len(lines))
        if swallowed:
            problems.append(Problem(source, swallowed[0], swallowed[1]))
            continue
        empty = [c for c in required if not clean.get(c)]
        if empty:
            problems.append(Problem(source, line, f"empty {', '.join(empty)}; row skipped"))
            continue
        rows.append((line, {c: clean.get(c, "") for c in required + optional}))
    return rows, problems


def _swallowed_rows(
    row: Mapping[str | None, Any], header: list[str], start: int, end: int, total: int
) -> tuple[int, str] | None:
    """Where a quote opens a value that runs over several lines, and what that did.

    No knowledge column holds a line break: a value that spans lines is a quote left
    open, which swallows the rows after it into one cell (``csv`` says nothing).
    """
    before = 0
    for key, value in row.items():
        if not isinstance(value, str):
            continue
        if "\n" in value:
            opened = start + before
            column = (key or "").strip() or "an extra column"
            rest = ", the rest of the file" if end >= total - 1 else ""
            message = (
                f"the quote opened on line {opened} (column {column!r}) is not closed on "
                f"that line: lines {opened}-{end}{rest} are read as one value and their "
                'rows are lost; close the quote (a quote inside a value is written "")'
                "; row skipped"
            )
            return opened, message
        before += value.count("\n")
    return None


def compile_patterns(patterns: str, source: str, line: int | None) -> SafePattern:
    """Compile ``a|b|c`` analyst patterns (see ``patterns.compile_words``)."""
    try:
        return compile_words(patterns, f"{source}:{line}" if line else source)
    except PatternError as exc:
        raise KnowledgeError(str(exc)) from exc


def write_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines as given); see :func:`write_bytes_atomic`."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so readers see the old or the new file, never half.

    The file keeps its permissions; a new one gets :data:`FILE_MODE` (not the 0600 of a
    temporary file), so that others sharing the corpus can read it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else FILE_MODE
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_text(path: Path) -> str:
    """A knowledge file's text as :func:`merge_changes` compares it ('' when missing)."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8-sig") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"{path}: cannot read ({exc})") from exc


def content_hash(text: str) -> str:
    """A short fingerprint of a file's text: what a page read, to detect a later change."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def raw_table(text: str) -> tuple[list[str], list[list[str]]]:
    """CSV text as its header and rows exactly as written: every column, every row."""
    table = list(csv.reader(io.StringIO(text)))
    if not table:
        return [], []
    return [h.strip() for h in table[0]], table[1:]


def raw_csv(header: list[str], rows: Iterable[list[str]]) -> str:
    """The CSV text of a header and rows (the inverse of :func:`raw_table`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _cell(value: Any) -> str:
    """A cell as text: None and NaN (an empty editor cell) as ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _keyed(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...]) -> dict[str, Row]:
    """Non-empty rows by key (first column), with every column as stripped text."""
    keyed: dict[str, Row] = {}
    for row in rows:
        clean = {c: _cell(row.get(c)) for c in columns}
        if any(clean.values()):
            keyed[clean[columns[0]]] = clean
    return keyed


def table_changes(
    before: Iterable[Mapping[str, Any]],
    after: Iterable[Mapping[str, Any]],
    columns: tuple[str, ...],
) -> Changes:
    """What an edit changed: rows added or altered (by key), and keys removed (None)."""
    old, new = _keyed(before, columns), _keyed(after, columns)
    changes: Changes = {key: row for key, row in new.items() if old.get(key) != row}
    changes.update({key: None for key in old if key not in new})
    return changes


@dataclass(frozen=True)
class Conflict:
    """A row changed both by this save and, since it read the file, by someone else."""

    key: str
    mine: Row | None
    theirs: tuple[Row, ...]  # the file's rows with this key now; () when they removed it


class ConcurrentEdit(KnowledgeError):
    """The file changed since it was read and some changed rows collide: choose per row."""

    def __init__(self, path: Path, conflicts: list[Conflict], current: str) -> None:
        keys = ", ".join(c.key for c in conflicts)
        super().__init__(f"{path} changed since it was read; both versions of: {keys}")
        self.path, self.conflicts, self.current = path, conflicts, current


@dataclass(frozen=True)
class MergeResult:
    """What a merge save did: rows it changed, and keys someone else had changed meanwhile."""

    path: Path
    changed: int
    theirs: tuple[str, ...]


def _key_index(header: list[str], key: str, path: Path) -> int:
    if key not in header:
        raise KnowledgeError(f"{path}: no '{key}' column; fix the header before saving")
    return header.index(key)


def _by_key(rows: list[list[str]], index: int) -> dict[str, list[list[str]]]:
    grouped: dict[str, list[list[str]]] = {}
    for row in rows:
        grouped.setdefault(row[index].strip() if len(row) > index else "", []).append(row)
    return grouped


def _as_row(header: list[str], row: list[str], columns: tuple[str, ...]) -> Row:
    cells = dict(zip(header, row, strict=False))
    return {c: cells.get(c, "").strip() for c in columns}


def _set(header: list[str], row: list[str], values: Row) -> list[str]:
    """``row`` with ``values`` written into their columns; its other cells kept."""
    out = row + [""] * (len(header) - len(row))
    for column, value in values.items():
        if column in header:
            out[header.index(column)] = value
    return out


def merge_changes(
    path: Path,
    changes: Changes,
    columns: tuple[str, ...],
    read: str | None = None,
    resolutions: Mapping[str, str] | None = None,
) -> MergeResult:
    """Apply ``changes`` to the file as it is now, keeping every other row and column.

    ``read`` is the file's text when the analyst's page read it (None: no check).
    If the file changed since and a changed key was also changed there, nothing is
    written and :class:`ConcurrentEdit` lists both versions, unless ``resolutions``
    settles that key ("mine", "theirs" or "both" rows). Rows changed only by the
    other writer are kept as they are. Every row with a changed key is updated.
    """
    path, resolutions = Path(path), dict(resolutions or {})
    current = read_text(path)
    header, rows = raw_table(current)
    header = header or list(columns)
    index = _key_index(header, columns[0], path)
    used = {c for row in changes.values() if row for c, value in row.items() if value}
    header += [c for c in columns if c not in header and c in used]
    now = _by_key(rows, index)
    theirs: tuple[str, ...] = ()
    if read is not None and content_hash(read) != content_hash(current):
        read_header, read_rows = raw_table(read)
        known = columns[0] in read_header
        before = _by_key(read_rows, read_header.index(columns[0])) if known else {}
        theirs = tuple(k for k in sorted(set(before) | set(now)) if before.get(k) != now.get(k))
        conflicts = [
            Conflict(key, mine, versions)
            for key, mine in changes.items()
            if key in theirs
            and key not in resolutions
            and (versions := tuple(_as_row(header, r, columns) for r in now.get(key, [])))
            != ((mine,) if mine else ())
        ]
        if conflicts:
            raise ConcurrentEdit(path, conflicts, current)
    out: list[list[str]] = []
    for row in rows:
        key = row[index].strip() if len(row) > index else ""
        if key in changes and resolutions.get(key, "mine") == "mine":
            if changes[key] is None:
                continue
            row = _set(header, row, changes[key])
        out.append(row)
    for key, mine in changes.items():
        choice = resolutions.get(key, "mine")
        if mine is not None and (choice == "both" or (choice == "mine" and key not in now)):
            out.append(_set(header, [], mine))
    applied = sum(resolutions.get(k, "mine") != "theirs" for k in changes)
    if changes or not path.exists():
        write_text_atomic(path, raw_csv(header, out))
    return MergeResult(path, applied, tuple(k for k in theirs if k not in changes))
