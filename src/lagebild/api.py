"""lagebild as a library: events from report texts, and an event store to keep them in.

Reads: report texts, ``Document`` records and paths (files and folders as the command line
reads them); the bundled lexicon and the gazetteer, loaded once per process on first use
(the gazetteer is built on the first run, about a minute). Writes: ``Event`` records; the
event store's SQLite file (``Store``).

``lagebild/__init__.py`` exports ``extract``, ``extract_many``, ``Store``, ``Event`` and
``Document``; everything else is reached through the modules.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .io.readers import InputFailure, text_id
from .records import Document, Event

if TYPE_CHECKING:
    from .pipeline import Resources
    from .store.store import EventFilter, IngestReport

__all__ = ["Store", "extract", "extract_many"]

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=2)
def _resources(geocode: bool) -> Resources:
    """The lexicon and gazetteer, loaded on first use and kept for the process."""
    from .pipeline import Resources

    return Resources.load(geocode=geocode)


def _document(item: str | Document, published: str | None) -> Document:
    if isinstance(item, Document):
        return item
    if not isinstance(item, str):
        raise TypeError(f"expected report text (str) or a Document, not {type(item).__name__}")
    if not item.strip():
        raise InputError("<text>", "empty text")
    return Document(id=text_id(item), text=item, published=published, origin="<text>")


def extract(text_or_document: str | Document, published: str | None = None, *, geocode: bool = True) -> list[Event]:
    """The events of one report: its text (a ``str``) or a ``Document``.

    ``published`` (YYYY, YYYY-MM or YYYY-MM-DD) anchors relative dates ("am Mittwoch") for a
    text; a ``Document`` carries its own. A text's ``doc_id`` is a hash of it, so the same
    text always gets the same ids. ``geocode=False`` skips the gazetteer (no coordinates).
    """
    from .pipeline import report_events

    return report_events(_document(text_or_document, published), _resources(geocode))


def extract_many(
    items: Iterable[str | Document | Path],
    published: str | None = None,
    *,
    geocode: bool = True,
    on_failure: Callable[[InputFailure], None] | None = None,
) -> Iterator[Event]:
    """The events of many reports, one report after another (memory stays flat).

    ``items`` are texts, ``Document`` records or paths (``pathlib.Path``: files and folders
    of .txt, .md, .html, .jsonl, .csv). An input that cannot be read or extracted is handed
    to ``on_failure`` (default: logged as a warning) and the others go on.
    """
    from .pipeline import extract as extract_all

    def given() -> Iterator[Document | InputFailure | Path]:
        for item in items:
            yield item if isinstance(item, Path) else _document(item, published)

    report = on_failure or (lambda failure: log.warning("%s", failure))
    resources = _resources(geocode)
    for item in given():  # paths are read as they come; documents pass through
        for found, events in extract_all([item], resources, published=published):
            if isinstance(found, InputFailure):
                report(found)
            yield from events


class Store:
    """The event store at ``path`` (default: the one ``lagebild ingest`` fills), where every
    real event appears once however many reports tell it.

    >>> with Store(path) as store:                                        # doctest: +SKIP
    ...     store.ingest(["Bei Gefechten in Charkiw ..."], published="2024-05-14")
    ...     store.events(country="Ukraine", since="2024-05-01")
    """

    def __init__(self, path: str | Path | None = None) -> None:
        from .store.store import EventStore

        self._store = EventStore.open(Path(path) if path else None)
        self.path = self._store.path

    def ingest(
        self, items: Iterable[str | Document | Path], published: str | None = None, *, geocode: bool = True,
        jobs: int | None = 1,
    ) -> IngestReport:  # fmt: skip
        """Extract and store reports (texts, ``Document`` records or paths); stored ones are
        skipped. Returns what was added, replaced and merged, and the inputs that failed.
        ``jobs``: worker processes that extract (None: every core)."""
        inputs = [item if isinstance(item, Path) else _document(item, published) for item in items]
        return self._store.ingest(inputs, _resources(geocode), published=published, jobs=jobs)

    def events(self, **filters: Any) -> list[Event]:
        """The stored events matching ``filters``, ordered by date: ``country`` (code or
        name), ``admin1``, ``since`` and ``until`` (date or YYYY-MM-DD), ``event_type`` (or
        ``type``), ``actor``, ``min_sources``, ``limit``. ``source`` lists each event's outlets."""
        return [stored.event for stored in self._store.events(_event_filter(filters))]

    def to_arrow(self, **filters: Any) -> Any:
        """The events matching ``filters`` as a ``pyarrow.Table`` in ACLED's profile, typed
        as the Parquet export is, with ``n_sources`` and ``merge_reasons``."""
        from .io.arrow import arrow_table
        from .store.store import EXPORT_EXTRA

        found = self._store.events(_event_filter(filters))
        extras = [{"n_sources": s.n_sources, "merge_reasons": list(s.merge_reasons)} for s in found]
        return arrow_table((s.event for s in found), extras=extras, extra_columns=EXPORT_EXTRA)

    def to_pandas(self, **filters: Any) -> Any:
        """``to_arrow`` as a ``pandas.DataFrame`` (``event_date`` as datetime64); needs pandas."""
        try:
            import pandas  # noqa: F401
        except ImportError:
            raise ImportError("Store.to_pandas needs pandas: pip install pandas") from None
        return self.to_arrow(**filters).to_pandas(date_as_object=False)

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"


def _event_filter(filters: dict[str, Any]) -> EventFilter:
    from .store.store import EventFilter

    values = dict(filters)
    if "type" in values:
        values["event_type"] = values.pop("type")
    known = {f.name for f in fields(EventFilter)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise TypeError(f"unknown filter {', '.join(unknown)}; use {', '.join(sorted(known))} (or type)")
    for key in ("since", "until"):
        if isinstance(values.get(key), str):
            values[key] = dt.date.fromisoformat(values[key])
    return EventFilter(**values)
