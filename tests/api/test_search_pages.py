"""A search's pages on the API, claims:search and the home page: best first, stable, filtered, no drafts.

The claims come from the `search_tiers` fixture (tests/conftest.py): nine matches of "glacier melting",
three in each tier (sentence, explanation, quoted words), newest first within each.
"""

import base64

import pytest
from django.urls import reverse

from claims import search, views
from tests.factories import ClaimFactory, PublishedClaimFactory

pytestmark = pytest.mark.django_db

WORDS = "glacier melting"


def ranking(search_tiers) -> list[str]:
    return [claim.slug for tier in ("sentence", "explanation", "quotes") for claim in search_tiers[tier]]


def api_pages(client, params: dict) -> list[list[str]]:
    pages, response = [], client.get(reverse("api:claim-list"), params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([claim["slug"] for claim in body["results"]])
        if not body["next"]:
            return pages
        response = client.get(body["next"])


def test_the_api_search_pages_best_first_without_repeats_or_gaps(api, search_tiers):
    pages = api_pages(api, {"search": WORDS, "page_size": 4})

    assert pages == [ranking(search_tiers)[:4], ranking(search_tiers)[4:8], ranking(search_tiers)[8:]]


def test_the_api_search_goes_back_with_the_previous_link(api, search_tiers):
    first = api.get(reverse("api:claim-list"), {"search": WORDS, "page_size": 4}).json()
    second = api.get(first["next"]).json()
    back = api.get(second["previous"]).json()

    assert [claim["slug"] for claim in back["results"]] == ranking(search_tiers)[:4]
    assert first["previous"] is None and back["previous"] is None and back["next"]


def test_a_claim_published_between_two_api_pages_does_not_shift_the_next(api, search_tiers):
    first = api.get(reverse("api:claim-list"), {"search": WORDS, "page_size": 4}).json()
    PublishedClaimFactory(text="The glacier is melting today.")  # the best match now: before page one
    second = api.get(first["next"]).json()

    assert [claim["slug"] for claim in second["results"]] == ranking(search_tiers)[4:8]


def test_the_api_search_keeps_the_other_filters(api, search_tiers):
    old = search_tiers["explanation"][0]
    old.verdict = "false"
    old.save()

    assert api_pages(api, {"search": WORDS, "verdict": "false"}) == [[old.slug]]


def test_the_api_search_never_finds_drafts_but_staff_see_them_first_in_their_tier(api, as_role, search_tiers):
    draft = ClaimFactory(text="The glacier is melting, a draft says.")

    assert draft.slug not in [slug for page in api_pages(api, {"search": WORDS}) for slug in page]
    staff = [
        slug for page in api_pages(as_role("editor"), {"search": WORDS, "page_size": 2}) for slug in page
    ]
    assert staff == [draft.slug, *ranking(search_tiers)]


def test_an_explicit_ordering_replaces_the_ranking(api, search_tiers):
    pages = api_pages(api, {"search": WORDS, "ordering": "-id"})

    assert pages == [sorted(ranking(search_tiers), key=lambda slug: -_id(search_tiers, slug))]


def _id(search_tiers, slug: str) -> int:
    return next(claim.pk for tier in search_tiers.values() for claim in tier if claim.slug == slug)


@pytest.mark.parametrize(
    "position",
    ["9~~1", "1~yesterday~1", "1~2024-01-01T00:00:00~1", "1~2024-01-01T00:00:00+00:00~0", "x", "1~~1~1"],
)
def test_a_search_cursor_not_issued_by_the_server_is_a_400(api, search_tiers, position):
    cursor = base64.b64encode(f"p={position}".encode()).decode()
    response = api.get(reverse("api:claim-list"), {"search": WORDS, "cursor": cursor})

    assert response.status_code == 400 and "cursor" in response.json()["errors"]


def test_a_later_api_search_page_is_one_query(api, search_tiers, django_assert_num_queries):
    first = api.get(reverse("api:claim-list"), {"search": WORDS, "page_size": 4}).json()
    # Expect 1 query: the page of claims with their flags, the matches chosen tier by tier after the
    # cursor's position in a subquery.
    with django_assert_num_queries(1):
        second = api.get(first["next"]).json()

    assert len(second["results"]) == 4


def test_google_search_pages_best_first_through_its_tokens(api, search_tiers):
    texts, params = [], {"query": WORDS, "pageSize": 4}
    while True:
        body = api.get(reverse("factchecktools-search"), params).json()
        texts += [claim["text"] for claim in body.get("claims", [])]
        if "nextPageToken" not in body:
            break
        params["pageToken"] = body["nextPageToken"]

    expected = [claim.text for tier in ("sentence", "explanation", "quotes") for claim in search_tiers[tier]]
    assert texts == expected


def test_the_home_page_lists_a_search_best_first_and_counts_up_to_a_bound(client, search_tiers, monkeypatch):
    response = client.get(reverse("claims:home"), {"q": WORDS})
    assert [claim.slug for claim in response.context["page"]] == ranking(search_tiers)
    assert "9 claims" in response.text

    monkeypatch.setattr(search, "COUNTED_MATCHES", 4)
    monkeypatch.setattr(views, "CLAIMS_PER_PAGE", 2)
    second = client.get(reverse("claims:home"), {"q": WORDS, "page": 2, "verdict": "true"})
    assert [claim.slug for claim in second.context["page"]] == ranking(search_tiers)[2:4]
    assert "More than 4 claims match; the best 4 are listed" in second.text
    assert "Page 2 of 2" in second.text
