"""The embedded store: a pyoxigraph database persisted under `.lattice/`, rebuilt only when a source changed.

The store lives in a folder named after the content hash of the sources. A rebuild
loads into a fresh temporary folder and renames it into place only when complete, so
a crash or a parse error never leaves a half-written store behind.

A question asked right after an edit need not wait for that rebuild: with `wait=False`, a
small graph is parsed into memory, answered from there, and persisted by a detached
process, so the next command finds the store on disk.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import LatticeError
from .inputs import read_turtle_text, shown, turtle_error
from .paths import project_root, source_files

if TYPE_CHECKING:
    import pyoxigraph

_STORE_PREFIX = "store-"
# Sources up to this size are answered from memory while a detached process persists them; larger
# ones are persisted first (two copies of a large graph in memory at once could exhaust the machine).
IN_MEMORY_LIMIT = 16 * 1024 * 1024


def cache_dir(root: Path) -> Path:
    """$LATTICE_CACHE, else `.lattice/` in the project root."""
    return Path(os.environ.get("LATTICE_CACHE") or root / ".lattice")


def sources_digest(files: Iterable[Path], root: Path) -> str:
    """Hash of every source file's path and bytes, plus the versions that shape the store."""
    import pyoxigraph

    h = hashlib.sha256(f"lattice {__version__} pyoxigraph {pyoxigraph.__version__}\n".encode())
    for path in files:
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        h.update(rel.encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@dataclass
class EmbeddedStore:
    """An opened store and what it was built from."""

    store: pyoxigraph.Store
    path: Path
    digest: str
    rebuilt: bool
    in_memory: bool = False


def open_store(root: Path | None = None, *, rebuild: bool = False, wait: bool = True) -> EmbeddedStore:
    """Open the store for the current sources, building it first if they changed.

    With `wait=False` (read-only commands), sources of at most IN_MEMORY_LIMIT bytes that have no store
    yet are loaded into memory and persisted by a detached process instead.
    """
    import pyoxigraph

    root = root or project_root()
    files = source_files(root)
    digest = sources_digest(files, root)
    cache = cache_dir(root)
    target = cache / f"{_STORE_PREFIX}{digest[:16]}"
    built = False
    if rebuild and target.exists():
        shutil.rmtree(target)
    if not target.exists():
        if not wait and sum(f.stat().st_size for f in files) <= IN_MEMORY_LIMIT:
            memory = pyoxigraph.Store()
            _parse_into(memory, [(shown(path, root), read_turtle_text(path, root)) for path in files])
            _persist_in_background(root)
            return EmbeddedStore(memory, target, digest, rebuilt=True, in_memory=True)
        _build(target, files, root)
        built = True
    _remove_stale(cache, keep=target)
    try:
        store = pyoxigraph.Store.read_only(str(target))
    except OSError as exc:
        raise LatticeError(f"{target}: cannot open the embedded store ({exc})", exit_code=2) from None
    return EmbeddedStore(store, target, digest, built)


def _build(target: Path, files: list[Path], root: Path) -> None:
    texts = [(shown(path, root), read_turtle_text(path, root)) for path in files]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
    try:
        _load_into(tmp, texts)
        try:
            tmp.rename(target)
        except OSError:
            if not target.exists():  # another process may have finished the same build first
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


_BATCH = 1_000_000  # quads per bulk insertion: one ingestion for many small files, bounded memory


def _load_into(folder: Path, texts: list[tuple[str, str]]) -> None:
    """Parse into a new store in `folder`; close it before the caller moves or removes the folder,
    also when a text is not Turtle."""
    import pyoxigraph

    store = pyoxigraph.Store(str(folder))
    try:
        _parse_into(store, texts)
        store.flush()
    finally:
        del store


def _parse_into(store: pyoxigraph.Store, texts: list[tuple[str, str]]) -> None:
    """Parse each text once (its own blank nodes, its own line numbers) and insert in large batches."""
    import pyoxigraph

    pending: list[object] = []
    for name, text in texts:
        try:
            for quad in pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.TURTLE):
                pending.append(quad)
                if len(pending) >= _BATCH:
                    store.bulk_extend(pending)
                    pending = []
        except SyntaxError as exc:
            raise turtle_error(exc, name) from None
    if pending:
        store.bulk_extend(pending)


def _persist_in_background(root: Path) -> None:
    """Start a detached `python -m lattice_kg.store ROOT` that builds the store on disk and exits.

    Concurrent builders are safe: each writes its own temporary folder and only a complete one is
    renamed into place. The child's output is discarded: the sources it reads just parsed here."""
    subprocess.Popen(
        [sys.executable, "-m", "lattice_kg.store", str(root)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "LATTICE_ROOT": str(root)},
    )


def _remove_stale(cache: Path, keep: Path) -> None:
    for old in cache.glob(f"{_STORE_PREFIX}*"):
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":  # the detached builder started by _persist_in_background
    try:
        open_store(Path(sys.argv[1]))
    except LatticeError:
        sys.exit(2)
