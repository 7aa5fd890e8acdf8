"""Benchmarks: `python bench/run.py [--sizes 1,10,100,1000] [--keep]` writes docs/benchmarks.md.

`--keep` re-measures only the given sizes and keeps the other rows of bench/results.json; each row
says when and at which commit it was measured.

For each size (1 = the article's graph; k = k copies with fresh IRIs, see multiply.py) it measures, in
fresh processes, wall time and peak memory (max RSS of the child) of:
- cold `lattice cq run cq01` (no store yet: parse, build, query) and warm (store reused);
- all twenty questions on the warm store (`lattice cq run --all`);
- `lattice validate --checker shacl --checker quotes`, `lattice build --no-inferred` and `lattice publish`;
- the plain alternative a user would otherwise write: parse every Turtle file with rdflib, then run
  the same cq01 query with rdflib's SPARQL engine.
Expensive steps are skipped (and said so) above the sizes where they would exceed the machine.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path(os.environ.get("LATTICE_BENCH_DIR", "/tmp/lattice-bench"))
LATTICE = [sys.executable, "-m", "lattice_kg.cli"]
RDFLIB_BASELINE = r"""
import sys, time, rdflib
from pathlib import Path
root = Path(sys.argv[1]); query = Path(sys.argv[2]).read_text()
g = rdflib.Graph()
for f in sorted((root / "ontology").glob("*.ttl")) + sorted((root / "data").rglob("*.ttl")):
    if f.name != "shapes.ttl":
        g.parse(f, format="turtle")
japan = "<https://w3id.org/lattice/id/actor/japan>"
query = query.replace("WHERE {", "WHERE { VALUES ?_actor_iri { " + japan + " }", 1)
print(len(list(g.query(query))))
"""


# Runs a command as its own child and prints that child's peak memory: a fresh wrapper per
# measurement, so the figure is the command's own and not the largest of all runs so far.
PEAK = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "sys.stderr.write(r.stderr); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(r.returncode)"
)


def timed(cmd: list[str], env: dict[str, str], timeout: int = 3600, repeat: int = 1,
          before: object = None) -> dict[str, object]:  # fmt: skip
    """The median of `repeat` runs (each after `before()`, e.g. emptying the cache for a cold run)."""
    runs = []
    for _ in range(repeat):
        if callable(before):
            before()
        runs.append(_timed_once(cmd, env, timeout))
    runs.sort(key=lambda r: r["seconds"])
    median = dict(runs[len(runs) // 2])
    median["runs"] = len(runs)
    return median


def _timed_once(cmd: list[str], env: dict[str, str], timeout: int) -> dict[str, object]:
    """Wall time and the command's peak memory; a failure or time-out is reported, not hidden."""
    start = time.perf_counter()
    peak_kb = 0
    try:
        proc = subprocess.run([sys.executable, "-c", PEAK, *cmd], env=env, capture_output=True, text=True,
                              timeout=timeout)  # fmt: skip
        err = proc.stderr.strip().splitlines()
        peak_kb = int(err[-1]) if err and err[-1].isdigit() else 0
        ok = proc.returncode in (0, 1)  # validate exits 1 when it has findings
        note = "" if ok else (err[-2] if len(err) > 1 else "failed")[:120]
    except subprocess.TimeoutExpired:
        ok, note = False, f"timed out after {timeout} s"
    wall = time.perf_counter() - start
    return {"seconds": round(wall, 2), "peak_mb": round(peak_kb / 1024), "ok": ok, "note": note}


