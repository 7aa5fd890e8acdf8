"""SHACL checker: pyshacl-turbo by default (fast), pySHACL as the reference implementation.

Both see one graph, the ontology and the data together, as Oxigraph parsed them: pyshacl-turbo reads
the Oxigraph store itself (its Rust side takes the store's quads, no rdflib graph in between), pySHACL
an rdflib copy of the same quads. Merging the ontology in gives the same findings as pySHACL's
`ont_graph` inoculation on this project's shapes (the tests compare both engines on every fixture).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import rdflib
from rdflib.namespace import RDF

from ..core import vocab
from .nodes import label, owner, text
from .registry import SHACL_ENGINES
from .report import Result, Severity

if TYPE_CHECKING:
    import pyoxigraph

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SEVERITY = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARN, SH.Info: Severity.INFO}
ENGINES = SHACL_ENGINES
XSD_STRING = vocab.WELL_KNOWN["xsd"] + "string"


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
    """The store's node for a report's node (a literal stays as it is: it has no owner, no label)."""
    import pyoxigraph

    if isinstance(node, rdflib.BNode):
        return pyoxigraph.BlankNode(str(node))
    if isinstance(node, rdflib.URIRef):
        return pyoxigraph.NamedNode(str(node))
    return node


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


@dataclass(frozen=True)
class _Finding:
    """One sh:ValidationResult, whichever engine wrote it."""

    focus: object | None  # an Oxigraph node (the checkers' store is asked about it), or a literal
    path: str | None  # an IRI, or None for other paths
    value: object | None
    severity: str | None
    messages: list[str]
    component: str | None
    shape: rdflib.term.Node | None  # a node of the shapes graph


def check(store: pyoxigraph.Store, shapes: rdflib.Graph, engine: str = "turbo") -> list[Result]:
    findings = _turbo_findings(store, shapes) if engine == "turbo" else None
    if findings is None:
        findings = _graph_findings(validate_graph(store, shapes, engine))
    named: dict[object, tuple[str | None, str | None]] = {}  # focus -> (text, label) of its owner
    results = []
    for f in findings:
        if f.focus not in named:
            held_by = owner(store, f.focus) if f.focus is not None else None
            named[f.focus] = (text(held_by), label(store, held_by)) if held_by is not None else (None, None)
        focus, focus_label = named[f.focus]
        results.append(
            Result(
                checker="shacl",
                severity=SEVERITY.get(rdflib.URIRef(f.severity or ""), Severity.ERROR),
                message=sorted(f.messages)[0] if f.messages else _component(f.component),
                focus=focus,
                label=focus_label,
                path=f.path,
                value=text(f.value),
                rule=_shape_name(shapes, f.shape),
            )
        )
    return results


def _graph_findings(report: rdflib.Graph) -> list[_Finding]:
    findings = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        component = report.value(node, SH.sourceConstraintComponent)
        findings.append(
            _Finding(
                focus=_oxigraph_term(focus) if focus is not None else None,
                path=str(path) if isinstance(path, rdflib.URIRef) else None,
                value=report.value(node, SH.value),
                severity=str(report.value(node, SH.resultSeverity) or "") or None,
                messages=[str(m) for m in report.objects(node, SH.resultMessage)],
                component=str(component) if component is not None else None,
                shape=report.value(node, SH.sourceShape),
            )
        )
    return findings


_NAMES = "focusNode resultPath value resultSeverity resultMessage sourceConstraintComponent sourceShape"
_WANTED = {str(SH[name]) for name in _NAMES.split()}


def _turbo_findings(store: pyoxigraph.Store, shapes: rdflib.Graph) -> list[_Finding] | None:
    """pyshacl-turbo's findings read from its native report (N-Triples) with Oxigraph's parser.

    Its public `validate` turns that report into an rdflib graph in Python, which costs more than the
    validation itself once a graph has thousands of findings. This uses the same calls as its
    `CompiledShapes.validate` (pyshacl-turbo 0.6); None, to fall back on the public API, if they
    are not there."""
    import pyoxigraph
    import pyshacl_turbo

    try:
        from pyshacl_turbo.rdf import input_graph

        program = pyshacl_turbo.compile_shapes(shapes, advanced=True)
        data = input_graph(store, direct=True)
        native = program._native.validate
        blank_nodes = program._blank_nodes
    except (AttributeError, ImportError):
        return None
    try:
        # data, format, base, iterate rules, max rule iterations, max depth, inplace, allow infos,
        # allow warnings, abort on first, focus nodes, shapes to use, namespaces
        _, report, *_ = native(data.source, data.format, data.base, False, 100, 15, False, False, True,
                               False, [], [], [])  # fmt: skip
    except TypeError:
        return None
    except pyshacl_turbo.ValidationFailure as failure:
        raise RuntimeError(f"SHACL engine turbo failed: {failure}") from None
    if not isinstance(report, str):
        return None
    results: dict[object, dict[str, list[object]]] = {}
    props: dict[object, dict[str, list[object]]] = {}
    result_type = str(SH.ValidationResult)
    for t in pyoxigraph.parse(report, format=pyoxigraph.RdfFormat.N_TRIPLES, rename_blank_nodes=False):
        p = t.predicate.value
        if p in _WANTED:
            props.setdefault(t.subject, {}).setdefault(p, []).append(t.object)
        elif p == str(RDF.type) and t.object.value == result_type:
            results[t.subject] = props.setdefault(t.subject, {})

    def first(values: dict[str, list[object]], name: str) -> object | None:
        found = values.get(str(SH[name]))
        return found[0] if found else None

    def shape(node: object | None) -> rdflib.term.Node | None:
        if isinstance(node, pyoxigraph.BlankNode):
            return blank_nodes.get(node.value) or rdflib.BNode(node.value)
        return rdflib.URIRef(node.value) if isinstance(node, pyoxigraph.NamedNode) else None

    findings = []
    for values in results.values():
        focus, path = first(values, "focusNode"), first(values, "resultPath")
        severity, component = first(values, "resultSeverity"), first(values, "sourceConstraintComponent")
        findings.append(
            _Finding(
                focus=focus,
                path=path.value if isinstance(path, pyoxigraph.NamedNode) else None,
                value=first(values, "value"),
                severity=severity.value if severity is not None else None,  # type: ignore[attr-defined]
                messages=[m.value for m in values.get(str(SH.resultMessage), [])],  # type: ignore[attr-defined]
                component=component.value if component is not None else None,  # type: ignore[attr-defined]
                shape=shape(first(values, "sourceShape")),
            )
        )
    return findings


def _component(component: str | None) -> str:
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
