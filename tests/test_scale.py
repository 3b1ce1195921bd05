"""Extraction on Ray (the ray extra), on a local Ray with 2 CPUs: the events of the local path."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="the ray extra is not installed")

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from lagebild.errors import LagebildError  # noqa: E402
from lagebild.io.readers import read_documents  # noqa: E402
from lagebild.io.arrow import arrow_row  # noqa: E402
from lagebild.merge import REPORT_COLUMNS  # noqa: E402
from lagebild.pipeline import Resources, extract  # noqa: E402
from lagebild.records import Document  # noqa: E402
from lagebild.scale import extract_on_ray  # noqa: E402

from .conftest import EXAMPLES, write  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():
    Resources.load()  # the gazetteer is built once here, not by each actor at once
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    found = [d for d in read_documents([EXAMPLES]) if isinstance(d, Document)]
    return [Document(f"{d.id}-{n}", d.text, d.title, published=d.published) for n in range(3) for d in found]


def _records(documents) -> list[dict]:
    return [{"id": d.id, "text": d.text, "title": d.title, "published": d.published} for d in documents]


def _shards(folder: Path) -> list[dict]:
    """The rows of the shards in the columns of the local path (the report's columns after
    them are ``lagebild merge``'s, tested there)."""
    rows = [row for shard in sorted(folder.glob("*.parquet"))
            for row in pq.read_table(shard).drop_columns(list(REPORT_COLUMNS)).to_pylist()]  # fmt: skip
    return [{**row, "timestamp": 0} for row in rows]  # when written: the clock, not the content


def _local(paths, geocode=True) -> list[dict]:
    resources = Resources.load(geocode=geocode)
    return [arrow_row(e, timestamp=0) for _, events in extract(paths, resources) for e in events]


def test_ray_gives_the_events_of_the_local_path(tmp_path, local_ray, documents):
    corpus = write(tmp_path / "reports.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records(documents)))
    report = extract_on_ray([str(corpus)], str(tmp_path / "events"), progress=False)
    rows = _shards(tmp_path / "events")
    assert rows == _local([corpus])
    assert report.documents == len(documents) and report.events == len(rows) > 100 and report.failures == []


def test_csv_parquet_and_folders_are_read_and_bad_rows_reported(tmp_path, local_ray, documents):
    records = _records(documents[:10])
    (tmp_path / "in").mkdir()
    with (tmp_path / "in" / "a.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "text", "title", "published"])
        writer.writeheader()
        writer.writerows(records[:5])
    pq.write_table(pa.Table.from_pylist(records[5:]), tmp_path / "in" / "b.parquet")
    write(tmp_path / "in" / "c.jsonl", json.dumps({"id": "leer", "text": "  "}) + "\n")
    write(tmp_path / "in" / "notes.txt", "not read by Ray")
    report = extract_on_ray([str(tmp_path / "in")], str(tmp_path / "events"), geocode=False, progress=False)
    assert report.documents == 10
    assert [str(f) for f in report.failures] == [f"{tmp_path / 'in' / 'c.jsonl'}: no text (expected a non-empty 'text' field)"]
    expected = _local([Document(r["id"], r["text"], r["title"], published=r["published"]) for r in records], geocode=False)
    assert sorted(_shards(tmp_path / "events"), key=repr) == sorted(expected, key=repr)


def test_an_output_folder_with_files_is_refused(tmp_path, local_ray, documents):
    corpus = write(tmp_path / "r.jsonl", json.dumps(_records(documents[:1])[0]) + "\n")
    write(tmp_path / "events" / "old.parquet", "x")
    with pytest.raises(LagebildError, match="new or empty"):
        extract_on_ray([str(corpus)], str(tmp_path / "events"), progress=False)


def test_the_command_line_runs_on_ray(tmp_path, documents):
    corpus = write(tmp_path / "reports.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records(documents[:20])))
    result = subprocess.run([sys.executable, "-m", "lagebild", "extract", "--engine", "ray", str(corpus), "-o",
                             str(tmp_path / "events"), "--no-geocode", "--jobs", "2"],
                            capture_output=True, text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "20 documents read" in result.stderr
    assert _shards(tmp_path / "events") == _local([corpus], geocode=False)
