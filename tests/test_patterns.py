"""Analyst-supplied patterns: bounded in time, never matching everything, scoped flags kept."""

from __future__ import annotations

import io
import threading

import pandas as pd
import pytest

from analysis.cli import main
from analysis.emphasis.topics import load_topics, tag_topics
from analysis.framing import stance
from analysis.framing.stance import LexiconEntry, Target, parse_target_option
from analysis.knowledge import patterns
from analysis.knowledge.files import KnowledgeError, compile_patterns
from analysis.knowledge.patterns import PatternError, PatternTimeout, compile_words, shorten
from analysis.voices.speakers import Speaker, SpeakerRegistry
from tests.test_cli import BUNDLED
from tests.test_stance import QUOTE_COLUMNS

# A text on which nested repeats backtrack without end in a naive engine.
RUN_OF_A = "a" * 40 + "b"
SLOW = "(a|aa)+$"  # exponential even in the regex package: it needs the time bound
EVIL = r"(\w+\s*)+#"  # the two reproductions of issue 11: the regex package answers at once
NESTED = "(a+)+$"


@pytest.fixture
def short_bound(monkeypatch):
    """A short time bound, so that the tests stopping a pattern stop it quickly."""
    monkeypatch.setattr(patterns, "TIMEOUT", 0.05)


def _finishes(call, seconds: float = 20.0):
    """Run ``call`` in a thread; fail (instead of hanging the suite) if it never returns."""
    box: dict = {}

    def run() -> None:
        try:
            box["value"] = call()
        except Exception as exc:
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the pattern never returned"
    if "error" in box:
        raise box["error"]
    return box["value"]


@pytest.mark.parametrize("pattern", [EVIL, NESTED])
def test_issue_reproductions_answer_without_a_match(pattern):
    compiled = compile_words(pattern, "target 'Evil'")
    text = "word " * 30 + RUN_OF_A
    assert _finishes(lambda: compiled.search(text)) is None
    assert _finishes(lambda: list(compiled.finditer(text))) == []


def test_a_slow_pattern_is_stopped_with_a_message_naming_it(short_bound):
    compiled = compile_words(SLOW, "topics.csv:4")
    with pytest.raises(PatternTimeout) as caught:
        _finishes(lambda: list(compiled.finditer(RUN_OF_A)))
    message = str(caught.value)
    assert message.startswith("topics.csv:4: pattern '(a|aa)+$' took longer than 0.05 s")
    assert "simplify" in message
    with pytest.raises(PatternTimeout):
        _finishes(lambda: compiled.search(RUN_OF_A))
    with pytest.raises(PatternTimeout):
        _finishes(lambda: compiled.fullmatch(RUN_OF_A))


def test_the_bound_lets_a_fast_match_through(short_bound):
    compiled = compile_words(SLOW, "target 'A'")
    assert compiled.search("b aa").group() == "aa"


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        (".*", "empty string"),
        ("|", "empty string"),
        ("China|", "empty string"),
        ("(?:x)?", "empty string"),
        (".+", "any word"),
        (r"\w+", "any word"),
        (r"[\w\s]+", "any word"),
    ],
)
def test_patterns_that_match_everything_are_refused_with_a_reason(pattern, reason):
    with pytest.raises(PatternError, match=reason) as caught:
        compile_words(pattern, "target 'All'")
    assert str(caught.value).startswith("target 'All': ")


def test_invalid_syntax_is_reported_at_the_analysts_position():
    with pytest.raises(PatternError) as caught:
        compile_words("(oops", "targets.csv:3")
    message = str(caught.value)
    assert "invalid pattern '(oops'" in message and "position 5" in message


def test_inline_case_groups_keep_working():
    compiled = compile_words(r"United States|(?-i:US)|U\.S", "target 'United States'")
    found = [m.group() for m in compiled.finditer("us and US, the U.S and united states")]
    assert found == ["US", "U.S", "united states"]


