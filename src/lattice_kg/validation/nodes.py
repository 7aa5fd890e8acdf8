"""Naming nodes in a report: blank nodes by the IRI that holds them, IRIs by their label.

Asked of the Oxigraph store the checkers share, one node at a time: a report names few nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import vocab

if TYPE_CHECKING:
    import pyoxigraph

SKOS_PREF_LABEL = vocab.WELL_KNOWN["skos"] + "prefLabel"
RDFS_LABEL = vocab.WELL_KNOWN["rdfs"] + "label"


def owner(store: pyoxigraph.Store, node: pyoxigraph.NamedNode | pyoxigraph.BlankNode) -> object:
    """The IRI a blank node hangs from (an anchor's fact, a selector's anchor's fact)."""
    import pyoxigraph

    seen = set()
    while isinstance(node, pyoxigraph.BlankNode) and node not in seen:
        seen.add(node)
        parent = next(iter(store.quads_for_pattern(None, None, node, pyoxigraph.DefaultGraph())), None)
        if parent is None:
            break
        node = parent.subject
    return node


def label(store: pyoxigraph.Store, node: object) -> str | None:
    import pyoxigraph

    if not isinstance(node, pyoxigraph.NamedNode | pyoxigraph.BlankNode):
        return None
    for prop in (SKOS_PREF_LABEL, RDFS_LABEL):
        values = [
            q.object
            for q in store.quads_for_pattern(
                node, pyoxigraph.NamedNode(prop), None, pyoxigraph.DefaultGraph()
            )
        ]
        for lang in ("en", "zh", None):
            for v in values:
                if getattr(v, "language", None) == lang:
                    return v.value
    return None


def text(node: object | None) -> str | None:
    """A node as the report shows it; `node` is an Oxigraph term or an rdflib one (SHACL reports)."""
    if node is None:
        return None
    if type(node).__name__ in ("BlankNode", "BNode"):
        return "[]"  # blank node labels change from run to run: name the IRI that holds it instead
    if isinstance(node, str):  # rdflib's terms are strings: their lexical form
        return str(node)
    return node.value  # type: ignore[attr-defined]
