"""Reported speech without quote marks: 'X said (that) …', 'according to X, …', '…, X said.'"""

from __future__ import annotations

import re

from analysis.voices.cues import (
    ADVERBIAL_LEAD,
    ANTECEDENT,
    AUXILIARY_CLAUSE,
    CLAUSE_START,
    CLAUSE_WORD,
    COGNITION_CUES,
    COLON_INTRO,
    FRAME,
    INDIRECT_CUE,
    INNER_REPORT,
    INVERTED_END,
    MARKS,
    NOT_SUBJECT_OPENERS,
    NOT_SUBJECT_WORDS,
    PARENTHETICAL,
    PASSIVE,
    PERSON_ROLES,
    PLAIN_SUBJECT,
    PRONOUN_CLAUSE,
    QUESTION_CUES,
    RECIPIENT_CUES,
    RELATIVE_END,
    RELATIVE_REPORT,
    REPORT_TAIL,
    RESUMED,
    ROLE_APPOSITIVE,
    SECOND_REPORT,
    SHARED_SUBJECT_CUES,
    SOURCE,
    SOURCE_LINK,
    SPEECH_CUES,
    THAT_ONLY_CUES,
    TIME_HEAD,
    TIME_TAIL,
    TOLD_PASSIVE,
    TOLD_PASSIVE_END,
    TOLD_WHOM,
    UNNAMED_SOURCE,
    WROTE_TO,
)
from analysis.voices.kinds import is_group_word
from analysis.voices.marks import is_nickname
from analysis.voices.phrases import is_finite_clause, is_np, np_forward
from analysis.voices.records import Attribution, Quote, make_quote
from analysis.voices.resolve import Mentions


