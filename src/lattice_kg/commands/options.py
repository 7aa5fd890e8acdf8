"""Options several commands share, declared once; and the one way a command reports a user error."""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, ParamSpec, TypeVar

import typer

from ..core.errors import LatticeError
from ..output import Format
from ..sparql import ENGINES

P = ParamSpec("P")
R = TypeVar("R")

SparqlEngine = StrEnum("SparqlEngine", {name: name for name in ENGINES})  # type: ignore[misc]


class Lang(StrEnum):
    en = "en"
    zh = "zh"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)]
RebuildOption = Annotated[
    bool, typer.Option("--rebuild", help="Rebuild the embedded store even if no source changed.")
]
LangOption = Annotated[
    Lang, typer.Option("--lang", help="Language of labels and titles.", case_sensitive=False)
]
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="Show at most this many rows.")]
EngineOption = Annotated[
    SparqlEngine,
    typer.Option(
        "--engine", help="SPARQL engine: oxigraph (the embedded store) or rdflib.", case_sensitive=False
    ),
]
EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint", help="A SPARQL 1.1 query URL to ask instead of the embedded store (see docs/stores.md)."
    ),
]
GraphOption = Annotated[
    str | None, typer.Option("--graph", help="Named graph IRI the data lives in on the endpoint.")
]
TimeoutOption = Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to wait for the endpoint.")]
ParamOption = Annotated[
    list[str] | None, typer.Option("--param", "-p", help="A parameter as name=value (repeatable).")
]


def say(error: LatticeError) -> None:
    """Print an error as the one line on stderr every command uses."""
    typer.echo(f"lattice: error: {error}", err=True)


def fail(error: LatticeError) -> typer.Exit:
    """Print the error's line and return the Exit, with the error's own exit code, to raise."""
    say(error)
    return typer.Exit(error.exit_code)


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a LatticeError into its one-line message and exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except LatticeError as exc:
            raise fail(exc) from None

    return wrapper


def parse_params(pairs: list[str] | None, named: dict[str, str] | None = None) -> dict[str, str]:
    """The named options' values, then each `--param name=value` (which wins)."""
    from ..core.errors import InputError

    given = {k: v for k, v in (named or {}).items() if v is not None}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param {pair!r}: expected name=value")
        given[name.strip()] = value
    return given


def sparql_engine(name: str, endpoint: str | None, graph: str | None, timeout: float) -> object:
    """The embedded store (or rdflib), or a remote endpoint when --endpoint is given."""
    from ..core.errors import InputError
    from ..sparql import Engine

    if endpoint is None:
        if graph is not None:
            raise InputError("--graph needs --endpoint")
        return Engine.open(name)
    from ..remote import Endpoint

    return Engine.remote(Endpoint(endpoint, graph=graph, timeout=timeout))
