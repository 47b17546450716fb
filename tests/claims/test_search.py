"""Search finds a claim by its sentence, explanation and quoted words, as they are now."""

import pytest
from django.db import connection

from claims.models import Claim
from claims.search import search_claims
from tests.factories import PublishedClaimFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db


def found(words: str) -> list[Claim]:
    return list(search_claims(Claim.objects.published(), words))


def test_a_quote_added_changed_moved_or_deleted_changes_what_finds_its_claim():
    source = SourceFactory(text="Officials confirmed the zeppelin landed. Later the airship left.")
    first, second = PublishedClaimFactory(), PublishedClaimFactory()

    quote = QuoteFactory(claim=first, source=source, exact="the zeppelin landed")
    assert found("zeppelin") == [first]

    quote.exact = "the airship left"
    quote.save()
    assert found("zeppelin") == [] and found("airship") == [first]

    quote.claim = second
    quote.save()
    assert found("airship") == [second]

    quote.delete()
    assert found("airship") == []


def test_a_changed_sentence_or_explanation_is_found_and_the_old_words_are_not():
    claim = PublishedClaimFactory(text="The mayor opened the bridge.", explanation="Footage shows it.")

    claim.text = "The mayor closed the tunnel."
    claim.explanation = "Council minutes record it."
    claim.save()

    assert found("tunnel") == [claim] and found("minutes") == [claim]
    assert found("bridge") == [] and found("footage") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL full-text search's")
def test_words_in_the_sentence_rank_above_words_in_quotes():
    source = SourceFactory(text="A spokesman mentioned the glacier only in passing.")
    in_quote = PublishedClaimFactory(text="Funding rose last year.")
    QuoteFactory(claim=in_quote, source=source, exact="mentioned the glacier")
    in_sentence = PublishedClaimFactory(text="The glacier retreated by a kilometre.")

    assert found("glacier") == [in_sentence, in_quote]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_search_reads_the_stored_vector_through_its_index():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")

    assert "claim_search_vector_idx" in search_claims(Claim.objects.all(), "zeppelin").explain()
