"""What the Voices, Overlap, Framing, Compare and Corpus views show, and how their widgets act."""

from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pytest
import streamlit as st

from analysis.corpus.load import remove_article_file
from analysis.framing.stance import MIN_MENTIONS, load_targets
from tests.test_pages import ROOT, assert_ok, coverage, figures, open_app, shown, widget
from ui.framing_chart import signed

VOICES, OVERLAP, FRAMING = "pages/2_Voices.py", "pages/3_Overlap.py", "pages/4_Framing.py"
COMPARE, CORPUS = "pages/5_Compare.py", "pages/6_Corpus.py"


def by_key(at, kind: str, key: str):
    found = [e for e in at.get(kind) if getattr(e, "key", None) == key]
    assert found, f"no {kind} with key {key!r}"
    return found[0]


def dataframe(at, column: str):
    """The first table shown that has ``column`` (read-only tables carry no key)."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table with a column {column!r}")


def html_text(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


# ---------------------------------------------------------------- Voices


def test_voices_speaker_filter_narrows_every_view():
    at = open_app(VOICES)
    everyone = coverage(at)["sentences"]
    widget(at, "speaker").select("Dmitry Peskov").run()
    assert_ok(at)
    assert coverage(at)["sentences"] < everyone
    quotes = dataframe(at, "attribution")
    assert set(quotes["speaker"]) == {"Dmitry Peskov"}


def test_voices_unknown_speaker_rates_match_the_table():
    at = open_app(VOICES)
    table = dataframe(at, "quotes_per_article").set_index("outlet")
    chart = next(
        f
        for f in figures(at)
        if f["layout"].get("xaxis", {}).get("title", {}).get("text") == "Unknown-speaker rate"
    )
    for outlet, rate in zip(chart["data"][0]["y"], chart["data"][0]["x"], strict=True):
        row = table.loc[outlet]
        assert rate == pytest.approx(row["unknown_speaker"] / row["quotes"])


def test_voices_quote_kinds_change_the_counts():
    at = open_app(VOICES)
    before = dataframe(at, "quotes_per_article")["quotes"].sum()
    by_key(at, "button_group", "voices_kinds").set_value(["full"]).run()
    assert_ok(at)
    after = dataframe(at, "quotes_per_article")["quotes"].sum()
    assert 0 < after < before
    assert set(dataframe(at, "attribution")["kind"]) == {"full"}


def test_voices_share_of_voice_bars_sum_to_one_per_outlet():
    at = open_app(VOICES)
    share = next(f for f in figures(at) if len(f["data"]) > 1)  # one trace per side
    totals: dict[str, float] = {}
    for trace in share["data"]:
        for outlet, value in zip(trace["y"], trace["x"], strict=True):
            totals[outlet] = totals.get(outlet, 0) + value
    assert totals and all(abs(t - 1) < 1e-9 for t in totals.values())


def test_voices_assigning_a_side_saves_it_to_the_speakers_file(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(corpus))
    at = open_app(VOICES)
    speaker = by_key(at, "selectbox", "assign_speaker").value
    by_key(at, "selectbox", "assign_side").set_value("Media")
    next(b for b in at.button if b.label == "Save to speakers.csv").click().run()
    assert_ok(at)
    saved = (corpus / "speakers.csv").read_text(encoding="utf-8")
    assert f"{speaker},,Media," in saved
    assert any("Saved" in s.value for s in at.success)


# ---------------------------------------------------------------- Overlap


def test_voices_quote_browser_sorts_filters_and_recounts_on_each_choice():
    """The browser's rows follow the sort, side and text choices (its order is worked out once
    per choice): longest first, one side alone, quotes holding the words; the count says how
    many."""
    at = open_app(VOICES)
    every = dataframe(at, "attribution")
    by_key(at, "selectbox", "voices_sort").set_value("Length").run()
    assert_ok(at)
    longest = dataframe(at, "attribution")
    assert len(longest) == len(every)
    assert longest["words"].is_monotonic_decreasing and longest["words"].iloc[0] > 0
    side = longest["affiliation"].value_counts().index[0]
    by_key(at, "multiselect", "voices_sides").set_value([side]).run()
    one_side = dataframe(at, "attribution")
    assert set(one_side["affiliation"]) == {side} and 0 < len(one_side) < len(every)
    assert one_side["words"].is_monotonic_decreasing
    word = one_side["text"].iloc[0].split()[0]
    by_key(at, "text_input", "voices_contains").set_value(word).run()
    holding = dataframe(at, "attribution")
    assert len(holding) > 0 and holding["text"].str.contains(word, case=False, regex=False).all()
    assert any(c.value.startswith(f"{len(holding):,} quote") for c in at.caption)


def claim_rows(at) -> list[tuple[str, str]]:
    """(claim id, full label from the hover) of each row of the coverage matrix."""
    matrix = figures(at)[0]["data"][0]
    return [
        (row.split(" · ")[0], hover[0]) for row, hover in zip(matrix["y"], matrix["customdata"])
    ]


def test_overlap_coverage_matrix_rows_are_shared_claims():
    at = open_app(OVERLAP)
    assert any("International Criminal Court" in label for _, label in claim_rows(at))
    matrix = figures(at)[0]
    for values in matrix["data"][0]["z"]:
        assert sum(v is not None and v > 0 for v in values) >= 2


def test_overlap_opening_a_claim_shows_its_sentences_from_each_outlet():
    at = open_app(OVERLAP)
    rows = claim_rows(at)
    icc = next(cid for cid, label in rows if "International Criminal Court" in label)
    other = next(cid for cid, label in rows if "International Criminal Court" not in label)
    by_key(at, "selectbox", "overlap_claim").set_value(other).run()
    assert html_text(at).count("International Criminal Court") < 4
    by_key(at, "selectbox", "overlap_claim").set_value(icc).run()
    assert_ok(at)
    assert html_text(at).count("International Criminal Court") >= 4


def test_overlap_outlet_filter_limits_the_matrix_columns():
    at = open_app(OVERLAP, {"outlet": ["CNN", "TIME"]})
    assert figures(at)[0]["data"][0]["x"] == ["CNN", "TIME"]


def test_overlap_counts_all_outlets_report_only_for_strong_matches():
    at = open_app(OVERLAP, {"outlet": ["CNN", "TIME"]})
    metric = next(m for m in at.metric if m.label == "Both outlets report")
    line = next(m.value for m in at.markdown if "in both" in m.value and "claim" in m.value)
    related = re.search(
        r"([\d,]+) claims? (?:is a related passage|are related passages) in both", line
    )
    hovers = [hover for _, hover in claim_rows(at)]
    both = [h for h in hovers if "CNN" in h]  # every row is carried by both outlets
    assert int(metric.value) == sum("(strong match)" in h for h in both) > 0
    assert int(related[1].replace(",", "") if related else 0) == sum(
        "(related match)" in h for h in both
    )


def test_discount_shared_copy_is_reported_in_the_sidebar():
    at = open_app(OVERLAP, {"discount": "1"})
    assert any("Shared copy discounted" in c.value for c in at.sidebar.caption)


# ---------------------------------------------------------------- Framing


def framing_heat(at) -> dict:
    return next(f for f in figures(at) if f["data"][0]["type"] == "heatmap")


def test_framing_heat_map_has_targets_by_outlets_and_scores_in_range():
    at = open_app(FRAMING)
    heat = framing_heat(at)["data"][0]
    assert {"China", "Russia", "Ukraine", "United States"} <= set(heat["y"])
    assert len(heat["x"]) == 5
    values = [v for row in heat["z"] for v in row if v is not None]
    assert values and all(-1 <= v <= 1 for v in values)


def test_framing_component_switch_changes_the_heat_map():
    at = open_app(FRAMING)
    score = framing_heat(at)["data"][0]["z"]
    by_key(at, "button_group", "framing_component").set_value("narrated_mentions").run()
    assert_ok(at)
    mentions = framing_heat(at)["data"][0]["z"]
    assert mentions != score
    assert all(v is None or float(v).is_integer() for row in mentions for v in row)


def test_framing_cell_evidence_highlights_mentions():
    at = open_app(FRAMING)
    by_key(at, "selectbox", "framing_outlet").set_value("CNN")
    by_key(at, "selectbox", "framing_target").set_value("China").run()
    assert_ok(at)
    shown = html_text(at)
    assert 'title="mention"' in shown and "China" in shown
    assert "tone" in shown and "words that pushed it" in shown


def test_framing_evidence_shows_each_sentence_once_with_all_its_mentions():
    at = open_app(FRAMING)
    by_key(at, "selectbox", "framing_outlet").set_value("CNN")
    by_key(at, "selectbox", "framing_target").set_value("Xi Jinping").run()
    assert_ok(at)
    tone = "".join(str(e.proto.body) for e in at.tabs[0].get("html"))
    blocks = tone.split("border-left:3px")[1:]
    sentences = [re.sub(r"<[^>]+>", "", b.split("<br>")[0].split(">", 1)[1]) for b in blocks]
    assert len(sentences) == len(set(sentences))
    assert tone.count('title="mention"') > len(blocks)  # a sentence holds two mentions of Xi
    assert any(b.count("reading ") == b.count('title="mention"') > 1 for b in blocks)


def test_framing_adhoc_target_appears():
    at = open_app(FRAMING)
    by_key(at, "text_area", "framing_extra").input("ICC=International Criminal Court|ICC").run()
    assert_ok(at)
    assert "ICC" in framing_heat(at)["data"][0]["y"]


def test_framing_bad_adhoc_target_is_explained():
    at = open_app(FRAMING)
    by_key(at, "text_area", "framing_extra").input("no equals sign").run()
    assert_ok(at)
    assert any("NAME=pattern" in e.value for e in at.error)


def _cells(trace: dict) -> list[tuple[str, str, str]]:
    """(target, outlet, cell text) of every cell a heat-map trace writes a label in."""
    return [
        (row, col, text)
        for row, line in zip(trace["y"], trace["text"], strict=True)
        for col, text in zip(trace["x"], line, strict=True)
        if text
    ]


def _n(text: str) -> int:
    return int(re.search(r"n=(\d+)", text).group(1))


def test_framing_cells_under_the_minimum_count_are_faded():
    at = open_app(FRAMING)
    heats = [t for t in framing_heat(at)["data"] if t["type"] == "heatmap"]
    full, faint = heats
    assert faint.get("opacity", 1) < 0.5 and full.get("opacity", 1) == 1
    strong, weak = _cells(full), _cells(faint)
    assert strong and weak
    assert all(_n(t) >= MIN_MENTIONS for *_, t in strong)
    assert all(_n(t) < MIN_MENTIONS for *_, t in weak)
    assert not {(r, c) for r, c, _ in strong} & {(r, c) for r, c, _ in weak}
    for row, line in zip(full["y"], full["z"], strict=True):  # no full colour on a weak cell
        for col, value in zip(full["x"], line, strict=True):
            if (row, col) in {(r, c) for r, c, _ in weak}:
                assert value is None


def test_framing_drops_targets_mentioned_nowhere_and_says_so():
    at = open_app(FRAMING)
    by_key(at, "text_area", "framing_extra").input("Atlantis=Atlantis|Atlanteans").run()
    assert_ok(at)
    rows = framing_heat(at)["data"][0]["y"]
    assert "Atlantis" not in rows and "Joe Biden" not in rows  # Biden: no mention in the corpus
    assert "China" in rows
    note = next(c.value for c in at.caption if "Not shown" in c.value)
    assert "Atlantis" in note and "Joe Biden" in note and "China" not in note


def test_framing_evidence_opens_on_the_cell_with_the_most_mentions():
    at = open_app(FRAMING)
    heat = framing_heat(at)["data"]
    cells = [c for t in heat if t["type"] == "heatmap" for c in _cells(t)]
    most = max(_n(t) for *_, t in cells)
    outlet = by_key(at, "selectbox", "framing_outlet").value
    target = by_key(at, "selectbox", "framing_target").value
    shown = [t for r, c, t in cells if r == target and c.replace("<br>", " ") == outlet]
    assert shown and _n(shown[0]) == most > 0


def test_framing_never_prints_a_negative_zero():
    at = open_app(FRAMING)
    for chart in figures(at):
        for trace in chart["data"]:
            for key in ("text", "customdata"):
                assert "-0.00" not in json.dumps(trace.get(key))
    shown = [m.value for m in at.metric] + [html_text(at)] + [c.value for c in at.caption]
    assert not any("-0.00" in str(v) for v in shown)
    assert signed(-0.004) == "0.00" and signed(0.004) == "0.00" and signed(-0.3) == "-0.30"


# ---------------------------------------------------------------- Compare


def test_compare_defaults_to_two_articles_and_puts_them_in_the_url():
    at = open_app(COMPARE)
    chosen = by_key(at, "multiselect", "compare_articles").value
    assert len(chosen) == 2
    assert list(at.query_params["article"]) == chosen


def test_compare_link_chooses_the_articles_and_claim_mode_shows_omissions():
    ids = ["002_8bc55c8b31abfdee", "000_dcf8edebff11d305", "001_0208e945a2c42d73"]
    at = open_app(COMPARE, {"article": ids})
    assert by_key(at, "multiselect", "compare_articles").value == ids
    assert "background:" in html_text(at)
    by_key(at, "button_group", "compare_mode").set_value("By claim").run()
    assert_ok(at)
    table = html_text(at)
    assert "not reported" in table and "International Criminal Court" in table
    # With three articles, a claim only one other article carries is its own, not an omission.
    assert "—</span>" in table


def test_compare_says_all_report_only_for_strong_matches():
    ids = ["000_dcf8edebff11d305", "002_8bc55c8b31abfdee", "004_bc8ba412acc51888"]
    at = open_app(COMPARE, {"article": ids})
    lines = [m.value for m in at.markdown]
    strong = next(line for line in lines if line.startswith("**All 3 report** (strong match)"))
    assert "International Criminal Court" in strong
    related = next(line for line in lines if line.startswith("**Related passages in all 3**"))
    # "A journey of friendship": Xi called his trip / China has billed the trip.
    assert "journey of friendship" in related and "journey of friendship" not in strong
    by_key(at, "button_group", "compare_mode").set_value("By claim").run()
    assert "strong</td>" in html_text(at) and "related</td>" in html_text(at)


def test_compare_dims_sentences_outside_the_selection():
    at = open_app(COMPARE, {"q": "warrant"})
    assert "opacity:0.35" in html_text(at)


# ---------------------------------------------------------------- Corpus


@pytest.fixture
def editable_corpus(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(corpus))
    return corpus


def test_corpus_page_reports_a_bad_file(editable_corpus):
    (editable_corpus / "empty.txt").write_text("   \n", encoding="utf-8")
    at = open_app(CORPUS)
    report = dataframe(at, "severity")
    assert "empty.txt" in set(report["source"])
    assert any("rejected" in e.value for e in at.error)


def test_corpus_page_removes_an_article_recoverably(editable_corpus):
    at = open_app(CORPUS)
    name = by_key(at, "selectbox", "corpus_remove_file").value
    by_key(at, "button", "corpus_remove").click().run()
    assert_ok(at)
    assert (editable_corpus / name).exists()  # asked first, nothing moved yet
    by_key(at, "button", "corpus_remove_confirm").click().run()
    assert_ok(at)
    assert not (editable_corpus / name).exists()
    assert (editable_corpus / ".removed" / name).exists()


def _article_files(corpus) -> list[str]:
    return sorted(p.name for p in corpus.glob("*.md"))


def test_corpus_remove_names_its_target_and_the_result_stays_after_the_rerun(editable_corpus):
    at = open_app(CORPUS)
    name = _article_files(editable_corpus)[2]
    by_key(at, "selectbox", "corpus_remove_file").set_value(name).run()
    by_key(at, "button", "corpus_remove").click().run()
    assert any(name in shown(w.value) and "Remove" in w.value for w in at.warning)
    assert name in by_key(at, "button", "corpus_remove_confirm").label
    by_key(at, "button", "corpus_remove_confirm").click().run()
    assert_ok(at)
    assert any(f"{name} moved to .removed/{name}" in shown(s.value) for s in at.success)


def test_corpus_remove_from_a_stale_page_moves_the_chosen_article(editable_corpus):
    at = open_app(CORPUS)
    files = _article_files(editable_corpus)
    by_key(at, "selectbox", "corpus_remove_file").set_value(files[3]).run()
    remove_article_file(editable_corpus, files[1])  # another session, meanwhile
    by_key(at, "button", "corpus_remove").click().run()
    by_key(at, "button", "corpus_remove_confirm").click().run()
    assert_ok(at)
    assert _article_files(editable_corpus) == [f for f in files if f not in (files[1], files[3])]


def test_corpus_remove_of_an_article_removed_elsewhere_moves_nothing(editable_corpus):
    at = open_app(CORPUS)
    files = _article_files(editable_corpus)
    by_key(at, "selectbox", "corpus_remove_file").set_value(files[1]).run()
    remove_article_file(editable_corpus, files[1])  # another session, meanwhile
    by_key(at, "button", "corpus_remove").click().run()
    by_key(at, "button", "corpus_remove_confirm").click().run()
    assert_ok(at)
    assert _article_files(editable_corpus) == [f for f in files if f != files[1]]
    assert any("no longer in the corpus" in w.value for w in at.warning)


def test_framing_saves_the_edited_targets_through_the_validated_writer(editable_corpus):
    at = open_app(FRAMING)
    next(b for b in at.button if b.key == "framing_save_targets").click().run()
    assert_ok(at)
    assert any("Saved targets" in s.value for s in at.success)
    targets, problems = load_targets(editable_corpus / "targets.csv")
    assert not problems and {"China", "Russia", "Xi Jinping"} <= {t.name for t in targets}


# ---------------------------------------------------------------- Saves are merges (issue 11)

BAD_TARGET = "Broken,(unclosed,Nobody,,kept by hand\n"


def _append_bad_row_and_column(path) -> str:
    """The file with an extra column and a row that fails validation; its text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    text = "\n".join([lines[0] + ",owner", *(f"{line},ana" for line in lines[1:])]) + "\n"
    path.write_text(text + BAD_TARGET, encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_framing_save_without_an_edit_keeps_rows_that_failed_validation(editable_corpus):
    before = _append_bad_row_and_column(editable_corpus / "targets.csv")
    at = open_app(FRAMING)
    next(b for b in at.button if b.key == "framing_save_targets").click().run()
    assert_ok(at)
    assert any("Saved targets (0 rows changed)" in s.value for s in at.success)
    assert (editable_corpus / "targets.csv").read_text(encoding="utf-8") == before


def editing(monkeypatch, target: str, patterns: str) -> None:
    """Make the page's data editor return its rows with ``target``'s patterns changed
    (AppTest cannot type into a data editor)."""

    def edited(data, **kwargs):
        data = data.copy()
        if "target" in data.columns:
            data.loc[data["target"] == target, "patterns"] = patterns
        return data

    monkeypatch.setattr(st, "data_editor", edited)


def _save_targets(at):
    next(b for b in at.button if b.key == "framing_save_targets").click().run()
    assert_ok(at)
    return at


def _patterns(corpus, target: str) -> list[str]:
    text = (corpus / "targets.csv").read_text(encoding="utf-8")
    return [line.split(",")[1] for line in text.splitlines() if line.startswith(f"{target},")]


def test_framing_second_session_sees_both_versions_and_chooses(editable_corpus, monkeypatch):
    first, second = open_app(FRAMING), open_app(FRAMING)
    editing(monkeypatch, "Russia", "Russia|Russian Federation|Moscow government")
    _save_targets(first)
    assert _patterns(editable_corpus, "Russia") == ["Russia|Russian Federation|Moscow government"]
    editing(monkeypatch, "Russia", "Russia|Russians")
    _save_targets(second)
    assert any("changed since you opened it" in w.value for w in second.warning)
    assert not any(s.value.startswith("Saved") for s in second.success)
    assert _patterns(editable_corpus, "Russia") == ["Russia|Russian Federation|Moscow government"]
    shown = [e.value for e in second.dataframe if "version" in e.value.columns]
    assert shown and set(shown[0]["patterns"]) == {
        "Russia|Russians",
        "Russia|Russian Federation|Moscow government",
    }
    by_key(second, "radio", "knowledge_choice_targets_0").set_value("both")
    next(b for b in second.button if b.key == "knowledge_resolve_targets").click().run()
    assert_ok(second)
    assert any("Saved targets" in s.value for s in second.success)
    assert _patterns(editable_corpus, "Russia") == [
        "Russia|Russian Federation|Moscow government",
        "Russia|Russians",
    ]


def test_framing_edits_of_different_rows_in_two_sessions_both_stay(editable_corpus, monkeypatch):
    first, second = open_app(FRAMING), open_app(FRAMING)
    editing(monkeypatch, "Russia", "Russia|Russian Federation|Moscow government")
    _save_targets(first)
    editing(monkeypatch, "China", "China|Chinese|PRC")
    _save_targets(second)
    assert any("other changes were kept: Russia" in s.value for s in second.success)
    assert _patterns(editable_corpus, "Russia") == ["Russia|Russian Federation|Moscow government"]
    assert _patterns(editable_corpus, "China") == ["China|Chinese|PRC"]


def _assign(at) -> tuple[str, str]:
    """Assign the first side offered to the first unaffiliated speaker; both names."""
    speaker = by_key(at, "selectbox", "assign_speaker").value
    sides = by_key(at, "selectbox", "assign_side")
    side = sides.options[0]
    sides.set_value(side)
    next(b for b in at.button if b.label == "Save to speakers.csv").click().run()
    assert_ok(at)
    return speaker, side


def test_voices_assigning_a_side_keeps_extra_columns_and_odd_rows(editable_corpus):
    path = editable_corpus / "speakers.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    odd = ",Anonymous official,,,row kept on purpose"
    path.write_text(
        "\n".join([lines[0] + ",notes", *(f"{line},checked" for line in lines[1:]), odd]) + "\n",
        encoding="utf-8",
    )
    before = path.read_text(encoding="utf-8").splitlines()
    speaker, side = _assign(open_app(VOICES))
    after = path.read_text(encoding="utf-8").splitlines()
    assert after[: len(before)] == before
    empty = [""] * (len(before[0].split(",")) - 3)  # role, from, to, notes ...: left empty
    assert after[len(before) :] == [",".join([speaker, "", side, *empty])]


def test_voices_without_a_speakers_file_writes_beside_the_corpus_not_the_bundle(
    tmp_path, monkeypatch
):
    corpus = tmp_path / "story"
    corpus.mkdir()
    for article in (ROOT / "corpus").glob("*.md"):
        shutil.copy(article, corpus)
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(corpus))
    bundled = (ROOT / "corpus" / "speakers.csv").read_bytes()
    at = open_app(VOICES)
    speaker, side = _assign(at)
    assert (ROOT / "corpus" / "speakers.csv").read_bytes() == bundled
    saved = (corpus / "speakers.csv").read_text(encoding="utf-8")
    assert f"\n{speaker},,{side}," in saved
    assert any(
        str(corpus / "speakers.csv") in shown(s.value) or "speakers.csv" in shown(s.value)
        for s in at.success
    )


