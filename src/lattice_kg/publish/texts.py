"""The site's own words, in English and Chinese: page titles, introductions, labels of the controls."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..core.project import project
from .graph import LAT


class Sources(Mapping[str, Any]):
    """Words by language that name the article: with several sources, the words that name them all.

    Chosen when read, from the current project, so one article's prose never stands on a page of another."""

    def __init__(self, one: dict[str, Any], several: dict[str, Any], merge: bool = True) -> None:
        self.one, self.several, self.merge = one, several, merge

    def __getitem__(self, key: str) -> Any:
        if len(project().sources) == 1:
            return self.one[key]
        return {**self.one[key], **self.several[key]} if self.merge else self.several[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.one)

    def __len__(self) -> int:
        return len(self.one)


_SITE_TEXT = {
    "index": {
        "en": (
            "Lattice: Japan in the U.S. Indo-Pacific network of allies and partners",
            "A linked-data knowledge graph of one article: Zhao Minghao, 《美国“印太”盟伴体系中的日本角色探析》"
            " (Japanese Studies 2024 no. 4, pp. 1–29). Every actor, mechanism, agreement, event and statement has"
            " a page here, with the passage of the article and the footnotes behind it.",
        ),
        "zh": (
            "Lattice：美国“印太”盟伴体系中的日本角色",
            "赵明昊《美国“印太”盟伴体系中的日本角色探析》（《日本学刊》2024年第4期，第1—29页）的关联数据知识图谱。"
            "每个行为体、机制、协定、事件与陈述均有页面，并附原文段落与所据脚注。",
        ),
    },
    "network": {
        "en": (
            "The network of allies and partners",
            "The actor network the analysis measures: states, regions and international organisations, tied"
            " whenever the article reports two of them in one mechanism, agreement or event. Filter by domain"
            " and move the year to watch the hub-and-spoke system grow into a lattice, as far as the article"
            " dates its ties. Double-click a node to open its page.",
        ),
        "zh": (
            "盟伴网络",
            "即“度量网格”所度量的行为体网络：节点为国家、地区与国际组织，凡文章报道两者同属一个机制、协定或事件即相连。"
            "可按领域筛选并拖动年份，观察“辐辏”体系如何在文章所记载的范围内演变为“网格”。双击节点打开其页面。",
        ),
    },
    "timeline": {
        "en": (
            "Timeline",
            "Every event, agreement and document the article dates, at the precision it gives.",
        ),
        "zh": ("时间线", "文章注明日期的全部事件、协定与文件，按文章给出的精度列出。"),
    },
    "query": {
        "en": (
            "Query the graph",
            "Run a competency question (its default parameters are filled in) or your own SPARQL against the"
            " read-only endpoint.",
        ),
        "zh": ("查询图谱", "运行能力问题（已填入默认参数）或自行编写 SPARQL，在只读端点上执行。"),
    },
    "analysis": {
        "en": (
            "Measuring the lattice",
            "The article argues that the U.S. alliance system in Asia is turning from hub-and-spoke into a lattice,"
            " with Japan as its hub and connector. Here the actors it names are tied whenever the article reports"
            " them in one mechanism, agreement or event, and the network is measured year by year.",
        ),
        "zh": (
            "度量“网格”",
            "文章认为，美国在亚洲的同盟体系正由“辐辏”转向“网格”，日本是其中的枢纽与连接者。此处凡文章报道同属一个机制、协定或事件的行为体即视为相连，"
            "并逐年度量该网络。",
        ),
    },
    "404": {
        "en": ("Not found", "No page here. The home page lists every thing the graph describes."),
        "zh": ("未找到", "此处没有页面。首页列出了图谱描述的全部对象。"),
    },
}


