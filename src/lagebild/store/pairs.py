"""Whether two reports tell one event: the evidence table of the pair decision.

Pure functions over records, no SQL. Reads: an ``Event`` as one report tells it, with that
report's title and publication date, turned once into a ``Profile`` (``profile``). Writes:
a ``PairDecision`` for two profiles — a veto, or points for and against with the reason
for each, which ``lagebild show`` prints.

Two reports' events are one event when nothing vetoes the pair and the points reach
``MERGE_SCORE``. The table (points; "veto" ends the decision):

=========  ==============================================================  ======
evidence   when                                                            points
=========  ==============================================================  ======
place      same GeoNames id, or the same name (any transliteration)         +3
           points at most ``NEAR_KM`` apart                                 +2
           points at most ``MAX_KM`` apart                                  +1
           same admin2 district, or one place is an area holding the other   0
           one place is a stand-in (dateline, country or region fallback)    0
           and the other report's text names it
           the other report's text also names this place (bonus)            +1
           other country, or none of the above                             veto
type       same sub-event type                                              +2
           compatible sub-event types of one type (``SUBTYPE_COMPATIBLE``)  +1
           one act coded as two types (``CROSS_TYPE_COMPATIBLE``)            0
           anything else                                                   veto
date       the windows (``dedup.window``) overlap on no day                  veto
           same day, both reports date it in their text                     +2
           same day otherwise (a report without a date in its text)         +1
           a day apart, or the day lies in the window of a report that       0
           names no day
           two or more days apart                                           -2
actors     two different named attackers (in every way the sides line up)  veto
           a named actor (not civilians, not unidentified) shared           +1
           the attacked sides are named differently                         -1
details    the same facility hit (``FACILITIES``: station, church, ...)     +2
           both name a facility, but not the same                           -2
           the same victim group (``VICTIM_GROUPS``: children, police ...)  +1
toll       both give a toll, the larger at most twice the smaller           +1
           the larger ten times the smaller or more                         -1
=========  ==============================================================  ======

An unknown side is compatible with anything: a report that names no attacker, or only
ACLED's "Unidentified Armed Group (X)" (often of the wrong country), or the police it cites
as its source, leaves the attacker open. Civilians of any country are compatible with
civilians ("Civilians (Russia)" for the dead of a strike on Sumy is an extraction slip).

>>> from lagebild.records import Event
>>> strike = dict(event_type="Explosions/Remote violence", iso="UA", location="Sumy", event_date="2025-04-13",
...               time_precision=1, actor1="Military Forces of Russia", actor2="Civilians (Ukraine)")
>>> a = profile(Event(sub_event_type="Shelling/artillery/missile attack", fatalities=21, **strike), "", "2025-04-13")
>>> b = profile(Event(sub_event_type="Air/drone strike", fatalities=31, **strike), "", "2025-04-14")
>>> decision = decide(a, b)
>>> decision.merges, decision.score
(True, 8)
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from ..language.normalize import fold, name_key
from ..records import Event, haversine_km

__all__ = [
    "CROSS_TYPE_COMPATIBLE",
    "FACILITIES",
    "LEAD_CHARS",
    "MAX_KM",
    "MERGE_SCORE",
    "NEAR_KM",
    "SUBTYPE_COMPATIBLE",
    "UNDATED_DAYS",
    "VICTIM_GROUPS",
    "PairDecision",
    "Point",
    "Profile",
    "date_window",
    "decide",
    "family",
    "haversine_km",
    "is_civilians",
    "profile",
]

MERGE_SCORE = 5  # place, type and day agreeing make 6; a pair needs more than two of them
NEAR_KM = 3.0  # one town, its districts and suburbs
MAX_KM = 10.0  # a town and the camp or village beside it, placed by two outlets differently
UNDATED_DAYS = 2  # a report that names no day tells of the days up to its publication

# Which types are one family: candidates are looked up within one family only.
_FAMILIES = {
    "Battles": "political violence",
    "Explosions/Remote violence": "political violence",
    "Violence against civilians": "political violence",
    "Protests": "demonstrations",
    "Riots": "demonstrations",
    "Strategic developments": "strategic developments",
}

_HANDOVER = "Non-violent transfer of territory"

# Sub-event types of one event type that outlets use for the same act: "Luftangriff" for a
# missile strike; a suicide bombing reported as a bomb attack; a town "taken" told as fighting.
SUBTYPE_COMPATIBLE: tuple[frozenset[str], ...] = (
    frozenset({"Shelling/artillery/missile attack", "Air/drone strike"}),
    frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"}),
    frozenset({"Armed clash", "Non-state actor overtakes territory", "Government regains territory"}),
    frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    frozenset({"Violent demonstration", "Mob violence"}),
)

# (type, sub-type) pairs across event types that can be one act told two ways: a bombing
# whose dead one outlet codes as an attack on civilians; a raid told as a rescue (a battle)
# or as strikes on a camp; a massacre told as fighting; a protest that turned violent; a town
# taken by rebels told as handed over.
_BOMBINGS = ("Suicide bomb", "Remote explosive/landmine/IED", "Grenade", "Air/drone strike",
             "Shelling/artillery/missile attack")  # fmt: skip
CROSS_TYPE_COMPATIBLE: frozenset[frozenset[tuple[str, str]]] = frozenset(
    [frozenset({("Explosions/Remote violence", sub), ("Violence against civilians", "Attack")}) for sub in _BOMBINGS]
    + [frozenset({("Explosions/Remote violence", sub), ("Battles", "Armed clash")}) for sub in _BOMBINGS[3:]]
    + [frozenset({("Battles", "Armed clash"), ("Violence against civilians", "Attack")})]
    + [frozenset({("Strategic developments", _HANDOVER), ("Battles", sub)})
       for sub in ("Non-state actor overtakes territory", "Government regains territory", "Armed clash")]
    + [frozenset({("Protests", sub), ("Riots", "Violent demonstration")})
       for sub in ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")]
)  # fmt: skip

# Distinctive details, as German word stems -> what they name. A word may name a kind and
# its class ("Moschee": a mosque, a place of worship), so "Gotteshaus" agrees with both.
FACILITIES: tuple[tuple[str, frozenset[str]], ...] = (
    ("bahnhof", frozenset({"station"})),
    ("bahnstation", frozenset({"station"})),
    ("moschee", frozenset({"mosque", "worship"})),
    ("kirche", frozenset({"church", "worship"})),
    ("kathedrale", frozenset({"church", "worship"})),
    ("synagoge", frozenset({"synagogue", "worship"})),
    ("gotteshaus", frozenset({"worship"})),
    ("markt", frozenset({"market"})),
    ("basar", frozenset({"market"})),
    ("krankenhaus", frozenset({"hospital"})),
    ("klinik", frozenset({"hospital"})),
    ("spital", frozenset({"hospital"})),
    ("schule", frozenset({"school"})),
    ("kindergarten", frozenset({"school"})),
    ("spielplatz", frozenset({"playground"})),
    ("gefängnis", frozenset({"prison"})),
    ("haftanstalt", frozenset({"prison"})),
    ("internierungslager", frozenset({"prison"})),
    ("migrantenzentrum", frozenset({"prison"})),
    ("flüchtlingslager", frozenset({"camp"})),
    ("lager", frozenset({"camp"})),
    ("camp", frozenset({"camp"})),
    ("hochzeit", frozenset({"wedding"})),
    ("restaurant", frozenset({"restaurant"})),
    ("hotel", frozenset({"hotel"})),
    ("universität", frozenset({"university"})),
    ("hauptquartier", frozenset({"headquarters"})),
    ("kaserne", frozenset({"barracks"})),
    ("checkpoint", frozenset({"checkpoint"})),
    ("kontrollpunkt", frozenset({"checkpoint"})),
    ("ministerium", frozenset({"ministry"})),
    ("parlament", frozenset({"parliament"})),
    ("botschaft", frozenset({"embassy"})),
    ("flughafen", frozenset({"airport"})),
    ("stadion", frozenset({"stadium"})),
    ("einkaufszentrum", frozenset({"market"})),
)
# Stems that would match inside unrelated words ("Munitionslager" is no camp, "Hochschule" is
# a university, "Supermarkt" is still a market).
_NOT_FACILITIES = ("munitionslager", "waffenlager", "treibstofflager", "lagerhalle", "hochschule", "lagebericht")
VICTIM_GROUPS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (stem, frozenset({group}))
    for stem, group in (
        ("kinder", "children"), ("schüler", "children"), ("polizist", "police"), ("beamte", "police"),
        ("soldat", "soldiers"), ("gläubige", "worshippers"), ("betende", "worshippers"), ("migrant", "migrants"),
        ("flüchtling", "refugees"), ("journalist", "journalists"), ("helfer", "aid workers"),
        ("sanitäter", "aid workers"), ("häftling", "prisoners"), ("gefangene", "prisoners"),
        ("hochzeitsgäste", "wedding guests"), ("pilger", "pilgrims"),
    )
)  # fmt: skip
# Words that say what kind of place a name is, not which one ("Nuseirat Camp", "Stadt Sumy").
_GENERIC_PLACE_WORDS = frozenset(
    "camp lager stadt city town village dorf district raion oblast region province provinz governorate "
    "gouvernement rayon refugee fluechtlingslager strip streifen".split()
)
_ENDINGS = ("", "s", "es", "n", "ns")  # German inflections of a place name
_WORD = re.compile(r"[^\W\d_]+")
_EXPLICIT_DATE = re.compile(r"\d|januar|februar|märz|april|mai\b|juni|juli|august|september|oktober|november|dezember",
                            re.IGNORECASE)  # fmt: skip


def family(event_type: str, sub_event_type: str = "") -> str:
    """The family of an ACLED event type: events are only compared within one family. A
    territory changing hands without a fight belongs with the battles over territory (a
    town taken by rebels is told both ways).

    >>> family("Battles") == family("Violence against civilians") == family("Strategic developments", _HANDOVER)
    True
    """
    if (event_type, sub_event_type) == ("Strategic developments", _HANDOVER):
        return _FAMILIES["Battles"]
    return _FAMILIES.get(event_type, event_type)


def is_civilians(name: str) -> bool:
    """ACLED's civilian actors: "Civilians" or "Civilians (Country)"."""
    return name == "Civilians" or name.startswith("Civilians (")


