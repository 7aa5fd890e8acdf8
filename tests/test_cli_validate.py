"""`lattice validate`: one finding per broken rule, exit codes, report formats, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import rdflib
from typer.testing import CliRunner

from lattice_kg.cli import app

from .conftest import ROOT

runner = CliRunner()
FIXTURES = ROOT / "tests" / "fixtures"
BASE = FIXTURES / "valid" / "base.ttl"
ID = "https://w3id.org/lattice/id/"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

# fixture -> (checker, severity, focus node) of the one finding it must produce
EXPECTED = {
    "anchor-without-section": ("shacl", "ERROR", "statement/view-wilkins-strategic-awakening"),
    "anchor-wrong-page": ("quotes", "ERROR", "statement/fact-japan-uk-raa-signed"),
    "assessment-not-by-author": ("shacl", "ERROR", "statement/assessment-japan-deputy-sheriff"),
    "bilateral-three-parties": ("shacl", "ERROR", "agreement/japan-uk-raa"),
    "date-before-1945": ("shacl", "ERROR", "agreement/japan-uk-raa"),
    "date-not-typed": ("shacl", "ERROR", "agreement/japan-uk-raa"),
    "fact-without-anchor": ("shacl", "ERROR", "statement/fact-japan-uk-raa-signed"),
    "figure-without-unit": ("shacl", "ERROR", "agreement/japan-uk-raa"),
    "footnote-missing": ("shacl", "ERROR", "statement/assessment-japan-deputy-sheriff"),
    "footnote-other-page": ("shacl", "ERROR", "statement/assessment-japan-deputy-sheriff"),
    "iri-pattern": ("shacl", "ERROR", "actor/United_Kingdom"),
    "label-missing-en": ("shacl", "ERROR", "statement/assessment-japan-deputy-sheriff"),
    "label-two-in-english": ("shacl", "ERROR", "actor/japan"),
    "label-whitespace": ("shacl", "ERROR", "actor/united-kingdom"),
    "member-without-membership": ("shacl", "ERROR", "mechanism/us-japan-alliance"),
    "orphan-actor": ("shacl", "ERROR", "actor/france"),
    "owl-disjoint-classes": ("owl", "ERROR", "https://w3id.org/lattice/ontology"),
    "owl-unsatisfiable-class": ("owl", "ERROR", "https://example.org/RoleDomain"),
    "quote-not-at-offsets": ("quotes", "ERROR", "agreement/japan-uk-raa"),
    "quote-outside-the-article": ("quotes", "ERROR", "statement/fact-japan-uk-raa-signed"),
    "quote-too-long": ("shacl", "ERROR", "statement/assessment-japan-deputy-sheriff"),
    "view-by-author": ("shacl", "ERROR", "statement/view-wilkins-strategic-awakening"),
    "view-not-reported": ("shacl", "ERROR", "statement/view-wilkins-strategic-awakening"),
    "wikidata-not-an-item": ("shacl", "ERROR", "actor/japan"),
}


def validate(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", *args])
    return result.exit_code, result.output


def findings(output: str) -> list[dict]:
    return [r for r in json.loads(output)["results"] if r["severity"] != "INFO"]


def test_every_fixture_is_listed() -> None:
    assert sorted(p.stem for p in (FIXTURES / "invalid").glob("*.ttl")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 20


def test_the_base_fixture_is_clean() -> None:
    code, output = validate(str(BASE), "--format", "json")
    assert code == 0, output
    assert findings(output) == []
    assert json.loads(output)["checkers"] == ["shacl", "qc", "owl", "quotes"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_invalid_fixture_gives_exactly_its_finding(name: str) -> None:
    code, output = validate(str(FIXTURES / "invalid" / f"{name}.ttl"), "--format", "json")
    assert code == 1
    checker, severity, focus = EXPECTED[name]
    focus_iri = focus if focus.startswith("http") else ID + focus
    assert [(r["checker"], r["severity"], r["focus"]) for r in findings(output)] == [
        (checker, severity, focus_iri)
    ]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pyshacl_and_pyshacl_turbo_agree(name: str) -> None:
    """pySHACL is the reference: the fast engine must report the same findings, on every broken graph
    (those broken for another checker included: there both must find nothing)."""
    path = str(FIXTURES / "invalid" / f"{name}.ttl")
    runs = [validate(path, "-f", "json", "-c", "shacl", "--engine", e)[1] for e in ("turbo", "pyshacl")]
    turbo, reference = (
        [(r["severity"], r["focus"], r["path"], r["value"], r["message"]) for r in findings(o)] for o in runs
    )
    assert turbo == reference
    assert bool(turbo) == (EXPECTED[name][0] == "shacl")


def test_the_repository_graph_validates(project_copy: Path) -> None:
    code, output = validate("--format", "json")
    assert code == 0, output
    report = json.loads(output)
    assert report["counts"]["ERROR"] == 0
    assert report["checkers"] == ["shacl", "qc", "owl", "quotes"]
    # the one warning: an agreement whose parties the article does not name
    assert [r["focus"] for r in findings(output)] == [ID + "agreement/cptpp"]


@pytest.mark.slow
def test_engines_agree_on_the_repository_graph(project_copy: Path) -> None:
    outputs = [validate("-f", "json", "-c", "shacl", "--engine", e)[1] for e in ("turbo", "pyshacl")]
    assert findings(outputs[0]) == findings(outputs[1])


def test_a_large_project_is_checked_on_its_embedded_store(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the store's in-memory limit the checkers read the embedded store: the same findings."""
    from lattice_kg import store

    in_memory = validate("-f", "json", "-c", "shacl", "-c", "quotes")
    assert not list((project_copy / ".lattice").glob("store-*"))
    monkeypatch.setattr(store, "IN_MEMORY_LIMIT", 0)
    on_disk = validate("-f", "json", "-c", "shacl", "-c", "quotes")
    assert list((project_copy / ".lattice").glob("store-*"))
    assert on_disk[0] == in_memory[0] == 0
    assert findings(on_disk[1]) == findings(in_memory[1]) != []


