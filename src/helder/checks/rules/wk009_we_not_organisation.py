"""WK009 ``schrijf-als-wij`` (``function: we_not_organisation``).

## What it does
The organisation writes about itself in the third person ('De gemeente besluit').

## Why is this bad?
When the organisation writes about itself in the third person, the text sounds distant and the
reader does not see who speaks.

## Example
```
De gemeente Diemen heeft uw aanvraag ontvangen.
```

Use instead:
```
Wij hebben uw aanvraag ontvangen.
```

Message, settings and all examples: ``rules/woordkeuze/WK009.yml``.
"""

from __future__ import annotations

from ..context import RuleRun
from ..registry import rule_function
from ..syntax import finite_of, is_finite, is_verbal
from .common import sentence_tokens

_ORG_NOUNS = frozenset({"gemeente", "college", "gemeentebestuur", "gemeentehuis", "stadsdeel", "raad"})

_SUBCLAUSE_DEPS = frozenset({"ccomp", "advcl", "acl", "acl:relcl", "csubj", "xcomp", "parataxis"})


def _in_subordinate_clause(token) -> bool:
    """Is ``token`` inside a clause that depends on another one (dat-, omdat-, relative clause)?"""
    head = token.head
    for _ in range(4):
        if head.dep_ in _SUBCLAUSE_DEPS or any(c.dep_ == "mark" for c in head.children):
            return True
        if head.dep_ != "conj" or head.head is head:
            return False
        head = head.head
    return False


@rule_function("we_not_organisation")
def we_not_organisation(run: RuleRun) -> None:
    """WK009: the organisation writes about itself in the third person ('De gemeente besluit')."""
    doc = run.ctx.doc
    nouns = set(run.setting("nouns", sorted(_ORG_NOUNS)))
    for s, sent in sentence_tokens(run):
        for t in sent:
            if t.lower_ not in nouns or t.i + 1 >= len(doc):
                continue
            det = doc[t.i - 1] if t.i > s.start else None
            if det is None or det.lower_ not in ("de", "het"):
                continue
            # subject: by the parse, or by position (sentence start, then a finite verb)
            end = t.i
            while end + 1 < sent.end and (doc[end + 1].pos_ == "PROPN" or doc[end + 1].lower_ in (
                    "van", "burgemeester", "en", "wethouders") and end + 1 - t.i < 5):
                end += 1
            while end > t.i and doc[end].lower_ in ("en", "van"):
                end -= 1  # "De gemeente en ..." : the span ends at the organisation's name
            nxt = doc[end + 1] if end + 1 < sent.end else None
            if _in_subordinate_clause(t):
                continue  # "De Rekenkamer concludeerde dat de gemeente ...": reported, not the writer's voice
            by_parse = t.dep_ in ("nsubj",) and is_finite(t.head) or (
                t.dep_ == "nsubj" and finite_of(t.head) is not None)
            by_position = det.i == s.start and nxt is not None and is_finite(nxt) and is_verbal(nxt)
            if not (by_parse or by_position):
                continue
            if nxt is not None and (nxt.lower_ in ("wordt", "werd", "worden") or
                                    nxt.lemma_ == "worden"):
                continue
            run.emit_tokens(det.i, end, replacements=("wij",))
