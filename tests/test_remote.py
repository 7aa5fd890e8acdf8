"""Remote endpoints that fail: one line saying how, after retries where retrying is safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lattice_kg.cli import app
from lattice_kg.core.errors import RemoteError
from lattice_kg.remote import Endpoint

from .loopback import free_port

runner = CliRunner()


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


def test_batches_keep_a_node_with_its_blank_nodes() -> None:
    from lattice_kg.remote import batches

    triples = [("<a>", "<p>", "_:b1"), ("_:b1", "<q>", "_:b2"), ("_:b2", "<r>", '"x"'), ("<c>", "<p>", '"y"')]
    assert batches(triples, 2) == [triples[:3], triples[3:]]
