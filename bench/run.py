"""Benchmarks: `python bench/run.py [--sizes 1,10,100[,1000]] [--only cq,build,...] [--keep]`.

Writes `bench/results.json` and regenerates docs/benchmarks.md from it (keeping the hand-written text
below its closing marker). `--keep` re-measures only the given sizes and keeps the other sizes' rows
of bench/results.json; each row says when and at which commit it was measured, and with `--only` a
re-measured row keeps the earlier row's measurements of the groups not selected, each marked with its
own date and commit. `--report-only` regenerates the document from bench/results.json alone.
`--prepare SIZE` only writes the project folder of one size, for measuring single figures by hand.

For each size (1 = the article's graph; k = k copies with fresh IRIs, see multiply.py) it measures, each
command in a fresh process, wall time and peak memory (max RSS of the child and its children), beside
the floor under it, in the same run:
- `cq`: warm `lattice cq run cq01 --format csv`, interleaved with the five-line script that opens the
  persisted store read-only and runs the same query with the parameter written in place
  (floor_query.py) and with `python -c pass`; cold cq01 (no store yet); every competency question,
  warm, with its defaults; `cq run --all`;
- `build`: `lattice build --rebuild --no-inferred`, interleaved with a plain pyoxigraph `bulk_load` of
  the same files into a fresh folder plus the three dumps with Oxigraph's serializers (floor_build.py);
- `validate`: all four checkers (at 1x by default), and `-c shacl -c quotes` at every size up to a limit;
- `publish` (up to 10x by default);
- `rdflib`: the plain alternative: parse every file with rdflib, run cq01 with rdflib's engine.
Cheap commands are the median of 7 runs, expensive ones of fewer (see `runs_for`). A command that
times out or passes the memory guard is stopped, reported, and not tried at larger sizes.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
WORK = Path(os.environ.get("LATTICE_BENCH_DIR", "/tmp/lattice-bench"))
RESULTS = BENCH / "results.json"
DOC = ROOT / "docs" / "benchmarks.md"
# The text below this line in docs/benchmarks.md is written by hand and kept on regeneration.
KEEP_MARKER = "<!-- Generated above by bench/run.py. Text below this line is written by hand and kept. -->"
GROUPS = ("cq", "build", "validate", "publish", "rdflib")
ID = "https://w3id.org/lattice/id/"
GIB = 1024  # peak memory is kept in MiB

RDFLIB_BASELINE = r"""
import sys, rdflib
from pathlib import Path
root = Path(sys.argv[1]); query = Path(sys.argv[2]).read_text(encoding="utf-8")
g = rdflib.Graph()
for f in sorted((root / "ontology").glob("*.ttl")) + sorted((root / "data").rglob("*.ttl")):
    if f.name != "shapes.ttl":
        g.parse(f, format="turtle")
print(len(list(g.query(query))))
"""


def lattice() -> list[str]:
    """The installed `lattice` command (what a user runs), else the module."""
    script = Path(sys.executable).with_name("lattice")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "lattice_kg.cli"]


# ------------------------------------------------------------------------------------------ measuring


def runs_for(first_seconds: float, most: int) -> int:
    """How many runs a command gets, from its first: start-up-dominated ones 7, expensive ones fewer."""
    if first_seconds < 2:
        return most
    return min(most, 3) if first_seconds < 20 else 1


GNU_TIME = "/usr/bin/time"  # Debian's `time` package: forks the command from a small process


def run_once(
    cmd: list[str], env: dict[str, str], timeout: float, max_rss_mb: int, ok_codes: tuple[int, ...] = (0,)
) -> dict[str, object]:
    """Wall time and peak RSS of one command in its own session; stopped past `timeout` or `max_rss_mb`.

    The peak is GNU time's (wait4's max RSS of the command and the children it waited for): a child
    forked from this process would start with this process's own high-water mark. Output goes to a
    file, not a pipe nobody reads."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile() as kb,
    ):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [GNU_TIME, "-f", "%M", "-o", kb.name, *cmd],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        stop, stopped, sampled = threading.Event(), [], [0.0]
        guard = threading.Thread(
            target=_guard, args=(proc.pid, start + timeout, max_rss_mb, stop, stopped, sampled), daemon=True
        )
        guard.start()
        code = proc.wait()
        wall = time.perf_counter() - start
        stop.set()
        guard.join()
        out.seek(0)
        lines, tail = 0, b""
        for line in out:
            lines, tail = lines + 1, line
        err.seek(0)
        last = [line for line in err.read().decode("utf-8", "replace").splitlines() if line.strip()]
        told = Path(kb.name).read_text().split()
    peak_kb = int(told[-1]) if told and told[-1].isdigit() else 0
    ok = code in ok_codes and not stopped
    note = stopped[0] if stopped else "" if ok else f"exit {code}: " + (last[-1] if last else "no message")
    found: dict[str, object] = {
        "seconds": round(wall, 3),
        "peak_mb": round(peak_kb / 1024) if peak_kb else round(sampled[0]),  # stopped: the last sample
        "ok": ok,
        "note": note[:160],
        "lines": lines,
    }
    if tail.startswith(b"{") and len(tail) < 400:  # a floor script's own split of its time
        with contextlib.suppress(ValueError):
            found["output"] = json.loads(tail)
    return found


