"""ZB007 ``werkwoordstapeling`` (``function: verb_cluster``).

## What it does
Three or more verbs in a row ("zal moeten worden ingediend").

## Why is this bad?
Three or more verbs in a row are hard to untangle: which verb says what happens, and who does it?

## Example
```
Het formulier zal moeten worden ingediend.
```

Use instead:
```
U moet het formulier indienen.
```

Message, settings and all examples: ``rules/zinsbouw/ZB007.yml``.
"""

from __future__ import annotations

from ..context import RuleRun
from ..registry import rule_function
from ..syntax import is_finite, is_verbal
from .common import sentence_tokens


@rule_function("verb_cluster")
def verb_cluster(run: RuleRun) -> None:
    """ZB007: three or more verbs in a row ("zal moeten worden ingediend")."""
    need = int(run.setting("min_verbs", 3))  # with a passive or perfect infinitive ("moet worden ingediend")
    plain = int(run.setting("min_verbs_plain", 4))  # otherwise ("heeft laten zien" is ordinary Dutch)
    doc = run.ctx.doc
    for _s, sent in sentence_tokens(run):
        runs: list[list[int]] = []
        cur: list[int] = []
        for t in sent:
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            verbal = ((t.tag_.startswith("WW") and t.pos_ in ("VERB", "AUX") if t.tag_ else is_verbal(t))
                      and "prenom" not in t.tag_
                      and not (t.dep_ == "amod" and nxt is not None and nxt.pos_ == "NOUN"))
            if verbal:
                cur.append(t.i)
            elif t.lower_ == "te" and cur:
                continue
            else:
                if cur:
                    runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        for r in runs:
            # a cluster has one finite verb; a second one starts another clause ("wie wil komen moet betalen")
            parts, cur2 = [], []
            for i in r:
                if cur2 and is_finite(doc[i]) and any(is_finite(doc[j]) for j in cur2):
                    parts.append(cur2)
                    cur2 = []
                cur2.append(i)
            parts.append(cur2)
            for p in parts:
                heavy = any(doc[i].lower_ in ("worden", "zijn", "geworden", "geweest") and not is_finite(doc[i])
                            for i in p)
                if len(p) >= plain or (heavy and len(p) >= need):
                    run.emit_tokens(p[0], p[-1], verbs=len(p))
