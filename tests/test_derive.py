"""Knowledge derived from a corpus: its actors, its targets, its speakers' sides, its topics.

The stories in ``tests/fixtures/stories`` were written for these tests (every
name in them is invented), so no rule was tuned on them and the bundled story's
knowledge cannot help.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus.load import load_corpus
from analysis.knowledge.derive.drafts import knowledge_drafts, write_drafts
from analysis.knowledge.derive.entities import find_entities
from analysis.knowledge.derive.sides import derive_sides
from analysis.knowledge.derive.targets import derive_targets, target_pattern
from analysis.pipeline import (
    DEFAULT_KNOWLEDGE,
    DERIVED,
    Analysis,
    analyse,
    load_framing,
    load_knowledge,
)

ROOT = Path(__file__).resolve().parents[1]
STORIES = ROOT / "tests" / "fixtures" / "stories"
BUNDLED_ACTORS = {
    "China", "Russia", "Ukraine", "Europe/NATO", "Xi Jinping", "Vladimir Putin",
    "Volodymyr Zelensky", "Joe Biden",
}  # fmt: skip


@cache
def story(name: str) -> Analysis:
    folder = STORIES / name
    return analyse(load_corpus(folder), load_knowledge(folder))


def sides(name: str) -> dict[str, str]:
    frame = story(name).speakers
    return dict(zip(frame["speaker"], frame["affiliation"]))


def sentences(*texts: str, outlet: str = "Daily") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sentence_id": [f"a:{i}" for i in range(len(texts))],
            "article_id": "a",
            "outlet": outlet,
            "text": list(texts),
        }
    )


# ---------------------------------------------------------------- entities


def test_name_variants_merge_into_one_entity():
    found = find_entities(
        sentences(
            "President Barack Obama spoke on Monday.",
            "Mr. Obama said the bill would pass.",
            "Republicans bristled at Obama's plan.",
            "Obama left for Chicago.",
        )
    )
    row = found.table.set_index("entity").loc["Barack Obama"]
    assert row["kind"] == "person"
    assert row["mentions"] == 4
    assert set(row["variants"]) == {"Barack Obama", "Obama"}


def test_sentence_openers_and_titles_are_not_names():
    found = find_entities(
        sentences(
            "However, the senator disagreed with the plan.",
            "But Sen. Joe Manchin said no.",
            "Despite Manchin, the plan moved on; however it was late.",
            "Some voters were angry, but some were not.",
        )
    )
    entities = set(found.table["entity"])
    assert "Joe Manchin" in entities
    assert not entities & {"However", "But", "Despite", "Despite Manchin", "Some", "Sen"}


def test_acronym_merges_with_the_name_it_spells():
    found = find_entities(
        sentences(
            "The National Rifle Association opposed the bill.",
            "A spokesman for the NRA said members would call senators.",
            "The NRA has 5 million members.",
        )
    )
    row = found.table.set_index("entity").loc["National Rifle Association"]
    assert row["kind"] == "organisation" and row["mentions"] == 3


def entity_table(*texts: str) -> pd.DataFrame:
    """The entities found in one article of ``texts`` (one sentence each), by name."""
    return find_entities(sentences(*texts)).table.set_index("entity")


def test_a_short_name_merges_with_the_one_longer_name_it_opens_or_ends():
    table = entity_table(
        "Hurricane Irma reached the coast as Halvern Foods closed its stores.",
        "Irma weakened overnight, and Halvern reopened on Monday.",
    )
    assert table.loc["Hurricane Irma", "mentions"] == 2 and "Irma" not in table.index
    assert table.loc["Halvern Foods", "mentions"] == 2 and "Halvern" not in table.index


def test_a_name_after_a_place_adjective_is_not_short_for_the_two():
    table = entity_table(
        "Some 50 million North American Zentra users lost their data.",
        "Zentra said on Friday that it had closed the loophole.",
        "Zentra apologised, and Zentra will pay for audits.",
    )
    assert table.loc["Zentra", "mentions"] >= 3


def test_the_article_a_opening_a_sentence_is_no_part_of_a_name():
    table = entity_table(
        "A Zentra spokesperson said the data was deleted.",
        "On Friday, Zentra said it had acted.",
    )
    assert "A Zentra" not in table.index and table.loc["Zentra", "mentions"] == 2


def test_a_common_word_before_a_name_makes_no_person_of_it():
    table = entity_table(
        "Voters rejected the project of a Federal Zentra last year.",
        "Trade with Zentra grew, and Zentra welcomed it.",
    )
    assert "Federal Zentra" not in table.index or table.loc["Federal Zentra", "kind"] != "person"
    assert table.loc["Zentra", "mentions"] >= 2


def _articles(*articles: tuple[str, ...]) -> pd.DataFrame:
    """Sentences of several articles (one outlet each), in order."""
    frames = [
        sentences(*texts, outlet=f"Outlet {k}").assign(
            article_id=f"art{k}", sentence_id=lambda f, k=k: f"art{k}:" + f.index.astype(str)
        )
        for k, texts in enumerate(articles)
    ]
    return pd.concat(frames, ignore_index=True)


def test_a_short_name_shortens_a_longer_one_only_in_an_article_that_names_it():
    found = find_entities(
        _articles(
            ("Halvern Foods closed its stores.", "Halvern reopened on Monday."),
            ("Prices will rise, Halvern said.", "Shoppers waited outside."),
        )
    )
    mentions = found.mentions.set_index("sentence_id")["entity"]
    assert mentions["art0:1"] == "Halvern Foods"
    assert mentions["art1:0"] == "Halvern"


def test_a_name_written_as_a_place_is_no_short_form_of_a_longer_name():
    """Found on a hurricane story: "Florida" had become the Florida National Guard, and
    with it every "closed in on Florida" of the article."""
    found = find_entities(
        sentences(
            "The storm closed in on Florida as the Florida National Guard deployed.",
            "Millions in Florida were told to leave, and Florida braced for the storm.",
            "Heavy rain fell in South Florida as the storm moved south.",
        )
    )
    table = found.table.set_index("entity")
    assert table.loc["Florida", "mentions"] == 3
    assert table.loc["Florida National Guard", "mentions"] == 1
    assert table.loc["South Florida", "mentions"] == 1


def test_a_word_always_written_before_a_number_is_no_entity():
    found = find_entities(
        sentences(
            "The storm grew to Category 4 and closed Interstate 95.",
            "Forecasters said Category 3 winds would reach the coast.",
            "Boeing grounded its planes, and Boeing 737 flights stopped.",
        )
    )
    entities = set(found.table["entity"])
    assert "Category" not in entities and "Interstate" not in entities
    assert "Boeing" in entities


# Found on a court story of four outlets (Harvard admissions, 2019).


def test_a_name_opening_a_sentence_is_the_name_written_mid_sentence():
    found = find_entities(
        sentences(
            "The suit was brought by Students for Fair Admissions in 2014.",
            "Students for Fair Admissions said it will appeal.",
            "Many students applied, and students waited.",
        )
    )
    table = found.table.set_index("entity")
    assert table.loc["Students for Fair Admissions", "mentions"] == 2
    assert "Fair Admissions" not in table.index


def test_an_acronym_of_a_name_with_connecting_words_is_that_name():
    found = find_entities(
        sentences(
            "The suit was brought by Students for Fair Admissions in 2014.",
            "The group, known as SFFA, said SFFA would appeal.",
        )
    )
    table = found.table.set_index("entity")
    assert table.loc["Students for Fair Admissions", "mentions"] == 3
    assert "SFFA" not in table.index


def test_hyphen_and_plural_variants_are_one_entity():
    found = find_entities(
        sentences(
            "The ruling mattered to Asian Americans across the country.",
            "Lawyers said Asian-American applicants were rated lower.",
            "Some Asian American groups backed the school, and Asian Americans were split.",
        )
    )
    merged = found.table.set_index("entity").loc["Asian Americans"]
    assert merged["mentions"] == 4
    assert set(merged["variants"]) == {"Asian Americans", "Asian-American", "Asian American"}


def test_countries_merge_their_demonyms_and_institutions():
    found = find_entities(
        sentences("Chinese officials met the Kremlin.", "Russia and China signed a deal.")
    )
    table = found.table.set_index("entity")
    assert table.loc["China", "mentions"] == 2 and table.loc["China", "side"] == "China"
    assert table.loc["Russia", "mentions"] == 2


def test_a_place_as_location_is_counted_apart():
    found = find_entities(
        sentences("The storm hit Riverton on Sunday.", "Crews worked in Riverton all night.")
    )
    row = found.table.set_index("entity").loc["Riverton"]
    assert row["mentions"] == 2 and row["located"] == 1


def test_own_outlet_is_not_an_entity():
    found = find_entities(
        sentences("The Harbor Daily asked the mayor.", "Mayor Luis Ortega told Harbor Daily."),
        outlets=["Harbor Daily"],
    )
    assert "Harbor Daily" not in set(found.table["entity"])
    assert "Luis Ortega" in set(found.table["entity"])


# ---------------------------------------------------------------- targets


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("water_bill", {"Maria Delgado", "Thomas Whitfield", "Senate"}),
        ("bakery_merger", {"Halvern Foods", "Brightmill Bakeries", "Federal Trade Commission"}),
        ("river_flood", {"Karen Holt", "Luis Ortega", "Federal Emergency Management Agency"}),
    ],
)
def test_targets_are_the_storys_own_actors(name: str, expected: set[str]):
    analysis = story(name)
    framing = load_framing(STORIES / name, analysis)
    assert framing.sources["targets"] == DERIVED
    names = [t.name for t in framing.targets]
    assert expected <= set(names)
    assert not set(names) & BUNDLED_ACTORS
    assert len(names) <= 10
    text = " ".join(analysis.sentences["text"])
    for target in framing.targets:  # no target without a mention in the corpus
        assert target.regex.search(text), target.name


def test_target_patterns_hold_every_variant_and_ignore_lowercase_words():
    pattern = re.compile(rf"\b(?:{target_pattern(('Michael Brown', 'Brown', 'U.S.'))})\b", re.I)
    assert pattern.search("Michael Brown's family")
    assert pattern.search("the U.S. said") and pattern.search("Brown said")
    assert not pattern.search("a brown dog")


def test_derived_targets_rank_by_outlets_as_well_as_mentions():
    one_outlet = [f"Sen. Ann Vale spoke about it, round {i}." for i in range(6)]
    table = pd.concat(
        [
            sentences(*one_outlet, outlet="One"),
            sentences("Gov. Ray Cole said yes.", "Cole agreed.", outlet="Two"),
            sentences("Gov. Ray Cole said no.", "Cole spoke.", outlet="Three"),
        ],
        ignore_index=True,
    )
    table["sentence_id"] = [f"s{i}" for i in range(len(table))]
    ranked = derive_targets(find_entities(table))
    assert list(ranked["target"][:2]) == ["Ray Cole", "Ann Vale"]


# ---------------------------------------------------------------- sides


def test_sides_come_from_what_the_text_says():
    water = sides("water_bill")
    assert water["Maria Delgado"] == "Democrat"  # "(D-N.M.)", "the New Mexico Democrat"
    assert water["Thomas Whitfield"] == "Republican"  # "(R-Ky.)"
    assert water["Dana Rourke"] == "US"  # "the White House press secretary"
    assert water["Alan Mercer"] == "Analyst"  # "a professor of public policy"
    assert water["Nora Quist"] == "Media"  # "a columnist"
    # a body's leading "The" is no part of its name as a speaker
    assert water["American Water Works Association"] == "American Water Works Association"
    assert "The American Water Works Association" not in water
    merger = sides("bakery_merger")
    assert merger["Priya Natarajan"] == "Halvern Foods"  # "Halvern chief executive"
    assert merger["Rosa Alvarez"] == "Bakery Workers Union"
    assert merger["Oscar Lindqvist"] == "Brightmill Bakeries"  # "Brightmill founder"
    flood = sides("river_flood")
    assert flood["Karen Holt"] == "Republican"  # "a Republican"
    assert (
        flood["Nadia Brooks"] == "Federal Emergency Management Agency"
    )  # "the FEMA administrator"
    assert flood["Evan Price"] == "Red Cross"  # "a Red Cross spokesman"
    assert flood["Luis Ortega"] == "Unaffiliated"  # "Mayor": no party, no body named


def test_every_side_keeps_its_evidence_phrase():
    frame = story("water_bill").speakers.set_index("speaker")
    assert "D-N.M." in frame.loc["Maria Delgado", "evidence"]
    assert "White House press secretary" in frame.loc["Dana Rourke", "evidence"]
    unaffiliated = frame[frame["affiliation"] == "Unaffiliated"]
    assert (unaffiliated["evidence"] == "").all()


def test_a_party_word_elsewhere_in_the_sentence_is_not_evidence():
    quotes = pd.DataFrame(
        {
            "speaker": ["Barack Obama"],
            "speaker_mention": ["Obama"],
            "article_id": ["a"],
            "mention_start": [None],
            "mention_end": [None],
        }
    )
    text = "Republicans bristled at Obama on Tuesday. “We will act,” Obama said."
    found = derive_sides(quotes, {"a": text})
    assert found.set_index("speaker").loc["Barack Obama", "affiliation"] == "Unaffiliated"


def test_quotes_carry_the_derived_sides():
    analysis = story("water_bill")
    quotes = analysis.quotes.dropna(subset=["speaker"])
    by_speaker = quotes.groupby("speaker")["affiliation"].first()
    assert by_speaker["Thomas Whitfield"] == "Republican"
    assert "China" not in set(analysis.quotes["affiliation"])


# ---------------------------------------------------------------- topics and sources


def test_topics_are_discovered_when_the_corpus_has_no_topics_file():
    analysis = story("water_bill")
    assert analysis.knowledge_sources["topics"] == DERIVED
    assert analysis.topic_names
    tagged = set(analysis.sentences["topics"].explode().dropna())
    assert tagged == set(analysis.topic_names)
    bundled = {t.name for t in load_knowledge(DEFAULT_KNOWLEDGE).topics}
    assert not tagged & bundled
    for label in analysis.topic_names:  # readable: phrases of the corpus, no prefix
        assert not label.startswith("Discovered")
        assert all(len(part.strip()) > 2 for part in label.split("·"))


def test_the_bundled_corpus_keeps_its_own_files():
    knowledge = load_knowledge(DEFAULT_KNOWLEDGE)
    assert all(source != DERIVED for source in knowledge.sources.values())
    assert {t.name for t in knowledge.topics} >= {"ICC warrant", "Peace plan and ceasefire"}


def test_another_folder_never_falls_back_to_the_bundled_files(tmp_path: Path):
    knowledge = load_knowledge(tmp_path)
    assert knowledge.topics == () and knowledge.registry.speakers == {}
    assert {k for k, v in knowledge.sources.items() if v == DERIVED} == {
        "speakers",
        "topics",
        "targets",
    }
    assert knowledge.sources["lexicon"] == "story-independent defaults"


def test_the_generic_lexicon_applies_to_every_corpus():
    framing = load_framing(STORIES / "water_bill", story("water_bill"))
    terms = {entry.term for entry in framing.lexicon}
    assert "so-called" in terms  # distancing, story independent
    assert "special military operation" not in terms  # the bundled story's own


# ---------------------------------------------------------------- drafts


def test_drafts_round_trip_as_knowledge_files(tmp_path: Path):
    analysis = story("river_flood")
    framing = load_framing(STORIES / "river_flood", analysis)
    drafts = knowledge_drafts(framing.derived_targets, analysis.speakers, analysis.sentences)
    results = write_drafts(tmp_path, drafts)
    assert [r.added for r in results] == [len(drafts[k]) for k in ("targets", "speakers", "topics")]
    knowledge = load_knowledge(tmp_path)
    assert knowledge.problems == ()
    assert knowledge.registry.affiliation("Karen Holt") == "Republican"
    assert {t.name for t in knowledge.topics} == set(analysis.topic_names)
    saved = load_framing(tmp_path, analysis)
    assert [t.name for t in saved.targets] == [t.name for t in framing.targets]


def test_drafts_merge_and_never_drop_a_row(tmp_path: Path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "target,patterns,affiliation,notes\n"
        "Karen Holt,Holt|Governor Holt,Republican,edited by me\n"
        "Broken,(unclosed,,a row that does not load\n",
        encoding="utf-8",
    )
    analysis = story("river_flood")
    framing = load_framing(STORIES / "river_flood", analysis)
    drafts = knowledge_drafts(framing.derived_targets, analysis.speakers, analysis.sentences)
    (result,) = write_drafts(tmp_path, drafts, ("targets",))
    text = path.read_text(encoding="utf-8")
    assert "Karen Holt,Holt|Governor Holt,Republican,edited by me" in text
    assert "Broken,(unclosed,,a row that does not load" in text
    assert text.count("Karen Holt,") == 1
    assert result.kept == 2 and result.added == len(drafts["targets"]) - 1
    again = write_drafts(tmp_path, drafts, ("targets",))
    assert again[0].added == 0 and path.read_text(encoding="utf-8") == text


def test_a_noun_capitalised_by_legal_style_is_not_an_entity():
    found = find_entities(
        sentences(
            "In its brief, the Government argues that the order is lawful.",
            "The company Halvern said the government had no case.",
            "The government lost in a lower court, and the Court of Appeals agreed.",
            "Halvern sued in March, and the Government appealed.",
            "A ruling for the government would stand, the government said.",
        )
    )
    names = set(found.table["entity"])
    assert "Halvern" in names
    assert "Government" not in names and "government" not in names


def test_a_person_is_no_side_of_their_own_and_a_possessive_role_names_the_body():
    texts = {
        "a": "Harbour owner Mark Dunlow reacted on Monday. “This is crazy,” Dunlow said. "
        "Mark Ashby, Brightmill's vice president of branding for North America, said “We "
        "believe in him.” Brightmill said it would pay. H.R. Quell said nothing."
    }
    table = sentences(*texts.values())
    names = ["Mark Dunlow", "Mark Ashby", "Brightmill", "H.R. Quell"]
    quotes = pd.DataFrame(
        {"speaker": names, "speaker_mention": names, "article_id": "a",
         "mention_start": None, "mention_end": None}
    )  # fmt: skip
    found = derive_sides(quotes, texts, find_entities(table)).set_index("speaker")
    assert found["affiliation"].to_dict() == {
        "Mark Dunlow": "Unaffiliated",  # not a side called 'Mark Dunlow'
        "Mark Ashby": "Brightmill",  # not 'North America'
        "Brightmill": "Brightmill",  # a body speaks for itself
        "H.R. Quell": "Unaffiliated",
    }
