"""Settings resolved once (:class:`helder.config.Settings`), the one select/ignore algorithm, and the
gitignore-style globs (pathspec) of the configuration and of ``.gitignore`` outside a Git work tree."""

from __future__ import annotations

import dataclasses
import subprocess

import pytest

from helder import checks
from helder import config as cfg
from helder.analysis import Options
from helder.selection import decide
from helder.types import Severity
from helder.walk import expand, walk_folder
from filetree import rel, tree


@pytest.fixture(autouse=True)
def _fresh_cache():
    cfg.clear_cache()
    yield
    cfg.clear_cache()


# ── globs (pathspec, Git's wildmatch) ─────────────────────────────────────────────────────────────

def test_double_star_globs():
    assert cfg.glob_match("a/b/c/concept/x.md", "**/concept/*.md")
    assert cfg.glob_match("concept/x.md", "**/concept/*.md")  # **/ may be no folder at all
    assert not cfg.glob_match("concept/sub/x.md", "**/concept/*.md")  # * stays inside one folder
    assert cfg.glob_match("web/a/b/c.md", "web/**/c.md")
    assert cfg.glob_match("web/c.md", "web/**/c.md")
    assert not cfg.glob_match("web/a/c.txt", "web/**/*.md")
    assert cfg.glob_match("x/archief/y/z.md", "archief/")  # a trailing slash: a folder in any place
    assert not cfg.glob_match("x/web/z.md", "/web/**")  # a leading slash anchors
    assert cfg.glob_match("./web/z.md".removeprefix("./"), "./web/**")


def test_negation_takes_a_path_back():
    globs = ["archief/**", "!archief/besluiten/**"]
    assert cfg.matches_any("archief/2020/a.md", globs)
    assert not cfg.matches_any("archief/besluiten/b.md", globs)
    assert not cfg.matches_any("nieuws/c.md", globs)
    # the order counts: a later glob wins
    assert cfg.matches_any("archief/besluiten/b.md", ["!archief/besluiten/**", "archief/**"])


def test_exclude_with_negation_from_the_configuration(tmp_path, monkeypatch):
    tree(tmp_path, {"docs/archief/a.md": "x", "docs/archief/besluiten/b.md": "x", "docs/c.md": "x",
                    "helder.toml": 'exclude = ["docs/archief/**", "!docs/archief/besluiten/**"]\n'})
    monkeypatch.chdir(tmp_path)
    found = expand(["docs"], config_for=cfg.Resolver().config_for, use_git=False)
    assert rel(found, tmp_path) == ["docs/archief/besluiten/b.md", "docs/c.md"]


# ── .gitignore outside a Git work tree ───────────────────────────────────────────────────────────

def test_gitignore_outside_git(tmp_path):
    tree(tmp_path, {
        "site/.gitignore": "build/\n*.txt\n!lees-mij.txt\nconcept-*.md\n",
        "site/a.md": "x", "site/b.txt": "x", "site/lees-mij.txt": "x", "site/build/c.md": "x",
        "site/sub/concept-d.md": "x", "site/sub/e.md": "x",
        "site/sub/.gitignore": "e.md\n!/concept-d.md\n",  # deeper file: its own folder, and it wins
        "site/oud/.gitignore": "**\n", "site/oud/f.md": "x",
    })
    assert subprocess.run(["git", "-C", str(tmp_path), "rev-parse"], capture_output=True).returncode != 0
    found = rel(walk_folder(tmp_path / "site", use_git=False), tmp_path)
    assert found == ["site/a.md", "site/lees-mij.txt", "site/sub/concept-d.md"]
    # a file named on the command line is checked even when a .gitignore ignores it
    assert rel(expand([str(tmp_path / "site" / "b.txt")], use_git=False), tmp_path) == ["site/b.txt"]


def test_nothing_comes_back_from_an_ignored_folder(tmp_path):
    tree(tmp_path, {"site/.gitignore": "build/\n!build/keep.md\n", "site/build/keep.md": "x", "site/a.md": "x"})
    assert rel(walk_folder(tmp_path / "site", use_git=False), tmp_path) == ["site/a.md"]


