"""An OpenDocument text (.odt) back with helder's advice as comments (``office:annotation``).

Only ``content.xml`` is rewritten; every other part of the package is copied byte for byte. Each
finding gets an ``office:annotation`` (creator "helder") where its words start and an
``office:annotation-end`` where they end. The paragraphs are matched to the lines of the Document
helder read by their text, in order; a paragraph whose text does not match (notes, or a structure the
reader reads differently) gets no comment. Tracked changes are not written for OpenDocument.
"""

from __future__ import annotations

import bisect
from datetime import datetime, timezone
from typing import Any, Iterator, Sequence

from ..errors import InputError
from ..types import Finding
from .docx import Stats, _comment_text

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
DC = "http://purl.org/dc/elements/1.1/"
_SKIP_INLINE = {f"{{{TEXT}}}note", f"{{{OFFICE}}}annotation", f"{{{OFFICE}}}annotation-end",
                f"{{{TEXT}}}tracked-changes", f"{{{TEXT}}}ruby-text", f"{{{TEXT}}}bookmark-ref",
                f"{{{TEXT}}}soft-page-break"}
_NOT_BODY = {f"{{{OFFICE}}}annotation", f"{{{TEXT}}}note", f"{{{TEXT}}}tracked-changes"}


def _pieces(p, depth: int = 0) -> Iterator[tuple[int, Any, str]]:
    """(length, node, where) of the text of paragraph ``p`` in reading order, as the reader counts it:
    ``where`` is "text" (node.text), "tail" (node.tail) or "atom" (an element that stands for characters)."""
    if p.text:
        yield len(p.text), p, "text"
    for child in p:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == f"{{{TEXT}}}s":
            try:
                count = int(child.get(f"{{{TEXT}}}c") or 1)
            except ValueError:
                count = 1
            yield max(1, min(count, 100)), child, "atom"
        elif tag in (f"{{{TEXT}}}tab", f"{{{TEXT}}}line-break"):
            yield 1, child, "atom"
        elif tag and tag not in _SKIP_INLINE and not tag.startswith(f"{{{DRAW}}}") and depth < 60:
            yield from _pieces(child, depth + 1)
        if child.tail:
            yield len(child.tail), child, "tail"


def _text(p) -> str:
    import re

    out = []
    for _n, node, where in _pieces(p):
        if where == "text":
            out.append(node.text)
        elif where == "tail":
            out.append(node.tail)
        elif node.tag == f"{{{TEXT}}}s":
            out.append(" " * _n)
        elif node.tag == f"{{{TEXT}}}tab":
            out.append("\t")
        else:
            out.append("\u2028")
    return "".join(s if s == "\t" else re.sub(r"[\r\n\t]", " ", s) for s in out)


def _insert(p, offset: int, element) -> None:
    """Put ``element`` at character ``offset`` of paragraph ``p`` (splitting a text where needed)."""
    pos = 0
    for n, node, where in _pieces(p):
        if offset < pos + n:
            k = offset - pos
            if where == "text":
                element.tail, node.text = node.text[k:], node.text[:k]
                node.insert(0, element)
            elif where == "tail":
                element.tail, node.tail = node.tail[k:], node.tail[:k]
                node.addnext(element)
            else:  # before a space, tab or line break
                node.addprevious(element)
            return
        pos += n
    p.append(element)


def _paragraphs(root) -> list[Any]:
    body = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if body is None:
        return []
    out = []
    for el in body.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h"):
        if not any(a.tag in _NOT_BODY for a in el.iterancestors()):
            out.append(el)
    return out


def _align(paragraphs: list[Any], source: str | None) -> list[tuple[Any, int, int]]:
    """(paragraph, start in the Document's source, length) for every paragraph matched to a line."""
    from ..documents.office import clean_line

    lines = source.split("\n") if source is not None else None
    out, j, pos = [], 0, 0
    starts = []
    if lines is not None:
        for line in lines:
            starts.append(pos)
            pos += len(line) + 1
    pos = 0
    for p in paragraphs:
        raw = _text(p)
        line = clean_line(raw)
        if not line.strip(" \t\u2028") or len(line) != len(raw):
            continue
        if lines is None:
            out.append((p, pos, len(line)))
            pos += len(line) + 1
            continue
        for k in range(j, min(j + 3, len(lines))):
            if lines[k] == line:
                out.append((p, starts[k], len(line)))
                j = k + 1
                break
    return out


def _annotation(name: str, f: Finding, date: str):
    from lxml import etree

    a = etree.Element(f"{{{OFFICE}}}annotation", {f"{{{OFFICE}}}name": name})
    etree.SubElement(a, f"{{{DC}}}creator").text = "helder"
    etree.SubElement(a, f"{{{DC}}}date").text = date
    for line in _comment_text(f):
        etree.SubElement(a, f"{{{TEXT}}}p").text = line
    return a


def annotate_odt(data: bytes, findings: Sequence[Finding], *, path: str = "-", source: str | None = None,
                 now: datetime | None = None) -> tuple[bytes, Stats]:
    """The .odt file ``data`` with a comment on each finding. ``source``: the Document's source text
    (paragraphs as lines) the findings' offsets point into. Raises InputError for a damaged file."""
    try:
        return _annotate(data, list(findings), path, source, now)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - a malformed package or XML
        from ..documents.office.common import damaged

        raise damaged(path, "odt") from None


def _annotate(data: bytes, findings: list[Finding], path: str, source: str | None,
              now: datetime | None) -> tuple[bytes, Stats]:
    from lxml import etree

    from ..documents.office.common import LIMITS, open_zip
    from .docx import _Package, _serialize, _write, _xml

    archive = open_zip(data, path, "odt", LIMITS)
    with archive:
        infos = archive.infolist()
        parts = {i.filename: archive.read(i) for i in infos}
    root = _xml(parts["content.xml"])
    mapped = _align(_paragraphs(root), source)
    starts = [s for _p, s, _n in mapped]
    date = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%S")
    stats = Stats()
    marks: list[tuple[int, int, int, Any]] = []  # (paragraph index, offset, order, element)

    def place(offset: int, end: bool):
        i = bisect.bisect_right(starts, offset) - 1
        if end and i > 0 and offset == starts[i]:
            return i - 1, mapped[i - 1][2]
        if i < 0 or offset - starts[i] > mapped[i][2]:
            return None
        return i, offset - starts[i]

    for n, f in enumerate(findings, 1):
        a, b = place(f.span.start, False), place(f.span.end, True)
        if a is None or b is None:
            stats.skipped += 1
            continue
        name = f"helder-{n}"
        marks.append((a[0], a[1], 1, _annotation(name, f, date)))
        marks.append((b[0], b[1], 0, etree.Element(f"{{{OFFICE}}}annotation-end", {f"{{{OFFICE}}}name": name})))
        stats.comments += 1
    for i, offset, _order, element in sorted(marks, key=lambda m: (m[0], m[1], m[2]), reverse=True):
        _insert(mapped[i][0], offset, element)
    pkg = _Package(infos, parts, "content.xml")
    if stats.comments:
        pkg.changed["content.xml"] = _serialize(root)
    return _write(pkg), stats
