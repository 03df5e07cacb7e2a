"""Lexical data for LiNT-II: SUBTLEX-NL word frequencies, noun types, manner adverbs, units, coefficients.

The data ships inside the ``lint_ii`` package (EUPL-1.2; Kim & Pander Maat, 2025). helder reads the files
straight from the installed package folder and never imports ``lint_ii`` itself: importing it loads the
spaCy model ``nl_core_news_lg`` at import time, which helder neither needs nor has.

Everything is loaded lazily and once per process (``lexicon()`` is cached). The first run reads the
parquet files with pyarrow (about 440,000 word frequencies and 165,000 nouns, over a second) and writes
them as one compact, memory-mapped file into the user's cache (:mod:`helder.metrics.lexicon_store`,
with the data's provenance); later runs map that file in a few hundredths of a second.

Files used (in ``lint_ii/linguistic_data/data/``):

- ``subtlex_wordfreq.parquet``: word -> log10 frequency per billion words in SUBTLEX-NL
  (column ``word_count`` despite its name; e.g. ``ik`` 7.60).
- ``subtlex_wordfreq_skiplist.parquet``: words whose SUBTLEX frequency is unreliable (mostly separable
  verbs, whose particle is split off in subtitles); LiNT-II leaves them out of the mean frequency.
- ``nouns_sem_types_<version>.parquet``: noun -> semantic type (concrete / abstract / undefined) and,
  for compounds, the head word (``bezwaarschrift`` -> ``schrift``).
- ``manner_adverbs_<version>.parquet``: adverbs of manner that count as content words.
- ``measurement_units.parquet``: unit symbols (``km``, ``kg``) that count as concrete nouns.
- ``coefficients.json``: the regression coefficients, per spaCy model version and noun list version.
"""

from __future__ import annotations

import importlib.util
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

#: The coefficient set helder uses: fitted with spaCy ``nl_core_news_lg`` 3.7.0 and noun list 20260420.
COEFFICIENT_MODEL = "core_news_lg"
COEFFICIENT_MODEL_VERSION = "3.7.0"
NOUN_LIST = "nouns_sem_types_20260420"
MANNER_ADVERBS = "manner_adverbs_20251017"

#: log10(1 / total SUBTLEX-NL count * 1e9): the frequency LiNT-II gives a content word SUBTLEX lacks.
ZERO_COUNT_FREQUENCY = 1.359228547196266


class LexiconUnavailable(RuntimeError):
    """The ``lint_ii`` package (and so its lexical data) is not installed."""


@dataclass(frozen=True)
class LintCoefficients:
    """Regression weights of LiNT-II (raw = const + f*F + sdl*SDL + cwc*CWC + pcn*PCN)."""

    const: float
    word_freq: float
    max_sdl: float
    content_words_per_clause: float
    proportion_concrete: float
    model: str = ""  # e.g. "core_news_lg 3.7.0 + nouns_sem_types_20260420"


@dataclass(frozen=True)
class Lexicon:
    """The LiNT-II word lists, as plain Python lookups."""

    frequencies: Mapping[str, float]  # lower-cased word -> log10 frequency per billion words
    skiplist: frozenset[str]
    noun_types: Mapping[str, str]  # lower-cased noun -> "concrete" | "abstract" | "undefined"
    noun_heads: Mapping[str, str]  # lower-cased compound noun -> its head word
    manner_adverbs: frozenset[str]
    measurement_units: frozenset[str]


def data_dir() -> Path:
    """The folder with LiNT-II's data files inside the installed ``lint_ii`` package (not imported)."""
    spec = importlib.util.find_spec("lint_ii")  # top-level spec: finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise LexiconUnavailable("the lint_ii package is not installed; LiNT-II figures are unavailable")
    for location in spec.submodule_search_locations:
        path = Path(location) / "linguistic_data" / "data"
        if path.is_dir():
            return path
    raise LexiconUnavailable("the lint_ii package has no linguistic_data/data folder")


_lock = threading.Lock()


def source_files(folder: Path) -> list[Path]:
    """The parquet files the lexicon is made of, in a fixed order."""
    names = ("subtlex_wordfreq", "subtlex_wordfreq_skiplist", NOUN_LIST, MANNER_ADVERBS, "measurement_units")
    return [folder / f"{name}.parquet" for name in names]


