"""Rendering of tabular results, shared by every command that prints rows."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from enum import StrEnum


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    md = "md"


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def render(headers: Sequence[str], rows: Sequence[Sequence[object]], fmt: Format) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    if fmt is Format.json:
        return json.dumps(
            [dict(zip(headers, row, strict=True)) for row in rows], ensure_ascii=False, indent=2
        )
    if fmt in (Format.csv, Format.tsv):
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n", delimiter="," if fmt is Format.csv else "\t")
        writer.writerow(headers)
        writer.writerows(cells)
        return buf.getvalue().rstrip("\n")
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    if fmt is Format.md:
        lines = ["| " + " | ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)) + " |"]
        lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        lines += ["| " + " | ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells]
        return "\n".join(lines)
    lines = ["  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)
