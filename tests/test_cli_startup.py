"""The everyday commands start lean: none of the heavy libraries is imported on their path."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

HEAVY = ("pydantic", "rdflib", "yaml", "rich")
QUERY = "PREFIX lat: <https://w3id.org/lattice/ontology#>\nSELECT ?m WHERE { ?m lat:hasMember ?_actor_iri }\n"


def imported(args: list[str], cwd: Path) -> set[str]:
    """Top-level packages a `lattice` command imports, from `python -X importtime`."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "lattice_kg.cli", *args],
        cwd=cwd,
        env={**os.environ, "LATTICE_ROOT": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return {m.group(1).split(".")[0] for m in re.finditer(r"^import time:.*\|\s+(\S+)$", done.stderr, re.M)}


@pytest.mark.parametrize(
    "args",
    [
        ["cq", "run", "cq01"],
        ["cq", "run", "cq12", "--mechanism", "IPEF", "--format", "csv"],
        ["cq", "list"],
        ["query", "QUERY", "--param", "actor=japan"],
        ["stats"],
    ],
    ids=lambda a: " ".join(a),
)
def test_everyday_commands_import_no_heavy_library(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "QUERY").write_text(QUERY, encoding="utf-8")
    imported(["cq", "run", "cq01"], tmp_path)  # the store and the header cache exist from here on
    modules = imported(args, tmp_path)
    assert "lattice_kg" in modules and "pyoxigraph" in modules  # the measurement sees the imports
    assert sorted(set(HEAVY) & modules) == []


NARROWED = [
    ["stats", "-f", "csv"],
    ["stats", "--help"],
    ["stats", "--nope"],
    ["cq", "run", "cq12", "--mechanism", "quad", "-f", "csv"],
    ["cq", "run", "--help"],
    ["cq", "run", "cq01", "--mechanism", "quad"],
    ["cq", "show", "cq12"],
    ["cq", "--help"],
    ["cq", "nope"],
    ["query", "--help"],
    ["nope"],
    ["--help"],
    [],
]


@pytest.mark.parametrize("args", NARROWED, ids=lambda a: " ".join(a) or "(none)")
def test_the_narrowed_app_answers_as_the_whole_app(args: list[str]) -> None:
    from typer.testing import CliRunner

    from lattice_kg.cli import app, narrowed

    runner = CliRunner()
    whole = runner.invoke(app, args, prog_name="lattice")
    narrow = runner.invoke(narrowed(args), args, prog_name="lattice")
    assert (narrow.exit_code, narrow.output) == (whole.exit_code, whole.output)


def test_only_the_named_command_is_built() -> None:
    import typer

    from lattice_kg.cli import app, narrowed

    root = typer.main.get_command(narrowed(["cq", "run", "cq01"]))
    assert list(root.commands) == ["cq"]  # type: ignore[attr-defined]
    assert list(root.commands["cq"].commands) == ["run"]  # type: ignore[attr-defined]
    assert list(typer.main.get_command(narrowed(["stats"])).commands) == ["stats"]  # type: ignore[attr-defined]
    assert narrowed(["--help"]) is app and narrowed(["nope"]) is app and narrowed([]) is app
