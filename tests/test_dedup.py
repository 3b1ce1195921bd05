"""Deduplication across reports, on hand-built Event records: one behaviour per test."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.store.dedup import Cluster, Member, assign, canonical, cluster, day_range, match
from lagebild.records import Event, Evidence, Span

# Kharkiv city and a point 5 km east of it; Sumy is about 140 km away.
KHARKIV = dict(location="Kharkiv", admin1="Kharkiv", latitude=49.9935, longitude=36.2304)
KHARKIV_EAST = dict(location="Roganʹ", admin1="Kharkiv", latitude=49.9935, longitude=36.3004)
SUMY = dict(location="Sumy", admin1="Sumy", latitude=50.9216, longitude=34.8003)


def battle(doc: str, n: int = 1, **changes) -> Member:
    fields = dict(
        event_id_cnty=f"UKR{doc}{n}", event_date="2024-05-14", year=2024, time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1="Military Forces of Russia", actor2="Military Forces of Ukraine",
        iso="UA", country="Ukraine", geo_precision=1, doc_id=doc, fatalities=3, fatalities_low=3,
        fatalities_high=3, evidence=Evidence(Span(0, 6, "Kämpfe")), **KHARKIV,
    )  # fmt: skip
    published = changes.pop("published", "2024-05-15")
    outlet = changes.pop("outlet", f"Agentur {doc}")
    seq = changes.pop("seq", 0)
    fields.update(changes)
    return Member(Event(**fields), doc_key=f"key-{doc}", doc_id=doc, outlet=outlet, published=published, seq=seq)


def test_same_battle_told_by_two_reports_matches_with_reasons():
    reasons = match(battle("a"), battle("b", event_date="2024-05-15"))
    assert reasons == [
        "same event type Battles",
        "same place Kharkiv",
        "dates a day apart (2024-05-14 / 2024-05-15)",
        "shared actors Military Forces of Russia, Military Forces of Ukraine",
    ]


def test_events_of_one_report_never_match():
    assert match(battle("a", 1), battle("a", 2)) is None


def test_other_town_same_day_does_not_match():
    assert match(battle("a"), battle("b", **SUMY)) is None


def test_nearby_point_within_ten_km_matches():
    assert "km apart" in match(battle("a"), battle("b", **KHARKIV_EAST))[1]


def test_admin_area_contains_its_towns_only():
    oblast = dict(location="Kharkiv Oblast", admin1="Kharkiv", geo_precision=3, latitude=49.5, longitude=36.5)
    assert match(battle("a", **oblast), battle("b"))[1] == "Kharkiv lies in Kharkiv"
    assert match(battle("a", **oblast), battle("b", **SUMY)) is None


def test_other_type_or_disjoint_actors_do_not_match():
    assert match(battle("a"), battle("b", event_type="Riots")) is None
    assert match(battle("a"), battle("b", actor1="Wagner Group", actor2=None)) is None
    assert match(battle("a"), battle("b", actor1=None, actor2=None))[3] == "actors unknown in one report"


def test_dates_two_days_apart_do_not_match_but_overlapping_ranges_do():
    assert match(battle("a"), battle("b", event_date="2024-05-16")) is None
    week = battle("b", event_date="2024-05-10", time_precision=2)  # some day of 10-16 May
    assert day_range(week)[1] - day_range(week)[0] == 6
    assert "overlap" in match(battle("a"), week)[2]


def test_undated_events_match_only_by_publication_day():
    undated = battle("b", event_date=None, year=None, published="2024-05-16")
    assert match(battle("a", published="2024-05-15"), undated) is not None
    assert match(battle("a", published="2024-05-13"), undated) is None


def test_a_report_of_two_like_events_gives_each_to_a_different_cluster():
    a1, a2 = battle("a", 1), battle("a", 2, **KHARKIV_EAST)
    clusters = cluster([a1, a2, battle("b", seq=3)])
    assert sorted(len(c.members) for c in clusters) == [1, 2]
    for c in clusters:
        assert len({m.doc_key for m in c.members}) == len(c.members)


def test_chains_of_days_do_not_grow_into_one_event():
    days = [battle(doc, event_date=f"2024-05-{day}", published=f"2024-05-{day}", seq=i)
            for i, (doc, day) in enumerate([("a", 14), ("b", 15), ("c", 16)])]  # fmt: skip
    clusters = cluster(days)
    assert len(clusters) == 2  # 14+15 together; 16 is two days from 14


def test_assign_prefers_the_closer_cluster():
    near, far = Cluster([battle("a", seq=1)]), Cluster([battle("b", seq=2, **KHARKIV_EAST)])
    [(member, target)] = assign([battle("c")], [far, near])
    assert target is near


def test_canonical_reconciles_figures_conservatively_and_notes_why():
    members = [
        battle("a", seq=1, fatalities=5, fatalities_low=5, fatalities_high=5, outlet="Nord"),
        battle("b", seq=2, fatalities=3, fatalities_low=2, fatalities_high=4, outlet="Süd"),
        battle("c", seq=3, fatalities=None, fatalities_low=None, fatalities_high=None, outlet="West"),
    ]
    event, reasons = canonical(Cluster(members))
    assert event.event_id_cnty == "UKRa1"
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (3, 2, 5)
    assert event.source == "Nord; Süd; West"
    assert "fatalities differ: 3 (Süd), 5 (Nord); kept the lowest, 3" in reasons
    assert reasons[0].startswith("b ~ a: same event type Battles")
    unbounded = battle("d", seq=4, fatalities=40, fatalities_low=41, fatalities_high=None)
    assert canonical(Cluster([*members, unbounded]))[0].fatalities_high is None


def test_canonical_takes_the_most_precise_place_and_date():
    rough = battle("a", seq=1, event_date="2024-05-13", time_precision=2, location="Kharkiv Oblast",
                   geo_precision=3, latitude=49.5, longitude=36.5)  # fmt: skip
    event, _ = canonical(Cluster([rough, battle("b", seq=2)]))
    assert (event.location, event.event_date, event.time_precision) == ("Kharkiv", "2024-05-14", 1)


# -- properties ---------------------------------------------------------------------------

PLACES = [KHARKIV, KHARKIV_EAST, SUMY]


@st.composite
def member_sets(draw):
    count = draw(st.integers(1, 8))
    members = []
    for i in range(count):
        doc = draw(st.sampled_from("abcdef"))
        members.append(battle(
            doc, i, seq=i, event_date=f"2024-05-{draw(st.integers(12, 16))}", **draw(st.sampled_from(PLACES)),
            fatalities=draw(st.none() | st.integers(0, 50)),
            actor2=draw(st.sampled_from(["Military Forces of Ukraine", None, "Civilians (Ukraine)"])),
        ))  # fmt: skip
    return members


def partition(clusters):
    return sorted(sorted(m.event_id for m in c.members) for c in clusters)


@settings(max_examples=150, deadline=None)
@given(member_sets(), st.randoms(use_true_random=False))
def test_clustering_is_independent_of_the_order_of_its_input(members, rnd: random.Random):
    shuffled = list(members)
    rnd.shuffle(shuffled)
    assert partition(cluster(members)) == partition(cluster(shuffled))


@settings(max_examples=150, deadline=None)
@given(member_sets(), st.randoms(use_true_random=False))
def test_canonical_event_is_independent_of_member_order(members, rnd: random.Random):
    for c in cluster(members):
        shuffled = list(c.members)
        rnd.shuffle(shuffled)
        assert canonical(c) == canonical(Cluster(shuffled))


# -- actors: one report names the attacker, another the victims -------------------------

SARAQIB = dict(location="Saraqib", admin1="Idleb", latitude=35.8645, longitude=36.8055, iso="SY", country="Syria")
SYRIA = "Military Forces of Syria"


def strike(doc: str, actor1: str | None, actor2: str | None, **changes) -> Member:
    """An air strike on Saraqib on 12 March 2024, as one report tells it."""
    fields = dict(event_id_cnty=f"SYR{doc}1", event_date="2024-03-12", event_type="Explosions/Remote violence",
                  sub_event_type="Air/drone strike", actor1=actor1, actor2=actor2,
                  inter1="State forces" if actor1 == SYRIA else ("Rebel group" if actor1 else ""),
                  inter2="Civilians" if actor2 and actor2.startswith("Civilians") else "",
                  published="2024-03-13", **SARAQIB)  # fmt: skip
    fields.update(changes)
    return battle(doc, **fields)


def test_attacker_only_and_victims_only_reports_match():
    victims, attacker = strike("a", None, "Civilians (Syria)"), strike("b", SYRIA, None)
    reasons = match(victims, attacker)
    assert reasons is not None
    assert reasons[-1].startswith("compatible actors: sides named in one report only")
    assert match(attacker, victims) is not None


def test_civilians_are_compatible_with_civilians_or_none_but_not_with_a_named_armed_side():
    assert match(strike("a", SYRIA, "Civilians (Syria)"), strike("b", SYRIA, "Civilians (International)")) is not None
    assert match(strike("a", SYRIA, "Civilians (Syria)"), strike("b", SYRIA, None)) is not None
    assert match(strike("a", SYRIA, "Civilians (Syria)"), strike("b", SYRIA, "Hayat Tahrir al-Sham")) is None


def test_two_different_named_attackers_never_match():
    assert match(strike("a", SYRIA, None), strike("b", "Military Forces of Russia", None)) is None
    # Sharing the victims does not make two attackers one.
    assert match(strike("a", SYRIA, "Civilians (Syria)"),
                 strike("b", "Military Forces of Russia", "Civilians (Syria)")) is None  # fmt: skip
    assert match(strike("a", SYRIA, None), strike("b", None, SYRIA)) is not None  # a battle's sides may swap
    assert match(battle("a"), battle("b", actor1="Military Forces of Ukraine", actor2="Military Forces of Russia"))


def test_complementary_reports_of_one_document_are_still_never_merged():
    assert match(strike("a", None, "Civilians (Syria)"), strike("a", SYRIA, None, event_id_cnty="SYRa2")) is None


def test_clusters_join_complementary_reports_but_keep_other_attackers_apart():
    victims = strike("a", None, "Civilians (Syria)", seq=1)
    attacker = strike("b", SYRIA, None, seq=2)
    both = strike("c", SYRIA, "Civilians (Syria)", seq=3)
    other = strike("d", "Military Forces of Russia", None, seq=4)
    elsewhere = strike("e", SYRIA, None, seq=5, location="Aleppo", admin1="Aleppo", latitude=36.2021,
                       longitude=37.1343)  # fmt: skip
    clusters = cluster([victims, attacker, both, other, elsewhere])
    assert partition(clusters) == [["SYRa1", "SYRb1", "SYRc1"], ["SYRd1"], ["SYRe1"]]


def test_canonical_event_names_both_sides_when_each_report_names_one():
    event, reasons = canonical(Cluster([strike("a", None, "Civilians (Syria)", seq=1, fatalities=8),
                                        strike("b", SYRIA, None, seq=2, fatalities=10)]))  # fmt: skip
    assert (event.actor1, event.actor2) == (SYRIA, "Civilians (Syria)")
    assert (event.inter1, event.inter2, event.interaction) == ("State forces", "Civilians", "State forces-Civilians")
    assert event.civilian_targeting == "Civilian targeting"
    assert event.fatalities == 8
    assert any(r.startswith("actors completed from the reports that name them") for r in reasons)
