"""Reuse detection on constructed article families and blocking cost.

Each family has an original article, a verbatim copy of its body inside other
text, an edited copy (words changed and inserted) and a close paraphrase.
Pairs inside a family are reuse of a known kind; pairs across families are
not. Run with ``-s`` to see the precision/recall printout.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from analysis.overlap.reuse import (
    REUSE_COLUMNS,
    candidate_pairs,
    reuse_pairs,
    sentence_candidates,
    shared_copy,
    shared_copy_sentences,
    shingle_hashes,
    similar_sentences,
    tfidf,
    tokens,
)
from analysis.overlap.sentence_similarity import product_chunks, term_counts, terms

FAMILIES = {
    "dam": (
        "Engineers opened all twelve spillway gates of the Karsten dam on Tuesday after "
        "three days of heavy rain pushed the reservoir to its highest level since 1998. "
        "Residents of four villages downstream were told to move livestock to higher ground, "
        "and the regional water authority said the release would continue for at least a week. "
        "Farmers complained that the warning came too late to save the barley harvest.",
        "Engineers opened all twelve spillway gates of the Karsten dam on Tuesday after "
        "four days of torrential rain pushed the reservoir to its highest recorded level since "
        "1998. Residents of five villages downstream were told to move their livestock to "
        "higher ground, and the regional water authority said the release would continue for "
        "at least a week. Farmers complained that the warning came too late to save the harvest.",
        "On Tuesday engineers at the Karsten dam opened all twelve of its spillway gates, "
        "since three days of heavy rain had pushed the reservoir to its highest level "
        "since 1998. Residents of four downstream villages were told by officials to move "
        "livestock to higher ground; the release would continue for at least a week, the "
        "regional water authority said. Farmers complained the warning had come too late "
        "for the barley harvest.",
    ),
    "chip": (
        "The chipmaker Lumetra said on Thursday it would build a second fabrication plant "
        "near Dresden, investing 9 billion euros over six years. The company expects the plant "
        "to employ about 2,000 people once production of automotive sensors begins in 2027. "
        "Local officials welcomed the announcement but warned that the region lacks housing "
        "for the new workers.",
        "The chipmaker Lumetra said on Thursday it would build a second large fabrication plant "
        "near Dresden, investing 9.5 billion euros over seven years. The company expects the "
        "new plant to employ roughly 2,000 people once production of automotive sensors begins "
        "in 2027. Local officials welcomed the announcement but cautioned that the region lacks "
        "housing for the new workers.",
        "Lumetra, the chipmaker, said on Thursday that a second fabrication plant would be "
        "built near Dresden, with 9 billion euros invested over six years. About 2,000 people "
        "are expected to be employed at the plant, the company said, once automotive sensor "
        "production begins in 2027. Local officials, while welcoming the announcement, "
        "warned that housing for the new workers is lacking in the region.",
    ),
    "strike": (
        "Train drivers in the northern network walked out at midnight in a dispute over "
        "shift patterns, cancelling nearly all regional services on Monday. The union said "
        "talks with the operator had collapsed after management refused to limit night shifts "
        "to three a week. Commuters crowded onto replacement buses, and traffic on the coastal "
        "motorway backed up for twenty kilometres.",
        "Train drivers across the northern network walked out at midnight in a bitter dispute "
        "over shift patterns, cancelling almost all regional services on Monday. The union said "
        "talks with the rail operator had collapsed after management refused to limit night "
        "shifts to two a week. Commuters crowded onto replacement buses, and traffic on the "
        "coastal motorway backed up for thirty kilometres.",
        "Nearly all regional services were cancelled on Monday when drivers on the northern "
        "train network walked out at midnight over a shift pattern dispute. The union said "
        "talks had collapsed after the operator's management refused to limit night shifts "
        "to three each week. Commuters crowded replacement buses, and on the coastal motorway "
        "traffic backed up for twenty kilometres.",
    ),
    "museum": (
        "A bronze helmet stolen from the city museum in 1987 has been returned after a "
        "collector in Belgium recognised it in an auction catalogue. The museum director said "
        "the helmet, made around 500 BC, would go back on display in the spring after "
        "conservators examine it. Police have not said whether anyone will be charged over "
        "the original theft.",
        "A bronze helmet stolen from the city museum back in 1987 has been returned after a "
        "private collector in Belgium recognised it in an online auction catalogue. The museum "
        "director said the helmet, made around 500 BC, would go back on public display in the "
        "summer after conservators examine it. Police have not said whether anyone will be "
        "charged over the theft.",
        "After a Belgian collector recognised it in an auction catalogue, a bronze helmet "
        "stolen in 1987 from the city museum has been returned. The helmet, made around 500 "
        "BC, would be back on display in spring once conservators had examined it, said the "
        "museum director. Police have not said if anyone will be charged over the original "
        "theft.",
    ),
    "vaccine": (
        "Health officials began offering a new measles vaccination campaign in the eastern "
        "provinces after 340 cases were confirmed since January. Mobile clinics will visit "
        "schools and markets, and parents can book appointments through a free telephone line. "
        "The ministry said coverage among children under five had fallen to 81 percent during "
        "the pandemic.",
        "Health officials began offering a new measles vaccination campaign in the eastern and "
        "southern provinces after 360 cases were confirmed since January. Mobile clinics will "
        "visit schools, churches and markets, and parents can book appointments through a free "
        "telephone line. The ministry said coverage among young children under five had fallen "
        "to 79 percent during the pandemic.",
        "After 340 confirmed cases since January, health officials in the eastern provinces "
        "began a new campaign of measles vaccination. Schools and markets will be visited by "
        "mobile clinics, and a free telephone line lets parents book appointments. Coverage "
        "among children under five fell to 81 percent in the pandemic, according to the "
        "ministry.",
    ),
    "court": (
        "The supreme court struck down a provincial law on Friday that allowed police to "
        "search phones at border crossings without a warrant. In a seven to two ruling, the "
        "judges said the law violated the constitutional right to privacy. The provincial "
        "government said it would study the decision before deciding whether to draft a new "
        "bill.",
        "The supreme court struck down a controversial provincial law on Friday that allowed "
        "police to search mobile phones at border crossings without a warrant. In a six to three "
        "ruling, the judges said the law plainly violated the constitutional right to privacy. "
        "The provincial government said it would carefully study the decision before deciding "
        "whether to draft a new bill.",
        "On Friday a provincial law that let police search phones at border crossings "
        "without a warrant was struck down by the supreme court. The judges ruled seven to two "
        "that the law violated constitutional privacy rights. The provincial government said "
        "it would study the decision before it decides whether a new bill should be drafted.",
    ),
}
FILLER = [
    "In other news this week, the city council approved a budget for new cycle lanes.",
    "Weather forecasters expect a dry and sunny weekend across most of the country.",
    "The national football team will play two friendly matches in the autumn.",
    "Meanwhile, a popular bakery chain announced it would open ten new shops.",
    "Separately, the central bank kept its main interest rate unchanged.",
    "Tickets for the summer music festival sold out within an hour.",
]
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def frames(docs: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Articles and naive sentence frames (one outlet per article)."""
    articles, sentences = [], []
    for article_id, text in docs.items():
        outlet = f"outlet-{article_id}"
        articles.append((article_id, outlet, article_id, text, len(text.split())))
        start = 0
        for k, piece in enumerate(_SPLIT.split(text)):
            start = text.index(piece, start)
            end = start + len(piece)
            row = (f"{article_id}:{k}", article_id, outlet, 0, k, start, end, piece)
            sentences.append(row)
            start = end
    return (
        pd.DataFrame(articles, columns=["article_id", "outlet", "title", "text", "words"]),
        pd.DataFrame(
            sentences,
            columns=[
                "sentence_id",
                "article_id",
                "outlet",
                "paragraph",
                "position",
                "start",
                "end",
                "text",
            ],
        ),
    )


