"""The pre-commit hook, for real: a Git repository with Markdown files and a ``.pre-commit-config.yaml``
that points at this repository, and the real ``pre-commit`` running ``git commit``.

How: the test clones this checkout into a temporary folder, copies the current working tree of the
package (``src/``, ``rules/``, the build files and ``.pre-commit-hooks.yaml``, uncommitted changes
included) over it and commits that, because pre-commit installs a hook repository at a commit. The
site's ``.pre-commit-config.yaml`` uses that clone as ``repo:`` with the ``helder`` hook exactly as a
user would (``language: python``): pre-commit builds its own virtualenv and pip-installs helder and its
dependencies into it. That takes about a minute (spaCy, numpy and pyarrow are wheels; pip reaches
PyPI, or a local wheel folder through ``PIP_FIND_LINKS``), well inside a CI run, and it tests what a
user gets: the hook file, the package build (rules and model inside the wheel) and the console script.
The commits after the first reuse that virtualenv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_PATHS = ["src", "rules", "pyproject.toml", "setup.py", "LICENSE", "README.md", "MANIFEST.in",
                 ".pre-commit-hooks.yaml"]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def git(cwd: Path, *args: str, check: bool = True, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True, check=check,
                          env=env, timeout=1800)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A Git repository holding this checkout's working tree, and the commit to use as ``rev``."""
    if shutil.which("git") is None or not PRE_COMMIT.is_file():
        pytest.skip("git and pre-commit (pip install 'helder[test]') are needed")
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a Git checkout")
    dest = tmp_path_factory.mktemp("hook") / "helder"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(dest)], check=True,
                   capture_output=True, timeout=600)
    listing = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--",
                  *[p for p in PACKAGE_PATHS if (ROOT / p).exists()]).stdout
    wanted = {n for n in listing.split("\0") if n}
    for name in git(dest, "ls-files", "-z", "--", "src", "rules").stdout.split("\0"):
        if name and not (ROOT / name).exists():
            (dest / name).unlink()  # deleted in the working tree
    for name in sorted(wanted):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    git(dest, "add", "-A")
    git(dest, "-c", "user.name=helder test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
        "commit", "-q", "--allow-empty", "--no-verify", "-m", "working tree under test")
    return dest, git(dest, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def site(hook_repo, tmp_path_factory):
    """A writer's repository with pre-commit installed and the helder hook configured."""
    repo, rev = hook_repo
    root = tmp_path_factory.mktemp("site")
    env = dict(os.environ)
    env.update(PRE_COMMIT_HOME=str(root / ".pre-commit-home"), PRE_COMMIT_COLOR="never",
               GIT_AUTHOR_NAME="Schrijver", GIT_AUTHOR_EMAIL="schrijver@example.invalid",
               GIT_COMMITTER_NAME="Schrijver", GIT_COMMITTER_EMAIL="schrijver@example.invalid")
    env.pop("HELDER_STRICT", None)
    work = root / "site"
    work.mkdir()
    git(work, "init", "-q")
    git(work, "config", "commit.gpgsign", "false")
    (work / ".gitignore").write_text(".pre-commit-home/\n", encoding="utf-8")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: helder\n", encoding="utf-8")
    subprocess.run([str(PRE_COMMIT), "install"], cwd=work, env=env, check=True, capture_output=True, timeout=300)
    return work, env


def commit(site, files: dict[str, str], message: str) -> subprocess.CompletedProcess:
    work, env = site
    for name, text in files.items():
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(work, "add", "-A", env=env)
    return git(work, "commit", "-m", message, check=False, env=env)


def head(site) -> str | None:
    work, env = site
    p = git(work, "rev-parse", "--verify", "-q", "HEAD", check=False, env=env)
    return p.stdout.strip() or None


BAD = ("# Uw aanvraag\n\n"
       "Indien u vragen heeft, kunt u ons bellen.\n")
GOOD = ("# Uw aanvraag\n\n"
        "Heeft u vragen? Bel ons dan.\n")


def test_bad_file_blocks_the_commit_with_readable_output(site):
    result = commit(site, {"docs/aanvraag.md": BAD, "docs/leesmij.py": "# Indien\n"}, "eerste versie")
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "helder (heldere taal, B1)" in out and "Failed" in out
    assert "docs/aanvraag.md:3:1: WK001 Schrijf 'Als' in plaats van 'Indien'." in out
    assert "leesmij.py" not in out  # only Markdown, HTML and plain text go to helder
    assert head(site) is None  # nothing was committed


def test_good_file_passes(site):
    result = commit(site, {"docs/aanvraag.md": GOOD}, "heldere versie")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "helder (heldere taal, B1)" in out and "Passed" in out
    assert head(site) is not None


def test_plain_text_and_html_are_checked_too(site):
    before = head(site)
    result = commit(site, {"brieven/brief.txt": "Indien u wilt, bel ons.\n"}, "brief")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "brieven/brief.txt:1:1: WK001" in out, out
    result = commit(site, {"brieven/brief.txt": "Wilt u dat? Bel ons.\n",
                           "web/index.html": "<h1>Afval</h1><p>Indien u wilt, bel ons.</p>\n"}, "web")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "web/index.html:1:18: WK001" in out, out
    assert head(site) == before


def test_inline_directive_lets_the_commit_through(site):
    text = "# Uitzondering\n\n<!-- helder: negeer WK001 -->\nIndien u vragen heeft, kunt u ons bellen.\n"
    result = commit(site, {"web/index.html": "<h1>Afval</h1><p>Wilt u dat? Bel ons.</p>\n",
                           "docs/uitzondering.md": text}, "met uitzondering")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    # an unused directive is itself a finding: the commit is blocked and the writer sees why
    result = commit(site, {"docs/uitzondering.md": "# Uitzondering\n\n<!-- helder: negeer WK001 -->\nWij bellen u.\n"},
                    "oude uitzondering")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "docs/uitzondering.md:3:1: ST010" in out, out
