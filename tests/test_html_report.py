"""The HTML report: escaping, self-contained, accessible structure, findings at the right sentences."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest

from helder.documents import from_string
from helder.documents.office import Paragraph, build_document
from helder.errors import HelderError
from helder.formatters import html_report
from helder.formatters.html_report import LEVEL_COLOURS, render_html, write_html
from helder.types import Finding, Metric, Report, SentenceScore, Severity

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Tree(HTMLParser):
    """Checks that tags nest properly and collects elements with their attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.elements: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.texts: dict[int, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        self.elements.append((tag, d))
        if tag not in VOID:
            self.stack.append((tag, d))
            self.texts[id(d)] = []

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {[t for t, _ in self.stack[-3:]]})")
            return
        self.stack.pop()

    def handle_data(self, data):
        for _tag, d in self.stack:
            self.texts[id(d)].append(data)

    def text_of(self, attrs: dict) -> str:
        return "".join(self.texts.get(id(attrs), []))

    def find(self, tag=None, **wanted) -> list[dict]:
        out = []
        for t, d in self.elements:
            if tag and t != tag:
                continue
            if all((d.get(k.replace("_", "-")) or "") == v if v is not True else k.replace("_", "-") in d
                   for k, v in wanted.items()):
                out.append(d)
        return out


def parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert not tree.errors, tree.errors[:5]
    assert not tree.stack, [t for t, _ in tree.stack]
    return tree


def sentence_spans(document, pieces):
    """SentenceScores for the plain-text sentences ``pieces`` (text, level)."""
    out, pos = [], 0
    for i, (text, level) in enumerate(pieces):
        start = document.text.index(text, pos)
        end = start + len(text)
        pos = end
        score = {1: 20.0, 2: 40.0, 3: 50.0, 4: 70.0}.get(level)
        out.append(SentenceScore(index=i, text=text, span=document.span(start, end), words=len(text.split()),
                                 lint_score=score, lint_level=level))
    return tuple(out)


def finding(document, word, code="WK001", severity=Severity.WARNING, message="Schrijf 'als'.",
            replacements=("als",), occurrence=0, length=None):
    start = -1
    for _ in range(occurrence + 1):
        start = document.text.index(word, start + 1)
    end = start + (len(word) if length is None else length)
    return Finding(code=code, name="ambtelijk-woord", message=message, severity=severity,
                   span=document.span(start, end), match=document.text[start:end], replacements=replacements,
                   link="https://example.org/regels/" + code)


def metrics(level=3):
    return {
        "lint_level": Metric("lint_level", level, "LiNT-II-niveau", "", f"Niveau {level}: uitleg."),
        "lint_score": Metric("lint_score", 50.0, "LiNT-II-score", "", "Niveau 3 van 4."),
        "flesch_douma": Metric("flesch_douma", 61.5, "Leesgemak (Flesch-Douma)", "", "Normaal om te lezen."),
        "words": Metric("words", 30, "Woorden", "", ""),
    }


TEXT = ("Indien u vragen heeft, belt u ons. De gemeente heeft besloten om de weg te vernieuwen "
        "in het kader van de herinrichting. <script>window.HACKED = 1</script> is geen code maar tekst.\n\n"
        "Heeft u nog vragen? Wij helpen u graag.")


@pytest.fixture()
def sample():
    document = from_string(TEXT, "text", "brief<1>.txt")
    sentences = sentence_spans(document, [
        ("Indien u vragen heeft, belt u ons.", 1),
        ("De gemeente heeft besloten om de weg te vernieuwen in het kader van de herinrichting.", 4),
        ("<script>window.HACKED = 1</script> is geen code maar tekst.", None),
        ("Heeft u nog vragen?", 2),
        ("Wij helpen u graag.", 3),
    ])
    long_start = document.text.index("De gemeente")
    long_end = document.text.index("herinrichting.") + len("herinrichting.")
    findings = (
        finding(document, "Indien"),
        Finding(code="LB001", name="lange-zin", message="Deze zin is lang.", severity=Severity.SUGGESTION,
                span=document.span(long_start, long_end), match=document.text[long_start:long_end]),
        finding(document, "in het kader van", message="Schrijf <b>voor</b> & \"door\".", replacements=("voor",)),
        finding(document, "<script>", code="ZB001", severity=Severity.ERROR, message="Een <script>-test."),
        Finding(code="LT:TYPO", name="typo", message="Spelfout?", severity=Severity.WARNING,
                span=document.span(document.text.index("graag"), document.text.index("graag") + 5), match="graag"),
    )
    report = Report(path="brief<1>.txt", pipeline="test", parsed=True, metrics=metrics(3), sentences=sentences,
                    findings=tuple(sorted(findings, key=lambda f: (f.span.start, f.span.end))), profile="brief",
                    warnings=("Let <op>.",))
    return report, document


