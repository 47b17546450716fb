"""HTTP behaviour consumers rely on: conditional requests, clear errors for bad input, throttling."""

import pytest
from django.urls import reverse

from claims.models import Claim
from tests.factories import ClaimFactory, PublishedClaimFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"api:{name}", args=args)


def test_a_read_carries_an_etag_and_answers_304_when_it_matches(api, db):
    claim = PublishedClaimFactory()
    first = api.get(url("claim-detail", claim.slug))

    again = api.get(url("claim-detail", claim.slug), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert again.status_code == 304 and again["ETag"] == first["ETag"]


def test_if_modified_since_answers_304(api, db):
    claim = PublishedClaimFactory()
    first = api.get(url("claim-detail", claim.slug))

    again = api.get(url("claim-detail", claim.slug), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304


def test_the_etag_changes_when_a_quote_changes(api, db):
    claim = PublishedClaimFactory()
    etag = api.get(url("claim-detail", claim.slug))["ETag"]

    QuoteFactory(claim=claim)

    assert api.get(url("claim-detail", claim.slug), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_lists_carry_etags_too(api, db):
    PublishedClaimFactory()
    etag = api.get(url("claim-list"))["ETag"]

    assert api.get(url("claim-list"), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_write_with_the_current_etag_succeeds(as_role, db):
    client = as_role("editor")
    claim = ClaimFactory()
    etag = client.get(url("claim-detail", claim.slug))["ETag"]

    response = client.patch(
        url("claim-detail", claim.slug), {"place": "The Hague"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200 and response.json()["place"] == "The Hague"


def test_a_write_with_a_stale_etag_is_412_and_changes_nothing(as_role, db):
    client = as_role("editor")
    claim = ClaimFactory()
    etag = client.get(url("claim-detail", claim.slug))["ETag"]
    as_role("reviewer").patch(
        url("claim-detail", claim.slug), {"place": "Brussels", "version": 1}, format="json"
    )

    response = client.patch(
        url("claim-detail", claim.slug), {"place": "The Hague"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 412
    assert "Someone else changed this" in response.json()["detail"]
    claim.refresh_from_db()
    assert claim.place == "Brussels"


def test_a_write_with_a_stale_version_is_412(as_role, db):
    claim = ClaimFactory()
    claim.place = "Brussels"
    claim.save()  # now version 2

    response = as_role("editor").patch(
        url("claim-detail", claim.slug), {"place": "X", "version": 1}, format="json"
    )

    assert response.status_code == 412
    claim.refresh_from_db()
    assert claim.place == "Brussels"


def test_a_claim_write_without_a_precondition_is_428(as_role, db):
    claim = ClaimFactory()

    response = as_role("editor").patch(url("claim-detail", claim.slug), {"place": "X"}, format="json")

    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]


def test_a_stale_etag_on_other_resources_is_412_too(as_role, db):
    client = as_role("editor")
    source = SourceFactory()
    etag = client.get(url("source-detail", source.pk))["ETag"]
    client.patch(url("source-detail", source.pk), {"title": "First rename"}, format="json")

    response = client.patch(
        url("source-detail", source.pk), {"title": "Second"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 412


def test_invalid_json_is_a_clear_400(as_role, db):
    response = as_role("editor").generic(
        "POST", url("claim-list"), '{"text": "unterminated', content_type="application/json"
    )

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_wrong_types_name_the_field(as_role, db):
    response = as_role("editor").post(
        url("claim-list"), {"text": "A claim.", "comparator": "exact", "value": "seventeen"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"value": ["A valid number is required."]}


def test_unknown_fields_are_refused_by_name(as_role, db):
    response = as_role("editor").post(
        url("claim-list"), {"text": "A claim.", "rating": "true"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {"rating": ["Unknown field."]}


def test_model_rules_name_the_field(as_role, db):
    response = as_role("editor").post(
        url("claim-list"),
        {"text": "A claim.", "comparator": "range", "value": 8, "value_upper": 5},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"]["value_upper"] == ["The upper bound must not be below the lower bound."]
    assert not Claim.objects.exists()


def test_a_duplicate_source_url_names_the_field(as_role, db):
    client = as_role("editor")
    client.post(url("source-list"), {"title": "A", "url": "https://nltimes.nl/a"}, format="json")

    response = client.post(
        url("source-list"), {"title": "B", "url": "HTTPS://NLTIMES.NL/a#top"}, format="json"
    )

    assert response.status_code == 400
    assert "url" in response.json()["errors"]


def test_a_quote_on_a_source_without_text_names_the_field(as_role, db):
    response = as_role("editor").post(
        url("quote-list"),
        {"claim": ClaimFactory().slug, "source": SourceFactory(text="").pk, "exact": "words"},
        format="json",
    )

    assert response.status_code == 400
    assert "no captured text" in response.json()["errors"]["source"][0]


def test_an_oversized_body_is_413(as_role, db, settings):
    settings.API_MAX_BODY_BYTES = 1000

    response = as_role("editor").post(url("source-list"), {"title": "Big", "text": "x" * 5000}, format="json")

    assert response.status_code == 413
    assert "larger than 1,000 bytes" in response.json()["detail"]


def test_a_body_over_djangos_own_limit_is_413_in_json_too(as_role, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000

    response = as_role("editor").post(url("source-list"), {"title": "Big", "text": "x" * 5000}, format="json")

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than 2,000 bytes."}


def test_only_json_bodies_are_accepted(as_role, db):
    response = as_role("editor").post(url("claim-list"), {"text": "A claim."})  # multipart form

    assert response.status_code == 415


def test_a_bad_filter_value_names_the_filter(api, db):
    response = api.get(url("claim-list"), {"verdict": "pants-on-fire", "updated_since": "yesterday"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"verdict", "updated_since"}


@pytest.fixture(params=["own cache", "shared cache"])
def either_cache(request):
    """Throttle counts in the process's own cache (DRF's log), or in the shared Redis cache (a log there,
    recorded in one atomic round trip: factcheck/cache.py)."""
    if request.param == "shared cache":
        request.getfixturevalue("shared_cache")


def test_anonymous_clients_are_throttled_with_retry_after(api, db, settings, either_cache):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "100/minute"},
    }

    statuses = [api.get(url("claim-list")).status_code for _ in range(4)]
    refused = api.get(url("claim-list"))

    assert statuses == [200, 200, 200, 429]
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "throttled" in refused.json()["detail"].lower()


def test_a_conditional_claim_read_is_counted_too(api, db, settings, either_cache):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "100/minute"},
    }
    claim = PublishedClaimFactory()
    detail = url("claim-detail", claim.slug)
    etag = api.get(detail)["ETag"]

    statuses = [api.get(detail, HTTP_IF_NONE_MATCH=etag).status_code for _ in range(3)]

    assert statuses == [304, 304, 429]


def test_a_conditional_claim_read_is_counted_and_validated_in_one_round_trip(
    api, db, shared_cache, monkeypatch
):
    claim = PublishedClaimFactory()
    detail = url("claim-detail", claim.slug)
    etag = api.get(detail)["ETag"]
    # Every command the cache's Redis client sends: the throttle's count and the claim's validator are
    # read by one script (factcheck/cache.py), where they took two.
    client, commands = shared_cache._cache.get_client(write=True), []
    send = client.execute_command
    monkeypatch.setattr(
        client, "execute_command", lambda *args, **kw: commands.append(args[0]) or send(*args, **kw)
    )

    response = api.get(detail, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304 and response["ETag"] == etag
    assert commands == ["EVALSHA"]
    assert shared_cache._cache.get_client().zcard(shared_cache.make_key("throttle_anon_127.0.0.1")) == 2


def test_staff_clients_have_their_own_budget(as_role, db, settings, either_cache):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100/minute", "user": "2/minute"},
    }
    client = as_role("editor")

    statuses = [client.get(url("claim-list")).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_google_search_is_throttled_in_googles_error_shape(api, db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "user": "100/minute"},
    }
    path = reverse("factchecktools-search") + "?query=expelled"

    api.get(path)
    refused = api.get(path)

    assert refused.status_code == 429 and refused["Retry-After"]
    assert refused.json()["error"]["status"] == "RESOURCE_EXHAUSTED"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/a%00b/",
        "/api/v1/actors/1%00/",
        "/api/v1/actors/?name=Olan%00gren",
        "/api/v1/claims/?search=seven%00teen",
        "/v1alpha1/claims:search?query=seven%00teen",
        "/claims/a%00b/",
        "/?q=seven%00teen",
        "/admin/claims/claim/?q=seven%00teen",
    ],
)
def test_null_characters_are_a_4xx_never_a_500(as_role, db, path):
    # PostgreSQL refuses NUL in text, so it must never reach a query.
    response = as_role("editor").get(path)

    assert 400 <= response.status_code < 500


def test_numbers_are_json_numbers_not_strings(api, db):
    claim = PublishedClaimFactory(comparator="exact", value="17", unit="officers")
    QuoteFactory(claim=claim, value=17)

    body = api.get(url("claim-detail", claim.slug)).json()

    assert body["quantity"]["value"] == 17 and isinstance(body["quantity"]["value"], int | float)
    assert body["quotes"][0]["value"] == 17 and not isinstance(body["quotes"][0]["value"], str)


def test_the_schema_says_decimals_are_numbers(client):
    schema = client.get(reverse("schema"), {"format": "json"}).json()

    value = schema["components"]["schemas"]["Quantity"]["properties"]["value"]
    assert value["type"] == "number"


def test_a_created_claim_answers_with_its_location_and_etag(as_role, db):
    client = as_role("editor")

    response = client.post(
        url("claim-list"), {"text": "Belgium expelled 21 Russian diplomats."}, format="json"
    )

    assert response.status_code == 201
    slug = response.json()["slug"]
    assert response["Location"] == f"http://testserver/api/v1/claims/{slug}/"
    assert response["ETag"] == client.get(response["Location"])["ETag"]


def test_an_updated_claim_answers_with_the_etag_to_send_next(as_role, db):
    client = as_role("editor")
    claim = ClaimFactory()
    etag = client.get(url("claim-detail", claim.slug))["ETag"]

    first = client.patch(
        url("claim-detail", claim.slug), {"place": "Utrecht"}, format="json", HTTP_IF_MATCH=etag
    )
    second = client.patch(
        url("claim-detail", claim.slug), {"place": "The Hague"}, format="json", HTTP_IF_MATCH=first["ETag"]
    )

    assert first.status_code == 200 and first["ETag"] != etag
    assert first["Location"] == f"http://testserver/api/v1/claims/{claim.slug}/"
    assert second.status_code == 200 and second.json()["place"] == "The Hague"


def test_a_created_source_answers_with_its_location_and_etag(as_role, db):
    client = as_role("editor")

    response = client.post(url("source-list"), {"title": "A letter", "text": "Words."}, format="json")

    assert response.status_code == 201
    assert response["Location"] == f"http://testserver/api/v1/sources/{response.json()['id']}/"
    assert response["ETag"] == client.get(response["Location"])["ETag"]


def test_a_weak_etag_never_matches_if_match(as_role, db):
    client = as_role("editor")
    claim = ClaimFactory()
    etag = client.get(url("claim-detail", claim.slug))["ETag"]

    response = client.patch(
        url("claim-detail", claim.slug), {"place": "X"}, format="json", HTTP_IF_MATCH=f"W/{etag}"
    )

    assert response.status_code == 412
    claim.refresh_from_db()
    assert claim.place == ""


def test_if_match_any_does_not_replace_the_precondition_on_a_claim_update(as_role, db):
    claim = ClaimFactory()

    response = as_role("editor").patch(
        url("claim-detail", claim.slug), {"place": "X"}, format="json", HTTP_IF_MATCH="*"
    )

    assert response.status_code == 428
    claim.refresh_from_db()
    assert claim.place == ""


def test_invalid_json_carries_errors_like_every_other_400(as_role, db):
    response = as_role("editor").generic(
        "POST", url("claim-list"), '{"text": "unterminated', content_type="application/json"
    )

    assert response.status_code == 400
    body = response.json()
    assert "JSON parse error" in body["detail"]
    assert "JSON parse error" in body["errors"]["non_field_errors"][0]


def test_a_quote_whose_words_are_not_in_its_source_is_created_with_a_warning(as_role, db):
    claim = ClaimFactory()
    source = SourceFactory()

    response = as_role("editor").post(
        url("quote-list"),
        {"claim": claim.slug, "source": source.pk, "exact": "words nobody wrote", "stance": "supports"},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["is_verified"] is False
    assert body["warnings"] == [
        "The exact words were not found in the source's captured text; the quote is kept, flagged unverified."
    ]


def test_a_found_quote_is_created_without_warnings(as_role, db):
    response = as_role("editor").post(
        url("quote-list"),
        {"claim": ClaimFactory().slug, "source": SourceFactory().pk, "exact": "Seventeen Russian diplomats"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["is_verified"] is True and response.json()["warnings"] == []


def test_the_quote_schema_describes_claim_as_a_slug_reference(client):
    schema = client.get(reverse("schema"), {"format": "json"}).json()

    claim = schema["components"]["schemas"]["QuoteWriteRequest"]["properties"]["claim"]
    assert claim["description"] == "The slug of the claim the words are about."


@pytest.mark.parametrize("form", [True, False], ids=["urlencoded", "multipart"])
def test_a_form_encoded_token_request_is_accepted(api, editor, form):
    credentials = {"username": editor.username, "password": "correct horse battery staple"}
    if form:
        from urllib.parse import urlencode

        response = api.generic(
            "POST", url("token"), urlencode(credentials), content_type="application/x-www-form-urlencoded"
        )
    else:
        response = api.post(url("token"), credentials, format="multipart")

    assert response.status_code == 200 and response.json()["token"]


def test_other_endpoints_stay_json_only(as_role, db):
    response = as_role("editor").post(url("claim-list"), {"text": "A claim."}, format="multipart")

    assert response.status_code == 415
