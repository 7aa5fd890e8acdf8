"""Query execution in worker processes, so that a query past its time limit can really be stopped.

pyoxigraph cannot interrupt a running query from another thread, and an abandoned thread keeps
burning a core until the query ends by itself. So every query runs in a separate process that has
the store open read-only (reopening takes ~20 ms, but the workers are started once and kept warm);
when the time is up the parent kills that process and starts a replacement in the background.

Only the standard library is imported at module level: the `spawn` start method imports this module
in each worker, and pyoxigraph (and the media types, which come from it) is loaded there inside `_serve`.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from ..core import vocab
from ..core.project import project

# the prefixes a CONSTRUCT or DESCRIBE answer in Turtle declares
PREFIX_NAMES = ("lat", "rdf", "rdfs", "owl", "skos", "xsd", "prov", "dcterms")


@dataclass(frozen=True)
class Job:
    """A query and the formats the client accepts for each kind of result (None: none of that kind)."""

    query: str
    solutions_format: str | None = "json"
    graph_format: str | None = "turtle"
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_url: str = ""  # where the site's documents are, for DESCRIBE's links ("": the IRI base)


@dataclass(frozen=True)
class Outcome:
    """What a worker answers: an HTTP status, a body and its type, and whether rows were cut off."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


class QueryTimeout(Exception):
    """The query ran past the time limit; its worker was killed."""


class PoolBusy(Exception):
    """Every worker stayed busy for the whole wait."""


