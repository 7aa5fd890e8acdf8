"""Competency questions: the answers the article gives, the same on both engines, and their page."""

from __future__ import annotations

import re

import pytest
import rdflib

from lattice_kg.answers import answer, document
from lattice_kg.sparql import Engine, Results

from .answering import AUTHOR, ERRORS, ID, QUESTIONS, column, ids, run
from .conftest import ROOT


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


# ---------------------------------------------------------------- engines


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
