"""`lattice publish`: the graph as a static linked-data site that any web server can host.

The site is written into a temporary folder next to the target and swapped into place only when
complete, so a failure never leaves a half-written site, and a folder that is not a Lattice site is
never overwritten.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import LatticeError
from .graph import PREFIXES, SiteGraph

DEFAULT_BASE_URL = "https://w3id.org/lattice"
MARKER = ".lattice-site"


@dataclass
class Published:
    out: Path
    things: int
    pages: int
    files: int
    triples: int
    w3id: bool


def publish(out: Path, base_url: str = DEFAULT_BASE_URL, sparql_url: str | None = None) -> Published:
    """Write the whole site into `out` (replacing an earlier site there)."""
    from ..paths import project_root
    from ..store import open_store

    base_url = base_url.rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        raise LatticeError(f"--base-url {base_url!r}: expected an http(s) URL", 2)
    out = out.resolve()
    if out.exists() and not (out / MARKER).exists() and (not out.is_dir() or any(out.iterdir())):
        raise LatticeError(
            f"{out}: exists and is not a site written by lattice publish; choose an empty folder", 2
        )
    root = project_root()
    opened = open_store(root)
    graph = SiteGraph.from_store(opened.store)
    sparql_url = sparql_url or f"{base_url}/sparql"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.publishing-", dir=out.parent))
    try:
        published = _write(tmp, graph, opened.store, root, base_url, sparql_url)
        (tmp / MARKER).write_text(_stamp(base_url, sparql_url, opened.digest), encoding="utf-8")
        _swap(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    published.out = out
    return published


def up_to_date(out: Path, base_url: str, sparql_url: str | None = None) -> bool:
    """Whether `out` holds a site published for these URLs from the current sources."""
    from ..store import open_store

    marker = out / MARKER
    if not marker.is_file():
        return False
    base_url = base_url.rstrip("/")
    stamp = _stamp(base_url, sparql_url or f"{base_url}/sparql", open_store().digest)
    return marker.read_text(encoding="utf-8") == stamp


def _stamp(base_url: str, sparql_url: str, digest: str) -> str:
    from .. import __version__

    return f"lattice {__version__}\nbase {base_url}\nsparql {sparql_url}\nsources {digest}\n"


def _swap(tmp: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def _write(
    site: Path, graph: SiteGraph, store: object, root: Path, base_url: str, sparql_url: str
) -> Published:
    import pyoxigraph as ox

    from . import apache, dataset, ontology_doc, views
    from .render import LANGS, Renderer, page_file
    from .texts import site_text

    anchors = ontology_doc.document(root / "ontology" / "lattice.ttl", site / "ontology")
    site_pages = ["index", "network", "timeline", "analysis", "query"]
    renderer = Renderer(graph, anchors, base_url, sparql_url, nav=site_pages[1:])
    pages = 0
    for iri, thing in graph.things.items():
        triples = graph.description(iri)
        data = site / "data" / f"{thing.path}.ttl"
        data.parent.mkdir(parents=True, exist_ok=True)
        ox.serialize(triples, str(data), ox.RdfFormat.TURTLE, prefixes=_used_prefixes(triples))
        ox.serialize(triples, str(data.with_suffix(".nt")), ox.RdfFormat.N_TRIPLES)
        jsonld = ox.serialize(triples, format=ox.RdfFormat.JSON_LD).decode()
        data.with_suffix(".jsonld").write_text(jsonld, encoding="utf-8")
        page = site / "page" / thing.path
        page.parent.mkdir(parents=True, exist_ok=True)
        for lang in LANGS:
            (site / "page" / page_file(thing.path, lang)).write_text(
                renderer.thing_page(iri, lang, jsonld), encoding="utf-8"
            )
            pages += 1

    network = views.network(graph)
    timeline = views.timeline(graph)
    questions = _questions(root, graph)
    analysis = _analysis(store, site / "analysis")
    for lang in LANGS:
        for name in site_pages:
            if name == "analysis":
                context = _analysis_context(analysis, lang, renderer)
            else:
                context = _site_context(name, lang, renderer, graph, network, timeline, questions)
            (site / page_file(name, lang)).write_text(
                renderer.site_page(name, lang, **context), encoding="utf-8"
            )
            pages += 1
        (site / ("404.html" if lang == "en" else "404.zh.html")).write_text(
            renderer.site_page("404", lang, **site_text("404", lang)), encoding="utf-8"
        )

    sizes = dataset.write_dumps(graph.triples(), site)
    (site / "void.ttl").write_text(
        dataset.void_description(graph, base_url, sparql_url, sizes), encoding="utf-8"
    )
    well_known = site / ".well-known"
    well_known.mkdir()
    shutil.copyfile(site / "void.ttl", well_known / "void")
    (site / "sitemap.xml").write_text(dataset.sitemap(graph, base_url, site_pages), encoding="utf-8")
    (site / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {base_url}/sitemap.xml\n", encoding="utf-8"
    )
    (site / ".htaccess").write_text(apache.htaccess(base_url), encoding="utf-8")
    w3id = base_url != DEFAULT_BASE_URL
    if w3id:  # the redirect folder only makes sense when the site lives somewhere else
        (site / "w3id").mkdir()
        (site / "w3id" / ".htaccess").write_text(apache.w3id_htaccess(base_url), encoding="utf-8")
        (site / "w3id" / "README.md").write_text(apache.w3id_readme(base_url), encoding="utf-8")
    (site / ".nojekyll").write_text(
        "", encoding="utf-8"
    )  # GitHub Pages: serve .well-known and .htaccess as is
    _copy_assets(site / "assets")
    files = sum(len(f) for _, _, f in os.walk(site))
    return Published(site, len(graph.things), pages, files, graph.count, w3id)


def _copy_assets(target: Path) -> None:
    static = resources.files("lattice_kg.publish") / "static"
    with resources.as_file(static) as folder:
        shutil.copytree(folder, target)


def _used_prefixes(triples: list[object]) -> dict[str, str]:
    """Only the prefixes a thing's Turtle uses, so each small file stays readable."""
    iris = set()
    for t in triples:
        for term in (t.subject, t.predicate, t.object):  # type: ignore[attr-defined]
            value = getattr(term, "value", None)
            if isinstance(value, str) and value.startswith("http"):
                iris.add(value)
            datatype = getattr(term, "datatype", None)
            if datatype is not None:
                iris.add(datatype.value)
    return {p: ns for p, ns in PREFIXES.items() if any(i.startswith(ns) for i in iris)}


