"""``helder serve``: a local web page to check a text, LanguageTool's API and helder's JSON API.

Standard library only (``http.server`` with a small router). What it promises:

- It listens on 127.0.0.1 (this computer only) unless ``--host`` says otherwise; another address
  needs a token (``--token`` or ``HELDER_TOKEN``), accepted as ``Authorization: Bearer``, as HTTP
  Basic password and as LanguageTool's ``apiKey``, compared in constant time. On this computer it
  answers only requests whose ``Host`` is 127.0.0.1, localhost or [::1] (no DNS rebinding).
- Checks run in worker processes (:mod:`helder.web.pool`; ``--workers``), each with the pipeline
  loaded once; at most ``--queue`` requests wait, the next gets 503 with ``Retry-After``. A check
  that takes longer than ``--timeout`` seconds is stopped by killing its worker (a new one starts),
  whether or not the client still waits.
- A request may be at most ``max_bytes`` (default 10 MB; 413), must have exactly one
  ``Content-Length`` (411, 400) and must arrive whole (request line, headers and body) within
  30 seconds. Forms have at most 40 fields or parts and no nesting (:mod:`helder.web.forms`).
  The listen backlog is 128.
- Nothing is written to disk: uploads are parsed in memory, the answer is sent and forgotten. Log
  lines name only the method, the path and the status, never the text or the query string.
- CORS headers only with ``--allow-origin ORIGIN``, and only on ``/v2/*`` and ``/api/*``.

Routes: ``GET /`` the form, ``POST /controleer`` the HTML report (for a Word or OpenDocument file
with a download of the file with helder's comments), ``POST /controleer/word`` that file itself
(:mod:`helder.web.word`); ``POST|GET /v2/check`` and
``GET /v2/languages`` (LanguageTool 6.x, :mod:`helder.web.ltapi`); ``POST /api/v1/check`` and
``/api/v1/score`` (schema-1 JSON, :mod:`helder.web.api`, ``GET /openapi.yaml``); ``GET /regels``
and ``/regels/CODE`` (each rule explained). Everything else: 404.
"""

from __future__ import annotations

import base64
import hmac
import json
import os
import signal
import socket
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import urlsplit

import click

from ..errors import HelderError
from ..formatters.html_report import CONTENT_SECURITY_POLICY
from . import forms, ltapi, word
from .formpage import _megabytes, _profiles
from .pages import error_page, form_page
from .jobs import JobError
from .pool import Busy, Pool, TooSlow, WorkerFailed
from .rulepage import index_page, rule_page

