"""One name per person in an article: the speakers of its quotes as the article names them.

A bare surname becomes the one full name of that surname in the article ('Boehner'
quoted before 'John Boehner' is named), or the full name the article first writes it
with ('Nigel Oakes' for 'Oakes'); a given name alone the one full name opening with it
('Peter' after 'NPR's Peter Kenyon'); capitals spelling one full name's initials that
name ('AOC'); a body's last word the one body it ends ('the Times' after 'the New York
Times'); a body loses a leading 'the' where it is no part of the name, and a
speaker that is no name ('On Thursday', 'Business' opening a sentence) names nobody.
"""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.knowledge.derive.entities import is_title
from analysis.place_adjectives import is_place_adjective
from analysis.voices.cues import CUE_WORDS, ROLE_NOUNS, SENTENCE_WORDS
from analysis.voices.given_names import GENDER_OF
from analysis.voices.kinds import is_organisation, names_many, without_article
from analysis.voices.phrases import is_name_shaped
from analysis.voices.records import Quote
from analysis.voices.speakers import NOT_FIRST_NAMES, TITLES, SpeakerRegistry, merge_surnames

_INITIAL = re.compile(r"[A-Z]\.")
_PLACE_PREPOSITIONS = ("of", "for", "in", "from", "at")


def one_name_each(
    found: list[Quote],
    text: str,
    registry: SpeakerRegistry,
    full_names: set[str],
    introduced: set[str],
) -> list[Quote]:
    """``found`` with each speaker as the article names them (see the module doc).

    ``full_names`` are the persons the extraction remembered, ``introduced`` the names
    introduced with a role ('House Speaker John Boehner').
    """
    known = registry.speakers
    names = {q.speaker for q in found if q.speaker and q.speaker not in known}
    merged = merge_surnames(names | full_names)
    bare = {n for n in names if " " not in n and n not in merged}
    lower = frozenset(re.findall(r"\b[a-z][\w’'\-]*", text)) if bare else frozenset()
    written = merge_surnames(bare | full_names_written(text, bare, lower))
    merged |= {n: full for n, full in written.items() if n in bare}
    merged |= given_names(text, bare - set(merged), names | full_names, lower)
    merged |= merge_initials(names, names | introduced | full_names)
    merged |= {n[4:]: n for n in names if n.startswith("The ") and n[4:] in names}
    merged |= {n: full for n, full in short_body_names(names).items() if n not in merged}
    named = {}  # each speaker's name, worked out once
    for name in names:
        full = without_article(merged.get(name, name))
        named[name] = full if is_name_shaped(full) and not common_word(text, full) else None
    checked = []
    for quote in found:
        speaker = quote.speaker
        if speaker and speaker not in known and quote.attribution != "outlet":
            speaker = named[speaker]  # None: 'Business says …' where the text has 'business'
        if speaker != quote.speaker:
            attribution = quote.attribution if speaker else "none"
            quote = replace(quote, speaker=speaker, attribution=attribution)
        checked.append(quote)
    return checked


def short_body_names(names: set[str]) -> dict[str, str]:
    """'the Times' for the one 'New York Times' of the article: a one-word speaker (after
    'The') that ends exactly one longer body's name among the speakers."""
    bodies = {n for n in names if " " in without_article(n) and is_organisation(n)}
    merged = {}
    for name in names:
        short = without_article(name).removeprefix("The ")
        if " " in short:
            continue
        longer = {b for b in bodies if b != name and without_article(b).split()[-1] == short}
        if len(longer) == 1:
            merged[name] = longer.pop()
    return merged


def merge_initials(speakers: set[str], names: set[str]) -> dict[str, str]:
    """'AOC' for the one 'Alexandria Ocasio-Cortez' of the article: a speaker in capitals
    that spells the initials of exactly one full name there."""
    spelled: dict[str, set[str]] = {}
    for name in names:
        parts = re.split(r"[\s\-]+", name)
        if len(parts) > 1 and all(p[:1].isupper() for p in parts):
            spelled.setdefault("".join(p[0] for p in parts), set()).add(name)
    return {
        s: next(iter(spelled[s]))
        for s in speakers
        if 2 <= len(s) <= 4 and s.isupper() and len(spelled.get(s, ())) == 1
    }


