"""Readability figures: hand-counted words, syllables and sentences; hand-computed formulas.

The parse-dependent tests load the pipeline named by ``HELDER_TEST_MODEL`` (or the shipped one) once
per module and skip with a reason when no parsing pipeline is available.
"""

from __future__ import annotations

import os

import pytest

from helder import metrics
from helder.metrics import formulas
from helder.metrics.syllables import count_syllables
from helder.types import Metric


@pytest.fixture(scope="module")
def parsed_nlp(nlp):
    """The parsing pipeline from conftest (skips when there is none)."""
    return nlp


@pytest.fixture(scope="module")
def blank_nlp():
    from helder.nlp import get_pipeline

    return get_pipeline("blank")[0]


# ── syllables ─────────────────────────────────────────────────────────────────────────────────

# pyphen's nl_NL patterns already get these right
PYPHEN_FAMILY = {
    "gemeenteraad": 4, "participatie": 5, "verantwoordelijkheid": 6, "beëindigen": 4,
    "geïnformeerd": 4, "financiën": 4, "coördinatie": 5, "museum": 3, "theater": 3, "januari": 4,
    "burgemeester": 4, "bezwaarschrift": 3, "uitvoering": 3, "belastingdienst": 4, "zorgverzekering": 5,
    "huurtoeslag": 3, "bijvoorbeeld": 3, "informatie": 4, "poëzie": 3, "reünie": 3,
}
# a single vowel at a word edge, or a vowel pair that is two syllables: pyphen alone undercounts
EDGE_FAMILY = {
    "ideeën": 3, "over": 2, "eten": 2, "idee": 2, "oma": 2, "olie": 2, "agenda": 3, "Afrika": 3,
    "radio": 3, "video": 3, "alinea": 4, "België": 3, "Italië": 4, "mooie": 2, "aorta": 3, "oase": 3,
    "ideaal": 3, "overheid": 3,
}


@pytest.mark.parametrize("word,expected", sorted(PYPHEN_FAMILY.items()))
def test_syllables_words_pyphen_handles(word, expected):
    assert count_syllables(word) == expected


@pytest.mark.parametrize("word,expected", sorted(EDGE_FAMILY.items()))
def test_syllables_words_pyphen_misses(word, expected):
    assert count_syllables(word) == expected


def test_pyphen_alone_undercounts_the_edge_family():
    import pyphen

    dic = pyphen.Pyphen(lang="nl_NL")
    wrong = [w for w, n in EDGE_FAMILY.items() if len(dic.inserted(w.lower()).split("-")) != n]
    assert len(wrong) >= len(EDGE_FAMILY) - 2  # this is why helder refines pyphen's pieces


@pytest.mark.parametrize("token,expected", [
    ("o.a.", 2), ("t.a.v.", 3), ("d.d.", 2), ("art.", 1),  # one syllable per letter group
    ("2.1", 1), ("1.250,00", 1), ("2025", 1),  # a number counts as one syllable
    ("€", 0), (",", 0),  # not words
    ("AOW", 3), ("UWV", 3),  # initialisms are read letter by letter
    ("e-mail", 2), ("één", 1), ("IJsselmeer", 3), ("yoghurt", 2), ("nieuwe", 2), ("groeien", 2),
])
def test_syllables_of_abbreviations_numbers_and_spelling(token, expected):
    assert count_syllables(token) == expected


# ── formulas, by hand ─────────────────────────────────────────────────────────────────────────

SMALL_TEXT = ("De gemeente verstrekt informatie over de participatie van inwoners. "
              "Wij verwachten uw reactie binnen zes weken.")
# by hand: 2 sentences, 9 + 7 = 16 words
# syllables: de 1, ge-meen-te 3, ver-strekt 2, in-for-ma-tie 4, o-ver 2, de 1, par-ti-ci-pa-tie 5, van 1,
#            in-wo-ners 3 (22); wij 1, ver-wach-ten 3, uw 1, re-ac-tie 3, bin-nen 2, zes 1, we-ken 2 (13): 35
# more than 6 letters: gemeente, verstrekt, informatie, participatie, inwoners, verwachten, reactie: 7
# letters: 58 + 36 = 94
DOUMA = 206.835 - 0.93 * (16 / 2) - 77 * (35 / 16)  # 30.9575
BROUWER = 195 - 2 * (16 / 2) - 67 * (35 / 16)  # 32.4375
LIX = 16 / 2 + 100 * 7 / 16  # 51.75


