"""GitHub Actions workflow commands: every finding becomes an annotation on the pull request.

One line per finding::

    ::warning file=docs/afval.md,line=3,col=1,endLine=3,endColumn=7,title=WK001::Schrijf 'als' in plaats van 'Indien'.

``error`` findings give ``::error``, ``warning`` gives ``::warning``, ``suggestion`` gives ``::notice``.
Columns are 1-based; ``endColumn`` is the column just after the match (as ruff writes it). A file
helder cannot read gives ``::error file=…::message``. Escaping follows the Actions toolkit: in the
message ``%``, CR and LF become ``%25``, ``%0D``, ``%0A``; in property values ``:`` and ``,`` also
become ``%3A`` and ``%2C``.
"""

from __future__ import annotations

from typing import Iterable

from ..types import Finding, Report, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, path: str) -> str:
    s = finding.span
    props = [("file", path), ("line", str(s.line)), ("col", str(s.column)),
             ("endLine", str(s.end_line)), ("endColumn", str(s.end_column)), ("title", finding.code)]
    message = finding.message
    if finding.replacements and any(finding.replacements):
        shown = " / ".join(r for r in finding.replacements if r)
        if shown and shown not in message:
            message += f" (beter: {shown})"
    body = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[finding.severity]} {body}::{escape_data(message)}"


def render(reports: Iterable[Report], errors: Iterable[tuple[str, str]] = ()) -> str:
    lines = []
    for r in reports:
        for f in r.findings:
            lines.append(annotation(f, r.path))
    for path, message in errors:
        lines.append(f"::error file={escape_property(path)},title=helder::{escape_data(message)}")
    return "\n".join(lines)
