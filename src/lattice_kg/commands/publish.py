"""`lattice publish` and `lattice serve`: the static linked-data site, and serving it on this machine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .options import user_errors


@user_errors
def publish(
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write the site into (replaced if it holds one).")
    ] = Path("site"),
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Where the site will be served (default: the IRI base in lattice.toml); the IRIs stay "
            "under that base and the w3id/ folder redirects them there.",
        ),
    ] = None,
    sparql_url: Annotated[
        str | None,
        typer.Option(
            "--sparql-url", help="The SPARQL endpoint the query page and VoID name (default: BASE/sparql)."
        ),
    ] = None,
) -> None:
    """Write the graph as a static linked-data site: pages, data, ontology docs, dumps, VoID, sitemap."""
    from ..publish import publish as publish_site

    done = publish_site(out, base_url, sparql_url)
    typer.echo(
        f"published {done.things} things ({done.pages} pages, {done.files} files, {done.triples} triples) "
        f"to {done.out}"
        + ("" if done.w3id else "; give --base-url of the host to get the w3id/ redirect folder")
    )


@user_errors
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on, and only there (default: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on (0: any free port).")] = 8000,
    site: Annotated[
        Path | None,
        typer.Option(help="A site folder written by `lattice publish --out DIR` (default: publish one)."),
    ] = None,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a SPARQL query may run before it is stopped (503).")
    ] = 10.0,
    max_rows: Annotated[
        int, typer.Option(min=1, help="Most result rows (or triples) returned; the rest is cut off.")
    ] = 10_000,
    max_request_bytes: Annotated[
        int, typer.Option(min=1024, help="Largest SPARQL request (URL query or body) accepted (else 413).")
    ] = 65_536,
) -> None:
    """Serve the site with content negotiation and a read-only SPARQL endpoint at /sparql."""
    from ..serve.run import serve as run_server

    run_server(host=host, port=port, site=site, timeout=timeout, max_rows=max_rows,
               max_request_bytes=max_request_bytes, echo=typer.echo)  # fmt: skip
