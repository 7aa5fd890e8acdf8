"""Quote audit: every anchor's quote stands at its offsets, on its page and line, in the article itself.

The anchors are read with one query on the store the checkers share, so the audit costs the same
per anchor at any size of graph.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..article import ArticleText
from .nodes import label, owner, text
from .report import Result, Severity

if TYPE_CHECKING:
    import pyoxigraph

LAT = "https://w3id.org/lattice/ontology#"
OA = "http://www.w3.org/ns/oa#"
ARTICLE = "https://w3id.org/lattice/id/source/zhao-2024"

_RECORDED = f"SELECT ?sha WHERE {{ <{ARTICLE}> <{LAT}textSha256> ?sha }} LIMIT 1"
# One row per anchor and property of it or of one of its selectors (a selector's own values under
# ?selector); what is missing stays unbound.
_ANCHORS = f"""
SELECT ?anchor ?property ?value ?selector WHERE {{
    ?anchor a <{LAT}Anchor> .
    {{ ?anchor ?property ?value VALUES ?property {{ <{LAT}page> <{LAT}line> }} }}
    UNION {{ ?anchor <{OA}hasSelector> ?selector
             OPTIONAL {{ ?selector ?property ?value
                         VALUES ?property {{ <{OA}start> <{OA}end> <{OA}exact> }} }} }}
    UNION {{ BIND (<{LAT}Anchor> AS ?property) }}
}}"""


@dataclass
class _Anchor:
    values: dict[str, list[object]] = field(default_factory=lambda: defaultdict(list))
    selectors: dict[object, dict[str, list[object]]] = field(default_factory=dict)

    def value(self, prop: str) -> object | None:
        found = self.values.get(prop)
        return found[0] if found else None


def check(store: pyoxigraph.Store, article: ArticleText) -> list[Result]:
    results = []
    recorded = next((row["sha"].value for row in store.query(_RECORDED)), None)
    if recorded is not None and recorded != article.sha256:
        results.append(
            Result("quotes", Severity.ERROR, f"{article.path.name} has changed: its SHA-256 is "
                   f"{article.sha256}, the graph records {recorded}; offsets may be wrong",
                   focus=ARTICLE, path=f"{LAT}textSha256", value=recorded)
        )  # fmt: skip
    anchors: dict[object, _Anchor] = defaultdict(_Anchor)
    for row in store.query(_ANCHORS):
        anchor, prop, value, selector = row["anchor"], row["property"], row["value"], row["selector"]
        entry = anchors[anchor]
        if selector is not None:
            values = entry.selectors.setdefault(selector, defaultdict(list))
            if value is not None:
                values[prop.value].append(value.value)
        elif value is not None:
            entry.values[prop.value].append(value.value)
    for anchor, entry in anchors.items():
        problem = _audit(entry, article)
        if problem:
            fact = owner(store, anchor)
            results.append(
                Result("quotes", Severity.ERROR, problem, focus=text(fact), label=label(store, fact),
                       path=f"{LAT}anchor")
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
