"""The settings of one document, resolved once: :class:`Settings`.

:func:`resolve` is the one place that merges, low to high: rule defaults (``rules/**.yml``) <
profile (``rules/profielen/*.yml``) < configuration file (with its per-path ``profiles`` and
``per-file-ignores``) < command line. The inline directives of a document stay the last layer; the
filter in :mod:`helder.analysis` applies them per document, reading this object for what they refer
to. Checks, filters, formatters, the command line, fixing and the web layer read only this object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Protocol, Sequence

from ..selection import Layer, decide, longest_prefix
from ..types import Severity
from .globs import glob_match
from .model import Config

if TYPE_CHECKING:
    from ..checks.loader import Profile


class CommandLine(Protocol):
    """What the command line (or an API caller) gives: :class:`helder.analysis.Options` has these.

    ``None`` and empty tuples mean "not given". ``config``: None (no configuration file), ``"auto"``
    (find the file of every document), a :class:`Config`, a :class:`~helder.config.Resolver` or
    already resolved :class:`Settings`. ``extra["rules"]`` runs exactly those rules;
    ``extra["strict"]`` lets a crashing rule raise.
    """

    profile: str | None
    config: Any
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    min_severity: Severity | str | None
    fail_on: Severity | str | None
    grammar: bool | None
    grammar_url: str | None
    extra: dict


@dataclass(frozen=True)
class Settings:
    """What applies to one document. Built by :func:`resolve`; never changed afterwards."""

    path: str
    format: str
    config: Config
    profile: "Profile"
    profile_source: str
    profile_named: bool  # False: the default profile of the document's type
    layers: tuple[Layer, ...]  # (select, ignore): profile < configuration file < command line
    rules: tuple[str, ...]  # codes of the rules that run, in the order of the rule files
    rule_settings: Mapping[str, Mapping[str, Any]]  # code -> settings (rule < profile < file)
    rule_severity: Mapping[str, Severity]  # code -> severity (rule < profile)
    severity: Mapping[str, Severity]  # code or prefix -> severity (file), after the directives
    accept: tuple[str, ...]
    own_lexicons: Mapping[str, Path]  # configuration key (``officialese``) -> the organisation's word list
    min_severity: Severity
    fail_on: Severity
    grammar: bool
    grammar_url: str | None
    strict: bool = False
    sources: Mapping[str, str] = field(default_factory=dict)  # key -> where its value comes from

    @property
    def target(self) -> Mapping[str, float]:
        """The profile's readability target."""
        return self.profile.target

    @property
    def officialese(self) -> Path | None:
        return self.own_lexicons.get("officialese")

    @property
    def file_select(self) -> tuple[str, ...]:
        return tuple(self.layers[1][0])

    @property
    def file_ignore(self) -> tuple[str, ...]:
        return tuple(self.layers[1][1])

    @property
    def cli_select(self) -> tuple[str, ...]:
        return tuple(self.layers[2][0])

    @property
    def cli_ignore(self) -> tuple[str, ...]:
        return tuple(self.layers[2][1])

    def selects(self, code: str) -> bool:
        """Is ``code`` (a rule or a LanguageTool code, ``LT:…``) on, over all layers?"""
        return decide(code, self.layers)

    def severity_for(self, code: str, current: Severity) -> Severity:
        """The severity of a finding of ``code`` after the configuration's ``severity`` table."""
        override = longest_prefix(code, self.severity)
        return current if override is None else override


def _profile_name(config: Config, rel: str, cli_profile: str | None) -> tuple[str | None, str]:
    """command line > the last matching glob in [profiles] > profile > by file type (None)."""
    name, source = None, "standaard voor dit bestandstype"
    if config.profile:
        name, source = config.profile, f"profile in {config.label}"
    for glob, value in config.profiles:
        if rel != "-" and glob_match(rel, glob):
            name, source = value, f"profiles \"{glob}\" in {config.label}"
    if cli_profile:
        name, source = cli_profile, "opdrachtregel (--profile)"
    return name, source


