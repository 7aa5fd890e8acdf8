"""`lattice cq`: running, listing and showing the questions, in both languages and every format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lattice_kg.cli import app

from .answering import QUESTIONS

runner = CliRunner()


def test_lang_zh_shows_chinese_labels(project_copy: Path) -> None:
    result = runner.invoke(app, ["cq", "run", "cq12", "--mechanism", "ipef", "--lang", "zh", "-f", "csv"])
    assert result.exit_code == 0, result.output
    members = [line.split(",")[0] for line in result.output.splitlines()[1:]]
    assert len(members) == 14 and all(re.search(r"[\u4e00-\u9fff]", m) for m in members)
    assert "日本" in members and "美国" in members


def test_json_output_is_sparql_json_results(project_copy: Path) -> None:
    result = runner.invoke(app, ["cq", "run", "cq03", "--actor", "japan", "-f", "json", "--lang", "zh"])
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["head"]["vars"][:4] == ["agreement", "type", "otherParty", "date"]
    assert "agreement_label" in doc["head"]["vars"]
    for binding in doc["results"]["bindings"]:
        assert binding["agreement"]["type"] == "uri"
        if "date" in binding:
            assert binding["date"]["type"] == "literal" and "datatype" in binding["date"]
    labels = [b["otherParty_label"] for b in doc["results"]["bindings"] if "otherParty_label" in b]
    assert labels and all(lab["xml:lang"] == "zh" for lab in labels)


def test_run_all_answers_every_question(project_copy: Path) -> None:
    result = runner.invoke(app, ["cq", "run", "--all", "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert [line.split()[1] for line in result.output.splitlines() if line.startswith("## ")] == [
        q.id for q in QUESTIONS
    ]


def test_a_malformed_question_is_reported_and_the_others_still_run(project_copy: Path) -> None:
    queries = project_copy / "queries"
    for q in QUESTIONS[2:]:
        (queries / q.path.name).unlink()
    (queries / "cq99-broken.rq").write_text(
        "#+ summary: Broken\n#+ question_zh: 坏\n#+ tags: [unclosed\nSELECT ?x WHERE { ?x ?p ?o }\n",
        encoding="utf-8",
    )
    (queries / "cq98-bad-sparql.rq").write_text(
        "#+ summary: Bad\n#+ question_zh: 坏\nSELECT ?x WHERE { ?x ?p }\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["cq", "run", "--all", "--limit", "1"])
    assert result.exit_code == 2
    assert "## cq01" in result.output and "## cq02" in result.output
    assert "lattice: error: queries/cq99-broken.rq:3: header is not valid YAML" in result.output
    assert "lattice: error: queries/cq98-bad-sparql.rq:4: SPARQL syntax error" in result.output


def test_unknown_value_gets_the_closest_matches(project_copy: Path) -> None:
    result = runner.invoke(app, ["cq", "run", "cq01", "--actor", "Japn"])
    assert result.exit_code == 2
    assert result.output.startswith("lattice: error: unknown actor 'Japn'; closest: japan")


def test_unknown_parameter_for_a_question(project_copy: Path) -> None:
    result = runner.invoke(app, ["cq", "run", "cq08", "--actor", "japan"])
    assert result.exit_code == 2
    assert result.output == "lattice: error: cq08 has no parameter 'actor' (it takes no parameter)\n"


def test_show_prints_the_question_and_its_sparql(project_copy: Path) -> None:
    result = runner.invoke(app, ["cq", "show", "cq12"])
    assert result.exit_code == 0
    assert "某一机制的成员" in result.output and "?_mechanism_iri lat:hasMember ?member" in result.output


def test_a_slug_wins_over_a_label_that_repeats(project_copy: Path) -> None:
    (project_copy / "data" / "namesake.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/lattice/id/actor/namesake> a <https://w3id.org/lattice/ontology#State> ;\n"
        '    skos:prefLabel "Japan"@en , "日本"@zh .\n',
        encoding="utf-8",
    )
    ok = runner.invoke(app, ["cq", "run", "cq12", "--mechanism", "quad", "-f", "csv"])
    assert ok.exit_code == 0
    result = runner.invoke(app, ["cq", "run", "cq03", "--actor", "japan", "-f", "csv"])
    assert result.exit_code == 0, result.output  # the slug names actor/japan; the label "Japan" repeats
    assert "Japan-UK Reciprocal Access Agreement" in result.output
    label_only = runner.invoke(app, ["cq", "run", "cq03", "--actor", "日本"])
    assert label_only.exit_code == 2
    assert label_only.output.startswith(
        "lattice: error: --actor '日本' is ambiguous: actor:japan, actor:namesake"
    )


# ---------------------------------------------------------------- parameters declared in lattice.toml

TREATY_QUESTION = """#+ summary: Who are the parties of a treaty?
#+ question_zh: 某条约的缔约方有哪些？
#+ tags: [agreement]
PREFIX lat: <https://w3id.org/lattice/ontology#>
SELECT ?party WHERE { ?_treaty_iri lat:party ?party } ORDER BY ?party
"""


def _declare(project_copy: Path, line: str) -> None:
    config = project_copy / "lattice.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("[parameters]\n", f"[parameters]\n{line}\n"))


def test_a_new_parameter_is_a_cq_run_option_from_lattice_toml_alone(project_copy: Path) -> None:
    (project_copy / "queries" / "cq99-treaty-parties.rq").write_text(TREATY_QUESTION, encoding="utf-8")
    _declare(project_copy, 'treaty = ["lat:Agreement"]')
    shown = runner.invoke(app, ["cq", "run", "--help"], env={"COLUMNS": "2000"}).output
    assert re.search(r"--treaty\s.*A treaty: label, slug or IRI\.", shown)
    assert shown.index("--all") < shown.index("--treaty") < shown.index("--param")
    result = runner.invoke(app, ["cq", "run", "cq99", "--treaty", "japan-philippines-raa", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["party", "Japan", "Philippines"]
    # the value is looked up among the declared class only: an actor is no treaty
    result = runner.invoke(app, ["cq", "run", "cq99", "--treaty", "japan"])
    assert result.exit_code == 2
    assert result.output.startswith("lattice: error: unknown treaty 'japan'")


def test_an_option_appears_only_for_a_parameter_some_question_takes(project_copy: Path) -> None:
    _declare(project_copy, 'treaty = ["lat:Agreement"]')
    shown = runner.invoke(app, ["cq", "run", "--help"], env={"COLUMNS": "2000"}).output
    assert "--treaty" not in shown and "--actor" in shown
    result = runner.invoke(app, ["cq", "run", "cq01", "--treaty", "x"])
    assert result.exit_code == 2 and "No such option: --treaty" in result.output


def test_an_undeclared_parameter_is_one_line_naming_the_file_and_the_parameter(project_copy: Path) -> None:
    (project_copy / "queries" / "cq99-treaty-parties.rq").write_text(TREATY_QUESTION, encoding="utf-8")
    expected = (
        "lattice: error: queries/cq99-treaty-parties.rq:5: parameter 'treaty' is not declared in "
        "lattice.toml [parameters]\n"
    )
    result = runner.invoke(app, ["cq", "run", "cq99"])
    assert (result.exit_code, result.output) == (2, expected)
    listed = runner.invoke(app, ["cq", "list", "-f", "csv"])
    assert listed.exit_code == 2 and listed.output.endswith(expected)
    assert "--treaty" not in runner.invoke(app, ["cq", "run", "--help"]).output


def test_a_date_parameter_is_checked_as_lattice_toml_says(project_copy: Path) -> None:
    config = project_copy / "lattice.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace('to = { value = "date", ', 'to = { value = "thing", classes = ["lat:Event"], ')
    )
    result = runner.invoke(app, ["cq", "run", "cq04", "--to", "soon"])
    assert result.exit_code == 0, result.output  # no longer a date: the literal is not checked
    config.write_text(text)
    result = runner.invoke(app, ["cq", "run", "cq04", "--to", "soon"])
    assert (result.exit_code, result.output) == (
        2,
        "lattice: error: --to 'soon': expected YYYY, YYYY-MM or YYYY-MM-DD\n",
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('treaty = "lat:Agreement"', "parameter treaty: expected a list of classes or a table"),
        ('treaty = { value = "era" }', "parameter treaty: unknown value 'era' (known: thing, class, date)"),
        ("treaty = []", "parameter treaty: name the classes of its values"),
    ],
)
def test_a_broken_parameter_is_one_line(project_copy: Path, entry: str, message: str) -> None:
    _declare(project_copy, entry)
    result = runner.invoke(app, ["cq", "run", "cq01"])
    assert result.exit_code == 2
    assert result.output == f"lattice: error: {project_copy / 'lattice.toml'}: {message}\n"
