"""Tables of a build read the first time a view asks for them, not when it is opened.

A page needs a few of a build's tables: the Overview never reads the term
counts, the overlap tables or the framing evidence, so a server opening a build
of ten thousand articles holds only what the pages it drew have used.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.emphasis.terms import TermCounts
from analysis.knowledge.derive.entities import Entities

T = TypeVar("T")


class OnFirstUse(Generic[T]):
    """A value made by ``load`` on the first :meth:`get`, once, also across threads (sessions)."""

    def __init__(self, load: Callable[[], T]) -> None:
        self._load, self._lock = load, threading.Lock()
        self._value: T | None = None
        self._done = False

    def get(self) -> T:
        if not self._done:
            with self._lock:
                if not self._done:
                    self._value, self._done = self._load(), True
        return self._value  # type: ignore[return-value]


class StoredTermCounts(TermCounts):
    """Term counts read from a build when the Keywords view (or a command) first uses them."""

    def __init__(self, load: Callable[[], TermCounts]) -> None:  # no dataclass init: lazy
        object.__setattr__(self, "_stored", OnFirstUse(load))

    @property
    def matrix(self) -> sparse.csr_matrix:  # type: ignore[override]
        return self._stored.get().matrix

    @property
    def terms(self) -> np.ndarray:  # type: ignore[override]
        return self._stored.get().terms

    @property
    def display(self) -> dict[str, str]:  # type: ignore[override]
        return self._stored.get().display


class StoredEntities(Entities):
    """Entities read from a build when derived targets or knowledge drafts first need them:
    the entity table and the (much larger) mentions each on first use of its own."""

    def __init__(  # no dataclass init: lazy
        self,
        table: Callable[[], pd.DataFrame],
        mentions: Callable[[], pd.DataFrame],
        mention_outlets: Callable[[], pd.Series],
    ) -> None:
        object.__setattr__(self, "_table", OnFirstUse(table))
        object.__setattr__(self, "_mentions", OnFirstUse(mentions))
        object.__setattr__(self, "_outlets", OnFirstUse(mention_outlets))

    @property
    def table(self) -> pd.DataFrame:  # type: ignore[override]
        return self._table.get()

    @property
    def mentions(self) -> pd.DataFrame:  # type: ignore[override]
        return self._mentions.get()

    def mentioning_outlets(self) -> int:
        """Counted from the mentions' outlet column alone (they are not read for it)."""
        return int(self._outlets.get().nunique())
