"""Many files: one ``helder check`` call for 200 Markdown files against one call per file.

Writes ``bench/results/many_files.json``. The 200 files are made from the project's own web pages in
``corpora/schoon/*.md`` (each file one page, with its title numbered so no two files are the same;
about 300 words each), in a temporary folder.

* ``one_call``: ``helder check --format json DIR`` on all 200 files in one fresh process (the pipeline
  loads once, all files go through ``nlp.pipe``); wall time, and per file;
* ``separate_calls``: ``helder check --format json FILE`` in a fresh process per file, as a naive
  script or a pre-commit hook without ``require_serial`` would do. Running 200 of them takes long, so
  it runs a sample of ``--sample`` files (default 10, spread over the set) and extrapolates: the mean
  seconds per call times 200. The JSON says so (``extrapolated_from``);
* ``speedup_per_file``: seconds per file of separate calls divided by seconds per file of one call;
* optionally ``--jobs N``: the one call with ``--jobs N`` too.

Usage: ``python bench/bench_many_files.py [--files 200] [--sample 10] [--jobs 2]``. Wall-clock times
depend on the machine and its load (the CPU count and load average are recorded); the ratio is the
figure to quote.
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
OUT = ROOT / "bench" / "results" / "many_files.json"
HELDER = [sys.executable, "-m", "helder"]


def make_files(folder: Path, n: int) -> list[Path]:
    pages = sorted((ROOT / "corpora" / "schoon").glob("*.md"))
    if not pages:
        raise SystemExit("corpora/schoon/*.md not found")
    texts = [p.read_text(encoding="utf-8") for p in pages]
    out = []
    for i in range(n):
        text = texts[i % len(texts)]
        lines = text.splitlines()
        if lines and lines[0].startswith("# "):
            lines[0] = f"{lines[0]} ({i + 1})"
        path = folder / f"pagina-{i + 1:03d}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out.append(path)
    return out


def timed(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    p = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=3600)
    elapsed = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({p.returncode}): {p.stderr.strip()[:500]}")
    return elapsed, p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--sample", type=int, default=10, help="separate calls actually run (then extrapolated)")
    ap.add_argument("--jobs", type=int, default=0, help="also time the one call with --jobs N (0: skip)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="helder-bench-") as tmp:
        folder = Path(tmp) / "site"
        folder.mkdir()
        files = make_files(folder, args.files)
        words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
        base = [*HELDER, "check", "--no-config", "--format", "json"]

        one_s, p = timed([*base, str(folder)], Path(tmp))
        data = json.loads(p.stdout)
        assert len(data["files"]) == len(files), "not every file was checked"
        findings = data["summary"]["findings"]

        step = max(1, len(files) // args.sample)
        sample = files[::step][: args.sample]
        separate = []
        for f in sample:
            s, _ = timed([*base, str(f)], Path(tmp))
            separate.append(s)
        per_call = statistics.mean(separate)

        result = {
            "benchmark": "many_files",
            "files": len(files),
            "words": words,
            "findings": findings,
            "one_call": {"seconds": round(one_s, 2), "seconds_per_file": round(one_s / len(files), 4)},
            "separate_calls": {
                "seconds_per_file": round(per_call, 3),
                "seconds_total_estimated": round(per_call * len(files), 1),
                "extrapolated_from": f"{len(sample)} separate calls (median {statistics.median(separate):.2f} s, "
                                     f"min {min(separate):.2f} s, max {max(separate):.2f} s), times {len(files)}",
            },
            "speedup_per_file": round(per_call / (one_s / len(files)), 1),
        }
        if args.jobs:
            jobs_s, _ = timed([*base, "--jobs", str(args.jobs), str(folder)], Path(tmp))
            result["one_call_jobs"] = {"jobs": args.jobs, "seconds": round(jobs_s, 2),
                                       "seconds_per_file": round(jobs_s / len(files), 4)}
        result["machine"] = {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
            "platform": platform.platform(),
        }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
