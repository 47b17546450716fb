"""The public pages make a fixed number of queries, however many claims, quotes and sources they show.

Each count is exact on the newsroom fixture (tests/newsroom.py: a claim quoted by 10 sources, 50 more
claims): a query made once per row would add 10 or 20 to it.
"""

import pytest
from django.core.cache import cache

from tests.newsroom import QUOTED

pytestmark = pytest.mark.django_db

CLAIMS_PER_PAGE = 20


def listed(response) -> int:
    return len(response.context["page"])


def test_home(client, newsroom, django_assert_num_queries):
    cache.clear()
    # Expect 3 queries: the latest change to any claim (the key the count, and past page 10 the map of
    # pages, are kept under), the count of the published claims, the page of 20 with their flags and
    # quote counts (their ids chosen in a subquery).
    with django_assert_num_queries(3):
        response = client.get("/")

    assert response.status_code == 200 and listed(response) == CLAIMS_PER_PAGE


def test_home_second_page(client, newsroom, django_assert_num_queries):
    cache.clear()
    client.get("/")
    # Expect 2 queries: the latest change to any claim, the second page of claims; the count is kept.
    with django_assert_num_queries(2):
        response = client.get("/?page=2")

    assert response.status_code == 200 and listed(response) == CLAIMS_PER_PAGE


def test_home_deep_page(client, newsroom, django_assert_num_queries):
    cache.clear()
    # Expect 3 queries: the latest change, the count, the last page (its ids chosen in a subquery, walked
    # from the nearer end: a map of pages is read only past page 10, tests/claims/test_paging.py).
    with django_assert_num_queries(3):
        response = client.get("/?page=3")

    assert response.status_code == 200 and listed(response) == 51 - 2 * CLAIMS_PER_PAGE


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Count (up to 1,001 matches), page: the search is part of both claim queries.
        ("q=expelled", 2),
        # Latest change, count, page: the verdict is a condition of both claim queries.
        ("verdict=true", 3),
        # Latest change, count, page: the open-conflict flag is already annotated.
        ("contested=yes", 3),
        # Count, page: all three filters at once, a search.
        ("q=expelled&verdict=true&contested=yes", 2),
    ],
)
def test_home_filtered(client, newsroom, query, expected, django_assert_num_queries):
    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(f"/?{query}")

    assert response.status_code == 200 and response.context["searching"]


def test_home_filtered_by_actor(client, newsroom, django_assert_num_queries):
    cache.clear()
    # Expect 4 queries: the public actors going by that name or alias (validating the form), the latest
    # change to any claim, the count, the page of claims quoting them.
    with django_assert_num_queries(4):
        response = client.get("/?actor=Minister 0 alias")

    assert response.status_code == 200 and listed(response) == 6  # the claim and 5 of the 50


def test_claim_page(client, newsroom, django_assert_num_queries):
    # Expect 9 queries:
    # 1. the claim with its flags, and so its validator (its id, version and last change)
    # 2. its quotes with their sources (text included), publishers and speakers
    # 3. its conflicts
    # 4. which quotes each conflict holds
    # 5. its correction notes
    # 6. other fact-checkers' reviews with reviewer and claimant
    # 7. related claims
    # 8-9. provenance, from the quotes already loaded: the citations of the quoted sources (with what
    #    they cite), the authors of the cited sources
    with django_assert_num_queries(9):
        response = client.get(f"/claims/{newsroom.claim.slug}/")

    assert response.status_code == 200
    assert len(response.context["quotes"]) == QUOTED
    assert len(response.context["open_conflicts"]) == 1
    assert len(response.context["external_reviews"]) == 3


def test_claim_page_cached(client, newsroom, django_assert_num_queries):
    first = client.get(f"/claims/{newsroom.claim.slug}/")
    # Expect 1 query: the claim with its flags, for its validator; the page rendered for it comes from the
    # process's own cache.
    with django_assert_num_queries(1):
        again = client.get(f"/claims/{newsroom.claim.slug}/")

    assert again.status_code == 200 and again.content == first.content


