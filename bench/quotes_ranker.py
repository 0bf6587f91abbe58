"""Experiment: a learned ranker over speaker candidates against the quote rules (issue 14).

For every quote the rules find that matches a gold quote, the candidates are the rules'
choice, every name-shaped mention in the paragraphs around it (two before, two after), the
speaker of the previous attributed quote, and "no speaker". Each candidate has features
that name no outlet or person: distances, same sentence or paragraph, side of the quote,
a cue verb next to it or between, inside quote marks, after a preposition, opening the
sentence, the sentence's first name (its subject), full name or single word, registered
person, a body's word, the discourse's current subject and speaker (the rules' own record of
sentence subjects and attributions), whether the rules chose it (and how: explicit, carried). A
candidate is right when it is the gold speaker (bench/quotes_gold.py's matching).

Trained and selected on the development sets only (quotes.jsonl, quotes_heldout.jsonl,
quotes_dev2.jsonl, quotes_dev3.jsonl): grouped 5-fold CV by excerpt and leave-one-set-out,
for a pointwise logistic model, a conditional logit (softmax over each quote's candidates)
and gradient boosting; the same without the rules' choice as a feature; and the rules
overridden only when the ranker's margin over the rules' candidate is large. ``--test``
adds quotes_test.jsonl as a check after selection; the unseen set is never read here.
``--cost ARTICLES.jsonl.gz`` gives the CPU ms per article of the mentions and candidates.

Result (session 24): the ranker does not beat the rules, so no model ships; the figures
are in the README's Quotes paragraphs and h18a's report.

Usage: python bench/quotes_ranker.py [--test] [--cost ARTICLES.jsonl.gz [N]]
"""

from __future__ import annotations

import bisect
import gzip
import itertools
import json
import math
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.knowledge.derive.entities import ORGANISATION_WORDS
from analysis.voices.attribution import Article
from analysis.voices.cues import CUE, SOURCE
from analysis.voices.phrases import is_name_shaped
from analysis.voices.records import Quote
from analysis.voices.speakers import SpeakerRegistry
from bench.quotes_gold import (
    DEV2,
    DEV3,
    GOLD,
    HELDOUT,
    SPEAKERS,
    TEST,
    _items,
    _overlap,
    line_paragraphs,
    same_speaker,
)

TRAIN_SETS = (GOLD, HELDOUT, DEV2, DEV3)
MENTION = re.compile(
    r"(?<![\w’'])(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|Rev|Capt)\.|[A-Z][\w’'\-]*"
    r"|[A-Z]\.)(?:\s(?:(?:de|van|von|der|bin|al|la|le|du|da|del)\s)?(?:[A-Z][\w’'\-]+|[A-Z]\.))*"
)
"""Capitalised words in a row: the raw shape of a name ('Sen. Mitch McConnell', 'Xi')."""
PREPOSITIONS = frozenset(
    "to of by with for against about on at from than into over under between toward towards "
    "like including".split()
)
CONTRACTION = re.compile(r"(?:I|We|They|You|It|He|She|That|There|What)(?:[’'][a-z]+)?$")
"""Pronouns and their contractions opening a sentence ('I’m', 'We’re'): nobody named."""
WINDOW = 2
"""Paragraphs before and after the quote's own in which names are candidates."""


@dataclass(frozen=True)
class Mention:
    """A name in the text: its span, the name the rules' name reader makes of it, and whether
    it stands inside quote marks."""

    start: int
    end: int
    name: str
    inside: bool


@dataclass
class Candidate:
    """One possible speaker of a quote, with the mention it came from and its features."""

    speaker: str | None
    mention: Mention | None
    features: dict[str, float]


def mentions(article: Article) -> list[Mention]:
    """Every name-shaped mention of the article, in text order, with whether it is quoted."""
    spans = [(p.start, p.end) for p in article.pieces]
    starts = [s for s, _ in spans]
    found = []
    for match in MENTION.finditer(article.text):
        raw = re.sub(r"[’']s$", "", match.group(0)).rstrip(".")
        if len(raw) < 2:
            continue
        name = article._name(raw)
        if not name or not is_name_shaped(name) or CONTRACTION.match(name):
            continue
        index = bisect.bisect_right(starts, match.start()) - 1
        inside = index >= 0 and spans[index][0] <= match.start() < spans[index][1]
        found.append(Mention(match.start(), match.start() + len(raw), name, inside))
    return found


