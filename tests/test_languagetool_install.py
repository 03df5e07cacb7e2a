"""``helder languagetool install|start|stop|status`` and the one-warning-per-run rule.

The install test is real: it fetches every jar of ``helder/data/languagetool-jars.txt`` with the same
code a user runs, from the local Maven repository (``~/.m2/repository``, which ``languagetool/fetch.sh``
fills in CI) when it holds them all, else from Maven Central. Then it starts a real server in the
background with ``helder languagetool start``, checks a text with ``--grammar`` through it, and stops it.
Without Java or without any repository the tests skip, except in CI, where they fail.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helder.cli import main
from helder.grammar import install as lt
from helder.grammar import server

ROOT = Path(__file__).resolve().parents[1]
M2 = Path.home() / ".m2" / "repository"


def _unavailable(message: str):
    if os.environ.get("CI"):
        pytest.fail(f"CI: {message}", pytrace=False)
    pytest.skip(message)


def _env(home: Path | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELDER_")}
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    if home is not None:
        env["HELDER_LANGUAGETOOL_HOME"] = str(home)
    env.update(extra)
    return env


def _helder(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helder", *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def _local_repository_complete(jars: list[lt.Jar]) -> bool:
    return all(Path(j.url(str(M2))).is_file() for j in jars)


def _maven_layout(jars: list[lt.Jar], source: Path, repo: Path) -> None:
    """A Maven repository in ``repo`` whose jars link to the files in ``source``."""
    for j in jars:
        target = Path(j.url(str(repo)))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(source / j.filename)


# -- without network or Java ----------------------------------------------------------------------

def test_lock_file_matches_pom():
    jars = lt.locked_jars()
    pom = (ROOT / "languagetool" / "pom.xml").read_text(encoding="utf-8")
    version = re.search(r"<languagetool.version>([^<]+)<", pom).group(1)
    assert lt.locked_version(jars) == version
    artifacts = {j.artifact: j for j in jars}
    for name in ("languagetool-server", "languagetool-core", "language-nl", "language-es", "language-ca",
                 "language-pt"):
        assert artifacts[name].version == version, name
    # exclusions of pom.xml: no other languages, no Spanish/Catalan/Portuguese dictionaries
    assert not {"language-all", "language-de", "spanish-pos-dict", "catalan-pos-dict"} & set(artifacts)
    assert len({j.filename for j in jars}) == len(jars)
    assert all(re.fullmatch(r"[0-9a-f]{64}", j.sha256) and j.size > 0 for j in jars)
    assert 50e6 < sum(j.size for j in jars) < 200e6


def test_status_without_languagetool(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("HELDER_LANGUAGETOOL_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(server, "_REPO_HOME", tmp_path / "no-repo")
    assert main(["languagetool", "status"]) == 1
    out = capsys.readouterr().out
    assert "niet geïnstalleerd" in out and "helder languagetool install" in out
    assert main(["languagetool", "start"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "helder languagetool install" in err
    assert main(["languagetool", "stop"]) == 0


def test_missing_languagetool_warns_once_per_run(monkeypatch, tmp_path, capsys, model_option):
    monkeypatch.delenv("HELDER_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setattr(server, "find_installation", lambda: None)
    monkeypatch.setattr(server, "url_from_start_script", lambda installation=None: None)
    monkeypatch.setattr(server, "_SHARED", None)  # leave a shared server of other tests alone
    monkeypatch.setattr(server, "_SHARED_FAILED", None)
    files = []
    for n in range(4):
        p = tmp_path / f"brief{n}.txt"
        p.write_text("Indien u vragen heeft, kunt u ons bellen.\n", encoding="utf-8")
        files.append(str(p))
    model = ["--model", model_option] if model_option else []
    for _ in range(2):  # and once again in the next run in the same process
        assert main(["check", "--grammar", *files, *model]) == 1
        err = capsys.readouterr().err
        lines = [ln for ln in err.splitlines() if "Spellingcontrole niet beschikbaar" in ln]
        assert len(lines) == 1, err
        assert "helder languagetool install" in lines[0]


# -- a real install from a Maven repository, then a real server ----------------------------------

@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A folder where ``helder languagetool install`` put the jars."""
    jars = lt.locked_jars()
    repository = M2.as_uri() if _local_repository_complete(jars) else lt.MAVEN_CENTRAL
    home = tmp_path_factory.mktemp("lt") / "languagetool"
    proc = _helder("languagetool", "install", "--dir", str(home),
                   env=_env(HELDER_MAVEN_REPOSITORY=repository), timeout=900)
    if proc.returncode != 0 and repository == lt.MAVEN_CENTRAL:
        _unavailable(f"could not install from Maven Central: {proc.stderr.strip()[-300:]}")
    assert proc.returncode == 0, proc.stderr
    assert "geïnstalleerd in" in proc.stderr
    return home


