from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from claims.models import Claim, Conflict, Correction, Quote, StaleEditError
from claims.quantities import Comparator
from tests.factories import ClaimFactory, ConflictFactory, QuoteFactory, SourceFactory
from tests.integrity import rejected

pytestmark = pytest.mark.django_db


def test_claim_text_cannot_be_empty():
    assert rejected(lambda: Claim.objects.bulk_create([Claim(text="", slug="x")]))


def test_claim_slug_is_made_from_the_text_and_kept_unique():
    first = ClaimFactory(text="The Netherlands expelled 17 Russians.")
    second = ClaimFactory(text="The Netherlands expelled 17 Russians.")

    assert first.slug == "the-netherlands-expelled-17-russians"
    assert second.slug == "the-netherlands-expelled-17-russians-2"


def test_claim_status_and_verdict_must_be_known():
    assert rejected(lambda: ClaimFactory(status="archived"))
    assert rejected(lambda: ClaimFactory(verdict="pants-on-fire"))


def test_a_value_needs_a_comparator_and_the_reverse():
    assert rejected(lambda: ClaimFactory(value=Decimal(17)))
    assert rejected(lambda: ClaimFactory(comparator=Comparator.EXACT))


def test_a_range_needs_ordered_bounds():
    assert rejected(
        lambda: ClaimFactory(comparator=Comparator.RANGE, value=Decimal(8), value_upper=Decimal(5))
    )
    assert rejected(lambda: ClaimFactory(comparator=Comparator.RANGE, value=Decimal(5)))
    assert rejected(
        lambda: ClaimFactory(comparator=Comparator.EXACT, value=Decimal(5), value_upper=Decimal(8))
    )
    ClaimFactory(comparator=Comparator.RANGE, value=Decimal(5), value_upper=Decimal(8))


def test_the_period_cannot_end_before_it_starts():
    assert rejected(lambda: ClaimFactory(time_start=date(2022, 3, 31), time_end=date(2022, 3, 1)))
    assert rejected(lambda: ClaimFactory(time_start=date(2022, 3, 31)))


def test_form_validation_names_the_field_for_bad_bounds():
    claim = ClaimFactory.build(
        comparator=Comparator.RANGE, value=Decimal(8), value_upper=Decimal(5), slug="x"
    )

    with pytest.raises(ValidationError) as error:
        claim.full_clean()

    assert "value_upper" in error.value.message_dict


def test_a_published_claim_needs_a_verdict_and_dates():
    assert rejected(lambda: ClaimFactory(status=Claim.Status.PUBLISHED))
    assert rejected(
        lambda: ClaimFactory(status=Claim.Status.PUBLISHED, verdict="true", published_at=timezone.now())
    )


def test_quote_words_found_in_the_source_are_anchored():
    quote = QuoteFactory(exact="expelled from the   Netherlands")

    assert quote.is_verified
    assert quote.source.text[quote.start : quote.end] == "expelled from the Netherlands"
    assert quote.exact == "expelled from the Netherlands"
    assert quote.prefix.endswith("Seventeen Russian diplomats ")
    assert quote.suffix.startswith(" at the end of March")


def test_quote_with_straight_marks_is_anchored_to_curly_ones():
    quote = QuoteFactory(exact='"The persons concerned are secretly active')

    assert quote.is_verified
    assert quote.exact == "“The persons concerned are secretly active"


def test_quote_words_not_in_the_source_are_kept_but_flagged():
    quote = QuoteFactory(exact="Eighteen Russian diplomats")

    quote.refresh_from_db()
    assert not quote.is_verified
    assert quote.exact == "Eighteen Russian diplomats"
    assert (quote.start, quote.end) == (None, None)


def test_editing_quote_words_reanchors_them():
    quote = QuoteFactory(exact="Eighteen Russian diplomats")

    quote.exact = "Seventeen Russian diplomats"
    quote.save(update_fields=["exact"])

    quote.refresh_from_db()
    assert quote.is_verified and quote.start == 0


def test_a_verified_quote_must_have_offsets_in_the_database():
    quote = QuoteFactory()

    assert rejected(lambda: Quote.objects.filter(pk=quote.pk).update(start=None))
    assert rejected(lambda: Quote.objects.filter(pk=quote.pk).update(end=0, start=5))


def test_a_quote_on_a_source_without_text_is_a_validation_error():
    quote = QuoteFactory.build(claim=ClaimFactory(), source=SourceFactory(text=""))

    with pytest.raises(ValidationError) as error:
        quote.full_clean()

    assert "no captured text" in error.value.message_dict["source"][0]


def test_quote_stance_must_be_known():
    assert rejected(lambda: QuoteFactory(stance="endorses"))


def test_quote_value_rules_match_the_claims():
    assert rejected(lambda: QuoteFactory(value=Decimal(2), comparator=""))


def test_correction_needs_a_note():
    claim = ClaimFactory()

    assert rejected(lambda: Correction.objects.create(claim=claim, kind=Correction.Kind.CORRECTION, note=""))


def test_a_closed_conflict_needs_a_note_and_a_date():
    conflict = ConflictFactory()

    assert rejected(lambda: Conflict.objects.filter(pk=conflict.pk).update(status=Conflict.Status.RESOLVED))
    assert rejected(
        lambda: Conflict.objects.filter(pk=conflict.pk).update(
            status=Conflict.Status.RESOLVED, resolved_at=timezone.now()
        )
    )
    assert rejected(lambda: Conflict.objects.filter(pk=conflict.pk).update(resolved_at=timezone.now()))


def test_a_save_from_a_stale_copy_is_refused():
    claim = ClaimFactory()
    theirs, mine = Claim.objects.get(pk=claim.pk), Claim.objects.get(pk=claim.pk)
    theirs.explanation = "Their careful explanation."
    theirs.save()

    mine.explanation = "My overwrite."
    with pytest.raises(StaleEditError):
        mine.save()

    claim.refresh_from_db()
    assert claim.explanation == "Their careful explanation."
    assert claim.version == 2


def test_consecutive_saves_of_a_fresh_copy_succeed():
    claim = ClaimFactory()

    claim.place = "Netherlands"
    claim.save()
    claim.place = "The Hague"
    claim.save(update_fields=["place"])

    claim.refresh_from_db()
    assert (claim.place, claim.version) == ("The Hague", 3)


def test_flags_show_contested_and_unverified_claims():
    contested = ClaimFactory()
    ConflictFactory(claim=contested)
    unverified = ClaimFactory()
    QuoteFactory(claim=unverified, exact="not in the text")
    plain = ClaimFactory()
    QuoteFactory(claim=plain)

    flags = {c.pk: (c.contested, c.has_unverified) for c in Claim.objects.with_flags()}

    assert flags == {contested.pk: (True, False), unverified.pk: (False, True), plain.pk: (False, False)}


def test_reanchoring_follows_a_changed_source_text():
    quote = QuoteFactory(exact="expelled from the Netherlands")
    untouched = QuoteFactory(source=quote.source, exact="Seventeen Russian diplomats")
    source = quote.source
    source.capture("In short: " + source.text.replace("expelled from the Netherlands", "sent home"))
    source.save()

    moved = Quote.objects.filter(source=source).reanchor()

    quote.refresh_from_db()
    untouched.refresh_from_db()
    assert moved == {quote.claim_id, untouched.claim_id}
    assert not quote.is_verified
    assert untouched.is_verified and untouched.start == len("In short: ")
