"""Words and patterns of attribution: reporting verbs, role nouns, times, settings, names."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.knowledge.derive.entities import SENTENCE_OPENERS
from analysis.stop_words import ENGLISH_STOP_WORDS

RELAYING_CUES = frozenset(("reported", "reports"))
"""Cues by which a publication passes on words: a speaker named before the quote wins."""
CUE_VERBS = (
    "said says say told tells added adds stressed stresses wrote writes tweeted tweets "
    "stated states noted notes warned warns argued argues insisted insists claimed "
    "claims explained explains acknowledged admitted announced declared asked asks "
    "replied responded continued concluded posted emphasized emphasised recalled "
    "suggested suggests predicted predicts confirmed confirms urged cautioned argue insist "
    "warn claim note explain "
    "reiterated reiterates maintained maintains contended contends asserted asserts alleged "
    "alleges conceded concedes testified countered counters remarked observed complained "
    "complains admits acknowledges cautions pleaded quipped joked boasted bragged charged"
).split() + sorted(RELAYING_CUES)
"""Reporting verbs that introduce a quote or reported speech (one word each: other stages,
claim matching among them, use them as words)."""
QUOTE_CUES = [
    *CUE_VERBS,
    *"pledged pledges vowed vows promised promises".split(),
    "pointed out",
    "points out",
]
"""Everything that attributes a quote: the reporting verbs, pledges and 'pointed out'."""

PARTIAL_CUES = (
    QUOTE_CUES
    + (
        "called calls calling described describes describing saying referred refers "
        "welcomed praised criticized criticised touted decried accused pledged vowed "
        "promised hailed lambasted condemned denounced expressed labeled labelled billed "
        "declaring warning arguing insisting claiming noting adding vowing promising accusing "
        "celebrated celebrating blaming blamed dubbed dubbing branded branding"
    ).split()
)
"""Verbs that attribute a quoted phrase inside the outlet's own sentence."""

COGNITION_CUES = (
    *(
        "expects expect expected believes believe believed thinks estimates estimate forecast "
        "forecasts predicts predict projected projects reckons announces announced confirms "
        "discloses acknowledges concedes signalled signaled signals implied implies posted "
        "reported reports emphasized emphasised emphasizes stressed stresses"
    ).split(),
    "pointed out",
    "points out",
)
"""Verbs of estimating, expecting, announcing and hinting: a clause without 'that' needs a
finite verb ('posted a video' is no speech)."""

THAT_ONLY_CUES = (
    *("denied", "denies", "deny", "urged", "urges", "charged", "proposed"),
    *("replied", "replies", "responded", "responds", "agreed", "agrees"),
)
"""Verbs whose object is reported speech only as a that-clause ('denied the request' is not)."""

QUESTION_CUES = ("questioned", "questions", "wondered", "wonders", "asked", "asks")
"""Verbs reporting a question: speech only before 'whether', 'why', 'if' or 'how'."""

INDIRECT_CUES = (
    *(
        "said says say told added adds warned warns warn argued argues argue "
        "insisted insists claimed claims noted notes explained explains acknowledged admitted "
        "announced confirmed wrote writes tweeted predicted reiterated maintained "
        "contended asserted alleged conceded testified promised pledged vowed revealed disclosed "
        "suggested estimated stated states boasted boasts complained complains bragged recalled "
        "observed remarked countered cautioned tells note explain stress suggest predict "
        "speculated speculates informed allege assured assures "
        "acknowledge admit concede contend maintain assert caution complain recall confirm"
    ).split(),
    "was quoted as saying",
    "is quoted as saying",
    "were quoted as saying",
    *COGNITION_CUES,
    *THAT_ONLY_CUES,
    *QUESTION_CUES,
)
"""Verbs that introduce reported speech (a that-clause or a clause after the verb)."""

