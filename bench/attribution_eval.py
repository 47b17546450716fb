"""How well sources/attribution.py finds attributions in news it was not written from: PolNeAR's annotations.

Reads a folder shaped like ../shared/data/polnear-train (text/<id>.txt, and
attributions/<id>_<annotator>.ann in brat standoff format), runs the detector
on each text and compares what it finds with the attributions annotated by hand:

- recall: of the annotated attributions that have a Source span, the share
  with a detected mention overlapping their Source or their Cue span; also for
  those whose Source is not a pronoun ("he", "they", "who", ...);
- the stricter share whose Source span itself is overlapped by a detected
  mention (the source was found, not only the verb that attributes);
- precision: of the detected mentions, the share overlapping any annotated
  Source or Cue span (of any attribution, with or without a source);
- the cue words of the attributions missed most often, and the detected
  mentions that matched nothing most often.

An article annotated twice (two .ann files) is read from one annotation only:
the first file in name order, so the figures do not depend on the file system.
Articles are split into two halves by a stable hash of their id: "dev" (develop
and look at examples there) and "held-out" (only measured), so that rules that
do not generalise show as a gap between the two.

    .venv/bin/python bench/attribution_eval.py                     # ../shared/data/polnear-train
    .venv/bin/python bench/attribution_eval.py /path/to/folder --limit 20
    .venv/bin/python bench/attribution_eval.py --half dev --examples 30  # misses to study, dev half only
"""

import argparse
import hashlib
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "data" / "polnear-train"
PRONOUNS = frozenset(
    {
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "their",
        "it",
        "its",
        "who",
        "whom",
        "which",
        "that",
        "one",
        "himself",
        "herself",
        "themselves",
        "itself",
        "ourselves",
        "myself",
        "yourself",
    }
)
HALVES = ("dev", "held-out")

Span = tuple[int, int]


@dataclass(frozen=True)
class Annotated:
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    source_text: str
    cue_text: str

    @property
    def pronoun_source(self) -> bool:
        return " ".join(self.source_text.lower().split()) in PRONOUNS


@dataclass
class Article:
    id: str
    text: str
    attributions: list[Annotated]  # those with a Source span
    spans: list[Span]  # every Source and Cue span, for precision
    cues: list[Span] = field(default_factory=list)  # every Cue span, with a source or without

    @property
    def half(self) -> str:
        return half_of(self.id)


@dataclass
class Figures:
    articles: int = 0
    attributions: int = 0
    found: int = 0
    named: int = 0  # attributions whose source is not a pronoun
    named_found: int = 0
    source_found: int = 0  # with a detected mention overlapping the Source span itself
    mentions: int = 0
    right: int = 0
    missed: Counter = field(default_factory=Counter)
    false: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(
            self.articles + other.articles,
            self.attributions + other.attributions,
            self.found + other.found,
            self.named + other.named,
            self.named_found + other.named_found,
            self.source_found + other.source_found,
            self.mentions + other.mentions,
            self.right + other.right,
            self.missed + other.missed,
            self.false + other.false,
            self.seconds + other.seconds,
        )

    @property
    def recall(self) -> float:
        return self.found / self.attributions if self.attributions else 0.0

    @property
    def named_recall(self) -> float:
        return self.named_found / self.named if self.named else 0.0

    @property
    def source_recall(self) -> float:
        return self.source_found / self.attributions if self.attributions else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.mentions if self.mentions else 0.0


def half_of(article_id: str) -> str:
    """ "dev" or "held-out", from the article's id alone: the same on every machine and run."""
    return HALVES[hashlib.sha256(article_id.encode()).digest()[0] % 2]


def parse_spans(positions: str) -> tuple[Span, ...]:
    """ "110 112" or "2103 2168;2170 2425" (a discontinuous span)."""
    spans = []
    for piece in positions.split(";"):
        start, end = piece.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_ann(content: str, text: str) -> tuple[list[Annotated], list[Span]]:
    """The attributions with a Source span, and every Source and Cue span, of one brat .ann file."""
    spans_by_id: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events = []
    for line in content.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2 and " " in parts[1]:
            label, positions = parts[1].split(" ", 1)
            spans_by_id[parts[0]] = (label, parse_spans(positions))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    attributions = []
    for arguments in events:
        roles = dict(argument.split(":", 1) for argument in arguments if ":" in argument)
        if "Source" not in roles or "Cue" not in roles:
            continue
        if roles["Source"] not in spans_by_id or roles["Cue"] not in spans_by_id:
            continue
        source, cue = spans_by_id[roles["Source"]][1], spans_by_id[roles["Cue"]][1]
        attributions.append(
            Annotated(
                source=source,
                cue=cue,
                source_text=" ".join(text[start:end] for start, end in source),
                cue_text=" ".join(text[start:end] for start, end in cue),
            )
        )
    spans = [span for label, found in spans_by_id.values() if label in ("Source", "Cue") for span in found]
    return attributions, spans


def cue_spans(content: str) -> list[Span]:
    """Every Cue span of one brat .ann file."""
    spans = []
    for line in content.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2 and parts[1].startswith("Cue "):
            spans.extend(parse_spans(parts[1].split(" ", 1)[1]))
    return sorted(spans)


