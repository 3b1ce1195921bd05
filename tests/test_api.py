"""The Python API: lagebild.extract, extract_many and Store, as the README shows them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import lagebild
from lagebild import Document, Event, Store
from lagebild.errors import InputError

from .conftest import write

ALEPPO = ("Bei Gefechten zwischen der syrischen Armee und HTS-Kämpfern in Aleppo wurden am Mittwoch "
          "zwölf Soldaten getötet.")  # fmt: skip
KHARKIV = "Bei einem russischen Drohnenangriff auf Charkiw sind am Dienstag drei Zivilisten getötet worden."


def test_the_package_exports_these_few_names():
    assert sorted(lagebild.__all__) == ["Document", "Event", "Store", "extract", "extract_many"]
    assert all(getattr(lagebild, name) is not None for name in lagebild.__all__)
    with pytest.raises(AttributeError):
        lagebild.pipeline_that_is_not_there  # noqa: B018


def test_import_loads_nothing_heavy():
    code = "import json, sys, lagebild; print(json.dumps(sorted(m for m in sys.modules if m.startswith('lagebild'))))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert loaded == ["lagebild"]


def test_extract_a_text_as_the_readme_shows():
    code = f"import lagebild; print(lagebild.extract({ALEPPO!r}, published='2024-11-27'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[Event(") and "Aleppo" in result.stdout


def test_extract_returns_events_with_acled_and_dict_forms():
    [event] = lagebild.extract(ALEPPO, published="2024-11-27")
    assert isinstance(event, Event) and event.event_date == "2024-11-27" and event.fatalities == 12
    assert event.doc_id == lagebild.extract(ALEPPO, published="2024-11-27")[0].doc_id  # the text's hash
    row = event.to_acled()
    assert row["actor1"] == "Military Forces of Syria (2000-2024)" and row["iso"] == 760
    assert event.to_dict()["iso"] == "SY" and Event.from_dict(event.to_dict()) == event
    document = Document("bericht-1", ALEPPO, published="2024-11-27")
    assert [e.doc_id for e in lagebild.extract(document)] == ["bericht-1"]


def test_bad_input_is_an_error_that_says_so():
    with pytest.raises(InputError, match="empty text"):
        lagebild.extract("  ")
    with pytest.raises(TypeError, match="report text"):
        lagebild.extract(b"bytes")


def test_extract_many_goes_on_after_a_bad_input(tmp_path):
    failures = []
    folder = tmp_path / "berichte"
    write(folder / "charkiw.txt", "---\npublished: 2024-05-14\n---\n" + KHARKIV)
    events = list(lagebild.extract_many([ALEPPO, tmp_path / "fehlt.txt", folder], published="2024-11-27",
                                        on_failure=failures.append))  # fmt: skip
    assert sorted(e.location for e in events) == ["Aleppo", "Kharkiv"]
    assert [f.reason for f in failures] == ["no such file or folder"]


def test_store_ingests_filters_and_converts(tmp_path):
    pandas = pytest.importorskip("pandas")
    with Store(tmp_path / "events.db") as store:
        report = store.ingest([ALEPPO, Document("charkiw", KHARKIV, published="2024-05-14")], published="2024-11-27")
        assert report.added == 2 and not report.failures
        assert [e.location for e in store.events()] == ["Kharkiv", "Aleppo"]
        assert [e.location for e in store.events(country="Syrien", since="2024-11-01")] == ["Aleppo"]
        assert [e.location for e in store.events(type="Explosions/Remote violence")] == ["Kharkiv"]
        with pytest.raises(TypeError, match="unknown filter colour"):
            store.events(colour="red")
        table = store.to_arrow(limit=1)
        assert table.num_rows == 1 and table.column("n_sources").to_pylist() == [1]
        frame = store.to_pandas()
        assert isinstance(frame, pandas.DataFrame) and str(frame["event_date"].dtype).startswith("datetime64")
        assert list(frame["iso"]) == [804, 760]
