"""The source article's text file: pages, footnote lines and note markers, read from the text itself.

Offsets everywhere in Lattice are Python string offsets (code points, slice semantics)
into the UTF-8-decoded file, so `text[start:end]` is the quoted passage.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .core.errors import InputError
from .core.project import Source, project

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
# A footnote line starts with its mark: "① …", "^① …", "^{①} …"; the title's note starts with "* ".
_NOTE_LINE = re.compile(r"^\s*(?:\^?\{?(?P<n>[①-⑩])\}?|(?P<star>\*)\s)")
# A marker in running text: "^①", "①", "^{*}".
_MARKER = re.compile(r"\^?\{?(?P<mark>[①-⑩*])\}?")
ABSTRACTS_HEADING = "Abstracts"


@dataclass(frozen=True)
class NoteLine:
    page: int
    number: int | None  # None for the asterisk note
    line: int  # 1-based
    start: int  # offset of the line's first character
    end: int  # offset after the line's last character

    @property
    def note_id(self) -> str:
        return f"p{self.page}-{'star' if self.number is None else self.number}"


@dataclass(frozen=True)
class Marker:
    page: int
    number: int | None
    line: int
    start: int
    end: int


class ArticleText:
    """The article's plain text with its page layout recovered from the footnote blocks."""

    def __init__(self, path: Path | None = None, source: Source | None = None) -> None:
        """The text at `path`, else the text file of `source` (default: the project's first source)."""
        if path is None:
            source = source or project().source
            path = source.text_path()
        self.source = source
        self.path = path
        try:
            self.raw = self.path.read_bytes()
        except OSError as exc:
            env = source.text_env if source else None
            where = f"set {env} to its location" if env else "check lattice.toml"
            raise InputError(f"{self.path}: cannot read the source text ({exc.strerror}); {where}") from None
        self.text = self.raw.decode("utf-8")
        self.lines = self.text.split("\n")
        starts, pos = [], 0
        for line in self.lines:
            starts.append(pos)
            pos += len(line) + 1
        self.line_starts = starts

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    @cached_property
    def body_end_line(self) -> int:
        """Last line before the journal's English "Abstracts" page."""
        for i, line in enumerate(self.lines, 1):
            if line.strip() == ABSTRACTS_HEADING:
                return i - 1
        return len(self.lines)

    @cached_property
    def page_of_line(self) -> dict[int, int]:
        """Page of every body line: each block of footnote lines closes a page."""
        pages: dict[int, int] = {}
        page, in_notes = 1, False
        for i in range(1, self.body_end_line + 1):
            line = self.lines[i - 1]
            if not line.strip():
                pages[i] = page
                continue
            is_note = bool(_NOTE_LINE.match(line))
            if in_notes and not is_note:
                page += 1
            in_notes = is_note
            pages[i] = page
        return pages

    @cached_property
    def own_abstract_lines(self) -> tuple[int, int]:
        """First and last line of this article's English abstract (title, author, text).

        The journal's "Abstracts" page also summarises another article after it; that
        part is not this source.
        """
        after = range(self.body_end_line + 2, len(self.lines) + 1)
        filled = [i for i in after if self.lines[i - 1].strip()][:3]
        if len(filled) < 3:
            return (0, -1)
        return (filled[0], filled[-1])

    def in_source(self, line: int) -> bool:
        """Whether a line belongs to the article: its body or its own English abstract."""
        first, last = self.own_abstract_lines
        return 1 <= line <= self.body_end_line or first <= line <= last

    def page_of(self, offset: int) -> int | None:
        """Printed page (1-29) of an offset; None on the journal's Abstracts page, which has none."""
        return self.page_of_line.get(self.line_of(offset))

    @cached_property
    def note_lines(self) -> list[NoteLine]:
        notes = []
        for i in range(1, self.body_end_line + 1):
            line = self.lines[i - 1]
            m = _NOTE_LINE.match(line)
            if not m:
                continue
            number = None if m.group("star") else CIRCLED.index(m.group("n")) + 1
            start = self.line_starts[i - 1]
            notes.append(NoteLine(self.page_of_line[i], number, i, start, start + len(line)))
        return notes

    @cached_property
    def markers(self) -> list[Marker]:
        """Note markers in the running text (not in the footnote lines themselves)."""
        found = []
        for i in range(1, self.body_end_line + 1):
            line = self.lines[i - 1]
            if not line.strip() or _NOTE_LINE.match(line):
                continue
            for m in _MARKER.finditer(line):
                mark = m.group("mark")
                if mark == "*" and "^" not in m.group(0):
                    continue  # a literal asterisk, not the title's note marker
                number = None if mark == "*" else CIRCLED.index(mark) + 1
                start = self.line_starts[i - 1] + m.start()
                found.append(
                    Marker(self.page_of_line[i], number, i, start, self.line_starts[i - 1] + m.end())
                )
        return found

    def pages(self) -> list[int]:
        return sorted(set(self.page_of_line.values()))