def test_document_text_is_escaped(sample):
    report, document = sample
    page = render_html([report], [document])
    assert page.count("<script") == 1  # only helder's own script
    assert "<script>window.HACKED" not in page
    assert "&lt;script&gt;window.HACKED = 1&lt;/script&gt;" in page
    assert "brief&lt;1&gt;.txt" in page and "brief<1>" not in page
    assert "Schrijf &lt;b&gt;voor&lt;/b&gt; &amp; &#34;door&#34;." in page
    assert "Let &lt;op&gt;." in page
    parse(page)



HOSTILE = "<script>alert(\"x\")</script> {{ 7 * 7 }} {% raw %}'\" onmouseover=\"alert(1)\" &amp; </p></main>"


def test_hostile_text_and_file_names_come_out_as_text():
    """Markup, quotes and template syntax in a document, a file name, a message, a warning, an error
    and a title are text in the page: escaped by the templates, never markup, never evaluated."""
    text = "Indien " + HOSTILE + " is tekst.\n\nNog een zin."
    name = "brief " + HOSTILE + ".txt"
    document = from_string(text, "text", name)
    sentences = sentence_spans(document, [("Indien " + HOSTILE + " is tekst.", 3), ("Nog een zin.", 1)])
    f = finding(document, "Indien", message="Schrijf " + HOSTILE, replacements=(HOSTILE,))
    report = Report(path=name, pipeline="t", parsed=True, metrics=metrics(3), sentences=sentences,
                    findings=(f,), profile=HOSTILE, warnings=(HOSTILE,))
    other = from_string("Een korte tekst.", "text", HOSTILE)
    report2 = Report(path=HOSTILE, pipeline="t", parsed=True, metrics=metrics(1),
                     sentences=sentence_spans(other, [("Een korte tekst.", 1)]))
    for page in (render_html([report], [document], errors=[(name, HOSTILE)]),
                 render_html([report, report2], [document, other], title=HOSTILE),
                 html_report.html_page(HOSTILE, "<p>body</p>", subtitle=HOSTILE)):
        tree = parse(page)  # nothing closed early: </p></main> stayed text
        assert page.count("<script") == 1  # only helder's own script
        assert "<script>alert" not in page and "onmouseover=\"alert" not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
        assert "{{ 7 * 7 }} {% raw %}" in page  # template syntax is text, not run
        assert "&amp;amp;" in page  # an entity in the text is shown as written
        assert len(tree.find("main")) == 1 and len(tree.find("script")) == 1
        assert not any(k.startswith("on") for _t, d in tree.elements for k in d)
    page = render_html([report], [document], errors=[(name, HOSTILE)])
    tree = parse(page)
    heading = tree.find("h2", id="d1-titel")[0]
    assert tree.text_of(heading) == name  # the file name comes back unchanged as text
    assert tree.find("title") and HOSTILE in tree.text_of(tree.find("title")[0])
    mark = tree.find("mark", tabindex="0")[0]
    assert "Schrijf " + HOSTILE in tree.text_of(mark)
    sentence = tree.find("span", id="d1-z1")[0]
    assert HOSTILE in tree.text_of(sentence) and "49" not in tree.text_of(sentence)
    assert tree.find("blockquote", **{"class": "zinnetje"})

def test_self_contained_with_a_strict_policy(sample):
    page = render_html([sample[0]], [sample[1]])
    tree = parse(page)
    assert not tree.find("link") and not tree.find("img") and not tree.find("iframe")
    assert not any("src" in d for _t, d in tree.elements)
    assert "@import" not in page and "url(" not in page
    csp = tree.find("meta", http_equiv="Content-Security-Policy")[0]["content"]
    assert "default-src 'none'" in csp
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    for body in (style, script):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert not any("style" in d for _t, d in tree.elements)  # no style attributes (blocked by the policy)
    # links only to the rule explanations and inside the page
    for d in tree.find("a"):
        assert d["href"].startswith("#") or d["href"].startswith("https://example.org/regels/")


