"""Publishing the graph to a user's SPARQL store: one Graph Store Protocol PUT (an atomic replace), or
SPARQL Update in batches where the store has no Graph Store Protocol, then a count to verify it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .core.errors import InputError, RemoteError

if TYPE_CHECKING:
    import pyoxigraph

    from .remote import Endpoint

# what a store answers a PUT with when it has no Graph Store Protocol there
NO_GRAPH_STORE = (404, 405, 415, 501)
# Graph Store URL suffix -> query URL suffix, for the servers docs/stores.md describes
_QUERY_OF_STORE = (
    ("/store", "/query"),
    ("/data", "/sparql"),
    ("/sparql-graph-crud-auth", "/sparql"),
    ("/sparql-graph-crud", "/sparql"),
)


@dataclass(frozen=True)
class Target:
    """Where the graph goes: the store's URLs, the named graph (None: the default graph) and the limits."""

    endpoint: str
    graph: str | None = None
    query_endpoint: str | None = None
    update_endpoint: str | None = None
    use_update: bool = False
    batch: int = 5000
    timeout: float = 120.0

    @property
    def where(self) -> str:
        return f"graph <{self.graph}>" if self.graph else "the default graph"


def query_url_of(store_url: str) -> str:
    """The query URL beside a Graph Store URL (…/store -> …/query, …/data -> …/sparql)."""
    for suffix, query in _QUERY_OF_STORE:
        if store_url.rstrip("/").endswith(suffix):
            return store_url.rstrip("/")[: -len(suffix)] + query
    raise InputError(f"--endpoint {store_url}: give --query-endpoint too (the URL to count the triples)")


def load(target: Target, say: Callable[[str], None], store: pyoxigraph.Store | None = None) -> int:
    """Replace the target graph with the store's default graph and return the triples counted there.

    The store is the project's embedded one unless given. Progress goes to `say`; a count other than
    the store's is an InputError."""
    import pyoxigraph as ox

    from .remote import Endpoint

    query_url = target.query_endpoint or query_url_of(target.endpoint)
    if store is None:
        from .store import open_store

        store = open_store().store
    expected = len(store)
    gsp_refused = None
    if not target.use_update:
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        size = f"{len(body) / 1e6:.1f} MB"
        say(f"loading {expected} triples ({size}) into {target.where} at {target.endpoint} …")
        try:
            Endpoint(target.endpoint, graph=target.graph, timeout=target.timeout).put_graph(body)
        except RemoteError as exc:
            # no Graph Store Protocol here: fall back to SPARQL Update when we know where to send it
            if exc.status not in NO_GRAPH_STORE or not target.update_endpoint:
                raise
            gsp_refused = str(exc)
    if target.use_update or gsp_refused:
        if gsp_refused:
            say(f"the store refused the Graph Store Protocol ({gsp_refused}); using SPARQL Update")
        if not target.update_endpoint:
            raise InputError("--update needs --update-endpoint")
        update = Endpoint(target.update_endpoint, timeout=target.timeout)
        load_by_update(store, update, target.graph, target.batch, say)
    found = count(Endpoint(query_url, timeout=target.timeout), target.graph)
    if found != expected:
        raise InputError(
            f"load {target.endpoint}: the store holds {found} triples in {target.where}, expected {expected}",
        )
    return found


def count(endpoint: Endpoint, graph: str | None) -> int:
    """The triples in the graph (named, or the default one) as the endpoint counts them."""
    query = (
        "SELECT (COUNT(*) AS ?n) WHERE { "
        + (f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o")
        + " }"
    )
    doc = endpoint.select_json(query)
    return int(doc["results"]["bindings"][0]["n"]["value"])


def load_by_update(
    store: pyoxigraph.Store, update: Endpoint, graph: str | None, size: int, say: Callable[[str], None]
) -> None:
    """Insert in batches into a fresh staging graph, then MOVE it onto the target in one request.

    An interruption leaves only the staging graph half filled; the target keeps its previous content.
    """
    from .core.project import project
    from .remote import batches

    triples = [(str(q.subject), str(q.predicate), str(q.object)) for q in store]
    staging = f"{project().base}/graph/staging-{int(time.time() * 1000)}"
    chunks = batches(triples, size)
    update.update(f"DROP SILENT GRAPH <{staging}>")
    for number, chunk in enumerate(chunks, 1):
        lines = "\n".join(f"{s} {p} {o} ." for s, p, o in chunk)
        # INSERT … WHERE {} rather than INSERT DATA: the same triples (a template's blank nodes are fresh,
        # one per label, as in INSERT DATA), and Virtuoso refuses blank nodes in INSERT DATA
        update.update(f"INSERT {{ GRAPH <{staging}> {{\n{lines}\n}} }} WHERE {{}}")
        say(f"  batch {number}/{len(chunks)}: {len(chunk)} triples")
    target = f"GRAPH <{graph}>" if graph else "DEFAULT"
    update.update(f"MOVE SILENT GRAPH <{staging}> TO {target}")
