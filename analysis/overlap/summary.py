"""What the articles of a corpus share: reused passages, shared quotes and claims.

One call computes the corpus-level overlap tables every view needs, from the
tables of :func:`analysis.pipeline.analyse`; callers cache it by the analysis key.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.overlap.claims import claims
from analysis.overlap.reuse import reuse_pairs, shared_copy, shared_copy_sentences
from analysis.overlap.shared_quotes import shared_quotes
from analysis.pipeline import Analysis


@dataclass(frozen=True)
class Overlap:
    """Reuse pairs, shared copy per article pair, shared quotes and claims of a corpus."""

    reuse: pd.DataFrame
    copies: pd.DataFrame
    shared_quotes: pd.DataFrame
    claims: pd.DataFrame
    members: pd.DataFrame
    discounted: frozenset[str]  # sentence ids inside copy an earlier article carried


def earliest_first(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles by publication date (undated last), so "first carrier" means earliest."""
    dated = articles.assign(_undated=articles["published"].eq(""))
    ordered = dated.sort_values(["_undated", "published", "article_id"], kind="stable")
    return ordered.drop(columns="_undated")


def analyse_overlap(analysis: Analysis) -> Overlap:
    """Reuse between articles, shared copy, shared quotes and claims (blocked, not all pairs)."""
    articles = earliest_first(analysis.articles)
    sentences = analysis.sentences
    reuse = reuse_pairs(articles, sentences)
    claim_table, members = claims(sentences)
    return Overlap(
        reuse=reuse,
        copies=shared_copy(reuse, articles),
        shared_quotes=shared_quotes(analysis.quotes),
        claims=claim_table,
        members=members,
        discounted=frozenset(shared_copy_sentences(reuse, sentences)),
    )