@dataclass(frozen=True, slots=True)
class Profile:
    """What the pair decision reads of one report's event, computed once per member."""

    event_type: str
    sub_event_type: str
    iso: str | None
    country: str | None
    geonameid: int | None
    location: str
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    area: bool  # the place is an admin area or a country, not a spot
    stand_in: bool  # the place is not read from the event's own sentence (dateline, fallback)
    place_key: str  # name_key of the location
    place_words: frozenset[str]  # folded words of the place's names
    place_keys: frozenset[str]  # their transliteration-insensitive keys (long enough to tell apart)
    text_words: frozenset[str]  # folded words of the report's title and the event's sentences
    text_keys: frozenset[str]
    attackers: frozenset[str]  # actor1 and its associates, unknowns left out
    targets: frozenset[str]
    window: tuple[int, int] | None  # the days the event may have happened on (proleptic ordinals)
    day: int | None  # the day the report gives (its publication day if it gives none)
    dated: bool  # the report's text dates the event
    fatalities: int | None
    facilities: frozenset[str]
    victims: frozenset[str]


@dataclass(frozen=True, slots=True)
class Point:
    """One row of the evidence table as it applied to a pair."""

    points: int
    reason: str

    def __str__(self) -> str:
        return f"{self.points:+d} {self.reason}" if self.points else f"±0 {self.reason}"


