"""Small helpers on the dependency parse (UD labels, as the Dutch pipelines produce them).

The passive detector lives here so ZB001/ZB002 and ``tests/test_passive.py`` share it. It follows the
parser (``aux:pass``, ``obl:agent``) but does not trust it blindly:

- *worden* + adjective is a copula ("het wordt groter"), also when the tagger calls the adjective a
  participle: the word must look like a participle (ge-/be-/ver-/... and -d/-t/-en);
- *zijn* + participle of a verb that forms its perfect with *zijn* is a perfect tense, not a passive
  ("hij is gekomen", "u bent verhuisd");
- *zijn* + a participle that is used as an adjective ("u bent verplicht", "dit is bedoeld voor")
  is a state, not an action: not reported;
- an impersonal passive has no subject ("er wordt gekeken", "aan de voorwaarden is voldaan").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..morphology import INSEPARABLE_PREFIXES, PARTICLE_PREFIXES, looks_like_participle
from ..textunits import CLAUSE_DEPS, clause_head, clause_id, is_verbal  # noqa: F401 - the clause, re-exported

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Labels of a subordinate clause.
SUBORDINATE_DEPS = frozenset({"advcl", "ccomp", "csubj", "csubj:pass", "acl", "acl:relcl"})

WORDEN_FORMS = frozenset("word wordt worden werd werden geworden".split())
ZIJN_FORMS = frozenset("ben bent is zijn was waren geweest".split())

#: Verbs whose perfect tense takes *zijn* (by lemma). Separable/prefixed forms are matched by ending.
ZIJN_VERBS = frozenset("""
gaan komen vertrekken verhuizen worden blijven gebeuren veranderen ontstaan verdwijnen sterven overlijden
vallen stijgen dalen groeien beginnen stoppen ophouden slagen lukken mislukken zakken verschijnen
toenemen afnemen verlopen vergeten blijken opvallen meevallen tegenvallen ontsnappen trouwen scheiden
verongelukken zijn ontwaken opgroeien vervallen verstrijken aflopen bevallen opstaan terugkeren aankomen
binnenkomen instappen uitstappen overstappen doorgaan meegaan emigreren omkomen treden ingaan landen
vluchten krimpen reizen rijden lopen vliegen varen zwemmen springen verdrinken opschieten belanden
geraken raken wegvallen uitvallen afhaken toetreden aftreden verschuiven afwijken opdrogen bevriezen
ontdooien smelten verbranden verhongeren genezen herstellen verwateren vertragen
""".split())

#: Participles of zijn-verbs (for a weak lemmatizer): exact forms and endings after a particle.
ZIJN_PARTICIPLES = frozenset("""
gegaan gekomen vertrokken verhuisd geworden gebleven gebeurd veranderd ontstaan verdwenen gestorven
overleden gevallen gestegen gedaald gegroeid begonnen gestopt opgehouden geslaagd gelukt mislukt gezakt
verschenen toegenomen afgenomen verlopen vergeten gebleken opgevallen meegevallen tegengevallen ontsnapt
geboren getrouwd gescheiden verongelukt geweest ontwaakt opgegroeid vervallen verstreken afgelopen
bevallen opgestaan teruggekeerd aangekomen binnengekomen ingestapt uitgestapt overgestapt doorgegaan
meegegaan geëmigreerd omgekomen getreden ingegaan geland gevlucht gekrompen gereisd gereden gelopen
gevlogen gevaren gezwommen gesprongen verdronken beland geraakt uitgevallen weggevallen afgehaakt
toegetreden afgetreden afgeweken opgedroogd bevroren ontdooid gesmolten verbrand genezen hersteld
""".split())
_ZIJN_ENDINGS = ("gegaan", "gekomen", "gebleven", "gevallen", "gestegen", "gegroeid", "gestapt", "getreden",
                 "gekeerd", "gelopen", "gereden", "gevlogen", "gevaren", "gereisd", "gestorven", "gedaald")

#: Participles used as adjectives after *zijn*: a state, not an action.
STATIVE_PARTICIPLES = frozenset("""
benieuwd verplicht bereid verzekerd bekend gewend verheugd gevestigd geopend gesloten betrokken
geïnteresseerd bedoeld gebaseerd gelegen gericht verbonden inbegrepen verboden toegestaan gewenst
vereist geschikt bezorgd verrast teleurgesteld opgelucht overtuigd verantwoordelijk gemotiveerd
gespecialiseerd aangewezen gehouden gerechtigd genoodzaakt bevoegd verschuldigd gekwalificeerd
gehandicapt verslaafd gescheiden getrouwd gepensioneerd ingeschreven aangesloten beschikbaar
gevaccineerd verzekerd verhinderd gebonden afhankelijk verliefd geboren
""".split())

#: Verbs that form both perfects; with an explicit agent ("door ...") they are passive.
AMBIGUOUS_ZIJN = frozenset("veranderen veranderd beginnen begonnen stoppen gestopt vergeten herstellen "
                           "hersteld genezen verbranden verbrand".split())

_PARTICLE_PREFIXES = PARTICLE_PREFIXES
_INSEPARABLE = INSEPARABLE_PREFIXES


def is_participle(tok: "Token") -> bool:
    if tok.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        return False
    morph_part = "Part" in tok.morph.get("VerbForm") or tok.tag_.startswith("WW|vd")
    if tok.tag_.startswith("WW|inf") or "Inf" in tok.morph.get("VerbForm"):
        return False  # "betalen", "vertellen" look like participles but are infinitives
    if tok.pos_ == "ADJ":
        return False  # "het wordt groter", "u bent blij": copula + adjective
    if tok.pos_ == "NOUN" and not morph_part:
        return False
    return looks_like_participle(tok.text) and (morph_part or tok.pos_ in ("VERB", "NOUN"))


def is_finite(tok: "Token") -> bool:
    return "Fin" in tok.morph.get("VerbForm") or tok.tag_.startswith("WW|pv")


def finite_of(head: "Token") -> "Token | None":
    """The finite verb of the clause headed by ``head`` (the head itself, or its aux/cop)."""
    if is_finite(head) and is_verbal(head):
        return head
    for c in head.children:
        if c.dep_ in ("aux", "aux:pass", "cop") and is_finite(c):
            return c
    return None


def is_subordinate_clause(tok: "Token") -> bool:
    """A finite subordinate clause headed by ``tok`` (not a te-infinitive or participle phrase)."""
    if tok.dep_ not in SUBORDINATE_DEPS:
        return False
    return finite_of(tok) is not None


def _is_zijn(tok: "Token") -> bool:
    return tok.lemma_.lower() == "zijn" or tok.lower_ in ZIJN_FORMS


def _is_worden(tok: "Token") -> bool:
    return tok.lemma_.lower() == "worden" or tok.lower_ in WORDEN_FORMS


def takes_zijn(participle: "Token") -> bool:
    """Does this participle belong to a verb that forms its perfect with *zijn*?"""
    w = participle.lower_
    lemma = participle.lemma_.lower()
    if w in ZIJN_PARTICIPLES or lemma in ZIJN_VERBS:
        return True
    for prt in _PARTICLE_PREFIXES:
        if w.startswith(prt) and w[len(prt):] in ZIJN_PARTICIPLES:
            return True
    if any(lemma.endswith(v) and len(lemma) - len(v) <= 6 and lemma[:len(lemma) - len(v)] in _PARTICLE_PREFIXES
           for v in ("komen", "gaan", "vallen", "stappen", "treden", "keren", "lopen")):
        return True
    return w.endswith(_ZIJN_ENDINGS) and w[: len(w) - len(next(e for e in _ZIJN_ENDINGS if w.endswith(e)))] in _PARTICLE_PREFIXES


@dataclass(frozen=True)
class Passive:
    aux: "Token"  # worden / zijn
    participle: "Token"
    agent: "Token | None"  # head of the door-phrase
    impersonal: bool  # no subject: "er wordt gekeken", "aan de voorwaarden is voldaan"

    @property
    def tokens(self) -> tuple[int, int]:
        return min(self.aux.i, self.participle.i), max(self.aux.i, self.participle.i)


def _agent(participle: "Token", aux: "Token") -> "Token | None":
    for head in (participle, aux):
        for c in head.children:
            if c.dep_ == "obl:agent":
                return c
            if any(g.dep_ == "case" and g.lower_ == "door" for g in c.children):
                return c
            if c.dep_ == "case" and c.lower_ == "door":  # parser hung "door" on the verb itself
                doc = c.doc
                for j in range(c.i + 1, min(c.i + 5, len(doc))):
                    if doc[j].pos_ in ("NOUN", "PROPN", "PRON"):
                        return doc[j]
    return None


def _has_subject(participle: "Token", aux: "Token") -> bool:
    for head in (participle, aux):
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubj:pass", "csubj", "csubj:pass", "expl:pv") and c.lower_ != "er":
                return True
    # a relative clause: "de aanvraag die is ingediend" (subject = relative pronoun, may be unlabelled)
    return participle.dep_ in ("acl:relcl",) and any(c.lower_ in ("die", "dat", "welke") for c in participle.children)


def find_passives(tokens) -> list[Passive]:
    """Passive constructions in a sentence (a spaCy Span or Doc)."""
    out: list[Passive] = []
    seen: set[int] = set()
    for aux in tokens:
        if not (_is_worden(aux) or _is_zijn(aux)) or aux.pos_ not in ("AUX", "VERB"):
            continue
        candidates = []
        if aux.dep_ in ("aux:pass", "aux", "cop") and aux.head.i != aux.i:
            candidates.append(aux.head)
        candidates += [c for c in aux.children if c.dep_ in ("xcomp", "obj", "ccomp", "amod", "advcl")]
        for part in candidates:
            if part.i in seen or not is_participle(part):
                continue
            if abs(part.i - aux.i) > 25 or part.sent.start != aux.sent.start:
                continue
            # a perfect auxiliary *zijn* of the passive *worden* ("is ... geworden") is handled by worden
            agent = _agent(part, aux)
            if _is_zijn(aux):
                if part.lower_ in STATIVE_PARTICIPLES and agent is None:
                    continue
                if takes_zijn(part) and not (agent is not None and
                                             (part.lower_ in AMBIGUOUS_ZIJN or part.lemma_.lower() in AMBIGUOUS_ZIJN)):
                    continue
                if any(_is_worden(c) and c.dep_.startswith("aux") for c in part.children if c.i != aux.i):
                    continue  # "is ... geworden/gemaakt": the worden-auxiliary reports it
                if any(c.lemma_.lower() == "hebben" and c.dep_.startswith("aux") for c in part.children):
                    continue
            elif part.lower_ in ("geworden",):
                continue
            seen.add(part.i)
            out.append(Passive(aux, part, agent, not _has_subject(part, aux)))
            break
    return out