def candidates(
    article: Article, quotes: list[Quote], found: list[Mention], index: int
) -> list[Candidate]:
    """The candidates of ``quotes[index]``: rules' choice, nearby names, last speaker, nobody."""
    quote = quotes[index]
    text = article.text
    paragraphs = article.paragraphs
    starts = [s for s, _ in paragraphs]
    para = max(bisect.bisect_right(starts, quote.start) - 1, 0)
    lo = paragraphs[max(para - WINDOW, 0)][0]
    hi = paragraphs[min(para + WINDOW, len(paragraphs) - 1)][1]
    sentence_start = article._sentence_start(quote.start)
    sentence_end = article._sentence_end(max(quote.end - 1, quote.start))
    previous = next((q.speaker for q in reversed(quotes[:index]) if q.speaker), None)
    full = dict(article.full_names)
    for m in found:
        if " " in m.name:
            full.setdefault(m.name.split()[-1].lower(), m.name)
    common = {
        "kind_" + quote.kind: 1.0,
        "rule_none": float(quote.speaker is None),
        "rule_mention": float(quote.speaker is None and quote.speaker_mention is not None),
        "rule_cue": float(quote.cue is not None),
        "para_opens": float(quote.start - paragraphs[para][0] <= 2),
    }
    pool: dict[str, Candidate] = {}
    first = bisect.bisect_left([m.start for m in found], lo)
    window = []
    for m in found[first:]:
        if m.start >= hi:
            break
        if quote.start <= m.start < quote.end:
            continue
        window.append(m)
    in_sentence = [m for m in window if sentence_start <= m.start < sentence_end]
    subject = next((m for m in in_sentence if m.start < quote.start and not m.inside), None)
    before = sorted((m for m in window if m.end <= quote.start), key=lambda m: -m.start)
    after = [m for m in window if m.start >= quote.end]
    cue_in_sentence = bool(CUE.search(text, sentence_start, sentence_end))
    common["cue_in_sentence"] = float(cue_in_sentence)
    common["name_in_sentence"] = float(bool(in_sentence))
    common["subject"] = float(subject is not None)
    for m in window:
        speaker = full.get(m.name.lower(), m.name)
        feats = _name_features(article, quote, m, para, sentence_start, sentence_end)
        feats["subject"] = float(m is subject)
        feats["subject*partial"] = float(m is subject and quote.kind == "partial")
        feats["nearest_before"] = float(bool(before) and m is before[0])
        feats["nearest_after"] = float(bool(after) and m is after[0])
        between = text[m.end : quote.start] if m.end <= quote.start else text[quote.end : m.start]
        feats["cue_between"] = float(bool(CUE.search(between)) and len(between) < 200)
        feats["single_opens"] = float(" " not in m.name and feats["opens_sentence"] == 1.0)
        kept = pool.get(speaker.lower())
        if kept is None or feats["near"] > kept.features["near"]:
            if kept is not None:
                feats["count"] = kept.features["count"]
            pool[speaker.lower()] = Candidate(speaker, m, feats)
        pool[speaker.lower()].features["count"] = pool[speaker.lower()].features.get("count", 0) + 1
    result: list[Candidate] = []
    rule_key = quote.speaker.lower() if quote.speaker else None
    at = bisect.bisect_left(article.subjects, (quote.start, ""))
    last_subject = article.subjects[at - 1][1] if at else None  # the discourse's current
    at = bisect.bisect_left(article.speaking, (quote.start, ""))  # subject and speaker
    last_speaking = article.speaking[at - 1][1] if at else None
    rule_words = (quote.speaker_mention or "").lower()
    pronoun = rule_words in ("he", "she", "they", "it", "we")
    common["rule_pronoun"] = float(quote.speaker is None and pronoun)
    for key, cand in pool.items():
        cand.features["count"] = math.log1p(cand.features["count"])
        cand.features["rule"] = float(same_speaker(cand.speaker, quote.speaker))
        last = (cand.speaker or "").lower().split()[-1:]
        in_mention = bool(last) and not pronoun and last[0] in rule_words.split()
        cand.features["in_rule_mention"] = float(in_mention and quote.speaker is None)
        cand.features["pronoun*last_speaker"] = float(
            pronoun and same_speaker(cand.speaker, previous)
        )
        cand.features["pronoun*nearest_before"] = pronoun * cand.features["nearest_before"]
        cand.features["rule_" + quote.attribution] = cand.features.get("rule", 0.0)
        cand.features["last_speaker"] = float(same_speaker(cand.speaker, previous))
        cand.features["last_subject"] = float(same_speaker(cand.speaker, last_subject))
        cand.features["last_speaking"] = float(same_speaker(cand.speaker, last_speaking))
        cand.features["pronoun*last_subject"] = pronoun * cand.features["last_subject"]
        if key == rule_key:
            cand.speaker = quote.speaker
        result.append(cand)
    if quote.speaker and not any(same_speaker(c.speaker, quote.speaker) for c in result):
        feats = {
            "rule": 1.0,
            "far": 1.0,
            "last_speaker": float(same_speaker(quote.speaker, previous)),
        }
        result.append(Candidate(quote.speaker, None, feats))
    if previous and not any(same_speaker(c.speaker, previous) for c in result):
        result.append(Candidate(previous, None, {"last_speaker": 1.0, "far": 1.0}))
    names = len(result)
    for cand in result:
        cand.features.update({f"{k}*name": v for k, v in common.items()})
        cand.features["name"] = 1.0
        cand.features["registered"] = float(bool(article.registry.resolve(cand.speaker or "")))
    nobody = {f"{k}*none": v for k, v in common.items()}
    nobody.update({"none": 1.0, "rule": float(quote.speaker is None), "names": math.log1p(names)})
    nobody["rule*none_mention"] = float(quote.speaker is None and quote.speaker_mention is not None)
    result.append(Candidate(None, None, nobody))
    return result


