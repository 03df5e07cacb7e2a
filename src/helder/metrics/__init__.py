"""Readability figures for a Dutch text, computed once from its spaCy Doc.

Call :func:`compute` with the parsed Doc. It returns a :class:`MetricsResult` with document figures
(``helder.types.Metric``, keyed by the stable names below) and one :class:`SentenceFigures` per sentence.
Nothing is re-parsed; the word lists load once per process, on first use.

Metric names (stable; other parts of helder and the JSON output rely on them)
-------------------------------------------------------------------------------
- ``sentences``: sentences with at least one word (int)
- ``words``: words, i.e. tokens with a letter or digit; numbers count (int)
- ``syllables``: syllables in all words (int)
- ``letters``: letters in all words (int)
- ``mean_sentence_length``: words per sentence
- ``mean_syllables_per_word``: syllables per word
- ``long_words_share``: share (0-1) of words with more than 6 letters, as in LIX
- ``flesch_douma``: Flesch-Douma reading ease (Douma, 1960); higher is easier
- ``leesindex_brouwer``: Leesindex A (Brouwer, 1963); higher is easier
- ``lix``: LIX (Björnsson, 1968); lower is easier
- ``lint_score``: LiNT-II score 0-100 (Kim & Pander Maat, 2025); higher is harder
- ``lint_level``: LiNT-II level 1-4 (int)
- ``lint_word_freq``: LiNT-II feature, mean log10 SUBTLEX-NL frequency of the content words
- ``lint_max_sdl``: LiNT-II feature, mean over sentences of the longest dependency length
- ``lint_content_words_per_clause``: LiNT-II feature, mean content words per clause
- ``lint_proportion_concrete``: LiNT-II feature, share (0-1) of concrete nouns
- ``reading_time_minutes``: reading time at 200 words per minute (Brysbaert, 2019)
- ``cefr_estimate``: estimated CEFR level, "A1" .. "C2" (str), from the figures above
  (:mod:`helder.metrics.cefr`); None below 30 words or without LiNT-II figures
- ``b1_probability``: estimated probability (0-1) that the text is at B1 or easier; None likewise

Each sentence's ``features`` has the keys ``word_freq``, ``max_sdl``, ``content_words_per_clause`` and
``proportion_concrete`` (the same four features for that sentence alone).

A value is ``None`` when it cannot be computed: ratios and formulas for a text without words, and every
``lint_*`` figure when the pipeline has no tagger and parser (``parsed=False``) — helder never guesses
them. The ``interpretation`` then says why, in Dutch.

The counting choices are in :mod:`helder.metrics.counts` and :mod:`helder.metrics.syllables`; the
formulas with their constants in :mod:`helder.metrics.formulas`; LiNT-II in :mod:`helder.metrics.lint`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

from ..types import Metric
from . import formulas
from .counts import SentenceCounts, count_sentences
from .syllables import count_syllables

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "METRIC_NAMES",
    "LINT_FEATURES",
    "MetricsResult",
    "SentenceFigures",
    "compute",
    "count_syllables",
    "formulas",
]

METRIC_NAMES = (
    "sentences", "words", "syllables", "letters", "mean_sentence_length", "mean_syllables_per_word",
    "long_words_share", "flesch_douma", "leesindex_brouwer", "lix", "lint_score", "lint_level",
    "lint_word_freq", "lint_max_sdl", "lint_content_words_per_clause", "lint_proportion_concrete",
    "reading_time_minutes", "cefr_estimate", "b1_probability",
)
#: Keys of ``SentenceFigures.features``.
LINT_FEATURES = ("word_freq", "max_sdl", "content_words_per_clause", "proportion_concrete")


@dataclass(frozen=True)
class SentenceFigures:
    """Figures for one sentence. ``start``/``end`` are character offsets into ``doc.text``."""

    index: int
    text: str
    start: int
    end: int
    words: int
    syllables: int
    lint_score: float | None
    lint_level: int | None
    features: Mapping[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class MetricsResult:
    metrics: dict[str, Metric]
    sentences: list[SentenceFigures]


# ── labels and references ────────────────────────────────────────────────────────────────────

_LINT_REF = ("Kim & Pander Maat (2025), LiNT-II; coëfficiënten voor spaCy nl_core_news_lg 3.7.0 en "
             "naamwoordenlijst 20260420. Met een ander taalmodel is de score een benadering.")

_CEFR_REF = ("helder, training/fit_cefr.py: ordinale regressie op LiNT-II-kenmerken en zins- en woordlengte, "
             "geschat op B1-herschrijvingen, originele teksten en circulaires. Een schatting, geen oordeel "
             "van lezers.")

_LABELS = {
    "sentences": ("Zinnen", ""),
    "words": ("Woorden", ""),
    "syllables": ("Lettergrepen", "pyphen nl_NL met klinkertelling"),
    "letters": ("Letters", ""),
    "mean_sentence_length": ("Gemiddelde zinslengte (woorden per zin)", ""),
    "mean_syllables_per_word": ("Lettergrepen per woord", ""),
    "long_words_share": ("Lange woorden (meer dan 6 letters)", "Björnsson (1968)"),
    "flesch_douma": ("Leesgemak (Flesch-Douma)", "Douma (1960)"),
    "leesindex_brouwer": ("Leesindex (Brouwer)", "Brouwer (1963)"),
    "lix": ("LIX", "Björnsson (1968)"),
    "lint_score": ("LiNT-II-score", _LINT_REF),
    "lint_level": ("LiNT-II-niveau", _LINT_REF),
    "lint_word_freq": ("Woordfrequentie (LiNT-II)", "SUBTLEX-NL (Keuleers e.a., 2010), via " + _LINT_REF),
    "lint_max_sdl": ("Grootste afstand tussen verbonden woorden (LiNT-II)", _LINT_REF),
    "lint_content_words_per_clause": ("Inhoudswoorden per deelzin (LiNT-II)", _LINT_REF),
    "lint_proportion_concrete": ("Aandeel concrete zelfstandige naamwoorden (LiNT-II)", _LINT_REF),
    "reading_time_minutes": ("Leestijd (minuten)", f"Brysbaert (2019); {formulas.READING_WPM} woorden per minuut"),
    "cefr_estimate": ("Geschat taalniveau (ERK)", _CEFR_REF),
    "b1_probability": ("Kans op B1 of makkelijker", _CEFR_REF),
}

_NO_TEXT = "Niet te berekenen: de tekst heeft geen woorden."
_NO_PARSE = ("Niet beschikbaar: hiervoor is een taalmodel nodig dat zinnen ontleedt. "
             "Dat taalmodel is niet geladen.")
_NO_LEXICON = "Niet beschikbaar: de woordenlijsten van LiNT-II (pakket lint_ii) zijn niet geïnstalleerd."
_NO_FEATURE = "Niet te berekenen voor deze tekst."


def _metric(name: str, value, interpretation: str = "") -> Metric:
    label, reference = _LABELS[name]
    return Metric(name=name, value=value, label=label, reference=reference, interpretation=interpretation)


def _fmt(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _basic_metrics(counts: list[SentenceCounts]) -> dict[str, Metric]:
    n_sent = len(counts)
    words = sum(c.words for c in counts)
    syllables = sum(c.syllables for c in counts)
    letters = sum(c.letters for c in counts)
    long_words = sum(c.long_words for c in counts)
    m: dict[str, Metric] = {
        "sentences": _metric("sentences", n_sent),
        "words": _metric("words", words),
        "syllables": _metric("syllables", syllables),
        "letters": _metric("letters", letters),
    }
    if words == 0:
        for name in ("mean_sentence_length", "mean_syllables_per_word", "long_words_share",
                     "flesch_douma", "leesindex_brouwer", "lix"):
            m[name] = _metric(name, None, _NO_TEXT)
        m["reading_time_minutes"] = _metric("reading_time_minutes", 0.0, "Geen tekst om te lezen.")
        return m

    msl = words / n_sent
    spw = syllables / words
    share = long_words / words
    douma = formulas.flesch_douma(words, n_sent, syllables)
    brouwer = formulas.leesindex_brouwer(words, n_sent, syllables)
    lix = formulas.lix(words, n_sent, long_words)
    minutes = formulas.reading_time(words)
    m["mean_sentence_length"] = _metric(
        "mean_sentence_length", msl, f"Een zin heeft gemiddeld {_fmt(msl)} woorden.")
    m["mean_syllables_per_word"] = _metric(
        "mean_syllables_per_word", spw, f"Een woord heeft gemiddeld {_fmt(spw, 2)} lettergrepen.")
    m["long_words_share"] = _metric(
        "long_words_share", share, f"{_fmt(100 * share, 0)} % van de woorden heeft meer dan 6 letters.")
    m["flesch_douma"] = _metric(
        "flesch_douma", douma, f"{formulas.douma_band(douma).capitalize()} om te lezen (hoger is makkelijker).")
    m["leesindex_brouwer"] = _metric(
        "leesindex_brouwer", brouwer,
        "Hoe hoger, hoe makkelijker. Voor deze score zijn geen vaste grenzen afgesproken.")
    m["lix"] = _metric("lix", lix, f"{formulas.lix_band(lix).capitalize()} om te lezen (lager is makkelijker).")
    if minutes < 1:
        reading = "Minder dan 1 minuut lezen."
    else:
        reading = f"Ongeveer {round(minutes)} {'minuut' if round(minutes) == 1 else 'minuten'} lezen."
    m["reading_time_minutes"] = _metric("reading_time_minutes", minutes, reading)
    return m


_LINT_NAMES = ("lint_score", "lint_level", "lint_word_freq", "lint_max_sdl",
               "lint_content_words_per_clause", "lint_proportion_concrete")


def _lint_unavailable(reason: str) -> dict[str, Metric]:
    return {name: _metric(name, None, reason) for name in _LINT_NAMES}


def _lint_metrics(doc_lint) -> dict[str, Metric]:
    m: dict[str, Metric] = {}
    if doc_lint.score is None:
        m["lint_score"] = _metric("lint_score", None, _NO_FEATURE + " Er zijn te weinig zinnen met een "
                                  "werkwoord en zelfstandige naamwoorden.")
        m["lint_level"] = _metric("lint_level", None, _NO_FEATURE)
    else:
        level = doc_lint.level
        share = formulas.LINT_LEVEL_DIFFICULTY[level]
        m["lint_score"] = _metric("lint_score", doc_lint.score,
                                  f"Niveau {level} van 4 (hoger is moeilijker).")
        m["lint_level"] = _metric("lint_level", level,
                                  f"Niveau {level}: ongeveer {share} % van de volwassenen in Nederland "
                                  "heeft moeite met zo'n tekst.")
    f = doc_lint.word_freq
    m["lint_word_freq"] = _metric(
        "lint_word_freq", f,
        _NO_FEATURE if f is None else "Hoe vaak de inhoudswoorden voorkomen. Hoger betekent: bekendere woorden.")
    sdl = doc_lint.max_sdl
    m["lint_max_sdl"] = _metric(
        "lint_max_sdl", sdl,
        _NO_FEATURE if sdl is None else f"In een zin staan woorden die bij elkaar horen gemiddeld hoogstens "
        f"{_fmt(sdl)} woorden uit elkaar. Lager is makkelijker.")
    cwc = doc_lint.content_words_per_clause
    m["lint_content_words_per_clause"] = _metric(
        "lint_content_words_per_clause", cwc,
        _NO_FEATURE if cwc is None else f"Een deelzin heeft gemiddeld {_fmt(cwc)} inhoudswoorden. "
        "Lager is makkelijker.")
    pcn = doc_lint.proportion_concrete
    m["lint_proportion_concrete"] = _metric(
        "lint_proportion_concrete", pcn,
        _NO_FEATURE if pcn is None else f"{_fmt(100 * pcn, 0)} % van de zelfstandige naamwoorden is concreet "
        "(iets wat je kunt zien of aanraken). Hoger is makkelijker.")
    return m


def _cefr_metrics(metrics: dict[str, Metric]) -> dict[str, Metric]:
    from . import cefr

    values = {name: m.value for name, m in metrics.items()}
    if (values.get("words") or 0) < cefr.MIN_WORDS:
        why = (f"Geen schatting: de tekst heeft minder dan {cefr.MIN_WORDS} woorden, en over zo weinig woorden "
               "zegt een formule te weinig.")
    elif any(values.get(f) is None for f in cefr.FEATURES):
        why = "Geen schatting: hiervoor zijn de LiNT-II-cijfers nodig, en die ontbreken."
    elif not cefr.model_available():
        why = "Geen schatting: het bestand met het model (helder/data/cefr_model.json) ontbreekt."
    else:
        level, p = cefr.estimate(values)  # type: ignore[misc]
        return {
            "cefr_estimate": _metric("cefr_estimate", level, f"Waarschijnlijk niveau {level}. Een formule "
                                     "schat dit; of lezers de tekst begrijpen, merkt u pas als zij hem lezen."),
            "b1_probability": _metric("b1_probability", p, f"De kans dat de tekst B1 of makkelijker is: "
                                      f"{_fmt(100 * p, 0)} %."),
        }
    return {"cefr_estimate": _metric("cefr_estimate", None, why), "b1_probability": _metric("b1_probability", None, why)}


def compute(doc: "Doc", *, parsed: bool) -> MetricsResult:
    """All readability figures of ``doc``, per document and per sentence.

    ``parsed``: the pipeline tagged and parsed the Doc. When False (blank pipeline), every LiNT-II
    figure is None. A Doc without dependency annotation is treated as unparsed as well.
    """
    counts = count_sentences(doc)
    metrics = _basic_metrics(counts)

    sentence_lint = None
    if not parsed or not doc.has_annotation("DEP") or not (doc.has_annotation("POS") or doc.has_annotation("TAG")):
        metrics.update(_lint_unavailable(_NO_PARSE))
    else:
        from . import frequency

        if not frequency.available():
            metrics.update(_lint_unavailable(_NO_LEXICON))
        else:
            from . import lint

            sentence_lint, doc_lint = lint.analyze(doc, (c.span for c in counts))
            metrics.update(_lint_metrics(doc_lint))

    empty_features = {name: None for name in LINT_FEATURES}
    text = doc.text  # built on every access: take it once
    sentences: list[SentenceFigures] = []
    for i, c in enumerate(counts):
        sl = sentence_lint[i] if sentence_lint is not None else None
        sentences.append(SentenceFigures(
            index=i,
            text=text[c.start:c.end],
            start=c.start,
            end=c.end,
            words=c.words,
            syllables=c.syllables,
            lint_score=sl.score if sl else None,
            lint_level=sl.level if sl else None,
            features=sl.features() if sl else dict(empty_features),
        ))
    metrics.update(_cefr_metrics(metrics))
    ordered = {name: metrics[name] for name in METRIC_NAMES}
    return MetricsResult(metrics=ordered, sentences=sentences)
