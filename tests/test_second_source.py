"""A second source end to end: its text, anchors, quote audit, answers, site and counts beside the first."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lattice_kg.anchors import sections
from lattice_kg.article import ArticleText
from lattice_kg.cli import app
from lattice_kg.core.project import project, source_files
from lattice_kg.inputs import load_store
from lattice_kg.publish import texts
from lattice_kg.stats import compute
from lattice_kg.store import open_store

from . import two_sources as helper
from .conftest import ROOT, SOURCE_TEXT
from .two_sources import SECOND, SECOND_TEXT, write_two_sources

two_sources = helper.two_sources  # the fixture: a fresh two-source project per test

runner = CliRunner()
ID = "https://w3id.org/lattice/id/"
SECOND_IRI = ID + "source/" + SECOND
PILOT = "statement/fact-northcape-bay-port-forum-joint-scheduling-pilot"


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One two-source project for the tests that only read it (its store is built once)."""
    base = tmp_path_factory.mktemp("two-sources")
    copy = write_two_sources(base / "project")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LATTICE_ROOT", str(copy))
        mp.setenv("LATTICE_CACHE", str(base / "cache"))
        mp.setenv("LATTICE_SOURCE_TEXT", str(SOURCE_TEXT))
        yield copy


@pytest.fixture(scope="module")
def second() -> ArticleText:
    return ArticleText(SECOND_TEXT)


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def quotes_findings(output: str) -> list[tuple[str, str, str]]:
    report = json.loads(output)
    assert "quotes" in report["checkers"]
    return [
        (r["severity"], r["focus"], r["message"])
        for r in report["results"]
        if r["checker"] == "quotes" and r["severity"] != "INFO"
    ]


# ---------------------------------------------------------------- the text


def test_the_fixture_text_has_pages_notes_and_markers(second: ArticleText) -> None:
    assert second.pages() == [1, 2, 3]
    assert [n.note_id for n in second.note_lines] == ["p1-star", "p2-1", "p2-2", "p3-1"]
    assert [(m.page, m.number) for m in second.markers] == [(1, None), (2, 1), (2, 2), (3, 1)]
    # the English abstract is the article's own; the journal's heading closes the body
    first, last = second.own_abstract_lines
    assert second.lines[first - 1].startswith("The Institutionalisation of the Northcape Bay")
    assert second.in_source(last) and not second.in_source(second.body_end_line + 1)


def test_the_project_reads_both_sources(shared: Path) -> None:
    p = project()
    assert [s.id for s in p.sources] == ["zhao-2024", SECOND]
    assert p.source_of(SECOND_IRI + "/fn/p2-1") is p.sources[1]
    assert p.sources[1].text_path() == shared / "texts" / f"{SECOND}.txt"


# ---------------------------------------------------------------- lattice anchor


def test_anchor_in_the_second_source(shared: Path, second: ArticleText) -> None:
    code, output = invoke("anchor", "论坛启动联合调度平台试点", "--source", SECOND)
    assert code == 0, output
    start = second.text.index("论坛启动联合调度平台试点")
    assert output == (
        "    lat:anchor [\n"
        "        a lat:Anchor ;\n"
        f"        oa:hasSource src:{SECOND} ;\n"
        "        lat:page 3 ;\n"
        "        lat:section tsec:2 ;\n"
        "        lat:line 28 ;\n"
        '        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "论坛启动联合调度平台试点" ] ,\n'
        f"            [ a oa:TextPositionSelector ; oa:start {start} ; oa:end {start + 12} ]\n"
        "    ] ;\n"
    )


def test_anchor_takes_the_section_of_its_own_source(shared: Path) -> None:
    # line 20 of the second text: its section 1 starts on line 18, as the first source's intro does
    code, output = invoke("anchor", "论坛初设秘书处于北岬港", "--source", SECOND)
    assert code == 0, output
    assert "        lat:section tsec:1 ;\n        lat:line 20 ;\n" in output
    store = open_store().store
    assert sorted(sections(store, project().sources[1])) == sorted(
        (f"{SECOND_IRI}/section/{n}", line) for n, line in (("front", 2), ("intro", 12), ("1", 18), ("2", 26))
    )
    first = sections(store, project().source)
    assert len(first) == 15 and not any(iri.startswith(SECOND_IRI) for iri, _ in first)


def test_anchor_defaults_to_the_first_source(shared: Path) -> None:
    code, output = invoke("anchor", "论坛启动联合调度平台试点")
    assert (code, output) == (
        2,
        "lattice: error: quote '论坛启动联合调度平台试点': not found in zhao-2024.txt\n",
    )
    code, output = invoke("anchor", "日本实现了战略觉醒")
    assert code == 0 and "oa:hasSource src:zhao-2024 ;" in output and "lat:section sec:intro ;" in output


