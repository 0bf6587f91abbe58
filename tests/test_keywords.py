"""Distinctive terms: TF-IDF scores, counts, tokenisation and name merging."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.corpus.load import load_corpus
from analysis.emphasis.keywords import distinctive_terms, sentences_with_term
from analysis.emphasis.names import find_names
from analysis.emphasis.terms import TermAnalyzer, count_terms
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
    analyzer = TermAnalyzer(bundled.names, outlets)
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    matrix = vectorizer.fit_transform(documents).toarray()
    vocabulary = vectorizer.vocabulary_
    counts = count_terms(sentences.reset_index(drop=True), bundled.names)
    expected = [
        matrix[outlets.index(row.group), vocabulary[counts.key(row.term)]]
        for row in result.itertuples()
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
    # no bigram: no two kept words are adjacent as written ("minister said that officials")
    assert terms == ["minister", "officials", "reporters"]


def test_us_is_kept_as_us_not_dropped_as_the_stop_word():
    terms = TermAnalyzer()("U.S. officials met US diplomats and told us nothing.")
    assert terms.count("US") == 2
    assert "us" not in terms
    assert "US officials" in terms
    assert "US diplomats" in terms


def test_shouted_furniture_is_not_taken_for_acronyms():
    # "MORE" is not an acronym here but the stop word "more" ("read" is news furniture)
    expected = ["officials", "protested", "officials protested"]
    assert TermAnalyzer()("Officials protested READ MORE") == expected
    # a shouted label opening a sentence ("UPDATE:", "READ MORE:") is no term at all
    assert TermAnalyzer()("READ MORE: Officials protested.") == expected
    assert TermAnalyzer()("UPDATE: Officials protested.") == expected


def test_possessives_are_stripped():
    terms = TermAnalyzer()("Beijing’s plan and Russia's war")
    assert terms[:4] == ["beijing", "plan", "russia", "war"]
    assert not any("’" in t or "'" in t for t in terms)


def test_contractions_are_dropped():
    terms = TermAnalyzer()("They don't protest, we're unsure and they wouldn’t say.")
    assert terms == ["protest", "unsure"]


def test_names_are_merged_into_one_term():
    terms = TermAnalyzer(XI)("President Xi greeted Xi Jinping. Afterwards Xi departed.")
    assert [t for t in terms if " " not in t or t == "Xi Jinping"] == [
        "Xi Jinping",
        "greeted",
        "Xi Jinping",
        "Xi Jinping",
        "departed",
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


def test_find_names_takes_no_place_adjective_for_a_given_name():
    names = find_names(
        [
            "About 50 million American Zentra users were affected, and Zentra apologised.",
            "On Friday, officials said Zentra would pay, as Sebastian Kurz had asked.",
            "Later in the day, reporters asked Kurz about it.",
        ]
    )
    assert "american zentra" not in names and "zentra" not in names
    assert names["kurz"] == "Sebastian Kurz"


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


# --- content words only (issue 12) ------------------------------------------------------

POLITICS = {
    ("Fox News", "f1"): [
        "UPDATE: Sen. Chuck Schumer of New York went to the White House on Tuesday.",
        "White House officials expressed concern about the spending bill in 2019.",
        "Fox News reported that Schumer is likely to block the spending bill.",
        "McGurk, a key ally, said the shutdown was going to hurt 19 agencies.",
    ],
    ("HuffPost", "h1"): [
        "The Huffington Post has seen the spending bill, HuffPost reported.",
        "John Boehner, R-Ohio, called the shutdown a disgrace for Congress.",
        "Let the shutdown end, Boehner said of the 4½ week standoff.",
        "Donald Trump went on to mock Crooked Hillary Clinton at the rally.",
    ],
    ("CNN", "c1"): [
        "The GOP and the White House traded blame for the shutdown.",
        "Following the vote, McGurk met GOP leaders at the Capitol.",
        "GOP senators expect the spending bill to pass on Friday.",
    ],
}
POLITICS_NAMES = {
    "chuck schumer": "Chuck Schumer",
    "schumer": "Chuck Schumer",
    "john boehner": "John Boehner",
    "boehner": "John Boehner",
    "donald trump": "Donald Trump",
    "hillary clinton": "Hillary Rodham Clinton",
}


@pytest.fixture(scope="module")
def politics() -> pd.DataFrame:
    frame = sentences_frame(POLITICS)
    return distinctive_terms(frame, top=50, names=POLITICS_NAMES, common=True)


def test_no_filler_numbers_outlet_names_or_merge_artefacts(politics):
    terms = set(politics["term"])
    filler = {"expressed", "following", "key", "seen", "going", "let", "likely", "went"}
    numbers = {"2019", "19", "4½"}
    outlets = {"fox", "news", "Fox News", "huffpost", "HuffPost", "Huffington Post", "CNN"}
    furniture = {"update", "UPDATE", "sen", "R-Ohio", "r-ohio"}
    artefacts = {"Chuck Schumer York", "york", "John Boehner r-ohio", "Donald Trump went"}
    artefacts |= {"house officials", "Crooked Hillary Rodham Clinton", "crooked"}
    for bad in filler | numbers | outlets | furniture | artefacts:
        assert bad not in terms, bad
    assert not any(" went" in t or "york" in t.lower() for t in terms)
    # what is left is content: the phrases and names as written
    assert {"White House", "spending bill", "shutdown", "Chuck Schumer", "John Boehner"} <= terms
    assert "Hillary Rodham Clinton" in terms and "concern" in terms
    # a modifier stays inside its phrase
    assert "key ally" in terms or "ally" in terms


def test_terms_are_shown_as_most_often_written(politics):
    terms = set(politics["term"])
    assert {"McGurk", "GOP"} <= terms
    assert "mcgurk" not in terms
    # a word capitalised only because it opens a sentence is shown in lower case
    assert "Following" not in terms and "Let" not in terms
    counts = count_terms(sentences_frame(POLITICS), POLITICS_NAMES)
    assert counts.key("McGurk") == "mcgurk"
    assert counts.display["mcgurk"] == "McGurk"


def test_evidence_is_found_from_the_displayed_term():
    sentences = sentences_frame(POLITICS)
    counts = count_terms(sentences, POLITICS_NAMES)
    found = sentences_with_term(sentences, "McGurk", POLITICS_NAMES, counts)
    assert found["sentence_id"].tolist() == ["f1:3", "c1:1"]


def test_business_and_sport_stories_keep_their_content_words():
    business = sentences_frame(
        {
            ("Reuters", "r1"): [
                "Acme Corp shares fell 12% after the merger talks collapsed, Reuters reported.",
                "Analysts expected Acme Corp to cut costs after the merger talks.",
            ],
            ("Bloomberg", "b1"): [
                "Acme Corp said the merger would have created a key supplier of batteries.",
                "Bloomberg News first reported the collapse of the merger talks.",
            ],
        }
    )
    terms = set(distinctive_terms(business, top=30, common=True)["term"])
    assert {"merger talks", "Acme Corp", "batteries", "analysts"} <= terms
    assert not terms & {"Reuters", "Bloomberg", "Bloomberg News", "news", "12", "expected"}
    sport = sentences_frame(
        {
            ("ESPN", "e1"): ["The Lakers beat the Celtics 110-98 in overtime on Sunday."],
            ("The Athletic", "a1"): [
                "The Celtics' coach blamed the referees after the overtime loss.",
                "The Athletic has learned the coach is likely to stay.",
            ],
        }
    )
    terms = set(distinctive_terms(sport, top=30, common=True)["term"])
    assert {"overtime", "referees", "coach", "Lakers", "Celtics"} <= terms
    assert not terms & {"110-98", "likely", "athletic", "The Athletic", "ESPN"}


def test_ties_are_broken_by_count_then_term():
    # every term occurs once in its own outlet only: all scores of a group tie
    sentences = sentences_frame(
        {("A", "a1"): ["Zebra.", "Mango.", "Apple.", "Mango."], ("B", "b1"): ["Cherry."]}
    )
    a = distinctive_terms(sentences, top=5)
    a = a[a["group"] == "A"]
    assert a["term"].tolist() == ["mango", "apple", "zebra"]


def test_articles_and_outlets_follow_the_shown_outlets(pipeline_sentences):
    everywhere = terms_of(distinctive_terms(pipeline_sentences, top=50), "A")
    assert (everywhere["pipeline"].articles, everywhere["pipeline"].outlets) == (3, 2)
    only_a = terms_of(distinctive_terms(pipeline_sentences, top=50, shown=["A"]), "A")
    assert (only_a["pipeline"].articles, only_a["pipeline"].outlets) == (2, 1)
    # the scores still compare A with every outlet
    assert only_a["pipeline"].score == everywhere["pipeline"].score


# --- log-odds ratio with an informative Dirichlet prior ---------------------------------


def test_log_odds_z_recomputed_by_hand():
    # A = apple x2 + banana, B = banana + cherry (one-word sentences: no bigrams)
    sentences = sentences_frame(
        {("A", "a1"): ["Apple.", "Apple.", "Banana."], ("B", "b1"): ["Banana.", "Cherry."]}
    )
    result = distinctive_terms(sentences, top=5, method="logodds")
    a = terms_of(result, "A")
    # prior a_w = corpus count: apple 2, banana 2, cherry 1; a_0 = 5; n_A = 3, n_B = 2
    # apple in A: log((2+2)/(3+5-2-2)) - log((0+2)/(2+5-0-2)) = log(4/4) - log(2/5)
    delta = math.log(4 / 4) - math.log(2 / 5)
    z = delta / math.sqrt(1 / (2 + 2) + 1 / (0 + 2))
    assert a["apple"].score == pytest.approx(z, rel=1e-12)
    assert a["apple"].score == pytest.approx(1.0581, abs=1e-4)  # 0.9163 / 0.8660 on paper
    # banana: log(3/5) - log(3/4) < 0, so it does not distinguish A
    assert "banana" not in a
    assert terms_of(result, "B")["cherry"].score > 0


def test_log_odds_ranks_a_term_every_outlet_uses_when_one_uses_it_far_more():
    sentences = sentences_frame(
        {
            ("A", "a1"): ["Tariffs.", "Tariffs.", "Tariffs.", "Tariffs.", "Farmers."],
            ("B", "b1"): ["Tariffs.", "Weather.", "Weather."],
        }
    )
    tfidf = terms_of(distinctive_terms(sentences, top=5), "A")
    logodds = terms_of(distinctive_terms(sentences, top=5, method="logodds"), "A")
    assert "tariffs" not in tfidf  # every outlet uses it
    assert "tariffs" in logodds and logodds["tariffs"].rank == 1


def test_unknown_method_is_refused(pipeline_sentences):
    with pytest.raises(ValueError, match="unknown method"):
        distinctive_terms(pipeline_sentences, method="chi2")


def test_case_comes_from_where_case_means_something():
    counts = count_terms(
        sentences_frame(
            {
                ("A", "a1"): [
                    "Government offices closed.",
                    "Government workers waited.",
                    "Government parks shut.",
                    "The shutdown of the government began.",
                    "Photos: Government Shutdown Hits Parks",
                ],
            }
        )
    )
    # mid-sentence "government" decides; sentence openings and Title Case lines do not
    assert counts.display["government"] == "government"
    assert counts.display["shutdown"] == "shutdown"
    # a term only ever seen at a sentence opening is shown in lower case
    assert counts.display["offices"] == "offices"


def test_term_counts_in_several_processes_are_the_same(bundled, monkeypatch):
    import analysis.emphasis.terms as terms

    sentences = bundled.sentences.reset_index(drop=True)
    one = count_terms(sentences, bundled.names)
    monkeypatch.setattr(terms, "TERM_CHUNK", 50)  # several chunks of the bundled sentences
    two = count_terms(sentences, bundled.names, workers=2)
    assert len(sentences) > 2 * 50
    assert list(one.terms) == list(two.terms) and one.display == two.display
    assert (one.matrix != two.matrix).nnz == 0 and one.matrix.shape == two.matrix.shape


def test_one_analyzer_over_many_texts_gives_what_a_fresh_one_gives_each_text():
    """Word traits are remembered across texts; no text's context may leak into another's."""
    names = {"jane okafor": "Jane Okafor", "okafor": "Jane Okafor", "the mill": "The Mill"}
    outlets = ["Harbour Gazette", "The Mill"]
    texts = [
        "READ MORE: US officials said the Harbour Gazette report on Okafor was wrong.",
        "The US team beat the Harbour Gazette XI, and Jane Okafor scored twice.",
        "UPDATE The Mill and the mill workers' union met on Monday; MORE talks soon.",
        "Okafor's coach called it a key win for the US side at The Mill.",
    ]
    shared = TermAnalyzer(names, outlets)
    for text in texts + texts[::-1]:
        assert shared.pairs(text) == TermAnalyzer(names, outlets).pairs(text)
    assert ("US", "US") in shared.pairs(texts[1]) and ("more", "") not in shared.pairs(texts[2])


# --- the vectorised ranking gives the plain dense computation's table (issue 15) ---------


def dense_distinctive_terms(sentences, counts, by, top, common, method, shown, names):
    """The ranking as first written: dense rows, every term scored and sorted per group.

    A reference for :func:`distinctive_terms`, which scores only each group's own terms
    and sorts only the best of them: both must give the same table, number for number.
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    from analysis.emphasis.keywords import _drop_fragments, log_odds_z

    rows = counts.matrix[sentences.index.to_numpy()].toarray()
    groups = sorted(sentences[by].unique())
    codes = sentences[by].map({g: i for i, g in enumerate(groups)}).to_numpy()
    per_group = np.vstack([rows[codes == g].sum(axis=0) for g in range(len(groups))])
    used = np.flatnonzero(per_group.sum(axis=0))
    per_group, terms = per_group[:, used], counts.terms[used]
    if method == "tfidf":
        scores = TfidfTransformer(sublinear_tf=True).fit_transform(per_group).toarray()
        everywhere = (per_group > 0).sum(axis=0) == len(groups)
        ranked = ~everywhere if not common else np.ones(len(terms), bool)
    else:
        scores, ranked = log_odds_z(per_group), np.ones(len(terms), bool)
    view = (
        sentences["outlet"].isin(shown).to_numpy()
        if shown is not None
        else np.ones(len(rows), bool)
    )
    present = rows[view][:, used] > 0
    spread = [
        np.array(
            [
                present[(sentences[view][c] == v).to_numpy()].any(axis=0)
                for v in sentences[view][c].unique()
            ]
        ).sum(axis=0)
        for c in ("article_id", "outlet")
    ]
    shown_terms = np.array([counts.display.get(t, t) for t in terms], dtype=object)
    table = []
    for g, group in enumerate(groups):
        row, own = scores[g], per_group[g]
        candidates = np.flatnonzero((row > 0) & (own > 0) & ranked)
        order = np.lexsort((shown_terms[candidates], -own[candidates], -row[candidates]))
        pool = candidates[order][: 10 * top].tolist()
        kept = _drop_fragments(pool, terms, own, frozenset((names or {}).values()))
        table += [
            (group, r, shown_terms[i], float(row[i]), int(own[i]), spread[0][i], spread[1][i])
            for r, i in enumerate(kept[:top], start=1)
        ]
    return pd.DataFrame(table, columns=COLUMNS)


