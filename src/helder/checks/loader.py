"""Find, validate and load rule files and profiles (cached once per process, lazily).

``rules_dir()`` locates the data folder: ``<checkout>/rules`` when helder runs from a source checkout,
otherwise the copy the build puts into the wheel (``helder/rules``).
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..errors import ConfigError
from ..selection import decide
from ..types import Severity
from .registry import FAMILIES, KINDS, compiler, python_functions  # noqa: F401 - FAMILIES, KINDS re-exported


_lock = threading.RLock()
_rules_cache: dict[str, tuple["Rule", ...]] = {}
_profile_cache: dict[tuple[str, str], "Profile"] = {}
_schema_cache: dict[str, dict] = {}


def rules_dir() -> Path:
    """The ``rules/`` data folder: the checkout's copy first, then the one packaged in the wheel."""
    package = Path(__file__).resolve().parents[1]  # src/helder (or site-packages/helder)
    checkout = package.parents[1] / "rules"
    if (checkout / "schema.json").is_file():
        return checkout
    packaged = package / "rules"
    if (packaged / "schema.json").is_file():
        return packaged
    raise ConfigError("kan de map met regels (rules/) niet vinden: helder is niet goed geïnstalleerd")


@dataclass(frozen=True)
class Example:
    """One example text of a rule; ``profile``/``format`` pick the context it is checked in."""

    text: str
    profile: str | None = None
    format: str = "text"


@dataclass(frozen=True)
class Rule:
    """One rule file, validated. Kind-specific fields stay in ``spec`` (the parsed YAML)."""

    code: str
    name: str
    kind: str
    severity: Severity
    message: str
    description: str
    link: str
    fail: tuple[Example, ...]
    passes: tuple[Example, ...]
    settings: Mapping[str, Any]
    messages: Mapping[str, str]
    requires_parse: bool
    path: Path
    spec: Mapping[str, Any] = field(repr=False, compare=False)
    #: (general code, "overlap" | "contains"): general findings this rule's findings replace.
    supersedes: tuple[tuple[str, str], ...] = ()
    #: word lists the rule reads (its own ``lexicon`` first, then ``lexicons``), relative to ``rules/``.
    lexicons: tuple[str, ...] = ()
    #: what the rule kind compiled when the rule was loaded (``compile(spec)`` of the kind's module:
    #: regexes of an existence rule); None when the kind compiles nothing or compiles per pipeline
    #: (pattern matchers need the pipeline's vocabulary and are cached per vocabulary).
    compiled: Any = field(default=None, repr=False, compare=False)
    #: the organisation's rule folder the rule comes from (``rule-folders``); None for helder's own rules.
    folder: Path | None = None
    #: the rule judges a whole document (its length, headings, structure) and says nothing sensible
    #: about a fragment, such as the one paragraph an editor sends (``whole_document: true``).
    whole_document: bool = False

    @property
    def family(self) -> str:
        return "organisatie" if self.folder is not None else FAMILIES[self.code[:2]]


@dataclass(frozen=True)
class Profile:
    """A text type: which rules run, their severities and settings, and the readability target."""

    name: str
    description: str
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: Mapping[str, Severity]
    settings: Mapping[str, Mapping[str, Any]]
    target: Mapping[str, float]
    path: Path | None = None

    def enabled(self, code: str) -> bool:
        """Is ``code`` on in this profile alone (:func:`helder.selection.decide` over one layer)?"""
        return decide(code, [(self.select, self.ignore)])

    def rule_settings(self, rule: Rule) -> dict[str, Any]:
        merged = dict(rule.settings)
        merged.update(self.settings.get(rule.code, {}))
        return merged

    def rule_severity(self, rule: Rule) -> Severity:
        return self.severity.get(rule.code, rule.severity)


