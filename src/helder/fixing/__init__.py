"""Advice applied: fixes on findings, ``helder check --fix``/``--diff`` and annotated Word files.

A rule offers a fix when its YAML says ``fix: safe`` or ``fix: unsafe`` and it has a replacement for
exactly the words it reports (:meth:`helder.checks.context.RuleRun.emit`). :func:`attach` then looks at
where the words are and keeps a fix ``safe`` only when

- it is one substitution of at most :data:`MAX_WORDS` words with one replacement whose form the rule
  vouches for (the agreement logic of the lexicon: person and tense of a verb, number of a noun);
- the words are plain text in the source file (no markup, character reference or line break inside
  them; code is never part of the text helder reads);
- they are not inside a quotation, a name (a proper noun or named entity) or a region of an inline
  directive (``<!-- helder: uit -->``);
- a capital at the start of a sentence stays a capital;
- no other safe edit overlaps or touches it.

Everything else with a suggestion is ``unsafe`` (LanguageTool's spelling suggestions too). A fix whose
words are not plain source text is dropped: applying it would break the markup.

Modules: :mod:`.apply` (apply edits, check the result once more), :mod:`.files` (read and write a
file keeping its encoding, BOM, line ends and permissions), :mod:`.command` (``helder check --fix``,
``--diff``, ``--annotate``), :mod:`.docx` (comments and tracked changes in a Word file).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable, Sequence

from ..types import Edit, Finding, Fix

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..documents.base import Document

__all__ = ["attach", "MAX_WORDS", "safe_fixes", "fixes_of"]

#: A safe fix replaces one word or one phrase of at most this many words.
MAX_WORDS = 4

# plain source text: letters, digits, spaces, apostrophes and hyphens, nothing else
_PLAIN = re.compile(r"[^\W_]+(?:[ '’\-][^\W_]+)*", re.UNICODE)
_NAME_ENTS = frozenset({"PER", "PERSON", "ORG", "LOC", "GPE", "MISC", "NORP", "FAC", "PRODUCT", "EVENT",
                        "WORK_OF_ART", "LAW"})
# quotations in the plain text; straight single quotes only as a pair around words
_QUOTES = re.compile(r"“[^”\n]{0,400}”|„[^”“\"\n]{0,400}[”“\"]|\"[^\"\n]{0,400}\"|«[^»\n]{0,400}»"
                     r"|‘[^‘’\n]{0,400}’(?!\w)|(?<!\w)'[^'\n]{1,400}'(?!\w)")
_SENTENCE_END = ".!?:"


def _quote_spans(document: "Document") -> list[tuple[int, int]]:
    out = [document.span(m.start(), m.end()) for m in _QUOTES.finditer(document.text)]
    out += [document.span(b.start, b.end) for b in document.blocks if b.kind == "quote"]
    return sorted((s.start, s.end) for s in out)


def _directive_spans(document: "Document") -> list[tuple[int, int]]:
    if not document.directives:
        return []
    from ..directives import regions

    return [(r.start, r.end) for r in regions(document)[0]]


class _Where:
    """What :func:`attach` needs to know about places in one document, computed once."""

    def __init__(self, document: "Document", doc: "Doc | None") -> None:
        self.document = document
        self.doc = doc
        self.quotes = _quote_spans(document)
        self.directives = _directive_spans(document)
        self.starts = [document.source_offset(t.idx) for t in doc] if doc is not None else []

    def tokens(self, start: int, end: int):
        if self.doc is None:
            return []
        lo = bisect.bisect_right(self.starts, start) - 1
        hi = bisect.bisect_left(self.starts, max(end, start + 1))
        return [t for t in self.doc[max(lo, 0):hi] if not t.is_space]

    def in_quote_or_directive(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quotes) or \
            any(a <= start < b for a, b in self.directives)

    def is_name(self, start: int, end: int) -> bool:
        return any(t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTS for t in self.tokens(start, end))

    def sentence_start(self, start: int) -> bool:
        toks = self.tokens(start, start + 1)
        if toks and self.starts[toks[0].i] == start and toks[0].is_sent_start:
            return True
        before = self.document.source[:start].rstrip(" \t")
        return not before or before[-1] in _SENTENCE_END or before.endswith(("\n", "\u2028", ">", "#", "*"))


def _plain(source: str, edit: Edit) -> bool:
    return _PLAIN.fullmatch(source[edit.start:edit.end]) is not None


def _capital(edit: Edit, source: str, where: _Where) -> Edit | None:
    """The edit with a capital kept at a sentence start; None when the capital means something else."""
    old, new = source[edit.start:edit.end], edit.replacement
    if not (old[:1].isupper() and new[:1].islower()):
        return edit
    if old.isupper() and len(old) > 1:
        return None  # an abbreviation or a word in capitals: the writer meant something by it
    if not where.sentence_start(edit.start):
        return edit  # 'U' -> 'u' in the middle of a sentence (names are not fixed at all)
    return Edit(edit.start, edit.end, new[:1].upper() + new[1:])


def _judge(f: Finding, where: _Where) -> Fix | None:
    fix = f.fix
    source = where.document.source
    if fix is None:
        if f.source != "languagetool" or len(f.replacements) < 1 or not f.replacements[0]:
            return None
        fix = Fix((Edit(f.span.start, f.span.end, f.replacements[0]),), "unsafe")
    if not all(_plain(source, e) for e in fix.edits):
        return None
    if not fix.safe:
        return fix
    edit = fix.edits[0]
    unsafe = replace(fix, applicability="unsafe")
    if len(fix.edits) != 1 or len(source[edit.start:edit.end].split()) > MAX_WORDS:
        return unsafe
    if where.in_quote_or_directive(edit.start, edit.end) or where.is_name(edit.start, edit.end):
        return unsafe
    kept = _capital(edit, source, where)
    if kept is None:
        return unsafe
    return Fix((kept,), "safe")


def _no_overlap(findings: list[Finding]) -> list[Finding]:
    """Safe edits that overlap or touch another safe edit become unsafe."""
    safe = sorted((e.start, e.end, i) for i, f in enumerate(findings) if f.fix and f.fix.safe for e in f.fix.edits)
    clash: set[int] = set()
    for (s1, e1, i1), (s2, e2, i2) in zip(safe, safe[1:]):
        if s2 <= e1 and i1 != i2:
            clash.update((i1, i2))
    return [replace(f, fix=replace(f.fix, applicability="unsafe")) if i in clash and f.fix else f
            for i, f in enumerate(findings)]


def attach(document: "Document", doc: "Doc | None", findings: Sequence[Finding]) -> list[Finding]:
    """The findings with their fixes judged in context (see the module text)."""
    if not any(f.fix is not None or (f.replacements and f.source == "languagetool") for f in findings):
        return list(findings)
    where = _Where(document, doc)
    out = []
    for f in findings:
        fix = _judge(f, where)
        out.append(f if fix == f.fix else replace(f, fix=fix))
    return _no_overlap(out)


def fixes_of(findings: Iterable[Finding], *, unsafe: bool = False) -> list[Finding]:
    """The findings whose fix ``--fix`` applies (with ``unsafe``: ``--unsafe-fixes`` too)."""
    return [f for f in findings if f.fix is not None and (unsafe or f.fix.safe)]


def safe_fixes(findings: Iterable[Finding]) -> list[Finding]:
    return fixes_of(findings)
