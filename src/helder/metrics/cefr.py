"""A CEFR estimate (A1-C2) and the probability that a text is at B1 or easier.

The model is a proportional-odds (ordinal logistic) regression on seven figures helder already computes
(the four LiNT-II features, words per sentence, syllables per word, share of long words). It was fitted
by ``training/fit_cefr.py`` on three ordered groups of real Dutch texts; the coefficients and their
provenance are in ``helder/data/cefr_model.json``. See the README ("The CEFR estimate") for the data,
the cross-validated figures and what the estimate can and cannot say.

- ``b1_probability`` = P(group "B1 or easier") = sigmoid(cut_B1 - score).
- ``cefr_estimate``: the band of the latent score. The cuts B1|B2 and B2|C1 are fitted; the outer cuts
  (A1|A2, A2|B1, C1|C2) lie one step (the distance between the two fitted cuts) further out. They are an
  extrapolation: no labelled A1, A2 or C2 text was used to place them.
- Below ``MIN_WORDS`` words, or without LiNT-II figures, there is no estimate (``None``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Mapping

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
#: Fewer words than this: no verdict (a score on a few sentences says little).
MIN_WORDS = 30
#: Figures the model reads, by metric name.
FEATURES = ("lint_word_freq", "lint_max_sdl", "lint_content_words_per_clause", "lint_proportion_concrete",
            "mean_sentence_length", "mean_syllables_per_word", "long_words_share")


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    cuts: tuple[float, float]  # B1|B2, B2|C1 on the latent score

    def score(self, values: Mapping[str, float]) -> float:
        return sum(c * (values[f] - m) / s for f, m, s, c in zip(self.features, self.mean, self.scale, self.coef))

    def all_cuts(self) -> tuple[float, ...]:
        """A1|A2, A2|B1, B1|B2, B2|C1, C1|C2."""
        lo, hi = self.cuts
        step = hi - lo
        return (lo - 2 * step, lo - step, lo, hi, hi + step)


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def model_available() -> bool:
    return resources.files("helder").joinpath("data/cefr_model.json").is_file()


@lru_cache(maxsize=1)
def load_model() -> Model:
    data = json.loads(resources.files("helder").joinpath("data/cefr_model.json").read_text(encoding="utf-8"))
    return model_from_dict(data)


def model_from_dict(data: Mapping) -> Model:
    return Model(features=tuple(data["features"]), mean=tuple(data["mean"]), scale=tuple(data["scale"]),
                 coef=tuple(data["coef"]), cuts=(data["cuts"]["B1|B2"], data["cuts"]["B2|C1"]))


def level_of(score: float, model: Model) -> str:
    return LEVELS[sum(1 for c in model.all_cuts() if score > c)]


def estimate(values: Mapping[str, float | None], model: Model | None = None) -> tuple[str, float] | None:
    """(level, probability of B1 or easier) from metric values by name; None when a figure is missing
    or the text has fewer than ``MIN_WORDS`` words."""
    if (values.get("words") or 0) < MIN_WORDS or any(values.get(f) is None for f in FEATURES):
        return None
    model = model or load_model()
    score = model.score(values)  # type: ignore[arg-type]
    return level_of(score, model), _sigmoid(model.cuts[0] - score)


def rank(level: str) -> int:
    """Position of a CEFR level (A1 = 0); raises ValueError for anything else."""
    return LEVELS.index(level.upper())