def _schema(root: Path) -> dict:
    key = str(root)
    with _lock:
        if key not in _schema_cache:
            try:
                _schema_cache[key] = json.loads((root / "schema.json").read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigError(f"{root / 'schema.json'}: kan het schema niet lezen ({exc})") from exc
        return _schema_cache[key]


def _validate(data: Any, schema: dict, path: Path, definition: str | None = None) -> None:
    import jsonschema

    if definition:
        schema = {"$ref": f"#/$defs/{definition}", "$defs": schema.get("$defs", {})}
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(bovenaan)"
        raise ConfigError(f"{path}: ongeldig bij {where}: {err.message}")


def _read_yaml(path: Path, text: str | None = None) -> Any:
    import yaml

    try:
        text = path.read_text(encoding="utf-8") if text is None else text
        try:  # libyaml when present (ten times faster); the pure loader for the error message
            return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe
        except yaml.YAMLError:
            return yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(f"{path}: kan het bestand niet lezen ({reason})") from exc


class _Validated:
    """Rule and profile files already read and validated, kept in the user's cache by content.

    Parsing 45 YAML files and validating them with ``jsonschema`` (and importing it) costs a cold
    ``helder check`` about 0.3 s. A file whose exact text (with the same schema) passed before is
    taken from ``<cache>/rules/validated-<schema hash>.json`` instead. The key is a hash of the
    text, so an edited file is always read and validated again."""

    def __init__(self, schema_text: str) -> None:
        import hashlib

        from ..cachedir import cache_dir

        digest = hashlib.sha256(schema_text.encode()).hexdigest()[:16]
        self.path = cache_dir("rules") / f"validated-{digest}.json"
        self.dirty = False
        try:
            self.entries: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}
        if not isinstance(self.entries, dict):
            self.entries = {}

    def read(self, path: Path, schema: dict, definition: str | None = None) -> Any:
        import hashlib

        try:
            raw = path.read_bytes()
        except OSError:
            return _read_yaml(path)  # raises the ConfigError
        key = f"{definition or 'rule'}:{hashlib.sha256(raw).hexdigest()}"
        if isinstance(self.entries.get(key), str):
            return json.loads(self.entries[key])  # a fresh object: callers may change what they get
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{path}: kan het bestand niet lezen ({exc})") from exc
        data = _read_yaml(path, text)
        _validate(data, schema, path, definition)
        try:
            saved = json.dumps(data, ensure_ascii=False)
            if json.loads(saved) == data:
                self.entries[key] = saved
                self.dirty = True
        except (TypeError, ValueError):
            pass
        return data

    def save(self) -> None:
        if not self.dirty:
            return
        from ..cachedir import write_atomic

        try:
            write_atomic(self.path, json.dumps(self.entries, ensure_ascii=False).encode())
            self.dirty = False
        except OSError:
            pass  # no writable cache: validate again next time


_validated_cache: dict[str, _Validated] = {}


def _validated(root: Path) -> _Validated:
    key = str(root)
    if key not in _validated_cache:
        _validated_cache[key] = _Validated((root / "schema.json").read_text(encoding="utf-8"))
    return _validated_cache[key]


def _examples(items: list) -> tuple[Example, ...]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(Example(item))
        else:
            out.append(Example(item["text"], item.get("profile"), item.get("format", "text")))
    return tuple(out)


def _supersedes(data: dict, path: Path) -> tuple[tuple[str, str], ...]:
    out = []
    for item in data.get("supersedes", []):
        code, how = (item, "overlap") if isinstance(item, str) else (item["code"], item.get("how", "overlap"))
        if code == data["code"]:
            raise ConfigError(f"{path}: een regel kan zichzelf niet vervangen (supersedes: {code})")
        out.append((code, how))
    return tuple(out)


def _rule_from(data: dict, path: Path) -> Rule:
    code = data["code"]
    family = FAMILIES[code[:2]]
    if path.stem != code:
        raise ConfigError(f"{path}: de bestandsnaam moet {code}.yml zijn")
    if path.parent.name != family:
        raise ConfigError(f"{path}: regel {code} hoort in de map {family}/")
    if data["kind"] == "python":
        fn = data["function"]
        if fn not in python_functions():
            raise ConfigError(f"{path}: onbekende functie '{fn}' (niet in helder.checks.rules)")
    return make_rule(data, path, path.parents[1])


def make_rule(data: dict, path: Path, root: Path, folder: Path | None = None) -> Rule:
    """A :class:`Rule` from the validated YAML ``data`` of the file ``path``; word lists are relative to
    ``root``. ``folder``: the organisation's rule folder it came from (None: helder's own rules)."""
    if data["kind"] == "pattern":
        from .pattern import compile_patterns

        try:
            compile_patterns(data)
        except Exception as exc:  # spaCy raises various errors for bad patterns
            raise ConfigError(f"{path}: ongeldig patroon ({str(exc).splitlines()[0]})") from exc
    try:
        compiled = compiler(data["kind"])(data)
    except re.error as exc:
        raise ConfigError(f"{path}: ongeldige reguliere expressie ({exc})") from exc
    lexicons = tuple(dict.fromkeys(([data["lexicon"]] if data.get("lexicon") else []) + list(data.get("lexicons", []))))
    for name in data.get("lexicons", []):  # its own ``lexicon`` may be missing (the inline entries still work)
        if not (root / name).is_file():
            raise ConfigError(f"{path}: de woordenlijst {name} bestaat niet")
    return Rule(
        supersedes=_supersedes(data, path),
        compiled=compiled,
        lexicons=lexicons,
        code=data["code"],
        name=data["name"],
        kind=data["kind"],
        severity=Severity.parse(data["severity"]),
        message=data["message"],
        description=" ".join(str(data["description"]).split()),
        link=data["link"],
        fail=_examples(data["examples"]["fail"]),
        passes=_examples(data["examples"]["pass"]),
        settings=dict(data.get("settings") or {}),
        messages=dict(data.get("messages") or {}),
        requires_parse=bool(data.get("requires_parse", False)),
        path=path,
        spec=data,
        folder=folder,
        whole_document=bool(data.get("whole_document", False)),
    )


