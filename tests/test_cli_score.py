"""`helder score`: real files in, a Dutch table or versioned JSON out, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helder.cli import main

LETTER = (
    "Beste mevrouw De Vries,\n\n"
    "Wij hebben uw aanvraag voor een parkeervergunning ontvangen. "
    "U krijgt binnen twee weken een besluit van ons. "
    "Heeft u vragen? Bel ons dan op 14 020.\n\n"
    "Met vriendelijke groet,\n\nGemeente Diemen\n"
)


@pytest.fixture()
def letter(tmp_path: Path) -> Path:
    p = tmp_path / "brief.txt"
    p.write_text(LETTER, encoding="utf-8")
    return p


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_score_table_in_dutch(letter, capsys, model_option):
    args = ["score", str(letter)] + (["--model", model_option] if model_option else [])
    code, out, err = run(args, capsys)
    assert code == 0, err
    assert "Flesch-Douma" in out
    assert "LiNT-II" in out
    assert "volwassenen" in out  # the level is explained: which share of adults has difficulty
    assert "Taalmodel:" in out


def test_score_json_schema(letter, capsys, model_option):
    args = ["score", "--format", "json", str(letter)] + (["--model", model_option] if model_option else [])
    code, out, _ = run(args, capsys)
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == 1 and data["tool"] == "helder"
    f = data["files"][0]
    assert f["path"] == str(letter)
    assert f["metrics"]["sentences"]["value"] == 7
    assert f["parsed"] is True and f["pipeline"]
    assert 1 <= f["metrics"]["lint_level"]["value"] <= 4
    first = f["sentences"][0]
    assert LETTER[first["start"] : first["end"]] == first["text"]


def test_several_files_give_blocks_and_a_summary(letter, tmp_path, capsys, model_option):
    other = tmp_path / "web.md"
    other.write_text("# Afval\n\nZet de container voor 7.30 uur aan de straat.\n", encoding="utf-8")
    args = ["score", str(letter), str(other)] + (["--model", model_option] if model_option else [])
    code, out, _ = run(args, capsys)
    assert code == 0
    assert str(letter) in out and str(other) in out
    assert "Samen: 2 bestanden" in out


def test_missing_file_is_one_line_and_exit_2(tmp_path, capsys):
    code, out, err = run(["score", str(tmp_path / "bestaat-niet.txt")], capsys)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("helder: ")
    assert "Traceback" not in err


def test_binary_file_is_refused(tmp_path, capsys):
    p = tmp_path / "scan.txt"
    p.write_bytes(b"%PDF-1.7\n\x00\x01\x02\x00binary\x00")
    code, _, err = run(["score", str(p)], capsys)
    assert code == 2 and err.startswith("helder: ") and "Traceback" not in err


def test_good_and_bad_file_together(letter, tmp_path, capsys, model_option):
    bad = tmp_path / "leeg.txt"
    bad.write_text("", encoding="utf-8")
    args = ["score", str(letter), str(bad)] + (["--model", model_option] if model_option else [])
    code, out, err = run(args, capsys)
    assert code == 2
    assert "Flesch-Douma" in out  # the good file is still scored
    assert "leeg" in err


def test_stdin_through_the_console_script(model_option):
    args = [sys.executable, "-m", "helder", "score", "-"] + (["--model", model_option] if model_option else [])
    p = subprocess.run(args, input=LETTER, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert "Flesch-Douma" in p.stdout


def test_unknown_option_is_usage_error(capsys):
    code, _, err = run(["score", "--kleur", "x.txt"], capsys)
    assert code == 2 and err.startswith("helder: ")
