"""Advice applied (issue 12): fixes on findings, `helder check --fix`/`--diff`, and what they keep.

Real runs of the CLI on real files: bytes, encodings, line ends and permissions are compared after
fixing; a second --fix changes nothing; nothing inside code, markup, quotations or directive regions
is edited; bad input gives one line and exit code 2 with the file untouched.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from helder.cli import main

LETTER = "Indien u thans in Diemen woonachtig bent, kunt u een pas aanvragen.\nWij sturen U de pas reeds.\n"
FIXED = "Als u nu in Diemen woont, kunt u een pas aanvragen.\nWij sturen u de pas al.\n"


def run(args, model_option):
    return main(["check", "--no-config", *args] + (["--model", model_option] if model_option else []))


def test_fix_applies_safe_fixes_and_reports_what_is_left(tmp_path, capsys, model_option):
    doc = tmp_path / "brief.txt"
    doc.write_text(LETTER + "Wij verstrekken de pas.\n", encoding="utf-8")
    code = run(["--fix", str(doc)], model_option)
    out = capsys.readouterr()
    assert doc.read_text(encoding="utf-8") == FIXED + "Wij verstrekken de pas.\n"
    assert "5 verbeteringen toegepast" in out.err
    assert "WK001" in out.out and "verstrekken" in out.out  # two alternatives: not safe, still reported
    assert "Indien" not in out.out
    assert code == 1


def test_fix_is_idempotent_and_diff_then_exits_0(tmp_path, capsys, model_option):
    doc = tmp_path / "brief.txt"
    doc.write_text(LETTER, encoding="utf-8")
    run(["--fix", str(doc)], model_option)
    once = doc.read_bytes()
    capsys.readouterr()
    assert run(["--diff", str(doc)], model_option) == 0
    assert capsys.readouterr().out == ""
    run(["--fix", str(doc)], model_option)
    assert doc.read_bytes() == once


def test_diff_prints_a_unified_diff_and_changes_nothing(tmp_path, capsys, model_option):
    doc = tmp_path / "brief.txt"
    doc.write_text(LETTER, encoding="utf-8")
    before = doc.read_bytes()
    mtime = doc.stat().st_mtime_ns
    code = run(["--diff", str(doc)], model_option)
    out = capsys.readouterr().out
    assert code == 1
    assert doc.read_bytes() == before and doc.stat().st_mtime_ns == mtime
    assert out.startswith(f"--- a/{doc}\n+++ b/{doc}\n@@ ")
    assert "-Indien u thans in Diemen woonachtig bent" in out and "+Als u nu in Diemen woont" in out


@pytest.mark.parametrize("encoding, bom, newline", [
    ("cp1252", b"", "\r\n"),
    ("utf-16-le", b"\xff\xfe", "\r\n"),
    ("utf-8", b"\xef\xbb\xbf", "\n"),
    ("utf-8", b"", "\r"),
])
def test_fix_keeps_encoding_bom_line_ends_and_permissions(tmp_path, capsys, model_option, encoding, bom, newline):
    text = "Café Ünal: indien u thans een pas wilt, bel ons.\n\nWij sturen U de pas reeds binnen één week.\n"
    want = "Café Ünal: als u nu een pas wilt, bel ons.\n\nWij sturen u de pas al binnen één week.\n"
    doc = tmp_path / "brief.txt"
    doc.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    os.chmod(doc, 0o640)
    run(["--fix", str(doc)], model_option)
    assert doc.read_bytes() == bom + want.replace("\n", newline).encode(encoding)
    assert stat.S_IMODE(doc.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name != "brief.txt"], "a temporary file was left behind"


def test_no_edit_in_code_markup_quotations_or_directive_regions(tmp_path, capsys, model_option):
    md = tmp_path / "pagina.md"
    md.write_text(
        "# Uw pas\n\n"
        "Indien u vragen heeft, bel ons.\n\n"
        "```\nindien thans reeds\n```\n\n"
        "Gebruik `indien` in code niet. Wij sturen u de pas *reeds* binnen een week.\n\n"
        "Zij zei: \"Indien het regent, kom ik thans niet.\"\n\n"
        "<!-- helder: uit ZB -->\nDe pas is thans klaar.\n<!-- helder: aan -->\n\n"
        "Zie [de regels](https://example.org/indien?thans=1) voor meer.\n",
        encoding="utf-8")
    run(["--fix", str(md)], model_option)
    got = md.read_text(encoding="utf-8")
    assert got.startswith("# Uw pas\n\nAls u vragen heeft, bel ons.\n\n```\nindien thans reeds\n```\n\n")
    assert "Gebruik `indien` in code niet. Wij sturen u de pas *al* binnen een week." in got
    assert "Zij zei: \"Indien het regent, kom ik thans niet.\"" in got  # a quotation stays as it was said
    assert "De pas is thans klaar." in got  # inside a directive region
    assert "(https://example.org/indien?thans=1)" in got
    html = tmp_path / "pagina.html"
    html.write_text('<main><p title="indien thans">Indien u <b>thans</b> hier woont, bel ons.</p>'
                    '<p>Dit is <i>woonachtig</i> bent.</p><pre>reeds</pre><p>Wij komen reeds &amp; graag.</p></main>\n',
                    encoding="utf-8")
    run(["--fix", str(html)], model_option)
    assert html.read_text(encoding="utf-8") == (
        '<main><p title="indien thans">Als u <b>nu</b> hier woont, bel ons.</p>'
        '<p>Dit is <i>woonachtig</i> bent.</p><pre>reeds</pre><p>Wij komen al &amp; graag.</p></main>\n')


def test_json_and_sarif_carry_the_fix(tmp_path, capsys, model_option):
    doc = tmp_path / "brief.txt"
    doc.write_text("Indien u vragen heeft, bel ons.\n", encoding="utf-8")
    run(["--format", "json", str(doc)], model_option)
    data = json.loads(capsys.readouterr().out)
    f = next(f for f in data["files"][0]["findings"] if f["code"] == "WK001")
    assert f["fix"] == {"applicability": "safe", "edits": [{"start": 0, "end": 6, "replacement": "Als"}]}
    run(["--format", "sarif", str(doc)], model_option)
    res = next(r for r in json.loads(capsys.readouterr().out)["runs"][0]["results"] if r["ruleId"] == "WK001")
    change = res["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["insertedContent"] == {"text": "Als"}
    assert change["replacements"][0]["deletedRegion"]["charOffset"] == 0
    assert res["fixes"][0]["properties"]["applicability"] == "safe"


def test_unsafe_fixes_add_the_rest(tmp_path, capsys, model_option):
    doc = tmp_path / "brief.txt"
    doc.write_text("Wij verstrekken de pas. Het formulier, welke u kreeg, is klaar.\n", encoding="utf-8")
    run(["--fix", str(doc)], model_option)
    assert doc.read_text(encoding="utf-8").startswith("Wij verstrekken")
    run(["--fix", "--unsafe-fixes", str(doc)], model_option)
    assert doc.read_text(encoding="utf-8") == "Wij geven de pas. Het formulier, die u kreeg, is klaar.\n"


def test_a_fix_that_brings_a_new_finding_is_not_applied(model_option):
    """A (made-up) fix that writes an officialese word: the check of the fixed text refuses it."""
    from dataclasses import replace

    from helder.analysis import Options, analyze_text
    from helder.documents import from_string
    from helder.fixing.apply import fix_document
    from helder.types import Edit, Fix

    text = "Indien u wilt, komen wij nu langs."
    options = Options(checks=True, model=model_option, profile="brief")
    report = analyze_text(text, options=options)
    real = next(f for f in report.findings if f.code == "WK001")
    start = text.index("nu")
    bad = replace(real, code="WK999", span=replace(real.span, start=start, end=start + 2), match="nu",
                  fix=Fix((Edit(start, start + 2, "thans"),), "safe"))
    report = replace(report, findings=report.findings + (bad,))
    result = fix_document(from_string(text), report, options)
    assert result.text == "Als u wilt, komen wij nu langs."
    assert [f.code for f in result.refused] == ["WK999"]


def test_fix_from_stdin_writes_the_fixed_text_to_stdout(model_option):
    args = [sys.executable, "-m", "helder", "check", "--no-config", "--fix", "-"]
    if model_option:
        args += ["--model", model_option]
    proc = subprocess.run(args, input=LETTER.encode("utf-8"), capture_output=True, timeout=300)
    assert proc.stdout.decode("utf-8") == FIXED
    assert proc.returncode == 0, proc.stderr


def test_read_only_file_and_directory_are_refused(tmp_path, capsys, model_option):
    doc = tmp_path / "brief.txt"
    doc.write_text(LETTER, encoding="utf-8")
    os.chmod(doc, 0o444)
    assert run(["--fix", str(doc)], model_option) == 2
    err = capsys.readouterr().err
    assert "alleen-lezen" in err and "Traceback" not in err
    assert doc.read_text(encoding="utf-8") == LETTER
    os.chmod(doc, 0o644)
    assert run(["--annotate", "-o", str(tmp_path / "uit.docx"), str(tmp_path)], model_option) == 2
    assert "is een map" in capsys.readouterr().err


def test_a_file_changed_during_the_run_is_not_written(tmp_path, capsys, model_option, monkeypatch):
    import helder.fixing.command as command

    doc = tmp_path / "brief.txt"
    doc.write_text(LETTER, encoding="utf-8")
    real = command.fix_document

    def meanwhile(*args, **kwargs):
        doc.write_text("Iemand anders schreef dit.\n", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(command, "fix_document", meanwhile)
    assert run(["--fix", str(doc)], model_option) == 2
    err = capsys.readouterr().err
    assert "veranderd terwijl helder bezig was" in err and len(err.strip().splitlines()) == 1
    assert doc.read_text(encoding="utf-8") == "Iemand anders schreef dit.\n"


def test_fix_refuses_word_files_and_bad_combinations(tmp_path, capsys, model_option):
    doc = tmp_path / "brief.txt"
    doc.write_text(LETTER, encoding="utf-8")
    assert run(["--fix", "--diff", str(doc)], model_option) == 2
    assert run(["--unsafe-fixes", str(doc)], model_option) == 2
    assert run(["--annotate", "-o", str(tmp_path / "uit.docx"), str(doc)], model_option) == 2
    err = capsys.readouterr().err
    assert "daarin passen geen opmerkingen" in err
    assert doc.read_text(encoding="utf-8") == LETTER


def test_languagetool_suggestions_are_unsafe_and_never_across_markup(nlp):
    from helder.documents import from_string
    from helder.fixing import attach
    from helder.types import Finding, Severity

    document = from_string("Wij komen <b>morgn</b> langs, of *overmorgn*.\n", format="markdown")
    doc = nlp(document.text)

    def lt(start, end):
        return Finding("LT:SPELLING", "spelling", "Spelfout?", Severity.WARNING, document.span(start, end),
                       "", replacements=("morgen", "morgens"), source="languagetool")

    plain = document.text.index("morgn")
    star = document.text.index("overmorgn")
    inside, across = attach(document, doc, [lt(plain, plain + 5), lt(star - 1, star + 9)])
    assert inside.fix is not None and inside.fix.applicability == "unsafe"
    assert inside.fix.edits[0].replacement == "morgen"
    assert document.source[inside.fix.edits[0].start:inside.fix.edits[0].end] == "morgn"
    assert across.fix is None or document.source[across.fix.edits[0].start:across.fix.edits[0].end] == "overmorgn"
