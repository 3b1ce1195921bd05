"""The event store through its public API: real files in tmp_path, events built by hand.

The extractor is replaced by a table of hand-built events per document id, so these tests
are about storing and merging, not about reading German (tests/test_store_cli.py does both).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sqlite3
import stat

import pyarrow.parquet as pq
import pytest

from lagebild.errors import StoreError
from lagebild.records import ACLED_COLUMNS, Document, Event, Evidence, Span
from lagebild.store.store import (
    MIGRATIONS,
    EventFilter,
    EventStore,
    FilterError,
    admin1_matches,
    event_types,
    export_events,
    resolve_country,
    resolve_event_type,
)

SUMY = dict(location="Sumy", admin1="Sumy", latitude=50.9216, longitude=34.8003)


def make_event(doc: str, n: int = 1, **changes) -> Event:
    fields = dict(
        event_id_cnty=f"UKR{doc}{n}", event_date="2024-05-14", year=2024, time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1="Military Forces of Russia", actor2="Military Forces of Ukraine",
        iso="UA", country="Ukraine", admin1="Kharkiv", location="Kharkiv", latitude=49.9935, longitude=36.2304,
        geo_precision=1, doc_id=doc, fatalities=3, fatalities_low=3, fatalities_high=3,
        evidence=Evidence(Span(0, 6, "Kämpfe")),
    )  # fmt: skip
    fields.update(changes)
    return Event(**fields)


class Extractor:
    """Hand-built events by document id; counts how often it was asked."""

    def __init__(self, events: dict[str, list[Event]]) -> None:
        self.table = events
        self.calls = 0

    def __call__(self, document: Document) -> list[Event]:
        self.calls += 1
        return self.table.get(document.id, [])


def doc(doc_id: str, text: str | None = None, published: str = "2024-05-15", outlet: str | None = None) -> Document:
    return Document(doc_id, text or f"Kämpfe in Charkiw ({doc_id}).", title=f"Meldung {doc_id}",
                    outlet=outlet or f"Agentur {doc_id}", published=published, url=f"https://example.org/{doc_id}")  # fmt: skip


@pytest.fixture()
def store(tmp_path):
    with EventStore.open(tmp_path / "events.db") as opened:
        yield opened


def test_reingest_adds_nothing_and_skips_extraction(store):
    extract = Extractor({"a": [make_event("a")], "b": [make_event("b")]})
    first = store.ingest([doc("a"), doc("b")], None, extract=extract)
    assert (first.added, first.events, first.merged) == (2, 2, 1)
    before = store.stats()
    again = store.ingest([doc("a"), doc("b")], None, extract=extract)
    assert (again.added, again.unchanged, again.events) == (0, 2, 0)
    assert extract.calls == 2
    assert store.stats() == before


def test_same_content_under_another_id_is_a_duplicate(store):
    extract = Extractor({"a": [make_event("a")], "copy": [make_event("copy")]})
    store.ingest([doc("a")], None, extract=extract)
    copy = Document("copy", doc("a").text, title="Meldung a", published="2024-05-15")
    report = store.ingest([copy], None, extract=extract)
    assert report.duplicates == 1
    assert store.stats()["documents"] == 1


def test_changed_document_replaces_its_events(store):
    store.ingest([doc("a")], None, extract=Extractor({"a": [make_event("a")]}))
    changed = Extractor({"a": [make_event("a", 7, event_type="Riots", sub_event_type="Violent demonstration")]})
    report = store.ingest([doc("a", text="Ausschreitungen in Charkiw.")], None, extract=changed)
    assert report.replaced == 1
    [stored] = store.events(EventFilter())
    assert (stored.event_id, stored.event.event_type) == ("UKRa7", "Riots")
    assert store.stats()["documents"] == 1
    assert [r.event.event_id_cnty for r in store.reports("UKRa7")] == ["UKRa7"]


def test_merged_event_keeps_its_id_as_reports_arrive_and_leave(store):
    table = {d: [make_event(d)] for d in "abc"}
    store.ingest([doc("a"), doc("b")], None, extract=Extractor(table))
    [merged] = store.events(EventFilter())
    assert (merged.event_id, merged.n_sources) == ("UKRa1", 2)
    store.ingest([doc("c", published="2024-05-16")], None, extract=Extractor(table))
    [merged] = store.events(EventFilter())
    assert (merged.event_id, merged.n_sources) == ("UKRa1", 3)
    # The first report is corrected and no longer tells the battle: the event keeps going
    # under the next member's id, and the old id still finds it.
    store.ingest([doc("a", text="Korrektur: keine Kämpfe.")], None, extract=Extractor({"a": []}))
    [merged] = store.events(EventFilter())
    assert (merged.event_id, merged.n_sources) == ("UKRb1", 2)
    assert store.event("UKRa1").event_id == "UKRb1"


def test_a_corrected_report_that_keeps_its_event_keeps_the_id(store):
    table = {d: [make_event(d)] for d in "ab"}
    store.ingest([doc("a"), doc("b")], None, extract=Extractor(table))
    store.ingest([doc("a", text="Kämpfe in Charkiw, ergänzt.")], None, extract=Extractor(table))
    [merged] = store.events(EventFilter())
    assert (merged.event_id, merged.n_sources) == ("UKRa1", 2)


def _ingest_with_cores(tmp_path, monkeypatch, cores: int, extract) -> tuple:
    from lagebild import workers

    monkeypatch.setattr(workers, "available_cores", lambda: cores)
    with EventStore.open(tmp_path / f"cores{cores}.db") as opened:
        report = opened.ingest([doc(f"d{i}", published=f"2024-05-{10 + i % 5}") for i in range(40)], None,
                               extract=extract, jobs=1)  # fmt: skip
        events = [(s.event_id, s.n_sources, s.merge_reasons, {**s.event.to_dict(), "timestamp": 0})
                  for s in opened.events(EventFilter())]  # fmt: skip
    return report, events


def test_the_writer_prepares_events_as_the_workers_would(tmp_path, monkeypatch):
    # One job on a machine of one core: the worker prepares the events for the store; on
    # more cores the writer does, while the worker extracts. The store is the same.
    table = {f"d{i}": [make_event(f"d{i}", event_date=f"2024-05-{10 + i % 5}")] for i in range(40)}
    (by_workers, in_workers), (by_writer, in_writer) = (
        _ingest_with_cores(tmp_path, monkeypatch, cores, Extractor(table)) for cores in (1, 4))
    assert in_workers == in_writer and by_workers.merged == by_writer.merged > 0


def test_a_report_whose_events_the_writer_cannot_prepare_fails_alone(tmp_path, monkeypatch):
    from lagebild.store import merging

    prepare = merging.prepare

    def failing(document, events):
        if document.id == "d3":
            raise RuntimeError("a bug")
        return prepare(document, events)

    monkeypatch.setattr(merging, "prepare", failing)
    table = {f"d{i}": [make_event(f"d{i}")] for i in range(40)}
    report, _ = _ingest_with_cores(tmp_path, monkeypatch, 4, Extractor(table))
    assert report.added == 39 and [f.reason.startswith("extraction failed (RuntimeError: a bug)") for f in report.failures] == [True]


def test_two_events_of_one_report_stay_two(store):
    table = {"a": [make_event("a", 1), make_event("a", 2, latitude=49.99, longitude=36.25)]}
    store.ingest([doc("a")], None, extract=Extractor(table))
    assert [s.n_sources for s in store.events(EventFilter())] == [1, 1]


def test_attacks_in_two_towns_on_one_day_stay_two(store):
    table = {"a": [make_event("a")], "b": [make_event("b", **SUMY)]}
    store.ingest([doc("a"), doc("b", text="Kämpfe in Sumy (b).")], None, extract=Extractor(table))
    assert sorted(s.event.location for s in store.events(EventFilter())) == ["Kharkiv", "Sumy"]


def test_filters(store):
    table = {
        "a": [make_event("a")],
        "b": [make_event("b")],
        "c": [make_event("c", event_date="2024-06-02", event_type="Protests", sub_event_type="Peaceful protest",
                         actor1="Protesters (Ukraine)", actor2=None, **SUMY)],
    }  # fmt: skip
    store.ingest([doc("a"), doc("b"), doc("c", published="2024-06-02")], None, extract=Extractor(table))
    ids = lambda **kw: [s.event_id for s in store.events(EventFilter(**kw))]  # noqa: E731
    assert ids() == ["UKRa1", "UKRc1"]
    assert ids(country="ua") == ids(country="Ukraine") == ["UKRa1", "UKRc1"]
    assert ids(admin1="sumy") == ["UKRc1"]
    assert ids(since=dt.date(2024, 6, 1)) == ["UKRc1"]
    assert ids(until=dt.date(2024, 5, 31)) == ["UKRa1"]
    assert ids(event_type="peaceful protest") == ids(event_type="Protests") == ["UKRc1"]
    assert ids(actor="russia") == ["UKRa1"]
    assert ids(min_sources=2) == ["UKRa1"]
    assert ids(limit=1) == ["UKRa1"]
    stats = store.stats()
    assert (stats["documents"], stats["events"]) == (3, 2)
    assert stats["sources_per_event"] == {1: 1, 2: 1}
    assert stats["by_month"] == {"2024-05": 1, "2024-06": 1}
    assert stats["by_type"] == {"Battles": 1, "Protests": 1}


def test_reports_carry_text_that_the_evidence_indexes(store):
    store.ingest([doc("a"), doc("b")], None, extract=Extractor({d: [make_event(d)] for d in "ab"}))
    reports = store.reports("UKRa1")
    assert [(r.doc_id, r.outlet, r.url) for r in reports] == [
        ("a", "Agentur a", "https://example.org/a"), ("b", "Agentur b", "https://example.org/b")]  # fmt: skip
    assert reports[0].text.startswith("Meldung a\n\nKämpfe")
    assert reports[0].evidence == Evidence(Span(0, 6, "Kämpfe"))


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "geojson", "parquet"])
def test_every_export_format_round_trips(store, tmp_path, suffix):
    store.ingest([doc("a"), doc("b")], None, extract=Extractor({d: [make_event(d)] for d in "ab"}))
    path = tmp_path / f"out.{suffix}"
    assert export_events(store.events(EventFilter()), path) == 1
    if suffix == "csv":
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert tuple(reader.fieldnames[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
            [row] = list(reader)
    elif suffix == "jsonl":
        [row] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert Event.from_dict(row).evidence == Evidence(Span(0, 6, "Kämpfe"))
    elif suffix == "geojson":
        collection = json.loads(path.read_text(encoding="utf-8"))
        [feature] = collection["features"]
        assert feature["geometry"]["coordinates"] == [36.2304, 49.9935]
        row = feature["properties"]
    else:
        [row] = pq.read_table(path).to_pylist()
    assert row["event_id_cnty"] == "UKRa1"
    assert row["source"] == "Agentur a; Agentur b"
    assert str(row["n_sources"]) == "2"
    assert str(row["fatalities"]) == "3"


def test_missing_store_is_refused_for_reading(tmp_path):
    with pytest.raises(StoreError, match="no event store there; run 'lagebild ingest"):
        EventStore.open(tmp_path / "none.db", readonly=True)
    with pytest.raises(StoreError, match="none.db"):
        EventStore.open(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_corrupt_or_foreign_files_are_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is no database at all" * 100)
    with pytest.raises(StoreError, match="junk.db: not a lagebild event store"):
        EventStore.open(junk)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a lagebild event store"):
        EventStore.open(foreign)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "events.db"
    EventStore.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="newer lagebild"):
        EventStore.open(path)


def test_older_schema_is_migrated_in_place(tmp_path):
    path = tmp_path / "events.db"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0] + "; PRAGMA application_id = 1279738436; PRAGMA user_version = 1;")
    with pytest.raises(StoreError, match="needs an upgrade"):
        EventStore.open(path, readonly=True)
    with EventStore.open(path) as store:
        assert store.stats()["schema_version"] == len(MIGRATIONS)


def test_a_reader_reads_while_a_writer_writes(tmp_path):
    path = tmp_path / "events.db"
    with EventStore.open(path) as writer:
        writer.ingest([doc("a")], None, extract=Extractor({"a": [make_event("a")]}))
        with EventStore.open(path, readonly=True) as reader:
            assert len(reader.events(EventFilter())) == 1
            writer.ingest([doc("c", published="2024-06-20")], None,
                          extract=Extractor({"c": [make_event("c", event_date="2024-06-20")]}))  # fmt: skip
            assert len(reader.events(EventFilter())) == 2
            with pytest.raises(StoreError, match="read-only"):
                reader.ingest([doc("d")], None, extract=Extractor({}))


# -- filter values: unknown types and countries are errors, admin1 in any spelling ------

IDLEB = dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", actor1="Military Forces of Syria",
             actor2="Civilians (Syria)", iso="SY", country="Syria", admin1="Idleb", location="Saraqib",
             latitude=35.8645, longitude=36.8055)  # fmt: skip


@pytest.fixture()
def filled(store):
    table = {
        "a": [make_event("a")],
        "s": [make_event("s", **IDLEB)],
        "f": [make_event("f", **{**IDLEB, "iso": "QF", "country": "Freedonia", "admin1": "Ost", "location": "Ost"})],
    }
    store.ingest([doc(d) for d in table], None, extract=Extractor(table))
    return store


def test_event_type_must_be_an_acled_type_or_sub_event_type(filled):
    assert "Air/drone strike" in event_types()["Explosions/Remote violence"]
    assert resolve_event_type(" battles ") == "Battles"
    assert resolve_event_type("AIR/DRONE STRIKE") == "Air/drone strike"
    ids = lambda **kw: [s.event_id for s in filled.events(EventFilter(**kw))]  # noqa: E731
    assert ids(event_type="air/drone strike") == ids(event_type="explosions/remote violence") == ["UKRf1", "UKRs1"]
    assert ids(event_type="Riots") == []  # a real type that nothing has: no error
    with pytest.raises(FilterError) as caught:
        filled.events(EventFilter(event_type="Bogus"))
    assert caught.value.field == "event_type"
    message = str(caught.value)
    assert "'Bogus' is not an ACLED event type or sub-event type" in message
    assert "Battles" in message and "Air/drone strike" in message and "\n" not in message


def test_country_is_a_code_or_an_english_or_german_name(filled):
    for value in ("SY", "sy", "SYR", "syr", "Syria", "syria", "Syrien"):
        assert resolve_country(value).iso2 == "SY", value
        assert [s.event_id for s in filled.events(EventFilter(country=value))] == ["UKRs1"], value
    assert resolve_country("Tuerkei").iso2 == resolve_country("Türkei").iso2 == resolve_country("TUR").iso2 == "TR"
    assert filled.events(EventFilter(country="Chile")) == []  # a real country that nothing has: no error
    for value in ("Atlantis", "XY", "XYZ", "Syri"):
        with pytest.raises(FilterError, match=f"'{value}' is not a country lagebild knows") as caught:
            filled.events(EventFilter(country=value))
        assert caught.value.field == "country"
    with pytest.raises(FilterError, match="did you mean Syria"):
        resolve_country("Syira")


def test_a_stored_country_the_lexicon_lacks_still_filters(filled):
    with pytest.raises(FilterError):
        resolve_country("Freedonia")
    assert [s.event_id for s in filled.events(EventFilter(country="freedonia"))] == ["UKRf1"]
    assert [s.event_id for s in filled.events(EventFilter(country="QF"))] == ["UKRf1"]


def test_admin1_matches_any_transliteration(filled):
    assert admin1_matches("Idlib", ["Idleb", "Aleppo"]) == ["Idleb"]
    assert admin1_matches("Charkiw", ["Kharkiv", "Sumy"]) == ["Kharkiv"]
    assert filled.admin1_names() == ["Idleb", "Kharkiv", "Ost"]
    assert filled.admin1_names("idlib") == ["Idleb"]
    for value in ("Idlib", "Idleb", "IDLIB", "Idlib "):
        assert [s.event_id for s in filled.events(EventFilter(admin1=value))] == ["UKRs1"], value
    assert [s.event_id for s in filled.events(EventFilter(admin1="Charkiw"))] == ["UKRa1"]
    assert filled.events(EventFilter(admin1="Nirgendwo")) == []  # no error: nothing lies there
    assert filled.admin1_names("Nirgendwo") == []


def test_the_http_api_rejects_unknown_types_and_countries(filled):
    pytest.importorskip("fastapi", reason="the server extra is not installed")
    from fastapi.testclient import TestClient

    from lagebild.web.server import create_app

    client = TestClient(create_app(filled.path))
    for query, field in (("type=Bogus", "type"), ("country=Atlantis", "country")):
        for endpoint in ("/api/events", "/api/events.geojson"):
            response = client.get(f"{endpoint}?{query}")
            assert response.status_code == 422, response.text
            assert response.json()["detail"].startswith(f"{field}: '{query.split('=')[1]}' is not")
    assert [e["event_id"] for e in client.get("/api/events?country=SYR&admin1=Idlib").json()["events"]] == ["UKRs1"]
    assert client.get("/api/events?admin1=Nirgendwo").json()["count"] == 0


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "geojson", "parquet"])
def test_exports_get_the_permissions_of_a_new_file(store, tmp_path, suffix):
    store.ingest([doc("a")], None, extract=Extractor({"a": [make_event("a")]}))
    previous = os.umask(0o022)
    try:
        path = tmp_path / f"out.{suffix}"
        export_events(store.events(EventFilter()), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        os.umask(0o027)
        other = tmp_path / f"other.{suffix}"
        export_events(store.events(EventFilter()), other)
        assert stat.S_IMODE(other.stat().st_mode) == 0o640
    finally:
        os.umask(previous)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
