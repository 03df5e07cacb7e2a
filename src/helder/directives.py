"""Inline directives: the writer's own exceptions, written in the text as HTML comments.

The readers (:mod:`helder.documents`) find the comments; this module applies them to the findings of
one document, after every rule and LanguageTool have run, and reports a directive that silenced
nothing (rule ST010 ``ongebruikte-opdracht``)::

    <!-- helder: uit -->            all rules off from here ...
    <!-- helder: aan -->            ... on again from here
    <!-- helder: uit WK001 ZB -->   only these codes or prefixes off (LT or LT:RULE_ID for LanguageTool)
    <!-- helder: aan ZB002 -->      one of them on again; the others stay off
    <!-- helder: negeer WK001 -->   only the next paragraph (block: heading, list item, table cell ...)

``off``/``on``/``ignore`` are English synonyms. A finding is silenced when it *starts* inside a region
that covers its code. Directives are the highest layer of the configuration: they silence findings
the configuration and the command line switched on, but cannot switch on a rule that did not run.

When is a directive reported as unused (ST010)?

- ``uit``/``negeer`` that silenced no finding, when at least one of its codes belongs to a rule that
  ran for this document (a directive for a rule the profile switches off is not an error: the same
  text may be checked with another profile). Without codes it is about every rule, so always.
- ``uit``/``negeer`` with a code helder does not know (a typo such as ``WK0001``).
- ``aan`` with nothing switched off before it.

ST010 findings can themselves be silenced (``<!-- helder: uit ST010 -->``), but a directive never
silences its own report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from .types import Finding, Severity, Span

if TYPE_CHECKING:
    from .checks.loader import Rule
    from .documents.base import Document

#: The code rule (``function:`` in its YAML) that reports unused directives: ST010. It runs as every rule
#: does (so profiles, select and ignore switch it); its findings are made here, once the others are known.
UNUSED_FUNCTION = "unused_directive"
LT_PREFIX = "LT:"


def unused_rule(rules: Iterable["Rule"]) -> "Rule | None":
    """The rule that reports unused directives (``function: unused_directive``), if there is one."""
    return next((r for r in rules if r.kind == "python" and r.spec.get("function") == UNUSED_FUNCTION), None)


@dataclass
class Region:
    """Source offsets ``[start, end)`` where ``codes`` (empty: all) minus ``exclude`` are off."""

    directive: int  # index into Document.directives
    start: int
    end: int
    codes: tuple[str, ...]
    exclude: tuple[str, ...] = ()

    def covers(self, finding: Finding) -> bool:
        if not (self.start <= finding.span.start < self.end):
            return False
        code = finding.code.upper()
        if self.codes and not any(code.startswith(c) for c in self.codes):
            return False
        return not any(code.startswith(c) for c in self.exclude)


@dataclass
class Outcome:
    findings: list[Finding]  # kept findings, plus ST010 for unused directives (sorted)
    silenced: int  # how many findings the directives silenced


def _codes(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(c.upper() for c in codes)


def regions(document: "Document") -> tuple[list[Region], set[int], list[int]]:
    """The regions the document's directives switch off.

    Returns ``(regions, used_on, stray_on)``: the indexes of ``aan`` directives that ended a region,
    and of ``aan`` directives with nothing to switch on.
    """
    end_of_text = len(document.source) + 1
    out: list[Region] = []
    open_: list[Region] = []
    used_on: set[int] = set()
    stray_on: list[int] = []
    order = sorted(range(len(document.directives)), key=lambda i: document.directives[i].source_offset)
    for i in order:
        d = document.directives[i]
        codes = _codes(d.codes)
        if d.action == "off":
            region = Region(i, d.source_offset, end_of_text, codes)
            out.append(region)
            open_.append(region)
        elif d.action == "ignore-next":
            block = next((b for b in document.blocks if b.end > d.plain_offset), None)
            if block is None:
                out.append(Region(i, end_of_text, end_of_text, codes))
            else:
                span = document.span(block.start, block.end)
                out.append(Region(i, span.start, span.end, codes))
        elif d.action == "on":
            touched = False
            still_open: list[Region] = []
            for region in open_:
                if not codes:
                    region.end = d.source_offset
                    touched = True
                    continue
                relevant = [c for c in codes if not region.codes or any(
                    c.startswith(rc) or rc.startswith(c) for rc in region.codes)]
                if not relevant:
                    still_open.append(region)
                    continue
                touched = True
                region.end = d.source_offset
                fully = region.codes and all(any(rc.startswith(c) for c in codes) for rc in region.codes)
                if not fully:
                    rest = Region(region.directive, d.source_offset, end_of_text, region.codes,
                                  region.exclude + tuple(c for c in relevant if c not in region.exclude))
                    out.append(rest)
                    still_open.append(rest)
            open_ = still_open
            (used_on.add(i) if touched else stray_on.append(i))
    return out, used_on, stray_on


def _comment_span(document: "Document", offset: int) -> tuple[Span, str]:
    from .documents.base import LineIndex

    src = document.source
    end = src.find("-->", offset)
    end = end + 3 if end != -1 else min(len(src), offset + 4)
    lines = getattr(document, "_lines", None) or LineIndex(src)
    line, col = lines.line_col(offset)
    end_line, end_col = lines.line_col(end)
    return Span(offset, end, line, col, end_line, end_col), src[offset:end]


def _is_active(code: str, active: set[str], grammar: "bool | Callable[[str], bool]") -> bool:
    if code == "LT" or code.startswith(LT_PREFIX):
        return grammar(code if code.startswith(LT_PREFIX) else LT_PREFIX) if callable(grammar) else grammar
    return any(a.startswith(code) for a in active)


def apply(document: "Document", findings: Iterable[Finding], *, active: Iterable[str] = (),
          grammar: "bool | Callable[[str], bool]" = False, rule: "Rule | None" = None,
          severity: Severity | None = None) -> Outcome:
    """Silence the findings the document's directives switch off; report unused directives.

    ``active``: codes of the rules that ran. ``grammar``: LanguageTool ran (True), or a function that
    tells whether an ``LT:`` code was selected. ``rule``: the ST010 rule when it is on (None: unused
    directives are not reported); ``severity``: its severity.
    """
    from .config import is_known_prefix

    findings = list(findings)
    if not document.directives:
        return Outcome(sorted(findings, key=_order), 0)
    regs, used_on, stray_on = regions(document)
    used: set[int] = set(used_on)
    kept: list[Finding] = []
    silenced = 0
    for f in findings:
        hit = [r for r in regs if r.covers(f)]
        if hit:
            silenced += 1
            used.update(r.directive for r in hit)
        else:
            kept.append(f)
    reports: list[tuple[int, Finding]] = []
    if rule is not None:
        active_set = {c.upper() for c in active}
        sev = severity if severity is not None else rule.severity
        for i, d in enumerate(document.directives):
            codes = _codes(d.codes)
            variant, values = None, {}
            if d.action == "on":
                if i not in stray_on:
                    continue
                variant = "on"
            else:
                unknown = [c for c in codes if not is_known_prefix(c)]
                if unknown:
                    variant, values = "unknown", {"code": unknown[0]}
                elif i in used:
                    continue
                elif codes and all(c.startswith(rule.code) for c in codes):
                    continue  # only about ST010 itself
                elif codes and not any(_is_active(c, active_set, grammar) for c in codes):
                    continue  # about rules that did not run here
                elif not codes and not active_set and not _is_active("LT", active_set, grammar):
                    continue
            span, text = _comment_span(document, d.source_offset)
            template = rule.messages.get(variant, rule.message) if variant else rule.message
            values["directive"] = " ".join(text.split())
            reports.append((i, Finding(
                code=rule.code, name=rule.name, message=_fill(template, values), severity=sev, span=span,
                match=text, link=rule.link)))
    for i, f in reports:
        hit = [r for r in regs if r.directive != i and r.covers(f)]
        if hit:
            silenced += 1
        else:
            kept.append(f)
    return Outcome(sorted(kept, key=_order), silenced)


def _fill(template: str, values: dict) -> str:
    from .checks.context import fill

    return " ".join(fill(template, values).split())


def _order(f: Finding) -> tuple:
    return (f.span.start, f.span.end, f.code)