SHARED_SUBJECT_CUES = (
    *("saying", "adding", "arguing", "warning", "insisting", "claiming", "noting"),
    *("joking", "stating", "explaining"),
)
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
    commentator contributor chairman chairwoman manager executive envoy negotiator lawyer
    attorney economist strategist scientist meteorologist forecaster premier chancellor counterpart
    representative
    article declaration communique communiqué readout administration staff speaker media
    guru activist activists advocate advocates pollster consultant operative candidate nominee
    congressman congresswoman legislator legislators delegate correspondent reporter journalist
    columnist author historian doctor physician administrator commissioner sheriff detective
    agent inspector staffer pastor bishop allies trader traders dealer dealers investor investors
    banker bankers broker brokers newspaper magazine broadcaster study lawsuit complaint
    indictment filing""".split()
)
"""Lower-case nouns that can head a speaker mention ("the ministry", "a spokesman")."""

BODY_NOUNS = frozenset(
    """association coalition alliance institute foundation federation network survey poll
    service office bureau commission board panel league team university hospital airline
    church museum""".split()
)
"""Heads of a body's mention ('the association said'): a speaker mention, never a role to
carry; a capitalised one ('the Congressional Budget Office') is the body's own name."""
MENTION_HEADS = ROLE_NOUNS | BODY_NOUNS

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
    officer prosecutor judge commentator contributor chairman chairwoman manager executive envoy
    negotiator lawyer attorney economist strategist scientist meteorologist forecaster
    representative speaker
    secretary minister president premier chancellor pollster consultant operative candidate
    nominee congressman congresswoman legislator correspondent reporter journalist columnist
    historian administrator commissioner sheriff pastor bishop""".split()
)
"""Role nouns of one person: 'the attorney' may stand for the person introduced as one."""

ORGANISATION_NOUNS = frozenset(
    """ministry department agency council committee court union campaign company firm group
    organization organisation administration police""".split()
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
    brief freshman sophomore junior first-year""".split()
)
DETERMINERS = frozenset("the a an its his her their this that these those".split())
PRONOUNS = frozenset("he she they it we".split())
NAME_PARTICLES = frozenset("de van von der bin al la le du da del".split())
"""Lower-case words inside a name: 'Bill de Blasio', 'Ursula von der Leyen'."""
PERSON_PRONOUNS = frozenset(("he", "she"))
OWN_VOICE = re.compile(
    r"(?i:we|(?:this|our)\s+(?:newspaper|paper|magazine|publication|website|editorial\s+board"
    r"|editors|reporters?|correspondents?)(?:['’]s\s+(?:[\w\-]+\s+){0,2}?(?:bureau|report|"
    r"editorial|editors|reporters?|correspondents?))?)"
)
"""The outlet naming itself: 'we', 'this newspaper', 'our reporter', 'this magazine's
Washington bureau' (the gold guides credit those words to the outlet)."""
OWN_VOICE_CUES = frozenset(
    """said says wrote writes noted notes added adds reported reports explained explains
    argued argues warned warns observed concluded predicted called described declared
    stated insisted urged suggested cautioned""".split()
)
"""Verbs by which an outlet states in print what it holds ('we noted', 'we added'); 'we
asked' and 'we told' are a writer's conversations, not the outlet's words."""
CONTINUING_CUES = frozenset("added adds continued continues".split())
"""Cues that keep the current speaker: '“…,” she added' follows the last attribution."""
HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+(?=[A-Z])")
"""Honorifics that show a person's gender."""
ABBREVIATIONS = frozenset(
    """mr mrs ms dr st sen rep gov gen lt col sgt capt cmdr adm maj prof rev jan feb mar
    apr jun jul aug sep sept oct nov dec no inc co corp jr sr vs ft mt ave atty""".split()
)


def word_trie(words: Iterable[str]) -> str:
    """An alternation of ``words`` factored by their letters ('spokes(?:man|woman)'): the same
    words as a plain alternation, without trying every word at every position."""
    tree: dict = {}
    for word in set(words):
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(k) + pattern(v) for k, v in sorted(node.items()) if k]
        if "" in node:
            return f"(?:{'|'.join(branches)})?" if branches else ""
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return pattern(tree)


WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

OPENERS = "“‘\"'"
MARKS = re.compile(r"[“”\"‘’']")
SINGLE_MARKS = re.compile(r"[‘’']")
WORD = re.compile(r"[\w’'.\-&]+|[^\w\s]")
NOT_AS_VERB = (
    "".join(
        rf"(?<!\b{w} )(?<!\b{w.capitalize()} )" for w in ("the", "a", "its", "his", "her", "their")
    )
    + r"(?:(?!report)|(?<!’s )(?<!'s ))"
    + r"(?!reports\s+(?:are|were|of|say|said|suggest|suggested|show|showed|have|had|indicate)\b)"
)
"""A cue word written as a noun or adjective: 'the claims', 'his notes', 'the CIA’s reported
assessment', 'if reports are accurate'."""