def test_framing_lexicon_save_without_a_file_writes_only_the_edit(editable_corpus, monkeypatch):
    (editable_corpus / "framing_lexicon.csv").unlink()

    def edited(data, **kwargs):
        data = data.copy()
        if "term" in data.columns:
            data.loc[data.index[0], "note"] = "checked by the desk"
        return data

    monkeypatch.setattr(st, "data_editor", edited)
    at = open_app(FRAMING)
    by_key(at, "button", "framing_save_lexicon").click().run()
    assert_ok(at)
    lines = (editable_corpus / "framing_lexicon.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "term,kind,polarity,note"
    assert len(lines) == 2 and lines[1].endswith(",checked by the desk")


# ---------------------------------------------------------------- Stories


@pytest.fixture
def mixed_corpus(tmp_path, monkeypatch):
    """Three stories (flood, court ruling, transfer) by three outlets, from test_stories."""
    from tests.test_stories import MIXED

    for article_id, outlet, published, title, text in MIXED:
        body = f"---\ntitle: {title}\noutlet: {outlet}\npublished: {published}\n---\n{text}\n"
        (tmp_path / f"{article_id}.md").write_text(body, encoding="utf-8")
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(tmp_path))
    return tmp_path


def test_story_filter_narrows_every_page_and_goes_in_the_url(mixed_corpus):
    at = open_app(OVERLAP)
    story = widget(at, "story")
    assert len(story.options) == 4 and coverage(at)["articles"] == 8
    flood = next(o for o in story.options if "Severn" in o or "Shrewsbury" in o)
    story.set_value(flood).run()
    assert_ok(at)
    assert coverage(at)["articles"] == 3
    assert at.query_params["story"] == flood
    compare = open_app(COMPARE, {"story": flood})
    chosen = by_key(compare, "multiselect", "compare_articles").value
    assert all(a.startswith("flood-") for a in chosen) and coverage(compare)["articles"] == 3


