"""The network report: a cumulative yearly series, the whole network, each top domain, and the tables.

Years run from the earliest to the latest year of a dated fact the network is built from; the network
of year Y holds every tie whose first date falls in Y or before. A tie no fact of which is dated cannot
be placed in a year: it appears only in the whole network (the row "all"), which is also the one the
per-domain, per-actor and brokerage tables describe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.project import project
from .extract import Network, Tie, extract, short
from .measures import Snapshot, rank, snapshot

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph

NULL = "—"  # an undefined measure in a table (null in JSON)


def build_graph(ties: Iterable[Tie]) -> nx.Graph:
    """The simple graph of some ties: their actors are its nodes."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_edges_from((t.a, t.b) for t in ties)
    return graph


@dataclass
class NetworkReport:
    """Everything `lattice network` prints or draws, computed once."""

    network: Network
    hub: str
    focus: str
    years: list[tuple[int, Snapshot]]
    whole: Snapshot
    domains: list[tuple[str, Snapshot]]
    allies: frozenset[str] = field(default_factory=frozenset)  # without the hub

    @property
    def undated_ties(self) -> list[Tie]:
        return [t for t in self.network.ties if t.first_date is None]

    def label(self, iri: str, lang: str = "en") -> str:
        actor = self.network.actors.get(iri)
        return actor.label(lang) if actor else short(iri)

    def domain_label(self, iri: str, lang: str = "en") -> str:
        labels = self.network.domains.get(iri, {})
        return labels.get(lang) or labels.get("en") or short(iri)

    # ------------------------------------------------------------------ tables

    def yearly_table(self, lang: str = "en", null: str = NULL) -> tuple[list[str], list[list[object]]]:
        """One row per year (cumulative, dated ties) and a last row "all" (every tie, undated ones too)."""
        f = self.label(self.focus, lang)
        h = self.label(self.hub, lang)
        headers = ["year", "actors", "ties", "density", "system ties", "ally-ally ties", "lattice index",
                   f"{f} degree", f"{f} betweenness", f"{f} rank (degree)", f"{f} rank (betweenness)",
                   f"{h} betweenness", f"pairs only {f} connects"]  # fmt: skip
        rows = [self._row(str(year), snap, null) for year, snap in self.years]
        rows.append(self._row("all", self.whole, null))
        return headers, rows

    def _row(self, name: str, snap: Snapshot, null: str) -> list[object]:
        return [name, snap.actors, snap.ties, _num(snap.density), snap.lattice.allied_ties,
                snap.lattice.spoke_free_ties, _num(snap.lattice.value, null),
                snap.degree.get(self.focus, 0), _num(snap.betweenness.get(self.focus), null),
                _opt(snap.focus_degree_rank, null), _opt(snap.focus_betweenness_rank, null),
                _num(snap.betweenness.get(self.hub), null), len(snap.brokered)]  # fmt: skip

    def domain_table(self, lang: str = "en", null: str = NULL) -> tuple[list[str], list[list[object]]]:
        """The whole network's measures within each top domain."""
        headers, _ = self.yearly_table(lang, null)
        headers = ["domain", *headers[1:]]
        return headers, [self._row(self.domain_label(d, lang), snap, null) for d, snap in self.domains]

    def actor_table(self, lang: str = "en", null: str = NULL) -> tuple[list[str], list[list[object]]]:
        """Every actor of the whole network by betweenness, then degree."""
        snap = self.whole
        order = sorted(snap.degree, key=lambda a: (-snap.betweenness[a], -snap.degree[a], self.label(a)))
        rows = []
        for actor in order:
            role = "hub" if actor == self.hub else "ally/partner" if actor in self.allies else ""
            rows.append([self.label(actor, lang), short(actor), role, snap.degree[actor],
                         _num(snap.betweenness[actor]), rank(snap.betweenness, actor),
                         rank(snap.degree, actor)])  # fmt: skip
        return ["actor", "id", "in the system", "degree", "betweenness", "rank (betweenness)",
                "rank (degree)"], rows  # fmt: skip

    def brokerage_table(self, lang: str = "en") -> tuple[list[str], list[list[object]]]:
        """Pairs of actors whose only connection runs through the focus actor (whole network)."""
        rows = [
            [self.label(a, lang), self.label(b, lang), short(a), short(b)] for a, b in self.whole.brokered
        ]
        return ["actor", "actor", "id", "id"], rows

    def tie_table(self, lang: str = "en", null: str = NULL) -> tuple[list[str], list[list[object]]]:
        """Every tie: its kinds, domains, first date and the facts behind it."""
        rows = []
        for t in self.network.ties:
            rows.append([self.label(t.a, lang), self.label(t.b, lang), ", ".join(t.kinds),
                         ", ".join(self.domain_label(d, lang) for d in sorted(t.domains)),
                         t.first_date or null, len(t.links),
                         " ".join(short(f) for f in t.facts)])  # fmt: skip
        return ["actor", "actor", "kinds", "domains", "first date", "links", "facts"], rows

    # ------------------------------------------------------------------ JSON

    def to_json(self) -> dict[str, object]:
        """The whole report as plain JSON data: full IRIs, null for what is undefined."""
        return {
            "hub": self.hub,
            "focus": self.focus,
            "allies": sorted(self.allies),
            "years": [{"year": year, **_snap_json(snap)} for year, snap in self.years],
            "all": _snap_json(self.whole),
            "domains": [
                {"domain": d, "label": self.network.domains.get(d, {}), **_snap_json(snap)}
                for d, snap in self.domains
            ],
            "undated_ties": len(self.undated_ties),
            "actors": {
                iri: {"labels": self.network.actors[iri].labels, "class": self.network.actors[iri].kind}
                for iri in sorted(self.whole.degree)
                if iri in self.network.actors
            },
            "ties": [
                {
                    "a": t.a,
                    "b": t.b,
                    "kinds": t.kinds,
                    "domains": sorted(t.domains),
                    "first_date": t.first_date,
                    "year": t.year,
                    "facts": t.facts,
                    "footnotes": t.footnotes,
                    "links": [link.to_json() for link in t.links],
                }
                for t in self.network.ties
            ],
        }


