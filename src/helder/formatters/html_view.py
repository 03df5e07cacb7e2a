"""What the HTML report shows of one document, as plain data for the templates in ``templates/``.

Nothing here makes HTML: the view places the sentences and findings of a Report in the document's
plain text, cuts the text into pieces (a piece lies in at most one sentence and has one set of
findings) and collects the numbers of the summary, the chart and the findings list. The templates
turn this into markup, and Jinja2 escapes every value on the way.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..types import FAMILIES as RULE_FAMILIES
from ..types import Finding, Report, SentenceScore, Severity, family_of
from . import nl_number
from .text import SCORE_ROWS

#: Rule families: code prefix -> Dutch name.
FAMILIES = {**{code: name.capitalize() for code, name in RULE_FAMILIES.items()},
            "LT": "Spelling en grammatica (LanguageTool)"}
#: The Dutch name of an organisation's own rules (codes of another prefix, from a rule folder).
OWN_RULES = "Eigen regels"

#: LiNT-II level -> (sentence background, badge/bar colour). Text on the background is #1b1b1b;
#: badges have white text. Contrast is checked in tests/test_html_report.py.
LEVEL_COLOURS = {
    1: ("#e3f2e6", "#1d6b38"),
    2: ("#eef3d2", "#4f6410"),
    3: ("#fdefc8", "#8a5300"),
    4: ("#fbe0de", "#b3261e"),
}
LEVEL_WORDS = {1: "makkelijk", 2: "redelijk makkelijk", 3: "moeilijk", 4: "heel moeilijk"}
SEVERITY_STYLE = {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.SUGGESTION: "suggestie"}
SEVERITY_PLURAL = {Severity.SUGGESTION: "Suggesties", Severity.WARNING: "Waarschuwingen", Severity.ERROR: "Fouten"}

#: The HTML report's score table: the text table's rows (number format and unit), in this order.
_HTML_ORDER = ("lint_score", "flesch_douma", "leesindex_brouwer", "lix", "mean_sentence_length",
               "mean_syllables_per_word", "long_words_share", "sentences", "words", "reading_time_minutes")
_SCORE_ROWS: tuple[tuple[str, int, str], ...] = tuple(
    sorted((row for row in SCORE_ROWS if row[0] in _HTML_ORDER), key=lambda row: _HTML_ORDER.index(row[0])))


# ── positions: source offsets back to the plain text ────────────────────────────────────────

class _PlainIndex:
    """Maps source offsets (of Spans) back to offsets in the document's plain text."""

    def __init__(self, document) -> None:
        segments = sorted(document.offsets.segments(), key=lambda s: (s[1], s[0]))
        self._segments = segments
        self._starts = [s[1] for s in segments]
        self._text_len = len(document.text)

    def plain(self, source_offset: int, *, end: bool = False) -> int:
        segs = self._segments
        if not segs:
            return 0
        i = bisect.bisect_right(self._starts, source_offset) - 1
        if end:
            # an end offset belongs to the segment that ends at or after it
            j = bisect.bisect_left(self._starts, source_offset) - 1
            if j >= 0:
                p, s, n, sn = segs[j]
                if source_offset <= s + sn:
                    return p + (source_offset - s if n == sn else n)
                return p + n
            return 0
        if i >= 0:
            p, s, n, sn = segs[i]
            if source_offset < s + sn:
                return p + (source_offset - s if n == sn else 0)
        if i + 1 < len(segs):
            return segs[i + 1][0]
        return self._text_len


# ── the pieces the templates draw ────────────────────────────────────────────────────────────

@dataclass
class Piece:
    """A finding placed in the plain text."""

    finding: Finding
    number: int  # 1-based number in the findings list
    start: int  # plain offsets
    end: int


@dataclass
class Mark:
    """The underline of one stretch of text: the findings on it, and which of them start here."""

    style: str  # the worst severity: fout, waarschuwing or suggestie
    codes: str
    tips: list[tuple[Piece, str | None]]  # every finding on the stretch, with the id of its box when new
    new: list[Piece]  # findings first shown here: this mark is where their number leads

    @property
    def classes(self) -> str:
        return " ".join(["f", self.style] + (["meer"] if len(self.tips) > 1 else []))


