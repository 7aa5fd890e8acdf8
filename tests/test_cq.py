"""Competency questions: the answers the article gives, on both engines, in both languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from lattice_kg.answers import answer, document
from lattice_kg.cli import app
from lattice_kg.questions import load_all
from lattice_kg.sparql import Engine, Results, Value, term, with_terms

from .conftest import ROOT

runner = CliRunner()
ID = "https://w3id.org/lattice/id/"
AUTHOR = ID + "person/zhao-minghao"
QUESTIONS, ERRORS = load_all(ROOT / "queries")


@pytest.fixture(scope="module")
def ox() -> Engine:
    return Engine.open("oxigraph")


@pytest.fixture(scope="module")
def rd() -> Engine:
    return Engine.open("rdflib")


def run(engine: Engine, ident: str, **given: str) -> Results:
    question = next(q for q in QUESTIONS if q.id == ident)
    return answer(engine, question, given)[0]


def column(results: Results, name: str) -> list[str]:
    return [row[name].value for row in results.rows if name in row]


def ids(values: list[str]) -> set[str]:
    return {v[len(ID) :] for v in values}


def test_all_twenty_questions_parse() -> None:
    assert ERRORS == []
    assert [q.id for q in QUESTIONS] == [f"cq{n:02d}" for n in range(1, 21)]
    for q in QUESTIONS:
        assert q.summary and re.search(r"[\u4e00-\u9fff]", q.question_zh), q.id


# ---------------------------------------------------------------- answers from reading the article


def test_cq12_ipef_has_exactly_its_fourteen_members(ox: Engine) -> None:
    members = ids(column(run(ox, "cq12", mechanism="IPEF"), "member"))
    expected = "united-states japan australia brunei fiji india indonesia south-korea malaysia new-zealand"
    expected += " philippines singapore thailand vietnam"
    assert members == {f"actor/{m}" for m in expected.split()}


def test_cq12_chip4_fourth_member_is_taiwan_china_not_a_state(ox: Engine) -> None:
    members = ids(column(run(ox, "cq12", mechanism="芯片四方联盟"), "member"))
    assert members == {"actor/united-states", "actor/japan", "actor/south-korea", "actor/china-taiwan"}


def test_cq03_japan_reciprocal_access_agreements(ox: Engine) -> None:
    rows = run(ox, "cq03", actor="日本", type="互惠准入协定").rows
    found = {(row["otherParty"].value[len(ID) :], row["date"].value) for row in rows}
    assert found == {
        ("actor/australia", "2022-01"),
        ("actor/united-kingdom", "2023-01"),
        ("actor/philippines", "2024-07"),
    }


def test_cq01_japan_is_not_a_member_of_aukus(ox: Engine) -> None:
    mechanisms = ids(column(run(ox, "cq01"), "mechanism"))
    assert "mechanism/aukus" not in mechanisms
    assert {"mechanism/quad", "mechanism/ipef", "mechanism/chip-4", "mechanism/squad"} <= mechanisms


def test_cq02_japan_roles_with_evidence(ox: Engine) -> None:
    rows = run(ox, "cq02").rows
    roles = {row["role"].value[len(ID) :] for row in rows}
    assert {"role/conceptual-provider", "role/driver", "role/enabler", "role/deputy-sheriff"} <= roles
    sheriff = [r for r in rows if r["role"].value.endswith("/deputy-sheriff")]
    assert {r["heldBy"].value for r in sheriff} == {AUTHOR}
    assert any(r.get("footnote") and r["footnote"].value.endswith("/fn/p10-2") for r in sheriff)
    for row in rows:
        assert row["quote"].value and row["statement"].value.startswith(ID + "statement/")


def test_cq09_answers_are_the_authors_and_rest_on_no_footnote(ox: Engine, graph: rdflib.Graph) -> None:
    rows = run(ox, "cq09").rows
    assert len(rows) > 100
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    for row in rows:
        assert row["heldBy"].value == AUTHOR
        statement = rdflib.URIRef(row["statement"].value)
        assert graph.value(statement, prov.wasDerivedFrom) is None
        assert set(graph.objects(statement, prov.wasAttributedTo)) <= {rdflib.URIRef(AUTHOR)}


def test_cq10_works_cited_by_several_notes(ox: Engine) -> None:
    rows = run(ox, "cq10").rows
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["work"].value[len(ID) + 5 :], set()).add(row["footnote"].value.rsplit("/", 1)[1])
    assert found == {
        "suzuki-2020-japan-leadership-multipolar-indo-pacific": {"p3-4", "p28-4"},
        "robson-2023-japan-us-uk-australia-pact": {"p13-5", "p14-2"},
        "white-house-2022-quad-tokyo-summit-fact-sheet": {"p14-4", "p18-2"},
        "gui-yongtao-2023-us-japan-economic-security-alliance": {"p2-5", "p15-8"},
    }


def test_cq08_every_cited_work_is_counted_once(ox: Engine) -> None:
    rows = run(ox, "cq08").rows
    assert sum(int(r["works"].value) for r in rows) == 130
    assert sum(int(r["citations"].value) for r in rows) == 134
    assert len(rows) == 5


def test_cq15_japan_exercises(ox: Engine) -> None:
    rows = run(ox, "cq15").rows
    exercises = ids(column(Results(["exercise"], rows), "exercise"))
    assert {"event/malabar", "event/2023-04-us-japan-rok-anti-submarine-exercise"} <= exercises
    malabar = [r for r in rows if r["exercise"].value.endswith("/malabar")]
    assert {r["since"].value for r in malabar} == {"2015"}
    assert {r["partner"].value[len(ID) :] for r in malabar} == {
        "actor/united-states", "actor/india", "actor/australia"
    }  # fmt: skip
    assert len(exercises) == 5  # Malabar, the 2023-04 exercise, Freedom Edge, Dharma Guardian, Veer Guardian


def test_cq16_japans_july_2023_export_controls(ox: Engine) -> None:
    rows = run(ox, "cq16").rows
    japan = [r for r in rows if r.get("date") and r["date"].value == "2023-07"]
    assert japan and japan[0]["against"].value == ID + "actor/china"
    assert japan[0]["amount"].value == "23"
    trilateral = {r["by"].value[len(ID) :] for r in rows if r.get("date") and r["date"].value == "2023-01"}
    assert trilateral == {"actor/japan", "actor/united-states", "actor/netherlands"}


def test_cq13_cq14_limits_and_risks_of_the_conclusion(ox: Engine) -> None:
    limits = run(ox, "cq13").rows
    holders = {r["heldBy"].value[len(ID) :] for r in limits}
    assert {"person/zhao-minghao", "person/hitoshi-tanaka"} <= holders
    assert 29 in {int(r["page"].value) for r in limits if "page" in r}  # the conclusion's three limits
    risks = run(ox, "cq14").rows
    assert len({r["risk"].value for r in risks}) >= 6
    assert {r["heldBy"].value for r in risks} == {AUTHOR}


def test_cq17_european_actors_tied_through_japan(ox: Engine) -> None:
    europeans = ids(column(run(ox, "cq17"), "european"))
    assert {"actor/nato", "actor/united-kingdom", "actor/european-union", "actor/italy"} <= europeans


def test_cq18_japan_and_the_united_states_share_the_most_mechanisms(ox: Engine) -> None:
    top = run(ox, "cq18").rows[0]
    assert {top["actor1"].value, top["actor2"].value} == {ID + "actor/japan", ID + "actor/united-states"}


def test_cq19_emanuel_views(ox: Engine) -> None:
    rows = run(ox, "cq19", person="拉姆·伊曼纽尔").rows
    quotes = " ".join(r["quote"].value for r in rows if "quote" in r)
    assert "lattice-work" in quotes or "网格架构" in quotes
    assert "alliance for projection" in quotes or "用于力量投射的同盟" in quotes


def test_cq20_evidence_trail_of_the_japan_australia_raa(ox: Engine) -> None:
    rows = run(ox, "cq20").rows
    quotes = {r["quote"].value for r in rows if "quote" in r}
    assert any("2022 年 1 月" in q for q in quotes)
    assert {int(r["page"].value) for r in rows if "quote" in r} == {6, 9, 12}


def test_cq04_timeline_is_in_order_and_bounded(ox: Engine) -> None:
    dates = column(run(ox, "cq04", **{"from": "2023", "to": "2023-06"}), "date")
    assert dates and dates == sorted(dates)
    assert all("2023" <= d[:7] <= "2023-06" for d in dates)


# ---------------------------------------------------------------- engines, languages, formats


def normalise(results: Results) -> list[tuple[tuple[str, str, str, str], ...]]:
    return sorted(
        tuple(sorted((k, v.value, v.lang or "", v.datatype or "") for k, v in row.items()))
        for row in results.rows
    )


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_oxigraph_and_rdflib_give_the_same_answers(ox: Engine, rd: Engine, question) -> None:
    a, b = answer(ox, question, {})[0], answer(rd, question, {})[0]
    assert a.rows, question.id
    assert normalise(a) == normalise(b)


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


# ---------------------------------------------------------------- injection


INJECTIONS = ['"} ; DROP ALL ; {"', "japan> } ; DROP ALL ; {<x", "japan\n} UNION { ?s ?p ?o", "日本'\"", ">"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_attempts_are_matched_literally_and_rejected(ox: Engine, value: str) -> None:
    with pytest.raises(Exception) as raised:
        run(ox, "cq01", actor=value)
    assert f"unknown actor {value!r}" in str(raised.value)


@pytest.mark.parametrize("value", ['2023" } ; DROP ALL ; { "', "2023\n", "2023-01-01T00"])
def test_dates_must_be_dates(ox: Engine, value: str) -> None:
    with pytest.raises(Exception, match="expected YYYY, YYYY-MM or YYYY-MM-DD"):
        run(ox, "cq04", **{"from": value})


def test_bound_literals_are_escaped_and_iris_checked(ox: Engine) -> None:
    tricky = Value("literal", 'a" } ; DROP ALL ; { "\\\nb')
    query = with_terms("SELECT ?x WHERE { BIND (?_v_string AS ?x) }", {"_v_string": tricky})
    rows = ox.select(query).rows
    assert [r["x"].value for r in rows] == [tricky.value]  # the value comes back unchanged, as one literal
    with pytest.raises(Exception, match="not a usable IRI"):
        term(Value("uri", "https://w3id.org/lattice/id/actor/x> } ; DROP ALL ; {<y"))


# ---------------------------------------------------------------- documentation


def test_competency_questions_page_is_current(ox: Engine) -> None:
    page = (ROOT / "docs" / "competency-questions.md").read_text(encoding="utf-8")
    assert page == document(ox, QUESTIONS), "docs/competency-questions.md is stale: run `lattice cq docs`"


def test_cq06_the_united_kingdom_and_india_meet_only_through_japan(ox: Engine) -> None:
    pairs = {(r["actor1"].value[len(ID) :], r["actor2"].value[len(ID) :]) for r in run(ox, "cq06").rows}
    assert ("actor/india", "actor/united-kingdom") in pairs
    assert (
        "actor/australia",
        "actor/united-states",
    ) not in pairs  # they share the trilateral with Japan, and more


def test_every_question_states_its_expected_answer() -> None:
    assert all(len(q.expected) > 40 for q in QUESTIONS)


def test_ad_hoc_query_from_standard_input(project_copy: Path) -> None:
    query = (
        "PREFIX lat: <https://w3id.org/lattice/ontology#>\n"
        "SELECT ?member WHERE { ?_mechanism_iri lat:hasMember ?member } ORDER BY ?member"
    )
    result = runner.invoke(app, ["query", "-", "--param", "mechanism=AUKUS", "-f", "csv"], input=query)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["member", "Australia", "United Kingdom", "United States"]


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


def test_a_slug_or_iri_is_looked_up_directly_without_scanning_labels(
    ox: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_scan(param: str) -> None:
        raise AssertionError(f"scanned every {param}'s labels")

    monkeypatch.setattr(ox, "_candidates", no_scan)
    for given in ("japan", "Japan", "actor/japan", ID + "actor/japan"):
        assert ox.resolve("actor", "iri", given) == Value("uri", ID + "actor/japan"), given
    assert ox.resolve("mechanism", "iri", "quad") == Value("uri", ID + "mechanism/quad")
    with pytest.raises(AssertionError, match="scanned every actor"):
        ox.resolve("actor", "iri", "日本")  # a label: only the scan knows it
    with pytest.raises(AssertionError, match="scanned every mechanism"):
        ox.resolve("mechanism", "iri", "japan")  # actor/japan is no mechanism


def test_a_large_answer_gets_the_same_labels_from_one_join(
    ox: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lattice_kg import sparql

    iris = {
        v.value for q in ("cq07", "cq12") for row in run(ox, q).rows for v in row.values() if v.type == "uri"
    }
    looked_up = ox.labels(iris, "zh")
    monkeypatch.setattr(sparql, "LABEL_JOIN_FROM", 1)  # every answer counts as large: the join
    assert ox.labels(iris, "zh") == looked_up and looked_up[ID + "actor/japan"] == "日本"


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
