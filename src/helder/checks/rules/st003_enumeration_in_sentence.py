"""ST003 ``opsomming-in-zin`` (``function: enumeration_in_sentence``).

## What it does
Four or more items in one sentence: make a list.

## Why is this bad?
Four or more items in one sentence are hard to keep apart; a list shows them one by one.

## Example
```
Neem uw paspoort, uw bankpas, een pasfoto en het ingevulde formulier mee.
```

Use instead:
```
Neem uw paspoort en een pasfoto mee.
```

Message, settings and all examples: ``rules/structuur/ST003.yml``.
"""

from __future__ import annotations

import re

from ..context import RuleRun
from ..registry import rule_function
from ..syntax import is_finite, is_verbal
from .common import sentence_tokens


def _mostly_names(items: list[str]) -> bool:
    """Are most items names or numbers ("Europa, Azië, Amerika en Japan", "1972, 1975 en 1983")?
    Such a series reads fine in a sentence; a list helps with things the reader must do or bring."""
    def name_like(item: str) -> bool:
        word = item.strip().split()[0] if item.strip() else ""
        return word[:1].isupper() or word[:1].isdigit()
    return sum(name_like(i) for i in items) * 2 > len(items)


@rule_function("enumeration_in_sentence")
def enumeration_in_sentence(run: RuleRun) -> None:
    """ST003: four or more items in one sentence: make a list."""
    ctx, doc, text = run.ctx, run.ctx.doc, run.ctx.document.text
    need = int(run.setting("min_items", 4))
    max_item = int(run.setting("max_item_words", 5))
    for s, sent in sentence_tokens(run):
        if ctx.in_list_item(s.start_char):
            continue
        hit = None
        # by the text: "a, b, c en d"
        pieces = re.split(r"(,)(?!\d)", text[s.start_char:s.end_char])  # not the comma in "7,5"
        segs = [(p, 0) for p in pieces[::2]]
        offs = []
        pos = s.start_char
        for p in pieces:
            if p != ",":
                offs.append(pos)
            pos += len(p)
        best_run, cur = [], []
        for idx, (seg, _) in enumerate(segs[1:-1], start=1):
            words = re.findall(r"\w+", seg)
            toks = doc.char_span(offs[idx], offs[idx] + len(seg), alignment_mode="expand")
            has_verb = ctx.parsed and toks is not None and any(is_finite(x) and is_verbal(x) for x in toks)
            if 0 < len(words) <= max_item and not has_verb and not re.match(
                    r"\s*(want|maar|dan|als|omdat|die|dat|wat|waar|zodat|en|of)\b", seg, re.I) \
                    and not re.search(r"\s(en|of)\s", seg):  # "a, b en c, d en e": two lists of three
                cur.append(idx)
            else:
                if len(cur) > len(best_run):
                    best_run = cur
                cur = []
        if len(cur) > len(best_run):
            best_run = cur
        if best_run:
            last_idx = best_run[-1] + 1
            if last_idx < len(segs):
                last = segs[last_idx][0]
                m = re.match(r"\s*((?:\w+\s+){0,%d}?)(en|of)\s+(\w+(?:\s+\w+){0,%d})" % (max_item, max_item - 1), last)
                # "a, b en c": the last piece holds two items; "a, b, en c": only one (nothing before "en")
                items = len(best_run) + 1 + ((2 if m.group(1).strip() else 1) if m else 0)
                if m and items >= need:
                    first_seg = segs[best_run[0] - 1][0]
                    tail = re.search(r"(\w+(?:\s+\w+){0,2})\s*$", first_seg)
                    start = offs[best_run[0] - 1] + (tail.start() if tail else 0)
                    end = offs[last_idx] + m.end()
                    names = [segs[k][0] for k in best_run] + [m.group(3)]
                    if not _mostly_names(names):
                        hit = (start, end, items)
        if hit is None and ctx.parsed:
            for t in sent:
                conj = [c for c in t.children if c.dep_ == "conj"]
                if len(conj) + 1 >= need and not is_verbal(t) and not _mostly_names(
                        [x.text for x in [t, *conj]]):
                    end_tok = max(conj, key=lambda c: c.i).right_edge
                    hit = (t.left_edge.idx, end_tok.idx + len(end_tok.text), len(conj) + 1)
                    break
        if hit:
            run.emit(hit[0], hit[1], items=hit[2])
