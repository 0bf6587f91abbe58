"""Whether two sentences of a claim report the same fact: actors, numbers and the event.

TF-IDF similarity joins sentences that share words; shared topic words are
not the same fact. Two sentences report the same fact (``same_fact``) when

- their actors agree (``agree``): when both open with a name, their
  subject, each opening name is among the other's names ("China has not
  endorsed ..." and "Ukraine did not condemn ..." have different actors;
  variants count: "Russia" / "Russian", "Abadi" / "al-Ibadi", "Masoum" /
  "Massoum"). A quotation has no opening subject (its first words are the
  speaker's), and names further in a sentence (the agency it cites, a place)
  do not split one fact. Stop words, titles, offices, months and weekdays are
  not names;
- their numbers agree: they share a number or one of them has none; number
  words and ordinals count as their number ("40 occasions" and "the
  fortieth meeting" agree, "2,000 troops" and "50 copies" do not);
- they share the event: at least ``MIN_EVIDENCE`` points of evidence, one per
  content word stem both use (words cut to ``STEM`` letters, so "refugees" and
  "refugee" or "nominated" and "nomination" meet), one per further word of
  one with a synonym or derived word among the other's (``word_meanings``:
  "killed" / "died", "accused" / "accusation"), and two per shared number,
  and at least ``MIN_SUPPORT`` points once the names both use count too (one
  per name word; a shared number counts three): two shared words alone
  ("high school", "tit-for-tat") are what unrelated sentences of one story
  share, two shared words about the same person are a fact. Stop words,
  negations, offices, titles, calendar words and reporting verbs ("said",
  "tweeted") are never evidence, and no word that is a topic word of both
  articles is (every sentence of a story has them); a clock time ("11:43 a.m.") is one number;
- their speakers agree (``statements_agree``): two sentences that quote or
  report different people ("Mattis said ..." / "McGurk wrote ...") are two
  statements, however alike their words; a sentence that reports what an
  unnamed source said ("..., the council said") matches a quoted one only when
  it names that speaker, or when the two are near-verbatim copies. A news
  organisation cited as a source ("the AP reports", "according to Reuters")
  is no speaker (``without_news``): the fact is the same whoever relays it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from analysis.corpus.text import TITLES
from analysis.emphasis.terms import WORD_CLASS
from analysis.overlap.sentence_similarity import STEM, tokens
from analysis.overlap.word_meanings import Meanings, meanings, soft_shared
from analysis.stop_words import ENGLISH_STOP_WORDS
from analysis.voices.cues import CUE_VERBS

_CUES = frozenset(CUE_VERBS)

MIN_EVIDENCE = 2
MIN_SUPPORT = 3
TOPIC_SHARE = 0.1
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
_DIGITS = re.compile(r"\d{1,2}:\d\d|\d[\d,]*(?:\.\d+)?")
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
_QUOTES = frozenset("\"“‘'«")
_MODIFIER = re.compile(r"-[a-z]+$")
# News organisations a sentence may cite as its source: agencies, and words of outlet names.
_NEWS = re.compile(
    r"\b(?:AP|AFP|UPI|Reuters|Associated Press|Agence France-Presse|Bloomberg|Xinhua|TASS|"
    r"Interfax|News|Times|Post|Journal|Press|Telegraph|Guardian|Herald|Tribune|Gazette|"
    r"Examiner|Magazine|Newsweek|Radio|Television|TV|CNN|BBC|NPR|NBC|CBS|ABC|MSNBC|Politico|"
    r"Axios)\b"
)
_ARTICLE = re.compile(r"^(?:al|el|Al|El)-(?=[A-Z])")
# Words every sentence of a story may share without sharing its event.
_NO_EVIDENCE = (
    ENGLISH_STOP_WORDS
    | _CALENDAR
    | _OFFICES
    | {t.lower() for t in TITLES}
    | set(CUE_VERBS)
    | {"acting", "according", "report", "reports", "reported", "tweet"}
)


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
        word = _ARTICLE.sub("", re.sub(r"['’]s$", "", match.group()).rstrip("."))
        initial = not text[: match.start()].strip(" \t\"“‘'([-—–")
        ordinary = initial and (word.lower() in common or word.lower() in WORD_CLASS)
        modifier = bool(_MODIFIER.search(word))  # "Shiite-dominated", "Kremlin-backed"
        if not word or word.capitalize() in _NOT_NAMES or ordinary or modifier:
            continue
        if runs and not text[end : match.start()].strip():
            runs[-1].append(word)
        else:
            runs.append([word])
        end = match.end()
    return [tuple(run) for run in runs]


def _same_name(a: str, b: str) -> bool:
    """Equal, one a variant of the other ("Russia" / "Russian"), or, from five
    letters, one letter apart ("Abadi" / "Ibadi", "Masoum" / "Massoum")."""
    short, long = sorted((a, b), key=len)
    if short == long or (len(short) >= 4 and long.startswith(short)):
        return True
    return len(short) >= 5 and _one_edit(short, long)


def _one_edit(short: str, long: str) -> bool:
    """Whether ``long`` is ``short`` with one letter changed or added."""
    if len(long) - len(short) > 1:
        return False
    if len(long) == len(short):
        return sum(x != y for x, y in zip(short, long, strict=True)) == 1
    k = next((k for k, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    return short[k:] == long[k + 1 :]


def _opens_with_name(text: str, first: tuple[str, ...]) -> bool:
    """Whether the sentence's first words, before ``first``, are no content words:
    "President Vladimir Putin met ..." opens with a name, "Asked about Xi, ..." does not."""
    if text.lstrip()[:1] in _QUOTES:  # a quotation opens with the speaker's words
        return False
    before = text[: text.find(first[0])] if first[0] in text else text
    return all(w in _NO_EVIDENCE for w in tokens(before))


def _names_agree(
    a: list[tuple[str, ...]], b: list[tuple[str, ...]], opens: tuple[bool, bool]
) -> bool:
    """The actors agree: when both open with a name (their subject), each
    opening name is among the other's names."""
    if not a or not b:
        return True
    words_a = [w for run in a for w in run]
    words_b = [w for run in b for w in run]

    def found(run: tuple[str, ...], words: list[str]) -> bool:
        return any(_same_name(x, y) for x in run for y in words)

    return not all(opens) or (found(a[0], words_b) and found(b[0], words_a))


