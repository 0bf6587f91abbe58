"""Name cards a scrape glued into the text are taken out at loading (analysis.corpus.cards).

The texts are written for these tests in the shape such cards take: the name as written,
the full name, the related headlines, "MORE".
"""

from __future__ import annotations

import json

import pytest

from analysis.corpus.cards import strip_name_cards
from analysis.corpus.load import load_corpus


@pytest.mark.parametrize(
    ("text", "expected", "cards"),
    [
        (  # the full name glued to the first headline
            "Sen. Dana Holt Dana Marie HoltSenate panel delays vote | Ports bill stalls MORE "
            "(R-Maine) said the harbour bill would pass.",
            "Sen. Dana Holt (R-Maine) said the harbour bill would pass.",
            1,
        ),
        (  # a possessive after the card, a nickname in brackets
            "Chairman Bob Carr Robert (Bob) Lee CarrHearing set for June MORE’s panel met.",
            "Chairman Bob Carr’s panel met.",
            1,
        ),
        (  # a capital inside the surname, a digit glued after it
            "Rep. Ann McLeod Ann Joy McLeod2020 hopefuls court veterans MORE voted no.",
            "Rep. Ann McLeod voted no.",
            1,
        ),
        (  # the full name as written, then a space before the headline
            "Sen. Kim Vale Kim Vale Senate outlook slides for the majority MORE (D-Ore.) agreed.",
            "Sen. Kim Vale (D-Ore.) agreed.",
            1,
        ),
        (  # a particle in the name
            "Mayor Luis de Soto Luis de SotoCity budget vote looms MORE (D) spoke first.",
            "Mayor Luis de Soto (D) spoke first.",
            1,
        ),
        (  # the name as written glued to the card; no headline
            "Justices Elena Kagan Elena KaganMORE, Tom Reyes Tomas ReyesCourt rules on "
            "water MORE and others dissented.",
            "Justices Elena Kagan, Tom Reyes and others dissented.",
            2,
        ),
        (  # the written name glued to the card
            "Rep. Ana ReyesAna Lucia ReyesVote on ports bill MORE (D-N.M.) objected.",
            "Rep. Ana Reyes (D-N.M.) objected.",
            1,
        ),
    ],
)
def test_a_name_card_is_taken_out_and_the_name_as_written_stays(
    text: str, expected: str, cards: int
):
    assert strip_name_cards(text) == (expected, cards)


def test_text_without_cards_is_left_as_it_is():
    for text in (
        "READ MORE ABOUT THE HARBOUR",
        "Holt, Dana Holt's sister, said MORE was needed.",
        "Dana Holt met Kim Vale. Vale said Holt Dana was a good name.\nMORE",
    ):
        assert strip_name_cards(text) == (text, 0)


def test_the_loader_takes_cards_out_and_says_so(tmp_path):
    text = "Sen. Dana Holt Dana Marie HoltSenate panel delays vote MORE (R-Maine) said no."
    path = tmp_path / "cards.jsonl"
    path.write_text(json.dumps({"text": text, "outlet": "Daily"}) + "\n", encoding="utf-8")
    corpus = load_corpus(path)
    [article] = corpus.articles
    assert article.text == "Sen. Dana Holt (R-Maine) said no."
    [warning] = corpus.warnings
    assert warning.line == 1 and "1 name card" in warning.message