def test_a_refused_knowledge_save_shows_the_analysts_pattern_as_literal_text(
    editable_corpus, monkeypatch
):
    pixel = "![x](http://host/pixel)"
    editing(monkeypatch, "China", f"{pixel}(")
    at = _save_targets(open_app(FRAMING))
    errors = [e.value for e in at.error]
    assert errors and all(pixel not in e for e in errors), errors
    assert any(r"\!\[x\]" in e and "invalid pattern" in e for e in errors), errors


def test_overlap_says_claims_are_per_story_until_one_is_picked(mixed_corpus):
    at = open_app(OVERLAP)
    assert any("spans 3 stories" in i.value for i in at.info)
    story = widget(at, "story")
    story.set_value(next(o for o in story.options if "Ohio" in o)).run()
    assert_ok(at)
    assert not any("stories" in i.value for i in at.info)
    assert set(figures(at)[0]["data"][0]["x"]) <= {"Daily Post", "Evening Star", "Wire Service"}


def test_overlap_whole_corpus_reads_counts_and_omissions_the_members_give():
    from analysis.corpus.load import load_corpus
    from analysis.overlap.claims import exclusives, strengths
    from analysis.overlap.summary import analyse_overlap, omissions_by_story
    from analysis.pipeline import analyse, load_knowledge
    from ui.literal import md

    corpus = ROOT / "corpus"
    overlap = analyse_overlap(analyse(load_corpus(corpus), load_knowledge(corpus)))
    claims, members = overlap.claims.set_index("claim_id"), overlap.members
    carriers = members.groupby("claim_id")["outlet"].nunique()
    assert claims["n_outlets"].equals(carriers.reindex(claims.index))
    assert claims["strength"].equals(strengths(members).reindex(claims.index))
    gone = omissions_by_story(overlap.claims, members)["outlet"].value_counts()
    alone = exclusives(overlap.claims, members)["outlet"].value_counts()
    at = open_app(OVERLAP)
    assert_ok(at)
    listed = {e.label.split(" — ")[0]: e.label for e in at.expander if " — left out " in e.label}
    assert listed and gone.sum() > 0
    outlets = {md(outlet): outlet for outlet in members["outlet"].unique()}
    for shown_as, label in listed.items():
        outlet = outlets[shown_as]
        expected = f"left out {gone.get(outlet, 0)}, only here {alone.get(outlet, 0)}"
        assert label.endswith(expected), (label, expected)


