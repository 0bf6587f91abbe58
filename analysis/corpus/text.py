"""Split scraped article text into furniture, paragraphs and sentences.

Scraped news bodies carry page furniture (read-time labels, "Read more" links,
sign-up prompts, photo credits, share bars, copyright lines) between the
paragraphs of the story. This module finds that furniture with a small table
of named line rules, then splits the remaining lines into paragraphs and
sentences. The text is never modified: every result is a pair of character
offsets into the original string, so evidence can be shown exactly as
published.

Rules favour precision over recall: a line is furniture only when it matches
a rule outright, and rules that could hit real prose are limited to short
lines. Sentences are split with a single left-to-right scan over candidate
terminators, so ``segment`` runs in time linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = [
    "Furniture",
    "Paragraph",
    "Sentence",
    "find_furniture",
    "segment",
    "split_paragraphs",
    "split_sentences",
]


@dataclass(frozen=True)
class Furniture:
    """A span of page furniture: a whole line, or a dateline prefix of one."""

    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class Paragraph:
    """A content paragraph, stripped of surrounding whitespace and bullet marker."""

    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence; ``index`` counts over the whole article, ``paragraph`` is its parent."""

    index: int
    paragraph: int
    start: int
    end: int


# ---------------------------------------------------------------------------
# Lines
# ---------------------------------------------------------------------------

