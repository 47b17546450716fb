"""The Atom feed, sitemap and robots.txt, and that unpublished work reaches none of them."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from claims import workflow
from claims.feeds import FEED_LENGTH
from claims.models import Claim
from claims.sitemaps import ClaimSitemap
from sources.models import Actor, Source
from tests.factories import ActorFactory, ClaimFactory, PublishedClaimFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"


def feed_entries(client):
    response = client.get(reverse("claims:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return {entry.find(f"{ATOM}link").get("href"): entry for entry in root.iter(f"{ATOM}entry")}


def sitemap_files(client) -> list[str]:
    """The files the sitemap index at /sitemap.xml lists, as paths."""
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return [loc.text.removeprefix("http://testserver") for loc in root.iter(f"{SITEMAP}loc")]


def sitemap_urls(client) -> list[str]:
    """Every URL of every file the index lists."""
    urls = []
    for path in sitemap_files(client):
        response = client.get(path)
        assert response.status_code == 200, path
        urls += [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    return urls


def test_feed_holds_published_and_corrected_claims(client, demo, reviewer):
    workflow.correct(claim=Claim.objects.get(slug=SEVENTEEN), by=reviewer, note="Fixed the month.")

    entries = feed_entries(client)

    assert set(entries) == {
        f"http://testserver/claims/{slug}/"
        for slug in Claim.objects.published().values_list("slug", flat=True)
    }
    corrected = entries[f"http://testserver/claims/{SEVENTEEN}/"]
    assert corrected.find(f"{ATOM}title").text.startswith("True: The Netherlands expelled 17")
    assert corrected.find(f"{ATOM}summary").text.startswith("Corrected on ")


def test_a_kept_feed_is_written_again_after_a_publication_or_retraction(client, demo, reviewer):
    before = feed_entries(client)
    claim = PublishedClaimFactory(text="A claim published after the feed was written.")
    url = f"http://testserver{claim.get_absolute_url()}"

    assert url in feed_entries(client) and url not in before
    workflow.retract(claim=claim, by=reviewer, note="Withdrawn.")
    assert feed_entries(client)[url].find(f"{ATOM}title").text.startswith("Retracted: ")


def test_the_feed_is_bounded_whatever_the_number_of_claims(client, demo):
    for _ in range(FEED_LENGTH + 5 - Claim.objects.with_pages().count()):
        PublishedClaimFactory()

    assert len(feed_entries(client)) == FEED_LENGTH


def test_sitemap_lists_published_claims_and_their_sources_and_actors(client, demo):
    urls = sitemap_urls(client)

    assert f"http://testserver/claims/{SEVENTEEN}/" in urls
    assert "http://testserver/" in urls
    article = Source.objects.get(title__startswith="Russians expelled")
    assert f"http://testserver/sources/{article.pk}/" in urls
    assert f"http://testserver/actors/{Actor.objects.get(name='NOS').pk}/" in urls
    assert len(urls) == len(set(urls))


def test_sitemap_index_splits_each_section_into_files_of_at_most_its_limit(client, demo, monkeypatch):
    monkeypatch.setattr(ClaimSitemap, "limit", 2)
    published = [f"http://testserver{claim.get_absolute_url()}" for claim in Claim.objects.published()]
    pages = -(-Claim.objects.order_by("-pk").first().pk // 2)  # files are ranges of 2 ids

    files = sitemap_files(client)

    claim_files = [path for path in files if path.startswith("/sitemap-claims.xml")]
    assert claim_files == [
        "/sitemap-claims.xml",
        *(f"/sitemap-claims.xml?p={n}" for n in range(2, pages + 1)),
    ]
    listed = []
    for path in claim_files:
        response = client.get(path)
        assert response["Content-Type"] == "application/xml"
        urls = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
        assert len(urls) <= 2
        listed += urls
    assert sorted(listed) == sorted(published)
    assert client.get(f"/sitemap-claims.xml?p={pages + 1}").status_code == 404
    assert client.get("/sitemap-claims.xml?p=two").status_code == 404
    assert client.get("/sitemap-drafts.xml").status_code == 404
    assert {"/sitemap-home.xml", "/sitemap-sources.xml", "/sitemap-actors.xml"} <= set(files)


def test_a_sitemap_file_gives_each_claim_its_last_change(client, demo):
    claim = Claim.objects.published().first()
    root = ET.fromstring(client.get("/sitemap-claims.xml").content)

    entry = next(
        url
        for url in root.iter(f"{SITEMAP}url")
        if url.find(f"{SITEMAP}loc").text.endswith(f"/{claim.slug}/")
    )

    assert entry.find(f"{SITEMAP}lastmod").text == claim.updated_at.isoformat(timespec="seconds")
    assert entry.find(f"{SITEMAP}changefreq").text == "weekly"


def test_sitemap_index_and_files_take_a_fixed_number_of_queries(client, demo, django_assert_num_queries):
    for _ in range(5):
        QuoteFactory(claim=PublishedClaimFactory(), source=SourceFactory(), speaker=ActorFactory())

    # The latest change to any claim (the key of the index in the cache), the largest id of claims,
    # sources and actors (the number of files of each), and the claims' latest public change; no count
    # of public rows.
    with django_assert_num_queries(5):
        client.get("/sitemap.xml")
    # Each file: the claims' latest change (the key of the written file in the cache: what is public
    # follows the claims), the section's largest id (is the page there?), then the page's rows.
    with django_assert_num_queries(3):
        client.get("/sitemap-claims.xml")
    with django_assert_num_queries(3):
        client.get("/sitemap-sources.xml")
    with django_assert_num_queries(3):
        client.get("/sitemap-actors.xml")


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
        *sitemap_files(client),
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
    # A retraction stays where the claim was: its page in the sitemap says it was retracted.
    assert [url for url in sitemap_urls(client) if retracted.slug in url]
    assert retracted.slug not in client.get(reverse("claims:home")).content.decode()


def parsed_feed(client):
    return feedparser.parse(client.get(reverse("claims:feed")).content)


def test_the_feed_is_valid_atom_with_an_author_and_the_required_elements(client, demo):
    feed = parsed_feed(client)

    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.author == "Claim provenance tracker" and feed.feed.id and feed.feed.updated
    for entry in feed.entries:
        # RFC 4287 4.1.2: every entry has an id, a title and an updated date (the author is the feed's).
        assert entry.id.startswith("tag:testserver,2026:claim:") and entry.title and entry.updated


def test_an_entry_keeps_its_id_when_the_claim_changes_address(client, reviewer):
    claim = PublishedClaimFactory(slug="before")
    before = parsed_feed(client).entries[0].id
    claim.slug = "after"
    workflow.save_claim(claim=claim, by=reviewer)

    (entry,) = parsed_feed(client).entries

    assert entry.id == before == f"tag:testserver,2026:claim:{claim.pk}"
    assert entry.link == "http://testserver/claims/after/"


def test_a_correction_moves_the_entrys_updated_date(client, reviewer):
    claim = PublishedClaimFactory(published_at=timezone.now() - timedelta(days=30))
    published = parsed_feed(client).entries[0].updated_parsed

    workflow.correct(claim=claim, by=reviewer, note="The count was 17, not 15.")
    (entry,) = parsed_feed(client).entries

    assert entry.updated_parsed > published
    assert entry.summary.startswith("Corrected on ") and "The count was 17, not 15." in entry.summary


def test_a_retracted_claim_stays_in_the_feed_saying_so_and_why(client, reviewer):
    claim = PublishedClaimFactory(text="Seventeen officers were expelled")
    workflow.retract(claim=claim, by=reviewer, note="The sources were fabricated.")

    (entry,) = parsed_feed(client).entries

    assert entry.title == "Retracted: Seventeen officers were expelled"
    assert "The sources were fabricated." in entry.summary
    assert not entry.get("tags")  # no verdict travels with a retraction


def test_a_summary_is_text_so_markup_in_an_explanation_stays_text(client):
    PublishedClaimFactory(explanation='Fewer than <b>20</b> <script>alert("x")</script> were expelled.')

    (entry,) = parsed_feed(client).entries
    raw = client.get(reverse("claims:feed")).content.decode()

    assert entry.summary_detail.type == "text/plain"
    assert entry.summary == 'Fewer than <b>20</b> <script>alert("x")</script> were expelled.'
    assert '<summary type="text">' in raw and "&lt;script&gt;" in raw
