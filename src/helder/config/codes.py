"""Rule codes and prefixes: which exist, and codes from the command line."""

from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import ConfigError
from ..selection import decide, longest_prefix

__all__ = ["known_codes", "is_known_prefix", "unknown_code_message", "did_you_mean", "parse_codes",
           "decide", "longest_prefix"]


def known_codes() -> frozenset[str]:
    """Codes of helder's rules and of the active organisation rule folders."""
    from ..checks.folders import active_folders

    return _known_codes(active_folders())


@lru_cache(maxsize=4)
def _known_codes(folders: tuple[Path, ...]) -> frozenset[str]:
    from ..checks import load_rules

    return frozenset(r.code for r in load_rules())


def is_known_prefix(code: str) -> bool:
    """``ALL``, ``LT``/``LT:…`` (LanguageTool), or the start of at least one rule's code."""
    code = code.upper()
    if code in ("ALL", "LT") or code.startswith("LT:"):
        return True
    return bool(code) and any(c.startswith(code) for c in known_codes())


def unknown_code_message(code: str, where: str) -> str:
    hint = did_you_mean(code.upper(), sorted(known_codes()))
    return f"onbekende regelcode '{code}' in {where}" + (hint or " ('helder rules' toont alle codes)")


def did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; bedoel je '{close[0]}'?" if close else ""


def parse_codes(text: str | Sequence[str] | None, where: str) -> tuple[str, ...]:
    """Codes from a command-line flag (``"WK,ZB001"``); an unknown code is a ConfigError."""
    if not text:
        return ()
    items = text.split(",") if isinstance(text, str) else list(text)
    out = []
    for item in items:
        code = item.strip().upper()
        if not code:
            continue
        if not is_known_prefix(code):
            raise ConfigError(unknown_code_message(item.strip(), where))
        out.append(code)
    return tuple(out)

