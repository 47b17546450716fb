"""Which sources, actors and citations readers may see: only what published claims lead to."""

import pytest

from claims.models import Claim
from claims.visibility import public_actors, public_citations, public_sources
from tests.factories import (
    ActorFactory,
    CitationFactory,
    ClaimFactory,
    PublishedClaimFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN_STATUSES = [Claim.Status.DRAFT, Claim.Status.IN_REVIEW, Claim.Status.RETRACTED]


def unpublished(status: str) -> Claim:
    if status == Claim.Status.RETRACTED:
        return PublishedClaimFactory(status=status)
    return ClaimFactory(status=status)


def test_a_source_quoted_by_a_published_or_corrected_claim_is_public():
    published, corrected = SourceFactory(), SourceFactory()
    QuoteFactory(claim=PublishedClaimFactory(), source=published)
    QuoteFactory(claim=PublishedClaimFactory(status=Claim.Status.CORRECTED), source=corrected)

    assert set(public_sources()) == {published, corrected}


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_a_source_quoted_only_by_an_unpublished_claim_is_hidden(status):
    source = SourceFactory()
    QuoteFactory(claim=unpublished(status), source=source)

    assert not public_sources().filter(pk=source.pk).exists()


def test_a_source_cited_by_a_quoted_source_is_public_but_not_one_cited_by_a_draft_quoted_source():
    quoted, relied_on, draft_quoted, hidden = (
        SourceFactory(),
        SourceFactory(),
        SourceFactory(),
        SourceFactory(),
    )
    QuoteFactory(claim=PublishedClaimFactory(), source=quoted)
    QuoteFactory(claim=ClaimFactory(), source=draft_quoted)
    CitationFactory(citing=quoted, cited_source=relied_on, cited_actor=None)
    CitationFactory(citing=draft_quoted, cited_source=hidden, cited_actor=None)

    assert set(public_sources()) == {quoted, relied_on}


def test_an_actor_is_public_as_a_public_speaker_publisher_or_cited_actor():
    speaker, publisher, cited, second_hop_publisher = (ActorFactory() for _ in range(4))
    quoted = SourceFactory(publisher=publisher)
    QuoteFactory(claim=PublishedClaimFactory(), source=quoted, speaker=speaker)
    CitationFactory(citing=quoted, cited_actor=cited)
    CitationFactory(
        citing=quoted, cited_source=SourceFactory(publisher=second_hop_publisher), cited_actor=None
    )

    assert set(public_actors()) == {speaker, publisher, cited, second_hop_publisher}


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_an_actor_known_only_from_an_unpublished_claim_is_hidden(status):
    speaker, publisher, cited = ActorFactory(), ActorFactory(), ActorFactory()
    source = SourceFactory(publisher=publisher)
    QuoteFactory(claim=unpublished(status), source=source, speaker=speaker)
    CitationFactory(citing=source, cited_actor=cited)
    ActorFactory()  # known from nothing at all

    assert list(public_actors()) == []


def test_public_citations_join_public_sources_only():
    quoted, relied_on, third_hop, hidden = SourceFactory(), SourceFactory(), SourceFactory(), SourceFactory()
    QuoteFactory(claim=PublishedClaimFactory(), source=quoted)
    QuoteFactory(claim=ClaimFactory(), source=hidden)
    to_source = CitationFactory(citing=quoted, cited_source=relied_on, cited_actor=None)
    to_actor = CitationFactory(citing=quoted)
    from_second_hop = CitationFactory(citing=relied_on)
    CitationFactory(citing=relied_on, cited_source=third_hop, cited_actor=None)  # to a source with no page
    CitationFactory(citing=hidden)  # made by a source only a draft quotes

    assert set(public_citations()) == {to_source, to_actor, from_second_hop}


def test_every_public_citation_leads_to_an_actor_with_a_page(client):
    # A source a quoted source relies on has a page, and so has the actor it cites there: its page
    # names and links that actor, and the API lists the citation.
    quoted, relied_on = SourceFactory(), SourceFactory()
    QuoteFactory(claim=PublishedClaimFactory(), source=quoted)
    CitationFactory(citing=quoted, cited_source=relied_on, cited_actor=None)
    second_hop = CitationFactory(citing=relied_on)

    assert second_hop in set(public_citations())
    assert second_hop.cited_actor in set(public_actors())
    assert client.get(f"/actors/{second_hop.cited_actor_id}/").status_code == 200


def test_each_rule_is_one_query_whatever_the_number_of_rows(django_assert_num_queries):
    for _ in range(3):
        source = SourceFactory(publisher=ActorFactory())
        QuoteFactory(claim=PublishedClaimFactory(), source=source, speaker=ActorFactory())
        CitationFactory(citing=source)

    # One SELECT each, its rules as EXISTS subqueries.
    with django_assert_num_queries(3):
        assert len(public_sources()) == 3
        assert len(public_actors()) == 9
        assert len(public_citations()) == 3
