"""The one description of a thing that every representation carries: page, data files, DESCRIBE.

A thing's description is its Symmetric Concise Bounded Description (the triples it is the subject of,
the triples pointing to it, and the closure of the blank nodes of both: anchors, selectors), with:

- for each node pointing to it (a statement, a membership, a role…), that node's types and evidence
  (`lat:anchor`, `lat:noteAnchor`, `lat:markerAnchor` with their blank nodes), so a client sees why
  the arc holds without a second request;
- `skos:prefLabel` and `rdfs:label` (all languages) of every IRI the description names;
- the links of the documents that carry it: `foaf:isPrimaryTopicOf` each of its five documents
  (Turtle, JSON-LD, N-Triples, the English and Chinese pages), each `void:inDataset` the dataset.

Descriptions are bounded: at most `REFERRERS_PER_PAGE` nodes pointing to the thing go into one
document (in IRI order); the others go into further pages (`referenced/{path}/{n}.{ext}`), every page
naming every other page with `rdfs:seeAlso`, and the HTML page saying how many there are.

The description is computed from an `Adjacency` (what points out of and into a node): an in-memory
index built in one pass over the graph for `lattice publish`, or the store's own indexes for
`DESCRIBE` on the SPARQL endpoint. Both give the same triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..core import vocab
from . import layout
from .formats import RDF

if TYPE_CHECKING:
    import pyoxigraph as ox

ID = vocab.ID
LAT = vocab.LAT
RDF_TYPE = vocab.RDF_TYPE
SKOS_PREF = vocab.WELL_KNOWN["skos"] + "prefLabel"
RDFS_LABEL = vocab.WELL_KNOWN["rdfs"] + "label"
RDFS_SEE_ALSO = vocab.WELL_KNOWN["rdfs"] + "seeAlso"
FOAF_TOPIC_OF = "http://xmlns.com/foaf/0.1/isPrimaryTopicOf"
VOID_IN_DATASET = "http://rdfs.org/ns/void#inDataset"
EVIDENCE = (LAT + "anchor", LAT + "noteAnchor", LAT + "markerAnchor")
LABELS = (SKOS_PREF, RDFS_LABEL)
REFERRERS_PER_PAGE = 500


class Adjacency(Protocol):
    """The arcs out of a node, (predicate, object, statement), and into it, (subject, predicate,
    statement); the statement is the store's own triple (or default-graph quad), reused as it is."""

    def out(self, node: Any) -> Sequence[tuple[Any, Any, Any]]: ...

    def into(self, node: Any) -> Sequence[tuple[Any, Any, Any]]: ...


class GraphIndex:
    """Every triple of a graph grouped by subject and by object, in one pass."""

    def __init__(self, triples: Iterable[Any]) -> None:
        import pyoxigraph as ox

        out: dict[Any, list[tuple[Any, Any, Any]]] = {}
        into: dict[Any, list[tuple[Any, Any, Any]]] = {}
        literal = ox.Literal
        count = 0
        for t in triples:
            count += 1
            s, p, o = t.subject, t.predicate, t.object
            edges = out.get(s)
            if edges is None:
                out[s] = [(p, o, t)]
            else:
                edges.append((p, o, t))
            if type(o) is not literal:
                back = into.get(o)
                if back is None:
                    into[o] = [(s, p, t)]
                else:
                    back.append((s, p, t))
        self.count = count
        self.subjects = out
        self.objects = into

    def out(self, node: Any) -> Sequence[tuple[Any, Any, Any]]:
        return self.subjects.get(node, ())

    def into(self, node: Any) -> Sequence[tuple[Any, Any, Any]]:
        return self.objects.get(node, ())


class StoreAdjacency:
    """The same arcs read from a pyoxigraph store's indexes (for DESCRIBE on a live endpoint)."""

    def __init__(self, store: ox.Store, graphs: Sequence[ox.NamedNode] = ()) -> None:
        import pyoxigraph as ox

        self.store = store
        self.graphs: list[Any] = list(graphs) or [ox.DefaultGraph()]
        self.default = not graphs

    def _statement(self, q: Any) -> Any:
        return q if self.default else q.triple

    def out(self, node: Any) -> Sequence[tuple[Any, Any, Any]]:
        return [
            (q.predicate, q.object, self._statement(q))
            for g in self.graphs
            for q in self.store.quads_for_pattern(node, None, None, g)
        ]

    def into(self, node: Any) -> Sequence[tuple[Any, Any, Any]]:
        return [
            (q.subject, q.predicate, self._statement(q))
            for g in self.graphs
            for q in self.store.quads_for_pattern(None, None, node, g)
        ]


@dataclass
class Referrer:
    """A node pointing to the thing: the IRI (or top blank node) at the head of each path of arcs."""

    node: Any
    paths: list[list[tuple[Any, Any, Any]]] = field(default_factory=list)  # (s, p, statement), head first


@dataclass
class Description:
    """One document's worth of a thing's description, and where the rest of it is."""

    iri: str
    triples: list[Any]  # ox.Triple or default-graph ox.Quad: what the serialisers take
    referrers: list[Referrer]  # those in this page
    total_referrers: int
    page: int
    pages: int


@dataclass
class Site:
    """Where the documents of a description are published."""

    base_url: str

    @property
    def dataset(self) -> str:
        return f"{self.base_url}/{layout.DATASET}"

    def documents(self, path: str, page: int) -> list[str]:
        """The URLs of the documents carrying page `page` of a description: its data files first."""
        base = self.base_url
        if page > 1:
            return [f"{base}/{layout.more(path, page, fmt)}" for fmt in RDF]
        documents = layout.thing(path)
        return [f"{base}/{file}" for file in (*documents.data.values(), *documents.pages.values())]


