"""Reading and checking the text of a configuration file; every error names the file and line."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..errors import ConfigError
from ..types import Severity
from .codes import did_you_mean, is_known_prefix, known_codes, unknown_code_message
from .model import KEYS, SEVERITY_NAMES, Config

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
        from ..checks import available_profiles

        if not isinstance(value, str):
            raise self.fail(keys, f"'{'.'.join(keys)}' moet de naam van een profiel zijn")
        known = available_profiles()
        if value not in known:
            hint = did_you_mean(value, known)
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
                hint = did_you_mean(key, list(KEYS))
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
        from ..checks.folders import use_folders

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
        from ..checks import load_rules

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

