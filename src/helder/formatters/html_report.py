"""The HTML report: one self-contained page that shows where a text is hard.

``render_html(reports, documents)`` returns one HTML file with everything inside (CSS, an inline SVG
chart, a few lines of script); it loads nothing from the network. Per document:

- a summary: the LiNT-II level and what it means, the other scores, the profile and its target, and
  the number of findings per rule family (WK, ZB, LB, ST, LT) and per severity;
- a chart of the LiNT-II score of every sentence from the start of the text to the end (inline SVG
  with a title, a description, a caption in words and the numbers as a table);
- the text itself, block by block: every sentence has a background for its LiNT-II level *and* the
  level as a number in front of it (not colour alone; level 4 also has stripes); every finding is
  underlined (solid: fout, wavy: waarschuwing, dotted: suggestie). The underlined words can be
  reached with Tab; on hover and on keyboard focus a box shows the message and the suggestion (also
  given to screen readers through ``aria-describedby``); Escape closes the box;
- a numbered list of all findings, with the place (``alinea N`` for Word, OpenDocument and PDF,
  ``regel N`` for other files, plus the page of a PDF), the sentence, and a link to the place.

Safety: every piece of text from a document, a path or a message is escaped. A Content Security
Policy in the page allows only its own stylesheet and script (by hash), so even a mistake in escaping
could not run a script from a document.

Accessibility (WCAG 2.1 AA): ``lang="nl"``, a skip link, landmarks (header, nav, main, footer),
one ``h1`` and a heading per section, text contrast of at least 4.5:1 and underline/bar contrast of at
least 3:1 (see :data:`LEVEL_COLOURS`), a visible focus ring, no information in colour alone, and a
print stylesheet (the findings list carries what the hover boxes show).
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable, Sequence

from ..types import FAMILIES as RULE_FAMILIES
from ..types import Finding, Report, SentenceScore, Severity
from . import nl_number

__all__ = ["render_html", "write_html", "html_page", "LEVEL_COLOURS", "LEVEL_WORDS", "FAMILIES",
           "CONTENT_SECURITY_POLICY"]

#: Rule families: code prefix -> Dutch name.
FAMILIES = {**{code: name.capitalize() for code, name in RULE_FAMILIES.items()},
            "LT": "Spelling en grammatica (LanguageTool)"}

#: LiNT-II level -> (sentence background, badge/bar colour). Text on the background is #1b1b1b;
#: badges have white text. Contrast is checked in tests/test_html_report.py.
LEVEL_COLOURS = {
    1: ("#e3f2e6", "#1d6b38"),
    2: ("#eef3d2", "#4f6410"),
    3: ("#fdefc8", "#8a5300"),
    4: ("#fbe0de", "#b3261e"),
}
LEVEL_WORDS = {1: "makkelijk", 2: "redelijk makkelijk", 3: "moeilijk", 4: "heel moeilijk"}
_SEVERITY_STYLE = {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.SUGGESTION: "suggestie"}

_SCORE_ROWS: tuple[tuple[str, int, str], ...] = (
    ("lint_score", 1, ""),
    ("flesch_douma", 1, ""),
    ("leesindex_brouwer", 1, ""),
    ("lix", 1, ""),
    ("mean_sentence_length", 1, "woorden"),
    ("mean_syllables_per_word", 2, "lettergrepen"),
    ("long_words_share", 0, "%"),
    ("sentences", 0, ""),
    ("words", 0, ""),
    ("reading_time_minutes", 1, "minuten"),
)

_CSS = """
:root{--tekst:#1b1b1b;--zacht:#4a4a4a;--lijn:#767676;--focus:#0b57d0;--achter:#fff;--vlak:#f4f5f7}
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--tekst);
background:var(--achter);line-height:1.6}
.skip{position:absolute;left:.5rem;top:-4rem;background:#fff;color:var(--focus);padding:.5rem 1rem;
border:2px solid var(--focus);z-index:10}
.skip:focus{top:.5rem}
header.kop,footer.voet{background:var(--vlak);border-bottom:1px solid #d0d4da;padding:1rem 1.5rem}
footer.voet{border-top:1px solid #d0d4da;border-bottom:0;color:var(--zacht);font-size:.9rem}
header.kop h1{margin:0;font-size:1.6rem}
header.kop p{margin:.25rem 0 0;color:var(--zacht)}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}
main:focus{outline:none}
nav.inhoud{max-width:60rem;margin:0 auto;padding:.75rem 1.5rem 0}
nav.inhoud ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}
p.meer{margin:.25rem 0 0}
h2{font-size:1.45rem;margin:2.5rem 0 .5rem;border-bottom:2px solid #d0d4da;padding-bottom:.25rem}
h3{font-size:1.2rem;margin:2rem 0 .5rem}
a{color:#0b4fb3}
a:focus-visible,mark.f:focus-visible,summary:focus-visible,button:focus-visible,input:focus-visible,
select:focus-visible,textarea:focus-visible,main:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
mark.f:focus{outline:3px solid var(--focus);outline-offset:2px}
.kaart{border:1px solid #d0d4da;border-radius:.5rem;padding:1rem 1.25rem;margin:1rem 0;background:#fff}
.niveau-groot{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.niveau-groot .getal{font-size:2.2rem;font-weight:700;color:#fff;border-radius:.5rem;padding:.1rem .9rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d0d4da;vertical-align:top}
th[scope=col]{border-bottom:2px solid var(--lijn)}
td.getal{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.uitleg{color:var(--zacht)}
.legenda{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem}
.legenda li{display:flex;align-items:center;gap:.4rem}
.tekst{font-size:1.05rem}
.tekst p,.tekst li{margin:.6rem 0}
.tekst .blok-cel{padding-left:.75rem;border-left:3px solid #d0d4da}
.tekst h4,.tekst h5,.tekst h6{margin:1.25rem 0 .4rem;font-size:1.1rem}
.zin{border-radius:.2rem;padding:.05rem 0;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.n1{background:#e3f2e6}.n2{background:#eef3d2}.n3{background:#fdefc8}
.n4{background-color:#fbe0de;background-image:repeating-linear-gradient(135deg,transparent 0 6px,
rgba(179,38,30,.13) 6px 8px)}
.niv{display:inline-block;min-width:1.15em;text-align:center;font-size:.72em;font-weight:700;line-height:1.35;
color:#fff;border-radius:.6em;padding:0 .3em;margin-right:.25em;vertical-align:.12em}
.b1{background:#1d6b38}.b2{background:#4f6410}.b3{background:#8a5300}.b4{background:#b3261e}
.b0{background:#5f6368}
mark.f{background:transparent;color:inherit;position:relative;text-decoration-line:underline;
text-decoration-thickness:2px;text-underline-offset:.22em;cursor:help}
mark.fout{text-decoration-style:solid;text-decoration-color:#b3261e}
mark.waarschuwing{text-decoration-style:wavy;text-decoration-color:#a34700}
mark.suggestie{text-decoration-style:dotted;text-decoration-color:#0b57d0;text-decoration-thickness:3px}
mark.meer{text-decoration-thickness:3px}
.tip{display:none;position:absolute;left:0;top:100%;z-index:5;width:max-content;max-width:min(26rem,80vw);
background:#1b1b1b;color:#fff;padding:.55rem .75rem;border-radius:.4rem;font-size:.92rem;line-height:1.45;
font-weight:400;text-align:left;white-space:normal;box-shadow:0 2px 8px rgba(0,0,0,.3)}
.tip .een+.een{display:block;margin-top:.4rem;padding-top:.4rem;border-top:1px solid #777}
.tip .een{display:block}
.tip b{color:#fff}
.tip .beter{display:block;color:#d7f5dd}
mark.f:hover>.tip,mark.f:focus>.tip,mark.f:focus-within>.tip{display:block}
mark.f.dicht>.tip{display:none}
.vh{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);
white-space:nowrap;border:0}
ol.opmerkingen{padding-left:1.6rem}
ol.opmerkingen li{margin:.9rem 0;padding-left:.25rem}
.plek{font-weight:600}
.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.95em}
.ernst{display:inline-block;border:1px solid currentColor;border-radius:.3rem;padding:0 .35rem;font-size:.85rem}
.ernst.fout{color:#b3261e}.ernst.waarschuwing{color:#8f3e00}.ernst.suggestie{color:#0b57d0}
blockquote.zinnetje{margin:.3rem 0 0;padding:.2rem .75rem;border-left:3px solid #d0d4da;color:var(--zacht)}
blockquote.zinnetje strong{color:var(--tekst);text-decoration:underline}
figure{margin:1rem 0}
figure svg{width:100%;height:auto;border:1px solid #d0d4da;border-radius:.4rem;background:#fff}
figcaption{color:var(--zacht);margin-top:.4rem}
details{margin:.5rem 0}
summary{cursor:pointer;color:#0b4fb3}
.waarschuwingen{border-left:4px solid #8a5300;background:#fff8e6;padding:.5rem 1rem}
.fouten{border-left:4px solid #b3261e;background:#fdecea;padding:.5rem 1rem}
form.controle{display:grid;gap:1rem}
form.controle label{font-weight:600;display:block;margin-bottom:.25rem}
form.controle textarea{width:100%;min-height:12rem;font:inherit;padding:.5rem;border:1px solid var(--lijn);
border-radius:.3rem}
form.controle select,form.controle input[type=file]{font:inherit;padding:.3rem;border:1px solid var(--lijn);
border-radius:.3rem;background:#fff}
form.controle .hint{color:var(--zacht);font-size:.92rem;margin:.2rem 0 0}
button.knop,a.knop{font:inherit;font-weight:600;background:#0b57d0;color:#fff;border:0;border-radius:.35rem;
padding:.6rem 1.2rem;cursor:pointer;justify-self:start;display:inline-block;text-decoration:none}
button.knop:hover,a.knop:hover{background:#0842a0}
@media (prefers-reduced-motion:reduce){*{transition:none!important}}
@media print{
.skip,.tip,nav.inhoud,form.controle,.niet-printen{display:none!important}
body{font-size:10.5pt;line-height:1.45}
header.kop,footer.voet{background:none;border:0;padding:0 0 .5rem}
main{max-width:none;padding:0}
.zin,.niv,.n4,.niveau-groot .getal,svg{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h2{break-before:page}
section.document:first-of-type h2{break-before:auto}
h2,h3,h4{break-after:avoid}
tr,li,figure{break-inside:avoid}
a{color:inherit;text-decoration:none}
mark.f[data-nr]::after{content:" [" attr(data-nr) "]";font-size:.75em;vertical-align:super;font-weight:600}
}
"""

# closes the hover/focus box with Escape (WCAG 1.4.13); the page works without it
_SCRIPT = """(function(){
function close(m){if(m){m.classList.add('dicht');}}
document.addEventListener('keydown',function(e){
if(e.key!=='Escape'&&e.key!=='Esc'){return;}
var a=document.activeElement;if(a&&a.classList&&a.classList.contains('f')){close(a);}
var h=document.querySelectorAll('mark.f:hover');for(var i=0;i<h.length;i++){close(h[i]);}
});
document.addEventListener('focusin',function(e){var t=e.target;
if(t&&t.classList&&t.classList.contains('f')){t.classList.remove('dicht');}});
document.addEventListener('mouseover',function(e){var m=e.target&&e.target.closest?e.target.closest('mark.f'):null;
if(m&&!(e.relatedTarget&&m.contains(e.relatedTarget))){m.classList.remove('dicht');}});
})();"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


#: The page's own policy: nothing from the network, only this stylesheet and this script.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src {_hash(_CSS)}; script-src {_hash(_SCRIPT)}; img-src data:; "
    "form-action 'self'; base-uri 'none'"
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


# ── page frame ───────────────────────────────────────────────────────────────────────────────

def html_page(title: str, body: str, *, subtitle: str = "", nav: str = "") -> str:
    """A complete page with helder's style: header, optional nav, ``main`` with ``body`` (trusted HTML)."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_SECURITY_POLICY)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="generator" content="helder">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#inhoud">Ga direct naar de inhoud</a>',
        '<header class="kop">',
        f"<h1>{_e(title)}</h1>",
        f"<p>{_e(subtitle)}</p>" if subtitle else "",
        "</header>",
        nav,
        '<main id="inhoud" tabindex="-1">',
        body,
        "</main>",
        '<footer class="voet"><p>Gemaakt met helder: controle op heldere taal (B1). De scores zijn een '
        "hulpmiddel. Lees de tekst ook zelf en laat hem lezen door iemand uit de doelgroep.</p></footer>",
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


# ── positions: source offsets back to the plain text ────────────────────────────────────────

class _PlainIndex:
    """Maps source offsets (of Spans) back to offsets in the document's plain text."""

    def __init__(self, document) -> None:
        segments = sorted(document.offsets.segments(), key=lambda s: (s[1], s[0]))
        self._segments = segments
        self._starts = [s[1] for s in segments]
        self._text_len = len(document.text)

    def plain(self, source_offset: int, *, end: bool = False) -> int:
        segs = self._segments
        if not segs:
            return 0
        i = bisect.bisect_right(self._starts, source_offset) - 1
        if end:
            # an end offset belongs to the segment that ends at or after it
            j = bisect.bisect_left(self._starts, source_offset) - 1
            if j >= 0:
                p, s, n, sn = segs[j]
                if source_offset <= s + sn:
                    return p + (source_offset - s if n == sn else n)
                return p + n
            return 0
        if i >= 0:
            p, s, n, sn = segs[i]
            if source_offset < s + sn:
                return p + (source_offset - s if n == sn else 0)
        if i + 1 < len(segs):
            return segs[i + 1][0]
        return self._text_len


# ── one document ─────────────────────────────────────────────────────────────────────────────

@dataclass
class _Piece:
    finding: Finding
    number: int  # 1-based number in the findings list
    start: int  # plain offsets
    end: int


def _location_word(fmt: str) -> str:
    return "alinea" if fmt in ("docx", "odt", "pdf") else "regel"


def _place(document, finding: Finding) -> str:
    word = _location_word(getattr(document, "format", "text") if document is not None else "text")
    text = f"{word.capitalize()} {finding.span.line}"
    if document is not None and getattr(document, "format", "") == "pdf":
        from ..documents.office import page_of

        page = page_of(document, finding.span.line)
        if page:
            text = f"Pagina {page}, {word} {finding.span.line}"
    elif word == "regel":
        text += f", teken {finding.span.column}"
    return text


def _family(code: str) -> str:
    if code.upper().startswith("LT"):
        return "LT"
    return code[:2].upper()


def _tip(finding: Finding, tip_id: str | None) -> str:
    id_attr = f' id="{tip_id}"' if tip_id else ""
    sev = finding.severity.dutch
    out = [f'<span class="een"{id_attr}><b>{_e(finding.code)}</b> ({_e(sev)}): {_e(finding.message)}']
    if finding.replacements:
        better = " / ".join(finding.replacements[:5])
        out.append(f'<span class="beter">Beter: {_e(better)}</span>')
    out.append("</span>")
    return "".join(out)


class _DocumentView:
    def __init__(self, report: Report, document, index: int) -> None:
        self.report = report
        self.document = document
        self.index = index
        self.prefix = f"d{index}"
        self.text: str = document.text if document is not None else "\n\n".join(s.text for s in report.sentences)
        self.sentences: list[tuple[int, int, SentenceScore]] = []
        self.pieces: list[_Piece] = []
        if document is not None:
            idx = _PlainIndex(document)
            for s in report.sentences:
                a = idx.plain(s.span.start)
                b = max(a, idx.plain(s.span.end, end=True))
                self.sentences.append((a, b, s))
            for n, f in enumerate(report.findings, 1):
                a = idx.plain(f.span.start)
                b = max(a, idx.plain(f.span.end, end=True))
                self.pieces.append(_Piece(f, n, a, b))
        else:  # no document: the sentences one after another, findings not placed
            pos = 0
            for s in report.sentences:
                self.sentences.append((pos, pos + len(s.text), s))
                pos += len(s.text) + 2
        self.sentences.sort(key=lambda t: (t[0], t[1]))
        for piece in self.pieces:
            if piece.start == piece.end:  # a finding about a place: show it on its sentence
                for a, b, _s in self.sentences:
                    if a <= piece.start <= b and b > a:
                        piece.start, piece.end = a, b
                        break
        self.blocks = self._blocks()

    def _blocks(self) -> list[tuple[str, int, int, int]]:
        blocks = list(getattr(self.document, "blocks", ()) or ())
        if blocks:
            return [(b.kind, b.level, b.start, b.end) for b in blocks]
        out = []
        for m in re.finditer(r"[^\n](?:.*?[^\n])?(?=\n\s*\n|\Z)", self.text, re.S):
            out.append(("paragraph", 0, m.start(), m.end()))
        return out or [("paragraph", 0, 0, len(self.text))]

    def sid(self, sentence: SentenceScore) -> str:
        return f"{self.prefix}-z{sentence.index + 1}"

    def fid(self, number: int) -> str:
        return f"{self.prefix}-f{number}"

    # -- the text ---------------------------------------------------------------------------------
    def render_text(self) -> str:
        out = ['<div class="tekst">']
        open_list = False
        anchored: set[int] = set()
        for kind, level, start, end in self.blocks:
            inner = self._render_range(start, end, anchored)
            if kind == "list_item":
                if not open_list:
                    out.append("<ul>")
                    open_list = True
                out.append(f"<li>{inner}</li>")
                continue
            if open_list:
                out.append("</ul>")
                open_list = False
            if kind == "heading":
                h = min(6, 3 + max(1, level))
                out.append(f"<h{h}>{inner}</h{h}>")
            elif kind == "table_cell":
                out.append(f'<p class="blok-cel">{inner}</p>')
            elif kind == "quote":
                out.append(f"<blockquote><p>{inner}</p></blockquote>")
            else:
                out.append(f"<p>{inner}</p>")
        if open_list:
            out.append("</ul>")
        out.append("</div>")
        return "\n".join(out)

    def _render_range(self, start: int, end: int, anchored: set[int]) -> str:
        cuts = {start, end}
        for a, b, _s in self.sentences:
            if a < end and b > start:
                cuts.update(x for x in (a, b) if start < x < end)
        for p in self.pieces:
            if p.start < end and p.end > start:
                cuts.update(x for x in (p.start, p.end) if start < x < end)
        points = sorted(cuts)
        out: list[str] = []
        current_sentence: SentenceScore | None = None
        starts = [a for a, _b, _s in self.sentences]
        for a, b in zip(points, points[1:]):
            if a >= b:
                continue
            i = bisect.bisect_right(starts, a) - 1
            sentence = None
            if i >= 0 and self.sentences[i][0] <= a < self.sentences[i][1]:
                sentence = self.sentences[i][2]
            if sentence is not current_sentence:
                if current_sentence is not None:
                    out.append("</span>")
                if sentence is not None:
                    out.append(self._open_sentence(sentence))
                current_sentence = sentence
            active = [p for p in self.pieces if p.start <= a and p.end >= b]
            out.append(self._segment(self.text[a:b], active, anchored))
        if current_sentence is not None:
            out.append("</span>")
        return "".join(out)

    def _open_sentence(self, s: SentenceScore) -> str:
        level = s.lint_level
        number = s.index + 1
        if level in LEVEL_COLOURS:
            label = f"Zin {number}: niveau {level}, {LEVEL_WORDS[level]}. "
            return (f'<span class="zin n{level}" id="{self.sid(s)}" data-niveau="{level}">'
                    f'<span class="niv b{level}" aria-hidden="true" title="{_e(label.strip())}">{level}</span>'
                    f'<span class="vh">{_e(label)}</span>')
        return f'<span class="zin" id="{self.sid(s)}">'

    def _segment(self, text: str, active: list[_Piece], anchored: set[int]) -> str:
        escaped = _e(text).replace("\n", "<br>")
        if not active:
            return escaped
        new = [p for p in active if p.number not in anchored]
        worst = max(p.finding.severity for p in active)
        classes = ["f", _SEVERITY_STYLE[worst]]
        if len(active) > 1:
            classes.append("meer")
        tips = []
        for p in sorted(active, key=lambda p: p.number):
            tips.append(_tip(p.finding, f"{self.fid(p.number)}-uitleg" if p in new else None))
        attrs = [f'class="{" ".join(classes)}"', f'data-codes="{_e(" ".join(p.finding.code for p in active))}"']
        if new:
            anchored.update(p.number for p in new)
            attrs.append(f'id="{self.fid(new[0].number)}"')
            attrs.append(f'data-nr="{",".join(str(p.number) for p in new)}"')
            attrs.append('tabindex="0"')
            attrs.append(f'aria-describedby="{" ".join(self.fid(p.number) + "-uitleg" for p in new)}"')
            extra_ids = "".join(f'<span id="{self.fid(p.number)}" class="vh"></span>' for p in new[1:])
        else:
            extra_ids = ""
        return (f'<mark {" ".join(attrs)}>{extra_ids}{escaped}'
                f'<span class="tip" role="tooltip">{"".join(tips)}</span></mark>')

    # -- summary ----------------------------------------------------------------------------------
    def render_summary(self) -> str:
        r = self.report
        out = [f'<h3 id="{self.prefix}-samenvatting">Samenvatting</h3>']
        level = r.metric("lint_level")
        lint = r.metrics.get("lint_level")
        out.append('<div class="kaart">')
        if isinstance(level, (int, float)) and int(level) in LEVEL_COLOURS:
            lv = int(level)
            out.append('<div class="niveau-groot">'
                       f'<span class="getal b{lv}" aria-hidden="true">{lv}</span>'
                       f'<p><strong>LiNT-II niveau {lv} van 4: {_e(LEVEL_WORDS[lv])}.</strong><br>'
                       f"{_e(lint.interpretation if lint else '')}</p></div>")
        else:
            why = lint.interpretation if lint is not None and lint.interpretation else ""
            out.append(f"<p><strong>Geen LiNT-II niveau voor deze tekst.</strong> {_e(why)}</p>")
        out.append(f'<p class="oordeel">{self._target()}</p>')
        out.append(f"<p>{self._count_sentence()}</p>")
        out.append("</div>")
        out.append(self._family_table())
        out.append(self._level_legend())
        out.append(self._score_table())
        if r.warnings:
            out.append('<div class="waarschuwingen"><p><strong>Let op:</strong></p><ul>'
                       + "".join(f"<li>{_e(w)}</li>" for w in r.warnings) + "</ul></div>")
        return "\n".join(out)

    def _target(self) -> str:
        """The verdict in plain words (the same one as LB004 and the other outputs), with its caveat."""
        from .. import verdict

        v = verdict.for_report(self.report)
        text = f"Profiel: <strong>{_e(v.profile)}</strong>. " if v.profile else ""
        if v.estimate is None:
            why = v.reason.removeprefix("Geen schatting: ")
            text += f"<strong>Geen schatting van het taalniveau.</strong> {_e(why[:1].upper() + why[1:])}"
        else:
            pct = round(100 * (v.probability or 0.0))
            text += (f"<strong>Taalniveau: waarschijnlijk {_e(v.estimate)}.</strong> De kans dat de tekst B1 of "
                     f"makkelijker is, is {pct} %.")
        if v.target:
            text += f" Doel voor dit soort tekst: {_e(v.target)} of makkelijker"
            if v.meets_target is not None:
                text += " (gehaald)." if v.meets_target else " (nog niet gehaald)."
            else:
                text += "."
        return text + f" <em>{_e(verdict.CAVEAT)}</em>"

    def _count_sentence(self) -> str:
        counts = {lv: 0 for lv in LEVEL_COLOURS}
        for s in self.report.sentences:
            if s.lint_level in counts:
                counts[s.lint_level] += 1
        total = len(self.report.sentences)
        hard = counts[3] + counts[4]
        n = len(self.report.findings)
        parts = [f"{total} {'zin' if total == 1 else 'zinnen'}"]
        if hard:
            parts.append(f"waarvan {hard} moeilijk (niveau 3 of 4)")
        text = ", ".join(parts) + f". {n} {'opmerking' if n == 1 else 'opmerkingen'}."
        return _e(text)

    def _level_legend(self) -> str:
        from ..metrics.formulas import LINT_LEVEL_DIFFICULTY

        items = []
        for lv, word in LEVEL_WORDS.items():
            share = LINT_LEVEL_DIFFICULTY.get(lv)
            items.append(f'<li><span class="niv b{lv}" aria-hidden="true">{lv}</span>'
                         f"<span>Niveau {lv}: {_e(word)} (ongeveer {share} % van de volwassenen heeft er "
                         "moeite mee)</span></li>")
        return ('<h4 id="' + self.prefix + '-betekenis">Wat betekenen de niveaus?</h4>'
                '<p class="uitleg">LiNT-II voorspelt hoe moeilijk een tekst is, van niveau 1 (makkelijk) tot '
                "niveau 4 (heel moeilijk). In de tekst hieronder staat voor elke zin het niveau als getal, "
                "met een achtergrondkleur. Onderstreepte woorden hebben een opmerking: ga erop staan met de "
                "muis of ga ernaartoe met Tab.</p>"
                f'<ul class="legenda">{"".join(items)}</ul>'
                '<p class="uitleg">Een zin zonder getal heeft geen score: hij is te kort of heeft geen '
                "werkwoord of zelfstandig naamwoord.</p>")

    def _score_table(self) -> str:
        rows = []
        for name, decimals, unit in _SCORE_ROWS:
            m = self.report.metrics.get(name)
            if m is None:
                continue
            v = m.value
            if v is not None and unit == "%" and v <= 1:
                v = 100 * v
            value = nl_number(v, decimals) if v is not None else "niet beschikbaar"
            if v is not None and unit:
                value += " %" if unit == "%" else f" {unit}"
            rows.append(f'<tr><th scope="row">{_e(m.label)}</th><td class="getal">{_e(value)}</td>'
                        f"<td>{_e(m.interpretation)}</td></tr>")
        if not rows:
            return ""
        return (f'<h4 id="{self.prefix}-scores">Scores van de hele tekst</h4>'
                '<table><thead><tr><th scope="col">Score</th><th scope="col">Waarde</th>'
                '<th scope="col">Wat betekent het?</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")

    def _family_table(self) -> str:
        counts = {key: {s: 0 for s in Severity} for key in FAMILIES}
        for f in self.report.findings:
            family = _family(f.code)
            counts.setdefault(family, {s: 0 for s in Severity})[f.severity] += 1
        rows = []
        for family, by_severity in counts.items():
            name = FAMILIES.get(family, family)
            total = sum(by_severity.values())
            cells = "".join(f'<td class="getal">{by_severity[s]}</td>' for s in sorted(Severity, reverse=True))
            rows.append(f'<tr><th scope="row"><span class="code">{_e(family)}</span> {_e(name)}</th>'
                        f'<td class="getal">{total}</td>{cells}</tr>')
        head = "".join(f'<th scope="col">{_e(_plural(s))}</th>' for s in sorted(Severity, reverse=True))
        return (f'<h4 id="{self.prefix}-soorten">Opmerkingen per soort</h4>'
                f'<table><thead><tr><th scope="col">Soort regel</th><th scope="col">Totaal</th>{head}</tr></thead>'
                "<tbody>" + "".join(rows) + "</tbody></table>")

    # -- chart ------------------------------------------------------------------------------------
    def render_chart(self) -> str:
        sentences = self.report.sentences
        out = [f'<h3 id="{self.prefix}-verloop">Moeilijkheid per zin</h3>']
        if not sentences:
            out.append("<p>Deze tekst heeft geen zinnen.</p>")
            return "\n".join(out)
        width, height = 800, 240
        left, right, top, bottom = 70, 10, 12, 38
        plot_w, plot_h = width - left - right, height - top - bottom
        n = len(sentences)
        step = plot_w / n
        bar = max(0.6, step * 0.8)
        title_id, desc_id = f"{self.prefix}-grafiek-titel", f"{self.prefix}-grafiek-uitleg"
        svg = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
               f'aria-labelledby="{title_id} {desc_id}" focusable="false">',
               f'<title id="{title_id}">LiNT-II-score per zin, van het begin tot het eind van de tekst</title>',
               f'<desc id="{desc_id}">{_e(self._chart_summary())}</desc>']

        def y(score: float) -> float:
            return top + plot_h * (1 - min(100.0, max(0.0, score)) / 100)

        bands = [(0, 34, 1), (34, 46, 2), (46, 58, 3), (58, 100, 4)]
        for low, high, lv in bands:
            svg.append(f'<rect x="{left}" y="{y(high):.1f}" width="{plot_w}" height="{y(low) - y(high):.1f}" '
                       f'fill="{LEVEL_COLOURS[lv][0]}"/>')
            svg.append(f'<text x="{left - 6}" y="{(y(low) + y(high)) / 2 + 4:.1f}" text-anchor="end" '
                       f'font-size="12" fill="#1b1b1b">niveau {lv}</text>')
        for boundary in (34, 46, 58):
            svg.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(boundary):.1f}" y2="{y(boundary):.1f}" '
                       'stroke="#767676" stroke-width="1" stroke-dasharray="4 3"/>')
        for i, s in enumerate(sentences):
            x = left + i * step + (step - bar) / 2
            if s.lint_score is None or s.lint_level not in LEVEL_COLOURS:
                svg.append(f'<rect x="{x:.2f}" y="{y(0) - 3:.1f}" width="{bar:.2f}" height="3" fill="#5f6368">'
                           f"<title>Zin {i + 1}: geen score</title></rect>")
                continue
            colour = LEVEL_COLOURS[s.lint_level][1]
            svg.append(f'<rect x="{x:.2f}" y="{y(s.lint_score):.1f}" width="{bar:.2f}" '
                       f'height="{y(0) - y(s.lint_score):.1f}" fill="{colour}">'
                       f"<title>Zin {i + 1}: niveau {s.lint_level} (score {nl_number(s.lint_score, 0)})</title></rect>")
        svg.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#1b1b1b"/>')
        svg.append(f'<text x="{left}" y="{height - 12}" font-size="12" fill="#1b1b1b">zin 1</text>')
        svg.append(f'<text x="{left + plot_w}" y="{height - 12}" font-size="12" text-anchor="end" '
                   f'fill="#1b1b1b">zin {n}</text>')
        svg.append(f'<text x="{left + plot_w / 2}" y="{height - 12}" font-size="12" text-anchor="middle" '
                   'fill="#1b1b1b">van begin tot eind</text>')
        svg.append("</svg>")
        out.append("<figure>" + "".join(svg) + f"<figcaption>{_e(self._chart_summary())}</figcaption></figure>")
        out.append(self._sentence_table())
        return "\n".join(out)

    def _chart_summary(self) -> str:
        scored = [s for s in self.report.sentences if s.lint_score is not None and s.lint_level]
        total = len(self.report.sentences)
        if not scored:
            return f"{total} zinnen; geen enkele zin heeft een LiNT-II-score."
        counts = {lv: sum(1 for s in scored if s.lint_level == lv) for lv in LEVEL_COLOURS}
        text = (f"Elke staaf is een zin, van links (begin) naar rechts (eind); hoe hoger, hoe moeilijker. "
                f"{total} zinnen: {counts[1]} op niveau 1, {counts[2]} op niveau 2, {counts[3]} op niveau 3 en "
                f"{counts[4]} op niveau 4.")
        hardest = sorted(scored, key=lambda s: -(s.lint_score or 0))[:3]
        hardest = [s for s in hardest if (s.lint_level or 0) >= 3]
        if hardest:
            text += " Moeilijkste zinnen: " + ", ".join(
                f"zin {s.index + 1} (niveau {s.lint_level})" for s in sorted(hardest, key=lambda s: s.index)) + "."
        return text

    def _sentence_table(self) -> str:
        rows = []
        for s in self.report.sentences:
            level = str(s.lint_level) if s.lint_level else "-"
            score = nl_number(s.lint_score, 0) if s.lint_score is not None else "-"
            short = s.text if len(s.text) <= 90 else s.text[:87].rstrip() + " …"
            link = f'<a href="#{self.sid(s)}">{s.index + 1}</a>' if self.document is not None else str(s.index + 1)
            rows.append(f'<tr><td class="getal">{link}</td><td class="getal">{level}</td>'
                        f'<td class="getal">{score}</td><td>{_e(short)}</td></tr>')
        return ('<details class="niet-printen"><summary>Toon de scores per zin als tabel</summary>'
                '<table><thead><tr><th scope="col">Zin</th><th scope="col">Niveau</th><th scope="col">Score</th>'
                '<th scope="col">Begin van de zin</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></details>")

    # -- findings list ---------------------------------------------------------------------------
    def render_findings(self) -> str:
        out = [f'<h3 id="{self.prefix}-opmerkingen">Alle opmerkingen</h3>']
        if not self.pieces and not self.report.findings:
            out.append("<p>Geen opmerkingen. Goed gedaan!</p>")
            return "\n".join(out)
        items = []
        for n, f in enumerate(self.report.findings, 1):
            piece = self.pieces[n - 1] if self.pieces else None
            place = _e(_place(self.document, f))
            if piece is not None:
                place = f'<a class="plek" href="#{self.fid(n)}">{place}</a>'
            else:
                place = f'<span class="plek">{place}</span>'
            sev = _SEVERITY_STYLE[f.severity]
            parts = [f'<li id="{self.fid(n)}-lijst">{place} · <span class="code">{_e(f.code)}</span> '
                     f'{_e(f.name)} · <span class="ernst {sev}">{_e(f.severity.dutch)}</span><br>'
                     f"{_e(f.message)}"]
            if f.replacements:
                parts.append(f"<br>Beter: {_e(' / '.join(f.replacements[:5]))}")
            quote = self._quote(piece) if piece is not None else ""
            if quote:
                parts.append(f'<blockquote class="zinnetje">{quote}</blockquote>')
            if f.link:
                parts.append(f'<p class="meer"><a href="{_e(f.link)}" rel="noreferrer">Meer uitleg over '
                             f'{_e(f.code)}<span class="vh"> (externe website)</span></a></p>')
            parts.append("</li>")
            items.append("".join(parts))
        out.append('<ol class="opmerkingen">' + "\n".join(items) + "</ol>")
        return "\n".join(out)

    def _quote(self, piece: _Piece) -> str:
        """The sentence around a finding, with the words of the finding in bold."""
        a, b = piece.start, piece.end
        sa, sb = a, b
        for s_a, s_b, _s in self.sentences:
            if s_a <= a < s_b or (a == b and s_a <= a <= s_b):
                sa, sb = s_a, max(s_b, b)
                break
        if sb - sa > 400:
            return ""
        before, inside, after = self.text[sa:a], self.text[a:b], self.text[b:sb]
        if not inside.strip():
            return _e(self.text[sa:sb])
        return f"{_e(before)}<strong>{_e(inside)}</strong>{_e(after)}"

    # -- whole section ---------------------------------------------------------------------------
    def render(self, heading_level: int = 2) -> str:
        name = self.report.path if self.report.path != "-" else "Tekst"
        h = f"h{heading_level}"
        parts = [f'<section class="document" aria-labelledby="{self.prefix}-titel">',
                 f'<{h} id="{self.prefix}-titel">{_e(name)}</{h}>',
                 self.render_summary(),
                 self.render_chart(),
                 f'<h3 id="{self.prefix}-tekst">De tekst</h3>',
                 self.render_text(),
                 self.render_findings(),
                 "</section>"]
        return "\n".join(parts)


def _plural(s: Severity) -> str:
    return {Severity.SUGGESTION: "Suggesties", Severity.WARNING: "Waarschuwingen", Severity.ERROR: "Fouten"}[s]


def _pair(reports: Sequence[Report], documents: Sequence) -> list[tuple[Report, object]]:
    by_path: dict[str, list] = {}
    for d in documents:
        by_path.setdefault(d.path, []).append(d)
    out = []
    for i, r in enumerate(reports):
        candidates = by_path.get(r.path) or []
        if candidates:
            out.append((r, candidates.pop(0)))
        elif len(documents) == len(reports):
            out.append((r, documents[i]))
        else:
            out.append((r, None))
    return out


def render_html(reports: Sequence[Report], documents: Sequence, *, title: str | None = None,
                errors: Iterable[tuple[str, str]] = (), before: str = "") -> str:
    """One self-contained HTML page for ``reports`` (with their ``documents``, matched by path).

    ``errors``: ``(path, message)`` for files that could not be read; ``before``: trusted HTML put at
    the top of the main content (the form of ``helder serve``).
    """
    reports = list(reports)
    pairs = _pair(reports, list(documents))
    if title is None:
        if len(reports) == 1:
            name = reports[0].path if reports[0].path != "-" else "tekst"
            title = f"helder-rapport: {name}"
        else:
            title = "helder-rapport"
    subtitle = "Waar is deze tekst moeilijk, en wat kan beter? Gemaakt op " + datetime.now().strftime("%d-%m-%Y om %H:%M") + "."
    body: list[str] = [before] if before else []
    errors = list(errors)
    if errors:
        body.append('<div class="fouten" role="alert"><p><strong>Niet gelezen:</strong></p><ul>'
                    + "".join(f"<li>{_e(msg)}</li>" for _p, msg in errors) + "</ul></div>")
    views = [_DocumentView(r, d, i) for i, (r, d) in enumerate(pairs, 1)]
    nav = ""
    if len(views) > 1:
        rows = []
        for v in views:
            from .. import verdict

            est = verdict.for_report(v.report)
            level = (f"waarschijnlijk {est.estimate}" if est.estimate else "geen schatting van het taalniveau") + (
                "" if est.meets_target is None else (" (doel gehaald)" if est.meets_target else " (doel niet gehaald)"))
            n = len(v.report.findings)
            rows.append(f'<li><a href="#{v.prefix}-titel">{_e(v.report.path)}</a>: {level}, '
                        f"{n} {'opmerking' if n == 1 else 'opmerkingen'}</li>")
        nav = ('<nav class="inhoud" aria-label="Bestanden in dit rapport">'
               f'<h2 class="vh">Bestanden</h2><ul>{"".join(rows)}</ul></nav>')
    elif views:
        v = views[0]
        nav = ('<nav class="inhoud" aria-label="Op deze pagina"><ul>'
               f'<li><a href="#{v.prefix}-samenvatting">Samenvatting</a></li>'
               f'<li><a href="#{v.prefix}-verloop">Moeilijkheid per zin</a></li>'
               f'<li><a href="#{v.prefix}-tekst">De tekst</a></li>'
               f'<li><a href="#{v.prefix}-opmerkingen">Alle opmerkingen</a></li></ul></nav>')
    for v in views:
        body.append(v.render())
    if not views and not errors and not before:
        body.append("<p>Er is niets om te tonen.</p>")
    return html_page(title, "\n".join(body), subtitle=subtitle, nav=nav)


def write_html(reports: Sequence[Report], documents: Sequence, path: str | Path, **kwargs) -> None:
    """Write :func:`render_html` to ``path`` (UTF-8). Raises HelderError with Dutch text on failure."""
    from ..fileio import valid_utf8, write_atomic

    page = render_html(reports, documents, **kwargs)
    write_atomic(Path(path), valid_utf8(page))
