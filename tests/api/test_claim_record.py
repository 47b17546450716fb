"""The claim detail built from rows (claims/api/claim_record.py) is the record ClaimDetailSerializer documents."""

import json

import pytest
from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIRequestFactory

from claims.api.claim_record import claim_record, claim_row
from claims.api.serializers import ClaimDetailSerializer
from claims.models import Claim

pytestmark = pytest.mark.django_db


def by_serializer(claim: Claim, request, *, staff: bool) -> dict:
    claim = Claim.objects.with_flags().prefetch_detail().get(pk=claim.pk)
    data = ClaimDetailSerializer(claim, context={"request": request, "staff": staff}).data
    return json.loads(JSONRenderer().render(data))


def by_rows(claim: Claim, request, *, staff: bool) -> dict:
    row = claim_row(staff=True, pk=claim.pk)  # every claim's row; what `staff` may see is claim_record()'s
    return json.loads(JSONRenderer().render(claim_record(row, request=request, staff=staff)))


@pytest.mark.parametrize("staff", [False, True])
@pytest.mark.parametrize("which", ["claim", "retracted", "draft", "listed"])
def test_the_record_from_rows_is_the_serializers(newsroom, which, staff):
    """Quotes with sources, publishers and speakers, conflicts, notes, reviews and quantities, in the same
    order and format; a retracted claim withdrawn from readers but not from staff."""
    claim = getattr(newsroom, which)
    if which == "listed":
        claim = claim[0]
    request = APIRequestFactory().get("/")

    assert by_rows(claim, request, staff=staff) == by_serializer(claim, request, staff=staff)


def test_the_compared_records_hold_every_part(newsroom):
    record = by_rows(newsroom.claim, APIRequestFactory().get("/"), staff=False)

    assert len(record["quotes"]) == 10 and record["quotes"][0]["source"]["publisher"]
    assert record["conflicts"] and record["conflicts"][0]["quotes"]
    assert record["corrections"] and record["external_reviews"]
    assert any(review["appearances"] for review in record["external_reviews"])
    assert any(quote["value"] is not None for quote in record["quotes"]) and record["review_rating"]


def test_times_are_shown_in_the_current_time_zone_as_the_serializer_shows_them(newsroom):
    """The record's own formatting of dates and times (claim_record._shows) follows the active time zone."""
    request = APIRequestFactory().get("/")
    with timezone.override("Asia/Kolkata"):
        record = by_rows(newsroom.claim, request, staff=False)
        assert record == by_serializer(newsroom.claim, request, staff=False)

    assert record["updated_at"].endswith("+05:30")
