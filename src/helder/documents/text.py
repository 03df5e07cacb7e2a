"""Plain text: paragraphs split on blank lines, list items on their own; plus the shared TextBuilder.

:class:`TextBuilder` is what every reader uses to write the plain text. A reader tells it which source
ranges are visible text (``text``), which source pieces stand for other characters (``replace``, e.g.
``&eacute;``), where word gaps and line breaks are (``space``) and where blocks end (``boundary``). The
builder collapses whitespace, drops invisible characters, applies Unicode NFC piece by piece and keeps
an exact :class:`~helder.documents.base.OffsetMap` while doing so.
"""

from __future__ import annotations

import re
import unicodedata

from .base import Block, Directive, OffsetMap

# Characters that separate words. Runs of them become one space in the plain text.
_SPACE_CHARS = " \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Characters a reader does not see: soft hyphen, zero-width space, word joiner, byte order mark.
_INVISIBLE_CHARS = "\u00ad\u200b\u2060\ufeff"
_RUNS = re.compile(f"([{_SPACE_CHARS}]+)|([{_INVISIBLE_CHARS}]+)")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]+")
_ONLY_SPACE = re.compile(f"[{_SPACE_CHARS}]+")
_COMPLEX = re.compile(f"[{_SPACE_CHARS[1:]}{_INVISIBLE_CHARS}]|  ")  # anything but single spaces

_CLOSING_PUNCTUATION = frozenset(".,;:!?)]}\u00bb\u201d\u2019")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# <!-- helder: uit ZB001 WK -->; the body of the comment, without <!-- and -->
_DIRECTIVE = re.compile(r"\s*helder\s*:\s*(?P<verb>[^\s,]*)(?P<rest>.*)", re.IGNORECASE | re.DOTALL)
_VERBS = {"uit": "off", "off": "off", "aan": "on", "on": "on",
          "negeer": "ignore-next", "ignore": "ignore-next", "ignore-next": "ignore-next"}
_CODE_LIKE = re.compile(r"[A-Za-z]{1,6}\d{0,4}")