@dataclass
class Run:
    """Text in one sentence (or in none), cut into segments of ``(text lines, Mark or None)``."""

    sentence: SentenceScore | None
    segments: list[tuple[list[str], Mark | None]] = field(default_factory=list)


@dataclass
class Block:
    """A paragraph, heading, list item, table cell or quote of the text, or a list of list items."""

    kind: str
    level: int = 0
    runs: list[Run] = field(default_factory=list)
    items: list[list[Run]] = field(default_factory=list)  # kind "list": the runs of each item


def location_word(fmt: str) -> str:
    return "alinea" if fmt in ("docx", "odt", "pdf") else "regel"


def place(document, finding: Finding) -> str:
    """Where a finding is, in words: ``Regel 3, teken 5``, ``Alinea 4`` or ``Pagina 2, alinea 4``."""
    word = location_word(getattr(document, "format", "text") if document is not None else "text")
    text = f"{word.capitalize()} {finding.span.line}"
    if document is not None and getattr(document, "format", "") == "pdf":
        from ..documents.office import page_of

        page = page_of(document, finding.span.line)
        if page:
            text = f"Pagina {page}, {word} {finding.span.line}"
    elif word == "regel":
        text += f", teken {finding.span.column}"
    return text


def family(code: str) -> str:
    return family_of(code)


