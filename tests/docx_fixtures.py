"""Word files for the tests, built with python-docx, and readers for what helder writes into them.

Used by tests/test_annotate.py (``helder check --annotate``), tests/test_serve_word.py and
tests/test_web_pages.py (the Word file from ``helder serve``). python-docx is imported when a file
is built, so a test module can still skip cleanly with ``pytest.importorskip("docx")`` first.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def png() -> bytes:
    """A 4×4 red PNG, made here (no stored blob)."""
    raw = b"".join(b"\x00" + b"\xc8\x1e\x1e" * 4 for _ in range(4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def docx_bytes(paragraphs: list[str], *, heading: str | None = None) -> bytes:
    """A plain Word file: an optional level-1 heading, then one paragraph per item."""
    import docx

    d = docx.Document()
    if heading is not None:
        d.add_heading(heading, 1)
    for text in paragraphs:
        d.add_paragraph(text)
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def styled_docx(path: Path, paragraphs: list[str], *, extras: bool = True) -> None:
    """A Word file at ``path`` with three paragraphs; the first has its own style and the word
    "woonachtig" in bold. ``extras``: also a header, a picture, someone else's comment on the second
    paragraph and a table (parts helder must leave alone)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Inches, Pt

    d = docx.Document()
    style = d.styles.add_style("Helder Nadruk", WD_STYLE_TYPE.PARAGRAPH)
    style.font.size = Pt(13)
    first, rest = paragraphs[0].split("woonachtig")
    p = d.add_paragraph(first, style="Helder Nadruk")
    bold = p.add_run("woonachtig")
    bold.bold = True
    p.add_run(rest)
    second = d.add_paragraph(paragraphs[1])
    d.add_paragraph(paragraphs[2])
    if extras:
        d.sections[0].header.paragraphs[0].text = "Gemeente Diemen"
        d.add_picture(io.BytesIO(png()), width=Inches(1))
        d.add_comment(second.runs[0], text="Klopt deze termijn?", author="Redactie", initials="R")
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Reeds klaar."
        table.cell(0, 1).text = "Niets te doen."
    d.save(str(path))


def docx_parts(source: Path | bytes) -> dict[str, bytes]:
    """Every part of a Word file (a path or its bytes): name -> bytes."""
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def anchored_text(document_xml: bytes) -> dict[str, str]:
    """Comment id -> the original text between its commentRangeStart and commentRangeEnd (deleted text
    included, helder's insertions left out)."""
    from lxml import etree

    root = etree.fromstring(document_xml)
    open_: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for el in root.iter():
        if el.tag == f"{{{W}}}commentRangeStart":
            open_[el.get(f"{{{W}}}id")] = []
        elif el.tag == f"{{{W}}}commentRangeEnd":
            cid = el.get(f"{{{W}}}id")
            done[cid] = "".join(open_.pop(cid, []))
        elif el.tag in (f"{{{W}}}t", f"{{{W}}}delText"):
            wrapper = el.getparent().getparent()
            if wrapper.tag == f"{{{W}}}ins" and wrapper.get(f"{{{W}}}author") == "helder":
                continue
            for parts in open_.values():
                parts.append(el.text or "")
    return done


def comment_texts(comments_xml: bytes, author: str | None = None) -> dict[str, str]:
    """Comment id -> the comment's text (only ``author``'s comments when given)."""
    from lxml import etree

    return {c.get(f"{{{W}}}id"): "".join(t.text or "" for t in c.iter(f"{{{W}}}t"))
            for c in etree.fromstring(comments_xml) if author is None or c.get(f"{{{W}}}author") == author}


def helder_comments_on_words(source: Path | bytes) -> dict[str, str]:
    """The words each comment by "helder" covers (see :func:`anchored_text`) -> the comment's text."""
    parts = docx_parts(source)
    texts = comment_texts(parts["word/comments.xml"], "helder")
    return {words: texts[cid] for cid, words in anchored_text(parts["word/document.xml"]).items() if cid in texts}
