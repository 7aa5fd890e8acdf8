"""The floor under `lattice build --no-inferred`: a plain pyoxigraph bulk_load of the same Turtle files
into a fresh store folder, then the three dumps `build` writes, with Oxigraph's own serializers.

`python bench/floor_build.py STORE_DIR OUT_DIR FILE...` prints the seconds of each phase as JSON.
"""

import json
import sys
import time
from pathlib import Path

import pyoxigraph as ox

PREFIXES = {  # a Turtle dump with the prefixes `build` writes
    "lat": "https://w3id.org/lattice/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "cito": "http://purl.org/spar/cito/",
    "fabio": "http://purl.org/spar/fabio/",
    "schema": "https://schema.org/",
    "actor": "https://w3id.org/lattice/id/actor/",
    "person": "https://w3id.org/lattice/id/person/",
    "mech": "https://w3id.org/lattice/id/mechanism/",
    "agr": "https://w3id.org/lattice/id/agreement/",
    "event": "https://w3id.org/lattice/id/event/",
    "doc": "https://w3id.org/lattice/id/document/",
    "stmt": "https://w3id.org/lattice/id/statement/",
    "work": "https://w3id.org/lattice/id/work/",
}

store_dir, out, *files = sys.argv[1:]
Path(store_dir).parent.mkdir(parents=True, exist_ok=True)
start = time.perf_counter()
store = ox.Store(store_dir)
for path in files:
    store.bulk_load(path=path, format=ox.RdfFormat.TURTLE)
loaded = time.perf_counter()
Path(out).mkdir(parents=True, exist_ok=True)
for name, fmt in (
    ("lattice.ttl", ox.RdfFormat.TURTLE),
    ("lattice.nt", ox.RdfFormat.N_TRIPLES),
    ("lattice.jsonld", ox.RdfFormat.JSON_LD),
):
    prefixes = PREFIXES if fmt is ox.RdfFormat.TURTLE else None
    store.dump(str(Path(out) / name), fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)
dumped = time.perf_counter()
print(json.dumps({"bulk_load": round(loaded - start, 3), "dumps": round(dumped - loaded, 3)}))
