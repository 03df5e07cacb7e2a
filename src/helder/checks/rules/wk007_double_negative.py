"""WK007 ``dubbele-ontkenning`` (``function: double_negative``).

## What it does
'niet onmogelijk', 'niet zonder', 'geen ... niet'.

## Why is this bad?
Two negations have to be turned around in the head before the meaning is clear.

## Example
```
Het is niet onmogelijk dat de kosten stijgen.
```

Use instead:
```
Het is mogelijk dat de kosten stijgen.
```

Message, settings and all examples: ``rules/woordkeuze/WK007.yml``.
"""

from __future__ import annotations

from ...morphology import zipf
from ..context import RuleRun
from ..registry import rule_function


@rule_function("double_negative")
def double_negative(run: RuleRun) -> None:
    """WK007: 'niet onmogelijk', 'niet zonder', 'geen ... niet'."""
    doc = run.ctx.doc
    window = int(run.setting("window", 3))
    extra = set(run.setting("negative_words", []) or [])
    lowers = run.ctx.table[0]
    for sent in run.ctx.sentences:
        for i in range(sent.start, sent.end):
            if lowers[i] not in ("niet", "geen", "nooit"):
                continue  # read from the token table: a Token object only where a negation stands
            t = doc[i]
            for j in range(t.i + 1, min(t.i + 1 + window, sent.end)):
                u = doc[j]
                if u.is_punct:
                    break
                w = u.lower_
                if t.lower_ == "niet" and w == "zonder" and j == t.i + 1:
                    run.emit_tokens(t.i, j, variant="zonder")
                    break
                if w in extra:
                    run.emit_tokens(t.i, j, variant="word")
                    break
                rest = w[2:]
                if (w.startswith("on") and len(rest) >= 4 and u.pos_ not in ("VERB", "ADP", "NOUN", "AUX")
                        and zipf(rest) >= 3.0 and zipf(w) < zipf(rest) + 1.5):
                    run.emit_tokens(t.i, j, variant="prefix", replacements=(rest,), positive=rest)
                    break
