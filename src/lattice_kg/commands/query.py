"""`lattice query`: an ad-hoc SPARQL query on the embedded store or an endpoint, or an update on a store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..core.errors import InputError
from ..output import Format
from .options import (
    EndpointOption,
    EngineOption,
    FormatOption,
    GraphOption,
    Lang,
    LangOption,
    LimitOption,
    ParamOption,
    SparqlEngine,
    TimeoutOption,
    parse_params,
    sparql_engine,
    user_errors,
)


@user_errors
def query(
    file: Annotated[str, typer.Argument(help="A SPARQL SELECT query file, or - for standard input.")],
    param: ParamOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOption = Lang.en,
    limit: LimitOption = None,
    engine: EngineOption = SparqlEngine.oxigraph,  # type: ignore[attr-defined]
    endpoint: EndpointOption = None,
    graph: GraphOption = None,
    update_endpoint: Annotated[
        str | None,
        typer.Option(
            "--update-endpoint",
            help="A SPARQL 1.1 Update URL: FILE is an update, sent there once (never retried).",
        ),
    ] = None,
    timeout: TimeoutOption = 30.0,
) -> None:
    """Run an ad-hoc SPARQL SELECT query on the embedded store or an endpoint, or an update on a store."""
    from ..answers import answer, render_results
    from ..questions import Question
    from ..updates import is_update, run_update

    if file == "-":
        text, name = sys.stdin.read(), "<stdin>"
    else:
        path = Path(file)
        if not path.is_file():
            raise InputError(f"{file}: no such file")
        text, name = path.read_text(encoding="utf-8"), file
    if update_endpoint is not None or is_update(text):
        typer.echo(run_update(text, name, update_endpoint, graph=graph, params=param, timeout=timeout))
        return
    question = Question.adhoc(text, name)
    sparql = sparql_engine(engine.value, endpoint, graph, timeout)
    results, _ = answer(sparql, question, parse_params(param), limit)
    typer.echo(render_results(sparql, results, fmt, lang.value))
