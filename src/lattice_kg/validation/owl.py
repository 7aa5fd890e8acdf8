"""OWL checker: HermiT consistency and satisfiability, through owlready2."""

from __future__ import annotations

from pathlib import Path

from ..reasoner import check_consistency
from .report import Result, Severity


def check(files: list[Path]) -> list[Result]:
    report = check_consistency(files)
    if not report.consistent:
        return [
            Result(
                "owl",
                Severity.ERROR,
                "the ontology and data are inconsistent: HermiT finds no model (look for a thing typed with "
                "two disjoint classes, or a functional property with two values)",
                focus="https://w3id.org/lattice/ontology",
            )
        ]
    return [
        Result("owl", Severity.ERROR, "unsatisfiable class: no individual can belong to it", focus=iri)
        for iri in report.unsatisfiable
    ]
