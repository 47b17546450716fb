"""The learned attribution tagger: its weights load, it reads made-up sentences, and it reads them the same every time."""

from sources import attribution_tagger
from sources.attribution import detect_attributions, detect_mentions, subject_predicates
from sources.attribution_tagger import Model, candidates, model, runs, tagged_spans
from sources.sentences import split_sentences


def words_of(text: str) -> list[str]:
    return [mention.text for mention in detect_mentions(text)]


def test_the_shipped_weights_load_and_hold_derived_features_only():
    loaded = model()

    assert loaded is not None
    assert 0 < loaded.threshold < 1
    assert len(loaded.weights) > 1000
    # Feature names are a word, a word piece or two neighbouring words, never a sentence of the corpus.
    assert all(len(feature.split(" ")) <= 2 for feature in loaded.weights)


def test_made_up_sentences_where_the_rules_find_nothing():
    # Learned from the annotators' habits: "is expected to" and "are worried about" attribute a view to a subject.
    assert words_of("He is expected to win the race.") == ["He is expected"]
    [worried] = words_of("Voters are worried about the economy.")
    assert worried.startswith("Voters are worried")  # from the subject before the words the tagger is sure of
    # Nothing attributes here.
    assert words_of("The bridge was built in 1990.") == []
    assert words_of("The river flows past the old mill.") == []


def test_what_the_tagger_adds_names_nobody():
    text = "He is expected to win the race. Voters are worried about the economy."

    assert len(detect_mentions(text)) == 2
    assert detect_attributions(text) == []  # no party, so no citation is proposed


def test_the_rules_findings_are_left_to_the_rules():
    # "said" has a subject the rules read: the tagger adds nothing beside it.
    assert words_of("The minister said the talks had failed.") == ["The minister said"]


def test_reading_is_deterministic():
    text = "He is expected to win. Voters are worried about the economy. The senator, referring to the bill, left."

    first = [(mention.start, mention.end, mention.text) for mention in detect_mentions(text)]

    assert [(mention.start, mention.end, mention.text) for mention in detect_mentions(text)] == first
    [sentence, *_] = split_sentences(text)
    tokens = sentence.tokens
    quoted = [False] * len(tokens)
    predicates = subject_predicates(tokens, quoted)
    assert candidates(tokens, quoted, [], predicates) == candidates(tokens, quoted, [], predicates)


def test_a_made_up_model_joins_adjacent_words_and_starts_at_their_subject():
    [sentence] = split_sentences("Smith frets and worries about it.")
    tokens = sentence.tokens
    quoted = [False] * len(tokens)
    predicates = subject_predicates(tokens, quoted)
    made_up = Model({"w=frets": 5.0, "w=worries": 5.0, "w=and": 5.0}, -3.0, 0.5)

    spans = tagged_spans(tokens, quoted, [], predicates, chosen=made_up)

    assert [sentence.slice(start, end) for start, end in spans] == ["Smith frets and worries"]
    # A word a rule covered is no candidate.
    covered = [(tokens[1].start, tokens[1].end)]
    spans = tagged_spans(tokens, quoted, covered, predicates, chosen=made_up)
    assert [sentence.slice(start, end) for start, end in spans] == ["and worries"]
    assert runs(tokens, [], predicates) == []


def test_without_weights_the_rules_work_alone(monkeypatch, tmp_path):
    monkeypatch.setattr(attribution_tagger, "WEIGHTS", tmp_path / "missing.json")
    attribution_tagger.model.cache_clear()
    try:
        assert attribution_tagger.model() is None
        assert words_of("He is expected to win the race.") == []
        assert words_of("The minister said the talks had failed.") == ["The minister said"]
    finally:
        monkeypatch.undo()
        attribution_tagger.model.cache_clear()


def test_a_made_up_model_takes_a_subject_of_common_nouns_in_and_stops_at_a_clause_or_a_rule():
    [sentence] = split_sentences("After the vote, many angry voters frets about it.")
    tokens = sentence.tokens
    quoted = [False] * len(tokens)
    made_up = Model({"w=frets": 5.0}, -3.0, 0.5)

    spans = tagged_spans(tokens, quoted, [], subject_predicates(tokens, quoted), chosen=made_up)

    # At most three words back, none across the comma.
    assert [sentence.slice(start, end) for start, end in spans] == ["many angry voters frets"]
    [sentence] = split_sentences("He left because voters frets.")
    tokens = sentence.tokens
    quoted = [False] * len(tokens)
    spans = tagged_spans(tokens, quoted, [], subject_predicates(tokens, quoted), chosen=made_up)
    assert [sentence.slice(start, end) for start, end in spans] == ["voters frets"]  # not across "because"


def test_the_cue_model_drops_what_a_rule_read_when_it_is_sure_enough_and_keeps_it_otherwise(monkeypatch):
    text = "The minister said the talks had failed."
    dropping = Model({}, -30.0, 2.0, cues=Model({"r-last=said": -5.0}, 0.0, 0.5))
    keeping = Model({}, -30.0, 2.0, cues=Model({"r-last=said": 5.0}, 0.0, 0.5))

    monkeypatch.setattr(attribution_tagger, "model", lambda: dropping)
    assert words_of(text) == []
    assert detect_attributions(text) == []
    monkeypatch.setattr(attribution_tagger, "model", lambda: keeping)
    assert words_of(text) == ["The minister said"]


def test_a_model_with_a_cue_model_reads_back_the_same():
    made_up = Model({"w=wants": 1.5}, -2.0, 0.6, cues=Model({"r-last=said": 2.0}, 0.5, 0.4))

    again = Model.from_json(made_up.to_json())

    assert again.cues is not None
    assert (again.cues.weights, again.cues.bias, again.cues.threshold) == ({"r-last=said": 2.0}, 0.5, 0.4)
    assert Model.from_json(Model({}, 0.0, 0.5).to_json()).cues is None


def test_the_cue_model_keeps_a_documents_author(monkeypatch):
    dropping = Model({}, -30.0, 2.0, cues=Model({}, -30.0, 0.5))
    monkeypatch.setattr(attribution_tagger, "model", lambda: dropping)

    assert words_of("The minister said the talks had failed.") == []
    [mention] = detect_mentions("An investigation by the Dossier Center named the eight men.")
    assert mention.text.startswith("investigation by the Dossier Center")