def assembled_corpus(seed: int) -> pd.DataFrame:
    """Sentences of eight outlets on courts, storms, markets and football: words drawn at
    random from one shared vocabulary (ties in score abound) plus each outlet's own words."""
    rng = np.random.default_rng(seed)
    shared = (
        "court ruling judge appeal verdict jury storm flood rescue evacuation shares market "
        "merger earnings striker goal coach league senate budget vote governor wildfire "
        "damage insurance tariff strike union"
    ).split()
    outlets = ["Courier", "Daily Ledger", "Gazette", "Herald", "Monitor", "Post", "Star", "Wire"]
    articles = {}
    for o, outlet in enumerate(outlets):
        own = [f"{outlet.split()[0].lower()}word{k}" for k in range(4)]
        for a in range(int(rng.integers(2, 6))):
            texts = []
            for _ in range(int(rng.integers(3, 9))):
                words = rng.choice(shared + own * (o % 3), size=int(rng.integers(3, 9)))
                texts.append(" ".join(words).capitalize() + ".")
            if a == 0:
                texts.append("Judge Maria Okafor upheld the ruling, Judge Okafor said.")
            articles[(outlet, f"{outlet[:2]}{a}")] = texts
    return sentences_frame(articles)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("method", ["tfidf", "logodds"])
