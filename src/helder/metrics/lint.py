"""LiNT-II's four features, computed from a parsed spaCy Doc (helder's own implementation).

LiNT-II (Kim & Pander Maat, 2025; after LiNT, Pander Maat, Kleijn & Frissen, 2023) predicts how hard a
Dutch text is from four features. The definitions below follow the reference package ``lint_ii``
(0.1.3) so that the published coefficients apply; the lexical data is that package's
(see :mod:`helder.metrics.frequency`).

Per token
---------
- **Content word**: UPOS NOUN, PROPN, VERB or ADJ, or the word is on the manner-adverb list
  (``kortweg``, ``hardop``); but never a numeral (XPOS ``TW``, e.g. ``eerste`` tagged ADJ) and never a
  copula (dependency ``cop``). Auxiliaries (UPOS AUX) are not content words.
- **Word frequency** (content words except proper nouns): log10 frequency per billion words in
  SUBTLEX-NL of the lower-cased word. A compound noun on the noun list is looked up by its head
  (``bezwaarschrift`` -> ``schrift``). A word missing from SUBTLEX gets 1.359 (a count of zero).
  Words on the skip list (by form or lemma; mostly separable verbs) get no frequency.
- **Noun type** (NOUN and PROPN): concrete, abstract or undefined from the noun list, looked up by
  form, then by lemma; failing that, a named entity PERSON or GPE is concrete and ORG abstract;
  otherwise the noun is unknown and left out. A token tagged ``SPEC`` (e.g. ``km``) that is on the list
  of measurement units counts as a concrete noun.
- **Finite verb** (one per clause; :func:`helder.textunits.is_finite_verb`): XPOS contains ``WW|pv`` (Lassy/CGN: werkwoord, persoonsvorm); when
  the pipeline has no XPOS, UD morphology ``VerbForm=Fin``.
- **Dependency length**: the number of words strictly between a token and its head; punctuation (and
  whitespace) does not count and has length 0. For a conjunct the head is taken from the first
  conjunct of its chain (spaCy attaches the second conjunct to the first). A subject (``nsubj``) whose
  head verb has conjuncts depends on each of them; the longest distance counts.

Per sentence
------------
- ``word_freq``: mean frequency of its content words (None if none have one).
- ``max_sdl``: the largest dependency length (None if the sentence has fewer than two non-punctuation
  tokens).
- ``content_words_per_clause``: content words / finite verbs (None without a finite verb).
- ``proportion_concrete``: concrete / (concrete + abstract + undefined) nouns (None without such nouns).
- score and level: the formula on these four, if none is None.

Per document (as ``lint_ii`` aggregates)
-----------------------------------------
- ``word_freq``: mean over all content-word frequencies in the text (pooled, not per sentence);
- ``max_sdl`` and ``content_words_per_clause``: mean of the sentence values that are not None;
- ``proportion_concrete``: pooled over all nouns of the text.

Differences from ``lint_ii``: whitespace tokens (line breaks in a Markdown or HTML text) are treated like
punctuation; manner adverbs with a stray trailing space in the data file are matched. helder's pipeline
has no named-entity recogniser, so names that are not on the noun list stay unknown.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from ..textunits import is_finite_verb  # noqa: F401 - the clause of the figures, re-exported
from . import formulas
from .frequency import ZERO_COUNT_FREQUENCY, Lexicon, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
CONCRETE, ABSTRACT, UNDEFINED, UNKNOWN = "concrete", "abstract", "undefined", "unknown"
FEATURE_NAMES = ("word_freq", "max_sdl", "content_words_per_clause", "proportion_concrete")


# ── token level ──────────────────────────────────────────────────────────────────────────────

def is_numeral(token: "Token") -> bool:
    if token.tag_:
        return "TW" in token.tag_
    return token.pos_ == "NUM" or bool(token.morph.get("NumType"))


def is_content_word(token: "Token", lex: Lexicon | None = None) -> bool:
    """NOUN, PROPN, VERB, ADJ or a manner adverb; not a numeral, not a copula."""
    if is_numeral(token) or token.dep_ == "cop":
        return False
    if token.pos_ in CONTENT_POS:
        return True
    return token.lower_ in (lex or lexicon()).manner_adverbs


def is_lexical_word(token: "Token") -> bool:
    """False for tokens that are no dictionary words whatever their tag: web and e-mail addresses,
    codes and numbers with digits (``PV-2025-0412``, ``(0123)``), and names with a capital inside
    (``DigiD``, ``WhatsApp``) that the tagger did not mark PROPN. helder's deviation from lint_ii:
    our smaller pipeline has no named-entity recogniser, and such tokens would otherwise count as
    the rarest words of the sentence."""
    text = token.text
    if token.like_url or token.like_email or any(c.isdigit() for c in text):
        return False
    return not any(c.isupper() for c in text[1:])


def word_frequency(token: "Token", lex: Lexicon | None = None) -> float | None:
    """SUBTLEX-NL log frequency of a content word that is not a proper noun, as LiNT-II counts it."""
    lex = lex or lexicon()
    if token.pos_ == "PROPN" or not is_content_word(token, lex) or not is_lexical_word(token):
        return None
    form = token.lower_
    if form in lex.skiplist or token.lemma_.lower() in lex.skiplist:
        return None
    if token.pos_ in NOUN_POS:
        form = lex.noun_heads.get(form, form)
    return lex.frequencies.get(form, ZERO_COUNT_FREQUENCY)


def noun_type(token: "Token", lex: Lexicon | None = None) -> str | None:
    """'concrete', 'abstract', 'undefined' or 'unknown' for nouns (and unit symbols); None otherwise."""
    lex = lex or lexicon()
    if token.pos_ in NOUN_POS:
        found = lex.noun_types.get(token.lower_) or lex.noun_types.get(token.lemma_.lower())
        if found:
            return found
        if token.ent_type_ in ("PERSON", "GPE"):
            return CONCRETE
        if token.ent_type_ == "ORG":
            return ABSTRACT
        return UNKNOWN
    if "SPEC" in token.tag_ and token.lower_ in lex.measurement_units:
        return CONCRETE
    return None


def _heads(token: "Token") -> list["Token"]:
    current = token
    while current.dep_ == "conj" and current.head is not current:
        current = current.head
    head = current.head
    if current.dep_ == "nsubj":
        conjuncts = head.conjuncts
        if conjuncts:
            return [head, *conjuncts]
    return [head]


def _counted_prefix(doc: "Doc") -> list[int]:
    """prefix[i] = number of tokens before i that count for dependency length (not punct, not space)."""
    prefix = [0] * (len(doc) + 1)
    running = 0
    for token in doc:
        prefix[token.i] = running
        if token.dep_ != "punct" and not token.is_space:
            running += 1
    prefix[len(doc)] = running
    return prefix


def dependency_length(token: "Token", prefix: Sequence[int]) -> int:
    """Words strictly between ``token`` and its head(s), punctuation not counted; the largest if several."""
    if token.dep_ == "punct" or token.is_space:
        return 0
    best = 0
    for head in _heads(token):
        lo, hi = sorted((token.i, head.i))
        best = max(best, prefix[hi] - prefix[lo] - 1)
    return best


# ── sentence and document level ──────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class SentenceLint:
    """LiNT-II features and score for one sentence, plus the counts the document figures pool."""

    word_freq: float | None
    max_sdl: int | None
    content_words_per_clause: float | None
    proportion_concrete: float | None
    score: float | None
    level: int | None
    frequencies: tuple[float, ...]
    concrete: int
    abstract: int
    undefined: int

    def features(self) -> dict[str, float | None]:
        return {name: getattr(self, name) for name in FEATURE_NAMES}


@dataclass(frozen=True)
class DocumentLint:
    word_freq: float | None
    max_sdl: float | None
    content_words_per_clause: float | None
    proportion_concrete: float | None
    score: float | None
    level: int | None

    def features(self) -> dict[str, float | None]:
        return {name: getattr(self, name) for name in FEATURE_NAMES}


def _score(f, sdl, cwc, pcn) -> tuple[float | None, int | None]:
    if f is None or sdl is None or cwc is None or pcn is None:
        return None, None
    score = formulas.lint_ii(f, sdl, cwc, pcn)
    return score, formulas.lint_level(score)


def _proportion(concrete: int, abstract: int, undefined: int) -> float | None:
    total = concrete + abstract + undefined
    return concrete / total if total else None


def analyze_sentence(span: "Span", prefix: Sequence[int], lex: Lexicon | None = None) -> SentenceLint:
    """The four features and the score of one sentence; ``prefix`` from ``_counted_prefix(doc)``."""
    lex = lex or lexicon()
    freqs: list[float] = []
    types = {CONCRETE: 0, ABSTRACT: 0, UNDEFINED: 0, UNKNOWN: 0}
    content = finite = 0
    sdl_tokens = 0
    max_sdl = 0
    for token in span:
        if is_content_word(token, lex):
            content += 1
            freq = word_frequency(token, lex)
            if freq is not None:
                freqs.append(freq)
        if is_finite_verb(token):
            finite += 1
        kind = noun_type(token, lex)
        if kind is not None:
            types[kind] += 1
        if not token.is_punct and not token.is_space:
            sdl_tokens += 1
            max_sdl = max(max_sdl, dependency_length(token, prefix))
    f = statistics.fmean(freqs) if freqs else None
    sdl = max_sdl if sdl_tokens >= 2 else None
    cwc = content / finite if finite else None
    pcn = _proportion(types[CONCRETE], types[ABSTRACT], types[UNDEFINED])
    score, level = _score(f, sdl, cwc, pcn)
    return SentenceLint(f, sdl, cwc, pcn, score, level, tuple(freqs),
                        types[CONCRETE], types[ABSTRACT], types[UNDEFINED])


def analyze(doc: "Doc", spans: Iterable["Span"]) -> tuple[list[SentenceLint], DocumentLint]:
    """LiNT-II per sentence (for ``spans``, sentences of ``doc``) and for the whole text."""
    lex = lexicon()
    prefix = _counted_prefix(doc)
    sentences = [analyze_sentence(span, prefix, lex) for span in spans]
    return sentences, aggregate(sentences)


def aggregate(sentences: Sequence[SentenceLint]) -> DocumentLint:
    """Document features from sentence results, pooled the way ``lint_ii`` pools them."""
    freqs = [f for s in sentences for f in s.frequencies]
    sdls = [s.max_sdl for s in sentences if s.max_sdl is not None]
    cwcs = [s.content_words_per_clause for s in sentences if s.content_words_per_clause is not None]
    f = statistics.fmean(freqs) if freqs else None
    sdl = statistics.fmean(sdls) if sdls else None
    cwc = statistics.fmean(cwcs) if cwcs else None
    pcn = _proportion(sum(s.concrete for s in sentences), sum(s.abstract for s in sentences),
                      sum(s.undefined for s in sentences))
    score, level = _score(f, sdl, cwc, pcn)
    return DocumentLint(f, sdl, cwc, pcn, score, level)
