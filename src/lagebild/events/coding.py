"""Coding: a finished ``Candidate`` becomes an ``Event`` with ACLED's columns.

Reads: a merged ``Candidate``, the ``Analysis`` and the ``DocumentContext``. Writes: one
``Event`` with type, actors, place (a country alone becomes the story's admin1 area), date and
time precision, fatality range (split where one toll covers several places), cited source,
certainty, salience and evidence spans; its id is a hash of its identity.
"""

from __future__ import annotations

import hashlib

from ..geo import GeoContext, fallback_place
from ..language.lexicon import ACTOR_TYPES, Actor, Lexicon
from ..language.mentions import Analysis
from ..language.tolls import toll
from ..language.wordlists import word_set
from ..records import Event, Evidence, Quantity, Span
from .candidate import Candidate, is_country
from .classify import POLICING, UNCLAIMED_BY_ARMED_MEN, retype_incident
from .grounding import DocumentContext
from .roles import deaths_by_side, who_was_arrested
from .timing import date_and_precision

__all__ = ["to_event"]


def to_event(c: Candidate, analysis: Analysis, lexicon: Lexicon, context: DocumentContext, version: str) -> Event:
    doc = analysis.document
    sentence = analysis.sentences[c.sentence]
    fatalities = _share(toll(c.deaths), *c.share)
    if fatalities is None and _only_injured(c, analysis):
        fatalities = Quantity(0, 0, None)  # "Sieben Personen wurden verletzt": injured, nobody reported dead
    c = retype_incident(c, analysis, fatalities)
    actor1 = c.actor1[0] if c.actor1 else None
    actor2 = c.actor2[0] if c.actor2 else None
    by_side = deaths_by_side(c, analysis, context)
    iso = c.place.iso if c.place is not None and c.place.iso else (context.focus[0] if context.focus else None)
    if iso and actor2 is None and c.event_type in ("Explosions/Remote violence", "Violence against civilians"):
        harmed_civilians = any(m.value == "civilian" for i in c.sentences for m in analysis.of_kind("cue", i))
        if harmed_civilians:  # "Mindestens 19 Menschen wurden getötet": the victims of a strike
            actor2 = context.lexicon.actors.get(f"civilians:{iso}")
    if iso and c.sub_event_type in POLICING and actor1 is not None and actor1.type == "state" and c.actor1 and (
            c.actor1[1].kind == "description" and c.actor1[1].value.pattern in word_set("policing_forces")):  # fmt: skip
        actor1 = context.lexicon.actors.get(f"police:{actor1.country or iso}") or actor1  # "Sicherheitskräfte nahmen ... fest"
    if iso and c.sub_event_type == "Arrests":
        actor2 = who_was_arrested(c, actor2, analysis, context.lexicon, iso)
    if iso and actor1 is None and c.sub_event_type in UNCLAIMED_BY_ARMED_MEN:
        actor1 = context.lexicon.actors.get(f"unidentified:{iso}")  # ACLED's coding of unknown perpetrators
    # Unknown armed men are named by the country where they struck, civilians and crowds by the
    # country where they were, not by the story's first country.
    actor1, actor2 = (_of_the_event_country(a, iso, context) for a in (actor1, actor2))
    if c.event_type == "Battles" and (actor1 is None or actor2 is None):
        actor1, actor2 = _sides_of_the_dead(actor1, actor2, by_side)
    place = c.place
    if (place is None or is_country(place)) and context.focus and context.gazetteer is not None:
        # ACLED codes no event coarser than its admin1 area: a country alone takes the area
        # the story centres on in that country, at precision 3.
        countries = [place.iso] if place is not None and place.iso else context.focus
        # the story's admin1 areas lie in its first country: no hint for an event in another
        # (nor for history told on a day of its own: "Im Oktober wurden bei einem Luftangriff ...")
        admin1 = context.admin1_focus if countries[:1] == context.focus[:1] and not c.history else []
        area = fallback_place("", context.gazetteer, GeoContext(countries=countries, admin1=admin1), None)
        if place is None or area.admin1 is not None:
            place = area
    day_range = c.date.value if c.date is not None else None
    event_date, precision = date_and_precision(day_range, doc.published)
    country = lexicon.countries.get(place.iso) if place and place.iso else None
    inter1 = ACTOR_TYPES.get(actor1.type, "") if actor1 else ""
    inter2 = ACTOR_TYPES.get(actor2.type, "") if actor2 else ""
    fatality_span = c.deaths[0][1].span if c.deaths else None
    evidence = Evidence(
        sentence=Span(sentence.start, sentence.end, sentence.text),
        trigger=c.trigger.span,
        actor1=c.actor1[1].span if c.actor1 else None,
        actor2=c.actor2[1].span if c.actor2 else None,
        location=c.place_mention.span if c.place_mention else None,
        date=c.date.span if c.date else None,
        fatalities=fatality_span,
        source=c.source[1].span if c.source else None,
    )
    year = int(event_date[:4]) if event_date else None
    key = f"{doc.id}|{c.sub_event_type}|{place.name if place else ''}|{event_date}|{c.trigger.start}"
    # 64 bits: two of a country's events share an id only once in some 10^9 pairs of 10^5 events
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    iso3 = country.iso3 if country else "XXX"
    event = Event(
        event_id_cnty=f"{iso3}{digest}",
        event_date=event_date,
        year=year,
        time_precision=precision,
        disorder_type=lexicon.disorder_types.get(c.event_type, ""),
        event_type=c.event_type,
        sub_event_type=c.sub_event_type,
        actor1=actor1.name if actor1 else None,
        inter1=inter1,
        actor2=actor2.name if actor2 else None,
        inter2=inter2,
        interaction=f"{inter1}-{inter2}" if inter2 else (f"{inter1} only" if inter1 else ""),
        civilian_targeting="Civilian targeting" if actor2 and actor2.type == "civilians" else "",
        iso=place.iso if place else None,
        region=country.region if country else None,
        country=country.name if country else (place.country if place else None),
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        location=place.name if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else None,
        source=doc.outlet or "",
        fatalities=fatalities.best if fatalities else None,
        doc_id=doc.id,
        fatalities_low=fatalities.low if fatalities else None,
        fatalities_high=fatalities.high if fatalities else None,
        fatalities_by_side={actor.name: n for actor, n in by_side.items()},
        source_original=c.source[0] if c.source else None,
        certainty=c.certainty,
        salience=c.salience,
        geonameid=place.geonameid if place else None,
        geo_note=(place.note or "") if place else "no place named in the text and no country known",
        evidence=evidence,
        extractor_version=version,
    )
    event.notes = _notes(event)
    return event


