"""``helder audit`` on the circulars corpus: local engine at --jobs 1 and 2, a local Dask cluster of 2.

Writes ``bench/results/audit.json``. Every run is a fresh ``python -m helder audit FOLDER --out TMP``
process (pipeline loading included). Per run:

* ``words``: words analysed (from ``pages.parquet``); ``wall_seconds``; ``words_per_second`` (wall);
* ``cpu_seconds``: user + system time of the run and all its processes (``RUSAGE_CHILDREN``), and
  ``words_per_cpu_second``: the throughput of one busy core, which does not depend on how many other
  programs share the machine (the wall-clock figures do: ``loadavg`` is recorded before and after);
* ``peak_rss_mb``: the peak resident memory of every process of the run (sampled every 0.2 s with
  psutil), the largest of the workers as ``peak_worker_mb``.

``national``: from the best ``words_per_cpu_second``, what 15 billion words cost in core-hours, and how
many one-core workers finish them in 24 hours; ``national_per_run`` the same from every run, and from its
wall-clock rate per worker (what a worker of that run did on this machine, waiting included).

``code``: the commit measured (``git rev-parse HEAD``), whether ``src/`` had uncommitted changes, and
helder's version; ``loadavg_max`` per run: the highest 1-minute load average seen while it ran.

``cpu_seconds_per_process`` and ``busiest_path_cpu_seconds`` (the busiest worker's CPU time plus the
main process's): about what the run takes on an idle machine with a core per worker.

``--check``: also ``helder check --format json`` on the same files: ``--jobs 1`` and ``--jobs 2`` with
this tree's code and, when ``--before SRC`` is given (e.g. ``/work/main/src``), ``--jobs 2`` with that
code (the slowdown of issue 14; ``--jobs 1`` runs the same code before and after).

Usage: ``nice python bench/bench_audit.py [--limit 12] [--runs local1,local2,dask] [--check] [--before SRC]
[--out FILE]``. ``--limit N`` takes N files spread evenly over the sorted corpus (every k-th file), so the
sample has long and short texts; without it the whole corpus (1.77 M words, 398 files) is audited: about
20 minutes of both cores of a quiet 2-core machine for the three runs. ``--runs`` picks some of the runs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "audit.json"
CORPUS_CANDIDATES = [ROOT.parent / "shared" / "corpora" / "circulaires" / "texts",
                     Path("/work/shared/corpora/circulaires/texts")]
NATIONAL_WORDS = 15_000_000_000


def corpus(path: str | None) -> Path:
    for p in ([Path(path)] if path else CORPUS_CANDIDATES):
        if p.is_dir():
            return p
    raise SystemExit("circulars corpus not found; give --corpus PATH")


def sample(files: list[Path], limit: int | None) -> list[Path]:
    if not limit or limit >= len(files):
        return files
    step = len(files) / limit
    return [files[int(i * step)] for i in range(limit)]


class Memory:
    """Peak RSS per process of a process tree, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peaks: dict[int, tuple[str, int]] = {}
        self.cpu: dict[int, float] = {}
        self.load = os.getloadavg()[0]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import psutil

        while not self.stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            for p in procs:
                try:
                    rss = p.memory_info().rss
                    kind = "main" if p.pid == self.root.pid else _kind(p.cmdline())
                    times = p.cpu_times()
                    self.cpu[p.pid] = times.user + times.system
                except psutil.Error:
                    continue
                old = self.peaks.get(p.pid, (kind, 0))
                self.peaks[p.pid] = (kind, max(old[1], rss))
            self.load = max(self.load, os.getloadavg()[0])
            time.sleep(0.2)

    def close(self) -> dict:
        self.stop.set()
        self.thread.join()
        by_kind: dict[str, list[int]] = {}
        cpu_by_kind: dict[str, list[float]] = {}
        for pid, (kind, rss) in self.peaks.items():
            by_kind.setdefault(kind, []).append(round(rss / 2**20))
            cpu_by_kind.setdefault(kind, []).append(round(self.cpu.get(pid, 0.0), 1))
        return ({k: sorted(v, reverse=True) for k, v in by_kind.items()},
                {k: sorted(v, reverse=True) for k, v in cpu_by_kind.items()})


def _kind(cmdline: list[str]) -> str:
    """A child process is a worker unless it is multiprocessing's resource tracker."""
    return "other" if "resource_tracker" in " ".join(cmdline) else "worker"


