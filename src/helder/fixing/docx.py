"""A Word file back with helder's advice: a comment on each finding, each safe fix a tracked change.

:func:`annotate_docx` works on the parts of the package directly: only the main document part, the
comments part, ``[Content_Types].xml`` and the document's relationships are rewritten; every other
part (styles, numbering, headers and footers, images, ...) is copied byte for byte. In the document
part, runs are split where a finding starts or ends (each piece keeps the run's ``w:rPr``), so a
comment covers exactly the words of its finding. The paragraphs are found the way the reader finds
them (:func:`helder.documents.office.docx_walk`): line *n* of the Document is the *n*-th paragraph
with text.

A safe fix becomes ``w:del`` + ``w:ins`` (author "helder") when its words sit in plain runs (text
only) with one parent; otherwise only the comment names the suggestion. Findings in footnotes and
endnotes, and paragraphs whose text the reader had to clean up, get no comment (counted in
``Stats.skipped``).

This is also what ``helder serve`` can call for an uploaded Word file::

    data, stats = annotate_docx(upload_bytes, report.findings)
"""

from __future__ import annotations

import bisect
import copy
import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Sequence

from ..documents.decoding import subject
from ..errors import InputError
from ..types import Edit, Finding

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RT_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
AUTHOR = "helder"
# parents a tracked change may sit in (not inside another tracked change, a field or a math object)
_RUN_PARENTS = frozenset({f"{{{W}}}p", f"{{{W}}}hyperlink", f"{{{W}}}smartTag", f"{{{W}}}customXml",
                          f"{{{W}}}sdtContent"})


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Stats:
    comments: int = 0
    changes: int = 0
    skipped: int = 0


@dataclass
class _Para:
    """One paragraph with text: its element, its start in the Document's source, its length."""

    element: Any
    start: int
    length: int
    mappable: bool
    text: str = ""


@dataclass
class _Package:
    infos: list[zipfile.ZipInfo]
    parts: dict[str, bytes]
    document: str  # part name of the main document, e.g. "word/document.xml"
    changed: dict[str, bytes] = field(default_factory=dict)


def _parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def _xml(data: bytes):
    from lxml import etree

    return etree.fromstring(data, _parser())


def _serialize(root) -> bytes:
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _open(data: bytes, path: str) -> _Package:
    from ..documents.office.common import LIMITS, open_zip

    archive = open_zip(data, path, "docx", LIMITS)
    with archive:
        infos = archive.infolist()
        parts = {i.filename: archive.read(i) for i in infos}
    rels = parts.get("_rels/.rels")
    target = None
    if rels is not None:
        for rel in _xml(rels):
            if rel.get("Type") == RT_OFFICE:
                target = rel.get("Target", "").lstrip("/")
    if not target or target not in parts:
        raise InputError(f"{subject(path)} is geen echt Word-bestand: het hoofddocument ontbreekt.")
    return _Package(infos, parts, target)


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


# ── where each character of the Document comes from ─────────────────────────────────────────────

def _paragraphs(body) -> list[_Para]:
    from ..documents.office import clean_line, docx_pieces, docx_walk

    out: list[_Para] = []
    pos = 0
    for p, _kind in docx_walk(body):
        raw = "".join(text for text, _node in docx_pieces(p))
        line = clean_line(raw)
        if not line.strip(" \t\u2028"):
            continue
        out.append(_Para(p, pos, len(line), len(line) == len(raw), line))
        pos += len(line) + 1
    return out


def _pieces(p) -> list[tuple[int, int, Any]]:
    from ..documents.office import docx_pieces

    out, pos = [], 0
    for text, node in docx_pieces(p):
        if text:
            out.append((pos, pos + len(text), node))
            pos += len(text)
    return out


