"""Word lists (``rules/lexicon/*.tsv``) and lemma-aware matching of their patterns on a spaCy Doc.

TSV format: lines starting with ``#`` are the header; entries are TAB-separated.

- ``ambtelijk.tsv`` / ``vaag.tsv``: ``pattern<TAB>alternatives<TAB>note``. The pattern is lower-case
  lemmas separated by spaces (consecutive tokens); ``…`` separates the parts of a split pattern
  (``zijn … woonachtig``: all parts in the same clause, in any order). Alternatives are separated by
  `` | ``; ``-`` means "leave it out".
- ``afkortingen.tsv``: ``abbreviation<TAB>full form<TAB>kind`` with kind ``alledaags`` or ``acroniem``.

Matching is lemma-aware without trusting the lemmatizer alone: a pattern word matches a token whose
lemma is that word, *or* whose text is one of the word's regular inflections (generated here), so a
weak lemmatizer or a blank pipeline still finds "verstrekte" for ``verstrekken``.
"""

from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from ..morphology import INSEPARABLE_PREFIXES, most_frequent, spelling_variants, zipf

SPLIT = "…"
_lock = threading.Lock()
_cache: dict[str, tuple] = {}


@dataclass(frozen=True)
class Entry:
    """One officialese/vague entry: pattern parts (each a tuple of lemmas), alternatives, note."""

    parts: tuple[tuple[str, ...], ...]
    alternatives: tuple[str, ...]  # "-" = leave it out
    note: str = ""

    @property
    def pattern(self) -> str:
        return f" {SPLIT} ".join(" ".join(p) for p in self.parts)

    @property
    def delete(self) -> bool:
        return "-" in self.alternatives

    @property
    def replacements(self) -> tuple[str, ...]:
        return tuple(a for a in self.alternatives if a != "-")


