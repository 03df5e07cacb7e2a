"""ZB004 ``naamwoordstijl`` (``function: naamwoordstijl``).

## What it does
"het indienen van", "een besluit nemen", "in behandeling nemen", "de betaling vindt plaats".

## Why is this bad?
Nouns made of verbs ('het indienen van') make a sentence abstract and long; the verb itself says the
same in fewer, more concrete words.

## Example
```
Na het indienen van uw aanvraag krijgt u een bevestiging.
```

Use instead:
```
Als u de aanvraag heeft ingediend, krijgt u een bevestiging.
```

Message, settings and all examples: ``rules/zinsbouw/ZB004.yml``.
"""

from __future__ import annotations

from ...morphology import zipf
from ...wordforms import verb_of_stem
from ..context import quote_list, RuleRun
from ..lexicon import forms, inflect_alternative, slot_of, token_is
from ..registry import rule_function
from .common import sentence_tokens


def _find_verb(sent, lemma: str) -> list[int]:
    """Token indices of ``lemma`` in ``sent``, incl. a separable verb split in two ("vindt ... plaats")."""
    out = [t.i for t in sent if token_is(t, lemma)]
    for prt in ("plaats", "over", "uit", "aan", "in", "op", "af", "toe", "door", "mee"):
        base = lemma[len(prt):]
        if lemma.startswith(prt) and len(base) >= 4:
            for t in sent:
                if token_is(t, base) and any(u.lower_ == prt for u in sent if u.i > t.i):
                    out.append(t.i)
    return out


@rule_function("naamwoordstijl")
def naamwoordstijl(run: RuleRun) -> None:
    """ZB004: "het indienen van", "een besluit nemen", "in behandeling nemen", "de betaling vindt plaats"."""
    ctx, doc = run.ctx, run.ctx.doc
    exclude = set(run.setting("exclude", []) or [])
    combos = run.setting("combinations", []) or []
    done: set[int] = set()
    for _s, sent in sentence_tokens(run):
        toks = list(sent)
        for k, t in enumerate(toks[1:-1], start=1):
            prev, nxt = toks[k - 1], toks[k + 1]
            # only at the start of the sentence ("Na het indienen van ...", "Het indienen van ... kan"):
            # there a clause with a verb is plainer; inside a noun phrase it is ordinary Dutch
            fronted = k == 1 or (k == 2 and toks[0].pos_ == "ADP")
            if (fronted and prev.lower_ == "het" and nxt.lower_ == "van" and t.lower_.endswith("en") and len(t) > 4
                    and t.lower_ not in exclude
                    and (t.tag_.startswith("WW|inf") or t.pos_ == "VERB")):
                run.emit_tokens(prev.i, nxt.i, variant="infinitive", verb=t.lower_)
                done.update((prev.i, t.i, nxt.i))
        lowers, lemmas = ctx.table
        present = set(lowers[sent.start:sent.end]) | set(lemmas[sent.start:sent.end])
        for combo in combos:
            verb, phrase, suggestion = combo[0], combo[1].split(), combo[2]
            if not present.intersection(forms(phrase[-1])):
                continue
            verbs = _find_verb(sent, verb)
            if not verbs:
                continue
            for i in range(sent.start, sent.end - len(phrase) + 1):
                head = doc[i + len(phrase) - 1]
                if not token_is(head, phrase[-1]):
                    continue
                if any(lowers[i + k] != w for k, w in enumerate(phrase[:-1])):
                    continue
                if i in done:
                    continue
                best = min(verbs, key=lambda v: abs(v - i))
                same = (not ctx.parsed) or ctx.clause_ids[best] == ctx.clause_ids[head.i] or abs(best - i) <= 6
                if not same or abs(best - i) > 12:
                    continue
                lo, hi = min(best, i), max(best, i + len(phrase) - 1)
                done.update(range(lo, hi + 1))
                options = [x.strip() for x in suggestion.split(",") if x.strip()]
                if phrase == ["tot"] and i + 1 < sent.end:
                    own = _verb_of_noun(doc[i + 1] if doc[i + 1].pos_ == "NOUN" else None)
                    if own:  # "gaan over tot betaling" -> "betalen"
                        options = [own] + [o for o in options if o != own]
                light = doc[best]
                part = "Part" in light.morph.get("VerbForm") if light.morph.get("VerbForm") else None
                slot = slot_of(light.text, verb, part)
                options = [inflect_alternative(o, slot) for o in options]
                run.emit_tokens(lo, hi, variant="light_verb", replacements=tuple(options),
                                suggestion=options[0], alternatives=quote_list(options))


def _verb_of_noun(tok) -> str | None:
    """The verb of an -ing noun, if Dutch has it: betaling -> betalen, behandeling -> behandelen."""
    if tok is None or not tok.lower_.endswith("ing") or len(tok.text) < 7:
        return None
    verb = verb_of_stem(tok.lower_[:-3])
    return verb if zipf(verb) >= 3.0 else None
