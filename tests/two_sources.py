"""A project of two sources: the checkout's article and the short fictional one in fixtures/second-source.

The copy holds the checkout's ontology, data, queries and lattice.toml, the fixture's data in
data/lin-2024/ and its text in texts/, and a lattice.toml that lists both sources.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, SOURCE_TEXT

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "second-source"
SECOND = "lin-2024"
SECOND_TEXT = FIXTURE / f"{SECOND}.txt"

SECOND_SOURCE = f"""
[[sources]]
id = "{SECOND}"
text = "texts/{SECOND}.txt"
layout = "print-footnotes"
sha256 = "{{sha}}"
prefixes = {{{{ tfn = "fn/", tsec = "section/" }}}}
"""


def write_two_sources(copy: Path) -> Path:
    """Copy the checkout and the fixture into `copy`; its lattice.toml lists both sources."""
    import hashlib

    shutil.copytree(ROOT / "ontology", copy / "ontology")
    shutil.copytree(ROOT / "data", copy / "data")
    shutil.copytree(ROOT / "queries", copy / "queries")
    shutil.copytree(FIXTURE / "data", copy / "data" / SECOND)
    (copy / "texts").mkdir()
    shutil.copy(SECOND_TEXT, copy / "texts" / SECOND_TEXT.name)
    sha = hashlib.sha256(SECOND_TEXT.read_bytes()).hexdigest()
    config = (ROOT / "lattice.toml").read_text(encoding="utf-8") + SECOND_SOURCE.format(sha=sha)
    (copy / "lattice.toml").write_text(config, encoding="utf-8")
    return copy


@pytest.fixture
def two_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The two-source project as LATTICE_ROOT, with its own cache; the first text from LATTICE_SOURCE_TEXT."""
    copy = write_two_sources(tmp_path / "project")
    monkeypatch.setenv("LATTICE_ROOT", str(copy))
    monkeypatch.setenv("LATTICE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("LATTICE_SOURCE_TEXT", str(SOURCE_TEXT))
    return copy
