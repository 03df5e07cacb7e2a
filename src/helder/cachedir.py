"""helder's folder in the user's cache: ``$HELDER_CACHE_DIR`` if set, else the platform's own
(``~/.cache/helder`` on Linux, via ``platformdirs``). Only derived data lives there (built from the
installed package's own files); deleting it is always safe."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir(sub: str) -> Path:
    env = os.environ.get("HELDER_CACHE_DIR")
    if env:
        return Path(env).expanduser() / sub
    import platformdirs

    return Path(platformdirs.user_cache_dir("helder", appauthor=False)) / sub


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
