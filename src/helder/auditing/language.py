"""A cheap check that a text is Dutch: the share of very common Dutch function words.

In running Dutch text 40 to 55 percent of the words are function words such as *de*, *het*, *een*,
*en*, *van*; in English, German or French text under 10 percent (``in``, ``is``, ``of``,
``die``). A text of at least :data:`MIN_WORDS` words with a share below :data:`MIN_SHARE` is taken to be
in another language. Shorter texts are not judged.
"""

from __future__ import annotations

import re

FUNCTION_WORDS = frozenset("""
de het een en van in is op te dat die voor met niet zijn er aan ook als bij om door naar of maar
wordt worden u je jij we wij ze zij hij ik ons onze uw uw deze dit wat wie hoe waar kan kunt moet
meer nog al dan tot uit over na wel geen heeft hebben was waren zal zullen wordt werd zo omdat
""".split())
MIN_WORDS = 40
MIN_SHARE = 0.2

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def dutch_share(text: str, limit: int = 5000) -> tuple[float, int]:
    """(share of Dutch function words, number of words) over the first ``limit`` words."""
    words = [w.casefold() for w, _ in zip(_WORD.findall(text), range(limit))]
    if not words:
        return 0.0, 0
    return sum(1 for w in words if w in FUNCTION_WORDS) / len(words), len(words)


def looks_dutch(text: str) -> bool:
    share, n = dutch_share(text)
    return n < MIN_WORDS or share >= MIN_SHARE
