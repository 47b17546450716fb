"""What the shared cache keeps for a claim is never read after a change, however readers and writers interleave.

Every test uses the shared Redis cache (tests/conftest.py `shared_cache`), as production does.
"""

import pytest
from rest_framework.test import APIClient

from claims import workflow
from claims.models import Claim
from claims.validator_cache import slot
from tests.factories import PublishedClaimFactory, QuoteFactory, SourceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]


@pytest.fixture
def claim():
    claim = PublishedClaimFactory(text="The Netherlands expelled 17 Russian intelligence officers.")
    QuoteFactory(claim=claim, source=SourceFactory(title="First report"))
    return Claim.objects.get(pk=claim.pk)


def validator_of(claim: Claim) -> dict:
    return Claim.objects.filter(pk=claim.pk).validators().get()


def test_a_304_and_a_kept_page_make_no_query(claim, client, django_assert_num_queries):
    page = client.get(claim.get_absolute_url())
    api = APIClient()
    etag = api.get(f"/api/v1/claims/{claim.slug}/")["ETag"]

    # Expect no query: the validator and the page are both kept under the claim's token.
    with django_assert_num_queries(0):
        again = client.get(claim.get_absolute_url())
        not_modified = client.get(claim.get_absolute_url(), HTTP_IF_NONE_MATCH=page["ETag"])
        api_not_modified = api.get(f"/api/v1/claims/{claim.slug}/", HTTP_IF_NONE_MATCH=etag)

    assert again.content == page.content
    assert not_modified.status_code == api_not_modified.status_code == 304


def test_what_a_reader_kept_before_a_change_is_never_read_after_it(
    claim, reviewer, client, django_capture_on_commit_callbacks
):
    late = slot(claim.slug, reader_is_public=True)  # a reader that read the claim just before the change
    before = validator_of(claim)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.correct(claim=claim, by=reviewer, note="The figure was 17, not 71.")
    late.keep(late.key("validator"), before)  # ... and keeps what it read only now

    assert "The figure was 17, not 71." in client.get(claim.get_absolute_url()).content.decode()


def test_what_a_reader_kept_while_a_change_was_uncommitted_is_forgotten_at_the_commit(
    claim, reviewer, client, django_capture_on_commit_callbacks
):
    before = validator_of(claim)
    page = client.get(claim.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        workflow.correct(claim=claim, by=reviewer, note="The figure was 17, not 71.")
        # Another process reads the rows committed so far (the claim before the correction) and keeps them
        # under the token it starts.
        racing = slot(claim.slug, reader_is_public=True)
        racing.keep(racing.key("validator"), before)
        racing.keep(racing.key("page", "http://testserver"), (page["ETag"].strip('"'), page.content))

    assert "The figure was 17, not 71." in client.get(claim.get_absolute_url()).content.decode()


def test_a_new_slug_leaves_the_old_address_to_its_redirect(claim, reviewer, client):
    old = claim.get_absolute_url()
    client.get(old)

    claim.slug = "netherlands-expelled-seventeen"
    workflow.save_claim(claim=claim, by=reviewer)

    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == "/claims/netherlands-expelled-seventeen/"


def test_a_slug_changed_without_the_workflow_is_forgotten_too(claim, client):
    old = claim.get_absolute_url()
    client.get(old)

    claim.slug = "netherlands-expelled-seventeen"
    claim.save()  # as a data fix or a test factory might: no former slug is kept

    assert client.get(old).status_code == 404


def test_a_deleted_claim_is_gone_at_once(claim, client):
    etag = client.get(claim.get_absolute_url())["ETag"]

    claim.delete()

    assert client.get(claim.get_absolute_url()).status_code == 404
    assert client.get(claim.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 404
    assert APIClient().get(f"/api/v1/claims/{claim.slug}/").status_code == 404


def test_staff_read_the_database_not_the_kept_validator(claim, editor, django_assert_num_queries):
    APIClient().get(f"/api/v1/claims/{claim.slug}/")  # kept for readers
    staff = APIClient()
    staff.force_authenticate(editor)
    etag = staff.get(f"/api/v1/claims/{claim.slug}/")["ETag"]

    response = staff.get(f"/api/v1/claims/{claim.slug}/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304 and etag.endswith('.staff"')


def test_marking_no_claim_changes_nothing(claim):
    assert Claim.objects.filter(pk__in=[]).mark_changed() == 0
    assert Claim.objects.filter(pk=claim.pk).mark_changed() == 1
