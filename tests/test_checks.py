"""The rule engine: profiles and their defaults, spans in the source, the blank-pipeline fallback,
lemma-aware matching, robustness against a broken rule."""

from __future__ import annotations

import os

import pytest

from helder import checks
from helder.analysis import Options, analyze_text
from helder.checks import lexicon
from helder.errors import ConfigError
from helder.types import Severity


@pytest.fixture(scope="module")
def model(pipeline):
    return os.environ.get("HELDER_TEST_MODEL")


def check(text, model, fmt="text", profile=None, rules=None, strict=True):
    extra = {"strict": strict}
    if rules:
        extra["rules"] = rules
    return analyze_text(text, format=fmt, options=Options(checks=True, model=model, profile=profile, extra=extra))


def codes(report, prefix=""):
    return [f.code for f in report.findings if f.code.startswith(prefix)]


# ── profiles ────────────────────────────────────────────────────────────────────────────────────

def test_default_profile_follows_the_format(model):
    assert check("Wij sturen u een brief.", model).profile == "brief"
    assert check("# Kop\n\nWij sturen u een brief.", model, fmt="markdown").profile == "web"
    assert check("<p>Wij sturen u een brief.</p>", model, fmt="html").profile == "web"
    assert check("Wij sturen u een brief.", model, profile="raadsvoorstel").profile == "raadsvoorstel"
    assert checks.default_profile("text") == "brief" and checks.default_profile("markdown") == "web"


def test_unknown_profile_is_a_config_error(model):
    with pytest.raises(ConfigError, match="onbekend profiel"):
        check("Wij sturen u een brief.", model, profile="bestaat-niet")


def test_sentence_limit_depends_on_the_profile(model):
    # 23 words: too long for a letter (20), fine for a council proposal (25)
    text = ("Wij willen graag dat alle kinderen in de wijk Centrum veilig kunnen spelen op een plek "
            "die dicht bij hun eigen huis ligt.")
    assert "LB001" in codes(check(text, model, profile="brief"))
    assert "LB001" not in codes(check(text, model, profile="raadsvoorstel"))


def test_profile_switches_rules_off_and_extra_rules_forces_them(model):
    text = "De aanvrager vult het formulier in."
    assert "WK011" in codes(check(text, model, profile="brief"))
    assert "WK011" not in codes(check(text, model, profile="raadsvoorstel"))
    assert codes(check(text, model, profile="raadsvoorstel", rules=["WK011"])) == ["WK011"]


def test_profile_prefix_logic():
    p = checks.Profile("x", "", select=("ALL",), ignore=("ZB", "ST004"), severity={}, settings={}, target={})
    assert p.enabled("WK001") and not p.enabled("ZB001") and not p.enabled("ST004") and p.enabled("ST001")
    p = checks.Profile("x", "", select=("ALL", "ZB001"), ignore=("ZB",), severity={}, settings={}, target={})
    assert p.enabled("ZB001") and not p.enabled("ZB002")  # the longest prefix wins


def test_profile_severity_override(model):
    text = "Hoogachtend, de burgemeester."
    rule = next(r for r in checks.load_rules() if r.code == "ST005")
    found = [f for f in check(text, model, profile="brief").findings if f.code == "ST005"]
    assert found and found[0].severity == rule.severity == Severity.SUGGESTION


# ── findings ────────────────────────────────────────────────────────────────────────────────────

def test_finding_fields_and_capitalised_replacement(model):
    report = check("Indien u vragen heeft, bel ons.", model, rules=["WK001"])
    (f,) = report.findings
    assert (f.code, f.name, f.match, f.replacements) == ("WK001", "ambtelijk-woord", "Indien", ("Als",))
    assert (f.span.start, f.span.end, f.span.line, f.span.column) == (0, 6, 1, 1)
    assert "'Als'" in f.message and "'Indien'" in f.message and f.link.startswith("https://")


def test_spans_point_into_the_markdown_source(model):
    source = "# Uw pas\n\nWij sturen de pas **inzake** uw aanvraag.\n"
    report = check(source, model, fmt="markdown", rules=["WK001"])
    (f,) = report.findings
    assert f.match == "inzake" == source[f.span.start:f.span.end]
    assert (f.span.line, f.span.column) == (3, 21)


def test_split_and_inflected_patterns(model):
    report = check("U bent sinds 2010 in Diemen woonachtig. Wij verstrekten u toen een pas.", model, rules=["WK001"])
    matches = [f.match for f in report.findings]
    assert any(m.startswith("bent") and m.endswith("woonachtig") for m in matches), matches
    assert "verstrekten" in matches
    by_match = {f.match: f.replacements for f in report.findings}
    assert by_match["verstrekten"][:2] == ("gaven", "stuurden")  # the suggestion takes the writer's tense
    woont = [r for m, r in by_match.items() if m.endswith("woonachtig")]
    assert woont == [("woont",)], by_match


