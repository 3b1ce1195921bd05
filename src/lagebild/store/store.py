"""The event store: one durable SQLite file in which every real event appears once.

Contract (the web server builds on exactly these names)::

    from lagebild.store.store import EventStore, EventFilter, StoredEvent, Report
    store = EventStore.open(path: Path | None = None, *, readonly: bool = False)  # context manager; .close()
    EventFilter(country=None, admin1=None, since=None, until=None, event_type=None, actor=None,
                min_sources=1, limit=None)
    store.events(filter: EventFilter) -> list[StoredEvent]   # canonical events, ordered by date then id;
                                                              # FilterError for an unknown type or country
    store.event(event_id: str) -> StoredEvent | None
    store.reports(event_id: str) -> list[Report]              # every report behind it
    store.stats() -> dict  # {"documents", "events", "by_country", "by_type", "by_month", "sources_per_event"}
    store.ingest(documents_or_paths, resources, on_document=None) -> IngestReport
    StoredEvent: .event (canonical Event), .event_id, .n_sources, .merge_reasons (list[str])
    Report: doc_id, title, outlet, url, published, text (the document's full_text, which the
            evidence offsets index into), evidence (Evidence), event (the member Event)

Reads: ``Document`` records (or inputs ``readers`` reads) and, through
``pipeline.extract_document``, their events. Writes: the file at ``default_path()``
(``$LAGEBILD_HOME/lagebild.db``) or the given path. This module owns all of lagebild's
event SQL; deduplication itself is ``dedup``'s (pure functions over records).

Tables: ``documents`` (identity: a content hash of title and text; the input's doc id is
a unique column, so a changed document with the same id replaces the old one), ``members``
(each event as one report tells it, with the id of the canonical event it belongs to) and
``events`` (the canonical events, rebuilt from their members whenever membership changes),
plus ``aliases`` (ids of canonical events that were merged into another one).

Durability: WAL mode (readers read while one ingest writes), one transaction per document,
so an ingest killed at any point leaves every document either fully stored or absent, and
running it again completes the work. Re-ingesting stored documents adds nothing and skips
extraction. The schema is versioned in ``PRAGMA user_version``; ``MIGRATIONS`` lists the
steps, applied in order on open.

Canonical ids are stable: a canonical event has the id of its earliest member (ingest
order), so it keeps its id when more reports arrive; an event of a changed document that
keeps its extraction id keeps its place in that order.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import itertools
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import dedup
from ..errors import LagebildError, StoreError
from ..language.normalize import fold, name_key
from ..io.readers import InputFailure, read_documents
from ..records import Document, Event, Evidence

if TYPE_CHECKING:
    from ..language.lexicon import Country
    from ..pipeline import Resources

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

APPLICATION_ID = 0x4C474244  # "LGBD": marks a file as a lagebild event store

# Ordered schema steps; step i brings a file from user_version i to i + 1. Never edit a
# released step — append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE documents (
        doc_key     TEXT PRIMARY KEY,          -- sha256 of title and text
        doc_id      TEXT NOT NULL UNIQUE,      -- the id the input gave
        title       TEXT NOT NULL DEFAULT '',
        url         TEXT,
        outlet      TEXT,
        published   TEXT,
        language    TEXT,
        origin      TEXT,
        full_text   TEXT NOT NULL,             -- evidence offsets index into this
        n_events    INTEGER NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE members (
        seq        INTEGER PRIMARY KEY,        -- ingest order
        member_id  TEXT NOT NULL UNIQUE,       -- the extracted event's id
        doc_key    TEXT NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
        event_type TEXT NOT NULL,
        iso        TEXT,
        day_start  INTEGER,                    -- dedup.day_range, proleptic ordinals
        day_end    INTEGER,
        pub_day    INTEGER,
        cluster_id TEXT NOT NULL,              -- the canonical event's id
        event      TEXT NOT NULL               -- the Event as JSON
    );
    CREATE INDEX members_by_day ON members(event_type, iso, day_start);
    CREATE INDEX members_by_published ON members(event_type, iso, pub_day);
    CREATE INDEX members_by_cluster ON members(cluster_id);
    CREATE INDEX members_by_doc ON members(doc_key);
    CREATE TABLE events (
        event_id       TEXT PRIMARY KEY,
        event_date     TEXT,
        event_type     TEXT NOT NULL,
        sub_event_type TEXT,
        country        TEXT,
        iso            TEXT,
        admin1         TEXT,
        actors         TEXT NOT NULL,          -- newline-separated, for the actor filter
        n_sources      INTEGER NOT NULL,
        event          TEXT NOT NULL,          -- the canonical Event as JSON
        reasons        TEXT NOT NULL           -- JSON list of merge reasons
    );
    CREATE INDEX events_by_date ON events(event_date, event_id);
    CREATE INDEX events_by_country ON events(country, admin1);
    """,
    """
    CREATE TABLE aliases (
        old_id   TEXT PRIMARY KEY,            -- a canonical id that no longer exists
        event_id TEXT NOT NULL                -- the canonical event that took it in
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
EXPORT_EXTRA = ("n_sources", "merge_reasons")


def default_path() -> Path:
    """``$LAGEBILD_HOME/lagebild.db``, in the same home as the gazetteer."""
    from ..geo import default_path as gazetteer_path

    return gazetteer_path().with_name("lagebild.db")


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
class EventFilter:
    """Which canonical events to list; every given criterion must hold.

    ``EventStore.events`` raises ``FilterError`` for an event type or a country that does
    not exist (rather than finding nothing); an admin1 that no stored event has is no error.
    """

    country: str | None = None  # ISO2 or ISO3 code, English or German name, case-insensitive
    admin1: str | None = None  # any transliteration: "Idlib" finds "Idleb" (normalize.name_key)
    since: dt.date | None = None
    until: dt.date | None = None
    event_type: str | None = None  # ACLED event type or sub-event type, case-insensitive
    actor: str | None = None  # part of an actor's name, case-insensitive
    min_sources: int = 1
    limit: int | None = None


class FilterError(LagebildError, ValueError):
    """A filter value that names nothing that exists (an unknown event type or country).

    ``field`` is the ``EventFilter`` field ("event_type" or "country"); the message names the
    value and the valid ones, without the field's name (each front end says it its own way).
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


