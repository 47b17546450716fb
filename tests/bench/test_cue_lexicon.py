"""The learned cue lexicon (bench/cue_lexicon.py) counts what the evaluation counts, from the dev half only."""

import importlib.util
from collections import Counter
from pathlib import Path

from sources import learned_cues
from tests.bench.test_attribution_eval import attribution_eval, made_up_folder

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("cue_lexicon", ROOT / "bench" / "cue_lexicon.py")
cue_lexicon = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cue_lexicon)


def test_words_the_rules_miss_are_counted_with_how_often_they_attribute(tmp_path):
    [article] = attribution_eval.load(made_up_folder(tmp_path))

    written, right, words_written, words_right = cue_lexicon.count([article])

    # "The ministry wants calm": no rule reads "wants", and the annotators marked it as a cue
    assert (words_right["wants"], words_written["wants"]) == (1, 1)
    # "The United States was silent": a subject and a word that attribute nothing
    assert written["be silent"] == 1 and right["be silent"] == 0
    # what the rules found ("NOS reported", "he said") is not counted again
    assert "reported" not in words_written and "said" not in words_written


def test_the_module_written_holds_words_and_counts_only(tmp_path):
    written, right = Counter({"critical": 6, "about": 40}), Counter({"critical": 5, "about": 3})

    module = cue_lexicon.render(written, right, Counter({"said": 9}), Counter({"said": 8}), articles=2)

    namespace: dict = {}
    exec(compile(module, "learned_cues.py", "exec"), namespace)
    assert namespace["PREDICATES"] == {"about": (3, 40), "critical": (5, 6)}
    assert namespace["WORDS"] == {"said": (8, 9)}


def test_the_committed_lexicon_is_learned_from_the_dev_half():
    assert "dev half" in learned_cues.__doc__
    assert learned_cues.WORDS["said"][0] <= learned_cues.WORDS["said"][1]
    assert all(right <= written for right, written in learned_cues.PREDICATES.values())
