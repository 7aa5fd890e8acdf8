"""`lattice serve` as an app: negotiated /id/ redirects, static files, CORS and the SPARQL endpoint."""

from __future__ import annotations

import csv
import io
import json
import os
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from starlette.testclient import TestClient

from lattice_kg.serve.app import create_app
from lattice_kg.store import open_store

from .serve_site import ID, ONLY_ENGLISH, make_site

MAX_ROWS = 50
MAX_BYTES = 4096
JAPAN = ID + "actor/japan"
LAT = "https://w3id.org/lattice/ontology#"
RESULTS = "{http://www.w3.org/2005/sparql-results#}"
COUNT_JAPAN = f"SELECT (COUNT(*) AS ?n) WHERE {{ <{JAPAN}> ?p ?o }}"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def store_path() -> Path:
    return open_store().path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_site(tmp_path_factory.mktemp("serve") / "site", open_store().store)


@pytest.fixture(scope="module")
def client(site: Path, store_path: Path) -> Iterator[TestClient]:
    app = create_app(site, store_path, timeout=10, max_rows=MAX_ROWS, max_request_bytes=MAX_BYTES)
    with TestClient(app, follow_redirects=False) as c:
        yield c


def see_other(client: TestClient, path: str, **headers: str) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 303, response.text
    assert response.headers["vary"].startswith("Accept, Accept-Language")
    return response.headers["location"]


# ---------------------------------------------------------------- negotiation on /id/ and /ontology


@pytest.mark.parametrize(
    ("accept", "location"),
    [
        ("text/html", "/page/actor/japan.html"),
        ("application/xhtml+xml", "/page/actor/japan.html"),
        ("*/*", "/page/actor/japan.html"),
        ("text/turtle", "/data/actor/japan.ttl"),
        ("application/ld+json", "/data/actor/japan.jsonld"),
        ("application/n-triples", "/data/actor/japan.nt"),
        ("text/html;q=0.5, text/turtle", "/data/actor/japan.ttl"),
        ("text/turtle;q=0.4, application/ld+json;q=0.8", "/data/actor/japan.jsonld"),
        ("text/turtle, */*;q=0.1", "/data/actor/japan.ttl"),
    ],
)
def test_negotiated_redirect(client: TestClient, accept: str, location: str) -> None:
    assert see_other(client, "/id/actor/japan", accept=accept) == location


def test_no_accept_header_gets_the_page(client: TestClient) -> None:
    response = client.get("/id/actor/japan", headers={"accept": ""})
    assert response.status_code == 303 and response.headers["location"] == "/page/actor/japan.html"


def test_chinese_page_when_chinese_is_preferred(client: TestClient) -> None:
    zh = {"accept": "text/html", "accept-language": "zh-CN,zh;q=0.9,en;q=0.8"}
    assert see_other(client, "/id/actor/japan", **zh) == "/page/actor/japan.zh.html"
    en = {"accept": "text/html", "accept-language": "en-GB, zh;q=0.5"}
    assert see_other(client, "/id/actor/japan", **en) == "/page/actor/japan.html"
    assert see_other(client, f"/id/{ONLY_ENGLISH}", **zh) == f"/page/{ONLY_ENGLISH}.html"
    turtle = {"accept": "text/turtle", "accept-language": "zh"}
    assert see_other(client, "/id/actor/japan", **turtle) == "/data/actor/japan.ttl"


def test_turtle_redirect_leads_to_a_description_of_the_thing(client: TestClient) -> None:
    location = see_other(client, "/id/source/zhao-2024/fn/p3-4", accept="text/turtle")
    response = client.get(location)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    note = rdflib.URIRef(ID + "source/zhao-2024/fn/p3-4")
    assert len(list(graph.predicate_objects(note))) > 3
    # what points to the note is there too: the statements derived from it, with their anchors
    derived = set(graph.subjects(rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), note))
    assert derived and all((s, rdflib.URIRef(LAT + "anchor"), None) in graph for s in derived)


def test_html_redirect_leads_to_the_page(client: TestClient) -> None:
    response = client.get("/id/actor/japan", headers={"accept": "text/html"}, follow_redirects=True)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "actor/japan (en)" in response.text


def test_ontology(client: TestClient) -> None:
    assert see_other(client, "/ontology", accept="text/html") == "/ontology/index.html"
    assert see_other(client, "/ontology", accept="text/turtle") == "/ontology/lattice.ttl"
    assert see_other(client, "/ontology", accept="application/ld+json") == "/ontology/lattice.jsonld"
    assert see_other(client, "/ontology", accept="application/n-triples") == "/ontology/lattice.nt"


