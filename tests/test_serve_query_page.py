"""What `GET /sparql` without a query answers (`serve/query_page.py`): the query page and the service
description; the competency questions it offers (`serve/run.py`'s `canned_questions`) run on the endpoint."""

from __future__ import annotations

import json
from pathlib import Path

import rdflib
from starlette.testclient import TestClient

from lattice_kg.serve.app import create_app
from lattice_kg.store import open_store

from .serve_site import MAX_BYTES, MAX_ROWS


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
