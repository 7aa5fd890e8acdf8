"""The embedded store's freshness: decided from each file's stat, with the content hash as its identity."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lattice_kg import store


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The source files this process hashes or parses, by name."""
    seen: list[str] = []
    real_hash, real_parse = store._file_sha256, store.load_store

    def hashing(path: Path) -> str:
        seen.append(f"hash {path.name}")
        return real_hash(path)

    def parsing(files: list[Path], root: Path, target: object) -> object:
        seen.append(f"parse {len(files)} files")
        return real_parse(files, root, target)

    monkeypatch.setattr(store, "_file_sha256", hashing)
    monkeypatch.setattr(store, "load_store", parsing)
    return seen


def _places(project: Path) -> Path:
    return project / "data" / "places.ttl"


def test_unchanged_sources_are_not_read(project_copy: Path, reads: list[str]) -> None:
    first = store.open_store(project_copy)
    assert first.rebuilt and "parse" in reads[-1]
    assert len([r for r in reads if r.startswith("hash")]) == len(list(project_copy.rglob("*.ttl"))) - 1
    reads.clear()
    again = store.open_store(project_copy)
    assert reads == []  # one stat per file, no file opened
    assert (again.digest, again.path, again.rebuilt) == (first.digest, first.path, False)


def test_an_edit_rebuilds_the_store(project_copy: Path, reads: list[str]) -> None:
    before = store.open_store(project_copy)
    reads.clear()
    with _places(project_copy).open("a", encoding="utf-8") as f:
        f.write("\n# an edit\n")
    after = store.open_store(project_copy)
    assert reads == ["hash places.ttl", reads[1]] and reads[1].startswith("parse")
    assert after.rebuilt and after.digest != before.digest
    assert sorted(p.name for p in (project_copy / ".lattice").glob("store-*")) == [after.path.name]


def test_a_touch_without_change_reuses_the_store(project_copy: Path, reads: list[str]) -> None:
    before = store.open_store(project_copy)
    reads.clear()
    places = _places(project_copy)
    st = places.stat()
    os.utime(places, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    after = store.open_store(project_copy)
    assert reads == ["hash places.ttl"]  # read once to learn it is the same, never parsed
    assert (after.digest, after.path, after.rebuilt) == (before.digest, before.path, False)
    reads.clear()
    store.open_store(project_copy)
    assert reads == []  # the manifest now knows the new time


def test_an_edit_that_keeps_size_and_time_is_still_seen(project_copy: Path, reads: list[str]) -> None:
    before = store.open_store(project_copy)
    places = _places(project_copy)
    st = places.stat()
    text = places.read_text(encoding="utf-8")
    edited = text.replace("Washington", "Washingtom", 1)
    assert len(edited.encode()) == len(text.encode()) and edited != text
    places.write_text(edited, encoding="utf-8")
    os.utime(places, ns=(st.st_atime_ns, st.st_mtime_ns))  # size and mtime as before; ctime is not
    reads.clear()
    after = store.open_store(project_copy)
    assert "hash places.ttl" in reads and after.rebuilt and after.digest != before.digest


def test_a_broken_manifest_only_costs_hashing_again(project_copy: Path, reads: list[str]) -> None:
    before = store.open_store(project_copy)
    (project_copy / ".lattice" / store.MANIFEST).write_text("{not json", encoding="utf-8")
    reads.clear()
    after = store.open_store(project_copy)
    assert reads and all(r.startswith("hash") for r in reads)
    assert (after.digest, after.rebuilt) == (before.digest, False)


def test_a_blank_node_label_in_two_files_is_two_nodes(project_copy: Path) -> None:
    for name in ("a", "b"):
        (project_copy / "data" / f"bnode-{name}.ttl").write_text(
            f'_:same <https://w3id.org/lattice/ontology#note> "{name}" .\n', encoding="utf-8"
        )
    opened = store.open_store(project_copy)
    rows = list(
        opened.store.query("SELECT DISTINCT ?b WHERE { ?b <https://w3id.org/lattice/ontology#note> ?n }")
    )
    assert len(rows) == 2
