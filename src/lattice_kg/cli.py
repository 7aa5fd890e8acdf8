"""The `lattice` command line. Heavy libraries are imported inside commands, so `--help` stays fast."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer

from .errors import LatticeError
from .output import Format

app = typer.Typer(
    name="lattice",
    help="Lattice: a knowledge graph of Japan's role in the U.S. Indo-Pacific alliance system.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

P = ParamSpec("P")
R = TypeVar("R")

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)]
RebuildOption = Annotated[
    bool, typer.Option("--rebuild", help="Rebuild the embedded store even if no source changed.")
]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"lattice: error: {message}", err=True)
    return typer.Exit(code)


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a LatticeError into its one-line message and exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except LatticeError as exc:
            raise fail(str(exc), exc.exit_code) from None

    return wrapper


@app.command()
@user_errors
def stats(fmt: FormatOption = Format.table, rebuild: RebuildOption = False) -> None:
    """Count classes, properties, notes, works, facts and triples in the graph."""
    from . import stats as stats_module
    from .store import open_store

    opened = open_store(rebuild=rebuild)
    counts = stats_module.compute(opened.store)
    rows = [(c.key, c.label, counts[c.key]) for c in stats_module.COUNTS]
    from .output import render

    typer.echo(render(("key", "what", "count"), rows, fmt))


@app.command()
@user_errors
def reason() -> None:
    """Check with the HermiT reasoner that the ontology and data are consistent."""
    from .paths import source_files
    from .reasoner import check_consistency

    report = check_consistency(source_files())
    if not report.consistent:
        raise fail(f"OWL: the ontology and data are inconsistent ({report.message})")
    if report.unsatisfiable:
        raise fail("OWL: unsatisfiable classes: " + ", ".join(report.unsatisfiable))
    typer.echo(
        f"OWL: consistent, no unsatisfiable class ({report.triples} triples checked; "
        f"{report.skipped_literals} date literals left to SHACL)"
    )


@app.command()
@user_errors
def anchor(
    quote: Annotated[
        str, typer.Argument(help="A short exact phrase of the article (at most 40 characters).")
    ],
    line: Annotated[int | None, typer.Option(help="Source line the quote must start on.")] = None,
    occurrence: Annotated[
        int | None, typer.Option(help="Which of several matches to take (1 = first).")
    ] = None,
) -> None:
    """Print the evidence anchor (page, section, line, quote, offsets) of a quote, as Turtle."""
    from .anchors import SECTION_QUERY, locate, section_of, to_turtle
    from .article import ArticleText
    from .store import open_store

    located = locate(ArticleText(), quote, line=line, occurrence=occurrence)
    store = open_store().store
    sections = [(row["section"].value, int(row["start"].value)) for row in store.query(SECTION_QUERY)]
    typer.echo(to_turtle(located, section_of(sections, located.line)))


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    junit = "junit"
    turtle = "turtle"


class FailOn(StrEnum):
    error = "error"
    warn = "warn"


class Engine(StrEnum):
    turbo = "turbo"
    pyshacl = "pyshacl"


class Checker(StrEnum):
    shacl = "shacl"
    qc = "qc"
    owl = "owl"
    quotes = "quotes"


@app.command()
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
        Path | None,
        typer.Option(
            help="The article's text for the quote audit [default: ../shared/source/zhao-2024.txt]."
        ),
    ] = None,
    checker: Annotated[
        list[Checker] | None,
        typer.Option("--checker", "-c", help="Run only this checker (repeatable) [default: all four]."),
    ] = None,
    engine: Annotated[
        Engine, typer.Option(help="SHACL engine: pyshacl-turbo, or pySHACL (the reference).")
    ] = Engine.turbo,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Text format: show INFO findings too.")
    ] = False,
) -> None:
    """Check the graph: SHACL shapes, ontology QC, OWL consistency and the quote audit (exit 0, 1 or 2)."""
    from .validation import render
    from .validation.report import Severity
    from .validation.run import CHECKERS, check_source_option, run

    check_source_option(source)
    report = run(
        files or None,
        source=source,
        engine=engine.value,
        checkers=[c.value for c in checker] if checker else CHECKERS,
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


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
