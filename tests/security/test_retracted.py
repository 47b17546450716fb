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
