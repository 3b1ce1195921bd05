"""GeoNames dumps: reading their files, and importing them into the gazetteer.

Reads GeoNames export files, plain ``.txt`` or ``.zip``: place files (``SY.txt``,
``allCountries.zip``, ``cities500.zip``: 19 columns), ``alternateNamesV2.zip`` /
``alternateNames.txt``, ``admin1CodesASCII.txt`` and ``admin2Codes.txt``. Writes rows of
origin ``import`` into an open ``Gazetteer``'s file (``import_geonames``), and returns an
``ImportReport``. ``sources`` reads place files with ``geonames_lines`` and
``parse_geoname`` too, for the GeoNames-format files a test bundles.
"""

from __future__ import annotations

import contextlib
import math
import sqlite3
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GazetteerError
from .db import BATCH_ROWS, INSERT_NAME, NameRows, set_meta, store_hashes, transaction

if TYPE_CHECKING:
    from .index import Gazetteer

__all__ = ["DEFAULT_FEATURE_CLASSES", "ImportReport", "geonames_lines", "import_geonames", "parse_geoname"]

# GeoNames feature classes an import keeps by default: V (forest, heath) and U (undersea)
# never name the place of an event, and allCountries has ~13 M rows, so they are left out.
DEFAULT_FEATURE_CLASSES = frozenset("PALSTH")
_MAX_EXAMPLES = 20

_KIND_ORDER = {"admin1": 0, "admin2": 1, "geonames": 2, "alternate_names": 3}
# Alternate-name "languages" that are really codes or links, not names.
_NOT_NAMES = frozenset("link wkdt post iata icao faac tcid abbr unlc phon piny fr_1793".split())

_UPSERT_PLACE = """
INSERT INTO places (geonameid, name, asciiname, latitude, longitude, feature_class, feature_code,
                    country_code, admin1_code, admin2_code, population, origin)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'import')
ON CONFLICT (geonameid) DO UPDATE SET
    name = excluded.name, asciiname = excluded.asciiname, latitude = excluded.latitude,
    longitude = excluded.longitude, feature_class = excluded.feature_class,
    feature_code = excluded.feature_code, country_code = excluded.country_code,
    admin1_code = excluded.admin1_code, admin2_code = excluded.admin2_code,
    population = excluded.population, origin = 'import'
"""
_INSERT_IMPORTED_NAME = """
INSERT OR IGNORE INTO names (key, folded, geonameid, is_preferred, origin)
SELECT ?, ?, ?, ?, 'import' WHERE EXISTS (SELECT 1 FROM places WHERE geonameid = ?)
"""
_UPSERT_ADMIN2 = (
    "INSERT INTO admin2 (country_code, admin1_code, admin2_code, name, asciiname, geonameid, origin)"
    " VALUES (?, ?, ?, ?, ?, ?, 'import') ON CONFLICT (country_code, admin1_code, admin2_code)"
    " DO UPDATE SET name = excluded.name, asciiname = excluded.asciiname,"
    " geonameid = excluded.geonameid"
)


@dataclass
class ImportReport:
    """What ``import_geonames`` did: per kind the rows read and applied, what was new."""

    files: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    malformed: int = 0
    malformed_examples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def __str__(self) -> str:
        lines = [f"imported {len(self.files)} file(s) in {self.seconds:.1f} s: {', '.join(self.files)}"]
        for kind, count in self.rows.items():
            lines.append(f"  {kind}: {count:,} rows")
        if self.added:
            lines.append("  new rows: " + ", ".join(f"{t} {n:,}" for t, n in self.added.items()))
        if any(self.skipped.values()):
            lines.append("  skipped: " + ", ".join(f"{r} {n:,}" for r, n in self.skipped.items() if n))
        if self.malformed:
            lines.append(f"  malformed lines: {self.malformed:,} (first ones below)")
            lines.extend(f"    {example}" for example in self.malformed_examples)
        return "\n".join(lines)


# -- reading dump files ---------------------------------------------------------------


def geonames_lines(path: Path) -> Iterator[tuple[int, list[str], str | None]]:
    """(line number, cells, problem) for each non-comment line of a .txt or .zip dump."""
    member = _zip_member(path) if path.suffix.lower() == ".zip" else None
    try:
        with contextlib.ExitStack() as stack:
            if member is None:
                handle = stack.enter_context(open(path, "rb"))
            else:
                archive = stack.enter_context(zipfile.ZipFile(path))
                handle = stack.enter_context(archive.open(member))
            for number, raw in enumerate(handle, start=1):
                try:
                    line = raw.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError:
                    yield number, [], "not UTF-8"
                    continue
                if not line or line.startswith("#"):
                    continue
                yield number, line.split("\t"), None
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        raise GazetteerError(f"{path}: cannot read it: {exc}") from None


