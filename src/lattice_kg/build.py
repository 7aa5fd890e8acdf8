"""`lattice build`: the embedded store made explicitly, and the release artefacts in dist/.

The merged graph as Turtle, N-Triples and JSON-LD, and a separate file with the triples an
OWL 2 RL reasoner adds (owlrl): membership and affiliation from their statements, inverses,
superclasses, domains and ranges. Every file is written beside its final name and renamed into
place, so a reader never sees half a file.

Oxigraph serialises the dumps straight from the parsed sources rather than from the store: a dump
of the store decodes every term from disk again and costs several times the parse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .core import vocab
from .core.project import project_root, source_files
from .inputs import shown, turtle_error
from .store import open_store

if TYPE_CHECKING:
    import pyoxigraph

# the prefixes the dumps declare (a selection of the one table in core/vocab.py)
PREFIXES = vocab.vocabulary().table(
    *("lat", "rdf", "rdfs", "owl", "xsd", "skos", "dcterms", "prov", "oa", "cito", "fabio", "schema"),
    *("actor", "person", "mech", "agr", "event", "doc", "stmt", "work"),
)


@dataclass(frozen=True)
class Artefact:
    path: Path
    triples: int
    what: str


def build(out: Path, *, rebuild: bool = False, inferred: bool = True) -> list[Artefact]:
    import pyoxigraph as ox

    opened = open_store(rebuild=rebuild)  # also checks every source's syntax
    triples = len(opened.store)
    root = project_root()
    files = source_files(root)
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for name, fmt, what in (
        ("lattice.ttl", ox.RdfFormat.TURTLE, "merged graph, Turtle"),
        ("lattice.nt", ox.RdfFormat.N_TRIPLES, "merged graph, N-Triples"),
        ("lattice.jsonld", ox.RdfFormat.JSON_LD, "merged graph, JSON-LD"),
    ):
        prefixes = None if fmt is ox.RdfFormat.N_TRIPLES else PREFIXES

        def write(tmp: Path, fmt: ox.RdfFormat = fmt, prefixes: dict[str, str] | None = prefixes) -> None:
            ox.serialize(_parsed(files, root), str(tmp), fmt, prefixes=prefixes)

        made.append(Artefact(_atomic(out / name, write), triples, what))
    if inferred:
        made.append(_inferred(out / "lattice.nt", out / "lattice-inferred.nt"))
    return made


def _parsed(files: list[Path], root: Path) -> Iterator[pyoxigraph.Triple]:
    """Every triple of the sources, each file parsed on its own as the store does (its own blank
    nodes). A triple stated in two files is written twice: the same graph."""
    import pyoxigraph as ox

    for path in files:
        try:
            for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                yield quad.triple
        except SyntaxError as exc:  # the file changed since the store was built from it
            raise turtle_error(exc, shown(path, root)) from None


def _atomic(target: Path, write: Callable[[Path], None]) -> Path:
    """Write through a temporary file beside the target, renamed into place only when complete."""
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        write(tmp)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _inferred(source: Path, target: Path) -> Artefact:
    import owlrl
    import pyoxigraph as ox
    import rdflib

    graph = rdflib.Graph().parse(source, format="nt")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(
        graph
    )

    def term(node: rdflib.term.Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(node, rdflib.URIRef):
            return ox.NamedNode(str(node))
        if isinstance(node, rdflib.BNode):
            return ox.BlankNode(str(node))
        if node.language:  # type: ignore[attr-defined]
            return ox.Literal(str(node), language=node.language)  # type: ignore[attr-defined]
        datatype = node.datatype  # type: ignore[attr-defined]
        return ox.Literal(str(node), datatype=ox.NamedNode(str(datatype)) if datatype else None)

    # OWL 2 RL rules also derive statements about literals (owl:sameAs of a value with itself):
    # generalised RDF, which no RDF serialisation can carry. They say nothing about the graph.
    kept = [(s, p, o) for s, p, o in graph if not isinstance(s, rdflib.Literal)]

    def write(tmp: Path) -> None:
        ox.serialize((ox.Triple(term(s), term(p), term(o)) for s, p, o in kept), str(tmp),
                     ox.RdfFormat.N_TRIPLES)  # fmt: skip

    return Artefact(_atomic(target, write), len(kept), "merged graph with OWL 2 RL inferences, N-Triples")
