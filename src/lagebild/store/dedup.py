"""Deduplication across reports: which events of different reports tell the same happening.

Pure functions over records, no SQL (the store calls them and keeps the result).

Reads: ``Member`` records — one ``Event`` as one report tells it, with that report's
identity, outlet and publication date. Writes: ``Cluster`` records (the members that tell
one happening) and, through ``canonical``, the one ``Event`` that stands for a cluster,
with the reasons for every merge and every disagreement between the reports.

Two members are *compatible* (``match``) when all of these hold:

- they come from different documents (events of one report are never merged here; the
  extractor already merged what one report tells twice);
- the same ``event_type``;
- compatible places: the same geonameid, the same name in the same country, points at most
  ``MAX_KM`` apart (haversine), or one is an admin area (``geo_precision`` 3 with an
  admin1, or a whole country) that contains the other (same country and admin1);
- compatible dates: the day ranges (``day_range``) overlap once widened by ``DATE_SLACK``
  days; an event without a date is compatible only if both reports were published within
  ``DATE_SLACK`` days of each other;
- compatible actors (``actors_compatible``), side by side — actor1 with its associated
  actors against the other's actor1 side, actor2 likewise: a side that either report
  leaves unnamed is compatible with anything ("Luftangriff auf einen Markt" names no
  attacker, "Regierungstruppen bombardierten einen Markt" no victims); civilians on both
  actor2 sides are compatible whatever their country; two named sides must share an
  actor, so two different named attackers never merge. The sides may also be compared
  crosswise (ACLED's actor order in a battle is arbitrary), but only where that pairs up a
  shared actor.

Clustering is complete-linkage in type, place, date and actors: a member joins a cluster
only if it is compatible with *every* member already in it, so chains (a battle on day 1 ~
day 2 ~ day 3) never grow into one event, and a report naming only the attacker and one
naming only the victims join while a report naming another attacker stays apart.
``assign`` places the members of one new document into existing clusters,
greedily by match strength in a fixed order (at most one member per cluster, at most one
cluster per member); ``cluster`` folds ``assign`` over documents in ingest order.

Reconciling figures (``canonical``): among the reports that give a death toll, fatalities
is the *lowest* best figure (the conservative reading — ACLED codes the most conservative
credible figure), fatalities_low the lowest low and fatalities_high the highest high, or
None if any report's figure has no upper bound. Disagreements are noted in the reasons.

>>> round(haversine_km(36.20, 37.16, 36.20, 37.26), 1)
9.0
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..records import Event

__all__ = [
    "DATE_SLACK",
    "MAX_KM",
    "MAX_SPAN_DAYS",
    "Cluster",
    "Member",
    "actor_set",
    "actors_compatible",
    "assign",
    "canonical",
    "cluster",
    "day_range",
    "haversine_km",
    "is_civilians",
    "match",
]

MAX_KM = 10.0
DATE_SLACK = 1
# How many days one event's date may cover, by ACLED time_precision (1 day, 2 week, 3 month).
_SPAN_BY_PRECISION = {1: 0, 2: 6, 3: 30}
MAX_SPAN_DAYS = max(_SPAN_BY_PRECISION.values())


@dataclass(slots=True, eq=False)
class Member:
    """One event as one report tells it. ``seq`` is the store's ingest order (0 if new)."""

    event: Event
    doc_key: str  # the document's identity (content hash)
    doc_id: str = ""
    outlet: str | None = None
    published: str | None = None
    seq: int = 0

    @property
    def event_id(self) -> str:
        return self.event.event_id_cnty


@dataclass(slots=True, eq=False)
class Cluster:
    """The members that tell one happening; its id is the id of its earliest member."""

    members: list[Member] = field(default_factory=list)

    @property
    def first(self) -> Member:
        return min(self.members, key=_ingest_order)

    @property
    def event_id(self) -> str:
        return self.first.event_id

    @property
    def doc_keys(self) -> set[str]:
        return {m.doc_key for m in self.members}


