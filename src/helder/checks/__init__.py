"""The rule engine: turns the rule files in ``rules/`` into :class:`~helder.types.Finding` objects.

Public API::

    from helder import checks
    outcome = checks.run_checks(document, doc, metrics_result, parsed=True, settings=settings)
    outcome.findings, outcome.warnings, outcome.profile
    checks.load_rules()            # every rule, validated against rules/schema.json (cached)
    checks.load_profile("brief")   # a Profile: enabled rules, severities, settings, readability target
    checks.available_profiles()    # ["brief", "raadsvoorstel", "web"]
    checks.rules_dir()             # <checkout>/rules, else the copy packaged in the wheel

The engine reads one :class:`helder.config.Settings` per document (profile, rules that run, their
settings and severities). Default profile: the command line's, else the configuration's, else by
document format: ``web`` for Markdown and HTML, ``brief`` for plain text (:data:`engine.DEFAULT_PROFILES`).

One module per rule kind: :mod:`existence`, :mod:`substitution`, :mod:`occurrence`, :mod:`metric`,
:mod:`pattern` and :mod:`python` (one module per code rule in :mod:`rules`; :mod:`registry` names the kinds and functions). :mod:`syntax` has the parse helpers
(clauses, finite verbs, the passive detector), :mod:`lexicon` the TSV word lists and lemma-aware matching.

How to add a rule
-----------------

1. Pick the next free code in the family (``WK``, ``ZB``, ``LB``, ``ST``); codes are never reused.
   Create ``rules/<family folder>/<CODE>.yml`` with: ``code``, ``name`` (kebab-case), ``kind``,
   ``severity`` (suggestion | warning | error), ``message`` (Dutch, B1, placeholders such as
   ``{match}``), ``description``, ``link`` (the guideline), ``examples.fail`` and ``examples.pass``.
   An example may be an object ``{text, profile, format}`` when it needs a profile or Markdown.
2. Choose the simplest kind that can express it: a word list → ``existence`` or ``substitution``;
   a count → ``occurrence``; a score → ``metric``; token/dependency patterns → ``pattern``. Only
   when data cannot say it: ``kind: python`` with ``function: NAME`` and a function decorated with
   ``@rule_function("NAME")`` in a new module ``rules/<code>_<name>.py`` (with a docstring as the others have). Put thresholds and word lists in ``settings``
   so profiles can change them; set ``requires_parse: true`` if the rule needs tags or the parse.
   When its findings say better what a general rule says (the officialese list WK001), declare
   ``supersedes: [WK001]`` (or ``[{code: WK001, how: contains}]``); word lists it reads besides its
   own ``lexicon`` go in ``lexicons``. The engine reads these declarations; it names no rule code.
3. Switch it on or off per profile in ``rules/profielen/*.yml`` (``select``/``ignore`` by prefix,
   ``settings``, ``severity``).
4. Run ``HELDER_TEST_MODEL=<pipeline> pytest tests/test_rules.py -k CODE``: every fail example must
   give the rule at least one finding, every pass example none. Then check a clean text for false
   positives: a rule that fires on good Dutch is worse than no rule.
"""

from __future__ import annotations

from .engine import CheckOutcome, DEFAULT_PROFILES, default_profile, run_checks
from .loader import Example, Profile, Rule, available_profiles, clear_caches, load_profile, load_rules, rules_dir

__all__ = [
    "CheckOutcome",
    "DEFAULT_PROFILES",
    "Example",
    "Profile",
    "Rule",
    "available_profiles",
    "clear_caches",
    "default_profile",
    "load_profile",
    "load_rules",
    "rules_dir",
    "run_checks",
]
