"""The passive detector behind ZB001/ZB002 on the careful cases: copular 'worden', perfect 'zijn' with
verbs of motion and change, states ('u bent verplicht'), impersonal passives and passives in
subordinate clauses. Parsed with the real pipeline (``HELDER_TEST_MODEL``)."""

from __future__ import annotations

import pytest

from helder.checks.syntax import find_passives, looks_like_participle


def passives(nlp, text):
    return [(p.aux.text, p.participle.text, p.agent.text if p.agent is not None else None, p.impersonal)
            for p in find_passives(nlp(text))]


@pytest.mark.parametrize("text, participle, agent", [
    ("De aanvraag wordt door de gemeente beoordeeld.", "beoordeeld", "gemeente"),
    ("De brief werd gisteren verstuurd door de afdeling.", "verstuurd", "afdeling"),
    ("De kosten worden door u betaald.", "betaald", "u"),
])
def test_passive_with_agent(nlp, text, participle, agent):
    found = passives(nlp, text)
    assert [(p[1], p[2]) for p in found] == [(participle, agent)]


@pytest.mark.parametrize("text, participle", [
    ("Uw aanvraag is afgewezen.", "afgewezen"),
    ("Het formulier zal moeten worden ingediend.", "ingediend"),
    ("De brief werd gisteren verstuurd.", "verstuurd"),
    ("De schade is gemeld bij de politie.", "gemeld"),
])
def test_passive_without_agent(nlp, text, participle):
    found = passives(nlp, text)
    assert [p[1] for p in found] == [participle]
    assert found[0][2] is None


@pytest.mark.parametrize("text, participle", [
    ("Wij weten dat uw aanvraag is afgewezen.", "afgewezen"),
    ("Wij hebben besloten dat de weg wordt afgesloten.", "afgesloten"),
])
def test_passive_in_subordinate_clause(nlp, text, participle):
    assert [p[1] for p in passives(nlp, text)] == [participle]


@pytest.mark.parametrize("text, participle", [
    ("Er wordt gekeken naar uw aanvraag.", "gekeken"),
    ("Aan de voorwaarden is voldaan.", "voldaan"),
])
def test_impersonal_passive(nlp, text, participle):
    found = passives(nlp, text)
    assert [p[1] for p in found] == [participle]
    assert found[0][3] is True  # impersonal: no subject


@pytest.mark.parametrize("text", [
    "Het wordt groter.",  # copula + comparative (the snapshot even tags it as a participle)
    "Het weer wordt beter.",
    "Hij wordt boos.",
    "Het is duidelijk geworden.",
    "Het wordt bekend.",
])
def test_copular_worden_is_not_passive(nlp, text):
    assert passives(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Hij is gisteren gekomen.",
    "U bent vorig jaar verhuisd.",
    "Wij zijn naar het stadhuis gegaan.",
    "Hij is door het park naar huis gelopen.",  # 'door' here is a route, not an agent
    "Mijn moeder is vorig jaar overleden.",
    "Het aantal aanvragen is flink gestegen.",
])
def test_perfect_with_zijn_is_not_passive(nlp, text):
    assert passives(nlp, text) == []


@pytest.mark.parametrize("text", [
    "U bent verplicht om te betalen.",
    "Dit geld is bedoeld voor inwoners.",
    "Hij heeft het formulier ingevuld.",
    "U moet de rekening betalen.",
    "Wij zijn bezorgd over de kosten.",
])
def test_states_perfects_with_hebben_and_infinitives_are_not_passive(nlp, text):
    assert passives(nlp, text) == []


def test_zb002_leaves_conditional_questions_alone(nlp):
    from helder.analysis import Options, analyze_text
    import os

    options = Options(checks=True, model=os.environ.get("HELDER_TEST_MODEL"), extra={"rules": ["ZB002"]})
    report = analyze_text("Is uw paspoort gestolen? Doe dan aangifte bij de politie.", options=options)
    assert [f.code for f in report.findings] == []
    report = analyze_text("Uw paspoort is gestolen. Wij hebben het geblokkeerd.", options=options)
    assert [f.code for f in report.findings] == ["ZB002"]


@pytest.mark.parametrize("word, expected", [
    ("gemaakt", True), ("beoordeeld", True), ("ingediend", True), ("voldaan", True), ("vastgesteld", True),
    ("gezien", True), ("groter", False), ("beter", False), ("gezellig", False), ("mogelijk", False),
])
def test_participle_shape(word, expected):
    assert looks_like_participle(word) is expected
