"""Reading a text takes work in proportion to its length, so a long report cannot stall a web worker.

Work is counted as Python function calls (deterministic, unlike a stopwatch): four times the text
must cost about four times the calls, never sixteen.
"""

import random
import sys
from pathlib import Path

from claims.ingestion.statements import extract_statements
from sources.attribution import detect_attributions

SEEDS = Path(__file__).resolve().parents[3] / "claims" / "demo" / "articles"


def article(paragraph_count: int) -> str:
    """The seed articles' paragraphs in ever new orders, `paragraph_count` of them, as one text."""
    paragraphs = [
        p for seed in sorted(SEEDS.glob("*.txt")) for p in seed.read_text().split("\n") if p.strip()
    ]
    made = []
    for round_ in range(paragraph_count // len(paragraphs) + 1):
        order = paragraphs[:]
        random.Random(round_).shuffle(order)
        made += order
    return "\n".join(made[:paragraph_count])


def calls(function, *args, **kwargs) -> int:
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        function(*args, **kwargs)
    finally:
        sys.setprofile(None)
    return count


def test_finding_statements_and_their_speakers_grows_linearly_with_the_text():
    short, long = article(60), article(240)
    short_parties, long_parties = detect_attributions(short), detect_attributions(long)

    short_work = calls(extract_statements, short, parties=short_parties)
    long_work = calls(extract_statements, long, parties=long_parties)

    assert long_work < 5 * short_work, (short_work, long_work)


def test_finding_attributions_grows_linearly_with_the_text():
    # Sixteen times the text: a party named in every round of paragraphs gathers sixteen times the
    # mentions, which a scan of its mentions per new mention turns into 21 times the work.
    short_work = calls(detect_attributions, article(100))
    long_work = calls(detect_attributions, article(1600))

    assert long_work < 18 * short_work, (short_work, long_work)


def test_a_statement_without_an_attribution_of_its_own_takes_the_nearest_in_its_paragraph():
    text = "NOS reported on the case. Seventeen were expelled. The AIVD confirmed it."

    (statement,) = extract_statements(text, parties=detect_attributions(text))

    assert statement.speaker.name == "NOS"
