"""Who may do what: the rules the admin and the API enforce alike."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from claims.models import Claim, Conflict
from tests.factories import ClaimFactory, ConflictFactory, PublishedClaimFactory, QuoteFactory, UserFactory

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


PASSWORD = "correct horse battery staple"  # tests/factories.py UserFactory


def test_the_token_endpoint_is_throttled_with_retry_after(api, editor, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "token": "5/minute"},
    }
    wrong = {"username": editor.username, "password": "guess"}

    statuses = [api.post("/api/v1/auth/token/", wrong, format="json").status_code for _ in range(5)]
    refused = api.post(
        "/api/v1/auth/token/", {"username": editor.username, "password": PASSWORD}, format="json"
    )

    assert statuses == [400] * 5
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "token" not in refused.json()


def test_the_token_endpoint_allows_ten_attempts_a_minute_by_default(api, editor):
    wrong = {"username": editor.username, "password": "guess"}

    statuses = [api.post("/api/v1/auth/token/", wrong, format="json").status_code for _ in range(11)]

    assert statuses == [400] * 10 + [429]


@pytest.mark.parametrize("group", ["editor", "reviewer"])
def test_staff_in_the_editor_or_reviewer_group_get_a_token(api, group):
    user = UserFactory(group=group)

    response = api.post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}, format="json"
    )

    assert response.status_code == 200 and response.json()["token"]


@pytest.mark.parametrize(("is_staff", "group"), [(True, None), (False, "editor"), (False, "reviewer")])
def test_no_token_for_users_outside_the_editorial_groups_or_without_staff_status(api, is_staff, group):
    user = UserFactory(is_staff=is_staff, group=group)

    response = api.post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}, format="json"
    )

    assert response.status_code == 403
    assert "editors and reviewers" in response.json()["detail"]
    assert not Token.objects.exists()


def test_a_staff_user_in_no_group_sees_no_drafts_through_the_api(api):
    draft = ClaimFactory()
    conflict = ConflictFactory(claim=draft)
    quote = QuoteFactory(claim=draft)
    api.force_authenticate(UserFactory(is_staff=True))

    assert api.get("/api/v1/claims/").json()["results"] == []
    assert api.get(f"/api/v1/claims/{draft.slug}/").status_code == 404
    assert api.get(f"/api/v1/quotes/{quote.pk}/").status_code == 404
    assert api.get(f"/api/v1/sources/{quote.source_id}/").status_code == 404
    assert api.get(f"/api/v1/conflicts/{conflict.pk}/").status_code == 404
    assert api.get("/api/v1/claims/", {"status": "draft"}).json()["results"] == []


def test_an_editor_sees_drafts_through_the_api(as_role):
    draft = ClaimFactory()

    assert as_role("editor").get(f"/api/v1/claims/{draft.slug}/").status_code == 200
