"""`helder check` end to end through main(): findings, exit codes and the HTML report file."""

from __future__ import annotations

from pathlib import Path

from helder.cli import main

OFFICIALESE = "Indien u thans woonachtig bent in Diemen, dient u zich te melden.\n"
PLAIN = "# Afval\n\nZet de container op maandag voor 7.30 uur aan de straat.\n"


def _args(model_option):
    return ["--model", model_option] if model_option else []


def test_findings_give_exit_1_with_positions(tmp_path: Path, capsys, model_option):
    p = tmp_path / "brief.txt"
    p.write_text(OFFICIALESE, encoding="utf-8")
    code = main(["check", str(p)] + _args(model_option))
    out = capsys.readouterr().out
    assert code == 1
    assert f"{p}:1:1: WK001" in out  # "Indien" at line 1, column 1
    assert f"{p}:1:10: WK001" in out  # "thans"


def test_fail_on_error_lets_warnings_pass(tmp_path: Path, capsys, model_option):
    p = tmp_path / "brief.txt"
    p.write_text(OFFICIALESE, encoding="utf-8")
    assert main(["check", "--fail-on", "error", str(p)] + _args(model_option)) == 0


def test_plain_web_text_passes(tmp_path: Path, capsys, model_option):
    p = tmp_path / "afval.md"
    p.write_text(PLAIN, encoding="utf-8")
    assert main(["check", str(p)] + _args(model_option)) == 0


def test_html_report_file_escapes_the_text(tmp_path: Path, capsys, model_option):
    p = tmp_path / "brief.md"
    p.write_text("# Brief\n\n" + OFFICIALESE + "\n<script>alert('x')</script> Wij helpen u graag.\n",
                 encoding="utf-8")
    out = tmp_path / "rapport.html"
    code = main(["check", "--format", "html", "-o", str(out), str(p)] + _args(model_option))
    assert code == 1
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") or html.lower().startswith("<!doctype html>")
    assert "WK001" in html and "Indien" in html
    assert "<script>alert" not in html


def test_serve_is_a_command(capsys):
    assert main(["serve", "--help"]) == 0
    assert "127.0.0.1" in capsys.readouterr().out


def test_one_piece_of_advice_per_old_fashioned_closing(tmp_path: Path, capsys, model_option):
    p = tmp_path / "brief.txt"
    p.write_text("Beste mevrouw Jansen,\n\nWij sturen u de pas op.\n\nHoogachtend,\n\nGemeente Diemen\n",
                 encoding="utf-8")
    main(["check", str(p)] + _args(model_option))
    out = capsys.readouterr().out
    line5 = [line for line in out.splitlines() if f"{p}:5:1:" in line]
    assert [line.split()[1] for line in line5] == ["ST005"], out


def test_abbreviation_alternatives_are_written_out(tmp_path: Path, capsys, model_option):
    p = tmp_path / "brief.txt"
    p.write_text("Wij hebben uw brief d.d. 3 mei ontvangen.\n", encoding="utf-8")
    main(["check", str(p)] + _args(model_option))
    out = capsys.readouterr().out
    assert "WK005" in out and " | " not in out
