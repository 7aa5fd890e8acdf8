"""The app (`serve/app.py`) beyond `/id/` and `/sparql`: the site's files with the media types of linked
data, `/.well-known/void`, and CORS."""

from __future__ import annotations

import pytest
import rdflib
from starlette.testclient import TestClient

from .serve_site import JAPAN


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