@functools.lru_cache(maxsize=1)
def _lexicon():
    from ..language.lexicon import Lexicon

    return Lexicon.load()


def event_types() -> dict[str, tuple[str, ...]]:
    """ACLED's event types, each with its sub-event types (the lexicon's taxonomy)."""
    return dict(_lexicon().taxonomy)


@functools.lru_cache(maxsize=1)
def _type_names() -> dict[str, str]:
    names = {}
    for event_type, subs in event_types().items():
        names[event_type.casefold()] = event_type
        names.update((sub.casefold(), sub) for sub in subs)
    return names


def resolve_event_type(value: str) -> str:
    """The ACLED event type or sub-event type ``value`` names, in ACLED's spelling.

    >>> resolve_event_type("air/drone STRIKE")
    'Air/drone strike'
    """
    found = _type_names().get(value.strip().casefold())
    if found is None:
        types = event_types()
        raise FilterError(
            "event_type",
            f"{value!r} is not an ACLED event type or sub-event type; use one of the event types "
            f"{', '.join(types)} or one of the sub-event types {', '.join(s for subs in types.values() for s in subs)}",
        )
    return found


@functools.lru_cache(maxsize=1)
def _country_index() -> tuple[dict[str, Country], dict[str, Country]]:
    codes, names = {}, {}
    for country in _lexicon().countries.values():
        codes[country.iso2.casefold()] = codes[country.iso3.casefold()] = country
        names[fold(country.name)] = names[fold(country.name_de)] = country
    return codes, names


