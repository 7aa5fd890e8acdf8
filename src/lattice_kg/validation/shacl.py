"""SHACL checker: pyshacl-turbo by default (fast), pySHACL as the reference implementation.

Both see one graph, the ontology and the data together, as Oxigraph parsed them: pyshacl-turbo reads
the Oxigraph store itself (its Rust side takes the store's quads, no rdflib graph in between), pySHACL
an rdflib copy of the same quads. Merging the ontology in gives the same findings as pySHACL's
`ont_graph` inoculation on this project's shapes (the tests compare both engines on every fixture).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import RDF

from .nodes import label, owner, text
from .report import Result, Severity

if TYPE_CHECKING:
    import pyoxigraph

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SEVERITY = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARN, SH.Info: Severity.INFO}
ENGINES = ("turbo", "pyshacl")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(quads: Iterable[pyoxigraph.Quad | pyoxigraph.Triple]) -> rdflib.Graph:
    """An rdflib graph of Oxigraph's triples, blank node labels kept (so report nodes can be looked up)."""
    graph = rdflib.Graph()
    add = graph.add
    for q in quads:
        add((_rdflib_term(q.subject), rdflib.URIRef(q.predicate.value), _rdflib_term(q.object)))
    return graph


def _rdflib_term(term: object) -> rdflib.term.Node:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return rdflib.Literal(
            term.value, datatype=None if datatype == XSD_STRING else rdflib.URIRef(datatype)
        )
    raise TypeError(f"not a node of a graph: {term!r}")


def _oxigraph_term(node: rdflib.term.Node) -> object:
    import pyoxigraph

    if isinstance(node, rdflib.BNode):
        return pyoxigraph.BlankNode(str(node))
    if isinstance(node, rdflib.URIRef):
        return pyoxigraph.NamedNode(str(node))
    return None


def validate_graph(store: pyoxigraph.Store, shapes: rdflib.Graph, engine: str = "turbo") -> rdflib.Graph:
    """Run the engine on the store's default graph and return its sh:ValidationReport graph."""
    if engine == "turbo":
        import pyshacl_turbo as engine_module

        data: object = store
    elif engine == "pyshacl":
        import pyoxigraph
        import pyshacl as engine_module

        data = to_rdflib(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
    else:  # pragma: no cover - the CLI restricts the choice
        raise ValueError(engine)
    _, report, _ = engine_module.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    if not isinstance(report, rdflib.Graph):
        raise RuntimeError(f"SHACL engine {engine} failed: {report}")
    return report


def check(store: pyoxigraph.Store, shapes: rdflib.Graph, engine: str = "turbo") -> list[Result]:
    report = validate_graph(store, shapes, engine)
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        held_by = owner(store, _oxigraph_term(focus)) if focus is not None else None
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        path = report.value(node, SH.resultPath)
        results.append(
            Result(
                checker="shacl",
                severity=SEVERITY.get(report.value(node, SH.resultSeverity), Severity.ERROR),
                message=messages[0]
                if messages
                else _component(report.value(node, SH.sourceConstraintComponent)),
                focus=text(held_by) if held_by is not None else text(focus),
                label=label(store, held_by) if held_by is not None else None,
                path=text(path) if isinstance(path, rdflib.URIRef) else None,
                value=text(report.value(node, SH.value)),
                rule=_shape_name(shapes, report.value(node, SH.sourceShape)),
            )
        )
    return results


def _component(component: rdflib.term.Node | None) -> str:
    return f"violates {str(component).rsplit('#', 1)[-1]}" if component else "SHACL violation"


def _shape_name(shapes: rdflib.Graph, shape: rdflib.term.Node | None) -> str | None:
    """A property shape without an IRI is named after the node shape that holds it."""
    if shape is None:
        return None
    if isinstance(shape, rdflib.URIRef):
        return str(shape)
    parent = next(shapes.subjects(SH.property, shape), None)
    path = shapes.value(shape, SH.path)
    if isinstance(parent, rdflib.URIRef):
        return f"{parent}" + (f" {path}" if isinstance(path, rdflib.URIRef) else "")
    return None
