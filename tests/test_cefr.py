"""The CEFR estimate and the one verdict: metrics, LB004, `helder check`/`score`, JSON and HTML agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helder import analyze_text, verdict
from helder.cli import main
from helder.metrics import cefr

ROOT = Path(__file__).resolve().parents[1]
CLEAN_LETTER = ROOT / "corpora" / "schoon" / "brief-id-kaart-klaar.txt"
OLD_LETTER = ROOT / "docs" / "examples" / "brief-ambtelijk.txt"
SHORT = "Uw pas ligt klaar. Haal hem op bij de balie."


def _run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def _model_args(model_option):
    return ["--model", model_option] if model_option else []


# -- the model --------------------------------------------------------------------------------------

def test_model_file_has_provenance_and_matches_the_results():
    data = json.loads((ROOT / "src" / "helder" / "data" / "cefr_model.json").read_text())
    assert data["features"] == list(cefr.FEATURES)
    assert data["provenance"]["script"] == "training/fit_cefr.py"
    results = json.loads((ROOT / "training" / "results" / "cefr.json").read_text())
    assert results["final_model"]["cuts"] == data["cuts"]
    assert [results["final_model"][f] for f in cefr.FEATURES] == data["coef"]
    assert 0.5 < results["balanced_accuracy_b1_or_easier"] <= 1
    assert sum(map(sum, results["confusion"]["matrix"])) == results["texts"]


def test_coefficients_point_the_way_reading_research_says():
    m = cefr.load_model()
    coef = dict(zip(m.features, m.coef))
    assert coef["lint_word_freq"] <= 0 and coef["lint_proportion_concrete"] <= 0  # common, concrete: easier
    for name in ("lint_max_sdl", "lint_content_words_per_clause", "mean_sentence_length",
                 "mean_syllables_per_word", "long_words_share"):
        assert coef[name] >= 0, name


def _values(**over):
    base = {"words": 200, "lint_word_freq": 4.2, "lint_max_sdl": 8.0, "lint_content_words_per_clause": 5.0,
            "lint_proportion_concrete": 0.45, "mean_sentence_length": 15.0, "mean_syllables_per_word": 1.75,
            "long_words_share": 0.26}
    return {**base, **over}


def test_estimate_and_probability_agree_at_the_b1_line():
    m = cefr.load_model()
    for freq in (3.0, 3.6, 4.0, 4.4, 4.8, 5.4, 6.0):
        level, p = cefr.estimate(_values(lint_word_freq=freq), m)
        assert (cefr.rank(level) <= cefr.rank("B1")) == (p >= 0.5), (freq, level, p)


def test_commoner_words_make_the_estimate_easier():
    easy = cefr.estimate(_values(lint_word_freq=5.2))
    hard = cefr.estimate(_values(lint_word_freq=3.6))
    assert easy[1] > hard[1]
    assert cefr.rank(easy[0]) <= cefr.rank(hard[0])


def test_no_estimate_below_30_words_or_without_lint_figures():
    assert cefr.estimate(_values(words=29)) is None
    assert cefr.estimate(_values(lint_max_sdl=None)) is None


def test_levels_cover_a1_to_c2():
    m = cefr.load_model()
    assert cefr.level_of(m.all_cuts()[0] - 1, m) == "A1"
    assert cefr.level_of(m.all_cuts()[-1] + 1, m) == "C2"
    assert list(m.all_cuts()) == sorted(m.all_cuts())


# -- real texts: metrics, LB004 and the verdict ------------------------------------------------------

def test_clean_letter_is_b1_and_meets_the_target(model_option):
    r = analyze_text(CLEAN_LETTER.read_text(encoding="utf-8"), checks=True, profile="brief", model=model_option)
    v = verdict.for_report(r)
    assert v.estimate in ("A1", "A2", "B1") and v.probability >= 0.5
    assert v.target == "B1" and v.meets_target is True
    assert not [f for f in r.findings if f.code == "LB004"]


def test_old_fashioned_letter_misses_the_target_and_lb004_says_the_same(model_option):
    r = analyze_text(OLD_LETTER.read_text(encoding="utf-8"), checks=True, profile="brief", model=model_option)
    v = verdict.for_report(r)
    assert v.meets_target is False and v.probability < 0.5
    lb004 = [f for f in r.findings if f.code == "LB004"]
    assert len(lb004) == 1
    assert f"moeilijker dan B1: de schatting is {v.estimate}" in lb004[0].message
    assert verdict.nl_chance(v.probability) in lb004[0].message


def test_short_text_gets_no_verdict_and_says_so(model_option):
    r = analyze_text(SHORT, checks=True, profile="brief", model=model_option)
    assert r.metric("cefr_estimate") is None and r.metric("b1_probability") is None
    v = verdict.for_report(r)
    assert v.meets_target is None
    assert "minder dan 30 woorden" in verdict.sentence(v)
    assert not [f for f in r.findings if f.code == "LB004"]


# -- every output --------------------------------------------------------------------------------------

def test_check_ends_with_the_verdict_line(tmp_path, capsys, model_option):
    p = tmp_path / "brief.txt"
    p.write_text(OLD_LETTER.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = _run(["check", str(p), "--no-config"] + _model_args(model_option), capsys)
    last = out.strip().splitlines()[-1]
    assert last.startswith(f"{p}: waarschijnlijk ") and "doel van profiel brief: B1 — niet gehaald" in last


def test_score_takes_a_profile_and_ends_with_the_verdict(tmp_path, capsys, model_option):
    p = tmp_path / "pagina.txt"
    p.write_text(CLEAN_LETTER.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = _run(["score", str(p), "--profile", "raadsvoorstel", "--no-config"] + _model_args(model_option),
                          capsys)
    assert code == 0, err
    last = out.strip().splitlines()[-1]
    assert "(kans op B1 of makkelijker: 0," in last and last.endswith("doel van profiel raadsvoorstel: B2 — gehaald")


def test_score_with_an_unknown_profile_is_a_usage_error(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("Tekst.", encoding="utf-8")
    code, out, err = _run(["score", str(p), "--profile", "folder"], capsys)
    assert code == 2 and err.startswith("helder: ") and "Traceback" not in err


def test_json_has_the_verdict(tmp_path, capsys, model_option):
    p = tmp_path / "kort.txt"
    p.write_text(SHORT, encoding="utf-8")
    q = tmp_path / "brief.txt"
    q.write_text(OLD_LETTER.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = _run(["check", str(p), str(q), "--format", "json", "--no-config"] + _model_args(model_option),
                          capsys)
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    short, old = files["kort.txt"]["verdict"], files["brief.txt"]["verdict"]
    assert short["cefr_estimate"] is None and short["meets_target"] is None and short["target"] == "B1"
    assert old["meets_target"] is False and old["profile"] == "brief" and 0 <= old["b1_probability"] < 0.5
    assert files["brief.txt"]["metrics"]["cefr_estimate"]["value"] == old["cefr_estimate"]
    lb004 = [f for f in files["brief.txt"]["findings"] if f["code"] == "LB004"]
    assert len(lb004) == 1


def test_html_report_says_it_in_words_with_the_caveat(tmp_path, model_option):
    from helder.documents import from_string
    from helder.formatters.html_report import render_html

    text = OLD_LETTER.read_text(encoding="utf-8")
    r = analyze_text(text, checks=True, profile="brief", model=model_option)
    page = render_html([r], [from_string(text, format="text", path="-")])
    assert "Taalniveau: waarschijnlijk" in page and "(nog niet gehaald)" in page
    assert "lezers hem" in page  # a formula estimates; readers decide
    assert "LiNT-II niveau 2 of lager" not in page  # the old second target is gone


def test_score_json_has_the_verdict_of_the_chosen_profile(tmp_path, capsys, model_option):
    p = tmp_path / "brief.txt"
    p.write_text(CLEAN_LETTER.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = _run(["score", str(p), "--format", "json", "--profile", "web", "--no-config"]
                          + _model_args(model_option), capsys)
    assert code == 0, err
    v = json.loads(out)["files"][0]["verdict"]
    assert v["profile"] == "web" and v["target"] == "B1" and v["meets_target"] is True
    assert v["text"].startswith("waarschijnlijk ") and v["text"].endswith("— gehaald")
