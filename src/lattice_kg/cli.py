"""The `lattice` command line. Heavy libraries are imported inside commands, so `--help` stays fast."""

from __future__ import annotations

import copy
import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer

from .core.errors import EXIT_INPUT, Findings, InputError, LatticeError
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


def fail(message: str, code: int) -> typer.Exit:
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
def build(
    out: Annotated[Path, typer.Option("--out", help="Folder for the release artefacts.")] = Path("dist"),
    rebuild: RebuildOption = False,
    inferred: Annotated[
        bool, typer.Option("--inferred/--no-inferred", help="Also write the OWL 2 RL closure (slower).")
    ] = True,
) -> None:
    """Build the embedded store and write dist/: Turtle, N-Triples, JSON-LD and the inferred graph."""
    from .build import build as build_artefacts
    from .output import render

    made = build_artefacts(out, rebuild=rebuild, inferred=inferred)
    typer.echo(
        render(("file", "triples", "what"), [(str(a.path), a.triples, a.what) for a in made], Format.table)
    )


@app.command()
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
    import pyoxigraph as ox

    from .remote import Endpoint
    from .store import open_store

    query_url = query_endpoint or _query_url_of(endpoint)
    store = open_store().store
    expected = len(store)
    where = f"graph <{graph}>" if graph else "the default graph"
    gsp_refused = None
    if not use_update:
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        typer.echo(
            f"loading {expected} triples ({len(body) / 1e6:.1f} MB) into {where} at {endpoint} …", err=True
        )
        try:
            Endpoint(endpoint, graph=graph, timeout=timeout).put_graph(body)
        except LatticeError as exc:
            # no Graph Store Protocol here: fall back to SPARQL Update when we know where to send it
            if not any(f"HTTP {code}" in str(exc) for code in (404, 405, 415, 501)) or not update_endpoint:
                raise
            gsp_refused = str(exc)
    if use_update or gsp_refused:
        if gsp_refused:
            typer.echo(
                f"the store refused the Graph Store Protocol ({gsp_refused}); using SPARQL Update", err=True
            )
        if not update_endpoint:
            raise InputError("--update needs --update-endpoint")
        _load_by_update(store, Endpoint(update_endpoint, timeout=timeout), graph, batch)
    count = (
        "SELECT (COUNT(*) AS ?n) WHERE { "
        + (f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o")
        + " }"
    )
    doc = Endpoint(query_url, timeout=timeout).select_json(count)
    found = int(doc["results"]["bindings"][0]["n"]["value"])
    if found != expected:
        raise InputError(
            f"load {endpoint}: the store holds {found} triples in {where}, expected {expected}",
        )
    typer.echo(f"loaded and verified: {found} triples in {where}")


def _load_by_update(store: object, update: object, graph: str | None, size: int) -> None:
    """Insert in batches into a fresh staging graph, then MOVE it onto the target in one request.

    An interruption leaves only the staging graph half filled; the target keeps its previous content.
    """
    import time as _time

    from .remote import batches

    triples = [(str(q.subject), str(q.predicate), str(q.object)) for q in store]  # type: ignore[attr-defined]
    from .core.project import project

    staging = f"{project().base}/graph/staging-{int(_time.time() * 1000)}"
    chunks = batches(triples, size)
    update.update(f"DROP SILENT GRAPH <{staging}>")  # type: ignore[attr-defined]
    for number, chunk in enumerate(chunks, 1):
        lines = "\n".join(f"{s} {p} {o} ." for s, p, o in chunk)
        # INSERT … WHERE {} rather than INSERT DATA: the same triples (a template's blank nodes are fresh,
        # one per label, as in INSERT DATA), and Virtuoso refuses blank nodes in INSERT DATA
        update.update(f"INSERT {{ GRAPH <{staging}> {{\n{lines}\n}} }} WHERE {{}}")  # type: ignore[attr-defined]
        typer.echo(f"  batch {number}/{len(chunks)}: {len(chunk)} triples", err=True)
    target = f"GRAPH <{graph}>" if graph else "DEFAULT"
    update.update(f"MOVE SILENT GRAPH <{staging}> TO {target}")  # type: ignore[attr-defined]


def _query_url_of(store_url: str) -> str:
    for suffix, query in (
        ("/store", "/query"),
        ("/data", "/sparql"),
        ("/sparql-graph-crud-auth", "/sparql"),
        ("/sparql-graph-crud", "/sparql"),
    ):
        if store_url.rstrip("/").endswith(suffix):
            return store_url.rstrip("/")[: -len(suffix)] + query
    raise InputError(f"--endpoint {store_url}: give --query-endpoint too (the URL to count the triples)")


@app.command()
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
    from .publish import publish as publish_site

    done = publish_site(out, base_url, sparql_url)
    typer.echo(
        f"published {done.things} things ({done.pages} pages, {done.files} files, {done.triples} triples) "
        f"to {done.out}"
        + ("" if done.w3id else "; give --base-url of the host to get the w3id/ redirect folder")
    )


@app.command()
@user_errors
def reason() -> None:
    """Check with the HermiT reasoner that the ontology and data are consistent."""
    from .core.project import source_files
    from .reasoner import check_consistency

    report = check_consistency(source_files())
    if not report.consistent:
        raise Findings(f"OWL: the ontology and data are inconsistent ({report.message})")
    if report.unsatisfiable:
        raise Findings("OWL: unsatisfiable classes: " + ", ".join(report.unsatisfiable))
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
            help="The text for the quote audit (default: each source's text file, from lattice.toml)."
        ),
    ] = None,
    checker: Annotated[
        list[Checker] | None,
        typer.Option("--checker", "-c", help="Run only this checker (repeatable; default: all four)."),
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
    from .validation.run import NAMES, check_source_option, run

    check_source_option(source)
    report = run(
        files or None,
        source=source,
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


# ---------------------------------------------------------------- competency questions

cq_app = typer.Typer(
    help="Competency questions: the canned SPARQL queries in queries/.", no_args_is_help=True
)
app.add_typer(cq_app, name="cq")


class Lang(StrEnum):
    en = "en"
    zh = "zh"


LangOption = Annotated[
    Lang, typer.Option("--lang", help="Language of labels and titles.", case_sensitive=False)
]
LimitOption = Annotated[int | None, typer.Option("--limit", min=1, help="Show at most this many rows.")]
EngineOption = Annotated[
    str, typer.Option("--engine", help="SPARQL engine: oxigraph (the embedded store) or rdflib.")
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


def _queries_dir() -> Path:
    from .core.project import project_root

    return project_root() / "queries"


def _engine(name: str, endpoint: str | None, graph: str | None, timeout: float) -> object:
    """The embedded store (or rdflib), or a remote endpoint when --endpoint is given."""
    from .sparql import Engine

    if endpoint is None:
        if graph is not None:
            raise InputError("--graph needs --endpoint")
        return Engine.open(name)
    from .remote import Endpoint

    return Engine.remote(Endpoint(endpoint, graph=graph, timeout=timeout))


def _exit_if_errors(unloadable: list[LatticeError], failed: list[LatticeError] | None = None) -> None:
    """Name the question files that could not be read (after the others ran), then exit 2 if any failed."""
    for err in unloadable:
        typer.echo(f"lattice: error: {err}", err=True)
    if unloadable or failed:
        raise typer.Exit(EXIT_INPUT)


def _params(pairs: list[str] | None, **named: str | None) -> dict[str, str]:
    given = {k: v for k, v in named.items() if v is not None}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param {pair!r}: expected name=value")
        given[name.strip()] = value
    return given


@cq_app.command("list")
@user_errors
def cq_list(lang: LangOption = Lang.en, fmt: FormatOption = Format.table) -> None:
    """List the questions: id, title, parameters (with defaults)."""
    from .output import render
    from .questions import load_all

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
    from .questions import find

    q = find(_queries_dir(), ident)
    typer.echo(f"{q.id}  {q.summary}\n      {q.question_zh}\nfile: queries/{q.path.name}")
    if q.expected:
        typer.echo(f"expected: {q.expected}")
    for p in q.params:
        default = f" (default: {q.defaults[p.name]})" if p.name in q.defaults else ""
        typer.echo(f"--{p.name}: {p.kind}, {'optional' if p.optional else 'required'}{default}")
    typer.echo("")
    typer.echo(q.query.rstrip())


@cq_app.command("run")
@user_errors
def cq_run(
    ident: Annotated[str | None, typer.Argument(help="Question id, e.g. cq01 (or use --all).")] = None,
    run_all: Annotated[bool, typer.Option("--all", help="Run every question with its defaults.")] = False,
    actor: Annotated[str | None, typer.Option(help="An actor: label (zh/en), slug or IRI.")] = None,
    person: Annotated[str | None, typer.Option(help="A person: label (zh/en), slug or IRI.")] = None,
    mechanism: Annotated[str | None, typer.Option(help="A mechanism: label, slug or IRI.")] = None,
    domain: Annotated[str | None, typer.Option(help="A domain: label, slug or IRI.")] = None,
    fact: Annotated[str | None, typer.Option(help="A fact (event, agreement, document, statement).")] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="A class of the ontology, e.g. 互惠准入协定.")
    ] = None,
    from_: Annotated[str | None, typer.Option("--from", help="Earliest date: YYYY[-MM[-DD]].")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Latest date: YYYY[-MM[-DD]].")] = None,
    param: ParamOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOption = Lang.en,
    limit: LimitOption = None,
    engine: EngineOption = "oxigraph",
    endpoint: EndpointOption = None,
    graph: GraphOption = None,
    timeout: TimeoutOption = 30.0,
) -> None:
    """Answer a competency question (or all of them) on the embedded store or an endpoint."""
    from .answers import answer, render_results
    from .questions import find, load_all

    given = _params(param, actor=actor, person=person, mechanism=mechanism, domain=domain, fact=fact,
                    type=type_, **{"from": from_, "to": to})  # fmt: skip
    if run_all == (ident is not None):
        raise InputError("give a question id or --all")
    sparql = _engine(engine, endpoint, graph, timeout)
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
            typer.echo(f"lattice: error: {exc}\n", err=True)
    _exit_if_errors(errors, failed)


@cq_app.command("docs")
@user_errors
def cq_docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the page.")] = Path(
        "docs/competency-questions.md"
    ),
) -> None:
    """Write docs/competency-questions.md: every question with its answer on the current data."""
    from .answers import document
    from .questions import load_all
    from .sparql import Engine

    questions, errors = load_all(_queries_dir())
    if errors:
        raise errors[0]
    text = document(Engine.open(), questions)
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    typer.echo(f"wrote {output} ({len(questions)} questions)")


