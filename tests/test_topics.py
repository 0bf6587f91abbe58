"""Topics: the analyst's topics.csv patterns and the topics NMF discovers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.emphasis.terms import count_terms
from analysis.emphasis.topics import (
    DISCOVERED_PREFIX,
    discover_topics,
    load_topics,
    shared_terms,
    tag_topics,
)
from analysis.knowledge.files import KnowledgeError

BUNDLED_TOPICS = Path(__file__).resolve().parent.parent / "corpus" / "topics.csv"

# topic: (a sentence about it, a near miss that is not), written for these tests
EXAMPLES = {
    "Peace plan and ceasefire": (
        "Both sides agreed to a ceasefire along the northern border.",
        "The plan for the new stadium was approved by the council.",
    ),
    "ICC warrant": (
        "Judges at the International Criminal Court issued an arrest warrant for the general.",
        "Police issued a search warrant for the house on Elm Street.",
    ),
    "Trade and energy": (
        "The country's oil exports fell sharply last quarter.",
        "The oilfield workers went home after the storm.",
    ),
    "Military aid and weapons": (
        "The government pledged to send more ammunition and drones.",
        "The charity pledged to send more blankets and food.",
    ),
    "Bilateral ties": (
        "The two countries signed a strategic partnership on Tuesday.",
        "The two companies signed a contract on Tuesday.",
    ),
    "Ukraine's response": (
        "Officials in Kyiv rejected the proposal within hours.",
        "Officials in the capital rejected the proposal within hours.",
    ),
    "US reaction": (
        "US officials said the visit changed nothing.",
        "The visit changed nothing, analysts told us.",
    ),
    "Leaders' personal relationship": (
        "The two leaders shook hands before a private dinner.",
        "The two leaders spoke before a private meeting.",
    ),
}


@pytest.fixture(scope="module")
def default_topics():
    topics, problems = load_topics(BUNDLED_TOPICS)
    assert problems == []
    return topics


def test_examples_cover_every_shipped_topic(default_topics):
    assert {t.name for t in default_topics} == set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_shipped_topic_tags_its_sentence_and_not_the_near_miss(default_topics, name):
    positive, negative = EXAMPLES[name]
    tags = tag_topics([positive, negative], default_topics)
    assert name in tags[0]
    assert name not in tags[1]


def test_us_acronym_is_case_sensitive(default_topics):
    us = next(t for t in default_topics if t.name == "US reaction")
    assert us.pattern.search("US officials said")
    assert us.pattern.search("U.S. government sources said")
    assert not us.pattern.search("they told us officials were coming")
    # the rest of the pattern still ignores case
    assert us.pattern.search("the WHITE HOUSE said")


def test_tag_topics_returns_every_matching_topic_in_file_order(default_topics):
    (tags,) = tag_topics(
        ["Kyiv said the ceasefire talks must include oil sanctions."], default_topics
    )
    assert tags == ("Peace plan and ceasefire", "Trade and energy", "Ukraine's response")
    assert tag_topics(["Nothing relevant happened."], default_topics) == [()]


def test_load_topics_reports_a_bad_regex_by_line_and_keeps_the_other_rows(tmp_path):
    path = tmp_path / "topics.csv"
    path.write_text(
        "topic,patterns,description\n"
        "Football,football|soccer,Sport\n"
        "\n"
        "Broken,(unclosed,Bad pattern\n"
        'Elections,"vote|ballot",\n'
        ",orphan,\n"
        "Also broken,[abc,\n",
        encoding="utf-8",
    )
    topics, problems = load_topics(path)
    problems = sorted(problems, key=lambda p: p.line)
    assert [t.name for t in topics] == ["Football", "Elections"]
    assert topics[0].description == "Sport"
    assert [(p.line, p.severity) for p in problems] == [(4, "error"), (6, "error"), (7, "error")]
    assert "invalid pattern '(unclosed'" in problems[0].message
    assert "empty topic" in problems[1].message
    assert "invalid pattern '[abc'" in problems[2].message
    # the location is said once, by the Problem, not repeated inside the message
    assert str(path) not in problems[0].message
    assert tag_topics(["A Soccer match and a ballot"], topics) == [("Football", "Elections")]


def test_patterns_match_on_word_boundaries(tmp_path):
    path = tmp_path / "topics.csv"
    path.write_text("topic,patterns\nArms,arms\n", encoding="utf-8")
    topics, _ = load_topics(path)
    assert tag_topics(["ARMS shipments", "his harms and armsful"], topics) == [("Arms",), ()]


def test_load_topics_without_a_patterns_column_raises(tmp_path):
    path = tmp_path / "topics.csv"
    path.write_text("topic,description\nFootball,Sport\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="missing column"):
        load_topics(path)


# --- discovered topics ------------------------------------------------------------------

FOOTBALL = [
    f"The {team} striker scored a late goal in the football match against {rival}."
    for team, rival in [
        ("home", "the visitors"),
        ("young", "the champions"),
        ("veteran", "the league leaders"),
        ("injured", "the relegated side"),
        ("new", "the title rivals"),
    ]
] + [
    f"The football coach praised the {part} after the goal in the {stage} match."
    for part in ("defence", "midfield", "goalkeeper")
    for stage in ("cup", "league", "derby", "final", "friendly")
]
ELECTIONS = [
    f"Voters in the {region} district cast ballots in the election for {office}."
    for region, office in [
        ("northern", "governor"),
        ("southern", "mayor"),
        ("eastern", "senator"),
        ("western", "parliament"),
        ("central", "the council"),
    ]
] + [
    f"The election commission counted {what} ballots from {where} polling stations."
    for what in ("postal", "early", "absentee")
    for where in ("rural", "urban", "remote", "coastal", "island")
]


def test_discovered_topics_separate_two_clear_themes():
    assert len(FOOTBALL) == len(ELECTIONS) == 20
    tags = discover_topics(FOOTBALL + ELECTIONS, n_topics=2)
    football, elections = set(tags[:20]), set(tags[20:])
    assert len(football) == 1 and len(elections) == 1
    (football_label,), (election_label,) = football.pop(), elections.pop()
    assert football_label != election_label
    assert football_label.startswith(DISCOVERED_PREFIX)
    assert election_label.startswith(DISCOVERED_PREFIX)
    assert "football" in football_label or "goal" in football_label
    assert "election" in election_label or "ballots" in election_label


def test_discover_topics_is_deterministic():
    texts = FOOTBALL + ELECTIONS
    assert discover_topics(texts, n_topics=3) == discover_topics(texts, n_topics=3)


def test_small_corpus_gets_no_discovered_topics():
    texts = FOOTBALL[:5] + ELECTIONS[:5]
    assert discover_topics(texts) == [()] * 10  # fewer than 2 x 8 texts
    assert discover_topics([]) == []


def test_topics_from_the_shared_terms_alone_are_the_same():
    texts = [
        f"The {a} council voted on the {b} budget after {c} residents protested."
        for a in ("city", "county", "harbour")
        for b in ("school", "road", "water", "parks")
        for c in ("angry", "many", "local")
    ] + [f"Striker {n} scored twice as the home side won the cup final." for n in range(12)]
    texts += ["A lone heron waded through the marsh.", "Volcanic ash grounded flights."]
    counts = count_terms(pd.DataFrame({"text": texts}))
    shared = shared_terms(counts)
    assert 0 < len(shared.terms) < len(counts.terms) and shared.matrix.shape[0] == len(texts)
    assert discover_topics(texts, counts=shared) == discover_topics(texts, counts=counts)
    assert discover_topics(texts, counts=counts) == discover_topics(texts)
