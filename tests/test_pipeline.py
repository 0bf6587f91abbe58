"""The pipeline: the same tables whether articles are analysed in one process or several."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import pipeline
from analysis.corpus.load import load_corpus
from analysis.emphasis import terms

BUNDLED = Path(__file__).resolve().parents[1] / "corpus"


def test_worker_processes_give_the_same_tables(monkeypatch):
    corpus = load_corpus(BUNDLED)
    serial = pipeline.analyse(corpus, discover=False)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 2)
    monkeypatch.setattr(terms, "TERM_CHUNK", 50)  # term counts in several chunks too
    parallel = pipeline.analyse(corpus, discover=False, workers=2)
    assert len(serial.sentences) > 2 * 50
    for table in ("articles", "sentences", "quotes", "furniture", "paragraphs"):
        pd.testing.assert_frame_equal(getattr(serial, table), getattr(parallel, table))
    # the corpus stages that run in the workers beside the others
    for table in ("speakers", "stories"):
        pd.testing.assert_frame_equal(getattr(serial, table), getattr(parallel, table))
    pd.testing.assert_frame_equal(serial.entities.table, parallel.entities.table)
    assert serial.names == parallel.names
    one, two = serial.term_counts, parallel.term_counts
    assert list(one.terms) == list(two.terms) and one.display == two.display
    assert one.matrix.shape == two.matrix.shape and (one.matrix != two.matrix).nnz == 0


def test_sentences_and_quotes_point_into_the_article_text():
    analysis = pipeline.analyse(load_corpus(BUNDLED), discover=False)
    texts = analysis.articles["text"]
    for row in analysis.sentences.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    for row in analysis.quotes.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    assert set(analysis.sentences["voice"]) == {"narration", "quoted"}


def test_topics_discovered_in_a_worker_process_are_the_same(monkeypatch):
    corpus = load_corpus(BUNDLED)
    serial = pipeline.analyse(corpus, discover=True)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 2)
    parallel = pipeline.analyse(corpus, discover=True, workers=2)
    assert (serial.sentences["discovered_topic"] != "").sum() > 10
    pd.testing.assert_frame_equal(serial.sentences, parallel.sentences)
    pd.testing.assert_frame_equal(serial.quotes, parallel.quotes)
    assert serial.topic_names == parallel.topic_names


def test_an_outlet_s_own_words_are_credited_to_the_article_s_outlet(tmp_path):
    text = "Instead, we noted, the senator came across as “calm and reasonable” on the night."
    (tmp_path / "ledger.md").write_text(
        f"---\noutlet: The Ledger\ntitle: Debate night\npublished: 2024-05-02\n---\n{text}\n",
        encoding="utf-8",
    )
    analysis = pipeline.analyse(load_corpus(tmp_path), pipeline.load_knowledge(tmp_path))
    quote = analysis.quotes.iloc[0]
    assert (quote["speaker"], quote["attribution"]) == ("The Ledger", "outlet")