__all__ = ["DEFAULT_MAX_BYTES", "serve", "make_server", "serve_command"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_TIMEOUT = 60.0  # seconds per check
ENV_TOKEN = "HELDER_TOKEN"
LT_MAX_CHARS = 100_000  # characters per /v2/check (LanguageTool's public server takes 20,000)
_READ_TIMEOUT = 30  # seconds for one whole request (line, headers, body) to arrive


# ── request handling ─────────────────────────────────────────────────────────────────────────

_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_JSON = "application/json; charset=utf-8"
_TEXT = "text/plain; charset=utf-8"


@dataclass
class Settings:
    """What one server does; set once by :func:`make_server`."""

    max_bytes: int = DEFAULT_MAX_BYTES
    allowed_hosts: frozenset[str] = frozenset()
    token: str = ""
    allow_origin: str = ""
    timeout: float = DEFAULT_TIMEOUT
    grammar_url: str | None = None
    run: Callable[..., Any] | None = None  # Pool.run


class _Handler(BaseHTTPRequestHandler):
    server_version = "helder"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = _READ_TIMEOUT  # per read; the whole request has _READ_TIMEOUT too (see handle_one_request)
    settings: Settings = Settings()

    # -- the whole-request deadline -----------------------------------------------------------------
    def handle_one_request(self) -> None:
        self._request_read = False
        timer = threading.Timer(_READ_TIMEOUT, self._expire)
        timer.daemon = True
        timer.start()
        try:
            super().handle_one_request()
        finally:
            timer.cancel()

    def _expire(self) -> None:
        if not self._request_read:  # still reading the request line, the headers or the body
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    # -- responses --------------------------------------------------------------------------------
    def _send_bytes(self, status: int, data: bytes, content_type: str, *, close: bool = False,
                    headers: dict[str, str] | None = None) -> None:
        self._request_read = True
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        if content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'")
            self.send_header("X-Frame-Options", "DENY")
        if self.settings.allow_origin and self._api_path():
            self.send_header("Access-Control-Allow-Origin", self.settings.allow_origin)
            self.send_header("Vary", "Origin")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _send(self, status: int, page: str, *, close: bool = False, headers: dict[str, str] | None = None) -> None:
        self._send_bytes(status, page.encode("utf-8"), "text/html; charset=utf-8", close=close, headers=headers)

    def _json(self, status: int, value: Any, **kw) -> None:
        self._send_bytes(status, json.dumps(value, ensure_ascii=False).encode("utf-8"), _JSON, **kw)

    def _error(self, status: int, message: str, *, close: bool = False, headers: dict[str, str] | None = None) -> None:
        """An error in the style of the route: LanguageTool's text, JSON for the API, a page otherwise."""
        path = urlsplit(self.path).path
        if path.startswith("/v2/"):
            self._send_bytes(status, f"Error: {message}".encode("utf-8"), _TEXT, close=close, headers=headers)
        elif path.startswith("/api/"):
            self._json(status, {"error": message, "status": int(status)}, close=close, headers=headers)
        else:
            self._send(status, error_page(message), close=close, headers=headers)

    def _form(self, status: int = 200, **kwargs) -> None:
        self._send(status, form_page(max_bytes=self.settings.max_bytes, **kwargs))

    def _api_path(self) -> bool:
        path = urlsplit(self.path).path
        return path.startswith("/v2/") or path.startswith("/api/")

    def _host_ok(self) -> bool:
        if not self.settings.allowed_hosts:  # listening on the network on purpose (--host): any name
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        return host in self.settings.allowed_hosts

    def _authorised(self, api_key: str = "") -> bool:
        token = self.settings.token
        if not token:
            return True
        given = api_key
        auth = (self.headers.get("Authorization") or "").strip()
        if auth[:7].lower() == "bearer ":
            given = auth[7:].strip()
        elif auth[:6].lower() == "basic ":
            try:
                given = base64.b64decode(auth[6:].strip(), validate=True).decode("utf-8").partition(":")[2]
            except (ValueError, UnicodeDecodeError):
                given = ""
        return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))

    def _refuse_auth(self) -> None:
        self._error(HTTPStatus.UNAUTHORIZED, "Deze server vraagt een token (Authorization: Bearer of apiKey).",
                    close=True, headers={"WWW-Authenticate": 'Basic realm="helder", charset="UTF-8"'})

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - name from the base class
        sys.stderr.write(f"helder serve: {self.address_string()} {format % args}\n")

    def log_error(self, format: str, *args) -> None:  # noqa: A002
        # the standard messages may quote the request line (and so a query string with text): code only
        code = args[0] if args and isinstance(args[0], int) else "-"
        self.log_message("fout %s", str(code))

    def log_request(self, code="-", size="-") -> None:
        path = urlsplit(self.path).path  # no query string (it may hold text) in the log
        self.log_message('"%s %s" %s', self.command, path[:100], str(getattr(code, "value", code)))

    # -- methods ----------------------------------------------------------------------------------
    def _pre(self, *, needs_token: bool = True) -> bool:
        if not self._host_ok():
            self._error(HTTPStatus.MISDIRECTED_REQUEST, "Open helder via http://127.0.0.1 of http://localhost.",
                        close=True)
            return False
        if needs_token and not self._authorised():
            self._refuse_auth()
            return False
        return True

    def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight, only for the APIs and --allow-origin
        if not self._host_ok() or not (self.settings.allow_origin and self._api_path()):
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "Deze methode kent helder hier niet.")
            return
        self._send_bytes(HTTPStatus.NO_CONTENT, b"", _TEXT, headers={
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Authorization, Content-Type",
            "Access-Control-Max-Age": "600"})

    def do_GET(self) -> None:  # noqa: N802 - name from the base class
        path = urlsplit(self.path).path
        public = path in ("/v2/languages",) or path.startswith("/regels") or path == "/openapi.yaml"
        if not self._pre(needs_token=not public):
            return
        if path == "/v2/check":
            self._lt_check(parse_qsl_bytes(urlsplit(self.path).query))
            return
        route = _GET_ROUTES.get(path)
        if route is not None:
            route(self)
        elif path.startswith("/regels/"):
            page = rule_page(path[len("/regels/"):])
            if page is None:
                self._error(HTTPStatus.NOT_FOUND, "Deze regel bestaat niet.")
            else:
                self._send(HTTPStatus.OK, page)
        else:
            self._error(HTTPStatus.NOT_FOUND, "Deze pagina bestaat niet.")

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_POST(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path
        route = _POST_ROUTES.get(path)
        # /v2/check takes the token as apiKey in the form, so it is checked after reading
        if not self._pre(needs_token=path != "/v2/check"):
            return
        if route is None:
            self._error(HTTPStatus.NOT_FOUND, "Deze pagina bestaat niet.", close=True)
            return
        body = self._read_body()
        if body is not None:
            route(self, body)

    # -- the body ---------------------------------------------------------------------------------
    def _read_body(self) -> bytes | None:
        lengths = self.headers.get_all("Content-Length") or []
        if self.headers.get("Transfer-Encoding") or not lengths:
            self._error(HTTPStatus.LENGTH_REQUIRED, "Het verzoek zegt niet hoe groot de tekst is.", close=True)
            return None
        if len(lengths) > 1:
            self._error(HTTPStatus.BAD_REQUEST, "Het verzoek heeft meer dan één Content-Length.", close=True)
            return None
        try:
            length = int(lengths[0].strip())
            if length < 0 or not lengths[0].strip().isdigit():
                raise ValueError
        except ValueError:
            self._error(HTTPStatus.BAD_REQUEST, "Dit verzoek klopt niet.", close=True)
            return None
        if length > self.settings.max_bytes:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                        f"Deze tekst of dit bestand is te groot. helder neemt hier tot "
                        f"{_megabytes(self.settings.max_bytes)}. Deel de tekst op in kleinere stukken.", close=True)
            return None
        try:
            body = self.rfile.read(length)
        except (OSError, TimeoutError, ValueError):
            self.close_connection = True
            return None
        if len(body) < length:
            self.close_connection = True
            return None
        self._request_read = True
        return body

    def _form_of(self, body: bytes, file_fields: tuple[str, ...]) -> forms.Form | None:
        try:
            return forms.parse(self.headers.get("Content-Type", ""), body, file_fields=file_fields)
        except forms.FormError as exc:
            self._error(exc.status, exc.message)
            return None

    def _run(self, name: str, **kwargs) -> Any:
        """A job in a worker; on failure the error answer is sent and None returned."""
        try:
            return self.settings.run(name, self.settings.timeout, **kwargs)
        except Busy:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, "helder is druk. Probeer het over een paar seconden opnieuw.",
                        headers={"Retry-After": "5"})
        except TooSlow:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE,
                        f"De controle duurde langer dan {self.settings.timeout:g} seconden en is gestopt. "
                        "Probeer een kortere tekst.", headers={"Retry-After": "5"})
        except WorkerFailed:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "De controle ging mis (het proces stopte). "
                        "Probeer het opnieuw.")
        except JobError as exc:
            self._error(exc.status, exc.message)
        return None

    # -- routes -----------------------------------------------------------------------------------
    def _home(self) -> None:
        self._form()

    def _see_home(self) -> None:
        self._send_bytes(HTTPStatus.SEE_OTHER, b"", _TEXT, headers={"Location": "/"})

    def _page_check(self, body: bytes) -> None:
        page = self._form_job("page", body)
        if page is not None:
            self._send(HTTPStatus.OK, page)

    def _form_job(self, name: str, body: bytes) -> Any:
        """A job for the web form (``page`` or ``annotated``); on failure the form with the error, and None."""
        form = self._form_of(body, ("bestand",))
        if form is None:
            return None
        profile = form.get("profiel").strip()
        profile = profile if profile in _profiles() else ""
        text = form.get("tekst") if not form.file_data else ""
        try:
            return self.settings.run(name, self.settings.timeout, text=form.get("tekst"), file_name=form.file_name,
                                     file_data=form.file_data, profile=profile, max_bytes=self.settings.max_bytes)
        except JobError as exc:
            if exc.kind == "input":
                self._form(HTTPStatus.UNPROCESSABLE_ENTITY, text=text, profile=profile, error=exc.message)
            else:
                self._error(exc.status, exc.message)
        except (Busy, TooSlow, WorkerFailed):
            self._form(HTTPStatus.SERVICE_UNAVAILABLE, text=text, profile=profile,
                       error="helder is druk of de controle duurde te lang. Probeer het over een paar seconden opnieuw.")
        return None

    def _base_url(self) -> str:
        host = (self.headers.get("Host") or "").strip() or f"127.0.0.1:{self.server.server_address[1]}"
        return f"http://{host}"

    def _lt_check(self, fields_or_body: dict[str, str] | bytes) -> None:
        try:
            fields = ltapi.parse_form(fields_or_body) if isinstance(fields_or_body, bytes) else fields_or_body
            if not self._authorised(fields.get("apiKey", "")):
                self._refuse_auth()
                return
            request = ltapi.parse_request(fields, max_chars=min(self.settings.max_bytes, LT_MAX_CHARS))
        except ltapi.LTError as exc:
            self._error(exc.status, exc.message)
            return
        answer = self._run("lt_check", request=request, grammar_url=self.settings.grammar_url,
                           base_url=self._base_url())
        if answer is not None:
            self._json(HTTPStatus.OK, answer)

    def _lt_check_post(self, body: bytes) -> None:
        kind = (self.headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()
        if kind == "multipart/form-data":
            form = self._form_of(body, ())
            if form is not None:
                self._lt_check({**parse_qsl_bytes(urlsplit(self.path).query), **form.fields})
            return
        try:
            query = parse_qsl_bytes(urlsplit(self.path).query)
            fields = {**query, **ltapi.parse_form(body)}
        except ltapi.LTError as exc:
            self._error(exc.status, exc.message)
            return
        self._lt_check(fields)

    def _languages(self) -> None:
        self._json(HTTPStatus.OK, ltapi.languages())

    def _api(self, action: str, body: bytes) -> None:
        from .api import api_arguments

        form = self._form_of(body, ("file",))
        if form is None:
            return
        try:
            kwargs = api_arguments(form, action, grammar_url=self.settings.grammar_url)
        except forms.FormError as exc:
            self._error(exc.status, exc.message)
            return
        answer = self._run("api", action=action, max_bytes=self.settings.max_bytes, **kwargs)
        if answer is not None:
            self._json(HTTPStatus.OK, answer)

    def _openapi(self) -> None:
        from importlib.resources import files

        data = files("helder.web").joinpath("openapi.yaml").read_bytes()
        self._send_bytes(HTTPStatus.OK, data, "application/yaml; charset=utf-8")


def parse_qsl_bytes(query: str) -> dict[str, str]:
    return ltapi.parse_form(query.encode("latin-1", "replace")) if query else {}


_GET_ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/": _Handler._home, "/index.html": _Handler._home, "/controleer": _Handler._see_home,
    "/controleer/word": _Handler._see_home,
    "/v2/languages": _Handler._languages, "/regels": lambda h: h._send(HTTPStatus.OK, index_page()),
    "/openapi.yaml": _Handler._openapi,
}
_POST_ROUTES: dict[str, Callable[[_Handler, bytes], None]] = {
    "/controleer": _Handler._page_check, "/controleer/word": word.route, "/v2/check": _Handler._lt_check_post,
    "/api/v1/check": lambda h, b: h._api("check", b), "/api/v1/score": lambda h, b: h._api("score", b),
}


