"""Package a trained pipeline as helder's shipped Dutch model (``src/helder/models/nl_helder``).

* adds tokenizer exceptions for abbreviations that spaCy's Dutch rules split (``excl.``, ``tel.``, ...);
* writes name, version, licence (CC BY-SA 4.0, inherited from the UD training data), sources and the
  accuracy measured on the held-out UD test files (``training/results/test.json``, written by
  ``training/evaluate.py``) into the pipeline's meta.

Usage: ``python training/package.py training/output/model-best``
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEST = HERE.parent / "src" / "helder" / "models" / "nl_helder"

# Abbreviations common in Dutch government text. Only those spaCy's rules would split get added.
ABBREVIATIONS = """
excl. incl. tel. mob. fax. vnl. resp. bijv. bv. evt. ca. nr. nrs. art. artt. lid. blz. pag. p. pp.
m.u.v. i.o.m. t.b.v. m.b.t. t.a.v. i.v.m. o.a. d.m.v. z.s.m. n.a.v. i.p.v. m.i.v. t.z.t. c.q. e.d.
o.b.v. i.s.m. t.o.v. a.u.b. s.v.p. d.w.z. z.o.z. m.n. t/m o.l.v. i.c.m. m.a.w. p.p. p.j. p.m.
jl. a.s. d.d. wo. vs. ca. max. min. gem. geb. ovl. wetsart. stb. stcrt. kamerst. hfdst. par. sub.
mr. mw. mevr. dhr. drs. ir. ing. dr. prof. bc. st. zn. jr. sr. e.a. afd. o.v.v. hr.
""".split()


def add_abbreviations(nlp) -> list[str]:
    from spacy.symbols import NORM, ORTH

    added = []
    for abbr in dict.fromkeys(ABBREVIATIONS):
        for form in dict.fromkeys((abbr, abbr[:1].upper() + abbr[1:])):  # in a fixed order
            if len(nlp.tokenizer(form)) > 1:
                nlp.tokenizer.add_special_case(form, [{ORTH: form, NORM: abbr}])
                added.append(form)
    return added


def main(argv: list[str]) -> int:
    import spacy

    src = Path(argv[0]) if argv else HERE / "output" / "model-best"
    import helder.nlp.components  # noqa: F401  registers the helder_voice factory

    nlp = spacy.load(src)
    added = add_abbreviations(nlp)
    if "helder_voice" not in nlp.pipe_names:
        nlp.add_pipe("helder_voice", after="parser")
    if "helder_blocks" not in nlp.pipe_names:
        nlp.add_pipe("helder_blocks", before="parser")
    results = HERE / "results" / "test.json"
    meta = dict(nlp.meta)
    meta.update(
        {
            "lang": "nl",
            "name": "helder",
            "version": "0.3.0",
            "description": "Dutch pipeline for helder: tagger (Lassy XPOS), morphologizer (UPOS + features), "
            "trainable lemmatizer and dependency parser, trained on Universal Dependencies Dutch "
            "(Alpino and LassySmall; the 2017 conversions harmonised to the v2.16 scheme) with formal-address "
            "(u/uw) and imperative augmentation. CPU, no word vectors.",
            "license": "CC BY-SA 4.0",
            "author": "helder contributors",
            "sources": [
                {"name": "UD_Dutch-Alpino", "url": "https://universaldependencies.org/treebanks/nl_alpino/", "license": "CC BY-SA 4.0"},
                {"name": "UD_Dutch-LassySmall", "url": "https://universaldependencies.org/treebanks/nl_lassysmall/", "license": "CC BY-SA 4.0"},
            ],
            "spacy_version": ">=3.7.4,<3.9.0",  # measured the same under 3.7 and 3.8 (README)
            "tokenizer_exceptions_added": added,
        }
    )
    if results.is_file():
        meta["performance_heldout_test"] = json.loads(results.read_text())
    nlp.meta.clear()
    nlp.meta.update(meta)
    if DEST.exists():
        shutil.rmtree(DEST)
    nlp.to_disk(DEST)
    size = sum(f.stat().st_size for f in DEST.rglob("*") if f.is_file())
    print(f"packaged {src} -> {DEST} ({size / 1e6:.1f} MB); {len(added)} tokenizer exceptions added")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
