"""Target-dependent tone: the sentiment of a sentence towards one mention.

A linear model over target-aware features: sparse words and bigrams to the
left and right of the mention, of the mention itself and of the whole sentence
(the mention masked); a prior-polarity lexicon summed per region; and mean word
vectors per region (vectors learnt from unlabelled news, so unseen words still
count). The weights live in plain arrays (``analysis/models/tone.npz``) and the
vocabularies in ``tone.json``. The feature extraction below is the single
implementation shared by training (``scripts/train_tone.py``) and runtime, so
the two can never drift apart; how a sentence is tokenised and seen around
the mention lives in :mod:`analysis.framing.tone_view`. Negation-scope
marking is available in the config but the shipped model leaves it off (it
did not help on dev); so are
prior-polarity words weighted by their distance to the mention, counted in
the mention's clause, and flipped inside a negation (``lex_decay``,
``lex_clause``, ``lex_negation``: no gain beyond dev noise, see
``scripts/tone_variants.py``), and so is reading the mention against the
sentence's other mentions (``others``: how it sits among them, the words
between, their windows, the lexicon split by side; CV on train +0.3, under
the 0.5 a new model needs, see ``scripts/tone_cv.py``). :func:`tone` takes
the other mentions all the same, so a model trained with them needs no
change in its callers' signature. Also left off: the bigrams and trigrams
that start or end at the mention (``target_ngrams``: "<t> slammed" is not
"slammed <t>") and weighing a feature group against the rest (``group_scale``,
e.g. the sentence-wide words at half): CV on train +0.1 and +0.3, both +0.4.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from analysis.framing.tone_view import (
    OTHER,
    TARGET,
    Span,
    Token,
    check_span,
    clause_ids,
    clause_span,
    mention_tokens,
    negation_flags,
    other_spans,
    own_side,
    target_view,
)

MODEL_DIR = Path(__file__).resolve().parents[1] / "models"
LABELS = ("negative", "neutral", "positive")

DEFAULT_CONFIG: dict[str, Any] = {
    "window": 6,
    "near": 3,
    "sentence": True,
    "bigrams": True,
    "negation": True,
    "mention": True,
    "distance_bins": True,
    "lexicon": False,
    "embeddings": False,
    "emb_scale": 1.0,
    "lex_decay": False,
    "lex_clause": False,
    "lex_negation": False,
    "clause": False,
    "weighted": False,
    "emb_clause": False,
    "others": False,
    "target_ngrams": False,
    "group_scale": {},
}
WORD_GROUPS = frozenset("s l r l3 r3 lb rb sb m c w ob ol or tl tr".split())
OTHER_WINDOW = 3


_FUNCTION_WORDS = frozenset(
    "a an the this that these those some any each every all both either neither no such "
    "i me my mine we us our ours you your yours he him his she her hers it its they them "
    "their theirs one ones who whom whose which what where when why how there here "
    "of to in on at by for with from as into onto over under about above below after "
    "before since until during through against among amid between within without upon "
    "toward towards across along around near off out up down via per "
    "and or but nor so yet if then than because while whereas although though whether "
    "is am are was were be been being has have had having do does did doing will would "
    "shall should can could may might must 's 're 've 'd 'll n't not never "
    "also just only very too more most much many other another again still even ever "
    "now then s t".split()
)  # words that carry no meaning of their own: never shown as what pushed the tone
_NEGATION_WORDS = frozenset({"not", "never", "no", "n't"})
_CONTRAST = frozenset(
    "but while whereas unlike against although though however versus vs instead".split()
)
_STOPWORDS = frozenset(
    "the a an of to in and or for on at by with from as is was be been are "
    "were it its this that these those his her their our your my".split()
)


@dataclass(frozen=True)
class ToneResult:
    """Tone towards one mention: label, score P(pos) - P(neg), and why."""

    label: str
    score: float
    probabilities: dict[str, float]
    contributions: list[tuple[str, float]]


def _form(tok: Token, negated: bool) -> str:
    return f"not_{tok.norm}" if negated else tok.norm


@lru_cache(maxsize=1 << 18)  # a few hundred thousand features and words recur all corpus long
def _display(name: str) -> str:
    """Readable phrase for a feature name ("r1|criticised" -> "criticised")."""
    phrase = name.split("|", 1)[-1]
    words = [
        f"not {w[4:]}" if w.startswith("not_") else w for w in phrase.split(" ") if w != TARGET
    ]
    return " ".join(words)


def _add(feats: dict[str, float], name: str, value: float) -> None:
    feats[name] = feats.get(name, 0.0) + value


def _context_features(
    feats: dict[str, float],
    tokens: list[Token],
    flags: list[bool],
    t_idx: int,
    cfg: dict[str, Any],
) -> None:
    """Words and bigrams left and right of the target, binned by distance."""
    window, near = cfg["window"], cfg["near"]
    for side, rng in (
        ("l", range(t_idx - 1, max(-1, t_idx - 1 - window), -1)),
        ("r", range(t_idx + 1, min(len(tokens), t_idx + 1 + window))),
    ):
        for i in rng:
            dist = abs(i - t_idx)
            form = _form(tokens[i], flags[i])
            _add(feats, f"{side}|{form}", 1.0)
            if cfg["distance_bins"] and dist <= near:
                _add(feats, f"{side}{near}|{form}", 1.0)
        if cfg["bigrams"]:
            for i in rng:
                j = i + 1 if side == "r" else i - 1
                if 0 <= j < len(tokens) and j != t_idx:
                    a, b = (
                        (tokens[i], tokens[j])
                        if side == "r"
                        else (
                            tokens[j],
                            tokens[i],
                        )
                    )
                    _add(feats, f"{side}b|{a.norm} {b.norm}", 1.0)


def _target_ngrams(feats: dict[str, float], tokens: list[Token], t_idx: int) -> None:
    """The mention's place in its phrase (groups tl, tr): "<t> slammed", "slammed <t>".

    The bigrams and trigrams ending or starting at the mention, so the model
    can tell the one who acts from the one acted on; in the view with the
    other mentions collapsed (when the config reads them) also "<o> slammed <t>".
    """
    norms = [t.norm for t in tokens]
    for n in (1, 2):
        if t_idx - n >= 0:
            _add(feats, f"tl|{' '.join(norms[t_idx - n : t_idx])} {TARGET}", 1.0)
        if t_idx + n < len(norms):
            _add(feats, f"tr|{TARGET} {' '.join(norms[t_idx + 1 : t_idx + 1 + n])}", 1.0)


def _sentence_features(
    feats: dict[str, float], tokens: list[Token], flags: list[bool], cfg: dict
) -> None:
    """Bag of words and bigrams of the whole sentence, the mention masked."""
    forms = [_form(t, f) for t, f in zip(tokens, flags)]
    for form in forms:
        _add(feats, f"s|{form}", 1.0)
    if cfg["bigrams"]:
        for a, b in itertools.pairwise(tokens):
            if a.norm in _STOPWORDS and b.norm in _STOPWORDS:
                continue
            _add(feats, f"sb|{a.norm} {b.norm}", 1.0)


def _clause_features(
    feats: dict[str, float], tokens: list[Token], flags: list[bool], t_idx: int
) -> None:
    """Words of the target's own clause (group c), the target left out."""
    for i in clause_span(tokens, t_idx):
        if i != t_idx:
            _add(feats, f"c|{_form(tokens[i], flags[i])}", 1.0)