@dataclass(frozen=True, slots=True)
class PairDecision:
    """The evidence for and against two reports telling one event, or the veto that ends it."""

    veto: str | None
    points: tuple[Point, ...] = ()
    score: int = field(init=False)
    merges: bool = field(init=False)

    def __post_init__(self) -> None:
        score = sum(p.points for p in self.points)
        object.__setattr__(self, "score", score)  # frozen: set once, here
        object.__setattr__(self, "merges", self.veto is None and score >= MERGE_SCORE)

    def explain(self) -> str:
        if self.veto is not None:
            return f"never: {self.veto}"
        return "; ".join(map(str, self.points)) + f" = {self.score} (needs {MERGE_SCORE})"


# -- the profile of one report's event ----------------------------------------------------


def _ordinal(value: str | None) -> int | None:
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value).toordinal()
    except ValueError:
        return None


def _month_window(published: str | None) -> tuple[int, int] | None:
    """A YYYY-MM publication date: the days of that month."""
    if not published or len(published) != 7:
        return None
    try:
        first = dt.date.fromisoformat(published + "-01")
    except ValueError:
        return None
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first.toordinal(), following.toordinal() - 1


def date_window(event: Event, published: str | None) -> tuple[tuple[int, int] | None, int | None, bool]:
    """(window, day, dated) of an event: the days it may have happened on, the day the
    report gives, and whether the report's text gives it.

    An explicit date ("am 13. April") is that day; a date read relative to publication ("am
    Sonntag", "gestern") may be a day earlier (the report was written the day before it
    appeared); a report that names no day tells of the ``UNDATED_DAYS`` up to its
    publication; week and month precision span up to two weeks and a month. No window
    reaches past the publication day.

    >>> from lagebild.records import Evidence, Span
    >>> told = Event(event_date="2025-04-13", time_precision=1, evidence=Evidence(Span(0, 1, "x"), date=Span(0, 10, "am Sonntag")))
    >>> window, day, dated = date_window(told, "2025-04-15")
    >>> window[1] - window[0], day == window[1], dated
    (1, True, True)
    """
    pub = _ordinal(published)
    span = event.evidence.date if event.evidence is not None else None
    day = _ordinal(event.event_date)
    if day is None or (span is None and event.time_precision != 1):
        # The extractor stamps a report that names no day with its publication day.
        if pub is None:
            month = _month_window(published)
            return month, (month[1] if month else None), False
        return (pub - UNDATED_DAYS, pub), pub, False
    if event.time_precision == 1:
        explicit = span is not None and _EXPLICIT_DATE.search(span.text) is not None
        start, end = (day, day) if explicit else (day - 1, day)
    elif event.time_precision == 2:
        start, end = day - 1, day + 13
    else:
        start, end = day, day + 30
    if pub is not None and end > pub >= start:
        end = pub
    return (start, end), day, True


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(fold(text)))


