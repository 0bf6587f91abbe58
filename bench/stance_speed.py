"""Time the framing stage on a slice of a large corpus: mentions, cues, tone, evidence.

Usage: ``python bench/stance_speed.py ARTICLES.jsonl[.gz] [--limit N] [--repeat R]``

The first ``N`` articles (1,000 by default) are analysed once, untimed, with
knowledge derived from themselves (targets from the corpus, the
story-independent lexicon), as a new corpus would be. Then, ``R`` times each
(best kept, CPU seconds of this process): ``mentions`` (every target over every
sentence), ``stance_cues`` and ``stance_evidence`` (mentions, cues, the tone of
every narrated mention, voice). Prints the counts beside the times so two runs
can be compared; figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.load import load_corpus
from analysis.framing.stance import mentions, stance_cues, stance_evidence
from analysis.pipeline import analyse, load_framing, load_knowledge


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
        lambda: stance_evidence(sentences, quotes, targets, lexicon), args.repeat
    )
    print(f"stance_evidence  {seconds:7.2f} s CPU   {len(evidence)} evidence rows")


if __name__ == "__main__":
    main()
