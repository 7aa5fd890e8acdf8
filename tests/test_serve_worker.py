"""Queries in worker processes (`serve/worker.py`): past the time limit the worker is killed and replaced,
with every worker busy a query waits then gets 503, and results keep their terms on the way through."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from lattice_kg.serve.app import create_app

from .serve_site import COUNT_JAPAN, MAX_BYTES, MAX_ROWS, count_of

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


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
