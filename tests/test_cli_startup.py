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