def _name_features(
    article: Article, quote: Quote, m: Mention, para: int, sentence_start: int, sentence_end: int
) -> dict[str, float]:
    text = article.text
    before = m.end <= quote.start
    distance = quote.start - m.end if before else max(m.start - quote.end, 0)
    starts = [s for s, _ in article.paragraphs]
    m_para = max(bisect.bisect_right(starts, m.start) - 1, 0)
    left = text[max(0, m.start - 30) : m.start]
    right = text[m.end : m.end + 30]
    prev_word = re.search(r"([A-Za-z]+)\W*$", left)
    prev = prev_word.group(1) if prev_word else ""
    words = m.name.split()
    same_sentence = sentence_start <= m.start < sentence_end
    return {
        "near": -math.log1p(distance),
        "d30": float(distance < 30),
        "d100": float(distance < 100),
        "d300": float(distance < 300),
        "same_sentence": float(same_sentence),
        "same_para": float(m_para == para),
        "para_before": float(m_para == para - 1),
        "para_after": float(m_para == para + 1),
        "before": float(before),
        "before*same_sentence": float(before and same_sentence),
        "after*same_sentence": float(not before and same_sentence),
        "cue_after": float(bool(CUE.match(right.lstrip(" ,")))),
        "cue_before": float(bool(re.search(rf"{CUE.pattern}\s*,?\s*$", left))),
        "cue_near_after": float(bool(CUE.search(right[:25]))),
        "according": float(bool(re.search(rf"{SOURCE.pattern}$", left))),
        "inside": float(m.inside),
        "after_prep": float(prev.lower() in PREPOSITIONS),
        "after_lower": float(prev.islower() and prev.lower() not in PREPOSITIONS),
        "possessive": float(bool(re.match(r"[’']s\b", right))),
        "appositive": float(right.startswith(",")),
        "opens_sentence": float(m.start in article._sentences(m.start) or prev == ""),
        "full_name": float(len(words) > 1),
        "body": float(bool(ORGANISATION_WORDS & {w.lower() for w in words})),
        "acronym": float(m.name.isupper()),
        "person": float(article.registry.is_person(m.name) and len(words) > 1),
    }


