"""The registry of rule kinds and of the functions behind ``kind: python`` rules.

A kind is a module of :mod:`helder.checks` with a ``run(RuleRun)`` function (``existence``,
``substitution``, ...). A code rule is a function in :mod:`helder.checks.rules`, registered with
``@rule_function("name")`` and named in its YAML as ``function: name``. This module imports only
:mod:`helder.types` at import time, so every layer may import it.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

from ..types import FAMILIES  # noqa: F401 - the rule families, re-exported

KINDS = ("existence", "substitution", "occurrence", "metric", "pattern", "python")


#: ``function`` name -> the rule function (filled when :mod:`helder.checks.rules` is imported).
REGISTRY: dict[str, Callable[[Any], None]] = {}

_runners: dict[str, Callable[[Any], None]] = {}


def rule_function(name: str):
    """Register the decorated function as the code rule ``name``."""
    def deco(fn):
        REGISTRY[name] = fn
        return fn
    return deco


def python_functions() -> dict[str, Callable[[Any], None]]:
    """Every registered code rule function (imports :mod:`helder.checks.rules` on first use)."""
    importlib.import_module(".rules", __package__)
    return REGISTRY


def runner(kind: str) -> Callable[[Any], None]:
    """The ``run`` function of the rule kind ``kind``."""
    hit = _runners.get(kind)
    if hit is None:
        if kind not in KINDS:
            raise KeyError(kind)
        hit = _runners[kind] = importlib.import_module(f".{kind}", __package__).run
    return hit


def _nothing(spec: Any) -> None:
    return None


def compiler(kind: str) -> Callable[[Any], Any]:
    """The ``compile(spec)`` function of a rule kind (run once when a rule is loaded), or one that
    compiles nothing. Only existence rules compile now (their regexes); substitution indexes are built
    on first use and kept (:func:`helder.checks.lexicon.cached_index`), pattern matchers per vocabulary.
    Measured (issue 13 item 7): building the substitution indexes at load costs about 30 ms on every
    load, also for commands that run no rule (``helder rules``, ``helder config``), and a pickled index
    in the rule cache loads slower than it is built; pattern matchers need the pipeline's vocabulary.
    Organisation rules (:mod:`helder.checks.folders`) are compiled the same way."""
    if kind != "existence":  # the other kinds' modules import spaCy-facing code: not at load time
        return _nothing
    return importlib.import_module(f".{kind}", __package__).compile