def line_ranges(source: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, without its line ending ("\\n", "\\r\\n" or a lone "\\r").

    The same lines as Markdown parsers and :class:`~helder.documents.base.LineIndex` count.
    """
    out: list[tuple[int, int]] = []
    n = len(source)
    for m in _LINE.finditer(source):
        s = m.start()
        if s == n and out:
            break  # the empty match at the very end, after the last line ending
        e = m.end()
        if source.endswith("\r\n", s, e):
            e -= 2
        elif e > s and source[e - 1] in "\r\n":
            e -= 1
        out.append((s, e))
        if m.end() == n:
            break
    return out


def parse_directive(body: str) -> tuple[str, tuple[str, ...]] | str | None:
    """Read the body of an HTML comment as an instruction to helder.

    Returns ``(action, codes)`` for ``helder: uit|aan|negeer [CODES]``, the unknown word (a str) for
    ``helder: iets-anders``, and None for a comment that is not meant for helder.
    """
    m = _DIRECTIVE.match(body)
    if not m:
        return None
    verb = m.group("verb").lower()
    action = _VERBS.get(verb)
    if action is None:
        return verb
    codes = []
    for word in re.split(r"[\s,;]+", m.group("rest").strip()):
        if word:
            codes.append(word.upper() if _CODE_LIKE.fullmatch(word) else word)
    return action, tuple(codes)


#: A block longer than this many characters is cut at its next word gap into blocks of this size:
#: no paragraph is that long (about 15,000 words), and the sentence splitter and parser then never
#: get one piece of text of megabytes (a one-line HTML page, a text without blank lines).
MAX_BLOCK_CHARS = 100_000


class TextBuilder:
    """Writes the plain text of a document and the offset map back to its source."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.warnings: list[str] = []
        self._parts: list[str] = []
        self._segments: list[list[int]] = []  # [plain_start, source_start, length, source_length]
        self._len = 0
        self._blocks: list[Block] = []
        self._kind, self._level = "paragraph", 0
        self._open = False  # the current block has text
        self._open_kind, self._open_level, self._open_start = "paragraph", 0, 0
        self._gap: list | None = None  # pending whitespace: [text, source_start, source_end]
        self._dropped = False  # something not-text (inline code, a picture) was left out just now
        self._directives: list[list] = []  # [action, codes, source_offset, plain_offset | None]
        self._waiting: list[list] = []

    # -- state -------------------------------------------------------------------------------
    @property
    def length(self) -> int:
        """Length of the plain text written so far (without a pending space)."""
        return self._len

    @property
    def in_block(self) -> bool:
        return self._open

    def set_kind(self, kind: str, level: int = 0) -> None:
        """Kind and level of the *next* block that gets text."""
        self._kind, self._level = kind, level

    def boundary(self) -> None:
        """End the current block: the next text starts a new block, after a blank line."""
        if self._open:
            self._blocks.append(Block(self._open_kind, self._open_start, self._len, self._open_level))
            self._open = False
        self._gap = None

    # -- writing -----------------------------------------------------------------------------
    def text(self, start: int, end: int) -> None:
        """Copy visible source text ``[start, end)``."""
        if start >= end:
            return
        src = self.source
        while end - start > MAX_BLOCK_CHARS:  # a very long run of text: in pieces, so blocks can end
            cut = src.rfind(" ", start + 1, start + MAX_BLOCK_CHARS)
            if cut < 0:
                break  # one huge word: copied whole
            self.text(start, cut)
            self.space(cut, cut + 1)
            start = cut + 1
        # fast path for the common case: words with single spaces, perhaps one space around them
        trailing = src[end - 1] == " "
        inner_start, inner_end = start + (src[start] == " "), end - trailing
        if (inner_start < inner_end and src[inner_start] != " " and src[inner_end - 1] != " "
                and not _COMPLEX.search(src, inner_start, inner_end)):
            if inner_start > start:
                self.space(start, inner_start)
            self._visible(inner_start, inner_end)
            if trailing:
                self.space(inner_end, end)
            return
        pos = start
        for m in _RUNS.finditer(src, start, end):
            if m.start() > pos:
                self._visible(pos, m.start())
            if m.group(1) is not None:
                self.space(m.start(), m.end())
            pos = m.end()
        if pos < end:
            self._visible(pos, end)

    def replace(self, text: str, start: int, end: int) -> None:
        """Write ``text`` for source ``[start, end)`` (a character reference, an escaped character)."""
        if not text:
            return
        if _ONLY_SPACE.fullmatch(text):
            self.space(start, end)
            return
        text = _INVISIBLE.sub("", text)
        if not text:
            return
        self._begin(text[0])
        self._append(unicodedata.normalize("NFC", text), start, end - start)

    def space(self, start: int, end: int, newline: bool = False) -> None:
        """A word gap (or, with ``newline``, a line break) at source ``[start, end)``.

        Written only when more text follows in the same block; several gaps in a row become one.
        """
        if not self._open:
            return
        if self._len - self._open_start >= MAX_BLOCK_CHARS:
            self.boundary()  # see MAX_BLOCK_CHARS: the next word starts a new block
            return
        if self._gap is None:
            self._gap = ["\n" if newline else " ", start, max(end, start)]
        elif newline:
            self._gap[0] = "\n"

    def dropped(self) -> None:
        """The reader left something out here (inline code, a picture).

        A space before it is then not written when punctuation follows: "via `iDEAL`." gives
        "via." and not "via .".
        """
        self._dropped = True

    def comment(self, body: str, source_offset: int) -> None:
        """An HTML comment at ``source_offset``: record it when it is an instruction to helder."""
        parsed = parse_directive(body)
        if parsed is None:
            return
        if isinstance(parsed, str):
            line = len(_LINE_BREAK.findall(self.source, 0, source_offset)) + 1
            self.warnings.append(
                f"Regel {line}: helder kent de opdracht '{parsed}' niet. Gebruik uit, aan of negeer.")
            return
        action, codes = parsed
        entry = [action, codes, source_offset, None]
        self._directives.append(entry)
        self._waiting.append(entry)

    def finish(self) -> tuple[str, OffsetMap, tuple[Block, ...], tuple[Directive, ...]]:
        self.boundary()
        for entry in self._waiting:
            entry[3] = self._len
        self._waiting = []
        text = "".join(self._parts)
        offsets = OffsetMap([tuple(s) for s in self._segments], len(self.source))
        directives = tuple(Directive(a, c, s, p) for a, c, s, p in self._directives)
        return text, offsets, tuple(self._blocks), directives

    # -- internals ---------------------------------------------------------------------------
    def _begin(self, first: str = "") -> None:
        """Prepare to write visible text (starting with ``first``): open a block or write the gap."""
        if not self._open:
            if self._len:
                self._parts.append("\n\n")  # inserted: maps to the next copied character
                self._len += 2
            self._open = True
            self._open_kind, self._open_level, self._open_start = self._kind, self._level, self._len
            self._gap = None
        elif self._gap is not None:
            text, s, e = self._gap
            self._gap = None
            if not (self._dropped and first in _CLOSING_PUNCTUATION):
                self._append(text, s, e - s)
        self._dropped = False
        if self._waiting:
            for entry in self._waiting:
                entry[3] = self._len
            self._waiting = []

    def _visible(self, start: int, end: int) -> None:
        self._begin(self.source[start])
        piece = self.source[start:end]
        if piece.isascii() or unicodedata.is_normalized("NFC", piece):
            self._append(piece, start, end - start)
            return
        # compose piece by piece (a base character with its combining marks), so that every
        # changed piece maps to exactly the source characters it came from
        i, n = 0, len(piece)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(piece[j]):
                j += 1
            chunk = piece[i:j]
            self._append(unicodedata.normalize("NFC", chunk), start + i, j - i)
            i = j

    def _append(self, text: str, source_start: int, source_length: int) -> None:
        n = len(text)
        if n == 0:
            return
        segs = self._segments
        if segs and n == source_length:
            last = segs[-1]
            if (last[2] == last[3] and last[0] + last[2] == self._len
                    and last[1] + last[3] == source_start):
                last[2] += n
                last[3] += n
                self._parts.append(text)
                self._len += n
                return
        segs.append([self._len, source_start, n, source_length])
        self._parts.append(text)
        self._len += n


# -- the plain text reader ------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"([ \t]*)(?:[-*+\u2022\u25e6\u25aa\u00b7\u2013]|\d{1,3}[.)])[ \t]+(?=\S)")
_COMMENT_LINE = re.compile(r"[ \t]*<!--(.*?)-->[ \t]*")
_SENTENCE_END = re.compile(r"[.!?:;][\"'\u201d\u2019)]*$")


def _indent_width(prefix: str) -> int:
    width = 0
    for ch in prefix:
        width += 4 - width % 4 if ch == "\t" else 1
    return width


SHORT_LINE = 40  # characters: a shorter line followed by more text ends with a deliberate line break


def read_text(source: str) -> TextBuilder:
    """Plain text: blank lines separate paragraphs; a line that looks like a list item is its own block.

    Single line breaks inside a paragraph (hard-wrapped text) become spaces, except after a line
    shorter than :data:`SHORT_LINE` characters: that break is kept, so the lines of an address or a
    "Datum: … / Tijd: …" block do not run together into one sentence. A line that holds only a
    helder comment (``<!-- helder: uit -->``) is an instruction, not text.
    """
    b = TextBuilder(source)
    in_item = False
    prev_line = ""
    prev_end = 0
    for start, end in line_ranges(source):
        line = source[start:end]
        stripped = line.strip()
        if not stripped:
            b.boundary()
            in_item = False
            prev_line = ""
            continue
        cm = _COMMENT_LINE.fullmatch(line)
        if cm and parse_directive(cm.group(1)) is not None:
            b.comment(cm.group(1), start + line.index("<!--"))
            continue
        lm = _LIST_ITEM.match(line)
        if lm:
            b.boundary()
            b.set_kind("list_item", 1 + _indent_width(lm.group(1)) // 2)
            b.text(start + lm.end(), end)
            in_item = True
        else:
            if in_item and not line[:1].isspace() and (
                    _SENTENCE_END.search(prev_line.rstrip()) or stripped[:1].isupper()):
                # a new paragraph right after a list, without a blank line in between
                b.boundary()
                in_item = False
            if not b.in_block:
                b.set_kind("paragraph")
            else:
                # a line break inside a paragraph: a space when the text was hard-wrapped, but a
                # real break after a short line (an address, "Datum: 3 mei", a table of contents)
                short = len(prev_line.strip()) < SHORT_LINE
                b.space(prev_end, start, newline=short)
            b.text(start, end)
        prev_line, prev_end = line, end
    return b
