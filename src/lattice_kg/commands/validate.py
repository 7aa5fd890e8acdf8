"""`lattice validate`: the checkers of `validation.registry`, one report, exit 0, 1 or 2."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..validation.registry import NAMES, SHACL_ENGINES, all_of_them, summary
from .options import user_errors


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    junit = "junit"
    turtle = "turtle"


class FailOn(StrEnum):
    error = "error"
    warn = "warn"


ShaclEngine = StrEnum("ShaclEngine", {name: name for name in SHACL_ENGINES})  # type: ignore[misc]
Checker = StrEnum("Checker", {name: name for name in NAMES})  # type: ignore[misc]


@user_errors
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Data files to check instead of the project's data/ (the project's ontology is used)."
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Report format.", case_sensitive=False)
    ] = ReportFormat.text,
    fail_on: Annotated[
        FailOn, typer.Option(help="Lowest severity that makes the exit code 1.", case_sensitive=False)
    ] = FailOn.error,
    source: Annotated[
        list[str] | None,
        typer.Option(
            help="The text for the quote audit: PATH for the first source, ID=PATH for any (repeatable; "
            "default: each source's text file, from lattice.toml)."
        ),
    ] = None,
    checker: Annotated[
        list[Checker] | None,
        typer.Option(
            "--checker", "-c", help=f"Run only this checker (repeatable; default: {all_of_them()})."
        ),
    ] = None,
    engine: Annotated[
        ShaclEngine, typer.Option(help="SHACL engine: pyshacl-turbo, or pySHACL (the reference).")
    ] = ShaclEngine.turbo,  # type: ignore[attr-defined]
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Text format: show INFO findings too.")
    ] = False,
) -> None:
    from ..validation import render
    from ..validation.report import Severity
    from ..validation.run import check_source_option, run

    texts = check_source_option(source)
    report = run(
        files or None,
        source=texts,
        engine=engine.value,
        checkers=[c.value for c in checker] if checker else NAMES,
    )
    threshold = Severity.WARN if fail_on is FailOn.warn else Severity.ERROR
    rendered = {
        ReportFormat.text: lambda: render.text(report, verbose),
        ReportFormat.json: lambda: render.to_json(report, threshold),
        ReportFormat.junit: lambda: render.junit(report, threshold),
        ReportFormat.turtle: lambda: render.turtle(report, threshold),
    }[fmt]()
    if output is not None:
        tmp = output.with_name(output.name + ".tmp")
        tmp.write_text(rendered + "\n", encoding="utf-8")
        tmp.replace(output)
        typer.echo(render.summary(report), err=True)
    else:
        typer.echo(rendered)
    raise typer.Exit(report.exit_code(threshold))


validate.__doc__ = f"Check the graph: {summary()} (exit 0, 1 or 2)."
