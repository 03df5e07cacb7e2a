"""``--baseline``: record today's findings, then fail only on new ones — also after edits elsewhere
in the file (matching on rule, matched text and sentence, not on line numbers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helder import config as cfg
from helder.baseline import Baseline, Entry
from helder.cli import main
from helder.types import Finding, Report, SentenceScore, Severity, Span

PAGE = ("# Afval\n\n"
        "Indien u vragen heeft, bel ons.\n\n"
        "Wij halen het afval op maandag op.\n\n"
        "De container staat aan de straat. Indien het stormt, blijft hij binnen.\n")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cfg.clear_cache()
    yield
    cfg.clear_cache()


def run(capsys, *args, model=None):
    argv = ["check", "--no-config", *args]
    if model:
        argv[1:1] = ["--model", model]
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def wk001_lines(out: str) -> list[int]:
    return [int(line.split(":")[1]) for line in out.splitlines() if " WK001 " in line]


def test_record_then_only_new_findings_count(tmp_path, capsys, model_option, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "afval.md"
    page.write_text(PAGE, encoding="utf-8")
    code, out, _ = run(capsys, "afval.md", model=model_option)
    assert code == 1 and wk001_lines(out) == [3, 7]

    code, out, err = run(capsys, "--baseline", ".helder-baseline.json", "--update-baseline", "afval.md",
                         model=model_option)
    assert code == 0 and "basislijn .helder-baseline.json bijgewerkt" in err
    data = json.loads((tmp_path / ".helder-baseline.json").read_text(encoding="utf-8"))
    assert data["schema"] == 1 and list(data["files"]) == ["afval.md"]
    assert {"code": "WK001", "match": "indien", "context": "indien u vragen heeft, bel ons."} in data["files"]["afval.md"]

    code, out, _ = run(capsys, "--baseline", ".helder-baseline.json", "afval.md", model=model_option)
    assert code == 0 and wk001_lines(out) == []
    assert "bekende opmerkingen uit de basislijn niet getoond" in out

    # edits elsewhere: new paragraphs at the top move every line; one old sentence gets a small edit
    edited = ("# Afval\n\nNieuw: de milieustraat is op zaterdag open.\n\nWij helpen u graag.\n\n"
              + PAGE.split("\n\n", 1)[1].replace("Indien u vragen heeft, bel ons.", "Indien u vragen heeft, bel ons gerust."))
    page.write_text(edited, encoding="utf-8")
    code, out, _ = run(capsys, "--baseline", ".helder-baseline.json", "afval.md", model=model_option)
    assert code == 0 and wk001_lines(out) == [], out

    # a new sentence with the same officialese word is new, and only it is reported
    page.write_text(edited + "\nIndien u wilt, kunt u ook mailen.\n", encoding="utf-8")
    code, out, _ = run(capsys, "--baseline", ".helder-baseline.json", "afval.md", model=model_option)
    assert code == 1 and wk001_lines(out) == [13]


def test_update_keeps_other_files_and_drops_deleted_ones(tmp_path, capsys, model_option, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / "docs" / name).write_text("Indien u vragen heeft, bel ons.\n", encoding="utf-8")
    assert run(capsys, "--baseline", "bl.json", "--update-baseline", "docs", model=model_option)[0] == 0
    assert sorted(json.loads(Path("bl.json").read_text())["files"]) == ["docs/a.md", "docs/b.md", "docs/c.md"]
    (tmp_path / "docs" / "c.md").unlink()
    (tmp_path / "docs" / "a.md").write_text("Heeft u vragen? Bel ons.\n", encoding="utf-8")
    assert run(capsys, "--baseline", "bl.json", "--update-baseline", "docs/a.md", model=model_option)[0] == 0
    assert sorted(json.loads(Path("bl.json").read_text())["files"]) == ["docs/b.md"]


def test_baseline_from_the_configuration_and_from_another_folder(tmp_path, capsys, model_option, monkeypatch):
    (tmp_path / "site").mkdir()
    page = tmp_path / "site" / "index.md"
    page.write_text("Indien u vragen heeft, bel ons.\n", encoding="utf-8")
    (tmp_path / "helder.toml").write_text('baseline = "site/.helder-baseline.json"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--update-baseline", "site"] + (["--model", model_option] if model_option else [])) == 0
    capsys.readouterr()
    assert (tmp_path / "site" / ".helder-baseline.json").is_file()
    assert main(["check", "site/index.md"] + (["--model", model_option] if model_option else [])) == 0
    capsys.readouterr()
    # keys are relative to the baseline's folder, so another working folder finds the same entries
    monkeypatch.chdir(tmp_path / "site")
    code = main(["check", "--no-config", "--baseline", ".helder-baseline.json", "index.md"]
                + (["--model", model_option] if model_option else []))
    assert code == 0


def test_missing_or_broken_baseline_is_exit_2(tmp_path, capsys):
    page = tmp_path / "a.md"
    page.write_text("Wij halen het afval op.\n", encoding="utf-8")
    code, _, err = run(capsys, "--baseline", str(tmp_path / "weg.json"), str(page))
    assert code == 2 and "bestaat niet" in err and "--update-baseline" in err and err.count("\n") == 1
    (tmp_path / "kapot.json").write_text("{niet json", encoding="utf-8")
    code, _, err = run(capsys, "--baseline", str(tmp_path / "kapot.json"), str(page))
    assert code == 2 and "kan de basislijn" in err and err.count("\n") == 1


# ── matching, without the pipeline ────────────────────────────────────────────────────────────

def _report(path: str, source: str, hits: list[tuple[str, str, int]]) -> Report:
    """Findings (code, word, nth occurrence) in ``source``; every line is one sentence."""
    sentences, start = [], 0
    for i, line in enumerate(source.split("\n")):
        if line:
            sentences.append(SentenceScore(i, line, Span(start, start + len(line), i + 1, 1, i + 1, len(line) + 1), 1))
        start += len(line) + 1
    findings = []
    for code, word, nth in hits:
        pos = -1
        for _ in range(nth + 1):
            pos = source.index(word, pos + 1)
        line = source.count("\n", 0, pos) + 1
        findings.append(Finding(code, code.lower(), "x", Severity.WARNING, Span(pos, pos + len(word), line, 1, line, 2), word))
    return Report(path, "p", True, {}, tuple(sentences), tuple(findings))


def test_matching_counts_each_recorded_finding_once(tmp_path):
    (tmp_path / "a.md").write_text("x", encoding="utf-8")  # entries of files that are gone are dropped
    bl = Baseline(tmp_path / "bl.json")
    old = _report(str(tmp_path / "a.md"), "Indien u wilt, bel.\nIndien u wilt, bel.", [("WK001", "Indien", 0), ("WK001", "Indien", 1)])
    bl.update([old])
    assert bl.files["a.md"] == [Entry("WK001", "indien", "indien u wilt, bel.")] * 2
    three = _report(str(tmp_path / "a.md"), "Indien u wilt, bel.\nIndien u wilt, bel.\nIndien u wilt, bel.",
                    [("WK001", "Indien", i) for i in range(3)])
    (new,), known = bl.filter([three])
    assert known == 2 and len(new.findings) == 1
    # another code on the same word, or another word, is new
    other = _report(str(tmp_path / "a.md"), "Indien u wilt, bel.", [("WK002", "Indien", 0)])
    assert len(bl.new_findings(other)) == 1
    # a sentence that changed completely is new; a small edit is not
    changed = _report(str(tmp_path / "a.md"), "Indien het regent, blijft de container binnen.", [("WK001", "Indien", 0)])
    assert len(bl.new_findings(changed)) == 1
    edited = _report(str(tmp_path / "a.md"), "Indien u dat wilt, bel.", [("WK001", "Indien", 0)])
    assert bl.new_findings(edited) == []
    # another file with the same text is not covered
    assert len(bl.new_findings(_report(str(tmp_path / "b.md"), "Indien u wilt, bel.", [("WK001", "Indien", 0)]))) == 1


def test_saved_file_is_sorted_and_round_trips(tmp_path):
    (tmp_path / "b.md").write_text("x", encoding="utf-8")
    bl = Baseline(tmp_path / "bl.json")
    bl.update([_report(str(tmp_path / "b.md"), "Zo.\nIndien.", [("WK001", "Indien", 0), ("ST001", "Zo", 0)])])
    bl.save()
    text = (tmp_path / "bl.json").read_text(encoding="utf-8")
    assert text.index('"ST001"') < text.index('"WK001"') and text.endswith("\n")
    again = Baseline.load(tmp_path / "bl.json")
    assert again.files == {"b.md": [Entry("ST001", "zo", "zo."), Entry("WK001", "indien", "indien.")]}
