"""LanguageTool's HTTP API (``/v2/check``, ``/v2/languages``) on top of helder.

This module is the protocol only: it reads a request the way LanguageTool 6.x does and writes the
answer in LanguageTool's JSON shape. The checking itself runs in a worker process
(:func:`helder.web.jobs.lt_check`).

Request (form fields, in the body or the query string): ``text`` or ``data`` (annotated text:
``{"annotation": [{"text": ...}, {"markup": ..., "interpretAs": ...}]}``), ``language`` (``nl``,
``nl-NL``, ``nl-BE`` or ``auto``; anything else is refused as LanguageTool refuses it),
``enabledRules``/``disabledRules`` (helder codes such as ``WK001``, or LanguageTool rule ids),
``enabledCategories``/``disabledCategories`` (helder's families ``WK``, ``ZB``, ``LB``, ``ST``, or
LanguageTool categories), ``enabledOnly``, ``level`` (``picky`` is passed on to LanguageTool),
``apiKey`` (the server's token). ``motherTongue``, ``preferredVariants``, ``username`` and the
other fields LanguageTool knows are accepted and ignored. ``profile`` (helder's own) chooses the
text type: ``brief`` (default), ``web`` or ``raadsvoorstel``.

LibreOffice 7.4 sends ``text=...&language=nl-NL`` without percent-encoding the text. Such a body
(it has raw spaces or line breaks, or a ``%`` that is no escape, which a form-encoded body never has) is read
raw: a field starts only at ``&`` followed by a known field name and ``=``, so an ``&``, ``+`` or
``%`` in the text stays as written (LanguageTool itself fails on a ``%`` and turns ``+`` into a
space).

Offsets and lengths in the answer count UTF-16 code units, as Java and LanguageTool's clients do,
and point into the text as sent (with the markup, for ``data``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_to_bytes

__all__ = ["LTError", "LTRequest", "parse_request", "languages", "KNOWN_FIELDS", "utf16_len"]

#: Fields LanguageTool's /v2/check knows (and helder's ``profile``).
KNOWN_FIELDS = frozenset({
    "text", "data", "language", "enabledRules", "disabledRules", "enabledCategories", "disabledCategories",
    "enabledOnly", "level", "motherTongue", "preferredVariants", "username", "apiKey", "mode",
    "allowIncompleteResults", "useragent", "toneTags", "textSessionId", "noopLanguages", "profile",
    "callback", "tokenV2", "ruleValues", "instanceId", "altLanguages", "preferredLanguages",
})
MAX_FIELDS = 40

_LANGUAGES = {"nl": ("Dutch", "nl"), "nl-nl": ("Dutch", "nl"), "nl-be": ("Dutch (Belgium)", "nl-BE"),
              "auto": ("Dutch", "nl")}
_SUPPORTED = "nl, nl-BE, nl-NL"


class LTError(Exception):
    """A request LanguageTool would refuse: HTTP ``status`` and a one-line message."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def body(self) -> str:
        return f"Error: {self.message}"


@dataclass
class LTRequest:
    text: str  # the text to check (markup replaced, for ``data``)
    original: str  # the text as sent, offsets in the answer point into it
    plain_to_original: list[int] | None  # None: the same text
    language: str  # LanguageTool code to pass on: nl, nl-NL or nl-BE
    language_name: str
    language_code: str
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_only: bool = False
    picky: bool = False
    profile: str = ""
    api_key: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# -- reading the form -------------------------------------------------------------------------------

_FIELD_START = re.compile(rb"(?:^|&)(" + b"|".join(re.escape(k.encode()) for k in sorted(KNOWN_FIELDS)) + rb")=")


def _looks_raw(body: bytes) -> bool:
    """True for a body that was not form-encoded (LibreOffice 7.4): raw spaces or line breaks, or a ``%``
    that is no escape. (Raw UTF-8 bytes alone are read either way: some clients leave them unencoded.)"""
    return (any(b in body for b in (b" ", b"\n", b"\r", b"\t"))
            or re.search(rb"%(?![0-9A-Fa-f]{2})", body) is not None)


def _decode_utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise LTError("Invalid UTF-8 in the request") from None


def _percent_decode(value: bytes) -> str:
    if re.search(rb"%(?![0-9A-Fa-f]{2})", value):
        raise LTError("Could not decode query: malformed percent-encoding")
    return _decode_utf8(unquote_to_bytes(value.replace(b"+", b" ")))


