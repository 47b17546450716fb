"""The list flags read their partial indexes, so flagging a page of claims costs a few index probes."""

import pytest
from django.db import connection

from claims.models import Claim, Conflict, Quote, ReviewFlag

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="plans are PostgreSQL's"),
]


def plan(queryset) -> str:
    with connection.cursor() as cursor:
        # Empty test tables are cheapest to scan whole and sort; what matters is that the index can serve
        # the query and its order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    return queryset.explain()


@pytest.mark.parametrize(
    ("flag", "index"),
    [
        ("has_unverified", "quote_unverified_idx"),
        ("contested", "conflict_open_idx"),
        ("needs_review", "reviewflag_open_idx"),
    ],
)
def test_each_flag_filter_reads_its_partial_index(flag, index):
    assert index in plan(Claim.objects.with_flags().filter(**{flag: True}))


@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: Quote.objects.unverified(), "quote_unverified_idx"),
        (lambda: Conflict.objects.open(), "conflict_open_idx"),
        (lambda: ReviewFlag.objects.open(), "reviewflag_open_idx"),
    ],
)
def test_each_flag_queryset_reads_its_partial_index(queryset, index):
    assert index in plan(queryset().values("claim"))


def test_the_home_page_reads_the_latest_published_claims_from_their_index():
    claims = Claim.objects.published().with_flags().with_quote_count().order_by("-published_at")

    assert "claim_public_published_idx" in plan(claims[:20])


def test_the_feed_reads_the_latest_reviewed_claims_from_their_index():
    from claims.feeds import PublishedClaimsFeed

    assert "claim_feed_reviewed_idx" in plan(PublishedClaimsFeed().items())


def test_each_search_tier_is_read_in_the_order_of_the_published_claims_index():
    from claims.search import TIER_CONDITIONS, TIERS, search_claims

    matches = search_claims(Claim.objects.published(), "expelled")
    for tier in TIERS:
        branch = matches.filter(**TIER_CONDITIONS[tier]).order_by("-published_at", "-id")
        assert "claim_public_published_idx" in plan(branch.values("pk")[:21])
