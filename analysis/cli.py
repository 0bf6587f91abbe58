"""``python -m analysis COMMAND CORPUS``: the dashboard's analyses without the UI.

Every command prints one table, as ``table`` (for a person), ``csv`` or
``jsonl`` (one JSON object per line, for programs). Errors go to stderr with
a non-zero exit status and a message that says what to do, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

import pandas as pd

from analysis.corpus.fetch import MAX_PAGE_BYTES, TIMEOUT_SECONDS, fetch_articles
from analysis.corpus.ingest import add_articles, is_jsonl_corpus
from analysis.corpus.load import Article, Corpus, load_corpus
from analysis.corpus.stories import stories
from analysis.emphasis.keywords import distinctive_terms
from analysis.filters import Selection, select_quotes, select_sentences
from analysis.framing.stance import (
    TABLE_COLUMNS,
    LexiconEntry,
    Target,
    parse_target_option,
    stance_evidence,
    summarize,
)
from analysis.knowledge.derive.drafts import knowledge_drafts, write_drafts
from analysis.knowledge.files import KnowledgeError, Problem
from analysis.knowledge.patterns import PatternError
from analysis.knowledge.report import full_report
from analysis.overlap.claims import coverage_matrix
from analysis.overlap.summary import Overlap, analyse_overlap
from analysis.pipeline import (
    Analysis,
    analyse,
    knowledge_folder,
    load_framing,
    load_knowledge,
)
from analysis.store.build import ENGINES, Build, BuildError, build, open_build
from analysis.store.stored_framing import compact, in_selection
from analysis.voices.share import speaker_matrix
from analysis.wording import plural

EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_FAILURE = 3


class UsageError(ValueError):
    """A request the user can fix (unknown topic, bad option value)."""


def emit(frame: pd.DataFrame, fmt: str, out: TextIO) -> None:
    """Print ``frame`` in the requested output format."""
    if fmt == "csv":
        frame.to_csv(out, index=False)
    elif fmt == "jsonl":
        if not frame.empty:
            # pandas ends the last record with a newline or not depending on its version:
            # write exactly one, so every line is a JSON object (no trailing empty line).
            text = frame.to_json(orient="records", lines=True, force_ascii=False)
            out.write(text.rstrip("\n") + "\n")
    elif frame.empty:
        out.write("(no rows)\n")
    else:
        with pd.option_context("display.max_colwidth", 60, "display.width", 200):
            out.write(frame.to_string(index=False) + "\n")


def command_check(args: argparse.Namespace, out: TextIO) -> int:
    """Validation report: every problem found in the corpus and the knowledge files."""
    corpus = load_corpus(args.corpus)
    report, knowledge_problems = full_report(corpus, load_knowledge(args.knowledge))
    emit(report, args.format, out)
    rejected = len(corpus.errors)
    if args.format == "table":
        out.write(
            f"{plural(len(corpus.articles), 'article')} loaded, {rejected} rejected, "
            f"{plural(len(corpus.warnings), 'warning')}, "
            f"{plural(knowledge_problems, 'knowledge problem')}\n"
        )
    return EXIT_REJECTED if rejected else 0


def command_keywords(args: argparse.Namespace, out: TextIO) -> int:
    """Distinctive terms per outlet or per article, each against all the others.

    ``--outlet`` chooses which outlets to print; the other filters choose the sentences.
    """
    analysis = _analyse(args)
    selection = _selection(args, analysis)
    everyone = replace(selection, outlets=())
    sentences = select_sentences(analysis.sentences, everyone, analysis.quotes)
    by = "outlet" if args.by == "outlet" else "article_id"
    terms = distinctive_terms(
        sentences,
        by=by,
        top=args.top,
        names=analysis.names,
        counts=analysis.term_counts,
        common=args.common,
        method=args.method,
        shown=selection.outlets or None,
    )
    if selection.outlets:
        shown = set(sentences.loc[sentences["outlet"].isin(selection.outlets), by])
        terms = terms[terms["group"].isin(shown)]
    emit(terms.rename(columns={"group": by}).reset_index(drop=True), args.format, out)
    return 0


QUOTE_FIELDS = [
    "quote_id", "article_id", "outlet", "title", "source_file", "kind", "speaker",
    "speaker_mention", "affiliation", "cue", "attribution", "text", "start", "end",
]  # fmt: skip


def command_quotes(args: argparse.Namespace, out: TextIO) -> int:
    """Every quote with its speaker, or per-speaker counts per outlet (``--by speaker``)."""
    analysis = _analyse(args)
    selection = _selection(args, analysis)
    sentences = select_sentences(analysis.sentences, selection, analysis.quotes)
    quotes = select_quotes(analysis.quotes, sentences, selection)
    if args.by == "speaker":
        counts = speaker_matrix(quotes)[["speaker", "affiliation", "outlet", "quotes", "words"]]
        emit(counts.sort_values(["speaker", "outlet"], ignore_index=True), args.format, out)
        return 0
    articles = analysis.articles[["article_id", "title", "source_file"]]
    emit(quotes.merge(articles, on="article_id")[QUOTE_FIELDS], args.format, out)
    return 0


def command_stance(args: argparse.Namespace, out: TextIO) -> int:
    """Framing indicators per outlet or article and target, within the selection.

    A build's stored evidence is read when it was computed with the same targets and
    lexicon; other targets (``--target``, edited files) are scored here.
    """
    analysis, built = _analysis_and_build(args)
    selection = _selection(args, analysis)
    targets, lexicon = _framing_knowledge(args, analysis)
    sentences = select_sentences(analysis.sentences, selection, analysis.quotes)
    quotes = select_quotes(analysis.quotes, sentences, selection)
    evidence = built.framing_for(targets, lexicon) if built else None
    if evidence is None:
        evidence = compact(
            stance_evidence(analysis.sentences, analysis.quotes, targets, lexicon, explain=False)
        )
    evidence = in_selection(evidence, sentences, analysis.sentences)
    articles = analysis.articles.loc[sentences["article_id"].unique()]
    table = summarize(evidence, articles, quotes, targets, args.by)
    if args.by == "article":
        outlets = analysis.articles[["article_id", "outlet"]].reset_index(drop=True)
        table = table.merge(outlets, on="article_id")
        table = table[["article_id", "title", "outlet", *TABLE_COLUMNS]]
    emit(table, args.format, out)
    return 0


def command_overlap(args: argparse.Namespace, out: TextIO) -> int:
    """Reused passages between articles, or quotes shared by several (``--shared-quotes``)."""
    overlap = _overlap(*_analysis_and_build(args))
    if args.shared_quotes:
        table = overlap.shared_quotes.drop(columns=["members"], errors="ignore")
        emit(table, args.format, out)
        return 0
    copies = overlap.copies[["article_a", "article_b", "shared_copy"]]
    reuse = overlap.reuse.merge(copies, on=["article_a", "article_b"], how="left")
    reuse["shared_copy"] = reuse["shared_copy"].fillna(False).astype(bool)
    emit(reuse, args.format, out)
    return 0


def command_claims(args: argparse.Namespace, out: TextIO) -> int:
    """Claims with their member sentences, or the outlet x claim matrix (``--matrix``)."""
    analysis, built = _analysis_and_build(args)
    overlap = _overlap(analysis, built)
    claims, members = overlap.claims, overlap.members
    kept = claims[claims["n_outlets"] >= args.min_outlets]
    if args.matrix:
        matrix = coverage_matrix(kept, members, args.min_outlets)
        labels = kept.set_index("claim_id")["label"]
        emit(matrix.assign(label=labels.reindex(matrix.index)).reset_index(), args.format, out)
        return 0
    sources = analysis.articles[["article_id", "source_file"]].reset_index(drop=True)
    members = members.merge(sources, on="article_id")
    fields = ["article_id", "outlet", "source_file", "text", "start", "end"]
    grouped = members.groupby("claim_id")[fields].apply(lambda g: g.to_dict("records"))
    table = kept.assign(members=kept["claim_id"].map(grouped))
    if args.format != "jsonl":
        table = table.assign(
            outlets=table["outlets"].map("; ".join),
            members=table["members"].map(lambda m: " | ".join(r["text"] for r in m)),
        )
    emit(table.reset_index(drop=True), args.format, out)
    return 0


def command_fetch(args: argparse.Namespace, out: TextIO) -> int:
    """Fetch article pages and add each article to ``--out``: one checked ``.md`` file in a
    folder, or one line appended to a ``.jsonl``/``.jsonl.gz`` corpus file."""
    folder = Path(args.out)
    if is_jsonl_corpus(folder):
        corpus = load_corpus(folder)
    elif folder.exists() and not folder.is_dir():
        raise UsageError(
            f"{folder}: --out must be a folder (one file per article) or a .jsonl/.jsonl.gz file"
        )
    else:
        folder.mkdir(parents=True, exist_ok=True)
        corpus = load_corpus(folder) if any(folder.iterdir()) else Corpus([])
    items = list(fetch_articles(args.urls, args.timeout, args.max_bytes))
    result = add_articles(folder, [i for i in items if isinstance(i, Article)], corpus)
    files = {a.loaded_from: name for a, name in zip(result.added, result.files, strict=True)}
    rows = [_fetch_row(item, files, result.problems) for item in items]
    emit(
        pd.DataFrame(rows, columns=["url", "status", "file", "outlet", "title", "message"]).fillna(
            ""
        ),
        args.format,
        out,
    )
    if args.format == "table":
        out.write(result.summary() + f" in {folder}\n")
    return EXIT_REJECTED if any(r["status"] == "not added" for r in rows) else 0


def _fetch_row(item: Article | Problem, files: dict[str, str], problems: list[Problem]) -> dict:
    if isinstance(item, Problem):
        return {"url": item.source, "status": "not added", "message": item.message}
    notes = [p for p in problems if p.source == item.loaded_from]
    added = item.loaded_from in files
    return {
        "url": item.url,
        "status": "added" if added else "not added",
        "file": files.get(item.loaded_from, ""),
        "outlet": item.outlet,
        "title": item.title,
        "message": "; ".join(p.message for p in notes),
    }


def _framing_knowledge(
    args: argparse.Namespace, analysis: Analysis
) -> tuple[list[Target], list[LexiconEntry]]:
    """Targets (targets.csv, else derived from the corpus, as on the Framing page) and the
    lexicon; ``--target`` adds to them, ``--only-given-targets`` keeps only those."""
    framing = load_framing(args.knowledge, analysis)
    _warn(framing.problems)
    targets = [] if args.only_given_targets else list(framing.targets)
    try:
        targets += [parse_target_option(option) for option in args.target or ()]
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    if not targets:
        raise UsageError("no targets: give --target NAME=pattern|pattern or a targets.csv")
    return targets, framing.lexicon


def command_knowledge(args: argparse.Namespace, out: TextIO) -> int:
    """The knowledge in use; with ``--out DIR``, derived knowledge written as editable drafts."""
    analysis = _analyse(args)
    framing = load_framing(args.knowledge, analysis)
    sources = {**analysis.knowledge_sources, **framing.sources}
    drafts = knowledge_drafts(framing.derived_targets, analysis.speakers, analysis.sentences)
    if args.out:
        results = write_drafts(args.out, drafts)
        table = pd.DataFrame(
            [(r.kind, str(r.path), r.kept, r.added) for r in results],
            columns=["knowledge", "file", "rows_kept", "rows_added"],
        )
    else:
        table = pd.DataFrame(
            [
                (kind, source, len(drafts[kind]) if kind in drafts else None)
                for kind, source in sources.items()
            ],
            columns=["knowledge", "source", "derived_rows"],
        )
        table["derived_rows"] = table["derived_rows"].astype("Int64")
    emit(table, args.format, out)
    return 0


def _warn(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _overlap(analysis: Analysis, built: Build | None) -> Overlap:
    """The build's overlap tables, else computed."""
    if built is not None and built.overlap is not None:
        return built.overlap
    return analyse_overlap(analysis)


