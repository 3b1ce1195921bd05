"""The event store through its public API: real files in tmp_path, hand-built events."""

from __future__ import annotations

from lagebild.records import Document, Event, Evidence, Span
from lagebild.store import EventFilter, EventStore


def make_event(doc: str, n: int = 1, **changes) -> Event:
    fields = dict(
        event_id_cnty=f"UKR{doc}{n}", event_date="2024-05-14", year=2024, time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1="Military Forces of Russia", actor2="Military Forces of Ukraine",
        iso="UA", country="Ukraine", admin1="Kharkiv", location="Charkiw", latitude=49.9935, longitude=36.2304,
        geo_precision=1, doc_id=doc, fatalities=3, fatalities_low=3, fatalities_high=3,
        evidence=Evidence(Span(0, 6, "Kämpfe")),
    )  # fmt: skip
    fields.update(changes)
    return Event(**fields)


def test_reingest_adds_nothing(tmp_path):
    docs = [Document("a", "Kämpfe in Charkiw.", outlet="A", published="2024-05-15")]
    extract = lambda doc: [make_event(doc.id)]  # noqa: E731
    with EventStore.open(tmp_path / "s.db") as store:
        assert store.ingest(docs, None, extract=extract).added == 1
        again = store.ingest(docs, None, extract=extract)
        assert (again.added, again.unchanged) == (0, 1)
        assert len(store.events(EventFilter())) == 1
