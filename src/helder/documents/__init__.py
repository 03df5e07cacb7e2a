"""Reading texts: files, standard input and strings become a :class:`Document`.

Text formats: plain text, Markdown and HTML; document formats: Word (.docx), OpenDocument (.odt) and
PDF (see :mod:`.office`; their libraries come with the extra ``docs``). The format follows from the file
extension unless it is given. Everything that goes wrong with the input raises
:class:`~helder.errors.InputError` with one line of Dutch that names the file. helder never changes the
files it reads.

Public API::

    load_path(path, format=None) -> Document
    from_bytes(data, format, path="-") -> Document
    from_string(text, format="text", path="-") -> Document
    SUPPORTED_SUFFIXES, MAX_BYTES
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Callable

from ..budget import BudgetExceeded
from ..errors import ArgumentError, InputError
from .base import Block, Directive, Document, OffsetMap
from .decoding import Decoded, decode, object_name, subject
from .text import TextBuilder

__all__ = [
    "MAX_BYTES", "SUPPORTED_SUFFIXES", "FORMATS", "BINARY_FORMATS",
    "Block", "Directive", "Document", "OffsetMap",
    "load_path", "from_bytes", "from_string", "format_for_path", "normalize_format",
]

_SURROGATE = re.compile("[\ud800-\udfff]")

MAX_BYTES = 20 * 1024 * 1024
"""Files larger than this (20 MB) are refused: helder is meant for texts, not data dumps."""

_SUFFIX_FORMATS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html",
    ".docx": "docx", ".odt": "odt", ".pdf": "pdf",
}
SUPPORTED_SUFFIXES = frozenset(_SUFFIX_FORMATS)
"""File extensions helder reads when it walks a directory."""

FORMATS = ("text", "markdown", "html", "docx", "odt", "pdf")
BINARY_FORMATS = frozenset({"docx", "odt", "pdf"})
"""Formats read from the bytes of a file, not from decoded text (see :mod:`.office`)."""
_FORMAT_ALIASES = {
    "text": "text", "txt": "text", "plain": "text", "tekst": "text",
    "markdown": "markdown", "md": "markdown",
    "html": "html", "htm": "html",
    "docx": "docx", "word": "docx", "odt": "odt", "opendocument": "odt", "pdf": "pdf",
}


def normalize_format(format: str | None, path: str | Path = "-") -> str:
    """The reader name for ``format`` (one of FORMATS); None or "auto" uses ``path``."""
    if format is not None and not isinstance(format, str):
        raise ArgumentError(f"format moet tekst zijn (zoals 'markdown'), niet {type(format).__name__}")
    if format is None or format.strip().lower() in ("", "auto"):
        return format_for_path(path)
    key = format.strip().lower().lstrip(".")
    try:
        return _FORMAT_ALIASES[key]
    except KeyError:
        raise InputError(f"helder kent het formaat '{format}' niet. "
                         "Kies text, markdown, html, docx, odt of pdf.") from None


def format_for_path(path: str | Path) -> str:
    """The format from the file extension; "text" for other or no extension (and for stdin)."""
    return _SUFFIX_FORMATS.get(Path(str(path)).suffix.lower(), "text")


def _readers() -> dict[str, Callable[[str], TextBuilder]]:
    from .html import read_html
    from .markdown import read_markdown
    from .text import read_text

    return {"text": read_text, "markdown": read_markdown, "html": read_html}


def _megabytes(n: int) -> str:
    return f"{max(1, round(n / (1024 * 1024)))} MB"


def _too_large(path: str, size: int | None, limit: int) -> InputError:
    size_text = f" ({_megabytes(size)})" if size is not None else ""
    return InputError(
        f"{subject(path)} is te groot{size_text}. helder leest bestanden tot {_megabytes(limit)}. "
        "Deel de tekst op in kleinere bestanden.")


#: Characters that start markup in each format: a text with very many of them is refused before it
#: is parsed (a huge table, 100,000 links, an entity flood), see :func:`helder.documents.html.markup_budget`.
_MARKUP = {"html": ("<&", 20), "markdown": ("|[]<&`", 100)}  # characters, one allowed per N of the text


def _check_markup(source: str, fmt: str, path: str, stdin: bool) -> None:
    from .html import markup_budget

    if fmt not in _MARKUP:
        return
    chars, per = _MARKUP[fmt]
    count = sum(source.count(c) for c in chars)
    budget = markup_budget(source, per)
    if count > budget:
        what = "HTML-tags en tekens als &amp;" if fmt == "html" else "opmaak (tabellen, links, code of HTML)"
        raise InputError(f"In {object_name(path, stdin=stdin)} staan te veel {what}: {count} tekens voor "
                         f"opmaak, helder leest er tot {budget}. Deel de tekst op in kleinere bestanden.")


#: A text with more than this many symbols (not letters, digits or spaces) is refused when they are
#: over SYMBOL_SHARE of its characters (Dutch prose: under 10 %; ministerial circulars full of article
#: numbers and tables: up to 34 %):
#: each is a token of its own, so such a file costs the pipeline as much as a text several times its
#: size, and it is no prose to advise on (50,000 '<' or brackets in a row).
MAX_SYMBOLS = 10_000
SYMBOL_SHARE = 0.45
_WORD_OR_SPACE = re.compile(r"[\w\s]+")
_SPACE = re.compile(r"\s+")


def _check_symbols(text: str, path: str, stdin: bool) -> None:
    if len(text) <= MAX_SYMBOLS:
        return
    symbols = len(_WORD_OR_SPACE.sub("", text))
    if symbols > MAX_SYMBOLS and symbols > SYMBOL_SHARE * len(_SPACE.sub("", text)):
        raise InputError(f"In {object_name(path, stdin=stdin)} staan vooral tekens en weinig woorden ({symbols} "
                         "tekens die geen letter of cijfer zijn). Dat is geen gewone tekst; helder controleert "
                         "hem niet.")


def _build(source: str, fmt: str, path: str, encoding: str, warnings: tuple[str, ...],
           *, stdin: bool = True) -> Document:
    if not source:
        raise InputError(f"{subject(path, stdin=stdin)} is leeg.")
    if not source.strip():
        raise InputError(f"{subject(path, stdin=stdin)} is leeg: er staan alleen spaties of witregels in.")
    _check_markup(source, fmt, path, stdin)
    try:
        builder = _readers()[fmt](source)
    except RecursionError:
        raise InputError(f"{subject(path, stdin=stdin)} is te diep genest om te lezen.") from None
    except InputError as exc:
        if isinstance(exc, BudgetExceeded):
            raise
        raise InputError(f"In {object_name(path, stdin=stdin)} {exc}") from None
    text, offsets, blocks, directives = builder.finish()
    if not any(ch.isalpha() for ch in text):
        what = "alleen code of opmaak" if fmt in ("markdown", "html") else "geen letters"
        message = f"In {object_name(path, stdin=stdin)} staan geen woorden om te controleren ({what})."
        if builder.warnings:
            message += " " + builder.warnings[0]
        raise InputError(message)
    _check_symbols(text, path, stdin)
    return Document(
        path=path,
        format=fmt,
        source=source,
        text=text,
        offsets=offsets,
        blocks=blocks,
        encoding=encoding,
        directives=directives,
        warnings=tuple(warnings) + tuple(builder.warnings),
    )


def from_string(text: str, format: str = "text", path: str = "-") -> Document:
    """A Document from a text you already have as a string (no decoding).

    A lone surrogate (half of a UTF-16 pair, e.g. from a broken JSON string) becomes U+FFFD, with a
    warning: it cannot be written as UTF-8. Anything but a str raises :class:`ArgumentError`.
    """
    if isinstance(text, (bytes, bytearray)):
        raise ArgumentError("de tekst is bytes, geen str: gebruik from_bytes (of decodeer hem eerst)")
    if not isinstance(text, str):
        raise ArgumentError(f"de tekst moet een str zijn, niet {type(text).__name__}")
    if not isinstance(path, (str, Path)):
        raise ArgumentError(f"path moet tekst zijn, niet {type(path).__name__}")
    warnings: tuple[str, ...] = ()
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)  # same length: offsets stay the same
        warnings = ("In de tekst stonden ongeldige tekens (losse UTF-16-surrogaten); helder toont ze als \ufffd.",)
    fmt = normalize_format(format, path)
    if fmt in BINARY_FORMATS:
        raise InputError(f"Het formaat '{fmt}' leest helder uit de bytes van een bestand, niet uit een "
                         "tekst. Gebruik load_path of from_bytes.")
    return _build(text, fmt, str(path), "utf-8", warnings, stdin=False)


def from_bytes(data: bytes, format: str | None, path: str = "-", *, max_bytes: int = MAX_BYTES) -> Document:
    """A Document from the raw bytes of a file: decoded, checked and read in ``format``."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ArgumentError(f"data moet bytes zijn, niet {type(data).__name__}")
    data = bytes(data)
    path = str(path)
    fmt = normalize_format(format, path)
    if len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes)
    if not data:
        raise InputError(f"{subject(path)} is leeg.")
    if fmt in BINARY_FORMATS:
        from .office import read_office

        return read_office(data, fmt, path)
    decoded: Decoded = decode(data, path)
    return _build(decoded.text, fmt, path, decoded.encoding, decoded.warnings)


