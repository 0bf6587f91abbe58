"""Speaker kinds: people, organisations, groups, unnamed and none, on texts written here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus.load import load_corpus
from analysis.pipeline import load_knowledge
from analysis.store.build import build, open_build
from analysis.voices.kinds import SPEAKER_KINDS, group_label, speaker_kind
from analysis.voices.quotes import extract_quotes
from analysis.voices.share import counted_voices, speaker_labels
from analysis.voices.speakers import Speaker, SpeakerRegistry

REGISTRY = SpeakerRegistry(
    [
        Speaker("Marta Quell", ("Quell",), "Harbour Party", "port minister"),
        Speaker("Tidewater Council", (), "Local", "organisation: city council"),
    ]
)


def only(text: str):
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    found = extract_quotes(text, paragraphs, REGISTRY)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("“The levy is a tax on fishermen,” Republicans said.", "Republicans"),
        ("“The levy is a tax on fishermen,” Senate Democrats said.", "Senate Democrats"),
        ("“We will not pay the levy,” the union said on Friday.", "union"),
        ("“The count was never fair,” critics said.", "critics"),
        ("“The harbour stays shut until March,” officials said.", "officials"),
        ("“Nobody asked the dockers,” some protesters said.", "protesters"),
        ("Two harbour pilots said the channel had silted up over the winter.", "harbour pilots"),
        ("“The levy is our freedom,” the Brexiteers said.", "Brexiteers"),
        ("“The levy is our freedom,” Harbourites said.", "Harbourites"),
    ],
)
def test_groups_are_a_kind_of_their_own_never_a_person(text: str, group: str):
    quote = only(text)
    assert (quote.speaker, quote.speaker_kind, quote.speaker_group) == (None, "group", group)


def test_people_and_organisations():
    person = only("“The levy stays,” Quell said.")
    body = only("“The levy stays,” the Tidewater Council said.")
    unregistered = only("“We will appeal,” said Dana Brisk, a skipper.")
    assert (person.speaker, person.speaker_kind) == ("Marta Quell", "person")
    assert (body.speaker, body.speaker_kind) == ("Tidewater Council", "organisation")
    assert (unregistered.speaker, unregistered.speaker_kind) == ("Dana Brisk", "person")
    for quote in (person, body, unregistered):
        assert quote.speaker_group is None


def test_unnamed_and_none():
    unnamed = only("“The levy stays in place,” a spokesman for the port said.")
    nobody = only("The sign on the gate read: “Closed until further notice.”")
    assert (unnamed.speaker, unnamed.speaker_kind, unnamed.speaker_group) == (
        None,
        "unnamed",
        None,
    )
    assert (nobody.speaker, nobody.speaker_kind) == (None, "none")


@pytest.mark.parametrize(
    ("speaker", "mention", "kind"),
    [
        ("the Harbour Authority", "the Harbour Authority", "organisation"),
        ("NATO", "NATO", "organisation"),
        ("Lena Evans", "Lena Evans", "person"),
        (None, "they", "group"),
        (None, "Others", "group"),
        (None, "the report", "unnamed"),
        (None, "exit polls", "unnamed"),
        (None, "he", "unnamed"),
        (None, "However", "none"),
        (None, None, "none"),
    ],
)
def test_kind_of_a_mention(speaker: str | None, mention: str | None, kind: str):
    assert kind in SPEAKER_KINDS
    assert speaker_kind(speaker, mention, REGISTRY)[0] == kind


def test_group_label_drops_determiners_and_numbers():
    assert group_label("Some Senate Democrats") == "Senate Democrats"
    assert group_label("the union") == "union"
    assert group_label("staffers on the harbour committee") == "staffers"
    assert group_label("a spokesman") is None
    assert group_label("Evans") is None
    assert group_label("Brexiters") == "Brexiters"
    assert group_label("Speers") is None  # a surname: 'eers' needs five letters before it


def _quotes(kinds: list[tuple[str, str | None, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "quote_id": [f"q{i}" for i in range(len(kinds))],
            "outlet": "A",
            "speaker": [s for _, s, _ in kinds],
            "speaker_kind": [k for k, _, _ in kinds],
            "speaker_group": [g for _, _, g in kinds],
            "affiliation": ["Harbour Party" if s else "Unknown speaker" for _, s, _ in kinds],
            "words": 3,
        }
    )


def test_counted_voices_leave_groups_out_unless_asked():
    quotes = _quotes(
        [
            ("person", "Marta Quell", None),
            ("group", None, "Republicans"),
            ("unnamed", None, None),
        ]
    )
    default = counted_voices(quotes)
    assert list(default["quote_id"]) == ["q0", "q2"]
    counted = counted_voices(quotes, groups=True).set_index("quote_id")
    assert list(counted.index) == ["q0", "q1", "q2"]
    assert counted.loc["q1", "speaker"] == "group: Republicans"
    assert counted.loc["q1", "affiliation"] == "Group"
    assert counted.loc["q0", "speaker"] == "Marta Quell"


def test_counted_voices_on_a_table_without_kinds():
    quotes = _quotes([("person", "Marta Quell", None)]).drop(
        columns=["speaker_kind", "speaker_group"]
    )
    assert list(counted_voices(quotes)["quote_id"]) == ["q0"]


def test_tweeted_with_a_possessive_object_reports_no_speech():
    text = "Several harbour pilots tweeted their displeasure about the new levy on Friday."
    paragraphs = [(0, len(text))]
    assert extract_quotes(text, paragraphs, REGISTRY) == []
    text = "Several harbour pilots said their channel would silt up by the winter."
    assert [q.kind for q in extract_quotes(text, [(0, len(text))], REGISTRY)] == ["indirect"]


HARBOUR = [
    {
        "article_id": "h1",
        "outlet": "Harbour Gazette",
        "title": "Port levy vote",
        "published": "2024-03-01",
        "text": "The port levy passed on Friday.\n\n"
        "“The levy keeps the channel open,” said Marta Quell, the port minister.\n\n"
        "“This is a tax on every fisherman,” Senate Republicans said in a statement.\n\n"
        "The vote was close.",
    },
    {
        "article_id": "h2",
        "outlet": "Coast Herald",
        "title": "Dockers angry at levy",
        "published": "2024-03-02",
        "text": "Dockers walked out on Saturday.\n\n"
        "“We were never asked about the levy,” the union said.\n\n"
        "“The channel must stay open for the ferries,” Quell said.",
    },
]


@pytest.fixture(scope="module")
def harbour(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("harbour") / "harbour.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in HARBOUR), encoding="utf-8")
    return path


def test_the_quotes_table_and_the_build_carry_the_speaker_kind(harbour: Path, tmp_path: Path):
    corpus = load_corpus(harbour)
    built = build(corpus, load_knowledge(tmp_path / "none"), tmp_path / "b", workers=1)
    for quotes in (built.analysis.quotes, open_build(tmp_path / "b").analysis.quotes):
        kinds = quotes.set_index("text")[["speaker", "speaker_kind", "speaker_group"]]
        assert tuple(kinds.loc["The levy keeps the channel open"])[:2] == ("Marta Quell", "person")
        group = kinds.loc["This is a tax on every fisherman"]
        assert pd.isna(group["speaker"])
        assert tuple(group)[1:] == ("group", "Senate Republicans")
        assert tuple(kinds.loc["We were never asked about the levy"])[1:] == ("group", "union")
        merged = kinds.loc["The channel must stay open for the ferries"]
        assert tuple(merged)[:2] == ("Marta Quell", "person")


def test_the_browser_names_groups_and_leaves_unnamed_speakers_unknown():
    quotes = _quotes(
        [("group", None, "Republicans"), ("unnamed", None, None), ("person", "Marta Quell", None)]
    ).assign(speaker_mention=[None, "a spokesman", "Quell"])
    labels = speaker_labels(quotes, "Unknown speaker")
    assert list(labels) == ["group: Republicans", "Unknown speaker", "Marta Quell"]


@pytest.mark.parametrize("word", ["People", "Women", "Children"])
def test_irregular_plurals_of_people_are_a_group(word: str):
    quote = only(f"{word} have speculated that the harbour would close for good.")
    assert (quote.speaker, quote.speaker_kind) == (None, "group")


def test_a_channel_is_an_organisation():
    assert speaker_kind("Fox 35 Orlando", "Fox 35 Orlando", REGISTRY) == ("organisation", None)
    assert speaker_kind("Marta Quell", "Marta Quell", REGISTRY)[0] == "person"
