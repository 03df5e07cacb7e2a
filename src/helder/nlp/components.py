"""helder's own spaCy component: ``helder_voice`` corrects active/passive labels after the parser.

A statistical parser trained on ~130k tokens often confuses three Dutch constructions that look the
same on the surface and differ only in the verb:

* perfect tense with *zijn* ("Het aantal is gestegen", "U bent verhuisd"): ``aux``, not passive;
* perfect passive with *zijn* ("Uw aanvraag is ontvangen", "De vergunning is verleend"): ``aux:pass``;
* copular *worden* ("De wijk wordt groener"): ``cop``, not passive.

The component decides with a list of verbs that form their perfect with *zijn*
(``helder/data/zijn_werkwoorden.txt``) and the part of speech of the head:

1. *worden* labelled ``aux:pass`` whose head is an adjective or noun becomes ``cop``;
2. *zijn* labelled ``aux:pass`` whose participle is a *zijn*-verb (and has no ``door``-agent)
   becomes ``aux``; its ``nsubj:pass`` becomes ``nsubj``;
3. *zijn* labelled ``aux`` whose head is the participle of a verb that is not a *zijn*-verb, with no
   other auxiliary *hebben*/*worden* on it, becomes ``aux:pass``; its ``nsubj`` becomes ``nsubj:pass``.

It is registered under the ``spacy_factories`` entry point, so ``spacy.load`` finds it wherever
helder is installed, and helder adds it to any other Dutch pipeline it loads.
"""

from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

PARTICLES = (
    "aan", "af", "bij", "binnen", "door", "in", "mee", "na", "neer", "om", "onder", "op", "over",
    "terug", "thuis", "toe", "uit", "voor", "voorbij", "weg", "samen", "tegen", "langs", "rond",
)


@lru_cache(maxsize=1)
def zijn_verbs() -> "frozenset[str]":
    path = Path(__file__).resolve().parent.parent / "data" / "zijn_werkwoorden.txt"
    words = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def is_zijn_verb(lemma: str) -> bool:
    lemma = lemma.lower().replace("_", "")
    verbs = zijn_verbs()
    if lemma in verbs:
        return True
    for p in PARTICLES:
        if lemma.startswith(p) and lemma[len(p):] in verbs:
            return True
    return False


def _is_participle(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"} and (
        "Part" in tok.morph.get("VerbForm") or tok.tag_.startswith("WW|vd")
    )


def _has_agent(head: Token) -> bool:
    return any(c.dep_ == "obl:agent" or (c.dep_ == "obl" and any(
        g.dep_ == "case" and g.lower_ == "door" for g in c.children)) for c in head.children)


def _relabel_subject(head: Token, old: str, new: str) -> None:
    for c in head.children:
        if c.dep_ == old:
            c.dep_ = new


def fix_voice(doc: Doc) -> Doc:
    for tok in doc:
        lemma = tok.lemma_.lower()
        head = tok.head
        if head is tok:
            continue
        if tok.dep_ == "aux:pass":
            if lemma == "worden" and head.pos_ in {"ADJ", "NOUN", "PROPN", "PRON"} and not _is_participle(head):
                tok.dep_ = "cop"
                _relabel_subject(head, "nsubj:pass", "nsubj")
            elif lemma == "zijn" and _is_participle(head) and is_zijn_verb(head.lemma_) and not _has_agent(head):
                tok.dep_ = "aux"
                _relabel_subject(head, "nsubj:pass", "nsubj")
        elif tok.dep_ == "aux" and lemma == "zijn" and _is_participle(head):
            if is_zijn_verb(head.lemma_):
                continue
            others = [c for c in head.children if c is not tok and c.dep_ in {"aux", "aux:pass"}
                      and c.lemma_.lower() in {"hebben", "worden"}]
            if others:
                continue
            tok.dep_ = "aux:pass"
            _relabel_subject(head, "nsubj", "nsubj:pass")
    return doc


@Language.factory("helder_voice")
def create_voice_component(nlp: Language, name: str):
    return fix_voice


def mark_block_starts(doc: Doc) -> Doc:
    """Preset sentence boundaries for the parser, which keeps them.

    * After a line break a new sentence starts: blocks (paragraphs, headings, list items) and hard
      line breaks never share a sentence.
    * Within a line, a sentence can only start after end punctuation (``. ! ? : ; …`` possibly
      followed by a closing quote or bracket). This stops the parser from cutting "Gemeente Diemen"
      in two.
    """
    from spacy.attrs import SENT_START

    # read and write the whole column at once: Token.is_sent_start's setter scans the Doc each time
    import numpy

    starts = doc.to_array([SENT_START]).reshape(-1).astype(numpy.int64)
    for tok in doc[:-1]:
        i = tok.i + 1
        if starts[i] != 0:
            continue  # boundaries someone already set (e.g. a pre-split document) stay as they are
        if tok.is_space:
            if "\n" in tok.text:
                starts[i] = 1
            continue
        if doc[i].is_space:
            continue
        prev = tok
        while prev.i > 0 and prev.is_punct and prev.text in CLOSERS:
            prev = doc[prev.i - 1]
        if not (prev.text[-1:] in SENTENCE_END):
            starts[i] = -1
    doc.from_array([SENT_START], starts.astype(numpy.uint64).reshape(-1, 1))
    return doc


SENTENCE_END = frozenset(".!?:;…")
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»", "''"})


@Language.factory("helder_blocks")
def create_blocks_component(nlp: Language, name: str):
    return mark_block_starts
