"""Organisation rule folders (``rule-folders``, ``HELDER_RULE_FOLDERS``, the ``helder.rules`` entry
point) and ``helder rules --check``, on the fixture folder ``tests/data/org-regels/goed`` (Diemen's
prefix DIE: one rule of every data kind and a word list) and broken copies of it."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

from helder.checks import clear_caches
from helder.checks.folders import DATA_KINDS, read_folder
from helder.cli import main
from helder.errors import ConfigError

GOOD = Path(__file__).parent / "data" / "org-regels" / "goed"
SRC = Path(__file__).resolve().parents[1] / "src"
LETTER = ("Beste inwoner,\n\nNeem contact op met VTH over uw aanvraag. Wij sturen u terstond een bericht.\n\n"
          "Met vriendelijke groet,\n\nGemeente Diemen\n")


@pytest.fixture(autouse=True)
def fresh(tmp_path, monkeypatch):
    """Every test starts and ends without rule folders, with its own cache folder."""
    monkeypatch.setenv("HELDER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("HELDER_RULE_FOLDERS", raising=False)
    clear_caches()
    yield
    clear_caches()


def _project(tmp_path: Path, extra: str = "", folder: Path = GOOD) -> Path:
    """A project folder with the rule folder copied into taal/regels and a helder.toml naming it."""
    shutil.copytree(folder, tmp_path / "project" / "taal" / "regels")
    (tmp_path / "project" / "helder.toml").write_text(f'rule-folders = ["taal/regels"]\n{extra}', encoding="utf-8")
    (tmp_path / "project" / "brief.txt").write_text(LETTER, encoding="utf-8")
    return tmp_path / "project"


def _helder(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command in a new process (its own caches, real exit code)."""
    model = os.environ.get("HELDER_TEST_MODEL")
    full = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), *(env or {}).pop("PYTHONPATH", "").split(os.pathsep)]))
    full.update(env or {})
    cmd = [sys.executable, "-m", "helder", *args]
    if model and args and args[0] == "check":
        cmd += ["--model", model]
    return subprocess.run(cmd, cwd=cwd, env=full, capture_output=True, text=True, timeout=300)


# ── reading a folder (no pipeline) ───────────────────────────────────────────────────────────

def test_the_fixture_folder_has_every_data_kind_and_a_word_list():
    rules, problems = read_folder(GOOD)
    assert problems == []
    assert {r.kind for r in rules} == set(DATA_KINDS)
    assert all(r.code.startswith("DIE") and r.folder == GOOD.resolve() and r.family == "organisatie" for r in rules)
    lexicon = next(r for r in rules if r.kind == "substitution").spec["lexicon"]
    assert Path(lexicon) == (GOOD / "lexicon" / "diemen.tsv").resolve()
    existence = next(r for r in rules if r.kind == "existence")
    assert existence.compiled and existence.compiled[0][0].pattern == r"\bVTH\b"  # compiled when loaded


BROKEN = {
    # name: (file relative to the folder, new text or None to append, expected line, words in the message)
    "yaml": ("DIE003.yml", "code: DIE003\nname: x\nkind: occurrence\nscope: x: y\ncount: words\n", 4, "geen geldige YAML"),
    "unknown-kind": ("DIE003.yml", None, 3, "onbekende soort regel 'telling'"),
    "python": ("DIE004.yml", None, 3, "kind: python kan alleen in helder zelf"),
    "helder-prefix": ("DIE005.yml", None, 1, "voorvoegsel van helder"),
    "missing-field": ("DIE003.yml", None, 1, "het veld 'message' ontbreekt"),
    "code-twice": ("woorden/DIE001.yml", None, 1, "de code DIE003 bestaat al"),
    "file-name": ("DIE005.yml", None, 1, "de bestandsnaam moet DIE005.yml zijn"),
    "missing-lexicon": ("woorden/DIE002.yml", None, 11, "de woordenlijst lexicon/weg.tsv bestaat niet"),
    "bad-lexicon-line": ("lexicon/diemen.tsv", None, 4, "een regel in de woordenlijst is"),
}