def _analyse(args: argparse.Namespace) -> Analysis:
    """The corpus's analysis: opened from ``--analysis DIR`` (warning when it is stale),
    else computed."""
    return _analysis_and_build(args)[0]


def _analysis_and_build(args: argparse.Namespace) -> tuple[Analysis, Build | None]:
    """The corpus's analysis and, with ``--analysis DIR``, the build it was opened from.

    A build of the same corpus files (names, sizes, times) is current without loading
    and hashing the corpus; otherwise the corpus is hashed to say whether it changed.
    """
    knowledge = load_knowledge(args.knowledge)
    if getattr(args, "analysis", None):
        try:
            built = open_build(args.analysis)
        except BuildError as exc:
            raise UsageError(str(exc)) from exc
        if built.same_corpus_files(args.corpus):
            reasons = built.stale_knowledge(knowledge)
        else:
            reasons = built.stale(_corpus(args), knowledge)
        for reason in reasons:
            print(f"warning: the build in {args.analysis} is stale: {reason}", file=sys.stderr)
        return built.analysis, built
    return analyse(_corpus(args), knowledge, workers=args.workers), None


def _corpus(args: argparse.Namespace) -> Corpus:
    """The corpus, its rejected files said on stderr; none loaded is a usage error."""
    corpus = load_corpus(args.corpus)
    for problem in corpus.errors:
        print(f"skipped: {problem}", file=sys.stderr)
    if not corpus.articles:
        raise UsageError(f"{args.corpus}: no article could be loaded; run 'check' to see why")
    return corpus