def load(folder: Path, limit: int | None = None) -> list[Article]:
    """The articles of `folder`, in name order, each with the first of its annotations in name order."""
    texts = sorted((folder / "text").glob("*.txt"))
    if not texts:
        raise SystemExit(f"No texts in {folder / 'text'}: is that a PolNeAR-shaped folder?")
    annotations: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        annotations.setdefault(path.stem.rsplit("_", 1)[0], path)
    articles = []
    for path in texts:
        if path.stem not in annotations:
            continue
        text = path.read_text(encoding="utf-8")
        content = annotations[path.stem].read_text(encoding="utf-8")
        attributions, spans = parse_ann(content, text)
        articles.append(Article(path.stem, text, attributions, sorted(spans), cue_spans(content)))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def overlaps(span: Span, spans: Iterable[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def words(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def evaluate(
    articles: list[Article], detect: Callable[[str], list[tuple[int, int, str]]], examples: int = 0
) -> Figures:
    """Recall and precision of `detect` (text → mentions as start, end, words) over `articles`."""
    figures = Figures()
    shown = 0
    for article in articles:
        started = time.perf_counter()
        mentions = detect(article.text)
        figures.seconds += time.perf_counter() - started
        figures.articles += 1
        spans = [(start, end) for start, end, _ in mentions]
        for attribution in article.attributions:
            found = any(overlaps(span, attribution.source + attribution.cue) for span in spans)
            figures.attributions += 1
            figures.found += found
            figures.source_found += any(overlaps(span, attribution.source) for span in spans)
            if not attribution.pronoun_source:
                figures.named += 1
                figures.named_found += found
            if not found:
                figures.missed[words(attribution.cue_text)] += 1
                if shown < examples:
                    shown += 1
                    start = min(s for s, _ in attribution.source + attribution.cue)
                    end = max(e for _, e in attribution.source + attribution.cue)
                    context = article.text[max(0, start - 60) : end + 60].replace("\n", " ")
                    print(
                        f"MISSED [{attribution.source_text} | {attribution.cue_text}] … {context} …",
                        file=sys.stderr,
                    )
        for start, end, said in mentions:
            figures.mentions += 1
            if overlaps((start, end), article.spans):
                figures.right += 1
            else:
                figures.false[words(said)] += 1
                if shown < examples:
                    shown += 1
                    context = article.text[max(0, start - 80) : end + 80].replace("\n", " ")
                    print(f"FALSE [{said}] … {context} …", file=sys.stderr)
    return figures


def detector() -> Callable[[str], list[tuple[int, int, str]]]:
    """sources.attribution's detector, as the ingester runs it: every mention it finds."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from sources.attribution import detect_mentions

    def detect(text: str) -> list[tuple[int, int, str]]:
        return [(mention.start, mention.end, mention.text) for mention in detect_mentions(text)]

    return detect


def report(name: str, figures: Figures) -> str:
    return (
        f"{name:<9} {figures.articles:>4} articles  "
        f"recall {figures.recall:.3f} ({figures.found:,} of {figures.attributions:,} attributions with a source)  "
        f"recall without pronoun sources {figures.named_recall:.3f} ({figures.named_found:,} of {figures.named:,})  "
        f"precision {figures.precision:.3f} ({figures.right:,} of {figures.mentions:,} mentions)  "
        f"source itself found {figures.source_recall:.3f}"
    )


def top(counter: Counter, count: int = 20) -> str:
    return ", ".join(f"{word!r} {number}" for word, number in counter.most_common(count)) or "none"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--limit", type=int, help="only the first N articles in name order")
    parser.add_argument("--half", choices=HALVES, help="only one half of the articles")
    parser.add_argument("--examples", type=int, default=0, help="print N misses and false mentions to stderr")
    options = parser.parse_args(argv)
    articles = load(options.folder, options.limit)
    if options.half:
        articles = [article for article in articles if article.half == options.half]
    detect = detector()
    halves = {
        half: evaluate(
            [article for article in articles if article.half == half],
            detect,
            options.examples if half == "dev" else 0,  # examples to study come from the dev half only
        )
        for half in HALVES
    }
    figures = halves["dev"] + halves["held-out"]
    print(f"Attribution detection on {options.folder}")
    print(report("all", figures))
    for half, measured in halves.items():
        if measured.articles:
            print(report(half, measured))
    print(f"most often missed cues: {top(figures.missed)}")
    print(f"most frequent false mentions: {top(figures.false)}")
    print(f"{1000 * figures.seconds / max(1, figures.articles):.1f} ms per article")
    numeric_statements(options.folder)


def numeric_statements(folder: Path) -> None:
    """The numeric statements' figures (bench/numbers_eval.py), when `folder` holds the listed articles."""
    sys.path.insert(0, str(ROOT))
    from bench import numbers_eval

    articles, _ = numbers_eval.load_gold()
    if all((folder / "text" / f"{article}.txt").exists() for article in articles):
        numbers_eval.run(folder, numbers_eval.LISTS)


if __name__ == "__main__":
    main()
