"""A retracted claim keeps its page and notes, but its verdict and evidence are withdrawn from the public."""

import pytest

from claims.models import Claim
from tests.factories import (
    ActorFactory,
    CitationFactory,
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def retracted():
    """A retracted claim whose only quote cites a source and names a speaker nothing public shows."""
    claim = PublishedClaimFactory(status=Claim.Status.RETRACTED, verdict="true", explanation="It was so.")
    hidden_source = SourceFactory(title="Hidden dossier")
    quoted = SourceFactory(title="Quoted article", publisher=ActorFactory(name="Hidden outlet"))
    CitationFactory(citing=quoted, cited_source=hidden_source, cited_actor=None)
    QuoteFactory(claim=claim, source=quoted, speaker=ActorFactory(name="Hidden speaker"))
    return claim


def test_the_anonymous_detail_of_a_retracted_claim_has_no_verdict(api, retracted):
    body = api.get(f"/api/v1/claims/{retracted.slug}/").json()

    assert body["status"] == "retracted"
    assert body["verdict"] is None and body["verdict_label"] is None and body["review_rating"] is None
    assert body["explanation"] == "" and body["quotes"] == [] and body["external_reviews"] == []


def test_staff_still_see_the_verdict_of_a_retracted_claim(as_role, retracted):
    body = as_role("editor").get(f"/api/v1/claims/{retracted.slug}/").json()

    assert body["verdict"] == "true" and body["review_rating"]["ratingValue"] == 5


@pytest.mark.parametrize("endpoint", ["provenance", "prov"])
def test_the_provenance_of_a_retracted_claim_is_not_public(api, retracted, endpoint):
    response = api.get(f"/api/v1/claims/{retracted.slug}/{endpoint}/")

    assert response.status_code == 404
    for hidden in ("Hidden dossier", "Quoted article", "Hidden outlet", "Hidden speaker"):
        assert hidden not in response.content.decode()


@pytest.mark.parametrize("endpoint", ["provenance", "prov"])
def test_staff_still_trace_a_retracted_claim(as_role, retracted, endpoint):
    response = as_role("editor").get(f"/api/v1/claims/{retracted.slug}/{endpoint}/")

    assert response.status_code == 200 and "Quoted article" in response.content.decode()


def test_the_sources_of_a_retracted_claim_stay_hidden(api, retracted):
    assert api.get(f"/api/v1/sources/{retracted.quotes.get().source_id}/").status_code == 404
    assert api.get("/claims/" + retracted.slug + "/").status_code == 200


def test_the_anonymous_list_keeps_a_retracted_claim_with_its_status_and_no_verdict(api, retracted):
    (listed,) = api.get("/api/v1/claims/").json()["results"]

    assert listed["slug"] == retracted.slug and listed["status"] == "retracted"
    assert listed["verdict"] is None and listed["verdict_label"] is None and listed["contested"] is None


def test_anonymous_clients_can_list_the_retractions(api, retracted):
    PublishedClaimFactory()

    listed = api.get("/api/v1/claims/", {"status": "retracted"}).json()["results"]

    assert [claim["slug"] for claim in listed] == [retracted.slug]


@pytest.mark.parametrize(
    "query",
    [
        {"verdict": "true"},
        {"search": "Hidden"},
        {"contested": "false"},
        {"language": "en"},
        {"actor": "{speaker}"},
        {"source": "{source}"},
    ],
)
def test_filtering_by_evidence_does_not_find_a_retracted_claim(api, retracted, query):
    quote = retracted.quotes.get()
    query = {
        name: value.format(speaker=quote.speaker_id, source=quote.source_id) for name, value in query.items()
    }

    assert api.get("/api/v1/claims/", query).json()["results"] == []


def test_staff_filter_retracted_claims_by_their_verdict(as_role, retracted):
    listed = as_role("editor").get("/api/v1/claims/", {"verdict": "true"}).json()["results"]

    assert [claim["slug"] for claim in listed] == [retracted.slug]


def test_a_retracted_claim_stays_in_the_sitemap(client, retracted):
    claims_file = client.get("/sitemap-claims.xml").content.decode()

    assert f"/claims/{retracted.slug}/</loc>" in claims_file


def test_a_retracted_claims_page_has_no_claimreview_and_its_claimreview_is_gone(client, api, retracted):
    page = client.get(f"/claims/{retracted.slug}/").content.decode()

    assert "application/ld+json" not in page and "ClaimReview" not in page
    assert api.get(f"/api/v1/claims/{retracted.slug}/claimreview/").status_code == 404
    assert retracted.slug not in b"".join(api.get("/api/v1/claimreview-feed/").streaming_content).decode()
    for hidden in ("Hidden dossier", "Quoted article", "Hidden outlet", "Hidden speaker", "It was so."):
        assert hidden not in page
