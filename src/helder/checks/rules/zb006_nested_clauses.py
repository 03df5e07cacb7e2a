"""ZB006 ``ingebedde-bijzinnen`` (``function: nested_clauses``).

## What it does
A subordinate clause in the middle of another one, or too many subordinate clauses.

## Why is this bad?
A clause inside a clause (or a pile of clauses) asks the reader to keep several open ends in mind at
once.

## Example
```
Wij vragen dit omdat het huis dat u huurt te klein is.
```

Use instead:
```
Wij vragen dit omdat uw huis te klein is.
```

Message, settings and all examples: ``rules/zinsbouw/ZB006.yml``.
"""

from __future__ import annotations

from ..context import is_word, RuleRun
from ..registry import rule_function
from ..syntax import SUBORDINATE_DEPS, is_subordinate_clause
from .common import OPENER_WORDS


def _center_embedded_by_tags(ctx, start: int, end: int) -> tuple[int, int] | None:
    """(opener, closing verb) of a clause opened inside a clause that is still open (verb-final order),
    in the sentence of tokens ``start`` .. ``end - 1`` (read from the per-document token tables)."""
    t = ctx.tokens
    lowers, text, tag = ctx.table[0], t.text, t.tag
    verb = [f and v for f, v in zip(t.finite[start:end], t.verbal[start:end])]  # a finite verb, by offset
    stack: list[int] = []
    for i in range(start, end):
        opener = (tag[i].startswith("VG|onder") or tag[i].startswith("VNW|betr")) and lowers[i] in OPENER_WORDS
        if opener:
            stack.append(i)
            if len(stack) >= 2:
                outer = stack[0]
                # the embedded clause must close (finite verb) before the outer one does
                for u in range(i + 1, end):
                    if verb[u - start]:
                        later = next((v for v in range(u + 1, end) if verb[v - start]), None)
                        if later is not None:
                            return outer, later
                        break
                stack = stack[-1:]
        elif verb[i - start] and stack:
            stack.pop()
        elif text[i] in (".", ";", ":"):
            stack = []
    return None


@rule_function("nested_clauses")
def nested_clauses(run: RuleRun) -> None:
    """ZB006: a subordinate clause in the middle of another one, or too many subordinate clauses."""
    max_clauses = int(run.setting("max_clauses", 3))
    ctx = run.ctx
    doc, dep = ctx.doc, ctx.tokens.dep
    for s in ctx.sentences:
        heads = [doc[i] for i in range(s.start, s.end) if dep[i] in SUBORDINATE_DEPS and is_subordinate_clause(doc[i])]
        head_ids = {t.i for t in heads}
        hit = None
        for h in heads:
            for o in h.ancestors:
                if o.i not in head_ids:
                    continue
                inner = set(x.i for x in h.subtree)
                after = [x for x in o.subtree if x.i > h.right_edge.i and x.i not in inner and is_word(x)]
                before = [x for x in o.subtree if x.i < h.left_edge.i and is_word(x)]
                if after and before:
                    hit = (o.left_edge.i, max(x.i for x in o.subtree))
                    break
            if hit:
                break
        if hit is None:
            hit = _center_embedded_by_tags(ctx, s.start, s.end)
        if hit is not None:
            run.emit_tokens(hit[0], hit[1], variant="depth")
        elif len(heads) > max_clauses:
            run.emit(s.start_char, s.end_char, variant="count", clauses=len(heads), max=max_clauses)
