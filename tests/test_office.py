"""Word, OpenDocument and PDF input: real files made here, structure, locations, hostile files."""

from __future__ import annotations

import io
import os
import struct
import sys
import zipfile
import zlib

import pytest

from helder.documents import BINARY_FORMATS, SUPPORTED_SUFFIXES, from_bytes, from_string, load_path
from helder.documents import office
from helder.documents.office import sandbox
from helder.documents.office import Limits, location_word, page_of, read_office
from helder.errors import InputError

docx = pytest.importorskip("docx", reason="python-docx is missing: pip install 'helder[docs]'")
pytest.importorskip("odf", reason="odfpy is missing: pip install 'helder[docs]'")
pytest.importorskip("pypdf", reason="pypdf is missing: pip install 'helder[docs]'")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ── makers ───────────────────────────────────────────────────────────────────────────────────

def make_docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def raw_run(paragraph, xml: str) -> None:
    """Append raw WordprocessingML (runs, tracked changes) to a python-docx paragraph."""
    from lxml import etree

    fragment = etree.fromstring(f'<w:wrap xmlns:w="{W_NS}">{xml}</w:wrap>')
    for child in list(fragment):
        paragraph._p.append(child)


def make_pdf(pages, *, compress: bool = True) -> bytes:
    """A small but real PDF: each page a list of (x, y, size, text[, bold]) or raw content bytes."""
    objects: list[bytes | None] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    objects.append(None)
    pages_id = len(objects)
    kids = []
    for page in pages:
        if isinstance(page, bytes):
            content = page
        else:
            parts = []
            for x, y, size, text, *flags in page:
                raw = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
                font = b"/F2" if flags and flags[0] else b"/F1"
                parts.append(b"BT %s %d Tf %d %d Td (%s) Tj ET" % (font, size, x, y, raw))
            content = b"\n".join(parts)
        if compress:
            packed = zlib.compress(content)
            stream = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
        else:
            stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << "
                        b"/F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, regular, bold, stream)))
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def make_odt(build) -> bytes:
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    build(document)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = (replace or {}).get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, body)
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def simple_docx(text: str = "De gemeente stuurt u deze brief.") -> bytes:
    return make_docx(lambda d: d.add_paragraph(text))


MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
V_NS = "urn:schemas-microsoft-com:vml"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def para(text: str, extra: str = "", style: str = "") -> str:
    """A raw paragraph with ``text``, then the raw runs ``extra`` (a text box, a note reference)."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r>{extra}</w:p>'


def vml_box(content: str) -> str:
    """A text box as old Word versions write it (VML), with ``content`` as its paragraphs."""
    return (f'<w:pict xmlns:v="{V_NS}"><v:shape id="kader" style="width:200pt;height:50pt">'
            f"<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>")


def text_box(content: str) -> str:
    """A run with a text box as Word writes it: DrawingML in mc:Choice, the same as VML in mc:Fallback."""
    return (f'<w:r><mc:AlternateContent xmlns:mc="{MC_NS}"><mc:Choice Requires="wps">'
            f'<w:drawing><wp:anchor xmlns:wp="{WP_NS}"><wp:docPr id="1" name="Tekstvak 1"/>'
            f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{WPS_NS}"><wps:wsp xmlns:wps="{WPS_NS}">'
            f"<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData>"
            f"</a:graphic></wp:anchor></w:drawing></mc:Choice>"
            f"<mc:Fallback>{vml_box(content)}</mc:Fallback></mc:AlternateContent></w:r>")


def with_notes(data: bytes, footnotes: bytes | None = None, endnotes: bytes | None = None) -> bytes:
    """A .docx with word/footnotes.xml and word/endnotes.xml, their relationships and content types."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    add = {}
    for name, body in (("footnotes", footnotes), ("endnotes", endnotes)):
        if body is None:
            continue
        add[f"word/{name}.xml"] = body
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdNote{name}" Type="{REL_NS}/{name}" '
                                                f'Target="{name}.xml"/></Relationships>')
        types = types.replace("</Types>", f'<Override PartName="/word/{name}.xml" ContentType="application/'
                                          f'vnd.openxmlformats-officedocument.wordprocessingml.{name}+xml"/></Types>')
    return rezip(data, replace={"word/_rels/document.xml.rels": rels.encode(),
                                "[Content_Types].xml": types.encode()}, add=add)


