"""Dutch word forms from spelling rules, with word frequency (wordfreq) as the judge.

Shared by the rules (suggestions in the right form) and the pipeline's rule component (imperatives,
verb lemmas). Spelling rules propose candidates; the most frequent one that Dutch really uses wins.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in Dutch (wordfreq's value; see :mod:`helder.wordfreq_store`)."""
    from .wordfreq_store import zipf_nl

    return zipf_nl(word)


def spelling_variants(word: str, ending: str, plural_s: bool = True) -> list[str]:
    """Candidate spellings of ``word`` + ``ending`` ('en', 'e'): the Dutch open/closed syllable rules
    (jaar -> jaren, bus -> bussen), f/v and s/z (geef -> geven, kies -> kiezen), -heid -> -heden, and
    for nouns the plural in -s. Which one is right is left to frequency (:func:`most_frequent`)."""
    out = [word + ending]
    if word.endswith("heid") and ending == "en":
        out.append(word[:-4] + "heden")
    m = re.match(r"^(.*[^aeiou])([aeou])\2([^aeiou])$", word)
    if m:  # jaar -> jaren, groot -> grote
        out.append(m.group(1) + m.group(2) + m.group(3) + ending)
    if re.search(r"[^aeiou][aeiou][^aeiouwjy]$", word):  # bus -> bussen, wit -> witte
        out.append(word + word[-1] + ending)
    for a, b in (("f", "v"), ("s", "z")):
        if word.endswith(a):
            out += [x[: -len(ending) - 1] + b + ending for x in list(out) if x.endswith(a + ending)]
    if ending == "en" and plural_s:
        out += [word + "s", word + "'s"]
    return out


def most_frequent(candidates: list[str], min_zipf: float = 1.5) -> str | None:
    """The candidate Dutch uses most, if it is used at all (Zipf at least ``min_zipf``)."""
    best = max(candidates, key=zipf)
    return best if zipf(best) >= min_zipf else None


#: Stems whose infinitive the spelling rules do not give, or that wordfreq cannot vouch for ('let' is
#: common as English).
_IRREGULAR_STEMS = {"ga": "gaan", "sta": "staan", "doe": "doen", "zie": "zien", "sla": "slaan",
                    "heb": "hebben", "wees": "zijn", "kom": "komen", "let": "letten"}


@lru_cache(maxsize=4096)
def infinitive_of_stem(stem: str) -> str | None:
    """The infinitive of a verb stem (the imperative, the 'ik' form): bel -> bellen, geef -> geven,
    neem -> nemen; None unless it is a common verb (Zipf 3 or more) at least about as common as the
    stem itself ('meer' is not the stem of 'meren')."""
    if stem in _IRREGULAR_STEMS:
        return _IRREGULAR_STEMS[stem]
    if len(stem) < 2 or not stem.isalpha():
        return None
    best = most_frequent(spelling_variants(stem, "en", plural_s=False), min_zipf=3.0)
    if best is None or zipf(stem) > zipf(best) + 0.3:
        return None
    return best


#: Prefixes that never split off a verb (be-, ver-, ...), and particles that do (aan-, af-, ...).
INSEPARABLE_PREFIXES = ("ge", "be", "ver", "ont", "her", "er", "mis")
PARTICLE_PREFIXES = ("terug", "samen", "tegen", "achter", "binnen", "buiten", "voort", "plaats", "aan", "af",
                     "in", "op", "uit", "toe", "mee", "door", "over", "voor", "na", "bij", "weg", "vast",
                     "om", "neer", "vrij", "kwijt", "bekend", "goed", "teleur")


def looks_like_participle(word: str) -> bool:
    """Does ``word`` have the shape of a Dutch past participle (gemaakt, beoordeeld, ingediend, voldaan)?"""
    w = word.lower()
    if len(w) < 4 or not re.search(r"(d|t|en|aan|ien)$", w) or re.search(r"(er|ig|lijk|isch|baar)$", w):
        return False
    if w.startswith(INSEPARABLE_PREFIXES) or w.startswith(("vol", "over", "onder", "door", "achter", "voor")):
        return True
    for prt in PARTICLE_PREFIXES:
        if w.startswith(prt) and w[len(prt):].startswith(INSEPARABLE_PREFIXES):
            return True
    return False

