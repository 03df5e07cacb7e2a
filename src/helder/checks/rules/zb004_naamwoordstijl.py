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
from ..lexicon import forms, inflect_alternative, slot_of
from ..registry import rule_function


def _find_verb(ctx, start: int, end: int, lemma: str) -> list[int]:
    """Token indices of ``lemma`` in tokens ``start`` .. ``end - 1``, incl. a separable verb split in two
    ("vindt ... plaats"); read from the per-document tables."""
    lowers, lemmas = ctx.table

    def token_is(i: int, word: str) -> bool:  # :func:`helder.checks.lexicon.token_is` on the tables
        return lemmas[i] == word or lowers[i] in forms(word)

    out = [i for i in range(start, end) if token_is(i, lemma)]
    for prt in ("plaats", "over", "uit", "aan", "in", "op", "af", "toe", "door", "mee"):
        base = lemma[len(prt):]
        if lemma.startswith(prt) and len(base) >= 4:
            for i in range(start, end):
                if token_is(i, base) and any(lowers[u] == prt for u in range(i + 1, end)):
                    out.append(i)
    return out


def _infinitive_van(ctx, run, start: int, end: int, exclude: set, done: set) -> None:
    """"Het indienen van ..." at the start of the sentence: there a clause with a verb is plainer;
    inside a noun phrase it is ordinary Dutch."""
    lowers, t = ctx.table[0], ctx.tokens
    for i in range(start + 1, min(start + 3, end - 1)):
        fronted = i == start + 1 or t.pos[start] == "ADP"
        if (fronted and lowers[i - 1] == "het" and lowers[i + 1] == "van" and lowers[i].endswith("en")
                and len(t.text[i]) > 4 and lowers[i] not in exclude
                and (t.tag[i].startswith("WW|inf") or t.pos[i] == "VERB")):
            run.emit_tokens(i - 1, i + 1, variant="infinitive", verb=lowers[i])
            done.update((i - 1, i, i + 1))


@rule_function("naamwoordstijl")
def naamwoordstijl(run: RuleRun) -> None:
    """ZB004: "het indienen van", "een besluit nemen", "in behandeling nemen", "de betaling vindt plaats"."""
    ctx, doc = run.ctx, run.ctx.doc
    exclude = set(run.setting("exclude", []) or [])
    combos = run.setting("combinations", []) or []
    done: set[int] = set()
    lowers, lemmas = ctx.table
    for sent in ctx.sentences:
        _infinitive_van(ctx, run, sent.start, sent.end, exclude, done)
        present = set(lowers[sent.start:sent.end]) | set(lemmas[sent.start:sent.end])
        for combo in combos:
            verb, phrase, suggestion = combo[0], combo[1].split(), combo[2]
            if not present.intersection(forms(phrase[-1])):
                continue
            verbs = _find_verb(ctx, sent.start, sent.end, verb)
            if not verbs:
                continue
            for i in range(sent.start, sent.end - len(phrase) + 1):
                head = i + len(phrase) - 1
                if not (lemmas[head] == phrase[-1] or lowers[head] in forms(phrase[-1])):  # token_is
                    continue
                if any(lowers[i + k] != w for k, w in enumerate(phrase[:-1])):
                    continue
                if i in done:
                    continue
                best = min(verbs, key=lambda v: abs(v - i))
                same = (not ctx.parsed) or ctx.clause_ids[best] == ctx.clause_ids[head] or abs(best - i) <= 6
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
