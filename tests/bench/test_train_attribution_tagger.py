"""The attribution tagger's training (bench/train_attribution_tagger.py) runs, learns from the dev half only, and
gives the same weights every time."""

import importlib.util
from pathlib import Path

import pytest

from sources.attribution_tagger import Model

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location(
    "train_attribution_tagger", ROOT / "bench" / "train_attribution_tagger.py"
)
train_attribution_tagger = importlib.util.module_from_spec(spec)
spec.loader.exec_module(train_attribution_tagger)
attribution_eval = train_attribution_tagger.attribution_eval

# Made-up articles in the corpus's shape: "wants" and "is believed" attribute where the rules may find nothing.
TEXT = "The ministry wants calm. It is believed that more will go.\nThe bridge was built in 1990."
ANN = """T1\tSource 0 12\tThe ministry
T2\tCue 13 18\twants
T3\tContent 19 23\tcalm
E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1
T4\tCue 28 39\tis believed
T5\tContent 40 57\tthat more will go
E2\tAttribution-no-source:T4 Cue:T4 Content:T5
"""


def made_up_corpus(folder: Path, count: int) -> list[str]:
    """`count` made-up articles of each half; returns the ids of the dev ones."""
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    ids = {half: [] for half in attribution_eval.HALVES}
    number = 0
    while min(len(found) for found in ids.values()) < count:
        article_id = f"made-up-{number}"
        number += 1
        half = attribution_eval.half_of(article_id)
        if len(ids[half]) >= count:
            continue
        ids[half].append(article_id)
        # The held-out articles say something else, so that reading them would show in the weights.
        text = TEXT if half == "dev" else TEXT.replace("wants", "hopes")
        (folder / "text" / f"{article_id}.txt").write_text(text, encoding="utf-8")
        (folder / "attributions" / f"{article_id}_a.ann").write_text(ANN, encoding="utf-8")
    return ids["dev"]


def test_training_on_made_up_articles_writes_weights_learned_from_the_dev_half_only(tmp_path, capsys):
    made_up_corpus(tmp_path / "corpus", 12)
    first, second = tmp_path / "first.json", tmp_path / "second.json"

    train_attribution_tagger.main([str(tmp_path / "corpus"), "--output", str(first)])
    train_attribution_tagger.main([str(tmp_path / "corpus"), "--output", str(second)])

    assert first.read_bytes() == second.read_bytes()  # the same data gives the same weights
    model = Model.from_json(first.read_text(encoding="utf-8"))
    assert model.threshold in train_attribution_tagger.THRESHOLDS
    assert "w=wants" in model.weights  # a word of the dev half's articles
    assert not any("hopes" in feature for feature in model.weights)  # nothing of the held-out half
    out = capsys.readouterr().out
    assert "12 dev articles" in out
    assert "threshold 0.3000: recall " in out


def test_a_written_model_reads_back_the_same():
    model = Model({"w=wants": 1.5, "after-subject": 0.25}, -2.0, 0.6)

    again = Model.from_json(model.to_json())

    assert (again.weights, again.bias, again.threshold) == (model.weights, model.bias, model.threshold)
    assert again.probability(["w=wants", "after-subject"]) == pytest.approx(1 / (1 + 2.718281828459045**0.25))
    assert again.probability(["w=unknown"]) < 0.2


def test_training_on_a_slice_of_the_corpus(corpus_slice, tmp_path, capsys):
    # Three articles of each half: only the dev ones are learned from.
    output = tmp_path / "weights.json"

    train_attribution_tagger.main([str(corpus_slice), "--output", str(output)])

    assert "3 dev articles" in capsys.readouterr().out
    model = Model.from_json(output.read_text(encoding="utf-8"))
    assert len(model.weights) > 100
    assert any(weight > 0 for feature, weight in model.weights.items() if feature.startswith("w="))
    assert model.threshold in train_attribution_tagger.THRESHOLDS


def test_averaged_weights_are_learned_the_same_every_time_and_differ_from_the_last_ones():
    examples = [
        (["w=wants", "nc=to"], True),
        (["w=bridge", "nc=det"], False),
        (["w=wants", "nc=det"], False),
    ] * 5

    first = train_attribution_tagger.train(examples, min_count=1, average=True)
    second = train_attribution_tagger.train(examples, min_count=1, average=True)
    last = train_attribution_tagger.train(examples, min_count=1)

    assert (first.weights, first.bias) == (second.weights, second.bias)
    assert first.weights != last.weights
    assert first.probability(["w=wants", "nc=to"]) > 0.5 > first.probability(["w=bridge", "nc=det"])


def test_the_tallied_figures_are_those_of_the_mentions_joined(tmp_path):
    # choose_threshold joins each cue threshold's tally with each tagger threshold's: the same figures as counting
    # the two lists of mentions together.
    made_up_corpus(tmp_path / "corpus", 4)
    articles = [article for article in attribution_eval.load(tmp_path / "corpus") if article.half == "dev"]
    reads = train_attribution_tagger.read(articles)
    scores = [[[0.9] * len(found) for _, _, found, _ in one.sentences] for one in reads]
    cue_scores = [[0.5] * len(one.mentions) for one in reads]

    for threshold, cue_threshold in [(0.5, 0.0), (0.5, 0.6), (0.95, 0.0), (2.0, 0.6)]:
        kept = train_attribution_tagger.kept_by_cue_model(reads, cue_scores, cue_threshold)
        added = train_attribution_tagger.added_by_tagger(reads, scores, threshold)
        joined = [rule + new for rule, new in zip(kept, added, strict=True)]
        found = sum(
            any(attribution_eval.overlaps(span, attribution.source + attribution.cue) for span in spans)
            for one, spans in zip(reads, joined, strict=True)
            for attribution in one.article.attributions
        )
        mentions = sum(len(spans) for spans in joined)
        right = sum(
            attribution_eval.overlaps(span, one.article.spans)
            for one, spans in zip(reads, joined, strict=True)
            for span in spans
        )

        figures = train_attribution_tagger.measure(reads, scores, threshold, cue_scores, cue_threshold)

        assert figures["recall"] == found / sum(len(one.article.attributions) for one in reads)
        assert figures["precision"] == right / max(1, mentions)
        assert figures["added"] == sum(len(new) for new in added)
    assert train_attribution_tagger.measure(reads, scores, 0.5)["recall"] > 0
