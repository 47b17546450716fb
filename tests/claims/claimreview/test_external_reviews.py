"""Other fact-checkers' reviews where readers, editors and API consumers meet them."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.claimreview.importer import import_claim_reviews
from claims.models import Claim, ExternalReview
from claims.verdicts import Verdict
from tests.factories import PublishedClaimFactory

pytestmark = pytest.mark.django_db

TEXT = "The Netherlands expelled 17 Russian intelligence officers in March 2022."


def afp_review(n: int = 1, **fields) -> dict:
    return {
        "@type": "ClaimReview",
        "url": f"https://factcheck.afp.com/reviews/{n}",
        "claimReviewed": TEXT,
        "author": {"@type": "Organization", "name": "AFP"},
        "reviewRating": {"alternateName": "Verdadero"},
        "datePublished": "2022-04-02",
        "inLanguage": "es",
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "NOS"}},
        **fields,
    }


def count_queries(client, url, **headers) -> tuple[int, object]:
    client.get(url, **headers)
    cache.clear()  # count the page's own queries, not the rendered copy's
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    return len(context), response


def test_claim_page_shows_other_fact_checkers_beside_our_verdict(client):
    claim = PublishedClaimFactory(text=TEXT, verdict=Verdict.MOSTLY_TRUE)
    import_claim_reviews([afp_review()])

    page = client.get(claim.get_absolute_url()).content.decode()

    assert "What other fact-checkers found" in page
    assert "AFP" in page and "Verdadero" in page and "on our scale: True" in page
    assert "Claim attributed to NOS" in page
    assert 'href="https://factcheck.afp.com/reviews/1"' in page
    assert "Mostly true" in page  # our own verdict stays


def test_claim_page_query_count_does_not_grow_with_reviews(client):
    claim = PublishedClaimFactory(text=TEXT)
    import_claim_reviews([afp_review()])
    one, _ = count_queries(client, claim.get_absolute_url())

    import_claim_reviews([afp_review(n) for n in range(2, 30)])
    many, response = count_queries(client, claim.get_absolute_url())

    assert claim.external_reviews.count() == 29
    assert response.content.decode().count("Read AFP") == 29
    assert one == many


def test_reviews_of_a_draft_claim_appear_nowhere_in_public(client):
    import_claim_reviews([afp_review()])
    draft = Claim.objects.get()
    assert draft.status == Claim.Status.DRAFT

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("api:claim-detail", args=[draft.slug])).status_code == 404
    feed = client.get(reverse("api:claimreview-feed"))
    assert json.loads(b"".join(feed.streaming_content))["dataFeedElement"] == []
    search = client.get(reverse("factchecktools-search"), {"query": "expelled", "languageCode": "es"})
    assert search.json() == {}


def test_api_claim_detail_lists_external_reviews_with_flat_query_count(client):
    claim = PublishedClaimFactory(text=TEXT)
    import_claim_reviews([afp_review(), afp_review(2, reviewRating={"alternateName": "Mezcla rara"})])
    url = reverse("api:claim-detail", args=[claim.slug])
    few, response = count_queries(client, url)

    reviews = response.json()["external_reviews"]
    assert [
        (r["reviewer"]["name"], r["rating_label"], r["verdict"], r["verdict_label"]) for r in reviews
    ] == [
        ("AFP", "Verdadero", "true", "True"),
        ("AFP", "Mezcla rara", "", "unmapped"),
    ]
    assert reviews[0]["claimant"]["name"] == "NOS"
    assert reviews[0]["language"] == "es" and reviews[0]["reviewed_on"] == "2022-04-02"

    import_claim_reviews(
        [
            afp_review(n, itemReviewed={"appearance": [{"url": f"https://x.example/{n}"}]})
            for n in range(3, 20)
        ]
    )
    many, _ = count_queries(client, url)
    assert few == many


def test_feed_endpoint_serves_published_verdicts_as_a_datafeed(client, demo):
    url = reverse("api:claimreview-feed")
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        feed = json.loads(b"".join(response.streaming_content))
    queries = len(context)

    assert feed["@type"] == "DataFeed"
    items = [element["item"][0] for element in feed["dataFeedElement"]]
    assert {item["claimReviewed"] for item in items} == set(
        Claim.objects.published().values_list("text", flat=True)
    )
    for item in items:
        assert item["@type"] == "ClaimReview"
        assert item["url"].startswith("http://testserver/claims/")
        assert item["reviewRating"]["alternateName"]
        assert item["author"]["name"] and item["datePublished"]
        assert item["itemReviewed"]["@type"] == "Claim"
    # The file's ETag (the latest change to any claim, the number of claims), the feed's validators, then
    # the published claims and their quotes with sources and speakers (one chunk) as the file is written
    # (no file yet, no worker): no query per claim.
    assert queries == 4
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_claims_search_lists_imported_reviews_and_filters_by_their_site_and_language(client):
    claim = PublishedClaimFactory(text=TEXT)
    import_claim_reviews([afp_review()])
    search = reverse("factchecktools-search")

    everything = client.get(search, {"query": "expelled"}).json()
    by_afp = client.get(search, {"reviewPublisherSiteFilter": "afp.com"}).json()
    in_spanish = client.get(search, {"query": "expelled", "languageCode": "es"}).json()
    elsewhere = client.get(search, {"reviewPublisherSiteFilter": "nytimes.com"}).json()

    publishers = [review["publisher"]["name"] for review in everything["claims"][0]["claimReview"]]
    assert publishers == ["Claim provenance tracker", "AFP"]
    assert by_afp["claims"][0]["text"] == claim.text
    assert by_afp["claims"][0]["claimReview"] == [
        {
            "publisher": {"name": "AFP", "site": "factcheck.afp.com"},
            "textualRating": "Verdadero",
            "url": "https://factcheck.afp.com/reviews/1",
            "reviewDate": "2022-04-02T00:00:00Z",
            "languageCode": "es",
        }
    ]
    assert in_spanish["claims"][0]["claimReview"][0]["languageCode"] == "es"
    assert elsewhere == {}


def admin_url(view, *args):
    return reverse(f"admin:claims_externalreview_{view}", args=args)


def test_admin_lists_and_shows_reviews_with_exact_queries(client, reviewer, django_assert_num_queries):
    client.force_login(reviewer)
    import_claim_reviews([afp_review(n) for n in range(1, 4)])
    review = ExternalReview.objects.first()
    claim_url = reverse("admin:claims_claim_change", args=[review.claim_id])
    for url in (admin_url("changelist"), admin_url("change", review.pk), claim_url):
        client.get(url)  # per-process caches (content types) fill on a first request
    # Session, user, permissions (2), the search's look-up of "AFP" field by field, the paginator's
    # count (no second count of all reviews), the page with claims and reviewers, the languages.
    with django_assert_num_queries(8):
        listing = client.get(admin_url("changelist"), {"mapped": "yes", "q": "AFP"})
    # Session, user, permissions (2), the review, its reviewer, claim, claimant and appearances.
    with django_assert_num_queries(9):
        page = client.get(admin_url("change", review.pk))
    # Session, user, permissions (2), the claim, its inlines (notes, flags, quotes, conflicts,
    # reviews), the provenance walk's quotes (none here, so nothing more to follow).
    with django_assert_num_queries(11):
        claim_page = client.get(claim_url)

    assert listing.status_code == 200 and listing.context["cl"].result_count == 3
    assert "Verdadero" in page.content.decode()
    assert "Other fact-checkers&#x27; reviews" in claim_page.content.decode()


def test_editor_places_an_unmapped_label_on_our_scale(client, editor):
    client.force_login(editor)
    import_claim_reviews([afp_review(reviewRating={"alternateName": "Mezcla rara"})])
    review = ExternalReview.objects.get()
    assert not review.is_mapped

    response = client.post(admin_url("change", review.pk), {"verdict": Verdict.MIXED})

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.verdict == Verdict.MIXED and review.rating_label == "Mezcla rara"
    assert review.history.first().history_user == editor
