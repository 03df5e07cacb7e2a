"""helder.textunits: one definition of word, sentence, paragraph and clause for metrics and rules,
and helder.caches.clear_caches: one function that clears every cache."""

from __future__ import annotations

from helder import textunits


def test_word_is_a_token_with_a_letter_or_digit(nlp):
    doc = nlp("Op 12 maart betaalt u € 1.250,00 t.a.v. de gemeente.")
    words = [t.text for t in doc if textunits.is_word(t)]
    assert "12" in words and "1.250,00" in words and "t.a.v." in words
    assert "€" not in words and "." not in words


def test_the_rules_word_also_follows_the_tagger(nlp):
    doc = nlp("Dit is een zin.")
    for t in doc:
        assert textunits.is_tagged_word(t) == (textunits.is_word(t) and not t.is_punct and t.pos_ != "SYM")
    assert not textunits.tagged_word("t.a.v.", True, False, "PUNCT")  # a tagging error: not a word here
    assert textunits.is_word_text("t.a.v.")  # but a word for the figures


def test_metrics_and_rules_read_the_same_definitions():
    from helder.checks import context, syntax, tokens
    from helder.metrics import counts, lint

    assert counts.is_word is textunits.is_word and counts.sentence_spans is textunits.sentence_spans
    assert context.is_word is textunits.is_tagged_word and tokens.tagged_word is textunits.tagged_word
    assert lint.is_finite_verb is textunits.is_finite_verb and syntax.clause_id is textunits.clause_id


def test_rule_sentences_are_cut_at_blank_lines(nlp):
    from helder.checks.tokens import TokenTable

    doc = nlp("Een kop zonder punt\n\nDe eerste zin staat hier. De tweede zin ook.")
    table = TokenTable(doc)
    spans = textunits.block_sentences(doc, table.text, table.is_space, table.is_word)
    texts = [doc[a:b].text for a, b, _ in spans]
    assert texts[0] == "Een kop zonder punt" and "De tweede zin ook." in texts
    assert all(words == sum(table.is_word[a:b]) for a, b, words in spans)


def test_paragraphs_from_blocks_or_blank_lines():
    from helder.documents import from_string

    text = "Eerste alinea hier.\n\nTweede alinea daar.\n"
    doc = from_string(text)
    got = [text[a:b] for a, b in textunits.paragraphs(doc)]
    assert got == ["Eerste alinea hier.", "Tweede alinea daar."]


def test_clause_heads(nlp):
    doc = nlp("Wij betalen de kosten als u het formulier opstuurt.")
    heads = {textunits.clause_id(t) for t in doc if not t.is_punct}
    assert len(heads) >= 1 and all(0 <= h < len(doc) for h in heads)
    assert textunits.clause_id(doc[0]) == textunits.clause_head(doc[0]).i


def test_clear_caches_clears_lru_caches_and_loaded_rules():
    from helder import caches, morphology, wordforms
    from helder.checks import clear_caches, load_rules, loader

    load_rules()
    morphology.zipf("gemeente")
    wordforms.is_compound("parkeervergunning")
    assert loader._rules_cache and morphology.zipf.cache_info().currsize
    clear_caches()
    assert not loader._rules_cache
    assert morphology.zipf.cache_info().currsize == 0 and wordforms.is_compound.cache_info().currsize == 0
    assert all(fn.cache_info().currsize == 0 for fn in caches._lru_functions())


def test_family_of_a_code():
    from helder.types import family_of

    assert family_of("WK001") == "WK"
    assert family_of("DIE004") == "DIE"
    assert family_of("LT:MORFOLOGIK_RULE_NL_NL") == "LT"
