"""The typed records passed between lagebild's stages.

``Document`` goes in, ``Mention`` records describe what the language layer found in it,
``Place`` is what the geocoder resolves a place mention to, and ``Event`` comes out.
``Event`` carries ACLED's export columns under ACLED's names, followed by what lagebild
adds (casualty ranges, per-side deaths, the cited source, certainty and evidence spans).
"""

from __future__ import annotations

import math
import re
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, TypeVar

from .errors import InputError

T = TypeVar("T")

__all__ = [
    "ACLED_COLUMNS",
    "EXTRA_COLUMNS",
    "Document",
    "Event",
    "Evidence",
    "FigureDetail",
    "Mention",
    "MentionDetail",
    "Place",
    "PlaceDetail",
    "Quantity",
    "Span",
    "TokenRange",
    "TriggerDetail",
    "haversine_km",
    "parse_partial_date",
]

def quick_init(cls: type[T]) -> type[T]:
    """Give a frozen dataclass with slots an ``__init__`` that fills each slot through its
    descriptor: the generated one goes through ``object.__setattr__`` for every field (the
    class's own ``__setattr__`` refuses), which takes about twice as long. The same
    arguments, defaults and values; for records a report makes hundreds of (mentions and
    their details, quantities, sentences). Plain defaults only: no factories, no
    ``__post_init__``.

    >>> @quick_init
    ... @dataclass(slots=True, frozen=True)
    ... class Pair:
    ...     first: int
    ...     second: str = "b"
    >>> Pair(1), Pair(first=2, second="c")
    (Pair(first=1, second='b'), Pair(first=2, second='c'))
    """
    names = [f.name for f in fields(cls)]
    if hasattr(cls, "__post_init__") or any(not f.init or f.default_factory is not MISSING for f in fields(cls)):
        raise TypeError(f"quick_init: {cls.__name__} needs the generated __init__")
    namespace: dict[str, Any] = {f"_set_{n}": getattr(cls, n).__set__ for n in names}
    namespace.update({f"_default_{f.name}": f.default for f in fields(cls) if f.default is not MISSING})
    parameters = ", ".join(n if f"_default_{n}" not in namespace else f"{n}=_default_{n}" for n in names)
    body = "".join(f"\n    _set_{n}(self, {n})" for n in names)
    exec(f"def __init__(self, {parameters}):{body}", namespace)  # noqa: S102 - code made from field names only
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return cls


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(value: str | None) -> str | None:
    """Validate a publication date that may be partial (YYYY, YYYY-MM or YYYY-MM-DD).

    A time part ("2024-11-28T10:00:00Z") is dropped.

    >>> parse_partial_date("2024-11")
    '2024-11'
    >>> parse_partial_date("2024-11-28T09:30:00+01:00")
    '2024-11-28'
    >>> parse_partial_date("") is None
    True
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    text = re.split(r"[T ]", text, maxsplit=1)[0]
    match = _PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(f"not a date of the form YYYY, YYYY-MM or YYYY-MM-DD: {value!r}")
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        raise ValueError(f"month out of range in {value!r}")
    if day:
        import datetime

        try:
            datetime.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValueError(f"no such day {value!r}: {exc}") from None
    return text


@dataclass(slots=True)
class Document:
    """One report. ``published`` may be partial: "2024", "2024-11" or "2024-11-28"."""

    id: str
    text: str
    title: str = ""
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str = "de"
    origin: str | None = None  # the file (and line) it was read from, for messages

    def __post_init__(self) -> None:
        try:
            self.published = parse_partial_date(self.published)
        except ValueError as exc:
            raise InputError(self.origin or self.id, f"bad published date: {exc}") from None

    @property
    def full_text(self) -> str:
        """Title and body as one text; evidence offsets index into this string."""
        if self.title and not self.text.lstrip().startswith(self.title.strip()):
            return f"{self.title.strip()}\n\n{self.text}"
        return self.text


@quick_init
@dataclass(slots=True, frozen=True)
class Span:
    """A piece of the document's ``full_text``: ``text == full_text[start:end]``."""

    start: int
    end: int
    text: str


