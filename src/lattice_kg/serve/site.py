"""The published site on disk: safe paths, media types, and where an `/id/…` IRI redirects to.

The site layout is the one `lattice publish` writes: `page/{path}.html` and `.zh.html`,
`data/{path}.ttl|.jsonld|.nt`, `ontology/index.html` and `ontology/lattice.{ext}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .negotiation import choose, prefers

HTML = "text/html"
TURTLE = "text/turtle"
JSON_LD = "application/ld+json"
N_TRIPLES = "application/n-triples"

# suffix -> Content-Type of a static file; the longest matching suffix wins (".nt.gz" before ".gz")
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".nt.gz": "application/gzip",
    ".gz": "application/gzip",
    ".xml": "application/xml; charset=utf-8",
    ".json": "application/json",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".rq": "application/sparql-query",
    ".woff2": "font/woff2",
}


def content_type(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(CONTENT_TYPES, key=len, reverse=True):
        if name.endswith(suffix):
            return CONTENT_TYPES[suffix]
    return "application/octet-stream"


def safe_file(site: Path, relative: str) -> Path | None:
    """The regular file at `relative` inside the site, or None: no `..`, no dot-files, nothing outside it.

    `relative` is the already percent-decoded URL path, so `%2e%2e` arrives here as `..` and is refused.
    A folder stands for its `index.html`.
    """
    parts = relative.split("/")
    if any(p in (".", "..") or p.startswith(".") or "\\" in p or "\0" in p for p in parts if p):
        return None
    root = site.resolve()
    candidate = (root / "/".join(p for p in parts if p)).resolve()
    if not candidate.is_relative_to(root):
        return None  # a symbolic link pointing out of the site
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@dataclass(frozen=True)
class Representation:
    """One way to get a thing: its media type and the site path that holds it."""

    media_type: str
    path: str


def representations(site: Path, thing: str, accept_language: str | None) -> list[Representation]:
    """The representations of `/id/{thing}` (or of the ontology, thing == "") that exist on disk.

    HTML comes first: it is what `*/*` and a missing Accept get. Its language follows
    Accept-Language (English unless Chinese is preferred), falling back to the page that exists.
    """
    if thing == "":
        pages = ["ontology/index.html"]
        data = "ontology/lattice"
    else:
        english, chinese = f"page/{thing}.html", f"page/{thing}.zh.html"
        pages = [chinese, english] if prefers(accept_language, ("en", "zh")) == "zh" else [english, chinese]
        data = f"data/{thing}"
    found = []
    page = next((p for p in pages if safe_file(site, p)), None)
    if page:
        found.append(Representation(HTML, page))
        found.append(Representation("application/xhtml+xml", page))
    for media_type, ext in ((TURTLE, ".ttl"), (JSON_LD, ".jsonld"), (N_TRIPLES, ".nt")):
        if safe_file(site, data + ext):
            found.append(Representation(media_type, data + ext))
    return found


def negotiate(
    site: Path, thing: str, accept: str | None, accept_language: str | None
) -> Representation | None:
    """The representation to redirect to; None when the client accepts none of those that exist."""
    offered = representations(site, thing, accept_language)
    chosen = choose(accept, [r.media_type for r in offered])
    return next((r for r in offered if r.media_type == chosen), None)


def known(site: Path, thing: str) -> bool:
    """A thing exists when it has a description: `data/{thing}.ttl` (the ontology: `ontology/lattice.ttl`)."""
    if thing == "":
        return safe_file(site, "ontology/lattice.ttl") is not None
    if not thing or thing.endswith("/"):
        return False
    return safe_file(site, f"data/{thing}.ttl") is not None


def base_url(site: Path) -> str:
    """The base URL the site was published for (its `.lattice-site` stamp), else the IRI base."""
    from ..core.project import project

    default = project().base
    stamp = site / ".lattice-site"
    try:
        lines = stamp.read_text(encoding="utf-8").splitlines()
    except OSError:
        return default
    return next((line[5:].strip() for line in lines if line.startswith("base ")), default)