def _weighted_features(
    feats: dict[str, float], tokens: list[Token], flags: list[bool], t_idx: int
) -> None:
    """Every word of the sentence weighted by 1 / distance to the target (group w)."""
    for i, tok in enumerate(tokens):
        if i != t_idx:
            _add(feats, f"w|{_form(tok, flags[i])}", 1.0 / abs(i - t_idx))


def lexicon_hits(
    tokens: list[Token],
    flags: list[bool],
    t_idx: int,
    lexicon: dict[str, float],
    cfg: dict[str, Any],
    own: Sequence[bool] = (),
) -> list[tuple[str, str, float]]:
    """Prior-polarity words as (feature, word, strength); negation flips sign.

    The features sum the strengths of positive and negative words overall
    (s), left (l) and right (r) of the mention and near it (n), so words never
    seen in training still count. Options: ``lex_decay`` adds the strengths
    weighted by 1 / (1 + distance in tokens) (d), ``lex_clause`` those in the
    mention's own clause (c), and ``lex_negation`` flips a word's sign inside a
    negation scope even when the word features do not mark negation. With
    ``own`` (from :func:`own_side`, when the sentence has other mentions),
    words nearer the mention than any other also count as its own (own), the
    rest as the others' (oth).
    """
    if cfg["lex_negation"] and not cfg["negation"]:
        flags = negation_flags(tokens)
    clause = clause_ids(tokens) if cfg["lex_clause"] else []
    hits = []
    for i, tok in enumerate(tokens):
        val = lexicon.get(tok.norm)
        if not val or i == t_idx:
            continue
        val = -val if flags[i] else val
        sign = "pos" if val > 0 else "neg"
        word = _display(_form(tok, flags[i]))
        dist = abs(i - t_idx)
        groups = ["s"]
        if dist <= cfg["window"]:
            groups.append("l" if i < t_idx else "r")
        if dist <= cfg["near"]:
            groups.append("n")
        if clause and clause[i] == clause[t_idx]:
            groups.append("c")
        if own:
            groups.append("own" if own[i] else "oth")
        hits.extend((f"lex|{g}_{sign}", word, abs(val)) for g in groups)
        if cfg["lex_decay"]:
            hits.append((f"lex|d_{sign}", word, abs(val) / (1 + dist)))
    return hits


