"""`lattice publish`: the graph as a static linked-data site that any web server can host.

The site is written into a temporary folder next to the target and swapped into place only when
complete, so a failure never leaves a half-written site, and a folder that is not a Lattice site is
never overwritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import LatticeError
from .graph import PREFIXES, SiteGraph

if TYPE_CHECKING:
    import pyoxigraph

DEFAULT_BASE_URL = "https://w3id.org/lattice"
MARKER = ".lattice-site"


@dataclass
class Published:
    out: Path
    things: int
    pages: int
    files: int
    triples: int
    w3id: bool


def publish(out: Path, base_url: str = DEFAULT_BASE_URL, sparql_url: str | None = None) -> Published:
    """Write the whole site into `out` (replacing an earlier site there)."""
    from ..paths import project_root
    from ..store import open_store

    base_url = base_url.rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        raise LatticeError(f"--base-url {base_url!r}: expected an http(s) URL", 2)
    out = out.resolve()
    if out.exists() and not (out / MARKER).exists() and (not out.is_dir() or any(out.iterdir())):
        raise LatticeError(
            f"{out}: exists and is not a site written by lattice publish; choose an empty folder", 2
        )
    root = project_root()
    opened = open_store(root)
    graph = SiteGraph.from_store(opened.store)
    sparql_url = sparql_url or f"{base_url}/sparql"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.publishing-", dir=out.parent))
    try:
        published = _write(tmp, graph, opened.store, root, base_url, sparql_url)
        (tmp / MARKER).write_text(_stamp(base_url, sparql_url, opened.digest), encoding="utf-8")
        _swap(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    published.out = out
    return published


def up_to_date(out: Path, base_url: str, sparql_url: str | None = None) -> bool:
    """Whether `out` holds a site published for these URLs from the current sources."""
    from ..store import open_store

    marker = out / MARKER
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
    import pyoxigraph as ox

    from . import apache, dataset, ontology_doc
    from .render import LANGS, Renderer, page_file
    from .site_pages import SitePages

    anchors = ontology_doc.document(root / "ontology" / "lattice.ttl", site / "ontology")
    site_pages = ["index", "network", "timeline", "analysis", "query"]
    renderer = Renderer(graph, anchors, base_url, sparql_url, nav=site_pages[1:])
    pages = 0
    for iri, thing in graph.things.items():
        triples = graph.description(iri)
        data = site / "data" / f"{thing.path}.ttl"
        data.parent.mkdir(parents=True, exist_ok=True)
        ox.serialize(triples, str(data), ox.RdfFormat.TURTLE, prefixes=_used_prefixes(triples))
        ox.serialize(triples, str(data.with_suffix(".nt")), ox.RdfFormat.N_TRIPLES)
        jsonld = ox.serialize(triples, format=ox.RdfFormat.JSON_LD).decode()
        data.with_suffix(".jsonld").write_text(jsonld, encoding="utf-8")
        page = site / "page" / thing.path
        page.parent.mkdir(parents=True, exist_ok=True)
        for lang in LANGS:
            (site / "page" / page_file(thing.path, lang)).write_text(
                renderer.thing_page(iri, lang, jsonld), encoding="utf-8"
            )
            pages += 1

    contexts = SitePages(renderer, graph, store, root, site / "analysis")
    for lang in LANGS:
        for name in site_pages:
            context = contexts.context(name, lang)
            (site / page_file(name, lang)).write_text(
                renderer.site_page(name, lang, **context), encoding="utf-8"
            )
            pages += 1
        (site / ("404.html" if lang == "en" else "404.zh.html")).write_text(
            renderer.site_page("404", lang, **contexts.context("404", lang)), encoding="utf-8"
        )

    sizes = dataset.write_dumps(graph.triples(), site)
    (site / "void.ttl").write_text(
        dataset.void_description(graph, base_url, sparql_url, sizes), encoding="utf-8"
    )
    well_known = site / ".well-known"
    well_known.mkdir()
    shutil.copyfile(site / "void.ttl", well_known / "void")
    (site / "sitemap.xml").write_text(dataset.sitemap(graph, base_url, site_pages), encoding="utf-8")
    (site / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {base_url}/sitemap.xml\n", encoding="utf-8"
    )
    (site / ".htaccess").write_text(apache.htaccess(base_url), encoding="utf-8")
    w3id = base_url != DEFAULT_BASE_URL
    if w3id:  # the redirect folder only makes sense when the site lives somewhere else
        (site / "w3id").mkdir()
        (site / "w3id" / ".htaccess").write_text(apache.w3id_htaccess(base_url), encoding="utf-8")
        (site / "w3id" / "README.md").write_text(apache.w3id_readme(base_url), encoding="utf-8")
    (site / ".nojekyll").write_text(
        "", encoding="utf-8"
    )  # GitHub Pages: serve .well-known and .htaccess as is
    _copy_assets(site / "assets")
    files = sum(len(f) for _, _, f in os.walk(site))
    return Published(site, len(graph.things), pages, files, graph.count, w3id)


def _copy_assets(target: Path) -> None:
    static = resources.files("lattice_kg.publish") / "static"
    with resources.as_file(static) as folder:
        shutil.copytree(folder, target)


def _used_prefixes(triples: list[object]) -> dict[str, str]:
    """Only the prefixes a thing's Turtle uses, so each small file stays readable."""
    iris = set()
    for t in triples:
        for term in (t.subject, t.predicate, t.object):  # type: ignore[attr-defined]
            value = getattr(term, "value", None)
            if isinstance(value, str) and value.startswith("http"):
                iris.add(value)
            datatype = getattr(term, "datatype", None)
            if datatype is not None:
                iris.add(datatype.value)
    return {p: ns for p, ns in PREFIXES.items() if any(i.startswith(ns) for i in iris)}
