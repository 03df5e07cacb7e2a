"""``kind: python``: checks that data alone cannot express. Each function is named in a rule's YAML
(``function: NAME``); its message, examples, settings and documentation live in that YAML.

A function receives a :class:`~helder.checks.context.RuleRun` and reports with ``run.emit(...)`` or
``run.emit_tokens(...)``. Settings come from the rule's ``settings`` with the profile's overrides.
Register a new function with ``@rule_function("name")``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..morphology import looks_like_participle, zipf
from .context import RuleRun, is_word, quote_list
from .lexicon import forms, inflect_alternative, load_abbreviations, slot_of, token_is
from .loader import rules_dir
from .syntax import (find_passives, finite_of, is_finite, is_participle,
                     is_subordinate_clause, is_verbal)

REGISTRY: dict[str, Callable[[RuleRun], None]] = {}


def rule_function(name: str):
    def deco(fn):
        REGISTRY[name] = fn
        return fn
    return deco


def _sentence_tokens(run: RuleRun):
    doc = run.ctx.doc
    for s in run.ctx.sentences:
        yield s, doc[s.start:s.end]


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


# ── zinsbouw ────────────────────────────────────────────────────────────────────────────────────


@rule_function("passive_with_agent")
def passive_with_agent(run: RuleRun) -> None:
    """ZB001: a passive with a door-phrase: the doer can become the subject."""
    for _s, sent in _sentence_tokens(run):
        for p in find_passives(sent):
            if p.agent is None:
                continue
            agent_tokens = [t.i for t in p.agent.subtree] + [p.agent.i]
            lo = min(p.tokens[0], *agent_tokens)
            hi = max(p.tokens[1], *agent_tokens)
            agent = _subtree_text(p.agent)
            run.emit_tokens(lo, hi, agent=agent, Agent=agent[:1].upper() + agent[1:], verb=p.participle.text)


@rule_function("passive_without_agent")
def passive_without_agent(run: RuleRun) -> None:
    """ZB002: a passive that does not say who acts (incl. "er wordt ...", "aan ... is voldaan")."""
    ignore = set(run.setting("ignore", []) or [])
    doc = run.ctx.doc
    for _s, sent in _sentence_tokens(run):
        words = [t for t in sent if is_word(t)]
        # "Is uw paspoort gestolen?" "Wordt uw afval niet opgehaald?": a yes/no question that sets a
        # condition; nobody needs to be named there
        verb_first_question = bool(words) and sent[-1].text == "?" and words[0].lower_ in (
            "is", "zijn", "was", "waren", "wordt", "worden", "werd", "werden", "bent")
        for p in find_passives(sent):
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


_AUX_FORMS = frozenset("""kan kunt kunnen kon konden moet moeten moest moesten zal zult zullen zou zouden wil wilt
willen wilde wilden wou mag mogen mocht mochten heb hebt heeft hebben had hadden word wordt worden werd werden
ga gaat gaan ging gingen""".split())
_CLAUSE_WORDS = frozenset("dat die omdat als wanneer waar wat wie waarin waarmee zodat terwijl nadat voordat "
                          "doordat tenzij hoewel indien of".split())


def _clause_break(doc, a: int, b: int) -> bool:
    """Does another clause start between tokens ``a`` and ``b``? Then the two verbs are not one tang
    but a misparse across clauses ("… ontwikkeld, maar we hebben …", "… de e-mail die u heeft …")."""
    for u in doc[a + 1:b]:
        if (is_finite(u) and is_verbal(u)) or u.pos_ == "SCONJ" or u.lower_ in _CLAUSE_WORDS:
            return True
        if u.text in (";", ":") or (u.text == "," and u.i + 1 < b and doc[u.i + 1].pos_ in ("CCONJ", "SCONJ")):
            return True
    return False


@rule_function("tangconstructie")
def tangconstructie(run: RuleRun) -> None:
    """ZB003: many words between the finite verb and the rest of the verb, or between article and noun."""
    ctx, doc = run.ctx, run.ctx.doc
    max_verb = int(run.setting("max_words_verb", 10))
    max_noun = int(run.setting("max_words_noun", 4))
    reported: list[tuple[int, int]] = []

    def report(a: int, b: int, variant: str, words: int) -> None:
        if any(x <= a <= y or x <= b <= y for x, y in reported):
            return
        reported.append((a, b))
        run.emit_tokens(a, b, variant=variant, words=words, first=doc[a].text, last=doc[b].text)

    for _s, sent in _sentence_tokens(run):
        for tok in sent:
            # finite auxiliary ... participle/infinitive; finite verb ... separable particle
            if is_verbal(tok) and not is_finite(tok):
                for c in tok.children:
                    if c.dep_ in ("aux", "aux:pass") and is_finite(c) and sent.start <= c.i < tok.i:
                        n = ctx.words_between(c.i, tok.i)
                        if n > max_verb and not _clause_break(doc, c.i, tok.i):
                            report(c.i, tok.i, "verb", n)
            if is_finite(tok) and is_verbal(tok):
                for c in tok.children:
                    if (c.dep_ == "compound:prt" and tok.i < c.i < sent.end
                            and not _starts_phrase(doc, c.i, sent.end)):
                        n = ctx.words_between(tok.i, c.i)
                        if n > max_verb and not _clause_break(doc, tok.i, c.i):
                            report(tok.i, c.i, "verb", n)
            # parse-light fallback on the tags: a finite auxiliary/modal ... the last non-finite verb
            # of the same stretch (no comma, no subordinate clause in between)
            if tok.lower_ in _AUX_FORMS and is_finite(tok):
                last = None
                for j in range(tok.i + 1, sent.end):
                    u = doc[j]
                    if u.text in (",", ";", ":", "(", ")") or u.pos_ == "SCONJ" or u.lower_ in _CLAUSE_WORDS:
                        break
                    if is_finite(u) and is_verbal(u):
                        break
                    if u.tag_.startswith(("WW|inf", "WW|vd")) and "prenom" not in u.tag_ and "nom" not in u.tag_[6:10]:
                        last = j
                if last is not None:
                    n = ctx.words_between(tok.i, last)
                    if n > max_verb:
                        report(tok.i, last, "verb", n)
            # article ... noun with a long modifier in between ("de door de raad vastgestelde regels")
            if tok.pos_ == "DET" and tok.lower_ in ("de", "het", "een", "deze", "dit", "die", "dat"):
                noun = tok.head
                between = doc[tok.i + 1:noun.i] if sent.end > noun.i > tok.i else []
                if (noun.pos_ in ("NOUN", "PROPN") and len(between) and
                        any(t.pos_ == "ADP" for t in between) and
                        any(is_participle(t) or t.pos_ == "ADJ" or t.tag_.startswith("WW|vd") for t in between)):
                    n = ctx.words_between(tok.i, noun.i)
                    if n > max_noun:
                        report(tok.i, noun.i, "noun", n)
                        continue
                # parse-independent fallback: article + preposition ... participle/adjective + noun
                nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None
                if nxt is None or nxt.pos_ != "ADP" or nxt.lower_ in ("van", "of"):
                    continue
                if tok.lower_ == "een" and nxt.lower_ in ("op", "tot"):
                    continue
                for j in range(tok.i + 2, min(tok.i + 16, sent.end - 1)):
                    t, after = doc[j], doc[j + 1]
                    if t.is_punct or after.is_punct:
                        break
                    if (re.search(r"(de|te|en|ste|ige|ele|ale|ere)$", t.lower_) and
                            (is_participle(t) or t.pos_ in ("ADJ", "VERB")) and after.pos_ in ("NOUN",)):
                        n = ctx.words_between(tok.i, j + 1)
                        if n > max_noun:
                            report(tok.i, j + 1, "noun", n)
                        break


def _starts_phrase(doc, i: int, end: int) -> bool:
    """A 'particle' followed by an article or a noun is a preposition the parser took for a particle
    ('we hebben een groei achter de rug'): a separated particle closes the middle field."""
    return i + 1 < end and doc[i + 1].pos_ in ("DET", "NOUN", "PROPN", "NUM", "ADJ")


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
    for _s, sent in _sentence_tokens(run):
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
    verb = _verb_of_stem(tok.lower_[:-3])
    return verb if zipf(verb) >= 3.0 else None


def _attributive(t) -> bool:
    """A participle before its noun ('de door u gestelde vragen'), even when the tagger calls it finite."""
    return (t.dep_ in ("amod", "acl") and t.head.i > t.i and t.head.pos_ in ("NOUN", "PROPN")
            and t.lower_.endswith("e") and looks_like_participle(t.lower_[:-1]))


def _main_finite(sent):
    """The finite verb of the main clause: the first finite verb that does not close a subordinate
    clause (Dutch subordinate clauses end in their finite verb; the opener starts them)."""
    open_clauses = 0
    for t in sent:
        if (t.tag_.startswith("VG|onder") or t.tag_.startswith("VNW|betr")) and t.lower_ in _OPENER_WORDS:
            open_clauses += 1
        elif is_finite(t) and is_verbal(t) and not _attributive(t):
            if open_clauses:
                open_clauses -= 1
            else:
                return t
    root = next((t for t in sent if t.head.i == t.i or t.dep_ == "ROOT"), None)
    return finite_of(root) if root is not None else None


@rule_function("long_runup")
def long_runup(run: RuleRun) -> None:
    """ZB005: many words before the finite verb of the main clause."""
    limit = int(run.setting("max_words", 12))
    for s, sent in _sentence_tokens(run):
        f = _main_finite(sent)
        if f is None or f.i <= s.start:
            continue
        words = run.ctx.words_between(s.start - 1, f.i)
        if words > limit:
            last = f.i - 1
            while last > s.start and run.ctx.doc[last].is_punct:
                last -= 1
            run.emit_tokens(s.start, last, words=words, max=limit, verb=f.text)


_OPENER_WORDS = frozenset("dat die omdat als wanneer waar waarin waarmee waarop waarvoor zodat terwijl nadat "
                          "voordat doordat tenzij hoewel indien of wie wat welke".split())


def _center_embedded_by_tags(sent) -> tuple[int, int] | None:
    """(opener, closing verb) of a clause opened inside a clause that is still open (verb-final order)."""
    stack: list[int] = []
    for t in sent:
        opener = (t.tag_.startswith("VG|onder") or t.tag_.startswith("VNW|betr")) and t.lower_ in _OPENER_WORDS
        if opener:
            stack.append(t.i)
            if len(stack) >= 2:
                outer = stack[0]
                # the embedded clause must close (finite verb) before the outer one does
                for u in sent[t.i - sent.start + 1:]:
                    if is_finite(u) and is_verbal(u):
                        later = [v for v in sent[u.i - sent.start + 1:] if is_finite(v) and is_verbal(v)]
                        if later:
                            return outer, later[0].i
                        break
                stack = stack[-1:]
        elif is_finite(t) and is_verbal(t) and stack:
            stack.pop()
        elif t.text in (".", ";", ":"):
            stack = []
    return None


@rule_function("nested_clauses")
def nested_clauses(run: RuleRun) -> None:
    """ZB006: a subordinate clause in the middle of another one, or too many subordinate clauses."""
    max_clauses = int(run.setting("max_clauses", 3))
    doc = run.ctx.doc
    for s, sent in _sentence_tokens(run):
        heads = [t for t in sent if is_subordinate_clause(t)]
        head_ids = {t.i for t in heads}
        hit = None
        for h in heads:
            for o in h.ancestors:
                if o.i not in head_ids:
                    continue
                inner = set(x.i for x in h.subtree)
                after = [x for x in o.subtree if x.i > h.right_edge.i and x.i not in inner and is_word(x)]
                before = [x for x in o.subtree if x.i < h.left_edge.i and is_word(x)]
                if after and before:
                    hit = (o.left_edge.i, max(x.i for x in o.subtree))
                    break
            if hit:
                break
        if hit is None:
            hit = _center_embedded_by_tags(sent)
        if hit is not None:
            run.emit_tokens(hit[0], hit[1], variant="depth")
        elif len(heads) > max_clauses:
            run.emit(s.start_char, s.end_char, variant="count", clauses=len(heads), max=max_clauses)


@rule_function("verb_cluster")
def verb_cluster(run: RuleRun) -> None:
    """ZB007: three or more verbs in a row ("zal moeten worden ingediend")."""
    need = int(run.setting("min_verbs", 3))  # with a passive or perfect infinitive ("moet worden ingediend")
    plain = int(run.setting("min_verbs_plain", 4))  # otherwise ("heeft laten zien" is ordinary Dutch)
    doc = run.ctx.doc
    for _s, sent in _sentence_tokens(run):
        runs: list[list[int]] = []
        cur: list[int] = []
        for t in sent:
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            verbal = ((t.tag_.startswith("WW") and t.pos_ in ("VERB", "AUX") if t.tag_ else is_verbal(t))
                      and "prenom" not in t.tag_
                      and not (t.dep_ == "amod" and nxt is not None and nxt.pos_ == "NOUN"))
            if verbal:
                cur.append(t.i)
            elif t.lower_ == "te" and cur:
                continue
            else:
                if cur:
                    runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        for r in runs:
            # a cluster has one finite verb; a second one starts another clause ("wie wil komen moet betalen")
            parts, cur2 = [], []
            for i in r:
                if cur2 and is_finite(doc[i]) and any(is_finite(doc[j]) for j in cur2):
                    parts.append(cur2)
                    cur2 = []
                cur2.append(i)
            parts.append(cur2)
            for p in parts:
                heavy = any(doc[i].lower_ in ("worden", "zijn", "geworden", "geweest") and not is_finite(doc[i])
                            for i in p)
                if len(p) >= plain or (heavy and len(p) >= need):
                    run.emit_tokens(p[0], p[-1], verbs=len(p))


@rule_function("long_parenthesis")
def long_parenthesis(run: RuleRun) -> None:
    """ZB008: a long aside between brackets or dashes inside a sentence."""
    limit = int(run.setting("max_words", 7))
    text = run.ctx.document.text
    rx = re.compile(r"\(([^()]{1,600})\)|(?<=\s)[–—-]\s([^–—]{1,600}?)\s[–—-](?=\s)")
    for s in run.ctx.sentences:
        for m in rx.finditer(text, s.start_char, s.end_char):
            inner = m.group(1) or m.group(2) or ""
            words = len(re.findall(r"\w+", inner))
            if words > limit:
                run.emit(m.start(), m.end(), words=words, max=limit)


@rule_function("van_chain")
def van_chain(run: RuleRun) -> None:
    """ZB010: a chain of three or more van-phrases ("de kosten van de aanleg van de weg van ...")."""
    need = int(run.setting("min_chain", 3))
    gap = int(run.setting("max_gap", 4))
    doc = run.ctx.doc
    for _s, sent in _sentence_tokens(run):
        chain: list[int] = []
        for t in sent:
            if t.lower_ != "van":
                continue
            if chain:
                between = doc[chain[-1] + 1:t.i]
                ok = (sum(1 for b in between if is_word(b)) <= gap and
                      not any(b.is_punct or (run.ctx.parsed and is_verbal(b)) for b in between))
                if not ok:
                    if len(chain) >= need:
                        break
                    chain = []
            chain.append(t.i)
        if len(chain) >= need:
            end = chain[-1] + 1
            while end + 1 < sent.end and not doc[end + 1].is_punct and doc[end].pos_ != "NOUN" and end - chain[-1] < 4:
                end += 1
            run.emit_tokens(chain[0], min(end, sent.end - 1), count=len(chain))
            continue


# ── woordkeuze ──────────────────────────────────────────────────────────────────────────────────

_EXPLAIN_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:[\w-]+)?\s*(\(|:|,?\s*(dat is|dat betekent|dat wil zeggen|oftewel|ofwel|met andere "
                            r"woorden|dus|wat betekent|betekent|is een|zijn|heet|noemen we)\b)", re.I)
_EXPLAIN_NEXT = re.compile(r"^(dat|dit|daarmee|hiermee|met dit woord)\s+(betekent|is|wil zeggen|bedoelen|"
                           r"noemen|heet)\b", re.I)
_EXPLAIN_BEFORE = re.compile(r"\b(heet|heten|noemen (we|wij)|noemt men|het woord|de term|dit heet|dat heet)\s*"
                             r"['‘\"“]?$", re.I)


def _lexicon_words() -> frozenset[str]:
    """Single words that WK001/WK002 and WK005 already report (so WK003 does not repeat them).
    Built once per rules folder (kept with the lexicon indexes; :func:`clear_caches` drops it)."""
    from .lexicon import cached_index
    from .loader import rules_dir

    return cached_index(f"lexicon_words:{rules_dir()}", _build_lexicon_words)


def _build_lexicon_words() -> frozenset[str]:
    from .loader import load_rules
    from .substitution import rule_entries

    words: set[str] = set()
    for rule in load_rules():
        if rule.kind == "substitution":
            for e in rule_entries(rule.spec):
                if len(e.parts) == 1 and len(e.parts[0]) == 1:
                    words |= forms(e.parts[0][0])
    return frozenset(words)


_EMPHASIS = str.maketrans("áéíóúàèòù", "aeiouaeou")
_SUFFIX_LIKE = frozenset({"ding", "ring", "ling", "ning", "king", "heid", "heden", "ingen", "tering", "atie", "aties",
                          "erij", "isme", "lijkheid", "lijkheden"})


@lru_cache(maxsize=1)
def _noun_heads():
    """Compound nouns -> head word, from the LiNT-II noun list (if the lint_ii data is installed)."""
    try:
        from ..metrics.frequency import lexicon

        return lexicon().noun_heads
    except Exception:  # no lint_ii data: fall back to splitting by frequency alone
        return {}


def _verb_of_stem(stem: str) -> str:
    """parkeer -> parkeren, woon -> wonen, meld -> melden (the infinitive of a verb stem)."""
    m = re.match(r"^(.*[^aeiou])([aeou])\2([^aeiou])$", stem)
    if m:
        return m.group(1) + m.group(2) + m.group(3) + "en"
    return stem + "en"


def _part_zipf(x: str) -> float:
    """How common a compound part is: as a word, or as the stem of a verb (parkeer-, woon-)."""
    return max(zipf(x), zipf(_verb_of_stem(x)))


def _known_pair(left_zipf: float, right_zipf: float, min_zipf: float, strong: "float | None") -> bool:
    """Both parts at least ``min_zipf`` common; or, with ``strong``, one part at least that common and
    the other at most 0.2 below ``min_zipf`` (afval + inzameling, toeslagen + affaire)."""
    low, high = sorted((left_zipf, right_zipf))
    return low >= min_zipf or (strong is not None and high >= strong and low >= min_zipf - 0.2)


def _known_compound(word: str, min_zipf: float, strong: "float | None" = None) -> bool:
    """Is ``word`` a compound of two common words (``parkeervergunning``, ``afvalcontainer``)?"""
    head = _noun_heads().get(word)
    if head and head != word and word.endswith(head):
        left = word[: len(word) - len(head)]
        return any(_known_pair(_part_zipf(x), zipf(head), min_zipf, strong) for x in _linking_variants(left))
    n = len(word)
    for k in range(4, n - 2):
        left, right = word[:k], word[k:]
        if right in _SUFFIX_LIKE:
            continue
        right_zipf = zipf(right)
        if len(right) < 4 and right_zipf < max(min_zipf, 4.3):
            continue
        if any(len(x) >= 4 and _known_pair(_part_zipf(x), right_zipf, min_zipf, strong)
               for x in _linking_variants(left)):
            return True
    return False


def _linking_variants(left: str) -> set[str]:
    out = {left}
    if left.endswith(("s", "e")):
        out.add(left[:-1])
    if left.endswith("en"):
        out.add(left[:-2])
    return {x for x in out if len(x) >= 3}


@lru_cache(maxsize=4096)
def is_compound(word: str, min_zipf: float = 2.5, depth: int = 2) -> bool:
    """Can ``word`` be split into known words (the left part may itself be a compound)?

    ``parkeervergunninghouders`` = ``parkeervergunning`` + ``houders``; ``verantwoordelijkheden``
    is not a compound (``heden`` is a suffix here, not a word)."""
    word = word.lower()
    if _known_compound(word, min_zipf):
        return True
    if depth <= 0:
        return False
    for k in range(6, len(word) - 3):
        left, right = word[:k], word[k:]
        if right in _SUFFIX_LIKE or zipf(right) < min_zipf:
            continue
        if any(is_compound(x, min_zipf, depth - 1) for x in _linking_variants(left) if len(x) >= 6):
            return True
    return False


def _base_forms(word: str, lemma: str) -> set[str]:
    """The word, its lemma and simple guesses at its base form (for a weak lemmatizer)."""
    plain = word.translate(_EMPHASIS)  # námens -> namens (accent for stress)
    out = {word, plain}
    word = plain
    if lemma.isalpha():
        out.add(lemma)
    for suffix in ("e", "n", "en", "er", "ere", "ste", "s", "tje", "tjes", "je", "jes"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            out.add(word[: -len(suffix)])
    for x in list(out):  # moeilijkst -> moeilijk, natter -> natt -> nat
        if x.endswith("st") and len(x) >= 7:
            out.add(x[:-2])
        if len(x) >= 4 and x[-1] == x[-2] and x[-1] not in "aeiou":
            out.add(x[:-1])
    for x in list(out):  # verb forms: indient -> indienen, afgewogen -> afwegen is too far; gewogen -> wegen
        if x.endswith(("t", "d")) and len(x) > 5:
            out.add(_verb_of_stem(x[:-1]))
            out.add(x[:-1] + x[-2] + "en")  # aanlegt -> aanleggen (short vowel: double consonant)
            if x.startswith("ge"):
                out.add(_verb_of_stem(x[2:-1]))
        if x.endswith(("de", "te")) and len(x) > 6:
            out.add(_verb_of_stem(x[:-2]))
        for prt in ("aan", "af", "in", "op", "uit", "toe", "mee", "voort", "terug", "door", "over", "vast"):
            if x.startswith(prt + "ge") and len(x) - len(prt) > 5:
                out.add(x[len(prt):])
    for x in list(out):
        for suffix in ("ig", "lijk", "heid"):  # lawaaiig -> lawaai, stenig -> sten(-> steen)
            if x.endswith(suffix) and len(x) - len(suffix) >= 3:
                out.add(x[: -len(suffix)])
    for x in list(out):
        m = re.match(r"^(.*[^aeiou])([aeou])([^aeiou])$", x)
        if m:
            out.add(m.group(1) + m.group(2) * 2 + m.group(3))  # gelov -> geloov
        if x.endswith(("v", "z")):
            out.add(x[:-1] + ("f" if x.endswith("v") else "s"))
    return out


_NUMBER_WORD = re.compile(
    r"(?:een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|twintig|dertig|"
    r"veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd|duizend|miljoen|en|ën)+(?:ste|de)?")
_VERB_PARTICLES = ("terug", "samen", "tegen", "achter", "binnen", "voort", "aan", "af", "in", "op", "uit",
                   "toe", "mee", "na", "om", "weg", "neer", "door", "over", "voor", "bij", "vast")


def _particle_verb_known(word: str, lemma: str, threshold: float) -> bool:
    """A separable verb whose verb is common is known: 'omging' (om + ging), 'nadachten' (na + dachten)."""
    for prt in _VERB_PARTICLES:
        if word.startswith(prt) and len(word) - len(prt) >= 4:
            rest = word[len(prt):]
            rest_lemma = lemma[len(prt):] if lemma.startswith(prt) else rest
            if max(zipf(x) for x in _base_forms(rest, rest_lemma)) >= threshold + 0.5:
                return True
    return False


def _capitalised_names(doc, sentences) -> set[str]:
    """Words the text writes with a capital inside a sentence: names, also at the start of a sentence."""
    starts = {s.start for s in sentences}
    return {t.lower_ for t in doc if t.is_alpha and t.text[:1].isupper() and t.i not in starts
            and t.i > 0 and doc[t.i - 1].is_alpha and doc[t.i - 1].is_lower}  # not in Title Case headings


_LETTERS = "abcdefghijklmnopqrstuvwxyzëéï"
#: A word unknown to the frequency list that is one typing slip away from a word at least this common is
#: a misspelling ('ontvagen' -> 'ontvangen'), which LanguageTool's spelling check reports; WK003 is silent.
#: Slips: a letter missing, two letters swapped, a letter typed twice, one wrong letter; never in the
#: first letter (so rare words such as 'amotie' and 'vigeren' stay rare words).
TYPO_TARGET_ZIPF = 4.0


def _likely_typo(word: str) -> bool:
    if zipf(word) > 0 or len(word) < 6:
        return False
    head, rest = word[0], word[1:]
    splits = [(rest[:i], rest[i:]) for i in range(len(rest) + 1)]
    candidates = {a + c + b for a, b in splits for c in _LETTERS}  # a letter missing
    candidates |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}  # two letters swapped
    candidates |= {a + b[1:] for a, b in splits if len(b) > 1 and b[0] == b[1]}  # a letter typed twice
    candidates |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}  # one wrong letter
    candidates.discard(rest)
    return any(zipf(head + c) >= TYPO_TARGET_ZIPF for c in candidates)


class _Explained:
    """The lower-case forms and lemmas of words the text explains where it uses them ("X, dat is ...",
    "X (...)", "dit heet X"), tested only for the words asked about: ``w in explained``."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self._where: dict[str, list[tuple[int, int]]] | None = None
        self._known: dict[int, bool] = {}
        self._next: dict[int, bool] = {}

    def _index(self) -> dict[str, list[tuple[int, int]]]:
        if self._where is None:
            self._where = {}
            lowers, lemmas = self.ctx.table
            alpha = self.ctx.tokens.is_alpha
            for k, s in enumerate(self.ctx.sentences):
                for i in range(s.start, s.end):
                    if alpha[i]:
                        self._where.setdefault(lowers[i], []).append((i, k))
                        if lemmas[i] != lowers[i]:
                            self._where.setdefault(lemmas[i], []).append((i, k))
        return self._where

    def _next_explains(self, k: int) -> bool:
        if k not in self._next:
            sents, text = self.ctx.sentences, self.ctx.document.text
            nxt = text[sents[k + 1].start_char:sents[k + 1].start_char + 40] if k + 1 < len(sents) else ""
            self._next[k] = bool(_EXPLAIN_NEXT.match(nxt))
        return self._next[k]

    def _explains(self, i: int, k: int) -> bool:
        if i not in self._known:
            text, s, t = self.ctx.document.text, self.ctx.sentences[k], self.ctx.doc[i]
            after = text[t.idx + len(t.text):min(s.end_char, t.idx + len(t.text) + 40)]
            self._known[i] = bool(_EXPLAIN_AFTER.match(after) or _EXPLAIN_BEFORE.search(text[max(0, t.idx - 30):t.idx])
                                  or self._next_explains(k))
        return self._known[i]

    def __contains__(self, word: str) -> bool:
        return any(self._explains(i, k) for i, k in self._index().get(word, ()))


