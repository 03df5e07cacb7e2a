"""WK010 ``spreek-de-lezer-aan`` (``function: address_reader``).

## What it does
A letter or web text that never speaks to the reader.

## Why is this bad?
A letter or web text that never says 'u' or 'je' does not tell the reader what it means for them.

## Example
```
De aanvrager vult het formulier in. Het formulier gaat naar de gemeente. Binnen acht weken volgt een besluit.
```

Use instead:
```
U vult het formulier in. Het formulier gaat naar de gemeente. Binnen acht weken krijgt u een besluit.
```

Message, settings and all examples: ``rules/woordkeuze/WK010.yml``.
"""

from __future__ import annotations

from ..context import is_word, RuleRun
from ..registry import rule_function
from ..syntax import is_finite, is_verbal
from .common import sentence_tokens

_READER = frozenset({"u", "uw", "uzelf", "je", "jij", "jou", "jouw", "jezelf", "jullie"})


@rule_function("address_reader")
def address_reader(run: RuleRun) -> None:
    """WK010: a letter or web text that never speaks to the reader."""
    need = int(run.setting("min_sentences", 3))
    ctx = run.ctx
    if len(ctx.sentences) < need:
        return
    for _s, sent in sentence_tokens(run):
        for t in sent:
            if t.lower_.rstrip(".") in _READER:
                return
        first = next((t for t in sent if is_word(t)), None)
        if (first is not None and is_finite(first) and is_verbal(first) and
                not any(c.dep_.startswith("nsubj") for c in first.children) and first.lower_ not in (
                    "is", "zijn", "was", "waren", "heeft", "hebben", "kan", "kunnen", "moet", "wordt")):
            return  # an imperative ("Vul het formulier in.") speaks to the reader too
    first = ctx.sentences[0]
    run.emit(first.start_char, first.end_char)
