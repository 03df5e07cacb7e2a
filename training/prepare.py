"""Build the training, development and test corpora for helder's Dutch pipeline.

Reads the Universal Dependencies Dutch files in ``../shared/data/ud-dutch/`` (or the folder given
with ``--ud``) and writes spaCy DocBin files to ``training/corpus/``:

* ``test.spacy``  -- the UD v2.16 *test* files of Alpino and LassySmall. Held out: never used for
  choosing settings, only for the figures in the README.
* ``dev.spacy``   -- one document in four of the UD v2.16 *dev* files (split by source document, so
  sentences of one article never sit on both sides). Used for early stopping and for choosing
  settings.
* ``train.spacy`` -- the rest of the v2.16 dev files, the older 2017/2018 conversions (minus every
  sentence whose token sequence also occurs in a v2.16 file), the project's own annotated municipal
  sentences (``training/extra/*.conllu``) and the formal-address augmentation described below.

Annotation is harmonised to one scheme, because the older conversions differ from v2.16:

* lemmas: v2.16 marks compound and particle boundaries with ``_`` (``mee_nemen``); it is removed
  (``meenemen``), which is also what helder wants to match on;
* relations: ``flat:name`` -> ``flat``, ``obl:arg`` -> ``obl``, ``expl:pv`` -> ``expl``,
  ``nsubj:outer`` -> ``nsubj``, ``cc:preconj`` -> ``cc``; in the older files an ``obl`` with a
  ``door`` case marker under a head with ``aux:pass`` becomes ``obl:agent`` and a possessive pronoun
  under ``nmod`` becomes ``nmod:poss``, as in v2.16;
* XPOS is left empty where the older files have none (the tagger treats it as missing).

Formal address (``u``, ``uw``) is nearly absent from the treebanks, but it is the way Dutch
municipalities address their readers. Training sentences with a third-person singular pronoun are
copied with ``hij``/``hem`` -> ``u`` and possessive ``zijn`` -> ``uw`` (with the verb agreeing:
``is`` -> ``bent``, ``kan`` -> ``kunt``, ``zal`` -> ``zult``, ``wil`` -> ``wilt``), and second-person
``je``/``jij``/``jouw`` likewise.

Imperatives are nearly absent too, while municipal web texts are full of them ("Vul het formulier
in."). Training sentences that start with a pronoun subject and a finite main verb are copied without
the subject, the verb in the imperative (see ``to_imperative``).

Usage: ``python training/prepare.py [--ud PATH]``
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_UD = HERE.parent.parent / "shared" / "data" / "ud-dutch"

DEPREL_MAP = {
    "flat:name": "flat",
    "obl:arg": "obl",
    "expl:pv": "expl",
    "nsubj:outer": "nsubj",
    "cc:preconj": "cc",
    "_": "dep",
}


@dataclass
class Tok:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # 1-based, 0 = root
    deprel: str
    space_after: bool = True


@dataclass
class Sent:
    sid: str
    source: str  # document id used for splitting
    toks: list[Tok] = field(default_factory=list)
    para: str = ""  # paragraph id ("wiki-135.p.10"): sentences of one paragraph share it

    def key(self) -> tuple[str, ...]:
        return tuple(t.form for t in self.toks)


def read_conllu(path: Path) -> list[Sent]:
    sents: list[Sent] = []
    comments: list[str] = []
    toks: list[Tok] = []
    n = 0

    def flush() -> None:
        nonlocal toks, comments, n
        if toks:
            sid = ""
            for c in comments:
                if c.startswith("# sent_id"):
                    sid = c.split("=", 1)[1].strip()
            if not sid:
                sid = comments[0].lstrip("# ").strip() if comments else f"{path.name}:{n}"
            # the document is everything before the paragraph/sentence suffix
            source = re.split(r"\.p\.\d+|\.s\.\d+", sid.replace("\\", "/"))[0]
            para = re.split(r"\.s\.\d+$", sid)[0] if ".p." in sid else ""
            sents.append(Sent(sid=sid, source=f"{path.name}:{source}", toks=toks,
                              para=f"{path.name}:{para}" if para else ""))
            n += 1
        toks, comments = [], []

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        if line.startswith("#"):
            comments.append(line)
            continue
        cols = line.split("\t")
        if len(cols) != 10 or "-" in cols[0] or "." in cols[0]:
            continue  # multiword ranges and empty nodes
        misc = cols[9]
        toks.append(
            Tok(
                form=cols[1],
                lemma=cols[2],
                upos=cols[3],
                xpos="" if cols[4] == "_" else cols[4],
                feats="" if cols[5] == "_" else cols[5],
                head=int(cols[6]) if cols[6] != "_" else 0,
                deprel=cols[7],
                space_after="SpaceAfter=No" not in misc,
            )
        )
    flush()
    return sents


def harmonise(sent: Sent, old: bool) -> Sent:
    toks = [replace(t) for t in sent.toks]
    for t in toks:
        if "_" in t.lemma and t.lemma != "_":
            t.lemma = t.lemma.replace("_", "")
        t.deprel = DEPREL_MAP.get(t.deprel, t.deprel)
    if old:
        children: dict[int, list[int]] = {}
        for i, t in enumerate(toks, 1):
            children.setdefault(t.head, []).append(i)
        for i, t in enumerate(toks, 1):
            if t.deprel == "obl":
                has_door = any(
                    toks[c - 1].deprel == "case" and toks[c - 1].form.lower() == "door"
                    for c in children.get(i, [])
                )
                head_pass = t.head and any(
                    toks[c - 1].deprel == "aux:pass" for c in children.get(t.head, [])
                )
                if has_door and head_pass:
                    t.deprel = "obl:agent"
            if t.deprel in {"nmod", "det"} and t.upos in {"PRON", "DET"} and "Poss=Yes" in t.feats:
                t.upos, t.deprel = "PRON", "nmod:poss"
        harmonise_old_conventions(toks)
    return replace(sent, toks=toks)


# --- the 2017 conversion's conventions, rewritten as v2.16 has them ----------------------------
#
# Measured by comparing the word forms both sets share (``training/results/harmonisation.json``):
# the old files tag possessives DET/det, "als" ADP, ordinals NUM/nummod, inherent "zich" obj,
# determiners PRON/det, "zowel" ADV, make
# the modal verbs moeten/kunnen/mogen/zullen the head of the clause (infinitive as xcomp), and use
# AUX (aux or cop) for laten, willen, gaan, blijven, worden-as-copula and others. v2.16 has
# PRON/nmod:poss, SCONJ, ADJ/amod, expl(:pv), modals as AUX/aux of the infinitive, and the others as
# VERB heading an xcomp; only "zijn" is a copula. Left as they were, the two sets teach the model
# opposite answers for the same frequent words.

NEW_AUX = frozenset({"zijn", "worden", "hebben", "kunnen", "zullen", "moeten", "mogen", "krijgen"})
MODALS = frozenset({"kunnen", "zullen", "moeten", "mogen"})
POSSESSIVE_PERSON = {"mijn": "1", "m'n": "1", "ons": "1", "onze": "1", "jouw": "2", "je": "2",
                     "uw": "2", "zijn": "3", "z'n": "3", "haar": "3", "hun": "3", "d'r": "3"}
ORDINAL = re.compile(r"^(\d+(e|ste|de)|eerst|eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste"
                     r"|negende|tiende|elfde|twaalfde|[a-z]+tiende|[a-z]+tigste|honderdste|duizendste|laatste)$")
# relations that belong to the clause, not to the predicate or the verb under it
CLAUSE_RELS = frozenset({"nsubj", "nsubj:pass", "csubj", "expl", "aux", "aux:pass", "mark", "cc",
                         "punct", "advcl", "parataxis", "discourse", "vocative", "dislocated"})
PREDICATE_MOVES = CLAUSE_RELS | {"obl", "obl:agent", "obj", "iobj", "ccomp", "xcomp", "compound:prt"}


def _promote(toks: list[Tok], new_head: int, old_head: int, rel: str, moves) -> None:
    """Make token ``new_head`` (1-based) the head in place of ``old_head``, which it depended on.

    ``old_head`` becomes a ``rel`` dependent of ``new_head``; children of ``old_head`` whose relation
    is in ``moves`` (or all, when ``moves`` is None) move to ``new_head``."""
    nh, oh = toks[new_head - 1], toks[old_head - 1]
    nh.head, nh.deprel = oh.head, oh.deprel
    oh.head, oh.deprel = new_head, rel
    for k, t in enumerate(toks, 1):
        if k not in (new_head, old_head) and t.head == old_head and (moves is None or t.deprel in moves):
            t.head = new_head


def harmonise_old_conventions(toks: list[Tok]) -> None:
    for t in toks:
        low = t.form.lower()
        if t.upos in {"DET", "PRON"} and t.deprel == "det" and low in POSSESSIVE_PERSON:
            t.upos, t.deprel = "PRON", "nmod:poss"
            t.feats = f"Person={POSSESSIVE_PERSON[low]}|Poss=Yes|PronType=Prs"
        elif low == "als" and t.upos == "ADP":
            t.upos = "SCONJ"
        elif t.upos == "NUM" and ORDINAL.match(low):
            t.upos = "ADJ"
            if t.deprel == "nummod":
                t.deprel = "amod"
        elif t.lemma == "zich" and t.deprel == "obj":
            t.deprel = "expl"
        elif t.upos == "PRON" and t.deprel == "det":
            t.upos = "DET"  # "het", "dit", "deze" before a noun: DET in v2.16 (1 PRON/det in 40k tokens)
        elif low == "zowel" and t.upos == "ADV":
            t.upos, t.deprel = "CCONJ", "cc"
    # modals head the clause in the old files: the infinitive takes over, the modal becomes its aux
    for i, t in enumerate(toks, 1):
        if t.lemma in MODALS and t.upos == "VERB":
            inf = [k for k, c in enumerate(toks, 1) if c.head == i and c.deprel == "xcomp"
                   and c.upos in {"VERB", "AUX"} and "VerbForm=Inf" in c.feats]
            if inf:
                _promote(toks, inf[0], i, "aux", None)
                t.upos = "AUX"
    # verbs that are AUX in the old files but VERB in v2.16: they head the clause, the verb or
    # predicate they were attached to becomes their xcomp
    for i, t in enumerate(toks, 1):
        if t.upos != "AUX" or t.lemma in NEW_AUX and not (t.lemma == "worden" and t.deprel == "cop"):
            continue
        if t.deprel not in {"aux", "cop"} or not t.head:
            continue
        moves = CLAUSE_RELS if t.deprel == "aux" else PREDICATE_MOVES
        _promote(toks, i, t.head, "xcomp", moves)
        t.upos = "VERB"


def is_tree(sent: Sent) -> bool:
    """One root or more, every head in range, no cycles."""
    heads = [t.head for t in sent.toks]
    if 0 not in heads or any(h < 0 or h > len(heads) for h in heads):
        return False
    for i in range(1, len(heads) + 1):
        seen, j = set(), i
        while j:
            if j in seen:
                return False
            seen.add(j)
            j = heads[j - 1]
    return True


def write_agreement(new: list[Sent], old: list[Sent], out: Path) -> None:
    """How often the old files agree with v2.16 on a word form's usual UPOS and relation, before and
    after harmonising (forms seen at least 5 times in both; v2.16 = the training part of its dev
    files, never the test files)."""
    import json
    from collections import Counter, defaultdict

    def majority(sents: list[Sent], attr) -> dict[str, str]:
        d: dict[str, Counter] = defaultdict(Counter)
        for s in sents:
            for t in s.toks:
                d[t.form.lower()][attr(t)] += 1
        return {w: c.most_common(1)[0][0] for w, c in d.items() if sum(c.values()) >= 5}

    result = {}
    for name, attr in (("upos", lambda t: t.upos), ("deprel", lambda t: t.deprel)):
        ref = majority(new, attr)
        row = {}
        for label, sents in (("before", [harmonise(s, False) for s in old]),
                             ("after", [harmonise(s, True) for s in old])):
            counts = Counter(t.form.lower() for s in sents for t in s.toks)
            both = [t for s in sents for t in s.toks if t.form.lower() in ref and counts[t.form.lower()] >= 5]
            row[label] = round(sum(attr(t) == ref[t.form.lower()] for t in both) / max(1, len(both)), 4)
        row["tokens_compared"] = len(both)
        result[name] = row
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"what": " ".join(write_agreement.__doc__.split()),
                               **result}, indent=2) + "\n")
    print("old files agreeing with v2.16's usual tag:", json.dumps(result))


# --- formal-address augmentation ---------------------------------------------------------------

U_SUBJ = ("u", "PRON", "VNW|pers|pron|nomin|vol|2b|getal", "Case=Nom|Person=2|Polite=Form|PronType=Prs")
U_OBJ = ("u", "PRON", "VNW|pr|pron|obl|vol|2|getal", "Person=2|Polite=Form|PronType=Prs")
UW = ("uw", "PRON", "VNW|bez|det|stan|vol|2|getal|prenom|zonder|agr", "Person=2|Polite=Form|Poss=Yes|PronType=Prs")

VERB_FIX = {"is": "bent", "kan": "kunt", "zal": "zult", "wil": "wilt", "was": "was"}


def _set(t: Tok, spec: tuple[str, str, str, str], capital: bool) -> None:
    lemma, upos, xpos, feats = spec
    t.form = lemma.capitalize() if capital else lemma
    t.lemma, t.upos, t.feats = lemma, upos, feats
    t.xpos = xpos if t.xpos else ""


def to_formal(sent: Sent) -> Sent | None:
    """Return a copy of ``sent`` addressed with ``u``/``uw``, or None if it has nothing to change."""
    toks = [replace(t) for t in sent.toks]
    changed = False
    subj_heads: set[int] = set()
    for i, t in enumerate(toks, 1):
        low = t.form.lower()
        cap = t.form[:1].isupper()
        if t.upos != "PRON":
            continue
        if low in {"hij", "jij", "je"} and t.deprel in {"nsubj", "nsubj:pass"} and (
            "Person=3" in t.feats or "Person=2" in t.feats
        ):
            _set(t, U_SUBJ, cap)
            subj_heads.add(i)
            changed = True
        elif low in {"hem", "jou"} or (low == "je" and t.deprel in {"obj", "iobj", "obl"}):
            if t.deprel in {"obj", "iobj", "obl", "nmod"}:
                _set(t, U_OBJ, cap)
                changed = True
        elif low in {"zijn", "jouw", "je"} and "Poss=Yes" in t.feats:
            _set(t, UW, cap)
            changed = True
    if not changed:
        return None
    # verb agreement for a subject u: the finite verb that governs it (or its auxiliary/copula)
    for i in subj_heads:
        head = toks[i - 1].head
        cands = [j for j, t in enumerate(toks, 1) if (j == head or t.head == head) and t.upos in {"AUX", "VERB"}
                 and "VerbForm=Fin" in t.feats]
        for j in cands:
            v = toks[j - 1]
            low = v.form.lower()
            new = VERB_FIX.get(low)
            if new is None and low in {"heb", "ben", "word", "kun", "zul", "wil", "ga", "doe", "krijg", "vind", "blijf", "hoef", "moet"}:
                new = {"kun": "kunt", "zul": "zult", "ben": "bent", "heb": "hebt"}.get(low, low if low.endswith("t") else low + "t")
            if new and new != low:
                v.form = new.capitalize() if v.form[:1].isupper() else new
    return replace(sent, sid=sent.sid + "#u", toks=toks)


# --- imperative augmentation --------------------------------------------------------------------
#
# Imperatives ("Vul het formulier in.", "Bel ons.") are the voice of municipal web texts, but the
# treebanks hardly have them: a pipeline trained on them tags a sentence-initial "Bel" or "Vul" as a
# name or a noun. Sentences that start with a pronoun subject and its finite main verb are copied
# without the subject and with the verb in the imperative ("Hij vult het formulier in." ->
# "Vul het formulier in."), annotated the way UD Dutch annotates imperatives.

IMP_SKIP = {"zijn", "worden", "hebben", "kunnen", "moeten", "mogen", "zullen", "willen", "hoeven", "blijken",
            "lijken", "schijnen", "heten", "bestaan", "overlijden", "sterven", "krijgen"}
IMP_IRREGULAR = {"gaan": "ga", "staan": "sta", "doen": "doe", "zien": "zie", "slaan": "sla"}
IMP_FEATS = "Number=Sing|Tense=Pres|VerbForm=Fin"
IMP_XPOS = "WW|pv|tgw|ev"


def _imperative(verb_lemma: str) -> str | None:
    from wordfreq import zipf_frequency

    from helder.checks.lexicon import conjugate

    form = IMP_IRREGULAR.get(verb_lemma) or (conjugate(verb_lemma) or {}).get("sg1")
    if not form or not form.isalpha() or zipf_frequency(form, "nl") < 2.0:
        return None
    return form


def _subtree(toks: list[Tok], i: int) -> set[int]:
    """1-based indices of token ``i`` and everything below it."""
    out, todo = {i}, [i]
    while todo:
        j = todo.pop()
        for k, t in enumerate(toks, 1):
            if t.head == j and k not in out:
                out.add(k)
                todo.append(k)
    return out


def to_imperative(sent: Sent) -> Sent | None:
    """A copy of ``sent`` as an imperative, or None when it does not start with subject + main verb.

    The subject (a pronoun, or a noun phrase such as "De gemeente") must be everything before the
    finite main verb: "Hij vult het formulier in." / "De gemeente stuurt een brief." -> "Vul het
    formulier in." / "Stuur een brief."."""
    toks = sent.toks
    verb_i = next((k for k, t in enumerate(toks, 1) if t.upos in ("VERB", "AUX") and "VerbForm=Fin" in t.feats), None)
    if verb_i is None or verb_i < 2 or verb_i >= len(toks) - 1:
        return None
    verb = toks[verb_i - 1]
    subj = [k for k, t in enumerate(toks, 1) if t.head == verb_i and t.deprel == "nsubj" and k < verb_i]
    if verb.upos != "VERB" or len(subj) != 1:
        return None
    removed = _subtree(toks, subj[0])
    if removed != set(range(1, verb_i)) or len(removed) > 6:
        return None  # the subject must be exactly the words before the verb
    if any(t.upos == "PROPN" for k, t in enumerate(toks, 1) if k in removed) and len(removed) > 1:
        pass  # names are fine: "Jan de Vries schrijft ..." -> "Schrijf ..."
    lemma = verb.lemma.lower()
    particles = [t.form.lower() for t in toks if t.head == verb_i and t.deprel == "compound:prt"]
    if particles and lemma.startswith(particles[0]):
        lemma = lemma[len(particles[0]):]  # "invullen" with a separate "in": the verb is "vullen"
    if lemma in IMP_SKIP or verb.lemma.lower() in IMP_SKIP:
        return None
    form = _imperative(lemma)
    if form is None:
        return None
    shift = verb_i - 1
    out = [replace(t, head=0 if t.head == 0 else t.head - shift) for t in toks[shift:]]
    if any(t.head < 0 for t in out):
        return None
    v = out[0]
    v.form = form.capitalize()
    v.feats = IMP_FEATS
    v.xpos = IMP_XPOS if v.xpos else ""
    return replace(sent, sid=sent.sid + "#imp", toks=out)


