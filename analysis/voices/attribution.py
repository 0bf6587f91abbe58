"""Direct and partial quotes: pieces grouped into quotes, each attributed to a speaker."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from analysis.knowledge.derive.entities import ORGANISATION_WORDS, is_title
from analysis.voices.cues import (
    ADVERBIAL_LEAD,
    APPOSITIVE_NAME,
    APPOSITIVE_VERB,
    CUE,
    CUE_AFTER,
    DASH_ASIDE,
    DOCUMENT_FROM,
    DOCUMENT_OWNER,
    INTRODUCERS,
    NOT_NAME_WORDS,
    OPENING_CUE,
    OWN_VOICE,
    OWN_VOICE_CUES,
    PARTIAL_CUE,
    PAST_VERB,
    PERSON_NAME,
    RELATIVE_LEAD,
    RELAYING_CUES,
    SENTENCE_WORDS,
    SHARED_INTRO,
    SOURCE_CLAUSE,
    SPEECH_NOUN,
    SUBJECT_NAME,
    TERM_BEFORE,
    TIME_TAIL,
    TITLE_BEFORE,
    TITLE_SMALL_WORDS,
    TOLD_RECIPIENT,
)
from analysis.voices.identity import one_name_each
from analysis.voices.kinds import with_kind
from analysis.voices.marks import Piece, is_nickname, within_spans
from analysis.voices.phrases import (
    is_np,
    last_before,
    last_segment,
    np_forward,
    speaker_head,
)
from analysis.voices.records import Attribution, Quote, make_quote, with_cue
from analysis.voices.reported import ReportedSpeech

FALSE_TITLE = re.compile(
    r"\s+((?:[a-z][\w\-]*\s+){1,3})([A-Z][\w’'\-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'\-]+)){1,2})"
    r"(?=\s*(?:,|\.|$))"
)
"""A description in lower case, then a full name: ' undecided voter Robbie Bostic,'."""
NOT_DESCRIPTION_WORDS = frozenset(
    """in on at during to that the a an of for with by from after before it he she they this
    these those his her their its when while as and but or if then also later earlier""".split()
)
"""First words of what follows a cue that is no description of the speaker."""


class Article(ReportedSpeech):
    """All quotes of one article: direct and partial from the marks, then reported speech."""

    def quotes(self) -> list[Quote]:
        inside = [(p.start, p.end) for p in self.pieces]
        for start, _, name in self.registry.find(self.text):
            if self.registry.is_person(name) and not within_spans(start, inside):
                self.named.append((start, name))
                self._note_gender(start, name)
        self.named.sort()
        self._positions = [p for p, _ in self.named]
        self._name_subjects(inside)
        self._attribute_pieces()  # a first pass finds who speaks where, in any order
        self._indirect(inside)
        full = self.full_names  # 'Chaib' opening a sentence before 'Fadela Chaib' is named
        self.speaking = sorted({(at, full.get(n.lower(), n)) for at, n in self.speaking})
        self.subjects = sorted({(at, full.get(n.lower(), n)) for at, n in self.subjects})
        self.genders = dict(self.titled)  # genders guessed out of text order are dropped
        self._pronoun_subjects(inside)
        found: list[Quote] = []
        speakers = self._attribute_pieces()
        for piece, kind, who in speakers:
            found.append(make_quote(self.text, piece.start, piece.end, kind, who))
        found.extend(self._indirect(inside))
        found.sort(key=lambda q: q.start)
        full_names = set(self.full_names.values())
        introduced = {name for _, _, name in self.intros}
        named = one_name_each(found, self.text, self.registry, full_names, introduced)
        return [with_kind(self._own_voice(q), self.registry) for q in named]

    def _own_voice(self, quote: Quote) -> Quote:
        """'Instead, we noted, Mr Reagan came across as “calm …”': words the outlet states in
        print as its own are the outlet's; the cue and the mention ('we') stay as evidence."""
        if not self.outlet or quote.speaker or quote.kind == "indirect":
            return quote
        if quote.cue not in OWN_VOICE_CUES or not OWN_VOICE.fullmatch(quote.speaker_mention or ""):
            return quote
        return replace(quote, speaker=self.outlet, attribution="outlet")

    def _name_subjects(self, inside: list[tuple[int, int]]) -> None:
        """Persons opening a sentence ('Meg Brady, a nurse, …'): antecedents of a later 'she'."""
        for para_start, para_end in self.paragraphs:
            for start in self._sentences(para_start):
                lead = ADVERBIAL_LEAD.match(self.text, start, para_end)
                begin = lead.end() if lead else start
                match = SUBJECT_NAME.match(self.text, begin, para_end)
                if not match or within_spans(begin, inside):
                    continue
                name = self._name(match.group(1))
                known = name and (
                    " " in name or self.registry.resolve(name) or self._surname(name, match)
                )
                if known and not NOT_NAME_WORDS & set(name.split()):
                    self._remember(begin + match.group(1).rfind(name.split()[0]), name)

    def _surname(self, name: str, match: re.Match[str]) -> bool:
        """'Musk downplayed …', 'Clinton, the erstwhile nominee, sat down …', 'Justice Lamb
        ruled …': one capitalised word, after titles or none, as a sentence's subject, before a
        verb of the past or an appositive and its verb, names a person (not an acronym, a
        body's word or a sentence word)."""
        after = self.text[match.end(1) : match.end(1) + 130]
        *titles, last = match.group(1).split()
        return (
            name == last
            and all(is_title(t) for t in titles)
            and not name.isupper()
            and name.lower() not in ORGANISATION_WORDS | SENTENCE_WORDS
            and bool(PAST_VERB.match(after) or APPOSITIVE_VERB.match(after))
        )

    def _pronoun_subjects(self, inside: list[tuple[int, int]]) -> None:
        """'He lauded …', 'She once suggested …': a sentence opened by a pronoun keeps its person
        the subject there, and shows that person's gender to later pronouns."""
        for para_start, para_end in self.paragraphs:
            for start in self._sentences(para_start):
                lead = ADVERBIAL_LEAD.match(self.text, start, para_end)
                begin = lead.end() if lead else start
                opener = re.match(r"(He|She)\s+[a-z]", self.text[begin : begin + 12])
                if opener and not within_spans(begin, inside):
                    name = self._antecedent(begin, opener.group(1).lower(), None)
                    if name:
                        bisect.insort(self.subjects, (begin, name))

    # -- direct quotes -------------------------------------------------------------

    def _attribute_pieces(self) -> list[tuple[Piece, str, Attribution]]:
        results: list[tuple[Piece, str, Attribution]] = []
        groups = self._groups()
        previous: Attribution | None = None
        previous_end = 0
        for group in groups:
            kinds = [self._kind(p, i > 0) for i, p in enumerate(group)]
            if all(k == "partial" for k in kinds):
                who = self._partial_speaker(group[0])
                if not who.speaker and not who.mention and results:
                    who = self._same_sentence(results[-1], group[0]) or who
            else:
                who = self._full_speaker(group)
                if who.attribution == "none" and who.mention is None:
                    who = self._unattributed(group[0], previous, previous_end)
            for piece, kind in zip(group, kinds, strict=True):
                results.append((piece, kind, who))
            if (who.speaker or who.mention) and kinds[0] == "full":
                spans = [group[-1].end, *(who.mention_span or ()), *(who.cue_span or ())]
                previous, previous_end = who, self._sentence_end(max(spans) - 1)
        return results

    def _same_sentence(
        self, last: tuple[Piece, str, Attribution], piece: Piece
    ) -> Attribution | None:
        """'… taking “sensible” precautions for “this part of the outbreak.”': a phrase with
        no cue of its own in the sentence of an attributed phrase, nobody named between."""
        previous, kind, who = last
        if kind != "partial" or not who.speaker or previous.close is None or piece.open is None:
            return None
        if self._sentence_start(previous.close) != self._sentence_start(piece.open):
            return None
        between = self.text[previous.close + 1 : piece.open]
        if PARTIAL_CUE.search(between) or PERSON_NAME.search(between) or len(between) > 150:
            return None
        return Attribution(
            who.mention, who.speaker, "carried", who.cue, who.cue_span, who.mention_span
        )

    def _groups(self) -> list[list[Piece]]:
        """Pieces of one quote: continued across paragraphs or interrupted by the cue."""
        groups: list[list[Piece]] = []
        for piece in self.pieces:
            if groups and (piece.continued or self._interrupted(groups[-1][-1], piece)):
                groups[-1].append(piece)
            else:
                groups.append([piece])
        return groups

    def _interrupted(self, first: Piece, second: Piece) -> bool:
        """“…,” he said, “…”: a short attribution ending in a comma or colon between pieces."""
        if first.close is None or second.open is None or second.open - first.close > 120:
            return False
        gap = self.text[first.close + 1 : second.open]
        tail = self.text[first.start : first.end].rstrip()[-1:]
        return (
            tail in ",—–-"
            and gap.rstrip().endswith((",", ":"))
            and bool(CUE.search(gap))
            and "\n" not in gap
        )

    def _kind(self, piece: Piece, follows: bool) -> str:
        """A full quote starts a sentence, follows a cue and comma or colon, or continues one."""
        if follows or piece.continued or piece.open is None:
            return "full"
        before = self.text[self._sentence_start(piece.open) : piece.open].rstrip()
        words = len(self.text[piece.start : piece.end].split())
        if not before:
            ends_sentence = (
                self.text[piece.start : piece.end].rstrip().endswith((".", "!", "?", ":"))
            )
            return "full" if words >= 4 or ends_sentence or self._cue_follows(piece) else "partial"
        if before.endswith(":"):
            return "full"
        content = self.text[piece.start : piece.end].lstrip()
        if before.endswith(("—", "–")) and len(content.split()) >= 4:
            return "full"  # 'Holt was blunt — “We will appeal the ruling.”'
        cued = CUE.search(before[-30:]) or TOLD_RECIPIENT.search(before)
        cued = cued or SHARED_INTRO.search(before) or self._cue_follows(piece)
        sentence = len(content.split()) >= 4 or content.rstrip().endswith((".", "!", "?"))
        if before.endswith(",") and cued and sentence:
            lead = before[:-1].rpartition(",")[0].strip()
            if content[:1].islower() and lead and not re.search(r"[“”\"]", lead):
                return (
                    "partial"  # 'Utilities, Moorlach said, “didn’t want to pay”': his words end it
                )
            return "full"
        return "partial"

    def _cue_follows(self, piece: Piece) -> bool:
        """'“Oh my God,” said X.', '“Let’s win!” X said.': words of a speaker named after them."""
        if piece.close is None:
            return False
        after = self.text[piece.close + 1 : piece.close + 80]
        return bool(CUE_AFTER.match(after))

    def _full_speaker(self, group: list[Piece]) -> Attribution:
        last, first = group[-1], group[0]
        if last.close is not None:
            who = self._after(last.close + 1)
            if who and self._relayed(who) and first.open is not None:
                return self._before(first.open) or who  # 'X said: “…”, the AP reported.'
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
        return Attribution()

    def _relayed(self, who: Attribution) -> bool:
        """Whether an attribution passes on another's words: 'the Associated Press reported'."""
        return bool(who.cue_span) and self.text[slice(*who.cue_span)] in RELAYING_CUES

    def _unattributed(
        self, piece: Piece, previous: Attribution | None, previous_end: int
    ) -> Attribution:
        """A quote without a cue of its own continues the current speaker: the last quote's,
        or that of reported speech just before ('Holt said the city was broke. “We …”')."""
        start = piece.open if piece.open is not None else piece.start
        reported_at, reported = last_before(self.speaking, start)
        reported_end = self._sentence_end(reported_at) if reported else -1
        if previous and previous_end >= reported_end:
            return self._continuing(previous, previous_end, piece)
        if reported and not within_spans(reported_at, [(p.start, p.end) for p in self.pieces]):
            return self._continuing(Attribution(reported, reported), reported_end, piece)
        return Attribution()

    def _continuing(self, previous: Attribution, previous_end: int, piece: Piece) -> Attribution:
        """An unattributed quote right after another speaker's quote, nobody named between;
        a paragraph between is allowed when it names that speaker again ('Stalcup is also
        worried …' between two of Stalcup's quotes)."""
        start = piece.open if piece.open is not None else piece.start
        gap = self.text[previous_end:start]
        others = [
            m.group()
            for m in PERSON_NAME.finditer(gap[1:])
            if not previous.speaker or m.group().split()[-1] != previous.speaker.split()[-1]
        ]
        surname = previous.speaker.split()[-1] if previous.speaker else None
        named_again = bool(surname) and re.search(rf"\b{re.escape(surname)}\b", gap) is not None
        breaks = gap.count("\n\n")
        if breaks > (2 if named_again else 1) or len(gap) > 400 or others:
            return Attribution()  # someone else named between: not the same speaker
        position, name = self._last_named_before(start)
        if position >= previous_end and name != previous.speaker:
            return Attribution()
        return Attribution(  # the evidence is the attribution of the quote it continues
            previous.mention,
            previous.speaker,
            "carried",
            previous.cue,
            previous.cue_span,
            previous.mention_span,
        )

    def _partial_speaker(self, piece: Piece) -> Attribution:
        """The subject of the nearest attributing verb before the phrase, in its sentence."""
        if piece.open is None or is_nickname(self.text, piece.open) or self._title(piece):
            return Attribution()  # 'Howard “Buck” McKeon', 'told “The Story”': nobody's words
        if TERM_BEFORE.search(self.text, max(0, piece.open - 12), piece.open):
            return Attribution()  # 'known as “homophily”': a term, not a speaker's words
        start = self._sentence_start(piece.open)
        window = self._titles_masked(start, piece.open)
        cues = list(PARTIAL_CUE.finditer(window))
        if cues:  # 'saying … Clinton’s accusation that Stein is “totally” …': the nearer owner
            noun = self._speech_noun(start + cues[-1].end(), piece.open)
            if noun:
                return noun
        between = window[cues[-1].end() :] if cues else ";"
        if re.search(r"[;:]|[“”\"]", between) or len(between.split()) > 25:
            return self._speech_noun(start, piece.open) or self._sentence_source(piece)
        cue = cues[-1]
        for candidate in reversed(cues):
            subject = self._subject(start, start + candidate.start(), clause=True)
            head = window[: candidate.start()].rstrip()
            if not subject and candidate.group().endswith("ing") and head.endswith(","):
                subject = self._sentence_subject(start, start + candidate.start())
            if not subject and candidate.group().endswith("ing"):
                subject = self._document_owner(start, start + candidate.start())
            if subject:
                return with_cue(subject, start + cue.start(), start + cue.end(), cue.group())
            if not re.search(r"(?:\band|\bbut|\bwhile|,|[”’'\"])$", head):
                break
        main = self._main_clause_speaker(start, cues)
        return main or self._sentence_source(piece)

    def _titles_masked(self, start: int, end: int) -> str:
        """The text between, a title in quote marks in it written as plain letters: 'told
        CNN on “State of the Union” that …' keeps its cue and subject for a later phrase."""
        window = self.text[start:end]
        first = bisect.bisect_left(self._piece_starts, start)
        last = bisect.bisect_left(self._piece_starts, end)
        for other in self.pieces[first:last]:
            if other.open is None or other.close is None or other.open < start:
                continue
            if other.close < end and self._title(other):
                width = other.close + 1 - other.open
                offset = other.open - start
                window = window[:offset] + "x" * width + window[offset + width :]
        return window

    def _title(self, piece: Piece) -> bool:
        """'told “The Story” Thursday', 'an episode of “Watch What Happens Live.”': a title."""
        words = self.text[piece.start : piece.end].rstrip(".,!?").split()
        if not 1 <= len(words) <= 6 or not words[0][:1].isupper():
            return False
        if not all(w[:1].isupper() or w in TITLE_SMALL_WORDS for w in words):
            return False
        before = self.text[max(0, piece.open - 12) : piece.open]
        return bool(TITLE_BEFORE.search(before))

    def _speech_noun(self, start: int, position: int) -> Attribution | None:
        """'Pompeo’s reference to … a “constraint”': the owner of a noun of speech right before."""
        owners = list(SPEECH_NOUN.finditer(self.text, start, position))
        owner = owners[-1] if owners else None
        if not owner or re.search(r"[;:“”\"]", self.text[owner.end() : position]):
            return None
        who = self._resolve(owner.span(1), owner.span(2))
        return who if who.speaker else None

    def _main_clause_speaker(self, start: int, cues: list[re.Match[str]]) -> Attribution | None:
        """'X said Trump asked for a “working level” dialogue': the sentence's reporting speaker,
        the subject of the first cue whose subject opens the sentence ('When asked …, X said')."""
        lead = ADVERBIAL_LEAD.match(self.text, start)
        begin = lead.end() if lead else start
        for cue in cues:
            who = self._subject(start, start + cue.start())
            if not who or not who.mention_span or who.mention_span[0] < begin:
                continue
            between = self.text[begin : who.mention_span[0]]
            if not between or RELATIVE_LEAD.fullmatch(between):  # 'In the memo, which …, X states'
                return with_cue(who, start + cue.start(), start + cue.end(), cue.group())
        return None

    def _document_owner(self, start: int, cue_start: int) -> Attribution | None:
        """'a Zero Hedge article calling it “…”': the outlet or person owning the document."""
        owner = DOCUMENT_OWNER.search(self.text, start, cue_start)
        if not owner:
            return None
        who = self._resolve(owner.span(1), None)
        return who if who.speaker else None

    def _sentence_source(self, piece: Piece) -> Attribution:
        """A phrase in a sentence of reported speech: '…, X said.' or '…, per the BBC.'"""
        if piece.close is None:
            return Attribution()
        end = self._sentence_end(piece.close)
        tail = self.text[piece.close + 1 : end].rstrip()
        words = re.match(r"\s*,?\s*in\s+([^,“”\"]{2,60}?)['’]s?\s+(?:own\s+)?words\b", tail)
        if words:  # '“The One,” in Oprah Winfrey’s words'
            offset = piece.close + 1 + words.start(1)
            return self._resolve((offset, offset + len(words.group(1))), None)
        source = re.search(r"(?:^|[,”\"’])\s*(?:[Aa]ccording to|per)\s+([^,“”\"]+?)[.]?$", tail)
        if not source:
            return self._source_before(piece) or self._after_own(piece.close + 1) or Attribution()
        offset = piece.close + 1 + source.start(1)
        mention = source.group(1)
        cue = re.search(r"(?:[Aa]ccording to|per)", tail[source.start() :])
        cue_start = piece.close + 1 + source.start() + cue.start()
        return self._source(
            (offset, offset + len(mention)), (cue_start, cue_start + len(cue.group()))
        )

    def _after_own(self, position: int) -> Attribution | None:
        """The attribution after a phrase, unless it introduces a quote of its own:
        'Asked whether it was a “hint,” Abrams said, “Nothing has changed.”'."""
        who = self._after(position)
        if not who:
            return None
        end = max(who.mention_span[1] if who.mention_span else 0, (who.cue_span or (0, 0))[1])
        return None if re.match(r"\s*[,:]\s*[“\"‘]", self.text[end : end + 4]) else who

    def _source_before(self, piece: Piece) -> Attribution | None:
        """'according to Bloomberg, “…”': a source set off earlier in the phrase's sentence."""
        start = self._sentence_start(piece.open)
        sources = list(SOURCE_CLAUSE.finditer(self.text[start : piece.open]))
        if not sources:
            return None
        cue_start, cue_end = (start + i for i in sources[-1].span(1))
        mention_start, mention_end = (start + i for i in sources[-1].span(2))
        return self._source((mention_start, mention_end), (cue_start, cue_end))

    def _after(self, position: int) -> Attribution | None:
        """Attribution right after a closing quote mark: ', he said' or ', said X'."""
        end = self._sentence_end(position)
        window = self.text[position:end]
        asked = re.search(r"[?!][’'”\"]*$", self.text[max(0, position - 4) : position])
        if not window.strip() and asked:
            end = self._sentence_end(end)  # '“What …, John?” Obama said.'
            window = self.text[position:end]
        dash = re.match(r"\s*(?:—|–|--)\s*", window)
        if dash:  # '“…” — Dana Ruiz': a signature after the quote
            np = np_forward(self.text, position + dash.end(), end)
            return self._resolve(np, None) if np else None
        match = re.match(r"\s*,?\s*", window)
        offset = position + match.end()
        rest = self.text[offset:end]
        cue = CUE.match(rest)
        if cue:
            np = np_forward(self.text, offset + cue.end(), end)
            if not np:
                return self._false_title(end, (offset + cue.start(), offset + cue.end()))
            named = APPOSITIVE_NAME.match(self.text, np[1], end)
            who = self._resolve(np, (offset + cue.start(), offset + cue.end()))
            if named and not who.speaker:  # 'said Clinton’s campaign manager, Robby Mook.'
                who = self._resolve(named.span(1), who.cue_span)
            return who
        aside = DASH_ASIDE.search(rest)
        if aside and aside.start() < 80:  # '“…,” Jo Ng -- who said she was “sorry” -- told'
            rest = rest[: aside.start()] + " " * len(aside.group()) + rest[aside.end() :]
        cue = CUE.search(rest)
        if not cue or cue.start() > 120:
            return None
        head = speaker_head(TIME_TAIL.sub("", rest[: cue.start()]))
        segment = last_segment(head)
        before = head[: head.rfind(segment)]
        if not is_np(segment) or (before.strip(" ,") and "," not in head):
            return None
        if re.search(r"\b(?:which|who|that)\s+$", before):
            return None  # 'a “final” warning, which he says …': a relative clause about a noun
        start = offset + head.rfind(segment)
        return self._resolve(
            (start, start + len(segment)), (offset + cue.start(), offset + cue.end())
        )

    def _false_title(self, end: int, cue_span: tuple[int, int]) -> Attribution | None:
        """'said undecided voter Robbie Bostic, 39,': a name after a description in lower
        case written like a title (not 'said in a statement', 'said that')."""
        match = FALSE_TITLE.match(self.text, cue_span[1], end)
        if not match or match.group(1).split()[0] in NOT_DESCRIPTION_WORDS:
            return None
        return self._resolve(match.span(2), cue_span)

    def _before(self, position: int) -> Attribution | None:
        """Attribution leading up to an opening mark: 'X told reporters: “', 'Pelosi: “'.

        A quote opening its paragraph may be introduced by the paragraph before,
        when that one ends in a colon ('Holt had a warning for the council:').
        """
        start = self._sentence_start(position)
        if self.text[start:position].strip():
            return self._lead_in(start, position)
        para_start, _ = self._paragraph_of(position)
        if start != para_start or para_start == self._starts[0]:
            return None
        previous_end = self.paragraphs[self._starts.index(para_start) - 1][1]
        if not self.text[:previous_end].rstrip().endswith(":"):
            return None
        return self._lead_in(self._sentence_start(previous_end - 1), previous_end)

    def _lead_in(self, start: int, end: int) -> Attribution | None:
        """The speaker of words ending in a comma, colon or dash right before a quote."""
        window = self.text[start:end]
        if not window.rstrip().endswith(INTRODUCERS):
            return None
        opening = OPENING_CUE.match(window)
        if opening:
            return self._inverted((start + opening.start(1), start + opening.end(1)), end)
        cues = list(CUE.finditer(window))
        participle = SHARED_INTRO.search(window)
        if participle:  # 'He kept going Thursday, tweeting: “…”': the sentence's subject
            who = self._sentence_subject(start, start + participle.start())
            if who:
                return with_cue(
                    who, start + participle.start(1), start + participle.end(1), participle.group(1)
                )
        if not cues:
            return self._introducer(start, end) if window.rstrip()[-1] != "," else None
        cue = cues[-1]
        tail = window[cue.end() :]
        if len(tail) > 80 or re.search(r"[;”\"]|\.\s", tail):
            return None  # the cue is in an earlier sentence ('3.3 million' is no end)
        cue_span = (start + cue.start(), start + cue.end())
        who = self._subject(start, cue_span[0], cue_span, cue.group(), clause=True)
        if who is None and re.search(r"\sand\s+(?:also\s+|then\s+)?$", window[: cue.start()]):
            at, name = last_before(self.subjects, cue_span[0])  # 'X posted it and added: “…”'
            if (
                name
                and at >= start
                and not within_spans(at, [(p.start, p.end) for p in self.pieces])
            ):
                span = (at, at + len(name)) if self.text.startswith(name, at) else None
                who = Attribution(name, name, "carried", cue.group(), cue_span, span)
                self._spoke(cue_span, name)
        return who

    def _inverted(self, cue_span: tuple[int, int], end: int) -> Attribution | None:
        """'Added Toner, the former chairman: “…”': the speaker right after an opening cue."""
        np = np_forward(self.text, cue_span[1], end)
        if not np:
            return None
        cue = self.text[cue_span[0] : cue_span[1]]
        return with_cue(self._resolve(np, cue_span), *cue_span, cue)

    def _introducer(self, start: int, end: int) -> Attribution | None:
        """'Pelosi: “…”', 'Rep. Ayanna Pressley (D-MA): “…”', 'Holt was blunt — “…”': a named
        person, alone or as the sentence's subject, introduces the quote without a cue."""
        head = self.text[start:end].rstrip()[:-1].rstrip()
        head = re.sub(r"\s*\([^()]{1,30}\)$", "", head)
        sender = DOCUMENT_FROM.search(head)
        if sender:  # 'Below is the memo sent from Goodell:'
            who = self._resolve((start + sender.start(1), start + sender.end(1)), None)
            return who if who.speaker else None
        lead = len(head) - len(head.lstrip())
        if head.strip() and is_np(head.strip()) and not head.strip()[:1].islower():
            who = self._resolve((start + lead, start + len(head)), None)
        else:
            who = self._sentence_subject(start, start + len(head)) or Attribution()
        name = who.speaker
        known = name and (
            " " in name or self.registry.resolve(name) or name.lower() in self.full_names
        )
        if known and self.registry.is_person(name) and not NOT_NAME_WORDS & set(name.split()):
            return who
        return None