def resolve_country(value: str) -> Country:
    """The lexicon's country for an ISO2 or ISO3 code or an English or German name
    (case and diacritics aside).

    >>> [resolve_country(v).iso2 for v in ("SYR", "sy", "Syria", "Syrien", "tuerkei", "Türkei")]
    ['SY', 'SY', 'SY', 'SY', 'TR', 'TR']
    """
    codes, names = _country_index()
    found = codes.get(value.strip().casefold()) or names.get(fold(value)) or names.get(fold(_umlauts(value)))
    if found is None:
        known = sorted({c.name for c in names.values()} | {c.name_de for c in names.values()})
        close = difflib.get_close_matches(value.strip(), known, n=3, cutoff=0.75)
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        raise FilterError(
            "country",
            f"{value!r} is not a country lagebild knows{hint}; use an ISO2 or ISO3 code or an English or German "
            f"country name, e.g. SY, SYR, Syria or Syrien",
        )
    return found


def _umlauts(value: str) -> str:
    """German umlauts written out ("Tuerkei") back as umlauts, for the name lookup."""
    for written, umlaut in (("ae", "ä"), ("oe", "ö"), ("ue", "ü"), ("Ae", "Ä"), ("Oe", "Ö"), ("Ue", "Ü")):
        value = value.replace(written, umlaut)
    return value


def admin1_matches(value: str, names: Iterable[str]) -> list[str]:
    """The ``names`` that spell the admin area ``value`` (transliteration-insensitively).

    >>> admin1_matches("Idlib", ["Idleb", "Aleppo", "Hama"])
    ['Idleb']
    """
    key, folded = name_key(value), fold(value)
    return sorted(n for n in names if n and (fold(n) == folded or name_key(n) == key))