def test_landmarks_headings_and_skip_link(sample):
    tree = parse(render_html([sample[0]], [sample[1]]))
    html_el = tree.find("html")[0]
    assert html_el["lang"] == "nl"
    assert len(tree.find("h1")) == 1
    for tag in ("header", "nav", "main", "footer"):
        assert tree.find(tag), tag
    skip = tree.find("a", **{"class": "skip"})[0]
    assert skip["href"] == "#inhoud" and tree.find("main", id="inhoud")
    ids = [d["id"] for _t, d in tree.elements if "id" in d]
    assert len(ids) == len(set(ids)), "ids are unique"


def test_findings_are_focusable_and_described(sample):
    report, document = sample
    tree = parse(render_html([report], [document]))
    ids = {d["id"]: d for _t, d in tree.elements if "id" in d}
    focusable = tree.find("mark", tabindex="0")
    assert len(focusable) == len(report.findings)  # one tab stop per finding, not per piece
    # every finding has exactly one place to go to and one description
    for n in range(1, len(report.findings) + 1):
        assert f"d1-f{n}" in ids
        assert f"d1-f{n}-uitleg" in ids
    described = " ".join(d["aria-describedby"] for d in focusable).split()
    assert sorted(described) == sorted(f"d1-f{n}-uitleg" for n in range(1, len(report.findings) + 1))
    # the tooltip of "Indien" has the message and the suggestion
    indien = next(d for d in focusable if tree.text_of(d).startswith("Indien"))
    assert "WK001" in tree.text_of(indien) and "Beter: als" in tree.text_of(indien)
    assert "waarschuwing" in indien["class"]


def test_findings_are_at_the_right_sentence(sample):
    report, document = sample
    tree = parse(render_html([report], [document]))
    sentences = {d["id"]: d for d in tree.find("span") if d.get("id", "").startswith("d1-z")}
    assert set(sentences) == {f"d1-z{i}" for i in range(1, 6)}
    # the mark for "in het kader van" lies inside sentence 2, which has level 4
    second = sentences["d1-z2"]
    assert second["class"] == "zin n4" and second["data-niveau"] == "4"
    text = tree.text_of(second)
    assert "in het kader van" in text and "Zin 2: niveau 4, heel moeilijk." in text
    marks = [d for d in tree.find("mark") if "WK001" in d.get("data-codes", "")]
    kader = [d for d in marks if tree.text_of(d).startswith("in het kader van")]
    assert kader and "LB001" in kader[0]["data-codes"]  # inside the long-sentence finding too
    assert "meer" in kader[0]["class"]
    # the level is also a number (not colour alone) and a text for screen readers
    badge = [d for d in tree.find("span") if d.get("class") == "niv b4"]
    assert badge and tree.text_of(badge[0]) == "4"
    # a sentence without a level has no badge and no colour
    assert sentences["d1-z3"]["class"] == "zin"
    # the script text is a finding (ZB001, an error) and shown as text
    script_mark = next(d for d in tree.find("mark") if "ZB001" in d.get("data-codes", ""))
    assert tree.text_of(script_mark).startswith("<script>") and "fout" in script_mark["class"]


def test_summary_families_and_chart(sample):
    report, document = sample
    tree = parse(render_html([report], [document]))
    page = render_html([report], [document])
    rows = {tree.text_of(d).split()[0]: tree.text_of(d) for d in tree.find("tr")}
    assert "WK" in rows and "LT" in rows and "ZB" in rows and "LB" in rows and "ST" in rows
    assert re.search(r"<span class=\"code\">WK</span> Woordkeuze</th><td class=\"getal\">2</td>", page)
    assert re.search(r"<span class=\"code\">LT</span>[^<]*</th><td class=\"getal\">1</td>", page)
    assert "LiNT-II niveau 3 van 4: moeilijk." in page
    assert "Profiel: <strong>brief</strong>" in page
    svg = tree.find("svg", role="img")[0]
    title, desc = svg["aria-labelledby"].split()
    assert title in {d.get("id") for d in tree.find("title")} and tree.find("desc", id=desc)
    assert len([d for d in tree.find("rect") if d.get("fill") == LEVEL_COLOURS[4][1]]) == 1
    caption = tree.text_of(tree.find("figcaption")[0])
    assert "5 zinnen" in caption and "zin 2 (niveau 4)" in caption


