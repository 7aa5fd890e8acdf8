"""bench/results.json: the measured rows, one per size, kept from run to run (`--keep`, `--report-only`)."""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"
GROUPS = ("cq", "build", "validate", "publish", "rdflib")  # what `--only` selects


def load_rows() -> list[dict[str, object]]:
    return json.loads(RESULTS.read_text()) if RESULTS.exists() else []


def save_rows(rows: list[dict[str, object]]) -> None:
    """Written after every size, replaced whole, so an interrupted run keeps the sizes it finished."""
    tmp = RESULTS.with_name(RESULTS.name + ".tmp")
    tmp.write_text(json.dumps(rows, indent=2))
    tmp.replace(RESULTS)


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
