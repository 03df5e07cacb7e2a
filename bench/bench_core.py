"""Speed and memory of helder's core, written to ``bench/results/core.json``.

Measures, on this machine:

* ``pipeline_wps``: words per second of the Dutch spaCy pipeline alone, one process, as helder runs it
  (``helder.nlp.batching.pipe_texts``: long texts parsed in pieces); ``pipeline_whole_wps``: the same
  with plain ``nlp.pipe``, every text parsed whole;
* ``analyze_wps``: words per second of ``helder.analyze_text`` (parse + all metrics), one process,
  on a long ministerial circular from ``../shared/corpora/circulaires/`` (skipped when absent) and on
  the short texts of the project's own ``corpora/schoon/``;
* ``check_wps`` and ``check_over_analyze``: the same with the plain-language rules on, and a full
  check's speed as a fraction of ``analyze_text``'s (issue 17's target: at least 0.85);
* ``rules_cpu_s``: CPU seconds of the rule phase alone on the same texts, parsed once (process time,
  so less disturbed by other work on the machine than the wall-clock figures);
* ``check_2000_words``: on a text of about 2,000 words, parse, figures and rules timed apart;
* ``cold_start``: wall time of ``helder check`` on a short file in a fresh process, against a fresh
  process that only imports spaCy and loads the pipeline (``baseline_s``), and the same cold start
  broken down by step in one process (``steps``); the first run builds helder's cache files, so one
  unmeasured run goes first;
* ``cold_score_seconds`` and ``peak_rss_mb``: ``helder score`` on one short file from a cold start.

Other work on the machine changes every figure, so the measurements are taken in ``--rounds`` rounds
(default 3) whose order rotates, the medians are reported, and the load average before and after is
recorded (``loadavg``). Usage: ``python bench/bench_core.py [--max-words N] [--rounds N] [--corpora DIR]``; the README
quotes the file this writes.
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


STEPS_CODE = """
import json, sys, time
T = time.perf_counter
steps = {}
t = T(); import spacy; steps["import_spacy"] = T() - t
t = T(); from helder.nlp import get_pipeline; get_pipeline(None); steps["load_pipeline"] = T() - t
t = T(); import helder.cli, helder.analysis; steps["import_helder"] = T() - t
t = T(); from helder.metrics.frequency import lexicon; lexicon().frequencies.get("ik"); steps["lint_lexicon"] = T() - t
t = T(); from helder.morphology import zipf; zipf("gemeente"); steps["wordfreq"] = T() - t
t = T(); from helder.metrics.syllables import count_syllables; count_syllables("gemeente"); steps["hyphenation"] = T() - t
t = T(); from helder.checks import load_profile, load_rules; load_rules(); load_profile("brief"); steps["rules_profile"] = T() - t
t = T(); from helder import analyze_text; analyze_text(open(sys.argv[1], encoding="utf-8").read(), checks=True)
steps["analysis"] = T() - t
print(json.dumps(steps))
"""

BASELINE_CODE = "import spacy; from helder.nlp.loader import shipped_model_path; spacy.load(shipped_model_path())"


def _wall(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"{cmd[:4]} failed: {p.stderr[-500:]}")
    return time.perf_counter() - t0


def cold_start(rounds: int) -> dict:
    """``helder check`` on a short file, cold, against ``import spacy`` + loading the pipeline."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.txt"
        path.write_text(SHORT_TEXT, encoding="utf-8")
        check = [sys.executable, "-m", "helder", "check", str(path)]
        baseline = [sys.executable, "-c", BASELINE_CODE]
        steps_cmd = [sys.executable, "-c", STEPS_CODE, str(path)]
        _wall(check)  # builds the cache files (lexicon, word frequencies, ...) if they are not there yet
        checks, bases, steps = [], [], []
        for r in range(rounds):
            for job in (("check", "base", "steps") if r % 2 == 0 else ("steps", "base", "check")):
                if job == "check":
                    checks.append(_wall(check))
                elif job == "base":
                    bases.append(_wall(baseline))
                else:
                    out = subprocess.run(steps_cmd, capture_output=True, text=True, check=True).stdout
                    steps.append(json.loads(out.strip().splitlines()[-1]))
    med = statistics.median
    return {"check_s": round(med(checks), 2), "baseline_s": round(med(bases), 2),
            "check_minus_baseline_s": round(med(checks) - med(bases), 2),
            "steps": {k: round(med(s[k] for s in steps), 3) for k in steps[0]},
            "rounds": rounds}


