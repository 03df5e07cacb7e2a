"""Counting Dutch syllables: pyphen's hyphenation points, refined by a Dutch vowel-nucleus count.

Why two steps
-------------
pyphen's ``nl_NL`` patterns (the OpenOffice/LibreOffice Dutch hyphenation dictionary) put the syllable
boundaries right for most words, also in long compounds (``ver-ant-woor-de-lijk-heid``), in words where
two written vowels belong to two syllables (``mu-se-um``, ``the-a-ter``, ``ja-nu-a-ri``) and at a
diaeresis (``co-ör-di-na-tie``). But a hyphenation dictionary never leaves a single letter at a word edge
(that would be a bad line break), so it misses every syllable that is one vowel at the start or end of a
word: ``over`` (o-ver), ``eten``, ``idee``, ``ideeën`` (i-dee-ën), ``radio`` (ra-di-o), ``Italië``.

So helder first splits a word at pyphen's hyphenation points and then counts the vowel nuclei inside
each piece. A nucleus is a run of vowel letters that Dutch spelling pronounces as one sound:

- single vowels ``a e i o u y`` and the digraph ``ij``;
- the clusters ``aa ee oo uu ie oe eu ei ij ui ou au ai oi ay ey oy`` and ``aai ooi oei eeu ieu``;
- a vowel with a diaeresis (``ë ï ö ü ä``) always starts a new nucleus (``be-ëin-di-gen``);
- any other sequence of vowels is split, longest cluster first: ``radio`` -> ``ra``+``di``+``o``,
  ``materiaal`` -> ``ri``+``aal``, ``mooie`` -> ``mooi``+``e``;
- ``y`` before a vowel is a consonant (``yoghurt``), ``u`` after ``q`` is not a vowel (``quota``);
  accents other than the diaeresis do not change the count (``één`` = 1, ``café`` = 2).

Because a boundary pyphen finds is never undone, the result is at least pyphen's count and at least the
plain vowel-group count; it is exactly right for both families of words in the tests.

Known limits: English loanwords with a silent final ``e`` (``site``, ``update``) and words like ``team``
count one syllable too many, as they do with pyphen alone. ``geinig`` (ge-i-nig, no diaeresis) counts 2.

Tokens that are not plain words
-------------------------------
``count_syllables`` takes a token's text as it stands in the text:

- Only runs of letters count; each run counts at least one syllable. So an abbreviation with full stops
  counts one syllable per letter group: ``o.a.`` 2, ``t.a.v.`` 3, ``d.d.`` 2, ``art.`` 1, ``e-mail`` 2.
- An initialism in capitals (2 to 5 letters, all upper case, not a Dutch function word) is read letter
  by letter: ``AOW`` 3, ``UWV`` 3, ``GGD`` 3. Acronyms spoken as a word (``NATO``) are over-counted.
- A number without letters (``2025``, ``1.250,00``, ``2.1``) counts as one syllable: helder does not
  spell numbers out, and one syllable keeps a figure from making a sentence look harder than it reads.
- A token without letters or digits (punctuation, ``€``) has 0 syllables; it is not a word either.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

_DIAERESIS = {"ä": "a", "ë": "e", "ï": "i", "ö": "o", "ü": "u", "ÿ": "y"}
_VOWELS = frozenset("aeiouy")
# longest first, so a greedy scan takes "aai" before "aa"
_CLUSTERS = tuple(sorted(
    {"aa", "ee", "oo", "uu", "ie", "oe", "eu", "ei", "ij", "ui", "ou", "au", "ai", "oi", "ay", "ey", "oy",
     "aai", "ooi", "oei", "eeu", "ieu"},
    key=len, reverse=True,
))
_LETTER_RUN = re.compile(r"[^\W\d_]+")

_pyphen_lock = threading.Lock()
_pyphen = None


def _hyphenator():
    """pyphen's Dutch dictionary, created on first use."""
    global _pyphen
    if _pyphen is None:
        with _pyphen_lock:
            if _pyphen is None:
                _pyphen = _load_pyphen()
    return _pyphen


