"""The shipped Dutch pipeline: loads without a download, and handles what government text needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helder.nlp import shipped_model_path


def test_shipped_model_is_there_with_licence_and_accuracy():
    meta_path = shipped_model_path() / "meta.json"
    assert meta_path.is_file(), "src/helder/models/nl_helder is missing: run training/train.sh"
    meta = json.loads(meta_path.read_text())
    assert meta["license"] == "CC BY-SA 4.0"
    perf = meta["performance_heldout_test"]
    assert {"upos", "las", "lemma", "sent_f"} <= set(perf)
    size = sum(f.stat().st_size for f in shipped_model_path().rglob("*") if f.is_file())
    assert size < 20_000_000


def test_default_pipeline_is_a_real_parser(pipeline):
    nlp, info = pipeline
    assert info.parsed
    assert {"parser", "morphologizer", "trainable_lemmatizer"} <= set(nlp.pipe_names) or os.environ.get("HELDER_TEST_MODEL")


@pytest.mark.parametrize(
    "text, word",
    [
        ("Heeft u uw paspoort al aangevraagd?", "u"),
        ("Heeft u uw paspoort al aangevraagd?", "uw"),
        ("U kunt het formulier online invullen.", "U"),
        ("Wij sturen u de brief binnen twee weken.", "u"),
        ("Stuur uw aanvraag voor 1 mei naar de gemeente.", "uw"),
        ("Als u verhuist, geeft u dat aan ons door.", "u"),
    ],
)
def test_formal_pronouns_are_pronouns(nlp, text, word):
    doc = nlp(text)
    tokens = [t for t in doc if t.text == word]
    assert tokens and all(t.pos_ == "PRON" for t in tokens), [(t.text, t.pos_) for t in doc]


def test_verb_next_to_u_is_a_verb(nlp):
    doc = nlp("Heeft u vragen over uw aanslag?")
    assert doc[0].pos_ in {"VERB", "AUX"}


@pytest.mark.parametrize("abbr", ["excl.", "incl.", "tel.", "t.a.v.", "o.a.", "art."])
def test_abbreviations_stay_one_token(nlp, abbr):
    doc = nlp(f"Bel ons op {abbr} 020 en lees het.")
    assert abbr in [t.text for t in doc]


def test_passive_auxiliary_and_agent(nlp):
    doc = nlp("De aanvraag wordt door de gemeente beoordeeld.")
    deps = {t.text: t.dep_ for t in doc}
    assert deps["wordt"] == "aux:pass"
    assert deps["gemeente"] == "obl:agent"


def test_lemmas(nlp):
    doc = nlp("De gemeente verstrekt de vergunningen.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["verstrekt"] == "verstrekken"
    assert lemmas["vergunningen"] == "vergunning"
    doc = nlp("Wij meldden de schade. Het is gemeld bij de politie.")
    assert {t.text: t.lemma_ for t in doc if t.pos_ == "VERB"} == {"meldden": "melden", "gemeld": "melden"}


def test_sentences_not_split_at_abbreviations(nlp):
    doc = nlp("Zie o.a. art. 2.1 van de regeling d.d. 12 mei. Daarna volgt de rest.")
    assert len(list(doc.sents)) == 2


def test_import_helder_is_fast_and_silent():
    code = "import sys, helder; assert 'spacy' not in sys.modules, 'spacy imported'; print('ok')"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "ok\n" and p.stderr == ""


# ── imperatives ──────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("text, verb, lemma", [
    ("Vul het formulier helemaal in.", "Vul", "vullen"),
    ("Bel ons op werkdagen.", "Bel", "bellen"),
    ("Heeft u vragen? Bel ons dan.", "Bel", "bellen"),
    ("Let op: de balie is maandag dicht.", "Let", "letten"),
    ("Kies een datum die u past.", "Kies", "kiezen"),
    ("Controleer of uw gegevens kloppen.", "Controleer", "controleren"),
])
def test_imperative_is_a_verb(nlp, text, verb, lemma):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == verb)
    assert tok.pos_ == "VERB" and "Fin" in tok.morph.get("VerbForm"), (tok.pos_, str(tok.morph))
    assert tok.lemma_ == lemma, tok.lemma_


@pytest.mark.parametrize("text, word", [
    ("Zorg is belangrijk voor iedereen.", "Zorg"),           # a finite verb follows: a noun
    ("Gebruik van de zaal is gratis.", "Gebruik"),          # 'van' follows: a noun
    ("Meer informatie vindt u op de website.", "Meer"),     # 'meer' is far more common than 'meren'
    ("Werk en inkomen", "Werk"),                             # a heading: no end punctuation
    ("Vrouw wint de loterij.", "Vrouw"),                     # a finite verb follows
])
def test_imperative_fix_leaves_other_words_alone(nlp, text, word):
    from helder.nlp.components import fix_imperatives

    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "helder_voice":
            doc = proc(doc)
    tok = next(t for t in doc if t.text == word)
    tok.pos_ = "NOUN"  # what the tagger may say; the fix must not make it a verb
    fix_imperatives(doc)
    assert tok.pos_ == "NOUN"


def test_imperative_fix_turns_a_mistagged_first_word_into_a_verb(nlp):
    from helder.nlp.components import fix_imperatives

    doc = nlp.make_doc("Meld de schade via de app.")
    for name, proc in nlp.pipeline:
        if name != "helder_voice":
            doc = proc(doc)
    doc[0].pos_ = "PROPN"
    doc[1].pos_ = "DET"
    fix_imperatives(doc)
    assert doc[0].pos_ == "VERB" and doc[0].lemma_ == "melden" and doc[0].morph.get("VerbForm") == ["Fin"]


# -- long texts are parsed in pieces (helder.nlp.batching) ---------------------------------------

def _long_text() -> str:
    paragraphs = [
        "De gemeente wil dat iedereen goed kan meedoen. Daarom maken wij onze brieven korter.",
        "Heeft u vragen over uw aanvraag? Bel ons dan op werkdagen tussen 9.00 en 17.00 uur.",
        "Het college heeft besloten dat de speeltuin aan de Dorpsstraat wordt vernieuwd.",
        "Wat gaat er gebeuren",
        "De aannemer begint in mei. Het werk duurt ongeveer zes weken.",
    ]
    return "\n\n".join(paragraphs[i % len(paragraphs)] for i in range(400)) + "\n"


def test_split_text_keeps_every_character():
    from helder.nlp.batching import split_text

    text = _long_text()
    pieces = split_text(text, piece_chars=1000, split_from=2000)
    assert len(pieces) > 10
    assert "".join(pieces) == text
    assert all(p[-1] == "\n" for p in pieces[:-1])  # cut after a line break
    assert all(not p[0].isspace() for p in pieces)
    assert split_text("Korte tekst.\n\nNog een zin.") == ["Korte tekst.\n\nNog een zin."]
    one_line = " ".join(["Dit is een zin zonder regeleinde."] * 200)
    pieces = split_text(one_line, piece_chars=1000, split_from=2000)
    assert len(pieces) > 3 and "".join(pieces) == one_line
    assert all(p.endswith(". ") for p in pieces[:-1]) and all(p.startswith("Dit") for p in pieces)


def test_long_text_in_pieces_is_the_same_doc(nlp):
    from helder.nlp.batching import SPLIT_FROM_CHARS, pipe_texts, split_text

    text = _long_text()
    assert len(split_text(text)) > 1 and len(text) > SPLIT_FROM_CHARS
    short = "Heeft u vragen? Bel ons."
    docs = list(pipe_texts(nlp, [short, text, short]))
    assert [d.text for d in docs] == [short, text, short]
    whole = nlp(text)
    joined = docs[1]
    assert [t.text for t in joined] == [t.text for t in whole]
    assert [t.idx for t in joined] == [t.idx for t in whole]
    same_pos = sum(a.pos_ == b.pos_ for a, b in zip(joined, whole)) / len(whole)
    same_arc = sum(a.dep_ == b.dep_ and a.head.i == b.head.i for a, b in zip(joined, whole)) / len(whole)
    assert same_pos > 0.99 and same_arc > 0.98
    assert [s.start for s in joined.sents] == [s.start for s in whole.sents]


@pytest.mark.parametrize("text, verb", [
    ("U kunt vanaf maandag op het stadhuis aan de Wilhelminalaan een nieuwe pas aanvragen.", "aanvragen"),
    ("Wij zullen uw aanvraag binnen acht weken beoordelen.", "beoordelen"),
    ("Bewoners mogen hun afval alleen op dinsdag buiten zetten.", "zetten"),
])
def test_verb_under_a_modal_is_an_infinitive(nlp, text, verb):
    tok = next(t for t in nlp(text) if t.text == verb)
    assert tok.morph.get("VerbForm") == ["Inf"], (tok.tag_, str(tok.morph))


def test_finite_plural_stays_finite(nlp):
    doc = nlp("Wij lezen de brief en bewoners vullen het formulier in.")
    assert {t.text: t.morph.get("VerbForm") for t in doc if t.pos_ == "VERB"} == {
        "lezen": ["Fin"], "vullen": ["Fin"]}


def test_verb_lemma_of_the_right_stem(nlp):
    lemmas = {t.text: t.lemma_ for t in nlp("De gemeente verstrekt de vergunningen. U verstrekt de gegevens.")
              if t.pos_ == "VERB"}
    assert lemmas == {"verstrekt": "verstrekken"}