def parse_form(body: bytes) -> dict[str, str]:
    """The fields of a form body; raw (not encoded) bodies as LibreOffice 7.4 sends them, too."""
    if not body:
        return {}
    fields: dict[str, str] = {}
    if _looks_raw(body):
        starts = [(m.start(1), m.end(), m.group(1).decode()) for m in _FIELD_START.finditer(body)]
        if not starts or starts[0][0] != 0:
            raise LTError("Could not decode the request: it does not start with a known field")
        for i, (_, value_start, name) in enumerate(starts):
            end = starts[i + 1][0] - 1 if i + 1 < len(starts) else len(body)
            value = body[value_start:end]
            # the text is raw; the short fields (language, rules) may still be encoded
            fields[name] = _decode_utf8(value) if name in ("text", "data") else _percent_decode(value)
        return fields
    pairs = body.split(b"&")
    if len(pairs) > MAX_FIELDS:
        raise LTError(f"Too many fields in the request (at most {MAX_FIELDS})", 413)
    for pair in pairs:
        if not pair:
            continue
        name, _, value = pair.partition(b"=")
        fields[_percent_decode(name)] = _percent_decode(value)
    return fields


# -- annotated text ----------------------------------------------------------------------------------

def _annotated(data: str) -> tuple[str, str, list[int]]:
    """``(text to check, original text, plain index -> original index)`` for LanguageTool's ``data``."""
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError):
        raise LTError("Could not parse JSON from 'data' parameter") from None
    items = parsed.get("annotation") if isinstance(parsed, dict) else None
    if not isinstance(items, list):
        raise LTError("'data' must be a JSON object with a list 'annotation'")
    plain: list[str] = []
    original: list[str] = []
    mapping: list[int] = []
    pos = 0
    for item in items:
        if not isinstance(item, dict):
            raise LTError("Every item of 'annotation' must be an object with 'text' or 'markup'")
        text, markup = item.get("text"), item.get("markup")
        if isinstance(text, str) and markup is None:
            plain.append(text)
            mapping.extend(range(pos, pos + len(text)))
            original.append(text)
            pos += len(text)
        elif isinstance(markup, str) and text is None:
            shown = item.get("interpretAs", "")
            if not isinstance(shown, str):
                raise LTError("'interpretAs' must be a string")
            plain.append(shown)
            mapping.extend([pos] * len(shown))
            original.append(markup)
            pos += len(markup)
        else:
            raise LTError("Every item of 'annotation' needs either 'text' or 'markup' (a string)")
    mapping.append(pos)
    return "".join(plain), "".join(original), mapping


# -- the request ---------------------------------------------------------------------------------

def _list(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def parse_request(fields: dict[str, str], *, max_chars: int) -> LTRequest:
    """Check the fields as LanguageTool does; :class:`LTError` with its message when they are wrong."""
    language = (fields.get("language") or "").strip()
    if not language:
        raise LTError("Missing 'language' parameter, e.g. 'language=nl-NL'")
    known = _LANGUAGES.get(language.lower())
    if known is None:
        raise LTError(f"'{language}' is not a language code known to helder. Supported language codes are: "
                      f"{_SUPPORTED}, auto.")
    if "data" in fields:
        text, original, mapping = _annotated(fields["data"])
    elif "text" in fields:
        text, original, mapping = fields["text"], fields["text"], None
    else:
        raise LTError("Missing 'text' or 'data' parameter")
    if len(original) > max_chars:
        raise LTError(f"Your text exceeds the limit of {max_chars} characters (it's {len(original)} "
                      "characters). Please submit a shorter text.", 413)
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise LTError("Invalid text: it contains a lone surrogate")
    req = LTRequest(
        text=text, original=original, plain_to_original=mapping,
        language={"auto": "nl-NL", "nl": "nl"}.get(language.lower(), language[:2].lower() + language[2:].upper()),
        language_name=known[0], language_code=known[1],
        enabled_rules=_list(fields.get("enabledRules")), disabled_rules=_list(fields.get("disabledRules")),
        enabled_categories=_list(fields.get("enabledCategories")),
        disabled_categories=_list(fields.get("disabledCategories")),
        enabled_only=(fields.get("enabledOnly") or "").strip().lower() == "true",
        picky=(fields.get("level") or "").strip().lower() == "picky",
        profile=(fields.get("profile") or "").strip(), api_key=fields.get("apiKey") or "",
    )
    if req.enabled_only and not (req.enabled_rules or req.enabled_categories):
        raise LTError("You must specify enabled rules or categories when using enabledOnly=true")
    if req.enabled_only and (req.disabled_rules or req.disabled_categories):
        raise LTError("You cannot specify disabled rules or categories using enabledOnly=true")
    return req


def languages() -> list[dict[str, str]]:
    """``/v2/languages``: the languages helder checks, in LanguageTool's shape."""
    return [{"name": "Dutch", "code": "nl", "longCode": "nl"},
            {"name": "Dutch (Belgium)", "code": "nl", "longCode": "nl-BE"},
            {"name": "Dutch", "code": "nl", "longCode": "nl-NL"}]


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) >= 0x10000)
