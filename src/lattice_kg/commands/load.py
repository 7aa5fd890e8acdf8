"""`lattice load`: the graph into a user's SPARQL store (the protocol work is `lattice_kg.loading`'s)."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import TimeoutOption, user_errors


def _progress(line: str) -> None:
    typer.echo(line, err=True)


@user_errors
def load(
    endpoint: Annotated[
        str, typer.Option("--endpoint", help="The store's Graph Store Protocol URL (e.g. …/store).")
    ],
    graph: Annotated[
        str | None, typer.Option("--graph", help="Named graph to replace (default: the default graph).")
    ] = None,
    query_endpoint: Annotated[
        str | None,
        typer.Option(
            help="Query URL for the check afterwards (default: …/store -> …/query, …/data -> …/sparql)."
        ),
    ] = None,
    update_endpoint: Annotated[
        str | None,
        typer.Option(
            help="SPARQL Update URL, used when the store has no Graph Store Protocol (or with --update)."
        ),
    ] = None,
    use_update: Annotated[
        bool, typer.Option("--update", help="Load with SPARQL Update in batches instead of one GSP PUT.")
    ] = False,
    batch: Annotated[int, typer.Option(min=100, help="Triples per SPARQL Update request.")] = 5000,
    timeout: TimeoutOption = 120.0,
) -> None:
    """Publish the graph to a SPARQL store (Graph Store Protocol PUT: an atomic replace) and verify it."""
    from ..loading import Target
    from ..loading import load as load_graph

    target = Target(endpoint, graph, query_endpoint, update_endpoint, use_update, batch, timeout)
    found = load_graph(target, _progress)
    typer.echo(f"loaded and verified: {found} triples in {target.where}")
