"""Epithets standing for the person named before: 'the Kentucky lawmaker', like 'he'."""

from __future__ import annotations

import re

from analysis.voices.quotes import extract_quotes


def speakers(text: str) -> list[tuple[str, str | None]]:
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return [(q.text, q.speaker) for q in extract_quotes(text, paragraphs)]


def test_a_place_and_a_lawmakers_role_stand_for_the_person_named_before():
    text = (
        "Senator Jo Pruitt spoke to the chamber on Monday. The Ohio lawmaker declared that "
        "voters had an “obligation” to turn out."
    )
    assert speakers(text) == [("obligation", "Jo Pruitt")]


def test_a_lawmaker_with_no_place_is_no_epithet():
    text = (
        "Senator Jo Pruitt spoke to the chamber on Monday. Another lawmaker declared that "
        "voters had an “obligation” to turn out."
    )
    assert speakers(text) == [("obligation", None)]


def test_a_pronoun_clause_goes_to_a_subject_set_off_by_an_aside():
    text = "Senate leader Jo Pruitt, R-Ohio, also erred when she pledged: “Nobody will lose a job.”"
    assert speakers(text) == [("Nobody will lose a job.", "Jo Pruitt")]