@app.command("query")
@user_errors
def query_command(
    file: Annotated[str, typer.Argument(help="A SPARQL SELECT query file, or - for standard input.")],
    param: ParamOption = None,
    fmt: FormatOption = Format.table,
    lang: LangOption = Lang.en,
    limit: LimitOption = None,
    engine: EngineOption = "oxigraph",
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
    from .answers import render_results
    from .questions import _PARAM, Param, Question
    from .updates import is_update, run_update

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
    params = {n: Param(n, kind, opt == "__") for opt, n, kind in _PARAM.findall(text)}
    question = Question(
        id=name,
        path=Path(name),
        summary=name,
        question_zh=name,
        tags=(),
        params=tuple(params.values()),
        query=text,
    )
    from .answers import answer

    sparql = _engine(engine, endpoint, graph, timeout)
    results, _ = answer(sparql, question, _params(param), limit)
    typer.echo(render_results(sparql, results, fmt, lang.value))


@app.command()
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
    from .serve.run import serve as run_server

    run_server(host=host, port=port, site=site, timeout=timeout, max_rows=max_rows,
               max_request_bytes=max_request_bytes, echo=typer.echo)  # fmt: skip


class NetworkTable(StrEnum):
    summary = "summary"
    yearly = "yearly"
    domains = "domains"
    actors = "actors"
    brokerage = "brokerage"
    ties = "ties"


@app.command()
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

    from .network.extract import resolve_actor
    from .network.report import SUMMARY, compute, render_tables
    from .store import open_store

    if plot is not None:
        from .network.plot import ensure_folder

        ensure_folder(plot)
    if table is NetworkTable.summary and fmt in (Format.csv, Format.tsv):
        raise InputError(f"--format {fmt.value} writes one table: choose --table yearly, domains, actors, "
                           "brokerage or ties")  # fmt: skip
    store = open_store(rebuild=rebuild).store
    from .core.project import project

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
        from .network.plot import write_figures

        written = write_figures(report, plot, lang.value)
        typer.echo(f"wrote {len(written)} figures to {plot}", err=True)


def narrowed(args: list[str]) -> typer.Typer:
    """The app with only the command that `args` name (and its group), else the whole app.

    Typer turns every command's signature into options at each start, which costs more than
    answering a question; the one command asked for behaves, helps and fails exactly as in the
    whole app. Anything else (`--help`, no command, an unknown name) gets the whole app."""
    narrow = _only(app, args)
    if narrow is not app:
        # a callback keeps a one-command app a group, so the command's name is still taken
        narrow.callback()(_group)
    return narrow


def _group() -> None:
    """Lattice."""


def _only(group: typer.Typer, args: list[str]) -> typer.Typer:
    name = args[0] if args else ""
    commands = [c for c in group.registered_commands if _name(c) == name]
    groups = [g for g in group.registered_groups if g.name == name]
    if len(commands) + len(groups) != 1:
        return group
    narrow = copy.copy(group)
    narrow.registered_commands = commands
    narrow.registered_groups = [copy.copy(g) for g in groups]
    for info in narrow.registered_groups:
        info.typer_instance = _only(info.typer_instance, args[1:])  # type: ignore[arg-type]
    return narrow


def _name(command: typer.models.CommandInfo) -> str:
    if command.name:
        return command.name
    return typer.main.get_command_name(command.callback.__name__) if command.callback else ""


def main() -> None:  # pragma: no cover - console entry point
    narrowed(sys.argv[1:])()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
