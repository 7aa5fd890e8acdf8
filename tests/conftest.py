"""Shared fixtures: the project's sources, the merged graph, the article's text and the published site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rdflib

from lattice_kg.article import ArticleText
from lattice_kg.core.project import source_files

ROOT = Path(__file__).resolve().parents[1]
LAT = rdflib.Namespace("https://w3id.org/lattice/ontology#")
ONTOLOGY_IRI = rdflib.URIRef("https://w3id.org/lattice/ontology")
SOURCE_README = ROOT.parent / "shared" / "source" / "README.md"
SOURCE_TEXT = ROOT.parent / "shared" / "source" / "zhao-2024.txt"
# where the session's site says it is served; its path is the site's folder on a host (RewriteBase)
SITE_BASE_URL = "https://example.org/lattice"
# fixtures that several modules share, kept beside the helpers they go with: the serve tests' small
# site and client, the engines the questions run on (ox, rd), the SPARQL servers (server, fake_server)
pytest_plugins = ["tests.serve_fixtures", "tests.answering", "tests.stores"]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "lattice.ttl")


@pytest.fixture(scope="session")
def graph() -> rdflib.Graph:
    """Ontology and data merged, as rdflib sees them (independent of the embedded store)."""
    g = rdflib.Graph()
    for path in source_files(ROOT):
        g.parse(path)
    return g


@pytest.fixture(scope="session")
def article() -> ArticleText:
    return ArticleText()


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`lattice publish --base-url SITE_BASE_URL`, once for the session (it takes seconds): the tests that
    only read a site share it and must not change it."""
    from typer.testing import CliRunner

    from lattice_kg.cli import app

    out = tmp_path_factory.mktemp("publish") / "site"
    result = CliRunner().invoke(app, ["publish", "--out", str(out), "--base-url", SITE_BASE_URL])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("published ")
    return out


@pytest.fixture
def project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A throw-away copy of ontology/, data/ and queries/, used as LATTICE_ROOT with its own cache."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "ontology", copy / "ontology")
    shutil.copytree(ROOT / "data", copy / "data")
    shutil.copytree(ROOT / "queries", copy / "queries")
    shutil.copy(ROOT / "lattice.toml", copy / "lattice.toml")
    monkeypatch.setenv("LATTICE_ROOT", str(copy))
    monkeypatch.delenv("LATTICE_CACHE", raising=False)
    monkeypatch.setenv("LATTICE_SOURCE_TEXT", str(SOURCE_TEXT))
    return copy
