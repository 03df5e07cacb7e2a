"""Speed of the LanguageTool integration, written to ``bench/results/grammar.json``.

Measures, on this machine, with the jars from ``languagetool/fetch.sh``:

* ``startup_answer_seconds``: from starting Java until the server answers ``/v2/languages``;
* ``startup_ready_seconds``: until its first check came back (the first check loads the Dutch rules
  and dictionary; helder does it while starting, so user checks do not pay it);
  both the median of ``--starts`` fresh servers;
* ``warm_seconds_per_1000_words``: ``helder.grammar.check_document`` on a warm server, on texts it
  has not seen (no cache hits), in the default pieces of 6,000 characters;
* ``*_cpu_seconds*``: the same as CPU time of the server process (Linux only), which depends less on
  what else the machine is doing;
* ``cached_seconds_per_1000_words``: the same texts again (LanguageTool's sentence cache);
* ``server_rss_mb``: resident memory of the server after the checks (Linux only);
* ``lib_mb`` and the LanguageTool version.

Texts: ministerial circulars from ``../shared/corpora/circulaires/texts`` when present, otherwise a
built-in government-style letter repeated with variations.

Usage: ``python bench/bench_grammar.py [--starts N] [--words N]``. Figures vary with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helder.documents.base import Document, OffsetMap  # noqa: E402
from helder.grammar import DEFAULT_MAX_CHARS, check_document  # noqa: E402
from helder.grammar.server import LocalServer, find_installation  # noqa: E402

CIRCULARS = ROOT.parent / "shared" / "corpora" / "circulaires" / "texts"
OUT = ROOT / "bench" / "results" / "grammar.json"

FALLBACK = (
    "Geachte heer, mevrouw,\n\nWij hebben uw aanvraag voor bijzondere bijstand nummer {i} ontvangen. "
    "Indien u vragen heeft, kunt u contact opnemen met onze afdeling. Teneinde uw aanvraag te kunnen "
    "beoordelen, dienen wij uw gegevens uiterlijk op dag {i} te ontvangen. Alvorens wij een besluit nemen, "
    "bekijken wij uw dossier. Inzake de betaling ontvangt u separaat bericht.\n\n"
)


def load_pieces(words_per_piece: int, count: int) -> list[str]:
    """``count`` distinct texts of about ``words_per_piece`` words, cut at blank lines."""
    paragraphs: list[str] = []
    if CIRCULARS.is_dir():
        for f in sorted(CIRCULARS.glob("*.txt")):
            paragraphs.extend(p.strip() for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip())
            if sum(len(p.split()) for p in paragraphs) > words_per_piece * (count + 1) * 1.2:
                break
    if not paragraphs:
        paragraphs = [FALLBACK.format(i=i).strip() for i in range(2000)]
    pieces, current, n = [], [], 0
    for p in paragraphs:
        current.append(p)
        n += len(p.split())
        if n >= words_per_piece:
            pieces.append("\n\n".join(current) + "\n")
            current, n = [], 0
            if len(pieces) == count:
                break
    return pieces


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (Linux only): less sensitive to machine load than wall time."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def dir_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6, 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--starts", type=int, default=3, help="fresh server starts to time (default 3)")
    ap.add_argument("--words", type=int, default=5000, help="words to check warm (default 5000)")
    args = ap.parse_args()

    inst = find_installation()
    if inst is None:
        print("No LanguageTool jars found: run languagetool/fetch.sh first.", file=sys.stderr)
        return 1

    answer, ready, ready_cpu = [], [], []
    for _ in range(max(1, args.starts - 1)):
        with LocalServer(inst) as s:
            answer.append(s.startup_seconds)
            ready.append(s.ready_seconds)
            ready_cpu.append(cpu_seconds(s.process.pid))
    server = LocalServer(inst).start()  # the last start is timed too, then used warm
    answer.append(server.startup_seconds)
    ready.append(server.ready_seconds)
    ready_cpu.append(cpu_seconds(server.process.pid))
    try:
        n_pieces = max(2, args.words // 1000)
        pieces = load_pieces(1000, n_pieces + 1)
        warm_up, pieces = pieces[0], pieces[1:]
        check_document(Document("-", "text", warm_up, warm_up, OffsetMap.identity(len(warm_up))),
                       url=server.url, timeout=120)
        words = sum(len(p.split()) for p in pieces)
        docs = [Document("-", "text", p, p, OffsetMap.identity(len(p))) for p in pieces]
        findings = 0
        c0 = cpu_seconds(server.process.pid)
        t0 = time.perf_counter()
        for d in docs:
            out = check_document(d, url=server.url, timeout=120)
            assert not out.warnings, out.warnings
            findings += len(out.findings)
        warm = time.perf_counter() - t0
        c1 = cpu_seconds(server.process.pid)
        warm_cpu = None if c0 is None or c1 is None else c1 - c0
        t0 = time.perf_counter()
        for d in docs:
            check_document(d, url=server.url, timeout=120)
        cached = time.perf_counter() - t0
        memory = rss_mb(server.process.pid) if server.process else None
    finally:
        server.close()

    result = {
        "languagetool_version": inst.version,
        "lib_mb": dir_mb(inst.lib),
        "jars": len(list(inst.lib.glob("*.jar"))),
        "java_opts": list(server.java_opts),
        "starts": len(answer),
        "startup_answer_seconds": round(statistics.median(answer), 2),
        "startup_ready_seconds": round(statistics.median(ready), 2),
        "startup_ready_seconds_all": [round(x, 2) for x in ready],
        "startup_ready_cpu_seconds": (round(statistics.median(ready_cpu), 1)
                                      if all(c is not None for c in ready_cpu) else None),
        "warm_words": words,
        "warm_texts": len(docs),
        "piece_chars": DEFAULT_MAX_CHARS,
        "warm_seconds_per_1000_words": round(warm / words * 1000, 2),
        "warm_cpu_seconds_per_1000_words": None if warm_cpu is None else round(warm_cpu / words * 1000, 2),
        "cached_seconds_per_1000_words": round(cached / words * 1000, 3),
        "findings_per_1000_words": round(findings / words * 1000, 1),
        "server_rss_mb": memory,
        "texts": "circulaires" if CIRCULARS.is_dir() else "built-in letter",
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(),
                    "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None},
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