def test_suggestions_take_the_form_of_the_matched_verb(model):
    report = check("Het kantoor is in Diemen gevestigd. Wij hebben u de pas verstrekt. Wij zijn in Diemen "
                   "woonachtig.", model, rules=["WK001"])
    by_match = {f.match: f.replacements for f in report.findings}
    assert by_match["is in Diemen gevestigd"][0] == "zit"
    assert by_match["verstrekt"][0] == "gegeven"  # participle after 'hebben'
    assert by_match["zijn in Diemen woonachtig"] == ("wonen",)


def test_suggestions_agree_with_plural_nouns_and_inflected_adjectives(model):
    report = check("Wij vragen om competenties. Dat zijn essentiële punten. Het gaat om diverse aspecten.",
                   model, rules=["WK001", "WK002"])
    by_match = {f.match: f.replacements for f in report.findings}
    assert by_match["competenties"] == ("vaardigheden",)
    assert by_match["essentiële"][0] == "belangrijke"
    assert set(by_match["aspecten"]) >= {"punten", "kanten"}


def test_plural_and_adjective_spelling():
    from helder.morphology import infinitive_of_stem, most_frequent as pick, spelling_variants

    assert pick(spelling_variants("brief", "en")) == "brieven"
    assert pick(spelling_variants("jaar", "en")) == "jaren"
    assert pick(spelling_variants("gesprek", "en")) == "gesprekken"
    assert pick(spelling_variants("burger", "en")) == "burgers"
    assert pick(spelling_variants("groot", "e")) == "grote"
    assert pick(spelling_variants("open", "e")) is None  # 'open' does not take an -e
    assert [infinitive_of_stem(w) for w in ("bel", "geef", "neem", "kies", "zet", "meer")] == \
        ["bellen", "geven", "nemen", "kiezen", "zetten", None]


def test_conjugation_tables():
    assert lexicon.conjugate("wonen")["sg3"] == "woont"
    assert lexicon.conjugate("verstrekken") == {"inf": "verstrekken", "sg1": "verstrek", "sg3": "verstrekt",
                                                "past_sg": "verstrekte", "past_pl": "verstrekten",
                                                "part": "verstrekt"}
    assert lexicon.conjugate("melden")["part"] == "gemeld" and lexicon.conjugate("praten")["sg3"] == "praat"
    assert lexicon.conjugate("ontvangen") is None or lexicon.conjugate("ontvangen")["sg3"] == "ontvangt"
    assert lexicon.conjugate("toestaan") is None  # separable: the particle moves, no single form
    assert lexicon.slot_of("bent", "zijn") == "sg3" and lexicon.slot_of("waren", "zijn") == "past_pl"
    assert lexicon.slot_of("verstrekt", "verstrekken") is None  # present or participle: ambiguous
    assert lexicon.slot_of("verstrekt", "verstrekken", is_participle=True) == "part"
    assert lexicon.inflect_alternative("vragen u", "sg3") == "vraagt u"
    assert lexicon.inflect_alternative("om te betalen", "sg3") == "om te betalen"
    assert lexicon.inflect_alternative("bedrag betalen", "past_pl") == "bedrag betaalden"
    assert lexicon.inflect_alternative("misschien", None) == "misschien"


def test_acronym_explained_at_first_use_is_fine(model):
    ok = "U krijgt hulp via de Wet maatschappelijke ondersteuning (Wmo). De Wmo helpt ook mantelzorgers."
    bad = "U krijgt hulp via de Wmo. Dat is de Wet maatschappelijke ondersteuning."
    assert codes(check(ok, model, rules=["WK005"])) == []
    assert codes(check(bad, model, rules=["WK005"])) == ["WK005"]


def test_mixed_address_reports_the_minority_form(model):
    report = check("U kunt bellen. U kunt mailen. Je kunt ook langskomen.", model, rules=["WK006"])
    assert [(f.code, f.match) for f in report.findings] == [("WK006", "Je")]


def test_findings_are_sorted_and_unique(model):
    report = check("Indien u thans woonachtig bent, bel ons. Men zegt dat het niet onmogelijk is.", model)
    keys = [(f.span.start, f.span.end, f.code) for f in report.findings]
    assert keys == sorted(keys) and len(keys) == len(set(keys))


# ── without a parser ────────────────────────────────────────────────────────────────────────────

def test_blank_pipeline_skips_parse_rules_with_one_warning():
    report = check("Indien u thans woonachtig bent, wordt uw aanvraag door ons beoordeeld.", "blank")
    assert report.parsed is False
    assert "WK001" in codes(report)
    assert not codes(report, "ZB00")
    skipped = [w for w in report.warnings if "overgeslagen" in w]
    assert len(skipped) == 1 and "ZB001" in skipped[0] and "WK001" not in skipped[0]


