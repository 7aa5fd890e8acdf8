"""Reading the project's Turtle files with errors a user can act on: file, line, column, never a traceback."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .core import vocab
from .core.errors import InputError, LatticeError

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

LAT = vocab.LAT
RDF_TYPE = vocab.RDF_TYPE


def shown(path: Path, root: Path | None) -> str:
    """A path as the user knows it: relative to the project when it lies inside it."""
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def check_turtle_file(path: Path, root: Path | None = None) -> str:
    """Return the file's text if it is readable, non-empty UTF-8 Turtle; else raise a one-line error."""
    text = read_turtle_text(path, root)
    syntax_check(text, shown(path, root))
    return text


def read_turtle_text(path: Path, root: Path | None = None) -> str:
    """The file's text if it is readable, non-empty UTF-8 (its syntax is checked by whoever parses it)."""
    name = shown(path, root)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{name}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
        ) from None
    if not re.search(r"(?m)^[ \t]*[^\s#]", text):  # no line but blanks and comments (stops at the first)
        raise InputError(f"{name}: empty file (no triples)")
    return text


def syntax_check(text: str, name: str) -> None:
    import pyoxigraph

    try:
        for _ in pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.TURTLE):
            pass
    except SyntaxError as exc:
        raise turtle_error(exc, name) from None


def turtle_error(exc: SyntaxError, name: str) -> LatticeError:
    """One line naming file, line and column, from pyoxigraph's SyntaxError."""
    location = f"{name}:{exc.lineno}" + (f":{exc.offset}" if exc.offset else "")
    message = str(exc.msg if hasattr(exc, "msg") else exc)
    # pyoxigraph repeats the position in its message; keep only the cause.
    cause = message.split(": ", 1)[1] if message.startswith("Parser error") and ": " in message else message
    return InputError(f"{location}: Turtle syntax error: {cause}")


def load_graph(files: Iterable[Path], root: Path | None = None) -> rdflib.Graph:
    """Check then parse the files into one rdflib graph (blank nodes kept apart per file)."""
    import rdflib

    graph = rdflib.Graph()
    for path in files:
        text = check_turtle_file(path, root)
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    return graph


# A file this large goes to Oxigraph's bulk loader, which writes new files to disk on every call (a
# cost per call, not per triple); a smaller one is loaded in one transaction.
BULK_FILE = 4 * 1024 * 1024


def load_store(
    files: Iterable[Path], root: Path | None = None, store: pyoxigraph.Store | None = None
) -> pyoxigraph.Store:
    """Parse each file once, with Oxigraph's parser, into one store (a new one in memory by default).

    One file's text is in memory at a time. Each load maps the file's blank-node labels to fresh
    nodes (as RDF merge requires: `_:b` in two files is two nodes) and reports its own line numbers
    in an error."""
    import pyoxigraph

    store = pyoxigraph.Store() if store is None else store
    for path in files:
        text = read_turtle_text(path, root)
        load = store.bulk_load if len(text) >= BULK_FILE else store.load
        try:
            load(text, format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
        except SyntaxError as exc:
            raise turtle_error(exc, shown(path, root)) from None
    return store


_OWL = vocab.WELL_KNOWN["owl"]
_DECLARED = f"""
SELECT ?term ?kind WHERE {{
    {{ ?term a <{_OWL}Class> BIND ("class" AS ?kind) }}
    UNION {{ ?term a ?type VALUES ?type {{ <{_OWL}ObjectProperty> <{_OWL}DatatypeProperty>
                                          <{_OWL}AnnotationProperty> }} BIND ("property" AS ?kind) }}
    UNION {{ ?term ?p ?o FILTER STRSTARTS(STR(?term), "{LAT}") BIND ("individual" AS ?kind) }}
}}"""
# What the data uses, one full scan each with nothing computed per triple (a UNION of the three with
# STRSTARTS filters costs twice as much); the lat: ones are picked out in Python.
_USED = {
    "property": "SELECT DISTINCT ?term WHERE { ?s ?term ?o }",
    "class": f"SELECT DISTINCT ?term WHERE {{ ?s <{RDF_TYPE}> ?term }}",
    "term": f"SELECT DISTINCT ?term WHERE {{ ?s ?p ?term FILTER (?p != <{RDF_TYPE}> && isIRI(?term)) }}",
}


def _undefined(ontology: pyoxigraph.Store, data: pyoxigraph.Store) -> set[tuple[str, str]]:
    """(IRI, "a class" / "a property" / "a term") for each lat: term `data` uses that `ontology` lacks."""
    declared: dict[str, set[str]] = {"class": set(), "property": set(), "individual": set()}
    for row in ontology.query(_DECLARED):
        declared[row["kind"].value].add(row["term"].value)
    found = set()
    for kind, query in _USED.items():
        known = declared["individual" if kind == "term" else kind]
        for row in data.query(query):
            iri = row["term"].value
            if iri.startswith(LAT) and iri not in known:
                found.add((iri, f"a {kind}"))
    return found


def undefined_terms(
    files: Iterable[Path],
    ontology: pyoxigraph.Store,
    data: pyoxigraph.Store,
    root: Path | None = None,
) -> list[LatticeError]:
    """Terms of the lat: namespace that the ontology does not define, with the file and line that use them.

    The terms are found in the already parsed data (which may hold the ontology too: a term that no
    file of `files` uses is not reported); the files are only searched as text for their lines (a file
    is parsed again only if a term cannot be found that way, e.g. under another prefix).
    """
    wanted = _undefined(ontology, data)
    if not wanted:
        return []
    errors = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        located = {
            (iri, kind): _first_line(text, [f"lat:{iri[len(LAT) :]}", f"<{iri}>"]) for iri, kind in wanted
        }
        if not all(located.values()):  # some use escapes the text search: ask this file's own triples
            here = _undefined(ontology, load_store([path], root))
            located = {term: line for term, line in located.items() if line or term in here}
        for (iri, kind), line in sorted(located.items()):
            where = f"{shown(path, root)}:{line}" if line else shown(path, root)
            errors.append(InputError(f"{where}: lat:{iri[len(LAT) :]} is not {kind} of the ontology"))
    return errors


def _first_line(text: str, needles: list[str]) -> int | None:
    """First line that uses one of the needles, leaving out comment lines."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        if any(re.search(re.escape(n) + r"(?![\w-])", line) for n in needles):
            return number
    return None
