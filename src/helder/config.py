"""Configuration: ``[tool.helder]`` in the nearest ``pyproject.toml``, or a ``helder.toml``.

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

Globs: ``*`` and ``?`` stay inside one folder, ``**`` crosses folders, a glob without ``/``
matches the file name in any folder, and a glob that matches a folder matches everything in it.
"""

from __future__ import annotations

import difflib
import os
import re
import threading
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .errors import ConfigError
from .types import Severity

CONFIG_NAMES = ("helder.toml", "pyproject.toml")
SEVERITY_NAMES = "suggestion, warning of error"

#: Every key of ``[tool.helder]`` with a short Dutch description of the value it takes.
KEYS: Mapping[str, str] = {
    "profile": "de naam van een profiel",
    "profiles": "een tabel: glob = profiel",
    "select": "een lijst met codes",
    "ignore": "een lijst met codes",
    "per-file-ignores": "een tabel: glob = lijst met codes",
    "severity": "een tabel: code = suggestion, warning of error",
    "settings": "een tabel per regel: [settings.CODE]",
    "min-severity": "suggestion, warning of error",
    "fail-on": "suggestion, warning of error",
    "accept": "een lijst met woorden",
    "officialese": "het pad van een woordenlijst (TSV)",
    "exclude": "een lijst met globs",
    "grammar": "true of false",
    "grammar-url": "een webadres",
    "baseline": "het pad van een basislijn (JSON)",
    "rule-folders": "een lijst met mappen met eigen regels",
}


