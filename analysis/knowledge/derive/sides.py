"""The side each speaker speaks for, read from what the text says about them.

A side comes from the words around a speaker's name, in this order of
precedence:

party
    "Republican Sen. John Cornyn", "Cornyn (R-Texas)", "Manchin, the West
    Virginia Democrat";
government or country
    "a Kremlin spokesman", "Chinese foreign ministry spokesman Wang Wenbin",
    "a White House official" (the story-independent actors of
    ``analysis/defaults/actors.csv``);
analyst or academic
    "James Thurber, a professor of government", "a fellow at the Brookings
    Institution";
media
    "a columnist", "the host of";
organisation
    "NRA spokesman Andrew Arulanandam", "the NRA's Chris Cox", "Jon Carson,
    executive director of OFA": the side is the organisation's name, as the
    corpus's entities merge it ("National Rifle Association").

Otherwise the speaker is Unaffiliated. Every side keeps the phrase that
gave it (``evidence``), and the sides a corpus gets are only those its text
shows: parties on a US story, countries on a diplomatic one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analysis.knowledge.derive.actors import Actor, alias_index, load_actors
from analysis.knowledge.derive.entities import ORGANISATION_WORDS, Entities
from analysis.voices.given_names import GENDER_OF

UNAFFILIATED = "Unaffiliated"
ANALYST = "Analyst"
MEDIA = "Media"
SIDE_COLUMNS = ["speaker", "affiliation", "evidence", "quotes"]

_ROLE = (
    r"(?i:spokes(?:man|woman|person)|officials?|ministers?|ministry|president|premier|"
    r"ambassador|envoy|diplomats?|leaders?|government|authorities|secretary|adviser|advisor|"
    r"aides?|lawmakers?|senator|chief|head|chairman|chairwoman|director|executive|CEO|"
    r"lobbyist|lawyer|attorney|founder|counsel|commissioner|administrator|representative|"
    r"press secretary|state media|news agency|prime minister|foreign minister|member|chair|"
    r"partner|owner|manager|organizer|organiser|coordinator|policy counsel)"
)
_ANALYST = re.compile(
    r"\b(?:professor|analyst|researcher|economist|scholar|fellow|expert|historian|"
    r"political scientist|think tank|academic|lecturer|strategist|pollster|university|"
    r"institute for|studies)\b",
    re.IGNORECASE,
)
_MEDIA = re.compile(
    r"\b(?:journalist|reporter|columnist|editor|anchor|host|correspondent|commentator|"
    r"pundit|blogger|broadcaster|talk radio)\b",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(r"^\s*(?:,|\(|—|–)\s*([^,;()—–.]{3,90})")
_ORG_AFTER = re.compile(
    rf"{_ROLE}\b[\w\s-]{{0,30}}?\b(?:of|at|for|with)\s+(?:the\s+)?((?:[A-Z][\w&.'’-]*)"
    r"(?:\s+(?:of|for|the|and|on)?\s*[A-Z][\w&.'’-]*)*)"
)
_ORG_BEFORE = re.compile(
    rf"((?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*)*?)(?:['’]s)?\s+{_ROLE}\b[\w\s.-]*$"
)
_LEADS = re.compile(
    r"\bwho (?:leads|heads|runs|chairs|directs|founded|represents|owns)\s+(?:the\s+)?"
    r"((?:[A-Z][\w&.'’-]*)(?:\s+(?:of|for|the|and)?\s*[A-Z][\w&.'’-]*)*)"
)
_POSSESSOR = re.compile(r"(?:the\s+)?((?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*)*)['’]s\s+$")
_POSSESSOR_ROLE = re.compile(
    rf"^(?:the\s+)?((?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*)*)['’]s\s+(?:\w+\s+){{0,2}}{_ROLE}\b"
)
"""An appositive opened by its body's possessive: 'X, Nike's vice president of branding for
North America' speaks for Nike, not North America."""


_NAME_RUN = r"(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w.’'-]*"
"""Capitalised words only (titles, names) up to the end: "Republican Sen. John Cornyn"."""


MIN_SHARE = 0.1
"""A side needs evidence in at least this share of a speaker's contexts: one stray
phrase among fifty mentions ("gun shows, Internet President Obama") is no evidence."""