def test_office_documents_say_paragraph_and_page():
    paragraphs = [Paragraph("heading", 1, "Besluit", 1), Paragraph("paragraph", 0, "Indien u wilt, bel ons.", 1),
                  Paragraph("paragraph", 0, "Indien het regent, blijft u thuis.", 2)]
    document = build_document(paragraphs, "pdf", "besluit.pdf")
    sentences = sentence_spans(document, [("Besluit", None), ("Indien u wilt, bel ons.", 1),
                                          ("Indien het regent, blijft u thuis.", 2)])
    f = finding(document, "Indien", occurrence=1)
    report = Report(path="besluit.pdf", pipeline="t", parsed=True, metrics=metrics(1), sentences=sentences,
                    findings=(f,))
    page = render_html([report], [document])
    assert "Pagina 2, alinea 3" in page
    tree = parse(page)
    assert tree.find("h4")  # a heading of the document is a heading in the report
    docx_doc = build_document(paragraphs, "docx", "besluit.docx")
    report2 = Report(path="besluit.docx", pipeline="t", parsed=True, metrics=metrics(1),
                     sentences=sentence_spans(docx_doc, [("Indien u wilt, bel ons.", 1)]),
                     findings=(finding(docx_doc, "Indien"),))
    assert "Alinea 2</a>" in render_html([report2], [docx_doc])


def test_several_documents_and_errors(sample):
    report, document = sample
    other = from_string("Een korte tekst.", "text", "b.txt")
    report2 = Report(path="b.txt", pipeline="t", parsed=True, metrics=metrics(1),
                     sentences=sentence_spans(other, [("Een korte tekst.", 1)]))
    page = render_html([report, report2], [other, document], errors=[("kapot.pdf", "Het bestand <kapot>.pdf is kapot.")])
    tree = parse(page)
    nav = tree.find("nav")[0]
    assert "brief<1>.txt" in tree.text_of(nav) and "b.txt" in tree.text_of(nav)
    assert "&lt;kapot&gt;.pdf" in page
    assert tree.find("section", aria_labelledby="d2-titel")
    assert "Geen opmerkingen" in page


def test_zero_length_finding_marks_its_sentence():
    document = from_string("Dit is een zin. En nog een.", "text", "a.txt")
    sentences = sentence_spans(document, [("Dit is een zin.", 1), ("En nog een.", 1)])
    f = Finding(code="ST004", name="kop", message="Er mist een kop.", severity=Severity.WARNING,
                span=document.span(0, 0), match="")
    page = render_html([Report("a.txt", "t", True, metrics(1), sentences, (f,))], [document])
    tree = parse(page)
    mark = tree.find("mark", tabindex="0")[0]
    assert tree.text_of(mark).startswith("Dit is een zin.")


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_colours_meet_wcag_aa():
    text, white = "#1b1b1b", "#ffffff"
    for level, (background, strong) in LEVEL_COLOURS.items():
        assert contrast(text, background) >= 4.5, level
        assert contrast(white, strong) >= 4.5, level  # the level number on its badge
        assert contrast(strong, white) >= 3, level  # a bar in the chart
        for underline in ("#b3261e", "#a34700", "#0b57d0"):  # finding underlines on the sentence colour
            assert contrast(underline, background) >= 3, (level, underline)
    css = html_report._CSS
    for colour in ("#1d6b38", "#4f6410", "#8a5300", "#b3261e"):
        assert colour in css
    assert contrast("#4a4a4a", "#f4f5f7") >= 4.5  # muted text on the header
    assert contrast("#0b4fb3", white) >= 4.5  # links
    assert contrast("#0b57d0", white) >= 3  # focus ring
    assert "@media print" in css and ":focus" in css


def test_write_html(tmp_path, sample):
    target = tmp_path / "rapport.html"
    write_html([sample[0]], [sample[1]], target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(HelderError, match="kan .*r.html niet schrijven"):
        write_html([sample[0]], [sample[1]], tmp_path / "bestaat-niet" / "r.html")
