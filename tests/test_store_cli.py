"""The store commands as a user runs them: real reports through the whole pipeline, real
processes, real db files — including an ingest killed with SIGKILL halfway through."""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from lagebild.records import ACLED_COLUMNS
from lagebild.store.store import EventFilter, EventStore, default_path

from .conftest import write

# One attack on a checkpoint in Kharkiv on Tuesday 14 May 2024, told three times.
NORD = """---
title: Drei Tote bei Angriff auf Checkpoint in Charkiw
published: 2024-05-15
outlet: Nordkurier Test
url: https://example.org/nord/1
---

Bei einem Angriff russischer Truppen auf einen Checkpoint der ukrainischen Armee in Charkiw sind am Dienstag drei Soldaten getötet worden.
"""
SUED = """---
title: Russischer Angriff in Charkiw
published: 2024-05-16
outlet: Südblatt
url: https://example.org/sued/7
---

Russische Truppen haben am 14. Mai 2024 einen Checkpoint der ukrainischen Armee in Charkiw angegriffen und dabei drei Soldaten getötet.
"""
WEST = """---
title: Soldaten in Charkiw getötet
published: 2024-05-15
outlet: Westfunk
---

Bei Gefechten zwischen russischen Truppen und der ukrainischen Armee in Charkiw sind am Dienstag drei Soldaten ums Leben gekommen.
"""
# Another attack on the same day, 140 km away.
SUMY = """---
title: Zwei Tote bei Angriff in Sumy
published: 2024-05-15
outlet: Nordkurier Test
---

Bei einem Angriff russischer Truppen auf Stellungen der ukrainischen Armee in Sumy sind am Dienstag zwei Soldaten getötet worden.
"""


def lagebild(*args: str, timeout: int = 600, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lagebild", *args], capture_output=True, text=True, timeout=timeout,
                          **options)  # fmt: skip


def battles(db, location: str):
    with EventStore.open(db, readonly=True) as store:
        return [s for s in store.events(EventFilter(event_type="Battles")) if s.event.location == location]


@pytest.fixture()
def inbox(tmp_path):
    write(tmp_path / "tag1" / "nord.txt", NORD)
    write(tmp_path / "tag1" / "sued.txt", SUED)
    write(tmp_path / "tag1" / "sumy.txt", SUMY)
    write(tmp_path / "tag2" / "west.txt", WEST)
    return tmp_path


def test_default_path_lives_beside_the_gazetteer(lagebild_home):
    assert default_path() == lagebild_home / "lagebild.db"


