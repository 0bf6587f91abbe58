"""Names: full names seen in the texts, and the surnames that stand for them.

``find_names`` maps "dmitry peskov" and, when only one full name ends with it,
"peskov" to "Dmitry Peskov", so term counting merges a person's mentions into
one term.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from analysis.emphasis.terms import NEWS_STOP_WORDS, is_headline
from analysis.place_adjectives import is_place_adjective
from analysis.stop_words import ENGLISH_STOP_WORDS


def find_names(texts: Iterable[str], known: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map names and surnames to full names seen in the texts, plus the ``known`` aliases.

    A full name is two capitalised words that are not titles, days, months or
    nationalities ("Dmitry Peskov"); its last word alone ("Peskov") maps to it
    when only one full name in the texts ends with that word.
    """
    full: Counter[tuple[str, str]] = Counter()
    alone: Counter[str] = Counter()
    for text in texts:
        if is_headline(text):
            continue
        for match in _NAME_PAIR.finditer(text):
            first, last = match.group(1), match.group(2)
            if _could_be_name(first) and _could_be_name(last):
                full[(first, last)] += 1
        alone.update(m.group(1) for m in _ALONE.finditer(text))
    by_surname: dict[str, set[str]] = {}
    for first, last in full:
        if alone[last] > full[(first, last)]:
            by_surname.setdefault(last.lower(), set()).add(f"{first} {last}")
    names = {f"{first} {last}".lower(): f"{first} {last}" for first, last in full}
    names.update({surname: next(iter(v)) for surname, v in by_surname.items() if len(v) == 1})
    names.update({k.lower(): v for k, v in (known or {}).items()})
    return names


_NAME_PAIR = re.compile(
    r"\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?!['’]?\s*[A-Z])"
)
_ALONE = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]+)\b")
_NOT_NAMES = (
    frozenset(
        [
            "president",
            "prime",
            "minister",
            "secretary",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "foreign",
            "defense",
            "defence",
            "general",
            "sen",
            "senator",
            "rep",
            "gov",
            "governor",
            "mr",
            "mrs",
            "ms",
            "dr",
            "king",
            "queen",
            "pope",
            "chancellor",
            "leader",
            "chairman",
            "director",
            "ambassador",
            "adviser",
            "advisor",
            "commander",
            "chief",
            "deputy",
            "vice",
            "state",
            "national",
            "security",
            "council",
            "party",
            "republican",
            "democrat",
            "democratic",
            "former",
            "new",
            "north",
            "south",
            "east",
            "west",
            "united",
            "european",
            "international",
            "world",
            "supreme",
            "court",
            "house",
            "senate",
            "white",
            "city",
            "republic",
            "ministry",
            "army",
            "navy",
            "air",
            "force",
            "news",
            "agency",
            "times",
            "post",
            "press",
            "daily",
            "journal",
            "street",
            "university",
            "institute",
            "center",
            "centre",
            "union",
            "nations",
            "kingdom",
            "federation",
            "people",
            "peace",
            "war",
            "human",
            "rights",
            "trade",
            "energy",
            "foundation",
            "committee",
            "department",
            "office",
        ]
    )
    | NEWS_STOP_WORDS
    | ENGLISH_STOP_WORDS
)


def _could_be_name(word: str) -> bool:
    return word.lower() not in _NOT_NAMES and not is_place_adjective(word)
