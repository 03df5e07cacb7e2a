"""Reading a .docx, .odt or .pdf in this process: the reader of the format, within the limits."""

from __future__ import annotations

import time
from typing import Iterable

from ...errors import InputError
from ...messages import object_name, too_complex
from .common import LIMITS, Limits, Paragraph, damaged
from .docx import docx_paragraphs
from .odt import odt_paragraphs
from .pdf import pdf_paragraphs

__all__ = ["extract"]


def extract(data: bytes, fmt: str, path: str = "-", *,
            limits: Limits = LIMITS) -> tuple[list[Paragraph], list[str]]:
    """The paragraphs of a file, in this process, plus warnings for the writer. Raises InputError."""
    reader = {"docx": docx_paragraphs, "odt": odt_paragraphs, "pdf": pdf_paragraphs}[fmt]
    notes: list[str] = []
    deadline = time.monotonic() + limits.seconds
    try:
        paragraphs = _bounded(reader(data, path, limits, notes, deadline), path, limits)
    except InputError:
        raise
    except MemoryError:
        raise too_complex(path) from None
    except RecursionError:
        raise damaged(path, fmt) from None
    except Exception:  # noqa: BLE001 - any parser error on a malformed file
        raise damaged(path, fmt) from None
    return paragraphs, notes


def _bounded(paragraphs: Iterable[Paragraph], path: str, limits: Limits) -> list[Paragraph]:
    out: list[Paragraph] = []
    chars = 0
    for p in paragraphs:
        out.append(p)
        chars += len(p.text)
        if len(out) > limits.max_paragraphs or chars > limits.max_chars:
            raise InputError(f"In {object_name(path)} staat te veel tekst voor één controle. "
                             "Deel het op in kleinere bestanden.")
    return out