def _gap_bin(gap: int) -> str:
    """Tokens between two mentions, binned."""
    bins = ((0, "0"), (2, "1-2"), (5, "3-5"), (10, "6-10"))
    return next((name for top, name in bins if gap <= top), "11+")


def _other_features(feats: dict[str, float], tokens: list[Token], t_idx: int) -> None:
    """The mention against the sentence's other mentions (groups o, ob, ol, or).

    ``tokens`` is the view with the others collapsed. o: how many others,
    whether the mention comes first, last or between them, side and distance
    of the nearest other, whether a contrast word ("but", "unlike",
    "against"...) or a clause boundary separates the two; ob: the words
    between them; ol/or: the words left/right of the nearest other.
    """
    o_idx = [i for i, t in enumerate(tokens) if t.norm == OTHER]
    if not o_idx:
        return
    order = "first" if t_idx < o_idx[0] else "last" if t_idx > o_idx[-1] else "between"
    j = min(o_idx, key=lambda i: (abs(i - t_idx), i))
    side = "r" if j > t_idx else "l"
    lo, hi = sorted((t_idx, j))
    between = tokens[lo + 1 : hi]
    contrast = any(t.norm in _CONTRAST for t in between)
    same_clause = j in clause_span(tokens, t_idx)
    for name in (
        f"count_{min(len(o_idx), 2)}",
        f"order_{order}",
        f"gap_{side}_{_gap_bin(hi - lo - 1)}",
        f"contrast_{side}_{contrast}",
        f"clause_{same_clause}",
    ):
        _add(feats, f"o|{name}", 1.0)
    for t in between:
        _add(feats, f"ob|{t.norm}", 1.0)
    n = len(tokens)
    for group, rng in (
        ("ol", range(max(0, j - OTHER_WINDOW), j)),
        ("or", range(j + 1, min(n, j + 1 + OTHER_WINDOW))),
    ):
        for i in rng:
            if i != t_idx:
                _add(feats, f"{group}|{tokens[i].norm}", 1.0)


def _read_others(
    text: str, start: int, end: int, others: Sequence[Span], cfg: dict[str, Any]
) -> tuple[Span, ...]:
    """The other mentions the config reads (none unless its ``others`` switch is on)."""
    return other_spans(text, start, end, others) if cfg["others"] else ()


