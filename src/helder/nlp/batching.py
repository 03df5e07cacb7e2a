"""Parse texts through one pipeline, cutting long texts into pieces that are parsed side by side.

spaCy's parser moves through a document one transition at a time; with one long document it works on
one sentence state at a time, with many documents it advances a whole batch of them at once. A long
text (a council proposal of 60,000 words) is therefore cut at paragraph breaks into pieces of a few
thousand characters, the pieces are parsed as one batch, and the parsed pieces are joined into one
``Doc`` again. Nothing is lost at the cuts: a piece ends with the line breaks that follow it (the
tokenizer makes those one whitespace token, as it does in the whole text), and ``helder_blocks``
starts a new sentence after a line break anyway. The joined ``Doc`` has the same text and the same
tokens as the whole text parsed at once; tags can differ only for the few words next to a cut, whose
context window now stops at the paragraph break.

A text without line breaks longer than a piece is cut after end punctuation followed by a capital.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["pipe_texts", "split_text", "PIECE_CHARS", "SPLIT_FROM_CHARS"]

PIECE_CHARS = 4_000  # aim for pieces of about this many characters
SPLIT_FROM_CHARS = 12_000  # texts up to this size are parsed whole

_PARAGRAPH_CUT = re.compile(r"\n\s*(?=\S)")
_SENTENCE_CUT = re.compile(r"(?<=[.!?])[ \t]+(?=[A-Z])")


def split_text(text: str, piece_chars: int = PIECE_CHARS, split_from: int = SPLIT_FROM_CHARS) -> list[str]:
    """Cut ``text`` into pieces whose concatenation is ``text``; short texts stay whole.

    A cut falls just before the first non-space character after a line break, at least
    ``piece_chars`` into the piece; when a piece has no line break there, after end punctuation and
    spaces before a capital letter; otherwise the rest stays one piece."""
    if len(text) <= split_from:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > piece_chars * 1.5:
        target = start + piece_chars
        m = _PARAGRAPH_CUT.search(text, target)
        if m is None or m.end() - target > piece_chars:
            m = _SENTENCE_CUT.search(text, target, target + piece_chars)
        if m is None:
            break
        pieces.append(text[start:m.end()])
        start = m.end()
    pieces.append(text[start:])
    return pieces


def pipe_texts(nlp: "Language", texts: Iterable[str], batch_size: int = 16) -> Iterator["Doc"]:
    """``nlp.pipe`` over ``texts``, one ``Doc`` per text in order, long texts parsed in pieces."""
    from spacy.tokens import Doc

    counts: list[int] = []  # pieces per text, filled as nlp.pipe reads ahead

    def pieces() -> Iterator[str]:
        for text in texts:
            parts = split_text(text)
            counts.append(len(parts))
            yield from parts

    docs = nlp.pipe(pieces(), batch_size=batch_size)
    k = 0
    for doc in docs:
        n = counts[k]
        k += 1
        if n == 1:
            yield doc
            continue
        parts = [doc] + [next(docs) for _ in range(n - 1)]
        yield Doc.from_docs(parts, ensure_whitespace=False)
