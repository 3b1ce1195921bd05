"""The event store: one durable SQLite file in which every real event appears once.

Contract (the web server builds on exactly these names)::

    from lagebild.store.store import EventStore, EventFilter, StoredEvent, Report
    store = EventStore.open(path: Path | None = None, *, readonly: bool = False)  # context manager; .close()
    EventFilter(country=None, admin1=None, since=None, until=None, event_type=None, actor=None,
                min_sources=1, limit=None)
    store.events(filter: EventFilter) -> list[StoredEvent]   # merged events, ordered by date then id;
                                                              # FilterError for an unknown type or country
    store.event(event_id: str) -> StoredEvent | None
    store.reports(event_id: str) -> list[Report]              # every report behind it
    store.stats() -> dict  # {"documents", "events", "by_country", "by_type", "by_month", "sources_per_event"}
    store.ingest(documents_or_paths, resources, on_document=None, *, jobs=1) -> IngestReport
    StoredEvent: .event (merged Event), .event_id, .n_sources, .merge_reasons (list[str])
    Report: doc_id, title, outlet, url, published, text (the document's full_text, which the
            evidence offsets index into), evidence (Evidence), event (the member Event)

Reads: ``Document`` records (or inputs ``readers`` reads) and, through
``pipeline.extract_document``, their events. Writes: the file at ``default_path()``
(``$LAGEBILD_HOME/lagebild.db``) or the given path.

Only the store package runs SQL: ``schema`` creates and migrates the tables, this module
stores documents and answers queries, ``merging`` keeps members and merged events. How
reports are merged is ``pairs`` (the evidence for a pair), ``dedup`` (the pass over the
days) and ``reconcile`` (the merged event's fields); filters are ``filters``, exports
``export``.

Durability: WAL mode (readers read while one ingest writes), one transaction per batch of
documents (``BATCH_DOCUMENTS``), so an ingest killed at any point leaves every document
either fully stored or absent, and running it again completes the work. Extraction runs in
worker processes (``jobs``, one job too: it goes on while this process stores); this process
alone writes (SQLite has one writer).
Re-ingesting stored documents adds nothing and skips extraction; a changed document (same
id, new text) replaces its events. Merging does not
depend on the order reports arrive in (``dedup``), and a merged event keeps its id as
reports join; an id that goes away still finds the event that took it in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..io.readers import InputFailure, read_documents
from ..records import Document, Event, Evidence
from . import codec, merging
from .export import EXPORT_EXTRA, export_events
from .filters import EventFilter, FilterError, admin1_matches, event_types, resolve_country, resolve_event_type
from .schema import MIGRATIONS, connect, default_path

if TYPE_CHECKING:
    from ..pipeline import Resources
    from .blocks import Merged

__all__ = [
    "EXPORT_EXTRA",
    "EventFilter",
    "EventStore",
    "FilterError",
    "IngestReport",
    "MIGRATIONS",
    "Report",
    "StoredEvent",
    "admin1_matches",
    "default_path",
    "document_key",
    "event_types",
    "export_events",
    "resolve_country",
    "resolve_event_type",
]

log = logging.getLogger(__name__)

# An event id as the extractor wrote it before ids had 64 bits: ISO3 and 10 hex digits.
_OLD_ID_LENGTH = 13
# Documents stored per transaction and merged in one pass: a commit and a merging pass per
# document took more time than storing the document; a few seconds of extraction at most
# are lost when an ingest is killed. 256 merge 1.7 times as fast as 64 did at 6,000 reports,
# and give the same store (exports compared on 2,000 merging reports and the development set,
# now that the pair decision does not depend on which report comes first); 512 take about
# 0.88 of the CPU time 256 do over 10,000 reports (each batch redoes the days it touches,
# and a big event's links with them), the same exports again.
BATCH_DOCUMENTS = 512


def document_key(document: Document) -> str:
    """A document's identity: the sha256 of its title and text.

    >>> document_key(Document("a", "Text", title="T")) == document_key(Document("b", "Text", title="T"))
    True
    """
    digest = hashlib.sha256()
    digest.update(document.title.strip().encode("utf-8"))
    digest.update(b"\x00")
    digest.update(document.text.encode("utf-8"))
    return digest.hexdigest()


@dataclass(slots=True)
class StoredEvent:
    """A merged event with the number of reports behind it and why they were merged."""

    event: Event
    event_id: str
    n_sources: int
    merge_reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """One report behind a merged event, with the event as that report tells it."""

    doc_id: str
    title: str
    outlet: str | None
    url: str | None
    published: str | None
    text: str
    evidence: Evidence | None
    event: Event


@dataclass
class IngestReport:
    """What one ingest did, document by document."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: int = 0  # same content as a stored document with another id
    events: int = 0  # member events stored
    merged: int = 0  # member events that joined an event another report tells
    skipped: list[str] = field(default_factory=list)  # events whose id another report's event has
    remerged: int = 0  # members merged again because the store was merged by older rules
    failures: list[InputFailure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.added + self.replaced + self.unchanged + self.duplicates

    def __str__(self) -> str:
        skipped = f", {len(self.skipped)} skipped (an event id another report has)" if self.skipped else ""
        return (
            f"{self.documents} documents: {self.added} added, {self.replaced} replaced, "
            f"{self.unchanged} unchanged, {self.duplicates} duplicates; {self.events} events stored{skipped}, "
            f"{self.merged} merged into known events; {len(self.failures)} inputs failed"
        )


class EventStore:
    """A handle on one store file. Open with ``EventStore.open``; safe to share across threads."""

    def __init__(self, connection: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self._db = connection
        self.path = path
        self.readonly = readonly
        self._lock = threading.RLock()
        self._cache = merging.MemberCache()

    # .. opening .........................................................................

    @classmethod
    def open(cls, path: Path | str | None = None, *, readonly: bool = False, create: bool = True) -> EventStore:
        """Open (and, unless ``readonly``, create or migrate) the store at ``path``.

        ``create=False`` refuses a missing file instead of creating it (for read commands).
        """
        path = Path(path) if path else default_path()
        return cls(connect(path, readonly=readonly, create=create), path, readonly)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # .. reading ........................................................................

    def events(self, filter: EventFilter | None = None) -> list[StoredEvent]:  # noqa: A002
        """Canonical events matching ``filter``, ordered by date (undated last), then id.

        Raises ``FilterError`` for an event type or a country that does not exist."""
        where, params = self._where(filter or EventFilter())
        order = "ORDER BY event_date IS NULL, event_date, event_id"
        chosen = f"SELECT event_id, event_date, n_sources, event, reasons FROM events{where} {order}"
        if filter and filter.limit is not None:
            chosen += " LIMIT ?"
            params.append(int(filter.limit))
        return [_stored(row) for row in self._query(f"{_EVENT_ROWS.format(chosen=chosen)} {order}", params)]

    def iter_events(self, filter: EventFilter | None = None) -> Iterator[StoredEvent]:
        """Like ``events``, without holding them all in memory (for exports)."""
        yield from self.events(filter)

    def admin1_names(self, like: str | None = None) -> list[str]:
        """The admin1 names of the stored events; with ``like``, those that spell it
        (transliteration-insensitively: "Idlib" gives ["Idleb"])."""
        names = [row[0] for row in self._query("SELECT DISTINCT admin1 FROM events WHERE admin1 IS NOT NULL", [])]
        return admin1_matches(like, names) if like is not None else sorted(names)

    def _where(self, f: EventFilter) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if f.country:
            try:
                country = resolve_country(f.country)
            except FilterError:
                # A country the lexicon lacks (a territory the gazetteer knows) is fine if stored.
                stored = "SELECT 1 FROM events WHERE lower(country) = lower(?) OR lower(iso) = lower(?) LIMIT 1"
                if not self._query(stored, [f.country.strip(), f.country.strip()]):
                    raise
                clauses.append("(lower(country) = lower(?) OR lower(iso) = lower(?))")
                params += [f.country.strip(), f.country.strip()]
            else:
                clauses.append("(upper(iso) = ? OR lower(country) IN (lower(?), lower(?)))")
                params += [country.iso2, country.name, country.name_de]
        if f.event_type:
            clauses.append("(event_type = ? OR sub_event_type = ?)")
            params += [resolve_event_type(f.event_type)] * 2
        if f.admin1:
            spellings = self.admin1_names(f.admin1)
            clauses.append(f"admin1 IN ({', '.join('?' * len(spellings))})" if spellings else "0")
            params += spellings
        if f.since:
            clauses.append("event_date >= ?")
            params.append(f.since.isoformat())
        if f.until:
            clauses.append("event_date <= ?")
            params.append(f.until.isoformat())
        if f.actor:
            clauses.append("instr(lower(actors), lower(?)) > 0")
            params.append(f.actor)
        if f.min_sources > 1:
            clauses.append("n_sources >= ?")
            params.append(int(f.min_sources))
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def event(self, event_id: str) -> StoredEvent | None:
        """The merged event with this id, or the one that holds it now: an id it absorbed, the
        id of one of its reports' events, or an old 10-hex-digit event id (see ``_resolve``)."""
        chosen = "SELECT event_id, event_date, n_sources, event, reasons FROM events WHERE event_id = ?"
        rows = self._query(_EVENT_ROWS.format(chosen=chosen), [self._resolve(event_id)])
        return _stored(rows[0]) if rows else None

    def reports(self, event_id: str) -> list[Report]:
        """Every report behind a merged event, in the order of the merging pass (by day)."""
        rows = self._query(
            "SELECT d.doc_id, d.title, d.outlet, d.url, d.published, d.full_text, m.event, m.member_id FROM members m "
            "JOIN documents d ON d.doc_key = m.doc_key WHERE m.cluster_id = ? ORDER BY m.day_end, m.pub_day, m.member_id",
            [self._resolve(event_id)],
        )
        reports = []
        for doc_id, title, outlet, url, published, text, packed, member_id in rows:
            event = codec.unpack(packed, text, event_id=member_id, doc_id=doc_id)
            reports.append(Report(doc_id, title, outlet, url, published, text, event.evidence, event))
        return reports

    def stats(self) -> dict[str, Any]:
        """Counts: documents, events, reports per event, and events by country, type and month."""
        one = lambda sql: self._query(sql, [])[0][0]  # noqa: E731
        grouped = lambda sql: {k: n for k, n in self._query(sql, [])}  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "members": one("SELECT count(*) FROM members"),
            "events": one("SELECT count(*) FROM events"),
            "sources_per_event": grouped("SELECT n_sources, count(*) FROM events GROUP BY n_sources ORDER BY n_sources"),
            "by_country": grouped(
                "SELECT coalesce(country, '(unknown)'), count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1"
            ),
            "by_type": grouped("SELECT event_type, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1"),
            "by_month": grouped(
                "SELECT coalesce(substr(event_date, 1, 7), '(undated)'), count(*) FROM events GROUP BY 1 ORDER BY 1"
            ),
            "schema_version": one("PRAGMA user_version"),
        }

    # .. writing ........................................................................

    def ingest(
        self,
        documents_or_paths: Iterable[Document | InputFailure | str | Path],
        resources: Resources | None,
        on_document: Callable[[Document | InputFailure], None] | None = None,
        *,
        published: str | None = None,
        extract: Callable[[Document], list[Event]] | None = None,
        jobs: int | None = 1,
    ) -> IngestReport:
        """Extract and store every document; skip stored ones.

        ``jobs`` worker processes extract (None: every core; see ``lagebild.workers``; one
        job too, so that extraction goes on while this process stores), this process stores,
        ``BATCH_DOCUMENTS`` documents a transaction, in input order: the
        store holds the same whatever the number of jobs. ``extract`` replaces the pipeline
        (``pipeline.extract_document`` with ``resources``), e.g. in tests that build events
        by hand.
        """
        from ..workers import available_cores, extract_in_workers

        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; open it without readonly to ingest")
        if jobs is not None and jobs < 1:
            raise ValueError(f"jobs must be 1 or more, not {jobs}")
        jobs = jobs or available_cores()
        # The workers prepare what the store reads of each event (its profile and packed
        # form: an eighth of a worker's time) unless this process has a core of its own
        # beside theirs: then it does, while they only extract (and it has the time: it
        # stores a report in a third of the time a worker extracts one).
        in_workers = jobs >= available_cores()
        extract_one = _extractor(extract, prepare=in_workers)
        report = IngestReport()
        started = time.perf_counter()
        with self._transaction() as db:
            report.remerged = merging.ensure_rules(db, self._cache)
        if report.remerged:
            log.warning("%s: merged %d stored events again by this version's merge rules", self.path, report.remerged)
        items = list(documents_or_paths)
        given = [i for i in items if isinstance(i, (Document, InputFailure))]
        paths = [i for i in items if not isinstance(i, (Document, InputFailure))]
        fresh = self._not_stored(itertools.chain(given, read_documents(paths, published=published)))
        batch: list[tuple[Document, list[merging.Prepared]]] = []
        extracted = extract_in_workers(fresh, resources, extract_one, jobs, beside_caller=True,
                                       caller_batch=BATCH_DOCUMENTS)  # fmt: skip
        for item, events in extracted:
            if isinstance(item, Document) and not in_workers:
                item, events = _prepared(item, events)
            if isinstance(item, InputFailure):
                report.failures.append(item)
            elif isinstance(item, _Held):
                _count_held(item.document, item.stored_id, report)
            else:
                batch.append((item, events))
                if len(batch) >= BATCH_DOCUMENTS:
                    self._store_batch(batch, report)
                    batch = []
            if on_document:
                on_document(item.document if isinstance(item, _Held) else item)
        if batch:
            self._store_batch(batch, report)
        report.seconds = time.perf_counter() - started
        return report

    def _not_stored(self, items: Iterable[Document | InputFailure]) -> Iterator[Document | InputFailure | _Held]:
        """The items, each document the store holds already (by content) replaced by a
        ``_Held`` note, so it is not extracted again. Runs in the thread that reads the input
        (see ``workers``), with a connection of its own: it sees what is committed, and the
        writer checks each document again before storing it."""
        reader: sqlite3.Connection | None = None
        try:
            for item in items:
                if isinstance(item, Document):
                    if reader is None:
                        reader = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30, check_same_thread=False)
                    row = reader.execute("SELECT doc_id FROM documents WHERE doc_key = ?", [document_key(item)]).fetchone()
                    if row:
                        yield _Held(item, row[0])
                        continue
                yield item
        finally:
            if reader is not None:
                reader.close()

    def _store_batch(self, batch: list[tuple[Document, list[merging.Prepared]]], report: IngestReport) -> None:
        """Store the documents of one batch and their events in one transaction, then merge
        once for all of them (merging gives the same whatever the order reports arrive in)."""
        with self._transaction() as db:
            touched = merging.Touched()
            stored: list[str] = []
            for document, events in batch:
                key = document_key(document)
                known = db.execute("SELECT doc_id FROM documents WHERE doc_key = ?", [key]).fetchone()
                if known:  # stored since it was read: earlier in this input, or by another ingest
                    _count_held(document, known[0], report)
                    continue
                old = db.execute("SELECT doc_key FROM documents WHERE doc_id = ?", [document.id]).fetchone()
                if old:
                    merging.remove_document(db, old[0], touched)
                    report.replaced += 1
                else:
                    report.added += 1
                db.execute(
                    "INSERT INTO documents (doc_key, doc_id, title, url, outlet, published, language, origin, full_text,"
                    " n_events, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [key, document.id, document.title, document.url, document.outlet, document.published,
                     document.language, document.origin, document.full_text, len(events),
                     dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")],
                )  # fmt: skip
                added, skipped = merging.insert_members(db, document, key, events, touched, self._cache)
                for message in skipped:
                    log.warning("%s", message)
                report.skipped += skipped
                report.events += len(added)
                stored += added
            merging.merge(db, touched, self._cache)
            # "Merged into known events": joined by a report stored before its own, as if the
            # documents of the batch had been merged one by one.
            for member_id in stored:
                report.merged += db.execute(
                    "SELECT EXISTS (SELECT 1 FROM members o, members m WHERE m.member_id = ? AND o.cluster_id = m.cluster_id"
                    " AND o.doc_key != m.doc_key AND o.seq < m.seq)", [member_id],
                ).fetchone()[0]  # fmt: skip


    def add_merged(self, merged: Iterable[Merged]) -> int:
        """Fill an empty store with events merged outside it (``lagebild merge``), in one
        transaction; returns the events stored."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; open it without readonly to add events")
        count = 0
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
                raise StoreError(f"{self.path}: not empty; merged events go into a new store (its merge would differ)")
            for item in merged:
                merging.write_merged(db, item)
                count += 1
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('merge_rules', ?)", [merging.MERGE_RULES])
        return count

    # .. plumbing .......................................................................

    def _resolve(self, event_id: str) -> str:
        """The id of the merged event that ``event_id`` names now: itself, the event an
        absorbed id went to, the event that holds a report's event with this id, or (an id
        of the old extractor, 10 hex digits) the event holding the one event whose new id
        begins with it."""
        event_id = event_id.strip()
        for sql in ("SELECT event_id FROM events WHERE event_id = ?", "SELECT event_id FROM aliases WHERE old_id = ?",
                    "SELECT cluster_id FROM members WHERE member_id = ?"):  # fmt: skip
            row = self._query(sql, [event_id])
            if row:
                return row[0][0]
        if len(event_id) == _OLD_ID_LENGTH:
            rows = self._query(
                "SELECT DISTINCT cluster_id FROM members WHERE member_id > ? AND member_id < ? LIMIT 2",
                [event_id, event_id + "\uffff"],
            )
            if len(rows) == 1:
                return rows[0][0]
        return event_id

    def _query(self, sql: str, params: list[Any]) -> list[tuple]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: {exc}; the file may be damaged — restore it or ingest into a new --db") from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: cannot write: {exc}") from None
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            try:
                self._db.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: cannot write: {exc}") from None


# A merged event with the member event it is stored against (codec.pack_delta), if any: the
# member named like it, whose document's text its evidence offsets index into.
_EVENT_ROWS = (
    "SELECT e.event_id, e.n_sources, e.event, e.reasons, m.event, d.doc_id, d.full_text FROM ({chosen}) e "
    "LEFT JOIN members m ON m.member_id = e.event_id LEFT JOIN documents d ON d.doc_key = m.doc_key"
)


@dataclass(frozen=True, slots=True)
class _Held:
    """A document whose content the store holds already, under ``stored_id``: not extracted."""

    document: Document
    stored_id: str


def _count_held(document: Document, stored_id: str, report: IngestReport) -> None:
    if stored_id == document.id:
        report.unchanged += 1
    else:
        report.duplicates += 1
        log.info("%s has the same content as the stored document %s; skipped", document.id, stored_id)


def _events_of(document: Document, resources: Resources) -> list[Event]:
    from ..pipeline import report_events

    return report_events(document, resources)


def _prepared_events_of(document: Document, resources: Resources) -> list[merging.Prepared]:
    return merging.prepare(document, _events_of(document, resources))


def _extractor(extract: Callable[[Document], list[Event]] | None, *, prepare: bool) -> Callable[[Document, Resources], list]:
    """What the workers run on each document: extraction (the pipeline, or ``extract``),
    with ``prepare`` the store's preparation of the events too."""
    if extract is None:
        return _prepared_events_of if prepare else _events_of
    # Workers are forked, so a function given by the caller needs no pickling.
    if prepare:
        return lambda document, _resources: merging.prepare(document, extract(document))
    return lambda document, _resources: extract(document)


def _prepared(document: Document, events: list[Event]) -> tuple[Document | InputFailure, list[merging.Prepared]]:
    """The document with its events prepared for the store, or (a bug in the preparation)
    its failure, as if its extraction had failed in a worker."""
    from ..workers import failure_of

    try:
        return document, merging.prepare(document, events)
    except Exception as exc:  # noqa: BLE001 - a bug on one report must not cost the others
        log.debug("preparing the events of %s failed", document.id, exc_info=True)
        return failure_of(document, exc), []


def _stored(row: tuple) -> StoredEvent:
    event_id, n_sources, packed, reasons, member, doc_id, text = row
    base = None
    if codec.is_delta(packed):
        if member is None:
            raise StoreError(f"the stored event {event_id} lost the report it is stored against; the file is damaged — "
                             "ingest into a new --db")  # fmt: skip
        base = codec.unpack(member, text, event_id=event_id, doc_id=doc_id)
    return StoredEvent(codec.unpack_delta(packed, base), event_id, n_sources, codec.unpack_reasons(reasons))
