"""Hostile input from anonymous clients and editors: always a 4xx naming the problem, never a 500."""

import base64
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from claims.models import Claim
from tests.factories import ClaimFactory, PublishedClaimFactory

pytestmark = pytest.mark.django_db

DEEP = "[" * 10_000 + "]" * 10_000
DEEP_OBJECT = '{"a":' * 10_000 + "1" + "}" * 10_000


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT], ids=["arrays", "objects"])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/claims/"),
        ("patch", "/api/v1/claims/{slug}/"),
        ("post", "/api/v1/quotes/"),
        ("post", "/api/v1/sources/"),
        ("post", "/api/v1/actors/"),
        ("post", "/api/v1/citations/"),
        ("post", "/api/v1/conflicts/"),
        ("post", "/api/v1/ingest/"),
        ("post", "/api/v1/claims/{slug}/retract/"),
        ("post", "/api/v1/auth/token/"),
    ],
)
def test_json_nested_too_deep_is_a_400_naming_the_problem(as_role, method, path, body):
    claim = ClaimFactory()
    client = as_role("reviewer")

    response = getattr(client, method)(
        path.format(slug=claim.slug), body, content_type="application/json", HTTP_IF_MATCH="*"
    )

    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


def test_json_nested_within_the_bound_still_parses(as_role):
    response = as_role("editor").post(
        "/api/v1/actors/", {"name": "NOS", "kind": "outlet", "aliases": []}, format="json"
    )

    assert response.status_code == 201


def test_import_claimreview_refuses_a_deeply_nested_file_in_one_line(tmp_path):
    feed = tmp_path / "deep.json"
    feed.write_text(DEEP)
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_claimreview", str(feed), stdout=io.StringIO(), stderr=err)

    assert "nested" in err.getvalue()
    assert "Traceback" not in err.getvalue()