_LINE = re.compile(r"[^\r\n]+")
# Whitespace as str.strip sees it, plus zero-width space and BOM, which scrapes often carry.
_STRIP = (
    " \t\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u202f\u205f\u3000\ufeff"
)
_BULLET = re.compile(r"(?:[-*•·▪●◦⦁‣–—]|--)[ \t\u00a0]+")


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of every line with non-blank content, whitespace stripped."""
    for match in _LINE.finditer(text):
        start, end = match.span()
        line = text[start:end]
        stripped = line.lstrip(_STRIP)
        if not stripped:
            continue
        start += len(line) - len(stripped)
        end -= len(stripped) - len(stripped.rstrip(_STRIP))
        yield start, end


# ---------------------------------------------------------------------------
# Furniture rules: one named test per family, applied to whole stripped lines
# ---------------------------------------------------------------------------

# Optional list/markdown decoration around a furniture line: "- Follow us", "*For corrections*".
_LEAD = r"[\s*•⦁·\-–—_]*"
_TRAIL = r"[\s*_]*"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\[email\W{0,3}protected\]", re.IGNORECASE)


def _full(pattern: str, flags: int = re.IGNORECASE) -> Callable[[str], bool]:
    """Test that a stripped line, bar list decoration, is matched entirely by ``pattern``."""
    regex = re.compile(_LEAD + "(?:" + pattern + ")" + _TRAIL, flags)
    return lambda line: regex.fullmatch(line) is not None


def _search(pattern: str) -> Callable[[str], bool]:
    """Test that ``pattern`` occurs somewhere in a line (rules with a telltale phrase)."""
    regex = re.compile(pattern, re.IGNORECASE)
    return lambda line: regex.search(line) is not None


def _starts_and_mentions(start: str, keyword: str) -> Callable[[str], bool]:
    """Test that a line opens with ``start`` and mentions ``keyword`` somewhere."""
    opening = re.compile(_LEAD + "(?:" + start + r")\b", re.IGNORECASE)
    mention = re.compile(keyword, re.IGNORECASE)
    return lambda line: opening.match(line) is not None and mention.search(line) is not None


def _is_contact(line: str) -> bool:
    """Contact lines ask the reader to write somewhere and give an email address."""
    return _CONTACT_OPENING.match(line) is not None and _EMAIL.search(line) is not None


_CONTACT_OPENING = re.compile(
    _LEAD + r"(?:contact|write|e-?mail|send|reach|tips?\b|got\s+a\s+tip|let\s+us\s+know|"
    r"have\s+a\s+(?:tip|story))",
    re.IGNORECASE,
)


def _is_separator(line: str) -> bool:
    """Rules, asterisms and stray markup: lines without a letter or digit, or ``[tag]``."""
    return _NO_ALNUM.fullmatch(line) is not None or _MARKUP.fullmatch(line) is not None


_NO_ALNUM = re.compile(r"[\W_]+")
_MARKUP = re.compile(r"\[/?[a-z_]+\]|</?[a-z]+\s*/?>", re.IGNORECASE)


def _is_breadcrumb(line: str) -> bool:
    """Section paths: "• World", "Russia /", "Home > Politics > Congress"."""
    if _BULLET_SECTION.fullmatch(line):
        return True
    if _TRAILING_SLASH.fullmatch(line):
        return True
    parts = _CRUMB_SEPARATOR.split(line)
    if len(parts) < 2 or len(parts) > 6:
        return False
    return all(_CRUMB_PART.fullmatch(part) for part in parts if part)


_BULLET_SECTION = re.compile(r"[•·▪›»]\s*[\w&’'-]+(?:\s[\w&’'-]+){0,2}")
_CRUMB_SEPARATOR = re.compile(r"\s*[>›»|]\s*")
_TRAILING_SLASH = re.compile(r"[A-Z][\w&’'-]*(?:\s[\w&’'-]+){0,2}\s*/")
_CRUMB_PART = re.compile(r"[A-Z][\w&’'-]*(?:\s[\w&’'-]+){0,2}")


@dataclass(frozen=True)
class _Rule:
    """A furniture family: ``test`` sees a stripped line no longer than ``max_len``.

    The length cap keeps prose out of the looser rules and bounds the regex work
    per line, so finding furniture stays linear in the length of the text.
    """

    name: str
    test: Callable[[str], bool]
    max_len: int
    head_only: bool = False


# Order matters only where families overlap; the first rule that matches names the line.
RULES: tuple[_Rule, ...] = (
    _Rule("separator", _is_separator, 40),
    _Rule(
        "read_time",
        _full(
            r"\d{1,3}\s*-?\s*(?:minutes?|mins?)\.?\s+read"
            r"|(?:estimated\s+)?read(?:ing)?\s+time\s*:?\s*\d{1,3}\s*(?:minutes?|mins?)\.?"
        ),
        40,
    ),
    _Rule(
        "advertisement",
        _full(
            r"(?:advertisement\s*)+(?:continue\s+reading\s+(?:the\s+)?main\s+story)?:?"
            r"|ad|advertising|sponsored(?:\s+content)?|skip\s+advertisement"
            r"|story\s+continues?\s+below|story\s+continued\s+below"
            r"|continue\s+reading(?:\s+the\s+main\s+story|\s+below)"
        ),
        60,
    ),
    _Rule(
        "read_more",
        _full(
            r"(?:read\s+more|also\s+read|read\s+also|recommended\s+reading|further\s+reading)"
            r"(?:\s*(?:[:»>|]|\.{3}|…).*)?"
        ),
        200,
    ),
    _Rule(
        "related",
        _full(
            r"\(?\s*(?:related(?:\s+(?:coverage|stories|articles|content|links|video))?"
            r"|see\s+also|also\s+see|also\s+on\s+[\w .’'-]{1,40}|more"
            r"|more(?:\s+[\w’'-]+){1,3}\s+coverage|full\s+coverage)"
            r"\s*:.*"
            r"|more\s+on\s+this(?:\s*(?:\.{3}|…).*)?|\(\s*photos?\s*:.*\)"
            r"|related\s+coverage\s+\S.*(?<![.!?\"”])"  # 'Related Coverage Pompeo says …'
        ),
        200,
    ),
    _Rule(
        "more_from",
        _full(
            r"more\s+(?:must[\s-]reads?|stories|news|coverage|articles|reads?|videos?)"
            r"\s+from\s+\S.*"
            r"|(?:visit|see|check\s+out)\s.{1,60}?\bfor\s+more\b.*"
        ),
        90,
    ),
    _Rule(
        "watch",
        _full(r"(?:watch|video|listen)\s*:.*|just\s+watched\s.*|watch\s+the\s+latest\s+video\b.*"),
        250,
    ),
    _Rule("contact", _is_contact, 200),
    _Rule("source", _full(r"source\s*:\s*[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/?"), 80),
    _Rule(
        "corrections",
        _full(r"(?:for|to\s+(?:report|submit|request))\s+(?:a\s+)?corrections?\b.*"),
        200,
    ),
    _Rule(
        "signup",
        _starts_and_mentions(
            r"sign[\s-]?up|subscribe|newsletter|get\s+(?:the|our)|want|thank\s+you\s+for\s+signing"
            r"|join\s+(?:our|the)|don['’]t\s+miss|support",
            r"newsletter|inbox|briefing|podcast|sign[\s-]?up\s+(?:here|now|today)|subscribe\s+(?:now|today)"
            r"|a\s+month|per\s+month|youtube\s+channel|alerts|journalism",
        ),
        200,
    ),
    _Rule(
        "signup",
        _full(
            r".{0,120}\b(?:sign\s+up\s+(?:for\s+our\s+newsletter|here|now))\b.{0,40}"
            r"|\(\s*sign\s+up\s+for\s+[^()]{2,100}\)"  # '( Sign up for … tip sheet)'
            r"|sign\s+up\s+for\s+.{0,80}?\b(?:e-?mails?|club|tip\s+sheet|dispatches|today)\b.*"
        ),
        250,
    ),
    _Rule(  # a newsletter box pasted as one line: '… in your inbox. Email Sign Up By signing up …'
        "signup",
        _search(
            r"\bby\s+signing\s+up,?\s+you\s+agree\b|\bthis\s+site\s+is\s+protected\s+by\s+recaptcha\b"
        ),
        700,
    ),
    _Rule(
        "copyright",
        _full(
            r"(?:copyright|©|\(c\))(?:\s*(?:©|\(c\)))?\s*(?:\d{4}|the\b|by\b).*"
            r"|this\s+material\s+may\s+not\s+be\s+published\b.*"
        ),
        250,
    ),
    _Rule("copyright", _search(r"\ball\s+rights\s+reserved\W*$"), 150),
    _Rule(
        "click_here",
        _full(r"(?:please\s+)?click\s+(?:here|for|to)\b.*"),
        220,
    ),
    # "... For more, click here." closing a line, but not a quoted "click here" in the story.
    _Rule("click_here", _search(r"\bclick\s+here\b[^“”\"]{0,60}$"), 220),
    _Rule(
        "social",
        _starts_and_mentions(
            r"follow|like\s+us|join\s+us|find\s+us|connect\s+with|read\s+or\s+share"
            r"|share(?:\s+(?:this|on|via|your|all)\b|\s*:)"
            r"|read\s+\S+\s+new\s+flipboard",
            r"twitter|facebook|instagram|flipboard|linkedin|tiktok|@\w|\bshare\b|\btweet\b",
        ),
        160,
    ),
    _Rule(
        "social",
        _full(
            r"(?:share|tweet|email|e-mail|print|whatsapp|twitter|facebook|pinterest|linkedin|reddit"
            r"|comments?|link\s+copied|copy\s+link|share\s+this(?:\s+(?:article|story))?)\s*:?"
            r"(?:\s+(?:share|tweet|post|email|print|pocket|whatsapp|twitter|facebook|pinterest)\b)*"
        ),
        60,
    ),
    _Rule(
        "caption",
        _full(
            r"(?:enlarge\s+this\s+image|toggle\s+caption|media\s+playback\s+is\s+unsupported"
            r"|image\s+(?:copyright|caption)|facebook\s+twitter\s+pinterest)\b.*"
            r"|\(?(?:image|photo|photograph|picture|photo\s+credit|credit)s?\s*:\s*[^.]{1,60}\.?\)?"
            r"|.{0,50}(?:getty\s+images|shutterstock|dreamstime|pixabay|ap\s+photo)\)?"
        ),
        500,
    ),
    _Rule(
        "caption",
        _search(
            r"\((?:ap\s+|reuters\s+|afp\s+|getty\s+)?photo(?:\s+illustration)?\s*(?:by\b|:|/)"
            r"[^()]{1,100}\)(?:\s*org\s+xmit:.*)?$"
        ),
        500,
    ),
    # a caption closed by its credit after a bar ('… at a rally in Portland. | AP Photo',
    # '… in 2014. | John Shinkle'), a related headline sometimes run on after it
    _Rule(
        "caption",
        _search(
            r"[.!?”\"’)]\s+\|\s+(?:(?:AP|Getty|Reuters|AFP|Bloomberg|EPA)\b.*"
            r"|[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3}\s*$)"
        ),
        600,
    ),
    # a photo gallery pasted as one line, each slide's caption closed by its button
    # ("Photos: The storm's path … Hide Caption 1 of 80 Photos: …"): captions, not the story
    _Rule("caption", _search(r"\bhide\s+caption\s+\d{1,3}\s+of\s+\d{1,3}\b"), 200_000),
    _Rule("breadcrumb", _is_breadcrumb, 60, head_only=True),
    _Rule(
        "media",
        _full(
            r"photos?|videos?|image|slideshow(?:\s*\(\d+\s+images?\))?|(?:prev|next)\s+image\s+\d+\s+of\s+\d+"
            r"|loading\s*(?:\.{3}|…)?|close|play\s+video|replay|view\s+(?:photos|gallery)|youtube"
        ),
        40,
    ),
    # a video player's caption, its close button first: "CLOSE The mayor spoke on ... Time"
    _Rule("media", _full(r"CLOSE\s+[A-Z“\"'].*", 0), 400),
    _Rule(
        "contributor",
        _full(
            r"(?:[^.!?]{1,150}?\s)?contributed(?:\s+reporting|\s+to\s+(?:this|the)\s+(?:report|article|story))?"
            r"(?:\s+from\s+[^.]{1,60})?\.?"
            r"|contributing\s*:.*|this\s+(?:article|story|report)\s+is\s+based\s+(?:in\s+part\s+)?on\b.*"
        ),
        200,
    ),
    _Rule(
        "contributor",
        _full(
            r"(?:Additional\s+)?(?:Reporting|Writing|Editing)\s+by\s+[A-Z][^;]*(?:;.*)?",
            0,
        ),
        250,
    ),
    _Rule(
        "disclaimer",
        _search(
            r"\b(?:opinions?|views?)\s+expressed\b.{0,120}?\b(?:own|solely|author|writer|necessarily)\b"
        ),
        500,
    ),
    _Rule("disclaimer", _full(r"this\s+is\s+a\s+rush\s+transcript\b.*"), 200),
    _Rule(
        "timestamp",
        _full(
            r"\d{1,3}\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago"
            r"|this\s+article\s+is\s+more\s+than\s+\d+\s+\w+\s+old"
            r"|(?:last\s+)?(?:updated?|published|posted)(?:\s+(?:at|on))?\s*:?\s+[^.]{0,40}?"
            r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[a-z]{2,4})?\.?"
        ),
        80,
    ),
    _Rule(
        "byline",
        _full(
            r"By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|van|von)){1,5}"
            r"(?:\s*(?:,|\|).{0,60}|\s*\(.{0,40}\))?"
            r"|(?:Opinion\s+)?(?:contributor|columnist|staff\s+writer)|Special\s+(?:to|for)\s+[A-Z].{0,40}",
            0,
        ),
        100,
    ),
)

_LINK_TITLE = re.compile(r"(?:[^.!?:;]|(?<=\d)\.(?=\d)){3,90}")
"""A headline in a list of links: short, no sentence's full stop."""
_OUTLET_LINE = re.compile(
    r"(?:the\s+)?(?:associated\s+press|ap|afp|reuters|cnn|usa\s+today|bloomberg(?:\s+news)?|npr"
    r"|bbc\s+news|fox\s+news|abc\s+news|cbs\s+news|nbc\s+news|axios|politico)",
    re.IGNORECASE,
)
_DASH_LINE = re.compile(r"[\s\u00a0]*(?:—|–|--)[\s\u00a0]*")
_NAME_LINE = re.compile(r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}")
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3}(?:,\s[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?"
    r"(?:\s*\([A-Za-z/ ]{1,20}\))?"
    r"|(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}\s*)?\([A-Z][A-Za-z/ ]{1,19}\))"
    r"[ \u00a0]*(?:—|–|--)[ \u00a0]*+(?![a-z])"
)
_HEAD_PROSE_WORDS = 6
_DATELINE_PARAGRAPHS = 3


def _classify(line: str, in_head: bool) -> str | None:
    """Name of the first rule that claims the whole stripped line, or None."""
    for rule in RULES:
        if len(line) <= rule.max_len and (in_head or not rule.head_only) and rule.test(line):
            return rule.name
    return None


def _after_name(text: str, previous: tuple[int, int, str | None]) -> bool:
    """Whether the previous line is content and a short capitalised name ("CNN", "Jane Doe")."""
    start, end, rule = previous
    return rule is None and end > 0 and _NAME_LINE.fullmatch(text[start:end]) is not None


def _context_rule(line: str, previous_rule: str | None, after_name: bool) -> str | None:
    """Datelines and bylines split over lines: "CNN" then "—", "Jane Doe" then "USA TODAY"."""
    if _DASH_LINE.fullmatch(line):
        return "dateline" if after_name or previous_rule == "byline" else None
    if _OUTLET_LINE.fullmatch(line):
        return "byline"
    return None


def find_furniture(text: str) -> list[Furniture]:
    """Find furniture lines and dateline prefixes, in text order.

    Besides the line rules, context rules cover datelines and lists of links: a line
    of only a dash after a short outlet/name line ("CNN" then "—") marks both lines,
    an outlet line after a short name line ("Jane Doe" then "USA TODAY") marks
    both as a byline, and the short headlines under a list's heading ("More hurricane
    coverage:") are its links. A "WASHINGTON (AP) —" prefix on one of the first content
    paragraphs is furniture on its own, leaving the rest of the paragraph.
    """
    found: list[Furniture] = []
    previous: tuple[int, int, str | None] = (0, 0, None)  # last line and its rule
    in_head = True
    prose_seen = 0
    listing = False  # under a list of links ("More hurricane coverage:")
    for start, end in _lines(text):
        line = text[start:end]
        after_name = _after_name(text, previous)
        rule = _context_rule(line, previous[2], after_name) or _classify(line, in_head)
        if rule is None and listing and _LINK_TITLE.fullmatch(line.strip()):
            rule = "related"  # the headlines the list links to
        listing = rule == "related" and (listing or line.rstrip().endswith(":"))
        if rule == "dateline" and previous[2] == "byline":
            found[-1] = Furniture(previous[0], previous[1], rule)
        elif rule in ("dateline", "byline") and after_name:
            found.append(Furniture(previous[0], previous[1], rule))
        previous = (start, end, rule)
        if rule is not None:
            found.append(Furniture(start, end, rule))
            continue
        if len(line.split(None, _HEAD_PROSE_WORDS)) > _HEAD_PROSE_WORDS:
            in_head = False
            if prose_seen < _DATELINE_PARAGRAPHS:
                prose_seen += 1
                match = _DATELINE.match(line)
                if match and match.end() < len(line):
                    found.append(
                        Furniture(start, start + len(match.group().rstrip(_STRIP)), "dateline")
                    )
                    prose_seen = _DATELINE_PARAGRAPHS
    found.sort(key=lambda f: f.start)
    return found


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------


def split_paragraphs(text: str, furniture: list[Furniture] | None = None) -> list[Paragraph]:
    """Content paragraphs: non-blank lines that are not furniture.

    A dateline prefix or a bullet marker ("- ", "• ") is left out of the span.
    """
    if furniture is None:
        furniture = find_furniture(text)
    cut = {f.start: f.end for f in furniture}
    paragraphs: list[Paragraph] = []
    for start, end in _lines(text):
        if start in cut:
            start = cut[start]
            while start < end and text[start] in _STRIP:
                start += 1
            if start >= end:
                continue
        bullet = _BULLET.match(text, start, end)
        if bullet:
            start = bullet.end()
        paragraphs.append(Paragraph(len(paragraphs), start, end))
    return paragraphs


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------

# A run of terminators (a spaced ellipsis ". . ." is one), the quotes and brackets it
# closes, then whitespace or the end.
_TERMINATOR = re.compile(r"[.!?…]+(?:[ \u00a0][.…])*[\"”’'»)\]]*(?=\s|$)")
_OPENERS = "\"“‘'«([{"
_NO_SPLIT_BEFORE = ",;:%)]}"
_ACRONYM = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_WORD = re.compile(r"[A-Za-z]+")
_TOKEN_MAX = 30

# Word lists are compared case-sensitively, so "a sales rep. He" and "said no. The" split.
# fmt: off
# Titles precede a name, so a period after them never ends a sentence.
TITLES = frozenset([
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov", "Gen",
    "Gens", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm", "Sgt", "Cpl", "Pvt", "Pfc", "Rev",
    "Fr", "Msgr", "Hon", "Pres", "Supt", "Det", "Insp", "Atty", "Amb",
])
# Abbreviations that usually continue the sentence, but may end one.
ABBREVIATIONS = frozenset([
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    "Jr", "Sr", "St", "Ave", "Blvd", "Rd", "Mt", "Ft", "Inc", "Corp", "Co", "Ltd", "Bros",
    "Dept", "Univ", "Assn", "Govt", "No", "Nos", "Vol", "Fig", "Art", "Sec", "Ch",
    "no", "vol", "pp", "p", "fig", "vs", "v", "etc", "al", "cf", "approx", "est",
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan",
    "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev",
    "Okla", "Ore", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
])
# Abbreviations that stay with a following number: "Feb. 24", "No. 5", "pp. 12".
NUMBER_PREFIXES = frozenset([
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "No", "Nos", "Vol", "Fig", "Art", "Sec", "Ch", "no", "vol", "pp", "p", "fig",
])
# Capitalised words that open sentences but rarely follow an abbreviation inside one,
# so "in the U.S. The" splits while "the U.S. Senate" does not.
STARTERS = frozenset([
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its",
    "Their", "Our", "My", "This", "That", "These", "Those", "There", "But", "And", "Or",
    "So", "Yet", "In", "On", "At", "For", "As", "If", "When", "While", "After", "Before",
    "Since", "What", "Who", "Why", "How", "Where", "Then", "Now", "Still", "However",
    "Meanwhile", "Also", "Both", "Some", "Many", "Most", "One", "Not",
])
# fmt: on


def _token_before(text: str, pos: int, floor: int) -> str:
    """The non-space token that ends just before ``pos``, without opening punctuation."""
    start = pos
    limit = max(floor, pos - _TOKEN_MAX)
    while start > limit and not text[start - 1].isspace() and text[start - 1] not in _OPENERS:
        start -= 1
    return text[start:pos]


def _is_boundary(text: str, match: re.Match[str], next_pos: int, sentence_start: int) -> bool:
    """Decide whether the terminator run in ``match`` ends a sentence."""
    following = text[next_pos]
    if following.islower() or following in _NO_SPLIT_BEFORE:
        return False
    run = match.group().rstrip("\"”’'»)]")
    if run != ".":
        return True  # "?", "!" or an ellipsis before a non-lowercase word
    token = _token_before(text, match.start(), sentence_start)
    key = token.rsplit("-", 1)[-1]
    if key in TITLES:
        return False
    if following.isdigit() and key in NUMBER_PREFIXES:
        return False
    if token.isdigit() and len(token) <= 3 and match.start() - len(token) == sentence_start:
        return False  # list numbering: "1. The first point"
    if key in ABBREVIATIONS or (len(key) == 1 and key.isalpha()) or _ACRONYM.fullmatch(key):
        word = _WORD.match(text, next_pos)
        return following in _OPENERS or (word is not None and word.group() in STARTERS)
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, whitespace-trimmed.

    A sentence ends at ``.``, ``?``, ``!`` or an ellipsis, together with the
    quote marks and brackets that close after it, when the next word is not
    lowercase. After a known abbreviation, an initial or a dotted acronym
    ("U.S.", "a.m.") the sentence ends only if the next word is a common
    sentence opener ("The", "He", ...): "the U.S. Senate" stays whole and
    "in the U.S. The" splits, while "in the U.S. Officials" stays whole. A
    span with no letter or digit (a lone "…" between sentences, a stray closing
    quote mark) is no sentence: it joins the sentence before it, else the one after.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _TERMINATOR.finditer(text, start, end):
        next_pos = match.end()
        while next_pos < end and text[next_pos].isspace():
            next_pos += 1
        if next_pos >= end:
            break
        if _is_boundary(text, match, next_pos, sentence_start):
            _append_trimmed(text, sentence_start, match.end(), spans)
            sentence_start = next_pos
    _append_trimmed(text, sentence_start, end, spans)
    return _punctuation_joined(text, spans)


def _punctuation_joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with each span that holds no letter or digit joined to a neighbour."""
    joined: list[tuple[int, int]] = []
    pending: int | None = None  # the start of punctuation before the first sentence
    for start, end in spans:
        if not any(c.isalnum() for c in text[start:end]):
            if joined:
                joined[-1] = (joined[-1][0], end)
            elif pending is None:
                pending = start
            continue
        joined.append((start if pending is None else pending, end))
        pending = None
    return joined


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``(start, end)`` minus surrounding whitespace, unless nothing is left."""
    while start < end and (text[start] in _STRIP or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _STRIP or text[end - 1].isspace()):
        end -= 1
    if start < end:
        spans.append((start, end))


def segment(text: str) -> tuple[list[Furniture], list[Paragraph], list[Sentence]]:
    """Furniture, content paragraphs and their sentences, all as offsets into ``text``."""
    furniture = find_furniture(text)
    paragraphs = split_paragraphs(text, furniture)
    sentences: list[Sentence] = []
    for paragraph in paragraphs:
        for start, end in split_sentences(text, paragraph.start, paragraph.end):
            sentences.append(Sentence(len(sentences), paragraph.index, start, end))
    return furniture, paragraphs, sentences