@dataclass(slots=True)
class StoredEvent:
    """A canonical event with the number of reports behind it and why they were merged."""

    event: Event
    event_id: str
    n_sources: int
    merge_reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """One report behind a canonical event, with the event as that report tells it."""

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
    merged: int = 0  # member events that joined an existing canonical event
    failures: list[InputFailure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.added + self.replaced + self.unchanged + self.duplicates

    def __str__(self) -> str:
        return (
            f"{self.documents} documents: {self.added} added, {self.replaced} replaced, "
            f"{self.unchanged} unchanged, {self.duplicates} duplicates; {self.events} events stored, "
            f"{self.merged} merged into known events; {len(self.failures)} inputs failed"
        )


class EventStore:
    """A handle on one store file. Open with ``EventStore.open``; safe to share across threads."""

    def __init__(self, connection: sqlite3.Connection, path: Path, readonly: bool) -> None:
        self._db = connection
        self.path = path
        self.readonly = readonly
        self._lock = threading.RLock()

    # .. opening .........................................................................

    @classmethod
    def open(cls, path: Path | str | None = None, *, readonly: bool = False, create: bool = True) -> EventStore:
        """Open (and, unless ``readonly``, create or migrate) the store at ``path``.

        ``create=False`` refuses a missing file instead of creating it (for read commands).
        """
        path = Path(path) if path else default_path()
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not an event store; pass a file path with --db")
        if not path.exists() and (readonly or not create):
            raise StoreError(f"{path}: no event store there; run 'lagebild ingest INPUT --db {path}' first")
        if not readonly:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for the event store {path}: {exc}; set LAGEBILD_HOME or pass --db") from None
        try:
            target = f"file:{path}?mode=ro" if readonly else str(path)
            connection = sqlite3.connect(
                target, uri=readonly, timeout=30, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the event store: {exc}") from None
        try:
            _prepare(connection, path, readonly)
        except BaseException:
            connection.close()
            raise
        return cls(connection, path, readonly)

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
        sql = f"SELECT event_id, n_sources, event, reasons FROM events{where} ORDER BY event_date IS NULL, event_date, event_id"
        if filter and filter.limit is not None:
            sql += " LIMIT ?"
            params.append(int(filter.limit))
        return [_stored(row) for row in self._query(sql, params)]

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
        """The canonical event with this id (or with an id it absorbed), or None."""
        rows = self._query("SELECT event_id, n_sources, event, reasons FROM events WHERE event_id = ?", [self._resolve(event_id)])
        return _stored(rows[0]) if rows else None

    def reports(self, event_id: str) -> list[Report]:
        """Every report behind a canonical event, in ingest order."""
        rows = self._query(
            "SELECT d.doc_id, d.title, d.outlet, d.url, d.published, d.full_text, m.event FROM members m "
            "JOIN documents d ON d.doc_key = m.doc_key WHERE m.cluster_id = ? ORDER BY m.seq",
            [self._resolve(event_id)],
        )
        reports = []
        for doc_id, title, outlet, url, published, text, event_json in rows:
            event = Event.from_dict(json.loads(event_json))
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
    ) -> IngestReport:
        """Extract and store every document, one transaction each; skip stored ones.

        ``extract`` replaces the pipeline (``pipeline.extract_document`` with ``resources``),
        e.g. in tests that build events by hand.
        """
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only; open it without readonly to ingest")
        if extract is None:
            from ..pipeline import extract_document

            def extract(document: Document) -> list[Event]:
                return extract_document(document, resources)[1]

        report = IngestReport()
        started = time.perf_counter()
        items = list(documents_or_paths)
        given = [i for i in items if isinstance(i, (Document, InputFailure))]
        paths = [i for i in items if not isinstance(i, (Document, InputFailure))]
        for item in itertools.chain(given, read_documents(paths, published=published)):
            if isinstance(item, InputFailure):
                report.failures.append(item)
            else:
                self._ingest_one(item, extract, report)
            if on_document:
                on_document(item)
        report.seconds = time.perf_counter() - started
        return report

    def _ingest_one(self, document: Document, extract: Callable[[Document], list[Event]], report: IngestReport) -> None:
        key = document_key(document)
        known = self._query("SELECT doc_id FROM documents WHERE doc_key = ?", [key])
        if known:
            if known[0][0] == document.id:
                report.unchanged += 1
            else:
                report.duplicates += 1
                log.info("%s has the same content as the stored document %s; skipped", document.id, known[0][0])
            return
        events = extract(document)  # outside the transaction: the CPU-bound part
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM documents WHERE doc_key = ?", [key]).fetchone():
                report.unchanged += 1  # another ingest stored it meanwhile
                return
            affected: set[str] = set()
            old_seq: dict[str, int] = {}
            old = db.execute("SELECT doc_key FROM documents WHERE doc_id = ?", [document.id]).fetchone()
            if old:
                for member_id, seq, cluster_id in db.execute(
                    "SELECT member_id, seq, cluster_id FROM members WHERE doc_key = ?", [old[0]]
                ):
                    old_seq[member_id] = seq
                    affected.add(cluster_id)
                db.execute("DELETE FROM members WHERE doc_key = ?", [old[0]])
                db.execute("DELETE FROM documents WHERE doc_key = ?", [old[0]])
                # Re-key the events that lost their first member before new members arrive.
                self._rebuild(db, affected)
                affected = set()
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
            members = self._insert_members(db, document, key, events, old_seq)
            report.events += len(members)
            candidates = self._candidate_clusters(db, members)
            stored_ids = {id(cl): stored_id for stored_id, cl in candidates.items()}
            changed: dict[str, dedup.Cluster] = {}
            for member, target in dedup.assign(members, sorted(candidates.values(), key=lambda c: c.event_id)):
                if target is None:
                    changed[member.event_id] = dedup.Cluster([member])
                    continue
                report.merged += 1
                cluster_id = stored_ids[id(target)]
                target.members.append(member)
                changed[cluster_id] = target
                db.execute("UPDATE members SET cluster_id = ? WHERE seq = ?", [cluster_id, member.seq])
            self._rebuild(db, affected | changed.keys(), changed)

    def _insert_members(
        self, db: sqlite3.Connection, document: Document, key: str, events: list[Event], old_seq: dict[str, int]
    ) -> list[dedup.Member]:
        members = []
        used: set[str] = set()
        for event in events:
            member_id = event.event_id_cnty or f"XXX{key[:10]}"
            base, n = member_id, 1
            while member_id in used:  # one report coding two events with one id
                n += 1
                member_id = f"{base}-{n}"
            used.add(member_id)
            if member_id != event.event_id_cnty:
                event = replace(event, event_id_cnty=member_id)
            member = dedup.Member(event, key, document.id, document.outlet, document.published)
            span = dedup.day_range(member)
            cursor = db.execute(
                "INSERT INTO members (seq, member_id, doc_key, event_type, iso, day_start, day_end, pub_day,"
                " cluster_id, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [old_seq.get(member_id), member_id, key, event.event_type, event.iso,
                 span[0] if span else None, span[1] if span else None, _ordinal(document.published),
                 member_id, json.dumps(event.to_dict(), ensure_ascii=False)],
            )  # fmt: skip
            member.seq = cursor.lastrowid
            members.append(member)
        return members

    def _candidate_clusters(self, db: sqlite3.Connection, members: list[dedup.Member]) -> dict[str, dedup.Cluster]:
        """The clusters a new member could join, by stored id: an index lookup by (type, country, days)."""
        if not members:
            return {}
        doc_key = members[0].doc_key
        ids: set[str] = set()
        slack, span = dedup.DATE_SLACK, dedup.MAX_SPAN_DAYS
        for member in members:
            days = dedup.day_range(member)
            if days is not None:
                ids.update(row[0] for row in db.execute(
                    "SELECT cluster_id FROM members WHERE event_type = ? AND iso IS ? AND day_start BETWEEN ? AND ?"
                    " AND day_end >= ? AND doc_key != ?",
                    [member.event.event_type, member.event.iso, days[0] - slack - span, days[1] + slack,
                     days[0] - slack, doc_key],
                ))  # fmt: skip
            published = _ordinal(member.published)
            if published is not None:  # undated events match by publication day
                # A dated member meets only undated ones here (their range is their publication day).
                undated_only = "" if member.event.event_date is None else " AND day_start = pub_day AND day_end = pub_day"
                ids.update(row[0] for row in db.execute(
                    "SELECT cluster_id FROM members WHERE event_type = ? AND iso IS ? AND pub_day BETWEEN ? AND ?"
                    " AND doc_key != ?" + undated_only,
                    [member.event.event_type, member.event.iso, published - slack, published + slack, doc_key],
                ))  # fmt: skip
        return self._clusters(db, ids)

    def _clusters(self, db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, dedup.Cluster]:
        clusters: dict[str, dedup.Cluster] = {}
        ids = sorted(set(ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = db.execute(
                "SELECT m.cluster_id, m.seq, m.event, m.doc_key, d.doc_id, d.outlet, d.published FROM members m"
                f" JOIN documents d ON d.doc_key = m.doc_key WHERE m.cluster_id IN ({','.join('?' * len(chunk))})"
                " ORDER BY m.seq",
                chunk,
            )
            for cluster_id, seq, event_json, doc_key, doc_id, outlet, published in rows:
                event = Event.from_dict(json.loads(event_json))
                member = dedup.Member(event, doc_key, doc_id, outlet, published, seq)
                clusters.setdefault(cluster_id, dedup.Cluster()).members.append(member)
        return clusters

    def _rebuild(
        self, db: sqlite3.Connection, affected: set[str], loaded: dict[str, dedup.Cluster] | None = None
    ) -> None:
        """Recompute the canonical events of the clusters whose membership changed
        (``loaded``: those already in memory, by stored id, with their current members)."""
        loaded = loaded or {}
        clusters = {**self._clusters(db, affected - loaded.keys()), **loaded}
        for stored_id in affected:
            db.execute("DELETE FROM events WHERE event_id = ?", [stored_id])
        for stored_id, cl in clusters.items():
            new_id = cl.event_id  # the earliest member leaves when its document is replaced
            if new_id != stored_id:
                db.execute("UPDATE members SET cluster_id = ? WHERE cluster_id = ?", [new_id, stored_id])
                db.execute("UPDATE aliases SET event_id = ? WHERE event_id = ?", [new_id, stored_id])
                db.execute("INSERT OR REPLACE INTO aliases (old_id, event_id) VALUES (?, ?)", [stored_id, new_id])
            db.execute("DELETE FROM aliases WHERE old_id = ?", [new_id])
            event, reasons = dedup.canonical(cl)
            event = replace(event, timestamp=int(time.time()))  # ACLED's timestamp: when stored or last changed
            actors = "\n".join(sorted(dedup.actor_set(event)))
            db.execute(
                "INSERT OR REPLACE INTO events (event_id, event_date, event_type, sub_event_type, country, iso, admin1,"
                " actors, n_sources, event, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [new_id, event.event_date, event.event_type, event.sub_event_type, event.country, event.iso,
                 event.admin1, actors, len(cl.doc_keys), json.dumps(event.to_dict(), ensure_ascii=False),
                 json.dumps(reasons, ensure_ascii=False)],
            )  # fmt: skip

    # .. plumbing .......................................................................

    def _resolve(self, event_id: str) -> str:
        row = self._query("SELECT event_id FROM aliases WHERE old_id = ?", [event_id])
        return row[0][0] if row else event_id

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


def _ordinal(value: str | None) -> int | None:
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value).toordinal()
    except ValueError:
        return None


