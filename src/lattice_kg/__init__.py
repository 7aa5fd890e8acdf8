"""Lattice: a linked-data knowledge graph of one article, with SPARQL competency questions."""

__version__ = "0.1.0"
