"""OpenDocument text (.odt) with odfpy: headings, paragraphs, lists, tables, text boxes and notes.

See :mod:`helder.documents.office` for what is read and what is left out.
"""

from __future__ import annotations

import io
import re
from typing import Any, Iterator

from ...errors import InputError
from ...messages import subject
from .common import LINE_SEPARATOR, MAX_DEPTH, Limits, Paragraph, check_time, damaged, open_zip

__all__ = ["odt_paragraphs"]

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_DRAW_NS = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"

_ODT_SKIP_INLINE = {(_TEXT_NS, "note"), (_OFFICE_NS, "annotation"), (_OFFICE_NS, "annotation-end"),
                    (_TEXT_NS, "tracked-changes"), (_TEXT_NS, "ruby-text"), (_TEXT_NS, "bookmark-ref")}
# frame contents without text for a reader: pictures and embedded objects (charts, formulas)
_ODT_DRAW_NO_TEXT = frozenset({"image", "object", "object-ole", "plugin", "applet", "floating-frame"})
_ODT_SKIP_BLOCK_SUFFIXES = ("-index", "table-of-content", "bibliography", "-decls", "tracked-changes")


def odt_paragraphs(data: bytes, path: str, limits: Limits, notes: list[str],
                   deadline: float) -> Iterator[Paragraph]:
    archive = open_zip(data, path, "odt", limits)
    try:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in archive.namelist() else ""
    finally:
        archive.close()
    if mimetype and not mimetype.startswith("application/vnd.oasis.opendocument.text"):
        raise InputError(f"{subject(path)} is geen OpenDocument-tekst (maar bijvoorbeeld een spreadsheet "
                         "of presentatie). helder leest alleen teksten.")
    from odf.opendocument import load

    doc = load(io.BytesIO(data))
    body = getattr(doc, "text", None)
    if body is None:
        raise damaged(path, "odt")
    title_styles = _odt_title_styles(doc)
    found: list[Any] = []  # text:note elements, in document order
    yield from _odt_blocks(body, title_styles, None, 0, 0, deadline, path, limits, found)
    # footnotes and endnotes after the body: footnotes first, each in the order of the document
    pending = ([n for n in found if _attr(n, _TEXT_NS, "note-class") != "endnote"]
               + [n for n in found if _attr(n, _TEXT_NS, "note-class") == "endnote"])
    found.clear()
    index = 0
    while index < len(pending):
        note = pending[index]
        index += 1
        check_time(deadline, path, limits)
        for part in note.childNodes:
            if _qname(part) == (_TEXT_NS, "note-body"):
                yield from _odt_blocks(part, title_styles, None, 0, 1, deadline, path, limits, found)
        pending.extend(found)  # a note inside a note (not valid ODF, but possible): after the others
        found.clear()


def _qname(node: Any) -> tuple[str, str] | None:
    return getattr(node, "qname", None)


def _attr(node: Any, ns: str, name: str) -> str | None:
    attributes = getattr(node, "attributes", None) or {}
    return attributes.get((ns, name))


def _odt_title_styles(doc: Any) -> dict[str, int]:
    """Paragraph style names that make a ``text:p`` a heading (Title, Subtitle and styles based on them)."""
    parents: dict[str, str | None] = {}
    for container in (getattr(doc, "styles", None), getattr(doc, "automaticstyles", None)):
        if container is None:
            continue
        for node in container.childNodes:
            if _qname(node) == (_STYLE_NS, "style") and _attr(node, _STYLE_NS, "family") == "paragraph":
                name = _attr(node, _STYLE_NS, "name")
                if name:
                    parents[name] = _attr(node, _STYLE_NS, "parent-style-name")
    levels = {"title": 1, "titel": 1, "subtitle": 2, "ondertitel": 2}
    out: dict[str, int] = {}
    for name in parents:
        current: str | None = name
        for _ in range(20):
            if current is None:
                break
            level = levels.get(current.lower())
            if level:
                out[name] = level
                break
            current = parents.get(current)
    return out


