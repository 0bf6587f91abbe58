"""Distinctive terms: TF-IDF scores, counts, tokenisation and name merging."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.corpus import load_corpus
from analysis.keywords import TermAnalyzer, distinctive_terms, find_names
from analysis.pipeline import analyse

BUNDLED = Path(__file__).resolve().parent.parent / "corpus"
COLUMNS = ["group", "rank", "term", "score", "count", "articles", "outlets"]
XI = {"xi": "Xi Jinping", "president xi": "Xi Jinping", "xi jinping": "Xi Jinping"}


def sentences_frame(articles: dict[tuple[str, str], list[str]]) -> pd.DataFrame:
    """A sentences table from {(outlet, article_id): [sentence, ...]}."""
    rows = [
        (f"{aid}:{i}", aid, outlet, i, text)
        for (outlet, aid), texts in articles.items()
        for i, text in enumerate(texts)
    ]
    return pd.DataFrame(rows, columns=["sentence_id", "article_id", "outlet", "position", "text"])


def terms_of(frame: pd.DataFrame, group: str) -> dict[str, pd.Series]:
    return {row.term: row for row in frame[frame["group"] == group].itertuples()}


@pytest.fixture(scope="module")
def bundled():
    return analyse(load_corpus(BUNDLED))


# --- scores ------------------------------------------------------------------------------


def test_scores_equal_a_direct_tfidf_vectorizer(bundled):
    sentences = bundled.sentences
    result = distinctive_terms(sentences, top=20, names=bundled.names)
    assert not result.empty
    ordered = sentences.sort_values(["article_id", "position"])
    outlets = sorted(ordered["outlet"].unique())
    documents = ["\n".join(ordered.loc[ordered["outlet"] == o, "text"]) for o in outlets]
    vectorizer = TfidfVectorizer(analyzer=TermAnalyzer(bundled.names), sublinear_tf=True)
    matrix = vectorizer.fit_transform(documents).toarray()
    vocabulary = vectorizer.vocabulary_
    expected = [
        matrix[outlets.index(row.group), vocabulary[row.term]] for row in result.itertuples()
    ]
    assert set(result["group"]) == set(outlets)
    np.testing.assert_allclose(result["score"].to_numpy(), expected, rtol=1e-12)
    # within each group the ranks run 1..n in non-increasing score order
    for _, group in result.groupby("group"):
        assert group["rank"].tolist() == list(range(1, len(group) + 1))
        assert group["score"].is_monotonic_decreasing


def test_one_score_recomputed_by_hand():
    # one-word sentences, so no bigrams: A = apple x2 + banana, B = banana + cherry, C = cherry
    sentences = sentences_frame(
        {
            ("A", "a1"): ["Apple.", "Apple.", "Banana."],
            ("B", "b1"): ["Banana.", "Cherry."],
            ("C", "c1"): ["Cherry."],
        }
    )
    result = distinctive_terms(sentences, top=5)
    n = 3
    idf_apple = math.log((1 + n) / (1 + 1)) + 1  # df = 1
    idf_banana = math.log((1 + n) / (1 + 2)) + 1  # df = 2
    apple = (1 + math.log(2)) * idf_apple  # tf = 2
    banana = (1 + math.log(1)) * idf_banana  # tf = 1
    norm = math.sqrt(apple**2 + banana**2)
    a = terms_of(result, "A")
    assert sorted(a) == ["apple", "banana"]
    assert a["apple"].score == pytest.approx(apple / norm, rel=1e-12)
    # on paper: 1.6931² / √(2.8667² + 1.2877²) = 2.8667 / 3.1426
    assert a["apple"].score == pytest.approx(0.9122, abs=1e-4)
    assert a["banana"].score == pytest.approx(banana / norm, rel=1e-12)
    assert (a["apple"].rank, a["banana"].rank) == (1, 2)


# --- counts and spread ----------------------------------------------------------------


@pytest.fixture
def pipeline_sentences() -> pd.DataFrame:
    return sentences_frame(
        {
            ("A", "a1"): ["Pipeline talks stalled.", "The pipeline reopened.", "Gas prices rose."],
            ("A", "a2"): ["Pipeline exports fell.", "Gas prices rose."],
            ("B", "b1"): ["Pipeline critics protested.", "Gas prices rose again."],
            # an outlet without the shared terms, so no term is used by every group
            ("C", "c1"): ["Storms battered the coast."],
        }
    )


def test_count_articles_and_outlets_are_counted(pipeline_sentences):
    result = distinctive_terms(pipeline_sentences, top=50)
    assert list(result.columns) == COLUMNS
    a, b = terms_of(result, "A"), terms_of(result, "B")
    # term: (count in the group, articles using it, outlets using it)
    assert (a["pipeline"].count, a["pipeline"].articles, a["pipeline"].outlets) == (3, 3, 2)
    assert (a["gas prices"].count, a["gas prices"].articles, a["gas prices"].outlets) == (2, 3, 2)
    assert (a["talks"].count, a["talks"].articles, a["talks"].outlets) == (1, 1, 1)
    assert (b["critics"].count, b["critics"].articles, b["critics"].outlets) == (1, 1, 1)
    assert (b["pipeline"].count, b["pipeline"].articles, b["pipeline"].outlets) == (1, 3, 2)


def test_fragments_and_one_off_bigrams_are_not_listed(pipeline_sentences):
    a = terms_of(distinctive_terms(pipeline_sentences, top=50), "A")
    # "gas" and "prices" occur only inside "gas prices" (same count): fragments of it
    assert "gas" not in a and "prices" not in a
    assert "gas prices" in a
    # a bigram seen once is not a phrase
    assert "pipeline talks" not in a and "exports fell" not in a


def test_bigrams_never_cross_sentence_boundaries(pipeline_sentences):
    analyzer = TermAnalyzer()
    assert analyzer("Talks stalled\nPipeline reopened") == [
        "talks",
        "stalled",
        "talks stalled",
        "pipeline",
        "reopened",
        "pipeline reopened",
    ]
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    vectorizer.fit(["\n".join(pipeline_sentences["text"])])
    bigrams = {t for t in vectorizer.vocabulary_ if " " in t}
    assert "stalled pipeline" not in bigrams  # end of one sentence + start of the next
    assert "rose pipeline" not in bigrams
    assert "reopened gas" not in bigrams
    assert "pipeline talks" in bigrams  # inside a sentence


# --- tokens ----------------------------------------------------------------------------


def test_stop_words_and_news_furniture_are_excluded():
    terms = TermAnalyzer()(
        "On Monday the minister said that officials told reporters, according to a statement, "
        "to click and subscribe to the newsletter for the photo."
    )
    assert terms == [
        "minister",
        "officials",
        "reporters",
        "minister officials",
        "officials reporters",
    ]


def test_us_is_kept_as_us_not_dropped_as_the_stop_word():
    terms = TermAnalyzer()("U.S. officials met US diplomats and told us nothing.")
    assert terms.count("US") == 2
    assert "us" not in terms
    assert "US officials" in terms
    assert "US diplomats" in terms


def test_shouted_furniture_is_not_taken_for_acronyms():
    # "MORE" is not an acronym here but the stop word "more" ("read" is news furniture)
    assert TermAnalyzer()("READ MORE: Officials met.") == ["officials", "met", "officials met"]


def test_possessives_are_stripped():
    terms = TermAnalyzer()("Beijing’s plan and Russia's war")
    assert terms[:4] == ["beijing", "plan", "russia", "war"]
    assert not any("’" in t or "'" in t for t in terms)


def test_contractions_are_dropped():
    terms = TermAnalyzer()("They don't know, we're unsure and they wouldn’t say.")
    assert terms == ["know", "unsure", "know unsure"]


def test_names_are_merged_into_one_term():
    terms = TermAnalyzer(XI)("President Xi met Xi Jinping. Later Xi left.")
    assert [t for t in terms if " " not in t or t == "Xi Jinping"] == [
        "Xi Jinping",
        "met",
        "Xi Jinping",
        "later",
        "Xi Jinping",
        "left",
    ]
    assert not {"xi", "jinping", "xi jinping", "president"} & set(terms)


def test_find_names_maps_a_surname_to_its_one_full_name():
    names = find_names(
        [
            "Kremlin spokesman Dmitry Peskov spoke to reporters on the phone.",
            "On Tuesday, officials said that Peskov repeated the claim again.",
        ]
    )
    assert names["dmitry peskov"] == "Dmitry Peskov"
    assert names["peskov"] == "Dmitry Peskov"
    assert "kremlin spokesman" not in names


def test_find_names_leaves_an_ambiguous_surname_alone():
    names = find_names(
        [
            "Joe Biden spoke to reporters at the rally on the weekend.",
            "Jill Biden spoke to teachers at a school in the city.",
            "Later in the day, officials said Biden would travel again.",
        ]
    )
    assert names["joe biden"] == "Joe Biden"
    assert names["jill biden"] == "Jill Biden"
    assert "biden" not in names


def test_find_names_ignores_title_case_headlines():
    headline = "Putin Arrives in Moscow for Talks With Leaders"
    assert "putin arrives" not in find_names([headline])
    # the same words inside an ordinary sentence would pair up
    assert "putin arrives" in find_names(["the crowd waited as Putin Arrives was announced"])


def test_known_aliases_are_added():
    names = find_names(["no names here at all."], known={"President Xi": "Xi Jinping"})
    assert names == {"president xi": "Xi Jinping"}


# --- on the bundled corpus --------------------------------------------------------------


@pytest.mark.parametrize("use_names", [True, False])
def test_no_name_fragments_on_the_bundled_corpus(bundled, use_names):
    names = bundled.names if use_names else None
    result = distinctive_terms(bundled.sentences, top=50, names=names)
    assert set(result["group"]) == set(bundled.articles["outlet"])
    for outlet, group in result.groupby("group"):
        terms = set(group["term"].str.lower())
        assert not {"jinping", "xi jinping", "xi"} <= terms, outlet


def test_per_article_mode(pipeline_sentences):
    result = distinctive_terms(pipeline_sentences, by="article_id", top=50)
    assert set(result["group"]) == {"a1", "a2", "b1", "c1"}
    a1, a2 = terms_of(result, "a1"), terms_of(result, "a2")
    assert a1["pipeline"].count == 2
    assert a2["pipeline"].count == 1
    assert "talks" in a1 and "talks" not in a2
    assert (a1["pipeline"].articles, a1["pipeline"].outlets) == (3, 2)


def test_empty_selection_returns_an_empty_frame_with_the_columns(pipeline_sentences):
    result = distinctive_terms(pipeline_sentences.iloc[0:0])
    assert result.empty
    assert list(result.columns) == COLUMNS


def test_selection_of_only_stop_words_returns_an_empty_frame():
    result = distinctive_terms(sentences_frame({("A", "a1"): ["He said it was the one."]}))
    assert result.empty
    assert list(result.columns) == COLUMNS
