"""`lattice build` and the embedded store's cache: built once, reused, rebuilt when a source changes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from lattice_kg import store
from lattice_kg.cli import app

runner = CliRunner()
LAT = rdflib.Namespace("https://w3id.org/lattice/ontology#")
ID = rdflib.Namespace("https://w3id.org/lattice/id/")


@pytest.mark.slow
def test_build_writes_every_artefact_and_the_inferences(project_copy: Path, graph: rdflib.Graph) -> None:
    out = project_copy / "dist"
    result = runner.invoke(app, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name, fmt in (("lattice.ttl", "turtle"), ("lattice.nt", "nt"), ("lattice.jsonld", "json-ld")):
        parsed = rdflib.Graph().parse(out / name, format=fmt)
        assert len(parsed) == len(graph), name
    inferred = rdflib.Graph().parse(out / "lattice-inferred.nt", format="nt")
    assert len(inferred) > len(graph)
    # inverses and property chains of the ontology, materialised
    assert (ID["actor/japan"], LAT.memberOf, ID["mechanism/quad"]) in inferred
    assert (ID["actor/japan"], LAT.memberOf, ID["mechanism/quad"]) not in graph
    assert (ID["person/rahm-emanuel"], LAT.affiliatedWith, ID["actor/united-states"]) in inferred
    assert sorted(p.name for p in out.iterdir()) == [
        "lattice-inferred.nt",
        "lattice.jsonld",
        "lattice.nt",
        "lattice.ttl",
    ]  # fmt: skip  (no temporary file left behind)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count how often this process parses the sources (into memory or into a new store on disk)."""
    calls: list[int] = []
    real = store.load_store

    def counting(files: list[Path], root: Path, target: object) -> object:
        calls.append(len(files))
        return real(files, root, target)

    monkeypatch.setattr(store, "load_store", counting)
    return calls


def _persisted(project: Path, replacing: list[Path] | None = None, timeout: float = 60.0) -> list[Path]:
    """The store folders once the detached builder has renamed its complete store into place
    (and removed the store it replaces)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cache = project / ".lattice"
        stores = sorted(cache.glob("store-*")) if cache.exists() else []
        building = cache.exists() and any(p.name.startswith(".building-") for p in cache.iterdir())
        if len(stores) == 1 and stores != replacing and not building:
            return stores
        time.sleep(0.05)
    raise AssertionError(f"no store persisted under {project / '.lattice'} within {timeout} s")


def test_a_second_question_reuses_the_store_and_an_edit_invalidates_it(
    project_copy: Path, parses: list[int]
) -> None:
    first = runner.invoke(app, ["cq", "run", "cq12", "--mechanism", "quad"])
    assert first.exit_code == 0, first.output
    assert len(parses) == 1  # answered from memory; a detached process persists the store
    stores = _persisted(project_copy)
    second = runner.invoke(app, ["cq", "run", "cq12", "--mechanism", "quad"])
    assert second.exit_code == 0 and second.output == first.output
    assert len(parses) == 1 and _persisted(project_copy) == stores

    with (project_copy / "data" / "places.ttl").open("a", encoding="utf-8") as f:
        f.write("\n# an edit: the content hash changes\n")
    assert runner.invoke(app, ["cq", "run", "cq12"]).exit_code == 0
    assert len(parses) == 2
    _persisted(project_copy, replacing=stores)  # the old store is replaced, not kept beside the new one
    assert runner.invoke(app, ["cq", "run", "cq12"]).exit_code == 0
    assert len(parses) == 2


def test_commands_that_wait_build_the_store_before_answering(project_copy: Path, parses: list[int]) -> None:
    assert runner.invoke(app, ["stats"]).exit_code == 0
    assert len(parses) == 1 and len(list((project_copy / ".lattice").glob("store-*"))) == 1
    assert runner.invoke(app, ["cq", "run", "cq12"]).exit_code == 0
    assert len(parses) == 1


def test_a_large_graph_is_persisted_before_the_question(
    project_copy: Path, parses: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "IN_MEMORY_LIMIT", 1000)  # every source set is "large"
    assert runner.invoke(app, ["cq", "run", "cq12"]).exit_code == 0
    assert len(parses) == 1 and len(list((project_copy / ".lattice").glob("store-*"))) == 1
