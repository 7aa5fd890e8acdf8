"""Rows as every command prints them: each format's exact text, CJK labels aligned by display width."""

from __future__ import annotations

import pytest

from lattice_kg.output import Format, render

HEADERS = ["actor", "n"]
ROWS = [["日本", 3], ["United States", None]]

# "日本" is four columns wide, so it takes nine spaces of padding to line up with "United States"
EXPECTED = {
    Format.table: "actor          n\n-------------  -\n日本           3\nUnited States",
    Format.md: "| actor         | n |\n|---------------|---|\n| 日本          | 3 |\n| United States |   |",
    Format.csv: "actor,n\n日本,3\nUnited States,",
    Format.tsv: "actor\tn\n日本\t3\nUnited States\t",
    Format.json: '[\n  {\n    "actor": "日本",\n    "n": 3\n  },\n  {\n    "actor": "United States",\n'
    '    "n": null\n  }\n]',
}


def test_every_format_has_its_expected_text() -> None:
    assert set(EXPECTED) == set(Format)


@pytest.mark.parametrize("fmt", list(Format))
def test_a_small_table_in_each_format(fmt: Format) -> None:
    assert render(HEADERS, ROWS, fmt) == EXPECTED[fmt]


def test_csv_quotes_a_value_with_its_delimiter() -> None:
    assert render(["name"], [["Japan, Inc."]], Format.csv) == 'name\n"Japan, Inc."'
    assert render(["name"], [["Japan, Inc."]], Format.tsv) == "name\nJapan, Inc."


def test_no_rows_is_the_header_alone() -> None:
    assert render(HEADERS, [], Format.table) == "actor  n\n-----  -"
    assert render(HEADERS, [], Format.csv) == "actor,n"
    assert render(HEADERS, [], Format.json) == "[]"