def test_not_acceptable(client: TestClient) -> None:
    response = client.get("/id/actor/japan", headers={"accept": "application/rdf+xml"})
    assert response.status_code == 406
    assert "text/turtle" in response.text and "application/ld+json" in response.text
    assert response.headers["vary"].startswith("Accept, Accept-Language")


@pytest.mark.parametrize(
    "path", ["/id/actor/nowhere", "/id/actor", "/id/", "/id/actor/japan/", "/id/actor/japan.ttl"]
)
def test_unknown_iri(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"accept": "text/turtle"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/id/%2e%2e/%2e%2e/secret",
        "/id/..%2f..%2fsecret",
        "/id/actor/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret",
        "/%2e%2e/secret.txt",
        "/data/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/.htaccess",
    ],
)
def test_traversal_is_not_found(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"accept": "text/plain, */*"})
    assert response.status_code == 404
    assert "outside the site" not in response.text


def test_head(client: TestClient) -> None:
    response = client.head("/id/actor/japan", headers={"accept": "text/turtle"})
    assert response.status_code == 303 and response.headers["location"] == "/data/actor/japan.ttl"
    response = client.head("/data/actor/japan.ttl")
    assert response.status_code == 200 and response.content == b""
    assert int(response.headers["content-length"]) > 100


def test_post_to_an_iri_is_not_allowed(client: TestClient) -> None:
    response = client.post("/id/actor/japan")
    assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"


