"""Where a node is defined: the file and line of its first subject block, for every report line."""

from __future__ import annotations

import re
from pathlib import Path

_PREFIX = re.compile(r"^@prefix\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>\s*\.", re.I)
_SUBJECT = re.compile(r"^(<[^>]+>|[A-Za-z][\w-]*:[^\s;,]*)")


def definitions(files: list[Path], shown: dict[Path, str]) -> dict[str, tuple[str, int]]:
    """IRI -> (file as shown, 1-based line) of the first line that starts its subject block."""
    found: dict[str, tuple[str, int]] = {}
    for path in files:
        prefixes: dict[str, str] = {}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            prefix = _PREFIX.match(line)
            if prefix:
                prefixes[prefix.group(1) or ""] = prefix.group(2)
                continue
            subject = _SUBJECT.match(line)
            if not subject:
                continue
            token = subject.group(1)
            if token.startswith("<"):
                iri = token[1:-1]
            else:
                name, _, local = token.partition(":")
                if name not in prefixes:
                    continue
                iri = prefixes[name] + local
            found.setdefault(iri, (shown[path], number))
    return found
