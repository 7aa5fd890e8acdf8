"""Where the project's sources live: the checkout that holds ontology/ and data/."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import LatticeError

_MARKER_FILE = Path("ontology") / "lattice.ttl"


def project_root() -> Path:
    """$LATTICE_ROOT, else the nearest folder upward from the cwd, else the package's checkout."""
    explicit = os.environ.get("LATTICE_ROOT")
    if explicit:
        root = Path(explicit)
        if not (root / _MARKER_FILE).is_file():
            raise LatticeError(f"LATTICE_ROOT={root}: no {_MARKER_FILE} there", exit_code=2)
        return root
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / _MARKER_FILE).is_file():
            return candidate
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / _MARKER_FILE).is_file():
        return checkout
    raise LatticeError(
        f"cannot find the Lattice sources ({_MARKER_FILE}) above {here}; "
        "run inside the checkout or set LATTICE_ROOT",
        exit_code=2,
    )


def cache_dir(root: Path) -> Path:
    """$LATTICE_CACHE, else `.lattice/` in the project root: what can be rebuilt from the sources."""
    return Path(os.environ.get("LATTICE_CACHE") or root / ".lattice")


def source_files(root: Path | None = None) -> list[Path]:
    """Every Turtle file of the graph, in a stable order: the ontology, then the data."""
    root = root or project_root()
    files = sorted((root / "ontology").glob("*.ttl")) + sorted((root / "data").rglob("*.ttl"))
    return [f for f in files if f.name != "shapes.ttl"]
