"""`lagebild merge` and `lagebild serve --parquet`: the store's merge outside the store.

The Ray tests run a local Ray with 2 CPUs and are skipped when the ray extra is absent;
the checks of bad input need no Ray (the local engine reads the same files).
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest

from lagebild.merge import REPORT_COLUMNS, merge

from .conftest import write
from .served import Served

# Invented reports: a drone strike on Odesa's port told by two outlets (the store merges
# them) and once more, word for word, under another id (the store keeps it once), a battle
# near Kharkiv two days later in the same block, a protest in Khartoum and an air strike in
# Idlib in another year.
REPORTS = [
    {"id": "hafen-1", "title": "Drohnenangriff auf Hafen von Odessa", "published": "2024-08-21",
     "outlet": "Küstenbote", "url": "https://example.org/k/1",
     "text": "Bei einem russischen Drohnenangriff auf den Hafen von Odessa sind am Dienstag vier Hafenarbeiter "
             "getötet worden. Die ukrainische Armee meldete zwölf abgefangene Drohnen."},
    {"id": "hafen-2", "title": "Tote im Hafen von Odessa", "published": "2024-08-21", "outlet": "Abendzeitung Nord",
     "text": "Russische Drohnen haben am 20. August 2024 den Hafen von Odessa getroffen. Nach Angaben der Behörden "
             "kamen dabei vier Arbeiter ums Leben."},
    {"id": "charkiw-1", "title": "Gefechte bei Charkiw", "published": "2024-08-23", "outlet": "Küstenbote",
     "text": "Bei Gefechten zwischen russischen Truppen und der ukrainischen Armee nördlich von Charkiw sind am "
             "Donnerstag sieben Soldaten getötet worden."},
    {"id": "khartum-1", "title": "Proteste in Khartum", "published": "2023-04-03", "outlet": "Weltspiegel Test",
     "text": "In Khartum haben am Sonntag Tausende Menschen gegen die Militärregierung demonstriert. Die Proteste "
             "blieben friedlich."},
    {"id": "idlib-1", "title": "Luftangriff in Idlib", "published": "2023-11-06", "outlet": "Abendzeitung Nord",
     "text": "Bei einem Luftangriff der syrischen Luftwaffe auf einen Markt in Idlib sind am Sonntag neun Zivilisten "
             "getötet worden."},
]  # fmt: skip
REPORTS.append({**REPORTS[0], "id": "hafen-1-kopie"})


def lagebild(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lagebild", *args], capture_output=True, text=True, timeout=timeout)


def _corpus(folder: Path) -> Path:
    return write(folder / "reports.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in REPORTS))


def _rows(table: pa.Table, exported: Path) -> list[dict]:
    """Rows as the store's ``exported`` file has them: its columns, without the write time."""
    columns = [c for c in pq.read_schema(exported).names if c != "timestamp"]
    rows = table.select(columns).to_pylist()
    return sorted(({**row, "year": int(row["year"])} for row in rows), key=lambda row: row["event_id_cnty"])


def _merged(folder: Path) -> pa.Table:
    return pads.dataset(folder, format="parquet", partitioning="hive").to_table()


@pytest.fixture(scope="module")
def ray_shards(tmp_path_factory):
    """The reports extracted on a local Ray with 2 CPUs, and the store's export of them."""
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    from lagebild.pipeline import Resources
    from lagebild.scale import extract_on_ray

    folder = tmp_path_factory.mktemp("merge")
    corpus = _corpus(folder)
    Resources.load()  # the gazetteer is built once here, not by each actor at once
    result = lagebild("ingest", str(corpus), "--db", str(folder / "store.db"))
    assert result.returncode == 0, result.stderr[-2000:]
    result = lagebild("export", "-o", str(folder / "store.parquet"), "--db", str(folder / "store.db"))
    assert result.returncode == 0, result.stderr[-2000:]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    extract_on_ray([str(corpus)], str(folder / "shards"), progress=False)
    yield folder
    ray.shutdown()


