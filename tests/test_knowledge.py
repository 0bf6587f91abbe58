"""Knowledge-file saves are merges: nothing the analyst did not change is lost (issue 11)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from analysis.framing import stance
from analysis.framing.stance import TARGET_COLUMNS, SaveContext, load_targets
from analysis.knowledge.files import ConcurrentEdit, merge_changes, read_text, table_changes
from analysis.voices.speakers import assign_affiliation

TARGETS_CSV = (
    "target,patterns,affiliation,places,owner\n"
    "Senate,Senate|senators,Congress,,ana\n"
    "Broken,(unclosed,Nobody,,bo\n"
    ",orphan pattern,,,cy\n"
    "Court,Supreme Court|justices,Judiciary,,dee\n"
)


@pytest.fixture
def targets_csv(tmp_path: Path) -> Path:
    path = tmp_path / "targets.csv"
    path.write_text(TARGETS_CSV, encoding="utf-8")
    return path


def loaded_rows(path: Path) -> list[dict[str, str]]:
    """The rows an editor shows: the targets that loaded."""
    targets, problems = load_targets(path)
    assert len(problems) >= 2  # the broken pattern and the empty target were skipped
    return [t.as_row() for t in targets]


def test_saving_without_an_edit_keeps_rows_that_failed_validation(targets_csv: Path):
    shown = loaded_rows(targets_csv)
    stance.save_targets(targets_csv, shown, SaveContext(tuple(shown), read_text(targets_csv)))
    assert targets_csv.read_text(encoding="utf-8") == TARGETS_CSV


def test_an_edit_changes_only_its_row_and_keeps_unknown_columns(targets_csv: Path):
    shown = loaded_rows(targets_csv)
    edited = [dict(r) for r in shown]
    edited[0]["patterns"] = "Senate|senators|upper chamber"
    edited.append({"target": "House", "patterns": "House of Representatives", "affiliation": ""})
    stance.save_targets(targets_csv, edited, SaveContext(tuple(shown), read_text(targets_csv)))
    lines = targets_csv.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "target,patterns,affiliation,places,owner"
    assert lines[1] == "Senate,Senate|senators|upper chamber,Congress,,ana"
    assert lines[2:5] == TARGETS_CSV.splitlines()[2:5]
    assert lines[5] == "House,House of Representatives,,,"


def test_removing_a_row_in_the_editor_removes_only_that_row(targets_csv: Path):
    shown = loaded_rows(targets_csv)
    kept = [r for r in shown if r["target"] != "Court"]
    stance.save_targets(targets_csv, kept, SaveContext(tuple(shown), read_text(targets_csv)))
    assert targets_csv.read_text(encoding="utf-8") == "".join(
        line + "\n" for line in TARGETS_CSV.splitlines() if not line.startswith("Court")
    )


def test_saved_files_are_readable_by_others_and_keep_their_mode(tmp_path: Path, targets_csv):
    new = tmp_path / "lexicon.csv"
    stance.save_lexicon(new, [{"term": "regime", "kind": "loaded", "polarity": "-1"}])
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    targets_csv.chmod(0o664)
    stance.save_targets(targets_csv, [{"target": "X", "patterns": "X", "affiliation": ""}])
    assert stat.S_IMODE(targets_csv.stat().st_mode) == 0o664


def _edit(rows: list[dict[str, str]], target: str, patterns: str) -> list[dict[str, str]]:
    return [{**r, "patterns": patterns} if r["target"] == target else dict(r) for r in rows]


def test_a_second_save_from_a_stale_read_shows_both_versions_and_writes_nothing(targets_csv):
    read, shown = read_text(targets_csv), loaded_rows(targets_csv)
    first = _edit(shown, "Senate", "Senate|senators|upper house")
    stance.save_targets(targets_csv, first, SaveContext(tuple(shown), read))
    after_first = targets_csv.read_text(encoding="utf-8")
    second = _edit(shown, "Senate", "Senate|Senator")
    with pytest.raises(ConcurrentEdit) as caught:
        stance.save_targets(targets_csv, second, SaveContext(tuple(shown), read))
    assert targets_csv.read_text(encoding="utf-8") == after_first
    (conflict,) = caught.value.conflicts
    assert conflict.key == "Senate"
    assert conflict.mine["patterns"] == "Senate|Senator"
    assert [r["patterns"] for r in conflict.theirs] == ["Senate|senators|upper house"]


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("mine", ["Senate|Senator"]),
        ("theirs", ["Senate|senators|upper house"]),
        ("both", ["Senate|senators|upper house", "Senate|Senator"]),
    ],
)
def test_the_analyst_settles_a_conflict(targets_csv: Path, choice: str, expected: list[str]):
    read, shown = read_text(targets_csv), loaded_rows(targets_csv)
    stance.save_targets(targets_csv, _edit(shown, "Senate", "Senate|senators|upper house"))
    mine = _edit(shown, "Senate", "Senate|Senator")
    with pytest.raises(ConcurrentEdit) as caught:
        stance.save_targets(targets_csv, mine, SaveContext(tuple(shown), read))
    settled = SaveContext(tuple(shown), caught.value.current, {"Senate": choice})
    stance.save_targets(targets_csv, mine, settled)
    text = targets_csv.read_text(encoding="utf-8")
    assert [line.split(",")[1] for line in text.splitlines() if line.startswith("Senate,")] == (
        expected
    )
    assert "Broken,(unclosed,Nobody,,bo" in text


def test_edits_of_different_rows_by_two_sessions_both_stay(targets_csv: Path):
    read, shown = read_text(targets_csv), loaded_rows(targets_csv)
    stance.save_targets(
        targets_csv, _edit(shown, "Senate", "Senate|upper house"), SaveContext(tuple(shown), read)
    )
    result = stance.save_targets(
        targets_csv, _edit(shown, "Court", "Court|justices"), SaveContext(tuple(shown), read)
    )
    assert result.theirs == ("Senate",)
    patterns = {t.name: t.pattern for t in load_targets(targets_csv)[0]}
    assert patterns["Senate"] == "Senate|upper house" and patterns["Court"] == "Court|justices"


def test_a_file_changed_underneath_a_new_row_is_a_conflict_too(tmp_path: Path):
    path = tmp_path / "targets.csv"
    change = {"Senate": {"target": "Senate", "patterns": "Senate", "affiliation": ""}}
    path.write_text("target,patterns,affiliation\nSenate,senators,\n", encoding="utf-8")
    with pytest.raises(ConcurrentEdit):
        merge_changes(path, change, TARGET_COLUMNS, read="")


def test_table_changes_lists_altered_added_and_removed_keys():
    before = [{"target": "A", "patterns": "a"}, {"target": "B", "patterns": "b"}]
    after = [{"target": "A", "patterns": "a "}, {"target": "C", "patterns": None}]
    assert table_changes(before, after, ("target", "patterns")) == {
        "C": {"target": "C", "patterns": ""},
        "B": None,
    }


def test_assigning_a_side_keeps_extra_columns_and_odd_rows(tmp_path: Path):
    path = tmp_path / "speakers.csv"
    path.write_text(
        "speaker,aliases,affiliation,role,notes\n"
        "Jane Roe,Roe,Democrat,senator,checked by ana\n"
        ",Anonymous,,,row with no speaker\n",
        encoding="utf-8",
    )
    assign_affiliation(path, "Jane Roe", "Independent")
    assign_affiliation(path, "John Doe", "Republican")
    assert path.read_text(encoding="utf-8").splitlines() == [
        "speaker,aliases,affiliation,role,notes",
        "Jane Roe,Roe,Independent,senator,checked by ana",
        ",Anonymous,,,row with no speaker",
        "John Doe,,Republican,,",
    ]


def test_the_same_change_made_twice_is_no_conflict(targets_csv: Path):
    read, shown = read_text(targets_csv), loaded_rows(targets_csv)
    same = _edit(shown, "Senate", "Senate|upper house")
    stance.save_targets(targets_csv, same, SaveContext(tuple(shown), read))
    stance.save_targets(targets_csv, same, SaveContext(tuple(shown), read))
    assert [t.pattern for t in load_targets(targets_csv)[0] if t.name == "Senate"] == [
        "Senate|upper house"
    ]


# --- a quote left open swallows the rows after it ------------------------------------------


def test_an_unterminated_quote_is_reported_on_the_line_where_it_opens(tmp_path: Path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "target,patterns,affiliation\n"
        "Senate,Senate|senators,Congress\n"
        'Court,"Supreme Court|justices,Judiciary\n'
        "Mayor,mayor|city hall,City\n"
        "Union,union|strikers,Labour\n",
        encoding="utf-8",
    )
    targets, problems = load_targets(path)
    assert [t.name for t in targets] == ["Senate"]
    (problem,) = problems
    assert (problem.line, problem.severity) == (3, "error")
    assert problem.message == (
        "the quote opened on line 3 (column 'patterns') is not closed on that line: lines 3-5, "
        "the rest of the file are read as one value and their rows are lost; close the quote "
        '(a quote inside a value is written ""); row skipped'
    )


def test_a_quote_closed_rows_later_names_the_lines_it_swallowed(tmp_path: Path):
    from analysis.emphasis.topics import load_topics

    path = tmp_path / "topics.csv"
    path.write_text(
        'topic,patterns\nFlood,"flood|levee\nBudget,budget|deficit\nCourts,"court|judge"\n'
        "Schools,school|teacher\n",
        encoding="utf-8",
    )
    topics, problems = load_topics(path)
    assert [t.name for t in topics] == ["Schools"]
    (problem,) = problems
    assert problem.line == 2
    assert "lines 2-4 are read as one value and their rows are lost" in problem.message


def test_knowledge_problems_name_the_file_not_the_server_path(tmp_path):
    targets = tmp_path / "targets.csv"
    targets.write_text("target,patterns\nEmpty,\nCouncil,council\n", encoding="utf-8")
    loaded, problems = load_targets(str(targets))
    assert [t.name for t in loaded] == ["Council"]
    (problem,) = problems
    assert problem.source == "targets.csv" and problem.line == 2
    assert str(tmp_path) not in str(problem)
