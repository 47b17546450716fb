"""The attribution evaluation (bench/attribution_eval.py) runs, and measures what it says it measures."""

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("attribution_eval", ROOT / "bench" / "attribution_eval.py")
attribution_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(attribution_eval)

# A made-up article in the corpus's shape: three attributions with a source ("NOS reported", "he said",
# "the ministry wants"), one without a source ("It is believed").
TEXT = (
    "Two diplomats left, NOS reported.\n"
    "“We acted,” he said.\n"
    "It is believed that more will go.\n"
    "The ministry wants calm. The United States was silent."
)
ANN = """T1\tSource 20 23\tNOS
T2\tCue 24 32\treported
T3\tContent 0 18\tTwo diplomats left
T4\tAttribution 24 32\treported
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tSource 46 48\the
T6\tCue 49 53\tsaid
T7\tContent 34 44\t“We acted,
T8\tAttribution 49 53\tsaid
E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5
T9\tCue 58 69\tis believed
T10\tContent 70 90\tthat more will go
T11\tAttribution-no-source 58 69\tis believed
E3\tAttribution-no-source:T11 Cue:T9 Content:T10
T12\tSource 89 101\tThe ministry
T13\tCue 102 107\twants
T14\tContent 108 112\tcalm
T15\tAttribution 102 107\twants
E4\tAttribution:T15 Content:T14 Cue:T13 Source:T12
"""


def made_up_folder(folder: Path) -> Path:
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "made-up.txt").write_text(TEXT, encoding="utf-8")
    (folder / "attributions" / "made-up_b.ann").write_text(ANN, encoding="utf-8")
    # A second annotation of the same article, read only when it comes first in name order.
    (folder / "attributions" / "made-up_z.ann").write_text("T1\tSource 0 3\tTwo\n", encoding="utf-8")
    return folder


def test_the_made_up_annotation_is_read_as_written(tmp_path):
    for start, end, words in [
        (20, 23, "NOS"),
        (49, 53, "said"),
        (58, 69, "is believed"),
        (102, 107, "wants"),
    ]:
        assert TEXT[start:end] == words

    [article] = attribution_eval.load(made_up_folder(tmp_path))

    assert len(article.attributions) == 3  # "It is believed" has no source
    assert [a.pronoun_source for a in article.attributions] == [False, True, False]
    assert len(article.spans) == 7  # three sources and four cues


def test_recall_and_precision_count_overlaps_with_sources_and_cues(tmp_path):
    [article] = attribution_eval.load(made_up_folder(tmp_path))

    def detect(text):
        # "NOS reported" (right), "he" (right, a pronoun source), "The United States" (wrong)
        return [(20, 32, "NOS reported"), (46, 48, "he"), (113, 130, "The United States")]

    figures = attribution_eval.evaluate([article], detect)

    assert (figures.found, figures.attributions) == (2, 3)
    assert (figures.named_found, figures.named) == (1, 2)
    assert (figures.right, figures.mentions) == (2, 3)
    assert figures.missed == {"wants": 1}
    assert figures.false == {"the united states": 1}


def test_the_halves_are_stable_and_both_used():
    ids = [f"publisher_2016-01-{day:02d}_article" for day in range(1, 29)]

    halves = [attribution_eval.half_of(article_id) for article_id in ids]

    assert halves == [attribution_eval.half_of(article_id) for article_id in ids]
    assert set(halves) == {"dev", "held-out"}


FIGURE = re.compile(
    r"^(all|dev|held-out) +(\d+) articles +recall ([\d.]+) .* recall without pronoun sources ([\d.]+) .* precision ([\d.]+) "
)


def test_the_evaluation_runs_on_a_slice_of_the_corpus(corpus_slice, capsys):
    attribution_eval.main([str(corpus_slice)])

    lines = capsys.readouterr().out.splitlines()
    figures = {match[1]: match for line in lines if (match := FIGURE.match(line))}
    assert set(figures) == {"all", "dev", "held-out"}
    assert [int(figures[name][2]) for name in ("all", "dev", "held-out")] == [6, 3, 3]
    for match in figures.values():
        recall, named_recall, precision = (float(match[group]) for group in (3, 4, 5))
        assert 0 <= recall <= 1 and 0 <= named_recall <= 1 and 0 <= precision <= 1
        # On these six articles the detector before the corpus work found 0.17 with precision 0.36; with the
        # rules of the dev half 0.40 at 0.76; with the learned lexicon too 0.47 at 0.76 (the weaker half 0.43 at 0.73);
        # with the learned tagger instead of the lexicon 0.51 at 0.75 (the weaker half 0.47 at 0.71).
        assert recall > 0.35 and precision > 0.6
    assert all(" source itself found 0." in line for line in lines if FIGURE.match(line))
    assert any(line.startswith("most often missed cues: '") for line in lines)
    assert any(line.startswith("most frequent false mentions: ") for line in lines)
