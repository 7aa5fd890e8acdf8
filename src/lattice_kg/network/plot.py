"""Figures of the network report, in English or Chinese: PNG and SVG, drawn with matplotlib's Agg backend.

Chinese labels need a font with CJK glyphs. The project installs one with pip: Noto Sans CJK SC as the
`mplfonts` wheel ships it. It is registered with matplotlib from its file, without importing `mplfonts`
(which would load its command-line dependencies) and without touching the user's matplotlib settings.
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import EnvironmentProblem, InputError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .report import NetworkReport

FONT_PACKAGE = "mplfonts"
FONT_FILE = "fonts/NotoSansCJKsc-Regular.otf"
LANGS = ("en", "zh")

TEXT = {
    "en": {
        "lattice_title": "From hub-and-spoke to lattice? The lattice index of the U.S. alliance system",
        "lattice_y": "lattice index: share of system ties\nthat do not involve {hub}",
        "year": "year (cumulative; dated ties only)",
        "all": "all ties, undated included: {value}",
        "centrality_title": "{focus} in the actor network: centrality over time",
        "betweenness": "betweenness centrality",
        "degree": "degree (actors tied to)",
        "network_title": "The actor network as the article reports it (all ties)",
        "hub": "hub",
        "focus": "focus",
        "ally": "ally or partner in the system",
        "other": "other actor",
        "lattice_tie": "tie between allies/partners (no hub)",
        "spoke_tie": "tie of the hub within the system",
        "other_tie": "other tie",
        "source": "Source: the Lattice graph of Zhao Minghao (2024); it measures what the article reports.",
    },
    "zh": {
        "lattice_title": "从“辐辏”到“网格”？美国盟伴体系的网格指数",
        "lattice_y": "网格指数：不涉及{hub}的体系内联系占比",
        "year": "年份（累计；仅计有日期的联系）",
        "all": "全部联系（含无日期者）：{value}",
        "centrality_title": "{focus}在行为体网络中的中心性变化",
        "betweenness": "中介中心性",
        "degree": "度（直接相连的行为体数）",
        "network_title": "文章所述的行为体网络（全部联系）",
        "hub": "轴心",
        "focus": "焦点行为体",
        "ally": "体系内盟友或伙伴",
        "other": "其他行为体",
        "lattice_tie": "盟伴之间的联系（不经轴心）",
        "spoke_tie": "轴心在体系内的联系",
        "other_tie": "其他联系",
        "source": "资料来源：赵明昊（2024）一文的 Lattice 知识图谱；所测为文章所述，而非现实世界。",
    },
}

COLOURS = {"hub": "#c0392b", "focus": "#1f5fa8", "ally": "#e69f00", "other": "#9aa5b1"}


def cjk_font_path() -> Path:
    """The Noto Sans CJK SC file the font package installs; an error naming the package if it is missing."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            path = Path(folder) / FONT_FILE
            if path.is_file():
                return path
    raise EnvironmentProblem(f"no CJK font: install the {FONT_PACKAGE} package (pip install {FONT_PACKAGE})")