@rule_function("rare_words")
def rare_words(run: RuleRun) -> None:
    """WK003: a word that few readers know (low frequency), unless it is a name, number or explained."""
    ctx, doc = run.ctx, run.ctx.doc
    threshold = float(run.setting("min_zipf", 3.0))
    part_zipf = float(run.setting("compound_part_zipf", 3.5))
    strong_part = run.setting("compound_strong_part_zipf", None)
    strong_part = float(strong_part) if strong_part is not None else None
    min_len = int(run.setting("min_length", 5))
    skip = _lexicon_words() | set(run.setting("allow", []) or [])
    explained = _Explained(ctx)
    sents = ctx.sentences
    seen: set[str] = set()
    names = _capitalised_names(doc, sents)
    for s, sent in _sentence_tokens(run):
        for t in sent:
            w = t.lower_
            if (not t.is_alpha or len(w) < min_len or t.pos_ in ("PROPN", "NUM", "X", "SYM") or t.like_num
                    or (t.text[:1].isupper() and t.i != s.start) or t.text.isupper()
                    or _NUMBER_WORD.fullmatch(w)):
                continue
            if t.text[:1].isupper() and (w in names or (
                    t.i + 1 < sent.end and doc[t.i + 1].is_alpha and doc[t.i + 1].text[:1].isupper())):
                continue  # "Hayter schreef ..." when the text has "Hayter" elsewhere; "Giulio Natta ..."
            if zipf(w) >= threshold:
                continue  # common as it stands: no need to look for its base form
            lemma = t.lemma_.lower() or w
            if w in seen or lemma in seen or w in skip or lemma in skip or w in explained or lemma in explained:
                continue
            if max(zipf(x) for x in _base_forms(w, lemma)) >= threshold:
                continue
            if _known_compound(w, part_zipf, strong_part):
                continue
            if _particle_verb_known(w, lemma, threshold):
                continue
            if _likely_typo(w):
                continue  # a misspelling of a common word ('ontvagen'): spelling, not a rare word
            seen.update((w, lemma))
            run.emit(t.idx, t.idx + len(t.text))


