"""Parameters written in place of their variables: valid SPARQL, the same rows, no way to inject."""

from __future__ import annotations

import re

import pyoxigraph
import pytest

from lattice_kg.answers import bind
from lattice_kg.core.errors import LatticeError
from lattice_kg.questions import load_all
from lattice_kg.sparql import Engine, Value, term, with_terms
from lattice_kg.sparql_text import write_terms

from .conftest import ROOT

QUESTIONS, _ = load_all(ROOT / "queries")
JAPAN = "<https://w3id.org/lattice/id/actor/japan>"


@pytest.fixture(scope="module")
def ox() -> Engine:
    return Engine.open("oxigraph")


def values_block(query: str, bindings: dict[str, Value]) -> str:
    """The earlier binding, kept here as the oracle: a VALUES block at the start of every WHERE group."""
    block = " ".join(f"VALUES ?{name} {{ {term(v)} }}" for name, v in sorted(bindings.items()))
    return re.sub(r"\bWHERE\s*\{", lambda m: m.group(0) + " " + block + " ", query, flags=re.I)


def rows(engine: Engine, query: str) -> list[tuple[tuple[str, str], ...]]:
    return sorted(tuple(sorted((k, repr(v)) for k, v in r.items())) for r in engine.select(query).rows)


# Each question with its defaults, and with the parameters its optional ones can take.
CASES = [(q.id, {}) for q in QUESTIONS] + [
    ("cq03", {"type": "互惠准入协定"}),
    ("cq04", {"actor": "japan", "from": "2022", "to": "2023-06"}),
    ("cq12", {"mechanism": "IPEF"}),
    ("cq01", {"actor": "日本"}),
]


@pytest.mark.parametrize(("ident", "given"), CASES, ids=[f"{i}-{len(g)}" for i, g in CASES])
def test_every_question_gives_the_same_rows_as_with_a_values_block(
    ox: Engine, ident: str, given: dict[str, str]
) -> None:
    question = next(q for q in QUESTIONS if q.id == ident)
    bindings = bind(ox, question, given)
    in_place = with_terms(question.query, bindings)
    for name in bindings:
        assert f"?{name}" not in in_place  # the constant stands where the variable stood
    assert "VALUES ?_" not in in_place
    assert rows(ox, in_place) == rows(ox, values_block(question.query, bindings))


def test_bound_projection_and_modifiers_stay_valid_sparql() -> None:
    query = (
        "SELECT ?_a_iri (COUNT(?x) AS ?n) WHERE { ?x ?p ?_a_iri . FILTER (!BOUND(?__b_iri) || ?x != ?__b_iri)"
        " FILTER (BOUND( ?__c_iri )) } GROUP BY ?_a_iri ORDER BY ?_a_iri DESC(?n)"
    )
    written = write_terms(query, {"_a_iri": JAPAN, "__c_iri": "<urn:c>"})
    assert written == (
        f"SELECT ({JAPAN} AS ?_a_iri) (COUNT(?x) AS ?n) WHERE {{ ?x ?p {JAPAN} . "
        "FILTER (!BOUND(?__b_iri) || ?x != ?__b_iri) FILTER (true  ) } "
        f"GROUP BY ({JAPAN}) ORDER BY ({JAPAN}) DESC(?n)"
    )
    pyoxigraph.Store().query(written)  # parses


def test_names_inside_strings_iris_comments_and_prefixed_names_are_left_alone() -> None:
    query = (
        "PREFIX ex: <urn:ex:?_a_iri>\nSELECT ?x WHERE { # ?_a_iri here is a comment\n"
        '  ?x ex:AS "?_a_iri" , ex:BOUND , ?_a_iri }'
    )
    written = write_terms(query, {"_a_iri": JAPAN})
    assert written == query.replace("ex:BOUND , ?_a_iri", f"ex:BOUND , {JAPAN}")


@pytest.mark.parametrize(
    "query",
    ["SELECT ?x WHERE { BIND (1 AS ?_a_iri) }", "SELECT ?x WHERE { VALUES (?x ?_a_iri) { (1 2) } }"],
)
def test_a_query_that_assigns_a_parameter_is_refused(query: str) -> None:
    with pytest.raises(LatticeError, match=r"^\?_a_iri is a parameter: the query cannot assign it$"):
        with_terms(query, {"_a_iri": Value("uri", "urn:a")})


@pytest.mark.parametrize(
    "value", ['a" } ; DROP ALL ; { "', 'x"@en } UNION { ?s ?p ?o', "line\n} UNION { ?s ?p ?o }", "\\", "'"]
)
def test_a_literal_cannot_change_the_query(ox: Engine, value: str) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?_v_string }"
    written = with_terms(query, {"_v_string": Value("literal", value)})
    assert ox.select(written).rows == []  # matched as one literal, not run as a pattern over everything
    echoed = with_terms("SELECT ?x WHERE { BIND (?_v_string AS ?x) }", {"_v_string": Value("literal", value)})
    assert [r["x"].value for r in ox.select(echoed).rows] == [value]


def test_an_iri_that_would_close_itself_is_refused() -> None:
    with pytest.raises(LatticeError, match="not a usable IRI"):
        with_terms("SELECT ?x WHERE { ?x ?p ?_a_iri }", {"_a_iri": Value("uri", "urn:x> } ; DROP ALL ; {<y")})
