"""Configuration: where helder finds it, what every key does, precedence
(rule defaults < profile < configuration file < command line < inline directives), ``helder config``,
and errors that name the file and the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helder import config as cfg
from helder.cli import main
from helder.errors import ConfigError


@pytest.fixture(autouse=True)
def _fresh_cache():
    cfg.clear_cache()
    yield
    cfg.clear_cache()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(capsys, *args, model=None):
    argv = ["check", "--format", "json", *args]
    if model:
        argv[1:1] = ["--model", model]
    code = main(argv)
    out = capsys.readouterr()
    data = json.loads(out.out) if out.out.strip() else None
    return code, data, out.err


def codes(data, i=0):
    return [f["code"] for f in data["files"][i]["findings"]]


# ── finding the file ────────────────────────────────────────────────────────────────────────

def test_nearest_file_wins_and_helder_toml_beats_pyproject(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.helder]\nprofile = "web"\n')
    write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "x"\n')  # no [tool.helder]: skipped
    write(tmp_path / "a" / "b" / "brief.txt", "Tekst.")
    assert cfg.find_config_file(tmp_path / "a" / "b" / "brief.txt") == (tmp_path / "pyproject.toml").resolve()
    write(tmp_path / "a" / "helder.toml", 'profile = "brief"\n')
    cfg.clear_cache()
    found = cfg.find_config_file(tmp_path / "a" / "b" / "brief.txt")
    assert found == (tmp_path / "a" / "helder.toml").resolve()
    assert cfg.load_config(found).profile == "brief"
    write(tmp_path / "a" / "pyproject.toml", '[tool.helder]\nprofile = "raadsvoorstel"\n')
    cfg.clear_cache()
    assert cfg.find_config_file(tmp_path / "a" / "b") == (tmp_path / "a" / "helder.toml").resolve()


def test_every_key_is_read(tmp_path):
    write(tmp_path / "eigen.tsv", "# eigen lijst\nfrontoffice\tde balie\t\n")
    path = write(tmp_path / "pyproject.toml", """
[tool.helder]
profile = "brief"
select = ["ALL"]
ignore = ["wk003", "LT:MORFOLOGIK_RULE_NL_NL"]
min-severity = "warning"
fail-on = "error"
accept = ["parkeervergunning"]
officialese = "eigen.tsv"
exclude = ["archief/**"]
grammar = true
grammar-url = "http://localhost:8081"
baseline = ".helder-baseline.json"

[tool.helder.severity]
ZB001 = "error"
WK = "suggestion"

[tool.helder.settings.LB001]
max_words = 18

[tool.helder.per-file-ignores]
"nieuws/**" = ["LB001"]

