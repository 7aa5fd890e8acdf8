"""Run every checker over the project's (or the given) files and gather one report."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..core.errors import InputError
from ..core.project import project_root, source_files
from ..inputs import load_store, shown, undefined_terms
from .locations import definitions
from .registry import CHECKERS, NAMES, Graph
from .report import Report


def default_source() -> Path:
    from ..core.project import project

    return project().source.text_path()


def run(
    data_files: Iterable[Path] | None = None,
    *,
    source: Path | None = None,
    engine: str = "turbo",
    checkers: Iterable[str] = NAMES,
    root: Path | None = None,
) -> Report:
    """Parse every file once, with Oxigraph, and run the checkers on what was parsed.

    The checkers share one store of the ontology and the data: the project's embedded store when the
    project's own data is larger than what the store itself would answer from memory (it is then not
    parsed at all while the store is fresh), else one parsed into memory (a small graph parses faster
    than it reads back from disk). The ontology alone, for QC and for the terms it defines, is a small
    store of its own."""
    import pyoxigraph

    root = root or project_root()
    ontology_files = [f for f in sorted((root / "ontology").glob("*.ttl")) if f.name != "shapes.ttl"]
    own_data = data_files is None
    if data_files is None:
        data_files = [f for f in source_files(root) if f not in ontology_files]
    data_files = list(data_files)
    shapes_file = root / "ontology" / "shapes.ttl"

    ontology = load_store(ontology_files, root)
    shapes = load_store([shapes_file], root)
    from ..store import IN_MEMORY_LIMIT, open_store

    if own_data and sum(f.stat().st_size for f in ontology_files + data_files) > IN_MEMORY_LIMIT:
        store = open_store(root, wait=False).store
    else:
        store = pyoxigraph.Store()
        store.extend(ontology.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
        load_store(data_files, root, store)
    errors = undefined_terms(data_files, ontology, store, root)
    if errors:
        raise errors[0]

    graph = Graph(root, store, ontology, shapes, ontology_files, data_files, engine, source)
    report = Report()
    wanted = set(checkers)
    for checker in CHECKERS:
        if checker.name in wanted:
            checker.run(graph, report)

    names = {f: shown(f, root) for f in ontology_files + data_files}
    where = definitions(ontology_files + data_files, names, {r.focus for r in report.results if r.focus})
    report.results = [
        replace(r, file=where[r.focus][0], line=where[r.focus][1]) if r.focus in where else r
        for r in report.results
    ]
    return report


def check_source_option(source: Path | None) -> None:
    """An explicit --source must exist: a typo should not silently skip the quote audit."""
    if source is not None and not source.is_file():
        raise InputError(f"--source {source}: no such file")
    if source is None and os.environ.get("LATTICE_SOURCE_TEXT") and not default_source().is_file():
        raise InputError(f"LATTICE_SOURCE_TEXT={default_source()}: no such file")
