"""The media types Lattice writes and serves, taken from pyoxigraph's own formats.

pyoxigraph knows each RDF syntax's and each SPARQL results format's media type and file extension; what is
decided here is only which of them the site and the endpoint offer, and that text is declared UTF-8.
"""

from __future__ import annotations

import pyoxigraph as ox

UTF8 = "; charset=utf-8"

# the syntaxes of every description, dump and ontology file, in the order content negotiation tries them
RDF = (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD, ox.RdfFormat.N_TRIPLES)

# what the SPARQL endpoint answers, by the format names its requests are read into
SOLUTION_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}

HTML = "text/html"
XHTML = "application/xhtml+xml"


def content_type(media_type: str) -> str:
    """The Content-Type for a media type: text (and XML) says it is UTF-8, as everything Lattice writes is."""
    if ";" in media_type:  # pyoxigraph's CSV and TSV types carry their charset already
        return media_type
    if media_type.startswith("text/") or media_type == "application/xml":
        return media_type + UTF8
    return media_type


def bare(media_type: str) -> str:
    """The media type without its parameters: what an Accept header names."""
    return media_type.split(";", 1)[0].strip()


SOLUTION_TYPES = {name: content_type(f.media_type) for name, f in SOLUTION_FORMATS.items()}
GRAPH_TYPES = {name: content_type(f.media_type) for name, f in GRAPH_FORMATS.items()}
