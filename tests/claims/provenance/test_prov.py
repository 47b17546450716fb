"""Provenance: origins, loops, primary sources, PROV-JSON, and re-review when a source changes."""

import json

import pytest
from prov.model import ProvDocument

from claims.models import Claim
from claims.provenance.graph import build_provenance
from claims.provenance.prov import prov_document

pytestmark = pytest.mark.django_db

SEVENTEEN = "netherlands-expelled-17-russian-intelligence-officers-march-2022"


def test_prov_json_round_trips_equal(demo):
    claim = Claim.objects.get(slug=SEVENTEEN)
    document = prov_document(
        claim=claim, graph=build_provenance(claim), base_url="https://factcheck.example/"
    )

    serialized = document.serialize(format="json")

    assert ProvDocument.deserialize(content=serialized, format="json") == document
    body = json.loads(serialized)
    assert {"entity", "agent", "wasDerivedFrom", "wasAttributedTo"} <= set(body)
    # PROV-JSON writes wasQuotedFrom and hadPrimarySource as typed derivations.
    kinds = {derivation.get("prov:type", {}).get("$") for derivation in body["wasDerivedFrom"].values()}
    assert {"prov:Quotation", "prov:PrimarySource"} <= kinds
    assert len(body["entity"]) == 6  # the claim and its five documents