def _zip_member(path: Path) -> str:
    """The GeoNames text file inside an archive: ``SY.txt`` in ``SY.zip``, else the largest."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise GazetteerError(f"{path}: not a readable zip archive: {exc}") from None
    wanted = path.stem.lower() + ".txt"
    texts = [m for m in members if m.filename.lower().endswith(".txt")
             and not Path(m.filename).name.lower().startswith(("readme", "iso-languagecodes"))]  # fmt: skip
    exact = [m for m in texts if Path(m.filename).name.lower() == wanted]
    chosen = exact[0] if exact else max(texts, key=lambda m: m.file_size, default=None)
    if chosen is None:
        raise GazetteerError(f"{path}: the archive holds no GeoNames .txt file")
    return chosen.filename


def parse_geoname(cells: list[str]) -> tuple[tuple, list[str]] | str:
    """A place row (without origin) and its alternate names, or what is wrong with the line."""
    if len(cells) != 19:
        return f"{len(cells)} columns, a GeoNames place line has 19"
    try:
        gid = int(cells[0])
        latitude, longitude = float(cells[4]), float(cells[5])
        population = int(cells[14]) if cells[14] else 0
    except ValueError:
        return "geonameid, coordinates or population is not a number"
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or math.isnan(latitude + longitude):
        return f"coordinates out of range: {cells[4]}, {cells[5]}"
    if not cells[1].strip():
        return "empty name"
    place = (gid, cells[1].strip(), cells[2].strip() or None, latitude, longitude, cells[6] or "", cells[7] or "",
             cells[8] or None, cells[10] or None, cells[11] or None, population)  # fmt: skip
    alternates = [a for a in cells[3].split(",") if a] if cells[3] else []
    return place, alternates


def _detect_kind(path: Path) -> str:
    lowered = path.name.lower()
    if lowered.startswith("alternatenames"):
        return "alternate_names"
    if lowered.startswith("admin1codes"):
        return "admin1"
    if lowered.startswith("admin2codes"):
        return "admin2"
    for _number, cells, problem in geonames_lines(path):
        if problem:
            continue
        columns = len(cells)
        if columns == 19:
            return "geonames"
        if columns in (8, 10):
            return "alternate_names"
        if columns == 4:
            return "admin2" if cells[0].count(".") == 2 else "admin1"
        raise GazetteerError(f"{path}: {columns} tab-separated columns: not a GeoNames file this importer knows")
    raise GazetteerError(f"{path}: empty, or no line could be read")


# -- importing ------------------------------------------------------------------------


def import_geonames(
    gazetteer: Gazetteer,
    paths: Sequence[Path],
    progress: Callable[[int], None] | None = None,
    *,
    feature_classes: frozenset[str] = DEFAULT_FEATURE_CLASSES,
) -> ImportReport:
    """Load GeoNames dump files (.txt or .zip) into the gazetteer; re-running adds nothing.

    Understands place files (``SY.txt``, ``allCountries.zip``, ``cities500.zip``: 19
    columns), ``alternateNamesV2.zip``/``alternateNames.txt``, ``admin1CodesASCII.txt`` and
    ``admin2Codes.txt``, told apart by name and column count, and loads them in that
    dependency order whatever order they are given in. Imported places replace bundled
    ones with the same geonameid. Lines are streamed and written in transactions of
    ``BATCH_ROWS``; a malformed line is counted and reported, not fatal. ``progress`` is
    called with the number of lines read since its previous call.
    Memory stays the same whatever the size of the files: nothing is kept per line or per
    name beyond a batch and bounded caches; SQLite de-duplicates names and sorts on disk.
    Raises ``GazetteerError`` for a missing, unreadable or unrecognised file.
    """
    started = time.perf_counter()
    report = ImportReport()
    planned = []
    for path in map(Path, paths):
        if not path.is_file():
            raise GazetteerError(f"{path}: no such file; download GeoNames dumps from the GeoNames export site")
        kind = _detect_kind(path)
        planned.append((_KIND_ORDER[kind], kind, path))
    planned.sort(key=lambda item: item[0])
    with gazetteer._writing() as db:
        before = _table_counts(db)
        set_meta(db, "hashes_valid", "0")  # an interrupted import leaves them to be recomputed
        names = NameRows()
        for _order, kind, path in planned:
            report.files.append(str(path))
            report.rows.setdefault(kind, 0)
            _import_file(db, path, kind, names, report, progress, feature_classes)
        with transaction(db):
            store_hashes(db)
        after = _table_counts(db)
        report.added = {table: after[table] - before[table] for table in after}
    report.seconds = time.perf_counter() - started
    return report


def _table_counts(db: sqlite3.Connection) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("places", "names", "admin1", "admin2")}


def _import_file(
    db: sqlite3.Connection,
    path: Path,
    kind: str,
    names: NameRows,
    report: ImportReport,
    progress: Callable[[int], None] | None,
    feature_classes: frozenset[str],
) -> None:
    """Stream one file of ``kind`` into the gazetteer, a batch per transaction."""
    batch = _Batch()
    skipped_key = {"geonames": "feature class not imported", "alternate_names": "codes and links"}.get(kind)
    for number, cells, problem in geonames_lines(path):
        batch.lines += 1
        if problem is None:
            if kind == "geonames":
                problem = _add_place(cells, batch, names, feature_classes)
            elif kind == "alternate_names":
                problem = _add_alternate_name(cells, batch, names)
            else:
                problem = _add_admin_code(cells, batch, kind)
        if problem is None:
            report.rows[kind] += 1
        elif problem is _SKIPPED:
            report.skipped[skipped_key] = report.skipped.get(skipped_key, 0) + 1
        else:
            report.malformed += 1
            if len(report.malformed_examples) < _MAX_EXAMPLES:
                report.malformed_examples.append(f"{path.name}:{number}: {problem}")
        if batch.full():
            _flush(db, kind, batch, names, progress)
    _flush(db, kind, batch, names, progress)


@dataclass
class _Batch:
    """The rows of the lines read since the last write, and how many lines that was."""

    places: list[tuple] = field(default_factory=list)
    names: list[tuple] = field(default_factory=list)  # each with the geonameid it needs to exist
    codes: list[tuple] = field(default_factory=list)  # admin1 or admin2 rows
    lines: int = 0

    def full(self) -> bool:
        return len(self.places) + len(self.codes) >= BATCH_ROWS or len(self.names) >= 5 * BATCH_ROWS


class _Skipped:
    """What a line reader returns for a line left out on purpose (a code, a feature class)."""


_SKIPPED = _Skipped()


def _add_place(
    cells: list[str], batch: _Batch, names: NameRows, feature_classes: frozenset[str]
) -> str | _Skipped | None:
    """Add a place line's place and names to ``batch``; else what is wrong with it, or ``_SKIPPED``."""
    parsed = parse_geoname(cells)
    if isinstance(parsed, str):
        return parsed
    place, alternates = parsed
    if place[5] not in feature_classes:
        return _SKIPPED
    batch.places.append(place)
    rows = names.rows(place[0], place[1], (place[2] or "", *alternates), "import")
    batch.names.extend((*row[:4], place[0]) for row in rows)
    return None