# the same pages' words for a project of several sources
_SEVERAL_SITE_TEXT = {
    "index": {
        "en": (
            _SITE_TEXT["index"]["en"][0],
            "A linked-data knowledge graph of several articles, the first Zhao Minghao's"
            " 《美国“印太”盟伴体系中的日本角色探析》 (Japanese Studies 2024 no. 4, pp. 1–29); every source is listed"
            " under Works. Every actor, mechanism, agreement, event and statement has a page here, with the"
            " passage of its article and the footnotes behind it.",
        ),
        "zh": (
            _SITE_TEXT["index"]["zh"][0],
            "多篇文章的关联数据知识图谱，首篇为赵明昊《美国“印太”盟伴体系中的日本角色探析》（《日本学刊》2024年第4期，"
            "第1—29页），全部来源列于“文献”。每个行为体、机制、协定、事件与陈述均有页面，并附所出文章的原文段落与所据脚注。",
        ),
    },
    "network": {
        "en": (
            _SITE_TEXT["network"]["en"][0],
            "Actors and mechanisms as nodes; memberships and agreements as ties. Filter by domain and move the"
            " year to watch the hub-and-spoke system grow into a lattice, as far as the articles date their ties."
            " Double-click a node to open its page.",
        ),
        "zh": (
            _SITE_TEXT["network"]["zh"][0],
            "节点为行为体与机制，连线为成员关系与协定。可按领域筛选并拖动年份，观察“辐辏”体系如何在各文章所记载的范围内"
            "演变为“网格”。双击节点打开其页面。",
        ),
    },
    "timeline": {
        "en": (
            _SITE_TEXT["timeline"]["en"][0],
            "Every event, agreement and document the articles date, at the precision they give.",
        ),
        "zh": (
            _SITE_TEXT["timeline"]["zh"][0],
            "各文章注明日期的全部事件、协定与文件，按文章给出的精度列出。",
        ),
    },
    "analysis": {
        "en": (
            _SITE_TEXT["analysis"]["en"][0],
            "Zhao Minghao's article argues that the U.S. alliance system in Asia is turning from hub-and-spoke"
            " into a lattice, with Japan as its hub and connector. Here the actors the articles name are tied"
            " whenever an article reports them in one mechanism, agreement or event, and the network is measured"
            " year by year.",
        ),
        "zh": (
            _SITE_TEXT["analysis"]["zh"][0],
            "赵明昊的文章认为，美国在亚洲的同盟体系正由“辐辏”转向“网格”，日本是其中的枢纽与连接者。此处凡某篇文章报道同属一个机制、"
            "协定或事件的行为体即视为相连，并逐年度量该网络。",
        ),
    },
    "query": _SITE_TEXT["query"],
    "404": _SITE_TEXT["404"],
}
SITE_TEXT = Sources(_SITE_TEXT, _SEVERAL_SITE_TEXT, merge=False)


def site_text(name: str, lang: str) -> dict[str, str]:
    title, intro = SITE_TEXT[name][lang]
    return {"title": title, "intro": intro}


# the home page's browse lists, by class (a thing of several classes is listed under each)
GROUPS = (
    ((LAT + "State",), "States", "国家"),
    (
        (
            LAT + "InternationalOrganization",
            LAT + "GovernmentBody",
            LAT + "ResearchInstitution",
            LAT + "Company",
            LAT + "MediaOutlet",
            LAT + "Region",
        ),
        "Organisations and groups",
        "组织与群体",
    ),
    ((LAT + "Person",), "People", "人物"),
    ((LAT + "Mechanism",), "Mechanisms", "机制"),
    ((LAT + "Agreement",), "Agreements", "协定"),
    ((LAT + "Event",), "Events", "事件"),
    ((LAT + "Document",), "Documents", "文件"),
    ((LAT + "RoleAttribution",), "Roles attributed", "角色认定"),
    ((LAT + "AuthorAssessment",), "The author's assessments", "作者的评估"),
    ((LAT + "AttributedView",), "Views of people quoted", "引述的观点"),
    ((LAT + "ReportedFact",), "Reported facts", "报道的事实"),
    ((LAT + "Footnote", LAT + "ExplanatoryNote", LAT + "AcknowledgementNote"), "Footnotes", "脚注"),
    (
        tuple(
            f"http://purl.org/spar/fabio/{c}"
            for c in (
                "JournalArticle",
                "Book",
                "ReportDocument",
                "WorkingPaper",
                "NewsItem",
                "PressRelease",
                "WebPage",
            )
        ),
        "Works (the article and those it cites)",
        "文献（本文及其引用文献）",
    ),
)

