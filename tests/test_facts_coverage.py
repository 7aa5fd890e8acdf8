"""Coverage of the article by the facts: notes used as evidence, dates carried, persons described,
paragraphs mapped in docs/coverage.md. Expected values come from reading the article."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from lattice_kg.article import ArticleText

from .conftest import LAT, ROOT

PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
FN = "https://w3id.org/lattice/id/source/zhao-2024/fn/"
ID = "https://w3id.org/lattice/id/"
DATE_PROPS = (LAT.date, LAT.startDate, LAT.targetDate, LAT.periodStart, LAT.periodEnd)
FACT_CLASSES = (LAT.Event, LAT.Agreement, LAT.Document, LAT.Statement)


@dataclass(frozen=True)
class Part:
    """A range of the article encoded together, with what reading it says must be in the graph."""

    lines: tuple[tuple[int, int], ...]  # body line ranges
    notes: tuple[str, str] | None  # first and last footnote id, in document order
    explicit_dates: int  # number of "YYYY 年…" mentions in the body lines
    relative_dates: dict[str, str]  # value -> where the text gives it relative to an earlier date
    persons: tuple[str, ...]  # every person named, as the article writes the name


PARTS = {
    "part1": Part(
        lines=((18, 198),),
        notes=("p1-star", "p15-4"),
        explicit_dates=33,
        relative_dates={
            "2022-11": "同年 11 月 (line 86): Kishida and Prayut at the APEC meeting in Thailand",
            "2022-12-16": "同年 12 月 16 日 (line 142): the three security documents",
            "2023-06": "6 月 (line 154): U.S.-Japan-ROK defence ministers in Singapore",
            "2023-08": "8 月 (line 154): the Camp David summit",
        },
        persons=(
            "拉姆·伊曼纽尔", "托马斯·威尔金斯", "安倍晋三", "神保谦", "古贺圭", "岸田文雄", "巴育",
            "近藤久洋",
            "佐藤洋一郎", "朱莉安娜·史密斯", "延斯·斯托尔滕贝格", "阿莱西奥·帕塔拉诺", "拜登", "香田洋二",
            "下平拓也", "米尔纳·加里克", "德地秀士", "秋叶刚男", "沙利文", "安约", "河野克俊", "茂木敏充",
            "山上信吾", "奥斯汀", "酒井亮", "蓑原俊洋", "迈克尔·奥斯林", "多夫·扎克海姆", "布拉德·格洛斯曼",
        ),
    ),
    "part2": Part(
        lines=((200, 420), (424, 428)),
        notes=("p15-5", "p29-3"),
        explicit_dates=29,
        relative_dates={
            "2023-02": "同月 (line 234): the first U.S.-Japan-ROK economic security dialogue, Hawaii",
            "2024-06": "6 月 (line 234): U.S.-Japan-ROK commerce and industry ministers in Washington",
        },
        persons=(
            "希拉·史密斯", "玛格丽特·维斯塔格", "富樫真理子", "萩生田光一", "戴琪", "雷蒙多", "马修·古德曼",
            "大卫·达皮斯", "西村康稔", "克里斯汀·维卡西", "迈克尔·赖特雷尔", "岸田文雄", "蔡成国",
            "后藤志保子", "詹姆斯·肖夫", "拜登", "关口由香里", "詹姆斯·鲍文", "安倍晋三", "栉田健儿",
            "帕特里克·克罗宁", "秋元大辅", "铃木裕之", "田中均", "克里斯托弗·约翰斯通", "车维德",
            "奥巴马", "特朗普", "中鹤",
        ),
    ),
    "front": Part(lines=((2, 16),), notes=None, explicit_dates=0, relative_dates={}, persons=("赵明昊",)),
}  # fmt: skip


def subclasses(graph: rdflib.Graph, top: rdflib.URIRef) -> set[rdflib.URIRef]:
    return set(graph.transitive_subjects(RDFS.subClassOf, top))


def fact_nodes(graph: rdflib.Graph) -> set[rdflib.term.Node]:
    classes = set().union(*(subclasses(graph, c) for c in FACT_CLASSES))
    return {s for c in classes for s in graph.subjects(RDF.type, c)}


def note_ids_in_order(article: ArticleText) -> list[str]:
    return [n.note_id for n in article.note_lines]


def test_all_123_notes_are_evidence_of_a_fact(graph: rdflib.Graph, article: ArticleText) -> None:
    facts = fact_nodes(graph)
    evidence = {str(o) for s, o in graph.subject_objects(PROV.wasDerivedFrom) if s in facts}
    ids = note_ids_in_order(article)
    assert len(ids) == 123
    assert [n for n in ids if FN + n not in evidence] == []


def test_nothing_from_the_other_articles_abstract(graph: rdflib.Graph, article: ArticleText) -> None:
    """Lines 430-434 summarise Ling Shengli and Yang Xi's article on semiconductor followership:
    no anchor points there and no label repeats it. (Ling Shengli is in the graph only as the
    co-author of a work cited in note p2-4.)"""
    last = article.own_abstract_lines[1]
    assert max(int(o) for o in graph.objects(None, LAT.line)) <= last
    assert "Followership" in " ".join(article.lines[last:])  # the other abstract is where the text says
    labels = " ".join(str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(None, p))
    assert "ollowership" not in labels and "跟随" not in labels


WITH_NOTES = {name: part for name, part in PARTS.items() if part.notes}


@pytest.mark.parametrize("part", WITH_NOTES.values(), ids=WITH_NOTES.keys())
def test_every_note_of_the_part_is_evidence_of_a_fact(
    graph: rdflib.Graph, article: ArticleText, part: Part
) -> None:
    assert part.notes is not None
    ids = note_ids_in_order(article)
    notes = ids[ids.index(part.notes[0]) : ids.index(part.notes[1]) + 1]
    facts = fact_nodes(graph)
    evidence = {str(o) for s, o in graph.subject_objects(PROV.wasDerivedFrom) if s in facts}
    assert [n for n in notes if FN + n not in evidence] == []


def explicit_dates(article: ArticleText, first: int, last: int) -> list[tuple[int, str]]:
    note_lines = {n.line for n in article.note_lines}
    found = []
    for line in range(first, last + 1):
        if line in note_lines:
            continue
        for m in re.finditer(
            r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?(?:\s*(\d{1,2})\s*日)?", article.lines[line - 1]
        ):
            year, month, day = m.groups()
            value = year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")
            found.append((line, value))
    return found


def date_values(graph: rdflib.Graph) -> set[str]:
    return {str(o) for p in DATE_PROPS for o in graph.objects(None, p)}


@pytest.mark.parametrize("part", PARTS.values(), ids=PARTS.keys())
def test_every_explicit_date_of_the_part_is_carried(
    graph: rdflib.Graph, article: ArticleText, part: Part
) -> None:
    dates = [d for first, last in part.lines for d in explicit_dates(article, first, last)]
    assert len(dates) == part.explicit_dates
    carried = date_values(graph)
    assert [d for d in dates if d[1] not in carried] == []


RELATIVE = [(name, value, why) for name, p in PARTS.items() for value, why in p.relative_dates.items()]


@pytest.mark.parametrize(("part", "value", "why"), RELATIVE)
def test_relative_dates_are_resolved(graph: rdflib.Graph, part: str, value: str, why: str) -> None:
    assert value in date_values(graph), why


PERSONS = [(name, person) for name, p in PARTS.items() for person in p.persons]


@pytest.mark.parametrize(("part", "name"), PERSONS)
def test_every_person_named_is_an_actor_with_both_labels(graph: rdflib.Graph, part: str, name: str) -> None:
    persons = [
        s
        for s in set(graph.subjects(RDF.type, LAT.Person))
        if any(str(o) == name for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(s, p))
    ]
    assert len(persons) == 1, f"{name}: {persons}"
    langs = sorted(o.language for o in graph.objects(persons[0], SKOS.prefLabel))
    assert langs == ["en", "zh"]


def coverage_rows() -> list[tuple[list[int], list[str]]]:
    rows = []
    for line in (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and re.fullmatch(r"\d+(\s*[,–-]\s*\d+)*", cells[0]):
            lines = [int(x) for x in re.findall(r"\d+", cells[0])]
            rows.append((lines, re.findall(r"`([a-z]+:[^`\s]+)`", cells[-1])))
    return rows


@pytest.mark.parametrize("part", PARTS.values(), ids=PARTS.keys())
def test_coverage_maps_every_paragraph_of_the_part(article: ArticleText, part: Part) -> None:
    note_lines = {n.line for n in article.note_lines}
    paragraphs = {
        n
        for first, last in part.lines
        for n in range(first, last + 1)
        if article.lines[n - 1].strip() and n not in note_lines
    }
    covered = {n for lines, _ in coverage_rows() for n in lines}
    assert sorted(paragraphs - covered) == []


def test_coverage_names_only_existing_nodes(graph: rdflib.Graph) -> None:
    kinds = {"stmt": "statement", "mech": "mechanism", "agr": "agreement", "doc": "document"}
    kinds.update({k: k for k in ("event", "place", "actor", "person", "role", "domain", "work")})
    prefixes = {prefix: f"{ID}{kind}/" for prefix, kind in kinds.items()}
    prefixes.update(sec=ID + "source/zhao-2024/section/", fn=FN, lat=str(LAT), src=ID + "source/")
    subjects = set(graph.subjects())
    rows = coverage_rows()
    assert rows
    for _, nodes in rows:
        assert nodes, "a row without nodes"
        for curie in nodes:
            prefix, local = curie.split(":", 1)
            assert rdflib.URIRef(prefixes[prefix] + local) in subjects, curie
