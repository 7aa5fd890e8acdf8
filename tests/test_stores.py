"""The twenty questions on real stores on 127.0.0.1 (Oxigraph, Virtuoso): the embedded answers, loaded by
`lattice load` and asked through --endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lattice_kg.answers import answer
from lattice_kg.cli import app
from lattice_kg.remote import Endpoint
from lattice_kg.sparql import Engine

from .stores import GRAPH, QUESTIONS, count, load, rows
from .virtuoso import PASSWORD as VIRTUOSO_PASSWORD
from .virtuoso import USER as VIRTUOSO_USER
from .virtuoso import Virtuoso, running

runner = CliRunner()


def test_load_then_every_question_gives_the_embedded_answers(project_copy: Path, server: str) -> None:
    code, output = load(server)
    assert code == 0, output
    embedded = Engine.open("oxigraph")
    assert output.strip().endswith(f"loaded and verified: {len(embedded.store)} triples in graph <{GRAPH}>")
    remote = Engine.remote(Endpoint(f"{server}/query", graph=GRAPH))
    for question in QUESTIONS:
        assert rows(answer(remote, question, {})[0]) == rows(answer(embedded, question, {})[0]), question.id


def test_cq_run_through_the_endpoint(project_copy: Path, server: str) -> None:
    assert load(server)[0] == 0
    result = runner.invoke(
        app,
        [
            "cq",
            "run",
            "cq12",
            "--mechanism",
            "IPEF",
            "--endpoint",
            f"{server}/query",
            "--graph",
            GRAPH,
            "-f",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 15  # header and the fourteen members


# ---------------------------------------------------------------- a second real store: Virtuoso


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    with running(tmp_path_factory.mktemp("virtuoso")) as started:
        yield started


@pytest.fixture
def virtuoso_user(monkeypatch: pytest.MonkeyPatch) -> None:
    """Virtuoso's -auth endpoints take digest authentication; the credentials come from the environment."""
    monkeypatch.delenv("LATTICE_ENDPOINT_TOKEN", raising=False)
    monkeypatch.setenv("LATTICE_ENDPOINT_USER", VIRTUOSO_USER)
    monkeypatch.setenv("LATTICE_ENDPOINT_PASSWORD", VIRTUOSO_PASSWORD)


@pytest.fixture(scope="module")
def virtuoso_loaded(virtuoso: Virtuoso, tmp_path_factory: pytest.TempPathFactory) -> Virtuoso:
    """The graph loaded once by `lattice load` through Virtuoso's Graph Store endpoint (digest auth)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LATTICE_ENDPOINT_USER", VIRTUOSO_USER)
        patch.setenv("LATTICE_ENDPOINT_PASSWORD", VIRTUOSO_PASSWORD)
        patch.delenv("LATTICE_ENDPOINT_TOKEN", raising=False)
        patch.delenv("LATTICE_ROOT", raising=False)
        patch.delenv("LATTICE_CACHE", raising=False)
        result = runner.invoke(
            app,
            ["load", "--endpoint", virtuoso.graph_store, "--graph", GRAPH, "--timeout", "120"],
        )
    assert result.exit_code == 0, result.output
    expected = len(Engine.open("oxigraph").store)
    assert result.output.strip().endswith(f"loaded and verified: {expected} triples in graph <{GRAPH}>")
    return virtuoso


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_virtuoso_gives_the_embedded_answers(virtuoso_loaded: Virtuoso, question) -> None:
    embedded = Engine.open("oxigraph")
    remote = Engine.remote(Endpoint(virtuoso_loaded.query, graph=GRAPH, timeout=120))
    assert rows(answer(remote, question, {})[0]) == rows(answer(embedded, question, {})[0])


def test_virtuoso_count_and_cq_run_through_the_endpoint(virtuoso_loaded: Virtuoso) -> None:
    assert count(virtuoso_loaded.base, query=virtuoso_loaded.query) == len(Engine.open("oxigraph").store)
    result = runner.invoke(
        app,
        ["cq", "run", "cq12", "--mechanism", "IPEF", "--endpoint", virtuoso_loaded.query, "--graph", GRAPH,
         "-f", "csv"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 15  # header and the fourteen members


def test_virtuoso_load_by_sparql_update(project_copy: Path, virtuoso: Virtuoso, virtuoso_user: None) -> None:
    """Without the Graph Store Protocol: SPARQL Update on /sparql-auth, batches of at most 1,000 triples
    (Virtuoso compiles each INSERT to SQL and refuses one past 10,000 lines of it)."""
    graph = GRAPH + "-by-update"
    result = runner.invoke(
        app,
        ["load", "--endpoint", virtuoso.graph_store, "--graph", graph, "--query-endpoint", virtuoso.query,
         "--update", "--update-endpoint", virtuoso.update, "--batch", "1000", "--timeout", "120"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(f"triples in graph <{graph}>")
    assert count(virtuoso.base, graph=graph, query=virtuoso.query) == len(Engine.open("oxigraph").store)


def test_virtuoso_refuses_wrong_credentials_in_one_line(
    project_copy: Path, virtuoso: Virtuoso, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LATTICE_ENDPOINT_USER", VIRTUOSO_USER)
    monkeypatch.setenv("LATTICE_ENDPOINT_PASSWORD", "wrong")
    result = runner.invoke(app, ["load", "--endpoint", virtuoso.graph_store, "--graph", GRAPH + "-x"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1].startswith(f"lattice: error: load {virtuoso.graph_store}: HTTP 401")
