"""Speed and memory of helder's core, written to ``bench/results/core.json``.

Measures, on this machine:

* ``pipeline_wps``: words per second of the Dutch spaCy pipeline alone, one process, as helder runs it
  (``helder.nlp.batching.pipe_texts``: long texts parsed in pieces); ``pipeline_whole_wps``: the same
  with plain ``nlp.pipe``, every text parsed whole;
* ``analyze_wps``: words per second of ``helder.analyze_text`` (parse + all metrics), one process,
  on ministerial circulars from ``../shared/corpora/circulaires/`` (skipped when absent) and on the
  project's own texts in ``corpora/schoon/``;
* ``check_wps`` and ``check_over_parse``: the same with the plain-language rules on, and how much a
  check costs relative to parsing alone, on a text of about 2,000 words;
* ``cold_score_seconds``: wall time of ``helder score`` on one short file in a fresh process (what a
  pre-commit hook pays), median of 3;
* ``peak_rss_mb``: peak resident memory of that process.

Usage: ``python bench/bench_core.py [--max-words N]``. Figures vary with the machine's load; the
README quotes the file this writes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "bench" / "results" / "core.json"

SHORT_TEXT = (
    "Beste bewoner,\n\nWij halen het grofvuil op maandag 3 maart op. Zet het voor 7.30 uur buiten. "
    "Heeft u vragen? Bel ons op 14 020.\n\nMet vriendelijke groet,\n\nGemeente Diemen\n"
)


def load_texts(max_words: int) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    circ = SHARED / "circulaires" / "texts"
    if circ.is_dir():
        texts, n = [], 0
        for f in sorted(circ.glob("*.txt")):
            t = f.read_text(encoding="utf-8")
            texts.append(t)
            n += len(t.split())
            if n >= max_words:
                break
        sets["circulaires"] = texts
    else:
        print(f"skip circulaires: {circ} not found", file=sys.stderr)
    own = ROOT / "corpora" / "schoon"
    if own.is_dir():
        sets["schoon"] = [f.read_text(encoding="utf-8") for f in sorted(own.glob("*.*")) if f.suffix in {".md", ".txt"}]
    return sets


def words_of(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def cold_score() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.txt"
        path.write_text(SHORT_TEXT, encoding="utf-8")
        # peak memory from VmHWM: ru_maxrss would carry over this (large) parent process's peak
        code = (
            "import re, sys, time; t=time.perf_counter();"
            "from helder.cli import main; rc=main(['score', sys.argv[1]]);"
            "hwm=int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1));"
            "sys.stderr.write('%f %f\\n' % (time.perf_counter()-t, hwm/1024))"
        )
        times, rss = [], []
        for _ in range(3):
            t0 = time.perf_counter()
            p = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
            times.append(time.perf_counter() - t0)
            rss.append(float(p.stderr.strip().split()[-1]))
        return statistics.median(times), max(rss)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-words", type=int, default=60_000)
    args = ap.parse_args(argv)

    import helder
    from helder.analysis import Options
    from helder.nlp import get_pipeline
    from helder.nlp.batching import pipe_texts

    nlp, info = get_pipeline(None)
    results: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                     "pipeline": info.name, "sets": {}}
    for name, texts in load_texts(args.max_words).items():
        n = words_of(texts)
        nlp("Warm op.")
        t_parse = timed(lambda: list(pipe_texts(nlp, texts, batch_size=8)))
        t_whole = timed(lambda: list(nlp.pipe(texts, batch_size=8)))
        t_an = timed(lambda: [helder.analyze_text(t, options=Options()) for t in texts])
        entry = {"texts": len(texts), "words": n,
                 "pipeline_wps": round(n / t_parse), "pipeline_whole_wps": round(n / t_whole),
                 "analyze_wps": round(n / t_an)}
        try:
            t_chk = timed(lambda: [helder.analyze_text(t, options=Options(checks=True)) for t in texts])
            entry["check_wps"] = round(n / t_chk)
        except Exception as exc:  # checks not available in this checkout
            entry["check_error"] = str(exc)
        results["sets"][name] = entry
        print(name, entry)
    # a ~2,000-word text: check cost relative to parse cost
    pool = " ".join(sum(load_texts(args.max_words).values(), [])).split()
    if len(pool) >= 2000:
        text = " ".join(pool[:2000])
        reps = 3
        t_parse = min(timed(lambda: nlp(text)) for _ in range(reps))
        try:
            from helder import checks, metrics
            from helder.documents import from_string

            document = from_string(text)
            doc = nlp(document.text)
            t_metrics = min(timed(lambda: metrics.compute(doc, parsed=True)) for _ in range(reps))
            result = metrics.compute(doc, parsed=True)
            t_rules = min(timed(lambda: checks.run_checks(document, doc, result, parsed=True,
                                                          options=Options(checks=True))) for _ in range(reps))
            t_chk = min(timed(lambda: helder.analyze_text(text, options=Options(checks=True))) for _ in range(reps))
            results["check_2000_words"] = {
                "parse_s": round(t_parse, 3), "metrics_s": round(t_metrics, 3), "rules_s": round(t_rules, 3),
                "whole_check_s": round(t_chk, 3),
                "rules_over_parse": round(t_rules / t_parse, 2),
                "whole_check_over_parse": round(t_chk / t_parse, 2)}
            print("2000 words:", results["check_2000_words"])
        except Exception as exc:
            results["check_2000_words"] = {"error": str(exc)}
    cold, rss = cold_score()
    results["cold_score_seconds"] = round(cold, 2)
    results["peak_rss_mb"] = round(rss)
    print("cold helder score:", results["cold_score_seconds"], "s; peak RSS", results["peak_rss_mb"], "MB")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