def _ingest_order(member: Member) -> tuple[int, str, str]:
    return (member.seq, member.doc_key, member.event_id)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _day(value: str | None) -> int | None:
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value).toordinal()
    except ValueError:
        return None


def day_range(member: Member) -> tuple[int, int] | None:
    """The days (proleptic ordinals) the event may have happened on, from its date and
    time_precision; for an undated event, its report's publication day; None if neither.

    >>> m = Member(Event(event_date="2024-05-14", time_precision=2), "k")
    >>> start, end = day_range(m); end - start
    6
    """
    event = member.event
    start = _day(event.event_date)
    if start is not None:
        return start, start + _SPAN_BY_PRECISION.get(event.time_precision, MAX_SPAN_DAYS)
    published = _day(member.published)
    return (published, published) if published is not None else None


def actor_set(event: Event) -> frozenset[str]:
    """Every actor the event names, main and associated (ACLED separates those by "; ")."""
    names = [event.actor1 or "", event.actor2 or "", *event.assoc_actor_1.split(";"), *event.assoc_actor_2.split(";")]
    return frozenset(n.strip() for n in names if n and n.strip())


def _place_match(a: Event, b: Event) -> tuple[int, str] | None:
    """(rank, reason) for compatible places — lower rank is a stronger match — else None."""
    if a.iso != b.iso and a.iso and b.iso:
        return None
    if a.iso is None and b.iso is None and a.country != b.country:
        return None
    name_a, name_b = (a.location or "").casefold(), (b.location or "").casefold()
    if name_a and name_a == name_b:
        return 0, f"same place {a.location}"
    if a.latitude is not None and b.latitude is not None and a.longitude is not None and b.longitude is not None:
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
        if km <= MAX_KM:
            return 1, f"places {km:.1f} km apart ({a.location} / {b.location})"
    for outer, inner in ((a, b), (b, a)):
        if outer.geo_precision != 3 or not outer.iso or outer.iso != inner.iso:
            continue
        if outer.admin1 and outer.admin1 == inner.admin1:
            return 2, f"{inner.location or inner.admin1} lies in {outer.admin1}"
        if not outer.admin1 and outer.location in (None, outer.country):
            return 3, f"{inner.location or inner.country} lies in {outer.country or outer.iso}"
    return None


def _date_match(a: Member, b: Member) -> tuple[int, str] | None:
    if a.event.event_date is None or b.event.event_date is None:
        pa, pb = _day(a.published), _day(b.published)
        if pa is None or pb is None or abs(pa - pb) > DATE_SLACK:
            return None
        return 2, f"undated, reports published {a.published} / {b.published}"
    ra, rb = day_range(a), day_range(b)
    assert ra is not None and rb is not None
    gap = max(ra[0], rb[0]) - min(ra[1], rb[1])  # > 0: days between the ranges
    if gap > DATE_SLACK:
        return None
    if a.event.event_date == b.event.event_date:
        return 0, f"same date {a.event.event_date}"
    if gap > 0:
        return 1, f"dates a day apart ({a.event.event_date} / {b.event.event_date})"
    return 1, f"date ranges overlap ({a.event.event_date} / {b.event.event_date})"


def _side(names: str | None, associated: str) -> frozenset[str]:
    return frozenset(n.strip() for n in [names or "", *associated.split(";")] if n and n.strip())


def _sides(event: Event) -> tuple[frozenset[str], frozenset[str]]:
    """The actor1 side and the actor2 side, each with its associated actors."""
    return _side(event.actor1, event.assoc_actor_1), _side(event.actor2, event.assoc_actor_2)


def is_civilians(name: str) -> bool:
    """ACLED's civilian actors: "Civilians" or "Civilians (Country)"."""
    return name == "Civilians" or name.startswith("Civilians (")


def _side_match(a: frozenset[str], b: frozenset[str]) -> str | None:
    """How two sides of an event agree: "open" (one unnamed), "shared", "civilians"; else None."""
    if not a or not b:
        return "open"
    if a & b:
        return "shared"
    if all(map(is_civilians, a)) and all(map(is_civilians, b)):
        return "civilians"
    return None


