"""Word forms and compounds judged by frequency: is a word a compound of common words, what
are its likely base forms, is it one typing slip away from a common word.

Used by the rules (WK003 rare words, the long-word count of LB003, the rare words that LB001 names) and
beside :mod:`helder.morphology`, which builds forms the other way round (word + ending).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .morphology import zipf

_EMPHASIS = str.maketrans("áéíóúàèòù", "aeiouaeou")

_SUFFIX_LIKE = frozenset({"ding", "ring", "ling", "ning", "king", "heid", "heden", "ingen", "tering", "atie", "aties",
                          "erij", "isme", "lijkheid", "lijkheden"})


@lru_cache(maxsize=1)
def _noun_heads():
    """Compound nouns -> head word, from the LiNT-II noun list (if the lint_ii data is installed)."""
    try:
        from .metrics.frequency import lexicon

        return lexicon().noun_heads
    except Exception:  # no lint_ii data: fall back to splitting by frequency alone
        return {}


def verb_of_stem(stem: str) -> str:
    """parkeer -> parkeren, woon -> wonen, meld -> melden (the infinitive of a verb stem)."""
    m = re.match(r"^(.*[^aeiou])([aeou])\2([^aeiou])$", stem)
    if m:
        return m.group(1) + m.group(2) + m.group(3) + "en"
    return stem + "en"


def _part_zipf(x: str) -> float:
    """How common a compound part is: as a word, or as the stem of a verb (parkeer-, woon-)."""
    return max(zipf(x), zipf(verb_of_stem(x)))


def _known_pair(left_zipf: float, right_zipf: float, min_zipf: float, strong: "float | None") -> bool:
    """Both parts at least ``min_zipf`` common; or, with ``strong``, one part at least that common and
    the other at most 0.2 below ``min_zipf`` (afval + inzameling, toeslagen + affaire)."""
    low, high = sorted((left_zipf, right_zipf))
    return low >= min_zipf or (strong is not None and high >= strong and low >= min_zipf - 0.2)


def known_compound(word: str, min_zipf: float, strong: "float | None" = None) -> bool:
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
    if known_compound(word, min_zipf):
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


def base_forms(word: str, lemma: str) -> set[str]:
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
            out.add(verb_of_stem(x[:-1]))
            out.add(x[:-1] + x[-2] + "en")  # aanlegt -> aanleggen (short vowel: double consonant)
            if x.startswith("ge"):
                out.add(verb_of_stem(x[2:-1]))
        if x.endswith(("de", "te")) and len(x) > 6:
            out.add(verb_of_stem(x[:-2]))
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

_VERB_PARTICLES = ("terug", "samen", "tegen", "achter", "binnen", "voort", "aan", "af", "in", "op", "uit",
                   "toe", "mee", "na", "om", "weg", "neer", "door", "over", "voor", "bij", "vast")


def particle_verb_known(word: str, lemma: str, threshold: float) -> bool:
    """A separable verb whose verb is common is known: 'omging' (om + ging), 'nadachten' (na + dachten)."""
    for prt in _VERB_PARTICLES:
        if word.startswith(prt) and len(word) - len(prt) >= 4:
            rest = word[len(prt):]
            rest_lemma = lemma[len(prt):] if lemma.startswith(prt) else rest
            if max(zipf(x) for x in base_forms(rest, rest_lemma)) >= threshold + 0.5:
                return True
    return False

_LETTERS = "abcdefghijklmnopqrstuvwxyzëéï"

#: A word unknown to the frequency list that is one typing slip away from a word at least this common is
#: a misspelling ('ontvagen' -> 'ontvangen'), which LanguageTool's spelling check reports; WK003 is silent.
#: Slips: a letter missing, two letters swapped, a letter typed twice, one wrong letter; never in the
#: first letter (so rare words such as 'amotie' and 'vigeren' stay rare words).
TYPO_TARGET_ZIPF = 4.0


#: Words longer than this are never checked for typing slips: the candidates grow with the square of
#: the length (a 4,000-letter "word" made 480,000 candidates of 4,000 letters), and such a word is no slip.
MAX_TYPO_LENGTH = 30


@lru_cache(maxsize=8192)
def likely_typo(word: str) -> bool:
    if len(word) < 6 or len(word) > MAX_TYPO_LENGTH or zipf(word) > 0:
        return False
    head, rest = word[0], word[1:]
    splits = [(rest[:i], rest[i:]) for i in range(len(rest) + 1)]
    candidates = {a + c + b for a, b in splits for c in _LETTERS}  # a letter missing
    candidates |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}  # two letters swapped
    candidates |= {a + b[1:] for a, b in splits if len(b) > 1 and b[0] == b[1]}  # a letter typed twice
    candidates |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}  # one wrong letter
    candidates.discard(rest)
    # the lookup itself, not the cached :func:`zipf`: hundreds of one-off candidates per word would only
    # push the words the rules ask about again and again out of its cache
    from .wordfreq_store import zipf_function

    lookup = zipf_function()
    return any(lookup(head + c) >= TYPO_TARGET_ZIPF for c in candidates)