def _guard(pid: int, deadline: float, max_rss_mb: int, stop: threading.Event, stopped: list[str],
           sampled: list[float]) -> None:  # fmt: skip
    """Stop the command's whole session when it runs past the deadline or holds more memory than allowed."""
    while not stop.wait(0.25):
        rss = _session_rss_mb(pid)
        sampled[0] = max(sampled[0], rss)
        why = ""
        if time.perf_counter() > deadline:
            why = "timed out"
        elif rss > max_rss_mb:
            why = f"stopped above {max_rss_mb / GIB:.1f} GiB"
        if why:
            stopped.append(why)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            return


def _session_rss_mb(sid: int) -> float:
    """Resident memory of every process in the session `sid` (the command and what it started)."""
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == sid:  # fields after the name: state ppid pgrp session ...
            total += int(fields[21]) * page
    return total / 2**20


def measure_together(
    cmds: dict[str, list[str]],
    env: dict[str, str],
    *,
    most: int,
    timeout: float,
    max_rss_mb: int,
    before: dict[str, Callable[[], None]] | None = None,
    ok_codes: tuple[int, ...] = (0,),
) -> dict[str, dict[str, object]]:
    """Run the commands in turn, round after round, so that a command and its floor share the
    machine's noise; each gets `runs_for` its first run. Median wall time, highest peak memory."""
    before = before or {}
    done: dict[str, list[dict[str, object]]] = {key: [] for key in cmds}
    wanted = dict.fromkeys(cmds, most)
    for round_ in range(most):
        for key, cmd in cmds.items():
            if len(done[key]) >= wanted[key]:
                continue
            if key in before:
                before[key]()
            result = run_once(cmd, env, timeout, max_rss_mb, ok_codes)
            done[key].append(result)
            if round_ == 0:
                wanted[key] = runs_for(float(result["seconds"]), most)
            if not result["ok"]:
                wanted[key] = len(done[key])  # a failure is reported, not repeated
    return {key: summarise(runs) for key, runs in done.items()}