def test_hermit_runs_again_only_when_what_it_sees_changed(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its verdict is kept under the project's cache: an unchanged input does not start Java."""
    from lattice_kg import reasoner

    started = []
    run_hermit = reasoner.run_hermit

    def counted(*args: object) -> reasoner.ReasonerReport:
        started.append(args)
        return run_hermit(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(reasoner, "run_hermit", counted)
    assert validate("-c", "owl")[0] == 0
    assert len(started) == 1
    verdicts = list((project_copy / ".lattice" / "hermit").glob("*.json"))
    assert len(verdicts) == 1
    assert not list(verdicts[0].parent.glob(".hermit-*"))  # written to a temporary file, then renamed

    assert validate("-c", "owl")[0] == 0
    assert len(started) == 1

    actors = project_copy / "data" / "actors.ttl"
    original = actors.read_text(encoding="utf-8")
    # Japan is a state, so an actor; actors and mechanisms are disjoint
    actors.write_text(
        original + "\n<https://w3id.org/lattice/id/actor/japan> a lat:Mechanism .\n", encoding="utf-8"
    )
    code, output = validate("-c", "owl", "-f", "json")
    assert len(started) == 2
    assert (code, [(r["checker"], r["focus"]) for r in findings(output)]) == (
        1,
        [("owl", "https://w3id.org/lattice/ontology")],
    )

    actors.write_text(original, encoding="utf-8")  # back to a verdict already kept
    assert validate("-c", "owl")[0] == 0
    assert len(started) == 2


def test_an_unreadable_hermit_verdict_is_not_trusted(project_copy: Path, monkeypatch) -> None:
    from lattice_kg import reasoner

    assert validate("-c", "owl")[0] == 0
    (verdict,) = (project_copy / ".lattice" / "hermit").glob("*.json")
    verdict.write_text('{"consistent": tr', encoding="utf-8")
    started = []
    run_hermit = reasoner.run_hermit
    monkeypatch.setattr(reasoner, "run_hermit", lambda *a: started.append(a) or run_hermit(*a))
    assert validate("-c", "owl")[0] == 0
    assert len(started) == 1
    assert json.loads(verdict.read_text(encoding="utf-8"))["consistent"] is True


def test_fail_on_warn(project_copy: Path) -> None:
    code, _ = validate("--checker", "shacl", "--fail-on", "warn")
    assert code == 1


def test_text_report_names_file_line_node_and_rule() -> None:
    code, output = validate(str(FIXTURES / "invalid" / "bilateral-three-parties.ttl"))
    assert code == 1
    lines = output.splitlines()
    assert lines[0] == (
        "ERROR  shacl   tests/fixtures/invalid/bilateral-three-parties.ttl:110  "
        "agr:japan-uk-raa «Japan-UK Reciprocal Access Agreement»"
    )
    assert lines[1] == "      lat:party: a bilateral agreement has exactly two parties"
    assert lines[-1].startswith("4 checkers (shacl, qc, owl, quotes): 1 errors, 0 warnings")


def test_junit_report_is_junit_xml(tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    result = runner.invoke(
        app, ["validate", str(FIXTURES / "invalid" / "orphan-actor.ttl"), "-f", "junit", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "1 errors" in result.output  # the summary goes to stderr, the report to the file
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"lattice.shacl", "lattice.qc", "lattice.owl", "lattice.quotes"}
    assert suites["lattice.shacl"].get("failures") == "1"
    failure = suites["lattice.shacl"].find("testcase/failure")
    assert failure is not None and failure.get("type") == "ERROR"
    assert suites["lattice.owl"].get("failures") == "0"


@pytest.mark.parametrize(
    ("fixture", "conforms"), [("valid/base.ttl", True), ("invalid/orphan-actor.ttl", False)]
)
def test_turtle_report_is_a_shacl_validation_report(fixture: str, conforms: bool) -> None:
    code, output = validate(str(FIXTURES / fixture), "-f", "turtle")
    assert code == (0 if conforms else 1)
    g = rdflib.Graph().parse(data=output, format="turtle")
    report = g.value(None, rdflib.RDF.type, SH.ValidationReport)
    report = next(g.subjects(rdflib.RDF.type, SH.ValidationReport))
    assert g.value(report, SH.conforms).toPython() is conforms
    for result in g.objects(report, SH.result):
        assert g.value(result, SH.focusNode) is not None
        assert g.value(result, SH.resultSeverity) in (SH.Violation, SH.Warning, SH.Info)


def test_quote_audit_is_skipped_with_a_note_when_the_text_is_absent(project_copy: Path, monkeypatch) -> None:
    monkeypatch.delenv("LATTICE_SOURCE_TEXT")
    code, output = validate("-c", "quotes")
    assert code == 0
    assert output.strip().endswith(
        f"0 checkers (): 0 errors, 0 warnings, 0 infos; quotes skipped: source text not found at "
        f"{project_copy.parent / 'shared' / 'source' / 'zhao-2024.txt'}"
    )


def test_help_documents_every_option() -> None:
    result = runner.invoke(app, ["validate", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--format", "--fail-on", "--source", "--checker", "--engine", "--output", "--verbose"):
        assert option in result.output, option
    import typer.main

    command = typer.main.get_command(app).commands["validate"]  # type: ignore[attr-defined]
    for param in command.params:
        if param.name != "help":
            assert getattr(param, "help", None), f"{param.name} has no help text"


# --------------------------------------------------------------- bad input: exit 2, one exact line


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


BAD_INPUTS = {
    "syntax": (b'@prefix ex: <https://example.org/> .\nex:a ex:b "open .\n',
               "{p}:2:11: Turtle syntax error: "),
    "prefix": (b"@prefix ex: <https://example.org/> .\nfoo:a ex:b ex:c .\n",
               "{p}:2:1: Turtle syntax error: The prefix foo: has not been declared"),
    "empty": (b"# nothing here\n", "{p}: empty file (no triples)"),
    "latin1": ("@prefix ex: <https://example.org/> .\nex:a ex:b \"caf\xe9\" .\n".encode("latin-1"),
               "{p}:2: not UTF-8 (byte 0xe9 at offset 51)"),
    "class": (b"@prefix lat: <https://w3id.org/lattice/ontology#> .\n<https://w3id.org/lattice/id/actor/x>\n"
              b"    a lat:Actr .\n", "{p}:3: lat:Actr is not a class of the ontology"),
    "property": (b"@prefix lat: <https://w3id.org/lattice/ontology#> .\n<https://w3id.org/lattice/id/actor/x>\n"
                 b"    lat:membr <https://w3id.org/lattice/id/actor/y> .\n",
                 "{p}:3: lat:membr is not a property of the ontology"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    content, expected = BAD_INPUTS[case]
    path = write(tmp_path, f"{case}.ttl", content)
    code, output = validate(str(path))
    assert code == 2
    assert output.startswith("lattice: error: " + expected.format(p=path))
    assert output.count("\n") == 1
    assert "Traceback" not in output


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    code, output = validate(str(tmp_path / "nope.ttl"))
    assert (code, output) == (2, f"lattice: error: {tmp_path / 'nope.ttl'}: no such file\n")


def test_missing_source_option_is_one_line_and_exit_2(tmp_path: Path) -> None:
    code, output = validate(str(BASE), "--source", str(tmp_path / "none.txt"))
    assert (code, output) == (2, f"lattice: error: --source {tmp_path / 'none.txt'}: no such file\n")


def test_unknown_format_is_a_usage_error() -> None:
    code, output = validate("--format", "xml")
    assert code == 2
    assert "Invalid value for '--format'" in output


def test_undefined_term_is_placed_at_its_use_not_at_a_comment(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "commented.ttl",
        b"# lat:Actr is a typo we keep seeing\n@prefix lat: <https://w3id.org/lattice/ontology#> .\n"
        b"<https://w3id.org/lattice/id/actor/x>\n    a lat:Actr .\n",
    )
    code, output = validate(str(path))
    assert (code, output) == (2, f"lattice: error: {path}:4: lat:Actr is not a class of the ontology\n")


def test_undefined_term_under_another_prefix_names_its_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "aliased.ttl",
        b"@prefix l: <https://w3id.org/lattice/ontology#> .\n"
        b"<https://w3id.org/lattice/id/actor/x> a l:Actr .\n",
    )
    code, output = validate(str(path))
    assert (code, output) == (2, f"lattice: error: {path}: lat:Actr is not a class of the ontology\n")
