"""Reported speech (quotes without marks): one general construction of news writing per test."""

from __future__ import annotations

import re

from analysis.voices.quotes import extract_quotes
from analysis.voices.speakers import Speaker, SpeakerRegistry

REGISTRY = SpeakerRegistry(
    [Speaker("Omar Haddad", ("Haddad",), "International", "Jordanian foreign minister")]
)


def indirect(text: str) -> list[tuple[str, str | None]]:
    """The reported clauses of a one-paragraph text with their speakers."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    found = extract_quotes(text, paragraphs, REGISTRY)
    assert all(text[q.start : q.end] == q.text for q in found)
    return [(q.text, q.speaker) for q in found if q.kind == "indirect"]


def test_a_conjunction_before_according_to_keeps_the_source():
    text = "But according to Haddad, the border crossing will reopen next spring."
    assert indirect(text) == [("the border crossing will reopen next spring", "Omar Haddad")]


def test_a_relative_clause_reports_for_a_name_that_is_an_object():
    text = (
        "The delay was criticised by Lena Marsh, an official at the embassy, who said "
        "she had heard the call on the phone."
    )
    assert indirect(text) == [("she had heard the call on the phone", "Lena Marsh")]


def test_a_relative_clause_reports_for_a_name_after_of():
    text = (
        "Nobody disputed the testimony of Lena Marsh, a senior embassy official, who said "
        "she had heard the call on the phone."
    )
    assert indirect(text) == [("she had heard the call on the phone", "Lena Marsh")]


def test_a_relative_clause_reports_for_a_group_with_no_speaker():
    text = "The plan drew criticism from neighbouring states, which say the dam will dry the river."
    assert indirect(text) == [("the dam will dry the river", None)]


def test_a_relative_clause_after_a_thing_reports_nothing():
    assert indirect("She visited the old house, which says a lot about the town.") == []


def test_a_source_named_last_reports_again_in_a_relative_clause():
    text = (
        "Records are harder to get, according to reporters as well as counsel Jo Brandt, "
        "who says the problem reaches down to high schools."
    )
    assert indirect(text) == [
        ("Records are harder to get", None),  # several sources: no one speaker
        ("the problem reaches down to high schools", "Jo Brandt"),
    ]


def test_a_passive_report_with_an_agent_has_no_speaker():
    text = "It's widely agreed by the reporters who cover the city that its records are the worst."
    assert indirect(text) == [("its records are the worst", None)]


def test_speech_told_to_the_subject_is_reported_by_nobody_named():
    text = "The tenants were told they would have to leave by the end of the month."
    assert indirect(text) == [("they would have to leave by the end of the month", None)]


def test_the_agent_of_told_is_the_speaker():
    text = "The workers were told by Haddad that the plant would close in the spring."
    assert indirect(text) == [("the plant would close in the spring", "Omar Haddad")]


def test_a_closing_i_was_told_reports_the_sentence_before():
    text = "To rent the flat, I would have to pay three months in advance, I was told."
    assert indirect(text) == [
        ("To rent the flat, I would have to pay three months in advance", None)
    ]


def test_told_before_an_order_reports_nothing():
    assert indirect("He was told to leave the building at once by the guards.") == []


def test_an_unnamed_source_reports_the_clause_after_its_verb():
    text = "A person familiar with the talks said the company sent its offer on Friday night."
    assert indirect(text) == [("the company sent its offer on Friday night", None)]


def test_a_plain_subject_before_a_clause_without_a_verb_of_its_own_reports_nothing():
    assert indirect("Her neighbour said the prayers over the grave on Friday night.") == []


def test_still_and_more_often_between_subject_and_verb():
    text = "Nearly half of the tenants still said they had not been paid for the work."
    assert indirect(text) == [("they had not been paid for the work", None)]
    text = "Haddad more often stated that the border talks were going nowhere."
    assert indirect(text) == [("the border talks were going nowhere", "Omar Haddad")]


def test_the_court_is_the_court_named_before():
    text = (
        "Justice Keith Blackwell sits on the Georgia Supreme Court. Then the court announced "
        "on Friday that Blackwell is resigning from the bench."
    )
    assert indirect(text) == [("Blackwell is resigning from the bench", "Georgia Supreme Court")]


def test_the_company_with_no_company_named_is_nobody():
    text = (
        "Shares fell in Tokyo. The company announced that it would close the plant in the spring."
    )
    assert indirect(text) == [("it would close the plant in the spring", None)]


def test_according_to_a_person_and_an_appositive_reports_the_clause_after():
    text = (
        "But according to Haddad, the foreign minister of Jordan, the border talks "
        "have stalled again."
    )
    assert indirect(text) == [("the border talks have stalled again", "Omar Haddad")]


def test_according_to_keeps_a_clause_opened_by_a_thing_set_off_by_commas():
    text = "According to Haddad, the plan, drawn up in May, will fail within a year."
    assert indirect(text) == [("the plan, drawn up in May, will fail within a year", "Omar Haddad")]


def test_a_place_before_who_is_no_speaker():
    text = (
        "The finding contradicts Democrats on Capitol Hill, who argue that the groups were hit too."
    )
    assert indirect(text) == []


def test_announced_with_a_date_then_that_reports_the_clause():
    text = "Haddad announced April 28 that the border crossing would reopen in June."
    assert indirect(text) == [("the border crossing would reopen in June", "Omar Haddad")]


def test_announced_without_that_reports_nothing():
    assert indirect("He first announced the run in a long email on Thursday.") == []


def test_a_subject_holding_a_verb_of_speech_is_no_plain_subject():
    text = "The Chinese announced the tariffs after Trump warned them not to take any action."
    assert indirect(text) == []


def test_told_to_do_something_reports_nothing():
    assert indirect("The players were told to return to the locker rooms at once.") == []


def test_according_to_a_group_keeps_a_clause_opened_by_a_role():
    text = "According to these sources, the head of the office, Abu Jihad, was arrested at dawn."
    assert indirect(text) == [("the head of the office, Abu Jihad, was arrested at dawn", None)]


def test_a_subject_after_an_opening_phrase_keeps_its_comma_aside():
    text = (
        "Lena Marsh ran the agency for a decade. In those years, Marsh, as its director, "
        "said she was sure the plan would pay for itself."
    )
    assert indirect(text) == [("she was sure the plan would pay for itself", "Lena Marsh")]


def test_words_addressed_to_a_body_are_not_its_words():
    text = "The firm spent $2 million on lobbying, according to filings to the Federal Trade Board."
    paragraphs = [(0, len(text))]
    [quote] = extract_quotes(text, paragraphs, REGISTRY)
    assert (quote.speaker, quote.speaker_mention) == (
        None,
        "filings to the Federal Trade Board",
    )


def test_a_letter_written_to_someone_is_no_reported_speech():
    text = "Two senators wrote Haddad a letter on Friday asking about the border closure."
    assert indirect(text) == []
    text = "Two senators wrote the border closure had cost the region a year of trade."
    assert indirect(text) == [("the border closure had cost the region a year of trade", None)]


def test_a_publication_reports_what_it_reported():
    text = "The bridge was closed for most of the night, the Tidewater Times reported."
    assert indirect(text) == [("The bridge was closed for most of the night", "Tidewater Times")]


def test_a_broadcasters_name_keeps_its_channel_number():
    text = "The storm will reach the coast on Friday, according to Fox 35 Orlando."
    assert indirect(text) == [("The storm will reach the coast on Friday", "Fox 35 Orlando")]
    text = "The road was closed for hours, according to WFTV 9 News."
    assert indirect(text) == [("The road was closed for hours", "WFTV 9 News")]
    text = "Officials closed 12 Miles Road for the night, Omar Haddad said."
    assert indirect(text) == [("Officials closed 12 Miles Road for the night", "Omar Haddad")]


def test_quoted_as_saying_credits_the_one_quoted_not_the_outlet():
    text = (
        "His spokesman, Dmitry Peskov, was quoted by the Kommersant daily Monday as saying that "
        "the talks were difficult."
    )
    assert indirect(text) == [("the talks were difficult", "Dmitry Peskov")]
