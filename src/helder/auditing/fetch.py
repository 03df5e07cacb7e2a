"""Polite HTTP fetching for ``helder audit``: robots.txt, a delay per host, limits on everything.

- ``robots.txt`` of every host is read first (user agent ``helder``) and obeyed. When it cannot be
  read (no answer, a 5xx, a redirect loop), nothing is fetched from that host. A 404 means no rules;
  401 or 403 means everything is disallowed (as :mod:`urllib.robotparser` does).
- Between two requests to the same host at least ``delay`` seconds pass.
- Redirects are followed by hand, at most ``max_redirects`` hops; every hop is checked against
  robots.txt and the allowed hosts again; a loop is an error.
- A response is read up to ``max_bytes`` and for at most ``timeout`` seconds in total (an endless
  page stops there and is an error). Only ``text/html``, PDF and Word/OpenDocument are kept.

Nothing here raises for a bad page or host: the result is a :class:`Response` with an error.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

USER_AGENT = "helder"
CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
}
XML_TYPES = ("application/xml", "text/xml", "application/gzip", "application/x-gzip", "application/octet-stream")
REDIRECTS = (301, 302, 303, 307, 308)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass
class Response:
    url: str  # the URL asked for
    final_url: str = ""
    status: int | None = None  # HTTP status of the last response
    content_type: str | None = None
    data: bytes = b""
    seconds: float = 0.0
    error: str | None = None  # Dutch, one line; None when the body was read
    skipped: bool = False  # not fetched on purpose (robots.txt, host, content type)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Fetcher:
    """Fetches URLs politely; keeps robots.txt and the time of the last request per host."""

    delay: float = 1.0
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    allowed_hosts: set[str] = field(default_factory=set)
    log: list[str] = field(default_factory=list)  # what to tell the user at the end (Dutch)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)

    # -- politeness --------------------------------------------------------------------------------
    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = last + self.delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def robots(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        """The parsed robots.txt of the host of ``url``; None when it could not be read."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._robots:
            self._robots[key] = self._read_robots(key)
        return self._robots[key]

    def _read_robots(self, base: str) -> urllib.robotparser.RobotFileParser | None:
        parser = urllib.robotparser.RobotFileParser(base + "/robots.txt")
        url, status, body = base + "/robots.txt", None, b""
        for _ in range(self.max_redirects + 1):
            resp = self._get(url, max_bytes=512 * 1024)
            status = resp.status
            if resp.status in REDIRECTS and resp.final_url and resp.final_url != url:
                url = resp.final_url
                continue
            body = resp.data
            break
        else:
            status = None
        if status in (401, 403):
            parser.disallow_all = True
        elif status is not None and 400 <= status < 500:
            parser.allow_all = True
        elif status == 200:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        else:
            self.log.append(f"robots.txt van {base} is niet te lezen; helder haalt niets op van die site.")
            return None
        return parser

    def host_allowed(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return host in self.allowed_hosts

    def check(self, url: str) -> str | None:
        """Why ``url`` may not be fetched (Dutch), or None when it may."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return "geen http- of https-adres"
        if not self.host_allowed(url):
            return f"andere site ({parts.hostname}); sta die toe met --allow-host"
        robots = self.robots(url)
        if robots is None:
            return f"robots.txt van {parts.hostname} is niet te lezen"
        if not robots.can_fetch(USER_AGENT, url):
            return "robots.txt staat dit niet toe"
        return None

    # -- fetching ----------------------------------------------------------------------------------
    def fetch(self, url: str, *, kinds: dict[str, str] | None = None) -> Response:
        """GET ``url`` with every check and limit; ``kinds``: the content types to keep."""
        kinds = CONTENT_TYPES if kinds is None else kinds
        start = time.monotonic()
        seen = {url}
        current = url
        for hop in range(self.max_redirects + 1):
            reason = self.check(current)
            if reason:
                return Response(url, current, error=reason, skipped=True, seconds=time.monotonic() - start)
            resp = self._get(current)
            resp.url = url
            resp.seconds = time.monotonic() - start
            if resp.status in REDIRECTS and resp.error is None and resp.final_url:
                if resp.final_url in seen:
                    return _fail(resp, "doorverwijzingen in een kring (redirect loop)")
                seen.add(resp.final_url)
                current = resp.final_url
                continue
            if resp.error is None and resp.content_type not in kinds:
                resp.error = f"geen tekst die helder leest (Content-Type {resp.content_type or 'onbekend'})"
                resp.skipped, resp.data = True, b""
            return resp
        return _fail(Response(url, current, seconds=time.monotonic() - start),
                     f"meer dan {self.max_redirects} doorverwijzingen")

    def _get(self, url: str, *, max_bytes: int | None = None) -> Response:
        limit = self.max_bytes if max_bytes is None else max_bytes
        host = urlsplit(url).netloc
        self._wait(host)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
        resp = Response(url, url)
        deadline = time.monotonic() + self.timeout
        try:
            with _OPENER.open(request, timeout=self.timeout) as handle:
                resp.status = handle.status
                resp.final_url = handle.geturl()
                resp.content_type = _media_type(handle.headers.get("Content-Type"))
                resp.data = _read_limited(handle, limit, deadline)
        except urllib.error.HTTPError as exc:
            resp.status = exc.code
            if exc.code in REDIRECTS and exc.headers.get("Location"):
                resp.final_url = urljoin(url, exc.headers["Location"])
            else:
                resp.error = f"HTTP-fout {exc.code}"
            exc.close()
        except _TooLarge:
            resp.error = f"te groot (meer dan {limit // (1024 * 1024) or 1} MB)"
        except _TooSlow:
            resp.error = f"te traag (meer dan {self.timeout:g} seconden)"
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, OSError) as exc:
            resp.error = f"niet bereikbaar ({_short(exc)})"
        except Exception as exc:  # noqa: BLE001 - a malformed response (bad status line, headers)
            resp.error = f"onleesbaar antwoord ({type(exc).__name__})"
        return resp


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


def _read_limited(handle, limit: int, deadline: float) -> bytes:
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise _TooSlow
        chunk = handle.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)


def _media_type(header: str | None) -> str | None:
    if not header:
        return None
    return header.split(";", 1)[0].strip().lower() or None


def _short(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return str(reason)[:120] or type(exc).__name__


def _fail(resp: Response, reason: str) -> Response:
    resp.error = reason
    resp.data = b""
    return resp
