"""Where the batches of an audit run: in this process, in local worker processes, or on Dask.

Every engine runs the same function, :func:`helder.auditing.work.analyze_batch`, on the same batches
(formed by the caller, in the same order), so the per-document figures are the same on every engine.

- ``local`` with ``jobs=1``: in this process.
- ``local`` with ``jobs=N``: N worker processes (spawned; each loads the pipeline once, in its
  initializer, with one thread for the linear algebra: see :func:`helder.analysis.single_thread_env`).
- ``dask``: Dask distributed. ``scheduler="tcp://HOST:8786"`` uses an existing cluster (started with
  Dask's own tools: ``dask scheduler``/``dask worker``, dask-kubernetes, dask-jobqueue, ...; the workers
  need helder installed); without it a ``LocalCluster`` of ``workers`` processes with one thread each.
  A worker plugin loads the pipeline once per worker, before the first batch.
"""

from __future__ import annotations

import concurrent.futures as cf
from typing import Any, Sequence

from ..errors import HelderError
from .work import Settings, analyze_batch, warm_up


class _Done:
    """A finished future (for the engine that works in this process)."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def result(self) -> Any:
        return self._value


class InlineEngine:
    name = "local"
    workers = 1

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        warm_up(settings)

    def submit(self, batch: Sequence[Any]):
        return _Done(analyze_batch(batch, self.settings))

    def wait(self, pending: list) -> tuple[list, list]:
        return list(pending), []

    def close(self) -> None:
        pass


class ProcessEngine:
    name = "local"

    def __init__(self, settings: Settings, jobs: int) -> None:
        import multiprocessing

        from ..analysis import worker_initializer

        self.settings, self.workers = settings, jobs
        self.pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=worker_initializer, initargs=(warm_up, settings))

    def submit(self, batch: Sequence[Any]):
        return self.pool.submit(analyze_batch, batch, self.settings)

    def wait(self, pending: list) -> tuple[list, list]:
        done, rest = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
        return [f for f in pending if f in done], [f for f in pending if f in rest]

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _dask_plugin(settings: Settings):
    from distributed import WorkerPlugin

    class LoadPipeline(WorkerPlugin):
        name = "helder-pipeline"

        def setup(self, worker) -> None:  # noqa: D102
            warm_up(settings)

    return LoadPipeline()


class DaskEngine:
    name = "dask"

    def __init__(self, settings: Settings, scheduler: str | None, workers: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise HelderError("voor --engine dask heeft helder Dask nodig. "
                              "Installeer het met: pip install 'helder[cluster]'") from None
        self.settings, self.cluster = settings, None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                import logging

                from ..analysis import single_thread_env

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
        return self.client.submit(analyze_batch, list(batch), self.settings, pure=False)

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
