"""The Framing page's outlet × target heat map: weak cells faded, numbers never "-0.00"."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.wording import plural
from ui.charts import heatmap

FAINT_OPACITY = 0.3


def signed(value: float, digits: int = 2) -> str:
    """``+0.42`` / ``-0.42``; what rounds to zero is ``0.00`` (never ``-0.00``); NaN ``–``."""
    if value is None or pd.isna(value):
        return "–"
    rounded = round(float(value), digits)
    return f"{0:.{digits}f}" if rounded == 0 else f"{rounded:+.{digits}f}"


def plain(value: float, digits: int = 2) -> str:
    """An unsigned figure (a rate) with no negative zero; NaN ``–``."""
    if value is None or pd.isna(value):
        return "–"
    return f"{round(float(value), digits) + 0.0:.{digits}f}"


def shown_targets(table: pd.DataFrame, order: list[str]) -> tuple[list[str], list[str]]:
    """Targets (in ``order``) mentioned somewhere in ``table``, and those mentioned nowhere."""
    mentioned = set(table.loc[table["mentions"] > 0, "target"])
    return [t for t in order if t in mentioned], [t for t in order if t not in mentioned]


def busiest_cell(table: pd.DataFrame) -> tuple[str, str] | None:
    """The (outlet, target) with the most narrated mentions (then mentions), or None."""
    ranked = table[table["mentions"] > 0].sort_values(
        ["narrated_mentions", "mentions", "outlet", "target"],
        ascending=[False, False, True, True],
        kind="stable",
    )
    if ranked.empty:
        return None
    top = ranked.iloc[0]
    return str(top["outlet"]), str(top["target"])


def hover_text(row: Mapping) -> str:
    """One cell's hover: every component and the counts, flagged when few mentions."""
    flag = " (few mentions: faded)" if row["low_count"] else ""
    return (
        f"<b>{html.escape(row['outlet'])} · {html.escape(row['target'])}</b>{flag}<br>"
        f"score {signed(row['score'])} (reads {row['stance']}) · tone {signed(row['tone'])} · "
        f"loaded {signed(row['loaded_polarity'])} · distancing {plain(row['distancing_rate'])}<br>"
        f"{plural(int(row['mentions']), 'mention')}, {row['narrated_mentions']} in narration · "
        "voice share " + ("–" if pd.isna(row["voice_share"]) else f"{row['voice_share']:.0%}")
    )


def _hover(table: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """Each cell's :func:`hover_text` laid out like ``values`` (one block of objects: a
    frame of one string column per outlet is slow to turn into the figure's array)."""
    texts = np.array([hover_text(row) for row in table.to_dict("records")] + [None], object)
    at = table.assign(row=np.arange(len(table))).pivot(
        index="target", columns="outlet", values="row"
    )
    at = at.reindex_like(values).fillna(len(table)).to_numpy().astype(int)
    return pd.DataFrame(texts[at], values.index, values.columns, dtype=object)


def framing_heatmap(
    table: pd.DataFrame,
    rows: list[str],
    component: str,
    label: str,
    fmt: Callable[[float], str],
    signed_scale: bool,
) -> go.Figure:
    """Outlet × target heat map of ``component``; cells flagged ``low_count`` faded.

    Trace 0 holds the cells with enough narrated mentions at full colour; a
    second heat-map trace draws the weak cells on the same scale at
    ``FAINT_OPACITY``, so a strong colour always rests on enough sentences
    (the mention count itself is never faded). ``fmt`` turns a value into its cell text.
    """
    values = table.pivot(index="target", columns="outlet", values=component).reindex(rows)
    low = table.pivot(index="target", columns="outlet", values="low_count").reindex(rows)
    low = low.astype(bool).reindex_like(values).fillna(True).astype(bool)
    counts = table.pivot(index="target", columns="outlet", values="narrated_mentions")
    counts = counts.reindex_like(values)
    weak = low.to_numpy()
    texts = [
        f"{fmt(v)}<br>n={int(n)}{' (few)' if few and n else ''}"
        for v, n, few in zip(values.to_numpy().ravel(), counts.to_numpy().ravel(), weak.ravel())
    ]
    cells = np.array(texts, dtype=object).reshape(values.shape)
    faded = component != "narrated_mentions"
    strong = values.where(~low) if faded else values
    scale = "RdBu" if signed_scale else "Purples"
    fig = heatmap(
        strong,
        _hover(table, values),
        label,
        colorscale=scale,
        zmid=0 if signed_scale else None,
        clickable=True,
    )
    if signed_scale:
        zmin, zmax = -1.0, 1.0
    else:
        peak = values.max().max()
        zmin, zmax = 0.0, max(float(peak) if not math.isnan(peak) else 0.0, 1e-9)
    fig.data[0].update(
        text=np.where(weak, "", cells) if faded else cells, zmin=zmin, zmax=zmax, zmid=None
    )
    if faded:
        faint = go.Heatmap(
            z=values.where(low).to_numpy(dtype=float),
            x=fig.data[0].x,
            y=fig.data[0].y,
            text=np.where(weak, cells, ""),
            texttemplate="%{text}",
            colorscale=scale,
            zmin=zmin,
            zmax=zmax,
            opacity=FAINT_OPACITY,
            showscale=False,
            hoverinfo="skip",
            xgap=2,
            ygap=2,
            name="faint",
        )
        fig.add_trace(faint)
        fig.data = (fig.data[0], fig.data[-1], *fig.data[1:-1])  # under the click markers
    return fig