@pytest.mark.parametrize("order", ["sorted", "shuffled"])
def test_overlap_first_rows_of_each_outlet_are_those_a_filter_gives(order):
    import numpy as np
    import pandas as pd

    from ui.overlap_views import first_rows

    rng = np.random.default_rng(7)
    table = pd.DataFrame(
        {"outlet": rng.choice(["A", "B", "C", "D"], 200), "claim_id": [f"C{i}" for i in range(200)]}
    )
    if order == "sorted":
        table = table.sort_values("outlet", kind="stable").reset_index(drop=True)
    got = first_rows(f"test|{order}", table, ("A", "C", "E"), 5)
    for outlet in ("A", "C", "E"):
        want = table[table["outlet"] == outlet].head(5)
        pd.testing.assert_frame_equal(got[outlet], want)
    assert len(got["A"]) == 5 and got["E"].empty


def test_story_choices_are_the_shared_stories_largest_first_with_their_articles():
    import pandas as pd

    from ui.page import story_options

    table = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"],
            "story": ["s2", "s1", "s2", "s9", "s1", "s3", "s2", "s3"],
            "label": ["Floods", "Vote", "Floods", "Alone", "Vote", "Vote", "Floods", "Vote"],
        }
    )
    assert list(story_options(table).items()) == [
        ("Floods (3 articles)", ("a1", "a3", "a7")),
        ("Vote (2 articles)", ("a2", "a5")),
        ("Vote (2 articles) · s3", ("a6", "a8")),
    ]
    assert story_options(table[table["story"] == "s9"]) == {}