NO_DOMAIN = {"en": "No domain given", "zh": "未注明领域"}
NETWORK_UI = {
    "en": {
        "domains": "Domains",
        "year": "Ties dated up to",
        "undated": "also ties the article does not date",
        "undated_short": "no date",
        "membership": "in one mechanism",
        "agreement": "parties to one agreement",
        "event": "at one event",
        "style_note": "(a tie is drawn in the first of these styles that applies, thicker the more facts"
        " stand behind it)",
        "counts": "{nodes} actors, {edges} ties shown",
    },
    "zh": {
        "domains": "领域",
        "year": "截至年份",
        "undated": "包括文章未注明日期的关系",
        "undated_short": "无日期",
        "membership": "同属一个机制",
        "agreement": "同为一项协定的缔约方",
        "event": "同为一个事件的参与方",
        "style_note": "（连线按上列第一种适用的样式绘制，所据事实越多线越粗）",
        "counts": "显示 {nodes} 个行为体、{edges} 条连线",
    },
}
QUERY_UI = {
    "en": {
        "question": "Competency question",
        "adhoc": "— your own query —",
        "run": "Run",
        "running": "Running…",
        "rows": "{n} rows",
        "failed": "The endpoint refused the query",
        "unreachable": "No SPARQL endpoint answers at {url}: run `lattice serve` to query this site.",
    },
    "zh": {
        "question": "能力问题",
        "adhoc": "— 自定义查询 —",
        "run": "运行",
        "running": "运行中…",
        "rows": "{n} 行",
        "failed": "端点拒绝了该查询",
        "unreachable": "{url} 处没有 SPARQL 端点应答：请运行 `lattice serve` 查询本站。",
    },
}

_UI = {
    "en": {
        "home": "Home",
        "network": "Network",
        "timeline": "Timeline",
        "query": "Query",
        "ontology": "Ontology",
        "analysis": "Analysis",
        "dataset": "Dataset",
        "other_lang": "中文",
        "description": "Description",
        "evidence": "Evidence",
        "referenced_by": "Referenced by",
        "referrers_paged": "{total} nodes point here; this page and its data hold the first {shown} (in IRI order), the others are in",
        "referrers_page": "page {n}",
        "quote": "Quote",
        "page": "page",
        "line": "line",
        "section": "section",
        "note": "Footnote",
        "cites": "cites",
        "accessed": "accessed",
        "pages": "pp.",
        "data": "Data",
        "types": "Types",
        "also_known_as": "Also known as",
        "held_by": "held by",
        "source_line": "Source: Zhao Minghao, “Exploring Japan's Role in the U. S. Indo-Pacific Alliance System”, "
        "Japanese Studies (日本学刊) 2024 no. 4, pp. 1–29.",
        "license": "Data and ontology: CC BY 4.0. Quotes from the article are kept to short phrases.",
    },
    "zh": {
        "home": "首页",
        "network": "网络",
        "timeline": "时间线",
        "query": "查询",
        "ontology": "本体",
        "analysis": "分析",
        "dataset": "数据集",
        "other_lang": "English",
        "description": "描述",
        "evidence": "证据",
        "referenced_by": "被引用于",
        "referrers_paged": "共有 {total} 个节点指向此处；本页及其数据列出前 {shown} 个（按 IRI 排序），其余见",
        "referrers_page": "第 {n} 页",
        "quote": "引文",
        "page": "页",
        "line": "行",
        "section": "节",
        "note": "脚注",
        "cites": "引用",
        "accessed": "访问于",
        "pages": "页码",
        "data": "数据",
        "types": "类型",
        "also_known_as": "又称",
        "held_by": "持有者",
        "source_line": "来源：赵明昊：《美国“印太”盟伴体系中的日本角色探析》，《日本学刊》2024年第4期，第1—29页。",
        "license": "数据与本体采用 CC BY 4.0 许可。文章引文仅保留简短片段。",
    },
}

UI = Sources(
    _UI,
    {
        "en": {
            "source_line": "Sources: the articles listed under Works on the home page; each fact's evidence names"
            " its passage and footnotes.",
            "license": "Data and ontology: CC BY 4.0. Quotes from the articles are kept to short phrases.",
        },
        "zh": {
            "source_line": "来源：首页“文献”所列文章；每条事实的证据注明其原文段落与所据脚注。",
            "license": "数据与本体采用 CC BY 4.0 许可。文章引文仅保留简短片段。",
        },
    },
)