def measure_set(nlp, texts: list[str], rounds: int) -> dict:
    """Pipeline, analyze and check over ``texts``, in rotating order per round; medians."""
    import helder
    from helder.analysis import Options
    from helder.nlp.batching import pipe_texts

    jobs = {
        "pipeline": lambda: list(pipe_texts(nlp, texts, batch_size=8)),
        "pipeline_whole": lambda: list(nlp.pipe(texts, batch_size=8)),
        "analyze": lambda: [helder.analyze_text(t, options=Options()) for t in texts],
        "check": lambda: [helder.analyze_text(t, options=Options(checks=True)) for t in texts],
    }
    jobs["check"]()  # warm: rules, lexicons, caches
    names = list(jobs)
    times: dict[str, list[float]] = {k: [] for k in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for k in order:
            times[k].append(timed(jobs[k]))
    n = words_of(texts)
    t = {k: statistics.median(v) for k, v in times.items()}
    return {"texts": len(texts), "words": n,
            "pipeline_wps": round(n / t["pipeline"]), "pipeline_whole_wps": round(n / t["pipeline_whole"]),
            "analyze_wps": round(n / t["analyze"]), "check_wps": round(n / t["check"]),
            "check_over_analyze": round(t["analyze"] / t["check"], 3),
            "rules_cpu_s": rules_cpu(nlp, texts, rounds)}


def rules_cpu(nlp, texts: list[str], rounds: int) -> float:
    """CPU seconds (``time.process_time``, median of ``rounds``) of the rule phase alone
    (``helder.checks.run_checks``) over ``texts``, each parsed once: less sensitive to other work on
    the machine than the wall-clock figures."""
    from helder import checks, metrics
    from helder.analysis import Options
    from helder.documents import from_string
    from helder.nlp.batching import pipe_texts

    documents = [from_string(t) for t in texts]
    parsed = [(d, doc, metrics.compute(doc, parsed=True))
              for d, doc in zip(documents, pipe_texts(nlp, [d.text for d in documents], batch_size=8))]
    options = Options(checks=True)
    cpu = []
    for _ in range(rounds):
        t0 = time.process_time()
        for document, doc, result in parsed:
            checks.run_checks(document, doc, result, parsed=True, options=options)
        cpu.append(time.process_time() - t0)
    return round(statistics.median(cpu), 3)


def main(argv: list[str] | None = None) -> int:
    global SHARED
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-words", type=int, default=60_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--corpora", default=str(SHARED), help="the development corpora (default ../shared/corpora)")
    args = ap.parse_args(argv)
    SHARED = Path(args.corpora)

    import helder
    from helder.analysis import Options
    from helder.nlp import get_pipeline

    nlp, info = get_pipeline(None)
    results: dict = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                     "pipeline": info.name, "loadavg": {"start": list(os.getloadavg())}, "sets": {}}
    for name, texts in load_texts(args.max_words).items():
        nlp("Warm op.")
        entry = measure_set(nlp, texts, args.rounds)
        results["sets"][name] = entry
        print(name, entry)
    # a ~2,000-word text: check cost relative to parse cost
    pool = " ".join(sum(load_texts(args.max_words).values(), [])).split()
    if len(pool) >= 2000:
        text = " ".join(pool[:2000])
        reps = 3
        t_parse = min(timed(lambda: nlp(text)) for _ in range(reps))
        from helder import checks, metrics
        from helder.documents import from_string

        document = from_string(text)
        doc = nlp(document.text)
        t_metrics = min(timed(lambda: metrics.compute(doc, parsed=True)) for _ in range(reps))
        result = metrics.compute(doc, parsed=True)
        t_rules = min(timed(lambda: checks.run_checks(document, doc, result, parsed=True,
                                                      options=Options(checks=True))) for _ in range(reps))
        t_an = min(timed(lambda: helder.analyze_text(text, options=Options())) for _ in range(reps))
        t_chk = min(timed(lambda: helder.analyze_text(text, options=Options(checks=True))) for _ in range(reps))
        results["check_2000_words"] = {
            "parse_s": round(t_parse, 3), "metrics_s": round(t_metrics, 3), "rules_s": round(t_rules, 3),
            "analyze_s": round(t_an, 3), "whole_check_s": round(t_chk, 3),
            "rules_over_parse": round(t_rules / t_parse, 2),
            "check_over_analyze": round(t_an / t_chk, 3)}
        print("2000 words:", results["check_2000_words"])
    results["cold_start"] = cold_start(args.rounds)
    print("cold start:", results["cold_start"])
    cold, rss = cold_score()
    results["cold_score_seconds"] = round(cold, 2)
    results["peak_rss_mb"] = round(rss)
    print("cold helder score:", results["cold_score_seconds"], "s; peak RSS", results["peak_rss_mb"], "MB")
    results["loadavg"]["end"] = list(os.getloadavg())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
