"""Organisation rule folders: YAML rules and word lists kept outside helder.

A rule folder holds rule files (``*.yml``, in any sub-folder) of the data kinds (existence,
substitution, occurrence, pattern, metric; not ``python``) and word lists under ``lexicon/``. Codes
take the organisation's own prefix of 2 to 5 capitals (``DIE001``); a prefix may not start with one of
helder's families (``WK``, ``ZB``, ``LB``, ``ST``) or ``LT``, and a code may be used once.

Where folders come from:

- ``rule-folders`` in a configuration file (:func:`use_folders`, called when the file is read); their
  rules run for the documents that configuration applies to;
- ``HELDER_RULE_FOLDERS`` (paths separated by ``os.pathsep``), and packages that declare an entry point
  in the group ``helder.rules`` (the entry point gives a folder path, or a function that returns one);
  their rules run for every document.

Problems carry the file and line: :func:`read_folder` returns them, the loader raises the first.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import ConfigError
from ..types import FAMILIES
from .loader import Rule, _read_yaml, _schema, _validated, make_rule, rules_dir

ENTRY_POINT_GROUP = "helder.rules"
ENV_FOLDERS = "HELDER_RULE_FOLDERS"
DATA_KINDS = ("existence", "substitution", "occurrence", "pattern", "metric")
#: Prefixes no organisation may use (helder's families, LanguageTool, the word ALL).
RESERVED = (*FAMILIES, "LT", "ALL")
CODE = re.compile(r"^([A-Z]{2,5})([0-9]{3})$")

_lock = threading.RLock()
_configured: dict[str, Path] = {}
_global: tuple[Path, ...] | None = None


@dataclass(frozen=True)
class Problem:
    """One problem in a rule folder: ``path:line: message``; ``invalid`` (exit 2) or a failing example."""

    path: Path
    line: int
    message: str
    invalid: bool = True

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# ── which folders are active ─────────────────────────────────────────────────────────────────

def use_folders(paths: Iterable[str | Path]) -> None:
    """Make the rules of these folders known (``rule-folders`` of a configuration file)."""
    with _lock:
        for p in paths:
            path = Path(p).resolve()
            _configured.setdefault(str(path), path)


def forget_folders() -> None:
    """Forget the folders of configuration files and the package folders (for tests)."""
    global _global
    with _lock:
        _configured.clear()
        _global = None


def global_folders() -> tuple[Path, ...]:
    """Folders whose rules run for every document: ``HELDER_RULE_FOLDERS`` and the packages' entry points."""
    global _global
    with _lock:
        if _global is None:
            env = [Path(p).expanduser().resolve() for p in os.environ.get(ENV_FOLDERS, "").split(os.pathsep) if p]
            _global = tuple(dict.fromkeys([*env, *package_folders()]))
        return _global


def active_folders() -> tuple[Path, ...]:
    with _lock:
        return tuple(dict.fromkeys([*global_folders(), *_configured.values()]))


def applicable(rules: Sequence[Rule], config: Any) -> list[Rule]:
    """``rules`` less those of configured folders that the document's configuration does not name.
    ``config``: a :class:`helder.config.Config` (None: keep all)."""
    named = getattr(config, "rule_folders", None)
    if named is None:
        return list(rules)
    allowed = {*global_folders(), *(Path(p).resolve() for p in named)}
    return [r for r in rules if r.folder is None or r.folder in allowed]


def package_folders() -> list[Path]:
    """The folders that installed packages declare in the entry-point group ``helder.rules``.

    Scanning the installed packages costs a cold start some 30 ms, so the names found are kept in the
    rule cache, keyed by the modification times of the folders on ``sys.path`` (installing or removing
    a package changes its folder's time); only a declared entry point is loaded."""
    found = _declared_entry_points()
    out = []
    for name, value in found:
        from importlib.metadata import EntryPoint

        try:
            target = EntryPoint(name, value, ENTRY_POINT_GROUP).load()
            folder = Path(target() if callable(target) else target)
        except Exception as exc:  # noqa: BLE001 - a broken package must give one clear line
            raise ConfigError(f"het pakket met regels '{name}' ({value}) geeft geen map: {exc}") from exc
        if not folder.is_dir():
            raise ConfigError(f"het pakket met regels '{name}' ({value}) geeft de map {folder}, maar die bestaat niet")
        out.append(folder.resolve())
    return out


