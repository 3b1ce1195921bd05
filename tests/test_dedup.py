"""Merging reports of one event, on hand-built Event records: one behaviour per test.

Each test tells one event the way two outlets might (our own variants of what keeps real
reports apart: sub-types, actors, places, dates and tolls that differ) and checks the
pair decision (``pairs``), the pass (``dedup``) or the merged event (``reconcile``).
"""

from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.records import Event, Evidence, Span
from lagebild.store.dedup import Cluster, Member, cluster, order_key
from lagebild.store.pairs import MERGE_SCORE, date_window, decide
from lagebild.store.reconcile import canonical

SUMY = dict(location="Sumy", admin1="Sumy", admin2="Sumskyi Raion", latitude=50.9216, longitude=34.8003, geonameid=692194)
KHARKIV = dict(location="Kharkiv", admin1="Kharkiv", latitude=49.9935, longitude=36.2304, geonameid=706483)
KHARKIV_EAST = dict(location="Rohan", admin1="Kharkiv", latitude=49.9935, longitude=36.3004, geonameid=None)
KYIV = dict(location="Kyiv", admin1="Kyiv City", latitude=50.4547, longitude=30.5238, geonameid=703448)
RUSSIA = "Military Forces of Russia"


def report(doc: str, sentence: str | None = None, *, date: str | None = "am Sonntag",
           published: str = "2025-04-14", title: str = "", outlet: str | None = None, **changes) -> Member:  # fmt: skip
    """A missile strike on Sumy on Sunday 13 April 2025 as report ``doc`` tells it; ``date``
    is how its text dates the strike (None: it names no day)."""
    place = changes.pop("place", SUMY)
    sentence = sentence or f"Raketenangriff auf {place['location']}"
    where = sentence.find(place["location"])
    evidence = Evidence(
        Span(0, len(sentence), sentence),
        location=Span(where, where + len(place["location"]), place["location"]) if where >= 0 else None,
        date=Span(len(sentence) + 1, len(sentence) + 1 + len(date), date) if date else None,
    )
    fields = dict(
        event_id_cnty=f"UKR{doc}", event_date="2025-04-13" if date else published, time_precision=1 if date else 2,
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        actor1=RUSSIA, actor2="Civilians (Ukraine)", iso="UA", country="Ukraine", fatalities=21, fatalities_low=21,
        fatalities_high=None, doc_id=doc, notes=sentence, evidence=evidence, **{"geo_precision": 1, **place},
    )  # fmt: skip
    fields.update(changes)
    return Member.of(Event(**fields), f"key-{doc}", doc_id=doc, title=title, outlet=outlet or f"Agentur {doc}",
                     published=published)  # fmt: skip


def merges(a: Member, b: Member) -> bool:
    return decide(a.profile, b.profile).merges


def groups(clusters) -> list[list[str]]:
    return sorted(sorted(m.member_id for m in c.members) for c in clusters)


# -- the pair decision ------------------------------------------------------------------------


def test_two_outlets_wordings_of_one_strike_merge_with_the_evidence_listed():
    # One says "Raketenangriff" and names the attacker; the other "Luftangriff", names no
    # attacker, codes the dead with the wrong country and gives a later toll.
    rocket = report("a")
    air = report("b", "Mehr als 30 Tote nach Luftangriff auf Sumy", date=None, published="2025-04-13",
                 sub_event_type="Air/drone strike", actor1=None, actor2="Civilians (Russia)", fatalities=31)  # fmt: skip
    decision = decide(rocket.profile, air.profile)
    assert decision.merges, decision.explain()
    explained = decision.explain()
    for needle in ("+3 same place Sumy", "compatible sub-types", "+1 same day 2025-04-13", "tolls of one size (21 / 31)"):
        assert needle in explained, explained


def test_a_near_miss_two_days_apart_in_the_same_town_stays_apart():
    monday = report("a", date="am Montag", event_date="2025-04-14", published="2025-04-15")
    wednesday = report("b", date="am Mittwoch", event_date="2025-04-16", published="2025-04-17")
    decision = decide(monday.profile, wednesday.profile)
    assert decision.veto == "dates too far apart for their uncertainty"


