"""A query compiled once (claims/prepared.py) gives each value the rows values() gives it."""

from decimal import Decimal

import pytest
from django.db.models import Exists, OuterRef

from claims.models import Claim, Quote
from claims.prepared import TEXT_MARKER, PreparedValues
from tests.factories import PublishedClaimFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def quotes_of(claim_id):
    return (
        Quote.objects.filter(claim_id=claim_id)
        .in_reading_order()
        .values("id", "exact", "value", "is_verified", "source__published_on", "source__created_at")
    )


def test_each_value_gets_the_rows_values_gives_it():
    claims = [PublishedClaimFactory() for _ in range(2)]
    for n, claim in enumerate(claims):
        for m in range(n + 2):
            QuoteFactory(claim=claim, value=Decimal(f"{m}.5"))
    prepared = PreparedValues(Quote, quotes_of)

    for claim in claims:
        rows = prepared.rows(claim.pk)
        assert rows == list(quotes_of(claim.pk)) and len(rows) == len(claim.quotes.all())
    assert prepared.rows(0) == []


def test_a_text_value_and_annotations():
    claim = PublishedClaimFactory()
    QuoteFactory(claim=claim)

    def build(slug):
        quoted = Exists(Quote.objects.filter(claim=OuterRef("pk")))
        return (
            Claim.objects.filter(slug=slug).annotate(quoted=quoted).values("id", "changed_at", "quoted")[:1]
        )

    prepared = PreparedValues(Claim, build, TEXT_MARKER)

    assert (
        prepared.first(claim.slug)
        == build(claim.slug).first()
        == {
            "id": claim.pk,
            "changed_at": Claim.objects.get(pk=claim.pk).changed_at,
            "quoted": True,
        }
    )
    assert prepared.first("no-such-claim") is None


def test_a_query_that_ignores_its_value_is_refused():
    prepared = PreparedValues(Quote, lambda claim_id: Quote.objects.values("id"))

    with pytest.raises(ValueError, match="does not use the value"):
        prepared.rows(1)
