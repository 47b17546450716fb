"""The OpenAPI schema is valid, and the API keeps its promises under generated input (schemathesis)."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, Phase, settings
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token
from schemathesis import checks

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 8


def test_schema_is_valid_openapi(client):
    schema = client.get(reverse("schema"), {"format": "json"}).json()

    validate(schema)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {"/api/v1/claims/", "/api/v1/claims/{slug}/", "/api/v1/claims/{slug}/claimreview/"} <= paths
    assert "/v1alpha1/claims:search" in paths


def test_every_operation_documents_its_errors(client):
    schema = client.get(reverse("schema"), {"format": "json"}).json()

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert codes & {"400", "404"}, f"{method.upper()} {path} documents no client error"
            if method in ("post", "put", "patch", "delete") and not path.startswith("/api/v1/auth/"):
                assert {"401", "403", "429"} <= codes, f"{method.upper()} {path}"
            if "requestBody" in operation:
                # The token endpoint also takes the forms many clients try first; the rest are JSON only.
                forms = {"application/x-www-form-urlencoded", "multipart/form-data"}
                expected = {"application/json"} | (forms if path == "/api/v1/auth/token/" else set())
                assert set(operation["requestBody"]["content"]) == expected, f"{method.upper()} {path}"


def test_the_schema_is_generated_once_per_process_and_written_once_per_way_of_asking(client, monkeypatch):
    from claims.api.schema_view import SchemaView

    monkeypatch.setattr(SchemaView, "documents", {})
    monkeypatch.setattr(SchemaView, "answers", {})
    first_yaml = client.get(reverse("schema"))
    first_json = client.get(reverse("schema"), {"format": "json"})

    class NoGenerator:
        def __init__(self, *args, **kwargs):
            raise AssertionError("the schema was generated again")

    monkeypatch.setattr(SchemaView, "generator_class", NoGenerator)
    again_yaml = client.get(reverse("schema"))
    again_json = client.get(reverse("schema"), {"format": "json"})
    # Asked for another way: written again, from the document already generated.
    as_json = client.get(reverse("schema"), headers={"Accept": "application/vnd.oai.openapi+json"})

    assert again_yaml.content == first_yaml.content and again_json.content == first_json.content
    assert again_yaml["Content-Type"] == first_yaml["Content-Type"] != again_json["Content-Type"]
    assert again_yaml["Content-Disposition"] == first_yaml["Content-Disposition"]
    assert as_json.status_code == 200 and as_json.json() == again_json.json()
    assert len(SchemaView.documents) == 1 and len(SchemaView.answers) == 3


def test_docs_pages_are_served_from_our_own_static_files(client):
    for name in ("swagger-ui", "redoc"):
        page = client.get(reverse(name)).content.decode()
        assert "/static/drf_spectacular_sidecar/" in page
        assert "cdn" not in page.lower()


def test_redoc_uses_the_readers_own_fonts(client):
    page = client.get(reverse("redoc")).content.decode()

    assert "fonts.googleapis" not in page and "@font-face" not in page
    assert '"fontFamily": "system-ui' in page


CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.ignored_auth,
]

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def app_in_test_transaction():
    # Django closes "old" connections around each request; on PostgreSQL that would close the
    # connection holding this test's transaction. Django's test client does the same as this.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def reviewer_token(reviewer, demo, settings, app_in_test_transaction):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    return Token.objects.create(user=reviewer).key


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    deadline=None,
    derandomize=True,
)
def test_api_conforms_to_its_schema(case, reviewer_token):
    # As a reviewer, so that writes are exercised too; `ignored_auth` retries each call without credentials.
    # Not checked: that every schema-valid request succeeds (a quote on source 0 is valid JSON but no such
    # source exists) and that every schema-invalid one fails (DRF reads "0" for an empty page size).
    # Identity encoding: the WSGI transport hands over the body as sent, and the DataFeed is sent gzipped to a
    # client that accepts gzip (an HTTP client decodes it; the schema describes what it decodes).
    headers = {"Authorization": f"Token {reviewer_token}", "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, checks=CHECKS)
