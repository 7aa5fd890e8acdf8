"""Wall time and peak memory of one command in a fresh process, and the median of several runs.

Each command runs under GNU time in its own session, watched by a guard thread that stops the whole
session past a deadline or a memory limit; commands measured together run in turns, round after round.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

GIB = 1024  # peak memory is kept in MiB


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
