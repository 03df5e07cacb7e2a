"""``helder serve``: a local web page to check a text: paste or upload, choose a profile, see the report.

Standard library only (``http.server``). What it promises:

- It listens on 127.0.0.1 (this computer only) unless ``--host`` says otherwise. On this computer it
  answers only requests whose ``Host`` is 127.0.0.1, localhost or [::1] (no DNS rebinding).
- A request may be at most ``max_bytes`` (default 10 MB); a larger one is refused with status 413
  before its body is read. A request without ``Content-Length`` is refused (411). Reading the body
  has a time limit.
- Nothing is written to disk: the upload is parsed in memory (``email`` parser), a Word, OpenDocument
  or PDF file is read through a pipe (see :mod:`helder.documents.office`), the report is sent back
  and forgotten. Log lines name only the method, the path and the status, never the text.
- The answer is the same HTML report as ``helder check --format html``
  (:func:`helder.formatters.html_report.render_html`), with strict security headers.
- The Dutch pipeline loads once, when the server starts; checks run one at a time.

Routes: ``GET /`` the form, ``POST /controleer`` the report. Everything else: 404.
"""

from __future__ import annotations

import email.parser
import email.policy
import html
import sys
import threading
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import PurePosixPath, PureWindowsPath
from typing import Callable
from urllib.parse import parse_qs, urlsplit

import click

from ..errors import HelderError, InputError
from ..formatters.html_report import CONTENT_SECURITY_POLICY, html_page, render_html

__all__ = ["DEFAULT_MAX_BYTES", "serve", "make_server", "serve_command"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_READ_TIMEOUT = 30  # seconds for one request to arrive
_ACCEPTED_FILES = ".txt,.md,.markdown,.html,.htm,.docx,.odt,.pdf"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _profiles() -> list[str]:
    try:
        from ..checks import available_profiles

        return available_profiles()
    except Exception:  # noqa: BLE001 - the form still works with the default profile
        return []


def _megabytes(n: int) -> str:
    return f"{max(1, round(n / (1024 * 1024)))} MB"


def form_html(*, max_bytes: int, text: str = "", profile: str = "", error: str = "", compact: bool = False) -> str:
    """The form (trusted HTML): a text area, a file field, a profile and a button."""
    options = ['<option value="">Automatisch: brief (web voor Markdown en HTML)</option>']
    for name in _profiles():
        selected = " selected" if name == profile else ""
        options.append(f'<option value="{_e(name)}"{selected}>{_e(name)}</option>')
    parts = []
    if error:
        parts.append(f'<div class="fouten" role="alert" id="fout"><p><strong>Dat lukte niet.</strong> {_e(error)}</p></div>')
    if compact:
        parts.append('<p class="niet-printen"><a href="/">Nog een tekst controleren</a></p>')
        return "\n".join(parts)
    described = ' aria-describedby="fout"' if error else ""
    parts.append(
        '<form class="controle" method="post" action="/controleer" enctype="multipart/form-data">'
        "<div>"
        '<label for="tekst">Plak hier je tekst</label>'
        f'<textarea id="tekst" name="tekst" rows="12" spellcheck="true" lang="nl"{described}>{_e(text)}</textarea>'
        "</div>"
        "<div>"
        '<label for="bestand">Of kies een bestand</label>'
        f'<input type="file" id="bestand" name="bestand" accept="{_ACCEPTED_FILES}" aria-describedby="bestand-hint">'
        f'<p class="hint" id="bestand-hint">Word (.docx), OpenDocument (.odt), PDF, tekst (.txt), Markdown of HTML. '
        f"Hoogstens {_megabytes(max_bytes)}. Kies je een bestand, dan kijkt helder naar het bestand en niet naar "
        "de geplakte tekst.</p>"
        "</div>"
        "<div>"
        '<label for="profiel">Soort tekst (profiel)</label>'
        f'<select id="profiel" name="profiel">{"".join(options)}</select>'
        "</div>"
        '<button class="knop" type="submit">Controleer de tekst</button>'
        "</form>"
        '<p class="uitleg">helder bewaart niets: je tekst blijft op deze computer en is weg zodra je deze '
        "pagina sluit.</p>")
    return "\n".join(parts)


# ── request handling ─────────────────────────────────────────────────────────────────────────

class _Upload:
    def __init__(self) -> None:
        self.text = ""
        self.profile = ""
        self.file_name = ""
        self.file_data = b""


def _parse_form(content_type: str, body: bytes) -> _Upload:
    upload = _Upload()
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=20)
        upload.text = (fields.get("tekst") or [""])[0]
        upload.profile = (fields.get("profiel") or [""])[0]
        return upload
    if kind != "multipart/form-data":
        raise InputError("helder begrijpt dit formulier niet. Gebruik het formulier op de pagina.")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise InputError("helder begrijpt dit formulier niet. Gebruik het formulier op de pagina.")
    for part in list(message.iter_parts())[:20]:
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if name == "tekst":
            upload.text = payload.decode(part.get_content_charset() or "utf-8", "replace")
        elif name == "profiel":
            upload.profile = payload.decode("utf-8", "replace").strip()
        elif name == "bestand":
            filename = part.get_filename() or ""
            if filename and payload:
                # only the name, never a folder: the path is shown in messages, never used on disk
                base = PureWindowsPath(PurePosixPath(filename).name).name
                upload.file_name = base[:120] or "bestand"
                upload.file_data = payload
    return upload


