"""Provenance: who quoted whom, from a claim's quotes back to the origins.

The walk starts at each quote's source. A source relies on the citations
anchored in the same paragraph as the quote (an article citing five outlets
cites each for its own sentence); a source without captured text relies on
all its citations. When a quote's paragraph cites nobody, its speaker in
person is the origin, or, without a speaker, the source's own reporting.
From there every cited source is followed through all its citations, one
database query per level of the graph, never one per node.

Origins are the nodes the walk cannot leave. A loop that cannot be left is
circular reporting: it counts as one origin and is flagged.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from claims.models import Claim, Quote
from sources.models import Actor, Citation, Source

MAX_DEPTH = 12
PRIMARY_SOURCE_KINDS = {Source.Kind.STATEMENT, Source.Kind.LETTER, Source.Kind.REPORT, Source.Kind.INTERVIEW}
NOT_PRIMARY_ACTORS = {Actor.Kind.OUTLET, Actor.Kind.ANONYMOUS}


@dataclass(frozen=True)
class Node:
    key: str  # "source:12" or "actor:7"
    label: str
    kind: str
    is_source: bool
    pk: int
    primary: bool


@dataclass(frozen=True)
class Edge:
    origin: str
    target: str
    relation: str


@dataclass
class Provenance:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    appearances: list[str] = field(default_factory=list)  # the quoted sources, where the walk starts
    hops: dict[str, int] = field(default_factory=dict)
    origins: list[list[str]] = field(default_factory=list)  # each origin: one node, or the nodes of a loop
    cycles: list[list[str]] = field(default_factory=list)
    own_reporting: set[str] = field(default_factory=set)  # sources that are the origin of a quote themselves

    @property
    def documents(self) -> int:
        """How many documents carry the claim: the quoted sources and every source they rely on."""
        return sum(1 for node in self.nodes.values() if node.is_source)

    @property
    def independent_origins(self) -> int:
        return len(self.origins)

    @property
    def single_origin(self) -> bool:
        return self.independent_origins == 1

    @property
    def circular(self) -> bool:
        return bool(self.cycles)

    @property
    def primary_reached(self) -> bool:
        return any(self.nodes[key].primary for origin in self.origins for key in origin)

    def origin_hops(self, origin: list[str]) -> int:
        return min(self.hops[key] for key in origin)

    def chains(self) -> list[list[tuple[Node, str]]]:
        """Each path from an appearance to an origin, as (node, relation to the next node) pairs."""
        out: dict[str, list[Edge]] = {}
        for edge in self.edges:
            out.setdefault(edge.origin, []).append(edge)
        ends = {key for origin in self.origins for key in origin}
        chains = []

        def walk(key: str, path: list[tuple[Node, str]], seen: set[str]) -> None:
            if key in ends or not out.get(key):
                chains.append([*path, (self.nodes[key], "")])
                return
            for edge in out[key]:
                if edge.target in seen:
                    chains.append([*path, (self.nodes[key], edge.relation), (self.nodes[edge.target], "")])
                    continue
                walk(edge.target, [*path, (self.nodes[key], edge.relation)], seen | {edge.target})

        for start in self.appearances:
            walk(start, [], {start})
        return chains


def _source_node(source: Source) -> Node:
    return Node(
        f"source:{source.pk}",
        source.title,
        source.get_kind_display(),
        True,
        source.pk,
        source.kind in PRIMARY_SOURCE_KINDS,
    )


def _actor_node(actor: Actor) -> Node:
    return Node(
        f"actor:{actor.pk}",
        actor.name,
        actor.get_kind_display(),
        False,
        actor.pk,
        actor.kind not in NOT_PRIMARY_ACTORS,
    )


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1


def _relied_on(quote: Quote, citations: list[Citation]) -> list[Citation]:
    """The citations behind one quote.

    Those anchored in the quote's paragraph; failing that, those of the speaker or of a document
    the speaker published or wrote; all of them when the source's text is unknown.
    """
    if not quote.source.text or not quote.is_verified:
        return citations
    first, last = _paragraph(quote.source.text, quote.start, quote.end)
    nearby = [c for c in citations if c.span_start is not None and c.span_start < last and c.span_end > first]
    if nearby or not quote.speaker_id:
        return nearby
    return [c for c in citations if _speaks_through(c, quote.speaker_id)]


def _speaks_through(citation: Citation, speaker: int) -> bool:
    if citation.cited_actor_id:
        return citation.cited_actor_id == speaker
    source = citation.cited_source
    return source.publisher_id == speaker or any(author.pk == speaker for author in source.authors.all())


CITATION_FIELDS = ("cited_source__title", "cited_source__kind", "cited_actor__name", "cited_actor__kind")


def _citations_of(sources: set[int]) -> dict[int, list[Citation]]:
    by_source: dict[int, list[Citation]] = {}
    query = (
        Citation.objects.filter(citing__in=sources)
        .select_related("cited_source", "cited_actor")
        .only("citing", "relation", "span_start", "span_end", "cited_source__publisher", *CITATION_FIELDS)
        .prefetch_related(Prefetch("cited_source__authors", queryset=Actor.objects.only("pk")))
        .order_by("pk")
    )
    for citation in query:
        by_source.setdefault(citation.citing_id, []).append(citation)
    return by_source


def build_provenance(claim: Claim, *, quotes: list[Quote] | None = None) -> Provenance:
    """The provenance graph of `claim`, its origins, and the signals derived from them. `quotes`: all the
    claim's quotes with their sources (text included) and speakers, when the caller has them already."""
    graph = Provenance()
    if quotes is None:
        # Not claim.quotes: a claim loaded with its quotes prefetched would lend them its deferred source text.
        quotes = Quote.objects.filter(claim=claim).select_related("source", "speaker")
    quotes = sorted(quotes, key=lambda quote: quote.pk)
    quoted = {quote.source_id: quote.source for quote in quotes}
    citations = _citations_of(set(quoted))
    edges: set[Edge] = set()

    def add(node: Node, hops: int) -> None:
        graph.nodes.setdefault(node.key, node)
        graph.hops[node.key] = min(graph.hops.get(node.key, hops), hops)

    frontier: dict[str, Source] = {}
    for source in quoted.values():
        add(_source_node(source), 0)
        graph.appearances.append(f"source:{source.pk}")
    for quote in quotes:
        origin = f"source:{quote.source_id}"
        relied = _relied_on(quote, citations.get(quote.source_id, []))
        for citation in relied:
            target = _follow(citation, add, hops=1, frontier=frontier)
            edges.add(Edge(origin, target, citation.relation))
        if relied:
            continue
        if quote.speaker and quote.speaker_id != quote.source.publisher_id:
            add(_actor_node(quote.speaker), 1)
            edges.add(Edge(origin, f"actor:{quote.speaker_id}", Citation.Relation.QUOTES))
        else:
            graph.own_reporting.add(origin)
    # A quoted source cited by another is already placed; only newly reached sources are walked.
    frontier = {key: source for key, source in frontier.items() if graph.hops[key] == 1}

    depth = 1
    while frontier and depth < MAX_DEPTH:
        depth += 1
        level, frontier = frontier, {}
        for source_pk, relied in _citations_of({s.pk for s in level.values()}).items():
            for citation in relied:
                target = _follow(citation, add, hops=depth, frontier=frontier)
                edges.add(Edge(f"source:{source_pk}", target, citation.relation))
        frontier = {key: source for key, source in frontier.items() if graph.hops[key] == depth}

    graph.edges = sorted(edges, key=lambda edge: (graph.hops[edge.origin], edge.origin, edge.target))
    graph.cycles, graph.origins = _cycles_and_origins(graph)
    graph.origins += [[key] for key in sorted(graph.own_reporting) if [key] not in graph.origins]
    return graph


def _follow(citation: Citation, add, *, hops: int, frontier: dict[str, Source]) -> str:
    if citation.cited_source_id:
        node = _source_node(citation.cited_source)
        known = node.key in frontier
        add(node, hops)
        if not known:
            frontier[node.key] = citation.cited_source
        return node.key
    node = _actor_node(citation.cited_actor)
    add(node, hops)
    return node.key


def _cycles_and_origins(graph: Provenance) -> tuple[list[list[str]], list[list[str]]]:
    """Strongly connected components (Tarjan, iterative): loops, and the components nothing leaves."""
    out: dict[str, list[str]] = {key: [] for key in graph.nodes}
    for edge in graph.edges:
        out[edge.origin].append(edge.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in graph.nodes:
        if root in index:
            continue
        work = [(root, iter(out[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(out[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component, key=lambda key: graph.hops[key]))
    cycles = [c for c in components if len(c) > 1 or c[0] in out[c[0]]]
    origins = [c for c in components if all(target in c for key in c for target in out[key])]
    origins.sort(key=lambda c: (min(graph.hops[key] for key in c), c))
    return cycles, origins
