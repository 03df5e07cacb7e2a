"""ZB002 ``lijdende-vorm`` (``function: passive_without_agent``).

## What it does
A passive that does not say who acts (incl. "er wordt ...", "aan ... is voldaan").

## Why is this bad?
A passive that names no doer leaves the reader guessing who does what (the organisation? the
reader?).

## Example
```
Uw aanvraag is afgewezen.
```

Use instead:
```
Wij hebben uw aanvraag afgewezen.
```

Message, settings and all examples: ``rules/zinsbouw/ZB002.yml``.
"""

from __future__ import annotations

from ..context import is_word, RuleRun
from ..registry import rule_function
from .common import sentence_tokens


@rule_function("passive_without_agent")
def passive_without_agent(run: RuleRun) -> None:
    """ZB002: a passive that does not say who acts (incl. "er wordt ...", "aan ... is voldaan")."""
    ignore = set(run.setting("ignore", []) or [])
    doc = run.ctx.doc
    for _s, sent in sentence_tokens(run):
        words = [t for t in sent if is_word(t)]
        # "Is uw paspoort gestolen?" "Wordt uw afval niet opgehaald?": a yes/no question that sets a
        # condition; nobody needs to be named there
        verb_first_question = bool(words) and sent[-1].text == "?" and words[0].lower_ in (
            "is", "zijn", "was", "waren", "wordt", "worden", "werd", "werden", "bent")
        for p in run.ctx.passives_in(sent.start, sent.end):
            if p.agent is not None or p.participle.lower_ in ignore:
                continue
            if verb_first_question and p.aux.i == words[0].i:
                continue
            if sent[-1].text == "?" and p.aux.i > sent.start and doc[p.aux.i - 1].lower_ in ("of", "en", ","):
                continue  # "Bent u uw pas kwijt of is hij gestolen?"
            if p.participle.lower_ in ("verzocht", "gevraagd") and any(
                    doc[j].lower_ in ("u", "je", "jij") for j in range(max(sent.start, p.aux.i - 1), p.participle.i)):
                continue  # "U wordt verzocht": WK013 gives the one piece of advice (ask the reader directly)
            run.emit_tokens(*p.tokens, variant="impersonal" if p.impersonal else None, verb=p.participle.text)
