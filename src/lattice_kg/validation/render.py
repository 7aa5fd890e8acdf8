"""Render a report as text (people), JSON (programs), JUnit XML (CI) or Turtle (a sh:ValidationReport)."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from ..core import vocab
from .report import Report, Result, Severity


def short(iri: str | None) -> str:
    return vocab.curie(iri) if iri else ""


def summary(report: Report) -> str:
    counts = ", ".join(
        f"{report.count(s)} {name}" for s, name in ((Severity.ERROR, "errors"), (Severity.WARN, "warnings"),
                                                      (Severity.INFO, "infos"))
    )  # fmt: skip
    skipped = "".join(f"; {c} skipped: {why}" for c, why in report.skipped.items())
    if report.count(Severity.INFO):
        skipped += " (infos shown with --verbose)"
    return f"{len(report.ran)} checkers ({', '.join(report.ran)}): {counts}{skipped}"


def text(report: Report, verbose: bool = False) -> str:
    """One finding per two lines; INFO findings only when verbose (the summary counts them)."""
    lines = []
    for r in report.sorted():
        if r.severity is Severity.INFO and not verbose:
            continue
        focus = short(r.focus) + (f" «{r.label}»" if r.label else "")
        head = "  ".join(x for x in (f"{r.severity.label:5}", f"{r.checker:6}", r.where, focus) if x)
        detail = (f"{short(r.path)}: " if r.path else "") + r.message
        if r.value and r.value != r.focus:
            detail += f" [value: {short(r.value)}]"
        lines += [head, "      " + detail]
        if r.fix:
            lines.append("      fix: " + r.fix)
    lines.append(summary(report))
    return "\n".join(lines)


def as_dict(r: Result) -> dict[str, object]:
    return {
        "severity": r.severity.label,
        "checker": r.checker,
        "focus": r.focus,
        "label": r.label,
        "path": r.path,
        "value": r.value,
        "message": r.message,
        "rule": r.rule,
        "fix": r.fix,
        "file": r.file,
        "line": r.line,
    }


def to_json(report: Report, fail_on: Severity) -> str:
    return json.dumps(
        {
            "conforms": not report.failed(fail_on),
            "checkers": report.ran,
            "skipped": report.skipped,
            "counts": {s.label: report.count(s) for s in Severity},
            "results": [as_dict(r) for r in report.sorted()],
        },
        ensure_ascii=False,
        indent=2,
    )


def junit(report: Report, fail_on: Severity) -> str:
    suites = ET.Element("testsuites", name="lattice validate")
    for checker in [*report.ran, *report.skipped]:
        results = [r for r in report.sorted() if r.checker == checker]
        failures = [r for r in results if r.severity >= fail_on]
        suite = ET.SubElement(
            suites, "testsuite", name=f"lattice.{checker}",
            tests=str(max(1, len(results))), failures=str(len(failures)), errors="0",
            skipped="1" if checker in report.skipped else "0",
        )  # fmt: skip
        if checker in report.skipped:
            case = ET.SubElement(suite, "testcase", classname=f"lattice.{checker}", name=checker)
            ET.SubElement(case, "skipped", message=report.skipped[checker])
            continue
        if not results:
            ET.SubElement(suite, "testcase", classname=f"lattice.{checker}", name=f"{checker}: no findings")
        for r in results:
            name = f"{short(r.focus) or checker}: {r.message}"
            case = ET.SubElement(suite, "testcase", classname=f"lattice.{checker}", name=name,
                                 file=r.file or "", line=str(r.line or ""))  # fmt: skip
            body = json.dumps(as_dict(r), ensure_ascii=False)
            if r.severity >= fail_on:
                failure = ET.SubElement(case, "failure", message=r.message, type=r.severity.label)
                failure.text = body
            else:
                ET.SubElement(case, "system-out").text = body
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def turtle(report: Report, fail_on: Severity) -> str:
    import rdflib

    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    lv = rdflib.Namespace(vocab.vocabulary().prefixes["lv"])
    severity = {Severity.ERROR: sh.Violation, Severity.WARN: sh.Warning, Severity.INFO: sh.Info}
    g = rdflib.Graph()
    g.bind("sh", sh)
    g.bind("lv", lv)
    node = rdflib.BNode()
    g.add((node, rdflib.RDF.type, sh.ValidationReport))
    g.add((node, sh.conforms, rdflib.Literal(not report.failed(fail_on))))
    for r in report.sorted():
        res = rdflib.BNode()
        g.add((node, sh.result, res))
        g.add((res, rdflib.RDF.type, sh.ValidationResult))
        focus = r.focus or vocab.ONTOLOGY
        g.add(
            (res, sh.focusNode, rdflib.BNode(focus[2:]) if focus.startswith("_:") else rdflib.URIRef(focus))
        )
        g.add((res, sh.resultSeverity, severity[r.severity]))
        g.add((res, sh.resultMessage, rdflib.Literal(r.message)))
        if r.path:
            g.add((res, sh.resultPath, rdflib.URIRef(r.path)))
        if r.value is not None:
            g.add((res, sh.value, rdflib.Literal(r.value)))
        if r.rule and r.rule.startswith("http") and " " not in r.rule:
            g.add((res, sh.sourceShape, rdflib.URIRef(r.rule)))
        g.add((res, lv.checker, rdflib.Literal(r.checker)))
        if r.file:
            g.add((res, lv.file, rdflib.Literal(r.file)))
        if r.line:
            g.add((res, lv.line, rdflib.Literal(r.line)))
    return g.serialize(format="turtle")