def test_a_day_read_relative_to_publication_may_be_a_day_early():
    # "gestern" in a report written on the 13th and published on the 14th means the 12th.
    friday = report("a", date="am Freitag", event_date="2025-04-11", published="2025-04-12")
    yesterday = report("b", date="gestern", event_date="2025-04-12", published="2025-04-13")
    assert merges(friday, yesterday)
    explicit = report("c", date="am 10. April", event_date="2025-04-10", published="2025-04-12")
    assert not merges(explicit, yesterday)  # an explicit date is that day only


def test_date_windows_follow_the_uncertainty_of_each_date():
    assert date_window(report("a", date="am 13. April").event, "2025-04-14")[0] == (739354, 739354)
    assert date_window(report("a", date="am Sonntag").event, "2025-04-14")[0] == (739353, 739354)
    undated = report("a", date=None, published="2025-04-14").event
    assert date_window(undated, "2025-04-14")[0] == (739353, 739355)
    assert date_window(Event(), None) == (None, None, False)


def test_a_follow_up_weeks_later_merges_when_it_dates_the_strike():
    first = report("a", "Raketenangriff auf eine Kirche in Sumy")
    follow_up = report("b", "Drei Wochen nach dem Raketenangriff auf die Kirche in Sumy", date="am 13. April",
                       published="2025-05-05", fatalities=35, fatalities_low=35)  # fmt: skip
    assert merges(first, follow_up)
    # Without a date it tells of the days before its publication: another strike.
    undated = report("c", "Raketenangriff auf eine Kirche in Sumy", date=None, published="2025-05-05")
    assert decide(first.profile, undated.profile).veto == "dates too far apart for their uncertainty"


def test_two_different_named_attackers_never_merge_but_unknown_ones_do():
    taliban = report("a", actor1="Tehrik-i-Taliban Pakistan")
    assert decide(taliban.profile, report("b", actor1="Islamic State (Khorasan)").profile).veto.startswith(
        "different attackers")
    assert merges(taliban, report("c", actor1="Unidentified Armed Group (Afghanistan)"))  # ACLED's "unknown"
    # The police the report cites, read as the attacker: the side stays open.
    assert merges(taliban, report("d", actor1="Police Forces of Pakistan", source_original="Police reported"))
    assert not merges(taliban, report("e", actor1="Police Forces of Pakistan"))


def test_a_battles_sides_may_come_in_either_order():
    battle = dict(event_type="Battles", sub_event_type="Armed clash", actor2="Military Forces of Ukraine")
    swapped = dict(battle, actor1="Military Forces of Ukraine", actor2=RUSSIA)
    assert merges(report("a", **battle), report("b", **swapped))
    # A wrongly named second side costs a point but does not forbid the merge.
    other = decide(report("a", **battle).profile, report("b", **dict(battle, actor2="Hamas Movement")).profile)
    assert "attacked sides named differently" in other.explain()


def test_a_bombing_told_as_an_attack_on_civilians_merges():
    bomb = report("a", "Bombenanschlag auf eine Moschee in Sumy", sub_event_type="Remote explosive/landmine/IED",
                  actor1=None)  # fmt: skip
    attack = report("b", "Anschlag auf eine Moschee in Sumy", event_type="Violence against civilians",
                    sub_event_type="Attack", actor1=None, fatalities=23)  # fmt: skip
    decision = decide(bomb.profile, attack.profile)
    assert decision.merges and "one act told as" in decision.explain() and "same facility hit: mosque" in decision.explain()
    event, reasons = canonical(Cluster("UKRa", (bomb, attack)))
    assert event.event_type == "Explosions/Remote violence"  # by precedence on a tie
    assert any(r.startswith("type: Explosions/Remote violence") for r in reasons)
    protest = report("c", event_type="Protests", sub_event_type="Peaceful protest")
    assert decide(bomb.profile, protest.profile).veto.startswith("event types of other families")


def test_a_raid_told_as_a_rescue_and_as_strikes_on_the_camp_merges():
    place = dict(location="Nuseirat Camp", admin1="Gaza Strip", latitude=31.45, longitude=34.39, geonameid=None)
    rescue = report("a", "Spezialeinheiten befreiten Geiseln im Lager Nuseirat", place=place, iso="PS",
                    event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of Israel",
                    actor2="Hamas Movement", fatalities=55)  # fmt: skip
    strikes = report("b", "Luftangriffe auf das Flüchtlingslager Nuseirat", place=place, iso="PS",
                     sub_event_type="Air/drone strike", actor1="Military Forces of Israel", actor2=None,
                     fatalities=90)  # fmt: skip
    assert merges(rescue, strikes), decide(rescue.profile, strikes.profile).explain()
    event, _ = canonical(Cluster("PSEa", (rescue, strikes)))
    assert event.event_type == "Battles"


