"""Where a node is defined: the file and line of its first subject block, for every report line."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

# A prefix declaration, or the token a subject block starts with, at the start of a line.
# (Within one line: [^\S\n] is a blank that is not a newline.)
_LINE_START = re.compile(
    r"^(?:@prefix[^\S\n]+(?P<name>[A-Za-z][\w-]*)?:[^\S\n]*<(?P<ns>[^>\n]*)>[^\S\n]*\."
    r"|(?P<subject><[^>\n]+>|[A-Za-z][\w-]*:[^\s;,]*))",
    re.I | re.M,
)


def definitions(
    files: list[Path], shown: dict[Path, str], wanted: Collection[str] | None = None
) -> dict[str, tuple[str, int]]:
    """IRI -> (file as shown, 1-based line) of the first line that starts its subject block.

    Only the `wanted` IRIs (all, if None) are kept: a report names few nodes of a large graph, and the
    files are scanned as text, once, by one regular expression."""
    found: dict[str, tuple[str, int]] = {}
    for path in files:
        if wanted is not None and len(found) == len(wanted):
            break  # every node the report names is placed: the other files need not be read
        text = path.read_text(encoding="utf-8")
        prefixes: dict[str, str] = {}
        line, counted = 1, 0
        for match in _LINE_START.finditer(text):
            if match.group("ns") is not None:
                prefixes[match.group("name") or ""] = match.group("ns")
                continue
            token = match.group("subject")
            if token.startswith("<"):
                iri = token[1:-1]
            else:
                name, _, local = token.partition(":")
                if name not in prefixes:
                    continue
                iri = prefixes[name] + local
            if (wanted is not None and iri not in wanted) or iri in found:
                continue
            line += text.count("\n", counted, match.start())
            counted = match.start()
            found[iri] = (shown[path], line)
            if wanted is not None and len(found) == len(wanted):
                break
    return found
