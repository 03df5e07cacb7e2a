"""helder's own spaCy components: ``helder_voice`` corrects mood and voice after the parser, and
``helder_blocks`` presets sentence boundaries at line breaks.

``helder_voice`` first tags imperatives that the tagger missed ("Bel ons.", "Vul het formulier in.":
see ``fix_imperatives``), gives verbs whose lemma is their own inflected form the infinitive
(``fix_verb_lemmas``: "verstrekt" -> "verstrekken"), then corrects active/passive labels.

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

from ..morphology import infinitive_of_stem, looks_like_participle, spelling_variants, zipf

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


# --- imperatives ---------------------------------------------------------------------------------
#
# Imperatives ("Vul het formulier in.", "Bel ons.") are rare in the treebanks, so a small tagger reads a
# sentence-initial "Bel" or "Vul" as a name or a noun. A capitalised first word that the tagger did not
# call a verb becomes the imperative verb when all of this holds: it is the stem of a Dutch verb that
# is at least as common as the word itself (bel/bellen, vul/vullen; not meer/meren), the sentence ends
# like a sentence (". ! :"; not a heading), and no finite verb follows before the first comma or
# subordinate clause ("Zorg is belangrijk" keeps its noun), nor "van"/"en" right after it
# ("Gebruik van de zaal").

_IMPERATIVE_FROM = {"NOUN", "PROPN", "X", "ADJ", "ADV", "INTJ"}
_ADVERB_ZIPF = 4.5  # an adverb this common (waar, daar, hier, toen, dus) is not read as an imperative
_CLAUSE_STOP = frozenset("als dat die wat waar omdat zodat want maar of en wanneer tot voordat nadat terwijl".split())
_NOT_AFTER = frozenset({"van", "en", "is", "zijn", "was", "wordt", "werd"})


def imperative_infinitive(word: str) -> "str | None":
    """The infinitive of which ``word`` (lower case) is the imperative, if Dutch has such a common verb."""
    return infinitive_of_stem(word)


def fix_imperatives(doc: Doc) -> Doc:
    for sent in doc.sents:
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if len(words) < 2 or not sent[-1].text.strip() or sent[-1].text.strip()[-1:] not in ".!:" and not (
                len(sent) > 1 and sent[-1].is_space and sent[-2].text[-1:] in ".!:"):
            continue
        first = words[0]
        if first.pos_ not in _IMPERATIVE_FROM or not first.text[:1].isupper() or first.text.isupper():
            continue
        if first.pos_ == "ADV" and zipf(first.lower_) >= _ADVERB_ZIPF:
            continue  # "Waar dat kan, ...": a common adverb, not the imperative of 'waren'
        nxt = words[1]
        if nxt.lower_ in _NOT_AFTER:
            continue
        stop = False
        for t in sent[first.i - sent.start + 1:]:
            if t.text in (",", ";", ":", "(") or t.pos_ == "SCONJ" or t.lower_ in _CLAUSE_STOP:
                break
            if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm"):
                stop = True
                break
        if stop:
            continue
        infinitive = imperative_infinitive(first.lower_)
        if infinitive is None:
            continue
        first.pos_ = "VERB"
        first.set_morph("Number=Sing|Tense=Pres|VerbForm=Fin")
        if "|" in (first.tag_ or "") or (first.tag_ or "").isupper():
            first.tag_ = "WW|pv|tgw|ev"
        first.lemma_ = infinitive
    return doc


def _stem_candidates(word: str) -> list[str]:
    """Possible verb stems of an inflected form: verstrekt -> verstrek, meldde -> meld, gemeld -> meld,
    and the form itself (bel)."""
    out = []
    if word.startswith("ge") and len(word) > 5:
        out += [word[2:], word[2:-1]]  # gemeld -> meld, gewoond -> woon
    if word.endswith(("te", "de")) and len(word) > 5:
        out.append(word[:-2])
    if word.endswith(("ten", "den")) and len(word) > 6:
        out.append(word[:-3])
    if word.endswith(("t", "d")) and len(word) > 4:
        base = word[:-1]
        out.append(base[2:] if base.startswith("ge") and len(base) > 4 else base)
        if base.startswith("ge"):
            out.append(base)
    out.append(word)  # the bare stem: an imperative or 'ik' form (bel -> bellen)
    return out


def fix_verb_lemmas(doc: Doc) -> Doc:
    """Repair the lemma of a verb when it is the inflected form itself ('verstrekt'), no Dutch word at
    all ('verstrken', an edit rule learnt on another verb), or the wrong spelling of the same stem
    ('verstreken' for 'verstrekt': the infinitive of the stem 'verstrek' is 'verstrekken'). The
    infinitive must be a common Dutch verb (the trainable lemmatizer falls back to the form it cannot
    map); a lemma of another stem (strong verbs: 'verstreek' -> 'verstrijken') is left alone."""
    for tok in doc:
        if tok.pos_ != "VERB":
            continue
        form, lemma = tok.lower_, tok.lemma_.lower()
        if form in STRONG_PARTICIPLES and lemma == form:
            tok.lemma_ = STRONG_PARTICIPLES[form]
            continue
        if form.endswith("en") and not form.endswith(("den", "ten")):
            continue  # an infinitive (or a strong past plural, which the stem rules cannot undo)
        for stem in _stem_candidates(form):
            infinitive = imperative_infinitive(stem)
            if infinitive:
                if infinitive != lemma and (lemma == form or not lemma or zipf(lemma) == 0
                                            or lemma in spelling_variants(stem, "en", plural_s=False)):
                    tok.lemma_ = infinitive
                break
    return doc


_MODALS = frozenset({"kunnen", "zullen", "moeten", "mogen"})


def fix_infinitives(doc: Doc) -> Doc:
    """A verb in -en that a modal auxiliary depends on is an infinitive, even when the tagger read it
    as a finite plural ("U kunt ... een nieuwe pas aanvragen": 'aanvragen' is not finite)."""
    for tok in doc:
        if tok.pos_ != "VERB" or not tok.lower_.endswith("en") or "Fin" not in tok.morph.get("VerbForm"):
            continue
        if any(c.dep_ == "aux" and c.lemma_.lower() in _MODALS and "Fin" in c.morph.get("VerbForm")
               for c in tok.children):
            tok.set_morph("VerbForm=Inf")
            if tok.tag_.startswith("WW|"):
                tok.tag_ = "WW|inf|vrij|zonder"
    return doc


#: Strong participles of verbs that take 'zijn', for when the lemmatizer keeps the form ('is gebleken').
STRONG_PARTICIPLES = {
    "gebleken": "blijken", "gestegen": "stijgen", "gebleven": "blijven", "gegaan": "gaan", "gekomen": "komen",
    "gevallen": "vallen", "gestorven": "sterven", "verdwenen": "verdwijnen", "verschenen": "verschijnen",
    "overleden": "overlijden", "toegenomen": "toenemen", "afgenomen": "afnemen", "begonnen": "beginnen",
    "ontstaan": "ontstaan", "vergaan": "vergaan", "ingegaan": "ingaan", "geweest": "zijn",
}

#: Irregular and strong participles that letters put after 'worden' ("Hierbij wordt u verzocht ...").
IRREGULAR_PARTICIPLES = {
    "verzocht": "verzoeken", "verwacht": "verwachten", "gebracht": "brengen", "bezocht": "bezoeken",
    "gezocht": "zoeken", "verkocht": "verkopen", "gekocht": "kopen", "gedacht": "denken",
    "toegezonden": "toezenden", "verzonden": "verzenden", "toegestuurd": "toesturen",
    "gegeven": "geven", "genomen": "nemen", "geschreven": "schrijven", "gevonden": "vinden",
    "verstrekt": "verstrekken", "uitgenodigd": "uitnodigen", "gevraagd": "vragen",
}


def participle_infinitive(word: str) -> "str | None":
    """The infinitive of which ``word`` is the weak past participle ('verstuurd' -> 'versturen',
    'gemeld' -> 'melden'), unless the word is much more common than that verb: 'bekend' and
    'verplicht' are adjectives far more often than forms of 'bekennen' and 'verplichten'. A few
    irregular and strong participles come from ``IRREGULAR_PARTICIPLES``."""
    if word in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[word]
    if not (word.endswith(("d", "t")) and looks_like_participle(word)):
        return None  # weak participles only: the stem rules cannot undo 'gesloten'
    for stem in _stem_candidates(word)[:-1]:
        infinitive = imperative_infinitive(stem)
        if infinitive and zipf(word) < zipf(infinitive) + 0.5:
            return infinitive
    return None


def fix_participles(doc: Doc) -> Doc:
    """A past participle that the tagger read as an adjective after *worden* ("De brief werd
    verstuurd") or as a noun after *worden* or *zijn* ("Het is gemeld") becomes the verb it is, with
    the auxiliary attached as ``aux:pass`` (worden) or ``aux`` (zijn: ``fix_voice`` then decides passive
    or perfect). An adjective after *zijn* stays one: "Ik ben bezorgd" is not a passive."""
    for tok in doc:
        if tok.pos_ not in ("ADJ", "NOUN") or any(c.dep_ == "det" for c in tok.children):
            continue
        aux = [c for c in tok.children if c.dep_ in ("cop", "aux", "aux:pass")
               and (c.lemma_.lower() == "worden" or (c.lemma_.lower() == "zijn" and tok.pos_ == "NOUN"))]
        if not aux:
            continue
        infinitive = participle_infinitive(tok.lower_)
        if infinitive is None:
            continue
        tok.pos_ = "VERB"
        tok.tag_ = "WW|vd|vrij|zonder"
        tok.set_morph("VerbForm=Part")
        tok.lemma_ = infinitive
        for a in aux:
            if a.lemma_.lower() == "worden":
                a.dep_ = "aux:pass"
                _relabel_subject(tok, "nsubj", "nsubj:pass")
            elif a.dep_ == "cop":
                a.dep_ = "aux"  # the loop in fix_voice makes it aux:pass unless the verb takes zijn
    return doc


def fix_voice(doc: Doc) -> Doc:
    fix_imperatives(doc)
    fix_verb_lemmas(doc)
    fix_infinitives(doc)
    fix_participles(doc)
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
                _relabel_subject(head, "nsubj:pass", "nsubj")
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
    * After a title or an abbreviation that stands before what it belongs to (``mevr.``, ``dhr.``,
      ``t.a.v.``, ``nr.``: ``NO_BREAK_AFTER``) no sentence starts; after one that can end a sentence
      (``jl.``, ``a.s.``, ``e.a.``, ``z.s.m.``: ``BREAK_IF_CAPITAL``) only before a capital letter, and
      always before a capitalised very common word ("12 maart jl. Wij hebben ...").
      "Neemt u contact op met mevr. De Vries." is one sentence.
    * No sentence runs longer than ``MAX_SENTENCE_TOKENS`` tokens: a run without end punctuation (a
      list of 10,000 items joined by commas, a text without any full stop) is cut after the last comma
      before that length, or at that length, and the cuts are counted in ``doc.user_data`` (the report
      says so). Real sentences are far shorter; without the cap a run of thousands of words would be
      one sentence whose parse and rules cost time and memory that grow faster than its length.
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
        if not (prev.text[-1:] in SENTENCE_END) or _no_break_after(prev, doc[i]):
            starts[i] = -1
        elif _break_after_date_word(prev, doc[i]):
            starts[i] = 1
    cuts = _cap_sentence_length(doc, starts)
    doc.from_array([SENT_START], starts.astype(numpy.uint64).reshape(-1, 1))
    if cuts:
        from .batching import FORCED_CUTS

        doc.user_data[FORCED_CUTS] = doc.user_data.get(FORCED_CUTS, 0) + cuts
    return doc


#: The longest sentence helder analyses as one; a longer run is cut (see :func:`mark_block_starts`).
MAX_SENTENCE_TOKENS = 200
#: How far back from the cap a comma may stand to cut there instead.
_COMMA_REACH = 80


def _cap_sentence_length(doc: Doc, starts) -> int:
    """Force sentence starts so that no stretch between starts (1 in the SENT_START column ``starts``)
    is longer than MAX_SENTENCE_TOKENS. Where a stretch gets too long, the start goes at the last place
    after end punctuation (0: the parser may start a sentence there; in normal text it would), else
    after the last comma, else at the cap. Returns the cuts that fell inside a sentence (not the ones
    at end punctuation), which the report mentions."""
    if len(doc) <= MAX_SENTENCE_TOKENS:
        return 0
    cuts, begin, comma, end = 0, 0, -1, -1
    for i in range(1, len(doc)):
        if starts[i] == 1:
            begin, comma, end = i, -1, -1
            continue
        if starts[i] == 0:
            end = i
        elif doc[i - 1].text in (",", ";"):
            comma = i
        if i - begin >= MAX_SENTENCE_TOKENS:
            if end > begin:
                cut = end
            else:
                cut = comma if comma > i - _COMMA_REACH else i
                cuts += 1
            starts[cut] = 1
            begin, comma, end = cut, -1, -1
    return cuts


SENTENCE_END = frozenset(".!?:;…")
#: Titles and abbreviations that stand before the word they belong to: never the end of a sentence.
NO_BREAK_AFTER = frozenset("""
mevr. mw. dhr. hr. mr. drs. ir. ing. dr. prof. bc. t.a.v. t.b.v. o.v.v. i.v.m. m.b.t. n.a.v. i.p.v. bijv.
nr. nrs. tel. afd. art. artt. blz. o.a. m.u.v. d.d. ca. vs. st.
""".split())
#: Abbreviations that can end a sentence: a new one starts after them only before a capital letter.
BREAK_IF_CAPITAL = frozenset("jl. a.s. e.a. z.s.m. e.d. enz. etc. c.q.".split())


def _break_after_date_word(prev: Token, nxt: Token) -> bool:
    """'... op 12 maart jl. Wij hebben ...': after 'jl.' or 'a.s.' a capitalised very common word (Zipf 5.5
    or more: wij, u, de, het, dat) starts a new sentence; the parser tends to run on."""
    return (prev.text.lower() in BREAK_IF_CAPITAL and nxt.text[:1].isupper() and nxt.is_alpha
            and zipf(nxt.text.lower()) >= 5.5)


def _no_break_after(prev: Token, nxt: Token) -> bool:
    word = prev.text.lower()
    if word in NO_BREAK_AFTER:
        return True
    return word in BREAK_IF_CAPITAL and not nxt.text[:1].isupper()
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»", "''"})


@Language.factory("helder_blocks")
def create_blocks_component(nlp: Language, name: str):
    return mark_block_starts