def _orientation(a: Event, b: Event) -> tuple[bool, list[str | None]] | None:
    """Whether ``b``'s sides line up with ``a``'s straight (False) or crosswise (True), with
    how each pair of sides agrees; None if neither way works."""
    (a1, a2), (b1, b2) = _sides(a), _sides(b)
    straight = [_side_match(a1, b1), _side_match(a2, b2)]
    if None not in straight:
        return False, straight
    crossed = [_side_match(a1, b2), _side_match(a2, b1)]
    if None not in crossed and "shared" in crossed:  # a swap must pair up a shared actor
        return True, crossed
    return None


def actors_compatible(a: Event, b: Event) -> bool:
    """Whether two reports' actors can belong to one event (see the module doc).

    >>> strike = dict(event_type="Explosions/Remote violence")
    >>> victims = Event(actor2="Civilians (Syria)", **strike)
    >>> army = Event(actor1="Military Forces of Syria", **strike)
    >>> actors_compatible(victims, army)
    True
    >>> actors_compatible(army, Event(actor1="Hayat Tahrir al-Sham", **strike))
    False
    """
    return _orientation(a, b) is not None


def _actor_match(a: Event, b: Event) -> tuple[int, str] | None:
    """(rank, reason) for compatible actors — 0 if they share one — else None."""
    if not actor_set(a) or not actor_set(b):
        return 1, "actors unknown in one report"
    oriented = _orientation(a, b)
    if oriented is None:
        return None
    shared = actor_set(a) & actor_set(b)
    if shared:
        return 0, "shared actors " + ", ".join(sorted(shared))
    told = []
    for number, how in enumerate(oriented[1], start=1):
        if how == "civilians":
            told.append(f"civilians on both actor{number} sides")
    named = [f"actor{n} {', '.join(sorted(s))}" for n, s in enumerate(_sides(a), start=1) if s]
    other = [f"actor{n} {', '.join(sorted(s))}" for n, s in enumerate(_sides(b), start=1) if s]
    told.append(f"sides named in one report only ({'; '.join(named)} / {'; '.join(other)})")
    return 1, "compatible actors: " + "; ".join(told)


def _where_when(a: Member, b: Member) -> tuple[tuple[int, int], list[str]] | None:
    """Type, place and date: what every pair in a cluster must share."""
    if a.doc_key == b.doc_key or a.event.event_type != b.event.event_type:
        return None
    place = _place_match(a.event, b.event)
    if place is None:
        return None
    date = _date_match(a, b)
    if date is None:
        return None
    return (place[0], date[0]), [f"same event type {a.event.event_type}", place[1], date[1]]


def _score(a: Member, b: Member) -> tuple[tuple[int, int, int], list[str]] | None:
    where_when = _where_when(a, b)
    if where_when is None:
        return None
    actors = _actor_match(a.event, b.event)
    if actors is None:
        return None
    return (*where_when[0], actors[0]), [*where_when[1], actors[1]]


def _join(member: Member, cl: Cluster) -> tuple[tuple[int, int, int], list[str]] | None:
    """Whether ``member`` may join ``cl``: type, place, date and actors compatible with every
    member (so chains never grow, and one report may name only the attacker, another only
    the attacked, but no two reports different attackers)."""
    if member.doc_key in cl.doc_keys:
        return None
    ranks, reasons, actor_ranks = [], [], []
    for other in sorted(cl.members, key=_ingest_order):
        where_when = _where_when(other, member)
        if where_when is None:
            return None
        actors = _actor_match(other.event, member.event)
        if actors is None:
            return None
        ranks.append(where_when[0])
        actor_ranks.append(actors)
        reasons = reasons or where_when[1]
    known = frozenset().union(*(actor_set(m.event) for m in cl.members))
    shared = known & actor_set(member.event)
    actors = (0, "shared actors " + ", ".join(sorted(shared))) if shared else min(actor_ranks)
    return (max(r[0] for r in ranks), max(r[1] for r in ranks), actors[0]), [*reasons, actors[1]]


