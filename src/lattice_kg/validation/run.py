"""Run every checker over the project's (or the given) files and gather one report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from ..core.errors import InputError
from ..core.project import Source, project, project_root, source_files
from ..inputs import load_store, shown, undefined_terms
from .locations import definitions
from .registry import CHECKERS, NAMES, Graph
from .report import Report


def source_texts(source: Path | Mapping[str, Path] | None = None) -> dict[Source, Path]:
    """Each source's text for the quote audit: the one given (a bare path is the first's), else its own."""
    overrides = {project().source.id: source} if isinstance(source, Path) else dict(source or {})
    return {s: overrides.get(s.id) or s.text_path() for s in project().sources}


def run(
    data_files: Iterable[Path] | None = None,
    *,
    source: Path | Mapping[str, Path] | None = None,
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
    settings = project(root)
    shapes_file = settings.shapes
    ontology_files = [f for f in sorted(settings.ontology_dir.glob("*.ttl")) if f != shapes_file]
    own_data = data_files is None
    if data_files is None:
        data_files = [f for f in source_files(root) if f not in ontology_files]
    data_files = list(data_files)

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


def check_source_option(values: Path | Iterable[str] | None) -> dict[str, Path]:
    """The texts `--source` names, by source id: `ID=PATH` for any source, a bare `PATH` for the first.

    An explicit text must exist, and so must one an environment variable names: a typo should not
    silently skip the quote audit."""
    p = project()
    if isinstance(values, Path):
        values = [str(values)]
    texts: dict[str, Path] = {}
    for value in values or ():
        name, sep, rest = value.partition("=")
        if sep and not Path(value).is_file() and any(s.id == name for s in p.sources):
            source, path = p.source_by_id(name), Path(rest)
        else:
            source, path = p.source, Path(value)
        if source.id in texts:
            raise InputError(f"--source {value}: a second text for source {source.id}")
        if not path.is_file():
            raise InputError(f"--source {value}: no such file")
        texts[source.id] = path
    for source in p.sources:
        explicit = source.text_from_env()
        if source.id not in texts and explicit and not explicit.is_file():
            raise InputError(f"{source.text_env}={source.text_path()}: no such file")
    return texts
