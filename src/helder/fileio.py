"""Safe file access for everything helder writes or reads besides the texts themselves.

Public API::

    write_atomic(path, data, *, keep_mode=True) -> None
    read_regular(path, *, what, max_bytes, error=InputError) -> bytes
    require_regular(path, *, what, error=InputError) -> None
    same_file(a, b) -> bool
    display_name(path) -> str
    valid_utf8(text) -> str

:func:`write_atomic` writes ``data`` (str as UTF-8, or bytes) to a temporary file in the same folder,
flushes and fsyncs it, checks its size, and renames it over ``path``; the folder is fsynced too.
Nothing but a regular file (or a new name) is ever replaced: a device (``/dev/null``, ``/dev/full``),
a FIFO, a socket or a folder gives a :class:`~helder.errors.HelderError` and is left alone. Any
failure (a full disk, "File too large", no permission) raises a ``HelderError`` with one Dutch line,
and the old file stays as it was. With ``keep_mode`` a replaced file keeps its permission bits.
A symbolic link is followed: its target is replaced, the link stays.

:func:`read_regular` reads at most ``max_bytes`` from a regular file and refuses anything else
(FIFOs would block forever, ``/dev/zero`` never ends).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from .errors import HelderError, InputError

__all__ = ["write_atomic", "read_regular", "require_regular", "same_file", "display_name", "valid_utf8"]


def valid_utf8(text: str) -> str:
    """``text`` without lone surrogates (from undecodable file names): each becomes U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        # \udc80-\udcff are bytes of a file name (surrogateescape); other lone surrogates are noise
        escaped = re.sub("[\ud800-\udc7f\udd00-\udfff]", "\ufffd", text)
        return escaped.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def display_name(path: str | os.PathLike) -> str:
    """``path`` as text that is valid UTF-8 (undecodable bytes of a file name become U+FFFD)."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        return text.decode("utf-8", "replace")
    return valid_utf8(text)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "een map"
    if stat.S_ISFIFO(mode):
        return "een pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "een apparaat"
    if stat.S_ISSOCK(mode):
        return "een socket"
    return "geen gewoon bestand"


def require_regular(path: str | os.PathLike, *, what: str, error: type[HelderError] = InputError) -> None:
    """Raise ``error`` when ``path`` exists and is not a regular file (a missing file is allowed)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise error(f"helder kan {what} {display_name(path)} niet openen ({exc.strerror or exc}).") from None
    if not stat.S_ISREG(mode):
        raise error(f"{what[:1].upper()}{what[1:]} {display_name(path)} is {_kind(mode)}, geen gewoon bestand. "
                    "helder leest en schrijft alleen gewone bestanden.")


def read_regular(path: str | os.PathLike, *, what: str, max_bytes: int,
                 error: type[HelderError] = InputError) -> bytes:
    """The bytes of the regular file ``path`` (at most ``max_bytes``; more is an error).

    Opened without blocking, so a FIFO that appears between the check and the open does not hang.
    """
    name = display_name(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)  # OSError goes to the caller, who knows how to word it
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise error(f"{what[:1].upper()}{what[1:]} {name} is {_kind(mode)}, geen gewoon bestand. "
                        "helder leest alleen gewone bestanden.")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(max_bytes + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > max_bytes:
        raise error(f"{what[:1].upper()}{what[1:]} {name} is te groot (meer dan "
                    f"{max(1, max_bytes // (1024 * 1024))} MB).")
    return data


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """True when ``a`` and ``b`` are the same existing file (also through links or other spellings)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _fail(path: str | os.PathLike, exc: OSError | str) -> HelderError:
    reason = exc if isinstance(exc, str) else (exc.strerror or str(exc))
    return HelderError(f"kan {display_name(path)} niet schrijven ({reason}). Er is niets veranderd.")


def write_atomic(path: str | os.PathLike, data: str | bytes, *, keep_mode: bool = True) -> None:
    """Write ``data`` to ``path`` in full or not at all (see the module text). Raises HelderError."""
    payload = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else bytes(data)
    target = Path(os.path.realpath(path))
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _fail(path, exc) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise HelderError(f"{display_name(path)} is {_kind(info.st_mode)}, geen gewoon bestand: "
                          "helder vervangt het niet. Kies een gewoon bestand.")
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _fail(path, exc) from None
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            if os.stat(tmp).st_size != len(payload):
                raise _fail(path, "het bestand is niet helemaal geschreven")
            if info is not None and keep_mode:
                os.chmod(tmp, stat.S_IMODE(info.st_mode))
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, target)
        except OSError as exc:
            raise _fail(path, exc) from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
