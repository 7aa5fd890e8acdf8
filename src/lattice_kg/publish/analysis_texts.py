"""The analysis page's words, in English and Chinese: its figures, tables and their Chinese headers."""

from __future__ import annotations

from .texts import Sources

_ANALYSIS_TEXT = {
    "en": {
        "headline": (
            "ties in the whole network",
            "lattice index (latest year)",
            "rank of {focus} by betweenness",
            "pairs only {focus} connects",
        ),
        "figures": {
            "lattice-index": "Share of ties among the U.S. and its allies and partners that do not involve the United States, by year (cumulative)",
            "centrality": "{focus}'s degree and betweenness centrality, by year (cumulative)",
            "network": "The actor network in the latest year",
        },
        "yearly": "By year (cumulative; the row “all” adds the ties the article does not date)",
        "domains": "By domain (whole network)",
        "actors": "Actors (whole network)",
        "caveat": "These measures describe what the article reports, not the world: a tie exists here because the article states a shared membership, agreement or event, dated as the article dates it. `lattice network` computes them; docs/analysis.md explains each measure.",
    },
    "zh": {
        "headline": (
            "整个网络中的关系数",
            "网格指数（最近年份）",
            "{focus}的中介中心度排名",
            "仅经由{focus}相连的行为体对",
        ),
        "figures": {
            "lattice-index": "美国及其盟友与伙伴之间不涉及美国的关系所占比例（逐年累计）",
            "centrality": "{focus}的度中心度与中介中心度（逐年累计）",
            "network": "最近年份的行为体网络",
        },
        "yearly": "逐年（累计；“all”行另含文章未注明日期的关系）",
        "domains": "按领域（整个网络）",
        "actors": "行为体（整个网络）",
        "caveat": "这些指标刻画的是文章所报道的内容，而非现实世界：此处的关系源于文章所述的共同成员资格、协定或事件，日期以文章所载为准。由 `lattice network` 计算，各指标说明见 docs/analysis.md。",
    },
}
ANALYSIS_TEXT = Sources(
    _ANALYSIS_TEXT,
    {
        "en": {
            "caveat": "These measures describe what the articles report, not the world: a tie exists here because an article states a shared membership, agreement or event, dated as that article dates it. `lattice network` computes them; docs/analysis.md explains each measure.",
        },
        "zh": {
            "caveat": "这些指标刻画的是各文章所报道的内容，而非现实世界：此处的关系源于某篇文章所述的共同成员资格、协定或事件，日期以该文章所载为准。由 `lattice network` 计算，各指标说明见 docs/analysis.md。",
        },
    },
)
HEADERS_ZH = {
    "year": "年份",
    "actors": "行为体数",
    "ties": "关系数",
    "density": "密度",
    "system ties": "体系内关系",
    "ally-ally ties": "盟伴之间关系",
    "lattice index": "网格指数",
    "degree": "度",
    "betweenness": "中介中心度",
    "rank (degree)": "排名（度）",
    "rank (betweenness)": "排名（中介）",
    "pairs only": "仅经由",
    "connects": "相连的对数",
    "domain": "领域",
    "actor": "行为体",
    "id": "标识",
    "in the system": "体系角色",
}
