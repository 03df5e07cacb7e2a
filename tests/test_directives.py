"""Inline directives (``<!-- helder: uit/aan/negeer … -->``): they silence findings of every kind
(helder rules and LanguageTool), beat the configuration and the command line, and a directive that
silences nothing is reported as ST010 at its own line."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.parse
from pathlib import Path

import pytest
from local_http import LocalServer, send_json

from helder import directives
from helder.cli import main
from helder.documents import from_string
from helder.types import Finding, Severity, Span


def run_check(tmp_path: Path, capsys, text: str, *args: str, name: str = "tekst.md", model=None):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    argv = ["check", "--no-config", "--format", "json", *args, str(path)]
    if model:
        argv[1:1] = ["--model", model]
    code = main(argv)
    out = capsys.readouterr()
    data = json.loads(out.out)
    findings = data["files"][0]["findings"] if data["files"] else []
    return code, findings, out.err


def where(findings, code):
    return [(f["line"], f["column"]) for f in findings if f["code"] == code]


# ── switching off and on ────────────────────────────────────────────────────────────────────

def test_off_and_on_for_all_rules(tmp_path, capsys, model_option):
    text = ("Indien u vragen heeft, bel ons.\n\n"
            "<!-- helder: uit -->\n\n"
            "Indien u vragen heeft, mail ons.\n\n"
            "<!-- helder: aan -->\n\n"
            "Indien u wilt, kom dan langs.\n")
    code, findings, _ = run_check(tmp_path, capsys, text, model=model_option)
    assert where(findings, "WK001") == [(1, 1), (9, 1)]
    assert not where(findings, "ST010")
    assert code == 1


def test_off_for_a_family_and_on_for_one_code(tmp_path, capsys, model_option):
    text = ("<!-- helder: uit WK -->\n\n"
            "Indien men vragen heeft, bel ons.\n\n"          # line 3: WK001 and WK008 off
            "<!-- helder: aan WK008 -->\n\n"
            "Indien men vragen heeft, mail ons.\n\n"         # line 7: WK008 back on, WK001 still off
            "<!-- helder: aan -->\n\n"
            "Indien men wil, kan men langskomen.\n")         # line 11: everything on again
    _, findings, _ = run_check(tmp_path, capsys, text, model=model_option)
    assert where(findings, "WK001") == [(11, 1)]
    assert [line for line, _ in where(findings, "WK008")] == [7, 11, 11]
    assert not where(findings, "ST010")


def test_ignore_next_paragraph_only(tmp_path, capsys, model_option):
    text = ("<!-- helder: negeer WK001 -->\n"
            "Indien men vragen heeft, bel ons.\n\n"
            "Indien u wilt, kom dan langs.\n")
    _, findings, _ = run_check(tmp_path, capsys, text, model=model_option)
    assert where(findings, "WK001") == [(4, 1)]
    assert where(findings, "WK008") == [(2, 8)]  # another code in the same paragraph stays


@pytest.mark.parametrize("name, text, line", [
    ("tekst.html", "<p><!-- helder: negeer WK001 -->Indien u vragen heeft, bel ons.</p>\n"
                   "<p>Indien u wilt, kom dan langs.</p>\n", 2),
    ("tekst.txt", "<!-- helder: negeer WK001 -->\nIndien u vragen heeft, bel ons.\n\n"
                  "Indien u wilt, kom dan langs.\n", 4),
])
def test_ignore_next_in_html_and_plain_text(tmp_path, capsys, model_option, name, text, line):
    _, findings, _ = run_check(tmp_path, capsys, text, "-p", "brief", name=name, model=model_option)
    assert [ln for ln, _ in where(findings, "WK001")] == [line]
    assert not where(findings, "ST010")


def test_directive_beats_the_command_line_and_the_configuration(tmp_path, capsys, model_option):
    (tmp_path / "helder.toml").write_text('select = ["WK001"]\n[severity]\nWK001 = "error"\n', encoding="utf-8")
    text = "<!-- helder: negeer WK001 -->\nIndien u vragen heeft, bel ons.\n\nIndien u wilt, bel.\n"
    path = tmp_path / "tekst.md"
    path.write_text(text, encoding="utf-8")
    argv = ["check", "--format", "json", "--select", "WK001", str(path)]
    if model_option:
        argv[1:1] = ["--model", model_option]
    code = main(argv)
    data = json.loads(capsys.readouterr().out)
    found = data["files"][0]["findings"]
    assert [(f["code"], f["line"], f["severity"]) for f in found] == [("WK001", 4, "error")]
    assert code == 1


# ── unused directives (ST010) ────────────────────────────────────────────────────────────────

def test_unused_directive_is_reported_at_its_place(tmp_path, capsys, model_option):
    text = "# Afval\n\n<!-- helder: negeer ZB001 -->\nWij halen het afval op maandag op.\n"
    code, findings, _ = run_check(tmp_path, capsys, text, model=model_option)
    st = [f for f in findings if f["code"] == "ST010"]
    assert len(st) == 1
    f = st[0]
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 1, 3, 30)  # end column just after "-->"
    assert f["match"] == "<!-- helder: negeer ZB001 -->"
    assert "zet geen opmerking uit" in f["message"] and "<!-- helder: negeer ZB001 -->" in f["message"]
    assert f["severity"] == "warning" and code == 1


def test_unknown_code_and_stray_on_are_reported(tmp_path, capsys, model_option):
    text = ("<!-- helder: negeer WK0001 -->\nWij halen het afval op.\n\n"
            "<!-- helder: aan -->\nDe container staat aan de straat.\n")
    _, findings, _ = run_check(tmp_path, capsys, text, model=model_option)
    st = {f["line"]: f["message"] for f in findings if f["code"] == "ST010"}
    assert set(st) == {1, 4}
    assert "kent de code WK0001 niet" in st[1]
    assert "zet niets aan" in st[4]


def test_directive_for_a_rule_that_did_not_run_is_not_reported(tmp_path, capsys, model_option):
    # raadsvoorstel switches WK011 off; --ignore switches WK001 off: the directives are not wrong
    text = ("<!-- helder: negeer WK011 -->\nDe aanvrager vult het formulier in.\n\n"
            "<!-- helder: negeer WK001 -->\nIndien u wilt, bel.\n")
    _, findings, _ = run_check(tmp_path, capsys, text, "-p", "raadsvoorstel", "--ignore", "WK001",
                               model=model_option)
    assert not where(findings, "ST010") and not where(findings, "WK011") and not where(findings, "WK001")


def test_unused_reports_can_be_silenced(tmp_path, capsys, model_option):
    text = "<!-- helder: uit ST010 -->\n\n<!-- helder: negeer ZB001 -->\nWij halen het afval op.\n"
    _, findings, _ = run_check(tmp_path, capsys, text, model=model_option)
    assert not where(findings, "ST010")
    text = "<!-- helder: negeer ZB001 -->\nWij halen het afval op.\n"
    _, findings, _ = run_check(tmp_path, capsys, text, "--ignore", "ST010", model=model_option)
    assert not where(findings, "ST010")


# ── the logic without the pipeline ───────────────────────────────────────────────────────────

def _finding(document, code: str, word: str, nth: int = 0, source: str = "helder") -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = document.source.index(word, start + 1)
    end = start + len(word)
    line = document.source.count("\n", 0, start) + 1
    col = start - (document.source.rfind("\n", 0, start) + 1) + 1
    return Finding(code, code.lower(), "x", Severity.WARNING, Span(start, end, line, col, line, col + len(word)),
                   word, source=source)


def test_apply_silences_languagetool_findings_by_family_and_rule():
    doc = from_string("<!-- helder: negeer LT -->\nEen fautje hier.\n\n"
                      "<!-- helder: uit LT:MORFOLOGIK_RULE_NL_NL -->\nNog een fautje.\n\n"
                      "<!-- helder: aan -->\nEen derde fautje.\n", format="markdown")
    fs = [_finding(doc, "LT:MORFOLOGIK_RULE_NL_NL", "fautje", i, "languagetool") for i in range(3)]
    fs.append(_finding(doc, "LT:OTHER_RULE", "Nog"))
    rule = next(r for r in __import__("helder").checks.load_rules() if r.code == "ST010")
    out = directives.apply(doc, fs, active=["WK001"], grammar=True, rule=rule)
    assert [(f.code, f.span.line) for f in out.findings] == [("LT:OTHER_RULE", 5), ("LT:MORFOLOGIK_RULE_NL_NL", 8)]
    assert out.silenced == 2
    # without LanguageTool, a directive about LT is not about a rule that ran: not reported
    out = directives.apply(doc, [], active=["WK001"], grammar=False, rule=rule)
    assert [f.code for f in out.findings] == []
    out = directives.apply(doc, [], active=["WK001"], grammar=True, rule=rule)
    assert [(f.code, f.span.line) for f in out.findings] == [("ST010", 1), ("ST010", 4)]


def test_regions_split_on_partial_on():
    doc = from_string("<!-- helder: uit -->\nA.\n\n<!-- helder: aan WK001 -->\nB.\n\n<!-- helder: aan -->\nC.\n",
                      format="markdown")
    regs, used_on, stray = directives.regions(doc)
    assert used_on == {1, 2} and stray == []
    second = doc.source.index("<!-- helder: aan WK001")
    third = doc.source.index("<!-- helder: aan -->")
    assert [(r.start, r.end, r.codes, r.exclude) for r in regs] == [
        (0, second, (), ()), (second, third, (), ("WK001",))]


# ── LanguageTool findings through the whole command (a small fake server) ───────────────────────

class _FakeLanguageTool(LocalServer):
    """Answers /v2/check with a spelling match on every 'fautje' in the text it gets."""

    def __init__(self):
        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self._send([{"name": "Dutch", "code": "nl", "longCode": "nl-NL"}])

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                text = urllib.parse.parse_qs(body).get("text", [""])[0]
                matches, pos = [], text.find("fautje")
                while pos != -1:
                    matches.append({"offset": pos, "length": 6, "message": "Mogelijk een typefout.",
                                    "replacements": [{"value": "foutje"}],
                                    "rule": {"id": "MORFOLOGIK_RULE_NL_NL", "issueType": "misspelling",
                                             "category": {"id": "TYPOS", "name": "Typefouten"}}})
                    pos = text.find("fautje", pos + 1)
                self._send({"matches": matches})

            def _send(self, data):
                send_json(self, data)

        LocalServer.__init__(self, Handler)


def test_directives_apply_to_languagetool_findings(tmp_path, capsys, model_option):
    text = ("Hier staat een fautje.\n\n"
            "<!-- helder: negeer LT:MORFOLOGIK_RULE_NL_NL -->\nHier staat nog een fautje.\n\n"
            "<!-- helder: negeer LT -->\nEn hier een derde fautje.\n")
    with _FakeLanguageTool() as lt:
        code, findings, err = run_check(tmp_path, capsys, text, "--grammar", "--grammar-url", lt.url,
                                        model=model_option)
        assert where(findings, "LT:MORFOLOGIK_RULE_NL_NL") == [(1, 16)], err
        assert not where(findings, "ST010")
        # --ignore LT: LanguageTool findings go through the same selection as helder's rules
        _, findings, _ = run_check(tmp_path, capsys, text, "--grammar", "--grammar-url", lt.url,
                                   "--ignore", "LT", model=model_option)
        assert not [f for f in findings if f["code"].startswith("LT:")]
        assert not where(findings, "ST010")  # LT did not count as a rule that ran
