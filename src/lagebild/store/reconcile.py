"""Reconciling a cluster: the one event that stands for the reports of one happening.

Pure functions over records, no SQL. Reads: a ``dedup.Cluster`` (its members' events, their
reports' outlets and publication dates, their ``pairs.Profile``). Writes: the canonical
``Event`` and the reasons ``lagebild show`` prints — why each report was merged (the pair
decision's evidence) and how each field was chosen.

How the fields are chosen (each rule breaks ties by the next; the last tie-break is the
members' content order, never their arrival):

- **type and sub-type**: the event type most reports give, ties by ``TYPE_PRECEDENCE`` (a
  report that names the fighting or the weapon tells more than one that tells only the
  dead); then the sub-type most of those reports give, ties by ``SUBTYPE_PRECEDENCE`` (the
  most specific first: a suicide bombing before a bomb, a missile before a "Luftangriff").
- **place**: the most specific — a spot before an area, a place read from the event's own
  sentence before a dateline or fallback, a lower ``geo_precision``, the place more
  reports give.
- **date**: the narrowest consistent one — the days every report's window allows; the day
  of the most precise report (an explicit date, then a relative one, then a publication
  day) that lies in them, else the last of them.
- **fatalities**: low the lowest low, high the highest high (none if a report sets no upper
  bound), and as best figure the one of the latest report — counts rise as the dead are
  found — taking the lowest of several published that day (ACLED's conservative reading),
  but never below a lower bound another report sets ("mindestens 50" against a later
  "Dutzende").
- **actors**: those of the report that names the most, a side it leaves open filled from
  the first report that names it; sources and document ids of every report.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..records import Event
from .dedup import Cluster, Decisions, Member, order_key
from .pairs import is_civilians

__all__ = ["SUBTYPE_PRECEDENCE", "TYPE_PRECEDENCE", "canonical"]

TYPE_PRECEDENCE = (
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests",
    "Strategic developments",
)  # fmt: skip
SUBTYPE_PRECEDENCE = (
    "Non-state actor overtakes territory", "Government regains territory", "Armed clash",
    "Suicide bomb", "Remote explosive/landmine/IED", "Grenade", "Chemical weapon",
    "Shelling/artillery/missile attack", "Air/drone strike",
    "Sexual violence", "Abduction/forced disappearance", "Attack",
    "Mob violence", "Violent demonstration",
    "Excessive force against protesters", "Protest with intervention", "Peaceful protest",
)  # fmt: skip


def _rank(order: Sequence[str], value: str) -> int:
    return order.index(value) if value in order else len(order)


def _who(member: Member) -> str:
    return member.doc_id or member.doc_key[:12]


def _type(members: Sequence[Member]) -> tuple[str, str, str]:
    """(event type, sub-event type, reason)."""
    types = Counter(m.event.event_type for m in members)
    event_type = min(types, key=lambda t: (-types[t], _rank(TYPE_PRECEDENCE, t), t))
    subs = Counter(m.event.sub_event_type for m in members if m.event.event_type == event_type)
    sub = min(subs, key=lambda s: (-subs[s], _rank(SUBTYPE_PRECEDENCE, s), s))
    told = Counter((m.event.event_type, m.event.sub_event_type) for m in members)
    if len(told) == 1:
        return event_type, sub, ""
    listed = ", ".join(f"{s} ({t}) {n}x" for (t, s), n in sorted(told.items()))
    return event_type, sub, f"type: {event_type} / {sub}, the best supported of {listed} (then by precedence)"


def _place(members: Sequence[Member]) -> tuple[Member, str]:
    support = Counter(m.profile.geonameid or m.profile.place_key for m in members)

    def specific(m: Member) -> tuple:
        p = m.profile
        return p.area, p.stand_in, m.event.geo_precision or 9, -support[p.geonameid or p.place_key], order_key(m)

    chosen = min(members, key=specific)
    places = sorted({m.event.location or "?" for m in members})
    reason = f"place: {chosen.event.location}, the most specific of {', '.join(places)}" if len(places) > 1 else ""
    return chosen, reason


def _date(members: Sequence[Member]) -> tuple[str | None, int, str]:
    """(event_date, time_precision, reason): the narrowest date every report allows."""
    windows = [m.window for m in members if m.window is not None]
    if not windows:
        first = min(members, key=order_key).event
        return first.event_date, first.time_precision, ""
    low, high = max(w[0] for w in windows), min(w[1] for w in windows)

    def precision(m: Member) -> tuple:
        window = m.window or (0, 0)
        return not m.profile.dated, window[1] - window[0], m.event.time_precision, order_key(m)

    dates = sorted({m.event.event_date or "?" for m in members})
    for m in sorted(members, key=precision):
        if m.profile.day is not None and low <= m.profile.day <= high and m.event.event_date:
            reason = f"date: {m.event.event_date} from {_who(m)}, the narrowest of {', '.join(dates)}"
            return m.event.event_date, m.event.time_precision, reason if len(dates) > 1 else ""
    day = dt.date.fromordinal(high)  # windows that overlap pairwise share a day (Helly, on a line)
    return day.isoformat(), 1 if low == high else 2, f"date: {day}, the last day all of {', '.join(dates)} allow"


def _low(member: Member) -> int:
    event = member.event
    return event.fatalities_low if event.fatalities_low is not None else event.fatalities  # type: ignore[return-value]


def _fatalities(members: Sequence[Member]) -> tuple[Member | None, int | None, int | None, str]:
    """(the member whose figure is best, low, high, reason)."""
    figures = [m for m in members if m.event.fatalities is not None]
    if not figures:
        return None, None, None, ""
    latest = max(m.published or "" for m in figures)
    best = min((m for m in figures if (m.published or "") == latest),
               key=lambda m: (m.event.fatalities, order_key(m)))  # fmt: skip
    how = f"the figure of the latest report ({_who(best)})"
    # "mindestens 50" is a floor no later, vaguer figure ("Dutzende") goes below.
    floors = [m for m in figures if m.event.fatalities_high is None and _low(m) > best.event.fatalities]  # type: ignore[operator]
    if floors:
        floor = min(floors, key=lambda m: (-_low(m), order_key(m)))
        how = f"the lower bound {_who(floor)} sets (the latest report, {_who(best)}, says {best.event.fatalities})"
        best = floor
    highs = [m.event.fatalities_high for m in figures]
    high = None if any(h is None for h in highs) else max(highs)  # type: ignore[type-var]
    low = min(map(_low, figures))
    told = sorted({(m.event.fatalities, _who(m), m.published or "?") for m in figures})
    reason = ""
    if len({f for f, _, _ in told}) > 1:
        listed = ", ".join(f"{f} ({who}, {published})" for f, who, published in told)
        reason = f"fatalities: {best.event.fatalities}, {how}, range {low}..{'open' if high is None else high} across {listed}"
    return best, low, high, reason


def _fill_sides(base: Member, members: Sequence[Member]) -> tuple[dict[str, str | None], str]:
    """Actor fields for a side ``base`` leaves unnamed, from the first report (in pass order)
    that names that side with another actor than ``base``'s other side; and the reason."""
    changes: dict[str, str | None] = {}
    told = []
    for number, other in ((1, base.event.actor2), (2, base.event.actor1)):
        if getattr(base.event, f"actor{number}"):
            continue
        for m in members:
            actor = getattr(m.event, f"actor{number}")
            if actor and actor != other:
                changes.update({f"actor{number}": actor, f"assoc_actor_{number}": getattr(m.event, f"assoc_actor_{number}"),
                                f"inter{number}": getattr(m.event, f"inter{number}")})  # fmt: skip
                told.append(f"actor{number} {actor} from {_who(m)}")
                break
    return changes, ("actors completed from the reports that name them: " + ", ".join(told)) if told else ""


