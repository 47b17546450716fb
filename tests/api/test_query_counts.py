"""Every API read makes a fixed number of queries, however many rows it returns.

Each count is exact on the newsroom fixture (tests/newsroom.py): the claim has 10 quotes from 10
sources, and every list has at least 50 rows, all returned on one page (page_size=100), so a query
made once per row or per quote would add 10 to 100 to the count. Staff authenticate with a token as
real clients do: one more query, the token with its user; what they see differs (drafts, retracted
claims, sources only drafts quote), what it costs does not.
"""

import gzip
import json

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.claimreview import export
from claims.models import Claim, Conflict, Quote
from sources.models import Actor, Citation
from tests.factories import PublishedClaimFactory, QuoteFactory
from tests.newsroom import QUOTED

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff"]
ALL = "?page_size=100"


@pytest.fixture
def client_as(reviewer):
    def client(role: str) -> APIClient:
        client = APIClient()
        if role == "staff":
            client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reviewer).key}")
        return client

    return client


def token(role: str) -> int:
    """Staff send a token: one query reads it with its user."""
    return 1 if role == "staff" else 0


def token_and_permissions(role: str) -> int:
    """Staff send a token (one query), and what they may see follows their permissions: two more load
    them, the user's own and their groups'."""
    return 3 if role == "staff" else 0


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize("role", ROLES)
def test_claim_list(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 1 query (+ the token and the permissions): the page of claims with their flags.
    with django_assert_num_queries(1 + token_and_permissions(role)):
        response = client.get(f"/api/v1/claims/{ALL}")

    # Anonymous clients see the 51 published claims and the retracted one (without its verdict);
    # staff also the draft.
    assert len(results(response)) == (52 if role == "anonymous" else 53)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "query",
    [
        "search=expelled",
        "verdict=true&contested=true",
        "actor={speaker}",
        "source={source}",
        "language=en&updated_since=2020-01-01T00:00:00Z",
    ],
)
def test_claim_list_filtered(client_as, newsroom, role, query, django_assert_num_queries):
    client = client_as(role)
    query = query.format(speaker=newsroom.speakers[0].pk, source=newsroom.sources[0].pk)
    # Expect 1 query (+ the token and the permissions): each filter is a condition of the page's query.
    with django_assert_num_queries(1 + token_and_permissions(role)):
        response = client.get(f"/api/v1/claims/{ALL}&{query}")

    assert results(response)


