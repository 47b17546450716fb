"""A claim's address never dies: every slug it had answers with a permanent redirect to its page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from claims import workflow
from claims.models import Claim, FormerSlug
from tests.factories import ClaimFactory, PublishedClaimFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def renamed(claim, slug, by):
    claim.slug = slug
    return workflow.save_claim(claim=claim, by=by)


def test_an_old_slug_answers_301_to_the_claim_page_however_often_it_changed(client, reviewer):
    claim = PublishedClaimFactory(slug="nl-expelled-17")
    renamed(claim, "netherlands-expelled-17", reviewer)
    renamed(claim, "netherlands-expelled-17-russians", reviewer)

    for old in ("nl-expelled-17", "netherlands-expelled-17"):
        response = client.get(f"/claims/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/claims/netherlands-expelled-17-russians/"
    assert client.get("/claims/netherlands-expelled-17-russians/").status_code == 200


def test_the_api_redirects_an_old_slug_permanently_keeping_the_method_of_a_write(api, reviewer):
    claim = PublishedClaimFactory(slug="old-address")
    renamed(claim, "new-address", reviewer)
    as_reviewer = APIClient()
    as_reviewer.force_authenticate(reviewer)

    read = api.get("/api/v1/claims/old-address/provenance/?format=json")
    write = as_reviewer.post("/api/v1/claims/old-address/retract/", {"note": "n"}, format="json")
    review = api.get("/api/v1/claims/old-address/claimreview/")

    assert read.status_code == 301
    assert read["Location"] == "http://testserver/api/v1/claims/new-address/provenance/?format=json"
    assert write.status_code == 308 and write["Location"].endswith("/api/v1/claims/new-address/retract/")
    assert review.status_code == 301 and review["Location"].endswith(
        "/api/v1/claims/new-address/claimreview/"
    )
    assert Claim.objects.get().status == Claim.Status.PUBLISHED  # the write did not happen at the old address


def test_a_former_slug_of_a_draft_does_not_reveal_it(client, api, editor):
    draft = ClaimFactory(slug="first-draft")
    renamed(draft, "second-draft", editor)

    assert client.get("/claims/first-draft/").status_code == 404
    assert api.get("/api/v1/claims/first-draft/").status_code == 404


def test_going_back_to_an_old_slug_keeps_the_newer_one_as_a_redirect(client, reviewer):
    claim = PublishedClaimFactory(slug="a")
    renamed(claim, "b", reviewer)
    renamed(claim, "a", reviewer)

    assert set(FormerSlug.objects.values_list("slug", flat=True)) == {"b"}
    assert client.get("/claims/b/")["Location"] == "/claims/a/"


def test_no_other_claim_can_take_an_address_that_still_redirects(reviewer):
    claim = PublishedClaimFactory(text="Seventeen expelled", slug="seventeen-expelled")
    renamed(claim, "seventeen-russians-expelled", reviewer)

    later = ClaimFactory(text="Seventeen expelled", slug="")
    taken = ClaimFactory.build(text="Another", slug="seventeen-expelled")

    assert later.slug == "seventeen-expelled-2"
    with pytest.raises(ValidationError) as refused:
        taken.full_clean()
    assert "slug" in refused.value.message_dict


def test_a_published_claims_slug_changed_in_the_admin_leaves_a_301_behind(client, reviewer):
    claim = PublishedClaimFactory(slug="first-address")
    client.force_login(reviewer)
    change = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(client.get(change).text, "claim_form")
    data["slug"] = "second-address"

    saved = client.post(change, data)
    client.logout()
    old = client.get("/claims/first-address/")

    assert saved.status_code == 302
    assert old.status_code == 301 and old["Location"] == "/claims/second-address/"
