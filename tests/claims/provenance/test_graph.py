"""Provenance: origins, loops, primary sources, PROV-JSON, and re-review when a source changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from prov.model import ProvDocument
from rest_framework.test import APIClient

from claims.models import Claim, ReviewFlag
from claims.provenance.graph import build_provenance
from sources.models import Actor, Citation
from tests.factories import ActorFactory, ClaimFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db

SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"


def labels(graph, keys):
    return [graph.nodes[key].label for key in keys]


def origin_labels(graph):
    return [" ↔ ".join(labels(graph, origin)) for origin in graph.origins]


def test_the_17_expelled_claim_has_two_independent_origins(demo):
    graph = build_provenance(Claim.objects.get(slug=SEVENTEEN))

    assert origin_labels(graph) == [
        "Letter to the Tweede Kamer on the expulsion of Russian intelligence officers",
        "Unnamed Dutch intelligence sources",
    ]
    assert graph.documents == 5  # the article, NOS, Nieuwsuur, De Tijd and the letter
    assert [graph.origin_hops(origin) for origin in graph.origins] == [1, 2]
    assert graph.primary_reached and not graph.single_origin and not graph.circular


def test_intelligence_sources_are_reached_through_nos_nieuwsuur_and_de_tijd(demo):
    graph = build_provenance(Claim.objects.get(slug=SEVENTEEN))

    chains = [[node.label for node, _ in chain] for chain in graph.chains()]

    via = {chain[1] for chain in chains if chain[-1] == "Unnamed Dutch intelligence sources"}
    assert via == {
        "NOS investigation into the 17 expelled Russian diplomats",
        "Nieuwsuur report on the 17 expelled Russian diplomats",
        "De Tijd investigation into the 17 expelled Russian diplomats",
    }


def test_citations_elsewhere_in_the_article_are_not_followed(demo):
    graph = build_provenance(Claim.objects.get(slug=SEVENTEEN))

    names = {node.label for node in graph.nodes.values()}
    assert "Ben de Jong" not in names and "AIVD" not in names  # cited for other sentences


def test_a_single_anonymous_origin_is_flagged(demo):
    graph = build_provenance(Claim.objects.get(slug="eight-svr-and-nine-gru-officers-among-the-17-expelled"))

    assert origin_labels(graph) == ["Unnamed Dutch intelligence sources"]
    assert graph.single_origin and not graph.primary_reached


def test_the_speaker_in_an_interview_is_a_primary_origin(demo):
    graph = build_provenance(Claim.objects.get(slug="nato-expelled-eight-russian-mission-members-2021"))

    assert "Jens Stoltenberg interviewed by Bild" in origin_labels(graph)
    assert graph.primary_reached


def test_a_source_reporting_on_its_own_is_an_origin(db):
    claim = ClaimFactory()
    quote = QuoteFactory(
        claim=claim, source=SourceFactory(text="The Netherlands expelled two Russian diplomats."), exact="two"
    )

    graph = build_provenance(claim)

    assert origin_labels(graph) == [quote.source.title]


def test_circular_reporting_is_detected(db):
    first = SourceFactory(title="Outlet A", text="Seventeen were expelled, Outlet B reported.")
    second = SourceFactory(title="Outlet B", text="")
    Citation.objects.create(citing=first, cited_source=second, span_text="Outlet B reported")
    Citation.objects.create(citing=second, cited_source=first, relation="republishes")
    claim = ClaimFactory()
    QuoteFactory(claim=claim, source=first, exact="Seventeen were expelled")

    graph = build_provenance(claim)

    assert graph.circular
    assert origin_labels(graph) == ["Outlet A ↔ Outlet B"]
    assert not graph.primary_reached


def test_a_loop_with_a_way_out_is_flagged_but_is_not_the_origin(db):
    first = SourceFactory(title="Outlet A", text="Seventeen were expelled, Outlet B reported.")
    second = SourceFactory(title="Outlet B", text="")
    ministry = ActorFactory(name="Ministry", kind=Actor.Kind.MINISTRY)
    Citation.objects.create(citing=first, cited_source=second, span_text="Outlet B reported")
    Citation.objects.create(citing=second, cited_source=first, relation="republishes")
    Citation.objects.create(citing=second, cited_actor=ministry)
    claim = ClaimFactory()
    QuoteFactory(claim=claim, source=first, exact="Seventeen were expelled")

    graph = build_provenance(claim)

    assert graph.circular and origin_labels(graph) == ["Ministry"] and graph.primary_reached


def test_building_the_graph_costs_one_query_per_level_not_per_node(db):
    def chain_of(width):
        claim = ClaimFactory()
        article = SourceFactory(
            text="Seventeen were expelled, outlets reported.", url=f"https://example.org/chain-{width}"
        )
        QuoteFactory(claim=claim, source=article, exact="Seventeen were expelled")
        for _ in range(width):
            outlet = SourceFactory(text="")
            Citation.objects.create(citing=article, cited_source=outlet, span_text="outlets reported")
            Citation.objects.create(citing=outlet, cited_actor=ActorFactory(kind=Actor.Kind.ANONYMOUS))
        return claim

    def cost(claim):
        with CaptureQueriesContext(connection) as context:
            graph = build_provenance(claim)
        return len(context), graph

    narrow, narrow_graph = cost(chain_of(1))
    wide, wide_graph = cost(chain_of(30))

    # The quotes with their sources, then one level at a time: the article's citations with the
    # outlets' authors, the outlets' citations (of actors: no authors to read).
    assert narrow == wide == 4
    assert wide_graph.independent_origins == 30 and narrow_graph.independent_origins == 1


def test_the_claim_page_draws_the_graph_with_a_list_beside_it(client, demo):
    page = client.get(reverse("claims:claim-detail", args=[SEVENTEEN])).text

    assert "Where this claim comes from" in page
    assert "<strong>2 independent origins</strong>" in page and "from 5 documents" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert page.count('<g class="node') == 6
    assert "Letter to the Tweede Kamer on the expulsion of Russian intelligence officers <span" in page


def test_single_origin_and_missing_primary_source_warnings_show(client, demo):
    page = client.get(
        reverse("claims:claim-detail", args=["eight-svr-and-nine-gru-officers-among-the-17-expelled"])
    ).text

    assert "Single origin" in page and "No primary source reached" in page


def test_admin_claim_page_shows_provenance_and_flags(client, reviewer, demo):
    client.force_login(reviewer)
    claim = Claim.objects.get(slug=SEVENTEEN)
    ReviewFlag.objects.create(claim=claim, reason="“Letter” was retracted by its publisher")

    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).text
    flagged = client.get(reverse("admin:claims_claim_changelist"), {"needs_review": "yes"})

    assert "2 independent origins" in page and "was retracted by its publisher" in page
    assert [c.slug for c in flagged.context["cl"].result_list] == [SEVENTEEN]


def test_api_provenance_and_prov_json(api_client, demo):
    body = api_client.get(reverse("api:claim-provenance", args=[SEVENTEEN])).json()
    prov = api_client.get(reverse("api:claim-prov", args=[SEVENTEEN]))

    assert body["independent_origins"] == 2 and body["documents"] == 5 and body["primary_reached"] is True
    assert {edge["relation"] for edge in body["edges"]} == {"reports", "quotes"}
    document = ProvDocument.deserialize(content=prov.content.decode(), format="json")
    assert len(list(document.get_records())) > 10


@pytest.fixture
def api_client():
    return APIClient()
