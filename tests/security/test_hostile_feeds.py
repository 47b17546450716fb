"""ClaimReview feeds that are huge, odd or hostile: bounded work, and a word for everything left out."""

import io
import json

import pytest
from django.core.management import call_command

from claims.claimreview.importer import import_claim_reviews
from claims.claimreview.parse import MAX_APPEARANCES, FeedError, parse_review, read_nodes
from claims.models import ExternalReview
from sources.models import Source
from tests.claims.claimreview.test_importer import review

pytestmark = pytest.mark.django_db


def test_a_record_with_200000_appearances_keeps_the_first_ones_and_says_so():
    appearances = [{"url": f"https://posts.example.org/{n}", "headline": f"Post {n}"} for n in range(200_000)]
    record = review(itemReviewed={"@type": "Claim", "appearance": appearances})

    summary = import_claim_reviews([record])

    assert summary.created == 1
    assert ExternalReview.objects.get().appearances.count() == MAX_APPEARANCES
    assert Source.objects.count() == MAX_APPEARANCES
    (note,) = summary.notes
    assert (
        note.index == 1 and "200,000 appearances" in note.reason and f"first {MAX_APPEARANCES}" in note.reason
    )


def test_parsing_a_huge_appearance_list_looks_only_at_what_it_keeps(monkeypatch):
    looked_at = []
    monkeypatch.setattr(
        "claims.claimreview.parse.fix_url", lambda value, base="": looked_at.append(value) or value
    )
    appearances = [f"https://posts.example.org/{n}" for n in range(200_000)]

    parse_review(review(itemReviewed={"appearance": appearances}))

    assert len(looked_at) <= MAX_APPEARANCES + 2  # the review's own URL and the claim's


def test_an_appearance_url_too_long_to_keep_is_left_out_with_a_word():
    long_url = "https://posts.example.org/" + "a" * 2_168
    record = review(itemReviewed={"appearance": [{"url": long_url}, {"url": "https://posts.example.org/1"}]})

    summary = import_claim_reviews([record])

    assert summary.created == 1
    assert list(Source.objects.values_list("url", flat=True)) == ["https://posts.example.org/1"]
    (note,) = summary.notes
    assert "2,194 characters" in note.reason


def test_the_command_prints_the_notes(tmp_path):
    feed = tmp_path / "feed.json"
    feed.write_text(
        '{"@type": "ClaimReview", "url": "https://c.example/1", "claimReviewed": "Nine were expelled.",'
        ' "author": {"@type": "Organization", "name": "C"}, "reviewRating": {"alternateName": "False"},'
        ' "itemReviewed": {"appearance": [{"url": "https://p.example/' + "a" * 2_100 + '"}]}}'
    )
    err = io.StringIO()

    call_command("import_claimreview", str(feed), stdout=io.StringIO(), stderr=err)

    assert "record 1:" in err.getvalue() and "characters" in err.getvalue()


def test_a_whole_viral_post_as_claim_reviewed_keeps_its_verdict_with_the_claim_shortened():
    post = ("Breaking: they expelled everyone from the embassy overnight and nobody reported it " * 11)[
        :889
    ] + "!"

    summary = import_claim_reviews([review(claimReviewed=post)])

    assert summary.created == 1 and summary.rejected == []
    external = ExternalReview.objects.get()
    assert external.claim_reviewed == post and external.rating_label == "True"
    assert len(external.claim.text) <= 500 and external.claim.text.endswith("…")
    assert post.startswith(external.claim.text.removesuffix("…"))
    (note,) = summary.notes
    assert "890 characters" in note.reason


def test_a_short_claim_is_kept_byte_for_byte():
    text = "Der  Minister sagte: 17 Russen  wurden ausgewiesen."

    import_claim_reviews([review(claimReviewed=text)])

    assert ExternalReview.objects.get().claim.text == text


def test_records_under_a_data_key_are_found():
    summary = import_claim_reviews(read_nodes(json.dumps({"data": [review()], "count": 1}).encode()))

    assert summary.created == 1


def test_a_feed_with_no_claimreview_says_so(tmp_path):
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({"results": [{"headline": "Not a review"}]}))
    err = io.StringIO()

    call_command("import_claimreview", str(feed), stdout=io.StringIO(), stderr=err)

    assert "no ClaimReview" in err.getvalue()


def test_html_that_cannot_be_read_gets_a_message_without_exception_text(monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("json-ld")

    monkeypatch.setattr("extruct.extract", broken)

    with pytest.raises(FeedError) as refused:
        read_nodes(b"<html><script type='application/ld+json'>{}</script></html>", name="page.html")

    assert str(refused.value) == "page.html could not be read as HTML: its markup or JSON-LD is broken."
