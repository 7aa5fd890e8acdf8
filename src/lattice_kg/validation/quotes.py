"""Quote audit: every anchor's quote stands at its offsets, on its page and line, in the article itself."""

from __future__ import annotations

import rdflib
from rdflib.namespace import RDF

from ..article import ArticleText
from .nodes import label, owner, text
from .report import Result, Severity

LAT = rdflib.Namespace("https://w3id.org/lattice/ontology#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
ARTICLE = rdflib.URIRef("https://w3id.org/lattice/id/source/zhao-2024")


def check(data: rdflib.Graph, article: ArticleText) -> list[Result]:
    results = []
    recorded = data.value(ARTICLE, LAT.textSha256)
    if recorded is not None and str(recorded) != article.sha256:
        results.append(
            Result("quotes", Severity.ERROR, f"{article.path.name} has changed: its SHA-256 is "
                   f"{article.sha256}, the graph records {recorded}; offsets may be wrong",
                   focus=str(ARTICLE), path=str(LAT.textSha256), value=str(recorded))
        )  # fmt: skip
    for anchor in set(data.subjects(RDF.type, LAT.Anchor)):
        problem = _audit(data, anchor, article)
        if problem:
            fact = owner(data, anchor)
            results.append(
                Result("quotes", Severity.ERROR, problem, focus=text(fact), label=label(data, fact),
                       path=str(LAT.anchor))
            )  # fmt: skip
    return results


def _audit(data: rdflib.Graph, anchor: rdflib.term.Node, article: ArticleText) -> str | None:
    selectors = list(data.objects(anchor, OA.hasSelector))
    positions = [s for s in selectors if data.value(s, OA.start) is not None]
    if len(positions) != 1:
        return "anchor without exactly one oa:TextPositionSelector"
    try:
        start, end = int(data.value(positions[0], OA.start)), int(data.value(positions[0], OA.end))
    except (TypeError, ValueError):
        return "oa:start/oa:end are not integers"
    if not 0 <= start < end <= len(article.text):
        return f"offsets {start}-{end} are outside the text (0-{len(article.text)})"
    line = article.line_of(start)
    if not article.in_source(line):
        return f"offsets {start}-{end} point at line {line}, which is not part of the article"
    for selector in selectors:
        exact = data.value(selector, OA.exact)
        if exact is not None and article.text[start:end] != str(exact):
            return (
                f"quote {str(exact)!r} is not at {start}-{end}; the text there is {article.text[start:end]!r}"
            )
    page = data.value(anchor, LAT.page)
    if page is not None and article.page_of(start) != int(page):
        return f"page {page} is wrong: offset {start} is on page {article.page_of(start)}"
    recorded_line = data.value(anchor, LAT.line)
    if recorded_line is not None and int(recorded_line) != line:
        return f"line {recorded_line} is wrong: offset {start} is on line {line}"
    return None
