"""A published claim's verdict, value, time, place, sentence and explanation change only through a
correction: the change and its dated public note are one step, and readers see what changed."""

import json
from datetime import timedelta
from decimal import Decimal

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from claims import workflow
from claims.models import Claim, Correction
from claims.quantities import Comparator
from tests.factories import PublishedClaimFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db

A_MONTH_AGO = timezone.now() - timedelta(days=30)


@pytest.fixture
def published():
    return PublishedClaimFactory(
        text="Russia expelled 15 Dutch diplomats.",
        comparator=Comparator.EXACT,
        value=Decimal(15),
        unit="Dutch diplomats",
        verdict="true",
        published_at=A_MONTH_AGO,
        reviewed_on=A_MONTH_AGO.date(),
    )


def admin_change(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def admin_correct(claim: Claim) -> str:
    return reverse("admin:claims_claim_correct", args=[claim.pk])


def json_ld(page: str) -> dict:
    start = page.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(page[start : page.index("</script>", start)])


# The domain step


def test_a_correction_changes_the_claim_and_records_each_change_before_and_after(published, reviewer):
    correction = workflow.correct(
        claim=published,
        by=reviewer,
        note="Russia expelled 17, not 15.",
        changes={"value": Decimal(17), "verdict": "mostly_true"},
    )

    published.refresh_from_db()
    assert (published.value, published.verdict, published.status) == (17, "mostly_true", "corrected")
    assert published.reviewed_on == timezone.now().date()
    assert correction.changes == [
        {"field": "value", "label": "Value", "old": "15 Dutch diplomats", "new": "17 Dutch diplomats"},
        {"field": "verdict", "label": "Verdict", "old": "True", "new": "Mostly true"},
    ]
    assert published.history.first().history_change_reason.startswith("Corrected: Value 15 Dutch diplomats")


def test_a_published_claims_public_fields_cannot_be_saved_without_a_correction(published, reviewer):
    published.verdict = "false"

    with pytest.raises(ValidationError) as refused:
        workflow.save_claim(claim=published, by=reviewer)

    assert "verdict" in refused.value.message_dict and "/correct/" in refused.value.message_dict["verdict"][0]
    assert Claim.objects.get(pk=published.pk).verdict == "true"
    assert not Correction.objects.exists()


def test_a_published_claims_slug_still_changes_with_a_plain_save(published, reviewer):
    published.slug = "russia-expelled-dutch-diplomats"

    workflow.save_claim(claim=published, by=reviewer)

    assert Claim.objects.get(pk=published.pk).slug == "russia-expelled-dutch-diplomats"


def test_an_invalid_change_is_refused_by_field_and_nothing_is_saved(published, reviewer):
    with pytest.raises(ValidationError) as refused:
        workflow.correct(
            claim=published, by=reviewer, note="Dropped the verdict.", changes={"verdict": "", "value": None}
        )

    assert {"verdict", "value"} <= set(refused.value.message_dict)
    published.refresh_from_db()
    assert (published.status, published.verdict, Correction.objects.count()) == ("published", "true", 0)


def test_a_correction_from_a_stale_copy_is_refused(published, reviewer):
    loaded = published.version
    workflow.correct(claim=published, by=reviewer, note="First fix.", changes={"place": "Moscow"})

    with pytest.raises(workflow.StaleEditError):
        workflow.correct(
            claim=published, by=reviewer, note="Second fix.", changes={"place": "Russia"}, version=loaded
        )

    assert Claim.objects.get(pk=published.pk).place == "Moscow"


def test_the_same_correction_with_its_change_twice_makes_one_note(published, reviewer):
    change = {"note": "The verdict is Mostly true.", "changes": {"verdict": "mostly_true"}}
    workflow.correct(claim=published, by=reviewer, **change)

    with pytest.raises(workflow.WorkflowError, match="nothing was added"):
        workflow.correct(claim=published, by=reviewer, **change)

    assert Correction.objects.count() == 1


def test_a_retraction_is_not_a_correction(published, reviewer):
    note = workflow.retract(claim=published, by=reviewer, note="The sources were fabricated.")

    assert (note.kind, note.changes) == (Correction.Kind.RETRACTION, [])


# The admin


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def test_the_change_form_refuses_a_published_verdict_and_points_to_the_correction(published, reviewer_client):
    page = reviewer_client.get(admin_change(published)).text
    data = form_data(page, "claim_form")
    data["verdict"] = "mostly_true"

    response = reviewer_client.post(admin_change(published), data)

    assert response.status_code == 200  # the form again, with the refusal on the field
    assert "change it with a correction" in response.text and "Correct this claim" in response.text
    assert Claim.objects.get(pk=published.pk).verdict == "true"


def test_the_change_form_offers_the_correction_on_a_published_claim(published, reviewer_client):
    page = reviewer_client.get(admin_change(published)).text

    assert f'href="{admin_correct(published)}"' in page


def test_correcting_in_the_admin_changes_the_verdict_and_publishes_the_note(published, reviewer_client):
    form = reviewer_client.get(admin_correct(published)).text
    data = form_data(form, "correction_form")
    data.update({"verdict": "mostly_true", "note": "One of the 15 was a trade attaché."})

    response = reviewer_client.post(admin_correct(published), data, follow=True)

    published.refresh_from_db()
    assert published.verdict == "mostly_true" and published.status == "corrected"
    assert "corrected (verdict)" in response.text
    (note,) = published.corrections.all()
    assert note.changes == [{"field": "verdict", "label": "Verdict", "old": "True", "new": "Mostly true"}]


def test_the_correction_form_without_a_note_changes_nothing(published, reviewer_client):
    data = form_data(reviewer_client.get(admin_correct(published)).text, "correction_form")
    data.update({"verdict": "false", "note": ""})

    response = reviewer_client.post(admin_correct(published), data)

    assert response.status_code == 200 and "This field is required." in response.text
    assert Claim.objects.get(pk=published.pk).verdict == "true"


def test_the_correction_form_refuses_a_copy_changed_since_it_was_opened(published, reviewer_client, reviewer):
    data = form_data(reviewer_client.get(admin_correct(published)).text, "correction_form")
    workflow.correct(claim=published, by=reviewer, note="Meanwhile.", changes={"place": "Moscow"})
    data.update({"verdict": "false", "note": "Mine."})

    response = reviewer_client.post(admin_correct(published), data)

    assert "Someone else changed this claim" in response.text
    assert Claim.objects.get(pk=published.pk).place == "Moscow"


def test_an_editor_cannot_open_the_correction(published, client, editor):
    client.force_login(editor)

    assert client.get(admin_correct(published)).status_code == 403


# What readers see


def test_the_page_says_corrected_on_beside_the_verdict_and_lists_the_change(published, reviewer, client):
    workflow.correct(claim=published, by=reviewer, note="Reviewed again.", changes={"verdict": "mostly_true"})

    page = client.get(published.get_absolute_url()).text
    start = page.index('<header class="claim-header">')
    header = page[start : page.index("</header>", start)]

    assert "Mostly true" in header
    assert (
        f'Corrected on <time datetime="{timezone.localtime(published.corrections.get().published_at):%Y-%m-%d}'
        in header
    )
    assert "<del>True</del> → <ins>Mostly true</ins>" in page and "Reviewed again." in page


def test_claimreview_carries_the_new_verdict_and_date_modified(published, reviewer, client):
    before = json_ld(client.get(published.get_absolute_url()).text)

    workflow.correct(claim=published, by=reviewer, note="Reviewed again.", changes={"verdict": "mostly_true"})
    after = json_ld(client.get(published.get_absolute_url()).text)

    assert before["dateModified"] == A_MONTH_AGO.date().isoformat()
    assert after["dateModified"] == timezone.now().date().isoformat()
    assert after["reviewRating"]["alternateName"] == "Mostly true"


def test_the_feed_entry_moves_and_says_what_changed(published, reviewer, client):
    before = feedparser.parse(client.get(reverse("claims:feed")).content).entries[0]

    workflow.correct(claim=published, by=reviewer, note="Reviewed again.", changes={"verdict": "mostly_true"})
    (after,) = feedparser.parse(client.get(reverse("claims:feed")).content).entries

    assert after.updated_parsed > before.updated_parsed
    assert "Verdict: True → Mostly true" in after.summary and after.title.startswith("Mostly true:")


def test_a_retracted_claims_page_lists_the_retraction_apart_from_the_corrections(published, reviewer, client):
    workflow.correct(claim=published, by=reviewer, note="Reviewed again.", changes={"verdict": "mostly_true"})
    workflow.retract(claim=published, by=reviewer, note="The sources were fabricated.")

    page = client.get(published.get_absolute_url()).text

    retraction = page[
        page.index('class="notice retraction"') : page.index("</section>", page.index("notice retraction"))
    ]
    assert "The sources were fabricated." in retraction
    corrections = page[page.index('id="corrections-heading"') :]
    assert "The sources were fabricated." not in corrections[: corrections.index("</section>")]
    # No "Corrected on" marker and no change that would tell the withdrawn verdict.
    assert "Corrected on" not in page and "Mostly true" not in page


def test_line_breaks_sent_by_a_browser_are_not_a_change(reviewer):
    claim = PublishedClaimFactory(explanation="First line.\nSecond line.")

    workflow.save_claim(claim=claim, by=reviewer)  # unchanged
    claim.explanation = "First line.\r\nSecond line."
    workflow.save_claim(claim=claim, by=reviewer)

    assert Correction.objects.count() == 0
