"""POST /api/v1/ingest/: staff capture a document and get the suggestions, with JSON errors by field."""

import json

import pytest
from django.urls import reverse

from claims.models import CitationSuggestion, QuoteSuggestion
from sources.models import Capture, Source
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("api:ingest")
ARTICLE = "Seventeen Russian diplomats were expelled, NOS reported.\nThe minister said that 15 Dutch diplomats left."


def test_a_new_document_is_created_with_its_suggestions(as_role, django_assert_max_num_queries):
    client = as_role("editor")

    # Bounded whatever the text holds: the source, its capture, actors and claims looked up once,
    # one claim search per number, and the suggestions written in bulk.
    with django_assert_max_num_queries(40):
        response = client.post(URL, {"text": ARTICLE, "published_on": "2022-04-19"}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["outcome"] == "created"
    assert body["source"]["title"] == "Seventeen Russian diplomats were expelled, NOS reported."
    assert body["source"]["published_on"] == "2022-04-19"
    assert [c["cited_name"] for c in body["citation_suggestions"]] == ["NOS"]
    assert [(q["number_text"], q["value"], q["comparator"]) for q in body["quote_suggestions"]] == [
        ("Seventeen", 17, "exact"),
        ("15", 15, "exact"),
    ]
    assert body["quote_suggestions"][0]["claim"] is None and body["quote_suggestions"][0]["claim_text"]


def test_the_same_document_again_is_200_and_proposes_nothing_new(as_role):
    client = as_role("reviewer")
    client.post(URL, {"text": ARTICLE, "url": "https://example.org/a"}, format="json")

    response = client.post(URL, {"text": ARTICLE, "url": "https://example.org/a"}, format="json")

    assert response.status_code == 200
    assert (response.json()["outcome"], response.json()["quote_suggestions"]) == ("unchanged", [])


def test_a_changed_text_at_the_same_url_is_a_new_capture(as_role):
    client = as_role("editor")
    client.post(URL, {"text": ARTICLE, "url": "https://example.org/a"}, format="json")

    response = client.post(
        URL, {"text": ARTICLE.replace("15", "16"), "url": "https://example.org/a"}, format="json"
    )

    assert response.json()["outcome"] == "recaptured"
    assert Source.objects.count() == 1 and Capture.objects.count() == 2
    assert [q["value"] for q in response.json()["quote_suggestions"]] == [16]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({}, "text", "Give the text, or a url to fetch it from."),
        ({"text": "  \n "}, "text", "is empty"),
        ({"text": "a\u0000b"}, "text", "Null characters are not allowed."),
        ({"text": "x", "published_on": "last Tuesday"}, "published_on", "Date has wrong format"),
        ({"text": "x", "url": "not a url"}, "url", "Enter a valid URL."),
        ({"text": "x", "language": "english!"}, "language", "BCP 47"),
        ({"text": "x", "kind": "novel"}, "kind", "is not a valid choice"),
        ({"text": "x", "title": "t" * 501}, "title", "no more than 500 characters"),
        ({"text": "x", "colour": "red"}, "colour", "Unknown field."),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_saves_nothing(as_role, body, field, message):
    response = as_role("editor").post(URL, body, format="json")

    assert response.status_code == 400
    assert message in " ".join(response.json()["errors"][field])
    assert not Source.objects.exists()


def test_a_fifty_megabyte_text_is_413(as_role):
    body = json.dumps({"text": "word " * (10 * 1024 * 1024)})

    response = as_role("editor").post(URL, body, content_type="application/json")

    assert response.status_code == 413
    assert response.json()["detail"] == "The request body is larger than 15,000,000 bytes."
    assert not Source.objects.exists()


def test_a_text_just_over_the_ingest_limit_is_refused_by_field(as_role, settings):
    settings.INGEST_MAX_TEXT_BYTES = 1_000

    response = as_role("editor").post(URL, {"text": "word " * 300}, format="json")

    assert response.status_code == 400
    assert "texts of at most" in response.json()["errors"]["text"][0]


def test_only_json_is_accepted(as_role):
    response = as_role("editor").post(URL, ARTICLE, content_type="text/plain")

    assert response.status_code == 415


def test_staff_without_the_right_to_add_sources_may_not_ingest(api):
    api.force_authenticate(UserFactory())

    assert api.post(URL, {"text": ARTICLE}, format="json").status_code == 403
    assert not CitationSuggestion.objects.exists() and not QuoteSuggestion.objects.exists()


def test_a_publisher_name_not_yet_recorded_is_added_and_said(as_role):
    response = as_role("editor").post(URL, {"text": ARTICLE, "publisher": "NL Times"}, format="json")

    assert response.json()["source"]["publisher"]["name"] == "NL Times"
    assert "was not a recorded actor" in response.json()["notes"][0]
    assert Source.objects.get().published_on is None  # unknown, not guessed


def test_a_new_document_answers_with_the_location_of_its_source(as_role):
    response = as_role("editor").post(URL, {"text": ARTICLE}, format="json")

    assert response.status_code == 201
    assert response["Location"] == f"http://testserver/api/v1/sources/{response.json()['source']['id']}/"
