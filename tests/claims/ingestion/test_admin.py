"""The admin's ingest page and the review of suggestions: accept, edit then accept, reject, in bulk."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.ingestion.decide import SuggestionError, accept_citation, reject, reopen
from claims.ingestion.suggest import ingest
from claims.models import CitationSuggestion, Claim, QuoteSuggestion, SuggestionStatus
from claims.quantities import Comparator
from sources.models import Actor, Citation, Source
from tests.factories import PublishedClaimFactory, UserFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db

TWO = {"comparator": Comparator.EXACT, "value": Decimal(2)}

ARTICLE = (
    "Seventeen Russian diplomats were expelled, NOS reported.\n"
    "Dutch Home Secretary Cassia Olangren said that two Russian diplomats had left the Netherlands."
)
INGEST = reverse("admin:sources_source_ingest")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def form(**fields):
    return {
        "text": "",
        "title": "",
        "url": "",
        "kind": "article",
        "publisher": "",
        "published_on": "",
        "language": "en",
        **fields,
    }


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_ingest_page_renders_with_exact_queries(editor_client, django_assert_num_queries):
    editor_client.get(INGEST)  # per-process caches (content types) fill on a first request
    # Session, user, permissions (2) for the page and the sidebar's app list.
    with django_assert_num_queries(4):
        response = editor_client.get(INGEST)

    assert response.status_code == 200
    assert 'name="file"' in response.text
    assert (
        f'<a href="{reverse("admin:sources_source_changelist")}">Sources</a>' in response.text
    )  # breadcrumbs


def test_the_source_list_links_to_the_ingest_page(editor_client):
    assert INGEST in editor_client.get(reverse("admin:sources_source_changelist")).text


def test_staff_who_may_not_add_sources_may_not_ingest(client):
    client.force_login(UserFactory())

    assert client.get(INGEST).status_code == 403


def test_a_pasted_text_becomes_a_source_with_suggestions(editor_client, editor):
    response = editor_client.post(INGEST, form(text=ARTICLE, published_on="2020-12-10", publisher="NL Times"))

    source = Source.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:sources_source_change", args=[source.pk])
    assert (source.published_on, source.publisher.name) == (date(2020, 12, 10), "NL Times")
    assert CitationSuggestion.objects.filter(source=source).count() == 2
    assert QuoteSuggestion.objects.filter(source=source).count() == 2
    assert any("2 citation and 2 quote suggestion(s)" in m for m in messages_of(response))


def test_an_uploaded_file_becomes_a_source(editor_client):
    upload = SimpleUploadedFile("article.txt", ARTICLE.encode("utf-8"), content_type="text/plain")

    response = editor_client.post(INGEST, {**form(), "file": upload})

    assert response.status_code == 302
    assert Source.objects.get().title == "Seventeen Russian diplomats were expelled, NOS reported."


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"%PDF-1.7 binary", "is a PDF document, not plain text"),
        (b"\x00\x01\x02\x03" * 100, "looks like a binary file"),
        (b"caf\xe9 au lait", "is not valid UTF-8 text"),
        (b"", "The submitted file is empty."),
    ],
)
def test_a_file_that_is_not_text_is_refused_and_nothing_is_saved(editor_client, content, error):
    upload = SimpleUploadedFile("article.pdf", content)

    response = editor_client.post(INGEST, {**form(), "file": upload})

    assert response.status_code == 200
    assert error in str(response.context["form"].errors["file"])
    assert not Source.objects.exists()


def test_a_file_over_the_limit_is_refused_with_its_size(editor_client, settings):
    settings.INGEST_MAX_TEXT_BYTES = 1_000
    upload = SimpleUploadedFile("long.txt", b"word " * 1_000)

    response = editor_client.post(INGEST, {**form(), "file": upload})

    assert "long.txt is 0.0 MB; texts of at most 0.0 MB" in str(response.context["form"].errors["file"])
    assert not Source.objects.exists()


def test_a_pasted_text_over_the_request_limit_gets_a_message_not_an_error_page(editor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000

    response = editor_client.post(INGEST, form(text="word " * 1_000))

    assert response.status_code == 200
    assert "larger than the" in str(response.context["form"].errors["text"])
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "error"),
    [
        ({}, "text", "Paste the text, upload a file, or give the URL to fetch it from."),
        ({"text": "   "}, "text", "Paste the text, upload a file, or give the URL to fetch it from."),
        ({"text": ARTICLE, "published_on": "the 10th"}, "published_on", "Enter a valid date."),
        ({"text": ARTICLE, "url": "not a url"}, "url", "Enter a valid URL."),
        ({"text": ARTICLE, "language": "english please"}, "language", "BCP 47"),
    ],
)
def test_bad_input_is_a_form_error_and_saves_nothing(editor_client, fields, field, error):
    response = editor_client.post(INGEST, form(**fields))

    assert response.status_code == 200
    assert error in str(response.context["form"].errors[field])
    assert not Source.objects.exists()
    assert not Actor.objects.exists()


def test_every_bad_field_is_named_in_one_submit(editor_client):
    response = editor_client.post(
        INGEST, form(published_on="the 10th", url="not a url", language="english please", title="T" * 501)
    )

    errors = response.context["form"].errors
    # A URL alone is a request to fetch the page, so the missing text is not an error of its own.
    assert set(errors) == {"published_on", "url", "language", "title"}
    assert not Source.objects.exists()


def test_neither_text_nor_url_is_named_with_the_other_bad_fields(editor_client):
    response = editor_client.post(INGEST, form(text="", published_on="the 10th", title="T" * 501))

    assert set(response.context["form"].errors) == {"text", "published_on", "title"}
    assert not Source.objects.exists()


LATIN_1 = "Le ministère a expulsé dix-sept diplomates, a dit Le Soir.".encode("latin-1")


def test_a_file_that_is_not_utf8_asks_for_its_encoding_by_name(editor_client):
    upload = SimpleUploadedFile("soir.txt", LATIN_1)

    response = editor_client.post(INGEST, {**form(language="fr"), "file": upload})

    assert "Choose its encoding under “File encoding”" in str(response.context["form"].errors["file"])
    assert 'name="encoding"' in response.content.decode()
    assert not Source.objects.exists()


@pytest.mark.parametrize("encoding", ["iso-8859-1", "windows-1252"])
def test_a_file_is_read_in_the_encoding_chosen(editor_client, encoding):
    upload = SimpleUploadedFile("soir.txt", LATIN_1)

    response = editor_client.post(INGEST, {**form(language="fr"), "file": upload, "encoding": encoding})

    assert response.status_code == 302
    assert Source.objects.get().text.startswith("Le ministère a expulsé dix-sept diplomates")


def test_a_text_and_a_file_together_are_refused(editor_client):
    upload = SimpleUploadedFile("article.txt", b"Another text.")

    response = editor_client.post(INGEST, {**form(text=ARTICLE), "file": upload})

    assert "not both" in str(response.context["form"].non_field_errors())


def test_ingesting_the_same_text_again_says_so(editor_client):
    editor_client.post(INGEST, form(text=ARTICLE))

    response = editor_client.post(INGEST, form(text=ARTICLE), follow=True)

    assert Source.objects.count() == 1
    assert any("already captured: 0 citation and 0 quote suggestion(s)" in m for m in messages_of(response))


@pytest.fixture
def suggestions(db):
    """Two ingested articles with their suggestions, in the demo's world."""
    ingest(text=ARTICLE, published_on=date(2020, 12, 10))
    ingest(
        text="Eight Russians were expelled from NATO, according to EUobserver. Police arrested 40 protesters.",
        published_on=date(2021, 10, 6),
    )


