"""Who may do what: the rules the admin and the API enforce alike."""

import pytest
from django.urls import reverse

from claims.models import Claim, Conflict
from tests.factories import ClaimFactory, ConflictFactory, PublishedClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    claim = PublishedClaimFactory()
    QuoteFactory(claim=claim, value=17)
    QuoteFactory(claim=claim, value=2)
    return claim


def test_an_editor_cannot_open_a_conflict_on_a_published_claim(as_role, published):
    quotes = list(published.quotes.values_list("pk", flat=True))

    response = as_role("editor").post(
        "/api/v1/conflicts/", {"claim": published.slug, "quotes": quotes, "note": "Disagree."}, format="json"
    )

    assert response.status_code == 403
    assert "reviewer" in response.json()["detail"]
    assert not Conflict.objects.filter(detected=False).exists()


def test_an_editor_cannot_resolve_a_conflict_on_a_published_claim(as_role, published):
    conflict = ConflictFactory(claim=published)

    response = as_role("editor").patch(
        f"/api/v1/conflicts/{conflict.pk}/", {"status": "resolved", "note": "Settled."}, format="json"
    )

    assert response.status_code == 403 and "reviewer" in response.json()["detail"]
    conflict.refresh_from_db()
    assert conflict.status == Conflict.Status.OPEN


def test_a_reviewer_resolves_a_conflict_on_a_published_claim(as_role, published):
    conflict = ConflictFactory(claim=published)

    response = as_role("reviewer").patch(
        f"/api/v1/conflicts/{conflict.pk}/", {"status": "resolved", "note": "Settled."}, format="json"
    )

    assert response.status_code == 200 and response.json()["status"] == "resolved"


def test_an_editor_still_resolves_a_conflict_on_a_draft(as_role):
    conflict = ConflictFactory(claim=ClaimFactory())

    response = as_role("editor").patch(
        f"/api/v1/conflicts/{conflict.pk}/", {"status": "explained", "note": "Two events."}, format="json"
    )

    assert response.status_code == 200


def test_the_admin_refuses_an_editor_resolving_a_conflict_on_a_published_claim(client, editor, published):
    conflict = ConflictFactory(claim=published)
    client.force_login(editor)
    url = reverse("admin:claims_conflict_change", args=[conflict.pk])

    response = client.post(url, {"claim": published.pk, "status": "resolved", "note": "Settled."})

    assert response.status_code == 403
    conflict.refresh_from_db()
    assert conflict.status == Conflict.Status.OPEN


def test_the_admin_refuses_an_editor_opening_a_conflict_on_a_published_claim(client, editor, published):
    client.force_login(editor)
    quotes = list(published.quotes.values_list("pk", flat=True))

    response = client.post(
        reverse("admin:claims_conflict_add"), {"claim": published.pk, "quotes": quotes, "note": "Disagree."}
    )

    assert response.status_code == 200 and "Only a reviewer" in response.text
    assert not Conflict.objects.filter(detected=False).exists()
    assert Claim.objects.get().status == Claim.Status.PUBLISHED
