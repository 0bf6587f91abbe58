"""Evidence: the sentences behind a number, shown exactly as published, marks highlighted.

Article text is always HTML-escaped before our own ``<mark>`` tags are added,
so nothing an article contains is ever rendered as markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

import pandas as pd
import streamlit as st

from analysis.wording import plural
from ui.literal import md

MARK_STYLES = {
    "term": "background:#fde68a",
    "mention": "background:#bfdbfe",
    "quote": "background:#e9d5ff",
    "cue": "background:#fecaca;font-weight:600",
    "speaker": "background:#bbf7d0;font-weight:600",
    "shared": "background:#fde68a",
    "paraphrased": "background:#fef3c7",
    "furniture": "background:none;color:#94a3b8;text-decoration:line-through",
    "dimmed": "background:none;color:#94a3b8",
}
_BLOCK = (
    "border-left:3px solid #cbd5e1;padding:0.35rem 0.75rem;margin:0.35rem 0;"
    "font-size:0.95rem;line-height:1.5"
)


def highlight(text: str, marks: Iterable[tuple[int, int, str]] = ()) -> str:
    """``text`` as escaped HTML with ``(start, end, kind)`` spans wrapped in marks.

    Overlapping marks are clipped so the result is always well-formed.
    """
    pieces, cursor = [], 0
    for start, end, kind in sorted(marks):
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        style = MARK_STYLES.get(kind, MARK_STYLES["term"])
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(
            f'<mark title="{html.escape(kind)}" style="{style}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


def pattern_marks(text: str, pattern: re.Pattern[str] | None, kind: str = "term") -> list:
    """Marks for every match of ``pattern`` in ``text``."""
    if pattern is None:
        return []
    return [(m.start(), m.end(), kind) for m in pattern.finditer(text) if m.end() > m.start()]


def show_sentences(
    sentences: pd.DataFrame,
    pattern: re.Pattern[str] | None = None,
    limit: int = 200,
    group_by: str | None = "outlet",
) -> None:
    """Show sentences (columns outlet, article title or id, text) with ``pattern`` marked."""
    if sentences.empty:
        st.caption("No sentences.")
        return
    shown = sentences.head(limit)
    groups = shown.groupby(group_by, sort=True) if group_by else [(None, shown)]
    for name, group in groups:
        if name is not None:
            st.markdown(f"**{md(name)}** · {plural(len(group), 'sentence')}")
        st.html("".join(_block(row, pattern) for row in group.itertuples()))
    if len(sentences) > limit:
        st.caption(f"Showing the first {limit:,} of {len(sentences):,} sentences.")


def _block(row, pattern: re.Pattern[str] | None) -> str:
    source = html.escape(f"{row.outlet} · {getattr(row, 'title', '') or row.article_id}")
    body = highlight(row.text, pattern_marks(row.text, pattern))
    return f'<div style="{_BLOCK}">{body}<br><small style="color:#64748b">{source}</small></div>'


def show_text(text: str, marks: Sequence[tuple[int, int, str]] = (), height: int | None = None):
    """A whole passage or article with marks, paragraphs kept."""
    body = highlight(text, marks).replace("\n", "<br>")
    style = _BLOCK + (f";max-height:{height}px;overflow-y:auto" if height else "")
    st.html(f'<div style="{style}">{body}</div>')
