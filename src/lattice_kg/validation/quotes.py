"""Quote audit: every anchor's quote stands at its offsets, on its page and line, in its source's text.

Each anchor is audited against the text of its oa:hasSource (an anchor without one, against the first
source's, as `lattice anchor` writes it by default). The anchors are read from the store the checkers
share by a few index scans, so the audit costs the same per anchor at any size of graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..article import ArticleText
from ..core import vocab
from ..core.project import Source, project
from .nodes import label, owner, text
from .report import Result, Severity

if TYPE_CHECKING:
    import pyoxigraph

LAT = vocab.LAT
OA = vocab.WELL_KNOWN["oa"]
RDF_TYPE = vocab.RDF_TYPE

# What the audit reads, property by property: each a plain index scan (a query that joins them
# would have Oxigraph scan the whole graph for the UNION of their patterns).
_ANCHOR_VALUES = (f"{LAT}page", f"{LAT}line", f"{OA}hasSource")
_SELECTOR_VALUES = (f"{OA}start", f"{OA}end", f"{OA}exact")


@dataclass
class _Anchor:
    values: dict[str, list[object]] = field(default_factory=lambda: defaultdict(list))
    selectors: dict[object, dict[str, list[object]]] = field(default_factory=dict)

    def value(self, prop: str) -> object | None:
        return _first(self.values, prop)


def _values(store: pyoxigraph.Store, prop: str) -> Iterator[tuple[object, object]]:
    import pyoxigraph

    for quad in store.quads_for_pattern(None, pyoxigraph.NamedNode(prop), None, pyoxigraph.DefaultGraph()):
        yield quad.subject, quad.object


def check(
    store: pyoxigraph.Store,
    articles: ArticleText | Mapping[str, ArticleText],
    missing: Mapping[str, Path] | None = None,
) -> list[Result]:
    """Audit every anchor against its source's text: `articles` by source IRI (one text: the first source's).

    `missing` names the sources whose text is not there: their anchors are not audited, and each such
    source is one warning."""
    import pyoxigraph

    p = project()
    if isinstance(articles, ArticleText):
        articles = {p.source.iri: articles}
    missing = missing or {}
    results = []
    for source in p.sources:
        if source.iri in articles:
            results.extend(_hashes(store, source, articles[source.iri]))
        elif source.iri in missing:
            results.append(
                Result("quotes", Severity.WARN, f"the text of {vocab.curie(source.iri)} is not at "
                       f"{missing[source.iri]}: its anchors were not audited", focus=source.iri)
            )  # fmt: skip
    anchor_class = pyoxigraph.NamedNode(f"{LAT}Anchor")
    rdf_type = pyoxigraph.NamedNode(RDF_TYPE)
    anchors: dict[object, _Anchor] = {
        q.subject: _Anchor()
        for q in store.quads_for_pattern(None, rdf_type, anchor_class, pyoxigraph.DefaultGraph())
    }
    for prop in _ANCHOR_VALUES:
        for subject, value in _values(store, prop):
            if subject in anchors:
                anchors[subject].values[prop].append(value.value)  # type: ignore[attr-defined]
    selectors: dict[object, dict[str, list[object]]] = {}
    for subject, selector in _values(store, f"{OA}hasSelector"):
        if subject in anchors:
            selectors[selector] = anchors[subject].selectors.setdefault(selector, defaultdict(list))
    for prop in _SELECTOR_VALUES:
        for subject, value in _values(store, prop):
            if subject in selectors:
                selectors[subject][prop].append(value.value)  # type: ignore[attr-defined]
    known = {s.iri for s in p.sources}
    for anchor, entry in anchors.items():
        source_iri = str(entry.value(f"{OA}hasSource") or p.source.iri)
        if source_iri in articles:
            problem = _audit(entry, articles[source_iri])
        elif source_iri in known:
            continue  # its text is missing: one warning above
        else:
            problem = f"oa:hasSource {vocab.curie(source_iri)} is not a source in lattice.toml"
        if problem:
            fact = owner(store, anchor)
            results.append(
                Result("quotes", Severity.ERROR, problem, focus=text(fact), label=label(store, fact),
                       path=f"{LAT}anchor")
            )  # fmt: skip
    return results


def _hashes(store: pyoxigraph.Store, source: Source, article: ArticleText) -> list[Result]:
    """The text against the SHA-256 the graph records, and the graph's against lattice.toml's."""
    import pyoxigraph

    article_node, sha = pyoxigraph.NamedNode(source.iri), pyoxigraph.NamedNode(f"{LAT}textSha256")
    recorded = next(
        (q.object.value for q in store.quads_for_pattern(article_node, sha, None, pyoxigraph.DefaultGraph())),
        None,
    )
    results = []
    if recorded is not None and recorded != article.sha256:
        results.append(
            Result("quotes", Severity.ERROR, f"{article.path.name} has changed: its SHA-256 is "
                   f"{article.sha256}, the graph records {recorded}; offsets may be wrong",
                   focus=source.iri, path=f"{LAT}textSha256", value=recorded)
        )  # fmt: skip
    if source.sha256 is not None and source.sha256 != (recorded or article.sha256):
        which = "the graph" if recorded is not None else f"{article.path.name}"
        results.append(
            Result("quotes", Severity.ERROR, f"lattice.toml records SHA-256 {source.sha256} for "
                   f"{vocab.curie(source.iri)}, {which} has {recorded or article.sha256}",
                   focus=source.iri, path=f"{LAT}textSha256", value=recorded)
        )  # fmt: skip
    return results


def _first(values: dict[str, list[object]], prop: str) -> object | None:
    found = values.get(prop)
    return found[0] if found else None


def _audit(anchor: _Anchor, article: ArticleText) -> str | None:
    selectors = list(anchor.selectors.values())
    positions = [s for s in selectors if _first(s, OA + "start") is not None]
    if len(positions) != 1:
        return "anchor without exactly one oa:TextPositionSelector"
    try:
        start, end = int(_first(positions[0], OA + "start")), int(_first(positions[0], OA + "end"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "oa:start/oa:end are not integers"
    if not 0 <= start < end <= len(article.text):
        return f"offsets {start}-{end} are outside the text (0-{len(article.text)})"
    line = article.line_of(start)
    if not article.in_source(line):
        return f"offsets {start}-{end} point at line {line}, which is not part of the article"
    for selector in selectors:
        exact = _first(selector, OA + "exact")
        if exact is not None and article.text[start:end] != str(exact):
            return (
                f"quote {str(exact)!r} is not at {start}-{end}; the text there is {article.text[start:end]!r}"
            )
    page = anchor.value(LAT + "page")
    if page is not None and article.page_of(start) != int(page):  # type: ignore[call-overload]
        return f"page {page} is wrong: offset {start} is on page {article.page_of(start)}"
    recorded_line = anchor.value(LAT + "line")
    if recorded_line is not None and int(recorded_line) != line:  # type: ignore[call-overload]
        return f"line {recorded_line} is wrong: offset {start} is on line {line}"
    return None