@functools.lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    return name_key(word)  # the words of news text repeat: each is keyed once


def _keys(words: frozenset[str]) -> frozenset[str]:
    # Skeletons of short words collide ("Sumy" and "Summe" are both "sm"); those match by spelling.
    return frozenset(k for k in map(_word_key, words) if len(k) >= 4)


def _stand_in(event: Event) -> bool:
    """Whether the event's place is not read from its own sentence: a dateline, a country or
    region the extractor fell back to."""
    evidence = event.evidence
    if event.geo_precision == 3 or evidence is None or evidence.location is None:
        return True
    sentence = evidence.sentence
    return not (sentence.start <= evidence.location.start and evidence.location.end <= sentence.end)


def _side(main: str | None, associated: str, source: str | None) -> frozenset[str]:
    names = {n.strip() for n in [main or "", *associated.split(";")] if n and n.strip()}
    cited = fold(source or "").split()
    # A police force named as the attacker by a report citing the police: the police told of
    # the attack more often than they made it, so the side stays open.
    return frozenset(
        n for n in names if not n.startswith("Unidentified") and not (n.startswith("Police") and "police" in cited)
    )


def _details(text: str, table: tuple[tuple[str, frozenset[str]], ...]) -> frozenset[str]:
    found: set[str] = set()
    lowered = text.casefold()
    for stem, named in table:
        if stem in lowered:  # most stems are absent: check the words only for those present
            for word in _WORD.findall(lowered):
                if stem in word and not word.startswith(_NOT_FACILITIES):
                    found |= named
                    break
    return frozenset(found)


LEAD_CHARS = 600  # a report's lead: its first sentences, which tell its main event


@dataclass(frozen=True, slots=True)
class _Read:
    """What a profile reads of one part of its text (a title, an event's sentences, a lead)."""

    words: frozenset[str]
    facilities: frozenset[str]
    victims: frozenset[str]


@functools.lru_cache(maxsize=64)  # a report's title and lead, for each of its events
def _read(part: str) -> _Read:
    return _Read(_words(part), _details(part, FACILITIES), _details(part, VICTIM_GROUPS))