#: A Roman numeral ("APG II", "Willem III", "XIV"): not an abbreviation, not shouting.
_ROMAN = re.compile(r"(?=[IVXLCDM])M*(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def _is_code(text: str, start: int, end: int) -> bool:
    """Part of a postcode ("1234 AB"), a reference ("WMO-2025-0733") or a code with digits."""
    before, after = text[max(0, start - 6):start], text[end:end + 3]
    return bool(re.search(r"\d{4}\s?$", before) or re.match(r"[-/]?\d", after) or re.search(r"\d[-/]?$", before))


@lru_cache(maxsize=8)
def _everyday_regex(pairs: tuple[tuple[str, str], ...]):
    """One regex for all everyday abbreviations (dotted, case-insensitive; undotted in lower case)."""
    if not pairs:
        return None
    fulls: dict[str, str] = {}
    alts: list[str] = []
    for abbr, full in pairs:
        fulls.setdefault(abbr.lower(), full)
        alts.append("(?i:" + re.escape(abbr) + ")")
        letters = abbr.replace(".", "").replace(" ", "")
        if "." in abbr and len(letters) >= 3 and letters.isalpha():
            fulls.setdefault(letters.lower(), full)
            alts.append(re.escape(letters.lower()))
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(alts) + r")(?!\w)"), fulls