def _split_at(p, offset: int) -> None:
    """Make ``offset`` (a character of paragraph ``p``) the start of a run; the new run keeps ``w:rPr``."""
    for start, end, node in _pieces(p):
        if start < offset < end or start == offset:
            run = node.getparent()
            if run is None or run.tag != _w("r"):
                return
            k = offset - start
            moved = []
            if k > 0:  # split the text node itself
                rest = copy.deepcopy(node)
                node.text, rest.text = node.text[:k], node.text[k:]
                for t in (node, rest):
                    t.set(f"{{{XML_NS}}}space", "preserve")
                moved.append(rest)
            elif node.getprevious() is None or all(c.tag == _w("rPr") for c in node.itersiblings(preceding=True)):
                return  # already the first content of its run
            else:
                moved.append(node)
            moved.extend(node.itersiblings())
            new = copy.deepcopy(run)
            for child in list(new):
                if child.tag != _w("rPr"):
                    new.remove(child)
            for child in moved:
                new.append(child)  # moves it out of the old run
            run.addnext(new)
            return


def _runs_in(p, start: int, end: int) -> list[Any]:
    runs: list[Any] = []
    for a, b, node in _pieces(p):
        if a >= start and b <= end:
            run = node.getparent()
            if run is not None and (not runs or runs[-1] is not run):
                runs.append(run)
    return runs


# ── comments ─────────────────────────────────────────────────────────────────────────────────────

def _comment_text(f: Finding) -> list[str]:
    lines = [f"{f.code} {f.name}: {f.message}"]
    if f.replacements and any(f.replacements):
        lines.append("Voorstel: " + " / ".join(r for r in f.replacements if r))
    if f.link:
        lines.append(f"Meer uitleg: {f.link}")
    return lines


def _comment(cid: int, f: Finding, date: str):
    from lxml import etree

    c = etree.Element(_w("comment"), {_w("id"): str(cid), _w("author"): AUTHOR, _w("date"): date,
                                       _w("initials"): "h"}, nsmap={"w": W})
    for n, line in enumerate(_comment_text(f)):
        p = etree.SubElement(c, _w("p"))
        if n == 0:
            etree.SubElement(etree.SubElement(p, _w("r")), _w("annotationRef"))
        t = etree.SubElement(etree.SubElement(p, _w("r")), _w("t"))
        t.text = line
        t.set(f"{{{XML_NS}}}space", "preserve")
    return c


def _place(paras: list[_Para], offset: int, *, end: bool) -> tuple[int, int] | None:
    """(paragraph index, offset inside it) of a Document offset; None outside the body."""
    starts = [p.start for p in paras]
    i = bisect.bisect_right(starts, offset) - 1
    if end and i > 0 and offset == paras[i].start:
        return i - 1, paras[i - 1].length  # an end at the start of a line belongs to the line before
    if i < 0 or offset - paras[i].start > paras[i].length:
        return None
    return i, offset - paras[i].start


def _mark_start(p, offset: int, marker) -> None:
    for a, _b, node in _pieces(p):
        if a >= offset:
            node.getparent().addprevious(marker)
            return
    p.append(marker)


def _mark_end(p, offset: int, markers: Sequence[Any]) -> None:
    last = None
    for _a, b, node in _pieces(p):
        if b <= offset:
            last = node.getparent()
    if last is None:
        ppr = p.find(_w("pPr"))
        anchor = ppr if ppr is not None else None
        for m in markers:
            if anchor is None:
                p.insert(0, m)
            else:
                anchor.addnext(m)
            anchor = m
        return
    for m in reversed(markers):
        last.addnext(m)


# ── tracked changes ──────────────────────────────────────────────────────────────────────────────

def _plain_runs(runs: list[Any]) -> bool:
    if not runs:
        return False
    parent = runs[0].getparent()
    if parent is None or parent.tag not in _RUN_PARENTS:
        return False
    siblings = list(parent)
    idx = [siblings.index(r) for r in runs]
    if idx != list(range(idx[0], idx[0] + len(idx))):
        return False
    return all(all(c.tag in (_w("rPr"), _w("t")) for c in r) for r in runs)