def notes_xml(kind: str, notes: list[tuple[str, str | None, str]]) -> bytes:
    """``kind``: "footnote" or "endnote"; ``notes``: (id, w:type or None, text) as Word writes them."""
    parts = []
    for note_id, note_type, text in notes:
        type_attr = f' w:type="{note_type}"' if note_type else ""
        if note_type:
            body = "<w:p><w:r><w:separator/></w:r></w:p>"
        else:
            body = (f'<w:p><w:pPr><w:pStyle w:val="{kind.capitalize()}Text"/></w:pPr>'
                    f'<w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p>')
        parts.append(f'<w:{kind} w:id="{note_id}"{type_attr}>{body}</w:{kind}>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:{kind}s xmlns:w="{W_NS}">{"".join(parts)}</w:{kind}s>').encode()


def read(data: bytes, name: str, **kwargs):
    fmt = office.OFFICE_SUFFIXES["." + name.rsplit(".", 1)[1]]
    return read_office(data, fmt, name, isolate=False, **kwargs)


def lines(document) -> list[str]:
    return document.source.split("\n")


# ── .docx ────────────────────────────────────────────────────────────────────────────────────

def test_docx_structure_and_paragraph_lines(tmp_path):
    def build(d):
        d.add_heading("Nieuwe speeltuin", 0)  # style Title
        d.add_heading("Wat gaat er gebeuren?", 2)
        d.add_paragraph("")  # empty paragraphs do not count
        d.add_paragraph("De gemeente bouwt een speeltuin. Wij vragen u om mee te denken.")
        d.add_paragraph("Eerste punt", style="List Bullet")
        d.add_paragraph("Tweede punt", style="List Number 2")
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Informatieavond"
        table.cell(0, 1).text = "12 mei"
        p = d.add_paragraph("Met vriendelijke groet,")
        p.add_run().add_break()
        p.add_run("Gemeente Diemen")

    path = tmp_path / "brief.docx"
    path.write_bytes(make_docx(build))
    doc = load_path(path)
    assert doc.format == "docx" and doc.path == str(path)
    assert lines(doc) == [
        "Nieuwe speeltuin",
        "Wat gaat er gebeuren?",
        "De gemeente bouwt een speeltuin. Wij vragen u om mee te denken.",
        "Eerste punt",
        "Tweede punt",
        "Informatieavond",
        "12 mei",
        "Met vriendelijke groet,\u2028Gemeente Diemen",
    ]
    kinds = [(b.kind, b.level) for b in doc.blocks]
    assert kinds == [("heading", 1), ("heading", 2), ("paragraph", 0), ("list_item", 1), ("list_item", 2),
                     ("table_cell", 0), ("table_cell", 0), ("paragraph", 0)]
    assert doc.text.endswith("Met vriendelijke groet,\nGemeente Diemen")  # Shift+Enter: a line break
    # a location is a paragraph number and a place in that paragraph
    start = doc.text.index("Wij vragen")
    span = doc.span(start, start + len("Wij vragen"))
    assert (span.line, span.column) == (3, 34)
    assert doc.source_line(span.line) == "De gemeente bouwt een speeltuin. Wij vragen u om mee te denken."
    end = doc.text.index("Gemeente Diemen")
    assert doc.span(end, end + 8).line == 8
    assert location_word("docx") == "alinea" and location_word("markdown") == "regel"


