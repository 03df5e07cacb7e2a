"""``helder serve`` gives the writer's Word file back with helder's comments, and shows the verdict.

A real ``helder serve`` process (``python -m helder serve --port 0``) runs with its own empty working
folder and TMPDIR; the last test checks that both are still empty and that the log holds no text.
"""

from __future__ import annotations

import base64
import html
import http.client
import io
import os
import queue
import re
import subprocess
import sys
import threading
import time
import uuid
import zipfile

import pytest

docx = pytest.importorskip("docx", reason="pip install 'helder[docs]' (python-docx)")
from lxml import etree  # noqa: E402

from docx_fixtures import W, docx_bytes, helder_comments_on_words  # noqa: E402
from helder.verdict import CAVEAT  # noqa: E402

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SECRET = "Zonnebloemstraat"  # a word of the uploaded text that must never reach the log
LETTER = [
    "Indien u thans in de Zonnebloemstraat woont, kunt u een pas aanvragen.",
    "Wij sturen u de pas binnen een week. U kunt ons ook bellen als u vragen heeft over de pas.",
]
LONG_TEXT = ("Wij halen het afval op maandag op. Zet de bak voor acht uur aan de straat. Is de bak vol? "
             "Dan kunt u een extra zak naast de bak zetten. Heeft u vragen over het afval? Bel ons dan op "
             "werkdagen tussen negen en vijf uur. Wij helpen u graag.")