def test_framing_heat_map_hover_and_cell_text_sit_on_their_own_cell():
    import pandas as pd

    from ui.framing_chart import framing_heatmap, hover_text

    cells = [("Beta", "Zed", 0.5, 4), ("Alpha", "Zed", -0.25, 1), ("Beta", "Ann", 0.0, 3)]
    cells.append(("Alpha", "Ann", 0.75, 0))
    table = pd.DataFrame(
        [
            {"outlet": o, "target": t, "score": s, "narrated_mentions": n, "mentions": n + 1}
            | {"low_count": n < MIN_MENTIONS, "stance": "unclear", "tone": 0.1}
            | {"loaded_polarity": 0.0, "distancing_rate": 0.0, "voice_share": None}
            for o, t, s, n in cells
        ]
    )
    fig = framing_heatmap(table, ["Zed", "Ann"], "score", "Score", signed, True).to_dict()
    full, faint = (t for t in fig["data"] if t["type"] == "heatmap")
    assert list(full["y"]) == ["Zed", "Ann"] and list(full["x"]) == ["Alpha", "Beta"]
    for _, row in table.iterrows():
        r, c = ["Zed", "Ann"].index(row["target"]), ["Alpha", "Beta"].index(row["outlet"])
        assert full["customdata"][r][c] == hover_text(row)
        text = f"{signed(row['score'])}<br>n={row['narrated_mentions']}"
        weak = row["low_count"]
        if weak and row["narrated_mentions"]:
            text += " (few)"
        assert (faint if weak else full)["text"][r][c] == text
        assert (full if weak else faint)["text"][r][c] == ""


