"""Counts that describe the graph: what `lattice stats` prints.

Each count is one SPARQL query over the store, which holds the ontology too, so
subclass closure (`rdf:type/rdfs:subClassOf*`) needs no reasoner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .core import vocab

if TYPE_CHECKING:
    import pyoxigraph

PREFIXES = vocab.vocabulary().sparql("lat", "owl", "rdfs", "doco", "cito", "dcterms")

ONTOLOGY = f"<{vocab.ONTOLOGY}>"


def _instances(cls: str) -> str:
    return f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a/rdfs:subClassOf* {cls} }}"


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    query: str


COUNTS: tuple[Count, ...] = (
    Count("triples", "triples", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
    Count(
        "classes",
        "ontology classes",
        f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a owl:Class ; rdfs:isDefinedBy {ONTOLOGY} }}",
    ),
    Count(
        "properties",
        "ontology properties",
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { VALUES ?t { owl:ObjectProperty owl:DatatypeProperty } "
        f"?p a ?t ; rdfs:isDefinedBy {ONTOLOGY} }}",
    ),
    Count("domains", "domains", _instances("lat:Domain")),
    Count("roles", "roles", _instances("lat:Role")),
    Count(
        "notes",
        "footnotes",
        "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a doco:Footnote ; dcterms:isPartOf ?article . "
        "?article a lat:SourceArticle }",
    ),
    Count("citations", "citations", _instances("cito:Citation")),
    Count(
        "works",
        "cited works",
        "SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE { ?c cito:hasCitedEntity ?w }",
    ),
    Count("actors", "actors", _instances("lat:Actor")),
    Count("persons", "persons", _instances("lat:Person")),
    Count("mechanisms", "mechanisms", _instances("lat:Mechanism")),
    Count("agreements", "agreements", _instances("lat:Agreement")),
    Count("events", "events", _instances("lat:Event")),
    Count("documents", "documents", _instances("lat:Document")),
    Count("statements", "statements", _instances("lat:Statement")),
    Count(
        "facts",
        "fact-bearing nodes (events, agreements, documents, statements)",
        "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { VALUES ?top { lat:Event lat:Agreement lat:Document "
        "lat:Statement } ?x a/rdfs:subClassOf* ?top }",
    ),
)


def compute(store: pyoxigraph.Store) -> dict[str, int]:
    """Run every count on the store, in the order of COUNTS."""
    result = {}
    for count in COUNTS:
        solutions = store.query(PREFIXES + count.query)
        row = next(iter(solutions))
        result[count.key] = int(row["n"].value)
    return result
