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
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .core.errors import InputError, LatticeError
from .core.project import cache_dir, project_root, source_files
from .inputs import load_store, shown

if TYPE_CHECKING:
    import pyoxigraph

_STORE_PREFIX = "store-"
# Sources up to this size are answered from memory while a detached process persists them; larger
# ones are persisted first (two copies of a large graph in memory at once could exhaust the machine).
IN_MEMORY_LIMIT = 16 * 1024 * 1024


MANIFEST = "manifest.json"


def _file_sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


class _Manifest:
    """Each source's path, size, modification and change times and sha256, as git's index keeps them.

    A file whose stat is unchanged keeps its recorded hash; any other is hashed again (a `touch` thus
    costs a hash, not a rebuild). An edit that restores the size and the modification time still
    changes the change time, which no user can set. A file modified in the same clock tick as the
    manifest was written ("racily clean" in git's words) is not trusted and is hashed again.
    """

    def __init__(self, path: Path, entries: dict[str, list[object]], written_ns: int) -> None:
        self.path, self.entries, self.written_ns = path, entries, written_ns

    @classmethod
    def load(cls, cache: Path) -> _Manifest:
        path = cache / MANIFEST
        try:
            written_ns = path.stat().st_mtime_ns
            entries = json.loads(path.read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError):
            return cls(path, {}, 0)
        return cls(path, entries if isinstance(entries, dict) else {}, written_ns)

    def digest(self, files: list[Path], root: Path) -> tuple[str, int]:
        """The sources' content hash and their total size in bytes."""
        import pyoxigraph

        h = hashlib.sha256(f"lattice {__version__} pyoxigraph {pyoxigraph.__version__}\n".encode())
        seen: dict[str, list[object]] = {}
        total = 0
        for path in files:
            rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            try:
                st = path.stat()
            except OSError as exc:
                raise InputError(f"{shown(path, root)}: cannot read ({exc.strerror})") from None
            key = [st.st_size, st.st_mtime_ns, st.st_ctime_ns]
            known = self.entries.get(rel)
            racy = max(st.st_mtime_ns, st.st_ctime_ns) >= self.written_ns
            if isinstance(known, list) and len(known) == 4 and known[:3] == key and not racy:
                sha = str(known[3])
            else:
                sha = _file_sha256(path)
            seen[rel] = [*key, sha]
            total += st.st_size
            h.update(rel.encode() + b"\0")
            h.update(bytes.fromhex(sha))
        if seen != self.entries:
            self._save(seen)
        return h.hexdigest(), total

    def _save(self, entries: dict[str, list[object]]) -> None:
        """Replace the manifest atomically; a cache that cannot be written only costs hashing again."""
        tmp = self.path.with_name(f".{MANIFEST}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps({"files": entries}, indent=0), encoding="utf-8")
            tmp.replace(self.path)
        except OSError:
            tmp.unlink(missing_ok=True)


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
    cache = cache_dir(root)
    digest, size = _Manifest.load(cache).digest(files, root)
    target = cache / f"{_STORE_PREFIX}{digest[:16]}"
    built = False
    if rebuild and target.exists():
        shutil.rmtree(target)
    if not target.exists():
        if not wait and size <= IN_MEMORY_LIMIT:
            memory = pyoxigraph.Store()
            load_store(files, root, memory)
            _persist_in_background(root)
            return EmbeddedStore(memory, target, digest, rebuilt=True, in_memory=True)
        _build(target, files, root)
        built = True
    _remove_stale(cache, keep=target)
    try:
        store = pyoxigraph.Store.read_only(str(target))
    except OSError as exc:
        raise InputError(f"{target}: cannot open the embedded store ({exc})") from None
    return EmbeddedStore(store, target, digest, built)


def _build(target: Path, files: list[Path], root: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=target.parent))
    try:
        _load_into(tmp, files, root)
        try:
            tmp.rename(target)
        except OSError:
            if not target.exists():  # another process may have finished the same build first
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _load_into(folder: Path, files: list[Path], root: Path) -> None:
    """Parse into a new store in `folder`; close it before the caller moves or removes the folder,
    also when a text is not Turtle."""
    import pyoxigraph

    store = pyoxigraph.Store(str(folder))
    try:
        load_store(files, root, store)
        store.flush()
        store.optimize()
    finally:
        del store


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
    except LatticeError as exc:
        sys.exit(exc.exit_code)
