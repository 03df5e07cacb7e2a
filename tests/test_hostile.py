"""Hostile input: every case ends with exit 0, 1 or 2 and no traceback, within a memory limit.

The inputs are generated (:mod:`hostile_inputs`), not stored. Cases run ``python -m helder`` as a
subprocess under ``RLIMIT_AS`` (set in ``preexec_fn``) with a generous timeout for a loaded machine;
nothing here asserts wall-clock speed (``bench/bench_hostile.py`` measures it).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_inputs import CASES

ROOT = Path(__file__).resolve().parents[1]
MEMORY = 6 * 1024**3  # address space of a helder process in these tests
TIMEOUT = 900  # seconds: only a hang should ever reach this
SCALE = 0.05  # a twentieth of the sizes in issue 15: the same structures, quicker (the bench runs them whole)


def _limits(memory: int = MEMORY, fsize: int | None = None):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    return apply


def helder(*args: str, cwd: Path, stdin: bytes | None = None, memory: int = MEMORY, fsize: int | None = None,
           stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), HELDER_GRAMMAR="0")
    proc = subprocess.run([sys.executable, "-m", "helder", *args], cwd=cwd, input=stdin, stdout=stdout,
                          stderr=subprocess.PIPE, env=env, timeout=TIMEOUT,
                          preexec_fn=_limits(memory, fsize))
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in (0, 1, 2), (proc.returncode, err[-2000:])
    assert "Traceback" not in err, err[-3000:]
    for line in err.splitlines():
        assert line.startswith("helder:"), line  # every message is one line of helder's own
    return proc


def errors_of(proc: subprocess.CompletedProcess) -> str:
    return proc.stderr.decode("utf-8", "replace")


# ── the files of issue 15, all in one run ───────────────────────────────────────────────────────

@pytest.mark.slow
def test_hostile_files_end_cleanly(tmp_path):
    names = []
    for case, make in CASES.items():
        name, data = make(SCALE)
        path = tmp_path / f"{case}{Path(name).suffix}"
        path.write_bytes(data)
        names.append(path.name)
    proc = helder("check", "--format", "json", "--timeout", "120", "--no-config", *names, cwd=tmp_path)
    data = json.loads(proc.stdout.decode("utf-8"))
    reported = {f["path"] for f in data["files"]} | {e["path"] for e in data.get("errors", [])}
    assert reported == set(names)  # each file: a report or a one-line error, none lost


def test_markup_floods_are_refused_at_full_size_before_parsing(tmp_path):
    """Entity floods, huge tables, 100,000 links, nesting 100,000 deep: refused, each with its line."""
    cases = ["html_nested_100k", "html_entities", "html_table", "md_table", "md_links_100k"]
    names = []
    for case in cases:
        name, data = CASES[case](1.0)
        names.append(f"{case}{Path(name).suffix}")
        (tmp_path / names[-1]).write_bytes(data)
    proc = helder("check", "--no-config", *names, cwd=tmp_path, memory=2 * 1024**3)
    err = errors_of(proc).splitlines()
    assert proc.returncode == 2
    for name in names:
        assert any(name in line and "te veel" in line for line in err), (name, err)


def test_symbol_floods_are_refused_and_long_runs_are_cut(tmp_path):
    """50,000 '<' between letters: no prose, refused before parsing; 3,000 words joined by commas:
    checked, with sentences capped at 200 tokens and the cut said once."""
    (tmp_path / "tekens.txt").write_text("Dit is een tekst. " + "a<" * 50_000, encoding="utf-8")
    (tmp_path / "komma.txt").write_text("De lijst: " + ", ".join(["brief", "straat", "park"] * 1_000) + ".",
                                        encoding="utf-8")
    proc = helder("check", "--no-config", "tekens.txt", "komma.txt", cwd=tmp_path, memory=2 * 1024**3)
    err = errors_of(proc)
    assert proc.returncode == 2 and "Traceback" not in err
    assert "tekens.txt staan vooral tekens" in err
    assert err.count("geknipt") == 1 and b"komma.txt" in proc.stdout


# ── files that are not regular files ──────────────────────────────────────────────────────────────

def test_fifo_as_input_configuration_and_baseline(tmp_path):
    fifo = tmp_path / "tekst.txt"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text("Dit is een zin.\n", encoding="utf-8")
    proc = helder("check", "tekst.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "FIFO" in errors_of(proc)
    proc = helder("check", "--config", "tekst.txt", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "configuratiebestand" in errors_of(proc)
    proc = helder("check", "--baseline", "tekst.txt", "--update-baseline", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "bijgewerkt" not in errors_of(proc)
    assert fifo.is_fifo()  # never replaced by a regular file


def test_dev_zero_as_configuration_and_baseline_under_a_memory_limit(tmp_path):
    (tmp_path / "a.txt").write_text("Dit is een zin.\n", encoding="utf-8")
    small = 2 * 1024**3
    proc = helder("check", "--config", "/dev/zero", "a.txt", cwd=tmp_path, memory=small)
    assert proc.returncode == 2 and "/dev/zero" in errors_of(proc)
    proc = helder("check", "--baseline", "/dev/zero", "a.txt", cwd=tmp_path, memory=small)
    assert proc.returncode == 2 and "/dev/zero" in errors_of(proc)


def test_baseline_to_a_device_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("Indien u vragen heeft, bel ons.\n", encoding="utf-8")
    proc = helder("check", "--baseline", "/dev/full", "--update-baseline", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "bijgewerkt" not in errors_of(proc)


# ── deep nesting in configuration and baseline ───────────────────────────────────────────────────

def test_deeply_nested_toml_and_baseline_json(tmp_path):
    (tmp_path / "a.txt").write_text("Dit is een zin.\n", encoding="utf-8")
    (tmp_path / "helder.toml").write_text("a = " + "[" * 100_000 + "\n", encoding="utf-8")
    proc = helder("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "helder.toml" in errors_of(proc)
    (tmp_path / "helder.toml").unlink()
    (tmp_path / "basis.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    proc = helder("check", "--baseline", "basis.json", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "basis.json" in errors_of(proc)


# ── rule settings of the wrong type ──────────────────────────────────────────────────────────────

@pytest.mark.parametrize("value", ['"veel"', "-1", "nan", "true", "1.5", "[]"])
def test_wrong_rule_setting_is_a_configuration_error_with_file_and_line(tmp_path, value):
    (tmp_path / "a.txt").write_text("Dit is een zin.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\n\n[tool.helder.settings.LB002]\nmax_words = {value}\n', encoding="utf-8")
    proc = helder("check", "a.txt", cwd=tmp_path)
    err = errors_of(proc)
    assert proc.returncode == 2 and "pyproject.toml:5:" in err and "max_words" in err, err


def test_typo_in_the_table_header_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Dit is een zin.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.helder\nselect = ["LB"]\n', encoding="utf-8")
    proc = helder("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "pyproject.toml:1:" in errors_of(proc)


# ── writing: atomic, checked, never over an input ───────────────────────────────────────────────

def test_output_never_replaces_an_input_file(tmp_path):
    text = "Indien u vragen heeft, bel ons.\n"
    (tmp_path / "brief.txt").write_text(text, encoding="utf-8")
    os.symlink(tmp_path / "brief.txt", tmp_path / "link.txt")
    for target in ("brief.txt", "./brief.txt", "link.txt"):
        proc = helder("check", "-o", target, "brief.txt", cwd=tmp_path)
        assert proc.returncode == 2 and "een van de bestanden" in errors_of(proc)
    assert (tmp_path / "brief.txt").read_text(encoding="utf-8") == text


def test_failed_writes_exit_2_and_keep_the_old_file(tmp_path):
    (tmp_path / "brief.txt").write_text("Indien u vragen heeft, bel ons.\n" * 50, encoding="utf-8")
    (tmp_path / "rapport.html").write_text("oud", encoding="utf-8")
    proc = helder("check", "--format", "html", "-o", "rapport.html", "brief.txt", cwd=tmp_path, fsize=2000)
    assert proc.returncode == 2 and "rapport.html" in errors_of(proc)
    assert (tmp_path / "rapport.html").read_text(encoding="utf-8") == "oud"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temporary file left
    proc = helder("check", "--baseline", "basis.json", "--update-baseline", "brief.txt", cwd=tmp_path, fsize=200)
    assert proc.returncode == 2 and "bijgewerkt" not in errors_of(proc)
    assert not (tmp_path / "basis.json").exists()
    proc = helder("check", "-o", "/dev/full", "brief.txt", cwd=tmp_path)
    assert proc.returncode == 2


def test_full_or_closed_standard_output(tmp_path):
    (tmp_path / "brief.txt").write_text("Indien u vragen heeft, bel ons.\n", encoding="utf-8")
    with open("/dev/full", "wb") as full:
        proc = helder("check", "brief.txt", cwd=tmp_path, stdout=full)
    assert proc.returncode == 2 and "uitvoer" in errors_of(proc)
    read, write = os.pipe()
    os.close(read)
    try:
        proc = helder("check", "brief.txt", cwd=tmp_path, stdout=write)
    finally:
        os.close(write)
    assert proc.returncode == 2


# ── file names that are not UTF-8 ────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("fmt", ["json", "sarif", "html", "text", "full", "github"])
def test_file_names_that_are_not_utf8(tmp_path, fmt):
    name = b"brief-\xff\xfe.txt"
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
        handle.write("Indien u vragen heeft, bel ons.\n".encode())
    proc = helder("check", "--format", fmt, os.fsdecode(name), cwd=tmp_path)
    out = proc.stdout.decode("utf-8")  # valid UTF-8, or this raises
    assert out and proc.returncode == 1
    if fmt in ("json", "sarif"):
        json.loads(out)
    proc = helder("check", "--format", fmt, "-o", "rapport.out", os.fsdecode(name), cwd=tmp_path)
    written = (tmp_path / "rapport.out").read_bytes()
    assert written and written.decode("utf-8")


# ── terminal escapes and standard input ──────────────────────────────────────────────────────────

def test_full_format_shows_no_escape_sequences(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Indien u vragen heeft \x1b]0;gekaapt\x07 bel ons.\n")
    proc = helder("check", "--format", "full", "a.txt", cwd=tmp_path)
    assert b"\x1b" not in proc.stdout and b"\x07" not in proc.stdout
    assert "\u241b]0;gekaapt\u2407" in proc.stdout.decode("utf-8")


def test_stdin_filename_gives_type_and_per_file_configuration(tmp_path):
    (tmp_path / "helder.toml").write_text('[per-file-ignores]\n"docs/*.md" = ["WK001"]\n', encoding="utf-8")
    text = "# Kop\n\nIndien u vragen heeft, bel **ons**.\n".encode()
    proc = helder("check", "--format", "json", "-", cwd=tmp_path, stdin=text)
    plain = json.loads(proc.stdout)
    assert plain["files"][0]["path"] == "-"
    assert any(f["code"] == "WK001" for f in plain["files"][0]["findings"])
    proc = helder("check", "--format", "json", "--stdin-filename", "docs/a.md", "-", cwd=tmp_path, stdin=text)
    data = json.loads(proc.stdout)
    assert data["files"][0]["path"] == "docs/a.md"
    assert not any(f["code"] == "WK001" for f in data["files"][0]["findings"])  # per-file-ignores applied
    assert proc.returncode in (0, 1)


# ── budgets, Ctrl-C, unreadable folders (in-process, deterministic) ───────────────────────────────

def test_time_budget_skips_one_document_and_goes_on(tmp_path, monkeypatch, capsys):
    import time

    import helder.documents.markdown as markdown
    from helder.cli import main

    (tmp_path / "traag.md").write_text("Dit is een zin.\n", encoding="utf-8")
    (tmp_path / "snel.txt").write_text("Indien u vragen heeft, bel ons.\n", encoding="utf-8")
    real = markdown.read_markdown

    def slow(source):
        time.sleep(120)
        return real(source)

    monkeypatch.setattr(markdown, "read_markdown", slow)
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--timeout", "3", "--format", "json", "traag.md", "snel.txt"])
    captured = capsys.readouterr()
    assert code == 2
    assert "duurde te lang" in captured.err and "traag.md" in captured.err
    assert [f["path"] for f in json.loads(captured.out)["files"]] == ["snel.txt"]


def test_ctrl_c_exits_130(tmp_path, monkeypatch, capsys):
    import helder.cli as cli

    (tmp_path / "a.txt").write_text("Dit is een zin.\n", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_run", interrupted)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "a.txt"]) == 130
    assert "afgebroken" in capsys.readouterr().err


def test_real_sigint_exits_130(tmp_path):
    (tmp_path / "a.txt").write_text("Dit is een zin.\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "helder", "check", "-"], cwd=tmp_path, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    import time

    time.sleep(1.0)  # it waits for standard input, which never comes
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err


def test_unreadable_folder_is_an_error(tmp_path, monkeypatch, capsys):
    from helder import walk
    from helder.cli import main

    (tmp_path / "geheim").mkdir()

    def refuse(top, onerror=None, **kwargs):
        if onerror is not None:
            onerror(PermissionError(13, "Permission denied", str(top)))
        return iter(())

    monkeypatch.setattr(walk.os, "walk", refuse)
    monkeypatch.setattr(walk, "git_files", lambda folder: None)
    monkeypatch.chdir(tmp_path)
    code = main(["check", "geheim"])
    err = capsys.readouterr().err
    assert code == 2 and "geen toegang" in err and "geen bestanden" not in err


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_paragraph_of_megabytes_is_cut_into_blocks(fmt):
    from helder.documents import from_string
    from helder.documents.text import MAX_BLOCK_CHARS

    body = "Dit is een zin zonder einde " * 40_000  # 1.1 MB, one paragraph
    doc = from_string(f"<p>{body}</p>" if fmt == "html" else body, format=fmt)
    assert len(doc.blocks) > 1
    assert all(b.end - b.start <= 2 * MAX_BLOCK_CHARS for b in doc.blocks)
    for b in doc.blocks:  # every block still maps back to the same words in the source
        span = doc.span(b.start, b.end)
        assert doc.source[span.start:span.end].split() == doc.text[b.start:b.end].split()


def test_missing_baseline_is_reported_before_any_analysis(tmp_path, monkeypatch, capsys):
    import helder.cli as cli

    (tmp_path / "a.txt").write_text("Dit is een zin.\n", encoding="utf-8")

    def no_analysis(*args, **kwargs):
        raise AssertionError("the analysis ran before the baseline was checked")

    monkeypatch.setattr(cli, "_run", no_analysis)
    monkeypatch.setattr(cli, "_load", no_analysis)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "--baseline", "ontbreekt.json", "a.txt"]) == 2
    assert "ontbreekt.json" in capsys.readouterr().err