@pytest.mark.parametrize("role", ROLES)
def test_claim_detail(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 5 queries (+ the token and the permissions):
    # 1. the claim with its contested flag, its validator (its id, version and last change) and whether it
    #    has any conflict, correction note and external review (claims/api/claim_record.py)
    # 2. its quotes with their sources (without their text), publishers and speakers
    # 3. its conflicts with the ids of their quotes
    # 4. its correction notes
    # 5. other fact-checkers' reviews with reviewer, claimant and appearances (their URLs)
    with django_assert_num_queries(5 + token_and_permissions(role)):
        response = client.get(f"/api/v1/claims/{newsroom.claim.slug}/")

    claim = response.json()
    assert len(claim["quotes"]) == QUOTED and len(claim["external_reviews"]) == 3
    assert {len(review["appearances"]) for review in claim["external_reviews"]} == {2}


@pytest.mark.parametrize("role", ROLES)
def test_claim_detail_without_conflicts_notes_or_reviews(
    client_as, newsroom, role, django_assert_num_queries
):
    claim = PublishedClaimFactory()
    QuoteFactory(claim=claim, source=newsroom.sources[0])
    client = client_as(role)
    # Expect 2 queries (+ the token and the permissions): the claim, whose row says it has no conflict,
    # correction note or external review (nothing more is asked for them), and its quotes.
    with django_assert_num_queries(2 + token_and_permissions(role)):
        response = client.get(f"/api/v1/claims/{claim.slug}/")

    record = response.json()
    assert len(record["quotes"]) == 1
    assert record["conflicts"] == record["corrections"] == record["external_reviews"] == []


@pytest.mark.parametrize("role", ROLES)
def test_claim_detail_not_modified(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    etag = client.get(f"/api/v1/claims/{newsroom.claim.slug}/")["ETag"]
    # Expect 1 query (+ the token and the permissions): the claim with its contested flag, for its validator; nothing
    # else is loaded.
    with django_assert_num_queries(1 + token_and_permissions(role)):
        response = client.get(f"/api/v1/claims/{newsroom.claim.slug}/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304 and response["ETag"] == etag


@pytest.mark.parametrize("role", ROLES)
def test_claim_detail_not_modified_with_the_shared_cache(
    client_as, newsroom, role, shared_cache, django_assert_num_queries
):
    client = client_as(role)
    etag = client.get(f"/api/v1/claims/{newsroom.claim.slug}/")["ETag"]
    # Expect no query for a reader: the claim's validator is kept in the shared cache
    # (claims/validator_cache.py). Staff: the token, the permissions and the claim, from the database.
    with django_assert_num_queries(0 if role == "anonymous" else 1 + token_and_permissions(role)):
        response = client.get(f"/api/v1/claims/{newsroom.claim.slug}/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304 and response["ETag"] == etag


@pytest.mark.parametrize("role", ROLES)
def test_claim_detail_with_the_shared_cache(
    client_as, newsroom, role, shared_cache, django_assert_num_queries
):
    client = client_as(role)
    client.get(f"/api/v1/claims/{newsroom.claim.slug}/")
    # Expect 5 queries (+ the token and the permissions), as without the shared cache (test_claim_detail):
    # the claim with its contested flag, its quotes, conflicts, correction notes, and reviews with their
    # appearances. A reader's validator comes from the cache, but the record needs the claim's row all the same.
    with django_assert_num_queries(5 + token_and_permissions(role)):
        response = client.get(f"/api/v1/claims/{newsroom.claim.slug}/")

    assert response.status_code == 200 and len(response.json()["quotes"]) == QUOTED


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["provenance", "prov"])
def test_claim_provenance(client_as, newsroom, role, action, django_assert_num_queries):
    client = client_as(role)
    # Expect 4 queries (+ the token and the permissions): the claim; the walk: its quotes with their sources (text
    # included) and speakers, the citations of the quoted sources with what they cite, the authors
    # of the cited sources. The ten sources cite each other, so the walk needs one level.
    with django_assert_num_queries(4 + token_and_permissions(role)):
        response = client.get(f"/api/v1/claims/{newsroom.claim.slug}/{action}/")

    assert response.status_code == 200
    if action == "provenance":
        assert len(response.json()["appearances"]) == QUOTED
    else:
        assert len(response.json()["entity"]) == QUOTED + 1  # the sources and the claim


@pytest.mark.parametrize("role", ROLES)
def test_claim_claimreview(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 2 queries (+ the token): the published claim, its quotes with sources, publishers and speakers.
    with django_assert_num_queries(2 + token(role)):
        response = client.get(f"/api/v1/claims/{newsroom.claim.slug}/claimreview/")

    assert response.status_code == 200
    assert len(response.json()["itemReviewed"]["appearance"]) == QUOTED


@pytest.mark.parametrize(("chunk_size", "queries"), [(500, 4), (20, 8), (17, 9)])
def test_claimreview_feed(client_as, newsroom, django_assert_num_queries, monkeypatch, chunk_size, queries):
    monkeypatch.setattr(export, "CHUNK_SIZE", chunk_size)
    client = client_as("anonymous")
    # The first request finds no file and no worker (eager tasks), so it writes the file, then serves it.
    # Expect 2 queries, then 2 per chunk of CHUNK_SIZE claims while the file is written: the latest change to
    # a published claim and the number of published claims (the file's ETag, one query); the feed's validators (its newest
    # change, for its dateModified, in one aggregate); for each chunk, the next published claims in the
    # feed's order, and their quotes with sources, publishers and speakers. A chunk shorter than CHUNK_SIZE
    # is the last. The 51 claims: one chunk of 500 (2 + 2); chunks of 20, 20 and 11 (2 + 3 × 2); chunks of
    # 17, 17, 17 and an empty one, which has no quotes to ask for (2 + 3 × 2 + 1).
    with django_assert_num_queries(queries):
        response = client.get("/api/v1/claimreview-feed/")
        content = b"".join(response.streaming_content)

    assert response.status_code == 200 and len(json.loads(content)["dataFeedElement"]) == 51
    # Expect 1 query: the latest change to a published claim and the number of published claims, which say
    # the file is current; its bytes come from disk (the gzip copy's too).
    with django_assert_num_queries(1):
        again = client.get("/api/v1/claimreview-feed/")
        assert b"".join(again.streaming_content) == content
    with django_assert_num_queries(1):
        packed = client.get("/api/v1/claimreview-feed/", HTTP_ACCEPT_ENCODING="gzip")
        assert gzip.decompress(b"".join(packed.streaming_content)) == content


def test_google_compatible_search(client_as, newsroom, django_assert_num_queries):
    client = client_as("anonymous")
    # Expect 3 queries: the page of matching published claims, their quotes with sources,
    # publishers and speakers, their external reviews with reviewers.
    with django_assert_num_queries(3):
        response = client.get("/v1alpha1/claims:search?query=expelled&pageSize=100")

    assert response.status_code == 200 and len(response.json()["claims"]) == 51


@pytest.mark.parametrize("role", ROLES)
def test_quote_list(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 1 query (+ the token and the permissions): the page of quotes with their claims, sources and speakers.
    with django_assert_num_queries(1 + token_and_permissions(role)):
        response = client.get(f"/api/v1/quotes/{ALL}")

    public = Quote.objects.filter(claim__status__in=Claim.PUBLIC_STATUSES).count()
    assert len(results(response)) == min(100, public if role == "anonymous" else Quote.objects.count())


@pytest.mark.parametrize("role", ROLES)
def test_quote_list_of_a_claim(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 1 query (+ the token and the permissions): the claim's quotes, filtered by its slug in the same query.
    with django_assert_num_queries(1 + token_and_permissions(role)):
        response = client.get(f"/api/v1/quotes/{ALL}&claim={newsroom.claim.slug}")

    assert len(results(response)) == QUOTED


@pytest.mark.parametrize("role", ROLES)
def test_quote_detail(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    quote = newsroom.claim.quotes.order_by("pk").first()
    # Expect 1 query (+ the token and the permissions): the quote with its claim, source and speaker.
    with django_assert_num_queries(1 + token_and_permissions(role)):
        response = client.get(f"/api/v1/quotes/{quote.pk}/")

    assert response.status_code == 200 and response.json()["claim"] == newsroom.claim.slug


@pytest.mark.parametrize("role", ROLES)
def test_conflict_list(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 2 queries (+ the token and the permissions): the page of conflicts with claims and resolvers, their quotes
    # with sources, publishers and speakers.
    with django_assert_num_queries(2 + token_and_permissions(role)):
        response = client.get(f"/api/v1/conflicts/{ALL}")

    assert len(results(response)) == Conflict.objects.count() == 52


@pytest.mark.parametrize("role", ROLES)
def test_conflict_detail(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 2 queries (+ the token and the permissions): the conflict with its claim and resolver, its quotes.
    with django_assert_num_queries(2 + token_and_permissions(role)):
        response = client.get(f"/api/v1/conflicts/{newsroom.conflict.pk}/")

    assert response.status_code == 200 and len(response.json()["quotes"]) >= 2


@pytest.mark.parametrize("role", ROLES)
def test_source_list(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 1 query (+ the token and the permissions): the page of sources (without their text) with publishers.
    with django_assert_num_queries(1 + token_and_permissions(role)):
        response = client.get(f"/api/v1/sources/{ALL}")

    # Anonymous clients do not see the source only a draft quotes.
    assert len(results(response)) == (60 if role == "anonymous" else 61)


@pytest.mark.parametrize("role", ROLES)
def test_source_detail(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 3 queries (+ the token and the permissions): the source with its publisher, its authors, its citations
    # with the actors they cite.
    with django_assert_num_queries(3 + token_and_permissions(role)):
        response = client.get(f"/api/v1/sources/{newsroom.sources[0].pk}/")

    assert response.status_code == 200 and len(response.json()["citations"]) == 1


@pytest.mark.parametrize("role", ROLES)
def test_actor_list(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 2 queries (+ the token and the permissions): the page of actors, their aliases.
    with django_assert_num_queries(2 + token_and_permissions(role)):
        response = client.get(f"/api/v1/actors/{ALL}")

    # Anonymous clients do not see the fact-checkers, whom no public source quotes or cites.
    assert len(results(response)) == (71 if role == "anonymous" else Actor.objects.count())


@pytest.mark.parametrize("role", ROLES)
def test_actor_list_by_name(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 2 queries (+ the token and the permissions): the actors going by that name or alias, their aliases.
    with django_assert_num_queries(2 + token_and_permissions(role)):
        response = client.get(f"/api/v1/actors/{ALL}&name=Minister 0 alias")

    assert [actor["name"] for actor in results(response)] == ["Minister 0"]


@pytest.mark.parametrize("role", ROLES)
def test_actor_detail(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 2 queries (+ the token and the permissions): the actor, its aliases.
    with django_assert_num_queries(2 + token_and_permissions(role)):
        response = client.get(f"/api/v1/actors/{newsroom.speakers[0].pk}/")

    assert response.status_code == 200 and response.json()["aliases"]


@pytest.mark.parametrize("role", ROLES)
def test_citation_list(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    # Expect 1 query (+ the token and the permissions): the page of citations (ids only for what they link).
    with django_assert_num_queries(1 + token_and_permissions(role)):
        response = client.get(f"/api/v1/citations/{ALL}")

    assert len(results(response)) == Citation.objects.count() == 60


@pytest.mark.parametrize("role", ROLES)
def test_citation_detail(client_as, newsroom, role, django_assert_num_queries):
    client = client_as(role)
    citation = newsroom.sources[0].citations.get()
    # Expect 1 query (+ the token and the permissions): the citation, if both its ends are public.
    with django_assert_num_queries(1 + token_and_permissions(role)):
        response = client.get(f"/api/v1/citations/{citation.pk}/")

    assert response.status_code == 200 and response.json()["cited_source"] == newsroom.sources[1].pk
