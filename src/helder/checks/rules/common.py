"""Helpers that more than one code rule uses."""

from __future__ import annotations

import re

from ..context import RuleRun


def sentence_tokens(run: RuleRun):
    doc = run.ctx.doc
    for s in run.ctx.sentences:
        yield s, doc[s.start:s.end]

OPENER_WORDS = frozenset("dat die omdat als wanneer waar waarin waarmee waarop waarvoor zodat terwijl nadat "
                          "voordat doordat tenzij hoewel indien of wie wat welke".split())

#: A Roman numeral ("APG II", "Willem III", "XIV"): not an abbreviation, not shouting.
ROMAN = re.compile(r"(?=[IVXLCDM])M*(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def heading_lines(run: RuleRun) -> list[tuple[int, int, str]]:
    """Headings: the document's heading blocks; in plain text also short lines without a full stop."""
    text = run.ctx.document.text
    out = [(a, b, text[a:b]) for a, b in run.ctx.headings]
    if out or run.ctx.document.format != "text":
        return out
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        words = re.findall(r"\w+", stripped)
        if 0 < len(words) <= 8 and not re.search(r"[.,;]$", stripped):
            start = pos + line.find(stripped)
            out.append((start, start + len(stripped), stripped))
        pos += len(line) + 1
    return out


def matches_section(heading: str, words: list[str]) -> bool:
    h = heading.lower()
    return any(re.search(rf"\b{re.escape(w.lower())}", h) for w in words)
