"""Mentions to speakers: names, pronouns, roles and bodies resolved against the article so far."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from analysis.knowledge.derive.entities import ORGANISATION_WORDS, is_title
from analysis.voices.cues import (
    ADVERBIAL_LEAD,
    BODY_NOUNS,
    CONTINUING_CUES,
    CUE_WORDS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    GENERIC_NOUNS,
    HONORIFIC,
    NAME_PARTICLES,
    ORGANISATION_NOUNS,
    PARTY_EPITHET,
    PERSON_OF_BODY,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    PRONOUNS,
    ROLE_NOUNS,
    SENTENCE_WORDS,
    TIME_TAIL,
    WEEKDAYS,
)
from analysis.voices.given_names import given_name_gender
from analysis.voices.kinds import names_body, names_many
from analysis.voices.marks import find_pieces, sentence_starts
from analysis.voices.phrases import (
    NAME_STOP_WORDS,
    is_np,
    last_before,
    last_segment,
    np_forward,
    organisation_name,
    role_fits,
    role_intros,
    speaker_head,
)
from analysis.voices.records import Attribution
from analysis.voices.speakers import (
    LEADING_ADJECTIVES,
    PARTY_WORDS,
    TITLES,
    SpeakerRegistry,
    merge_surnames,
)

CLASS_YEARS = frozenset(("freshman", "sophomore", "junior", "senior", "first-year"))
"""A student's year written before the name in campus papers ('Sophomore Mia Cole')."""
SPEAKS_FOR = re.compile(
    r"(.+?)['’]s\s+(?:office|announcement|statement|letter|memo|website)"
    r"(?:\s+(?:now|also|then|later))?$"
)
"""A speaker's office or statement, whose words are the speaker's (like 'X's spokeswoman')."""
DOCUMENT_BY = re.compile(
    r"(?:an?|the)\s+(?:[\w\-]+\s+)?(?:article|report|study|letter|statement|editorial|column"
    r"|analysis|piece|memo|email)\s+(?:by|from)\s+(?:the\s+)?(?:[a-z]+\s+)?"
    r"(?:[A-Z][\w.’'\-]*\s+){0,4}[A-Z][\w.’'\-]*"
)
"""A document and its author as a subject: 'an article from the libertarian Cato Institute'."""
ADDRESSED = re.compile(
    r"(?:(?:an?|the|his|her|its|their)\s+)?(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*\s+to\s+\S"
)
"""Words addressed to someone, who did not say them: 'disclosures to the Federal Election
Commission', 'a letter to Congress'."""
INDEFINITE = frozenset(("a", "an", "one", "another"))
"""Words opening a mention of someone not named: 'a Republican', 'One Democrat'."""


