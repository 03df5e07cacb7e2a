"""ST009 ``beslispunten-vooraan`` (``function: decision_first``).

## What it does
In a council proposal the decision points come first.

## Why is this bad?
The reader of a council proposal wants to know first what is to be decided.

## Example
```
# Nieuw speelveld Centrum

## Aanleiding
...
## Financiën
...
## Beslispunten
...
```

Use instead:
```
# Nieuw speelveld Centrum

## Beslispunten
...
## Aanleiding
...
```

Message, settings and all examples: ``rules/structuur/ST009.yml``.
"""

from __future__ import annotations

from ..context import RuleRun
from ..registry import rule_function
from .common import heading_lines, matches_section


@rule_function("decision_first")
def decision_first(run: RuleRun) -> None:
    """ST009: in a council proposal the decision points come first."""
    words = run.setting("decision", ["beslispunt", "voorstel", "besluit"])
    max_pos = int(run.setting("max_position", 2))
    headings = heading_lines(run)
    for pos, (a, b, h) in enumerate(headings, start=1):
        if matches_section(h, words):
            if pos > max_pos:
                run.emit(a, b, position=pos)
            return