Row = tuple[str, list[dict[str, float]], list[bool], bool]
"""(excerpt id, each candidate's features, each candidate right, the rules right)."""


def rows_of(path: Path, registry: SpeakerRegistry) -> list[Row]:
    """One row per quote the rules find that matches a gold quote."""
    rows = []
    for item in _items([path]):
        text = item["text"]
        article = Article(text, line_paragraphs(text), registry, item.get("published", ""))
        quotes = article.quotes()
        found = mentions(article)
        unmatched = list(item["quotes"])
        for index, quote in enumerate(quotes):
            gold = next(
                (g for g in unmatched if g["kind"] == quote.kind and _overlap(quote, g)), None
            )
            if gold is None:
                continue
            unmatched.remove(gold)
            options = candidates(article, quotes, found, index)
            labels = [same_speaker(c.speaker, gold["speaker"]) for c in options]
            rows.append(
                (
                    item["id"],
                    [c.features for c in options],
                    labels,
                    same_speaker(quote.speaker, gold["speaker"]),
                )
            )
    return rows


def without_rules(rows: list[Row]) -> list[Row]:
    """The rows with every feature of the rules' choice removed: the ranker on its own."""
    return [
        (i, [{k: v for k, v in f.items() if not k.startswith("rule")} for f in feats], y, ok)
        for i, feats, y, ok in rows
    ]


