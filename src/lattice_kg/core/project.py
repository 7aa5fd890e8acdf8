"""The project: the checkout that holds `lattice.toml`, and what that file says.

`lattice.toml` is the one place for the project's facts: its folders, its IRI base, its sources
(each with its text file and the hash of that text), the parameters competency questions may take
and the things used as defaults. `LATTICE_*`
environment variables override the folders and the text files, as they always have.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import InputError

CONFIG = "lattice.toml"
_LAYOUTS = ("print-footnotes",)  # the page and footnote layouts `article.ArticleText` reads
_VALUES = ("thing", "class", "date")  # what a parameter's value may name


@dataclass(frozen=True)
class Parameter:
    """A parameter competency questions may take (`?_actor_iri`), and what its values name.

    `value` is `thing` (an instance of one of `classes`, given by label, slug or IRI), `class` (a
    class of the ontology) or `date` (YYYY, YYYY-MM or YYYY-MM-DD)."""

    name: str
    help: str
    value: str = "thing"
    classes: tuple[str, ...] = ()  # CURIEs, e.g. lat:Actor


@dataclass(frozen=True, eq=False)
class Source:
    """One text the graph encodes: its IRI, its text file, and the prefixes of its parts."""

    id: str
    iri: str
    text: Path
    text_env: str | None
    sha256: str | None
    layout: str
    prefixes: dict[str, str] = field(default_factory=dict)  # e.g. fn -> {iri}/fn/

    def text_from_env(self) -> Path | None:
        """The text file the source's environment variable names, if it is set."""
        explicit = os.environ.get(self.text_env) if self.text_env else None
        return Path(explicit) if explicit else None

    def text_path(self) -> Path:
        """The text file: the source's environment variable if set, else the configured path."""
        return self.text_from_env() or self.text

    def text_sha256(self) -> str:
        return hashlib.sha256(self.text_path().read_bytes()).hexdigest()


@dataclass(frozen=True, eq=False)
class Project:
    root: Path
    base: str  # the IRI base, without a trailing slash
    ontology_dir: Path
    data_dir: Path
    queries_dir: Path
    shapes: Path
    sources: tuple[Source, ...]
    defaults: dict[str, str]
    examples: tuple[str, ...]
    prefixes: dict[str, str]  # the project's own namespaces, full IRIs
    parameters: dict[str, Parameter] = field(default_factory=dict)  # in the order lattice.toml gives

    @property
    def ontology_iri(self) -> str:
        return self.base + "/ontology"

    @property
    def vocab(self) -> str:
        """The ontology's namespace (hash terms)."""
        return self.base + "/ontology#"

    @property
    def shapes_ns(self) -> str:
        return self.base + "/shapes#"

    @property
    def id_base(self) -> str:
        """Where the things live: `{base}/id/`."""
        return self.base + "/id/"

    @property
    def source(self) -> Source:
        """The first source: the one a command means when none is named."""
        return self.sources[0]

    def source_by_id(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        names = ", ".join(s.id for s in self.sources)
        raise InputError(f"{self.root / CONFIG}: no source {source_id!r} (sources: {names})")

    def source_of(self, iri: str) -> Source | None:
        """The source whose IRI the given IRI is, or lies under."""
        for s in self.sources:
            if iri == s.iri or iri.startswith(s.iri + "/"):
                return s
        return None

    def default(self, name: str) -> str:
        """A default thing (`hub`, `focus`) as a full IRI."""
        return self.id_base + self.defaults[name]


def project_root() -> Path:
    """$LATTICE_ROOT, else the nearest folder upward from the cwd, else the package's checkout."""
    explicit = os.environ.get("LATTICE_ROOT")
    if explicit:
        root = Path(explicit)
        if not (root / CONFIG).is_file():
            raise InputError(f"LATTICE_ROOT={root}: no {CONFIG} there")
        return root
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / CONFIG).is_file():
            return candidate
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / CONFIG).is_file():
        return checkout
    raise InputError(
        f"cannot find a Lattice project ({CONFIG}) above {here}; run inside the checkout or set LATTICE_ROOT"
    )


_ROOTS: dict[tuple[str | None, str], tuple[Path, str]] = {}