@pytest.mark.slow
def test_install_puts_the_locked_jars_in_place(installed):
    jars = lt.locked_jars()
    lib = installed / "lib"
    assert sorted(p.name for p in lib.iterdir()) == sorted(j.filename for j in jars)
    for j in jars:
        assert hashlib.sha256((lib / j.filename).read_bytes()).hexdigest() == j.sha256, j.filename
    assert (installed / "server.properties").is_file()
    assert not [p for p in installed.iterdir() if p.name.startswith(".lib-")]
    again = _helder("languagetool", "install", "--dir", str(installed),
                    env=_env(HELDER_MAVEN_REPOSITORY=(installed / "nowhere").as_uri()))
    assert again.returncode == 0 and "al geïnstalleerd" in again.stderr  # nothing fetched


@pytest.mark.slow
def test_install_refuses_a_changed_jar_and_keeps_the_old_folder(installed, tmp_path):
    jars = lt.locked_jars()
    source = tmp_path / "jars"
    source.mkdir()
    for j in jars:
        (source / j.filename).symlink_to(installed / "lib" / j.filename)
    victim = next(j for j in jars if j.artifact == "language-nl")
    (source / victim.filename).unlink()
    data = bytearray((installed / "lib" / victim.filename).read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte different
    (source / victim.filename).write_bytes(bytes(data))
    repo = tmp_path / "repo"
    _maven_layout(jars, source, repo)
    home = tmp_path / "home"
    (home / "lib").mkdir(parents=True)
    (home / "lib" / "mine.txt").write_text("keep me", encoding="utf-8")
    proc = _helder("languagetool", "install", "--dir", str(home), env=_env(HELDER_MAVEN_REPOSITORY=repo.as_uri()))
    assert proc.returncode == 2
    error = proc.stderr.strip().splitlines()[-1]  # after the one line that says what it fetches
    assert error.startswith("helder: ") and victim.filename in error and "controlegetal" in error
    assert "Traceback" not in proc.stderr
    assert [p.name for p in (home / "lib").iterdir()] == ["mine.txt"]
    assert sorted(p.name for p in home.iterdir()) == ["lib"]  # no half-filled staging folder left


@pytest.mark.slow
def test_one_jar_from_maven_central(tmp_path):
    """The HTTPS path: the smallest locked jar, fetched from Maven Central and checked."""
    jar = min(lt.locked_jars(), key=lambda j: j.size)
    try:
        lt._fetch(jar, lt.MAVEN_CENTRAL, tmp_path, timeout=60)
    except lt.InstallError as exc:
        if "controlegetal" in str(exc):
            raise
        _unavailable(f"Maven Central not reachable: {exc}")
    assert hashlib.sha256((tmp_path / jar.filename).read_bytes()).hexdigest() == jar.sha256


@pytest.mark.slow
@pytest.mark.grammar
def test_start_check_status_stop(installed, tmp_path):
    if not server.find_java():
        _unavailable("no Java 17+ to run LanguageTool")
    env = _env(installed)
    status = _helder("languagetool", "status", env=env)
    assert status.returncode == 0 and "versie" in status.stdout and "draait niet" in status.stdout
    started = _helder("languagetool", "start", env=env)
    try:
        assert started.returncode == 0, started.stderr
        url = started.stdout.strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        assert (installed / "target" / "server.url").read_text(encoding="utf-8").strip() == url
        pid = int((installed / "target" / "server.pid").read_text(encoding="utf-8"))
        again = _helder("languagetool", "start", env=env)
        assert again.returncode == 0 and again.stdout.strip() == url and "draaide al" in again.stderr
        assert f"draait op {url}" in _helder("languagetool", "status", env=env).stdout
        text = tmp_path / "brief.txt"
        text.write_text("Dit is een fout gespeld woordt.\n", encoding="utf-8")
        checked = _helder("check", "--grammar", str(text), env=env)
        assert checked.returncode == 1, checked.stderr
        assert ":1:25: LT:MORFOLOGIK_RULE_NL_NL " in checked.stdout  # the word "woordt"
        assert "Spellingcontrole" not in checked.stderr
    finally:
        stopped = _helder("languagetool", "stop", env=env)
    assert stopped.returncode == 0 and "gestopt" in stopped.stderr
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.2)
    assert not Path(f"/proc/{pid}").exists() or not lt._is_our_server(pid)
    assert not (installed / "target" / "server.url").exists()
    assert "draait niet" in _helder("languagetool", "status", env=env).stdout
