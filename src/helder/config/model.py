"""The configuration of one file, as read and checked: :class:`Config` and its keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..types import Severity
from .globs import matches_any, relative_to

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