def _cursor(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize("position", ["p=2024-13-45", "p=abc", "o=x", "o=-1"])
def test_a_cursor_with_a_bad_position_is_a_400_naming_the_cursor(api, position):
    PublishedClaimFactory()

    response = api.get("/api/v1/claims/", {"cursor": _cursor(position)})

    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_a_cursor_with_a_bad_date_position_on_a_date_ordering_is_a_400(api):
    PublishedClaimFactory()

    response = api.get("/api/v1/claims/", {"cursor": _cursor("p=2024-13-45"), "ordering": "updated_at"})

    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def _page_token(offset: str) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


@pytest.mark.parametrize("offset", ["9" * 60, "99999999999", "1000001"])
def test_a_page_token_past_the_documented_maximum_offset_is_a_400(api, offset):
    response = api.get("/v1alpha1/claims:search", {"query": "expelled", "pageToken": _page_token(offset)})

    assert response.status_code == 400
    assert "pageToken" in response.json()["error"]["message"]


def test_a_page_token_within_the_maximum_is_accepted(api):
    response = api.get("/v1alpha1/claims:search", {"query": "expelled", "pageToken": _page_token("10")})

    assert response.status_code == 200


@pytest.mark.parametrize("value", ["2024-01-01T00:00:00-17:52", "2024-01-01T00:00:00+24:00", ""])
def test_updated_since_out_of_range_or_empty_is_a_400_naming_the_field(api, value):
    response = api.get(f"/api/v1/claims/?updated_since={value}")

    assert response.status_code == 400
    assert "updated_since" in response.json()["errors"]


def test_updated_since_with_a_real_offset_filters(api):
    PublishedClaimFactory()

    response = api.get("/api/v1/claims/", {"updated_since": "2000-01-01T00:00:00-05:30"})

    assert response.status_code == 200 and len(response.json()["results"]) == 1


@pytest.mark.parametrize("version", [7, 1])
def test_version_is_read_only_on_create(as_role, version):
    response = as_role("editor").post(
        "/api/v1/claims/", {"text": "Seventeen were expelled.", "version": version}, format="json"
    )

    assert response.status_code == 201
    assert Claim.objects.get().version == 1


@pytest.mark.parametrize("version", [-1, 0, 99_999_999_999])
def test_a_version_out_of_range_is_a_400_naming_the_field(as_role, version):
    client = as_role("editor")
    claim = ClaimFactory()

    created = client.post(
        "/api/v1/claims/", {"text": "Nine were expelled.", "version": version}, format="json"
    )
    updated = client.patch(
        f"/api/v1/claims/{claim.slug}/", {"place": "Oslo", "version": version}, format="json"
    )

    assert created.status_code == 400 and "version" in created.json()["errors"]
    assert updated.status_code == 400 and "version" in updated.json()["errors"]
    assert Claim.objects.count() == 1


def test_import_claimreview_refuses_deep_json_ld_inside_html(tmp_path):
    deep = '{"@type": "ClaimReview", "x": ' + "[" * 500 + "]" * 500 + "}"
    page = tmp_path / "page.html"
    page.write_text(f'<html><script type="application/ld+json">{deep}</script></html>')
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_claimreview", str(page), stdout=io.StringIO(), stderr=err)

    assert "nested" in err.getvalue()


@pytest.fixture
def server(settings):
    """A client that gets the response a user would see when a view fails, instead of the exception."""
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def _fail(*args, **kwargs):
    raise RuntimeError("an unforeseen failure")


def test_an_unforeseen_error_in_an_api_view_is_a_json_500(server, monkeypatch):
    claim = PublishedClaimFactory()
    monkeypatch.setattr("claims.api.views.build_provenance", _fail)

    response = server.get(f"/api/v1/claims/{claim.slug}/provenance/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json() and "unforeseen" not in response.json()["detail"]


def test_an_unforeseen_error_in_google_search_is_a_500_in_googles_shape(server, monkeypatch):
    monkeypatch.setattr("claims.api.factchecktools.search_claims", _fail)

    response = server.get("/v1alpha1/claims:search", {"query": "expelled"})

    assert response.status_code == 500
    assert response.json()["error"]["status"] == "INTERNAL"


@pytest.mark.parametrize(
    ("path", "shape"), [("/api/v1/claims/", "detail"), ("/v1alpha1/claims:search", "error")]
)
def test_an_error_outside_the_api_views_on_an_api_path_is_a_json_500(server, monkeypatch, path, shape):
    monkeypatch.setattr("factcheck.middleware.RejectNullCharactersMiddleware.__call__", _fail)

    response = Client(raise_request_exception=False).get(path)

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()[shape]


def test_an_error_on_a_public_page_stays_an_html_500(server, monkeypatch):
    monkeypatch.setattr("factcheck.middleware.RejectNullCharactersMiddleware.__call__", _fail)

    response = Client(raise_request_exception=False).get("/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("value", ["1.5", "99999999999999999999999", "1e400", "-3", "0"])
@pytest.mark.parametrize(("path", "name"), [("/api/v1/claims/", "actor"), ("/api/v1/claims/", "source")])
def test_an_id_filter_that_is_not_an_id_is_a_400_saying_so(api, path, name, value):
    response = api.get(path, {name: value})

    assert response.status_code == 400
    assert response.json()["errors"][name] == ["Give an id: a whole number from 1 to 9223372036854775807."]


@pytest.mark.parametrize("name", ["source", "speaker"])
def test_quote_id_filters_say_what_an_id_is(api, name):
    response = api.get("/api/v1/quotes/", {name: "1.5"})

    assert response.status_code == 400
    assert response.json()["errors"][name] == ["Give an id: a whole number from 1 to 9223372036854775807."]


@pytest.mark.parametrize("value", ["null", "", "0", "-1", "1.5", "101"])
def test_a_page_size_that_is_not_1_to_100_is_a_400_naming_it(api, value):
    response = api.get("/api/v1/claims/", {"page_size": value})

    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


def test_a_page_size_within_bounds_is_honoured(api):
    PublishedClaimFactory.create_batch(3)

    assert len(api.get("/api/v1/claims/", {"page_size": "2"}).json()["results"]) == 2


# Percent-encoded: the test client, like urllib, drops a raw newline from the address it is given.
@pytest.mark.parametrize("path", ["/api/v1/a%0A", "/api/v1/%0A/b", "/api/v1/claims/x%0Ay/"])
def test_an_api_path_with_a_newline_is_a_json_404(api, path):
    response = api.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/sources/", "publisher"),
        ("/api/v1/citations/", "citing"),
        ("/api/v1/citations/", "cited_source"),
        ("/api/v1/citations/", "cited_actor"),
    ],
)
def test_an_id_no_row_has_filters_to_an_empty_page_and_a_bad_one_is_a_400(api, path, name):
    assert api.get(path, {name: "4968558"}).json()["results"] == []
    refused = api.get(path, {name: "0"})
    assert refused.status_code == 400
    assert refused.json()["errors"][name] == ["Give an id: a whole number from 1 to 9223372036854775807."]


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/claims/", "contested"),
        ("/api/v1/quotes/", "is_verified"),
        ("/api/v1/conflicts/", "detected"),
    ],
)
@pytest.mark.parametrize("value", ["null", "1", "yes", "unknown"])
def test_a_boolean_filter_takes_true_or_false_only(api, path, name, value):
    response = api.get(path, {name: value})

    assert response.status_code == 400
    assert response.json()["errors"][name] == ["Give true or false."]
    assert api.get(path, {name: "false"}).status_code == 200


