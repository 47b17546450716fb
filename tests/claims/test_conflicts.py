from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from claims.conflicts import (
    AUTO_CLOSE_NOTE,
    CLOSING_NEEDS_NOTE,
    QUOTES_OFF_CLAIM,
    TOO_FEW_QUOTES,
    close_conflict,
    raise_conflict,
    refresh_conflicts,
    update_conflict,
)
from claims.models import Claim, Conflict, Quote
from claims.quantities import Comparator
from tests.factories import ClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def account(claim, value, comparator=Comparator.EXACT, **fields):
    return QuoteFactory(claim=claim, value=Decimal(value), comparator=comparator, **fields)


def conflict_sets(claim, status=Conflict.Status.OPEN):
    return {
        (conflict.kind, frozenset(conflict.quotes.values_list("pk", flat=True)))
        for conflict in claim.conflicts.filter(status=status)
    }


def test_exact_values_that_differ_open_a_conflict():
    claim = ClaimFactory()
    one, two = account(claim, 1), account(claim, 2)

    refresh_conflicts(claim=claim)

    assert conflict_sets(claim) == {(Conflict.Kind.VALUES, frozenset({one.pk, two.pk}))}


def test_almost_forty_and_thirty_eight_do_not_conflict():
    claim = ClaimFactory()
    account(claim, 40, Comparator.APPROXIMATELY)
    account(claim, 38)

    assert refresh_conflicts(claim=claim) == []


def test_at_least_two_and_five_do_not_conflict():
    claim = ClaimFactory()
    account(claim, 2, Comparator.AT_LEAST)
    account(claim, 5)

    assert refresh_conflicts(claim=claim) == []


def test_support_and_dispute_conflict():
    claim = ClaimFactory()
    supports = QuoteFactory(claim=claim, stance=Quote.Stance.SUPPORTS)
    disputes = QuoteFactory(claim=claim, stance=Quote.Stance.DISPUTES)
    QuoteFactory(claim=claim, stance=Quote.Stance.MENTIONS)

    refresh_conflicts(claim=claim)

    assert conflict_sets(claim) == {(Conflict.Kind.STANCE, frozenset({supports.pk, disputes.pk}))}


def test_different_time_qualifiers_are_different_facts():
    claim = ClaimFactory(text="NATO expelled members of Russia's mission.")
    account(claim, 8, time_start=date(2021, 1, 1), time_end=date(2021, 12, 31), time_label="2021")
    account(claim, 2, time_start=date(2009, 1, 1), time_end=date(2009, 12, 31), time_label="2009")

    assert refresh_conflicts(claim=claim) == []


def test_a_quote_without_its_own_time_speaks_of_the_claims_time():
    claim = ClaimFactory(time_start=date(2020, 12, 1), time_end=date(2020, 12, 31))
    account(claim, 2)
    account(claim, 1, time_start=date(2020, 1, 1), time_end=date(2020, 12, 31))

    assert len(refresh_conflicts(claim=claim)) == 1


def test_conflict_closes_by_itself_when_the_disagreement_disappears():
    claim = ClaimFactory()
    account(claim, 1)
    two = account(claim, 2)
    (conflict,) = refresh_conflicts(claim=claim)

    two.value = Decimal(1)
    two.save()
    refresh_conflicts(claim=claim)

    conflict.refresh_from_db()
    assert conflict.status == Conflict.Status.RESOLVED
    assert conflict.closed_by_detection
    assert conflict.note == AUTO_CLOSE_NOTE
    assert conflict.resolved_at is not None


def test_auto_closed_conflict_reopens_when_the_disagreement_returns():
    claim = ClaimFactory()
    account(claim, 1)
    two = account(claim, 2)
    (conflict,) = refresh_conflicts(claim=claim)
    two.value = Decimal(1)
    two.save()
    refresh_conflicts(claim=claim)

    two.value = Decimal(2)
    two.save()
    refresh_conflicts(claim=claim)

    conflict.refresh_from_db()
    assert conflict.status == Conflict.Status.OPEN
    assert claim.conflicts.count() == 1


def test_conflict_a_person_resolved_is_not_reopened_for_the_same_quotes(reviewer):
    claim = ClaimFactory()
    account(claim, 1)
    account(claim, 2)
    (conflict,) = refresh_conflicts(claim=claim)
    close_conflict(conflict=conflict, status=Conflict.Status.EXPLAINED, note="Different counts.", by=reviewer)

    assert refresh_conflicts(claim=claim) == []
    conflict.refresh_from_db()
    assert conflict.status == Conflict.Status.EXPLAINED
    assert conflict.resolved_by == reviewer


