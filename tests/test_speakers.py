"""Speaker registry: loading, resolution, surname merging and atomic saving."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.voices.speakers import (
    Speaker,
    SpeakerRegistry,
    assign_affiliation,
    canonical_speakers,
    merge_surnames,
    story_speakers,
)

ROOT = Path(__file__).resolve().parents[1]

CSV = """speaker,aliases,affiliation,role
Xi Jinping,Xi|President Xi|Chinese President Xi Jinping,China,Chinese president; Chinese leader
the Kremlin,Kremlin,Russia,organisation: Russian presidential administration
Reuters,,Media,outlet: news agency
US government,US|U.S.|the United States,US,organisation: government of the United States
Bad Row,,"A side name far too long to be one: it runs on past sixty characters, see",
,no name,China,
"""


@pytest.fixture
def speakers_csv(tmp_path: Path) -> Path:
    path = tmp_path / "speakers.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_from_csv_reports_bad_rows_by_line(speakers_csv: Path):
    registry, problems = SpeakerRegistry.from_csv(speakers_csv)
    assert set(registry.speakers) == {"Xi Jinping", "the Kremlin", "Reuters", "US government"}
    lines = sorted((p.line, "affiliation" in p.message) for p in problems)
    assert lines == [(6, True), (7, False)]


@pytest.mark.parametrize(
    "mention", ["Xi", "President Xi", "Chinese President Xi Jinping", "Xi’s", "xi jinping's"]
)
def test_resolution_ignores_case_possessive_and_titles(speakers_csv: Path, mention: str):
    registry, _ = SpeakerRegistry.from_csv(speakers_csv)
    assert registry.resolve(mention) == "Xi Jinping"


def test_acronyms_resolve_case_sensitively(speakers_csv: Path):
    registry, _ = SpeakerRegistry.from_csv(speakers_csv)
    assert registry.resolve("US") == "US government"
    assert registry.resolve("us") is None
    assert [m[2] for m in registry.find("Let us see what the US and the Kremlin say.")] == [
        "US government",
        "the Kremlin",
    ]


def test_affiliations(speakers_csv: Path):
    registry, _ = SpeakerRegistry.from_csv(speakers_csv)
    assert registry.affiliation("Reuters") == "Media"
    assert registry.affiliation("Kate Example") == "Unaffiliated"
    assert registry.is_person("Xi Jinping") and not registry.is_person("the Kremlin")


def test_any_short_side_is_a_side(tmp_path: Path):
    """Sides are the corpus's own: parties on a US story, countries on a diplomatic one."""
    path = tmp_path / "speakers.csv"
    path.write_text("speaker,affiliation\nJohn Cornyn,Republican\nJoe Manchin,Democrat\n")
    registry, problems = SpeakerRegistry.from_csv(path)
    assert problems == []
    assert registry.affiliation("John Cornyn") == "Republican"
    assert registry.affiliation("Joe Manchin") == "Democrat"


def test_merge_surnames_only_when_unambiguous():
    assert merge_surnames(["Bryan Vaughn", "Vaughn", "Smith", "Ann Smith", "Joe Smith"]) == {
        "Vaughn": "Bryan Vaughn"
    }


def test_canonical_speakers_leave_registered_names_alone(speakers_csv: Path):
    registry, _ = SpeakerRegistry.from_csv(speakers_csv)
    merged = canonical_speakers(["Vaughn", "Bryan Vaughn", None, "Xi Jinping"], registry)
    assert merged == ["Bryan Vaughn", "Bryan Vaughn", None, "Xi Jinping"]


def test_assign_affiliation_adds_and_updates(speakers_csv: Path):
    assign_affiliation(speakers_csv, "Kate Example", "Analyst")
    assign_affiliation(speakers_csv, "Reuters", "International")
    registry, _ = SpeakerRegistry.from_csv(speakers_csv)
    assert registry.affiliation("Kate Example") == "Analyst"
    assert registry.affiliation("Reuters") == "International"
    assert registry.resolve("President Xi") == "Xi Jinping"  # aliases kept


@pytest.mark.parametrize("side", ["", "  ", "two\nlines", "x" * 61])
def test_assign_affiliation_rejects_unusable_side(speakers_csv: Path, side: str):
    before = speakers_csv.read_bytes()
    with pytest.raises(ValueError):
        assign_affiliation(speakers_csv, "Reuters", side)
    assert speakers_csv.read_bytes() == before


def test_assign_affiliation_takes_a_new_side(speakers_csv: Path):
    assign_affiliation(speakers_csv, "Kate Example", "Republican")
    registry, _ = SpeakerRegistry.from_csv(speakers_csv)
    assert registry.affiliation("Kate Example") == "Republican"


def test_failed_save_leaves_file_intact(speakers_csv: Path, monkeypatch: pytest.MonkeyPatch):
    before = speakers_csv.read_bytes()

    def broken_replace(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        assign_affiliation(speakers_csv, "Kate Example", "Analyst")
    assert speakers_csv.read_bytes() == before
    assert [p.name for p in speakers_csv.parent.iterdir()] == ["speakers.csv"]


def test_shipped_speakers_file_is_clean():
    registry, problems = SpeakerRegistry.from_csv(ROOT / "corpus" / "speakers.csv")
    assert problems == []
    assert 40 <= len(registry.speakers) <= 100
    assert registry.resolve("Zelenskyy") == "Volodymyr Zelensky"
    assert registry.affiliation("BBC") == "Media"


def test_a_surname_merges_with_the_one_full_name_of_its_story():
    registry = SpeakerRegistry([Speaker("Marta Quell", ("Quell",), "Harbour Party", "")])
    speakers = ["Vorn", "Ines Vorn", "Vorn", "Sand", "Ada Sand", "Bo Sand", "Marta Quell", None]
    stories = ["s1", "s1", "s2", "s3", "s3", "s3", "s1", "s1"]
    assert story_speakers(speakers, stories, registry) == [
        "Ines Vorn",  # the one Vorn of story s1
        "Ines Vorn",
        "Vorn",  # story s2 names no Vorn in full
        "Sand",  # two full names end in Sand: left as it is
        "Ada Sand",
        "Bo Sand",
        "Marta Quell",
        None,
    ]


def test_a_surname_never_merges_with_a_title_or_a_determiner():
    names = ["Gorsuch", "The Gorsuch", "Obama", "Team Obama", "Trump", "President-elect Trump"]
    assert merge_surnames(names) == {}