@pytest.mark.parametrize("value", [0, 1.5, True])
def test_a_number_or_boolean_for_a_text_field_is_a_400_naming_it(as_role, value):
    response = as_role("editor").post(
        "/api/v1/ingest/", {"text": "Some words.", "publisher": value}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"]["publisher"] == ["Give text (a JSON string)."]


def test_an_actor_name_already_recorded_is_a_400_naming_the_name(as_role):
    client = as_role("editor")
    assert client.post("/api/v1/actors/", {"name": "NOS", "kind": "outlet"}, format="json").status_code == 201

    response = client.post("/api/v1/actors/", {"name": "nos", "kind": "outlet"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"name": ["An actor with this name is already recorded."]}


@pytest.mark.parametrize("body", ["null", "1", '"text"', "true"])
@pytest.mark.parametrize("method", ["patch", "put"])
def test_an_update_whose_json_body_is_not_an_object_is_a_400_not_a_500(as_role, method, body):
    claim = PublishedClaimFactory()

    response = getattr(as_role("reviewer"), method)(
        f"/api/v1/claims/{claim.slug}/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"]


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/", "/api/schema/"])
def test_options_on_the_api_documentation_is_not_a_500(api, path):
    response = api.options(path)

    assert response.status_code in (200, 405)


def test_the_browsable_api_names_no_missing_page_in_its_breadcrumbs(api):
    # The address without its slash is the API's catch-all 404; it is no step on the way to a list.
    response = api.get("/api/v1/claims/", HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert 'class="breadcrumb"' in response.content.decode()
    assert ">Not Found<" not in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete", "options"])
def test_an_unknown_api_address_is_a_json_404_for_every_method(api, method):
    response = getattr(api, method)("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "There is no such API address."}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/api/v1/claims/", "bogus"),
        ("/api/v1/claims/", "-text"),
        ("/api/v1/claims/", "id,bogus"),
        ("/api/v1/claims/?search=expelled", "__class__"),
        ("/api/v1/sources/", "title"),
        ("/api/v1/actors/", "-kind"),
    ],
)
def test_an_ordering_by_a_field_no_list_is_ordered_by_is_a_400_naming_it(api, path, value):
    response = api.get(path, {"ordering": value})

    assert response.status_code == 400
    assert "ordering" in response.json()["errors"]


@pytest.mark.parametrize("value", ["id", "-published_at,-id", " -updated_at ", ""])
def test_an_ordering_by_the_fields_offered_is_honoured(api, value):
    PublishedClaimFactory()

    assert api.get("/api/v1/claims/", {"ordering": value}).status_code == 200
