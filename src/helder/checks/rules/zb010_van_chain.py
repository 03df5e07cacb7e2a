"""ZB010 ``van-keten`` (``function: van_chain``).

## What it does
A chain of three or more van-phrases ("de kosten van de aanleg van de weg van ...").

## Why is this bad?
A chain of van-phrases stacks nouns; the reader has to work out what belongs to what.

## Example
```
De kosten van de aanleg van de weg van de gemeente zijn hoog.
```

Use instead:
```
De gemeente legt een weg aan. Dat kost veel geld.
```

Message, settings and all examples: ``rules/zinsbouw/ZB010.yml``.
"""

from __future__ import annotations

from ..context import is_word, RuleRun
from ..registry import rule_function
from ..syntax import is_verbal
from .common import sentence_tokens


@rule_function("van_chain")
def van_chain(run: RuleRun) -> None:
    """ZB010: a chain of three or more van-phrases ("de kosten van de aanleg van de weg van ...")."""
    need = int(run.setting("min_chain", 3))
    gap = int(run.setting("max_gap", 4))
    doc = run.ctx.doc
    for _s, sent in sentence_tokens(run):
        chain: list[int] = []
        for t in sent:
            if t.lower_ != "van":
                continue
            if chain:
                between = doc[chain[-1] + 1:t.i]
                ok = (sum(1 for b in between if is_word(b)) <= gap and
                      not any(b.is_punct or (run.ctx.parsed and is_verbal(b)) for b in between))
                if not ok:
                    if len(chain) >= need:
                        break
                    chain = []
            chain.append(t.i)
        if len(chain) >= need:
            end = chain[-1] + 1
            while end + 1 < sent.end and not doc[end + 1].is_punct and doc[end].pos_ != "NOUN" and end - chain[-1] < 4:
                end += 1
            run.emit_tokens(chain[0], min(end, sent.end - 1), count=len(chain))
            continue