def constructed() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Articles of all families and the true kind of every labelled pair."""
    docs, truth = {}, {}
    for n, (name, (original, edited, paraphrase)) in enumerate(FAMILIES.items()):
        docs[f"{name}-orig"] = original
        docs[f"{name}-copy"] = f"{FILLER[n]} {original}"
        docs[f"{name}-edit"] = edited
        docs[f"{name}-para"] = paraphrase
        truth[(f"{name}-orig", f"{name}-copy")] = "verbatim"
        truth[(f"{name}-orig", f"{name}-edit")] = "near-verbatim"
        truth[(f"{name}-copy", f"{name}-edit")] = "near-verbatim"
        for other in ("orig", "copy", "edit"):
            truth[(f"{name}-{other}", f"{name}-para")] = "paraphrase"
    return docs, truth


def predicted(reuse: pd.DataFrame) -> dict[tuple[str, str], str]:
    """For each article pair, the reuse kind covering most of article_a's characters."""
    chars = reuse.assign(chars=reuse["end_a"] - reuse["start_a"])
    chars = chars.groupby(["article_a", "article_b", "kind"])["chars"].sum().reset_index()
    best = chars.sort_values("chars").drop_duplicates(["article_a", "article_b"], keep="last")
    return {(r.article_a, r.article_b): r.kind for r in best.itertuples()}


