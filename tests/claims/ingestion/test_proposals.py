"""Suggestions about one event share one proposed claim, worded from the event; the claim an editor creates or
picks for one of them is taken by the others (in the admin and through the API alike)."""

from datetime import date

import pytest
from django.urls import reverse

from claims.ingestion.decide import accept_quote, link_to_claim
from claims.ingestion.suggest import ingest
from claims.models import QuoteSuggestion
from tests.factories import ClaimFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db

# Made up: one expulsion told three ways in one article, and another country's expulsion beside it.
ARTICLE = (
    "Finland expelled 12 Norwegian diplomats in March 2023, the foreign ministry said.\n"
    "The 12 Norwegians had been declared persona non grata after a spying inquiry.\n"
    "Norway expelled nine Finnish diplomats in return.\n"
    "When the 12 diplomats were expelled, the embassy closed its trade office."
)
OTHER_ARTICLE = "Last spring Finland deported another Norwegian diplomat, the Kallio Times reported."
CLAIM = "Finland expelled 12 Norwegian diplomats in March 2023."


def pending(**filters):
    return QuoteSuggestion.objects.pending().filter(**filters)


def test_accounts_of_one_event_share_one_proposal_with_a_sentence_made_from_the_event():
    ingest(text=ARTICLE, published_on=date(2023, 4, 2))

    twelve = pending(value=12, event="expel")
    assert twelve.count() == 3
    assert {s.claim_text for s in twelve} == {CLAIM}
    assert len({s.proposal for s in twelve}) == 1


def test_accounts_of_different_events_propose_different_claims():
    ingest(text=ARTICLE, published_on=date(2023, 4, 2))

    twelve, nine = pending(value=12, event="expel").first(), pending(value=9).get()

    assert nine.proposal != twelve.proposal
    assert nine.claim_text == "Norway expelled 9 Finnish diplomats."


def test_a_statement_about_no_event_keeps_its_own_words_as_its_claim():
    (suggestion,) = ingest(text="The embassy employs 40 local staff, the ministry said.").quotes

    assert (suggestion.proposal, suggestion.claim_text) == ("", "The embassy employs 40 local staff.")


def test_creating_the_claim_from_one_suggestion_links_the_others_of_its_proposal():
    ingest(text=ARTICLE, published_on=date(2023, 4, 2))
    first, *others = pending(value=12, event="expel").order_by("start")

    quote = accept_quote(suggestion=first, by=None)

    assert quote.claim.text == CLAIM
    assert {QuoteSuggestion.objects.get(pk=other.pk).claim for other in others} == {quote.claim}
    assert pending(value=9).get().claim is None  # another event


def test_picking_a_claim_links_the_others_of_the_proposal_and_of_other_sources():
    ingest(text=ARTICLE, published_on=date(2023, 4, 2))
    ingest(text=OTHER_ARTICLE, published_on=date(2023, 4, 20))
    claim = ClaimFactory(text="Finland expelled Norwegian diplomats in spring 2023.")
    first = pending(value=12, event="expel").order_by("start").first()

    relinked = link_to_claim(suggestion=first, claim=claim)

    assert relinked == 3  # the other accounts of the twelve, and "another Norwegian" in the other article
    assert set(pending(event="expel").exclude(value=9).values_list("claim", flat=True)) == {claim.pk}
    assert pending(value=9).get().claim is None


def test_picking_a_claim_in_the_admin_links_the_others(client, editor):
    client.force_login(editor)
    ingest(text=ARTICLE, published_on=date(2023, 4, 2))
    claim = ClaimFactory(text=CLAIM)
    first, *others = pending(value=12, event="expel").order_by("start")
    url = reverse("admin:claims_quotesuggestion_change", args=[first.pk])

    client.post(url, {**form_data(client.get(url).text, "quotesuggestion_form"), "claim": claim.pk})

    first.refresh_from_db()
    assert first.claim == claim and first.is_pending  # saved to decide later
    assert {QuoteSuggestion.objects.get(pk=other.pk).claim for other in others} == {claim}


# Made up: a summary and the text state one poll figure twice; another figure is stated once.
POLL_ARTICLE = (
    "Grey leads.\n"
    "Ann Grey has support from 52 percent of likely voters, according to a Veltra Herald poll.\n"
    "Full text.\n"
    "Ann Grey has support from 52 percent of likely voters, the Veltra Herald poll found. "
    "Tom Bell has 30 percent of likely voters."
)


def test_a_figure_stated_twice_in_one_article_shares_one_proposal_worded_as_first_said():
    ingest(text=POLL_ARTICLE, published_on=date(2015, 11, 9))

    repeats = pending(value=52)
    (once,) = pending(value=30)

    assert repeats.count() == 2
    assert len({s.proposal for s in repeats}) == 1 and repeats.first().proposal.startswith("figure:")
    (claim_text,) = {s.claim_text for s in repeats}  # one sentence, the first statement's own words
    assert claim_text.startswith("From 52 percent of likely voters")
    assert once.proposal == ""


def test_the_same_figure_in_another_article_is_not_joined_to_this_ones():
    ingest(text=POLL_ARTICLE, published_on=date(2015, 11, 9))
    ingest(text=POLL_ARTICLE.replace("Grey leads.", "Grey still leads."), published_on=date(2015, 11, 10))

    assert len({s.proposal for s in pending(value=52)}) == 2


def test_creating_the_claim_for_a_repeated_figure_links_its_repeat():
    ingest(text=POLL_ARTICLE, published_on=date(2015, 11, 9))
    first, second = pending(value=52).order_by("start")

    quote = accept_quote(suggestion=first, by=None)

    second.refresh_from_db()
    assert second.claim == quote.claim