def test_a_place_that_stands_in_for_the_town_its_report_names_matches_it():
    # The report's event sits at its dateline, Kyiv; its sentence names Krywyj Rih.
    kryvyi = dict(location="Kryvyy Rih", admin1="Dnipropetrovsk", latitude=47.9086, longitude=33.3433, geonameid=703845)
    dateline = report("a", "Rakete schlägt in Krywyj Rih ein", place=KYIV)
    town = report("b", "Raketenangriff auf Krywyj Rih", place=dict(kryvyi, location="Krywyj Rih"))
    town = Member.of(replace(town.event, location="Kryvyy Rih"), town.doc_key, published=town.published)
    assert dateline.profile.stand_in and merges(dateline, town)
    told_there = report("c", "Raketenangriff auf Kyiv, wie zuvor in Krywyj Rih", place=KYIV)
    assert not told_there.profile.stand_in and not merges(told_there, town)


def test_places_within_a_few_km_or_in_any_spelling_match_and_other_towns_do_not():
    assert "km apart" in decide(report("a", place=KHARKIV).profile, report("b", place=KHARKIV_EAST).profile).explain()
    assert decide(report("a").profile, report("b", place=KHARKIV).profile).veto.startswith("other places")
    spelled = [dict(location=name, admin1="Gaza Strip", latitude=None, longitude=None, geonameid=None)
               for name in ("Nuseirat", "An Nusayrat")]  # fmt: skip
    assert "same place" in decide(report("a", place=spelled[0]).profile, report("b", place=spelled[1]).profile).explain()
    oblast = dict(location="Sumy", admin1="Sumy", latitude=None, longitude=None, geonameid=None, geo_precision=3)
    assert "lies in" in decide(report("a", place=oblast).profile, report("b").profile).explain()


def test_another_facility_keeps_a_weak_pair_apart():
    church = report("a", "Luftangriff auf eine Kirche in Sumy", date=None, sub_event_type="Air/drone strike")
    market = report("b", "Raketenangriff auf einen Markt in Sumy", date=None, published="2025-04-15")
    decision = decide(church.profile, market.profile)
    assert "other facilities (church, worship / market)" in decision.explain()
    assert not decision.merges and decision.score < MERGE_SCORE


# -- the pass: complete linkage, independent of input order --------------------------------------


def test_events_of_one_report_are_never_merged():
    assert len(cluster([report("a"), report("a", event_id_cnty="UKRa2")])) == 2


def test_a_chain_of_days_does_not_grow_into_one_event():
    days = [report(doc, date="gestern", event_date=f"2025-04-{day}", published=f"2025-04-{day + 1}")
            for doc, day in (("a", 11), ("b", 12), ("c", 13))]  # fmt: skip
    assert groups(cluster(days)) == [["UKRa", "UKRb"], ["UKRc"]]


def test_many_reports_of_one_strike_become_one_event_beside_links_that_compete():
    # Twelve agreeing reports in Sumy: every two link, merged at once. In Kharkiv the
    # victims-only report links to both attackers, who do not link: strongest link first.
    same = [report(f"s{n}") for n in range(12)]
    kharkiv = [report("v", actor1=None, place=KHARKIV), report("w", actor1="Military Forces of Belarus", place=KHARKIV),
               report("x", place=KHARKIV)]  # fmt: skip
    found = groups(cluster([*same[::-1], *kharkiv]))
    assert sorted(m.member_id for m in same) in found and len(found) == 3
    assert sorted(len(g) for g in found if "UKRs0" not in g) == [1, 2]
    assert any("UKRv" in g and len(g) == 2 for g in found)
    assert groups(cluster([*kharkiv[::-1], *same])) == found


def test_attacker_only_and_victims_only_reports_join_and_another_attacker_stays_apart():
    victims = report("a", actor1=None)
    attacker = report("b", actor2=None)
    both = report("c")
    other = report("d", actor1="Military Forces of Belarus", actor2=None)
    elsewhere = report("e", place=KHARKIV)
    assert groups(cluster([other, elsewhere, both, victims, attacker])) == [
        ["UKRa", "UKRb", "UKRc"], ["UKRd"], ["UKRe"]]  # fmt: skip


