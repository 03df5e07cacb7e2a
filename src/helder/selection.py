"""The one select/ignore algorithm: which rule codes are on, given layers of ``select``/``ignore``.

Used by the profile (:meth:`helder.checks.Profile.enabled`, one layer), the per-document settings
(:class:`helder.config.Settings`: profile < configuration file < command line) and the filter of
LanguageTool findings. It imports nothing of helder, so every layer may use it.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

#: ``(select, ignore)`` of one layer: codes or prefixes, ``ALL`` for every code.
Layer = tuple[Sequence[str], Sequence[str]]


def _match_length(prefix: str, code: str) -> int:
    if prefix == "ALL":
        return 0
    return len(prefix) if code.startswith(prefix) else -1


def decide(code: str, layers: Sequence[Layer]) -> bool:
    """Is ``code`` on, given ``(select, ignore)`` layers from low to high precedence?

    The longest matching prefix over all layers decides; at equal length the higher layer, and
    within a layer ``ignore``. A layer whose ``select`` is not empty and has no ``ALL`` switches off
    what it does not name (as an ``ignore`` of length 0). Nothing matches: on.
    """
    code = code.upper()
    best: tuple[int, int, int] | None = None
    for rank, (select, ignore) in enumerate(layers):
        for p in select:
            n = _match_length(p, code)
            if n >= 0 and (best is None or (n, rank, 0) > best):
                best = (n, rank, 0)
        for p in ignore:
            n = _match_length(p, code)
            if n >= 0 and (best is None or (n, rank, 1) > best):
                best = (n, rank, 1)
        if select and "ALL" not in select and (best is None or (0, rank, 1) > best):
            best = (0, rank, 1)
    return best is None or best[2] == 0


def longest_prefix(code: str, table: Mapping[str, Any]) -> Any:
    """The value of the longest key of ``table`` that ``code`` starts with, or None."""
    code = code.upper()
    best = None
    for key, value in table.items():
        if code.startswith(key) and (best is None or len(key) > len(best[0])):
            best = (key, value)
    return None if best is None else best[1]
