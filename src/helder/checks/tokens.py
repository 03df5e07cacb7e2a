"""Token attributes of a parsed Doc, read once per document into plain lists (shared by the rules).

Every ``doc[i]`` creates a new ``Token`` object; rules that walk the whole document several times
created about 70 of them per token. :class:`TokenTable` reads the attributes the rules ask most
often in one ``Doc.to_array`` call, so a rule can test ``table.is_alpha[i]`` instead of
``doc[i].is_alpha``. Built lazily through :attr:`helder.checks.context.Context.tokens`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..textunits import tagged_word

if TYPE_CHECKING:
    from spacy.tokens import Doc


class TokenTable:
    """Per token ``i`` (lists indexed by token position): text, offsets, flags, tags and head."""

    __slots__ = ("text", "idx", "is_alpha", "is_punct", "is_space", "pos", "tag", "dep", "head", "is_word",
                 "finite", "verbal")

    def __init__(self, doc: "Doc") -> None:
        from spacy.attrs import DEP, HEAD, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, MORPH, ORTH, POS, TAG

        strings = doc.vocab.strings
        if len(doc):
            cols = doc.to_array([ORTH, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, POS, TAG, DEP, HEAD, MORPH]).T.tolist()
        else:
            cols = [[] for _ in range(10)]
        orth, idx, alpha, punct, space, pos, tag, dep, head, morph = cols
        # each distinct value is looked up once (dicts over the distinct keys), not once per token
        names = {k: strings[k] if k else "" for k in {*pos, *tag, *dep}}
        self.text = [strings[o] for o in orth]
        self.idx = idx
        self.is_alpha = [bool(x) for x in alpha]
        self.is_punct = [bool(x) for x in punct]
        self.is_space = [bool(x) for x in space]
        self.pos = [names[x] for x in pos]
        self.tag = [names[x] for x in tag]
        self.dep = [names[x] for x in dep]
        self.head = [i + (h if h < 2**63 else h - 2**64) for i, h in enumerate(head)]
        #: :func:`helder.textunits.is_tagged_word` (a word for the rules) for every token
        self.is_word = [tagged_word(t, p, s, ps) for p, s, ps, t in zip(self.is_punct, self.is_space, self.pos, self.text)]
        #: :func:`helder.checks.syntax.is_finite` for every token
        finite_morph = {k: "Fin" in _values(strings[k] if k else "", "VerbForm") for k in set(morph)}
        self.finite = [finite_morph[m] or t.startswith("WW|pv") for m, t in zip(morph, self.tag)]
        #: :func:`helder.textunits.is_verbal` for every token
        self.verbal = [p in ("VERB", "AUX") or t.startswith("WW") for p, t in zip(self.pos, self.tag)]

    def __len__(self) -> int:
        return len(self.text)


def _values(morph: str, feature: str) -> list[str]:
    """The values of ``feature`` in a morphology string ("Number=Sing|VerbForm=Fin"), as
    ``MorphAnalysis.get`` gives them."""
    for field in morph.split("|"):
        name, _, values = field.partition("=")
        if name == feature:
            return values.split(",")
    return []
