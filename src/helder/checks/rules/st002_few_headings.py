"""ST002 ``weinig-tussenkoppen`` (``function: few_headings``).

## What it does
A long stretch of web text without a heading.

## Why is this bad?
Headings let the reader scan a web page and find their part; a long stretch without one is a wall of
text.

## Example
```
# Parkeervergunning

(two paragraphs of some 170 words, no heading between them)
```

Use instead:
```
# Parkeervergunning

(the first paragraph)

## Aanvragen

(the second paragraph)
```

Message, settings and all examples: ``rules/structuur/ST002.yml``.
"""

from __future__ import annotations

import re

from ..context import RuleRun
from ..registry import rule_function


@rule_function("few_headings")
def few_headings(run: RuleRun) -> None:
    """ST002: a long stretch of web text without a heading."""
    limit = int(run.setting("max_words_without_heading", 150))
    text = run.ctx.document.text
    blocks = [b for b in run.ctx.document.blocks] or None
    if blocks is None:
        units = [("paragraph", a, b) for a, b in run.ctx.paragraphs]
    else:
        units = [(b.kind, b.start, b.end) for b in blocks]
    words, start = 0, None
    for kind, a, b in units:
        if kind == "heading":
            words, start = 0, None
            continue
        if start is None:
            start = a
        words += len(re.findall(r"\w+", text[a:b]))
        if words > limit:
            end = next((s.end_char for s in run.ctx.sentences if s.start_char >= start), b)
            run.emit(start, min(end, b) if end > start else b, words=words, max=limit)
            words, start = -10**9, None  # one finding per stretch
