"""Admin lists read at a glance: two-line texts whole on hover, states as labels in words, one date format."""

import re

import pytest

from claims.ingestion.decide import reject
from claims.models import Claim, QuoteSuggestion
from tests.factories import ClaimFactory, ConflictFactory, PublishedClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def test_the_claims_list_shows_the_whole_sentence_on_hover_and_states_in_words(reviewer_client):
    contested = ClaimFactory(text="Belgium expelled two Russian diplomats.", status=Claim.Status.IN_REVIEW)
    ConflictFactory(claim=contested)
    PublishedClaimFactory(text="NATO expelled eight Russians.", verdict="mostly_false")

    page = reviewer_client.get("/admin/claims/claim/").content.decode()

    assert '<span class="clamp" title="Belgium expelled two Russian diplomats.">' in page
    assert '<span class="state-label state-waiting">In review</span>' in page
    assert '<span class="state-label state-poor">Mostly false</span>' in page
    # Only the contested claim says so; no icon stands for a yes or a no.
    assert page.count('<span class="state-label state-poor">Contested</span>') == 1
    assert "icon-yes" not in page and "icon-no" not in page


def test_admin_dates_read_day_month_year(reviewer_client):
    claim = ClaimFactory()

    page = reviewer_client.get("/admin/claims/claim/").content.decode()

    updated = claim.updated_at.astimezone().strftime("%-d %b %Y, %H:%M")
    assert updated in page
    assert not re.search(r"\b(a|p)\.m\.", page)


def test_a_decided_suggestion_shows_its_number_as_written(reviewer_client, reviewer, demo):
    suggestion = QuoteSuggestion.objects.pending().exclude(value=None).first()
    reject(suggestion=suggestion, by=reviewer)

    page = reviewer_client.get(f"/admin/claims/quotesuggestion/{suggestion.pk}/change/").content.decode()

    assert suggestion.value_display in page
    assert ".0000" not in page


def test_a_published_claim_read_by_an_editor_shows_its_numbers_as_written(client, editor, demo):
    claim = Claim.objects.get(slug="netherlands-expelled-17-russian-intelligence-officers-march-2022")
    client.force_login(editor)

    page = client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()

    assert ".0000" not in page
    assert '<div class="readonly">17</div>' in page


def test_each_row_checkbox_is_the_one_django_renders(reviewer_client):
    from django.contrib import admin
    from django.contrib.admin import ModelAdmin

    claim = ClaimFactory(text='Tom & "Jerry" <b>said</b> 17 officers.')

    page = reviewer_client.get("/admin/claims/claim/").content.decode()

    written = admin.site._registry[Claim].action_checkbox(claim)
    assert written == ModelAdmin.action_checkbox(admin.site._registry[Claim], claim)
    assert written in page and "<b>said" not in written  # the claim's words escaped, once
    # Selecting a row and running an action still works: the checkbox carries the row's id.
    response = reviewer_client.post(
        "/admin/claims/claim/",
        {"action": "submit_for_review", "_selected_action": [claim.pk], "index": 0},
    )
    claim.refresh_from_db()
    assert response.status_code == 302 and claim.status == Claim.Status.IN_REVIEW
