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

The splitter always cuts, so time and memory stay linear in the text's size whatever the input.
Where it cuts, in order of preference, looking from ``piece_chars`` into the piece:

1. just after a line break, within the next ``piece_chars`` characters;
2. after end punctuation and spaces before a capital letter, within the next ``piece_chars``;
3. after the next line break, however far, up to ``MAX_PIECE_CHARS`` (a long table row on one line);
4. after a sentence end, up to ``MAX_PIECE_CHARS``;
5. at whitespace, within the next ``piece_chars`` (a sentence without punctuation);
6. anywhere (a "word" of a megabyte).

Cuts 5 and 6 fall inside a sentence: the parser sees the two halves as separate sentences. Such
cuts are counted in ``doc.user_data[FORCED_CUTS]`` so the report can say so.

The parser's token vectors (``doc.tensor``, 640 bytes per token) are dropped as soon as a piece is
parsed: helder never reads them, and on a long text they were most of the memory.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Iterator

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["pipe_texts", "split_text", "cut_pieces", "parse_pieces", "join_parsed", "PIECE_CHARS", "SPLIT_FROM_CHARS", "MAX_PIECE_CHARS",
           "FORCED_CUTS"]

PIECE_CHARS = 4_000  # aim for pieces of about this many characters
SPLIT_FROM_CHARS = 12_000  # texts up to this size are parsed whole
MAX_PIECE_CHARS = 64_000  # a piece never runs longer than this to reach a line break or sentence end
FORCED_CUTS = "helder_forced_cuts"  # key in Doc.user_data: cuts that fell inside a sentence

_PARAGRAPH_CUT = re.compile(r"\n\s*(?=\S)")
_SENTENCE_CUT = re.compile(r"(?<=[.!?])[ \t]+(?=[A-Z])")
_SPACE_CUT = re.compile(r"\s+(?=\S)")


def _next_cut(text: str, target: int, piece_chars: int, max_end: int) -> tuple[int, bool]:
    """End of the piece that should end near ``target``, and whether that cut falls inside a sentence."""
    m = _PARAGRAPH_CUT.search(text, target)
    if m is None or m.end() - target > piece_chars:
        m = _SENTENCE_CUT.search(text, target, target + piece_chars)
    if m is None:
        m = _PARAGRAPH_CUT.search(text, target, max_end) or _SENTENCE_CUT.search(text, target, max_end)
    if m is not None:
        return m.end(), False
    m = _SPACE_CUT.search(text, target, target + piece_chars)
    if m is not None:
        return m.end(), True
    return target, True


def cut_pieces(text: str, piece_chars: int = PIECE_CHARS,
               split_from: int = SPLIT_FROM_CHARS) -> tuple[list[str], int]:
    """:func:`split_text`, plus the number of cuts that fell inside a sentence (see the module doc)."""
    if len(text) <= split_from:
        return [text], 0
    pieces: list[str] = []
    forced = 0
    start = 0
    max_piece = max(MAX_PIECE_CHARS, 2 * piece_chars)
    while len(text) - start > piece_chars * 1.5:
        end, inside = _next_cut(text, start + piece_chars, piece_chars, start + max_piece)
        if end >= len(text):
            break
        forced += inside
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces, forced


def split_text(text: str, piece_chars: int = PIECE_CHARS, split_from: int = SPLIT_FROM_CHARS) -> list[str]:
    """Cut ``text`` into pieces whose concatenation is ``text``; texts up to ``split_from`` stay whole.

    Every piece but the last is at least ``piece_chars`` long and at most ``MAX_PIECE_CHARS``
    (or ``2 * piece_chars`` if larger); where the cuts fall is described in the module doc."""
    return cut_pieces(text, piece_chars, split_from)[0]


def _drop_tensor(doc: "Doc") -> "Doc":
    if doc.tensor.size:
        import numpy

        doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def pipe_texts(nlp: "Language", texts: Iterable[str], batch_size: int = 16) -> Iterator["Doc"]:
    """``nlp.pipe`` over ``texts``, one ``Doc`` per text in order, long texts parsed in pieces.

    The Docs carry no ``tensor``; ``doc.user_data[FORCED_CUTS]`` counts the cuts inside a sentence."""
    counts: list[tuple[int, int]] = []  # (pieces, forced cuts) per text, filled as nlp.pipe reads ahead

    def pieces() -> Iterator[str]:
        for text in texts:
            parts, forced = cut_pieces(text)
            counts.append((len(parts), forced))
            yield from parts

    docs = nlp.pipe(pieces(), batch_size=batch_size)
    k = 0
    for doc in docs:
        n, forced = counts[k]
        k += 1
        if n == 1:
            yield _drop_tensor(doc)
            continue
        yield join_parsed([_drop_tensor(doc)] + [_drop_tensor(next(docs)) for _ in range(n - 1)], forced)


def parse_pieces(nlp: "Language", pieces: Iterable[str], batch_size: int = 16) -> list["Doc"]:
    """The parsed pieces of a text (some of :func:`split_text`'s pieces), without their ``tensor``;
    :func:`join_parsed` makes them one ``Doc`` (worker processes parse the pieces of one text apart)."""
    return [_drop_tensor(doc) for doc in nlp.pipe(pieces, batch_size=batch_size)]


def join_parsed(parts: list["Doc"], forced: int = 0) -> "Doc":
    """The parsed pieces of one text as one ``Doc``, as :func:`pipe_texts` gives it; ``forced``: the
    cuts inside a sentence that :func:`cut_pieces` made (the pieces' own are added)."""
    from spacy.tokens import Doc

    forced += sum(p.user_data.get(FORCED_CUTS, 0) for p in parts)  # long sentences cut by helder_blocks
    joined = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
    if forced:
        joined.user_data[FORCED_CUTS] = forced
    return joined
