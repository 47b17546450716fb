"""In the API, a published claim's public fields change only with POST …/correct/, which publishes the note."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from claims.models import Claim, Correction
from claims.quantities import Comparator
from tests.factories import PublishedClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_api(reviewer):
    client = APIClient()
    client.force_authenticate(reviewer)
    return client


@pytest.fixture
def published():
    return PublishedClaimFactory(
        slug="russia-expelled-15", comparator=Comparator.EXACT, value=Decimal(15), unit="Dutch diplomats"
    )


def correct(client, body, **headers):
    return client.post("/api/v1/claims/russia-expelled-15/correct/", body, format="json", headers=headers)


def test_a_patch_of_a_published_verdict_is_refused_naming_the_field_and_the_correction(
    reviewer_api, published
):
    response = reviewer_api.patch(
        "/api/v1/claims/russia-expelled-15/",
        {"verdict": "false", "place": "Moscow", "version": published.version},
        format="json",
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"verdict", "place"}
    assert "/api/v1/claims/russia-expelled-15/correct/" in errors["verdict"][0]
    assert Claim.objects.get(pk=published.pk).verdict == "true"


def test_a_patch_of_a_published_claims_slug_alone_is_still_allowed(reviewer_api, published):
    response = reviewer_api.patch(
        "/api/v1/claims/russia-expelled-15/",
        {"slug": "russia-15", "version": published.version},
        format="json",
    )

    assert response.status_code == 200 and response.json()["slug"] == "russia-15"


def test_a_correction_changes_the_fields_and_answers_with_the_note_and_its_changes(reviewer_api, published):
    response = correct(reviewer_api, {"note": "It was 17.", "value": 17, "verdict": "mostly_true"})

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["verdict"], body["quantity"]["display"]) == (
        "corrected",
        "mostly_true",
        "17 Dutch diplomats",
    )
    assert body["corrections"][-1]["note"] == "It was 17."
    assert body["corrections"][-1]["changes"] == [
        {"field": "value", "label": "Value", "old": "15 Dutch diplomats", "new": "17 Dutch diplomats"},
        {"field": "verdict", "label": "Verdict", "old": "True", "new": "Mostly true"},
    ]


def test_a_correction_without_a_note_or_with_an_unknown_field_changes_nothing(reviewer_api, published):
    no_note = correct(reviewer_api, {"verdict": "false"})
    unknown = correct(reviewer_api, {"note": "Moved it.", "slug": "elsewhere"})
    invalid = correct(reviewer_api, {"note": "No verdict.", "verdict": ""})

    assert no_note.status_code == 400 and set(no_note.json()["errors"]) == {"note"}
    assert unknown.status_code == 400 and set(unknown.json()["errors"]) == {"slug"}
    assert invalid.status_code == 400 and set(invalid.json()["errors"]) == {"verdict"}
    published.refresh_from_db()
    assert (published.verdict, published.slug, Correction.objects.count()) == (
        "true",
        "russia-expelled-15",
        0,
    )


def test_a_correction_posted_twice_changes_and_notes_once(reviewer_api, published):
    body = {"note": "It was 17.", "value": 17}

    first, second = correct(reviewer_api, body), correct(reviewer_api, body)

    assert (first.status_code, second.status_code) == (200, 409)
    assert "nothing was added" in second.json()["detail"]
    assert Correction.objects.filter(claim=published).count() == 1


def test_a_correction_retried_with_its_idempotency_key_acts_once(reviewer_api, published):
    body = {"note": "It was 17.", "value": 17}

    first = correct(reviewer_api, body, **{"Idempotency-Key": "fix-17"})
    again = correct(reviewer_api, body, **{"Idempotency-Key": "fix-17"})

    assert (first.status_code, again.status_code, again["Idempotent-Replayed"]) == (200, 200, "true")
    assert again.json()["corrections"] == first.json()["corrections"]
    assert Correction.objects.count() == 1


def test_a_correction_based_on_a_stale_version_is_refused(reviewer_api, published):
    read = published.version
    correct(reviewer_api, {"note": "First.", "place": "Moscow"})

    stale = correct(reviewer_api, {"note": "Second.", "place": "Russia", "version": read})

    assert stale.status_code == 412
    assert Claim.objects.get(pk=published.pk).place == "Moscow"


def test_an_editor_cannot_correct(as_role, published):
    assert correct(as_role("editor"), {"note": "Mine.", "verdict": "false"}).status_code == 403


def test_anonymous_readers_see_the_changes_of_a_correction(api, reviewer_api, published):
    correct(reviewer_api, {"note": "It was 17.", "verdict": "mostly_true"})

    body = api.get("/api/v1/claims/russia-expelled-15/").json()

    assert body["corrections"][-1]["changes"][0]["new"] == "Mostly true"


def test_a_retracted_claims_corrections_keep_their_notes_but_not_the_withdrawn_verdicts(
    api, reviewer_api, published
):
    correct(reviewer_api, {"note": "It was 17.", "verdict": "mostly_true"})
    reviewer_api.post("/api/v1/claims/russia-expelled-15/retract/", {"note": "Fabricated."}, format="json")

    body = api.get("/api/v1/claims/russia-expelled-15/").json()

    assert [(note["kind"], note["note"], note["changes"]) for note in body["corrections"]] == [
        ("correction", "It was 17.", []),
        ("retraction", "Fabricated.", []),
    ]
