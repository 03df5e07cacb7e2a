"""``helder check FOLDER``: which files (Git's ignore rules, hidden files, ``exclude``), one pipeline
for all of them (``nlp.pipe``), several processes (``--jobs``) and progress on a terminal."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from helder import config as cfg
from helder.cli import _Progress, main
from helder.walk import expand, walk_folder
from filetree import rel, tree

GOOD = "Wij halen het afval op maandag op.\n"
BAD = "Indien u vragen heeft, bel ons.\n"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cfg.clear_cache()
    yield
    cfg.clear_cache()


FILES = {
    "docs/a.md": BAD, "docs/b.txt": GOOD, "docs/sub/c.html": "<p>" + BAD + "</p>", "docs/sub/d.markdown": GOOD,
    "docs/plaatje.png": "x", "docs/script.py": "x = 1\n", "docs/.verborgen/e.md": BAD, "docs/.f.md": BAD,
    "docs/build/g.md": BAD, "docs/concept-h.md": BAD,
}


def test_plain_walk_outside_git(tmp_path):
    tree(tmp_path, FILES)
    assert subprocess.run(["git", "-C", str(tmp_path), "rev-parse"], capture_output=True).returncode != 0
    found = rel(walk_folder(tmp_path / "docs"), tmp_path)
    assert found == ["docs/a.md", "docs/b.txt", "docs/build/g.md", "docs/concept-h.md", "docs/sub/c.html",
                     "docs/sub/d.markdown"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_walk_respects_gitignore(tmp_path):
    tree(tmp_path, FILES)
    tree(tmp_path, {".gitignore": "build/\n*.txt\n"})
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "docs/a.md"], check=True)  # tracked; the rest untracked
    found = rel(walk_folder(tmp_path / "docs"), tmp_path)
    assert found == ["docs/a.md", "docs/concept-h.md", "docs/sub/c.html", "docs/sub/d.markdown"]
    # a file you name yourself is checked even when Git ignores it
    assert rel(expand([str(tmp_path / "docs" / "b.txt")]), tmp_path) == ["docs/b.txt"]


def test_exclude_from_configuration_and_command_line(tmp_path, monkeypatch):
    tree(tmp_path, FILES)
    tree(tmp_path, {"helder.toml": 'exclude = ["docs/sub/**", "concept-*.md"]\n'})
    monkeypatch.chdir(tmp_path)
    resolver = cfg.Resolver()
    found = expand(["docs"], config_for=resolver.config_for)
    assert rel(found, tmp_path) == ["docs/a.md", "docs/b.txt", "docs/build/g.md"]
    found = expand(["docs"], config_for=resolver.config_for, exclude=["docs/build"])
    assert rel(found, tmp_path) == ["docs/a.md", "docs/b.txt"]
    # excludes apply to files named on the command line too (pre-commit names every file)
    assert expand(["docs/concept-h.md", "docs/a.md"], config_for=resolver.config_for) == ["docs/a.md"]
    # missing files and standard input pass through, for the reader to report
    assert expand(["weg.md", "-"]) == ["weg.md", "-"]


def test_check_a_folder_with_one_pipeline_call(tmp_path, capsys, monkeypatch, model_option):
    import helder.nlp as nlp_module

    tree(tmp_path, {f"docs/{i:02d}.md": (BAD if i % 3 == 0 else GOOD) for i in range(7)})
    tree(tmp_path, {"helder.toml": 'exclude = ["docs/06.md"]\n'})
    real = nlp_module.get_pipeline
    calls: list[int] = []

    class Spy:
        def __init__(self, nlp):
            self.nlp = nlp

        def pipe(self, texts, batch_size=16):
            texts = list(texts)
            calls.append(len(texts))
            return self.nlp.pipe(texts, batch_size=batch_size)

    def spy_pipeline(model=None):
        nlp, info = real(model)
        return Spy(nlp), info

    monkeypatch.setattr(nlp_module, "get_pipeline", spy_pipeline)
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--format", "json", "docs"] + (["--model", model_option] if model_option else []))
    data = json.loads(capsys.readouterr().out)
    assert calls == [6]  # six files (one excluded), one nlp.pipe call
    assert [f["path"] for f in data["files"]] == [str(Path("docs") / f"{i:02d}.md") for i in range(6)]
    assert [f["path"] for f in data["files"] if any(x["code"] == "WK001" for x in f["findings"])] == [
        str(Path("docs/00.md")), str(Path("docs/03.md"))]
    assert code == 1


def test_empty_folder_says_so(tmp_path, capsys):
    (tmp_path / "leeg").mkdir()
    assert main(["check", "--no-config", str(tmp_path / "leeg")]) == 0
    assert "geen bestanden om te controleren" in capsys.readouterr().err


@pytest.mark.slow
def test_jobs_give_the_same_reports(tmp_path, capsys, model_option):
    tree(tmp_path, {f"docs/{i:02d}.md": (BAD if i % 2 else GOOD) + "\n" + GOOD for i in range(6)})
    model = ["--model", model_option] if model_option else []
    main(["check", "--no-config", "--format", "json", *model, str(tmp_path / "docs")])
    one = json.loads(capsys.readouterr().out)
    code = main(["check", "--no-config", "--format", "json", "--jobs", "2", *model, str(tmp_path / "docs")])
    two = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [(f["path"], f["findings"]) for f in one["files"]] == [(f["path"], f["findings"]) for f in two["files"]]


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal_and_for_many_files():
    term = _Terminal()
    p = _Progress(25, term)
    for i in range(1, 26):
        p(i, 25)
    p.close()
    out = term.getvalue()
    assert "\rhelder: 1/25 bestanden" in out and "\rhelder: 25/25 bestanden" in out and out.endswith("\r")
    few = _Terminal()
    p = _Progress(3, few)
    p(1, 3)
    p.close()
    assert few.getvalue() == ""
    pipe = io.StringIO()
    p = _Progress(100, pipe)
    p(1, 100)
    p.close()
    assert pipe.getvalue() == ""
