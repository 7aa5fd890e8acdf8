"""`lattice network`: extraction from a hand-written graph, the yearly and per-domain report worked out by
hand, and the command on the article's graph (years, evidence, options and errors)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDF, RDFS
from typer.testing import CliRunner

from lattice_kg.cli import app
from lattice_kg.core.errors import LatticeError
from lattice_kg.core.project import project
from lattice_kg.network.extract import Link, Network, Tie, extract, resolve_actor
from lattice_kg.network.measures import Snapshot
from lattice_kg.network.report import NetworkReport, compute, measure

from .conftest import LAT, ROOT

runner = CliRunner()
ID = "https://w3id.org/lattice/id/"
FIXTURE = ROOT / "tests" / "fixtures" / "network" / "small.ttl"


def a(slug: str) -> str:
    return ID + "actor/" + slug


def d(slug: str) -> str:
    return ID + "domain/" + slug


@pytest.fixture(scope="module")
def small_store() -> ox.Store:
    store = ox.Store()
    store.load(FIXTURE.read_bytes(), format=ox.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def small(small_store: ox.Store) -> Network:
    return extract(small_store)


# ---------------------------------------------------------------- extraction (fixtures/network/small.ttl)


def ties_by_pair(network: Network) -> dict[tuple[str, str], Tie]:
    return {(t.a[len(ID + "actor/") :], t.b[len(ID + "actor/") :]): t for t in network.ties}


def test_extraction_finds_exactly_the_ties_the_fixture_implies(small: Network) -> None:
    ties = ties_by_pair(small)
    # the alliance system ties no one (south-korea is only there); the person and the body are no nodes
    assert sorted(ties) == [
        ("australia", "india"),
        ("australia", "japan"),
        ("australia", "united-states"),
        ("india", "japan"),
        ("india", "united-states"),
        ("japan", "nato"),
        ("japan", "united-states"),
    ]
    assert small.allies == {a("united-states"), a("japan"), a("australia"), a("south-korea")}
    assert small.fact_years == (1992, 2022)


def test_a_tie_dates_from_when_both_actors_share_the_fact(small: Network) -> None:
    ties = ties_by_pair(small)
    first = {pair: t.first_date for pair, t in ties.items()}
    assert first == {
        ("australia", "india"): None,  # the agreement has no date
        ("australia", "japan"): "2020-04",  # Japan's membership starts 2020-04, Australia's is undated
        ("australia", "united-states"): "2019",
        ("india", "japan"): "2015",  # the exercise (Japan from 2015) before the agreement (2021-03)
        ("india", "united-states"): "1992",
        ("japan", "nato"): "2022-06-01",
        ("japan", "united-states"): "2015",  # exercise: the later of 1992 and 2015; trilateral: 2020-04
    }
    us_jp = ties[("japan", "united-states")]
    assert sorted(link.date for link in us_jp.links) == ["2015", "2020-04"]
    assert us_jp.year == 2015


def test_each_tie_carries_its_kinds_domains_and_evidence(small: Network) -> None:
    ties = ties_by_pair(small)
    in_jp = ties[("india", "japan")]
    assert in_jp.kinds == ["agreement", "event"]
    assert in_jp.domains == {d("geo-economics")}  # critical minerals -> supply chains -> geo-economics
    assert in_jp.facts == sorted(
        [
            ID + "agreement/japan-india-minerals",
            ID + "event/exercise",
            ID + "statement/participation-exercise-india",
            ID + "statement/participation-exercise-japan",
        ]
    )
    notes = ID + "source/test/fn/"
    assert in_jp.footnotes == [notes + "p2-1", notes + "p3-1"]
    au_jp = ties[("australia", "japan")]
    assert au_jp.kinds == ["membership"]
    assert au_jp.domains == {d("geo-security")}
    assert au_jp.facts == [
        ID + "statement/membership-trilateral-australia",
        ID + "statement/membership-trilateral-japan",
    ]
    assert au_jp.footnotes == [notes + "p1-1"]
    # an event takes the domain of the mechanism it belongs to
    assert ties[("japan", "nato")].domains == {d("geo-technology")}
    assert ties[("australia", "india")].domains == frozenset()


def test_actor_options_resolve_like_the_other_commands(small_store: ox.Store) -> None:
    assert resolve_actor(small_store, "--focus", "日本") == a("japan")
    assert resolve_actor(small_store, "--hub", "united-states") == a("united-states")
    assert resolve_actor(small_store, "--hub", a("nato")) == a("nato")
    with pytest.raises(
        LatticeError, match=r"^--focus 'A prime minister': person:prime-minister is not a state"
    ):
        resolve_actor(small_store, "--focus", "A prime minister")
    with pytest.raises(LatticeError, match=r"^--hub: unknown actor 'zzzz'$"):
        resolve_actor(small_store, "--hub", "zzzz")


# ---------------------------------------------------------------- the report on the fixture


@pytest.fixture(scope="module")
def small_report(small_store: ox.Store) -> NetworkReport:
    return compute(small_store)


def year(report: NetworkReport, y: int) -> Snapshot:
    return dict(report.years)[y]


def test_yearly_series_is_cumulative_from_the_first_to_the_last_dated_fact(
    small_report: NetworkReport,
) -> None:
    assert [y for y, _ in small_report.years] == list(range(1992, 2023))
    first = year(small_report, 1992)  # India–U.S. only: India is no ally, so no system tie
    assert (first.actors, first.ties, first.density, first.lattice.value) == (2, 1, 1.0, None)
    assert first.focus_degree_rank is None and first.focus_betweenness_rank is None
    y2015 = year(small_report, 2015)  # a triangle India–Japan–U.S.: one system tie, through the hub
    assert (y2015.ties, y2015.lattice.allied_ties, y2015.lattice.value) == (3, 1, 0.0)
    assert year(small_report, 2018).ties == 3  # nothing new: the network carries over
    y2019 = year(small_report, 2019)  # + Australia–U.S.: U.S. alone links Australia to India and Japan
    assert (y2019.ties, y2019.density, y2019.lattice.value) == (4, pytest.approx(4 / 6), 0.0)
    assert y2019.betweenness[a("united-states")] == pytest.approx(2 / 3)
    assert (y2019.focus_degree_rank, y2019.focus_betweenness_rank) == (2, 2)
    y2020 = year(small_report, 2020)  # + Australia–Japan: one of three system ties avoids the hub
    assert (y2020.lattice.allied_ties, y2020.lattice.spoke_free_ties) == (3, 1)
    assert y2020.lattice.value == pytest.approx(1 / 3)
    # Australia–India has two shortest paths, via Japan and via the U.S.: half each, of 3 pairs
    assert y2020.betweenness[a("japan")] == pytest.approx(1 / 6)
    assert y2020.betweenness[a("united-states")] == pytest.approx(1 / 6)
    assert (y2020.focus_degree_rank, y2020.focus_betweenness_rank) == (1, 1)
    assert year(small_report, 2022).ties == 6  # + Japan–NATO; the undated tie never enters a year


def test_the_whole_network_adds_undated_ties(small_report: NetworkReport) -> None:
    whole = small_report.whole
    assert (whole.actors, whole.ties, whole.density) == (5, 7, pytest.approx(0.7))
    assert [t.a + t.b for t in small_report.undated_ties] == [a("australia") + a("india")]
    # NATO hangs on Japan alone: Japan lies on its 3 paths, of 6 pairs of other actors
    assert whole.betweenness[a("japan")] == pytest.approx(0.5)
    assert whole.degree[a("japan")] == 4
    assert whole.brokered == [
        (a("australia"), a("nato")),
        (a("india"), a("nato")),
        (a("nato"), a("united-states")),
    ]


def test_per_domain_measures_use_each_domains_ties(small_report: NetworkReport) -> None:
    domains = dict(small_report.domains)
    assert list(domains) == [d("geo-economics"), d("geo-security"), d("geo-technology")]
    security = domains[
        d("geo-security")
    ]  # the trilateral: a triangle, one system tie of three avoids the hub
    assert (security.ties, security.density, security.lattice.value) == (3, 1.0, pytest.approx(1 / 3))
    economics = domains[d("geo-economics")]  # India–Japan only, and India is no ally: undefined
    assert (economics.ties, economics.lattice.value, economics.lattice.allied_ties) == (1, None, 0)
    technology = domains[d("geo-technology")]
    assert technology.ties == 1 and technology.brokered == []


def hand_network(ties: list[tuple[str, str, str | None, str]], years: tuple[int, int]) -> Network:
    """A network built in code: (a, b, date, domain) per tie."""
    return Network(
        actors={},
        ties=[
            Tie(x, y, [Link("membership", "m", ("f",), (), date, frozenset({dom}))])
            for x, y, date, dom in ties
        ],
        allies=frozenset({"H", "J", "K"}),  # the hub is a member of the system too
        domains={"sec": {"en": "Security"}, "econ": {"en": "Economics"}},
        fact_years=years,
    )


def test_report_on_a_hand_built_network_from_spokes_to_lattice() -> None:
    network = hand_network(
        [
            ("H", "J", "2001", "sec"),
            ("H", "K", "2001-05", "sec"),
            ("J", "K", "2003", "econ"),
            ("J", "X", None, "econ"),
        ],
        (2000, 2003),
    )
    report = measure(network, hub="H", focus="J")
    by_year = dict(report.years)
    assert list(by_year) == [2000, 2001, 2002, 2003]
    assert (by_year[2000].ties, by_year[2000].lattice.value) == (0, None)  # nothing yet: undefined
    assert by_year[2001].lattice.value == 0.0  # hub and spokes
    assert by_year[2001].betweenness == {"H": 1.0, "J": 0.0, "K": 0.0}
    assert by_year[2002].ties == 2
    assert by_year[2003].lattice.value == pytest.approx(1 / 3)  # a triangle: J–K avoids the hub
    assert report.whole.brokered == [("H", "X"), ("K", "X")]
    domains = dict(report.domains)
    assert domains["sec"].lattice.value == 0.0
    assert domains["econ"].lattice.value == 1.0  # J–K is the only system tie and avoids the hub
    assert domains["econ"].betweenness["J"] == 1.0
    _, rows = report.yearly_table()
    assert rows[0][:7] == ["2000", 0, 0, "0.000", 0, 0, "—"]
    assert rows[-1][0] == "all" and rows[-1][2] == 4


# ---------------------------------------------------------------- the command on the article's graph


@pytest.fixture(scope="module")
def article_json() -> dict:
    result = runner.invoke(app, ["network", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def dated_fact_years(graph: rdflib.Graph) -> set[int]:
    """Years of the dated mechanisms, memberships, agreements, events and participations (rdflib)."""
    kinds = {LAT.Mechanism, LAT.Agreement, LAT.Event, LAT.Membership, LAT.Participation}
    classes = {sub for kind in kinds for sub in graph.transitive_subjects(RDFS.subClassOf, kind)}
    years = set()
    for prop in (LAT.date, LAT.startDate):
        for node, value in graph.subject_objects(prop):
            if set(graph.objects(node, RDF.type)) & classes:
                years.add(int(str(value)[:4]))
    return years


def test_the_yearly_series_covers_every_year_with_a_dated_fact(
    article_json: dict, graph: rdflib.Graph
) -> None:
    series = [row["year"] for row in article_json["years"]]
    expected = dated_fact_years(graph)
    assert expected and expected <= set(series)
    assert series == list(range(min(expected), max(expected) + 1))  # every year between, none outside
    assert {t["year"] for t in article_json["ties"] if t["year"]} <= set(series)
    ties_by_year = [row["ties"] for row in article_json["years"]]
    assert ties_by_year == sorted(ties_by_year)  # cumulative
    assert article_json["all"]["ties"] == len(article_json["ties"])


def test_every_tie_carries_facts_that_are_in_the_graph(article_json: dict, graph: rdflib.Graph) -> None:
    nodes = {LAT.State, LAT.Region, LAT.InternationalOrganization}
    assert len(article_json["ties"]) > 50
    for tie in article_json["ties"]:
        assert tie["facts"], tie
        for fact in tie["facts"]:
            assert (rdflib.URIRef(fact), None, None) in graph, fact
        for end in (tie["a"], tie["b"]):
            assert set(graph.objects(rdflib.URIRef(end), RDF.type)) & nodes, end
        assert all(
            link["facts"] and link["kind"] in ("membership", "agreement", "event") for link in tie["links"]
        )


def test_the_article_graph_report_is_well_formed(article_json: dict) -> None:
    hub, focus = project().default("hub"), project().default("focus")
    assert (article_json["hub"], article_json["focus"]) == (hub, focus)
    assert hub not in article_json["allies"] and focus in article_json["allies"]
    whole = article_json["all"]
    assert 0 <= whole["lattice_index"] <= 1
    assert whole["focus_rank_betweenness"] >= 1
    assert {row["domain"] for row in article_json["domains"]} >= {
        d("geo-security"),
        d("geo-economics"),
        d("geo-technology"),
    }
    # the alliance systems themselves tie no one
    assert not any("alliance-system" in link["via"] for t in article_json["ties"] for link in t["links"])


def test_tables_in_each_format() -> None:
    md = runner.invoke(app, ["network", "--format", "md"])
    assert md.exit_code == 0, md.output
    assert md.output.startswith("### Per year") and "| all " in md.output
    assert "### Pairs whose only connection runs through Japan" in md.output
    csv = runner.invoke(app, ["network", "--format", "csv", "--lang", "zh"])
    assert csv.exit_code == 0, csv.output
    assert csv.output.splitlines()[0].startswith(
        "year,actors,ties,density,system ties,ally-ally ties,lattice index,日本"
    )
    ties = runner.invoke(app, ["network", "--table", "ties", "--format", "tsv"])
    assert ties.exit_code == 0 and ties.output.startswith("actor\tactor\tkinds\tdomains\tfirst date")


def test_help_documents_every_option() -> None:
    result = runner.invoke(app, ["network", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    command = next(c for c in app.registered_commands if c.callback.__name__ == "network")
    import typer.main

    click_command = typer.main.get_command_from_info(
        command, pretty_exceptions_short=True, rich_markup_mode=None
    )
    options = [p for p in click_command.params if p.opts[0].startswith("--")]
    assert {o.opts[0] for o in options} >= {"--format", "--table", "--hub", "--focus", "--plot", "--lang"}
    shown = " ".join(result.output.replace("│", " ").split())
    for option in options:
        assert option.help, option.opts
        assert option.opts[0] in result.output, option.opts
        assert " ".join(option.help.split()) in shown, option.opts  # all of it: no text lost to markup


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hub", "zzzz-qqqq"], "--hub: unknown actor 'zzzz-qqqq'"),
        (["--focus", "shinzo-abe"], "--focus 'shinzo-abe': person:shinzo-abe is not a state, region or "
                                    "international organisation"),
        (["--format", "csv", "--table", "summary"], "--format csv writes one table: choose --table yearly, "
                                                    "domains, actors, brokerage or ties"),
    ],
)  # fmt: skip
def test_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["network", *args])
    assert result.exit_code == 2
    assert result.output == f"lattice: error: {message}\n"


def test_an_unusable_plot_folder_is_a_one_line_error(tmp_path: Path) -> None:
    afile = tmp_path / "file.txt"
    afile.write_text("x")
    result = runner.invoke(app, ["network", "--plot", str(afile)])
    assert (result.exit_code, result.output) == (2, f"lattice: error: --plot {afile}: not a folder\n")
    below = afile / "figures"
    result = runner.invoke(app, ["network", "--plot", str(below)])
    assert result.exit_code == 2
    assert result.output == f"lattice: error: --plot {below}: cannot create the folder (Not a directory)\n"


@pytest.mark.parametrize("table", ["yearly", "domains"])
def test_docs_analysis_shows_the_current_numbers(table: str) -> None:
    page = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")
    marker = f"<!-- lattice network --table {table} --format md -->\n"
    assert marker in page
    shown = page.split(marker, 1)[1].split("\n<!-- end -->", 1)[0]
    result = runner.invoke(app, ["network", "--table", table, "--format", "md"])
    assert result.exit_code == 0, result.output
    assert shown == result.output.rstrip("\n"), (
        f"docs/analysis.md is stale: rerun `lattice network -t {table} -f md`"
    )


def test_docs_analysis_embeds_figures_that_exist() -> None:
    page = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")
    figures = re.findall(r"\]\((figures/[^)]+\.png)\)", page)
    assert len(figures) >= 3
    for figure in figures:
        assert (ROOT / "docs" / figure).read_bytes()[:4] == b"\x89PNG", figure