def _current_root() -> tuple[Path, str]:
    """`project_root()` and its lattice.toml, found once per LATTICE_ROOT and working folder: every IRI
    an output shortens asks for the project, and walking up the folders each time cost 20 times the
    shortening itself."""
    key = (os.environ.get("LATTICE_ROOT"), os.getcwd())
    found = _ROOTS.get(key)
    if found is None:
        root = project_root()
        found = _ROOTS[key] = (root, os.path.join(root, CONFIG))
    return found


def project(root: Path | None = None) -> Project:
    """The project at `root` (default: `project_root()`), read again only when its file changed."""
    root, config = _current_root() if root is None else (root, os.path.join(root, CONFIG))
    try:
        stamp = os.stat(config).st_mtime_ns
    except OSError as exc:
        raise InputError(f"{config}: cannot read ({exc.strerror})") from None
    return _read(root, stamp)


@lru_cache(maxsize=8)
def _read(root: Path, stamp: int) -> Project:
    path = root / CONFIG
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    try:
        return _project(root, config)
    except KeyError as exc:
        raise InputError(f"{path}: missing {exc.args[0]!r}") from None


def _project(root: Path, config: dict) -> Project:
    where = root / CONFIG
    meta, folders = config["project"], config.get("folders", {})
    base = str(meta["base"]).rstrip("/")
    sources = tuple(_source(root, base, s, where) for s in config["sources"])
    if not sources:
        raise InputError(f"{where}: no [[sources]]")
    ids = [s.id for s in sources]
    if len(set(ids)) != len(ids):
        raise InputError(f"{where}: two sources share one id")
    defaults = {str(k): str(v) for k, v in config.get("defaults", {}).items() if k != "examples"}
    return Project(
        root=root,
        base=base,
        ontology_dir=root / folders.get("ontology", "ontology"),
        data_dir=root / folders.get("data", "data"),
        queries_dir=root / folders.get("queries", "queries"),
        shapes=root / folders.get("shapes", "ontology/shapes.ttl"),
        sources=sources,
        defaults=defaults,
        examples=tuple(config.get("defaults", {}).get("examples", ())),
        prefixes={str(p): base + "/" + str(rel) for p, rel in config.get("prefixes", {}).items()},
        parameters={str(n): _parameter(str(n), v, where) for n, v in config.get("parameters", {}).items()},
    )


def _parameter(name: str, entry: object, where: Path) -> Parameter:
    """`actor = ["lat:Actor"]`, or `actor = { classes = [...], help = "..." }`, or `{ value = "date" }`."""
    if isinstance(entry, list):
        entry = {"classes": entry}
    if not isinstance(entry, dict):
        raise InputError(f"{where}: parameter {name}: expected a list of classes or a table")
    value = str(entry.get("value", "thing"))
    if value not in _VALUES:
        raise InputError(f"{where}: parameter {name}: unknown value {value!r} (known: {', '.join(_VALUES)})")
    classes = tuple(str(c) for c in entry.get("classes", ()))
    if value == "thing" and not classes:
        raise InputError(f"{where}: parameter {name}: name the classes of its values")
    return Parameter(name, str(entry.get("help", f"A {name}: label, slug or IRI.")), value, classes)


def _source(root: Path, base: str, entry: dict, where: Path) -> Source:
    source_id = str(entry["id"])
    layout = str(entry.get("layout", "print-footnotes"))
    if layout not in _LAYOUTS:
        known = ", ".join(_LAYOUTS)
        raise InputError(f"{where}: source {source_id}: unknown layout {layout!r} (known: {known})")
    iri = f"{base}/id/source/{source_id}"
    text = Path(str(entry["text"]))
    return Source(
        id=source_id,
        iri=iri,
        text=text if text.is_absolute() else (root / text).resolve(),
        text_env=entry.get("text_env"),
        sha256=entry.get("sha256"),
        layout=layout,
        prefixes={str(p): f"{iri}/{local}" for p, local in entry.get("prefixes", {}).items()},
    )


def cache_dir(root: Path) -> Path:
    """$LATTICE_CACHE, else `.lattice/` in the project root: what can be rebuilt from the sources."""
    return Path(os.environ.get("LATTICE_CACHE") or root / ".lattice")


def source_files(root: Path | None = None) -> list[Path]:
    """Every Turtle file of the graph, in a stable order: the ontology, then the data."""
    p = project(root)
    files = sorted(p.ontology_dir.glob("*.ttl")) + sorted(p.data_dir.rglob("*.ttl"))
    return [f for f in files if f != p.shapes]
