"""Bytes to text: find the encoding, recognise files that are not text at all.

Order: byte order marks (UTF-8, UTF-16, UTF-32), UTF-16 without a mark, then strict UTF-8, then
Windows-1252 (what Word and older Windows programs write: curly quotes, €, ë), then Latin-1, which
always works. A fallback adds a Dutch warning for the writer. Files that are clearly not text (PDF,
Word, ZIP, pictures, anything with NUL bytes or mostly control characters) raise
:class:`~helder.errors.InputError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from ..messages import object_name, subject  # noqa: F401 - re-exported: how a message names the input

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# valid UTF-8 sequences of two or more bytes
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# control characters that do not belong in a text (tab, line feed, form feed, carriage return do)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _zip_kind(data: bytes) -> str:
    if b"word/document" in data or b"word/_rels" in data:
        return "een Word-bestand (.docx)"
    if b"xl/workbook" in data:
        return "een Excel-bestand (.xlsx)"
    if b"ppt/presentation" in data:
        return "een PowerPoint-bestand (.pptx)"
    if b"application/vnd.oasis.opendocument.text" in data:
        return "een OpenDocument-tekstbestand (.odt)"
    if b"application/vnd.oasis.opendocument" in data:
        return "een OpenDocument-bestand"
    if b"application/epub+zip" in data:
        return "een e-book (.epub)"
    return "een ZIP-bestand"


def known_binary_kind(data: bytes) -> str | None:
    """A Dutch description of a well-known non-text file format, from its first bytes; else None."""
    head = data[:16]
    if head.startswith(b"%PDF"):
        return "een PDF-bestand"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "een oud Word- of Excel-bestand (.doc of .xls)"
    if head.startswith(b"{\\rtf"):
        return "een RTF-bestand"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")):
        return "een afbeelding"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "een afbeelding"
    if head.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"Rar!")):
        return "een ingepakt bestand"
    if head.startswith(b"\x7fELF") or (head.startswith(b"MZ") and b"\x00" in data[:64]):
        return "een programma"
    return None


def _not_text(path: str, kind: str) -> InputError:
    return InputError(
        f"{subject(path)} is geen tekstbestand: het lijkt {kind}. "
        "Sla de tekst op als .txt, .md of .html en probeer het opnieuw.")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 text without a byte order mark."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zero_odd > 0.4 and zero_even < 0.05:
        return "utf-16-le"
    if zero_even > 0.4 and zero_odd < 0.05:
        return "utf-16-be"
    return None


def _mostly_control(text: str) -> bool:
    sample = text[:100_000]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) > 0.1 * len(sample)


def decode(data: bytes, path: str = "-") -> Decoded:
    """Decode file contents; raises InputError for a file that is not text."""
    kind = known_binary_kind(data)
    if kind:
        raise _not_text(path, kind)

    text: str | None = None
    encoding = "utf-8"
    warnings: list[str] = []

    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = data.decode(codec, errors="replace")
                warnings.append(
                    f"{subject(path)} bevat tekens die niet kloppen met de codering {codec}. "
                    "helder toont die tekens als \ufffd.")
            if codec != "utf-8-sig" and text.startswith("\ufeff"):
                text = text[1:]  # utf-8-sig drops the mark itself; the others keep it
            encoding = codec
            break

    if text is None:
        codec16 = _utf16_without_bom(data) if b"\x00" in data[:4096] else None
        if codec16:
            try:
                text = data.decode(codec16)
                encoding = codec16
            except UnicodeDecodeError:
                text = None
        if text is None and b"\x00" in data:
            raise _not_text(path, "een binair bestand (geen gewone tekst)")

    if text is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            replaced = data.decode("utf-8", errors="replace")
            bad = replaced.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
            good = len(_UTF8_MULTI.findall(data))
            if good > 2 * bad:
                # UTF-8 with a few broken bytes: better than reading all the good letters wrongly
                text, encoding = replaced, "utf-8"
                warnings.append(
                    f"{subject(path)} bevat een paar tekens die geen geldige UTF-8 zijn. "
                    "helder toont die tekens als \ufffd.")
            else:
                try:
                    text, encoding = data.decode("cp1252"), "cp1252"
                    label = "Windows-1252"
                except UnicodeDecodeError:
                    text, encoding = data.decode("latin-1"), "latin-1"
                    label = "Latin-1 (ISO-8859-1)"
                warnings.append(
                    f"{subject(path)} is niet opgeslagen als UTF-8. helder heeft het gelezen als "
                    f"{label}. Kloppen letters als ë, é of € niet? Sla het bestand dan op als UTF-8.")

    if _mostly_control(text):
        raise _not_text(path, "een binair bestand (geen gewone tekst)")
    return Decoded(text, encoding, tuple(warnings))