def command_build(args: argparse.Namespace, out: TextIO) -> int:
    """Analyse the corpus once and write every table as Parquet plus a manifest."""
    corpus = load_corpus(args.corpus)
    if not corpus.articles:
        raise UsageError(f"{args.corpus}: no article could be loaded; run 'check' to see why")
    knowledge = load_knowledge(args.knowledge)
    bar = ProgressBar(sys.stderr)
    try:
        built = build(
            corpus,
            knowledge,
            args.out,
            engine=args.engine,
            scheduler=args.scheduler,
            workers=args.workers,
            progress=bar,
        )
    except BuildError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        bar.close()
    manifest = built.manifest
    rows = [("table", name, n) for name, n in manifest["counts"].items()]
    rows += [("seconds", stage, s) for stage, s in manifest["timings"].items()]
    rows += [("peak MB", stage, mb) for stage, mb in manifest.get("peak_rss_mb", {}).items()]
    table = pd.DataFrame(rows, columns=["kind", "name", "value"]).astype({"value": object})
    emit(table, args.format, out)
    return 0


class ProgressBar:
    """A one-line progress bar on a terminal (nothing when the stream is not one)."""

    width = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()

    def __call__(self, fraction: float, message: str) -> None:
        if self.live:
            done = int(self.width * min(max(fraction, 0.0), 1.0))
            bar = "#" * done + "-" * (self.width - done)
            self.stream.write(f"\r[{bar}] {fraction:4.0%} {message[:60]:<60}")
            self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\n")