def extract_features(
    text: str,
    start: int,
    end: int,
    cfg: dict[str, Any] | None = None,
    lexicon: dict[str, float] | None = None,
    others: Sequence[Span] = (),
) -> dict[str, float]:
    """Target-aware sparse features of (sentence, mention span).

    Feature names are ``group|phrase``: the group says where the phrase sits
    relative to the mention (l/r = left/right window, l3/r3 = within ``near``
    tokens, s = anywhere in the sentence, m = inside the mention, lb/rb/sb =
    bigrams); the phrase is what analysts see as a contribution. ``others``,
    the spans of the sentence's other mentions, count only when the config's
    ``others`` switch is on: :func:`_other_features`, and the lexicon split
    into the mention's side and the others' (:func:`lexicon_hits`).
    """
    cfg = {**DEFAULT_CONFIG, **(cfg or {})}
    check_span(text, start, end)
    tokens, t_idx, _ = target_view(text, start, end)
    spans = _read_others(text, start, end, others, cfg)
    flags = negation_flags(tokens) if cfg["negation"] else [False] * len(tokens)
    feats: dict[str, float] = {"bias|": 1.0}
    _context_features(feats, tokens, flags, t_idx, cfg)
    if cfg["target_ngrams"]:
        _target_ngrams(feats, *target_view(text, start, end, spans)[:2])
    if cfg["sentence"]:
        _sentence_features(feats, tokens, flags, cfg)
    if cfg["clause"]:
        _clause_features(feats, tokens, flags, t_idx)
    if cfg["weighted"]:
        _weighted_features(feats, tokens, flags, t_idx)
    if cfg["lexicon"] and lexicon:
        own = own_side(text, start, end, spans) if spans else ()
        for name, _, value in lexicon_hits(tokens, flags, t_idx, lexicon, cfg, own):
            _add(feats, name, value)
    if spans:
        o_tokens, o_idx, _ = target_view(text, start, end, spans)
        _other_features(feats, o_tokens, o_idx)
    if cfg["mention"]:
        for tok in mention_tokens(text, start, end):
            _add(feats, f"m|{tok.norm}", 1.0)
    pos = "first" if t_idx == 0 else ("late" if t_idx > 0.5 * len(tokens) else "mid")
    _add(feats, f"pos|{pos}", 1.0)
    return feats


def _scale(value: float) -> float:
    """Dampen repeated counts: 1 -> 1, 2 -> 1.69, ...; small values unchanged."""
    return value if value <= 1.0 else 1.0 + math.log(value)


def group_weights(names: Sequence[str], group_scale: dict[str, float]) -> np.ndarray | None:
    """Per-feature weight from the config's ``group_scale`` ({"s": 0.5}: the sentence-wide
    words count half beside the words near the mention); None when no group is weighed."""
    if not group_scale:
        return None
    return np.array([group_scale.get(name.split("|", 1)[0], 1.0) for name in names])


