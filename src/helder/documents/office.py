"""Word (.docx), OpenDocument (.odt) and PDF: the text of a document, paragraph by paragraph.

Word and PDF have no lines that a writer can find back, so helder numbers **paragraphs** (alinea's).
The :class:`~helder.documents.base.Document` that this module builds has as its ``source`` the
extracted text with **one paragraph per line**: headings, paragraphs, list items and table cells, in
the order of the document, empty paragraphs left out. So ``span.line`` of a finding is the paragraph
number (1 = the first paragraph with text) and ``span.column`` the character in that paragraph;
``source_line(n)`` gives paragraph ``n``. A line break inside a paragraph (Shift+Enter in Word) is kept
in the source as U+2028 (LINE SEPARATOR, not a line end) and becomes a line break in the plain text.
:func:`location_word` says which word a report uses: ``"alinea"`` for these formats.

Structure
    - .docx (python-docx): the body in document order, tables cell by cell (nested tables too),
      content controls. A paragraph with a heading style (``Heading 1``/``Kop 1``, ``Title``) or an
      outline level is a ``heading`` block with that level; a numbered or bulleted paragraph a
      ``list_item``. Tracked insertions count, deletions do not. The paragraphs of a text box
      (``w:txbxContent``) come right after the paragraph that anchors it, not inside its text; Word
      writes a text box twice (DrawingML in ``mc:Choice``, VML in ``mc:Fallback``) and helder reads
      it once; a text box in a text box follows the paragraph of the outer box that holds it.
      Footnotes and endnotes (``word/footnotes.xml``, ``word/endnotes.xml``) come after the body:
      first the footnotes, then the endnotes, each in the order of their first reference in the
      body (notes without a reference after those, in file order; separators left out). A damaged
      notes part is left out with a warning; the body is still read. Left out: headers and
      footers, comments.
    - .odt (odfpy): ``text:h`` is a heading (``outline-level``), ``text:p`` a paragraph (``Title`` and
      ``Subtitle`` styles: a heading), paragraphs in ``text:list`` are list items, tables cell by cell.
      The paragraphs of a text box (``draw:frame``/``draw:text-box``, or a shape with text) in a
      paragraph come right after that paragraph; a frame anchored to the page comes in its place.
      Footnotes and endnotes (``text:note``) are not part of the sentence they are in: their
      paragraphs come after the body, first the footnotes, then the endnotes, each in document
      order. Left out: headers and footers, comments, pictures and embedded objects, tables of
      contents and indexes.
    - .pdf (pypdf): only the text layer. Lines are joined into paragraphs from the page layout: a
      larger gap between lines, a change of font size, or a bullet starts a new paragraph; a short line
      in a larger or bold font is a heading. Page numbers and lines that repeat at the top or bottom of
      most pages (a letterhead, a footer) are left out; a word broken with a hyphen at the end of a
      line is joined. A PDF without any text (a scan) gives an :class:`InputError`; pages without
      text in a PDF that has text give a warning. :func:`page_of` tells on which page a paragraph is.

Hostile files
    A .docx or .odt is a ZIP file. Before anything is unpacked, its table of contents is checked:
    at most :attr:`Limits.max_entries` files, none larger than :attr:`Limits.max_entry_bytes`
    unpacked, all together at most :attr:`Limits.max_total_bytes`, and no file that unpacks to more
    than :attr:`Limits.max_ratio` times its packed size (a zip bomb). Python's ``zipfile`` never
    unpacks more than the size in that table (it stops with a CRC error), so the check holds.
    XML is parsed without external entities (python-docx: lxml with ``resolve_entities=False``;
    odfpy: defusedxml). A PDF may have at most :attr:`Limits.max_pages` pages; pypdf's own limits
    stop streams that unpack to more than 75 MB.
    Reading runs in a separate, isolated Python process (``python -I``, helder's own folder on its
    path, nothing from the working directory; if it cannot start, reading fails) with a limit on
    its memory (:attr:`Limits.memory_bytes`, where the system supports it) and on its time
    (:attr:`Limits.seconds`): a file that makes a parser loop or grow is stopped, and the error is
    one line of Dutch. Set ``HELDER_OFFICE_ISOLATE=0`` to read in the same process (faster, only
    the checks above and a time check between pages).

The libraries come with the optional extra ``docs``: ``pip install 'helder[docs]'``. Without it, reading
such a file gives an InputError that says so.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata
import warnings
import zipfile
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import InputError
from .base import Document
from .decoding import object_name, subject
from .text import TextBuilder

__all__ = [
    "OFFICE_FORMATS", "OFFICE_SUFFIXES", "EXTRA_INSTALL", "Limits", "LIMITS", "Paragraph",
    "read_office", "extract", "build_document", "location_word", "page_of", "missing_library",
    "docx_walk", "docx_pieces", "clean_line",
]

OFFICE_FORMATS = ("docx", "odt", "pdf")
OFFICE_SUFFIXES = {".docx": "docx", ".odt": "odt", ".pdf": "pdf"}
EXTRA_INSTALL = "pip install 'helder[docs]'"

_MODULES = {"docx": ("docx", "python-docx"), "odt": ("odf", "odfpy"), "pdf": ("pypdf", "pypdf")}
_KIND_NAMES = {"docx": "Word-bestand", "odt": "OpenDocument-bestand", "pdf": "PDF-bestand"}

_MIB = 1024 * 1024
_LINE_SEPARATOR = "\u2028"  # a line break inside a paragraph; not a line end for LineIndex


@dataclass(frozen=True)
class Limits:
    """What helder accepts from a .docx, .odt or .pdf file (see the module text)."""

    max_entries: int = 2000  # files in the ZIP container
    max_entry_bytes: int = 64 * _MIB  # one file, unpacked
    max_total_bytes: int = 160 * _MIB  # all files together, unpacked
    max_ratio: int = 100  # unpacked / packed, for files above 1 MB unpacked
    max_pages: int = 500  # PDF pages
    max_paragraphs: int = 50_000
    max_chars: int = 3_000_000  # extracted text
    seconds: float = 60.0  # wall time for reading one file
    memory_bytes: int = 1536 * _MIB  # address space of the reading process


LIMITS = Limits()


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of extracted text: a block of the Document, one line of its source."""

    kind: str  # "heading" | "paragraph" | "list_item" | "table_cell"
    level: int
    text: str
    page: int = 0  # PDF: 1-based page number; 0: unknown


