"""Hostile input comes out as text on every page of ``helder serve``.

The pages are made from autoescaping Jinja2 templates (``helder/web/templates``, in the frame of the
HTML report). Here text with a script, quotes and Jinja2 syntax goes in through every field a person
controls — the pasted text, the profile, the uploaded file's name, a rule code in the URL, an unknown
path — and every page that comes back (form, error, result, rule, Word download block) is read with
an HTML parser: the only script element is helder's own, no element or attribute comes from the
input, the input is there as text, the template syntax was not run, and the Content-Security-Policy
header holds the hashes of the stylesheet and script that are actually in the page.
"""

from __future__ import annotations

import base64
import hashlib
import io
import uuid
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from local_http import request, start_helder_server

SCRIPT = '<script>alert("x")</script>'
HOSTILE = f"Wij sturen u {SCRIPT} een brief. 'Dit' is {{{{ 7*7 }}}} en {{% if 1 %}}ja{{% endif %}} & meer."
# a file name keeps no "/" (the server drops the folders), so its markup is an element without one
HOSTILE_NAME = "<img src=x onerror=\"alert('x')\"> {{ 7*7 }} & co.docx"
HELDER_TAGS = {"html", "head", "meta", "title", "style", "body", "a", "header", "h1", "h2", "h3", "h4", "p", "nav",
               "ul", "ol", "li", "main", "footer", "script", "div", "strong", "em", "br", "section", "span", "table",
               "thead", "tbody", "tr", "th", "td", "caption", "figure", "figcaption", "svg", "title", "desc", "g",
               "line", "polyline", "circle", "rect", "text", "path", "form", "label", "textarea", "input", "select",
               "option", "button", "mark", "details", "summary", "small", "abbr", "dl", "dt", "dd", "code", "q", "sup",
               "b", "i", "blockquote", "pre", "hr", "del", "ins"}