@quick_init
@dataclass(slots=True, frozen=True)
class Quantity:
    """A number as a range, following the annotation guidelines' reading of vague words.

    ``high`` is None when the text sets no upper bound ("mehr als 40").
    """

    best: int
    low: int
    high: int | None

    def __add__(self, other: Quantity) -> Quantity:
        high = None if self.high is None or other.high is None else self.high + other.high
        return Quantity(self.best + other.best, self.low + other.low, high)


@quick_init
@dataclass(slots=True, frozen=True)
class TokenRange:
    """Where a name from the lexicon (actor, description, source, cue) lies among the
    document's tokens: the indices of its first and last token."""

    first: int
    last: int


@quick_init
@dataclass(slots=True, frozen=True)
class TriggerDetail:
    """The token a trigger word is; ``phrase`` for a trigger of several words ("unter
    Kontrolle gebracht"), whose ``index`` is the token its lemma was found at."""

    index: int
    phrase: bool = False


@quick_init
@dataclass(slots=True, frozen=True)
class FigureDetail:
    """How a number or a date was written: for numbers "digits", "words", "article", ...;
    for dates "day", "weekday", "month", "year", ... (see ``quantities`` and ``dates``)."""

    kind: str
    more: bool = False  # a death figure told as more dead than those counted before ("auch", "weitere")
    side: str | None = None  # whose dead a figure counts: "state" (soldiers, police), "armed" (fighters), or unknown
    standing: bool = False  # a toll as it now stands ("stieg auf 41"): every dead told before included
    rival: bool = False  # another source's count of the same dead ("das Ministerium sprach dagegen von 19 Toten")
    people: bool = False  # a figure of people of no side ("sieben Menschen"), of whom a side's count may be some


@quick_init
@dataclass(slots=True, frozen=True)
class PlaceDetail:
    """What the words around a place name say about its role in the sentence."""

    first: int  # token indices of the name
    last: int
    locative: bool = False  # after "in", "bei", "nahe", "Provinz" ...: named as a location
    exact: bool = False  # the gazetteer knows this very spelling (not only its transliteration key)
    near: bool = False  # "bei X", "nahe X", "10 km südlich von X": near the place, not in it
    unknown: bool = False  # not in the gazetteer; a place only because the text makes it one
    bearing: bool = False  # an unknown place followed by a bearing ("X südlich von Y")
    seat: bool = False  # where an institution sits ("das Ministerium in X")
    in_area: bool = False  # an admin area follows ("X in der Provinz Y")
    place_noun: bool = False  # after "Dorf", "Stadt", "Lager" ...
    weak: bool = False  # after a preposition that also introduces people and things ("von", "aus")
    admin_noun: str | None = None  # "Provinz" of "Provinz Idlib": the name is the admin area
    site_noun: str | None = None  # "Flughafen" of "Flughafen von Nyala": the facility
    dateline: bool = False  # where the report was filed, at the start of a line
    direction: str | None = None  # "Norden" of "im Norden Israels": a part of the named place


MentionDetail = TokenRange | TriggerDetail | FigureDetail | PlaceDetail


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(36.20, 37.16, 36.20, 37.26), 1)
    9.0
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@quick_init
@dataclass(slots=True, frozen=True)
class Mention:
    """Something the language layer recognised: an actor, place, number, date, trigger or cue.

    ``value`` is the normalised reading: an actor id, a ``Quantity``, an ISO date range,
    a sub-event type, a cue label. ``detail`` is the typed record of the kind's particulars.
    """

    kind: str
    text: str
    start: int
    end: int
    value: Any = None
    sentence: int = -1
    detail: MentionDetail | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)


