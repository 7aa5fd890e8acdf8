"""`DESCRIBE` on `/sparql` (`serve/describe_query.py`): the site's own description of the resource,
whatever form names it, cut past --max-rows like any result."""

from __future__ import annotations

from pathlib import Path

import rdflib
from starlette.testclient import TestClient

from lattice_kg.serve.app import create_app

from .serve_site import ID, JAPAN, LAT, MAX_BYTES, MAX_ROWS


def test_describe(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": f"DESCRIBE <{JAPAN}>"})
    assert response.status_code == 200
    assert (rdflib.URIRef(JAPAN), None, None) in rdflib.Graph().parse(data=response.text, format="turtle")


def test_describe_is_the_published_description(client: TestClient, site: Path, store_path: Path) -> None:
    """DESCRIBE gives what /id/ gives (its triples and the incoming ones), whatever form names the IRI;
    past --max-rows it is cut and says so, like any result."""
    note = ID + "source/zhao-2024/fn/p3-4"
    data = rdflib.Graph().parse(data=client.get("/data/source/zhao-2024/fn/p3-4.nt").text, format="nt")
    assert len(data) > MAX_ROWS
    cut = client.get("/sparql", params={"query": f"DESCRIBE <{note}>"})
    assert cut.headers["x-sparql-maxrows"] == str(MAX_ROWS)
    app = create_app(site, store_path, timeout=10, max_rows=100_000, max_request_bytes=MAX_BYTES, workers=1)
    with TestClient(app) as roomy:
        _describes_the_same(roomy, note, data)


def _describes_the_same(client: TestClient, note: str, data: rdflib.Graph) -> None:
    for query in (
        f"DESCRIBE <{note}>",
        f"PREFIX fn: <{ID}source/zhao-2024/fn/>\nDESCRIBE fn:p3-4",
        f"PREFIX lat: <{LAT}>\nDESCRIBE ?n WHERE {{ ?n lat:noteNumber 4 . FILTER (?n = <{note}>) }}",
    ):
        response = client.get("/sparql", params={"query": query}, headers={"accept": "application/n-triples"})
        assert response.status_code == 200, response.text
        described = rdflib.Graph().parse(data=response.text, format="nt")
        assert len(described) == len(data) and described.isomorphic(data), query
    bad = client.get("/sparql", params={"query": "DESCRIBE <x:y> WHERE { ?s ?p }"})
    assert bad.status_code == 400 and bad.text.startswith("SPARQL syntax error")