@pytest.fixture(scope="module")
def labelled():
    docs, truth = constructed()
    articles, sentences = frames(docs)
    return truth, predicted(reuse_pairs(articles, sentences)), list(docs)


def test_constructed_pairs_precision_recall(labelled):
    truth, found, ids = labelled
    assert len(truth) >= 20
    all_pairs = list(itertools.combinations(ids, 2))
    tp = sum(1 for p in all_pairs if p in truth and p in found)
    fp = sum(1 for p in all_pairs if p not in truth and p in found)
    fn = sum(1 for p in all_pairs if p in truth and p not in found)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(
        f"\nreuse detected: precision {precision:.2f} recall {recall:.2f} ({len(all_pairs)} pairs)"
    )
    for kind in ("verbatim", "near-verbatim", "paraphrase"):
        true_pairs = {p for p, k in truth.items() if k == kind}
        found_pairs = {p for p, k in found.items() if k == kind}
        hit = len(true_pairs & found_pairs)
        print(
            f"  {kind:14s} precision {hit / max(len(found_pairs), 1):.2f} "
            f"recall {hit / len(true_pairs):.2f} (true {len(true_pairs)}, found {len(found_pairs)})"
        )
    assert precision >= 0.95
    assert recall >= 0.9


def test_kinds_of_verbatim_and_edited_copies(labelled):
    truth, found, _ = labelled
    for kind in ("verbatim", "near-verbatim"):
        pairs = [p for p, k in truth.items() if k == kind]
        assert sum(found.get(p) == kind for p in pairs) / len(pairs) >= 0.9


def test_passage_spans_point_into_both_articles():
    docs, _ = constructed()
    articles, sentences = frames({k: docs[k] for k in ("dam-orig", "dam-copy")})
    reuse = reuse_pairs(articles, sentences)
    row = reuse[reuse["kind"] == "verbatim"].iloc[0]
    assert docs["dam-orig"][row.start_a : row.end_a] == row.text_a
    assert docs["dam-copy"][row.start_b : row.end_b] == row.text_b
    assert row.text_a == docs["dam-orig"].rstrip(".")
    assert row.similarity == 1.0


def test_shared_copy_flags_and_discounts_later_carriers():
    docs, _ = constructed()
    chosen = {k: docs[k] for k in ("dam-orig", "dam-copy", "dam-edit", "chip-orig")}
    articles, sentences = frames(chosen)
    reuse = reuse_pairs(articles, sentences)
    copies = shared_copy(reuse, articles)
    flagged = set(zip(*copies.loc[copies["shared_copy"], ["article_a", "article_b"]].T.values))
    assert flagged == {("dam-orig", "dam-copy"), ("dam-orig", "dam-edit"), ("dam-copy", "dam-edit")}
    discounted = shared_copy_sentences(reuse, sentences)
    by_article = sentences.set_index("sentence_id")["article_id"]
    assert {by_article[s] for s in discounted} == {"dam-copy", "dam-edit"}
    # The sentence before the copy is the copying article's own.
    assert "dam-copy:0" not in discounted
    assert not any(s.startswith("dam-orig") for s in discounted)