def test_overlap_each_left_out_line_names_the_outlets_that_carry_the_claim():
    """The lists are one Markdown list per outlet and column: every line is checked."""
    at = open_app(OVERLAP)
    outlets = set(figures(at)[0]["data"][0]["x"])
    named = 0
    for expander in at.expander:
        outlet, _, rest = expander.label.partition(" — left out ")
        if not rest:
            continue
        gone = int(rest.split(",")[0])
        lists = [m.value for m in expander.markdown if "carried by" in m.value]
        lines = [line for block in lists for line in block.splitlines()]
        assert len(lists) <= 1 and len(lines) == min(gone, 40)
        for line in lines:
            shown = re.sub(r"\\(.)", r"\1", line)
            assert shown.startswith("- ") and shown.endswith(")*")
            carriers = set(shown.rsplit("(carried by ", 1)[1].removesuffix(")*").split(", "))
            assert outlet not in carriers and carriers <= outlets
            others = len(outlets) - 1
            assert len(carriers) == others or (len(carriers) >= 2 and 2 * len(carriers) > others)
            named += 1
    assert named > 0


def test_framing_heat_map_follows_the_selection_and_comes_back_the_same():
    at = open_app(FRAMING)
    first = framing_heat(at)["data"]
    outlets = widget(at, "outlet")
    one = outlets.options[0]
    outlets.set_value([one]).run()
    assert_ok(at)
    narrowed = framing_heat(at)["data"]
    assert narrowed[0]["x"] == [one] != first[0]["x"]
    widget(at, "outlet").set_value([]).run()
    assert_ok(at)
    assert framing_heat(at)["data"] == first
    by_key(at, "segmented_control", "framing_component").set_value("tone").run()
    assert_ok(at)
    assert framing_heat(at)["data"][0]["z"] != first[0]["z"]


