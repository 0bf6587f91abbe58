"""Tests of the target-dependent tone model (analysis.framing.tone, tone_view).

All but the last run standalone on the shipped model; the last evaluates on the
NewsMTSC dev files and skips when /work/shared is not there.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from analysis.framing.tone import (
    LABELS,
    MODEL_DIR,
    ToneResult,
    content_phrase,
    extract_features,
    group_weights,
    load_model,
    tone,
    vectorize,
)
from analysis.framing.tone_view import clause_span, other_spans, own_side, target_view

DEV_DIR = Path("/work/shared/data/newsmtsc")
# Achieved 71.4 macro-F1 on the dev union (see tone.json); floor 2 points below.
DEV_FLOOR = 69.4


def span(text: str, mention: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of mention in text."""
    starts = [m.start() for m in re.finditer(re.escape(mention), text)]
    return starts[nth], starts[nth] + len(mention)


def tone_of(text: str, mention: str, nth: int = 0) -> ToneResult:
    return tone(text, *span(text, mention, nth))


def test_a_sentence_is_tokenised_once_for_all_its_mentions_and_readings(monkeypatch):
    from analysis.framing import tone_view

    calls = []
    real = tone_view.tokenize
    monkeypatch.setattr(tone_view, "tokenize", lambda text: calls.append(text) or real(text))
    text = "The mayor of Tolvik praised the harbour board while the union of Tolvik objected."
    first, second = tone_of(text, "mayor"), tone_of(text, "union")
    assert calls == [text]  # features, word vectors and explanations share one tokenisation
    assert first.label in LABELS and second.label in LABELS


def test_result_shape():
    text = "The senator said the bill would be debated next week."
    r = tone_of(text, "The senator")
    assert r.label in LABELS
    assert -1.0 <= r.score <= 1.0
    assert set(r.probabilities) == set(LABELS)
    assert sum(r.probabilities.values()) == pytest.approx(1.0)
    assert r.score == pytest.approx(r.probabilities["positive"] - r.probabilities["negative"])


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Critics condemned Putin's brutal invasion of Ukraine.", "Putin", "negative"),
        ("Analysts praised Xi's skilful diplomacy.", "Xi", "positive"),
    ],
)
def test_clear_sentences(text, mention, expected):
    assert tone_of(text, mention).label == expected


@pytest.mark.parametrize(
    ("text", "praised", "condemned"),
    [
        ("Trump praised Kim as a great leader and attacked Biden as corrupt.", "Kim", "Biden"),
        (
            "Johnson hailed the heroic nurses, but slammed the incompetent managers.",
            "nurses",
            "managers",
        ),
    ],
)
def test_target_dependence(text, praised, condemned):
    """One sentence, two mentions, opposite tone: the span decides."""
    pos, neg = tone_of(text, praised), tone_of(text, condemned)
    assert pos.label == "positive"
    assert neg.label == "negative"
    assert pos.score > 0 > neg.score


def test_contributions_are_words_of_the_sentence():
    text = "Critics condemned Putin's brutal invasion of Ukraine."
    r = tone_of(text, "Putin")
    assert r.contributions
    assert len(r.contributions) <= 5
    lowered = text.lower()
    for phrase, push in r.contributions:
        assert isinstance(push, float)
        assert re.search(r"[a-z]", phrase)
        for word in phrase.split():
            assert word in lowered
    pushes = [abs(p) for _, p in r.contributions]
    assert pushes == sorted(pushes, reverse=True)
    assert sum(p for _, p in r.contributions) < 0  # the negative words dominate


def test_scoring_without_the_explanation_gives_the_same_tone():
    text = "Critics condemned Putin's brutal invasion, while Xi praised the talks."
    for mention in ("Putin", "Xi"):
        full = tone(text, *span(text, mention))
        scored = tone(text, *span(text, mention), explain=False)
        assert full.contributions and scored.contributions == []
        assert (scored.label, scored.score, scored.probabilities) == (
            full.label,
            full.score,
            full.probabilities,
        )


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 3), (0, 0), (0, 999), (50, 60)])
def test_offsets_out_of_range(start, end):
    with pytest.raises(ValueError, match="out of range"):
        tone("A short sentence.", start, end)


def test_model_loads_from_plain_arrays():
    files = {p.name for p in MODEL_DIR.iterdir()}
    assert {"tone.npz", "tone.json"} <= files
    assert not [f for f in files if f.endswith((".pkl", ".pickle", ".joblib"))]
    model = load_model()  # np.load(allow_pickle=False) inside
    assert model.labels == LABELS
    assert model.weights.shape == (3, len(model.names))


