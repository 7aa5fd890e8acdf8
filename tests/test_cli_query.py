"""`lattice query`: an ad hoc query on the embedded store, an update only on a remote endpoint."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lattice_kg.cli import app

from .loopback import free_port
from .stores import GRAPH, count, load

runner = CliRunner()


def test_ad_hoc_query_from_standard_input(project_copy: Path) -> None:
    query = (
        "PREFIX lat: <https://w3id.org/lattice/ontology#>\n"
        "SELECT ?member WHERE { ?_mechanism_iri lat:hasMember ?member } ORDER BY ?member"
    )
    result = runner.invoke(app, ["query", "-", "--param", "mechanism=AUKUS", "-f", "csv"], input=query)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["member", "Australia", "United Kingdom", "United States"]


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
