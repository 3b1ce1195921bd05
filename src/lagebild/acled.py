"""The ACLED profile: an ``Event`` as ACLED writes it, and the event's English notes.

Reads: ``Event`` records; the data files ``acled.toml`` (inter codes, interaction wording,
crowd sizes, notes frames), ``regime_periods.tsv`` (the period after a state's forces),
``outlets.tsv`` (source scales) and the lexicon's ``countries.tsv`` (numeric ISO codes,
regions) and ``actors.tsv`` (ACLED's full actor names). Writes: ``acled_row`` — a dict of
ACLED's 31 columns in ACLED's order with ACLED's values, then ``fatalities_low``,
``fatalities_high`` and ``fatalities_known`` — and ``english_notes``.

What changes against the ``Event`` (lagebild's own record, as JSONL holds it):

- ``iso`` is the ISO 3166-1 numeric code (760), not the alpha-2 code ("SY");
- actors carry ACLED's acronym prefix ("HTS: Hayat Tahrir al Sham") and, for a state's
  military and police, the period of the government in power on the event's day
  ("Military Forces of Syria (2000-2024)");
- a state's forces acting outside their own country are "External/Other forces" (ACLED's
  inter code 8), and ``interaction`` names the lower code first ("State forces-Rebel group"
  whichever side is actor1; "Rebel group only" for one actor);
- an event without actor1 gets the actor ACLED codes for an unnamed one: "Protesters (X)",
  "Rioters (X)" or "Unidentified Armed Group (X)" (a strategic development takes its actor2);
- ``fatalities`` is an integer, 0 where the text gives no figure (``fatalities_known`` says
  which); ``timestamp`` the Unix time the event was stored or written; ``source_scale``
  from the outlets; ``tags`` the crowd size of demonstrations.

The profile's data is loaded once, on first use (``profile()``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .errors import DataFileError
from .records import ACLED_COLUMNS, Event

__all__ = ["ACLED_EXTRA", "PROFILE_COLUMNS", "AcledActor", "Profile", "acled_row", "english_notes", "profile"]

# lagebild's columns that ACLED users need right after ACLED's own: the range behind the
# integer ``fatalities`` and whether the text gave a figure at all.
ACLED_EXTRA = ("fatalities_low", "fatalities_high", "fatalities_known")
PROFILE_COLUMNS = ACLED_COLUMNS + ACLED_EXTRA
_STATE_FORCES = re.compile(r"^(?:Military|Police) Forces of (?:the )?(?P<country>[^()]+)$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # English whatever the locale: notes are English
_SCALE_ORDER = ("Local partner", "Subnational", "National", "Regional", "International", "New media", "Other")
_GERMAN_SPEAKING = frozenset({"DE", "AT", "CH"})  # where an unlisted outlet is taken to be from


@dataclass(frozen=True, slots=True)
class AcledActor:
    """An actor as ACLED writes it: its name and its type (a key of acled.toml's [inter])."""

    name: str
    type: str | None


@dataclass(frozen=True, slots=True)
class _Period:
    """One row of regime_periods.tsv: the label ACLED gives a country's forces from start to end."""

    iso2: str
    label: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class _Outlet:
    """One row of outlets.tsv: where an outlet sits and how far it reaches."""

    country: str
    scope: str
    region: str


@dataclass(frozen=True, slots=True)
class Profile:
    """ACLED's value tables and lagebild's lexicon facts the profile needs, loaded once."""

    config: dict[str, Any]
    countries: dict[str, Any]  # iso2 -> lexicon Country
    country_by_name: dict[str, str]  # ACLED country name -> iso2
    actors_by_name: dict[str, tuple[Any, ...]]  # lagebild display name -> lexicon Actors
    acled_names: dict[str, str]  # actor id -> ACLED's full name (actors.tsv 'name')
    periods: dict[str, tuple[_Period, ...]]
    outlets: dict[str, _Outlet]  # casefolded form -> outlet

    def inter(self, actor_type: str | None) -> dict[str, Any] | None:
        return self.config["inter"].get(actor_type) if actor_type else None

    def period(self, iso2: str, day: dt.date) -> str | None:
        """ACLED's period label for the forces of ``iso2`` on ``day``, e.g. "2000-2024"."""
        for period in self.periods.get(iso2, ()):
            if period.start <= day and (period.end is None or day < period.end):
                return period.label
        return None


@functools.cache
def profile() -> Profile:
    """The profile's data, read once per process (the lexicon is cached by its own loader)."""
    from .geo.datafiles import data_file, read_tsv
    from .language.lexicon import Lexicon

    lexicon = Lexicon.load()
    text = resources.files("lagebild").joinpath("data", "acled.toml").read_text(encoding="utf-8")
    try:
        config = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"lagebild/data/acled.toml: {exc}") from None
    actors: dict[str, list[Any]] = {}
    for actor in lexicon.actors.values():
        actors.setdefault(actor.name, []).append(actor)
    acled_names = {row["id"]: row["name"] for _, row in read_tsv(data_file(None, "actors.tsv"), ["id", "name"])}
    periods: dict[str, list[_Period]] = {}
    source = data_file(None, "regime_periods.tsv")
    for number, row in read_tsv(source, ["iso2", "period", "start", "end"]):
        try:
            start = dt.date.fromisoformat(row["start"])
            end = dt.date.fromisoformat(row["end"]) if row["end"] else None
        except ValueError as exc:
            raise DataFileError(f"{source.label}:{number}: {exc}") from None
        periods.setdefault(row["iso2"], []).append(_Period(row["iso2"], row["period"], start, end))
    outlets = {}
    for _, row in read_tsv(data_file(None, "outlets.tsv"), ["outlet", "forms", "country", "scope"]):
        outlet = _Outlet(row["country"], row["scope"], row.get("region", ""))
        for form in [row["outlet"], *row["forms"].split("|")]:
            outlets.setdefault(form.strip().casefold(), outlet)
    return Profile(
        config=config,
        countries=dict(lexicon.countries),
        country_by_name={c.name: c.iso2 for c in lexicon.countries.values()},
        actors_by_name={name: tuple(found) for name, found in actors.items()},
        acled_names=acled_names,
        periods={iso: tuple(found) for iso, found in periods.items()},
        outlets=outlets,
    )