@pytest.mark.skipif(not DEV_DIR.is_dir(), reason="NewsMTSC dev files not available")
def test_dev_macro_f1_floor():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from eval_tone import evaluate

    m = evaluate([DEV_DIR / "rw_dev.jsonl", DEV_DIR / "mt_dev.jsonl"])
    assert 100 * m["macro_f1"] >= DEV_FLOOR


FILLER = re.compile(r"^(?:the|a|an|in|of|to|and|is|was|on|at|for|by|its|their)$|^\W+$|\d")


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The senator said on Tuesday that the bill, in its 2024 form, is a disgrace.", "senator"),
        ("In a statement, the club praised its coach for a remarkable season.", "club"),
        ("A jury found the company guilty of fraud in 3 of the 4 counts.", "company"),
        ("The governor toured the flooded towns, where 12 people died, on Sunday.", "governor"),
        ("Moscow denied the report, calling it a fabrication by the West.", "Moscow"),
    ],
)
def test_contributions_are_content_words_only(text, mention):
    """What pushed the tone is content: no determiner, preposition, punctuation or number."""
    r = tone_of(text, mention)
    assert r.contributions
    for phrase, _ in r.contributions:
        words = phrase.split()
        assert not FILLER.search(words[0]) and not FILLER.search(words[-1]), phrase
        assert any(w.isalpha() and len(w) > 2 for w in words), phrase


def test_content_phrase_trims_function_words_and_keeps_a_negator():
    assert content_phrase("the war") == "war"
    assert content_phrase("of the") == ""
    assert content_phrase(",") == "" and content_phrase("<num>") == ""
    assert content_phrase("not welcome") == "not welcome"
    assert content_phrase("brutal invasion of") == "brutal invasion"


@pytest.mark.parametrize(
    ("text", "mention", "clause"),
    [
        ("Ann praised Bob but condemned Cy.", "Bob", "Ann praised <t>"),
        ("Ann praised Bob but condemned Cy.", "Cy", "condemned <t>"),
        ("Dee, who lost, blamed Eve; Fay won.", "Eve", "blamed <t>"),
        ("Gus", "Gus", "<t>"),
    ],
)
def test_the_clause_of_a_mention_stops_at_punctuation_and_clause_words(text, mention, clause):
    tokens, t_idx, _ = target_view(text, *span(text, mention))
    words = [tokens[i].norm for i in clause_span(tokens, t_idx)]
    assert words == clause.lower().split()


def test_clause_and_weighted_options_add_features_of_their_own():
    text = "Ann praised Bob but condemned Cy."
    plain = extract_features(text, *span(text, "Bob"))
    extra = extract_features(text, *span(text, "Bob"), {"clause": True, "weighted": True})
    added = set(extra) - set(plain)
    assert {"c|ann", "c|praised"} <= added
    assert "c|condemned" not in added  # past "but": another clause
    assert extra["w|praised"] == pytest.approx(1.0) and extra["w|ann"] == pytest.approx(0.5)
    assert extra["w|condemned"] == pytest.approx(0.5)


OTHERS_TEXT = "Ann praised Bob, unlike Cy, who attacked him."


def spans_of(text: str, *mentions: str) -> list[tuple[int, int]]:
    return [span(text, m) for m in mentions]


def test_other_spans_keep_mentions_clear_of_the_target_and_of_each_other():
    text = "President Joe Biden met Xi Jinping and Xi's aides."
    target = span(text, "Joe Biden")
    others = [span(text, "Biden"), span(text, "Xi Jinping"), span(text, "Xi"), (0, 9)]
    assert other_spans(text, *target, others) == ((0, 9), span(text, "Xi Jinping"))
    with pytest.raises(ValueError, match="out of range"):
        other_spans(text, *target, [(40, 99)])


def test_other_mentions_are_collapsed_in_the_target_view():
    others = other_spans(OTHERS_TEXT, *span(OTHERS_TEXT, "Bob"), spans_of(OTHERS_TEXT, "Ann", "Cy"))
    tokens, t_idx, _ = target_view(OTHERS_TEXT, *span(OTHERS_TEXT, "Bob"), others)
    words = [t.norm for t in tokens]
    assert words[: t_idx + 1] == ["<o>", "praised", "<t>"]
    assert words[t_idx + 1 : t_idx + 4] == [",", "unlike", "<o>"]
    assert tokens[0].surface == "Ann" and tokens[t_idx + 3].surface == "Cy"


