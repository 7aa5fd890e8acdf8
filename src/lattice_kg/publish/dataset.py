"""What makes the dataset findable: dumps, a VoID and DCAT description, and the sitemap."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from ..core.project import project
from . import layout
from .graph import ID, LAT, ONT, RDF_TYPE, SiteGraph, site_prefixes
from .layout import DUMPS
from .texts import DATASET_DESCRIPTION, DATASET_TITLE, KEYWORDS

if TYPE_CHECKING:
    import pyoxigraph as ox

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
LANGUAGES = "http://id.loc.gov/vocabulary/iso639-1/"


def write_dumps(triples: list[ox.Triple], out: Path) -> dict[str, int]:
    """The whole graph in three formats; returns each file's size in bytes."""
    import pyoxigraph as ox

    sizes = {}
    for dump in DUMPS:
        path = out / dump.path
        path.parent.mkdir(parents=True, exist_ok=True)
        prefixes = site_prefixes() if dump.format == ox.RdfFormat.TURTLE else None
        if dump.gzip:
            path.write_bytes(gzip.compress(ox.serialize(triples, format=dump.format), mtime=0))
        else:
            ox.serialize(triples, str(path), dump.format, prefixes=prefixes)
        sizes[dump.name] = path.stat().st_size
    return sizes


def void_description(graph: SiteGraph, base_url: str, sparql_url: str, sizes: dict[str, int]) -> str:
    """VoID and DCAT in one Turtle document: counts, partitions, examples, dumps, endpoint, licence."""
    ox = graph.ox
    classes: Counter[str] = Counter()
    properties: Counter[str] = Counter()
    subjects: set[object] = set()
    objects: set[object] = set()
    for subject, edges in graph.out.items():
        subjects.add(subject)
        for p, o in edges:
            properties[p] += 1
            objects.add(o)
            if p == RDF_TYPE and isinstance(o, ox.NamedNode):
                classes[o.value] += 1
    dataset = f"<{base_url}/{layout.DATASET}>"
    today = dt.date.today().isoformat()
    prefixes = site_prefixes()
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(prefixes.items())]
    lines += [
        "@prefix void: <http://rdfs.org/ns/void#> .",
        "@prefix dcat: <http://www.w3.org/ns/dcat#> .",
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .",
        "",
        f"{dataset}",
        "    a void:Dataset , dcat:Dataset ;",
        "    dcterms:title " + _literals(DATASET_TITLE) + " ;",
        "    dcterms:description " + _literals(DATASET_DESCRIPTION) + " ;",
        "    dcterms:source " + " , ".join(f"<{s.iri}>" for s in project().sources) + " ;",
        f"    dcterms:license <{LICENSE}> ;",
        "    dcterms:language " + " , ".join(f"<{LANGUAGES}{code}>" for code in ("zh", "en")) + " ;",
        f'    dcterms:modified "{today}"^^xsd:date ;',
        "    dcat:keyword "
        + " , ".join(f"{json.dumps(k, ensure_ascii=False)}@{lang}" for k, lang in KEYWORDS)
        + " ;",
        f"    foaf:homepage <{base_url}/> ;",
        f'    void:uriSpace "{ID}" ;',
        f"    void:vocabulary <{LAT}> , <{prefixes['skos']}> , <{prefixes['prov']}> , <{prefixes['oa']}> ,"
        f" <{prefixes['cito']}> , <{prefixes['dcterms']}> ;",
        f"    void:triples {graph.count} ;",
        f"    void:entities {len(graph.things)} ;",
        f"    void:distinctSubjects {len(subjects)} ;",
        f"    void:distinctObjects {len(objects)} ;",
        f"    void:properties {len(properties)} ;",
        f"    void:classes {len(classes)} ;",
        f"    void:sparqlEndpoint <{sparql_url}> ;",
        "    void:rootResource "
        + " , ".join(f"<{iri}>" for iri in (ONT, *(s.iri for s in project().sources)))
        + " ;",
        "    void:exampleResource "
        + " , ".join(f"<{ID}{e}>" for e in project().examples if ID + e in graph.things)
        + " ;",
        "    void:dataDump " + " , ".join(f"<{base_url}/{d.path}>" for d in DUMPS) + " ;",
        "    dcat:distribution " + " , ".join(f"<{base_url}/{d.path}#distribution>" for d in DUMPS) + " ;",
        f"    dcat:landingPage <{base_url}/> ;",
        "    void:classPartition "
        + " ,\n        ".join(f"[ void:class <{c}> ; void:entities {n} ]" for c, n in sorted(classes.items()))
        + " ;",
        "    void:propertyPartition "
        + " ,\n        ".join(
            f"[ void:property <{p}> ; void:triples {n} ]" for p, n in sorted(properties.items())
        )
        + " .",
        "",
    ]
    for dump in DUMPS:
        lines += [
            f"<{base_url}/{dump.path}#distribution>",
            "    a dcat:Distribution ;",
            f'    dcterms:title "{dump.title}"@en ;',
            f"    dcat:downloadURL <{base_url}/{dump.path}> ;",
            f"    dcat:mediaType <https://www.iana.org/assignments/media-types/{dump.format.media_type}> ;",
            *(
                ["    dcat:compressFormat <https://www.iana.org/assignments/media-types/application/gzip> ;"]
                if dump.gzip
                else []
            ),
            f"    dcat:byteSize {sizes[dump.name]} ;",
            f"    dcterms:license <{LICENSE}> .",
            "",
        ]
    lines += [
        f"<{sparql_url}>",
        "    a dcat:DataService ;",
        '    dcterms:title "Lattice SPARQL endpoint (read-only)"@en ;',
        f"    dcat:endpointURL <{sparql_url}> ;",
        f"    dcat:servesDataset {dataset} .",
        "",
    ]
    return "\n".join(lines)


def sitemap(graph: SiteGraph, base_url: str, site_pages: list[str]) -> str:
    """Every page in both languages, each naming its other-language version (hreflang)."""
    entries: list[tuple[str, str]] = []
    for name in site_pages:
        entries.append((layout.page_file(name, "en"), layout.page_file(name, "zh")))
    for thing in sorted(graph.things.values(), key=lambda t: t.path):
        pages = layout.thing(thing.path).pages
        entries.append((pages["en"], pages["zh"]))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for en, zh in entries:
        for loc in (en, zh):
            lines += [
                "<url>",
                f"  <loc>{escape(f'{base_url}/{loc}')}</loc>",
                f'  <xhtml:link rel="alternate" hreflang="en" href="{escape(f"{base_url}/{en}")}"/>',
                f'  <xhtml:link rel="alternate" hreflang="zh" href="{escape(f"{base_url}/{zh}")}"/>',
                "</url>",
            ]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _literals(by_lang: dict[str, str]) -> str:
    """Turtle literals, one per language (JSON string escaping is valid Turtle string escaping)."""
    return " , ".join(_literal(text, lang) for lang, text in by_lang.items())


def _literal(text: str, lang: str) -> str:
    return f"{json.dumps(text, ensure_ascii=False)}@{lang}"
