"""Search finds a claim by its sentence, explanation and quoted words, as they are now, best first."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from claims import search
from claims.models import Claim
from claims.search import (
    EXPLANATION,
    QUOTED,
    SENTENCE,
    TIER,
    Position,
    RankedPaginator,
    count_matches,
    ranked_page,
    search_claims,
)
from tests.factories import ClaimFactory, PublishedClaimFactory, QuoteFactory, SourceFactory

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


def test_words_in_the_sentence_rank_above_words_in_quotes():
    source = SourceFactory(text="A spokesman mentioned the glacier only in passing.")
    in_quote = PublishedClaimFactory(text="Funding rose last year.")
    QuoteFactory(claim=in_quote, source=source, exact="mentioned the glacier")
    in_sentence = PublishedClaimFactory(text="The glacier retreated by a kilometre.")

    assert found("glacier") == [in_sentence, in_quote]


def ranked(size: int = 20, **position) -> list[Claim]:
    return ranked_page(search_claims(Claim.objects.published(), "glacier melting"), size=size, **position)


def test_matches_come_by_tier_sentence_explanation_quotes_each_newest_first(search_tiers):
    # Within a tier, the fixture made them newest first already.
    expected = search_tiers["sentence"] + search_tiers["explanation"] + search_tiers["quotes"]

    assert found("glacier melting") == expected
    assert ranked() == expected
    assert [getattr(claim, TIER) for claim in ranked()] == [SENTENCE] * 3 + [EXPLANATION] * 3 + [QUOTED] * 3


def test_pages_by_offset_and_by_position_agree_with_the_whole_ranking(search_tiers):
    everything = found("glacier melting")

    assert [ranked(size=2, offset=offset) for offset in (0, 2, 4, 6, 8)] == [
        everything[offset : offset + 2] for offset in (0, 2, 4, 6, 8)
    ]
    for index, claim in enumerate(everything):
        assert ranked(size=3, after=Position.of(claim)) == everything[index + 1 : index + 4]
        assert ranked(size=3, before=Position.of(claim)) == everything[max(0, index - 3) : index]


def test_paging_by_position_neither_repeats_nor_skips_when_claims_are_published_meanwhile(search_tiers):
    seen, page = [], ranked(size=4)
    while page:
        seen += page
        # A newer match in every tier arrives between two pages: it belongs before them, not in them.
        PublishedClaimFactory(text="The glacier is melting again.")
        page = ranked(size=4, after=Position.of(page[-1]))

    assert seen == search_tiers["sentence"] + search_tiers["explanation"] + search_tiers["quotes"]


def test_claims_published_at_the_same_moment_are_paged_by_id(search_tiers):
    moment = timezone.now() - timedelta(days=30)
    twins = [
        PublishedClaimFactory(text=f"A glacier stopped melting ({n}).", published_at=moment) for n in range(3)
    ]

    last_of_the_fixture_sentences = found("glacier melting")[2]
    after_sentences = ranked(size=3, after=Position.of(last_of_the_fixture_sentences))
    assert after_sentences == twins[::-1]
    assert ranked(size=4, after=Position.of(ranked()[4])) == [twins[0], *search_tiers["explanation"]]


def test_drafts_are_never_among_the_ranked_matches(search_tiers):
    ClaimFactory(text="The glacier is melting, a draft says.")

    assert (
        ranked()
        == found("glacier melting")
        == search_tiers["sentence"] + search_tiers["explanation"] + search_tiers["quotes"]
    )


def test_matches_are_counted_up_to_a_bound(search_tiers, monkeypatch):
    matches = search_claims(Claim.objects.published(), "glacier melting")
    assert count_matches(matches) == 9

    monkeypatch.setattr(search, "COUNTED_MATCHES", 4)
    assert count_matches(matches) == 5  # "more than 4"
    paginator = RankedPaginator(matches, 2)
    assert (paginator.count, paginator.more, paginator.num_pages) == (4, True, 2)
    assert list(paginator.page(2)) == found("glacier melting")[2:4]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_search_reads_the_stored_vector_through_its_index():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")

    assert "claim_search_vector_idx" in search_claims(Claim.objects.all(), "zeppelin").explain()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="phrases and exclusions are PostgreSQL's syntax"
)
def test_phrases_and_exclusions_keep_their_meaning_in_every_tier(search_tiers):
    # "is" is a stop word: the phrase is glacier, one word, melting; the explanation tier's words are apart.
    assert found('"glacier is melting"') == search_tiers["sentence"] + search_tiers["quotes"]
    grew = Claim.objects.get(text="The glacier grew.")
    # The quotes tier's sentences speak of ice: excluded, wherever the other words are; the rest name the
    # glacier in their sentence, so they share the first tier, newest first.
    rest = [grew, *search_tiers["sentence"], *search_tiers["explanation"]]
    assert found("glacier -ice") == sorted(rest, key=lambda claim: claim.published_at, reverse=True)
    assert found("glacier or zeppelin") == found("glacier")


@pytest.mark.parametrize(
    "words", ["O'Brien's", "''", "it's 'quoted' \\ back\\slash", ":* & | ! <->", '"', "the"]
)
def test_any_words_are_searched_in_every_tier_without_an_error(search_tiers, words):
    PublishedClaimFactory(text=f"Mr O'Brien's glacier ({words}).")

    assert isinstance(ranked_page(search_claims(Claim.objects.published(), words), size=5), list)
