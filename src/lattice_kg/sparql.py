"""Running SPARQL on the embedded store or on rdflib, with parameters bound as RDF terms, never as text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .core import vocab
from .core.errors import InputError
from .core.project import project

if TYPE_CHECKING:
    import pyoxigraph
    import rdflib

    from .remote import Endpoint

ENGINES = ("oxigraph", "rdflib")

# the IRI folders of things a parameter may name (id/{segment}/{slug})
_SEGMENTS = ("actor", "person", "mechanism", "domain", "agreement", "event", "document", "statement")
LABEL_JOIN_FROM = 1000
_LABEL_PROPERTIES = ("skos:prefLabel", "rdfs:label", "<http://purl.org/dc/terms/title>")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _prefixes() -> str:
    """The PREFIX lines every query here uses, read from the project when first needed (not on import)."""
    return vocab.vocabulary().sparql("lat", "skos", "rdfs", "owl")


@dataclass(frozen=True)
class Value:
    """One RDF term of a result, engine-neutral, in the shape of SPARQL 1.1 JSON results."""

    type: str  # uri | literal | bnode
    value: str
    lang: str | None = None
    datatype: str | None = None

    def json(self) -> dict[str, str]:
        out = {"type": self.type, "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype:
            out["datatype"] = self.datatype
        return out


@dataclass
class Results:
    variables: list[str]
    rows: list[dict[str, Value]]


class Engine:
    """A SPARQL engine over the graph: pyoxigraph (default) or rdflib (the reference for comparisons)."""

    def __init__(self, name: str = "oxigraph", store: pyoxigraph.Store | None = None,
                 graph: rdflib.Graph | None = None, endpoint: Endpoint | None = None) -> None:  # fmt: skip
        self.name = name
        self.store = store
        self.graph = graph
        self.endpoint = endpoint

    @classmethod
    def remote(cls, endpoint: Endpoint) -> Engine:
        return cls("remote", endpoint=endpoint)

    @classmethod
    def open(cls, name: str = "oxigraph") -> Engine:
        if name == "oxigraph":
            from .store import open_store

            return cls(name, store=open_store(wait=False).store)  # read-only: memory will do
        if name == "rdflib":
            from .core.project import project_root, source_files
            from .inputs import load_graph

            root = project_root()
            return cls(name, graph=load_graph(source_files(root), root))
        raise InputError(f"unknown engine {name!r} (choose {', '.join(ENGINES)})")

    def select(self, query: str, bindings: dict[str, Value] | None = None) -> Results:
        query = with_terms(query, bindings or {})
        if self.store is not None:
            return self._oxigraph(query)
        if self.endpoint is not None:
            return self._remote(query)
        return self._rdflib(query)

    def _remote(self, query: str) -> Results:
        doc = self.endpoint.select_json(query)  # type: ignore[union-attr]
        try:
            variables = list(doc["head"]["vars"])
            rows = [
                {name: _from_json(term) for name, term in binding.items()}
                for binding in doc["results"]["bindings"]
            ]
        except (KeyError, TypeError):
            raise InputError(f"query {self.endpoint.url}: not SPARQL JSON results") from None  # type: ignore[union-attr]
        return Results(variables, rows)

    def _oxigraph(self, query: str) -> Results:
        import pyoxigraph as ox

        try:
            solutions = self.store.query(query)  # type: ignore[union-attr]
        except SyntaxError as exc:
            raise InputError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise InputError("only SELECT queries are supported here")
        variables = [v.value for v in solutions.variables]
        rows = []
        for sol in solutions:
            row = {}
            for name in variables:
                term = sol[name]
                if term is not None:
                    row[name] = _from_oxigraph(term)
            rows.append(row)
        return Results(variables, rows)

    def _rdflib(self, query: str) -> Results:
        from pyparsing.exceptions import ParseException

        try:
            result = self.graph.query(query)  # type: ignore[union-attr]
        except ParseException as exc:
            raise InputError(f"SPARQL syntax error: {exc}") from None
        variables = [str(v) for v in result.vars or []]
        rows = []
        for sol in result:
            row = {}
            for name, term in zip(variables, sol, strict=True):
                if term is not None:
                    row[name] = _from_rdflib(term)
            rows.append(row)
        return Results(variables, rows)

    # -- labels and parameter values ------------------------------------------------------------

    def labels(self, iris: set[str], lang: str) -> dict[str, str]:
        """Preferred label of each IRI in the language, else in English, else none.

        From LABEL_JOIN_FROM IRIs on, the labels come from one join of the IRIs with every label of
        the graph rather than a lookup per IRI: on the store each lookup is a random read, and a
        large answer spends more on those than on one pass over the labels. Smaller answers keep
        the lookups, so a question about one thing costs the same on any size of graph."""
        if not iris:
            return {}
        values = "VALUES ?x { " + " ".join(f"<{i}>" for i in sorted(iris) if _safe_iri(i)) + " } "
        if len(iris) < LABEL_JOIN_FROM:
            pattern = "?x skos:prefLabel|rdfs:label|<http://purl.org/dc/terms/title> ?label"
        else:
            union = " UNION ".join(f"{{ ?x {p} ?label }}" for p in _LABEL_PROPERTIES)
            pattern = "{ SELECT ?x ?label WHERE { " + union + " } }"
        found: dict[str, dict[str, str]] = {}
        for row in self.select(_prefixes() + "SELECT ?x ?label WHERE { " + values + pattern + " }").rows:
            label = row["label"]
            found.setdefault(row["x"].value, {}).setdefault(label.lang or "", label.value)
        return {iri: by_lang.get(lang) or by_lang.get("en") or next(iter(by_lang.values()))
                for iri, by_lang in found.items()}  # fmt: skip

    def resolve(self, param: str, kind: str, text: str) -> Value:
        """A parameter value from a label (either language), a slug or an IRI; never spliced into SPARQL."""
        declared = project().parameters.get(param)
        if kind == "string":
            if declared is not None and declared.value == "date" and not _DATE.fullmatch(text):
                raise InputError(f"--{param} {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
            return Value("literal", text)
        classes = declared.classes if declared is not None else ()
        direct = self._by_iri(classes, text.strip())
        if direct is not None:
            return direct
        candidates = self._candidates(param)
        wanted = text.strip().casefold()
        # an IRI or slug names one thing; only when none matches are labels (which may repeat) tried
        hits = sorted({iri for iri, (ids, _) in candidates.items() if wanted in ids})
        if not hits:
            hits = sorted({iri for iri, (_, labels) in candidates.items() if wanted in labels})
        if len(hits) == 1:
            return Value("uri", hits[0])
        if len(hits) > 1:
            raise InputError(f"--{param} {text!r} is ambiguous: " + ", ".join(vocab.curie(h) for h in hits))
        names = sorted({n for ids, labels in candidates.values() for n in ids | labels})
        import difflib  # only on a miss

        close = difflib.get_close_matches(wanted, names, n=5, cutoff=0.5)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise InputError(f"unknown {param} {text!r}{hint}")

    def _by_iri(self, classes: tuple[str, ...], text: str) -> Value | None:
        """The one thing of the classes that `text` names (IRI, `actor:slug`, `kind/slug`, slug).

        One indexed lookup, so a slug costs the same on any size of graph; labels, which need a scan
        of every candidate, are only tried when this finds nothing."""
        if not classes or not re.fullmatch(r"[A-Za-z0-9._~:/#-]+", text):
            return None
        slug = text.casefold()
        expanded = vocab.vocabulary().expand(text) if ":" in text else None  # actor:japan, as printed
        id_base = vocab.ID
        iris = {text} if text.startswith(("http://", "https://")) else {expanded or id_base + slug}
        if "/" not in slug and ":" not in slug:
            iris |= {f"{id_base}{segment}/{slug}" for segment in _SEGMENTS}
        values = " ".join(f"<{iri}>" for iri in sorted(iris) if _safe_iri(iri))
        query = _prefixes() + (
            f"SELECT DISTINCT ?x WHERE {{ VALUES ?x {{ {values} }} VALUES ?c {{ {' '.join(classes)} }} "
            "?x a/rdfs:subClassOf* ?c }"
        )
        hits = [row["x"].value for row in self.select(query).rows]
        return Value("uri", hits[0]) if len(hits) == 1 else None

    def _candidates(self, param: str) -> dict[str, tuple[set[str], set[str]]]:
        """IRI -> (its IRI and slugs, its labels), all case-folded, for the things a parameter may name
        (anything, for a parameter lattice.toml does not declare: an ad-hoc query's)."""
        declared = project().parameters.get(param)
        if declared is not None and declared.value == "class":
            where = f"?x a owl:Class ; rdfs:isDefinedBy <{vocab.ONTOLOGY}> ."
        elif declared is not None and declared.classes:
            where = " UNION ".join(f"{{ ?x a/rdfs:subClassOf* {c} }}" for c in declared.classes)
        else:
            where = "?x ?p ?o . FILTER (isIRI(?x))"
        query = _prefixes() + (
            "SELECT DISTINCT ?x ?name WHERE { "
            + where
            + " OPTIONAL { ?x skos:prefLabel|skos:altLabel|rdfs:label ?name } }"
        )
        names: dict[str, tuple[set[str], set[str]]] = {}
        id_base = vocab.ID
        for row in self.select(query).rows:
            iri = row["x"].value
            ids, labels = names.setdefault(iri, ({iri.casefold()}, set()))
            local = iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]
            ids.add(local.casefold())
            if iri.startswith(id_base):
                ids.add(iri[len(id_base) :].casefold())
            if "name" in row:
                labels.add(row["name"].value.strip().casefold())
        return names


