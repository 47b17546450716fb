"""Counts mean what they say: sources are distinct documents, accounts are quotes."""

import pytest
from django.urls import reverse

from claims.models import Claim
from tests.factories import PublishedClaimFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db

SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"


def card(page: str, slug: str) -> str:
    start = page.index(f'href="/claims/{slug}/"')
    return page[start : page.index("</li>", start)]


def test_the_home_card_counts_three_quotes_of_one_article_as_one_source(client, demo):
    claim = Claim.objects.get(slug=SEVENTEEN)
    assert claim.quotes.count() == 3 and claim.quotes.values("source").distinct().count() == 1

    page = client.get(reverse("claims:home")).text

    assert '<span class="counts">1 source, 3 accounts</span>' in card(page, SEVENTEEN)


def test_the_claim_page_counts_sources_and_accounts_apart(client, demo):
    page = client.get(reverse("claims:claim-detail", args=[SEVENTEEN])).text

    assert '<dd class="counts">1 source, 3 accounts</dd>' in page


def test_each_source_is_counted_once_however_often_it_is_quoted(client):
    claim = PublishedClaimFactory(slug="two-sources")
    first, second = SourceFactory(), SourceFactory()
    for source in (first, first, second):
        QuoteFactory(claim=claim, source=source)

    home = client.get(reverse("claims:home")).text
    page = client.get(claim.get_absolute_url()).text

    assert '<span class="counts">2 sources, 3 accounts</span>' in card(home, "two-sources")
    assert '<dd class="counts">2 sources, 3 accounts</dd>' in page


def test_one_quote_is_one_source_and_one_account(client):
    claim = PublishedClaimFactory(slug="one-quote")
    QuoteFactory(claim=claim)

    assert '<span class="counts">1 source, 1 account</span>' in client.get(reverse("claims:home")).text


def test_a_value_of_one_reads_in_the_singular_on_the_page(client):
    claim = PublishedClaimFactory(comparator="exact", value=1, unit="Russian diplomats")

    page = client.get(claim.get_absolute_url()).text

    assert "<dd>1 Russian diplomat</dd>" in page
