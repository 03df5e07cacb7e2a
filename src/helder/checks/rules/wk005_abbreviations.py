"""WK005 ``afkorting`` (``function: abbreviations``).

## What it does
Everyday abbreviations to write out; acronyms not explained at first use.

## Why is this bad?
An abbreviation or acronym that the reader does not know is a word they cannot read.

## Example
```
Wij bellen u i.v.m. uw aanvraag.
```

Use instead:
```
Wij bellen u over uw aanvraag.
```

Message, settings and all examples: ``rules/woordkeuze/WK005.yml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...morphology import zipf
from ..context import RuleRun
from ..lexicon import load_abbreviations
from ..loader import rules_dir
from ..registry import rule_function
from .common import ROMAN


def _is_code(text: str, start: int, end: int) -> bool:
    """Part of a postcode ("1234 AB"), a reference ("WMO-2025-0733") or a code with digits."""
    before, after = text[max(0, start - 6):start], text[end:end + 3]
    return bool(re.search(r"\d{4}\s?$", before) or re.match(r"[-/]?\d", after) or re.search(r"\d[-/]?$", before))


@lru_cache(maxsize=8)
def _everyday_regex(pairs: tuple[tuple[str, str], ...]):
    """One regex for all everyday abbreviations (dotted, case-insensitive; undotted in lower case)."""
    if not pairs:
        return None
    fulls: dict[str, str] = {}
    alts: list[str] = []
    for abbr, full in pairs:
        fulls.setdefault(abbr.lower(), full)
        alts.append("(?i:" + re.escape(abbr) + ")")
        letters = abbr.replace(".", "").replace(" ", "")
        if "." in abbr and len(letters) >= 3 and letters.isalpha():
            fulls.setdefault(letters.lower(), full)
            alts.append(re.escape(letters.lower()))
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(alts) + r")(?!\w)"), fulls


@lru_cache(maxsize=8)
def _acronym_regex(entries: tuple[tuple[str, str], ...]):
    """One case-insensitive regex for all acronyms, and lower-case form -> (abbreviation, full form)."""
    if not entries:
        return None
    by_lower: dict[str, tuple[str, str]] = {}
    for abbr, full in entries:
        by_lower.setdefault(abbr.lower(), (abbr, full))
    alts = "|".join(re.escape(a) for a in sorted(by_lower, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alts})(?![\w])", re.IGNORECASE), by_lower


def _officialese(lexicons: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Phrase -> plain alternatives from the word lists the rule's YAML names in ``lexicons`` (WK001's
    ``ambtelijk.tsv``), for full forms of abbreviations that are officialese themselves."""
    from ..lexicon import cached_index, load_entries

    def build() -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for name in lexicons:
            for e in load_entries(rules_dir() / name):
                if len(e.parts) == 1:
                    out[e.pattern] = tuple(a for a in e.alternatives if a != "-" and "…" not in a)
        return out

    return cached_index(f"officialese:{rules_dir()}:{lexicons}", build)

_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"

#: A date right before 'jl.' or 'a.s.' ('12 maart jl.', 'op 3-5-2026 a.s.', 'dinsdag a.s.'): then the date says it all.
_DATE_BEFORE = re.compile(rf"(?i:(?:{_MONTHS}|\d{{1,4}}|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag))\s*$")


def _entries(run: RuleRun) -> tuple[list[tuple[str, str, str]], set[str]]:
    """(abbreviation, full, kind) from the settings, then from the rule's lexicon; and the known forms."""
    entries = []
    for item in run.setting("abbreviations", []) or []:
        entries.append((item[0], item[1], item[2] if len(item) > 2 else "acroniem"))
    lex = run.rule.spec.get("lexicon")
    known = {e[0] for e in entries}
    if lex:
        for a in load_abbreviations(rules_dir() / lex):
            if a.abbreviation not in known:
                entries.append((a.abbreviation, a.full, a.kind))
                known.add(a.abbreviation)
    return entries, known


def _sentence_end(ctx, text: str, pos: int) -> int:
    """End of the sentence holding character ``pos`` (sentences are sorted and disjoint: bisect)."""
    s = ctx.sentences_between(pos, pos + 1)
    if s and s[0].start_char <= pos < s[0].end_char:
        return s[0].end_char
    return min(len(text), pos + 200)


def _lowered_prefix(text: str):
    """``lambda end: text[:end].lower()``, from one lower-cased copy of the text when lower-casing maps
    every character to one character on its own (not for a Greek capital sigma, whose lower case
    depends on the next letter)."""
    lowered = text.lower()
    if len(lowered) == len(text) and "\u03a3" not in text:
        return lambda end: lowered[:end]
    return lambda end: text[:end].lower()


def _explained_near(text: str, start: int, end: int) -> bool:
    after = text[end:end + 3]
    before = text[max(0, start - 2):start]
    return after.lstrip().startswith("(") or (before.endswith("(") and text[end:end + 1] == ")")


def _overlaps(start: int, end: int, reported: list[tuple[int, int]]) -> bool:
    return any(start < y and x < end for x, y in reported)


