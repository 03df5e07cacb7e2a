"""Measure helder's Dutch pipeline.

1. On the held-out UD v2.16 test files (``training/corpus/test.spacy``, never used for choosing
   settings): UPOS, XPOS, morphology, lemma, UAS, LAS, sentence-boundary F of the pipeline as
   shipped (with ``helder_blocks`` and ``helder_voice``, added when a trained model lacks them), on
   the test text with a line break between paragraphs as in the source; and, for comparison with
   figures before December 2026, on the sentences joined by spaces without ``helder_blocks``. Gold
   lemmas have the v2.16 compound/particle markers removed (``mee_nemen`` -> ``meenemen``), as in
   training.
2. On the project's own municipal sentences (``corpora/gemeentezinnen/zinnen.tsv``): how often
   ``u``/``uw`` is tagged PRON, and precision/recall of passive auxiliaries (``aux:pass``); on
   ``corpora/gemeentezinnen/gebiedende-wijs.txt`` how often the imperative verb that starts the
   sentence is tagged VERB.
3. Size on disk.

Writes ``training/results/test.json`` and ``training/results/municipal.json`` and prints both.
Usage: ``python training/evaluate.py [MODEL]`` (default: the shipped model).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_MODEL = ROOT / "src" / "helder" / "models" / "nl_helder"


def heldout(nlp, path: Path, paragraphs: bool = True) -> dict:
    """Score ``nlp`` on the gold documents in ``path`` (ten consecutive UD sentences each).

    ``paragraphs``: the text given to the pipeline has a line break where the source starts a new
    paragraph (recorded in the UD sentence ids, ``...p.12.s.3``), as in the published text; headings
    and list items are paragraphs of their own there. Otherwise every sentence is joined to the next
    with a space, so a heading without end punctuation runs into the next sentence."""
    from spacy.tokens import DocBin
    from spacy.training import Example

    gold = list(DocBin().from_disk(path).get_docs(nlp.vocab))

    def text(d) -> str:
        starts = set(d.user_data.get("paragraph_starts", [])) if paragraphs else set()
        return "".join(t.text + ("\n" if t.i + 1 in starts else t.whitespace_) for t in d)

    examples = [Example(nlp.make_doc(text(d)), d) for d in gold]
    scores = nlp.evaluate(examples)
    keys = {"pos_acc": "upos", "tag_acc": "xpos", "morph_acc": "morph", "lemma_acc": "lemma",
            "dep_uas": "uas", "dep_las": "las", "sents_f": "sent_f"}
    out = {v: round(100 * scores[k], 2) for k, v in keys.items() if scores.get(k) is not None}
    out["tokens"] = sum(len(d) for d in gold)
    out["sentences"] = sum(1 for d in gold for _ in d.sents)
    return out


def split_tokens(sentence: str) -> list[str]:
    """The tokenisation the gold file's indices use: spaces, and .,;:?!()" as separate tokens."""
    return re.findall(r"[.,;:?!()\"]|[^\s.,;:?!()\"]+(?:\.(?=[^\s]))?[^\s.,;:?!()\"]*", sentence)


def parse_items(field: str) -> set[int]:
    if not field or field.strip() == "-":
        return set()
    out = set()
    for item in field.split():
        item = item.strip().rstrip(",")
        if "@" in item:
            out.add(int(item.rsplit("@", 1)[1]))
    return out


