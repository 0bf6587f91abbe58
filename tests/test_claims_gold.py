"""The claims bench's sentence matching: a gold sentence and the tool's sentence that is it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "claims_gold.py"


def _claims_bench():
    spec = importlib.util.spec_from_file_location("claims_gold", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["claims_gold"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


GOLD = (
    "More: Trump will meet with Xi during the G-20 summit. "
    "Stocks tumbled following China's announcement of new tariffs on Monday."
)


def test_a_sentence_matches_itself_and_its_respaced_copy():
    bench = _claims_bench()
    assert bench.same_sentence(GOLD, GOLD)
    assert bench.same_sentence(GOLD, GOLD.replace(" ", "\n  "))


def test_a_sentence_matches_a_longer_one_that_holds_it_with_little_more():
    bench = _claims_bench()
    sentence = "Stocks tumbled following China's announcement of new tariffs on Monday."
    assert bench.same_sentence(sentence, f"UPDATE {sentence}")


def test_a_short_piece_of_a_long_sentence_is_not_that_sentence():
    bench = _claims_bench()
    assert not bench.same_sentence(GOLD, ".")
    assert not bench.same_sentence(GOLD, "More: Trump will meet")
    assert not bench.same_sentence("Click here for more.", f"Click here for more. {GOLD}")
