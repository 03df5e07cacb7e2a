"""``kind: substitution``: lexicon entries with plainer alternatives, lemma-aware, multi-word and split.

YAML fields: ``lexicon`` (a TSV under ``rules/``, optional, may be missing), ``swap`` (inline entries:
``{pattern, alternatives, note}``), ``messages.delete`` for entries whose alternative is ``-``.
Settings: ``skip`` (patterns another rule reports), ``noun_only`` (one-word patterns that count only
where the word is used as a noun: 'de bescheiden', not 'een bescheiden bedrag').
Placeholders: ``{match}``, ``{replacement}`` (first alternative), ``{alternatives}`` (quoted, joined
with "of"), ``{note}``.
"""

from __future__ import annotations

from .context import RuleRun, quote_list
from .lexicon import (Entry, PhraseIndex, agree_alternative, cached_index, conjugate, forms, inflect_alternative,
                      load_entries, make_entry, slot_of)
from .loader import rules_dir


def rule_entries(spec) -> list[Entry]:
    entries: list[Entry] = []
    seen: set[str] = set()
    for item in spec.get("swap") or []:
        e = make_entry(item["pattern"], item.get("alternatives", []), item.get("note", ""))
        if e is not None and e.pattern not in seen:
            entries.append(e)
            seen.add(e.pattern)
    lex = spec.get("lexicon")
    if lex:
        for e in load_entries(rules_dir() / lex):
            if e.pattern not in seen:
                entries.append(e)
                seen.add(e.pattern)
    return entries


def _capitalise(text: str, like: str) -> str:
    if like[:1].isupper() and text[:1].islower():
        return text[:1].upper() + text[1:]
    return text


def _adjective_before_noun(doc, m) -> bool:
    """A fixed phrase that ends in an adjective is a noun phrase when a noun follows it:
    'in het algemeen' is vague, 'in het algemeen belang' and 'het algemeen klassement' are not."""
    if len(m.tokens) < 2 or m.tokens[-1] - m.tokens[0] + 1 != len(m.tokens) or m.end >= len(doc):
        return False
    last, nxt = doc[m.end - 1], doc[m.end]
    return last.pos_ == "ADJ" and nxt.pos_ in ("NOUN", "PROPN")


def _verb_slot(doc, m) -> str | None:
    """The form (person, tense) of the verb in the match, so the suggestion can take the same form:
    'woonachtig bent' -> 'woont', 'verstrekten' -> 'gaven'. None: leave the suggestion as it is."""
    words = [w for part in m.entry.parts for w in part]
    for i in m.tokens:
        tok = doc[i]
        for w in words:
            if tok.lower_ == w or not conjugate(w):
                continue
            if tok.lemma_.lower() == w or tok.lower_ in forms(w):
                part = "Part" in tok.morph.get("VerbForm") if tok.morph.get("VerbForm") else None
                slot = slot_of(tok.text, w, part)
                if slot:
                    return slot
    return None


def _conditional(entry) -> bool:
    """An entry whose note limits it ('alleen als ...') is advice the writer must weigh: never a safe fix."""
    return entry.note.strip().lower().startswith(("alleen", "niet ", "soms", "let op"))


_DETERMINERS = frozenset({"de", "het", "dit", "dat", "deze", "die", "welk", "welke", "elk", "ieder", "geen"})


def _gender_may_clash(doc, i: int) -> bool:
    """A singular noun after 'de', 'het', 'deze', ...: the new noun may need the other article
    ('de implicatie' -> 'het gevolg'), which helder does not know."""
    tok = doc[i]
    if tok.pos_ != "NOUN" or tok.morph.get("Number") == ["Plur"]:
        return False
    before = [t for t in doc[max(0, i - 3):i] if not t.is_space]
    return any(t.lower_ in _DETERMINERS for t in before)


def _ambiguous_verb(tok, words) -> bool:
    """A verb form that is two forms at once ('verzocht': past tense or participle)."""
    for w in words:
        table = conjugate(w)
        if table and tok.lower_ != w and sum(1 for v in table.values() if v == tok.lower_) > 1:
            return True
    return False