def test_docx_tracked_changes_fields_and_custom_heading_style():
    def build(d):
        from docx.enum.style import WD_STYLE_TYPE

        style = d.styles.add_style("Mijn kop", WD_STYLE_TYPE.PARAGRAPH)
        ppr = style.element.get_or_add_pPr()
        raw_outline = f'<w:outlineLvl xmlns:w="{W_NS}" w:val="1"/>'
        from lxml import etree

        ppr.append(etree.fromstring(raw_outline))
        d.add_paragraph("Eigen kop", style="Mijn kop")
        p = d.add_paragraph("U krijgt ")
        raw_run(p, '<w:ins w:id="1" w:author="a"><w:r><w:t xml:space="preserve">binnenkort </w:t></w:r></w:ins>'
                   '<w:del w:id="2" w:author="a"><w:r><w:delText>misschien </w:delText></w:r></w:del>'
                   '<w:r><w:t>een brief.</w:t></w:r>')

    doc = read(make_docx(build), "wijziging.docx")
    assert lines(doc) == ["Eigen kop", "U krijgt binnenkort een brief."]
    assert [(b.kind, b.level) for b in doc.blocks] == [("heading", 2), ("paragraph", 0)]


def test_docx_text_box_read_once_after_its_paragraph():
    inner = text_box(para("Binnenste kader."))
    box = text_box(para("Let op: de weg is dicht.") + para("Neem de omleiding.", style="ListBullet")
                   + para("Buitenste kader.", inner) + para("Nog in het buitenste kader."))

    def build(d):
        d.add_paragraph("Wegwerkzaamheden")
        p = d.add_paragraph("De gemeente sluit ")
        raw_run(p, box + '<w:r><w:t xml:space="preserve">de weg af.</w:t></w:r>')
        d.add_paragraph("Daarna gaat de weg weer open.")

    doc = read(make_docx(build), "kader.docx")
    assert lines(doc) == [
        "Wegwerkzaamheden",
        "De gemeente sluit de weg af.",  # the anchor keeps its own text only
        "Let op: de weg is dicht.",
        "Neem de omleiding.",
        "Buitenste kader.",
        "Binnenste kader.",  # a text box in a text box: after its own anchor, once
        "Nog in het buitenste kader.",
        "Daarna gaat de weg weer open.",
    ]
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("paragraph", 0), ("paragraph", 0), ("paragraph", 0), ("list_item", 1), ("paragraph", 0),
        ("paragraph", 0), ("paragraph", 0), ("paragraph", 0)]
    assert "sluit de weg af.\n\nLet op: de weg is dicht." in doc.text  # a paragraph of its own


def test_docx_text_box_only_in_vml_and_in_a_table_cell():
    def build(d):
        p = d.add_paragraph("Lees dit goed.")
        raw_run(p, f"<w:r>{vml_box(para('Alleen in VML.'))}</w:r>")
        table = d.add_table(rows=1, cols=1)
        cell = table.cell(0, 0).paragraphs[0]
        cell.add_run("In de cel.")
        raw_run(cell, f"<w:r>{vml_box(para('Kader in de cel.'))}</w:r>")
        d.add_paragraph("Einde.")

    doc = read(make_docx(build), "vml.docx")
    assert lines(doc) == ["Lees dit goed.", "Alleen in VML.", "In de cel.", "Kader in de cel.", "Einde."]
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "table_cell", "paragraph", "paragraph"]


def _docx_with_note_references():
    def ref(kind: str, note_id: str) -> str:
        return f'<w:r><w:{kind}Reference w:id="{note_id}"/></w:r>'

    def build(d):
        raw_run(d.add_paragraph("U krijgt een brief."), ref("footnote", "2") + ref("endnote", "1"))
        raw_run(d.add_paragraph("Daarin staat de datum."), ref("footnote", "1"))
        raw_run(d.add_paragraph("Niet meer nodig."),
                '<w:del w:id="9" w:author="a"><w:r><w:footnoteReference w:id="4"/></w:r></w:del>')

    return make_docx(build)


