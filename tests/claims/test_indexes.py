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
    # Unordered, as the flags' EXISTS read them (ordered, the conflicts' own order has its index too).
    assert index in plan(queryset().order_by().values("claim"))


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


def admin_page(model, query: str = ""):
    """The queryset of the first page of `model`'s admin changelist, as the admin orders it."""
    from django.contrib import admin
    from django.contrib.auth.models import User
    from django.test import RequestFactory

    request = RequestFactory().get("/", dict([query.split("=")]) if query else {})
    request.user = User(is_superuser=True, is_staff=True)
    changelist = admin.site._registry[model].get_changelist_instance(request)
    return changelist.get_queryset(request)[:100]


@pytest.mark.parametrize(
    ("model", "index"),
    [
        # The sources, newest first, and the quotes, in their sources' order: both from the sources' dates.
        ("sources.Source", "source_published_idx"),
        ("claims.Quote", "source_published_idx"),
        ("claims.Conflict", "conflict_opened_idx"),
    ],
)
def test_each_admin_list_reads_its_page_in_order_from_an_index(model, index):
    from django.apps import apps

    assert index in plan(admin_page(apps.get_model(model)))


def test_a_common_word_in_quotes_is_checked_claim_by_claim_not_hashed(monkeypatch):
    from sources import admin_search

    monkeypatch.setattr(admin_search, "FEW_MATCHES", -1)  # every word takes the common word's path

    explained = plan(admin_page(Claim, "q=expelled"))

    assert "SubPlan" in explained and "hashed SubPlan" not in explained