@lru_cache(maxsize=8)
def _acronym_regex(entries: tuple[tuple[str, str], ...]):
    """One case-insensitive regex for all acronyms, and lower-case form -> (abbreviation, full form)."""
    if not entries:
        return None
    by_lower: dict[str, tuple[str, str]] = {}
    for abbr, full in entries:
        by_lower.setdefault(abbr.lower(), (abbr, full))
    alts = "|".join(re.escape(a) for a in sorted(by_lower, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alts})(?![\w])", re.IGNORECASE), by_lower


@lru_cache(maxsize=1)
def _officialese() -> dict[str, tuple[str, ...]]:
    """Phrase -> plain alternatives from WK001's lexicon, for full forms of abbreviations."""
    from .lexicon import load_entries

    return {e.pattern: tuple(a for a in e.alternatives if a != "-" and "…" not in a)
            for e in load_entries(rules_dir() / "lexicon" / "ambtelijk.tsv") if len(e.parts) == 1}


_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
#: A date right before 'jl.' or 'a.s.' ('12 maart jl.', 'op 3-5-2026 a.s.', 'dinsdag a.s.'): then the date says it all.
_DATE_BEFORE = re.compile(rf"(?i:(?:{_MONTHS}|\d{{1,4}}|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag))\s*$")


