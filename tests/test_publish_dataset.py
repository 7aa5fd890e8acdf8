"""What makes the dataset findable (`publish/dataset.py`): VoID and DCAT, the dumps, the sitemap and
robots.txt."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib

from .published import DCAT, HOST, ID, LAT, VOID, described


@pytest.fixture
def site(published_site: Path) -> Path:
    """The session's site (published with --base-url HOST), under the name these tests use."""
    return published_site


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
