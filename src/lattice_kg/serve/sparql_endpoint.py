"""The SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/), read-only and bounded.

`read_request` turns an HTTP request into a query (or a refusal); `formats` picks the result formats
from `format=` or Accept; the query itself runs in a worker process (`worker.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import pyoxigraph as ox

from ..publish.formats import GRAPH_FORMATS, GRAPH_TYPES, SOLUTION_FORMATS, SOLUTION_TYPES, bare
from ..sparql_text import is_update, uses_service
from .negotiation import choose


def _offered(
    formats: Mapping[str, Any], aliases: tuple[str, ...], parse: Callable[[str], Any]
) -> dict[str, str]:
    """Media type a client may ask for -> result format name: each format's own type, then other names
    pyoxigraph reads as that format and clients send (`application/json`); the first of a kind is the
    default."""
    names = {fmt: name for name, fmt in formats.items()}
    offered = {bare(fmt.media_type): name for name, fmt in formats.items()}
    return offered | {alias: names[parse(alias)] for alias in aliases}


SOLUTION_MEDIA = _offered(
    SOLUTION_FORMATS, ("application/json", "application/xml"), ox.QueryResultsFormat.from_media_type
)
GRAPH_MEDIA = _offered(
    GRAPH_FORMATS, ("application/x-turtle", "application/json", "text/plain"), ox.RdfFormat.from_media_type
)
FORMAT_PARAMETER = {
    "json": ("json", None),
    "xml": ("xml", None),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "ntriples": (None, "ntriples"),
    "nt": (None, "ntriples"),
}
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"


class Refusal(Exception):
    """A request the endpoint will not run: its HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class QueryRequest:
    query: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None  # the `format=` parameter, if any


def read_request(
    method: str, query_string: str, content_type: str | None, body: bytes
) -> QueryRequest | None:
    """The query a protocol request carries, None for a GET without one, or Refusal (400, 403, 415)."""
    params = parse_qs(query_string, keep_blank_values=True)
    media = (content_type or "").split(";")[0].strip().lower()
    if method == "POST":
        if media == "application/sparql-update":
            raise Refusal(403, READ_ONLY)
        if media == "application/x-www-form-urlencoded":
            form = parse_qs(_decode(body), keep_blank_values=True)
            if "update" in form or "update" in params:
                raise Refusal(403, READ_ONLY)
            if "query" in params:
                raise Refusal(400, "give the query in the form body or the URL, not both")
            params = {**params, **form}
        elif media == "application/sparql-query":
            if "query" in params:
                raise Refusal(400, "a query in the body and another in the URL")
            params = {**params, "query": [_decode(body)]}
        else:
            raise Refusal(
                415,
                "POST a query as application/x-www-form-urlencoded (query=…) or application/sparql-query",
            )
    if "update" in params:
        raise Refusal(403, READ_ONLY)
    queries = params.get("query", [])
    if not queries:
        return None
    if len(queries) > 1:
        raise Refusal(400, "more than one query parameter")
    text = queries[0]
    if is_update(text):
        raise Refusal(403, READ_ONLY)
    if uses_service(text):
        raise Refusal(403, "federated queries (SERVICE) are disabled on this endpoint")
    fmt = params.get("format", [None])[-1]
    if fmt is not None and fmt.lower() not in FORMAT_PARAMETER:
        raise Refusal(400, f"format={fmt}: choose one of {', '.join(FORMAT_PARAMETER)}")
    return QueryRequest(
        text,
        tuple(params.get("default-graph-uri", [])),
        tuple(params.get("named-graph-uri", [])),
        fmt.lower() if fmt else None,
    )


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, "the request body is not UTF-8") from None


def formats(request: QueryRequest, accept: str | None) -> tuple[str | None, str | None]:
    """The result format for solutions (SELECT, ASK) and for graphs (CONSTRUCT, DESCRIBE).

    `format=` wins over Accept and fixes the kind. A kind the client does not accept is None; when
    neither kind is acceptable the request is refused with 406 before the query runs.
    """
    if request.format is not None:
        return FORMAT_PARAMETER[request.format]
    solution_media = choose(accept, list(SOLUTION_MEDIA))
    graph_media = choose(accept, list(GRAPH_MEDIA))
    if solution_media is None and graph_media is None:
        offered = ", ".join([*SOLUTION_TYPES.values(), *GRAPH_TYPES.values()])
        raise Refusal(406, f"no acceptable result format; this endpoint offers {offered}")
    return (
        SOLUTION_MEDIA[solution_media] if solution_media else None,
        GRAPH_MEDIA[graph_media] if graph_media else None,
    )