def _questions(root: Path, graph: SiteGraph) -> list[dict[str, str]]:
    """Every competency question with its default parameters bound, ready to run on the endpoint."""
    from ..answers import bind
    from ..questions import load_all
    from ..sparql import Engine, with_values
    from ..store import open_store

    questions, _ = load_all(root / "queries")
    engine = Engine("oxigraph", store=open_store(root).store)
    found = []
    for q in questions:
        try:
            text = with_values(q.query, bind(engine, q, {}))
        except LatticeError:
            continue  # a question whose parameters have no default needs a value: the CLI asks for it
        text = "\n".join(line for line in text.splitlines() if not line.startswith("#+"))  # the header
        found.append({"id": q.id, "title_en": q.title("en"), "title_zh": q.title("zh"), "query": text.strip()})
    return found


def _site_context(
    name: str,
    lang: str,
    renderer: object,
    graph: SiteGraph,
    network: dict[str, object],
    timeline: list[object],
    questions: list[dict[str, str]],
) -> dict[str, object]:
    from .texts import site_text

    text = site_text(name, lang)
    if name == "index":
        return {**text, **_index(lang, renderer, graph)}
    if name == "network":
        return {**text, "network": network, "ui": _network_ui(lang)}
    if name == "timeline":
        years = [
            (
                year,
                [
                    {
                        "date": d.date,
                        "kind": d.kind_zh if lang == "zh" else d.kind_en,
                        "label": d.label_zh if lang == "zh" else d.label_en,
                        "href": renderer.rel(
                            page_file_of(name, lang),
                            f"page/{d.path}" + (".zh.html" if lang == "zh" else ".html"),
                        ),
                    }  # type: ignore[attr-defined]
                    for d in entries
                ],
            )
            for year, entries in itertools.groupby(timeline, key=lambda d: d.date[:4])  # type: ignore[attr-defined]
        ]
        return {**text, "years": years}
    if name == "query":
        shown = [
            {"id": q["id"], "title": q["title_zh" if lang == "zh" else "title_en"], "query": q["query"]}
            for q in questions
        ]
        return {**text, "questions": shown, "ui": _query_ui(lang), "default_query": _DEFAULT_QUERY}
    return text


def _analysis(store: object, folder: Path) -> object:
    """The network report (issue of measuring the lattice) and its figures in both languages."""
    from ..network.plot import write_figures
    from ..network.report import compute
    from .render import LANGS

    report = compute(store)  # type: ignore[arg-type]
    for lang in LANGS:
        write_figures(report, folder, lang)
    return report