def common_word(text: str, speaker: str) -> bool:
    """Whether a one-word speaker is a common word capitalised to open a sentence: the
    article writes it in lower case more often than capitalised inside a sentence
    ('Business says it cannot wait', not 'Trump' beside a 'trump card')."""
    if " " in speaker:
        return False
    lower = len(re.findall(rf"\b{re.escape(speaker.lower())}\b", text))
    inside = len(re.findall(rf"(?<=[a-z,;] ){re.escape(speaker)}\b", text))
    return lower > inside


def given_names(
    text: str, speakers: set[str], names: set[str], lower: frozenset[str]
) -> dict[str, str]:
    """A speaker named by a given name alone ('Peter says', after 'NPR's Peter Kenyon')
    is the one full name of the article that opens with it: among ``names``, else where
    the article first writes it before a capitalised word that may be a surname. Only
    a listed given name counts (:mod:`analysis.voices.given_names`): 'Trump' alone is a
    surname, never the start of 'Trump Tower'."""
    found = {}
    for given in speakers:
        if given.lower() not in GENDER_OF or any(n.endswith(f" {given}") for n in names):
            continue
        fulls = {n for n in names if n.split()[0] == given and " " in n}
        if not fulls:
            first = re.search(rf"\b{re.escape(given)} ([A-Z][a-z][\w\-]*)(?![\w’'])", text)
            if first and _given_name_word(first.group(1), lower):
                fulls = {first.group()}
        if len(fulls) == 1:
            found[given] = next(iter(fulls))
    return found


def full_names_written(text: str, surnames: set[str], lower: frozenset[str]) -> set[str]:
    """The full name the article writes for a bare surname among its speakers where it
    first writes that surname, as news style introduces a person: 'Nigel Oakes' for
    'Oakes', 'Ruth Bader Ginsburg' for 'Ginsburg', 'William J. Baer' for 'Baer'. The
    given names are the words right before the surname up to one that is none: a title
    or role ('Mr.', 'President', 'Agent'), a word the article also writes in lower case
    ('Added'), a group ('Democrats'), a participle ('Seeing'), a place adjective
    ('American'), a possessive ('London’s'). A surname first written without a given
    name ('President Trump', before 'Melania Trump') gets none."""
    written = set()
    for surname in surnames:
        if is_organisation(surname) or not surname[:1].isupper() or surname.lower() in GENDER_OF:
            continue  # a given name alone ('Adolph') is no surname
        first = re.search(rf"\b{re.escape(surname)}\b", text)
        if not first:
            continue
        window = text[max(0, first.start() - 80) : first.start()].rsplit("\n", 1)[-1]
        before = window.split(" ")[:-1] if window.endswith(" ") else []
        kept = len(before)
        while kept and _given_name_word(before[kept - 1], lower):
            kept -= 1
        words = before[kept:]
        place = len(words) > 1 and words[0].lower() not in GENDER_OF  # not 'for Christine'
        if place and before[kept - 1] in _PLACE_PREPOSITIONS:
            words.pop(0)  # 'special envoy for Venezuela Elliott Abrams'
        while words and _INITIAL.fullmatch(words[0]):
            words.pop(0)
        if words and text[first.end() : first.end() + 1] not in "’'":
            written.add(" ".join([*words, surname]))
    return written


def _given_name_word(word: str, lower: frozenset[str]) -> bool:
    """Whether ``word`` may open or continue a person's name before a surname."""
    bare = word.strip(".,")
    return bool(
        re.fullmatch(r"[A-Z][a-z][\w’'\-]*|[A-Z]\.", word)
        and bare.lower() not in lower
        and bare.lower() not in TITLES | SENTENCE_WORDS | NOT_FIRST_NAMES | ROLE_NOUNS
        and not is_title(bare)
        and bare not in CUE_WORDS  # 'Added Toner, the former chairman: “…”'
        and not names_many(bare)
        and not bare.endswith("ing")
        and not is_place_adjective(bare)
    )
