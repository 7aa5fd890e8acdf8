"""The measures, as pure functions of an undirected networkx graph, so tests can check them by hand.

A graph here is simple and unweighted: a node is an actor, an edge is a tie (however many facts lie
behind it). Nodes are the actors that have at least one tie in the graph measured.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

Node = Hashable


def density(graph: nx.Graph) -> float:
    """Ties present over ties possible, 2m / (n(n-1)); 0 for fewer than two actors."""
    n = graph.number_of_nodes()
    return 0.0 if n < 2 else 2 * graph.number_of_edges() / (n * (n - 1))


@dataclass(frozen=True)
class LatticeIndex:
    """Among the ties inside the alliance system (both ends in hub ∪ allies), how many bypass the hub."""

    allied_ties: int  # ties with both ends in {hub} ∪ allies
    spoke_free_ties: int  # of those, ties that do not involve the hub

    @property
    def value(self) -> float | None:
        """0 for pure hub-and-spoke, 1 when allies are tied only to each other; None when undefined."""
        return None if self.allied_ties == 0 else self.spoke_free_ties / self.allied_ties


def lattice_index(graph: nx.Graph, hub: Node, allies: Collection[Node]) -> LatticeIndex:
    """Count the ties inside the system and those among allies alone (the hub never counts as an ally)."""
    system = set(allies) | {hub}
    inside = [(a, b) for a, b in graph.edges() if a in system and b in system]
    return LatticeIndex(len(inside), sum(1 for a, b in inside if hub not in (a, b)))


def degrees(graph: nx.Graph) -> dict[Node, int]:
    """Number of distinct actors each actor is tied to."""
    return {node: int(d) for node, d in graph.degree()}


def betweenness(graph: nx.Graph) -> dict[Node, float]:
    """Share of shortest paths between other actors that pass through each actor (normalised to 0..1).

    networkx's normalisation for undirected graphs: divided by (n-1)(n-2)/2, the number of pairs of
    other actors, so the centre of a star scores exactly 1.
    """
    import networkx as nx

    return dict(nx.betweenness_centrality(graph, normalized=True))


def rank(scores: Mapping[Node, float], node: Node) -> int | None:
    """Competition rank ("1224") of a node by descending score: 1 + the number of nodes that score higher.

    None when the node is not in the graph (it has no tie).
    """
    if node not in scores:
        return None
    mine = scores[node]
    return 1 + sum(1 for other, score in scores.items() if other != node and score > mine + 1e-12)


def brokered_pairs(graph: nx.Graph, focus: Node) -> list[tuple[Node, Node]]:
    """Pairs of actors (neither the focus) connected in the graph but not once the focus is removed.

    Every path between them runs through the focus, so they are also never directly tied. Pairs are
    returned with their members and the list in sorted order.
    """
    import networkx as nx

    if focus not in graph:
        return []
    reachable = nx.node_connected_component(graph, focus) - {focus}
    without = graph.subgraph(reachable)
    parts = [sorted(c, key=str) for c in nx.connected_components(without)]
    pairs = []
    for first, second in combinations(parts, 2):
        for a in first:
            for b in second:
                pairs.append(tuple(sorted((a, b), key=str)))
    return sorted(pairs, key=lambda p: (str(p[0]), str(p[1])))  # type: ignore[return-value]


@dataclass
class Snapshot:
    """Every measure of one graph: a year's cumulative network, the whole network, or one domain's."""

    actors: int
    ties: int
    density: float
    lattice: LatticeIndex
    degree: dict[Node, int] = field(default_factory=dict)
    betweenness: dict[Node, float] = field(default_factory=dict)
    focus_degree_rank: int | None = None
    focus_betweenness_rank: int | None = None
    brokered: list[tuple[Node, Node]] = field(default_factory=list)


def snapshot(graph: nx.Graph, hub: Node, focus: Node, allies: Collection[Node]) -> Snapshot:
    """All measures of one graph, with the focus actor's ranks and brokerage."""
    deg = degrees(graph)
    btw = betweenness(graph)
    return Snapshot(
        actors=graph.number_of_nodes(),
        ties=graph.number_of_edges(),
        density=density(graph),
        lattice=lattice_index(graph, hub, allies),
        degree=deg,
        betweenness=btw,
        focus_degree_rank=rank({k: float(v) for k, v in deg.items()}, focus),
        focus_betweenness_rank=rank(btw, focus),
        brokered=brokered_pairs(graph, focus),
    )