def _report_everyday(run: RuleRun, entries, reported: list[tuple[int, int]]) -> None:
    """Everyday abbreviations ('a.s.', 'i.v.m.'): write them out, or drop them after a date."""
    text = run.ctx.document.text
    everyday = _everyday_regex(tuple((a, f) for a, f, k in entries if k == "alledaags"))
    if everyday is None:
        return
    rx, fulls = everyday
    officialese = _officialese(tuple(run.rule.spec.get("lexicons", ())))
    for m in rx.finditer(text):
        key = m.group(0).lower()
        full = fulls.get(key) or fulls.get(key.replace(".", ""))
        if full is None or _overlaps(m.start(), m.end(), reported):
            continue
        reported.append((m.start(), m.end()))
        meaning, _, plain = full.partition(" > ")  # 'de dato > op': Latin or officialese, and the plain word
        if not plain:  # written out it would be officialese itself ('in verband met'): WK001's plain words
            plain = " | ".join(dict.fromkeys(a for x in meaning.split(" | ") for a in officialese.get(x.strip(), ())))
        meanings = "' of '".join(x.strip() for x in meaning.split(" | ") if x.strip())
        options = tuple(x.strip() for x in (plain or meaning).split(" | ") if x.strip() and x.strip() != "-")
        said = " of ".join(x.strip() for x in meaning.split(" | ") if x.strip())  # inside brackets
        if plain.strip() == "-" and _DATE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            run.emit(m.start(), m.end(), variant="drop", full=said)
        elif plain.strip() == "-":  # no date before it ('de a.s. verbouwing'): the word itself
            run.emit(m.start(), m.end(), variant="everyday", replacements=(meaning,), full=meaning)
        elif plain:
            run.emit(m.start(), m.end(), variant="plain", replacements=options, full=said,
                     plain="' of '".join(options))
        else:
            run.emit(m.start(), m.end(), variant="everyday", replacements=options, full=meanings)


def _report_acronyms(run: RuleRun, entries, reported: list[tuple[int, int]]) -> set[str]:
    """Known acronyms not explained at their first use (one regex for the whole list, one pass over the
    text). Returns the acronyms seen (lower case)."""
    ctx, text = run.ctx, run.ctx.document.text
    seen_acronyms: set[str] = set()
    acronyms = _acronym_regex(tuple((a, f) for a, f, k in entries if k != "alledaags"))
    first: dict[str, re.Match] = {}
    if acronyms is None:
        return seen_acronyms
    arx, by_lower = acronyms
    for cand in arx.finditer(text):
        key = cand.group(0).lower()
        if key in first or key in seen_acronyms or _is_code(text, cand.start(), cand.end()):
            continue
        block = ctx.document.block_at(cand.start())
        if block is not None and block.kind == "heading":
            continue  # a heading may use it; the text below explains it
        abbr = by_lower[key][0]
        if cand.group(0) == abbr or cand.group(0).isupper() or cand.group(0)[:1].isupper():
            first[key] = cand
    prefix = _lowered_prefix(text) if first else None
    for key, m in sorted(first.items(), key=lambda kv: kv[1].start()):
        abbr, full = by_lower[key]
        if _overlaps(m.start(), m.end(), reported):
            continue
        seen_acronyms.add(key)
        upto = prefix(_sentence_end(ctx, text, m.start()))
        if (full and full.lower() in upto) or _explained_near(text, m.start(), m.end()):
            continue
        reported.append((m.start(), m.end()))
        run.emit(m.start(), m.end(), variant="acronym", full=full,
                 replacements=(f"{full} ({abbr})",) if full else ())
    return seen_acronyms


def _report_unknown(run: RuleRun, known: set[str], seen_acronyms: set[str], reported) -> None:
    """Acronyms helder does not know: explain at first use unless everybody knows them."""
    text = run.ctx.document.text
    known_zipf = float(run.setting("known_zipf", 4.0))
    seen: set[str] = set(known)
    words, alpha, idx = run.ctx.tokens.text, run.ctx.tokens.is_alpha, run.ctx.tokens.idx  # the token table
    for i, w in enumerate(words):
        if not _CAPITALS.fullmatch(w) or ROMAN.fullmatch(w) or w in seen or w.lower() in seen_acronyms:
            continue
        seen.add(w)
        start = idx[i]
        if _is_code(text, start, start + len(w)):
            continue
        if any(words[j].isupper() and alpha[j] and len(words[j]) > 1 for j in (i - 1, i + 1) if 0 <= j < len(words)):
            continue  # text in capitals (ST006), not an abbreviation
        if zipf(w.lower()) >= known_zipf or _explained_near(text, start, start + len(w)):
            continue
        if _overlaps(start, start + len(w), reported):
            continue
        run.emit(start, start + len(w), variant="unknown")


_CAPITALS = re.compile(r"[A-Z]{3,6}")


@rule_function("abbreviations")
def abbreviations(run: RuleRun) -> None:
    """WK005: everyday abbreviations to write out; acronyms not explained at first use."""
    entries, known = _entries(run)
    reported: list[tuple[int, int]] = []
    _report_everyday(run, entries, reported)
    seen_acronyms = _report_acronyms(run, entries, reported)
    _report_unknown(run, known, seen_acronyms, reported)
