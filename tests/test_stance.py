"""Tests of the framing indicators on constructed sentences and hand-built tables."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.framing import stance, tone
from analysis.framing.stance import LexiconEntry, Target
from analysis.framing.tone import ToneResult
from analysis.knowledge.files import KnowledgeError
from analysis.pipeline import GENERIC_LEXICON
from analysis.store.stored_framing import compact, with_sentences

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

TARGETS = [
    Target("China", "China|Chinese|Beijing", "China"),
    Target("Russia", "Russia|Russian|Moscow|Kremlin", "Russia"),
    Target("Ukraine", "Ukraine|Kyiv", "Ukraine"),
    Target("United States", r"United States|U\.S|(?-i:US)|Washington", "US"),
    Target("Xi Jinping", "(?:Chinese President )?Xi(?: Jinping)?", "China"),
    Target("Vladimir Putin", "(?:Vladimir )?Putin", "Russia"),
]
LEXICON = [
    LexiconEntry("unprovoked invasion", "loaded", -1),
    LexiconEntry("isolated", "loaded", -1),
    LexiconEntry("pariah", "loaded", -1),
    LexiconEntry("peace mission", "loaded", 1),
    LexiconEntry("authoritarian", "loaded", -1),
    LexiconEntry(r"bill(?:s|ed)? (?:the \w+ )?as", "distancing", -1),
    LexiconEntry("styling themselves as", "distancing", -1),
    LexiconEntry("what (?:it|they) sees? as", "distancing", -1),
    LexiconEntry("alleged", "distancing", 0),
]


ARTICLE_COLUMNS = ["article_id", "outlet", "title", "text", "words"]
SENTENCE_COLUMNS = [
    "sentence_id", "article_id", "outlet", "paragraph", "position", "start", "end", "text",
]  # fmt: skip
QUOTE_COLUMNS = [
    "quote_id", "article_id", "outlet", "kind", "speaker", "affiliation", "text", "start", "end",
]  # fmt: skip


def fake_tone(text: str, start: int, end: int, *, explain: bool = True) -> ToneResult:
    """Deterministic stand-in: negative when the sentence says 'bad', else positive."""
    score = -0.5 if "bad" in text.lower() else 0.5
    label = "negative" if score < 0 else "positive"
    why = [("bad" if score < 0 else "good", score)] if explain else []
    return ToneResult(label, score, {label: 1.0}, why)


@pytest.fixture(autouse=True)
def _tone(monkeypatch):
    monkeypatch.setattr(stance, "tone", fake_tone)


def frames(texts: dict[str, str], quotes=(), outlet="Daily"):
    """Articles, sentences (naive split) and quotes; quotes are (article, kind, speaker,
    affiliation, quoted words), located by their first occurrence."""
    articles, sentences, quote_rows = [], [], []
    for aid, text in texts.items():
        articles.append((aid, outlet, f"Title {aid}", text, len(text.split())))
        for i, m in enumerate(re.finditer(r"[^.!?]+[.!?]+[”’]?", text)):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            sentences.append(
                (f"{aid}:{i}", aid, outlet, 0, i, start, m.end(), text[start : m.end()])
            )
    for n, (aid, kind, speaker, affiliation, words) in enumerate(quotes):
        start = texts[aid].index(words)
        quote_rows.append(
            (f"q{n}", aid, outlet, kind, speaker, affiliation, words, start, start + len(words))
        )
    return (
        pd.DataFrame(articles, columns=ARTICLE_COLUMNS),
        pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
        pd.DataFrame(quote_rows, columns=QUOTE_COLUMNS),
    )


def cues_of(text: str, quotes=(), component: str | None = None) -> list[tuple[str, str]]:
    """(target, cue) pairs found in a one-article text."""
    _, sentences, quote_frame = frames({"a": text}, [("a", *q) for q in quotes])
    evidence = stance.stance_evidence(sentences, quote_frame, TARGETS, LEXICON)
    kinds = [component] if component else ["loaded", "distancing"]
    rows = evidence[evidence["component"].isin(kinds)]
    return sorted(zip(rows["target"], rows["cue"], strict=True))


# Loaded labels ----------------------------------------------------------------


def test_loaded_label_goes_to_the_actor_not_to_its_victim():
    assert cues_of("Russia began its unprovoked invasion of Ukraine.") == [
        ("Russia", "unprovoked invasion")
    ]


def test_loaded_label_before_a_name_describes_that_name():
    assert cues_of("Xi met an isolated Putin in Moscow.") == [("Vladimir Putin", "isolated")]


def test_loaded_label_about_another_clause_is_not_attached():
    text = "China sent a delegation; the authoritarian leaders met later."
    assert cues_of(text) == []


def test_coordinated_mentions_share_a_label():
    assert cues_of("Xi and Putin are authoritarian rulers.") == [
        ("Vladimir Putin", "authoritarian"),
        ("Xi Jinping", "authoritarian"),
    ]


def test_negated_label_is_skipped():
    assert cues_of("The visit shows Russia is not isolated.") == []


def test_label_inside_a_direct_quote_is_the_speakers():
    text = "“Russia is a pariah,” the minister said of Moscow."
    quotes = [("full", "Minister", "Ukraine", "Russia is a pariah,")]
    assert cues_of(text, quotes) == []


def test_label_in_a_distancing_phrase_scope_is_not_counted():
    assert cues_of("China has billed the trip as a peace mission.") == [
        ("China", "billed the trip as")
    ]


# Distancing -----------------------------------------------------------------


def test_distancing_phrase_goes_to_the_subject_before_it():
    text = "Xi and Putin are styling themselves as leaders of a new order."
    assert cues_of(text) == [
        ("Vladimir Putin", "styling themselves as"),
        ("Xi Jinping", "styling themselves as"),
    ]


def test_distancing_phrase_needs_a_mention_before_it():
    assert cues_of("Critics decried what they see as a US-led order.") == []


def test_distancing_skips_the_object_of_a_preposition():
    text = "Officials in Kyiv doubted what they see as progress."
    assert cues_of(text) == []


def test_hedge_is_evidence_with_zero_polarity():
    _, sentences, quotes = frames({"a": "Putin faces an alleged plot, officials said."})
    evidence = stance.stance_evidence(sentences, quotes, TARGETS, LEXICON)
    row = evidence[evidence["component"] == "distancing"].iloc[0]
    assert (row["target"], row["cue"], row["polarity"]) == ("Vladimir Putin", "alleged", 0)


def test_scare_quotes_without_speaker_go_to_the_mention_before():
    text = "The Kremlin planned an “informal” dinner with Xi."
    found = cues_of(text, [("partial", None, None, "informal")])
    assert found == [("Russia", "informal")]


def test_scare_quotes_of_a_known_speaker_go_to_the_targets_it_speaks_for():
    text = "Xi said ties with Moscow were “at a new high” this year."
    found = cues_of(text, [("partial", "Xi Jinping", "China", "at a new high")])
    assert found == [("Xi Jinping", "at a new high")]


def test_long_partial_quote_is_reported_speech_not_scare_quotes():
    text = "Xi called the trip “a journey of friendship and lasting peace” in Moscow."
    quotes = [("partial", "Xi Jinping", "China", "a journey of friendship and lasting peace")]
    assert cues_of(text, quotes) == []


def test_cue_spans_are_article_offsets():
    text = "A first sentence. Russia began its unprovoked invasion of Ukraine."
    _, sentences, quotes = frames({"a": text})
    evidence = stance.stance_evidence(sentences, quotes, TARGETS, LEXICON)
    row = evidence[evidence["component"] == "loaded"].iloc[0]
    assert text[row["cue_start"] : row["cue_end"]] == "unprovoked invasion"
    assert text[row["mention_start"] : row["mention_end"]] == "Russia"
    assert row["sentence"] == text[row["sentence_start"] :]


# Mentions and voice ---------------------------------------------------------------


def test_voice_is_decided_per_mention_not_per_sentence():
    text = "Beijing said “Moscow is a friend” on Monday."
    _, sentences, quotes = frames({"a": text}, [("a", "partial", None, None, "Moscow is a friend")])
    found = stance.mentions(sentences, TARGETS, quotes)
    assert dict(zip(found["mention"], found["voice"], strict=True)) == {
        "Beijing": "narration",
        "Moscow": "quoted",
    }


def test_indirect_speech_is_narration():
    text = "Kyiv said Moscow was losing."
    _, sentences, quotes = frames({"a": text}, [("a", "indirect", None, None, "Moscow was losing")])
    assert set(stance.mentions(sentences, TARGETS, quotes)["voice"]) == {"narration"}


def test_longest_mention_wins_between_targets():
    _, sentences, quotes = frames({"a": "Chinese President Xi Jinping landed."})
    found = stance.mentions(sentences, TARGETS, quotes)
    assert found[["target", "mention"]].values.tolist() == [
        ["Xi Jinping", "Chinese President Xi Jinping"]
    ]


def test_us_is_case_sensitive_but_us_is_not_the_united_states():
    targets, problems = stance.load_targets(CORPUS / "targets.csv")
    assert not [p for p in problems if p.severity == "error"]
    us = next(t for t in targets if t.name == "United States")
    text = "Contact us. The US and U.S. allies met in Washington, the Washington Post said."
    assert [m.group() for m in us.regex.finditer(text)] == ["US", "U.S", "Washington"]


def test_voice_share_counts_affiliation_and_leader_names():
    text = "Xi spoke. “We are friends,” Xi said. “No,” Kirby said. “Yes,” Wang said."
    quotes = [
        ("a", "full", "Xi Jinping", "Unaffiliated", "We are friends,"),
        ("a", "full", "John Kirby", "US", "No,"),
        ("a", "full", "Wang Yi", "China", "Yes,"),
    ]
    articles, sentences, quote_frame = frames({"a": text}, quotes)
    table = stance.stance_table(articles, sentences, quote_frame, TARGETS, LEXICON)
    share = table.set_index("target")["voice_share"]
    assert share["Xi Jinping"] == pytest.approx(2 / 3)  # by name and by group
    assert share["China"] == pytest.approx(1 / 3)
    assert share["United States"] == pytest.approx(1 / 3)
    assert share["Ukraine"] == 0


# Ad-hoc targets, validation and saving ------------------------------------------


def test_parse_target_option():
    target = stance.parse_target_option("ICC = International Criminal Court|ICC")
    assert (target.name, target.affiliation) == ("ICC", "")
    assert target.regex.search("the icc said")
    assert target.voiced_by("International Criminal Court", "International")


@pytest.mark.parametrize("option", ["ICC", "=ICC", "ICC=", "  =  "])
def test_parse_target_option_rejects_bad_syntax(option):
    with pytest.raises(ValueError, match="NAME=pattern"):
        stance.parse_target_option(option)


@pytest.mark.parametrize("pattern", ["ICC(", "ICC|", "x?"])
def test_parse_target_option_rejects_bad_regex(pattern):
    with pytest.raises(ValueError, match="ICC"):
        stance.parse_target_option(f"ICC={pattern}")


def test_lexicon_problems_have_line_numbers():
    raw = (
        "term,kind,polarity,note\n"
        "isolated,loaded,-1,\n"  # 2: fine
        "\n"  # 3: blank
        "brutal,tone,-1,\n"  # 4: bad kind
        "pariah,loaded,2,\n"  # 5: bad polarity
        "pariah,loaded,one,\n"  # 6: not a number
        "(unclosed,loaded,-1,\n"  # 7: bad regex
        "claimed,distancing,1,\n"  # 8: distancing cannot be positive
        ",loaded,-1,\n"  # 9: empty term
        "isolated,loaded,-1,\n"  # 10: duplicate
        '"so-called, self-styled",distancing,-1,\n'  # 11: fine
    )
    entries, problems = stance.parse_lexicon(raw, "lex.csv")
    assert [e.term for e in entries] == ["isolated", "so-called, self-styled"]
    assert [p.line for p in problems] == [4, 5, 6, 7, 8, 9, 10]
    assert "kind 'tone'" in problems[0].message
    assert "invalid regex" in problems[3].message
    assert "0 or -1" in problems[4].message


def test_target_problems_have_line_numbers(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "target,patterns,affiliation\nChina,China|Beijing,China\nICC,ICC(,\nchina,PRC,China\n"
    )
    targets, problems = stance.load_targets(path)
    assert [t.name for t in targets] == ["China"]
    assert [(p.line, "invalid regex" in p.message) for p in problems] == [(3, True), (4, False)]
    assert "duplicate" in problems[1].message


def test_missing_column_is_a_knowledge_error():
    with pytest.raises(KnowledgeError, match="polarity"):
        stance.parse_lexicon("term,kind\nx,loaded\n")


def test_shipped_knowledge_files_load_cleanly():
    targets, target_problems = stance.load_targets(CORPUS / "targets.csv")
    story, story_problems = stance.load_lexicon(CORPUS / "framing_lexicon.csv")
    generic, generic_problems = stance.load_lexicon(GENERIC_LEXICON)
    assert target_problems == [] and story_problems == [] and generic_problems == []
    assert {"China", "Russia", "Ukraine", "United States", "Europe/NATO"} <= {
        t.name for t in targets
    }
    assert 60 <= len(story) + len(generic) <= 120
    assert {e.kind for e in generic} == {"loaded", "distancing"}
    assert not {e.term for e in story} & {e.term for e in generic}
    assert "special military operation" in {e.term for e in story}  # the bundled story's own


def test_the_generic_lexicon_says_nothing_of_the_bundled_story():
    """Story-independent cues apply to every corpus: no actor of the bundled story in them."""
    generic, _ = stance.load_lexicon(GENERIC_LEXICON)
    text = " ".join(f"{e.term} {e.note}" for e in generic).lower()
    for actor in ("kremlin", "beijing", "moscow", "ukraine", "xi", "putin", "china", "russia"):
        assert not re.search(rf"\b{actor}\b", text), actor


def test_save_round_trip_and_rows_from_the_ui(tmp_path):
    path = tmp_path / "targets.csv"
    stance.save_targets(path, [TARGETS[0], {"target": "ICC", "patterns": "ICC", "affiliation": ""}])
    targets, problems = stance.load_targets(path)
    assert [t.name for t in targets] == ["China", "ICC"] and problems == []
    lexicon_path = tmp_path / "lexicon.csv"
    stance.save_lexicon(lexicon_path, LEXICON)
    assert stance.load_lexicon(lexicon_path) == (LEXICON, [])


def test_save_refuses_invalid_rows_and_keeps_the_file(tmp_path):
    path = tmp_path / "lexicon.csv"
    stance.save_lexicon(path, LEXICON[:1])
    before = path.read_text()
    rows = [LEXICON[0].as_row(), {"term": "pariah", "kind": "loaded", "polarity": "5"}]
    with pytest.raises(ValueError, match=r"lexicon.csv:3: polarity"):
        stance.save_lexicon(path, rows)
    assert path.read_text() == before


def test_failed_write_leaves_the_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "targets.csv"
    stance.save_targets(path, TARGETS[:1])
    before = path.read_text()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        stance.save_targets(path, TARGETS)
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["targets.csv"]


# Table and score ------------------------------------------------------------------


def evidence_rows(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows).reindex(columns=stance.EVIDENCE_COLUMNS)


def hand_built():
    """Outlet A: target T mixed, target U at the negative bound; V never mentioned."""
    rows = []
    for score, label in [(0.8, "positive"), (0.4, "positive"), (-0.4, "negative"), (0, "neutral")]:
        rows.append(dict(outlet="A", target="T", component="tone", voice="narration",
                         tone_score=score, tone_label=label))  # fmt: skip
    rows.append(dict(outlet="A", target="T", component="tone", voice="quoted"))
    rows += [dict(outlet="A", target="T", component="loaded", polarity=p) for p in (-1, -1, 1)]
    rows += [dict(outlet="A", target="T", component="distancing", polarity=p) for p in (-1, -1, 0)]
    rows += [dict(outlet="A", target="T", component="voice") for _ in range(2)]
    rows += [
        dict(outlet="A", target="U", component="tone", voice="narration", tone_score=-1.0,
             tone_label="negative")
        for _ in range(2)
    ]  # fmt: skip
    rows += [dict(outlet="A", target="U", component="loaded", polarity=-1) for _ in range(5)]
    rows += [dict(outlet="A", target="U", component="distancing", polarity=-1) for _ in range(3)]
    articles = pd.DataFrame({"article_id": ["a1"], "outlet": ["A"], "title": ["t"]})
    quotes = pd.DataFrame({"article_id": ["a1"] * 5, "outlet": ["A"] * 5})
    targets = [Target("T", "T"), Target("U", "U"), Target("V", "V")]
    return evidence_rows(rows), articles, quotes, targets


def test_composite_score_uses_documented_weights():
    assert math.isclose(stance.W_TONE + stance.W_LOADED + stance.W_DISTANCING, 1.0)
    table = stance.summarize(*hand_built()).set_index("target")
    t = table.loc["T"]
    assert (t["mentions"], t["narrated_mentions"], t["loaded_count"]) == (5, 4, 3)
    assert t["tone"] == pytest.approx(0.2)
    assert (t["tone_neg"], t["tone_neu"], t["tone_pos"]) == (1, 1, 2)
    assert (t["loaded_sum"], t["loaded_polarity"]) == (-1, pytest.approx(-0.25))
    assert (t["distancing"], t["distancing_rate"]) == (3, pytest.approx(0.5))
    assert t["voice_share"] == pytest.approx(0.4)
    assert t["score"] == pytest.approx(0.5 * 0.2 + 0.3 * -0.25 - 0.2 * 0.5)
    assert not t["low_count"]


def test_score_is_bounded_and_components_clipped():
    table = stance.summarize(*hand_built()).set_index("target")
    u = table.loc["U"]
    assert (u["loaded_polarity"], u["distancing_rate"], u["score"]) == (-1.0, 1.0, -1.0)
    assert u["low_count"]  # two narrated mentions < MIN_MENTIONS


def test_unmentioned_target_has_no_score_and_low_count():
    v = stance.summarize(*hand_built()).set_index("target").loc["V"]
    assert v["mentions"] == 0 and math.isnan(v["score"]) and math.isnan(v["tone"])
    assert v["low_count"]


def test_stance_table_columns_and_narration_only_scoring():
    texts = {
        "a": "Russia began its unprovoked invasion of Ukraine. Russia is bad. "
        "Moscow hosted talks. “Russia is a great friend,” Xi said.",
        "b": "Beijing welcomed Moscow.",
    }
    quotes = [("a", "full", "Xi Jinping", "China", "Russia is a great friend,")]
    articles, sentences, quote_frame = frames(texts, quotes)
    table = stance.stance_table(articles, sentences, quote_frame, TARGETS, LEXICON, by="article")
    assert list(table.columns) == ["article_id", "title", *stance.TABLE_COLUMNS]
    russia = table.set_index(["article_id", "target"]).loc[("a", "Russia")]
    assert (russia["mentions"], russia["narrated_mentions"]) == (4, 3)
    assert russia["tone"] == pytest.approx((0.5 - 0.5 + 0.5) / 3)
    assert russia["loaded_polarity"] == pytest.approx(-1 / 3)
    assert not russia["low_count"]
    by_outlet = stance.stance_table(articles, sentences, quote_frame, TARGETS, LEXICON)
    assert list(by_outlet.columns) == ["outlet", *stance.TABLE_COLUMNS]
    assert by_outlet.set_index("target").loc["Russia", "mentions"] == 5
    with pytest.raises(ValueError, match="by must be"):
        stance.stance_table(articles, sentences, quote_frame, TARGETS, LEXICON, by="day")


def test_evidence_tone_rows_carry_contributions():
    _, sentences, quotes = frames({"a": "Russia is bad."})
    evidence = stance.stance_evidence(sentences, quotes, TARGETS, LEXICON)
    row = evidence[evidence["component"] == "tone"].iloc[0]
    assert (row["tone_label"], row["tone_score"]) == ("negative", -0.5)
    assert row["contributions"] == [("bad", -0.5)]


def test_contributions_are_worked_out_for_the_rows_shown():
    _, sentences, quotes = frames({"a": "Russia is bad. Russia is fine.", "b": "Russia rose."})
    explained = stance.stance_evidence(sentences, quotes, TARGETS, LEXICON)
    scored = stance.stance_evidence(sentences, quotes, TARGETS, LEXICON, explain=False)
    assert scored["contributions"].map(len).eq(0).all()
    pd.testing.assert_frame_equal(
        scored.drop(columns="contributions"), explained.drop(columns="contributions")
    )
    shown = with_sentences(compact(scored), sentences)
    assert "contributions" not in shown.columns
    assert stance.tone_contributions(shown) == explained["contributions"].tolist()
    assert [c for c in stance.tone_contributions(shown) if c] == [
        [("bad", -0.5)],
        [("good", 0.5)],
        [("good", 0.5)],
    ]


def test_real_tone_runs_through_the_table(monkeypatch):
    monkeypatch.undo()
    assert stance.tone is tone.tone
    if not (tone.MODEL_DIR / "tone.npz").exists():
        pytest.skip("tone model not trained yet")
    articles, sentences, quotes = frames({"a": "Russia began its unprovoked invasion of Ukraine."})
    table = stance.stance_table(articles, sentences, quotes, TARGETS, LEXICON)
    russia = table.set_index("target").loc["Russia"]
    assert -1 <= russia["tone"] <= 1 and -1 <= russia["score"] <= 1
    evidence = stance.stance_evidence(sentences, quotes, TARGETS, LEXICON)
    assert evidence["tone_label"].dropna().isin(tone.LABELS).all()


def test_since_opening_a_clause_keeps_its_subject_as_the_label_target():
    text = "He visited his partner since Russia began its unprovoked invasion of Ukraine."
    assert ("Russia", "unprovoked invasion") in cues_of(text, component="loaded")
    # "since" as a preposition: its object is not what the label describes
    text = "Prices have risen since Russia, in an unprovoked invasion, hit the port."
    assert ("Russia", "unprovoked invasion") not in cues_of(text, component="loaded")


# Clause boundaries and the reading of one mention -------------------------------

POLITICS = [
    Target("Republicans", "Republicans?|GOP"),
    Target("Donald Trump", "(?:Donald )?Trump"),
    Target("Meta", "Meta"),
]
POLITICS_LEXICON = [
    LexiconEntry("brutal", "loaded", -1),
    LexiconEntry("reckless", "loaded", -1),
    LexiconEntry("isolated", "loaded", -1),
    LexiconEntry("so-called", "distancing", -1),
]


def politics_cues(text: str) -> list[tuple[str, str]]:
    _, sentences, quotes = frames({"a": text})
    evidence = stance.stance_evidence(sentences, quotes, POLITICS, POLITICS_LEXICON)
    rows = evidence[evidence["component"].isin(["loaded", "distancing"])]
    return sorted(zip(rows["target"], rows["cue"], strict=True))


@pytest.mark.parametrize(
    "text",
    [
        "China has stayed silent since the unprovoked invasion began.",
        "The United States imposed sanctions because of the authoritarian crackdown.",
        "Xi praised Putin after the isolated leader arrived.",
    ],
)
def test_a_label_in_a_since_after_because_clause_is_not_the_main_clause_actors(text):
    assert cues_of(text, component="loaded") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senate Republicans stayed quiet after the brutal arrests in Portland.", []),
        ("The judge fined Meta because of the reckless handling of user data.", []),
        ("Trump stayed home while the so-called experts met.", []),
        ("Trump has been isolated since he lost the primary.", [("Donald Trump", "isolated")]),
        (
            "Meta, since its reckless launch, has lost users.",
            [("Meta", "reckless")],
        ),
    ],
)
def test_clause_boundaries_on_other_stories(text, expected):
    assert politics_cues(text) == expected


def test_the_reading_of_a_mention_weighs_the_label_attached_to_it():
    text = "Prices rose since Russia began its unprovoked invasion of Ukraine."
    _, sentences, quotes = frames({"a": text})
    evidence = stance.stance_evidence(sentences, quotes, TARGETS, LEXICON)
    tone_rows = evidence[evidence["component"] == "tone"].set_index("target")
    russia, ukraine = tone_rows.loc["Russia"], tone_rows.loc["Ukraine"]
    assert russia["mention_cues"] == [("loaded", "unprovoked invasion", -1)]
    # fake tone: +0.5 for both; the label pulls Russia's reading only
    assert russia["reading"] == pytest.approx(stance.W_TONE * 0.5 - stance.W_LOADED)
    assert ukraine["mention_cues"] == [] and ukraine["reading"] == pytest.approx(0.25)


def test_the_reading_clips_each_component_like_the_score():
    assert stance.mention_reading(-1.0, -3, 2) == pytest.approx(-1.0)
    assert stance.mention_reading(1.0, 2, 0) == pytest.approx(stance.W_TONE + stance.W_LOADED)
    assert stance.mention_reading(0.0, 0, 0) == 0.0


def test_quoted_mentions_have_no_reading():
    text = "“Russia is a pariah,” the minister said."
    _, sentences, quotes = frames(
        {"a": text}, [("a", "full", "M", "Ukraine", "Russia is a pariah,")]
    )
    evidence = stance.stance_evidence(sentences, quotes, TARGETS, LEXICON)
    row = evidence[evidence["component"] == "tone"].iloc[0]
    assert row["voice"] == "quoted" and math.isnan(row["reading"])


def test_relational_terms_are_not_loaded_labels_in_the_shipped_lexicons():
    generic, _ = stance.load_lexicon(GENERIC_LEXICON)
    bundled, _ = stance.load_lexicon(CORPUS / "framing_lexicon.csv")
    text = (
        "China and Russia are strategic partners; Poland is a key ally of Ukraine; "
        "Xi called Putin an old friend and a close friend."
    )
    for lexicon in (generic, bundled):
        _, sentences, quotes = frames({"a": text})
        evidence = stance.stance_evidence(sentences, quotes, TARGETS, lexicon)
        assert evidence[evidence["component"] == "loaded"].empty
    _, sentences, quotes = frames({"a": "Xi called Putin a dear friend."})
    evidence = stance.stance_evidence(sentences, quotes, TARGETS, generic)
    assert evidence[evidence["component"] == "loaded"]["cue"].tolist() == ["dear friend"]
