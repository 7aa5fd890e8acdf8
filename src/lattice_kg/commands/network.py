"""`lattice network`: the measures of the actor network, as tables, JSON and figures."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..core.errors import InputError
from ..output import Format
from .options import Lang, RebuildOption, user_errors


class NetworkTable(StrEnum):
    summary = "summary"
    yearly = "yearly"
    domains = "domains"
    actors = "actors"
    brokerage = "brokerage"
    ties = "ties"


@user_errors
def network(
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="Output format: json is the whole report (every tie with the IRIs of the facts behind it); "
            "csv and tsv write one table.",
            case_sensitive=False,
        ),
    ] = Format.table,
    table: Annotated[
        NetworkTable | None,
        typer.Option(
            "--table",
            "-t",
            help="Which table: summary (yearly, domains, actors, brokerage), yearly, domains, actors, "
            "brokerage or ties (default: summary; yearly for csv and tsv; the whole report for json).",
            case_sensitive=False,
        ),
    ] = None,
    hub: Annotated[
        str | None,
        typer.Option(
            help="The hub of the system: the lattice index counts the ties that avoid it "
            "(label, slug or IRI; default: hub in lattice.toml)."
        ),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option(
            help="The actor whose centrality, rank and brokerage are reported "
            "(label, slug or IRI; default: focus in lattice.toml)."
        ),
    ] = None,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot",
            help="Also write the figures (lattice index, focus centrality, network drawing) as PNG and SVG "
            "into this folder.",
        ),
    ] = None,
    lang: Annotated[
        Lang,
        typer.Option(
            "--lang", help="Language of actor labels, figure titles and axis labels.", case_sensitive=False
        ),
    ] = Lang.en,
    rebuild: RebuildOption = False,
) -> None:
    """Measure the actor network: ties, lattice index, centrality and brokerage, per year and domain."""
    import json

    from ..core.project import project
    from ..network.extract import resolve_actor
    from ..network.report import SUMMARY, compute, render_tables
    from ..store import open_store

    if plot is not None:
        from ..network.plot import ensure_folder

        ensure_folder(plot)
    if table is NetworkTable.summary and fmt in (Format.csv, Format.tsv):
        raise InputError(f"--format {fmt.value} writes one table: choose --table yearly, domains, actors, "
                           "brokerage or ties")  # fmt: skip
    store = open_store(rebuild=rebuild).store
    defaults = project().defaults
    hub_iri = resolve_actor(store, "--hub", hub or defaults["hub"])
    report = compute(store, hub_iri, resolve_actor(store, "--focus", focus or defaults["focus"]))
    if fmt is Format.json:
        data = report.to_json()
        if table is not None and table is not NetworkTable.summary:
            data = {"yearly": {"years": data["years"], "all": data["all"]}, "domains": data["domains"],
                    "actors": data["actors"], "brokerage": data["all"]["brokered_pairs"],  # type: ignore[index]
                    "ties": data["ties"]}[table.value]  # fmt: skip
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        if table is None:
            sections = ("yearly",) if fmt in (Format.csv, Format.tsv) else SUMMARY
        else:
            sections = SUMMARY if table is NetworkTable.summary else (table.value,)
        typer.echo(render_tables(report, sections, fmt, lang.value))
    if plot is not None:
        from ..network.plot import write_figures

        written = write_figures(report, plot, lang.value)
        typer.echo(f"wrote {len(written)} figures to {plot}", err=True)
