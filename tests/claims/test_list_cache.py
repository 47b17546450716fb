"""A deleted claim leaves every list of claims at once: the home list's count and pages, the Atom feed and the
sitemap files (claims/list_cache.py), whichever path deletes it, with the in-process cache and with Redis."""

import pytest
from django.contrib.admin import helpers
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from claims import views
from claims.list_cache import TOKEN_KEY
from claims.models import Claim
from claims.paging import ClaimListPaginator
from tests.factories import PublishedClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["locmem", "redis"])
def any_cache(request):
    """The cache each process keeps for itself (no REDIS_URL), then the shared Redis one."""
    if request.param == "redis":
        request.getfixturevalue("shared_cache")
    return request.param


@pytest.fixture
def claims(db):
    claims = [PublishedClaimFactory(text=f"Listed verdict number {n}.") for n in range(5)]
    for claim in claims:
        QuoteFactory(claim=claim)
    # The oldest changed last: deleting any other leaves the latest change where it was.
    Claim.objects.filter(pk=claims[0].pk).mark_changed()
    return claims


def delete_by_model(claim, reviewer, client):
    claim.delete()


def delete_in_bulk(claim, reviewer, client):
    Claim.objects.filter(pk=claim.pk).delete()


def delete_in_the_admin(claim, reviewer, client):
    client.force_login(reviewer)
    response = client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"})
    assert response.status_code == 302
    client.logout()


def delete_with_the_admin_action(claim, reviewer, client):
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [claim.pk], "post": "yes"},
    )
    assert response.status_code == 302
    client.logout()


def delete_through_the_api(claim, reviewer, client):
    api = APIClient()
    api.force_authenticate(reviewer)
    url = reverse("api:claim-detail", args=[claim.slug])
    etag = api.get(url)["ETag"]
    assert api.delete(url, HTTP_IF_MATCH=etag).status_code == 204


DELETIONS = [
    delete_by_model,
    delete_in_bulk,
    delete_in_the_admin,
    delete_with_the_admin_action,
    delete_through_the_api,
]


def count_shown(client) -> str:
    content = client.get(reverse("claims:home")).content.decode()
    return content.split('class="result-count" aria-live="polite">')[1].split("</p>")[0]


@pytest.mark.parametrize("delete", DELETIONS, ids=lambda delete: delete.__name__)
def test_a_deleted_claim_leaves_the_home_count_the_atom_feed_and_the_sitemap_at_once(
    any_cache, claims, reviewer, client, django_capture_on_commit_callbacks, delete
):
    gone = claims[2]
    # Everything is kept in the cache first.
    assert count_shown(client) == "5 claims"
    assert gone.text in client.get("/feed.atom").content.decode()
    assert gone.slug in client.get("/sitemap-claims.xml").content.decode()
    assert "<sitemap>" in client.get("/sitemap.xml").content.decode()
    no_other_change = Claim.objects.latest_change()

    with django_capture_on_commit_callbacks(execute=True):
        delete(gone, reviewer, client)

    assert not Claim.objects.filter(pk=gone.pk).exists()
    assert Claim.objects.latest_change() == no_other_change  # the latest change did not move
    assert count_shown(client) == "4 claims"
    assert gone.text not in client.get("/feed.atom").content.decode()
    assert gone.slug not in client.get("/sitemap-claims.xml").content.decode()
    assert claims[3].slug in client.get("/sitemap-claims.xml").content.decode()


def test_a_deep_page_read_from_the_kept_map_moves_up_at_once(
    any_cache, claims, client, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(views, "CLAIMS_PER_PAGE", 1)
    monkeypatch.setattr(ClaimListPaginator, "map_every", 1)  # page 3 seeks from the map's second boundary
    newest_first = list(Claim.objects.published().order_by("-published_at", "-id"))
    assert newest_first[2].text in client.get(reverse("claims:home"), {"page": 3}).content.decode()

    no_other_change = Claim.objects.latest_change()
    with django_capture_on_commit_callbacks(execute=True):
        newest_first[0].delete()

    assert Claim.objects.latest_change() == no_other_change
    third = client.get(reverse("claims:home"), {"page": 3}).content.decode()
    assert newest_first[3].text in third and newest_first[2].text not in third


def test_what_a_reader_kept_while_a_deletion_was_uncommitted_is_forgotten_at_the_commit(
    any_cache, claims, client, django_capture_on_commit_callbacks
):
    kept_before = client.get("/feed.atom").content
    with django_capture_on_commit_callbacks(execute=True):
        claims[1].delete()
        # Another process reads the rows committed so far (the claim still there) and keeps the feed under
        # the token it starts after the deletion forgot the old one.
        assert cache.get(TOKEN_KEY) is None
        client.get("/sitemap.xml")  # starts the new token
        key = f"feed:http://testserver:{Claim.objects.latest_change()}:{cache.get(TOKEN_KEY)}"
        cache.set(key, (kept_before, {"Content-Type": "application/atom+xml; charset=utf-8"}), 600)
        assert client.get("/feed.atom").content == kept_before

    assert claims[1].text not in client.get("/feed.atom").content.decode()
