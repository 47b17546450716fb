"""Google's own API client, built from Google's discovery document, talking to our claims:search."""

import json
from pathlib import Path
from urllib.parse import urlsplit

import httplib2
import pytest
from django.test import Client
from django.urls import reverse
from googleapiclient.discovery import build_from_document
from googleapiclient.errors import HttpError

from claims.models import Claim
from tests.factories import PublishedClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db

DISCOVERY = Path(__file__).resolve().parents[3] / "shared" / "data" / "factchecktools.v1alpha1.discovery.json"


class DjangoHttp:
    """An httplib2-compatible transport that hands the client's requests to this Django app."""

    def __init__(self):
        self.client = Client()
        self.requests: list[str] = []

    def request(self, uri, method="GET", body=None, headers=None, redirections=5, connection_type=None):
        parts = urlsplit(uri)
        self.requests.append(uri)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in (headers or {}).items()}
        response = self.client.generic(method, path, body or "", **extra)
        return httplib2.Response(
            {"status": str(response.status_code), **dict(response.items())}
        ), response.content


@pytest.fixture
def factchecktools():
    if not DISCOVERY.exists():
        pytest.skip(f"Google's discovery document is expected at {DISCOVERY}")
    http = DjangoHttp()
    service = build_from_document(
        json.loads(DISCOVERY.read_text()),
        http=http,
        developerKey="not-needed-here",
        client_options={"api_endpoint": "http://testserver/"},
    )
    return service, http


def test_google_client_pages_through_every_match(factchecktools, demo):
    service, http = factchecktools
    for n in range(4):
        QuoteFactory(claim=PublishedClaimFactory(text=f"Russia expelled diplomats, report {n}."))
    expected = {claim.text for claim in Claim.objects.published() if "expelled" in claim.text.lower()}

    seen, request, pages = [], service.claims().search(query="expelled", pageSize=2), 0
    while request is not None:
        response = request.execute()
        seen += [claim["text"] for claim in response.get("claims", [])]
        request, pages = service.claims().search_next(request, response), pages + 1

    assert set(seen) == expected and len(seen) == len(expected)
    assert pages == 4  # 7 claims, 2 a page
    assert urlsplit(http.requests[0]).path == "/v1alpha1/claims:search"


def test_google_client_reads_our_reviews_field_by_field(factchecktools, demo):
    service, _ = factchecktools

    response = service.claims().search(query="seventeen expelled", languageCode="en-US").execute()

    (claim,) = response["claims"]
    assert claim["text"] == "The Netherlands expelled 17 Russian intelligence officers in March 2022."
    assert claim["claimant"] == "NOS"
    (review,) = claim["claimReview"]
    assert review["publisher"] == {"name": "Claim provenance tracker", "site": "testserver"}
    assert (
        review["url"]
        == "http://testserver/claims/netherlands-expelled-17-russian-intelligence-officers-march-2022/"
    )
    assert review["textualRating"] == "True" and review["languageCode"] == "en"
    assert review["reviewDate"].endswith("Z")


def test_publisher_site_filter(factchecktools, demo):
    service, _ = factchecktools

    ours = service.claims().search(reviewPublisherSiteFilter="testserver").execute()
    theirs = service.claims().search(reviewPublisherSiteFilter="nytimes.com").execute()

    assert len(ours["claims"]) == Claim.objects.published().count()
    assert theirs == {}


def test_language_and_age_filters(factchecktools, demo):
    service, _ = factchecktools

    assert service.claims().search(query="expelled", languageCode="nl").execute() == {}
    assert "claims" in service.claims().search(query="expelled", maxAgeDays=1).execute()
    Claim.objects.update(published_at="2020-01-01T00:00:00Z")
    assert service.claims().search(query="expelled", maxAgeDays=30).execute() == {}


def test_offset_skips_results(factchecktools, demo):
    service, _ = factchecktools

    everything = service.claims().search(query="expelled").execute()["claims"]
    skipped = service.claims().search(query="expelled", offset=1).execute()["claims"]

    assert skipped == everything[1:]


def test_errors_come_in_googles_envelope(factchecktools, db):
    service, _ = factchecktools

    with pytest.raises(HttpError) as error:
        service.claims().search().execute()

    assert error.value.resp.status == 400
    body = json.loads(error.value.content)
    assert body["error"]["status"] == "INVALID_ARGUMENT"
    assert "query is required" in body["error"]["message"]


def test_a_forged_page_token_is_a_400(client, db):
    response = client.get(reverse("factchecktools-search"), {"query": "x", "pageToken": "not-ours!"})

    assert response.status_code == 400
    assert "page token" in response.json()["error"]["message"]


def test_drafts_are_never_found(factchecktools, demo):
    service, _ = factchecktools

    assert service.claims().search(query="OPCW").execute() == {}
