"""The document readers: what text helder analyses, and where each word is in the original file.

Every finding is reported at ``document.span(start, end)``; these tests check that the source slice at
a mapped span is exactly the word a writer sees, for plain text, Markdown and HTML, with CRLF line
endings, BOMs and other encodings. They also check that bad input gives one clear line of Dutch.
"""

from __future__ import annotations

import io
import os
import random
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

import helder
from helder.documents import (
    MAX_BYTES,
    SUPPORTED_SUFFIXES,
    format_for_path,
    from_bytes,
    from_string,
    load_path,
)
from helder.documents.base import Document
from helder.errors import InputError

DATA = Path(__file__).parent / "data" / "documents"


# -- helpers --------------------------------------------------------------------------------------

def locate(doc: Document, word: str, nth: int = 0) -> tuple[str, int, int]:
    """Source text, line and column of the ``nth`` occurrence of ``word`` in the plain text."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.find(word, start + 1)
        assert start >= 0, f"{word!r} not in plain text {doc.text!r}"
    span = doc.span(start, start + len(word))
    return doc.source[span.start:span.end], span.line, span.column


def assert_maps_back(doc: Document, *words: str) -> None:
    for word in words:
        found, _line, _col = locate(doc, word)
        assert found == word, f"{word!r} maps to {found!r}"


def assert_offsets_exact(doc: Document) -> None:
    """Every copied piece of plain text is the same text in the source (spaces may differ)."""
    for plain, src, length, src_length in doc.offsets.segments():
        if length != src_length:
            continue
        a, b = doc.text[plain:plain + length], doc.source[src:src + length]
        for x, y in zip(a, b):
            assert x == y or (x.isspace() and y.isspace()) or unicodedata.normalize("NFC", y) == x, (a, b)


def blocks(doc: Document) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, doc.text[b.start:b.end]) for b in doc.blocks]


def error_for(path: Path, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        load_path(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


# -- choosing the reader ------------------------------------------------------------------------

def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx", ".odt", ".pdf"})


@pytest.mark.parametrize("name, fmt", [
    ("a.txt", "text"), ("a.text", "text"), ("a.md", "markdown"), ("a.MARKDOWN", "markdown"),
    ("a.html", "html"), ("a.htm", "html"), ("a.rst", "text"), ("README", "text"), ("-", "text"),
])
def test_format_follows_extension(name, fmt):
    assert format_for_path(name) == fmt


def test_load_path_reads_each_format(tmp_path):
    (tmp_path / "a.md").write_text("# Kop\n\nTekst met **vet**.\n", encoding="utf-8")
    (tmp_path / "a.htm").write_text("<p>Tekst met <b>vet</b>.</p>", encoding="utf-8")
    (tmp_path / "a.log").write_text("Tekst met **vet**.\n", encoding="utf-8")
    md = load_path(tmp_path / "a.md")
    assert (md.format, md.text) == ("markdown", "Kop\n\nTekst met vet.")
    assert md.path == str(tmp_path / "a.md")
    assert load_path(tmp_path / "a.htm").text == "Tekst met vet."
    assert load_path(tmp_path / "a.log").text == "Tekst met **vet**."  # unknown: plain text
    forced = load_path(tmp_path / "a.log", format="markdown")
    assert (forced.format, forced.text) == ("markdown", "Tekst met vet.")


def test_unknown_format_name():
    with pytest.raises(InputError, match="formaat 'pdf'"):
        from_string("Tekst.", format="pdf")


def test_standard_input(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO("Hallo vanaf de invoer.\n".encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", fake)
    doc = load_path(Path("-"))
    assert (doc.path, doc.format, doc.text) == ("-", "text", "Hallo vanaf de invoer.")


def test_standard_input_empty(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(InputError, match=r"De invoer \(stdin\) is leeg"):
        load_path(Path("-"))


def test_import_is_light():
    src = Path(helder.__file__).resolve().parents[1]
    code = "import sys, helder.documents; print('spacy' in sys.modules)"
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "False"


# -- bad input ------------------------------------------------------------------------------------

def test_missing_file(tmp_path):
    message = error_for(tmp_path / "weg.txt")
    assert "weg.txt" in message and "bestaat niet" in message


def test_directory(tmp_path):
    assert "is een map" in error_for(tmp_path)


def test_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "geheim.txt"
    path.write_text("Tekst.", encoding="utf-8")

    real_open = os.open

    def refuse(name, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    message = error_for(path)
    assert "geheim.txt" in message and "geen toegang" in message


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything")
def test_permission_denied_for_real(tmp_path):
    path = tmp_path / "geheim.txt"
    path.write_text("Tekst.", encoding="utf-8")
    path.chmod(0)
    try:
        assert "geen toegang" in error_for(path)
    finally:
        path.chmod(0o600)


def test_empty_file(tmp_path):
    path = tmp_path / "leeg.md"
    path.write_bytes(b"")
    message = error_for(path)
    assert message == f"Het bestand {path} is leeg."


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "wit.txt"
    path.write_bytes(b"  \r\n\t\n\n   ")
    message = error_for(path)
    assert "wit.txt" in message and "is leeg" in message


def test_empty_string():
    with pytest.raises(InputError, match="De tekst is leeg"):
        from_string("")


def test_nul_bytes_are_binary(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(b"abc\x00\x01\x02\x00def\x00" * 10)
    message = error_for(path)
    assert "data.txt" in message and "geen tekstbestand" in message


def test_control_characters_are_binary(tmp_path):
    path = tmp_path / "ruis.txt"
    path.write_bytes(bytes(range(1, 32)) * 20 + b"een paar woorden")
    assert "geen tekstbestand" in error_for(path)


def test_renamed_word_file(tmp_path):
    path = tmp_path / "brief.txt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document>Hallo</w:document>")
    message = error_for(path)
    assert "brief.txt" in message and "Word" in message and ".docx" in message


def test_zip_file(tmp_path):
    path = tmp_path / "map.md"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("tekst.txt", "Hallo")
    assert "ZIP" in error_for(path)


def test_pdf_file(tmp_path):
    path = tmp_path / "folder.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert "PDF" in error_for(path)


def test_file_too_large(tmp_path):
    path = tmp_path / "groot.txt"
    line = b"Dit is een regel tekst die steeds terugkomt in een heel groot bestand.\n"
    with path.open("wb") as handle:
        for _ in range(21 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert path.stat().st_size > MAX_BYTES
    message = error_for(path)
    assert "groot.txt" in message and "te groot" in message and "20 MB" in message


def test_bytes_too_large():
    with pytest.raises(InputError, match="te groot"):
        from_bytes(b"Woorden " * 20, "text", max_bytes=100)


def test_markdown_with_only_code(tmp_path):
    path = tmp_path / "code.md"
    path.write_text("```python\nprint('hallo')\n```\n\n    x = 1\n", encoding="utf-8")
    message = error_for(path)
    assert "code.md" in message and "geen woorden" in message


def test_html_with_only_script(tmp_path):
    path = tmp_path / "leeg.html"
    path.write_text("<html><head><title>Titel</title></head><body><script>x()</script></body></html>")
    assert "geen woorden" in error_for(path)


def test_user_file_is_not_changed(tmp_path):
    path = tmp_path / "brief.md"
    data = "\ufeff# Kop\r\n\r\nTekst met een caf\u00e9.\r\n".encode("utf-8")
    path.write_bytes(data)
    before = path.stat()
    load_path(path)
    after = path.stat()
    assert path.read_bytes() == data
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)


# -- decoding -------------------------------------------------------------------------------------

def test_cp1252_word_export(tmp_path):
    path = tmp_path / "word.txt"
    path.write_bytes(b"Hij zei: \x93Het kost \x80 10 per idee\xebn.\x94\r\n")
    doc = load_path(path)
    assert doc.text == "Hij zei: \u201cHet kost \u20ac 10 per idee\u00ebn.\u201d"
    assert doc.encoding == "cp1252"
    assert any("UTF-8" in w and "Windows-1252" in w for w in doc.warnings)
    assert_maps_back(doc, "idee\u00ebn", "\u20ac")


def test_latin1_fallback():
    doc = from_bytes(b"Caf\xe9 \x81 open.", "text", path="oud.txt")
    assert doc.encoding == "latin-1"
    assert doc.text.startswith("Caf\u00e9")
    assert any("Latin-1" in w for w in doc.warnings)


def test_mostly_utf8_with_one_bad_byte():
    data = "Één café, één crème brûlée en één idee\u00ebn.".encode("utf-8") + b" \xff klaar."
    doc = from_bytes(data, "text", path="bijna.txt")
    assert doc.encoding == "utf-8"
    assert "crème brûlée" in doc.text and "\ufffd" in doc.text
    assert doc.warnings


def test_utf8_without_fallback_has_no_warning():
    doc = from_bytes("Een café.".encode("utf-8"), "text")
    assert (doc.encoding, doc.warnings) == ("utf-8", ())


def test_utf8_bom_is_stripped(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf# Kop\n\nEerste woord.\n")
    doc = load_path(path)
    assert doc.source.startswith("# Kop")
    assert doc.encoding == "utf-8-sig"
    assert locate(doc, "Kop") == ("Kop", 1, 3)
    assert locate(doc, "Eerste") == ("Eerste", 3, 1)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(codec):
    data = "Een tekst in UTF-16 met een café.\n".encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = from_bytes(data, "text")
    assert doc.text == "Een tekst in UTF-16 met een café."
    assert doc.encoding.startswith("utf-16")
    assert not doc.source.startswith("\ufeff")


def test_utf16_without_bom():
    doc = from_bytes("Een tekst zonder BOM.".encode("utf-16-le"), "text")
    assert doc.text == "Een tekst zonder BOM."


def test_nfc_keeps_offsets_exact():
    source = "Een cafe\u0301 en nai\u0308eve ideee\u0308n.\n"
    doc = from_string(source)
    assert doc.text == unicodedata.normalize("NFC", source.strip())
    found, line, col = locate(doc, "na\u00efeve")
    assert found == "nai\u0308eve" and (line, col) == (1, 14)
    assert locate(doc, "idee\u00ebn") == ("ideee\u0308n", 1, 22)  # columns count source characters


def test_invisible_characters_and_no_break_spaces():
    doc = from_string("Het be\u00adlang\u00a0van 10\u00a0km.")
    assert doc.text == "Het belang van 10 km."
    assert locate(doc, "belang")[0] == "be\u00adlang"


# -- line endings -------------------------------------------------------------------------------

CRLF_MARKDOWN = (
    "# Titel\n"
    "\n"
    "Eerste alinea met **vet** en een\n"
    "[link](https://voorbeeld.nl) erna, &amp; meer.\n"
    "\n"
    "Tweede alinea.\n"
    "> - lijstwoord in een citaat\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_markdown_line_endings_keep_columns(newline):
    doc = from_string(CRLF_MARKDOWN.replace("\n", newline), "markdown")
    assert doc.text == ("Titel\n\nEerste alinea met vet en een link erna, & meer.\n\n"
                        "Tweede alinea.\n\nlijstwoord in een citaat")
    assert locate(doc, "lijstwoord") == ("lijstwoord", 7, 5)
    assert locate(doc, "erna") == ("erna", 4, 30)
    assert locate(doc, "vet") == ("vet", 3, 21)
    assert locate(doc, "&") == ("&amp;", 4, 36)
    assert_offsets_exact(doc)
    if newline == "\r\n":
        assert doc.source_line(7) == "> - lijstwoord in een citaat"


def test_text_crlf_line_7_column_5(tmp_path):
    lines = ["Titel", "", "Een alinea die netjes over meer dan één regel", "doorloopt.", "",
             "Nog een alinea, nu met een regel die lang genoeg is", "    woord op regel zeven."]
    path = tmp_path / "crlf.txt"
    path.write_bytes("\r\n".join(lines).encode("utf-8") + b"\r\n")
    doc = load_path(path)
    assert doc.text == ("Titel\n\nEen alinea die netjes over meer dan één regel doorloopt.\n\n"
                        "Nog een alinea, nu met een regel die lang genoeg is woord op regel zeven.")
    assert locate(doc, "woord") == ("woord", 7, 5)
    assert locate(doc, "doorloopt") == ("doorloopt", 4, 1)
    assert "\r" not in doc.text


def test_text_short_lines_keep_their_break():
    doc = from_string("Datum: dinsdag 3 mei\nTijd: 19.30 uur\nPlaats: het gemeentehuis\n")
    assert doc.text == "Datum: dinsdag 3 mei\nTijd: 19.30 uur\nPlaats: het gemeentehuis"


def test_html_crlf_line_7_column_5(tmp_path):
    lines = ["<html>", "<body>", "<h1>Kop</h1>", "<p>Een alinea", "over twee regels.</p>", "<ul>",
             "<li>woord in een lijst</li>", "</ul>", "</body>", "</html>"]
    path = tmp_path / "crlf.html"
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    doc = load_path(path)
    assert doc.text == "Kop\n\nEen alinea over twee regels.\n\nwoord in een lijst"
    assert locate(doc, "woord") == ("woord", 7, 5)
    assert locate(doc, "regels") == ("regels", 5, 11)


# -- plain text -----------------------------------------------------------------------------------

def test_plain_text_fixture():
    doc = load_path(DATA / "voorbeeld.txt")
    assert blocks(doc) == [
        ("paragraph", 0, "Uw aanvraag voor een parkeervergunning"),
        ("paragraph", 0, "U heeft een parkeervergunning aangevraagd. Wij hebben uw aanvraag ontvangen "
                         "en bekijken die binnen twee weken. Dit bericht is met de hand afgebroken, "
                         "maar de zinnen lopen gewoon door."),
        ("paragraph", 0, "Wat moet u doen?"),
        ("list_item", 1, "Stuur een kopie van uw kentekenbewijs."),
        ("list_item", 1, "Betaal de kosten. Dat kan met iDEAL of met een acceptgiro."),
        ("list_item", 1, "Wacht op onze brief."),
        ("paragraph", 0, "Vragen? Bel ons."),
    ]
    assert "\n\n".join(b[2] for b in blocks(doc)) == doc.text
    assert locate(doc, "ontvangen") == ("ontvangen", 4, 1)
    assert locate(doc, "acceptgiro") == ("acceptgiro", 10, 11)
    assert_offsets_exact(doc)


def test_plain_text_numbered_list_and_paragraph_after_list():
    doc = from_string("Stappen:\n1. Lees de brief.\n2) Vul het formulier in.\n* Klaar.\nDaarna wacht u.\n")
    assert blocks(doc) == [
        ("paragraph", 0, "Stappen:"),
        ("list_item", 1, "Lees de brief."),
        ("list_item", 1, "Vul het formulier in."),
        ("list_item", 1, "Klaar."),
        ("paragraph", 0, "Daarna wacht u."),
    ]


def test_plain_text_directive_line():
    doc = from_string("Eerste.\n<!-- helder: uit -->\nTweede.\n\n<!-- helder: aan -->\nDerde.\n")
    assert [d.action for d in doc.directives] == ["off", "on"]
    assert "helder" not in doc.text


# -- Markdown -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def markdown_doc() -> Document:
    return load_path(DATA / "voorbeeld.md")


def test_markdown_blocks(markdown_doc):
    assert blocks(markdown_doc) == [
        ("heading", 1, "Uw aanvraag voor een parkeervergunning"),
        ("paragraph", 0, "U heeft een parkeervergunning aangevraagd. Wij hebben uw aanvraag ontvangen "
                         "en bekijken die binnen twee weken. Meer informatie staat op onze website "
                         "van de gemeente."),
        ("heading", 2, "Wat moet u doen?"),
        ("list_item", 1, "Stuur een kopie van uw kentekenbewijs."),
        ("list_item", 1, "Betaal de kosten \u20ac 25 via. Dat kan ook later."),
        ("list_item", 1, "Wacht op onze brief."),
        ("quote", 0, "Let op: zonder kentekenbewijs kunnen wij uw aanvraag niet behandelen."),
        ("table_cell", 0, "Wat"), ("table_cell", 0, "Wanneer"),
        ("table_cell", 0, "Kopie sturen"), ("table_cell", 0, "binnen een week"),
        ("table_cell", 0, "Betalen"), ("table_cell", 0, "voor 1 mei"),
        ("paragraph", 0, "Deze zin controleert helder niet op ZB001."),
        ("paragraph", 0, "Vragen? Bel ons op 14 020."),
    ]
    assert "\n\n".join(b[2] for b in blocks(markdown_doc)) == markdown_doc.text


def test_markdown_leaves_out_what_is_not_text(markdown_doc):
    text = markdown_doc.text
    for hidden in ("title:", "Gemeente Voorbeeld", "https://", "Parkeren\"", "iDEAL", "echo", "code",
                   "Foto", "bord.png", "*", "#", "|", ">", "<!--", "helder:"):
        assert hidden not in text, hidden


def test_markdown_words_map_back(markdown_doc):
    doc = markdown_doc
    assert_maps_back(doc, "parkeervergunning", "bekijken", "website", "gemeente", "kentekenbewijs",
                     "Kopie sturen", "binnen een week", "behandelen", "later", "ZB001")
    assert locate(doc, "parkeervergunning") == ("parkeervergunning", 6, 25)  # in *emphasis*
    assert locate(doc, "bekijken") == ("bekijken", 9, 16)  # after **bold**
    assert locate(doc, "van de gemeente") == ("van de gemeente", 10, 62)  # after a link
    assert locate(doc, "kentekenbewijs") == ("kentekenbewijs", 14, 27)  # list item
    assert locate(doc, "25") == ("25", 15, 27)  # after an entity
    assert locate(doc, "\u20ac") == ("&euro;", 15, 20)  # the entity itself
    assert locate(doc, "Dat kan") == ("Dat kan", 16, 3)  # continuation line of a list item
    assert locate(doc, "voor 1 mei") == ("voor 1 mei", 24, 13)  # table cell
    assert_offsets_exact(doc)


def test_markdown_span_over_a_line_break(markdown_doc):
    doc = markdown_doc
    start = doc.text.index("uw aanvraag ontvangen")
    span = doc.span(start, start + len("uw aanvraag ontvangen"))
    assert doc.source[span.start:span.end] == "uw aanvraag\nontvangen"
    assert (span.line, span.end_line) == (8, 9)


def test_markdown_directives(markdown_doc):
    doc = markdown_doc
    off, on = doc.directives
    assert (off.action, off.codes, on.action, on.codes) == ("off", ("ZB001",), "on", ())
    assert doc.source[off.source_offset:].startswith("<!-- helder: uit ZB001 -->")
    assert doc.source[on.source_offset:].startswith("<!-- helder: aan -->")
    assert doc.text[off.plain_offset:].startswith("Deze zin controleert")
    assert doc.text[on.plain_offset:].startswith("Vragen?")


def test_markdown_inline_and_ignore_directives():
    doc = from_string(
        "<!-- helder: negeer ZB001 wk003 -->\n\nEen zin.\n\n"
        "Tekst <!-- helder: uit --> en meer <!-- helder: aan --> tekst.\n\n"
        "<!-- helder: negeer -->\nLaatste.\n\n<!-- helder: weg -->\n",
        "markdown")
    assert [(d.action, d.codes) for d in doc.directives] == [
        ("ignore-next", ("ZB001", "WK003")), ("off", ()), ("on", ()), ("ignore-next", ())]
    first, off, on, last = doc.directives
    assert doc.text[first.plain_offset:].startswith("Een zin.")
    assert doc.text[off.plain_offset:].startswith("en meer")
    assert doc.text[on.plain_offset:].startswith("tekst.")
    assert doc.text[last.plain_offset:].startswith("Laatste.")
    assert doc.text == "Een zin.\n\nTekst en meer tekst.\n\nLaatste."
    assert any("weg" in w and "Regel 10" in w for w in doc.warnings)


def test_markdown_front_matter_toml():
    doc = from_string("+++\ntitle = \"Test\"\n+++\n\nTekst na de kop.\n", "markdown")
    assert doc.text == "Tekst na de kop."
    assert locate(doc, "Tekst") == ("Tekst", 5, 1)


def test_markdown_template_tags_are_not_text():
    src = ('{{< alert type="info" >}}\nDe balie is dicht.\n{{< /alert >}}\n\n'
           "Welkom {{ page.name }} bij de gemeente.{% if x %} Tot ziens.{% endif %}\n")
    doc = from_string(src, "markdown")
    assert "{" not in doc.text and "alert" not in doc.text and "page.name" not in doc.text
    assert doc.text.startswith("De balie is dicht.")
    assert locate(doc, "Tot") == ("Tot", 5, 51)  # positions still point into the source


def test_markdown_thematic_break_is_not_front_matter():
    doc = from_string("---\n\nEen alinea.\n\n---\n\nNog een.\n", "markdown")
    assert doc.text == "Een alinea.\n\nNog een."


def test_markdown_code_is_not_text():
    doc = from_string(
        "Typ `ls -la` in het venster.\n\n~~~\ncode\n~~~\n\n    ingesprongen code\n\nKlaar.\n", "markdown")
    assert doc.text == "Typ in het venster.\n\nKlaar."
    assert_maps_back(doc, "in het venster", "Klaar")


def test_markdown_links_images_html():
    doc = from_string(
        "Zie [de *regels*](https://x.nl/a_(b) \"titel\") en ![logo](logo.png) of "
        "<https://voorbeeld.nl> en [hier][ref], <span class=\"x\">echt</span> tekst.\n\n"
        "[ref]: https://ref.nl\n", "markdown")
    assert doc.text == "Zie de regels en of en hier, echt tekst."
    assert_maps_back(doc, "regels", "hier", "echt", "tekst")


def test_markdown_escapes_and_entities():
    doc = from_string("Prijs: 5 \\* 3 &amp; 10&nbsp;euro &#233;&#xE9;n \\\\ klaar.\n", "markdown")
    assert doc.text == "Prijs: 5 * 3 & 10 euro één \\ klaar."
    assert locate(doc, "*")[0] == "\\*"
    assert locate(doc, "&")[0] == "&amp;"
    assert locate(doc, "één")[0] == "&#233;&#xE9;n"
    assert locate(doc, "klaar") == ("klaar", 1, 51)


def test_markdown_nested_lists_quotes_and_setext():
    doc = from_string(
        "Kop\n===\n\n- een\n  - twee\n    - drie\n\n> Citaat met\nluie regel.\n>\n> - punt in citaat\n",
        "markdown")
    assert blocks(doc) == [
        ("heading", 1, "Kop"), ("list_item", 1, "een"), ("list_item", 2, "twee"),
        ("list_item", 3, "drie"), ("quote", 0, "Citaat met luie regel."),
        ("list_item", 1, "punt in citaat"),
    ]
    assert locate(doc, "drie") == ("drie", 6, 7)
    assert locate(doc, "luie") == ("luie", 9, 1)


def test_markdown_table_with_escaped_pipe():
    doc = from_string("| Teken | Uitleg |\n|---|:---:|\n| a \\| b | de *pijp* |\n", "markdown")
    assert [b[2] for b in blocks(doc)] == ["Teken", "Uitleg", "a | b", "de pijp"]
    assert locate(doc, "a | b")[0] == "a \\| b"
    assert locate(doc, "pijp") == ("pijp", 3, 16)


def test_markdown_tabs():
    doc = from_string("-\tpunt met tab\n\n>\tcitaat met tab\n", "markdown")
    assert doc.text == "punt met tab\n\ncitaat met tab"
    assert_maps_back(doc, "punt", "citaat")


def test_markdown_html_block_is_read_as_html():
    doc = from_string("Voor.\n\n<div class=\"kader\">\n<b>Let op</b>: &eacute;&eacute;n ding.\n"
                      "<script>geen()</script>\n</div>\n\nNa.\n", "markdown")
    assert doc.text == "Voor.\n\nLet op: één ding.\n\nNa."
    assert locate(doc, "ding") == ("ding", 4, 34)


def test_markdown_html_block_in_a_list_or_quote():
    doc = from_string("- <div>Tekst in een <b>lijst</b></div>\n- Tweede\n\n"
                      "> <p>Citaat in\n> html</p>\n>\n> <!-- helder: uit -->\n> Daarna.\n", "markdown")
    assert blocks(doc) == [("list_item", 1, "Tekst in een lijst"), ("list_item", 1, "Tweede"),
                           ("quote", 0, "Citaat in html"), ("quote", 0, "Daarna.")]
    assert locate(doc, "html") == ("html", 5, 3)
    assert locate(doc, "lijst") == ("lijst", 1, 24)
    (d,) = doc.directives
    assert doc.text[d.plain_offset:] == "Daarna."


@pytest.mark.parametrize("source", [
    "```python\nprint('x')\n\nTekst die in de code valt.\n",
    "Tekst met **vet dat nooit sluit en _half.\n",
    "Een [link](http://x.nl die niet sluit.\n\n<div><p>los html\n\nMeer </b></div></span> tekst.\n",
    "<!-- helder: uit\n\nNooit gesloten commentaar.\n",
    "Tekst\n\n| a | b |\n|---|\n| kapotte | tabel |\n",
    "> > > diep\n>>> citaat\n\n- [ ] taak\n- [x] klaar\n\n* * *\n\nEinde.\n",
    "Tekst met een\x00nul.\n",
])
def test_broken_markdown_never_raises(source):
    try:
        doc = from_string(source, "markdown")
    except InputError as exc:  # e.g. all text inside an unclosed code block
        assert "\n" not in str(exc)
        return
    assert not any("niet goed lezen" in w for w in doc.warnings)
    for word in re.findall(r"[^\W\d_]{3,}", doc.text):
        assert_maps_back(doc, word)


def test_unclosed_fence_warns():
    doc = from_string("Intro.\n\n```\ncode\n\nNog tekst.\n", "markdown")
    assert doc.text == "Intro."
    assert any("regel 3" in w and "niet afgesloten" in w for w in doc.warnings)


def test_unclosed_fence_only(tmp_path):
    path = tmp_path / "fence.md"
    path.write_text("```\nAlles is code.\n", encoding="utf-8")
    message = error_for(path)
    assert "geen woorden" in message and "niet afgesloten" in message


# -- HTML -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def html_doc() -> Document:
    return load_path(DATA / "voorbeeld.html")


def test_html_blocks(html_doc):
    assert blocks(html_doc) == [
        ("heading", 1, "Uw aanvraag voor een parkeervergunning"),
        ("paragraph", 0, "U heeft een vergunning aangevraagd. Wij bekijken uw aanvraag binnen twee "
                         "weken. Lees meer op onze website."),
        ("list_item", 1, "Stuur een kopie van uw kentekenbewijs."),
        ("list_item", 1, "Betaal \u20ac 25 aan de caf\u00e9 \u00e9n de kassa."),
        ("table_cell", 0, "Wat"), ("table_cell", 0, "Wanneer"),
        ("table_cell", 0, "Kopie sturen"), ("table_cell", 0, "binnen een week"),
        ("quote", 0, "Let op: zonder kentekenbewijs kunnen wij niets doen."),
        ("paragraph", 0, "Vragen? Bel ons.\nWij helpen u graag."),
    ]


def test_html_leaves_out_invisible_text(html_doc):
    for hidden in ("Titel die niet telt", "color", "geen tekst", "verborgen", "JavaScript",
                   "Sjabloon", "code die niet telt", "<", "&"):
        assert hidden not in html_doc.text, hidden


def test_html_words_map_back(html_doc):
    doc = html_doc
    assert locate(doc, "bekijken") == ("bekijken", 11, 54)  # inside <strong>
    assert locate(doc, "binnen twee") == ("binnen twee", 12, 6)  # after a line break
    assert locate(doc, ". Lees")[0] == ". Lees"
    assert locate(doc, "website") == ("website", 12, 78)  # link text
    assert locate(doc, "\u20ac") == ("&euro;", 15, 16)
    assert locate(doc, "25") == ("25", 15, 28)  # after &nbsp;
    assert locate(doc, "caf\u00e9") == ("caf&eacute;", 15, 38)
    assert locate(doc, "\u00e9n") == ("&#233;n", 15, 50)
    assert locate(doc, "Kopie") == ("Kopie", 19, 13)  # table cell
    assert locate(doc, "Wij helpen") == ("Wij helpen", 27, 26)  # after <br>
    assert_offsets_exact(doc)


def test_html_directive(html_doc):
    (d,) = html_doc.directives
    assert (d.action, d.codes) == ("ignore-next", ("ZB001",))
    assert html_doc.source[d.source_offset:].startswith("<!-- helder: negeer ZB001 -->")
    assert html_doc.text[d.plain_offset:].startswith("Let op")


def test_html_inline_elements_do_not_break_words():
    doc = from_string("<p>on<b>ge</b>lo<span>ofelijk</span> <em>mooi</em>, <a href='#'>klik</a>!</p>", "html")
    assert doc.text == "ongeloofelijk mooi, klik!"
    assert locate(doc, "ongeloofelijk")[0] == "on<b>ge</b>lo<span>ofelijk"


def test_html_breaks():
    doc = from_string("<p>Regel een<br>regel twee<br/><br />Nieuwe alinea</p><div>a<div>b</div>c</div>", "html")
    assert blocks(doc) == [("paragraph", 0, "Regel een\nregel twee"), ("paragraph", 0, "Nieuwe alinea"),
                           ("paragraph", 0, "a"), ("paragraph", 0, "b"), ("paragraph", 0, "c")]


def test_html_hidden_by_style_and_nested_lists():
    doc = from_string(
        "<ul><li>een<ul><li>twee</li></ul></li></ul><p style='display: none'>weg</p>"
        "<h3 aria-hidden='false'>Zichtbaar</h3>", "html")
    assert blocks(doc) == [("list_item", 1, "een"), ("list_item", 2, "twee"), ("heading", 3, "Zichtbaar")]


@pytest.mark.parametrize("source", [
    "<p>Niet gesloten <b>vet <i>schuin",
    "</p></div>Losse eindtags</span></p>",
    "<p>Tekst <!-- nooit gesloten commentaar",
    "<div <p>kapotte tag</p> tekst",
    "<!DOCTYPE html [ <!ENTITY x 'y'> ]><p>na doctype</p><![if !supportLists]>Word<![endif]>",
    "<table><tr><td>a<td>b<tr><td>c</table><p>tekst &amp &unknown; &#99999999; AT&T",
    "<script>document.write('<p>')</script><p>na script",
    "<p>Tekst</p><script>nooit gesloten",
])
def test_broken_html_never_raises(source):
    try:
        doc = from_string(source, "html")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    for word in re.findall(r"[^\W\d_]{3,}", doc.text):
        found, _line, _col = locate(doc, word)
        assert word in found or "&" in found


def test_html_parser_error_is_skipped():
    # html.parser raises on an unknown marked section; the reader skips it and reads on
    doc = from_string("<p>Voor</p><![foo[ x ]]> nog <b>tekst</b>\n<![[]x> en <i>meer</i>", "html")
    assert doc.text == "Voor\n\nnog tekst en meer"
    assert_maps_back(doc, "nog", "tekst", "en", "meer")


def test_html_reader_goes_on_after_a_parser_crash(monkeypatch):
    from helder.documents import html as html_reader

    def crash(self, i):
        raise ValueError("stuk")

    monkeypatch.setattr(html_reader._Extractor, "parse_html_declaration", crash)
    doc = from_string("<p>Voor</p><!DOCTYPE html><p>Na de <b>fout</b>.</p>", "html")
    assert doc.text == "Voor\n\nNa de fout."
    assert_maps_back(doc, "Na de", "fout")


def test_html_script_content_never_shows():
    doc = from_string("<p>Voor</p><script>var p = '<p>geen tekst</p>';</script><p>Na</p>", "html")
    assert doc.text == "Voor\n\nNa"


def test_html_head_without_end_tag():
    doc = from_string("<html><head><title>Weg</title><body><p>Hier</p>", "html")
    assert doc.text == "Hier"


# -- the offset map in general ------------------------------------------------------------------------

_PIECES = ["woord", "zin.", " ", "  ", "\n", "\r\n", "\n\n", "*", "**", "_", "`", "```", "# ", "- ",
           "1. ", "> ", "|", "---", "[", "]", "(", ")", "![", "<b>", "</b>", "<p>", "<div>", "<!--",
           "-->", "&amp;", "&eacute;", "\\*", "\t", "    ", "\u00e9", "e\u0301", "\u00a0", "\u00ad",
           "http://x.nl", "<br>", "<script>", "</script>", "|---|---|\n", "<https://a.nl>", "+++\n"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_random_sources_map_exactly(fmt):
    rng = random.Random(20240501)
    for _ in range(120):
        source = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40)))
        try:
            doc = from_string(source, fmt)
        except InputError:
            continue
        assert not any("niet goed lezen" in w for w in doc.warnings), source
        assert_offsets_exact(doc)
        for m in re.finditer(r"[^\W\d_]+", doc.text):
            span = doc.span(m.start(), m.end())
            found = unicodedata.normalize("NFC", doc.source[span.start:span.end])
            word = m.group(0)
            # dropped markup may sit inside a word ("woord</b>zin"), never before or after it
            assert "&" in found or (found[:1] == word[:1] and found[-1:] == word[-1:]), (source, word, found)


def test_html_page_reads_main_only():
    src = ("<html><body><header><nav><a href='/'>Home</a> <a href='/afval'>Afval</a></nav>"
           "<div class='cookie'>Wij gebruiken cookies.</div></header>\n"
           "<main><h1>Grofvuil</h1><p>Wij halen uw grofvuil gratis op.</p></main>\n"
           "<footer><p>Privacy | Sitemap</p></footer></body></html>")
    doc = from_string(src, "html")
    assert doc.text == "Grofvuil\n\nWij halen uw grofvuil gratis op."
    assert locate(doc, "gratis")[0] == "gratis"
    role = from_string("<div>Menu</div><div role='main'><p>De tekst.</p></div><p>Voet</p>", "html")
    assert role.text == "De tekst."


def test_html_page_without_main_skips_navigation_only():
    doc = from_string("<nav><ul><li>Home</li><li>Afval</li></ul></nav><h1>Grofvuil</h1><p>Wij halen het op.</p>"
                      "<footer>Gemeente Diemen</footer>", "html")
    assert doc.text == "Grofvuil\n\nWij halen het op.\n\nGemeente Diemen"
    # HTML inside Markdown is part of the writer's text: a <nav> there is not page chrome
    md = from_string("Tekst.\n\n<nav>Ga terug</nav>\n", "markdown")
    assert "Ga terug" in md.text
