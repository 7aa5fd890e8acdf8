"""Where an `/id/…` IRI and `/ontology` redirect (`serve/site.py`), through the app: 303s negotiated on
Accept and Accept-Language, 406 and 404, no way out of the site, HEAD and POST. The header parsing and
the safe paths alone: test_serve_negotiation.py."""

from __future__ import annotations

import pytest
import rdflib
from starlette.testclient import TestClient

from .serve_site import ID, LAT, ONLY_ENGLISH


def see_other(client: TestClient, path: str, **headers: str) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 303, response.text
    assert response.headers["vary"].startswith("Accept, Accept-Language")
    return response.headers["location"]


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
