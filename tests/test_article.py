"""The article's page layout, read from its text alone, against the page table of the source's README."""

from __future__ import annotations

from pathlib import Path

import pytest

from lattice_kg.article import ArticleText
from lattice_kg.core.errors import InputError

# (line, page) at the edges of pages in the README's table: page 1 is lines 1-20, page 2 is 22-34, …
PAGE_EDGES = [(1, 1), (18, 1), (20, 1), (22, 2), (34, 2), (36, 3), (126, 9), (138, 9), (140, 10)]
PAGE_EDGES += [(290, 21), (306, 21), (410, 29), (420, 29)]


@pytest.mark.parametrize(("line", "page"), PAGE_EDGES)
def test_a_line_is_on_its_printed_page(article: ArticleText, line: int, page: int) -> None:
    assert article.page_of_line[line] == page
    assert article.page_of(article.line_starts[line - 1]) == page


def test_the_body_ends_before_the_abstracts_page(article: ArticleText) -> None:
    assert article.lines[article.body_end_line] == "Abstracts"
    assert article.body_end_line == 421  # the README: lines 422-434 are the Abstracts page
    assert article.pages() == list(range(1, 30))
    assert article.page_of(article.line_starts[423]) is None  # line 424, on no printed page


def test_only_the_articles_own_abstract_is_part_of_the_source(article: ArticleText) -> None:
    assert article.own_abstract_lines == (424, 428)  # title, author, abstract; line 430 is another article's
    assert article.in_source(421) and article.in_source(424) and article.in_source(428)
    assert not article.in_source(422) and not article.in_source(430) and not article.in_source(434)


def test_there_are_123_notes_named_by_page_and_number(article: ArticleText) -> None:
    ids = [note.note_id for note in article.note_lines]
    assert len(ids) == len(set(ids)) == 123
    assert ids[0] == "p1-star"
    assert [n.number for n in article.note_lines if n.page == 1] == [None]  # page 1: the asterisk note only
    assert {n.page for n in article.note_lines if n.number is not None} == set(range(2, 30))


def test_a_note_line_is_where_the_text_has_it(article: ArticleText) -> None:
    notes = {note.note_id: note for note in article.note_lines}
    star, johnson = notes["p1-star"], notes["p9-1"]
    assert (star.line, johnson.line) == (20, 132)
    assert article.text[star.start : star.end] == article.lines[19]
    assert article.text[johnson.start : johnson.end].startswith("^① Jesse Johnson")
    assert johnson.page == 9 and 126 <= johnson.line <= 138


def test_every_note_has_its_marker_on_its_own_page(article: ArticleText) -> None:
    marked = {(m.page, m.number) for m in article.markers}
    assert marked == {(n.page, n.number) for n in article.note_lines}
    assert not {m.line for m in article.markers} & {n.line for n in article.note_lines}  # none in the notes


def test_line_of_an_offset(article: ArticleText) -> None:
    start = article.line_starts[131]
    assert article.line_of(0) == 1
    assert article.line_of(start) == 132
    assert article.line_of(start - 1) == 131  # the newline ending line 131 belongs to it


def test_a_missing_text_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "none.txt"
    with pytest.raises(InputError) as raised:
        ArticleText(missing)
    assert (
        str(raised.value)
        == f"{missing}: cannot read the source text (No such file or directory); check lattice.toml"
    )