def test_anchor_of_an_unknown_source_is_one_line(shared: Path) -> None:
    code, output = invoke("anchor", "论坛", "--source", "nope")
    assert (code, output) == (
        2,
        f"lattice: error: {shared / 'lattice.toml'}: no source 'nope' (sources: zhao-2024, {SECOND})\n",
    )


# ---------------------------------------------------------------- lattice validate


def test_validate_passes_on_both_sources(shared: Path) -> None:
    code, output = invoke("validate", "--format", "json")
    report = json.loads(output)
    assert code == 0, output
    assert report["checkers"] == ["shacl", "qc", "owl", "quotes"] and report["conforms"] is True
    assert report["counts"]["ERROR"] == 0
    assert not [r for r in report["results"] if SECOND in (r["focus"] or "") or SECOND in (r["file"] or "")]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_quote_of_the_second_source_on_an_anchor_of_the_first_is_reported(two_sources: Path) -> None:
    facts = two_sources / "data" / SECOND / "facts.ttl"
    first_anchor = (
        f"        oa:hasSource src:{SECOND} ;\n        lat:page 3 ;\n        lat:section tsec:2 ;\n"
        "        lat:line 28 ;\n"
        '        oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "论坛启动联合调度平台试点" ]'
    )
    _edit(facts, first_anchor, first_anchor.replace(f"src:{SECOND}", "src:zhao-2024"))
    code, output = invoke("validate", "-c", "quotes", "--format", "json")
    start = ArticleText(SECOND_TEXT).text.index("论坛启动联合调度平台试点")
    there = ArticleText(SOURCE_TEXT).text[start : start + 12]
    assert code == 1
    assert quotes_findings(output) == [
        (
            "ERROR",
            ID + PILOT,
            f"quote '论坛启动联合调度平台试点' is not at {start}-{start + 12}; the text there is {there!r}",
        )
    ]


def test_an_anchor_of_an_unknown_source_is_reported(two_sources: Path) -> None:
    facts = two_sources / "data" / SECOND / "facts.ttl"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace(f"oa:hasSource src:{SECOND}", "oa:hasSource src:nope-2020", 1), "utf-8")
    code, output = invoke("validate", "-c", "quotes", "--format", "json")
    assert code == 1
    found = quotes_findings(output)
    assert [(s, m) for s, _, m in found] == [
        ("ERROR", "oa:hasSource src:nope-2020 is not a source in lattice.toml")
    ]


def test_each_text_is_checked_against_its_own_hash(two_sources: Path) -> None:
    text = two_sources / "texts" / f"{SECOND}.txt"
    text.write_bytes(text.read_bytes() + "补记。\n".encode())
    code, output = invoke("validate", "-c", "quotes", "--format", "json")
    changed = ArticleText(text).sha256
    recorded = ArticleText(SECOND_TEXT).sha256
    assert code == 1
    assert quotes_findings(output) == [
        (
            "ERROR",
            SECOND_IRI,
            f"{SECOND}.txt has changed: its SHA-256 is {changed}, the graph records {recorded}; "
            "offsets may be wrong",
        )
    ]


def test_lattice_toml_hash_must_agree_with_the_graph(two_sources: Path) -> None:
    recorded = ArticleText(SECOND_TEXT).sha256
    _edit(two_sources / "lattice.toml", f'sha256 = "{recorded}"', f'sha256 = "{"0" * 64}"')
    code, output = invoke("validate", "-c", "quotes", "--format", "json")
    assert code == 1
    assert quotes_findings(output) == [
        (
            "ERROR",
            SECOND_IRI,
            f"lattice.toml records SHA-256 {'0' * 64} for src:{SECOND}, the graph has {recorded}",
        )
    ]


def test_a_missing_second_text_is_one_warning_and_the_first_is_still_audited(two_sources: Path) -> None:
    text = two_sources / "texts" / f"{SECOND}.txt"
    text.unlink()
    code, output = invoke("validate", "-c", "quotes", "--format", "json")
    assert code == 0, output
    assert quotes_findings(output) == [
        ("WARN", SECOND_IRI, f"the text of src:{SECOND} is not at {text}: its anchors were not audited")
    ]