FOOTNOTES = notes_xml("footnote", [("-1", "separator", ""), ("0", "continuationSeparator", ""),
                                   ("1", None, "Eerste voetnoot in het bestand."),
                                   ("2", None, "Tweede voetnoot in het bestand."),
                                   ("3", None, "Voetnoot zonder verwijzing."),
                                   ("4", None, "Voetnoot bij geschrapte tekst.")])
ENDNOTES = notes_xml("endnote", [("-1", "separator", ""), ("0", "continuationNotice", ""),
                                 ("1", None, "Een eindnoot.")])


def test_docx_footnotes_and_endnotes_after_the_body():
    doc = read(with_notes(_docx_with_note_references(), FOOTNOTES, ENDNOTES), "noten.docx")
    assert lines(doc) == [
        "U krijgt een brief.",
        "Daarin staat de datum.",
        "Niet meer nodig.",
        "Tweede voetnoot in het bestand.",  # footnotes in the order of their reference
        "Eerste voetnoot in het bestand.",
        "Voetnoot zonder verwijzing.",  # then the ones without one; not the one in deleted text
        "Een eindnoot.",  # endnotes after the footnotes
    ]
    assert [b.kind for b in doc.blocks] == ["paragraph"] * 7
    assert doc.warnings == ()


@pytest.mark.parametrize("damaged", [FOOTNOTES[:150], b"<niet-eens-xml", f'<w:document xmlns:w="{W_NS}"/>'.encode()])
def test_docx_damaged_footnotes_do_not_stop_the_body(damaged):
    doc = read(with_notes(_docx_with_note_references(), damaged, ENDNOTES), "kapot.docx")
    assert lines(doc) == ["U krijgt een brief.", "Daarin staat de datum.", "Niet meer nodig.", "Een eindnoot."]
    assert len(doc.warnings) == 1
    assert "voetnoten" in doc.warnings[0] and "kapot.docx" in doc.warnings[0] and "\n" not in doc.warnings[0]


def test_docx_footnotes_without_external_entities(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM", encoding="utf-8")
    footnotes = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
                 f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1"><w:p><w:r><w:t>Noot &x; hier.</w:t>'
                 "</w:r></w:p></w:footnote></w:footnotes>").encode()
    doc = read(with_notes(simple_docx(), footnotes), "xxe-noot.docx")
    assert "GEHEIM" not in doc.text
    assert lines(doc)[0] == "De gemeente stuurt u deze brief."


def test_docx_read_in_separate_process_gives_the_same_document():
    data = make_docx(lambda d: (d.add_heading("Kop", 1), d.add_paragraph("Een zin met tekst.")))
    here = read_office(data, "docx", "a.docx", isolate=False)
    there = read_office(data, "docx", "a.docx", isolate=True)
    assert (there.source, there.text, there.blocks) == (here.source, here.text, here.blocks)


def test_docx_without_words():
    data = make_docx(lambda d: d.add_paragraph("   "))
    with pytest.raises(InputError, match="geen woorden"):
        read(data, "leeg.docx")


# ── .odt ─────────────────────────────────────────────────────────────────────────────────────