def suggestion_url(suggestion, view="change"):
    name = suggestion._meta.model_name
    return reverse(f"admin:claims_{name}_{view}", args=[suggestion.pk] if view == "change" else [])


@pytest.mark.parametrize("model", [CitationSuggestion, QuoteSuggestion], ids=lambda m: m.__name__)
def test_suggestion_lists_do_not_grow_in_queries_with_rows(editor_client, model, django_assert_num_queries):
    url = reverse(f"admin:claims_{model._meta.model_name}_changelist")
    ingest(text=ARTICLE, published_on=date(2020, 12, 10))
    editor_client.get(url, {"status__exact": "pending"})  # per-process caches fill on a first request
    # Session, user, permissions (2), the paginator's count (no second count of all rows), the page of
    # rows with their source, actor or claim.
    with django_assert_num_queries(6):
        editor_client.get(url, {"status__exact": "pending"})
    with CaptureQueriesContext(connection) as few:
        editor_client.get(url)

    for number in range(10):
        ingest(text=f"{number} Russians were expelled, NOS reported. Olangren said that {number + 20} left.")
    with CaptureQueriesContext(connection) as many:
        response = editor_client.get(url)

    assert response.status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("model", [CitationSuggestion, QuoteSuggestion], ids=lambda m: m.__name__)
