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

from ..context import RuleRun
from ..registry import rule_function


@rule_function("passive_without_agent")
def passive_without_agent(run: RuleRun) -> None:
    """ZB002: a passive that does not say who acts (incl. "er wordt ...", "aan ... is voldaan")."""
    ignore = set(run.setting("ignore", []) or [])
    ctx = run.ctx
    lowers, text, is_word = ctx.table[0], ctx.tokens.text, ctx.tokens.is_word
    for s in ctx.sentences:
        passives = ctx.passives_in(s.start, s.end)
        if not passives:
            continue
        first = next((i for i in range(s.start, s.end) if is_word[i]), None)
        question = text[s.end - 1] == "?"
        # "Is uw paspoort gestolen?" "Wordt uw afval niet opgehaald?": a yes/no question that sets a
        # condition; nobody needs to be named there
        verb_first_question = first is not None and question and lowers[first] in (
            "is", "zijn", "was", "waren", "wordt", "worden", "werd", "werden", "bent")
        for p in passives:
            if p.agent is not None or p.participle.lower_ in ignore:
                continue
            if verb_first_question and p.aux.i == first:
                continue
            if question and p.aux.i > s.start and lowers[p.aux.i - 1] in ("of", "en", ","):
                continue  # "Bent u uw pas kwijt of is hij gestolen?"
            if p.participle.lower_ in ("verzocht", "gevraagd") and any(
                    lowers[j] in ("u", "je", "jij") for j in range(max(s.start, p.aux.i - 1), p.participle.i)):
                continue  # "U wordt verzocht": WK013 gives the one piece of advice (ask the reader directly)
            run.emit_tokens(*p.tokens, variant="impersonal" if p.impersonal else None, verb=p.participle.text)