def test_unrelated_articles_are_never_candidates():
    rng = np.random.default_rng(7)
    vocabulary = [f"w{k}" for k in range(5000)]
    docs = [" ".join(rng.choice(vocabulary, 300)) for _ in range(200)]
    hashes = [shingle_hashes(tokens(doc)) for doc in docs]
    pairs = candidate_pairs(hashes)
    all_pairs = 200 * 199 // 2
    assert len(pairs) < 0.01 * all_pairs
    # A copied document joins the candidates.
    hashes.append(hashes[5].copy())
    assert [5, 200] in candidate_pairs(hashes).tolist()


def test_sentence_blocking_compares_far_fewer_than_all_pairs():
    rng = np.random.default_rng(3)
    vocabulary = [f"term{k}" for k in range(20000)]
    texts = [" ".join(rng.choice(vocabulary, 12)) for _ in range(2000)]
    groups = np.arange(2000) // 10
    rows, _ = sentence_candidates(tfidf(texts), groups, 0.3)
    assert len(rows) < 0.01 * 2000 * 1999 / 2


def test_sentence_blocking_is_exact():
    docs, _ = constructed()
    _, sentences = frames(docs)
    groups = pd.factorize(sentences["article_id"])[0]
    matrix = tfidf(sentences["text"].tolist())
    dense = (matrix @ matrix.T).toarray()
    for threshold in (0.2, 0.4, 0.6):
        found = similar_sentences(sentences["text"].tolist(), groups, threshold)
        i, j = np.nonzero(np.triu(dense >= threshold, 1))
        expected = {(a, b) for a, b in zip(i, j, strict=True) if groups[a] != groups[b]}
        assert set(zip(found["i"], found["j"], strict=True)) == expected


def test_shared_copy_counts_overlapping_passages_once():
    text = "x" * 200
    articles = pd.DataFrame(
        {"article_id": ["a", "b", "c"], "outlet": ["A", "B", "C"], "text": [text] * 3}
    )
    rows = [  # a-b: a spans [0, 10) [5, 20) [30, 40) cover 30 chars, b 35
        ("a", "b", 0, 10, 50, 60, "one two three", "near-verbatim"),
        ("a", "b", 5, 20, 60, 75, "one two three four five six", "verbatim"),
        ("a", "b", 30, 40, 0, 10, " ".join(["w"] * 41), "verbatim"),
        ("a", "c", 0, 90, 0, 90, "short", "paraphrase"),
        ("b", "c", 10, 20, 10, 20, "one two", "verbatim"),
    ]
    reuse = pd.DataFrame(
        [(a, b, a.upper(), b.upper(), *spans, t, t, 1.0, k) for a, b, *spans, t, k in rows],
        columns=REUSE_COLUMNS,
    )
    copies = shared_copy(reuse, articles).set_index(["article_a", "article_b"])
    assert list(copies.index) == [("a", "b"), ("b", "c")]  # paraphrase is no copy
    ab, bc = copies.loc[("a", "b")], copies.loc[("b", "c")]
    assert (ab.n_passages, ab.shared_chars_a, ab.shared_chars_b) == (3, 30, 35)
    assert (ab.shared_words, ab.longest_words, ab.share_a) == (3 + 6 + 41, 41, 0.15)
    assert ab.shared_copy and not bc.shared_copy  # a 41-word passage; 2 words, 5%


def test_discounting_in_small_chunks_finds_the_same_sentences(monkeypatch):
    docs, _ = constructed()
    articles, sentences = frames(docs)
    reuse = reuse_pairs(articles, sentences)
    whole = shared_copy_sentences(reuse, sentences)
    monkeypatch.setattr("analysis.overlap.reuse._EXPANDED", 3)
    assert len(whole) > 3 and shared_copy_sentences(reuse, sentences) == whole


