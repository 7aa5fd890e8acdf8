"""The SPARQL 1.1 Protocol on `/sparql` (`serve/sparql_endpoint.py`): queries by GET and both POSTs,
every result format, what is refused (updates, SERVICE, other methods and content types), and the limits."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
import rdflib
from starlette.testclient import TestClient

from .serve_site import COUNT_JAPAN, JAPAN, MAX_BYTES, MAX_ROWS, count_of

RESULTS = "{http://www.w3.org/2005/sparql-results#}"


def test_query_by_get_and_both_posts(client: TestClient) -> None:
    expected = count_of(client.get("/sparql", params={"query": COUNT_JAPAN}))
    assert expected == 4
    assert count_of(client.post("/sparql", data={"query": COUNT_JAPAN})) == expected
    direct = client.post(
        "/sparql", content=COUNT_JAPAN.encode(), headers={"content-type": "application/sparql-query"}
    )
    assert count_of(direct) == expected


LABELS = f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?label ?missing WHERE {{ <{JAPAN}> skos:prefLabel ?label OPTIONAL {{ <{JAPAN}> <urn:x> ?missing }} }}
ORDER BY ?label"""


def test_select_as_json(client: TestClient) -> None:
    doc = client.get("/sparql", params={"query": LABELS}).json()
    assert doc["head"]["vars"] == ["label", "missing"]
    labels = {(b["label"]["value"], b["label"].get("xml:lang")) for b in doc["results"]["bindings"]}
    assert ("日本", "zh") in labels and ("Japan", "en") in labels


def test_select_as_xml(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": LABELS}, headers={"accept": "application/sparql-results+xml"}
    )
    assert response.headers["content-type"] == "application/sparql-results+xml"
    root = ET.fromstring(response.content)
    names = [v.get("name") for v in root.iter(f"{RESULTS}variable")]
    assert names == ["label", "missing"]
    literals = {lit.text for lit in root.iter(f"{RESULTS}literal")}
    assert {"日本", "Japan"} <= literals


def test_select_as_csv_and_tsv(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": LABELS}, headers={"accept": "text/csv"})
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["label", "missing"] and ["日本", ""] in rows[1:]
    response = client.get("/sparql", params={"query": LABELS, "format": "tsv"})
    assert response.headers["content-type"] == "text/tab-separated-values; charset=utf-8"
    rows = [line.split("\t") for line in response.text.splitlines()]
    assert rows[0] == ["?label", "?missing"] and ['"日本"@zh', ""] in rows[1:]


def test_format_parameter_wins_over_accept(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": LABELS, "format": "csv"}, headers={"accept": "text/turtle"}
    )
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert client.get("/sparql", params={"query": LABELS, "format": "yaml"}).status_code == 400


def test_ask(client: TestClient) -> None:
    yes = client.get("/sparql", params={"query": f"ASK {{ <{JAPAN}> ?p ?o }}"})
    assert yes.json() == {"head": {}, "boolean": True}
    no = client.get(
        "/sparql", params={"query": "ASK { <urn:nothing> ?p ?o }"}, headers={"accept": "text/csv"}
    )
    assert no.status_code == 200 and no.text.strip() == "false"


CONSTRUCT = f"CONSTRUCT {{ <{JAPAN}> ?p ?o }} WHERE {{ <{JAPAN}> ?p ?o }}"


def test_construct_as_turtle_jsonld_and_ntriples(client: TestClient) -> None:
    turtle = client.get("/sparql", params={"query": CONSTRUCT})
    assert turtle.headers["content-type"] == "text/turtle; charset=utf-8"
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert len(graph) == 4 and set(graph.subjects()) == {rdflib.URIRef(JAPAN)}
    jsonld = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "application/ld+json"})
    assert jsonld.headers["content-type"] == "application/ld+json"
    assert rdflib.Graph().parse(data=jsonld.text, format="json-ld").isomorphic(graph)
    nt = client.post("/sparql", data={"query": CONSTRUCT, "format": "ntriples"})
    assert nt.headers["content-type"] == "application/n-triples"
    assert rdflib.Graph().parse(data=nt.text, format="nt").isomorphic(graph)


def test_result_kind_not_acceptable(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "text/csv"})
    assert response.status_code == 406
    response = client.get("/sparql", params={"query": LABELS}, headers={"accept": "image/png"})
    assert response.status_code == 406 and "application/sparql-results+json" in response.text


def test_syntax_error(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x "})
    assert response.status_code == 400
    assert response.text.startswith("SPARQL syntax error:")


@pytest.mark.parametrize(
    "request_args",
    [
        {"method": "GET", "params": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"method": "POST", "data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {
            "method": "POST",
            "content": b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            "headers": {"content-type": "application/sparql-update"},
        },
        {"method": "GET", "params": {"query": "PREFIX x: <urn:x#> # a comment\nDELETE WHERE { ?s ?p ?o }"}},
        {"method": "POST", "data": {"query": "drop all"}},
        {
            "method": "POST",
            "content": b"LOAD <http://example.org/x.ttl>",
            "headers": {"content-type": "application/sparql-query"},
        },
    ],
)
def test_update_is_refused(client: TestClient, request_args: dict) -> None:
    response = client.request(url="/sparql", **request_args)
    assert response.status_code == 403
    assert "this endpoint is read-only" in response.text
    assert count_of(client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { <urn:a> ?p ?o }"})) == 0


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_write_methods_are_not_allowed(client: TestClient, method: str) -> None:
    response = client.request(method, "/sparql", content=b"<urn:a> <urn:b> <urn:c> .")
    assert response.status_code == 405
    assert "POST" in response.headers["allow"] and "PUT" not in response.headers["allow"]


def test_service_is_refused(client: TestClient) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert client.get("/sparql", params={"query": query}).status_code == 403


def test_wrong_content_type(client: TestClient) -> None:
    response = client.post("/sparql", content=COUNT_JAPAN.encode(), headers={"content-type": "text/plain"})
    assert response.status_code == 415


def test_request_too_large(client: TestClient) -> None:
    padding = "#" + "x" * MAX_BYTES + "\n"
    direct = {"content-type": "application/sparql-query"}
    response = client.post("/sparql", content=(padding + COUNT_JAPAN).encode(), headers=direct)
    assert response.status_code == 413
    assert client.post("/sparql", data={"query": padding + COUNT_JAPAN}).status_code == 413
    assert client.get("/sparql", params={"query": padding + COUNT_JAPAN}).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
        for _ in range(8):
            yield b"#" + b"x" * 1000 + b"\n"

    assert client.post("/sparql", content=chunks(), headers=direct).status_code == 413
    small = ("#" + "x" * 100 + "\n" + COUNT_JAPAN).encode()
    assert count_of(client.post("/sparql", content=small, headers=direct)) == 4


def test_result_size_limit_truncates_and_says_so(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(response.json()["results"]["bindings"]) == MAX_ROWS
    assert response.headers["x-sparql-maxrows"] == str(MAX_ROWS)
    triples = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "ntriples"})
    assert len(triples.text.splitlines()) == MAX_ROWS and triples.headers["x-sparql-maxrows"] == str(MAX_ROWS)
    exact = client.get("/sparql", params={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"})
    assert len(exact.json()["results"]["bindings"]) == MAX_ROWS
    assert "x-sparql-maxrows" not in exact.headers


def test_graph_parameters(client: TestClient) -> None:
    params = {"query": COUNT_JAPAN, "default-graph-uri": "urn:lattice:empty"}
    assert count_of(client.get("/sparql", params=params)) == 0
    bad = client.get("/sparql", params={"query": COUNT_JAPAN, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400
