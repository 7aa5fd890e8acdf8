"""`lattice publish`: a page for every described thing, no broken links, valid HTML, JSON-LD that says
what the Turtle says, a dataset description that matches the graph, and the evidence trail on the page."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import rdflib
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from lattice_kg.cli import app

from .conftest import ROOT

runner = CliRunner()
ID = "https://w3id.org/lattice/id/"
LAT = rdflib.Namespace("https://w3id.org/lattice/ontology#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
HOST = "https://example.org/lattice"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("publish") / "site"
    result = runner.invoke(app, ["publish", "--out", str(out), "--base-url", HOST])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("published ")
    return out


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


def test_the_json_ld_of_every_page_is_the_things_turtle(site: Path, graph: rdflib.Graph) -> None:
    script = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
    for iri in sorted(described(graph)):
        path = iri[len(ID) :]
        turtle = rdflib.Graph().parse(site / "data" / f"{path}.ttl", format="turtle")
        assert (rdflib.URIRef(iri), None, None) in turtle
        for lang_page in (f"{path}.html", f"{path}.zh.html"):
            embedded = script.search((site / "page" / lang_page).read_text(encoding="utf-8"))
            assert embedded, lang_page
            assert isomorphic(rdflib.Graph().parse(data=embedded.group(1), format="json-ld"), turtle), (
                lang_page
            )
        nt = rdflib.Graph().parse(site / "data" / f"{path}.nt", format="nt")
        assert isomorphic(nt, turtle), path


def test_a_things_turtle_is_its_description_in_the_graph(site: Path, graph: rdflib.Graph) -> None:
    raa = rdflib.URIRef(ID + "agreement/japan-australia-raa")
    turtle = rdflib.Graph().parse(site / "data" / "agreement" / "japan-australia-raa.ttl")

    def named(g: rdflib.Graph) -> set[tuple]:
        return {t for t in g.triples((raa, None, None)) if not isinstance(t[2], rdflib.BNode)}

    assert named(turtle) == named(graph)
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


def test_network_and_timeline_come_from_the_graph(site: Path) -> None:
    html = (site / "network.html").read_text(encoding="utf-8")
    data = json.loads(
        re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S)[1]
    )
    quad = ID + "mechanism/quad"
    members = {e["source"] for e in data["edges"] if e["target"] == quad and e["kind"] == "membership"}
    assert members == {
        ID + "actor/australia",
        ID + "actor/india",
        ID + "actor/japan",
        ID + "actor/united-states",
    }
    raa = [e for e in data["edges"] if e["facts"] == [ID + "agreement/japan-australia-raa"]]
    assert [(e["source"], e["target"], e["year"], e["domains"]) for e in raa] == [
        (ID + "actor/australia", ID + "actor/japan", 2022, ["geo-security"])
    ]
    timeline = (site / "timeline.html").read_text(encoding="utf-8")
    assert '<time datetime="2024-07">2024-07</time>' in timeline  # the Japan-Philippines RAA
    assert timeline.index('datetime="2007-08"') < timeline.index('datetime="2024-07"')


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


def test_lattice_serve_negotiates_on_the_published_site(site: Path) -> None:
    """The acceptance case on the real site: Accept: text/turtle on an /id/ IRI is a 303 to Turtle that
    parses and describes the thing; text/html gets its page; an unknown IRI is a 404."""
    from starlette.testclient import TestClient

    from lattice_kg.serve.app import create_app
    from lattice_kg.store import open_store

    app = create_app(site, open_store().path, timeout=10, max_rows=1000, max_request_bytes=65536)
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
        assert client.post("/sparql", data={"update": "CLEAR ALL"}).status_code == 403
