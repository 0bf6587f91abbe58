"""Speakers: who is quoted, under one canonical name, with an affiliation group.

The analyst keeps ``corpus/speakers.csv`` (``speaker,aliases,affiliation,role``,
optionally ``evidence,from,to``; aliases ``|``-separated; ``from``/``to`` the
dates, YYYY-MM-DD, between which the speaker held the role). A mention such
as "Chinese President Xi Jinping", "President Xi" or "Xi's" resolves to the
canonical speaker "Xi Jinping". Speakers not in the file keep their full name
and the affiliation "Unaffiliated"; a bare surname is merged with the full name seen in the same
article or corpus (:func:`merge_surnames`).

A row whose ``role`` starts with ``organisation`` or ``outlet`` is not a
person: pronouns ("he said") are never carried to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis.knowledge.files import Problem, merge_changes, read_numbered_table
from analysis.place_adjectives import is_place_adjective

UNAFFILIATED = "Unaffiliated"
MEDIA = "Media"
SPEAKER_COLUMNS = ("speaker", "aliases", "affiliation", "role", "evidence", "from", "to")
MAX_SIDE_LENGTH = 60
"""Sides are whatever the corpus needs (parties, countries, organisations): any short name."""
_NOT_PERSON_ROLES = ("organisation", "outlet")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sen",
        "senator",
        "rep",
        "representative",
        "gov",
        "governor",
        "president",
        "vice",
        "prime",
        "premier",
        "minister",
        "secretary",
        "chancellor",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "general",
        "gen",
        "col",
        "lt",
        "sgt",
        "adm",
        "judge",
        "justice",
        "ambassador",
        "director",
        "deputy",
        "foreign",
        "defense",
        "defence",
        "state",
        "house",
        "senate",
        "rev",
        "pope",
        "king",
        "queen",
        "prince",
        "sir",
        "lord",
        "mayor",
        "commissioner",
        "attorney",
        "speaker",
        "leader",
        "former",
        "acting",
        "interim",
        "president-elect",
    ]
)
"""Lower-cased title words dropped in front of a personal name."""
LEADING_ADJECTIVES = frozenset("current then incoming outgoing onetime longtime ex".split())
"""Adjectives written before a name or a body, no part of it: 'Current ICE policies'."""
PARTY_WORDS = frozenset("republican democrat democratic conservative liberal libertarian".split())
"""A party's adjective or member: alone ('Republican said') it names a group, never a person."""
NOT_FIRST_NAMES = TITLES | LEADING_ADJECTIVES | PARTY_WORDS | {"the", "team", "fellow"}
"""First words of no full name a surname may merge with ('The Gorsuch', 'Team Obama',
'Current ICE')."""

NAME_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))
"""Generational suffixes closing a full name ('Martin Luther King Jr.')."""
_POSSESSIVE = re.compile(r"['’]s?$")
_SPACES = re.compile(r"\s+")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_LEADING_DET = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_INITIAL = re.compile(r"[A-Z]\.?")


def mention_key(mention: str) -> str:
    """Normalise a mention for lookup: no case, determiner, possessive or extra spaces."""
    text = _SPACES.sub(" ", mention.replace("’", "'").strip(" ,.;:\"'"))
    text = _POSSESSIVE.sub("", _LEADING_DET.sub("", text))
    return text.lower()


def _is_acronym(alias: str) -> bool:
    return alias.replace(".", "").isupper()


@dataclass(frozen=True)
class Speaker:
    """A registered speaker: canonical name, aliases, affiliation group and role."""

    name: str
    aliases: tuple[str, ...] = ()
    affiliation: str = UNAFFILIATED
    role: str = ""
    since: str = ""
    until: str = ""

    @property
    def is_person(self) -> bool:
        """Whether pronouns (he, she) may refer to this speaker."""
        return not self.role.lower().startswith(_NOT_PERSON_ROLES)

    def held_role_on(self, date: str) -> bool:
        """Whether the role was the speaker's on ``date`` (YYYY-MM-DD): known only from
        ``from``/``to`` dates, so a role without them is never taken for granted."""
        if not date or not (self.since or self.until):
            return False
        return (not self.since or self.since <= date) and (not self.until or date <= self.until)