@pytest.mark.parametrize("threshold", [0.2, 0.5])
def test_plain_product_and_prefix_filtering_find_the_same_pairs(monkeypatch, threshold):
    docs, _ = constructed()
    _, sentences = frames(docs)
    texts, groups = sentences["text"].tolist(), pd.factorize(sentences["article_id"])[0]
    found = {}
    for name, cost in (("prefix", 0), ("plain", 10**9)):
        monkeypatch.setattr("analysis.overlap.sentence_similarity.VERIFY_COST", cost)
        monkeypatch.setattr("analysis.overlap.sentence_similarity.PRODUCTS", 50)  # many chunks
        found[name] = similar_sentences(texts, groups, threshold)
    assert len(found["plain"]) > 10
    pd.testing.assert_frame_equal(found["plain"], found["prefix"], check_exact=True)
    matrix = tfidf(texts)
    chunks = list(product_chunks(matrix, groups, threshold))
    assert len(chunks) > 3  # the product was cut into bounded chunks


def test_paraphrases_checked_in_small_chunks_are_the_same(monkeypatch):
    docs, _ = constructed()
    articles, sentences = frames(docs)
    whole = reuse_pairs(articles, sentences)
    kinds = whole["kind"].value_counts()
    assert kinds["paraphrase"] > 3 and kinds["verbatim"] > 3  # both kinds meet in the check
    monkeypatch.setattr("analysis.overlap.reuse._EXPANDED", 3)  # a few joined rows at a time
    pd.testing.assert_frame_equal(reuse_pairs(articles, sentences), whole, check_exact=True)


def test_paraphrases_are_sought_within_a_story_and_copies_across_stories(monkeypatch):
    # Each family is a story: its paraphrase pairs stay, with the same similarity;
    # a paraphrase of another story's sentence is chance and is not reported, while a
    # verbatim copy is found whatever the stories (wire copy, boilerplate).
    docs, _ = constructed()
    articles, sentences = frames(docs)
    whole = reuse_pairs(articles, sentences)
    family = pd.Series({a: a.rsplit("-", 1)[0] for a in docs})
    by_family = reuse_pairs(articles, sentences, story=family)
    para = whole[whole["kind"] == "paraphrase"]
    within = para[para["article_a"].map(family) == para["article_b"].map(family)]
    assert len(within) > 3
    assert (
        by_family[by_family["kind"] == "paraphrase"]
        .reset_index(drop=True)
        .equals(within.reset_index(drop=True))
    )
    mixed = pd.Series({a: a.rsplit("-", 1)[1] for a in docs})  # "orig", "copy", "edit", "para"
    across = reuse_pairs(articles, sentences, story=mixed)
    pairs = set(zip(across["article_a"], across["article_b"], across["kind"], strict=True))
    assert ("dam-orig", "dam-copy", "verbatim") in pairs  # two stories: still a copy
    assert not any(kind == "paraphrase" and mixed[a] != mixed[b] for a, b, kind in pairs)
    monkeypatch.setattr("analysis.overlap.sentence_similarity.SEARCH_BATCH", 5)  # many batches
    pd.testing.assert_frame_equal(
        reuse_pairs(articles, sentences, story=family), by_family, check_exact=True
    )


def test_a_search_within_blocks_is_the_whole_search_kept_to_each_block():
    docs, _ = constructed()
    _, sentences = frames(docs)
    texts, groups = sentences["text"].tolist(), pd.factorize(sentences["article_id"])[0]
    blocks = np.arange(len(texts)) % 3  # blocks that cut across articles
    whole = similar_sentences(texts, groups, 0.3)
    kept = whole[blocks[whole["i"]] == blocks[whole["j"]]].reset_index(drop=True)
    assert 0 < len(kept) < len(whole)
    pd.testing.assert_frame_equal(
        similar_sentences(texts, groups, 0.3, blocks=blocks), kept, check_exact=True
    )
    one = similar_sentences(texts, groups, 0.3, blocks=np.zeros(len(texts)))
    pd.testing.assert_frame_equal(one, whole, check_exact=True)
    alone = similar_sentences(texts, groups, 0.3, blocks=groups)  # no block of two articles
    assert alone.empty and list(alone.columns) == ["i", "j", "similarity"]


def test_term_counts_are_count_vectorizers():
    texts = [
        "The mayor's plan: no new taxes, no new taxes at all.",
        "",
        "Taxes rose 12 percent under the mayor's plan.",
        "Élan and the Zürich office; the zoo",
    ]
    expected = CountVectorizer(analyzer=terms).fit(texts)
    found = term_counts(texts)
    assert found.shape == (4, len(expected.vocabulary_))
    assert (found.toarray() == expected.transform(texts).toarray()).all()
    assert found.toarray()[0, expected.vocabulary_["no new"]] == 2


