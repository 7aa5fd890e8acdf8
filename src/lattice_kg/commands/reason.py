"""`lattice reason`: HermiT's verdict on the ontology and data (exit 1 on an inconsistency)."""

from __future__ import annotations

import typer

from ..core.errors import Findings
from .options import user_errors


@user_errors
def reason() -> None:
    """Check with the HermiT reasoner that the ontology and data are consistent."""
    from ..core.project import source_files
    from ..reasoner import check_consistency

    report = check_consistency(source_files())
    if not report.consistent:
        raise Findings(f"OWL: the ontology and data are inconsistent ({report.message})")
    if report.unsatisfiable:
        raise Findings("OWL: unsatisfiable classes: " + ", ".join(report.unsatisfiable))
    typer.echo(
        f"OWL: consistent, no unsatisfiable class ({report.triples} triples checked; "
        f"{report.skipped_literals} date literals left to SHACL)"
    )
