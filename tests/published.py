"""What the tests of the published site share: its namespaces, the things it describes, RDF as Oxigraph
reads it, and the check that a description holds everything that points to Japan."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import rdflib

from .conftest import SITE_BASE_URL

ID = "https://w3id.org/lattice/id/"
LAT = rdflib.Namespace("https://w3id.org/lattice/ontology#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
HOST = SITE_BASE_URL
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")


def described(graph: rdflib.Graph) -> set[str]:
    """Every IRI under id/ that is the subject of a triple, from the sources parsed by rdflib."""
    return {str(s) for s in graph.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(ID)}


def oxigraph_graph(source: str | bytes | Path, fmt: ox.RdfFormat) -> set[ox.Quad]:
    if isinstance(source, Path):
        return set(ox.parse(path=str(source), format=fmt))
    return set(ox.parse(source, format=fmt))


def same_graph(a: set[ox.Quad], b: set[ox.Quad]) -> bool:
    """Isomorphic: equal as parsed (Oxigraph keeps blank-node labels), else equal once canonicalised."""
    if a == b:
        return True
    canonical = []
    for quads in (a, b):
        dataset = ox.Dataset(quads)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        canonical.append(set(dataset))
    return canonical[0] == canonical[1]


POINTING_TO_JAPAN = """
PREFIX lat: <https://w3id.org/lattice/ontology#>
SELECT ?s ?p WHERE { ?s ?p <https://w3id.org/lattice/id/actor/japan> . FILTER isIRI(?s) }"""


def check_japan(turtle: rdflib.Graph, graph: rdflib.Graph) -> None:
    """Everything that points to Japan in the graph (a query of the sources, read by rdflib), with its
    anchors (and their selectors), and the labels of every IRI the description names."""
    japan = rdflib.URIRef(ID + "actor/japan")
    pointing = list(graph.query(POINTING_TO_JAPAN))
    assert len(pointing) > 400
    for s, p in pointing:
        assert (s, p, japan) in turtle, (s, p)
        # the anchors are blank nodes: compare what they say (quotes, pages)
        exact = {str(q) for a in graph.objects(s, LAT.anchor) for sel in graph.objects(a, OA.hasSelector)
                 for q in graph.objects(sel, OA.exact)}  # fmt: skip
        shown = {str(q) for a in turtle.objects(s, LAT.anchor) for sel in turtle.objects(a, OA.hasSelector)
                 for q in turtle.objects(sel, OA.exact)}  # fmt: skip
        assert exact == shown, s
        pages = {int(x) for a in graph.objects(s, LAT.anchor) for x in graph.objects(a, LAT.page)}
        assert pages == {int(x) for a in turtle.objects(s, LAT.anchor) for x in turtle.objects(a, LAT.page)}
    assert {str(s) for s, _ in pointing if "/statement/membership" in str(s)}
    assert {str(s) for s, _ in pointing if "/statement/" in str(s) and "membership" not in str(s)}
    named = {t for triple in turtle for t in triple if isinstance(t, rdflib.URIRef)}
    for iri in named:
        for prop in (rdflib.SKOS.prefLabel, rdflib.RDFS.label):
            assert set(graph.objects(iri, prop)) <= set(turtle.objects(iri, prop)), (iri, prop)
    for lang in ("en", "zh"):
        assert rdflib.Literal("Japan" if lang == "en" else "日本", lang=lang) in set(
            turtle.objects(japan, rdflib.SKOS.prefLabel)
        )
