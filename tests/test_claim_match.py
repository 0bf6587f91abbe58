"""Match strength: shared words make one strong claim only when names and numbers agree."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.overlap.claim_match import (
    agree,
    is_news,
    lowercase_words,
    names,
    numbers,
    outlet_words,
    profile,
    profiles_share_event,
    same_event,
    same_fact,
    speaker_named,
    speakers_agree,
    statements_agree,
    topic_words,
    without_news,
)
from analysis.overlap.claims import claims, strengths, with_speakers
from analysis.overlap.compare import align, compare_summary
from analysis.overlap.reuse import reuse_pairs


def sentences(*texts: tuple[str, str]) -> pd.DataFrame:
    """One sentence per (outlet, text), each outlet one article."""
    rows = [
        (f"s{k}", f"art-{outlet}", outlet, text, 0, len(text), 0, 0)
        for k, (outlet, text) in enumerate(texts)
    ]
    columns = ["sentence_id", "article_id", "outlet", "text", "start", "end", "paragraph"]
    return pd.DataFrame(rows, columns=[*columns, "position"])


def strength_of(frame: pd.DataFrame, first: str, second: str) -> str:
    """The strength joining the sentences holding ``first`` and ``second`` ("apart" if none)."""
    table, members = claims(frame)
    claim = members.set_index("text")["claim_id"]
    a = next(c for t, c in claim.items() if first in t)
    b = next(c for t, c in claim.items() if second in t)
    if a != b:
        return "apart"
    return table.set_index("claim_id").loc[a, "strength"]


MATTIS = "Mattis submitted his resignation letter to the president on Thursday"


def test_same_actor_same_letter_is_a_strong_claim():
    frame = sentences(("HuffPost", MATTIS + "."), ("Times", MATTIS + ", officials said."))
    assert strength_of(frame, MATTIS + ".", "officials said") == "strong"


def test_mcgurk_letter_is_not_mattis_letter():
    frame = sentences(
        ("Fox", "Fox News has confirmed that McGurk submitted his resignation letter on Friday."),
        ("HuffPost", MATTIS + "."),
        ("Times", MATTIS + ", officials said."),
    )
    assert strength_of(frame, "McGurk", "officials said") in {"related", "apart"}
    table, members = claims(frame)
    assert "strong" not in set(table.loc[table["n_articles"] == 3, "strength"])
    # Without the McGurk sentence the two Mattis sentences are one strong claim.
    mattis = members[~members["text"].str.contains("McGurk")]
    assert set(strengths(mattis)) == {"strong"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Patrick has a long list of accomplishments in the department.",
            "Mattis joins a growing list of high-profile departures from the department.",
        ),
        (
            "China has not formally endorsed Russia's invasion.",
            "Ukraine did not formally condemn Xi for the visit.",
        ),
        (
            "China has not formally endorsed Russia's invasion of Ukraine.",
            "Ukraine did not formally condemn Xi for the visit to Russia.",
        ),
        (
            "The Pentagon sent 2,000 troops to the border last week.",
            "The Pentagon sent 50 copies to the border last week.",
        ),
    ],
)
def test_shared_topic_words_are_not_a_strong_claim(first, second):
    frame = sentences(("A", first), ("B", second))
    assert strength_of(frame, first, second) in {"related", "apart"}
    assert not agree(first, second)


def test_ordinal_and_count_agree():
    first = "Xi and Putin met on 40 occasions before this visit."
    second = "It was the fortieth meeting between Xi and Putin since 2013."
    assert agree(first, second)
    assert strength_of(sentences(("A", first), ("B", second)), first, second) == "strong"


def test_names_and_numbers_read_from_text():
    assert names("Fox News said Mattis's letter reached the President on Thursday.") == [
        ("Fox", "News"),
        ("Mattis",),
    ]
    assert numbers("About 2,000 troops and twenty-five tanks, the fortieth time") == {
        2000.0,
        20.0,
        5.0,
        40.0,
    }
    assert agree("President Vladimir Putin met Xi Jinping.", "Putin's talks with Xi lasted hours.")
    # A capitalised first word the texts also write in lower case is not a name.
    common = lowercase_words(["On Tuesday heavy rain flooded four villages."])
    assert names("Heavy rain flooded four villages on Tuesday.", common) == []
    assert names("Patrick has a long list of accomplishments.", common) == [("Patrick",)]


def test_single_article_claims_are_single():
    frame = sentences(("A", "The storm flooded the harbour."), ("B", "Voters chose a new mayor."))
    table, _ = claims(frame)
    assert set(table["strength"]) == {"single"}


def test_compare_summary_reports_only_strong_claims_as_shared():
    frame = sentences(
        ("Fox", "Fox News has confirmed that McGurk submitted his resignation letter on Friday."),
        ("HuffPost", MATTIS + "."),
        ("Times", MATTIS + ", officials said."),
    )
    articles = pd.DataFrame(
        {
            "article_id": frame["article_id"],
            "outlet": frame["outlet"],
            "title": "",
            "published": "",
            "text": frame["text"],
        }
    )
    table, members = claims(frame)
    reuse = reuse_pairs(articles, frame)
    all_three = compare_summary(
        align(list(articles["article_id"]), frame, reuse, members), table, members
    )
    assert all_three.shared_claims == [] and len(all_three.related_claims) == 1
    two = ["art-HuffPost", "art-Times"]
    both = compare_summary(align(two, frame, reuse, members), table, members)
    assert len(both.shared_claims) == 1 and both.related_claims == []


def test_opening_subjects_must_agree_but_a_quotation_has_none():
    # Both sentences open with their actor: the mayor is not the council.
    assert not agree(
        "Mayor Alvarez approved the harbour budget on Monday.",
        "Councillor Brandt approved the harbour budget on Monday.",
    )
    # A quotation opens with the speaker's words; its speaker is named after.
    quoted = '"Alvarez broke her promise on the harbour budget," Brandt told reporters.'
    assert agree(quoted, "Brandt said Alvarez broke her promise on the harbour budget.")


def test_secondary_names_do_not_split_one_fact():
    first = "The ferry operator cancelled all crossings to Orkney after the storm, Reuters said."
    second = "All crossings to Orkney were cancelled by the ferry operator, the BBC said."
    assert agree(first, second)
    # With a different actor opening each sentence, the same words are another fact.
    assert not agree(
        "Calder Ferries cancelled all crossings after the storm.",
        "Northlink cancelled all crossings after the storm.",
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [("Abadi", "Ibadi"), ("Masoum", "Massoum"), ("Russia", "Russian"), ("al-Abadi", "Abadi")],
)
def test_spelling_variants_of_a_name_are_one_actor(a, b):
    assert agree(f"{a} was asked to form a cabinet.", f"{b} was asked to form a cabinet.")


def test_distinct_short_names_are_not_variants():
    assert not agree("Lee won the vote.", "Leo won the vote.")


def test_event_evidence_counts_stems_and_numbers_not_names_or_reporting_verbs():
    # "refugees"/"refugee" and "exempted"/"exemption" meet as stems.
    assert same_event(
        "The rule exempted refugees and asylum seekers.",
        "Asylum seekers and each refugee get an exemption, officials said.",
    )
    # Names, reporting verbs and weekdays say who and when, not what happened.
    assert not same_event(
        "Okafor said on Tuesday that the plan was sound.",
        "Okafor told reporters on Tuesday he would resign.",
    )
    # A shared number counts twice: "40 occasions" and "the fortieth meeting".
    assert same_event("They met on 40 occasions.", "It was the fortieth meeting.")


def test_same_fact_needs_actors_numbers_and_event():
    same = ("Okafor resigned from the water board on Tuesday.", "Okafor resigned from the board.")
    assert same_fact(*same)
    assert not same_fact("Okafor resigned from the board.", "Okafor joined the board.")
    assert not same_fact(
        "The board fired 12 engineers.", "The board fired 30 engineers after the audit."
    )


def test_topic_words_are_words_of_many_sentences():
    article = [
        "The dam burst on Sunday.",
        "Water from the dam flooded the valley.",
        "Engineers had warned about the dam.",
        "Farmers lost their barley.",
    ]
    assert "dam" in topic_words(article) and "barley" not in topic_words(article)


def test_topic_words_of_both_articles_are_no_evidence():
    dam = "Residents near the dam were told the dam would hold."
    first = [
        "The dam on the Karsten river burst.",
        "Engineers inspected the dam spillway.",
        dam,
        "The dam had leaked for years.",
    ]
    second = [
        "Police closed the road below the dam.",
        "The dam had leaked since spring.",
        "Engineers inspected the spillway of the dam.",
        "Residents near the dam fled the valley at night.",
    ]
    frame = sentences(*[("A", t) for t in first], *[("B", t) for t in second])
    frame["article_id"] = ["a"] * 4 + ["b"] * 4
    frame["outlet"] = ["A"] * 4 + ["B"] * 4
    assert strength_of(frame, "spillway of the dam", "inspected the dam spillway") == "strong"
    # "dam" and "residents" ... : only the story's topic word and one more are shared.
    assert strength_of(frame, "would hold", "fled the valley") != "strong"


def test_a_strong_claim_checks_every_pair():
    # A matches B and C, but B and C give different sums: no strong claim holds all three.
    frame = sentences(
        ("A", "The council approved the tram line to the airport."),
        ("B", "The council approved the tram line to the airport for 40 million."),
        ("C", "The council approved the tram line to the airport for 25 million."),
    )
    _, members = claims(frame)
    strong = members[members["agrees"]]
    assert strong["outlet"].nunique() == 2 and "A" in set(strong["outlet"])
    assert {"B", "C"} - set(strong["outlet"])


def test_different_speakers_are_different_statements():
    assert speakers_agree(("Mayor Ana Ruiz",), ("Ruiz",))
    assert not speakers_agree(("Ana Ruiz",), ("Tom Hale",))
    assert not speakers_agree(("The Herald",), ("The Tribune",))  # "The" is no shared name
    assert speakers_agree((), ("Tom Hale",))  # one unattributed sentence: no contradiction


def test_an_unattributed_sentence_must_name_the_speaker():
    assert speaker_named(("Ana Ruiz",), names("Mayor Ruiz promised to reopen the bridge."))
    assert not speaker_named(("Ana Ruiz",), names("Critics said the bridge would stay shut."))
    assert speaker_named((), names("The bridge will reopen."))
    quoted = profile('"The bridge reopens in May," Hale said.')
    plain = profile("The bridge reopens in May, the council said.")
    assert not statements_agree(("Tom Hale",), (), quoted, plain)
    assert statements_agree(("Tom Hale",), (), quoted, plain, verbatim=True)
    assert not statements_agree(("Tom Hale",), ("Ana Ruiz",), quoted, plain, verbatim=True)


def quoted_corpus(first_speaker: str, second_speaker: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two outlets quoting alike words about the flood barrier, and the quotes table."""
    frame = sentences(
        ("A", f'"The flood barrier will be finished before winter," {first_speaker} said.'),
        (
            "B",
            f'"The flood barrier will be finished before winter storms," {second_speaker} said.',
        ),
    )
    quotes = pd.DataFrame(
        {
            "article_id": ["art-A", "art-B"],
            "speaker": [first_speaker, second_speaker],
            "start": [1, 1],
            "end": [50, 60],
        }
    )
    return frame, quotes


