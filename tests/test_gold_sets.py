"""The hand-labelled quote sets are well formed: a broken span would silently skew every
figure the quote bench prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GOLD = Path(__file__).parent / "gold"
SETS = sorted(GOLD.glob("quotes*.jsonl"))
KINDS = {"full", "partial", "indirect"}


def _excerpts(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("path", SETS, ids=[p.name for p in SETS])
def test_every_quote_span_holds_its_text(path: Path):
    excerpts = _excerpts(path)
    assert excerpts
    for excerpt in excerpts:
        for quote in excerpt["quotes"]:
            assert quote["kind"] in KINDS, (excerpt["id"], quote)
            assert 0 <= quote["start"] < quote["end"] <= len(excerpt["text"])
            assert excerpt["text"][quote["start"] : quote["end"]] == quote["text"], excerpt["id"]


def test_the_outlets_of_the_newer_sets_are_in_no_other_set():
    """dev2, dev3 and the unseen set each come from outlets of their own."""
    outlets = {p.name: {e["outlet"] for e in _excerpts(p)} for p in SETS}
    for name in ("quotes_dev2.jsonl", "quotes_dev3.jsonl", "quotes_unseen.jsonl"):
        others = set().union(*(o for n, o in outlets.items() if n != name))
        assert not outlets[name] & others, name