[tool.helder.profiles]
"web/**/*.md" = "web"
""")
    c = cfg.load_config(path)
    assert c.profile == "brief" and c.select == ("ALL",) and c.ignore == ("WK003", "LT:MORFOLOGIK_RULE_NL_NL")
    assert c.min_severity.label == "warning" and c.fail_on.label == "error"
    assert c.accept == ("parkeervergunning",) and c.officialese == tmp_path.resolve() / "eigen.tsv"
    assert c.exclude == ("archief/**",) and c.grammar is True and c.grammar_url == "http://localhost:8081"
    assert c.baseline == tmp_path.resolve() / ".helder-baseline.json"
    assert {k: v.label for k, v in c.severity.items()} == {"ZB001": "error", "WK": "suggestion"}
    assert c.settings == {"LB001": {"max_words": 18}}
    assert c.per_file_ignores == (("nieuws/**", ("LB001",)),) and c.profiles == (("web/**/*.md", "web"),)


# ── errors with file and line ────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("text, line, words", [
    ('[tool.helder]\nprofile = "web"\nprofiel = "web"\n', 3, ["onbekende sleutel 'profiel'", "bedoel je 'profile'"]),
    ('[tool.helder]\nselect = [\n  "WK001",\n  "ZB999",\n]\n', 4, ["onbekende regelcode 'ZB999'"]),
    ('[tool.helder]\nignore = ["XX"]\n', 2, ["onbekende regelcode 'XX'"]),
    ('[tool.helder]\nfail-on = "hoog"\n', 2, ["suggestion, warning of error"]),
    ('[tool.helder]\nprofile = "webb"\n', 2, ["onbekend profiel 'webb'", "bedoel je 'web'"]),
    ('[tool.helder]\nselect = "WK001"\n', 2, ["een lijst met codes"]),
    ('[tool.helder]\ngrammar = "ja"\n', 2, ["true of false"]),
    ('[tool.helder]\n\n[tool.helder.severity]\nZB001 = "error"\nZB998 = "error"\n', 5, ["'ZB998'"]),
    ('[tool.helder]\nseverity = { WK001 = "warning", ZB998 = "error" }\n', 2, ["'ZB998'"]),
    ('[tool.helder.settings.LB001]\nmax_words = 18\nmax_wordz = 3\n', 3, ["kent de instelling 'max_wordz' niet"]),
    ('[tool.helder.settings.LB999]\nmax_words = 18\n', 1, ["'LB999'"]),
    ('[tool.helder.per-file-ignores]\n"nieuws/**" = ["LB001"]\n"web/**" = ["QQ1"]\n', 3, ["'QQ1'"]),
    ('[tool.helder.profiles]\n"web/**" = "website"\n', 2, ["onbekend profiel 'website'"]),
    ('[tool.helder]\nofficialese = "bestaat-niet.tsv"\n', 2, ["bestaat-niet.tsv bestaat niet"]),
    ('[tool.helder]\nprofile = "web\n', 2, ["geen geldige TOML"]),
    ('[project]\nname = "x"\n\n[tool.helder]\nmin_severity = "error"\n', 5, ["bedoel je 'min-severity'"]),
])
def test_errors_name_file_and_line(tmp_path, capsys, text, line, words):
    path = write(tmp_path / "pyproject.toml", text)
    doc = write(tmp_path / "brief.txt", "Wij sturen u een brief.\n")
    with pytest.raises(ConfigError) as info:
        cfg.load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path.resolve()}:{line}: "), message
    for w in words:
        assert w in message
    code = main(["check", str(doc)])
    err = capsys.readouterr().err
    assert code == 2 and err == f"helder: {message}\n"  # one line, exit 2


def test_helder_toml_errors_and_top_level_keys(tmp_path):
    path = write(tmp_path / "helder.toml", 'profile = "web"\n\n[severity]\nWK001 = "fout"\nWK002 = "heel erg"\n')
    with pytest.raises(ConfigError, match=r"helder\.toml:5: 'severity\.WK002' moet suggestion, warning of error"):
        cfg.load_config(path)


def test_malformed_own_officialese_list(tmp_path):
    write(tmp_path / "eigen.tsv", "# lijst\nfrontoffice de balie\n")
    path = write(tmp_path / "helder.toml", 'officialese = "eigen.tsv"\n')
    with pytest.raises(ConfigError, match=r"eigen\.tsv:2: "):
        cfg.load_config(path)


def test_unknown_code_on_the_command_line(tmp_path, capsys):
    doc = write(tmp_path / "brief.txt", "Wij sturen u een brief.\n")
    assert main(["check", "--no-config", "--select", "WK001,ZB0", "--ignore", "WKX", str(doc)]) == 2
    err = capsys.readouterr().err
    assert err == "helder: onbekende regelcode 'WKX' in --ignore ('helder rules' toont alle codes)\n"


# ── precedence ──────────────────────────────────────────────────────────────────────────────

def test_decide_longest_prefix_over_layers():
    profile = (("ALL",), ("WK011", "ST"))
    assert cfg.decide("WK001", [profile]) and not cfg.decide("WK011", [profile]) and not cfg.decide("ST001", [profile])
    # a family select in the file does not switch on what the profile switched off by full code ...
    assert not cfg.decide("WK011", [profile, (("WK",), ())])
    # ... a full code does; and the file's select keeps only what it names
    assert cfg.decide("WK011", [profile, (("WK011",), ())])
    assert not cfg.decide("ZB001", [profile, (("WK",), ())])
    assert cfg.decide("ST001", [profile, (("ST001",), ())])  # longer than the profile's "ST"
    # the command line beats the file at equal length; within a layer ignore wins a tie
    assert not cfg.decide("WK011", [profile, (("WK011",), ()), ((), ("WK011",))])
    assert cfg.decide("WK011", [profile, ((), ("WK011",)), (("WK011",), ())])
    assert not cfg.decide("WK001", [(("WK001",), ("WK001",))])
    assert cfg.decide("LT:X", [profile]) and not cfg.decide("LT:X", [profile, ((), ("LT",))])


def test_precedence_profile_config_cli_directive(tmp_path, capsys, model_option):
    text = "De aanvrager vult het formulier in.\n"
    doc = write(tmp_path / "voorstel.txt", text)
    # profile raadsvoorstel switches WK011 off
    write(tmp_path / "helder.toml", 'profile = "raadsvoorstel"\n')
    _, data, _ = check(capsys, str(doc), model=model_option)
    assert "WK011" not in codes(data) and data["files"][0]["profile"] == "raadsvoorstel"
    # the configuration file switches it on again by its full code, and changes its severity
    write(tmp_path / "helder.toml", 'profile = "raadsvoorstel"\nselect = ["ALL", "WK011"]\n[severity]\nWK011 = "error"\n')
    cfg.clear_cache()
    code, data, _ = check(capsys, str(doc), model=model_option)
    found = [f for f in data["files"][0]["findings"] if f["code"] == "WK011"]
    assert found and found[0]["severity"] == "error" and code == 1
    # the command line beats the file: --ignore, and --profile
    _, data, _ = check(capsys, "--ignore", "WK011", str(doc), model=model_option)
    assert "WK011" not in codes(data)
    _, data, _ = check(capsys, "--profile", "brief", str(doc), model=model_option)
    assert data["files"][0]["profile"] == "brief" and "WK011" in codes(data)
    # an inline directive beats them all
    write(tmp_path / "voorstel.md", "<!-- helder: negeer WK011 -->\n" + text)
    _, data, _ = check(capsys, "--select", "WK011", str(tmp_path / "voorstel.md"), model=model_option)
    assert codes(data) == []


def test_per_glob_profiles_and_per_file_ignores(tmp_path, capsys, model_option, monkeypatch):
    write(tmp_path / "pyproject.toml", """