def test_same_words_from_two_speakers_are_no_strong_claim():
    frame, quotes = quoted_corpus("Ruiz", "Hale")
    assert strength_of(frame, 'winter,"', "winter storms") == "strong"  # speakers unknown
    assert strength_of(with_speakers(frame, quotes), 'winter,"', "winter storms") != "strong"
    frame, quotes = quoted_corpus("Ruiz", "Ana Ruiz")
    assert strength_of(with_speakers(frame, quotes), 'winter,"', "winter storms") == "strong"


def test_with_speakers_reads_the_quotes_inside_each_sentence():
    frame = sentences(("A", "Ruiz said the barrier holds."), ("B", "The barrier holds."))
    quotes = pd.DataFrame(
        {
            "article_id": ["art-A", "art-B"],
            "speaker": ["Ana Ruiz", None],
            "start": [5, 0],
            "end": [20, 9],
        }
    )
    assert with_speakers(frame, quotes)["speakers"].tolist() == [("Ana Ruiz",), ()]


def test_with_speakers_is_the_grouped_lookup_of_each_sentences_quotes():
    frame = pd.DataFrame(
        {
            "article_id": ["x", "x", "x", "y", "z"],
            "start": [0, 50, 100, 0, 0],
            "end": [50, 100, 150, 40, 30],
        }
    )
    quotes = pd.DataFrame(
        {  # out of reading order; two speakers twice; one blank; one spanning two sentences
            "article_id": ["x", "x", "x", "x", "x", "y", "z"],
            "speaker": ["Bo Li", "Ana Ruiz", "Bo Li", " ", "Ana Ruiz", None, "Cy Day"],
            "start": [60, 10, 20, 0, 90, 0, 30],
            "end": [70, 30, 40, 50, 120, 40, 40],
        }
    )
    known = quotes[quotes["speaker"].fillna("").str.strip() != ""]
    expected = []
    for sentence in frame.itertuples():
        inside = known[
            (known["article_id"] == sentence.article_id)
            & (known["start"] < sentence.end)
            & (known["end"] > sentence.start)
        ].sort_values("start", kind="stable")
        expected.append(tuple(dict.fromkeys(inside["speaker"])))
    assert expected == [("Ana Ruiz", "Bo Li"), ("Bo Li", "Ana Ruiz"), ("Ana Ruiz",), (), ()]
    assert with_speakers(frame, quotes)["speakers"].tolist() == expected
    assert with_speakers(frame, quotes.iloc[:0])["speakers"].tolist() == [()] * 5


