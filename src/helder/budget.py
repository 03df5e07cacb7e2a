"""Budgets per document: time (``--timeout``) and memory (``--max-memory``).

Public API::

    DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB
    BudgetExceeded                      # an InputError: one Dutch line for one document
    time_budget(seconds, path)          # context manager; raises BudgetExceeded when time is up
    limit_memory(megabytes)             # caps the address space of this process (and its children)
    too_much_memory(path) -> BudgetExceeded

The time budget uses a POSIX interval timer (``SIGALRM``): it works in the main thread of a process
(the command line and its worker processes) and is a no-op elsewhere (a web server's threads, Windows),
unless the process called :func:`allow_thread_budgets` (a Dask worker, whose tasks run in threads):
then, off the main thread, a timer thread raises the same exception in the working thread
(``PyThreadState_SetAsyncExc``). Either way the exception interrupts Python code (readers, rules, the
Python parts of the pipeline); a long call into compiled code ends at its next return to Python. The memory budget is ``RLIMIT_AS``: an allocation
beyond it raises ``MemoryError``, which the analysis turns into :func:`too_much_memory` for that
document; the run goes on with the next one.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Iterator

from .errors import BudgetExceeded
from .messages import checking_too_slow, too_much_memory

__all__ = ["DEFAULT_TIMEOUT", "DEFAULT_MEMORY_MB", "BudgetExceeded", "time_budget", "allow_thread_budgets",
           "limit_memory",
           "saved_memory_limit", "restore_memory_limit", "lift_memory_limit",
           "too_much_memory"]

#: Seconds one document may take on the command line (``--timeout``; 0: no limit), and as much again
#: for every million characters of its text: normal Dutch takes about 55 s per MB on this project's
#: 2-core machine, so a long report fits, while input whose cost grows faster than its size does not.
DEFAULT_TIMEOUT = 120.0
PER_MILLION_CHARS = 1.0
#: Address space of the command-line process in MB (``--max-memory``; 0: no limit).
DEFAULT_MEMORY_MB = 8192


class _Expired(BaseException):
    """Raised by the timer; a BaseException, so no ``except Exception`` in a reader or rule stops it."""


_thread_budgets = False


def allow_thread_budgets(allowed: bool = True) -> None:
    """Let :func:`time_budget` work in every thread of this process, not only the main thread (for a
    process whose threads do nothing but analyse documents, such as a Dask worker)."""
    global _thread_budgets
    _thread_budgets = allowed


@contextlib.contextmanager
def time_budget(seconds: float | None, path: str, chars: int = 0) -> Iterator[None]:
    """Raise :class:`BudgetExceeded` in the block when it runs longer than ``seconds``, plus
    ``seconds`` for every million characters of a text of ``chars`` characters."""
    if seconds:
        seconds = seconds * (1 + PER_MILLION_CHARS * chars / 1_000_000)
    main = threading.current_thread() is threading.main_thread()
    if not seconds or seconds <= 0 or not (main and hasattr(signal, "setitimer") or not main and _thread_budgets):
        yield
        return
    try:
        with (_alarm(float(seconds)) if main else _thread_alarm(float(seconds))):
            yield
    except _Expired:
        raise checking_too_slow(path, float(seconds)) from None


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expired(signum, frame):  # noqa: ARG001 - signal handler signature
        raise _Expired()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _thread_alarm(seconds: float) -> Iterator[None]:
    """Raise :class:`_Expired` in this thread after ``seconds``, from a timer thread; never after the
    block: the timer fires only while the block runs, and an exception still pending at its end is
    taken back."""
    import ctypes

    ident = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"running": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["running"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ident, ctypes.py_object(_Expired))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["running"] = False
        timer.cancel()
        if state["fired"]:  # raised in the block already, or still pending: take it back
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ident, None)


def limit_memory(megabytes: int | None) -> None:
    """Cap this process's address space at ``megabytes`` (None or 0: leave it). Never raises it."""
    if not megabytes or megabytes <= 0:
        return
    try:
        import resource
    except ImportError:  # Windows
        return
    which = getattr(resource, "RLIMIT_AS", None)
    if which is None:
        return
    try:
        soft, hard = resource.getrlimit(which)
        want = int(megabytes) * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        if soft == resource.RLIM_INFINITY or want < soft:
            resource.setrlimit(which, (want, hard))
    except (ValueError, OSError):
        pass


def _address_space():
    try:
        import resource
    except ImportError:  # Windows
        return None, None
    return resource, getattr(resource, "RLIMIT_AS", None)


def saved_memory_limit() -> "tuple[int, int] | None":
    """This process's address-space limit (soft, hard), to give back with :func:`restore_memory_limit`."""
    resource, which = _address_space()
    if which is None:
        return None
    try:
        return resource.getrlimit(which)
    except (ValueError, OSError):
        return None


def restore_memory_limit(saved: "tuple[int, int] | None") -> None:
    """Put back a limit from :func:`saved_memory_limit` (the CLI run in-process, as tests and editors do,
    must not leave its cap on the caller: a browser started later needs far more address space)."""
    resource, which = _address_space()
    if which is None or saved is None:
        return
    try:
        resource.setrlimit(which, saved)
    except (ValueError, OSError):
        pass


def lift_memory_limit() -> None:
    """In a child process (``preexec_fn``): no address-space cap of helder's for a program such as the
    Java LanguageTool server, which reserves far more address space than it uses."""
    resource, which = _address_space()
    if which is None:
        return
    try:
        _soft, hard = resource.getrlimit(which)
        resource.setrlimit(which, (hard, hard))
    except (ValueError, OSError):
        pass
