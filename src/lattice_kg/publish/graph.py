"""The graph as the site sees it: the described things, their descriptions, labels and evidence.

Everything is read once from the embedded store into dictionaries, so rendering a thousand pages
costs lookups, not queries.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core import vocab
from ..core.errors import InputError

if TYPE_CHECKING:
    import pyoxigraph as ox

ONT = vocab.ONTOLOGY
LAT = vocab.LAT
ID = vocab.ID
RDF_TYPE = vocab.RDF_TYPE
RDFS = vocab.WELL_KNOWN["rdfs"]
SKOS = vocab.WELL_KNOWN["skos"]
DCT = vocab.WELL_KNOWN["dcterms"]
PROV = vocab.WELL_KNOWN["prov"]
OA = vocab.WELL_KNOWN["oa"]
CITO = vocab.WELL_KNOWN["cito"]
SCHEMA = vocab.WELL_KNOWN["schema"]

# the namespaces the site's Turtle declares: the graph's, not the shapes', the reports' or the catalogue's
_UNDECLARED = ("lsh", "lv", "sh", "foaf", "void", "dcat")


def site_prefixes() -> dict[str, str]:
    """The prefixes of the current project's site (its sources' parts included), read when asked."""
    return {n: ns for n, ns in vocab.vocabulary().prefixes.items() if n not in _UNDECLARED}


EVIDENCE_PROPERTIES = {LAT + "anchor", LAT + "noteAnchor", LAT + "markerAnchor"}
_SAFE_PATH = re.compile(r"[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*")
STATEMENT_KINDS = {
    LAT + "ReportedFact": ("Reported fact", "报道的事实"),
    LAT + "AuthorAssessment": ("Author's assessment", "作者的评估"),
    LAT + "AttributedView": ("Attributed view", "引述的观点"),
}


def path_of(iri: str) -> str:
    """`actor/japan` for `…/id/actor/japan`: where the thing's page and data files go."""
    path = iri[len(ID) :]
    if not _SAFE_PATH.fullmatch(path) or ".." in path.split("/"):
        raise InputError(f"{iri}: cannot publish an IRI whose path is not a plain file path")
    return path


@dataclass(frozen=True)
class Anchor:
    quote: str | None
    page: int | None
    section: str | None
    line: int | None


@dataclass(frozen=True)
class CitedWork:
    work: str
    order: int
    characterization: str | None
    pages: str | None
    accessed: str | None


@dataclass
class Thing:
    iri: str
    path: str
    types: list[str] = field(default_factory=list)


