"""The reviewer's desk on the admin home: what waits, counted, linked and newest first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.admin.desk import desk_queues
from claims.models import Claim, QuoteSuggestion, ReviewFlag
from tests.factories import ClaimFactory, ConflictFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def queue(user, key):
    return next(queue for queue in desk_queues(user) if queue.key == key)


def test_claims_in_review_newest_first_with_their_count_and_filtered_list(reviewer):
    ClaimFactory(status=Claim.Status.DRAFT)
    older = ClaimFactory(status=Claim.Status.IN_REVIEW)
    newer = ClaimFactory(status=Claim.Status.IN_REVIEW)
    Claim.objects.filter(pk=older.pk).update(updated_at=timezone.now() - timedelta(days=1))

    waiting = queue(reviewer, "in_review")

    assert waiting.count == 2
    assert [item.label for item in waiting.items] == [newer.text, older.text]
    assert waiting.url == "/admin/claims/claim/?status__exact=in_review"


def test_pending_suggestions_are_grouped_by_source(reviewer, demo):
    pending = QuoteSuggestion.objects.pending()
    sources = set(pending.values_list("source", flat=True))

    suggestions = queue(reviewer, "suggestions")

    assert suggestions.count >= pending.count() > 0
    assert len(suggestions.items) == min(len(sources), 5)
    first = suggestions.items[0]
    assert "quote" in first.detail and "status__exact=pending&source=" in first.url
    times = [item.when for item in suggestions.items]
    assert times == sorted(times, reverse=True)


def test_open_conflicts_and_flagged_claims_are_counted(reviewer):
    claim = ClaimFactory()
    ConflictFactory(claim=claim)
    source = SourceFactory()
    ReviewFlag.objects.create(claim=claim, source=source, reason="The source was corrected.")
    ReviewFlag.objects.create(claim=claim, source=source, reason="The source was retracted.")
    ReviewFlag.objects.create(
        claim=ClaimFactory(), reason="Cleared already.", cleared_at=timezone.now() + timedelta(seconds=1)
    )

    conflicts, flags = queue(reviewer, "conflicts"), queue(reviewer, "review_flags")

    assert conflicts.count == 1 and conflicts.items[0].label == claim.text
    assert flags.count == 1 and flags.items[0].detail == "2 flags"
    assert flags.url == "/admin/claims/claim/?needs_review=yes"


def test_a_staff_member_without_a_group_sees_no_queue(db):
    assert desk_queues(UserFactory()) == []


def test_the_admin_home_shows_the_desk(client, reviewer):
    ClaimFactory(status=Claim.Status.IN_REVIEW, text="Belgium expelled two Russian diplomats.")
    client.force_login(reviewer)

    page = client.get("/admin/").content.decode()

    assert "Claims in review" in page
    assert "Belgium expelled two Russian diplomats." in page
    assert "No conflict is open." in page
