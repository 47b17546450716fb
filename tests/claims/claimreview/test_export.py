"""The DataFeed export, written as it is read: the same document as when it was built whole in memory."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Prefetch
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from claims import workflow
from claims.claimreview import export
from claims.claimreview.markup import claim_review, organisation
from claims.models import Claim, Quote
from claims.verdicts import Verdict
from tests.factories import ClaimFactory, PublishedClaimFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db

FEED = "/api/v1/claimreview-feed/"
BASE = "https://factcheck.example.org"


def feed_claims_before():
    """The claims and their quotes as the feed read them before it was streamed: all at once, as models."""
    quotes = Quote.objects.with_sources().order_by("source__published_on", "pk")
    return (
        Claim.objects.published()
        .order_by("published_at", "pk")
        .prefetch_related(Prefetch("quotes", queryset=quotes))
    )


def build_whole(claims, base_url: str, organisation: dict) -> dict:
    """The feed as it was built before it was streamed (the endpoint listed feed_claims() and
    rendered this object with JSONRenderer; the command and jobs with json.dumps(indent=2)), kept
    here word for word as the reference the streamed text must equal."""
    base_url = base_url.rstrip("/")
    elements, modified = [], None
    for claim in claims:
        modified = max(modified or claim.updated_at, claim.updated_at)
        review = claim_review(
            claim=claim,
            quotes=list(claim.quotes.all()),
            url=f"{base_url}{claim.get_absolute_url()}",
            organisation=organisation,
        )
        review["inLanguage"] = settings.LANGUAGE_CODE
        elements.append(
            {
                "@type": "DataFeedItem",
                "dateCreated": claim.published_at.isoformat(),
                "dateModified": claim.updated_at.isoformat(),
                "item": [review],
            }
        )
    return {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{settings.ORGANISATION_NAME} fact-checks",
        "dateModified": (modified or timezone.now()).isoformat(),
        "dataFeedElement": elements,
    }


def body(response) -> bytes:
    assert response.streaming, "the feed is streamed"
    return b"".join(response.streaming_content)


@pytest.fixture
def archive(demo, reviewer):
    """The demo's claims, and claims published at the same moment (the chunks' order breaks the tie by
    id), with words JSON must escape or may keep (a line separator, accents, a quote mark); a
    draft, a claim in review and a retracted claim, each quoted, that must appear nowhere."""
    moment = datetime(2024, 3, 1, 12, tzinfo=UTC)
    for n in range(5):
        claim = PublishedClaimFactory(text=f'Tie {n}: "café" \u2028 naïve <b>&', verdict=Verdict.FALSE)
        QuoteFactory(claim=claim, source=SourceFactory(title=f"Bron {n} — één"))
    Claim.objects.filter(text__startswith="Tie ").update(published_at=moment)
    hidden = [
        ClaimFactory(text="Draft: hidden from the feed."),
        ClaimFactory(text="In review: hidden from the feed.", status=Claim.Status.IN_REVIEW),
    ]
    retracted = PublishedClaimFactory(text="Retracted: hidden from the feed.")
    workflow.retract(claim=retracted, by=reviewer, note="Withdrawn.")
    for claim in [*hidden, retracted]:
        QuoteFactory(claim=claim, source=SourceFactory(title=f"Secret source of {claim.pk}"))
    return [*hidden, retracted]


@pytest.mark.parametrize("chunk_size", [1, 2, 500])
@pytest.mark.parametrize("accept", ["application/json", "application/json; indent=4"])
def test_the_streamed_endpoint_writes_the_same_bytes_as_the_whole_build(
    client, archive, monkeypatch, chunk_size, accept
):
    monkeypatch.setattr(export, "CHUNK_SIZE", chunk_size)
    root = "http://testserver/"
    whole = JSONRenderer().render(
        build_whole(list(feed_claims_before()), root, organisation(root)), accepted_media_type=accept
    )

    response = client.get(FEED, HTTP_ACCEPT=accept)

    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert body(response) == whole
    assert len(json.loads(whole)["dataFeedElement"]) == Claim.objects.published().count() >= 9


@pytest.mark.parametrize("chunk_size", [2, 500])
def test_the_exported_file_and_output_are_the_same_text_as_the_whole_build(
    archive, tmp_path, monkeypatch, chunk_size
):
    monkeypatch.setattr(export, "CHUNK_SIZE", chunk_size)
    whole = build_whole(list(feed_claims_before()), BASE, organisation(BASE))
    expected = json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    path, out, err = tmp_path / "feed.json", StringIO(), StringIO()

    call_command("export_claimreview", "--base-url", BASE, "-o", str(path), stderr=err)
    call_command("export_claimreview", "--base-url", BASE, stdout=out)

    assert path.read_text(encoding="utf-8") == expected
    assert out.getvalue() == expected
    assert err.getvalue() == f"{len(whole['dataFeedElement'])} reviews written to {path}.\n"


def test_an_empty_feed_is_the_same_document(client, db):
    ClaimFactory()  # a draft only
    root = "http://testserver/"

    streamed = json.loads(body(client.get(FEED)))
    whole = build_whole([], root, organisation(root))

    assert streamed["dataFeedElement"] == [] and streamed.keys() == whole.keys()
    assert "dataFeedElement" in streamed and streamed["name"] == whole["name"]


def test_drafts_claims_in_review_and_retracted_claims_are_left_out(client, archive, tmp_path):
    path = tmp_path / "feed.json"
    call_command("export_claimreview", "--base-url", BASE, "-o", str(path), stderr=StringIO())

    for text in (body(client.get(FEED)).decode(), path.read_text(encoding="utf-8")):
        for claim in archive:
            assert claim.slug not in text and claim.text not in text
            assert f"Secret source of {claim.pk}" not in text
        listed = {element["item"][0]["claimReviewed"] for element in json.loads(text)["dataFeedElement"]}
        assert listed == set(Claim.objects.published().values_list("text", flat=True))


def test_the_feed_answers_304_until_what_it_shows_changes(client, archive, reviewer, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    first = client.get(FEED)
    etag = first["ETag"]
    assert first["Last-Modified"]

    assert client.get(FEED, HTTP_IF_NONE_MATCH=etag).status_code == 304
    claim = Claim.objects.published().order_by("pk").first()
    workflow.retract(claim=claim, by=reviewer, note="Withdrawn.")
    changed = client.get(FEED, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert claim.slug not in body(changed).decode()
    # Another address or another layout is another document.
    assert client.get(FEED, HTTP_HOST="other.example", HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 200
    assert (
        client.get(
            FEED, HTTP_ACCEPT="application/json; indent=2", HTTP_IF_NONE_MATCH=changed["ETag"]
        ).status_code
        == 200
    )


def test_a_quoted_source_renamed_changes_the_feed_and_its_etag(client, archive):
    claim = Claim.objects.published().filter(quotes__isnull=False).order_by("pk").first()
    source = claim.quotes.first().source
    before = client.get(FEED)
    etag = body(before) and before["ETag"]

    source.title = "A new headline for the appearance"
    source.save()

    after = client.get(FEED, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and b"A new headline for the appearance" in body(after)
