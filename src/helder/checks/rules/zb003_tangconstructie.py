"""ZB003 ``tangconstructie`` (``function: tangconstructie``).

## What it does
Many words between the finite verb and the rest of the verb, or between article and noun.

## Why is this bad?
The reader has to keep the first part of the verb (or the article) in mind until the rest comes; a
long gap overloads working memory.

## Example
```
De door de raad op 12 mei vastgestelde regels gelden ook voor u.
```

Use instead:
```
De regels die de raad op 12 mei heeft vastgesteld, gelden ook voor u.
```

Message, settings and all examples: ``rules/zinsbouw/ZB003.yml``.
"""

from __future__ import annotations

import re

from ..context import RuleRun
from ..registry import rule_function
from ..syntax import is_participle

_AUX_FORMS = frozenset("""kan kunt kunnen kon konden moet moeten moest moesten zal zult zullen zou zouden wil wilt
willen wilde wilden wou mag mogen mocht mochten heb hebt heeft hebben had hadden word wordt worden werd werden
ga gaat gaan ging gingen""".split())

_CLAUSE_WORDS = frozenset("dat die omdat als wanneer waar wat wie waarin waarmee zodat terwijl nadat voordat "
                          "doordat tenzij hoewel indien of".split())


def _clause_break(ctx, a: int, b: int) -> bool:
    """Does another clause start between tokens ``a`` and ``b``? Then the two verbs are not one tang
    but a misparse across clauses ("… ontwikkeld, maar we hebben …", "… de e-mail die u heeft …")."""
    t = ctx.tokens
    lowers, text, pos, finite, verbal = ctx.table[0], t.text, t.pos, t.finite, t.verbal
    for k in range(a + 1, b):
        if (finite[k] and verbal[k]) or pos[k] == "SCONJ" or lowers[k] in _CLAUSE_WORDS:
            return True
        if text[k] in (";", ":") or (text[k] == "," and k + 1 < b and pos[k + 1] in ("CCONJ", "SCONJ")):
            return True
    return False


def _verb_gaps(ctx, i: int, s_start: int, s_end: int):
    """(first, last) token pairs of a verb split around token ``i``: a finite auxiliary before the
    participle/infinitive ``i``, or the finite verb ``i`` before its separable particle."""
    t = ctx.tokens
    finite, verbal = t.finite, t.verbal
    if verbal[i] and not finite[i]:
        for c in ctx.doc[i].children:
            if c.dep_ in ("aux", "aux:pass") and finite[c.i] and s_start <= c.i < i:
                yield c.i, i
    if finite[i] and verbal[i]:
        for c in ctx.doc[i].children:
            if c.dep_ == "compound:prt" and i < c.i < s_end and not _starts_phrase(t.pos, c.i, s_end):
                yield i, c.i


def _aux_stretch(ctx, i: int, s_end: int) -> int | None:
    """Parse-light fallback on the tags: the last non-finite verb after the finite auxiliary/modal ``i``
    in the same stretch (no comma, no subordinate clause in between)."""
    t = ctx.tokens
    lowers, text, pos, tag, finite, verbal = ctx.table[0], t.text, t.pos, t.tag, t.finite, t.verbal
    last = None
    for j in range(i + 1, s_end):
        if text[j] in (",", ";", ":", "(", ")") or pos[j] == "SCONJ" or lowers[j] in _CLAUSE_WORDS:
            break
        if finite[j] and verbal[j]:
            break
        if tag[j].startswith(("WW|inf", "WW|vd")) and "prenom" not in tag[j] and "nom" not in tag[j][6:10]:
            last = j
    return last


def _noun_gap(ctx, i: int, s_end: int) -> int | None:
    """The noun of the article ``i`` when a long modifier with a preposition and a participle or
    adjective stands between them ("de door de raad vastgestelde regels"), by the parse."""
    doc, t = ctx.doc, ctx.tokens
    pos, tag = t.pos, t.tag
    h = t.head[i]
    if not (s_end > h > i + 1 and pos[h] in ("NOUN", "PROPN")):
        return None
    if not any(pos[k] == "ADP" for k in range(i + 1, h)):
        return None
    if any(pos[k] == "ADJ" or tag[k].startswith("WW|vd") or is_participle(doc[k]) for k in range(i + 1, h)):
        return h
    return None


def _noun_gap_by_tags(ctx, i: int, s_end: int) -> int | None:
    """Parse-independent fallback: article + preposition ... participle/adjective + noun."""
    doc, t = ctx.doc, ctx.tokens
    lowers, pos, punct = ctx.table[0], t.pos, t.is_punct
    j = i + 1
    if j >= s_end or pos[j] != "ADP" or lowers[j] in ("van", "of"):
        return None
    if lowers[i] == "een" and lowers[j] in ("op", "tot"):
        return None
    for j in range(i + 2, min(i + 16, s_end - 1)):
        if punct[j] or punct[j + 1]:
            break
        if (_ADJ_END.search(lowers[j]) and pos[j + 1] == "NOUN" and
                (pos[j] in ("ADJ", "VERB") or is_participle(doc[j]))):
            return j + 1
    return None


_ADJ_END = re.compile(r"(de|te|en|ste|ige|ele|ale|ere)$")


@rule_function("tangconstructie")
def tangconstructie(run: RuleRun) -> None:
    """ZB003: many words between the finite verb and the rest of the verb, or between article and noun.
    Reads the per-document token tables; spaCy Tokens only for a verb's children and participle tests."""
    ctx, doc = run.ctx, run.ctx.doc
    max_verb = int(run.setting("max_words_verb", 10))
    max_noun = int(run.setting("max_words_noun", 4))
    reported: list[tuple[int, int]] = []
    lowers, pos, finite, verbal = ctx.table[0], ctx.tokens.pos, ctx.tokens.finite, ctx.tokens.verbal

    def report(a: int, b: int, variant: str, words: int) -> None:
        if any(x <= a <= y or x <= b <= y for x, y in reported):
            return
        reported.append((a, b))
        run.emit_tokens(a, b, variant=variant, words=words, first=doc[a].text, last=doc[b].text)

    for s in ctx.sentences:
        for i in range(s.start, s.end):
            if verbal[i]:
                for a, b in _verb_gaps(ctx, i, s.start, s.end):
                    n = ctx.words_between(a, b)
                    if n > max_verb and not _clause_break(ctx, a, b):
                        report(a, b, "verb", n)
            if finite[i] and lowers[i] in _AUX_FORMS:
                last = _aux_stretch(ctx, i, s.end)
                if last is not None:
                    n = ctx.words_between(i, last)
                    if n > max_verb:
                        report(i, last, "verb", n)
            # article ... noun with a long modifier in between ("de door de raad vastgestelde regels")
            if pos[i] == "DET" and lowers[i] in ("de", "het", "een", "deze", "dit", "die", "dat"):
                noun = _noun_gap(ctx, i, s.end)
                if noun is not None:
                    n = ctx.words_between(i, noun)
                    if n > max_noun:
                        report(i, noun, "noun", n)
                        continue
                j = _noun_gap_by_tags(ctx, i, s.end)
                if j is not None:
                    n = ctx.words_between(i, j)
                    if n > max_noun:
                        report(i, j, "noun", n)


def _starts_phrase(pos, i: int, end: int) -> bool:
    """A 'particle' followed by an article or a noun is a preposition the parser took for a particle
    ('we hebben een groei achter de rug'): a separated particle closes the middle field."""
    return i + 1 < end and pos[i + 1] in ("DET", "NOUN", "PROPN", "NUM", "ADJ")
