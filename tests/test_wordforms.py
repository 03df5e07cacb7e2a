"""Unit tests of helder.wordforms: compounds, base forms and typing slips, judged by word frequency."""

from __future__ import annotations

import pytest

from helder import wordforms


@pytest.mark.parametrize("word", ["parkeervergunning", "parkeervergunninghouders", "Afvalcontainer"])
def test_compounds_of_common_words(word):
    assert wordforms.is_compound(word)


@pytest.mark.parametrize("word", ["verantwoordelijkheden", "gemeente", "ontvangen"])
def test_words_that_are_not_compounds(word):
    assert not wordforms.is_compound(word)


def test_known_compound_needs_common_parts():
    assert wordforms.known_compound("afvalcontainer", 3.5)
    assert not wordforms.known_compound("verantwoordelijkheid", 3.5)  # -heid is a suffix, not a word


@pytest.mark.parametrize("stem, verb", [("parkeer", "parkeren"), ("woon", "wonen"), ("meld", "melden")])
def test_verb_of_stem(stem, verb):
    assert wordforms.verb_of_stem(stem) == verb


@pytest.mark.parametrize("word, base", [("gevraagde", "vragen"), ("moeilijkst", "moeilijk"),
                                        ("námens", "namens"), ("huisjes", "huis")])
def test_base_forms_guess_the_base_form(word, base):
    assert base in wordforms.base_forms(word, word)


def test_base_forms_keep_the_word_and_its_lemma():
    assert {"liepen", "lopen"} <= wordforms.base_forms("liepen", "lopen")


def test_particle_verb_with_a_common_verb_is_known():
    assert wordforms.particle_verb_known("omging", "omgaan", 3.0)
    assert not wordforms.particle_verb_known("xyzabcde", "xyzabcde", 3.0)


@pytest.mark.parametrize("word, typo", [("ontvagen", True), ("ontvangen", False), ("amotie", False),
                                        ("vigeren", False), ("brief", False)])
def test_likely_typo(word, typo):
    assert wordforms.likely_typo(word) is typo


def test_a_very_long_word_is_no_typing_slip():
    from helder.wordforms import MAX_TYPO_LENGTH, likely_typo

    assert likely_typo("ontvagen")  # a slip of 'ontvangen'
    assert not likely_typo("ontvagen" * 5)  # 40 letters: not even tried (the candidates would explode)
    assert len("ontvagen" * 5) > MAX_TYPO_LENGTH