def test_a_report_of_two_like_events_gives_each_to_another_event():
    two = [report("a", event_id_cnty="UKRa1"), report("a", event_id_cnty="UKRa2", place=KHARKIV)]
    found = cluster([*two, report("b"), report("c", place=KHARKIV)])
    assert groups(found) == [["UKRa1", "UKRb"], ["UKRa2", "UKRc"]]


PLACES = [SUMY, KHARKIV, KHARKIV_EAST]
DATES = [("am Sonntag", "2025-04-13"), ("am Montag", "2025-04-14"), ("am 13. April", "2025-04-13"), (None, None)]


@st.composite
def member_sets(draw) -> list[Member]:
    members = []
    for i in range(draw(st.integers(1, 9))):
        doc = draw(st.sampled_from("abcdef"))
        date, day = draw(st.sampled_from(DATES))
        members.append(report(
            doc, event_id_cnty=f"UKR{doc}{i}", place=draw(st.sampled_from(PLACES)), date=date,
            published=draw(st.sampled_from(["2025-04-14", "2025-04-15", "2025-04-16"])),
            **({"event_date": day} if day else {}),
            actor1=draw(st.sampled_from([RUSSIA, None, "Military Forces of Belarus"])),
            fatalities=draw(st.none() | st.integers(1, 40)),
            sub_event_type=draw(st.sampled_from(["Shelling/artillery/missile attack", "Air/drone strike"])),
        ))  # fmt: skip
    return members


@settings(max_examples=150, deadline=None)
@given(member_sets(), st.randoms(use_true_random=False))
def test_clusters_are_complete_and_independent_of_the_order_of_the_input(members, rnd: random.Random):
    shuffled = list(members)
    rnd.shuffle(shuffled)
    found = cluster(members)
    assert groups(found) == groups(cluster(shuffled))
    for c in found:
        assert len(c.doc_keys) == len(c.members)
        assert all(decide(a.profile, b.profile).merges for a in c.members for b in c.members if a is not b)
        assert c.cluster_id == min(c.members, key=order_key).member_id


@settings(max_examples=100, deadline=None)
@given(member_sets(), st.randoms(use_true_random=False))
def test_the_merged_event_is_independent_of_member_order(members, rnd: random.Random):
    for c in cluster(members):
        shuffled = list(c.members)
        rnd.shuffle(shuffled)
        assert canonical(c) == canonical(Cluster(c.cluster_id, tuple(shuffled)))


# -- the merged event ---------------------------------------------------------------------------


def test_the_toll_is_a_range_across_reports_with_the_latest_figure_as_best():
    first = report("a", published="2025-04-13", fatalities=21, fatalities_low=21, fatalities_high=21)
    same_day = report("b", published="2025-04-13", fatalities=31, fatalities_low=31, fatalities_high=40)
    later = report("c", published="2025-04-15", fatalities=35, fatalities_low=35, fatalities_high=35)
    later_too = report("d", published="2025-04-15", fatalities=34, fatalities_low=30, fatalities_high=34)
    event, reasons = canonical(Cluster("UKRa", (first, same_day, later, later_too)))
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (34, 21, 40)
    assert any(r.startswith("fatalities: 34, the figure of the latest report (d), range 21..40") for r in reasons)
    unbounded = report("e", fatalities=50, fatalities_low=50, fatalities_high=None)
    assert canonical(Cluster("UKRa", (first, unbounded)))[0].fatalities_high is None


def test_the_merged_event_takes_the_most_specific_place_and_the_narrowest_date():
    oblast = dict(location="Sumy Oblast", admin1="Sumy", latitude=50.9, longitude=34.8, geonameid=None, geo_precision=3)
    rough = report("a", date=None, published="2025-04-14", place=oblast)
    precise = report("b", date="am 13. April")
    event, reasons = canonical(Cluster("UKRa", (rough, precise)))
    assert (event.location, event.geonameid, event.event_date, event.time_precision) == ("Sumy", 692194, "2025-04-13", 1)
    assert "date: 2025-04-13 from b, the narrowest of 2025-04-13, 2025-04-14" in reasons


def test_the_best_supported_sub_type_wins_and_sources_are_all_kept():
    members = (report("a", sub_event_type="Air/drone strike", outlet="Nord"), report("b", outlet="Süd"),
               report("c", outlet="West", actor1=None))  # fmt: skip
    event, reasons = canonical(Cluster("UKRa", members))
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert (event.source, event.doc_id) == ("Nord; Süd; West", "a; b; c")
    assert reasons[0].startswith("b ~ a: +3 same place Sumy")


