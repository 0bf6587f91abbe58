"""Chart and table helpers shared by the pages: one look, one way to export."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.colors import qualitative

from ui.literal import plot

PALETTE = qualitative.Safe + qualitative.Vivid
FONT = dict(family="Source Sans Pro, sans-serif", size=13)
# st.plotly_chart(config=PLOTLY): no Plotly toolbar, which covers labels on a phone (every
# chart has a CSV export, and Streamlit's own toolbar still opens it full screen)
PLOTLY = {"displayModeBar": False}
ROW_HEIGHT = 36
"""Pixels per heat-map row: room for a label of two lines."""


def outlet_colors(outlets: list[str]) -> dict[str, str]:
    """A stable colour per outlet (sorted order), the same on every page."""
    return {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(sorted(outlets))}


def style(fig: go.Figure, height: int = 420, **layout) -> go.Figure:
    """The house style: white background, readable fonts, room for labels."""
    fig.update_layout(
        template="plotly_white",
        font=FONT,
        height=height,
        margin=layout.pop("margin", dict(l=10, r=10, t=30, b=10)),
        # a legend above the plot, not beside it: beside, it takes a phone's width
        legend=layout.pop("legend", dict(orientation="h", x=0, y=1.02, yanchor="bottom")),
        hoverlabel=dict(font_size=13),
        **layout,
    )
    return fig


def download(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    label: str = "Download this table (CSV)",
) -> None:
    """A CSV download of exactly the rows and columns shown, written when it is clicked
    (a long table costs nothing on the page runs that do not download it). ``frame`` may
    be a function that makes the table, so that its text is looked up only then."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    make = frame if callable(frame) else lambda: frame
    st.download_button(
        label,
        lambda: make().to_csv(index=False).encode("utf-8"),
        file_name=f"coverage-lens-{slug}.csv",
        mime="text/csv",
        key=f"download-{slug}",
        icon=":material/download:",
    )


def wrap(label: str, width: int = 16, lines: int | None = None) -> str:
    """Break a long axis label onto several lines (plotly's ``<br>``), at most ``lines``.

    The label is data: its own ``<``, ``>`` and ``&`` are escaped (:func:`ui.literal.plot`).
    """
    parts = textwrap.wrap(str(label), width, break_long_words=False) or [str(label)]
    if lines and len(parts) > lines:
        parts = [
            *parts[: lines - 1],
            textwrap.shorten(" ".join(parts[lines - 1 :]), width, placeholder=" …"),
        ]
    return "<br>".join(plot(part) for part in parts)


def heatmap(
    values: pd.DataFrame,
    hover: pd.DataFrame,
    colorbar: str,
    text_format: str = "{:.0%}",
    colorscale: str = "Blues",
    zmid: float | None = None,
    height: int | None = None,
    tickformat: str | None = None,
    row_wrap: int = 22,
    clickable: bool = False,
) -> go.Figure:
    """A labelled heat map: rows x columns of ``values``, ``hover`` text per cell.

    The colour scale starts at 0 (or is centred on ``zmid``) so colours compare
    across selections; ``tickformat`` formats the colour bar (".0%" for shares).
    ``clickable`` lays an almost invisible marker on every cell, since Streamlit
    reports clicks on markers but not on heat-map cells (read them with
    :func:`clicked_cell`).
    """
    text = values.map(lambda v: "" if pd.isna(v) else text_format.format(v))
    # one line each: plotly turns them upright when they do not fit side by side
    columns = [wrap(c, 200) for c in values.columns]
    rows = [wrap(i, row_wrap, lines=2) for i in values.index]  # the full label is on hover
    fig = go.Figure(
        go.Heatmap(
            z=values.to_numpy(dtype=float),
            x=columns,
            y=rows,
            text=text.to_numpy(),
            texttemplate="%{text}",
            customdata=hover.to_numpy(),
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=colorscale,
            zmid=zmid,
            zmin=None if zmid is not None else 0,
            zmax=None if zmid is not None else max(float(values.max().max()), 1e-9),
            # below the cells, not beside them: on a phone the cells keep the width
            colorbar=dict(
                title=dict(text=colorbar, side="top"),
                orientation="h",
                y=-0.02,
                yanchor="top",
                thickness=12,
                len=1,
                tickformat=tickformat,
            ),
            xgap=2,
            ygap=2,
        )
    )
    if clickable:
        fig.add_trace(
            go.Scatter(
                x=[c for _ in rows for c in columns],
                y=[r for r in rows for _ in columns],
                mode="markers",
                marker=dict(symbol="square", size=28, opacity=0.01, color="#000"),
                customdata=hover.to_numpy().ravel(),
                hovertemplate="%{customdata}<extra></extra>",
                showlegend=False,
            )
        )
        fig.update_layout(clickmode="event+select", dragmode=False)
    many = len(values.columns) > 10
    upright = len(values.columns) > 3
    fig.update_xaxes(
        side="top",
        # upright labels clear each other on a phone's narrow columns and take no width
        # (slanted ones overprint, or push the plot aside to fit the last one)
        tickangle=-90 if upright else None,
        automargin=True,
        tickfont_size=10 if many else 12,
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    # upright column labels take the figure's height from its cells, so it grows by them
    longest = max((len(str(c)) for c in values.columns), default=0)
    header = (6 if many else 7) * longest if upright else 30
    return style(fig, (height or max(300, ROW_HEIGHT * len(values.index) + header + 110)) + 70)


def clicked_cell(event, key: str) -> tuple[str, str] | None:
    """The (column, row) labels of a heat-map cell just clicked, once per click.

    The chart keeps reporting its selection on later reruns; remembering the last
    click under ``key`` lets the widgets it set be changed by hand afterwards.
    """
    points = event.selection.points if event and event.selection else []
    if not points:
        return None
    cell = tuple(html.unescape(str(points[0][axis]).replace("<br>", " ")) for axis in ("x", "y"))
    if cell == st.session_state.get(key):
        return None
    st.session_state[key] = cell
    return cell
