"""The wheel carries everything helder needs at run time, and an installed helder finds it.

Builds the wheel from a clean copy of the sources (``pyproject.toml``, ``setup.py``, ``src/``, ``rules/``
and the top-level text files) in a temporary folder, so a stale ``build/`` folder in the checkout can
neither hide nor add files, and parallel builds in the work tree do not collide. The build hook in
``setup.py`` (``BuildPyWithRules``) must copy ``rules/`` into the wheel as ``helder/rules``.

Then the wheel is unzipped and imported from there (``PYTHONPATH``, working directory outside the
checkout): ``rules_dir()`` must resolve to the packaged copy, the rules must load, and the packaged
model must parse. spaCy and the other dependencies come from the test's own environment.

Needs ``setuptools`` and ``wheel`` in the test environment (``--no-build-isolation``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "src" / "helder" / "models" / "nl_helder"

pytestmark = pytest.mark.slow

_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(wheel file, folder the wheel was unzipped into)."""
    missing = [m for m in ("setuptools", "wheel") if importlib.util.find_spec(m) is None]
    if missing:
        pytest.fail(f"cannot build the wheel without build isolation: {', '.join(missing)} not installed in "
                    f"{sys.prefix} (add them to the 'test' extra)")
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "setup.cfg", "MANIFEST.in", "LICENSE", "README.md"):
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=_IGNORE)
    shutil.copytree(ROOT / "rules", source / "rules", ignore=_IGNORE)
    dist = tmp / "dist"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "--no-cache-dir",
         "-w", str(dist)],
        cwd=source, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, f"pip wheel failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    wheels = sorted(dist.glob("helder-*.whl"))
    assert len(wheels) == 1, f"expected one helder wheel in {dist}, found {[w.name for w in wheels]}"
    unzipped = tmp / "unzipped"
    with zipfile.ZipFile(wheels[0]) as zf:
        zf.extractall(unzipped)
    return wheels[0], unzipped


@pytest.fixture(scope="module")
def names(built) -> set[str]:
    with zipfile.ZipFile(built[0]) as zf:
        return set(zf.namelist())


def test_wheel_has_rule_files(names):
    source_rules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "rules").rglob("*")
                          if p.is_file() and p.suffix in {".yml", ".yaml", ".json", ".tsv"})
    assert source_rules
    missing = [f"helder/{r}" for r in source_rules if f"helder/{r}" not in names]
    assert not missing, f"rule files missing from the wheel: {missing}"
    yml = [n for n in names if n.startswith("helder/rules/") and n.endswith(".yml")]
    rule_files = [n for n in yml if not n.startswith("helder/rules/profielen/")]
    assert len(rule_files) >= 40, rule_files
    assert "helder/rules/schema.json" in names
    assert [n for n in names if n.startswith("helder/rules/lexicon/") and n.endswith(".tsv")]
    profiles = {n for n in names if n.startswith("helder/rules/profielen/") and n.endswith(".yml")}
    assert {"helder/rules/profielen/brief.yml", "helder/rules/profielen/web.yml",
            "helder/rules/profielen/raadsvoorstel.yml"} <= profiles


def test_wheel_has_model_and_data(names):
    assert "helder/data/zijn_werkwoorden.txt" in names
    assert "helder/web/openapi.yaml" in names  # helder serve answers GET /openapi.yaml from it
    assert "helder/auditing/templates/dashboard.html.j2" in names  # helder audit's dashboard
    for name in ("page.html.j2", "report.html.j2", "document.html.j2", "text.html.j2", "chart.html.j2",
                 "report.css", "report.js"):  # the HTML report (--format html, helder serve)
        assert f"helder/formatters/templates/{name}" in names
    for name in ("form.html.j2", "error.html.j2", "rule.html.j2", "rules.html.j2", "word.html.j2"):
        assert f"helder/web/templates/{name}" in names  # helder serve's own pages
    assert "helder/models/nl_helder/meta.json" in names
    assert "helder/models/nl_helder/config.cfg" in names
    weights = {n for n in names if n.startswith("helder/models/nl_helder/") and n.endswith("/model")}
    for component in ("tok2vec", "parser"):
        assert f"helder/models/nl_helder/{component}/model" in weights, sorted(weights)
    if MODEL.is_dir():  # every file of the model in the checkout is packaged
        files = sorted(p.relative_to(ROOT / "src").as_posix() for p in MODEL.rglob("*") if p.is_file())
        missing = [f for f in files if f not in names]
        assert not missing, f"model files missing from the wheel: {missing}"


def test_packaged_copy_is_used(built):
    _, unzipped = built
    code = r"""
import json, sys
import helder
from helder import checks
from helder.nlp import get_pipeline, shipped_model_path
nlp, info = get_pipeline(None)
print(json.dumps({
    "helder": helder.__file__,
    "rules_dir": str(checks.rules_dir()),
    "rules": len(checks.load_rules()),
    "profiles": checks.available_profiles(),
    "model": str(shipped_model_path()),
    "pipeline": info.name,
    "parsed": info.parsed,
}))
"""
    env = dict(os.environ, PYTHONPATH=str(unzipped), PYTHONNOUSERSITE="1")
    env.pop("HELDER_TEST_MODEL", None)
    cwd = unzipped.parent
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    pkg = (unzipped / "helder").resolve()
    assert Path(out["helder"]).resolve().parent == pkg, out["helder"]
    assert Path(out["rules_dir"]).resolve() == pkg / "rules", out["rules_dir"]
    assert out["rules"] >= 40, out
    assert set(out["profiles"]) >= {"brief", "web", "raadsvoorstel"}, out
    assert Path(out["model"]).resolve() == pkg / "models" / "nl_helder"
    if not any(importlib.util.find_spec(m) for m in ("nl_core_news_lg", "nl_core_news_md", "nl_core_news_sm")):
        assert out["pipeline"].startswith("nl_helder") and out["parsed"], out