def _declared_entry_points() -> list[tuple[str, str]]:
    import sys

    from ..cachedir import cache_dir, write_atomic

    stamp = []
    for entry in sys.path:
        try:
            stamp.append(f"{entry}:{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            stamp.append(f"{entry}:-")
    key = hashlib.sha256("\n".join(stamp).encode()).hexdigest()[:20]
    path = cache_dir("rules") / f"entry-points-{key}.json"
    try:
        return [tuple(x) for x in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        pass
    from importlib.metadata import entry_points

    found = sorted({(ep.name, ep.value) for ep in entry_points(group=ENTRY_POINT_GROUP)})
    try:
        write_atomic(path, json.dumps(found).encode())
    except OSError:
        pass
    return list(found)


# ── reading a folder ─────────────────────────────────────────────────────────────────────────

def with_folder_rules(builtin: Sequence[Rule], folders: Sequence[Path]) -> tuple[Rule, ...]:
    """helder's own rules plus those of ``folders``; the first problem is a ConfigError with file:line."""
    rules = {r.code: r for r in builtin}
    for folder in folders:
        found, problems = read_folder(folder, taken=rules)
        if problems:
            raise ConfigError(str(problems[0]))
        rules.update((r.code, r) for r in found)
    for rule in rules.values():
        for general, _how in rule.supersedes:
            if general not in rules:
                raise ConfigError(f"{rule.path}:{_line(rule.path, ['supersedes'])}: supersedes noemt een "
                                  f"onbekende regel {general}")
    return tuple(sorted(rules.values(), key=lambda r: r.code))


def _line(path: Path, keys: Sequence[Any]) -> int:
    from .yamllines import line_of

    try:
        return line_of(path.read_text(encoding="utf-8"), keys)
    except (OSError, UnicodeDecodeError):
        return 1


def org_schema() -> dict:
    """The rule schema for organisation rules: codes with the organisation's prefix, no ``python``."""
    schema = copy.deepcopy(_schema(rules_dir()))
    props = schema["properties"]
    own_code = {"type": "string", "pattern": CODE.pattern}
    props["code"] = own_code
    props["kind"] = {"enum": list(DATA_KINDS)}
    for key in ("function", "own_lexicon"):
        props.pop(key, None)
    sup = props["supersedes"]["items"]["anyOf"]
    sup[0]["pattern"] = r"^[A-Z]{2,5}[0-9]{3}$"
    sup[1]["properties"]["code"]["pattern"] = r"^[A-Z]{2,5}[0-9]{3}$"
    schema["allOf"] = [c for c in schema["allOf"] if c["if"]["properties"]["kind"]["const"] != "python"]
    return schema


def rule_files(folder: Path) -> list[Path]:
    """The rule files of a folder: ``*.yml`` and ``*.yaml`` in it and its sub-folders (not hidden ones)."""
    out = [p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file()
           and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    return sorted(out)


def read_folder(folder: str | Path, *, taken: dict[str, Rule] | None = None) -> tuple[list[Rule], list[Problem]]:
    """The rules of one organisation folder and the problems found (each with file and line).
    ``taken``: codes already in use (helder's own and other folders')."""
    folder = Path(folder).resolve()
    if not folder.is_dir():
        return [], [Problem(folder, 0, "de map met regels bestaat niet")]
    taken = dict(taken or {})
    schema = org_schema()
    validated = _validated(rules_dir())
    rules: list[Rule] = []
    problems: list[Problem] = []
    for path in rule_files(folder):
        try:
            rule = _read_rule(path, folder, schema, validated, taken)
        except _FileProblem as exc:
            problems.append(exc.problem)
            continue
        taken[rule.code] = rule
        rules.append(rule)
    validated.save()
    return rules, problems


class _FileProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _fail(path: Path, text: str, keys: Sequence[Any], message: str) -> _FileProblem:
    from .yamllines import line_of

    return _FileProblem(Problem(path, line_of(text, keys), message))


def _read_rule(path: Path, folder: Path, schema: dict, validated: Any, taken: dict[str, Rule]) -> Rule:
    from .yamllines import yaml_error_line

    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _FileProblem(Problem(path, 1, f"kan het bestand niet lezen ({exc})")) from None
    key = f"org:{hashlib.sha256(raw).hexdigest()}"
    if isinstance(validated.entries.get(key), str):
        data = json.loads(validated.entries[key])
    else:
        try:
            data = _read_yaml(path, text)
        except ConfigError as exc:
            reason = str(exc).removeprefix(f"{path}: kan het bestand niet lezen (").removesuffix(")")
            raise _FileProblem(Problem(path, yaml_error_line(text), f"geen geldige YAML ({reason})")) from None
        _check_shape(data, path, text, schema)
        validated.entries[key] = json.dumps(data, ensure_ascii=False)
        validated.dirty = True
    code = data["code"]
    if path.stem != code:
        raise _fail(path, text, ["code"], f"de bestandsnaam moet {code}{path.suffix} zijn")
    prefix = CODE.match(code).group(1)
    if prefix.startswith(RESERVED):
        raise _fail(path, text, ["code"], f"de code {code} begint met een voorvoegsel van helder zelf "
                    f"({', '.join(RESERVED[:-1])}); kies het eigen voorvoegsel van uw organisatie")
    if code in taken:
        other = taken[code].path
        raise _fail(path, text, ["code"], f"de code {code} bestaat al ({other})")
    data = _with_lexicons(data, path, folder, text)
    try:
        return make_rule(data, path, folder, folder)
    except ConfigError as exc:
        message = str(exc).removeprefix(f"{path}: ")
        field = "patterns" if "patroon" in message else "regex" if "reguliere" in message else "code"
        raise _fail(path, text, [field], message) from None


def _check_shape(data: Any, path: Path, text: str, schema: dict) -> None:
    import jsonschema

    from .yamllines import dutch_schema_error

    if not isinstance(data, dict):
        raise _FileProblem(Problem(path, 1, "een regelbestand moet velden hebben (code, name, kind, ...)"))
    kind = data.get("kind")
    if kind == "python":
        raise _fail(path, text, ["kind"], "kind: python kan alleen in helder zelf; kies existence, "
                    "substitution, occurrence, pattern of metric")
    if kind is not None and kind not in DATA_KINDS:
        raise _fail(path, text, ["kind"], f"onbekende soort regel '{kind}' (kies uit: {', '.join(DATA_KINDS)})")
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        raise _fail(path, text, list(err.absolute_path), dutch_schema_error(err))


def _with_lexicons(data: dict, path: Path, folder: Path, text: str) -> dict:
    """The rule's word lists (``lexicon``, ``lexicons``) checked and made absolute (relative to ``folder``)."""
    out = dict(data)
    if data.get("lexicon"):
        out["lexicon"] = str(_lexicon(data["lexicon"], path, folder, text, ["lexicon"]))
    if data.get("lexicons"):
        out["lexicons"] = [str(_lexicon(n, path, folder, text, ["lexicons", i])) for i, n in enumerate(data["lexicons"])]
    return out


def _lexicon(name: str, path: Path, folder: Path, text: str, keys: list) -> Path:
    target = folder / name
    if not target.is_file():
        raise _fail(path, text, keys, f"de woordenlijst {name} bestaat niet (gezocht in {folder})")
    try:
        lines = target.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise _FileProblem(Problem(target, 1, f"kan de woordenlijst niet lezen ({exc})")) from None
    for n, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise _FileProblem(Problem(target, n, "een regel in de woordenlijst is: woord, TAB, beter woord "
                                       "(met | tussen alternatieven, - voor weglaten), TAB, uitleg"))
    return target


__all__ = ["ENTRY_POINT_GROUP", "ENV_FOLDERS", "Problem", "active_folders", "applicable", "forget_folders",
           "global_folders", "package_folders", "read_folder", "use_folders", "with_folder_rules"]
