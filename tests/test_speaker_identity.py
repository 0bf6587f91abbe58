"""Who a role, title or surname names: only what the article or a dated registry row says."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.voices.quotes import Quote, extract_quotes
from analysis.voices.speakers import Speaker, SpeakerRegistry, assign_affiliation


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Every non-empty line is a paragraph."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def quotes(text: str, registry: SpeakerRegistry, published: str) -> list[Quote]:
    return extract_quotes(text, paragraphs(text), registry, published)


@pytest.fixture
def biden_registry(tmp_path: Path) -> SpeakerRegistry:
    path = tmp_path / "speakers.csv"
    path.write_text(
        "speaker,aliases,affiliation,role,from,to\n"
        "Joe Biden,Biden|President Biden,Democrats,US president; president,2021-01-20,\n",
        encoding="utf-8",
    )
    registry, problems = SpeakerRegistry.from_csv(path)
    assert problems == []
    return registry


GUN_BILL = (
    "Senators met on Tuesday to debate the gun bill, and Joe Biden joined them.\n\n"
    "“We will not stop until this passes,” the president said."
)


def test_role_outside_the_registered_dates_names_nobody(biden_registry: SpeakerRegistry):
    [q] = quotes(GUN_BILL, biden_registry, "2013-04-17")
    assert (q.speaker, q.attribution) == (None, "none")


def test_role_the_article_gives_wins_outside_the_dates(biden_registry: SpeakerRegistry):
    text = "President Barack Obama spoke in the Rose Garden on Tuesday.\n\n" + GUN_BILL
    [q] = quotes(text, biden_registry, "2013-04-17")
    assert (q.speaker, q.attribution) == ("Barack Obama", "carried")


def test_role_inside_the_registered_dates_carries(biden_registry: SpeakerRegistry):
    [q] = quotes(GUN_BILL, biden_registry, "2022-06-23")
    assert (q.speaker, q.attribution) == ("Joe Biden", "carried")


def test_article_without_a_date_gets_no_dated_role(biden_registry: SpeakerRegistry):
    [q] = quotes(GUN_BILL, biden_registry, "")
    assert q.speaker is None


def test_vice_president_is_not_the_president():
    """'Vice President Joe Biden' introduces Biden as vice president, not as 'the president'."""
    text = (
        "Vice President Joe Biden met senators on Tuesday.\n\n"
        "“We will not stop until this passes,” the president said."
    )
    [q] = quotes(text, SpeakerRegistry(), "2013-04-17")
    assert q.speaker is None


def test_speakers_file_without_dates_loads(tmp_path: Path):
    path = tmp_path / "speakers.csv"
    path.write_text("speaker,aliases,affiliation,role\nJoe Biden,Biden,Democrats,president\n")
    registry, problems = SpeakerRegistry.from_csv(path)
    assert problems == []
    assert registry.role("Joe Biden") == "president"
    assert not registry.held_role_on("Joe Biden", "2022-06-23")


def test_bad_dates_are_reported_and_ignored(tmp_path: Path):
    path = tmp_path / "speakers.csv"
    path.write_text("speaker,role,from,to\nJoe Biden,president,20 Jan 2021,\n")
    registry, problems = SpeakerRegistry.from_csv(path)
    assert [p.line for p in problems] == [2]
    assert "YYYY-MM-DD" in problems[0].message
    assert not registry.held_role_on("Joe Biden", "2022-06-23")


def test_to_date_ends_the_role(tmp_path: Path):
    path = tmp_path / "speakers.csv"
    path.write_text("speaker,role,from,to\nBarack Obama,president,2009-01-20,2017-01-20\n")
    registry, _ = SpeakerRegistry.from_csv(path)
    assert registry.held_role_on("Barack Obama", "2013-04-17")
    assert not registry.held_role_on("Barack Obama", "2018-01-02")


def test_saving_a_side_keeps_the_dates(tmp_path: Path):
    path = tmp_path / "speakers.csv"
    path.write_text("speaker,role,from,to\nJoe Biden,president,2021-01-20,2025-01-20\n")
    assign_affiliation(path, "Joe Biden", "Democrats")
    [row] = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    assert (row["affiliation"], row["from"], row["to"]) == ("Democrats", "2021-01-20", "2025-01-20")
    registry, _ = SpeakerRegistry.from_csv(path)
    assert registry.held_role_on("Joe Biden", "2022-06-23")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Donald Trump spoke on Monday.\n\n“We will win,” Mr. Trump said.", "Donald Trump"),
        ("“It will pass,” said Majority Whip John Cornyn.", "John Cornyn"),
        ("“It will pass,” said Sen. John Cornyn (R-Texas).", "John Cornyn"),
        ("“It is wrong,” said Cory Booker of New Jersey.", "Cory Booker"),
        ("“It is wrong,” said Rep. Cory Booker, D-N.J.", "Cory Booker"),
        ("Gov. Greg Abbott toured the site.\n\n“We are ready,” Abbott said.", "Greg Abbott"),
        ("“Not yet,” Dr. Ana Ruiz said.", "Ana Ruiz"),
        ("“Not yet,” Mrs. Ana Ruiz said.", "Ana Ruiz"),
        ("“Hold the line,” Gen. Mark Ode said.", "Mark Ode"),
        ("Like Patrick said, “it is over.”", "Patrick"),
        ("While Mueller said “it is over,” nobody agreed.", "Mueller"),
    ],
)
def test_titles_tags_places_and_sentence_words_are_stripped(text: str, speaker: str):
    [q] = quotes(text, SpeakerRegistry(), "2020-01-01")
    assert q.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "However, “it is over,” he said.",
        "Despite Trump, “it is over,” he said.",
        "Some said “it is over.”",
        "Many said “it is over.”",
        "“We will fight,” Republicans said.",
        "“We will fight,” Other Democrats said.",
        "“We will fight,” officials said.",
        "“We will fight,” critics said.",
        "“We will fight,” the union said.",
    ],
)
def test_sentence_words_and_groups_are_no_person(text: str):
    """Groups keep their mention as evidence but get no speaker, so Voices counts persons."""
    [q] = quotes(text, SpeakerRegistry(), "2020-01-01")
    assert (q.speaker, q.attribution) == (None, "none")
    assert q.speaker_mention


def test_bank_of_america_keeps_its_of():
    [q] = quotes("“Rates will fall,” said Bank of America.", SpeakerRegistry(), "2020-01-01")
    assert q.speaker == "Bank of America"


def test_question_closing_the_quote_keeps_the_attribution_after_it():
    [q] = quotes("“What have you been debating, John?” Obama said.", SpeakerRegistry(), "")
    assert (q.speaker, q.attribution) == ("Obama", "explicit")


def test_a_question_then_a_new_sentence_without_cue_names_nobody():
    [q] = quotes("“What now?” The hall went quiet.", SpeakerRegistry(), "")
    assert q.speaker is None


def test_pronoun_goes_to_the_accuser_not_the_accused():
    text = "Marco Rubio accused Barack Obama of weakness on Monday. “It is a failure,” he said."
    [q] = quotes(text, SpeakerRegistry(), "")
    assert (q.speaker, q.attribution) == ("Marco Rubio", "carried")


def test_name_fronted_by_of_is_not_the_speaker():
    for text, speaker in [
        ("Of Barack Obama, he said, “He is weak.”", None),
        ("Marco Rubio spoke on Monday. Of Barack Obama, he said, “He is weak.”", "Marco Rubio"),
    ]:
        [q] = quotes(text, SpeakerRegistry(), "")
        assert q.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“The dam holds,” said Director of National Flood Control Ines Vorn.", "Ines Vorn"),
        ("“The dam holds,” said Chairman of the Joint Water Board Ines Vorn.", "Ines Vorn"),
        ("“The dam holds,” said Secretary of State Ines R. Vorn.", "Ines R. Vorn"),
        ("“The dam holds,” said A. J. Vorn.", "A. J. Vorn"),
        ("Is it over? No. Vorn said that the dam would hold all through the winter.", "Vorn"),
    ],
)
def test_places_after_a_role_and_sentence_ends_are_no_part_of_a_name(text: str, speaker: str):
    assert [q.speaker for q in quotes(text, SpeakerRegistry(), "")] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "“The dam holds,” a Republican said.",
        "“The dam holds,” One Upland Democrat said.",
        "His campaign said the dam would hold through the whole of the winter.",
        "On Thursday, the governor said in an interview that the dam would hold all winter.",
        "“The dam holds,” Senate Republicans said.",
    ],
)
def test_indefinite_mentions_possessives_and_dates_name_nobody(text: str):
    [q] = quotes(text, SpeakerRegistry(), "")
    assert (q.speaker, q.attribution) == (None, "none")


def test_a_surname_quoted_before_the_full_name_becomes_that_name():
    text = (
        "“The dam holds,” Vorn said on Monday.\n\n"
        "Ines Vorn, who built the dam, spoke later.\n\n"
        "“It will hold all winter,” Vorn added."
    )
    assert [q.speaker for q in quotes(text, SpeakerRegistry(), "")] == ["Ines Vorn"] * 2


@pytest.mark.parametrize(
    ("mention", "speaker"),
    [
        ("the firm, run by Dam Holdings CEO Ines Vorn since 2005,", "Ines Vorn"),
        ("the judge, Ruth Bader Vorn, who heard the case,", "Ruth Bader Vorn"),
        ("the agency, whose director is William J. Vorn,", "William J. Vorn"),
        ("the Special Envoy for Ruritania Ines Vorn", "Ines Vorn"),
    ],
)
def test_a_surname_speaker_is_the_one_full_name_written_anywhere_in_the_article(mention, speaker):
    text = (
        f"Work on the dam was finished by {mention} on Friday.\n\n"
        "“The dam holds,” Vorn said on Monday. “It will hold all winter.”\n\n"
        "The rains came a week later, and Mr. Vorn went home."
    )
    assert {q.speaker for q in quotes(text, SpeakerRegistry(), "")} == {speaker}


def test_a_surname_speaker_takes_no_sentence_word_or_place_adjective_for_a_given_name():
    text = (
        "Added Vorn: “The dam holds.” Some American Vorn fans cheered.\n\n"
        "“It will hold all winter,” Vorn said. Officials added that it would."
    )
    assert {q.speaker for q in quotes(text, SpeakerRegistry(), "")} == {"Vorn"}


def test_a_surname_shared_by_two_full_names_stays_a_surname():
    text = (
        "“The dam holds,” Vorn said on Monday.\n\nInes Vorn and Tomas Vorn both built the dam.\n\n"
    )
    assert [q.speaker for q in quotes(text, SpeakerRegistry(), "")] == ["Vorn"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“The dam holds,” said Will O’Neill.", "Will O’Neill"),
        ("“The dam holds,” the US Water Committee said.", "US Water Committee"),
    ],
)
def test_names_and_acronyms_that_look_like_stop_words_stay(text: str, speaker: str):
    assert [q.speaker for q in quotes(text, SpeakerRegistry(), "")] == [speaker]


def test_a_speaker_in_capitals_spelling_one_full_name_is_that_person():
    text = (
        "Harbour Commissioner Ines Vorn-Ruiz spoke first. “We will rebuild the pier,” said IVR.\n\n"
        "“We will pay for it,” IVR added."
    )
    assert [q.speaker for q in quotes(text, SpeakerRegistry(), "")] == ["Ines Vorn-Ruiz"] * 2


def test_capitals_spelling_two_full_names_stay_as_they_are():
    text = (
        "Harbour Commissioner Ines Vorn-Ruiz met Mayor Ivan Vel Roos. "
        "“We will rebuild the pier,” said IVR."
    )
    assert [q.speaker for q in quotes(text, SpeakerRegistry(), "")] == ["IVR"]


def _identity_bench():
    path = Path(__file__).resolve().parents[1] / "bench" / "speaker_identity.py"
    spec = importlib.util.spec_from_file_location("speaker_identity", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_identity_bench_counts_split_surnames_and_sentence_words():
    bench = _identity_bench()
    quotes = pd.DataFrame(
        {
            "article_id": ["a", "a", "a", "b", "b", "b"],
            "speaker": ["Vorn", "Ines Vorn", "However", "Sand", "Ada Sand", "Bo Sand"],
        }
    )
    assert bench.split_surnames(quotes, "article_id") == {("Vorn", "Ines Vorn"): 1}
    assert [bench.sentence_word(s) for s in ("However", "A. J. Delgado", "de Blasio")] == [
        "function word",
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“The dam holds,” said MORE.", None),
        ("“The dam holds,” said US Senator Ines Vorn.", "Ines Vorn"),
    ],
)
def test_a_heading_or_a_country_in_capitals_is_no_part_of_a_name(text: str, speaker):
    assert [q.speaker for q in quotes(text, SpeakerRegistry(), "")] == [speaker]


@pytest.mark.parametrize("year", ["Sophomore", "Junior", "Senior"])
def test_a_students_year_before_the_name_is_not_part_of_it(year: str):
    text = f"{year} Mia Cole said the library should stay open all night during exams."
    [quote] = quotes(text, SpeakerRegistry(), "2020-01-01")
    assert quote.speaker == "Mia Cole"


def test_a_students_year_after_an_inverted_cue_is_not_the_speaker():
    text = "“The vote was rushed,” said sophomore Mia Cole, treasurer of the student senate."
    [quote] = quotes(text, SpeakerRegistry(), "2020-01-01")
    assert (quote.text, quote.speaker) == ("The vote was rushed", "Mia Cole")


def test_a_first_name_junior_stays_in_a_two_word_name():
    text = "Junior Seau said the team would win the next game."
    [quote] = quotes(text, SpeakerRegistry(), "2020-01-01")
    assert quote.speaker == "Junior Seau"


@pytest.mark.parametrize("words", ["office now says", "announcement said", "statement said"])
def test_a_persons_office_or_statement_speaks_for_them(words: str):
    text = (
        "Harbour Minister Ines Vorn delayed the vote on Monday. "
        f"Vorn’s {words} the levy will be debated again in the spring."
    )
    [quote] = quotes(text, SpeakerRegistry(), "2020-01-01")
    assert (quote.text, quote.speaker) == (
        "the levy will be debated again in the spring",
        "Ines Vorn",
    )


def test_an_organisations_statement_is_the_organisations_words():
    registry = SpeakerRegistry([Speaker("Harbour Board", (), "Local", "organisation: port")])
    text = "The Harbour Board’s statement said the levy will be debated again in the spring."
    [quote] = quotes(text, registry, "2020-01-01")
    assert (quote.speaker, quote.speaker_kind) == ("Harbour Board", "organisation")


def test_a_body_with_or_without_the_article_is_one_speaker():
    text = (
        "The FDA said the new rule would “cut waiting times for every donor.”\n\n"
        "FDA said on Monday that the rule “takes effect in the spring.”\n\n"
        "The Upland Water Board reported that the dam would hold all winter."
    )
    found = quotes(text, SpeakerRegistry(), "")
    assert [q.speaker for q in found] == ["FDA", "FDA", "Upland Water Board"]
    assert {q.speaker_kind for q in found} == {"organisation"}


def test_a_one_word_name_keeps_its_article():
    """'The Hill' is not 'Hill', who may be a person quoted in the same story."""
    from analysis.voices.kinds import without_article

    assert without_article("The Hill") == "The Hill"


def test_a_leading_adjective_is_no_part_of_a_name():
    text = (
        "Current IRB rules let the board decide alone, the report says.\n\n"
        "IRB said it would “review every request within a week.”"
    )
    [_, q] = quotes(text, SpeakerRegistry(), "")
    assert (q.speaker, q.speaker_kind) == ("IRB", "organisation")


def test_a_body_named_with_a_leading_adjective_keeps_it():
    text = "“The port is busier than ever,” Current Harbour Survey said."
    [q] = quotes(text, SpeakerRegistry(), "")
    assert q.speaker == "Current Harbour Survey"


@pytest.mark.parametrize("party", ["Republican", "Democrat", "Democratic"])
def test_a_bare_party_word_is_a_group_never_a_person(party: str):
    text = f"The dam plan stalled.\n\n“We will not pay for it,” {party} said."
    [q] = quotes(text, SpeakerRegistry(), "")
    assert (q.speaker, q.speaker_kind, q.speaker_group) == (None, "group", party)


def test_a_party_word_after_a_determiner_is_one_unnamed_person():
    text = "The dam plan stalled.\n\n“We will not pay for it,” this Republican said."
    [q] = quotes(text, SpeakerRegistry(), "")
    assert (q.speaker, q.speaker_kind) == (None, "unnamed")


def test_a_surname_merges_with_a_full_name_closed_by_a_suffix():
    from analysis.voices.speakers import merge_surnames

    assert merge_surnames(["Ines R. Vorn Jr.", "Vorn"]) == {"Vorn": "Ines R. Vorn Jr."}


def test_a_surname_stays_with_the_full_name_that_has_no_suffix():
    from analysis.voices.speakers import merge_surnames

    names = ["Ines Vorn", "Ines Vorn Jr.", "Vorn"]
    assert merge_surnames(names) == {"Vorn": "Ines Vorn"}


# Found on a hurricane story of four outlets (CNN, Fox News, USA TODAY, Heritage).


def test_a_name_with_a_middle_initial_is_the_name_without_it():
    from analysis.voices.speakers import merge_surnames

    merged = merge_surnames(["Carlos A. Gimenez", "Carlos Gimenez", "Gimenez"])
    assert merged == {"Carlos A. Gimenez": "Carlos Gimenez", "Gimenez": "Carlos Gimenez"}
    assert merge_surnames(["John A. Smith", "John B. Smith", "John Smith"]) == {}


def test_an_occupation_before_a_name_is_no_part_of_it():
    text = "“Dangerous conditions are forecast,” said CNN Senior Meteorologist Dave Hennen."
    [quote] = quotes(text, SpeakerRegistry(), "")
    assert quote.speaker == "Dave Hennen"


def test_an_outlet_and_a_described_role_before_a_name_are_no_part_of_it():
    for before in ("Fox News political analyst", "ABC senior legal contributor"):
        text = f"“The ruling will stand,” said {before} Mara Quinn, who covered the trial."
        [quote] = quotes(text, SpeakerRegistry(), "")
        assert quote.speaker == "Mara Quinn"


def test_an_inverted_cue_s_speaker_with_a_role_and_no_comma():
    text = (
        "Visitors stayed away from its top sources — Canada, Brazil and the United Kingdom — "
        "because of weak currencies, says Sean Snaith economics professor at the University."
    )
    [quote] = quotes(text, SpeakerRegistry(), "")
    assert (quote.kind, quote.speaker, quote.cue) == ("indirect", "Sean Snaith", "says")
    assert quote.text.startswith("Visitors stayed away")


@pytest.mark.parametrize("name", ["Jennifer Banker", "Mary Bishop"])
def test_a_given_name_before_a_role_word_makes_a_surname_of_it(name):
    text = f"“We have a house on the water,” said {name}, a resident of the island."
    [quote] = quotes(text, SpeakerRegistry(), "")
    assert (quote.speaker, quote.attribution) == (name, "explicit")


def test_a_role_word_alone_is_still_nobody_named():
    text = "“We have a house on the water,” said the banker, a resident of the island."
    [quote] = quotes(text, SpeakerRegistry(), "")
    assert quote.speaker is None


def test_a_person_of_a_place_in_a_region_is_that_person():
    text = "In a letter, Ines Vorn of Tonbridge, Kent said that the vote was a protest."
    [quote] = quotes(text, SpeakerRegistry(), "")
    assert (quote.kind, quote.speaker) == ("indirect", "Ines Vorn")


def test_a_given_name_alone_is_the_one_full_name_that_opens_with_it():
    text = (
        "The trouble began, as NPR's Peter Vorn tells our newscast unit.\n\n"
        "“More ministers resigned within hours,” Peter says."
    )
    assert [q.speaker for q in quotes(text, SpeakerRegistry(), "")] == ["Peter Vorn"]


def test_a_common_word_opening_a_sentence_is_no_speaker():
    text = (
        "The budget will not come until October, and business leaders are worried.\n\n"
        "Business says it cannot wait that long for the new rules to be written."
    )
    [quote] = quotes(text, SpeakerRegistry(), "")
    assert (quote.speaker, quote.speaker_mention) == (None, "Business")


def test_a_surname_of_someone_is_that_surname_s_person():
    text = (
        "“It is a movement,” said Ines Vorn, who leads the union.\n\n"
        "“It will outlast the election,” said Vorn of Halvern."
    )
    assert [q.speaker for q in quotes(text, SpeakerRegistry(), "")] == ["Ines Vorn"] * 2


def test_a_body_of_a_place_and_a_surname_beside_a_common_word_keep_their_names():
    text = (
        "“The station stays on air,” said Voice of Halvern.\n\n"
        "Vorn played his trump card at Vorn Tower on Friday.\n\n"
        "“We will win,” Vorn said."
    )
    assert [q.speaker for q in quotes(text, SpeakerRegistry(), "")] == ["Voice of Halvern", "Vorn"]


def test_a_hyphenated_office_before_a_name_is_no_part_of_it():
    text = "“What we need is a plan,” said CBI Director-General Ines Vorn."
    [quote] = quotes(text, SpeakerRegistry(), "")
    assert quote.speaker == "Ines Vorn"


def test_a_bodys_last_word_is_the_one_body_it_ends():
    def speakers(text: str) -> list[str | None]:
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        return [q.speaker for q in extract_quotes(text, paragraphs, SpeakerRegistry())]

    one = (
        "The talks collapsed on Monday, the Harbour Evening Times reported.\n"
        "The Times reported that the mayor had resigned on Tuesday night."
    )
    assert speakers(one) == ["Harbour Evening Times", "Harbour Evening Times"]
    two = one + "\nThe port closed for a week, the Valley Post Times reported."
    assert speakers(two)[1] == "Times"  # two bodies end in 'Times': neither is the one
