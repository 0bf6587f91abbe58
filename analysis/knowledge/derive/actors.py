"""Story-independent actors: countries, blocs, parties and international bodies.

``analysis/defaults/actors.csv`` (``name,kind,aliases,side``) lists the
actors whose names no corpus has to teach: "Chinese", "Beijing" and "PRC"
name China; "GOP" and "Republicans" the Republican party. Derived targets
merge their variants through it, and speakers' sides are read from it
("a Kremlin spokesman" speaks for Russia). Aliases ending in ``-`` are party
tags ("(R-Texas)") used only as side evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis.knowledge.files import read_table

DEFAULT_ACTORS = Path(__file__).resolve().parents[2] / "defaults" / "actors.csv"
ACTOR_COLUMNS = ("name", "kind", "aliases", "side")


@dataclass(frozen=True)
class Actor:
    """A well-known actor: canonical name, kind, the words that name it, the side it is."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    side: str

    @property
    def names(self) -> tuple[str, ...]:
        """The aliases that can stand in a text as a name (not the party tags)."""
        return tuple(a for a in self.aliases if not a.endswith("-"))

    @property
    def tags(self) -> tuple[str, ...]:
        """Party tags such as ``R-`` in "(R-Texas)"."""
        return tuple(a for a in self.aliases if a.endswith("-"))


@cache
def load_actors(path: Path = DEFAULT_ACTORS) -> tuple[Actor, ...]:
    """The actors of ``path``; rows without a name or side are skipped."""
    rows, _ = read_table(path, ("name", "kind", "side"), ("aliases",))
    return tuple(
        Actor(
            row["name"],
            row["kind"],
            tuple(a.strip() for a in (row["aliases"] or row["name"]).split("|") if a.strip()),
            row["side"],
        )
        for row in rows
    )


def alias_index(actors: tuple[Actor, ...]) -> dict[str, Actor]:
    """Every name alias (as written) and the actor it names."""
    index: dict[str, Actor] = {}
    for actor in actors:
        for alias in (actor.name, *actor.names):
            index.setdefault(alias, actor)
    return index
