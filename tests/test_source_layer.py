"""The source layer: the article's 123 notes, their citations and the deduplicated cited works."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from urllib.parse import urlsplit

import pytest
import rdflib
from rdflib.namespace import RDF, XSD

from lattice_kg.article import CIRCLED, ArticleText

from .conftest import LAT, SOURCE_README

CITO = rdflib.Namespace("http://purl.org/spar/cito/")
DOCO = rdflib.Namespace("http://purl.org/spar/doco/")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
SCHEMA = rdflib.Namespace("https://schema.org/")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
FN = "https://w3id.org/lattice/id/source/zhao-2024/fn/"
WORK = rdflib.Namespace("https://w3id.org/lattice/id/work/")
ARTICLE = rdflib.URIRef("https://w3id.org/lattice/id/source/zhao-2024")


def readme_pages() -> dict[int, tuple[int, int]]:
    """Page -> (first line, last line), from the table in the source's README."""
    table = SOURCE_README.read_text(encoding="utf-8")
    pages = {}
    for row in re.findall(r"^\|.*\|$", table, flags=re.M):
        cells = [c.strip() for c in row.strip("|").split("|")]
        for page, lines in zip(cells[0::2], cells[1::2], strict=False):
            if page.isdigit() and re.fullmatch(r"\d+–\d+", lines):
                first, last = (int(x) for x in lines.split("–"))
                pages[int(page)] = (first, last)
    assert len(pages) == 29
    return pages


def footnote_lines_per_page(article: ArticleText) -> dict[int, int]:
    """Count footnote lines in each page's line range: a line that starts with its mark."""
    counts = {}
    for page, (first, last) in readme_pages().items():
        lines = article.lines[first - 1 : last]
        counts[page] = sum(1 for line in lines if re.match(r"^\s*(\^?\{?[①-⑩]\}?|\*\s)", line))
    return counts


