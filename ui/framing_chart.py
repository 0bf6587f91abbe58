"""The Framing page's outlet × target heat map: weak cells faded, numbers never "-0.00"."""

from __future__ import annotations

import html
import math
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

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


def hover_text(row: pd.Series) -> str:
    """One cell's hover: every component and the counts, flagged when few mentions."""
    flag = " (few mentions: faded)" if row["low_count"] else ""
    return (
        f"<b>{html.escape(row['outlet'])} · {html.escape(row['target'])}</b>{flag}<br>"
        f"score {signed(row['score'])} (reads {row['stance']}) · tone {signed(row['tone'])} · "
        f"loaded {signed(row['loaded_polarity'])} · distancing {plain(row['distancing_rate'])}<br>"
        f"{row['mentions']} mention(s), {row['narrated_mentions']} in narration · voice share "
        + ("–" if pd.isna(row["voice_share"]) else f"{row['voice_share']:.0%}")
    )


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
    hover = table.assign(h=table.apply(hover_text, axis=1)).pivot(
        index="target", columns="outlet", values="h"
    )
    cells = values.copy().astype(object)
    for r in values.index:
        for c in values.columns:
            v, n = values.at[r, c], counts.at[r, c]
            few = " (few)" if low.at[r, c] and n else ""
            cells.at[r, c] = f"{fmt(v)}<br>n={int(n)}{few}"
    faded = component != "narrated_mentions"
    strong = values.where(~low) if faded else values
    scale = "RdBu" if signed_scale else "Purples"
    fig = heatmap(
        strong,
        hover.reindex_like(values),
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
        text=(cells.where(~low, "") if faded else cells).to_numpy(), zmin=zmin, zmax=zmax, zmid=None
    )
    if faded:
        faint = go.Heatmap(
            z=values.where(low).to_numpy(dtype=float),
            x=fig.data[0].x,
            y=fig.data[0].y,
            text=cells.where(low, "").to_numpy(),
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
