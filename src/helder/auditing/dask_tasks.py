"""What a Dask worker runs for ``helder audit --engine dask``.

A batch is one task (:func:`batch_task`, which is :func:`helder.auditing.work.analyze_batch`). A
document in it with more than :data:`SPLIT_CHARS` characters of text is not parsed whole on that one
worker: its pieces (those :func:`helder.nlp.batching.split_text` makes in one process, so the parse is
the same) are parsed in groups of about :data:`SPLIT_CHARS` characters as tasks of their own, on all
workers (Dask's tasks from tasks: the batch's task submits them with ``get_client()`` and secedes from
the worker's thread pool while it waits, so its own worker can take some of them too). Then the batch's
task joins the parsed pieces and runs the figures and rules (:func:`helder.parallel.check_parsed`), as
the local engine does with its processes; the other documents of the batch it analyses itself.

Every task keeps to the document's time budget (``Settings.timeout``): Dask runs tasks in threads, so
the worker plugin allows thread budgets (:func:`helder.budget.allow_thread_budgets`). A document over
its budget gets a row with the message, and the worker goes on with the next task.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from .work import Settings, analyze_batch, warm_up

if TYPE_CHECKING:
    from ..documents.base import Document
    from ..types import Report

#: A document with more text than this is parsed in groups of pieces of about this size on all workers
#: (about 10,000 words: a few seconds of one core).
SPLIT_CHARS = 64_000


def setup_worker(settings: Settings) -> None:
    """A worker's start (the plugin): thread budgets on, pipeline and rules loaded once."""
    from ..budget import allow_thread_budgets

    allow_thread_budgets()
    warm_up(settings)


def batch_task(items: Sequence[Any], settings: Settings) -> tuple[list[dict], list[dict]]:
    """The rows of a batch (as :func:`analyze_batch`), long documents parsed on all workers."""
    return analyze_batch(items, settings, _Spread(settings))


def parse_task(texts: list[str], path: str, chars: int, settings: Settings) -> "list[bytes] | str":
    """One group of pieces of the text of ``path`` parsed (``Doc`` bytes), or the budget's message."""
    from ..parallel import parse_group

    return parse_group(texts, path, chars, settings.options())


class _Spread:
    """Looks like a :class:`helder.parallel.WorkerPool` to :func:`analyze_batch`: the long documents
    go out in pieces, the others are analysed in this task."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def analyze(self, documents: Sequence["Document"], errors: list[tuple[str, str]]) -> list["Report"]:
        from ..analysis import analyze_documents
        from ..parallel import piece_groups

        options = self.settings.options()
        groups = {i: piece_groups(d.text, SPLIT_CHARS) for i, d in enumerate(documents) if len(d.text) > SPLIT_CHARS}
        groups = {i: g for i, g in groups.items() if len(g) > 1}
        futures = self._submit(documents, groups) if groups else {}
        reports = list(analyze_documents([d for i, d in enumerate(documents) if i not in groups], options,
                                         errors=errors))
        if futures:
            reports.extend(self._join(documents, futures, errors))
        return reports

    def _submit(self, documents, groups: dict[int, list[list[str]]]) -> dict[int, list]:
        from distributed import get_client

        client = get_client()
        return {i: [client.submit(parse_task, group, documents[i].path, len(documents[i].text), self.settings,
                                  pure=False) for group in g] for i, g in groups.items()}

    def _join(self, documents, futures: dict[int, list], errors: list[tuple[str, str]]) -> list["Report"]:
        from distributed import get_client, rejoin, secede

        from ..analysis import internal_error
        from ..nlp.batching import cut_pieces
        from ..parallel import check_parsed

        client = get_client()
        parsed: dict[int, Any] = {}
        secede()  # free this worker's thread for the pieces while waiting
        try:
            for i, fs in futures.items():
                try:
                    parsed[i] = client.gather(fs)
                except Exception as exc:  # noqa: BLE001 - a worker lost: a row with the error, go on
                    errors.append((documents[i].path, internal_error(documents[i].path, exc)))
        finally:
            rejoin()
        reports = []
        for i, groups in parsed.items():
            document = documents[i]
            result = check_parsed(document, groups, cut_pieces(document.text)[1], self.settings.options())
            if isinstance(result, tuple):
                errors.append(result)
            else:
                reports.append(result)
        return reports
