"""Merging in the store, through its public API on real SQLite files: arrival order, reports
that join or split an event, replaced reports, duplicate and old event ids, old stores."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.records import Document, Event, Span
from lagebild.store import dedup, merging
from lagebild.store.schema import MIGRATIONS
from lagebild.store.store import EventFilter, EventStore

from .test_dedup import KHARKIV, SUMY, report

BELARUS = "Military Forces of Belarus"


def event(doc: str, n: int = 1, **changes) -> Event:
    """A strike on Sumy on Sunday 13 April 2025 as document ``doc`` tells it (see test_dedup)."""
    return report(doc, **{"event_id_cnty": f"UKR{doc}{n}", **changes}).event


def document(doc_id: str, published: str = "2025-04-14", text: str = "") -> Document:
    return Document(doc_id, text or f"Meldung {doc_id} über Sumy.", title=f"Meldung {doc_id}", outlet=f"Blatt {doc_id}",
                    published=published)  # fmt: skip


def content(store: EventStore) -> list[tuple]:
    """Every merged event with its reports, in a form that compares across stores."""
    found = []
    for stored in store.events(EventFilter()):
        reports = sorted(r.event.event_id_cnty for r in store.reports(stored.event_id))
        event = {**stored.event.to_dict(), "timestamp": 0}  # when it was stored: the clock, not the content
        found.append((stored.event_id, stored.n_sources, json.dumps(event, sort_keys=True),
                      tuple(stored.merge_reasons), tuple(reports)))  # fmt: skip
    return sorted(found)


def ingest(path: Path, documents: list[Document], table: dict[str, list[Event]]) -> list[tuple]:
    with EventStore.open(path) as store:
        for d in documents:  # one ingest per report, as reports arrive day by day
            store.ingest([d], None, extract=lambda doc: table.get(doc.id, []))
        return content(store)


# Four reports of one Sunday in Sumy: the victims only, Russia, Belarus (another attacker),
# and a later report with Belarus's toll and the church. The victims' report agrees with
# both attackers; which event it joins depends on who else told it, not on arrival.
TABLE = {
    "a": [event("a", actor1=None, fatalities=12, sentence="Luftangriff auf eine Kirche in Sumy")],
    "b": [event("b", fatalities=30)],
    "c": [event("c", actor1=BELARUS, fatalities=13, sentence="Angriff auf eine Kirche in Sumy")],
    "d": [event("d", actor1=BELARUS, fatalities=12, sentence="Raketen auf eine Kirche in Sumy", date="am 13. April")],
    "e": [event("e", place=KHARKIV)],
}
DOCS = [document(d, published="2025-04-15" if d == "d" else "2025-04-14") for d in TABLE]


def test_two_orders_of_arrival_give_the_same_events(tmp_path):
    forward = ingest(tmp_path / "forward.db", DOCS, TABLE)
    backward = ingest(tmp_path / "backward.db", DOCS[::-1], TABLE)
    assert forward == backward
    groups = sorted(r for *_, r in forward)
    assert groups == [("UKRa1", "UKRc1", "UKRd1"), ("UKRb1",), ("UKRe1",)]


def test_a_new_report_can_join_an_event_and_split_one(tmp_path):
    with EventStore.open(tmp_path / "events.db") as store:
        extract = lambda doc: TABLE[doc.id]  # noqa: E731
        store.ingest([DOCS[0], DOCS[1]], None, extract=extract)
        [joined] = store.events(EventFilter())
        assert joined.n_sources == 2 and store.event("UKRb1").event_id == joined.event_id
        # Belarus's reports agree more with the victims' report: it leaves Russia's event.
        store.ingest([DOCS[2], DOCS[3]], None, extract=extract)
        by_reports = {tuple(sorted(r.doc_id for r in store.reports(s.event_id))): s for s in store.events(EventFilter())}
        assert sorted(by_reports) == [("a", "c", "d"), ("b",)]
        assert by_reports[("b",)].event.actor1 == "Military Forces of Russia"
        assert "same facility hit: church" in by_reports[("a", "c", "d")].merge_reasons[0]
        assert by_reports[("a", "c", "d")].event.fatalities == 12  # the latest report's figure


def test_a_replaced_report_moves_its_event_and_the_old_id_still_finds_it(tmp_path):
    table = {"a": TABLE["a"], "b": TABLE["b"]}
    with EventStore.open(tmp_path / "events.db") as store:
        store.ingest(DOCS[:2], None, extract=lambda doc: table[doc.id])
        [merged] = store.events(EventFilter())
        first = merged.event_id
        # The first report is corrected: the strike was on Kharkiv.
        table["a"] = [event("a", place=KHARKIV, event_id_cnty="UKRa1")]
        report_ = store.ingest([document("a", text="Korrektur: Charkiw.")], None, extract=lambda doc: table[doc.id])
        assert report_.replaced == 1
        assert sorted((s.event.location, s.n_sources) for s in store.events(EventFilter())) == [("Kharkiv", 1), ("Sumy", 1)]
        assert store.event(first) is not None
    fresh = ingest(tmp_path / "fresh.db", [document("a", text="Korrektur: Charkiw."), DOCS[1]], table)
    with EventStore.open(tmp_path / "events.db") as store:
        assert content(store) == fresh


@st.composite
def arrivals(draw):
    """Some reports (each telling one or two strikes) in two orders, and a correction."""
    table: dict[str, list[Event]] = {}
    for doc in draw(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=7, unique=True)):
        table[doc] = [event(doc, n, actor1=draw(st.sampled_from(["Military Forces of Russia", BELARUS, None])),
                            fatalities=draw(st.sampled_from([None, 3, 12, 30])),
                            date=draw(st.sampled_from(["am Sonntag", "am 13. April", "am Montag", None])),
                            **({"event_date": "2025-04-14"} if draw(st.booleans()) else {}),
                            place=draw(st.sampled_from([KHARKIV, SUMY])))
                      for n in range(1, draw(st.integers(1, 2)) + 1)]  # fmt: skip
    docs = [document(d, published=draw(st.sampled_from(["2025-04-14", "2025-04-15"]))) for d in table]
    return table, docs, draw(st.permutations(docs)), draw(st.sampled_from(docs))


@settings(max_examples=40, deadline=None)
@given(arrivals())
def test_any_order_of_arrival_and_a_correction_give_what_a_fresh_store_gives(case):
    table, docs, shuffled, corrected = case
    with tempfile.TemporaryDirectory() as folder:
        assert ingest(Path(folder) / "one.db", docs, table) == ingest(Path(folder) / "two.db", shuffled, table)
        changed = {**table, corrected.id: [replace(e, fatalities=99, sub_event_type="Air/drone strike")
                                          for e in table[corrected.id]]}  # fmt: skip
        new_version = replace(corrected, text=corrected.text + " Korrektur.")
        with EventStore.open(Path(folder) / "one.db") as store:
            store.ingest([new_version], None, extract=lambda doc: changed[doc.id])
            updated = content(store)
        final = [new_version if d.id == corrected.id else d for d in docs]
        assert updated == ingest(Path(folder) / "fresh.db", final[::-1], changed)


def test_an_event_id_another_report_has_is_skipped_and_reported_not_wedging_the_store(tmp_path, caplog):
    path = tmp_path / "events.db"
    twin = event("b", event_id_cnty="UKRa1")  # a constructed collision: b's event has a's id
    table = {"a": [event("a")], "b": [twin, event("b", 2, place=KHARKIV)]}
    with EventStore.open(path) as store:
        store.ingest([DOCS[0]], None, extract=lambda doc: table[doc.id])
        result = store.ingest([DOCS[1]], None, extract=lambda doc: table[doc.id])
        assert (result.added, result.events, len(result.skipped)) == (1, 1, 1)
        assert "b: event UKRa1 skipped, the stored report a has an event with that id" in result.skipped[0]
        assert "1 skipped (an event id another report has)" in str(result)
        assert "UKRa1 skipped" in caplog.text
        again = store.ingest(DOCS[:2], None, extract=lambda doc: table[doc.id])  # a re-run is not stuck
        assert again.unchanged == 2
        assert sorted(s.event_id for s in store.events(EventFilter())) == ["UKRa1", "UKRb2"]


def test_ids_of_the_old_extractor_and_of_a_reports_event_find_the_merged_event(tmp_path):
    long_id = "UKR0123456789abcdef"  # 16 hex digits; the old extractor wrote its first 10
    table = {"a": [event("a", event_id_cnty=long_id)], "b": [event("b")]}
    with EventStore.open(tmp_path / "events.db") as store:
        store.ingest(DOCS[:2], None, extract=lambda doc: table[doc.id])
        [merged] = store.events(EventFilter())
        assert store.event("UKR0123456789").event_id == merged.event_id
        assert store.event("UKRb1").event_id == merged.event_id
        assert store.event("UKR0123456788") is None
        assert len(store.reports("UKR0123456789")) == 2


def test_a_store_merged_by_older_rules_is_merged_again_by_the_next_ingest(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:  # a store of schema 2 holding two unmerged reports of one strike
        db.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1] + "; PRAGMA application_id = 1279738436; "
                         "PRAGMA user_version = 2;")  # fmt: skip
        for seq, d in enumerate(DOCS[:2], start=1):
            e = TABLE[d.id][0]
            db.execute("INSERT INTO documents VALUES (?, ?, ?, NULL, ?, ?, 'de', NULL, ?, 1, '2025-04-14')",
                       [f"key-{d.id}", d.id, d.title, d.outlet, d.published, d.full_text])  # fmt: skip
            db.execute("INSERT INTO members VALUES (?, ?, ?, ?, 'UA', 0, 0, 0, ?, ?)",
                       [seq, e.event_id_cnty, f"key-{d.id}", e.event_type, e.event_id_cnty, json.dumps(e.to_dict())])
            db.execute("INSERT INTO events VALUES (?, ?, ?, ?, 'Ukraine', 'UA', 'Sumy', '', 1, ?, '[]')",
                       [e.event_id_cnty, e.event_date, e.event_type, e.sub_event_type, json.dumps(e.to_dict())])
    with EventStore.open(path) as store:
        assert len(store.events(EventFilter())) == 2  # readable as it was
        result = store.ingest([DOCS[4]], None, extract=lambda doc: TABLE[doc.id])
        assert result.remerged == 2
        assert sorted(s.n_sources for s in store.events(EventFilter())) == [1, 2]
        assert store.event("UKRb1").n_sources == 2  # the id of the absorbed event still finds it
    fresh = ingest(tmp_path / "fresh.db", [DOCS[0], DOCS[1], DOCS[4]], TABLE)
    with EventStore.open(path) as store:
        assert content(store) == fresh


def test_stored_events_read_back_as_they_were_written(tmp_path):
    told = event("a", fatalities_by_side={"Civilians (Ukraine)": 12})
    with EventStore.open(tmp_path / "events.db") as store:
        store.ingest([DOCS[0]], None, extract=lambda doc: [told])
        [stored] = store.events(EventFilter())
        assert replace(stored.event, timestamp=0) == told  # the store stamps when it stored the event
        assert stored.event.timestamp > 0
        assert store.reports(stored.event_id)[0].event == told


def test_the_store_modules_keep_a_small_public_surface():
    from lagebild.store import blocks, codec, dedup, merging, pairs, reconcile

    assert set(dedup.__all__) == {"MAX_WINDOW_DAYS", "Cluster", "Decisions", "MemorySource", "Member", "Replayed",
                                  "Source", "cluster", "order_key", "replay"}  # fmt: skip
    assert set(reconcile.__all__) == {"SUBTYPE_PRECEDENCE", "TYPE_PRECEDENCE", "canonical"}
    assert set(merging.__all__) == {"MERGE_RULES", "MemberCache", "Prepared", "Touched", "ensure_rules", "event_json",
                                    "insert_members", "merge", "prepare", "remove_document", "write_merged"}  # fmt: skip
    assert set(blocks.__all__) == {"Block", "Merged", "Told", "block_of", "merge_block", "segment_of", "segment_starts"}
    assert set(codec.__all__) == {"is_delta", "pack", "pack_delta", "pack_reasons", "unpack", "unpack_delta",
                                  "unpack_reasons"}  # fmt: skip
    assert {"MERGE_SCORE", "Profile", "PairDecision", "decide", "profile", "date_window", "family"} <= set(pairs.__all__)


def test_a_store_of_schema_3_keeps_its_json_rows_readable_and_works_on(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:  # schema 3, as lagebild wrote it before events were packed
        db.executescript(";".join(MIGRATIONS[:3]) + "; PRAGMA application_id = 1279738436; PRAGMA user_version = 3;")
        db.execute("INSERT INTO settings VALUES ('merge_rules', 'evidence-2')")
        for seq, d in enumerate(DOCS[:2], start=1):
            e = TABLE[d.id][0]
            key = f"{seq:064x}"  # a content hash, as the old version stored it
            db.execute("INSERT INTO documents VALUES (?, ?, ?, NULL, ?, ?, 'de', NULL, ?, 1, '2025-04-14')",
                       [key, d.id, d.title, d.outlet, d.published, d.full_text])  # fmt: skip
            db.execute("INSERT INTO members VALUES (?, ?, ?, ?, 'UA', 739354, 739355, 739355, ?, ?, 'political violence')",
                       [seq, e.event_id_cnty, key, e.event_type, e.event_id_cnty, json.dumps(e.to_dict())])
            db.execute("INSERT INTO events VALUES (?, ?, ?, ?, 'Ukraine', 'UA', 'Sumy', '', 1, ?, '[]')",
                       [e.event_id_cnty, e.event_date, e.event_type, e.sub_event_type,
                        json.dumps(e.to_dict())])  # fmt: skip
    with EventStore.open(path) as store:
        assert store.stats()["schema_version"] == len(MIGRATIONS)
        assert sorted(s.event.fatalities for s in store.events(EventFilter())) == [12, 30]  # the JSON rows, as they were
        assert store.reports("UKRa1")[0].event == TABLE["a"][0]
        # A new report, and a correction of an old one: packed rows beside the JSON ones.
        corrected = {**TABLE, "a": [event("a", place=KHARKIV)]}
        store.ingest([DOCS[2], document("a", text="Korrektur: Charkiw.")], None, extract=lambda doc: corrected[doc.id])
        assert store.stats()["documents"] == 3
        mixed = content(store)
    fresh = ingest(tmp_path / "fresh.db", [DOCS[1], DOCS[2], document("a", text="Korrektur: Charkiw.")], corrected)
    assert mixed == fresh


def test_events_read_back_exactly_whatever_fields_they_carry(tmp_path):
    # Spans whose text is not the document's slice, a toll by side, odd defaults: all as written.
    told = [event("a", fatalities_by_side={"Civilians (Ukraine)": 12}, certainty="claimed", tags="crowd size=dozens"),
            replace(event("a", 2, place=KHARKIV), event_id_cnty="", notes="", salience="context")]  # fmt: skip
    told[0] = replace(told[0], evidence=replace(told[0].evidence, location=Span(0, 4, "Sumy, nicht im Text")))
    with EventStore.open(tmp_path / "events.db") as store:
        store.ingest([DOCS[0]], None, extract=lambda doc: told)
        reports = sorted((r.event for s in store.events(EventFilter()) for r in store.reports(s.event_id)),
                         key=lambda e: e.location)  # fmt: skip
    wanted = sorted(told, key=lambda e: e.location)
    assert reports[0].event_id_cnty.startswith("XXX")  # an event without an id is named after its report
    assert [replace(got, event_id_cnty=want.event_id_cnty) for got, want in zip(reports, wanted)] == wanted


@st.composite
def spread_reports(draw):
    """Reports of strikes on days a few days or weeks apart, so that a block has gaps."""
    table: dict[str, list[Event]] = {}
    docs = []
    for doc in draw(st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=8, unique=True)):
        day = draw(st.sampled_from(["2025-04-13", "2025-04-16", "2025-05-04", "2025-05-05"]))
        table[doc] = [event(doc, n, event_date=day, actor1=draw(st.sampled_from(["Military Forces of Russia", None])),
                            date=draw(st.sampled_from(["am 13. April", "am Montag", None])),
                            place=draw(st.sampled_from([KHARKIV, SUMY])),
                            **({"event_type": "Protests", "sub_event_type": "Peaceful protest"} if draw(st.booleans())
                               else {}))
                      for n in range(1, draw(st.integers(1, 2)) + 1)]  # fmt: skip
        next_day = (date.fromisoformat(day) + timedelta(days=draw(st.integers(0, 1)))).isoformat()
        docs.append(document(doc, published=next_day))
    return table, docs


@settings(max_examples=40, deadline=None)
@given(spread_reports())
def test_merging_block_by_block_and_piece_by_piece_gives_the_stores_events(case):
    """What ``lagebild merge`` does on any engine: group by block and piece, merge each."""
    from lagebild.store.blocks import Told, block_of, merge_block, segment_of, segment_starts
    from lagebild.store.store import document_key

    table, docs = case
    told = [Told(e, document_key(d), d.id, d.title, d.outlet, d.url, d.published, d.full_text)
            for d in docs for e in table[d.id]]  # fmt: skip
    blocks = [(t, block_of(t)) for t in told]
    windows: dict[tuple, list] = {}
    for _, b in blocks:
        if b.window:
            windows.setdefault((b.family, b.iso), []).append(b.window)
    pieces: dict[tuple, list[Told]] = {}
    for t, b in blocks:
        piece = segment_of(segment_starts(windows.get((b.family, b.iso), [])), b.window)
        pieces.setdefault((b.family, b.iso, piece), []).append(t)
    with tempfile.TemporaryDirectory() as folder:
        with EventStore.open(Path(folder) / "merged.db") as store:
            store.add_merged(m for group in pieces.values() for m in merge_block(group))
            merged = content(store)
        assert merged == ingest(Path(folder) / "store.db", docs, table)


def test_caches_that_forget_give_the_same_events_and_keep_what_is_used(tmp_path):
    # The store's caches of members and pair decisions are bounded: what they forget is read
    # or decided again, never changed.
    big = ingest(tmp_path / "big.db", DOCS, TABLE)
    with EventStore.open(tmp_path / "small.db") as store:
        store._cache = merging.MemberCache(size=2)
        store._cache.decisions = dedup.Decisions(size=3)
        for d in DOCS:
            store.ingest([d], None, extract=lambda doc: TABLE.get(doc.id, []))
        assert content(store) == big
        assert len(store._cache.members) <= 2 and len(store._cache.decisions.decided) <= 3
    decisions = dedup.Decisions(size=2)
    a, b, c = (dedup.Member.of(e, doc) for doc, [e] in list(TABLE.items())[:3])
    decisions.score(a, b), decisions.score(a, c), decisions.score(b, a), decisions.score(c, b)  # (a, b) was used again: (a, c) goes
    assert list(decisions.decided) == [("UKRa1", "a", "UKRb1", "b"), ("UKRb1", "b", "UKRc1", "c")]
