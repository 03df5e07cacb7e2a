"""ST010 ``ongebruikte-opdracht`` (``function: unused_directive``).

## What it does
Flags an inline directive (``<!-- helder: uit WK001 -->``, ``negeer``) that silences no finding.

## Why is this bad?
A directive that silences nothing is left over from an old version of the text; it hides findings
that a later edit brings, and the writer no longer knows why it is there.

## Example
```
<!-- helder: negeer ZB001 -->
Wij halen het afval op.
```

Use instead: remove the directive.

The finding can only be known once every other rule has run and the directives have been applied,
so this function emits nothing; :mod:`helder.directives` reports ST010 with the rule's message and
severity (:func:`helder.directives.apply`). Message and examples: ``rules/structuur/ST010.yml``.
"""

from __future__ import annotations

from ..context import RuleRun
from ..registry import rule_function


@rule_function("unused_directive")
def unused_directive(run: RuleRun) -> None:
    """ST010: reported by :mod:`helder.directives` once every other finding of the document is known."""
