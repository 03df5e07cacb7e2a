"""The audit as a whole: sources -> batches -> engine -> Parquet parts -> pages/findings tables.

Output folder ``DIR``:

- ``DIR/parts/pages-NNNNN.parquet`` and ``findings-NNNNN.parquet``: one pair per finished batch,
  written as results come in; ``DIR/parts/links.jsonl``: the links found on those pages. Together
  they are the state that ``--resume`` continues from: a URL or file that has a row in a part is not
  fetched or read again.
- ``DIR/pages.parquet``, ``DIR/findings.parquet``: all parts joined, sorted by ``url`` (see
  :mod:`helder.auditing.schema`); ``DIR/index.html``: the dashboard.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence
from urllib.parse import urlsplit

from ..errors import InputError
from . import schema
from .fetch import Fetcher
from .sources import Crawl, Item, is_url, local_items
from .work import Settings


#: A batch closes at this many bytes of documents (or ``batch_size`` documents), so that one long
#: document travels alone and does not hold up the short ones on the same worker.
BATCH_BYTES = 256 * 1024


@dataclass
class AuditResult:
    """The two tables (pyarrow), where they are, and the summary of the run."""

    pages: object
    findings: object
    out: Path | None
    summary: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Parts:
    folder: Path
    next_index: int = 0

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        existing = sorted(self.folder.glob("pages-*.parquet"))
        self.next_index = 1 + max((int(p.stem.split("-")[1]) for p in existing), default=-1)

    def done(self) -> tuple[set[str], dict[str, tuple[str, ...]]]:
        import pyarrow.parquet as pq

        urls: set[str] = set()
        for p in sorted(self.folder.glob("pages-*.parquet")):
            urls.update(pq.read_table(p, columns=["url"]).column("url").to_pylist())
        links: dict[str, tuple[str, ...]] = {}
        log = self.folder / "links.jsonl"
        if log.is_file():
            for line in log.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # a line cut off by an interruption
                links[entry["url"]] = tuple(entry["links"])
        return urls, links

    def write(self, pages: list[dict], findings: list[dict], links: dict[str, tuple[str, ...]]) -> None:
        import pyarrow.parquet as pq

        pages_t, findings_t = schema.tables(pages, findings)
        n = self.next_index
        self.next_index += 1
        tmp = self.folder / f".findings-{n:05d}.tmp"
        pq.write_table(findings_t, tmp)
        tmp.replace(self.folder / f"findings-{n:05d}.parquet")
        tmp = self.folder / f".pages-{n:05d}.tmp"
        pq.write_table(pages_t, tmp)
        tmp.replace(self.folder / f"pages-{n:05d}.parquet")  # last: a part counts once its pages exist
        if links:
            with (self.folder / "links.jsonl").open("a", encoding="utf-8") as handle:
                for url, found in links.items():
                    handle.write(json.dumps({"url": url, "links": list(found)}) + "\n")

    def join(self, out: Path):
        import pyarrow as pa
        import pyarrow.parquet as pq

        tables = {}
        for kind, make in (("pages", schema.pages_schema), ("findings", schema.findings_schema)):
            parts = []
            for p in sorted(self.folder.glob(f"{kind}-*.parquet")):
                if kind == "findings" and not (self.folder / p.name.replace("findings", "pages")).is_file():
                    continue  # an interrupted part: its pages come again
                parts.append(pq.read_table(p).cast(make()))
            table = pa.concat_tables(parts) if parts else make().empty_table()
            table = table.sort_by([("url", "ascending")]).replace_schema_metadata(make().metadata)
            if kind == "pages":  # a resumed run may have read a page twice when a part was cut off
                table = _first_per_url(table)
            pq.write_table(table, out / f"{kind}.parquet")
            tables[kind] = table
        return tables["pages"], tables["findings"]


def _first_per_url(table):
    import pyarrow as pa

    urls = table.column("url").to_pylist()
    keep = [i for i, u in enumerate(urls) if i == 0 or urls[i - 1] != u]
    return table if len(keep) == len(urls) else table.take(pa.array(keep))


def _items(sources: Sequence[str], fetcher: Fetcher, max_pages: int, done: set[str],
           links: dict, max_bytes: int) -> Iterator[Item]:
    urls = [s for s in sources if is_url(s)]
    for s in sources:
        if not is_url(s):
            for item in local_items(s, max_bytes):
                if item.url not in done:
                    yield item
    if urls:
        yield from Crawl(fetcher, max_pages, done, links).items(urls)


def _batches(items: Iterable[Item], size: int, max_words_bytes: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    volume = 0
    for item in items:
        batch.append(item)
        volume += len(item.data)
        if len(batch) >= size or volume >= max_words_bytes:
            yield batch
            batch, volume = [], 0
    if batch:
        yield batch


def check_sources(sources: Sequence[str]) -> None:
    if not sources:
        raise InputError("geef minstens één bron: een adres, sitemap, map of zip-bestand")
    for s in sources:
        if not is_url(s) and not Path(s).exists():
            raise InputError(f"de bron {s} bestaat niet: geef een adres (http:// of https://), een map, "
                             "een bestand of een zip-bestand")


def audit(sources: Sequence[str] | str, out: str | Path | None = None, *, engine: str = "local",
          jobs: int = 1, workers: int = 2, scheduler: str | None = None, profile: str | None = None,
          model: str | None = None, allow_hosts: Sequence[str] = (), delay: float = 1.0,
          max_pages: int = 1000, timeout: float = 20.0, max_bytes: int = 10 * 1024 * 1024,
          max_redirects: int = 5, doc_timeout: float | None = None, resume: bool = False, batch_size: int = 8,
          compare: str | Path | None = None, dashboard: bool = True,
          progress: Callable[[int], None] | None = None) -> AuditResult:
    """Audit sites, folders and archives; write the tables (and the dashboard) to ``out``.

    Returns an :class:`AuditResult` with ``pages`` and ``findings`` as pyarrow Tables
    (``result.pages.to_pandas()`` for pandas). Without ``out`` the parts go to a temporary folder.
    ``progress(n)`` is called with the number of documents finished so far. ``timeout`` is per
    fetched page; ``doc_timeout`` the seconds for checking one document (None: helder's default,
    :data:`helder.budget.DEFAULT_TIMEOUT`; 0: no limit), on every engine.
    """
    import tempfile

    sources = [sources] if isinstance(sources, str) else list(sources)
    check_sources(sources)
    tmp = None
    if out is None:
        tmp = tempfile.TemporaryDirectory(prefix="helder-audit-")
        out = tmp.name
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is een bestand; geef met --out een map op")
    parts_dir = out / "parts"
    if parts_dir.exists() and any(parts_dir.glob("pages-*.parquet")) and not resume:
        raise InputError(f"in {out} staat al een audit; gebruik --resume om verder te gaan of kies een andere map")
    if profile:
        from ..checks import load_profile

        load_profile(profile)
    parts = _Parts(parts_dir)
    done, links = parts.done() if resume else (set(), {})
    hosts = {urlsplit(s).hostname for s in sources if is_url(s)} | set(allow_hosts)
    fetcher = Fetcher(delay=delay, timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects,
                      allowed_hosts={h for h in hosts if h})
    settings = Settings(profile=profile, model=model, max_bytes=max_bytes, timeout=doc_timeout)
    from .engines import make_engine

    started = time.monotonic()
    eng = make_engine(engine, settings, jobs=jobs, scheduler=scheduler, workers=workers)
    try:
        items = _items(sources, fetcher, max_pages, done, links, max_bytes)
        batches = _batches(items, batch_size * eng.batch_factor, BATCH_BYTES * eng.batch_factor)
        finished = _drive(eng, batches, parts, progress)
    finally:
        eng.close()
    pages, findings = parts.join(out)
    result = AuditResult(pages, findings, None if tmp else out, notes=list(fetcher.log))
    result.summary = summarize(pages, findings, seconds=time.monotonic() - started, new=finished,
                               engine=eng.name, workers=eng.workers)
    if dashboard and tmp is None:
        from .dashboard import write_dashboard

        write_dashboard(out, pages, findings, compare=compare, summary=result.summary, notes=result.notes)
    if tmp is not None:
        tmp.cleanup()
    return result


def _drive(eng, batches: Iterator[list[Item]], parts: _Parts, progress) -> int:
    """Submit batches (a few in flight per worker) and write each result as a part."""
    pending: list = []
    links: dict[object, dict] = {}
    finished = 0
    limit = 2 * max(1, eng.workers)

    def collect(futures) -> None:
        nonlocal finished
        for fut in futures:
            pages, findings = eng.result(fut)
            parts.write(pages, findings, links.pop(id(fut)))
            finished += len(pages)
            if progress is not None:
                progress(finished)

    for batch in batches:
        fut = eng.submit(batch)
        links[id(fut)] = {i.url: i.links for i in batch if i.links}
        pending.append(fut)
        ready = [f for f in pending if _is_done(f)]
        if not ready and len(pending) >= limit:
            ready, _ = eng.wait(pending)
        if ready:
            collect(ready)
            gone = {id(f) for f in ready}
            pending = [f for f in pending if id(f) not in gone]
    while pending:
        done, pending = eng.wait(pending)
        collect(done)
    return finished


def _is_done(fut) -> bool:
    check = getattr(fut, "done", None)
    return bool(check()) if callable(check) else True


def summarize(pages, findings, **extra) -> dict:
    status = Counter(pages.column("status").to_pylist())
    reasons = Counter((s, r) for s, r in zip(pages.column("status").to_pylist(), pages.column("reason").to_pylist())
                      if s != "ok")
    meets = [m for m in pages.column("meets_target").to_pylist() if m is not None]
    words = sum(w for w in pages.column("words").to_pylist() if w)
    return {"documents": pages.num_rows, "ok": status.get("ok", 0), "skipped": status.get("skipped", 0),
            "error": status.get("error", 0), "words": words, "findings": findings.num_rows,
            "meets_target": sum(meets), "judged": len(meets),
            "reasons": [{"status": s, "reason": r, "count": n} for (s, r), n in reasons.most_common()],
            **extra}
