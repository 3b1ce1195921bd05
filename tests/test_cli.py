"""The command line as a user runs it: real files in, real files out, real exit codes."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import pytest

from .conftest import write

REPORT = """---
title: Drei Tote bei Kämpfen in Charkiw
published: 2024-05-15
outlet: Testagentur
---

Bei heftigen Gefechten zwischen russischen Truppen und der ukrainischen Armee in Charkiw sind am Dienstag drei Soldaten getötet worden.
"""


def lagebild(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lagebild", *args], input=stdin, capture_output=True, text=True, timeout=600
    )


@pytest.fixture()
def reports(tmp_path):
    write(tmp_path / "in" / "bericht.txt", REPORT)
    write(tmp_path / "in" / "leer.txt", "")
    return tmp_path / "in"


def test_extract_writes_every_format_and_reports_failures(tmp_path, reports):
    jsonl, table, geo = tmp_path / "e.jsonl", tmp_path / "e.csv", tmp_path / "e.geojson"
    result = lagebild("extract", str(reports), "-o", str(jsonl), "-o", str(table), "-o", str(geo), "--no-geocode")
    assert result.returncode == 1, result.stderr  # the empty file failed, the rest was written
    assert "leer.txt: empty input" in result.stderr
    assert "1 documents read" in result.stderr
    [event] = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert event["doc_id"] == "bericht"
    assert event["event_type"] == "Battles"
    assert event["fatalities"] == 3
    assert event["event_date"] == "2024-05-14"
    with table.open(encoding="utf-8") as handle:
        assert next(csv.reader(handle))[:3] == ["event_id_cnty", "event_date", "year"]
    assert json.loads(geo.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_extract_from_stdin_to_stdout():
    result = lagebild("extract", "-", "--no-geocode", "--published", "2024-05-15", stdin=REPORT)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["event_type"] for r in rows] == ["Battles"]


def test_format_without_output_file_picks_what_goes_to_stdout():
    result = lagebild("extract", "-", "--no-geocode", "--format", "csv", stdin=REPORT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("event_id_cnty,event_date,year")
    result = lagebild("extract", "-", "--no-geocode", "--format", "parquet", stdin=REPORT)
    assert result.returncode == 2 and "write it to a file with -o" in " ".join(re.sub("[│╭╮╰╯─]", " ", result.stderr).split())


def test_an_earlier_output_survives_a_run_whose_every_input_fails(tmp_path):
    kept = tmp_path / "events.csv"
    kept.write_text("earlier results\n", encoding="utf-8")
    (tmp_path / "kaputt.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    result = lagebild("extract", str(tmp_path / "kaputt.txt"), "-o", str(kept), "--no-geocode")
    assert result.returncode == 1 and "nothing written" in result.stderr
    assert kept.read_text(encoding="utf-8") == "earlier results\n"


def test_bad_published_option_is_a_usage_error():
    result = lagebild("extract", "-", "--published", "15.05.2024", stdin=REPORT)
    assert result.returncode == 2
    assert "YYYY" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_output_suffix_is_a_clear_error(tmp_path, reports):
    result = lagebild("extract", str(reports / "bericht.txt"), "-o", str(tmp_path / "e.xyz"), "--no-geocode")
    assert result.returncode == 2
    assert "--format" in result.stderr and "Traceback" not in result.stderr


def test_mentions_and_explain_show_their_work(reports):
    shown = lagebild("mentions", str(reports / "bericht.txt"), "--no-geocode")
    assert shown.returncode == 0, shown.stderr
    assert "Military Forces of Ukraine" in shown.stdout and "trigger" in shown.stdout
    explained = lagebild("explain", str(reports / "bericht.txt"), "--no-geocode")
    assert explained.returncode == 0, explained.stderr
    assert "fired" in explained.stdout and "Armed clash" in explained.stdout


def test_version():
    result = lagebild("--version")
    assert result.returncode == 0 and result.stdout.startswith("lagebild ")
