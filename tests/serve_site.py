"""A small site in the layout `lattice publish` writes, built from the real graph, for the serve tests."""

from __future__ import annotations

import gzip
import html
from pathlib import Path

import pyoxigraph as ox

ID = "https://w3id.org/lattice/id/"
ONTOLOGY = "https://w3id.org/lattice/ontology"
THINGS = ("actor/japan", "statement/membership-quad-japan", "source/zhao-2024/fn/p3-4")
ONLY_ENGLISH = "statement/membership-quad-japan"  # no Chinese page: the English one is the fallback
FORMATS = {"ttl": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES}


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
    write(out / "index.html", page("Lattice", "en"))
    write(out / "index.zh.html", page("Lattice", "zh"))
    for thing in THINGS:
        triples = describe(store, ID + thing)
        assert triples, thing
        write(out / "page" / f"{thing}.html", page(f"{thing} (en)", "en"))
        if thing != ONLY_ENGLISH:
            write(out / "page" / f"{thing}.zh.html", page(f"{thing} (zh)", "zh"))
        for ext, fmt in FORMATS.items():
            write(out / "data" / f"{thing}.{ext}", ox.serialize(triples, format=fmt))
    ontology = describe(store, ONTOLOGY)
    write(out / "ontology" / "index.html", page("Lattice ontology", "en"))
    for ext, fmt in FORMATS.items():
        write(out / "ontology" / f"lattice.{ext}", ox.serialize(ontology, format=fmt))
    write(
        out / "dumps" / "lattice.nt.gz", gzip.compress(ox.serialize(ontology, format=ox.RdfFormat.N_TRIPLES))
    )
    write(out / "void.ttl", "<https://w3id.org/lattice/void> a <http://rdfs.org/ns/void#Dataset> .\n")
    write(out / "sitemap.xml", '<?xml version="1.0"?><urlset/>\n')
    write(out / ".htaccess", "RewriteEngine on\n")
    write(out / "assets" / "style.css", "body { margin: 0 }\n")
    write(out.parent / "secret.txt", "outside the site\n")
    return out