# ── one select/ignore algorithm ───────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("select, ignore", [
    (("ALL",), ("ZB", "ST004")), (("ALL", "ZB001"), ("ZB",)), (("WK", "ZB001"), ()), (("ALL",), ("ALL",)),
    (("WK",), ("WK",)), (("LB",), ("LB001",)),
])
def test_profile_uses_the_one_algorithm(select, ignore):
    profile = checks.Profile("x", "", select=select, ignore=ignore, severity={}, settings={}, target={})
    for code in {r.code for r in checks.load_rules()} | {"LT:NL_SPACE"}:
        assert profile.enabled(code) == decide(code, [(select, ignore)])


# ── Settings ──────────────────────────────────────────────────────────────────────────────────────

def test_settings_without_configuration_follow_the_profile():
    s = cfg.settings_for("brief.txt", "text", Options())
    assert s.profile.name == "brief" and not s.profile_named
    profile = checks.load_profile("brief")
    assert set(s.rules) == {r.code for r in checks.load_rules() if profile.enabled(r.code)}
    assert s.min_severity is Severity.SUGGESTION and s.fail_on is Severity.WARNING and not s.grammar
    assert cfg.settings_for("pagina.md", "markdown", Options()).profile.name == "web"
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.fail_on = Severity.ERROR  # type: ignore[misc]


def test_settings_merge_every_layer(tmp_path):
    tree(tmp_path, {"helder.toml": (
        'profile = "brief"\nselect = ["WK", "ZB"]\nignore = ["ZB002"]\nfail-on = "error"\naccept = ["Omgevingswet"]\n'
        '[profiles]\n"raad/**" = "raadsvoorstel"\n[per-file-ignores]\n"raad/**" = ["ZB001"]\n'
        '[severity]\nWK = "error"\n[settings.LB001]\nmax_words = 18\n')})
    config = cfg.load_config(tmp_path / "helder.toml")
    options = Options(config=config, select=("ALL",), ignore=("WK001",), min_severity="warning")
    s = cfg.settings_for(str(tmp_path / "raad" / "voorstel.txt"), "text", options)
    assert s.profile.name == "raadsvoorstel" and s.profile_named and "profiles" in s.profile_source
    assert s.file_ignore == ("ZB002", "ZB001") and s.cli_select == ("ALL",)
    assert "WK001" not in s.rules and "ZB001" not in s.rules and "ZB002" not in s.rules
    assert "LB001" in s.rules  # --select ALL on the command line switches the file's select off again
    assert "WK011" not in s.rules  # the profile switches it off by its full code; ALL is shorter
    assert s.rule_settings["LB001"]["max_words"] == 18
    assert s.severity_for("WK003", Severity.SUGGESTION) is Severity.ERROR
    assert s.fail_on is Severity.ERROR and s.min_severity is Severity.WARNING
    assert s.sources["fail-on"] == str(tmp_path / "helder.toml") and s.sources["min-severity"] == "opdrachtregel"
    assert s.accept == ("Omgevingswet",)
    other = cfg.settings_for(str(tmp_path / "brief.txt"), "text", options)
    assert other.profile.name == "brief" and "ZB001" in other.rules


def test_forced_rules_and_strictness():
    s = cfg.settings_for("-", "text", Options(profile="raadsvoorstel", extra={"rules": ["wk011"], "strict": True}))
    assert s.rules == ("WK011",) and s.strict


def test_the_engine_reads_only_the_settings(nlp):
    from helder.documents import from_string
    from helder.metrics import compute

    document = from_string("Indien u vragen heeft, kunt u ons bellen.")
    doc = nlp(document.text)
    result = compute(doc, parsed=True)
    on = checks.run_checks(document, doc, result, settings=cfg.settings_for("-", "text", Options()))
    assert "WK001" in {f.code for f in on.findings}
    off = cfg.settings_for("-", "text", Options(ignore=("WK001",)))
    outcome = checks.run_checks(document, doc, result, settings=off)
    assert "WK001" not in {f.code for f in outcome.findings} and "WK001" not in outcome.rules