def _allowed_hosts(host: str, port: int) -> frozenset[str]:
    """Host headers to accept: this computer's names; empty (any) when listening on the network."""
    if host.lower() not in _LOOPBACK:
        return frozenset()
    out = set()
    for name in ("127.0.0.1", "localhost", "[::1]"):
        out.add(f"{name}:{port}")
        if port == 80:
            out.add(name)
    return frozenset(out)


class HelderServer(ThreadingHTTPServer):
    request_queue_size = 128  # listen backlog (the standard library's default is 5)
    daemon_threads = True
    pool: Pool | None = None

    def handle_error(self, request, client_address) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # the client went away (it may have given up waiting); nothing to tell
        super().handle_error(request, client_address)

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()
            self.pool = None


def make_server(host: str = "127.0.0.1", port: int = 8000, max_bytes: int = DEFAULT_MAX_BYTES, *,
                model: str | None = None, preload: bool = True, workers: int = 1, queue_size: int = 8,
                timeout: float = DEFAULT_TIMEOUT, token: str | None = None, allow_origin: str = "",
                grammar_url: str | None = None) -> HelderServer:
    """The HTTP server with its worker processes, bound but not yet serving (``port=0``: a free port).

    ``preload`` is kept for compatibility: the workers always load the pipeline when they start.
    """
    token = token if token is not None else os.environ.get(ENV_TOKEN, "")
    if host.lower() not in _LOOPBACK and not token:
        raise HelderError(f"helder luistert alleen op {host} met een token. Geef --token of zet {ENV_TOKEN}.")
    try:
        server = HelderServer((host, port), _Handler)
    except OSError as exc:
        if exc.errno in (98, 48, 10048):  # address in use (Linux, macOS, Windows)
            raise HelderError(f"poort {port} is al in gebruik. Kies een andere poort met --port.") from None
        raise HelderError(f"helder kan niet luisteren op {host}:{port} ({exc.strerror or exc}).") from None
    try:
        server.pool = Pool(workers, queue_size=queue_size, model=model)
    except BaseException:
        server.server_close()
        raise
    settings = Settings(max_bytes=max_bytes, allowed_hosts=_allowed_hosts(host, server.server_address[1]),
                        token=token, allow_origin=allow_origin, timeout=timeout, grammar_url=grammar_url,
                        run=server.pool.run)
    server.RequestHandlerClass = type("HelderHandler", (_Handler,), {"settings": settings})
    return server


