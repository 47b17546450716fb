import pytest
from django.urls import reverse

from claims import workflow
from claims.models import Claim, Quote
from tests.factories import CitationFactory, ClaimFactory, QuoteFactory, SourceFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def test_every_change_to_a_claim_is_kept():
    claim = ClaimFactory(explanation="First.")
    claim.explanation = "Second."
    claim.save()

    assert [h.explanation for h in claim.history.order_by("history_date")] == ["First.", "Second."]


def test_quotes_sources_and_citations_keep_history():
    quote = QuoteFactory()
    citation = CitationFactory()
    source = SourceFactory()
    source.title = "Renamed"
    source.save()

    assert quote.history.count() == 1
    assert citation.history.count() == 1
    assert [h.history_type for h in source.history.order_by("history_date")] == ["+", "~"]


def test_a_deleted_quote_leaves_its_history():
    quote = QuoteFactory()
    pk = quote.pk

    quote.delete()

    assert [h.history_type for h in Quote.history.filter(id=pk).order_by("history_date")] == ["+", "-"]


def test_changes_made_in_the_admin_carry_the_user(client, editor):
    client.force_login(editor)
    source = SourceFactory()
    url = reverse("admin:sources_source_change", args=[source.pk])
    data = form_data(client.get(url).text, "source_form")

    client.post(url, {**data, "title": "Corrected title"})

    record = source.history.first()
    assert (record.title, record.history_user) == ("Corrected title", editor)


def test_workflow_steps_carry_the_user(editor):
    claim = ClaimFactory()
    workflow.submit_for_review(claim=claim, by=editor)

    assert Claim.history.filter(id=claim.pk).first().history_user == editor