@dataclass(frozen=True)
class Config:
    """One configuration file, read and checked. ``Config()`` is "no file": every default."""

    path: Path | None = None  # the file; None: defaults only
    root: Path | None = None  # the folder globs and paths are relative to
    profile: str | None = None
    profiles: tuple[tuple[str, str], ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    min_severity: Severity | None = None
    fail_on: Severity | None = None
    accept: tuple[str, ...] = ()
    officialese: Path | None = None
    exclude: tuple[str, ...] = ()
    grammar: bool | None = None
    grammar_url: str | None = None
    baseline: Path | None = None
    rule_folders: tuple[Path, ...] = ()

    @property
    def label(self) -> str:
        """Where this configuration comes from, for messages."""
        if self.path is None:
            return "geen configuratiebestand"
        return f"{self.path} [tool.helder]" if self.path.name == "pyproject.toml" else str(self.path)

    def relative(self, path: str | Path) -> str:
        """``path`` relative to the configuration's folder (posix), for glob matching."""
        return relative_to(path, self.root or Path.cwd())

    def excluded(self, path: str | Path) -> bool:
        return bool(self.exclude) and matches_any(self.relative(path), self.exclude)


# ── finding the file ──────────────────────────────────────────────────────────────────────────

_lock = threading.RLock()
_dir_cache: dict[str, Path | None] = {}
_file_cache: dict[tuple[str, float, int], Config] = {}
# also "[tool.helder" without its "]": a typo must be reported, not ignored
_HELDER_TABLE = re.compile(r"^\s*\[+\s*tool\s*\.\s*helder\b|^\s*tool\s*\.\s*helder\s*[.=]", re.M)
#: A configuration file larger than this is refused (it would be no configuration).
MAX_CONFIG_BYTES = 1024 * 1024


def _read_config_text(path: Path) -> str:
    """The text of a configuration file: a regular file of at most MAX_CONFIG_BYTES, UTF-8."""
    from .fileio import read_regular

    data = read_regular(path, what="het configuratiebestand", max_bytes=MAX_CONFIG_BYTES, error=ConfigError)
    return data.decode("utf-8")


def _has_helder_table(pyproject: Path) -> bool:
    try:
        text = _read_config_text(pyproject)
    except (OSError, UnicodeDecodeError, ConfigError):
        return False
    if not _HELDER_TABLE.search(text):
        return False
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return True  # it means to configure helder: load_config reports the syntax error
    return isinstance(data.get("tool"), dict) and "helder" in data["tool"]


def find_config_file(start: str | Path | None = None) -> Path | None:
    """The configuration file for ``start`` (a file or folder; default: the current folder), or None."""
    here = Path(start) if start is not None else Path.cwd()
    if str(here) == "-":
        here = Path.cwd()
    here = here.resolve() if here.exists() else (Path.cwd() / here).resolve()
    folder = here if here.is_dir() else here.parent
    seen: list[str] = []
    found: Path | None = None
    with _lock:
        for d in (folder, *folder.parents):
            key = str(d)
            if key in _dir_cache:
                found = _dir_cache[key]
                break
            seen.append(key)
            candidate = d / "helder.toml"
            if candidate.is_file():
                found = candidate
                break
            candidate = d / "pyproject.toml"
            if candidate.is_file() and _has_helder_table(candidate):
                found = candidate
                break
        for key in seen:
            _dir_cache[key] = found
    return found


def clear_cache() -> None:
    """Forget which folders have which configuration (for tests that write configuration files)."""
    with _lock:
        _dir_cache.clear()
        _file_cache.clear()


def load_config(path: str | Path) -> Config:
    """Read and check one configuration file (``pyproject.toml``: its ``[tool.helder]`` table)."""
    path = Path(path).resolve()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ConfigError(f"het configuratiebestand {path} bestaat niet") from None
    except OSError as exc:
        raise ConfigError(f"kan het configuratiebestand {path} niet lezen ({exc.strerror or exc})") from None
    key = (str(path), stat.st_mtime, stat.st_size)
    with _lock:
        hit = _file_cache.get(key)
    if hit is not None:
        return hit
    try:
        text = _read_config_text(path)
    except OSError as exc:
        raise ConfigError(f"kan het configuratiebestand {path} niet lezen ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"het configuratiebestand {path} is geen UTF-8-tekst") from None
    config = parse_config(text, path)
    with _lock:
        _file_cache[key] = config
    return config


def discover(start: str | Path | None = None) -> Config:
    """The configuration that applies to ``start`` (see the module docstring); ``Config()`` if none."""
    found = find_config_file(start)
    return load_config(found) if found is not None else Config()


# ── reading and checking ──────────────────────────────────────────────────────────────────────

_HEADER = re.compile(r"^\s*\[\[?\s*(?P<key>[^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_KEY_LINE = re.compile(rf"^\s*(?P<key>{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_KEY_TOKEN = re.compile(_KEY_PART)
_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")


def _split_key(text: str) -> tuple[str, ...]:
    parts = []
    for m in _KEY_TOKEN.finditer(text):
        tok = m.group(0)
        if tok[:1] in "\"'":
            tok = tok[1:-1]
        parts.append(tok)
    return tuple(parts)


class _Locator:
    """Finds the line a key (or a value under a key) is on, for error messages.

    tomllib gives values without positions, so this reads the lines once: table headers and
    ``key =`` lines. Good enough for the configuration files people write; when it cannot tell, it
    points at the nearest key it knows.
    """

    def __init__(self, text: str, prefix: tuple[str, ...]) -> None:
        self.lines = text.splitlines()
        self.prefix = prefix
        self.keys: dict[tuple[str, ...], int] = {}
        table: tuple[str, ...] = ()
        for n, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            m = _HEADER.match(line)
            if m and not _KEY_LINE.match(line):
                table = _split_key(m.group("key"))
                self.keys.setdefault(table, n)
                continue
            m = _KEY_LINE.match(line)
            if m:
                self.keys.setdefault(table + _split_key(m.group("key")), n)

    def line(self, keys: Sequence[str], value: str | None = None) -> int:
        """Line of ``[prefix.]keys`` (or of ``value`` written under it); 1 when nothing fits."""
        full = self.prefix + tuple(keys)
        n = len(full)
        start = None
        while n > 0:
            start = self.keys.get(full[:n])
            if start is not None:
                break
            n -= 1
        if start is None:
            return 1
        wanted = []
        if value is not None:
            wanted.append(value)
        if n < len(full):
            wanted = list(full[n:]) + wanted
        if not wanted:
            return start
        needle = wanted[-1]
        pattern = re.compile(r"(?<![\w:-])" + re.escape(needle) + r"(?![\w-])")
        for i in range(start, min(len(self.lines), start + 500) + 1):
            if pattern.search(self.lines[i - 1]):
                return i
        return start


class _Reader:
    """Checks the raw table of one file and builds a :class:`Config`; errors name file and line."""

    def __init__(self, data: Mapping[str, Any], path: Path, locator: _Locator, table: str) -> None:
        self.data = data
        self.path = path
        self.loc = locator
        self.table = table

    def fail(self, keys: Sequence[str], message: str, value: str | None = None) -> ConfigError:
        return ConfigError(f"{self.path}:{self.loc.line(keys, value)}: {message}")

    # -- value checks ---------------------------------------------------------------------------
    def string(self, key: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail([key], f"'{key}' moet {KEYS[key]} zijn (tekst tussen aanhalingstekens)")
        return value.strip()

    def strings(self, keys: Sequence[str], value: Any, what: str) -> tuple[str, ...]:
        if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(keys, f"'{'.'.join(keys)}' moet {what} zijn, zoals [\"WK001\", \"ZB\"]"
                            if what.endswith("codes") else f"'{'.'.join(keys)}' moet {what} zijn")
        return tuple(v.strip() for v in value if v.strip())

    def codes(self, keys: Sequence[str], value: Any) -> tuple[str, ...]:
        out = []
        for raw in self.strings(keys, value, "een lijst met codes"):
            code = raw.upper()
            if not is_known_prefix(code):
                raise self.fail(keys, unknown_code_message(raw, f"'{'.'.join(keys)}'"), raw)
            out.append(code)
        return tuple(out)

    def severity(self, keys: Sequence[str], value: Any) -> Severity:
        try:
            if not isinstance(value, str):
                raise ValueError
            return Severity.parse(value)
        except ValueError:
            raise self.fail(keys, f"'{'.'.join(keys)}' moet {SEVERITY_NAMES} zijn, niet {value!r}") from None

    def profile_name(self, keys: Sequence[str], value: Any) -> str:
        from .checks import available_profiles

        if not isinstance(value, str):
            raise self.fail(keys, f"'{'.'.join(keys)}' moet de naam van een profiel zijn")
        known = available_profiles()
        if value not in known:
            hint = _did_you_mean(value, known)
            raise self.fail(keys, f"onbekend profiel '{value}' (kies uit: {', '.join(known)}){hint}", value)
        return value

    def table_of(self, key: str, value: Any) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail([key], f"'{key}' moet {KEYS[key]} zijn")
        return value

    def file_path(self, key: str, value: Any, *, must_exist: bool) -> Path:
        text = self.string(key, value)
        p = Path(text).expanduser()
        if not p.is_absolute():
            p = self.path.parent / p
        if must_exist and not p.is_file():
            raise self.fail([key], f"'{key}': het bestand {text} bestaat niet (gezocht in {p.parent})", text)
        return p

    # -- the whole table ------------------------------------------------------------------------
    def build(self) -> Config:
        data = self.data
        for key in data:
            if key not in KEYS:
                hint = _did_you_mean(key, list(KEYS))
                raise self.fail([key], f"onbekende sleutel '{key}' in {self.table}{hint}")
        kw: dict[str, Any] = {"path": self.path, "root": self.path.parent}
        if "rule-folders" in data:  # first: the codes below may name the folders' rules
            kw["rule_folders"] = self.rule_folders(data["rule-folders"])
        if "profile" in data:
            kw["profile"] = self.profile_name(["profile"], data["profile"])
        if "profiles" in data:
            kw["profiles"] = tuple((glob, self.profile_name(["profiles", glob], name))
                                   for glob, name in self.table_of("profiles", data["profiles"]).items())
        for key in ("select", "ignore"):
            if key in data:
                kw[key] = self.codes([key], data[key])
        if "per-file-ignores" in data:
            kw["per_file_ignores"] = tuple(
                (glob, self.codes(["per-file-ignores", glob], codes))
                for glob, codes in self.table_of("per-file-ignores", data["per-file-ignores"]).items())
        if "severity" in data:
            sev = {}
            for code, value in self.table_of("severity", data["severity"]).items():
                if not is_known_prefix(code.upper()) or code.upper() == "ALL":
                    raise self.fail(["severity", code], unknown_code_message(code, "[severity]"))
                sev[code.upper()] = self.severity(["severity", code], value)
            kw["severity"] = sev
        if "settings" in data:
            kw["settings"] = self.settings(self.table_of("settings", data["settings"]))
        for key, attr in (("min-severity", "min_severity"), ("fail-on", "fail_on")):
            if key in data:
                kw[attr] = self.severity([key], data[key])
        if "accept" in data:
            kw["accept"] = self.strings(["accept"], data["accept"], "een lijst met woorden")
        if "exclude" in data:
            kw["exclude"] = self.strings(["exclude"], data["exclude"], "een lijst met globs")
        if "officialese" in data:
            kw["officialese"] = self.file_path("officialese", data["officialese"], must_exist=True)
            check_officialese_file(kw["officialese"])
        if "grammar" in data:
            if not isinstance(data["grammar"], bool):
                raise self.fail(["grammar"], "'grammar' moet true of false zijn")
            kw["grammar"] = data["grammar"]
        if "grammar-url" in data:
            url = self.string("grammar-url", data["grammar-url"])
            if not re.match(r"^https?://", url):
                raise self.fail(["grammar-url"], f"'grammar-url' moet met http:// of https:// beginnen, niet '{url}'")
            kw["grammar_url"] = url
        if "baseline" in data:
            kw["baseline"] = self.file_path("baseline", data["baseline"], must_exist=False)
        return Config(**kw)

    def rule_folders(self, value: Any) -> tuple[Path, ...]:
        from .checks.folders import use_folders

        folders = []
        for text in self.strings(["rule-folders"], value, "een lijst met mappen"):
            p = Path(text).expanduser()
            p = p if p.is_absolute() else self.path.parent / p
            if not p.is_dir():
                raise self.fail(["rule-folders"], f"'rule-folders': de map {text} bestaat niet (gezocht in {p.parent})", text)
            folders.append(p.resolve())
        use_folders(folders)
        try:
            known_codes()
        except ConfigError as exc:  # a rule file of the folder is wrong: its own file and line
            raise ConfigError(f"{exc} (uit 'rule-folders' in {self.path})") from None
        return tuple(folders)

    def settings(self, table: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
        from .checks import load_rules

        rules = {r.code: r for r in load_rules()}
        out: dict[str, dict[str, Any]] = {}
        for code, values in table.items():
            rule = rules.get(code.upper())
            if rule is None:
                raise self.fail(["settings", code], unknown_code_message(code, "[settings]"))
            if not isinstance(values, dict):
                raise self.fail(["settings", code], f"'settings.{code}' moet een tabel zijn, zoals "
                                f"[tool.helder.settings.{code.upper()}]")
            for name in values:
                if name not in rule.settings:
                    known = ", ".join(sorted(rule.settings)) or "geen"
                    raise self.fail(["settings", code, name],
                                    f"regel {rule.code} kent de instelling '{name}' niet (wel: {known})")
                problem = setting_problem(rule.settings[name], values[name])
                if problem:
                    raise self.fail(["settings", code, name], f"{rule.code}.{name}: {problem}")
            out[rule.code] = dict(values)
        return out


def setting_problem(default: Any, value: Any) -> str | None:
    """Why ``value`` cannot replace a rule setting whose default is ``default`` (None: it can)."""
    import math

    if isinstance(default, bool):
        return None if isinstance(value, bool) else f"moet true of false zijn, niet {value!r}"
    if isinstance(default, (int, float)):
        whole = isinstance(default, int)
        what = "een heel getal van 0 of meer" if whole else "een getal van 0 of meer"
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (whole and isinstance(value, float)):
            return f"moet {what} zijn, niet {value!r}"
        if not math.isfinite(value) or value < 0:
            return f"moet {what} zijn, niet {value!r}"
        return None
    if isinstance(default, str):
        return None if isinstance(value, str) else f"moet tekst zijn, niet {value!r}"
    if isinstance(default, (list, tuple)):
        if not isinstance(value, list):
            return f"moet een lijst zijn, niet {value!r}"
    return None


def parse_config(text: str, path: str | Path) -> Config:
    """A :class:`Config` from the text of a configuration file named ``path``."""
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _AT_LINE.search(msg)
        line = m.group(1) if m else "1"
        raise ConfigError(f"{path}:{line}: dit is geen geldige TOML ({_AT_LINE.sub('', msg)})") from None
    except RecursionError:
        raise ConfigError(f"{path}: de TOML is te diep genest; helder leest het niet") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        table = tool.get("helder", {}) if isinstance(tool, dict) else {}
        prefix, name = ("tool", "helder"), "[tool.helder]"
    else:
        table, prefix, name = data, (), path.name
    locator = _Locator(text, prefix)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}:{locator.line([])}: [tool.helder] moet een tabel zijn")
    return _Reader(table, path, locator, name).build()


def check_officialese_file(path: Path) -> None:
    """The organisation's officialese list must have the format of ``rules/lexicon/ambtelijk.tsv``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"kan de woordenlijst {path} niet lezen ({exc})") from None
    for n, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise ConfigError(f"{path}:{n}: een regel in de woordenlijst is: woord, TAB, beter woord "
                              "(met | tussen alternatieven, - voor weglaten), TAB, uitleg")


# ── codes and prefixes ────────────────────────────────────────────────────────────────────────

def known_codes() -> frozenset[str]:
    from .checks.folders import active_folders

    return _known_codes(active_folders())


@lru_cache(maxsize=4)
def _known_codes(folders: tuple[Path, ...]) -> frozenset[str]:
    from .checks import load_rules

    return frozenset(r.code for r in load_rules())


def is_known_prefix(code: str) -> bool:
    """``ALL``, ``LT``/``LT:…`` (LanguageTool), or the start of at least one rule's code."""
    code = code.upper()
    if code in ("ALL", "LT") or code.startswith("LT:"):
        return True
    return bool(code) and any(c.startswith(code) for c in known_codes())


def unknown_code_message(code: str, where: str) -> str:
    hint = _did_you_mean(code.upper(), sorted(known_codes()))
    return f"onbekende regelcode '{code}' in {where}" + (hint or " ('helder rules' toont alle codes)")


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; bedoel je '{close[0]}'?" if close else ""


def parse_codes(text: str | Sequence[str] | None, where: str) -> tuple[str, ...]:
    """Codes from a command-line flag (``"WK,ZB001"``); an unknown code is a ConfigError."""
    if not text:
        return ()
    items = text.split(",") if isinstance(text, str) else list(text)
    out = []
    for item in items:
        code = item.strip().upper()
        if not code:
            continue
        if not is_known_prefix(code):
            raise ConfigError(unknown_code_message(item.strip(), where))
        out.append(code)
    return tuple(out)


def _match_length(prefix: str, code: str) -> int:
    if prefix == "ALL":
        return 0
    return len(prefix) if code.startswith(prefix) else -1


def decide(code: str, layers: Sequence[tuple[Sequence[str], Sequence[str]]]) -> bool:
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


# ── globs ─────────────────────────────────────────────────────────────────────────────────────

@lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    pat = pattern.strip().replace("\\", "/")
    anchored = "/" in pat.rstrip("/")
    pat = pat.lstrip("/").rstrip("/")
    if pat.startswith("./"):
        pat = pat[2:]
    out = []
    i, n = 0, len(pat)
    while i < n:
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = pat.find("]", i + 1)
            if j == -1:
                out.append(re.escape(c))
                i += 1
            else:
                body = pat[i + 1:j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    body = "".join(out)
    if not anchored:
        body = "(?:.*/)?" + body
    # a glob that matches a folder matches everything in it
    return re.compile(f"^{body}(?:/.*)?$")


def glob_match(path: str, pattern: str) -> bool:
    """Does the relative posix ``path`` match ``pattern`` (see the module docstring)?"""
    return bool(_glob_regex(pattern).match(path))


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    return any(glob_match(path, p) for p in patterns)


def relative_to(path: str | Path, root: Path) -> str:
    """``path`` relative to ``root`` as posix text; the absolute path when it is not below ``root``."""
    p = Path(path)
    if not p.is_absolute():
        p = Path.cwd() / p
    p = Path(os.path.normpath(p))
    try:
        root = Path(os.path.normpath(root.resolve()))
        try:
            return p.relative_to(root).as_posix()
        except ValueError:
            return p.resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return p.as_posix()


# ── the effective configuration of one file ───────────────────────────────────────────────────

@dataclass(frozen=True)
class Effective:
    """What applies to one checked file: the file's configuration merged with the command line.

    The engine asks it which rules run (:meth:`enabled`) and for settings (:meth:`rule_settings`);
    the analysis uses it for severities, accepted words, grammar and the minimum severity.
    """

    config: Config
    path: str
    profile: str | None  # None: the default for the file type (see helder.checks.default_profile)
    profile_source: str
    select: tuple[str, ...]  # configuration file
    ignore: tuple[str, ...]  # configuration file, with the per-file ignores that match
    cli_select: tuple[str, ...] = ()
    cli_ignore: tuple[str, ...] = ()
    min_severity: Severity = Severity.SUGGESTION
    fail_on: Severity = Severity.WARNING
    grammar: bool = False
    grammar_url: str | None = None
    sources: Mapping[str, str] = field(default_factory=dict)  # key -> where its value comes from

    @property
    def severity(self) -> Mapping[str, Severity]:
        return self.config.severity

    @property
    def accept(self) -> tuple[str, ...]:
        return self.config.accept

    @property
    def officialese(self) -> Path | None:
        return self.config.officialese

    def layers(self, profile: Any) -> list[tuple[Sequence[str], Sequence[str]]]:
        return [(tuple(profile.select), tuple(profile.ignore)), (self.select, self.ignore),
                (self.cli_select, self.cli_ignore)]

    def enabled(self, code: str, profile: Any) -> bool:
        """Does rule ``code`` run under ``profile`` (a :class:`helder.checks.Profile`)?"""
        return decide(code, self.layers(profile))

    def rule_settings(self, code: str) -> dict[str, Any]:
        return dict(self.config.settings.get(code, {}))

    def severity_for(self, code: str, current: Severity) -> Severity:
        override = longest_prefix(code, self.config.severity)
        return current if override is None else override


def effective(config: Config, path: str | Path, *, profile: str | None = None,
              select: Sequence[str] = (), ignore: Sequence[str] = (),
              min_severity: Severity | str | None = None, fail_on: Severity | str | None = None,
              grammar: bool | None = None, grammar_url: str | None = None) -> Effective:
    """Merge ``config`` with command-line values (None / empty: not given) for the file ``path``."""
    rel = config.relative(path) if str(path) != "-" else "-"
    sources: dict[str, str] = {}
    cfg_label = config.label
    # profile: command line > the last matching glob in [profiles] > profile > by file type
    prof, prof_src = None, "standaard voor dit bestandstype"
    if config.profile:
        prof, prof_src = config.profile, f"profile in {cfg_label}"
    for glob, name in config.profiles:
        if rel != "-" and glob_match(rel, glob):
            prof, prof_src = name, f"profiles \"{glob}\" in {cfg_label}"
    if profile:
        prof, prof_src = profile, "opdrachtregel (--profile)"
    sources["profile"] = prof_src
    ignore_cfg = list(config.ignore)
    for glob, codes in config.per_file_ignores:
        if rel != "-" and glob_match(rel, glob):
            ignore_cfg.extend(codes)

    def pick(name: str, cli: Any, file_value: Any, default: Any) -> Any:
        if cli is not None:
            sources[name] = "opdrachtregel"
            return cli
        if file_value is not None:
            sources[name] = cfg_label
            return file_value
        sources[name] = "standaard"
        return default

    return Effective(
        config=config,
        path=str(path),
        profile=prof,
        profile_source=prof_src,
        select=tuple(config.select),
        ignore=tuple(ignore_cfg),
        cli_select=tuple(select),
        cli_ignore=tuple(ignore),
        min_severity=Severity.parse(pick("min-severity", None if min_severity is None else Severity.parse(min_severity),
                                         config.min_severity, Severity.SUGGESTION)),
        fail_on=Severity.parse(pick("fail-on", None if fail_on is None else Severity.parse(fail_on),
                                    config.fail_on, Severity.WARNING)),
        grammar=bool(pick("grammar", grammar, config.grammar, False)),
        grammar_url=pick("grammar-url", grammar_url, config.grammar_url, None),
        sources=sources,
    )


class Resolver:
    """Finds the configuration of every checked file once per folder (or uses one given file)."""

    def __init__(self, explicit: str | Path | None = None, *, isolated: bool = False) -> None:
        self.explicit = load_config(explicit) if explicit is not None else None
        self.isolated = isolated
        if explicit is None and not isolated:  # the rule folders of the current folder's configuration:
            try:  # their codes may be named on the command line (--select DIE001)
                discover(None)
            except ConfigError:
                pass  # reported when a file it applies to is checked

    def config_for(self, path: str | Path) -> Config:
        if self.explicit is not None:
            return self.explicit
        if self.isolated:
            return Config()
        return discover(path if str(path) != "-" else None)


# ── showing it (helder config) ────────────────────────────────────────────────────────────────

def describe(eff: Effective, *, document_format: str | None = None) -> dict[str, Any]:
    """The effective configuration of one path as plain data (for ``helder config``)."""
    from .checks import default_profile, load_profile, load_rules

    cfg = eff.config
    fmt = document_format
    prof_name = eff.profile or (default_profile(fmt) if fmt else None)
    profiles_by_type = None
    if prof_name is None:
        profiles_by_type = {"markdown": default_profile("markdown"), "html": default_profile("html"),
                            "text": default_profile("text")}
    out: dict[str, Any] = {
        "path": eff.path,
        "config_file": str(cfg.path) if cfg.path else None,
        "profile": prof_name,
        "profile_source": eff.profile_source,
    }
    if profiles_by_type:
        out["profile_by_type"] = profiles_by_type
    out.update({
        "select": list(eff.select), "ignore": list(eff.ignore),
        "cli_select": list(eff.cli_select), "cli_ignore": list(eff.cli_ignore),
        "severity": {k: v.label for k, v in cfg.severity.items()},
        "settings": {k: dict(v) for k, v in cfg.settings.items()},
        "min_severity": eff.min_severity.label, "fail_on": eff.fail_on.label,
        "accept": list(cfg.accept),
        "officialese": str(cfg.officialese) if cfg.officialese else None,
        "exclude": list(cfg.exclude),
        "grammar": eff.grammar, "grammar_url": eff.grammar_url,
        "baseline": str(cfg.baseline) if cfg.baseline else None,
        "sources": dict(eff.sources),
    })
    if prof_name:
        profile = load_profile(prof_name)
        rules = []
        for rule in load_rules():
            if not eff.enabled(rule.code, profile):
                continue
            settings = profile.rule_settings(rule)
            settings.update(eff.rule_settings(rule.code))
            rules.append({"code": rule.code, "name": rule.name,
                          "severity": eff.severity_for(rule.code, profile.rule_severity(rule)).label,
                          "settings": settings})
        out["rules"] = rules
    return out


def render_description(data: Mapping[str, Any]) -> str:
    """``describe()`` as text: TOML-like lines with where each value comes from."""
    import json

    def q(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    src = data.get("sources", {})
    lines = [f"# Configuratie voor {data['path']}",
             f"# Bestand: {data['config_file'] or 'geen (alleen standaardwaarden)'}", ""]
    if data.get("profile"):
        lines.append(f"profile = {q(data['profile'])}    # {data['profile_source']}")
    else:
        by_type = ", ".join(f"{k}: {v}" for k, v in data.get("profile_by_type", {}).items())
        lines.append(f"# profile: per bestandstype ({by_type})")
    lines.append(f"select = {q(data['select'])}    # {data['config_file'] or 'standaard'}")
    lines.append(f"ignore = {q(data['ignore'])}")
    if data["cli_select"] or data["cli_ignore"]:
        lines.append(f"# opdrachtregel: --select {','.join(data['cli_select']) or '-'} "
                     f"--ignore {','.join(data['cli_ignore']) or '-'}")
    lines.append(f"min-severity = {q(data['min_severity'])}    # {src.get('min-severity', 'standaard')}")
    lines.append(f"fail-on = {q(data['fail_on'])}    # {src.get('fail-on', 'standaard')}")
    lines.append(f"accept = {q(data['accept'])}")
    lines.append(f"officialese = {q(data['officialese'] or '')}")
    lines.append(f"exclude = {q(data['exclude'])}")
    lines.append(f"grammar = {'true' if data['grammar'] else 'false'}    # {src.get('grammar', 'standaard')}")
    lines.append(f"grammar-url = {q(data['grammar_url'] or '')}    # {src.get('grammar-url', 'standaard')}")
    lines.append(f"baseline = {q(data['baseline'] or '')}")
    if data["severity"]:
        lines.append("")
        lines.append("[severity]")
        lines.extend(f"{k} = {q(v)}" for k, v in data["severity"].items())
    for code, values in data["settings"].items():
        lines.append("")
        lines.append(f"[settings.{code}]")
        lines.extend(f"{k} = {q(v)}" for k, v in values.items())
    if "rules" in data:
        lines.append("")
        lines.append(f"# Regels die aan staan ({len(data['rules'])}):")
        for r in data["rules"]:
            lines.append(f"#   {r['code']}  {r['name']:<28} {r['severity']}")
    return "\n".join(lines)
