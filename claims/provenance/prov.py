"""A claim's provenance as W3C PROV (serialised as PROV-JSON by the `prov` package).

Sources are entities, actors are agents. A citation between documents becomes
wasQuotedFrom (quotes) or wasDerivedFrom (paraphrases, reports, translates,
republishes, kept as fc:relation); reliance on a person or organisation
becomes wasAttributedTo. Each quoted source hadPrimarySource every primary
document at the origin of its claim, and the claim wasDerivedFrom its quoted
sources.
"""

from prov.model import PROV_LABEL, PROV_TYPE, ProvDocument

from claims.models import Claim
from claims.provenance.graph import Provenance

RELATION = "fc:relation"


def prov_document(*, claim: Claim, graph: Provenance, base_url: str) -> ProvDocument:
    document = ProvDocument()
    document.add_namespace("fc", base_url)

    def identifier(key: str) -> str:
        kind, _, pk = key.partition(":")
        return f"fc:{kind}s/{pk}"

    claim_entity = document.entity(f"fc:claims/{claim.slug}", {PROV_LABEL: claim.text, PROV_TYPE: "fc:Claim"})
    for key, node in graph.nodes.items():
        attributes = {PROV_LABEL: node.label, "fc:kind": node.kind, "fc:primary": node.primary}
        if node.is_source:
            document.entity(identifier(key), attributes)
        else:
            document.agent(identifier(key), attributes)
    for key in graph.appearances:
        document.wasDerivedFrom(claim_entity, identifier(key))
    for edge in graph.edges:
        citing, cited = identifier(edge.origin), identifier(edge.target)
        if not graph.nodes[edge.target].is_source:
            document.wasAttributedTo(citing, cited, other_attributes={RELATION: edge.relation})
        elif edge.relation == "quotes":
            document.wasQuotedFrom(citing, cited)
        else:
            document.wasDerivedFrom(citing, cited, other_attributes={RELATION: edge.relation})
    primary_documents = [
        key
        for origin in graph.origins
        for key in origin
        if graph.nodes[key].is_source and graph.nodes[key].primary
    ]
    for appearance in graph.appearances:
        for origin in primary_documents:
            if origin != appearance:
                document.hadPrimarySource(identifier(appearance), identifier(origin))
    return document
