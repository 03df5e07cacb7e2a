"""Many documents over several worker processes (``helder check --jobs N``, ``helder audit --jobs N``).

Why ``--jobs 2`` used to be slower than ``--jobs 1`` on two cores (issue 14): the work was cut into
chunks of equal *numbers* of documents, in file order, and a document was never divided. In a folder
of circulars one text often has most of the words (68,558 of 88,000 in the benchmark sample), so one
worker parsed it while the other finished its small chunks and waited; on top of that both workers
start a Python process and load the pipeline (a few seconds of CPU each) and every report travels
back through a pipe. The run could never be shorter than that one document, and was longer by the
start-up. Now:

- documents are cut into chunks of about equal *text size*, largest first (:func:`balanced_chunks`);
- a document larger than a worker's fair share is parsed in pieces on all workers (the same pieces
  :func:`helder.nlp.batching.split_text` makes in one process, so the parse is the same); the parsed
  pieces come back as ``Doc`` bytes, and one worker joins them and runs the figures and rules, before
  the chunks that are still waiting; each of those tasks keeps to the document's time budget;
- each worker uses one thread for linear algebra (``OPENBLAS_NUM_THREADS=1`` and friends), so N
  workers on N cores do not compete with their own helper threads;
- a :class:`WorkerPool` can be kept for many calls (``helder audit`` does), so the pipeline loads once
  per worker per run, not per batch.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

if TYPE_CHECKING:
    from .analysis import Options, Progress
    from .documents.base import Document
    from .types import Report

#: Environment variables that cap the threads of the linear-algebra and OpenMP libraries.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
                    "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")

_options: "Options | None" = None


@contextmanager
def single_thread_env() -> Iterator[None]:
    """Child processes started inside this block use one thread for linear algebra."""
    saved = {k: os.environ.get(k) for k in THREAD_VARIABLES}
    os.environ.update({k: "1" for k in THREAD_VARIABLES})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def worker_initializer(function: Callable[..., Any], *args: Any) -> None:
    """A pool's initializer: one linear-algebra thread (before numpy loads), then ``function(*args)``."""
    os.environ.update({k: "1" for k in THREAD_VARIABLES})
    function(*args)


def _init(options: "Options") -> None:
    global _options
    from .nlp import get_pipeline

    _options = options
    get_pipeline(options.model)  # once per worker, before the first task


def _task(task: tuple) -> tuple:
    """``("analyze", keys, documents)`` -> reports; ``("parse", key, (texts, path, chars))`` -> Doc
    bytes; ``("check", keys, (document, Doc bytes per piece group, forced cuts))`` -> its report.
    A document over its time or memory budget gives ``(path, message)`` instead of a report."""
    kind, key, payload = task
    assert _options is not None
    if kind == "analyze":
        from .analysis import analyze_documents

        errors: list[tuple[str, str]] = []
        reports = iter(analyze_documents(payload, _options, errors=errors))
        failed = dict(errors)
        # one entry per document: its Report, or (path, message) when it ran out of time or memory
        return kind, key, [(d.path, failed[d.path]) if d.path in failed else next(reports) for d in payload]
    if kind == "parse":
        return kind, key, parse_group(*payload, _options)
    return kind, key, [check_parsed(*payload, _options)]


def parse_group(texts: Sequence[str], path: str, chars: int, options: "Options") -> "list[bytes] | str":
    """``Doc`` bytes of some pieces of the text of ``path`` (``chars`` long), parsed within that text's
    time budget; or the one-line message when it ran out of time or memory."""
    from .budget import BudgetExceeded, time_budget, too_much_memory
    from .nlp import get_pipeline
    from .nlp.batching import parse_pieces

    nlp, _info = get_pipeline(options.model)
    try:
        try:
            with time_budget(options.timeout, path, chars):
                return [doc.to_bytes(exclude=["tensor"]) for doc in parse_pieces(nlp, texts)]
        except MemoryError:
            raise too_much_memory(path) from None
    except BudgetExceeded as exc:
        return str(exc)


def check_parsed(document: "Document", groups: "Sequence[list[bytes] | str]", forced: int,
                 options: "Options") -> "Report | tuple[str, str]":
    """Join the parsed piece groups of ``document`` (:func:`parse_group`, in order) and run the figures
    and rules within its time budget: its Report, or ``(path, message)`` as ``errors`` holds them."""
    from spacy.tokens import Doc

    from .analysis import analyze_parsed, internal_error
    from .budget import BudgetExceeded, time_budget, too_much_memory
    from .errors import HelderError
    from .nlp import get_pipeline
    from .nlp.batching import join_parsed

    failed = next((g for g in groups if isinstance(g, str)), None)
    if failed is not None:
        return document.path, failed
    nlp, info = get_pipeline(options.model)
    try:
        try:
            with time_budget(options.timeout, document.path, len(document.text)):
                doc = join_parsed([Doc(nlp.vocab).from_bytes(b) for group in groups for b in group], forced)
                return analyze_parsed(document, doc, info.name, info.parsed, options)
        except MemoryError:
            raise too_much_memory(document.path) from None
    except BudgetExceeded as exc:
        return document.path, str(exc)
    except HelderError:
        raise
    except Exception as exc:  # noqa: BLE001 - one document's internal error: a row with it, go on
        return document.path, internal_error(document.path, exc)


