"""The pipeline: the same tables whether articles are analysed in one process or several."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import pipeline
from analysis.corpus.load import load_corpus

BUNDLED = Path(__file__).resolve().parents[1] / "corpus"


def test_worker_processes_give_the_same_tables(monkeypatch):
    corpus = load_corpus(BUNDLED)
    serial = pipeline.analyse(corpus, discover=False)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 2)
    parallel = pipeline.analyse(corpus, discover=False, workers=2)
    for table in ("articles", "sentences", "quotes", "furniture", "paragraphs"):
        pd.testing.assert_frame_equal(getattr(serial, table), getattr(parallel, table))


def test_sentences_and_quotes_point_into_the_article_text():
    analysis = pipeline.analyse(load_corpus(BUNDLED), discover=False)
    texts = analysis.articles["text"]
    for row in analysis.sentences.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    for row in analysis.quotes.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
    assert set(analysis.sentences["voice"]) == {"narration", "quoted"}
