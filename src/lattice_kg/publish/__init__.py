"""`lattice publish`: the graph as a static linked-data site that any web server can host.

The site is written into a temporary folder next to the target and swapped into place only when
complete, so a failure never leaves a half-written site, and a folder that is not a Lattice site is
never overwritten.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import InputError
from . import layout
from .graph import SiteGraph, site_prefixes

if TYPE_CHECKING:
    import pyoxigraph

    from .describe import Describer
    from .render import Renderer


@dataclass
class Published:
    out: Path
    things: int
    pages: int
    files: int
    triples: int
    w3id: bool


def publish(out: Path, base_url: str | None = None, sparql_url: str | None = None) -> Published:
    """Write the whole site into `out` (replacing an earlier site there), by default for the IRI base."""
    from ..core.project import project, project_root
    from ..store import open_store

    base_url = (base_url or project().base).rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        raise InputError(f"--base-url {base_url!r}: expected an http(s) URL")
    out = out.resolve()
    if out.exists() and not (out / layout.MARKER).exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError(
            f"{out}: exists and is not a site written by lattice publish; choose an empty folder",
        )
    root = project_root()
    opened = open_store(root)
    graph = SiteGraph.from_store(opened.store)
    sparql_url = sparql_url or f"{base_url}/sparql"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.publishing-", dir=out.parent))
    try:
        published = _write(tmp, graph, opened.store, root, base_url, sparql_url)
        (tmp / layout.MARKER).write_text(_stamp(base_url, sparql_url, opened.digest), encoding="utf-8")
        _swap(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    published.out = out
    return published


def up_to_date(out: Path, base_url: str, sparql_url: str | None = None) -> bool:
    """Whether `out` holds a site published for these URLs from the current sources."""
    from ..store import open_store

    marker = out / layout.MARKER
    if not marker.is_file():
        return False
    base_url = base_url.rstrip("/")
    stamp = _stamp(base_url, sparql_url or f"{base_url}/sparql", open_store().digest)
    return marker.read_text(encoding="utf-8") == stamp


def _stamp(base_url: str, sparql_url: str, digest: str) -> str:
    from .. import __version__

    return f"lattice {__version__}\nbase {base_url}\nsparql {sparql_url}\nsources {digest}\n"


def _swap(tmp: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def _write(
    site: Path, graph: SiteGraph, store: pyoxigraph.Store, root: Path, base_url: str, sparql_url: str
) -> Published:
    from ..core.project import project
    from . import apache, dataset, ontology_doc
    from .describe import Describer, Site
    from .render import Renderer

    anchors = ontology_doc.document(project(root).ontology_dir / "lattice.ttl", site)
    site_pages = list(layout.SITE_PAGES)
    renderer = Renderer(graph, anchors, base_url, sparql_url, nav=site_pages[1:])
    global _JOB
    _JOB = _ThingJob(site, graph, renderer, Describer(graph.index, Site(base_url)))
    workers = _workers(len(graph.things))
    pool = None
    if workers > 1:
        # every thing's data and pages, in worker processes that share the indexes (fork) while this
        # one writes the site's own pages: the two cores work at once
        pool = multiprocessing.get_context("fork").Pool(workers)
        parts = pool.map_async(_write_things, [(part, workers) for part in range(workers)])
    try:
        pages = 0 if pool else _write_things((0, 1))
        pages += _write_site_pages(site, graph, renderer, store, root, site_pages)
        sizes = dataset.write_dumps(graph.triples(), site)
        if pool is not None:
            pages += sum(parts.get())
    finally:
        _JOB = None
        if pool is not None:
            pool.terminate()
            pool.join()
    (site / layout.VOID).write_text(
        dataset.void_description(graph, base_url, sparql_url, sizes), encoding="utf-8"
    )
    (site / layout.WELL_KNOWN_VOID).parent.mkdir()
    shutil.copyfile(site / layout.VOID, site / layout.WELL_KNOWN_VOID)
    (site / layout.SITEMAP).write_text(dataset.sitemap(graph, base_url, site_pages), encoding="utf-8")
    (site / layout.ROBOTS).write_text(
        f"User-agent: *\nAllow: /\nSitemap: {base_url}/{layout.SITEMAP}\n", encoding="utf-8"
    )
    (site / layout.HTACCESS).write_text(apache.htaccess(base_url), encoding="utf-8")
    from ..core.project import project

    w3id = base_url != project().base
    if w3id:  # the redirect folder only makes sense when the site lives somewhere else
        (site / layout.W3ID).mkdir()
        (site / layout.W3ID / layout.HTACCESS).write_text(apache.w3id_htaccess(base_url), encoding="utf-8")
        (site / layout.W3ID_README).write_text(apache.w3id_readme(base_url), encoding="utf-8")
    (site / layout.NOJEKYLL).write_text("", encoding="utf-8")
    _copy_assets(site / layout.ASSETS)
    files = sum(len(f) for _, _, f in os.walk(site))
    return Published(site, len(graph.things), pages, files, graph.count, w3id)


@dataclass
class _ThingJob:
    site: Path
    graph: SiteGraph
    renderer: Renderer
    describer: Describer


_JOB: _ThingJob | None = None


def _workers(things: int) -> int:
    if things < 200 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))


def _write_things(part: tuple[int, int]) -> int:
    """Data files and pages of every `count`-th thing starting at `index`; returns the pages written."""
    import pyoxigraph as ox

    from .formats import RDF

    job = _JOB
    assert job is not None
    index, count = part
    made: set[Path] = set()

    def folder(path: Path) -> None:
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)

    def write_rdf(files: dict[ox.RdfFormat, str], triples: list[ox.Triple]) -> str:
        written = {}
        for fmt, file in files.items():
            path = job.site / file
            folder(path)
            data = _turtle(triples) if fmt == ox.RdfFormat.TURTLE else ox.serialize(triples, format=fmt)
            _write_bytes(path, data)
            written[fmt] = data
        return written[ox.RdfFormat.JSON_LD].decode().replace("</", "<\\/")  # safe inside <script>

    pages = 0
    things = list(job.graph.things.items())[index::count]
    for iri, thing in things:
        documents = layout.thing(thing.path)
        description = job.describer.describe(iri, thing.path)
        jsonld = write_rdf(documents.data, description.triples)
        for number in range(2, description.pages + 1):
            more = job.describer.describe(iri, thing.path, number)
            write_rdf({fmt: layout.more(thing.path, number, fmt) for fmt in RDF}, more.triples)
        for lang, file in documents.pages.items():
            page = job.site / file
            folder(page)
            _write_bytes(page, job.renderer.thing_page(iri, lang, jsonld, description).encode())
            pages += 1
    return pages


def _write_site_pages(
    site: Path,
    graph: SiteGraph,
    renderer: Renderer,
    store: pyoxigraph.Store,
    root: Path,
    site_pages: list[str],
) -> int:
    from .layout import LANGS, NOT_FOUND, page_file
    from .site_pages import SitePages

    pages = 0
    contexts = SitePages(renderer, graph, store, root, site / layout.FIGURES)
    for lang in LANGS:
        for name in site_pages:
            context = contexts.context(name, lang)
            (site / page_file(name, lang)).write_text(
                renderer.site_page(name, lang, **context), encoding="utf-8"
            )
            pages += 1
        (site / page_file(NOT_FOUND, lang)).write_text(
            renderer.site_page(NOT_FOUND, lang, **contexts.context(NOT_FOUND, lang)), encoding="utf-8"
        )

    return pages


def _copy_assets(target: Path) -> None:
    static = resources.files("lattice_kg.publish") / "static"
    with resources.as_file(static) as folder:
        shutil.copytree(folder, target)


def _write_bytes(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:  # one write: pyoxigraph's serialisers write a file in many small pieces
        f.write(data)


_PREFIX_LINE = re.compile(rb"@prefix ([A-Za-z][\w-]*): <[^>]*> \.\n")


def _turtle(triples: list[pyoxigraph.Triple]) -> bytes:
    """Turtle with only the prefixes it uses, so each small file stays readable."""
    import pyoxigraph as ox

    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=site_prefixes())
    head = 0
    for m in _PREFIX_LINE.finditer(text):
        if m.start() != head:
            break
        head = m.end()
    body = text[head:]
    used = [m.group(0) for m in _PREFIX_LINE.finditer(text, 0, head) if m.group(1) + b":" in body]
    return b"".join(used) + body