# ── public API ───────────────────────────────────────────────────────────────────────────────

def location_word(format: str) -> str:
    """How a report names ``span.line`` for a document of ``format``: "alinea" or "regel"."""
    return "alinea" if format in OFFICE_FORMATS else "regel"


def page_of(document: Document, line: int) -> int | None:
    """The PDF page (1-based) of paragraph ``line`` of ``document``; None when not known."""
    pages = getattr(document, "_office_pages", None)
    if not pages or not 1 <= line <= len(pages):
        return None
    return pages[line - 1] or None


def missing_library(fmt: str) -> str | None:
    """The Dutch error for a missing library of the ``docs`` extra, or None when it is installed."""
    import importlib.util

    module, package = _MODULES[fmt]
    if importlib.util.find_spec(module) is not None:
        return None
    return (f"Voor een {_KIND_NAMES[fmt]} heeft helder het pakket {package} nodig. "
            f"Installeer helder met de extra 'docs': {EXTRA_INSTALL}")


def read_office(data: bytes, fmt: str, path: str = "-", *, limits: Limits = LIMITS,
                isolate: bool | None = None) -> Document:
    """A Document from the bytes of a .docx, .odt or .pdf file (``fmt``: "docx", "odt", "pdf").

    ``isolate``: read in a separate process with limits on memory and time (default: yes, unless
    ``HELDER_OFFICE_ISOLATE=0``). Raises :class:`InputError` with one line of Dutch for any problem.
    """
    if fmt not in OFFICE_FORMATS:
        raise ValueError(f"not an office format: {fmt!r}")
    missing = missing_library(fmt)
    if missing:
        raise InputError(f"{subject(path)} is een {_KIND_NAMES[fmt]}. {missing}")
    if isolate is None:
        isolate = os.environ.get("HELDER_OFFICE_ISOLATE", "1").strip().lower() not in ("0", "no", "nee", "false")
    if isolate:
        paragraphs, notes = _extract_isolated(data, fmt, path, limits)
    else:
        paragraphs, notes = extract(data, fmt, path, limits=limits)
    return build_document(paragraphs, fmt, path, notes)


