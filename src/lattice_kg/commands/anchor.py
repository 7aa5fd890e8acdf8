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
) -> None:
    """Print the evidence anchor (page, section, line, quote, offsets) of a quote, as Turtle."""
    from ..anchors import SECTION_QUERY, locate, section_of, to_turtle
    from ..article import ArticleText
    from ..store import open_store

    located = locate(ArticleText(), quote, line=line, occurrence=occurrence)
    store = open_store().store
    sections = [(row["section"].value, int(row["start"].value)) for row in store.query(SECTION_QUERY)]
    typer.echo(to_turtle(located, section_of(sections, located.line)))
