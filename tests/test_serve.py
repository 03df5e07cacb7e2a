"""``helder serve``: the local web page, its limits and its answers (a real server on 127.0.0.1)."""

from __future__ import annotations

import io
import os
import socket
import tempfile
import uuid

import pytest

from helder.web.server import make_server, serve_command
from local_http import request, start_helder_server

MAX = 256 * 1024


@pytest.fixture(scope="module")
def server(pipeline):
    srv = start_helder_server(MAX)
    yield srv.server_address[1]
    srv.shutdown()
    srv.server_close()


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(value.encode("utf-8") + b"\r\n")
    for name, (filename, data) in (files or {}).items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                  "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def post(port, fields, files=None):
    body, content_type = multipart(fields, files)
    return request(port, "POST", "/controleer", body, {"Content-Type": content_type})


def test_form_page_and_headers(server):
    status, headers, page = request(server, "GET", "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Cache-Control"] == "no-store"
    assert '<html lang="nl">' in page and 'action="/controleer"' in page
    assert 'enctype="multipart/form-data"' in page
    assert '<label for="tekst">' in page and '<label for="bestand">' in page and '<label for="profiel">' in page
    for profile in ("brief", "web", "raadsvoorstel"):
        assert f'<option value="{profile}">' in page


def test_pasted_text_gives_the_report(server, tmp_path, monkeypatch):
    work, temp = tmp_path / "werk", tmp_path / "tijdelijk"
    work.mkdir()
    temp.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    text = "Indien u vragen heeft, kunt u ons bellen. <script>window.HACKED = 1</script> Wij helpen u graag."
    status, headers, page = post(server, {"tekst": text, "profiel": "brief"})
    assert status == 200, page[:500]
    assert page.count("<script") == 1 and "<script>window" not in page
    assert "&lt;script&gt;window." in page and "&lt;/script&gt;" in page  # shown as text
    assert 'data-codes="WK001"' in page and "Profiel: <strong>brief</strong>" in page
    assert '<a href="/">Nog een tekst controleren</a>' in page
    assert os.listdir(work) == []  # nothing written where the server runs ...
    assert os.listdir(temp) == []  # ... nor in the temporary folder


def test_uploaded_word_file(server):
    pytest.importorskip("docx")
    from docx_fixtures import docx_bytes

    data = docx_bytes(["De raad besluit. Indien u wilt, kunt u bellen."], heading="Beslispunten")
    status, _headers, page = post(server, {"tekst": "genegeerd", "profiel": "raadsvoorstel"},
                                  {"bestand": ("../../map/voorstel.docx", data)})
    assert status == 200, page[:500]
    assert "voorstel.docx" in page and "../" not in page and "map/" not in page
    assert "Alinea 2</a>" in page and "Profiel: <strong>raadsvoorstel</strong>" in page


def test_empty_and_bad_input_show_the_form_again(server):
    status, _h, page = post(server, {"tekst": "   ", "profiel": "brief"})
    assert status == 422 and 'role="alert"' in page and "Plak een tekst of kies een bestand." in page
    status, _h, page = post(server, {"tekst": ""}, {"bestand": ("kapot.pdf", b"%PDF-1.4 kapot")})
    assert status == 422 and "kapot.pdf" in page and "beschadigd" in page
    status, _h, page = post(server, {"tekst": "<b>vet</b> en nog wat woorden", "profiel": "bestaat-niet"})
    assert status == 200  # an unknown profile falls back to the default


def test_request_size_limit(server):
    status, headers, page = post(server, {"tekst": "woord " * (MAX // 5)})
    assert status == 413 and "te groot" in page and headers.get("Connection") == "close"


def test_length_required_and_wrong_host(server):
    with socket.create_connection(("127.0.0.1", server), timeout=10) as sock:
        sock.sendall(b"POST /controleer HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nTransfer-Encoding: chunked\r\n\r\n"
                     b"0\r\n\r\n" % server)
        answer = sock.recv(200)
    assert answer.startswith(b"HTTP/1.1 411")
    status, _h, page = request(server, "GET", "/", headers={"Host": "aanvaller.example:80"})
    assert status == 421 and "127.0.0.1" in page
    status, _h, _page = request(server, "GET", "/", headers={"Host": f"localhost:{server}"})
    assert status == 200


def test_unknown_paths(server):
    assert request(server, "GET", "/geheim")[0] == 404
    assert request(server, "POST", "/elders", b"x", {"Content-Type": "text/plain"})[0] == 404
    status, headers, _ = request(server, "GET", "/controleer")
    assert status == 303 and headers["Location"] == "/"


def test_serve_command_options():
    from click.testing import CliRunner

    result = CliRunner().invoke(serve_command, ["--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "127.0.0.1" in result.output and "--max-mb" in result.output


def test_port_in_use_is_a_dutch_error():
    from helder.errors import HelderError

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(HelderError, match="al in gebruik"):
            make_server("127.0.0.1", port, preload=False)
