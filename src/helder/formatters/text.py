"""Human-readable output in Dutch: the score table, and findings as ``path:line:col: CODE message``.
Both end with one verdict line per file (:func:`helder.verdict.line`)."""

from __future__ import annotations

import re
import textwrap
from typing import Iterable

from .. import verdict
from ..types import Finding, Report, Severity
from . import nl_number

# C0 controls but the line end, DEL, C1 controls, and the bidirectional overrides and isolates that
# can make a line show other text than it holds ("Trojan Source")
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(m: re.Match) -> str:
    ch = m.group(0)
    if ch == "\t":
        return " "
    if ch < "\x20":
        return chr(0x2400 + ord(ch))  # the control picture: ESC shows as one character, \u241b
    if ch == "\x7f":
        return "\u2421"
    return "\ufffd"


def terminal_safe(text: str) -> str:
    """``text`` with every control character (but the line end) shown as one harmless character.

    Source lines and file names go to a terminal: an escape sequence in them (``ESC ] 0 ; title BEL``)
    would retitle the terminal or hide text. One character for one keeps the caret under its word.
    """
    return _UNSAFE.sub(_visible, text)

# Order and number format of the score table: (metric name, decimals, unit)
SCORE_ROWS: tuple[tuple[str, int, str], ...] = (
    ("sentences", 0, ""),
    ("words", 0, ""),
    ("mean_sentence_length", 1, "woorden"),
    ("mean_syllables_per_word", 2, "lettergrepen"),
    ("long_words_share", 0, "%"),
    ("flesch_douma", 1, ""),
    ("leesindex_brouwer", 1, ""),
    ("lix", 1, ""),
    ("lint_score", 1, ""),
    ("lint_level", 0, ""),
    ("reading_time_minutes", 1, "minuten"),
)


def _value(report: Report, name: str, decimals: int, unit: str) -> str | None:
    m = report.metrics.get(name)
    if m is None:
        return None
    v = m.value
    if v is not None and unit == "%" and v <= 1:
        v = 100 * v
    text = nl_number(v, decimals) if v is not None else "niet beschikbaar"
    if v is not None and unit:
        text += f" {unit}" if unit != "%" else " %"
    return text


def render_score(report: Report, *, hardest: int = 3) -> str:
    lines = [report.path if report.path != "-" else "(invoer)"]
    rows = []
    for name, decimals, unit in SCORE_ROWS:
        value = _value(report, name, decimals, unit)
        if value is None:
            continue
        m = report.metrics[name]
        rows.append((m.label, value, m.interpretation))
    width = max((len(r[0]) for r in rows), default=10)
    vwidth = max((len(r[1]) for r in rows), default=5)
    for label, value, interp in rows:
        line = f"  {label:<{width}}  {value:>{vwidth}}"
        if interp:
            line += f"  {interp}"
        lines.append(line.rstrip())
    lines.append(f"  Taalmodel: {report.pipeline}" + ("" if report.parsed else " (zonder zinsontleding)"))
    scored = [s for s in report.sentences if s.lint_level is not None]
    if scored and hardest:
        top = sorted(scored, key=lambda s: -(s.lint_score or 0))[:hardest]
        top = [s for s in top if (s.lint_level or 0) >= 3]
        if top:
            lines.append("  Moeilijkste zinnen:")
            for s in top:
                short = textwrap.shorten(s.text, width=90, placeholder=" …")
                lines.append(
                    f"    regel {s.span.line}: niveau {s.lint_level} (LiNT-II {nl_number(s.lint_score, 0)}): {short}"
                )
    for w in report.warnings:
        lines.append(f"  Let op: {w}")
    lines.append(verdict.line(report))
    return terminal_safe("\n".join(lines))


def render_score_summary(reports: list[Report]) -> str:
    words = sum(int(r.metric("words") or 0) for r in reports)
    levels = [r.metric("lint_level") for r in reports if r.metric("lint_level") is not None]
    line = f"Samen: {len(reports)} bestanden, {words} woorden"
    if levels:
        worst = max(levels)
        line += f"; moeilijkste tekst: LiNT-II niveau {int(worst)}"
    return line


def format_finding(f: Finding, path: str) -> str:
    shown = path if path != "-" else "-"
    return f"{shown}:{f.span.line}:{f.span.column}: {f.code} {f.message}"


def render_findings(report: Report, *, full: bool = False, source_line=None) -> str:
    out = []
    for f in report.findings:
        out.append(format_finding(f, report.path))
        if full:
            out.append(f"    [{f.severity.dutch}] {f.name}")
            if source_line is not None:
                line = source_line(f.span.line)
                out.append(f"    {line}")
                width = max(1, (f.span.end_column - f.span.column) if f.span.end_line == f.span.line else len(line) - f.span.column + 1)
                out.append("    " + " " * (f.span.column - 1) + "^" * width)
            if f.replacements:
                out.append("    Beter: " + " / ".join(f.replacements))
            if f.link:
                out.append(f"    Meer uitleg: {f.link}")
    return terminal_safe("\n".join(out))


def render_check_summary(reports: list[Report], fail_on: Severity) -> str:
    counts = {s: 0 for s in Severity}
    for r in reports:
        for f in r.findings:
            counts[f.severity] += 1
    total = sum(counts.values())
    if total == 0:
        head = "Geen opmerkingen."
    else:
        parts = [f"{counts[s]} {s.dutch if counts[s] == 1 else _plural(s)}" for s in sorted(Severity, reverse=True) if counts[s]]
        head = f"{total} opmerking{'en' if total != 1 else ''}: " + ", ".join(parts) + "."
    lines = [head]
    for r in reports:  # one verdict per file, the same one LB004 and the other formats give
        lines.append(verdict.line(r))
    return terminal_safe("\n".join(lines))


def _plural(s: Severity) -> str:
    return {Severity.SUGGESTION: "suggesties", Severity.WARNING: "waarschuwingen", Severity.ERROR: "fouten"}[s]


def render_errors(errors: Iterable[tuple[str, str]]) -> str:
    return terminal_safe("\n".join(f"helder: {msg}" for _, msg in errors))