def derive_sides(
    quotes: pd.DataFrame,
    texts: Mapping[str, str],
    entities: Entities | None = None,
    actors: tuple[Actor, ...] | None = None,
) -> pd.DataFrame:
    """One row per quoted speaker: its side, the phrase that shows it, its quotes.

    ``quotes`` has the columns of the quotes table (speaker, speaker_mention,
    article_id, mention_start, mention_end); ``texts`` maps article ids to text.
    """
    rules = _Rules.of(
        load_actors() if actors is None else actors,
        _organisation_names(entities),
        _speaking_bodies(entities),
    )
    votes: dict[str, Counter[tuple[int, str]]] = defaultdict(Counter)
    contexts: Counter[str] = Counter()
    evidence: dict[tuple[str, str], str] = {}
    known = quotes.dropna(subset=["speaker"])
    for article_id, spans in _mention_spans(known, texts).items():
        text = texts.get(article_id, "")
        for speaker, before, mention, after in _contexts(spans, text):
            contexts[speaker] += 1
            found = rules.side(speaker, before, mention, after)
            if found:
                rank, side, phrase = found
                votes[speaker][(rank, side)] += 1
                evidence.setdefault((speaker, side), phrase)
    rows = []
    for speaker, count in known.groupby("speaker").size().items():
        best = min(votes[speaker].items(), key=lambda kv: (-kv[1], kv[0][0]), default=None)
        if best and best[1] >= MIN_SHARE * contexts[speaker]:
            side = best[0][1]
            rows.append((speaker, side, evidence[(speaker, side)], int(count)))
        else:
            rows.append((speaker, UNAFFILIATED, "", int(count)))
    return pd.DataFrame(rows, columns=SIDE_COLUMNS)


def _speaking_bodies(entities: Entities | None) -> frozenset[str]:
    """Names (every variant) of the entities that speak for themselves: organisations,
    parties, countries, and names of unknown kind that are not shaped like a person's ('Nike',
    'USA Today'; not 'Mark Cuban', 'CEO Doug McMillon', 'H.R. McMaster')."""
    if entities is None or entities.table.empty:
        return frozenset()
    table = entities.table
    named = (table["kind"] == "name") & ~table["entity"].map(_person_shaped)
    speaking = table[table["kind"].isin(("organisation", "party", "country")) | named]
    return frozenset(
        v for e, variants in zip(speaking["entity"], speaking["variants"]) for v in (e, *variants)
    )


def _person_shaped(name: str) -> bool:
    """A given name before the last word, or initials first: a person's name, not a body's."""
    words = name.split()
    if set(name.lower().split()) & ORGANISATION_WORDS:
        return False
    return bool(_INITIALS.match(name)) or any(w.lower().strip(".") in GENDER_OF for w in words[:-1])


_INITIALS = re.compile(r"(?!U\.[SNK]\.)(?:[A-Z]\.){1,3}\s")
"""Initials opening a name ('H.R. McMaster'), not a country's ('U.S. Chamber')."""


def _organisation_names(entities: Entities | None) -> dict[str, str]:
    """Every variant of an entity that is not a person, and the entity's name."""
    if entities is None or entities.table.empty:
        return {}
    orgs = entities.table[entities.table["kind"] != "person"]
    return {v: e for e, variants in zip(orgs["entity"], orgs["variants"]) for v in (e, *variants)}


def _mention_spans(
    quotes: pd.DataFrame, texts: Mapping[str, str]
) -> dict[str, dict[str, set[tuple[int, int]]]]:
    """Per article, per speaker, the spans of its attributions' mentions and of every
    occurrence of its surname in the article: one search per article for all its
    speakers' surnames (each apart only when one surname holds another)."""
    found: dict[str, dict[str, set[tuple[int, int]]]] = {}
    starts, ends = quotes["mention_start"].to_numpy(), quotes["mention_end"].to_numpy()
    for article_id, speaker, start, end in zip(
        quotes["article_id"], quotes["speaker"], starts, ends, strict=True
    ):
        own = found.setdefault(article_id, {}).setdefault(speaker, set())
        if pd.notna(start) and pd.notna(end) and end:
            own.add((int(start), int(end)))
    for article_id, speakers in found.items():
        text = texts.get(article_id, "")
        by_surname: dict[str, list[str]] = defaultdict(list)
        for speaker in speakers:
            by_surname[speaker.split()[-1]].append(speaker)
        surnames = sorted(by_surname, key=len, reverse=True)
        inside = any(a != b and b in a for a in surnames for b in surnames)
        groups = [[s] for s in surnames] if inside else [surnames]
        for group in groups:
            pattern = "|".join(re.escape(s) for s in group)
            for match in re.finditer(rf"\b(?:{pattern})\b", text):
                for speaker in by_surname[match.group()]:
                    speakers[speaker].add(match.span())
    return found


def _contexts(spans: Mapping[str, set[tuple[int, int]]], text: str):
    """(speaker, before, mention, after) around each of a speaker's ``spans``, in order."""
    for speaker, own in spans.items():
        for start, end in sorted(own):
            yield speaker, text[max(0, start - 60) : start], text[start:end], text[end : end + 100]


