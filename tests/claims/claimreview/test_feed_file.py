"""The whole DataFeed served from a file written in the background (claims/claimreview/feed_file.py)."""

import gzip
import json

import pytest
from django.core.cache import cache

from claims import workflow
from claims.claimreview import export, feed_file
from claims.claimreview.feed_file import feed_bytes, feed_root, latest_feed_file, write_feed_file
from claims.jobs import run_job
from claims.models import Claim, Job
from claims.tasks import refresh_claimreview_feeds
from tests.factories import ClaimFactory, PublishedClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db

FEED = "/api/v1/claimreview-feed/"
ROOT = "http://testserver/"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def streamed(indent=None) -> bytes:
    """The feed as it stands now, written as it is read: what the file must hold."""
    return b"".join(feed_bytes(base_url=ROOT, indent=indent))


@pytest.fixture
def with_worker(settings):
    """Jobs go to a worker instead of running in the request (the worker is run_job, called by the test)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False


def queued_refreshes() -> list[Job]:
    return list(Job.objects.filter(kind=Job.Kind.EXPORT, arguments__feed_file=True).order_by("pk"))


@pytest.mark.parametrize("accept, indent", [("application/json", None), ("application/json; indent=4", 4)])
def test_the_endpoint_serves_exactly_the_streamed_bytes_from_its_file(client, demo, accept, indent):
    expected = streamed(indent)

    response = client.get(FEED, HTTP_ACCEPT=accept)  # no file yet, no worker: written within the request

    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert body(response) == expected
    assert int(response["Content-Length"]) == len(expected)
    written = latest_feed_file(ROOT, indent)
    assert written.path.read_bytes() == expected and response["ETag"] == written.etag
    assert response["Last-Modified"] and response["X-Feed-Written-At"]
    assert "X-Feed-Stale" not in response and "Accept" in response["Vary"]
    assert {
        element["item"][0]["claimReviewed"] for element in json.loads(expected)["dataFeedElement"]
    } == set(Claim.objects.published().values_list("text", flat=True))
    # The other layout has a file of its own.
    assert len(list(feed_root().glob("*.feed"))) == 1


def test_a_current_file_is_served_in_one_query_and_revalidated_in_one(
    client, demo, django_assert_num_queries
):
    first = client.get(FEED)
    etag, modified = first["ETag"], first["Last-Modified"]

    # Expect 1 query: the latest change to a published claim (claims/freshness.py moves it on every change
    # an item shows) and the number of published claims, which say the file is current; the body is read
    # from disk.
    with django_assert_num_queries(1):
        again = client.get(FEED)
        content = body(again)
    assert content == body(first) and again["ETag"] == etag

    # Expect 1 query each: the same; the request holds the file's validators: 304 before the file is opened.
    with django_assert_num_queries(1):
        assert client.get(FEED, HTTP_IF_NONE_MATCH=etag).status_code == 304
    with django_assert_num_queries(1):
        assert client.get(FEED, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(FEED, HTTP_IF_NONE_MATCH='"another"').status_code == 200


@pytest.mark.parametrize(("chunk_size", "queries"), [(500, 4), (3, 6)])
def test_writing_the_file_within_the_request_without_a_worker(
    client, demo, django_assert_num_queries, monkeypatch, chunk_size, queries
):
    monkeypatch.setattr(export, "CHUNK_SIZE", chunk_size)
    assert Claim.objects.published().count() == 4
    # Expect 2 queries, then 2 per chunk of CHUNK_SIZE claims while the file is written: the latest change to
    # a published claim and the number of published claims (the file's ETag); the feed's validators (its dateModified); for
    # each chunk the next published claims in the feed's order, their quotes with sources, publishers and
    # speakers. The demo's 4 claims: one chunk of 500 (2 + 2); chunks of 3 and 1, the shorter the last
    # (2 + 2 × 2).
    with django_assert_num_queries(queries):
        response = client.get(FEED)
    assert body(response) == streamed()


def publish_one(reviewer) -> Claim:
    claim = ClaimFactory(text="A newly published verdict.", status=Claim.Status.IN_REVIEW, verdict="false")
    QuoteFactory(claim=claim)
    return workflow.publish(claim=claim, by=reviewer, confirmed=True)


CHANGES = {
    "publish": publish_one,
    "retract": lambda reviewer: workflow.retract(
        claim=Claim.objects.published().order_by("pk").first(), by=reviewer, note="Withdrawn."
    ),
    "correct": lambda reviewer: workflow.correct(
        claim=Claim.objects.published().order_by("pk").last(),
        by=reviewer,
        note="The figure was wrong.",
        changes={"explanation": "A corrected explanation."},
    ),
    "quote a published claim": lambda reviewer: QuoteFactory(
        claim=Claim.objects.published().order_by("pk").first(),
        source__url="https://example.org/new-appearance",
    ),
    "delete a published claim": lambda reviewer: Claim.objects.published().order_by("pk").first().delete(),
}


def a_draft(reviewer) -> Claim:
    return ClaimFactory(text="A draft no reader sees.", status=Claim.Status.DRAFT)


def edit_a_draft(reviewer) -> None:
    draft = Claim.objects.get(text="A draft no reader sees.")
    draft.text = "A draft no reader sees, edited."
    workflow.save_claim(claim=draft, by=reviewer)


# Changes that leave what the feed holds as it was: only drafts and claims in review.
DRAFT_CHANGES = {
    "edit a draft": edit_a_draft,
    "quote a draft": lambda reviewer: QuoteFactory(claim=Claim.objects.get(text="A draft no reader sees.")),
    "submit a draft for review": lambda reviewer: workflow.submit_for_review(
        claim=Claim.objects.get(text="A draft no reader sees."), by=reviewer
    ),
    "delete a draft": lambda reviewer: Claim.objects.get(text="A draft no reader sees.").delete(),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_makes_the_file_stale_and_a_refresh_writes_the_new_bytes(
    client, demo, reviewer, with_worker, django_capture_on_commit_callbacks, change
):
    write_feed_file(base_url=ROOT)
    before = streamed()
    CHANGES[change](reviewer)
    after = streamed()
    assert after != before

    with django_capture_on_commit_callbacks() as handed_to_worker:
        stale = client.get(FEED)
        again = client.get(FEED)

    # The latest file, whole, saying when it was written, while one job (not one per request) refreshes it.
    assert body(stale) == body(again) == before
    assert stale["X-Feed-Stale"] == "refreshing" and stale["X-Feed-Written-At"]
    [job] = queued_refreshes()
    assert len(handed_to_worker) == 1 and job.status == Job.Status.QUEUED

    run_job(job.pk)

    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.result["reviews"] == Claim.objects.published().count()
    fresh = client.get(FEED)
    assert body(fresh) == after and "X-Feed-Stale" not in fresh
    assert fresh["ETag"] != stale["ETag"]
    assert client.get(FEED, HTTP_IF_NONE_MATCH=stale["ETag"]).status_code == 200
    if change == "retract":
        assert Claim.objects.filter(status=Claim.Status.RETRACTED).get().slug.encode() not in after


@pytest.mark.parametrize("change", DRAFT_CHANGES)
def test_a_change_to_a_draft_leaves_the_file_current(
    client, demo, reviewer, with_worker, django_capture_on_commit_callbacks, change
):
    a_draft(reviewer)
    written = write_feed_file(base_url=ROOT)
    before = streamed()
    DRAFT_CHANGES[change](reviewer)
    assert streamed() == before  # the feed holds what it held

    with django_capture_on_commit_callbacks() as handed_to_worker:
        response = client.get(FEED)
        assert refresh_claimreview_feeds() == "0 feed file(s) queued"

    assert body(response) == before and "X-Feed-Stale" not in response
    assert response["ETag"] == written.etag and not queued_refreshes() and not handed_to_worker


def test_with_a_worker_and_no_file_yet_the_answer_is_503_until_it_is_written(
    client, demo, with_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        first = client.get(FEED)
        second = client.get(FEED)

    assert first.status_code == second.status_code == 503
    assert first["Retry-After"] == "60" and "being written" in first.json()["detail"]
    [job] = queued_refreshes()
    run_job(job.pk)
    assert body(client.get(FEED)) == streamed()


def test_the_beat_task_queues_a_refresh_only_when_the_validators_changed(
    demo, reviewer, with_worker, django_capture_on_commit_callbacks
):
    assert refresh_claimreview_feeds() == "0 feed file(s) queued"  # none written: nothing asked for yet
    write_feed_file(base_url=ROOT)
    write_feed_file(base_url=ROOT, indent=2)
    with django_capture_on_commit_callbacks():
        assert refresh_claimreview_feeds() == "0 feed file(s) queued"
        CHANGES["correct"](reviewer)
        assert refresh_claimreview_feeds() == "2 feed file(s) queued"
        assert refresh_claimreview_feeds() == "0 feed file(s) queued"  # already queued for this change
    assert len(queued_refreshes()) == 2
    for job in queued_refreshes():
        run_job(job.pk)
    cache.clear()
    assert refresh_claimreview_feeds() == "0 feed file(s) queued"
    assert latest_feed_file(ROOT, 2).path.read_bytes() == streamed(indent=2)


def test_no_half_written_file_is_ever_served(client, demo, reviewer, monkeypatch):
    write_feed_file(base_url=ROOT)
    old = streamed()
    PublishedClaimFactory(text="Published while the file is written.")
    seen = []
    real = feed_file.feed_bytes

    def interrupted(**arguments):
        for number, piece in enumerate(real(**arguments)):
            yield piece
            # Midway, a reader finds the old file, whole, and no other file under a servable name.
            latest = latest_feed_file(ROOT, None)
            seen.append(latest.path.read_bytes())
            assert gzip.decompress(latest.gzip_path.read_bytes()) == seen[-1]
            assert [path.name for path in feed_root().glob("*.feed")] == [latest.path.name]
            assert [path.name for path in feed_root().glob("*.feed.gz")] == [latest.gzip_path.name]
            if number == 3:
                raise OSError("No space left on device")

    monkeypatch.setattr(feed_file, "feed_bytes", interrupted)
    with pytest.raises(OSError, match="No space left"):
        write_feed_file(base_url=ROOT)

    assert seen and all(content == old for content in seen)
    assert latest_feed_file(ROOT, None).path.read_bytes() == old
    assert [path.name for path in feed_root().iterdir() if path.name.startswith(".")] == []  # no pieces left
    monkeypatch.setattr(feed_file, "feed_bytes", real)
    assert body(client.get(FEED)) == streamed() != old  # the next request writes it whole


def test_an_unchanged_feed_is_not_written_again(demo):
    first = write_feed_file(base_url=ROOT)
    second = write_feed_file(base_url=ROOT)
    assert second.path == first.path and second.written_at == first.written_at


def test_the_file_its_copy_and_their_record_are_readable_by_other_users(demo):
    """A web server or a backup running as another user reads what the app wrote, whatever the umask."""
    written = write_feed_file(base_url=ROOT)

    for path in (written.path, written.gzip_path, *feed_root().glob("*.json")):
        assert path.stat().st_mode & 0o777 == 0o644, path


def test_the_command_writes_the_file_the_endpoint_serves(client, demo):
    from io import StringIO

    from django.core.management import call_command

    err, site = StringIO(), "http://localhost/"
    call_command("export_claimreview", "--base-url", site, "--feed-file", stderr=err)

    written = latest_feed_file(site, None)
    assert err.getvalue() == f"{written.reviews} reviews in {written.path} ({written.size:,} bytes).\n"
    assert written.reviews == Claim.objects.published().count()
    response = client.get(FEED, HTTP_HOST="localhost")
    assert body(response) == written.path.read_bytes() == b"".join(feed_bytes(base_url=site, indent=None))
    assert response["ETag"] == written.etag


GZIP_ACCEPTED = ["gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8, *;q=0.1", "x-gzip", "*", "GZIP;Q=0.5"]
GZIP_REFUSED = [
    "",
    "identity",
    "gzip;q=0",
    "gzip; q=0.000, deflate",
    "deflate, br",
    "*;q=0",
    "gzip;q=0.5, identity",
]


@pytest.mark.parametrize("accept_encoding", GZIP_ACCEPTED)
def test_a_client_accepting_gzip_gets_the_compressed_copy_with_its_own_etag(client, demo, accept_encoding):
    response = client.get(FEED, HTTP_ACCEPT_ENCODING=accept_encoding)

    written = latest_feed_file(ROOT, None)
    content = body(response)
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert response["Content-Type"] == "application/json"
    assert content == written.gzip_path.read_bytes() and gzip.decompress(content) == streamed()
    assert int(response["Content-Length"]) == len(content) == written.gzip_size < written.size
    assert response["ETag"] == written.gzip_etag == written.etag[:-1] + '-gzip"'
    assert {"Accept", "Accept-Encoding"} <= {name.strip() for name in response["Vary"].split(",")}


@pytest.mark.parametrize("accept_encoding", GZIP_REFUSED)
def test_a_client_not_accepting_gzip_gets_the_file_itself(client, demo, accept_encoding):
    response = client.get(FEED, HTTP_ACCEPT_ENCODING=accept_encoding)

    written = latest_feed_file(ROOT, None)
    content = body(response)
    assert response.status_code == 200 and "Content-Encoding" not in response
    assert content == written.path.read_bytes() == streamed()
    assert int(response["Content-Length"]) == len(content) and response["ETag"] == written.etag
    assert "Accept-Encoding" in response["Vary"]


def test_each_encoding_is_revalidated_with_its_own_etag(client, demo, django_assert_num_queries):
    plain = client.get(FEED)
    packed = client.get(FEED, HTTP_ACCEPT_ENCODING="gzip")
    assert plain["ETag"] != packed["ETag"]

    # Expect 1 query each: the latest change to a published claim and their number (the file is current).
    with django_assert_num_queries(1):
        again = client.get(FEED, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304 and again["ETag"] == packed["ETag"]
    assert "Accept-Encoding" in again["Vary"] and "Content-Encoding" not in again
    with django_assert_num_queries(1):
        assert client.get(FEED, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304
    # The other encoding's ETag names other bytes: the whole answer, in the encoding asked for.
    other = client.get(FEED, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=plain["ETag"])
    assert other.status_code == 200 and other["Content-Encoding"] == "gzip"
    assert body(other) == body(packed)
    other = client.get(FEED, HTTP_IF_NONE_MATCH=packed["ETag"])
    assert other.status_code == 200 and body(other) == body(plain)
    # Last-Modified holds for both: the same feed.
    for encoding in ("gzip", "identity"):
        modified = client.get(
            FEED, HTTP_ACCEPT_ENCODING=encoding, HTTP_IF_MODIFIED_SINCE=plain["Last-Modified"]
        )
        assert modified.status_code == 304


def test_gzip_middleware_does_not_compress_the_copy_again(client, demo, settings):
    settings.MIDDLEWARE = ["django.middleware.gzip.GZipMiddleware", *settings.MIDDLEWARE]

    packed = client.get(FEED, HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get(FEED)

    written = latest_feed_file(ROOT, None)
    assert body(packed) == written.gzip_path.read_bytes()
    assert packed["ETag"] == written.gzip_etag and int(packed["Content-Length"]) == written.gzip_size
    assert body(plain) == streamed() and "Content-Encoding" not in plain


def test_the_copy_is_always_of_the_file_it_is_written_with(client, demo, reviewer, with_worker):
    first = write_feed_file(base_url=ROOT)
    assert gzip.decompress(first.gzip_path.read_bytes()) == first.path.read_bytes()
    CHANGES["correct"](reviewer)
    client.get(FEED)  # stale: a refresh is queued
    [job] = queued_refreshes()
    run_job(job.pk)

    latest = latest_feed_file(ROOT, None)
    assert latest.path != first.path and latest.gzip_path != first.gzip_path
    assert gzip.decompress(latest.gzip_path.read_bytes()) == latest.path.read_bytes() == streamed()
    packed, plain = client.get(FEED, HTTP_ACCEPT_ENCODING="gzip"), client.get(FEED)
    assert gzip.decompress(body(packed)) == body(plain) == streamed()
    assert packed["ETag"] == latest.gzip_etag and plain["ETag"] == latest.etag
    # The replaced pair stays readable a while for requests that read the old record, then goes together.
    assert gzip.decompress(first.gzip_path.read_bytes()) == first.path.read_bytes()


def test_a_file_written_without_a_copy_is_served_and_written_again(client, demo):
    written = write_feed_file(base_url=ROOT)
    record_path = feed_root() / f"{feed_file.variant(ROOT, None)}.json"
    record = json.loads(record_path.read_text())
    del record["gzip"]  # as written before there were copies
    record_path.write_text(json.dumps(record))

    response = client.get(FEED, HTTP_ACCEPT_ENCODING="gzip")  # no worker: rewritten within the request

    latest = latest_feed_file(ROOT, None)
    assert latest.gzip_path is not None and latest.path != written.path
    assert response["Content-Encoding"] == "gzip" and gzip.decompress(body(response)) == streamed()


def test_the_beat_task_rewrites_a_file_written_without_a_copy(
    demo, with_worker, django_capture_on_commit_callbacks
):
    write_feed_file(base_url=ROOT)
    record_path = feed_root() / f"{feed_file.variant(ROOT, None)}.json"
    record = json.loads(record_path.read_text())
    del record["gzip"]
    record_path.write_text(json.dumps(record))

    with django_capture_on_commit_callbacks():
        assert refresh_claimreview_feeds() == "1 feed file(s) queued"
    [job] = queued_refreshes()
    run_job(job.pk)
    assert gzip.decompress(latest_feed_file(ROOT, None).gzip_path.read_bytes()) == streamed()
