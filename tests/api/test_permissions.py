"""What permissions mean beyond the status code: what gets written, by whom, and what is refused.

The status every role gets on every route and method is in test_permission_matrix.py.
"""

import pytest
from django.urls import reverse

from claims.models import Claim, Conflict
from sources.models import Source
from tests.factories import (
    ClaimFactory,
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "editor", "reviewer"]


def url(name, *args):
    return reverse(f"api:{name}", args=args)


def expect(role, anonymous, editor, reviewer):
    return {"anonymous": anonymous, "editor": editor, "reviewer": reviewer}[role]


def new_claim_body():
    return {
        "text": "Belgium expelled 21 Russian diplomats in March 2022.",
        "comparator": "exact",
        "value": "21",
    }


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_a_published_claim_and_its_parts(as_role, demo, role):
    claim = Claim.objects.get(slug="netherlands-expelled-17-russian-intelligence-officers-march-2022")
    quote = claim.quotes.first()
    client = as_role(role)

    assert client.get(url("claim-detail", claim.slug)).status_code == 200
    assert client.get(url("claim-claimreview", claim.slug)).status_code == 200
    assert client.get(url("quote-detail", quote.pk)).status_code == 200
    assert client.get(url("source-detail", quote.source_id)).status_code == 200
    assert client.get(url("actor-detail", quote.speaker_id)).status_code == 200


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("editor", 201), ("reviewer", 201)])
def test_creating_a_claim(as_role, db, role, status):
    response = as_role(role).post(url("claim-list"), new_claim_body(), format="json")

    assert response.status_code == status
    assert Claim.objects.filter(text__startswith="Belgium").exists() == (status == 201)


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("editor", 403), ("reviewer", 204)])
def test_deleting_a_claim_with_if_match_any(as_role, db, role, status):
    claim = ClaimFactory()

    response = as_role(role).delete(url("claim-detail", claim.slug), HTTP_IF_MATCH="*")

    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("editor", 403), ("reviewer", 200)])
def test_publishing(as_role, db, role, status):
    claim = ClaimFactory(verdict="true", status=Claim.Status.IN_REVIEW)
    QuoteFactory(claim=claim)

    response = as_role(role).post(url("claim-publish", claim.slug))

    assert response.status_code == status
    claim.refresh_from_db()
    assert (claim.status == Claim.Status.PUBLISHED) == (status == 200)


@pytest.mark.parametrize("action", ["correct", "retract"])
@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("editor", 403), ("reviewer", 200)])
def test_correcting_and_retracting(as_role, db, role, status, action):
    claim = PublishedClaimFactory()

    response = as_role(role).post(url(f"claim-{action}", claim.slug), {"note": "Fixed."}, format="json")

    assert response.status_code == status
    assert claim.corrections.exists() == (status == 200)


@pytest.mark.parametrize(
    ("role", "on_draft", "on_published"),
    [("anonymous", 401, 401), ("editor", 201, 403), ("reviewer", 201, 201)],
)
def test_adding_quotes(as_role, db, role, on_draft, on_published):
    source = SourceFactory()
    client = as_role(role)
    body = {"source": source.pk, "exact": "Seventeen Russian diplomats", "stance": "supports"}

    draft = client.post(url("quote-list"), {**body, "claim": ClaimFactory().slug}, format="json")
    published = client.post(url("quote-list"), {**body, "claim": PublishedClaimFactory().slug}, format="json")

    assert (draft.status_code, published.status_code) == (on_draft, on_published)


def test_deleting_a_quoted_source_is_a_409_not_a_500(as_role, db):
    quote = QuoteFactory()

    response = as_role("reviewer").delete(url("source-detail", quote.source_id))

    assert response.status_code == 409
    assert "refer to this one" in response.json()["detail"]
    assert Source.objects.filter(pk=quote.source_id).exists()


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("editor", 200), ("reviewer", 200)])
def test_resolving_a_conflict_records_who(as_role, db, role, status, editor, reviewer):
    claim = ClaimFactory()
    conflict = Conflict.objects.create(claim=claim, kind="other", detected=False)

    response = as_role(role).patch(
        url("conflict-detail", conflict.pk), {"status": "explained", "note": "Two events."}, format="json"
    )

    assert response.status_code == status
    if status == 200:
        assert response.json()["resolved_by"] == {"editor": editor, "reviewer": reviewer}[role].username


def test_a_token_authenticates_a_staff_client(api, editor):
    token = api.post(
        url("token"), {"username": editor.username, "password": "correct horse battery staple"}, format="json"
    )

    api.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    response = api.post(url("claim-list"), new_claim_body(), format="json")

    assert response.status_code == 201
    assert Claim.objects.get(slug=response.json()["slug"]).created_by == editor


def test_a_staff_account_outside_both_groups_cannot_write(api, db):
    from tests.factories import UserFactory

    api.force_authenticate(UserFactory())

    assert api.post(url("claim-list"), new_claim_body(), format="json").status_code == 403
