"""`lattice publish`: a page for every described thing, no broken links, valid HTML, JSON-LD that says
what the Turtle says, a dataset description that matches the graph, and the evidence trail on the page."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from lattice_kg.cli import app

from .conftest import ROOT, SITE_BASE_URL

runner = CliRunner()
ID = "https://w3id.org/lattice/id/"
LAT = rdflib.Namespace("https://w3id.org/lattice/ontology#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
HOST = SITE_BASE_URL
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
OA_EXACT = ox.NamedNode("http://www.w3.org/ns/oa#exact")


@pytest.fixture
def site(published_site: Path) -> Path:
    """The session's site (published with --base-url HOST), under the name these tests use."""
    return published_site


def described(graph: rdflib.Graph) -> set[str]:
    """Every IRI under id/ that is the subject of a triple, from the sources parsed by rdflib."""
    return {str(s) for s in graph.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(ID)}


def test_every_described_thing_has_its_pages_and_data(site: Path, graph: rdflib.Graph) -> None:
    things = described(graph)
    assert len(things) > 1000
    for iri in things:
        path = iri[len(ID) :]
        for name in (f"page/{path}.html", f"page/{path}.zh.html", f"data/{path}.ttl", f"data/{path}.jsonld",
                     f"data/{path}.nt"):  # fmt: skip
            assert (site / name).is_file(), name
    pages = {p.relative_to(site / "page").as_posix() for p in (site / "page").rglob("*.html")}
    assert len(pages) == 2 * len(things)  # and no page for anything else


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])  # type: ignore[arg-type]
        for name in ("href", "src"):
            value = found.get(name)
            if value and not (tag == "link" and found.get("rel") == "canonical"):
                self.links.append(value)


