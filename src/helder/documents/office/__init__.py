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

Layout of this package: :mod:`.common` (limits, the paragraph, errors, the ZIP container), one module
per format (:mod:`.docx`, :mod:`.odt`, :mod:`.pdf`), :mod:`.reading` (:func:`extract`, in this
process) and :mod:`.sandbox` (the separate reading process).
"""

from __future__ import annotations

import os
import re
from typing import Iterable

from ...errors import InputError
from ...messages import object_name, subject
from ..base import Document
from ..text import TextBuilder
from .common import (EXTRA_INSTALL, KIND_NAMES, LIMITS, LINE_SEPARATOR, OFFICE_FORMATS, OFFICE_SUFFIXES,
                     Limits, Paragraph, clean_line, no_text_layer)
from .docx import docx_pieces, docx_walk
from .reading import extract
from .sandbox import extract_isolated

__all__ = [
    "OFFICE_FORMATS", "OFFICE_SUFFIXES", "EXTRA_INSTALL", "Limits", "LIMITS", "Paragraph",
    "read_office", "extract", "build_document", "location_word", "page_of", "missing_library",
    "docx_walk", "docx_pieces", "clean_line",
]

_MODULES = {"docx": ("docx", "python-docx"), "odt": ("odf", "odfpy"), "pdf": ("pypdf", "pypdf")}


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
    return (f"Voor een {KIND_NAMES[fmt]} heeft helder het pakket {package} nodig. "
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
        raise InputError(f"{subject(path)} is een {KIND_NAMES[fmt]}. {missing}")
    if isolate is None:
        isolate = os.environ.get("HELDER_OFFICE_ISOLATE", "1").strip().lower() not in ("0", "no", "nee", "false")
    if isolate:
        paragraphs, notes = extract_isolated(data, fmt, path, limits)
    else:
        paragraphs, notes = extract(data, fmt, path, limits=limits)
    return build_document(paragraphs, fmt, path, notes)


def build_document(paragraphs: Iterable[Paragraph], fmt: str, path: str = "-",
                   notes: Iterable[str] = ()) -> Document:
    """The Document for extracted paragraphs: one paragraph per source line (see the module text)."""
    kept: list[Paragraph] = []
    lines: list[str] = []
    for p in paragraphs:
        line = clean_line(p.text)
        if line.strip(" \t" + LINE_SEPARATOR):
            kept.append(p)
            lines.append(line)
    source = "\n".join(lines)
    builder = TextBuilder(source)
    pos = 0
    for p, line in zip(kept, lines):
        builder.set_kind(p.kind, p.level)
        start = pos
        for m in re.finditer(LINE_SEPARATOR, line):
            builder.text(start, pos + m.start())
            builder.space(pos + m.start(), pos + m.end(), newline=True)
            start = pos + m.end()
        builder.text(start, pos + len(line))
        builder.boundary()
        pos += len(line) + 1
    text, offsets, blocks, directives = builder.finish()
    if not any(ch.isalpha() for ch in text):
        if fmt == "pdf":
            raise no_text_layer(path)
        raise InputError(f"In {object_name(path)} staan geen woorden om te controleren.")
    document = Document(path=path, format=fmt, source=source, text=text, offsets=offsets, blocks=blocks,
                        encoding="utf-8", directives=directives, warnings=tuple(notes))
    if fmt == "pdf":
        object.__setattr__(document, "_office_pages", tuple(p.page for p in kept))
    return document