def notes(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    return {n for n in graph.subjects(RDF.type, DOCO.Footnote) if (n, DCT.isPartOf, ARTICLE) in graph}


def test_exactly_123_notes(graph: rdflib.Graph) -> None:
    assert len(notes(graph)) == 123


def test_numbering_per_page_matches_the_text(graph: rdflib.Graph, article: ArticleText) -> None:
    expected = footnote_lines_per_page(article)
    assert sum(expected.values()) == 123
    numbers: dict[int, list[int]] = defaultdict(list)
    for note in notes(graph):
        page = int(graph.value(note, LAT.page))
        number = graph.value(note, LAT.noteNumber)
        if number is None:
            assert str(note) == FN + "p1-star"
            numbers[page].append(0)
        else:
            numbers[page].append(int(number))
            assert str(note) == f"{FN}p{page}-{int(number)}"
    assert sorted(numbers[1]) == [0]
    for page in range(2, 30):
        assert sorted(numbers[page]) == list(range(1, expected[page] + 1)), page


def test_page_layout_recovered_from_the_text_matches_the_readme(article: ArticleText) -> None:
    for page, (first, last) in readme_pages().items():
        assert article.page_of_line[first] == page
        assert article.page_of_line[last] == page


def test_note_anchors_point_at_the_printed_note_and_its_marker(
    graph: rdflib.Graph, article: ArticleText
) -> None:
    for note in notes(graph):
        label = str(graph.value(note, LAT.noteLabel))
        for prop in (LAT.noteAnchor, LAT.markerAnchor):
            anchor = graph.value(note, prop)
            selector = graph.value(anchor, OA.hasSelector)
            start, end = int(graph.value(selector, OA.start)), int(graph.value(selector, OA.end))
            assert 0 <= start < end <= len(article.text)
            assert article.page_of(start) == int(graph.value(note, LAT.page)), note
            assert int(graph.value(anchor, LAT.line)) == article.line_of(start)
            span = article.text[start:end]
            if prop == LAT.noteAnchor:
                assert span.lstrip("^{").startswith(label) and "\n" not in span, note
            else:
                assert span.strip("^{}") == label, note


def citations_by_note(graph: rdflib.Graph) -> dict[rdflib.URIRef, list[rdflib.URIRef]]:
    by_note = defaultdict(list)
    for c in graph.subjects(RDF.type, CITO.Citation):
        by_note[graph.value(c, CITO.hasCitingEntity)].append(c)
    return by_note


def test_every_citing_note_has_citations_in_order(graph: rdflib.Graph) -> None:
    by_note = citations_by_note(graph)
    uncited = {str(n).rsplit("/", 1)[1] for n in notes(graph) - set(by_note)}
    assert uncited == {"p1-star", "p2-2"}  # the acknowledgement and the purely explanatory note
    for note, cits in by_note.items():
        assert note in notes(graph), note
        orders = sorted(int(graph.value(c, LAT.citationOrder)) for c in cits)
        assert orders == list(range(1, len(cits) + 1)), note
        for c in cits:
            assert str(c).startswith(str(note) + "/citation/")


def test_direct_cito_triples_agree_with_citation_nodes(graph: rdflib.Graph) -> None:
    for c in graph.subjects(RDF.type, CITO.Citation):
        note = graph.value(c, CITO.hasCitingEntity)
        work = graph.value(c, CITO.hasCitedEntity)
        character = graph.value(c, CITO.hasCitationCharacterization)
        assert (note, character, work) in graph, c
    direct = {
        (s, o) for p in (CITO.citesAsEvidence, CITO.citesForInformation) for s, o in graph.subject_objects(p)
    }
    nodes = {
        (graph.value(c, CITO.hasCitingEntity), graph.value(c, CITO.hasCitedEntity))
        for c in graph.subjects(RDF.type, CITO.Citation)
    }
    assert direct == nodes


@pytest.mark.parametrize(
    ("work", "cited_by"),
    [
        ("suzuki-2020-japan-leadership-multipolar-indo-pacific", {"p3-4", "p28-4"}),
        ("robson-2023-japan-us-uk-australia-pact", {"p13-5", "p14-2"}),
        ("white-house-2022-quad-tokyo-summit-fact-sheet", {"p14-4", "p18-2"}),
        ("gui-yongtao-2023-us-japan-economic-security-alliance", {"p2-5", "p15-8"}),
    ],
)
def test_a_work_cited_by_several_notes_is_one_node(graph: rdflib.Graph, work: str, cited_by: set) -> None:
    citing = {
        str(graph.value(c, CITO.hasCitingEntity)).rsplit("/", 1)[1]
        for c in graph.subjects(CITO.hasCitedEntity, WORK[work])
    }
    assert citing == cited_by


def test_no_work_is_described_twice(graph: rdflib.Graph) -> None:
    works = set(graph.objects(None, CITO.hasCitedEntity))
    urls = Counter(str(u) for w in works for u in graph.objects(w, SCHEMA.url))
    assert [u for u, n in urls.items() if n > 1] == []

    def norm(title: rdflib.Literal) -> str:
        return re.sub(r"[\W_]+", "", str(title)).lower()

    titles = Counter(norm(t) for w in works for t in graph.objects(w, DCT.title))
    assert [t for t, n in titles.items() if n > 1] == []


def test_every_cited_work_is_described(graph: rdflib.Graph) -> None:
    for work in set(graph.objects(None, CITO.hasCitedEntity)):
        assert graph.value(work, DCT.title) is not None, work
        assert graph.value(work, LAT.sourceKind) is not None, work
        for creator in graph.objects(work, DCT.creator):
            assert graph.value(creator, RDF.type) is not None, creator


def test_urls_are_well_formed_absolute_urls(graph: rdflib.Graph) -> None:
    urls = list(graph.objects(None, SCHEMA.url))
    assert len(urls) > 80
    for url in urls:
        assert url.datatype == XSD.anyURI, url
        parts = urlsplit(str(url))
        assert parts.scheme in {"http", "https"} and parts.netloc, url
        assert not re.search(r"[\s<>\[\]\\]", str(url)), url


def test_access_dates_are_xsd_dates(graph: rdflib.Graph) -> None:
    dates = list(graph.objects(None, LAT.accessed))
    assert len(dates) > 80
    for d in dates:
        assert d.datatype == XSD.date, d
        assert re.fullmatch(r"20\d\d-\d\d-\d\d", str(d)), d
        assert d.value is not None and not isinstance(d.value, str), d  # parses as a real date


def test_the_article_record(graph: rdflib.Graph, article: ArticleText) -> None:
    assert (ARTICLE, RDF.type, LAT.SourceArticle) in graph
    assert str(graph.value(ARTICLE, LAT.textSha256)) == article.sha256
    assert str(graph.value(ARTICLE, LAT.articleNumber)) == "1002-7874(2024)04-0001-29"
    assert {str(c) for c in graph.objects(ARTICLE, LAT.clcCode)} == {"D871.2", "D831.3"}
    titles = {t.language: str(t) for t in graph.objects(ARTICLE, DCT.title)}
    assert titles["zh"] == "美国“印太”盟伴体系中的日本角色探析"
    assert "pageStart" in {p.split("/")[-1] for p in map(str, graph.predicates(ARTICLE, None))}


def test_every_quote_occurs_at_its_offsets_on_its_page(graph: rdflib.Graph, article: ArticleText) -> None:
    """Quote audit: oa:exact == text[start:end], on the anchor's page and line."""
    anchors = set(graph.subjects(RDF.type, LAT.Anchor))
    quoted = 0
    for anchor in anchors:
        selectors = list(graph.objects(anchor, OA.hasSelector))
        exact = [graph.value(s, OA.exact) for s in selectors if graph.value(s, OA.exact) is not None]
        pos = [s for s in selectors if graph.value(s, OA.start) is not None]
        assert len(pos) == 1, anchor
        start, end = int(graph.value(pos[0], OA.start)), int(graph.value(pos[0], OA.end))
        assert 0 <= start < end <= len(article.text)
        line = article.line_of(start)
        assert article.in_source(line), f"{anchor}: line {line} is not part of the article"
        page = graph.value(anchor, LAT.page)
        if page is None:  # only the journal's Abstracts page has no printed page number
            assert article.page_of(start) is None and line >= article.own_abstract_lines[0], anchor
        else:
            assert article.page_of(start) == int(page)
        assert line == int(graph.value(anchor, LAT.line))
        for quote in exact:
            quoted += 1
            assert article.text[start:end] == str(quote), anchor
            assert len(str(quote)) <= 40
    assert quoted >= 3


def test_the_source_ends_with_its_own_abstract(article: ArticleText) -> None:
    """Lines 424-428 are this article's English abstract; from line 430 another article's."""
    assert article.own_abstract_lines == (424, 428)
    assert article.in_source(428) and not article.in_source(430)


def test_circled_marks_cover_every_note_number(article: ArticleText) -> None:
    assert max(n.number or 0 for n in article.note_lines) <= len(CIRCLED)


@pytest.mark.parametrize(
    ("work", "prop", "printed"),
    [
        (
            "white-house-2022-quad-tokyo-summit-fact-sheet",
            LAT.printedIssued,
            {"p14-4": "2023-05-23", "p18-2": "2022-05-23"},
        ),
        (
            "robson-2023-japan-us-uk-australia-pact",
            LAT.printedUrl,
            {"p13-5": "aucus-submarines", "p14-2": "aukus-submarines"},
        ),
    ],
)
def test_citations_that_disagree_record_what_each_prints(
    graph: rdflib.Graph, work: str, prop: rdflib.URIRef, printed: dict[str, str]
) -> None:
    """The article's own inconsistencies stay visible: each citation keeps its print, the work says so."""
    seen = {}
    for c in graph.subjects(CITO.hasCitedEntity, WORK[work]):
        note = str(graph.value(c, CITO.hasCitingEntity)).rsplit("/", 1)[1]
        seen[note] = str(graph.value(c, prop))
    assert set(seen) == set(printed)
    for note, fragment in printed.items():
        assert fragment in seen[note], note
    assert graph.value(WORK[work], rdflib.URIRef("http://www.w3.org/2004/02/skos/core#editorialNote"))
