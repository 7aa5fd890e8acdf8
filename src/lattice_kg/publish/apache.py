"""Content negotiation for static hosting: the site's Apache `.htaccess` and the w3id.org redirect folder.

Both come from one table of rules, so `lattice serve`, the site on Apache and w3id.org answer an IRI
the same way: 303 See Other to the representation the `Accept` header asks for.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# (Accept pattern, file suffix under data/ for /id/ IRIs, ontology file) in the order Apache tries them
RDF_RULES = (
    ("text/turtle", ".ttl", "ontology/lattice.ttl"),
    (r"application/ld\+json", ".jsonld", "ontology/lattice.jsonld"),
    ("application/n-triples", ".nt", "ontology/lattice.nt"),
)
_ONTOLOGY = r"^ontology(/[0-9][0-9.]*)?/?$"


def _negotiation(target: str, base_path: str | None) -> list[str]:
    """RewriteRules whose substitutions start with `target` ('' for the site, a URL for w3id)."""
    lines = []
    if base_path is not None:
        lines += [
            "# An /id/ IRI that the graph does not describe is a 404, not a redirect to a missing file.",
            f"RewriteCond %{{DOCUMENT_ROOT}}{base_path}data/$1.ttl !-f",
            r"RewriteRule ^id/(.+)$ - [R=404,L]",
            "",
        ]
    lines.append("# /id/{path}: 303 See Other to the data (by Accept) or to the page (by Accept-Language).")
    for accept, suffix, _ in RDF_RULES:
        lines += [
            f"RewriteCond %{{HTTP_ACCEPT}} {accept}",
            f"RewriteRule ^id/(.+)$ {target}data/$1{suffix} [R=303,L]",
        ]
    lines += [
        "RewriteCond %{HTTP:Accept-Language} ^zh",
        f"RewriteRule ^id/(.+)$ {target}page/$1.zh.html [R=303,L]",
        f"RewriteRule ^id/(.+)$ {target}page/$1.html [R=303,L]",
        "",
        "# The ontology (and its version IRIs): the OWL file by Accept, else its documentation.",
    ]
    for accept, _, ontology_file in RDF_RULES:
        lines += [
            f"RewriteCond %{{HTTP_ACCEPT}} {accept}",
            f"RewriteRule {_ONTOLOGY} {target}{ontology_file} [R=303,L]",
        ]
    lines += [
        f"RewriteRule {_ONTOLOGY} {target}ontology/index.html [R=303,L]",
        "",
        "# The dataset's description, where crawlers look for it.",
        rf"RewriteRule ^\.well-known/void$ {target}void.ttl [R=303,L]",
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
        "AddType text/turtle;charset=utf-8 .ttl",
        "AddType application/ld+json .jsonld",
        "AddType application/n-triples;charset=utf-8 .nt",
        "AddType text/html;charset=utf-8 .html",
        '<FilesMatch "\\.nt\\.gz$">',
        "  ForceType application/gzip",
        "</FilesMatch>",
        "<IfModule mod_headers.c>",
        '  <FilesMatch "\\.(ttl|jsonld|nt|gz)$">',
        '    Header set Access-Control-Allow-Origin "*"',
        "  </FilesMatch>",
        "</IfModule>",
        "DirectoryIndex index.html",
        f"ErrorDocument 404 {base_path}404.html",
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
