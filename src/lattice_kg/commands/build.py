"""`lattice build` and `lattice stats`: the embedded store, its release artefacts and its counts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..output import Format
from .options import FormatOption, RebuildOption, user_errors


@user_errors
def stats(fmt: FormatOption = Format.table, rebuild: RebuildOption = False) -> None:
    """Count classes, properties, notes, works, facts and triples in the graph."""
    from .. import stats as stats_module
    from ..output import render
    from ..store import open_store

    opened = open_store(rebuild=rebuild)
    counts = stats_module.compute(opened.store)
    rows = [(c.key, c.label, counts[c.key]) for c in stats_module.COUNTS]
    typer.echo(render(("key", "what", "count"), rows, fmt))


@user_errors
def build(
    out: Annotated[Path, typer.Option("--out", help="Folder for the release artefacts.")] = Path("dist"),
    rebuild: RebuildOption = False,
    inferred: Annotated[
        bool, typer.Option("--inferred/--no-inferred", help="Also write the OWL 2 RL closure (slower).")
    ] = True,
) -> None:
    """Build the embedded store and write dist/: Turtle, N-Triples, JSON-LD and the inferred graph."""
    from ..build import build as build_artefacts
    from ..output import render

    made = build_artefacts(out, rebuild=rebuild, inferred=inferred)
    typer.echo(
        render(("file", "triples", "what"), [(str(a.path), a.triples, a.what) for a in made], Format.table)
    )
