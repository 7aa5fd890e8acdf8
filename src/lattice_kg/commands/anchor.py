"""`lattice anchor`: the evidence anchor of a quote, for data authors."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import user_errors


@user_errors
def anchor(
    quote: Annotated[
        str, typer.Argument(help="A short exact phrase of the article (at most 40 characters).")
    ],
    line: Annotated[int | None, typer.Option(help="Source line the quote must start on.")] = None,
    occurrence: Annotated[
        int | None, typer.Option(help="Which of several matches to take (1 = first).")
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Id of the source the quote is in (default: the first one).")
    ] = None,
) -> None:
    """Print the evidence anchor (page, section, line, quote, offsets) of a quote, as Turtle."""
    from ..anchors import locate, section_of, sections, to_turtle
    from ..article import ArticleText
    from ..core.project import project
    from ..store import open_store

    text = project().source_by_id(source) if source else project().source
    located = locate(ArticleText(source=text), quote, line=line, occurrence=occurrence)
    found = sections(open_store().store, text)
    typer.echo(to_turtle(located, section_of(found, located.line), text.iri))
