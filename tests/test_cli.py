"""The command line as a user runs it: real files in, real files out, real exit codes."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lagebild.cli import app

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
    assert "1 document read" in result.stderr
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


# -- hardening (issue 16): no traceback, no lost input, all outputs or none ------------------

ALEPPO = "Bei einem Luftangriff der syrischen Luftwaffe auf Aleppo sind am Donnerstag zwölf Zivilisten getötet worden."
BERLIN = "Rund 2000 Menschen haben am Samstag in Berlin friedlich gegen den Krieg demonstriert."
FILLER = "Die Lage in der Region bleibt nach Angaben von Beobachtern weiterhin angespannt. "
runner = CliRunner()


def invoke(*args: str):
    """The command in this process (fast; monkeypatches apply); stdout and stderr apart."""
    return runner.invoke(app, list(args))


def plain(text: str) -> str:
    return " ".join(re.sub("[│╭╮╰╯─]", " ", text).split())


def jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_csv_field_over_128_kib_and_one_over_10_mib(tmp_path):
    table = tmp_path / "berichte.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        rows = csv.writer(handle)
        rows.writerow(["id", "published", "text"])
        rows.writerow(["lang", "2024-05-15", REPORT.split("---\n")[-1] + FILLER * 2000])  # ~170 KiB
        rows.writerow(["riesig", "2024-05-15", "x" * (11 * 2**20)])
        rows.writerow(["aleppo", "2024-05-17", ALEPPO])
    out = tmp_path / "e.jsonl"
    result = lagebild("extract", str(table), "-o", str(out), "--no-geocode")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{table}:3: " in result.stderr and "over 10 MiB" in result.stderr
    assert [e["doc_id"] for e in jsonl(out)] == ["lang", "aleppo"]


def test_unreadable_files_and_folders_are_reported_and_counted(tmp_path, monkeypatch):
    write(tmp_path / "in" / "bericht.txt", REPORT)
    write(tmp_path / "in" / "gesperrt" / "b.txt", REPORT)
    scandir = os.scandir

    def fake_scandir(path="."):
        if Path(path).name == "gesperrt":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    result = invoke("extract", str(tmp_path / "in"), "--no-geocode", "-q")
    assert result.exit_code == 1
    assert f"{tmp_path / 'in' / 'gesperrt'}: cannot read folder: Permission denied" in plain(result.stderr)
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["bericht"]


@pytest.mark.parametrize(
    "target, message",
    [
        ("fehlt/e.jsonl", "the folder {tmp}/fehlt does not exist"),
        ("ordner.jsonl", "{tmp}/ordner.jsonl: is a folder"),
        ("datei.txt/e.jsonl", "is not a folder"),
    ],
)
def test_an_output_that_cannot_be_written_is_a_one_line_error(tmp_path, reports, target, message):
    (tmp_path / "ordner.jsonl").mkdir()
    (tmp_path / "datei.txt").write_text("x", encoding="utf-8")
    result = lagebild("extract", str(reports / "bericht.txt"), "-o", str(tmp_path / target), "--no-geocode")
    assert result.returncode == 2
    assert message.format(tmp=tmp_path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "fehlt").exists()  # the folder is not made behind the user's back


def test_with_two_outputs_where_the_second_fails_nothing_is_written(tmp_path, reports):
    first = tmp_path / "e.csv"
    first.write_text("earlier results\n", encoding="utf-8")
    result = lagebild("extract", str(reports), "-o", str(first), "-o", str(tmp_path / "fehlt" / "e.jsonl"), "--no-geocode")
    assert result.returncode == 2 and "fehlt" in result.stderr and "Traceback" not in result.stderr
    assert first.read_text(encoding="utf-8") == "earlier results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.csv", "in"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full, a disk that is always full")
def test_an_output_failing_while_written_leaves_every_output_as_it_was(tmp_path, reports):
    first = tmp_path / "e.jsonl"
    first.write_text("earlier results\n", encoding="utf-8")
    result = lagebild("extract", str(reports), "-o", str(first), "-o", "/dev/full", "--format", "jsonl", "--no-geocode")
    assert result.returncode == 2, result.stderr
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert first.read_text(encoding="utf-8") == "earlier results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.jsonl", "in"]  # no temporary file left


@pytest.fixture()
def read_only_folder(tmp_path):
    """A folder to fill, then ``seal()`` read-only. Root writes whatever the modes say, so
    for root a tmpfs is mounted there and remounted read-only (skipped where not allowed)."""
    folder = tmp_path / "nur-lesen"
    folder.mkdir()
    mounted = False
    if os.geteuid() == 0:
        mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True)
        if mount.returncode != 0:
            pytest.skip("running as root and no tmpfs may be mounted: no read-only folder to test with")
        mounted = True

    def seal() -> Path:
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        else:
            for path in [*folder.iterdir(), folder]:
                path.chmod(0o555 if path.is_dir() else 0o444)
        return folder

    yield folder, seal
    if mounted:
        subprocess.run(["umount", str(folder)], check=False)
    else:
        folder.chmod(0o755)


def test_an_output_into_a_read_only_folder_is_a_one_line_error(read_only_folder, reports):
    folder, seal = read_only_folder
    seal()
    result = lagebild("extract", str(reports / "bericht.txt"), "-o", str(folder / "e.jsonl"), "--no-geocode")
    assert result.returncode == 2
    assert "cannot write into the folder" in result.stderr and "Traceback" not in result.stderr


def test_a_read_only_store_is_called_read_only(read_only_folder, tmp_path):
    folder, seal = read_only_folder
    report = write(tmp_path / "bericht.txt", REPORT)
    assert lagebild("ingest", str(report), "--db", str(folder / "s.db"), "--no-geocode", "-q").returncode == 0
    seal()
    for command in (["events"], ["ingest", str(report), "--no-geocode", "-q"]):
        result = lagebild(*command, "--db", str(folder / "s.db"))
        assert result.returncode == 2, result.stderr
        assert "read-only" in result.stderr and "not a lagebild event store" not in result.stderr


@pytest.mark.parametrize(
    "args, option",
    [
        (["events", "--limit", str(2**63)], "--limit"),
        (["events", "--min-sources", str(2**63)], "--min-sources"),
        (["events", "--limit", "-1"], "--limit"),
        (["export", "-o", "e.csv", "--min-sources", str(2**70)], "--min-sources"),
        (["export", "-o", "e.csv", "--limit", str(2**63)], "--limit"),
        (["serve", "--port", "70000"], "--port"),
    ],
)
def test_integer_options_out_of_range_are_usage_errors(tmp_path, args, option):
    result = lagebild(*args, "--db", str(tmp_path / "s.db"))
    assert result.returncode == 2
    assert f"Invalid value for '{option}'" in plain(result.stderr) and "Traceback" not in result.stderr


def test_the_largest_limit_is_allowed(tmp_path):
    db = tmp_path / "s.db"
    assert lagebild("ingest", str(write(tmp_path / "b.txt", REPORT)), "--db", str(db), "--no-geocode", "-q").returncode == 0
    result = lagebild("events", "--db", str(db), "--limit", str(2**63 - 1), "--min-sources", str(2**63 - 1))
    assert result.returncode == 0 and "0 events" in result.stdout


def test_extract_streams_each_documents_events_to_stdout(tmp_path):
    """The first report's events arrive while the second is not even written yet."""
    process = subprocess.Popen(
        [sys.executable, "-m", "lagebild", "extract", "-", "--no-geocode", "-q"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        process.stdin.write(json.dumps({"id": "eins", "text": ALEPPO, "published": "2024-05-17"}) + "\n")
        process.stdin.flush()
        first = json.loads(process.stdout.readline())  # blocks until the event is written
        assert first["doc_id"] == "eins"
        process.stdin.write(json.dumps({"id": "zwei", "text": BERLIN, "published": "2024-05-18"}) + "\n")
        process.stdin.close()
        rest = [json.loads(line) for line in process.stdout.read().splitlines()]
        assert [e["doc_id"] for e in rest] == ["zwei"]
        assert process.wait(timeout=600) == 0
    finally:
        process.kill()


def test_a_broken_pipe_is_no_traceback(reports):
    shell = f"{sys.executable} -m lagebild extract {reports} {reports} --no-geocode -q | head -c 10"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stderr and "Broken pipe" not in result.stderr


# Inputs for the property below: good ones (each yields events), bad ones (each fails).
GOOD = {
    "charkiw.txt": REPORT,
    "aleppo.md": f"---\npublished: 2024-05-17\n---\n{ALEPPO}\n",
    "berlin.jsonl": json.dumps({"id": "berlin", "text": BERLIN, "published": "2024-05-18"}) + "\n",
    "aleppo.csv": f'id,published,text\naleppo-csv,2024-05-17,"{ALEPPO}"\n',
    "utf16.txt": ("\ufeff" + REPORT).encode("utf-16-le"),
}
BAD = {
    "leer.txt": "",
    "bild.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "latin.txt": "Angriff auf Dörfer".encode("latin-1"),
    "kaputt.jsonl": "{kaputt\n",
    "spalten.csv": "id,titel\n1,x\n",
    "spaet.txt": (FILLER * 200).encode() + b"\x00",
    "riesig.csv": "id,text\nr," + "x" * (11 * 2**20) + "\n",
    "fehlt.txt": None,  # no such file
}


@pytest.fixture(scope="module")
def pool(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pool")
    for name, content in {**GOOD, **BAD}.items():
        if content is not None:
            write(folder / name, content)
    return folder


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(GOOD) + sorted(BAD)), min_size=1, max_size=6))
def test_any_mix_of_good_and_bad_inputs_yields_the_good_ones_events(pool, names):
    """Exactly the events the good inputs give alone, in order, and exit 1 when any was bad."""
    expected = []
    for name in names:
        if name in GOOD:
            alone = invoke("extract", str(pool / name), "--no-geocode", "-q")
            assert alone.exit_code == 0 and alone.stdout
            expected.extend(alone.stdout.splitlines())
    mixed = invoke("extract", *(str(pool / n) for n in names), "--no-geocode", "-q")
    assert mixed.exit_code == (1 if any(n in BAD for n in names) else 0)
    assert mixed.stdout.splitlines() == expected
    assert all(line.startswith("failed: ") for line in mixed.stderr.splitlines() if "nothing written" not in line)