def profile(event: Event, title: str, published: str | None, lead: str = "") -> Profile:
    """The profile of one report's event, read from the event's sentences, the report's
    title and — when the event is told in it — the report's ``lead`` (the first
    ``LEAD_CHARS`` of its full text): headline and lead tell the main event's details."""
    window, day, dated = date_window(event, published)
    told = event.notes or (event.evidence.sentence.text if event.evidence else "")
    in_lead = event.evidence is not None and event.evidence.sentence.start < min(len(lead), LEAD_CHARS)
    # Title, sentences and lead are read one by one, as one text read whole would be (no word
    # runs across their line breaks): a report's title and lead are read once for all its events.
    parts = [_read(title), _read(told), _read(lead[:LEAD_CHARS] if in_lead else "")]
    names = [event.location or ""]
    if event.evidence is not None and event.evidence.location is not None:
        names.append(event.evidence.location.text)
    place_words = frozenset(w for n in names for w in _words(n) if len(w) >= 4 and w not in _GENERIC_PLACE_WORDS)
    text_words = frozenset().union(*(part.words for part in parts))
    location = event.location or ""
    # A place named like its admin1 area is its capital (Sumy, Aleppo) unless coded as the area.
    area = event.geo_precision == 3 or location in ("", event.country)
    return Profile(
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        iso=event.iso,
        country=event.country,
        geonameid=event.geonameid,
        location=location,
        admin1=event.admin1,
        admin2=event.admin2,
        latitude=event.latitude,
        longitude=event.longitude,
        area=area,
        stand_in=_stand_in(event),
        place_key=name_key(location),
        place_words=place_words,
        place_keys=_keys(place_words),
        text_words=text_words,
        text_keys=_keys(text_words),
        attackers=_side(event.actor1, event.assoc_actor_1, event.source_original),
        targets=_side(event.actor2, event.assoc_actor_2, None),
        window=window,
        day=day,
        dated=dated,
        fatalities=event.fatalities,
        facilities=frozenset().union(*(part.facilities for part in parts)),
        victims=frozenset().union(*(part.victims for part in parts)),
    )


# -- the decision ---------------------------------------------------------------------------


def _names(a: Profile, b: Profile) -> bool:
    """Whether ``a``'s report names ``b``'s place (also inflected: "Sumys", "Charkiws")."""
    if b.place_keys & a.text_keys:
        return True
    return any(place + ending in a.text_words for place in b.place_words for ending in _ENDINGS)


def _place(a: Profile, b: Profile) -> list[Point] | None:
    if a.iso != b.iso:
        return None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return [Point(3, f"same place {a.location} (GeoNames {a.geonameid})")]
    if a.place_key and a.place_key == b.place_key and not (a.area or b.area):
        return [Point(3, f"same place {a.location} / {b.location}")]
    found, stood_in = None, False
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude) and not (a.area or b.area):
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        if km <= MAX_KM:
            found = Point(2 if km <= NEAR_KM else 1, f"places {km:.1f} km apart ({a.location} / {b.location})")
    if found is None and a.admin2 and a.admin2 == b.admin2:
        found = Point(0, f"{a.location} and {b.location} lie in one district ({a.admin2})")
    for outer, inner in ((a, b), (b, a)):
        if found is None and outer.area and (outer.admin1 in (None, inner.admin1)):
            found = Point(0, f"{inner.location or inner.admin1} lies in {outer.location or outer.country}")
    for stand_in, other in ((a, b), (b, a)):
        if found is None and stand_in.stand_in and _names(stand_in, other):
            found = Point(0, f"{stand_in.location} stands in for {other.location}, which its report names")
            stood_in = True
    if found is None:
        return None
    # (asked only now: most pairs have no place in common, and this is the slow part)
    named = not stood_in and (_names(a, b) or _names(b, a))
    return [found, Point(1, f"a report names the other's place {b.location or a.location}")] if named else [found]


def _type(a: Profile, b: Profile) -> Point | None:
    if (a.event_type, a.sub_event_type) == (b.event_type, b.sub_event_type):
        return Point(2, f"same event type {a.event_type} / {a.sub_event_type}")
    if a.event_type == b.event_type:
        if any({a.sub_event_type, b.sub_event_type} <= group for group in SUBTYPE_COMPATIBLE):
            return Point(1, f"same event type {a.event_type}, compatible sub-types "
                            f"({a.sub_event_type} / {b.sub_event_type})")  # fmt: skip
        return None
    if frozenset({(a.event_type, a.sub_event_type), (b.event_type, b.sub_event_type)}) in CROSS_TYPE_COMPATIBLE:
        return Point(0, f"one act told as {a.sub_event_type} ({a.event_type}) and as {b.sub_event_type} ({b.event_type})")
    return None