# -- one row -------------------------------------------------------------------------


def acled_row(event: Event, *, timestamp: int | None = None) -> dict[str, Any]:
    """The event as one row of ACLED's export (``PROFILE_COLUMNS``, in that order).

    ``timestamp`` is used when the event carries none (it was never stored); without it,
    the current time.
    """
    p = profile()
    actor1, actor2 = acled_actors(event)
    inter1, inter2 = p.inter(actor1.type if actor1 else None), p.inter(actor2.type if actor2 else None)
    country = p.countries.get(event.iso or "")
    row: dict[str, Any] = {column: getattr(event, column) for column in ACLED_COLUMNS}
    row.update(
        actor1=actor1.name if actor1 else "",
        actor2=actor2.name if actor2 else "",
        inter1=inter1["label"] if inter1 else event.inter1,
        inter2=inter2["label"] if inter2 else (event.inter2 if actor2 else ""),
        interaction=_interaction(inter1, inter2) or event.interaction,
        iso=country.iso_numeric if country else None,
        region=event.region or (country.region if country else None),
        source_scale=source_scale(event.source, event.iso, event.region or (country.region if country else None)),
        notes=_notes(event, actor1, actor2),
        fatalities=event.fatalities or 0,
        tags=event.tags or crowd_tag(event),
        timestamp=event.timestamp or (timestamp if timestamp is not None else int(time.time())),
        fatalities_low=event.fatalities_low,
        fatalities_high=event.fatalities_high,
        fatalities_known=event.fatalities is not None,
    )
    return row


def english_notes(event: Event) -> str:
    """Short English notes told from the event's fields alone (never from its text).

    >>> english_notes(Event(event_date="2024-11-27", time_precision=1, event_type="Battles",
    ...     sub_event_type="Armed clash", actor1="Military Forces of Russia",
    ...     actor2="Military Forces of Ukraine", iso="UA", country="Ukraine", location="Pokrovsk",
    ...     geo_precision=1, fatalities=3, fatalities_low=3, fatalities_high=3))
    'On 27 November 2024, Military Forces of Russia (2000-) clashed with Military Forces of Ukraine (2019-) in Pokrovsk, Ukraine. 3 people were reportedly killed.'
    """
    return _notes(event, *acled_actors(event))


# -- actors --------------------------------------------------------------------------