def _track(p, edit_start: int, edit_end: int, replacement: str, ids: "_Ids", date: str) -> bool:
    from lxml import etree

    runs = _runs_in(p, edit_start, edit_end)
    if not _plain_runs(runs):
        return False
    attrs = {_w("author"): AUTHOR, _w("date"): date}
    deletion = etree.Element(_w("del"), {_w("id"): str(ids.next()), **attrs})
    insertion = etree.Element(_w("ins"), {_w("id"): str(ids.next()), **attrs})
    runs[0].addprevious(deletion)
    new_run = etree.SubElement(insertion, _w("r"))
    rpr = runs[0].find(_w("rPr"))
    if rpr is not None:
        new_run.append(copy.deepcopy(rpr))
    t = etree.SubElement(new_run, _w("t"))
    t.text = replacement
    t.set(f"{{{XML_NS}}}space", "preserve")
    for r in runs:
        deletion.append(r)
        for node in r.findall(_w("t")):
            node.tag = _w("delText")
    deletion.addnext(insertion)
    return True


class _Ids:
    """Fresh ``w:id`` values above every id already in the document and its comments."""

    def __init__(self, *roots) -> None:
        used = [0]
        for root in roots:
            if root is None:
                continue
            for el in root.iter():
                v = el.get(_w("id")) if isinstance(el.tag, str) else None
                if v is not None and v.lstrip("-").isdigit():
                    used.append(int(v))
        self.value = max(used)

    def next(self) -> int:
        self.value += 1
        return self.value


# ── the package ──────────────────────────────────────────────────────────────────────────────────

def _comments_part(pkg: _Package) -> tuple[str, Any, bool]:
    """(part name, root element, is new) of the comments part."""
    from lxml import etree

    rels = pkg.parts.get(_rels_name(pkg.document))
    if rels is not None:
        for rel in _xml(rels):
            if rel.get("Type") == RT_COMMENTS and rel.get("TargetMode") != "External":
                name = posixpath.normpath(posixpath.join(posixpath.dirname(pkg.document), rel.get("Target", "")))
                if name in pkg.parts:
                    return name, _xml(pkg.parts[name]), False
    name = posixpath.join(posixpath.dirname(pkg.document), "comments.xml")
    n = 1
    while name in pkg.parts:
        n += 1
        name = posixpath.join(posixpath.dirname(pkg.document), f"comments{n}.xml")
    return name, etree.Element(_w("comments"), nsmap={"w": W}), True


def _register_comments(pkg: _Package, name: str) -> None:
    from lxml import etree

    rels_name = _rels_name(pkg.document)
    if rels_name in pkg.parts:
        rels = _xml(pkg.parts[rels_name])
    else:
        rels = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    ids = {r.get("Id") for r in rels}
    n = len(ids) + 1
    while f"rId{n}" in ids:
        n += 1
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship", {
        "Id": f"rId{n}", "Type": RT_COMMENTS,
        "Target": posixpath.relpath(name, posixpath.dirname(pkg.document))})
    pkg.changed[rels_name] = _serialize(rels)
    types = _xml(pkg.parts["[Content_Types].xml"])
    if not any(o.get("PartName") == "/" + name for o in types):
        etree.SubElement(types, f"{{{CT_NS}}}Override", {"PartName": "/" + name, "ContentType": CT_COMMENTS})
        pkg.changed["[Content_Types].xml"] = _serialize(types)


