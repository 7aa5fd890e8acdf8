"""The real `lattice serve` command: a server on 127.0.0.1 answering HTTP, and its start-up errors."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from lattice_kg.cli import app
from lattice_kg.store import open_store

from .loopback import free_port
from .published import check_japan
from .serve_site import ID, make_site

runner = CliRunner()


def lattice() -> str:
    found = Path(sys.executable).parent / "lattice"
    assert found.exists(), "the lattice command is not installed beside this Python"
    return str(found)


def get(port: int, path: str, accept: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Accept": accept})
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def test_lattice_serve_answers_with_a_303_to_turtle(tmp_path: Path, graph: rdflib.Graph) -> None:
    sources = graph
    site = make_site(tmp_path / "site", open_store().store)
    port = free_port()
    proc = subprocess.Popen(
        [lattice(), "serve", "--site", str(site), "--port", str(port), "--timeout", "5"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        for _ in range(200):
            try:
                if get(port, "/sparql?query=ASK%7B%7D", "application/sparql-results+json").status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            proc.kill()
            pytest.fail("lattice serve did not start: " + proc.communicate()[1])
        redirect = get(port, "/id/actor/japan", "text/turtle")
        assert redirect.status == 303
        assert redirect.getheader("Location") == "/data/actor/japan.ttl"
        data = get(port, redirect.getheader("Location"), "text/turtle")
        assert data.status == 200 and data.getheader("Content-Type") == "text/turtle; charset=utf-8"
        graph = rdflib.Graph().parse(data=data.body.decode(), format="turtle")  # type: ignore[attr-defined]
        assert (rdflib.URIRef(ID + "actor/japan"), None, None) in graph
        check_japan(graph, sources)  # everything that points to Japan, with anchors and labels
        assert get(port, "/id/actor/japan", "text/html").getheader("Location") == "/page/actor/japan.html"
        assert get(port, "/id/actor/nowhere", "text/turtle").status == 404
    finally:
        proc.send_signal(signal.SIGINT)  # Ctrl-C
        out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert f"at http://127.0.0.1:{port}/" in out
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def test_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "--site", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == f"lattice: error: cannot listen on 127.0.0.1:{port}: the port is in use\n"


def test_site_that_is_not_there(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--port", "0", "--site", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.output == f"lattice: error: --site {tmp_path / 'nope'}: no such folder\n"
