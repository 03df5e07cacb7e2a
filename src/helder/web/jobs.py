"""The checks ``helder serve`` runs in its worker processes (see :mod:`helder.web.pool`).

Every job takes plain values and returns plain values (text or a JSON-ready dict), so nothing but
data crosses the pipe. Errors come back as :class:`JobError` with an HTTP status.
"""

from __future__ import annotations

from typing import Any

__all__ = ["JobError", "describe_error", "page", "annotated", "lt_check", "api"]


class JobError(Exception):
    """A job that failed: ``kind`` (``input``, ``lt``, ``internal``), an HTTP status and a message."""

    def __init__(self, kind: str, status: int, message: str) -> None:
        super().__init__(message)
        self.kind, self.status, self.message = kind, status, message


def describe_error(exc: BaseException) -> tuple[str, int, str]:
    from ..errors import HelderError
    from .ltapi import LTError

    if isinstance(exc, LTError):
        return ("lt", exc.status, exc.message)
    if isinstance(exc, HelderError):
        return ("input", 422, str(exc))
    if isinstance(exc, (RecursionError, MemoryError)):
        return ("input", 422, "helder kan deze tekst niet lezen: hij is te groot of te diep genest.")
    import sys
    import traceback

    # the type and the place in helder, never the exception's message (it may quote the text)
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    sys.stderr.write(f"helder serve: interne fout: {type(exc).__name__} in {where}\n")
    return ("internal", 500, "helder kon deze tekst niet controleren door een fout in helder zelf.")


def _document(text: str, file_name: str, file_data: bytes, max_bytes: int, format: str | None = None):
    from ..documents import from_bytes, from_string
    from ..errors import InputError

    if file_data:
        return from_bytes(file_data, format, file_name or "-", max_bytes=max_bytes)
    if text.strip():
        return from_string(text.replace("\r\n", "\n"), format, file_name or "-")
    raise InputError("Plak een tekst of kies een bestand.")


def page(*, model: str | None, text: str, file_name: str, file_data: bytes, profile: str, max_bytes: int) -> str:
    """The HTML report for the web page (``POST /controleer``)."""
    from ..analysis import Options, analyze_documents
    from ..formatters.html_report import render_html
    from .formpage import form_html
    from .word import page_block

    document = _document(text, file_name, file_data, max_bytes)
    report = next(analyze_documents([document], Options(model=model, checks=True, profile=profile or None)))
    before = form_html(max_bytes=max_bytes, compact=True) + page_block(file_data, file_name, document, report)
    return render_html([report], [document], before=before)


def annotated(*, model: str | None, text: str, file_name: str, file_data: bytes, profile: str,
              max_bytes: int) -> dict[str, Any]:
    """``POST /controleer/word``: the uploaded Word or OpenDocument file with helder's comments."""
    from .word import annotated as run

    return run(model=model, file_name=file_name, file_data=file_data, profile=profile, max_bytes=max_bytes)


def lt_check(*, model: str | None, request, grammar_url: str | None, base_url: str) -> dict[str, Any]:
    """``/v2/check`` (see :mod:`helder.web.ltcheck`)."""
    from .ltcheck import lt_check as run

    return run(request, model=model, grammar_url=grammar_url, base_url=base_url)


def api(*, model: str | None, action: str, text: str, file_name: str, file_data: bytes, format: str | None,
        profile: str | None, select: tuple[str, ...], ignore: tuple[str, ...], min_severity: str | None,
        grammar: bool, grammar_url: str | None, sentences: bool, max_bytes: int,
        config_select: tuple[str, ...] = (), config_ignore: tuple[str, ...] = ()) -> dict[str, Any]:
    """``/api/v1/check`` and ``/api/v1/score``: the schema-1 JSON of ``--format json``, as a dict."""
    import json

    from ..analysis import Options, analyze_documents
    from ..formatters.json_format import render

    from ..config import Config

    document = _document(text, file_name, file_data, max_bytes, format)
    checking = action == "check"
    config = Config(select=config_select, ignore=config_ignore) if (config_select or config_ignore) else None
    options = Options(model=model, checks=checking, profile=profile or None, select=select, ignore=ignore,
                      config=config,
                      min_severity=min_severity if checking else None,
                      grammar=bool(grammar and grammar_url) if checking else None, grammar_url=grammar_url)
    report = next(analyze_documents([document], options))
    if grammar and checking and not grammar_url:
        from dataclasses import replace

        report = replace(report, warnings=(*report.warnings,
                                           "Spellingcontrole niet beschikbaar: deze server heeft geen LanguageTool."))
    return json.loads(render([report], include_sentences=sentences))
