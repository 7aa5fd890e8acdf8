"""Reading the project's Turtle files: one line a user can act on, with the file as they know it."""

from __future__ import annotations

from pathlib import Path

import pytest

from lattice_kg.core.errors import EXIT_INPUT, InputError
from lattice_kg.inputs import check_turtle_file, load_store, read_turtle_text, shown

PREFIX = b"@prefix ex: <https://example.org/> .\n"


def write(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def error_of(call, *args) -> str:
    with pytest.raises(InputError) as raised:
        call(*args)
    assert raised.value.exit_code == EXIT_INPUT
    return str(raised.value)


def test_a_path_inside_the_project_is_shown_relative_to_it(tmp_path: Path) -> None:
    assert shown(tmp_path / "data" / "a.ttl", tmp_path) == "data/a.ttl"
    assert shown(tmp_path / "a.ttl", tmp_path / "project") == str(tmp_path / "a.ttl")
    assert shown(tmp_path / "a.ttl", None) == str(tmp_path / "a.ttl")


def test_a_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "data" / "prefix.ttl", PREFIX + b"foo:a ex:b ex:c .\n")
    message = error_of(check_turtle_file, path, tmp_path)
    assert message == "data/prefix.ttl:2:1: Turtle syntax error: The prefix foo: has not been declared"


def test_an_unclosed_string_is_placed_where_it_opens(tmp_path: Path) -> None:
    path = write(tmp_path / "open.ttl", PREFIX + b'ex:a ex:b "open .\n')
    message = error_of(check_turtle_file, path, tmp_path)
    assert message.startswith("open.ttl:2:11: Turtle syntax error: ")
    assert "\n" not in message and "Parser error" not in message


@pytest.mark.parametrize("content", [b"", b"\n\n", b"# nothing here\n", b"  # indented comment\n\t\n"])
def test_a_file_of_blanks_and_comments_is_empty(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "empty.ttl", content)
    assert error_of(read_turtle_text, path, tmp_path) == "empty.ttl: empty file (no triples)"


def test_a_comment_before_a_triple_is_not_empty(tmp_path: Path) -> None:
    content = b"# a note\n" + PREFIX + b"ex:a ex:b ex:c .\n"
    path = write(tmp_path / "note.ttl", content)
    assert check_turtle_file(path, tmp_path) == content.decode()


def test_a_missing_file(tmp_path: Path) -> None:
    assert (
        error_of(read_turtle_text, tmp_path / "data" / "nope.ttl", tmp_path) == "data/nope.ttl: no such file"
    )


def test_a_file_not_in_utf8_names_its_line_and_byte(tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.ttl", PREFIX + 'ex:a ex:b "caf\xe9" .\n'.encode("latin-1"))
    offset = len(PREFIX) + len(b'ex:a ex:b "caf')
    expected = f"latin1.ttl:2: not UTF-8 (byte 0xe9 at offset {offset})"
    assert error_of(read_turtle_text, path, tmp_path) == expected


def test_a_store_load_reports_the_broken_file_with_its_own_lines(tmp_path: Path) -> None:
    good = write(tmp_path / "good.ttl", PREFIX + b"ex:a ex:b ex:c .\nex:a ex:b ex:d .\n")
    bad = write(tmp_path / "bad.ttl", PREFIX + b"foo:a ex:b ex:c .\n")
    message = error_of(load_store, [good, bad], tmp_path)
    assert message == "bad.ttl:2:1: Turtle syntax error: The prefix foo: has not been declared"
    assert len(load_store([good], tmp_path)) == 2
