"""WK006 ``aanspreekvorm-wisselt`` (``function: mixed_address``).

## What it does
The text speaks to the reader both as 'u' and as 'je'.

## Why is this bad?
Switching between 'u' and 'je' makes the reader wonder whether they are still the one spoken to.

## Example
```
U kunt de aanvraag online doen. Daarna krijg je binnen een week bericht. Uw pas ligt dan klaar.
```

Use instead:
```
U kunt de aanvraag online doen. Daarna krijgt u binnen een week bericht.
```

Message, settings and all examples: ``rules/woordkeuze/WK006.yml``.
"""

from __future__ import annotations

from ..context import RuleRun
from ..registry import rule_function
from .common import sentence_tokens

_FORMAL = frozenset({"u", "uw", "uzelf"})

_INFORMAL = frozenset({"je", "jij", "jou", "jouw", "jezelf"})

_QUOTES = "\"“”„«»"


def _address_tokens(run: RuleRun):
    text = run.ctx.document.text
    for s, sent in sentence_tokens(run):
        for t in sent:
            w = t.lower_.rstrip(".")
            if w in _FORMAL or w in _INFORMAL:
                before = text[s.start_char:t.idx]
                if sum(before.count(q) for q in _QUOTES) % 2 == 1:
                    continue  # inside a quotation
                yield t, ("u" if w in _FORMAL else "je")


@rule_function("mixed_address")
def mixed_address(run: RuleRun) -> None:
    """WK006: the text speaks to the reader both as 'u' and as 'je'."""
    found = list(_address_tokens(run))
    formal = [t for t, k in found if k == "u"]
    informal = [t for t, k in found if k == "je"]
    if not formal or not informal:
        return
    if len(formal) > len(informal) or (len(formal) == len(informal) and formal[0].i < informal[0].i):
        minority, other = informal, "u"
    else:
        minority, other = formal, "je"
    for t in minority:
        w = t.text.rstrip(".")
        run.emit(t.idx, t.idx + len(w), other=other)
