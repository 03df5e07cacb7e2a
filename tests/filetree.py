"""Test helpers for folder trees: write files from a dict, and paths relative to a root."""

from __future__ import annotations

from pathlib import Path


def tree(root: Path, files: dict[str, str]) -> None:
    """Write ``files`` (relative path -> text) under ``root``, making folders as needed."""
    for rel_path, text in files.items():
        p = root / rel_path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


def rel(paths, root: Path) -> list[str]:
    """``paths`` relative to ``root``, as POSIX strings."""
    return [Path(p).resolve().relative_to(root.resolve()).as_posix() for p in paths]
