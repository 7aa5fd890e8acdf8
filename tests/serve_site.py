"""A small site in the layout `lattice publish` writes, built from the real graph, for the serve tests,
and the limits and queries those tests share."""

from __future__ import annotations

import gzip
import html
from pathlib import Path

import pyoxigraph as ox

from lattice_kg.publish import layout

ID = "https://w3id.org/lattice/id/"
ONTOLOGY = "https://w3id.org/lattice/ontology"
THINGS = ("actor/japan", "statement/membership-quad-japan", "source/zhao-2024/fn/p3-4")
ONLY_ENGLISH = "statement/membership-quad-japan"  # no Chinese page: the English one is the fallback
# the limits the test apps run with, and a query whose answer is known
MAX_ROWS = 50
MAX_BYTES = 4096
JAPAN = ID + "actor/japan"
LAT = "https://w3id.org/lattice/ontology#"
COUNT_JAPAN = f"SELECT (COUNT(*) AS ?n) WHERE {{ <{JAPAN}> ?p ?o }}"


def describe(store: ox.Store, iri: str) -> list[ox.Triple]:
    """The description `lattice publish` writes (the ontology: its own triples, as in ontology/)."""
    from lattice_kg.publish.describe import Describer, Site, StoreAdjacency

    if not iri.startswith(ID):
        return list(store.query(f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}"))
    describer = Describer(StoreAdjacency(store), Site("https://w3id.org/lattice"))
    return describer.describe(iri, iri[len(ID) :]).triples


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def page(title: str, lang: str) -> str:
    head = f"<head><title>{html.escape(title)}</title></head>"
    return f'<!DOCTYPE html><html lang="{lang}">{head}<body></body></html>'


def make_site(out: Path, store: ox.Store) -> Path:
    """index pages, each thing's pages and data, the ontology, a dump and a few other files."""
    for lang in layout.LANGS:
        write(out / layout.page_file("index", lang), page("Lattice", lang))
    for thing in THINGS:
        triples = describe(store, ID + thing)
        assert triples, thing
        documents = layout.thing(thing)
        for lang, file in documents.pages.items():
            if lang == "en" or thing != ONLY_ENGLISH:
                write(out / file, page(f"{thing} ({lang})", lang))
        for fmt, file in documents.data.items():
            write(out / file, ox.serialize(triples, format=fmt))
    ontology = describe(store, ONTOLOGY)
    write(out / layout.ONTOLOGY.pages["en"], page("Lattice ontology", "en"))
    for fmt, file in layout.ONTOLOGY.data.items():
        write(out / file, ox.serialize(ontology, format=fmt))
    dump = next(d for d in layout.DUMPS if d.gzip)
    write(out / dump.path, gzip.compress(ox.serialize(ontology, format=dump.format)))
    write(out / layout.VOID, "<https://w3id.org/lattice/void> a <http://rdfs.org/ns/void#Dataset> .\n")
    write(out / layout.SITEMAP, '<?xml version="1.0"?><urlset/>\n')
    write(out / layout.HTACCESS, "RewriteEngine on\n")
    write(out / layout.ASSETS / "style.css", "body { margin: 0 }\n")
    write(out.parent / "secret.txt", "outside the site\n")
    return out


def count_of(response) -> int:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/sparql-results+json"
    return int(response.json()["results"]["bindings"][0]["n"]["value"])