def _load_pyphen():
    """``pyphen.Pyphen(lang="nl_NL")``, its parsed patterns kept in the user's cache.

    Parsing the 16,000 Dutch patterns takes a cold run about 0.2 s; unpickling the parsed dictionary
    about a tenth of that. The file records pyphen's version and the pattern file's size and time, and
    is rebuilt when they change. It lives in helder's own cache folder (see :mod:`helder.cachedir`),
    written by this code only."""
    import pickle

    import pyphen

    from ..cachedir import cache_dir, write_atomic

    path = Path(pyphen.LANGUAGES[pyphen.language_fallback("nl_NL")])
    try:
        st = path.stat()
        stamp = (getattr(pyphen, "VERSION", getattr(pyphen, "__version__", "")), str(path), st.st_size, st.st_mtime_ns)
    except OSError:
        return pyphen.Pyphen(lang="nl_NL")
    cached = cache_dir("pyphen") / f"{path.stem}.pickle"
    import gc

    try:
        with cached.open("rb") as fh:
            enabled = gc.isenabled()
            gc.disable()  # unpickling 16,000 small tuples would start full collections over spaCy's objects
            try:
                have, hd = pickle.load(fh)
            finally:
                if enabled:
                    gc.enable()
        if have == stamp and isinstance(hd, pyphen.HyphDict):
            pyphen.hdcache[path] = hd
    except Exception:  # noqa: BLE001 - missing, damaged or from another version: parse again
        pass
    built = path not in pyphen.hdcache
    hyphenator = pyphen.Pyphen(lang="nl_NL")
    if built:
        try:
            write_atomic(cached, pickle.dumps((stamp, hyphenator.hd), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass
    return hyphenator


def _fold(ch: str) -> tuple[str, bool]:
    """Lower-case letter without accents, and whether it carried a diaeresis."""
    if ch in _DIAERESIS:
        return _DIAERESIS[ch], True
    base = unicodedata.normalize("NFD", ch)[0]
    return base, False


def vowel_nuclei(piece: str) -> int:
    """Number of vowel nuclei in a lower-case piece of a word (see the module docstring)."""
    units: list[tuple[str, bool]] = []  # (vowel or "" for consonant, starts a new nucleus)
    chars = [_fold(c) for c in piece.lower()]
    i = 0
    n = len(chars)
    while i < n:
        ch, diaeresis = chars[i]
        nxt = chars[i + 1][0] if i + 1 < n else ""
        if ch == "i" and nxt == "j":
            units.append(("ij", diaeresis))
            i += 2
            continue
        if ch == "y" and nxt in _VOWELS and not diaeresis:
            units.append(("", False))  # consonant y: yoghurt, royaal
        elif ch == "u" and i > 0 and chars[i - 1][0] == "q":
            units.append(("", False))
        elif ch in _VOWELS:
            units.append((ch, diaeresis))
        else:
            units.append(("", False))
        i += 1

    count = 0
    run = ""
    for vowel, new in units + [("", False)]:
        if vowel and not new and run:
            run += vowel
            continue
        count += _split_run(run)
        run = vowel
    return count


def _split_run(run: str) -> int:
    """Nuclei in one run of vowels (no diaeresis inside): greedy longest cluster first."""
    count = 0
    i = 0
    while i < len(run):
        for cluster in _CLUSTERS:
            if run.startswith(cluster, i):
                i += len(cluster)
                break
        else:
            i += 1
        count += 1
    return count


def _letter_run_syllables(run: str) -> int:
    if 2 <= len(run) <= 5 and run.isupper() and run != "IJ" and not _is_function_word(run.lower()):
        return len(run)  # initialism read letter by letter: AOW, UWV
    lower = run.lower()
    pieces = [lower]
    if len(lower) > 3:
        positions = _hyphenator().positions(lower)
        if positions:
            bounds = [0, *positions, len(lower)]
            pieces = [lower[a:b] for a, b in zip(bounds, bounds[1:])]
    return max(1, sum(vowel_nuclei(p) for p in pieces))


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _is_function_word(word: str) -> bool:
    return word in _function_words()


@lru_cache(maxsize=65536)
def count_syllables(word: str) -> int:
    """Number of syllables in one token's text (Dutch). See the module docstring for the rules.

    >>> count_syllables("ideeën"), count_syllables("over"), count_syllables("verantwoordelijkheid")
    (3, 2, 6)
    """
    runs = _LETTER_RUN.findall(word)
    if not runs:
        return 1 if any(c.isdigit() for c in word) else 0
    return sum(_letter_run_syllables(run) for run in runs)
