"""Where everything is in a published site: the one description of the layout.

`lattice publish` writes these files, `lattice serve` and the Apache rules redirect to them, the pages
link to them and the tests build small sites in the same shape. Every path is relative to the site's
root and uses `/`.

- a described thing `…/id/{path}`: `page/{path}.html` and `.zh.html`, `data/{path}.ttl|.jsonld|.nt`, and
  for a description too large for one document, pages 2, 3… as `referenced/{path}/{n}.ttl|.jsonld|.nt`;
- the ontology: `ontology/index.html` and `ontology/lattice.ttl|.jsonld|.nt`;
- the site's own pages (`index.html`, `network.zh.html`…, `404.html`), the dumps, `void.ttl` and
  `.well-known/void`, `sitemap.xml`, `robots.txt`, the `.htaccess`, the w3id.org folder, the assets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

import pyoxigraph as ox

from .formats import RDF, content_type

LANGS = ("en", "zh")  # English first: the language a client gets when it states none
SITE_PAGES = ("index", "network", "timeline", "analysis", "query")
NOT_FOUND = "404"

VOID = "void.ttl"
DATASET = VOID + "#lattice"  # the dataset's IRI, under the base URL
WELL_KNOWN_VOID = ".well-known/void"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
HTACCESS = ".htaccess"
NOJEKYLL = ".nojekyll"  # GitHub Pages: serve .well-known and .htaccess as they are
MARKER = ".lattice-site"  # the stamp that says a folder is a site `lattice publish` wrote
PAGES = "page"  # the folder of the things' pages
DATA = "data"  # the folder of the things' descriptions
ASSETS = "assets"
FIGURES = "analysis"  # the analysis page's figures
ONTOLOGY_FOLDER = "ontology"
W3ID = "w3id"  # the folder to propose to w3id.org: its `.htaccess` and README.md
W3ID_README = W3ID + "/README.md"


def page_file(name: str, lang: str) -> str:
    """A page's file name in one language: `network.html`, `network.zh.html`."""
    return f"{name}.html" if lang == LANGS[0] else f"{name}.{lang}.html"


@dataclass(frozen=True)
class Documents:
    """The files that carry one resource: its page in each language, its data in each RDF syntax."""

    pages: dict[str, str]  # lang -> page, English first
    data: dict[ox.RdfFormat, str]  # syntax -> file, in the order content negotiation tries them

    @property
    def description(self) -> str:
        """The file whose presence says the resource is described (its Turtle)."""
        return self.data[RDF[0]]


def thing(path: str) -> Documents:
    """The documents of `{IRI base}/id/{path}`."""
    return Documents(
        {lang: f"{PAGES}/{page_file(path, lang)}" for lang in LANGS},
        {fmt: f"{DATA}/{path}.{fmt.file_extension}" for fmt in RDF},
    )


def more(path: str, number: int, fmt: ox.RdfFormat) -> str:
    """Page `number` (2, 3, …) of a thing's description in one syntax."""
    return f"referenced/{path}/{number}.{fmt.file_extension}"


ONTOLOGY = Documents(
    {LANGS[0]: ONTOLOGY_FOLDER + "/index.html"},
    {fmt: f"{ONTOLOGY_FOLDER}/lattice.{fmt.file_extension}" for fmt in RDF},
)


@dataclass(frozen=True)
class Dump:
    """The whole graph in one syntax, possibly gzipped."""

    format: ox.RdfFormat
    gzip: bool = False

    @property
    def name(self) -> str:
        return f"lattice.{self.format.file_extension}" + (".gz" if self.gzip else "")

    @property
    def path(self) -> str:
        return "dumps/" + self.name

    @property
    def title(self) -> str:
        return self.format.name + (", gzip" if self.gzip else "")


DUMPS = (Dump(ox.RdfFormat.TURTLE), Dump(ox.RdfFormat.N_TRIPLES, gzip=True), Dump(ox.RdfFormat.JSON_LD))

# suffix -> media type of every other kind of file a site holds
_OTHER_FILES = {
    ".html": "text/html",
    ".gz": "application/gzip",  # the gzipped dump is a download, not N-Triples sent compressed
    ".xml": "application/xml",
    ".json": "application/json",
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".ico": "image/x-icon",
    ".txt": "text/plain",
    ".rq": "application/sparql-query",
    ".woff2": "font/woff2",
}
FILE_TYPES = {
    suffix: content_type(media)
    for suffix, media in [*((f".{f.file_extension}", f.media_type) for f in RDF), *_OTHER_FILES.items()]
}


def file_type(path: PurePath | str) -> str:
    """The Content-Type a site file is served with; the longest matching suffix wins."""
    name = PurePath(path).name.lower()
    for suffix in sorted(FILE_TYPES, key=len, reverse=True):
        if name.endswith(suffix):
            return FILE_TYPES[suffix]
    return "application/octet-stream"
