"""What the site's own pages show (home, network, timeline, analysis, query), in each language."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import vocab
from ..core.project import project
from . import layout, views
from .analysis_texts import ANALYSIS_TEXT, HEADERS_ZH
from .graph import SiteGraph
from .layout import LANGS, page_file
from .render import Renderer
from .texts import (
    GROUPS,
    NETWORK_UI,
    QUERY_UI,
    site_text,
)

if TYPE_CHECKING:
    import pyoxigraph


DEFAULT_QUERY = (
    vocab.vocabulary().sparql("lat", "skos")
    + f"""SELECT ?mechanism ?label WHERE {{
  ?mechanism lat:hasMember <{project().default("focus")}> ;
             skos:prefLabel ?label .
  FILTER (lang(?label) = "en")
}}
ORDER BY ?label"""
)


class SitePages:
    """Computes what the pages need once (network, timeline, questions, the network report and its
    figures), then gives each page's template context per language."""

    def __init__(
        self, renderer: Renderer, graph: SiteGraph, store: pyoxigraph.Store, root: Path, figures: Path
    ) -> None:
        from ..network.plot import write_figures
        from ..network.report import compute

        self.renderer = renderer
        self.graph = graph
        self.report = compute(store)
        self.network = views.network(graph, self.report.network)  # the network the analysis measures
        self.timeline = views.timeline(graph)
        self.questions = questions(root, store)
        for lang in LANGS:
            write_figures(self.report, figures, lang)

    def context(self, name: str, lang: str) -> dict[str, Any]:
        builder = getattr(self, f"_{name}")
        return {**site_text(name, lang), **builder(lang)}

    def _link(self, here: str, path: str, lang: str) -> str:
        return self.renderer.rel(here, layout.thing(path).pages[lang])

    def _index(self, lang: str) -> dict[str, Any]:
        graph, here = self.graph, page_file("index", lang)
        groups = []
        listed: set[str] = set()
        for classes, label_en, label_zh in GROUPS:
            members = graph.subclass_closure(classes)
            iris = [iri for iri, thing in graph.things.items() if set(thing.types) & members]
            listed.update(iris)
            if iris:
                groups.append(
                    {"label": label_zh if lang == "zh" else label_en, "items": self._items(iris, here, lang)}
                )
        others = [iri for iri in graph.things if iri not in listed]
        if others:
            groups.append(
                {"label": "其他" if lang == "zh" else "Other", "items": self._items(others, here, lang)}
            )
        stats = [
            ("triples" if lang == "en" else "三元组", f"{graph.count:,}"),
            ("described things" if lang == "en" else "描述对象", f"{len(graph.things):,}"),
        ] + [(g["label"], str(len(g["items"]))) for g in groups[:6]]
        return {"groups": [{**g, "open": False} for g in groups], "stats": stats}

    def _items(self, iris: list[str], here: str, lang: str) -> list[dict[str, str]]:
        items = [
            {
                "label": self.graph.label(iri, lang),
                "href": self._link(here, self.graph.things[iri].path, lang),
            }
            for iri in iris
        ]
        return sorted(items, key=lambda i: i["label"])

    def _network(self, lang: str) -> dict[str, Any]:
        return {"network": self.network, "ui": NETWORK_UI[lang]}

    def _timeline(self, lang: str) -> dict[str, Any]:
        here = page_file("timeline", lang)
        zh = lang == "zh"
        years = [
            (
                year,
                [
                    {
                        "date": d.date,
                        "kind": d.kind_zh if zh else d.kind_en,
                        "label": d.label_zh if zh else d.label_en,
                        "href": self._link(here, d.path, lang),
                    }
                    for d in entries
                ],
            )
            for year, entries in itertools.groupby(self.timeline, key=lambda d: d.date[:4])
        ]
        return {"years": years}

    def _query(self, lang: str) -> dict[str, Any]:
        shown = [
            {"id": q["id"], "title": q["title_zh" if lang == "zh" else "title_en"], "query": q["query"]}
            for q in self.questions
        ]
        return {"questions": shown, "ui": QUERY_UI[lang], "default_query": DEFAULT_QUERY}

    def _analysis(self, lang: str) -> dict[str, Any]:
        from ..network.report import NULL

        text, r = ANALYSIS_TEXT[lang], self.report
        focus = r.label(r.focus, lang)
        latest = r.years[-1][1] if r.years else r.whole
        value = latest.lattice.value
        headline = [
            (text["headline"][0], r.whole.ties),
            (text["headline"][1], NULL if value is None else f"{value:.3f}"),
            (text["headline"][2].format(focus=focus), r.whole.focus_betweenness_rank or NULL),
            (text["headline"][3].format(focus=focus), len(r.whole.brokered)),
        ]
        tables = []
        for key, method in (
            ("yearly", r.yearly_table),
            ("domains", r.domain_table),
            ("actors", r.actor_table),
        ):
            names, rows = method(lang)
            tables.append({"id": key, "title": text[key], "headers": _headers(names, lang), "rows": rows})
        here = page_file("analysis", lang)
        figures = [
            {
                "id": name,
                "caption": caption.format(focus=focus),
                "png": self.renderer.rel(here, f"{layout.FIGURES}/{name}-{lang}.png"),
                "svg": self.renderer.rel(here, f"{layout.FIGURES}/{name}-{lang}.svg"),
                "width": 720,
            }
            for name, caption in text["figures"].items()
        ]
        return {"headline": headline, "figures": figures, "tables": tables, "caveat": text["caveat"]}

    def _404(self, lang: str) -> dict[str, Any]:
        return {}


def _headers(names: list[str], lang: str) -> list[str]:
    """The report's column names, in Chinese for the Chinese page (longest English phrase first)."""
    if lang == "en":
        return names
    out = []
    for name in names:
        for en, zh in sorted(HEADERS_ZH.items(), key=lambda kv: -len(kv[0])):
            name = name.replace(en, zh)
        out.append(name)
    return out


def questions(root: Path, store: pyoxigraph.Store) -> list[dict[str, str]]:
    """Every competency question with its default parameters bound and its grlc header left out."""
    from ..answers import with_defaults
    from ..questions import load_all
    from ..sparql import Engine

    loaded, _ = load_all(project(root).queries_dir)
    engine = Engine("oxigraph", store=store)
    found = []
    for q in loaded:
        text = with_defaults(engine, q)
        if text is None:
            continue  # a question whose parameters have no default needs a value: the CLI asks for it
        text = "\n".join(line for line in text.splitlines() if not line.startswith("#+"))
        titles = {"title_en": q.title("en"), "title_zh": q.title("zh")}
        found.append({"id": q.id, **titles, "query": text.strip()})
    return found
