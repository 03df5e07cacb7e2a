"""Readability formulas for Dutch: one pure function per formula, with its source and constants.

The functions take counts (see :mod:`helder.metrics.counts`) and return a number; they raise
``ValueError`` when a denominator is zero, so the caller decides what an empty text shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .frequency import LintCoefficients

#: Silent reading rate helder assumes for Dutch adults reading informative text, in words per minute.
#: Brysbaert (2019), "How many words do we read per minute? A review and meta-analysis of reading rate",
#: Journal of Memory and Language 109, 104047, finds about 238 wpm for adults reading English non-fiction
#: silently, and fewer words per minute in languages with longer words. Dutch writes compounds as one
#: word, so helder rounds down to 200 wpm: a plain, slightly careful figure for a broad audience.
READING_WPM = 200


def _check(words: int, sentences: int) -> None:
    if words <= 0 or sentences <= 0:
        raise ValueError("a readability formula needs at least one word and one sentence")


def flesch_douma(words: int, sentences: int, syllables: int) -> float:
    """Flesch reading ease for Dutch (Douma, 1960). Higher is easier.

    ``206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)``

    W. H. Douma (1960), *De leesbaarheid van landbouwbladen*, Wageningen: the Flesch (1948) formula with
    its sentence-length and word-length weights adapted to Dutch (0.93 and 77 instead of 1.015 and
    84.6). Clamped to 0-100, the published scale (the bands run from 0-30 "very difficult" to
    90-100 "very easy"): a text of very short sentences and short words would otherwise score above
    100 (126 for "Dit is een zin."), a text of very long sentences below 0.
    """
    _check(words, sentences)
    raw = 206.835 - 0.93 * (words / sentences) - 77.0 * (syllables / words)
    return min(100.0, max(0.0, raw))


def leesindex_brouwer(words: int, sentences: int, syllables: int) -> float:
    """Leesindex A (Brouwer, 1963). Higher is easier.

    ``195 - 2 * (words / sentences) - 67 * (syllables / words)``

    R. H. M. Brouwer (1963), "Onderzoek naar de leesmoeilijkheid van Nederlands proza",
    *Pedagogische Studiën* 40: Flesch re-estimated on Dutch children's books. Not clamped.
    """
    _check(words, sentences)
    return 195.0 - 2.0 * (words / sentences) - 67.0 * (syllables / words)


def lix(words: int, sentences: int, long_words: int) -> float:
    """LIX, läsbarhetsindex (Björnsson, 1968). Lower is easier.

    ``words / sentences + 100 * long_words / words``, where a long word has more than 6 letters.

    C. H. Björnsson (1968), *Läsbarhet*, Stockholm: Liber. Language-independent.
    Bands: < 30 very easy, 30-40 easy, 40-50 medium, 50-60 difficult, > 60 very difficult.
    """
    _check(words, sentences)
    return words / sentences + 100.0 * long_words / words


def lint_ii(word_freq: float, max_sdl: float, cwc: float, pcn: float,
            coefficients: "LintCoefficients | None" = None) -> float:
    """LiNT-II score (Kim & Pander Maat, 2025), 0-100; higher is harder.

    ``100 - (const + b_F * F + b_SDL * SDL + b_CWC * CWC + b_PCN * PCN)``, clamped to 0-100, with
    F the mean log10 SUBTLEX-NL frequency of content words, SDL the (mean) largest dependency length,
    CWC the (mean) number of content words per clause and PCN the proportion of concrete nouns.

    The coefficients are read from ``lint_ii``'s ``coefficients.json`` for spaCy ``nl_core_news_lg``
    3.7.0 with noun list 20260420: const -4.302, F 17.314, SDL -1.624, CWC -2.542, PCN 15.952
    (fitted on cloze scores of 120 texts, about 2,700 pupils; adjusted R² 0.738).
    With another spaCy pipeline the features, and so the score, are an approximation.
    """
    if coefficients is None:
        from .frequency import lint_coefficients

        coefficients = lint_coefficients()
    raw = (
        coefficients.const
        + coefficients.word_freq * word_freq
        + coefficients.max_sdl * max_sdl
        + coefficients.content_words_per_clause * cwc
        + coefficients.proportion_concrete * pcn
    )
    return min(100.0, max(0.0, 100.0 - raw))


#: Share (percent) of Dutch adults who have difficulty with a text of each LiNT-II level.
LINT_LEVEL_DIFFICULTY = {1: 14, 2: 29, 3: 53, 4: 78}


def lint_level(score: float) -> int:
    """LiNT-II level 1-4 from the score: [0, 34) 1, [34, 46) 2, [46, 58) 3, [58, 100] 4."""
    if score < 34:
        return 1
    if score < 46:
        return 2
    if score < 58:
        return 3
    return 4


def reading_time(words: int, wpm: float = READING_WPM) -> float:
    """Reading time in minutes: ``words / wpm``, with 200 words per minute by default (see READING_WPM)."""
    if wpm <= 0:
        raise ValueError("wpm must be positive")
    return max(0, words) / wpm


# ── bands, in Dutch, for the interpretation line ─────────────────────────────────────────────

_DOUMA_BANDS = (  # lower bound, label; commonly cited Flesch bands, also used for Douma
    (90, "heel makkelijk"),
    (80, "makkelijk"),
    (70, "redelijk makkelijk"),
    (60, "normaal"),
    (50, "redelijk moeilijk"),
    (30, "moeilijk"),
)


def douma_band(score: float) -> str:
    """Dutch label for a Flesch-Douma score: 0-30 heel moeilijk ... 90-100 heel makkelijk."""
    for bound, label in _DOUMA_BANDS:
        if score >= bound:
            return label
    return "heel moeilijk"


def lix_band(score: float) -> str:
    """Dutch label for a LIX score: < 30 heel makkelijk, 30-40 makkelijk, 40-50 gemiddeld, 50-60 moeilijk, > 60 heel moeilijk."""
    if score < 30:
        return "heel makkelijk"
    if score < 40:
        return "makkelijk"
    if score < 50:
        return "gemiddeld"
    if score < 60:
        return "moeilijk"
    return "heel moeilijk"
