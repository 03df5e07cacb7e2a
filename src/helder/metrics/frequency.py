"""Lexical data for LiNT-II: SUBTLEX-NL word frequencies, noun types, manner adverbs, units, coefficients.

The data ships inside the ``lint_ii`` package (EUPL-1.2; Kim & Pander Maat, 2025). helder reads the files
straight from the installed package folder and never imports ``lint_ii`` itself: importing it loads the
spaCy model ``nl_core_news_lg`` at import time, which helder neither needs nor has.

Everything is loaded lazily and once per process (``lexicon()`` is cached); loading takes a few tenths of
a second (about 440,000 word frequencies and 165,000 nouns, read with pyarrow).

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


@lru_cache(maxsize=1)
def _load_lexicon() -> Lexicon:
    import pyarrow.parquet as pq

    folder = data_dir()
    freq = pq.read_table(folder / "subtlex_wordfreq.parquet", columns=["word", "word_count"]).to_pydict()
    frequencies = dict(zip(freq["word"], freq["word_count"]))
    skip = pq.read_table(folder / "subtlex_wordfreq_skiplist.parquet", columns=["word"]).to_pydict()
    nouns = pq.read_table(folder / f"{NOUN_LIST}.parquet", columns=["word", "super_sem_type", "head"]).to_pydict()
    noun_types = {w: t for w, t in zip(nouns["word"], nouns["super_sem_type"]) if t}
    noun_heads = {w: h for w, h in zip(nouns["word"], nouns["head"]) if h}
    adverbs = pq.read_table(folder / f"{MANNER_ADVERBS}.parquet", columns=["adverb"]).to_pydict()
    units = pq.read_table(folder / "measurement_units.parquet", columns=["symbol"]).to_pydict()
    return Lexicon(
        frequencies=frequencies,
        skiplist=frozenset(w for w in skip["word"] if w),
        noun_types=noun_types,
        noun_heads=noun_heads,
        # a few entries carry a trailing space in the data file ("kortheidshalve "); strip them
        manner_adverbs=frozenset(a.strip() for a in adverbs["adverb"] if a),
        measurement_units=frozenset(u for u in units["symbol"] if u),
    )


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
