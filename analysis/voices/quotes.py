"""Quotes and their speakers: whom an article quotes, in its own words or reported.

Three kinds of quote are found, each with exact offsets into the article text:

- ``full``: a clause or more in quote marks (“…”, "…", or the agency style
  ‘…’ where ’ is also the apostrophe of Xi’s and don’t);
- ``partial``: a quoted phrase inside the outlet's own sentence (called the
  trip a “journey of friendship”); scare quotes have no speaker;
- ``indirect``: reported speech without quote marks ("X said that …",
  "according to X, …", "…, X said.").

One Quote is made per paragraph piece: a quote running over several
paragraphs (an unclosed quote continued by a paragraph that opens with a
quote mark) and a quote interrupted by its attribution (“…,” he said, “…”)
give one Quote per piece, all with the same speaker.

The speaker is found by rules of English news writing, precision first: a
name or organisation next to the cue ("explicit"), or a pronoun or role
("he added", "the Chinese leader said") carried from the last named person
("carried"); a role of an unregistered person ("the attorney") is carried
only to the last person introduced with that role, and "its foreign ministry"
only when the sentence's subject owns a registered one. Persons opening a
sentence ("Meg Brady, a nurse, …") are antecedents of a later "she"; a party
epithet ("the Kentucky Republican") stands for the last such person or
speaker; a body named by its proper name ("the Commerce Department") speaks
itself. Reported speech
shares the sentence's subject ("X did Y and said …", "…, saying …") and may
be set off by commas ("…, X said, …", "X, according to Y, …"). Anything
less certain gives no speaker ("none"); the words
naming the speaker are still kept in ``speaker_mention``. "told Reuters"
makes Reuters the recipient; "per the BBC" and "according to Reuters" make
the outlet the source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.knowledge.derive.entities import ORGANISATION_WORDS, SENTENCE_OPENERS, is_title
from analysis.voices.speakers import TITLES, SpeakerRegistry, merge_surnames

KINDS = ("full", "partial", "indirect")
ATTRIBUTIONS = ("explicit", "carried", "none")


@dataclass(frozen=True)
class Quote:
    """One quote: where it is, what kind it is, and who said it.

    ``start``/``end`` delimit the quoted words without the quote marks (for
    indirect speech, the reported clause). ``speaker`` is the canonical
    speaker, or None when unknown.
    """

    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    speaker_mention: str | None
    speaker: str | None
    attribution: str
    cue_start: int | None = None
    cue_end: int | None = None
    mention_start: int | None = None
    mention_end: int | None = None


CUE_VERBS = (
    "said says say told tells added adds stressed stresses wrote writes tweeted tweets "
    "stated states noted notes warned warns argued argues insisted insists claimed "
    "claims explained explains acknowledged admitted announced declared asked asks "
    "replied responded continued concluded posted emphasized emphasised recalled "
    "suggested predicted confirmed urged cautioned argue insist warn claim note explain "
    "reiterated reiterates maintained maintains contended contends asserted asserts alleged "
    "alleges conceded concedes testified"
).split()
"""Reporting verbs that introduce a quote or reported speech."""

PARTIAL_CUES = (
    CUE_VERBS
    + (
        "called calls calling described describes describing saying referred refers "
        "welcomed praised criticized criticised touted decried accused pledged vowed "
        "promised hailed lambasted condemned denounced expressed labeled labelled billed"
    ).split()
)
"""Verbs that attribute a quoted phrase inside the outlet's own sentence."""

COGNITION_CUES = (
    *(
        "expects expect expected believes believe believed thinks estimates estimate forecast "
        "forecasts predicts predict projected projects reckons announces confirms discloses "
        "acknowledges concedes"
    ).split(),
    "pointed out",
    "points out",
)
"""Verbs of estimating, expecting and announcing: a clause without 'that' needs a finite verb."""

THAT_ONLY_CUES = ("denied", "denies", "deny")
"""Verbs whose object is reported speech only as a that-clause ('denied the request' is not)."""

INDIRECT_CUES = (
    *(
        "said says say told added adds stressed stresses warned warns warn argued argues argue "
        "insisted insists claimed claims noted notes explained explains acknowledged admitted "
        "announced confirmed wrote writes tweeted predicted reported reports reiterated maintained "
        "contended asserted alleged conceded testified promised pledged vowed revealed disclosed "
        "suggested estimated stated states boasted boasts complained complains bragged recalled "
        "observed remarked countered cautioned"
    ).split(),
    "was quoted as saying",
    "is quoted as saying",
    "were quoted as saying",
    *COGNITION_CUES,
    *THAT_ONLY_CUES,
)
"""Verbs that introduce reported speech (a that-clause or a clause after the verb)."""

SHARED_SUBJECT_CUES = ("saying", "adding", "arguing", "warning", "insisting", "claiming", "noting")
"""Participles whose subject is the subject of the sentence: 'X did Y, saying (that) …'."""

