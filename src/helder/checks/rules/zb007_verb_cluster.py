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


@rule_function("verb_cluster")
def verb_cluster(run: RuleRun) -> None:
    """ZB007: three or more verbs in a row ("zal moeten worden ingediend")."""
    need = int(run.setting("min_verbs", 3))  # with a passive or perfect infinitive ("moet worden ingediend")
    plain = int(run.setting("min_verbs_plain", 4))  # otherwise ("heeft laten zien" is ordinary Dutch)
    ctx = run.ctx
    t = ctx.tokens
    lowers, tag, pos, dep, finite, verbal_tok = ctx.table[0], t.tag, t.pos, t.dep, t.finite, t.verbal
    n = len(t)
    for s in ctx.sentences:  # token attributes from the per-document tables
        runs: list[list[int]] = []
        cur: list[int] = []
        for i in range(s.start, s.end):
            tg = tag[i]
            verbal = ((tg.startswith("WW") and pos[i] in ("VERB", "AUX") if tg else verbal_tok[i])
                      and "prenom" not in tg
                      and not (dep[i] == "amod" and i + 1 < n and pos[i + 1] == "NOUN"))
            if verbal:
                cur.append(i)
            elif lowers[i] == "te" and cur:
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
                if cur2 and finite[i] and any(finite[j] for j in cur2):
                    parts.append(cur2)
                    cur2 = []
                cur2.append(i)
            parts.append(cur2)
            for p in parts:
                heavy = any(lowers[i] in ("worden", "zijn", "geworden", "geweest") and not finite[i]
                            for i in p)
                if len(p) >= plain or (heavy and len(p) >= need):
                    run.emit_tokens(p[0], p[-1], verbs=len(p))
