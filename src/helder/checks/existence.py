"""``kind: existence``: report words or phrases that should not be there.

YAML fields: ``tokens`` (phrases; lemmas when ``match_on: lemma``, with ``…`` for split phrases),
``match_on`` (``lower`` default, ``text`` or ``lemma``), ``skip_names`` (``lower``/``text`` only: skip
a capitalised word inside a sentence, which is part of a name or title), ``regex`` (patterns searched in the plain text
of each sentence, case-insensitive unless ``case_sensitive: true``; an entry may be
``{pattern: ..., variant: NAME}`` to report its matches with ``messages[NAME]``). Placeholder: ``{match}``.
"""

from __future__ import annotations

import re

from .context import RuleRun
from .lexicon import PhraseIndex, cached_index, make_entry


def _name_like(tok, sentence_start: int) -> bool:
    """A capitalised word inside a sentence is part of a name or title ('Repo Men'), not the word."""
    return tok.i > sentence_start and tok.text[:1].isupper() and not tok.text.isupper()


def compile(spec) -> tuple[tuple[re.Pattern, str | None], ...]:
    """The rule's ``regex`` entries, compiled once when the rule is loaded: (regex, variant)."""
    flags = 0 if spec.get("case_sensitive") else re.IGNORECASE
    out = []
    for entry in spec.get("regex") or []:
        pattern, variant = (entry["pattern"], entry.get("variant")) if isinstance(entry, dict) else (entry, None)
        out.append((re.compile(pattern, flags), variant))
    return tuple(out)


def run(run: RuleRun) -> None:
    ctx, spec, doc = run.ctx, run.rule.spec, run.ctx.doc
    match_on = spec.get("match_on", "lower")
    phrases = list(spec.get("tokens") or [])
    skip_names = bool(spec.get("skip_names", False))
    spans: list[tuple[int, int]] = []
    variants: dict[tuple[int, int], str] = {}
    if phrases and match_on == "lemma":
        index = cached_index(f"exist:{run.rule.code}",
                             lambda: PhraseIndex(e for e in (make_entry(p, []) for p in phrases) if e))
        clause_of = ctx.clause_ids.__getitem__ if ctx.parsed else None
        for m in index.find(doc, [(s.start, s.end) for s in ctx.sentences], clause_of, ctx.table):
            spans.append((doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)))
    elif phrases:
        words = [t.text for t in doc] if match_on == "text" else ctx.table[0]
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:
            seq = tuple(p.split()) if match_on == "text" else tuple(p.lower().split())
            by_first.setdefault(seq[0], []).append(seq)
        for s in ctx.sentences:
            for i in range(s.start, s.end):
                for seq in by_first.get(words[i], ()):
                    if i + len(seq) <= s.end and tuple(words[i:i + len(seq)]) == seq:
                        if skip_names and _name_like(doc[i], s.start):
                            continue
                        last = doc[i + len(seq) - 1]
                        spans.append((doc[i].idx, last.idx + len(last.text)))
    for rx, variant in run.rule.compiled if run.rule.compiled is not None else compile(spec):
        text = ctx.document.text
        for s in ctx.sentences:
            for m in rx.finditer(text, s.start_char, s.end_char):
                if m.end() > m.start():
                    spans.append((m.start(), m.end()))
                    if variant:
                        variants.setdefault((m.start(), m.end()), variant)
    seen = set()
    for a, b in sorted(spans):
        if any(a < y and x < b for x, y in seen):
            continue
        seen.add((a, b))
        run.emit(a, b, variant=variants.get((a, b)))