def extract(data: bytes, fmt: str, path: str = "-", *,
            limits: Limits = LIMITS) -> tuple[list[Paragraph], list[str]]:
    """The paragraphs of a file, in this process, plus warnings for the writer. Raises InputError."""
    reader = {"docx": _docx_paragraphs, "odt": _odt_paragraphs, "pdf": _pdf_paragraphs}[fmt]
    notes: list[str] = []
    deadline = time.monotonic() + limits.seconds
    try:
        paragraphs = _bounded(reader(data, path, limits, notes, deadline), path, limits)
    except InputError:
        raise
    except MemoryError:
        raise _too_complex(path) from None
    except RecursionError:
        raise _damaged(path, fmt) from None
    except Exception:  # noqa: BLE001 - any parser error on a malformed file
        raise _damaged(path, fmt) from None
    return paragraphs, notes


def build_document(paragraphs: Iterable[Paragraph], fmt: str, path: str = "-",
                   notes: Iterable[str] = ()) -> Document:
    """The Document for extracted paragraphs: one paragraph per source line (see the module text)."""
    kept: list[Paragraph] = []
    lines: list[str] = []
    for p in paragraphs:
        line = _clean_line(p.text)
        if line.strip(" \t" + _LINE_SEPARATOR):
            kept.append(p)
            lines.append(line)
    source = "\n".join(lines)
    builder = TextBuilder(source)
    pos = 0
    for p, line in zip(kept, lines):
        builder.set_kind(p.kind, p.level)
        start = pos
        for m in re.finditer(_LINE_SEPARATOR, line):
            builder.text(start, pos + m.start())
            builder.space(pos + m.start(), pos + m.end(), newline=True)
            start = pos + m.end()
        builder.text(start, pos + len(line))
        builder.boundary()
        pos += len(line) + 1
    text, offsets, blocks, directives = builder.finish()
    if not any(ch.isalpha() for ch in text):
        if fmt == "pdf":
            raise _no_text_layer(path)
        raise InputError(f"In {object_name(path)} staan geen woorden om te controleren.")
    document = Document(path=path, format=fmt, source=source, text=text, offsets=offsets, blocks=blocks,
                        encoding="utf-8", directives=directives, warnings=tuple(notes))
    if fmt == "pdf":
        object.__setattr__(document, "_office_pages", tuple(p.page for p in kept))
    return document


# ── errors ───────────────────────────────────────────────────────────────────────────────────

def _damaged(path: str, fmt: str) -> InputError:
    advice = ("Maak de PDF opnieuw vanuit het originele bestand." if fmt == "pdf"
              else "Open het in een tekstverwerker en sla het opnieuw op.")
    return InputError(f"{subject(path)} is beschadigd of geen echt {_KIND_NAMES[fmt]}: helder kan het "
                      f"niet lezen. {advice}")


def _too_complex(path: str) -> InputError:
    return InputError(f"{subject(path)} is te groot of te ingewikkeld om te lezen. "
                      "Deel het op in kleinere bestanden of sla de tekst op als .txt.")


def _too_slow(path: str, seconds: float) -> InputError:
    return InputError(f"Het lezen van {object_name(path)} duurde te lang (meer dan {round(seconds)} "
                      "seconden). Deel het op in kleinere bestanden of sla de tekst op als .txt.")


def _zip_bomb(path: str) -> InputError:
    return InputError(f"{subject(path)} wordt uitgepakt veel te groot (een 'zip-bom'?). helder leest het niet.")


def _no_text_layer(path: str) -> InputError:
    return InputError(f"In {object_name(path)} staat geen tekst, alleen beeld: het is waarschijnlijk een "
                      "scan. Gebruik het originele bestand of laat er eerst tekst van maken (OCR).")


def _bounded(paragraphs: Iterable[Paragraph], path: str, limits: Limits) -> list[Paragraph]:
    out: list[Paragraph] = []
    chars = 0
    for p in paragraphs:
        out.append(p)
        chars += len(p.text)
        if len(out) > limits.max_paragraphs or chars > limits.max_chars:
            raise InputError(f"In {object_name(path)} staat te veel tekst voor één controle. "
                             "Deel het op in kleinere bestanden.")
    return out


