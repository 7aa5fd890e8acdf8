"""SPARQL 1.1 Update requests sent to a user's store: never to the embedded one, which is rebuilt from
the sources, and never retried, since re-sending a half-applied update could apply it twice."""

from __future__ import annotations

import re

from .errors import LatticeError

_COMMENT = re.compile(r"(?m)#[^\n<>\"']*$")
_PROLOGUE = re.compile(r"\A\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", re.IGNORECASE)
_UPDATE_OPERATION = re.compile(
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE
)


def is_update(text: str) -> bool:
    """Whether the request's first operation, after comments and the prologue, is an update."""
    body = _COMMENT.sub("", text)
    start = _PROLOGUE.match(body)
    return bool(_UPDATE_OPERATION.match(body, start.end() if start else 0))


def check_syntax(text: str, name: str) -> None:
    """Refuse a malformed update here, with its line and column, rather than as an HTTP 400 from the store.

    pyoxigraph has no parser for updates alone, so the update runs on an empty scratch store in memory;
    a request with LOAD is left to the store, since running it here would fetch the document."""
    import pyoxigraph

    if re.search(r"\bLOAD\b", _COMMENT.sub("", text), re.IGNORECASE):
        return
    try:
        pyoxigraph.Store().update(text)
    except SyntaxError as exc:
        raise LatticeError(f"{name}: SPARQL Update syntax {str(exc).splitlines()[0]}", 2) from None


def run_update(
    text: str, name: str, url: str | None, *, graph: str | None, params: list[str] | None, timeout: float
) -> str:
    """Send the update to `url` and say what was done, in one line."""
    if url is None:
        raise LatticeError(
            f"{name} is a SPARQL Update: give --update-endpoint URL "
            "(the embedded store is built from the sources and never written)",
            2,
        )
    if not is_update(text):
        raise LatticeError(f"{name}: --update-endpoint takes a SPARQL Update (INSERT, DELETE, …)", 2)
    if graph is not None:
        raise LatticeError(
            "--graph is for queries; name the graph in the update itself (GRAPH <…> or WITH <…>)", 2
        )
    if params:
        raise LatticeError("--param is for queries; an update is sent as written", 2)
    check_syntax(text, name)
    from .remote import Endpoint

    Endpoint(url, timeout=timeout, retries=1).update(text)
    return f"update {name} applied at {url}"