def test_the_vectorised_ranking_equals_the_dense_one(seed, method):
    frame = assembled_corpus(seed)
    names = {"maria okafor": "Maria Okafor", "okafor": "Maria Okafor"}
    counts = count_terms(frame, names)
    # a filtered selection: its index labels are rows of the whole corpus's counts
    selection = frame[frame["position"] % 4 != 3]
    outlets = sorted(frame["outlet"].unique())
    cases = [
        dict(by="outlet", top=3, common=False, shown=None),
        dict(by="outlet", top=5, common=True, shown=None),
        dict(by="outlet", top=4, common=False, shown=frozenset(outlets[:2])),
        dict(by="article_id", top=2, common=False, shown=frozenset(outlets[3:])),
    ]
    for sentences in (frame, selection):
        for case in cases:
            got = distinctive_terms(sentences, names=names, counts=counts, method=method, **case)
            expected = dense_distinctive_terms(
                sentences, counts, method=method, names=names, **case
            )
            assert len(got) > 3 * len(got["group"].unique()) / 2, case
            pd.testing.assert_frame_equal(
                got.astype({"group": object, "term": object}),
                expected.astype({"group": object, "term": object}),
                check_exact=True,
                check_dtype=False,
            )


def test_sublinear_tfidf_gives_scikit_learns_scores():
    """The written-out TF-IDF (no scikit-learn import at page load) is scikit-learn's, number
    for number, including a term every group uses and a group with one term."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfTransformer

    from analysis.emphasis.terms import sublinear_tfidf

    counts = sparse.csr_matrix(
        np.array([[3, 0, 1, 7, 0], [1, 2, 0, 1, 0], [0, 0, 0, 4, 0], [5, 1, 1, 1, 9]])
    )
    ours = sublinear_tfidf(counts)
    theirs = TfidfTransformer(sublinear_tf=True).fit_transform(counts).tocsr()
    theirs.sort_indices()
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.indptr, theirs.indptr)
    np.testing.assert_array_equal(ours.data, theirs.data)
    assert ours.toarray()[2, 3] == 1.0  # a group of one term is that term at full weight