def test_odt_structure(tmp_path):
    from odf.style import Style
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, LineBreak, List, ListItem, Note, NoteBody, NoteCitation, P, S

    def build(d):
        title = Style(name="Title", family="paragraph")
        d.styles.addElement(title)
        d.text.addElement(P(stylename=title, text="Raadsvoorstel speeltuin"))
        d.text.addElement(H(outlinelevel=2, text="Aanleiding"))
        p = P(text="De speeltuin is oud.")
        p.addElement(S(c=2))
        p.addText("Wij willen")
        note = Note(noteclass="footnote")
        note.addElement(NoteCitation(text="1"))
        body = NoteBody()
        body.addElement(P(text="Een voetnoot na de tekst."))
        note.addElement(body)
        p.addElement(note)
        p.addText(" een nieuwe.")
        p.addElement(LineBreak())
        p.addText("Nieuwe regel.")
        d.text.addElement(p)
        outer = List()
        item = ListItem()
        item.addElement(P(text="Eerste punt"))
        inner = List()
        sub = ListItem()
        sub.addElement(P(text="Dieper punt"))
        inner.addElement(sub)
        item.addElement(inner)
        outer.addElement(item)
        d.text.addElement(outer)
        table = Table()
        table.addElement(TableColumn(numbercolumnsrepeated=2))
        row = TableRow()
        for word in ("Wat", "Wanneer"):
            cell = TableCell()
            cell.addElement(P(text=word))
            row.addElement(cell)
        table.addElement(row)
        d.text.addElement(table)

    path = tmp_path / "voorstel.odt"
    path.write_bytes(make_odt(build))
    doc = load_path(path)
    assert doc.format == "odt"
    assert lines(doc) == ["Raadsvoorstel speeltuin", "Aanleiding",
                          "De speeltuin is oud.  Wij willen een nieuwe.\u2028Nieuwe regel.",
                          "Eerste punt", "Dieper punt", "Wat", "Wanneer",
                          "Een voetnoot na de tekst."]  # not in its sentence: a paragraph after the body
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("heading", 1), ("heading", 2), ("paragraph", 0), ("list_item", 1), ("list_item", 2),
        ("table_cell", 0), ("table_cell", 0), ("paragraph", 0)]
    assert "De speeltuin is oud. Wij willen een nieuwe.\nNieuwe regel." in doc.text


def test_odt_text_boxes_after_their_paragraph_and_notes_after_the_body():
    from odf.draw import Frame, TextBox
    from odf.text import List, ListItem, Note, NoteBody, NoteCitation, P

    def note(kind: str, text: str):
        element = Note(noteclass=kind)
        element.addElement(NoteCitation(text="1"))
        body = NoteBody()
        body.addElement(P(text=text))
        element.addElement(body)
        return element

    def frame(*paragraphs):
        element = Frame(anchortype="as-char", width="5cm", height="2cm")
        box = TextBox()
        for paragraph in paragraphs:
            box.addElement(paragraph)
        element.addElement(box)
        return element

    def build(d):
        p = P(text="De gemeente sluit ")
        p.addElement(note("endnote", "Eindnoot bij de eerste zin."))
        inner = P(text="Buitenste kader.")
        inner.addElement(frame(P(text="Binnenste kader.")))
        inner.addElement(note("footnote", "Voetnoot in een kader."))
        p.addElement(frame(P(text="Let op: de weg is dicht."), inner))
        p.addText("de weg af.")
        d.text.addElement(p)
        items = List()
        item = ListItem()
        point = P(text="Een punt")
        point.addElement(note("footnote", "Voetnoot bij het punt."))
        point.addElement(frame(P(text="Kader bij het punt.")))
        item.addElement(point)
        items.addElement(item)
        d.text.addElement(items)
        d.text.addElement(P(text="Daarna gaat de weg weer open."))

    doc = read(make_odt(build), "kader.odt")
    assert lines(doc) == [
        "De gemeente sluit de weg af.",
        "Let op: de weg is dicht.",
        "Buitenste kader.",
        "Binnenste kader.",
        "Een punt",
        "Kader bij het punt.",
        "Daarna gaat de weg weer open.",
        "Voetnoot in een kader.",  # footnotes in document order ...
        "Voetnoot bij het punt.",
        "Eindnoot bij de eerste zin.",  # ... then endnotes
    ]
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("paragraph", 0), ("paragraph", 0), ("paragraph", 0), ("paragraph", 0), ("list_item", 1),
        ("paragraph", 0), ("paragraph", 0), ("paragraph", 0), ("paragraph", 0), ("paragraph", 0)]


