"""PDF with pypdf: the text layer, lines joined into paragraphs from the page layout.

See :mod:`helder.documents.office` for the rules: a larger gap between lines, a change of font size
or a bullet starts a paragraph; a short line in a larger or bold font is a heading; page numbers and
lines repeated at the top or bottom of most pages are left out.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterator

from ...errors import InputError
from ...messages import subject
from .common import Limits, Paragraph, check_time, no_text_layer

__all__ = ["pdf_paragraphs"]


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


def pdf_paragraphs(data: bytes, path: str, limits: Limits, notes: list[str],
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
            check_time(deadline, path, limits)
            lines = _pdf_page_lines(reader.pages[number - 1], number, deadline, path, limits)
            if not any(any(ch.isalpha() for ch in line.text) for line in lines):
                empty.append(number)
            pages.append(lines)
    if len(empty) == count:
        raise no_text_layer(path)
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
            check_time(deadline, path, limits)
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


@dataclass(frozen=True)
class _Layout:
    """What the lines of a PDF tell about its layout: the font size of the body text, the usual gap
    between two lines of body text, and the font sizes of headings (largest first)."""

    body: float
    line_gap: float
    heading_sizes: tuple[float, ...]

    @classmethod
    def of(cls, pages: list[list[_Line]]) -> _Layout:
        """The layout of pages with at least one line."""
        sizes: Counter[float] = Counter()
        for page in pages:
            for line in page:
                sizes[round(line.size, 1)] += len(line.text)
        body = sizes.most_common(1)[0][0] or 10.0
        gaps = []
        for page in pages:
            for a, b in zip(page, page[1:]):
                gap = a.y - b.y
                if abs(a.size - body) < 0.6 and abs(b.size - body) < 0.6 and 0 < gap < 3 * body:
                    gaps.append(gap)
        line_gap = statistics.median(gaps) if gaps else 1.2 * body
        heading_sizes = sorted({round(line.size, 1) for page in pages for line in page if line.size >= 1.15 * body},
                               reverse=True)
        return cls(body, line_gap, tuple(heading_sizes))

    def is_heading(self, line: _Line) -> bool:
        """A short line without end punctuation in a larger or bold font."""
        words = len(line.text.split())
        if words == 0 or words > 15 or re.search(r"[.,;!?]['\"\u2019\u201d)]*$", line.text):
            return False
        return line.size >= 1.15 * self.body or line.bold

    def heading_level(self, line: _Line) -> int:
        rounded = round(line.size, 1)
        if rounded in self.heading_sizes:
            return min(6, self.heading_sizes.index(rounded) + 1)
        return min(6, len(self.heading_sizes) + 1)

    def starts_paragraph(self, previous: _Line | None, line: _Line, kind: str, is_heading: bool,
                         bullet: bool) -> bool:
        """Whether ``line`` starts a new paragraph after ``previous`` (in a paragraph of ``kind``)."""
        if previous is None:
            return True
        if previous.page != line.page:
            # a paragraph may go on at the top of the next page: only when the sentence goes on
            return (kind == "heading" or is_heading or bullet or _SENTENCE_END.search(previous.text) is not None
                    or not line.text[:1].islower())
        gap = previous.y - line.y
        expected = self.line_gap * max(line.size, previous.size) / self.body
        if gap > 1.45 * expected or gap < -0.5 * expected or abs(line.size - previous.size) > 0.6:
            return True
        if kind == "heading":
            return not is_heading  # a heading of two lines stays one heading
        return is_heading or bullet

    def paragraph(self, lines: list[_Line], kind: str) -> Paragraph:
        """The lines of one paragraph joined, a word broken with a hyphen at a line end made whole."""
        text = lines[0].text
        for line in lines[1:]:
            if re.search(r"[A-Za-zÀ-ÿ][-\u00ad]$", text) and line.text[:1].islower():
                text = text[:-1] + line.text  # "gemeente-" + "raad"
            else:
                text = text + " " + line.text
        level = 0
        if kind == "heading":
            level = self.heading_level(lines[0])
        elif kind == "list_item":
            level = 1
            text = _BULLET_SYMBOL.sub("", text, count=1)  # the bullet is layout, not a word
        return Paragraph(kind, level, text, lines[0].page)


def _pdf_join(pages: list[list[_Line]]) -> Iterator[Paragraph]:
    """Lines of all pages -> paragraphs (see the module text for the rules)."""
    pages = _drop_page_furniture(pages)
    if not any(pages):
        return
    layout = _Layout.of(pages)
    paragraph: list[_Line] = []
    kind = "paragraph"
    previous: _Line | None = None
    for line in (line for page in pages for line in page):
        is_heading = layout.is_heading(line)
        bullet = _BULLET.match(line.text) is not None
        if layout.starts_paragraph(previous, line, kind, is_heading, bullet):
            if paragraph:
                yield layout.paragraph(paragraph, kind)
            paragraph = [line]
            kind = "heading" if is_heading else "list_item" if bullet else "paragraph"
        else:
            paragraph.append(line)
        previous = line
    if paragraph:
        yield layout.paragraph(paragraph, kind)


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