def test_a_new_disagreeing_account_after_resolution_opens_a_new_conflict(reviewer):
    claim = ClaimFactory()
    account(claim, 1)
    account(claim, 2)
    (resolved,) = refresh_conflicts(claim=claim)
    close_conflict(conflict=resolved, status=Conflict.Status.RESOLVED, note="Checked.", by=reviewer)

    account(claim, 3)
    (new,) = refresh_conflicts(claim=claim)

    assert new.pk != resolved.pk
    assert new.quotes.count() == 3


def test_an_open_conflict_grows_when_another_account_disagrees():
    claim = ClaimFactory()
    account(claim, 1)
    account(claim, 2)
    (conflict,) = refresh_conflicts(claim=claim)

    account(claim, 3)
    (again,) = refresh_conflicts(claim=claim)

    assert again.pk == conflict.pk
    assert again.quotes.count() == 3


def test_accounts_that_agree_stay_out_of_the_conflict():
    claim = ClaimFactory()
    one, two = account(claim, 1), account(claim, 2)
    account(claim, 1, Comparator.AT_LEAST)

    refresh_conflicts(claim=claim)

    assert conflict_sets(claim) == {(Conflict.Kind.VALUES, frozenset({one.pk, two.pk}))}


def test_a_disputing_quote_is_not_compared_by_value():
    claim = ClaimFactory()
    account(claim, 17)
    account(claim, 15, stance=Quote.Stance.DISPUTES)

    (conflict,) = refresh_conflicts(claim=claim)

    assert conflict.kind == Conflict.Kind.STANCE


def test_detection_leaves_conflicts_raised_by_hand_alone(editor):
    claim = ClaimFactory()
    first, second = QuoteFactory(claim=claim), QuoteFactory(claim=claim)
    manual = raise_conflict(claim=claim, quotes=[first, second], note="Different narratives.", by=editor)

    refresh_conflicts(claim=claim)

    manual.refresh_from_db()
    assert manual.is_open
    assert manual.history.first().history_user == editor


def test_refreshing_twice_changes_nothing():
    claim = ClaimFactory()
    account(claim, 1)
    account(claim, 2)
    refresh_conflicts(claim=claim)
    history_rows = Conflict.history.count()

    refresh_conflicts(claim=claim)

    assert Conflict.history.count() == history_rows
    assert claim.conflicts.count() == 1


def test_december_2020_accounts_conflict_in_the_demo(demo):
    claim = Claim.objects.get(slug="netherlands-expelled-two-russian-diplomats-december-2020")

    (conflict,) = claim.conflicts.open()

    values = sorted(quote.value for quote in conflict.quotes.all())
    assert values == [1, 2, 2]


def test_nato_2021_claim_has_no_conflict_in_the_demo(demo):
    claim = Claim.objects.get(slug="nato-expelled-eight-russian-mission-members-2021")

    assert not claim.conflicts.exists()


def test_closing_needs_a_note(reviewer):
    claim = ClaimFactory()
    account(claim, 1)
    account(claim, 2)
    (conflict,) = refresh_conflicts(claim=claim)

    with pytest.raises(ValidationError) as refused:
        close_conflict(conflict=conflict, status=Conflict.Status.RESOLVED, note="  ", by=reviewer)

    assert refused.value.message_dict == {"note": [CLOSING_NEEDS_NOTE]}


def test_reopening_a_closed_conflict_clears_who_resolved_it(reviewer):
    claim = ClaimFactory()
    account(claim, 1)
    account(claim, 2)
    (conflict,) = refresh_conflicts(claim=claim)
    close_conflict(conflict=conflict, status=Conflict.Status.EXPLAINED, note="Different counts.", by=reviewer)

    update_conflict(conflict=conflict, status=Conflict.Status.OPEN, note="Reopened: same event.", by=reviewer)

    conflict.refresh_from_db()
    assert (conflict.status, conflict.resolved_at, conflict.resolved_by, conflict.note) == (
        Conflict.Status.OPEN,
        None,
        None,
        "Reopened: same event.",
    )


def test_a_conflict_raised_by_hand_needs_two_quotes_of_its_claim(reviewer):
    claim, other = ClaimFactory(), ClaimFactory()
    first, elsewhere = account(claim, 1), account(other, 2)

    with pytest.raises(ValidationError) as one:
        raise_conflict(claim=claim, quotes=[first], note="n", by=reviewer)
    with pytest.raises(ValidationError) as off_claim:
        raise_conflict(claim=claim, quotes=[first, elsewhere], note="n", by=reviewer)

    assert one.value.message_dict == {"quotes": [TOO_FEW_QUOTES]}
    assert off_claim.value.message_dict == {"quotes": [QUOTES_OFF_CLAIM]}
    assert not Conflict.objects.filter(detected=False).exists()
