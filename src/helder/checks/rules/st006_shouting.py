"""ST006 ``hoofdletters`` (``function: shouting``).

## What it does
Words in capitals ("LET OP", "BELANGRIJK BERICHT").

## Why is this bad?
Words in capitals are harder to read (no word shapes) and feel like shouting.

## Example
```
LET OP: de balie is maandag dicht.
```

Use instead:
```
Let op: de balie is maandag dicht.
```

Message, settings and all examples: ``rules/structuur/ST006.yml``.
"""

from __future__ import annotations

from ...morphology import zipf
from ..context import RuleRun
from ..registry import rule_function
from .common import ROMAN


@rule_function("shouting")
def shouting(run: RuleRun) -> None:
    """ST006: words in capitals ("LET OP", "BELANGRIJK BERICHT")."""
    need = int(run.setting("min_words", 2))
    doc = run.ctx.doc
    cur: list = []

    def flush():
        if len(cur) >= need and any(len(t.text) >= 3 for t in cur) and sum(
                zipf(t.lower_) >= 3.0 for t in cur) * 2 >= len(cur):
            run.emit_tokens(cur[0].i, cur[-1].i)

    for t in doc:
        if t.is_alpha and t.text.isupper() and len(t.text) >= 2 and not ROMAN.fullmatch(t.text):
            cur.append(t)
        elif t.is_punct and cur and t.text not in ".!?":
            continue
        else:
            flush()
            cur = []
    flush()