def acled_actors(event: Event) -> tuple[AcledActor | None, AcledActor | None]:
    """actor1 and actor2 as ACLED writes them (see the module's docstring)."""
    day = _day(event.event_date)
    actor1 = _acled_actor(event.actor1, event.iso, day, event.inter1)
    actor2 = _acled_actor(event.actor2, event.iso, day, event.inter2)
    if actor1 is None:
        if event.event_type == "Strategic developments" and actor2 is not None:
            return actor2, None  # ACLED's actors carry no direction; the one named is actor1
        actor1 = _unnamed_actor(event)
    return actor1, actor2


def _acled_actor(name: str | None, iso: str | None, day: dt.date | None, inter: str) -> AcledActor | None:
    if not name:
        return None
    p = profile()
    candidates = p.actors_by_name.get(name, ())
    actor = next((a for a in candidates if a.country == iso), candidates[0] if candidates else None)
    if actor is None:  # a name the lexicon does not know (edited by hand): its own type, as coded
        kind = next((k for k, v in p.config["inter"].items() if v["label"] == inter), None)
        return AcledActor(_with_period(name, None, day), kind)
    full = p.acled_names.get(actor.id, actor.name)
    kind = actor.type
    if kind == "state" and actor.country and iso and actor.country != iso:
        kind = "external"  # a state's forces outside their own country (ACLED's inter code 8)
    return AcledActor(_with_period(full, actor.country, day), kind)


def _with_period(name: str, iso2: str | None, day: dt.date | None) -> str:
    """"Military Forces of Syria" -> "Military Forces of Syria (2000-2024)" on a day of that
    government; a name that has its period already, or a day without a known period, stays."""
    match = _STATE_FORCES.match(name)
    if match is None or day is None:
        return name
    p = profile()
    country = iso2 or p.country_by_name.get(match["country"])
    label = p.period(country, day) if country else None
    return f"{name} ({label})" if label else name


def _unnamed_actor(event: Event) -> AcledActor:
    """The actor ACLED codes where the report names none."""
    country = profile().countries.get(event.iso or "")
    where = f" ({country.name})" if country else ""
    if event.event_type == "Protests":
        return AcledActor(f"Protesters{where}", "protesters")
    if event.event_type == "Riots":
        return AcledActor(f"Rioters{where}", "rioters")
    return AcledActor(f"Unidentified Armed Group{where}", "political_militia")


def _interaction(inter1: dict[str, Any] | None, inter2: dict[str, Any] | None) -> str:
    """ACLED's interaction: the lower inter code first, or one type "only".

    >>> p = profile().config["inter"]
    >>> _interaction(p["rebel"], p["state"]), _interaction(p["civilians"], p["external"]), _interaction(p["rebel"], None)
    ('State forces-Rebel group', 'External/Other forces-Civilians', 'Rebel group only')
    """
    words = profile().config["interaction"]
    if inter1 is None:
        return ""
    if inter2 is None:
        return words["single"].format(label=inter1["label"])
    low, high = sorted((inter1, inter2), key=lambda i: i["code"])
    return words["exceptions"].get(f"{low['code']}{high['code']}", f"{low['label']}-{high['label']}")


# -- sources and tags ----------------------------------------------------------------


def source_scale(source: str, iso2: str | None, region: str | None) -> str:
    """ACLED's source_scale for the outlets in ``source`` ("; "-separated) reporting an event
    in ``iso2``: distinct scales joined by "-" ("National-International").

    >>> source_scale("SANA; Reuters", "SY", "Middle East"), source_scale("Lokalblatt", "SY", None)
    ('National-International', 'International')
    """
    p = profile()
    scales = set()
    for name in filter(None, (part.strip() for part in source.split(";"))):
        outlet = p.outlets.get(name.casefold())
        if outlet is None:  # a German-language outlet, as lagebild reads German reporting
            if iso2 and iso2 not in _GERMAN_SPEAKING:
                scales.add("International")
            continue
        scales.add(_scale(outlet, iso2, region))
    return "-".join(s for s in _SCALE_ORDER if s in scales)


def _scale(outlet: _Outlet, iso2: str | None, region: str | None) -> str:
    if outlet.scope in ("national", "subnational"):
        return outlet.scope.capitalize() if outlet.country == iso2 else "International"
    if outlet.scope == "regional":
        return "Regional" if region and outlet.region == region else "International"
    return {"international": "International", "new media": "New media"}.get(outlet.scope, "Other")