def test_two_reports_of_one_attack_merge_and_the_id_stays_when_a_third_arrives(inbox):
    db = inbox / "events.db"
    result = lagebild("ingest", str(inbox / "tag1"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "3 added" in result.stderr
    [kharkiv] = battles(db, "Kharkiv")
    assert kharkiv.n_sources == 2
    assert kharkiv.event.source == "Nordkurier Test; Südblatt"
    assert kharkiv.event.event_date == "2024-05-14"
    assert kharkiv.event.fatalities == 3
    [sumy] = battles(db, "Sumy")  # same day, other town: its own event
    assert sumy.n_sources == 1

    assert lagebild("ingest", str(inbox / "tag2"), "--db", str(db), "-q").returncode == 0
    [again] = battles(db, "Kharkiv")
    assert again.n_sources == 3
    # The merged event is named after its first report in the merging pass, which depends
    # on content, not arrival: a report of the same day may take the name, the old id stays.
    with EventStore.open(db, readonly=True) as store:
        assert store.event(kharkiv.event_id).event_id == again.event_id

    shown = lagebild("show", again.event_id, "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    for needle in ("nord", "Drei Tote bei Angriff auf Checkpoint in Charkiw", "Nordkurier Test", "2024-05-15",
                   "https://example.org/nord/1", "sued", "Russischer Angriff in Charkiw", "Südblatt",
                   "am 14. Mai 2024", "am Dienstag", "why merged", "same event type Battles", "3 sources"):  # fmt: skip
        assert needle in shown.stdout, needle


def test_reingest_adds_nothing(inbox):
    db = inbox / "events.db"
    assert lagebild("ingest", str(inbox), "--db", str(db), "-q").returncode == 0
    with EventStore.open(db, readonly=True) as store:
        before = store.stats()
    result = lagebild("ingest", str(inbox), "--db", str(db))
    assert "0 added" in result.stderr and "4 unchanged" in result.stderr
    with EventStore.open(db, readonly=True) as store:
        assert store.stats() == before


def test_events_stats_and_filters(inbox):
    db = inbox / "events.db"
    lagebild("ingest", str(inbox), "--db", str(db), "-q")
    listed = lagebild("events", "--db", str(db), "--min-sources", "3", "--country", "UA")
    assert listed.returncode == 0, listed.stderr
    assert "Kharkiv" in listed.stdout and "Sumy" not in listed.stdout
    stats = lagebild("stats", "--db", str(db))
    assert "4 documents" in stats.stdout and "Ukraine" in stats.stdout and "2024-05" in stats.stdout


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "geojson", "parquet"])
def test_export_round_trips(inbox, suffix):
    db, path = inbox / "events.db", inbox / f"out.{suffix}"
    lagebild("ingest", str(inbox), "--db", str(db), "-q")
    result = lagebild("export", "--db", str(db), "-o", str(path), "--min-sources", "2")
    assert result.returncode == 0, result.stderr
    if suffix == "csv":
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert tuple(reader.fieldnames[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
            rows = list(reader)
    elif suffix == "jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    elif suffix == "geojson":
        rows = [f["properties"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]
    else:
        rows = pq.read_table(path).to_pylist()
    assert [(r["location"], str(r["n_sources"])) for r in rows if r["event_type"] == "Battles"] == [("Kharkiv", "3")]


def test_bad_filter_and_bad_store_files_are_one_line_errors(tmp_path):
    bad_date = lagebild("events", "--since", "2024-13-01", "--db", str(tmp_path / "x.db"))
    assert bad_date.returncode == 2 and "Invalid value for --since" in bad_date.stderr
    missing = lagebild("events", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == (f"error: {tmp_path / 'none.db'}: no event store there; "
                                      f"run 'lagebild ingest INPUT --db {tmp_path / 'none.db'}' first")  # fmt: skip
    write(tmp_path / "junk.db", b"\x00\x01 kein SQLite" * 200)
    junk = lagebild("stats", "--db", str(tmp_path / "junk.db"))
    assert junk.returncode == 2 and "not a lagebild event store" in junk.stderr
    assert "Traceback" not in junk.stderr and len(junk.stderr.strip().splitlines()) == 1
    newer = tmp_path / "newer.db"
    EventStore.open(newer).close()
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version = 99")
    result = lagebild("events", "--db", str(newer))
    assert result.returncode == 2 and "newer lagebild" in result.stderr and "Traceback" not in result.stderr


# -- an air strike on Saraqib (Idleb): one report names the victims, one the attacker --------

SARAKIB_A = """---
title: Tote bei Luftangriff in Sarakib
published: 2024-03-13
outlet: Blatt A
---

Bei einem Luftangriff auf einen Markt in Sarakib sind am Dienstag acht Zivilisten getötet worden.
"""
SARAKIB_B = """---
title: Markt in Sarakib bombardiert
published: 2024-03-13
outlet: Blatt B
---

Syrische Regierungstruppen haben am Dienstag einen Markt in der Stadt Sarakib bombardiert. Dabei wurden zehn Zivilisten getötet.
"""
# Another attacker on the same market the same day: never the same event as B's.
SARAKIB_C = """---
title: Russische Jets über Sarakib
published: 2024-03-13
outlet: Blatt C
---

Russische Kampfflugzeuge haben am Dienstag einen Markt in der Stadt Sarakib bombardiert. Dabei wurden zwei Zivilisten getötet.
"""


@pytest.fixture(scope="module")
def sarakib(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sarakib")
    for name, text in (("a", SARAKIB_A), ("b", SARAKIB_B), ("c", SARAKIB_C)):
        write(folder / "in" / f"{name}.txt", text)
    db = folder / "events.db"
    result = lagebild("ingest", str(folder / "in"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def test_a_victims_only_and_an_attacker_only_report_of_one_strike_merge(sarakib):
    with EventStore.open(sarakib, readonly=True) as store:
        found = store.events(EventFilter(event_type="Air/drone strike"))
    by_attacker = {s.event.actor1: s for s in found}
    assert len(found) == 2, [(s.event.actor1, s.event.actor2, s.n_sources) for s in found]
    syrian = by_attacker["Military Forces of Syria"]
    assert (syrian.n_sources, syrian.event.actor2, syrian.event.fatalities) == (2, "Civilians (Syria)", 8)
    assert syrian.event.source == "Blatt A; Blatt B"
    assert by_attacker["Military Forces of Russia"].n_sources == 1  # another attacker: its own event
    shown = lagebild("show", syrian.event_id, "--db", str(sarakib))
    # the victims' report names civilians, the attacker's report the army and (from the toll) civilians too
    assert "2 sources" in shown.stdout and re.search(r"(shared|compatible) actors", shown.stdout)


def test_unknown_type_or_country_is_a_usage_error_listing_the_valid_ones(sarakib, tmp_path):
    for command in (["events"], ["export", "-o", str(tmp_path / "out.csv")]):
        bad_type = lagebild(*command, "--db", str(sarakib), "--type", "Bogus")
        assert bad_type.returncode == 2, bad_type.stderr
        flat = " ".join(bad_type.stderr.replace("│", " ").split())
        assert "Invalid value for --type: 'Bogus' is not an ACLED event type or sub-event type" in flat
        for valid in ("Battles", "Explosions/Remote violence", "Air/drone strike", "Peaceful protest"):
            assert valid in flat, valid
        assert "Traceback" not in bad_type.stderr and bad_type.stdout == ""
        for value in ("Atlantis", "SYX"):
            bad_country = lagebild(*command, "--db", str(sarakib), "--country", value)
            assert bad_country.returncode == 2, bad_country.stderr
            flat = " ".join(bad_country.stderr.replace("│", " ").split())
            assert f"Invalid value for --country: '{value}' is not a country lagebild knows" in flat
            assert "Traceback" not in bad_country.stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("options", [["--country", "SYR"], ["--country", "sy"], ["--country", "Syrien"],
                                     ["--country", "syria"], ["--type", "air/drone strike"],
                                     ["--type", "EXPLOSIONS/REMOTE VIOLENCE"], ["--admin1", "Idlib"],
                                     ["--admin1", "idleb"]])  # fmt: skip
def test_filters_take_codes_names_and_any_spelling(sarakib, options):
    listed = lagebild("events", "--db", str(sarakib), *options)
    assert listed.returncode == 0, listed.stderr
    assert "2 events" in listed.stdout and "Saraqib" in listed.stdout
    assert listed.stderr == ""


def test_an_admin1_that_matches_nothing_is_said(sarakib, tmp_path):
    listed = lagebild("events", "--db", str(sarakib), "--admin1", "Idlap")
    assert listed.returncode == 0 and "0 events" in listed.stdout
    assert "no stored event lies in an admin1 area spelled like 'Idlap'" in listed.stderr
    assert "similar: Idleb" in listed.stderr
    exported = lagebild("export", "--db", str(sarakib), "-o", str(tmp_path / "none.csv"), "--admin1", "Nowhere")
    assert exported.returncode == 0 and "wrote 0 events" in exported.stderr
    assert "no stored event lies in an admin1 area spelled like 'Nowhere'" in exported.stderr
    exported = lagebild("export", "--db", str(sarakib), "-o", str(tmp_path / "idlib.jsonl"), "--admin1", "Idlib",
                        "--min-sources", "2")  # fmt: skip
    assert exported.returncode == 0 and "wrote 1 event to" in exported.stderr
    assert "no stored event" not in exported.stderr


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_exported_files_get_the_permissions_of_a_new_file(sarakib, tmp_path, umask, mode):
    for suffix in ("csv", "jsonl", "geojson", "parquet"):
        path = tmp_path / f"out.{suffix}"
        result = lagebild("export", "--db", str(sarakib), "-o", str(path), umask=umask)
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(path.stat().st_mode) == mode, suffix
    path.chmod(0o600)  # a file that is replaced keeps its own permissions
    assert lagebild("export", "--db", str(sarakib), "-o", str(path), umask=umask).returncode == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# -- one strike on the station of Zaporizhzhia on Monday 4 March 2024, told three ways -----
# (one outlet: "Raketenangriff", the attacker, "am Montag"; another, a day earlier: "Luftangriff",
# no attacker, no day; a follow-up three weeks later with the date and a new toll), and a
# near miss: another strike on the town two days later.

STATION_A = """---
title: Raketenangriff auf Bahnhof von Saporischschja
published: 2024-03-05
outlet: Morgenblatt
---

Bei einem russischen Raketenangriff auf den Bahnhof von Saporischschja sind am Montag mindestens 14 Menschen getötet worden.
"""
STATION_B = """---
title: Tote nach Luftangriff in Saporischschja
published: 2024-03-04
outlet: Abendpost
---

Nach einem Luftangriff auf den Bahnhof in Saporischschja ist die Zahl der Toten auf 19 gestiegen, teilten die Behörden mit.
"""
STATION_FOLLOW_UP = """---
title: Saporischschja trauert um die Opfer
published: 2024-03-27
outlet: Wochenschau
---

Bei dem russischen Raketenangriff auf den Bahnhof von Saporischschja am 4. März sind nach neuen Angaben der Behörden 23 Menschen getötet worden. Drei Wochen danach trauert die Stadt um die Opfer.
"""
TWO_DAYS_LATER = """---
title: Erneut Raketenangriff auf Saporischschja
published: 2024-03-07
outlet: Morgenblatt
---

Bei einem russischen Raketenangriff auf ein Wohnhaus in Saporischschja sind am Mittwoch zwei Menschen getötet worden.
"""


def test_three_outlets_wordings_of_one_strike_merge_in_any_order_and_a_near_miss_stays_apart(tmp_path):
    reports = {"a": STATION_A, "b": STATION_B, "c": STATION_FOLLOW_UP, "d": TWO_DAYS_LATER}
    for name, text in reports.items():
        write(tmp_path / "in" / f"{name}.txt", text)
    forward, backward = tmp_path / "forward.db", tmp_path / "backward.db"
    assert lagebild("ingest", *(str(tmp_path / "in" / f"{n}.txt") for n in "abcd"), "--db", str(forward),
                    "-q").returncode == 0  # fmt: skip
    for name in "dcba":  # one report after another, the other way round
        assert lagebild("ingest", str(tmp_path / "in" / f"{name}.txt"), "--db", str(backward), "-q").returncode == 0
    assert store_content(forward)[1] == store_content(backward)[1]
    with EventStore.open(forward, readonly=True) as store:
        found = {tuple(sorted(r.doc_id for r in store.reports(s.event_id))): s for s in store.events(EventFilter())}
    assert sorted(found) == [("a", "b", "c"), ("d",)]
    strike = found[("a", "b", "c")]
    assert (strike.event.event_type, strike.event.sub_event_type) == ("Explosions/Remote violence",
                                                                       "Shelling/artillery/missile attack")  # fmt: skip
    assert (strike.event.event_date, strike.event.fatalities, strike.event.fatalities_low) == ("2024-03-04", 23, 14)
    assert strike.event.source == "Abendpost; Morgenblatt; Wochenschau"
    shown = lagebild("show", strike.event_id, "--db", str(forward))
    for needle in ("why merged", "same facility hit: station", "compatible sub-types", "3 sources",
                   "fatalities: 23, the figure of the latest report (c)"):  # fmt: skip
        assert needle in " ".join(shown.stdout.split()), needle


# -- an ingest killed halfway -------------------------------------------------------------

TOWNS = ["Charkiw", "Sumy", "Cherson", "Saporischschja", "Dnipro", "Odessa", "Mykolajiw", "Poltawa"]
OUTLETS = ["Nordkurier Test", "Südblatt", "Westfunk", "Ostpost"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni"]


def generated_reports(folder, count: int) -> None:
    """Many small reports: each battle (town, day) is told by up to four outlets."""
    for i in range(count):
        town, day = TOWNS[i % len(TOWNS)], 1 + (i // len(TOWNS)) % 28
        month = MONTHS[(i // (len(TOWNS) * 28)) % len(MONTHS)]
        outlet = OUTLETS[(i // (len(TOWNS) * 28 * len(MONTHS))) % len(OUTLETS)]
        dead = 2 + i % 5
        write(folder / f"m{i:05d}.txt", f"""---
title: Meldung {i}: Gefechte in {town}
published: 2024-{MONTHS.index(month) + 1:02d}-{day:02d}
outlet: {outlet}
---

Bei Gefechten zwischen russischen Truppen und der ukrainischen Armee in {town} sind am {day}. {month} 2024 {dead} Soldaten getötet worden.
""")


def store_content(db):
    with EventStore.open(db, readonly=True) as store:
        stats = store.stats()
        events = sorted((s.event_id, s.n_sources, s.event.fatalities) for s in store.events(EventFilter()))
    return stats, events


def test_ingest_killed_midway_completes_on_rerun_to_the_same_store(tmp_path):
    folder, total = tmp_path / "reports", 2400
    generated_reports(folder, total)
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    assert lagebild("ingest", str(folder), "--db", str(clean), "-q").returncode == 0
    expected = store_content(clean)
    assert expected[0]["documents"] == total and max(expected[0]["sources_per_event"]) > 1

    process = subprocess.Popen([sys.executable, "-m", "lagebild", "ingest", str(folder), "--db", str(killed), "-q"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    stored, deadline = 0, time.monotonic() + 300
    try:
        while stored < total // 10 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            try:
                with sqlite3.connect(f"file:{killed}?mode=ro", uri=True, timeout=5) as db:
                    stored = db.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                stored = 0  # not created yet
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    assert 0 < stored < total, "the ingest was not caught halfway"
    with sqlite3.connect(killed) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = db.execute("SELECT count(*) FROM documents").fetchone()[0]
        orphans = db.execute("SELECT count(*) FROM members WHERE doc_key NOT IN (SELECT doc_key FROM documents)")
        assert orphans.fetchone()[0] == 0
    assert partial < total

    rerun = lagebild("ingest", str(folder), "--db", str(killed))
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} unchanged" in rerun.stderr
    assert store_content(killed) == expected


def _store_content(db) -> tuple:
    """What a store holds, but the time each event was written (ACLED's timestamp)."""
    with sqlite3.connect(db) as connection:
        members = connection.execute("SELECT seq, member_id, doc_key, cluster_id, family, day_start, day_end, event "
                                     "FROM members ORDER BY seq").fetchall()  # fmt: skip
        documents = connection.execute("SELECT rowid, doc_key, doc_id, full_text, n_events FROM documents ORDER BY rowid").fetchall()
        aliases = connection.execute("SELECT * FROM aliases ORDER BY old_id").fetchall()
    with EventStore.open(db, readonly=True) as store:
        events = [(s.event_id, s.n_sources, s.merge_reasons, {**s.event.to_dict(), "timestamp": 0})
                  for s in store.events(EventFilter())]  # fmt: skip
    return members, documents, aliases, events


def test_ingest_on_two_workers_stores_what_one_process_stores(tmp_path):
    # Enough reports for the workers to start (the first ones are extracted in the parent),
    # several of each attack, so that reports merge across the workers' batches.
    towns = ["Charkiw", "Sumy", "Cherson", "Saporischschja", "Dnipro", "Odessa"]
    lines = []
    for day, weekday in ((14, "Dienstag"), (15, "Mittwoch"), (16, "Donnerstag"), (17, "Freitag")):
        for n, town in enumerate(towns, start=2):
            told = [f"Bei einem Angriff russischer Truppen auf einen Checkpoint der ukrainischen Armee in {town} sind "
                    f"am {weekday} {n} Soldaten getötet worden.",
                    f"Russische Truppen haben am {day}. Mai 2024 einen Checkpoint der ukrainischen Armee in {town} "
                    f"angegriffen und dabei {n} Soldaten getötet."]  # fmt: skip
            for version, text in enumerate(told):
                lines.append(json.dumps({"id": f"{town}-{day}-{version}", "text": text, "title": f"Angriff in {town}",
                                         "published": f"2024-05-{day + 1}"}, ensure_ascii=False))  # fmt: skip
    reports = tmp_path / "reports.jsonl"
    reports.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stores = []
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.db"
        result = lagebild("ingest", str(reports), "--db", str(db), "--jobs", jobs)
        assert result.returncode == 0, result.stderr
        assert "48 documents: 48 added" in result.stderr
        stores.append(_store_content(db))
    assert stores[0] == stores[1]
    members, _, _, events = stores[0]
    assert len(members) == 48 and any(n_sources > 1 for _, n_sources, _, _ in events)


def test_ingest_refuses_zero_jobs_in_one_line(tmp_path):
    result = lagebild("ingest", str(tmp_path), "--db", str(tmp_path / "events.db"), "--jobs", "0")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "--jobs" in result.stderr
