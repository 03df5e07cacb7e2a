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
from ..syntax import is_finite, is_subordinate_clause, is_verbal
from .common import OPENER_WORDS, sentence_tokens


def _center_embedded_by_tags(sent) -> tuple[int, int] | None:
    """(opener, closing verb) of a clause opened inside a clause that is still open (verb-final order)."""
    stack: list[int] = []
    for t in sent:
        opener = (t.tag_.startswith("VG|onder") or t.tag_.startswith("VNW|betr")) and t.lower_ in OPENER_WORDS
        if opener:
            stack.append(t.i)
            if len(stack) >= 2:
                outer = stack[0]
                # the embedded clause must close (finite verb) before the outer one does
                for u in sent[t.i - sent.start + 1:]:
                    if is_finite(u) and is_verbal(u):
                        later = [v for v in sent[u.i - sent.start + 1:] if is_finite(v) and is_verbal(v)]
                        if later:
                            return outer, later[0].i
                        break
                stack = stack[-1:]
        elif is_finite(t) and is_verbal(t) and stack:
            stack.pop()
        elif t.text in (".", ";", ":"):
            stack = []
    return None


@rule_function("nested_clauses")
def nested_clauses(run: RuleRun) -> None:
    """ZB006: a subordinate clause in the middle of another one, or too many subordinate clauses."""
    max_clauses = int(run.setting("max_clauses", 3))
    doc = run.ctx.doc
    for s, sent in sentence_tokens(run):
        heads = [t for t in sent if is_subordinate_clause(t)]
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
            hit = _center_embedded_by_tags(sent)
        if hit is not None:
            run.emit_tokens(hit[0], hit[1], variant="depth")
        elif len(heads) > max_clauses:
            run.emit(s.start_char, s.end_char, variant="count", clauses=len(heads), max=max_clauses)