def test_two_shared_words_need_a_shared_name_or_a_third_word():
    # Unrelated sentences of one story share two words ("high school").
    assert not same_event(
        "Nadia Osei says he pushed her at a party in high school.",
        "A high school friend, Tom Brill, said he was at home that night.",
    )
    # The same two words about the same person are a fact.
    assert same_event(
        "Tom Brill says he was never at the party in high school.",
        "Brill, a high school friend, denied being at the party.",
    )


def test_clock_times_are_one_number_each():
    assert numbers("The page was updated at 11:43 a.m.") == frozenset({11.43})
    assert not agree("Updated at 11:43 a.m.", "Update at 11:47 a.m.")


def test_a_hyphenated_modifier_is_no_name():
    assert names("His Labour-backed bloc won the most seats.") == []
    assert names("The Sino-US talks ended.") == [("Sino-US",)]


def test_news_organisations_cited_as_sources_are_no_speakers():
    outlets = outlet_words(["Harbor Daily", "Capital Ledger"])
    assert is_news("AP", outlets) and is_news("Reuters") and is_news("The Harbor", outlets)
    assert not is_news("Ana Ruiz", outlets)
    assert without_news(("AP", "Ana Ruiz"), outlets) == ("Ana Ruiz",)


def test_a_narrated_fact_matches_the_quoted_one():
    quoted = profile('"The bridge reopens in May," Hale said.')
    narrated = profile("The bridge reopens in May after repairs.")
    assert statements_agree(("Tom Hale",), (), quoted, narrated)
    # An unnamed source's words are still another statement (see above).
    reported = profile("The bridge reopens in May, the council said.")
    assert not statements_agree(("Tom Hale",), (), quoted, reported)