class Describer:
    """Builds descriptions over one adjacency; the labels of IRIs are looked up once and kept."""

    def __init__(self, adjacency: Adjacency, site: Site, per_page: int = REFERRERS_PER_PAGE) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.adjacency = adjacency
        self.site = site
        self.per_page = per_page
        self._labels: dict[Any, list[tuple[Any, Any]]] = {}
        self._label_props = {ox.NamedNode(p) for p in LABELS}
        self._evidence = {ox.NamedNode(p) for p in EVIDENCE}
        self._type = ox.NamedNode(RDF_TYPE)
        self._links = {
            name: ox.NamedNode(iri)
            for name, iri in (("topic", FOAF_TOPIC_OF), ("dataset", VOID_IN_DATASET), ("see", RDFS_SEE_ALSO))
        }

    # -- the parts -----------------------------------------------------------------------------

    def referrers(self, node: Any) -> list[Referrer]:
        """Every node pointing to `node`, directly or through blank nodes, in IRI order."""
        blank = self.ox.BlankNode
        found: dict[Any, Referrer] = {}
        # (node reached, path of arcs from it down to the thing), walked upwards through blank nodes
        todo: list[tuple[Any, list[tuple[Any, Any, Any]]]] = [
            (s, [(s, p, t)]) for s, p, t in self.adjacency.into(node) if s != node
        ]
        while todo:
            head, path = todo.pop()
            parents = self.adjacency.into(head) if type(head) is blank else ()
            if any(s == node for s, _, _ in parents):
                continue  # a blank node of the thing's own description pointing back: already there
            climbing = [(s, p, t) for s, p, t in parents if all(s != step[0] for step in path)]
            if not climbing:
                found.setdefault(head, Referrer(head)).paths.append(path)
                continue
            for s, p, t in climbing:
                todo.append((s, [(s, p, t), *path]))
        return sorted(found.values(), key=lambda r: (type(r.node) is blank, r.node.value))

    def _closure(self, start: Any, add: Any, done: set[Any]) -> None:
        """`start`'s own triples and, through blank-node objects, theirs (its CBD)."""
        blank = self.ox.BlankNode
        todo = [start]
        while todo:
            node = todo.pop()
            if node in done:
                continue
            done.add(node)
            for _, o, t in self.adjacency.out(node):
                add(t)
                if type(o) is blank:
                    todo.append(o)

    def labels(self, iri: Any) -> list[Any]:
        found = self._labels.get(iri)
        if found is None:
            found = [t for p, _, t in self.adjacency.out(iri) if p in self._label_props]
            self._labels[iri] = found
        return found

    # -- the description -----------------------------------------------------------------------

    def describe(self, iri: str, path: str | None, page: int = 1) -> Description:
        """Page `page` of the description: page 1 holds the thing's own triples and the first referrers."""
        ox = self.ox
        blank, named_node = ox.BlankNode, ox.NamedNode
        node = named_node(iri)
        triples: dict[Any, None] = {}  # ordered, without repeats
        add = triples.setdefault
        done: set[Any] = set()
        if page == 1:
            self._closure(node, add, done)
        everyone = self.referrers(node)
        pages = max(1, -(-len(everyone) // self.per_page))
        shown = everyone[(page - 1) * self.per_page : page * self.per_page]
        for referrer in shown:
            for path_arcs in referrer.paths:
                for s, _, t in path_arcs:
                    add(t)
                    if type(s) is blank:
                        self._closure(s, add, done)  # an anchor pointing here comes with its selectors
            head = referrer.node
            if type(head) is named_node:
                for p, o, t in self.adjacency.out(head):
                    if p == self._type:
                        add(t)
                    elif p in self._evidence:
                        add(t)
                        if type(o) is blank:
                            self._closure(o, add, done)
        named: set[Any] = set()
        for t in triples:
            named.add(t.predicate)
            for term in (t.subject, t.object):
                if type(term) is named_node:
                    named.add(term)
        for term in named:
            for t in self.labels(term):
                add(t)
        links = self._links
        extra = []
        dataset = named_node(self.site.dataset)
        for document in self.site.documents(path, page) if path is not None else ():
            doc = named_node(document)
            extra.append(ox.Triple(node, links["topic"], doc))
            extra.append(ox.Triple(doc, links["dataset"], dataset))
        if pages > 1 and path is not None:
            for other in range(1, pages + 1):
                if other != page:
                    for document in self.site.documents(path, other)[: len(RDF)]:
                        extra.append(ox.Triple(node, links["see"], named_node(document)))
        return Description(iri, [*triples, *extra], shown, len(everyone), page, pages)


def describe_terms(describer: Describer, terms: Iterable[Any]) -> list[ox.Triple]:
    """The first page of the description of each IRI (DESCRIBE on the endpoint), merged."""
    import pyoxigraph as ox

    seen: dict[Any, None] = {}
    for term in terms:
        if not isinstance(term, ox.NamedNode):
            continue
        described = term.value.startswith(ID) and bool(describer.adjacency.out(term))
        path = term.value[len(ID) :] if described else None  # only described things have documents
        for t in describer.describe(term.value, path).triples:
            seen[t.triple if isinstance(t, ox.Quad) else t] = None
    return list(seen)