def test_other_mention_features_read_the_mention_against_the_others():
    bob = span(OTHERS_TEXT, "Bob")
    others = spans_of(OTHERS_TEXT, "Ann", "Cy")
    feats = extract_features(OTHERS_TEXT, *bob, {"others": True}, others=others)
    assert feats["o|count_2"] == 1.0 and feats["o|order_between"] == 1.0
    # nearest other: Ann (one word to the left; ties go left), "praised" between them
    assert feats["o|gap_l_1-2"] == 1.0 and feats["ob|praised"] == 1.0
    assert feats["o|contrast_l_False"] == 1.0 and feats["or|praised"] == 1.0
    cy = extract_features(OTHERS_TEXT, *span(OTHERS_TEXT, "Cy"), {"others": True}, others=[bob])
    assert cy["o|order_last"] == 1.0 and cy["o|contrast_l_True"] == 1.0  # "unlike" between
    assert "s|bob" in cy and "s|<o>" not in cy  # the other mention's words stay as they are


def test_the_lexicon_is_split_between_the_mention_side_and_the_others_side():
    lexicon = {"attacked": -0.5, "praised": 0.5}
    cfg = {"others": True, "lexicon": True}
    bob, cy = span(OTHERS_TEXT, "Bob"), span(OTHERS_TEXT, "Cy")
    on_cy = extract_features(OTHERS_TEXT, *cy, cfg, lexicon, others=[bob])
    on_bob = extract_features(OTHERS_TEXT, *bob, cfg, lexicon, others=[cy])
    assert on_cy["lex|own_neg"] == 0.5 and "lex|own_neg" not in on_bob  # "attacked" is Cy's
    assert on_bob["lex|own_pos"] == 0.5 and on_cy["lex|oth_pos"] == 0.5  # "praised" is Bob's
    assert own_side(OTHERS_TEXT, *cy, ()) == [True] * len(target_view(OTHERS_TEXT, *cy)[0])


def test_other_mentions_change_nothing_unless_the_config_reads_them():
    bob = span(OTHERS_TEXT, "Bob")
    others = spans_of(OTHERS_TEXT, "Ann", "Cy")
    assert extract_features(OTHERS_TEXT, *bob, others=others) == extract_features(OTHERS_TEXT, *bob)
    alone = extract_features(OTHERS_TEXT, *bob, {"others": True})
    assert not [k for k in alone if k.split("|")[0] in {"o", "ob", "ol", "or"}]


def test_tone_takes_the_other_mentions_as_an_optional_keyword():
    """Backwards compatible: the shipped model does not read others, bad spans still fail."""
    bob = span(OTHERS_TEXT, "Bob")
    alone = tone(OTHERS_TEXT, *bob)
    assert tone(OTHERS_TEXT, *bob, others=spans_of(OTHERS_TEXT, "Ann", "Cy")) == alone
    with pytest.raises(ValueError, match="out of range"):
        tone(OTHERS_TEXT, *bob, others=[(3, 999)])


def test_target_ngrams_tell_the_one_who_acts_from_the_one_acted_on():
    text = "Ann slammed Bob."
    cfg = {"target_ngrams": True}
    on_ann = extract_features(text, *span(text, "Ann"), cfg)
    on_bob = extract_features(text, *span(text, "Bob"), cfg)
    assert on_ann["tr|<t> slammed"] == 1.0 and on_ann["tr|<t> slammed bob"] == 1.0
    assert on_bob["tl|slammed <t>"] == 1.0 and "tr|<t> slammed" not in on_bob
    read = extract_features(text, *span(text, "Bob"), {**cfg, "others": True}, others=[(0, 3)])
    assert read["tl|<o> slammed <t>"] == 1.0 and "tl|ann slammed <t>" not in read
    assert not [k for k in extract_features(text, 0, 3) if k.split("|")[0] in {"tl", "tr"}]


def test_group_weights_scale_a_group_before_the_norm():
    names = ["l|war", "s|war"]
    assert group_weights(names, {}) is None
    weights = group_weights(names, {"s": 0.5})
    idx, val = vectorize({"l|war": 1.0, "s|war": 1.0}, {n: i for i, n in enumerate(names)}, weights)
    assert dict(zip(idx.tolist(), val.tolist())) == pytest.approx({0: 2 / 5**0.5, 1: 1 / 5**0.5})


def test_the_mentions_own_words_never_explain_its_tone():
    text = "But the fact that Trump’s policy is legal does not make it smart."
    start = text.index("Trump")
    words = [w for w, _ in tone(text, start, start + len("Trump")).contributions]
    assert words and not any("trump" in w.lower() for w in words)
