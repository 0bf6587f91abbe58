"""An outlet's own words ('we noted', 'this newspaper wrote') are credited to the outlet."""

from __future__ import annotations

import re

from analysis.voices.quotes import ATTRIBUTIONS, Quote, extract_quotes
from analysis.voices.speakers import Speaker, SpeakerRegistry

REGISTRY = SpeakerRegistry([Speaker("BBC", ("the BBC",), "Media", "outlet: British broadcaster")])


def quotes(text: str, outlet: str = "") -> list[Quote]:
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    found = extract_quotes(text, paragraphs, REGISTRY, outlet=outlet)
    assert all(q.attribution in ATTRIBUTIONS for q in found)
    return found


def test_we_noted_is_the_outlet_with_its_evidence():
    text = "Instead, we noted, the senator came across as “calm and reasonable” on the night."
    [q] = quotes(text, outlet="The Ledger")
    assert (q.speaker, q.attribution, q.speaker_kind) == ("The Ledger", "outlet", "organisation")
    assert (q.cue, q.speaker_mention) == ("noted", "we")
    assert (text[q.cue_start : q.cue_end], text[q.mention_start : q.mention_end]) == ("noted", "we")


def test_without_the_outlet_we_names_nobody():
    text = "Instead, we noted, the senator came across as “calm and reasonable” on the night."
    [q] = quotes(text)
    assert (q.speaker, q.attribution) == (None, "none")


def test_this_newspaper_is_the_outlet():
    text = "The plan was “dead on arrival,” this newspaper wrote at the time."
    [q] = quotes(text, outlet="The Ledger")
    assert (q.speaker, q.attribution) == ("The Ledger", "outlet")


def test_a_writer_asking_is_no_statement_of_the_outlet():
    text = "“How much for a room?” we asked the clerk at the desk."
    [q] = quotes(text, outlet="The Ledger")
    assert q.speaker is None


def test_a_registered_outlet_is_credited_by_its_canonical_name():
    text = "The strike was “a turning point,” we wrote in March."
    [q] = quotes(text, outlet="the BBC")
    assert (q.speaker, q.attribution) == ("BBC", "outlet")


def test_a_named_speaker_is_never_replaced_by_the_outlet():
    text = "The strike was “a turning point,” Mara Quist wrote in March."
    [q] = quotes(text, outlet="The Ledger")
    assert (q.speaker, q.attribution) == ("Mara Quist", "explicit")