def _read_stdin(max_bytes: int) -> bytes:
    stream = sys.stdin
    if stream is None:
        return b""
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            return buffer.read(max_bytes + 1)
        text = stream.read(max_bytes + 1)
        return text.encode("utf-8", errors="surrogateescape") if isinstance(text, str) else bytes(text)
    except (OSError, ValueError) as exc:
        raise InputError(f"helder kan de invoer (stdin) niet lezen: {exc}.") from None


def _os_error(name: str, exc: OSError) -> InputError:
    """One Dutch line for why a file could not be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return InputError(f"Het bestand {name} bestaat niet. Kijk of de naam en de map kloppen.")
    if isinstance(exc, PermissionError):
        return InputError(f"Je hebt geen toegang tot het bestand {name}: helder mag het niet lezen.")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{name} is een map, geen bestand. Geef een bestand op.")
    return InputError(f"helder kan het bestand {name} niet lezen ({exc.strerror or exc}).")


def _read_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file; a folder, FIFO or device is refused (never read: it may not end)."""
    from ..fileio import display_name, read_regular

    name = display_name(path)
    try:
        info = path.stat()
        if path.is_dir():
            raise IsADirectoryError(name)
        if path.is_file() and info.st_size > max_bytes:
            raise _too_large(name, info.st_size, max_bytes)
        data = read_regular(path, what="het bestand", max_bytes=max_bytes + 1)
    except OSError as exc:
        raise _os_error(name, exc) from None
    if len(data) > max_bytes:
        raise _too_large(name, None, max_bytes)
    return data


def load_path(path: Path, format: str | None = None, *, max_bytes: int = MAX_BYTES,
              name: str | None = None) -> Document:
    """Read a file (or standard input for ``Path("-")``) into a Document.

    ``name``: for standard input, the file name the Document gets (``--stdin-filename``).

    The format follows from the extension (``.md``/``.markdown``: Markdown, ``.html``/``.htm``: HTML,
    ``.docx``, ``.odt``, ``.pdf``: see :mod:`.office`, anything else: plain text) unless ``format`` is
    given.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentError(f"path moet een bestandsnaam zijn, niet {type(path).__name__}")
    path = Path(path)
    if str(path) == "-":
        data = _read_stdin(max_bytes)
        if len(data) > max_bytes:
            raise _too_large("-", None, max_bytes)
        return from_bytes(data, format, name or "-", max_bytes=max_bytes)
    fmt = normalize_format(format, path)  # a wrong --format is reported before reading anything
    data = _read_file(path, max_bytes)
    return from_bytes(data, fmt, str(path), max_bytes=max_bytes)
