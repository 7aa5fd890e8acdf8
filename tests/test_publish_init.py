"""Publishing itself (`publish/__init__.py`) and where it puts things (`publish/layout.py`, which shares
this file): every described thing gets its pages and data, and a folder it did not write is never touched."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from lattice_kg.cli import app

from .published import ID, described

runner = CliRunner()


@pytest.fixture
def site(published_site: Path) -> Path:
    """The session's site (published with --base-url HOST), under the name these tests use."""
    return published_site


def test_every_described_thing_has_its_pages_and_data(site: Path, graph: rdflib.Graph) -> None:
    things = described(graph)
    assert len(things) > 1000
    for iri in things:
        path = iri[len(ID) :]
        for name in (f"page/{path}.html", f"page/{path}.zh.html", f"data/{path}.ttl", f"data/{path}.jsonld",
                     f"data/{path}.nt"):  # fmt: skip
            assert (site / name).is_file(), name
    pages = {p.relative_to(site / "page").as_posix() for p in (site / "page").rglob("*.html")}
    assert len(pages) == 2 * len(things)  # and no page for anything else


def test_publish_never_overwrites_a_folder_it_did_not_write(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    result = runner.invoke(app, ["publish", "--out", str(precious)])
    assert result.exit_code == 2
    assert result.output == (
        f"lattice: error: {precious}: exists and is not a site written by lattice publish; "
        "choose an empty folder\n"
    )
    assert (precious / "thesis.txt").read_text() == "years of work"
    result = runner.invoke(app, ["publish", "--out", str(tmp_path / "s"), "--base-url", "ftp://x"])
    assert result.exit_code == 2
    assert result.output == "lattice: error: --base-url 'ftp://x': expected an http(s) URL\n"
