"""`DESCRIBE` on the endpoint answers with the site's own description of each resource.

SPARQL leaves what DESCRIBE returns to the service (§16.4); pyoxigraph returns the Concise Bounded
Description (outgoing triples only). This endpoint gives the description its published data files
carry (see `publish/describe.py`), so a DESCRIBE and `/id/…` in Turtle say the same. To know which
resources a DESCRIBE names, the query is read as the SELECT it stands for: the same prologue, dataset,
WHERE clause and modifiers, with the described variables (or `*`) projected; described IRIs are bound
with VALUES under the same prologue, so prefixed names resolve as the query wrote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..sparql_text import tokens as sparql_tokens

_ENDS = {"FROM", "WHERE", "ORDER", "GROUP", "HAVING", "LIMIT", "OFFSET", "VALUES"}


@dataclass(frozen=True)
class Describe:
    """A DESCRIBE query taken apart: the SELECT that finds the resources, and the IRIs it names."""

    select: str | None  # None when the query has no WHERE clause: only named IRIs are described
    iris: str | None  # a query binding the named IRIs (prefixed names resolved by the prologue)
    check: str | None = None  # a WHERE clause that binds nothing described, read only for its syntax


def read_describe(text: str) -> Describe | None:
    """The parts of a DESCRIBE query, or None when the text is not one (then it runs as it is)."""
    tokens = [(t.kind, t.text, t.start) for t in sparql_tokens(text) if t.kind not in ("space", "comment")]
    i = 0
    while i < len(tokens) and tokens[i][0] == "word" and tokens[i][1].upper() in ("PREFIX", "BASE"):
        i += 3 if tokens[i][1].upper() == "PREFIX" else 2
    if i >= len(tokens) or tokens[i][0] != "word" or tokens[i][1].upper() != "DESCRIBE":
        return None
    prologue = text[: tokens[i][2]]
    i += 1
    variables: list[str] = []
    named: list[str] = []
    star = False
    while i < len(tokens):
        kind, value, _ = tokens[i]
        if kind == "var":
            variables.append("?" + value[1:])
        elif kind in ("iri", "name"):
            named.append(value)
        elif kind == "other" and value == "*":
            star = True
        else:
            break
        i += 1
    rest = text[tokens[i][2] :] if i < len(tokens) else ""
    first = tokens[i][1].upper() if i < len(tokens) else ""
    has_where = first in _ENDS - {"VALUES"} or first == "{"
    has_where = has_where and bool(re.search(r"\{", rest))
    select = check = None
    if has_where and (variables or star):
        projection = "*" if star else " ".join(dict.fromkeys(variables))
        select = f"{prologue}SELECT DISTINCT {projection} {rest}"
    elif has_where:
        check = f"{prologue}SELECT * {rest}"
    iris = None
    if named:
        names = " ".join(f"?_d{n}" for n in range(len(named)))
        iris = f"{prologue}SELECT * WHERE {{ VALUES ({names}) {{ ({' '.join(named)}) }} }}"
    if select is None and iris is None:
        return None
    return Describe(select, iris, check)
