"""Competency questions: `queries/*.rq` with grlc-style headers, parsed and checked with file and line.

A header is the leading block of `#+ ` comment lines, read as YAML (grlc's convention):
`summary` (the question in English), `question_zh`, `expected` (the answer from reading the
article; tests/test_answers.py asserts it), `tags`, `defaults`. Parameters follow grlc's
naming: `?_name_type` is required, `?__name_type` optional; `type` is `iri` or `string`; every
`name` is declared in lattice.toml's `[parameters]`, which says what its values name.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from .core.errors import InputError, LatticeError
from .core.project import cache_dir, project

_PARAM = re.compile(r"\?(__?)([a-z]+)_(iri|string)\b")
KNOWN_KEYS = {"summary", "question_zh", "expected", "tags", "defaults"}


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # iri | string
    optional: bool

    @property
    def variable(self) -> str:
        return ("__" if self.optional else "_") + f"{self.name}_{self.kind}"


@dataclass(frozen=True)
class Question:
    id: str
    path: Path
    summary: str
    question_zh: str
    tags: tuple[str, ...]
    expected: str = ""
    defaults: dict[str, str] = field(default_factory=dict)
    params: tuple[Param, ...] = ()
    query: str = ""

    def title(self, lang: str) -> str:
        return self.question_zh if lang == "zh" else self.summary

    @classmethod
    def adhoc(cls, query: str, name: str) -> Question:
        """A query given on the command line, with the parameters its variables name and no header."""
        return cls(name, Path(name), name, name, (), params=tuple(params_of(query).values()), query=query)


def params_of(query: str) -> dict[str, Param]:
    """The parameters a query's variables name (`?_actor_iri`, `?__from_string`), by name."""
    return {name: Param(name, kind, optional == "__") for optional, name, kind in _PARAM.findall(query)}


def parse(path: Path, shown: str | None = None) -> Question:
    """Parse one query file; a malformed header is a LatticeError naming the file and line."""
    name = shown or path.name
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    header = []
    for line in lines:
        if line.startswith("#+"):
            header.append(line[3:] if line.startswith("#+ ") else line[2:])
        else:
            break
    if not header:
        raise InputError(f"{name}:1: no '#+ ' header (summary, question_zh, tags, defaults)")
    meta = _header(path, name, "\n".join(header))
    if not isinstance(meta, dict):
        raise InputError(f"{name}:1: header must be 'key: value' lines")
    unknown = sorted(set(meta) - KNOWN_KEYS)
    if unknown:
        raise InputError(f"{name}:{_line_of(lines, unknown[0])}: unknown header key '{unknown[0]}'")
    for key in ("summary", "question_zh"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise InputError(f"{name}:1: header needs '{key}:' with the question")
    defaults = {}
    for item in meta.get("defaults") or []:
        if not isinstance(item, dict) or len(item) != 1:
            raise InputError(f"{name}:{_line_of(lines, 'defaults')}: defaults are '- name: value' items")
        defaults.update({str(k): str(v) for k, v in item.items()})
    params = params_of(text)
    declared = project().parameters
    for pname in params:
        if pname not in declared:
            raise InputError(
                f"{name}:{_line_of_param(lines, pname)}: parameter '{pname}' is not declared in "
                "lattice.toml [parameters]"
            )
    for key in defaults:
        if key not in params:
            raise InputError(f"{name}:{_line_of(lines, key)}: default for unknown parameter '{key}'")
    _check_syntax(text, name)
    return Question(
        id=path.stem.split("-", 1)[0],
        path=path,
        summary=meta["summary"].strip(),
        question_zh=meta["question_zh"].strip(),
        tags=tuple(str(t) for t in meta.get("tags") or ()),
        expected=str(meta.get("expected") or "").strip(),
        defaults=defaults,
        params=tuple(params.values()),
        query=text,
    )


def _header(path: Path, name: str, header: str) -> object:
    """The header's YAML, read through a cache keyed by the header's hash.

    PyYAML costs more to import than answering a question takes, so a header already read is taken
    from `.lattice/headers.json`; only a new or edited one is parsed (and a broken one, every time).
    """
    key = hashlib.sha256(header.encode()).hexdigest()
    cache = _HeaderCache.of(cache_dir(path.resolve().parent.parent))
    if key in cache.entries:
        return cache.entries[key]
    import yaml

    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{name}:{line}: header is not valid YAML: {problem}") from None
    cache.put(key, meta)
    return meta


class _HeaderCache:
    """Parsed headers by hash, shared by the processes of one project; losing it costs a re-parse."""

    _open: ClassVar[dict[Path, _HeaderCache]] = {}
    LIMIT = 500

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = {}
        self.entries: dict[str, object] = entries if isinstance(entries, dict) else {}

    @classmethod
    def of(cls, cache: Path) -> _HeaderCache:
        path = cache / "headers.json"
        if path not in cls._open:
            cls._open[path] = cls(path)
        return cls._open[path]

    def put(self, key: str, meta: object) -> None:
        try:
            json.dumps(meta)  # YAML can hold what JSON cannot (dates): such a header is not cached
        except (TypeError, ValueError):
            return
        self.entries[key] = meta
        while len(self.entries) > self.LIMIT:
            del self.entries[next(iter(self.entries))]
        tmp = self.path.with_name(f".headers.json.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(self.entries, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.path)
        except OSError:
            tmp.unlink(missing_ok=True)


def _line_of(lines: list[str], key: str) -> int:
    for number, line in enumerate(lines, 1):
        if line.startswith("#+") and key in line:
            return number
    return 1


def _line_of_param(lines: list[str], pname: str) -> int:
    for number, line in enumerate(lines, 1):
        if any(m[1] == pname for m in _PARAM.findall(line)):
            return number
    return 1


def parameters_used(folder: Path) -> set[str]:
    """The parameter names the questions in `folder` take, read from their text alone (no parsing)."""
    used: set[str] = set()
    for path in folder.glob("*.rq"):
        try:
            used.update(params_of(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue  # the question's own error is reported when it is read
    return used


def _check_syntax(query: str, name: str) -> None:
    """Parse the SPARQL once (on an empty store) so a syntax error names the file and line."""
    import pyoxigraph

    try:
        pyoxigraph.Store().query(query)
    except SyntaxError as exc:
        message = str(exc).splitlines()[0]
        where = re.search(r"(?:line |at )(\d+)", message)
        line = where.group(1) if where else "1"
        raise InputError(f"{name}:{line}: SPARQL syntax error: {message}") from None


def load_all(folder: Path) -> tuple[list[Question], list[LatticeError]]:
    """Every question that parses, and an error for each that does not (the others still run)."""
    questions, errors = [], []
    for path in sorted(folder.glob("*.rq")):
        try:
            questions.append(parse(path, f"{folder.name}/{path.name}"))
        except LatticeError as exc:
            errors.append(exc)
    return questions, errors


def find(folder: Path, ident: str) -> Question:
    """The question with this id, parsing only its own file; on a miss, say which ids exist."""
    own = sorted(folder.glob(f"{ident}-*.rq")) + sorted(folder.glob(f"{ident}.rq"))
    if len(own) == 1:
        return parse(own[0], f"{folder.name}/{own[0].name}")
    questions, errors = load_all(folder)
    for q in questions:
        if q.id == ident or q.path.stem == ident:
            return q
    for err in errors:
        if str(err).startswith(f"{folder.name}/{ident}"):
            raise err
    known = ", ".join(q.id for q in questions)
    raise InputError(f"no competency question '{ident}' (known: {known})")