DATASET_TITLE = {
    "en": "Lattice: Japan's role in the U.S. Indo-Pacific network of allies and partners",
    "zh": "Lattice：美国“印太”盟伴体系中的日本角色",
}
_DATASET_DESCRIPTION = {
    "en": "A knowledge graph of one article, Zhao Minghao's 《美国“印太”盟伴体系中的日本角色探析》 (Japanese Studies 2024 no. 4, pp. 1-29): its actors, mechanisms, agreements, events, documents, the author's assessments and the views he quotes, each with the passage and footnotes behind it.",
    "zh": "赵明昊《美国“印太”盟伴体系中的日本角色探析》（《日本学刊》2024年第4期）的知识图谱：行为体、机制、协定、事件、文件、作者评估与引述观点，每条均附原文段落与所据脚注。",
}
DATASET_DESCRIPTION = Sources(
    _DATASET_DESCRIPTION,
    {
        "en": "A knowledge graph of several articles, the first Zhao Minghao's 《美国“印太”盟伴体系中的日本角色探析》 (Japanese Studies 2024 no. 4, pp. 1-29): their actors, mechanisms, agreements, events, documents, the authors' assessments and the views they quote, each with the passage and footnotes behind it.",
        "zh": "多篇文章的知识图谱，首篇为赵明昊《美国“印太”盟伴体系中的日本角色探析》（《日本学刊》2024年第4期）：行为体、机制、协定、事件、文件、作者评估与引述观点，每条均附原文段落与所据脚注。",
    },
    merge=False,
)
KEYWORDS = (
    ("Indo-Pacific", "en"),
    ("alliances", "en"),
    ("Japan", "en"),
    ("印太", "zh"),
    ("盟伴体系", "zh"),
    ("日本", "zh"),
)

# names for the properties of other vocabularies that pages show most (the ontology names its own)
PROPERTY_LABELS = {
    "http://www.w3.org/2004/02/skos/core#definition": ("Definition", "定义"),
    "http://www.w3.org/2004/02/skos/core#scopeNote": ("Scope note", "范围说明"),
    "http://www.w3.org/2004/02/skos/core#editorialNote": ("Editorial note", "编辑说明"),
    "http://www.w3.org/2004/02/skos/core#exactMatch": ("Same as", "等同于"),
    "http://www.w3.org/2004/02/skos/core#closeMatch": ("Close match", "近似于"),
    "http://www.w3.org/2004/02/skos/core#broader": ("Broader", "上位概念"),
    "http://www.w3.org/2000/01/rdf-schema#label": ("Label", "标签"),
    "http://www.w3.org/2000/01/rdf-schema#comment": ("Comment", "注释"),
    "http://www.w3.org/2000/01/rdf-schema#isDefinedBy": ("Defined by", "定义于"),
    "http://www.w3.org/ns/prov#wasAttributedTo": ("Held by", "持有者"),
    "http://www.w3.org/ns/prov#wasDerivedFrom": ("Footnote", "脚注"),
    "http://purl.org/dc/terms/creator": ("Author", "作者"),
    "http://purl.org/dc/terms/editor": ("Editor", "编者"),
    "http://purl.org/dc/terms/title": ("Title", "题名"),
    "http://purl.org/dc/terms/issued": ("Issued", "发布日期"),
    "http://purl.org/dc/terms/isPartOf": ("Part of", "属于"),
    "http://purl.org/dc/terms/publisher": ("Publisher", "出版者"),
    "http://purl.org/dc/terms/subject": ("Subject", "主题"),
    "http://purl.org/dc/terms/description": ("Description", "描述"),
    "https://schema.org/url": ("URL", "网址"),
    "https://schema.org/name": ("Name", "名称"),
    "https://schema.org/value": ("Value", "数值"),
    "https://schema.org/unitText": ("Unit", "单位"),
    "https://schema.org/currency": ("Currency", "货币"),
    "http://purl.org/spar/cito/citesAsEvidence": ("Cites as evidence", "作为证据引用"),
    "http://purl.org/spar/cito/citesForInformation": ("Cites for information", "作为参考引用"),
    "http://purl.org/spar/cito/hasCitingEntity": ("Citing note", "施引脚注"),
    "http://purl.org/spar/cito/hasCitedEntity": ("Cited work", "被引文献"),
    "http://purl.org/spar/cito/hasCitationCharacterization": ("Kind of citation", "引用性质"),
    "http://purl.org/ontology/bibo/issue": ("Issue", "期"),
    "http://purl.org/ontology/bibo/volume": ("Volume", "卷"),
    "http://purl.org/ontology/bibo/pages": ("Pages", "页码"),
}
