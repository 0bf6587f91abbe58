"""The analyst's selection applied to the sentence table."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.filters import Selection, coverage, select_quotes, select_sentences

# article a1 (Daily): "Talks (a.b) resumed. Putin said “no deal”. Prices rose 5%."
#                      0         1         2         3         4         5
ROWS = [
    # article_id, outlet, start, end, text, topics, discovered_topic
    ("a1", "Daily", 0, 20, "Talks (a.b) resumed.", ("Peace",), "Discovered: talks"),
    ("a1", "Daily", 21, 42, "Putin said “no deal”.", ("Peace", "Russia"), ""),
    ("a1", "Daily", 43, 58, "Prices rose 5%.", ("Trade",), "Discovered: prices"),
    ("b1", "Herald", 0, 24, "Peace TALKS resumed today", ("Peace",), "Discovered: talks"),
    ("b1", "Herald", 25, 52, "Officials said a deal is near.", (), ""),
    ("c1", "Post", 0, 27, "talks   resumed after a pause", (), "Discovered: talks"),
]


@pytest.fixture
def sentences() -> pd.DataFrame:
    frame = pd.DataFrame(
        ROWS,
        columns=["article_id", "outlet", "start", "end", "text", "topics", "discovered_topic"],
    )
    frame.insert(0, "sentence_id", [f"s{i}" for i in range(len(frame))])
    frame["words"] = frame["text"].str.split().str.len()
    return frame


@pytest.fixture
def quotes() -> pd.DataFrame:
    return pd.DataFrame(
        [
            # the quote “no deal” inside sentence s1, its speaker named in the same sentence
            ("a1", "Vladimir Putin", 32, 41, 21, 26),
            # a quote at 30-35 of b1 whose speaker is mentioned earlier, in sentence s3
            ("b1", "Antony Blinken", 30, 35, 6, 11),
            # an unattributed quote in c1, no mention
            ("c1", "Xi Jinping", 5, 12, pd.NA, pd.NA),
        ],
        columns=["article_id", "speaker", "start", "end", "mention_start", "mention_end"],
    )


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["sentence_id"].tolist()


def test_empty_selection_keeps_everything(sentences):
    selection = Selection()
    assert selection.is_empty
    assert ids(select_sentences(sentences, selection)) == ids(sentences)


def test_outlet_filter(sentences):
    assert ids(select_sentences(sentences, Selection(outlets=("Herald",)))) == ["s3", "s4"]
    both = select_sentences(sentences, Selection(outlets=("Herald", "Post")))
    assert ids(both) == ["s3", "s4", "s5"]
    assert select_sentences(sentences, Selection(outlets=("Nobody",))).empty


def test_topic_filter_defined_and_discovered(sentences):
    assert ids(select_sentences(sentences, Selection(topics=("Russia",)))) == ["s1"]
    assert ids(select_sentences(sentences, Selection(topics=("Trade", "Russia")))) == ["s1", "s2"]
    discovered = select_sentences(sentences, Selection(topics=("Discovered: talks",)))
    assert ids(discovered) == ["s0", "s3", "s5"]
    mixed = select_sentences(sentences, Selection(topics=("Russia", "Discovered: prices")))
    assert ids(mixed) == ["s1", "s2"]


def test_empty_discovered_topic_is_not_a_topic(sentences):
    assert select_sentences(sentences, Selection(topics=("",))).empty


def test_query_is_a_case_insensitive_phrase(sentences):
    assert ids(select_sentences(sentences, Selection(query="talks resumed"))) == ["s3"]
    # whitespace in the query is normalised, not in the text
    assert ids(select_sentences(sentences, Selection(query="  TALKS   resumed "))) == ["s3"]
    assert ids(select_sentences(sentences, Selection(query="deal"))) == ["s1", "s4"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("(a.b)", ["s0"]),  # parentheses and a dot, literally
        ("5%.", ["s2"]),
        ("“no deal”", ["s1"]),
        ("a.b", ["s0"]),
        ("a+b", []),  # as a regex, "a+b" would not match anything either; "." is the test
        ("axb", []),  # "a.b" as a regex would match "axb"; as text nothing has it
    ],
)
def test_query_escapes_regex_characters(sentences, query, expected):
    assert ids(select_sentences(sentences, Selection(query=query))) == expected


def test_query_dot_is_not_a_wildcard(sentences):
    # "resumed." as a regex would also match "resumed " followed by any character
    assert ids(select_sentences(sentences, Selection(query="resumed."))) == ["s0"]


def test_speaker_filter_uses_quote_and_mention_spans(sentences, quotes):
    putin = select_sentences(sentences, Selection(speakers=("Vladimir Putin",)), quotes)
    assert ids(putin) == ["s1"]
    # the quote (s4) and the sentence naming the speaker (s3)
    blinken = select_sentences(sentences, Selection(speakers=("Antony Blinken",)), quotes)
    assert ids(blinken) == ["s3", "s4"]
    xi = select_sentences(sentences, Selection(speakers=("Xi Jinping",)), quotes)
    assert ids(xi) == ["s5"]
    both = Selection(speakers=("Vladimir Putin", "Antony Blinken"))
    assert ids(select_sentences(sentences, both, quotes)) == ["s1", "s3", "s4"]
    assert select_sentences(sentences, Selection(speakers=("Nobody",)), quotes).empty


def test_filters_combine_with_and(sentences, quotes):
    selection = Selection(outlets=("Daily", "Herald"), topics=("Peace",), query="talks")
    assert ids(select_sentences(sentences, selection)) == ["s0", "s3"]
    selection = Selection(outlets=("Herald",), speakers=("Antony Blinken",), query="deal")
    assert ids(select_sentences(sentences, selection, quotes)) == ["s4"]


def test_coverage(sentences):
    selected = select_sentences(sentences, Selection(outlets=("Daily",)))
    assert coverage(sentences, selected) == {
        "articles": 1,
        "articles_total": 3,
        "sentences": 3,
        "sentences_total": 6,
        "words": 3 + 4 + 3,
        "words_total": 3 + 4 + 3 + 4 + 6 + 5,
    }
    nothing = coverage(sentences, sentences.iloc[0:0])
    assert (nothing["articles"], nothing["sentences"], nothing["words"]) == (0, 0, 0)


def test_describe():
    assert Selection().describe() == "no filter"
    assert Selection(query="   ").describe() == "no filter"
    assert Selection(outlets=("CNN",)).describe() == "outlet=CNN"
    selection = Selection(
        outlets=("CNN", "TIME"),
        topics=("Trade",),
        speakers=("Xi Jinping",),
        query=" peace plan ",
    )
    assert selection.describe() == (
        "outlet=CNN, TIME and topic=Trade and speaker=Xi Jinping and search “peace plan”"
    )
    assert not selection.is_empty


def test_select_quotes_keeps_quotes_overlapping_selected_sentences(sentences, quotes):
    herald = select_sentences(sentences, Selection(outlets=("Herald",)))
    assert select_quotes(quotes, herald, Selection())["speaker"].tolist() == ["Antony Blinken"]
    everything = select_quotes(quotes, sentences, Selection(speakers=("Xi Jinping",)))
    assert everything["speaker"].tolist() == ["Xi Jinping"]
    assert select_quotes(quotes, sentences.iloc[0:0], Selection()).empty


def test_story_filter_keeps_the_story_s_articles(sentences):
    story = Selection(story="Talks resume", story_articles=frozenset({"a1", "c1"}))
    assert ids(select_sentences(sentences, story)) == ["s0", "s1", "s2", "s5"]
    assert not story.is_empty and "story “Talks resume”" in story.describe()
    both = Selection(outlets=("Post",), story="Talks resume", story_articles=frozenset({"a1"}))
    assert select_sentences(sentences, both).empty
