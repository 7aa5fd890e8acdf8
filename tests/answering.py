"""The twenty competency questions asked of the embedded stores, shared by the tests of their answers."""

from __future__ import annotations

import pytest

from lattice_kg.answers import answer
from lattice_kg.questions import load_all
from lattice_kg.sparql import Engine, Results

from .conftest import ROOT

ID = "https://w3id.org/lattice/id/"
AUTHOR = ID + "person/zhao-minghao"
QUESTIONS, ERRORS = load_all(ROOT / "queries")


@pytest.fixture(scope="module")
def ox() -> Engine:
    return Engine.open("oxigraph")


@pytest.fixture(scope="module")
def rd() -> Engine:
    return Engine.open("rdflib")


def run(engine: Engine, ident: str, **given: str) -> Results:
    question = next(q for q in QUESTIONS if q.id == ident)
    return answer(engine, question, given)[0]


def column(results: Results, name: str) -> list[str]:
    return [row[name].value for row in results.rows if name in row]


def ids(values: list[str]) -> set[str]:
    return {v[len(ID) :] for v in values}
