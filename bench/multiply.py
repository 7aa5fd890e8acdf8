"""Make a synthetic graph k times the article's: k copies with fresh IRIs, the same shape.

Every IRI under https://w3id.org/lattice/id/ gets a copy suffix (…/actor/japan -> …/actor/japan-x7),
blank nodes are renamed per copy, and the ontology's terms and outside IRIs stay as they are, so each
copy is another article with the same structure. Written as N-Triples (which is also Turtle).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_ID = re.compile(r"<https://w3id\.org/lattice/id/([^>]*)>")
_BNODE = re.compile(r"_:(\w+)")


def multiply(source_nt: Path, factor: int, out: Path) -> int:
    lines = source_nt.read_text(encoding="utf-8").splitlines()
    written = 0
    with out.open("w", encoding="utf-8") as f:
        for k in range(factor):
            if k == 0:
                f.write("\n".join(lines) + "\n")
            else:
                suffix = f"-x{k}"
                for line in lines:
                    line = _ID.sub(lambda m, s=suffix: f"<https://w3id.org/lattice/id/{m.group(1)}{s}>", line)
                    f.write(_BNODE.sub(lambda m, s=suffix: f"_:{m.group(1)}x{s[2:]}", line) + "\n")
            written += len(lines)
    return written


if __name__ == "__main__":
    print(multiply(Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])))
