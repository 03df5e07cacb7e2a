"""Counting sentences, words, syllables and letters in a spaCy Doc, in one pass.

Choices (the same for every figure helder prints):

- **Word** and **sentence**: defined in :mod:`helder.textunits` (shared with the rules).
  **Word**: a token with at least one letter or digit. Punctuation, symbols (``€``, ``%``, ``&``) and
  whitespace are not words; numbers are (``€ 1.250,00`` is one word, ``1.250,00``). Abbreviations are one
  word each (``o.a.``, ``t.a.v.``, ``art.``), as the tokenizer keeps them together. This test looks at
  the characters only, so it gives the same counts with or without a tagger, and a tagging error
  (``t.a.v.`` tagged as punctuation) cannot change them.
- **Sentence**: a sentence from ``doc.sents`` (the parser's or the sentencizer's split) with at least one
  word. A Doc without sentence boundaries is one sentence.
- **Letters**: alphabetic characters in words (``str.isalpha``): ``t.a.v.`` has 3, ``1.250,00`` none.
- **Long word**: a word with more than 6 letters, as in LIX (Björnsson, 1968).
- **Syllables**: :func:`helder.metrics.syllables.count_syllables` per word.
- A sentence's ``start``/``end`` are character offsets into ``doc.text`` of its first and last
  non-whitespace token, so leading or trailing line breaks are not part of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..textunits import is_word, sentence_spans  # noqa: F401 - the definitions, re-exported
from .syllables import count_syllables

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

LONG_WORD_LETTERS = 6  # LIX: words with MORE than six letters are long


def letter_count(text: str) -> int:
    """Number of alphabetic characters in ``text``."""
    return sum(1 for ch in text if ch.isalpha())


@dataclass(frozen=True)
class SentenceCounts:
    """Counts for one sentence (with at least one word)."""

    span: "Span"
    start: int  # char offset of the first non-space token in doc.text
    end: int  # char offset just past the last non-space token
    words: int
    syllables: int
    letters: int
    long_words: int


def count_sentences(doc: "Doc") -> list[SentenceCounts]:
    """Count words, syllables, letters and long words per sentence; drop sentences without words."""
    out: list[SentenceCounts] = []
    for span in sentence_spans(doc):
        words = syllables = letters = long_words = 0
        first = last = None
        for token in span:
            if not token.is_space:
                if first is None:
                    first = token
                last = token
            if not is_word(token):
                continue
            text = token.text
            words += 1
            syllables += count_syllables(text)
            n_letters = letter_count(text)
            letters += n_letters
            if n_letters > LONG_WORD_LETTERS:
                long_words += 1
        if words == 0 or first is None or last is None:
            continue
        out.append(SentenceCounts(
            span=span,
            start=first.idx,
            end=last.idx + len(last.text),
            words=words,
            syllables=syllables,
            letters=letters,
            long_words=long_words,
        ))
    return out