QUOTED_AS = (
    r"\b(?:was|were|is|are|has\s+been|had\s+been)\s+quoted\s+"
    r"(?:(?:by|in|on)\s+[^,.;:“”\"\n]{2,80}?\s+)?as\s+saying\b"
)
"""'X was quoted (by Y) as saying': X speaks, Y only passes the words on."""


def verb_pattern(words: Iterable[str], quoted_as: bool = False) -> re.Pattern[str]:
    """Any of ``words`` used as a verb (:data:`NOT_AS_VERB`), tested only where one stands;
    with ``quoted_as``, :data:`QUOTED_AS` too."""
    trie = word_trie(words)
    verb = rf"\b(?={trie}\b){NOT_AS_VERB}{trie}\b"
    return re.compile(rf"{QUOTED_AS}|{verb}" if quoted_as else verb)


CUE = verb_pattern(QUOTE_CUES, quoted_as=True)
OPENING_CUE = re.compile(rf"\s*({word_trie(v.capitalize() for v in QUOTE_CUES)})\s+(?=[A-Z])")
"""A cue opening its sentence before the speaker: 'Added Toner, the former chairman: “…”'."""
CUE_WORDS = frozenset(v.capitalize() for v in QUOTE_CUES)
PARTIAL_CUE = verb_pattern(PARTIAL_CUES)
INDIRECT_CUE = verb_pattern((*INDIRECT_CUES, *SHARED_SUBJECT_CUES), quoted_as=True)
SOURCE = re.compile(r"\b(?:[Aa]ccording to|[Pp]er)\s+")
RELATIVE_END = re.compile(
    r",\s+(?:who|which)(?:\s+(?:also|later|previously|still|now|has|have|had))?$"
)
"""A relative pronoun before a cue: '…, who said …', '…, which say …'."""
ANTECEDENT = re.compile(
    r"(?<![\w’'.\-])[A-Z][\w’'.\-]*(?:\s+(?:(?:of|for)\s+)?[A-Z][\w’'\-]*){0,4}$"
    r"|\b(?:[A-Z]\w+\s+)?[a-z]+s$"
)
"""What a relative pronoun stands for: a name ('ASNE legal counsel Kevin Goldberg' gives its
capitalised words) or a plural noun ('Western nations')."""
SOURCE_LINK = re.compile(r"(?:And|But|Yet|So|Because|Still|Now|Indeed|Instead|Also)\s+")
"""A conjunction before a sentence-opening source: 'But according to X, …' opens with X."""
SOURCE_CLAUSE = re.compile(r"(?:^|,\s*)([Aa]ccording to|[Pp]er)\s+([^,;“”\"]{2,60}),")
TIME = (
    rf"(?:(?:on|last|this|late|early|next)\s+)?(?:{WEEKDAYS})"
    r"(?:\s+(?:night|morning|afternoon|evening))?"
    r"|(?:last|this|next|earlier this|late last|early last)\s+"
    r"(?:week|month|year|weekend|night|summer|spring|fall|autumn|winter)"
    rf"|(?:on|in)\s+(?:{MONTHS})(?:\s+\d{{1,2}})?|(?:{MONTHS})\s+\d{{1,2}}\b|yesterday|today|tonight|earlier|later"
    r"|also|then|again|previously|recently|once|reportedly|publicly|privately|separately|further|simply|only"
    r"|still|(?:more\s+|less\s+)?often"
    r"|has|have|had|has also|had also|would|will|has previously|has repeatedly|repeatedly"
    r"|instead|since\s+(?:last|early|late)\s+\w+|(?!(?:family|ally|rally|assembly|supply|reply)\b)[a-z]{2,}ly"
)
LEADING_LINK = re.compile(
    r"^(?:(?:and|but|while|as|so|yet|then|where|when|after|because|since|though|although|if"
    r"|instead|however|meanwhile|still|later|earlier|separately|now|moreover|indeed|especially"
    r"|even|just|shortly|soon|long|also|which|who|that|whom)\s*,?\s+)+",
    re.IGNORECASE,
)
RECIPIENT = (
    r"(?:the\s+)?[A-Z][\w.&]*(?:\s+[A-Z][\w.&]*){0,3}|him|her|them|us|me"
    r"|reporters|journalists|lawmakers|supporters|analysts|investors|\w+ers"
    r"|(?:an?|the)\s+(?:[\w\-]+\s+){0,2}?(?:conference|hearing|briefing|committee|panel|audience"
    r"|crowd|rally|meeting|forum|gathering|summit|jury|court|session)"
)
"""Whom a speaker 'told': 'told reporters', 'told The Wall Street Journal'."""
SETTING = (
    r"(?:in|at|during|on|via|through)\s+(?:an?|the|his|her|their|its)\s+(?:[\w’'\-]+\s+){0,3}?"
    r"(?:interview|statement|conference|briefing|call|hearing|filing|email|e-mail|letter|post"
    r"|tweet|speech|meeting|release|session|appearance|message|note|report|op-ed|address"
    r"|lecture|book|column|essay|article|memo|podcast|blog)s?"
    r"(?:\s+(?:with|to|on)\s+(?:the\s+)?[A-Z][\w.&’'\-]*(?:\s+(?:[A-Z][\w.&’'\-]*|and|of)){0,4})?"
    r"|on\s+(?:Twitter|Facebook|X|Instagram|Truth Social|CNN|Fox News|MSNBC|NBC|CBS|ABC|NPR)"
    r"|to\s+(?:reporters|journalists)"
)
"""Where words were said, after the cue: 'said in an interview', 'wrote on Twitter'."""
APPOSITIVE_NAME = re.compile(
    r"(?:\s+and\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)?,\s+([A-Z][\w’'\-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'\-]+)){1,3})\s*(?:[.,]|$)"
)
"""The name set off after an inverted cue's role: '…, said the campaign manager, Robby Mook.',
'…, said the group's President and CEO, Jo Ng.'"""
SHARED_INTRO = re.compile(
    r",\s+(saying|tweeting|writing|adding|declaring|noting|telling \w+)\s*[:,]\s*$"
)
"""A participle sharing the sentence's subject, introducing the quote: ', tweeting: “'."""
PARTY_TAG = re.compile(r"\s*\((?:[DRI]|Dem|Rep|Ind)(?:[\-–,.][^()]{0,20})?\)\s*$")
"""A party-state tag closing a speaker's name: 'Buck McKeon (R-Calif.)', 'Paul Ryan (R)'."""
PERSON_OF_BODY = re.compile(
    r"^(.*?\b[A-Z][\w’'\-]+\s+[A-Z][\w’'\-]+)\s+(?:of|from|at|with)\s+the\s+[A-Z]"
)
"""A person named with the body they belong to: 'Evan Price of the Red Cross'."""
SPEECH_NOUN = re.compile(
    r"\b([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s\s+(?:own\s+|earlier\s+|latest\s+)?"
    r"(reference|remarks?|comments?|description|characterization|characterisation|claims?"
    r"|assertion|warning|pledge|promise|statement|tweet|post|accusations?|allegations?"
    r"|suggestion|insistence|argument|criticism|complaint|denial|admission|vow|threat)\b"
)
"""A noun of speech owned by a name: 'Pompeo’s reference to …', 'Smith’s remarks about …'."""
TITLE_BEFORE = re.compile(
    r"(?:['’]s|\b(?:told|on|of|in|at|episode|show|program|programme|film|book|titled|entitled))\s*$"
    r"|\b(?:book|film|show|program|programme|novel|memoir|documentary|album|song|essay|play)"
    r",\s*$"
)
"""Words before a title in quote marks: 'told “The Story”', 'an episode of “Hardball”',
'his 2000 book, “The Long Road,”'."""
TERM_BEFORE = re.compile(r"\b(?:[Kk]nown\s+as|[Ss]o-called)\s*$")
"""Words before a term in quote marks, nobody's words: '(known as “homophily”)'."""
TITLE_SMALL_WORDS = frozenset("of the a an and in on for to at with".split())
CUE_AFTER = re.compile(
    rf"\s*,?\s*(?:(?:{'|'.join(QUOTE_CUES)})\s+(?:[A-Z]|(?:the|a|an)\s)|(?:he|she|they|[A-Z][\w.’'\-]*"
    rf"(?:\s+[A-Z][\w.’'\-]*){{0,5}}|(?:the|a|an)(?:\s+[\w.’'\-]+){{1,4}})"
    rf"\s+(?:{'|'.join(QUOTE_CUES)}|{QUOTED_AS})\b)"
)
"""A speaker named right after a quote with the cue: ', said X', ' X said', ' she added',
' U.S. Special Counsel Robert Mueller said', ' the mayor said', ', said an official'."""
SENT_NOUNS = DOCUMENT_NOUNS | {"email", "e-mail", "tweet", "post", "message", "note"}
DOCUMENT_FROM = re.compile(
    rf"\b(?:{'|'.join(sorted(SENT_NOUNS))})"
    r"\s+(?:(?:sent|written|issued|posted|released)\s+)?(?:from|by)\s+"
    r"((?:[A-Z][\w.’'\-]*\s+){0,3}[A-Z][\w’'\-]+)$"
)
"""A document introduced with its sender: 'the memo sent from Goodell:', 'a letter by X:'."""
DOCUMENT_OWNER = re.compile(
    r"\b(?:a|an|the)\s+((?:[A-Z][\w.’'\-]*\s+){0,2}[A-Z][\w.’'\-]*)\s+"
    r"(?:article|story|report|post|tweet|statement|letter|memo|column|editorial|piece|op-ed|video)"
    r"\s+$"
)
"""A document named by its owner right before a participle: 'a Federalist story blaming …'."""
RELATIVE_LEAD = re.compile(r"(?:which|who|whom|that|where|when)\b[^,]{0,160},\s+")
"""A relative clause between an adverbial lead and the subject: 'In the memo, which …, X'."""
DASH_ASIDE = re.compile(r"\s(?:--|—|–)\s?[^—–\n]{2,160}?\s?(?:--|—|–)(?=\s)")
"""An aside set off by dashes between a speaker and the cue: ' -- who was there -- told'."""
INTRODUCERS = (":", ",", "—", "–")
"""Punctuation that ends the words introducing a quote."""
TOLD_RECIPIENT = re.compile(rf"\btold\s+(?:{RECIPIENT}),$")
"""'told the Senate Judiciary Committee,' right before a quote: the quote is full."""
CUE_TAIL = (
    rf"(?:(?:(?<=told)|(?<=tells)|(?<=informed))\s+(?:{RECIPIENT}))?(?:\s+(?:{TIME}|{SETTING}))*"
)
"""What may follow a sentence-final cue: a recipient of 'told', times and settings."""
INVERTED_END = re.compile(rf"(?:\s+(?:{TIME}|{SETTING}))*\s*(?:,|$)")
"""After the speaker of an inverted cue ('…, said X'): the sentence ends, or an appositive."""
ROLE_APPOSITIVE = re.compile(
    r"\s+(?:[a-z][a-z\-]+\s+){0,3}(?:"
    + "|".join(sorted(PERSON_ROLES, key=len, reverse=True))
    + r")\b"
)
"""A role written after a name without its comma: '…, says Sean Snaith economics professor at
the University of Central Florida'."""
FRAME = re.compile(
    r"(?:^|,\s+)(?:[Ii]n\s+(?P<owner>[^,;]{2,60}?)['’]s?\s+(?P<view>view|words|opinion|estimation)"
    r"|[Ii]n\s+the\s+(?P<of_view>view|words|opinion|estimation)\s+of\s+(?P<of>[^,;]{2,60}?)"
    r"|[Aa]s\s+(?P<as>[^,;]{2,60}?)\s+(?P<as_cue>put it|"
    + "|".join(QUOTE_CUES)
    + rf"))(?:\s+(?:{TIME}))*(?=\s*,|\s*$)"
)
"""A view framed as someone's: 'in X's view', 'in the words of X', 'as X put it', 'as X noted'."""
COLON_INTRO = re.compile(rf"({QUOTED_AS}|\b{word_trie(QUOTE_CUES)}\b){CUE_TAIL}\s*:\s*")
"""A cue closed by a colon, the quoted words after it: 'X said in a statement: …'."""
PASSIVE = re.compile(
    r"(?:[A-Z][\w ]{0,30},\s+)?[Ii]t(?:\s+(?:was|is|has\s+been|had\s+been)|['’]s)\s+"
    r"(?:(?:also|widely|generally|now)\s+)?"
    r"(announced|reported|disclosed|confirmed|estimated|alleged|revealed|agreed|said)"
    rf"(?:\s+by\s+[^,;“”\"]{{2,80}}?)?(?:\s+(?:{TIME}))*\s+that\s+"
)
"""'It was announced Monday that …', 'It's widely agreed by X that …': reported speech
without a speaker (an agent after 'by' is many people or a source, not one speaker)."""
TIME_TAIL = re.compile(rf"(?:\s+(?:{TIME}))+\s*$")
TIME_HEAD = re.compile(rf"^(?:\s*,?\s*(?:{TIME})\b)+")
SENTENCE_END = re.compile(r"[.!?…]+[”\"’')]*\s+(?=[A-Z“\"‘(\d])|[.!?…]+(?=[“‘][A-Z])")
"""A sentence's end: its stop, closing marks and space; or a stop run into a curly opening
mark, as scraped text often has it ('The Hill reported.“We are …')."""
ADVERBIAL_LEAD = re.compile(
    r"(?:[A-Z][\w’']*(?:\s+[\w’']+){0,3}:\s+(?=[A-Z]))?"  # a label: 'What they're saying: '
    r"(?:That['’]s\s+(?:why|how|when|where)\s+)?"
    r"(?:(?:When|After|Before|While|As|Although|Though|If|Since|Because|Despite|In|On|At|During"
    r"|Following|Earlier|Later|Last|This|Asked|Speaking|For|With|Under|Amid|Ahead|Instead"
    r"|However|Meanwhile|Still|Separately|Then)\b[^,]{0,120},\s+)?(?:(?:And|But|Yet|So)\s+)?"
)
NAME = r"[A-Z][a-z][\w’'\-]*(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'\-]+){1,2}"
ROLE_BEFORE_NAME = re.compile(rf"\b(?i:{word_trie(PERSON_ROLES)})\s+({NAME})\b")
ROLE_AFTER_NAME = re.compile(
    rf"\b({NAME}),\s+(?:a|an|the|[A-Z][\w.\-]*['’]s)\s+([^,.;]{{0,60}}?\b(?:{'|'.join(PERSON_ROLES)}))\b"
)
WORDS_BEFORE = re.compile(r"(?:[A-Za-z][\w.\-]*\s+){0,3}$")
PARENTHETICAL = re.compile(
    rf",\s+([^,]{{2,60}}?)\s+({'|'.join(INDIRECT_CUES)})(?:\s+(?:{TIME}))*,\s+(?=\S)"
)
CLAUSE_WORD = re.compile(r"\b(?:when|where|who|whom|whose|which|because|after|before|if|while)\b")
"""A subordinate clause: 'Juneteenth marks the day when soldiers went … and announced …'."""
SECOND_REPORT = re.compile(
    r"(?:,\s+|\s+(?:and|but)\s+(?:also\s+)?)(adding|added|saying|explaining|noting|arguing"
    r"|insisting|warning|claiming)\s+(?:that\s+)?(?=(?:he|she|they|it|the|his|her|their|[A-Z])\b)"
)
"""A second report sharing the speaker: ', adding (that) …', 'but added that …'."""
SUBORDINATE = (
    r"(?:as|and|but|or|while|because|since|when|after|before|although|though|if|so|which|who"
    r"|where|whose|adding|saying|noting)\b"
)
"""Words opening a clause of the outlet's own after an attribution: ', as Duncan did'."""
SPEECH_CUES = frozenset(
    "said says say told argued argues argue warned warns warn claimed claims claim insisted "
    "insists insist wrote writes note explain allege alleged alleges "
    "noted notes stated states explained explains acknowledged admitted announced".split()
)
"""Verbs that report speech whoever the subject is: 'Her father claimed …'."""
RELATIVE_REPORT = re.compile(
    r",\s+(?:who|which)(?:\s+(?:also|later|previously|still|now|has|have|had))?\s+"
    rf"({word_trie(SPEECH_CUES)})\b"
)
"""A report in a relative clause after its speaker: '…, who says the problem …'."""
PRONOUN_CLAUSE = re.compile(r"(?:he|she|they|we|I)(?:['’](?:ve|re|d|ll|m))?\s+[a-z]")
"""A subject pronoun opening the words after a cue: a reported clause, not an object."""
UNNAMED_SOURCE = re.compile(
    r"(?i:an?|one|two|three|four|several|some|the|other)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:sources?|officials?|people|persons?|aides?)\s+"
    r"(?:familiar\s+with|briefed\s+on|close\s+to|with\s+(?:direct\s+)?knowledge\s+of"
    r"|involved\s+in|knowledgeable\s+about)\s"
)
"""An unnamed source in the wire's words ('a person familiar with the talks', 'two sources
with knowledge of the situation'): such a subject only ever speaks, so the words after its
verb are what it said."""
PLAIN_SUBJECT = re.compile(r"(?:[A-Za-z][\w’'.\-&]*\s+){0,7}[A-Za-z][\w’'.\-&]*")
NOT_SUBJECT_OPENERS = frozenset(
    "i we you it this that there what which who when where how why if as what's".split()
)
"""Words that open no reporting subject: the writer ('I said'), a clause ('what he said')."""
NOT_SUBJECT_WORDS = frozenset(
    """is are was were be been has have had will would can could should may might must do
    does did not never that which who whom when if because than""".split()
)
"""Words that show the text before the verb is a clause, not a noun phrase."""
CLAUSE_START = re.compile(
    r"^(?:that\s+)?(?=(?:he|she|it|they|we|i|there|the|a|an|this|these|those|his|her|its|their|"
    r"[A-Z]\w*|\d|[a-z]+\s+(?:should|would|could|will|must|may|might|can|are|were|have)))\b",
)
FINITE_VERB = re.compile(
    r"(?:[\w’'.$%&\-]+\s+){1,6}?(?:is|are|was|were|will|would|could|can|may|might|should|must"
    r"|has|have|had|did|does|do|won['’]t|\w+n['’]t|to\s+[a-z]+)\b"
)
AUXILIARY_CLAUSE = re.compile(
    r"(?:[\w’'.$%&\-]+\s+){1,6}?(?:is|are|was|were|will|would|could|can|may|might|should|must"
    r"|has|have|had|did|does|won['’]t|\w+n['’]t)\b"
)
"""A clause after 'said' without 'that': a subject of a few words, then its auxiliary verb
('He said half of those found were male', 'Wong said candidates won't win')."""
CONTRACTION = re.compile(
    r"(?i)n['’]t$|^(?:it|i|he|she|we|they|that|there|you)['’](?:s|m|re|ve|ll|d)$"
)
PERSON_NAME = re.compile(
    rf"\b(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?\s+[A-Z][a-z]+"
    rf"|(?!(?:{WEEKDAYS}|{MONTHS}|The|In|On|At|But|And|For|As|If|When|While)\b)"
    r"[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?[A-Z][a-z]{2,}(?!\s+(?:House|Department|Council|Court|Street|States|Nations|Union|Ministry|Party|Agency|Times|Post|News|Journal)\b))"
)