def _analysis_context(report: object, lang: str, renderer: object) -> dict[str, object]:
    from ..network.report import NULL
    from .texts import ANALYSIS_TEXT, HEADERS_ZH, site_text

    text = ANALYSIS_TEXT[lang]
    r = report  # a NetworkReport
    focus = r.label(r.focus, lang)  # type: ignore[attr-defined]
    latest = r.years[-1][1] if r.years else r.whole  # type: ignore[attr-defined]
    value = latest.lattice.value
    headline = [
        (text["headline"][0], r.whole.ties),  # type: ignore[attr-defined]
        (text["headline"][1], NULL if value is None else f"{value:.3f}"),
        (text["headline"][2].format(focus=focus), r.whole.focus_betweenness_rank or NULL),  # type: ignore[attr-defined]
        (text["headline"][3].format(focus=focus), len(r.whole.brokered)),  # type: ignore[attr-defined]
    ]

    def headers(names: list[str]) -> list[str]:
        if lang == "en":
            return names
        out = []
        for name in names:
            for en, zh in sorted(HEADERS_ZH.items(), key=lambda kv: -len(kv[0])):
                name = name.replace(en, zh)
            out.append(name)
        return out

    tables = []
    for key, method in (("yearly", "yearly_table"), ("domains", "domain_table"), ("actors", "actor_table")):
        names, rows = getattr(r, method)(lang)
        tables.append({"id": key, "title": text[key], "headers": headers(names), "rows": rows})
    here = page_file_of("analysis", lang)
    figures = [
        {
            "id": name,
            "caption": caption.format(focus=focus),
            "png": renderer.rel(here, f"analysis/{name}-{lang}.png"),  # type: ignore[attr-defined]
            "svg": renderer.rel(here, f"analysis/{name}-{lang}.svg"),  # type: ignore[attr-defined]
            "width": 720,
        }
        for name, caption in text["figures"].items()
    ]
    return {**site_text("analysis", lang), "headline": headline, "figures": figures, "tables": tables,
            "caveat": text["caveat"]}  # fmt: skip


def page_file_of(name: str, lang: str) -> str:
    from .render import page_file

    return page_file(name, lang)


_DEFAULT_QUERY = """PREFIX lat: <https://w3id.org/lattice/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?mechanism ?label WHERE {
  ?mechanism lat:hasMember <https://w3id.org/lattice/id/actor/japan> ;
             skos:prefLabel ?label .
  FILTER (lang(?label) = "en")
}
ORDER BY ?label"""


def _index(lang: str, renderer: object, graph: SiteGraph) -> dict[str, object]:
    from .texts import GROUPS

    here = page_file_of("index", lang)
    groups = []
    for classes, label_en, label_zh in GROUPS:
        members = graph.subclass_closure(classes)
        items = sorted(
            (
                {
                    "label": graph.label(iri, lang),
                    "href": renderer.rel(here, "page/" + page_file_of(thing.path, lang)),
                }  # type: ignore[attr-defined]
                for iri, thing in graph.things.items()
                if set(thing.types) & members
            ),
            key=lambda i: i["label"],
        )
        if items:
            groups.append({"label": label_zh if lang == "zh" else label_en, "items": items, "open": False})
    listed = {i["href"] for g in groups for i in g["items"]}
    rest = sorted(
        (
            {
                "label": graph.label(iri, lang),
                "href": renderer.rel(here, "page/" + page_file_of(t.path, lang)),
            }  # type: ignore[attr-defined]
            for iri, t in graph.things.items()
        ),
        key=lambda i: i["label"],
    )
    others = [i for i in rest if i["href"] not in listed]
    if others:
        groups.append({"label": "其他" if lang == "zh" else "Other", "items": others, "open": False})
    stats = [
        ("triples" if lang == "en" else "三元组", f"{graph.count:,}"),
        ("described things" if lang == "en" else "描述对象", f"{len(graph.things):,}"),
    ] + [(g["label"], str(len(g["items"]))) for g in groups[:6]]
    return {"groups": groups, "stats": stats}


def _network_ui(lang: str) -> dict[str, object]:
    from .texts import NETWORK_UI

    return NETWORK_UI[lang]


def _query_ui(lang: str) -> dict[str, object]:
    from .texts import QUERY_UI

    return QUERY_UI[lang]
