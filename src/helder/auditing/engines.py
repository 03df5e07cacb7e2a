"""Where the batches of an audit run: in this process, in local worker processes, or on Dask.

Every engine runs the same function, :func:`helder.auditing.work.analyze_batch`, and a document is
parsed the same way everywhere, so the per-document figures are the same on every engine.

- ``local`` with ``jobs=1``: in this process.
- ``local`` with ``jobs=N``: a :class:`helder.parallel.WorkerPool` of N processes (spawned; each loads
  the pipeline once and uses one thread for linear algebra) shares out every batch.
- ``dask``: Dask distributed. ``scheduler="tcp://HOST:8786"`` uses an existing cluster (started with
  Dask's own tools: ``dask scheduler``/``dask worker``, dask-kubernetes, dask-jobqueue, ...; the workers
  need helder installed); without it a ``LocalCluster`` of ``workers`` processes with one thread each.
  A worker plugin loads the pipeline once per worker, before the first batch, and allows the time
  budget per document in the worker's threads. A long document is parsed in pieces on all workers
  (:mod:`helder.auditing.dask_tasks`).
"""

from __future__ import annotations

from typing import Any, Sequence

from ..errors import HelderError
from .work import Settings, analyze_batch, failed_rows, warm_up


class _Done:
    """A finished future (for the engine that works in this process)."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def result(self) -> Any:
        return self._value


class InlineEngine:
    name = "local"
    workers = 1
    batch_factor = 1

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        warm_up(settings)

    def submit(self, batch: Sequence[Any]):
        return _Done(analyze_batch(batch, self.settings))

    def result(self, fut) -> tuple[list[dict], list[dict]]:
        return fut.result()

    def wait(self, pending: list) -> tuple[list, list]:
        return list(pending), []

    def close(self) -> None:
        pass


class ProcessEngine:
    """``jobs`` worker processes that share every batch (long documents are parsed in pieces on all
    of them, see :mod:`helder.parallel`); the batch is read and its rows are made in this process."""

    name = "local"
    batch_factor = 4  # bigger batches, so that the workers can share them out evenly

    def __init__(self, settings: Settings, jobs: int) -> None:
        from ..parallel import WorkerPool

        self.settings, self.workers = settings, jobs
        self.pool = WorkerPool(settings.options(), jobs)

    def submit(self, batch: Sequence[Any]):
        return _Done(analyze_batch(batch, self.settings, self.pool))

    def result(self, fut) -> tuple[list[dict], list[dict]]:
        return fut.result()

    def wait(self, pending: list) -> tuple[list, list]:
        return list(pending), []

    def close(self) -> None:
        self.pool.close()


def _dask_plugin(settings: Settings):
    from distributed import WorkerPlugin

    class LoadPipeline(WorkerPlugin):
        name = "helder-pipeline"

        def setup(self, worker) -> None:  # noqa: D102
            from .dask_tasks import setup_worker

            setup_worker(settings)

    return LoadPipeline()


class DaskEngine:
    name = "dask"
    batch_factor = 1

    def __init__(self, settings: Settings, scheduler: str | None, workers: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise HelderError("voor --engine dask heeft helder Dask nodig. "
                              "Installeer het met: pip install 'helder[cluster]'") from None
        self.settings, self.cluster = settings, None
        self.batches: dict[str, list] = {}
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                import logging

                from ..parallel import single_thread_env

                with single_thread_env():
                    self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                dashboard_address=None, silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise HelderError(f"kan de Dask-scheduler {scheduler or '(lokaal)'} niet bereiken: {exc}") from None
        self.client.register_plugin(_dask_plugin(settings))
        self.workers = len(self.client.scheduler_info().get("workers", {})) or workers

    def submit(self, batch: Sequence[Any]):
        from .dask_tasks import batch_task

        fut = self.client.submit(batch_task, list(batch), self.settings, pure=False)
        self.batches[fut.key] = list(batch)
        return fut

    def result(self, fut) -> tuple[list[dict], list[dict]]:
        """The batch's rows; when its task failed (a worker died more often than Dask retries, an
        internal error), a row with the reason for each of its documents: the run goes on."""
        batch = self.batches.pop(fut.key)
        try:
            return fut.result()
        except HelderError:
            raise
        except Exception as exc:  # noqa: BLE001 - see above
            return failed_rows(batch, exc)

    def wait(self, pending: list) -> tuple[list, list]:
        from distributed import wait

        result = wait(pending, return_when="FIRST_COMPLETED")
        return [f for f in pending if f in result.done], [f for f in pending if f in result.not_done]

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


def make_engine(name: str, settings: Settings, *, jobs: int = 1, scheduler: str | None = None,
                workers: int = 2):
    if name == "dask":
        return DaskEngine(settings, scheduler, workers)
    if name != "local":
        raise HelderError(f"onbekende engine '{name}'; kies local of dask")
    return ProcessEngine(settings, jobs) if jobs > 1 else InlineEngine(settings)