@rule_function("abbreviations")
def abbreviations(run: RuleRun) -> None:
    """WK005: everyday abbreviations to write out; acronyms not explained at first use."""
    ctx, text = run.ctx, run.ctx.document.text
    entries = []
    for item in run.setting("abbreviations", []) or []:
        entries.append((item[0], item[1], item[2] if len(item) > 2 else "acroniem"))
    lex = run.rule.spec.get("lexicon")
    known = {e[0] for e in entries}
    if lex:
        for a in load_abbreviations(rules_dir() / lex):
            if a.abbreviation not in known:
                entries.append((a.abbreviation, a.full, a.kind))
                known.add(a.abbreviation)
    reported: list[tuple[int, int]] = []

    def sentence_end(pos: int) -> int:
        for s in ctx.sentences:
            if s.start_char <= pos < s.end_char:
                return s.end_char
        return min(len(text), pos + 200)

    def explained_near(start: int, end: int) -> bool:
        after = text[end:end + 3]
        before = text[max(0, start - 2):start]
        return after.lstrip().startswith("(") or (before.endswith("(") and text[end:end + 1] == ")")

    seen_acronyms: set[str] = set()
    everyday = _everyday_regex(tuple((a, f) for a, f, k in entries if k == "alledaags"))
    if everyday is not None:
        rx, fulls = everyday
        for m in rx.finditer(text):
            key = m.group(0).lower()
            full = fulls.get(key) or fulls.get(key.replace(".", ""))
            if full is None or any(m.start() < y and x < m.end() for x, y in reported):
                continue
            reported.append((m.start(), m.end()))
            meaning, _, plain = full.partition(" > ")  # 'de dato > op': Latin or officialese, and the plain word
            if not plain:  # written out it would be officialese itself ('in verband met'): WK001's plain words
                plain = " | ".join(dict.fromkeys(a for x in meaning.split(" | ") for a in _officialese().get(x.strip(), ())))
            meanings = "' of '".join(x.strip() for x in meaning.split(" | ") if x.strip())
            options = tuple(x.strip() for x in (plain or meaning).split(" | ") if x.strip() and x.strip() != "-")
            said = " of ".join(x.strip() for x in meaning.split(" | ") if x.strip())  # inside brackets
            if plain.strip() == "-" and _DATE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                run.emit(m.start(), m.end(), variant="drop", full=said)
            elif plain.strip() == "-":  # no date before it ('de a.s. verbouwing'): the word itself
                run.emit(m.start(), m.end(), variant="everyday", replacements=(meaning,), full=meaning)
            elif plain:
                run.emit(m.start(), m.end(), variant="plain", replacements=options, full=said,
                         plain="' of '".join(options))
            else:
                run.emit(m.start(), m.end(), variant="everyday", replacements=options, full=meanings)
    # acronyms: the first use of each in one pass over the text (one regex for the whole list)
    acronyms = _acronym_regex(tuple((a, f) for a, f, k in entries if k != "alledaags"))
    first: dict[str, re.Match] = {}
    if acronyms is not None:
        arx, by_lower = acronyms
        for cand in arx.finditer(text):
            key = cand.group(0).lower()
            if key in first or key in seen_acronyms or _is_code(text, cand.start(), cand.end()):
                continue
            block = ctx.document.block_at(cand.start())
            if block is not None and block.kind == "heading":
                continue  # a heading may use it; the text below explains it
            abbr = by_lower[key][0]
            if cand.group(0) == abbr or cand.group(0).isupper() or cand.group(0)[:1].isupper():
                first[key] = cand
    for key, m in sorted(first.items(), key=lambda kv: kv[1].start()):
        abbr, full = acronyms[1][key]
        if any(m.start() < y and x < m.end() for x, y in reported):
            continue
        seen_acronyms.add(key)
        upto = text[:sentence_end(m.start())].lower()
        if (full and full.lower() in upto) or explained_near(m.start(), m.end()):
            continue
        reported.append((m.start(), m.end()))
        run.emit(m.start(), m.end(), variant="acronym", full=full,
                 replacements=(f"{full} ({abbr})",) if full else ())
    # acronyms helder does not know: explain at first use unless everybody knows them
    known_zipf = float(run.setting("known_zipf", 4.0))
    seen: set[str] = set(known)
    doc = ctx.doc
    for t in doc:
        w = t.text
        if not re.fullmatch(r"[A-Z]{3,6}", w) or _ROMAN.fullmatch(w) or w in seen or w.lower() in seen_acronyms:
            continue
        seen.add(w)
        if _is_code(text, t.idx, t.idx + len(w)):
            continue
        neighbours = [doc[j] for j in (t.i - 1, t.i + 1) if 0 <= j < len(doc)]
        if any(n.text.isupper() and n.is_alpha and len(n.text) > 1 for n in neighbours):
            continue  # text in capitals (ST006), not an abbreviation
        if zipf(w.lower()) >= known_zipf or explained_near(t.idx, t.idx + len(w)):
            continue
        if any(t.idx < y and x < t.idx + len(w) for x, y in reported):
            continue
        run.emit(t.idx, t.idx + len(w), variant="unknown")