def _snap_json(snap: Snapshot) -> dict[str, object]:
    return {
        "actors": snap.actors,
        "ties": snap.ties,
        "density": round(snap.density, 6),
        "system_ties": snap.lattice.allied_ties,
        "ally_ally_ties": snap.lattice.spoke_free_ties,
        "lattice_index": None if snap.lattice.value is None else round(snap.lattice.value, 6),
        "focus_rank_degree": snap.focus_degree_rank,
        "focus_rank_betweenness": snap.focus_betweenness_rank,
        "centrality": {
            a: {"degree": snap.degree[a], "betweenness": round(snap.betweenness[a], 6)}
            for a in sorted(snap.degree, key=str)
        },
        "brokered_pairs": [list(p) for p in snap.brokered],
    }


def _num(value: float | None, null: str = NULL) -> str:
    return null if value is None else f"{value:.3f}"


def _opt(value: int | None, null: str) -> object:
    return null if value is None else value


def measure(network: Network, hub: str | None = None, focus: str | None = None) -> NetworkReport:
    """Every measure of an extracted network (separate from extraction so tests can build one by hand).

    The hub and focus default to the project's (`lattice.toml`, [defaults])."""
    hub = hub or project().default("hub")
    focus = focus or project().default("focus")
    allies = network.allies - {hub}

    def snap(keep: Callable[[Tie], bool]) -> Snapshot:
        return snapshot(build_graph(t for t in network.ties if keep(t)), hub, focus, allies)

    years: list[tuple[int, Snapshot]] = []
    if network.fact_years:
        first, last = network.fact_years
        dated = [t.year for t in network.ties if t.year is not None]
        first, last = min([first, *dated]), max([last, *dated])
        years = [(y, snap(lambda t, y=y: t.year is not None and t.year <= y)) for y in range(first, last + 1)]
    used = sorted({d for t in network.ties for d in t.domains} | set(network.domains), key=str)
    return NetworkReport(
        network=network,
        hub=hub,
        focus=focus,
        years=years,
        whole=snap(lambda t: True),
        domains=[(d, snap(lambda t, d=d: d in t.domains)) for d in used if _has_ties(network, d)],
        allies=frozenset(allies),
    )


def _has_ties(network: Network, domain: str) -> bool:
    return any(domain in t.domains for t in network.ties)


def compute(store: pyoxigraph.Store, hub: str | None = None, focus: str | None = None) -> NetworkReport:
    """Extract the actor network from a store and measure it; the entry point for the site generator."""
    return measure(extract(store), hub, focus)


def render_tables(report: NetworkReport, sections: Sequence[str], fmt: object, lang: str = "en") -> str:
    """Render the chosen tables; with more than one, each under a heading."""
    from ..output import Format, render

    assert isinstance(fmt, Format)
    null = "" if fmt in (Format.csv, Format.tsv) else NULL
    makers = {
        "yearly": ("Per year (cumulative; the row 'all' adds the undated ties)",
                   lambda: report.yearly_table(lang, null)),
        "domains": ("Per top domain (all ties)", lambda: report.domain_table(lang, null)),
        "actors": ("Actors (all ties)", lambda: report.actor_table(lang, null)),
        "brokerage": (
            f"Pairs whose only connection runs through {report.label(report.focus, lang)} (all ties)",
            lambda: report.brokerage_table(lang),
        ),
        "ties": ("Ties", lambda: report.tie_table(lang, null)),
    }  # fmt: skip
    parts = []
    for name in sections:
        title, make = makers[name]
        headers, rows = make()
        table = render(headers, rows, fmt)
        if len(sections) == 1:
            parts.append(table)
        elif fmt is Format.md:
            parts.append(f"### {title}\n\n{table}")
        else:
            parts.append(f"{title}\n\n{table}")
    return "\n\n".join(parts)


SECTIONS = ("yearly", "domains", "actors", "brokerage", "ties")
SUMMARY = ("yearly", "domains", "actors", "brokerage")
