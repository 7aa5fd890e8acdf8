"""The `lattice` command line. Heavy libraries are imported inside commands, so `--help` stays fast."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
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


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