_FORMAL = frozenset({"u", "uw", "uzelf"})
_INFORMAL = frozenset({"je", "jij", "jou", "jouw", "jezelf"})
_QUOTES = "\"“”„«»"


def _address_tokens(run: RuleRun):
    text = run.ctx.document.text
    for s, sent in _sentence_tokens(run):
        for t in sent:
            w = t.lower_.rstrip(".")
            if w in _FORMAL or w in _INFORMAL:
                before = text[s.start_char:t.idx]
                if sum(before.count(q) for q in _QUOTES) % 2 == 1:
                    continue  # inside a quotation
                yield t, ("u" if w in _FORMAL else "je")


@rule_function("mixed_address")
def mixed_address(run: RuleRun) -> None:
    """WK006: the text speaks to the reader both as 'u' and as 'je'."""
    found = list(_address_tokens(run))
    formal = [t for t, k in found if k == "u"]
    informal = [t for t, k in found if k == "je"]
    if not formal or not informal:
        return
    if len(formal) > len(informal) or (len(formal) == len(informal) and formal[0].i < informal[0].i):
        minority, other = informal, "u"
    else:
        minority, other = formal, "je"
    for t in minority:
        w = t.text.rstrip(".")
        run.emit(t.idx, t.idx + len(w), other=other)


