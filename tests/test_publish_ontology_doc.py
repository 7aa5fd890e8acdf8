"""The ontology's documentation page (`publish/ontology_doc.py`): every term, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from .published import LAT


@pytest.fixture
def site(published_site: Path) -> Path:
    """The session's site (published with --base-url HOST), under the name these tests use."""
    return published_site


def test_the_ontology_page_documents_every_term_in_both_languages(site: Path, ontology: rdflib.Graph) -> None:
    html = (site / "ontology" / "index.html").read_text(encoding="utf-8")
    kinds = (rdflib.OWL.Class, rdflib.OWL.ObjectProperty, rdflib.OWL.DatatypeProperty)
    terms = {
        s for kind in kinds for s in ontology.subjects(rdflib.RDF.type, kind) if str(s).startswith(str(LAT))
    }
    assert len(terms) > 130
    sections = dict(
        re.findall(r'<div class="[^"]*entity[^"]*" id="[^"]+">(.*?)<code>([^<]+)</code>', html, re.S)
    )
    by_iri = {iri: head for head, iri in sections.items()}
    missing = []
    for term in terms:
        labels = {lit.language: str(lit) for lit in ontology.objects(term, rdflib.RDFS.label)}
        head = by_iri.get(str(term), "")
        if not (labels.get("en") and labels.get("zh") and labels["en"] in head and labels["zh"] in head):
            missing.append(str(term))
    assert missing == []
    for definition in ontology.objects(LAT.ReciprocalAccessAgreement, rdflib.URIRef(
            "http://www.w3.org/2004/02/skos/core#definition")):  # fmt: skip
        assert str(definition) in html
    assert len(rdflib.Graph().parse(site / "ontology" / "lattice.ttl")) == len(ontology)
