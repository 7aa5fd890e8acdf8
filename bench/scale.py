"""The project at each size: the article's graph copied k times into its own folder (multiply.py), the
environment that points `lattice` at it, and the competency questions with what their defaults bind."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(os.environ.get("LATTICE_BENCH_DIR", "/tmp/lattice-bench"))
ID = "https://w3id.org/lattice/id/"


def lattice() -> list[str]:
    """The installed `lattice` command (what a user runs), else the module."""
    script = Path(sys.executable).with_name("lattice")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "lattice_kg.cli"]


def questions() -> list[dict[str, str]]:
    """Each competency question's id, file and what its defaults bind ("" = it asks about the whole
    graph), read from the `#+ defaults:` header items."""
    found = []
    for path in sorted((ROOT / "queries").glob("cq*.rq")):
        header = itertools.takewhile(lambda line: line.startswith("#+"), path.read_text().splitlines())
        binds, within = [], False
        for line in header:
            if re.match(r"#\+ ?\S", line):  # a top-level key
                within = line.split()[1] == "defaults:"
            elif within and (item := _DEFAULT.match(line)):
                binds.append(item.group(1) + "=" + item.group(2).strip("\"' "))
        found.append({"id": path.stem.split("-", 1)[0], "path": str(path), "binds": ", ".join(binds)})
    return found


_DEFAULT = re.compile(r"#\+\s+-\s+([a-z]+):\s*(.+)$")


def in_place(query: str, variable: str, iri: str) -> str:
    """The query with the parameter written where the variable is, the form an engine plans best."""
    return re.sub(rf"\?{re.escape(variable)}\b", f"<{iri}>", query)


def source_files(root: Path) -> list[Path]:
    """The Turtle files `lattice` loads: the ontology, then the data, without the shapes."""
    files = sorted((root / "ontology").glob("*.ttl")) + sorted((root / "data").rglob("*.ttl"))
    return [f for f in files if f.name != "shapes.ttl"]


def article_nt() -> Path:
    """The article's data (without the ontology) as N-Triples, from the project's own build."""
    import rdflib

    base, dist = WORK / "article.nt", WORK / "article-dist"
    subprocess.run(
        [*lattice(), "build", "--out", str(dist), "--no-inferred"],
        check=True,
        capture_output=True,
        env={**os.environ, "LATTICE_ROOT": str(ROOT), "LATTICE_CACHE": str(WORK / "article-cache")},
    )
    g = rdflib.Graph().parse(dist / "lattice.nt", format="nt")
    g -= rdflib.Graph().parse(ROOT / "ontology" / "lattice.ttl")
    g.serialize(base, format="nt", encoding="utf-8")
    return base


def prepare(size: int, base: Path) -> Path:
    """A project folder whose data/ holds the article's graph `size` times, and cq01 with its parameter
    written in place (the floor script's query)."""
    from multiply import multiply

    root = WORK / f"x{size}"
    if root.exists():
        shutil.rmtree(root)
    (root / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(ROOT / "queries", root / "queries")
    triples = multiply(base, size, root / "data" / "graph.ttl")
    (root / "triples").write_text(str(triples))
    cq01 = next((ROOT / "queries").glob("cq01-*.rq")).read_text(encoding="utf-8")
    (root / "cq01-in-place.rq").write_text(in_place(cq01, "_actor_iri", ID + "actor/japan"), encoding="utf-8")
    return root


def environment(root: Path) -> dict[str, str]:
    env = {**os.environ, "LATTICE_ROOT": str(root), "LATTICE_CACHE": str(root / ".lattice")}
    # an installed package runs from cached bytecode; without it every start compiles the sources
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    text = ROOT.parent / "shared" / "source" / "zhao-2024.txt"  # the quote audit's article text
    if "LATTICE_SOURCE_TEXT" not in env and text.is_file():
        env["LATTICE_SOURCE_TEXT"] = str(text)
    return env


def persisted_store(cache: Path, wait: float = 600) -> Path | None:
    """The store folder (`store-*`) once no build is in progress: a cold question may leave a detached
    process persisting it."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        stores = sorted((p for p in cache.glob("store-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
        if stores and not any(cache.glob(".building-*")):
            return stores[-1]
        time.sleep(0.05)
    return None