def _check_time(deadline: float, path: str, limits: Limits) -> None:
    if time.monotonic() > deadline:
        raise _too_slow(path, limits.seconds)


# ── text clean-up ────────────────────────────────────────────────────────────────────────────

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_line(text: str) -> str:
    return _clean_line(text)


def _clean_line(text: str) -> str:
    """One source line: no line ends (a break inside a paragraph becomes U+2028), no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", _LINE_SEPARATOR)
    text = text.replace("\u2029", _LINE_SEPARATOR).replace("\x0b", _LINE_SEPARATOR).replace("\x0c", " ")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


# ── ZIP containers (.docx, .odt) ─────────────────────────────────────────────────────────────

def _open_zip(data: bytes, path: str, fmt: str, limits: Limits) -> zipfile.ZipFile:
    """Open the container after checking its table of contents against ``limits``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _damaged(path, fmt) from None
    if len(infos) > limits.max_entries:
        raise InputError(f"{subject(path)} bevat te veel onderdelen ({len(infos)}). helder leest het niet.")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(f"{subject(path)} is beveiligd met een wachtwoord. "
                             "Haal de beveiliging weg en probeer het opnieuw.")
        size = info.file_size
        if size > limits.max_entry_bytes:
            raise _zip_bomb(path)
        if size > _MIB and size > limits.max_ratio * max(info.compress_size, 1):
            raise _zip_bomb(path)
        total += size
        if total > limits.max_total_bytes:
            raise _zip_bomb(path)
    for info in infos:
        _verify_entry(archive, info, path, fmt)
    return archive


def _verify_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, fmt: str) -> None:
    """Unpack one part in small pieces: its real size and checksum must match the table of contents.

    A header that lies about the size would otherwise make a library unpack all of it in one call.
    """
    try:
        with archive.open(info) as handle:
            got = 0
            while True:
                chunk = handle.read(1 << 16)
                if not chunk:
                    break
                got += len(chunk)
                if got > info.file_size:
                    raise _zip_bomb(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError):
        raise _damaged(path, fmt) from None


# ── .docx ────────────────────────────────────────────────────────────────────────────────────

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
_NOTE_SEPARATORS = frozenset({"separator", "continuationSeparator", "continuationNotice"})
_NOTE_NAMES = {_RT_FOOTNOTES: "voetnoten", _RT_ENDNOTES: "eindnoten"}
_HEADING_NAME = re.compile(r"^(?:heading|kop)\s*([1-9])$")
_LIST_DEPTH_NAME = re.compile(r"^(?:list|lijst)\b.*\s([2-9])$")
_MAX_DEPTH = 60


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _docx_paragraphs(data: bytes, path: str, limits: Limits, notes: list[str],
                     deadline: float) -> Iterator[Paragraph]:
    archive = _open_zip(data, path, "docx", limits)
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
            _check_time(deadline, path, limits)
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
    if depth > _MAX_DEPTH:
        return
    for child in container:
        tag = child.tag
        if tag == _w("p"):
            yield child, kind
            if depth < _MAX_DEPTH:
                # text boxes anchored in this paragraph: their own paragraphs, right after it
                for box in _docx_text_boxes(child, 0):
                    _check_time(deadline, path, limits)
                    yield from docx_walk(box, "paragraph", depth + 1, deadline, path, limits)
        elif tag == _w("tbl"):
            _check_time(deadline, path, limits)
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
        elif child.tag in (_w("sdt"), _w("customXml"), _w("sdtContent")) and depth < _MAX_DEPTH:
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
        elif depth >= _MAX_DEPTH:
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
            yield _LINE_SEPARATOR, child
        elif tag == _w("noBreakHyphen"):
            yield "-", child
        elif tag == _w("softHyphen"):
            yield "\u00ad", child
        elif depth < _MAX_DEPTH:
            yield from docx_pieces(child, depth + 1)


# ── .odt ─────────────────────────────────────────────────────────────────────────────────────

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


