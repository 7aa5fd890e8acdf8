"""`lattice anchor`: the evidence block of a quote, and the errors a data author sees."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lattice_kg.anchors import locate
from lattice_kg.article import ArticleText
from lattice_kg.cli import app

runner = CliRunner()


def test_anchor_of_a_unique_quote(project_copy: Path, article: ArticleText) -> None:
    result = runner.invoke(app, ["anchor", "日本实现了战略觉醒"])
    assert result.exit_code == 0, result.output
    start = article.text.index("日本实现了战略觉醒")
    assert result.output == (
        "    lat:anchor [\n"
        "        a lat:Anchor ;\n"
        "        oa:hasSource src:zhao-2024 ;\n"
        "        lat:page 3 ;\n"
        "        lat:section sec:intro ;\n"
        "        lat:line 36 ;\n"
        '        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "日本实现了战略觉醒" ] ,\n'
        f"            [ a oa:TextPositionSelector ; oa:start {start} ; oa:end {start + 9} ]\n"
        "    ] ;\n"
    )


def test_a_repeated_quote_needs_a_line_and_then_gets_context(project_copy: Path) -> None:
    result = runner.invoke(app, ["anchor", "副警长"])
    assert result.exit_code == 2
    assert result.output == (
        "lattice: error: quote '副警长': 2 occurrences (lines 140, 398); "
        "pass --line or --occurrence, or quote more\n"
    )
    result = runner.invoke(app, ["anchor", "副警长", "--line", "398"])
    assert result.exit_code == 0
    assert "lat:page 28 ;" in result.output and "lat:section sec:5 ;" in result.output
    assert 'oa:prefix "在印太地区扮演“" ; oa:suffix "”角色。^③ 日"' in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["不存在的短语"], "quote '不存在的短语': not found in zhao-2024.txt"),
        (["副警长", "--line", "10"], "quote '副警长': not on line 10 (found on line 140, 398)"),
        (["副警长", "--occurrence", "3"], "quote '副警长': --occurrence 3 of 2"),
        (["x" * 41], "quote 'xxxxxxxxxxxx'…: 41 characters, more than 40"),
        ([" 日本"], "quote ' 日本': empty or with leading/trailing whitespace"),
        (
            ["has shown a strengthening trend"],
            "quote 'has shown a strengthening trend': only in another article's abstract (line 434), "
            "not part of this source",
        ),
    ],
)
def test_anchor_errors(project_copy: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["anchor", *args])
    assert result.exit_code == 2
    assert result.output == f"lattice: error: {message}\n"


def test_located_offsets_slice_the_quote(article: ArticleText) -> None:
    found = locate(article, "辐辏体系", line=36)
    assert article.text[found.start : found.end] == "辐辏体系"
    assert (found.page, found.line) == (3, 36)


def test_missing_source_text_is_a_one_line_error(project_copy: Path, monkeypatch) -> None:
    missing = project_copy / "nowhere.txt"
    monkeypatch.setenv("LATTICE_SOURCE_TEXT", str(missing))
    result = runner.invoke(app, ["anchor", "日本"])
    assert result.exit_code == 2
    assert result.output == (
        f"lattice: error: {missing}: cannot read the source text (No such file or directory); "
        "set LATTICE_SOURCE_TEXT to its location\n"
    )


def test_anchor_on_the_abstracts_page_has_no_page_number(project_copy: Path) -> None:
    result = runner.invoke(app, ["anchor", "conceptual provider, driver and enabler"])
    assert result.exit_code == 0, result.output
    assert "lat:page" not in result.output
    assert "lat:section sec:abstract-en ;" in result.output and "lat:line 428 ;" in result.output