[tool.helder]
profile = "brief"

[tool.helder.profiles]
"web/**/*.md" = "web"
"raadsvoorstellen/**" = "raadsvoorstel"

[tool.helder.per-file-ignores]
"nieuws/**" = ["WK001"]
""")
    text = "Indien de aanvrager vragen heeft, belt hij ons.\n"
    for rel in ("web/afval/index.md", "raadsvoorstellen/2026/begroting.md", "brieven/bezwaar.md", "nieuws/bericht.md"):
        write(tmp_path / rel, text)
    monkeypatch.chdir(tmp_path)
    _, data, _ = check(capsys, "web", "raadsvoorstellen", "brieven", "nieuws", model=model_option)
    got = {f["path"]: (f["profile"], [x["code"] for x in f["findings"]]) for f in data["files"]}
    assert got[str(Path("web/afval/index.md"))][0] == "web"
    assert got[str(Path("raadsvoorstellen/2026/begroting.md"))][0] == "raadsvoorstel"
    assert got[str(Path("brieven/bezwaar.md"))][0] == "brief"
    assert "WK001" in got[str(Path("brieven/bezwaar.md"))][1]
    assert "WK001" not in got[str(Path("nieuws/bericht.md"))][1]


def test_settings_min_severity_and_fail_on(tmp_path, capsys, model_option):
    text = "Wij halen het afval in de hele gemeente elke week op maandag op.\n"  # 13 words
    doc = write(tmp_path / "brief.txt", text)
    _, data, _ = check(capsys, "--no-config", str(doc), model=model_option)
    assert "LB001" not in codes(data)
    write(tmp_path / "helder.toml", "[settings.LB001]\nmax_words = 8\n")
    code, data, _ = check(capsys, str(doc), model=model_option)
    assert "LB001" in codes(data) and code == 1
    # fail-on error in the file: exit 0; --fail-on on the command line beats it
    write(tmp_path / "helder.toml", 'fail-on = "error"\nmin-severity = "warning"\n[settings.LB001]\nmax_words = 8\n')
    cfg.clear_cache()
    code, data, _ = check(capsys, str(doc), model=model_option)
    assert "LB001" in codes(data) and code == 0
    assert all(f["severity"] != "suggestion" for f in data["files"][0]["findings"])
    code, _, _ = check(capsys, "--fail-on", "warning", str(doc), model=model_option)
    assert code == 1
    code, data, _ = check(capsys, "--min-severity", "error", str(doc), model=model_option)
    assert codes(data) == [] and code == 0


def test_accepted_words_and_own_officialese(tmp_path, capsys, model_option):
    text = ("Indien u een kwijtschelding wilt, bel ons.\n\n"
            "U kunt ook bellen met de klantmanager.\n\n"
            "Indien u dat wilt, helpen wij u.\n")
    doc = write(tmp_path / "brief.txt", text)
    _, data, _ = check(capsys, "--no-config", "-p", "brief", str(doc), model=model_option)
    before = {(f["code"], f["match"]) for f in data["files"][0]["findings"]}
    assert ("WK003", "kwijtschelding") in before and ("WK001", "Indien") in before
    assert ("WK001", "klantmanager") not in before
    write(tmp_path / "eigen.tsv", "# eigen ambtelijke woorden\nklantmanager\tuw contactpersoon\tzo heet het bij ons\n")
    write(tmp_path / "helder.toml", 'profile = "brief"\naccept = ["Kwijtschelding", "indien"]\nofficialese = "eigen.tsv"\n')
    _, data, _ = check(capsys, str(doc), model=model_option)
    after = {(f["code"], f["match"]): f for f in data["files"][0]["findings"]}
    assert ("WK003", "kwijtschelding") not in after and ("WK001", "Indien") not in after
    own = after[("WK001", "klantmanager")]
    assert "uw contactpersoon" in own["message"] and own["line"] == 3 and own["replacements"] == ["uw contactpersoon"]


def test_grammar_switched_on_by_the_file_and_off_by_the_command_line(tmp_path, capsys, model_option):
    doc = write(tmp_path / "brief.txt", "Wij sturen u een brief.\n")
    write(tmp_path / "helder.toml", 'grammar = true\ngrammar-url = "http://127.0.0.1:9"\n')
    _, _, err = check(capsys, str(doc), model=model_option)
    assert "Spellingcontrole" in err  # LanguageTool was asked (and is not there)
    _, _, err = check(capsys, "--no-grammar", str(doc), model=model_option)
    assert "Spellingcontrole" not in err


# ── helder config ───────────────────────────────────────────────────────────────────────────

def test_helder_config_shows_the_effective_configuration(tmp_path, capsys, monkeypatch):
    write(tmp_path / "pyproject.toml", """
