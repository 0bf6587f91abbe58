"""Which corpus the dashboard shows: the server's, or one the analyst picked under a root.

A server started with ``$COVERAGE_LENS_ROOT`` (a folder) lets the analyst switch
between the corpora under it (article folders, ``.jsonl``/``.jsonl.gz`` files and
built analyses, i.e. folders holding ``manifest.json``). The choice lives in the
URL (``corpus=`` a path relative to the root) so a shared link opens the same
corpus. A name is accepted only when it resolves, symbolic links followed, to a
corpus inside the root: ``..``, absolute paths and links that lead out are refused.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import streamlit as st

from analysis.corpus.load import ARTICLE_SUFFIXES
from analysis.store.build import MANIFEST

ROOT_ENV = "COVERAGE_LENS_ROOT"
PARAM = "corpus"
CORPUS_FILE_SUFFIXES = (".jsonl", ".jsonl.gz")
MAX_DEPTH = 3
"""How deep under the root corpora are looked for (root/story/part/corpus)."""
MAX_CHOICES = 500
MAX_NAME = 300
_STATE = "corpus_choice"
_SEEDED = "corpus_seeded"
_NOTICE = "corpus_notice"
KIND_LABELS = {"folder": "article folder", "file": "JSON Lines file", "build": "built analysis"}


@dataclass(frozen=True)
class Choice:
    """A corpus under the root: its name in the URL, where it is, and what it is."""

    name: str  # relative to the root, with "/" separators
    path: Path  # resolved, inside the root
    kind: str  # "folder", "file" or "build"

    @property
    def label(self) -> str:
        return f"{self.name} ({KIND_LABELS[self.kind]})"


def corpus_root() -> Path | None:
    """The folder under which corpora may be chosen (None: switching is off)."""
    value = os.environ.get(ROOT_ENV)
    if not value:
        return None
    root = Path(value).resolve()
    return root if root.is_dir() else None


def kind_of(path: Path) -> str | None:
    """What ``path`` holds as a corpus: "build", "folder", "file", or None (not a corpus)."""
    if path.is_dir():
        if (path / MANIFEST).is_file():
            return "build"
        articles = (
            p for p in path.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
        )
        return "folder" if next(articles, None) else None
    if path.is_file() and path.name.lower().endswith(CORPUS_FILE_SUFFIXES):
        return "file"
    return None


def resolve_choice(root: Path, name: str) -> Choice | None:
    """The corpus ``name`` (relative to ``root``) names, or None if it is outside or no corpus."""
    relative = PurePosixPath(name)
    if not name or len(name) > MAX_NAME or "\\" in name or "\x00" in name:
        return None
    if relative.is_absolute() or ".." in relative.parts or relative.parts[:1] == ("~",):
        return None
    try:
        path = (root / relative).resolve()
    except (OSError, RuntimeError):
        return None
    if path == root or not path.is_relative_to(root):
        return None
    kind = kind_of(path)
    return Choice(relative.as_posix(), path, kind) if kind else None


def corpus_choices(root: Path) -> list[Choice]:
    """Every corpus under ``root`` (hidden folders skipped), by name."""
    found: list[Choice] = []
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        depth = len(here.relative_to(root).parts)
        subfolders[:] = sorted(s for s in subfolders if not s.startswith("."))
        if depth >= MAX_DEPTH:
            subfolders.clear()
        candidates = [here / s for s in subfolders] + [
            here / f for f in files if f.lower().endswith(CORPUS_FILE_SUFFIXES)
        ]
        for candidate in candidates:
            choice = resolve_choice(root, candidate.relative_to(root).as_posix())
            if choice:
                found.append(choice)
                if choice.kind == "build" and candidate.name in subfolders:
                    subfolders.remove(candidate.name)
        if len(found) >= MAX_CHOICES:
            break
    return sorted(found[:MAX_CHOICES], key=lambda c: c.name)


def chosen() -> Choice | None:
    """The corpus picked in this session (from the URL or the Corpus page), if any."""
    root = corpus_root()
    name = st.session_state.get(_STATE)
    return resolve_choice(root, name) if root and name else None


def sync_choice() -> None:
    """Seed the choice from the URL once per session, and mirror it in the URL each run."""
    if not st.session_state.get(_SEEDED):
        st.session_state[_SEEDED] = True
        name = st.query_params.get(PARAM)
        if name:
            root = corpus_root()
            if root and resolve_choice(root, name):
                st.session_state[_STATE] = name
            else:
                why = (
                    "not a corpus under the server's corpus root"
                    if root
                    else (f"this server was started without {ROOT_ENV}")
                )
                st.session_state[_NOTICE] = f"Ignored from the link: corpus={name[:80]} ({why})."
    current = chosen()
    if current:
        if st.query_params.get(PARAM) != current.name:
            st.query_params[PARAM] = current.name
    elif PARAM in st.query_params:
        del st.query_params[PARAM]


def show_notice() -> None:
    if notice := st.session_state.pop(_NOTICE, None):
        st.warning(notice, icon="⚠️")


def choose(name: str | None) -> None:
    """Switch to the corpus ``name`` (None: back to the server's own)."""
    if name:
        st.session_state[_STATE] = name
    else:
        st.session_state.pop(_STATE, None)


def build_corpus(build: Path, root: Path) -> Path | None:
    """The corpus folder a build was made from, when its manifest names one inside the root."""
    try:
        manifest = json.loads((build / MANIFEST).read_text("utf-8"))
        folder = Path(manifest.get("corpus") or manifest.get("knowledge_folder") or "").resolve()
    except (OSError, ValueError, AttributeError):
        return None
    inside = folder.is_relative_to(root) and folder != root
    return folder if inside and kind_of(folder) == "folder" else None


def draw_switch(server_label: str) -> None:
    """The Corpus page's picker of the corpora under the root (nothing without a root)."""
    root = corpus_root()
    if root is None:
        return
    choices = {c.name: c for c in corpus_choices(root)}
    current = chosen()
    names: list[str | None] = [None, *choices]
    if current and current.name not in choices:
        names.append(current.name)
        choices[current.name] = current
    st.selectbox(
        "Corpus",
        names,
        index=names.index(current.name) if current else 0,
        format_func=lambda n: choices[n].label if n else f"the server's corpus ({server_label})",
        key="corpus_switch",
        on_change=lambda: choose(st.session_state["corpus_switch"]),
        help=f"The article folders, JSON Lines files and built analyses under {root}. "
        "The choice is part of the link, so a shared link opens the same corpus.",
    )
