"""How well the ingester finds numeric statements in news it was not written from: hand-made gold lists.

bench/numbers_gold.json lists, for 15 articles of PolNeAR's training split
(../shared/data/polnear-train), every numeric statement an editor would record:
where its number starts in the text, its value as the project stores it, what
is counted and who says so. Nothing of the corpus text is stored in the repo.

The articles were chosen by a rule, not by looking at them: of the "held-out"
half (bench/attribution_eval.half_of, the half the attribution rules were not
developed on), the articles with at least two digit groups, taken in file order
one publisher at a time (the first of each of the seven publishers in name
order, then the second of each, ...) until there were 15.

What an editor records (and the lists hold): counts of people and things,
money, percentages and shares, vote and poll figures, margins of error,
including loose ones ("millions of people", "more than a hundred", "about
two-thirds"). Left out, as in the seed lists: years, dates, times of day, ages,
durations ("68 months of growth", "eight months of confinement"), ordinals,
numbers that are part of a name or title ("Gang of Eight", "Future 45", "Part
3"), figures of speech ("repeat 10,000 times"), and counts of a set the text has
just named ("those four", "the two of them", "all three candidates").

A found statement pairs with a listed one when its number covers the listed
offset and the values are equal; recall is the share of listed statements
paired, precision the share of found statements paired. Also printed: of the
paired statements, how many have the listed comparator, and how many have the
listed speaker (or none when none is listed).

bench/numbers_gold_check.json lists 7 more articles, from the dev half (one per
publisher, by the same rule), made after the first rules were written and not used
to change them; the second round of rules (issue 14) studied its misses and false
ones, so it is no longer unseen.

bench/numbers_gold_check2.json lists 10 more, listed by hand before the second round
of rules (issue 14) and measured only before and after it: the 16th to the 25th
articles of the rule above (held-out half, one publisher at a time). The third round
studied its misses and false ones, so it is no longer unseen either.

bench/numbers_gold_check3.json lists the 26th to the 35th articles of the same rule,
listed by hand before the third round of rules and measured before it and once after
it; that "after" figure is the one measured on text the rules were not made from.

bench/numbers_gold_check4.json lists the 36th to the 45th articles of the same rule,
listed by hand before the ingester or this evaluation was run on them, and measured
first with the rules as they were then (after the third round), unchanged for it.
One of its articles is another edition of check3's golf-course article, so part of
it was seen. The fourth round of rules (general properties found on dev-half articles
no list names, not on any list's errors) was measured on it before and after, without
its misses or false ones being printed.

bench/numbers_gold_check5.json lists the 46th to the 55th articles of the same rule,
listed by hand before the fourth round of rules and before the ingester was run on
them, and measured before that round.

bench/numbers_gold_check6.json and bench/numbers_gold_check7.json list the 56th to the 65th
and the 66th to the 75th articles of the same rule, listed by hand while the fourth round
of rules was being made, without seeing its work, before the ingester or this evaluation
was run on them, and measured first before that round. The fifth round of rules studied
the misses and false ones of check4 to check7, so they are seen lists now.

bench/numbers_gold_check8.json and bench/numbers_gold_check9.json list the 76th to the 85th
and the 86th to the 95th articles of the same rule, listed by hand while the fifth round of
rules was being made, without seeing its work, and before the ingester or this evaluation
(or bench/attribution_eval.py) was run on them. One of check8's articles is another edition
of another of its articles, with the same text. The sixth round of rules studied their misses
and false ones, so they are seen lists now.

bench/numbers_gold_check10.json and bench/numbers_gold_check11.json list the 96th to the 105th
and the 106th to the 115th articles of the same rule, listed by hand while the sixth round of
rules was being made, without seeing its work, and before the ingester or this evaluation (or
bench/attribution_eval.py) was run on them. None of their articles is another edition of an
earlier list's article or of another of theirs.

bench/numbers_gold_check12.json to bench/numbers_gold_check15.json list the 116th to the
155th articles of the same rule (chosen_by_the_rule below), listed by hand while the seventh
round of rules was being made, without seeing its work, and before the ingester or this
evaluation was run on them; measured once before that round and once after it, their misses
and false ones not printed.

bench/attribution_eval.py prints every list after its own figures.

    .venv/bin/python bench/numbers_eval.py                 # ../shared/data/polnear-train, every list
    .venv/bin/python bench/numbers_eval.py FOLDER --verbose  # every miss and false statement
"""

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path(__file__).with_name("numbers_gold.json")
# Listed after the first rules were written, from the other half; studied by the second round.
CHECK = Path(__file__).with_name("numbers_gold_check.json")
# Listed before the second round of rules, measured before and after it; studied by the third round.
CHECK2 = Path(__file__).with_name("numbers_gold_check2.json")
# Listed before the third round of rules, measured before and after it.
CHECK3 = Path(__file__).with_name("numbers_gold_check3.json")
# Listed before being run on, measured first with the rules after the third round, unchanged for it.
CHECK4 = Path(__file__).with_name("numbers_gold_check4.json")
# Listed before the fourth round of rules, measured before it.
CHECK5 = Path(__file__).with_name("numbers_gold_check5.json")
# Listed while the fourth round of rules was being made, before being run on; measured before that round.
CHECK6 = Path(__file__).with_name("numbers_gold_check6.json")
CHECK7 = Path(__file__).with_name("numbers_gold_check7.json")
# Listed while the fifth round of rules was being made, without seeing it, before being run on.
CHECK8 = Path(__file__).with_name("numbers_gold_check8.json")
CHECK9 = Path(__file__).with_name("numbers_gold_check9.json")
# Listed while the sixth round of rules was being made, without seeing it, before being run on.
CHECK10 = Path(__file__).with_name("numbers_gold_check10.json")
CHECK11 = Path(__file__).with_name("numbers_gold_check11.json")
# Listed while the seventh round of rules was being made, without seeing it, before being run on; measured once
# with the rules before that round and once after it.
CHECK12 = Path(__file__).with_name("numbers_gold_check12.json")
CHECK13 = Path(__file__).with_name("numbers_gold_check13.json")
CHECK14 = Path(__file__).with_name("numbers_gold_check14.json")
CHECK15 = Path(__file__).with_name("numbers_gold_check15.json")
# Every list, in the order they were made.
LISTS = [GOLD, CHECK, *(Path(__file__).with_name(f"numbers_gold_check{n}.json") for n in range(2, 16))]
DEFAULT_FOLDER = ROOT.parent / "shared" / "data" / "polnear-train"


