"""Configuration: ``[tool.helder]`` in the nearest ``pyproject.toml``, or a ``helder.toml``.

Modules: :mod:`.model` (:class:`Config`, the keys), :mod:`.files` (finding and loading the file),
:mod:`.reader` (checking its text), :mod:`.codes` (rule codes), :mod:`.globs` (pathspec globs),
:mod:`.settings` (:class:`Settings` of one document, resolved once), :mod:`.describe` (``helder config``).

Where helder looks
------------------

From the folder of the checked file (for standard input: the current folder) up to the root, helder
takes the first folder that has a ``helder.toml`` (keys at the top level) or a ``pyproject.toml``
with a ``[tool.helder]`` table; in one folder ``helder.toml`` wins. ``--config FILE`` names the file
and stops the search. Globs and paths in the file are relative to the folder the file is in.

Precedence, low to high
-----------------------

rule defaults (``rules/**.yml``) < profile (``rules/profielen/*.yml``) < configuration file <
command-line flags < inline directives in the document (:mod:`helder.directives`).

``select``/``ignore`` take codes or prefixes (``WK``, ``ZB001``, ``LT`` for every LanguageTool rule,
``ALL``). Over all layers together the *longest* matching prefix decides; at equal length the higher
layer decides, and within one layer ``ignore`` beats ``select``. A non-empty ``select`` without
``ALL`` switches off everything it does not name. So ``select = ["WK"]`` in the file keeps only the
word-choice rules, but does not switch on ``WK011`` when the profile switches it off by its full code;
``select = ["WK011"]`` does.

Keys
----

.. code-block:: toml

    [tool.helder]
    profile = "brief"                    # brief | web | raadsvoorstel (default: by file type)
    select = ["ALL"]                     # codes or prefixes
    ignore = ["WK003"]
    min-severity = "suggestion"          # show findings from this severity on
    fail-on = "warning"                  # exit code 1 from this severity on
    accept = ["parkeervergunning", "Omgevingswet"]   # words no WK rule flags
    officialese = "taal/ambtelijk-eigen.tsv"        # own officialese list, format of rules/lexicon/ambtelijk.tsv
    exclude = ["archief/**", "concept-*.md"]        # never checked when walking folders
    grammar = false                      # LanguageTool on or off
    grammar-url = "http://localhost:8081"
    baseline = ".helder-baseline.json"   # known findings (see helder.baseline)
    rule-folders = ["taal/regels"]       # the organisation's own rules and word lists (helder.checks.folders)

    [tool.helder.severity]               # code or prefix -> suggestion | warning | error
    ZB001 = "error"

    [tool.helder.settings.LB001]         # a rule's thresholds (names as in the rule file)
    max_words = 18

    [tool.helder.per-file-ignores]       # glob -> codes or prefixes
    "nieuws/**" = ["LB001"]

    [tool.helder.profiles]               # glob -> profile; the last matching glob wins
    "web/**/*.md" = "web"
    "raadsvoorstellen/**" = "raadsvoorstel"

An unknown key, an unknown code or profile, or a value of the wrong type is a
:class:`~helder.errors.ConfigError` of one line that names the file and the line it is on.

Globs (Git's wildmatch, through :mod:`pathspec`): ``*`` and ``?`` stay inside one folder, ``**``
crosses folders, a glob without ``/`` matches the file name in any folder, a glob that matches a
folder matches everything in it, and in ``exclude`` a later ``!glob`` takes a path back in.
"""

from __future__ import annotations

from ..selection import decide, longest_prefix
from .codes import did_you_mean, is_known_prefix, known_codes, parse_codes, unknown_code_message
from .describe import describe, render_description
from .files import MAX_CONFIG_BYTES, Resolver, clear_cache, discover, find_config_file, load_config
from .globs import glob_match, matches_any, relative_to
from .model import CONFIG_NAMES, KEYS, SEVERITY_NAMES, Config
from .reader import check_officialese_file, parse_config, setting_problem
from .settings import CommandLine, Settings, config_of, fails, resolve, settings_for

__all__ = [
    "CONFIG_NAMES", "KEYS", "MAX_CONFIG_BYTES", "SEVERITY_NAMES", "CommandLine", "Config", "Resolver",
    "Settings", "check_officialese_file", "clear_cache", "config_of", "decide", "describe", "did_you_mean",
    "discover", "fails", "find_config_file", "glob_match", "is_known_prefix", "known_codes", "load_config",
    "longest_prefix", "matches_any", "parse_codes", "parse_config", "relative_to", "render_description",
    "resolve", "setting_problem", "settings_for", "unknown_code_message",
]