def _break(folder: Path, case: str) -> Path:
    name, text, _line, _words = BROKEN[case]
    path = folder / name
    old = path.read_text(encoding="utf-8")
    if case == "unknown-kind":
        text = old.replace("kind: occurrence", "kind: telling")
    elif case == "python":
        text = old.replace("kind: pattern", "kind: python")
    elif case == "helder-prefix":
        text = old.replace("code: DIE005", "code: WKX005")
        path.unlink()
        path = folder / "WKX005.yml"
    elif case == "missing-field":
        text = "\n".join(line for line in old.splitlines() if not line.startswith("message:")) + "\n"
    elif case == "code-twice":
        text = old.replace("code: DIE001", "code: DIE003")
        path.unlink()
        path = folder / "woorden" / "DIE003.yml"
    elif case == "file-name":
        text = old
        path.unlink()
        path = folder / "DIE006.yml"
    elif case == "missing-lexicon":
        text = old.replace("lexicon/diemen.tsv", "lexicon/weg.tsv")
    elif case == "bad-lexicon-line":
        text = old + "alleen een woord\n"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_folder_names_the_file_and_line(case, tmp_path):
    folder = tmp_path / "regels"
    shutil.copytree(GOOD, folder)
    path = _break(folder, case)
    _rules, problems = read_folder(folder)
    assert problems, case
    first = problems[0]
    assert first.path.name == path.name and first.invalid
    assert first.line == BROKEN[case][2], str(first)
    assert BROKEN[case][3] in first.message, str(first)


# ── configuration ────────────────────────────────────────────────────────────────────────────

def test_configuration_reads_rule_folders_relative_to_its_file(tmp_path):
    from helder.config import load_config

    project = _project(tmp_path, 'select = ["ALL"]\nignore = ["DIE003"]\n[severity]\nDIE001 = "error"\n'
                                 '[settings.DIE005]\nmax_mean = 20\n')
    config = load_config(project / "helder.toml")
    assert config.rule_folders == ((project / "taal" / "regels").resolve(),)
    assert config.ignore == ("DIE003",) and config.settings == {"DIE005": {"max_mean": 20}}


def test_helder_config_shows_the_rule_folders(tmp_path, capsys, monkeypatch):
    from helder.cli import main

    project = _project(tmp_path, 'select = ["ALL"]\n')
    monkeypatch.chdir(project)
    assert main(["config", "."]) == 0
    folder = str((project / "taal" / "regels").resolve())
    assert f'rule-folders = ["{folder}"]' in capsys.readouterr().out
    assert main(["config", "--format", "json", "."]) == 0
    assert json.loads(capsys.readouterr().out)["rule_folders"] == [folder]


