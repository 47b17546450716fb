"""Every API route and method, for each of anonymous, editor and reviewer: the status each gets."""

import pytest
from django.urls import reverse

from claims.models import Claim, Conflict
from tests.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    draft = ClaimFactory(verdict="true")
    quote = QuoteFactory(claim=draft)
    second = QuoteFactory(claim=draft)
    published = PublishedClaimFactory()
    QuoteFactory(claim=published)
    return {
        "draft": draft,
        "published": published,
        "quote": quote,
        "second": second,
        "source": SourceFactory(),
        "actor": ActorFactory(),
        "citation": CitationFactory(),
        "conflict": Conflict.objects.create(claim=draft, kind="other", detected=False),
    }


ROLES = ["anonymous", "editor", "reviewer"]


def api(name, *args):
    return reverse(f"api:{name}", args=args)


# (label, method, path(world), body(world), anonymous, editor, reviewer)
MATRIX = [
    ("list claims", "get", lambda w: api("claim-list"), None, 200, 200, 200),
    ("read a draft", "get", lambda w: api("claim-detail", w["draft"].slug), None, 404, 200, 200),
    (
        "read a published claim",
        "get",
        lambda w: api("claim-detail", w["published"].slug),
        None,
        200,
        200,
        200,
    ),
    (
        "read its ClaimReview",
        "get",
        lambda w: api("claim-claimreview", w["published"].slug),
        None,
        200,
        200,
        200,
    ),
    ("read the ClaimReview feed", "get", lambda w: api("claimreview-feed"), None, 200, 200, 200),
    ("post to the ClaimReview feed", "post", lambda w: api("claimreview-feed"), lambda w: {}, 405, 405, 405),
    (
        "create a claim",
        "post",
        lambda w: api("claim-list"),
        lambda w: {"text": "A new claim."},
        401,
        201,
        201,
    ),
    (
        "replace a draft",
        "put",
        lambda w: api("claim-detail", w["draft"].slug),
        lambda w: {"text": "Replaced.", "version": w["draft"].version},
        401,
        200,
        200,
    ),
    (
        "edit a draft",
        "patch",
        lambda w: api("claim-detail", w["draft"].slug),
        lambda w: {"place": "Utrecht", "version": 1},
        401,
        200,
        200,
    ),
    (
        "move a published claim to a new address",
        "patch",
        lambda w: api("claim-detail", w["published"].slug),
        lambda w: {"slug": "moved-by-a-reviewer", "version": 1},
        401,
        403,
        200,
    ),
    # What readers see of a published claim changes only through a correction, even for a reviewer.
    (
        "edit a published claim's public fields",
        "patch",
        lambda w: api("claim-detail", w["published"].slug),
        lambda w: {"place": "Utrecht", "version": 1},
        401,
        403,
        400,
    ),
    (
        "correct a published claim's public fields",
        "post",
        lambda w: api("claim-correct", w["published"].slug),
        lambda w: {"place": "Utrecht", "note": "It was Utrecht."},
        401,
        403,
        200,
    ),
    (
        "delete a draft without If-Match",
        "delete",
        lambda w: api("claim-detail", w["draft"].slug),
        None,
        401,
        403,
        428,
    ),
    ("submit a draft", "post", lambda w: api("claim-submit", w["draft"].slug), None, 401, 200, 200),
    ("publish", "post", lambda w: api("claim-publish", w["draft"].slug), None, 401, 403, 409),
    (
        "correct",
        "post",
        lambda w: api("claim-correct", w["published"].slug),
        lambda w: {"note": "n", "place": "Utrecht"},
        401,
        403,
        200,
    ),
    (
        "retract",
        "post",
        lambda w: api("claim-retract", w["published"].slug),
        lambda w: {"note": "n"},
        401,
        403,
        200,
    ),
    ("list quotes", "get", lambda w: api("quote-list"), None, 200, 200, 200),
    ("read a draft's quote", "get", lambda w: api("quote-detail", w["quote"].pk), None, 404, 200, 200),
    (
        "add a quote",
        "post",
        lambda w: api("quote-list"),
        lambda w: {"claim": w["draft"].slug, "source": w["quote"].source_id, "exact": "Seventeen"},
        401,
        201,
        201,
    ),
    (
        "replace a quote",
        "put",
        lambda w: api("quote-detail", w["quote"].pk),
        lambda w: {"claim": w["draft"].slug, "source": w["quote"].source_id, "exact": "Russian diplomats"},
        401,
        200,
        200,
    ),
    (
        "edit a quote",
        "patch",
        lambda w: api("quote-detail", w["quote"].pk),
        lambda w: {"stance": "qualifies"},
        401,
        200,
        200,
    ),
    ("delete a quote", "delete", lambda w: api("quote-detail", w["quote"].pk), None, 401, 204, 204),
    ("list conflicts", "get", lambda w: api("conflict-list"), None, 200, 200, 200),
    (
        "read a draft's conflict",
        "get",
        lambda w: api("conflict-detail", w["conflict"].pk),
        None,
        404,
        200,
        200,
    ),
    (
        "raise a conflict",
        "post",
        lambda w: api("conflict-list"),
        lambda w: {"claim": w["draft"].slug, "quotes": [w["quote"].pk, w["second"].pk], "note": "n"},
        401,
        201,
        201,
    ),
    (
        "resolve a conflict",
        "patch",
        lambda w: api("conflict-detail", w["conflict"].pk),
        lambda w: {"status": "resolved", "note": "Checked."},
        401,
        200,
        200,
    ),
    (
        "replace a conflict",
        "put",
        lambda w: api("conflict-detail", w["conflict"].pk),
        lambda w: {},
        401,
        405,
        405,
    ),
    ("delete a conflict", "delete", lambda w: api("conflict-detail", w["conflict"].pk), None, 401, 403, 204),
    ("list sources", "get", lambda w: api("source-list"), None, 200, 200, 200),
    ("read an unquoted source", "get", lambda w: api("source-detail", w["source"].pk), None, 404, 200, 200),
    (
        "add a source",
        "post",
        lambda w: api("source-list"),
        lambda w: {"title": "A letter", "kind": "letter"},
        401,
        201,
        201,
    ),
    (
        "replace a source",
        "put",
        lambda w: api("source-detail", w["source"].pk),
        lambda w: {"title": "Renamed", "kind": "report", "language": "nl"},
        401,
        200,
        200,
    ),
    (
        "edit a source",
        "patch",
        lambda w: api("source-detail", w["source"].pk),
        lambda w: {"title": "Renamed"},
        401,
        200,
        200,
    ),
    ("delete a source", "delete", lambda w: api("source-detail", w["source"].pk), None, 401, 403, 204),
    ("list actors", "get", lambda w: api("actor-list"), None, 200, 200, 200),
    (
        "read an actor known to nobody public",
        "get",
        lambda w: api("actor-detail", w["actor"].pk),
        None,
        404,
        200,
        200,
    ),
    (
        "add an actor",
        "post",
        lambda w: api("actor-list"),
        lambda w: {"name": "Le Soir", "kind": "outlet"},
        401,
        201,
        201,
    ),
    (
        "replace an actor",
        "put",
        lambda w: api("actor-detail", w["actor"].pk),
        lambda w: {"name": "Renamed outlet", "kind": "outlet"},
        401,
        200,
        200,
    ),
    (
        "edit an actor",
        "patch",
        lambda w: api("actor-detail", w["actor"].pk),
        lambda w: {"description": "d"},
        401,
        200,
        200,
    ),
    ("delete an actor", "delete", lambda w: api("actor-detail", w["actor"].pk), None, 401, 403, 204),
    ("list citations", "get", lambda w: api("citation-list"), None, 200, 200, 200),
    (
        "read a private citation",
        "get",
        lambda w: api("citation-detail", w["citation"].pk),
        None,
        404,
        200,
        200,
    ),
    (
        "add a citation",
        "post",
        lambda w: api("citation-list"),
        lambda w: {"citing": w["source"].pk, "cited_actor": w["actor"].pk, "relation": "quotes"},
        401,
        201,
        201,
    ),
    (
        "replace a citation",
        "put",
        lambda w: api("citation-detail", w["citation"].pk),
        lambda w: {
            "citing": w["citation"].citing_id,
            "cited_actor": w["citation"].cited_actor_id,
            "relation": "reports",
        },
        401,
        200,
        200,
    ),
    (
        "edit a citation",
        "patch",
        lambda w: api("citation-detail", w["citation"].pk),
        lambda w: {"relation": "quotes"},
        401,
        200,
        200,
    ),
    ("delete a citation", "delete", lambda w: api("citation-detail", w["citation"].pk), None, 401, 204, 204),
    (
        "ingest a document",
        "post",
        lambda w: api("ingest"),
        lambda w: {"text": "Seventeen Russian diplomats were expelled, NOS reported."},
        401,
        201,
        201,
    ),
    ("read the ingest address", "get", lambda w: api("ingest"), None, 401, 405, 405),
    (
        "Google claims:search",
        "get",
        lambda w: reverse("factchecktools-search") + "?query=x",
        None,
        200,
        200,
        200,
    ),
    ("schema", "get", lambda w: reverse("schema"), None, 200, 200, 200),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [
        pytest.param(method, path, body, dict(zip(ROLES, codes, strict=True)), id=label)
        for label, method, path, body, *codes in MATRIX
    ],
)
def test_permission_matrix(as_role, world, role, method, path, body, expected):
    response = getattr(as_role(role), method)(path(world), body(world) if body else None, format="json")

    assert response.status_code == expected[role], response.content[:300]


def test_publishing_a_claim_without_a_verified_quote_is_a_conflict_that_says_why(as_role, db):
    claim = ClaimFactory(verdict="true", status=Claim.Status.IN_REVIEW)
    QuoteFactory(claim=claim, exact="Words the source never used")

    response = as_role("reviewer").post(api("claim-publish", claim.slug))

    assert response.status_code == 409
    assert "no quote found in its source's text" in response.json()["detail"]


def test_a_reviewer_deletes_a_claim_naming_the_copy_read(as_role, db):
    claim = ClaimFactory()
    client = as_role("reviewer")
    etag = client.get(api("claim-detail", claim.slug))["ETag"]

    assert client.delete(api("claim-detail", claim.slug), HTTP_IF_MATCH=etag).status_code == 204
    assert not Claim.objects.filter(pk=claim.pk).exists()