class DocumentView:
    """One report with its document (or None), ready for ``document.html.j2``."""

    def __init__(self, report: Report, document, index: int) -> None:
        self.report = report
        self.document = document
        self.index = index
        self.prefix = f"d{index}"
        self.name = report.path if report.path != "-" else "Tekst"
        self.text: str = document.text if document is not None else "\n\n".join(s.text for s in report.sentences)
        self.sentences: list[tuple[int, int, SentenceScore]] = []
        self.pieces: list[Piece] = []
        if document is not None:
            idx = _PlainIndex(document)
            for s in report.sentences:
                a = idx.plain(s.span.start)
                self.sentences.append((a, max(a, idx.plain(s.span.end, end=True)), s))
            for n, f in enumerate(report.findings, 1):
                a = idx.plain(f.span.start)
                self.pieces.append(Piece(f, n, a, max(a, idx.plain(f.span.end, end=True))))
        else:  # no document: the sentences one after another, findings not placed
            pos = 0
            for s in report.sentences:
                self.sentences.append((pos, pos + len(s.text), s))
                pos += len(s.text) + 2
        self.sentences.sort(key=lambda t: (t[0], t[1]))
        for piece in self.pieces:
            if piece.start == piece.end:  # a finding about a place: show it on its sentence
                for a, b, _s in self.sentences:
                    if a <= piece.start <= b and b > a:
                        piece.start, piece.end = a, b
                        break

    def sid(self, sentence: SentenceScore) -> str:
        return f"{self.prefix}-z{sentence.index + 1}"

    def fid(self, number: int) -> str:
        return f"{self.prefix}-f{number}"

    # -- the text ---------------------------------------------------------------------------------
    def _ranges(self) -> list[tuple[str, int, int, int]]:
        blocks = list(getattr(self.document, "blocks", ()) or ())
        if blocks:
            return [(b.kind, b.level, b.start, b.end) for b in blocks]
        out = []
        for m in re.finditer(r"[^\n](?:.*?[^\n])?(?=\n\s*\n|\Z)", self.text, re.S):
            out.append(("paragraph", 0, m.start(), m.end()))
        return out or [("paragraph", 0, 0, len(self.text))]

    def blocks(self) -> list[Block]:
        """The text block by block; list items one after another become one ``list`` block."""
        out: list[Block] = []
        anchored: set[int] = set()
        for kind, level, start, end in self._ranges():
            runs = self._runs(start, end, anchored)
            if kind == "list_item":
                if not out or out[-1].kind != "list":
                    out.append(Block("list"))
                out[-1].items.append(runs)
            elif kind == "heading":
                out.append(Block(kind, min(6, 3 + max(1, level)), runs))
            else:
                out.append(Block(kind, level, runs))
        return out

    def _runs(self, start: int, end: int, anchored: set[int]) -> list[Run]:
        cuts = {start, end}
        for a, b, _s in self.sentences:
            if a < end and b > start:
                cuts.update(x for x in (a, b) if start < x < end)
        for p in self.pieces:
            if p.start < end and p.end > start:
                cuts.update(x for x in (p.start, p.end) if start < x < end)
        points = sorted(cuts)
        runs: list[Run] = []
        starts = [a for a, _b, _s in self.sentences]
        for a, b in zip(points, points[1:]):
            if a >= b:
                continue
            i = bisect.bisect_right(starts, a) - 1
            sentence = None
            if i >= 0 and self.sentences[i][0] <= a < self.sentences[i][1]:
                sentence = self.sentences[i][2]
            if not runs or runs[-1].sentence is not sentence:
                runs.append(Run(sentence))
            active = [p for p in self.pieces if p.start <= a and p.end >= b]
            runs[-1].segments.append((self.text[a:b].split("\n"), self._mark(active, anchored)))
        return runs

    def _mark(self, active: list[Piece], anchored: set[int]) -> Mark | None:
        if not active:
            return None
        new = [p for p in active if p.number not in anchored]
        anchored.update(p.number for p in new)
        worst = max(p.finding.severity for p in active)
        tips = [(p, f"{self.fid(p.number)}-uitleg" if p in new else None)
                for p in sorted(active, key=lambda p: p.number)]
        return Mark(SEVERITY_STYLE[worst], " ".join(p.finding.code for p in active), tips, new)

    # -- summary ----------------------------------------------------------------------------------
    def lint_level(self) -> int | None:
        level = self.report.metric("lint_level")
        if isinstance(level, (int, float)) and int(level) in LEVEL_COLOURS:
            return int(level)
        return None

    def verdict(self):
        from .. import verdict

        return verdict.for_report(self.report)

    def level_counts(self) -> dict[int, int]:
        counts = {lv: 0 for lv in LEVEL_COLOURS}
        for s in self.report.sentences:
            if s.lint_level in counts:
                counts[s.lint_level] += 1
        return counts

    def family_rows(self) -> list[tuple[str, str, int, list[int]]]:
        """Per rule family: code, name, total and the counts per severity (worst first)."""
        counts = {key: {s: 0 for s in Severity} for key in FAMILIES}
        for f in self.report.findings:
            counts.setdefault(family(f.code), {s: 0 for s in Severity})[f.severity] += 1
        return [(fam, FAMILIES.get(fam, f"{OWN_RULES} ({fam})"), sum(by.values()), [by[s] for s in severities_worst_first()])
                for fam, by in counts.items()]

    def score_rows(self) -> list[tuple[str, str, str]]:
        """Label, value in words and meaning of every score the report has."""
        rows = []
        for name, decimals, unit in _SCORE_ROWS:
            m = self.report.metrics.get(name)
            if m is None:
                continue
            v = m.value
            if v is not None and unit == "%" and v <= 1:
                v = 100 * v
            value = nl_number(v, decimals) if v is not None else "niet beschikbaar"
            if v is not None and unit:
                value += " %" if unit == "%" else f" {unit}"
            rows.append((m.label, value, m.interpretation))
        return rows

    # -- chart ------------------------------------------------------------------------------------
    def chart(self) -> dict:
        """Geometry of the bar chart of LiNT-II scores per sentence (a viewBox of 800 by 240)."""
        width, height = 800, 240
        left, right, top, bottom = 70, 10, 12, 38
        plot_w, plot_h = width - left - right, height - top - bottom
        n = len(self.report.sentences)
        step = plot_w / max(1, n)
        bar = max(0.6, step * 0.8)

        def y(score: float) -> float:
            return top + plot_h * (1 - min(100.0, max(0.0, score)) / 100)

        bands = [{"level": lv, "y": y(high), "height": y(low) - y(high), "mid": (y(low) + y(high)) / 2 + 4,
                  "fill": LEVEL_COLOURS[lv][0]} for low, high, lv in ((0, 34, 1), (34, 46, 2), (46, 58, 3), (58, 100, 4))]
        bars = []
        for i, s in enumerate(self.report.sentences):
            x = left + i * step + (step - bar) / 2
            if s.lint_score is None or s.lint_level not in LEVEL_COLOURS:
                bars.append({"x": x, "y": y(0) - 3, "height": 3, "fill": "#5f6368", "number": i + 1, "sentence": None})
            else:
                bars.append({"x": x, "y": y(s.lint_score), "height": y(0) - y(s.lint_score), "number": i + 1,
                             "fill": LEVEL_COLOURS[s.lint_level][1], "sentence": s,
                             "score": nl_number(s.lint_score, 0)})
        return {"width": width, "height": height, "left": left, "plot_w": plot_w, "bar": bar, "n": n,
                "bands": bands, "lines": [y(b) for b in (34, 46, 58)], "base": y(0), "bars": bars}

    def chart_summary(self) -> str:
        scored = [s for s in self.report.sentences if s.lint_score is not None and s.lint_level]
        total = len(self.report.sentences)
        if not scored:
            return f"{total} zinnen; geen enkele zin heeft een LiNT-II-score."
        counts = {lv: sum(1 for s in scored if s.lint_level == lv) for lv in LEVEL_COLOURS}
        text = (f"Elke staaf is een zin, van links (begin) naar rechts (eind); hoe hoger, hoe moeilijker. "
                f"{total} zinnen: {counts[1]} op niveau 1, {counts[2]} op niveau 2, {counts[3]} op niveau 3 en "
                f"{counts[4]} op niveau 4.")
        hardest = sorted(scored, key=lambda s: -(s.lint_score or 0))[:3]
        hardest = [s for s in hardest if (s.lint_level or 0) >= 3]
        if hardest:
            text += " Moeilijkste zinnen: " + ", ".join(
                f"zin {s.index + 1} (niveau {s.lint_level})" for s in sorted(hardest, key=lambda s: s.index)) + "."
        return text

    def sentence_rows(self) -> list[dict]:
        """The chart as a table: number, level, score and the start of every sentence."""
        rows = []
        for s in self.report.sentences:
            rows.append({"number": s.index + 1, "id": self.sid(s) if self.document is not None else None,
                         "level": str(s.lint_level) if s.lint_level else "-",
                         "score": nl_number(s.lint_score, 0) if s.lint_score is not None else "-",
                         "start": s.text if len(s.text) <= 90 else s.text[:87].rstrip() + " …"})
        return rows

    # -- findings list ---------------------------------------------------------------------------
    def finding_items(self) -> list[dict]:
        items = []
        for n, f in enumerate(self.report.findings, 1):
            piece = self.pieces[n - 1] if self.pieces else None
            items.append({"number": n, "finding": f, "place": place(self.document, f), "linked": piece is not None,
                          "style": SEVERITY_STYLE[f.severity], "better": " / ".join(f.replacements[:5]),
                          "quote": self._quote(piece) if piece is not None else None})
        return items

    def _quote(self, piece: Piece) -> tuple[str, str, str] | None:
        """The sentence around a finding as (before, the words of the finding, after)."""
        a, b = piece.start, piece.end
        sa, sb = a, b
        for s_a, s_b, _s in self.sentences:
            if s_a <= a < s_b or (a == b and s_a <= a <= s_b):
                sa, sb = s_a, max(s_b, b)
                break
        if sb - sa > 400 or sb <= sa:
            return None
        before, inside, after = self.text[sa:a], self.text[a:b], self.text[b:sb]
        if not inside.strip():
            return (self.text[sa:sb], "", "")
        return (before, inside, after)

    def nav_line(self) -> tuple[str, int]:
        """The level estimate in words and the number of findings, for the list of files."""
        est = self.verdict()
        level = (f"waarschijnlijk {est.estimate}" if est.estimate else "geen schatting van het taalniveau") + (
            "" if est.meets_target is None else (" (doel gehaald)" if est.meets_target else " (doel niet gehaald)"))
        return level, len(self.report.findings)


def severities_worst_first() -> list[Severity]:
    return sorted(Severity, reverse=True)