def test_formula_functions_by_hand():
    assert formulas.flesch_douma(16, 2, 35) == pytest.approx(30.9575)
    assert formulas.leesindex_brouwer(16, 2, 35) == pytest.approx(32.4375)
    assert formulas.lix(16, 2, 7) == pytest.approx(51.75)
    assert formulas.reading_time(400) == pytest.approx(2.0)
    with pytest.raises(ValueError):
        formulas.flesch_douma(0, 0, 0)


def test_lint_formula_levels_and_clamp():
    # coefficients for nl_core_news_lg 3.7.0 + nouns 20260420, from lint_ii's coefficients.json
    raw = -4.302208863089504 + 17.314066317616003 * 5 - 1.6240611785998273 * 4 \
        - 2.5422287085919666 * 3 + 15.951894022642866 * 0.5
    assert formulas.lint_ii(5, 4, 3, 0.5) == pytest.approx(100 - raw)
    assert formulas.lint_ii(1.0, 40, 20, 0.0) == 100.0  # clamped
    assert formulas.lint_ii(8.0, 0, 0, 1.0) == 0.0
    assert [formulas.lint_level(s) for s in (0, 33.9, 34, 45.9, 46, 57.9, 58, 100)] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_compute_small_text_matches_hand_counts(blank_nlp):
    result = metrics.compute(blank_nlp(SMALL_TEXT), parsed=False)
    m = result.metrics
    assert list(m) == list(metrics.METRIC_NAMES)
    assert all(isinstance(v, Metric) and v.label for v in m.values())
    assert (m["sentences"].value, m["words"].value, m["syllables"].value, m["letters"].value) == (2, 16, 35, 94)
    assert m["mean_sentence_length"].value == pytest.approx(8.0)
    assert m["long_words_share"].value == pytest.approx(7 / 16)
    assert m["flesch_douma"].value == pytest.approx(DOUMA)
    assert m["leesindex_brouwer"].value == pytest.approx(BROUWER)
    assert m["lix"].value == pytest.approx(LIX)
    assert m["reading_time_minutes"].value == pytest.approx(16 / 200)
    assert "moeilijk" in m["flesch_douma"].interpretation.lower()
    assert m["flesch_douma"].reference == "Douma (1960)"
    assert [s.words for s in result.sentences] == [9, 7]
    assert [s.syllables for s in result.sentences] == [22, 13]


def test_douma_and_lix_bands():
    assert formulas.douma_band(55) == "redelijk moeilijk"
    assert formulas.douma_band(25) == "heel moeilijk"
    assert formulas.douma_band(95) == "heel makkelijk"
    assert formulas.lix_band(45) == "gemiddeld"


# ── blank pipeline: no guessing ───────────────────────────────────────────────────────────────

def test_blank_pipeline_gives_no_lint_figures(blank_nlp):
    result = metrics.compute(blank_nlp(SMALL_TEXT), parsed=False)
    for name in ("lint_score", "lint_level", "lint_word_freq", "lint_max_sdl",
                 "lint_content_words_per_clause", "lint_proportion_concrete"):
        assert result.metrics[name].value is None
        assert "niet beschikbaar" in result.metrics[name].interpretation.lower()
    assert all(s.lint_score is None and s.lint_level is None for s in result.sentences)
    assert all(set(s.features) == set(metrics.LINT_FEATURES) for s in result.sentences)
    assert all(v is None for s in result.sentences for v in s.features.values())
    # claiming a parse the Doc does not have changes nothing
    assert metrics.compute(blank_nlp(SMALL_TEXT), parsed=True).metrics["lint_score"].value is None


def test_empty_text(blank_nlp):
    result = metrics.compute(blank_nlp(""), parsed=False)
    assert result.sentences == []
    assert result.metrics["words"].value == 0
    assert result.metrics["flesch_douma"].value is None
    assert result.metrics["flesch_douma"].interpretation