def run(cmd: list[str], env: dict) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    mem = Memory(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    peaks, cpu_per_process = mem.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    workers = cpu_per_process.get("worker", [])
    # on an idle machine with a core per worker the run takes about as long as its busiest worker,
    # plus what the main process does itself (an upper bound: some of that overlaps the workers)
    critical = max(workers, default=0.0) + _serial_main(cpu_per_process)
    return {"wall_seconds": round(wall, 1), "cpu_seconds": round(cpu, 1), "peak_rss_mb": peaks,
            "cpu_seconds_per_process": cpu_per_process, "busiest_path_cpu_seconds": round(critical, 1),
            "loadavg_before": [round(x, 2) for x in load], "loadavg_after": [round(x, 2) for x in os.getloadavg()],
            "loadavg_max": round(mem.load, 2),
            "stdout_tail": out[-300:]}


def _serial_main(cpu: dict) -> float:
    """The main process's CPU time (its own reading, joining and checking of split documents)."""
    return cpu.get("main", [0.0])[0]


def audit_run(name: str, args: list[str], workers_used: int, folder: Path, env: dict) -> dict:
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp:
        out = Path(tmp) / "audit"
        result = run([sys.executable, "-m", "helder", "audit", str(folder), "--out", str(out), *args], env)
        pages = pq.read_table(out / "pages.parquet", columns=["url", "status", "reason", "words"]).to_pylist()
    words = sum(p["words"] or 0 for p in pages)
    peaks = result["peak_rss_mb"]
    workers = peaks.get("worker") or peaks.get("main") or [0]
    result.update(name=name, args=args, documents=len(pages), ok=sum(p["status"] == "ok" for p in pages),
                  not_ok=[{"file": Path(p["url"]).name, "status": p["status"], "reason": p["reason"]}
                          for p in pages if p["status"] != "ok"],
                  workers=workers_used,
                  words=words, words_per_second=round(words / result["wall_seconds"]),
                  words_per_cpu_second=round(words / max(result["cpu_seconds"], 1e-9)),
                  peak_worker_mb=max(workers))
    print(json.dumps({k: result[k] for k in ("name", "words", "wall_seconds", "cpu_seconds", "words_per_second",
                                             "words_per_cpu_second", "peak_worker_mb", "cpu_seconds_per_process",
                                             "busiest_path_cpu_seconds")}), flush=True)
    return result


def check_runs(files: list[Path], env: dict, before: str | None) -> list[dict]:
    trees = [("this branch", env["PYTHONPATH"], (1, 2))] + ([("before", before, (2,))] if before else [])
    out = []
    for label, src, job_counts in trees:  # --jobs 1 runs the same code before and after the change
        for jobs in job_counts:
            e = dict(env, PYTHONPATH=src)
            r = run([sys.executable, "-m", "helder", "check", "--format", "json", "--jobs", str(jobs),
                     *map(str, files)], e)
            r.pop("stdout_tail")
            r.update(code=label, jobs=jobs)
            keys = ("code", "jobs", "wall_seconds", "cpu_seconds", "cpu_seconds_per_process", "busiest_path_cpu_seconds")
            print(json.dumps({k: r[k] for k in keys}), flush=True)
            out.append(r)
    return out


def national(runs: list[dict]) -> dict:
    best = max(runs, key=lambda r: r["words_per_cpu_second"])
    per_core = best["words_per_cpu_second"]
    core_hours = NATIONAL_WORDS / per_core / 3600
    return {"words": NATIONAL_WORDS, "from_run": best["name"], "words_per_core_second": per_core,
            "core_hours": round(core_hours), "workers_for_one_day": math.ceil(core_hours / 24),
            "note": "one worker = one busy core (CPU time, not wall time); fetching pages and stragglers not included"}


def national_per_run(runs: list[dict]) -> list[dict]:
    """Per run: core-hours from its CPU rate; and workers for one day from its wall rate per worker."""
    out = []
    for r in runs:
        core_hours = NATIONAL_WORDS / max(r["words_per_cpu_second"], 1) / 3600
        per_worker_wall = r["words_per_second"] / r["workers"]
        out.append({"run": r["name"], "core_hours": round(core_hours),
                    "workers_for_one_day_cpu": math.ceil(core_hours / 24),
                    "words_per_second_per_worker_wall": round(per_worker_wall),
                    "workers_for_one_day_wall": math.ceil(NATIONAL_WORDS / max(per_worker_wall, 1) / 86400)})
    return out


def code_version() -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                                  check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    from importlib.metadata import PackageNotFoundError, version

    try:
        helder_version = version("helder")
    except PackageNotFoundError:
        helder_version = ""
    return {"commit": git("rev-parse", "HEAD"), "branch": git("rev-parse", "--abbrev-ref", "HEAD"),
            "uncommitted_changes_in_src": bool(git("status", "--porcelain", "--untracked-files=no", "--", "src")),
            "helder_version": helder_version, "src": str(ROOT / "src")}


RUNS = {"local1": ("local --jobs 1", ["--jobs", "1"], 1), "local2": ("local --jobs 2", ["--jobs", "2"], 2),
        "dask": ("dask LocalCluster --workers 2", ["--engine", "dask", "--workers", "2"], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--limit", type=int, default=None, help="audit N files spread over the corpus")
    ap.add_argument("--check", action="store_true", help="also time helder check --jobs 1 and 2")
    ap.add_argument("--before", default=None, help="src folder of the code before the fix, for --check")
    ap.add_argument("--runs", default="local1,local2,dask", help="some of: local1, local2, dask")
    ap.add_argument("--skip-dask", action="store_true", help="the same as leaving dask out of --runs")
    ap.add_argument("--out", default=str(OUT), help="where the JSON goes (default bench/results/audit.json)")
    args = ap.parse_args()
    chosen = [r for r in args.runs.split(",") if r and not (args.skip_dask and r == "dask")]
    unknown = [r for r in chosen if r not in RUNS]
    if unknown or not chosen:
        raise SystemExit(f"--runs: choose from {', '.join(RUNS)}")
    files = sample(sorted(corpus(args.corpus).glob("*.txt")), args.limit)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        for f in files:
            shutil.copyfile(f, folder / f.name)
        runs = [audit_run(*RUNS[r], folder, env) for r in chosen]
        checks = check_runs(files, env, args.before) if args.check else []
    result = {
        "benchmark": "helder audit on the circulars corpus",
        "command": " ".join(["python", "bench/bench_audit.py", *sys.argv[1:]]),
        "code": code_version(),
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "bench_seconds": round(time.time() - started),
        "words": runs[0]["words"], "same_words_in_every_run": len({r["words"] for r in runs}) == 1,
        "corpus": "circulaires/texts", "files": len(files), "file_names": [f.name for f in files],
        "sample": (f"every {len(sorted(corpus(args.corpus).glob('*.txt'))) / len(files):.1f}th file"
                   if args.limit else "all"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        "runs": runs, "national": national(runs), "national_per_run": national_per_run(runs),
        "check_jobs": checks,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
