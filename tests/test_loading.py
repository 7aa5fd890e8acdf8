"""`lattice load` and loading.py: the Graph Store Protocol, SPARQL Update in batches, the fallback between
them, and a load that dies mid-way."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lattice_kg import loading
from lattice_kg.answers import answer
from lattice_kg.cli import app
from lattice_kg.core.errors import InputError, RemoteError
from lattice_kg.loading import NO_GRAPH_STORE, Target
from lattice_kg.remote import Endpoint
from lattice_kg.sparql import Engine

from .stores import GRAPH, QUESTIONS, count, load, rows

runner = CliRunner()


def cutting_proxy(upstream_port: int, cut_after: int) -> tuple[int, threading.Event]:
    """A TCP proxy that forwards a request's first bytes, then drops the connection: a load dying mid-way."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                continue
            upstream = socket.create_connection(("127.0.0.1", upstream_port))
            sent = 0
            client.settimeout(2)
            try:
                while sent < cut_after:
                    chunk = client.recv(min(65536, cut_after - sent))
                    if not chunk:
                        break
                    upstream.sendall(chunk)
                    sent += len(chunk)
            except OSError:
                pass
            upstream.close()
            client.close()
        listener.close()

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1], stop


def test_a_load_interrupted_mid_way_leaves_the_previous_graph_intact(project_copy: Path, server: str) -> None:
    assert load(server)[0] == 0
    before = count(server)
    embedded = Engine.open("oxigraph")
    (project_copy / "data" / "extra.ttl").write_text(
        "<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n"
    )
    port = int(server.rsplit(":", 1)[1])
    proxy_port, stop = cutting_proxy(port, cut_after=500_000)
    try:
        code, output = load(server, store_url=f"http://127.0.0.1:{proxy_port}/store")
    finally:
        stop.set()
    assert code == 2
    assert output.splitlines()[-1].startswith(f"lattice: error: load http://127.0.0.1:{proxy_port}/store: ")
    assert count(server) == before  # nothing of the interrupted load was applied
    remote = Engine.remote(Endpoint(f"{server}/query", graph=GRAPH))
    question = next(q for q in QUESTIONS if q.id == "cq12")
    assert rows(answer(remote, question, {"mechanism": "ipef"})[0]) == rows(
        answer(embedded, question, {"mechanism": "ipef"})[0]
    )


def test_load_by_sparql_update_in_batches(project_copy: Path, server: str) -> None:
    result = runner.invoke(
        app,
        ["load", "--endpoint", f"{server}/store", "--graph", GRAPH, "--update", "--update-endpoint",
         f"{server}/update", "--batch", "3000"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "batch 1/" in result.output and result.output.strip().endswith(f"triples in graph <{GRAPH}>")
    embedded = Engine.open("oxigraph")
    remote = Engine.remote(Endpoint(f"{server}/query", graph=GRAPH))
    for question in QUESTIONS:
        assert rows(answer(remote, question, {})[0]) == rows(answer(embedded, question, {})[0]), question.id


def test_falls_back_to_sparql_update_when_the_store_refuses_gsp(
    project_copy: Path, server: str, fake_server
) -> None:
    url, handler = fake_server
    handler.status = 405
    result = runner.invoke(
        app,
        ["load", "--endpoint", f"{url}/store", "--graph", GRAPH, "--query-endpoint", f"{server}/query",
         "--update-endpoint", f"{server}/update"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "refused the Graph Store Protocol" in result.output
    assert count(server) == len(Engine.open("oxigraph").store)


@pytest.mark.slow  # about 16 s: the whole graph inserted through SPARQL Update in batches
def test_the_loader_falls_back_to_sparql_update_on_a_refused_put(
    project_copy: Path, server: str, fake_server
) -> None:
    url, handler = fake_server
    said: list[str] = []
    for status in NO_GRAPH_STORE:
        handler.status = status
        said.clear()
        target = Target(f"{url}/store", GRAPH, f"{server}/query", f"{server}/update", batch=100_000)
        found = loading.load(target, said.append)
        assert found == count(server) == len(Engine.open("oxigraph").store), status
        assert f"refused the Graph Store Protocol (load {url}/store: HTTP {status} " in said[1], said
        assert said[2].startswith("  batch 1/1: ")


@pytest.mark.parametrize("status", [400, 401, 403])
def test_the_loader_does_not_fall_back_on_other_refusals(
    project_copy: Path, server: str, fake_server, status: int
) -> None:
    url, handler = fake_server
    handler.status = status
    target = Target(f"{url}/store", GRAPH, f"{server}/query", f"{server}/update")
    with pytest.raises(RemoteError) as caught:
        loading.load(target, lambda line: None)
    assert caught.value.status == status
    assert count(server) == 0  # nothing was sent to the update endpoint


def test_the_loader_needs_an_update_url_to_fall_back(project_copy: Path, server: str, fake_server) -> None:
    url, handler = fake_server
    handler.status = 405
    with pytest.raises(RemoteError, match="HTTP 405"):
        loading.load(Target(f"{url}/store", GRAPH, f"{server}/query"), lambda line: None)


@pytest.mark.parametrize(
    ("store_url", "query_url"),
    [
        ("http://h:7878/store", "http://h:7878/query"),
        ("http://h/ds/data/", "http://h/ds/sparql"),
        ("http://h:8890/sparql-graph-crud-auth", "http://h:8890/sparql"),
        ("http://h:8890/sparql-graph-crud", "http://h:8890/sparql"),
    ],
)
def test_the_query_url_beside_a_graph_store_url(store_url: str, query_url: str) -> None:
    assert loading.query_url_of(store_url) == query_url


def test_an_unknown_graph_store_url_asks_for_the_query_url() -> None:
    with pytest.raises(InputError, match="give --query-endpoint too"):
        loading.query_url_of("http://h/graphs")
