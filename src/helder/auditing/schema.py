"""The two tables of ``helder audit``: ``pages.parquet`` and ``findings.parquet`` (schema version 1).

Both files carry ``helder_audit_schema_version`` (now ``"1"``) and ``helder_version`` in their Parquet
key-value metadata. A reader should check the schema version; columns are only ever added within a
version, never renamed or removed.

``pages.parquet`` — one row per document (page, file or archive member), also for the ones that could
not be fetched or read:

=================  ===========  ======================================================================
column             type         meaning
=================  ===========  ======================================================================
url                string       the page URL, or the file path (``archive.zip!/member`` for archives)
source             string       the SOURCE argument the document came from
title              string       ``<title>`` of an HTML page, else the first heading; null if none
format             string       html, pdf, docx, odt, text or markdown; null when not read
status             string       ``ok`` (analysed), ``skipped`` (not analysed on purpose: robots.txt,
                                other host, other language, content type) or ``error``
reason             string       why it was skipped or failed, one line of Dutch; null when ok
http_status        int32        HTTP status of the last response; null for files
content_type       string       the Content-Type header (without parameters); null for files
bytes              int64        size of the document as read
fetched_at         timestamp    when it was fetched or read (UTC, microseconds)
fetch_seconds      float64      time spent fetching or reading
profile            string       the profile the rules ran with (brief, web, raadsvoorstel)
words              int32        words in the analysed text
sentences          int32        sentences
lint_score         float64      LiNT-II score (0-100, higher is easier)
lint_level         int32        LiNT-II level (1 easiest - 4 hardest)
flesch_douma       float64      Flesch-Douma score
findings           int32        number of findings
warnings           int32        number of warnings about the document (not findings)
errors             int32        findings with severity error
findings_lb …      int32        findings per rule family: ``findings_lb`` (leesbaarheid), ``findings_wk``
                                (woordkeuze), ``findings_zb`` (zinsbouw), ``findings_st`` (structuur),
                                ``findings_lt`` (LanguageTool), ``findings_other``
cefr_estimate      string       estimated CEFR level A1-C2 (:mod:`helder.metrics.cefr`); null under 30 words
b1_probability     float64      estimated probability that the text is B1 or easier
target             string       the profile's CEFR target (B1 for brief and web, B2 for raadsvoorstel)
meets_target       bool         the estimate is at the target or easier (:mod:`helder.verdict`, the same
                                verdict as ``helder check``); null when not analysed or under 30 words
=================  ===========  ======================================================================

``findings.parquet`` — one row per finding: ``url`` (string, as in pages), ``code`` (string),
``severity`` (string: suggestion, warning, error), ``line`` and ``column`` (int32, 1-based, in the
source as read), ``message`` (string, Dutch), ``match`` (string, the text the finding is about).
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = "1"
FAMILIES = ("lb", "wk", "zb", "st", "lt")


def _schemas():
    import pyarrow as pa

    family_fields = [pa.field(f"findings_{f}", pa.int32()) for f in (*FAMILIES, "other")]
    pages = pa.schema([
        pa.field("url", pa.string(), nullable=False),
        pa.field("source", pa.string()),
        pa.field("title", pa.string()),
        pa.field("format", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("reason", pa.string()),
        pa.field("http_status", pa.int32()),
        pa.field("content_type", pa.string()),
        pa.field("bytes", pa.int64()),
        pa.field("fetched_at", pa.timestamp("us", tz="UTC")),
        pa.field("fetch_seconds", pa.float64()),
        pa.field("profile", pa.string()),
        pa.field("words", pa.int32()),
        pa.field("sentences", pa.int32()),
        pa.field("lint_score", pa.float64()),
        pa.field("lint_level", pa.int32()),
        pa.field("flesch_douma", pa.float64()),
        pa.field("findings", pa.int32()),
        pa.field("warnings", pa.int32()),
        pa.field("errors", pa.int32()),
        *family_fields,
        pa.field("cefr_estimate", pa.string()),
        pa.field("b1_probability", pa.float64()),
        pa.field("target", pa.string()),
        pa.field("meets_target", pa.bool_()),
    ])
    findings = pa.schema([
        pa.field("url", pa.string(), nullable=False),
        pa.field("code", pa.string(), nullable=False),
        pa.field("severity", pa.string(), nullable=False),
        pa.field("line", pa.int32()),
        pa.field("column", pa.int32()),
        pa.field("message", pa.string()),
        pa.field("match", pa.string()),
    ])
    return pages, findings


def metadata() -> dict[bytes, bytes]:
    from .. import __version__

    return {b"helder_audit_schema_version": SCHEMA_VERSION.encode(), b"helder_version": __version__.encode()}


def pages_schema():
    return _schemas()[0].with_metadata(metadata())


def findings_schema():
    return _schemas()[1].with_metadata(metadata())


def family(code: str) -> str:
    prefix = code.split(":", 1)[0][:2].lower()
    return prefix if prefix in FAMILIES else "other"


def page_row(base: dict[str, Any], report=None) -> dict[str, Any]:
    """A full pages row: ``base`` (fetch facts) plus the figures of ``report`` when there is one."""
    row = {name: None for name in _schemas()[0].names}
    row.update(base)
    if report is None:
        return row
    from ..verdict import for_report

    level = report.metric("lint_level")
    verdict = for_report(report)
    counts = {f"findings_{f}": 0 for f in (*FAMILIES, "other")}
    for f in report.findings:
        counts[f"findings_{family(f.code)}"] += 1
    row.update(
        profile=report.profile,
        words=_int(report.metric("words")),
        sentences=_int(report.metric("sentences")),
        lint_score=report.metric("lint_score"),
        lint_level=_int(level),
        flesch_douma=report.metric("flesch_douma"),
        findings=len(report.findings),
        warnings=len(report.warnings),
        errors=sum(1 for f in report.findings if f.severity.label == "error"),
        cefr_estimate=verdict.estimate,
        b1_probability=verdict.probability,
        target=verdict.target,
        meets_target=verdict.meets_target,
        **counts,
    )
    return row


def finding_rows(url: str, report) -> list[dict[str, Any]]:
    return [{"url": url, "code": f.code, "severity": f.severity.label, "line": f.span.line,
             "column": f.span.column, "message": f.message, "match": f.match} for f in report.findings]


def _int(value) -> int | None:
    return None if value is None else int(value)


def tables(pages: list[dict[str, Any]], findings: list[dict[str, Any]]):
    """The two pyarrow Tables for lists of row dicts."""
    import pyarrow as pa

    return (pa.Table.from_pylist(pages, schema=pages_schema()),
            pa.Table.from_pylist(findings, schema=findings_schema()))