def balanced_chunks(sizes: Sequence[int], jobs: int, batch_size: int) -> list[list[int]]:
    """Indexes of documents in chunks of about equal text size, the largest first.

    A chunk holds at most ``batch_size`` documents and about a quarter of one worker's share of the
    text, so the last chunks, which decide when the run ends, are small."""
    budget = max(1, sum(sizes) // (jobs * 4))
    chunks: list[list[int]] = []
    current: list[int] = []
    volume = 0
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        if current and (volume + sizes[i] > budget or len(current) >= batch_size):
            chunks.append(current)
            current, volume = [], 0
        current.append(i)
        volume += sizes[i]
    if current:
        chunks.append(current)
    return chunks


def piece_groups(text: str, budget: int) -> list[list[str]]:
    """:func:`helder.nlp.batching.split_text`'s pieces of ``text``, in groups of about ``budget``
    characters (one group: the text is parsed whole)."""
    from .nlp.batching import split_text

    return _piece_groups(split_text(text), budget)


def _piece_groups(pieces: list[str], budget: int) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    volume = 0
    for p in pieces:
        if groups[-1] and volume + len(p) > budget:
            groups.append([])
            volume = 0
        groups[-1].append(p)
        volume += len(p)
    return groups


def plan(docs: Sequence["Document"], jobs: int, batch_size: int) -> tuple[list[tuple], dict[int, int]]:
    """The tasks for ``jobs`` workers: ``parse`` tasks for the pieces of documents larger than a
    worker's fair share (first), then ``analyze`` chunks; and the number of piece groups per split
    document."""
    sizes = [len(d.text) for d in docs]
    budget = max(1, sum(sizes) // (jobs * 4))
    tasks: list[tuple] = []
    parts: dict[int, int] = {}  # split document -> number of piece groups
    whole = []
    for i, d in enumerate(docs):
        groups = piece_groups(d.text, budget) if sizes[i] > budget else [[d.text]]
        if len(groups) == 1:
            whole.append(i)
            continue
        parts[i] = len(groups)
        tasks.extend(("parse", (i, g), (group, d.path, sizes[i])) for g, group in enumerate(groups))
    for chunk in balanced_chunks([sizes[i] for i in whole], jobs, batch_size):
        keys = [whole[k] for k in chunk]
        tasks.append(("analyze", keys, [docs[i] for i in keys]))
    return tasks, parts


class WorkerPool:
    """``jobs`` spawned processes that each loaded the pipeline once; use it in a ``with`` block."""

    def __init__(self, options: "Options", jobs: int) -> None:
        import multiprocessing

        self.options, self.jobs = options, max(1, jobs)
        ctx = multiprocessing.get_context("spawn")
        self.pool = ctx.Pool(processes=self.jobs, initializer=worker_initializer, initargs=(_init, options))

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()

    def _tasks(self, docs: Sequence["Document"], batch_size: int) -> tuple[list[tuple], dict[int, int]]:
        return plan(docs, self.jobs, batch_size)

    def analyze(self, docs: Sequence["Document"], batch_size: int = 16, progress: "Progress | None" = None,
                errors: list[tuple[str, str]] | None = None) -> Iterator["Report"]:
        """One Report per document, in the order of ``docs`` (as :func:`analyze_documents` gives).

        A document that ran out of its time or memory budget is left out and its ``(path, message)``
        goes to ``errors``; without ``errors`` the :class:`~helder.budget.BudgetExceeded` is raised.

        At most ``jobs + 1`` tasks are in flight; when all pieces of a split document are parsed, its
        ``check`` task (join the pieces, run the figures and rules) goes before the waiting chunks."""
        import queue
        from collections import deque

        from .nlp.batching import cut_pieces

        tasks, parts = self._tasks(docs, batch_size)
        waiting = deque(tasks)
        answers: "queue.Queue[Any]" = queue.Queue()
        results: dict[int, Report] = {}
        pieces: dict[int, dict[int, list[bytes]]] = {}
        done = next_out = in_flight = 0

        def feed() -> None:
            nonlocal in_flight
            while waiting and in_flight <= self.jobs:
                self.pool.apply_async(_task, (waiting.popleft(),), callback=answers.put,
                                      error_callback=answers.put)
                in_flight += 1

        feed()
        while in_flight:
            answer = answers.get()
            in_flight -= 1
            if isinstance(answer, BaseException):
                raise answer
            kind, key, value = answer
            if kind == "parse":
                i, g = key
                pieces.setdefault(i, {})[g] = value
                if len(pieces[i]) == parts[i]:
                    groups = pieces.pop(i)
                    forced = cut_pieces(docs[i].text)[1]
                    waiting.appendleft(("check", [i], (docs[i], [groups[g] for g in sorted(groups)], forced)))
            else:
                results.update(zip(key, value))
                done += len(value)
                if progress is not None:
                    progress(done, len(docs))
            feed()
            while next_out in results:
                result = results.pop(next_out)
                next_out += 1
                if isinstance(result, tuple):
                    if errors is None:
                        from .budget import BudgetExceeded

                        raise BudgetExceeded(result[1])
                    errors.append(result)
                    continue
                yield result
