"""Markdown: the text a reader sees, block by block, with exact positions in the source.

``markdown-it-py`` (CommonMark, plus tables and strikethrough) finds the block structure and the
inline tokens. This module maps every piece of text back to the source itself: it lines up the
content of each block with its source lines and walks the inline tokens with a cursor. Emphasis
markers, heading ``#``s, list bullets, ``>`` and table pipes are left out; so are code (fenced,
indented, inline), front matter, template tags of site generators (``{{< shortcode >}}``, ``{% if %}``),
HTML tags, link targets and images. HTML blocks are read with the
HTML reader (visible text only). Comments such as ``<!-- helder: uit -->`` become directives.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterator

from ..errors import HelderError
from .html import extract_html
from .text import TextBuilder, line_ranges, read_text

_FENCE_LINE = re.compile(r"[ \t>]*(`{3,}|~{3,})[ \t]*")
_YAML_KEY = re.compile(r"[ \t]*[\w\"'-][^:\n]*:(\s|$)")
_TOML_KEY = re.compile(r"[ \t]*(\[[^\]\n]+\]|[\w\"'.-]+[ \t]*=)")
_BR_TAG = re.compile(r"<br\s*/?>|</br\s*>", re.IGNORECASE)


# -- content maps: index in a token's content -> offset in the source ---------------------------

class _LineMap:
    """Content that is a list of source lines (or line ends), joined with "\\n"."""

    def __init__(self, content_starts: list[int], source_starts: list[int], lengths: list[int]):
        self._c = content_starts
        self._s = source_starts
        self._n = lengths

    def __call__(self, i: int) -> int:
        j = max(bisect.bisect_right(self._c, i) - 1, 0)
        return self._s[j] + (i - self._c[j])

    def line_starts(self) -> list[int]:
        """Source offset where each content line starts."""
        return list(self._s)

    def runs(self, i: int, j: int) -> Iterator[tuple[int, int]]:
        """Source ranges of content ``[i, j)``, one per line."""
        k = max(bisect.bisect_right(self._c, i) - 1, 0)
        while i < j and k < len(self._c):
            line_end = self._c[k] + self._n[k]
            stop = min(j, line_end)
            if stop > i:
                yield self(i), self(i) + (stop - i)
            i = max(stop, line_end + 1)  # skip the "\n" between lines
            k += 1


class _ArrayMap:
    """Content whose characters map one by one (a table cell with escaped pipes)."""

    def __init__(self, positions: list[int]):
        self._p = positions

    def __call__(self, i: int) -> int:
        if i < len(self._p):
            return self._p[i]
        return self._p[-1] + 1 if self._p else 0

    def runs(self, i: int, j: int) -> Iterator[tuple[int, int]]:
        j = min(j, len(self._p))
        while i < j:
            k = i + 1
            while k < j and self._p[k] == self._p[k - 1] + 1:
                k += 1
            yield self._p[i], self._p[k - 1] + 1
            i = k


def _align_line(source: str, start: int, end: int, piece: str) -> int:
    """Source offset where content line ``piece`` starts within the source line ``[start, end)``."""
    line = source[start:end]
    if line.endswith(piece):
        return end - len(piece)
    trimmed = line.rstrip(" \t")
    if trimmed.endswith(piece):
        return start + len(trimmed) - len(piece)
    k = line.rfind(piece)
    if k >= 0:
        return start + k
    # a tab partly used as indentation comes back as more spaces at the start of the content:
    # line up the rest; those spaces (never copied as text) may then map before the line
    rest = piece.lstrip(" ")
    k = line.rfind(rest) if rest else -1
    if k >= 0:
        return max(0, start + k - (len(piece) - len(rest)))
    return start


def _trim_chars() -> str:
    try:
        from markdown_it.common.utils import MD_TRIM_CHARS
    except ImportError:  # pragma: no cover - older markdown-it-py
        return " \t\n\r\f\v\u00a0"
    return MD_TRIM_CHARS


def _line_map(source: str, lines: list[tuple[int, int]], block: list[int], content: str) -> _LineMap:
    """Map the content of a block spanning source lines ``block`` (markdown-it's ``map``)."""
    first_line, end_line = block[0], min(block[1], len(lines))
    # markdown-it trims the content of a block: lines with only whitespace (a form feed, a
    # no-break space) at its start are gone, so the content may start on a later line. The first
    # content line ends its source line (perhaps before trailing whitespace).
    trim = _trim_chars()
    head = content.split("\n", 1)[0]
    for k in range(first_line, end_line):
        line = source[lines[k][0]:lines[k][1]]
        if line.endswith(head) or line.rstrip(trim).endswith(head.rstrip(trim)):
            first_line = k
            break
    c_starts, s_starts, lengths = [], [], []
    pos = 0
    for j, piece in enumerate(content.split("\n")):
        li = first_line + j
        if li < len(lines):
            s = _align_line(source, lines[li][0], lines[li][1], piece)
        else:
            s = lines[-1][1] if lines else 0
        c_starts.append(pos)
        s_starts.append(s)
        lengths.append(len(piece))
        pos += len(piece) + 1
    return _LineMap(c_starts, s_starts, lengths)


def _cell_map(source: str, start: int, end: int, cursor: int, content: str) -> tuple[Any, int]:
    """Map a table cell's content to the row ``[start, end)``, searching from ``cursor``.

    markdown-it turns ``\\|`` into ``|`` in cell content, so a pipe may stand for two source chars.
    """
    parts = content.split("|")
    pattern = r"\\?\|".join(re.escape(p) for p in parts)
    m = re.compile(pattern).search(source, max(cursor, start), end) if content else None
    if not m:
        k = source.find(content, start, end) if content else -1
        base = k if k >= 0 else start
        return _ArrayMap(list(range(base, base + len(content)))), cursor
    positions = []
    s = m.start()
    for ch in content:
        if ch == "|" and source[s] == "\\":
            s += 1
        positions.append(s)
        s += 1
    return _ArrayMap(positions), m.end()


# -- inline tokens --------------------------------------------------------------------------------

def _matching_bracket(s: str, i: int) -> int:
    """Index of the "]" that closes the "[" at ``i`` (or -1)."""
    depth = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _skip_link_tail(s: str, i: int) -> int:
    """Skip the destination of a link or image that ends at ``i``: ``(url "title")`` or ``[ref]``."""
    n = len(s)
    if i < n and s[i] == "(":
        j = i + 1
        while j < n and s[j] in " \t\n":
            j += 1
        if j < n and s[j] == "<":
            k = s.find(">", j)
            j = k + 1 if k >= 0 else n
        else:
            depth = 0
            while j < n:
                c = s[j]
                if c == "\\":
                    j += 2
                    continue
                if c in " \t\n":
                    break
                if c == "(":
                    depth += 1
                elif c == ")":
                    if depth == 0:
                        break
                    depth -= 1
                j += 1
        while j < n and s[j] in " \t\n":
            j += 1
        if j < n and s[j] in "\"'(":
            close = ")" if s[j] == "(" else s[j]
            j += 1
            while j < n and s[j] != close:
                j += 2 if s[j] == "\\" else 1
            j += 1
            while j < n and s[j] in " \t\n":
                j += 1
        if j < n and s[j] == ")":
            return j + 1
        k = s.find(")", i)
        return k + 1 if k >= 0 else i
    if i < n and s[i] == "[":
        k = s.find("]", i + 1)
        return k + 1 if k >= 0 else i
    return i


def _closing_backticks(s: str, i: int, count: int) -> int:
    """Start of the next run of exactly ``count`` backticks at or after ``i`` (or -1)."""
    n = len(s)
    while True:
        j = s.find("`", i)
        if j < 0:
            return -1
        k = j
        while k < n and s[k] == "`":
            k += 1
        if k - j == count:
            return j
        i = k


def _emit_inline(b: TextBuilder, content: str, cmap: Any, children: list[Any]) -> None:
    """Map the inline tokens of one block back to ``content``: words as text, markup left out."""
    _InlineWalk(b, content, cmap).walk(children)


class _InlineWalk:
    """Finds each inline token of markdown-it in the source of its block, from left to right.

    ``cur`` is the position in ``content`` up to which the tokens have been matched, ``safe`` the last
    position known for certain (before a guessed skip, such as the tail of a link).
    """

    def __init__(self, b: TextBuilder, content: str, cmap: Any) -> None:
        self.b, self.content, self.cmap = b, content, cmap
        self.cur = 0
        self.safe = 0
        self.in_autolink = False

    def walk(self, children: list[Any]) -> None:
        for tok in children:
            handler = self._HANDLERS.get(tok.type)
            if handler is not None:
                handler(self, tok)
            elif tok.markup and (tok.type.endswith("_open") or tok.type.endswith("_close")):
                self.marker(tok)

    def text(self, tok: Any) -> None:
        piece = tok.content
        if self.in_autolink or not piece:
            return
        i = self.content.find(piece, self.cur)
        if i < 0:
            i = self.content.find(piece, self.safe)
            if i < 0:
                return
        for s, e in self.cmap.runs(i, i + len(piece)):
            self.b.text(s, e)
        self.cur = self.safe = i + len(piece)

    def text_special(self, tok: Any) -> None:
        markup = tok.markup or tok.content
        i = self.content.find(markup, self.cur)
        if i < 0 or self.in_autolink:
            return
        s, e = self.cmap(i), self.cmap(i + len(markup) - 1) + 1
        if tok.content == markup:
            self.b.text(s, e)
        else:
            self.b.replace(tok.content, s, e)
        self.cur = self.safe = i + len(markup)

    def line_break(self, tok: Any) -> None:
        i = self.content.find("\n", self.cur)
        if i >= 0:
            s = self.cmap(i)
            self.b.space(s, s + 1, newline=(tok.type == "hardbreak"))
            self.cur = self.safe = i + 1

    def code_inline(self, tok: Any) -> None:
        i = self.content.find(tok.markup, self.cur)
        if i >= 0:
            close = _closing_backticks(self.content, i + len(tok.markup), len(tok.markup))
            self.cur = self.safe = (close + len(tok.markup)) if close >= 0 else i + len(tok.markup)
            self.b.dropped()

    def html_inline(self, tok: Any) -> None:
        html = tok.content
        i = self.content.find(html, self.cur)
        if i < 0:
            return
        start = self.cmap(i)
        if html.startswith("<!--"):
            self.b.comment(html[4:-3] if html.endswith("-->") else html[4:], start)
        elif _BR_TAG.fullmatch(html):
            self.b.space(start, start + len(html), newline=True)
        else:
            self.b.dropped()
        self.cur = self.safe = i + len(html)

    def image(self, tok: Any) -> None:  # noqa: ARG002 - a handler of the table below
        i = self.content.find("![", self.cur)
        if i >= 0:
            j = _matching_bracket(self.content, i + 1)
            self.safe = i
            self.cur = _skip_link_tail(self.content, j + 1) if j >= 0 else i + 2
            self.b.dropped()

    def link_open(self, tok: Any) -> None:
        if tok.markup == "autolink" or tok.info == "auto":
            self.in_autolink = True
            i = self.content.find("<", self.cur)
        else:
            i = self.content.find("[", self.cur)
        if i >= 0:
            self.cur = self.safe = i + 1

    def link_close(self, tok: Any) -> None:  # noqa: ARG002 - a handler of the table below
        if self.in_autolink:
            self.in_autolink = False
            j = self.content.find(">", self.cur)
            if j >= 0:
                self.cur = self.safe = j + 1
        else:
            j = self.content.find("]", self.cur)
            if j >= 0:
                self.safe = j + 1
                self.cur = _skip_link_tail(self.content, j + 1)

    def marker(self, tok: Any) -> None:
        """Emphasis, strong, strikethrough: leave the markers out."""
        i = self.content.find(tok.markup, self.cur)
        if i >= 0:
            self.cur = self.safe = i + len(tok.markup)

    _HANDLERS = {"text": text, "text_special": text_special, "softbreak": line_break, "hardbreak": line_break,
                 "code_inline": code_inline, "html_inline": html_inline, "image": image,
                 "link_open": link_open, "link_close": link_close}


# -- blocks ---------------------------------------------------------------------------------------

def _front_matter_lines(source: str, lines: list[tuple[int, int]]) -> int:
    """Number of lines of YAML (``---``) or TOML (``+++``) front matter at the top; 0 if none."""
    if not lines:
        return 0
    first = source[lines[0][0]:lines[0][1]].rstrip()
    if first == "---":
        closers, key = ("---", "..."), _YAML_KEY
    elif first == "+++":
        closers, key = ("+++",), _TOML_KEY
    else:
        return 0
    seen_key = False
    for k in range(1, len(lines)):
        line = source[lines[k][0]:lines[k][1]]
        if line.rstrip() in closers:
            return k + 1
        if line.strip() and not seen_key:
            if not key.match(line):
                return 0  # a thematic break followed by text, not front matter
            seen_key = True
    return 0


def _masked(source: str, lines: list[tuple[int, int]], count: int) -> str:
    """The source with the first ``count`` lines blanked out (same length, same line endings)."""
    if not count:
        return source
    end = lines[count - 1][1]
    return re.sub(r"[^\r\n]", " ", source[:end]) + source[end:]


#: Template tags of static site generators (Hugo shortcodes ``{{< alert >}}``/``{{% note %}}``, Jekyll/Liquid
#: and Jinja ``{% if %}``, ``{{ page.title }}``, ``{# comment #}``): markup, not text. One line at most.
_TEMPLATE_TAG = re.compile(r"\{\{[<%].*?[%>]\}\}|\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}")


def _mask_templates(text: str) -> str:
    """Blank out template tags (same length, so offsets still point into the source)."""
    if "{" not in text:
        return text
    return _TEMPLATE_TAG.sub(lambda m: " " * len(m.group(0)), text)


def _parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.disable("text_join")  # keep escapes and entities as separate tokens, with their source form
    return md


def _unclosed_fence(source: str, lines: list[tuple[int, int]], tok: Any) -> bool:
    start, end = tok.map
    if end < len(lines):
        return False
    last = end - 1
    if last <= start:
        return True
    m = _FENCE_LINE.fullmatch(source[lines[last][0]:lines[last][1]])
    return not (m and m.group(1)[0] == tok.markup[0] and len(m.group(1)) >= len(tok.markup))


def _context(containers: list[str], list_depth: int) -> tuple[str, int]:
    """Block kind and level of a paragraph in the innermost container."""
    inner = containers[-1] if containers else None
    if inner == "item":
        return "list_item", max(list_depth, 1)
    if inner == "quote":
        return "quote", 0
    return "paragraph", 0


def _html_block(b: TextBuilder, source: str, lines: list[tuple[int, int]], tok: Any,
                nested: bool, kind: tuple[str, int]) -> None:
    """Read an HTML block with the HTML reader; in a quote or list, blank out the ``>`` and
    indentation before each line first, so they do not read as text."""
    first, last = tok.map[0], min(tok.map[1], len(lines)) - 1
    start, end = lines[first][0], lines[last][1]
    view = b.source[start:end]  # the original (with a NUL, not markdown-it's U+FFFD)
    if nested:
        cmap = _line_map(source, lines, tok.map, tok.content.rstrip("\n"))
        chars = list(view)
        for j, line_start in enumerate(cmap.line_starts()):
            if first + j > last:
                break
            for k in range(lines[first + j][0], max(line_start, lines[first + j][0])):
                chars[k - start] = " "
        view = "".join(chars)
    extract_html(b, start, end, view, default_kind=kind)


def _walk(b: TextBuilder, source: str, lines: list[tuple[int, int]], tokens: list[Any]) -> None:
    """Write the text of markdown-it ``tokens`` into ``b``; ``source`` is the text that was parsed."""
    containers: list[str] = []  # "quote" | "item"
    list_depth = 0
    row: tuple[int, int] | None = None
    row_cursor = 0
    in_cell = False
    for tok in tokens:
        t = tok.type
        if t == "blockquote_open":
            containers.append("quote")
        elif t == "blockquote_close":
            if containers:
                containers.pop()
        elif t in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_depth = max(list_depth - 1, 0)
        elif t == "list_item_open":
            containers.append("item")
        elif t == "list_item_close":
            if containers:
                containers.pop()
        elif t == "heading_open":
            b.boundary()
            b.set_kind("heading", int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1)
        elif t == "paragraph_open":
            b.boundary()
            b.set_kind(*_context(containers, list_depth))
        elif t == "tr_open":
            if tok.map and tok.map[0] < len(lines):
                row = lines[tok.map[0]]
                row_cursor = row[0]
        elif t in ("th_open", "td_open"):
            b.boundary()
            b.set_kind("table_cell")
            in_cell = True
        elif t in ("th_close", "td_close"):
            b.boundary()
            in_cell = False
        elif t in ("heading_close", "paragraph_close", "hr"):
            b.boundary()
        elif t == "inline":
            content = tok.content or ""
            if not content:
                continue
            if in_cell and row is not None:
                cmap, row_cursor = _cell_map(source, row[0], row[1], row_cursor, content)
            elif tok.map:
                cmap = _line_map(source, lines, tok.map, content)
            else:
                continue
            _emit_inline(b, content, cmap, tok.children or [])
        elif t == "html_block":
            b.boundary()
            if tok.map and tok.content.strip():
                _html_block(b, source, lines, tok, bool(containers), _context(containers, list_depth))
            b.boundary()
        elif t in ("fence", "code_block"):
            b.boundary()
            if t == "fence" and tok.map and _unclosed_fence(source, lines, tok):
                b.warnings.append(
                    f"Het codeblok op regel {tok.map[0] + 1} is niet afgesloten met {tok.markup}. "
                    "helder slaat daarom de rest van de tekst over.")


def read_markdown(source: str) -> TextBuilder:
    """A Markdown text: the visible text, one block per heading, paragraph, list item, cell."""
    lines = line_ranges(source)
    front = _front_matter_lines(source, lines)
    try:
        # the text markdown-it sees: front matter blanked out, NUL as U+FFFD (as markdown-it does
        # itself); same length and lines as the source, so token content lines up with both
        seen = _mask_templates(_masked(source, lines, front).replace("\0", "\ufffd"))
        tokens = _parser().parse(seen)
        # the builder copies text from the source with template tags blanked out (same offsets)
        b = TextBuilder(_mask_templates(source))
        _walk(b, seen, lines, tokens)
        return b
    except HelderError:
        raise  # a limit or the time budget, not odd Markdown
    except Exception:  # noqa: BLE001 - never fail on odd Markdown: read it as plain text instead
        b = read_text(source)
        b.warnings.append("helder kon de Markdown-opmaak niet goed lezen en heeft de tekst "
                          "als gewone tekst gelezen.")
        return b
