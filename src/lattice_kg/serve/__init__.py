"""`lattice serve`: the published site with content negotiation, and a read-only SPARQL endpoint.

Nothing here is imported by the command line until the command runs: the web framework and the store
are loaded only when a server starts.
"""