def numbers(text: str) -> frozenset[float]:
    """Numbers in ``text``, written in digits or words (ordinals count as their number)."""
    found = {float(m.group().replace(",", "").replace(":", ".")) for m in _DIGITS.finditer(text)}
    found |= {float(_NUMBER_WORDS[w]) for w in _WORD.findall(text.lower()) if w in _NUMBER_WORDS}
    return frozenset(found)


def _compatible(a: frozenset[float], b: frozenset[float]) -> bool:
    """Both sets empty-or-overlapping: one side saying nothing is no contradiction."""
    return not a or not b or bool(a & b)


@dataclass(frozen=True)
class Profile:
    """What a same-fact test compares of one sentence: names, numbers, event words."""

    names: tuple[tuple[str, ...], ...]
    opens_with_name: bool
    numbers: frozenset[float]
    evidence: frozenset[str]
    name_stems: frozenset[str] = frozenset()
    reports: bool = False  # it reports what someone said ("..., the council said")
    meanings: Meanings = ()  # meaning keys of its evidence words (``word_meanings``)


def profile(text: str, common: frozenset[str] = frozenset()) -> Profile:
    """The names, numbers and evidence words of ``text`` (see the module doc)."""
    runs = names(text, common)
    named = frozenset(w.lower()[:STEM] for run in runs for w in run)
    words = _words(text)
    evidence = frozenset(set(words.values()) - named)
    opens = bool(runs) and _opens_with_name(text, runs[0])
    reports = any(t in _CUES for t in tokens(text))
    known = meanings((w, stem) for w, stem in words.items() if stem in evidence)
    return Profile(tuple(runs), opens, numbers(text), evidence, named, reports, known)


def profiles_agree(a: Profile, b: Profile) -> bool:
    """Actors and numbers agree (see ``agree``)."""
    opens = (a.opens_with_name, b.opens_with_name)
    return _names_agree(list(a.names), list(b.names), opens) and _compatible(a.numbers, b.numbers)


def _words(text: str) -> dict[str, str]:
    """The words of ``text`` that may be evidence (names not yet removed), with their stems."""
    words = {t.removesuffix("'s") for t in tokens(text)}
    return {w: w[:STEM] for w in words if len(w) > 2 and not w.isdigit() and w not in _NO_EVIDENCE}


def _stems(text: str) -> set[str]:
    """Stems of the words of ``text`` that may be evidence (names not yet removed)."""
    return set(_words(text).values())


def topic_words(texts: Iterable[str], share: float = TOPIC_SHARE) -> frozenset[str]:
    """Stems in at least ``share`` of ``texts`` (one article's sentences): its topic."""
    texts = list(texts)
    counts = Counter(stem for text in texts for stem in _stems(text))
    return frozenset(stem for stem, n in counts.items() if n >= max(2, share * len(texts)))