def _only_injured(c: Candidate, analysis: Analysis) -> bool:
    """Whether the sentences that tell the event report injured and no dead."""
    cues = {m.value for i in c.sentences for m in analysis.of_kind("cue", i)}
    return "injury" in cues and "death" not in cues


def _sides_of_the_dead(actor1: Actor | None, actor2: Actor | None, by_side) -> tuple[Actor | None, Actor | None]:
    """ "44 HTS-Mitglieder und 37 Mitglieder der Regimekräfte getötet": the dead name both sides
    of a battle; "zwei Soldaten und drei Polizisten getötet": a country's army and police are one."""
    camps = {("state", a.country) if a.type == "state" else a.id for a in by_side}
    if len(camps) < 2:
        return actor1, actor2
    known = actor1 or actor2
    other = next((a for a in by_side if known is None or a.id != known.id), None)
    return (known, other) if actor1 is not None else (other, known)


# The actors made for every country: named by the country of the event they take part in (police
# forces do not act abroad; armies do, and keep their own country)
_PER_COUNTRY = ("unidentified", "civilians", "protesters", "rioters", "police")


def _of_the_event_country(actor: Actor | None, iso: str | None, context: DocumentContext) -> Actor | None:
    kind = actor.id.partition(":")[0] if actor is not None else ""
    if actor is None or iso is None or kind not in _PER_COUNTRY or actor.country == iso:
        return actor
    return context.lexicon.actors.get(f"{kind}:{iso}") or actor


def _share(total: Quantity | None, index: int, count: int) -> Quantity | None:
    """The part of a toll told for ``count`` places that falls to place ``index``: an even
    split, the remainder to the first places."""
    if total is None or count == 1:
        return total

    def part(n: int) -> int:
        return n // count + (index < n % count)

    return Quantity(part(total.best), part(total.low), None if total.high is None else part(total.high))


def _notes(event: Event) -> str:
    """English notes told from the coded fields; the German sentence stays in ``evidence``."""
    from ..acled import english_notes

    return english_notes(event)