def prepare(size: int) -> Path:
    """A project folder whose data/ holds the graph multiplied `size` times."""
    from multiply import multiply

    root = WORK / f"x{size}"
    if root.exists():
        shutil.rmtree(root)
    (root / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(ROOT / "queries", root / "queries")
    base = WORK / "article.nt"
    if not base.exists():
        # the article's data (without the ontology) as N-Triples, from the project's own build
        subprocess.run([*LATTICE, "build", "--out", str(WORK / "dist"), "--no-inferred"], check=True,
                       env={**os.environ, "LATTICE_ROOT": str(ROOT)}, capture_output=True)  # fmt: skip
        import rdflib

        g = rdflib.Graph().parse(WORK / "dist" / "lattice.nt", format="nt")
        g -= rdflib.Graph().parse(ROOT / "ontology" / "lattice.ttl")
        g.serialize(base, format="nt", encoding="utf-8")
    triples = multiply(base, size, root / "data" / "graph.ttl")
    (root / "triples").write_text(str(triples))
    return root


def measure(size: int, limits: dict[str, int]) -> dict[str, object]:
    root = prepare(size)
    env = {**os.environ, "LATTICE_ROOT": str(root), "LATTICE_CACHE": str(root / ".lattice")}
    query = next((ROOT / "queries").glob("cq01-*.rq"))
    row: dict[str, object] = {
        "size": size,
        "triples": int((root / "triples").read_text()),
        "measured": time.strftime("%Y-%m-%d"),
        "commit": _commit(),
    }
    repeat = 3 if size <= 10 else 1
    cache = root / ".lattice"

    def empty_cache() -> None:
        # a cold question leaves a detached process persisting the store: let it finish first, or it
        # would write the store after the removal and the next "cold" run would find it
        deadline = time.monotonic() + 600
        while cache.exists() and time.monotonic() < deadline:
            if any(cache.glob("store-*")) and not any(cache.glob(".building-*")):
                break
            time.sleep(0.05)
        shutil.rmtree(cache, ignore_errors=True)

    cq01 = [*LATTICE, "cq", "run", "cq01", "--format", "csv"]
    skip: dict[str, str] = {}
    row["cq01_cold"] = timed(cq01, env, repeat=repeat, before=empty_cache)
    row["cq01_warm"] = timed(cq01, env, repeat=repeat)
    row["all_questions_warm"] = timed([*LATTICE, "cq", "run", "--all", "--format", "csv"], env)
    row["build"] = timed([*LATTICE, "build", "--rebuild", "--no-inferred", "--out", str(root / "dist")], env)
    if size <= limits["publish"]:
        row["publish"] = timed([*LATTICE, "publish", "--out", str(root / "site")], env)
    else:
        skip["publish"] = f"not run above {limits['publish']}x: two pages per described thing"
    if size <= limits["validate"]:
        row["validate"] = timed([*LATTICE, "validate", "-c", "shacl", "-c", "quotes", "-f", "json"], env)
    else:
        skip["validate"] = f"not run above {limits['validate']}x: SHACL runs on an in-memory rdflib graph"
    if size <= limits["rdflib"]:
        row["rdflib_parse_and_query"] = timed(
            [sys.executable, "-c", RDFLIB_BASELINE, str(root), str(query)], env, repeat=repeat
        )
    else:
        skip["rdflib_parse_and_query"] = (
            f"not run above {limits['rdflib']}x: rdflib holds the graph in memory"
        )
    row["skipped"] = skip
    shutil.rmtree(root, ignore_errors=True)
    return row


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def report(rows: list[dict[str, object]]) -> str:
    import pyoxigraph
    import rdflib

    def cell(row: dict[str, object], key: str) -> str:
        m = row.get(key)
        if not isinstance(m, dict):
            return "not run"
        return f"{m['seconds']} s, {m['peak_mb']} MB" + ("" if m["ok"] else f" (failed: {m['note']})")

    cols = [
        ("cq01_cold", "cold `cq run cq01`"),
        ("cq01_warm", "warm `cq run cq01`"),
        ("all_questions_warm", "`cq run --all` (warm)"),
        ("build", "`build --rebuild`"),
        ("publish", "`publish` (site)"),
        ("validate", "`validate` (shacl, quotes)"),
        ("rdflib_parse_and_query", "rdflib parse + cq01"),
    ]
    lines = [
        "# Benchmarks",
        "",
        "Produced by `python bench/run.py` (see its docstring). Wall time and peak memory (max RSS) of each",
        "command in a fresh process (median of 3 runs up to 10x, one run above); `k`x is the article's",
        "graph copied k times with fresh IRIs",
        "(`bench/multiply.py`), plus the ontology. Timings are from one run on the machine below: read them",
        "as orders of magnitude, not as guarantees.",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, Linux {platform.release()}",
        f"- Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, "
        f"rdflib {rdflib.__version__}",
        "",
        "A cold question on a small graph (up to 16 MiB of Turtle, here 1x) is answered from memory while a",
        "detached process persists the store; its time and memory are not in the cold column (they are",
        "those of `build`), and each cold run waits for the previous one's persisting to finish.",
        "",
        "| size | triples | measured | " + " | ".join(title for _, title in cols) + " |",
        "|---|---|---|" + "---|" * len(cols),
    ]
    for row in rows:
        when = f"{row.get('measured', 'earlier')} ({row.get('commit', '?')})"
        lines.append(
            f"| {row['size']}x | {row['triples']:,} | {when} | "
            + " | ".join(cell(row, k) for k, _ in cols)
            + " |"
        )
    lines += ["", "## Speed-up of the embedded store over parsing with rdflib", ""]
    for row in rows:
        base, cold = row.get("rdflib_parse_and_query"), row.get("cq01_cold")
        warm = row.get("cq01_warm")
        if isinstance(base, dict) and isinstance(cold, dict) and base["ok"]:
            lines.append(
                f"- {row['size']}x: cold `lattice cq run cq01` {base['seconds'] / cold['seconds']:.1f}x "
                f"faster than rdflib parse + query; warm {base['seconds'] / warm['seconds']:.1f}x."  # type: ignore[index]
            )
    lines += ["", "## Not run", ""]
    for row in rows:
        for key, why in row["skipped"].items():  # type: ignore[union-attr]
            lines.append(f"- {row['size']}x, {key}: {why}.")
    lines += [
        "",
        "## How costs grow",
        "",
        "Factor by which each cost grows from one size to the next (x10 triples):",
        "",
    ]
    keys = [k for k, _ in cols]
    lines.append("| from -> to | " + " | ".join(title for _, title in cols) + " |")
    lines.append("|---|" + "---|" * len(cols))
    for a, b in itertools.pairwise(rows):
        cells = []
        for k in keys:
            ma, mb = a.get(k), b.get(k)
            ok = isinstance(ma, dict) and isinstance(mb, dict) and ma["ok"] and mb["ok"] and ma["seconds"]
            cells.append(f"x{mb['seconds'] / ma['seconds']:.1f}" if ok else "-")  # type: ignore[index]
        lines.append(f"| {a['size']}x -> {b['size']}x | " + " | ".join(cells) + " |")
    lines += [
        "",
        "The embedded store pays the parse once (cold run, `build`), in time close to linear in the triples,",
        "then answers from disk: a warm question costs the command's start-up plus the query, which grows",
        "with the data the query touches (a parameter given as a slug is one lookup; a label scans the",
        "actors). Some questions (the brokerage and the statements without footnote) grow faster than the",
        "data. The rdflib alternative pays the whole parse, in memory, on every question. `lattice publish`",
        "writes two pages and three data files per described thing. `python bench/run.py` also leaves the",
        "raw numbers in `bench/results.json` (not kept in the repository).",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,10,100,1000")
    parser.add_argument("--validate-up-to", type=int, default=10)  # at 100x: over 11 min, 10 GB
    parser.add_argument("--rdflib-up-to", type=int, default=100)
    parser.add_argument("--publish-up-to", type=int, default=10)
    parser.add_argument(
        "--keep", action="store_true", help="keep the other sizes' rows of bench/results.json in the report"
    )
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(Path(__file__).parent))
    results = Path(__file__).parent / "results.json"
    kept = json.loads(results.read_text()) if args.keep and results.exists() else []
    rows: list[dict[str, object]] = []
    for size in (int(s) for s in args.sizes.split(",")):
        limits = {"validate": args.validate_up_to, "rdflib": args.rdflib_up_to, "publish": args.publish_up_to}
        rows.append(measure(size, limits))
        print(json.dumps(rows[-1]), flush=True)
        fresh = {r["size"] for r in rows}
        rows_all = sorted([*rows, *(r for r in kept if r["size"] not in fresh)], key=lambda r: r["size"])
        results.write_text(json.dumps(rows_all, indent=2))
    rows = rows_all
    (ROOT / "docs" / "benchmarks.md").write_text(report(rows), encoding="utf-8")


if __name__ == "__main__":
    main()
