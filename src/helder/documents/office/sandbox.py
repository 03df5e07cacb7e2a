"""The reading process: :func:`extract` in a separate, isolated Python process with limits.

The child runs ``python -I`` (no working directory, no PYTHON* variables, no user site-packages on
``sys.path``) with helder's own folder passed explicitly, under a limit on its memory
(:attr:`~helder.documents.office.common.Limits.memory_bytes`, where the system supports it) and its
CPU time, and the parent waits at most :attr:`~helder.documents.office.common.Limits.seconds`. It
fails closed: if the process cannot start, reading fails with one line of Dutch; it never falls back
to reading in this process without limits.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ...errors import InputError
from ...messages import object_name, reading_too_slow, too_complex
from .common import LIMITS, Limits, Paragraph
from .reading import extract

__all__ = ["extract_isolated", "worker"]

_BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); "
         "from helder.documents.office.sandbox import worker; sys.exit(worker(sys.argv[2:]))")


def _no_sandbox(path: str, why: str) -> InputError:
    return InputError(f"helder kan {object_name(path)} niet veilig lezen: het aparte leesproces start niet "
                      f"({why}). Zet HELDER_OFFICE_ISOLATE=0 om het zonder grenzen in dit proces te lezen.")


def extract_isolated(data: bytes, fmt: str, path: str, limits: Limits) -> tuple[list[Paragraph], list[str]]:
    """Run :func:`extract` in a child Python process with limits on memory and time.

    The child runs isolated (``python -I``: no working directory, no PYTHON* variables, no user
    site-packages on ``sys.path``) with this package's folder passed explicitly, so nothing from the
    folder where helder runs is imported. If it cannot start, reading fails: it never falls back to
    reading here without limits.
    """
    package_root = str(Path(__file__).resolve().parents[3])  # the folder that holds "helder"
    command = [sys.executable, "-I", "-c", _BOOT, package_root, fmt, path, json.dumps(asdict(limits))]
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=package_root)
    except OSError as exc:
        raise _no_sandbox(path, exc.strerror or str(exc)) from None
    try:
        out, err = proc.communicate(data, timeout=limits.seconds + 2)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise reading_too_slow(path, limits.seconds) from None
    try:
        answer = json.loads(out.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        answer = None
    if not isinstance(answer, dict):
        if proc.returncode and proc.returncode > 0 and b"Error" in err[-2000:] and b"MemoryError" not in err[-2000:]:
            last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
            if "ModuleNotFoundError" in last[0] or "ImportError" in last[0]:
                raise _no_sandbox(path, last[0][:200])
        # killed by the memory or CPU limit, or crashed in a library
        raise too_complex(path)
    if "error" in answer:
        raise InputError(str(answer["error"]))
    paragraphs = [Paragraph(str(k), int(lv), str(t), int(pg)) for k, lv, t, pg in answer["paragraphs"]]
    return paragraphs, [str(n) for n in answer.get("notes", [])]


def _limit_resources(limits: Limits) -> None:
    try:
        import resource
    except ImportError:  # not on Windows
        return
    for name, value in (("RLIMIT_AS", limits.memory_bytes), ("RLIMIT_CPU", int(limits.seconds) + 2)):
        which = getattr(resource, name, None)
        if which is None:
            continue
        try:
            soft, hard = resource.getrlimit(which)
            new = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(which, (new, hard))
        except (ValueError, OSError):
            pass


def worker(argv: list[str]) -> int:
    """The reading process: ``FORMAT PATH [LIMITS-JSON]`` with the file on standard input."""
    fmt, path = argv[0], argv[1]
    try:
        limits = Limits(**json.loads(argv[2] if len(argv) > 2 else "{}"))
    except (TypeError, ValueError):
        limits = LIMITS
    _limit_resources(limits)
    data = sys.stdin.buffer.read()
    try:
        paragraphs, notes = extract(data, fmt, path, limits=limits)
        answer: dict[str, Any] = {"paragraphs": [[p.kind, p.level, p.text, p.page] for p in paragraphs],
                                  "notes": notes}
    except InputError as exc:
        answer = {"error": str(exc)}
    except MemoryError:
        answer = {"error": str(too_complex(path))}
    sys.stdout.write(json.dumps(answer, ensure_ascii=True))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(worker(sys.argv[1:]))