def _odt_blocks(node: Any, titles: dict[str, int], kind: str | None, list_depth: int, depth: int,
                deadline: float, path: str, limits: Limits, found: list[Any]) -> Iterator[Paragraph]:
    """Paragraphs of a body, list, table, text box or note, in document order.

    The text boxes of a paragraph follow right after it; its notes are added to ``found``.
    """
    if depth > MAX_DEPTH:
        return
    for child in node.childNodes:
        q = _qname(child)
        if q is None:
            continue
        ns, local = q
        if q == (_TEXT_NS, "h"):
            try:
                level = int(_attr(child, _TEXT_NS, "outline-level") or 1)
            except ValueError:
                level = 1
            yield Paragraph("heading", max(1, min(level, 6)), "".join(_odt_text(child, 0)))
            yield from _odt_attached(child, titles, depth, deadline, path, limits, found)
        elif q == (_TEXT_NS, "p"):
            style = _attr(child, _TEXT_NS, "style-name") or ""
            text = "".join(_odt_text(child, 0))
            if style in titles:
                yield Paragraph("heading", titles[style], text)
            elif kind == "list_item":
                yield Paragraph("list_item", max(list_depth, 1), text)
            else:
                yield Paragraph(kind or "paragraph", 0, text)
            yield from _odt_attached(child, titles, depth, deadline, path, limits, found)
        elif q == (_TEXT_NS, "list"):
            yield from _odt_blocks(child, titles, "list_item", list_depth + 1, depth + 1, deadline, path, limits,
                                   found)
        elif q == (_TABLE_NS, "table"):
            check_time(deadline, path, limits)
            yield from _odt_blocks(child, titles, "table_cell", 0, depth + 1, deadline, path, limits, found)
        elif ns == _DRAW_NS:
            # a frame or shape outside a paragraph (anchored to the page): its text here
            if local not in _ODT_DRAW_NO_TEXT:
                check_time(deadline, path, limits)
                yield from _odt_blocks(child, titles, None, 0, depth + 1, deadline, path, limits, found)
        elif q == (_TABLE_NS, "covered-table-cell") or q in _ODT_SKIP_INLINE:
            continue
        elif local.endswith(_ODT_SKIP_BLOCK_SUFFIXES) and ns == _TEXT_NS:
            continue
        else:  # text:section, text:list-item, table rows and cells, office:text, ...
            yield from _odt_blocks(child, titles, kind, list_depth, depth + 1, deadline, path, limits, found)


def _odt_attached(paragraph: Any, titles: dict[str, int], depth: int, deadline: float, path: str,
                  limits: Limits, found: list[Any]) -> Iterator[Paragraph]:
    """The text boxes in a paragraph as paragraphs of their own; its notes go to ``found``."""
    for kind, element in _odt_inline_objects(paragraph, 0):
        if kind == "note":
            found.append(element)
        elif depth < MAX_DEPTH:
            check_time(deadline, path, limits)
            yield from _odt_blocks(element, titles, None, 0, depth + 1, deadline, path, limits, found)


def _odt_inline_objects(node: Any, depth: int) -> Iterator[tuple[str, Any]]:
    """Notes ("note") and frames or shapes with text ("draw") in a paragraph, in document order.

    Not what is inside them: a note or text box in a text box belongs to a paragraph of that box.
    """
    for child in node.childNodes:
        q = _qname(child)
        if q is None:
            continue
        if q == (_TEXT_NS, "note"):
            yield "note", child
        elif q[0] == _DRAW_NS:
            if q[1] not in _ODT_DRAW_NO_TEXT:
                yield "draw", child
        elif q in _ODT_SKIP_INLINE:
            continue  # comments, tracked changes (deleted text), ruby
        elif depth < MAX_DEPTH:
            yield from _odt_inline_objects(child, depth + 1)


def _odt_text(node: Any, depth: int) -> Iterator[str]:
    for child in node.childNodes:
        q = _qname(child)
        if q is None:
            data = getattr(child, "data", None)
            if isinstance(data, str):
                # XML whitespace in ODF: a line end in the file is a space; <text:s/> is an extra space
                yield re.sub(r"[\r\n\t]", " ", data)
            continue
        if q == (_TEXT_NS, "s"):
            try:
                count = int(_attr(child, _TEXT_NS, "c") or 1)
            except ValueError:
                count = 1
            yield " " * max(1, min(count, 100))
        elif q == (_TEXT_NS, "tab"):
            yield "\t"
        elif q == (_TEXT_NS, "line-break"):
            yield LINE_SEPARATOR
        elif q == (_TEXT_NS, "soft-page-break"):
            continue
        elif q in _ODT_SKIP_INLINE or q[0] == _DRAW_NS:
            continue
        elif depth < MAX_DEPTH:
            yield from _odt_text(child, depth + 1)
