"""Globs of the configuration (``exclude``, ``profiles``, ``per-file-ignores``, ``--exclude``) and of
``.gitignore`` files, through :mod:`pathspec` with Git's wildmatch rules.

``*`` and ``?`` stay inside one folder, ``**`` crosses folders, a glob without ``/`` (but for one at
the end) matches the name in any folder, a leading ``/`` anchors it at the configuration's folder,
and a glob that matches a folder matches everything in it. In a list (``exclude``), a later glob
that starts with ``!`` takes a path back in (``["archief/**", "!archief/besluiten/**"]``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pathspec


@lru_cache(maxsize=512)
def compile_globs(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    """One :class:`pathspec.GitIgnoreSpec` for ``patterns`` (Git's rules; later lines win)."""
    lines = [p.strip().replace("\\", "/") for p in patterns]
    return pathspec.GitIgnoreSpec.from_lines([_no_dot_slash(p) for p in lines if p])


def _no_dot_slash(pattern: str) -> str:
    negated = pattern.startswith("!")
    body = pattern[1:] if negated else pattern
    while body.startswith("./"):
        body = body[2:]
    return ("!" if negated else "") + body


def glob_match(path: str, pattern: str) -> bool:
    """Does the relative posix ``path`` match ``pattern`` (see the module docstring)?"""
    return compile_globs((pattern,)).match_file(path)


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    """Is ``path`` matched by the list ``patterns`` (a ``!glob`` takes back what came before)?"""
    return compile_globs(tuple(patterns)).match_file(path)


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