def _odt_paragraphs(data: bytes, path: str, limits: Limits, notes: list[str],
                    deadline: float) -> Iterator[Paragraph]:
    archive = _open_zip(data, path, "odt", limits)
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
        raise _damaged(path, "odt")
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
        _check_time(deadline, path, limits)
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
    if depth > _MAX_DEPTH:
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
            _check_time(deadline, path, limits)
            yield from _odt_blocks(child, titles, "table_cell", 0, depth + 1, deadline, path, limits, found)
        elif ns == _DRAW_NS:
            # a frame or shape outside a paragraph (anchored to the page): its text here
            if local not in _ODT_DRAW_NO_TEXT:
                _check_time(deadline, path, limits)
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
        elif depth < _MAX_DEPTH:
            _check_time(deadline, path, limits)
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
        elif depth < _MAX_DEPTH:
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
            yield _LINE_SEPARATOR
        elif q == (_TEXT_NS, "soft-page-break"):
            continue
        elif q in _ODT_SKIP_INLINE or q[0] == _DRAW_NS:
            continue
        elif depth < _MAX_DEPTH:
            yield from _odt_text(child, depth + 1)


# ── .pdf ─────────────────────────────────────────────────────────────────────────────────────

@dataclass
class _Line:
    text: str
    x: float
    y: float
    size: float
    bold: bool
    page: int


_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u25e6\u2013\u2014\u2212\uf0b7\uf0a7o*\-]\s+|\(?\d{1,2}[.)]\s+|[a-z][.)]\s+)")
_BULLET_SYMBOL = re.compile(r"^\s*[\u2022\u25cf\u25aa\u25e6\u2013\u2014\u2212\uf0b7\uf0a7o*\-]\s+")
_PAGE_NUMBER = re.compile(r"^\s*(?:(?:pagina|blz\.?|page)\s*)?\d{1,4}(?:\s*(?:/|van|of)\s*\d{1,4})?\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;]['\"\u2019\u201d)]*\s*$")


def _pdf_paragraphs(data: bytes, path: str, limits: Limits, notes: list[str],
                    deadline: float) -> Iterator[Paragraph]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except (DependencyError, FileNotDecryptedError, NotImplementedError):
                ok = 0
            if not ok:
                raise InputError(f"{subject(path)} is beveiligd met een wachtwoord. "
                                 "Haal de beveiliging weg en probeer het opnieuw.")
        count = len(reader.pages)
        if count > limits.max_pages:
            raise InputError(f"{subject(path)} heeft te veel pagina's ({count}). helder leest PDF-bestanden "
                             f"tot {limits.max_pages} pagina's. Deel het op in kleinere bestanden.")
        pages: list[list[_Line]] = []
        empty: list[int] = []
        for number in range(1, count + 1):
            _check_time(deadline, path, limits)
            lines = _pdf_page_lines(reader.pages[number - 1], number, deadline, path, limits)
            if not any(any(ch.isalpha() for ch in line.text) for line in lines):
                empty.append(number)
            pages.append(lines)
    if len(empty) == count:
        raise _no_text_layer(path)
    if empty:
        which = _nl_list([str(n) for n in empty[:10]]) + (" en meer" if len(empty) > 10 else "")
        notes.append(f"Op pagina {which} staat geen tekst (misschien een scan). "
                     "helder heeft die pagina's overgeslagen.")
    yield from _pdf_join(pages)


