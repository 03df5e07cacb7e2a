"""Speed of ``helder serve``'s LanguageTool API, written to ``bench/results/serve.json``.

Measures, on this machine:

* ``latency``: warm ``/v2/check`` latency (p50/p95 in ms) of helder alone (no LanguageTool merged in),
  one worker, for one sentence and for a 300-word paragraph, requests one after another;
* ``throughput``: requests per second of the 300-word paragraph under 8 concurrent clients, with 1 and
  with 2 workers, and the ratio;
* ``languagetool``: the real LanguageTool server on the same requests (latency and throughput; it
  is warm; it caches sentences, but every request is a text it has not seen when the corpus is there),
  when it is installed (``HELDER_LANGUAGETOOL_HOME``) or ``HELDER_LANGUAGETOOL_URL`` is set;
* ``check_server``: wall time of ``helder check --server URL`` on a short file (a new process each
  time, as a pre-commit hook runs it), beside ``helder check`` on the same file without a server;
* ``loadavg_before``/``loadavg_after`` (``os.getloadavg()``): other work on the machine slows every figure.

Texts: sentences and 300-word paragraphs cut from the ministerial circulars in
``../shared/corpora/circulaires/texts`` (each request a text no server has seen, so LanguageTool's
sentence cache does not flatter it), else a built-in letter with variations.

Usage: ``python bench/bench_serve.py [--requests N] [--skip-lt]``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helder.web.server import make_server  # noqa: E402

SENTENCE = "Indien u vragen heeft over de aanvraag, kunt u ons op werkdagen tussen 9 en 17 uur bellen."
_PARTS = [
    "De gemeente heeft uw aanvraag voor een parkeervergunning op {d} maart ontvangen.",
    "Wij hebben uw aanvraag bekeken en wij hebben nog een paar gegevens van u nodig.",
    "Stuur ons binnen twee weken een kopie van het kentekenbewijs van uw auto.",
    "Indien wij de gegevens niet op tijd ontvangen, kunnen wij uw aanvraag niet verder behandelen.",
    "De aanvraag wordt dan door ons buiten behandeling gesteld.",
    "U kunt de kopie uploaden via de website of per post naar het gemeentehuis sturen.",
    "Heeft u geen auto op uw naam, maar rijdt u wel in een auto van de zaak?",
    "Stuur dan ook een verklaring van uw werkgever mee, met daarin het kenteken en uw naam.",
    "Een vergunning kost {d} euro per jaar en u betaalt dat bedrag in één keer.",
    "Na de betaling ontvangt u de vergunning binnen vijf werkdagen per e-mail.",
]


def paragraph(variant: int, words: int = 300) -> str:
    out, i = [], 0
    while sum(len(s.split()) for s in out) < words:
        out.append(_PARTS[i % len(_PARTS)].format(d=(variant + i) % 28 + 1))
        i += 1
    return " ".join(out)


# ../shared next to the checkout (or next to its parent folder, for a git worktree)
CIRCULARS = next((p / "shared" / "corpora" / "circulaires" / "texts" for p in (ROOT.parent, ROOT.parents[1])
                  if (p / "shared" / "corpora" / "circulaires" / "texts").is_dir()),
                 ROOT.parent / "shared" / "corpora" / "circulaires" / "texts")


def corpus_texts(n: int) -> tuple[list[str], list[str]] | None:
    """``n`` single sentences (10-25 words) and ``n`` 300-word paragraphs, all different, or None."""
    import re

    if not CIRCULARS.is_dir():
        return None
    sentences: list[str] = []
    paragraphs: list[str] = []
    seen: set[str] = set()
    for path in sorted(CIRCULARS.glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8", errors="replace").split())
        parts = [p for p in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if p not in seen]
        seen.update(parts)
        sentences += [p for p in parts if 10 <= len(p.split()) <= 25 and p[-1] in ".?!"]
        words = " ".join(parts).split()
        for i in range(0, len(words) - 300, 300):
            paragraphs.append(" ".join(words[i:i + 300]))
        if len(sentences) >= n and len(paragraphs) >= n:
            break
    if len(sentences) < n or len(paragraphs) < n:
        return None
    step_s, step_p = len(sentences) // n, len(paragraphs) // n
    return sentences[::step_s][:n], paragraphs[::step_p][:n]


def post(host: str, port: int, path: str, fields: dict[str, str]) -> float:
    body = urllib.parse.urlencode(fields).encode()
    start = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=300)
    try:
        conn.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
        r = conn.getresponse()
        r.read()
        if r.status != 200:
            raise RuntimeError(f"HTTP {r.status} from {path}")
    finally:
        conn.close()
    return time.perf_counter() - start


def latency(port: int, texts: list[str], host: str = "127.0.0.1", warm: list[str] = ()) -> dict:
    for t in warm:
        post(host, port, "/v2/check", {"text": t, "language": "nl-NL"})
    times = [post(host, port, "/v2/check", {"text": t, "language": "nl-NL"}) * 1000 for t in texts]
    times.sort()
    return {"n": len(times), "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(round(0.95 * len(times))) - 1)], 1)}


def throughput(port: int, texts: list[str], clients: int = 8, host: str = "127.0.0.1", warm: list[str] = ()) -> dict:
    with ThreadPoolExecutor(clients) as pool:  # warm every worker first (first checks load rules, lexicons)
        list(pool.map(lambda t: post(host, port, "/v2/check", {"text": t, "language": "nl-NL"}), warm))
    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda t: post(host, port, "/v2/check", {"text": t, "language": "nl-NL"}), texts))
    elapsed = time.perf_counter() - start
    return {"requests": len(texts), "clients": clients, "seconds": round(elapsed, 2),
            "requests_per_second": round(len(texts) / elapsed, 2)}


def helder_server(workers: int):
    srv = make_server("127.0.0.1", 0, 10 * 1024 * 1024, workers=workers, queue_size=64)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def languagetool_port():
    from helder.grammar.server import LocalServer, find_installation

    env = os.environ.get("HELDER_LANGUAGETOOL_URL", "").strip()
    if env:
        u = urllib.parse.urlsplit(env)
        return u.hostname, u.port, None
    if find_installation() is None:
        return None, None, None
    local = LocalServer(find_installation()).start(timeout=300)
    u = urllib.parse.urlsplit(local.url)
    return u.hostname, u.port, local


def check_server_wall(url: str, runs: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "brief.txt"
        f.write_text(paragraph(7, 120) + "\n", encoding="utf-8")

        def wall(args: list[str]) -> float:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "helder", "check", *args, str(f)], env=env, cwd=tmp,
                           capture_output=True, check=False)
            return time.perf_counter() - start

        server = sorted(wall(["--server", url]) for _ in range(runs))
        local = sorted(wall([]) for _ in range(max(1, runs // 2)))
    return {"file_words": 120, "runs": runs, "server_median_s": round(statistics.median(server), 2),
            "local_median_s": round(statistics.median(local), 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=40, help="requests per latency measurement")
    ap.add_argument("--skip-lt", action="store_true")
    args = ap.parse_args()
    result: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                "platform": platform.platform()},
                    "loadavg_before": [round(x, 2) for x in os.getloadavg()]}
    n = args.requests
    texts = corpus_texts(4 * n)  # helder, LanguageTool: each gets its own unseen half; warm-ups apart
    if texts is None:
        sentences = [SENTENCE.replace("9", str(9 + i % 3)) for i in range(4 * n)]
        paragraphs = [paragraph(i) for i in range(4 * n)]
    else:
        sentences, paragraphs = texts
    result["texts"] = "circulaires" if texts is not None else "built-in letter"
    result["paragraph_words"] = len(paragraphs[0].split())
    warm_s, warm_p = sentences[:5], paragraphs[:16]
    ours_s, ours_p = sentences[n:2 * n], paragraphs[n:2 * n]
    lt_s, lt_p = sentences[2 * n:3 * n], paragraphs[2 * n:3 * n]
    srv = helder_server(1)
    try:
        port = srv.server_address[1]
        result["latency"] = {"sentence": latency(port, ours_s, warm=warm_s),
                             "paragraph_300_words": latency(port, ours_p, warm=warm_p[:3])}
        result["throughput"] = {"workers_1": throughput(port, ours_p, warm=warm_p)}
        result["check_server"] = check_server_wall(f"http://127.0.0.1:{port}", 6)
    finally:
        srv.shutdown()
        srv.server_close()
    srv = helder_server(2)
    try:
        result["throughput"]["workers_2"] = throughput(srv.server_address[1], ours_p, warm=warm_p)
    finally:
        srv.shutdown()
        srv.server_close()
    t = result["throughput"]
    t["ratio_2_to_1"] = round(t["workers_2"]["requests_per_second"] / t["workers_1"]["requests_per_second"], 2)
    if not args.skip_lt:
        host, lt_port, local = languagetool_port()
        if lt_port:
            try:
                result["languagetool"] = {
                    "sentence": latency(lt_port, lt_s, host, warm=warm_s),
                    "paragraph_300_words": latency(lt_port, lt_p, host, warm=warm_p[:3]),
                    "throughput": throughput(lt_port, paragraphs[3 * n:4 * n], host=host, warm=warm_p)}
            finally:
                if local is not None:
                    local.stop()
    result["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    out = ROOT / "bench" / "results" / "serve.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
