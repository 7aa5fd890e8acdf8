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
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from measure import GIB, GNU_TIME, measure_together, run_once
from report import cell, write
from results import GROUPS, carry, load_rows, save_rows
from scale import (
    ROOT,
    WORK,
    article_nt,
    environment,
    lattice,
    persisted_store,
    prepare,
    questions,
    source_files,
)
from targets import targets

BENCH = Path(__file__).resolve().parent
DOC = ROOT / "docs" / "benchmarks.md"

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


class Options(argparse.Namespace):
    only: set[str]
    runs: int
    timeout: float
    max_rss_gb: float
    validate_all_up_to: int
    validate_up_to: int
    publish_up_to: int
    rdflib_up_to: int


def measure_size(size: int, opts: Options, base: Path, gave_up: dict[str, str]) -> dict[str, object]:
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
            shown = cell(m[key])
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
    parser.add_argument(
        "--validate-up-to",
        type=int,
        default=10,
        help="largest size for shacl + quotes (100x takes about 30 min)",
    )
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
    WORK.mkdir(parents=True, exist_ok=True)
    if opts.prepare:
        root = prepare(opts.prepare, article_nt())
        print(f"export LATTICE_ROOT={root} LATTICE_CACHE={root / '.lattice'}")
        print(f"# cq01 with its parameter in place, for bench/floor_query.py: {root / 'cq01-in-place.rq'}")
        return
    kept = load_rows() if opts.keep or opts.report_only else []
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
            fresh.append(measure_size(size, opts, base, gave_up))
            earlier = next((r for r in kept if r["size"] == size), None)
            if earlier is not None and opts.keep:
                carry(fresh[-1], earlier)
            done = {r["size"] for r in fresh}
            rows = sorted([*fresh, *(r for r in kept if r["size"] not in done)], key=lambda r: int(r["size"]))
            save_rows(rows)
    write(rows, opts.report)
    for t in targets(rows):
        print(f"{t['status']:>12}  {t['measure']}: {t['measured']} (target {t['target']})")


if __name__ == "__main__":
    main()