def _selection(args: argparse.Namespace, analysis: Analysis) -> Selection:
    selection = Selection(
        outlets=tuple(args.outlet or ()),
        topics=tuple(args.topic or ()),
        speakers=tuple(getattr(args, "speaker", None) or ()),
        query=args.q or "",
    )
    known_outlets = set(analysis.articles["outlet"])
    known_topics = set(analysis.sentences["topics"].explode().dropna()) | set(
        analysis.sentences["discovered_topic"]
    )
    known_topics.discard("")  # a sentence without a discovered topic
    _require_known("outlet", selection.outlets, known_outlets)
    _require_known("topic", selection.topics, known_topics)
    _require_known("speaker", selection.speakers, set(analysis.quotes["speaker"].dropna()))
    return selection


def _require_known(label: str, values: Sequence[str], known: set[str]) -> None:
    unknown = [v for v in values if v not in known]
    if unknown:
        listing = "; ".join(sorted(k for k in known if k)) or "none"
        raise UsageError(f"unknown {label} {', '.join(map(repr, unknown))}; known: {listing}")


def command_stories(args: argparse.Namespace, out: TextIO) -> int:
    """Each article's story (given by the corpus, else grouped) and the story's label."""
    if args.analysis:
        emit(_analyse(args).stories, args.format, out)
        return 0
    corpus = load_corpus(args.corpus)
    for problem in corpus.errors:
        print(f"skipped: {problem}", file=sys.stderr)
    if not corpus.articles:
        raise UsageError(f"{args.corpus}: no article could be loaded; run 'check' to see why")
    columns = ["article_id", "title", "text", "published", "story"]
    frame = pd.DataFrame(
        [[getattr(a, c) for c in columns] for a in corpus.articles], columns=columns
    )
    emit(stories(frame), args.format, out)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "check": command_check,
    "keywords": command_keywords,
    "quotes": command_quotes,
    "stance": command_stance,
    "overlap": command_overlap,
    "claims": command_claims,
    "stories": command_stories,
    "knowledge": command_knowledge,
    "build": command_build,
    "fetch": command_fetch,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Coverage Lens analyses from the command line.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = _add_command(commands, "check", "validation report (exit 1 if an article was rejected)")
    check.set_defaults(filters=False)
    keywords = _add_command(commands, "keywords", "distinctive terms per outlet or article")
    _add_filters(keywords)
    keywords.add_argument("--by", choices=["outlet", "article"], default="outlet")
    keywords.add_argument("--top", type=_positive, default=15, help="terms per group (15)")
    keywords.add_argument(
        "--common", action="store_true", help="also rank terms that every group uses"
    )
    keywords.add_argument(
        "--method",
        choices=["tfidf", "logodds"],
        default="tfidf",
        help="TF-IDF (default) or the z-score of the log-odds ratio with an informative "
        "Dirichlet prior, one group against the rest",
    )
    quotes = _add_command(commands, "quotes", "quotes with speaker, kind, cue and offsets")
    _add_filters(quotes)
    quotes.add_argument("--by", choices=["quote", "speaker"], default="quote")
    overlap = _add_command(commands, "overlap", "reused passages between articles")
    overlap.add_argument(
        "--shared-quotes", action="store_true", help="quotes carried by several articles instead"
    )
    claims = _add_command(commands, "claims", "claims: sentences that report the same thing")
    claims.add_argument("--matrix", action="store_true", help="the claim x outlet matrix")
    claims.add_argument(
        "--min-outlets", type=_positive, default=1, help="only claims carried by N outlets (1)"
    )
    _add_command(commands, "stories", "each article's story: given, or grouped automatically")
    knowledge = _add_command(
        commands, "knowledge", "the knowledge in use; --out writes derived knowledge as drafts"
    )
    knowledge.add_argument(
        "--out",
        type=Path,
        help="write targets.csv, speakers.csv and topics.csv drafts here (merged into files "
        "that exist: no row is dropped)",
    )
    built = _add_command(
        commands, "build", "analyse once; write every table as Parquet plus a manifest"
    )
    built.add_argument("--out", type=Path, required=True, help="the build's folder")
    built.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="local: processes over all cores; dask: tasks on a Dask cluster",
    )
    built.add_argument(
        "--scheduler",
        help="a Dask scheduler address (tcp://host:8786); without it a local Dask cluster",
    )
    stance = _add_command(commands, "stance", "framing indicators per outlet or article")
    _add_filters(stance)
    stance.add_argument("--by", choices=["outlet", "article"], default="outlet")
    stance.add_argument(
        "--target",
        action="append",
        metavar="NAME=PATTERNS",
        help="an extra target, e.g. 'ICC=International Criminal Court|ICC' (repeatable); "
        "patterns are regular expressions matched case-insensitively on word boundaries",
    )
    stance.add_argument(
        "--only-given-targets",
        action="store_true",
        help="use only the --target targets, not targets.csv",
    )
    _add_fetch(commands)
    return parser


