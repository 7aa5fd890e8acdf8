"""The web application: negotiated `/id/…` redirects, the static site, and `/sparql`.

Starlette is a small, well-maintained ASGI toolkit (the base of FastAPI) with a test client,
CORS middleware and file responses that handle HEAD, ranges and ETags; uvicorn runs it.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..core import vocab
from ..publish import layout
from ..publish.formats import HTML, content_type
from . import site as site_files
from .negotiation import choose
from .query_page import SERVICE_DESCRIPTION, CannedQuery, page
from .sparql_endpoint import READ_ONLY, Refusal, formats, read_request
from .worker import Job, PoolBusy, QueryPool, QueryTimeout

NEGOTIATED_VARY = "Accept, Accept-Language"
READ_METHODS = ("GET", "HEAD")
SPARQL_METHODS = "GET, HEAD, POST, OPTIONS"


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)


def create_app(
    site: Path,
    store_path: Path,
    *,
    timeout: float,
    max_rows: int,
    max_request_bytes: int,
    workers: int = 2,
    questions: Sequence[CannedQuery] = (),
) -> Starlette:
    """The app serving the site folder `site` and a SPARQL endpoint over the store folder `store_path`.

    Query workers start with the app (its lifespan) and stop with it.
    """
    site = site.resolve()
    pool = QueryPool(store_path, max_rows=max_rows, size=workers)
    base_url = site_files.base_url(site)

    async def thing(request: Request) -> Response:
        """`/id/{path}`: 303 See Other to the page or the data the client asks for (Cool URIs, §4.3)."""
        if request.method not in READ_METHODS:
            return _text(405, "Method Not Allowed", {"Allow": "GET, HEAD"})
        path = request.path_params.get("thing")
        if path is None:  # /ontology
            path, iri = "", vocab.ONTOLOGY
        else:
            iri = vocab.ID + path
            if not path:
                return _text(404, "no such thing: give /id/{path}")
        if not site_files.known(site, path):
            return _text(404, f"no such thing: {iri}")
        headers = {"Vary": NEGOTIATED_VARY}
        accept, language = request.headers.get("accept"), request.headers.get("accept-language")
        chosen = site_files.negotiate(site, path, accept, language)
        if chosen is None:
            offered = sorted({r.media_type for r in site_files.representations(site, path, language)})
            return _text(406, f"{iri} is available as: {', '.join(offered)}", headers)
        location = "/" + chosen.path
        headers["Location"] = location
        return _text(303, f"See Other: {location}", headers)

    async def void(request: Request) -> Response:
        """`/.well-known/void` (RFC 8615, VoID §7.2): where crawlers look for the dataset's description."""
        if request.method not in READ_METHODS:
            return _text(405, "Method Not Allowed", {"Allow": "GET, HEAD"})
        location = "/" + layout.VOID
        return _text(303, f"See Other: {location}", {"Location": location})

    async def static(request: Request) -> Response:
        """Any other path: a file of the site, with the media types of linked data."""
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": "GET, HEAD, OPTIONS"})
        if request.method not in READ_METHODS:
            return _text(405, "Method Not Allowed", {"Allow": "GET, HEAD, OPTIONS"})
        path = request.scope["path"]  # percent-decoded once by the server, never re-parsed as a URL
        found = site_files.safe_file(site, path)
        if found is None:
            missing = site_files.safe_file(site, layout.page_file(layout.NOT_FOUND, "en"))
            if missing is not None:
                return FileResponse(missing, status_code=404, media_type=layout.file_type(missing))
            return _text(404, f"not found: {path}")
        return FileResponse(found, media_type=layout.file_type(found))

    async def sparql(request: Request) -> Response:
        """`/sparql`: the SPARQL 1.1 Protocol, query operation only."""
        method = request.method
        if method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": SPARQL_METHODS})
        if method not in ("GET", "HEAD", "POST"):
            return _text(405, READ_ONLY, {"Allow": SPARQL_METHODS})
        if len(request.url.query.encode()) > max_request_bytes:
            return _text(413, f"the request is larger than {max_request_bytes} bytes")
        body = b""
        if method == "POST":
            declared = request.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_request_bytes:
                return _text(413, f"the request is larger than {max_request_bytes} bytes")
            chunks = []
            size = 0
            async for chunk in request.stream():
                size += len(chunk)
                if size > max_request_bytes:
                    return _text(413, f"the request is larger than {max_request_bytes} bytes")
                chunks.append(chunk)
            body = b"".join(chunks)
        try:
            wanted = read_request(method, request.url.query, request.headers.get("content-type"), body)
            if wanted is None:
                return _describe(request)
            solutions_format, graph_format = formats(wanted, request.headers.get("accept"))
        except Refusal as refusal:
            return _text(refusal.status, str(refusal))
        job = Job(
            wanted.query, solutions_format, graph_format, wanted.default_graphs, wanted.named_graphs, base_url
        )
        try:
            outcome = await run_in_threadpool(pool.run, job, timeout)
        except QueryTimeout:
            return _text(503, f"query stopped: it ran longer than the {timeout:g} s limit of this endpoint")
        except PoolBusy:
            return _text(503, "every query worker is busy; try again", {"Retry-After": "5"})
        headers = {"Vary": "Accept"}
        if outcome.truncated:
            headers["X-SPARQL-MaxRows"] = str(max_rows)
        return Response(
            outcome.body, status_code=outcome.status, media_type=outcome.content_type, headers=headers
        )

    def _describe(request: Request) -> Response:
        endpoint = str(request.url.replace(query=""))
        turtle = ox.RdfFormat.TURTLE.media_type
        if choose(request.headers.get("accept"), [HTML, turtle]) == turtle:
            body = SERVICE_DESCRIPTION.format(endpoint=endpoint)
            return Response(body, media_type=content_type(turtle), headers={"Vary": "Accept"})
        html = page(request.url.path, questions, timeout=timeout, max_rows=max_rows)
        return Response(html, media_type=content_type(HTML), headers={"Vary": "Accept"})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await run_in_threadpool(pool.start)
        try:
            yield
        finally:
            await run_in_threadpool(pool.close)

    every = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
    app = Starlette(
        routes=[
            Route("/id/{thing:path}", thing, methods=every),
            Route("/ontology", thing, methods=every),
            Route("/sparql", sparql, methods=every),
            Route("/" + layout.WELL_KNOWN_VOID, void, methods=every),
            Route("/{rest:path}", static, methods=every),
        ],
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
                allow_headers=["Content-Type", "Accept", "Accept-Language"],
                expose_headers=["Location", "X-SPARQL-MaxRows", "Content-Length"],
                max_age=3600,
            )
        ],
        lifespan=lifespan,
    )
    app.state.pool = pool
    return app
