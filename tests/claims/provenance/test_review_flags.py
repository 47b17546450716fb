"""Provenance: origins, loops, primary sources, PROV-JSON, and re-review when a source changes."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import Claim, ReviewFlag
from claims.provenance.review_flags import clear_review_flags, quotes_lost, source_changed
from sources.models import Source
from tests.forms import form_data

pytestmark = pytest.mark.django_db

SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"


def test_retracting_a_source_flags_every_claim_relying_on_it(demo, reviewer):
    letter = Source.objects.get(title__startswith="Letter to the Tweede Kamer")
    letter.status, letter.status_note = Source.Status.RETRACTED, "Withdrawn by the ministry."
    letter.save()

    flags = source_changed(source=letter, previous_status=Source.Status.CURRENT, by=reviewer)

    assert [flag.claim.slug for flag in flags] == [
        SEVENTEEN,
        "russia-expelled-15-dutch-diplomats-in-response",
        "eight-svr-and-nine-gru-officers-among-the-17-expelled",
        "netherlands-expelled-two-russian-diplomats-december-2020",
    ]
    assert flags[0].reason.startswith(
        "“Letter to the Tweede Kamer on the expulsion of Russian intelligence officers” was retracted"
    )
    assert "Withdrawn by the ministry." in flags[0].reason
    assert (
        source_changed(source=letter, previous_status=Source.Status.CURRENT, by=reviewer) == []
    )  # once only


def test_a_new_capture_without_a_quotes_words_flags_dependents(demo):
    article = Source.objects.get(title__startswith="Stoltenberg")
    article.capture(article.text.replace("8 Russians", "several Russians"))
    article.save()
    article.quotes.all().reanchor()

    flags = quotes_lost(source=article)

    assert [flag.claim.slug for flag in flags] == ["nato-expelled-eight-russian-mission-members-2021"]


def test_clearing_flags_records_who(demo, editor):
    claim = Claim.objects.get(slug=SEVENTEEN)
    ReviewFlag.objects.create(claim=claim, reason="A source changed.")

    assert clear_review_flags(claim=claim, by=editor) == 1
    assert not claim.review_flags.open().exists()
    assert claim.review_flags.get().cleared_by == editor


def test_retracting_a_source_in_the_admin_flags_its_claims(client, reviewer, demo):
    client.force_login(reviewer)
    letter = Source.objects.get(title__startswith="Letter to the Tweede Kamer")
    url = reverse("admin:sources_source_change", args=[letter.pk])
    data = form_data(client.get(url).text, "source_form")
    data.update({"status": "retracted", "status_note": "Withdrawn."})

    assert client.post(url, data).status_code == 302
    assert Claim.objects.with_flags().get(slug=SEVENTEEN).needs_review


def test_mark_reviewed_action_clears_flags(client, editor, demo):
    client.force_login(editor)
    claim = Claim.objects.get(slug=SEVENTEEN)
    ReviewFlag.objects.create(claim=claim, reason="A source changed.")

    client.post(
        reverse("admin:claims_claim_changelist"), {"action": "mark_reviewed", "_selected_action": [claim.pk]}
    )

    assert not claim.review_flags.open().exists()


def test_api_source_retraction_flags_claims(demo, reviewer):
    client = APIClient()
    client.force_authenticate(reviewer)
    letter = Source.objects.get(title__startswith="Letter to the Tweede Kamer")

    response = client.patch(
        reverse("api:source-detail", args=[letter.pk]),
        {"status": "corrected", "status_note": "Date fixed."},
        format="json",
    )

    assert response.status_code == 200
    assert ReviewFlag.objects.filter(claim__slug=SEVENTEEN, source=letter).exists()


@pytest.fixture
def api_client():
    return APIClient()
