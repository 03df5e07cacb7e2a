"""What the readers of .docx, .odt and .pdf share: limits, the paragraph, errors, the ZIP container.

A .docx or .odt is a ZIP file; :func:`open_zip` checks its table of contents before anything is
unpacked (see :mod:`helder.documents.office`, "Hostile files").
"""

from __future__ import annotations

import io
import re
import time
import unicodedata
import zipfile
from dataclasses import dataclass

from ...errors import InputError
from ...messages import object_name, reading_too_slow, subject

__all__ = [
    "OFFICE_FORMATS", "OFFICE_SUFFIXES", "EXTRA_INSTALL", "KIND_NAMES", "LINE_SEPARATOR", "MAX_DEPTH",
    "Limits", "LIMITS", "Paragraph", "damaged", "zip_bomb", "no_text_layer", "check_time", "clean_line",
    "open_zip",
]

OFFICE_FORMATS = ("docx", "odt", "pdf")
OFFICE_SUFFIXES = {".docx": "docx", ".odt": "odt", ".pdf": "pdf"}
EXTRA_INSTALL = "pip install 'helder[docs]'"

KIND_NAMES = {"docx": "Word-bestand", "odt": "OpenDocument-bestand", "pdf": "PDF-bestand"}

_MIB = 1024 * 1024
LINE_SEPARATOR = "\u2028"  # a line break inside a paragraph; not a line end for LineIndex
MAX_DEPTH = 60  # nesting of XML elements that a reader follows


@dataclass(frozen=True)
class Limits:
    """What helder accepts from a .docx, .odt or .pdf file (see the module text)."""

    max_entries: int = 2000  # files in the ZIP container
    max_entry_bytes: int = 64 * _MIB  # one file, unpacked
    max_total_bytes: int = 160 * _MIB  # all files together, unpacked
    max_ratio: int = 100  # unpacked / packed, for files above 1 MB unpacked
    max_pages: int = 500  # PDF pages
    max_paragraphs: int = 50_000
    max_chars: int = 3_000_000  # extracted text
    seconds: float = 60.0  # wall time for reading one file
    memory_bytes: int = 1536 * _MIB  # address space of the reading process


LIMITS = Limits()


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of extracted text: a block of the Document, one line of its source."""

    kind: str  # "heading" | "paragraph" | "list_item" | "table_cell"
    level: int
    text: str
    page: int = 0  # PDF: 1-based page number; 0: unknown


# ── errors ───────────────────────────────────────────────────────────────────────────────────

def damaged(path: str, fmt: str) -> InputError:
    advice = ("Maak de PDF opnieuw vanuit het originele bestand." if fmt == "pdf"
              else "Open het in een tekstverwerker en sla het opnieuw op.")
    return InputError(f"{subject(path)} is beschadigd of geen echt {KIND_NAMES[fmt]}: helder kan het "
                      f"niet lezen. {advice}")


def zip_bomb(path: str) -> InputError:
    return InputError(f"{subject(path)} wordt uitgepakt veel te groot (een 'zip-bom'?). helder leest het niet.")


def no_text_layer(path: str) -> InputError:
    return InputError(f"In {object_name(path)} staat geen tekst, alleen beeld: het is waarschijnlijk een "
                      "scan. Gebruik het originele bestand of laat er eerst tekst van maken (OCR).")


def check_time(deadline: float, path: str, limits: Limits) -> None:
    if time.monotonic() > deadline:
        raise reading_too_slow(path, limits.seconds)


# ── text clean-up ────────────────────────────────────────────────────────────────────────────

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_line(text: str) -> str:
    """One source line: no line ends (a break inside a paragraph becomes U+2028), no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", LINE_SEPARATOR)
    text = text.replace("\u2029", LINE_SEPARATOR).replace("\x0b", LINE_SEPARATOR).replace("\x0c", " ")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


# ── ZIP containers (.docx, .odt) ─────────────────────────────────────────────────────────────

def open_zip(data: bytes, path: str, fmt: str, limits: Limits) -> zipfile.ZipFile:
    """Open the container after checking its table of contents against ``limits``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise damaged(path, fmt) from None
    if len(infos) > limits.max_entries:
        raise InputError(f"{subject(path)} bevat te veel onderdelen ({len(infos)}). helder leest het niet.")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(f"{subject(path)} is beveiligd met een wachtwoord. "
                             "Haal de beveiliging weg en probeer het opnieuw.")
        size = info.file_size
        if size > limits.max_entry_bytes:
            raise zip_bomb(path)
        if size > _MIB and size > limits.max_ratio * max(info.compress_size, 1):
            raise zip_bomb(path)
        total += size
        if total > limits.max_total_bytes:
            raise zip_bomb(path)
    for info in infos:
        _verify_entry(archive, info, path, fmt)
    return archive


def _verify_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, fmt: str) -> None:
    """Unpack one part in small pieces: its real size and checksum must match the table of contents.

    A header that lies about the size would otherwise make a library unpack all of it in one call.
    """
    try:
        with archive.open(info) as handle:
            got = 0
            while True:
                chunk = handle.read(1 << 16)
                if not chunk:
                    break
                got += len(chunk)
                if got > info.file_size:
                    raise zip_bomb(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError):
        raise damaged(path, fmt) from None
