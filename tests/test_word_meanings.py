"""Soft word evidence: the synonym table and how its matches are counted."""

from __future__ import annotations

from analysis.overlap.word_meanings import SYNONYMS, WORD_SYNONYMS, meanings, soft_shared


def test_table_keeps_wordnet_licence_and_joins_news_paraphrases():
    head = WORD_SYNONYMS.read_text(encoding="utf-8")[:600]
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in head
    assert SYNONYMS["killed"] & SYNONYMS["died"]
    assert SYNONYMS["accused"] & SYNONYMS["accusation"]
    assert SYNONYMS["nominated"] & SYNONYMS["nomination"]
    assert not SYNONYMS["killed"] & SYNONYMS["accused"]


def test_one_word_matched_twice_counts_once():
    a = meanings([("killed", "killed")])
    b = meanings([("died", "died"), ("death", "death")])
    assert soft_shared(a, b, frozenset()) == 1


def test_excluded_stems_give_no_soft_evidence():
    a = meanings([("killed", "killed"), ("accused", "accuse")])
    b = meanings([("died", "died"), ("accusation", "accusa")])
    assert soft_shared(a, b, frozenset()) == 2
    assert soft_shared(a, b, frozenset({"died"})) == 1


def test_words_the_table_does_not_know_have_no_meanings():
    assert meanings([("zzqx", "zzqx")]) == ()
