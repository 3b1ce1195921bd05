"""Extraction on several cores: worker processes forked from a process that holds the resources.

Reads: ``Document`` records and ``InputFailure`` records in input order, and the loaded
``Resources``. Writes: each document with its ``Event`` records, and each failure with none,
in input order, as ``pipeline.extract`` does, while the documents are extracted by ``jobs``
worker processes. Any other item (the store's note of a report it holds already) passes
through in its place with no events, never sent to a worker.

The workers are forked (POSIX), so the lexicon, the lemma trie, the sentence model and the
gazetteer's name index, loaded once in this process, are shared with every worker rather
than loaded again; each worker opens its own connection to the gazetteer's file (SQLite
connections must not cross a fork). The first documents are extracted in this process, as
they come; then the workers are started and get the rest in small batches, read by a thread
of this process, at most ``IN_FLIGHT_PER_JOB`` batches per worker at a time, so that memory
does not grow with the input and results stream out as they come, in input order. A document the
stages fail on becomes an ``InputFailure``, as in ``pipeline.extract``; a worker that dies
(killed, out of memory) ends the run with an ``ExtractionError``.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from .errors import LagebildError
from .io.readers import InputFailure
from .records import Document, Event

if TYPE_CHECKING:
    from .pipeline import Resources

__all__ = ["BATCH_SIZE", "ExtractionError", "available_cores", "extract_in_workers"]

log = logging.getLogger(__name__)

# Documents per task: enough to make the cost of sending them small against extracting them
# (a few milliseconds each), few enough that results stream out steadily.
BATCH_SIZE = 16
# Batches handed out per worker before the first result is waited for: keeps every worker busy
# while the next batch is on its way, and bounds the documents held in memory.
IN_FLIGHT_PER_JOB = 4
# How often a worker looks whether its parent is still there: a second of an orphan's life
# against a wake-up nobody notices.
PARENT_CHECK_SECONDS = 1.0

# Extraction makes and drops hundreds of records a document, few of them in reference cycles:
# with Python's default (a collection of young objects every 700 allocations) the cyclic
# collector took 3 % of an extraction's time, 6 % on real reports, finding next to nothing
# to free; this many allocations between collections cost some 3 MB more at the peak.
ALLOCATIONS_PER_COLLECTION = 50_000

Item = Document | InputFailure | object  # anything but a Document passes through unextracted
# A document's events, or records made of them where they were extracted (the store's
# ``merging.Prepared``): passed back as they are.
Extract = Callable[[Document, "Resources"], list]


class ExtractionError(LagebildError):
    """A worker process ended without finishing its documents."""


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def extract_in_workers(
    items: Iterable[Item], resources: Resources, extract_one: Extract, jobs: int, *, beside_caller: bool = False,
    caller_batch: int = 0,
) -> Iterator[tuple[Item, list[Event]]]:  # fmt: skip
    """Each item with its events (``extract_one``'s, run in a worker), in input order.

    ``extract_one`` turns a document into its events or raises; its exception becomes the
    document's ``InputFailure``. It must be a module-level function (workers are forked, so
    nothing is pickled but the documents and the events).

    The first ``BATCH_SIZE`` documents are extracted in this process, each as soon as it is
    read: a short input is not worth starting workers for, the first events come out at
    once (a report piped in gets its answer before the next is written), and the workers
    start with what those documents loaded and cached. ``beside_caller``: the caller has
    work of its own for every document (the store's writer), so even one job runs in a
    worker, extracting while the caller works, instead of in turn with it in this process.
    ``caller_batch``: the caller takes that many results before it works on them all at once
    (the store: a transaction's worth), so as many more documents are kept in flight.
    """
    items = iter(items)
    documents = 0
    pooled = jobs > 1 or beside_caller
    with _collecting_seldom():  # the workers, forked inside, collect as seldom
        for item in items:
            yield _here(item, resources, extract_one)
            documents += isinstance(item, Document)
            if pooled and documents >= BATCH_SIZE:
                yield from _in_pool(items, resources, extract_one, jobs, caller_batch)
                return


@contextlib.contextmanager
def _collecting_seldom() -> Iterator[None]:
    """Python's cyclic collector run after every ``ALLOCATIONS_PER_COLLECTION`` allocations,
    not every 700, while documents are extracted; as before afterwards."""
    previous = gc.get_threshold()
    gc.set_threshold(ALLOCATIONS_PER_COLLECTION, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _here(item: Item, resources: Resources, extract_one: Extract) -> tuple[Item, list[Event]]:
    if not isinstance(item, Document):
        return item, []
    result = _extract_or_fail(item, resources, extract_one)
    return (result, []) if isinstance(result, InputFailure) else (item, result)


def _in_pool(
    items: Iterator[Item], resources: Resources, extract_one: Extract, jobs: int, caller_batch: int
) -> Iterator[tuple[Item, list[Event]]]:
    import multiprocessing

    # Objects that exist now are never collected in the workers: the collector would write to
    # their pages and so copy the memory the workers share with this process.
    gc.freeze()
    try:
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_start_worker, initargs=(resources, extract_one))  # fmt: skip
        pool.submit(int).result()  # the workers are forked now, before the reading thread starts
    finally:
        gc.unfreeze()
    # New work is handed out only when the caller asks for a result: a caller that works on a
    # batch of results at once asks for none meanwhile, so the workers would run dry unless
    # they hold that batch's worth more (the store's writer took 0.5-1 s a batch, the worker's
    # four batches in flight 0.45 s).
    in_flight = jobs * IN_FLIGHT_PER_JOB + -(-caller_batch // BATCH_SIZE)
    reading = _Reader(items, limit=in_flight * BATCH_SIZE)
    pending: deque[tuple[list[Item], Future]] = deque()
    try:
        while True:
            # More work while workers may be idle; a partial batch rather than a wait when the
            # input comes slowly (a pipe) and results are due.
            while len(pending) < in_flight:
                batch = reading.batch(wait=not pending)
                if not batch:
                    break
                pending.append((batch, pool.submit(_extract_batch, [i for i in batch if isinstance(i, Document)])))
            if not pending:
                return
            yield from _collect(*pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _Reader:
    """The rest of the input, read by a thread of its own into a bounded queue, so that the
    next batch is at hand when a worker is free and a slow input never holds up results."""

    _END = object()

    def __init__(self, items: Iterator[Item], limit: int) -> None:
        self._queue: queue.Queue = queue.Queue(maxsize=limit)
        self._done = False
        threading.Thread(target=self._read, args=(items,), name="lagebild-reader", daemon=True).start()

    def _read(self, items: Iterator[Item]) -> None:
        try:
            for item in items:
                self._queue.put(item)
        except BaseException as exc:  # noqa: BLE001 - handed to the reading thread's consumer
            self._queue.put(_Raised(exc))
        self._queue.put(self._END)

    def batch(self, *, wait: bool) -> list[Item]:
        """Up to ``BATCH_SIZE`` documents and the failures among them: those read by now, or
        (``wait``) at least one, waiting for it; none at the end of the input."""
        found: list[Item] = []
        documents = 0
        while not self._done and documents < BATCH_SIZE:
            try:
                item = self._queue.get(block=wait and not found)
            except queue.Empty:
                break
            if item is self._END:
                self._done = True
                break
            if isinstance(item, _Raised):
                self._done = True
                raise item.exc
            found.append(item)
            documents += isinstance(item, Document)
        return found


class _Raised:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def _collect(batch: list[Item], future: Future) -> Iterator[tuple[Item, list[Event]]]:
    try:
        results = iter(future.result())
    except BrokenProcessPool:
        raise ExtractionError(
            "an extraction worker ended abruptly (killed, or out of memory?); run again with --jobs 1, "
            "or with fewer jobs"
        ) from None
    for item in batch:
        if not isinstance(item, Document):
            yield item, []
            continue
        failure, events = next(results)
        yield (failure, []) if failure is not None else (item, events)


def _extract_or_fail(document: Document, resources: Resources, extract_one: Extract) -> list[Event] | InputFailure:
    try:
        return extract_one(document, resources)
    except Exception as exc:  # noqa: BLE001 - a bug on one report must not cost the others
        log.debug("extracting %s failed", document.id, exc_info=True)
        return failure_of(document, exc)


def failure_of(document: Document, exc: Exception) -> InputFailure:
    """The failure a document the stages raised ``exc`` on is reported as."""
    reason = f"extraction failed ({type(exc).__name__}: {exc}); please report this with the input"
    return InputFailure(document.origin or document.id, reason)


# -- in a worker process ----------------------------------------------------------------

# What a worker process extracts with: set once, when the worker starts, from the arguments
# it was forked with. Each worker has its own; the process that forked them never sets it.
_worker: tuple[Resources, Extract] | None = None


def _start_worker(resources: Resources, extract_one: Extract) -> None:
    global _worker
    # Ctrl-C reaches the whole process group: the parent stops the run and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent()
    _fresh_output_streams()
    if resources is not None and resources.gazetteer is not None:  # tests give extract functions and no resources
        resources.gazetteer.reopen()
    _worker = (resources, extract_one)


def _end_with_parent() -> None:
    """End this worker once the process that forked it is gone: a parent killed outright
    (SIGKILL, out of memory) cannot end its workers, which would wait for work for ever."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="lagebild-parent-watch", daemon=True).start()


def _extract_batch(documents: list[Document]) -> list[tuple[InputFailure | None, list[Event]]]:
    assert _worker is not None, "not in a worker process"
    resources, extract_one = _worker
    out: list[tuple[InputFailure | None, list[Event]]] = []
    for document in documents:
        result = _extract_or_fail(document, resources, extract_one)
        out.append((result, []) if isinstance(result, InputFailure) else (None, result))
    return out


def _fresh_output_streams() -> None:
    """New stdout and stderr objects over the same descriptors, for the worker's log lines.

    Another thread of the parent (a progress bar) may have been writing to stderr at the
    moment of the fork; the child's copy of that stream would then stay locked for good.
    """
    old = {id(sys.stdout), id(sys.stderr)}
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        try:
            fileno = stream.fileno()
        except (AttributeError, OSError, ValueError):
            continue  # replaced by the caller (a test's capture): not a shared descriptor
        setattr(sys, name, open(fileno, "w", encoding=getattr(stream, "encoding", None) or "utf-8",
                                errors="backslashreplace", closefd=False, buffering=1))  # fmt: skip
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler) and id(handler.stream) in old:
            handler.setStream(sys.stderr)
