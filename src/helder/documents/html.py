"""HTML: the visible text of a page, block by block, with exact positions in the source.

Uses the standard library's :class:`html.parser.HTMLParser` (tolerant: unclosed tags, stray end tags
and other broken HTML never raise). Text inside ``script``, ``style``, ``head``/``title``, ``template``,
``noscript``, code (``pre``, ``code``, ``kbd``, ``samp``) and hidden elements (``hidden``,
``aria-hidden="true"``, ``style="display: none"``) is skipped. In a page (an ``.html`` file, not
HTML inside Markdown) navigation menus (``nav``) are skipped, and when the page has a ``main`` element
(or ``role="main"``) only the text inside it is read: headers, footers, cookie banners and side
menus around it are not the writer's text. Block elements start a new block;
inline elements (``a``, ``em``, ``strong``, ``span``) do not break the text. A character reference
(``&amp;``, ``&eacute;``, ``&#233;``) becomes one character that maps to the whole reference.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from ..errors import HelderError, InputError
from .text import TextBuilder

#: Open elements deeper than this do not nest further (their tags still end blocks); keeps the cost
#: of every tag bounded for pages nested thousands deep.
MAX_DEPTH = 256
#: A page with more tags and character references than this (plus one per 20 characters of the
#: page) is refused: it is data, not a text. See :func:`markup_budget`.
MAX_ELEMENTS = 100_000


def markup_budget(source: str, per: int = 20) -> int:
    """How many tags, references or other markup pieces a text of this size may hold: MAX_ELEMENTS
    plus one per ``per`` characters (HTML: 20; a real page has one tag per 30 to 60 characters)."""
    return MAX_ELEMENTS + len(source) // per

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _HEADINGS | {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    "option", "optgroup", "frameset", "noframes",
}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
         "param", "source", "track", "wbr"}
# elements whose content a reader does not see (or that hold code, not prose)
_SKIP = {"script", "style", "template", "noscript", "head", "title", "svg", "math", "iframe",
         "object", "canvas", "select", "textarea", "audio", "video", "datalist",
         "pre", "code", "kbd", "samp", "xmp", "plaintext", "noembed"}
_HEAD_CONTENT = {"title", "meta", "link", "style", "script", "base", "noscript", "template"}
# a start tag of these closes an open <p> (as browsers do)
_CLOSES_P = {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
             "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "header",
             "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
             "table", "ul", "li", "dd", "dt"} | _HEADINGS
_P_SCOPE = {"button", "table", "td", "th", "caption", "html", "template", "object"}
_LISTS = {"ul", "ol", "menu", "dir"}

_REF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][-.A-Za-z0-9]*;?)")
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


_MAIN = re.compile(r"<main[\s>/]|\brole\s*=\s*[\"']?main\b", re.IGNORECASE)


def _hidden(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "aria-hidden" and (value or "").strip().lower() == "true":
            return True
        if name == "style" and value and _HIDING_STYLE.search(value):
            return True
    return False


class _Extractor(HTMLParser):
    """Feeds the visible text of ``source[start:end]`` into a :class:`TextBuilder`."""

    def __init__(self, builder: TextBuilder, default_kind: tuple[str, int] = ("paragraph", 0),
                 main_only: bool = False, skip: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=False)
        self._main_only = main_only  # a whole page with a <main>: only its text counts
        self._main_marks: list[int] = []  # stack indices of open main regions
        self._extra_skip = skip  # elements that are page chrome here (<nav>)
        self._default_kind = default_kind
        self.b = builder
        self.source = builder.source
        self._view = builder.source  # the text that is parsed (see run)
        self._view_base = 0
        self._base = 0
        self._line_starts = [0]
        self._stack: list[tuple[str, bool]] = []  # (tag, hides its content)
        self._open: dict[str, int] = {}  # tag -> how many are on the stack (skips useless scans)
        self._hiding = 0
        self._last_br = -1  # plain-text length at the last <br>
        self._elements = 0  # tags and character references seen (see markup_budget)
        self._budget = markup_budget(builder.source)

    def _count(self) -> None:
        self._elements += 1
        if self._elements > self._budget:
            raise InputError(f"er staan te veel HTML-tags en tekens als &amp;amp; in (meer dan {self._budget}). "
                             "helder leest zo'n pagina niet. Deel de tekst op in kleinere bestanden.")

    # -- running -------------------------------------------------------------------------------
    def run(self, start: int, end: int, view: str | None = None) -> None:
        """Parse ``source[start:end]``, or ``view`` in its place: a text of the same length in which
        some characters (the ``> `` of a Markdown quote) are blanked out."""
        if view is not None:
            self._view, self._view_base = view, start
        pos = start
        for _ in range(1000):  # each round skips at least one character
            fragment = self._view[pos - self._view_base:end - self._view_base]
            self.reset()
            self._base = pos
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", fragment)]
            try:
                self.feed(fragment)
                self.close()
                return
            except HelderError:
                raise  # a limit (see MAX_ELEMENTS), not a parse problem
            except Exception:  # noqa: BLE001 - a construct html.parser cannot handle
                # skip the construct where the parser stopped and go on with the rest
                failed = self._offset()
                nxt = self._view.find(">", failed + 1 - self._view_base, end - self._view_base)
                nxt = nxt + self._view_base if nxt >= 0 else -1
                pos = end if nxt < 0 else nxt + 1
                if pos >= end:
                    return

    def parse_html_declaration(self, i: int) -> int:
        # html.parser raises on e.g. "<![foo[": skip such a declaration up to its ">", as browsers do
        position = self.getpos()
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            self.lineno, self.offset = position  # the failed scan may have moved the position
            j = self.rawdata.find(">", i + 1)
            return -1 if j < 0 else j + 1

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._base + self._line_starts[line - 1] + col

    # -- structure -----------------------------------------------------------------------------
    def _pop_to(self, index: int) -> None:
        for tag, hides in self._stack[index:]:
            if hides:
                self._hiding -= 1
            self._open[tag] -= 1
        del self._stack[index:]
        while self._main_marks and self._main_marks[-1] >= index:
            self._main_marks.pop()

    @property
    def _invisible(self) -> bool:
        """Text here is not read: inside a skipped element, or outside <main> on a page that has one."""
        return bool(self._hiding) or (self._main_only and not self._main_marks)

    def _find_open(self, tags: set[str], scope: set[str]) -> int:
        """Index of the innermost open element in ``tags``, not looking past one in ``scope``."""
        if not any(self._open.get(t) for t in tags):
            return -1
        for i in range(len(self._stack) - 1, -1, -1):
            tag = self._stack[i][0]
            if tag in tags:
                return i
            if tag in scope:
                return -1
        return -1

    def _implicit_close(self, tag: str) -> None:
        if tag not in _HEAD_CONTENT:
            i = self._find_open({"head"}, set())
            if i >= 0:
                self._pop_to(i)
        if tag in _CLOSES_P:
            i = self._find_open({"p"}, _P_SCOPE)
            if i >= 0:
                self._pop_to(i)
        if tag == "li":
            i = self._find_open({"li"}, _LISTS)
        elif tag in ("dt", "dd"):
            i = self._find_open({"dt", "dd"}, {"dl"})
        elif tag == "tr":
            i = self._find_open({"tr"}, {"table", "thead", "tbody", "tfoot"})
        elif tag in ("td", "th"):
            i = self._find_open({"td", "th"}, {"tr", "table"})
        elif tag in ("thead", "tbody", "tfoot"):
            i = self._find_open({"thead", "tbody", "tfoot"}, {"table"})
        elif tag == "option":
            i = self._find_open({"option"}, {"select", "datalist"})
        else:
            i = -1
        if i >= 0:
            self._pop_to(i)

    def _set_kind(self) -> None:
        for tag, _hides in reversed(self._stack):
            if tag in _HEADINGS:
                self.b.set_kind("heading", int(tag[1]))
                return
            if tag == "li":
                depth = sum(1 for t, _ in self._stack if t in _LISTS)
                self.b.set_kind("list_item", max(depth, 1))
                return
            if tag in ("td", "th"):
                self.b.set_kind("table_cell")
                return
            if tag == "blockquote":
                self.b.set_kind("quote")
                return
        self.b.set_kind(*self._default_kind)

    def _line_break(self, start: int, end: int) -> None:
        if self._invisible:
            return
        if self.b.in_block and self.b.length == self._last_br:
            self.b.boundary()  # <br><br>: a new paragraph
        else:
            self.b.space(start, end, newline=True)
        self._last_br = self.b.length

    # -- parser callbacks ----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._count()
        self._implicit_close(tag)
        if tag == "br":
            start = self._offset()
            self._line_break(start, start + len(self.get_starttag_text() or "<br>"))
            return
        if tag in _VOID:
            if tag in _BLOCKS:
                self.b.boundary()
            elif not self._invisible:
                self.b.dropped()  # a picture or a form field: not text
            return
        hides = tag in _SKIP or tag in self._extra_skip or _hidden(attrs)
        if len(self._stack) >= MAX_DEPTH and not hides:
            if tag in _BLOCKS:  # too deep to nest: the tag still ends a block
                self.b.boundary()
            return
        if self._main_only and not hides and (tag == "main" or any(
                n == "role" and (v or "").strip().lower() == "main" for n, v in attrs)):
            self._main_marks.append(len(self._stack))
        self._stack.append((tag, hides))
        self._open[tag] = self._open.get(tag, 0) + 1
        if hides:
            self._hiding += 1
        if tag in _BLOCKS:
            self.b.boundary()
            self._set_kind()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self._count()
        if tag == "br":  # </br> works as <br> in browsers
            start = self._offset()
            self._line_break(start, start + 5)
            return
        for i in range(len(self._stack) - 1 if self._open.get(tag) else -1, -1, -1):
            if self._stack[i][0] == tag:
                was_hiding = self._hiding
                self._pop_to(i)
                if was_hiding and not self._hiding:
                    self.b.dropped()  # e.g. "Typ <code>ls</code>." gives "Typ." not "Typ ."
                break
        if tag in _BLOCKS:
            self.b.boundary()
            self._set_kind()

    def handle_data(self, data: str) -> None:
        if self._invisible or not data or data.startswith("<!"):
            return  # (an unclosed comment or declaration at the end comes back as data)
        start = self._offset()
        end = start + len(data)
        if self.source[start:end] == data:
            self.b.text(start, end)
            return
        # parsed from a view with blanked-out characters: copy what is the same, the rest are gaps
        pos = start
        for i, ch in enumerate(data, start):
            if i < len(self.source) and self.source[i] == ch:
                continue
            if pos < i:
                self.b.text(pos, i)
            if ch.isspace():
                self.b.space(i, i + 1)
            else:
                self.b.replace(ch, i, min(i + 1, len(self.source)))
            pos = i + 1
        if pos < end:
            self.b.text(pos, min(end, len(self.source)))

    def _reference(self) -> None:
        self._count()
        if self._invisible:
            return
        start = self._offset()
        m = _REF.match(self._view, start - self._view_base)
        if not m:
            return
        ref = m.group(0)
        decoded = unescape(ref)
        ref_start, ref_end = m.start() + self._view_base, m.end() + self._view_base
        if decoded == ref:
            self.b.text(ref_start, ref_end)
        else:
            self.b.replace(decoded, ref_start, ref_end)

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def handle_comment(self, data: str) -> None:
        self.b.comment(data, self._offset())


def extract_html(builder: TextBuilder, start: int = 0, end: int | None = None,
                 view: str | None = None, default_kind: tuple[str, int] = ("paragraph", 0),
                 page: bool = False) -> None:
    """Write the visible text of ``builder.source[start:end]`` (HTML) into ``builder``.

    ``view``, when given, is parsed instead of the source: a text of the same length in which some
    characters are blanked out (the ``> `` or list indentation around an HTML block in Markdown).
    ``default_kind`` is the block kind and level for text outside headings, lists, cells, quotes.
    """
    end = len(builder.source) if end is None else end
    if view is not None and len(view) != end - start:
        raise ValueError("view must be as long as the source range")
    scope = view if view is not None else builder.source[start:end]
    main_only = page and bool(_MAIN.search(scope))
    extractor = _Extractor(builder, default_kind, main_only=main_only,
                           skip=frozenset({"nav"}) if page else frozenset())
    builder.boundary()
    builder.set_kind(*default_kind)
    extractor.run(start, end, view)
    builder.boundary()


def read_html(source: str) -> TextBuilder:
    """An HTML page or fragment: visible text only, block elements as separate blocks."""
    b = TextBuilder(source)
    extract_html(b, page=True)
    return b
