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


def test_numeric_recall_and_precision_on_the_gold_lists_are_at_least_0_85():
    corpus = numbers_eval.DEFAULT_FOLDER
    if not (corpus / "text").is_dir():
        pytest.skip(f"The PolNeAR training split is not at {corpus}; the gold lists point into it.")

    figures = numbers_eval.evaluate(corpus)

    assert figures.listed == 60
    assert figures.recall >= 0.85, figures.misses
    assert figures.precision >= 0.85, figures.false


def test_the_second_check_list_names_ten_other_articles_chosen_by_the_same_rule():
    data = json.loads(numbers_eval.CHECK2.read_text(encoding="utf-8"))
    earlier = set(json.loads(numbers_eval.GOLD.read_text(encoding="utf-8"))["articles"]) | set(
        json.loads(numbers_eval.CHECK.read_text(encoding="utf-8"))["articles"]
    )

    assert len(data["articles"]) == 10
    assert not set(data["articles"]) & earlier
    assert {item["article"] for item in data["statements"]} <= set(data["articles"])
    assert all(len(item["key"].split()) <= 8 for item in data["statements"])


def test_numeric_figures_on_the_second_check_list():
    """Listed before the second round of rules; the third round studied its misses and false ones (README)."""
    corpus = numbers_eval.DEFAULT_FOLDER
    if not (corpus / "text").is_dir():
        pytest.skip(f"The PolNeAR training split is not at {corpus}; the gold lists point into it.")

    figures = numbers_eval.evaluate(corpus, numbers_eval.CHECK2)

    assert figures.listed == 47
    assert figures.recall >= 0.85, figures.misses
    assert figures.precision >= 0.85, figures.false


def test_the_third_check_list_names_the_next_ten_articles_of_the_rule():
    data = json.loads(numbers_eval.CHECK3.read_text(encoding="utf-8"))
    earlier = set()
    for path in (numbers_eval.GOLD, numbers_eval.CHECK, numbers_eval.CHECK2):
        earlier |= set(json.loads(path.read_text(encoding="utf-8"))["articles"])

    assert len(data["articles"]) == 10
    assert not set(data["articles"]) & earlier
    assert {item["article"] for item in data["statements"]} <= set(data["articles"])
    assert all(len(item["key"].split()) <= 8 for item in data["statements"])


def test_numeric_figures_on_the_third_check_list():
    """Listed before the third round of rules and measured once after it: the unseen figure. Precision does not
    reach 0.85 there (README says why), so this guards the measured floors: recall 0.89, precision 0.67."""
    corpus = numbers_eval.DEFAULT_FOLDER
    if not (corpus / "text").is_dir():
        pytest.skip(f"The PolNeAR training split is not at {corpus}; the gold lists point into it.")

    figures = numbers_eval.evaluate(corpus, numbers_eval.CHECK3)

    assert figures.listed == 75
    assert figures.recall >= 0.89, figures.misses
    assert figures.precision >= 0.67, figures.false
