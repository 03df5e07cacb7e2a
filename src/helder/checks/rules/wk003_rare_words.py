"""WK003 ``moeilijk-woord`` (``function: rare_words``).

## What it does
A word that few readers know (low frequency), unless it is a name, number or explained.

## Why is this bad?
A B1 reader knows the common words of Dutch; a rare word that the text does not explain stops them.

## Example
```
Misschien kunt u kwijtschelding krijgen.
```

Use instead:
```
Misschien hoeft u de belasting niet te betalen. Dat heet kwijtschelding.
```

Message, settings and all examples: ``rules/woordkeuze/WK003.yml``.
"""

from __future__ import annotations

import re

from ...morphology import zipf
from ...wordforms import base_forms, known_compound, likely_typo, particle_verb_known
from ..context import RuleRun
from ..lexicon import forms
from ..loader import rules_dir
from ..registry import rule_function

_EXPLAIN_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:[\w-]+)?\s*(\(|:|,?\s*(dat is|dat betekent|dat wil zeggen|oftewel|ofwel|met andere "
                            r"woorden|dus|wat betekent|betekent|is een|zijn|heet|noemen we)\b)", re.I)

_EXPLAIN_NEXT = re.compile(r"^(dat|dit|daarmee|hiermee|met dit woord)\s+(betekent|is|wil zeggen|bedoelen|"
                           r"noemen|heet)\b", re.I)

_EXPLAIN_BEFORE = re.compile(r"\b(heet|heten|noemen (we|wij)|noemt men|het woord|de term|dit heet|dat heet)\s*"
                             r"['‘\"“]?$", re.I)


def _lexicon_words(lexicons: tuple[str, ...]) -> frozenset[str]:
    """Single words that the substitution rules reading ``lexicons`` (the rule's YAML ``lexicons``:
    WK001, WK002) already report, so WK003 does not repeat them. Built once per rules folder (kept with
    the lexicon indexes; :func:`helder.checks.clear_caches` drops it)."""
    from ..lexicon import cached_index

    return cached_index(f"lexicon_words:{rules_dir()}:{lexicons}", lambda: _build_lexicon_words(lexicons))


def _build_lexicon_words(lexicons: tuple[str, ...]) -> frozenset[str]:
    from ..loader import load_rules
    from ..substitution import rule_entries

    words: set[str] = set()
    for rule in load_rules():
        if rule.kind == "substitution" and rule.spec.get("lexicon") in lexicons:
            for e in rule_entries(rule.spec):
                if len(e.parts) == 1 and len(e.parts[0]) == 1:
                    words |= forms(e.parts[0][0])
    return frozenset(words)

_NUMBER_WORD = re.compile(
    r"(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|twintig|dertig|"
    r"veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd|duizend|miljoen|en|ën)+(?:ste|de)?")


def _capitalised_names(ctx) -> set[str]:
    """Words the text writes with a capital inside a sentence: names, also at the start of a sentence."""
    starts = {s.start for s in ctx.sentences}
    lowers = ctx.table[0]
    text, alpha = ctx.tokens.text, ctx.tokens.is_alpha
    return {lowers[i] for i in range(1, len(text)) if alpha[i] and text[i][:1].isupper() and i not in starts
            and alpha[i - 1] and text[i - 1].islower()}  # not in Title Case headings (spaCy's is_lower)


class _Explained:
    """The lower-case forms and lemmas of words the text explains where it uses them ("X, dat is ...",
    "X (...)", "dit heet X"), tested only for the words asked about: ``w in explained``."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self._where: dict[str, list[tuple[int, int]]] | None = None
        self._known: dict[int, bool] = {}
        self._next: dict[int, bool] = {}
        self._words: dict[str, bool] = {}  # answers per word: a word used 100,000 times is looked up once

    def _index(self) -> dict[str, list[tuple[int, int]]]:
        if self._where is None:
            self._where = {}
            lowers, lemmas = self.ctx.table
            alpha = self.ctx.tokens.is_alpha
            for k, s in enumerate(self.ctx.sentences):
                for i in range(s.start, s.end):
                    if alpha[i]:
                        self._where.setdefault(lowers[i], []).append((i, k))
                        if lemmas[i] != lowers[i]:
                            self._where.setdefault(lemmas[i], []).append((i, k))
        return self._where

    def _next_explains(self, k: int) -> bool:
        if k not in self._next:
            sents, text = self.ctx.sentences, self.ctx.document.text
            nxt = text[sents[k + 1].start_char:sents[k + 1].start_char + 40] if k + 1 < len(sents) else ""
            self._next[k] = bool(_EXPLAIN_NEXT.match(nxt))
        return self._next[k]

    def _explains(self, i: int, k: int) -> bool:
        if i not in self._known:
            text, s, tokens = self.ctx.document.text, self.ctx.sentences[k], self.ctx.tokens
            start, end = tokens.idx[i], tokens.idx[i] + len(tokens.text[i])
            after = text[end:min(s.end_char, end + 40)]
            self._known[i] = bool(_EXPLAIN_AFTER.match(after) or _EXPLAIN_BEFORE.search(text[max(0, start - 30):start])
                                  or self._next_explains(k))
        return self._known[i]

    def __contains__(self, word: str) -> bool:
        if word not in self._words:
            self._words[word] = any(self._explains(i, k) for i, k in self._index().get(word, ()))
        return self._words[word]


@rule_function("rare_words")
def rare_words(run: RuleRun) -> None:
    """WK003: a word that few readers know (low frequency), unless it is a name, number or explained."""
    ctx, doc = run.ctx, run.ctx.doc
    threshold = float(run.setting("min_zipf", 3.0))
    part_zipf = float(run.setting("compound_part_zipf", 3.5))
    strong_part = run.setting("compound_strong_part_zipf", None)
    strong_part = float(strong_part) if strong_part is not None else None
    min_len = int(run.setting("min_length", 5))
    skip = _lexicon_words(tuple(run.rule.spec.get("lexicons", ()))) | set(run.setting("allow", []) or [])
    explained = _Explained(ctx)
    sents = ctx.sentences
    seen: set[str] = set()
    names = _capitalised_names(ctx)
    lowers, lemmas = ctx.table
    text, alpha, pos, idx = ctx.tokens.text, ctx.tokens.is_alpha, ctx.tokens.pos, ctx.tokens.idx
    for s in sents:  # token attributes from the per-document tables, not spaCy Token objects
        for i in range(s.start, s.end):
            w, word = lowers[i], text[i]
            if (not alpha[i] or len(w) < min_len or pos[i] in ("PROPN", "NUM", "X", "SYM")
                    or (word[:1].isupper() and i != s.start) or word.isupper() or _NUMBER_WORD.fullmatch(w)):
                continue
            if word[:1].isupper() and (w in names or (
                    i + 1 < s.end and alpha[i + 1] and text[i + 1][:1].isupper())):
                continue  # "Hayter schreef ..." when the text has "Hayter" elsewhere; "Giulio Natta ..."
            if zipf(w) >= threshold or doc[i].like_num:
                continue  # common as it stands: no need to look for its base form
            lemma = lemmas[i] or w
            if w in seen or lemma in seen or w in skip or lemma in skip or w in explained or lemma in explained:
                continue
            if max(zipf(x) for x in base_forms(w, lemma)) >= threshold:
                continue
            if known_compound(w, part_zipf, strong_part):
                continue
            if particle_verb_known(w, lemma, threshold):
                continue
            if likely_typo(w):
                continue  # a misspelling of a common word ('ontvagen'): spelling, not a rare word
            seen.update((w, lemma))
            run.emit(idx[i], idx[i] + len(word))
