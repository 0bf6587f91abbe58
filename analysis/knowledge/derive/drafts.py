"""Derived knowledge as editable files: ``targets.csv``, ``speakers.csv``, ``topics.csv``.

A draft is written beside the corpus so that the analyst can keep and edit
what the tool derived. Writing merges: a file that exists keeps every row and
column it has (rows that would not load included); only rows whose key (the
target, speaker or topic name) it lacks are added. Files are replaced
atomically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.framing.stance import TARGET_COLUMNS
from analysis.knowledge.files import (
    KNOWLEDGE_FILES,
    raw_csv,
    raw_table,
    read_text,
    write_text_atomic,
)
from analysis.voices.speakers import SPEAKER_COLUMNS

TOPIC_COLUMNS = ("topic", "patterns", "description")
DRAFT_KINDS = ("targets", "speakers", "topics")


@dataclass(frozen=True)
class DraftResult:
    """What writing one draft did: the file, rows it had, rows added."""

    kind: str
    path: Path
    kept: int
    added: int


def knowledge_drafts(
    derived_targets: pd.DataFrame, speakers: pd.DataFrame, sentences: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """The derived targets, speaker sides and topics as rows of the knowledge files."""
    targets = pd.DataFrame({c: derived_targets.get(c, []) for c in TARGET_COLUMNS})
    people = speakers.assign(
        aliases="", role="", evidence=speakers["evidence"].fillna(""), **{"from": "", "to": ""}
    ).sort_values(["affiliation", "speaker"])
    topics = _topic_rows(sentences)
    return {
        "targets": targets.reset_index(drop=True),
        "speakers": people[list(SPEAKER_COLUMNS)].reset_index(drop=True),
        "topics": topics,
    }


def _topic_rows(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per discovered topic: its label's phrases become its patterns."""
    labels = sentences["topics"].explode().dropna().value_counts()
    rows = []
    for label, count in labels.items():
        phrases = [p.strip() for p in label.split("·") if p.strip()]
        patterns = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
        rows.append((label, patterns, f"discovered in the corpus ({count} sentences)"))
    return pd.DataFrame(rows, columns=list(TOPIC_COLUMNS))


def write_drafts(
    folder: str | Path, drafts: dict[str, pd.DataFrame], kinds: tuple[str, ...] = DRAFT_KINDS
) -> list[DraftResult]:
    """Merge each draft into ``folder``'s knowledge file; nothing already there is lost."""
    results = []
    for kind in kinds:
        path = Path(folder) / KNOWLEDGE_FILES[kind]
        results.append(_merge_into(path, kind, drafts[kind]))
    return results


def _merge_into(path: Path, kind: str, rows: pd.DataFrame) -> DraftResult:
    """Append to ``path`` the rows whose key (first column) it lacks, keeping all it has."""
    header, existing = raw_table(read_text(path))
    header = header or list(rows.columns)
    have = {row[0].strip() for row in existing if row}
    added = [
        record for record in rows.to_dict("records") if str(record[rows.columns[0]]) not in have
    ]
    header += [c for c in rows.columns if c not in header]
    new = [[str(record.get(c, "")) for c in header] for record in added]
    if added or not path.exists():
        write_text_atomic(path, raw_csv(header, existing + new))
    return DraftResult(kind, path, len(existing), len(added))
