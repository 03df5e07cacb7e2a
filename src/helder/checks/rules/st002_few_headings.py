"""ST002 ``weinig-tussenkoppen`` (``function: few_headings``).

## What it does
A long stretch of web text without a heading.

## Why is this bad?
Headings let the reader scan a web page and find their part; a long stretch without one is a wall of
text.

## Example
```
# Parkeervergunning

U kunt een parkeervergunning aanvragen als u in een wijk met betaald parkeren woont. U heeft dan een auto nodig die op uw naam staat, of een auto van de zaak. Per adres geven wij hoogstens twee vergunningen. De eerste vergunning is goedkoper dan de tweede. Woont u in het centrum? Dan staat u misschien eerst op een wachtlijst. Dat komt doordat er in het centrum weinig plek is. Wij laten u weten hoe lang de wachtlijst is.

U vraagt de vergunning aan op onze website. Log in met DigiD. Vul het formulier in en stuur een kopie van het kentekenbewijs mee. U betaalt direct met iDEAL. Binnen een week krijgt u een e-mail met het besluit. De vergunning is digitaal: de handhaver ziet aan uw kenteken dat u mag parkeren. U hoeft dus niets achter de voorruit te leggen. Verhuist u of krijgt u een andere auto? Geef dat dan op tijd door. Dat kan ook op de website. Zo voorkomt u een boete als u parkeert in uw eigen straat. Heeft u vragen over de vergunning? Bel ons of stuur een e-mail.
```

Use instead:
```
# Parkeervergunning

U kunt een parkeervergunning aanvragen als u in een wijk met betaald parkeren woont.

## Aanvragen

U vraagt de vergunning aan op onze website. Log in met DigiD.
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