def _add_fetch(commands) -> None:
    help_text = "fetch article pages by URL into a corpus folder (exit 1 if one failed)"
    fetch = commands.add_parser("fetch", help=help_text, description=help_text)
    fetch.add_argument("urls", nargs="+", metavar="URL", help="article links")
    fetch.add_argument(
        "--out", required=True, help="corpus folder (or .jsonl/.jsonl.gz file) to add them to"
    )
    fetch.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT_SECONDS,
        help=f"seconds per page ({TIMEOUT_SECONDS:g})",
    )
    fetch.add_argument(
        "--max-bytes",
        type=_positive,
        default=MAX_PAGE_BYTES,
        help=f"largest page ({MAX_PAGE_BYTES:,})",
    )
    fetch.add_argument("--format", choices=["table", "csv", "jsonl"], default="table")


def _add_command(commands, name: str, help_text: str) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=help_text, description=help_text)
    sub.add_argument("corpus", help="a folder of .md/.txt articles or a .jsonl(.gz) file")
    sub.add_argument("--format", choices=["table", "csv", "jsonl"], default="table")
    sub.add_argument(
        "--knowledge",
        default=None,
        help="folder of knowledge files (default: the corpus folder, or the folder of a "
        ".jsonl file); what it has no file for is derived from the corpus",
    )
    if name not in ("build", "check"):
        sub.add_argument(
            "--analysis",
            type=Path,
            help="open this build (python -m analysis build) instead of analysing the corpus",
        )
    sub.add_argument(
        "--workers",
        type=_positive,
        default=os.cpu_count() or 1,
        help="processes for the per-article stage of corpora of 500+ articles (all cores)",
    )
    return sub


def _add_filters(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--outlet", action="append", help="only this outlet (repeatable)")
    sub.add_argument("--topic", action="append", help="only sentences of this topic (repeatable)")
    sub.add_argument("--speaker", action="append", help="only where this speaker is quoted")
    sub.add_argument("--q", help="only sentences containing this phrase")


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run one command; returns the exit status."""
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    if getattr(args, "knowledge", "") is None:
        args.knowledge = knowledge_folder(args.corpus)
    try:
        return COMMANDS[args.command](args, out)
    except (FileNotFoundError, UsageError, KnowledgeError, PatternError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except Exception as exc:
        print(f"error: unexpected failure: {exc!r}; please report it", file=sys.stderr)
        return EXIT_FAILURE
