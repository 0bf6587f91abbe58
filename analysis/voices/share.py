"""Per-outlet voice figures: how much each outlet quotes, and whom.

Pure pandas aggregations over the quotes table built by the pipeline
(columns ``quote_id, article_id, outlet, kind, speaker, speaker_mention,
affiliation, cue, text, start, end, attribution, words``) and the articles
table (``article_id, outlet, title, words, source_file``). A quote whose
``speaker`` is missing counts as an unknown speaker.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd
from scipy import sparse

GROUP_SIDE = "Group"
"""The side of a group's quotes when groups are counted as voices."""
OTHER_SIDES = "Other sides"
"""The side that stands for every side past the most quoted ones in a capped chart."""


def outlet_voice_summary(quotes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: how much it quotes and how often it leaves the speaker unknown.

    Columns: outlet, articles, words, quotes, unknown_speaker, quotes_per_article,
    quotes_per_1000_words, unknown_speaker_rate (share of its quotes with no speaker).
    """
    per_outlet = articles.groupby("outlet").agg(
        articles=("article_id", "nunique"), words=("words", "sum")
    )
    counted = quotes.assign(unknown=quotes["speaker"].isna()).groupby("outlet")
    per_outlet["quotes"] = counted.size()
    per_outlet["unknown_speaker"] = counted["unknown"].sum()
    per_outlet[["quotes", "unknown_speaker"]] = (
        per_outlet[["quotes", "unknown_speaker"]].fillna(0).astype(int)
    )
    per_outlet["quotes_per_article"] = per_outlet["quotes"] / per_outlet["articles"]
    per_outlet["quotes_per_1000_words"] = (
        1000 * per_outlet["quotes"] / per_outlet["words"].where(per_outlet["words"] > 0)
    )
    per_outlet["unknown_speaker_rate"] = per_outlet["unknown_speaker"] / per_outlet["quotes"].where(
        per_outlet["quotes"] > 0
    )
    return per_outlet.reset_index()


def counted_voices(quotes: pd.DataFrame, groups: bool = False) -> pd.DataFrame:
    """The quotes that count as voices: people, organisations and unknown speakers; groups
    ('Republicans', 'officials') only with ``groups``, named 'group: …' on the side 'Group'.

    A table built before speaker kinds (no ``speaker_kind`` column) is returned as it is.
    """
    if "speaker_kind" not in quotes:
        return quotes
    group = quotes["speaker_kind"] == "group"
    if not groups:
        return quotes[~group]
    quotes = quotes.copy()
    quotes.loc[group, "speaker"] = "group: " + quotes.loc[group, "speaker_group"].astype(str)
    quotes.loc[group, "affiliation"] = GROUP_SIDE
    return quotes


def speaker_labels(quotes: pd.DataFrame, unknown: str) -> pd.Series:
    """What the quote browser shows as the speaker: the speaker, 'group: Republicans', else
    ``unknown`` (an unnamed speaker such as 'a spokesman' too: its kind column says so)."""
    labels = quotes["speaker"].astype(object)
    if "speaker_kind" in quotes:
        group = (quotes["speaker_kind"] == "group") & labels.isna()
        labels = labels.where(~group, "group: " + quotes["speaker_group"].astype(str))
    return labels.fillna(unknown)


def share_of_voice(quotes: pd.DataFrame) -> pd.DataFrame:
    """Outlet x affiliation: quotes and their share of the outlet's quotes (long form).

    Columns: outlet, affiliation, quotes, share (summing to 1 per outlet).
    """
    counts = quotes.groupby(["outlet", "affiliation"]).size().rename("quotes").reset_index()
    totals = counts.groupby("outlet")["quotes"].transform("sum")
    return counts.assign(share=counts["quotes"] / totals)


def with_other_sides(
    shares: pd.DataFrame, keep: int, always: Collection[str] = ()
) -> tuple[pd.DataFrame, int]:
    """The share of voice with the ``keep`` most quoted sides (and the sides ``always`` kept,
    such as Unaffiliated), every other side summed per outlet as :data:`OTHER_SIDES`.

    A corpus with thousands of derived sides cannot be read (or drawn quickly) side by side.
    Returns the table (columns of :func:`share_of_voice` and sides: how many sides a row
    holds) and how many sides were summed. Ties in quotes go to the side that sorts first.
    """
    totals = shares.groupby("affiliation")["quotes"].sum()
    named = totals.drop([s for s in always if s in totals.index])
    named = named.sort_values(ascending=False, kind="stable")
    table = shares.assign(sides=1)
    if len(named) <= keep + 1:  # one side summed alone says no more than itself
        return table, 0
    summed = table["affiliation"].isin(named.index[keep:])
    other = (
        table[summed]
        .groupby("outlet", as_index=False)
        .agg(quotes=("quotes", "sum"), sides=("sides", "sum"))
    )
    outlet_quotes = shares.groupby("outlet")["quotes"].sum()
    other = other.assign(
        affiliation=OTHER_SIDES,
        share=other["quotes"] / other["outlet"].map(outlet_quotes).to_numpy(),
    )
    table = pd.concat([table[~summed], other[table.columns]], ignore_index=True)
    return table, len(named) - keep


def speaker_matrix(quotes: pd.DataFrame) -> pd.DataFrame:
    """Outlet x speaker: quotes and words quoted, for quotes with a known speaker (long form).

    Columns: outlet, speaker, affiliation, quotes, words; most quoted first.
    """
    known = quotes.dropna(subset=["speaker"])
    matrix = (
        known.groupby(["outlet", "speaker"])
        .agg(
            affiliation=("affiliation", "first"),
            quotes=("quote_id", "count"),
            words=("words", "sum"),
        )
        .reset_index()
    )
    return matrix.sort_values(["outlet", "quotes", "speaker"], ascending=[True, False, True])


def speaker_overlap(quotes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Which outlets quote the same people.

    Returns ``(pairs, speakers)``: pairs has one row per pair of outlets with
    columns outlet_a, outlet_b, shared, union, jaccard (of their speaker
    sets); speakers has one row per known speaker with columns speaker,
    outlets (how many quote them), quoted_by_all, quoted_by_one_only and
    only_outlet (the one outlet, else missing).
    """
    outlets = sorted(quotes["outlet"].unique())
    known = quotes.dropna(subset=["speaker"])
    outlet_codes = pd.Index(outlets).get_indexer(known["outlet"])
    speaker_codes, names = pd.factorize(known["speaker"], sort=True)
    quoted = sparse.csr_matrix(
        (np.ones(len(known), dtype=np.int64), (outlet_codes, speaker_codes)),
        shape=(len(outlets), len(names)),
    )
    quoted.data[:] = 1  # outlet x speaker: quotes them at all
    shared = (quoted @ quoted.T).toarray()
    size = np.asarray(quoted.sum(axis=1)).ravel()
    a, b = np.triu_indices(len(outlets), k=1)  # the pairs in itertools.combinations order
    union = size[a] + size[b] - shared[a, b]
    with np.errstate(invalid="ignore", divide="ignore"):
        jaccard = np.where(union > 0, shared[a, b] / union, np.nan)
    pair_frame = pd.DataFrame(
        {
            "outlet_a": np.array(outlets, dtype=object)[a],
            "outlet_b": np.array(outlets, dtype=object)[b],
            "shared": shared[a, b],
            "union": union,
            "jaccard": jaccard,
        }
    )
    by_speaker = quoted.tocsc()
    count = np.diff(by_speaker.indptr)
    only = np.array(outlets, dtype=object)[by_speaker.indices[by_speaker.indptr[:-1]]]
    speakers = pd.DataFrame(
        {
            "speaker": np.asarray(names, dtype=object),
            "outlets": count,
            "quoted_by_all": count == len(outlets),
            "quoted_by_one_only": count == 1,
            "only_outlet": np.where(count == 1, only, None),
        }
    )
    return pair_frame, speakers