def municipal(nlp, path: Path) -> dict:
    from spacy.tokens import Doc

    rows = [l.split("\t") for l in path.read_text(encoding="utf-8").splitlines()
            if l.strip() and not l.startswith("#")]
    rows = [r for r in rows if len(r) >= 4 and r[0] != "id"]
    tp = fp = fn = 0
    u_total = u_pron = 0
    mistakes = []
    for r in rows:
        sent, gold_pass, gold_u = r[1], parse_items(r[2]), parse_items(r[3])
        words = split_tokens(sent)
        doc = Doc(nlp.vocab, words=words)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        pred = {t.i for t in doc if t.dep_ == "aux:pass"}
        tp += len(pred & gold_pass)
        fp += len(pred - gold_pass)
        fn += len(gold_pass - pred)
        if pred != gold_pass:
            mistakes.append({"id": r[0], "sentence": sent, "gold": sorted(gold_pass), "pred": sorted(pred)})
        for i in gold_u:
            if i < len(doc):
                u_total += 1
                u_pron += doc[i].pos_ == "PRON"
    p = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return {
        "sentences": len(rows),
        "u_uw_tokens": u_total,
        "u_uw_pron_share": round(u_pron / u_total, 3) if u_total else None,
        "passive_aux": {"gold": tp + fn, "predicted": tp + fp, "precision": round(p, 3),
                        "recall": round(rec, 3)},
        "passive_mistakes": mistakes,
    }


def imperatives(nlp, path: Path) -> dict:
    """Share of imperative sentences whose first word (the imperative) is tagged VERB, and is the root."""
    lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    wrong = []
    roots = 0
    for line in lines:
        doc = nlp(line)
        if doc[0].pos_ not in ("VERB", "AUX"):
            wrong.append(f"{doc[0].text}/{doc[0].pos_}")
        roots += doc[0].dep_ == "ROOT"
    return {"sentences": len(lines), "first_word_verb_share": round(1 - len(wrong) / len(lines), 3) if lines else None,
            "first_word_root": roots, "wrong": wrong}


def main(argv: list[str]) -> int:
    import spacy

    import helder.nlp.components  # noqa: F401  registers helder_blocks and helder_voice

    model = argv[0] if argv else str(DEFAULT_MODEL)
    nlp = spacy.load(model)
    if "helder_blocks" not in nlp.pipe_names:
        nlp.add_pipe("helder_blocks", before="parser")
    if "helder_voice" not in nlp.pipe_names:
        nlp.add_pipe("helder_voice", after="parser")
    res_dir = HERE / "results"
    res_dir.mkdir(exist_ok=True)
    test = HERE / "corpus" / "test.spacy"
    if test.is_file():
        # 1. the pipeline as shipped, on the test text with its paragraph breaks (as published)
        out = heldout(nlp, test, paragraphs=True)
        # 2. as measured before 2026-12-03: all sentences joined by spaces, so headings run into
        # the next sentence; without helder_blocks, whose rules expect line breaks between blocks
        joined = heldout(spacy.load(model, exclude=["helder_blocks"]), test, paragraphs=False)
        out["joined_by_spaces_without_helder_blocks"] = {
            k: v for k, v in joined.items() if k not in ("tokens", "sentences")}
        size = sum(f.stat().st_size for f in Path(model).rglob("*") if f.is_file()) if Path(model).is_dir() else None
        out["size_mb"] = round(size / 1e6, 1) if size else None
        (res_dir / "test.json").write_text(json.dumps(out, indent=2) + "\n")
        print("held-out UD test:", json.dumps(out))
    else:
        print("no training/corpus/test.spacy: run training/prepare.py first", file=sys.stderr)
    gz = ROOT / "corpora" / "gemeentezinnen" / "zinnen.tsv"
    if gz.is_file():
        raw = spacy.load(model, exclude=["helder_voice"])
        parser_only = municipal(raw, gz)
        out = municipal(nlp, gz)
        out["parser_only"] = {k: parser_only[k] for k in ("u_uw_pron_share", "passive_aux")}
        imp = ROOT / "corpora" / "gemeentezinnen" / "gebiedende-wijs.txt"
        if imp.is_file():
            out["imperatives"] = imperatives(nlp, imp)
            alone = imperatives(raw, imp)  # the statistical model without helder_voice
            out["imperatives"]["model_alone"] = {k: alone[k] for k in ("first_word_verb_share", "first_word_root")}
        (res_dir / "municipal.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        short = {k: v for k, v in out.items() if k != "passive_mistakes"}
        print("municipal sentences:", json.dumps(short))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
