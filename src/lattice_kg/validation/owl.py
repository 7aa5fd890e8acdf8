"""OWL checker: HermiT consistency and satisfiability, through owlready2; run again only on new input."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core import vocab
from ..reasoner import check_consistency
from .report import Result, Severity

if TYPE_CHECKING:
    import pyoxigraph


def check(
    files: list[Path], store: pyoxigraph.Store | None = None, cache: Path | None = None
) -> list[Result]:
    """`store` holds exactly `files`; `cache` keeps HermiT's verdict until they change."""
    report = check_consistency(files, cache=cache, store=store)
    if not report.consistent:
        return [
            Result(
                "owl",
                Severity.ERROR,
                "the ontology and data are inconsistent: HermiT finds no model (look for a thing typed with "
                "two disjoint classes, or a functional property with two values)",
                focus=vocab.ONTOLOGY,
            )
        ]
    return [
        Result("owl", Severity.ERROR, "unsatisfiable class: no individual can belong to it", focus=iri)
        for iri in report.unsatisfiable
    ]