def test_odt_spreadsheet_is_refused():
    from odf.opendocument import OpenDocumentSpreadsheet

    buffer = io.BytesIO()
    OpenDocumentSpreadsheet().write(buffer)
    with pytest.raises(InputError, match="geen OpenDocument-tekst"):
        read(buffer.getvalue(), "tabel.odt")


# ── .pdf ─────────────────────────────────────────────────────────────────────────────────────

def _letter_pages():
    def page(number, body):
        return [(72, 800, 9, "Gemeente Diemen - Raadsvoorstel")] + body + [(290, 40, 9, f"Pagina {number} van 3")]

    return [
        page(1, [(72, 760, 18, "Nieuwe speeltuin", True),
                 (72, 730, 11, "De gemeente wil een speeltuin bouwen in de wijk. Wij vragen u om"),
                 (72, 716, 11, "mee te denken over de plek en over de informatie-"),
                 (72, 702, 11, "voorziening."),
                 (72, 680, 11, "Heeft u vragen? Bel ons dan."),
                 (72, 650, 14, "Wat gaan we doen", True),
                 (72, 626, 11, "\u2022 We kopen nieuwe toestellen."),
                 (72, 612, 11, "\u2022 We planten bomen.")]),
        page(2, [(72, 760, 11, "Deze zin begint op pagina twee en loopt door naar")]),
        page(3, [(72, 760, 11, "de volgende pagina. Daarna nog een zin.")]),
    ]


def test_pdf_paragraphs_headings_and_pages(tmp_path):
    path = tmp_path / "voorstel.pdf"
    path.write_bytes(make_pdf(_letter_pages()))
    doc = load_path(path)
    assert doc.format == "pdf"
    assert lines(doc) == [
        "Nieuwe speeltuin",
        "De gemeente wil een speeltuin bouwen in de wijk. Wij vragen u om mee te denken over de plek en "
        "over de informatievoorziening.",
        "Heeft u vragen? Bel ons dan.",
        "Wat gaan we doen",
        "We kopen nieuwe toestellen.",
        "We planten bomen.",
        "Deze zin begint op pagina twee en loopt door naar de volgende pagina. Daarna nog een zin.",
    ]  # no letterhead, no page numbers; a hyphenated word joined; a sentence across two pages kept
    assert [(b.kind, b.level) for b in doc.blocks] == [
        ("heading", 1), ("paragraph", 0), ("paragraph", 0), ("heading", 2), ("list_item", 1),
        ("list_item", 1), ("paragraph", 0)]
    assert page_of(doc, 1) == 1 and page_of(doc, 7) == 2 and page_of(doc, 99) is None
    assert doc.warnings == ()


def test_pdf_with_a_scanned_page_warns():
    pages = [[(72, 700, 11, "Een pagina met tekst erop.")], b"0 0 1 rg 100 100 200 200 re f"]
    doc = read(make_pdf(pages), "deels.pdf")
    assert lines(doc) == ["Een pagina met tekst erop."]
    assert len(doc.warnings) == 1 and "pagina 2" in doc.warnings[0].lower() and "scan" in doc.warnings[0]


def test_pdf_without_text_layer_is_a_scan():
    scan = make_pdf([b"0 0 1 rg 100 100 200 200 re f", b"q 1 0 0 1 0 0 cm Q"])
    with pytest.raises(InputError) as info:
        read_office(scan, "pdf", "scan.pdf")  # the separate process gives the same error
    message = str(info.value)
    assert "scan.pdf" in message and "scan" in message and "OCR" in message and "\n" not in message


# ── hostile files ────────────────────────────────────────────────────────────────────────────

def test_zip_bomb_by_total_size():
    bomb = rezip(simple_docx(), add={"word/media/bom.bin": b"\0" * 170_000_000})
    assert len(bomb) < 1_000_000
    with pytest.raises(InputError, match="zip-bom"):
        read(bomb, "bom.docx")


