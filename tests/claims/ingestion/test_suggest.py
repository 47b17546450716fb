"""Ingestion: one capture per text, suggestions that are proposed once, and decisions that record them."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from claims.ingestion.decide import SuggestionError, accept_citation, accept_quote, reject
from claims.ingestion.suggest import ingest
from claims.models import (
    CitationSuggestion,
    Claim,
    Conflict,
    Quote,
    QuoteSuggestion,
    ReviewFlag,
    SuggestionStatus,
)
from claims.quantities import Comparator
from sources.models import Actor, ActorAlias, Capture, Citation, Source
from tests.factories import ActorFactory, ClaimFactory, PublishedClaimFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db

TWO = {"comparator": Comparator.EXACT, "value": Decimal(2)}

ARTICLE = (
    "Dutch Home Secretary Cassia Olangren said that two Russian diplomats were expelled.\n"
    "The Netherlands expelled two Russian diplomats on Thursday, the AIVD said in a statement."
)


def test_ingesting_the_same_text_again_changes_nothing():
    first = ingest(text=ARTICLE, published_on=date(2020, 12, 10))

    again = ingest(text=ARTICLE, published_on=date(2020, 12, 10))

    assert (first.outcome, again.outcome) == ("created", "unchanged")
    assert (again.citations, again.quotes) == ([], [])
    assert Source.objects.count() == Capture.objects.count() == 1
    assert CitationSuggestion.objects.count() == 2
    assert QuoteSuggestion.objects.count() == 2


def test_a_rejected_suggestion_is_not_proposed_again():
    result = ingest(text=ARTICLE)
    reject(suggestion=result.citations[0], by=None)
    reject(suggestion=result.quotes[0], by=None)
    CitationSuggestion.objects.filter(status=SuggestionStatus.PENDING).delete()
    QuoteSuggestion.objects.filter(status=SuggestionStatus.PENDING).delete()

    again = ingest(text=ARTICLE)

    assert len(again.citations) == len(again.quotes) == 1  # only those never decided, proposed afresh
    assert result.citations[0].key not in {s.key for s in again.citations}


def test_a_changed_text_at_a_known_url_is_recaptured_and_its_dependents_flagged(reviewer):
    result = ingest(text=ARTICLE, url="https://example.org/story")
    quote = QuoteFactory(source=result.source, exact="two Russian diplomats were expelled", value=Decimal(2))
    edited = ARTICLE.replace("two Russian diplomats were expelled", "three Russians left")

    again = ingest(text=edited, url="https://example.org/story", by=reviewer)

    assert again.outcome == "recaptured"
    assert "earlier capture is kept" in again.notes[0]
    assert [c.text for c in result.source.captures.all()] == [ARTICLE, edited]
    quote.refresh_from_db()
    assert not quote.is_verified
    assert ReviewFlag.objects.filter(claim=quote.claim, source=result.source).exists()


def test_pending_suggestions_follow_their_words_into_the_new_capture_or_go():
    ingest(text=ARTICLE, url="https://example.org/story")
    edited = "Breaking.\n" + ARTICLE.replace(
        "Cassia Olangren said that two Russian diplomats were expelled", "nobody spoke"
    )

    again = ingest(text=edited, url="https://example.org/story")

    pending = QuoteSuggestion.objects.pending().get()
    assert edited[pending.start : pending.end] == pending.exact
    assert (
        "2 pending suggestion(s) whose words are gone were dropped" in again.notes[0]
    )  # a quote, a citation
    assert not CitationSuggestion.objects.filter(cited_name="Cassia Olangren").exists()


def test_what_the_source_already_records_is_not_suggested(demo):
    source = Source.objects.get(title__startswith="Two Russian diplomats")
    CitationSuggestion.objects.filter(source=source).delete()  # what the demo itself suggested
    QuoteSuggestion.objects.filter(source=source).delete()

    result = ingest(text=source.text)

    assert result.outcome == "unchanged"
    cited = {s.cited_name for s in result.citations}
    assert "Cassia Olangren" not in cited  # the demo cites Kajsa Ollongren from this source
    assert "Dutch officials" in cited  # a speaker there, but not yet cited
    assert not any(
        s.exact.startswith("The Netherlands expelled two") for s in result.quotes
    )  # already a quote


def test_a_suggestion_outlives_the_claim_or_actor_it_was_matched_to(demo):
    citation = CitationSuggestion.objects.filter(cited_actor__name="Unnamed Dutch officials").first()
    quote = QuoteSuggestion.objects.filter(claim__isnull=False).first()

    Quote.objects.filter(speaker=citation.cited_actor).update(speaker=None)
    citation.cited_actor.delete()
    quote.claim.delete()

    citation.refresh_from_db()
    quote.refresh_from_db()
    assert (citation.cited_actor, citation.new_actor_name) == (None, "Dutch officials")
    assert quote.claim is None
    assert accept_quote(suggestion=quote, by=None).claim.text == quote.claim_text


def test_texts_in_other_languages_are_captured_without_suggestions():
    result = ingest(text="Zeventien Russische diplomaten zijn uitgezet, meldde de NOS.", language="nl")

    assert result.outcome == "created"
    assert (result.citations, result.quotes) == ([], [])
    assert "English texts only" in result.notes[0]


def test_a_publisher_is_met_by_alias_or_added_as_an_outlet():
    bild = ActorFactory(name="Bild", kind=Actor.Kind.OUTLET)
    ActorAlias.objects.create(actor=bild, name="Das Bild")

    known = ingest(text="One text.", publisher="das bild")
    new = ingest(text="Another text.", publisher="NL Times")

    assert known.source.publisher == bild
    assert new.source.publisher.name == "NL Times" and new.source.publisher.kind == Actor.Kind.OUTLET
    assert "was not a recorded actor" in new.notes[0]


def test_bad_input_saves_nothing_at_all():
    with pytest.raises(ValidationError) as refused:
        ingest(text=ARTICLE, url="not a url", publisher="A New Outlet")

    assert "url" in refused.value.message_dict
    assert not Source.objects.exists()
    assert not Actor.objects.exists()  # the publisher it would have added
    assert not CitationSuggestion.objects.exists()


def test_accepting_a_citation_of_a_new_actor_records_both():
    result = ingest(
        text="The Dutch General Intelligence and Security (AIVD) said in a statement that both left."
    )
    (suggestion,) = result.citations

    citation = accept_citation(suggestion=suggestion, by=None)

    actor = citation.cited_actor
    assert (actor.name, actor.kind) == (
        "Dutch General Intelligence and Security",
        Actor.Kind.INTELLIGENCE_SERVICE,
    )
    assert list(actor.aliases.values_list("name", flat=True)) == ["AIVD"]
    assert citation.span_text == "The Dutch General Intelligence and Security (AIVD) said in a statement"
    assert citation.span_start is not None
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.citation) == (SuggestionStatus.ACCEPTED, citation)
    assert suggestion.decided_at is not None


def test_an_accepted_actor_known_by_one_of_its_spellings_is_that_actor():
    aivd = ActorFactory(name="AIVD", kind=Actor.Kind.INTELLIGENCE_SERVICE)
    suggestion = CitationSuggestion.objects.create(
        source=ingest(text="Some text here.").source,
        start=0,
        end=4,
        key="cites:x",
        span_text="Some",
        cited_name="Dutch General Intelligence and Security",
        new_actor_name="Dutch General Intelligence and Security",
        new_actor_kind=Actor.Kind.INTELLIGENCE_SERVICE,
        new_actor_aliases=["AIVD"],
    )

    citation = accept_citation(suggestion=suggestion, by=None)

    assert citation.cited_actor == aivd
    assert aivd.aliases.filter(name="Dutch General Intelligence and Security").exists()


def test_accepting_a_bare_description_records_an_actor_of_that_article_only():
    """Two articles' "foreign ministry" may be two countries': accepting each records its own actor, named with
    the article, and a description placed by its people ("Dutch officials") is still one actor."""
    tokyo = ingest(
        text="Japan summoned the envoy on Monday, the foreign ministry said.", title="Japan summons envoy"
    )
    brussels = ingest(
        text="Belgium expelled two diplomats, the foreign ministry said.", title="Belgium expels two"
    )
    dutch = [
        ingest(text=f"The talks failed on {day}, Dutch officials said.", title=f"Talks fail {day}")
        for day in ("Monday", "Tuesday")
    ]

    first, second = (
        accept_citation(suggestion=result.citations[0], by=None).cited_actor for result in (tokyo, brussels)
    )
    officials = {accept_citation(suggestion=result.citations[0], by=None).cited_actor for result in dutch}

    assert (first.name, second.name) == (
        "Foreign ministry (in “Japan summons envoy”)",
        "Foreign ministry (in “Belgium expels two”)",
    )
    assert first.kind == second.kind == Actor.Kind.MINISTRY
    assert not Actor.objects.named("Foreign ministry").exists()  # never found again by the bare words
    assert [actor.name for actor in officials] == ["Dutch officials"]
    (quote,) = brussels.quotes
    assert accept_quote(suggestion=quote, by=None).speaker == second  # the same article's description


def test_a_suggestion_is_decided_once():
    (suggestion, *_) = ingest(text=ARTICLE).citations
    accept_citation(suggestion=suggestion, by=None)

    with pytest.raises(SuggestionError, match="already accepted"):
        reject(suggestion=suggestion, by=None)

    assert Citation.objects.count() == 1


def test_accepting_a_quote_without_a_claim_opens_a_draft_claim_with_its_value_and_time(editor):
    result = ingest(text="Police arrested 40 protesters in Paris on Saturday.", published_on=date(2024, 5, 6))
    (suggestion,) = result.quotes

    quote = accept_quote(suggestion=suggestion, by=editor)

    claim = quote.claim
    assert claim.status == Claim.Status.DRAFT and claim.created_by == editor
    assert (claim.text, claim.value, claim.unit) == (
        "Police arrested 40 protesters in Paris on 4 May 2024.",  # worded from the event, its day resolved
        Decimal(40),
        "protesters",
    )
    assert (claim.time_start, claim.time_end) == (date(2024, 5, 4), date(2024, 5, 4))
    assert quote.is_verified and quote.exact == suggestion.exact


def test_accepting_quotes_that_disagree_on_one_claim_opens_a_conflict():
    claim = ClaimFactory(text="The Netherlands expelled two Russian diplomats in December 2020.", **TWO)
    first = ingest(text="The Netherlands expelled two Russian diplomats.", published_on=date(2020, 12, 10))
    second = ingest(
        text="Two years ago, the Netherlands deported another Russian.", published_on=date(2022, 4, 19)
    )
    assert first.quotes[0].claim == second.quotes[0].claim == claim

    accept_quote(suggestion=first.quotes[0], by=None)
    accept_quote(suggestion=second.quotes[0], by=None)

    conflict = Conflict.objects.open().get()
    assert sorted(q.value for q in conflict.quotes.all()) == [1, 2]


def test_a_new_claim_takes_the_pending_suggestions_that_are_about_it():
    first = ingest(text="The Netherlands expelled two Russian diplomats.", published_on=date(2020, 12, 10))
    second = ingest(
        text="Two years ago, the Netherlands deported another Russian.", published_on=date(2022, 4, 19)
    )
    assert first.quotes[0].claim is None and second.quotes[0].claim is None

    quote = accept_quote(suggestion=first.quotes[0], by=None)

    second.quotes[0].refresh_from_db()
    assert second.quotes[0].claim == quote.claim


def test_only_a_reviewer_adds_a_quote_to_a_published_claim(editor, reviewer):
    PublishedClaimFactory(text="The Netherlands expelled two Russian diplomats in December 2020.", **TWO)
    (suggestion,) = ingest(
        text="The Netherlands expelled two Russian diplomats.", published_on=date(2020, 12, 10)
    ).quotes

    with pytest.raises(SuggestionError, match="only a reviewer"):
        accept_quote(suggestion=suggestion, by=editor)
    assert not Quote.objects.exists()

    accept_quote(suggestion=suggestion, by=reviewer)
    assert Quote.objects.count() == 1


def test_an_accepted_speaker_not_yet_recorded_is_created():
    (suggestion,) = ingest(text="Eight spies were expelled, Das Bild newspaper reported.").quotes

    quote = accept_quote(suggestion=suggestion, by=None)

    assert (quote.speaker.name, quote.speaker.kind) == ("Das Bild", Actor.Kind.OUTLET)


def test_two_spellings_of_one_recorded_party_in_an_article_are_proposed_once():
    nos = ActorFactory(name="Nederlandse Omroep Stichting", kind=Actor.Kind.OUTLET)
    ActorAlias.objects.create(actor=nos, name="NOS")

    result = ingest(
        text="Two diplomats left, NOS reported on Monday.\n"
        "The Nederlandse Omroep Stichting said later that a third was told to go."
    )

    assert [(s.cited_actor, s.cited_name) for s in result.citations] == [(nos, "NOS")]


def test_a_generic_description_is_never_linked_to_a_specific_recorded_party():
    ActorFactory(name="Ministry of Foreign Affairs of the Netherlands", kind=Actor.Kind.MINISTRY)

    result = ingest(text="Two diplomats were expelled on Monday, the ministry said.")

    (suggestion,) = result.citations
    assert suggestion.cited_actor is None and suggestion.match_score is None
    assert (suggestion.new_actor_name, suggestion.new_actor_kind) == ("Ministry", Actor.Kind.MINISTRY)


def test_a_named_party_is_linked_to_its_recorded_document_only_when_the_text_speaks_of_one():
    board = ActorFactory(name="Harbour Board", kind=Actor.Kind.ORGANISATION)
    statement = SourceFactory(publisher=board, kind=Source.Kind.STATEMENT, title="Board statement on cranes")

    said = ingest(text="The Harbour Board said it had warned the port about the old cranes.")
    in_a_statement = ingest(text="The Harbour Board said in a statement that two cranes were unsafe.")

    (citation,) = said.citations
    assert (citation.cited_actor, citation.cited_source) == (board, None)  # any of its words: not a guess
    (citation,) = in_a_statement.citations
    assert (citation.cited_actor, citation.cited_source) == (board, statement)


def test_a_bare_description_recorded_from_another_article_is_not_who_this_one_cites():
    ActorFactory(name="Foreign ministry", kind=Actor.Kind.MINISTRY)  # accepted from another country's story
    unnamed = ActorFactory(name="Unnamed Portuguese officials", kind=Actor.Kind.ANONYMOUS)

    result = ingest(
        text="Freedonia expelled three envoys on Monday, the foreign ministry said.\n"
        "The decision was final, Portuguese officials said."
    )

    by_name = {s.cited_name: s for s in result.citations}
    assert by_name["Foreign ministry"].cited_actor is None
    assert by_name["Portuguese officials"].cited_actor == unnamed  # placed by its people: may be the same
    (quote,) = result.quotes
    assert quote.speaker is None and quote.speaker_name == "Foreign ministry"
