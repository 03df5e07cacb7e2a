"""`helder check --annotate -o UIT.docx IN.docx` (issue 12): a Word file back with comments and
tracked changes, read back with python-docx and lxml, and opened by LibreOffice headless.

The input is built with python-docx (tests/docx_fixtures.py): a custom style, a picture, a header, a bold word inside a
finding, a table and an existing comment by someone else.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile

import pytest

docx = pytest.importorskip("docx", reason="pip install 'helder[docs]' (python-docx)")
from lxml import etree  # noqa: E402

from docx_fixtures import NS, W, anchored_text, docx_parts, styled_docx  # noqa: E402
from helder.cli import main  # noqa: E402

REWRITTEN = {"word/document.xml", "word/comments.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}
PARAGRAPHS = [
    "Indien u thans in Diemen woonachtig bent, kunt u een pas aanvragen.",
    "Wij sturen U de pas reeds binnen een week.",
    "Wij verstrekken de pas aan iedereen die dat wil.",
]


@pytest.fixture(scope="module")
def annotated(tmp_path_factory, model_option):
    folder = tmp_path_factory.mktemp("word")
    source, target = folder / "in.docx", folder / "uit.docx"
    styled_docx(source, PARAGRAPHS)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    code = main(["check", "--no-config", "--annotate", "-o", str(target), str(source)]
                + (["--model", model_option] if model_option else []))
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before, "the input was changed"
    return source, target, code


def test_other_parts_byte_for_byte_and_styles_images_untouched(annotated):
    source, target, code = annotated
    assert code == 1
    old, new = docx_parts(source), docx_parts(target)
    assert set(new) - set(old) <= {"word/comments.xml"}
    for name, data in old.items():
        if name not in REWRITTEN:
            assert new[name] == data, f"{name} changed"
    out = docx.Document(str(target))
    assert "Helder Nadruk" in [s.name for s in out.styles]
    assert out.paragraphs[0].style.name == "Helder Nadruk"
    assert len(out.inline_shapes) == 1
    assert out.sections[0].header.paragraphs[0].text == "Gemeente Diemen"


def test_comments_on_the_exact_words_by_helder(annotated):
    _source, target, _code = annotated
    parts = docx_parts(target)
    comments = etree.fromstring(parts["word/comments.xml"])
    by_id = {c.get(f"{{{W}}}id"): (c.get(f"{{{W}}}author"), "\n".join(
        "".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in c.iter(f"{{{W}}}p"))) for c in comments}
    anchored = anchored_text(parts["word/document.xml"])
    ours = {cid: text for cid, (author, text) in by_id.items() if author == "helder"}
    assert [a for a, _ in by_id.values()].count("Redactie") == 1, "the existing comment is kept"
    words = {anchored[cid]: text for cid, text in ours.items()}
    assert words["Indien"].startswith("WK001 ambtelijk-woord: Schrijf 'Als' in plaats van 'Indien'.")
    assert "Voorstel: Als" in words["Indien"]
    assert "woonachtig bent" in words and "Voorstel: woont" in words["woonachtig bent"]
    assert words["U"].startswith("WK015") and "verstrekken" in words and "Reeds" in words
    assert "Voorstel: geven / sturen" in words["verstrekken"]
    out = docx.Document(str(target))
    assert sum(1 for c in out.comments if c.author == "helder") == len(ours)


def test_safe_fixes_are_tracked_changes_that_keep_formatting(annotated):
    source, target, _code = annotated
    root = etree.fromstring(docx_parts(target)["word/document.xml"])
    changes = []
    for d in root.iter(f"{{{W}}}del"):
        ins = d.getnext()
        assert d.get(f"{{{W}}}author") == "helder" and ins.tag == f"{{{W}}}ins" and ins.get(f"{{{W}}}author") == "helder"
        changes.append(("".join(t.text for t in d.iter(f"{{{W}}}delText")), "".join(t.text for t in ins.iter(f"{{{W}}}t"))))
    assert changes == [("Indien", "Als"), ("thans", "nu"), ("woonachtig bent", "woont"), ("U", "u"),
                       ("reeds", "al"), ("Reeds", "Al")]
    woont = next(i for i in root.iter(f"{{{W}}}ins") if "".join(t.text for t in i.iter(f"{{{W}}}t")) == "woont")
    assert woont.find(".//w:b", NS) is not None, "the inserted word keeps the run's formatting"
    # the bold run was split at the finding: 'woonachtig' is still bold, the plain runs around it are not
    deleted = woont.getprevious()
    runs = deleted.findall("w:r", NS)
    assert [r.find("w:rPr/w:b", NS) is not None for r in runs] == [True, False]


def test_helder_reads_the_annotated_file_as_the_fixed_text(annotated, model_option, tmp_path):
    """Tracked insertions count and deletions do not: what helder reads is what --fix gives."""
    from helder.documents import load_path

    source, target, _code = annotated
    got = load_path(target).source.splitlines()
    txt = tmp_path / "zelfde.txt"
    txt.write_text("\n\n".join(PARAGRAPHS + ["Reeds klaar.", "Niets te doen."]) + "\n", encoding="utf-8")
    main(["check", "--no-config", "--fix", str(txt)] + (["--model", model_option] if model_option else []))
    assert got == [line for line in txt.read_text(encoding="utf-8").splitlines() if line]


def test_annotate_bad_input(tmp_path, capsys, model_option):
    source = tmp_path / "in.docx"
    styled_docx(source, PARAGRAPHS, extras=False)
    data = source.read_bytes()
    args = ["check", "--no-config", "--annotate"] + (["--model", model_option] if model_option else [])
    assert main(args + ["-o", str(source), str(source)]) == 2
    assert "hetzelfde bestand als de invoer" in capsys.readouterr().err
    (tmp_path / "sub").mkdir()
    assert main(args + ["-o", str(tmp_path / "sub" / ".." / "in.docx"), str(source)]) == 2
    assert main(args + [str(source)]) == 2
    assert "-o UIT.docx" in capsys.readouterr().err
    broken = tmp_path / "kapot.docx"
    broken.write_bytes(data[: len(data) // 2])
    assert main(args + ["-o", str(tmp_path / "uit.docx"), str(broken)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "beschadigd" in err and "Traceback" not in err
    assert not (tmp_path / "uit.docx").exists()
    assert source.read_bytes() == data


def _accept_all_in_odt(content_xml: bytes) -> tuple[list[str], int, int]:
    """The paragraphs of an ODT body with all tracked changes accepted, the number of annotations and
    of tracked changes (OpenDocument: a deletion keeps its text in text:tracked-changes, out of the flow)."""
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    root = etree.fromstring(content_xml)
    body = root.find(f".//{{{office_ns}}}text")
    changes = len(body.findall(f".//{{{text_ns}}}changed-region"))
    annotations = len(body.findall(f".//{{{office_ns}}}annotation"))

    def text(el) -> str:
        out = [el.text or ""]
        for child in el:
            if child.tag == f"{{{text_ns}}}s":
                out.append(" " * int(child.get(f"{{{text_ns}}}c", "1")))
            elif child.tag == f"{{{text_ns}}}tab":
                out.append("\t")
            elif child.tag not in (f"{{{office_ns}}}annotation", f"{{{text_ns}}}tracked-changes"):
                out.append(text(child))
            out.append(child.tail or "")
        return "".join(out)

    paragraphs = []
    for p in body.iter(f"{{{text_ns}}}p", f"{{{text_ns}}}h"):
        if any(a.tag in (f"{{{office_ns}}}annotation", f"{{{text_ns}}}tracked-changes") for a in p.iterancestors()):
            continue
        paragraphs.append(text(p))
    return [p for p in paragraphs if p.strip()], annotations, changes


@pytest.mark.slow
def test_libreoffice_opens_it_and_accepting_all_gives_the_fix_text(tmp_path, model_option):
    """LibreOffice headless reads the annotated file; its tracked changes, accepted, give --fix's text.

    LibreOffice 7.4 crashes when a document with comments is loaded through UNO without a window, so the
    file goes through ``soffice --convert-to odt`` (LibreOffice's own reading of every comment and tracked
    change) and the changes are accepted in the OpenDocument it wrote.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui); .ci/run installs it")
    source, target = tmp_path / "in.docx", tmp_path / "uit.docx"
    styled_docx(source, PARAGRAPHS, extras=False)
    args = ["check", "--no-config"] + (["--model", model_option] if model_option else [])
    main(args + ["--annotate", "-o", str(target), str(source)])
    out = tmp_path / "odt"
    proc = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profiel",
                           "--convert-to", "odt", "--outdir", str(out), str(target)],
                          capture_output=True, timeout=300, start_new_session=True)
    assert proc.returncode == 0 and (out / "uit.odt").is_file(), proc.stderr.decode(errors="replace")[-500:]
    with zipfile.ZipFile(out / "uit.odt") as z:
        paragraphs, annotations, changes = _accept_all_in_odt(z.read("content.xml"))
    root = etree.fromstring(docx_parts(target)["word/document.xml"])
    assert annotations == len(root.findall(".//w:commentRangeStart", NS)) >= 5
    assert changes == 2 * len(root.findall(".//w:del", NS)) >= 2 * 5  # a deletion and an insertion each
    txt = tmp_path / "zelfde.txt"
    txt.write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    main(args + ["--fix", str(txt)])
    assert paragraphs == [line for line in txt.read_text(encoding="utf-8").splitlines() if line]


