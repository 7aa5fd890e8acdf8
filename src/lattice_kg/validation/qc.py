"""Ontology QC in the style of ROBOT `report`: one SPARQL file per check, levels in a profile."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import InputError
from .report import Result, Severity

if TYPE_CHECKING:
    import pyoxigraph

LEVELS = {"ERROR": Severity.ERROR, "WARN": Severity.WARN, "INFO": Severity.INFO}


@dataclass(frozen=True)
class Check:
    name: str
    problem: str
    fix: str
    query: str
    level: Severity


def load_checks(folder: Path) -> list[Check]:
    """Read `*.rq` and `profile.tsv`; a malformed header or profile is named by file and line."""
    profile = _profile(folder / "profile.tsv")
    checks = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = dict(re.findall(r"^#\s*(problem|fix):\s*(.+)$", text, flags=re.M))
        for field in ("problem", "fix"):
            if field not in header:
                raise InputError(f"{path.name}:1: QC check has no '# {field}:' header line")
        if path.stem not in profile:
            raise InputError(f"profile.tsv: no level for QC check {path.stem}")
        checks.append(Check(path.stem, header["problem"], header["fix"], text, profile[path.stem]))
    unknown = sorted(set(profile) - {c.name for c in checks})
    if unknown:
        raise InputError(f"profile.tsv: level for unknown QC check {unknown[0]}")
    return checks


def _profile(path: Path) -> dict[str, Severity]:
    levels = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or parts[0] not in LEVELS:
            raise InputError(
                f"{path.name}:{number}: expected 'LEVEL<TAB>check', LEVEL in ERROR/WARN/INFO",
            )
        levels[parts[1].strip()] = LEVELS[parts[0]]
    return levels


def check(ontology: pyoxigraph.Store, folder: Path) -> list[Result]:
    """Run every check on an Oxigraph store of the ontology alone (the data is SHACL's business)."""
    results = []
    for qc in load_checks(folder):
        for row in ontology.query(qc.query):
            entity, prop, value = (_value(row, name) for name in ("entity", "property", "value"))
            results.append(
                Result(
                    checker="qc",
                    severity=qc.level,
                    message=qc.problem,
                    fix=qc.fix,
                    focus=entity,
                    path=prop,
                    value=value,
                    rule=qc.name,
                )
            )
    return results


def _value(row: object, name: str) -> str | None:
    try:
        term = row[name]  # type: ignore[index]
    except (KeyError, IndexError):
        return None
    return None if term is None else term.value