def _safe_iri(iri: str) -> bool:
    return not re.search(r"[\s<>\"{}|\\^`]", iri)


def with_terms(query: str, bindings: dict[str, Value]) -> str:
    """The query with each parameter's term written where its variable stands.

    The terms are serialised from checked parts (an IRI without forbidden characters, a literal with
    every quote, backslash and line break escaped) and inserted as whole tokens, so no input can change
    the query's structure; every engine, remote ones too, then plans with the constant.
    """
    if not bindings:
        return query
    from .sparql_text import write_terms

    try:
        return write_terms(query, {name: term(v) for name, v in bindings.items()})
    except ValueError as exc:
        raise InputError(str(exc)) from None


def term(v: Value) -> str:
    """SPARQL syntax of one term."""
    if v.type == "uri":
        if not _safe_iri(v.value):
            raise InputError(f"not a usable IRI: {v.value!r}")
        return f"<{v.value}>"
    if v.type != "literal":
        raise InputError("blank nodes cannot be parameters")
    escaped = v.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if v.lang:
        return f'"{escaped}"@{v.lang}'
    if v.datatype:
        return f'"{escaped}"^^{term(Value("uri", v.datatype))}'
    return f'"{escaped}"'


_PLAIN = vocab.WELL_KNOWN["xsd"] + "string"


def _literal(value: str, lang: str | None, datatype: str | None) -> Value:
    """One literal the same way from every engine: a language tag, or a datatype other than xsd:string."""
    return Value("literal", value, lang or None, None if lang or datatype == _PLAIN else datatype)


def _from_oxigraph(term: object) -> Value:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return Value("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("bnode", term.value)
    return _literal(term.value, term.language, term.datatype.value)  # type: ignore[attr-defined]


def _from_rdflib(term: object) -> Value:
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return Value("uri", str(term))
    if isinstance(term, rdflib.BNode):
        return Value("bnode", str(term))
    datatype = term.datatype  # type: ignore[attr-defined]
    return _literal(str(term), term.language, str(datatype) if datatype else None)  # type: ignore[attr-defined]


def _from_json(term: dict[str, str]) -> Value:
    if term["type"] in ("uri", "bnode"):
        return Value(term["type"], term["value"])
    return _literal(term["value"], term.get("xml:lang"), term.get("datatype"))
