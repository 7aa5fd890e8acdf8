"""The published site on disk: safe paths, and where an `/id/…` IRI redirects to.

Which file holds what is the site's layout, `publish/layout.py`; this module finds those files on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..publish import layout
from ..publish.formats import HTML, XHTML
from .negotiation import choose, prefers


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
    documents = layout.ONTOLOGY if thing == "" else layout.thing(thing)
    preferred = prefers(accept_language, layout.LANGS)
    pages = sorted(documents.pages.items(), key=lambda item: item[0] != preferred)  # the others stay in order
    found = []
    page = next((file for _, file in pages if safe_file(site, file)), None)
    if page:
        found.append(Representation(HTML, page))
        found.append(Representation(XHTML, page))
    for fmt, file in documents.data.items():
        if safe_file(site, file):
            found.append(Representation(fmt.media_type, file))
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
        return safe_file(site, layout.ONTOLOGY.description) is not None
    if not thing or thing.endswith("/"):
        return False
    return safe_file(site, layout.thing(thing).description) is not None


def base_url(site: Path) -> str:
    """The base URL the site was published for (its `.lattice-site` stamp), else the IRI base."""
    from ..core.project import project

    default = project().base
    stamp = site / layout.MARKER
    try:
        lines = stamp.read_text(encoding="utf-8").splitlines()
    except OSError:
        return default
    return next((line[5:].strip() for line in lines if line.startswith("base ")), default)