def test_sentence_offsets_skip_surrounding_whitespace(blank_nlp):
    text = "\n\nDe kat slaapt.\n\nHet regent.\n"
    result = metrics.compute(blank_nlp(text), parsed=False)
    assert [s.text for s in result.sentences] == ["De kat slaapt.", "Het regent."]
    for s in result.sentences:
        assert text[s.start:s.end] == s.text
    assert [s.index for s in result.sentences] == [0, 1]


def test_sentences_without_words_are_ignored(blank_nlp):
    from spacy.tokens import Doc

    doc = Doc(blank_nlp.vocab, words=["De", "kat", "slaapt", ".", "—", "Het", "regent", "."],
              sent_starts=[True, False, False, False, True, True, False, False])
    result = metrics.compute(doc, parsed=False)
    assert [s.text for s in result.sentences] == ["De kat slaapt .", "Het regent ."]
    assert result.metrics["sentences"].value == 2


# ── abbreviations: helder's counts against textstat's ─────────────────────────────────────────

FORMAL = ("Het college heeft o.a. besloten om de subsidie te verlagen. "
          "Dit besluit d.d. 12 juni is gestuurd t.a.v. het bestuur. "
          "De subsidie bedraagt volgens art. 2.1 nu € 1.250,00 per jaar.")
# by hand: 3 sentences of 10 words each (€ is a symbol, 1.250,00 a word)
# syllables: het 1, col-le-ge 3, heeft 1, o.a. 2, be-slo-ten 3, om 1, de 1, sub-si-die 3, te 1, ver-la-gen 3 (19)
#            dit 1, be-sluit 2, d.d. 2, 12 1, ju-ni 2, is 1, ge-stuurd 2, t.a.v. 3, het 1, be-stuur 2 (17)
#            de 1, sub-si-die 3, be-draagt 2, vol-gens 2, art. 1, 2.1 1, nu 1, 1.250,00 1, per 1, jaar 1 (14)
FORMAL_DOUMA = 206.835 - 0.93 * (30 / 3) - 77 * (50 / 30)  # 69.2


def test_abbreviations_do_not_split_sentences(parsed_nlp):
    result = metrics.compute(parsed_nlp(FORMAL), parsed=True)
    m = result.metrics
    assert [s.words for s in result.sentences] == [10, 10, 10]
    assert (m["sentences"].value, m["words"].value, m["syllables"].value) == (3, 30, 50)
    assert m["flesch_douma"].value == pytest.approx(FORMAL_DOUMA)
    assert [s.syllables for s in result.sentences] == [19, 17, 14]


def test_textstat_gets_the_formal_text_wrong():
    textstat = pytest.importorskip("textstat")
    textstat.set_lang("nl")
    # its regex splitter breaks at o.a., d.d., t.a.v., art. and 2.1: more than twice the real 3 sentences
    assert textstat.sentence_count(FORMAL) > 3
    assert textstat.syllable_count(FORMAL) != 50
    assert abs(textstat.flesch_reading_ease(FORMAL) - FORMAL_DOUMA) > 10


def test_words_exclude_symbols_and_count_numbers(blank_nlp):
    result = metrics.compute(blank_nlp("U betaalt € 1.250,00 (excl. btw) & 21 % rente."), parsed=False)
    # words: U, betaalt, 1.250,00, excl., btw, 21, rente -> 7; €, (, ), &, %, . are not words
    assert result.metrics["words"].value == 7


def test_parsed_pipeline_gives_lint_figures(parsed_nlp):
    result = metrics.compute(parsed_nlp(FORMAL), parsed=True)
    m = result.metrics
    assert 0 <= m["lint_score"].value <= 100
    assert m["lint_level"].value in (1, 2, 3, 4)
    assert "%" in m["lint_level"].interpretation
    assert m["lint_word_freq"].value > 1.0
    assert any(s.lint_score is not None for s in result.sentences)


def test_flesch_douma_stays_on_its_published_scale():
    assert formulas.flesch_douma(4, 1, 4) == 100.0  # "Dit is een zin." would be 126
    assert formulas.flesch_douma(200, 1, 600) == 0.0
