"""Every rule file: valid against the schema, unique code matching its file and folder, and its own
examples behave (each ``fail`` example gives the rule at least one finding, each ``pass`` example none).

Run one rule's examples with ``pytest tests/test_rules.py -k WK001``. The examples run through the
real parsed pipeline (``HELDER_TEST_MODEL`` or helder's default) and, once the document and metrics
modules exist, through the real ``helder.analysis.analyze_text`` path.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from helder import checks
from helder.checks.loader import FAMILIES

RULES = checks.load_rules()
ROOT = checks.rules_dir()


#: Examples that fail only because the early pipeline snapshot parses them wrongly (not the rule).
#: They are expected failures, not strict: with a better pipeline they pass and pytest says XPASS.
KNOWN_PARSE_ERRORS = {
    "WK009-fail-2": "the pipeline may tag 'besluit' in 'Het college besluit ...' as a noun, so no finite verb",
}


def _example_params():
    params = []
    for rule in RULES:
        for outcome, examples in (("fail", rule.fail), ("pass", rule.passes)):
            for n, ex in enumerate(examples, start=1):
                pid = f"{rule.code}-{outcome}-{n}"
                marks = [pytest.mark.xfail(reason=KNOWN_PARSE_ERRORS[pid], strict=False)] \
                    if pid in KNOWN_PARSE_ERRORS else []
                params.append(pytest.param(rule, outcome, ex, id=pid, marks=marks))
    return params


def _has_metrics_compute() -> bool:
    if importlib.util.find_spec("helder.metrics") is None:
        return False
    from helder import metrics

    return hasattr(metrics, "compute")


def _stand_in_metrics(doc):
    """Until helder.metrics.compute exists: sentences with words and LiNT-II level, the document scores."""
    from helder.metrics import counts, formulas, lint

    sents = counts.count_sentences(doc)
    try:
        sent_lint, doc_lint = lint.analyze(doc, [s.span for s in sents])
    except Exception:  # lint data missing: no LiNT figures
        sent_lint, doc_lint = [None] * len(sents), None
    out = []
    for i, (s, sl) in enumerate(zip(sents, sent_lint)):
        out.append(SimpleNamespace(index=i, text=s.span.text, start=s.start, end=s.end, words=s.words,
                                   lint_score=getattr(sl, "score", None), lint_level=getattr(sl, "level", None),
                                   features={}))
    words = sum(s.words for s in sents)
    syll = sum(s.syllables for s in sents)
    m = {}
    if words and sents:
        m["flesch_douma"] = SimpleNamespace(value=formulas.flesch_douma(words, len(sents), syll))
    m["lint_level"] = SimpleNamespace(value=getattr(doc_lint, "level", None))
    return SimpleNamespace(metrics=m, sentences=out)


def findings_for(text: str, code: str, *, profile: str | None, fmt: str, model: str | None, nlp):
    from helder.analysis import Options

    options = Options(checks=True, model=model, profile=profile, extra={"rules": [code], "strict": True})
    if _has_metrics_compute() and importlib.util.find_spec("helder.documents") is not None:
        from helder.analysis import analyze_text

        report = analyze_text(text, format=fmt, options=options)
        return [f for f in report.findings if f.code == code]
    from helder.documents import from_string

    document = from_string(text, format=fmt)
    doc = nlp(document.text)
    outcome = checks.run_checks(document, doc, _stand_in_metrics(doc), parsed=True, options=options)
    return [f for f in outcome.findings if f.code == code]


@pytest.mark.parametrize("rule, outcome, example", _example_params())
def test_rule_example(rule, outcome, example, nlp, model_option):
    found = findings_for(example.text, rule.code, profile=example.profile, fmt=example.format,
                         model=model_option, nlp=nlp)
    if outcome == "fail":
        assert found, f"{rule.code} should report something in: {example.text!r}"
        for f in found:
            assert f.message and "{" not in f.message, f"unfilled placeholder in {f.message!r}"
            assert f.link == rule.link and f.name == rule.name
            assert 0 <= f.span.start <= f.span.end
    else:
        assert not found, f"{rule.code} should not report {[f.match for f in found]} in: {example.text!r}"


def test_at_least_forty_rules_in_every_family():
    assert len(RULES) >= 40
    assert {r.code[:2] for r in RULES} == set(FAMILIES)


def test_rule_files_valid_unique_and_in_place():
    import jsonschema

    schema = json.loads((ROOT / "schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    codes: dict[str, Path] = {}
    names: dict[str, str] = {}
    for family in FAMILIES.values():
        for path in sorted((ROOT / family).glob("*")):
            assert path.suffix == ".yml", f"unexpected file {path}"
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            errors = list(validator.iter_errors(data))
            assert not errors, f"{path}: {errors[0].message}"
            assert path.stem == data["code"], path
            assert FAMILIES[data["code"][:2]] == family, path
            assert data["code"] not in codes, f"{data['code']} twice"
            assert data["name"] not in names, f"name {data['name']} used by {names.get(data['name'])}"
            codes[data["code"]] = path
            names[data["name"]] = data["code"]
    assert set(codes) == {r.code for r in RULES}


def test_messages_are_dutch_and_have_known_placeholders():
    for rule in RULES:
        for msg in [rule.message, *rule.messages.values()]:
            assert not re.search(r"\b(the|please|should|sentence)\b", msg, re.I), (rule.code, msg)
            for name in re.findall(r"{(\w+)}", msg):
                assert name.isidentifier(), (rule.code, name)


def test_profiles_load_and_mention_only_known_codes():
    codes = {r.code for r in RULES}
    names = checks.available_profiles()
    assert {"brief", "web", "raadsvoorstel"} <= set(names)
    for name in names:
        profile = checks.load_profile(name)
        for code in [*profile.settings, *profile.severity]:
            assert code in codes, f"profile {name}: unknown code {code}"
        for prefix in [*profile.select, *profile.ignore]:
            assert prefix == "ALL" or any(c.startswith(prefix) for c in codes), (name, prefix)
        assert profile.target.get("cefr") in ("A1", "A2", "B1", "B2", "C1", "C2")  # one target (helder.verdict)
    assert checks.load_profile("raadsvoorstel").rule_settings(
        next(r for r in RULES if r.code == "LB001"))["max_words"] == 25
    assert checks.load_profile("brief").rule_settings(next(r for r in RULES if r.code == "LB001"))["max_words"] == 20


def test_broken_rule_file_is_a_config_error(tmp_path):
    from helder.errors import ConfigError

    (tmp_path / "woordkeuze").mkdir()
    (tmp_path / "schema.json").write_text((ROOT / "schema.json").read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "woordkeuze" / "WK001.yml"
    bad.write_text("code: WK001\nname: x\nkind: bestaat-niet\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="WK001.yml"):
        checks.load_rules(tmp_path)
    bad.write_text("code: WK001\nname: [\n", encoding="utf-8")
    checks.clear_caches()
    with pytest.raises(ConfigError, match="WK001.yml"):
        checks.load_rules(tmp_path)
    checks.clear_caches()


def test_unknown_profile_is_a_config_error():
    from helder.errors import ConfigError

    with pytest.raises(ConfigError, match="onbekend profiel"):
        checks.load_profile("bestaat-niet")


# ── fixes: every rule whose suggestions can be safe has the fixed form of each fail example ────────

SAFE_RULES = [r for r in RULES if r.spec.get("fix") == "safe"]


def _fixed_params():
    params = []
    for rule in SAFE_RULES:
        fixed = rule.spec["examples"].get("fixed") or []
        for n, (ex, want) in enumerate(zip(rule.fail, fixed), start=1):
            params.append(pytest.param(rule, ex, want, id=f"{rule.code}-fixed-{n}"))
    return params


def test_safe_rules_give_the_fixed_form_of_every_fail_example():
    assert {r.code for r in SAFE_RULES} >= {"WK001", "WK015"}
    for rule in SAFE_RULES:
        fixed = rule.spec["examples"].get("fixed")
        assert fixed and len(fixed) == len(rule.fail), f"{rule.code}: examples.fixed needs one entry per fail example"
        assert any(f != ex.text for f, ex in zip(fixed, rule.fail)), f"{rule.code}: no example is fixed"
    for rule in RULES:
        if rule.spec.get("fix", "none") != "safe":
            assert "fixed" not in rule.spec["examples"], f"{rule.code}: examples.fixed without fix: safe"


@pytest.mark.parametrize("rule, example, want", _fixed_params())
def test_rule_fixed_example(rule, example, want, model_option):
    """Golden fixed text: only this rule's safe fixes, as `helder check --fix` applies them; fixing the
    result again changes nothing."""
    from helder.analysis import Options, analyze_text
    from helder.documents import from_string
    from helder.fixing.apply import fix_document

    options = Options(checks=True, model=model_option, profile=example.profile,
                      extra={"rules": [rule.code], "strict": True})
    report = analyze_text(example.text, format=example.format, options=options)
    result = fix_document(from_string(example.text, format=example.format), report, options)
    assert result.text == want
    again = analyze_text(result.text, format=example.format, options=options)
    assert not [f for f in again.findings if f.fix is not None and f.fix.safe], "a second --fix would change it"


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "python"], ids=lambda r: r.code)
def test_code_rule_examples_run_through_its_module(rule, nlp, model_option, monkeypatch):
    """The YAML examples of a ``kind: python`` rule are judged by the function of its own module
    (``helder/checks/rules/<code>_<function>.py``; see tests/test_architecture.py for its docstring)."""
    from helder.checks.registry import python_functions

    function = rule.spec["function"]
    real = python_functions()[function]
    assert real.__module__ == f"helder.checks.rules.{rule.code.lower()}_{function}"
    calls = []

    def traced(run):
        calls.append(run.rule.code)
        real(run)

    monkeypatch.setitem(python_functions(), function, traced)
    example = rule.fail[0]
    found = findings_for(example.text, rule.code, profile=example.profile, fmt=example.format,
                         model=model_option, nlp=nlp)
    assert calls == [rule.code]
    if rule.code not in KNOWN_PARSE_ERRORS_BY_CODE:
        assert found, f"{rule.code}: {example.text!r}"


#: Rules whose first fail example the early pipeline may parse wrongly (see KNOWN_PARSE_ERRORS).
KNOWN_PARSE_ERRORS_BY_CODE = {pid.split("-")[0] for pid in KNOWN_PARSE_ERRORS if pid.endswith("-fail-1")}