class Page(HTMLParser):
    """A page as its elements, the text between them and the contents of style and script."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.inline: dict[str, list[str]] = {"style": [], "script": []}
        self._in = ""
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in self.inline else ""

    def handle_endtag(self, tag) -> None:
        self._in = ""

    def handle_data(self, data) -> None:
        (self.inline[self._in] if self._in else self.text).append(data)

    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def check_page(page: str, headers: dict[str, str], *shown: str) -> Page:
    """Nothing of the input became markup or ran as a template; ``shown`` is there as text."""
    parsed = Page(page)
    tags = [t for t, _ in parsed.tags]
    assert tags.count("script") == 1 and tags.count("style") == 1, tags
    assert set(tags) <= HELDER_TAGS, set(tags) - HELDER_TAGS
    assert "img" not in tags and "alert(" not in "".join(parsed.inline["script"])
    for _tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on")], attrs
        assert "x" not in (attrs.get("src"), attrs.get("onerror"))
    text = parsed.all_text()
    for value in shown:
        assert " ".join(value.split()) in text, (value, text[:2000])
    assert "49" not in text.replace("7*7", "") or "{{ 7*7 }}" in text
    policy = headers["Content-Security-Policy"]
    for kind in ("style", "script"):
        (content,) = parsed.inline[kind]
        assert f"{kind}-src {_sha256(content)}" in policy, kind
    return parsed


@pytest.fixture(scope="module")
def server(pipeline):
    srv = start_helder_server(2 * 1024 * 1024)
    yield srv.server_address[1]
    srv.shutdown()
    srv.server_close()


def _quoted(value: str) -> str:
    """A quoted-string for a multipart header (RFC 7578 / RFC 2045): backslash before quote and backslash."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def post(port, path, fields, files=None):
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value.encode()
                  + b"\r\n")
    for name, (filename, data) in (files or {}).items():
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename={_quoted(filename)}\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return request(port, "POST", path, out.getvalue(),
                   {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def test_the_pages_in_process_escape_everything():
    """The page functions themselves, without a server: form, error, rule index and Word block."""
    from helder.formatters.html_report import CONTENT_SECURITY_POLICY
    from helder.web.pages import error_page, form_page, fragment
    from helder.web.rulepage import index_page, rule_page

    headers = {"Content-Security-Policy": CONTENT_SECURITY_POLICY}
    page = form_page(max_bytes=1024, text=HOSTILE, profile=HOSTILE, error=HOSTILE)
    parsed = check_page(page, headers, HOSTILE)
    assert not [a for t, a in parsed.tags if t == "option" and "selected" in a]  # no such profile
    assert parsed.all_text().count("{{ 7*7 }}") == 2  # in the error and in the text area
    check_page(error_page(HOSTILE), headers, HOSTILE)
    check_page(index_page(), headers, "WK001")
    assert rule_page(SCRIPT) is None and rule_page("{{ 7*7 }}") is None
    block = fragment("word.html.j2", kind="Word-bestand", failure=": " + HOSTILE, stats_sentence="",
                     link="", name=HOSTILE_NAME)
    assert "<img" not in block and SCRIPT not in block and "&lt;script&gt;" in block
    block = fragment("word.html.j2", kind="Word-bestand", failure="", stats_sentence=HOSTILE,
                     link='data:x" onclick="alert(1)', name=HOSTILE_NAME)
    (link,) = [a for t, a in Page(block).tags if t == "a"]
    assert link == {"class": "knop", "href": 'data:x" onclick="alert(1)', "download": HOSTILE_NAME}


def test_pasted_text_and_profile(server):
    status, headers, page = post(server, "/controleer", {"tekst": HOSTILE, "profiel": HOSTILE})
    assert status == 200, page[:500]
    check_page(page, headers, "sturen u", SCRIPT, "{{ 7*7 }}", "{% if 1 %}ja{% endif %}")


def test_input_errors_show_the_form_with_the_text_escaped(server):
    status, headers, page = post(server, "/controleer", {"tekst": "   ", "profiel": HOSTILE})
    assert status == 422
    check_page(page, headers, "Plak een tekst of kies een bestand.")
    broken = HOSTILE_NAME.replace(".docx", ".pdf")
    status, headers, page = post(server, "/controleer", {"tekst": HOSTILE}, {"bestand": (broken, b"%PDF-1.4 kapot")})
    assert status == 422
    check_page(page, headers, broken)
    as_text = HOSTILE_NAME.replace(".docx", ".txt")
    status, headers, page = post(server, "/controleer/word", {"tekst": ""}, {"bestand": (as_text, HOSTILE.encode())})
    assert status == 422
    check_page(page, headers, as_text)


def test_uploaded_word_file_with_a_hostile_name(server):
    pytest.importorskip("docx", reason="pip install 'helder[docs]' (python-docx)")
    from docx_fixtures import docx_bytes

    data = docx_bytes([HOSTILE, "Indien u thans vragen heeft, kunt u ons bellen."], heading=HOSTILE)
    status, headers, page = post(server, "/controleer", {"tekst": ""}, {"bestand": (HOSTILE_NAME, data)})
    assert status == 200, page[:500]
    parsed = check_page(page, headers, HOSTILE_NAME, SCRIPT, "{{ 7*7 }}", "Je Word-bestand met opmerkingen")
    (download,) = [a for t, a in parsed.tags if t == "a" and "download" in a]
    assert download["download"].endswith("-helder.docx") and "onerror" in download["download"]
    assert not set(download["download"]) & set("<>\"'{}&=/")  # the download name keeps only safe characters
    assert download["href"].startswith("data:application/vnd.openxmlformats")


@pytest.mark.parametrize("path", [
    "/regels/" + quote(SCRIPT), "/regels/" + quote("{{ 7*7 }}"), "/regels/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
    "/regels/<script>alert(1)</script>", "/" + quote(SCRIPT), "/regels/WK001?x=" + quote(SCRIPT),
])
def test_hostile_paths(server, path):
    status, headers, page = request(server, "GET", path)
    if path.startswith("/regels/WK001"):
        assert status == 200
        parsed = check_page(page, headers, "WK001: Ambtelijk woord")
    else:
        assert status == 404
        parsed = check_page(page, headers, "bestaat niet")
    assert "7*7" not in parsed.all_text() and "alert(" not in page  # the path is not shown at all