def profiles_share_event(a: Profile, b: Profile, topic: frozenset[str] = frozenset()) -> bool:
    """At least ``MIN_EVIDENCE`` points: one per shared evidence word that is not a
    ``topic`` word of both articles, one per further pair of synonyms or derived
    words (``word_meanings.soft_shared``), two per shared number; and ``MIN_SUPPORT``
    points with the shared names (not topic words either) counted too, and a
    shared number three times (a number both give is the surest mark of one fact)."""
    numbers = 2 * len(a.numbers & b.numbers)
    shared = (a.evidence & b.evidence) - topic
    words = len(shared) + soft_shared(a.meanings, b.meanings, shared | topic) + numbers
    names = len((a.name_stems & b.name_stems) - topic)
    return words >= MIN_EVIDENCE and words + names + numbers // 2 >= MIN_SUPPORT


def shared_support(a: Profile, b: Profile, topic: frozenset[str] = frozenset()) -> int:
    """The evidence words, names and numbers two sentences share besides ``topic`` words."""
    names = (a.name_stems & b.name_stems) - topic
    return len((a.evidence & b.evidence) - topic) + len(names) + len(a.numbers & b.numbers)


def agree(a: str, b: str, common: frozenset[str] = frozenset()) -> bool:
    """Whether sentences ``a`` and ``b`` agree on their actors and the numbers they give.

    ``common``: words the corpus writes in lower case (``lowercase_words``).
    """
    return profiles_agree(profile(a, common), profile(b, common))


def same_event(a: str, b: str, common: frozenset[str] = frozenset()) -> bool:
    """Whether ``a`` and ``b`` share enough evidence of one event (``MIN_EVIDENCE``)."""
    return profiles_share_event(profile(a, common), profile(b, common))


def _speaker_words(speakers: Sequence[str]) -> list[str]:
    """The capitalised words of the speakers' names, titles and stop words left out."""
    words = (w.strip(".,") for speaker in speakers for w in speaker.split())
    return [w for w in words if w[:1].isupper() and w.capitalize() not in _NOT_NAMES]


def speakers_agree(a: Sequence[str], b: Sequence[str]) -> bool:
    """When both sentences carry attributed speakers (quoted or reported), some
    speaker of one shares a name with some speaker of the other ("Bob Corker" /
    "Corker"): two statements of different people are two facts."""
    if not a or not b:
        return True
    return any(_same_name(x, y) for x in _speaker_words(a) for y in _speaker_words(b))


def speaker_named(speakers: Sequence[str], names: Sequence[tuple[str, ...]]) -> bool:
    """Whether a sentence with no speaker of its own, of ``names``, names one of the
    other sentence's ``speakers`` (trivially so when there are none): "Mattis said
    the plan works" and "The plan works, a spokesman said" are not one statement."""
    if not speakers:
        return True
    words = [w for run in names for w in run]
    return any(_same_name(x, y) for x in _speaker_words(speakers) for y in words)


def statements_agree(
    speakers_a: Sequence[str],
    speakers_b: Sequence[str],
    a: Profile,
    b: Profile,
    verbatim: bool = False,
) -> bool:
    """The speakers agree (``speakers_agree``), and a sentence that reports an
    unnamed source's words names the other's speaker (``speaker_named``) unless
    the two are near ``verbatim`` copies: the same words are the same statement,
    wherever the article puts its attribution. A sentence that reports no one
    (narration) states the fact itself and may match a quoted one."""
    if not speakers_agree(speakers_a, speakers_b):
        return False
    if verbatim or (speakers_a and speakers_b):
        return True
    named_a = not a.reports or speaker_named(speakers_b, a.names)
    named_b = not b.reports or speaker_named(speakers_a, b.names)
    return named_a and named_b


def outlet_words(outlets: Iterable[str]) -> frozenset[str]:
    """The capitalised words of outlet names ("Washington", "Times"): a speaker named
    by them alone is an outlet (see ``without_news``)."""
    return frozenset(w for outlet in outlets for w in _speaker_words([outlet]) if len(w) > 2)


def is_news(speaker: str, outlets: frozenset[str] = frozenset()) -> bool:
    """Whether ``speaker`` is a news organisation: an agency, a name with a media word
    ("The Times", "Fox News"), or one made of ``outlet_words`` alone."""
    words = _speaker_words([speaker])
    return bool(_NEWS.search(speaker)) or (bool(words) and set(words) <= outlets)


def without_news(speakers: Sequence[str], outlets: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """``speakers`` without the news organisations among them (``is_news``): an
    agency or outlet cited as a source ("the AP reports", "according to Reuters")
    relays a fact; it is not a party making a statement."""
    return tuple(speaker for speaker in speakers if not is_news(speaker, outlets))


def same_fact(a: str, b: str, common: frozenset[str] = frozenset()) -> bool:
    """Whether ``a`` and ``b`` report the same fact: actors, numbers and event agree."""
    pa, pb = profile(a, common), profile(b, common)
    return profiles_agree(pa, pb) and profiles_share_event(pa, pb)
