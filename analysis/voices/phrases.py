"""Noun phrases that can name a speaker: where they start and end, and roles that fit."""

from __future__ import annotations

import bisect
import re

from analysis.voices.cues import (
    ABBREVIATIONS,
    CONTRACTION,
    DETERMINERS,
    FINITE_VERB,
    LEADING_LINK,
    MENTION_HEADS,
    MODIFIERS,
    NAME_PARTICLES,
    OFFICE_MODIFIERS,
    ORGANISATION_NOUNS,
    PARTY_TAG,
    PERSON_ROLES,
    PRONOUNS,
    ROLE_AFTER_NAME,
    ROLE_BEFORE_NAME,
    SENTENCE_WORDS,
    WEEKDAYS,
    WORDS_BEFORE,
)
from analysis.voices.kinds import is_group_word, names_body, names_many


def is_finite_clause(clause: str) -> bool:
    """Whether a clause without 'that' opens with a subject and its verb, not a noun object.

    'believes the merger will fail' and 'expects sales to rise' report a
    belief; 'announced the acquisition of a rival' reports an act.
    """
    return bool(FINITE_VERB.match(clause))


HOME_PLACE = re.compile(
    r"[A-Z][\w’'\-]+\s+[A-Z][\w’'\-]+\s+of\s+[A-Z][\w’'\-.]*(,\s+[A-Z][a-z]+\.?),?\s*$"
)
"""A full name, 'of', a place and its region: the region ends the head, no speaker."""
APPOSITIVE_AFTER = re.compile(r",(?:\s[^,]{2,160},){1,3}\s*$")
"""One to three comma asides closing a speaker's head: ', a lawyer for the city,'."""
STATE_TAG = re.compile(r"[DRI]-[A-Z][\w.]*")
"""A party-state tag set off by commas: 'R-Ariz.'."""
DESCRIBING_ASIDE = re.compile(r",\s(?:as|an?|the|then|now)\s")
"""An aside that describes the noun phrase before it: ', as chief executive,'."""


def _appositive(head: str) -> re.Match[str] | None:
    """The asides closing ``head`` after its speaker: from the first comma they can start
    at, or from a later one when they describe a noun phrase ('At the time, Oakes, as chief
    executive,'; not 'in Akron, Ohio, he reeled off accusations,')."""
    first = True
    for comma in re.finditer(r"(?<=[^,]),", head):
        found = APPOSITIVE_AFTER.match(head, comma.start())
        if not found or not (first or DESCRIBING_ASIDE.match(head, comma.start())):
            continue
        segment = last_segment(head[: comma.start()])
        if STATE_TAG.fullmatch(segment):
            continue  # 'Sen. Jo Ng, R-Ariz., a retired pilot,': the tag is an aside too
        if is_np(segment):
            return found
        first = False
    return None


def speaker_head(head: str) -> str:
    """Drop an appositive or relative clause after the speaker's name.

    'Seema Verma, administrator for CMS, which runs it,' and 'Putin, who'
    both leave the text up to the name, as do an appositive whose closing comma is left
    out ('Jo Ng, a lawyer for the city told'), a dash before 'who' ('Jo Ng -- who') and a
    party tag after it ('(R-Calif.)').
    """
    home = HOME_PLACE.search(head)
    if home:  # 'Richard Mountford of Tonbridge, Kent': the person from a place in a region
        head = head[: home.start(1)]
    appositive = _appositive(head)
    named = re.match(
        r"^(.*?[^,]),\s+((?:[A-Z][\w’'.\-]*\s+){1,3}[A-Z][\w’'\-]+(?:\s+of\s+[A-Z]\w+)?),\s*$", head
    )
    if named and re.match(
        r"(?:the|a|an|his|her|its|their)\s", last_segment(named.group(1)), re.IGNORECASE
    ):
        # 'The top Democrat on the panel, Adam Schiff,', 'His spokesman, Dmitry Peskov,'
        return head.rstrip()[:-1]
    if appositive:
        return head[: appositive.start()]
    unclosed = re.match(r"^(.*?[^,]),\s+(?:a|an)\s+[^,]{2,100}$", head)
    if unclosed and is_name_shaped(last_segment(unclosed.group(1))):
        return unclosed.group(1)  # 'Jo Ng, a lawyer for the city told': the comma left out
    relative = re.match(r"^(.*?[^,])(?:,|\s*--|\s*[—–])\s+who\s*$", head)
    head = PARTY_TAG.sub("", relative.group(1) if relative else head)
    dashes = re.search(r"(?<=\w)\s*[—–]\s*([^—–]{2,80})[—–]\s*$", head)
    if dashes:  # 'Another resident—Jo Ng, a clerk—told': the name; 'Jo Ng—a clerk—told': before
        inner = dashes.group(1).split(",")[0].rstrip()
        named = inner[:1].isupper() and is_np(inner)
        head = head[: dashes.start(1) + len(inner)] if named else head[: dashes.start()]
    return re.sub(r"(?<=[\w.)]),\s*$", "", head)  # a stray comma: '…,” Jane Doe, said


