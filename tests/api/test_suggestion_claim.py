"""POST /api/v1/quote-suggestions/<id>/claim/: an editor picks the claim a suggested quote is about, and the
pending suggestions about the same event follow (the same domain function as the admin's)."""

from datetime import date

import pytest
from django.urls import reverse

from claims.ingestion.decide import accept_quote
from claims.ingestion.suggest import ingest
from claims.models import QuoteSuggestion
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Finland expelled 12 Norwegian diplomats in March 2023, the foreign ministry said.\n"
    "When the 12 diplomats were expelled, the embassy closed its trade office."
)
CLAIM = "Finland expelled 12 Norwegian diplomats in March 2023."


def pending(**filters):
    return QuoteSuggestion.objects.pending().filter(**filters)


def test_picking_a_claim_through_the_api_links_the_others(as_role):
    ingest(text=ARTICLE, published_on=date(2023, 4, 2))
    claim = ClaimFactory(text=CLAIM)
    first, second = pending(value=12, event="expel").order_by("start")

    response = as_role("editor").post(
        reverse("api:quote-suggestion-claim", args=[first.pk]), {"claim": claim.slug}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["relinked"] == 1
    assert response.json()["suggestion"]["claim"] == claim.slug
    second.refresh_from_db()
    assert second.claim == claim


@pytest.mark.parametrize(
    ("body", "field"),
    [({"claim": "no-such-claim"}, "claim"), ({}, "claim"), ({"claim": "x", "extra": 1}, "extra")],
)
def test_the_api_refuses_a_bad_claim_naming_the_field(as_role, body, field):
    (suggestion,) = ingest(text=CLAIM).quotes

    response = as_role("editor").post(
        reverse("api:quote-suggestion-claim", args=[suggestion.pk]), body, format="json"
    )

    assert response.status_code == 400
    assert field in response.json()["errors"]
    suggestion.refresh_from_db()
    assert suggestion.claim is None


def test_the_api_lets_only_editors_and_reviewers_pick_a_claim(as_role):
    (suggestion,) = ingest(text=CLAIM).quotes
    claim = ClaimFactory()
    url = reverse("api:quote-suggestion-claim", args=[suggestion.pk])

    assert as_role("anonymous").post(url, {"claim": claim.slug}, format="json").status_code == 401
    assert as_role("reviewer").post(url, {"claim": claim.slug}, format="json").status_code == 200


def test_a_decided_suggestion_cannot_be_relinked_through_the_api(as_role):
    (suggestion,) = ingest(text=CLAIM).quotes
    accept_quote(suggestion=suggestion, by=None)

    response = as_role("editor").post(
        reverse("api:quote-suggestion-claim", args=[suggestion.pk]),
        {"claim": ClaimFactory().slug},
        format="json",
    )

    assert response.status_code == 409
    assert "already accepted" in response.json()["detail"]