# --- writing -----------------------------------------------------------------------------------


def to_docbin(sents: list[Sent], per_doc: int, out: Path) -> int:
    import spacy
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("nl")
    db = DocBin(store_user_data=True)
    n_tokens = 0
    for start in range(0, len(sents), per_doc):
        group = sents[start : start + per_doc]
        words, spaces, tags, pos, morphs, lemmas, heads, deps, starts = ([] for _ in range(9))
        offset = 0
        par_starts = []  # token offsets where a new paragraph of the source begins
        for j, s in enumerate(group):
            if j and s.para and s.para != group[j - 1].para:
                par_starts.append(offset)
            for k, t in enumerate(s.toks):
                words.append(t.form)
                spaces.append(t.space_after if k < len(s.toks) - 1 else True)
                tags.append(t.xpos)
                pos.append(t.upos)
                morphs.append(t.feats)
                lemmas.append(t.lemma)
                heads.append(offset + (t.head - 1 if t.head else k))
                deps.append(t.deprel)
                starts.append(k == 0)
            offset += len(s.toks)
        doc = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs,
                  lemmas=lemmas, heads=heads, deps=deps, sent_starts=starts)
        doc.user_data["paragraph_starts"] = par_starts
        db.add(doc)
        n_tokens += len(doc)
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    return n_tokens


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ud", type=Path, default=DEFAULT_UD)
    ap.add_argument("--out", type=Path, default=HERE / "corpus")
    ap.add_argument("--formal-share", type=float, default=0.7,
                    help="share of eligible training sentences that get a u/uw copy")
    ap.add_argument("--imperative-share", type=float, default=0.5,
                    help="share of eligible training sentences that get an imperative copy")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    if not args.ud.is_dir():
        print(f"UD data not found at {args.ud}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    new = {n: read_conllu(args.ud / n) for n in [
        "UD_Dutch-Alpino/nl_alpino-ud-dev.conllu", "UD_Dutch-Alpino/nl_alpino-ud-test.conllu",
        "UD_Dutch-LassySmall/nl_lassysmall-ud-dev.conllu", "UD_Dutch-LassySmall/nl_lassysmall-ud-test.conllu"]}
    old = {n: read_conllu(args.ud / n) for n in [
        "extra/lassysmall-train-2017-02.conllu", "extra/lassysmall-devtest-2018-01.conllu",
        "extra/alpino-repo-train-2017-10.conllu"]}
    seen = {s.key() for ss in new.values() for s in ss}
    test = [harmonise(s, False) for n, ss in new.items() if n.endswith("test.conllu") for s in ss]
    dev, train = [], []
    for n, ss in new.items():
        if not n.endswith("dev.conllu"):
            continue
        sources = sorted({s.source for s in ss})
        rng.shuffle(sources)
        dev_sources = set(sources[: len(sources) // 4])
        for s in ss:
            (dev if s.source in dev_sources else train).append(harmonise(s, False))
    new_train = list(train)  # the v2.16 sentences only, before the old files join them
    dropped = broken = 0
    old_seen: set[tuple[str, ...]] = set()
    old_kept: list[Sent] = []
    for n, ss in old.items():
        for s in ss:
            if s.key() in seen or s.key() in old_seen:
                dropped += 1
                continue
            old_seen.add(s.key())
            h = harmonise(s, True)
            if not is_tree(h):
                broken += 1  # e.g. a token that is its own head in the old file
                continue
            old_kept.append(s)
            train.append(h)
    write_agreement(new_train, old_kept, HERE / "results" / "harmonisation.json")
    own = []
    for p in sorted((HERE / "extra").glob("*.conllu")):
        own += [harmonise(s, False) for s in read_conllu(p)]
    train += own
    formal = []
    for s in list(train):
        f = to_formal(s)
        if f is not None and rng.random() < args.formal_share:
            formal.append(f)
    train += formal
    imperative = [i for i in (to_imperative(s) for s in list(train))
                  if i is not None and rng.random() < args.imperative_share]
    train += imperative
    rng.shuffle(train)
    counts = {
        "train": to_docbin(train, 10, args.out / "train.spacy"),
        "dev": to_docbin(dev, 10, args.out / "dev.spacy"),
        "test": to_docbin(test, 10, args.out / "test.spacy"),
    }
    print(f"old sentences dropped as duplicates of v2.16: {dropped}; not a tree: {broken}")
    print(f"own annotated sentences: {len(own)}; formal-address copies: {len(formal)}; "
          f"imperative copies: {len(imperative)}")
    for k, v in counts.items():
        print(f"{k}: {v} tokens")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
