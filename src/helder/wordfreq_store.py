"""``wordfreq``'s Dutch Zipf frequencies from a compact file in the user's cache.

Importing ``wordfreq`` and reading its Dutch list into a dict costs a cold ``helder check`` about a
quarter of a second. The first run computes, for every word on wordfreq's ``large_nl`` list made only
of (Latin-1) letters, the value ``wordfreq.zipf_frequency(word, "nl")`` gives, with wordfreq's own
formula for a one-token word, and stores the values in the memory-mapped format of
:mod:`helder.metrics.lexicon_store` (provenance: wordfreq's version and data file). Later runs map that
file. A word of letters is one token for wordfreq (it lower-cases it; nothing else changes), so its
Zipf value is the stored one, or wordfreq's value for an unknown word. Any other word (digits,
hyphens, apostrophes, other scripts) goes to ``wordfreq`` itself, imported only then.
"""

from __future__ import annotations

import math
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Callable

_LETTERS = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00de\u00e0-\u00f6\u00f8-\u00ff]+")
_lock = threading.Lock()


def data_file() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "data" / "large_nl.msgpack.gz"
        if path.is_file():
            return path
    return None


def store_path() -> Path:
    from .cachedir import cache_dir

    return cache_dir("wordfreq") / "zipf-nl.bin"


def _one_token_zipf(freq: float, freq_min: float) -> float:
    """``wordfreq.zipf_frequency`` of a word that is one token with frequency ``freq`` (its code path)."""
    from wordfreq import freq_to_zipf

    one_over_result = 0.0
    one_over_result += 1.0 / freq
    freq = 1.0 / one_over_result
    unrounded = max(freq, freq_min)
    if unrounded == 0.0:
        rounded = 0.0
    else:
        leading_zeroes = math.floor(-math.log(unrounded, 10))
        rounded = round(unrounded, leading_zeroes + 3)
    return round(freq_to_zipf(rounded), 2)


def build(path: Path, stamp: dict, files: list[Path]) -> None:
    from wordfreq import get_frequency_dict, zipf_frequency, zipf_to_freq

    from .metrics import lexicon_store as store

    freq_min = zipf_to_freq(0.0)
    values = {w: _one_token_zipf(f, freq_min) for w, f in get_frequency_dict("nl", "large").items()
              if _LETTERS.fullmatch(w)}
    missing = zipf_frequency("qxqxqxqxqxq", "nl")
    store.write_atomic(path, store.build_bytes(values, {}, {}, {"missing": missing}, stamp, files))


def _wordfreq(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "nl")


@lru_cache(maxsize=1)
def _lookup() -> Callable[[str], float]:
    """A function word -> Zipf value: the mapped file for words of letters, wordfreq for the rest."""
    from .metrics import lexicon_store as store

    source = data_file()
    if source is None:
        return _wordfreq
    stamp = store.source_stamp([source], package="wordfreq")
    path = store_path()
    try:
        header, table = store.open_store(path, stamp)
    except store.StoreMismatch:
        try:
            build(path, stamp, [source])
            header, table = store.open_store(path, stamp)
        except (OSError, store.StoreMismatch):
            return _wordfreq
    values = store.maps(table)[0]
    missing = header["small"]["missing"]
    fullmatch = _LETTERS.fullmatch

    def zipf(word: str) -> float:
        if fullmatch(word):
            return values.get(word.lower(), missing)
        return _wordfreq(word)

    return zipf


def zipf_function() -> Callable[[str], float]:
    """The function behind :func:`zipf_nl`, for callers that look up many words in a row (no lock per word)."""
    with _lock:
        return _lookup()


def zipf_nl(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "nl")``, read from the cache file when possible."""
    with _lock:
        lookup = _lookup()
    return lookup(word)
