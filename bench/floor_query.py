"""The floor under `lattice cq run`: open the persisted store read-only, run one query, print CSV."""

import sys

import pyoxigraph

store = pyoxigraph.Store.read_only(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as query:
    results = store.query(query.read())
sys.stdout.buffer.write(results.serialize(format=pyoxigraph.QueryResultsFormat.CSV))