def match(a: Member, b: Member) -> list[str] | None:
    """The criteria that make two members one happening, or None if they are not.

    >>> e = dict(event_type="Battles", iso="UA", location="Charkiw", actor1="Military Forces of Russia")
    >>> a = Member(Event(event_date="2024-05-14", time_precision=1, **e), "doc-a")
    >>> b = Member(Event(event_date="2024-05-15", time_precision=1, **e), "doc-b")
    >>> match(a, b)[1:3]
    ['same place Charkiw', 'dates a day apart (2024-05-14 / 2024-05-15)']
    >>> match(a, Member(a.event, "doc-a")) is None  # one report never merges with itself
    True
    """
    scored = _score(a, b)
    return scored[1] if scored else None


def assign(new: Sequence[Member], clusters: Sequence[Cluster]) -> list[tuple[Member, Cluster | None]]:
    """Where each member of ONE new document goes: an existing cluster, or None (its own).

    A member may join a cluster that holds no member of its document, whose every member it
    matches in type, place and date, and whose reports' actors together overlap its own.
    Pairs are taken strongest first (the worst place and date ranks over the cluster plus
    the actor rank, then the cluster's and the member's ids), each cluster taking at most
    one member of the document and each member joining at most one cluster.
    """
    options: list[tuple[tuple, Member, Cluster]] = []
    for index, member in enumerate(new):
        for cl in clusters:
            joined = _join(member, cl)
            if joined is not None:
                rank = joined[0]
                options.append(((sum(rank), rank, cl.event_id, member.event_id, index), member, cl))
    options.sort(key=lambda option: option[0])
    placed: dict[int, Cluster] = {}
    taken: set[int] = set()
    for _, member, cl in options:
        if id(member) in placed or id(cl) in taken:
            continue
        placed[id(member)] = cl
        taken.add(id(cl))
    return [(member, placed.get(id(member))) for member in new]


def cluster(members: Iterable[Member]) -> list[Cluster]:
    """Cluster members document by document in ingest order (``seq``, then doc and event id).

    The result depends only on the set of members and their ``seq``, not on the order of the
    input. Clusters are returned ordered by their id.
    """
    by_doc: dict[str, list[Member]] = {}
    for member in sorted(members, key=_ingest_order):
        by_doc.setdefault(member.doc_key, []).append(member)
    clusters: list[Cluster] = []
    for doc_members in sorted(by_doc.values(), key=lambda ms: _ingest_order(ms[0])):
        for member, target in assign(doc_members, clusters):
            if target is None:
                clusters.append(Cluster([member]))
            else:
                target.members.append(member)
    return sorted(clusters, key=lambda c: c.event_id)


def _content_order(member: Member) -> tuple[str, str]:
    # Ties between equally good members are broken by content, not by ingest order, so the
    # canonical event's fields do not depend on which report came first.
    return (member.event_id, member.doc_key)


def _fill_sides(base: Event, members: list[Member]) -> tuple[Event, str | None]:
    """``base`` with an actor side it leaves unnamed taken from the first report (in content
    order) that names it, read in that report's orientation to ``base``; and the reason."""
    changes: dict[str, str | None] = {}
    told = []
    for number in (1, 2):
        if getattr(base, f"actor{number}"):
            continue
        for m in members:
            oriented = _orientation(base, m.event)
            if oriented is None:
                continue
            side = (3 - number) if oriented[0] else number
            actor = getattr(m.event, f"actor{side}")
            if actor:
                changes[f"actor{number}"] = actor
                changes[f"assoc_actor_{number}"] = getattr(m.event, f"assoc_actor_{side}")
                changes[f"inter{number}"] = getattr(m.event, f"inter{side}")
                told.append(f"actor{number} {actor} from {m.doc_id or m.doc_key}")
                break
    if not changes:
        return base, None
    event = replace(base, **changes)
    if event.inter1 and event.inter2:
        event = replace(event, interaction=f"{event.inter1}-{event.inter2}")
    if event.actor2 and is_civilians(event.actor2):
        event = replace(event, civilian_targeting="Civilian targeting")
    return event, "actors completed from the reports that name them: " + ", ".join(told)


