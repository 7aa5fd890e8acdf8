"""SHACL checker: pyshacl-turbo by default (fast), pySHACL as the reference implementation."""

from __future__ import annotations

import rdflib
from rdflib.namespace import RDF

from .nodes import label, owner, text
from .report import Result, Severity

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SEVERITY = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARN, SH.Info: Severity.INFO}
ENGINES = ("turbo", "pyshacl")


def validate_graph(
    data: rdflib.Graph, ontology: rdflib.Graph, shapes: rdflib.Graph, engine: str = "turbo"
) -> rdflib.Graph:
    """Run the engine and return its sh:ValidationReport graph."""
    if engine == "turbo":
        import pyshacl_turbo as engine_module
    elif engine == "pyshacl":
        import pyshacl as engine_module
    else:  # pragma: no cover - the CLI restricts the choice
        raise ValueError(engine)
    _, report, _ = engine_module.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if not isinstance(report, rdflib.Graph):
        raise RuntimeError(f"SHACL engine {engine} failed: {report}")
    return report


def check(
    data: rdflib.Graph, ontology: rdflib.Graph, shapes: rdflib.Graph, engine: str = "turbo"
) -> list[Result]:
    report = validate_graph(data, ontology, shapes, engine)
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        held_by = owner(data, focus) if focus is not None else None
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        path = report.value(node, SH.resultPath)
        results.append(
            Result(
                checker="shacl",
                severity=SEVERITY.get(report.value(node, SH.resultSeverity), Severity.ERROR),
                message=messages[0]
                if messages
                else _component(report.value(node, SH.sourceConstraintComponent)),
                focus=text(held_by),
                label=label(data, held_by) if held_by is not None else None,
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
