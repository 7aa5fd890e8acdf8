"""The ontology's documentation, made by pyLODE, at the ontology IRI's path (`ontology/index.html`)."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import EnvironmentProblem
from . import layout
from .graph import LAT, ONT, site_prefixes

if TYPE_CHECKING:
    import pyoxigraph as ox

_SECTION = re.compile(
    r'<div class="[^"]*entity[^"]*" id="([^"]+)">\s*<h3>(.*?)</h3>.*?<code>([^<]+)</code>', re.S
)


# pyLODE links a blank node (an anonymous class inside a restriction) to its internal id, a page that
# does not exist
_BLANK_LINK = re.compile(r'<a href="(n[0-9a-f]{16,})">\1</a>')


def document(ontology_file: Path, site: Path) -> dict[str, str]:
    """Write the ontology's page and its RDF files into the site; return each term's IRI -> anchor id."""
    import pyoxigraph as ox

    (site / layout.ONTOLOGY_FOLDER).mkdir(parents=True, exist_ok=True)
    triples = list(ox.parse(path=str(ontology_file), format=ox.RdfFormat.TURTLE))
    text = _pylode(ontology_file)
    anchors = {iri: anchor for anchor, _, iri in _SECTION.findall(text)}
    text = _separate_languages(text, triples)
    text = _BLANK_LINK.sub('<span class="anonymous">(anonymous class)</span>', text)
    (site / layout.ONTOLOGY.pages["en"]).write_text(text, encoding="utf-8")
    for fmt, file in layout.ONTOLOGY.data.items():
        prefixes = site_prefixes() if fmt == ox.RdfFormat.TURTLE else None
        ox.serialize(triples, str(site / file), fmt, prefixes=prefixes)
    return {iri: a for iri, a in anchors.items() if iri.startswith(LAT) or iri == ONT}


def _pylode(ontology_file: Path) -> str:
    """pyLODE configures the root logger (a handler at DEBUG) when imported: undo that afterwards, so
    its messages, and those of every library after it, do not end up on the user's terminal."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        from pylode import OntPub

        root.setLevel(logging.WARNING)
        return OntPub(ontology=str(ontology_file)).make_html()
    except ImportError as exc:  # pragma: no cover - a broken install
        raise EnvironmentProblem(f"pyLODE cannot be imported ({exc}); reinstall lattice-kg") from None
    finally:
        root.setLevel(level)
        root.handlers[:] = handlers


def _separate_languages(text: str, triples: list[ox.Triple]) -> str:
    """pyLODE prints a term's English and Chinese labels run together ("Reciprocal access
    agreement互惠准入协定"); put a separator between them so each reads as a name."""
    import pyoxigraph as ox

    labels: dict[str, dict[str, str]] = {}
    for t in triples:
        if t.predicate.value == "http://www.w3.org/2000/01/rdf-schema#label" and isinstance(
            t.object, ox.Literal
        ):
            labels.setdefault(t.subject.value, {})[t.object.language or ""] = t.object.value
    for by_lang in labels.values():
        en, zh = by_lang.get("en"), by_lang.get("zh")
        if en and zh:
            text = text.replace(
                f"<h3>{html.escape(en, quote=False)}{html.escape(zh, quote=False)}",
                f'<h3>{html.escape(en, quote=False)} <span lang="zh">· {html.escape(zh, quote=False)}</span>',
            )
    return text