def test_paired_columns_keep_every_cosine():
    docs, _ = constructed()
    _, sentences = frames(docs)
    texts, groups = sentences["text"].tolist(), pd.factorize(sentences["article_id"])[0]
    matrix = tfidf(texts)  # terms of one sentence only still weigh in its norm
    dense = (matrix @ matrix.T).toarray()
    found = similar_sentences(texts, groups, 0.3)
    assert len(found) > 10
    assert np.allclose(found["similarity"], dense[found["i"], found["j"]], atol=1e-6)


def test_reuse_in_tasks_of_a_process_pool_is_the_same_as_in_one_call(monkeypatch):
    from analysis.store.build import local_map

    docs, _ = constructed()
    articles, sentences = frames(docs)
    whole = reuse_pairs(articles, sentences)
    assert len(whole) > 10
    for parts in (3, 50):  # fewer tasks than articles; more tasks than article pairs
        pd.testing.assert_frame_equal(
            reuse_pairs(articles, sentences, parts=parts), whole, check_exact=True
        )
    with local_map(2) as run:
        in_pool = reuse_pairs(articles, sentences, run=run, parts=4)
    pd.testing.assert_frame_equal(in_pool, whole, check_exact=True)


def test_alignment_tasks_hold_only_their_articles_and_keep_pair_order():
    from analysis.overlap.reuse import _alignment_tasks

    hashes = [np.arange(n, dtype=np.uint64) for n in (10, 1000, 10, 10, 1000)]
    texts = [f"text {k}" for k in range(5)]
    pairs = np.array([[0, 2], [0, 3], [1, 4], [2, 3], [3, 4]])
    tasks = _alignment_tasks(texts, hashes, pairs, 3)
    assert np.array_equal(np.vstack([task[0] for task in tasks]), pairs)
    assert len(tasks) == 3  # the costly pair (1, 4) is a task of its own
    for chunk, held, held_texts in tasks:
        assert set(held) == set(held_texts) == set(np.unique(chunk).tolist())
    assert _alignment_tasks(texts, hashes, pairs[:0], 3) == []


def test_term_counts_in_tasks_are_the_counts_of_one_task():
    texts = [
        "The mayor's plan: no new taxes.",
        "",
        "Taxes rose 12 percent under the mayor's plan.",
        "Élan and the Zürich office; the zoo",
        "The zoo's plan",
    ]
    whole = term_counts(texts)
    for parts in (2, 3, 5, 9):
        found = term_counts(texts, parts=parts)
        assert found.shape == whole.shape
        assert (found != whole).nnz == 0
        assert np.array_equal(found.indptr, whole.indptr)
        assert np.array_equal(found.indices, whole.indices)
    assert term_counts([], parts=3).shape == (0, 0)


@pytest.mark.parametrize("cost", [0, 10**9])  # prefix filtering; the plain product
def test_pair_search_in_runs_of_rows_finds_the_same_pairs(monkeypatch, cost):
    from analysis.overlap.sentence_similarity import search_tasks
    from analysis.store.build import local_map

    monkeypatch.setattr("analysis.overlap.sentence_similarity.VERIFY_COST", cost)
    docs, _ = constructed()
    _, sentences = frames(docs)
    texts, groups = sentences["text"].tolist(), pd.factorize(sentences["article_id"])[0]
    whole = similar_sentences(texts, groups, 0.3)
    assert len(whole) > 10
    for parts in (5, 40):
        found = similar_sentences(texts, groups, 0.3, parts=parts)
        pd.testing.assert_frame_equal(found, whole, check_exact=True)
    with local_map(2) as run:
        found = similar_sentences(texts, groups, 0.3, run=run, parts=8)
    pd.testing.assert_frame_equal(found, whole, check_exact=True)
    tasks = search_tasks(tfidf(texts), groups, 0.3, 10)
    assert len(tasks) > 3 and tasks[0][0] == 0 and tasks[-1][1] == len(texts)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(tasks))
    assert similar_sentences([], np.empty(0, dtype=int), 0.3, parts=8).empty
