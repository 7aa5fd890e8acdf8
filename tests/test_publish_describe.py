"""The one description of a thing (`publish/describe.py`) that its page, its data files and `lattice serve`
carry: the page's arcs are triples of its Turtle, Japan's Turtle holds all that points to Japan, a large
description is paged, and the server's 303s and DESCRIBE give the same."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from .published import FOAF, HOST, ID, LAT, VOID, check_japan, described, oxigraph_graph, same_graph

OA_EXACT = ox.NamedNode("http://www.w3.org/ns/oa#exact")


@pytest.fixture
def site(published_site: Path) -> Path:
    """The session's site (published with --base-url HOST), under the name these tests use."""
    return published_site


class Arcs(HTMLParser):
    """The arcs a thing's page lists, from the data-* attributes its template puts on each item."""

    def __init__(self) -> None:
        super().__init__()
        self.out: list[tuple[str, str, str]] = []  # (via, predicate, object in N-Triples)
        self.into: list[tuple[str, str]] = []  # (referring IRI, predicates from it down to the thing)
        self.quotes: list[str] = []
        self._in_quote = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if "data-p" in found and "data-o" in found:
            self.out.append((found.get("data-via", ""), found["data-p"], found["data-o"]))
        if "data-s" in found:
            self.into.append((found["data-s"], found["data-path"]))
        self._in_quote = tag == "q"

    def handle_data(self, data: str) -> None:
        if self._in_quote:
            self.quotes.append(data)
            self._in_quote = False


def _term(text: str) -> ox.NamedNode | ox.Literal:
    return next(iter(ox.parse(f"<x:s> <x:p> {text} .", format=ox.RdfFormat.N_TRIPLES))).object


def test_every_arc_a_page_lists_is_in_its_turtle(site: Path, graph: rdflib.Graph) -> None:
    """The page and the data agree: whatever the HTML shows (values, nested values, types, notes, what
    points here, the quotes) is a triple, or a path of triples, of the thing's Turtle."""
    missing = []
    listed = 0
    for iri in sorted(described(graph)):
        path = iri[len(ID) :]
        turtle = oxigraph_graph(site / "data" / f"{path}.ttl", ox.RdfFormat.TURTLE)
        by_subject: dict[object, list[ox.Quad]] = {}
        for q in turtle:
            by_subject.setdefault(q.subject, []).append(q)
        quotes = {q.object.value for q in turtle if q.predicate == OA_EXACT}

        def reach(start: set, predicates: list[str], arcs: dict = by_subject) -> set:
            for p in predicates:
                start = {q.object for s in start for q in arcs.get(s, ()) if q.predicate.value == p}
            return start

        thing = ox.NamedNode(iri)
        for lang in ("en", "zh"):
            arcs = Arcs()
            arcs.feed((site / "page" / f"{path}.{'html' if lang == 'en' else 'zh.html'}").read_text("utf-8"))
            for via, p, o in arcs.out:
                listed += 1
                if _term(o) not in reach({thing}, [*via.split(), p]):
                    missing.append(f"{path} ({lang}): {via} {p} {o}")
            for subject, props in arcs.into:
                listed += 1
                if thing not in reach({ox.NamedNode(subject)}, props.split()):
                    missing.append(f"{path} ({lang}): <{subject}> {props} (referenced by)")
            missing += [f"{path} ({lang}): quote {q}" for q in arcs.quotes if q not in quotes]
    assert missing == []
    assert listed > 20_000


def test_japans_turtle_holds_everything_that_points_to_japan(site: Path, graph: rdflib.Graph) -> None:
    check_japan(rdflib.Graph().parse(site / "data" / "actor" / "japan.ttl", format="turtle"), graph)
    turtle = rdflib.Graph().parse(site / "data" / "actor" / "japan.ttl", format="turtle")
    documents = set(turtle.objects(rdflib.URIRef(ID + "actor/japan"), FOAF.isPrimaryTopicOf))
    assert documents == {rdflib.URIRef(f"{HOST}/{d}") for d in (
        "data/actor/japan.ttl", "data/actor/japan.jsonld", "data/actor/japan.nt", "page/actor/japan.html",
        "page/actor/japan.zh.html")}  # fmt: skip
    for document in documents:
        assert (document, VOID.inDataset, rdflib.URIRef(f"{HOST}/void.ttl#lattice")) in turtle