class SiteGraph:
    """Indexes over every triple of the graph: out-edges, in-edges, labels."""

    def __init__(self, triples: Iterable[ox.Triple | ox.Quad]) -> None:
        import pyoxigraph as ox

        from .describe import GraphIndex

        self.ox = ox
        self.index = GraphIndex(triples)  # the one pass over the graph; descriptions are read from it
        self.count = self.index.count
        named = ox.NamedNode
        self.out: dict[object, list[tuple[str, object]]] = {
            s: [(p.value, o) for p, o, _ in edges] for s, edges in self.index.subjects.items()
        }
        self.into: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for o, edges in self.index.objects.items():
            if type(o) is named:
                arcs = [(s.value, p.value) for s, p, _ in edges if type(s) is named]
                if arcs:
                    self.into[o.value] = arcs
        self._node = ox.NamedNode
        self._label_cache: dict[tuple[str, str], str] = {}
        self.things = {
            s.value: Thing(s.value, path_of(s.value), self.iris(s.value, RDF_TYPE))
            for s in self.out
            if type(s) is named and s.value.startswith(ID)
        }
        self.citations_of: dict[str, list[str]] = defaultdict(list)
        for s, p in self.into_all(CITO + "hasCitingEntity"):
            self.citations_of[p].append(s)

    @classmethod
    def from_store(cls, store: ox.Store) -> SiteGraph:
        import pyoxigraph as ox

        return cls(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def triples(self) -> list[ox.Triple | ox.Quad]:
        """The graph's statements as read (default-graph quads from the store)."""
        return [t for edges in self.index.subjects.values() for _, _, t in edges]

    # -- lookups -------------------------------------------------------------------------------

    def values(self, subject: str | object, predicate: str) -> list[object]:
        node = self._node(subject) if isinstance(subject, str) else subject
        return [o for p, o in self.out.get(node, ()) if p == predicate]

    def iris(self, subject: str | object, predicate: str) -> list[str]:
        return [o.value for o in self.values(subject, predicate) if isinstance(o, self.ox.NamedNode)]

    def first(self, subject: str | object, predicate: str) -> str | None:
        found = self.values(subject, predicate)
        return found[0].value if found else None

    def into_all(self, predicate: str) -> Iterator[tuple[str, str]]:
        """(subject, object) of every IRI-to-IRI triple with this predicate."""
        for obj, edges in self.into.items():
            for subject, p in edges:
                if p == predicate:
                    yield subject, obj

    def label(self, iri: str, lang: str) -> str:
        """The thing's name in `lang`, else in the other language, else its title or local name."""
        key = (iri, lang)
        found = self._label_cache.get(key)
        if found is None:
            found = self._label_cache[key] = self._label(iri, lang)
        return found

    def _label(self, iri: str, lang: str) -> str:
        node = self._node(iri)
        literals = [
            (p, o) for p, o in self.out.get(node, ()) if isinstance(o, self.ox.Literal) and p in _LABELS
        ]
        for wanted in (lang, "en" if lang == "zh" else "zh", ""):
            for prop in _LABELS:
                for p, o in literals:
                    if p == prop and (o.language or "") == wanted:
                        return o.value
        if literals:
            return literals[0][1].value
        local = iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]
        return local or iri

    def alt_labels(self, iri: str) -> list[tuple[str, str]]:
        return sorted(
            (o.value, o.language or "")
            for o in self.values(iri, SKOS + "altLabel")
            if isinstance(o, self.ox.Literal)
        )

    def is_fact(self, iri: str) -> bool:
        return bool(self.values(iri, LAT + "anchor"))

    def anchors(self, iri: str, prop: str = LAT + "anchor") -> list[Anchor]:
        found = []
        for node in self.values(iri, prop):
            quote = None
            for selector in self.values(node, OA + "hasSelector"):
                quote = quote or self.first(selector, OA + "exact")
            page, line = self.first(node, LAT + "page"), self.first(node, LAT + "line")
            found.append(
                Anchor(
                    quote,
                    int(page) if page else None,
                    self.first(node, LAT + "section"),
                    int(line) if line else None,
                )
            )
        return sorted(found, key=lambda a: (a.page or 0, a.line or 0, a.quote or ""))

    def notes(self, iri: str) -> list[str]:
        return sorted(self.iris(iri, PROV + "wasDerivedFrom"), key=_note_order)

    def cited_works(self, note: str) -> list[CitedWork]:
        works = []
        for citation in self.citations_of.get(note, ()):
            work = self.first(citation, CITO + "hasCitedEntity")
            if work is None:
                continue
            order = self.first(citation, LAT + "citationOrder")
            works.append(
                CitedWork(
                    work,
                    int(order) if order else 0,
                    self.first(citation, CITO + "hasCitationCharacterization"),
                    self.first(citation, LAT + "citedPages"),
                    self.first(citation, LAT + "accessed"),
                )
            )
        return sorted(works, key=lambda w: w.order)

    def statement_kind(self, iri: str) -> str | None:
        types = set(self.iris(iri, RDF_TYPE))
        return next((k for k in STATEMENT_KINDS if k in types), None)

    def dates(self, iri: str) -> list[str]:
        return [o.value for o in self.values(iri, LAT + "date") if isinstance(o, self.ox.Literal)]

    def subclass_closure(self, classes: Iterable[str]) -> set[str]:
        """The classes and every class below them (rdfs:subClassOf*), from the ontology's own axioms."""
        below: dict[str, set[str]] = defaultdict(set)
        for sub, sup in self.into_all(RDFS + "subClassOf"):
            below[sup].add(sub)
        return walk(classes, lambda c: below.get(c, ()))


def walk(starts: Iterable[str], step: Callable[[str], Iterable[str]]) -> set[str]:
    """Everything reachable from `starts` (included) by repeating `step`; cycles are fine."""
    found: set[str] = set()
    todo = list(starts)
    while todo:
        item = todo.pop()
        if item not in found:
            found.add(item)
            todo.extend(step(item))
    return found


_LABELS = (SKOS + "prefLabel", RDFS + "label", DCT + "title", "http://xmlns.com/foaf/0.1/name")


def _note_order(iri: str) -> tuple[int, int, str]:
    m = re.search(r"/fn/p(\d+)-(\d+)$", iri)
    return (int(m.group(1)), int(m.group(2)), iri) if m else (10**6, 0, iri)