def test_claim_page_not_modified(client, newsroom, django_assert_num_queries):
    etag = client.get(f"/claims/{newsroom.claim.slug}/")["ETag"]
    cache.clear()
    # Expect 1 query: the claim with its flags, for its validator, which the reader already holds.
    with django_assert_num_queries(1):
        response = client.get(f"/claims/{newsroom.claim.slug}/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304 and response["ETag"] == etag


def test_claim_page_cached_in_the_shared_cache(client, newsroom, shared_cache, django_assert_num_queries):
    first = client.get(f"/claims/{newsroom.claim.slug}/")
    # Expect no query: the claim's validator and the page rendered for it are both kept in the shared
    # cache under the claim's token (claims/validator_cache.py), read in one round trip.
    with django_assert_num_queries(0):
        again = client.get(f"/claims/{newsroom.claim.slug}/")

    assert again.status_code == 200 and again.content == first.content


def test_claim_page_not_modified_from_the_shared_cache(
    client, newsroom, shared_cache, django_assert_num_queries
):
    etag = client.get(f"/claims/{newsroom.claim.slug}/")["ETag"]
    # Expect no query: the validator the reader holds is kept in the shared cache.
    with django_assert_num_queries(0):
        response = client.get(f"/claims/{newsroom.claim.slug}/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304 and response["ETag"] == etag


def test_claim_page_revalidated_with_another_etag_from_the_shared_cache(
    client, newsroom, shared_cache, django_assert_num_queries
):
    first = client.get(f"/claims/{newsroom.claim.slug}/")
    # Expect no query: the validator, then (the reader's copy being another) the kept page, from the cache.
    with django_assert_num_queries(0):
        again = client.get(f"/claims/{newsroom.claim.slug}/", HTTP_IF_NONE_MATCH='"another"')

    assert again.status_code == 200 and again.content == first.content


def test_claim_page_with_the_shared_cache(client, newsroom, shared_cache, django_assert_num_queries):
    # Expect 9 queries, as without the shared cache (test_claim_page); the validator is kept from the first.
    with django_assert_num_queries(9):
        response = client.get(f"/claims/{newsroom.claim.slug}/")

    assert response.status_code == 200 and len(response.context["quotes"]) == QUOTED


def test_retracted_claim_page(client, newsroom, django_assert_num_queries):
    # Expect 7 queries: the claim with its flags (its validator among them), its quotes, conflicts, conflict
    # quotes, notes, external reviews and related claims; no verdict markup and no provenance for a
    # retracted claim.
    with django_assert_num_queries(7):
        response = client.get(f"/claims/{newsroom.retracted.slug}/")

    assert response.status_code == 200 and "json_ld" not in response.context


def test_source_page(client, newsroom, django_assert_num_queries):
    source = newsroom.sources[0]  # quoted by the claim and the retracted one, cited by 5 others
    # Expect 5 queries: the source (if public) with its publisher, its authors, its public quotes
    # with claim and speaker, what it cites, who cites it.
    with django_assert_num_queries(5):
        response = client.get(f"/sources/{source.pk}/")

    assert response.status_code == 200
    assert len(response.context["cited_by"]) == 5


def test_actor_page(client, newsroom, django_assert_num_queries):
    speaker = newsroom.speakers[0]
    # Expect 4 queries: the actor (if public), its aliases, the public quotes it spoke with their
    # claims and sources, the public sources it published.
    with django_assert_num_queries(4):
        response = client.get(f"/actors/{speaker.pk}/")

    assert response.status_code == 200 and len(response.context["quotes"]) == 6


def test_publisher_page(client, newsroom, django_assert_num_queries):
    publisher = newsroom.publishers[0]
    # Expect 4 queries: the actor, its aliases, the quotes it spoke (none), the sources it published.
    with django_assert_num_queries(4):
        response = client.get(f"/actors/{publisher.pk}/")

    assert response.status_code == 200 and len(response.context["sources"]) == 1


def test_feed(client, newsroom, django_assert_num_queries):
    # Expect 3 queries: the latest change to any claim (the key of the written feed in the cache), the
    # latest 50 public claims, their correction and retraction notes.
    with django_assert_num_queries(3):
        response = client.get("/feed.atom")

    assert response.status_code == 200 and response.content.count(b"<entry>") == 50


def test_feed_cached(client, newsroom, django_assert_num_queries):
    first = client.get("/feed.atom")
    # Expect 1 query: the latest change to any claim; the feed written for it comes from the cache.
    with django_assert_num_queries(1):
        again = client.get("/feed.atom")

    assert again.content == first.content and again["Content-Type"] == first["Content-Type"]
    assert again["Last-Modified"] == first["Last-Modified"]


def test_sitemap_index(client, newsroom, django_assert_num_queries):
    # Expect 5 queries: the latest change to any claim (the key of the written index in the cache), the
    # last public change, then the largest claim, source and actor ids (the sections are paged by id ranges).
    with django_assert_num_queries(5):
        response = client.get("/sitemap.xml")

    assert response.status_code == 200 and b"/sitemap-claims.xml" in response.content


def test_sitemap_index_cached(client, newsroom, django_assert_num_queries):
    first = client.get("/sitemap.xml")
    # Expect 1 query: the latest change to any claim; the index written for it comes from the cache.
    with django_assert_num_queries(1):
        again = client.get("/sitemap.xml")

    assert again.content == first.content and again["Content-Type"] == first["Content-Type"]


def test_sitemap_claims(client, newsroom, django_assert_num_queries):
    # Expect 3 queries: the latest change to any claim (the key of the written file in the cache), the
    # largest claim id (is the page there?), the slugs and dates of the published and retracted claims
    # in the page's id range.
    with django_assert_num_queries(3):
        response = client.get("/sitemap-claims.xml")

    assert response.status_code == 200
    assert response.content.count(b"/claims/") == 52  # the 51 published and the retracted one
    assert b"/claims/" + newsroom.draft.slug.encode() not in response.content


def test_sitemap_file_cached(client, newsroom, django_assert_num_queries):
    first = client.get("/sitemap-sources.xml")
    # Expect 1 query: the latest change to any claim; the file written for that change comes from the
    # cache (a page kept there exists: the section's largest id is only asked for when a file is written).
    with django_assert_num_queries(1):
        again = client.get("/sitemap-sources.xml")

    assert again.content == first.content and b"/sources/" in again.content


def test_robots_txt(client, django_assert_num_queries):
    # Expect no query.
    with django_assert_num_queries(0):
        response = client.get("/robots.txt")

    assert response.status_code == 200