# -- scripting (issue 15): JSON lines, ids of piped reports, help, completion, plurals ---------


def test_scripts_read_events_stats_and_show_as_json_lines(tmp_path):
    db = tmp_path / "events.db"
    for text, doc_id in ((ALEPPO, None), (REPORT, "charkiw")):
        args = ["ingest", "-", "--db", str(db), "--published", "2024-05-17", "-q"] + (["--id", doc_id] if doc_id else [])
        assert lagebild(*args, stdin=text).returncode == 0
    listed = subprocess.run(
        f"{sys.executable} -m lagebild events --json --db {db} | "
        f"{sys.executable} -c 'import json, sys; print(sorted(json.loads(l)[\"doc_id\"] for l in sys.stdin))'",
        shell=True, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    doc_ids = eval(listed.stdout)  # noqa: S307 - the list printed just above
    assert doc_ids[0] == "charkiw" and doc_ids[1].startswith("stdin-")  # a piped report is known by its text's hash
    rows = [json.loads(line) for line in lagebild("events", "--json", "--db", str(db)).stdout.splitlines()]
    assert {"event_id", "n_sources", "merge_reasons", "event_type", "iso"} <= rows[0].keys()
    [stats] = [json.loads(line) for line in lagebild("stats", "--json", "--db", str(db)).stdout.splitlines()]
    assert stats["documents"] == 2 and stats["events"] == len(rows)
    [shown] = [json.loads(line) for line in lagebild("show", rows[0]["event_id"], "--json", "--db", str(db)).stdout.splitlines()]
    assert shown["event_id"] == rows[0]["event_id"] and shown["reports"][0]["evidence"]["sentence"]["text"]
    assert "2 documents, 2 event reports, 2 events" in lagebild("stats", "--db", str(db)).stdout


def test_a_second_piped_report_does_not_replace_the_first(tmp_path):
    db = tmp_path / "events.db"
    for text in (ALEPPO, REPORT):
        assert lagebild("ingest", "-", "--db", str(db), "--published", "2024-05-17", "-q", stdin=text).returncode == 0
    assert json.loads(lagebild("stats", "--json", "--db", str(db)).stdout)["documents"] == 2
    misplaced = lagebild("extract", str(tmp_path), "--id", "x")
    assert misplaced.returncode == 2 and "stdin" in misplaced.stderr
    one = lagebild("extract", "-", "--no-geocode", "-q", "-o", str(tmp_path / "e.csv"), stdin=REPORT)
    assert one.returncode == 0


def test_help_screens_show_values_not_python_types():
    for args in (["extract", "--help"], ["events", "--help"], ["gazetteer", "import", "--help"], ["--help"]):
        shown = lagebild(*args).stdout
        assert "<bool>" not in shown and "<list[" not in shown and "<str>" not in shown, args
    assert "INPUT..." in lagebild("extract", "--help").stdout and "--limit" in lagebild("events", "--help").stdout


def test_shell_completion_and_version_with_the_notice():
    completion = subprocess.run([sys.executable, "-m", "lagebild"], capture_output=True, text=True, timeout=600,
                                env={**os.environ, "_LAGEBILD_COMPLETE": "complete_bash", "COMP_WORDS": "lagebild ex",
                                     "COMP_CWORD": "1"})  # fmt: skip
    assert {"extract", "explain", "export"} <= set(completion.stdout.split())
    assert "--install-completion" in lagebild("--help").stdout
    verbose = lagebild("--version", "--verbose")
    assert verbose.returncode == 0 and verbose.stdout.startswith("lagebild ")
    assert "GeoNames" in verbose.stdout and "CC BY 4.0" in verbose.stdout and "Natural Earth" in verbose.stdout


def test_the_server_extra_is_named_in_full():
    from lagebild import cli

    assert "lagebild[server]" in cli.escape(repr("lagebild[server]")).replace("\\", "")