def _form_agrees(doc, m, slot: str | None, alternative: str) -> bool:
    """Is ``alternative`` sure to have the form the sentence needs?

    Yes when the writer used the dictionary form of every pattern word ('indien', 'thans'), when the
    verb's person and tense were found and the suggestion took them ('woonachtig bent' -> 'woont'), or
    when a one-word suggestion took the number or ending of the word it replaces.
    """
    words = [w for part in m.entry.parts for w in part]
    if any(_gender_may_clash(doc, i) or _ambiguous_verb(doc[i], words) for i in m.tokens):
        return False
    texts = sorted(doc[i].lower_ for i in m.tokens)
    if texts == sorted(words):
        return True
    plain = m.entry.replacements[0] if m.entry.replacements else ""
    if slot is not None:
        verbs = [doc[i] for i in m.tokens if doc[i].lower_ not in words]
        if any(t.pos_ not in ("VERB", "AUX") or (t.i > 0 and doc[t.i - 1].lower_ in _DETERMINERS | {"een"})
               for t in verbs):
            return False  # a participle used as adjective or noun ('de verleende vergunning')
        if slot == "part" and " " in alternative.strip():
            return False  # 'verbeurd verklaard' -> 'moeten betalen': a participle of a phrase is a guess
        return slot == "inf" or alternative.lower() != plain.lower()
    return len(m.tokens) == 1 and alternative.lower() != plain.lower()


def _used_as_noun(doc, i: int) -> bool:
    """Is the word at ``i`` a noun here? After a determiner or an inflected adjective ('de bescheiden',
    'alle bescheiden', 'de gevraagde bescheiden') and not before a noun or adjective ('een bescheiden
    bedrag'). The tagger is not reliable for words that are mostly adjectives, so this looks at the words."""
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ"):
        return False
    if prev is None:
        return False
    return prev.pos_ in ("DET", "NUM") or prev.lower_ in ("alle", "uw", "onze", "deze", "die", "de") or (
        prev.lower_.endswith("e") and prev.pos_ in ("ADJ", "VERB"))


def run(run: RuleRun) -> None:
    ctx = run.ctx
    spec = run.rule.spec
    index: PhraseIndex = cached_index(f"{run.rule.code}:{rules_dir()}:{spec.get('lexicon')}", lambda: PhraseIndex(rule_entries(spec)))
    sentences = [(s.start, s.end) for s in ctx.sentences]
    clause_of = ctx.clause_ids.__getitem__ if ctx.parsed else None
    skip = set(run.setting("skip", []) or [])
    noun_only = set(run.setting("noun_only", []) or [])
    unsafe = set(run.setting("unsafe_fix", []) or [])  # the right word depends on its place in the sentence
    for m in index.find(ctx.doc, sentences, clause_of, ctx.table):
        if m.entry.pattern in skip:
            continue
        if m.entry.pattern in noun_only and not _used_as_noun(ctx.doc, m.start):
            continue
        place_bound = m.entry.pattern in unsafe
        doc = ctx.doc
        if _adjective_before_noun(doc, m):
            continue
        first, last = doc[m.start], doc[m.end - 1]
        matched = " ".join(doc[i].text for i in m.tokens)
        slot = _verb_slot(doc, m)
        alts = [inflect_alternative(a, slot) for a in m.entry.replacements]
        if slot is None and len(m.tokens) == 1:
            alts = [agree_alternative(a, first) for a in alts]
        alts = [_capitalise(a, first.text if first.is_sent_start else "") for a in alts]
        values = {
            "match": matched,
            "replacement": alts[0] if alts else "",
            "alternatives": quote_list(alts),
            "note": m.entry.note,
        }
        variant = "delete" if m.entry.delete and not alts else ("delete_or" if m.entry.delete else None)
        if variant and variant not in run.rule.messages:
            variant = "delete" if "delete" in run.rule.messages else None
        contiguous = list(m.tokens) == list(range(m.start, m.end))
        run.emit(first.idx, last.idx + len(last.text), variant=variant,
                 replacements=alts if alts else ("",) if m.entry.delete else (),
                 agreed=bool(alts) and not place_bound and not m.entry.delete and not _conditional(m.entry) and _form_agrees(doc, m, slot, alts[0]), fixable=contiguous, **values)
