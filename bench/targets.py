"""The targets of issue 13, each judged from the measured rows: met, missed or not measured.

A row is one size's measurements (`m`: key -> median run) with when and at which commit it was made;
a figure that combines measurements from different runs says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from measure import GIB

# The targets: (what, target as shown, how it is computed). A check returns the figure as
# shown, whether it is met (None: not measured), and a note.
Check = Callable[[dict[int, dict[str, object]]], tuple[str, bool | None, str]]


def measurement(rows: dict[int, dict[str, object]], size: int, key: str) -> dict[str, object] | None:
    row = rows.get(size)
    found = row.get("m", {}).get(key) if row else None
    return found if isinstance(found, dict) else None


def secs(x: float) -> str:
    """Seconds as the tables show them: three significant figures (four from 1000 s)."""
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:.0f}"


def failed(m: dict[str, object]) -> str:
    return f"{m['note'] or 'failed'} (after {secs(float(m['seconds']))} s)"


def _ratio(
    rows: dict[int, dict[str, object]], a: tuple[int, str], b: tuple[int, str], limit: float
) -> tuple[str, bool | None, str]:
    top, bottom = measurement(rows, *a), measurement(rows, *b)
    if top is None or bottom is None:
        return "not measured", None, ""
    for m in (top, bottom):
        if not m["ok"]:
            return failed(m), False, ""
    ratio = float(top["seconds"]) / float(bottom["seconds"])
    shown = f"{ratio:.2f}x ({secs(float(top['seconds']))} s / {secs(float(bottom['seconds']))} s)"
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
    m = measurement(rows, size, key)
    if m is None:
        return "not measured", None, ""
    if not m["ok"]:
        return failed(m), False, ""
    shown = f"{secs(float(m['seconds']))} s"
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
    measured = [(q, measurement(rows, size, q)) for q in whole]
    if not whole or any(m is None for _, m in measured):
        return "not measured", None, ""
    over = [q for q, m in measured if not m["ok"] or float(m["seconds"]) > limit]
    slowest = max(measured, key=lambda qm: float(qm[1]["seconds"]) if qm[1]["ok"] else float("inf"))
    name, m = slowest
    shown = f"slowest {name}: " + (f"{secs(float(m['seconds']))} s" if m["ok"] else failed(m))
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
