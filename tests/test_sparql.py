"""Values bound into questions: resolved from slugs, IRIs and labels, never injected; labels joined."""

from __future__ import annotations

import pytest

from lattice_kg.sparql import Engine, Value, term, with_terms

from .answering import ID, run

# ---------------------------------------------------------------- injection


INJECTIONS = ['"} ; DROP ALL ; {"', "japan> } ; DROP ALL ; {<x", "japan\n} UNION { ?s ?p ?o", "日本'\"", ">"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_attempts_are_matched_literally_and_rejected(ox: Engine, value: str) -> None:
    with pytest.raises(Exception) as raised:
        run(ox, "cq01", actor=value)
    assert f"unknown actor {value!r}" in str(raised.value)


@pytest.mark.parametrize("value", ['2023" } ; DROP ALL ; { "', "2023\n", "2023-01-01T00"])
def test_dates_must_be_dates(ox: Engine, value: str) -> None:
    with pytest.raises(Exception, match="expected YYYY, YYYY-MM or YYYY-MM-DD"):
        run(ox, "cq04", **{"from": value})


def test_bound_literals_are_escaped_and_iris_checked(ox: Engine) -> None:
    tricky = Value("literal", 'a" } ; DROP ALL ; { "\\\nb')
    query = with_terms("SELECT ?x WHERE { BIND (?_v_string AS ?x) }", {"_v_string": tricky})
    rows = ox.select(query).rows
    assert [r["x"].value for r in rows] == [tricky.value]  # the value comes back unchanged, as one literal
    with pytest.raises(Exception, match="not a usable IRI"):
        term(Value("uri", "https://w3id.org/lattice/id/actor/x> } ; DROP ALL ; {<y"))


def test_a_slug_or_iri_is_looked_up_directly_without_scanning_labels(
    ox: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_scan(param: str) -> None:
        raise AssertionError(f"scanned every {param}'s labels")

    monkeypatch.setattr(ox, "_candidates", no_scan)
    for given in ("japan", "Japan", "actor/japan", ID + "actor/japan"):
        assert ox.resolve("actor", "iri", given) == Value("uri", ID + "actor/japan"), given
    assert ox.resolve("mechanism", "iri", "quad") == Value("uri", ID + "mechanism/quad")
    with pytest.raises(AssertionError, match="scanned every actor"):
        ox.resolve("actor", "iri", "日本")  # a label: only the scan knows it
    with pytest.raises(AssertionError, match="scanned every mechanism"):
        ox.resolve("mechanism", "iri", "japan")  # actor/japan is no mechanism


def test_a_large_answer_gets_the_same_labels_from_one_join(
    ox: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lattice_kg import sparql

    iris = {
        v.value for q in ("cq07", "cq12") for row in run(ox, q).rows for v in row.values() if v.type == "uri"
    }
    looked_up = ox.labels(iris, "zh")
    monkeypatch.setattr(sparql, "LABEL_JOIN_FROM", 1)  # every answer counts as large: the join
    assert ox.labels(iris, "zh") == looked_up and looked_up[ID + "actor/japan"] == "日本"
