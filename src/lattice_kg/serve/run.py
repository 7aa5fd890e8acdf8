"""Starting `lattice serve`: the site folder, the store, the listening socket, then uvicorn."""

from __future__ import annotations

import contextlib
import errno
import socket
from pathlib import Path

from ..core.errors import InputError
from .query_page import CannedQuery


def default_site(base_url: str) -> Path:
    """The site published into the cache for this URL, republished only when the sources changed."""
    from ..core.project import project_root
    from ..publish import publish, up_to_date
    from ..store import cache_dir

    out = cache_dir(project_root()) / "site"
    if not up_to_date(out, base_url):
        publish(out=out, base_url=base_url)
    return out


def check_site(site: Path) -> Path:
    from ..publish import layout

    if not site.is_dir():
        raise InputError(f"--site {site}: no such folder")
    if not (site / layout.page_file("index", "en")).is_file() and not (site / layout.DATA).is_dir():
        raise InputError(f"--site {site}: not a published site (no index.html, no data/)")
    return site


def canned_questions(store: object) -> list[CannedQuery]:
    """The competency questions with their default parameters bound, for the query page's menu."""
    from ..answers import with_defaults
    from ..core.project import project
    from ..questions import load_all
    from ..sparql import Engine

    engine = Engine("oxigraph", store=store)  # type: ignore[arg-type]
    questions, _ = load_all(project().queries_dir)
    # a required parameter without a default is shown unbound, for the user to fill
    return [
        CannedQuery(q.id, q.summary, q.question_zh, with_defaults(engine, q) or q.query) for q in questions
    ]


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to exactly `host` (never a wildcard it was not given), or a one-line LatticeError."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise InputError(f"--host {host}: cannot resolve it ({exc.strerror})") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        reason = "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror
        raise InputError(f"cannot listen on {host}:{port}: {reason}") from None
    sock.set_inheritable(True)
    return sock


def serve(
    *,
    host: str,
    port: int,
    site: Path | None,
    timeout: float,
    max_rows: int,
    max_request_bytes: int,
    echo: object = print,
) -> None:
    """Serve until Ctrl-C: bind first (so a busy port fails before any work), then start the app."""
    import uvicorn

    from ..store import open_store
    from .app import create_app

    sock = listen(host, port)
    try:
        bound_port = sock.getsockname()[1]
        shown_host = f"[{host}]" if ":" in host else host
        url = f"http://{shown_host}:{bound_port}/"
        site = check_site(site) if site is not None else default_site(url)
        opened = open_store()
        questions = canned_questions(opened.store)
        store_path = opened.path
        del opened  # the workers open their own read-only handles
        app = create_app(
            site,
            store_path,
            timeout=timeout,
            max_rows=max_rows,
            max_request_bytes=max_request_bytes,
            questions=questions,
        )
        echo(f"serving {site} at {url} (SPARQL endpoint: {url}sparql); press Ctrl-C to stop")  # type: ignore[operator]
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        # uvicorn shuts down cleanly on Ctrl-C, then raises it again for us: stopping is what was asked
        with contextlib.suppress(KeyboardInterrupt):
            uvicorn.Server(config).run(sockets=[sock])
        echo("stopped")  # type: ignore[operator]
    finally:
        sock.close()