def matrix(rows: list[Row], names: list[str]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Features, labels and the first candidate's row index of each quote (and the end)."""
    column = {n: i for i, n in enumerate(names)}
    feats = [f for row in rows for f in row[1]]
    x = np.zeros((len(feats), len(names)))
    for i, f in enumerate(feats):
        for n, v in f.items():
            if n in column:
                x[i, column[n]] = v
    y = np.array([label for row in rows for label in row[2]], dtype=float)
    bounds = np.cumsum([0, *(len(row[1]) for row in rows)]).tolist()
    return x, y, bounds


def softmax_weights(x: np.ndarray, y: np.ndarray, bounds: list[int], l2: float) -> np.ndarray:
    """A conditional logit: weights maximising the probability of a right candidate per quote."""
    spans = [(a, b) for a, b in itertools.pairwise(bounds) if y[a:b].any()]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        scores = x @ w
        total, grad = l2 * w @ w, 2 * l2 * w
        for a, b in spans:
            p = np.exp(scores[a:b] - scores[a:b].max())
            p /= p.sum()
            right = (p * y[a:b]).sum()
            total -= math.log(right + 1e-12)
            grad = grad + x[a:b].T @ (p - p * y[a:b] / right)
        return total, grad

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def scorer(
    model: str, param: float, train: list[Row]
) -> tuple[list[str], Callable[[np.ndarray], np.ndarray]]:
    """The feature names and a function from candidate rows to scores, fitted on ``train``."""
    names = sorted({n for row in train for f in row[1] for n in f})
    x, y, bounds = matrix(train, names)
    if model == "logistic":
        fitted = LogisticRegression(C=param, max_iter=5000).fit(x, y)
        return names, fitted.decision_function
    if model == "boosting":
        boost = HistGradientBoostingClassifier(
            max_iter=int(param), max_leaf_nodes=15, random_state=0
        ).fit(x, y)
        return names, lambda m: boost.predict_proba(m)[:, 1]
    weights = softmax_weights(x, y, bounds, param)
    return names, lambda m: m @ weights


def choices(model: str, param: float, train: list[Row], test: list[Row]) -> list[np.ndarray]:
    names, score = scorer(model, param, train)
    x, _, bounds = matrix(test, names)
    scores = score(x)
    return [scores[a:b] for a, b in itertools.pairwise(bounds)]


def folds(rows: list[Row]) -> list[tuple[list[Row], list[Row]]]:
    """Five folds grouped by excerpt (an excerpt's quotes are all in one fold)."""
    ids = sorted({r[0] for r in rows})
    np.random.default_rng(0).shuffle(ids)
    fold = {excerpt: n % 5 for n, excerpt in enumerate(ids)}
    return [
        ([r for r in rows if fold[r[0]] != k], [r for r in rows if fold[r[0]] == k])
        for k in range(5)
    ]


def accuracy(test: list[Row], scores: list[np.ndarray], margin: float | None = None) -> float:
    """Speaker accuracy of the ranker's choice; with ``margin``, the rules' choice is kept
    unless the ranker's best candidate scores more than ``margin`` above it."""
    right = 0
    for row, s in zip(test, scores, strict=True):
        best = int(np.argmax(s))
        if margin is not None:
            rule = next(i for i, f in enumerate(row[1]) if f.get("rule") == 1.0)
            best = best if s[best] - s[rule] > margin else rule
        right += row[2][best]
    return right / len(test)


def cross_validated(
    rows: list[Row], model: str, param: float, margin: float | None = None
) -> float:
    total = 0.0
    for train, test in folds(rows):
        total += accuracy(test, choices(model, param, train, test), margin) * len(test)
    return total / len(rows)


MODELS = (
    ("logistic", 0.1),
    ("logistic", 1.0),
    ("softmax", 3.0),
    ("softmax", 10.0),
    ("boosting", 100),
)


def report(by_set: dict[str, list[Row]], test_rows: list[Row] | None) -> None:
    rows = [r for rs in by_set.values() for r in rs]
    rules = sum(r[3] for r in rows) / len(rows)
    oracle = sum(any(r[2]) for r in rows) / len(rows)
    print(
        f"{len(rows)} matched quotes; rules {rules:.1%}; a right candidate exists for {oracle:.1%}"
    )
    for model, param in MODELS:
        cv = cross_validated(rows, model, param)
        alone = cross_validated(without_rules(rows), model, param)
        loso = []
        for held, test in by_set.items():
            train = [r for name, rs in by_set.items() if name != held for r in rs]
            loso.append(
                f"{held.removesuffix('.jsonl')} "
                f"{accuracy(test, choices(model, param, train, test)):.1%}"
            )
        print(
            f"{model} {param}: grouped CV {cv:.1%}, without the rules' choice {alone:.1%}; "
            f"leave one set out: {', '.join(loso)}"
        )
    for margin in (0.5, 1.0, 2.0):
        gated = cross_validated(rows, "softmax", 10.0, margin)
        print(
            f"softmax 10.0, the rules overridden only above a margin of {margin}: "
            f"grouped CV {gated:.1%}"
        )
    print(
        "rules per set: "
        + ", ".join(
            f"{n.removesuffix('.jsonl')} {sum(r[3] for r in rs) / len(rs):.1%}"
            for n, rs in by_set.items()
        )
    )
    if test_rows is not None:
        print(
            f"quotes_test.jsonl ({len(test_rows)} quotes): "
            f"rules {sum(r[3] for r in test_rows) / len(test_rows):.1%}, "
            + ", ".join(
                f"{m} {p} {accuracy(test_rows, choices(m, p, rows, test_rows)):.1%}"
                for m, p in MODELS
            )
        )


def cost(path: Path, limit: int, registry: SpeakerRegistry) -> None:
    """CPU ms per article of the rules alone and of the ranker's mentions and candidates."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        articles = [json.loads(line) for _, line in zip(range(limit), lines, strict=False)]
    rules = extra = 0.0
    for item in articles:
        text = item["text"]
        began = time.process_time()
        article = Article(text, line_paragraphs(text), registry, item.get("published") or "")
        quotes = article.quotes()
        middle = time.process_time()
        found = mentions(article)
        for index in range(len(quotes)):
            candidates(article, quotes, found, index)
        rules += middle - began
        extra += time.process_time() - middle
    n = len(articles)
    print(
        f"{n} articles: rules {1000 * rules / n:.1f} ms, "
        f"mentions and candidates {1000 * extra / n:.1f} ms CPU per article"
    )


def main(argv: list[str]) -> None:
    registry, _ = SpeakerRegistry.from_csv(SPEAKERS)
    if "--cost" in argv:
        at = argv.index("--cost")
        limit = int(argv[at + 2]) if len(argv) > at + 2 else 600
        cost(Path(argv[at + 1]), limit, registry)
        return
    by_set = {path.name: rows_of(path, registry) for path in TRAIN_SETS}
    report(by_set, rows_of(TEST, registry) if "--test" in argv else None)


if __name__ == "__main__":
    main(sys.argv[1:])