def load_rules(rules_dir: str | Path | None = None) -> list[Rule]:
    """All rule files under ``rules_dir`` (default: :func:`rules_dir`), validated, sorted by code.

    A file that does not pass the schema, sits in the wrong folder or repeats a code raises
    :class:`helder.errors.ConfigError` naming the file and the reason. Cached per folder. Without
    ``rules_dir`` the rules of the active organisation rule folders come after helder's own
    (:func:`helder.checks.folders.active_folders`).
    """
    if rules_dir is None:  # helder's own rules and those of the active rule folders (helder.checks.folders)
        from .folders import active_folders, with_folder_rules

        folders = active_folders()
        key = "|".join(map(str, (globals()["rules_dir"]().resolve(), *folders)))
        with _lock:
            if key not in _rules_cache:
                _rules_cache[key] = with_folder_rules(_builtin_rules(globals()["rules_dir"]()), folders)
            return list(_rules_cache[key])
    return list(_builtin_rules(Path(rules_dir)))


def _builtin_rules(root: Path) -> tuple[Rule, ...]:
    key = str(root.resolve())
    with _lock:
        hit = _rules_cache.get(key)
        if hit is not None:
            return hit
        schema = _schema(root)
        validated = _validated(root)
        rules: dict[str, Rule] = {}
        for family in FAMILIES.values():
            for path in sorted((root / family).glob("*.yml")):
                data = validated.read(path, schema)
                rule = _rule_from(data, path)
                if rule.code in rules:
                    raise ConfigError(f"{path}: code {rule.code} staat ook in {rules[rule.code].path}")
                rules[rule.code] = rule
        validated.save()
        for rule in rules.values():
            for general, _how in rule.supersedes:
                if general not in rules:
                    raise ConfigError(f"{rule.path}: supersedes noemt een onbekende regel {general}")
        result = tuple(sorted(rules.values(), key=lambda r: r.code))
        _rules_cache[key] = result
        return result


def available_profiles(rules_dir: str | Path | None = None) -> list[str]:
    root = Path(rules_dir) if rules_dir is not None else globals()["rules_dir"]()
    return sorted(p.stem for p in (root / "profielen").glob("*.yml"))


def _profile_data(name: str, root: Path, seen: tuple[str, ...] = ()) -> dict:
    path = root / "profielen" / f"{name}.yml"
    if not path.is_file():
        known = ", ".join(available_profiles(root)) or "geen"
        raise ConfigError(f"onbekend profiel '{name}' (kies uit: {known})")
    validated = _validated(root)
    data = validated.read(path, _schema(root), "profile")
    validated.save()
    if data.get("name", name) != name:
        raise ConfigError(f"{path}: de naam in het bestand moet '{name}' zijn")
    parent = data.get("extends")
    if parent:
        if parent in seen:
            raise ConfigError(f"{path}: profielen erven in een kring van elkaar ({' -> '.join(seen + (parent,))})")
        base = _profile_data(parent, root, seen + (name,))
        merged = dict(base)
        for key in ("description", "select", "ignore"):
            if key in data:
                merged[key] = data[key]
        for key in ("severity", "target"):
            merged[key] = {**base.get(key, {}), **data.get(key, {})}
        settings = {k: dict(v) for k, v in base.get("settings", {}).items()}
        for code, values in (data.get("settings") or {}).items():
            settings.setdefault(code, {}).update(values)
        merged["settings"] = settings
        merged["name"] = name
        data = merged
    data["_path"] = path
    return data


def load_profile(name: str, rules_dir: str | Path | None = None) -> Profile:
    """The profile ``name`` from ``rules/profielen/<name>.yml`` (validated; ``extends`` resolved)."""
    root = Path(rules_dir) if rules_dir is not None else globals()["rules_dir"]()
    key = (str(root.resolve()), name)
    with _lock:
        hit = _profile_cache.get(key)
        if hit is not None:
            return hit
        data = _profile_data(name, root)
        profile = Profile(
            name=name,
            description=" ".join(str(data.get("description", "")).split()),
            select=tuple(data.get("select", ["ALL"])),
            ignore=tuple(data.get("ignore", [])),
            severity={c: Severity.parse(s) for c, s in (data.get("severity") or {}).items()},
            settings={c: dict(v) for c, v in (data.get("settings") or {}).items()},
            target=dict(data.get("target") or {}),
            path=data["_path"],
        )
        _profile_cache[key] = profile
        return profile


def clear_loaded() -> None:
    """Forget loaded rules, profiles and schemas (this module's caches; see :func:`clear_caches`)."""
    with _lock:
        _rules_cache.clear()
        _profile_cache.clear()
        _schema_cache.clear()
        _validated_cache.clear()


def clear_caches() -> None:
    """Forget every cache of helder: rules, profiles, lexicons, configuration and the ``lru_cache``
    tables (:func:`helder.caches.clear_caches`; for tests that edit rule files)."""
    from ..caches import clear_caches as clear_all

    clear_all()
