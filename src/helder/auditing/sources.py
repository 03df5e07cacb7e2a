"""What ``helder audit SOURCE…`` reads: URLs (pages, sitemaps), folders, single files and .zip archives.

Every source becomes a stream of :class:`Item` s: a document to analyse (its bytes and format) or a row
that says why it could not be read. Nothing here raises for a bad page, file or sitemap.

- A URL ending in ``.xml`` or ``.xml.gz``, or with ``sitemap`` in its path, is a sitemap (also a
  sitemap index, gzip-compressed or not). Its pages are read, not followed further.
- Any other URL is a page: it is read, and the links on it to the same host are followed (breadth
  first) until ``--max-pages``.
- A folder is walked as ``helder check`` does; a ``.zip`` is read member by member without unpacking
  it to disk, with limits on the size of each member and of the whole (a zip bomb stops early).
"""

from __future__ import annotations

import gzip
import io
import time
import zipfile
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urldefrag, urljoin, urlsplit

from .fetch import XML_TYPES, Fetcher

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
MAX_SITEMAP_URLS = 50_000
MAX_SITEMAP_DEPTH = 3
MAX_ZIP_TOTAL = 2 * 1024 * 1024 * 1024
MAX_ZIP_RATIO = 200


@dataclass
class Item:
    """One document for the audit: bytes to analyse, or only the facts of why not."""

    url: str
    source: str
    format: str | None = None
    data: bytes = b""
    status: str = "ok"  # ok | skipped | error
    reason: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    fetch_seconds: float = 0.0
    links: tuple[str, ...] = ()

    def base_row(self) -> dict:
        return {"url": self.url, "source": self.source, "format": self.format, "status": self.status,
                "reason": self.reason, "http_status": self.http_status, "content_type": self.content_type,
                "bytes": len(self.data) if self.data else None, "fetched_at": self.fetched_at,
                "fetch_seconds": round(self.fetch_seconds, 4)}


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def is_sitemap(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return path.endswith((".xml", ".xml.gz")) or "sitemap" in path


# -- local sources --------------------------------------------------------------------------------

def local_items(source: str, max_bytes: int) -> Iterator[Item]:
    path = Path(source)
    if path.suffix.lower() == ".zip" and path.is_file():
        yield from zip_items(path, source, max_bytes)
        return
    from ..documents import format_for_path
    from ..walk import walk_folder

    files = walk_folder(path) if path.is_dir() else [path]
    for f in files:
        start = time.monotonic()
        item = Item(str(f), source, format_for_path(f))
        try:
            size = f.stat().st_size
            if size > max_bytes:
                item.status, item.reason = "error", f"te groot ({size // (1024 * 1024)} MB)"
            else:
                item.data = f.read_bytes()
        except OSError as exc:
            item.status, item.reason = "error", f"niet te lezen ({exc.strerror or exc})"
        item.fetch_seconds = time.monotonic() - start
        yield item


def zip_items(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    from ..documents import SUPPORTED_SUFFIXES, format_for_path

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield Item(str(path), source, status="error", reason=f"geen leesbaar zip-bestand ({exc})")
        return
    total = 0
    with archive:
        for info in archive.infolist():
            name = info.filename
            if info.is_dir() or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            if any(part.startswith(".") for part in Path(name).parts):
                continue
            item = Item(f"{path}!/{name}", source, format_for_path(name))
            start = time.monotonic()
            try:
                item.data = _read_member(archive, info, max_bytes, MAX_ZIP_TOTAL - total)
                total += len(item.data)
            except _ZipLimit as exc:
                item.status, item.reason = "error", str(exc)
                if exc.stop:
                    yield item
                    return
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
                item.status, item.reason = "error", f"niet uit te pakken ({type(exc).__name__})"
            item.fetch_seconds = time.monotonic() - start
            yield item


class _ZipLimit(Exception):
    def __init__(self, message: str, stop: bool = False) -> None:
        super().__init__(message)
        self.stop = stop


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int, budget: int) -> bytes:
    """The bytes of one member, counted while reading (the sizes in the header may lie)."""
    if info.file_size > max_bytes:
        raise _ZipLimit(f"te groot ({info.file_size // (1024 * 1024)} MB uitgepakt)")
    chunks, size = [], 0
    with archive.open(info) as handle:
        while chunk := handle.read(256 * 1024):
            size += len(chunk)
            if size > max_bytes:
                raise _ZipLimit("te groot uitgepakt (groter dan in de zip staat: een zip-bom?)")
            if size > budget:
                raise _ZipLimit("de zip pakt uit tot meer dan 2 GB; helder stopt met dit archief", stop=True)
            if size > 1024 * 1024 and size > MAX_ZIP_RATIO * max(1, info.compress_size):
                raise _ZipLimit("verdacht sterk ingepakt (een zip-bom?)")
            chunks.append(chunk)
    return b"".join(chunks)


# -- sitemaps ----------------------------------------------------------------------------------

class SitemapError(Exception):
    pass


def parse_sitemap(data: bytes) -> tuple[str, list[str]]:
    """("urlset" or "sitemapindex", the <loc> URLs) of a sitemap, gzip-compressed or not."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException
    from xml.etree.ElementTree import ParseError

    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
                data = handle.read(MAX_SITEMAP_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise SitemapError(f"kapotte gzip ({exc})") from None
        if len(data) > MAX_SITEMAP_BYTES:
            raise SitemapError("uitgepakt groter dan 50 MB")
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise SitemapError(f"geen geldige XML ({type(exc).__name__})") from None
    kind = root.tag.rsplit("}", 1)[-1]
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"geen sitemap (het begint met <{kind}>)")
    locs = [el.text.strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "loc" and el.text]
    return kind, locs[:MAX_SITEMAP_URLS]


def sitemap_pages(fetcher: Fetcher, url: str, source: str, depth: int = 0) -> Iterator[str | Item]:
    """The page URLs of a sitemap (index), or an error Item for a sitemap that cannot be read."""
    resp = fetcher.fetch(url, kinds={t: "xml" for t in XML_TYPES})
    if resp.ok:
        try:
            kind, locs = parse_sitemap(resp.data)
        except SitemapError as exc:
            resp.error = f"sitemap onleesbaar: {exc}"
    if not resp.ok:
        yield Item(url, source, status="skipped" if resp.skipped else "error", reason=resp.error,
                   http_status=resp.status, content_type=resp.content_type, fetch_seconds=resp.seconds)
        return
    if kind == "urlset":
        yield from locs
    elif depth < MAX_SITEMAP_DEPTH:
        for loc in locs:
            yield from sitemap_pages(fetcher, loc, source, depth + 1)


# -- crawling -----------------------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)
        elif tag == "base" and self.base is None:
            self.base = dict(attrs).get("href")


def page_links(data: bytes, url: str, limit: int = 2000) -> tuple[str, ...]:
    parser = _Links()
    try:
        parser.feed(data.decode("utf-8", errors="replace"))
        parser.close()
    except Exception:  # noqa: BLE001 - links of a broken page are not worth a failure
        pass
    base = urljoin(url, parser.base) if parser.base else url
    out = []
    for href in parser.hrefs[:limit]:
        link = urldefrag(urljoin(base, href.strip()))[0]
        if urlsplit(link).scheme in ("http", "https"):
            out.append(link)
    return tuple(dict.fromkeys(out))


def page_item(fetcher: Fetcher, url: str, source: str, follow: bool) -> Item:
    resp = fetcher.fetch(url)
    item = Item(url, source, http_status=resp.status, content_type=resp.content_type,
                fetch_seconds=resp.seconds)
    if not resp.ok:
        item.status = "skipped" if resp.skipped else "error"
        item.reason = resp.error
        return item
    from .fetch import CONTENT_TYPES

    item.format = CONTENT_TYPES[resp.content_type]
    item.data = resp.data
    if follow and item.format == "html":
        item.links = page_links(resp.data, resp.final_url or url)
    return item


@dataclass
class Crawl:
    """Breadth-first over the URL sources; ``done`` URLs (from an earlier run) are not fetched again,
    but their stored ``links`` are still followed."""

    fetcher: Fetcher
    max_pages: int
    done: set[str] = field(default_factory=set)
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def items(self, sources: Iterable[str]) -> Iterator[Item]:
        queue: deque[tuple[str, str, bool]] = deque()
        seen: set[str] = set()
        count = len(self.done)
        for source in sources:
            if is_sitemap(source):
                for entry in sitemap_pages(self.fetcher, source, source):
                    if isinstance(entry, Item):
                        if entry.url not in self.done:
                            yield entry
                    else:
                        queue.append((entry, source, False))
            else:
                queue.append((urldefrag(source)[0], source, True))
        while queue and count < self.max_pages:
            url, source, follow = queue.popleft()
            if url in seen:
                continue
            seen.add(url)
            if url in self.done:
                links = self.links.get(url, ())
            else:
                if follow and not self.fetcher.host_allowed(url):
                    continue  # a link to another site: not ours to read
                item = page_item(self.fetcher, url, source, follow)
                count += 1
                links = item.links
                yield item
            if follow:
                queue.extend((link, source, True) for link in links
                             if link not in seen and self.fetcher.host_allowed(link))
