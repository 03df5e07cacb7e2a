"""Spelling and grammar with LanguageTool (``helder check --grammar``).

helder sends the plain text of a document to a LanguageTool server and turns its matches into
findings (codes ``LT:<RULE_ID>``), with positions in the original file. The text never leaves the
machine unless the user points helder at another server.

Which server, in this order:

1. the ``url`` argument (the ``--grammar`` configuration);
2. the environment variable ``HELDER_LANGUAGETOOL_URL``;
3. a server started with ``languagetool/start.sh`` (its ``target/server.url`` file);
4. a private server helder starts itself from the installed jars (see :mod:`helder.grammar.server`),
   once per process, stopped at exit;
5. otherwise: no grammar findings and one warning.

Every failure (not installed, not reachable, too slow, stopped half-way) gives one Dutch warning and
no exception, unless ``required=True``: then :class:`helder.errors.HelderError` is raised.

Long texts are sent in pieces of at most ``max_chars`` characters, cut at blank lines (block
boundaries of ``Document.text``), or at sentence ends when one block is too long.

Use :func:`dedupe` to drop LanguageTool findings that repeat a helder finding (long sentence,
officialese word) on the same text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from ..errors import HelderError
from ..types import Finding
from .client import (DEFAULT_DISABLED_RULES, DEFAULT_LANGUAGE, DEFAULT_TONE_TAGS, LanguageToolClient,
                     LanguageToolUnavailable, LTMatch)
from .mapping import (CODE_PREFIX, DUPLICATE_CATEGORIES, DUPLICATE_ISSUE_TYPES, DUPLICATE_RULES, dedupe,
                      match_to_finding, utf16_to_index)
from . import server as _server
from .server import NotInstalled, find_installation, shared_server, stop_shared_server

if TYPE_CHECKING:
    from ..documents.base import Document

__all__ = [
    "CODE_PREFIX", "DEFAULT_DISABLED_RULES", "DEFAULT_MAX_CHARS", "DEFAULT_TONE_TAGS", "DUPLICATE_CATEGORIES",
    "DUPLICATE_ISSUE_TYPES", "DUPLICATE_RULES", "ENV_URL", "GrammarOutcome", "LTMatch", "LanguageToolClient",
    "LanguageToolUnavailable", "NotInstalled", "check_document", "dedupe", "find_installation", "resolve_url",
    "shared_server", "split_text", "stop_shared_server",
]

ENV_URL = "HELDER_LANGUAGETOOL_URL"
#: Characters per request. Well below the limits of our own server (40,000) and of public ones
#: (20,000); about 800 words, which a warm server checks in one to three seconds.
DEFAULT_MAX_CHARS = 6000
WARNING_PREFIX = "Spellingcontrole niet beschikbaar"


@dataclass
class GrammarOutcome:
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # Dutch one-liners


def resolve_url(url: str | None = None, *, start: bool = True) -> str:
    """The server URL to use (see the module docstring). Raises :class:`LanguageToolUnavailable`."""
    if url:
        return url
    env = os.environ.get(ENV_URL, "").strip()
    if env:
        return env
    started = _server.url_from_start_script()
    if started:
        return started
    if not start:
        raise NotInstalled("geen LanguageTool-server ingesteld")
    return _server.shared_server().url


# -- splitting -----------------------------------------------------------------------------------

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+")
_SPACE = re.compile(r"\s+")


def _pieces_at(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """[start, end) cut after every match of ``pattern`` (the separator stays with the left part)."""
    out, pos = [], start
    for m in pattern.finditer(text, start, end):
        if m.end() > pos and m.end() < end:
            out.append((pos, m.end()))
            pos = m.end()
    out.append((pos, end))
    return out


def _pack(units: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Join neighbouring units into pieces of at most ``limit`` characters."""
    out: list[tuple[int, int]] = []
    for s, e in units:
        if out and e - out[-1][0] <= limit:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def split_text(text: str, limit: int = DEFAULT_MAX_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into ``(start, end)`` pieces of at most ``limit`` characters.

    Cuts at blank lines (between blocks) where possible, then at sentence ends, then at spaces, and
    only as a last resort inside a word. Pieces cover the text without gaps or overlap.
    """
    if limit < 1:
        raise ValueError("limit must be positive")
    if not text:
        return []
    units: list[tuple[int, int]] = []
    for bs, be in _pieces_at(text, 0, len(text), _BLANK_LINE):
        if be - bs <= limit:
            units.append((bs, be))
            continue
        for ss, se in _pack(_pieces_at(text, bs, be, _SENTENCE_END), limit):
            if se - ss <= limit:
                units.append((ss, se))
                continue
            for ws, we in _pack(_pieces_at(text, ss, se, _SPACE), limit):
                while we - ws > limit:  # one "word" longer than the limit
                    units.append((ws, ws + limit))
                    ws += limit
                units.append((ws, we))
    return _pack(units, limit)


# -- checking ------------------------------------------------------------------------------------

def _warning(reason: str) -> str:
    reason = reason.rstrip(".")
    return f"{WARNING_PREFIX}: {reason}."


def check_document(document: "Document", *, url: str | None = None, timeout: float = 20.0, picky: bool = True,
                   disabled_rules: Sequence[str] = (), required: bool = False,
                   tone_tags: Sequence[str] = DEFAULT_TONE_TAGS, language: str = DEFAULT_LANGUAGE,
                   max_chars: int = DEFAULT_MAX_CHARS) -> GrammarOutcome:
    """LanguageTool's findings for ``document``, positions in the original source.

    ``timeout`` is per request (one piece of text). ``disabled_rules`` takes LanguageTool rule ids,
    with or without the ``LT:`` prefix; :data:`DEFAULT_DISABLED_RULES` are always added.
    """
    outcome = GrammarOutcome()
    text = document.text

    def fail(reason: str, done_until: int | None = None) -> GrammarOutcome:
        if done_until:
            line = document.span(done_until, done_until).line
            message = (f"Spellingcontrole onvolledig: {reason.rstrip('.')}. "
                       f"Alleen de tekst tot regel {line} is gecontroleerd.")
        else:
            message = _warning(reason)
        if required:
            raise HelderError(message)
        outcome.warnings.append(message)
        return outcome

    if not text.strip():
        return outcome
    try:
        server_url = resolve_url(url)
    except NotInstalled as exc:
        return fail(exc.reason)
    except LanguageToolUnavailable as exc:
        return fail(f"de LanguageTool-server start niet ({exc.reason})")

    disabled = list(dict.fromkeys([*DEFAULT_DISABLED_RULES,
                                   *(r[len(CODE_PREFIX):] if r.startswith(CODE_PREFIX) else r
                                     for r in disabled_rules)]))
    client = LanguageToolClient(server_url, timeout=timeout)
    pieces = split_text(text, max_chars)
    queue = list(pieces)
    done_until = 0
    while queue:
        start, end = queue.pop(0)
        piece = text[start:end]
        if not piece.strip():
            done_until = end
            continue
        try:
            matches = client.check(piece, language=language, picky=picky, tone_tags=tone_tags,
                                   disabled_rules=disabled)
        except LanguageToolUnavailable as exc:
            if exc.too_long and end - start > 500:
                # the server has a lower limit than we thought: cut this piece in two and go on
                half = max(250, (end - start) // 2)
                queue[:0] = [(start + s, start + e) for s, e in split_text(piece, half)]
                continue
            return fail(f"LanguageTool-server reageert niet ({exc.reason})", done_until)
        convert = utf16_to_index(piece)
        for m in matches:
            outcome.findings.append(match_to_finding(m, document, start, convert))
        done_until = end
    outcome.findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
    return outcome