def _grammar_url(grammar: bool, grammar_url: str | None) -> str | None:
    """The LanguageTool server to merge in (started here once, when --grammar names none)."""
    if not (grammar or grammar_url):
        return None
    from ..grammar import LanguageToolUnavailable, resolve_url

    try:
        return resolve_url(grammar_url)
    except LanguageToolUnavailable as exc:
        click.echo(f"helder: let op: spellingcontrole niet beschikbaar ({exc.reason}).", err=True)
        return None


def serve(host: str = "127.0.0.1", port: int = 8000, max_bytes: int = DEFAULT_MAX_BYTES, *,
          model: str | None = None, **kwargs) -> None:
    """Serve the page and the APIs until Ctrl+C."""
    if host.lower() not in _LOOPBACK:
        click.echo(f"helder: let op: helder luistert op {host}. Andere computers in het netwerk kunnen "
                   "helder dan ook gebruiken, met het token.", err=True)
    click.echo("helder: het taalmodel wordt geladen ...", err=True)
    server = make_server(host, port, max_bytes, model=model, **kwargs)
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{server.server_address[1]}"
    click.echo(f"helder draait op {base}/  (LanguageTool-API: {base}/v2; stoppen: Ctrl+C)", err=True)

    def stop(*_args) -> None:
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, stop)  # a service manager stops it as Ctrl+C does: workers too
    except ValueError:  # not the main thread
        pass
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        click.echo("helder: gestopt.", err=True)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adres om op te luisteren. Laat dit staan: dan kan alleen deze computer helder gebruiken.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Poort.")
@click.option("--max-mb", default=DEFAULT_MAX_BYTES // (1024 * 1024), show_default=True,
              type=click.IntRange(1, 100), help="Grootste tekst of bestand in MB.")
