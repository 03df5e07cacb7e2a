"""Apply fixes to a source text, and check the result once: a fix never brings a new finding.

:func:`fix_document` applies the chosen fixes, parses the fixed text once more and compares its
findings with the old ones (rule code and words, counted). A finding that is new is blamed on the
fixes in its sentence; those fixes are left out and the others applied. When a new finding cannot be
blamed on any fix, no fix is applied to that text. The text is parsed once more in all, not once per fix.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

from ..types import Edit, Finding, Report
from . import fixes_of

if TYPE_CHECKING:
    from ..analysis import Options
    from ..documents.base import Document


@dataclass(frozen=True)
class Placed:
    """An applied edit and where its replacement stands in the new text."""

    finding: Finding
    edit: Edit
    new_start: int
    new_end: int


def apply_edits(source: str, findings: Iterable[Finding]) -> tuple[str, list[Placed]]:
    """``source`` with the edits of the findings' fixes. A fix whose edits overlap those of an earlier
    fix is left out whole (a finding with several edits is applied whole or not at all)."""
    taken: list[tuple[int, int]] = []
    chosen: list[Finding] = []
    for f in sorted((f for f in findings if f.fix and f.fix.edits), key=lambda f: min(e.start for e in f.fix.edits)):
        if any(e.start < b and a < e.end or e.start == a for e in f.fix.edits for a, b in taken):
            continue
        chosen.append(f)
        taken.extend((e.start, e.end) for e in f.fix.edits)
    edits = sorted(((e, f) for f in chosen for e in f.fix.edits), key=lambda ef: (ef[0].start, ef[0].end))
    out: list[str] = []
    placed: list[Placed] = []
    pos = shift = 0
    for e, f in edits:
        out.append(source[pos:e.start])
        out.append(e.replacement)
        placed.append(Placed(f, e, e.start + shift, e.start + shift + len(e.replacement)))
        shift += len(e.replacement) - (e.end - e.start)
        pos = e.end
    out.append(source[pos:])
    return "".join(out), placed


def _key(f: Finding) -> tuple[str, str]:
    return f.code, " ".join(f.match.split()).casefold()


#: Rules that say the same thing at two strengths: a long sentence that becomes less long is not new.
_SAME_AS = {"LB002": "LB001"}


def _moved(offset: int, placed: list[Placed], *, end: bool) -> int:
    """Where source ``offset`` stands in the fixed text."""
    shift = 0
    for p in placed:
        if offset < p.edit.start or (offset == p.edit.start and not end):
            break
        if offset < p.edit.end or (offset == p.edit.end and end):
            return p.new_end if end else p.new_start
        shift = p.new_end - p.edit.end
    return offset + shift


def _new_findings(old: Sequence[Finding], new: Sequence[Finding], placed: list[Placed]) -> list[Finding]:
    """Findings of the fixed text that no finding of the old text explains: not the same rule at the same
    (moved) place, and not the same rule about the same words (counted)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in old:
        spans.setdefault(_SAME_AS.get(f.code, f.code), []).append((_moved(f.span.start, placed, end=False),
                                             _moved(f.span.end, placed, end=True)))
    words = Counter(_key(f) for f in old)
    out = []
    for f in new:
        here = any(a < f.span.end and f.span.start < b or (a, b) == (f.span.start, f.span.end)
                   for a, b in spans.get(_SAME_AS.get(f.code, f.code), ()))
        if here:
            continue
        if words[_key(f)] > 0:
            words[_key(f)] -= 1
            continue
        out.append(f)
    return out


@dataclass
class FixResult:
    """What :func:`fix_document` did to one text."""

    text: str  # the fixed source text (the old one when nothing was applied)
    applied: list[Finding] = field(default_factory=list)
    refused: list[Finding] = field(default_factory=list)  # would have brought a new finding
    after: Report | None = None  # the report of ``text``, when it was computed
    after_document: "Document | None" = None

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def _blame(new: Sequence[Finding], report: Report, placed: list[Placed]) -> set[int] | None:
    """Indexes into ``placed`` of the fixes behind the new findings; None: a new finding no fix explains."""
    sentences = sorted((s.span.start, s.span.end) for s in report.sentences)
    starts = [s for s, _ in sentences]
    blamed: set[int] = set()
    for f in new:
        lo, hi = f.span.start, f.span.end
        hit = {k for k, p in enumerate(placed) if p.new_start <= hi and lo <= p.new_end}
        if not hit:  # not on the new words themselves: the fixes in its sentence
            i = bisect.bisect_right(starts, lo) - 1
            if i >= 0 and sentences[i][1] >= hi:
                lo, hi = min(lo, sentences[i][0]), max(hi, sentences[i][1])
            hit = {k for k, p in enumerate(placed) if p.new_start <= hi and lo <= p.new_end}
        if not hit:
            return None
        blamed |= hit
    return blamed


def analyze_source(document: "Document", text: str, options: "Options") -> tuple[Report, "Document"]:
    """Read ``text`` the way ``document`` was read (same format and path) and analyse it."""
    from ..analysis import analyze_documents
    from ..documents import from_string

    fixed = from_string(text, format=document.format, path=document.path)
    return next(analyze_documents([fixed], options)), fixed


def fix_document(document: "Document", report: Report, options: "Options", *,
                 unsafe: bool = False, recheck: bool = True) -> FixResult:
    """Apply the safe fixes of ``report`` (with ``unsafe``: all fixes) to ``document.source``."""
    chosen = fixes_of(report.findings, unsafe=unsafe)
    if not chosen:
        return FixResult(document.source, after=report, after_document=document)
    text, placed = apply_edits(document.source, chosen)
    if not recheck:
        return FixResult(text, [p.finding for p in placed])
    after, after_doc = analyze_source(document, text, options)
    new = _new_findings(report.findings, after.findings, placed)
    if not new:
        return FixResult(text, [p.finding for p in placed], [], after, after_doc)
    blamed = _blame(new, after, placed)
    if blamed is None:
        return FixResult(document.source, [], [p.finding for p in placed], report, document)
    keep = [p.finding for k, p in enumerate(placed) if k not in blamed]
    refused = [p.finding for k, p in enumerate(placed) if k in blamed]
    text, placed = apply_edits(document.source, keep)
    return FixResult(text, [p.finding for p in placed], refused)
