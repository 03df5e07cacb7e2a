"""Finding and loading the configuration file of a path (cached per folder and per file)."""

from __future__ import annotations

import re
import threading
import tomllib
from pathlib import Path

from ..errors import ConfigError
from .model import Config

_lock = threading.RLock()
_dir_cache: dict[str, Path | None] = {}
_file_cache: dict[tuple[str, float, int], Config] = {}
# also "[tool.helder" without its "]": a typo must be reported, not ignored
_HELDER_TABLE = re.compile(r"^\s*\[+\s*tool\s*\.\s*helder\b|^\s*tool\s*\.\s*helder\s*[.=]", re.M)
#: A configuration file larger than this is refused (it would be no configuration).
MAX_CONFIG_BYTES = 1024 * 1024


def _read_config_text(path: Path) -> str:
    """The text of a configuration file: a regular file of at most MAX_CONFIG_BYTES, UTF-8."""
    from ..fileio import read_regular

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
    from .reader import parse_config

    config = parse_config(text, path)
    with _lock:
        _file_cache[key] = config
    return config


def discover(start: str | Path | None = None) -> Config:
    """The configuration that applies to ``start`` (see the module docstring); ``Config()`` if none."""
    found = find_config_file(start)
    return load_config(found) if found is not None else Config()



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