# ---------------------------------------------------------------- Voices with many sides

FLOOD_VOICES = [
    ("Anna Berg", "City council"),
    ("Tomas Reyes", "Fire brigade"),
    ("Lena Fischer", "Red Cross"),
    ("Omar Haddad", "Weather service"),
    ("Grace Mbeki", "Insurers"),
    ("Pavel Novak", "Residents' group"),
    ("Sofia Lindqvist", "Opposition party"),
    ("Daniel Okoro", "Governor's office"),
    ("Maya Patel", "Police"),
    ("Ivan Petrov", "Army"),
    ("Hannah Cole", "Hospital"),
    ("Luis Moreno", "School board"),
    ("Elif Demir", "Farmers' union"),
    ("Kenji Sato", "Engineers"),
]


@pytest.fixture
def flood_corpus(tmp_path, monkeypatch):
    """Three outlets on one flood, each quoting fourteen people of fourteen sides (the first
    fourteen times, the last once), with a speakers.csv giving each their side."""
    corpus = tmp_path / "flood"
    corpus.mkdir()
    rows = ["speaker,aliases,affiliation,role,from,to"]
    rows += [f'{name},,"{side}",,,' for name, side in FLOOD_VOICES]
    (corpus / "speakers.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for o, outlet in enumerate(["River Post", "Valley Herald", "Delta Courier"]):
        paragraphs = [f"The river rose overnight and flooded the lower town, {outlet} learned."]
        for k, (name, _) in enumerate(FLOOD_VOICES):
            for repeat in range(len(FLOOD_VOICES) - k):
                paragraphs.append(
                    f"“Crews worked through the night on the levee number {k + repeat},” "
                    f"said {name}."
                )
        header = f"---\ntitle: Flood in the lower town\noutlet: {outlet}\n"
        header += f"published: 2024-05-0{o + 1}\n---\n"
        (corpus / f"flood_{o}.md").write_text(header + "\n\n".join(paragraphs), encoding="utf-8")
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(corpus))
    return corpus


def test_voices_share_of_voice_draws_the_most_quoted_sides_and_sums_the_others(flood_corpus):
    from tests.test_pages import texts

    at = open_app(VOICES)
    share = next(
        f for f in figures(at) if f["layout"]["xaxis"]["title"]["text"].startswith("Share of")
    )
    drawn = [trace["name"] for trace in share["data"]]
    named = [side for _, side in FLOOD_VOICES]
    assert drawn[:10] == named[:10]  # the most quoted sides, most quoted first
    assert "Other sides" in drawn and not set(drawn) & set(named[10:])
    other = share["data"][drawn.index("Other sides")]
    assert all("from 4 sides" in c[2] for c in other["customdata"])
    totals: dict[str, float] = {}
    for trace in share["data"]:
        for outlet, value in zip(trace["y"], trace["x"], strict=True):
            totals[outlet] = totals.get(outlet, 0) + value
    assert len(totals) == 3 and all(abs(t - 1) < 1e-9 for t in totals.values())
    assert len({trace["marker"]["color"] for trace in share["data"]}) == len(drawn)
    assert any("the other 4 are summed as “Other sides”" in c for c in texts(at, "caption"))


# ---------------------------------------------------------------- Compare on many stories


