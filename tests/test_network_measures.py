"""The network measures on small graphs whose values are worked out by hand in the comments."""

from __future__ import annotations

import networkx as nx
import pytest

from lattice_kg.network.measures import (
    betweenness,
    brokered_pairs,
    degrees,
    density,
    lattice_index,
    rank,
    snapshot,
)


def graph(*edges: str) -> nx.Graph:
    """A graph from edges written "A-B"."""
    g = nx.Graph()
    g.add_edges_from(tuple(e.split("-")) for e in edges)
    return g


STAR = graph("H-A", "H-B", "H-C")  # pure hub-and-spoke: the hub H and three allies


def test_pure_hub_and_spoke_has_lattice_index_exactly_zero() -> None:
    index = lattice_index(STAR, "H", {"A", "B", "C"})
    assert (index.allied_ties, index.spoke_free_ties) == (3, 0)
    assert index.value == 0.0


def test_allies_tied_only_to_each_other_have_lattice_index_exactly_one() -> None:
    # the hub is in the graph, but tied only to an actor outside the system: that tie does not count
    g = graph("A-B", "B-C", "H-X")
    index = lattice_index(g, "H", {"A", "B", "C"})
    assert (index.allied_ties, index.spoke_free_ties) == (2, 2)
    assert index.value == 1.0


def test_lattice_index_counts_only_ties_inside_the_system() -> None:
    # inside {H, A, B, C}: H-A, H-B, A-B (3), of which A-B avoids the hub; A-X and X-Y are outside
    g = graph("H-A", "H-B", "A-B", "A-X", "X-Y")
    index = lattice_index(g, "H", {"A", "B", "C"})
    assert (index.allied_ties, index.spoke_free_ties) == (3, 1)
    assert index.value == pytest.approx(1 / 3)


def test_the_hub_is_never_its_own_ally() -> None:
    # passing the hub among the allies (it is a member of the alliance system) changes nothing
    assert lattice_index(STAR, "H", {"H", "A", "B", "C"}).value == 0.0


def test_lattice_index_without_system_ties_is_undefined_not_an_error() -> None:
    assert lattice_index(graph("X-Y"), "H", {"A"}).value is None
    assert lattice_index(nx.Graph(), "H", {"A"}).value is None


def test_density_is_ties_over_possible_ties() -> None:
    assert density(STAR) == 0.5  # 3 of 4*3/2 = 6
    assert density(graph("A-B", "B-C", "A-C")) == 1.0
    assert density(graph("A-B")) == 1.0
    assert density(nx.Graph()) == 0.0


def test_degree_counts_distinct_neighbours() -> None:
    assert degrees(STAR) == {"H": 3, "A": 1, "B": 1, "C": 1}


def test_betweenness_of_a_star_centre_is_one() -> None:
    assert betweenness(STAR) == {"H": 1.0, "A": 0.0, "B": 0.0, "C": 0.0}


def test_betweenness_on_a_path() -> None:
    # A-J-B-C: J lies on the shortest paths A–B and A–C, B on A–C and J–C; 3 pairs of others each
    scores = betweenness(graph("A-J", "J-B", "B-C"))
    assert scores["J"] == pytest.approx(2 / 3)
    assert scores["B"] == pytest.approx(2 / 3)
    assert scores["A"] == scores["C"] == 0.0


def test_betweenness_splits_between_equal_shortest_paths() -> None:
    # a square: A–C goes through B or D (half each), B–D through A or C: every node 0.5 of 3 pairs
    scores = betweenness(graph("A-B", "B-C", "C-D", "D-A"))
    assert scores == pytest.approx({n: 1 / 6 for n in "ABCD"})


def test_rank_is_a_competition_rank() -> None:
    scores = {"a": 3.0, "b": 3.0, "c": 1.0, "d": 0.0}
    assert [rank(scores, n) for n in "abcd"] == [1, 1, 3, 4]
    assert rank(scores, "absent") is None


def test_brokered_pairs_are_those_only_the_focus_connects() -> None:
    assert brokered_pairs(STAR, "H") == [("A", "B"), ("A", "C"), ("B", "C")]
    # A-J-B-C: A reaches B and C only through J; B-C are tied directly
    assert brokered_pairs(graph("A-J", "J-B", "B-C"), "J") == [("A", "B"), ("A", "C")]
    # a triangle J-A-B: A and B are tied anyway; a leaf focus brokers nothing
    assert brokered_pairs(graph("J-A", "J-B", "A-B"), "J") == []
    assert brokered_pairs(STAR, "A") == []
    # actors in another component are not connected at all, so not brokered; nor is an absent focus
    assert brokered_pairs(graph("A-J", "J-B", "X-Y"), "J") == [("A", "B")]
    assert brokered_pairs(STAR, "Z") == []


def test_snapshot_gathers_every_measure_and_the_focus_ranks() -> None:
    snap = snapshot(STAR, hub="H", focus="A", allies={"A", "B", "C"})
    assert (snap.actors, snap.ties, snap.density) == (4, 3, 0.5)
    assert snap.lattice.value == 0.0
    assert snap.focus_degree_rank == 2  # H has degree 3, A, B and C share rank 2
    assert snap.focus_betweenness_rank == 2
    assert snap.brokered == []
    empty = snapshot(nx.Graph(), hub="H", focus="A", allies={"A"})
    assert (empty.actors, empty.ties, empty.lattice.value, empty.focus_degree_rank) == (0, 0, None, None)