def test_suggestion_pages_render_with_exact_queries(
    editor_client, suggestions, model, django_assert_num_queries
):
    suggestion = model.objects.order_by("pk").first()
    list_url = reverse(f"admin:claims_{model._meta.model_name}_changelist")
    query = {"q": "Russian", "source": suggestion.source_id}
    editor_client.get(list_url, query)  # per-process caches (content types) fill on a first request
    editor_client.get(suggestion_url(suggestion))

    # Session, user, permissions (2), the paginator's count (no second count of all rows), the page of
    # rows, the chosen source's title.
    with django_assert_num_queries(7):
        assert editor_client.get(list_url, query).status_code == 200
    # Session, user, permissions (2), the suggestion, its source's text (in context), and for a quote the other
    # suggestions of its proposal with their sources' titles; it matched no recorded actor or claim, so there is
    # no autocomplete label to read.
    with django_assert_num_queries(7 if model is QuoteSuggestion else 6):
        response = editor_client.get(suggestion_url(suggestion))

    assert response.status_code == 200
    assert 'name="_accept"' in response.text and 'name="_reject"' in response.text
    assert editor_client.get(reverse(f"admin:claims_{model._meta.model_name}_add")).status_code == 403


def test_accept_records_the_citation_and_returns_to_the_sources_suggestions(editor_client, suggestions):
    suggestion = CitationSuggestion.objects.get(cited_name="NOS")
    url = suggestion_url(suggestion)

    response = editor_client.post(
        url, {**form_data(editor_client.get(url).text, "citationsuggestion_form"), "_accept": "Accept"}
    )

    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert suggestion.citation.cited_actor.name == "NOS"
    assert response["Location"].endswith(f"?status__exact=pending&source={suggestion.source_id}")


def test_edit_then_accept_records_the_editors_version(editor_client, suggestions):
    suggestion = QuoteSuggestion.objects.get(number_text="two")
    url = suggestion_url(suggestion)
    data = form_data(editor_client.get(url).text, "quotesuggestion_form")

    editor_client.post(
        url,
        {**data, "claim_text": "Two Russian diplomats left the Netherlands in 2020.", "_accept": "Accept"},
    )

    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert suggestion.quote.claim.text == "Two Russian diplomats left the Netherlands in 2020."
    assert suggestion.quote.speaker.name == "Cassia Olangren"


def test_an_edit_that_breaks_the_suggestion_is_refused_and_nothing_is_decided(editor_client, suggestions):
    suggestion = QuoteSuggestion.objects.get(number_text="two")
    url = suggestion_url(suggestion)
    data = form_data(editor_client.get(url).text, "quotesuggestion_form")

    response = editor_client.post(
        url, {**data, "comparator": "range", "value_upper": "1", "_accept": "Accept"}
    )

    assert response.status_code == 200
    assert "upper bound must not be below" in str(response.context["adminform"].form.errors)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.PENDING


def test_reject_remembers_the_decision_and_who_made_it(editor_client, editor, suggestions):
    suggestion = CitationSuggestion.objects.get(cited_name="NOS")
    url = suggestion_url(suggestion)

    editor_client.post(
        url, {**form_data(editor_client.get(url).text, "citationsuggestion_form"), "_reject": "Reject"}
    )

    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == (SuggestionStatus.REJECTED, editor)
    page = editor_client.get(url).text
    assert 'name="_accept"' not in page and "Rejected by" in page


def test_a_rejected_suggestion_can_be_reopened_and_accepted_after_all(editor_client, editor, suggestions):
    suggestion = CitationSuggestion.objects.get(cited_name="NOS")
    reject(suggestion=suggestion, by=editor)
    url = suggestion_url(suggestion)
    page = editor_client.get(url).text
    assert 'name="_reopen"' in page

    editor_client.post(url, {**form_data(page, "citationsuggestion_form"), "_reopen": "Reopen"})

    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by, suggestion.decided_at) == (
        SuggestionStatus.PENDING,
        None,
        None,
    )
    assert 'name="_accept"' in editor_client.get(url).text
    accept_citation(suggestion=suggestion, by=editor)
    assert Citation.objects.filter(cited_actor__name="NOS").exists()