DIED = "Several climbers died on Mount Ardel."
KILLED = "An avalanche killed several climbers on Mount Ardel."


def test_a_synonym_is_evidence_of_one_event():
    assert same_fact(DIED, KILLED)
    assert not same_fact(DIED.replace("died", "slept"), KILLED)


def test_a_derived_word_is_evidence_of_one_event():
    accused = "Vance accused the contractor of theft."
    assert same_fact(accused, "Vance's accusation against the contractor stands.")
    assert not same_fact(accused, "Vance's praise for the contractor stands.")


def test_a_synonym_does_not_join_different_actors():
    accused = "Vance accused the contractor of theft."
    assert not same_fact(accused, "Ortiz's accusation against the contractor stands.")


def test_a_synonym_does_not_join_different_numbers():
    accused = "Vance accused 12 contractors of theft."
    assert not same_fact(accused, "Vance's accusation against 40 contractors stands.")


def test_a_synonym_of_a_topic_word_is_no_evidence():
    a, b = profile(DIED), profile(KILLED)
    assert profiles_share_event(a, b)
    assert not profiles_share_event(a, b, frozenset({"died", "killed"}))


def test_synonym_pair_makes_a_strong_claim():
    frame = sentences(("Post", DIED), ("Herald", KILLED))
    assert strength_of(frame, "died", "killed") == "strong"


def test_synonym_pair_of_different_actors_is_no_strong_claim():
    frame = sentences(
        ("Post", "Vance accused the contractor of theft on Monday."),
        ("Herald", "Ortiz's accusation against the contractor came on Monday."),
    )
    assert strength_of(frame, "Vance", "Ortiz") != "strong"