def test_long_patterns_are_shortened_in_messages():
    long = "(" + "x" * 300
    with pytest.raises(PatternError) as caught:
        compile_words(long, "targets.csv:9")
    assert len(str(caught.value)) < 200 and "…" in str(caught.value)
    assert shorten("abc", 80) == "abc"
    assert shorten("y" * 100, 80) == "y" * 79 + "…"


def test_knowledge_files_use_the_same_helper(tmp_path):
    with pytest.raises(KnowledgeError, match="matches the empty string"):
        compile_patterns(".*", "topics.csv", 2)
    path = tmp_path / "topics.csv"
    path.write_text(
        f"topic,patterns\nEverything,.*\nNothing,|\nSlow,{SLOW}\nTalks,talks\n", "utf-8"
    )
    topics, problems = load_topics(path)
    assert [t.name for t in topics] == ["Slow", "Talks"]
    assert [(p.line, "match every text" in p.message) for p in problems] == [(2, True), (3, True)]
    assert [p.message.split(":")[0] for p in problems] == ["topic 'Everything'", "topic 'Nothing'"]
    assert {p.source for p in problems} == {"topics.csv"}


def test_a_slow_topic_pattern_stops_tagging_with_its_name(tmp_path, short_bound):
    path = tmp_path / "topics.csv"
    path.write_text(f"topic,patterns\nSlow,{SLOW}\n", "utf-8")
    topics, _ = load_topics(path)
    with pytest.raises(PatternTimeout, match=r"topics.csv:2: pattern '\(a\|aa\)\+\$'"):
        _finishes(lambda: tag_topics([RUN_OF_A], topics))


def test_targets_and_lexicon_refuse_match_all_patterns():
    with pytest.raises(ValueError, match="target 'All'"):
        Target("All", ".*")
    with pytest.raises(ValueError, match="matches any word"):
        parse_target_option(r"Any=\w+")
    with pytest.raises(ValueError, match="term '\\|'"):
        LexiconEntry("|", "loaded", -1)


def test_adhoc_evil_target_is_accepted_and_scores_promptly():
    target = parse_target_option(f"Evil={EVIL}")
    assert target.name == "Evil"
    assert _finishes(lambda: target.regex.search("word " * 50)) is None


def test_a_slow_target_stops_the_stance_scan_with_its_name(short_bound, monkeypatch):
    monkeypatch.setattr(stance, "tone", lambda *a, **k: None)
    sentences = pd.DataFrame(
        [
            {
                "sentence_id": "s1", "article_id": "a1", "outlet": "Daily", "paragraph": 0,
                "position": 0, "start": 0, "end": len(RUN_OF_A), "text": RUN_OF_A,
            }
        ]
    )  # fmt: skip
    quotes = pd.DataFrame(columns=QUOTE_COLUMNS)
    with pytest.raises(PatternTimeout, match="target 'Slow'"):
        _finishes(lambda: stance.stance_evidence(sentences, quotes, [Target("Slow", SLOW)], []))


def test_cli_reports_a_slow_target_without_a_traceback(tmp_path, capsys, short_bound):
    (tmp_path / "a.md").write_text(f"---\noutlet: Daily\n---\nThe {RUN_OF_A} case.\n", "utf-8")
    code = _finishes(
        lambda: main(
            ["stance", str(tmp_path), "--only-given-targets", "--target", f"Slow={SLOW}"],
            out=io.StringIO(),
        )
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "error: target 'Slow': pattern '(a|aa)+$' took longer than" in err
    assert "Traceback" not in err


def test_cli_refuses_a_match_all_target(capsys):
    assert main(["stance", str(BUNDLED), "--target", "All=.*"], out=io.StringIO()) == 2
    assert "matches the empty string" in capsys.readouterr().err


def test_speaker_aliases_are_literal_text_not_patterns():
    registry = SpeakerRegistry([Speaker("Evil", (NESTED, EVIL), "independent", "")])
    text = "word " * 30 + RUN_OF_A + " then (a+)+$ in brackets"
    found = _finishes(lambda: registry.find(text))
    assert [text[s:e] for s, e, _ in found] == [NESTED]