class Mentions:
    """The state of one extraction: named persons so far, for carrying pronouns."""

    def __init__(
        self,
        text: str,
        paragraphs: Sequence[tuple[int, int]],
        registry: SpeakerRegistry,
        published: str = "",
        outlet: str = "",
    ) -> None:
        self.text = text
        self.published = published
        self.outlet = registry.resolve(outlet) or outlet if outlet else ""
        self.paragraphs = [(s, e) for s, e in paragraphs if e > s]
        self.registry = registry
        self.named: list[tuple[int, str]] = []  # (position, person) outside quotes
        self.subjects: list[tuple[int, str]] = []  # persons opening a sentence or speaking
        self.speaking: list[tuple[int, str]] = []  # (cue position, speaker) of each attribution
        self.unnamed: list[int] = []  # cue positions of unnamed persons ('a spokesman said')
        self.genders: dict[str, str] = {}  # "he" or "she", where the text shows it
        self.titled: dict[str, str] = {}  # the genders honorifics show ('Mr.', 'Ms.')
        self.full_names: dict[str, str] = {}
        self.intros = role_intros(text)
        self._intro_starts = [p for p, _, _ in self.intros]
        self._starts = [s for s, _ in self.paragraphs]
        self._sentence_cache: dict[int, list[int]] = {}
        self.pieces = find_pieces(text, self.paragraphs)
        self._piece_starts = [p.start for p in self.pieces]

    def _subject(
        self,
        sentence_start: int,
        cue_start: int,
        cue_span: tuple[int, int] | None = None,
        cue: str | None = None,
        clause: bool = False,
    ) -> Attribution | None:
        """The noun phrase right before a cue, starting the sentence or a comma clause (with
        ``clause``, a subordinate clause too: the speaker of a quote, not of reported speech)."""
        head = speaker_head(TIME_TAIL.sub("", self.text[sentence_start:cue_start]))
        segment = last_segment(head, clause)
        if clause and segment.lower() in PRONOUNS and segment != last_segment(head):
            return self._clause_pronoun(sentence_start, cue_start, segment, cue_span, cue)
        if not (
            is_np(segment)
            or self.registry.resolve(segment)
            or SPEAKS_FOR.match(segment)
            or DOCUMENT_BY.fullmatch(segment)
        ):
            return None
        start = sentence_start + head.rfind(segment)
        found = self._resolve((start, start + len(segment)), cue_span)
        if cue is not None:
            found.cue = cue
        return found

    def _clause_pronoun(
        self,
        sentence_start: int,
        cue_start: int,
        pronoun: str,
        cue_span: tuple[int, int] | None,
        cue: str | None,
    ) -> Attribution | None:
        """'McConnell spoke when he said', 'China calls for what it calls': the pronoun of
        a clause inside the sentence stands for the sentence's subject; without one, 'he'
        or 'she' is resolved as anywhere else and 'it' or 'they' names nobody."""
        found = self._sentence_subject(sentence_start, cue_start)
        if found is None and pronoun.lower() in PERSON_PRONOUNS:
            start = sentence_start + self.text[sentence_start:cue_start].rfind(pronoun)
            found = self._resolve((start, start + len(pronoun)), cue_span)
        if found is not None:
            found.cue, found.cue_span = cue, cue_span
        return found

    def _resolve(self, span: tuple[int, int], cue_span: tuple[int, int] | None) -> Attribution:
        """Turn the words naming the speaker into a canonical speaker, or None."""
        mention = self.text[span[0] : span[1]]
        words = mention.split()
        lower = [w.lower().strip(",") for w in words]
        cue = self.text[cue_span[0] : cue_span[1]] if cue_span else None
        who = Attribution(mention, None, "none", cue, cue_span, span)
        if joint_mention(mention):
            return who  # several speakers ('X and Senator Y'), unlike 'pollster and strategist X'

        if lower[0] in PRONOUNS or PARTY_EPITHET.fullmatch(mention):
            name = None
            if lower[0] in PERSON_PRONOUNS and len(words) == 1:
                name = self._antecedent(span[0], lower[0], cue)
            elif lower[0] == "the":
                _, name = last_before(self.subjects, span[0])
            if name:
                who.speaker, who.attribution = name, "carried"
                self._spoke(cue_span, name)
            return who
        if lower[0] in ("its", "their") and len(words) > 1:
            return self._possessive(who, words)
        if ADDRESSED.match(mention):
            return who  # 'disclosures to the Federal Election Commission': not its words
        document = re.search(r"\b(?:by|from)\s+(.+)$", mention)
        if document and lower[-1] not in ROLE_NOUNS:
            owner = self._name(document.group(1))
            if owner:
                who.speaker, who.attribution = owner, "explicit"
            return who
        if (
            lower[0] == "the"
            and len(lower) in (2, 3)
            and lower[-1] in ORGANISATION_NOUNS | BODY_NOUNS
        ):
            # 'the court' after 'the Georgia Supreme Court', 'the park service' after 'the
            # National Park Service': that body speaks
            body = self._named_body(span[0], words[-1])
            if body and (len(lower) == 2 or lower[1] in body.lower().split()):
                who.speaker, who.attribution = body, "carried"
                return who
        registered = self.registry.resolve(mention)
        if registered:
            who.speaker, who.attribution = registered, "explicit"
            self._remember(span[0], registered)
            self._spoke(cue_span, registered)
            return who
        owner = SPEAKS_FOR.match(mention)
        if owner:  # 'Lofgren’s office says', 'Blackwell’s announcement said': they speak
            name = self._name(owner.group(1))
            if name:
                who.speaker, who.attribution = name, "explicit"
                self._spoke(cue_span, name)
            return who
        # a given name, then a capitalised role word: a surname ('Jennifer Banker', 'Bill
        # Bishop'), no role
        personal = len(words) == 2 and words[1][:1].isupper() and given_name_gender(mention)
        head = None if personal else self._note_unnamed(mention, cue_span)
        if head and "spokes" not in head:
            return who  # 'a senior administration official': one person, unnamed
        if not personal and (lower[-1] in ROLE_NOUNS or lower[-1].rstrip("s") in ROLE_NOUNS):
            who = self._role(who, words, lower)
            single = len(words) == 2 and lower[0] == "the" and lower[1] in PERSON_ROLES
            if not who.speaker and single and cue in CONTINUING_CUES:
                _, name = last_before(self.speaking, span[0])  # 'The secretary added, “…”'
                if name:
                    who.speaker, who.attribution = name, "carried"
            if not who.speaker:
                self._current_subject(who, lower)
            return who
        if lower[0] == "the" and _office_head(lower):
            return self._current_subject(who, lower)  # 'the former Secretary of State
        name = self._name(mention)
        if name:
            who.speaker, who.attribution = name, "explicit"
            self._remember(span[0], name)
            self._spoke(cue_span, name)
        return who

    def _named_body(self, position: int, noun: str) -> str | None:
        """The last body named before ``position`` with ``noun`` as its last word ('Georgia
        Supreme Court' for 'the court'), within the 3,000 characters before, or None."""
        window = self.text[max(0, position - 3000) : position]
        pattern = rf"((?:[A-Z][\w.’'\-]*[ \t]+){{1,4}}){noun.capitalize()}\b"
        names = [m.group(1).split() for m in re.finditer(pattern, window)]
        if names:  # 'USA TODAY The Supreme Court' after a byline: the name after 'The'
            articles = [i for i, word in enumerate(names[-1]) if word in ("The", "A", "An")]
            names[-1] = names[-1][articles[-1] + 1 :] if articles else names[-1]
        if not names or not names[-1] or opens_sentence(names[-1]):
            return None
        return " ".join([*names[-1], noun.capitalize()])

    def _current_subject(self, who: Attribution, lower: list[str]) -> Attribution:
        """'The speaker refused …', 'the former Secretary of State speculated': an office
        nobody in the excerpt was introduced with stands for the discourse's current subject
        (the person the last sentences are about), when nobody else was named since. Roles
        of people who speak for others or about them ('the spokesman', 'the analyst') and
        roles of the other gender are never carried."""
        head = _office_head(lower)
        if not head or head in OTHER_VOICES or who.mention_span is None:
            return who
        position = who.mention_span[0]
        at, name = last_before(self.subjects, position)
        if not name or position - at > 600 or self._unnamed_since(at, position):
            return who
        name = re.sub(r"['’]s$", "", name)  # 'Mike Pence’s comments …': Mike Pence
        named_at, last_named = self._last_named_before(position)
        if named_at > at and last_named != name:
            return who
        mentions = len({p for p, n in self.subjects if n == name and p < position})
        roles = [role for _, role, n in self.intros if self._same_person(n, name)]
        if mentions < 2 or (roles and not role_fits(";".join(roles), lower[1:])):
            return who  # said once, or introduced with another role ('Vice President X')
        who.speaker, who.attribution = name, "carried"
        self._spoke(who.cue_span, name)
        return who

    def _same_person(self, intro_name: str, speaker: str) -> bool:
        full = self.registry.resolve(intro_name) or self.full_names.get(intro_name.lower())
        return (full or intro_name) == speaker

    def _antecedent(self, position: int, pronoun: str, cue: str | None) -> str | None:
        """Whom 'he' or 'she' stands for: the discourse's current speaker, not the last name.

        'added' and 'continued' keep the speaker of the last attribution; otherwise
        the last person who spoke or opened a sentence, before any person merely
        mentioned ('accused Obama', 'Mr. Trump's approach'). A person the text
        shows to be of the other gender (Mr., Ms., a given name, an earlier 'she') is skipped.
        """
        fits = [
            (at, name)
            for at, name in self.speaking
            if at < position and self._gender(name, pronoun) == pronoun
        ]
        if cue in CONTINUING_CUES and fits:
            return None if self._unnamed_since(fits[-1][0], position) else fits[-1][1]
        for candidates in (self.subjects, self.named):
            index = bisect.bisect_left(candidates, (position, ""))
            for at, name in reversed(candidates[max(0, index - 40) : index]):
                if self._gender(name, pronoun) == pronoun:
                    if self._unnamed_since(at, position):
                        return None  # 'A spokesman told Reuters … “…,” he said': nobody named
                    self.genders.setdefault(name, pronoun)
                    return name
        return None

    def _gender(self, name: str, default: str) -> str:
        """The pronoun of a person: as an honorific shows it, else as a given name does
        ('Donald Trump' is a 'he'), else as an earlier pronoun did, else ``default``; a
        body ('The Hill', 'Associated Press': 'The' or a body's word last) is an 'it'."""
        if name.startswith("The ") or names_body(name.split()[-1]) or re.search(r" \d", name):
            return "it"
        if name in self.titled:
            return self.titled[name]
        return given_name_gender(name) or self.genders.get(name, default)

    def _note_unnamed(
        self, mention: str, cue_span: tuple[int, int] | None, anyone: bool = False
    ) -> str | None:
        """The role of an unnamed person ('a spokesman for the mission'), who becomes the
        current speaker when the mention attributes words; None for any other mention.
        With ``anyone``, any singular noun names one ('One survivor', 'Her father')."""
        lower = mention.lower().split()
        head = re.split(r"\s+(?:for|of|at|in|with|from)\s+", " ".join(lower))[0].split()[-1]
        person = head in PERSON_ROLES or head == "official"
        if anyone:
            plain = not head.endswith("s") and head not in DOCUMENT_NOUNS | ROLE_NOUNS
            person = (person or plain) and lower[0] in ("a", "an", "one", "his", "her", "another")
        elif lower[0] not in ("a", "an"):
            person = False
        if not person:
            return None
        if cue_span and cue_span[0] not in self.unnamed:
            bisect.insort(self.unnamed, cue_span[0])
        return head

    def _unnamed_since(self, start: int, end: int) -> bool:
        """Whether an unnamed person ('a spokesman', 'an official') spoke between the two."""
        index = bisect.bisect_right(self.unnamed, start)
        return index < len(self.unnamed) and self.unnamed[index] < end

    def _spoke(self, cue_span: tuple[int, int] | None, name: str) -> None:
        """Record an attribution: its speaker is the current speaker from here on."""
        if cue_span and self.registry.is_person(name):
            bisect.insort(self.speaking, (cue_span[0], name))

    def _role(self, who: Attribution, words: list[str], lower: list[str]) -> Attribution:
        """'the Chinese leader': the last named person whose registered role fits and is
        evidenced: the article names them with it, or their ``from``/``to`` dates hold
        the article's date. "the president" in 2013 is not the 2021 president."""
        if lower[0] == "the" and lower[-1] not in DOCUMENT_NOUNS and len(words) <= 4:
            content = [w for w in lower[1:] if w not in DETERMINERS]
            position = who.mention_span[0]
            before = bisect.bisect_left(self._positions, position)
            for _, name in reversed(self.named[max(0, before - 30) : before]):
                if role_fits(self.registry.role(name), content) and (
                    self.registry.held_role_on(name, self.published)
                    or self._introduced_as(name, content, position)
                ):
                    who.speaker, who.attribution = name, "carried"
                    return who
            name = self._introduced(who.mention_span[0], content)
            if name:
                who.speaker, who.attribution = name, "carried"
                return who
        if lower[-1] in GENERIC_NOUNS:
            return who  # 'U.S. officials': a group, not the government
        owner = re.match(
            r"(.+?)['’]s\s+(?:[\w\-]+\s+)?spokes(?:man|woman|person)$", who.mention or ""
        )
        if owner and self._name(owner.group(1)):  # 'Smith’s spokeswoman' speaks for Smith
            who.speaker, who.attribution = self._name(owner.group(1)), "explicit"
            return who
        for _, _, org in self.registry.find(who.mention or ""):
            if not self.registry.is_person(org):
                who.speaker, who.attribution = org, "explicit"
                return who
        named = organisation_name(words, lower)
        if named:
            who.speaker, who.attribution = named, "explicit"
        return who

    def _introduced(self, position: int, content: list[str]) -> str | None:
        """The last person introduced with the role: 'House Speaker Jim Calder' for 'the speaker'.

        Only the last one introduced with that head noun is tried, and every
        other word of the mention must be in the introduction: precision first.
        """
        if not content or content[-1] not in PERSON_ROLES:
            return None
        index = bisect.bisect_left(self._intro_starts, position)
        for _, role, name in reversed(self.intros[max(0, index - 30) : index]):
            if re.search(rf"\b{content[-1]}$", role):
                if role_fits(role, content):
                    registered = self.registry.resolve(name)
                    return registered or self.full_names.get(name.lower(), name)
                return None
        return None

    def _introduced_as(self, speaker: str, content: list[str], position: int) -> bool:
        """Whether the article names ``speaker`` with a role that fits, before ``position``."""
        index = bisect.bisect_left(self._intro_starts, position)
        return any(
            role_fits(role, content)
            and (self.registry.resolve(name) or self.full_names.get(name.lower(), name)) == speaker
            for _, role, name in self.intros[:index]
        )

    def _possessive(self, who: Attribution, words: list[str]) -> Attribution:
        """'its foreign ministry': resolved only if the sentence's subject owns a registered one."""
        start = self._sentence_start(who.mention_span[0])
        owner = self._sentence_subject(start, who.mention_span[0])
        if owner and owner.speaker and not self.registry.is_person(owner.speaker):
            body = " ".join(words[1:])
            for base in (owner.mention, owner.speaker):
                found = self.registry.resolve(f"{base}'s {body}")
                if found:
                    who.speaker, who.attribution = found, "carried"
                    return who
        return who

    def _sentence_subject(self, start: int, limit: int) -> Attribution | None:
        """The subject opening the sentence, after an adverbial lead: 'When …, the White House …'.

        Joint subjects ('X and Y are …') give a mention without a speaker.
        """
        lead = ADVERBIAL_LEAD.match(self.text, start, limit)
        begin = lead.end() if lead else start
        pronoun = re.match(r"(?:he|she|it|they|we)\b", self.text[begin:limit], re.IGNORECASE)
        span = (begin, begin + pronoun.end()) if pronoun else np_forward(self.text, begin, limit)
        if not span:
            return None
        follow = self.text[span[1] : limit]
        aside = re.match(
            r",\s+(?:(?:a|an|the|his|her)\s[^,;:—“”\"]{1,60}|[DRI]-[A-Z][\w.]*|\d{1,3}),(?=\s+[a-z])",
            follow,
        )
        if aside:  # 'Nancy Pelosi, D-Calif., also lied', 'Meg Brady, a nurse, said'
            follow = follow[aside.end() :]
        if re.match(r"\s+(?:and|&)\s", follow):
            return Attribution(self.text[span[0] : span[1]], mention_span=span)
        if (
            not re.match(r"\s+[a-z]", follow)
            or re.match(r"\s+(?:of|for|in|at|from|with|who|which|that|to|on|by|after)\b", follow)
            or re.search(r"[:;—]", follow)
            or self.text[span[1] - 3 : span[1]] == "ing"
            or self.text[span[1] - 2 : span[1]] in ("’s", "'s")
        ):
            return None  # not the subject of the whole sentence ('Moments after …', 'Exiting …')
        return self._resolve(span, None)

    def _name(self, mention: str) -> str | None:
        """A person's name from the capitalised words at the end of a mention."""
        registered = self.registry.resolve(mention)
        if registered:
            return registered
        member = PERSON_OF_BODY.match(mention)
        if member:
            mention = member.group(1)  # 'Evan Price of the Red Cross': the person speaks
        tokens = re.findall(r"[\w’'.\-]+", re.split(r"['’]s\s+", mention)[-1])
        name: list[str] = []
        for index in range(len(tokens) - 1, -1, -1):
            token = tokens[index]
            bare = token.strip(".").lower()
            if (bare in ("of", "for") or token in NAME_PARTICLES) and name:
                name.insert(0, token)
                continue
            if not name and bare in POSTNOMINALS and index:
                continue  # 'Mike Hookem MEP', 'Jane Holt MP': a title written after the name
            if name and _channel_number(tokens, index):
                name.insert(0, token)  # 'Fox 35 Orlando', 'WFTV 9 News': a broadcaster's name
                continue
            if not token[:1].isupper() or is_title(bare) or re.fullmatch(WEEKDAYS, token):
                break
            name.insert(0, token)
        indefinite = len(name) >= len(tokens) - 1 and tokens[0].lower() in INDEFINITE
        before = [t.lower() for t in tokens[: len(tokens) - len(name)][-2:]]
        after_role = len(name) >= 4 and name[0].lower() in ("of", "for")
        after_role = after_role or (len(name) >= 3 and before in (["to", "the"], ["of", "the"]))
        while name and (
            is_title(name[0])
            or name[0].lower() in PERSON_ROLES
            or name[0].lower() in ("of", "for")
            or (name[0].lower() in LEADING_ADJECTIVES and not names_body(" ".join(name)))
        ):
            name.pop(0)  # 'Pollster Richard Czuba', 'Coach Dana Ruiz', 'Current ICE' (not
            # 'Current Population Survey', a body's own name)
        if len(name) >= 3 and name[0].lower() in CLASS_YEARS:
            name.pop(0)  # 'Junior Adam Lemon said': a student's year, not 'Junior Seau'

        if after_role and len(name) >= 3 and not {"of", "for"} & {n.lower() for n in name}:
            # 'representative for Iran Brian Hook', 'Director of National Intelligence James
            # Clapper', 'Ambassador to the United Nations Nikki Haley': the place, then the person
            name = name[-3:] if re.fullmatch(r"[A-Z]\.", name[-2]) else name[-2:]
        while name and opens_sentence(name):
            name.pop(0)  # sentence words: 'However', 'Some', 'While Mueller', 'No. Barr'
        if indefinite:
            return None  # 'a Republican', 'One New Hampshire Democrat': nobody named
        head = name[: name.index("of")] if "of" in name[1:] else []
        bare = len(head) == 1 and not re.search(rf"[A-Z][a-z]+ {re.escape(head[0])}\b", self.text)
        if head and not bare and not ORGANISATION_WORDS & {n.lower().strip(".") for n in head}:
            name = head  # 'Lisa Murkowski of Alaska', 'DeMoro of Sanders' (a RoseAnn DeMoro
            # was named); not 'Voice of America'
        if name and names_many(name[-1]):
            return None  # 'Republicans said', 'Senate Democrats said': a group, not a person
        if len(name) == 1 and name[0].lower() in PARTY_WORDS:
            return None  # 'this Republican', 'Democratic': a party's word names nobody
        offices = TITLES | ROLE_NOUNS  # 'Director-General' is an office of two
        titled = [i for i, n in enumerate(name) if set(n.lower().split("-")) <= offices]
        if len(name) > 3 and titled and not {"of", "for"} & {n.lower() for n in name}:
            name = name[titled[-1] + 1 :]  # 'Trump Campaign Manager Brad Parscale'
        if not name or len(name) > 5:
            return None
        full = " ".join(name)
        if full.lower() in ("the", "a"):
            return None
        if len(name) == 1:
            return self.full_names.get(full.lower(), full)
        return full

    def _remember(self, position: int, name: str) -> None:
        if not self.registry.is_person(name):
            return
        self._note_gender(position, name)
        if " " in name:
            self.full_names.update(
                {k.lower(): v for k, v in merge_surnames([name, name.split()[-1]]).items()}
            )
        index = bisect.bisect(self._positions, position)
        self._positions.insert(index, position)
        self.named.insert(index, (position, name))
        bisect.insort(self.subjects, (position, name))

    def _note_gender(self, position: int, name: str) -> None:
        """'Mr. Baker' is a 'he', 'Ms. Lee' a 'she': the first honorific seen decides."""
        honorific = HONORIFIC.search(self.text, max(0, position - 6), position + 5)
        if honorific and name not in self.titled:
            self.titled[name] = "he" if honorific.group(1) == "Mr" else "she"
            self.genders.setdefault(name, self.titled[name])

    def _last_named_before(self, position: int) -> tuple[int, str | None]:
        return last_before(self.named, position)

    # -- sentences -----------------------------------------------------------------

    def _paragraph_of(self, position: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._starts, position) - 1
        return self.paragraphs[max(index, 0)]

    def _sentence_start(self, position: int) -> int:
        """Start of the outlet's sentence holding ``position`` (quoted text is skipped)."""
        starts = self._sentences(position)
        return starts[bisect.bisect_right(starts, position) - 1]

    def _sentence_end(self, position: int) -> int:
        starts = self._sentences(position)
        index = bisect.bisect_right(starts, position)
        return starts[index] if index < len(starts) else self._paragraph_of(position)[1]

    def _sentences(self, position: int) -> list[int]:
        """Sentence starts of the paragraph holding ``position``, computed once per paragraph."""
        start, end = self._paragraph_of(position)
        if start not in self._sentence_cache:
            first = bisect.bisect_left(self._piece_starts, start)
            last = bisect.bisect_right(self._piece_starts, end)
            found = sentence_starts(self.text, start, end, self.pieces[first:last])
            self._sentence_cache[start] = [start, *found]
        return self._sentence_cache[start]