def test_a_large_description_is_paged_and_says_so(site: Path, graph: rdflib.Graph) -> None:
    """The article itself: every anchor points to it. Its description comes in pages of 500 referring
    nodes; each page names the others, the HTML says how many there are, and together they hold all."""
    from lattice_kg.publish.describe import REFERRERS_PER_PAGE

    source = rdflib.URIRef(ID + "source/zhao-2024")
    first = rdflib.Graph().parse(site / "data" / "source" / "zhao-2024.ttl", format="turtle")
    second = rdflib.Graph().parse(site / "referenced" / "source" / "zhao-2024" / "2.ttl", format="turtle")
    assert {str(o) for o in first.objects(source, rdflib.RDFS.seeAlso)} == {
        f"{HOST}/referenced/source/zhao-2024/2.{ext}" for ext in ("ttl", "jsonld", "nt")
    }
    assert {str(o) for o in second.objects(source, rdflib.RDFS.seeAlso)} == {
        f"{HOST}/data/source/zhao-2024.{ext}" for ext in ("ttl", "jsonld", "nt")
    }
    # every node pointing to the source, directly or through its anchor, is in exactly one page
    heads = set()
    for s, _, _ in graph.triples((None, None, source)):
        node = s
        while isinstance(node, rdflib.BNode):
            parents = list(graph.subjects(None, node))
            if not parents:
                break
            node = parents[0]
        heads.add(node)
    assert len(heads) > REFERRERS_PER_PAGE

    def heads_in(g: rdflib.Graph) -> set:
        return {s for s in heads if isinstance(s, rdflib.URIRef) and (s, None, None) in g}

    assert heads_in(first) | heads_in(second) == {h for h in heads if isinstance(h, rdflib.URIRef)}
    assert len(heads_in(first)) == REFERRERS_PER_PAGE
    html = (site / "page" / "source" / "zhao-2024.html").read_text(encoding="utf-8")
    assert (
        f"{len(heads)} nodes point here; this page and its data hold the first {REFERRERS_PER_PAGE}" in html
    )
    assert 'href="../../referenced/source/zhao-2024/2.ttl"' in html


def test_a_things_turtle_is_its_description_in_the_graph(site: Path, graph: rdflib.Graph) -> None:
    raa = rdflib.URIRef(ID + "agreement/japan-australia-raa")
    turtle = rdflib.Graph().parse(site / "data" / "agreement" / "japan-australia-raa.ttl")

    def named(g: rdflib.Graph) -> set[tuple]:
        return {t for t in g.triples((raa, None, None)) if not isinstance(t[2], rdflib.BNode)}

    # its own triples, and the links to the documents that carry them
    documents = {t for t in named(turtle) if t[1] == FOAF.isPrimaryTopicOf}
    assert named(turtle) - documents == named(graph) and len(documents) == 5
    assert len(list(turtle.objects(raa, LAT.anchor))) == 3  # with the anchors' own triples
    quotes = set(turtle.objects(None, rdflib.URIRef("http://www.w3.org/ns/oa#exact")))
    assert rdflib.Literal("2022 年 1 月，日本与澳大利亚签署《互惠准入协议》") in quotes


def test_lattice_serve_negotiates_on_the_published_site(site: Path, graph: rdflib.Graph) -> None:
    """The acceptance case on the real site: Accept: text/turtle on an /id/ IRI is a 303 to Turtle that
    parses and describes the thing; text/html gets its page; an unknown IRI is a 404."""
    from starlette.testclient import TestClient

    from lattice_kg.serve.app import create_app
    from lattice_kg.store import open_store

    app = create_app(site, open_store().path, timeout=10, max_rows=100_000, max_request_bytes=65536)
    with TestClient(app, follow_redirects=False) as client:
        for thing in ("actor/japan", "source/zhao-2024/fn/p9-1", "statement/membership-aagc-india"):
            response = client.get(f"/id/{thing}", headers={"Accept": "text/turtle"})
            assert response.status_code == 303 and response.headers["location"] == f"/data/{thing}.ttl"
            turtle = client.get(response.headers["location"])
            assert turtle.headers["content-type"] == "text/turtle; charset=utf-8"
            described_here = rdflib.Graph().parse(data=turtle.text, format="turtle")
            assert (rdflib.URIRef(ID + thing), None, None) in described_here
            page = client.get(f"/id/{thing}", headers={"Accept": "text/html"})
            assert page.status_code == 303 and client.get(page.headers["location"]).status_code == 200
        assert client.get("/id/actor/atlantis", headers={"Accept": "text/turtle"}).status_code == 404
        # the acceptance case: what a client following the 303 gets is Japan whole
        japan = client.get("/id/actor/japan", headers={"Accept": "text/turtle"}, follow_redirects=True)
        served = rdflib.Graph().parse(data=japan.text, format="turtle")
        check_japan(served, graph)
        # and DESCRIBE on the endpoint says the same as the file
        described = client.get(
            "/sparql",
            params={"query": f"DESCRIBE <{ID}actor/japan>"},
            headers={"Accept": "application/n-triples"},
        )
        file = oxigraph_graph(site / "data" / "actor" / "japan.nt", ox.RdfFormat.N_TRIPLES)
        assert same_graph(oxigraph_graph(described.content, ox.RdfFormat.N_TRIPLES), file)
        assert client.post("/sparql", data={"update": "CLEAR ALL"}).status_code == 403