def _nl_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _pdf_page_lines(page: Any, number: int, deadline: float, path: str, limits: Limits) -> list[_Line]:
    """The lines of one page, in the order of its content, with position and font size."""
    lines: list[_Line] = []
    current: list[tuple[str, float, float, float, bool]] = []
    calls = [0]

    def flush() -> None:
        text = "".join(piece[0] for piece in current)
        pieces = [piece for piece in current if piece[0].strip()]
        if text.strip() and pieces:
            first = pieces[0]
            size = max(piece[3] for piece in pieces)
            bold = all(piece[4] for piece in pieces)
            lines.append(_Line(text.strip(), first[1], first[2], size, bold, number))
        current.clear()

    def visitor(text: str, cm: Any, tm: Any, font: Any, font_size: Any) -> None:
        calls[0] += 1
        if calls[0] % 500 == 0:
            _check_time(deadline, path, limits)
        if not text:
            return
        try:
            c = [float(v) for v in cm]
            t = [float(v) for v in tm]
            x = t[4] * c[0] + t[5] * c[2] + c[4]
            y = t[4] * c[1] + t[5] * c[3] + c[5]
            scale = ((t[2] * c[0] + t[3] * c[2]) ** 2 + (t[2] * c[1] + t[3] * c[3]) ** 2) ** 0.5
            size = abs(float(font_size or 0)) * (scale or 1.0)
        except (TypeError, ValueError, IndexError):
            x = y = size = 0.0
        base = ""
        try:
            base = str((font or {}).get("/BaseFont", "")) if hasattr(font, "get") else ""
        except Exception:  # noqa: BLE001 - a broken font dictionary
            base = ""
        bold = bool(re.search(r"bold|black|heavy|semibold|demi", base, re.IGNORECASE))
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                flush()
            if part:
                current.append((part, x, y, size, bold))

    page.extract_text(visitor_text=visitor)
    flush()
    return lines


def _pdf_join(pages: list[list[_Line]]) -> Iterator[Paragraph]:
    """Lines of all pages -> paragraphs (see the module text for the rules)."""
    pages = _drop_page_furniture(pages)
    all_lines = [line for page in pages for line in page]
    if not all_lines:
        return
    sizes = Counter()
    for line in all_lines:
        sizes[round(line.size, 1)] += len(line.text)
    body = sizes.most_common(1)[0][0] or 10.0
    gaps = []
    for page in pages:
        for a, b in zip(page, page[1:]):
            gap = a.y - b.y
            if abs(a.size - body) < 0.6 and abs(b.size - body) < 0.6 and 0 < gap < 3 * body:
                gaps.append(gap)
    line_gap = statistics.median(gaps) if gaps else 1.2 * body
    heading_sizes = sorted({round(line.size, 1) for line in all_lines if line.size >= 1.15 * body}, reverse=True)

    def heading_level(line: _Line) -> int:
        rounded = round(line.size, 1)
        if rounded in heading_sizes:
            return min(6, heading_sizes.index(rounded) + 1)
        return min(6, len(heading_sizes) + 1)

    def looks_like_heading(line: _Line) -> bool:
        words = len(line.text.split())
        if words == 0 or words > 15 or re.search(r"[.,;!?]['\"\u2019\u201d)]*$", line.text):
            return False
        return line.size >= 1.15 * body or line.bold

    paragraph: list[_Line] = []
    kind = "paragraph"

    def emit() -> Paragraph | None:
        if not paragraph:
            return None
        text = paragraph[0].text
        for line in paragraph[1:]:
            if re.search(r"[A-Za-zÀ-ÿ][-\u00ad]$", text) and line.text[:1].islower():
                text = text[:-1] + line.text  # "gemeente-" + "raad"
            else:
                text = text + " " + line.text
        level = 0
        k = kind
        if k == "heading":
            level = heading_level(paragraph[0])
        elif k == "list_item":
            level = 1
            text = _BULLET_SYMBOL.sub("", text, count=1)  # the bullet is layout, not a word
        return Paragraph(k, level, text, paragraph[0].page)

    previous: _Line | None = None
    for line in all_lines:
        is_heading = looks_like_heading(line)
        bullet = _BULLET.match(line.text) is not None
        if previous is None:
            new = True
        elif previous.page != line.page:
            # a paragraph may go on at the top of the next page: only when the sentence goes on
            new = (kind == "heading" or is_heading or bullet or _SENTENCE_END.search(previous.text) is not None
                   or not line.text[:1].islower())
        else:
            gap = previous.y - line.y
            expected = line_gap * max(line.size, previous.size) / body
            if gap > 1.45 * expected or gap < -0.5 * expected or abs(line.size - previous.size) > 0.6:
                new = True
            elif kind == "heading":
                new = not is_heading  # a heading of two lines stays one heading
            else:
                new = is_heading or bullet
        if new:
            done = emit()
            if done is not None:
                yield done
            paragraph = [line]
            kind = "heading" if is_heading else "list_item" if bullet else "paragraph"
        else:
            paragraph.append(line)
        previous = line
    done = emit()
    if done is not None:
        yield done