def test_odt_gets_comments_on_the_words_and_nothing_else_changes(tmp_path, model_option):
    pytest.importorskip("odf", reason="pip install 'helder[docs]' (odfpy)")
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import H, P, Span

    from helder.documents import load_path

    d = OpenDocumentText()
    bold = Style(name="Vet", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    d.automaticstyles.addElement(bold)
    d.text.addElement(H(outlinelevel=1, text="Uw pas"))
    p = P(text="Indien u thans in Diemen ")
    p.addElement(Span(stylename=bold, text="woonachtig"))
    p.addText(" bent, kunt u een pas aanvragen.")
    d.text.addElement(p)
    d.text.addElement(P(text="Wij sturen U de pas reeds binnen een week."))
    source, target = tmp_path / "in.odt", tmp_path / "uit.odt"
    d.save(str(source))
    main(["check", "--no-config", "--annotate", "-o", str(target), str(source)]
         + (["--model", model_option] if model_option else []))
    old, new = docx_parts(source), docx_parts(target)
    assert [n for n in old if old[n] != new[n]] == ["content.xml"]
    with zipfile.ZipFile(target) as z:
        assert z.infolist()[0].filename == "mimetype" and z.infolist()[0].compress_type == zipfile.ZIP_STORED
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    root = etree.fromstring(new["content.xml"])
    anchored: dict[str, list[str]] = {}
    comment: dict[str, str] = {}
    open_: set[str] = set()

    def add(text):
        for name in open_:
            anchored[name].append(text or "")

    def walk(el):
        for child in el:
            if child.tag == f"{{{office}}}annotation":
                name = child.get(f"{{{office}}}name")
                assert child.find("{http://purl.org/dc/elements/1.1/}creator").text == "helder"
                comment[name] = " ".join(t.text for t in child.iter("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"))
                anchored[name] = []
                open_.add(name)
            elif child.tag == f"{{{office}}}annotation-end":
                open_.discard(child.get(f"{{{office}}}name"))
            else:
                add(child.text)
                walk(child)
            add(child.tail)

    walk(root.find(f".//{{{office}}}text"))
    words = {"".join(v).strip(): comment[k] for k, v in anchored.items()}
    assert words["Indien"].startswith("WK001") and "Voorstel: Als" in words["Indien"], words
    assert "woonachtig bent" in words and "U" in words
    assert load_path(target).source == load_path(source).source  # the text itself is unchanged


def test_words_in_a_hyperlink_and_in_someone_elses_insertion(tmp_path, model_option):
    """A finding in a hyperlink gets its comment and tracked change there; one inside another author's
    tracked insertion gets a comment only (helder does not nest its changes in someone else's)."""
    from docx.oxml import parse_xml

    d = docx.Document()
    p = d.add_paragraph("Wij sturen u de pas ")
    p._p.append(parse_xml(
        f'<w:hyperlink xmlns:w="{W}" w:anchor="pas"><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
        '<w:t>reeds</w:t></w:r></w:hyperlink>'))
    p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:t xml:space="preserve"> en </w:t></w:r>'))
    p._p.append(parse_xml(
        f'<w:ins xmlns:w="{W}" w:id="90" w:author="Redactie" w:date="2026-01-01T00:00:00Z">'
        '<w:r><w:t>thans</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:t xml:space="preserve"> digitaal.</w:t></w:r>'))
    source, target = tmp_path / "in.docx", tmp_path / "uit.docx"
    d.save(str(source))
    main(["check", "--no-config", "--annotate", "-o", str(target), str(source)]
         + (["--model", model_option] if model_option else []))
    root = etree.fromstring(docx_parts(target)["word/document.xml"])
    anchored = set(anchored_text(docx_parts(target)["word/document.xml"]).values())
    assert {"reeds", "thans"} <= anchored
    link = root.find(".//w:hyperlink", NS)
    assert [t.text for t in link.iter(f"{{{W}}}delText")] == ["reeds"]
    assert [t.text for t in link.iter(f"{{{W}}}t")] == ["al"]
    assert link.find(".//w:ins//w:u", NS) is not None  # the link's underline stays on the new word
    theirs = [i for i in root.iter(f"{{{W}}}ins") if i.get(f"{{{W}}}author") == "Redactie"]
    assert len(theirs) == 1 and [t.text for t in theirs[0].iter(f"{{{W}}}t")] == ["thans"]
    assert not [x for x in root.iter(f"{{{W}}}del") if "thans" in "".join(x.itertext())]
    assert docx.Document(str(target)).paragraphs[0].text  # python-docx still opens it
