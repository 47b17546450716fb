"""The list's numbered pages show the same claims at any depth as reading the list with OFFSET would."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim
from claims.paging import ClaimListPaginator
from claims.views import listed_claims
from tests.factories import ClaimFactory, PublishedClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db

VERDICTS = ["true", "false", "mixed"]


@pytest.fixture
def claims(db):
    """45 published claims, three to a moment (so ids break ties), of three verdicts; and drafts."""
    moment = timezone.now()
    published = [
        PublishedClaimFactory(published_at=moment - timedelta(hours=n // 3), verdict=VERDICTS[n % 3])
        for n in range(45)
    ]
    for _ in range(3):
        ClaimFactory(status=Claim.Status.DRAFT)
    return published


def listing():
    """The home page's list, as its view builds it."""
    return listed_claims()


def pages(paginator):
    return [[claim.pk for claim in paginator.page(n)] for n in paginator.page_range]


class EveryTwoPages(ClaimListPaginator):
    map_every = 2


@pytest.mark.parametrize(
    "narrow",
    [
        lambda claims: claims,
        lambda claims: claims.filter(verdict="false"),
        lambda claims: claims.filter(contested=False),
        lambda claims: claims.exclude(verdict="mixed"),
    ],
    ids=["all", "verdict", "contested", "two-verdicts"],
)
@pytest.mark.parametrize("per_page", [1, 2, 3])
def test_every_page_shows_what_offset_would_at_any_depth(claims, narrow, per_page):
    expected = pages(Paginator(narrow(listing()), per_page))

    assert pages(EveryTwoPages(narrow(listing()), per_page)) == expected
    assert pages(EveryTwoPages(narrow(listing()), per_page)) == expected  # again, from the kept map
    assert len(expected) > 2 * 2  # deep enough that pages past several boundaries were read


def test_pages_follow_a_claim_published_after_the_map_was_kept(claims):
    EveryTwoPages(listing(), 2).page(10)  # the map of the list as it was
    PublishedClaimFactory(published_at=timezone.now() + timedelta(hours=1))

    assert pages(EveryTwoPages(listing(), 2)) == pages(Paginator(listing(), 2))


def test_a_list_with_empty_order_values_is_read_without_a_map(claims):
    # Drafts have no publication time: where they sort differs by database, so no map is kept.
    everything = Claim.objects.order_by("-published_at", "-id")

    assert pages(EveryTwoPages(everything, 2)) == pages(Paginator(everything, 2))
    assert EveryTwoPages(everything, 2)._boundaries() == []


def test_home_pages_at_depth_with_filters_show_the_same_claims(client, claims, monkeypatch):
    monkeypatch.setattr(ClaimListPaginator, "map_every", 1)  # a boundary every page of 20
    for claim in claims[:5]:
        QuoteFactory(claim=claim)
    newest_first = sorted(claims, key=lambda claim: (claim.published_at, claim.pk), reverse=True)

    for filters, shown in [
        ({}, newest_first),
        ({"verdict": "false"}, [c for c in newest_first if c.verdict == "false"]),
    ]:
        for page in range(1, len(shown) // 20 + 2):
            response = client.get(reverse("claims:home"), {**filters, "page": page})
            assert [claim.pk for claim in response.context["page"]] == [
                c.pk for c in shown[(page - 1) * 20 : page * 20]
            ]


def test_a_deep_page_reads_the_map_once_per_change(client, claims, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(ClaimListPaginator, "map_every", 1)
    cache.clear()
    # Expect 4 queries: the latest change to any claim (the key the count and map are kept under), the
    # count, the map (one pass of the index), the page of 20 (its ids sought from the boundary before it).
    with django_assert_num_queries(4):
        response = client.get(reverse("claims:home"), {"page": 3})
    assert len(response.context["page"]) == 5
    # Expect 2 queries: the latest change, the page; the count and map are kept.
    with django_assert_num_queries(2):
        client.get(reverse("claims:home"), {"page": 2})


def test_ids_of_a_list_are_its_ids_without_its_annotations(claims):
    """ids_of() is values("pk") without carrying the annotations: the same SQL, filters on them kept."""
    from claims.paging import ids_of

    narrowed = listing().filter(contested=False, verdict="true")
    assert str(ids_of(narrowed).query) == str(narrowed.values("pk").query)
    assert not ids_of(narrowed).query.annotations
    assert [row["pk"] for row in ids_of(narrowed)] == [claim.pk for claim in narrowed]


def test_an_earlier_filtered_request_leaves_the_home_list_whole(client, claims):
    """The list's queryset is built once per process (claims/views.py): a filtered request leaves it whole."""
    client.get(reverse("claims:home"), {"verdict": "true", "q": "x"})
    response = client.get(reverse("claims:home"))
    assert response.context["page"].paginator.count == 45
