"""Write raw Dutch text for pretraining the token-to-vector layer (``spacy pretrain``).

Sources (read from ``../shared/corpora/``, never copied into the repository): the ministerial
circulars (formal government Dutch) and the original paragraphs of the Wikipedia/B1 pairs.
Output: ``training/corpus/raw.jsonl``, one ``{"text": paragraph}`` per line.
Usage: ``python training/prepare_raw.py [--max-words N]``
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "corpora"


def paragraphs(text: str):
    for block in text.split("\n\n"):
        block = " ".join(block.split())
        if len(block.split()) >= 5:
            yield block


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-words", type=int, default=1_500_000)
    args = ap.parse_args(argv)
    out = HERE / "corpus" / "raw.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        wiki = SHARED / "leesplank-wikipedia-b1" / "pairs.jsonl"
        for line in wiki.read_text(encoding="utf-8").splitlines():
            for p in paragraphs(json.loads(line)["original"]):
                fh.write(json.dumps({"text": p}, ensure_ascii=False) + "\n")
                n += len(p.split())
        for f in sorted((SHARED / "circulaires" / "texts").glob("*.txt")):
            for p in paragraphs(f.read_text(encoding="utf-8")):
                fh.write(json.dumps({"text": p}, ensure_ascii=False) + "\n")
                n += len(p.split())
            if n >= args.max_words:
                break
    print(f"{out}: {n} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
