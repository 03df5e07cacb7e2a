"""WK015 ``u-met-hoofdletter`` (``function: capital_u``).

## What it does
'U' and 'Uw' with a capital in the middle of a sentence.

## Why is this bad?
A capital 'U' mid-sentence is old-fashioned and formal, and draws the eye for no reason.

## Example
```
Wij hebben Uw aanvraag ontvangen.
```

Use instead:
```
Wij hebben uw aanvraag ontvangen.
```

Message, settings and all examples: ``rules/woordkeuze/WK015.yml``.
"""

from __future__ import annotations

from ..context import RuleRun
from ..registry import rule_function


@rule_function("capital_u")
def capital_u(run: RuleRun) -> None:
    """WK015: 'U' and 'Uw' with a capital in the middle of a sentence."""
    text = run.ctx.document.text
    source = run.ctx.document.source
    for t in run.ctx.doc:
        w = t.text.rstrip(".")
        if w not in ("U", "Uw", "Uzelf"):
            continue
        before = text[:t.idx].rstrip()
        if not before or before[-1] in ".!?:;\"'“‘„(«[-–—•*":
            continue
        src = run.ctx.document.source_offset(t.idx)
        src_before = source[:src]
        if "\n" in src_before[len(src_before.rstrip(" \t")) - 1:] or not src_before.strip() or \
                src_before.rstrip(" \t")[-1:] in ">*-#|":
            continue  # first word of a line: a heading, list item or table cell above it
        run.emit(t.idx, t.idx + len(w), replacements=(w.lower(),), agreed=True)
