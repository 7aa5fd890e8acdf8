"""Real stores on 127.0.0.1 (Oxigraph, Virtuoso): lattice load, every question through --endpoint, faults."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lattice_kg import loading
from lattice_kg.answers import answer
from lattice_kg.cli import app
from lattice_kg.core.errors import InputError, RemoteError
from lattice_kg.loading import NO_GRAPH_STORE, Target
from lattice_kg.questions import load_all
from lattice_kg.remote import Endpoint
from lattice_kg.sparql import Engine

from .conftest import ROOT
from .loopback import free_port, wait_until_listening
from .virtuoso import PASSWORD as VIRTUOSO_PASSWORD
from .virtuoso import USER as VIRTUOSO_USER
from .virtuoso import Virtuoso, running

runner = CliRunner()
GRAPH = "https://w3id.org/lattice/graph/zhao-2024"
QUESTIONS, _ = load_all(ROOT / "queries")


def oxigraph_binary() -> str:
    """The `oxigraph` server installed by the project's test dependencies, beside this Python."""
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "the oxigraph server (pip package 'oxigraph') is not installed"
    return found


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_until_listening(port, proc):
            pytest.fail("oxigraph serve did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def load(base: str, store_url: str | None = None) -> tuple[int, str]:
    result = runner.invoke(
        app,
        ["load", "--endpoint", store_url or f"{base}/store", "--graph", GRAPH,
         "--query-endpoint", f"{base}/query", "--timeout", "20"],
    )  # fmt: skip
    return result.exit_code, result.output


def count(base: str, graph: str = GRAPH, query: str | None = None) -> int:
    doc = Endpoint(query or f"{base}/query").select_json(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    )
    return int(doc["results"]["bindings"][0]["n"]["value"])


def rows(results) -> list:
    return sorted(
        tuple(sorted((k, v.value, v.lang or "", v.datatype or "") for k, v in r.items()))
        for r in results.rows
    )


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


def test_server_down(project_copy: Path) -> None:
    port = free_port()
    result = runner.invoke(app, ["cq", "run", "cq12", "--endpoint", f"http://127.0.0.1:{port}/query"])
    assert result.exit_code == 2
    assert result.output.startswith(f"lattice: error: query http://127.0.0.1:{port}/query: cannot connect (")
    assert "(after 3 tries)" in result.output and "Traceback" not in result.output


def test_wrong_url(project_copy: Path, server: str) -> None:
    result = runner.invoke(app, ["cq", "run", "cq12", "--endpoint", f"{server}/nope"])
    assert result.exit_code == 2
    assert result.output.startswith(f"lattice: error: query {server}/nope: HTTP 404")


class _Handler(http.server.BaseHTTPRequestHandler):
    delay = 0.0
    status = 500

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))  # read the request, as servers do
        time.sleep(self.delay)
        self.send_response(self.status)
        self.end_headers()
        self.wfile.write(b"broken")

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_server() -> Iterator[tuple[str, type[_Handler]]]:
    handler = type("Handler", (_Handler,), {})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.handle_error = lambda request, address: None  # a client that gave up is expected here
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_http_500_is_retried_then_reported(project_copy: Path, fake_server) -> None:
    url, _ = fake_server
    result = runner.invoke(app, ["cq", "run", "cq12", "--endpoint", f"{url}/query"])
    assert result.exit_code == 2
    assert result.output.startswith(f"lattice: error: query {url}/query: HTTP 500")
    assert "(after 3 tries)" in result.output


def test_timeout(project_copy: Path, fake_server) -> None:
    url, handler = fake_server
    handler.delay = 3.0
    result = runner.invoke(app, ["cq", "run", "cq12", "--endpoint", f"{url}/query", "--timeout", "1"])
    assert result.exit_code == 2
    assert result.output.startswith(f"lattice: error: query {url}/query: ")
    assert "within 1 s" in result.output


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


def test_a_refusal_carries_its_http_status(fake_server) -> None:
    url, handler = fake_server
    handler.status = 405
    with pytest.raises(RemoteError) as caught:
        Endpoint(f"{url}/store", retries=1).put_graph(b"")
    assert caught.value.status == 405
    assert str(caught.value).startswith(f"load {url}/store: HTTP 405 ")


def test_an_unreachable_store_has_no_status() -> None:
    with pytest.raises(RemoteError) as caught:
        Endpoint(f"http://127.0.0.1:{free_port()}/store", retries=1).put_graph(b"")
    assert caught.value.status is None


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


def test_batches_keep_a_node_with_its_blank_nodes() -> None:
    from lattice_kg.remote import batches

    triples = [("<a>", "<p>", "_:b1"), ("_:b1", "<q>", "_:b2"), ("_:b2", "<r>", '"x"'), ("<c>", "<p>", '"y"')]
    assert batches(triples, 2) == [triples[:3], triples[3:]]


def test_query_sends_an_update_to_the_update_endpoint_only(
    project_copy: Path, server: str, tmp_path: Path
) -> None:
    assert load(server)[0] == 0
    before = count(server)
    update = tmp_path / "add.ru"
    update.write_text(
        "PREFIX ex: <https://example.org/>\n"
        f"INSERT DATA {{ GRAPH <{GRAPH}> {{ ex:a ex:b ex:c . ex:a ex:b ex:d . }} }}\n"
    )
    result = runner.invoke(app, ["query", str(update), "--update-endpoint", f"{server}/update"])
    assert result.exit_code == 0, result.output
    assert result.output == f"update {update} applied at {server}/update\n"
    assert count(server) == before + 2

    # never on the embedded store, and never a malformed request
    result = runner.invoke(app, ["query", str(update)])
    assert result.exit_code == 2
    assert result.output == (
        f"lattice: error: {update} is a SPARQL Update: give --update-endpoint URL "
        "(the embedded store is built from the sources and never written)\n"
    )
    update.write_text("PREFIX ex: <https://example.org/>\nINSERT DATA { ex:a ex:b }\n")
    result = runner.invoke(app, ["query", str(update), "--update-endpoint", f"{server}/update"])
    assert result.exit_code == 2
    assert result.output.startswith(f"lattice: error: {update}: SPARQL Update syntax error at 2:")
    assert count(server) == before + 2


def test_update_to_a_dead_endpoint_is_sent_once_and_fails_in_one_line(tmp_path: Path) -> None:
    update = tmp_path / "clear.ru"
    update.write_text("CLEAR DEFAULT")
    url = f"http://127.0.0.1:{free_port()}/update"
    result = runner.invoke(app, ["query", str(update), "--update-endpoint", url])
    assert result.exit_code == 2
    assert result.output == (
        f"lattice: error: update {url}: cannot connect ([Errno 111] Connection refused)\n"
    )


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