OTHER_VOICES = frozenset(
    """spokesman spokeswoman spokesperson aide adviser advisor lawyer attorney analyst expert
    researcher professor economist strategist pollster consultant operative correspondent
    reporter journalist columnist historian commentator scientist official""".split()
)
"""Roles of people who speak for someone else or about them: never the current subject."""


POSTNOMINALS = frozenset(("mp", "mep", "qc", "kc", "msp"))
"""Titles written after a name in British style."""


def _channel_number(tokens: list[str], index: int) -> bool:
    """Whether ``tokens[index]`` is a channel's number inside a name ('Fox 35 Orlando')."""
    token = tokens[index]
    before = tokens[index - 1] if index else ""
    return token.isdigit() and len(token) <= 3 and before[:1].isupper() and not is_title(before)


def _office_head(lower: list[str]) -> str | None:
    """The person role heading a definite mention of at most five words: 'the speaker',
    'the former secretary of state' (the head before 'of'), else None."""
    words = lower[: lower.index("of")] if "of" in lower else lower
    if len(lower) > 5 or len(words) < 2 or lower[0] != "the" or words[-1] not in PERSON_ROLES:
        return None
    return words[-1]


def opens_sentence(name: list[str]) -> bool:
    """Whether a name's first word is a sentence word ('However', 'No.'), not a name's
    ('Will O’Neill'), an acronym ('US Olympic Committee') or an initial ('A. J. Delgado')."""
    first = name[0].strip(".")
    acronym = first.isupper() and len(first) > 1 and names_body(" ".join(name))
    if acronym or is_initials(name):
        return False  # not 'MORE', 'US First Lady …': a heading or a country before a title
    return first.lower() in SENTENCE_WORDS - NAME_STOP_WORDS or first in CUE_WORDS


def is_initials(name: list[str]) -> bool:
    """'A. J. Delgado': a name opening with two initials (not the sentence word 'A.')."""
    return len(name) > 2 and all(re.fullmatch(r"[A-Z]\.", n) for n in name[:2])


def joint_mention(mention: str) -> bool:
    """Whether a mention names several speakers: 'X and Senator Y', 'the mayor and his aides',
    'reporters as well as counsel Jo Brandt'; 'House Oversight and Government Reform Committee
    Chairman Darrell Issa' names one (the words after 'and' end in a body's word right before
    the title)."""
    joins = list(
        re.finditer(
            r"(?:\band|&)\s+(?:[A-Z]|(?:the|a|an|its|his|her|their)\b)|\bas\s+well\s+as\s+\w",
            mention,
        )
    )
    if not joins:
        return False
    after = re.findall(r"[\w.’'\-]+", mention[joins[-1].end() - 1 :])
    lower = [w.lower().strip(".") for w in after]
    title = next((i for i, w in enumerate(lower) if w in TITLES | PERSON_ROLES), None)
    return not (title and title >= 2 and lower[title - 1] in ORGANISATION_WORDS)
