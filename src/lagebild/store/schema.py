"""The store file: its tables, their versions, and opening a file safely.

Reads and writes the SQLite file's schema (``PRAGMA user_version`` and ``application_id``)
and nothing else: the rows are ``store``'s and ``merging``'s.

Tables (since schema 4, events are stored packed by ``codec``): ``documents`` (identity: a content hash of title and text; the input's doc id is a
unique column, so a changed document with the same id replaces the old one), ``members``
(each event as one report tells it: its block — country and type family — its date
window, and the id of the merged event it belongs to), ``events`` (the merged events,
rebuilt from their members whenever membership changes), ``aliases`` (ids of merged
events that were absorbed by another one) and ``settings`` (the version of the merge rules
the members were merged by).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from ..errors import StoreError

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION", "connect", "default_path"]

log = logging.getLogger(__name__)

APPLICATION_ID = 0x4C474244  # "LGBD": marks a file as a lagebild event store
PAGE_SIZE = 16384

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
    # Merging by evidence (issue 18): members are looked up by block (type family and
    # country) and the last day of their date window; day_start and day_end now hold that
    # window (pairs.date_window). Rows written before have no family: the first ingest
    # re-merges them (settings.merge_rules differs).
    """
    ALTER TABLE members ADD COLUMN family TEXT;
    DROP INDEX members_by_day;
    DROP INDEX members_by_published;
    CREATE INDEX members_by_window ON members(family, iso, day_end);
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # A lean store (issue 17): members.event and events.event now hold packed events
    # (``codec``: zlib-compressed, defaults and evidence texts left out, a merged event as its
    # difference from a member), read beside the JSON of older rows, which stay as they are.
    # The country filter compares lower(country) and upper(iso), which no index serves:
    # events_by_country only cost space. A document's members are found (only when it is
    # replaced) by the first 8 hex digits of its key, a quarter of the full key's index.
    """
    DROP INDEX events_by_country;
    DROP INDEX members_by_doc;
    CREATE INDEX members_by_doc_prefix ON members(substr(doc_key, 1, 8));
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def default_path() -> Path:
    """``$LAGEBILD_HOME/lagebild.db``, in the same home as the gazetteer."""
    from ..geo import default_path as gazetteer_path

    return gazetteer_path().with_name("lagebild.db")


def connect(path: Path, *, readonly: bool, create: bool) -> sqlite3.Connection:
    """A connection to the store at ``path``, checked and migrated (unless ``readonly``)."""
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
        connection = sqlite3.connect(target, uri=readonly, timeout=30, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the event store: {exc}") from None
    try:
        _prepare(connection, path, readonly)
    except BaseException:
        connection.close()
        raise
    return connection


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
        if version == 0 and not tables:
            # Before the first table: a new store's pages hold several documents each (a
            # report of 2 KB left a third of a 4 KB page unused). Older files keep theirs.
            connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
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
