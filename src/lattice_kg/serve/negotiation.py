"""HTTP content negotiation (RFC 9110 §12.5): pick a representation from `Accept` and `Accept-Language`.

Pure functions over header strings, so every case is a unit test without a server.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    """One `type/subtype;q=…` entry of an Accept header."""

    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        """2 for an exact type, 1 for `type/*`, 0 for `*/*`: the most specific range sets the q of a type."""
        if self.type == "*":
            return 0
        return 1 if self.subtype == "*" else 2

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)


def _q(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0  # an unreadable weight is taken as "not acceptable", the cautious reading
    return 1.0


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed entries skipped, parameters but q ignored."""
    ranges = []
    for item in (header or "").split(","):
        media, *params = item.split(";")
        kind, slash, sub = media.strip().lower().partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        ranges.append(MediaRange(kind, sub, _q(params)))
    return ranges


def quality(ranges: Sequence[MediaRange], media_type: str) -> tuple[float, int]:
    """(q, specificity) the client gives a media type: from its most specific matching range, else (0, -1)."""
    best: MediaRange | None = None
    for r in ranges:
        if r.matches(media_type) and (best is None or r.specificity > best.specificity):
            best = r
    return (best.q, best.specificity) if best else (0.0, -1)


def choose(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers, or None when it accepts none of them (406).

    No Accept header (or an empty or unreadable one) means anything: the first offer. Among equal
    q values a type named exactly beats one reached through a wildcard (`text/turtle, */*` is a
    request for Turtle), then the server's order of `offered` decides.
    """
    if not offered:
        return None
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    scored = []
    for index, media_type in enumerate(offered):
        q, specificity = quality(ranges, media_type.lower())
        if q > 0:
            scored.append((q, specificity, -index, media_type))
    return max(scored)[3] if scored else None


def language_quality(header: str | None, language: str) -> float:
    """The q a client gives a primary language (`zh` covers zh-CN, zh-Hant…); `*` covers any."""
    best, wildcard = -1.0, -1.0
    for item in (header or "").split(","):
        tag, *params = item.split(";")
        tag = tag.strip().lower()
        if not tag:
            continue
        q = _q(params)
        if tag == "*":
            wildcard = max(wildcard, q)
        elif tag.split("-")[0] == language:
            best = max(best, q)
    return best if best >= 0 else max(wildcard, 0.0)


def prefers(header: str | None, languages: Sequence[str]) -> str:
    """The language of `languages` the client ranks highest; ties and silence go to the first."""
    scored = [(language_quality(header, lang), -i, lang) for i, lang in enumerate(languages)]
    return max(scored)[2]