def vectorize(
    feats: dict[str, float], vocab: dict[str, int], weights: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Known-feature indices and values, with log scaling, group ``weights`` and L2 norm."""
    items = [(vocab[k], _scale(v)) for k, v in feats.items() if k in vocab]
    if not items:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    idx = np.array([i for i, _ in items], dtype=np.int64)
    val = np.array([v for _, v in items])
    if weights is not None:
        val = val * weights[idx]
    return idx, val / np.linalg.norm(val)


def embedding_groups(tokens: list[Token], t_idx: int, cfg: dict) -> list[list[int]]:
    """Token positions averaged per region: sentence, left, right, near (and clause)."""
    n, win, near = len(tokens), cfg["window"], cfg["near"]
    groups = [
        [i for i in range(n) if i != t_idx],
        list(range(max(0, t_idx - win), t_idx)),
        list(range(t_idx + 1, min(n, t_idx + 1 + win))),
        [i for i in range(t_idx - near, t_idx + near + 1) if 0 <= i < n and i != t_idx],
    ]
    if cfg["emb_clause"]:
        groups.append([i for i in clause_span(tokens, t_idx) if i != t_idx])
    return groups


def embedding_rows(
    tokens: list[Token], t_idx: int, emb_index: dict[str, int], cfg: dict
) -> list[list[tuple[int, int]]]:
    """Per region, the (token position, embedding row) of words with a vector."""
    return [
        [(i, emb_index[tokens[i].norm]) for i in group if tokens[i].norm in emb_index]
        for group in embedding_groups(tokens, t_idx, cfg)
    ]


def dense_features(
    text: str,
    start: int,
    end: int,
    emb_index: dict[str, int],
    embeddings: np.ndarray,
    cfg: dict[str, Any],
) -> np.ndarray:
    """Mean word vector per region, concatenated and scaled by emb_scale."""
    cfg = {**DEFAULT_CONFIG, **cfg}
    tokens, t_idx, _ = target_view(text, start, end)
    return _mean_vectors(embedding_rows(tokens, t_idx, emb_index, cfg), embeddings, cfg)


def _mean_vectors(
    rows: list[list[tuple[int, int]]], embeddings: np.ndarray, cfg: dict[str, Any]
) -> np.ndarray:
    """:func:`dense_features` from the regions' embedding rows."""
    parts = []
    for region in rows:
        vec = np.zeros(embeddings.shape[1])
        if region:
            vec = embeddings[[r for _, r in region]].mean(axis=0)
        parts.append(vec)
    return cfg["emb_scale"] * np.concatenate(parts)


@dataclass(frozen=True)
class _Model:
    vocab: dict[str, int]
    names: list[str]
    weights: np.ndarray  # (n_classes, n_sparse_features)
    dense_weights: np.ndarray  # (n_classes, n_groups * dim), may be empty
    bias: np.ndarray  # (n_classes,)
    labels: tuple[str, ...]
    config: dict[str, Any]
    lexicon: dict[str, float]
    emb_index: dict[str, int]
    embeddings: np.ndarray  # (n_words, dim), may be empty
    groups: tuple[str, ...]  # each feature's group ("s", "lex", ...), split from its name once
    group_weights: np.ndarray | None  # per feature, from the config's group_scale


def load_model(model_dir: Path = MODEL_DIR) -> _Model:
    """Read the model from plain arrays (tone.npz) and JSON (tone.json)."""
    meta = json.loads((model_dir / "tone.json").read_text(encoding="utf-8"))
    with np.load(model_dir / "tone.npz", allow_pickle=False) as arrays:
        arr = {k: arrays[k].astype(np.float64) for k in arrays.files}
    names = meta["features"]
    config = {**DEFAULT_CONFIG, **meta["config"]}
    return _Model(
        vocab={n: i for i, n in enumerate(names)},
        names=names,
        weights=arr["weights"],
        dense_weights=arr["dense_weights"],
        bias=arr["bias"],
        labels=tuple(meta["labels"]),
        config=config,
        lexicon=meta.get("lexicon", {}),
        emb_index={w: i for i, w in enumerate(meta.get("embedding_vocab", []))},
        embeddings=arr["embeddings"],
        groups=tuple(name.split("|", 1)[0] for name in names),
        group_weights=group_weights(names, config["group_scale"]),
    )


@lru_cache(maxsize=1)
def _model() -> _Model:
    return load_model()


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def _sparse_pushes(
    model: _Model,
    text: str,
    start: int,
    end: int,
    idx: np.ndarray,
    val: np.ndarray,
    others: Sequence[Span] = (),
) -> dict[str, float]:
    """Push of each sparse word feature on logit(pos) - logit(neg), by phrase.

    Lexicon sums are shared out over the words that made them.
    """
    pos, neg = model.labels.index("positive"), model.labels.index("negative")
    push = (model.weights[pos, idx] - model.weights[neg, idx]) * val
    out: dict[str, float] = {}
    lex_push = {}
    names, groups = model.names, model.groups
    for i, p in zip(idx.tolist(), push.tolist()):
        group = groups[i]
        if group == "lex":
            lex_push[names[i]] = p
        elif group in WORD_GROUPS:
            _add(out, _display(names[i]), p)
    if lex_push:
        cfg = model.config
        tokens, t_idx, _ = target_view(text, start, end)
        flags = negation_flags(tokens) if cfg["negation"] else [False] * len(tokens)
        spans = _read_others(text, start, end, others, cfg)
        own = own_side(text, start, end, spans) if spans else ()
        hits = lexicon_hits(tokens, flags, t_idx, model.lexicon, cfg, own)
        totals: dict[str, float] = {}
        for name, _, value in hits:
            _add(totals, name, value)
        for name, word, value in hits:
            if name in lex_push:
                _add(out, word, lex_push[name] * value / totals[name])
    return out


def _dense_pushes(
    model: _Model, tokens: list[Token], rows: list[list[tuple[int, int]]]
) -> dict[str, float]:
    """Push of each word through the mean word vectors (``rows``: :func:`embedding_rows` of
    the mention's ``tokens``), exact per word."""
    pos, neg = model.labels.index("positive"), model.labels.index("negative")
    dim = model.embeddings.shape[1]
    diff = model.dense_weights[pos] - model.dense_weights[neg]
    out: dict[str, float] = {}
    for g, group in enumerate(rows):
        w = diff[g * dim : (g + 1) * dim] * model.config["emb_scale"] / max(1, len(group))
        for i, r in group:
            _add(out, tokens[i].norm, float(model.embeddings[r] @ w))
    return out


def _is_content(word: str) -> bool:
    """A word with meaning of its own: letters, not a function word, not a number."""
    return (
        len(word) > 1
        and word[0].isalpha()
        and not any(ch.isdigit() for ch in word)
        and word not in _FUNCTION_WORDS
    )


@lru_cache(maxsize=1 << 18)
def content_phrase(phrase: str) -> str:
    """The phrase without function words, punctuation and numbers at its ends ('' if none left).

    A negator right before a content word stays ("not welcome"): it turns the meaning.
    """
    words = [w for w in phrase.split(" ") if w and "<" not in w]
    if not any(_is_content(w) for w in words):
        return ""
    first = next(i for i, w in enumerate(words) if _is_content(w))
    last = max(i for i, w in enumerate(words) if _is_content(w))
    if first and words[first - 1] in _NEGATION_WORDS:
        first -= 1
    return " ".join(words[first : last + 1])


def _bare(word: str) -> str:
    """A word in lower case without its possessive: 'Trump’s' -> 'trump'."""
    return re.sub(r"['’]s$", "", word.lower())


def _contributions(
    pushes: dict[str, float], own: frozenset[str] = frozenset(), top: int = 5
) -> list[tuple[str, float]]:
    """The content words and phrases that pushed the score most, signed.

    Pushes of function words, punctuation and numbers are left out (they are
    artefacts of the fit, not an explanation); so are the mention's own words
    (``own``: "Trump's" does not explain the tone towards Trump); a phrase keeps its
    content part, and equal parts add up ("the war" and "war" are one "war").
    """
    readable: dict[str, float] = {}
    for phrase, push in pushes.items():
        content = content_phrase(phrase)
        if content and not {_bare(w) for w in content.split(" ")} <= own:
            _add(readable, content, push)
    ranked = sorted(readable.items(), key=lambda kv: (-abs(kv[1]), kv[0]))
    return [(k, round(v, 4)) for k, v in ranked[:top] if abs(v) > 1e-6]


def _class_scores(
    model: _Model, idx: np.ndarray, val: np.ndarray, rows: list[list[tuple[int, int]]]
) -> np.ndarray:
    """Class scores from the mention's vectorized sparse features and the embedding ``rows``
    of its regions (:func:`embedding_rows`)."""
    z = model.weights[:, idx] @ val + model.bias
    if model.emb_index:
        z = z + model.dense_weights @ _mean_vectors(rows, model.embeddings, model.config)
    return z


def tone(
    text: str, start: int, end: int, *, others: Sequence[Span] = (), explain: bool = True
) -> ToneResult:
    """Sentiment of ``text`` towards the mention ``text[start:end]``.

    ``score`` is P(positive) - P(negative); ``contributions`` are the words of
    the sentence that pushed the score most (positive = towards positive), or
    empty when ``explain`` is false (scoring a corpus: the explanation costs
    about as much as the score, and is only read for the mentions shown).
    ``others`` are the spans of the sentence's other mentions (other people or
    organisations); a model trained with them reads the mention against them.
    """
    check_span(text, start, end)
    others = other_spans(text, start, end, others)  # checked even when the model ignores them
    model = _model()
    feats = extract_features(text, start, end, model.config, model.lexicon, others)
    idx, val = vectorize(feats, model.vocab, model.group_weights)
    tokens, t_idx, _ = target_view(text, start, end)
    rows = embedding_rows(tokens, t_idx, model.emb_index, model.config) if model.emb_index else []
    probs = _softmax(_class_scores(model, idx, val, rows))
    p = dict(zip(model.labels, (float(x) for x in probs)))
    contributions = []
    if explain:
        pushes = _sparse_pushes(model, text, start, end, idx, val, others)
        for word, push in _dense_pushes(model, tokens, rows).items():
            _add(pushes, word, push)
        own = frozenset(_bare(w) for w in re.findall(r"[\w’'-]+", text[start:end]))
        contributions = _contributions(pushes, own)
    return ToneResult(
        label=model.labels[int(np.argmax(probs))],
        score=max(-1.0, min(1.0, p["positive"] - p["negative"])),
        probabilities=p,
        contributions=contributions,
    )
