"""A tiny HTTP server on 127.0.0.1 for tests that need a fake service (e.g. a misbehaving LanguageTool)."""

from __future__ import annotations

import http.server
import json
import threading


def send_json(handler: http.server.BaseHTTPRequestHandler, data) -> None:
    raw = json.dumps(data).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(raw)))
    handler.end_headers()
    handler.wfile.write(raw)


class LocalServer:
    """Serve ``handler`` on a free loopback port inside a ``with`` block; ``.url`` is its address."""

    def __init__(self, handler: type[http.server.BaseHTTPRequestHandler]) -> None:
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def request(port: int, method: str, path: str, body=None, headers=None, timeout: float = 120):
    """(status, headers, body text) of one request to a server on 127.0.0.1."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8")
    finally:
        conn.close()


def start_helder_server(max_bytes: int = 256 * 1024, **kwargs):
    """``helder serve``'s server (helder.web.server.make_server) on a free port of 127.0.0.1, serving
    in a daemon thread; call ``shutdown()`` and ``server_close()`` when done."""
    import os

    from helder.web.server import make_server

    srv = make_server("127.0.0.1", 0, max_bytes, model=os.environ.get("HELDER_TEST_MODEL"), **kwargs)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv
