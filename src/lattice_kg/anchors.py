"""Locate a short quote in the article and write its evidence anchor: no offset is counted by hand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .article import ArticleText
from .core import vocab
from .core.errors import InputError
from .core.project import Source, project

if TYPE_CHECKING:
    import pyoxigraph

MAX_QUOTE = 40  # characters: a phrase, not a paragraph
CONTEXT = 8  # characters of oa:prefix / oa:suffix when a quote is not unique


@dataclass(frozen=True)
class Located:
    quote: str
    start: int
    end: int
    page: int | None  # None on the journal's Abstracts page
    line: int
    prefix: str | None
    suffix: str | None


def occurrences(text: str, quote: str) -> list[int]:
    found, pos = [], text.find(quote)
    while pos != -1:
        found.append(pos)
        pos = text.find(quote, pos + 1)
    return found


def locate(
    article: ArticleText, quote: str, line: int | None = None, occurrence: int | None = None
) -> Located:
    """Find the one place a quote stands, narrowed by line and occurrence; fail clearly otherwise."""
    if not quote.strip() or quote != quote.strip():
        raise InputError(f"quote {quote!r}: empty or with leading/trailing whitespace")
    if len(quote) > MAX_QUOTE:
        raise InputError(f"quote {quote[:12]!r}…: {len(quote)} characters, more than {MAX_QUOTE}")
    if "\n" in quote:
        raise InputError(f"quote {quote!r}: spans a line break; quote within one paragraph line")
    everywhere = occurrences(article.text, quote)
    if not everywhere:
        raise InputError(f"quote {quote!r}: not found in {article.path.name}")
    outside = [p for p in everywhere if not article.in_source(article.line_of(p))]
    everywhere = [p for p in everywhere if p not in outside]
    if not everywhere:
        lines = ", ".join(str(article.line_of(p)) for p in outside)
        raise InputError(
            f"quote {quote!r}: only in another article's abstract (line {lines}), not part of this source",
        )
    candidates = [p for p in everywhere if line is None or article.line_of(p) == line]
    if not candidates:
        lines = ", ".join(str(article.line_of(p)) for p in everywhere)
        raise InputError(f"quote {quote!r}: not on line {line} (found on line {lines})")
    if occurrence is not None:
        if not 1 <= occurrence <= len(candidates):
            raise InputError(f"quote {quote!r}: --occurrence {occurrence} of {len(candidates)}")
        candidates = [candidates[occurrence - 1]]
    if len(candidates) > 1:
        lines = ", ".join(str(article.line_of(p)) for p in candidates)
        raise InputError(
            f"quote {quote!r}: {len(candidates)} occurrences (lines {lines}); "
            "pass --line or --occurrence, or quote more",
        )
    start = candidates[0]
    end = start + len(quote)
    unique = len(everywhere) == 1
    return Located(
        quote=quote,
        start=start,
        end=end,
        page=article.page_of(start),
        line=article.line_of(start),
        prefix=None if unique else article.text[max(0, start - CONTEXT) : start],
        suffix=None if unique else article.text[end : end + CONTEXT],
    )


def _turtle_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_turtle(located: Located, section: str, source: str | None = None) -> str:
    """The `lat:anchor [...]` property block, in the layout the data files use (source: its IRI)."""
    quote = [f"a oa:TextQuoteSelector ; oa:exact {_turtle_string(located.quote)}"]
    if located.prefix is not None:
        quote.append(f"oa:prefix {_turtle_string(located.prefix)}")
    if located.suffix is not None:
        quote.append(f"oa:suffix {_turtle_string(located.suffix)}")
    return "\n".join(
        [
            "    lat:anchor [",
            "        a lat:Anchor ;",
            f"        oa:hasSource {vocab.curie(source or project().source.iri)} ;",
            *([f"        lat:page {located.page} ;"] if located.page is not None else []),
            f"        lat:section {section} ;",
            f"        lat:line {located.line} ;",
            f"        oa:hasSelector [ {' ; '.join(quote)} ] ,",
            f"            [ a oa:TextPositionSelector ; oa:start {located.start} ; oa:end {located.end} ]",
            "    ] ;",
        ]
    )


# One source's sections: a subsection is part of its section, which is part of the source.
_SOURCE_SECTIONS = vocab.vocabulary().sparql("lat", "dcterms") + (
    "SELECT ?section ?start WHERE {{ ?section a lat:Section ; lat:startLine ?start ; "
    "dcterms:isPartOf+ <{source}> }}\n"
)


def sections(store: pyoxigraph.Store, source: Source) -> list[tuple[str, int]]:
    """The source's sections and their first lines: another source's line numbers mean nothing here."""
    query = _SOURCE_SECTIONS.format(source=source.iri)
    return [(row["section"].value, int(row["start"].value)) for row in store.query(query)]


def section_of(sections: list[tuple[str, int]], line: int) -> str:
    """`sec:<id>` of the last section starting at or before the line."""
    best = max((s for s in sections if s[1] <= line), key=lambda s: s[1], default=None)
    if best is None:
        raise InputError(f"line {line}: before the first section of the article")
    iri = best[0]
    short = vocab.curie(iri)
    return short if short != iri else f"<{iri}>"
