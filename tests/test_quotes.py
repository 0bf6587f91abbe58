"""Rule-level tests of the quote extractor on small hand-written texts."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from analysis.quotes import Quote, extract_quotes
from analysis.speakers import Speaker, SpeakerRegistry

ROOT = Path(__file__).resolve().parents[1]

REGISTRY = SpeakerRegistry(
    [
        Speaker(
            "Ana Lindqvist",
            ("Lindqvist", "President Lindqvist"),
            "Europe/NATO",
            "Swedish president; Swedish leader",
        ),
        Speaker("Omar Haddad", ("Haddad",), "International", "Jordanian foreign minister"),
        Speaker(
            "the Kremlin",
            ("Kremlin",),
            "Russia",
            "organisation: Russian presidential administration",
        ),
        Speaker("BBC", ("the BBC",), "Media", "outlet: British public broadcaster"),
        Speaker("Reuters", (), "Media", "outlet: news agency"),
        Speaker(
            "US government",
            ("U.S.", "the United States"),
            "US",
            "organisation: government of the United States",
        ),
    ]
)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Every non-empty line is a paragraph."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def quotes(text: str) -> list[Quote]:
    found = extract_quotes(text, paragraphs(text), REGISTRY)
    for q in found:
        assert text[q.start : q.end] == q.text
    return found


def test_curly_full_quote_with_name_after_cue():
    text = "“We will not give up an inch of our land,” said Maria Olsen, a senior official."
    [q] = quotes(text)
    assert (q.kind, q.text, q.speaker, q.attribution, q.cue) == (
        "full",
        "We will not give up an inch of our land",
        "Maria Olsen",
        "explicit",
        "said",
    )
    assert text[q.mention_start : q.mention_end] == "Maria Olsen"


def test_straight_quotes_and_name_before_cue_with_colon():
    text = 'Foreign Minister Omar Haddad told reporters: "The talks were useful and frank."'
    [q] = quotes(text)
    assert (q.kind, q.speaker, q.cue) == ("full", "Omar Haddad", "told")


def test_agency_single_quotes_keep_apostrophes_inside():
    text = "‘We don’t accept Lindqvist’s terms, and the region’s leaders know it,’ Haddad said."
    [q] = quotes(text)
    assert q.text == "We don’t accept Lindqvist’s terms, and the region’s leaders know it"
    assert q.speaker == "Omar Haddad"


def test_apostrophes_alone_make_no_quote():
    assert quotes("Lindqvist’s plan won’t pass, officials’ aides think.") == []


def test_interrupted_quote_gives_two_attributed_pieces():
    text = "“The plan is dead,” Haddad said, “and nobody will revive it this year.”"
    first, second = quotes(text)
    assert first.text == "The plan is dead"
    assert second.text == "and nobody will revive it this year."
    assert first.speaker == second.speaker == "Omar Haddad"
    assert second.kind == "full"


def test_quote_spanning_paragraphs_gives_one_piece_per_paragraph():
    text = (
        "“The first point is a ceasefire along the current line.\n\n"
        "“The second point is an exchange of prisoners,” Lindqvist said."
    )
    first, second = quotes(text)
    assert first.text == "The first point is a ceasefire along the current line."
    assert second.text == "The second point is an exchange of prisoners"
    assert first.speaker == second.speaker == "Ana Lindqvist"


def test_he_added_is_carried_from_the_last_named_person():
    text = (
        "“We are ready to talk,” President Lindqvist said on Monday.\n\n"
        "“But not at any price,” she added."
    )
    _, second = quotes(text)
    assert (second.speaker, second.attribution, second.speaker_mention) == (
        "Ana Lindqvist",
        "carried",
        "she",
    )


def test_role_is_carried_to_the_named_person_whose_role_fits():
    text = (
        "Lindqvist met Haddad in Amman on Monday.\n\n“We share one goal,” the Swedish leader said."
    )
    [q] = quotes(text)
    assert (q.speaker, q.attribution) == ("Ana Lindqvist", "carried")


def test_pronoun_with_nobody_named_before_stays_unknown():
    [q] = quotes("“It is over,” he said.")
    assert (q.speaker, q.attribution, q.speaker_mention) == (None, "none", "he")


def test_missing_closing_quote_runs_to_paragraph_end():
    text = "Haddad said: “We will meet again next week in Geneva\n\nThe talks ended late."
    [q] = quotes(text)
    assert q.text == "We will meet again next week in Geneva"
    assert q.speaker == "Omar Haddad"


def test_told_reuters_makes_reuters_the_recipient():
    text = "“Sanctions are not working,” a senior diplomat told Reuters."
    [q] = quotes(text)
    assert q.speaker is None
    assert q.speaker_mention == "a senior diplomat"


def test_per_the_bbc_makes_the_bbc_the_source():
    text = "Officials had “serious doubts about the deal,” per the BBC."
    [q] = quotes(text)
    assert (q.kind, q.speaker) == ("partial", "BBC")


def test_according_to_reuters_indirect():
    text = "The convoy reached the city late on Sunday, according to Reuters."
    [q] = quotes(text)
    assert (q.kind, q.text, q.speaker) == (
        "indirect",
        "The convoy reached the city late on Sunday",
        "Reuters",
    )


def test_organisation_as_speaker():
    text = "“The talks were constructive,” the Kremlin said in a statement."
    [q] = quotes(text)
    assert (q.speaker, q.attribution) == ("the Kremlin", "explicit")


def test_abbreviations_near_quotes_do_not_split_sentences():
    text = (
        "The U.S. envoy arrived on Feb. 3 in Kyiv. “We are here to listen,” "
        "said Gen. Mark Dunford, who leads the mission."
    )
    [q] = quotes(text)
    assert (q.kind, q.speaker) == ("full", "Mark Dunford")


def test_scare_quotes_have_no_speaker():
    text = "The so-called “peace plan” has little detail and few supporters."
    [q] = quotes(text)
    assert (q.kind, q.text, q.speaker, q.attribution) == ("partial", "peace plan", None, "none")


def test_partial_quote_attributed_to_the_subject_of_the_cue():
    text = "Lindqvist called the visit “a turning point” while Haddad described it as “premature.”"
    first, second = quotes(text)
    assert (first.kind, first.speaker) == ("partial", "Ana Lindqvist")
    assert (second.kind, second.speaker) == ("partial", "Omar Haddad")


def test_indirect_speech_said_that():
    text = "Haddad said on Tuesday that the border crossing would reopen within days."
    [q] = quotes(text)
    assert (q.kind, q.text, q.speaker) == (
        "indirect",
        "the border crossing would reopen within days",
        "Omar Haddad",
    )


def test_indirect_speech_with_speaker_after_clause():
    text = "The border crossing will reopen within days, a government spokesman said."
    [q] = quotes(text)
    assert (q.kind, q.text, q.speaker) == (
        "indirect",
        "The border crossing will reopen within days",
        None,
    )


def test_joint_speakers_give_no_single_speaker():
    text = "Lindqvist and Haddad both praised the “new spirit” of the talks."
    [q] = quotes(text)
    assert q.speaker is None


def test_unknown_surname_merges_with_full_name_in_article():
    text = (
        "“We were surprised,” said Jonas Berg, a local trader.\n\n"
        "Prices rose again on Friday.\n\n"
        "“Nobody expected this,” Berg said."
    )
    first, second = quotes(text)
    assert first.speaker == second.speaker == "Jonas Berg"


def test_paragraph_offsets_are_honoured():
    text = "HEADLINE “not a quote”\n\nBody: “We are ready to talk,” Haddad said."
    body = text.index("Body")
    found = extract_quotes(text, [(body, len(text))], REGISTRY)
    assert [q.text for q in found] == ["We are ready to talk"]


@pytest.mark.parametrize("size", [50, 400])
def test_time_grows_linearly(size):
    unit = "“We are ready,” Haddad said. The talks went on, officials said.\n\n"
    text = unit * size
    found = extract_quotes(text, paragraphs(text), REGISTRY)
    assert len(found) == 2 * size


def test_gold_scores_stay_above_floors():
    spec = importlib.util.spec_from_file_location("quotes_gold", ROOT / "bench" / "quotes_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    results = module.score()
    assert results["full"]["precision"] >= 0.93
    assert results["full"]["recall"] >= 0.93
    assert results["full"]["speaker_accuracy"] >= 0.92
    assert results["partial"]["f1"] >= 0.90
    assert results["indirect"]["precision"] >= 0.90
    assert results["all"]["f1"] >= 0.88
    assert results["all"]["speaker_accuracy"] >= 0.82
