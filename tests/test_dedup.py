"""Deduplication across reports, on hand-built Event records."""

from __future__ import annotations

from lagebild.dedup import Cluster, Member, assign, canonical, cluster, match
from lagebild.records import Event, Evidence, Span


def battle(doc: str, n: int = 1, **changes) -> Member:
    fields = dict(
        event_id_cnty=f"UKR{doc}{n}", event_date="2024-05-14", year=2024, time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1="Military Forces of Russia", actor2="Military Forces of Ukraine",
        iso="UA", country="Ukraine", admin1="Kharkiv", location="Charkiw", latitude=49.9935, longitude=36.2304,
        geo_precision=1, doc_id=doc, fatalities=3, fatalities_low=3, fatalities_high=3,
        evidence=Evidence(Span(0, 6, "Kämpfe")),
    )  # fmt: skip
    published = changes.pop("published", "2024-05-15")
    outlet = changes.pop("outlet", f"Agentur {doc}")
    seq = changes.pop("seq", 0)
    fields.update(changes)
    return Member(Event(**fields), doc_key=f"key-{doc}", doc_id=doc, outlet=outlet, published=published, seq=seq)


def test_same_battle_in_two_reports_matches():
    assert match(battle("a"), battle("b", event_date="2024-05-15")) is not None
