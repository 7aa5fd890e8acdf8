"""SPARQL 1.1 Update requests sent to a user's store: never to the embedded one, which is rebuilt from
the sources, and never retried, since re-sending a half-applied update could apply it twice."""

from __future__ import annotations

from .core.errors import InputError
from .sparql_text import is_update, mentions


def check_syntax(text: str, name: str) -> None:
    """Refuse a malformed update here, with its line and column, rather than as an HTTP 400 from the store.

    pyoxigraph has no parser for updates alone, so the update runs on an empty scratch store in memory;
    a request with LOAD is left to the store, since running it here would fetch the document."""
    import pyoxigraph

    if mentions("LOAD", text):
        return
    try:
        pyoxigraph.Store().update(text)
    except SyntaxError as exc:
        raise InputError(f"{name}: SPARQL Update syntax {str(exc).splitlines()[0]}") from None


def run_update(
    text: str, name: str, url: str | None, *, graph: str | None, params: list[str] | None, timeout: float
) -> str:
    """Send the update to `url` and say what was done, in one line."""
    if url is None:
        raise InputError(
            f"{name} is a SPARQL Update: give --update-endpoint URL "
            "(the embedded store is built from the sources and never written)",
        )
    if not is_update(text):
        raise InputError(f"{name}: --update-endpoint takes a SPARQL Update (INSERT, DELETE, …)")
    if graph is not None:
        raise InputError(
            "--graph is for queries; name the graph in the update itself (GRAPH <…> or WITH <…>)",
        )
    if params:
        raise InputError("--param is for queries; an update is sent as written")
    check_syntax(text, name)
    from .remote import Endpoint

    Endpoint(url, timeout=timeout, retries=1).update(text)
    return f"update {name} applied at {url}"
