"""HTML pages from Jinja2 templates: one per described thing and language, and the site's own pages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.vocab import curie
from . import layout
from .formats import HTML, RDF
from .graph import (
    EVIDENCE_PROPERTIES,
    ID,
    LAT,
    ONT,
    PROV,
    RDF_TYPE,
    SKOS,
    STATEMENT_KINDS,
    SiteGraph,
)
from .layout import page_file
from .texts import PROPERTY_LABELS, UI

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .describe import Description


@dataclass
class Value:
    kind: str  # link, external, literal, nested
    text: str
    href: str | None = None
    lang: str | None = None
    datatype: str | None = None
    rows: list[tuple[str, str, list[Value]]] | None = None
    term: str | None = None  # the value in N-Triples syntax (IRIs and literals), for the page's arcs
    via: str = ""  # the properties from the thing to the blank node this value hangs from


class Renderer:
    """Renders pages; `here` is the page's path in the site, so every link is relative and the site
    works under any base URL (a domain root, a GitHub Pages folder, a local file tree)."""

    def __init__(
        self, graph: SiteGraph, ontology_ids: dict[str, str], base_url: str, sparql_url: str, nav: list[str]
    ) -> None:
        import jinja2

        self.graph = graph
        self._quotes: dict[str, str | None] = {}
        self.nav = nav
        self.ontology_ids = ontology_ids
        self.base_url = base_url.rstrip("/")
        self.sparql_url = sparql_url
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("lattice_kg.publish", "templates"),
            autoescape=jinja2.select_autoescape(["html", "j2"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # the templates are package files: no stat() per page
        )

    # -- links ---------------------------------------------------------------------------------

    @staticmethod
    def rel(here: str, target: str) -> str:
        """`target` relative to the folder of `here`; both are plain site paths (no `.` or `..`)."""
        return _rel(here, target)

    def thing_file(self, iri: str, lang: str) -> str | None:
        """The site path of a thing's page, or of the ontology documentation for an ontology term."""
        if iri in self.graph.things:
            return layout.thing(self.graph.things[iri].path).pages[lang]
        if iri == ONT or iri.startswith(ONT + "/"):
            return layout.ONTOLOGY.pages["en"]
        if iri in self.ontology_ids:
            return layout.ONTOLOGY.pages["en"] + "#" + self.ontology_ids[iri]
        return None

    # -- values --------------------------------------------------------------------------------

    def value(self, term: Any, lang: str, here: str, depth: int = 0, via: tuple[str, ...] = ()) -> Value:
        ox = self.graph.ox
        if isinstance(term, ox.NamedNode):
            target = self.thing_file(term.value, lang)
            if target is not None:
                return Value(
                    "link", self.graph.label(term.value, lang), self.rel(here, target), term=str(term)
                )
            return Value("external", curie(term.value), term.value, term=str(term))
        if isinstance(term, ox.Literal):
            datatype = term.datatype.value if term.datatype else None
            short = curie(datatype) if datatype and not datatype.endswith("#string") else None
            if datatype and datatype.endswith("#langString"):
                short = None
            return Value("literal", term.value, lang=term.language, datatype=short, term=str(term))
        rows = self.rows(term, lang, here, depth + 1, via) if depth < 4 else []
        return Value("nested", "", rows=rows)

    def rows(
        self, subject: Any, lang: str, here: str, depth: int = 0, via: tuple[str, ...] = ()
    ) -> list[tuple[str, str, list[Value]]]:
        """(property label, property IRI, values) for every property but labels and evidence."""
        grouped: dict[str, list[Any]] = {}
        for p, o in self.graph.out.get(subject, ()):
            if p in EVIDENCE_PROPERTIES or p == PROV + "wasDerivedFrom":
                continue
            grouped.setdefault(p, []).append(o)
        ordered = sorted(grouped, key=lambda p: (_ORDER.get(p, 50), self.graph.label(p, lang)))
        found = []
        for p in ordered:
            values = [self.value(o, lang, here, depth, (*via, p)) for o in grouped[p]]
            for v in values:
                v.via = " ".join(via)
            found.append(
                (self.property_label(p, lang), p, sorted(values, key=lambda v: (v.lang != lang, v.text)))
            )
        return found

    def property_label(self, p: str, lang: str) -> str:
        if p in PROPERTY_LABELS:
            return PROPERTY_LABELS[p][0 if lang == "en" else 1]
        return self.graph.label(p, lang) if p.startswith(LAT) else curie(p)

    # -- pages ---------------------------------------------------------------------------------

    def thing_page(self, iri: str, lang: str, jsonld: str, description: Description) -> str:
        g = self.graph
        thing = g.things[iri]
        documents = layout.thing(thing.path)
        here = documents.pages[lang]
        other = "zh" if lang == "en" else "en"
        kind = g.statement_kind(iri)
        notes = []
        for note in g.notes(iri):
            works = []
            for cited in g.cited_works(note):
                work_page = self.thing_file(cited.work, lang)
                works.append(
                    {
                        "label": g.label(cited.work, lang),
                        "href": self.rel(here, work_page) if work_page else None,
                        "url": g.first(cited.work, "https://schema.org/url"),
                        "accessed": cited.accessed,
                        "pages": cited.pages,
                    }
                )
            target = self.thing_file(note, lang)
            notes.append(
                {
                    "iri": note,
                    "label": g.label(note, lang),
                    "href": self.rel(here, target) if target else None,
                    "works": works,
                }
            )
        anchors = [
            {
                "quote": a.quote,
                "page": a.page,
                "line": a.line,
                "section": g.label(a.section, lang) if a.section else None,
                "section_href": self._href(here, a.section, lang),
            }
            for a in g.anchors(iri)
        ]
        referenced: dict[str, list[dict[str, Any]]] = {}
        ox = g.ox
        for referrer in description.referrers:
            head = referrer.node
            if not isinstance(head, ox.NamedNode):
                continue  # a blank node that nothing names: its triples are in the data, not listed here
            subject = head.value
            target = self.thing_file(subject, lang)
            quote = self.first_quote(subject)
            for path in sorted(referrer.paths, key=lambda ts: [t[1].value for t in ts]):
                props = [t[1].value for t in path]
                heading = " → ".join(self.property_label(p, lang) for p in props)
                referenced.setdefault(heading, []).append(
                    {
                        "label": g.label(subject, lang),
                        "href": self.rel(here, target) if target else None,
                        "external": None if target else subject,
                        "quote": quote,
                        "s": subject,
                        "path": " ".join(props),
                    }
                )
        for items in referenced.values():
            items.sort(key=lambda item: (item["label"], item["s"]))
        more = [
            {
                "number": number,
                "links": [self._data_link(here, fmt, layout.more(thing.path, number, fmt)) for fmt in RDF],
            }
            for number in range(2, description.pages + 1)
        ]
        data = [self._data_link(here, fmt, file) for fmt, file in documents.data.items()]
        return self.render(
            "thing.html.j2",
            here,
            lang,
            title=g.label(iri, lang),
            other_label=g.label(iri, other),
            other_href=self.rel(here, documents.pages[other]),
            iri=iri,
            curie=curie(iri),
            types=[self.value(g.ox.NamedNode(t), lang, here) for t in sorted(thing.types)],
            kind=STATEMENT_KINDS[kind][0 if lang == "en" else 1] if kind else None,
            alt_labels=g.alt_labels(iri),
            rows=[r for r in self.rows(g.ox.NamedNode(iri), lang, here) if r[1] not in _HEADER_PROPS],
            anchors=anchors,
            notes=notes,
            referenced=referenced,
            referrers_shown=len(description.referrers),
            referrers_total=description.total_referrers,
            referrers_more=more,
            data=data,
            jsonld=jsonld,
            canonical=iri,
            alternates=[
                *({"type": d["type"], "href": d["href"], "hreflang": None} for d in data),
                {"type": HTML, "href": self.rel(here, documents.pages[other]), "hreflang": other},
            ],
        )

    def _data_link(self, here: str, fmt: ox.RdfFormat, file: str) -> dict[str, str]:
        return {"href": self.rel(here, file), "type": fmt.media_type, "name": fmt.name}

    def first_quote(self, iri: str) -> str | None:
        """The first quote of a node's evidence: shown beside it wherever it points (kept: a statement
        can point to a dozen things)."""
        if iri not in self._quotes:
            self._quotes[iri] = next((a.quote for a in self.graph.anchors(iri) if a.quote), None)
        return self._quotes[iri]

    def _href(self, here: str, iri: str | None, lang: str) -> str | None:
        target = self.thing_file(iri, lang) if iri else None
        return self.rel(here, target) if target else None

    def site_page(self, name: str, lang: str, **context: Any) -> str:
        here = page_file(name, lang)
        other = "zh" if lang == "en" else "en"
        return self.render(
            f"{name}.html.j2",
            here,
            lang,
            other_href=page_file(name, other),
            canonical=None,
            alternates=[{"type": HTML, "href": page_file(name, other), "hreflang": other}],
            **context,
        )

    def render(self, template: str, here: str, lang: str, **context: Any) -> str:
        def url(target: str) -> str:
            return self.rel(here, target)

        def site(name: str) -> str:
            return url(page_file(name, lang))

        return self.env.get_template(template).render(
            lang=lang,
            t=UI[lang],
            url=url,
            site=site,
            here=here,
            base_url=self.base_url,
            sparql_url=self.sparql_url,
            id_base=ID,
            nav=self.nav,
            layout=layout,
            tojson=lambda obj: json.dumps(obj, ensure_ascii=False).replace("</", "<\\/"),
            **context,
        )


_HEADER_PROPS = {RDF_TYPE, SKOS + "prefLabel", SKOS + "altLabel"}
_ORDER = {
    "http://www.w3.org/2000/01/rdf-schema#label": 1,
    SKOS + "definition": 2,
    "http://purl.org/dc/terms/title": 3,
    LAT + "date": 4,
    LAT + "startDate": 5,
    PROV + "wasAttributedTo": 6,
}


def _rel(here: str, target: str) -> str:
    """posixpath.relpath for site paths, without its calls to the file system's idea of the cwd."""
    folder = here.split("/")[:-1]
    parts = target.split("/")
    common = 0
    for a, b in zip(folder, parts[:-1], strict=False):
        if a != b:
            break
        common += 1
    up = len(folder) - common
    return "/".join([".."] * up + parts[common:]) or "."
