"""ClaimReview JSON-LD on claim pages, read back with a real structured-data parser."""

from datetime import date

import extruct
import pytest
from django.urls import reverse

from claims.models import Claim
from sources.models import Actor
from tests.factories import ActorFactory, PublishedClaimFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db

SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"


def claim_reviews(response) -> list[dict]:
    data = extruct.extract(response.text, base_url="http://testserver/", syntaxes=["json-ld"], uniform=True)
    return [item for item in data["json-ld"] if item.get("@type") == "ClaimReview"]


def test_the_claim_page_carries_one_claimreview_equal_to_the_models(client, demo):
    claim = Claim.objects.get(slug=SEVENTEEN)
    article = claim.quotes.first().source
    hoekstra = Actor.objects.get(name="Wopke Hoekstra")
    article.published_on = date(2022, 4, 12)
    article.save()

    (review,) = claim_reviews(client.get(reverse("claims:claim-detail", args=[SEVENTEEN])))

    appearance = {"@type": "CreativeWork", "headline": article.title, "datePublished": "2022-04-12"}
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"http://testserver/claims/{SEVENTEEN}/",
        "claimReviewed": claim.text,
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "NOS"},
            "datePublished": "2022-04-12",
            "firstAppearance": appearance,
            "appearance": [appearance],
        },
        "author": {"@type": "Organization", "name": "Claim provenance tracker", "url": "http://testserver/"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 5,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "True",
        },
        "datePublished": claim.published_at.date().isoformat(),
        "dateModified": claim.reviewed_on.isoformat(),
    }
    assert hoekstra.name not in review["itemReviewed"]["author"]["name"]


def test_first_appearance_is_the_earliest_dated_source(client, db):
    claim = PublishedClaimFactory()
    later = SourceFactory(
        title="Later report", published_on=date(2022, 4, 1), url="https://example.org/later"
    )
    earlier = SourceFactory(title="Earlier report", published_on=date(2022, 3, 29))
    QuoteFactory(claim=claim, source=later)
    QuoteFactory(
        claim=claim, source=earlier, speaker=ActorFactory(name="Wopke Hoekstra", kind=Actor.Kind.OFFICIAL)
    )

    (review,) = claim_reviews(client.get(claim.get_absolute_url()))

    item = review["itemReviewed"]
    assert item["firstAppearance"]["headline"] == "Earlier report"
    assert item["datePublished"] == "2022-03-29"
    assert item["author"] == {"@type": "Person", "name": "Wopke Hoekstra"}
    assert {work["headline"] for work in item["appearance"]} == {"Earlier report", "Later report"}
    assert {"url": "https://example.org/later"}.items() <= next(
        work for work in item["appearance"] if work["headline"] == "Later report"
    ).items()


def test_a_verdict_off_the_scale_has_no_rating_value(client, demo):
    response = client.get(
        reverse("claims:claim-detail", args=["eight-svr-and-nine-gru-officers-among-the-17-expelled"])
    )

    (review,) = claim_reviews(response)

    assert review["reviewRating"] == {
        "@type": "Rating",
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Unproven",
    }


def test_script_breaking_and_non_ascii_text_survive_intact(client, db):
    sentence = "Ollongren said “</script><script>alert(1)</script>” & <b>Москва</b> – 東京 – عربي"
    text = f"Intro. {sentence} Outro."
    claim = PublishedClaimFactory(text=sentence, explanation="Kajsa Ollongren’s words & more </SCRIPT>")
    QuoteFactory(claim=claim, source=SourceFactory(text=text, title="Überschrift </script>"), exact=sentence)

    response = client.get(claim.get_absolute_url())

    (review,) = claim_reviews(response)
    assert review["claimReviewed"] == sentence
    assert review["itemReviewed"]["appearance"][0]["headline"] == "Überschrift </script>"
    script = response.text.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script and "&" not in script
    assert "Москва" in script and "東京" in script
    assert "<script>alert(1)</script>" not in response.text
