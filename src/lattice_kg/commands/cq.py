"""`lattice cq`: the competency questions in queries/ (list, show, run, docs).

`cq run` has a `--NAME` option for each parameter the questions take, with the help lattice.toml's
`[parameters]` gives it: a question with a new parameter needs no edit here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core

from ..core.errors import InputError, LatticeError
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
    fail,
    parse_params,
    say,
    sparql_engine,
    user_errors,
)

cq_app = typer.Typer(
    help="Competency questions: the canned SPARQL queries in queries/.", no_args_is_help=True
)
_OPTIONS = "lattice.parameter-options"
_GIVEN = "lattice.parameters"


def _queries_dir() -> Path:
    from ..core.project import project

    return project().queries_dir


def parameter_options() -> list[typer.core.TyperOption]:
    """A `--NAME` option for each declared parameter that some question takes, in lattice.toml's order."""
    from ..core.project import project
    from ..questions import parameters_used

    used = parameters_used(_queries_dir())
    return [
        typer.core.TyperOption(
            param_decls=[f"--{name}", name], type=str, help=p.help, expose_value=False, callback=_given
        )
        for name, p in project().parameters.items()
        if name in used
    ]


def _given(ctx: typer.Context, param: Any, value: str | None) -> None:
    if value is not None:
        ctx.meta.setdefault(_GIVEN, {})[param.name] = value


class QuestionCommand(typer.core.TyperCommand):
    """A command whose parameter options (after `--all`) are read from the project when it runs."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        if _OPTIONS not in ctx.meta:
            try:
                ctx.meta[_OPTIONS] = parameter_options()
            except LatticeError as exc:
                raise fail(exc) from None
        at = next(i for i, p in enumerate(params) if p.name == "run_all") + 1
        return params[:at] + ctx.meta[_OPTIONS] + params[at:]


def _exit_if_errors(unloadable: list[LatticeError], failed: list[LatticeError] | None = None) -> None:
    """Name the question files that could not be read (after the others ran), then exit with their code."""
    for err in unloadable:
        say(err)
    errors = unloadable + (failed or [])
    if errors:
        raise typer.Exit(max(e.exit_code for e in errors))


@cq_app.command("list")
@user_errors
def cq_list(lang: LangOption = Lang.en, fmt: FormatOption = Format.table) -> None:
    """List the questions: id, title, parameters (with defaults)."""
    from ..output import render
    from ..questions import load_all

    questions, errors = load_all(_queries_dir())
    rows = []
    for q in questions:
        params = ", ".join(
            f"{p.name}{'?' if p.optional else ''}"
            + (f"={q.defaults[p.name]}" if p.name in q.defaults else "")
            for p in q.params
        )
        rows.append((q.id, q.title(lang.value), params))
    typer.echo(render(("id", "question", "parameters"), rows, fmt))
    _exit_if_errors(errors)


@cq_app.command("show")
@user_errors
def cq_show(ident: Annotated[str, typer.Argument(help="Question id, e.g. cq01.")]) -> None:
    """Show a question in both languages, its parameters and its SPARQL."""
    from ..questions import find

    q = find(_queries_dir(), ident)
    typer.echo(f"{q.id}  {q.summary}\n      {q.question_zh}\nfile: queries/{q.path.name}")
    if q.expected:
        typer.echo(f"expected: {q.expected}")
    for p in q.params:
        default = f" (default: {q.defaults[p.name]})" if p.name in q.defaults else ""
        typer.echo(f"--{p.name}: {p.kind}, {'optional' if p.optional else 'required'}{default}")
    typer.echo("")
    typer.echo(q.query.rstrip())


@cq_app.command("run", cls=QuestionCommand)
@user_errors
def cq_run(
    ctx: typer.Context,
    ident: Annotated[str | None, typer.Argument(help="Question id, e.g. cq01 (or use --all).")] = None,
    run_all: Annotated[bool, typer.Option("--all", help="Run every question with its defaults.")] = False,
    param: ParamOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOption = Lang.en,
    limit: LimitOption = None,
    engine: EngineOption = SparqlEngine.oxigraph,  # type: ignore[attr-defined]
    endpoint: EndpointOption = None,
    graph: GraphOption = None,
    timeout: TimeoutOption = 30.0,
) -> None:
    """Answer a competency question (or all of them) on the embedded store or an endpoint."""
    from ..answers import answer, render_results
    from ..questions import find, load_all

    named = ctx.meta.get(_GIVEN, {})
    given = parse_params(param, {o.name: named.get(o.name) for o in ctx.meta.get(_OPTIONS, [])})
    if run_all == (ident is not None):
        raise InputError("give a question id or --all")
    sparql = sparql_engine(engine.value, endpoint, graph, timeout)
    if ident is not None:
        question = find(_queries_dir(), ident)
        results, _ = answer(sparql, question, given, limit)
        typer.echo(render_results(sparql, results, fmt, lang.value))
        return
    questions, errors = load_all(_queries_dir())
    failed: list[LatticeError] = []
    for question in questions:
        typer.echo(f"## {question.id}  {question.title(lang.value)}\n")
        try:
            usable = {k: v for k, v in given.items() if k in {p.name for p in question.params}}
            results, _ = answer(sparql, question, usable, limit)
            typer.echo(render_results(sparql, results, fmt, lang.value))
            typer.echo(f"({len(results.rows)} rows)\n")
        except LatticeError as exc:
            failed.append(exc)
            say(exc)
            typer.echo("", err=True)
    _exit_if_errors(errors, failed)


@cq_app.command("docs")
@user_errors
def cq_docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the page.")] = Path(
        "docs/competency-questions.md"
    ),
) -> None:
    """Write docs/competency-questions.md: every question with its answer on the current data."""
    from ..answers import document
    from ..questions import load_all
    from ..sparql import Engine

    questions, errors = load_all(_queries_dir())
    if errors:
        raise errors[0]
    text = document(Engine.open(), questions)
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    typer.echo(f"wrote {output} ({len(questions)} questions)")