def _prepare(connection: sqlite3.Connection, path: Path, readonly: bool) -> None:
    """Check that the file is a store this version can use, then migrate it if needed."""
    advice = "move it away or pass another --db"
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        application = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _open_error(path, exc, advice) from None
    if application not in (0, APPLICATION_ID) or (application == 0 and tables):
        raise StoreError(f"{path}: an SQLite file, but not a lagebild event store; {advice}")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer lagebild (store schema {version}, this version knows {SCHEMA_VERSION}); "
            f"upgrade lagebild or pass another --db"
        )
    try:
        connection.execute("PRAGMA busy_timeout = 30000")
        if readonly:
            if version < SCHEMA_VERSION:
                raise StoreError(
                    f"{path}: store schema {version} needs an upgrade to {SCHEMA_VERSION}; "
                    f"run 'lagebild stats --db {path}' once to migrate it"
                )
            return
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        for step in range(version, SCHEMA_VERSION):
            log.info("migrating %s to store schema %d", path, step + 1)
            # executescript commits what is pending first; the step runs as one transaction.
            connection.executescript(
                f"BEGIN IMMEDIATE; {MIGRATIONS[step]}; PRAGMA application_id = {APPLICATION_ID}; "
                f"PRAGMA user_version = {step + 1}; COMMIT;"
            )
    except sqlite3.DatabaseError as exc:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise _open_error(path, exc, advice, doing="cannot prepare the event store") from None