SUBORDINATE_WORD = re.compile(
    r"\s(?:what|when|whenever|because|after|before|while|since|although|though|where|which)\s"
)
"""Lower-case words opening a clause inside a sentence: its subject follows them."""


def last_segment(head: str, clause: bool = False) -> str:
    """The last comma clause of ``head`` without a leading conjunction or bullet; with
    ``clause``, from its last subordinate clause on ('what Jo Ng calls', 'the rules when she
    said': the speaker of a quote is the subject of the clause its cue ends)."""
    segment = re.split(r",\s+|[:;]\s+|[”’\"]\s+|—\s*|–\s*|\s--\s*|\(\s*|^\s*[-•*]\s+", head)[-1]
    if clause:
        segment = SUBORDINATE_WORD.split(segment)[-1]
    segment = LEADING_LINK.sub("", segment.strip())
    return segment.strip()


def last_before(named: list[tuple[int, str]], position: int) -> tuple[int, str | None]:
    """The last (position, person) of a sorted list before ``position``, or (-1, None)."""
    index = bisect.bisect_left(named, (position, ""))
    return named[index - 1] if index else (-1, None)


def organisation_name(words: list[str], lower: list[str]) -> str | None:
    """'the Commerce Department', 'the Ohio State Medical Board': a body named by its proper name.

    The words before the institution noun must all be capitalised, so 'the
    labour ministry' and 'the company' stay unknown.
    """
    body = words[1:] if lower[0] == "the" else words
    of_name = "of" in body[1:-1] and body[body.index("of") - 1].lower() not in PERSON_ROLES
    if len(body) < 2 or not (lower[-1] in ORGANISATION_NOUNS or of_name):
        return (
            None  # 'the Commerce Department', 'the House of Bishops', not 'the Secretary of State'
        )
    if not all(w[:1].isupper() or w in ("of", "for", "and", "&") for w in body[:-1]):
        return None
    if (
        not body[0][:1].isupper()
        or body[0].endswith(("’s", "'s"))
        or not is_name_shaped(" ".join(body))
    ):
        return None  # not 'His campaign', 'This group', 'A State Department'
    return " ".join(body)


def role_fits(role: str, content: list[str]) -> bool:
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


NAME_STOP_WORDS = frozenset(("will", "mill", "fire"))
"""Stop words that are also names: 'Will O’Neill'."""


def is_name_shaped(name: str) -> bool:
    """Whether a speaker's name can be a person's or a body's: not opened by a sentence word
    ('However', 'On Thursday', 'No. Barr', 'His campaign') or a lower-case word, no weekday,
    not a group ('Senate Republicans'). 'A. J. Delgado' opens with an initial."""
    tokens = name.split()
    if not tokens:
        return False
    first = tokens[0].strip(".,").lower()
    initial = (
        len(tokens) > 2
        and re.fullmatch(r"[A-Z]\.", tokens[0])
        and re.fullmatch(r"[A-Z]\.", tokens[1])
    )
    acronym = len(first) > 1 and tokens[0].strip(".,").isupper() and names_body(name)
    if first in SENTENCE_WORDS - NAME_STOP_WORDS and not (initial or acronym):
        return False
    if tokens[0][:1].islower() and first not in NAME_PARTICLES:
        return False
    return not (any(re.fullmatch(WEEKDAYS, t) for t in tokens) or names_many(tokens[-1]))


def role_intros(text: str) -> list[tuple[int, str, str]]:
    """Persons introduced with a role, as (position, role words, name), in text order.

    'House Speaker John Boehner' and 'Jane Doe, a spokeswoman for the
    campaign' both count; the role words are lower-cased.
    """
    found = []
    for match in ROLE_BEFORE_NAME.finditer(text):
        start = match.start()
        before = WORDS_BEFORE.search(text, max(0, start - 80), start)
        role_start = before.start() if before else start
        role = text[role_start : match.start(1)].strip().lower()
        found.append((role_start, role, match.group(1)))
    for match in ROLE_AFTER_NAME.finditer(text):
        if is_name_shaped(match.group(1)):  # not 'On Thursday, the president'
            found.append((match.start(), match.group(2).lower(), match.group(1)))
    return sorted(found)


