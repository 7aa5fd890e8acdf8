"""`lattice build`: the embedded store made explicitly, and the release artefacts in dist/.

The merged graph as Turtle, N-Triples and JSON-LD, and a separate file with the triples an
OWL 2 RL reasoner adds (owlrl): membership and affiliation from their statements, inverses,
superclasses, domains and ranges. Every file is written beside its final name and renamed into
place, so a reader never sees half a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .store import open_store

PREFIXES = {
    "lat": "https://w3id.org/lattice/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "cito": "http://purl.org/spar/cito/",
    "fabio": "http://purl.org/spar/fabio/",
    "schema": "https://schema.org/",
    "actor": "https://w3id.org/lattice/id/actor/",
    "person": "https://w3id.org/lattice/id/person/",
    "mech": "https://w3id.org/lattice/id/mechanism/",
    "agr": "https://w3id.org/lattice/id/agreement/",
    "event": "https://w3id.org/lattice/id/event/",
    "doc": "https://w3id.org/lattice/id/document/",
    "stmt": "https://w3id.org/lattice/id/statement/",
    "work": "https://w3id.org/lattice/id/work/",
}


@dataclass(frozen=True)
class Artefact:
    path: Path
    triples: int
    what: str


def build(out: Path, *, rebuild: bool = False, inferred: bool = True) -> list[Artefact]:
    import pyoxigraph as ox

    opened = open_store(rebuild=rebuild)
    store = opened.store
    out.mkdir(parents=True, exist_ok=True)
    triples = len(store)
    made = []
    for name, fmt, what in (
        ("lattice.ttl", ox.RdfFormat.TURTLE, "merged graph, Turtle"),
        ("lattice.nt", ox.RdfFormat.N_TRIPLES, "merged graph, N-Triples"),
        ("lattice.jsonld", ox.RdfFormat.JSON_LD, "merged graph, JSON-LD"),
    ):
        target = out / name
        tmp = target.with_name(f".{name}.tmp")
        prefixes = PREFIXES if fmt is ox.RdfFormat.TURTLE else None
        store.dump(str(tmp), fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)
        tmp.replace(target)
        made.append(Artefact(target, triples, what))
    if inferred:
        made.append(_inferred(out / "lattice.nt", out / "lattice-inferred.nt"))
    return made


def _inferred(source: Path, target: Path) -> Artefact:
    import owlrl
    import rdflib

    graph = rdflib.Graph().parse(source, format="nt")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(
        graph
    )
    # OWL 2 RL rules also derive statements about literals (owl:sameAs of a value with itself):
    # generalised RDF, which no RDF serialisation can carry. They say nothing about the graph.
    for s, p, o in list(graph):
        if isinstance(s, rdflib.Literal):
            graph.remove((s, p, o))
    tmp = target.with_name(f".{target.name}.tmp")
    graph.serialize(tmp, format="nt", encoding="utf-8")
    tmp.replace(target)
    return Artefact(target, len(graph), "merged graph with OWL 2 RL inferences, N-Triples")
