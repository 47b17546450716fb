"""The numeric evaluation (bench/numbers_eval.py): it pairs statements as it says, and the gold lists hold."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("numbers_eval", ROOT / "bench" / "numbers_eval.py")
numbers_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(numbers_eval)

# A made-up article: two statements an editor would record, one the detector also proposes that is not listed
# ("two hours" is a duration and is not proposed; "Two lanes" is), and one listed that it misses (the question).
TEXT = (
    "Police arrested 14 fans after the match, the Veltra police said.\n"
    "Two lanes were closed for two hours.\n"
    "Was the stadium really filled by 40,000 people?"
)


def made_up(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "made-up.txt").write_text(TEXT, encoding="utf-8")
    gold = {
        "articles": ["made-up"],
        "statements": [
            {"article": "made-up", "at": TEXT.index("14"), "comparator": "exact", "value": 14, "unit": "",
             "counted": "fans", "speaker": "Veltra police", "key": "police arrested fans"},
            {"article": "made-up", "at": TEXT.index("40,000"), "comparator": "exact", "value": 40000, "unit": "",
             "counted": "people", "speaker": None, "key": "stadium filled"},
        ],
    }  # fmt: skip
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path, path


def test_statements_pair_by_offset_and_value(tmp_path):
    folder, gold = made_up(tmp_path)

    figures = numbers_eval.evaluate(folder, gold)

    assert (figures.paired, figures.listed, figures.found) == (
        1,
        2,
        2,
    )  # 14 found, 40,000 missed, "Two lanes"
    assert (figures.speakers_right, figures.speakers_listed) == (1, 1)
    assert figures.misses == ["made-up @135 40000 (stadium filled)"]
    assert figures.false[0].startswith("made-up @65 2 ")


def test_the_gold_lists_name_fifteen_articles_and_store_no_corpus_text():
    data = json.loads(numbers_eval.GOLD.read_text(encoding="utf-8"))

    assert len(data["articles"]) == 15
    assert {item["article"] for item in data["statements"]} <= set(data["articles"])
    assert all(len(item["key"].split()) <= 8 for item in data["statements"])


# Each list's figures: the gold list and the second check list (studied by later rounds) must reach 0.85; the
# third was listed before the third round of rules and measured once after it, the unseen figure: its precision
# does not reach 0.85 (README says why), so the test guards the measured floors. The fourth was listed before the
# ingester was run on it and measured with the rules unchanged for it (recall 0.904, precision 0.798), the fifth
# listed before the fourth round and measured before it (recall 0.912, precision 0.756), the sixth and seventh
# listed while the fourth round was being made, without seeing it, and measured before it (recall 0.869, precision
# 0.841; recall 0.732, precision 0.566). The fifth round of rules studied the errors of the fourth to the seventh,
# so they are seen lists now: the test guards floors a few points under their figures after it (check4 0.952,
# 0.908; check5 0.956, 0.915; check6 0.934, 0.934; check7 0.854, 0.854), so that a later change that loses ground
# on them shows, without requiring what the rules do not reach on unseen text. The eighth and ninth were listed blind
# while the fifth round was made and measured after it (recall 0.833, precision 0.784; recall 0.882, precision
# 0.872: the unseen figures); the sixth round studied their errors, so they are seen lists now too, guarded a few
# points under their figures after it (check8 0.938, 0.938; check9 0.953, 0.910). The tenth and eleventh were
# listed blind while the sixth round was made and measured after it (recall 0.971, precision 0.919; recall 0.891,
# precision 0.817: the unseen figures); the seventh round studied their errors, so they are seen lists now, guarded a
# few points under their figures after it (check10 1.000, 0.972; check11 0.933, 0.963), as are check8 and check9
# (0.938, 0.978; 0.965, 0.953). The twelfth to the fifteenth were listed blind while the seventh round was made and
# measured once after it, the latest unseen figures (check12 0.887, 0.887; check13 0.981, 0.890; check14 0.857, 0.787;
# check15 0.910, 0.899): guarded a few points under those.
@pytest.mark.parametrize(
    ("name", "listed", "recall", "precision"),
    [
        ("GOLD", 60, 0.85, 0.85),
        ("CHECK2", 47, 0.85, 0.85),
        ("CHECK3", 75, 0.95, 0.80),
        ("CHECK4", 83, 0.92, 0.87),
        ("CHECK5", 68, 0.92, 0.88),
        ("CHECK6", 61, 0.90, 0.90),
        ("CHECK7", 41, 0.82, 0.82),
        ("CHECK8", 48, 0.91, 0.94),
        ("CHECK9", 85, 0.93, 0.91),
        ("CHECK10", 70, 0.96, 0.93),
        ("CHECK11", 165, 0.90, 0.92),
        ("CHECK12", 53, 0.85, 0.85),
        ("CHECK13", 107, 0.95, 0.86),
        ("CHECK14", 56, 0.82, 0.75),
        ("CHECK15", 78, 0.88, 0.87),
    ],
)
def test_numeric_figures_on_each_list(name, listed, recall, precision):
    corpus = numbers_eval.DEFAULT_FOLDER
    if not (corpus / "text").is_dir():
        pytest.skip(f"The PolNeAR training split is not at {corpus}; the gold lists point into it.")

    figures = numbers_eval.evaluate(corpus, getattr(numbers_eval, name))

    assert figures.listed == listed
    assert figures.recall >= recall, figures.misses
    assert figures.precision >= precision, figures.false


# Each check list names ten articles by the same rule, none named by an earlier list, and stores no corpus text.
@pytest.mark.parametrize("position", range(2, len(numbers_eval.LISTS)))
def test_each_check_list_names_ten_other_articles(position):
    data = json.loads(numbers_eval.LISTS[position].read_text(encoding="utf-8"))
    named = set()
    for earlier in numbers_eval.LISTS[:position]:
        named |= set(json.loads(earlier.read_text(encoding="utf-8"))["articles"])

    assert len(data["articles"]) == 10
    assert not set(data["articles"]) & named
    assert {item["article"] for item in data["statements"]} <= set(data["articles"])
    assert all(len(item["key"].split()) <= 8 for item in data["statements"])


def test_the_lists_take_the_articles_the_rule_chooses_in_its_order():
    """No list picked its articles: numbers_gold.json and check2 onwards are the rule's first articles, in order
    (numbers_gold_check.json, from the dev half, is the one list outside the rule)."""
    corpus = numbers_eval.DEFAULT_FOLDER
    if not (corpus / "text").is_dir():
        pytest.skip(f"The PolNeAR training split is not at {corpus}; the rule reads its texts.")
    taken = []
    for path in [numbers_eval.GOLD, *numbers_eval.LISTS[2:]]:
        taken += json.loads(path.read_text(encoding="utf-8"))["articles"]

    assert len(taken) == 155
    assert taken == numbers_eval.chosen_by_the_rule(corpus)[: len(taken)]
