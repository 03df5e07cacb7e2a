"""ZB005 ``lange-aanloop`` (``function: long_runup``).

## What it does
Many words before the finite verb of the main clause.

## Why is this bad?
The reader only knows what the sentence is about once the finite verb comes; a long run-up makes
them wait.

## Example
```
Op grond van de regels in de verordening en na overleg met de politie en de buren van het plein heeft de burgemeester besloten het plein te sluiten.
```

Use instead:
```
De burgemeester sluit het plein. Hij heeft daarover gepraat met de politie en met de buren.
```

Message, settings and all examples: ``rules/zinsbouw/ZB005.yml``.
"""

from __future__ import annotations

from ...morphology import looks_like_participle
from ..context import RuleRun
from ..registry import rule_function
from ..syntax import finite_of
from .common import OPENER_WORDS


def _attributive(t) -> bool:
    """A participle before its noun ('de door u gestelde vragen'), even when the tagger calls it finite."""
    return (t.dep_ in ("amod", "acl") and t.head.i > t.i and t.head.pos_ in ("NOUN", "PROPN")
            and t.lower_.endswith("e") and looks_like_participle(t.lower_[:-1]))


def _main_finite(ctx, start: int, end: int):
    """The finite verb of the main clause: the first finite verb that does not close a subordinate
    clause (Dutch subordinate clauses end in their finite verb; the opener starts them). Reads the
    per-document token tables for the tokens ``start`` .. ``end - 1``."""
    doc, t = ctx.doc, ctx.tokens
    lowers, tag, finite, verbal = ctx.table[0], t.tag, t.finite, t.verbal
    open_clauses = 0
    for i in range(start, end):
        if (tag[i].startswith("VG|onder") or tag[i].startswith("VNW|betr")) and lowers[i] in OPENER_WORDS:
            open_clauses += 1
        elif finite[i] and verbal[i] and not _attributive(doc[i]):
            if open_clauses:
                open_clauses -= 1
            else:
                return doc[i]
    head, dep = t.head, t.dep
    root = next((i for i in range(start, end) if head[i] == i or dep[i] == "ROOT"), None)
    return finite_of(doc[root]) if root is not None else None


@rule_function("long_runup")
def long_runup(run: RuleRun) -> None:
    """ZB005: many words before the finite verb of the main clause."""
    limit = int(run.setting("max_words", 12))
    for s in run.ctx.sentences:
        f = _main_finite(run.ctx, s.start, s.end)
        if f is None or f.i <= s.start:
            continue
        words = run.ctx.words_between(s.start - 1, f.i)
        if words > limit:
            last = f.i - 1
            while last > s.start and run.ctx.doc[last].is_punct:
                last -= 1
            run.emit_tokens(s.start, last, words=words, max=limit, verb=f.text)