def test_ray_extract_and_merge_give_the_stores_events(ray_shards):
    folder = ray_shards
    report = merge(str(folder / "shards"), str(folder / "merged"), engine="ray", progress=False)
    store = _rows(pq.read_table(folder / "store.parquet"), folder / "store.parquet")
    merged = _rows(_merged(folder / "merged"), folder / "store.parquet")
    assert merged == store
    odesa = [row for row in merged if row["location"] == "Odesa"]
    assert len(odesa) == 1 and odesa[0]["n_sources"] == 2 and len(store) == 4
    assert (report.reports, report.dropped, report.events) == (6, 1, 4)
    assert not list(folder.glob("merged.partial-*"))


def test_the_partitions_are_country_and_year(ray_shards):
    folder = ray_shards
    merge(str(folder / "shards"), str(folder / "by-place"), engine="local")
    parts = sorted(str(p.parent.relative_to(folder / "by-place")) for p in (folder / "by-place").rglob("*.parquet"))
    assert sorted(set(parts)) == ["country=Sudan/year=2023", "country=Syria/year=2023", "country=Ukraine/year=2024"]
    exported = folder / "store.parquet"
    assert _rows(_merged(folder / "by-place"), exported) == _rows(pq.read_table(exported), exported)


def test_the_command_line_merges_on_ray_and_serves_the_result(ray_shards):
    folder = ray_shards
    result = lagebild("merge", str(folder / "shards"), "-o", str(folder / "cli"), "--engine", "ray", "--jobs", "2")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "6 event reports read (1 left out: a duplicate or replaced report), 4 merged events written" in result.stderr
    with Served(["--parquet", str(folder / "cli")], folder / "server.log") as server:
        body = json.load(urllib.request.urlopen(f"{server.url}/api/events?country=Ukraine", timeout=10))
        odesa = [e for e in body["events"] if e["event"]["location"] == "Odesa"]
        assert body["count"] == 2 and len(odesa) == 1 and odesa[0]["n_sources"] == 2
        detail = json.load(urllib.request.urlopen(f"{server.url}/api/events/{odesa[0]['event_id']}", timeout=10))
        assert sorted(r["doc_id"] for r in detail["reports"]) == ["hafen-1", "hafen-2"]
        for r in detail["reports"]:
            sentence = r["evidence"]["sentence"]
            assert r["text"][sentence["start"] : sentence["end"]] == sentence["text"]


def test_ray_shards_keep_the_profile_and_add_the_report(ray_shards):
    schema = pq.read_schema(next((ray_shards / "shards").glob("*.parquet")))
    exported = [c for c in pq.read_schema(ray_shards / "store.parquet").names if c not in ("n_sources", "merge_reasons")]
    assert schema.names == exported + list(REPORT_COLUMNS)


# -- bad input: one line naming it, nothing written -------------------------------------------


@pytest.mark.parametrize("case", ["missing", "not parquet", "wrong columns", "empty folder"])
def test_bad_input_is_one_line_naming_it_and_nothing_is_written(tmp_path, case):
    source = tmp_path / "shards"
    if case == "not parquet":
        write(source / "part-0.parquet", "Das ist keine Parquet-Datei.")
    elif case == "wrong columns":
        source.mkdir()
        pq.write_table(pa.table({"doc_id": ["a"], "text": ["Bei Gefechten in Aleppo starben zwei Menschen."]}),
                       source / "part-0.parquet")  # fmt: skip
    elif case == "empty folder":
        source.mkdir()
    result = lagebild("merge", str(source), "-o", str(tmp_path / "merged"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "shards" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if case == "missing" else ["shards"])


def test_serve_parquet_refuses_a_folder_merge_did_not_write(tmp_path):
    write(tmp_path / "x" / "a.parquet", "kein Parquet")
    result = lagebild("serve", "--parquet", str(tmp_path / "x"), "--port", "0")
    assert result.returncode == 2 and "a.parquet: not a Parquet file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_used_output_folder_is_refused(tmp_path):
    source = tmp_path / "shards"
    source.mkdir()
    pq.write_table(pa.table({"doc_id": ["a"]}), source / "part-0.parquet")
    write(tmp_path / "merged" / "old.parquet", "x")
    result = lagebild("merge", str(source), "-o", str(tmp_path / "merged"))
    assert result.returncode == 2 and "must be new or empty" in result.stderr
    assert [p.name for p in (tmp_path / "merged").iterdir()] == ["old.parquet"]
