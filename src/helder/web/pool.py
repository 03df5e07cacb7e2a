"""Worker processes for ``helder serve``: each loads the Dutch pipeline once and checks one text at a time.

- ``workers`` processes (started with *spawn*), each with its own pipe. A request takes an idle
  worker, sends it the job and waits for the answer until the request's deadline.
- The queue is bounded: at most ``workers + queue`` requests are admitted at once; the next one gets
  :class:`Busy` (the server answers 503 with ``Retry-After``).
- The deadline is kept by the server, not by the client: a worker that has not answered by then is
  killed and a new one is started in its place (the waiting request gets :class:`TooSlow`, whether or
  not its client is still there). A worker that dies is replaced the same way.
- Jobs are ``(function name in helder.web.jobs, keyword arguments)``; answers are plain values.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from typing import Any

__all__ = ["Busy", "TooSlow", "WorkerFailed", "Pool"]


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class TooSlow(Exception):
    """The job did not finish before its deadline (its worker was replaced)."""


class WorkerFailed(Exception):
    """The worker died while doing the job (it was replaced)."""


def _worker_main(conn, model: str | None, single_thread: bool = False) -> None:  # runs in the child
    import os
    import signal

    if single_thread:  # several workers share the cores: no extra math threads in each
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which stops us
    from ..nlp import get_pipeline
    from . import jobs

    get_pipeline(model)
    conn.send(("ready", None))
    while True:
        try:
            name, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", getattr(jobs, name)(model=model, **kwargs)))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the server
            conn.send(("error", jobs.describe_error(exc)))


class _Worker:
    def __init__(self, ctx, model: str | None, single_thread: bool = False) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, model, single_thread), daemon=True,
                                   name="helder-serve-worker")
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> bool:
        try:
            return self.conn.poll(timeout) and self.conn.recv()[0] == "ready"
        except (EOFError, OSError):
            return False

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    """``workers`` processes, a queue of ``queue_size`` more requests, a deadline per job."""

    def __init__(self, workers: int = 1, *, queue_size: int = 8, model: str | None = None,
                 start_timeout: float = 300.0) -> None:
        self.size = max(1, workers)
        self.model = model
        self.start_timeout = start_timeout
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._slots = threading.BoundedSemaphore(self.size + max(0, queue_size))
        self._closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        started = [self._new() for _ in range(self.size)]
        for w in started:
            if not w.wait_ready(start_timeout):
                self.close()
                raise RuntimeError("a worker process did not start")
            self._idle.put(w)

    def _new(self) -> _Worker:
        w = _Worker(self._ctx, self.model, self.size > 1)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, old: _Worker) -> None:
        with self._lock:
            self._all.discard(old)
        old.kill()
        if self._closed:
            return

        def start() -> None:
            delay = 1.0
            while not self._closed:
                w = self._new()
                if w.wait_ready(self.start_timeout) and not self._closed:
                    self._idle.put(w)
                    return
                with self._lock:  # try again later rather than lose a worker for good
                    self._all.discard(w)
                w.kill()
                time.sleep(delay)
                delay = min(60.0, delay * 2)

        threading.Thread(target=start, daemon=True, name="helder-serve-restart").start()

    def run(self, name: str, timeout: float, **kwargs: Any) -> Any:
        """Run ``jobs.<name>(**kwargs)`` in a worker; the answer, or Busy/TooSlow/WorkerFailed.

        A job that raised in the worker comes back as ``jobs.JobError``.
        """
        from .jobs import JobError

        if not self._slots.acquire(blocking=False):
            raise Busy()
        try:
            deadline = time.monotonic() + timeout
            try:
                worker = self._idle.get(timeout=max(0.0, timeout))
            except queue.Empty:
                raise TooSlow() from None
            try:
                worker.conn.send((name, kwargs))
                if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                    self._replace(worker)
                    raise TooSlow()
                status, value = worker.conn.recv()
            except (EOFError, OSError, BrokenPipeError):
                self._replace(worker)
                raise WorkerFailed() from None
            self._idle.put(worker)
            if status == "error":
                raise JobError(*value)
            return value
        finally:
            self._slots.release()

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()