def parsed(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_internal_link_is_broken(site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(site.rglob("*.html")):
        for link in parsed(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment:
                if target not in ids:
                    ids[target] = parsed(target).ids
                if parts.fragment not in ids[target]:
                    broken.append(f"{page.relative_to(site)} -> {link} (no such anchor)")
    assert broken == []


@pytest.mark.slow
def test_every_page_is_html_without_parse_errors(site: Path) -> None:
    import html5lib

    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 2900
    errors = {}
    for page in pages:
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_bytes())
        if parser.errors:
            errors[page.relative_to(site).as_posix()] = parser.errors[:3]
    assert errors == {}


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


SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_every_things_turtle_json_ld_n_triples_and_embedded_json_ld_are_one_graph(
    site: Path, graph: rdflib.Graph
) -> None:
    """Every described thing, parsed by Oxigraph: its three files and the JSON-LD of both its pages."""
    differ = []
    for iri in sorted(described(graph)):
        path = iri[len(ID) :]
        turtle = oxigraph_graph(site / "data" / f"{path}.ttl", ox.RdfFormat.TURTLE)
        assert any(q.subject == ox.NamedNode(iri) for q in turtle), path
        others = {
            "jsonld": oxigraph_graph(site / "data" / f"{path}.jsonld", ox.RdfFormat.JSON_LD),
            "nt": oxigraph_graph(site / "data" / f"{path}.nt", ox.RdfFormat.N_TRIPLES),
        }
        for lang_page in (f"{path}.html", f"{path}.zh.html"):
            embedded = SCRIPT.search((site / "page" / lang_page).read_text(encoding="utf-8"))
            assert embedded, lang_page
            others[lang_page] = oxigraph_graph(embedded.group(1).replace("<\\/", "</"), ox.RdfFormat.JSON_LD)
        differ += [f"{path}: {name}" for name, other in others.items() if not same_graph(turtle, other)]
    assert differ == []


SAMPLE = ("actor/japan", "source/zhao-2024", "agreement/japan-australia-raa", "source/zhao-2024/fn/p9-1",
          "statement/membership-quad-japan")  # fmt: skip


def signature(g: rdflib.Graph) -> Counter[tuple[str, str, str]]:
    """The triples with each blank node written as the tree below it: for acyclic blank nodes (anchors,
    selectors), equal signatures mean isomorphic graphs; rdflib's own `isomorphic` is too slow here."""
    memo: dict[rdflib.BNode, str] = {}

    def term(node: object) -> str:
        if not isinstance(node, rdflib.BNode):
            return node.n3()  # type: ignore[attr-defined]
        if node not in memo:
            memo[node] = "(cycle)"
            memo[node] = (
                "[" + " ; ".join(sorted(f"{p.n3()} {term(o)}" for p, o in g.predicate_objects(node))) + "]"
            )
        return memo[node]

    return Counter((term(s), p.n3(), term(o)) for s, p, o in g)


def test_rdflib_reads_the_same_graphs(site: Path) -> None:
    """A second parser on a sample (rdflib is slow on the large ones): the same graph in every format."""
    for path in SAMPLE:
        turtle = rdflib.Graph().parse(site / "data" / f"{path}.ttl", format="turtle")
        assert len(turtle) == len(oxigraph_graph(site / "data" / f"{path}.ttl", ox.RdfFormat.TURTLE)), path
        expected = signature(turtle)
        for ext, fmt in (("jsonld", "json-ld"), ("nt", "nt")):
            other = rdflib.Graph().parse(site / "data" / f"{path}.{ext}", format=fmt)
            assert len(other) == len(turtle) and signature(other) == expected, f"{path}.{ext}"


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


def test_the_page_shows_the_evidence_trail(site: Path) -> None:
    """Japan and Australia's RAA, as the article prints it: line 166 (p. 12) and line 126 (p. 9), the
    latter with note ① on p. 9, Jesse Johnson in the Japan Times, accessed 2024-02-15."""
    html = (site / "page" / "agreement" / "japan-australia-raa.html").read_text(encoding="utf-8")
    assert "Japan-Australia Reciprocal Access Agreement" in html and "日澳《互惠准入协定》" in html
    assert "2022 年 1 月，日本与澳大利亚签署《互惠准入协议》" in html and "page 12" in html
    assert "澳大利亚达成类似协议" in html and "page 9" in html
    evidence = html[html.index('class="evidence"') :]
    assert "Note 1 on page 9" in evidence
    assert "U.K.-Japan Defense Cooperation to Intensify Following Landmark Agreement" in evidence
    assert (
        "https://www.japantimes.co.jp/news/2023/01/11/national/politics-diplomacy/britain-japan-troops-agreement-aa/"
        in evidence
    )
    assert "accessed 2024-02-15" in evidence
    zh = (site / "page" / "agreement" / "japan-australia-raa.zh.html").read_text(encoding="utf-8")
    assert "<h1>日澳《互惠准入协定》</h1>" in zh and "第9页注①" in zh and "访问于 2024-02-15" in zh


def test_void_and_dcat_describe_the_dataset(site: Path, graph: rdflib.Graph) -> None:
    void = rdflib.Graph().parse(site / "void.ttl")
    dataset = rdflib.URIRef(f"{HOST}/void.ttl#lattice")
    assert (dataset, rdflib.RDF.type, VOID.Dataset) in void and (
        dataset,
        rdflib.RDF.type,
        DCAT.Dataset,
    ) in void
    assert int(void.value(dataset, VOID.triples)) == len(graph)
    assert int(void.value(dataset, VOID.entities)) == len(described(graph))
    assert void.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef(f"{HOST}/sparql")
    assert void.value(dataset, rdflib.DCTERMS.license) == rdflib.URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert void.value(dataset, rdflib.DCTERMS.source) == rdflib.URIRef(ID + "source/zhao-2024")
    assert {str(o) for o in void.objects(dataset, VOID.exampleResource)} >= {ID + "actor/japan"}
    partitions = {
        str(void.value(p, VOID["class"])): int(void.value(p, VOID.entities))
        for p in void.objects(dataset, VOID.classPartition)
    }
    assert partitions[str(LAT.Membership)] == len(set(graph.subjects(rdflib.RDF.type, LAT.Membership)))
    properties = {
        str(void.value(p, VOID.property)): int(void.value(p, VOID.triples))
        for p in void.objects(dataset, VOID.propertyPartition)
    }
    assert properties[str(LAT.hasMember)] == len(list(graph.triples((None, LAT.hasMember, None))))
    dumps = sorted(str(d) for d in void.objects(dataset, VOID.dataDump))
    assert [d.rsplit("/", 1)[-1] for d in dumps] == ["lattice.jsonld", "lattice.nt.gz", "lattice.ttl"]
    for dump in dumps:
        distribution = rdflib.URIRef(dump + "#distribution")
        size = int(void.value(distribution, DCAT.byteSize))
        assert (site / "dumps" / dump.rsplit("/", 1)[-1]).stat().st_size == size
    assert (site / ".well-known" / "void").read_bytes() == (site / "void.ttl").read_bytes()


def test_the_dumps_hold_the_whole_graph(site: Path, graph: rdflib.Graph) -> None:
    nt = rdflib.Graph().parse(
        data=gzip.decompress((site / "dumps" / "lattice.nt.gz").read_bytes()), format="nt"
    )
    assert len(nt) == len(graph)
    assert len(rdflib.Graph().parse(site / "dumps" / "lattice.ttl")) == len(graph)


def test_the_sitemap_lists_every_page_in_both_languages(site: Path, graph: rdflib.Graph) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns)
    locs = {u.find("s:loc", ns).text for u in urls}  # type: ignore[union-attr]
    assert f"{HOST}/page/actor/japan.html" in locs and f"{HOST}/page/actor/japan.zh.html" in locs
    site_pages = ("index", "network", "timeline", "analysis", "query")
    assert len(locs) == len(urls) == 2 * (len(described(graph)) + len(site_pages))
    assert {f"{HOST}/{name}.zh.html" for name in site_pages} <= locs
    for loc in locs:
        assert (site / loc[len(HOST) + 1 :]).is_file(), loc
    first = urls[0].findall("x:link", ns)
    assert {link.get("hreflang") for link in first} == {"en", "zh"}
    assert (site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {HOST}/sitemap.xml\n"


def test_apache_and_w3id_negotiate_by_accept(site: Path) -> None:
    htaccess = (site / ".htaccess").read_text()
    assert "RewriteBase /lattice/\n" in htaccess
    for accept, target in (("text/turtle", "data/$1.ttl"), (r"application/ld\+json", "data/$1.jsonld"),
                           ("application/n-triples", "data/$1.nt")):  # fmt: skip
        assert f"RewriteCond %{{HTTP_ACCEPT}} {accept}\nRewriteRule ^id/(.+)$ {target} [R=303,L]" in htaccess
    assert "RewriteRule ^id/(.+)$ page/$1.html [R=303,L]" in htaccess
    assert (
        "RewriteCond %{DOCUMENT_ROOT}/lattice/data/$1.ttl !-f\nRewriteRule ^id/(.+)$ - [R=404,L]" in htaccess
    )
    w3id = (site / "w3id" / ".htaccess").read_text()
    assert f"RewriteRule ^id/(.+)$ {HOST}/data/$1.ttl [R=303,L]" in w3id
    assert f"RewriteRule ^(.*)$ {HOST}/$1 [R=302,L]" in w3id
    assert (site / "w3id" / "README.md").is_file()


def test_the_ontology_page_documents_every_term_in_both_languages(site: Path, ontology: rdflib.Graph) -> None:
    html = (site / "ontology" / "index.html").read_text(encoding="utf-8")
    kinds = (rdflib.OWL.Class, rdflib.OWL.ObjectProperty, rdflib.OWL.DatatypeProperty)
    terms = {
        s for kind in kinds for s in ontology.subjects(rdflib.RDF.type, kind) if str(s).startswith(str(LAT))
    }
    assert len(terms) > 130
    sections = dict(
        re.findall(r'<div class="[^"]*entity[^"]*" id="[^"]+">(.*?)<code>([^<]+)</code>', html, re.S)
    )
    by_iri = {iri: head for head, iri in sections.items()}
    missing = []
    for term in terms:
        labels = {lit.language: str(lit) for lit in ontology.objects(term, rdflib.RDFS.label)}
        head = by_iri.get(str(term), "")
        if not (labels.get("en") and labels.get("zh") and labels["en"] in head and labels["zh"] in head):
            missing.append(str(term))
    assert missing == []
    for definition in ontology.objects(LAT.ReciprocalAccessAgreement, rdflib.URIRef(
            "http://www.w3.org/2004/02/skos/core#definition")):  # fmt: skip
        assert str(definition) in html
    assert len(rdflib.Graph().parse(site / "ontology" / "lattice.ttl")) == len(ontology)


def network_data(site: Path, name: str = "network.html") -> dict:
    html = (site / name).read_text(encoding="utf-8")
    return json.loads(
        re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S)[1]
    )


def test_network_and_timeline_come_from_the_graph(site: Path) -> None:
    data = network_data(site)
    quad = ID + "mechanism/quad"
    members = {ID + f"actor/{a}" for a in ("australia", "india", "japan", "united-states")}
    via_quad = {
        (e["source"], e["target"])
        for e in data["edges"]
        if any(link["via"] == quad and link["kind"] == "membership" for link in e["links"])
    }
    assert via_quad == {(a, b) for a in members for b in members if a < b}  # the Quad ties its members
    raa = ID + "agreement/japan-australia-raa"
    ties = [
        (e["source"], e["target"], link) for e in data["edges"] for link in e["links"] if link["via"] == raa
    ]
    agreement = {"kind": "agreement", "via": raa, "year": 2022, "domains": [ID + "domain/geo-security"]}
    assert ties == [(ID + "actor/australia", ID + "actor/japan", agreement)]
    japan = next(n for n in data["nodes"] if n["id"] == ID + "actor/japan")
    assert (japan["group"], japan["label_zh"]) == ("State", "日本")
    assert (site / japan["pages"]["zh"]).is_file()
    assert not any(ID + "mechanism/" in n["id"] for n in data["nodes"])  # mechanisms tie actors, not nodes
    timeline = (site / "timeline.html").read_text(encoding="utf-8")
    assert '<time datetime="2024-07">2024-07</time>' in timeline  # the Japan-Philippines RAA
    assert timeline.index('datetime="2007-08"') < timeline.index('datetime="2024-07"')


def test_the_network_page_draws_the_network_lattice_network_measures(site: Path) -> None:
    """One actor network: the page's nodes, ties and the links behind each are `lattice network`'s own."""
    from lattice_kg.publish.views import OTHER

    result = runner.invoke(app, ["network", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)

    def year(date: str | None) -> int | None:
        return int(date[:4]) if date else None

    for name in ("network.html", "network.zh.html"):
        data = network_data(site, name)
        assert {n["id"] for n in data["nodes"]} == set(report["actors"])
        for node in data["nodes"]:
            actor = report["actors"][node["id"]]
            assert node["group"] == actor["class"]
            assert (node["label_en"], node["label_zh"]) == (actor["labels"]["en"], actor["labels"]["zh"])
        page = {
            (e["source"], e["target"]): (
                e["kinds"],
                e["year"],
                [(k["kind"], k["via"], k["year"], k["domains"]) for k in e["links"]],
            )
            for e in data["edges"]
        }
        measured = {
            (t["a"], t["b"]): (
                t["kinds"],
                t["year"],
                [(k["kind"], k["via"], year(k["date"]), k["domains"] or [OTHER]) for k in t["links"]],
            )
            for t in report["ties"]
        }
        assert len(page) == len(data["edges"]) == report["all"]["ties"]
        assert page == measured
        # the filters offer every domain a link is in, and the years the links are dated
        offered = {d["id"] for d in data["domains"]}
        assert offered == {d for _, _, links in page.values() for _, _, _, ds in links for d in ds}
        assert data["years"] == sorted({y for _, _, links in page.values() for _, _, y, _ in links if y})
    # what the page shows up to a year is the analysis's row for that year
    by_year = {row["year"]: row for row in report["years"]}
    for y in (2021, 2022):
        shown = {
            end
            for (a, b), (_, _, links) in page.items()
            if any(ly is not None and ly <= y for _, _, ly, _ in links)
            for end in (a, b)
        }
        assert len(shown) == by_year[y]["actors"]


def test_the_query_page_offers_every_question_with_defaults_bound(site: Path) -> None:
    html = (site / "query.html").read_text(encoding="utf-8")
    questions = json.loads(
        re.search(r'<script type="application/json" id="questions">(.*?)</script>', html, re.S)[1]
    )
    assert [q["id"] for q in questions] == sorted(
        p.name.split("-")[0] for p in (ROOT / "queries").glob("cq*.rq")
    )
    cq01 = next(q for q in questions if q["id"] == "cq01")
    assert f"<{ID}actor/japan>" in cq01["query"]  # its default parameter, bound


def test_publish_never_overwrites_a_folder_it_did_not_write(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    result = runner.invoke(app, ["publish", "--out", str(precious)])
    assert result.exit_code == 2
    assert result.output == (
        f"lattice: error: {precious}: exists and is not a site written by lattice publish; "
        "choose an empty folder\n"
    )
    assert (precious / "thesis.txt").read_text() == "years of work"
    result = runner.invoke(app, ["publish", "--out", str(tmp_path / "s"), "--base-url", "ftp://x"])
    assert result.exit_code == 2
    assert result.output == "lattice: error: --base-url 'ftp://x': expected an http(s) URL\n"


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


def rapper() -> str:
    """Raptor's `rapper` (Debian's raptor2-utils): a parser independent of Oxigraph and rdflib."""
    found = shutil.which("rapper")
    if found is None:
        if os.environ.get("LATTICE_REQUIRE_RAPPER") == "1":
            pytest.fail(
                "rapper is not installed (apt-get install raptor2-utils) and LATTICE_REQUIRE_RAPPER=1"
            )
        pytest.skip("rapper (raptor2-utils) is not installed")
    return found


def raptor_count(data: bytes, syntax: str) -> int:
    """Triples Raptor parses from `data`; fails on any error or warning it prints."""
    done = subprocess.run(
        [rapper(), "--count", "--input", syntax, "-", "https://example.org/base"],
        input=data,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()[:2000]
    assert b"Error" not in done.stderr and b"Warning" not in done.stderr, done.stderr.decode()[:2000]
    return int(re.search(rb"returned (\d+) triples", done.stderr + done.stdout)[1])  # type: ignore[index]


def test_raptor_parses_the_dumps_and_every_things_files(site: Path, graph: rdflib.Graph) -> None:
    """Raptor has no JSON-LD parser: it reads the Turtle and N-Triples; JSON-LD is read by Oxigraph
    and rdflib above. The per-thing files are fed to one rapper each per syntax (Turtle allows a
    @prefix anywhere, N-Triples is line by line), and counted against Oxigraph's count file by file."""
    rapper()
    dump = (site / "dumps" / "lattice.ttl").read_bytes()
    assert raptor_count(dump, "turtle") == len(graph)
    assert raptor_count(gzip.decompress((site / "dumps" / "lattice.nt.gz").read_bytes()), "ntriples") == len(
        graph
    )
    for ext, syntax, fmt in (
        ("ttl", "turtle", ox.RdfFormat.TURTLE),
        ("nt", "ntriples", ox.RdfFormat.N_TRIPLES),
    ):
        files = sorted((site / "data").rglob(f"*.{ext}")) + sorted((site / "referenced").rglob(f"*.{ext}"))
        assert len(files) > len(described(graph))
        expected = sum(len(list(ox.parse(path=str(f), format=fmt))) for f in files)
        joined = b"\n".join(f.read_bytes() for f in files)
        assert raptor_count(joined, syntax) == expected, ext
    for path in SAMPLE:  # and a few alone, the largest among them
        for ext, syntax, fmt in (
            ("ttl", "turtle", ox.RdfFormat.TURTLE),
            ("nt", "ntriples", ox.RdfFormat.N_TRIPLES),
        ):
            file = site / "data" / f"{path}.{ext}"
            assert raptor_count(file.read_bytes(), syntax) == len(list(ox.parse(path=str(file), format=fmt)))
