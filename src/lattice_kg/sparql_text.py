"""What a SPARQL text says before anyone parses it: whether it is an update, whether it calls SERVICE.

Both the CLI (which sends updates only to --update-endpoint) and the server's endpoint (which refuses
them) ask; keywords are looked for in the text with its comments, strings and IRIs blanked out, so a
keyword inside a literal or an IRI never counts.
"""

from __future__ import annotations

import re

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}

# what can hide a keyword: comments, string literals (all four quotings) and IRIs
_SKIP = re.compile(
    r"""#[^\n]*|'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>""",
    re.S,
)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[^\s:]*:\s*<>|BASE\s*<>)\s*)*", re.I)
_EMPTY = {"<": "<>", "'": "''", '"': '""'}
_WORD = re.compile(r"[A-Za-z]+")


def _code(text: str) -> str:
    """The query without comments, its strings and IRIs emptied (`""`, `<>`): keywords and names remain."""
    return _SKIP.sub(lambda m: _EMPTY.get(m.group(0)[0], ""), text)


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL Update request: after its prologue it opens with an update keyword.

    A query must open with SELECT, CONSTRUCT, DESCRIBE or ASK, so this is a syntactic fact, decided
    without running anything.
    """
    code = _code(text)
    rest = code[_PROLOGUE.match(code).end() :]  # type: ignore[union-attr]
    word = _WORD.match(rest)
    return bool(word) and word.group(0).upper() in UPDATE_KEYWORDS  # type: ignore[union-attr]


def uses_service(text: str) -> bool:
    """Whether the query calls SERVICE: pyoxigraph would then send HTTP requests from this machine."""
    return mentions("SERVICE", text)


def mentions(keyword: str, text: str) -> bool:
    """Whether the keyword occurs as a keyword (not inside a name, a variable, a string or an IRI)."""
    return re.search(rf"(?<![\w:?$]){keyword}(?![\w:-])", _code(text), re.I) is not None