def _write(pkg: _Package) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        names = set()
        for info in pkg.infos:
            out.writestr(info, pkg.changed.get(info.filename, pkg.parts[info.filename]))
            names.add(info.filename)
        for name, data in pkg.changed.items():
            if name not in names:
                out.writestr(zipfile.ZipInfo(name, date_time=pkg.infos[0].date_time), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# ── the whole job ────────────────────────────────────────────────────────────────────────────────

def annotate_docx(data: bytes, findings: Sequence[Finding], *, unsafe: bool = False,
                  path: str = "-", source: str | None = None, now: datetime | None = None) -> tuple[bytes, Stats]:
    """The Word file ``data`` with a comment on each finding and its safe fixes (with ``unsafe``: all
    fixes) as tracked changes; ``findings`` are those of the Document helder read from ``data``.
    ``source``: that Document's source text; when given, a paragraph whose text is not the same line of
    it gets no comment (a safety net: the offsets would point elsewhere). Raises InputError (one line
    of Dutch) for a damaged file."""
    try:
        return _annotate(data, list(findings), unsafe, path, now, source)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - a malformed package or XML
        from ..documents.office.common import damaged

        raise damaged(path, "docx") from None


def _annotate(data: bytes, findings: list[Finding], unsafe: bool, path: str,
              now: datetime | None, source: str | None = None) -> tuple[bytes, Stats]:
    pkg = _open(data, path)
    root = _xml(pkg.parts[pkg.document])
    body = root.find(_w("body"))
    if body is None:
        raise InputError(f"{subject(path)} is geen echt Word-bestand: het document heeft geen inhoud.")
    paras = _paragraphs(body)
    if source is not None:
        for p in paras:
            p.mappable = p.mappable and source[p.start:p.start + p.length] == p.text
    cname, comments, new_part = _comments_part(pkg)
    ids = _Ids(root, comments)
    date = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    stats = Stats()
    places: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {}
    edits: dict[int, Edit] = {}
    for i, f in enumerate(findings):
        a, b = _place(paras, f.span.start, end=False), _place(paras, f.span.end, end=True)
        if a is None or b is None or not (paras[a[0]].mappable and paras[b[0]].mappable):
            stats.skipped += 1
            continue
        places[i] = (a, b)
        fix = f.fix
        if fix is not None and (fix.safe or unsafe) and len(fix.edits) == 1:
            e = fix.edits[0]
            ea, eb = _place(paras, e.start, end=False), _place(paras, e.end, end=True)
            if ea is not None and eb is not None and ea[0] == eb[0] and paras[ea[0]].mappable:
                edits[i] = e
    taken: list[tuple[int, int]] = []
    for i in sorted(edits, key=lambda i: edits[i].start):  # no two tracked changes on the same words
        e = edits[i]
        if any(e.start < y and x < e.end or e.start == x for x, y in taken):
            del edits[i]
        else:
            taken.append((e.start, e.end))
    cuts = {o for i in places for o in (findings[i].span.start, findings[i].span.end)}
    cuts.update(o for e in edits.values() for o in (e.start, e.end))
    for offset in sorted(cuts, reverse=True):  # from the end, so earlier offsets stay where they are
        where = _place(paras, offset, end=False)
        if where is not None and paras[where[0]].mappable:
            _split_at(paras[where[0]].element, where[1])
    from lxml import etree

    for i, ((pa, oa), (pb, ob)) in places.items():
        cid = ids.next()
        _mark_start(paras[pa].element, oa, etree.Element(_w("commentRangeStart"), {_w("id"): str(cid)}))
        ref = etree.Element(_w("r"))
        etree.SubElement(ref, _w("commentReference"), {_w("id"): str(cid)})
        _mark_end(paras[pb].element, ob, [etree.Element(_w("commentRangeEnd"), {_w("id"): str(cid)}), ref])
        comments.append(_comment(cid, findings[i], date))
        stats.comments += 1
    for e in sorted(edits.values(), key=lambda e: e.start, reverse=True):  # later words first:
        pa, oa = _place(paras, e.start, end=False)
        # a deletion takes its words out of the text the offsets count
        if _track(paras[pa].element, oa, oa + (e.end - e.start), e.replacement, ids, date):
            stats.changes += 1
    if stats.comments:
        pkg.changed[pkg.document] = _serialize(root)
        pkg.changed[cname] = _serialize(comments)
        if new_part:
            _register_comments(pkg, cname)
    return _write(pkg), stats
