"""The floor under `lattice build --no-inferred`: a plain pyoxigraph bulk_load of the same Turtle files
into a fresh store folder, then the three dumps `build` writes, with Oxigraph's own serializers.

`python bench/floor_build.py STORE_DIR OUT_DIR FILE...` prints the seconds of each phase as JSON.
"""

import json
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from lattice_kg.build import PREFIXES  # the Turtle dump with the prefixes `build` writes

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
