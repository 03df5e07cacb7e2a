"""helder: checks Dutch texts for plain, clear language (taalniveau B1).

Public API::

    import helder
    report = helder.analyze_text("Indien u thans woonachtig bent in Diemen, ...")
    report = helder.analyze_file("brief.md", checks=True, profile="brief")
    for finding in report.findings: ...
    result = helder.audit(["https://www.example.nl/sitemap.xml"], "audit-map")  # pages/findings tables

Importing helder is cheap: spaCy and the Dutch pipeline load on first use, once per process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ArgumentError, ConfigError, HelderError, InputError
from .types import Finding, Metric, Report, SentenceScore, Severity, Span

__version__ = "0.1.0"

__all__ = [
    "ArgumentError",
    "ConfigError",
    "Finding",
    "HelderError",
    "InputError",
    "Metric",
    "Options",
    "Report",
    "SentenceScore",
    "Severity",
    "Span",
    "analyze_file",
    "analyze_text",
    "audit",
    "__version__",
]

if TYPE_CHECKING:
    from .analysis import Options, analyze_file, analyze_text


def __getattr__(name: str) -> Any:
    if name in {"analyze_text", "analyze_file", "analyze_files", "Options"}:
        from . import analysis

        return getattr(analysis, name)
    if name == "audit":  # helder.audit(...): see helder.auditing
        from .auditing import audit

        return audit
    raise AttributeError(f"module 'helder' has no attribute {name!r}")