@dataclass(slots=True)
class Place:
    """A resolved place with ACLED's geo_precision (1 town/spot, 2 near/district, 3 region)."""

    name: str
    surface: str
    latitude: float | None
    longitude: float | None
    country: str | None  # English country name
    iso: str | None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None
    feature: str | None = None  # GeoNames feature class.code, e.g. "P.PPL", "A.ADM1"
    geo_precision: int = 1
    note: str | None = None


@dataclass(slots=True)
class Evidence:
    """The sentence(s) an event was read from and the span of each field in it."""

    sentence: Span
    trigger: Span | None = None
    actor1: Span | None = None
    actor2: Span | None = None
    location: Span | None = None
    date: Span | None = None
    fatalities: Span | None = None
    source: Span | None = None


ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

EXTRA_COLUMNS = (
    "doc_id", "fatalities_low", "fatalities_high", "fatalities_by_side", "source_original",
    "certainty", "salience", "geonameid", "geo_note", "evidence", "extractor_version",
)  # fmt: skip


@dataclass(slots=True)
class Event:
    """One event in ACLED's unit: one type, one actor pair, one place, one day.

    The first 31 fields are ACLED's export columns with ACLED's meanings, in lagebild's own
    values: ``iso`` is the ISO 3166-1 alpha-2 code, ``fatalities`` None where the text gives
    no figure. ``to_acled()`` gives them as ACLED writes them.
    """

    event_id_cnty: str = ""
    event_date: str | None = None
    year: int | None = None
    time_precision: int = 3
    disorder_type: str = ""
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str | None = None
    assoc_actor_1: str = ""
    inter1: str = ""
    actor2: str | None = None
    assoc_actor_2: str = ""
    inter2: str = ""
    interaction: str = ""
    civilian_targeting: str = ""
    iso: str | None = None
    region: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str = ""
    source_scale: str = ""
    notes: str = ""
    fatalities: int | None = None
    tags: str = ""
    timestamp: int = 0
    # Beyond ACLED.
    doc_id: str = ""
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    fatalities_by_side: dict[str, int] = field(default_factory=dict)
    source_original: str | None = None
    certainty: str = "reported"  # reported | claimed | unconfirmed
    salience: str = "core"  # core | context
    geonameid: int | None = None  # the gazetteer entry of the place (negative: a lagebild supplement row)
    geo_note: str = ""  # how the place was found when not plainly ("not in the gazetteer; placed at ...")
    evidence: Evidence | None = None
    extractor_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        """lagebild's own record as a JSON-ready dict (what JSONL holds): keys in ACLED's
        order, then lagebild's own; ``iso`` alpha-2, ``fatalities`` None where the text gives
        no figure, actor names without ACLED's prefixes and periods.

        What ``dataclasses.asdict`` gives, built field by field: its deep copies of every
        string and number cost more than writing the JSON line did."""
        data = {name: getattr(self, name) for name in _EVENT_FIELDS}
        data["fatalities_by_side"] = dict(self.fatalities_by_side)
        if self.evidence is not None:
            data["evidence"] = {name: None if span is None else {"start": span.start, "end": span.end, "text": span.text}
                                for name in _EVIDENCE_FIELDS for span in (getattr(self.evidence, name),)}  # fmt: skip
        return data

    def to_acled(self, *, timestamp: int | None = None) -> dict[str, Any]:
        """The event as a row of ACLED's export: ACLED's 31 columns with ACLED's values
        (numeric ``iso``, ACLED's actor names and interaction wording, integer
        ``fatalities``), then ``fatalities_low``, ``fatalities_high`` and ``fatalities_known``
        (see ``lagebild.acled``)."""
        from .acled import acled_row

        return acled_row(self, timestamp=timestamp)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        ev = values.get("evidence")
        if isinstance(ev, dict):
            values["evidence"] = Evidence(
                **{k: Span(**v) if isinstance(v, dict) else v for k, v in ev.items()}
            )
        return cls(**values)


_EVENT_FIELDS = tuple(f.name for f in fields(Event))
_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))