def summarise(runs: list[dict[str, object]]) -> dict[str, object]:
    failed = [r for r in runs if not r["ok"]]
    good = sorted((r for r in runs if r["ok"]), key=lambda r: float(r["seconds"]))
    if failed or not good:
        return {**(failed or runs)[0], "runs": len(runs)}
    median = dict(good[len(good) // 2])
    median["peak_mb"] = max(int(r["peak_mb"]) for r in good)
    median["all_seconds"] = [r["seconds"] for r in good]
    median["runs"] = len(good)
    return median


# ------------------------------------------------------------------------------------------ inputs


def questions() -> list[dict[str, str]]:
    """Each competency question's id, file and what its defaults bind ("" = it asks about the whole
    graph), read from the `#+ defaults:` header items."""
    found = []
    for path in sorted((ROOT / "queries").glob("cq*.rq")):
        header = itertools.takewhile(lambda line: line.startswith("#+"), path.read_text().splitlines())
        binds, within = [], False
        for line in header:
            if re.match(r"#\+ ?\S", line):  # a top-level key
                within = line.split()[1] == "defaults:"
            elif within and (item := _DEFAULT.match(line)):
                binds.append(item.group(1) + "=" + item.group(2).strip("\"' "))
        found.append({"id": path.stem.split("-", 1)[0], "path": str(path), "binds": ", ".join(binds)})
    return found


_DEFAULT = re.compile(r"#\+\s+-\s+([a-z]+):\s*(.+)$")


def in_place(query: str, variable: str, iri: str) -> str:
    """The query with the parameter written where the variable is, the form an engine plans best."""
    return re.sub(rf"\?{re.escape(variable)}\b", f"<{iri}>", query)


def source_files(root: Path) -> list[Path]:
    """The Turtle files `lattice` loads: the ontology, then the data, without the shapes."""
    files = sorted((root / "ontology").glob("*.ttl")) + sorted((root / "data").rglob("*.ttl"))
    return [f for f in files if f.name != "shapes.ttl"]


def article_nt() -> Path:
    """The article's data (without the ontology) as N-Triples, from the project's own build."""
    import rdflib

    base, dist = WORK / "article.nt", WORK / "article-dist"
    subprocess.run(
        [*lattice(), "build", "--out", str(dist), "--no-inferred"],
        check=True,
        capture_output=True,
        env={**os.environ, "LATTICE_ROOT": str(ROOT), "LATTICE_CACHE": str(WORK / "article-cache")},
    )
    g = rdflib.Graph().parse(dist / "lattice.nt", format="nt")
    g -= rdflib.Graph().parse(ROOT / "ontology" / "lattice.ttl")
    g.serialize(base, format="nt", encoding="utf-8")
    return base


def prepare(size: int, base: Path) -> Path:
    """A project folder whose data/ holds the article's graph `size` times, and cq01 with its parameter
    written in place (the floor script's query)."""
    from multiply import multiply

    root = WORK / f"x{size}"
    if root.exists():
        shutil.rmtree(root)
    (root / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(ROOT / "queries", root / "queries")
    triples = multiply(base, size, root / "data" / "graph.ttl")
    (root / "triples").write_text(str(triples))
    cq01 = next((ROOT / "queries").glob("cq01-*.rq")).read_text(encoding="utf-8")
    (root / "cq01-in-place.rq").write_text(in_place(cq01, "_actor_iri", ID + "actor/japan"), encoding="utf-8")
    return root


def environment(root: Path) -> dict[str, str]:
    env = {**os.environ, "LATTICE_ROOT": str(root), "LATTICE_CACHE": str(root / ".lattice")}
    # an installed package runs from cached bytecode; without it every start compiles the sources
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    text = ROOT.parent / "shared" / "source" / "zhao-2024.txt"  # the quote audit's article text
    if "LATTICE_SOURCE_TEXT" not in env and text.is_file():
        env["LATTICE_SOURCE_TEXT"] = str(text)
    return env


def persisted_store(cache: Path, wait: float = 600) -> Path | None:
    """The store folder (`store-*`) once no build is in progress: a cold question may leave a detached
    process persisting it."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        stores = sorted((p for p in cache.glob("store-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
        if stores and not any(cache.glob(".building-*")):
            return stores[-1]
        time.sleep(0.05)
    return None


# ------------------------------------------------------------------------------------------ one size


class Options(argparse.Namespace):
    only: set[str]
    runs: int
    timeout: float
    max_rss_gb: float
    validate_all_up_to: int
    validate_up_to: int
    publish_up_to: int
    rdflib_up_to: int


def measure(size: int, opts: Options, base: Path, gave_up: dict[str, str]) -> dict[str, object]:
    """One row: every selected measurement at one size. `gave_up` carries, from smaller sizes, the
    commands that timed out or passed the memory guard, which are not tried again."""
    root = prepare(size, base)
    env = environment(root)
    cache = root / ".lattice"
    cli = lattice()
    row: dict[str, object] = {
        "size": size,
        "triples": int((root / "triples").read_text()),
        "measured": time.strftime("%Y-%m-%d"),
        "commit": _commit(),
        "versions": _versions(),
        "machine": _machine(),
        "groups": sorted(opts.only),
        "load_before": round(os.getloadavg()[0], 2),
    }
    m: dict[str, dict[str, object]] = {}
    skipped: dict[str, str] = {}
    common = {"timeout": opts.timeout, "max_rss_mb": int(opts.max_rss_gb * GIB)}

    def run(cmds: dict[str, list[str]], most: int, **kw: object) -> None:
        todo = {k: c for k, c in cmds.items() if k not in gave_up}
        skipped.update({k: gave_up[k] for k in cmds if k in gave_up})
        if todo:
            m.update(measure_together(todo, env, most=most, **common, **kw))
        for key in todo:
            shown = _cell(m[key])
            print(f"  {size}x {key}: {shown}", file=sys.stderr, flush=True)
            note = str(m[key]["note"])
            if not m[key]["ok"] and note.startswith(("timed out", "stopped above")):
                gave_up[key] = f"not tried: {note} at {size}x"

    cold_runs = []

    def empty_cache() -> None:
        if cold_runs:  # let the last cold run's detached persister finish, or it would write the store
            persisted_store(cache)  # after the removal and the next "cold" run would find it
        shutil.rmtree(cache, ignore_errors=True)
        cold_runs.append(1)

    def within(group: str, limit: int | None, key: str, option: str = "") -> bool:
        if group not in opts.only:
            skipped[key] = "not selected (`--only`)"
            return False
        if limit is not None and size > limit:
            skipped[key] = f"not run above {limit}x (`{option}`)"
            return False
        return True

    if "cq" in opts.only:
        cq01 = [*cli, "cq", "run", "cq01", "--format", "csv"]
        run({"cq01_cold": cq01}, 3, before={"cq01_cold": empty_cache})
        run_once(cq01, env, opts.timeout, common["max_rss_mb"])  # the store made (or reused) once, unmeasured
        trio = {"python_pass": [sys.executable, "-c", "pass"], "cq01": cq01}
        store = persisted_store(cache)
        if store is not None:
            trio["floor_query"] = [
                sys.executable,
                str(BENCH / "floor_query.py"),
                str(store),
                str(root / "cq01-in-place.rq"),
            ]
        else:
            skipped["floor_query"] = f"no store-* folder under {cache} after `cq run cq01`"
        run(trio, opts.runs)
        asked = questions()
        for q in asked:
            if q["id"] != "cq01":
                run({q["id"]: [*cli, "cq", "run", q["id"], "--format", "csv"]}, opts.runs)
        row["questions"] = {q["id"]: q["binds"] for q in asked}
        run({"all_questions": [*cli, "cq", "run", "--all", "--format", "csv"]}, opts.runs)
    else:
        skipped["cq"] = "not selected (`--only`)"
    if within("build", None, "build"):
        files = [str(f) for f in source_files(root)]
        floor_dirs = (root / "floor-store", root / "floor-dist")
        floor_build = [sys.executable, str(BENCH / "floor_build.py"), *map(str, floor_dirs), *files]
        build = [*cli, "build", "--rebuild", "--no-inferred", "--out", str(root / "dist")]
        run(
            {"build": build, "floor_build": floor_build},
            3,
            before={"floor_build": lambda: [shutil.rmtree(d, ignore_errors=True) for d in floor_dirs]},
        )
        for d in floor_dirs:
            shutil.rmtree(d, ignore_errors=True)
    validate = [*cli, "validate", "-f", "json"]
    if within("validate", opts.validate_all_up_to, "validate_all", "--validate-all-up-to"):
        run({"validate_all": validate}, 3, ok_codes=(0, 1))  # 1: it has findings
    if within("validate", opts.validate_up_to, "validate", "--validate-up-to"):
        run({"validate": [*validate, "-c", "shacl", "-c", "quotes"]}, 3, ok_codes=(0, 1))
    if within("publish", opts.publish_up_to, "publish", "--publish-up-to"):
        run({"publish": [*cli, "publish", "--out", str(root / "site")]}, 3)
    if within("rdflib", opts.rdflib_up_to, "rdflib", "--rdflib-up-to"):
        baseline = [sys.executable, "-c", RDFLIB_BASELINE, str(root), str(root / "cq01-in-place.rq")]
        run({"rdflib": baseline}, 3)
    row["m"] = m
    row["skipped"] = skipped
    row["load_after"] = round(os.getloadavg()[0], 2)
    shutil.rmtree(root, ignore_errors=True)
    return row


def _commit() -> str:
    """The commit measured, marked when the sources differ from it."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "src", "queries", "ontology", "data"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return (head.stdout.strip() or "unknown") + ("+changes" if dirty.stdout.strip() else "")


def _machine() -> str:
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        ),
        "0",
    )
    gib = int(memory) / 2**20
    return f"{platform.machine()}, {os.cpu_count()} cores, {gib:.0f} GiB, Linux {platform.release()}"


def _versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in ("lattice-kg", "pyoxigraph", "rdflib", "typer", "pyshacl"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[name] = metadata.version(name)
    return found


# ------------------------------------------------------------------------------------------ report

# The targets: (what, target as shown, how it is computed). A check returns the figure as
# shown, whether it is met (None: not measured), and a note.
Check = Callable[[dict[int, dict[str, object]]], tuple[str, bool | None, str]]


def _get(rows: dict[int, dict[str, object]], size: int, key: str) -> dict[str, object] | None:
    row = rows.get(size)
    found = row.get("m", {}).get(key) if row else None
    return found if isinstance(found, dict) else None


def _failed(m: dict[str, object]) -> str:
    return f"{m['note'] or 'failed'} (after {_secs(float(m['seconds']))} s)"


def _ratio(
    rows: dict[int, dict[str, object]], a: tuple[int, str], b: tuple[int, str], limit: float
) -> tuple[str, bool | None, str]:
    top, bottom = _get(rows, *a), _get(rows, *b)
    if top is None or bottom is None:
        return "not measured", None, ""
    for m in (top, bottom):
        if not m["ok"]:
            return _failed(m), False, ""
    ratio = float(top["seconds"]) / float(bottom["seconds"])
    shown = f"{ratio:.2f}x ({_secs(float(top['seconds']))} s / {_secs(float(bottom['seconds']))} s)"
    return shown, ratio <= limit, _across([_origin(rows, *a), _origin(rows, *b)])


def _origin(rows: dict[int, dict[str, object]], size: int, key: str) -> tuple[str, str]:
    """When and at which commit a measurement was made: its own stamp if it was kept from an earlier
    run (`--keep --only`), else its row's."""
    row = rows[size]
    m = row["m"][key]
    return str(m.get("measured", row.get("measured"))), str(m.get("commit", row.get("commit")))


def _across(origins: Iterable[tuple[str, str]]) -> str:
    """A figure made of measurements from different runs is said to be so."""
    runs = sorted(set(origins))
    return "" if len(runs) <= 1 else "measured in different runs: " + ", ".join(f"{d} ({c})" for d, c in runs)


def _seconds_within(
    rows: dict[int, dict[str, object]], size: int, key: str, limit: float, mb_limit: float | None = None
) -> tuple[str, bool | None, str]:
    m = _get(rows, size, key)
    if m is None:
        return "not measured", None, ""
    if not m["ok"]:
        return _failed(m), False, ""
    shown = f"{_secs(float(m['seconds']))} s"
    met = float(m["seconds"]) <= limit
    if mb_limit is not None:
        shown += f", {int(m['peak_mb']) / GIB:.1f} GiB"
        met = met and int(m["peak_mb"]) <= mb_limit
    return shown, met, ""


def _whole_graph(rows: dict[int, dict[str, object]], size: int, limit: float) -> tuple[str, bool | None, str]:
    row = rows.get(size)
    asked = row.get("questions") if row else None
    if not isinstance(asked, dict):
        return "not measured", None, ""
    whole = [q for q, binds in sorted(asked.items()) if not binds]
    measured = [(q, _get(rows, size, q)) for q in whole]
    if not whole or any(m is None for _, m in measured):
        return "not measured", None, ""
    over = [q for q, m in measured if not m["ok"] or float(m["seconds"]) > limit]
    slowest = max(measured, key=lambda qm: float(qm[1]["seconds"]) if qm[1]["ok"] else float("inf"))
    name, m = slowest
    shown = f"slowest {name}: " + (f"{_secs(float(m['seconds']))} s" if m["ok"] else _failed(m))
    shown += f"; {len(over)} of {len(whole)} over {limit:g} s" + (f" ({', '.join(over)})" if over else "")
    return shown, not over, _across(_origin(rows, size, q) for q in whole)


TARGETS: list[tuple[str, str, Check]] = [
    (
        "warm `cq run cq01` ÷ the five-line script, 1x",
        "≤ 3.5x",
        lambda r: _ratio(r, (1, "cq01"), (1, "floor_query"), 3.5),
    ),
    ("warm `cq run cq05` at 100x ÷ at 1x", "≤ 1.5x", lambda r: _ratio(r, (100, "cq05"), (1, "cq05"), 1.5)),
    (
        "warm `cq run cq01` at 100x ÷ at 1x",
        "constant (≤ 1.5x, as cq05)",
        lambda r: _ratio(r, (100, "cq01"), (1, "cq01"), 1.5),
    ),
    (
        "whole-graph questions at 100x (no parameter bound), output included",
        "≤ 2 s each",
        lambda r: _whole_graph(r, 100, 2.0),
    ),
    ("`validate` (all four checkers), 1x", "≤ 2 s", lambda r: _seconds_within(r, 1, "validate_all", 2.0)),
    (
        "`validate -c shacl -c quotes` at 100x",
        "≤ 60 s and ≤ 6 GiB",
        lambda r: _seconds_within(r, 100, "validate", 60.0, 6 * GIB),
    ),
    (
        "`build --rebuild --no-inferred` at 100x ÷ (bulk_load + dumps)",
        "≤ 2x",
        lambda r: _ratio(r, (100, "build"), (100, "floor_build"), 2.0),
    ),
    ("`publish` at 10x", "≤ 15 s", lambda r: _seconds_within(r, 10, "publish", 15.0)),
]


def targets(rows: Iterable[dict[str, object]]) -> list[dict[str, str]]:
    """Each target with the measured figure and "met", "missed" or "not measured", from the rows."""
    by_size = {int(r["size"]): r for r in rows}
    found = []
    for what, target, check in TARGETS:
        shown, met, note = check(by_size)
        status = "not measured" if met is None else "met" if met else "missed"
        found.append({"measure": what, "target": target, "measured": shown, "status": status, "note": note})
    return found


COMMANDS = [  # (key, title) of the main table
    ("python_pass", "`python -c pass`"),
    ("floor_query", "five-line script (cq01)"),
    ("cq01", "warm `cq run cq01`"),
    ("cq01_cold", "cold `cq run cq01`"),
    ("all_questions", "warm `cq run --all`"),
    ("floor_build", "bulk_load + dumps"),
    ("build", "`build --rebuild --no-inferred`"),
    ("validate_all", "`validate` (all four)"),
    ("validate", "`validate -c shacl -c quotes`"),
    ("publish", "`publish`"),
    ("rdflib", "rdflib parse + cq01"),
]


def _cell(m: dict[str, object] | None, memory: bool = True, row: dict[str, object] | None = None) -> str:
    if m is None:
        return "-"
    shown = _failed(m) if not m["ok"] else f"{_secs(float(m['seconds']))} s"
    if memory and m["ok"]:
        shown += f", {m['peak_mb']} MiB"
    if m["ok"] and m.get("runs", 1) != 7:
        shown += f" (n={m.get('runs', 1)})"
    if row is not None and "commit" in m and (m["measured"], m["commit"]) != (row["measured"], row["commit"]):
        shown += f" [kept: {m['measured']}, {m['commit']}]"
    return shown


def _secs(x: float) -> str:
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}"


def _factor(a: dict[str, object] | None, b: dict[str, object] | None) -> str:
    if a is None or b is None or not a["ok"] or not b["ok"] or not float(a["seconds"]):
        return "-"
    return f"x{float(b['seconds']) / float(a['seconds']):.1f}"


def report(rows: list[dict[str, object]], kept_text: str = "") -> str:
    rows = sorted(rows, key=lambda r: int(r["size"]))
    sizes = [int(r["size"]) for r in rows]
    by_size = dict(zip(sizes, rows, strict=True))
    lines = [
        "# Benchmarks",
        "",
        "Generated by `python bench/run.py` (see its docstring) from `bench/results.json`; do not edit",
        "above the closing marker. `k`x is the article's graph copied k times with fresh IRIs",
        "(`bench/multiply.py`), plus the ontology. Each command runs in a fresh process; a figure is",
        "its wall time (output included, written to a file) and peak memory (max RSS of the process and",
        "the children it waited for). A command whose first run takes under 2 s is the median of 7",
        "runs, under 20 s of 3, longer of 1 run; the count is shown (n=...) where it is not 7. A command",
        "and its floor run in turns, round after round, so that they share the machine's noise. Read",
        "the absolute times as orders of magnitude, the ratios as the result.",
        "",
        "| size | triples | measured (commit) | machine | load average before, after | versions |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        v = row.get("versions") or {}
        shown = ", ".join(f"{k} {val}" for k, val in v.items())
        lines.append(
            f"| {row['size']}x | {int(row['triples']):,} | {row.get('measured')} ({row.get('commit')}) | "
            f"{row.get('machine', '?')} | {row.get('load_before', '?')}, {row.get('load_after', '?')} | "
            f"{shown} |"
        )
    lines += [
        "",
        "## Targets",
        "",
        "The targets of issue 13, each computed from the rows below (a ratio divides two medians).",
        "",
        "| measure | target | measured | status |",
        "|---|---|---|---|",
    ]
    for t in targets(rows):
        note = f" ({t['note']})" if t["note"] else ""
        lines.append(f"| {t['measure']} | {t['target']} | {t['measured']}{note} | {t['status']} |")
    lines += ["", "## Each command and its floor", ""]
    lines.append("| size | " + " | ".join(title for _, title in COMMANDS) + " |")
    lines.append("|---|" + "---|" * len(COMMANDS))
    for size in sizes:
        cells = [_cell(_get(by_size, size, k), row=by_size[size]) for k, _ in COMMANDS]
        lines.append(f"| {size}x | " + " | ".join(cells) + " |")
    lines += [
        "",
        "The floors: `python -c pass` is the interpreter's start; the five-line script",
        "([`bench/floor_query.py`](../bench/floor_query.py)) opens the persisted store read-only with",
        "`pyoxigraph.Store.read_only` and runs cq01's text with the parameter (Japan's IRI) written in",
        "place, printing CSV; bulk_load + dumps ([`bench/floor_build.py`](../bench/floor_build.py)) is",
        "`pyoxigraph.Store(path).bulk_load(...)` of the same Turtle files into a fresh folder, then the",
        "Turtle, N-Triples and JSON-LD dumps `build` writes. The rdflib alternative parses every file",
        "with rdflib and runs the same cq01 text with rdflib's engine, on every question.",
        "",
        "| size | cq01 ÷ script | cq01 − script | script − `python -c pass` | build ÷ (bulk_load + dumps) "
        "| bulk_load, dumps (inside the floor) | rdflib ÷ warm cq01 | same rows (cq01, script) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size in sizes:
        g = lambda key, s=size: _get(by_size, s, key)  # noqa: E731
        lines.append(
            f"| {size}x | {_div(g('cq01'), g('floor_query'))} | {_sub(g('cq01'), g('floor_query'))} | "
            f"{_sub(g('floor_query'), g('python_pass'))} | {_div(g('build'), g('floor_build'))} | "
            f"{_phases_cell(g('floor_build'))} | {_div(g('rdflib'), g('cq01'))} | "
            f"{_same_rows(g('cq01'), g('floor_query'))} |"
        )
    lines += _questions_table(by_size, sizes)
    lines += ["", "## Not run", ""]
    for row in rows:
        for key, why in sorted((row.get("skipped") or {}).items()):
            lines.append(f"- {row['size']}x, {key}: {why}.")
    if lines[-1] == "":
        lines.append("Every measurement ran at every size.")
    lines += _reproduce()
    lines += ["", KEEP_MARKER]
    text = "\n".join(lines) + "\n"
    return text + (kept_text if kept_text.strip() else "")


def _div(a: dict[str, object] | None, b: dict[str, object] | None) -> str:
    if a is None or b is None or not a["ok"] or not b["ok"] or not float(b["seconds"]):
        return "-"
    return f"{float(a['seconds']) / float(b['seconds']):.2f}x"


def _sub(a: dict[str, object] | None, b: dict[str, object] | None) -> str:
    if a is None or b is None or not a["ok"] or not b["ok"]:
        return "-"
    return f"{float(a['seconds']) - float(b['seconds']):.3f} s"


def _phases_cell(m: dict[str, object] | None) -> str:
    split = m.get("output") if m else None
    if not isinstance(split, dict) or "bulk_load" not in split:
        return "-"
    return f"{_secs(float(split['bulk_load']))} s, {_secs(float(split['dumps']))} s"


def _same_rows(a: dict[str, object] | None, b: dict[str, object] | None) -> str:
    if a is None or b is None or not a["ok"] or not b["ok"]:
        return "-"
    return "yes" if a["lines"] == b["lines"] else f"no ({a['lines']} and {b['lines']} lines)"


def _questions_table(by_size: dict[int, dict[str, object]], sizes: list[int]) -> list[str]:
    asked: dict[str, str] = {}
    for size in sizes:
        asked.update(by_size[size].get("questions") or {})
    if not asked:
        return []
    pairs = list(itertools.pairwise(sizes))
    lines = [
        "",
        "## Every competency question, warm, with its defaults",
        "",
        "`lattice cq run cqNN --format csv`; a question that binds a parameter asks about one thing and",
        "should cost the same at any size; one that binds none reads the whole graph. Growth factors",
        "divide the medians at two sizes (x10 triples from one size to the next).",
        "",
        "| question | binds | "
        + " | ".join(f"{s}x" for s in sizes)
        + "".join(f" | {a}x → {b}x" for a, b in pairs)
        + (f" | {sizes[0]}x → {sizes[-1]}x" if len(sizes) > 2 else "")
        + " |",
        "|---|---|" + "---|" * (len(sizes) + len(pairs) + (len(sizes) > 2)),
    ]
    for q in sorted(asked):
        cells = [_cell(_get(by_size, s, q), memory=False, row=by_size[s]) for s in sizes]
        cells += [_factor(_get(by_size, a, q), _get(by_size, b, q)) for a, b in pairs]
        if len(sizes) > 2:
            cells.append(_factor(_get(by_size, sizes[0], q), _get(by_size, sizes[-1], q)))
        lines.append(f"| {q} | {asked[q] or 'whole graph'} | " + " | ".join(cells) + " |")
    return lines


def _reproduce() -> list[str]:
    return [
        "",
        "## Reproducing a single figure",
        "",
        "With public tools: [hyperfine](https://github.com/sharkdp/hyperfine) (`apt-get install hyperfine`)",
        "for wall time (it prints the mean; `--export-json FILE` also holds the median this page",
        "shows), `/usr/bin/time -v` (GNU time, `apt-get install time`, which `bench/run.py` uses too) for",
        'peak memory (its "Maximum resident set size", in KiB). First write one size\'s project folder',
        "and point `lattice` at it:",
        "",
        "```sh",
        "python bench/run.py --prepare 100      # writes /tmp/lattice-bench/x100 and prints what follows",
        "export LATTICE_ROOT=/tmp/lattice-bench/x100 LATTICE_CACHE=/tmp/lattice-bench/x100/.lattice",
        "lattice cq run cq01 --format csv > /dev/null   # makes the store once: the runs below are warm",
        'STORE=$(ls -d "$LATTICE_CACHE"/store-* | head -n 1)',
        "```",
        "",
        "Warm cq01 beside its floors, and one question at a time:",
        "",
        "```sh",
        "hyperfine -N --warmup 1 --runs 7 'python -c pass' \\",
        '  "python bench/floor_query.py $STORE $LATTICE_ROOT/cq01-in-place.rq" \\',
        "  'lattice cq run cq01 --format csv'",
        "hyperfine -N --warmup 1 --runs 7 'lattice cq run cq05 --format csv'",
        "```",
        "",
        "`build` beside a plain bulk_load and the dumps, and the peak memory of validation:",
        "",
        "```sh",
        "hyperfine -N --runs 1 'lattice build --rebuild --no-inferred --out /tmp/lattice-bench/dist'",
        "FLOOR=/tmp/lattice-bench/floor  # a fresh store folder and the dumps, removed before each run",
        'hyperfine --runs 1 --prepare "rm -rf $FLOOR" \\',
        '  "python bench/floor_build.py $FLOOR/store $FLOOR/dist $LATTICE_ROOT/ontology/lattice.ttl \\',
        '   $LATTICE_ROOT/data/graph.ttl"',
        "/usr/bin/time -v lattice validate -c shacl -c quotes -f json > /dev/null",
        "```",
    ]


# ------------------------------------------------------------------------------------------ main


def group_of(key: str) -> str:
    return {"floor_build": "build", "validate_all": "validate"}.get(key, key if key in GROUPS else "cq")


def carry(new: dict[str, object], old: dict[str, object]) -> None:
    """Keep, in a row measured with `--only`, the earlier row's measurements of the groups not selected,
    each stamped with its own date and commit."""
    groups = set(new.get("groups") or GROUPS)
    m, skipped = new["m"], new["skipped"]
    for key, earlier in (old.get("m") or {}).items():
        if key not in m and group_of(key) not in groups:
            m[key] = {"measured": old.get("measured"), "commit": old.get("commit"), **earlier}
            skipped.pop(key, None)
    if "cq" not in groups and "questions" in old:
        new["questions"] = old["questions"]
        skipped.pop("cq", None)


def _kept_text(doc: Path) -> str:
    """The hand-written text below the marker of the current document."""
    if not doc.exists():
        return ""
    text = doc.read_text(encoding="utf-8")
    return text.split(KEEP_MARKER, 1)[1].lstrip("\n") if KEEP_MARKER in text else ""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1,10,100", help="comma-separated sizes (1000 on request)")
    parser.add_argument(
        "--only", default=",".join(GROUPS), help=f"comma-separated groups of: {', '.join(GROUPS)}"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the other sizes' rows of bench/results.json"
    )
    parser.add_argument("--runs", type=int, default=7, help="runs of a cheap command (the median is kept)")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds before a command is stopped")
    parser.add_argument(
        "--max-rss-gb", type=float, default=16, help="memory (GiB) above which one is stopped"
    )
    parser.add_argument(
        "--validate-all-up-to", type=int, default=1, help="largest size for all four checkers"
    )
    parser.add_argument("--validate-up-to", type=int, default=100, help="largest size for shacl + quotes")
    parser.add_argument("--publish-up-to", type=int, default=10)
    parser.add_argument("--rdflib-up-to", type=int, default=100)
    parser.add_argument(
        "--report-only", action="store_true", help="regenerate the document from results.json"
    )
    parser.add_argument("--report", type=Path, default=DOC, help="where to write the document")
    parser.add_argument("--prepare", type=int, metavar="SIZE", help="only write the project folder of SIZE")
    opts = parser.parse_args(namespace=Options())
    if not Path(GNU_TIME).is_file():
        parser.error(f"needs GNU time at {GNU_TIME} for peak memory (apt-get install time)")
    sys.path.insert(0, str(BENCH))
    WORK.mkdir(parents=True, exist_ok=True)
    if opts.prepare:
        root = prepare(opts.prepare, article_nt())
        print(f"export LATTICE_ROOT={root} LATTICE_CACHE={root / '.lattice'}")
        print(f"# cq01 with its parameter in place, for bench/floor_query.py: {root / 'cq01-in-place.rq'}")
        return
    kept = json.loads(RESULTS.read_text()) if (opts.keep or opts.report_only) and RESULTS.exists() else []
    rows: list[dict[str, object]] = list(kept)
    if not opts.report_only:
        only = {g.strip() for g in str(opts.only).split(",") if g.strip()}
        if only - set(GROUPS):
            parser.error(f"--only: unknown group(s) {', '.join(sorted(only - set(GROUPS)))}")
        opts.only = only
        base = article_nt()
        gave_up: dict[str, str] = {}
        fresh: list[dict[str, object]] = []
        for size in sorted(int(s) for s in opts.sizes.split(",")):
            print(f"measuring {size}x ...", file=sys.stderr, flush=True)
            fresh.append(measure(size, opts, base, gave_up))
            earlier = next((r for r in kept if r["size"] == size), None)
            if earlier is not None and opts.keep:
                carry(fresh[-1], earlier)
            done = {r["size"] for r in fresh}
            rows = sorted([*fresh, *(r for r in kept if r["size"] not in done)], key=lambda r: int(r["size"]))
            tmp = RESULTS.with_name(RESULTS.name + ".tmp")
            tmp.write_text(json.dumps(rows, indent=2))
            tmp.replace(RESULTS)
    text = report(rows, _kept_text(opts.report))
    tmp = opts.report.with_name(opts.report.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(opts.report)
    for t in targets(rows):
        print(f"{t['status']:>12}  {t['measure']}: {t['measured']} (target {t['target']})")


if __name__ == "__main__":
    main()
