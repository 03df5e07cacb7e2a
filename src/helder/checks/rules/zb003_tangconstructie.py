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
from ..syntax import is_finite, is_participle, is_verbal
from .common import sentence_tokens

_AUX_FORMS = frozenset("""kan kunt kunnen kon konden moet moeten moest moesten zal zult zullen zou zouden wil wilt
willen wilde wilden wou mag mogen mocht mochten heb hebt heeft hebben had hadden word wordt worden werd werden
ga gaat gaan ging gingen""".split())

_CLAUSE_WORDS = frozenset("dat die omdat als wanneer waar wat wie waarin waarmee zodat terwijl nadat voordat "
                          "doordat tenzij hoewel indien of".split())


def _clause_break(doc, a: int, b: int) -> bool:
    """Does another clause start between tokens ``a`` and ``b``? Then the two verbs are not one tang
    but a misparse across clauses ("… ontwikkeld, maar we hebben …", "… de e-mail die u heeft …")."""
    for u in doc[a + 1:b]:
        if (is_finite(u) and is_verbal(u)) or u.pos_ == "SCONJ" or u.lower_ in _CLAUSE_WORDS:
            return True
        if u.text in (";", ":") or (u.text == "," and u.i + 1 < b and doc[u.i + 1].pos_ in ("CCONJ", "SCONJ")):
            return True
    return False


@rule_function("tangconstructie")
def tangconstructie(run: RuleRun) -> None:
    """ZB003: many words between the finite verb and the rest of the verb, or between article and noun."""
    ctx, doc = run.ctx, run.ctx.doc
    max_verb = int(run.setting("max_words_verb", 10))
    max_noun = int(run.setting("max_words_noun", 4))
    reported: list[tuple[int, int]] = []

    def report(a: int, b: int, variant: str, words: int) -> None:
        if any(x <= a <= y or x <= b <= y for x, y in reported):
            return
        reported.append((a, b))
        run.emit_tokens(a, b, variant=variant, words=words, first=doc[a].text, last=doc[b].text)

    for _s, sent in sentence_tokens(run):
        for tok in sent:
            # finite auxiliary ... participle/infinitive; finite verb ... separable particle
            if is_verbal(tok) and not is_finite(tok):
                for c in tok.children:
                    if c.dep_ in ("aux", "aux:pass") and is_finite(c) and sent.start <= c.i < tok.i:
                        n = ctx.words_between(c.i, tok.i)
                        if n > max_verb and not _clause_break(doc, c.i, tok.i):
                            report(c.i, tok.i, "verb", n)
            if is_finite(tok) and is_verbal(tok):
                for c in tok.children:
                    if (c.dep_ == "compound:prt" and tok.i < c.i < sent.end
                            and not _starts_phrase(doc, c.i, sent.end)):
                        n = ctx.words_between(tok.i, c.i)
                        if n > max_verb and not _clause_break(doc, tok.i, c.i):
                            report(tok.i, c.i, "verb", n)
            # parse-light fallback on the tags: a finite auxiliary/modal ... the last non-finite verb
            # of the same stretch (no comma, no subordinate clause in between)
            if tok.lower_ in _AUX_FORMS and is_finite(tok):
                last = None
                for j in range(tok.i + 1, sent.end):
                    u = doc[j]
                    if u.text in (",", ";", ":", "(", ")") or u.pos_ == "SCONJ" or u.lower_ in _CLAUSE_WORDS:
                        break
                    if is_finite(u) and is_verbal(u):
                        break
                    if u.tag_.startswith(("WW|inf", "WW|vd")) and "prenom" not in u.tag_ and "nom" not in u.tag_[6:10]:
                        last = j
                if last is not None:
                    n = ctx.words_between(tok.i, last)
                    if n > max_verb:
                        report(tok.i, last, "verb", n)
            # article ... noun with a long modifier in between ("de door de raad vastgestelde regels")
            if tok.pos_ == "DET" and tok.lower_ in ("de", "het", "een", "deze", "dit", "die", "dat"):
                noun = tok.head
                between = doc[tok.i + 1:noun.i] if sent.end > noun.i > tok.i else []
                if (noun.pos_ in ("NOUN", "PROPN") and len(between) and
                        any(t.pos_ == "ADP" for t in between) and
                        any(is_participle(t) or t.pos_ == "ADJ" or t.tag_.startswith("WW|vd") for t in between)):
                    n = ctx.words_between(tok.i, noun.i)
                    if n > max_noun:
                        report(tok.i, noun.i, "noun", n)
                        continue
                # parse-independent fallback: article + preposition ... participle/adjective + noun
                nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None
                if nxt is None or nxt.pos_ != "ADP" or nxt.lower_ in ("van", "of"):
                    continue
                if tok.lower_ == "een" and nxt.lower_ in ("op", "tot"):
                    continue
                for j in range(tok.i + 2, min(tok.i + 16, sent.end - 1)):
                    t, after = doc[j], doc[j + 1]
                    if t.is_punct or after.is_punct:
                        break
                    if (re.search(r"(de|te|en|ste|ige|ele|ale|ere)$", t.lower_) and
                            (is_participle(t) or t.pos_ in ("ADJ", "VERB")) and after.pos_ in ("NOUN",)):
                        n = ctx.words_between(tok.i, j + 1)
                        if n > max_noun:
                            report(tok.i, j + 1, "noun", n)
                        break


def _starts_phrase(doc, i: int, end: int) -> bool:
    """A 'particle' followed by an article or a noun is a preposition the parser took for a particle
    ('we hebben een groei achter de rug'): a separated particle closes the middle field."""
    return i + 1 < end and doc[i + 1].pos_ in ("DET", "NOUN", "PROPN", "NUM", "ADJ")
