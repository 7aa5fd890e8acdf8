"""One registry of checkers: what `lattice validate` runs, offers as --checker and says in its help."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from lattice_kg.cli import app
from lattice_kg.validation import registry, run
from lattice_kg.validation.registry import Checker, Graph
from lattice_kg.validation.report import Report

from .conftest import ROOT

runner = CliRunner()
BASE = ROOT / "tests" / "fixtures" / "valid" / "base.ttl"


def validate_command():
    return typer.main.get_command(app).commands["validate"]  # type: ignore[attr-defined]


def test_the_checker_option_offers_the_registry_in_its_order() -> None:
    [option] = [p for p in validate_command().params if p.name == "checker"]
    assert (
        list(option.type.choices) == [c.name for c in registry.CHECKERS] == ["shacl", "qc", "owl", "quotes"]
    )
    assert option.help == "Run only this checker (repeatable; default: all four)."


def test_the_summary_lists_every_checker() -> None:
    assert validate_command().help == (
        "Check the graph: SHACL shapes, ontology QC, OWL consistency and the quote audit (exit 0, 1 or 2)."
    )
    shown = runner.invoke(app, ["validate", "--help"], env={"COLUMNS": "2000"}).output
    assert registry.summary() in re.sub(r"\s+", " ", shown)


def test_how_many_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    assert registry.all_of_them() == "all four"
    monkeypatch.setattr(registry, "CHECKERS", registry.CHECKERS * 3)
    assert registry.all_of_them() == "all 12"


def test_an_unknown_checker_is_refused_by_the_command_line() -> None:
    result = runner.invoke(app, ["validate", "--checker", "nope"])
    assert result.exit_code == 2
    assert "nope" in result.output and "shacl" in result.output


def test_a_new_checker_is_one_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """run() asks the registry what to run, in its order, and hands each checker the parsed graph."""
    seen: list[Graph] = []

    def extra(graph: Graph, report: Report) -> None:
        seen.append(graph)
        report.ran.append("extra")

    monkeypatch.setattr(run, "CHECKERS", (*registry.CHECKERS, Checker("extra", "an extra check", extra)))
    report = run.run([BASE], checkers=["extra", "qc"])
    assert report.ran == ["qc", "extra"]  # the registry's order, not the caller's
    [graph] = seen
    assert graph.data_files == [BASE] and graph.root == ROOT
    assert len(graph.store) > len(graph.ontology) > 0


def test_by_name() -> None:
    assert registry.by_name("owl").summary == "OWL consistency"
    with pytest.raises(KeyError):
        registry.by_name("nope")
