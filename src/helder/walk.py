"""Which files ``helder check PATH…`` reads: files as given, folders walked.

A folder is walked for files helder can read (:data:`helder.documents.SUPPORTED_SUFFIXES`), in sorted
order, leaving out:

- hidden files and folders (a name that starts with ``.``) below the folder;
- what Git ignores: inside a Git work tree the list comes from
  ``git ls-files --cached --others --exclude-standard`` (tracked files plus new files that
  ``.gitignore`` does not exclude); elsewhere, or without ``git``, a plain walk that reads the
  ``.gitignore`` files in the folder and below it with Git's rules (:mod:`pathspec`: each file applies
  to its own folder and below, a deeper file and a later line win, ``!`` takes a path back in, and
  nothing inside an ignored folder comes back);
- the ``exclude`` globs of the configuration that applies to the file, and ``--exclude`` globs
  from the command line (relative to the current folder).

The ``exclude`` globs apply to files named on the command line too (pre-commit passes every changed
file by name), ``.gitignore`` does not: a file you name yourself is checked. ``-`` is standard input.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pathspec

from .config import Config, matches_any, relative_to


def _suffixes() -> frozenset[str]:
    from .documents import SUPPORTED_SUFFIXES

    return frozenset(SUPPORTED_SUFFIXES)


def git_files(folder: Path) -> list[Path] | None:
    """Files below ``folder`` that Git does not ignore, or None when it is no Git work tree."""
    try:
        probe = subprocess.run(["git", "-C", str(folder), "rev-parse", "--is-inside-work-tree"],
                               capture_output=True, text=True, timeout=30)
        if probe.returncode != 0 or probe.stdout.strip() != "true":
            return None
        listing = subprocess.run(
            ["git", "-C", str(folder), "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    if listing.returncode != 0:
        return None
    names = [n for n in listing.stdout.decode("utf-8", errors="surrogateescape").split("\0") if n]
    return [folder / n for n in dict.fromkeys(names)]


def _unreadable(folder: str | Path, errors: list[tuple[str, str]] | None) -> None:
    if errors is not None:
        from .fileio import display_name

        errors.append((str(folder), f"Je hebt geen toegang tot de map {display_name(folder)}: "
                                    "helder kan de bestanden erin niet lezen."))


#: A ``.gitignore`` larger than this is not read (it would be no ignore file).
MAX_GITIGNORE_BYTES = 256 * 1024


def _gitignore(folder: Path) -> pathspec.GitIgnoreSpec | None:
    """The rules of ``folder/.gitignore``, or None when there is none (or it cannot be read)."""
    path = folder / ".gitignore"
    try:
        if not path.is_file() or path.stat().st_size > MAX_GITIGNORE_BYTES:
            return None
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(text.splitlines())


def _ignored(specs: list[tuple[Path, pathspec.GitIgnoreSpec]], path: Path, is_dir: bool) -> bool:
    """Do the ``.gitignore`` rules (shallow to deep; the last that matches decides) ignore ``path``?"""
    ignored = False
    for base, spec in specs:
        rel = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        result = spec.check_file(rel).include
        if result is not None:
            ignored = result
    return ignored


def plain_walk(folder: Path, errors: list[tuple[str, str]] | None = None) -> list[Path]:
    """Every file below ``folder`` but hidden folders and what its ``.gitignore`` files ignore."""
    out = []
    specs: dict[Path, list[tuple[Path, pathspec.GitIgnoreSpec]]] = {}
    for dirpath, dirnames, filenames in os.walk(folder, onerror=lambda exc: _unreadable(exc.filename, errors)):
        here = Path(dirpath)
        active = list(specs.get(here, []))
        own = _gitignore(here)
        if own is not None:
            active.append((here, own))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not _ignored(active, here / d, True))
        for d in dirnames:
            specs[here / d] = active
        out.extend(here / f for f in filenames if not _ignored(active, here / f, False))
    return out


def walk_folder(folder: Path, *, use_git: bool = True,
                errors: list[tuple[str, str]] | None = None) -> list[Path]:
    """Readable files below ``folder`` (hidden ones and, in Git, ignored ones left out), sorted.

    A folder helder may not read goes to ``errors`` as ``(path, message)``.
    """
    suffixes = _suffixes()
    found = git_files(folder) if use_git else None
    if found is None:
        found = plain_walk(folder, errors)
    out = []
    for f in found:
        if f.suffix.lower() not in suffixes:
            continue
        try:
            rel_parts = f.relative_to(folder).parts
        except ValueError:
            rel_parts = f.parts
        if any(part.startswith(".") for part in rel_parts):
            continue
        if f.is_file():
            out.append(f)
    return sorted(out, key=lambda p: p.as_posix())


def expand(paths: Sequence[str], *, config_for: Callable[[str], Config] | None = None,
           exclude: Iterable[str] = (), use_git: bool = True,
           errors: list[tuple[str, str]] | None = None) -> list[str]:
    """The files to check for the command-line ``paths`` (see the module docstring).

    Folders that cannot be read go to ``errors`` (``(path, message)``) when it is given.
    """
    extra = tuple(exclude)
    cwd = Path.cwd()

    def excluded(p: str) -> bool:
        if extra and matches_any(relative_to(p, cwd), extra):
            return True
        return config_for is not None and config_for(p).excluded(p)

    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            for f in walk_folder(path, use_git=use_git, errors=errors):
                name = str(f)
                if not excluded(name):
                    out.append(name)
        elif p == "-" or not path.exists():
            out.append(p)  # standard input, or a missing file the reader reports
        elif not excluded(p):
            out.append(p)
    return list(dict.fromkeys(out))
