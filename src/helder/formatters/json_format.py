"""The JSON format: a documented, versioned schema other tools can rely on.

Schema version 1 (``"schema": 1``)::

    {
      "schema": 1,
      "tool": "helder", "version": "0.1.0",
      "files": [
        {
          "path": "brief.md",
          "pipeline": "nl_helder 0.1.0",      # the spaCy pipeline behind parse-based figures
          "parsed": true,                     # false: blank fallback, parse-based figures are null
          "profile": "brief" | null,
          "metrics": {"flesch_douma": {"value": 61.2, "label": "...", "reference": "...",
                                        "interpretation": "..."}, ...},
          "sentences": [{"index": 0, "text": "...", "start": 0, "end": 42, "line": 1, "column": 1,
                         "words": 8, "lint_score": 38.1, "lint_level": 2,
                         "features": {"word_freq": ..., "max_sdl": ..., ...}}, ...],
          "findings": [{"code": "WK001", "name": "ambtelijk-woord", "message": "...",
                        "severity": "warning", "start": 10, "end": 16, "line": 1, "column": 11,
                        "end_line": 1, "end_column": 17, "match": "indien",
                        "replacements": ["als"], "link": "...", "source": "helder",
                        "fix": {"applicability": "safe",
                                "edits": [{"start": 10, "end": 16, "replacement": "als"}]} | null}, ...],
          "warnings": ["..."],
          "verdict": {"cefr_estimate": "B1" | null, "b1_probability": 0.82 | null, "profile": "brief",
                      "target": "B1" | null, "meets_target": true | false | null,
                      "text": "waarschijnlijk B1 (kans op B1 of makkelijker: 0,82) — doel van profiel brief: B1 — gehaald"}
        }
      ],
      "errors": [{"path": "kapot.docx", "message": "..."}],
      "summary": {"files": 1, "findings": 3, "by_severity": {"error": 0, "warning": 2, "suggestion": 1}}
    }

Offsets (``start``/``end``) are character offsets into the decoded source file; ``line`` and
``column`` are 1-based.

``fix`` (added within schema 1): how to apply the advice, or ``null``. ``edits`` replace source
characters ``[start, end)`` with ``replacement``; ``applicability`` is ``"safe"`` (``helder check --fix``
applies it) or ``"unsafe"`` (only with ``--unsafe-fixes``). See :mod:`helder.fixing`. New fields may be added within a schema version; a field is never removed
or changes meaning without raising ``schema``.

``verdict`` (added in schema 1): the estimated CEFR level (``metrics.cefr_estimate``), the probability
that the text is B1 or easier, the profile that judges the text (for ``helder score``: ``--profile``,
the configuration's profile or the default for the file type) with its one target, and whether the
estimate meets it. Below 30 words ``cefr_estimate``, ``b1_probability`` and ``meets_target`` are null
and ``text`` says why. The same verdict drives LB004 (:mod:`helder.verdict`).
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from .. import verdict
from ..types import Report, Severity
from . import JSON_SCHEMA_VERSION


def report_to_dict(report: Report, *, include_sentences: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": report.path,
        "pipeline": report.pipeline,
        "parsed": report.parsed,
        "profile": report.profile,
        "metrics": {
            k: {"value": m.value, "label": m.label, "reference": m.reference,
                "interpretation": m.interpretation}
            for k, m in report.metrics.items()
        },
        "findings": [f.to_dict() for f in report.findings],
        "warnings": list(report.warnings),
        "verdict": verdict.for_report(report).to_dict(),
    }
    if include_sentences:
        out["sentences"] = [
            {
                "index": s.index,
                "text": s.text,
                "start": s.span.start,
                "end": s.span.end,
                "line": s.span.line,
                "column": s.span.column,
                "words": s.words,
                "lint_score": s.lint_score,
                "lint_level": s.lint_level,
                "features": dict(s.features),
            }
            for s in report.sentences
        ]
    return out


def render(reports: Iterable[Report], errors: Iterable[tuple[str, str]] = (), *,
           include_sentences: bool = True) -> str:
    from .. import __version__

    files = [report_to_dict(r, include_sentences=include_sentences) for r in reports]
    counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
    total = 0
    for f in files:
        for fi in f["findings"]:
            counts[fi["severity"]] += 1
            total += 1
    doc = {
        "schema": JSON_SCHEMA_VERSION,
        "tool": "helder",
        "version": __version__,
        "files": files,
        "errors": [{"path": p, "message": m} for p, m in errors],
        "summary": {"files": len(files), "findings": total, "by_severity": counts},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