def test_a_side_one_report_leaves_open_is_filled_from_another():
    victims, attacker = report("a", actor1=None, inter2="Civilians"), report("b", actor2=None, inter1="State forces")
    event, reasons = canonical(Cluster("UKRa", (victims, attacker)))
    assert (event.actor1, event.actor2, event.interaction) == (RUSSIA, "Civilians (Ukraine)", "State forces-Civilians")
    assert event.civilian_targeting == "Civilian targeting"
    assert any(r.startswith("actors completed from the reports that name them") for r in reasons)


def test_a_town_taken_by_rebels_told_as_handed_over_merges():
    rebels = dict(actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Syria")
    taken = report("a", event_type="Battles", sub_event_type="Non-state actor overtakes territory", **rebels)
    handed = report("b", event_type="Strategic developments", sub_event_type="Non-violent transfer of territory",
                    **rebels)  # fmt: skip
    assert merges(taken, handed)
    event, _ = canonical(Cluster("UKRa", (taken, handed)))
    assert (event.event_type, event.sub_event_type) == ("Battles", "Non-state actor overtakes territory")
    arrests = report("c", event_type="Strategic developments", sub_event_type="Arrests", **rebels)
    assert decide(taken.profile, arrests.profile).veto.startswith("event types of other families")


def test_a_later_vaguer_toll_does_not_go_below_a_floor_another_report_sets():
    first = report("a", published="2025-04-13", fatalities=50, fatalities_low=50, fatalities_high=None)  # "mindestens 50"
    vague = report("b", published="2025-04-14", fatalities=12, fatalities_low=12, fatalities_high=None)  # "Dutzende"
    event, reasons = canonical(Cluster("UKRa", (first, vague)))
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (50, 12, None)
    assert any("the lower bound a sets (the latest report, b, says 12)" in r for r in reasons)


def test_a_day_inside_the_window_of_a_report_naming_no_day_is_no_evidence_against():
    saturday = report("a", "Zwei Autobomben explodierten in Sumy", date="am Samstag", event_date="2025-04-12",
                      published="2025-04-12")  # fmt: skip
    undated = report("b", "Doppelanschlag in Sumy", date=None, published="2025-04-14")
    assert "lies in the days before a report that names no day" in decide(saturday.profile, undated.profile).explain()
    both_undated = report("c", "Doppelanschlag in Sumy", date=None, published="2025-04-12")
    assert "2 days apart" in decide(both_undated.profile, undated.profile).explain()


def test_the_lead_of_a_report_tells_its_main_events_details():
    event = report("a", "Doppelanschlag in Sumy").event
    lead = "Doppelanschlag in Sumy. Zwei Autos explodierten vor dem Bildungsministerium."
    assert "ministry" in Member.of(event, "key-a", published="2025-04-14", lead=lead).profile.facilities
    later = replace(event, evidence=replace(event.evidence, sentence=Span(900, 922, "Doppelanschlag in Sumy")))
    assert "ministry" not in Member.of(later, "key-a", published="2025-04-14", lead=lead).profile.facilities


_SIDES = ["Military Forces of Nigeria", "Islamic State", "Islamic State West Africa Province",
          "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Civilians (Nigeria)", None]


@given(st.sampled_from(_SIDES), st.sampled_from(_SIDES), st.sampled_from(_SIDES), st.sampled_from(_SIDES),
       st.sampled_from(["Battles", "Explosions/Remote violence"]))
def test_the_pair_decision_is_the_same_whichever_report_comes_first(a1, a2, b1, b2, event_type):
    # the store merges reports as they arrive: a decision that depends on their order would too
    sub = "Armed clash" if event_type == "Battles" else "Air/drone strike"
    a = report("a", actor1=a1, actor2=a2, event_type=event_type, sub_event_type=sub)
    b = report("b", actor1=b1, actor2=b2, event_type=event_type, sub_event_type=sub)
    one_way, other_way = decide(a.profile, b.profile), decide(b.profile, a.profile)
    # (the store keeps one score for both orientations of a pair)
    assert (one_way.merges, one_way.veto is None, one_way.score) == (other_way.merges, other_way.veto is None, other_way.score)