def test_compare_defaults_to_the_widest_story_not_two_unrelated_ones(tmp_path, monkeypatch):
    from analysis.corpus.load import load_corpus
    from analysis.pipeline import analyse, load_knowledge

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for story in ("water_bill", "river_flood", "bakery_merger"):
        for article in (ROOT / "tests" / "fixtures" / "stories" / story).glob("*.md"):
            shutil.copy(article, corpus / f"{story}_{article.name}")
    metro = (corpus / "river_flood_metro.md").read_text(encoding="utf-8")
    (corpus / "river_flood_lakeside.md").write_text(
        metro.replace("The Metro Herald", "Lakeside Courier").replace(
            "Residents of Riverton asked on Sunday", "On Sunday, residents of Riverton asked"
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(corpus))
    at = open_app("pages/5_Compare.py")
    chosen = by_key(at, "multiselect", "compare_articles").value
    loaded = load_corpus(corpus)
    story = analyse(loaded, load_knowledge(corpus)).stories.set_index("article_id")["story"]
    assert len(chosen) == 2 and story[chosen[0]] == story[chosen[1]]
    flood = {a for a, s in story.items() if s == story[chosen[0]]}
    assert len(flood) == 4  # the river-flood story, which four outlets cover
    assert any("the story most outlets cover" in c.value for c in at.caption)
    other = next(a for a, s in story.items() if s != story[chosen[0]])
    linked = open_app("pages/5_Compare.py", {"article": [chosen[0], other]})
    assert by_key(linked, "multiselect", "compare_articles").value == [chosen[0], other]
    assert not any("the story most outlets cover" in c.value for c in linked.caption)


@pytest.fixture(scope="module")
def story_build(tmp_path_factory):
    """A build of a story whose articles reuse a passage."""
    from analysis.corpus.load import load_corpus
    from analysis.pipeline import load_knowledge
    from analysis.store.build import build
    from tests.test_derive import STORIES

    story, folder = STORIES / "bakery_merger", tmp_path_factory.mktemp("views") / "b"
    build(load_corpus(story), load_knowledge(story), folder, workers=1)
    return story, folder


def test_a_builds_overlap_reads_ids_and_outlets_as_the_categories_their_strings_give(
    story_build,
):
    """The overlap tables' repeated strings, read as categoricals from the file's
    dictionary, equal the same columns read as strings and then coded."""
    from dataclasses import replace

    from analysis.store.build import open_build
    from analysis.store.parquet import read_parquet
    from analysis.store.stored_overlap import CATEGORIES, as_categories

    _, folder = story_build
    stored = open_build(folder).stored_overlap
    plain = {n: read_parquet(folder / f"overlap_{n}.parquet") for n in CATEGORIES}
    coded = as_categories(replace(stored, **plain))
    for name, groups in CATEGORIES.items():
        table = getattr(stored, name)
        assert len(table) > 0, name
        pd.testing.assert_frame_equal(table, getattr(coded, name), check_exact=True)
        for column in (c for group in groups for c in group):
            assert not isinstance(plain[name][column].dtype, pd.CategoricalDtype), column
            assert isinstance(table[column].dtype, pd.CategoricalDtype), column


def test_the_overview_on_a_build_reads_no_paragraphs_or_sides(story_build, tmp_path, monkeypatch):
    """A build's analysis tables are read on first use: the Overview draws without the
    paragraphs and the speakers' sides (moved away here), and every table reads as stored."""
    from analysis.store.build import TABLES, _from_parquet, open_build

    story, built = story_build
    copy = tmp_path / "b"
    shutil.copytree(built, copy)
    opened = open_build(copy)
    lazy = ["paragraphs.parquet", "speakers.parquet"]
    (tmp_path / "moved").mkdir()
    for name in lazy:
        (copy / name).rename(tmp_path / "moved" / name)
    monkeypatch.setenv("COVERAGE_LENS_CORPUS", str(story))
    monkeypatch.setenv("COVERAGE_LENS_ANALYSIS", str(copy))
    at = open_app()
    assert_ok(at)
    assert int(at.metric[0].value) == len(opened.analysis.articles) > 0
    for name in lazy:
        (tmp_path / "moved" / name).rename(copy / name)
    for name in TABLES:
        stored = _from_parquet(copy / f"{name}.parquet", name)
        read = getattr(opened.analysis, name)
        assert len(read) == len(stored), name
        pd.testing.assert_frame_equal(read.reset_index(drop=True), stored, check_exact=True)
    assert list(opened.analysis.articles.index) == list(opened.analysis.articles["article_id"])


def test_read_parquet_reads_the_named_string_columns_as_categoricals(tmp_path):
    """``categories`` columns come back as categoricals of the same values; a name the file
    lacks is left out, and the other columns are as stored."""
    from analysis.store.parquet import read_parquet, write_parquet

    frame = pd.DataFrame({"outlet": ["B", "A", None, "B"], "n": [1, 2, 3, 4]})
    write_parquet(frame, tmp_path / "t.parquet")
    read = read_parquet(tmp_path / "t.parquet", categories=["outlet", "missing"])
    assert isinstance(read["outlet"].dtype, pd.CategoricalDtype)
    assert read["outlet"].astype(object).where(read["outlet"].notna(), None).tolist() == [
        "B", "A", None, "B"
    ]  # fmt: skip
    assert read["n"].tolist() == [1, 2, 3, 4]


@pytest.mark.parametrize("columns", [3, 4, 12])
def test_heat_map_rows_keep_room_for_two_line_labels_under_upright_column_labels(columns):
    from ui.charts import ROW_HEIGHT, heatmap

    outlets = [f"The Heritage Foundation {k}" for k in range(columns)]
    topics = [f"major hurricanes · decade · Atlantic {k}" for k in range(8)]
    values = pd.DataFrame(0.1, index=topics, columns=outlets)
    figure = heatmap(values, values.astype(str), "Share")
    upright = figure.layout.xaxis.tickangle == -90
    assert upright == (columns > 3)
    label_room = 6 * len(outlets[0]) if upright else 0  # upright text: 6 px a character
    cells = figure.layout.height - label_room - 180  # colour bar, title and margins
    assert cells >= ROW_HEIGHT * len(topics)