def test_zip_bomb_by_ratio_odt():
    data = make_odt(lambda d: None)
    bomb = rezip(data, add={"Pictures/leeg.png": b"\0" * 20_000_000})
    with pytest.raises(InputError, match="zip-bom"):
        read(bomb, "bom.odt")


def test_zip_bomb_with_lying_sizes_is_stopped_by_the_checksum():
    """A ZIP whose table of contents claims a small size: zipfile never unpacks more than that."""
    big = b"<w:document/>" + b" " * 30_000_000
    data = bytearray(rezip(simple_docx(), replace={"word/document.xml": big}))
    name = b"word/document.xml"
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    struct.pack_into("<I", data, central + 24, 2000)  # uncompressed size in the central directory
    with pytest.raises(InputError, match="beschadigd"):
        read(bytes(data), "lieg.docx")


def test_too_many_zip_entries():
    data = rezip(simple_docx(), add={f"x/{i}.xml": b"<a/>" for i in range(60)})
    with pytest.raises(InputError, match="te veel onderdelen"):
        read(data, "veel.docx", limits=Limits(max_entries=50))


def test_entity_expansion_is_refused():
    laughs = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
              + f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>')
    data = rezip(simple_docx(), replace={"word/document.xml": laughs.encode()})
    with pytest.raises(InputError, match="beschadigd"):
        read(data, "lol.docx")


def test_external_entity_is_not_read(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
           f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>Tekst &x; hier.</w:t></w:r></w:p>'
           '</w:body></w:document>')
    data = rezip(simple_docx(), replace={"word/document.xml": xml.encode()})
    try:
        doc = read(data, "xxe.docx")
    except InputError:
        return
    assert "GEHEIM" not in doc.text