def test_a_missing_folder_or_a_broken_rule_is_a_config_error_with_file_and_line(tmp_path):
    from helder.config import load_config

    (tmp_path / "helder.toml").write_text('profile = "brief"\nrule-folders = ["taal/weg"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"helder\.toml:2: 'rule-folders': de map taal/weg bestaat niet"):
        load_config(tmp_path / "helder.toml")
    project = _project(tmp_path)
    _break(project / "taal" / "regels", "python")
    clear_caches()
    with pytest.raises(ConfigError, match=r"DIE004\.yml:3: kind: python"):
        load_config(project / "helder.toml")


def test_an_unknown_own_code_in_the_configuration_is_an_error(tmp_path):
    from helder.config import load_config

    project = _project(tmp_path, 'ignore = ["DIE009"]\n')
    with pytest.raises(ConfigError, match=r"helder\.toml:2: onbekende regelcode 'DIE009'"):
        load_config(project / "helder.toml")


# ── end to end: helder check, rule, rules ────────────────────────────────────────────────────

def test_check_reports_own_rules_with_severity_and_ignore_from_the_file(tmp_path, pipeline):
    project = _project(tmp_path, '[severity]\nDIE001 = "error"\n')
    result = _helder("check", "brief.txt", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "brief.txt:3:21: DIE001 Schrijf 'VTH' niet af" in result.stdout
    assert "DIE002 In Diemen schrijven we liever 'meteen' dan 'terstond'" in result.stdout
    assert "1 fout" in result.stdout  # DIE001 raised to error by the configuration
    quiet = _helder("check", "--ignore", "DIE,WK,LB,ZB,ST", "brief.txt", cwd=project)
    assert quiet.returncode == 0 and "DIE" not in quiet.stdout, quiet.stdout + quiet.stderr
    none = _helder("check", "--no-config", "--select", "WK", "brief.txt", cwd=project)
    assert "DIE" not in none.stdout  # without the configuration the folder's rules do not run


def test_own_rules_in_every_format_directives_and_fix(tmp_path, capsys, model_option, monkeypatch):
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    args = ["--model", model_option] if model_option else []
    page = project / "pagina.md"
    page.write_text("# Afval\n\nNeem contact op met VTH.\n\n<!-- helder: uit DIE001 -->\n\n"
                    "Bel VTH als u vragen heeft.\n", encoding="utf-8")
    assert main(["check", "--select", "DIE001", "--format", "json", "pagina.md", *args]) == 1
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert [f["code"] for f in findings] == ["DIE001"]  # the second VTH is switched off by the directive
    assert main(["check", "--select", "DIE", "--format", "sarif", "brief.txt", *args]) == 1
    sarif = json.loads(capsys.readouterr().out)
    assert {"DIE001", "DIE002"} <= {r["ruleId"] for r in sarif["runs"][0]["results"]}
    assert main(["check", "--select", "DIE", "--format", "html", "-o", "r.html", "brief.txt", *args]) == 1
    assert "DIE001" in (project / "r.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--fix", "--select", "DIE002", "brief.txt", *args]) == 0
    assert "Wij sturen u meteen een bericht." in (project / "brief.txt").read_text(encoding="utf-8")


def test_own_codes_on_the_command_line_from_the_checked_files_configuration(tmp_path, capsys, model_option,
                                                                              monkeypatch):
    """--select DIE001 works when the configuration naming the folder is the checked file's, not the one
    of the current folder."""
    project = _project(tmp_path)
    outside = tmp_path / "elders"
    outside.mkdir()
    monkeypatch.chdir(outside)
    clear_caches()
    from helder.checks.folders import forget_folders

    forget_folders()
    args = ["--model", model_option] if model_option else []
    assert main(["check", "--select", "DIE", "--format", "json", str(project / "brief.txt"), *args]) == 1
    codes = {f["code"] for f in json.loads(capsys.readouterr().out)["files"][0]["findings"]}
    assert codes and all(c.startswith("DIE") for c in codes)


def test_helder_rule_and_rules_show_own_rules(tmp_path, capsys, monkeypatch):
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    assert main(["rule", "die004"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("DIE004 geen-u-wordt-gevraagd (waarschuwing)") and "Eigen regel uit" in out
    assert main(["rules"]) == 0
    assert "DIE002  eigen-woordkeus" in capsys.readouterr().out


def test_a_package_shares_a_folder_through_the_entry_point(tmp_path, pipeline):
    """An installed distribution (its dist-info with entry_points.txt) whose entry point gives the folder."""
    site = tmp_path / "site"
    (site / "diemen_regels").mkdir(parents=True)
    shutil.copytree(GOOD, site / "diemen_regels" / "regels")
    (site / "diemen_regels" / "__init__.py").write_text(
        "from pathlib import Path\n\ndef folder():\n    return Path(__file__).parent / 'regels'\n", encoding="utf-8")
    info = site / "diemen_regels-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: diemen-regels\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[helder.rules]\ndiemen = diemen_regels:folder\n", encoding="utf-8")
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "brief.txt").write_text(LETTER, encoding="utf-8")
    env = {"PYTHONPATH": str(site), "HELDER_CACHE_DIR": str(tmp_path / "cache")}
    shown = _helder("rule", "DIE001", cwd=elsewhere, env=dict(env))
    assert shown.returncode == 0 and "Eigen regel uit" in shown.stdout, shown.stderr
    checked = _helder("check", "--select", "DIE", "brief.txt", cwd=elsewhere, env=dict(env))
    assert checked.returncode == 1 and "DIE001" in checked.stdout, checked.stderr


def test_the_web_api_runs_folders_named_in_the_environment(tmp_path, monkeypatch, pipeline):
    from helder.web.server import make_server

    monkeypatch.setenv("HELDER_RULE_FOLDERS", str(GOOD))
    clear_caches()
    srv = make_server("127.0.0.1", 0, 256 * 1024, model=os.environ.get("HELDER_TEST_MODEL"), workers=1)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        boundary = uuid.uuid4().hex
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\n{LETTER}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="select"\r\n\r\nDIE\r\n--{boundary}--\r\n')
        conn = http.client.HTTPConnection("127.0.0.1", srv.server_address[1], timeout=120)
        conn.request("POST", "/api/v1/check", body=body.encode(),
                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        answer = conn.getresponse()
        report = json.loads(answer.read().decode("utf-8"))
        conn.close()
    finally:
        srv.shutdown()
        srv.server_close()
    assert answer.status == 200, report
    assert {"DIE001", "DIE002"} <= {f["code"] for f in report["files"][0]["findings"]}


# ── helder rules --check ─────────────────────────────────────────────────────────────────────

def test_rules_check_a_good_folder_exits_0(tmp_path, pipeline):
    """Also when the folder is already in use (its codes are not taken twice)."""
    result = _helder("rules", "--check", str(GOOD), cwd=tmp_path, env={"HELDER_RULE_FOLDERS": str(GOOD)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "5 regels, 11 voorbeelden: alles goed."


def test_rules_check_a_failing_example_exits_1_with_file_and_line(tmp_path, pipeline):
    folder = tmp_path / "regels"
    shutil.copytree(GOOD, folder)
    path = folder / "DIE004.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Daarom vragen wij u het formulier te sturen.", "Daarom wordt u gevraagd te betalen."), encoding="utf-8")
    result = _helder("rules", "--check", str(folder), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == f"{path}:17: DIE004 meldt 'wordt u gevraagd' bij dit goed-voorbeeld"
    assert lines[-1] == "5 regels, 11 voorbeelden: 1 voorbeeld geeft niet wat de regel belooft."


def test_rules_check_an_invalid_folder_exits_2_with_every_problem(tmp_path):
    folder = tmp_path / "regels"
    shutil.copytree(GOOD, folder)
    _break(folder, "unknown-kind")
    _break(folder, "helder-prefix")
    result = _helder("rules", "--check", str(folder), cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert f"{folder / 'DIE003.yml'}:3: onbekende soort regel 'telling' (kies uit: {', '.join(DATA_KINDS)})" in lines
    assert any(line.startswith(f"{folder / 'WKX005.yml'}:1: de code WKX005 begint met een voorvoegsel") for line in lines)
    assert lines[-1] == "2 fouten: de map met regels is niet geldig."
    missing = _helder("rules", "--check", str(tmp_path / "weg"), cwd=tmp_path)
    assert missing.returncode == 2 and "bestaat niet" in missing.stdout


def test_the_languagetool_api_knows_own_codes_and_their_family():
    """enabledRules=DIE001 or enabledCategories=DIE name helder rules, not LanguageTool ids."""
    from helder.checks.folders import forget_folders, use_folders
    from helder.web.ltcheck import _split

    clear_caches()  # (forgets configured folders too)
    use_folders([GOOD])
    try:
        assert _split(["DIE001", "die", "WK001", "NL_SPELLING_RULE"]) == (["DIE001", "DIE", "WK001"],
                                                                         ["NL_SPELLING_RULE"])
    finally:
        forget_folders()
        clear_caches()
    assert _split(["DIE001"]) == ([], ["DIE001"])  # without the folder it is not helder's