def _why(members: Sequence[Member], decisions: Decisions) -> list[str]:
    """For each report after the first, the evidence that ties it to the earlier report it
    agrees with most (every pair agrees: clusters are complete-linkage)."""
    reasons = []
    for position, member in enumerate(members[1:], start=1):
        # The scores are kept (a vetoed pair scores 0, as its decision does); only the
        # chosen pair's reasons are worked out.
        scores = [decisions.score(other, member) or 0 for other in members[:position]]
        other = members[scores.index(max(scores))]  # the first of the best, as max() took it
        reasons.append(f"{_who(member)} ~ {_who(other)}: {decisions(other, member).explain()}")
    return reasons


def canonical(cl: Cluster, decisions: Decisions | None = None) -> tuple[Event, list[str]]:
    """(the event standing for the cluster, the reasons): its id is the cluster's, ``source``
    lists the outlets, ``doc_id`` the reports. See the module doc for each field."""
    members = sorted(cl.members, key=order_key)
    if len(members) == 1:
        return replace(members[0].event, event_id_cnty=cl.cluster_id), []
    event_type, sub, type_reason = _type(members)
    typed = [m for m in members if (m.event.event_type, m.event.sub_event_type) == (event_type, sub)]
    base = min(typed, key=lambda m: (-sum(bool(x) for x in (m.event.actor1, m.event.actor2)), order_key(m)))
    place, place_reason = _place(members)
    event_date, precision, date_reason = _date(members)
    best, low, high, toll_reason = _fatalities(members)
    sides, sides_reason = _fill_sides(base, members)
    event = replace(base.event, **sides)
    if event.inter1 and event.inter2:
        event = replace(event, interaction=f"{event.inter1}-{event.inter2}")
    if event.actor2 and is_civilians(event.actor2):
        event = replace(event, civilian_targeting="Civilian targeting")
    p = place.event
    event = replace(
        event,
        event_id_cnty=cl.cluster_id,
        event_date=event_date,
        year=int(event_date[:4]) if event_date else None,
        time_precision=precision,
        iso=p.iso, region=p.region, country=p.country, admin1=p.admin1, admin2=p.admin2, admin3=p.admin3,
        location=p.location, latitude=p.latitude, longitude=p.longitude, geo_precision=p.geo_precision,
        geonameid=p.geonameid, geo_note=p.geo_note,
        source="; ".join(sorted({m.outlet for m in members if m.outlet})),
        fatalities=best.event.fatalities if best else None,
        fatalities_low=low,
        fatalities_high=high,
        fatalities_by_side=dict(best.event.fatalities_by_side if best else event.fatalities_by_side),
        doc_id="; ".join(sorted({m.doc_id for m in members})),
        certainty="reported" if any(m.event.certainty == "reported" for m in members) else base.event.certainty,
        salience="core" if any(m.event.salience == "core" for m in members) else base.event.salience,
    )  # fmt: skip
    reasons = _why(members, decisions or Decisions())
    reasons += [r for r in (type_reason, place_reason, date_reason, toll_reason, sides_reason) if r]
    return event, reasons
