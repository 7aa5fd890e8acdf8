"""The benchmark report: targets judged from the numbers, on hand-made rows, and the measuring helpers."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

# bench/ is a folder of scripts that import each other by name, as `python bench/run.py` runs them
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
measure = importlib.import_module("measure")
report = importlib.import_module("report")
results = importlib.import_module("results")
scale = importlib.import_module("scale")
targets = importlib.import_module("targets")


def ok(seconds: float, peak_mb: int = 100, lines: int = 10) -> dict[str, object]:
    return {"seconds": seconds, "peak_mb": peak_mb, "ok": True, "note": "", "lines": lines, "runs": 7}


def row(size: int, m: dict[str, object], questions: dict[str, str] | None = None, commit: str = "abc1234"):
    found = {"size": size, "triples": 26081 * size, "measured": "2026-12-03", "commit": commit, "m": m}
    found["skipped"] = {}
    if questions is not None:
        found["questions"] = questions
    return found


ASKED = {"cq01": "actor=japan", "cq05": "mechanism=quad", "cq07": "", "cq09": ""}


def rows():
    return [
        row(1, {"cq01": ok(0.30), "floor_query": ok(0.10), "cq05": ok(0.30), "validate_all": ok(2.5),
                "cq07": ok(0.3), "cq09": ok(0.3)}, ASKED),
        row(10, {"publish": ok(12.0)}),
        row(100, {"cq01": ok(0.31), "cq05": ok(0.6), "cq07": ok(1.9), "cq09": ok(3.0),
                  "validate": ok(50.0, peak_mb=7000), "build": ok(30.0), "floor_build": ok(17.0)}, ASKED),
    ]  # fmt: skip


def status(found_rows, start: str) -> dict[str, str]:
    return next(t for t in targets.targets(found_rows) if t["measure"].startswith(start))


def test_each_target_is_judged_from_the_numbers():
    found = {t["measure"]: t["status"] for t in targets.targets(rows())}
    assert list(found.values()) == ["met", "missed", "met", "missed", "missed", "missed", "met", "met"]


def test_a_ratio_shows_both_medians():
    floor = status(rows(), "warm `cq run cq01` ÷ the five-line script")
    assert floor["measured"].startswith("3.00x (0.300 s / 0.100 s)")
    assert status(rows(), "warm `cq run cq05` at 100x")["measured"].startswith("2.00x")


def test_whole_graph_questions_are_those_that_bind_nothing():
    # cq01 and cq05 bind a parameter: their times at 100x do not count against the 2 s limit
    t = status(rows(), "whole-graph questions")
    assert t["status"] == "missed"
    assert "slowest cq09: 3.00 s" in t["measured"]
    assert "1 of 2 over 2 s (cq09)" in t["measured"]
    quick = rows()
    quick[2]["m"]["cq09"] = ok(1.0)
    assert status(quick, "whole-graph questions")["status"] == "met"


def test_memory_counts_as_well_as_time():
    assert status(rows(), "`validate -c shacl")["status"] == "missed"  # 50 s, but 6.8 GiB
    lean = rows()
    lean[2]["m"]["validate"] = ok(50.0, peak_mb=5000)
    assert status(lean, "`validate -c shacl")["status"] == "met"


def test_a_failed_or_stopped_command_misses_and_says_why():
    stopped = rows()
    stopped[2]["m"]["validate"] = {**ok(1200.0), "ok": False, "note": "timed out"}
    t = status(stopped, "`validate -c shacl")
    assert t["status"] == "missed"
    assert "timed out" in t["measured"]


def test_a_size_not_measured_is_said_so():
    only_small = rows()[:1]
    t = status(only_small, "warm `cq run cq05` at 100x")
    assert t["status"] == "not measured"
    assert status(only_small, "`publish` at 10x")["status"] == "not measured"


def test_a_ratio_across_runs_is_flagged():
    mixed = rows()
    mixed[2]["commit"] = "def5678"
    t = status(mixed, "warm `cq run cq05` at 100x")
    assert "different runs" in t["note"]
    assert status(rows(), "warm `cq run cq05` at 100x")["note"] == ""


def test_report_shows_status_tables_and_keeps_the_hand_written_note():
    text = report.report(rows(), "## Closing note\n\nWhat was tried.\n")
    assert "| warm `cq run cq01` ÷ the five-line script, 1x | ≤ 3.5x | 3.00x" in text
    assert "| cq09 | whole graph | 0.300 s | - | 3.00 s |" in text
    assert text.index(report.KEEP_MARKER) < text.index("## Closing note")
    assert "hyperfine" in text and "/usr/bin/time -v" in text


def test_the_hand_written_part_survives_regeneration(tmp_path):
    doc = tmp_path / "benchmarks.md"
    doc.write_text(report.report(rows(), "Kept words.\n"), encoding="utf-8")
    assert report._kept_text(doc) == "Kept words.\n"
    again = report.report(rows(), report._kept_text(doc))
    assert again.count("Kept words.") == 1


def test_in_place_writes_the_term_where_the_variable_is():
    query = "SELECT ?m WHERE { ?m :member ?_actor_iri . FILTER (?o != ?_actor_iri) ?x :p ?_actor_iri_x }"
    done = scale.in_place(query, "_actor_iri", "https://w3id.org/lattice/id/actor/japan")
    assert done.count("<https://w3id.org/lattice/id/actor/japan>") == 2
    assert "?_actor_iri_x" in done


def test_questions_read_what_their_defaults_bind():
    asked = {q["id"]: q["binds"] for q in scale.questions()}
    assert len(asked) == 20
    assert asked["cq01"] == "actor=japan"
    assert asked["cq05"] == "mechanism=quad"
    assert asked["cq09"] == ""


def test_run_once_reports_output_failure_and_stops_at_the_timeout():
    done = measure.run_once([sys.executable, "-c", "print('a'); print('{\"x\": 1}')"], {}, 60, 4096)
    assert done["ok"] and done["lines"] == 2 and done["output"] == {"x": 1}
    failed = measure.run_once([sys.executable, "-c", "import sys; sys.exit('no such thing')"], {}, 60, 4096)
    assert not failed["ok"] and failed["note"] == "exit 1: no such thing"
    slow = measure.run_once([sys.executable, "-c", "import time; time.sleep(30)"], {}, 0.5, 4096)
    assert not slow["ok"] and slow["note"] == "timed out"


def test_cheap_commands_get_the_most_runs():
    assert [measure.runs_for(s, 7) for s in (0.05, 1.9, 2.5, 19, 25)] == [7, 7, 3, 3, 1]


def test_run_once_peak_is_the_commands_own():
    # not the measuring process's memory, which a child forked from it would start with
    small = measure.run_once([sys.executable, "-c", "pass"], {}, 60, 4096)
    big = measure.run_once([sys.executable, "-c", "b = b'x' * (300 * 2**20)"], {}, 60, 4096)
    assert small["peak_mb"] < 60 <= 300 <= big["peak_mb"]


def test_run_once_stops_a_command_that_holds_too_much_memory():
    hog = [sys.executable, "-c", "import time; b = b'x' * (300 * 2**20); time.sleep(30)"]
    done = measure.run_once(hog, {}, 60, 100)
    assert not done["ok"] and done["note"] == "stopped above 0.1 GiB"
    assert done["peak_mb"] >= 100  # the last sample before it was stopped


def test_keep_with_only_carries_the_other_groups_with_their_own_stamp():
    old = rows()[0]
    new = row(1, {"cq01": ok(0.25), "floor_query": ok(0.10)}, ASKED, commit="new9999")
    new["groups"] = ["cq"]
    new["skipped"] = {"validate_all": "not selected (`--only`)", "build": "not selected (`--only`)"}
    results.carry(new, old)
    assert new["m"]["validate_all"]["commit"] == "abc1234"
    assert new["m"]["cq01"]["seconds"] == 0.25  # the new measurement, not the old one
    assert "validate_all" not in new["skipped"] and "build" in new["skipped"]
    t = status([new], "`validate` (all four")
    assert t["status"] == "missed"
    assert "[kept: 2026-12-03, abc1234]" in report.report([new])
    mixed = status([new, *rows()[1:]], "warm `cq run cq01` at 100x")
    assert "different runs" in mixed["note"]  # cq01 at 1x is new, at 100x from abc1234