# ---------------------------------------------------------------- static files


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/index.zh.html", "text/html; charset=utf-8"),
        ("/page/actor/japan.zh.html", "text/html; charset=utf-8"),
        ("/data/actor/japan.ttl", "text/turtle; charset=utf-8"),
        ("/data/actor/japan.jsonld", "application/ld+json"),
        ("/data/actor/japan.nt", "application/n-triples"),
        ("/dumps/lattice.nt.gz", "application/gzip"),
        ("/ontology/", "text/html; charset=utf-8"),
        ("/ontology/lattice.ttl", "text/turtle; charset=utf-8"),
        ("/void.ttl", "text/turtle; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/assets/style.css", "text/css; charset=utf-8"),
    ],
)
def test_static_content_types(client: TestClient, path: str, media_type: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert "content-encoding" not in response.headers  # the .gz dump is a file to download, not an encoding


def test_static_data_parses(client: TestClient) -> None:
    jsonld = client.get("/data/actor/japan.jsonld").text
    nt = client.get("/data/actor/japan.nt").text
    a = rdflib.Graph().parse(data=jsonld, format="json-ld")
    b = rdflib.Graph().parse(data=nt, format="nt")
    assert len(a) == len(b) > 0 and (rdflib.URIRef(JAPAN), None, None) in a


def test_well_known_void_points_to_the_dataset_description(client: TestClient) -> None:
    response = client.get("/.well-known/void")
    assert response.status_code == 303 and response.headers["location"] == "/void.ttl"
    assert client.get("/.htaccess").status_code == 404  # other dot-files stay private


def test_missing_file(client: TestClient) -> None:
    assert client.get("/page/actor/nowhere.html").status_code == 404
    assert client.get("/nothing/here").status_code == 404
    assert client.put("/data/actor/japan.ttl", content=b"x").status_code == 405


# ---------------------------------------------------------------- CORS


def test_cors_headers(client: TestClient) -> None:
    origin = {"origin": "https://example.org"}
    for path in ("/sparql?query=ASK%7B%7D", "/data/actor/japan.ttl"):
        response = client.get(path, headers=origin)
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == "*"
    redirect = client.get("/id/actor/japan", headers={**origin, "accept": "text/turtle"})
    assert redirect.headers["access-control-allow-origin"] == "*"
    assert "Location" in redirect.headers["access-control-expose-headers"]


def test_cors_preflight(client: TestClient) -> None:
    response = client.options(
        "/sparql",
        headers={
            "origin": "https://example.org",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    methods = {m.strip() for m in response.headers["access-control-allow-methods"].split(",")}
    assert {"GET", "POST"} <= methods
    assert "content-type" in response.headers["access-control-allow-headers"].lower()


def test_plain_options(client: TestClient) -> None:
    response = client.options("/sparql")
    assert response.status_code == 204 and "POST" in response.headers["allow"]


# ---------------------------------------------------------------- SPARQL protocol


def count_of(response) -> int:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/sparql-results+json"
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


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


def test_service_description_and_query_page(client: TestClient) -> None:
    page = client.get("/sparql", headers={"accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    assert "<textarea" in page.text
    sd = client.get("/sparql", headers={"accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=sd.text, format="turtle")
    service = rdflib.URIRef("http://testserver/sparql")
    assert (
        service,
        rdflib.RDF.type,
        rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#Service"),
    ) in graph


# ---------------------------------------------------------------- the time limit


def test_timeout_kills_the_worker_and_the_next_query_works(site: Path, store_path: Path) -> None:
    app = create_app(site, store_path, timeout=1, max_rows=MAX_ROWS, max_request_bytes=MAX_BYTES, workers=1)
    with TestClient(app, follow_redirects=False) as client:
        pool = app.state.pool
        (before,) = pool.pids()
        started = time.monotonic()
        response = client.get("/sparql", params={"query": SLOW})
        assert time.monotonic() - started < 5
        assert response.status_code == 503
        assert response.text.strip() == "query stopped: it ran longer than the 1 s limit of this endpoint"
        assert pool.killed == [before]
        with pytest.raises(ProcessLookupError):
            os.kill(before, 0)  # killed and reaped: no such process any more
        assert count_of(client.get("/sparql", params={"query": COUNT_JAPAN})) == 4
        (after,) = pool.pids()
        assert after != before


def test_busy_workers_answer_503(site: Path, store_path: Path) -> None:
    """With every worker busy, a query waits at most the time limit, then gets 503 and Retry-After."""
    app = create_app(site, store_path, timeout=1, max_rows=MAX_ROWS, max_request_bytes=MAX_BYTES, workers=1)
    with TestClient(app, follow_redirects=False) as client:
        pool = app.state.pool
        worker = pool._idle.get(timeout=5)  # as if a long query held the only worker
        started = time.monotonic()
        response = client.get("/sparql", params={"query": COUNT_JAPAN})
        assert 0.9 < time.monotonic() - started < 3
        assert response.status_code == 503 and response.headers["retry-after"] == "5"
        pool._idle.put(worker)
        assert count_of(client.get("/sparql", params={"query": COUNT_JAPAN})) == 4


def test_json_results_are_pyoxigraph_json(client: TestClient) -> None:
    """The rows pass through TSV on their way; the JSON still carries datatypes, languages and blank nodes."""
    query = """SELECT ?int ?date ?lang ?bnode ?iri WHERE {
      BIND (42 AS ?int) BIND ("2024-07-01"^^<http://www.w3.org/2001/XMLSchema#date> AS ?date)
      BIND ("a\\tb\\n\\"c\\""@en AS ?lang) BIND (BNODE() AS ?bnode) BIND (<urn:x> AS ?iri) }"""
    row = client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]
    assert row["int"] == {
        "type": "literal",
        "value": "42",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert row["date"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"
    assert row["lang"] == {"type": "literal", "value": 'a\tb\n"c"', "xml:lang": "en"}
    assert row["bnode"]["type"] == "bnode" and row["iri"] == {"type": "uri", "value": "urn:x"}
    assert json.loads(json.dumps(row)) == row


# ---------------------------------------------------------------- the competency questions on the query page


def test_competency_questions_run_through_the_endpoint(client: TestClient) -> None:
    from lattice_kg.answers import answer
    from lattice_kg.questions import load_all
    from lattice_kg.serve.run import canned_questions
    from lattice_kg.sparql import Engine

    from .conftest import ROOT

    canned = {q.id: q for q in canned_questions(open_store().store)}
    questions, _ = load_all(ROOT / "queries")
    assert len(canned) == len(questions) >= 20
    engine = Engine.open()
    for question in questions:
        response = client.post("/sparql", data={"query": canned[question.id].sparql})
        assert response.status_code == 200, (question.id, response.text)
        expected = len(answer(engine, question, {})[0].rows)
        assert len(response.json()["results"]["bindings"]) == min(expected, MAX_ROWS), question.id


def test_query_page_offers_the_questions(site: Path, store_path: Path) -> None:
    from lattice_kg.serve.run import canned_questions

    questions = canned_questions(open_store().store)
    app = create_app(
        site, store_path, timeout=5, max_rows=10, max_request_bytes=MAX_BYTES, workers=1, questions=questions
    )
    with TestClient(app) as client:
        page = client.get("/sparql").text
    assert page.count('<option value="cq') == len(questions)
    embedded = page.split('<script type="application/json" id="questions">')[1].split("</script>")[0]
    assert [q["id"] for q in json.loads(embedded)] == [q.id for q in questions]
