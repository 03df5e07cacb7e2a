"""``helder audit``: how plain is the language of a whole site, folder or archive?

Python API (also as ``helder.audit``)::

    import helder
    result = helder.audit(["https://www.example.nl/sitemap.xml"], "audit-2026", delay=1.0)
    result.pages      # pyarrow.Table, one row per document (see helder.auditing.schema)
    result.findings   # pyarrow.Table, one row per finding
    result.summary    # counts: documents, ok, skipped, error, words, ...

Modules: :mod:`.sources` (what to read; sitemaps, crawling, folders, zips), :mod:`.fetch` (polite
HTTP), :mod:`.language` (is it Dutch?), :mod:`.work` (one batch, on any engine), :mod:`.engines`
(local processes or Dask), :mod:`.schema` (the tables), :mod:`.run` (the whole audit),
:mod:`.dashboard` (``index.html``), :mod:`.command` (the ``helder audit`` command).
"""

from __future__ import annotations

from typing import Any

__all__ = ["AuditResult", "SCHEMA_VERSION", "audit"]


def __getattr__(name: str) -> Any:  # lazy: ``helder audit --help`` should not import the crawler
    if name in ("AuditResult", "audit"):
        from . import run

        return getattr(run, name)
    if name == "SCHEMA_VERSION":
        from .schema import SCHEMA_VERSION

        return SCHEMA_VERSION
    raise AttributeError(f"module 'helder.auditing' has no attribute {name!r}")
