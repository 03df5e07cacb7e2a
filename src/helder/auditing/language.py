"""A cheap check that a text is Dutch: Dutch function words against those of other languages.

In running Dutch text 40 to 55 percent of the words are function words such as *de*, *het*, *een*,
*en*, *van*. A Dutch text can still have a low share: a circular with a long table of codes (``x``,
``BBT``, amounts) has under 20 percent. So a low Dutch share alone does not make a text foreign; it
must also have more function words of another language (English, German, French, the languages
Dutch municipal sites most often also publish in). The other languages' lists hold only words that
are not Dutch function words, so *in*, *is*, *die*, *de* and *en* count for Dutch only.

A text of at least :data:`MIN_WORDS` words is judged; shorter texts are taken to be Dutch.
"""

from __future__ import annotations

import re

FUNCTION_WORDS = frozenset("""
de het een en van in is op te dat die voor met niet zijn er aan ook als bij om door naar of maar
wordt worden u je jij we wij ze zij hij ik ons onze uw deze dit wat wie hoe waar kan kunt moet
meer nog al dan tot uit over na wel geen heeft hebben was waren zal zullen werd zo omdat
""".split())

#: Frequent function words of other languages that are not Dutch function words.
OTHER_LANGUAGES: dict[str, frozenset[str]] = {
    "en": frozenset("""
the and to a that for it with as on be are this by not or from at an have has will you your our
they which their been would can there its these were all also more than about other
""".split()),
    "de": frozenset("""
der und das ist nicht ein eine zu den von mit sich des auf für im dem auch es werden aus sie nach
wird oder sind ich ihr kann einer einem eines zum zur über durch haben wurde bei
""".split()),
    "fr": frozenset("""
le la les et des du un une est pour que qui dans sur par pas ne au ce il elle nous vous avec se
sont aux cette ou mais son sa ses leur été être
""".split()),
}
MIN_WORDS = 40
#: A Dutch share at or above this is Dutch whatever else the text holds.
MIN_SHARE = 0.2

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _words(text: str, limit: int) -> list[str]:
    return [w.casefold() for w, _ in zip(_WORD.findall(text), range(limit))]


def dutch_share(text: str, limit: int = 5000) -> tuple[float, int]:
    """(share of Dutch function words, number of words) over the first ``limit`` words."""
    words = _words(text, limit)
    if not words:
        return 0.0, 0
    return sum(1 for w in words if w in FUNCTION_WORDS) / len(words), len(words)


def other_share(text: str, limit: int = 5000) -> tuple[str | None, float]:
    """(language, share of its function words) of the other language with the highest share."""
    words = _words(text, limit)
    if not words:
        return None, 0.0
    best = max(OTHER_LANGUAGES, key=lambda lang: sum(1 for w in words if w in OTHER_LANGUAGES[lang]))
    share = sum(1 for w in words if w in OTHER_LANGUAGES[best]) / len(words)
    return (best if share else None), share


def looks_dutch(text: str) -> bool:
    """True unless the text has :data:`MIN_WORDS` words or more, a Dutch function-word share under
    :data:`MIN_SHARE` and more function words of another language than of Dutch."""
    share, n = dutch_share(text)
    if n < MIN_WORDS or share >= MIN_SHARE:
        return True
    _language, other = other_share(text)
    return share >= other
