"""Every output format round-trips through its reader; writing is atomic."""

from __future__ import annotations

import csv
import datetime
import json
import os
import stat
import subprocess
import sys
import threading

import pyarrow.parquet as pq
import pytest

from lagebild.errors import LagebildError, OutputError
from lagebild.records import ACLED_COLUMNS, Event, Evidence, Span
from lagebild.io.writers import PARQUET_BATCH, Outputs, atomic_writer, format_for, write_events

from .conftest import write


def sample_events() -> list[Event]:
    evidence = Evidence(sentence=Span(0, 20, "Kämpfe in Aleppo ..."), trigger=Span(0, 6, "Kämpfe"))
    return [
        Event(event_id_cnty="SYR1", event_date="2024-11-27", year=2024, event_type="Battles",
              sub_event_type="Armed clash", actor1="Hay'at Tahrir al-Sham", actor2="Military Forces of Syria",
              country="Syria", iso="SY", admin1="Aleppo", location="Aleppo", latitude=36.2, longitude=37.16,
              geo_precision=1, fatalities=97, fatalities_low=90, fatalities_high=100, doc_id="d1",
              fatalities_by_side={"Hay'at Tahrir al-Sham": 60}, evidence=evidence),
        Event(event_id_cnty="XXX2", event_type="Protests", sub_event_type="Peaceful protest", doc_id="d2"),
    ]  # fmt: skip


def test_jsonl_has_the_scorer_keys(tmp_path):
    path = tmp_path / "out.jsonl"
    assert write_events(sample_events(), path) == 2
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    needed = {"doc_id", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "country",
              "latitude", "longitude", "geo_precision", "event_date", "fatalities", "fatalities_low",
              "fatalities_high"}  # fmt: skip
    assert needed <= rows[0].keys()
    assert rows[0]["evidence"]["trigger"] == {"start": 0, "end": 6, "text": "Kämpfe"}
    assert Event.from_dict(rows[0]) == sample_events()[0]


def test_csv_starts_with_acled_columns_in_order(tmp_path):
    path = tmp_path / "out.csv"
    write_events(sample_events(), path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames[:34]) == ACLED_COLUMNS + ("fatalities_low", "fatalities_high", "fatalities_known")
    assert rows[0]["actor1"] == "Hay'at Tahrir al-Sham" and rows[0]["fatalities"] == "97"
    assert rows[0]["iso"] == "760" and rows[0]["fatalities_known"] == "true"
    assert rows[1]["fatalities"] == "0" and rows[1]["fatalities_known"] == "false"  # no figure: 0, as ACLED codes it
    assert json.loads(rows[0]["fatalities_by_side"]) == {"Hay'at Tahrir al-Sham": 60}
    assert json.loads(rows[0]["evidence"])[1] == {"role": "trigger", "start": 0, "end": 6, "text": "Kämpfe"}
    assert rows[1]["latitude"] == ""


def test_geojson_feature_collection(tmp_path):
    path = tmp_path / "out.geojson"
    write_events(sample_events(), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    first, second = data["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [37.16, 36.2]}
    assert second["geometry"] is None
    assert isinstance(first["properties"]["evidence"], str)


def test_parquet_is_typed(tmp_path):
    path = tmp_path / "out.parquet"
    write_events(sample_events(), path)
    table = pq.read_table(path)
    assert table.num_rows == 2
    assert table.column("fatalities").to_pylist() == [97, 0]
    assert table.column("fatalities_known").to_pylist() == [True, False]
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert table.column("event_date").to_pylist() == [datetime.date(2024, 11, 27), None]
    assert table.column("iso").to_pylist()[0] == 760
    assert table.column("evidence").to_pylist()[0][1] == {"role": "trigger", "start": 0, "end": 6, "text": "Kämpfe"}
    assert table.column("fatalities_by_side").to_pylist()[0] == [{"actor": "Hay'at Tahrir al-Sham", "fatalities": 60}]
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["primary_column"] == "geometry" and geo["columns"]["geometry"]["encoding"] == "WKB"


def test_parquet_is_a_geodataframe_and_a_duckdb_table(tmp_path):
    geopandas = pytest.importorskip("geopandas")
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "out.parquet"
    write_events(sample_events(), path)
    frame = geopandas.read_parquet(path)
    assert isinstance(frame, geopandas.GeoDataFrame) and frame.crs.to_string() == "OGC:CRS84"
    assert (frame.geometry.iloc[0].x, frame.geometry.iloc[0].y) == (37.16, 36.2) and frame.geometry.iloc[1] is None
    con = duckdb.connect()
    types = {row[0]: row[1] for row in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()}
    assert types["event_date"] == "DATE" and types["fatalities"] == "BIGINT"
    assert con.execute(f"SELECT count(*) FROM read_parquet('{path}') WHERE event_date < DATE '2025-01-01'").fetchone() == (1,)


def test_unknown_suffix_needs_format():
    with pytest.raises(LagebildError, match="--format"):
        format_for("events.txt")
    assert format_for("events.txt", "jsonl") == "jsonl"


def test_failed_write_leaves_old_file_untouched(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("old\n", encoding="utf-8")

    unserialisable = Event(doc_id="d3", tags=object())  # fails after the first row is written
    with pytest.raises(TypeError):
        write_events([sample_events()[0], unserialisable], path)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


@pytest.fixture()
def umask():
    """Set the process umask for one test (the default 022 unless the test sets another)."""
    previous = os.umask(0o022)
    yield lambda value: os.umask(value)
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "geojson", "parquet"])
def test_new_files_get_the_permissions_the_umask_gives(tmp_path, umask, suffix):
    path = tmp_path / f"out.{suffix}"
    write_events(sample_events(), path)
    assert mode(path) == 0o644
    umask(0o077)
    private = tmp_path / f"private.{suffix}"
    write_events(sample_events(), private)
    assert mode(private) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, private.name])


