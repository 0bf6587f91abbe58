"""Whether a mention of a target names the actor or only a place.

"Xi arrives in Moscow" names Moscow as where something happens, not Russia
acting; "Moscow denied" and "sanctions against Moscow" name the government.
Three rules, on the words around the mention only (no tagger, no names):

location
    Any mention that is the object of a place preposition ("in", "at",
    "near", "inside", "throughout"...) or of a motion word followed by
    "to"/"from"/"in" ("arrives in", "trip to", "returned from", "visited"),
    and is the head of its phrase: "in Moscow on Monday" is a place, "in
    Chinese state media" and "in Russia's war" are not (the mention modifies
    what follows).
place aliases
    A pattern the knowledge marks as a place that stands for the actor (a
    capital, a seat of government: the ``places`` column of ``targets.csv``)
    counts only in the role of an actor: the subject of a verb ("Moscow
    denied", "Beijing has billed"), a possessor ("Beijing's plan"), or the
    object of an act ("warned Beijing", "sanctions against Moscow", "talks
    with Kyiv"). Anywhere else ("the Moscow summit", a dateline) it is a place.
another body's name
    A mention that opens the name of a party, a newspaper, a company or another
    body that is no part of the state ("U.K. Independence Party", "China Daily",
    "Ukraine International Airlines", "Clinton Foundation") names that body, not
    the actor; a state's own bodies ("U.S. Army", "Russian Defence Ministry")
    still name it, and so does a body the target's own patterns name ("Democrat
    Party" for a target written "Democratic Party").
"""

from __future__ import annotations

import re

PLACE_PREPOSITIONS = frozenset(
    "in at inside outside near throughout across around within beyond".split()
)
ACT_PREPOSITIONS = frozenset("against on upon with by toward towards to from for over".split())
MOTION = re.compile(
    r"(?:arriv|travel|fl[eiy]|visit|trip|journey|return|went|go|goes|going|came|come|back|"
    r"land|head|mov|way|route|withdr|retreat|deport|drove|driv|sail|march|relocat|evacuat|"
    r"tour)\w*",
    re.IGNORECASE,
)  # followed by to / from / into: "arrives in" is caught by "in" itself
DIRECT_MOTION = re.compile(r"(?:visit|tour|reach|enter|left|leav|depart)\w*", re.IGNORECASE)
DETERMINERS = frozenset("the a an this that these those".split())
AUXILIARIES = frozenset(
    "has have had is are was were will would could can may might must should shall did "
    "does do says said told".split()
)
ADVERB = re.compile(r"\w+ly|also|still|again|already|now|then|not|never|quickly", re.IGNORECASE)
IRREGULAR_PAST = frozenset(
    "said told sent made took gave saw met kept held began won struck sought thought hit put "
    "set cut let brought bought led left lost paid rang ran sold spoke stood threw wrote "
    "drew drove broke chose fought found forgave froze hid knew laid meant rose shut swore "
    "tore understood withdrew".split()
)
NOT_VERBS = frozenset("its his this was has is us as yes plus thus news series".split())
NON_STATE_HEADS = frozenset(
    "party times post news daily today journal herald tribune telegraph gazette airlines "
    "airways university college institute foundation society club league federation "
    "association company corporation corp inc group industries holdings motors chamber "
    "open cup".split()
)
"""Words that end the name of a body apart from the state whose name opens it."""
_WORD = re.compile(r"[A-Za-z][\w'’-]*|[^\w\s]")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _looks_like_verb(word: str) -> bool:
    """A finite verb by its form: an auxiliary, a past tense (-ed, irregular) or a third
    person -s."""
    w = word.lower()
    if w in AUXILIARIES or w in IRREGULAR_PAST:
        return True
    if w in NOT_VERBS or not w.isalpha():
        return False
    return w.endswith("ed") or (w.endswith("s") and not w.endswith(("ss", "us", "is")))


def _modifies_next(after: list[str]) -> bool:
    """Whether the mention modifies the words after it ("Chinese state media", "Russia's")."""
    if not after:
        return False
    first = after[0].lower()
    if first in ("'", "’"):
        return True  # a possessive: "Russia's war"
    return (
        first.isalpha()
        and first not in PLACE_PREPOSITIONS | ACT_PREPOSITIONS
        and (
            first not in {"and", "or", "but", "where", "when", "which", "that", "who", "as"}
            and not _looks_like_verb(first)
            and not ADVERB.fullmatch(first)
        )
    )


def opens_other_body(after: str, own: frozenset[str] = frozenset()) -> bool:
    """Whether the capitalised words right after a mention make it another body's name.

    ``own`` are the target's own words: "Democrat Party" still names a target
    whose patterns say "Democratic Party".
    """
    for word in _words(after)[:5]:
        if word in ("&", "of"):
            continue
        if not word[0].isupper():
            return False
        if word.lower() in NON_STATE_HEADS - own:
            return True
    return False


def is_location(before: str, after: str) -> bool:
    """Whether a mention between the texts ``before`` and ``after`` names a place only."""
    prev = [w.lower() for w in _words(before)[-3:]]
    while prev and prev[-1] in DETERMINERS:
        prev.pop()
    if not prev or _modifies_next(_words(after)[:2]):
        return False
    last = prev[-1]
    if last in PLACE_PREPOSITIONS:
        return True
    motion = len(prev) > 1 and MOTION.fullmatch(prev[-2])
    if last in ("to", "from", "into") and motion:
        return True
    return bool(DIRECT_MOTION.fullmatch(last))  # "visited Moscow", "left Kyiv"


def acts(before: str, after: str) -> bool:
    """Whether a place alias stands for its government: subject, possessor or object of an act."""
    prev = [w.lower() for w in _words(before)[-2:]]
    nxt = _words(after)[:4]
    if after.startswith(("'s", "’s")):
        return True
    verbs = [w for w in nxt if not ADVERB.fullmatch(w)]
    verb = verbs[0].lower() if verbs else ""
    after_determiner = bool(prev) and prev[-1] in DETERMINERS
    bare = after_determiner and verb not in AUXILIARIES and verb.endswith("s")
    # after "the", a bare -s form is a noun more often ("the Moscow talks")
    if _looks_like_verb(verb) and not bare and not (prev and prev[-1] in PLACE_PREPOSITIONS):
        return True
    if not prev:
        return False
    last = prev[-1]
    if last in ACT_PREPOSITIONS:
        return not (len(prev) > 1 and MOTION.fullmatch(prev[-2]))
    return _looks_like_verb(last) and not DIRECT_MOTION.fullmatch(last)
