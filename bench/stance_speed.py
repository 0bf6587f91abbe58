"""Time the framing stage on a slice of a large corpus: mentions, cues, tone, evidence.

Usage: ``python bench/stance_speed.py ARTICLES.jsonl[.gz] [--limit N] [--repeat R]``

The first ``N`` articles (1,000 by default) are analysed once, untimed, with
knowledge derived from themselves (targets from the corpus, the
story-independent lexicon), as a new corpus would be. Then, ``R`` times each
(best kept, CPU seconds of this process): ``mentions`` (every target over every
sentence), ``stance_cues`` and ``stance_evidence`` (mentions, cues, the tone of
every narrated mention, voice: as a build scores a corpus, without the words that
pushed each tone). Prints the counts beside the times so two runs
can be compared; figures are printed, never asserted.

``--save OUT.parquet`` writes the evidence as a build stores it, plus the words
that pushed each tone (``tone_contributions``, as JSON text); ``--same
REF.parquet`` compares this run's with one saved by another version of the code
and exits 1 when a value differs (a speed change must leave the evidence as it was).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd

from analysis.corpus.load import load_corpus
from analysis.framing.stance import mentions, stance_cues, stance_evidence, tone_contributions
from analysis.pipeline import analyse, load_framing, load_knowledge
from analysis.store.stored_framing import compact, with_sentences


def best_cpu(function: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The least CPU time of ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.process_time()
        result = function()
        times.append(time.process_time() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--save", type=Path, help="write the evidence here (Parquet)")
    parser.add_argument("--same", type=Path, help="compare the evidence with a saved one")
    args = parser.parse_args()
    opener = gzip.open if args.articles.suffix == ".gz" else open
    with tempfile.TemporaryDirectory() as folder:
        subset = Path(folder) / "slice.jsonl"
        with opener(args.articles, "rt", encoding="utf-8") as lines, subset.open("w") as out:
            out.writelines(itertools.islice(lines, args.limit))
        analysis = analyse(load_corpus(subset), load_knowledge(folder))
        framing = load_framing(folder, analysis)
    sentences, quotes = analysis.sentences, analysis.quotes
    targets, lexicon = framing.targets, framing.lexicon
    print(
        f"{len(analysis.articles)} articles, {len(sentences)} sentences, {len(targets)} "
        f"targets, {len(lexicon)} lexicon terms"
    )
    seconds, found = best_cpu(lambda: mentions(sentences, targets, quotes), args.repeat)
    print(f"mentions         {seconds:7.2f} s CPU   {len(found)} mentions")
    seconds, cues = best_cpu(
        lambda: stance_cues(sentences, found, quotes, targets, lexicon), args.repeat
    )
    print(f"stance_cues      {seconds:7.2f} s CPU   {len(cues)} cues")
    seconds, evidence = best_cpu(
        lambda: stance_evidence(sentences, quotes, targets, lexicon, explain=False), args.repeat
    )
    print(f"stance_evidence  {seconds:7.2f} s CPU   {len(evidence)} evidence rows")
    if args.save or args.same:
        saved = explained(evidence, sentences)
        if args.save:
            saved.to_parquet(args.save)
        if args.same:
            same = saved.equals(pd.read_parquet(args.same))
            print(f"the same evidence as {args.same}: {'yes' if same else 'NO'}")
            sys.exit(0 if same else 1)


def explained(evidence: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The stored form of ``evidence`` with each tone's words as JSON text."""
    stored = compact(evidence)
    words = tone_contributions(with_sentences(stored, sentences))
    return stored.assign(contributions=[json.dumps(w) for w in words])


if __name__ == "__main__":
    main()