def _read_parquet(files: list[Path]) -> tuple[dict, dict, dict, dict]:
    """(frequencies, noun_types, noun_heads, small lists) straight from ``lint_ii``'s parquet files."""
    import pyarrow.parquet as pq

    freq_file, skip_file, noun_file, adverb_file, unit_file = files
    freq = pq.read_table(freq_file, columns=["word", "word_count"]).to_pydict()
    # one row has no word (None): no token can look it up, so it is left out
    frequencies = {w: f for w, f in zip(freq["word"], freq["word_count"]) if isinstance(w, str)}
    skip = pq.read_table(skip_file, columns=["word"]).to_pydict()
    nouns = pq.read_table(noun_file, columns=["word", "super_sem_type", "head"]).to_pydict()
    noun_types = {w: t for w, t in zip(nouns["word"], nouns["super_sem_type"]) if t}
    noun_heads = {w: h for w, h in zip(nouns["word"], nouns["head"]) if h}
    adverbs = pq.read_table(adverb_file, columns=["adverb"]).to_pydict()
    units = pq.read_table(unit_file, columns=["symbol"]).to_pydict()
    small = {
        "skiplist": sorted(w for w in skip["word"] if w),
        # a few entries carry a trailing space in the data file ("kortheidshalve "); strip them
        "manner_adverbs": sorted({a.strip() for a in adverbs["adverb"] if a}),
        "measurement_units": sorted(u for u in units["symbol"] if u),
    }
    return frequencies, noun_types, noun_heads, small


def _lexicon_of(frequencies: Mapping, noun_types: Mapping, noun_heads: Mapping, small: dict) -> Lexicon:
    return Lexicon(frequencies=frequencies, skiplist=frozenset(small["skiplist"]), noun_types=noun_types,
                   noun_heads=noun_heads, manner_adverbs=frozenset(small["manner_adverbs"]),
                   measurement_units=frozenset(small["measurement_units"]))


def store_path() -> Path:
    """Where the compact lexicon file lives (see :mod:`helder.metrics.lexicon_store`)."""
    from . import lexicon_store

    return lexicon_store.cache_dir() / f"lexicon-{NOUN_LIST}.bin"


@lru_cache(maxsize=1)
def _load_lexicon() -> Lexicon:
    """The lexicon from the compact file in the cache; built there first when missing or out of date."""
    from . import lexicon_store as store

    files = source_files(data_dir())
    stamp = store.source_stamp(files)
    path = store_path()
    try:
        header, table = store.open_store(path, stamp)
    except store.StoreMismatch:
        frequencies, noun_types, noun_heads, small = _read_parquet(files)
        try:
            store.write_atomic(path, store.build_bytes(frequencies, noun_types, noun_heads, small, stamp, files))
            header, table = store.open_store(path, stamp)
        except (OSError, store.StoreMismatch):  # no writable cache: keep the lists in memory
            return _lexicon_of(frequencies, noun_types, noun_heads, small)
    return _lexicon_of(*store.maps(table), header["small"])


def lexicon() -> Lexicon:
    """The LiNT-II word lists, loaded on first use (thread-safe, once per process)."""
    with _lock:
        return _load_lexicon()


@lru_cache(maxsize=1)
def lint_coefficients() -> LintCoefficients:
    """LiNT-II coefficients for ``nl_core_news_lg`` 3.7.0 with noun list 20260420, read from the JSON.

    Values at the time of writing: const -4.302, F 17.314, SDL -1.624, CWC -2.542, PCN 15.952
    (Kim & Pander Maat, 2025; adjusted R² 0.738 on 120 texts).
    """
    entries = json.loads((data_dir() / "coefficients.json").read_text(encoding="utf-8"))
    for entry in entries:
        if (
            entry.get("model_name") == COEFFICIENT_MODEL
            and entry.get("model_version") == COEFFICIENT_MODEL_VERSION
            and entry.get("noun_list") == NOUN_LIST
        ):
            c = {key: value["coef"] for key, value in entry["coefficients"].items()}
            return LintCoefficients(
                const=c["const"],
                word_freq=c["mean_log_word_freq"],
                max_sdl=c["mean_max_sdl"],
                content_words_per_clause=c["mean_content_words"],
                proportion_concrete=c["proportion_concrete"],
                model=f"{COEFFICIENT_MODEL} {COEFFICIENT_MODEL_VERSION} + {NOUN_LIST}",
            )
    raise LexiconUnavailable(
        f"coefficients.json has no entry for {COEFFICIENT_MODEL} {COEFFICIENT_MODEL_VERSION} + {NOUN_LIST}"
    )


def available() -> bool:
    """True when LiNT-II's data can be loaded."""
    try:
        data_dir()
    except LexiconUnavailable:
        return False
    return True


def subtlex_frequency(word: str) -> float | None:
    """Log10 frequency per billion words of ``word`` in SUBTLEX-NL (lower-cased), or None if absent.

    A plain lookup, for rules that want to flag rare words; LiNT-II's own lookup (with compound heads,
    skip list and a floor for unknown words) is in :mod:`helder.metrics.lint`.
    """
    return lexicon().frequencies.get(word.lower())