@click.option("--model", default=None, help="Naam of map van het spaCy-taalmodel.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Zoveel processen controleren tegelijk (elk laadt het taalmodel één keer).")
@click.option("--queue", "queue_size", default=8, show_default=True, type=click.IntRange(0, 1000),
              help="Zoveel verzoeken mogen wachten; daarna antwoordt helder 503 (druk).")
@click.option("--timeout", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(1, 3600),
              help="Seconden per controle; daarna stopt helder het proces en start een nieuw.")
@click.option("--token", default=None, envvar=ENV_TOKEN, show_envvar=True,
              help="Geheim token (Authorization: Bearer of apiKey). Nodig met een ander --host.")
@click.option("--allow-origin", default="", metavar="ORIGIN",
              help="Sta deze webpagina (CORS) toe de API's /v2 en /api te gebruiken, bijvoorbeeld app://obsidian.md.")
@click.option("--grammar/--no-grammar", default=False,
              help="Ook spelling en grammatica met LanguageTool in /v2/check.")
@click.option("--grammar-url", default=None, envvar="HELDER_LANGUAGETOOL_URL",
              help="Adres van een LanguageTool-server (zet ook --grammar aan).")
def serve_command(host: str, port: int, max_mb: int, model: str | None, workers: int, queue_size: int,
                  timeout: float, token: str | None, allow_origin: str, grammar: bool, grammar_url: str | None) -> int:
    """Start helder op deze computer: een webpagina, de LanguageTool-API (/v2) en de JSON-API (/api/v1)."""
    serve(host, port, max_mb * 1024 * 1024, model=model, workers=workers, queue_size=queue_size,
          timeout=timeout, token=token or "", allow_origin=allow_origin,
          grammar_url=_grammar_url(grammar, grammar_url))
    return 0
