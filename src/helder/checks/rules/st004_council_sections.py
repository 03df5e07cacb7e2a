"""ST004 ``raadsvoorstel-vaste-kop`` (``function: council_sections``).

## What it does
A council proposal misses one of its fixed sections.

## Why is this bad?
Council members look for the fixed sections of a proposal; a missing one costs them time or hides a
decision.

## Example
```
# Nieuw speelveld Centrum

## Beslispunten
...
## Aanleiding
...
```

Use instead:
```
# Nieuw speelveld Centrum

## Beslispunten
## Aanleiding
## Wat willen we bereiken?
## Wat gaan we daarvoor doen?
## Financiën
## Vervolg
```

Message, settings and all examples: ``rules/structuur/ST004.yml``.
"""

from __future__ import annotations

from ..context import RuleRun
from ..registry import rule_function
from .common import heading_lines, matches_section


@rule_function("council_sections")
def council_sections(run: RuleRun) -> None:
    """ST004: a council proposal misses one of its fixed sections."""
    sections = run.setting("sections", []) or []
    headings = heading_lines(run)
    if not run.ctx.sentences:
        return
    first = run.ctx.sentences[0]
    for sec in sections:
        if not any(matches_section(h, sec["match"]) for _a, _b, h in headings):
            run.emit(first.start_char, first.end_char, section=sec["name"])
