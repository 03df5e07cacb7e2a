"""``kind: occurrence``: too many words, sentences or letters in one unit.

YAML fields: ``scope`` (``sentence``, ``paragraph``, ``heading`` or ``word``), ``count`` (list of
``words``, ``sentences``, ``letters``). Settings (profile-dependent): ``max_<count>`` is the limit;
optional ``skip_above_<count>`` leaves units above it to another rule (LB001 vs. LB002);
``compounds_only`` (word scope) counts only words that split into known words.
Placeholders: ``{count}``, ``{max}``, ``{unit}``.
"""

from __future__ import annotations

from .context import RuleRun

UNITS = {"words": "woorden", "sentences": "zinnen", "letters": "letters"}


def _units(run: RuleRun, scope: str):
    """Yield (start_char, end_char, report_start, report_end, counts) per unit."""
    ctx = run.ctx
    if scope == "sentence":
        # helder's own block-aware sentences: a sentence never runs across a heading or list item
        for s in ctx.sentences:
            yield s.start_char, s.end_char, s.start_char, s.end_char, {"words": s.words}
    elif scope in ("paragraph", "heading"):
        units = ctx.paragraphs if scope == "paragraph" else ctx.headings
        for start, end in units:
            sents = ctx.sentences_between(start, end)
            span = ctx.token_range(start, end)
            words = sum(ctx.tokens.is_word[span[0]:span[1]]) if span else 0
            first = sents[0] if sents else None
            r_end = min(end, first.end_char) if first else end
            yield start, end, start, r_end, {"words": words, "sentences": len(sents)}
    elif scope == "word":
        limit = run.setting("max_letters")
        shortest = int(limit) + 1 if limit is not None else 0
        tokens = ctx.tokens  # the per-document table; a Token object only for a capitalised word
        for i, w in enumerate(tokens.text):
            if len(w) < shortest:
                continue  # cannot be over the limit: skip the per-token checks
            if tokens.is_alpha[i] or ("-" in w and all(p.isalpha() for p in w.split("-") if p)):
                if tokens.pos[i] == "PROPN" or (w[:1].isupper() and not ctx.doc[i].is_sent_start):
                    continue
                # a hyphen already splits the word for the reader: count the longest part
                letters = max(sum(1 for c in part if c.isalpha()) for part in w.split("-"))
                start = tokens.idx[i]
                yield start, start + len(w), start, start + len(w), {"letters": letters}


def run(run: RuleRun) -> None:
    spec = run.rule.spec
    counts = spec["count"] if isinstance(spec["count"], list) else [spec["count"]]
    compounds_only = bool(run.setting("compounds_only", False))
    text = run.ctx.document.text
    for _start, _end, r_start, r_end, values in _units(run, spec["scope"]):
        for what in counts:
            limit = run.setting(f"max_{what}")
            value = values.get(what)
            if limit is None or value is None or value <= limit:
                continue
            ceiling = run.setting(f"skip_above_{what}")
            if ceiling is not None and value > ceiling:
                continue
            if compounds_only:
                from ..wordforms import is_compound

                if "-" not in text[r_start:r_end] and not is_compound(text[r_start:r_end]):
                    continue  # long but not made of words that can be split off ("verantwoordelijkheden")
            run.emit(r_start, r_end, variant=what if what in run.rule.messages else None,
                     count=value, max=limit, unit=UNITS[what])
            break