[tool.helder]
profile = "brief"
fail-on = "error"
ignore = ["WK003"]

[tool.helder.profiles]
"web/**/*.md" = "web"

[tool.helder.settings.LB001]
max_words = 18
""")
    write(tmp_path / "web" / "a.md", "# Kop\n\nTekst.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["config", "web/a.md"]) == 0
    out = capsys.readouterr().out
    assert 'profile = "web"    # profiles "web/**/*.md" in' in out
    assert 'fail-on = "error"' in out and "max_words = 18" in out
    assert "WK003" not in out.split("# Regels die aan staan")[1]
    assert main(["config", "--format", "json", "--fail-on", "warning", "--select", "WK", "web/a.md"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["profile"] == "web" and data["fail_on"] == "warning"
    assert data["sources"]["fail-on"] == "opdrachtregel"
    assert data["config_file"] == str((tmp_path / "pyproject.toml").resolve())
    assert {r["code"][:2] for r in data["rules"]} == {"WK"}
    assert next(r for r in data["rules"] if r["code"] == "WK001")["severity"] == "warning"
    # a folder: the profile follows the file type
    assert main(["config", "--format", "json", "--no-config", "."]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["profile"] is None and data["profile_by_type"]["markdown"] == "web" and data["config_file"] is None


def test_glob_matching():
    assert cfg.glob_match("web/afval/index.md", "web/**/*.md")
    assert cfg.glob_match("web/index.md", "web/**/*.md")
    assert not cfg.glob_match("web/index.txt", "web/**/*.md")
    assert cfg.glob_match("raadsvoorstellen/2026/x.md", "raadsvoorstellen/**")
    assert cfg.glob_match("raadsvoorstellen/2026/x.md", "raadsvoorstellen")  # a folder: all in it
    assert cfg.glob_match("a/b/concept-brief.md", "concept-*.md")  # no slash: any folder
    assert not cfg.glob_match("a/concept/brief.md", "concept-*.md")
    assert not cfg.glob_match("oud/web/x.md", "web/**")  # with a slash: from the configuration's folder