@pytest.mark.parametrize("name, data", [
    ("half.docx", simple_docx()[:2000]),
    ("tekst.docx", b"Dit is geen Word-bestand maar gewone tekst."),
    ("half.odt", make_odt(lambda d: None)[:500]),
    ("half.pdf", make_pdf([[(72, 700, 11, "Een zin.")]])[:300]),
    ("rommel.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 50),
])
def test_broken_files_give_one_dutch_line(name, data):
    with pytest.raises(InputError) as info:
        read(data, name)
    message = str(info.value)
    assert name in message and "beschadigd" in message and "\n" not in message


def test_pdf_page_limit():
    data = make_pdf([[(72, 700, 11, f"Pagina {i} met tekst.")] for i in range(6)])
    with pytest.raises(InputError, match="te veel pagina's"):
        read(data, "dik.pdf", limits=Limits(max_pages=5))


def test_text_limit():
    data = make_docx(lambda d: [d.add_paragraph("Een zin met woorden.") for _ in range(30)])
    with pytest.raises(InputError, match="te veel tekst"):
        read(data, "lang.docx", limits=Limits(max_chars=200))


def test_time_limit_in_process():
    data = make_pdf([[(72, 700, 11, "Een zin.")]] * 3)
    with pytest.raises(InputError, match="duurde te lang"):
        read(data, "traag.pdf", limits=Limits(seconds=0))


def test_memory_limit_in_separate_process():
    if not sys.platform.startswith("linux"):
        pytest.skip("the memory limit of the reading process is tested on Linux")
    content = b"BT /F1 11 Tf 72 700 Td (" + b"a" * 40_000_000 + b") Tj ET"
    data = make_pdf([content])
    assert len(data) < 200_000
    with pytest.raises(InputError, match="te groot of te ingewikkeld"):
        read_office(data, "pdf", "groot.pdf", limits=Limits(memory_bytes=200 * 1024 * 1024, seconds=30))


def test_hanging_reader_is_stopped(tmp_path, monkeypatch):
    """A reading process that does not finish is killed after the time limit."""
    fake = tmp_path / "hangt"
    fake.write_text("#!/bin/sh\nexec sleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(sandbox.sys, "executable", str(fake))
    with pytest.raises(InputError, match="duurde te lang"):
        read_office(simple_docx(), "docx", "hangt.docx", limits=Limits(seconds=0.5), isolate=True)


# ── the extra, the formats, analysis ─────────────────────────────────────────────────────────

def test_missing_extra_names_the_install_line(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pypdf" else real(name, *a))
    with pytest.raises(InputError) as info:
        from_bytes(make_pdf([[(72, 700, 11, "Tekst.")]]), None, "brief.pdf")
    message = str(info.value)
    assert "brief.pdf" in message and "pypdf" in message and "pip install 'helder[docs]'" in message
    assert "\n" not in message


def test_formats_and_suffixes():
    assert {".docx", ".odt", ".pdf"} <= SUPPORTED_SUFFIXES
    assert BINARY_FORMATS == {"docx", "odt", "pdf"}
    with pytest.raises(InputError, match="formaat 'pdf'"):
        from_string("Tekst.", format="pdf")
    doc = from_bytes(simple_docx(), "word", "zonder-extensie")
    assert doc.format == "docx"


def test_findings_point_at_the_paragraph(model_option):
    """A Word file through the checks: a finding's line is the paragraph; headings count for structure."""
    from helder.analysis import Options, analyze_documents

    def build(d):
        d.add_heading("Nieuw speelveld", 1)
        d.add_heading("Beslispunten", 2)
        d.add_paragraph("De raad geeft 80.000 euro voor een nieuw speelveld.")
        d.add_heading("Aanleiding", 2)
        d.add_paragraph("Het oude speelveld is kapot. Indien u vragen heeft, kunt u ons bellen.")

    doc = read(make_docx(build), "voorstel.docx")
    report = next(analyze_documents([doc], Options(model=model_option, checks=True, profile="raadsvoorstel")))
    indien = [f for f in report.findings if f.match.lower() == "indien"]
    assert indien and indien[0].span.line == 5
    assert doc.source_line(indien[0].span.line).startswith("Het oude speelveld")
    missing = {f.message for f in report.findings if f.code == "ST004"}
    assert missing  # the proposal lacks sections ...
    assert not any("Beslispunten" in m or "Aanleiding" in m for m in missing)  # ... but has these headings


def test_reader_imports_nothing_from_the_working_folder(tmp_path, monkeypatch):
    """A statistics.py or a folder named helder where the user runs helder is never imported."""
    (tmp_path / "statistics.py").write_text(f"open({str(tmp_path / 'PWNED')!r}, 'w').write('x')\n")
    (tmp_path / "helder").mkdir()
    (tmp_path / "helder" / "__init__.py").write_text("raise SystemExit('wrong helder')\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    doc = read_office(simple_docx(), "docx", "a.docx", isolate=True)
    assert doc.text and not (tmp_path / "PWNED").exists()


def test_reader_that_cannot_start_is_an_error_not_a_fallback(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox.sys, "executable", str(tmp_path / "no-python-here"))
    with pytest.raises(InputError, match="niet veilig lezen"):
        read_office(simple_docx(), "docx", "a.docx", isolate=True)
    broken = tmp_path / "python"
    broken.write_text("#!/bin/sh\necho 'ModuleNotFoundError: No module named helder' >&2\nexit 1\n")
    broken.chmod(0o755)
    monkeypatch.setattr(sandbox.sys, "executable", str(broken))
    with pytest.raises(InputError, match="niet veilig lezen"):
        read_office(simple_docx(), "docx", "a.docx", isolate=True)


def test_zip_part_whose_header_lies_about_its_size(tmp_path):
    sys.path.insert(0, os.path.dirname(__file__))
    from hostile_inputs import _zip_bomb_lying

    with pytest.raises(InputError, match="beschadigd|zip-bom"):
        read_office(_zip_bomb_lying(5_000_000), "docx", "bom.docx", isolate=False)
