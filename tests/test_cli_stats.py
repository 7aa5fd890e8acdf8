"""`lattice stats` on the embedded store: counts, rebuild on change, and errors a user sees."""

from __future__ import annotations

import json
from pathlib import Path

import rdflib
from rdflib.namespace import RDF
from typer.testing import CliRunner

from lattice_kg.cli import app

runner = CliRunner()
CITO = rdflib.Namespace("http://purl.org/spar/cito/")


def stats_json() -> dict[str, int]:
    result = runner.invoke(app, ["stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    return {row["key"]: int(row["count"]) for row in json.loads(result.output)}


def test_stats_counts_match_the_sources(project_copy: Path, graph: rdflib.Graph) -> None:
    counts = stats_json()
    assert counts["notes"] == 123  # 122 numbered notes on pages 2-29 and the asterisk note
    assert counts["triples"] == len(graph)  # the store holds exactly what rdflib parses
    assert counts["citations"] == len(set(graph.subjects(RDF.type, CITO.Citation)))
    assert counts["works"] == len(set(graph.objects(None, CITO.hasCitedEntity)))
    assert counts["domains"] >= 3 and counts["roles"] >= 10
    assert counts["classes"] > 50 and counts["properties"] > 40


def test_stats_table_names_every_count(project_copy: Path) -> None:
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 0
    for key in ("triples", "classes", "properties", "notes", "works", "facts"):
        assert f"\n{key} " in result.output


def _stores(project: Path) -> list[Path]:
    return sorted((project / ".lattice").glob("store-*"))


def test_store_is_rebuilt_only_when_a_source_changes(project_copy: Path) -> None:
    first = stats_json()
    stores = _stores(project_copy)
    assert len(stores) == 1
    mtime = stores[0].stat().st_mtime_ns
    assert stats_json() == first
    assert _stores(project_copy) == stores and stores[0].stat().st_mtime_ns == mtime

    extra = project_copy / "data" / "extra.ttl"
    extra.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    second = stats_json()
    assert second["triples"] == first["triples"] + 1
    assert _stores(project_copy) != stores and len(_stores(project_copy)) == 1


def test_turtle_error_names_file_line_and_column(project_copy: Path) -> None:
    good = stats_json()
    (project_copy / "data" / "broken.ttl").write_text(
        '@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated .\n'
    )
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 2
    assert result.output == (
        "lattice: error: data/broken.ttl:3:11: Turtle syntax error: Unexpected end of file\n"
    )
    # the last good store is untouched and nothing half-built is left behind
    (project_copy / "data" / "broken.ttl").unlink()
    assert stats_json() == good
    assert [p.name for p in (project_copy / ".lattice").iterdir() if p.name.startswith(".")] == []


def test_missing_sources_are_a_one_line_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LATTICE_ROOT", str(tmp_path))
    result = runner.invoke(app, ["stats"])
    assert result.exit_code == 2
    assert result.output == f"lattice: error: LATTICE_ROOT={tmp_path}: no lattice.toml there\n"


def test_reason_command_reports_consistency(project_copy: Path) -> None:
    result = runner.invoke(app, ["reason"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OWL: consistent, no unsatisfiable class")


def test_reason_command_fails_on_inconsistent_data(project_copy: Path) -> None:
    (project_copy / "data" / "clash.ttl").write_text(
        "@prefix lat: <https://w3id.org/lattice/ontology#> .\n"
        "<https://example.org/x> a lat:Actor , lat:Agreement .\n"
    )
    result = runner.invoke(app, ["reason"])
    assert result.exit_code == 1
    assert result.output.startswith("lattice: error: OWL: the ontology and data are inconsistent")