class ReportedSpeech(Mentions):
    """Indirect quotes: one per sentence without quote marks that reports speech."""

    def _indirect(self, inside: list[tuple[int, int]]) -> list[Quote]:
        found: list[Quote] = []
        block_end = -1  # the end of a paragraph quoted without marks ('X tweeted:' before it)
        for index, (para_start, para_end) in enumerate(self.paragraphs):
            if para_start < block_end:
                continue
            starts = self._sentences(para_start)
            ends = [*starts[1:], para_end]
            for start, end in zip(starts, ends, strict=True):
                if has_marks(self.text[start:end]):
                    continue
                quote = self._colon_quote(start, end, index) or self._reported(start, end)
                if quote:
                    found.extend(self._second_report(quote))
                    found.extend(self._resumed(quote, end))
                    found.extend(self._relative_after(quote, start, end))
                    block_end = max(block_end, quote.end if quote.start >= para_end else -1)
        return found

    def _second_report(self, quote: Quote) -> list[Quote]:
        """'He said he wants to study, adding he dreams of inventing': two reports, one speaker;
        'X said A but added that B' too. The first ends where the second's cue begins."""
        second = SECOND_REPORT.search(self.text, quote.start, quote.end)
        if not second or quote.kind != "indirect":
            return [quote]
        who = Attribution(
            quote.speaker_mention,
            quote.speaker,
            quote.attribution,
            quote.cue,
            None if quote.cue_start is None else (quote.cue_start, quote.cue_end),
            None if quote.mention_start is None else (quote.mention_start, quote.mention_end),
        )
        first = clause_quote(self.text, (quote.start, second.start()), who, anonymous=True)
        then = Attribution(who.mention, who.speaker, who.attribution, second.group(1))
        then.cue_span, then.mention_span = second.span(1), who.mention_span
        rest = clause_quote(self.text, (second.end(), quote.end), then, anonymous=True)
        if not first or not rest:
            return [quote]
        return [first, rest]

    def _resumed(self, quote: Quote, end: int) -> list[Quote]:
        """'But more remarkable, he said, is how opposition softened': the report resumes
        after the attribution set off by commas; a second piece, with the same speaker."""
        if quote.cue_start is None or quote.end > quote.cue_start:
            return []
        if quote.mention_start is not None and quote.mention_start > quote.cue_start:
            return []  # '…, said John Kirby, spokesman for …': an appositive, not a report
        after = max(quote.cue_end or 0, quote.mention_end or 0)
        body_end = len(self.text[:end].rstrip().rstrip(".!?"))
        rest = RESUMED.match(self.text[after:body_end])
        who = Attribution(
            quote.speaker_mention,
            quote.speaker,
            quote.attribution,
            quote.cue,
            (quote.cue_start, quote.cue_end),
            None if quote.mention_start is None else (quote.mention_start, quote.mention_end),
        )
        if not rest:  # '…, he said, adding he dreams of …': a second report of the speaker
            second = SECOND_REPORT.match(self.text, after, body_end)
            if not second or not second.group().startswith(","):
                return []
            who.cue, who.cue_span = second.group(1), second.span(1)
            piece = clause_quote(self.text, (second.end(), body_end), who, anonymous=True)
            return [piece] if piece else []
        piece = clause_quote(self.text, (after + rest.end(), body_end), who, anonymous=True)
        return [piece] if piece else []

    def _relative_after(self, quote: Quote, start: int, end: int) -> list[Quote]:
        """'…, according to reporters and counsel Jo Brandt, who says the problem …': the
        source named after a report reports again in a relative clause; a second piece."""
        if quote.mention_end is None or quote.mention_start is None:
            return []
        if quote.kind != "indirect" or quote.end > quote.mention_start:
            return []
        relative = RELATIVE_REPORT.search(self.text, quote.mention_end, end)
        if not relative:
            return []
        sentence = self.text[start:end].rstrip()
        body_end = start + len(sentence.rstrip(".!?"))
        cue = INDIRECT_CUE.search(sentence, relative.start(1) - start)
        piece = self._reported_after(start, body_end, cue) if cue else None
        return [piece] if piece else []

    def _colon_quote(self, start: int, end: int, index: int) -> Quote | None:
        """'X said in a statement: …' or 'X tweeted:' closing its paragraph, the words
        following without quote marks: a full quote, in the sentence or the next paragraph."""
        sentence = self.text[start:end].rstrip()
        intro = COLON_INTRO.search(sentence)
        if not intro:
            return None
        cue_span = (start + intro.start(1), start + intro.end(1))
        who = self._subject(start, cue_span[0], cue_span, intro.group(1))
        if not who or not who.mention or who.mention.lower() in NOT_SUBJECT_OPENERS:
            return None  # 'we observed: …': the writer's own words
        quoted = (start + intro.end(), start + len(sentence))
        if quoted[0] >= quoted[1]:
            if index + 1 >= len(self.paragraphs) or end < self.paragraphs[index][1]:
                return None
            quoted = self.paragraphs[index + 1]
            if has_marks(self.text[quoted[0] : quoted[1]]):
                return None  # a marked quote: found, and attributed, with the marks
        if len(self.text[quoted[0] : quoted[1]].split()) < 4:
            return None
        return make_quote(self.text, *quoted, "full", who)

    def _reported(self, start: int, end: int) -> Quote | None:
        """Reported speech in one sentence without quote marks."""
        sentence = self.text[start:end].rstrip()
        end = start + len(sentence)
        body_end = end - 1 if sentence.endswith((".", "!", "?")) else end
        frame = FRAME.search(self.text, start, body_end)
        if frame:
            quote = self._framed(start, body_end, frame)
            if quote:
                return quote
        source = SOURCE.search(sentence)
        if source:
            quote = self._according(start, body_end, source)
            if quote:
                return quote
        passive = PASSIVE.match(self.text, start, body_end)
        if passive:  # 'It was announced that …': reported, by nobody named
            who = Attribution(cue=passive.group(1), cue_span=passive.span(1))
            return clause_quote(self.text, (passive.end(), body_end), who, anonymous=True)
        tail = REPORT_TAIL.search(self.text[start:body_end])
        if tail:
            quote = self._reported_before(start, body_end, tail)
            if quote:
                return quote
        quote = self._parenthetical(start, body_end)
        if quote:
            return quote
        for cue in INDIRECT_CUE.finditer(sentence):
            quote = self._reported_after(start, body_end, cue)
            if quote:
                return quote
        return self._told(start, body_end)

    def _told(self, start: int, body_end: int) -> Quote | None:
        """'They were told (by X) (that) …' and '…, I was told.': speech reported to the
        subject; the speaker is the agent after 'by' when there is one, else nobody named."""
        end_told = TOLD_PASSIVE_END.search(self.text, start, body_end)
        if end_told:
            who = Attribution(cue="told", cue_span=end_told.span(1))
            return clause_quote(self.text, (start, end_told.start()), who, anonymous=True)
        told = TOLD_PASSIVE.search(self.text, start, body_end)
        after = self.text[told.end() : body_end] if told else ""
        if not told or after.startswith("to ") or not is_finite_clause(after):
            return None  # 'was told to leave': an order, not speech reported
        if told.group("agent"):
            who = self._resolve(told.span("agent"), told.span(1))
        else:
            who = Attribution(cue="told", cue_span=told.span(1))
        return clause_quote(self.text, (told.end(), body_end), who, anonymous=True)

    def _according(self, start: int, body_end: int, source: re.Match[str]) -> Quote | None:
        """'according to X, …' and '…, according to X.': X is the source."""
        text = self.text
        s_start, s_end = start + source.start(), start + source.end()
        if source.start() == 0 or SOURCE_LINK.fullmatch(text, start, s_start):
            comma = text.find(",", s_end, body_end)
            if comma < 0:
                return None
            aside = re.match(r",\s+(?:a|an|the)\s([^,;:“”\"]{2,80}),", text[comma:body_end])
            named = re.search(r"[A-Z][\w’'.\-]*$", text[s_end:comma])
            if aside and not (named and PERSON_ROLES & set(re.findall(r"[a-z]+", aside.group(1)))):
                aside = None  # 'According to X, the plan, …', 'according to these sources, the
                # head of …': the clause, not a named person's appositive
            clause_start = comma + aside.end() if aside else comma + 1
            mention, clause = (s_end, comma), (clause_start, body_end)  # past 'X, a lawyer,'
        else:
            if text[s_start - 2 : s_start].strip() != ",":
                return None
            comma = text.find(",", s_end, body_end)
            relative = comma >= 0 and RELATIVE_REPORT.match(text, comma, body_end)
            if comma >= 0 and len(text[comma:body_end].split()) >= 3 and not relative:
                return self._according_within(start, body_end, (s_start, s_end), comma)
            mention, clause = (s_end, comma if relative else body_end), (start, s_start - 2)
            inner = INNER_REPORT.search(text[start : s_start - 2])
            if inner:  # '…, X said, according to Tass.': X speaks, Tass relays
                return self._reported_before(start, s_start - 2, inner)
        who = self._source(mention, (s_start, s_end))
        return clause_quote(text, clause, who)

    def _framed(self, start: int, body_end: int, frame: re.Match[str]) -> Quote | None:
        """'In X's view, …', '…, as X put it.', 'The plan, in the words of X, is …': X's view."""
        group = next(g for g in ("owner", "of", "as") if frame.group(g))
        cue_group = {"owner": "view", "of": "of_view", "as": "as_cue"}[group]
        if not is_np(frame.group(group)):
            return None
        who = self._resolve(frame.span(group), frame.span(cue_group))
        if frame.start() == start:
            clause = (frame.end(), body_end)
        elif not self.text[frame.end() : body_end].strip():
            clause = (start, frame.start())
        else:
            clause = (start, body_end)
        return clause_quote(self.text, clause, who)

    def _according_within(
        self, start: int, body_end: int, cue_span: tuple[int, int], comma: int
    ) -> Quote | None:
        """'The commitment, according to the campaign, includes …': the sentence is reported."""
        mention = self.text[cue_span[1] : comma]
        if len(mention.split()) > 8:
            return None
        who = self._source((cue_span[1], comma), cue_span)
        return clause_quote(self.text, (start, body_end), who)

    def _parenthetical(self, start: int, body_end: int) -> Quote | None:
        """'All told, the campaign reports, the commitment is …': a cue set off by commas."""
        match = PARENTHETICAL.search(self.text, start, body_end)
        if not match:
            return None
        np_text = TIME_TAIL.sub("", match.group(1))
        if not is_np(np_text):
            return None
        np_start = match.start(1)
        who = self._resolve((np_start, np_start + len(np_text)), match.span(2))
        after = self.text[match.end() : body_end]
        clause_start = match.end() if CLAUSE_START.match(after) else start
        return clause_quote(self.text, (clause_start, body_end), who)

    def _source(self, span: tuple[int, int], cue_span: tuple[int, int]) -> Attribution:
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
            np_text = TIME_TAIL.sub("", tail.group(1)[: tail.start(2) - tail.start(1)])
            if not is_np(np_text.strip()):
                return None
            cue_span = (start + tail.start(2), start + tail.end(2))
            who = self._resolve((np_start, np_start + len(np_text.rstrip())), cue_span)
        else:
            cue_span = (start + tail.start(3), start + tail.end(3))
            if tail.group(3) in ("told", "tells", "informed"):
                return None  # '…, told the Star Tribune': the words after name the recipient
            np = np_forward(self.text, cue_span[1], body_end)
            if (
                not np
                or not (
                    INVERTED_END.match(self.text, np[1], body_end)
                    or ROLE_APPOSITIVE.match(self.text, np[1], body_end)
                )
                or self.text.startswith("that ", np[0])
            ):
                return None  # 'X, 45, said the company would …': a clause follows, not a speaker
            who = self._resolve(np, cue_span)
        return clause_quote(self.text, clause, who)

    def _plain_subject(self, start: int, cue_span: tuple[int, int]) -> Attribution | None:
        """'Her father claimed …', 'A lawmaker in Kentucky said …': a short noun phrase
        opening the sentence before a verb of speech reports speech; it names nobody
        (a name in it, 'Kentucky', is not the speaker)."""
        lead = ADVERBIAL_LEAD.match(self.text, start, cue_span[0])
        begin = lead.end() if lead else start
        head = TIME_TAIL.sub("", self.text[begin : cue_span[0]]).rstrip()
        words = head.split()
        if not PLAIN_SUBJECT.fullmatch(head) or len(words) > 8 or INDIRECT_CUE.search(head):
            return None  # 'The Chinese announced the tariffs after Trump warned': no subject
        if words[0].lower() in NOT_SUBJECT_OPENERS or NOT_SUBJECT_WORDS & {
            w.lower() for w in words
        }:
            return None
        self._note_unnamed(head, cue_span, anyone=True)
        return Attribution(head, None, "none", None, cue_span, (begin, begin + len(head)))

    def _relative_antecedent(
        self, start: int, comma: int, cue_span: tuple[int, int]
    ) -> Attribution | None:
        """'… criticised by David Holmes, an embassy official, who said …', '… from Western
        nations, which say …': the name or group the relative pronoun stands for reports,
        wherever it sits in the sentence (an appositive after it names nobody new)."""
        head = self.text[start:comma]
        appositive = re.search(r",\s+(?:a|an|the)\s[^,]{2,80}$", head)
        if appositive:
            head = head[: appositive.start()]
        antecedent = ANTECEDENT.search(head)
        if antecedent and re.search(
            r"\b(?:in|on|at|across|around|near|inside|outside|throughout)\s+$",
            head[: antecedent.start()],
        ):
            return None  # 'Democrats on Capitol Hill, who argue': the place is no speaker
        if not antecedent or not (
            antecedent.group()[:1].isupper() or is_group_word(antecedent.group().split()[-1])
        ):
            return None
        return self._resolve((start + antecedent.start(), start + antecedent.end()), cue_span)

    def _reported_after(self, start: int, body_end: int, cue: re.Match[str]) -> Quote | None:
        """'X said (that) …' with X starting the sentence or a comma clause."""
        cue_span = (start + cue.start(), start + cue.end())
        head = TIME_TAIL.sub("", self.text[start : cue_span[0]]).rstrip()
        loose = False  # a subject that names no speaker needs a clause, not an object, after
        if cue.group() in SHARED_SUBJECT_CUES:
            shared = head.endswith(",")
            who = self._sentence_subject(start, cue_span[0]) if shared else None
        else:
            who = self._subject(start, cue_span[0], cue_span, cue.group())
            if not who and re.search(r"\band$", head) and not CLAUSE_WORD.search(head):
                who = self._sentence_subject(start, cue_span[0])  # 'X did Y and said …'
            relative = RELATIVE_END.search(head)
            if not who and relative:
                who = self._relative_antecedent(start, start + relative.start(), cue_span)
            if not who and cue.group() in SPEECH_CUES:
                who = self._plain_subject(start, cue_span)
                loose = who is not None and not UNNAMED_SOURCE.match(who.mention or "")
        if not who or not who.mention:
            return None
        if who.mention.lower() in ("i", "we"):
            return None  # 'I believe …', 'we observed …': the writer's own view, not reported
        who.cue, who.cue_span = cue.group(), cue_span
        after = self.text[cue_span[1] : body_end]
        recipient = 0
        if cue.group() in RECIPIENT_CUES:
            told = TOLD_WHOM.match(after)
            if not told:
                return None
            recipient = told.end()  # 'told reporters (that) …': the clause follows the recipient
        skip = TIME_HEAD.match(after[recipient:])
        rest = after[recipient + (skip.end() if skip else 0) :]
        lead = len(after) - len(rest)
        that = re.match(
            r"\s*(?:in\s+(?:a|an|the)\s+[\w\s\-.]{1,60}?\s+|(?:at|on|during)\s+[\w\s’']{1,60}?\s+)?"
            r"that\s+",
            rest,
        )
        question = re.match(r"\s+(?=(?:whether|why|if|how)\s)", rest)
        if cue.group() in QUESTION_CUES:
            if not question:
                return None  # 'asked a question', 'questioned the witness': no speech reported
            offset = lead + question.end()
        elif that:
            offset = lead + that.end()
        else:
            plain = re.match(r"\s+", rest)
            if (
                not plain
                or cue.group() in THAT_ONLY_CUES
                or (loose and not finite_or_pronoun(rest[plain.end() :]))
                or not (
                    CLAUSE_START.match(rest[plain.end() :])
                    or (cue.group() in SPEECH_CUES and AUXILIARY_CLAUSE.match(rest[plain.end() :]))
                )
                or rest[plain.end() :].startswith(("to ", "in ", "at ", "on "))
                or (cue.group() in COGNITION_CUES and not is_finite_clause(rest[plain.end() :]))
                or possessive_object(rest[plain.end() :])
                or (cue.group() in ("wrote", "writes") and WROTE_TO.match(rest, plain.end()))
            ):
                return None
            offset = lead + plain.end()
        clause = (cue_span[1] + offset, body_end)
        if len(self.text[clause[0] : clause[1]].split()) < 4:
            return None
        return clause_quote(self.text, clause, who)


