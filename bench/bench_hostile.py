"""Hostile input and large normal text: time and peak memory of ``helder check`` per case.

Writes ``bench/results/hostile.json``. Every case runs as its own subprocess
(``python -m helder check --format json --no-config FILE``); its wall time is measured around the
process and its peak memory (largest resident set, the reading subprocess for Word/PDF included) comes
from ``os.wait4``'s resource usage of that child. Each run has a safety limit on its address space
(``--memory``, default 10 GB) and time (``--wall``, default 900 s); a case that hits one is
recorded as such.

* ``cases``: the hostile inputs of issue 15 (``tests/hostile_inputs.py``, generated, full size; a FIFO
  as input and as configuration file), with helder's default budgets (``--timeout``, ``--max-memory``);
  ``outcome`` is the first line helder wrote on stderr, or "report" when it checked the file;
* ``normal``: plain Dutch text of 0.1, 1 and 5 MB (and 20 MB with ``--big``) made from the circulars
  in ``/work/shared/corpora/circulaires/texts`` (repeated when needed, paragraphs kept), run with
  ``--timeout 0 --max-memory 0`` so the cost itself is measured; ``seconds_per_mb`` and ``mb_rss_per_mb``
  show whether growth is linear. Skipped with a message when the corpus is absent.

Usage: ``nice python bench/bench_hostile.py [--big] [--only NAME ...] [--skip-normal] [--skip-hostile]``;
a partial run (``--only``, ``--skip-…``) updates its rows in the JSON and keeps the others.
Wall-clock times depend on the machine and its load (recorded as ``loadavg``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "hostile.json"
CORPUS = ROOT.parent / "shared" / "corpora" / "circulaires" / "texts"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpora/circulaires/texts")
sys.path.insert(0, str(ROOT / "tests"))

from hostile_inputs import CASES  # noqa: E402

NORMAL_MB = (0.1, 1, 5)
BIG_MB = 20


def run(args: list[str], cwd: Path, *, memory_gb: float, wall: float, stdin: bytes | None = None) -> dict:
    """One helder process: exit code, seconds, peak MB and its first line on stderr."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), HELDER_GRAMMAR="0")
    limit = int(memory_gb * 1024**3)

    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        os.setsid()

    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "helder", *args], cwd=cwd, env=env, preexec_fn=preexec,
                            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass

    timer = threading.Timer(wall, kill)
    timer.start()
    err = bytearray()

    def drain() -> None:
        if stdin is not None:
            try:
                proc.stdin.write(stdin)
                proc.stdin.close()
            except OSError:
                pass
        err.extend(proc.stderr.read())

    reader = threading.Thread(target=drain)
    reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    timer.cancel()
    reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = err.decode("utf-8", "replace")
    first = next((line for line in text.splitlines() if line.strip()), "")
    return {
        "exit": proc.returncode,
        "seconds": round(seconds, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "killed_after_wall": timed_out.is_set(),
        "traceback": "Traceback" in text,
        "outcome": first[:160] if first else "report",
    }


def hostile(folder: Path, names: list[str] | None, memory_gb: float, wall: float) -> list[dict]:
    out = []
    for case, make in CASES.items():
        if names and case not in names:
            continue
        name, data = make(1.0)
        path = folder / f"{case}{Path(name).suffix}"
        path.write_bytes(data)
        result = run(["check", "--format", "json", "--no-config", path.name], folder,
                     memory_gb=memory_gb, wall=wall)
        path.unlink()
        out.append({"case": case, "bytes": len(data), **result})
        print(f"{case:26} {len(data) / 1e6:7.2f} MB {result['seconds']:7.1f} s {result['peak_mb']:6d} MB "
              f"exit {result['exit']}  {result['outcome'][:70]}", flush=True)
    if not names or "fifo" in names:
        fifo = folder / "fifo.txt"
        os.mkfifo(fifo)
        (folder / "a.txt").write_text("Dit is een zin.\n", encoding="utf-8")
        for case, args in (("fifo_input", [fifo.name]), ("fifo_config", ["--config", fifo.name, "a.txt"])):
            result = run(["check", "--format", "json", *args], folder, memory_gb=memory_gb, wall=wall)
            out.append({"case": case, "bytes": 0, **result})
            print(f"{case:26} {result['seconds']:7.1f} s exit {result['exit']}  {result['outcome'][:70]}", flush=True)
    return out


def normal_text(megabytes: float) -> str:
    files = sorted(CORPUS.glob("*.txt"))
    target = int(megabytes * 1_000_000)
    parts, size, i = [], 0, 0
    while size < target:
        text = files[i % len(files)].read_text(encoding="utf-8", errors="replace").strip()
        i += 1
        if not text:
            continue
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
    joined = "\n\n".join(parts).encode("utf-8")[:target]
    return joined.decode("utf-8", "ignore")


def normal(folder: Path, sizes: list[float], memory_gb: float, wall: float) -> list[dict]:
    if not CORPUS.is_dir():
        print(f"normal text skipped: the circulars are not here ({CORPUS})", flush=True)
        return []
    out = []
    for mb in sizes:
        text = normal_text(mb)
        path = folder / f"normaal-{mb:g}mb.txt"
        path.write_text(text, encoding="utf-8")
        result = run(["check", "--format", "json", "--no-config", "--timeout", "0", "--max-memory", "0",
                      path.name], folder, memory_gb=memory_gb, wall=wall)
        path.unlink()
        size_mb = len(text.encode("utf-8")) / 1e6
        row = {"megabytes": mb, "words": len(text.split()), **result,
               "seconds_per_mb": round(result["seconds"] / size_mb, 2),
               "mb_rss_per_mb": round(result["peak_mb"] / size_mb, 1)}
        out.append(row)
        print(f"normal {mb:5g} MB {row['words']:9d} words {result['seconds']:7.1f} s {result['peak_mb']:6d} MB "
              f"exit {result['exit']}  {result['outcome'][:60]}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help=f"also {BIG_MB} MB of normal text")
    parser.add_argument("--only", nargs="*", help="only these hostile cases (and 'fifo')")
    parser.add_argument("--skip-normal", action="store_true")
    parser.add_argument("--skip-hostile", action="store_true")
    parser.add_argument("--memory", type=float, default=10.0, help="address-space limit per run, GB")
    parser.add_argument("--wall", type=float, default=900.0, help="seconds before a run is killed")
    parser.add_argument("--table", action="store_true", help="print the README table of the last run and stop")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(OUT.read_text(encoding="utf-8"))))
        return
    sizes = list(NORMAL_MB) + ([BIG_MB] if args.big else [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [] if args.skip_hostile else hostile(folder, args.only, args.memory, args.wall)
        texts = [] if args.skip_normal else normal(folder, sizes, args.memory, args.wall)
    if args.only or args.skip_normal or args.skip_hostile:
        cases, texts = _merge(cases, texts)
    result = {
        "command": "python bench/bench_hostile.py" + (" --big" if args.big else ""),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "default_timeout_s": _defaults()[0],
        "default_max_memory_mb": _defaults()[1],
        "cases": cases,
        "normal": texts,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {OUT.relative_to(ROOT)}")


def _outcome(row: dict) -> str:
    if row.get("killed_after_wall"):
        return "killed by the bench's wall limit"
    if row.get("traceback"):
        return "**traceback**"
    text = row["outcome"]
    if text == "report":
        return "checked"
    for key, short in (("te lang", "refused: time budget"), ("geheugen", "refused: memory budget"),
                       ("te veel", "refused: too much markup"), ("FIFO", "refused: not a regular file"),
                       ("beschadigd", "refused: damaged (lying ZIP header)"), ("zip-bom", "refused: zip bomb"),
                       ("geen woorden", "refused: no words"), ("interne fout", "one-line error: internal"),
                       ("vooral tekens", "refused: mostly symbols"),
                       ("geknipt", "checked; long runs cut for the parser")):
        if key in text:
            return short
    return text[:60]


def table(data: dict) -> str:
    """Markdown tables of a run (for the README)."""
    lines = ["| case | size | time | peak memory | exit | outcome |", "|---|---:|---:|---:|---:|---|"]
    for row in data["cases"]:
        size = (f"{row['bytes'] / 1e6:.2f} MB" if row["bytes"] >= 10_000 else f"{row['bytes'] / 1e3:.1f} kB"
                if row["bytes"] else "–")
        lines.append(f"| {row['case']} | {size} | {row['seconds']:.1f} s | {row['peak_mb']} MB | {row['exit']} "
                     f"| {_outcome(row)} |")
    if data.get("normal"):
        lines += ["", "| normal Dutch text | words | time | s per MB | peak memory | exit |",
                  "|---:|---:|---:|---:|---:|---:|"]
        for row in data["normal"]:
            lines.append(f"| {row['megabytes']:g} MB | {row['words']:,} | {row['seconds']:.1f} s | "
                         f"{row['seconds_per_mb']} | {row['peak_mb']} MB | {row['exit']} |")
    lines.append(f"\nload average during the run: {data['loadavg']}, {data['cpus']} cores")
    return "\n".join(lines)


def _merge(cases: list[dict], texts: list[dict]) -> tuple[list[dict], list[dict]]:
    """A partial rerun (--only, --skip-*) updates the rows it ran and keeps the others of the last run."""
    try:
        old = json.loads(OUT.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return cases, texts
    new_cases = {c["case"]: c for c in cases}
    merged = [new_cases.pop(c["case"], c) for c in old.get("cases", [])] + list(new_cases.values())
    new_texts = {t["megabytes"]: t for t in texts}
    merged_texts = [new_texts.pop(t["megabytes"], t) for t in old.get("normal", [])] + list(new_texts.values())
    return merged, sorted(merged_texts, key=lambda t: t["megabytes"])


def _defaults() -> tuple[float, int]:
    sys.path.insert(0, str(ROOT / "src"))
    from helder.budget import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT

    return DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB


if __name__ == "__main__":
    main()
