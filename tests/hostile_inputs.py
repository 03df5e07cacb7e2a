"""Generated hostile inputs for helder (no stored blobs): ``CASES[name]() -> (file name, bytes)``.

Used by ``tests/test_hostile.py`` (small versions, ``scale < 1``) and ``bench/bench_hostile.py``
(the sizes of issue 15). Every generator is deterministic.
"""

from __future__ import annotations

import io
import zipfile
from typing import Callable

_WORDS = ("de gemeente stuurt u een brief over de afvalinzameling in uw wijk en wij vragen u om "
          "het formulier voor het einde van de maand terug te sturen").split()


def words(n: int) -> str:
    return " ".join(_WORDS[i % len(_WORDS)] for i in range(n))


def _html_nested(depth: int) -> bytes:
    return ("<div>" * depth + "Dit is tekst." + "</div>" * depth).encode()


def _html_entities(n: int) -> bytes:
    return ("<p>" + "&eacute;&amp;&#233;" * n + "</p>").encode()


def _html_table(rows: int) -> bytes:
    row = "<tr>" + "<td>Cel met tekst.</td>" * 10 + "</tr>"
    return ("<table>" + row * rows + "</table>").encode()


def _html_one_line(size: int) -> bytes:
    body = ("<span>" + words(12) + ".</span> ") * (size // 120)
    return ("<html><body><p>" + body + "</p></body></html>").encode()


def _md_table(rows: int) -> bytes:
    head = "| " + " | ".join(f"kolom {i}" for i in range(10)) + " |\n|" + "---|" * 10 + "\n"
    return (head + ("| " + " | ".join(["cel met tekst."] * 10) + " |\n") * rows).encode()


def _md_links(n: int) -> bytes:
    return "".join(f"[link {i}](https://voorbeeld.nl/{i}) " for i in range(n)).encode()


def _docx(paragraph: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
                   '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
                   '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                   'Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats'
                   '.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>' + paragraph
                   + "</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def _zip_bomb_lying(size: int) -> bytes:
    """A .docx whose central directory says each part is small, while it unpacks to ``size`` bytes."""
    data = bytearray(_docx("x " * (size // 2)))
    # rewrite the "file size" fields (local header offset 22, central directory offset 24) to 1000
    pos = 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        data[pos + 22:pos + 26] = (1000).to_bytes(4, "little")
        pos += 4
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        data[pos + 24:pos + 28] = (1000).to_bytes(4, "little")
        pos += 4
    return bytes(data)


def _pdf(pages: int) -> bytes:
    """A minimal PDF with ``pages`` pages of one line of text each (written by hand, no library)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font_id = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i in range(pages):
        line = " ".join(_WORDS[(i + k) % len(_WORDS)] for k in range(12))
        content = f"BT /F1 12 Tf 72 720 Td ({line}.) Tj ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        content_id = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
                       f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode())
        kids.append(len(objects))
    objects[1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {pages} >>").encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _s(n: float, scale: float) -> int:
    return max(1, int(n * scale))


Generator = Callable[[float], tuple[str, bytes]]

#: name -> generator(scale) -> (file name, content). ``scale=1`` are the sizes of issue 15.
CASES: dict[str, Generator] = {
    "commas_10k": lambda s: ("t.txt", ("Dit is een zin" + ", en nog een" * _s(10_000, s) + ".").encode()),
    "word_1mb": lambda s: ("t.txt", b"Dit is " + b"a" * _s(1_000_000, s) + b"."),
    "lines_100k": lambda s: ("t.txt", "\n".join(words(5) for _ in range(_s(100_000, s))).encode()),
    "no_punct_4mb": lambda s: ("t.txt", words(_s(600_000, s)).encode()),
    "html_nested_100k": lambda s: ("t.html", _html_nested(_s(100_000, s))),
    "html_entities": lambda s: ("t.html", _html_entities(_s(500_000, s))),
    "html_table": lambda s: ("t.html", _html_table(_s(50_000, s))),
    "html_one_line_10mb": lambda s: ("t.html", _html_one_line(_s(10_000_000, s))),
    "html_lt_50k": lambda s: ("t.html", ("<p>Tekst " + "<" * _s(50_000, s) + " en meer tekst.</p>").encode()),
    "md_table": lambda s: ("t.md", _md_table(_s(50_000, s))),
    "md_links_100k": lambda s: ("t.md", _md_links(_s(100_000, s))),
    "md_brackets_50k": lambda s: ("t.md", ("Tekst " + "[" * _s(50_000, s) + " en tekst.").encode()),
    "md_backticks_50k": lambda s: ("t.md", ("Tekst " + "`" * _s(50_000, s) + " en tekst.").encode()),
    "md_lt_50k": lambda s: ("t.md", ("Tekst " + "<" * _s(50_000, s) + " en tekst.").encode()),
    "md_shortcodes": lambda s: ("t.md", ("Tekst {{< ref \"a\" >}} en {{% x %}} meer. " * _s(20_000, s)).encode()),
    "md_nested_quotes": lambda s: ("t.md", (">" * _s(10_000, s) + " Tekst in een citaat.").encode()),
    "docx_one_paragraph_1mb": lambda s: ("t.docx", _docx(words(_s(170_000, s)))),
    "docx_zip_bomb_lying": lambda s: ("t.docx", _zip_bomb_lying(_s(200_000_000, s))),
    "pdf_400_pages": lambda s: ("t.pdf", _pdf(_s(400, s))),
}