def crowd_tag(event: Event) -> str:
    """ACLED's tag "crowd size=..." for Protests and Riots, from the figure before a word for
    people in the evidence sentence ("Tausende Menschen" -> "crowd size=thousands")."""
    if event.event_type not in ("Protests", "Riots"):
        return ""
    crowd = profile().config["crowd"]
    sentence = event.evidence.sentence.text if event.evidence else ""
    size = _crowd_size(sentence, crowd) if sentence else None
    return f"crowd size={size or crowd['none']}"


def _crowd_size(sentence: str, crowd: dict[str, Any]) -> str | None:
    from .language.quantities import find_quantities

    for found in find_quantities(sentence):
        following = sentence[found.end :].split(maxsplit=1)
        if not following or not following[0].lower().startswith(tuple(crowd["nouns"])):
            continue
        words = found.text.lower().split()
        if found.kind == "vague" and words[-1] in crowd["vague"]:
            return crowd["vague"][words[-1]]
        q = found.quantity
        if found.kind == "approximate" and q.high is None:
            return f"more than {q.low}" if q.low >= q.best else f"at least {q.best}"
        if found.kind == "approximate":
            return f"around {q.best}" if q.low < q.best < q.high else f"up to {q.high}"
        if found.kind == "range":
            return f"{q.low}-{q.high}"
        return str(q.best)
    return None


# -- notes ---------------------------------------------------------------------------


def _notes(event: Event, actor1: AcledActor | None, actor2: AcledActor | None) -> str:
    """"<date>, <what> <where>. <fatalities>. <source>." from the fields alone."""
    frames = profile().config["notes"]
    pair = frames["frames"].get(event.sub_event_type)
    place = event.location or event.admin1 or event.country or "an unknown place"
    names = {"actor1": actor1.name if actor1 else "Unidentified actors", "actor2": actor2.name if actor2 else "",
             "place": place}  # fmt: skip
    if pair is None:
        what = f"{event.sub_event_type or event.event_type or 'An event'} involving {names['actor1']}"
    else:
        what = pair[0 if actor2 else 1].format(**names)
    if "{place}" not in (pair[0 if actor2 else 1] if pair else "") and event.location:
        what += _where(event)
    when = _when(event.event_date, event.time_precision, frames["date"])
    sentences = [f"{when}, {what}." if when else f"{what[0].upper()}{what[1:]}."]
    sentences.append(_fatalities(event, frames["fatalities"]))
    if event.source_original:
        sentences.append(f"Source: {event.source_original}.")
    sentences.append(frames["certainty"].get(event.certainty, ""))
    return " ".join(s for s in sentences if s)


def _where(event: Event) -> str:
    near = "near" if event.geo_precision == 2 else "in"
    country = f", {event.country}" if event.country and event.country != event.location else ""
    return f" {near} {event.location}{country}"


def _when(date: str | None, precision: int, frames: dict[str, str]) -> str:
    day = _day(date)
    if day is None:
        return ""
    frame = frames.get(str(precision), frames["1"])
    month = f"{_MONTHS[day.month - 1]} {day.year}"
    return frame.format(day=f"{day.day} {month}", month=month)


def _fatalities(event: Event, frames: dict[str, str]) -> str:
    if event.fatalities is None:
        return ""
    if event.fatalities == 0 and not event.fatalities_high:
        return frames["none"]
    low = event.fatalities_low if event.fatalities_low is not None else event.fatalities
    if event.fatalities_high is None and low == event.fatalities:
        text = frames["at_least"].format(count=event.fatalities)
    elif event.fatalities_high is not None and low < event.fatalities_high:
        text = frames["between"].format(low=low, high=event.fatalities_high)
    else:
        text = frames["one" if event.fatalities == 1 else "many"].format(count=event.fatalities)
    sides = _sides(event.fatalities_by_side.items(), event.fatalities)
    return f"{text}{f' ({sides})' if sides else ''}."


def _sides(items: Iterable[tuple[str, int]], total: int) -> str:
    """The dead of each side, when there are several and they add up to the total."""
    parts = [(name, n) for name, n in items if n]
    if len(parts) < 2 or sum(n for _, n in parts) != total:
        return ""
    return ", ".join(f"{n} {name}" for name, n in parts)


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