class _Handler(BaseHTTPRequestHandler):
    server_version = "helder"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = _READ_TIMEOUT

    # set by make_server
    max_bytes: int = DEFAULT_MAX_BYTES
    allowed_hosts: frozenset[str] = frozenset()
    analyse: Callable = None  # type: ignore[assignment]

    # -- responses --------------------------------------------------------------------------------
    def _send(self, status: int, page: str, *, close: bool = False) -> None:
        data = page.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _message(self, status: int, title: str, text: str, *, close: bool = False) -> None:
        body = f'<p role="alert">{_e(text)}</p><p><a href="/">Terug naar het formulier</a></p>'
        self._send(status, html_page(title, body), close=close)

    def _form(self, status: int = 200, **kwargs) -> None:
        body = form_html(max_bytes=self.max_bytes, **kwargs)
        page = html_page("helder: controleer je tekst", body,
                         subtitle="Plak een tekst of kies een bestand. helder laat zien waar de tekst moeilijk is.")
        self._send(status, page)

    def _host_ok(self) -> bool:
        if not self.allowed_hosts:  # listening on the network on purpose (--host): any name
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        return host in self.allowed_hosts

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - name from the base class
        sys.stderr.write(f"helder serve: {self.address_string()} {format % args}\n")

    def log_request(self, code="-", size="-") -> None:
        path = urlsplit(self.path).path  # no query string in the log
        self.log_message('"%s %s" %s', self.command, path[:100], str(getattr(code, "value", code)))

    # -- methods ----------------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - name from the base class
        if not self._host_ok():
            self._message(HTTPStatus.MISDIRECTED_REQUEST, "Verkeerd adres",
                          "Open helder via http://127.0.0.1 of http://localhost.", close=True)
            return
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            self._form()
        elif path == "/controleer":
            self._redirect_home()
        else:
            self._message(HTTPStatus.NOT_FOUND, "Niet gevonden", "Deze pagina bestaat niet.")

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def _discard(self, length: int) -> None:
        left = length
        try:
            while left > 0:
                chunk = self.rfile.read(min(left, 64 * 1024))
                if not chunk:
                    break
                left -= len(chunk)
        except (OSError, TimeoutError):
            pass

    def _redirect_home(self) -> None:
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", "/")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_ok():
            self._message(HTTPStatus.MISDIRECTED_REQUEST, "Verkeerd adres",
                          "Open helder via http://127.0.0.1 of http://localhost.", close=True)
            return
        if urlsplit(self.path).path != "/controleer":
            self._message(HTTPStatus.NOT_FOUND, "Niet gevonden", "Deze pagina bestaat niet.", close=True)
            return
        length_header = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or length_header is None:
            self._message(HTTPStatus.LENGTH_REQUIRED, "Verzoek niet compleet",
                          "De browser gaf niet door hoe groot de tekst is. Probeer het opnieuw.", close=True)
            return
        try:
            length = int(length_header)
            if length < 0:
                raise ValueError
        except ValueError:
            self._message(HTTPStatus.BAD_REQUEST, "Verzoek niet goed", "Dit verzoek klopt niet.", close=True)
            return
        if length > self.max_bytes:
            # read and throw away a body of reasonable size, so the browser shows the message
            # instead of a broken connection; nothing is kept
            if length <= max(4 * self.max_bytes, 64 * 1024 * 1024):
                self._discard(length)
            self._message(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "Te groot",
                          f"Deze tekst of dit bestand is te groot. helder neemt hier tot "
                          f"{_megabytes(self.max_bytes)}. Deel de tekst op in kleinere stukken.", close=True)
            return
        try:
            body = self.rfile.read(length)
        except (OSError, TimeoutError):
            self.close_connection = True
            return
        if len(body) < length:
            self.close_connection = True
            return
        profile = ""
        text = ""
        try:
            upload = _parse_form(self.headers.get("Content-Type", ""), body)
            profile = upload.profile if upload.profile in _profiles() else ""
            text = upload.text if not upload.file_data else ""
            report_page = self.analyse(upload, profile)
        except HelderError as exc:
            self._form(HTTPStatus.UNPROCESSABLE_ENTITY, text=text, profile=profile, error=str(exc))
            return
        except Exception:  # noqa: BLE001 - show a page, log the details
            traceback.print_exc(file=sys.stderr)
            self._message(HTTPStatus.INTERNAL_SERVER_ERROR, "Er ging iets mis",
                          "helder kon deze tekst niet controleren door een fout in helder zelf. "
                          "Probeer het opnieuw of kies een ander bestand.")
            return
        self._send(HTTPStatus.OK, report_page)


