"""Letters: sentence boundaries at titles and abbreviations, the passives letters are made of, and advice
a writer can trust on an old-fashioned letter (issue 16). Real pipeline, real rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from helder import analyze_text
from helder.checks.syntax import find_passives

ROOT = Path(__file__).resolve().parents[1]


def findings(text, model_option, codes=None):
    r = analyze_text(text, checks=True, profile="brief", model=model_option)
    return [f for f in r.findings if codes is None or f.code in codes]


# -- sentence boundaries -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Neemt u contact op met mevr. De Vries van afd. Vergunningen.",
    "Wij spraken met dhr. Jansen en mr. Pietersen over uw aanvraag.",
    "De brief is t.a.v. drs. Bakker, ir. De Boer en ing. Smit.",
    "Dr. Visser en prof. Mulder komen op 3 mei a.s. naar de vergadering.",
    "U schreef ons op 12 maart jl. over uw buren.",
    "Reageer z.s.m. op deze brief o.v.v. nr. 12345.",
    "Bel ons op tel. 14 020 of lees art. 4 van de regeling.",
    "Wij hebben bijv. de Wmo, de Jeugdwet e.a. wetten gelezen.",
])
def test_titles_and_abbreviations_do_not_end_a_sentence(nlp, text):
    assert len(list(nlp(text).sents)) == 1


@pytest.mark.parametrize("text", [
    "Wij zien u graag op 3 mei a.s. Neem uw paspoort mee.",
    "U schreef ons op 12 maart jl. Wij hebben uw brief gelezen.",
])
def test_a_sentence_can_still_end_after_a_date_abbreviation(nlp, text):
    assert len(list(nlp(text).sents)) == 2


def test_abbreviations_are_single_tokens(nlp):
    abbrs = "mevr. dhr. mr. drs. ir. ing. dr. prof. jl. a.s. e.a. bijv. z.s.m. t.a.v. nr. tel. afd. art. o.v.v.".split()
    for a in abbrs:
        assert [t.text for t in nlp(f"Zie {a} hier")] == ["Zie", a, "hier"], a


# -- passives of letters ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, aux, participle", [
    ("Hierbij wordt u verzocht het formulier in te vullen.", "wordt", "verzocht"),
    ("U wordt verzocht de brief te ondertekenen.", "wordt", "verzocht"),
    ("Er wordt van u verwacht dat u op tijd betaalt.", "wordt", "verwacht"),
    ("Het wordt op prijs gesteld als u reageert.", "wordt", "gesteld"),
])
def test_letter_passives(nlp, text, aux, participle):
    assert [(p.aux.text, p.participle.text) for p in find_passives(nlp(text))] == [(aux, participle)]


@pytest.mark.parametrize("text", [
    "De kosten zijn dit jaar gestegen.",
    "Uit het onderzoek is gebleken dat de weg te smal is.",
    "De bewoners zijn vorige maand verhuisd.",
    "Het is gebleken dat de boom ziek is.",
])
def test_perfect_with_zijn_is_not_passive(nlp, text):
    doc = nlp(text)
    assert find_passives(doc) == []
    assert not [t for t in doc if t.dep_ in ("aux:pass", "nsubj:pass")]


def _gold_rows(first: int):
    path = ROOT / "corpora" / "gemeentezinnen" / "zinnen.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("gz") and int(line[2:5]) >= first:
            ident, sentence, passive, _u, _note = line.split("\t")
            yield ident, sentence, passive


def test_annotated_letter_sentences(nlp):
    rows = list(_gold_rows(196))
    assert len(rows) >= 9
    for ident, sentence, passive in rows:
        doc = nlp(sentence)
        found = " ".join(f"{t.text}@{t.i}" for t in doc if t.dep_ == "aux:pass") or "-"
        assert found == passive, (ident, sentence)


# -- advice on docs/examples/brief-ambtelijk.txt and its kind ------------------------------------------------

def test_example_letter_one_advice_per_place(model_option):
    text = (ROOT / "docs" / "examples" / "brief-ambtelijk.txt").read_text(encoding="utf-8")
    fs = findings(text, model_option)
    st005 = [f for f in fs if f.code == "ST005"]
    for s in st005:  # no WK001 inside an old-fashioned opening or closing
        assert not [f for f in fs if f.code == "WK001" and s.span.start <= f.span.start and f.span.end <= s.span.end]
    opening = next(f for f in st005 if f.match.startswith("Naar aanleiding"))
    assert "opening" in opening.message and "vriendelijke groet" not in opening.message
    closing = next(f for f in st005 if f.match == "Hoogachtend")
    assert "vriendelijke groet" in closing.message
    mede = [f for f in fs if f.code == "WK001" and f.match.startswith("delen")]
    assert mede and "laten weten" in mede[0].message


def test_date_abbreviations_get_plain_advice(model_option):
    fs = findings("Wij ontvingen uw brief d.d. 12 maart jl. over de a.s. verbouwing.", model_option, {"WK005"})
    by = {f.match: f for f in fs}
    assert "de dato" not in by["d.d."].replacements and by["d.d."].replacements == ("op",)
    assert "Laat 'jl.'" in by["jl."].message and "jongstleden" not in by["jl."].replacements
    assert by["a.s."].replacements == ("aanstaande",)  # no date before it: the word itself


def test_latin_and_officialese_full_forms_are_not_the_advice(model_option):
    fs = findings("Wij sturen u de stukken m.b.t. de aanvraag en d.m.v. een formulier c.q. een brief.",
                  model_option, {"WK005"})
    reps = {f.match: f.replacements for f in fs}
    assert reps["c.q."] == ("of",) and "door middel van" not in reps["d.m.v."]


@pytest.mark.parametrize("text, flagged", [
    ("Stuur de gevraagde bescheiden binnen twee weken op.", True),
    ("Wij hebben alle bescheiden ontvangen.", True),
    ("Het is een bescheiden bedrag.", False),
    ("Hij is heel bescheiden over zijn werk.", False),
])
def test_bescheiden_only_as_documents(model_option, text, flagged):
    fs = findings(text, model_option, {"WK001"})
    assert bool([f for f in fs if f.match == "bescheiden"]) == flagged


def test_misspelling_is_not_a_rare_word(model_option):
    assert not findings("Wij hebben uw brief vorige week ontvagen.", model_option, {"WK003"})
    assert findings("De precariobelasting is dit jaar hoger.", model_option, {"WK003"})


@pytest.mark.parametrize("word", ["amotie", "vigeren", "precariobelasting"])
def test_rare_word_near_a_common_one_is_not_a_typo(word):
    from helder.wordforms import likely_typo

    assert not likely_typo(word)


def test_inflected_participle_is_not_rare(nlp):
    from helder.checks.metric import RARE_ZIPF, _word_zipf

    doc = nlp("De gevraagde stukken en de gestelde termijn.")
    assert _word_zipf(doc[1]) >= RARE_ZIPF and _word_zipf(doc[5]) >= RARE_ZIPF


def test_long_runup_names_the_finite_verb_not_a_participle(model_option):
    text = "De door u in uw brief van 12 maart aan de afdeling Vergunningen gestelde vragen beantwoorden wij graag."
    fs = findings(text, model_option, {"ZB005"})
    assert fs and "'beantwoorden'" in fs[0].message and "gestelde" not in fs[0].message.split("werkwoord")[-1]


def test_main_finite_skips_a_participle_the_tagger_calls_finite(nlp):
    from helder.checks.context import Context
    from helder.checks.loader import load_profile
    from helder.checks.rules.zb005_long_runup import _attributive, _main_finite
    from helder.documents import from_string

    def main_finite(doc):  # the rule reads the token table of its context (built after the edits below)
        ctx = Context(from_string(doc.text), doc, None, True, load_profile("brief"))
        return _main_finite(ctx, ctx.sentences[0].start, ctx.sentences[0].end)

    doc = nlp("De door u gestelde vragen beantwoorden wij graag.")
    part = doc[3]
    assert part.text == "gestelde"
    part.tag_ = "WW|pv|verl|ev"  # the tagger's mistake that made ZB005 name 'gestelde' as the verb
    part.set_morph("VerbForm=Fin")
    assert _attributive(part)
    assert main_finite(doc).text == "beantwoorden"
    past = nlp("De gemeente verstuurde gisteren de brieven.")
    assert not _attributive(past[2]) and main_finite(past).text == "verstuurde"


def test_u_wordt_verzocht_gets_one_advice(model_option):
    fs = findings("U wordt verzocht het formulier terug te sturen.", model_option, {"WK013", "ZB002"})
    assert [f.code for f in fs] == ["WK013"]


def test_abbreviation_whose_full_form_is_officialese_gets_wk001s_plain_words(model_option):
    fs = findings("Wij bellen u i.v.m. uw aanvraag.", model_option, {"WK005"})
    assert fs and fs[0].replacements == ("door", "vanwege", "over")
    assert "in verband met" not in fs[0].replacements and "(in verband met)" in fs[0].message
