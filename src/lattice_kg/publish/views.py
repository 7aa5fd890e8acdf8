"""Data behind the site's network and timeline pages, derived from the graph (never from a list)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from .graph import ID, LAT, SiteGraph, walk

ROOT_DOMAINS = (ID + "domain/geo-security", ID + "domain/geo-economics", ID + "domain/geo-technology")
OTHER = "other"


@dataclass
class Node:
    id: str
    path: str
    group: str  # "state", "organisation" or "mechanism"
    label_en: str
    label_zh: str


@dataclass
class Edge:
    source: str
    target: str
    kind: str  # "membership" or "agreement"
    year: int | None
    domains: list[str]
    facts: list[str] = field(default_factory=list)


def root_domains(graph: SiteGraph, iri: str) -> list[str]:
    """The top domains (geo-security, geo-economics, geo-technology) a thing is in, via lat:subDomainOf*."""
    reached = walk(graph.iris(iri, LAT + "inDomain"), lambda d: graph.iris(d, LAT + "subDomainOf"))
    return sorted(d.rsplit("/", 1)[-1] for d in reached if d in ROOT_DOMAINS) or [OTHER]


def _year(values: list[str]) -> int | None:
    years = [int(v[:4]) for v in values if v[:4].isdigit()]
    return min(years) if years else None


def network(graph: SiteGraph) -> dict[str, object]:
    """Actors (states, organisations) and mechanisms as nodes; memberships and agreements as edges."""
    persons = graph.subclass_closure([LAT + "Person"])
    states = graph.subclass_closure([LAT + "State"])
    actors = graph.subclass_closure([LAT + "Actor"]) - persons
    mechanisms = graph.subclass_closure([LAT + "Mechanism"])
    nodes: dict[str, Node] = {}

    def node(iri: str) -> str | None:
        if iri not in graph.things:
            return None
        types = set(graph.things[iri].types)
        if types & mechanisms:
            group = "mechanism"
        elif types & states:
            group = "state"
        elif types & actors and not types & persons:
            group = "organisation"
        else:
            return None
        if iri not in nodes:
            nodes[iri] = Node(
                iri, graph.things[iri].path, group, graph.label(iri, "en"), graph.label(iri, "zh")
            )
        return iri

    edges: list[Edge] = []
    # a mechanism without a start date starts with the dated event the article says produced it
    launches: dict[str, list[str]] = defaultdict(list)
    for event, outcome in graph.into_all(LAT + "outcome"):
        launches[outcome].extend(graph.dates(event))
    membership_class = LAT + "Membership"
    for iri, thing in sorted(graph.things.items()):
        if membership_class not in thing.types:
            continue
        mechanism = graph.first(iri, LAT + "membershipIn")
        actor = graph.first(iri, LAT + "membershipActor")
        if not mechanism or not actor or not node(mechanism) or not node(actor):
            continue
        year = _year([v.value for v in graph.values(iri, LAT + "startDate")])
        if year is None:
            year = _year([v.value for v in graph.values(mechanism, LAT + "startDate")] + launches[mechanism])
        edges.append(Edge(actor, mechanism, "membership", year, root_domains(graph, mechanism), [iri]))
    agreement_classes = graph.subclass_closure([LAT + "Agreement"])
    for iri, thing in sorted(graph.things.items()):
        if not set(thing.types) & agreement_classes:
            continue
        parties = sorted(p for p in graph.iris(iri, LAT + "party") if node(p))
        year = _year(graph.dates(iri))
        for a, b in itertools.combinations(parties, 2):
            edges.append(Edge(a, b, "agreement", year, root_domains(graph, iri), [iri]))
    years = sorted({e.year for e in edges if e.year is not None})
    return {
        "nodes": [asdict(n) for n in sorted(nodes.values(), key=lambda n: n.id)],
        "edges": [asdict(e) for e in edges],
        "years": years,
        "domains": [d.rsplit("/", 1)[-1] for d in ROOT_DOMAINS] + [OTHER],
    }


@dataclass
class Dated:
    date: str
    iri: str
    path: str
    kind_en: str
    kind_zh: str
    label_en: str
    label_zh: str


def timeline(graph: SiteGraph) -> list[Dated]:
    """Every event, agreement and document the article dates, oldest first, at the precision given."""
    kinds = {
        LAT + "Event": graph.subclass_closure([LAT + "Event"]),
        LAT + "Agreement": graph.subclass_closure([LAT + "Agreement"]),
        LAT + "Document": graph.subclass_closure([LAT + "Document"]),
    }
    found = []
    for iri, thing in graph.things.items():
        types = set(thing.types)
        kind = next((k for k, closure in kinds.items() if types & closure), None)
        if kind is None:
            continue
        specific = sorted(types & kinds[kind], key=lambda c: (c == kind, c))[0]
        for date in graph.dates(iri):
            found.append(
                Dated(
                    date,
                    iri,
                    thing.path,
                    graph.label(specific, "en"),
                    graph.label(specific, "zh"),
                    graph.label(iri, "en"),
                    graph.label(iri, "zh"),
                )
            )
    return sorted(found, key=lambda d: (d.date, d.label_en))
