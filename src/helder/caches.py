"""One function that forgets every cache of helder: :func:`clear_caches`.

helder keeps what it read or computed once per process: rule files, profiles and the schema
(:mod:`helder.checks.loader`), word lists and their indexes (:mod:`helder.checks.lexicon`), the
configuration files found per folder (:mod:`helder.config`), and many small ``functools.lru_cache``
tables (word frequencies, syllables, word forms, compiled regexes). Tests that edit rule files,
word lists or configuration files call :func:`clear_caches` to start afresh.

The ``lru_cache`` functions are found in the loaded helder modules (none has to register); the
dictionary caches are cleared by the functions listed in :data:`CLEARERS`. A module that is not
loaded has nothing cached. The loaded spaCy pipelines are kept unless ``pipelines=True`` (loading one
again takes seconds, and the pipeline does not change when rule or configuration files do).
"""

from __future__ import annotations

import importlib
import sys
from functools import _lru_cache_wrapper

#: (module, function) that clears a module's own dictionary caches; called when the module is loaded.
CLEARERS: tuple[tuple[str, str], ...] = (
    ("helder.checks.loader", "clear_loaded"),
    ("helder.checks.folders", "forget_folders"),
    ("helder.checks.lexicon", "clear_cache"),
    ("helder.checks.pattern", "clear_cache"),
    ("helder.config", "clear_cache"),
)


def _lru_functions():
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "helder" or name.startswith("helder.")):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, _lru_cache_wrapper) and getattr(value, "__module__", None) == name:
                yield value


def clear_caches(*, pipelines: bool = False) -> None:
    """Forget loaded rules, profiles, word lists, configuration files and every ``lru_cache`` of helder
    (and, with ``pipelines=True``, the loaded spaCy pipelines)."""
    for module_name, function in CLEARERS:
        module = sys.modules.get(module_name)
        if module is not None:
            getattr(module, function)()
    for fn in _lru_functions():
        fn.cache_clear()
    if pipelines and "helder.nlp.loader" in sys.modules:
        loader = importlib.import_module("helder.nlp.loader")
        with loader._lock:
            loader._cache.clear()