def _add_alternate_name(cells: list[str], batch: _Batch, names: NameRows) -> str | _Skipped | None:
    """Add an alternate-names line's name to ``batch``; else what is wrong with it, or ``_SKIPPED``."""
    if len(cells) not in (8, 10):
        return f"{len(cells)} columns, an alternate-names line has 8 or 10"
    try:
        gid = int(cells[1])
    except ValueError:
        return "geonameid is not a number"
    if cells[2] in _NOT_NAMES:
        return _SKIPPED
    preferred = [cells[3]] if cells[4] == "1" else []
    # No main name: so the filter of short forms and codes applies to this one.
    for row in names.rows(gid, "", (cells[3],), "import", preferred=preferred):
        batch.names.append((*row[:4], gid))
    return None


def _add_admin_code(cells: list[str], batch: _Batch, kind: str) -> str | None:
    """Add an admin1 or admin2 codes line's area to ``batch``; else what is wrong with it."""
    if len(cells) != 4:
        return f"{len(cells)} columns, an admin-codes line has 4"
    parts = cells[0].split(".")
    if len(parts) != (2 if kind == "admin1" else 3) or not cells[1].strip():
        return f"code {cells[0]!r} or name is malformed"
    try:
        gid = int(cells[3]) if cells[3] else None
    except ValueError:
        return "geonameid is not a number"
    batch.codes.append((*parts, cells[1].strip(), cells[2].strip() or None, gid))
    return None


def _flush(
    db: sqlite3.Connection, kind: str, batch: _Batch, names: NameRows, progress: Callable[[int], None] | None
) -> None:
    """Write ``batch`` in one transaction, empty it and report its lines to ``progress``."""
    with transaction(db):
        if batch.places:
            db.executemany(_UPSERT_PLACE, batch.places)
        if kind == "admin1" and batch.codes:
            _upsert_admin1(db, batch.codes, names)
        if kind == "admin2" and batch.codes:
            db.executemany(_UPSERT_ADMIN2, batch.codes)
        if batch.names:
            db.executemany(_INSERT_IMPORTED_NAME, batch.names)
    batch.places.clear()
    batch.names.clear()
    batch.codes.clear()
    if progress is not None and batch.lines:
        progress(batch.lines)
    batch.lines = 0


def _upsert_admin1(db: sqlite3.Connection, rows: list[tuple], names: NameRows) -> None:
    db.executemany(
        "INSERT INTO admin1 (country_code, admin1_code, name, asciiname, geonameid, origin)"
        " VALUES (?, ?, ?, ?, ?, 'import') ON CONFLICT (country_code, admin1_code) DO UPDATE SET"
        " name = excluded.name, asciiname = excluded.asciiname, geonameid = excluded.geonameid, origin = 'import'",
        rows,
    )
    for cc, a1, name, asciiname, gid in rows:
        # The names go to the area's place row: GeoNames' own if imported, else the bundled
        # admin1 row (which may carry another id); an area without any place has no point.
        target = db.execute(
            "SELECT geonameid FROM places WHERE geonameid = ? OR (country_code = ? AND feature_code = 'ADM1'"
            " AND admin1_code = ?) ORDER BY geonameid = ? DESC LIMIT 1",
            (gid, cc, a1, gid),
        ).fetchone()
        if target is not None:
            db.executemany(INSERT_NAME, names.rows(target[0], name, [asciiname or ""], "import"))
