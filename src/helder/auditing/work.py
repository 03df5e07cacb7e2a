"""The work of one batch, the same on every engine: bytes -> Document -> Report -> table rows.

:func:`analyze_batch` is what a local worker process or a Dask worker runs. It loads the pipeline once
per process (:func:`helder.nlp.get_pipeline` caches it) and sends the batch's documents through
``nlp.pipe`` together. A document that cannot be read, or is not Dutch, gets a row with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from typing import Any, Sequence

from .language import looks_dutch
from .schema import finding_rows, page_row

_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Settings:
    """What every worker needs to know (small and picklable)."""

    profile: str | None = None
    model: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    max_bytes: int = 10 * 1024 * 1024
    #: seconds per document (:mod:`helder.budget`; None: the default, 0: no limit). A document over
    #: it gets a row with its error. Dask workers run tasks in threads: they allow thread budgets.
    timeout: float | None = None

    def options(self):
        from ..analysis import Options
        from ..budget import DEFAULT_TIMEOUT

        return Options(model=self.model, checks=True, profile=self.profile, select=self.select,
                       ignore=self.ignore, timeout=DEFAULT_TIMEOUT if self.timeout is None else self.timeout)


def warm_up(settings: Settings) -> None:
    """Load the pipeline and the rules in this process (a worker's start)."""
    from ..checks import load_rules
    from ..nlp import get_pipeline

    get_pipeline(settings.model)
    load_rules()


def title_of(document) -> str | None:
    if document.format == "html":
        m = _TITLE.search(document.source[:200_000])
        if m:
            title = " ".join(unescape(re.sub(r"<[^>]+>", " ", m.group(1))).split())
            if title:
                return title[:500]
    for block in document.blocks:
        if block.kind == "heading":
            return " ".join(document.text[block.start:block.end].split())[:500] or None
    return None


def analyze_batch(items: Sequence[Any], settings: Settings, pool=None) -> tuple[list[dict], list[dict]]:
    """(pages rows, findings rows) for a batch of :class:`~helder.auditing.sources.Item` s, in order.

    ``pool``: a :class:`helder.parallel.WorkerPool` to spread the batch over; None: this process."""
    from ..analysis import analyze_documents
    from ..documents import from_bytes
    from ..errors import HelderError

    bases = [item.base_row() for item in items]
    documents, slots = [], []
    for i, item in enumerate(items):
        if item.status != "ok":
            continue
        try:
            document = from_bytes(item.data, item.format, item.url, max_bytes=settings.max_bytes)
        except HelderError as exc:
            bases[i].update(status="error", reason=str(exc))
            continue
        bases[i]["title"] = title_of(document)
        if not looks_dutch(document.text):
            bases[i].update(status="skipped", reason="geen Nederlandse tekst")
            continue
        documents.append(document)
        slots.append(i)
    reports: dict[int, Any] = {}
    if documents:
        errors: list[tuple[str, str]] = []  # documents over their time or memory budget
        found = (pool.analyze(documents, errors=errors) if pool is not None
                 else analyze_documents(documents, settings.options(), errors=errors))
        by_path = {r.path: r for r in found}
        failed = dict(errors)
        for i, document in zip(slots, documents):
            if document.path in by_path:
                reports[i] = by_path[document.path]
            else:
                bases[i].update(status="error", reason=failed.get(document.path, "niet gecontroleerd"))
    pages, findings = [], []
    for i, base in enumerate(bases):
        report = reports.get(i)
        if report is None:
            pages.append(page_row(base))
            continue
        pages.append(page_row(base, report))
        findings.extend(finding_rows(base["url"], report))
    return pages, findings


def failed_rows(items: Sequence[Any], exc: BaseException) -> tuple[list[dict], list[dict]]:
    """Rows for a batch whose task failed as a whole (on Dask: its worker died, for instance because
    a document needed too much memory): every document gets a row with the reason."""
    reason = (f"De controle stopte onverwacht ({type(exc).__name__}); misschien was er te veel geheugen "
              "nodig. helder heeft dit document overgeslagen.")
    pages = []
    for item in items:
        base = item.base_row()
        if item.status == "ok":
            base.update(status="error", reason=reason)
        pages.append(page_row(base))
    return pages, []
