"""The kind of a quote's speaker: a person, an organisation, a group, someone unnamed, nobody.

Groups ("Republicans", "Senate Democrats", "officials", "critics", "the union",
"they", "some") speak as many: never a person, and counted with people and
organisations only when the analyst asks. A mention that names nobody (a
pronoun without antecedent, "a spokesman", "the company", "the report") is
``unnamed``; a quote without any mention of a speaker is ``none``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.knowledge.derive.entities import ORGANISATION_WORDS
from analysis.voices.cues import (
    BODY_NOUNS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    GENERIC_NOUNS,
    GROUP_NAMES,
    ORGANISATION_NOUNS,
    SENTENCE_WORDS,
)
from analysis.voices.records import Quote
from analysis.voices.speakers import PARTY_WORDS, SpeakerRegistry

SPEAKER_KINDS = ("person", "organisation", "group", "unnamed", "none")
VOICE_KINDS = ("person", "organisation")
"""The kinds counted as voices by default: a group is counted only when asked."""

COLLECTIVE_NOUNS = frozenset("union unions family families crowd people police".split())
"""Nouns of many speakers without a plural -s ('the union said', 'police said')."""
QUANTIFIERS = frozenset(
    "some many most others other several both few all two three four five six seven eight "
    "nine ten dozens hundreds thousands".split()
)
"""Words of number that open a group's mention ('Some said', 'Two Republican senators')."""
NOT_SPEAKER_PLURALS = frozenset(
    "polls surveys records data figures documents numbers results news emails messages texts "
    "filings papers minutes notes reports statements letters studies talks rules laws terms "
    "plans charges times years days months weeks hours minutes things ways words lines "
    "sanctions tariffs prices rates costs taxes funds goods markets stocks shares".split()
)
"""Plurals that are documents or figures, not people speaking together."""
GROUP_PRONOUNS = frozenset(("they", "we"))
_GROUP_HEADS = GROUP_NAMES | GENERIC_NOUNS | COLLECTIVE_NOUNS
_HEAD_END = re.compile(
    r"\s+(?:of|for|at|in|on|from|with|close|who|which|that|to|familiar|involved|inside)\b.*$"
)
_PLURAL_PEOPLE = re.compile(r"[A-Z][a-z]{3,}(?:ians|cans|crats|ists|ites|eers)|[A-Z][a-z]+xiters")
"""Capitalised plurals naming people of a party, creed, cause or nation ('Democrats',
'Russians', 'Brexiteers'), long enough not to be a surname ('Evans', 'Speers')."""
_BODY_WORDS = (
    ORGANISATION_WORDS | ORGANISATION_NOUNS | BODY_NOUNS | {"press", "newswire", "tv", "radio"}
)
"""Words that make an unregistered speaker's name a body's ('Associated Press')."""


def names_many(word: str) -> bool:
    """Whether a capitalised word names many people ('Republicans', 'Officials'), not a person."""
    bare = word.strip(".,;:’'").removesuffix("’s").removesuffix("'s")
    return bare.lower() in GROUP_NAMES or bool(_PLURAL_PEOPLE.fullmatch(bare))


def is_group_word(word: str) -> bool:
    """Whether a head word names many people: 'Republicans', 'officials', 'protesters'."""
    bare = word.strip(".,;:’'").removesuffix("’s").removesuffix("'s")
    lower = bare.lower()
    if lower in _GROUP_HEADS or names_many(bare):
        return True
    if bare[:1].isupper():
        return False
    if lower in NOT_SPEAKER_PLURALS or not lower.endswith("s") or lower.endswith(("ss", "us")):
        return False
    singular = lower[:-3] + "y" if lower.endswith("ies") else lower[:-1]
    return singular not in DOCUMENT_NOUNS and lower.isalpha()


def group_label(mention: str) -> str | None:
    """The group a mention names, without determiners or numbers ('Some Senate Democrats' ->
    'Senate Democrats'), or None when it names one speaker or none."""
    words = _HEAD_END.sub("", mention.strip(" ,.;:")).split()
    if len(words) == 1 and words[0][:1].isupper() and words[0].lower() in PARTY_WORDS:
        return words[0]  # 'Republican said': the party speaks, not one person
    while words and words[0].lower().strip(",") in DETERMINERS | QUANTIFIERS | {"and"}:
        words.pop(0)
    if not words:
        return mention.strip() if mention.lower().split()[0] in QUANTIFIERS else None
    if len(words) == 1 and words[0].lower() in GROUP_PRONOUNS:
        return words[0].lower()
    if " and " in f" {' '.join(words)} " and words[-1][:1].isupper():
        return " ".join(words)  # 'Putin and Xi': several speakers together
    return " ".join(words) if is_group_word(words[-1]) else None


def names_body(name: str) -> bool:
    """Whether a name holds a body's word or a channel's number: 'US Olympic Committee', 'the
    Commerce Department', 'Fox 35 Orlando'."""
    words = name.split()
    return bool({w.lower().strip(".,") for w in words} & _BODY_WORDS) or any(
        w.isdigit() for w in words[1:]
    )


def without_article(name: str) -> str:
    """'The CDC' as 'CDC', 'The Associated Press' as 'Associated Press': one body whether
    the writer puts 'the' before it or not. Only an acronym or a name holding a body's
    word loses it ('The Hill', 'The Guardian' keep theirs: 'Hill' may be a surname)."""
    first, _, rest = name.partition(" ")
    if first != "The" or not rest:
        return name
    acronym = " " not in rest and len(rest) >= 2 and rest.replace(".", "").isupper()
    return rest if acronym or names_body(rest) else name


def is_organisation(name: str) -> bool:
    """Whether an unregistered speaker's name is a body's: 'the Commerce Department', 'NATO'."""
    words = name.split()
    acronym = len(words) == 1 and len(name) >= 2 and name.replace(".", "").isupper()
    return acronym or words[0].lower() == "the" or names_body(name)


def speaker_kind(
    speaker: str | None, mention: str | None, registry: SpeakerRegistry
) -> tuple[str, str | None]:
    """The kind of a quote's speaker, and the group's name when it is a group."""
    if speaker:
        if speaker in registry.speakers:
            return ("person" if registry.is_person(speaker) else "organisation"), None
        return ("organisation" if is_organisation(speaker) else "person"), None
    if not mention or not mention.strip():
        return "none", None
    group = group_label(mention)
    if group:
        return "group", group
    words = mention.lower().split()
    if words[0] in ("he", "she", "it", "him", "her"):
        return "unnamed", None
    if all(w.strip(",.") in SENTENCE_WORDS | DETERMINERS for w in words) or mention.isupper():
        return "none", None  # 'However', 'Meanwhile', 'MORE': no speaker was named
    return "unnamed", None


def with_kind(quote: Quote, registry: SpeakerRegistry) -> Quote:
    """The quote with its speaker's kind and, for a group, the group's name (an outlet
    speaking of itself is an organisation, whatever its name looks like)."""
    if quote.attribution == "outlet":
        return replace(quote, speaker_kind="organisation")
    kind, group = speaker_kind(quote.speaker, quote.speaker_mention, registry)
    return replace(quote, speaker_kind=kind, speaker_group=group) if kind != "none" else quote