def _drop_page_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Leave out page numbers and lines repeated at the top or bottom of most pages."""
    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text.strip().lower())

    repeated: set[str] = set()
    if len(pages) >= 3:
        counts: Counter[str] = Counter()
        for page in pages:
            edge = page[:2] + page[-2:] if len(page) > 4 else page
            counts.update({key(line) for line in edge})
        repeated = {k for k, n in counts.items() if n >= max(3, 0.5 * len(pages))}
    out = []
    for page in pages:
        kept = []
        for i, line in enumerate(page):
            at_edge = i < 2 or i >= len(page) - 2
            if _PAGE_NUMBER.match(line.text) or (at_edge and key(line) in repeated):
                continue
            kept.append(line)
        out.append(kept)
    return out


# ── the reading process ──────────────────────────────────────────────────────────────────────

_BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); "
         "from helder.documents.office import _worker; sys.exit(_worker(sys.argv[2:]))")


def _no_sandbox(path: str, why: str) -> InputError:
    return InputError(f"helder kan {object_name(path)} niet veilig lezen: het aparte leesproces start niet "
                      f"({why}). Zet HELDER_OFFICE_ISOLATE=0 om het zonder grenzen in dit proces te lezen.")


def _extract_isolated(data: bytes, fmt: str, path: str, limits: Limits) -> tuple[list[Paragraph], list[str]]:
    """Run :func:`extract` in a child Python process with limits on memory and time.

    The child runs isolated (``python -I``: no working directory, no PYTHON* variables, no user
    site-packages on ``sys.path``) with this package's folder passed explicitly, so nothing from the
    folder where helder runs is imported. If it cannot start, reading fails: it never falls back to
    reading here without limits.
    """
    package_root = str(Path(__file__).resolve().parents[2])  # the folder that holds "helder"
    command = [sys.executable, "-I", "-c", _BOOT, package_root, fmt, path, json.dumps(asdict(limits))]
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=package_root)
    except OSError as exc:
        raise _no_sandbox(path, exc.strerror or str(exc)) from None
    try:
        out, err = proc.communicate(data, timeout=limits.seconds + 2)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise _too_slow(path, limits.seconds) from None
    try:
        answer = json.loads(out.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        answer = None
    if not isinstance(answer, dict):
        if proc.returncode and proc.returncode > 0 and b"Error" in err[-2000:] and b"MemoryError" not in err[-2000:]:
            last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
            if "ModuleNotFoundError" in last[0] or "ImportError" in last[0]:
                raise _no_sandbox(path, last[0][:200])
        # killed by the memory or CPU limit, or crashed in a library
        raise _too_complex(path)
    if "error" in answer:
        raise InputError(str(answer["error"]))
    paragraphs = [Paragraph(str(k), int(lv), str(t), int(pg)) for k, lv, t, pg in answer["paragraphs"]]
    return paragraphs, [str(n) for n in answer.get("notes", [])]


def _limit_resources(limits: Limits) -> None:
    try:
        import resource
    except ImportError:  # not on Windows
        return
    for name, value in (("RLIMIT_AS", limits.memory_bytes), ("RLIMIT_CPU", int(limits.seconds) + 2)):
        which = getattr(resource, name, None)
        if which is None:
            continue
        try:
            soft, hard = resource.getrlimit(which)
            new = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (new, hard))
        except (ValueError, OSError):
            pass


def _worker(argv: list[str]) -> int:
    """The reading process: ``FORMAT PATH [LIMITS-JSON]`` with the file on standard input."""
    fmt, path = argv[0], argv[1]
    try:
        limits = Limits(**json.loads(argv[2] if len(argv) > 2 else "{}"))
    except (TypeError, ValueError):
        limits = LIMITS
    _limit_resources(limits)
    data = sys.stdin.buffer.read()
    try:
        paragraphs, notes = extract(data, fmt, path, limits=limits)
        answer: dict[str, Any] = {"paragraphs": [[p.kind, p.level, p.text, p.page] for p in paragraphs],
                                  "notes": notes}
    except InputError as exc:
        answer = {"error": str(exc)}
    except MemoryError:
        answer = {"error": str(_too_complex(path))}
    sys.stdout.write(json.dumps(answer, ensure_ascii=True))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_worker(sys.argv[1:]))
