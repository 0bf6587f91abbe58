"""The validation report: the problems of the articles and of every knowledge file.

:func:`analysis.pipeline.load_knowledge` reads the topics and speakers that the
analyses need first; the stance targets and the framing lexicon are read when
framing runs. The report reads the folder's ``targets.csv`` and
``framing_lexicon.csv`` as well, with the same loaders, so that ``check`` and the
Corpus page list their problems without running the analyses.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from analysis.corpus.load import Corpus
from analysis.framing.stance import load_lexicon, load_targets
from analysis.knowledge.files import KNOWLEDGE_FILES, KnowledgeError, Problem
from analysis.pipeline import Knowledge, validation_report

FRAMING_LOADERS = {"targets": load_targets, "lexicon": load_lexicon}


def framing_file_problems(folder: str | Path) -> list[Problem]:
    """The problems of the folder's own targets and framing lexicon files (none if absent)."""
    problems: list[Problem] = []
    for kind, load in FRAMING_LOADERS.items():
        path = Path(folder) / KNOWLEDGE_FILES[kind]
        if not path.exists():
            continue
        try:
            problems += load(path)[1]
        except KnowledgeError as exc:
            problems.append(Problem(path.name, None, str(exc)))
    return problems


def full_report(corpus: Corpus, knowledge: Knowledge) -> tuple[pd.DataFrame, int]:
    """Every problem of the corpus and the four knowledge files, one row each, and how many
    of them are the knowledge files'."""
    problems = (*knowledge.problems, *framing_file_problems(knowledge.folder))
    return validation_report(corpus, replace(knowledge, problems=problems)), len(problems)