def _scalars(config: Config, cli: CommandLine, sources: dict[str, str]) -> dict[str, Any]:
    """min-severity, fail-on, grammar, grammar-url: command line > file > default."""
    def pick(name: str, given: Any, file_value: Any, default: Any) -> Any:
        if given is not None:
            sources[name] = "opdrachtregel"
            return given
        if file_value is not None:
            sources[name] = config.label
            return file_value
        sources[name] = "standaard"
        return default

    min_sev = None if cli.min_severity is None else Severity.parse(cli.min_severity)
    fail_on = None if cli.fail_on is None else Severity.parse(cli.fail_on)
    return {
        "min_severity": Severity.parse(pick("min-severity", min_sev, config.min_severity, Severity.SUGGESTION)),
        "fail_on": Severity.parse(pick("fail-on", fail_on, config.fail_on, Severity.WARNING)),
        "grammar": bool(pick("grammar", cli.grammar, config.grammar, False)),
        "grammar_url": pick("grammar-url", cli.grammar_url, config.grammar_url, None),
    }


def resolve(config: Config, path: str, document_format: str, cli: CommandLine) -> Settings:
    """The settings of the document at ``path`` (of type ``document_format``) under ``config``."""
    from ..checks import default_profile, load_profile, load_rules

    rel = config.relative(path) if path != "-" else "-"
    name, source = _profile_name(config, rel, cli.profile)
    profile = load_profile(name or default_profile(document_format))
    file_ignore = list(config.ignore)
    for glob, codes in config.per_file_ignores:
        if rel != "-" and glob_match(rel, glob):
            file_ignore.extend(codes)
    layers: tuple[Layer, ...] = ((tuple(profile.select), tuple(profile.ignore)),
                                 (tuple(config.select), tuple(file_ignore)),
                                 (tuple(cli.select), tuple(cli.ignore)))
    rules = load_rules()
    extra = cli.extra or {}
    forced = {str(c).upper() for c in extra.get("rules") or ()}
    if not forced:  # rules of an organisation folder run where the configuration names their folder
        from ..checks.folders import applicable

        rules = applicable(rules, config)
    enabled = tuple(r.code for r in rules if (r.code in forced if forced else decide(r.code, layers)))
    rule_settings = {r.code: {**profile.rule_settings(r), **config.settings.get(r.code, {})} for r in rules}
    sources: dict[str, str] = {"profile": source}
    own = {"officialese": config.officialese} if config.officialese is not None else {}
    return Settings(
        path=path, format=document_format, config=config, profile=profile, profile_source=source,
        profile_named=name is not None, layers=layers, rules=enabled, rule_settings=rule_settings,
        own_lexicons=own, rule_severity={r.code: profile.rule_severity(r) for r in rules}, severity=config.severity,
        accept=config.accept, strict=bool(extra.get("strict")),
        **_scalars(config, cli, sources), sources=sources)


def config_of(path: str, cli: CommandLine) -> Config:
    """The configuration file's layer for ``path``, from ``cli.config`` (see :class:`CommandLine`)."""
    from .files import Resolver, discover

    base = cli.config
    if base == "auto":
        return discover(path if path != "-" else None)
    if isinstance(base, Resolver):
        return base.config_for(path)
    if base is None:
        return Config()
    if isinstance(base, Settings):
        return base.config
    if not isinstance(base, Config):
        raise TypeError(f"config must be None, 'auto', Config, Resolver or Settings, not {type(base).__name__}")
    return base


def settings_for(path: str, document_format: str, cli: CommandLine) -> Settings:
    """The settings of one document: ``cli.config`` when that is already resolved for it, else
    :func:`resolve` over the configuration that applies to ``path``."""
    given = cli.config
    if isinstance(given, Settings) and given.path == path and given.format == document_format:
        return given
    return resolve(config_of(path, cli), path, document_format, cli)


def fails(settings: Settings, severities: Sequence[Severity]) -> bool:
    """Does any of ``severities`` reach the settings' ``fail-on``?"""
    return any(s >= settings.fail_on for s in severities)