@dataclass(frozen=True)
class Abbreviation:
    abbreviation: str
    full: str
    kind: str  # "alledaags" | "acroniem"


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _rows(path: Path) -> Iterable[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield [c.strip() for c in line.split("\t")]


def parse_pattern(pattern: str) -> tuple[tuple[str, ...], ...]:
    text = pattern.replace("...", SPLIT).lower()
    parts = tuple(tuple(p.split()) for p in text.split(SPLIT))
    return tuple(p for p in parts if p)


def make_entry(pattern: str, alternatives: Sequence[str] | str, note: str = "") -> Entry | None:
    if isinstance(alternatives, str):
        alternatives = [a.strip() for a in alternatives.split("|")]
    parts = parse_pattern(pattern)
    if not parts:
        return None
    return Entry(parts, tuple(a for a in alternatives if a), note or "")


def load_entries(path: Path) -> tuple[Entry, ...]:
    """Entries of an officialese/vague TSV file; a missing file gives no entries. Cached."""
    key = f"entries:{path}"
    with _lock:
        if key in _cache:
            return _cache[key]
    out: list[Entry] = []
    if path.is_file():
        for cols in _rows(path):
            entry = make_entry(cols[0], cols[1] if len(cols) > 1 else "", cols[2] if len(cols) > 2 else "")
            if entry is not None:
                out.append(entry)
    result = tuple(out)
    with _lock:
        _cache[key] = result
    return result


def load_abbreviations(path: Path) -> tuple[Abbreviation, ...]:
    key = f"abbr:{path}"
    with _lock:
        if key in _cache:
            return _cache[key]
    out = []
    if path.is_file():
        for cols in _rows(path):
            if not cols[0]:
                continue
            kind = (cols[2] if len(cols) > 2 else "").lower() or "acroniem"
            out.append(Abbreviation(cols[0], cols[1] if len(cols) > 1 else "", kind))
    result = tuple(out)
    with _lock:
        _cache[key] = result
    return result


# --- inflection --------------------------------------------------------------------------------

#: Irregular and strong verbs (and a few common regular ones) in slot order: see ``conjugate``.
#: Slot order (inf sg1 sg3 past_sg past_pl part); '-' when there is no such form.
_CONJUGATION = {
    "zijn": "zijn ben is was waren geweest",
    "hebben": "hebben heb heeft had hadden gehad",
    "worden": "worden word wordt werd werden geworden",
    "gaan": "gaan ga gaat ging gingen gegaan",
    "staan": "staan sta staat stond stonden gestaan",
    "doen": "doen doe doet deed deden gedaan",
    "zien": "zien zie ziet zag zagen gezien",
    "komen": "komen kom komt kwam kwamen gekomen",
    "nemen": "nemen neem neemt nam namen genomen",
    "geven": "geven geef geeft gaf gaven gegeven",
    "brengen": "brengen breng brengt bracht brachten gebracht",
    "vinden": "vinden vind vindt vond vonden gevonden",
    "houden": "houden houd houdt hield hielden gehouden",
    "kunnen": "kunnen kan kan kon konden gekund",
    "zullen": "zullen zal zal zou zouden -",
    "moeten": "moeten moet moet moest moesten gemoeten",
    "mogen": "mogen mag mag mocht mochten gemogen",
    "willen": "willen wil wil wilde wilden gewild",
    "krijgen": "krijgen krijg krijgt kreeg kregen gekregen",
    "blijven": "blijven blijf blijft bleef bleven gebleven",
    "schrijven": "schrijven schrijf schrijft schreef schreven geschreven",
    "bieden": "bieden bied biedt bood boden geboden",
    "liggen": "liggen lig ligt lag lagen gelegen",
    "zitten": "zitten zit zit zat zaten gezeten",
    "vragen": "vragen vraag vraagt vroeg vroegen gevraagd",
    "denken": "denken denk denkt dacht dachten gedacht",
    "weten": "weten weet weet wist wisten geweten",
    "kopen": "kopen koop koopt kocht kochten gekocht",
    "zoeken": "zoeken zoek zoekt zocht zochten gezocht",
    "sluiten": "sluiten sluit sluit sloot sloten gesloten",
    "laten": "laten laat laat liet lieten gelaten",
    "lijken": "lijken lijk lijkt leek leken geleken",
    "spreken": "spreken spreek spreekt sprak spraken gesproken",
    "helpen": "helpen help helpt hielp hielpen geholpen",
    "beginnen": "beginnen begin begint begon begonnen begonnen",
    "kiezen": "kiezen kies kiest koos kozen gekozen",
    "lezen": "lezen lees leest las lazen gelezen",
    "sturen": "sturen stuur stuurt stuurde stuurden gestuurd",
    "wonen": "wonen woon woont woonde woonden gewoond",
    "betalen": "betalen betaal betaalt betaalde betaalden betaald",
    "maken": "maken maak maakt maakte maakten gemaakt",
    "zeggen": "zeggen zeg zegt zei zeiden gezegd",
    "kijken": "kijken kijk kijkt keek keken gekeken",
    "dragen": "dragen draag draagt droeg droegen gedragen",
    "wijzen": "wijzen wijs wijst wees wezen gewezen",
    "treden": "treden treed treedt trad traden getreden",
    "stellen": "stellen stel stelt stelde stelden gesteld",
    "verlenen": "verlenen verleen verleent verleende verleenden verleend",
}

_SLOTS = ("inf", "sg1", "sg3", "past_sg", "past_pl", "part")
#: Forms outside the six slots: the present for 'u'/'jij' where it differs, and spoken variants.
_EXTRA_FORMS = {"zijn": "bent", "hebben": "hebt", "kunnen": "kunt", "zullen": "zult", "willen": "wilt wou"}


def _all_forms(inf: str) -> str:
    forms_ = [f for f in _CONJUGATION[inf].split() if f != "-"] + _EXTRA_FORMS.get(inf, "").split()
    part = forms_[5] if len(forms_) > 5 and _CONJUGATION[inf].split()[5] != "-" else ""
    if part.endswith(("d", "t")):
        forms_.append(part + "e")  # the participle as an adjective: 'de gestelde vraag'
    return " ".join(forms_)


#: Every form of the verbs in the table (for lemma-aware matching); derived from ``_CONJUGATION``.
_IRREGULAR = {inf: _all_forms(inf) for inf in _CONJUGATION}
_INSEPARABLE = INSEPARABLE_PREFIXES
_PARTICLES = ("terug", "samen", "tegen", "plaats", "achter", "binnen", "buiten", "voort", "aan", "af",
              "in", "op", "uit", "toe", "mee", "door", "over", "voor", "na", "bij", "weg", "vast",
              "om", "neer", "vol", "teweeg", "zorg")
_FUNCTION = frozenset("de het een van in op aan met voor door te en of om tot bij uit naar als dat die er "
                      "zich u je wij we ik hij zij ze men niet geen".split())
_VOWELS = "aeiou"


def _stems(inf: str) -> set[str]:
    base = inf[:-2]
    out = {base}
    if len(base) >= 2 and base[-1] == base[-2] and base[-1] not in _VOWELS:
        out = {base[:-1]}  # verstrekk -> verstrek
    elif len(base) >= 3 and base[-1] not in _VOWELS and base[-2] in _VOWELS and base[-3] not in _VOWELS:
        out.add(base[:-1] + base[-2] + base[-1])  # woon, beoordeel (and keep wandel)
    final = set()
    for s in out:
        if s.endswith("v"):
            final.add(s[:-1] + "f")
        elif s.endswith("z"):
            final.add(s[:-1] + "s")
        else:
            final.add(s)
    return final


def _regular_verb_forms(inf: str) -> set[str]:
    forms = {inf}
    orig_last = inf[:-2][-1:] if len(inf) > 2 else ""
    voiceless = orig_last in "tkfschp" and orig_last != ""
    for stem in _stems(inf):
        forms |= {stem, stem + "t" if not stem.endswith("t") else stem}
        past = "te" if voiceless else "de"
        forms |= {stem + past, stem + past + "n"}
        suffix = "t" if voiceless else "d"
        part = stem if stem.endswith(suffix) else stem + suffix
        if inf.startswith(_INSEPARABLE):
            forms |= {part, part + "e"}
        else:
            forms |= {"ge" + part, "ge" + part + "e"}
    return forms


#: Prefixes that are inseparable in some verbs (ondertekenen, voldoen, overwegen) and separable in
#: others (overmaken, volgooien): both sets of forms are generated; a surplus form does no harm.
_BOTH_WAYS = ("onder", "over", "door", "voor", "achter", "om", "vol", "mis")


def _inseparable_forms(pre: str, rest: str) -> set[str]:
    out = set()
    for f in verb_forms(rest):
        out.add(pre + (f[2:] if f.startswith("ge") and len(f) > 4 else f))
    return out


def verb_forms(inf: str) -> set[str]:
    """The inflected forms of a Dutch verb infinitive, best effort (regular rules + irregular table)."""
    if inf in _IRREGULAR:
        return set(_IRREGULAR[inf].split()) | {inf}
    for pre in _BOTH_WAYS:
        rest = inf[len(pre):]
        if inf.startswith(pre) and len(rest) >= 4 and rest.endswith("en"):
            return {inf} | _inseparable_forms(pre, rest) | {pre + f for f in verb_forms(rest)}
    for prt in sorted(_PARTICLES, key=len, reverse=True):
        rest = inf[len(prt):]
        if inf.startswith(prt) and len(rest) >= 4 and rest.endswith("en"):
            inner = verb_forms(rest)
            return {prt + f for f in inner} | {inf}
    for pre in _INSEPARABLE:
        rest = inf[len(pre):]
        if inf.startswith(pre) and rest in _IRREGULAR:
            return {inf} | _inseparable_forms(pre, rest)
    return _regular_verb_forms(inf)


@lru_cache(maxsize=8192)
def forms(word: str) -> frozenset[str]:
    """Every surface form (lower case) that counts as ``word`` when matching a lemma pattern."""
    w = word.lower()
    out = {w}
    if w in _IRREGULAR:
        return frozenset(out | verb_forms(w))
    if w in _FUNCTION or len(w) < 4 or not w.isalpha():
        return frozenset(out)
    if w.endswith("en") and len(w) >= 5:
        out |= verb_forms(w)
    else:
        out |= {w + "en", w + "s", w + "e", w + "er", w + "ere", w + "ste"}
        if w.endswith("e"):
            out |= {w + "n"}  # belanghebbende -> belanghebbenden
        m = re.match(r"^(.*)([aeou])\2([^aeiou])$", w)
        if m:  # eventueel -> eventuele, regeling stays
            short = m.group(1) + m.group(2) + m.group(3)
            out |= {short + "e", short + "en", short + "er"}
        if re.search(r"[^aeiou][aeiou][^aeiou]$", w) and not w.endswith(("ig", "lijk", "isch")):
            out |= {w + w[-1] + "en", w + w[-1] + "e"}  # bus -> bussen (rare)
    return frozenset(out)


def token_is(token, word: str) -> bool:
    """True if ``token`` is an inflection of lemma ``word`` (by lemma or by surface form)."""
    lemma = token.lemma_.lower() if token.lemma_ else ""
    return lemma == word or token.lower_ in forms(word)


# --- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    entry: Entry
    tokens: tuple[int, ...]  # token indices of all matched tokens, sorted

    @property
    def start(self) -> int:
        return self.tokens[0]

    @property
    def end(self) -> int:
        return self.tokens[-1] + 1


def _anchor(e: Entry) -> tuple[str, ...]:
    return max(e.parts, key=lambda p: (len(p), max(len(w) for w in p)))


def token_table(doc) -> tuple[list[str], list[str]]:
    """(lower-case texts, lower-case lemmas) of every token; read once, used by every matcher."""
    return [t.lower_ for t in doc], [(t.lemma_ or "").lower() for t in doc]


def _same_segment(lowers, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """May two parts of a split pattern belong together, judged by the punctuation between them?

    A semicolon or colon between them ends the clause. Commas come in pairs around an inserted
    phrase ("U dient, als u dat wilt, het formulier te ..."): an odd number of commas means the
    later part sits in an apposition or the next clause ("een buurt in Gent, gelegen in België").
    """
    lo, hi = (a[1], b[0]) if a[0] < b[0] else (b[1], a[0])
    commas = 0
    for k in range(lo, hi):
        w = lowers[k]
        if w in (";", ":"):
            return False
        if w == ",":
            commas += 1
    return commas % 2 == 0


class _PartStarts:
    """Token positions where a word (by lemma or by one of its :func:`forms`) occurs, built on first use.

    A split pattern ("indien ... wenst") looks for its other parts in the whole sentence; reading only
    the positions where a part's first word occurs gives the same candidates, in the same (ascending)
    order, as trying every token of the sentence."""

    def __init__(self, lowers: list[str], lemmas: list[str]) -> None:
        self._lowers, self._lemmas = lowers, lemmas
        self._by_lower: dict[str, list[int]] | None = None
        self._by_lemma: dict[str, list[int]] = {}
        self._cache: dict[str, list[int]] = {}

    _last: "tuple[list[str], list[str], _PartStarts] | None" = None

    @classmethod
    def of(cls, lowers: list[str], lemmas: list[str]) -> "_PartStarts":
        """The index of these lists, shared by the rules that match lexicons in the same document."""
        last = cls._last
        if last is not None and last[0] is lowers and last[1] is lemmas:
            return last[2]
        made = cls(lowers, lemmas)
        cls._last = (lowers, lemmas, made)
        return made

    def _positions(self, word: str) -> list[int]:
        if self._by_lower is None:
            self._by_lower, self._by_lemma = {}, {}
            for i, (low, lem) in enumerate(zip(self._lowers, self._lemmas)):
                self._by_lower.setdefault(low, []).append(i)
                self._by_lemma.setdefault(lem, []).append(i)
        hit = self._cache.get(word)
        if hit is None:
            found = set(self._by_lemma.get(word, ()))
            for f in forms(word):
                found.update(self._by_lower.get(f, ()))
            hit = self._cache[word] = sorted(found)
        return hit

    def __call__(self, word: str, start: int, end: int) -> list[int]:
        pos = self._positions(word)
        return pos[bisect.bisect_left(pos, start):bisect.bisect_left(pos, end)]


class PhraseIndex:
    """Finds lexicon entries in a Doc, longest match first, without overlaps."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = tuple(entries)
        self._by_form: dict[str, list[tuple[Entry, tuple[str, ...]]]] = {}
        for e in self.entries:
            anchor = _anchor(e)
            for f in forms(anchor[0]):
                self._by_form.setdefault(f, []).append((e, anchor))

    @staticmethod
    def _is(lowers, lemmas, i: int, word: str) -> bool:
        return lemmas[i] == word or lowers[i] in forms(word)

    def _part_at(self, lowers, lemmas, i: int, part: tuple[str, ...], stop: int) -> bool:
        if i + len(part) > stop:
            return False
        for k, w in enumerate(part):  # self._is(lowers, lemmas, i + k, w) for every word, inlined
            if lemmas[i + k] != w and lowers[i + k] not in forms(w):
                return False
        return True

    def find(self, doc, sentences, clause_of=None, table=None) -> list[Match]:
        """Matches in ``doc``; ``sentences`` are (start_token, end_token) ranges; ``clause_of(i)`` gives a
        clause id for token i (split patterns must share it), or None to use the sentence only."""
        lowers, lemmas = table if table is not None else token_table(doc)
        by_form = self._by_form
        found: list[Match] = []
        starts_of = _PartStarts.of(lowers, lemmas)
        for s_start, s_end in sentences:
            for i in range(s_start, s_end):
                cands = by_form.get(lowers[i])
                lem = lemmas[i]
                if lem and lem != lowers[i] and lem in by_form:
                    cands = (cands or []) + [c for c in by_form[lem] if c not in (cands or [])]
                if not cands:
                    continue
                for e, anchor in cands:
                    if not self._part_at(lowers, lemmas, i, anchor, s_end):
                        continue
                    used = list(range(i, i + len(anchor)))
                    ok = True
                    for part in e.parts:
                        if part is anchor:
                            continue
                        best = None
                        for j in starts_of(part[0], s_start, s_end):  # ascending, as range(s_start, s_end)
                            if any(j + k in used for k in range(len(part))):
                                continue
                            if not self._part_at(lowers, lemmas, j, part, s_end):
                                continue
                            if clause_of is not None and clause_of(j) != clause_of(i):
                                continue
                            if not _same_segment(lowers, (i, i + len(anchor)), (j, j + len(part))):
                                continue
                            if best is None or abs(j - i) < abs(best - i):
                                best = j
                        if best is None:
                            ok = False
                            break
                        used += list(range(best, best + len(part)))
                    if ok:
                        found.append(Match(e, tuple(sorted(used))))
        # longest first, then earliest; drop overlaps
        found.sort(key=lambda m: (-len(m.tokens), m.start))
        taken: set[int] = set()
        result = []
        for m in found:
            if taken.intersection(m.tokens):
                continue
            taken.update(m.tokens)
            result.append(m)
        result.sort(key=lambda m: m.start)
        return result


def cached_index(key: str, build) -> PhraseIndex:
    with _lock:
        hit = _cache.get(f"index:{key}")
    if hit is None:
        hit = build()
        with _lock:
            _cache[f"index:{key}"] = hit
    return hit


# --- conjugation of suggestions ------------------------------------------------------------------
#
# A suggestion reads right only in the form the writer needs: 'u bent woonachtig' -> 'u woont', not
# 'u wonen'; 'wij verstrekten' -> 'wij gaven'. Slots: inf (infinitive, also present plural), sg1 (ik),
# sg3 (u, hij; also jij when it comes first), past_sg, past_pl, part (past participle).




def conjugate(inf: str) -> dict[str, str] | None:
    """The six forms of a Dutch verb (best effort; None when the word is not a plain infinitive)."""
    table = _conjugate(inf.lower())
    return dict(table) if table is not None else None  # a copy: the cached table stays as it is


@lru_cache(maxsize=8192)
def _conjugate(inf: str) -> dict[str, str] | None:
    """:func:`conjugate`, computed once per word (the substitution rules ask for the same verbs often)."""
    if inf in _CONJUGATION:
        return {k: v for k, v in zip(_SLOTS, _CONJUGATION[inf].split()) if v != "-"}
    for prt in sorted(_PARTICLES, key=len, reverse=True):  # separable: the particle moves; not handled
        if inf.startswith(prt) and inf[len(prt):] in _CONJUGATION:
            return None
    for pre in _INSEPARABLE + ("onder", "over", "door", "voor"):
        rest = inf[len(pre):]
        if inf.startswith(pre) and rest in _CONJUGATION:
            forms_ = conjugate(rest) or {}
            out = {k: pre + v for k, v in forms_.items() if k != "part"}
            if "part" in forms_:
                p = forms_["part"]
                out["part"] = pre + (p[2:] if p.startswith("ge") else p)
            return out
    if not inf.endswith("en") or len(inf) < 5 or not inf.isalpha():
        return None
    stems = sorted(_stems(inf), key=len, reverse=True)
    stem = stems[0]
    base = inf[:-2]
    last = base[-1:]
    voiceless = last in "tkfschp"
    past = stem + ("te" if voiceless else "de")
    suffix = "t" if voiceless else "d"
    part = stem if stem.endswith(suffix) else stem + suffix
    if not inf.startswith(_INSEPARABLE):
        part = "ge" + part
    return {"inf": inf, "sg1": stem, "sg3": stem if stem.endswith("t") else stem + "t",
            "past_sg": past, "past_pl": past + "n", "part": part}


def slot_of(token_text: str, inf: str, is_participle: bool | None = None) -> str | None:
    """Which form of ``inf`` is ``token_text``? None if unknown or ambiguous."""
    table = conjugate(inf)
    if not table:
        return None
    w = token_text.lower()
    if inf in _CONJUGATION and w in ("bent", "hebt", "kunt", "zult", "wilt"):
        return "sg3"  # 'u bent', 'u kunt': the form for u
    slots = [k for k, v in table.items() if v == w]
    if len(slots) > 1 and "part" in slots and is_participle is not None:
        slots = ["part"] if is_participle else [s for s in slots if s != "part"]
    if set(slots) == {"sg1", "sg3"}:
        return "sg3"  # 'kan', 'moet': in letters mostly after 'u', 'het' or a name
    if len(slots) != 1:
        return None  # 'verstrekt' (present or participle?), 'begonnen': leave the suggestion as it is
    return slots[0]


def inflect_alternative(alternative: str, slot: str | None) -> str:
    """Put the verb of ``alternative`` ('wonen', 'vragen u', 'bedrag betalen') in ``slot``."""
    if slot in (None, "inf"):
        return alternative
    words = alternative.split()
    if len(words) > 3 or "…" in alternative:
        return alternative
    verbs = [k for k, w in enumerate(words) if conjugate(w) and (k == 0 or words[k - 1] != "te")]
    if not verbs:
        return alternative
    k = verbs[0]  # 'laten weten' -> 'lieten weten': the first verb is the one that changes
    form = (conjugate(words[k]) or {}).get(slot)
    if not form or zipf(form) < 1.0:
        return alternative  # no such form, or a guess Dutch does not use ('overweegde'): keep the infinitive
    words[k] = form
    return " ".join(words)


# --- plural nouns and inflected adjectives in suggestions --------------------------------------------


def agree_alternative(alternative: str, token) -> str:
    """Give a one-word suggestion the number of the noun or the ending of the adjective it replaces:
    'competenties' -> 'vaardigheden' (not 'vaardigheid'), 'essentiële' -> 'belangrijke'."""
    if " " in alternative or not alternative.isalpha():
        return alternative
    if token.pos_ == "NOUN" and token.morph.get("Number") == ["Plur"] and token.lower_ != token.lemma_.lower():
        return most_frequent(spelling_variants(alternative, "en")) or alternative
    doc = token.doc
    before_noun = token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "NOUN"
    adjective = token.pos_ == "ADJ" or (before_noun and token.lemma_.lower() + "e" == token.lower_)
    if adjective and token.lower_.endswith("e") and not alternative.endswith(("e", "en")):
        if token.lower_.endswith(("ste", "ere")):
            return alternative  # superlative or comparative: leave it to the writer
        return most_frequent(spelling_variants(alternative, "e")) or alternative
    return alternative
