"""Ingesting from a URL: the admin, the API and the command fetch the page, read its article and archive it."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.ingestion.from_url import ingest_url
from claims.models import QuoteSuggestion
from sources.archive import read_response
from sources.models import CaptureArchive, Source
from tests.news_site import EXPULSION, FURNITURE, article_html

pytestmark = pytest.mark.django_db

TITLE = "Netherlands expels 17 Russian intelligence officers"


@pytest.fixture
def story(news_site):
    news_site.pages["/world/expelled/"] = article_html(title=TITLE, paragraphs=EXPULSION)
    return news_site.url("/world/expelled/")


def test_a_url_is_captured_with_what_the_page_says_of_itself(story):
    result = ingest_url(url=story)

    source = result.source
    assert result.outcome == "created"
    assert (source.title, source.url, source.language) == (TITLE, story, "en")
    assert source.published_on.isoformat() == "2022-03-29"
    assert source.publisher.name == "The Daily Ledger"
    assert [author.name for author in source.authors.all()] == ["Anna de Vries"]
    assert EXPULSION[0] in source.text
    assert not any(furniture in source.text for furniture in FURNITURE)
    assert QuoteSuggestion.objects.filter(source=source, number_text="17").exists()


def test_the_response_is_archived_beside_the_capture_and_reads_back(story):
    source = ingest_url(url=story).source

    archive = CaptureArchive.objects.get(capture__source=source)
    assert archive.capture.text_sha256 == source.text_sha256
    archived = read_response(bytes(archive.warc))
    assert archived.url == story and archived.status == 200
    assert TITLE.encode() in archived.content


def test_the_same_page_again_changes_nothing(story):
    ingest_url(url=story)

    again = ingest_url(url=story)

    assert again.outcome == "unchanged"
    assert (Source.objects.count(), CaptureArchive.objects.count()) == (1, 1)


def test_a_page_that_is_not_there_is_refused_on_the_url_field(news_site):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        ingest_url(url=news_site.url("/no-such-story/"))

    assert refused.value.message_dict == {"url": ["The page answered 404 Not Found."]}
    assert not Source.objects.exists()


def test_the_admin_ingests_a_url_alone(client, editor, story):
    client.force_login(editor)
    data = {"text": "", "title": "", "url": story, "kind": "article", "publisher": "", "published_on": ""}

    response = client.post(reverse("admin:sources_source_ingest"), {**data, "language": ""})

    source = Source.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:sources_source_change", args=[source.pk])
    assert source.title == TITLE


def test_the_command_ingests_a_url(story):
    out = StringIO()

    call_command("ingest", "--url", story, stdout=out)

    assert f"“{TITLE}” captured" in out.getvalue()
    assert Source.objects.get().url == story


def test_the_command_says_why_a_url_was_not_fetched(settings):
    settings.FETCH_ALLOW_PRIVATE = False
    with pytest.raises(CommandError, match=r"url: .*cloud metadata"):
        call_command("ingest", "--url", "http://169.254.169.254/latest/meta-data/")


def test_with_a_broker_the_admin_sends_a_url_to_a_job_and_shows_its_page(
    client, editor, story, settings, django_capture_on_commit_callbacks
):
    from claims.models import Job

    settings.INGEST_URL_BACKGROUND = True
    client.force_login(editor)
    data = {"text": "", "title": "", "url": story, "kind": "article", "publisher": "", "published_on": ""}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:sources_source_ingest"), {**data, "language": ""})

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:claims_job_change", args=[job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and Source.objects.get().title == TITLE
