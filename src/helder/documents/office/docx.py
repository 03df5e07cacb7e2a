"""Word (.docx) with python-docx: the paragraphs of the body, text boxes, tables, footnotes, endnotes.

See :mod:`helder.documents.office` for what is read and what is left out. :func:`docx_walk` and
:func:`docx_pieces` are also used by :mod:`helder.fixing.docx`, which must find the paragraph and the
piece of text behind each line of the Document.
"""

from __future__ import annotations

import io
import re
from typing import Any, Iterator

from ...errors import InputError
from ...messages import object_name, subject
from .common import LIMITS, LINE_SEPARATOR, MAX_DEPTH, Limits, Paragraph, check_time, open_zip

__all__ = ["docx_paragraphs", "docx_walk", "docx_pieces"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
_NOTE_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_NOTE_NAMES = {_RT_FOOTNOTES: "voetnoten", _RT_ENDNOTES: "eindnoten"}
_HEADING_NAME = re.compile(r"^(?:heading|kop)\s*([1-9])$")
_LIST_DEPTH_NAME = re.compile(r"^(?:list|lijst)\b.*\s([2-9])$")


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def docx_paragraphs(data: bytes, path: str, limits: Limits, notes: list[str],
                    deadline: float) -> Iterator[Paragraph]:
    archive = open_zip(data, path, "docx", limits)
    archive.close()
    import docx  # python-docx

    try:
        word = docx.Document(io.BytesIO(data))
    except ValueError:
        raise InputError(f"{subject(path)} is geen gewoon Word-document (misschien een sjabloon of een "
                         "bestand met macro's). Sla het op als .docx en probeer het opnieuw.") from None
    styles = _docx_styles(word)
    body = word.element.body
    yield from _docx_blocks(body, styles, "paragraph", 0, deadline, path, limits)
    for reltype, tag in ((_RT_FOOTNOTES, "footnote"), (_RT_ENDNOTES, "endnote")):
        root = _docx_notes_part(word, reltype, path, notes)
        if root is None:
            continue
        for note in _docx_notes_in_order(root, body, tag):
            check_time(deadline, path, limits)
            for paragraph in _docx_blocks(note, styles, "paragraph", 1, deadline, path, limits):
                # Word puts a space between the note number (not text) and the note itself
                yield Paragraph(paragraph.kind, paragraph.level, paragraph.text.lstrip(" \t"))


def _docx_notes_part(word: Any, reltype: str, path: str, notes: list[str]) -> Any | None:
    """The root element of the footnotes or endnotes part; None when there is none or it is damaged.

    A damaged part leaves the notes out with a warning: the body is still read.
    """
    parts = [rel.target_part for rel in word.part.rels.values()
             if rel.reltype == reltype and not rel.is_external]
    if not parts:
        return None
    from docx.oxml import parse_xml  # lxml with resolve_entities=False: no external entities

    tag = _w("footnotes") if reltype == _RT_FOOTNOTES else _w("endnotes")
    try:
        root = parse_xml(parts[0].blob)
    except Exception:  # noqa: BLE001 - any parser error in this one part
        root = None
    if root is None or root.tag != tag:
        notes.append(f"De {_NOTE_NAMES[reltype]} in {object_name(path)} zijn beschadigd. "
                     "helder heeft ze overgeslagen.")
        return None
    return root


def _docx_notes_in_order(root: Any, body: Any, tag: str) -> list[Any]:
    """The notes of a part (``tag``: "footnote" or "endnote") without separators.

    In the order of their first reference in the body; notes without a reference in the body come
    after, in file order. A note that is only referenced in deleted text is left out.
    """
    kept: dict[str, Any] = {}
    for note in root.findall(_w(tag)):
        if note.get(_w("type")) in _NOTE_SEPARATORS:
            continue
        kept.setdefault(note.get(_w("id")) or "", note)
    first: dict[str, int] = {}
    deleted: set[str] = set()
    for position, ref in enumerate(body.iter(_w(tag + "Reference"))):
        note_id = ref.get(_w("id")) or ""
        if any(True for _ in ref.iterancestors(_w("del"), _w("moveFrom"))):
            deleted.add(note_id)
        else:
            first.setdefault(note_id, position)
    unreferenced = len(first)
    order = {note_id: first.get(note_id, unreferenced + i) for i, note_id in enumerate(kept)}
    return [kept[note_id] for note_id in sorted(kept, key=order.__getitem__)
            if note_id in first or note_id not in deleted]


def _docx_styles(word: Any) -> dict[str | None, tuple[str, int, int]]:
    """Paragraph style id -> (kind, level, list level) after following ``basedOn``; None: the default."""
    root = word.styles.element
    raw: dict[str, tuple[str, str | None, int | None, bool, int]] = {}
    default = None
    for style in root.findall(_w("style")):
        if style.get(_w("type")) != "paragraph":
            continue
        sid = style.get(_w("styleId")) or ""
        name_el = style.find(_w("name"))
        name = (name_el.get(_w("val")) if name_el is not None else sid) or sid
        based = style.find(_w("basedOn"))
        ppr = style.find(_w("pPr"))
        outline = _outline_level(ppr)
        num = ppr is not None and ppr.find(_w("numPr")) is not None and _num_id(ppr.find(_w("numPr"))) != "0"
        ilvl = _ilvl(ppr.find(_w("numPr"))) if num else 0
        raw[sid] = (name, based.get(_w("val")) if based is not None else None, outline, num, ilvl)
        if style.get(_w("default")) in ("1", "true", "on"):
            default = sid

    def resolve(sid: str) -> tuple[str, int, int]:
        name, based, outline, num, ilvl = raw[sid]
        seen = {sid}
        chain_outline, chain_num, chain_ilvl = outline, num, ilvl
        lowered = name.strip().lower()
        while based and based in raw and based not in seen and len(seen) < 20:
            seen.add(based)
            b_name, based_next, b_outline, b_num, b_ilvl = raw[based]
            if chain_outline is None:
                chain_outline = b_outline
            if not chain_num and b_num:
                chain_num, chain_ilvl = True, b_ilvl
            based = based_next
        m = _HEADING_NAME.match(lowered)
        if m:
            return "heading", int(m.group(1)), 0
        if lowered in ("title", "titel"):
            return "heading", 1, 0
        if lowered in ("subtitle", "ondertitel"):
            return "heading", 2, 0
        if chain_outline is not None and 0 <= chain_outline < 9:
            return "heading", chain_outline + 1, 0
        if chain_num:
            # "List Bullet 2" has its own numbering at level 0: the depth is in the name
            depth = _LIST_DEPTH_NAME.match(lowered)
            return "list_item", 0, int(depth.group(1)) if depth else chain_ilvl + 1
        return "paragraph", 0, 0

    out: dict[str | None, tuple[str, int, int]] = {sid: resolve(sid) for sid in raw}
    out[None] = out.get(default, ("paragraph", 0, 0)) if default else ("paragraph", 0, 0)
    return out


def _outline_level(ppr: Any) -> int | None:
    if ppr is None:
        return None
    el = ppr.find(_w("outlineLvl"))
    if el is None:
        return None
    try:
        return int(el.get(_w("val")))
    except (TypeError, ValueError):
        return None


def _num_id(numpr: Any) -> str | None:
    el = numpr.find(_w("numId")) if numpr is not None else None
    return el.get(_w("val")) if el is not None else None


def _ilvl(numpr: Any) -> int:
    el = numpr.find(_w("ilvl")) if numpr is not None else None
    try:
        return max(0, min(8, int(el.get(_w("val"))))) if el is not None else 0
    except (TypeError, ValueError):
        return 0


def _docx_blocks(container: Any, styles: dict, kind: str, depth: int, deadline: float, path: str,
                 limits: Limits) -> Iterator[Paragraph]:
    """Paragraphs of a body, table cell or content control, in document order."""
    for p, p_kind in docx_walk(container, kind, depth, deadline, path, limits):
        yield _docx_paragraph(p, styles, p_kind)


def docx_walk(container: Any, kind: str = "paragraph", depth: int = 0, deadline: float = float("inf"),
              path: str = "-", limits: Limits = LIMITS) -> Iterator[tuple[Any, str]]:
    """The ``w:p`` elements of a body, table cell or content control in the order helder reads them,
    each with the kind of its container ("paragraph" or "table_cell"). Used by the reader and by
    :mod:`helder.fixing.docx`, which must find the paragraph behind each line of the Document."""
    if depth > MAX_DEPTH:
        return
    for child in container:
        tag = child.tag
        if tag == _w("p"):
            yield child, kind
            if depth < MAX_DEPTH:
                # text boxes anchored in this paragraph: their own paragraphs, right after it
                for box in _docx_text_boxes(child, 0):
                    check_time(deadline, path, limits)
                    yield from docx_walk(box, "paragraph", depth + 1, deadline, path, limits)
        elif tag == _w("tbl"):
            check_time(deadline, path, limits)
            for row in _children(child, _w("tr"), depth):
                for cell in _children(row, _w("tc"), depth):
                    yield from docx_walk(cell, "table_cell", depth + 1, deadline, path, limits)
        elif tag in (_w("sdt"),):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from docx_walk(content, kind, depth + 1, deadline, path, limits)
        elif tag in (_w("customXml"), _w("ins"), _w("smartTag")):
            yield from docx_walk(child, kind, depth + 1, deadline, path, limits)


def _children(element: Any, tag: str, depth: int) -> Iterator[Any]:
    """Direct children with ``tag``, also inside wrappers (content controls, custom XML)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (_w("sdt"), _w("customXml"), _w("sdtContent")) and depth < MAX_DEPTH:
            yield from _children(child, tag, depth + 1)


def _docx_paragraph(p: Any, styles: dict, container_kind: str) -> Paragraph:
    ppr = p.find(_w("pPr"))
    style_id = None
    if ppr is not None:
        ps = ppr.find(_w("pStyle"))
        if ps is not None:
            style_id = ps.get(_w("val"))
    kind, level, list_level = styles.get(style_id, styles[None])
    direct_outline = _outline_level(ppr)
    if direct_outline is not None and 0 <= direct_outline < 9:
        kind, level = "heading", direct_outline + 1
    numpr = ppr.find(_w("numPr")) if ppr is not None else None
    if kind != "heading":
        if numpr is not None:
            if _num_id(numpr) == "0":
                kind, list_level = "paragraph", 0  # numbering switched off for this paragraph
            else:
                kind, list_level = "list_item", _ilvl(numpr) + 1
        if kind == "list_item":
            level = max(list_level, 1)
        elif container_kind == "table_cell":
            kind, level = "table_cell", 0
    return Paragraph(kind, level, "".join(_docx_text(p, 0)))


# elements whose text a reader of the paragraph does not see here: deleted text, text boxes (read
# as paragraphs of their own) and the duplicate of a drawing for old Word versions, field codes,
# note references (the notes are read after the body)
_DOCX_SKIP = frozenset({_w("del"), _w("txbxContent"), f"{{{_MC}}}Fallback", _w("instrText"),
                        _w("delText"), _w("pPr"), _w("rPr"), _w("footnoteReference"),
                        _w("endnoteReference"), _w("commentReference")})


_MC_ALTERNATE = f"{{{_MC}}}AlternateContent"
_MC_CHOICE = f"{{{_MC}}}Choice"
_MC_FALLBACK = f"{{{_MC}}}Fallback"
# where no text box of a paragraph is: deleted or moved-away text, properties
_DOCX_NO_BOXES = frozenset({_w("del"), _w("moveFrom"), _w("pPr"), _w("rPr"), _MC_FALLBACK})


def _docx_text_boxes(element: Any, depth: int) -> Iterator[Any]:
    """The ``w:txbxContent`` of the text boxes in a paragraph, in document order, each once.

    Word writes a text box twice: as DrawingML in ``mc:Choice`` and as VML in ``mc:Fallback``; only
    the first choice is read (the fallback when there is no choice). A text box inside a text box is
    not returned here: it belongs to a paragraph of the outer text box.
    """
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _DOCX_NO_BOXES:
            continue
        if tag == _w("txbxContent"):
            yield child
        elif depth >= MAX_DEPTH:
            continue
        elif tag == _MC_ALTERNATE:
            chosen = child.find(_MC_CHOICE)
            if chosen is None:
                chosen = child.find(_MC_FALLBACK)
            if chosen is not None:
                yield from _docx_text_boxes(chosen, depth + 1)
        else:
            yield from _docx_text_boxes(child, depth + 1)


def _docx_text(element: Any, depth: int) -> Iterator[str]:
    for text, _node in docx_pieces(element, depth):
        yield text


def docx_pieces(element: Any, depth: int = 0) -> Iterator[tuple[str, Any]]:
    """The text of a paragraph piece by piece, with the element each piece comes from (a ``w:t``, or a
    ``w:tab``, ``w:br``, ... that stands for one character)."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _DOCX_SKIP:
            continue
        if tag == _w("t"):
            yield child.text or "", child
        elif tag in (_w("tab"), _w("ptab")):
            yield "\t", child
        elif tag in (_w("br"), _w("cr")):
            yield LINE_SEPARATOR, child
        elif tag == _w("noBreakHyphen"):
            yield "-", child
        elif tag == _w("softHyphen"):
            yield "\u00ad", child
        elif depth < MAX_DEPTH:
            yield from docx_pieces(child, depth + 1)
