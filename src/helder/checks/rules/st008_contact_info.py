"""ST008 ``contact-ontbreekt`` (``function: contact_info``).

## What it does
A letter that does not say how the reader can ask a question.

## Why is this bad?
A reader with a question needs to know whom to call or write; a letter without a phone number or
e-mail address leaves them stuck.

## Example
```
Geachte heer Jansen,

(the letter, without a phone number or e-mail address)

Met vriendelijke groet,
```

Use instead:
```
Geachte heer Jansen,

(the letter)

Heeft u vragen? Bel ons op 14 020.

Met vriendelijke groet,
```

Message, settings and all examples: ``rules/structuur/ST008.yml``.
"""

from __future__ import annotations

import re

from ..context import RuleRun
from ..registry import rule_function

_PHONE = re.compile(r"(\+31|\b0)[\s-]?\d{1,3}[\s-]?\d{3}[\s-]?\d{2,4}\b|\b14\s?0\d{2,3}\b")

_MAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@rule_function("contact_info")
def contact_info(run: RuleRun) -> None:
    """ST008: a letter that does not say how the reader can ask a question."""
    text = run.ctx.document.text
    need = int(run.setting("min_words", 100))
    if len(re.findall(r"\w+", text)) < need or not run.ctx.sentences:
        return
    cues = run.setting("cues", ["bel", "mail", "contact", "www.", "http", "vragen?"])
    if _PHONE.search(text) or _MAIL.search(text) or any(re.search(rf"\b{re.escape(c)}", text, re.I) for c in cues):
        return
    last = run.ctx.sentences[-1]
    run.emit(last.start_char, last.end_char)
