"""The data behind the network and timeline pages (`publish/views.py`): derived from the graph, and the
network page's actors and ties are `lattice network`'s own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lattice_kg.cli import app

from .published import ID

runner = CliRunner()


@pytest.fixture
def site(published_site: Path) -> Path:
    """The session's site (published with --base-url HOST), under the name these tests use."""
    return published_site


def network_data(site: Path, name: str = "network.html") -> dict:
    html = (site / name).read_text(encoding="utf-8")
    return json.loads(
        re.search(r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S)[1]
    )


def test_network_and_timeline_come_from_the_graph(site: Path) -> None:
    data = network_data(site)
    quad = ID + "mechanism/quad"
    members = {ID + f"actor/{a}" for a in ("australia", "india", "japan", "united-states")}
    via_quad = {
        (e["source"], e["target"])
        for e in data["edges"]
        if any(link["via"] == quad and link["kind"] == "membership" for link in e["links"])
    }
    assert via_quad == {(a, b) for a in members for b in members if a < b}  # the Quad ties its members
    raa = ID + "agreement/japan-australia-raa"
    ties = [
        (e["source"], e["target"], link) for e in data["edges"] for link in e["links"] if link["via"] == raa
    ]
    agreement = {"kind": "agreement", "via": raa, "year": 2022, "domains": [ID + "domain/geo-security"]}
    assert ties == [(ID + "actor/australia", ID + "actor/japan", agreement)]
    japan = next(n for n in data["nodes"] if n["id"] == ID + "actor/japan")
    assert (japan["group"], japan["label_zh"]) == ("State", "日本")
    assert (site / japan["pages"]["zh"]).is_file()
    assert not any(ID + "mechanism/" in n["id"] for n in data["nodes"])  # mechanisms tie actors, not nodes
    timeline = (site / "timeline.html").read_text(encoding="utf-8")
    assert '<time datetime="2024-07">2024-07</time>' in timeline  # the Japan-Philippines RAA
    assert timeline.index('datetime="2007-08"') < timeline.index('datetime="2024-07"')


def test_the_network_page_draws_the_network_lattice_network_measures(site: Path) -> None:
    """One actor network: the page's nodes, ties and the links behind each are `lattice network`'s own."""
    from lattice_kg.publish.views import OTHER

    result = runner.invoke(app, ["network", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)

    def year(date: str | None) -> int | None:
        return int(date[:4]) if date else None

    for name in ("network.html", "network.zh.html"):
        data = network_data(site, name)
        assert {n["id"] for n in data["nodes"]} == set(report["actors"])
        for node in data["nodes"]:
            actor = report["actors"][node["id"]]
            assert node["group"] == actor["class"]
            assert (node["label_en"], node["label_zh"]) == (actor["labels"]["en"], actor["labels"]["zh"])
        page = {
            (e["source"], e["target"]): (
                e["kinds"],
                e["year"],
                [(k["kind"], k["via"], k["year"], k["domains"]) for k in e["links"]],
            )
            for e in data["edges"]
        }
        measured = {
            (t["a"], t["b"]): (
                t["kinds"],
                t["year"],
                [(k["kind"], k["via"], year(k["date"]), k["domains"] or [OTHER]) for k in t["links"]],
            )
            for t in report["ties"]
        }
        assert len(page) == len(data["edges"]) == report["all"]["ties"]
        assert page == measured
        # the filters offer every domain a link is in, and the years the links are dated
        offered = {d["id"] for d in data["domains"]}
        assert offered == {d for _, _, links in page.values() for _, _, _, ds in links for d in ds}
        assert data["years"] == sorted({y for _, _, links in page.values() for _, _, y, _ in links if y})
    # what the page shows up to a year is the analysis's row for that year
    by_year = {row["year"]: row for row in report["years"]}
    for y in (2021, 2022):
        shown = {
            end
            for (a, b), (_, _, links) in page.items()
            if any(ly is not None and ly <= y for _, _, ly, _ in links)
            for end in (a, b)
        }
        assert len(shown) == by_year[y]["actors"]
