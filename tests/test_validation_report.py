"""The report every checker adds to: one of several identical findings, and the exit code's threshold."""

from __future__ import annotations

from typing import Any

from lattice_kg.core.errors import EXIT_FINDINGS, EXIT_OK
from lattice_kg.validation.report import Report, Result, Severity

ID = "https://w3id.org/lattice/id/"


def finding(severity: Severity = Severity.ERROR, message: str = "needs a label", **more: Any) -> Result:
    return Result("shacl", severity, message, focus=ID + "actor/x", **more)


def test_identical_findings_are_kept_once() -> None:
    report = Report()
    first = finding(rule="LabelShape", file="data/a.ttl", line=3)
    report.add([first, finding(rule="OtherShape")])  # the same finding from another constraint
    report.add([finding(file="data/b.ttl")])
    assert report.results == [first]


def test_findings_that_differ_are_all_kept() -> None:
    report = Report()
    found = [
        finding(),
        finding(message="needs a date"),
        finding(Severity.WARN),
        finding(path=ID + "p"),
        finding(value="x"),
        Result("qc", Severity.ERROR, "needs a label", focus=ID + "actor/x"),
        Result("shacl", Severity.ERROR, "needs a label"),  # about no node
    ]
    report.add(found)
    assert report.results == found


def test_counts_by_severity() -> None:
    report = Report()
    report.add([finding(), finding(Severity.WARN), finding(Severity.WARN, "other"), finding(Severity.INFO)])
    counts = [report.count(s) for s in (Severity.ERROR, Severity.WARN, Severity.INFO)]
    assert counts == [1, 2, 1]


def test_exit_code_fails_at_or_above_the_threshold() -> None:
    warned = Report()
    warned.add([finding(Severity.WARN), finding(Severity.INFO)])
    assert warned.exit_code(Severity.ERROR) == EXIT_OK
    assert warned.exit_code(Severity.WARN) == EXIT_FINDINGS
    assert warned.exit_code(Severity.INFO) == EXIT_FINDINGS
    failed = Report()
    failed.add([finding(Severity.ERROR)])
    assert failed.exit_code(Severity.ERROR) == EXIT_FINDINGS
    assert (EXIT_OK, EXIT_FINDINGS) == (0, 1)


def test_an_empty_report_passes_every_threshold() -> None:
    assert [Report().exit_code(s) for s in Severity] == [EXIT_OK] * 3


def test_sorted_puts_errors_first_then_by_checker_file_and_line() -> None:
    report = Report()
    warn = finding(Severity.WARN)
    late = finding(file="data/a.ttl", line=20, message="late")
    early = finding(file="data/a.ttl", line=3, message="early")
    other = Result("qc", Severity.ERROR, "qc finding", file="data/z.ttl", line=1)
    report.add([warn, late, early, other])
    assert report.sorted() == [other, early, late, warn]


def test_where_names_file_and_line_when_known() -> None:
    assert finding(file="data/a.ttl", line=3).where == "data/a.ttl:3"
    assert finding(file="data/a.ttl").where == "data/a.ttl"
    assert finding().where == ""
