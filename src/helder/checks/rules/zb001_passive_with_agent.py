"""ZB001 ``lijdende-vorm-met-door`` (``function: passive_with_agent``).

## What it does
A passive with a door-phrase: the doer can become the subject.

## Why is this bad?
A passive with a door-phrase hides who acts behind the verb; a B1 reader follows the active
sentence, with the doer first, more easily.

## Example
```
De aanvraag wordt door de gemeente beoordeeld.
```

Use instead:
```
De gemeente beoordeelt de aanvraag.
```

Message, settings and all examples: ``rules/zinsbouw/ZB001.yml``.
"""

from __future__ import annotations

from ..context import RuleRun
from ..registry import rule_function


def _subtree_text(tok, skip_case: bool = True, max_words: int = 6) -> str:
    """The phrase headed by ``tok`` without its preposition and without relative clauses, shortened."""
    skip: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("acl", "acl:relcl", "advcl", "ccomp"):
            skip.update(t.i for t in c.subtree)
    toks = [t for t in tok.subtree if t.i not in skip
            and not (skip_case and t.dep_ == "case" and t.head.i == tok.i) and not t.is_punct]
    words = [t.text for t in toks]
    return " ".join(words[:max_words]) + (" …" if len(words) > max_words else "")


@rule_function("passive_with_agent")
def passive_with_agent(run: RuleRun) -> None:
    """ZB001: a passive with a door-phrase: the doer can become the subject."""
    for sent in run.ctx.sentences:
        for p in run.ctx.passives_in(sent.start, sent.end):
            if p.agent is None:
                continue
            agent_tokens = [t.i for t in p.agent.subtree] + [p.agent.i]
            lo = min(p.tokens[0], *agent_tokens)
            hi = max(p.tokens[1], *agent_tokens)
            agent = _subtree_text(p.agent)
            run.emit_tokens(lo, hi, agent=agent, Agent=agent[:1].upper() + agent[1:], verb=p.participle.text)
