"""The one list of checkers `lattice validate` runs: its `--checker` choices, its help and its order.

A checker is its module plus one entry here: a name, the phrase the command's summary uses, and a
function that runs it on the parsed graph. Nothing here imports a checker until it runs, so the
command line can read the list without loading RDF libraries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph

    from .report import Report

SHACL_ENGINES = ("turbo", "pyshacl")  # pyshacl-turbo, or pySHACL (the reference)
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass
class Graph:
    """What every checker may read: the parsed stores, the files they came from, and the options."""

    root: Path
    store: pyoxigraph.Store  # the ontology and the data
    ontology: pyoxigraph.Store  # the ontology alone
    shapes: pyoxigraph.Store
    ontology_files: list[Path]
    data_files: list[Path]
    engine: str = "turbo"
    source: Path | Mapping[str, Path] | None = None  # a text for the first source, or texts by source id


@dataclass(frozen=True)
class Checker:
    name: str
    summary: str  # what it checks, as the command's one-line summary lists it
    run: Callable[[Graph, Report], None]  # adds its findings (or why it was skipped) to the report
    description: str = ""  # what README.md's list says of it (Markdown)


def _shacl(graph: Graph, report: Report) -> None:
    import pyoxigraph

    from . import shacl

    shapes = shacl.to_rdflib(graph.shapes.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
    report.add(shacl.check(graph.store, shapes, graph.engine))
    report.ran.append("shacl")


def _qc(graph: Graph, report: Report) -> None:
    from ..core.project import project
    from . import qc

    report.add(qc.check(graph.ontology, project(graph.root).ontology_dir / "qc"))
    report.ran.append("qc")


def _owl(graph: Graph, report: Report) -> None:
    from ..store import cache_dir
    from . import owl

    report.add(
        owl.check(graph.ontology_files + graph.data_files, graph.store, cache_dir(graph.root) / "hermit")
    )
    report.ran.append("owl")


def _quotes(graph: Graph, report: Report) -> None:
    """Each source's anchors against its own text; skipped when no source's text is at hand."""
    from .run import source_texts

    texts = source_texts(graph.source)
    if any(path.is_file() for path in texts.values()):
        from ..article import ArticleText
        from . import quotes

        articles = {s.iri: ArticleText(path, s) for s, path in texts.items() if path.is_file()}
        missing = {s.iri: path for s, path in texts.items() if not path.is_file()}
        report.add(quotes.check(graph.store, articles, missing))
        report.ran.append("quotes")
    else:
        report.skipped["quotes"] = "source text not found at " + ", ".join(map(str, texts.values()))


CHECKERS = (
    Checker(
        "shacl",
        "SHACL shapes",
        _shacl,
        "the shapes in `ontology/shapes.ttl` (labels in both languages, evidence on every fact, dates at "
        "the printed precision, member and party counts, IRI patterns, and cross-node rules in "
        "SHACL-SPARQL), with pyshacl-turbo; `--engine pyshacl` runs the reference implementation instead",
    ),
    Checker(
        "qc",
        "ontology QC",
        _qc,
        "ontology quality checks, one SPARQL file each in `ontology/qc/` with its level in "
        "`ontology/qc/profile.tsv` (the style of ROBOT `report`)",
    ),
    Checker("owl", "OWL consistency", _owl, "HermiT consistency and satisfiability"),
    Checker(
        "quotes",
        "the quote audit",
        _quotes,
        "every quote of the data stands at its offsets, on its page and line of its source's text "
        "(`--source PATH`, or `--source ID=PATH` for another source; skipped with a note if the text is "
        "not there)",
    ),
)
NAMES = tuple(c.name for c in CHECKERS)


def by_name(name: str) -> Checker:
    for checker in CHECKERS:
        if checker.name == name:
            return checker
    raise KeyError(name)


def all_of_them() -> str:
    """`all four`: how many checkers run by default, in words."""
    n = len(CHECKERS)
    return f"all {_NUMBERS[n] if n < len(_NUMBERS) else n}"


def summary() -> str:
    """`SHACL shapes, ontology QC, OWL consistency and the quote audit`."""
    phrases = [c.summary for c in CHECKERS]
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]