def _analyser(model: str | None, max_bytes: int) -> Callable[[_Upload, str], str]:
    lock = threading.Lock()

    def analyse(upload: _Upload, profile: str) -> str:
        from ..analysis import Options, analyze_documents
        from ..documents import from_bytes, from_string

        if upload.file_data:
            document = from_bytes(upload.file_data, None, upload.file_name, max_bytes=max_bytes)
        elif upload.text.strip():
            document = from_string(upload.text.replace("\r\n", "\n"), "text", "-")
        else:
            raise InputError("Plak een tekst of kies een bestand.")
        options = Options(model=model, checks=True, profile=profile or None)
        with lock:  # one check at a time: the pipeline is shared
            report = next(analyze_documents([document], options))
        before = form_html(max_bytes=max_bytes, compact=True)
        return render_html([report], [document], before=before)

    return analyse


_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _allowed_hosts(host: str, port: int) -> frozenset[str]:
    """Host headers to accept: this computer's names; empty (any) when listening on the network."""
    if host.lower() not in _LOOPBACK:
        return frozenset()
    names = {"127.0.0.1", "localhost", "[::1]"}
    out = set()
    for name in names:
        out.add(f"{name}:{port}")
        if port == 80:
            out.add(name)
    return frozenset(out)


def make_server(host: str = "127.0.0.1", port: int = 8000, max_bytes: int = DEFAULT_MAX_BYTES, *,
                model: str | None = None, preload: bool = True) -> ThreadingHTTPServer:
    """The HTTP server, bound but not yet serving (``port=0``: a free port; see ``server_address``)."""
    if preload:
        from ..nlp import get_pipeline

        get_pipeline(model)  # load once, before the first visitor waits for it
    try:
        server = ThreadingHTTPServer((host, port), _Handler)
    except OSError as exc:
        if exc.errno in (98, 48, 10048):  # address in use (Linux, macOS, Windows)
            raise HelderError(f"poort {port} is al in gebruik. Kies een andere poort met --port.") from None
        raise HelderError(f"helder kan niet luisteren op {host}:{port} ({exc.strerror or exc}).") from None
    server.daemon_threads = True
    bound_port = server.server_address[1]
    handler = type("HelderHandler", (_Handler,), {
        "max_bytes": max_bytes,
        "allowed_hosts": _allowed_hosts(host, bound_port),
        "analyse": staticmethod(_analyser(model, max_bytes)),
    })
    server.RequestHandlerClass = handler
    return server


def serve(host: str = "127.0.0.1", port: int = 8000, max_bytes: int = DEFAULT_MAX_BYTES, *,
          model: str | None = None) -> None:
    """Serve the page until Ctrl+C."""
    if host.lower() not in _LOOPBACK:
        click.echo(f"helder: let op: helder luistert op {host}. Andere computers in het netwerk kunnen de "
                   "pagina dan ook openen.", err=True)
    click.echo("helder: het taalmodel wordt geladen ...", err=True)
    server = make_server(host, port, max_bytes, model=model)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"helder draait op http://{shown}:{server.server_address[1]}/  (stoppen: Ctrl+C)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        click.echo("helder: gestopt.", err=True)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adres om op te luisteren. Laat dit staan: dan kan alleen deze computer de pagina openen.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Poort.")
@click.option("--max-mb", default=DEFAULT_MAX_BYTES // (1024 * 1024), show_default=True,
              type=click.IntRange(1, 100), help="Grootste tekst of bestand in MB.")
@click.option("--model", default=None, help="Naam of map van het spaCy-taalmodel.")
def serve_command(host: str, port: int, max_mb: int, model: str | None) -> int:
    """Start een webpagina op deze computer: plak een tekst of kies een bestand en zie het rapport."""
    serve(host, port, max_mb * 1024 * 1024, model=model)
    return 0