def _open_error(path: Path, exc: sqlite3.DatabaseError, advice: str, doing: str = "") -> StoreError:
    """The error for a store file that does not open: not a store at all, or one that
    cannot be read or written where it lies (SQLite writes beside it even to read)."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return StoreError(f"{path}: cannot open the event store ({exc}); the file or its folder may be read-only "
                          "(SQLite writes its -wal and -shm files beside it, even to read)")  # fmt: skip
    if doing:
        return StoreError(f"{path}: {doing}: {exc}; {advice}")
    return StoreError(f"{path}: not a lagebild event store ({exc}); {advice}")


def _stored(row: tuple) -> StoredEvent:
    event_id, n_sources, event_json, reasons = row
    return StoredEvent(Event.from_dict(json.loads(event_json)), event_id, n_sources, json.loads(reasons))


# -- export ---------------------------------------------------------------------------


def export_events(events: Iterable[StoredEvent], path: Path | str, fmt: str | None = None) -> int:
    """Write canonical events as JSONL, CSV (ACLED's profile), GeoJSON or Parquet, each row
    with extra ``n_sources`` and ``merge_reasons`` columns; atomically, through ``writers``."""
    from ..io.writers import write_events

    events = list(events)
    extras = [{"n_sources": s.n_sources, "merge_reasons": list(s.merge_reasons)} for s in events]
    return write_events((s.event for s in events), path, fmt, extra_columns=EXPORT_EXTRA, extras=extras)