ROLE_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson spokespeople official officials leader leaders
    president minister secretary adviser advisor aide aides analyst analysts expert
    experts researcher professor director founder chief head ambassador diplomat
    diplomats lawmaker lawmakers senator governor mayor police officer officers
    prosecutor prosecutors investigators authorities government ministry department
    agency council committee statement report plan paper letter document proposal memo
    source sources resident residents witness witnesses campaign company firm group
    organization organisation union club court judge critics supporters observers
    commentator chairman chairwoman manager executive envoy negotiator lawyer attorney
    economist strategist scientist premier chancellor counterpart representative
    article declaration communique communiqué readout administration staff speaker media
    guru activist activists advocate advocates pollster consultant operative candidate nominee
    congressman congresswoman legislator legislators delegate correspondent reporter journalist
    columnist author historian doctor physician administrator commissioner sheriff detective
    agent inspector staffer pastor bishop allies trader traders dealer dealers investor investors
    banker bankers broker brokers newspaper magazine broadcaster study lawsuit complaint
    indictment filing""".split()
)
"""Lower-case nouns that can head a speaker mention ("the ministry", "a spokesman")."""

GENERIC_NOUNS = frozenset(
    """officials leaders aides analysts experts diplomats lawmakers officers prosecutors
    investigators authorities sources residents witnesses critics supporters observers media
    activists advocates legislators allies source traders dealers investors bankers brokers
    newspaper magazine broadcaster""".split()
)
"""Heads that never make the body named with them the speaker ("U.S. officials", "Fox's source")."""

OFFICE_MODIFIERS = frozenset(
    "vice deputy former ex ex- acting assistant associate lieutenant under co interim "
    "outgoing elect president-elect".split()
)
PERSON_ROLES = frozenset(
    """spokesman spokeswoman spokesperson adviser advisor aide analyst expert researcher
    professor director founder chief ambassador diplomat lawmaker senator governor mayor
    officer prosecutor judge commentator chairman chairwoman manager executive envoy
    negotiator lawyer attorney economist strategist scientist representative speaker
    secretary minister president premier chancellor pollster consultant operative candidate
    nominee congressman congresswoman legislator correspondent reporter journalist columnist
    historian administrator commissioner sheriff pastor bishop""".split()
)
"""Role nouns of one person: 'the attorney' may stand for the person introduced as one."""

ORGANISATION_NOUNS = frozenset(
    """ministry department agency council committee court union campaign company firm group
    organization organisation administration""".split()
)
"""Institution nouns that a proper name before them turns into a named body."""

DOCUMENT_NOUNS = frozenset(
    "statement report plan paper letter document proposal memo article declaration "
    "communique communiqué readout study lawsuit complaint indictment filing".split()
)

MODIFIERS = frozenset(
    """top senior former chief deputy foreign state national security press defense
    defence police military government presidential campaign policy ministry news
    affairs public health local federal official signed joint new separate written
    brief""".split()
)
DETERMINERS = frozenset("the a an its his her their this that these those".split())
PRONOUNS = frozenset("he she they it we".split())
PERSON_PRONOUNS = frozenset(("he", "she"))
ABBREVIATIONS = frozenset(
    """mr mrs ms dr st sen rep gov gen lt col sgt capt cmdr adm maj prof rev jan feb mar
    apr jun jul aug sep sept oct nov dec no inc co corp jr sr vs ft mt ave atty""".split()
)
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

_OPENERS = "“‘\"'"
_MARKS = re.compile(r"[“”\"‘’']")
_SINGLE_MARKS = re.compile(r"[‘’']")
_WORD = re.compile(r"[\w’'.\-&]+|[^\w\s]")
_CUE = re.compile(rf"\b(?:{'|'.join(CUE_VERBS)})\b")
_PARTIAL_CUE = re.compile(rf"\b(?:{'|'.join(PARTIAL_CUES)})\b")
_INDIRECT_CUE = re.compile(rf"\b(?:{'|'.join((*INDIRECT_CUES, *SHARED_SUBJECT_CUES))})\b")
_SOURCE = re.compile(r"\b(?:[Aa]ccording to|[Pp]er)\s+")
_SOURCE_CLAUSE = re.compile(r"(?:^|,\s*)([Aa]ccording to|[Pp]er)\s+([^,;“”\"]{2,60}),")
_TIME = (
    rf"(?:(?:on|last|this|late|early|next)\s+)?(?:{WEEKDAYS})"
    r"(?:\s+(?:night|morning|afternoon|evening))?"
    r"|(?:last|this|next|earlier this|late last|early last)\s+"
    r"(?:week|month|year|weekend|night|summer|spring|fall|autumn|winter)"
    rf"|(?:on|in)\s+(?:{MONTHS})(?:\s+\d{{1,2}})?|yesterday|today|tonight|earlier|later"
    r"|also|then|again|previously|recently|once|reportedly|publicly|privately|separately|further|simply|only"
    r"|has|have|had|has also|had also|would|will|has previously|has repeatedly|repeatedly"
    r"|instead|since\s+(?:last|early|late)\s+\w+|(?!(?:family|ally|rally|assembly|supply|reply)\b)[a-z]{2,}ly"
)
_LEADING_LINK = re.compile(
    r"^(?:(?:and|but|while|as|so|yet|then|where|when|after|because|since|though|although|if"
    r"|instead|however|meanwhile|still|later|earlier|separately|now|moreover|indeed|especially"
    r"|even|just|shortly|soon|long|also)\s*,?\s+)+",
    re.IGNORECASE,
)
_RECIPIENT = (
    r"(?:the\s+)?[A-Z][\w.&]*(?:\s+[A-Z][\w.&]*){0,3}|him|her|them|us|me"
    r"|reporters|journalists|lawmakers|supporters|analysts|investors|\w+ers"
    r"|(?:an?|the)\s+(?:[\w\-]+\s+){0,2}?(?:conference|hearing|briefing|committee|panel|audience"
    r"|crowd|rally|meeting|forum|gathering|summit|jury|court|session)"
)
"""Whom a speaker 'told': 'told reporters', 'told The Wall Street Journal'."""
_SETTING = (
    r"(?:in|at|during|on|via|through)\s+(?:an?|the|his|her|their|its)\s+(?:[\w’'\-]+\s+){0,3}?"
    r"(?:interview|statement|conference|briefing|call|hearing|filing|email|e-mail|letter|post"
    r"|tweet|speech|meeting|release|session|appearance|message|note|report|op-ed|address"
    r"|lecture|book|column|essay|article|memo|podcast|blog)s?"
    r"(?:\s+(?:with|to|on)\s+(?:the\s+)?[A-Z][\w.&’'\-]*(?:\s+(?:[A-Z][\w.&’'\-]*|and|of)){0,4})?"
    r"|on\s+(?:Twitter|Facebook|X|Instagram|Truth Social|CNN|Fox News|MSNBC|NBC|CBS|ABC|NPR)"
    r"|to\s+(?:reporters|journalists)"
)
"""Where words were said, after the cue: 'said in an interview', 'wrote on Twitter'."""
_CUE_TAIL = rf"(?:(?<=told)\s+(?:{_RECIPIENT}))?(?:\s+(?:{_TIME}|{_SETTING}))*"
"""What may follow a sentence-final cue: a recipient of 'told', times and settings."""
_INVERTED_END = re.compile(rf"(?:\s+(?:{_TIME}|{_SETTING}))*\s*(?:,|$)")
"""After the speaker of an inverted cue ('…, said X'): the sentence ends, or an appositive."""
_PASSIVE = re.compile(
    r"(?:[A-Z][\w ]{0,30},\s+)?[Ii]t\s+(?:was|is|has\s+been|had\s+been)\s+(?:also\s+)?"
    r"(announced|reported|disclosed|confirmed|estimated|alleged|revealed)"
    rf"(?:\s+(?:{_TIME}))*\s+that\s+"
)
"""'It was announced Monday that …': reported speech without a speaker."""
_TIME_TAIL = re.compile(rf"(?:\s+(?:{_TIME}))+\s*$")
_TIME_HEAD = re.compile(rf"^(?:\s*,?\s*(?:{_TIME})\b)+")
_SENTENCE_END = re.compile(r"[.!?…]+[”\"’']*\s+(?=[A-Z“\"‘(\d])")
_ADVERBIAL_LEAD = re.compile(
    r"(?:(?:When|After|Before|While|As|Although|Though|If|Since|Because|Despite|In|On|At|During"
    r"|Following|Earlier|Later|Last|This|Asked|Speaking|For|With|Under|Amid|Ahead|Instead"
    r"|However|Meanwhile|Still|Separately|Then)\b[^,]{0,120},\s+)?(?:(?:And|But|Yet|So)\s+)?"
)
_NAME = r"[A-Z][a-z][\w’'\-]*(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'\-]+){1,2}"
_ROLE_BEFORE_NAME = re.compile(rf"\b(?i:{'|'.join(PERSON_ROLES)})\s+({_NAME})\b")
_ROLE_AFTER_NAME = re.compile(
    rf"\b({_NAME}),\s+(?:a|an|the|[A-Z][\w.\-]*['’]s)\s+([^,.;]{{0,60}}?\b(?:{'|'.join(PERSON_ROLES)}))\b"
)
_WORDS_BEFORE = re.compile(r"(?:[A-Za-z][\w.\-]*\s+){0,3}$")
_PARENTHETICAL = re.compile(
    rf",\s+([^,]{{2,60}}?)\s+({'|'.join(INDIRECT_CUES)})(?:\s+(?:{_TIME}))*,\s+(?=\S)"
)
_CLAUSE_START = re.compile(
    r"^(?:that\s+)?(?=(?:he|she|it|they|we|i|there|the|a|an|this|these|those|his|her|its|their|"
    r"[A-Z]\w*|\d|[a-z]+\s+(?:should|would|could|will|must|may|might|can|are|were|have)))\b",
)
_FINITE_VERB = re.compile(
    r"(?:[\w’'.$%&\-]+\s+){1,6}?(?:is|are|was|were|will|would|could|can|may|might|should|must"
    r"|has|have|had|did|does|do|won['’]t|\w+n['’]t|to\s+[a-z]+)\b"
)
_CONTRACTION = re.compile(
    r"(?i)n['’]t$|^(?:it|i|he|she|we|they|that|there|you)['’](?:s|m|re|ve|ll|d)$"
)
_PERSON_NAME = re.compile(
    rf"\b(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?\s+[A-Z][a-z]+"
    rf"|(?!(?:{WEEKDAYS}|{MONTHS}|The|In|On|At|But|And|For|As|If|When|While)\b)"
    r"[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z]{2,}(?!\s+(?:House|Department|Council|Court|Street|States|Nations|Union|Ministry|Party|Agency|Times|Post|News|Journal)\b))"
)


_SUBJECT_NAME = re.compile(
    r"((?:[A-Z][\w’'.\-]*\s+){0,5}[A-Z][\w’'\-]+)"
    r"(?=\s*,\s+(?:who|a|an|the|[a-z]+\s+of)\b|\s+(?:[a-z]{3,}ed|[a-z]{3,}s|has|had|is|was|will"
    r"|would|wrote|spoke|told|said|made|took|gave|met|ran|won|became)\b)"
)
_SENTENCE_WORDS = (ENGLISH_STOP_WORDS | SENTENCE_OPENERS) - {"the"}
"""Words opening a sentence, never a name ('However', 'Some', 'While'); 'The' may open one."""
GROUP_NAMES = frozenset(
    """republicans democrats conservatives liberals progressives independents libertarians
    socialists communists officials critics lawmakers senators analysts experts protesters
    activists supporters opponents residents americans""".split()
)
"""Capitalised plurals that name a group: never a person speaker."""
_PARTY_EPITHET = re.compile(r"[Tt]he\s+(?:[A-Z][\w.\-]*\s+){0,2}(?:Republican|Democrat)")
"""'the Kentucky Republican': a stand-in for the person named before, like 'he'."""
NOT_NAME_WORDS = frozenset(
    """House Senate Court Department Ministry Party Committee Council Agency Administration
    Office Bureau Commission Union University College Institute Foundation Association Center
    Centre Bank Fund Company Group Times Post News Journal Street States Nations Republicans
    Democrats Americans New North South East West United San Los Las Saint Fort Lake Mount
    County City State Church Board Service Congress Republican Democrat Democratic""".split()
)
"""Capitalised words that make a sentence's subject a body or place, not a person."""


