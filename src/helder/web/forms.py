"""Form bodies for ``helder serve``, read in memory with limits on fields, parts and depth.

``multipart/form-data`` and ``application/x-www-form-urlencoded`` become a :class:`Form`: text
fields by name and at most one uploaded file (name and bytes). Limits, checked before the body is
parsed: at most :data:`MAX_FIELDS` fields or parts, no nested multipart (depth 1), no field other
than the file over the size limit of the request. A body that breaks them raises :class:`FormError`
with an HTTP status (400 malformed, 413 too many parts, 422 not understood) — never a traceback.
"""

from __future__ import annotations

import email.parser
import email.policy
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import parse_qsl

__all__ = ["Form", "FormError", "MAX_FIELDS", "parse"]

MAX_FIELDS = 40
_NESTED = re.compile(rb"\r?\ncontent-type:[ \t]*multipart/", re.IGNORECASE)
_BOUNDARY = re.compile(r'boundary="?([^";]{1,200})"?', re.IGNORECASE)


class FormError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass
class Form:
    fields: dict[str, str] = field(default_factory=dict)
    file_field: str = ""
    file_name: str = ""
    file_data: bytes = b""

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)


_NOT_UNDERSTOOD = "helder begrijpt dit formulier niet."


def _urlencoded(body: bytes) -> Form:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise FormError(400, "Het formulier is geen geldige UTF-8.") from None
    try:
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
    except UnicodeDecodeError:  # a ValueError too: first
        raise FormError(400, "Het formulier is geen geldige UTF-8.") from None
    except ValueError:
        raise FormError(413, f"Het formulier heeft te veel velden (hoogstens {MAX_FIELDS}).") from None
    return Form(fields=dict(pairs))


def _multipart(content_type: str, body: bytes, file_fields: tuple[str, ...]) -> Form:
    m = _BOUNDARY.search(content_type)
    if not m:
        raise FormError(400, "Het formulier heeft geen grens (boundary).")
    boundary = ("--" + m.group(1)).encode("latin-1", "replace")
    if body.count(boundary) > MAX_FIELDS + 1:
        raise FormError(413, f"Het formulier heeft te veel delen (hoogstens {MAX_FIELDS}).")
    if _NESTED.search(body):
        raise FormError(422, "Een formulier in een formulier neemt helder niet aan.")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    try:
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        parts = list(message.iter_parts()) if message.is_multipart() else None
    except (ValueError, TypeError, LookupError, RecursionError, IndexError):
        raise FormError(400, _NOT_UNDERSTOOD) from None
    if parts is None:
        raise FormError(422, _NOT_UNDERSTOOD)
    form = Form()
    for part in parts:
        try:
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            filename = part.get_filename()
        except (ValueError, TypeError, LookupError, AttributeError):
            raise FormError(400, _NOT_UNDERSTOOD) from None
        if not isinstance(name, str):
            continue
        if name in file_fields and filename is not None:
            if payload:
                # only the name, never a folder: shown in messages, never used on disk
                base = PureWindowsPath(PurePosixPath(str(filename)).name).name
                form.file_field, form.file_name, form.file_data = name, base[:120] or "bestand", payload
            continue
        charset = "utf-8"
        try:
            charset = part.get_content_charset() or "utf-8"
            form.fields[name] = payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise FormError(400, f"Het veld '{name[:40]}' is geen geldige tekst ({charset[:20]}).") from None
    return form


def parse(content_type: str, body: bytes, *, file_fields: tuple[str, ...] = ("bestand", "file")) -> Form:
    """The form in ``body``; :class:`FormError` when it is malformed or breaks a limit."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        return _urlencoded(body)
    if kind == "multipart/form-data":
        return _multipart(content_type, body, file_fields)
    raise FormError(422, _NOT_UNDERSTOOD)