def _date(a: Profile, b: Profile) -> Point | None:
    if a.window is None or b.window is None or a.window[0] > b.window[1] or b.window[0] > a.window[1]:
        return None
    assert a.day is not None and b.day is not None
    if a.day == b.day:
        told = dt.date.fromordinal(a.day).isoformat()
        if a.dated and b.dated:
            return Point(2, f"same day {told}")
        return Point(1, f"same day {told} (a report names no day: its publication day)")
    if a.dated != b.dated:  # the undated report's day is any of its window's, not its publication day
        dated, undated = (a, b) if a.dated else (b, a)
        assert undated.window is not None and dated.day is not None
        if undated.window[0] <= dated.day <= undated.window[1]:
            return Point(0, f"{dt.date.fromordinal(dated.day)} lies in the days before a report that names no day")
    gap = abs(a.day - b.day)
    told, other = dt.date.fromordinal(a.day).isoformat(), dt.date.fromordinal(b.day).isoformat()
    if gap == 1:
        return Point(0, f"days a day apart ({told} / {other}), within their uncertainty")
    return Point(-2, f"days {gap} days apart ({told} / {other}), within their uncertainty")


def _side_agrees(x: frozenset[str], y: frozenset[str]) -> bool:
    return not x or not y or bool(x & y) or (all(map(is_civilians, x)) and all(map(is_civilians, y)))


def _actors(a: Profile, b: Profile) -> list[Point] | None:
    """Straight (attacker with attacker) or crosswise (a battle's sides come in either order,
    and any report may swap them when that pairs up a shared actor); None if in every
    line-up the attackers differ."""
    lineups = [((a.attackers, a.targets), (b.attackers, b.targets))]
    if a.event_type == b.event_type == "Battles" or (a.attackers & b.targets) or (a.targets & b.attackers):
        # either report may have the sides the wrong way round: the decision is the same whichever comes first
        lineups += [((a.attackers, a.targets), (b.targets, b.attackers)), ((a.targets, a.attackers), (b.attackers, b.targets))]
    conflicts = [not _side_agrees(mine[1], theirs[1]) for mine, theirs in lineups if _side_agrees(mine[0], theirs[0])]
    if not conflicts:
        return None
    points = []
    named = {n for n in (a.attackers | a.targets) & (b.attackers | b.targets) if not is_civilians(n)}
    if named:
        points.append(Point(1, "shared actors " + ", ".join(sorted(named))))
    if all(conflicts):
        points.append(Point(-1, f"attacked sides named differently ({', '.join(sorted(a.targets))} / "
                                f"{', '.join(sorted(b.targets))})"))  # fmt: skip
    if not points:
        points.append(Point(0, "compatible actors (a side unnamed in one report, or civilians on both)"))
    return points


def _attackers_named(a: Profile, b: Profile) -> str:
    return f"{', '.join(sorted(a.attackers))} / {', '.join(sorted(b.attackers))}"


def _details_points(a: Profile, b: Profile) -> list[Point]:
    points = []
    shared = a.facilities & b.facilities
    if shared:
        points.append(Point(2, "same facility hit: " + ", ".join(sorted(shared))))
    elif a.facilities and b.facilities:
        points.append(Point(-2, f"other facilities ({', '.join(sorted(a.facilities))} / "
                                f"{', '.join(sorted(b.facilities))})"))  # fmt: skip
    victims = a.victims & b.victims
    if victims:
        points.append(Point(1, "same victims: " + ", ".join(sorted(victims))))
    if a.fatalities and b.fatalities:
        low, high = sorted((a.fatalities, b.fatalities))
        if high <= 2 * low:
            points.append(Point(1, f"tolls of one size ({a.fatalities} / {b.fatalities})"))
        elif high >= 10 * low:
            points.append(Point(-1, f"tolls far apart ({a.fatalities} / {b.fatalities})"))
    return points


def decide(a: Profile, b: Profile) -> PairDecision:
    """The evidence that two reports' events are one (the module doc's table)."""
    if family(a.event_type, a.sub_event_type) != family(b.event_type, b.sub_event_type):
        return PairDecision(f"event types of other families ({a.event_type} / {b.event_type})")
    date = _date(a, b)
    if date is None:
        return PairDecision("dates too far apart for their uncertainty")
    place = _place(a, b)
    if place is None:
        return PairDecision(f"other places ({a.location or a.country} / {b.location or b.country})")
    kind = _type(a, b)
    if kind is None:
        return PairDecision(f"incompatible types ({a.sub_event_type} / {b.sub_event_type})")
    actors = _actors(a, b)
    if actors is None:
        return PairDecision(f"different attackers ({_attackers_named(a, b)})")
    return PairDecision(None, (*place, kind, date, *actors, *_details_points(a, b)))