@dataclass(frozen=True)
class _Rules:
    """The side rules, compiled once for a corpus's actors and organisations."""

    by_alias: dict[str, Actor]
    organisations: dict[str, str]
    bodies: frozenset[str]
    party_before: re.Pattern[str]
    party_after: re.Pattern[str]
    party_tag: re.Pattern[str]
    tags: dict[str, str]
    government: re.Pattern[str] | None

    @classmethod
    def of(
        cls, actors: tuple[Actor, ...], organisations: dict[str, str], bodies: frozenset[str]
    ) -> _Rules:
        by_alias = alias_index(actors)
        parties = [a for a in actors if a.kind == "party"]
        names = _alternation(n for a in parties for n in a.names)
        others = _alternation(alias for alias, a in by_alias.items() if a.kind != "party")
        return cls(
            by_alias,
            organisations,
            bodies,
            re.compile(rf"\b({names})\s+{_NAME_RUN}$"),
            re.compile(rf"(?:an?\s+|the\s+)?(?:[A-Z][\w.-]*\s+){{0,3}}({names})\b"),
            re.compile(r"\s*,?\s*\(?\s*([A-Z])-[A-Z]"),
            {tag[0]: a.side for a in parties for tag in a.tags},
            re.compile(rf"\b({others})(?:['’]s)?\s+(?:\w+\s+){{0,2}}{_ROLE}\b") if others else None,
        )

    def side(self, speaker: str, before: str, mention: str, after: str):
        """(precedence, side, evidence phrase) from one context, or None."""
        bare = re.sub(r"\s+(?:Corp|Inc|Co|Ltd|LLC)\.?$", "", re.sub(r"^(?:[Tt]he)\s+", "", speaker))
        if bare in self.by_alias:
            return 0, self.by_alias[bare].side, speaker
        if bare in self.organisations and bare in self.bodies:
            return 0, self.organisations[bare], speaker  # a body speaks for itself
        lead = " ".join(re.split(r"[.!?;:\"“”]\s", before)[-1].split()[-4:])
        appositive = _APPOSITIVE.match(after)
        tail = appositive.group(1) if appositive else ""
        phrase = f"{lead} {mention}{after[: len(tail) + 3] if tail else ''}".strip()
        tag = self.party_tag.match(after)
        if tag and tag.group(1) in self.tags:
            return 1, self.tags[tag.group(1)], f"{mention}{after[:12]}".strip()
        party = self.party_before.search(f"{lead} {mention}") or self.party_after.match(tail)
        if party:
            return 1, self.by_alias[party.group(1)].side, phrase
        context = f"{lead} {mention} {tail}"
        for match in self.government.finditer(context) if self.government else ():
            if not _inside_name(context, match.start()):
                return 2, self.by_alias[match.group(1)].side, phrase
        if _ANALYST.search(tail) or _ANALYST.search(lead):
            return 3, ANALYST, phrase
        if _MEDIA.search(tail) or _MEDIA.search(lead):
            return 4, MEDIA, phrase
        organisation = _organisation(lead, mention, tail, self.organisations)
        if organisation:
            return 5, organisation, phrase
        return None


def _alternation(aliases) -> str:
    """Aliases as one alternation, longest first (so "White House" wins over "White")."""
    return "|".join(re.escape(a) for a in sorted(set(aliases), key=lambda a: (-len(a), a)))


def _inside_name(text: str, start: int) -> bool:
    """Whether a capitalised word (not a title) comes right before ``start``: the alias is
    then part of a longer name ("Amnesty International USA")."""
    before = text[:start].split()
    return bool(before) and before[-1][:1].isupper() and not _TITLE_WORD.match(before[-1])


_TITLE_WORD = re.compile(r"(?:Mr|Ms|Mrs|Dr|Sen|Rep|Gov|Gen|The|A|An)\.?$")


def _organisation(lead: str, mention: str, tail: str, organisations: dict[str, str]) -> str | None:
    """The organisation a role phrase names: "NRA spokesman X", "the NRA's X", "X, a Red
    Cross spokesman", "X, director of OFA", "X, who leads FEMA"."""
    prefix = f"{lead} {mention[: max(0, len(mention) - len(mention.split()[-1]))]}"
    for pattern, where in (
        (_ORG_BEFORE, prefix),
        (_POSSESSOR, f"{lead} "),
        (_POSSESSOR_ROLE, tail),
        (_ORG_BEFORE, tail),
        (_ORG_AFTER, tail),
        (_LEADS, tail),
    ):
        match = pattern.search(where)
        if match:
            name = match.group(1).strip()
            if name in organisations:
                return organisations[name]
            if name.isupper() and len(name) > 1:
                return name
    return None
