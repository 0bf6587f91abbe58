"""Editable knowledge files: plain CSV tables the analyst maintains in ``corpus/``.

Speakers, topics, stance targets and the framing lexicon are all CSV files
with a header row. They are read with line-numbered problems (so the analyst
can fix the file) and written atomically (so a failed save never leaves a
half-written file behind).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from analysis.patterns import PatternError, SafePattern, compile_words

KNOWLEDGE_FILES = {
    "speakers": "speakers.csv",
    "topics": "topics.csv",
    "targets": "targets.csv",
    "lexicon": "framing_lexicon.csv",
}


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
    return parse_numbered_table(raw, str(path), required, optional)


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
            f"{source}: missing column(s) {', '.join(missing)}; "
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
        empty = [c for c in required if not clean.get(c)]
        if empty:
            problems.append(Problem(source, line, f"empty {', '.join(empty)}; row skipped"))
            continue
        rows.append((line, {c: clean.get(c, "") for c in required + optional}))
    return rows, problems


def compile_patterns(patterns: str, source: str, line: int | None) -> SafePattern:
    """Compile ``a|b|c`` analyst patterns (see :func:`analysis.patterns.compile_words`)."""
    try:
        return compile_words(patterns, f"{source}:{line}" if line else source)
    except PatternError as exc:
        raise KnowledgeError(str(exc)) from exc


def write_table(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...]) -> None:
    """Write rows as CSV atomically: a temporary file renamed over the target."""
    path = Path(path)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    write_text_atomic(path, buffer.getvalue())


def write_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so readers see the old or the new file, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
