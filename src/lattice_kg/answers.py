"""Answering a competency question: bind its parameters, run it, show the answer with labels."""

from __future__ import annotations

import json

from .errors import LatticeError
from .output import Format, render
from .questions import Question
from .sparql import ID, Engine, Results, Value, term

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


def with_defaults(engine: Engine, question: Question) -> str | None:
    """The question's SPARQL with its default parameters bound (for pages that offer it ready to run),
    or None when a parameter has no usable default."""
    from .sparql import with_terms

    try:
        return with_terms(question.query, bind(engine, question, {}))
    except LatticeError:
        return None


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


# From this many IRIs on, labels come from one join of the IRIs with every label of the graph rather
# than a lookup per IRI: on the store each lookup is a random read, and a large answer (thousands of
# IRIs) spends more on those than on one pass over the labels. Smaller answers keep the lookups, so
# a question about one thing costs the same on any size of graph.
LABEL_JOIN_FROM = 1000
_LABEL_PROPERTIES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
)


def find_labels(engine: Engine, iris: set[str], lang: str) -> dict[str, str]:
    """Preferred label of each IRI in the language, else in English, else none (as Engine.labels)."""
    if len(iris) < LABEL_JOIN_FROM:
        return engine.labels(iris, lang)
    values = []
    for iri in sorted(iris):
        try:
            values.append(term(Value("uri", iri)))
        except LatticeError:  # not expressible in SPARQL: shown as its IRI, as Engine.labels does
            continue
    # the labels in a subquery, so the engine matches them once and joins, instead of per IRI
    union = " UNION ".join(f"{{ ?x <{p}> ?label }}" for p in _LABEL_PROPERTIES)
    query = (
        "SELECT ?x ?label WHERE { VALUES ?x { " + " ".join(values) + " } "
        "{ SELECT ?x ?label WHERE { " + union + " } } }"
    )
    found: dict[str, dict[str, str]] = {}
    for row in engine.select(query).rows:
        label = row["label"]
        found.setdefault(row["x"].value, {}).setdefault(label.lang or "", label.value)
    return {iri: by_lang.get(lang) or by_lang.get("en") or next(iter(by_lang.values()))
            for iri, by_lang in found.items()}  # fmt: skip


def render_results(engine: Engine, results: Results, fmt: Format, lang: str) -> str:
    labels = find_labels(engine, uris(results), lang)
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


def document(engine: Engine, questions: list[Question]) -> str:
    """docs/competency-questions.md: every question with its answer on the current data."""
    from .output import Format

    out = [
        "# Competency questions and their answers",
        "",
        "Generated by `lattice cq docs` from `queries/*.rq` on the current graph (default parameters,",
        "English labels); `tests/test_cq.py` fails when this file is stale. Run a question yourself with",
        "`lattice cq run ID`, with other parameters (`--actor 日本`, `--mechanism IPEF`) or `--lang zh`.",
        "",
    ]
    for q in questions:
        results, _ = answer(engine, q, {})
        params = ", ".join(
            f"`{p.name}`" + (f" (default `{q.defaults[p.name]}`)" if p.name in q.defaults else " (optional)")
            for p in q.params
        )
        out += [f"## {q.id}: {q.summary}", "", q.question_zh, ""]
        if q.expected:
            out += [f"From reading the article: {q.expected}", ""]
        out += [f"Parameters: {params}" if params else "Parameters: none", ""]
        out += [f"`queries/{q.path.name}` — {len(results.rows)} rows.", ""]
        out += [render_results(engine, results, Format.md, "en"), ""]
    return "\n".join(out)