class SpeakerRegistry:
    """Resolves mentions to canonical speakers and speakers to affiliations."""

    def __init__(self, speakers: Iterable[Speaker] = ()) -> None:
        self.speakers: dict[str, Speaker] = {}
        self._keys: dict[str, str] = {}
        self._exact: dict[str, str] = {}
        for speaker in speakers:
            self.speakers[speaker.name] = speaker
            for alias in (speaker.name, *speaker.aliases):
                if _is_acronym(alias):
                    self._exact[alias.removeprefix("the ")] = speaker.name
                else:
                    self._keys.setdefault(mention_key(alias), speaker.name)
        self._patterns = self._compile()

    @classmethod
    def from_csv(cls, path: str | Path) -> tuple[SpeakerRegistry, list[Problem]]:
        """Load ``speakers.csv``; rows with an unknown affiliation are skipped as problems."""
        path = Path(path)
        rows, problems = read_numbered_table(path, ("speaker",), SPEAKER_COLUMNS[1:])
        speakers = []
        for line, row in rows:
            affiliation = row["affiliation"] or UNAFFILIATED
            if problem := side_problem(affiliation):
                problems.append(Problem(path.name, line, f"{problem}; row skipped"))
                continue
            aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
            dates = [row[c].strip() for c in ("from", "to")]
            if bad := [d for d in dates if d and not _DATE.fullmatch(d)]:
                message = f"{bad[0]!r} is not a date (YYYY-MM-DD); the dates are ignored"
                problems.append(Problem(path.name, line, message))
                dates = ["", ""]
            speakers.append(Speaker(row["speaker"], aliases, affiliation, row["role"], *dates))
        return cls(speakers), problems

    def _compile(self) -> tuple[re.Pattern[str], ...]:
        """Alternations of every alias, longest first: one ignoring case, one for acronyms.

        Two plain patterns instead of one with per-alias case flags keep the scan fast.
        """
        patterns = []
        for aliases, flags in (
            ([a for a in self._keys if a not in self._exact], re.IGNORECASE),
            (list(self._exact), 0),
        ):
            parts = [
                re.escape(a).replace(r"\ ", r"\s+").replace("'", "['’]")
                for a in sorted(aliases, key=len, reverse=True)
            ]
            if parts:
                patterns.append(re.compile(rf"(?<![\w.])(?:{'|'.join(parts)})(?![\w])", flags))
        return tuple(patterns)

    def resolve(self, mention: str) -> str | None:
        """The registered speaker a whole mention names, or None."""
        bare = _POSSESSIVE.sub("", mention.strip(" ,.;:").replace("’", "'"))
        bare = _LEADING_DET.sub("", bare)
        if bare in self._exact:
            return self._exact[bare]
        key = mention_key(mention)
        if key in self._keys:
            return self._keys[key]
        words = key.split()
        while words and words[0] in TITLES:
            words.pop(0)
        return self._keys.get(" ".join(words))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every registered alias in ``text`` as ``(start, end, speaker)``."""
        matches = sorted(
            (m for pattern in self._patterns for m in pattern.finditer(text)),
            key=lambda m: (m.start(), -m.end()),
        )
        found: list[tuple[int, int, str]] = []
        for match in matches:
            if found and match.start() < found[-1][1]:
                continue
            speaker = self.resolve(match.group())
            if speaker:
                found.append((match.start(), match.end(), speaker))
        return found

    def affiliation(self, speaker: str | None) -> str:
        """The affiliation group of a speaker; unregistered speakers are Unaffiliated."""
        found = self.speakers.get(speaker or "")
        return found.affiliation if found else UNAFFILIATED

    def role(self, speaker: str) -> str:
        found = self.speakers.get(speaker)
        return found.role if found else ""

    def held_role_on(self, speaker: str, date: str) -> bool:
        """Whether the registered speaker held the role on ``date`` (see :class:`Speaker`)."""
        found = self.speakers.get(speaker)
        return bool(found and found.held_role_on(date))

    def is_person(self, speaker: str) -> bool:
        """Unregistered speakers are taken to be persons (they were named like one)."""
        found = self.speakers.get(speaker)
        return found.is_person if found else True


def merge_surnames(names: Iterable[str]) -> dict[str, str]:
    """Map each one-word name to the only full name that ends with it.

    "Vaughn" merges with "Bryan Vaughn" when that is the only Vaughn seen; with two full
    names ending in "Vaughn" the surname stays unmerged. A name closed by a generational
    suffix ends with its surname too ("Monje" merges with "Carlos J. Monje Jr."), unless a
    full name without a suffix has that surname ("Trump" stays "Donald Trump"'s beside
    "Donald Trump Jr."). A full name merges with the one name that is it with middle
    initials ("Carlos A. Gimenez" is "Carlos Gimenez").
    """
    names = set(names)
    merged = _without_initials(names)
    names -= set(merged)
    full: dict[str, set[str]] = {}
    suffixed: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        if (
            len(words) < 2
            or words[0].lower().strip(".") in NOT_FIRST_NAMES
            or is_place_adjective(words[0])
        ):
            continue  # 'The Gorsuch', 'American Vorn': no full name
        full.setdefault(words[-1].lower(), set()).add(name)
        while len(words) > 2 and words[-1].lower().strip(".,") in NAME_SUFFIXES:
            words.pop()  # 'Carlos J. Monje Jr.' is a Monje
            suffixed.setdefault(words[-1].lower(), set()).add(name)
    for surname, found in suffixed.items():
        full.setdefault(surname, found)
    for name in names:
        candidates = full.get(name.lower(), set()) if " " not in name else set()
        if len(candidates) == 1:
            merged[name] = next(iter(candidates))
    return merged


def _without_initials(names: set[str]) -> dict[str, str]:
    """Each name with middle initials whose bare form is another of ``names``, when it is the
    only such ("Carlos A. Gimenez" is "Carlos Gimenez"; "John A." and "John B. Smith" are
    not "John Smith")."""
    initialed: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        bare = [w for w in words[1:-1] if not _INITIAL.fullmatch(w)]
        if len(words) > 2 and len(bare) < len(words) - 2:
            initialed.setdefault(" ".join([words[0], *bare, words[-1]]), set()).add(name)
    return {
        next(iter(found)): name
        for name, found in initialed.items()
        if name in names and len(found) == 1
    }


def canonical_speakers(
    speakers: Iterable[str | None], registry: SpeakerRegistry
) -> list[str | None]:
    """Merge surnames across a corpus; registered speakers are left as they are."""
    speakers = list(speakers)
    unregistered = {s for s in speakers if s and s not in registry.speakers}
    merged = merge_surnames(unregistered)
    return [merged.get(s, s) if s else None for s in speakers]


def story_speakers(
    speakers: Sequence[str | None], stories: Sequence[str], registry: SpeakerRegistry
) -> list[str | None]:
    """Merge each bare surname with the one full name of that surname quoted in its story
    ('Romney' in a story quoting 'Mitt Romney'); ``stories`` gives each quote's story."""
    names: dict[str, set[str]] = {}
    for speaker, story in zip(speakers, stories, strict=True):
        if isinstance(speaker, str) and speaker not in registry.speakers:
            names.setdefault(story, set()).add(speaker)
    merged = {story: merge_surnames(found) for story, found in names.items()}
    return [
        merged.get(story, {}).get(s, s) if isinstance(s, str) else None
        for s, story in zip(speakers, stories, strict=True)
    ]


def side_problem(side: str) -> str | None:
    """Why ``side`` cannot name a side (empty, too long, several lines), or None."""
    if not side.strip():
        return "empty affiliation (side)"
    if len(side) > MAX_SIDE_LENGTH or "\n" in side or "\r" in side:
        limit = MAX_SIDE_LENGTH
        return f"affiliation {side[:limit]!r}… must be one line of at most {limit} characters"
    return None


def assign_affiliation(path: str | Path, speaker: str, affiliation: str) -> None:
    """Add ``speaker`` to the speakers file, or change its affiliation; saved atomically.

    A merge: the speaker's other cells, the other rows (even ones that would not load)
    and unknown columns stay as they are."""
    if problem := side_problem(affiliation):
        raise ValueError(problem)
    change = {"speaker": speaker, "affiliation": affiliation}
    merge_changes(Path(path), {speaker: change}, SPEAKER_COLUMNS)
