"""Data behind the site's network and timeline pages, derived from the graph (never from a list)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import layout
from .graph import LAT, SiteGraph
from .texts import NO_DOMAIN

if TYPE_CHECKING:
    from ..network.extract import Network

OTHER = "other"  # the domain filter's value for a link the article places in no domain


def network(graph: SiteGraph, extracted: Network) -> dict[str, object]:
    """The actor network `lattice network` measures, as the network page draws it with vis-network.

    Nodes are the actors of its ties and edges its ties; each edge keeps its links (the shared
    mechanism, agreement or event, with its year and top domains) so the page filters link by link:
    a tie is drawn when one of its links is in a chosen domain and dated by the chosen year. A link in
    no domain is in `OTHER`.
    """
    tied = sorted({actor for tie in extracted.ties for actor in (tie.a, tie.b)})
    nodes = []
    for iri in tied:
        actor, thing = extracted.actors[iri], graph.things.get(iri)
        nodes.append(
            {
                "id": iri,
                "group": actor.kind,
                "label_en": actor.label("en"),
                "label_zh": actor.label("zh"),
                "pages": layout.thing(thing.path).pages if thing else None,
            }
        )
    edges = [
        {
            "source": tie.a,
            "target": tie.b,
            "kinds": tie.kinds,
            "year": tie.year,
            "links": [
                {
                    "kind": link.kind,
                    "via": link.via,
                    "year": int(link.date[:4]) if link.date else None,
                    "domains": sorted(link.domains) or [OTHER],
                }
                for link in tie.links
            ],
        }
        for tie in extracted.ties
    ]
    vias = sorted({link["via"] for edge in edges for link in edge["links"]})
    used = sorted({d for edge in edges for link in edge["links"] for d in link["domains"]} - {OTHER})
    domains = [{"id": d, **_labels(graph, d, extracted.domains.get(d))} for d in used]
    if any(link["domains"] == [OTHER] for edge in edges for link in edge["links"]):
        domains.append({"id": OTHER, **{f"label_{lang}": NO_DOMAIN[lang] for lang in layout.LANGS}})
    groups = sorted({n["group"] for n in nodes})
    return {
        "nodes": nodes,
        "edges": edges,
        "years": sorted({link["year"] for edge in edges for link in edge["links"] if link["year"]}),
        "domains": domains,
        "groups": [{"id": g, **_labels(graph, LAT + g)} for g in groups],
        "vias": {via: [graph.label(via, "en"), graph.label(via, "zh")] for via in vias},
    }


def _labels(graph: SiteGraph, iri: str, known: dict[str, str] | None = None) -> dict[str, str]:
    known = known or {}
    return {f"label_{lang}": known.get(lang) or graph.label(iri, lang) for lang in layout.LANGS}


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