@rule_function("double_negative")
def double_negative(run: RuleRun) -> None:
    """WK007: 'niet onmogelijk', 'niet zonder', 'geen ... niet'."""
    doc = run.ctx.doc
    window = int(run.setting("window", 3))
    extra = set(run.setting("negative_words", []) or [])
    for _s, sent in _sentence_tokens(run):
        for t in sent:
            if t.lower_ not in ("niet", "geen", "nooit"):
                continue
            for j in range(t.i + 1, min(t.i + 1 + window, sent.end)):
                u = doc[j]
                if u.is_punct:
                    break
                w = u.lower_
                if t.lower_ == "niet" and w == "zonder" and j == t.i + 1:
                    run.emit_tokens(t.i, j, variant="zonder")
                    break
                if w in extra:
                    run.emit_tokens(t.i, j, variant="word")
                    break
                rest = w[2:]
                if (w.startswith("on") and len(rest) >= 4 and u.pos_ not in ("VERB", "ADP", "NOUN", "AUX")
                        and zipf(rest) >= 3.0 and zipf(w) < zipf(rest) + 1.5):
                    run.emit_tokens(t.i, j, variant="prefix", replacements=(rest,), positive=rest)
                    break


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
    for s, sent in _sentence_tokens(run):
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


_READER = frozenset({"u", "uw", "uzelf", "je", "jij", "jou", "jouw", "jezelf", "jullie"})


