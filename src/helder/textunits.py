"""Text units: what helder calls a word, a sentence, a paragraph and a clause, for the metrics and the
rules alike. Both layers import their definitions from here; where the two count differently, the
difference is a named variant below (and the reason is given), not a second definition.

- **Word** (:func:`is_word`): a token with at least one letter or digit. Punctuation, symbols and
  whitespace are not words; numbers and abbreviations (``t.a.v.``) are. The figures (word counts,
  sentence length, LiNT-II, Flesch-Douma) use this test, which reads the characters only, so a tagging
  error cannot change a figure.
  *Variant* :func:`is_tagged_word` (the rules): also not a token the tagger calls punctuation or a
  symbol. The rules measure distances in words inside a parse ("words between the verb and its
  particle") and follow the tagger there; the difference is rare (a mis-tagged ``t.a.v.``, ``€5``).
- **Sentence** (:func:`sentence_spans`): a sentence of ``doc.sents`` (parser or sentencizer) with at
  least one word; a Doc without sentence boundaries is one sentence. The figures use it as it is.
  *Variant* :func:`block_sentences` (the rules): the same sentences, cut at a blank line (a block
  boundary: a heading and the paragraph under it are two sentences for a rule), trimmed of
  whitespace, and kept only with at least one tagged word.
- **Paragraph** (:func:`paragraphs`): a paragraph block of the document (Markdown, HTML, office
  formats), else the text between blank lines.
- **Clause**: for the figures (LiNT-II content words per clause) a clause is a finite verb
  (:func:`is_finite_verb`); for the rules it is the part of the parse under a clause head
  (:func:`clause_head`: a token with a clause label, or a conjunct verb with its own subject).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator, Sequence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .documents.base import Document

#: Dependency labels that start a clause.
CLAUSE_DEPS = frozenset({"ROOT", "advcl", "ccomp", "csubj", "csubj:pass", "acl", "acl:relcl", "parataxis"})


# ── words ─────────────────────────────────────────────────────────────────────────────────────────

def is_word_text(text: str) -> bool:
    """True if ``text`` has at least one letter or digit (the test behind :func:`is_word`)."""
    return any(ch.isalnum() for ch in text)


def is_word(token: "Token") -> bool:
    """A word for the figures: the token has at least one letter or digit."""
    return is_word_text(token.text)


def tagged_word(text: str, is_punct: bool, is_space: bool, pos: str) -> bool:
    """:func:`is_tagged_word` on a token's attributes (for tables read once per document)."""
    return not (is_punct or is_space or pos == "SYM") and is_word_text(text)


def is_tagged_word(token: "Token") -> bool:
    """A word for the rules: :func:`is_word`, and not tagged punctuation or a symbol."""
    return tagged_word(token.text, token.is_punct, token.is_space, token.pos_)


# ── sentences ─────────────────────────────────────────────────────────────────────────────────────

def sentence_spans(doc: "Doc") -> Iterator["Span"]:
    """The Doc's sentences; the whole Doc if it has no sentence boundaries."""
    if len(doc) == 0:
        return iter(())
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return iter(doc.sents)
    return iter((doc[:],))


def block_sentences(doc: "Doc", text: Sequence[str], is_space: Sequence[bool],
                    is_word_token: Sequence[bool]) -> list[tuple[int, int, int]]:
    """The rules' sentences as ``(start token, end token, words)``: the Doc's sentences cut at blank
    lines, without leading or trailing whitespace tokens, and only those with a (tagged) word.
    ``text``, ``is_space`` and ``is_word_token`` are per-token lists (see
    :class:`helder.checks.tokens.TokenTable`)."""
    try:
        sents = [(s.start, s.end) for s in doc.sents]
    except ValueError:  # no sentence boundaries at all
        sents = [(0, len(doc))]
    out: list[tuple[int, int, int]] = []

    def add(start: int, end: int) -> None:
        while start < end and is_space[start]:
            start += 1
        while end > start and is_space[end - 1]:
            end -= 1
        if start < end:
            words = sum(is_word_token[start:end])
            if words:
                out.append((start, end, words))

    for s_start, s_end in sents:
        cur = s_start
        for i in range(s_start, s_end):
            if is_space[i] and text[i].count("\n") >= 2:
                add(cur, i)
                cur = i + 1
        add(cur, s_end)
    return out


# ── paragraphs ────────────────────────────────────────────────────────────────────────────────────

_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*\Z)", re.S)


def paragraphs(document: "Document") -> list[tuple[int, int]]:
    """Plain-text (start, end) of paragraphs: the document's paragraph blocks, else blank-line split
    (only for a document without any blocks)."""
    blocks = [(b.start, b.end) for b in document.blocks if b.kind == "paragraph"]
    if blocks or any(True for _ in document.blocks):
        return blocks
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(document.text)]


# ── clauses ───────────────────────────────────────────────────────────────────────────────────────

def is_finite_verb(token: "Token") -> bool:
    """A finite verb (persoonsvorm), one per clause in the figures: XPOS ``WW|pv``, or ``VerbForm=Fin``
    when there is no XPOS."""
    if token.tag_:
        return "WW|pv" in token.tag_
    return "Fin" in token.morph.get("VerbForm")


def is_verbal(tok: "Token") -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("WW")


def clause_head(tok: "Token") -> "Token":
    """The head of the clause ``tok`` belongs to (the rules' clause)."""
    cur = tok
    for _ in range(60):
        if cur.dep_ in CLAUSE_DEPS or cur.head.i == cur.i:
            return cur
        if cur.dep_ == "conj" and is_verbal(cur) and any(c.dep_.startswith("nsubj") for c in cur.children):
            return cur
        cur = cur.head
    return cur


def clause_id(tok: "Token") -> int:
    return clause_head(tok).i
