"""`lattice build` and the embedded store's cache: built once, reused, rebuilt when a source changes."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from lattice_kg import store
from lattice_kg.cli import app

runner = CliRunner()
LAT = rdflib.Namespace("https://w3id.org/lattice/ontology#")
ID = rdflib.Namespace("https://w3id.org/lattice/id/")


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
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count how often the sources are parsed into a new store."""
    calls: list[int] = []
    real = store._load_into

    def counting(folder: Path, texts: list[tuple[str, str]]) -> None:
        calls.append(len(texts))
        real(folder, texts)

    monkeypatch.setattr(store, "_load_into", counting)
    return calls


def test_a_second_question_reuses_the_store_and_an_edit_invalidates_it(
    project_copy: Path, builds: list[int]
) -> None:
    for _ in range(2):
        result = runner.invoke(app, ["cq", "run", "cq12", "--mechanism", "quad"])
        assert result.exit_code == 0, result.output
    assert len(builds) == 1
    with (project_copy / "data" / "places.ttl").open("a", encoding="utf-8") as f:
        f.write("\n# an edit: the content hash changes\n")
    assert runner.invoke(app, ["cq", "run", "cq12"]).exit_code == 0
    assert len(builds) == 2
    assert runner.invoke(app, ["cq", "run", "cq12"]).exit_code == 0
    assert len(builds) == 2
