"""``helder check --server URL`` (or ``HELDER_SERVER``): let a running ``helder serve`` do the analysis.

The command line still reads the files, applies the baseline, formats the output and decides the
exit code; only the analysis (the expensive part: the pipeline) goes to the server's
``/api/v1/check``. The server's schema-1 JSON becomes :class:`helder.types.Report` objects again,
so the output is the same as a local run.

A document is checked locally instead when the server cannot give the same answer: a Word,
OpenDocument or PDF file (the server would read the text from the file again), a configuration file
with settings, severities, accepted words or its own officialese list (only ``select``/``ignore``
and the profile travel), or LanguageTool (``--grammar``: the local LanguageTool applies).
When the server does not answer, everything is checked locally, with one warning.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
import uuid
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..types import Edit, Finding, Fix, Metric, Report, SentenceScore, Severity, Span

if TYPE_CHECKING:
    from ..analysis import Options
    from ..documents.base import Document

ENV_SERVER = "HELDER_SERVER"
ENV_TOKEN = "HELDER_TOKEN"
TIMEOUT = 120.0
_REMOTE_FORMATS = ("text", "markdown", "html")


class ServerUnavailable(Exception):
    pass


def _remote_fields(document: "Document", options: "Options") -> dict[str, str] | None:
    """The form fields for the server, or None when this document must be checked locally."""
    from ..analysis import settings_for

    if document.format not in _REMOTE_FORMATS:
        return None
    settings = settings_for(document, options)
    if settings.grammar or settings.config.settings or settings.severity or settings.accept or settings.own_lexicons:
        return None
    return {"text": document.source, "format": document.format, "name": document.path,
            "profile": settings.profile.name if settings.profile_named else "",
            "select": ",".join(settings.cli_select), "ignore": ",".join(settings.cli_ignore),
            "config_select": ",".join(settings.file_select), "config_ignore": ",".join(settings.file_ignore),
            "min_severity": settings.min_severity.label, "sentences": "true"}


def _post(url: str, fields: dict[str, str], token: str) -> dict[str, Any]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n'
             f"Content-Type: text/plain; charset=utf-8\r\n\r\n{v}\r\n" for k, v in fields.items()]
    body = ("".join(parts) + f"--{boundary}--\r\n").encode("utf-8")
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url.rstrip("/") + "/api/v1/check", data=body, headers=headers)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        try:
            message = json.loads(exc.read().decode("utf-8")).get("error", "")
        except (ValueError, OSError, AttributeError):
            message = ""
        raise ServerUnavailable(f"de server gaf foutcode {exc.code}" + (f" ({message})" if message else "")) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ServerUnavailable(f"geen antwoord van {url} ({reason})") from None


def _fix(data: dict[str, Any] | None) -> Fix | None:
    if not data:
        return None
    edits = tuple(Edit(e["start"], e["end"], e["replacement"]) for e in data["edits"])
    return Fix(edits=edits, applicability=data["applicability"])


def _report(document: "Document", data: dict[str, Any]) -> Report:
    from ..documents.base import LineIndex

    f = data["files"][0]
    lines = LineIndex(document.source)

    def span(start: int, end: int) -> Span:
        return Span(start, end, *lines.line_col(start), *lines.line_col(end))

    findings = tuple(Finding(code=x["code"], name=x["name"], message=x["message"],
                             severity=Severity.parse(x["severity"]),
                             span=Span(x["start"], x["end"], x["line"], x["column"], x["end_line"], x["end_column"]),
                             match=x["match"], replacements=tuple(x["replacements"]), link=x["link"],
                             source=x["source"], fix=_fix(x.get("fix"))) for x in f["findings"])
    sentences = tuple(SentenceScore(index=s["index"], text=s["text"], span=span(s["start"], s["end"]),
                                    words=s["words"], lint_score=s["lint_score"], lint_level=s["lint_level"],
                                    features=s["features"]) for s in f.get("sentences", []))
    metrics = {k: Metric(name=k, value=m["value"], label=m["label"], reference=m["reference"],
                         interpretation=m["interpretation"]) for k, m in f["metrics"].items()}
    warnings = tuple(dict.fromkeys([*document.warnings, *f["warnings"]]))
    return Report(path=document.path, pipeline=f["pipeline"], parsed=f["parsed"], metrics=metrics,
                  sentences=sentences, findings=findings, profile=f["profile"], warnings=warnings)


def run(url: str, documents: Sequence["Document"], options: "Options",
        local: Callable[[list["Document"]], list[Report]], warn: Callable[[str], None]) -> list[Report]:
    """Reports for ``documents``, in order: from the server where it can, else from ``local``."""
    token = os.environ.get(ENV_TOKEN, "")
    out: list[Report | None] = [None] * len(documents)
    todo: list[int] = []
    for i, document in enumerate(documents):
        fields = _remote_fields(document, options)
        if fields is None:
            todo.append(i)
            continue
        try:
            out[i] = _report(document, _post(url, fields, token))
        except ServerUnavailable as exc:
            warn(f"helder: let op: {exc}; helder controleert de bestanden zelf.")
            todo.extend(range(i, len(documents)))
            break
    todo = sorted(set(todo))
    if todo:
        for i, report in zip(todo, local([documents[i] for i in todo])):
            out[i] = report
    return [r for r in out if r is not None]


__all__ = ["ENV_SERVER", "ServerUnavailable", "run"]