# ── engine internals ───────────────────────────────────────────────────────────────────────────

def test_broken_rule_becomes_a_warning(model, monkeypatch):
    from helder.checks import registry

    def boom(run):
        raise RuntimeError("kapot")

    monkeypatch.setitem(registry.python_functions(), "capital_u", boom)
    report = check("Wij sturen U een brief. Men zegt van wel.", model, rules=["WK015", "WK008"], strict=False)
    assert codes(report) == ["WK008"]
    assert any("WK015" in w and "kapot" in w for w in report.warnings)
    with pytest.raises(RuntimeError):
        check("Wij sturen U een brief.", model, rules=["WK015"], strict=True)


def test_lexicon_forms_and_missing_files(tmp_path):
    assert {"verstrekt", "verstrekte", "verstrekten", "verstrekken"} <= lexicon.forms("verstrekken")
    assert {"beoordeeld", "beoordeelt", "beoordeelde"} <= lexicon.forms("beoordelen")
    assert "eventuele" in lexicon.forms("eventueel")
    assert {"bent", "is", "waren"} <= lexicon.forms("zijn")
    assert "voldaan" in lexicon.forms("voldoen") and "ondertekend" in lexicon.forms("ondertekenen")
    assert lexicon.load_entries(tmp_path / "bestaat-niet.tsv") == ()
    tsv = tmp_path / "mini.tsv"
    tsv.write_text("# kop\n# pattern\talternatives\tnote\nindien\tals\t\nzijn … woonachtig\twonen | zitten\tsplit\n"
                   "eventueel\t-\t\n", encoding="utf-8")
    entries = lexicon.load_entries(tsv)
    assert [e.pattern for e in entries] == ["indien", "zijn … woonachtig", "eventueel"]
    assert entries[1].parts == (("zijn",), ("woonachtig",)) and entries[1].replacements == ("wonen", "zitten")
    assert entries[2].delete and entries[2].replacements == ()


def test_rules_dir_is_the_checkout_copy():
    root = checks.rules_dir()
    assert (root / "schema.json").is_file() and (root / "profielen" / "brief.yml").is_file()


def test_hard_sentence_says_what_makes_it_hard(model):
    report = check("Ter bevordering van de maatschappelijke participatie en zelfredzaamheid van inwoners met "
                   "beperkingen worden voorzieningen getroffen conform de geldende beleidsregels.", model,
                   rules=["LB003"])
    (finding,) = report.findings
    assert "vooral door woorden die weinig mensen kennen" in finding.message
    named = finding.message.split("(")[2].split(")")[0]
    assert "zelfredzaamheid" in named or "beleidsregels" in named, finding.message
    assert "inwoners" not in named  # a common word is never named as a rare one


def test_lint_cause_picks_the_largest_share():
    from types import SimpleNamespace

    from helder.checks import metric

    ctx = SimpleNamespace(doc=None)
    run = SimpleNamespace(ctx=ctx, setting=lambda name, default=None: default)
    # long dependencies, common words: the distance is the cause (no doc: no word pair to name)
    sent = SimpleNamespace(start=0, end=0, features={"word_freq": 5.2, "max_sdl": 16.0,
                                                      "content_words_per_clause": 3.0, "proportion_concrete": 0.6})
    ctx.doc = SimpleNamespace(char_span=lambda *a, **k: None)
    assert metric.lint_cause(run, sent)[0] == "max_sdl"
    sent.features = {"word_freq": 5.2, "max_sdl": 5.0, "content_words_per_clause": 9.0, "proportion_concrete": 0.6}
    assert metric.lint_cause(run, sent)[0] == "content_words_per_clause"
    sent.features = {"word_freq": 5.2, "max_sdl": 5.0, "content_words_per_clause": 3.0, "proportion_concrete": 0.0}
    assert metric.lint_cause(run, sent)[0] == "proportion_concrete"
    sent.features = {"word_freq": 5.2, "max_sdl": 4.0, "content_words_per_clause": 3.0, "proportion_concrete": 0.6}
    assert metric.lint_cause(run, sent) == (None, {})  # easier than the reference on every feature


def test_naamwoordstijl_suggests_the_verb_in_the_writers_form(model):
    report = check("Wij gaan over tot betaling van het bedrag. Wij stelden u in kennis van het besluit.", model,
                   rules=["ZB004"])
    by_match = {f.match: f.replacements for f in report.findings}
    assert by_match["gaan over tot"][0] == "betalen", by_match  # the verb of the noun after 'tot'
    assert by_match["stelden u in kennis"] == ("lieten weten",), by_match
    assert all("," not in r for reps in by_match.values() for r in reps)  # one suggestion per replacement
