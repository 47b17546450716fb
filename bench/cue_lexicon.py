"""Learns which words attribute, from PolNeAR's hand-annotated cues, and writes them to sources/learned_cues.py.

For every word of the dev half of the training split (bench/attribution_eval.py's
halves: the held-out half is never read here), it counts how often the word
occurs and how often it stands inside an annotated Source or Cue span, which is
exactly what makes a detected mention right in the evaluation. A word that
falls in a span nearly every time it is written ("said", "told", "tweeted",
"according") can be read as an attribution by itself when the rules find no
subject for it; one that seldom does ("about", "plan") cannot.

Only words and their counts are written, never text of the corpus.

    .venv/bin/python bench/cue_lexicon.py            # ../shared/data/polnear-train, writes the module
    .venv/bin/python bench/cue_lexicon.py --print    # the table only
"""

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sources.sentences import split_sentences  # noqa: E402  (after the path is set)

spec = importlib.util.spec_from_file_location("attribution_eval", ROOT / "bench" / "attribution_eval.py")
attribution_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(attribution_eval)

TARGET = ROOT / "sources" / "learned_cues.py"
MIN_WRITTEN = 5  # a word written fewer times than this says too little about itself
MIN_RIGHT = 2


def count(articles: list) -> tuple[Counter, Counter]:
    """Per predicate key ("said", "be critical"): times written after a subject where no rule found a cue,
    and times that subject-to-word span overlaps an annotated Source or Cue span."""
    from sources.attribution import _Reader

    written, right = Counter(), Counter()
    words_written, words_right = Counter(), Counter()
    for article in articles:
        reader = _Reader()
        for sentence in split_sentences(article.text):
            reader.read(sentence)
        for start, end, key, covered in reader.predicates:
            if covered:
                continue
            written[key] += 1
            right[key] += attribution_eval.overlaps((start, end), article.spans)
        for start, end, key, covered in reader.words:
            if covered:
                continue
            words_written[key] += 1
            words_right[key] += attribution_eval.overlaps((start, end), article.cues)
    return written, right, words_written, words_right


def rows(written: Counter, right: Counter) -> list[tuple[str, int, int]]:
    return sorted(
        (
            (key, right[key], written[key])
            for key in written
            if right[key] >= MIN_RIGHT and written[key] >= MIN_WRITTEN
        ),
        key=lambda row: (-row[2], row[0]),
    )


def render(
    written: Counter, right: Counter, words_written: Counter, words_right: Counter, articles: int
) -> str:
    lines = [
        '"""What attributes after a subject, learned from the attributions annotated by hand in PolNeAR.',
        "",
        "Written by bench/cue_lexicon.py from the dev half of PolNeAR's training split "
        f"({articles} articles); never",
        'edit by hand, run it again. Each row: the word after a subject (auxiliaries and adverbs aside; "be " when',
        "a form of be stood between) where the rules found no cue, the times the subject and that word overlapped",
        "an annotated source or cue, and the times written. Words and counts only, no text of the corpus.",
        '"""',
        "",
        "PREDICATES: dict[str, tuple[int, int]] = {",
        *(
            f"    {json.dumps(key, ensure_ascii=False)}: ({hits}, {times}),"
            for key, hits, times in rows(written, right)
        ),
        "}",
        "WORDS: dict[str, tuple[int, int]] = {",
        *(
            f"    {json.dumps(key, ensure_ascii=False)}: ({hits}, {times}),"
            for key, hits, times in rows(words_written, words_right)
        ),
        "}",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=attribution_eval.DEFAULT_FOLDER)
    parser.add_argument("--print", action="store_true", help="print the table instead of writing the module")
    options = parser.parse_args(argv)
    articles = [article for article in attribution_eval.load(options.folder) if article.half == "dev"]
    attribution_eval.detector()  # Django set up, as the detector runs
    module = render(*count(articles), len(articles))
    if options.print:
        print(module)
    else:
        TARGET.write_text(module, encoding="utf-8")
        print(f"Wrote {TARGET.relative_to(ROOT)}: {module.count('    ')} words from {len(articles)} articles")


if __name__ == "__main__":
    main()
