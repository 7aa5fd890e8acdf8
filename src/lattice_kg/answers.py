"""Answering a competency question: bind its parameters, run it, show the answer with labels."""

from __future__ import annotations

import json

from .errors import LatticeError
from .output import Format, render
from .questions import Question
from .sparql import ID, Engine, Results, Value

SHORT = {
    "https://w3id.org/lattice/ontology#": "lat:",
    "https://w3id.org/lattice/id/source/zhao-2024/fn/": "fn:",
    "https://w3id.org/lattice/id/source/zhao-2024/section/": "sec:",
}


def bind(engine: Engine, question: Question, given: dict[str, str]) -> dict[str, Value]:
    """Resolve given values (else defaults) to RDF terms for the question's parameter variables."""
    declared = {p.name: p for p in question.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        takes = ", ".join(f"--{p}" for p in declared) or "no parameter"
        raise LatticeError(f"{question.id} has no parameter '{unknown[0]}' (it takes {takes})", 2)
    bindings = {}
    for name, param in declared.items():
        text = given.get(name, question.defaults.get(name))
        if text is None:
            if param.optional:
                continue
            raise LatticeError(f"{question.id} needs --{name}", 2)
        bindings[param.variable] = engine.resolve(name, param.kind, text)
    return bindings


def answer(
    engine: Engine, question: Question, given: dict[str, str], limit: int | None = None
) -> tuple[Results, dict[str, Value]]:
    bindings = bind(engine, question, given)
    results = engine.select(question.query, bindings)
    if limit is not None:
        results.rows = results.rows[:limit]
    return results, bindings


def show_value(v: Value | None, labels: dict[str, str]) -> str:
    if v is None:
        return ""
    if v.type == "uri":
        return labels.get(v.value) or compact(v.value)
    return v.value


def compact(iri: str) -> str:
    for ns, prefix in SHORT.items():
        if iri.startswith(ns):
            return prefix + iri[len(ns) :]
    return iri[len(ID) :] if iri.startswith(ID) else iri


def uris(results: Results) -> set[str]:
    return {v.value for row in results.rows for v in row.values() if v.type == "uri"}


def render_results(engine: Engine, results: Results, fmt: Format, lang: str) -> str:
    labels = engine.labels(uris(results), lang)
    if fmt is Format.json:
        return sparql_json(results, labels, lang)
    rows = [[show_value(row.get(v), labels) for v in results.variables] for row in results.rows]
    return render(results.variables, rows, fmt)


def sparql_json(results: Results, labels: dict[str, str], lang: str) -> str:
    """SPARQL 1.1 JSON results; each IRI column gets a `<name>_label` column in the chosen language."""
    labelled = [v for v in results.variables if any(r.get(v) and r[v].type == "uri" for r in results.rows)]
    variables = results.variables + [f"{v}_label" for v in labelled]
    bindings = []
    for row in results.rows:
        out = {k: v.json() for k, v in row.items()}
        for v in labelled:
            term = row.get(v)
            if term is not None and term.type == "uri" and term.value in labels:
                out[f"{v}_label"] = {"type": "literal", "value": labels[term.value], "xml:lang": lang}
        bindings.append(out)
    return json.dumps(
        {"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2
    )
