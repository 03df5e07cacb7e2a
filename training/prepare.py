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
            sents.append(Sent(sid=sid, source=f"{path.name}:{source}", toks=toks))
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
    return replace(sent, toks=toks)


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
    db = DocBin(store_user_data=False)
    n_tokens = 0
    for start in range(0, len(sents), per_doc):
        group = sents[start : start + per_doc]
        words, spaces, tags, pos, morphs, lemmas, heads, deps, starts = ([] for _ in range(9))
        offset = 0
        for s in group:
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
    dropped = 0
    old_seen: set[tuple[str, ...]] = set()
    for n, ss in old.items():
        for s in ss:
            if s.key() in seen or s.key() in old_seen:
                dropped += 1
                continue
            old_seen.add(s.key())
            train.append(harmonise(s, True))
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
    print(f"old sentences dropped as duplicates of v2.16: {dropped}")
    print(f"own annotated sentences: {len(own)}; formal-address copies: {len(formal)}; "
          f"imperative copies: {len(imperative)}")
    for k, v in counts.items():
        print(f"{k}: {v} tokens")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
