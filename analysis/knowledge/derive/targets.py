"""Framing targets from the corpus: the actors its articles talk about most.

Entities (:mod:`analysis.knowledge.derive.entities`) are ranked by their mentions as
actors (not as a place: "in Florida" does not count) weighted by the share
of outlets that mention them, so that the actor every outlet writes about
outranks one outlet's favourite. Each target's patterns are the variants
that found it, matched case-sensitively ("Brown" is not "brown").
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.knowledge.derive.entities import Entities

TARGET_ROWS = 10
MIN_ACTOR_MENTIONS = 2
DERIVED_TARGET_COLUMNS = [
    "target", "kind", "patterns", "affiliation", "places", "mentions", "outlets", "articles",
]  # fmt: skip


def derive_targets(entities: Entities, top: int = TARGET_ROWS) -> pd.DataFrame:
    """The ``top`` entities by actor mentions x share of outlets, with their patterns."""
    table = entities.table
    if table.empty:
        return pd.DataFrame(columns=DERIVED_TARGET_COLUMNS)
    n_outlets = max(entities.mentioning_outlets(), 1)
    actor = table["mentions"] - table["located"]
    ranked = table.assign(actor=actor, rank_score=actor * table["outlets"] / n_outlets).sort_values(
        ["rank_score", "mentions", "entity"], ascending=[False, False, True]
    )
    chosen = ranked[(ranked["actor"] >= MIN_ACTOR_MENTIONS) & (ranked["actor"] > ranked["located"])]
    chosen = chosen.head(top)
    return pd.DataFrame(
        {
            "target": chosen["entity"],
            "kind": chosen["kind"],
            "patterns": [target_pattern(v) for v in chosen["variants"]],
            "affiliation": [
                side or (entity if kind != "person" else "")
                for entity, kind, side in zip(chosen["entity"], chosen["kind"], chosen["side"])
            ],
            "places": "",
            "mentions": chosen["actor"].astype(int),
            "outlets": chosen["outlets"].astype(int),
            "articles": chosen["articles"].astype(int),
        }
    ).reset_index(drop=True)


def target_pattern(variants: tuple[str, ...]) -> str:
    """A case-sensitive alternation of the variants, longest first.

    A final period is left out ("U.S." -> ``U\\.S``): no word boundary can follow it.
    """
    parts = [
        re.escape(v.removesuffix(".") if v.endswith(".") else v).replace(r"\ ", r"\s+")
        for v in sorted(set(variants), key=lambda v: (-len(v), v))
    ]
    return "(?-i:" + "|".join(parts) + ")"