@dataclass(frozen=True)
class Listed:
    article: str
    at: int
    comparator: str
    value: Decimal
    speaker: str | None
    key: str


@dataclass
class NumericFigures:
    listed: int = 0
    found: int = 0
    paired: int = 0
    same_comparator: int = 0
    speakers_listed: int = 0  # paired statements the list gives a speaker
    speakers_right: int = 0
    unattributed_listed: int = 0  # paired statements the list gives no speaker
    unattributed_right: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.paired / self.listed if self.listed else 0.0

    @property
    def precision(self) -> float:
        return self.paired / self.found if self.found else 0.0


def chosen_by_the_rule(folder: Path = DEFAULT_FOLDER) -> list[str]:
    """The articles the lists take, in the order they take them: of the held-out half
    (bench/attribution_eval.half_of), those whose text has at least two digit groups, in file order one
    publisher at a time (the first of each publisher in name order, then the second of each, ...).
    numbers_gold.json holds the first 15 and numbers_gold_check2.json onwards ten each, in this order."""
    sys.path.insert(0, str(ROOT))
    from bench.attribution_eval import half_of

    by_publisher: dict[str, list[str]] = {}
    for path in sorted((folder / "text").glob("*.txt")):
        if (
            half_of(path.stem) == "held-out"
            and len(re.findall(r"\d+", path.read_text(encoding="utf-8"))) >= 2
        ):
            by_publisher.setdefault(path.stem.split("_")[0], []).append(path.stem)
    queues = list(by_publisher.values())
    chosen = []
    for turn in range(max(map(len, queues), default=0)):
        chosen.extend(queue[turn] for queue in queues if turn < len(queue))
    return chosen


