"""Rule and profile files validated once per content (helder.checks.loader._Validated)."""

from __future__ import annotations

import shutil

import pytest

from helder.checks import clear_caches, load_profile, load_rules, rules_dir
from helder.errors import ConfigError


@pytest.fixture
def rules_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("HELDER_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    clear_caches()
    yield folder
    clear_caches()


def test_cached_rules_equal_freshly_validated_ones(rules_copy, tmp_path):
    fresh = load_rules(rules_copy)
    assert list((tmp_path / "cache" / "rules").glob("validated-*.json"))
    clear_caches()
    cached = load_rules(rules_copy)
    assert [(r.code, r.spec, r.settings, r.message) for r in cached] == [
        (r.code, r.spec, r.settings, r.message) for r in fresh]
    assert load_profile("brief", rules_copy).name == "brief"
    clear_caches()
    assert load_profile("brief", rules_copy).severity == load_profile("brief", rules_dir()).severity


def test_an_edited_rule_file_is_validated_again(rules_copy):
    load_rules(rules_copy)
    clear_caches()
    path = rules_copy / "leesbaarheid" / "LB001.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("severity:", "severity: nergens\nx_severity:", 1),
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="LB001"):
        load_rules(rules_copy)


def test_unwritable_cache_still_loads(rules_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("HELDER_CACHE_DIR", str(blocker))
    clear_caches()
    assert len(load_rules(rules_copy)) == len(load_rules(rules_dir()))
