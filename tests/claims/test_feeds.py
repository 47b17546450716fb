"""The Atom feed, sitemap and robots.txt, and that unpublished work reaches none of them."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from claims import workflow
from claims.models import Claim
from sources.models import Actor, Source
from tests.factories import ActorFactory, ClaimFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"


def feed_entries(client):
    response = client.get(reverse("claims:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return {entry.find(f"{ATOM}link").get("href"): entry for entry in root.iter(f"{ATOM}entry")}


def sitemap_urls(client):
    root = ET.fromstring(client.get(reverse("claims:sitemap")).content)
    return {loc.text for loc in root.iter(f"{SITEMAP}loc")}


def test_feed_holds_published_and_corrected_claims(client, demo, reviewer):
    workflow.correct(claim=Claim.objects.get(slug=SEVENTEEN), by=reviewer, note="Fixed the month.")

    entries = feed_entries(client)

    assert set(entries) == {
        f"http://testserver/claims/{slug}/"
        for slug in Claim.objects.published().values_list("slug", flat=True)
    }
    corrected = entries[f"http://testserver/claims/{SEVENTEEN}/"]
    assert corrected.find(f"{ATOM}title").text.startswith("True: The Netherlands expelled 17")
    assert corrected.find(f"{ATOM}summary").text.startswith("Corrected.")


def test_sitemap_lists_published_claims_and_their_sources_and_actors(client, demo):
    urls = sitemap_urls(client)

    assert f"http://testserver/claims/{SEVENTEEN}/" in urls
    assert "http://testserver/" in urls
    article = Source.objects.get(title__startswith="Russians expelled")
    assert f"http://testserver/sources/{article.pk}/" in urls
    assert f"http://testserver/actors/{Actor.objects.get(name='NOS').pk}/" in urls


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_the_admin(client):
    body = client.get(reverse("claims:robots")).content.decode()

    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_unpublished_work_reaches_no_public_surface(client, demo, reviewer):
    secret = "Zanzibar secretly expelled 99 attachés"
    secret_source = SourceFactory(title="Unpublished tip-off memo", text=f"Memo: {secret}.")
    secret_actor = ActorFactory(name="Confidential informant")
    drafts = [
        ClaimFactory(text=f"{secret} (draft)."),
        ClaimFactory(text=f"{secret} (in review).", status=Claim.Status.IN_REVIEW),
    ]
    for claim in drafts:
        QuoteFactory(claim=claim, source=secret_source, speaker=secret_actor, exact=secret)
    retracted = Claim.objects.get(slug="nato-expelled-eight-russian-mission-members-2021")
    workflow.retract(claim=retracted, by=reviewer, note="Withdrawn.")

    for words in ["Zanzibar", "attachés", "Confidential informant", "tip-off memo"]:
        assert list(client.get(reverse("claims:home"), {"q": words}).context["page"]) == []
    pages = [
        reverse("claims:home"),
        reverse("claims:feed"),
        reverse("claims:sitemap"),
        *(claim.get_absolute_url() for claim in Claim.objects.with_pages()),
        *(reverse("claims:source-detail", args=[pk]) for pk in Source.objects.values_list("pk", flat=True)),
        *(reverse("claims:actor-detail", args=[pk]) for pk in Actor.objects.values_list("pk", flat=True)),
    ]
    for url in pages:
        response = client.get(url)
        body = response.content.decode()
        assert "Zanzibar" not in body and "Confidential informant" not in body and "tip-off" not in body, url
        for claim in drafts:
            assert claim.slug not in body, url
    for claim in drafts:
        assert client.get(claim.get_absolute_url()).status_code == 404
    assert client.get(reverse("claims:source-detail", args=[secret_source.pk])).status_code == 404
    assert client.get(reverse("claims:actor-detail", args=[secret_actor.pk])).status_code == 404
    assert retracted.slug not in client.get(reverse("claims:feed")).content.decode()
    assert retracted.slug not in client.get(reverse("claims:sitemap")).content.decode()
    assert retracted.slug not in client.get(reverse("claims:home")).content.decode()
