"""Framing indicators: how an outlet, in its own voice, presents each actor.

Targets (countries, blocs and leaders, ``corpus/targets.csv``) are found in
the sentences; every mention is *narrated* (outside any direct quote of the
article) or *quoted*. A quote is the speaker's stance, not the outlet's, so
every indicator below except voice is computed on narrated mentions only,
and every figure keeps the rows behind it (:func:`stance_evidence`).

The parts live by what they decide: :mod:`~analysis.framing.knowledge` (the
targets and lexicon files), :mod:`~analysis.framing.mentions` (who is named
where, as an actor), :mod:`~analysis.framing.cues` (which label or distancing
cue is about which mention), :mod:`~analysis.framing.tone` (the tone model) and
:mod:`~analysis.framing.calibration` (what a score may be read as); this
module weighs them into each mention's reading and the table, and is where
callers import the framing API from.

tone
    Target-dependent sentiment of the sentence towards the mention
    (:func:`analysis.framing.tone.tone`, score in [-1, 1]), averaged.
loaded
    Labels from ``corpus/framing_lexicon.csv`` (kind ``loaded``, polarity
    -1/0/+1) *attached* to one mention of the same clause (clauses end at
    ``; : — – ( )`` and at a comma before but/while/although/which/who...):
    the nearest, ties to the one before, among

    - mentions before the label, at most ``WINDOW`` words away, that are not
      the object of a preposition ("Russia began its unprovoked invasion";
      "the war in Ukraine" is not a candidate, "Russia's" is);
    - mentions right after it, at most ``NEAR`` words away, with no "of",
      "against", "in"... in between ("an isolated Putin"; in "invasion of
      Ukraine" or "war crimes in Ukraine" Ukraine is what the label happened
      to, not what it describes).

    A since/after/because/when/while... clause between the two keeps them
    apart ("China stayed silent since the unprovoked invasion": not China's),
    unless the label's clause points back with its/their/his/her ("Russia,
    since its unprovoked invasion"). Mentions joined to the chosen one by
    "and"/"or" share it ("Xi and Putin"). Labels inside a direct quote,
    negated ("not isolated": a negator among the three words before) or in
    a distancing phrase's scope ("portrayed itself as a neutral party") are
    not the outlet's own: skipped.
distancing
    Lexicon phrases of kind ``distancing`` ("claimed neutrality", "billed the
    trip as", "what it calls") attached like a label, but only to a mention
    *before* them, in the same sentence: the actor whose claim the outlet
    keeps at arm's length. Scare quotes count too (polarity -1): a partial
    quote of at most ``SCARE_MAX_WORDS`` words goes to the mentioned targets
    its speaker speaks for (see voice) or, without a known speaker, to a
    mention before it as a distancing phrase would. Polarity 0 phrases
    ("alleged") are hedges: shown in the evidence, not scored.
voice
    Share of the quotes of the article or outlet whose speaker speaks for the
    target: the speaker's affiliation group is the target's, or the speaker's
    name matches the target's patterns (a leader quoted by name). Shown
    beside the score, not in it: whom an outlet quotes is a choice of sources,
    measured on its own, and quoting an actor says nothing about approval.
    A leader's row with an empty affiliation counts only the leader's own
    quotes (by default it counts the leader's whole side).

Per article or outlet and target (:func:`stance_table`), with ``n`` narrated
mentions::

    loaded_polarity = clip(loaded_sum / n, -1, 1)   (loaded_sum: sum of label polarities)
    distancing_rate = clip(sum of -polarity of distancing cues / n, 0, 1)
    score           = W_TONE * tone + W_LOADED * loaded_polarity
                      - W_DISTANCING * distancing_rate

The weights sum to 1 and every component lies in its range, so the score
lies in [-1, 1]. Each narrated mention has the same composite on its own,
its ``reading`` (:func:`mention_reading`): the tone plus the labels and
distancing cues attached to that mention, so the sentence an analyst opens
says what the label did ("since Russia began its unprovoked invasion" reads
negative for Russia although the words around it are neutral). Loaded labels
are evaluative words; terms that only name a relation ("strategic partner",
"key ally", "old friend") are left out of the lexicon. Rows with fewer than
``MIN_MENTIONS`` narrated mentions are flagged ``low_count``: indicators,
not verdicts, and few sentences make weak ones. ``stance`` says what the
score may be read as (negative / neutral / positive, or unclear when the
mentions are few), by thresholds calibrated on whole articles
(:mod:`analysis.framing.calibration`).

Targets are kept apart: a phrase names one actor, so where mentions of
different targets overlap the longest wins ("Chinese President Xi Jinping"
is a mention of Xi Jinping, not also of China). Pattern notes: "US" is matched
case-sensitively with ``(?-i:US)`` so that "us" is not the United States;
``U\\.S`` leaves out the final period, which a word boundary cannot follow.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict

import pandas as pd

from analysis.framing.calibration import MIN_EVIDENCE, stance_label
from analysis.framing.cues import CUE_COLUMNS, stance_cues
from analysis.framing.knowledge import (
    LEXICON_COLUMNS,
    TARGET_COLUMNS,
    LexiconEntry,
    SaveContext,
    Target,
    load_lexicon,
    load_targets,
    parse_lexicon,
    parse_target_option,
    parse_targets,
    save_lexicon,
    save_targets,
    text_cell,
)
from analysis.framing.mentions import mentions
from analysis.framing.tone import tone

__all__ = [  # the framing API in one place: callers import these from here
    "EVIDENCE_COLUMNS", "LEXICON_COLUMNS", "MIN_MENTIONS", "TABLE_COLUMNS", "TARGET_COLUMNS",
    "W_DISTANCING", "W_LOADED", "W_TONE", "LexiconEntry", "SaveContext", "Target",
    "load_lexicon", "load_targets", "mention_reading", "mentions", "parse_lexicon",
    "parse_target_option", "parse_targets", "save_lexicon", "save_targets", "stance_cues",
    "stance_evidence", "stance_table", "summarize", "tone_contributions",
]  # fmt: skip

W_TONE = 0.5
W_LOADED = 0.3
W_DISTANCING = 0.2
MIN_MENTIONS = MIN_EVIDENCE

EVIDENCE_COLUMNS = [
    "article_id", "outlet", "sentence_id", "sentence", "sentence_start", "target",
    "component", "voice", "mention", "mention_start", "mention_end", "cue", "cue_start",
    "cue_end", "polarity", "source", "tone_label", "tone_score", "contributions", "reading",
    "mention_cues",
]  # fmt: skip
TABLE_COLUMNS = [
    "target", "mentions", "narrated_mentions", "tone", "tone_neg", "tone_neu", "tone_pos",
    "loaded_count", "loaded_sum", "loaded_polarity", "distancing", "distancing_rate",
    "voice_share", "score", "low_count", "stance",
]  # fmt: skip


def _tone_rows(mention_rows: pd.DataFrame, sentences: pd.DataFrame, explain: bool) -> pd.DataFrame:
    """One row per mention; narrated ones carry the tone towards the mention."""
    located = sentences.set_index("sentence_id")
    starts = dict(zip(located.index, located["start"].astype(int), strict=True))
    texts = dict(zip(located.index, located["text"], strict=True))
    results = []
    for m in mention_rows.itertuples(index=False):
        offset = starts[m.sentence_id]
        narrated = m.voice == "narration"
        start, end = int(m.mention_start) - offset, int(m.mention_end) - offset
        results.append(
            tone(texts[m.sentence_id], start, end, explain=explain) if narrated else None
        )
    return mention_rows.assign(
        component="tone",
        tone_label=[r.label if r else None for r in results],
        tone_score=[r.score if r else math.nan for r in results],
        contributions=[r.contributions if r else [] for r in results],
    )


def tone_contributions(rows: pd.DataFrame) -> list[list[tuple[str, float]]]:
    """The words that pushed the tone of each of ``rows`` (evidence rows with their
    ``sentence``; empty for rows that are not a narrated mention's tone)."""
    explained = []
    for r in rows.itertuples(index=False):
        if r.component != "tone" or r.voice != "narration" or not isinstance(r.sentence, str):
            explained.append([])
            continue
        offset = int(r.sentence_start)
        start, end = int(r.mention_start) - offset, int(r.mention_end) - offset
        explained.append(tone(r.sentence, start, end).contributions)
    return explained


def mention_reading(tone_score: float, loaded_sum: float, distancing_sum: float) -> float:
    """The composite of one mention: its tone with the labels and distancing cues on it.

    The same weights as the table's score, so that "since Russia began its
    unprovoked invasion" reads negative for Russia even when the words around
    the mention are neutral; an outlet's score is the mean of these readings
    (up to the clipping of the summed components).
    """
    return (
        W_TONE * tone_score
        + W_LOADED * max(-1.0, min(1.0, loaded_sum))
        - W_DISTANCING * max(0.0, min(1.0, distancing_sum))
    )


def _with_readings(tone_rows: pd.DataFrame, cues: pd.DataFrame) -> pd.DataFrame:
    """Mentions with the cues attached to them and, when narrated, their reading.

    ``mention_cues`` lists ``(component, cue, polarity)`` of the loaded labels
    and distancing cues on the mention; ``reading`` is :func:`mention_reading`.
    """
    attached: dict[tuple, list[tuple[str, str, int]]] = defaultdict(list)
    for c in cues.itertuples(index=False):
        attached[(c.sentence_id, c.target, int(c.mention_start))].append(
            (c.component, c.cue, int(c.polarity))
        )
    lists = [
        attached.get((sid, t, int(a)), [])
        for sid, t, a in zip(
            tone_rows["sentence_id"], tone_rows["target"], tone_rows["mention_start"], strict=True
        )
    ]
    readings = [
        mention_reading(
            score,
            sum(p for kind, _, p in found if kind == "loaded"),
            sum(-p for kind, _, p in found if kind == "distancing"),
        )
        if voice == "narration"
        else math.nan
        for score, voice, found in zip(
            tone_rows["tone_score"], tone_rows["voice"], lists, strict=True
        )
    ]
    return tone_rows.assign(reading=readings, mention_cues=lists)


def _voice_rows(
    quotes: pd.DataFrame, sentences: pd.DataFrame, targets: list[Target]
) -> pd.DataFrame:
    """One row per quote and target its speaker speaks for, in the quote's sentence."""
    ordered = sentences.sort_values(["article_id", "start"])
    located = {
        aid: (g["start"].tolist(), g["sentence_id"].tolist())
        for aid, g in ordered.groupby("article_id", sort=False)
    }
    rows = []
    voices: dict[tuple, list[str]] = {}  # per speaker and affiliation: quotes repeat them
    for q in quotes.itertuples(index=False):
        who = (text_cell(q.speaker), text_cell(q.affiliation))
        if who not in voices:
            voices[who] = [t.name for t in targets if t.voiced_by(*who)]
        voiced = voices[who]
        starts, ids = located.get(q.article_id, ([], []))
        at = bisect_right(starts, q.start) - 1 if pd.notna(q.start) else -1
        source = f"{text_cell(q.speaker) or 'unknown'} ({text_cell(q.affiliation)})"
        rows += [
            (q.article_id, q.outlet, ids[at] if at >= 0 else None, name, "voice", "quoted",
             q.text, q.start, q.end, source)
            for name in voiced
        ]  # fmt: skip
    columns = ["article_id", "outlet", "sentence_id", "target", "component", "voice", "cue",
               "cue_start", "cue_end", "source"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def stance_evidence(
    sentences: pd.DataFrame,
    quotes: pd.DataFrame,
    targets: list[Target],
    lexicon: list[LexiconEntry],
    explain: bool = True,
) -> pd.DataFrame:
    """Every row behind :func:`stance_table`: one per mention (component ``tone``),
    cue (``loaded``, ``distancing``) and voiced quote (``voice``).

    Each row has the sentence, the mention and cue spans in article offsets
    (for highlighting), the cue's polarity and source (lexicon term, "scare
    quotes", or the quoted speaker) and, for narrated mentions, the tone label,
    score, the words that pushed it most (``contributions``; empty lists unless
    ``explain``: :func:`tone_contributions` works them out for the rows shown),
    the cues attached to the mention (``mention_cues``) and its composite ``reading``.
    """
    found = mentions(sentences, targets, quotes)
    cues = stance_cues(sentences, found, quotes, targets, lexicon)
    parts = [
        _with_readings(_tone_rows(found, sentences, explain), cues),
        cues,
        _voice_rows(quotes, sentences, targets),
    ]
    parts = [p for p in parts if not p.empty]
    evidence = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CUE_COLUMNS)
    context = sentences[["sentence_id", "text", "start"]].rename(
        columns={"text": "sentence", "start": "sentence_start"}
    )
    evidence = evidence.merge(context, on="sentence_id", how="left").reindex(
        columns=EVIDENCE_COLUMNS
    )
    spans = ["sentence_start", "mention_start", "mention_end", "cue_start", "cue_end", "polarity"]
    return evidence.astype({c: "Int64" for c in spans} | {"tone_score": float, "reading": float})


def summarize(
    evidence: pd.DataFrame,
    articles: pd.DataFrame,
    quotes: pd.DataFrame,
    targets: list[Target],
    by: str = "outlet",
) -> pd.DataFrame:
    """Aggregate :func:`stance_evidence` per outlet or article and target.

    Every pair of group and target gets a row; the formulas are in the module
    docstring. ``quotes`` gives the denominator of the voice share (NaN when
    the group has no quote).
    """
    if by not in ("outlet", "article"):
        raise ValueError(f"by must be 'outlet' or 'article', not {by!r}")
    keys = ["article_id", "title"] if by == "article" else ["outlet"]
    key = keys[0]
    grid = (
        articles.reset_index(drop=True)[keys]
        .drop_duplicates(key)
        .merge(pd.DataFrame({"target": [t.name for t in targets]}), how="cross")
    )
    component = evidence["component"]
    narrated = component.eq("tone") & evidence["voice"].eq("narration")
    polarity = evidence["polarity"].astype(float)
    flags = pd.DataFrame({
        key: evidence[key], "target": evidence["target"],
        "mentions": component.eq("tone"), "narrated": narrated,
        "tone": evidence["tone_score"].where(narrated, 0.0),
        "negative": narrated & evidence["tone_label"].eq("negative"),
        "neutral": narrated & evidence["tone_label"].eq("neutral"),
        "positive": narrated & evidence["tone_label"].eq("positive"),
        "loaded": component.eq("loaded"),
        "loaded_sum": polarity.where(component.eq("loaded"), 0.0),
        "distancing": component.eq("distancing"),
        "distancing_sum": -polarity.where(component.eq("distancing"), 0.0),
        "voiced": component.eq("voice"),
    })  # fmt: skip
    index = pd.MultiIndex.from_frame(grid[[key, "target"]])
    sums = flags.groupby([key, "target"]).sum().reindex(index, fill_value=0)
    n = sums["narrated"].astype(int)
    per = n.where(n > 0).astype(float)
    quote_total = quotes.groupby(key).size().reindex(index.get_level_values(0)).to_numpy()
    table = pd.DataFrame({
        "mentions": sums["mentions"].astype(int),
        "narrated_mentions": n,
        "tone": sums["tone"] / per,
        "tone_neg": sums["negative"].astype(int),
        "tone_neu": sums["neutral"].astype(int),
        "tone_pos": sums["positive"].astype(int),
        "loaded_count": sums["loaded"].astype(int),
        "loaded_sum": sums["loaded_sum"].astype(int),
        "loaded_polarity": (sums["loaded_sum"] / per).clip(-1.0, 1.0),
        "distancing": sums["distancing"].astype(int),
        "distancing_rate": (sums["distancing_sum"] / per).clip(0.0, 1.0),
        "voice_share": sums["voiced"].to_numpy() / pd.Series(quote_total).where(
            lambda total: total > 0).to_numpy(),
    }, index=index)  # fmt: skip
    table["score"] = (
        W_TONE * table["tone"]
        + W_LOADED * table["loaded_polarity"]
        - W_DISTANCING * table["distancing_rate"]
    )
    table["low_count"] = table["narrated_mentions"] < MIN_MENTIONS
    table["stance"] = [
        stance_label(score, n)
        for score, n in zip(table["score"], table["narrated_mentions"], strict=True)
    ]
    return pd.concat(
        [grid[keys].reset_index(drop=True), table.reset_index()[TABLE_COLUMNS]], axis=1
    )


def stance_table(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    quotes: pd.DataFrame,
    targets: list[Target],
    lexicon: list[LexiconEntry],
    by: str = "outlet",
) -> pd.DataFrame:
    """Framing indicators per outlet (or article) and target; see the module docstring.

    Columns: ``outlet`` (or ``article_id, title``), then :data:`TABLE_COLUMNS`.
    Callers that also show evidence should call :func:`stance_evidence` once
    and :func:`summarize` it.
    """
    evidence = stance_evidence(sentences, quotes, targets, lexicon)
    return summarize(evidence, articles, quotes, targets, by)