def font_family() -> str:
    """Register the CJK font with matplotlib (once) and return its family name."""
    from matplotlib import font_manager

    path = cjk_font_path()
    if not any(Path(f.fname) == path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def write_figures(report: NetworkReport, out_dir: Path, lang: str = "en") -> list[Path]:
    """Draw the lattice index, the focus actor's centrality and the network; PNG and SVG of each."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if lang not in TEXT:
        raise InputError(f"--lang {lang!r}: choose one of {', '.join(LANGS)}")
    ensure_folder(out_dir)
    rc = {
        "font.family": "sans-serif",
        "font.sans-serif": [font_family(), "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.hashsalt": "lattice",  # stable ids: the same report draws the same SVG
        "figure.dpi": 100,
    }
    written: list[Path] = []
    with plt.rc_context(rc):
        for name, draw in (("lattice-index", _lattice), ("centrality", _centrality), ("network", _network)):
            fig = draw(report, TEXT[lang], lang)
            try:
                for ext in ("png", "svg"):
                    path = out_dir / f"{name}-{lang}.{ext}"
                    fig.savefig(path, format=ext, dpi=110, bbox_inches="tight", metadata=_metadata(ext))
                    written.append(path)
            finally:
                plt.close(fig)
    return written


def ensure_folder(out_dir: Path) -> None:
    """Create the folder for the figures, or say in one line why it cannot be written to."""
    import os

    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"--plot {out_dir}: not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"--plot {out_dir}: cannot create the folder ({exc.strerror})") from None
    if not os.access(out_dir, os.W_OK):
        raise InputError(f"--plot {out_dir}: the folder is not writable")


def _metadata(ext: str) -> dict[str, str | None]:
    return {"Date": None} if ext == "svg" else {"Software": None}


def _years(report: NetworkReport) -> list[int]:
    return [year for year, _ in report.years]


def _lattice(report: NetworkReport, text: dict[str, str], lang: str) -> Figure:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.2))
    values = [math.nan if s.lattice.value is None else s.lattice.value for _, s in report.years]
    ax.plot(_years(report), values, marker="o", color=COLOURS["focus"], linewidth=2)
    whole = report.whole.lattice.value
    if whole is not None:
        ax.axhline(whole, color=COLOURS["hub"], linestyle=":", linewidth=1.2)
        label = text["all"].format(value=f"{whole:.3f}")
        ax.annotate(label, xy=(0.01, whole), xycoords=("axes fraction", "data"), xytext=(0, 4),
                    textcoords="offset points", color=COLOURS["hub"], fontsize=9)  # fmt: skip
    ax.set_ylim(-0.05, 1.05)
    ax.set_title(text["lattice_title"])
    ax.set_xlabel(text["year"])
    ax.set_ylabel(text["lattice_y"].format(hub=report.label(report.hub, lang)))
    ax.grid(alpha=0.3)
    _source(fig, text)
    return fig


def _centrality(report: NetworkReport, text: dict[str, str], lang: str) -> Figure:
    import matplotlib.pyplot as plt

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 6), sharex=True)
    years = _years(report)
    for actor, colour, style in ((report.focus, COLOURS["focus"], "-"), (report.hub, COLOURS["hub"], "--")):
        name = report.label(actor, lang)
        top.plot(years, [s.betweenness.get(actor, 0.0) for _, s in report.years], style, marker="o",
                 color=colour, label=name)  # fmt: skip
        bottom.plot(years, [s.degree.get(actor, 0) for _, s in report.years], style, marker="o",
                    color=colour, label=name)  # fmt: skip
    top.set_ylabel(text["betweenness"])
    bottom.set_ylabel(text["degree"])
    bottom.set_xlabel(text["year"])
    for ax in (top, bottom):
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left")
    top.set_title(text["centrality_title"].format(focus=report.label(report.focus, lang)))
    _source(fig, text)
    return fig


def _network(report: NetworkReport, text: dict[str, str], lang: str) -> Figure:
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    from .report import build_graph

    graph = build_graph(report.network.ties)
    system = report.allies | {report.hub}
    fig, ax = plt.subplots(figsize=(10, 8))
    pos = nx.spring_layout(graph, seed=7, k=1.6 / math.sqrt(max(graph.number_of_nodes(), 1)), iterations=200)

    def kind(node: str) -> str:
        if node == report.hub:
            return "hub"
        if node == report.focus:
            return "focus"
        return "ally" if node in report.allies else "other"

    groups: dict[str, list[tuple[str, str]]] = {"lattice_tie": [], "spoke_tie": [], "other_tie": []}
    for a, b in graph.edges():
        if a in system and b in system:
            groups["spoke_tie" if report.hub in (a, b) else "lattice_tie"].append((a, b))
        else:
            groups["other_tie"].append((a, b))
    styles = {
        "other_tie": ("#c8ced6", 0.6),
        "spoke_tie": (COLOURS["hub"], 1.8),
        "lattice_tie": ("#2a9d8f", 2.4),
    }
    for name in ("other_tie", "spoke_tie", "lattice_tie"):
        colour, width = styles[name]
        nx.draw_networkx_edges(graph, pos, edgelist=groups[name], ax=ax, edge_color=colour, width=width)
    degree = dict(graph.degree())
    nodes = list(graph.nodes())
    nx.draw_networkx_nodes(graph, pos, nodelist=nodes, ax=ax, node_color=[COLOURS[kind(n)] for n in nodes],
                           node_size=[120 + 40 * degree[n] for n in nodes], edgecolors="white")  # fmt: skip
    above = {n: (x, y + 0.055) for n, (x, y) in pos.items()}
    labels = {n: report.label(n, lang) for n in nodes}
    nx.draw_networkx_labels(graph, above, labels=labels, ax=ax, font_size=9,
                            font_family=plt.rcParams["font.sans-serif"][0])  # fmt: skip
    handles = [Line2D([], [], marker="o", linestyle="", color=COLOURS[k], markersize=9, label=text[k])
               for k in ("hub", "focus", "ally", "other")]  # fmt: skip
    handles += [Line2D([], [], color=styles[k][0], linewidth=styles[k][1], label=text[k])
                for k in ("lattice_tie", "spoke_tie", "other_tie")]  # fmt: skip
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)
    ax.set_title(text["network_title"])
    ax.set_axis_off()
    _source(fig, text)
    return fig


def _source(fig: Figure, text: dict[str, str]) -> None:
    fig.text(0.01, -0.01, text["source"], fontsize=7, color="#555555", ha="left", va="top")
