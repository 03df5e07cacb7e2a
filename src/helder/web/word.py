"""The writer's own Word file back with helder's advice, from ``helder serve``'s web page.

A copy of an uploaded ``.docx`` gets a comment (author "helder") on the words of each finding and
each safe fix as a tracked change (:func:`helder.fixing.docx.annotate_docx`); an ``.odt`` gets the
comments (:func:`helder.fixing.odt.annotate_odt`). Two ways to get it, both keeping the server's
promises (nothing on disk, no text in the log, the work in a worker process):

- The result page of an uploaded Word or OpenDocument file carries the copy as a ``data:`` link
  with a ``download`` name, made in the same worker job as the report (:func:`page_block`). A copy
  whose link would be longer than :data:`DATA_URL_LIMIT` characters is left out, and the page says
  to use the form's second button instead.
- ``POST /controleer/word`` (the form's second button) answers with the copy itself, as an
  attachment named after the upload ("brief.docx" gives "brief-helder.docx"; :func:`route`).
"""

from __future__ import annotations

import base64
import re
from typing import Any
from urllib.parse import quote

__all__ = ["FORMATS", "DATA_URL_LIMIT", "download_name", "content_disposition", "annotated", "page_block",
           "route"]

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
#: The longest ``data:`` link the page carries (Chromium refuses URLs over 2 MB).
DATA_URL_LIMIT = 2_000_000
_UNSAFE_NAME = re.compile(r"[^\w .()-]+")


def download_name(upload_name: str, fmt: str) -> str:
    """``brief.docx`` → ``brief-helder.docx``: letters, digits, spaces and ``.()-_`` only."""
    stem = upload_name.replace("\\", "/").rsplit("/", 1)[-1]
    if stem.lower().endswith("." + fmt):
        stem = stem[: -len(fmt) - 1]
    stem = _UNSAFE_NAME.sub("", stem).strip(" .")[:80].strip(" .")
    return f"{stem or 'document'}-helder.{fmt}"


def content_disposition(name: str) -> str:
    """An attachment header for ``name``: an ASCII name for old clients and the UTF-8 name (RFC 6266)."""
    plain = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def _annotate(data: bytes, fmt: str, document: Any, report: Any):
    if fmt == "docx":
        from ..fixing.docx import annotate_docx

        return annotate_docx(data, report.findings, path=document.path, source=document.source)
    from ..fixing.odt import annotate_odt

    return annotate_odt(data, report.findings, path=document.path, source=document.source)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _stats_sentence(stats: Any, fmt: str) -> str:
    text = f"In de kopie staan {_plural(stats.comments, 'opmerking', 'opmerkingen')} als commentaar bij de woorden"
    if fmt == "docx":
        text += (f" en {_plural(stats.changes, 'verbetering', 'verbeteringen')} als wijziging die je kunt "
                 "accepteren of weigeren")
    text += "."
    if stats.skipped:
        text += (f" {_plural(stats.skipped, 'opmerking', 'opmerkingen')} kon helder niet in het bestand zetten "
                 "(bijvoorbeeld in een voetnoot); die staan wel hieronder.")
    return text


def annotated(*, model: str | None, file_name: str, file_data: bytes, profile: str,
              max_bytes: int) -> dict[str, Any]:
    """The worker job of ``POST /controleer/word``: the annotated copy with its name and type."""
    from ..analysis import Options, analyze_documents
    from ..documents import format_for_path, from_bytes
    from ..errors import InputError

    if not file_data:
        raise InputError("Kies een Word-bestand (.docx) of een OpenDocument-bestand (.odt). "
                         "In geplakte tekst kan helder geen opmerkingen zetten.")
    fmt = format_for_path(file_name or "-")
    if fmt not in FORMATS:
        raise InputError(f"helder kan opmerkingen alleen in een Word-bestand (.docx) of een OpenDocument-bestand "
                         f"(.odt) zetten, niet in {file_name or 'dit bestand'}. Gebruik de knop 'Controleer de "
                         "tekst'.")
    document = from_bytes(file_data, fmt, file_name, max_bytes=max_bytes)
    report = next(analyze_documents([document], Options(model=model, checks=True, profile=profile or None)))
    data, stats = _annotate(file_data, fmt, document, report)
    return {"data": data, "name": download_name(file_name, fmt), "type": FORMATS[fmt],
            "comments": stats.comments, "changes": stats.changes, "skipped": stats.skipped}


def page_block(file_data: bytes, file_name: str, document: Any, report: Any):
    """For the result page (Markup from ``templates/word.html.j2``): a download link to the annotated
    copy, or why there is none."""
    from ..errors import HelderError
    from .jobs import describe_error
    from .pages import fragment

    fmt = document.format
    if fmt not in FORMATS or not file_data:
        return ""
    block = {"kind": "Word-bestand" if fmt == "docx" else "OpenDocument-bestand", "failure": "",
             "stats_sentence": "", "link": "", "name": download_name(file_name, fmt)}
    try:
        data, stats = _annotate(file_data, fmt, document, report)
    except HelderError as exc:
        return fragment("word.html.j2", **{**block, "failure": f": {exc}"})
    except Exception as exc:  # noqa: BLE001 - the report is still worth showing; the log gets type and place
        describe_error(exc)
        return fragment("word.html.j2", **{**block, "failure": " door een fout in helder zelf."})
    if stats.comments:
        link = f"data:{FORMATS[fmt]};base64,{base64.b64encode(data).decode('ascii')}"
        block.update(stats_sentence=_stats_sentence(stats, fmt), link=link if len(link) <= DATA_URL_LIMIT else "")
    return fragment("word.html.j2", **block)


def route(handler: Any, body: bytes) -> None:
    """``POST /controleer/word``: the uploaded file back with helder's comments, as a download."""
    answer = handler._form_job("annotated", body)
    if answer is not None:
        handler._send_bytes(200, answer["data"], answer["type"],
                            headers={"Content-Disposition": content_disposition(answer["name"])})