def test_source_option_names_a_text_by_source_id(two_sources: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere.txt"
    (two_sources / "texts" / f"{SECOND}.txt").rename(moved)
    code, output = invoke("validate", "-c", "quotes", "--format", "json", "--source", f"{SECOND}={moved}")
    assert code == 0, output
    assert quotes_findings(output) == []
    # a bare path is still the first source's text
    code, output = invoke(
        "validate",
        "-c",
        "quotes",
        "--format",
        "json",
        "--source",
        str(SOURCE_TEXT),
        "--source",
        f"{SECOND}={moved}",
    )
    assert code == 0 and quotes_findings(output) == []


@pytest.mark.parametrize(
    "values, message",
    [
        ([f"{SECOND}=/nowhere/x.txt"], f"--source {SECOND}=/nowhere/x.txt: no such file"),
        ([str(SECOND_TEXT), str(SOURCE_TEXT)], f"--source {SOURCE_TEXT}: a second text for source zhao-2024"),
    ],
)
def test_source_option_errors_are_one_line(two_sources: Path, values: list[str], message: str) -> None:
    args = [a for v in values for a in ("--source", v)]
    assert invoke("validate", "-c", "quotes", *args) == (2, f"lattice: error: {message}\n")


# ---------------------------------------------------------------- lattice cq run


def test_every_question_runs_on_two_sources(shared: Path) -> None:
    code, output = invoke("cq", "run", "--all", "--format", "json")
    assert code == 0, output
    assert re.findall(r"^## (cq\d\d) ", output, re.M) == [f"cq{n:02d}" for n in range(1, 21)]


def test_members_of_the_second_sources_mechanism(shared: Path) -> None:
    code, output = invoke("cq", "run", "cq12", "--mechanism", "northcape-bay-port-forum", "--format", "csv")
    assert code == 0, output
    assert output.splitlines()[1:] == [
        "Beijia Port Authority,2019-03",
        "Dongyu Port Authority,2019-03",
        "Nanwan Port Authority,2019-03",
    ]


def test_evidence_trail_of_a_second_source_fact(shared: Path) -> None:
    code, output = invoke("cq", "run", "cq20", "--fact", PILOT, "--format", "json")
    assert code == 0, output
    rows = [{k: v["value"] for k, v in row.items()} for row in json.loads(output)["results"]["bindings"]]
    note = SECOND_IRI + "/fn/p3-1"
    assert rows == [
        {
            "page": "3",
            "footnote": note,
            "work": ID + "work/harbour-data-group-2022-joint-scheduling-pilot",
            "url": "https://example.org/hdg/pilot",
            "accessed": "2024-02-12",
            "footnote_label": "Note 1 on page 3",
            "work_label": "Joint Scheduling Pilot in Northcape Bay",
        },
        *(
            {
                "quote": quote,
                "page": "3",
                "section": SECOND_IRI + "/section/2",
                "line": "28",
                "section_label": "II. Agenda and limits",
            }
            for quote in ("三港共享船舶到港数据", "论坛启动联合调度平台试点")
        ),
    ]


# ---------------------------------------------------------------- lattice stats


def test_stats_count_both_sources(shared: Path) -> None:
    first = compute(load_store(source_files(ROOT), ROOT))
    code, output = invoke("stats", "--format", "json")
    assert code == 0, output
    both = json.loads(output)
    both = both if isinstance(both, dict) else {row["key"]: row["count"] for row in both}
    added = {k: int(both[k]) - first[k] for k in first}
    # what fixtures/second-source/data describes: 4 notes, 3 citations of 3 works, 7 actors (2 of them
    # persons), 1 mechanism, 1 event, 7 statements (3 memberships, 3 reported facts, 1 position)
    assert {k: v for k, v in added.items() if v and k != "triples"} == {
        "notes": 4,
        "citations": 3,
        "works": 3,
        "actors": 7,
        "persons": 2,
        "mechanisms": 1,
        "events": 1,
        "statements": 7,
        "facts": 8,
    }


# ---------------------------------------------------------------- lattice publish


def test_the_site_publishes_the_second_source(shared: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    code, output = invoke("publish", "--out", str(site))
    assert code == 0, output
    pages = site / "page" / "source"
    for page in (
        f"{SECOND}.html",
        f"{SECOND}.zh.html",
        *(f"{SECOND}/fn/{n}.html" for n in ("p1-star", "p2-1", "p3-1")),
    ):
        assert (pages / page).is_file(), page
    assert (pages / SECOND / "section" / "2.html").is_file()
    fact = (site / "page" / f"{PILOT}.html").read_text(encoding="utf-8")
    assert '<q lang="zh">论坛启动联合调度平台试点</q><span class="where">page 3, ' in fact
    assert f'<a href="../source/{SECOND}/section/2.html">II. Agenda and limits</a>, line 28' in fact
    assert f'<a href="../source/{SECOND}/fn/p3-1.html">Note 1 on page 3</a>' in fact
    assert "(accessed 2024-02-12)" in fact
    # no page says its one source is the first article
    home = (site / "index.html").read_text(encoding="utf-8")
    article = (pages / f"{SECOND}.html").read_text(encoding="utf-8")
    for html in (fact, home, article):
        assert "Source: Zhao Minghao" not in html and "Sources: the articles listed under Works" in html
    assert "knowledge graph of several articles" in home
    assert "knowledge graph of one article" not in (site / "void.ttl").read_text(encoding="utf-8")


def test_one_source_keeps_its_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LATTICE_ROOT", str(ROOT))
    assert texts.UI["en"]["source_line"].startswith("Source: Zhao Minghao, “Exploring Japan's Role")
    assert texts.site_text("index", "en")["intro"].startswith("A linked-data knowledge graph of one article")
    assert texts.DATASET_DESCRIPTION["zh"].startswith("赵明昊《美国“印太”盟伴体系中的日本角色探析》")