def test_only_a_rejected_suggestion_is_reopened(editor, suggestions):
    suggestion = CitationSuggestion.objects.get(cited_name="NOS")
    accept_citation(suggestion=suggestion, by=editor)

    with pytest.raises(SuggestionError, match="this one is accepted"):
        reopen(suggestion=suggestion, by=editor)
    with pytest.raises(SuggestionError, match="this one is pending"):
        reopen(suggestion=CitationSuggestion.objects.pending().first(), by=editor)


def test_reopening_in_bulk(editor_client, editor, suggestions):
    url = reverse("admin:claims_quotesuggestion_changelist")
    pending = list(QuoteSuggestion.objects.pending().values_list("pk", flat=True))
    editor_client.post(url, {"action": "reject_selected", "_selected_action": pending})

    response = editor_client.post(
        url, {"action": "reopen_selected", "_selected_action": pending}, follow=True
    )

    assert any(f"{len(pending)} suggested quote(s) reopened." in m for m in messages_of(response))
    assert QuoteSuggestion.objects.pending().count() == len(pending)


def test_a_refused_acceptance_says_why_and_leaves_the_suggestion_pending(editor_client):
    PublishedClaimFactory(text="The Netherlands expelled two Russian diplomats in December 2020.", **TWO)
    (suggestion,) = ingest(
        text="The Netherlands expelled two Russian diplomats.", published_on=date(2020, 12, 10)
    ).quotes
    url = suggestion_url(suggestion)

    response = editor_client.post(
        url,
        {**form_data(editor_client.get(url).text, "quotesuggestion_form"), "_accept": "Accept"},
        follow=True,
    )

    assert any("only a reviewer may add a quote" in m for m in messages_of(response))
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.PENDING


def test_accepting_in_bulk_goes_in_reading_order(editor_client, suggestions):
    url = reverse("admin:claims_quotesuggestion_changelist")
    pending = list(QuoteSuggestion.objects.pending().values_list("pk", flat=True))

    response = editor_client.post(
        url, {"action": "accept_selected", "_selected_action": pending}, follow=True
    )

    assert any(f"{len(pending)} suggested quote(s) accepted." in m for m in messages_of(response))
    assert not QuoteSuggestion.objects.pending().exists()
    assert Claim.objects.count() == len(pending)


def test_rejecting_in_bulk(editor_client, suggestions):
    url = reverse("admin:claims_citationsuggestion_changelist")
    pending = list(CitationSuggestion.objects.pending().values_list("pk", flat=True))

    editor_client.post(url, {"action": "reject_selected", "_selected_action": pending})

    assert set(CitationSuggestion.objects.values_list("status", flat=True)) == {SuggestionStatus.REJECTED}
    assert not Citation.objects.exists()


def test_the_source_page_links_its_pending_suggestions_and_shows_what_changed(
    editor_client, django_assert_num_queries
):
    ingest(text=ARTICLE, url="https://example.org/story")
    source = ingest(text=ARTICLE.replace("Seventeen", "Eighteen"), url="https://example.org/story").source
    url = reverse("admin:sources_source_change", args=[source.pk])
    editor_client.get(url)  # per-process caches (content types) fill on a first request

    # Session, user, permissions (2), the source, its authors, its captures, citations and quotes,
    # the previous capture, the text's citations and quotes, who cites it, the pending suggestions
    # of each kind.
    with django_assert_num_queries(15):
        page = editor_client.get(url).text

    assert f"?status__exact=pending&amp;source={source.pk}" in page
    assert "<del>Seventeen</del><ins>Eighteen</ins>" in page
    assert (
        editor_client.get(reverse("admin:sources_source_changelist"), {"edited": "yes"})
        .context["cl"]
        .result_count
        == 1
    )


def test_a_suggestion_shows_the_others_about_the_same_event(editor_client):
    """The editor sees which suggestions accepting this one will point at the same claim."""
    ingest(
        text="Belgium expelled two Russian diplomats on Tuesday, the foreign ministry said.\n"
        "The two Russian diplomats were expelled by Belgium on Tuesday, De Tijd reported.",
        title="Belgium expels two",
        published_on=date(2025, 3, 12),
    )
    first, second = QuoteSuggestion.objects.order_by("start")
    assert first.proposal and first.proposal == second.proposal

    page = editor_client.get(suggestion_url(first)).text

    assert suggestion_url(second) in page
    assert "Accepting this one, or choosing its claim, points the pending ones at the same claim." in page
    assert suggestion_url(first) not in page.split('class="proposed-with"')[1].split("</ul>")[0]  # not itself