def canonical(cl: Cluster) -> tuple[Event, list[str]]:
    """The event standing for a cluster, and the reasons: why each report was merged and
    where the reports disagree. Its id is the cluster's id; ``source`` lists the outlets.
    """
    members = sorted(cl.members, key=_content_order)
    first = cl.first
    if len(members) == 1:
        return replace(first.event, event_id_cnty=cl.event_id), []
    by_place = min(members, key=lambda m: (m.event.geo_precision or 9, m.event.location is None, _content_order(m)))
    by_date = min(
        members,
        key=lambda m: (m.event.event_date is None, m.event.time_precision, m.event.event_date or "", _content_order(m)),
    )
    by_actors = min(members, key=lambda m: (-len(actor_set(m.event)), _content_order(m)))
    base = by_actors.event
    place, date = by_place.event, by_date.event
    reasons = []
    ordered = sorted(members, key=_ingest_order)
    for position, member in enumerate(ordered[1:], start=1):
        joined = _join(member, Cluster(ordered[:position]))
        why = joined[1] if joined else ["joined before a report it disagrees with was corrected"]
        earlier = ", ".join(m.doc_id or m.doc_key for m in ordered[:position])
        reasons.append(f"{member.doc_id or member.doc_key} ~ {earlier}: " + "; ".join(why))
    figures = [m for m in members if m.event.fatalities is not None]
    fatalities = low = high = None
    by_side = base.fatalities_by_side
    if figures:
        lowest = min(figures, key=lambda m: (m.event.fatalities, _content_order(m)))
        fatalities, by_side = lowest.event.fatalities, lowest.event.fatalities_by_side
        lows = [m.event.fatalities_low if m.event.fatalities_low is not None else m.event.fatalities for m in figures]
        low = min(lows)
        highs = [m.event.fatalities_high for m in figures]
        high = None if any(h is None for h in highs) else max(highs)
        told = sorted({(m.event.fatalities, m.outlet or m.doc_id) for m in figures})
        if len({f for f, _ in told}) > 1:
            reasons.append(
                "fatalities differ: " + ", ".join(f"{f} ({who})" for f, who in told) + f"; kept the lowest, {fatalities}"
            )
    subtypes = sorted({m.event.sub_event_type for m in members if m.event.sub_event_type})
    if len(subtypes) > 1:
        reasons.append("sub-event types differ: " + ", ".join(subtypes) + f"; kept {base.sub_event_type}")
    dates = sorted({m.event.event_date for m in members if m.event.event_date})
    if len(dates) > 1:
        reasons.append("dates differ: " + ", ".join(dates) + f"; kept {date.event_date}")
    outlets = sorted({m.outlet for m in members if m.outlet})
    base, filled = _fill_sides(base, members)
    if filled:
        reasons.append(filled)
    event = replace(
        base,
        event_id_cnty=cl.event_id,
        event_date=date.event_date,
        year=date.year,
        time_precision=date.time_precision,
        iso=place.iso,
        region=place.region,
        country=place.country,
        admin1=place.admin1,
        admin2=place.admin2,
        admin3=place.admin3,
        location=place.location,
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=place.geo_precision,
        source="; ".join(outlets),
        fatalities=fatalities,
        fatalities_low=low,
        fatalities_high=high,
        fatalities_by_side=dict(by_side),
        doc_id="; ".join(sorted({m.doc_id for m in members})),
        certainty="reported" if any(m.event.certainty == "reported" for m in members) else base.certainty,
        salience="core" if any(m.event.salience == "core" for m in members) else base.salience,
        evidence=first.event.evidence,
    )
    return event, reasons