def is_np(words: str) -> bool:
    """Whether ``words`` can name a speaker: a name, pronoun or role, ten words at most."""
    tokens = re.findall(r"[\w’'.\-&]+", words)
    if not tokens or len(tokens) > 10 or re.search(r"[;:!?()“”\"]", words):
        return False
    if any(CONTRACTION.search(t) for t in tokens) or tokens[0] == "as":
        return False  # 'It’s expected', 'Don’t expect', 'as analysts expect': not a speaker
    lower = [t.lower() for t in tokens]
    if len(tokens) == 1 and lower[0] in PRONOUNS:
        return True
    if len(tokens) <= 3 and tokens[0][:1].islower() and is_group_word(tokens[-1]):
        return True  # 'housing advocates', 'some protesters': a group, never a speaker
    named = tokens[-1][:1].isupper()
    if not named and lower[-1] not in MENTION_HEADS and lower[-1].rstrip("s") not in MENTION_HEADS:
        return role_of_body(words)
    plain = [
        i
        for i, (t, low) in enumerate(zip(tokens, lower, strict=True))
        if not (
            t[:1].isupper()
            or t[:1].isdigit()
            or low in DETERMINERS
            or low in MODIFIERS
            or low in MENTION_HEADS
            or low.rstrip("s") in MENTION_HEADS
            or low in ("of", "for", "and", "&")
            or low in NAME_PARTICLES
            or low.endswith(("’s", "'s"))
        )
    ]
    if not plain:
        return True
    if (
        len(tokens) == 3
        and lower[0] in DETERMINERS
        and plain == [1]
        and (lower[2] in MENTION_HEADS or lower[2].rstrip("s") in MENTION_HEADS)
    ):
        return True  # 'the city spokeswoman', 'a county official'
    # 'U.S. special representative for Iran Brian Hook': a word or two before the role of a
    # person named at the end
    role = next((i for i, low in enumerate(lower) if low in PERSON_ROLES), None)
    named_person = len(tokens) >= 3 and tokens[-2][:1].isupper() and named
    if named_person and len(plain) == 1 and tokens[0][:1].isupper() and plain[0] < len(tokens) - 2:
        return True  # 'Republican challenger Josh Hawley'
    return named_person and role is not None and len(plain) <= 2 and plain[-1] < role


def role_of_body(words: str) -> bool:
    """'a spokesman for the port', 'an official at the ministry': a person's role, then the
    body it serves in a few plain words."""
    parts = re.split(r"\s+(?:for|of|at|with)\s+", words, maxsplit=1)
    if len(parts) != 2 or len(parts[1].split()) > 4:
        return False
    head = parts[0].split()
    return (
        len(head) <= 4
        and head[0].lower() in DETERMINERS
        and head[-1].lower() in PERSON_ROLES
        and is_np(parts[0])
    )


def describes_role(words: list[str]) -> bool:
    """Whether ``words`` open with one or two lower-case describing words, a role and a
    name: 'political analyst Joshua' in 'said CNN political analyst Joshua Green'."""
    for index, word in enumerate(words[:2]):
        if not re.fullmatch(r"[a-z][a-z\-]+", word) or word in SENTENCE_WORDS:
            return False
        role, name = [*words[index + 1 : index + 3], "", ""][:2]
        if role.lower() in MENTION_HEADS and name[:1].isupper():
            return True
    return False


def np_forward(text: str, start: int, limit: int) -> tuple[int, int] | None:
    """The speaker words right after an inverted cue: 'said Kate Mallinson, founder …'."""
    match = re.match(
        r"\s*((?:the|a|an)\s+)?((?:[A-Z][\w’'.\-]*|[a-z]+)(?:\s+(?:[A-Z][\w’'.\-]*|[a-z]+)){0,7})",
        text[start:limit],
    )
    if not match:
        return None
    words = match.group(0).split()
    kept: list[str] = []
    for index, word in enumerate(words):
        abbreviation = word.endswith(".") and (
            word[:-1].lower() in ABBREVIATIONS
            or len(word) == 2
            or re.fullmatch(r"(?:[A-Z]\.){2,}", word) is not None  # 'U.S.', 'U.N.'
        )
        bare = word if abbreviation else word.strip(",.;:")
        if not (
            bare[:1].isupper()
            or bare.lower() in DETERMINERS | MODIFIERS | MENTION_HEADS | {"of"}
            or describes_role(words[index : index + 4])
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
    if not is_np(text[offset:end]):
        return None
    return offset, end
