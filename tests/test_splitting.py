"""Long texts are always cut into bounded pieces before parsing (helder.nlp.batching)."""

from __future__ import annotations

import random

import pytest

from helder.nlp.components import MAX_SENTENCE_TOKENS
from helder.nlp.batching import FORCED_CUTS, MAX_PIECE_CHARS, PIECE_CHARS, cut_pieces, pipe_texts, split_text


def _words(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    vocab = ["gemeente", "aanvraag", "de", "het", "bewoners", "straat", "wij", "sturen", "u", "brief"]
    return [rng.choice(vocab) for _ in range(n)]


def _check(text: str, piece_chars: int = PIECE_CHARS) -> list[str]:
    pieces = split_text(text)
    assert "".join(pieces) == text
    assert all(pieces), "no empty piece"
    limit = max(MAX_PIECE_CHARS, 2 * piece_chars)
    assert all(len(p) <= limit for p in pieces[:-1])
    assert len(pieces[-1]) <= 1.5 * piece_chars + 1 or len(text) <= 12_000
    return pieces


def test_a_sentence_without_punctuation_is_cut_at_whitespace():
    text = " ".join(_words(120_000))  # ~800k characters, no line break, no full stop
    pieces, forced = cut_pieces(text)
    assert "".join(pieces) == text and len(pieces) > 100
    assert forced == len(pieces) - 1
    assert all(p.endswith(" ") and not p[0].isspace() for p in pieces[:-1])
    _check(text)


def test_a_one_megabyte_word_gets_hard_cuts():
    text = "Aanvraag " + "x" * 1_000_000 + " ontvangen."
    pieces, forced = cut_pieces(text)
    assert "".join(pieces) == text
    assert forced == len(pieces) - 1 and len(pieces) >= 1_000_000 // MAX_PIECE_CHARS
    assert max(len(p) for p in pieces) <= 2 * PIECE_CHARS


def test_two_megabytes_without_a_paragraph_break_are_cut_at_sentences():
    sentence = "De gemeente stuurt u binnen acht weken een brief. "
    text = sentence * (2_000_000 // len(sentence))
    pieces, forced = cut_pieces(text)
    assert forced == 0 and len(pieces) > 400
    assert all(p.endswith(". ") for p in pieces[:-1])
    _check(text)


def test_a_long_line_is_kept_whole_up_to_the_limit_then_cut():
    table_row = " | ".join(_words(6_000, seed=2))  # one line of ~50k characters, no sentence end
    text = "Inleiding van de brief.\n\n" + table_row + "\n\nHet einde van de brief.\n" * 400
    pieces, forced = cut_pieces(text)
    assert forced == 0
    assert any(p.endswith(table_row + "\n\n") for p in pieces), "cut at the line break after the row"
    _check(text)
    huge_row = " | ".join(_words(40_000, seed=3))  # ~330k characters on one line
    text = "Inleiding.\n\n" + huge_row + "\n\nEinde van de brief.\n"
    pieces, forced = cut_pieces(text)
    assert forced > 0 and "".join(pieces) == text
    _check(text)


@pytest.mark.parametrize("seed", range(5))
def test_random_texts_always_rejoin(seed):
    rng = random.Random(seed)
    alphabet = ["a", "b", " ", " ", "\n", "\n\n", ". ", "! A", "\t", "é", "x" * 500, "Dit is een zin. "]
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(5_000, 60_000)))
    pieces = split_text(text, piece_chars=1_000, split_from=2_000)
    assert "".join(pieces) == text
    assert all(len(p) <= MAX_PIECE_CHARS for p in pieces)
    assert len(pieces) >= len(text) // MAX_PIECE_CHARS


def test_parsed_pieces_have_no_tensor_and_report_forced_cuts(nlp):
    from helder.nlp.batching import FORCED_CUTS

    short = "Heeft u vragen? Bel ons."
    long_run = " ".join(_words(4_000))  # ~27k characters without punctuation
    docs = list(pipe_texts(nlp, [short, long_run]))
    assert [d.text for d in docs] == [short, long_run]
    assert all(d.tensor.size == 0 for d in docs)
    assert FORCED_CUTS not in docs[0].user_data
    cuts = docs[1].user_data[FORCED_CUTS]  # the splitter's cuts and the sentences helder_blocks capped
    assert cuts >= len(split_text(long_run)) - 1 > 0
    assert cuts >= len(docs[1]) // MAX_SENTENCE_TOKENS - 1
    assert max(len(s) for s in docs[1].sents) <= MAX_SENTENCE_TOKENS
    assert docs[1][0].pos_ and docs[1][-1].dep_  # parsed to the end


def test_a_run_of_commas_is_cut_after_a_comma(nlp):
    from helder.nlp.batching import FORCED_CUTS

    text = "De lijst: " + ", ".join(_words(1_000)) + "."
    doc = nlp(text)
    sents = list(doc.sents)
    # the first cut goes after 'De lijst:' (end punctuation: not counted), the others after commas
    assert doc.user_data[FORCED_CUTS] == len(sents) - 2 >= 1000 * 2 // MAX_SENTENCE_TOKENS - 2
    assert max(len(s) for s in sents) <= MAX_SENTENCE_TOKENS
    assert all(s[0].i == 0 or doc[s[0].i - 1].text in (",", ":") for s in sents)
    assert len(nlp("Heeft u vragen, opmerkingen of klachten? Bel ons.").user_data) == 0  # normal text: no cut


def test_a_long_paragraph_of_normal_sentences_is_not_cut(nlp):
    """A paragraph of 40 short sentences (over 300 tokens, some starting in lower case) is never cut
    inside a sentence: where the cap applies, it starts the sentence after end punctuation."""
    sentence = "De gemeente haalt op dinsdag het afval op, ook in de wijk Noord. daarna is de straat weer schoon. "
    doc = nlp(sentence * 20)
    assert len(doc) > MAX_SENTENCE_TOKENS
    assert FORCED_CUTS not in doc.user_data
    assert all(s[0].i == 0 or doc[s[0].i - 1].text != "," for s in doc.sents)  # no cut after a comma


def test_report_says_a_long_run_was_cut(model_option):
    from helder import analyze_text

    report = analyze_text(" ".join(_words(4_000)), model=model_option)
    assert any("zonder punt of regeleinde" in w for w in report.warnings)
    assert not any("zonder punt" in w for w in analyze_text("Een gewone zin.", model=model_option).warnings)