IRREGULAR_PAST = (
    "wrote|spoke|told|said|made|took|gave|met|ran|won|became|got|went|came|saw|put|set|began"
    "|brought|held|kept|left|sent|stood|struck|thought|felt|found|knew|led|lost|paid|sat|sold"
)
"""Verbs of the past without -ed that follow a subject: 'Trump got at a similar point'."""
ADVERB = r"(?:\s+(?:also|still|then|later|again|[a-z]{2,}ly))"
"""An adverb between a subject and its verb: 'LePage still expressed …'."""
SUBJECT_NAME = re.compile(
    r"(?:(?:former|then|acting|longtime|veteran|retired)\s+(?=[A-Z]))?"
    rf"(?:(?:[A-Z][\w’'.\-]*\s+){{0,3}}(?:[a-z]+\s+)?(?:{'|'.join(PERSON_ROLES)})\s+(?=[A-Z]))?"
    r"((?:[A-Z][\w’'.\-]*\s+){0,5}[A-Z][\w’'\-]+)"
    rf"(?=(?:\s*\([^()]{{1,25}}\))?\s*,\s+(?:who|whose|a|an|the|[a-z]+\s+of"
    rf"|(?:[a-z][\w\-]*\s+){{0,2}}(?:{'|'.join(PERSON_ROLES)})\s+(?:of|for|at)\s)\b"
    rf"|{ADVERB}?\s+(?:[a-z]{{3,}}ed|[a-z]{{3,}}s|has|had|is|was|will"
    rf"|would|{IRREGULAR_PAST})\b)"
)
SENTENCE_WORDS = (ENGLISH_STOP_WORDS | SENTENCE_OPENERS) - {"the", "bill", "de"}
"""Words opening a sentence, never a name ('However', 'Some', 'While'); 'The' may open one,
and 'Bill' and 'de' are names too (scikit-learn lists 'bill' as a stop word)."""
GROUP_NAMES = frozenset(
    """republicans democrats conservatives liberals progressives independents libertarians
    socialists communists officials critics lawmakers senators analysts experts protesters
    activists supporters opponents residents americans people men women children""".split()
)
"""Capitalised plurals that name a group: never a person speaker."""
PARTY_EPITHET = re.compile(
    r"[Tt]he\s+(?:(?:[A-Z][\w.\-]*\s+){0,2}(?:Republican|Democrat)"
    r"|(?:[A-Z][\w.\-]*\s+){1,2}(?:lawmaker|legislator|congressman|congresswoman|senator))"
)
"""'the Kentucky Republican', 'the Kentucky lawmaker': a stand-in for the person named
before, like 'he'."""
NOT_NAME_WORDS = frozenset(
    """House Senate Court Department Ministry Party Committee Council Agency Administration
    Office Bureau Commission Union University College Institute Foundation Association Center
    Centre Bank Fund Company Group Times Post News Journal Street States Nations Republicans
    Democrats Americans New North South East West United San Los Las Saint Fort Lake Mount
    County City State Church Board Service Congress Republican Democrat Democratic""".split()
)
"""Capitalised words that make a sentence's subject a body or place, not a person."""
APPOSITIVE_VERB = re.compile(
    r",\s+(?:the|a|an)\s+[^,;:“”\"]{2,80}?,"
    rf"{ADVERB}?\s+(?:[a-z]{{3,}}ed|[a-z]{{3,}}s|has|had|is|was|will|{IRREGULAR_PAST})\b"
)
"""An appositive and the subject's verb: ', the erstwhile Democratic nominee, sat down'."""
PAST_VERB = re.compile(rf"{ADVERB}?\s+(?:[a-z]{{3,}}ed|{IRREGULAR_PAST})\b")
"""A verb of the past right after a subject, an adverb allowed: 'Musk still downplayed'."""
_INDIRECT = "|".join(INDIRECT_CUES)
REPORT_TAIL = re.compile(
    rf",\s+((?:[^,]{{1,80}}?)\s+({_INDIRECT})|({_INDIRECT})\s+([^,]{{2,80}}?))"
    rf"{CUE_TAIL}(?:,[^,]*)?$"
)
"""A report closing its sentence: '…, X said.', '…, said X.', '…, X said, adding …'."""
TOLD_PASSIVE = re.compile(
    r"\b(?:was|were|had\s+been|have\s+been|has\s+been)\s+(told)"
    r"(?:\s+by\s+(?P<agent>[^,;“”\"]{2,60}?)\s+that|\s+that)?\s+(?=\S)"
)
"""'They were told (by X) (that) …': speech reported to the subject; the agent speaks."""
TOLD_PASSIVE_END = re.compile(r",\s+(?:I|we|he|she|they)\s+(?:was|were)\s+(told)$")
"""'…, I was told.': the sentence before is what someone said to the writer."""
INNER_REPORT = re.compile(rf",\s+([^,]{{2,80}}?)\s+({_INDIRECT})(?:\s+(?:{TIME}))*\s*$")
"""'…, X said' before 'according to Y': X speaks, Y relays."""
RESUMED = re.compile(rf"{CUE_TAIL}\s*,\s+(?!{SUBORDINATE})(?=\S)")
"""The report resuming after its attribution: '…, he said, is how opposition softened'."""
RECIPIENT_CUES = frozenset(("told", "tells", "informed", "assured", "assures"))
"""Verbs of speech whose recipient comes before the reported clause: 'assured voters that'."""
TOLD_WHOM = re.compile(rf"\s+(?:{RECIPIENT})\b")
WROTE_TO = re.compile(
    r"(?:[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3}|him|her|them|us|me)\s+(?:an?|the)\s+"
)
"""'wrote Oakes a letter', 'wrote him the note': a thing written to someone, no speech."""
