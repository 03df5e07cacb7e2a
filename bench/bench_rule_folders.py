"""Cold start of ``helder check`` with and without an organisation rule folder (issue 13 item 7, issue 17).

Each round runs, in rotating order, fresh processes of: ``import spacy`` + loading the pipeline (the
baseline of issue 17), ``helder check`` on a short letter without configuration, and the same with a
``helder.toml`` whose ``rule-folders`` names ``tests/data/org-regels/goed`` (five rules, a word list).
Also, timed after the imports in a fresh process: finding the configuration, ``load_rules()`` and the
profile, without a folder, with the folder from the rule cache, and with an empty cache (every file
read and validated). Medians go to ``bench/results/rule_folders.json`` under
``--label`` (run once with ``PYTHONPATH`` at the code before the change, once after, to compare).

    nice python bench/bench_rule_folders.py --label after --rounds 7
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "data" / "org-regels" / "goed"
LETTER = ("Beste inwoner,\n\nNeem contact op met VTH over uw aanvraag. Wij sturen u terstond een bericht.\n\n"
          "Met vriendelijke groet,\n\nGemeente Diemen\n")
BASELINE = "import spacy; from helder.nlp.loader import shipped_model_path; spacy.load(shipped_model_path())"
#: rules (and the configuration) in a fresh process, timed after the imports: what the folders add
LOAD_RULES = ("import os, time, spacy, spacy.matcher; from helder.config import discover; from helder.checks import engine; from helder.checks import load_rules, "
              "load_profile; t = time.perf_counter(); discover(); n = len(load_rules()); load_profile('brief'); "
              "print(n, time.perf_counter() - t)")


def _wall(cmd: list[str], cwd: Path, env: dict) -> float | None:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        return None  # the code under test does not know rule-folders (before the change)
    return time.perf_counter() - t0


def _load_rules(cwd: Path, env: dict) -> tuple[int, float] | None:
    p = subprocess.run([sys.executable, "-c", LOAD_RULES], cwd=cwd, env=env, capture_output=True, text=True)
    if p.returncode:
        return None
    n, seconds = p.stdout.split()
    return int(n), float(seconds)


def measure(rounds: int) -> dict:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        plain, org = Path(tmp) / "plain", Path(tmp) / "org"
        for d in (plain, org):
            d.mkdir()
            (d / "brief.txt").write_text(LETTER, encoding="utf-8")
        (org / "helder.toml").write_text(f'rule-folders = ["{FOLDER}"]\n', encoding="utf-8")
        jobs = {
            "baseline": ([sys.executable, "-c", BASELINE], plain),
            "check": ([sys.executable, "-m", "helder", "check", "brief.txt"], plain),
            "check_with_folder": ([sys.executable, "-m", "helder", "check", "brief.txt"], org),
        }
        for cmd, cwd in jobs.values():
            _wall(cmd, cwd, env)  # fills the caches (lexicons, word frequencies, rule cache)
        times: dict[str, list[float]] = {k: [] for k in jobs}
        names = list(jobs)
        for r in range(rounds):
            for name in names[r % 3:] + names[:r % 3]:
                t = _wall(*jobs[name], env)
                if t is not None:
                    times[name].append(t)
        plain_rules = [_load_rules(plain, env) for _ in range(rounds)]
        cached = [_load_rules(org, env) for _ in range(rounds)]
        empty = []
        for i in range(rounds):
            cold_env = dict(env, HELDER_CACHE_DIR=str(Path(tmp) / f"cache-{i}"))
            empty.append(_load_rules(org, cold_env))
    med = statistics.median
    out = {k: round(med(v), 3) if v else None for k, v in times.items()}
    if out["check"] is not None and out["baseline"] is not None:
        out["check_minus_baseline_s"] = round(out["check"] - out["baseline"], 3)
    if out["check_with_folder"] is not None and out["baseline"] is not None:
        out["check_with_folder_minus_baseline_s"] = round(out["check_with_folder"] - out["baseline"], 3)
    if all(plain_rules):
        out["load_rules_s"] = round(med(s for _, s in plain_rules), 4)
    if all(cached) and all(empty):
        out["load_rules_with_folder_cached_s"] = round(med(s for _, s in cached), 4)
        out["load_rules_with_folder_empty_cache_s"] = round(med(s for _, s in empty), 4)
        out["rules_with_folder"] = cached[0][0]
    out["rounds"] = rounds
    out["loadavg"] = [round(x, 2) for x in os.getloadavg()]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--label", default="after", help="key in the results file (before/after)")
    args = ap.parse_args()
    import helder

    result = measure(args.rounds)
    result["helder_source"] = str(Path(helder.__file__).parent)
    path = ROOT / "bench" / "results" / "rule_folders.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data[args.label] = result
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
