"""An editor for one knowledge file whose "Save" is a merge that never loses an edit.

The editor shows the rows as the page first read them, together with the
file's text at that moment. Saving merges only the rows the analyst changed
into the file as it is now; if another session changed the same rows
meanwhile, both versions are shown and the analyst chooses per row.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from analysis.framing.stance import SaveContext
from analysis.knowledge.files import (
    RESOLUTIONS,
    ConcurrentEdit,
    KnowledgeError,
    MergeResult,
    read_text,
)
from analysis.wording import plural
from ui.literal import md

Save = Callable[[Path, list[dict[str, Any]], SaveContext], MergeResult]


def _base(name: str, path: Path, rows: list[dict[str, str]]) -> dict[str, Any]:
    """The rows and file text this session's editor started from (read once, then kept)."""
    key = f"knowledge_base_{name}"
    base = st.session_state.get(key)
    if base is None or base["path"] != str(path):
        base = {"path": str(path), "read": read_text(path), "rows": rows}
        st.session_state[key] = base
    return base


def _saved(name: str, result: MergeResult, flash: str) -> None:
    """Forget the editor's start and its edits, leave a message for after the rerun."""
    for key in (f"knowledge_base_{name}", f"knowledge_conflict_{name}", f"knowledge_edit_{name}"):
        st.session_state.pop(key, None)
    message = (
        f"Saved {name} ({plural(result.changed, 'row')} changed); the indicators are recomputed."
    )
    if result.theirs:
        message += (
            " The file had changed since you opened it; the other changes were kept: "
            + ", ".join(result.theirs)
            + "."
        )
    st.session_state[flash] = message
    st.rerun()


def _try_save(
    name: str, path: Path, save: Save, rows: list[dict], context: SaveContext, flash: str
) -> None:
    try:
        result = save(path, rows, context)
    except ConcurrentEdit as exc:
        st.session_state[f"knowledge_conflict_{name}"] = {"error": exc, "rows": rows}
        st.rerun()
    except (OSError, ValueError) as exc:
        st.error(md(exc))
    else:
        _saved(name, result, flash)


def _conflict(name: str, path: Path, save: Save, base: dict, flash: str) -> None:
    """Both versions of each row changed here and elsewhere, and the analyst's choice."""
    state = st.session_state[f"knowledge_conflict_{name}"]
    error: ConcurrentEdit = state["error"]
    st.warning(
        f"{path.name} changed since you opened it (another session saved it). Nothing is "
        "saved yet. For each row you both changed, choose which version to keep.",
        icon="⚠️",
    )
    choices = {}
    for i, conflict in enumerate(error.conflicts):
        versions = [{"version": "mine", **(conflict.mine or {})}] if conflict.mine else []
        versions += [{"version": "theirs", **row} for row in conflict.theirs]
        st.text(f"Row: {conflict.key}")
        if not conflict.mine:
            st.caption("You removed this row.")
        if not conflict.theirs:
            st.caption("They removed this row.")
        st.dataframe(pd.DataFrame(versions), hide_index=True, key=f"knowledge_both_{name}_{i}")
        choices[conflict.key] = st.radio(
            "Keep",
            list(RESOLUTIONS),
            format_func=RESOLUTIONS.get,
            horizontal=True,
            key=f"knowledge_choice_{name}_{i}",
        )
    left, right = st.columns(2)
    if left.button("Save with these choices", key=f"knowledge_resolve_{name}", type="primary"):
        context = SaveContext(tuple(base["rows"]), error.current, choices)
        _try_save(name, path, save, state["rows"], context, flash)
    if right.button("Cancel (keep editing)", key=f"knowledge_cancel_{name}"):
        st.session_state.pop(f"knowledge_conflict_{name}", None)
        st.rerun()


def knowledge_editor(
    name: str,
    path: Path,
    rows: list[dict[str, str]],
    save: Save,
    flash: str,
    adds_to_defaults: bool = False,
) -> None:
    """Edit ``rows`` of the knowledge file ``path``; "Save" merges (see the module).

    Without a file, the rows shown are derived or defaults: the first save writes them
    all (the file replaces what was derived), unless the file ``adds_to_defaults`` (the
    defaults stay in use, so only the analyst's changes are written)."""
    try:
        base = _base(name, path, rows)
    except KnowledgeError as exc:
        st.error(md(exc))
        return
    edited = st.data_editor(
        pd.DataFrame(base["rows"]),
        num_rows="dynamic",
        key=f"knowledge_edit_{name}",
        width="stretch",
    )
    if f"knowledge_conflict_{name}" in st.session_state:
        _conflict(name, path, save, base, flash)
        return
    if st.button("Save", key=f"framing_save_{name}"):
        before = tuple(base["rows"]) if base["read"] or adds_to_defaults else ()
        context = SaveContext(before, base["read"])
        _try_save(name, path, save, edited.to_dict("records"), context, flash)