@dataclass
class _Piece:
    """Quote marks found in one paragraph: content offsets and mark positions."""

    start: int
    end: int
    open: int | None
    close: int | None
    continued: bool = False  # continues a quote left open in the previous paragraph
    continues: bool = False  # left open, continued by the next paragraph


@dataclass
class _Speaker:
    mention: str | None = None
    speaker: str | None = None
    attribution: str = "none"
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    mention_span: tuple[int, int] | None = None


def extract_quotes(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    registry: SpeakerRegistry | None = None,
    published: str = "",
) -> list[Quote]:
    """All quotes of one article, in text order.

    ``paragraphs`` are the ``(start, end)`` offsets of the content paragraphs
    (headlines, captions and other furniture left out). ``published`` (YYYY-MM-DD)
    lets a registered role with dates carry ("the president said"). Runs in time
    linear in the length of the article.
    """
    return _Article(text, paragraphs, registry or SpeakerRegistry(), published).quotes()


class _Article:
    """The state of one extraction: named persons so far, for carrying pronouns."""

    def __init__(
        self,
        text: str,
        paragraphs: Sequence[tuple[int, int]],
        registry: SpeakerRegistry,
        published: str = "",
    ) -> None:
        self.text = text
        self.published = published
        self.paragraphs = [(s, e) for s, e in paragraphs if e > s]
        self.registry = registry
        self.named: list[tuple[int, str]] = []  # (position, person) outside quotes
        self.subjects: list[tuple[int, str]] = []  # persons opening a sentence or speaking
        self.full_names: dict[str, str] = {}
        self.intros = _role_intros(text)
        self._intro_starts = [p for p, _, _ in self.intros]
        self._starts = [s for s, _ in self.paragraphs]
        self._sentence_cache: dict[int, list[int]] = {}
        self.pieces = _find_pieces(text, self.paragraphs)
        self._piece_starts = [p.start for p in self.pieces]

    def quotes(self) -> list[Quote]:
        inside = [(p.start, p.end) for p in self.pieces]
        for start, _, name in self.registry.find(self.text):
            if self.registry.is_person(name) and not _inside(start, inside):
                self.named.append((start, name))
        self.named.sort()
        self._positions = [p for p, _ in self.named]
        self._name_subjects(inside)
        found: list[Quote] = []
        speakers = self._attribute_pieces()
        for piece, kind, who in speakers:
            found.append(_make_quote(self.text, piece.start, piece.end, kind, who))
        found.extend(self._indirect(inside))
        found.sort(key=lambda q: q.start)
        return found

    def _name_subjects(self, inside: list[tuple[int, int]]) -> None:
        """Persons opening a sentence ('Meg Brady, a nurse, …'): antecedents of a later 'she'."""
        for para_start, para_end in self.paragraphs:
            for start in self._sentences(para_start):
                lead = _ADVERBIAL_LEAD.match(self.text, start, para_end)
                begin = lead.end() if lead else start
                match = _SUBJECT_NAME.match(self.text, begin, para_end)
                if not match or _inside(begin, inside):
                    continue
                name = self._name(match.group(1))
                known = name and (" " in name or self.registry.resolve(name))
                if known and not NOT_NAME_WORDS & set(name.split()):
                    self._remember(begin + match.group(1).rfind(name.split()[0]), name)

    # -- direct quotes -------------------------------------------------------------

    def _attribute_pieces(self) -> list[tuple[_Piece, str, _Speaker]]:
        results: list[tuple[_Piece, str, _Speaker]] = []
        groups = self._groups()
        previous: _Speaker | None = None
        previous_end = 0
        for group in groups:
            kinds = [self._kind(p, i > 0) for i, p in enumerate(group)]
            if all(k == "partial" for k in kinds):
                who = self._partial_speaker(group[0])
            else:
                who = self._full_speaker(group)
                if who.attribution == "none" and previous and previous.speaker:
                    who = self._continuing(previous, previous_end, group[0])
            for piece, kind in zip(group, kinds, strict=True):
                results.append((piece, kind, who))
            if who.speaker and kinds[0] == "full":
                spans = [group[-1].end, *(who.mention_span or ()), *(who.cue_span or ())]
                previous, previous_end = who, self._sentence_end(max(spans) - 1)
        return results

    def _groups(self) -> list[list[_Piece]]:
        """Pieces of one quote: continued across paragraphs or interrupted by the cue."""
        groups: list[list[_Piece]] = []
        for piece in self.pieces:
            if groups and (piece.continued or self._interrupted(groups[-1][-1], piece)):
                groups[-1].append(piece)
            else:
                groups.append([piece])
        return groups

    def _interrupted(self, first: _Piece, second: _Piece) -> bool:
        """“…,” he said, “…”: a short attribution ending in a comma or colon between pieces."""
        if first.close is None or second.open is None or second.open - first.close > 120:
            return False
        gap = self.text[first.close + 1 : second.open]
        tail = self.text[first.start : first.end].rstrip()[-1:]
        return (
            tail in ",—–-"
            and gap.rstrip().endswith((",", ":"))
            and bool(_CUE.search(gap))
            and "\n" not in gap
        )

    def _kind(self, piece: _Piece, follows: bool) -> str:
        """A full quote starts a sentence, follows a cue and comma or colon, or continues one."""
        if follows or piece.continued or piece.open is None:
            return "full"
        before = self.text[self._sentence_start(piece.open) : piece.open].rstrip()
        words = len(self.text[piece.start : piece.end].split())
        if not before:
            ends_sentence = self.text[piece.start : piece.end].rstrip().endswith((".", "!", "?"))
            return "full" if words >= 4 or ends_sentence else "partial"
        if before.endswith(":"):
            return "full"
        content = self.text[piece.start : piece.end].lstrip()
        if before.endswith(",") and _CUE.search(before[-30:]) and len(content.split()) >= 4:
            return "full"
        return "partial"

    def _full_speaker(self, group: list[_Piece]) -> _Speaker:
        last, first = group[-1], group[0]
        if last.close is not None:
            who = self._after(last.close + 1)
            if who:
                return who
        for piece in group[1:]:  # “…,” he said, “…”
            who = self._before(piece.open) if piece.open is not None else None
            if who:
                return who
        if first.open is not None:
            who = self._before(first.open)
            if who:
                return who
        return _Speaker()

    def _continuing(self, previous: _Speaker, previous_end: int, piece: _Piece) -> _Speaker:
        """An unattributed quote right after another speaker's quote, nobody named between."""
        start = piece.open if piece.open is not None else piece.start
        gap = self.text[previous_end:start]
        if gap.count("\n\n") > 1 or len(gap) > 400 or _PERSON_NAME.search(gap[1:]):
            return _Speaker()
        position, name = self._last_named_before(start)
        if position >= previous_end and name != previous.speaker:
            return _Speaker()
        return _Speaker(previous.mention, previous.speaker, "carried")

    def _partial_speaker(self, piece: _Piece) -> _Speaker:
        """The subject of the nearest attributing verb before the phrase, in its sentence."""
        if piece.open is None:
            return _Speaker()
        start = self._sentence_start(piece.open)
        window = self.text[start : piece.open]
        cues = list(_PARTIAL_CUE.finditer(window))
        between = window[cues[-1].end() :] if cues else ";"
        if re.search(r"[;:]|[“”\"]", between) or len(between.split()) > 25:
            return self._sentence_source(piece)
        cue = cues[-1]
        for candidate in reversed(cues):
            subject = self._subject(start, start + candidate.start())
            head = window[: candidate.start()].rstrip()
            if not subject and candidate.group().endswith("ing") and head.endswith(","):
                subject = self._sentence_subject(start, start + candidate.start())
            if subject:
                return _with_cue(subject, start + cue.start(), start + cue.end(), cue.group())
            if not re.search(r"(?:\band|\bbut|\bwhile|,|[”’'\"])$", head):
                break
        main = self._main_clause_speaker(start, cues[0])
        return main or self._sentence_source(piece)

    def _main_clause_speaker(self, start: int, cue: re.Match[str]) -> _Speaker | None:
        """'X said Trump asked for a “working level” dialogue': the sentence's reporting speaker."""
        who = self._subject(start, start + cue.start())
        lead = _ADVERBIAL_LEAD.match(self.text, start)
        if (
            not who
            or not who.mention_span
            or who.mention_span[0] != (lead.end() if lead else start)
        ):
            return None
        return _with_cue(who, start + cue.start(), start + cue.end(), cue.group())

    def _sentence_source(self, piece: _Piece) -> _Speaker:
        """A phrase in a sentence of reported speech: '…, X said.' or '…, per the BBC.'"""
        if piece.close is None:
            return _Speaker()
        end = self._sentence_end(piece.close)
        tail = self.text[piece.close + 1 : end].rstrip()
        words = re.match(r"\s*,?\s*in\s+([^,“”\"]{2,60}?)['’]s?\s+(?:own\s+)?words\b", tail)
        if words:  # '“The One,” in Oprah Winfrey’s words'
            offset = piece.close + 1 + words.start(1)
            return self._resolve((offset, offset + len(words.group(1))), None)
        source = re.search(r"(?:^|[,”\"’])\s*(?:[Aa]ccording to|per)\s+([^,“”\"]+?)[.]?$", tail)
        if not source:
            return self._source_before(piece) or self._after(piece.close + 1) or _Speaker()
        offset = piece.close + 1 + source.start(1)
        mention = source.group(1)
        cue = re.search(r"(?:[Aa]ccording to|per)", tail[source.start() :])
        cue_start = piece.close + 1 + source.start() + cue.start()
        return self._source(
            (offset, offset + len(mention)), (cue_start, cue_start + len(cue.group()))
        )

    def _source_before(self, piece: _Piece) -> _Speaker | None:
        """'according to Bloomberg, “…”': a source set off earlier in the phrase's sentence."""
        start = self._sentence_start(piece.open)
        sources = list(_SOURCE_CLAUSE.finditer(self.text[start : piece.open]))
        if not sources:
            return None
        cue_start, cue_end = (start + i for i in sources[-1].span(1))
        mention_start, mention_end = (start + i for i in sources[-1].span(2))
        return self._source((mention_start, mention_end), (cue_start, cue_end))

    def _after(self, position: int) -> _Speaker | None:
        """Attribution right after a closing quote mark: ', he said' or ', said X'."""
        end = self._sentence_end(position)
        window = self.text[position:end]
        if not window.strip() and self.text[position - 2 : position - 1] in ("?", "!"):
            end = self._sentence_end(end)  # '“What …, John?” Obama said.'
            window = self.text[position:end]
        match = re.match(r"\s*,?\s*", window)
        offset = position + match.end()
        rest = self.text[offset:end]
        cue = _CUE.match(rest)
        if cue:
            np = _np_forward(self.text, offset + cue.end(), end)
            if np:
                return self._resolve(np, (offset + cue.start(), offset + cue.end()))
            return None
        cue = _CUE.search(rest)
        if not cue or cue.start() > 120:
            return None
        head = _speaker_head(_TIME_TAIL.sub("", rest[: cue.start()]))
        segment = _segment(head)
        if not _is_np(segment) or (head[: head.rfind(segment)].strip(" ,") and "," not in head):
            return None
        start = offset + head.rfind(segment)
        return self._resolve(
            (start, start + len(segment)), (offset + cue.start(), offset + cue.end())
        )

    def _before(self, position: int) -> _Speaker | None:
        """Attribution leading up to an opening mark: 'X told reporters: “'."""
        start = self._sentence_start(position)
        window = self.text[start:position]
        if not window.rstrip().endswith((":", ",")) and window.strip():
            return None
        cues = list(_CUE.finditer(window))
        if not cues:
            return None
        cue = cues[-1]
        tail = window[cue.end() :]
        if len(tail) > 80 or re.search(r"[.;”\"]", tail):
            return None
        cue_span = (start + cue.start(), start + cue.end())
        return self._subject(start, cue_span[0], cue_span, cue.group())

    def _subject(
        self,
        sentence_start: int,
        cue_start: int,
        cue_span: tuple[int, int] | None = None,
        cue: str | None = None,
    ) -> _Speaker | None:
        """The noun phrase right before a cue, starting the sentence or a comma clause."""
        head = _speaker_head(_TIME_TAIL.sub("", self.text[sentence_start:cue_start]))
        segment = _segment(head)
        if not _is_np(segment) and not self.registry.resolve(segment):
            return None
        start = sentence_start + head.rfind(segment)
        found = self._resolve((start, start + len(segment)), cue_span)
        if cue is not None:
            found.cue = cue
        return found

    def _resolve(self, span: tuple[int, int], cue_span: tuple[int, int] | None) -> _Speaker:
        """Turn the words naming the speaker into a canonical speaker, or None."""
        mention = self.text[span[0] : span[1]]
        words = mention.split()
        lower = [w.lower().strip(",") for w in words]
        cue = self.text[cue_span[0] : cue_span[1]] if cue_span else None
        who = _Speaker(mention, None, "none", cue, cue_span, span)
        if re.search(r"(?:\band|&)\s+(?:[A-Z]|(?:the|a|an|its|his|her|their)\b)", mention):
            return who  # several speakers ('X and Senator Y'), unlike 'pollster and strategist X'

        if lower[0] in PRONOUNS or _PARTY_EPITHET.fullmatch(mention):
            if (lower[0] in PERSON_PRONOUNS and len(words) == 1) or lower[0] == "the":
                named = self.named if lower[0] != "the" else self.subjects
                _, name = _last_before(named, span[0])
                if name:
                    who.speaker, who.attribution = name, "carried"
            return who
        if lower[0] in ("its", "their") and len(words) > 1:
            return self._possessive(who, words)
        document = re.search(r"\b(?:by|from)\s+(.+)$", mention)
        if document and lower[-1] not in ROLE_NOUNS:
            owner = self._name(document.group(1))
            if owner:
                who.speaker, who.attribution = owner, "explicit"
            return who
        registered = self.registry.resolve(mention)
        if registered:
            who.speaker, who.attribution = registered, "explicit"
            self._remember(span[0], registered)
            return who
        if lower[-1] in ROLE_NOUNS or lower[-1].rstrip("s") in ROLE_NOUNS:
            return self._role(who, words, lower)
        name = self._name(mention)
        if name:
            who.speaker, who.attribution = name, "explicit"
            self._remember(span[0], name)
        return who

    def _role(self, who: _Speaker, words: list[str], lower: list[str]) -> _Speaker:
        """'the Chinese leader': the last named person whose registered role fits and is
        evidenced: the article names them with it, or their ``from``/``to`` dates hold
        the article's date. "the president" in 2013 is not the 2021 president."""
        if lower[0] == "the" and lower[-1] not in DOCUMENT_NOUNS and len(words) <= 4:
            content = [w for w in lower[1:] if w not in DETERMINERS]
            position = who.mention_span[0]
            before = bisect.bisect_left(self._positions, position)
            for _, name in reversed(self.named[max(0, before - 30) : before]):
                if _role_fits(self.registry.role(name), content) and (
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
        named = _organisation_name(words, lower)
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
                if _role_fits(role, content):
                    registered = self.registry.resolve(name)
                    return registered or self.full_names.get(name.lower(), name)
                return None
        return None

    def _introduced_as(self, speaker: str, content: list[str], position: int) -> bool:
        """Whether the article names ``speaker`` with a role that fits, before ``position``."""
        index = bisect.bisect_left(self._intro_starts, position)
        return any(
            _role_fits(role, content)
            and (self.registry.resolve(name) or self.full_names.get(name.lower(), name)) == speaker
            for _, role, name in self.intros[:index]
        )

    def _possessive(self, who: _Speaker, words: list[str]) -> _Speaker:
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

    def _sentence_subject(self, start: int, limit: int) -> _Speaker | None:
        """The subject opening the sentence, after an adverbial lead: 'When …, the White House …'.

        Joint subjects ('X and Y are …') give a mention without a speaker.
        """
        lead = _ADVERBIAL_LEAD.match(self.text, start, limit)
        begin = lead.end() if lead else start
        pronoun = re.match(r"(?:he|she|it|they|we)\b", self.text[begin:limit], re.IGNORECASE)
        span = (begin, begin + pronoun.end()) if pronoun else _np_forward(self.text, begin, limit)
        if not span:
            return None
        follow = self.text[span[1] : limit]
        if re.match(r"\s+(?:and|&)\s", follow):
            return _Speaker(self.text[span[0] : span[1]], mention_span=span)
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
        tokens = re.findall(r"[\w’'.\-]+", re.split(r"['’]s\s+", mention)[-1])
        name: list[str] = []
        for token in reversed(tokens):
            bare = token.strip(".").lower()
            if bare in ("of", "for") and name:
                name.insert(0, token)
                continue
            if not token[:1].isupper() or is_title(bare) or re.fullmatch(WEEKDAYS, token):
                break
            name.insert(0, token)
        while name and (is_title(name[0]) or name[0].lower() in ("of", "for")):
            name.pop(0)
        while name and name[0].lower() in _SENTENCE_WORDS:
            name.pop(0)  # sentence words: 'However', 'Some', 'While Mueller', 'Like Patrick'
        head = name[: name.index("of")] if "of" in name[2:] else []
        if head and not ORGANISATION_WORDS & {n.lower().strip(".") for n in head}:
            name = head  # 'Lisa Murkowski of Alaska', 'Cory Booker of New Jersey'
        if len(name) == 1 and name[0].lower() in GROUP_NAMES:
            return None  # 'Republicans said': a group, not a person
        titled = [i for i, n in enumerate(name) if n.lower() in TITLES | ROLE_NOUNS]
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
        if " " in name:
            self.full_names.update(
                {k.lower(): v for k, v in merge_surnames([name, name.split()[-1]]).items()}
            )
        index = bisect.bisect(self._positions, position)
        self._positions.insert(index, position)
        self.named.insert(index, (position, name))
        bisect.insort(self.subjects, (position, name))

    def _last_named_before(self, position: int) -> tuple[int, str | None]:
        return _last_before(self.named, position)

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
            found = _boundaries(self.text, start, end, self.pieces[first:last])
            self._sentence_cache[start] = [start, *found]
        return self._sentence_cache[start]

    # -- indirect speech ------------------------------------------------------------

    def _indirect(self, inside: list[tuple[int, int]]) -> list[Quote]:
        found: list[Quote] = []
        for para_start, para_end in self.paragraphs:
            starts = self._sentences(para_start)
            ends = [*starts[1:], para_end]
            for start, end in zip(starts, ends, strict=True):
                sentence = self.text[start:end]
                if _MARKS.search(sentence.replace("’", "").replace("'", "")):
                    continue
                quote = self._reported(start, end)
                if quote:
                    found.append(quote)
        return found

    def _reported(self, start: int, end: int) -> Quote | None:
        """Reported speech in one sentence without quote marks."""
        sentence = self.text[start:end].rstrip()
        end = start + len(sentence)
        body_end = end - 1 if sentence.endswith((".", "!", "?")) else end
        source = _SOURCE.search(sentence)
        if source:
            return self._according(start, body_end, source)
        passive = _PASSIVE.match(self.text, start, body_end)
        if passive:  # 'It was announced that …': reported, by nobody named
            who = _Speaker(cue=passive.group(1), cue_span=passive.span(1))
            return _clause_quote(self.text, (passive.end(), body_end), who, anonymous=True)
        tail = re.search(
            rf",\s+((?:[^,]{{1,80}}?)\s+({'|'.join(INDIRECT_CUES)})|({'|'.join(INDIRECT_CUES)})\s+([^,]{{2,80}}?))"
            rf"{_CUE_TAIL}(?:,[^,]*)?$",
            self.text[start:body_end],
        )
        if tail:
            quote = self._reported_before(start, body_end, tail)
            if quote:
                return quote
        quote = self._parenthetical(start, body_end)
        if quote:
            return quote
        for cue in _INDIRECT_CUE.finditer(sentence):
            quote = self._reported_after(start, body_end, cue)
            if quote:
                return quote
        return None

    def _according(self, start: int, body_end: int, source: re.Match[str]) -> Quote | None:
        """'according to X, …' and '…, according to X.': X is the source."""
        text = self.text
        s_start, s_end = start + source.start(), start + source.end()
        if source.start() == 0:
            comma = text.find(",", s_end, body_end)
            if comma < 0:
                return None
            mention, clause = (s_end, comma), (comma + 1, body_end)
        else:
            if text[s_start - 2 : s_start].strip() != ",":
                return None
            comma = text.find(",", s_end, body_end)
            if comma >= 0 and len(text[comma:body_end].split()) >= 3:
                return self._according_within(start, body_end, (s_start, s_end), comma)
            mention, clause = (s_end, body_end), (start, s_start - 2)
            inner = re.search(
                rf",\s+([^,]{{2,80}}?)\s+({'|'.join(INDIRECT_CUES)})(?:\s+(?:{_TIME}))*\s*$",
                text[start : s_start - 2],
            )
            if inner:  # '…, X said, according to Tass.': X speaks, Tass relays
                return self._reported_before(start, s_start - 2, inner)
        who = self._source(mention, (s_start, s_end))
        return _clause_quote(text, clause, who)

    def _according_within(
        self, start: int, body_end: int, cue_span: tuple[int, int], comma: int
    ) -> Quote | None:
        """'The commitment, according to the campaign, includes …': the sentence is reported."""
        mention = self.text[cue_span[1] : comma]
        if len(mention.split()) > 8:
            return None
        who = self._source((cue_span[1], comma), cue_span)
        return _clause_quote(self.text, (start, body_end), who)

    def _parenthetical(self, start: int, body_end: int) -> Quote | None:
        """'All told, the campaign reports, the commitment is …': a cue set off by commas."""
        match = _PARENTHETICAL.search(self.text, start, body_end)
        if not match:
            return None
        np_text = _TIME_TAIL.sub("", match.group(1))
        if not _is_np(np_text):
            return None
        np_start = match.start(1)
        who = self._resolve((np_start, np_start + len(np_text)), match.span(2))
        after = self.text[match.end() : body_end]
        clause_start = match.end() if _CLAUSE_START.match(after) else start
        return _clause_quote(self.text, (clause_start, body_end), who)

    def _source(self, span: tuple[int, int], cue_span: tuple[int, int]) -> _Speaker:
        mention = self.text[span[0] : span[1]].strip()
        offset = span[0] + self.text[span[0] : span[1]].find(mention)
        cut = re.search(r"\s+(?:carried|published|released|in|on|at|who|which)\b", mention)
        if cut:
            mention = mention[: cut.start()]
        return self._resolve((offset, offset + len(mention)), cue_span)

    def _reported_before(self, start: int, body_end: int, tail: re.Match[str]) -> Quote | None:
        """'…, X said.' or '…, said X.' at the end of the sentence."""
        clause = (start, start + tail.start())
        if tail.group(2):
            np_start = start + tail.start(1)
            np_text = _TIME_TAIL.sub("", tail.group(1)[: tail.start(2) - tail.start(1)])
            if not _is_np(np_text.strip()):
                return None
            cue_span = (start + tail.start(2), start + tail.end(2))
            who = self._resolve((np_start, np_start + len(np_text.rstrip())), cue_span)
        else:
            cue_span = (start + tail.start(3), start + tail.end(3))
            if tail.group(3) == "told":
                return None  # '…, told the Star Tribune': the words after name the recipient
            np = _np_forward(self.text, cue_span[1], body_end)
            if (
                not np
                or not _INVERTED_END.match(self.text, np[1], body_end)
                or self.text.startswith("that ", np[0])
            ):
                return None  # 'X, 45, said the company would …': a clause follows, not a speaker
            who = self._resolve(np, cue_span)
        return _clause_quote(self.text, clause, who)

    def _reported_after(self, start: int, body_end: int, cue: re.Match[str]) -> Quote | None:
        """'X said (that) …' with X starting the sentence or a comma clause."""
        cue_span = (start + cue.start(), start + cue.end())
        head = _TIME_TAIL.sub("", self.text[start : cue_span[0]]).rstrip()
        if cue.group() in SHARED_SUBJECT_CUES:
            shared = head.endswith(",")
            who = self._sentence_subject(start, cue_span[0]) if shared else None
        else:
            who = self._subject(start, cue_span[0], cue_span, cue.group())
            if not who and re.search(r"\band$", head):  # 'X did Y and said …'
                who = self._sentence_subject(start, cue_span[0])
        if not who or not who.mention:
            return None
        if cue.group() in COGNITION_CUES and who.mention.lower() in ("i", "we"):
            return None  # 'I believe …': the writer's own view, not reported speech
        who.cue, who.cue_span = cue.group(), cue_span
        after = self.text[cue_span[1] : body_end]
        recipient = 0
        if cue.group() == "told":
            told = re.match(rf"\s+(?:{_RECIPIENT})\b", after)
            if not told:
                return None
            recipient = told.end()  # 'told reporters (that) …': the clause follows the recipient
        skip = _TIME_HEAD.match(after[recipient:])
        rest = after[recipient + (skip.end() if skip else 0) :]
        lead = len(after) - len(rest)
        that = re.match(
            r"\s*(?:in\s+(?:a|an)\s+[\w\s]{1,40}?\s+|at\s+[\w\s]{1,60}?\s+)?that\s+", rest
        )
        if that:
            offset = lead + that.end()
        else:
            plain = re.match(r"\s+", rest)
            if (
                not plain
                or cue.group() in THAT_ONLY_CUES
                or not _CLAUSE_START.match(rest[plain.end() :])
                or rest[plain.end() :].startswith(("to ", "in ", "at ", "on "))
                or (cue.group() in COGNITION_CUES and not _finite(rest[plain.end() :]))
            ):
                return None
            offset = lead + plain.end()
        clause = (cue_span[1] + offset, body_end)
        if len(self.text[clause[0] : clause[1]].split()) < 4:
            return None
        return _clause_quote(self.text, clause, who)


def _finite(clause: str) -> bool:
    """Whether a clause without 'that' opens with a subject and its verb, not a noun object.

    'believes the merger will fail' and 'expects sales to rise' report a
    belief; 'announced the acquisition of a rival' reports an act.
    """
    return bool(_FINITE_VERB.match(clause))


def _speaker_head(head: str) -> str:
    """Drop an appositive or relative clause after the speaker's name.

    'Seema Verma, administrator for CMS, which runs it,' and 'Putin, who'
    both leave the text up to the name.
    """
    appositive = re.match(r"^(.*?[^,]),(?:\s[^,]{2,120},){1,3}\s*$", head)
    named = re.match(
        r"^(.*?[^,]),\s+((?:[A-Z][\w’'.\-]*\s+){1,3}[A-Z][\w’'\-]+(?:\s+of\s+[A-Z]\w+)?),\s*$", head
    )
    if named and re.match(r"(?:the|a|an)\s", _segment(named.group(1)), re.IGNORECASE):
        return head.rstrip()[:-1]  # 'The top Democrat on the panel, Adam Schiff,'
    if appositive and _is_np(_segment(appositive.group(1))):
        return appositive.group(1)
    relative = re.match(r"^(.*?[^,]),\s+who\s*$", head)
    return relative.group(1) if relative else head


def _segment(head: str) -> str:
    """The last comma clause of ``head`` without a leading conjunction or bullet."""
    segment = re.split(r",\s+|[”’\"]\s+|—\s*|–\s*|\(\s*|^\s*[-•*]\s+", head)[-1]
    segment = _LEADING_LINK.sub("", segment.strip())
    return segment.strip()


def _last_before(named: list[tuple[int, str]], position: int) -> tuple[int, str | None]:
    """The last (position, person) of a sorted list before ``position``, or (-1, None)."""
    index = bisect.bisect_left(named, (position, ""))
    return named[index - 1] if index else (-1, None)


def _organisation_name(words: list[str], lower: list[str]) -> str | None:
    """'the Commerce Department', 'the Ohio State Medical Board': a body named by its proper name.

    The words before the institution noun must all be capitalised, so 'the
    labour ministry' and 'the company' stay unknown.
    """
    body = words[1:] if lower[0] == "the" else words
    if len(body) < 2 or lower[-1] not in ORGANISATION_NOUNS:
        return None
    if not all(w[:1].isupper() or w in ("of", "for", "and", "&") for w in body[:-1]):
        return None
    if not body[0][:1].isupper() or body[0].endswith(("’s", "'s")):
        return None
    return " ".join(body)


def _with_cue(who: _Speaker, start: int, end: int, cue: str) -> _Speaker:
    who.cue, who.cue_span = cue, (start, end)
    return who


def _make_quote(text: str, start: int, end: int, kind: str, who: _Speaker) -> Quote:
    cue_start, cue_end = who.cue_span or (None, None)
    mention_start, mention_end = who.mention_span or (None, None)
    return Quote(
        start,
        end,
        text[start:end],
        kind,
        who.cue,
        who.mention,
        who.speaker,
        who.attribution if who.speaker else "none",
        cue_start,
        cue_end,
        mention_start,
        mention_end,
    )


def _role_fits(role: str, content: list[str]) -> bool:
    """Whether one of the ``;``-separated roles has every word of the mention and no office
    modifier the mention lacks in front of its head: "vice president" and "former US
    president" are not "the president" ("former mayor and attorney" is "the attorney")."""
    if not content:
        return False
    for part in role.lower().split(";"):
        if not all(re.search(rf"\b{re.escape(w)}", part) for w in content):
            continue
        words = re.findall(r"[\w\-]+|,", part)
        heads = [i for i, w in enumerate(words) if w.startswith(content[-1])]
        if heads and all(_plain_office(words[:i], content) for i in heads):
            return True
    return False


def _plain_office(before: list[str], content: list[str]) -> bool:
    """No office modifier ("vice", "former") among the words leading up to the head noun."""
    lead: list[str] = []
    for word in reversed(before):
        if word in (",", "and", "or"):
            break
        lead.append(word)
    return not (set(lead) & OFFICE_MODIFIERS) - set(content)


def _role_intros(text: str) -> list[tuple[int, str, str]]:
    """Persons introduced with a role, as (position, role words, name), in text order.

    'House Speaker John Boehner' and 'Jane Doe, a spokeswoman for the
    campaign' both count; the role words are lower-cased.
    """
    found = []
    for match in _ROLE_BEFORE_NAME.finditer(text):
        start = match.start()
        before = _WORDS_BEFORE.search(text, max(0, start - 80), start)
        role_start = before.start() if before else start
        role = text[role_start : match.start(1)].strip().lower()
        found.append((role_start, role, match.group(1)))
    for match in _ROLE_AFTER_NAME.finditer(text):
        found.append((match.start(), match.group(2).lower(), match.group(1)))
    return sorted(found)


def _clause_quote(
    text: str, clause: tuple[int, int], who: _Speaker, anonymous: bool = False
) -> Quote | None:
    """An indirect quote over a reported clause, trimmed of spaces and commas.

    A speaker mention is required unless the report is ``anonymous`` ('it was announced').
    """
    start, end = clause
    while start < end and text[start] in " ,\n":
        start += 1
    while end > start and text[end - 1] in " ,\n":
        end -= 1
    if len(text[start:end].split()) < 4 or not (who.mention or anonymous):
        return None
    return _make_quote(text, start, end, "indirect", who)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _is_np(words: str) -> bool:
    """Whether ``words`` can name a speaker: a name, pronoun or role, ten words at most."""
    tokens = re.findall(r"[\w’'.\-&]+", words)
    if not tokens or len(tokens) > 10 or re.search(r"[;:!?()“”\"]", words):
        return False
    if any(_CONTRACTION.search(t) for t in tokens) or tokens[0] == "as":
        return False  # 'It’s expected', 'Don’t expect', 'as analysts expect': not a speaker
    lower = [t.lower() for t in tokens]
    if len(tokens) == 1 and lower[0] in PRONOUNS:
        return True
    if lower[-1] in GENERIC_NOUNS and len(tokens) <= 3 and tokens[0][:1].islower():
        return True  # 'housing advocates', 'many legal experts': a group, never a speaker
    named = tokens[-1][:1].isupper()
    if not named and lower[-1] not in ROLE_NOUNS and lower[-1].rstrip("s") not in ROLE_NOUNS:
        return False
    return all(
        t[:1].isupper()
        or t[:1].isdigit()
        or low in DETERMINERS
        or low in MODIFIERS
        or low in ROLE_NOUNS
        or low.rstrip("s") in ROLE_NOUNS
        or low in ("of", "for", "and", "&")
        or low.endswith(("’s", "'s"))
        for t, low in zip(tokens, lower, strict=True)
    )


def _np_forward(text: str, start: int, limit: int) -> tuple[int, int] | None:
    """The speaker words right after an inverted cue: 'said Kate Mallinson, founder …'."""
    match = re.match(
        r"\s*((?:the|a|an)\s+)?((?:[A-Z][\w’'.\-]*|of|the|[a-z]+)(?:\s+(?:[A-Z][\w’'.\-]*|of|the|[a-z]+)){0,7})",
        text[start:limit],
    )
    if not match:
        return None
    words = match.group(0).split()
    kept: list[str] = []
    for word in words:
        abbreviation = word.endswith(".") and (word[:-1].lower() in ABBREVIATIONS or len(word) == 2)
        bare = word if abbreviation else word.strip(",.;:")
        if not (
            bare[:1].isupper() or bare.lower() in DETERMINERS | MODIFIERS | ROLE_NOUNS | {"of"}
        ):
            break
        kept.append(bare)
        if bare != word:
            break
    while kept and kept[-1].lower() in DETERMINERS | {"of"}:
        kept.pop()
    if not kept:
        return None
    phrase = " ".join(kept)
    offset = start + len(match.group(0)) - len(match.group(0).lstrip())
    if not text.startswith(phrase, offset):
        phrase_end = offset
        for word in kept:
            phrase_end = text.index(word, phrase_end) + len(word)
        end = phrase_end
    else:
        end = offset + len(phrase)
    if not _is_np(text[offset:end]):
        return None
    return offset, end


def _boundaries(text: str, start: int, end: int, pieces: list[_Piece]) -> list[int]:
    """Sentence starts of the outlet's text in ``text[start:end]``, outside quotes."""
    spans = [(p.start, p.end) for p in pieces]
    found = []
    for match in _SENTENCE_END.finditer(text, start, min(end + 2, len(text))):
        stop = match.start()
        if match.end() > end:
            break
        if _inside(stop, spans) and not re.match(r"[.!?…]+[”\"’']", text[stop : match.end()]):
            continue
        word = re.search(r"([\w.]+)$", text[max(start, stop - 12) : stop])
        token = word.group(1).lower() if word else ""
        if text[stop] == "." and (
            token in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", token)
        ):
            continue
        found.append(match.end())
    return found


def _find_pieces(text: str, paragraphs: list[tuple[int, int]]) -> list[_Piece]:
    """Quote pieces in every paragraph, linking quotes left open to the next paragraph."""
    pieces: list[_Piece] = []
    open_left = False
    for index, (start, end) in enumerate(paragraphs):
        opens_with_mark = text[start:end].lstrip()[:1] in _OPENERS
        found = _paragraph_pieces(text, start, end)
        if open_left and found and opens_with_mark and found[0].open is not None:
            found[0].continued = True
        open_left = False
        if found and found[-1].close is None and found[-1].open is not None:
            next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            if next_start is not None and text[next_start:].lstrip()[:1] in _OPENERS:
                found[-1].continues = open_left = True
        pieces.extend(found)
    return pieces


def _paragraph_pieces(text: str, start: int, end: int) -> list[_Piece]:
    """Pair the quote marks of one paragraph (double marks first, then single)."""
    marks = [(m.start(), m.group()) for m in _MARKS.finditer(text, start, end)]
    doubles = [(p, c) for p, c in marks if c in '“”"']
    nested = sum(c == "“" for _, c in doubles) == sum(c == "”" for _, c in doubles)
    pieces: list[_Piece] = []
    opened: int | None = None
    depth = 0
    straight = False
    last_close: int | None = None
    for position, char in doubles:
        if opened is None:
            if char == "”":
                orphan = _orphan(text, start, position)
                if orphan and not pieces:
                    pieces.append(orphan)
                continue
            opened, depth, straight, last_close = position, 1, char == '"', None
        elif straight:
            if char == '"':
                pieces.append(_piece(text, opened, position))
                opened = None
        elif char == "“":
            if nested:
                depth += 1
            else:
                pieces.append(_piece(text, opened, None, position))
                opened, depth = position, 1
        elif char == "”":
            depth -= 1
            last_close = position
            if depth == 0:
                pieces.append(_piece(text, opened, position))
                opened = None
    if opened is not None:
        close = last_close if depth > 0 and last_close else None
        pieces.append(_piece(text, opened, close, end))
    pieces.extend(_single_pieces(text, start, end, pieces))
    pieces.sort(key=lambda p: p.start)
    return [p for p in pieces if re.search(r"[^\W\d_]", text[p.start : p.end])]


def _orphan(text: str, start: int, close: int) -> _Piece | None:
    """A closing mark with no opening one, then a cue: the quote ran from the paragraph start."""
    if text[close - 1 : close] not in ",.?!" or not re.match(
        r"\s*(?:said|says|added|\w+(?:\s+\w+){0,4}\s+(?:said|says|added|told|wrote))\b",
        text[close + 1 : close + 80],
    ):
        return None
    return _piece(text, start - 1, close)


def _single_pieces(text: str, start: int, end: int, doubles: list[_Piece]) -> list[_Piece]:
    """Agency-style ‘…’ and '…' quotes outside double quotes; ’ inside a word is an apostrophe."""
    covered = [(p.open if p.open is not None else p.start, (p.close or p.end) + 1) for p in doubles]
    marks = [
        (m.start(), m.group())
        for m in _SINGLE_MARKS.finditer(text, start, end)
        if not any(a <= m.start() < b for a, b in covered)
    ]
    closers = [p for p, c in marks if c in "’'" and _can_close(text, p)]
    closing = set(closers)
    pieces: list[_Piece] = []
    opened: int | None = None
    depth = 0
    last_close: int | None = None
    for position, char in marks:
        if opened is None:
            if _can_open(text, position, start):
                opened, depth, last_close = position, 1, None
            continue
        if _can_open(text, position, start) and char == "‘":
            depth += 1
            continue
        if position not in closing or char != ("’" if text[opened] == "‘" else "'"):
            continue
        later = bisect.bisect_right(closers, position) < len(closers)
        if (
            text[position - 1] == "s"
            and text[position + 1 : position + 3].strip()[:1].islower()
            and later
        ):
            continue  # countries’ sovereignty: a plural possessive
        depth -= 1
        last_close = position
        if depth == 0:
            pieces.append(_piece(text, opened, position))
            opened = None
    if opened is not None and last_close is not None:
        pieces.append(_piece(text, opened, last_close))
    return pieces


def _can_open(text: str, position: int, start: int) -> bool:
    before = text[position - 1] if position > start else " "
    after = text[position + 1 : position + 2]
    if before.isalnum() or not (after.isalpha() or after in "[…"):
        return False
    return not re.match(r"['‘](?:em|n|til|cause|tis|twas)\b", text[position : position + 7], re.I)


def _can_close(text: str, position: int) -> bool:
    before = text[position - 1 : position]
    after = text[position + 1 : position + 2]
    if not before or before.isspace():
        return False
    return not (after.isalnum())


def _piece(text: str, opened: int, closed: int | None, end: int | None = None) -> _Piece:
    """Content between the marks, trimmed of spaces and a trailing comma."""
    start = opened + 1
    stop = closed if closed is not None else end
    assert stop is not None
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] == ","):
        stop -= 1
    return _Piece(start, stop, opened if opened >= 0 and text[opened] in _OPENERS else None, closed)
