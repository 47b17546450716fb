"""The provenance drawing: relation labels that never overlap, whole names on hover, a legend."""

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.provenance.drawing import CHAR_WIDTH, LABEL_HEIGHT, draw
from claims.provenance.graph import build_provenance
from sources.models import Citation
from tests.factories import ActorFactory, ClaimFactory, PublishedClaimFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db

SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"


def label_boxes(drawing):
    return [
        (
            a.label_x - len(a.label) * CHAR_WIDTH / 2,
            a.label_y - LABEL_HEIGHT + 2,
            a.label_x + len(a.label) * CHAR_WIDTH / 2,
            a.label_y + 2,
        )
        for a in drawing.arrows
    ]


def overlapping(boxes) -> list:
    return [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


def test_labels_of_lines_converging_on_one_origin_do_not_overlap(db):
    agency = ActorFactory(name="The news agency")
    claim = ClaimFactory()
    for n in range(4):
        source = SourceFactory(
            title=f"Outlet {n}", text=f"Seventeen were expelled, the agency reported. ({n})"
        )
        Citation.objects.create(
            citing=source, cited_actor=agency, relation="republishes", span_text="the agency reported"
        )
        QuoteFactory(claim=claim, source=source, exact="Seventeen were expelled")

    drawing = draw(build_provenance(claim))

    assert len(drawing.arrows) == 4
    assert overlapping(label_boxes(drawing)) == []
    assert all(top + LABEL_HEIGHT <= drawing.height for _, top, _, _ in label_boxes(drawing))


def test_the_demo_graph_has_no_overlapping_labels(demo):
    drawing = draw(build_provenance(Claim.objects.get(slug=SEVENTEEN)))

    assert overlapping(label_boxes(drawing)) == []


def test_a_long_title_is_shortened_in_its_box_and_whole_on_hover(client, db):
    title = "A very long title of a report on the expulsion of Russian intelligence officers in The Hague"
    claim = PublishedClaimFactory()
    QuoteFactory(claim=claim, source=SourceFactory(title=title, text="Seventeen Russian diplomats left."))

    page = client.get(reverse("claims:claim-detail", args=[claim.slug])).text

    assert f"<title>{title} (" in page
    assert "an origin (thick)" in page and "a person or body, no document known (dashed)" in page
    assert '<ol class="chain"' in page
