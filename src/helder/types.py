"""Core value types shared by every part of helder: severities, findings, sentences, reports.

All are small, immutable dataclasses. Offsets are character offsets into the *original* source text;
``line`` and ``column`` are 1-based, as editors show them.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Mapping


class Severity(IntEnum):
    """How serious a finding is. Ordered, so ``--fail-on`` and ``--min-severity`` can compare."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: "str | int | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        if isinstance(value, int):
            return cls(value)
        key = str(value).strip().lower()
        aliases = {"suggestion": cls.SUGGESTION, "suggestie": cls.SUGGESTION, "info": cls.SUGGESTION,
                   "warning": cls.WARNING, "waarschuwing": cls.WARNING,
                   "error": cls.ERROR, "fout": cls.ERROR}
        try:
            return aliases[key]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}; use suggestion, warning or error") from None

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def dutch(self) -> str:
        return {1: "suggestie", 2: "waarschuwing", 3: "fout"}[int(self)]


@dataclass(frozen=True)
class Span:
    """A stretch of the original source: [start, end) character offsets plus 1-based line/column."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Edit:
    """Replace source characters ``[start, end)`` with ``replacement`` (offsets into the source file)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """How to apply a finding's advice: edits in the source file, and whether that is ``safe``.

    ``safe``: ``helder check --fix`` applies it (one word or phrase, one replacement whose form fits
    the sentence, outside code, markup, quotations, names and directive regions, no overlap with
    another edit). ``unsafe``: only with ``--unsafe-fixes``. See :mod:`helder.fixing`.
    """

    edits: tuple[Edit, ...]
    applicability: str = "unsafe"  # "safe" | "unsafe"

    @property
    def safe(self) -> bool:
        return self.applicability == "safe"

    def to_dict(self) -> dict[str, Any]:
        return {"applicability": self.applicability,
                "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in self.edits]}


@dataclass(frozen=True)
class Finding:
    """One piece of advice at one place in the text."""

    code: str  # e.g. "ZB001"
    name: str  # e.g. "lijdende-vorm"
    message: str  # Dutch, B1, placeholders filled in
    severity: Severity
    span: Span
    match: str  # the text the finding is about, as in the source
    replacements: tuple[str, ...] = ()
    link: str | None = None
    source: str = "helder"  # "helder" or "languagetool"
    fix: Fix | None = None  # edits that apply the advice (see helder.fixing), when there are any

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "message": self.message,
            "severity": self.severity.label,
            "start": self.span.start,
            "end": self.span.end,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "match": self.match,
            "replacements": list(self.replacements),
            "link": self.link,
            "source": self.source,
            "fix": self.fix.to_dict() if self.fix is not None else None,
        }


@dataclass(frozen=True)
class Metric:
    """A named document figure with a short Dutch explanation and where it comes from."""

    name: str
    value: float | int | None  # None: not available (e.g. no parser loaded)
    label: str  # Dutch label for tables
    reference: str = ""  # formula source, e.g. "Douma (1960)"
    interpretation: str = ""  # Dutch one-liner, e.g. "redelijk moeilijk"


@dataclass(frozen=True)
class SentenceScore:
    """One sentence of the text with its own figures."""

    index: int
    text: str
    span: Span
    words: int
    lint_score: float | None = None
    lint_level: int | None = None
    features: Mapping[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    """Everything helder found out about one text."""

    path: str  # file path, or "-" for standard input / text
    pipeline: str  # name and version of the spaCy pipeline that computed parse-based figures
    parsed: bool  # False when only a blank fallback pipeline was available
    metrics: Mapping[str, Metric]
    sentences: tuple[SentenceScore, ...]
    findings: tuple[Finding, ...] = ()
    profile: str | None = None
    warnings: tuple[str, ...] = ()
    #: ``helder.verdict.Verdict``: estimated CEFR level against the profile's target (None: not computed)
    verdict: Any = None

    def metric(self, name: str) -> float | int | None:
        m = self.metrics.get(name)
        return None if m is None else m.value


#: Rule families: code prefix -> folder under ``rules/``; capitalised, the family's Dutch name.
#: The one list (the rule loader, the reports and the web service read it).
FAMILIES = {"WK": "woordkeuze", "ZB": "zinsbouw", "LB": "leesbaarheid", "ST": "structuur"}

_CODE_PREFIX = re.compile(r"[A-Za-z]+")


def family_of(code: str) -> str:
    """The family of a finding's code: its letters before the digits, upper case (``WK001`` -> ``WK``,
    an organisation's ``DIE001`` -> ``DIE``, LanguageTool's ``LT:…`` -> ``LT``)."""
    m = _CODE_PREFIX.match(code)
    return m.group(0).upper() if m else code.upper()