def _serve(conn: Connection, store_path: str, max_rows: int) -> None:
    """A worker's loop: open the store read-only, then answer jobs until told to stop (None) or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the server went away
        if job is None:
            return
        try:
            outcome = execute(store, job, max_rows)
        except Exception as exc:  # a worker must answer every job, whatever pyoxigraph raises
            outcome = Outcome(500, "text/plain; charset=utf-8", f"query failed: {exc}".encode())
        conn.send(outcome)


def _text(status: int, message: str) -> Outcome:
    return Outcome(status, "text/plain; charset=utf-8", (message.strip() + "\n").encode())


def execute(store: object, job: Job, max_rows: int) -> Outcome:
    """Run one query on an open store and serialise at most `max_rows` rows (or triples) of its result."""
    import pyoxigraph as ox

    from ..publish.formats import GRAPH_FORMATS, GRAPH_TYPES, SOLUTION_FORMATS, SOLUTION_TYPES

    try:
        default = [ox.NamedNode(g) for g in job.default_graphs] or None
        named = [ox.NamedNode(g) for g in job.named_graphs] or None
    except ValueError as exc:
        return _text(400, f"not an IRI in default-graph-uri or named-graph-uri: {exc}")
    try:
        described = _describe(store, job, default, named)
        if described is not None:
            result = iter(described)
        else:
            result = store.query(job.query, default_graph=default, named_graphs=named)  # type: ignore[attr-defined]
        if isinstance(result, ox.QueryBoolean):
            if job.solutions_format is None:
                return _text(406, "an ASK result can be " + ", ".join(SOLUTION_TYPES.values()))
            body = result.serialize(format=SOLUTION_FORMATS[job.solutions_format])
            return Outcome(200, SOLUTION_TYPES[job.solutions_format], body)
        if isinstance(result, ox.QuerySolutions):
            if job.solutions_format is None:
                return _text(406, "SELECT results can be " + ", ".join(SOLUTION_TYPES.values()))
            variables = result.variables
            rows = list(itertools.islice(result, max_rows + 1))
            truncated = len(rows) > max_rows
            return Outcome(
                200,
                SOLUTION_TYPES[job.solutions_format],
                _solutions(variables, rows[:max_rows], job.solutions_format),
                truncated,
            )
        if job.graph_format is None:
            return _text(406, "CONSTRUCT and DESCRIBE results can be " + ", ".join(GRAPH_TYPES.values()))
        triples = list(itertools.islice(result, max_rows + 1))
        rdf_format = GRAPH_FORMATS[job.graph_format]
        prefixes = vocab.vocabulary().table(*PREFIX_NAMES) if rdf_format == ox.RdfFormat.TURTLE else None
        body = ox.serialize(triples[:max_rows], format=rdf_format, prefixes=prefixes)
        return Outcome(200, GRAPH_TYPES[job.graph_format], body, len(triples) > max_rows)
    except SyntaxError as exc:
        return _text(400, f"SPARQL syntax error: {exc}")
    except (OSError, ValueError, TypeError) as exc:
        return _text(400 if isinstance(exc, ValueError | TypeError) else 500, f"query failed: {exc}")


def _describe(store: object, job: Job, default: list | None, named: list | None) -> list | None:
    """The triples of a DESCRIBE: the site's description of each resource it names (page 1, as in
    the data files); None for any other query, or a DESCRIBE whose reading fails (it then runs as
    written, so its errors are pyoxigraph's own)."""
    import pyoxigraph as ox

    from ..publish.describe import Describer, Site, StoreAdjacency, describe_terms
    from .describe_query import read_describe

    if job.graph_format is None:
        return None
    parts = read_describe(job.query)
    if parts is None:
        return None
    terms: list[object] = []
    try:
        if parts.check is not None:
            next(iter(store.query(parts.check, default_graph=default, named_graphs=named)), None)  # type: ignore[attr-defined]
        for query in (parts.iris, parts.select):
            if query is None:
                continue
            solutions = store.query(query, default_graph=default, named_graphs=named)  # type: ignore[attr-defined]
            for row in solutions:
                terms.extend(t for t in row if t is not None)
    except SyntaxError:
        return None
    describer = Describer(
        StoreAdjacency(store, default or ()), Site((job.base_url or project().base).rstrip("/"))
    )  # type: ignore[arg-type]
    return describe_terms(describer, [t for t in dict.fromkeys(terms) if isinstance(t, ox.NamedNode)])


def _solutions(variables: list[object], rows: list[object], fmt: str) -> bytes:
    """Serialise a list of solutions: written as SPARQL TSV (each term in its N-Triples form), then
    re-read and written by pyoxigraph in the wanted format, so every format stays the library's own."""
    import pyoxigraph as ox

    from ..publish.formats import SOLUTION_FORMATS

    lines = ["\t".join(f"?{v.value}" for v in variables)]  # type: ignore[attr-defined]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]  # type: ignore[attr-defined]
    tsv = "\n".join(lines) + "\n"
    if fmt == "tsv":
        return tsv.encode()
    parsed = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
    return parsed.serialize(format=SOLUTION_FORMATS[fmt])


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    pid: int = 0


@dataclass
class QueryPool:
    """A few warm worker processes over the store; a worker that overruns is killed and replaced."""

    store_path: Path
    max_rows: int
    size: int = 2
    start_timeout: float = 60.0
    killed: list[int] = field(default_factory=list)  # pids stopped for overrunning, newest last
    _idle: queue.Queue[_Worker] = field(default_factory=queue.Queue)
    _all: dict[int, _Worker] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _closed: bool = False

    def start(self) -> None:
        """Start every worker and wait until each has the store open, so the first query is fast."""
        starting = [self._launch() for _ in range(self.size)]
        for worker in starting:
            self._await_ready(worker)

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(self._all)

    def run(self, job: Job, timeout: float) -> Outcome:
        """Run a job on an idle worker: its answer, or QueryTimeout after `timeout` seconds (worker killed).

        Blocking; the server calls it from a thread. Waiting for an idle worker is bounded by the
        same `timeout` (PoolBusy).
        """
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise PoolBusy from None
        try:
            worker.conn.send(job)
            if worker.conn.poll(timeout):
                outcome = worker.conn.recv()
                self._idle.put(worker)
                return outcome
        except (EOFError, OSError):
            self._replace(worker, killed=False)  # it died on its own (e.g. out of memory)
            return _text(500, "the query worker stopped unexpectedly")
        self._replace(worker, killed=True)
        raise QueryTimeout

    def close(self) -> None:
        """Stop every worker: ask politely, then kill what is still running."""
        self._closed = True
        with self._lock:
            workers = list(self._all.values())
            self._all.clear()
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 2
        for worker in workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()

    def _launch(self) -> _Worker:
        context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        parent, child = context.Pipe()
        process = context.Process(
            target=_serve,
            args=(child, str(self.store_path), self.max_rows),
            daemon=True,
            name="lattice-query",
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _await_ready(self, worker: _Worker) -> None:
        if not worker.conn.poll(self.start_timeout):
            worker.process.kill()
            raise RuntimeError(f"a query worker did not open the store {self.store_path} in time")
        try:
            _, worker.pid = worker.conn.recv()
        except EOFError:
            worker.process.join()
            raise RuntimeError(
                f"a query worker could not open the store {self.store_path} (exit {worker.process.exitcode})"
            ) from None
        with self._lock:
            if self._closed:
                worker.conn.send(None)
                return
            self._all[worker.pid] = worker
        self._idle.put(worker)

    def _replace(self, worker: _Worker, *, killed: bool) -> None:
        """Kill `worker` (waiting until it is gone) and start a replacement without making the caller wait."""
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        with self._lock:
            self._all.pop(worker.pid, None)
            if killed:
                self.killed.append(worker.pid)
            if self._closed:
                return

        def respawn() -> None:
            with contextlib.suppress(RuntimeError):
                self._await_ready(self._launch())

        threading.Thread(target=respawn, daemon=True, name="lattice-query-respawn").start()
