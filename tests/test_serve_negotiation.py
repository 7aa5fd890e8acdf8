"""Accept and Accept-Language parsing, and where an /id/ IRI leads, without a server."""

from __future__ import annotations

from pathlib import Path

import pytest

from lattice_kg.publish.layout import file_type
from lattice_kg.serve.negotiation import choose, language_quality, parse_accept, prefers
from lattice_kg.serve.site import safe_file

OFFERED = [
    "text/html",
    "application/xhtml+xml",
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
]


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, "text/html"),
        ("", "text/html"),
        ("*/*", "text/html"),
        ("text/html", "text/html"),
        ("application/xhtml+xml", "application/xhtml+xml"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("text/html;q=0.5, text/turtle", "text/turtle"),
        ("text/turtle;q=0.2, application/ld+json;q=0.9, text/html;q=0.1", "application/ld+json"),
        ("text/turtle, */*", "text/turtle"),  # named exactly beats a wildcard of the same q
        ("text/turtle;q=0.5, */*", "text/html"),
        ("text/*", "text/html"),
        ("text/*;q=0.3, application/n-triples", "application/n-triples"),
        ("TEXT/Turtle", "text/turtle"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),  # a browser
        ("application/rdf+xml", None),
        ("image/png, text/plain", None),
        ("*/*;q=0", None),
        ("text/turtle;q=0, */*;q=0.1", "text/html"),
        ("text/turtle;q=zero, application/ld+json", "application/ld+json"),
        ("garbage", "text/html"),  # an unreadable header is ignored, as RFC 9110 allows
    ],
)
def test_choose(accept: str | None, chosen: str | None) -> None:
    assert choose(accept, OFFERED) == chosen


def test_parse_accept_keeps_q_and_skips_malformed() -> None:
    ranges = parse_accept("text/turtle;q=0.7;charset=utf-8, nonsense, */html, application/ld+json")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "turtle", 0.7),
        ("application", "ld+json", 1.0),
    ]


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "en"),
        ("", "en"),
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh-Hant-TW, en;q=0.9", "zh"),
        ("en-US,en;q=0.9,zh-CN;q=0.8", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en;q=0.5, zh;q=0.5", "en"),  # a tie goes to the default
        ("fr, de;q=0.8", "en"),
        ("*", "en"),
        ("*, en;q=0.1", "zh"),
    ],
)
def test_prefers(header: str | None, language: str) -> None:
    assert prefers(header, ("en", "zh")) == language


def test_language_quality() -> None:
    assert language_quality("zh-CN;q=0.4, zh-TW;q=0.6", "zh") == 0.6
    assert language_quality("fr", "zh") == 0.0


def test_safe_file_stays_inside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data" / "x.ttl").write_text("")
    (site / ".htaccess").write_text("")
    (tmp_path / "secret.txt").write_text("")
    (site / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert safe_file(site, "/data/x.ttl") == (site / "data" / "x.ttl").resolve()
    for bad in (
        "/../secret.txt",
        "data/../../secret.txt",
        "/.htaccess",
        "/link.txt",
        "/data\\x.ttl",
        "/data",
    ):
        assert safe_file(site, bad) is None, bad


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("a.ttl", "text/turtle; charset=utf-8"),
        ("a.jsonld", "application/ld+json"),
        ("a.nt", "application/n-triples"),
        ("lattice.nt.gz", "application/gzip"),
        ("index.zh.html", "text/html; charset=utf-8"),
        ("x.unknown", "application/octet-stream"),
    ],
)
def test_content_type(name: str, media_type: str) -> None:
    assert file_type(Path(name)) == media_type
