import pytest

from claims import workflow
from claims.conflicts import refresh_conflicts
from claims.models import Claim, Correction
from tests.factories import ClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_claim():
    claim = ClaimFactory(verdict="true", status=Claim.Status.IN_REVIEW)
    QuoteFactory(claim=claim)
    return claim


def test_an_editor_submits_a_draft_for_review(editor):
    claim = ClaimFactory()

    workflow.submit_for_review(claim=claim, by=editor)

    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW


def test_an_editor_cannot_publish(editor, ready_claim):
    with pytest.raises(workflow.WorkflowError, match="Only a reviewer"):
        workflow.publish(claim=ready_claim, by=editor)

    ready_claim.refresh_from_db()
    assert ready_claim.status == Claim.Status.IN_REVIEW


def test_a_reviewer_publishes(reviewer, ready_claim):
    workflow.publish(claim=ready_claim, by=reviewer)

    ready_claim.refresh_from_db()
    assert ready_claim.status == Claim.Status.PUBLISHED
    assert ready_claim.published_at is not None
    assert ready_claim.reviewed_on is not None
    assert ready_claim.history.first().history_user == reviewer


def test_publishing_needs_a_verdict(reviewer, ready_claim):
    ready_claim.verdict = ""
    ready_claim.save()

    with pytest.raises(workflow.WorkflowError, match="no verdict"):
        workflow.publish(claim=ready_claim, by=reviewer)


def test_publishing_needs_a_verified_quote(reviewer):
    claim = ClaimFactory(verdict="true", status=Claim.Status.IN_REVIEW)
    QuoteFactory(claim=claim, exact="words the source never used")

    with pytest.raises(workflow.WorkflowError, match="no quote found"):
        workflow.publish(claim=claim, by=reviewer)


def test_a_correction_keeps_a_dated_public_note(reviewer, ready_claim):
    workflow.publish(claim=ready_claim, by=reviewer)

    correction = workflow.correct(claim=ready_claim, by=reviewer, note="The count was 17, not 18.")

    ready_claim.refresh_from_db()
    assert ready_claim.status == Claim.Status.CORRECTED
    assert ready_claim.is_public
    assert (correction.kind, correction.note, correction.created_by) == (
        Correction.Kind.CORRECTION,
        "The count was 17, not 18.",
        reviewer,
    )
    assert correction.published_at.date() == ready_claim.reviewed_on


def test_a_retraction_takes_the_claim_off_the_public_pages(reviewer, ready_claim):
    workflow.publish(claim=ready_claim, by=reviewer)

    workflow.retract(claim=ready_claim, by=reviewer, note="The source was fabricated.")

    assert not Claim.objects.published().filter(pk=ready_claim.pk).exists()
    assert ready_claim.corrections.get().kind == Correction.Kind.RETRACTION


def test_a_correction_needs_a_note(reviewer, ready_claim):
    workflow.publish(claim=ready_claim, by=reviewer)

    with pytest.raises(workflow.WorkflowError, match="public note"):
        workflow.correct(claim=ready_claim, by=reviewer, note="   ")

    assert not ready_claim.corrections.exists()


def test_an_editor_cannot_correct(editor, reviewer, ready_claim):
    workflow.publish(claim=ready_claim, by=reviewer)

    with pytest.raises(workflow.WorkflowError):
        workflow.correct(claim=ready_claim, by=editor, note="Fix.")


def test_only_a_draft_is_submitted(editor, reviewer, ready_claim):
    workflow.publish(claim=ready_claim, by=reviewer)

    with pytest.raises(workflow.WorkflowError, match="Only a draft"):
        workflow.submit_for_review(claim=ready_claim, by=editor)


def test_a_draft_cannot_be_corrected(reviewer):
    with pytest.raises(workflow.WorkflowError, match="Only a published claim"):
        workflow.correct(claim=ClaimFactory(), by=reviewer, note="Fix.")


def test_published_queryset_holds_published_and_corrected_only(reviewer):
    statuses = [Claim.Status.DRAFT, Claim.Status.IN_REVIEW]
    for status in statuses:
        ClaimFactory(status=status)
    published = ClaimFactory(verdict="true", status=Claim.Status.IN_REVIEW)
    QuoteFactory(claim=published)
    workflow.publish(claim=published, by=reviewer)

    assert list(Claim.objects.published()) == [published]


def test_a_draft_must_be_reviewed_before_it_is_published(reviewer):
    claim = ClaimFactory(verdict="true")
    QuoteFactory(claim=claim)

    with pytest.raises(workflow.WorkflowError, match="Only a claim in review"):
        workflow.publish(claim=claim, by=reviewer)


@pytest.fixture
def contested_claim(ready_claim):
    QuoteFactory(claim=ready_claim, value=2, comparator="exact")
    QuoteFactory(claim=ready_claim, value=1, comparator="exact")
    refresh_conflicts(claim=ready_claim)
    return ready_claim


def test_publishing_with_an_open_conflict_waits_for_the_reviewers_confirmation(reviewer, contested_claim):
    with pytest.raises(workflow.NeedsConfirmation) as asked:
        workflow.publish(claim=contested_claim, by=reviewer)

    contested_claim.refresh_from_db()
    assert contested_claim.status == Claim.Status.IN_REVIEW
    assert asked.value.warnings == ["1 open conflict"]


def test_a_confirmed_publication_records_what_was_confirmed_in_the_history(reviewer, contested_claim):
    workflow.publish(claim=contested_claim, by=reviewer, confirmed=True)

    latest = contested_claim.history.latest()
    assert latest.status == Claim.Status.PUBLISHED and latest.history_user == reviewer
    assert latest.history_change_reason == "Published with 1 open conflict, confirmed by the reviewer."


def test_unverified_quotes_are_a_warning_too(reviewer, ready_claim):
    QuoteFactory(claim=ready_claim, exact="words that the source does not hold")

    assert workflow.publication_warnings(ready_claim) == ["1 quote not found in its source"]
