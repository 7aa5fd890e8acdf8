"""The HTML pages (`publish/render.py`): no broken internal link, no parse error, and the evidence trail
on a thing's page, as the graph module (`publish/graph.py`, which shares this file) reads it."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest


@pytest.fixture
def site(published_site: Path) -> Path:
    """The session's site (published with --base-url HOST), under the name these tests use."""
    return published_site


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])  # type: ignore[arg-type]
        for name in ("href", "src"):
            value = found.get(name)
            if value and not (tag == "link" and found.get("rel") == "canonical"):
                self.links.append(value)


def parsed(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_internal_link_is_broken(site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(site.rglob("*.html")):
        for link in parsed(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment:
                if target not in ids:
                    ids[target] = parsed(target).ids
                if parts.fragment not in ids[target]:
                    broken.append(f"{page.relative_to(site)} -> {link} (no such anchor)")
    assert broken == []


@pytest.mark.slow
def test_every_page_is_html_without_parse_errors(site: Path) -> None:
    import html5lib

    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 2900
    errors = {}
    for page in pages:
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_bytes())
        if parser.errors:
            errors[page.relative_to(site).as_posix()] = parser.errors[:3]
    assert errors == {}


def test_the_page_shows_the_evidence_trail(site: Path) -> None:
    """Japan and Australia's RAA, as the article prints it: line 166 (p. 12) and line 126 (p. 9), the
    latter with note ① on p. 9, Jesse Johnson in the Japan Times, accessed 2024-02-15."""
    html = (site / "page" / "agreement" / "japan-australia-raa.html").read_text(encoding="utf-8")
    assert "Japan-Australia Reciprocal Access Agreement" in html and "日澳《互惠准入协定》" in html
    assert "2022 年 1 月，日本与澳大利亚签署《互惠准入协议》" in html and "page 12" in html
    assert "澳大利亚达成类似协议" in html and "page 9" in html
    evidence = html[html.index('class="evidence"') :]
    assert "Note 1 on page 9" in evidence
    assert "U.K.-Japan Defense Cooperation to Intensify Following Landmark Agreement" in evidence
    assert (
        "https://www.japantimes.co.jp/news/2023/01/11/national/politics-diplomacy/britain-japan-troops-agreement-aa/"
        in evidence
    )
    assert "accessed 2024-02-15" in evidence
    zh = (site / "page" / "agreement" / "japan-australia-raa.zh.html").read_text(encoding="utf-8")
    assert "<h1>日澳《互惠准入协定》</h1>" in zh and "第9页注①" in zh and "访问于 2024-02-15" in zh
