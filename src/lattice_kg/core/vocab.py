"""The one prefix table and the one way to shorten an IRI, for every output.

The project's own namespaces come from `lattice.toml` (so a new IRI base is one edit there); the
well-known vocabularies are below. A thing prints as `actor:japan`, a footnote as `fn:p3-4`.
The module attributes LAT, ID, ONTOLOGY and SHAPES are read from the project on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .project import Project, project

WELL_KNOWN = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "sh": "http://www.w3.org/ns/shacl#",
    "cito": "http://purl.org/spar/cito/",
    "fabio": "http://purl.org/spar/fabio/",
    "doco": "http://purl.org/spar/doco/",
    "bibo": "http://purl.org/ontology/bibo/",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "wd": "http://www.wikidata.org/entity/",
}
RDF_TYPE = WELL_KNOWN["rdf"] + "type"
# what a display name may hold after its prefix: a plain path, so `actor:japan` reads back as one IRI
_LOCAL = re.compile(r"[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*")


class Vocabulary:
    """The prefix table of one project: its own namespaces, its sources' parts, the well-known ones."""

    def __init__(self, p: Project) -> None:
        own = dict(p.prefixes)
        for source in p.sources:
            own.update(source.prefixes)
        self.prefixes: dict[str, str] = {**own, **WELL_KNOWN}
        self.lat = p.vocab
        self.id = p.id_base
        self.ontology = p.ontology_iri
        self.shapes = p.shapes_ns
        # longest namespace first, so fn: wins over src: and src: over id:
        self._by_length = sorted(self.prefixes.items(), key=lambda kv: -len(kv[1]))

    def curie(self, iri: str) -> str:
        """`actor:japan` for an IRI under a known namespace, else the IRI itself."""
        for prefix, ns in self._by_length:
            if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns) :] or "x"):
                return f"{prefix}:{iri[len(ns) :]}"
        return iri

    def expand(self, name: str) -> str | None:
        """The IRI of `prefix:local`, or None when the prefix is unknown."""
        prefix, sep, local = name.partition(":")
        ns = self.prefixes.get(prefix) if sep else None
        return ns + local if ns is not None else None

    def table(self, *names: str) -> dict[str, str]:
        """The given prefixes and their namespaces, in that order (for serialisers)."""
        return {n: self.prefixes[n] for n in names}

    def sparql(self, *names: str) -> str:
        """PREFIX lines for the given prefixes (all of them when none is given)."""
        chosen = names or tuple(self.prefixes)
        return "".join(f"PREFIX {n}: <{self.prefixes[n]}>\n" for n in chosen)

    def turtle(self, *names: str) -> str:
        chosen = names or tuple(self.prefixes)
        return "".join(f"@prefix {n}: <{self.prefixes[n]}> .\n" for n in chosen)


def vocabulary() -> Vocabulary:
    """The vocabulary of the current project."""
    p = project()
    return _vocabulary(p)


@lru_cache(maxsize=8)
def _vocabulary(p: Project) -> Vocabulary:
    return Vocabulary(p)


def curie(iri: str) -> str:
    return vocabulary().curie(iri)


def __getattr__(name: str) -> str:
    """LAT, ID, ONTOLOGY and SHAPES of the current project, read when first asked for."""
    attrs = {"LAT": "lat", "ID": "id", "ONTOLOGY": "ontology", "SHAPES": "shapes"}
    if name in attrs:
        return getattr(vocabulary(), attrs[name])
    raise AttributeError(name)
