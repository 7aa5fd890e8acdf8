"""Naming nodes in a report: blank nodes by the IRI that holds them, IRIs by their label."""

from __future__ import annotations

import rdflib
from rdflib.namespace import RDFS, SKOS


def owner(graph: rdflib.Graph, node: rdflib.term.Node) -> rdflib.term.Node:
    """The IRI a blank node hangs from (an anchor's fact, a selector's anchor's fact)."""
    seen = set()
    while isinstance(node, rdflib.BNode) and node not in seen:
        seen.add(node)
        parent = next(graph.subjects(None, node), None)
        if parent is None:
            break
        node = parent
    return node


def label(graph: rdflib.Graph, node: rdflib.term.Node) -> str | None:
    for prop in (SKOS.prefLabel, RDFS.label):
        values = list(graph.objects(node, prop))
        for lang in ("en", "zh", None):
            for v in values:
                if getattr(v, "language", None) == lang:
                    return str(v)
    return None


def text(node: rdflib.term.Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, rdflib.BNode):
        return "[]"  # blank node labels change from run to run: name the IRI that holds it instead
    return str(node)