@pytest.fixture(scope="module")
def served(pipeline, tmp_path_factory):
    work, temp = tmp_path_factory.mktemp("werk"), tmp_path_factory.mktemp("tijdelijk")
    model = os.environ.get("HELDER_TEST_MODEL")
    env = {**os.environ, "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
    proc = subprocess.Popen([sys.executable, "-m", "helder", "serve", "--port", "0"]
                            + (["--model", model] if model else []),
                            cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    lines: queue.Queue[str] = queue.Queue()
    log: list[str] = []

    def read() -> None:
        for line in proc.stderr:
            log.append(line)
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    port, deadline = None, time.monotonic() + 300
    while port is None and time.monotonic() < deadline and proc.poll() is None:
        try:
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", lines.get(timeout=1))
        except queue.Empty:
            continue
        port = int(m.group(1)) if m else None
    try:
        assert port, f"helder serve did not start: {''.join(log)[-2000:]}"
        yield port, work, temp, log
    finally:
        proc.terminate()  # SIGTERM stops the server and its workers as Ctrl+C does
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def make_docx(paragraphs=LETTER) -> bytes:
    return docx_bytes(paragraphs, heading="Uw pas")


def post(port, path, fields, files=None):
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in (files or {}).items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                  "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("POST", path, out.getvalue(), {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def tracked_changes(data: bytes) -> list[tuple[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    out = []
    for d in body.iter(f"{{{W}}}del"):
        ins = d.getnext()
        assert d.get(f"{{{W}}}author") == "helder" and ins.get(f"{{{W}}}author") == "helder"
        out.append(("".join(t.text for t in d.iter(f"{{{W}}}delText")), "".join(t.text for t in ins.iter(f"{{{W}}}t"))))
    return out


def check_annotated(data: bytes) -> None:
    words = helder_comments_on_words(data)
    assert words["Indien"].startswith("WK001"), words
    assert "Voorstel: Als" in words["Indien"]
    assert ("Indien", "Als") in tracked_changes(data)
    read_back = docx.Document(io.BytesIO(data))
    assert sum(1 for c in read_back.comments if c.author == "helder") == len(words)
    assert read_back.paragraphs[0].text == "Uw pas"  # the rest of the document is still there


def test_result_page_offers_the_word_file_with_comments(served):
    port, *_ = served
    status, _h, body = post(port, "/controleer", {"profiel": "brief", "tekst": "genegeerd"},
                            {"bestand": ("../../map/Brief <bewoner>.docx", make_docx())})
    page = body.decode("utf-8")
    assert status == 200, page[:500]
    assert "Je Word-bestand met opmerkingen" in page and "als wijziging die je kunt accepteren of weigeren" in page
    m = re.search(rf'<a class="knop" href="data:{re.escape(DOCX_TYPE)};base64,([A-Za-z0-9+/=]+)" '
                  r'download="([^"]+)">', page)
    assert m, "no download link on the result page"
    assert html.unescape(m.group(2)) == "Brief bewoner-helder.docx"  # no folder, no < or >
    check_annotated(base64.b64decode(m.group(1)))


def test_second_button_answers_with_the_word_file(served):
    port, *_ = served
    status, headers, data = post(port, "/controleer/word", {"profiel": "brief"},
                                 {"bestand": ("brief é.docx", make_docx())})
    assert status == 200, data[:500]
    assert headers["Content-Type"] == DOCX_TYPE and headers["Cache-Control"] == "no-store"
    assert headers["Content-Disposition"] == ("attachment; filename=\"brief _-helder.docx\"; "
                                              "filename*=UTF-8''brief%20%C3%A9-helder.docx")
    check_annotated(data)


def test_opendocument_gets_comments_too(served):
    pytest.importorskip("odf", reason="pip install 'helder[docs]' (odfpy)")
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    d = OpenDocumentText()
    for text in LETTER:
        d.text.addElement(P(text=text))
    buffer = io.BytesIO()
    d.write(buffer)
    port, *_ = served
    status, headers, data = post(port, "/controleer/word", {"profiel": "brief"}, {"bestand": ("brief.odt", buffer.getvalue())})
    assert status == 200 and headers["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert "brief-helder.odt" in headers["Content-Disposition"]
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("content.xml"))
    notes = [" ".join(t.text or "" for t in a.iter("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"))
             for a in root.iter(f"{{{office}}}annotation")
             if a.find("{http://purl.org/dc/elements/1.1/}creator").text == "helder"]
    assert any(n.startswith("WK001") for n in notes), notes


def test_the_form_has_the_second_button(served):
    port, *_ = served
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/")
    page = conn.getresponse().read().decode("utf-8")
    conn.close()
    assert 'formaction="/controleer/word"' in page and "Word-bestand met opmerkingen</button>" in page
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/controleer/word")
    response = conn.getresponse()
    response.read()
    conn.close()
    assert response.status == 303 and response.getheader("Location") == "/"


def test_bad_uploads_give_a_dutch_message(served):
    port, *_ = served
    good = make_docx()
    for path in ("/controleer/word", "/controleer"):
        status, headers, body = post(port, path, {"profiel": "brief"},
                                     {"bestand": ("kapot.docx", good[: len(good) // 2])})
        page = body.decode("utf-8")
        assert status == 422 and headers["Content-Type"].startswith("text/html"), (path, status)
        assert 'role="alert"' in page and "kapot.docx" in page and "beschadigd" in page
    status, _h, body = post(port, "/controleer/word", {"profiel": "brief"},
                            {"bestand": ("brief.txt", "Indien u vragen heeft, bel ons.".encode())})
    assert status == 422 and "alleen in een Word-bestand (.docx)" in body.decode("utf-8")
    status, _h, body = post(port, "/controleer/word", {"tekst": "Indien u vragen heeft, bel ons."})
    page = body.decode("utf-8")
    assert status == 422 and "Kies een Word-bestand" in page
    assert "Indien u vragen heeft, bel ons.</textarea>" in page  # the pasted text is kept in the form


def words_of(body: bytes) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", body.decode("utf-8")))


def test_verdict_and_caveat_on_the_page(served):
    port, *_ = served
    status, _h, body = post(port, "/controleer", {"profiel": "brief", "tekst": LONG_TEXT})
    page = words_of(body)
    assert status == 200
    assert re.search(r"Taalniveau: waarschijnlijk (A1|A2|B1|B2|C1|C2)\.", page)
    assert re.search(r"De kans dat de tekst B1 of makkelijker is, is \d+ %\.", page)
    assert "Doel voor dit soort tekst: B1 of makkelijker" in page and CAVEAT in page
    status, _h, body = post(port, "/controleer", {"profiel": "brief", "tekst": "Bel ons als u vragen heeft."})
    page = words_of(body)
    assert status == 200
    assert "Geen schatting van het taalniveau. De tekst heeft minder dan 30 woorden" in page
    assert "Taalniveau: waarschijnlijk" not in page and CAVEAT in page


def test_nothing_on_disk_and_no_text_in_the_log(served):
    """Run last: after the uploads above, the server's folder and TMPDIR are still empty."""
    port, work, temp, log = served
    post(port, "/controleer/word", {"profiel": "brief"}, {"bestand": ("nog een.docx", make_docx())})
    assert os.listdir(work) == [] and os.listdir(temp) == []
    text = "".join(log)
    assert '"POST /controleer/word" 200' in text
    assert SECRET not in text and "Indien" not in text and "bewoner" not in text
