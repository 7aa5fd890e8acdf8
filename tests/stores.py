"""An Oxigraph server and a failing fake one on 127.0.0.1, and what the tests ask of them."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lattice_kg.cli import app
from lattice_kg.questions import load_all
from lattice_kg.remote import Endpoint

from .conftest import ROOT
from .loopback import free_port, wait_until_listening

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