def load_gold(path: Path = GOLD) -> tuple[list[str], list[Listed]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    listed = [
        Listed(
            item["article"],
            item["at"],
            item["comparator"],
            Decimal(str(item["value"])),
            item["speaker"],
            item["key"],
        )
        for item in data["statements"]
    ]
    return data["articles"], listed


def published_on(folder: Path) -> dict[str, date]:
    """Each article's publication date, from metadata.tsv when there is one."""
    path = folder / "metadata.tsv"
    if not path.exists():
        return {}
    dates = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=False))
        try:
            dates[row["filename"]] = date.fromisoformat(row["publication_date"])
        except (KeyError, ValueError):
            continue
    return dates


def same_value(listed: Decimal, found: Decimal) -> bool:
    return abs(listed - found) <= max(Decimal("0.01"), abs(listed) * Decimal("0.001"))


def same_speaker(listed: str, found: str) -> bool:
    """The listed name and the found one share a name word ("Holtz-Eakin", "Washington Post")."""
    ignore = {"the", "of", "a", "an", "poll", "mr", "ms", "mrs"}
    listed_words = {word for word in listed.lower().replace("/", " ").split() if word not in ignore}
    found_words = {word for word in found.lower().replace("/", " ").split() if word not in ignore}
    return bool(listed_words & found_words)


def evaluate(folder: Path, gold: Path = GOLD, verbose: bool = False) -> NumericFigures:
    """Recall and precision of claims.ingestion.statements on the listed articles of `folder`."""
    setup()
    from claims.ingestion.statements import extract_statements
    from sources.attribution import detect_attributions

    articles, listed = load_gold(gold)
    dates = published_on(folder)
    figures = NumericFigures(listed=len(listed))
    for article in articles:
        text = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
        parties = detect_attributions(text)
        found = extract_statements(text, published_on=dates.get(article), parties=parties)
        figures.found += len(found)
        unused = list(found)
        for item in (item for item in listed if item.article == article):
            partner = next(
                (
                    statement
                    for statement in unused
                    if statement.number.start <= item.at < statement.number.end
                    and same_value(item.value, statement.number.value)
                ),
                None,
            )
            if partner is None:
                figures.misses.append(f"{article} @{item.at} {item.value} ({item.key})")
                continue
            unused.remove(partner)
            figures.paired += 1
            figures.same_comparator += partner.number.comparator == item.comparator
            speaker = partner.speaker.name if partner.speaker else ""
            if item.speaker:
                figures.speakers_listed += 1
                figures.speakers_right += bool(speaker) and same_speaker(item.speaker, speaker)
            else:
                figures.unattributed_listed += 1
                figures.unattributed_right += not speaker
            if verbose and (
                bool(item.speaker) != bool(speaker) or (speaker and not same_speaker(item.speaker, speaker))
            ):
                print(
                    f"SPEAKER {article} @{item.at}: listed {item.speaker!r}, found {speaker!r}",
                    file=sys.stderr,
                )
        for statement in unused:
            figures.false.append(
                f"{article} @{statement.number.start} {statement.number.value} "
                f"{' '.join(statement.exact.split())[:100]!r}"
            )
    return figures


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def report(figures: NumericFigures) -> str:
    return (
        f"numeric statements: recall {figures.recall:.3f} ({figures.paired} of {figures.listed} listed)  "
        f"precision {figures.precision:.3f} ({figures.paired} of {figures.found} found)  "
        f"comparator as listed {figures.same_comparator} of {figures.paired}  "
        f"speaker as listed {figures.speakers_right} of {figures.speakers_listed}, "
        f"none where none is listed {figures.unattributed_right} of {figures.unattributed_listed}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument(
        "--gold", type=Path, action="append", help="a gold list (default: every list of bench/)"
    )
    parser.add_argument("--verbose", action="store_true", help="print every miss and false statement")
    options = parser.parse_args(argv)
    run(options.folder, options.gold or LISTS, options.verbose)


def run(folder: Path, golds: list[Path], verbose: bool = False) -> list[NumericFigures]:
    """Print the figures of each gold list on `folder`'s articles."""
    measured = []
    for gold in golds:
        figures = evaluate(folder, gold, verbose)
        print(f"Numeric statements on {folder}, against {gold.name}")
        print(report(figures))
        if verbose:
            for miss in figures.misses:
                print(f"MISSED {miss}")
            for false in figures.false:
                print(f"FALSE {false}")
        measured.append(figures)
    return measured


if __name__ == "__main__":
    main()
