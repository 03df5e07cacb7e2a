"""ZB008 ``lange-tussenzin`` (``function: long_parenthesis``).

## What it does
A long aside between brackets or dashes inside a sentence.

## Why is this bad?
A long aside breaks the sentence in two; the reader loses the thread before the main sentence
resumes.

## Example
```
U kunt de pas (die u overigens alleen kunt gebruiken als u in Diemen woont) ophalen bij de balie.
```

Use instead:
```
U kunt de pas ophalen bij de balie. U kunt de pas alleen gebruiken als u in Diemen woont.
```

Message, settings and all examples: ``rules/zinsbouw/ZB008.yml``.
"""

from __future__ import annotations

import re

from ..context import RuleRun
from ..registry import rule_function


@rule_function("long_parenthesis")
def long_parenthesis(run: RuleRun) -> None:
    """ZB008: a long aside between brackets or dashes inside a sentence."""
    limit = int(run.setting("max_words", 7))
    text = run.ctx.document.text
    rx = re.compile(r"\(([^()]{1,600})\)|(?<=\s)[–—-]\s([^–—]{1,600}?)\s[–—-](?=\s)")
    for s in run.ctx.sentences:
        for m in rx.finditer(text, s.start_char, s.end_char):
            inner = m.group(1) or m.group(2) or ""
            words = len(re.findall(r"\w+", inner))
            if words > limit:
                run.emit(m.start(), m.end(), words=words, max=limit)
