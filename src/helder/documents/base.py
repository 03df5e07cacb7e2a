"""The Document: the plain text helder analyses, plus the way back to the original file.

A reader (plain text, Markdown, HTML, ...) turns a source file into *plain text*: the words a reader
sees, with block elements (headings, paragraphs, list items, table cells) separated by a blank line so
the sentence splitter never runs two blocks together. While it builds the plain text it records, for
every piece it copies, where that piece came from: an :class:`OffsetMap`. Every finding is found in
the plain text and reported at the matching place in the source.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..types import Span

_LINE_END = re.compile(r"\r\n|\r|\n")


class OffsetMap:
    """Maps character offsets in the plain text back to offsets in the source text.

    Built from segments ``(plain_start, source_start, length)``: plain text
    ``[plain_start, plain_start + length)`` is a verbatim copy of source
    ``[source_start, source_start + length)``. Characters the reader *inserted* (the blank line
    between two blocks, a space for a ``<br>``) map to the source position of the next copied
    character, so a span never points outside the source.

    A segment may carry a fourth number, ``(plain_start, source_start, length, source_length)``, when
    the plain text *replaces* a piece of source of another length (a character reference such as
    ``&eacute;`` that became ``é``, a line break that became a space). An offset inside such a
    segment maps to the start of the replaced source; an end offset maps to its end, so a span that
    covers the replacement covers the whole source piece.
    """

    __slots__ = ("_plain", "_source", "_length", "_srclen", "_source_len")

    def __init__(self, segments: "list[tuple[int, int, int]] | list[tuple[int, int, int, int]]",
                 source_length: int) -> None:
        segs = sorted((s[0], s[1], s[2], s[3] if len(s) > 3 else s[2]) for s in segments if s[2] > 0)
        self._plain = [s[0] for s in segs]
        self._source = [s[1] for s in segs]
        self._length = [s[2] for s in segs]
        self._srclen = [s[3] for s in segs]
        self._source_len = source_length

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([(0, 0, length)], length)

    def segments(self) -> list[tuple[int, int, int, int]]:
        """The segments ``(plain_start, source_start, length, source_length)``, sorted (for tests)."""
        return list(zip(self._plain, self._source, self._length, self._srclen))

    def to_source(self, offset: int, *, end: bool = False) -> int:
        """Source offset of plain-text ``offset``.

        With ``end=True`` the offset is an exclusive end: an end that falls just after a copied
        segment stays there instead of jumping to the next segment.
        """
        if not self._plain:
            return 0
        probe = offset - 1 if end and offset > 0 else offset
        i = bisect.bisect_right(self._plain, probe) - 1
        if i >= 0 and probe < self._plain[i] + self._length[i]:
            if self._srclen[i] == self._length[i]:
                return self._source[i] + (offset - self._plain[i])
            # replaced text: a start maps to the start of the source piece, an end to its end
            return self._source[i] + self._srclen[i] if end else self._source[i]
        # inserted character: snap to the start of the next copied segment (or end of the source)
        if end and i >= 0:
            return self._source[i] + self._srclen[i]
        nxt = i + 1
        if nxt < len(self._plain):
            return self._source[nxt]
        return self._source_len


class LineIndex:
    """Converts source offsets into 1-based (line, column) pairs."""

    __slots__ = ("_starts",)

    def __init__(self, source: str) -> None:
        # a line ends at "\n", "\r\n" or a lone "\r" (old Mac files), as in the Markdown reader
        self._starts = [0] + [m.end() for m in _LINE_END.finditer(source)]

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]


@dataclass(frozen=True)
class Block:
    """A block of the plain text: heading, paragraph, list item, table cell, ..."""

    kind: str  # "heading" | "paragraph" | "list_item" | "table_cell" | "quote"
    start: int  # plain-text offsets
    end: int
    level: int = 0  # heading level (1-6), list depth; 0 otherwise


@dataclass(frozen=True)
class Directive:
    """An inline instruction to helder in the source, e.g. ``<!-- helder: uit -->`` (issue 5)."""

    action: str  # "off" | "on" | "ignore-next"
    codes: tuple[str, ...]  # empty: all rules
    source_offset: int
    plain_offset: int


@dataclass(frozen=True)
class Document:
    """A text ready for analysis: original source, plain text and the map between them."""

    path: str  # the file path, or "-" for standard input
    format: str  # "text" | "markdown" | "html"
    source: str  # the decoded original
    text: str  # plain text that is analysed
    offsets: OffsetMap = field(repr=False, compare=False)
    blocks: tuple[Block, ...] = ()
    encoding: str = "utf-8"
    directives: tuple[Directive, ...] = ()
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lines", LineIndex(self.source))

    def source_offset(self, plain_offset: int, *, end: bool = False) -> int:
        return self.offsets.to_source(plain_offset, end=end)

    def span(self, start: int, end: int) -> Span:
        """The source :class:`Span` of plain-text characters ``[start, end)``."""
        s = self.offsets.to_source(start)
        e = max(s, self.offsets.to_source(end, end=True))
        lines: LineIndex = self._lines  # type: ignore[attr-defined]
        line, col = lines.line_col(s)
        end_line, end_col = lines.line_col(e)
        return Span(s, e, line, col, end_line, end_col)

    def source_line(self, line: int) -> str:
        """The text of 1-based source line ``line`` without its newline (for the ``full`` format)."""
        lines: LineIndex = self._lines  # type: ignore[attr-defined]
        start = lines.line_start(line)
        m = _LINE_END.search(self.source, start)
        return self.source[start : m.start() if m else len(self.source)]

    def block_at(self, plain_offset: int) -> Block | None:
        """The first block (in ``blocks`` order) that holds ``plain_offset``; a bisect search when the
        blocks are sorted and do not overlap (as every reader makes them), else a scan."""
        starts = self.__dict__.get("_block_starts")
        if starts is None:
            blocks = self.blocks
            ordered = all(a.end <= b.start and a.start <= a.end for a, b in zip(blocks, blocks[1:]))
            starts = [b.start for b in blocks] if ordered else []
            object.__setattr__(self, "_block_starts", starts)
        if starts:
            i = bisect.bisect_right(starts, plain_offset) - 1
            if i >= 0 and plain_offset < self.blocks[i].end:
                return self.blocks[i]
            return None
        for b in self.blocks:
            if b.start <= plain_offset < b.end:
                return b
        return None
