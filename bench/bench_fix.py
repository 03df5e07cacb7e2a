"""What `helder check --fix` does to real texts, and what it costs beside the parse.

On the Amsterdam before/after pairs (``amsterdam-simplification/pairs.csv``, pairs whose two sides
differ) and the Leesplank Wikipedia paragraphs with their B1 rewrite (``leesplank-wikipedia-b1``):

- how many findings the safe fixes remove (findings of the original minus findings of the fixed
  original, document-level rules left out as in ``eval_quality.py``), how many fixes were applied and
  how many were refused because they would bring a new finding;
- whether the fixed original moves towards the rewrite: findings per 1,000 words and mean sentence
  LiNT-II score of original, fixed original and rewrite, and the share of pairs where the fixed
  original is word-for-word more like the rewrite than the original was (difflib ratio on words);
- the cost: time to analyse the originals (parse + figures + rules), time to apply the edits, and
  time for the one extra check of the fixed texts (a second parse of the texts that changed).

    python bench/bench_fix.py [--corpora ../shared/corpora] [--leesplank 1000] [--model NAME]
    -> bench/results/fix.json

Development figures: the safe rules (WK001, WK002, WK015) were written before this measurement, but
their lexicons were tuned on these corpora (see ``eval_quality.py``).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "fix.json"
DOC_LEVEL = frozenset({"LB004", "LB005", "WK010", "ST008"})


def _words(s: str) -> list[str]:
    return re.sub(r"\W+", " ", s.lower()).split()


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def findings(report) -> list:
    return [f for f in report.findings if f.code not in DOC_LEVEL]


def mean_lint(report) -> float | None:
    scores = [s.lint_score for s in report.sentences if s.lint_score is not None]
    return sum(scores) / len(scores) if scores else None


def words(report) -> int:
    return int(report.metric("words") or 0)


def per_1000(count: int, n_words: int) -> float:
    return round(1000.0 * count / n_words, 2) if n_words else 0.0


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 2) if values else None


def measure(originals: list[str], rewrites: list[str], options) -> dict:
    from helder.analysis import analyze_documents
    from helder.documents import from_string
    from helder.fixing import fixes_of
    from helder.fixing.apply import apply_edits, fix_document

    docs = [from_string(t) for t in originals]
    t0 = time.perf_counter()
    reports = list(analyze_documents(docs, options, batch_size=32))
    t_analyse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d, r in zip(docs, reports):
        apply_edits(d.source, fixes_of(r.findings))
    t_apply = time.perf_counter() - t0
    t0 = time.perf_counter()
    results = [fix_document(d, r, options) for d, r in zip(docs, reports)]
    t_fix = time.perf_counter() - t0
    rewritten = list(analyze_documents([from_string(t) for t in rewrites], options, batch_size=32))
    after = []
    for d, r, res in zip(docs, reports, results):
        if res.after is None:  # fixes were left out after the check: analyse what was written
            from helder.fixing.apply import analyze_source

            res.after, _ = analyze_source(d, res.text, options)
        after.append(res.after)
    n_orig = sum(words(r) for r in reports)
    n_fixed = sum(words(r) for r in after)
    n_rew = sum(words(r) for r in rewritten)
    f_orig = sum(len(findings(r)) for r in reports)
    f_fixed = sum(len(findings(r)) for r in after)
    changed = [i for i, res in enumerate(results) if res.changed]
    closer_findings = closer_lint = closer_words = 0
    for i in changed:
        o, fx, rw = reports[i], after[i], rewritten[i]
        po, pf, pr = (per_1000(len(findings(x)), max(1, words(x))) for x in (o, fx, rw))
        closer_findings += abs(pf - pr) < abs(po - pr)
        lo, lf, lr = mean_lint(o), mean_lint(fx), mean_lint(rw)
        if None not in (lo, lf, lr):
            closer_lint += abs(lf - lr) < abs(lo - lr)
        closer_words += similarity(results[i].text, rewrites[i]) > similarity(originals[i], rewrites[i])
    removed_by_rule: dict[str, int] = {}
    for res in results:
        for f in res.applied:
            removed_by_rule[f.code] = removed_by_rule.get(f.code, 0) + 1
    n_changed = len(changed)
    return {
        "texts": len(originals),
        "words_original": n_orig,
        "texts_changed_by_fix": n_changed,
        "fixes_applied": sum(len(r.applied) for r in results),
        "fixes_applied_by_rule": dict(sorted(removed_by_rule.items())),
        "fixes_refused_new_finding": sum(len(r.refused) for r in results),
        "unsafe_fixes_not_applied": sum(1 for r in reports for f in r.findings if f.fix and not f.fix.safe),
        "findings_original": f_orig,
        "findings_fixed": f_fixed,
        "findings_removed": f_orig - f_fixed,
        "findings_removed_share": round((f_orig - f_fixed) / f_orig, 4) if f_orig else None,
        "findings_per_1000_words": {"original": per_1000(f_orig, n_orig), "fixed": per_1000(f_fixed, n_fixed),
                                    "rewrite": per_1000(sum(len(findings(r)) for r in rewritten), n_rew)},
        "mean_sentence_lint_score": {"original": _mean(mean_lint(r) for r in reports),
                                     "fixed": _mean(mean_lint(r) for r in after),
                                     "rewrite": _mean(mean_lint(r) for r in rewritten)},
        "changed_texts_closer_to_rewrite": {
            "findings_per_1000_words": round(closer_findings / n_changed, 3) if n_changed else None,
            "mean_sentence_lint_score": round(closer_lint / n_changed, 3) if n_changed else None,
            "word_similarity": round(closer_words / n_changed, 3) if n_changed else None},
        "seconds": {"analyse_originals": round(t_analyse, 3), "apply_edits": round(t_apply, 4),
                    "fix_with_check": round(t_fix, 3),
                    "apply_edits_per_analysis": round(t_apply / t_analyse, 5) if t_analyse else None,
                    "fix_with_check_per_analysis": round(t_fix / t_analyse, 3) if t_analyse else None},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--leesplank", type=int, default=1000, help="Leesplank pairs to use (default: all 1000)")
    ap.add_argument("--model", default=None)
    args = ap.parse_args(argv)
    from helder.analysis import Options
    from helder.nlp import get_pipeline

    corpora = Path(args.corpora)
    nlp, info = get_pipeline(args.model)
    options = Options(model=args.model, checks=True, profile="brief", extra={"strict": True})
    out: dict = {"command": "python bench/bench_fix.py " + " ".join(argv if argv is not None else sys.argv[1:]),
                 "pipeline": info.name, "profile": "brief", "excluded_rules": sorted(DOC_LEVEL),
                 "note": "development figures (see the module text); seconds are wall time on a shared machine",
                 "parts": {}}
    path = corpora / "amsterdam-simplification" / "pairs.csv"
    if path.is_file():
        rows = [r for r in csv.DictReader(open(path, encoding="utf-8")) if _words(r["Complex"]) != _words(r["Simple"])]
        out["parts"]["amsterdam_pairs"] = measure([r["Complex"] for r in rows], [r["Simple"] for r in rows], options)
    else:
        out["parts"]["amsterdam_pairs"] = {"status": f"skipped: {path} is not there"}
    path = corpora / "leesplank-wikipedia-b1" / "pairs.jsonl"
    if path.is_file():
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()][:args.leesplank]
        out["parts"]["leesplank_b1"] = measure([r["original"] for r in rows],
                                               [r["simplified_reference"] for r in rows], options)
    else:
        out["parts"]["leesplank_b1"] = {"status": f"skipped: {path} is not there"}
    out["loadavg"] = list(os.getloadavg())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