def test_a_replaced_file_keeps_its_permissions(tmp_path, umask):
    path = tmp_path / "out.csv"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    write_events(sample_events(), path)
    assert mode(path) == 0o640 and path.read_text(encoding="utf-8").startswith("event_id_cnty")
    with atomic_writer(tmp_path / "new.txt") as handle:  # a new file is 0644
        handle.write("x")
    assert mode(tmp_path / "new.txt") == 0o644


def test_extract_output_files_get_the_permissions_the_umask_gives(tmp_path):
    report = write(tmp_path / "bericht.txt", "Bei Gefechten in Charkiw sind am 14. Mai 2024 drei Soldaten getötet worden.\n")
    for suffix in ("jsonl", "csv"):
        output = tmp_path / f"events.{suffix}"
        result = subprocess.run(
            [sys.executable, "-m", "lagebild", "extract", str(report), "--no-geocode", "-q", "-o", str(output)],
            capture_output=True, text=True, timeout=300, umask=0o022,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert mode(output) == 0o644, suffix


def test_parquet_is_written_in_row_groups_as_events_come(tmp_path):
    path = tmp_path / "viele.parquet"
    events = sample_events()
    with Outputs([(path, "parquet")]) as outputs:
        for _ in range(PARQUET_BATCH + 1):  # one document after another
            outputs.write(events)
    parquet = pq.ParquetFile(path)
    assert parquet.metadata.num_rows == 2 * (PARQUET_BATCH + 1)
    assert parquet.metadata.num_row_groups == 3  # PARQUET_BATCH rows each, and the rest


def test_outputs_never_written_to_leave_earlier_files_alone(tmp_path):
    kept = tmp_path / "e.csv"
    kept.write_text("old\n", encoding="utf-8")
    with Outputs([(kept, "csv"), (tmp_path / "neu.geojson", "geojson")]):
        pass  # every input failed: nothing to write
    assert [p.name for p in tmp_path.iterdir()] == ["e.csv"] and kept.read_text(encoding="utf-8") == "old\n"


def test_a_named_pipe_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "rohr.jsonl"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.extend(fifo.read_text(encoding="utf-8").splitlines()))
    reader.start()
    assert write_events(sample_events(), fifo) == 2
    reader.join(timeout=600)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [json.loads(line)["doc_id"] for line in received] == ["d1", "d2"]


def test_one_output_named_twice_is_an_error(tmp_path):
    with pytest.raises(OutputError, match="named twice"):
        Outputs([(tmp_path / "e.csv", "csv"), (tmp_path / "." / "e.csv", "csv")])


def test_public_surface():
    from lagebild import pipeline
    from lagebild.io import writers

    assert set(writers.__all__) == {"COLUMNS", "FORMATS", "EventWriter", "Outputs", "atomic_writer", "check_output",
                                    "event_row", "format_for", "write_events", "write_text", "write_timestamp"}  # fmt: skip
    assert set(pipeline.__all__) == {"ExtractResult", "Resources", "extract", "extract_document", "extract_parallel", "ReadSection", "read_report", "report_events", "run"}