@rule_function("address_reader")
def address_reader(run: RuleRun) -> None:
    """WK010: a letter or web text that never speaks to the reader."""
    need = int(run.setting("min_sentences", 3))
    ctx = run.ctx
    if len(ctx.sentences) < need:
        return
    for _s, sent in _sentence_tokens(run):
        for t in sent:
            if t.lower_.rstrip(".") in _READER:
                return
        first = next((t for t in sent if is_word(t)), None)
        if (first is not None and is_finite(first) and is_verbal(first) and
                not any(c.dep_.startswith("nsubj") for c in first.children) and first.lower_ not in (
                    "is", "zijn", "was", "waren", "heeft", "hebben", "kan", "kunnen", "moet", "wordt")):
            return  # an imperative ("Vul het formulier in.") speaks to the reader too
    first = ctx.sentences[0]
    run.emit(first.start_char, first.end_char)


@rule_function("capital_u")
def capital_u(run: RuleRun) -> None:
    """WK015: 'U' and 'Uw' with a capital in the middle of a sentence."""
    text = run.ctx.document.text
    source = run.ctx.document.source
    for t in run.ctx.doc:
        w = t.text.rstrip(".")
        if w not in ("U", "Uw", "Uzelf"):
            continue
        before = text[:t.idx].rstrip()
        if not before or before[-1] in ".!?:;\"'“‘„(«[-–—•*":
            continue
        src = run.ctx.document.source_offset(t.idx)
        src_before = source[:src]
        if "\n" in src_before[len(src_before.rstrip(" \t")) - 1:] or not src_before.strip() or \
                src_before.rstrip(" \t")[-1:] in ">*-#|":
            continue  # first word of a line: a heading, list item or table cell above it
        run.emit(t.idx, t.idx + len(w), replacements=(w.lower(),), agreed=True)


# ── structuur ───────────────────────────────────────────────────────────────────────────────────


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
    for s, sent in _sentence_tokens(run):
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


def _heading_lines(run: RuleRun) -> list[tuple[int, int, str]]:
    """Headings: the document's heading blocks; in plain text also short lines without a full stop."""
    text = run.ctx.document.text
    out = [(a, b, text[a:b]) for a, b in run.ctx.headings]
    if out or run.ctx.document.format != "text":
        return out
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        words = re.findall(r"\w+", stripped)
        if 0 < len(words) <= 8 and not re.search(r"[.,;]$", stripped):
            start = pos + line.find(stripped)
            out.append((start, start + len(stripped), stripped))
        pos += len(line) + 1
    return out


def _matches_section(heading: str, words: list[str]) -> bool:
    h = heading.lower()
    return any(re.search(rf"\b{re.escape(w.lower())}", h) for w in words)


@rule_function("council_sections")
def council_sections(run: RuleRun) -> None:
    """ST004: a council proposal misses one of its fixed sections."""
    sections = run.setting("sections", []) or []
    headings = _heading_lines(run)
    if not run.ctx.sentences:
        return
    first = run.ctx.sentences[0]
    for sec in sections:
        if not any(_matches_section(h, sec["match"]) for _a, _b, h in headings):
            run.emit(first.start_char, first.end_char, section=sec["name"])


@rule_function("decision_first")
def decision_first(run: RuleRun) -> None:
    """ST009: in a council proposal the decision points come first."""
    words = run.setting("decision", ["beslispunt", "voorstel", "besluit"])
    max_pos = int(run.setting("max_position", 2))
    headings = _heading_lines(run)
    for pos, (a, b, h) in enumerate(headings, start=1):
        if _matches_section(h, words):
            if pos > max_pos:
                run.emit(a, b, position=pos)
            return


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


_PHONE = re.compile(r"(\+31|\b0)[\s-]?\d{1,3}[\s-]?\d{3}[\s-]?\d{2,4}\b|\b14\s?0\d{2,3}\b")
_MAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@rule_function("contact_info")
def contact_info(run: RuleRun) -> None:
    """ST008: a letter that does not say how the reader can ask a question."""
    text = run.ctx.document.text
    need = int(run.setting("min_words", 100))
    if len(re.findall(r"\w+", text)) < need or not run.ctx.sentences:
        return
    cues = run.setting("cues", ["bel", "mail", "contact", "www.", "http", "vragen?"])
    if _PHONE.search(text) or _MAIL.search(text) or any(re.search(rf"\b{re.escape(c)}", text, re.I) for c in cues):
        return
    last = run.ctx.sentences[-1]
    run.emit(last.start_char, last.end_char)




@rule_function("shouting")
def shouting(run: RuleRun) -> None:
    """ST006: words in capitals ("LET OP", "BELANGRIJK BERICHT")."""
    need = int(run.setting("min_words", 2))
    doc = run.ctx.doc
    cur: list = []

    def flush():
        if len(cur) >= need and any(len(t.text) >= 3 for t in cur) and sum(
                zipf(t.lower_) >= 3.0 for t in cur) * 2 >= len(cur):
            run.emit_tokens(cur[0].i, cur[-1].i)

    for t in doc:
        if t.is_alpha and t.text.isupper() and len(t.text) >= 2 and not _ROMAN.fullmatch(t.text):
            cur.append(t)
        elif t.is_punct and cur and t.text not in ".!?":
            continue
        else:
            flush()
            cur = []
    flush()
