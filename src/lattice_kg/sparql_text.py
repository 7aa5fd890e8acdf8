"""What a SPARQL text says before anyone parses it: whether it is an update, whether it calls SERVICE.

Both the CLI (which sends updates only to --update-endpoint) and the server's endpoint (which refuses
them) ask; keywords are looked for in the text with its comments, strings and IRIs blanked out, so a
keyword inside a literal or an IRI never counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}

# what can hide a keyword: comments, string literals (all four quotings) and IRIs
_STRING = "|".join((r"'''.*?'''", r'""".*?"""', r"'(?:[^'\\\n]|\\.)*'", r'"(?:[^"\\\n]|\\.)*"'))
_IRI = r"""<[^<>"{}|^`\\\x00-\x20]*>"""
_SKIP = re.compile(rf"#[^\n]*|{_STRING}|{_IRI}", re.S)
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


# One tokenizer for every reading of a query's structure (writing terms in place, taking a DESCRIBE
# apart): what hides names (comments, strings, IRIs), variables, prefixed names (one token, so `ex:AS`
# is no keyword), words, brackets, blanks.
_TOKEN = re.compile(
    rf"""(?P<comment>\#[^\n]*)|(?P<string>{_STRING})|(?P<iri>{_IRI})"""
    r"""|(?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)"""
    r"""|(?P<name>(?:[^\W\d][\w.\-\u00b7]*)?:[\w.:%\\\-\u00b7]*)|(?P<word>[A-Za-z_]\w*)|(?P<bracket>[(){}])"""
    r"""|(?P<space>\s+)|(?P<other>.)""",
    re.S,
)


@dataclass(frozen=True)
class Token:
    kind: str  # comment, string, iri, var, name, word, bracket, space or other
    text: str
    start: int


def tokens(text: str) -> list[Token]:
    """The query as tokens, blanks and comments included, so joining their texts gives it back."""
    return [Token(m.lastgroup or "other", m.group(0), m.start()) for m in _TOKEN.finditer(text)]


def write_terms(query: str, terms: dict[str, str]) -> str:
    """The query with each named variable replaced by its term (already SPARQL syntax), in place.

    An engine then plans with the constant itself; a `VALUES` block at a group's start is not always
    pushed into the group's UNION branches (Oxigraph 0.5 does not). The replacement keeps the query
    valid where a term cannot stand for a variable: `BOUND(?v)` becomes `true`, a projected `?v`
    becomes `(term AS ?v)`, and `GROUP BY`/`ORDER BY ?v` becomes `(term)`. A query that assigns a
    parameter itself (`AS ?v`, `VALUES ?v`) is refused. Variables not named stay variables, so an
    optional parameter left out is simply unbound. Terms are inserted as whole tokens, so no value can
    change the query's structure (the caller serialises them from checked parts).
    """
    if not terms:
        return query
    parts = [(t.kind, t.text) for t in tokens(query)]
    out = [text for _, text in parts]
    meaningful = [i for i, (kind, _) in enumerate(parts) if kind not in ("space", "comment")]

    def word(n: int) -> str:
        if 0 <= n < len(meaningful):
            kind, text = parts[meaningful[n]]
            return text.upper() if kind in ("word", "bracket", "other") else ""
        return ""

    clause = ""  # "select" (a projection), "modifier" (GROUP BY / ORDER BY) or "values"
    depth = 0  # bracket depth inside the clause
    for n, i in enumerate(meaningful):
        kind, text = parts[i]
        upper = word(n)
        if upper == "SELECT" or (upper == "BY" and word(n - 1) in ("GROUP", "ORDER")):
            clause, depth = ("select" if upper == "SELECT" else "modifier"), 0
        elif upper == "VALUES":
            clause, depth = "values", 0
        elif upper in ("WHERE", "HAVING", "LIMIT", "OFFSET", "{", "}") and depth == 0:
            clause = ""
        elif upper == "(":
            depth += 1
        elif upper == ")":
            depth -= 1
        if kind != "var" or text[1:] not in terms:
            continue
        value = terms[text[1:]]
        if word(n - 1) == "AS" or clause == "values":
            raise ValueError(f"{text} is a parameter: the query cannot assign it")
        if word(n - 1) == "(" and word(n - 2) == "BOUND" and word(n + 1) == ")":
            for k in (n - 1, n, n + 1):
                out[meaningful[k]] = ""
            out[meaningful[n - 2]] = "true"
        elif clause == "select" and depth == 0:
            out[i] = f"({value} AS {text})"
        elif clause == "modifier" and depth == 0:
            out[i] = f"({value})"
        else:
            out[i] = value
    return "".join(out)
