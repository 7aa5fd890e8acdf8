"""SPARQL Update requests: refused here when malformed or misdirected, before anything reaches a store."""

from __future__ import annotations

import pytest

from lattice_kg.core.errors import InputError
from lattice_kg.updates import check_syntax, run_update

INSERT = "PREFIX ex: <https://example.org/>\nINSERT DATA { ex:a ex:b ex:c }\n"
# nothing listens on port 9 of 127.0.0.1: a request that got past the checks would fail differently
DEAD = "http://127.0.0.1:9/update"


def refused(text: str, url: str | None, graph: str | None = None, params: list[str] | None = None) -> str:
    with pytest.raises(InputError) as raised:
        run_update(text, "add.ru", url, graph=graph, params=params, timeout=1.0)
    return str(raised.value)


def test_a_well_formed_update_passes() -> None:
    check_syntax(INSERT, "add.ru")
    check_syntax("CLEAR DEFAULT", "clear.ru")


def test_a_malformed_update_is_one_line_with_its_position() -> None:
    with pytest.raises(InputError) as raised:
        check_syntax("PREFIX ex: <https://example.org/>\nINSERT DATA { ex:a ex:b }\n", "add.ru")
    message = str(raised.value)
    assert message.startswith("add.ru: SPARQL Update syntax error at 2:")
    assert "\n" not in message


def test_an_update_with_load_is_left_to_the_store() -> None:
    check_syntax("LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <urn:g>", "load.ru")  # not fetched here
    check_syntax("load <http://127.0.0.1:9/data.ttl> INTO", "load.ru")  # nor parsed


def test_load_inside_a_string_or_iri_is_no_load() -> None:
    with pytest.raises(InputError, match="SPARQL Update syntax"):
        check_syntax('INSERT DATA { <urn:LOAD> <urn:p> "LOAD" ', "add.ru")


def test_without_an_endpoint_the_embedded_store_is_never_written() -> None:
    assert refused(INSERT, None) == (
        "add.ru is a SPARQL Update: give --update-endpoint URL "
        "(the embedded store is built from the sources and never written)"
    )


def test_a_query_is_no_update() -> None:
    assert refused("SELECT * WHERE { ?s ?p ?o }", DEAD) == (
        "add.ru: --update-endpoint takes a SPARQL Update (INSERT, DELETE, …)"
    )


def test_graph_and_param_are_for_queries() -> None:
    assert refused(INSERT, DEAD, graph="urn:g") == (
        "--graph is for queries; name the graph in the update itself (GRAPH <…> or WITH <…>)"
    )
    assert refused(INSERT, DEAD, params=["actor=japan"]) == (
        "--param is for queries; an update is sent as written"
    )
