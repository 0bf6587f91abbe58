"""Whether two sentences of a claim report the same fact: names and numbers.

TF-IDF similarity joins sentences that share words; shared topic words are
not the same fact. Two sentences agree on names when the first capitalised name of
each (possessives stripped; stop words, titles, offices, months and weekdays
are not names) is among the other's names, "Russia" and "Russian" being variants, or
when neither names anyone: the actor of the sentence is the same. A sentence
naming nobody ("he said") cannot be checked against one that names someone,
so the pair is not a strong match. They agree on numbers when they share a number or one of
them has none; number words and ordinals count as their number ("40
occasions" and "the fortieth meeting" agree, "2,000 troops" and "50 copies"
do not).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.corpus.text import TITLES
from analysis.emphasis.terms import WORD_CLASS

STRONG = "strong"
RELATED = "related"
SINGLE = "single"

_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
_UNITS += "fifteen sixteen seventeen eighteen nineteen"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_ORDINAL_UNITS = "zeroth first second third fourth fifth sixth seventh eighth ninth tenth "
_ORDINAL_UNITS += "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
_ORDINAL_UNITS += "eighteenth nineteenth"
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
_NUMBER_WORDS = {
    # "one" and "first"/"second" are left out: "one of", "for the first time", "a second".
    **{w: k for k, w in enumerate(_UNITS.split()) if k > 1},
    **{w: k for k, w in enumerate(_ORDINAL_UNITS.split()) if k > 2},
    **{w: 20 + 10 * k for k, w in enumerate(_TENS.split())},
    **{w: 20 + 10 * k for k, w in enumerate(_ORDINAL_TENS.split())},
    "hundred": 100,
    "hundredth": 100,
    "thousand": 1000,
    "thousandth": 1000,
    "dozen": 12,
}
_NAME = re.compile(r"\b[A-Z][\w.&-]*(?:['’]s)?")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"[a-z]+")
_LOWER = re.compile(r"\b[a-z][a-z'’-]*\b")
# Offices name nobody by themselves: "President Trump" and "Trump" are one actor.
_OFFICES = frozenset(
    "president vice prime minister secretary senator governor mayor chancellor king queen "
    "prince judge justice chief general spokesman spokeswoman spokesperson director chairman "
    "chairwoman ceo officials".split()
)
_NOT_NAMES = frozenset(w.capitalize() for w in ENGLISH_STOP_WORDS | _CALENDAR | _OFFICES)
_NOT_NAMES |= TITLES


def lowercase_words(texts: Iterable[str]) -> frozenset[str]:
    """Words the texts write in lower case: a sentence's capitalised first word among them
    ("Heavy rain ...") is an ordinary word, not a name."""
    return frozenset(w for text in texts for w in _LOWER.findall(text))


def names(text: str, common: frozenset[str] = frozenset()) -> list[tuple[str, ...]]:
    """Capitalised names in ``text`` in reading order, as runs of adjacent words:
    "President Vladimir Putin met Mattis's aide" gives ``[("Vladimir", "Putin"), ("Mattis",)]``.

    The sentence's first word is a name only when it is neither a frequent
    English word nor one of ``common`` (see ``lowercase_words``).
    """
    runs: list[list[str]] = []
    end = -1
    for match in _NAME.finditer(text):
        word = re.sub(r"['’]s$", "", match.group()).rstrip(".")
        initial = not text[: match.start()].strip(" \t\"“‘'([-—–")
        ordinary = initial and (word.lower() in common or word.lower() in WORD_CLASS)
        if not word or word.capitalize() in _NOT_NAMES or ordinary:
            continue
        if runs and not text[end : match.start()].strip():
            runs[-1].append(word)
        else:
            runs.append([word])
        end = match.end()
    return [tuple(run) for run in runs]


def _same_name(a: str, b: str) -> bool:
    """Equal, or one a variant of the other ("Russia" / "Russian")."""
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 4 and long.startswith(short))


def _names_agree(a: list[tuple[str, ...]], b: list[tuple[str, ...]]) -> bool:
    """Each sentence's first name is among the other's names (the actor agrees).

    Two sentences naming nobody agree; one naming nobody does not agree with
    one that names someone, as "he" cannot be checked against a name.
    """
    if not a or not b:
        return not a and not b
    words_a = [w for run in a for w in run]
    words_b = [w for run in b for w in run]

    def found(run: tuple[str, ...], words: list[str]) -> bool:
        return any(_same_name(x, y) for x in run for y in words)

    return found(a[0], words_b) and found(b[0], words_a)


def numbers(text: str) -> frozenset[float]:
    """Numbers in ``text``, written in digits or words (ordinals count as their number)."""
    found = {float(m.group().replace(",", "")) for m in _DIGITS.finditer(text)}
    found |= {float(_NUMBER_WORDS[w]) for w in _WORD.findall(text.lower()) if w in _NUMBER_WORDS}
    return frozenset(found)


def _compatible(a: frozenset[float], b: frozenset[float]) -> bool:
    """Both sets empty-or-overlapping: one side saying nothing is no contradiction."""
    return not a or not b or bool(a & b)


def agree(a: str, b: str, common: frozenset[str] = frozenset()) -> bool:
    """Whether sentences ``a`` and ``b`` agree on the names and the numbers they give.

    ``common``: words the corpus writes in lower case (``lowercase_words``).
    """
    return _names_agree(names(a, common), names(b, common)) and _compatible(numbers(a), numbers(b))
