"""The one result type every checker emits, and the exit-code policy (in the style of LinkML's validator)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from ..core.errors import EXIT_FINDINGS, EXIT_OK


class Severity(IntEnum):
    INFO = 0
    WARN = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class Result:
    checker: str  # shacl, qc, owl, quotes
    severity: Severity
    message: str
    focus: str | None = None  # IRI of the node at fault (blank nodes: the IRI of the node that holds them)
    label: str | None = None  # its English or Chinese label, for people reading the report
    path: str | None = None
    value: str | None = None
    rule: str | None = None  # shape, QC check or other rule that produced the result
    fix: str | None = None  # how to repair it, when the rule says
    file: str | None = None  # where the focus node is defined
    line: int | None = None

    @property
    def where(self) -> str:
        if self.file and self.line:
            return f"{self.file}:{self.line}"
        return self.file or ""


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # checker -> why

    def count(self, severity: Severity) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    def failed(self, fail_on: Severity) -> bool:
        return any(r.severity >= fail_on for r in self.results)

    def exit_code(self, fail_on: Severity) -> int:
        return EXIT_FINDINGS if self.failed(fail_on) else EXIT_OK

    def add(self, results: list[Result]) -> None:
        """Keep one of several identical findings (two constraints can say the same thing)."""
        seen = {self._key(r) for r in self.results}
        for r in results:
            if self._key(r) not in seen:
                seen.add(self._key(r))
                self.results.append(r)

    @staticmethod
    def _key(r: Result) -> tuple[object, ...]:
        return (r.checker, r.severity, r.focus, r.path, r.value, r.message)

    def sorted(self) -> list[Result]:
        return sorted(
            self.results,
            key=lambda r: (-r.severity, r.checker, r.file or "", r.line or 0, r.focus or "", r.message),
        )