def finite_or_pronoun(clause: str) -> bool:
    """Whether words after a verb of speech are a clause: a finite verb, or a subject pronoun
    opening them ('said they know none by name'; 'said it' may be an object)."""
    return is_finite_clause(clause) or bool(PRONOUN_CLAUSE.match(clause))


def possessive_object(clause: str) -> bool:
    """'tweeted their displeasure about …': a possessive noun phrase with no verb after it is
    the verb's object, not a reported clause ('said their plan would fail' has one)."""
    if not re.match(r"(?:his|her|its|their|our)\s", clause):
        return False
    return not re.search(
        r"\b(?:is|are|was|were|will|would|could|can|may|might|should|must|has|have|had|did|does)\b",
        clause,
    )


def has_marks(sentence: str) -> bool:
    """Whether a sentence holds a quote mark (apostrophes and nicknames aside)."""
    bare = sentence.replace("’", "").replace("'", "")
    marks = [m.start() for m in MARKS.finditer(bare)]
    nicknames = {p for p in marks if is_nickname(bare, p)}
    closing = {marks[i + 1] for i, p in enumerate(marks[:-1]) if p in nicknames}
    return any(p not in nicknames | closing for p in marks)


def clause_quote(
    text: str, clause: tuple[int, int], who: Attribution, anonymous: bool = False
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
    return make_quote(text, start, end, "indirect", who)
