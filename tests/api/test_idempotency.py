"""Publishing, correcting and retracting never happen twice: not on a retry, a double click or a race."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from claims.conflicts import refresh_conflicts
from claims.models import Claim, Correction
from tests.factories import PublishedClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db

NOTE = {"note": "The month was April, not March."}


@pytest.fixture
def reviewer_api(reviewer):
    client = APIClient()
    client.force_authenticate(reviewer)
    return client


def correct(client, claim, **headers):
    return client.post(f"/api/v1/claims/{claim.slug}/correct/", NOTE, format="json", headers=headers)


def test_the_same_correction_posted_twice_makes_one_note_and_a_clear_409(reviewer_api):
    claim = PublishedClaimFactory()

    first, second = correct(reviewer_api, claim), correct(reviewer_api, claim)

    assert first.status_code == 200 and second.status_code == 409
    assert "nothing was added" in second.json()["detail"]
    assert Correction.objects.filter(claim=claim).count() == 1


def test_a_retry_with_the_same_idempotency_key_replays_the_answer_without_acting_again(reviewer_api):
    claim = PublishedClaimFactory()

    first = correct(reviewer_api, claim, **{"Idempotency-Key": "retry-1"})
    retry = correct(reviewer_api, claim, **{"Idempotency-Key": "retry-1"})

    assert (first.status_code, retry.status_code) == (200, 200)
    assert retry["Idempotent-Replayed"] == "true" and retry.json() == first.json()
    assert Correction.objects.filter(claim=claim).count() == 1


def test_a_key_used_for_another_request_is_refused(reviewer_api):
    claim, other = PublishedClaimFactory(), PublishedClaimFactory()
    correct(reviewer_api, claim, **{"Idempotency-Key": "k"})

    reused = correct(reviewer_api, other, **{"Idempotency-Key": "k"})

    assert reused.status_code == 409 and "another request" in reused.json()["detail"]
    assert not Correction.objects.filter(claim=other).exists()


def test_a_failed_step_does_not_use_up_its_key(reviewer_api):
    claim = PublishedClaimFactory(status=Claim.Status.RETRACTED)

    refused = correct(reviewer_api, claim, **{"Idempotency-Key": "k"})
    claim.status = Claim.Status.PUBLISHED
    claim.save(update_fields=["status"])
    done = correct(reviewer_api, claim, **{"Idempotency-Key": "k"})

    assert (refused.status_code, done.status_code) == (409, 200)
    assert "Idempotent-Replayed" not in done


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_a_double_click_of_eight_clients_at_once_publishes_one_note(reviewer):
    claim = PublishedClaimFactory()
    statuses, start = [], threading.Barrier(8)

    def click():
        client = APIClient()
        client.force_authenticate(reviewer)
        start.wait()
        statuses.append(correct(client, claim).status_code)
        connection.close()

    threads = [threading.Thread(target=click) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200] + [409] * 7
    assert Correction.objects.filter(claim=claim).count() == 1


def test_publishing_with_an_open_conflict_needs_confirm_warnings(reviewer_api):
    claim = PublishedClaimFactory(status=Claim.Status.IN_REVIEW)
    QuoteFactory(claim=claim, value=2, comparator="exact")
    QuoteFactory(claim=claim, value=1, comparator="exact")
    refresh_conflicts(claim=claim)

    asked = reviewer_api.post(f"/api/v1/claims/{claim.slug}/publish/", {}, format="json")
    confirmed = reviewer_api.post(
        f"/api/v1/claims/{claim.slug}/publish/", {"confirm_warnings": True}, format="json"
    )

    assert asked.status_code == 409 and "1 open conflict" in asked.json()["detail"]
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "published"
