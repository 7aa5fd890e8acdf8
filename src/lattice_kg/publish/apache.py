"""Content negotiation for static hosting: the site's Apache `.htaccess` and the w3id.org redirect folder.

Both are written from the site's layout (`layout.py`) and its media types, so `lattice serve`, the site on
Apache and w3id.org answer an IRI the same way: 303 See Other to the representation `Accept` asks for.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pyoxigraph as ox

from . import layout
from .formats import HTML, RDF, UTF8, content_type

_ONTOLOGY = rf"^{layout.ONTOLOGY_FOLDER}(/[0-9][0-9.]*)?/?$"
_THING = layout.thing("$1")  # an /id/ IRI's documents, as RewriteRule substitutions


def _pattern(text: str) -> str:
    """`text` as an Apache regular expression matching itself (media types and file names)."""
    return re.sub(r"([.+])", r"\\\1", text)


def _add_type(media_type: str, extension: str) -> str:
    declared = content_type(media_type)
    if media_type == ox.RdfFormat.N_TRIPLES.media_type:
        declared += UTF8  # N-Triples is UTF-8 by definition; Apache says so too (`lattice serve` does not)
    return f"AddType {declared.replace('; ', ';')} .{extension}"


def _downloads() -> list[str]:
    """A gzipped dump is a download, not N-Triples sent with `Content-Encoding: gzip`."""
    lines = []
    for dump in layout.DUMPS:
        if dump.gzip:
            suffix = "." + dump.name.split(".", 1)[1]
            lines += [
                f'<FilesMatch "{_pattern(suffix)}$">',
                f"  ForceType {layout.file_type(dump.name)}",
                "</FilesMatch>",
            ]
    return lines


def _negotiation(target: str, base_path: str | None) -> list[str]:
    """RewriteRules whose substitutions start with `target` ('' for the site, a URL for w3id)."""
    lines = []
    if base_path is not None:
        lines += [
            "# An /id/ IRI that the graph does not describe is a 404, not a redirect to a missing file.",
            f"RewriteCond %{{DOCUMENT_ROOT}}{base_path}{_THING.description} !-f",
            r"RewriteRule ^id/(.+)$ - [R=404,L]",
            "",
        ]
    lines.append("# /id/{path}: 303 See Other to the data (by Accept) or to the page (by Accept-Language).")
    for fmt, file in _THING.data.items():
        lines += [
            f"RewriteCond %{{HTTP_ACCEPT}} {_pattern(fmt.media_type)}",
            f"RewriteRule ^id/(.+)$ {target}{file} [R=303,L]",
        ]
    english, *others = _THING.pages
    for lang in others:
        lines += [
            f"RewriteCond %{{HTTP:Accept-Language}} ^{lang}",
            f"RewriteRule ^id/(.+)$ {target}{_THING.pages[lang]} [R=303,L]",
        ]
    lines += [
        f"RewriteRule ^id/(.+)$ {target}{_THING.pages[english]} [R=303,L]",
        "",
        "# The ontology (and its version IRIs): the OWL file by Accept, else its documentation.",
    ]
    for fmt, file in layout.ONTOLOGY.data.items():
        lines += [
            f"RewriteCond %{{HTTP_ACCEPT}} {_pattern(fmt.media_type)}",
            f"RewriteRule {_ONTOLOGY} {target}{file} [R=303,L]",
        ]
    lines += [
        f"RewriteRule {_ONTOLOGY} {target}{layout.ONTOLOGY.pages[english]} [R=303,L]",
        "",
        "# The dataset's description, where crawlers look for it.",
        f"RewriteRule ^{_pattern(layout.WELL_KNOWN_VOID)}$ {target}{layout.VOID} [R=303,L]",
    ]
    return lines


def htaccess(base_url: str) -> str:
    """The `.htaccess` for the site's root folder on Apache (mod_rewrite, mod_mime; mod_headers optional)."""
    base_path = urlsplit(base_url).path.rstrip("/") + "/"
    lines = [
        '# Lattice: linked-data content negotiation on Apache (W3C "Cool URIs for the Semantic Web").',
        "# Needs AllowOverride FileInfo (mod_rewrite, mod_mime). The Accept tests are substring matches, as",
        "# is usual for .htaccess; `lattice serve` weighs q-values properly.",
        "Options -MultiViews",
        *(_add_type(fmt.media_type, fmt.file_extension) for fmt in RDF),
        _add_type(HTML, "html"),
        *_downloads(),
        "<IfModule mod_headers.c>",
        f'  <FilesMatch "\\.({"|".join([*(fmt.file_extension for fmt in RDF), "gz"])})$">',
        '    Header set Access-Control-Allow-Origin "*"',
        "  </FilesMatch>",
        "</IfModule>",
        f"DirectoryIndex {layout.page_file('index', 'en')}",
        f"ErrorDocument 404 {base_path}{layout.page_file(layout.NOT_FOUND, 'en')}",
        "",
        "RewriteEngine On",
        f"RewriteBase {base_path}",
        "",
        *_negotiation("", base_path),
        "",
    ]
    return "\n".join(lines)


def w3id_htaccess(base_url: str) -> str:
    """The `.htaccess` to propose to w3id.org (folder `lattice/`): negotiates, then sends to the host."""
    from ..core.project import project

    target = base_url.rstrip("/") + "/"
    lines = [
        f"# {project().base}: permanent identifiers for the Lattice knowledge graph.",
        f"# The IRIs resolve to the site published with `lattice publish --base-url {base_url.rstrip('/')}`.",
        "Options +FollowSymLinks",
        "RewriteEngine on",
        "",
        *_negotiation(target, None),
        "",
        "# Everything else: the same path on the host.",
        f"RewriteRule ^(.*)$ {target}$1 [R=302,L]",
        "",
    ]
    return "\n".join(lines)


def w3id_readme(base_url: str) -> str:
    from ..core.project import project

    iris = project().base
    return "\n".join(
        [
            "# lattice",
            "",
            "Permanent identifiers for Lattice, a linked-data knowledge graph of Zhao Minghao's article",
            "《美国“印太”盟伴体系中的日本角色探析》 (Japanese Studies 2024 no. 4).",
            "",
            f"- `{iris}/id/…`: things the graph describes (303 to HTML or RDF by `Accept`)",
            f"- `{iris}/ontology`: the OWL ontology (hash terms `…/ontology#Term`)",
            f"- everything else redirects to the same path under {base_url.rstrip('/')}/",
            "",
            "To propose it, copy this folder as `lattice/` into a fork of https://github.com/perma-id/w3id.org",
            "and open a pull request; w3id.org asks it to name the maintainers who may change it.",
            "",
        ]
    )
