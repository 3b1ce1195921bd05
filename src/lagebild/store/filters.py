"""Filter values of the stored events: ACLED types, countries and admin1 areas by any name.

Reads: the lexicon's taxonomy and countries. Writes: ``EventFilter`` records (what the
``events``/``export`` commands and the web API ask the store for) and the values they
resolve to, or a ``FilterError`` naming what exists. No SQL: the store turns a filter into
its query.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import LagebildError
from ..language.normalize import fold, name_key

if TYPE_CHECKING:
    from ..language.lexicon import Country

__all__ = [
    "EventFilter",
    "FilterError",
    "admin1_matches",
    "event_types",
    "resolve_country",
    "resolve_event_type",
]


@dataclass(slots=True)
class EventFilter:
    """Which canonical events to list; every given criterion must hold.

    ``EventStore.events`` raises ``FilterError`` for an event type or a country that does
    not exist (rather than finding nothing); an admin1 that no stored event has is no error.
    """

    country: str | None = None  # ISO2 or ISO3 code, English or German name, case-insensitive
    admin1: str | None = None  # any transliteration: "Idlib" finds "Idleb" (normalize.name_key)
    since: dt.date | None = None
    until: dt.date | None = None
    event_type: str | None = None  # ACLED event type or sub-event type, case-insensitive
    actor: str | None = None  # part of an actor's name, case-insensitive
    min_sources: int = 1
    limit: int | None = None


class FilterError(LagebildError, ValueError):
    """A filter value that names nothing that exists (an unknown event type or country).

    ``field`` is the ``EventFilter`` field ("event_type" or "country"); the message names the
    value and the valid ones, without the field's name (each front end says it its own way).
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


@functools.lru_cache(maxsize=1)
def _lexicon():
    from ..language.lexicon import Lexicon

    return Lexicon.load()


def event_types() -> dict[str, tuple[str, ...]]:
    """ACLED's event types, each with its sub-event types (the lexicon's taxonomy)."""
    return dict(_lexicon().taxonomy)


@functools.lru_cache(maxsize=1)
def _type_names() -> dict[str, str]:
    names = {}
    for event_type, subs in event_types().items():
        names[event_type.casefold()] = event_type
        names.update((sub.casefold(), sub) for sub in subs)
    return names


def resolve_event_type(value: str) -> str:
    """The ACLED event type or sub-event type ``value`` names, in ACLED's spelling.

    >>> resolve_event_type("air/drone STRIKE")
    'Air/drone strike'
    """
    found = _type_names().get(value.strip().casefold())
    if found is None:
        types = event_types()
        raise FilterError(
            "event_type",
            f"{value!r} is not an ACLED event type or sub-event type; use one of the event types "
            f"{', '.join(types)} or one of the sub-event types {', '.join(s for subs in types.values() for s in subs)}",
        )
    return found


@functools.lru_cache(maxsize=1)
def _country_index() -> tuple[dict[str, Country], dict[str, Country]]:
    codes, names = {}, {}
    for country in _lexicon().countries.values():
        codes[country.iso2.casefold()] = codes[country.iso3.casefold()] = country
        names[fold(country.name)] = names[fold(country.name_de)] = country
    return codes, names


def resolve_country(value: str) -> Country:
    """The lexicon's country for an ISO2 or ISO3 code or an English or German name
    (case and diacritics aside).

    >>> [resolve_country(v).iso2 for v in ("SYR", "sy", "Syria", "Syrien", "tuerkei", "Türkei")]
    ['SY', 'SY', 'SY', 'SY', 'TR', 'TR']
    """
    codes, names = _country_index()
    found = codes.get(value.strip().casefold()) or names.get(fold(value)) or names.get(fold(_umlauts(value)))
    if found is None:
        known = sorted({c.name for c in names.values()} | {c.name_de for c in names.values()})
        close = difflib.get_close_matches(value.strip(), known, n=3, cutoff=0.75)
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        raise FilterError(
            "country",
            f"{value!r} is not a country lagebild knows{hint}; use an ISO2 or ISO3 code or an English or German "
            f"country name, e.g. SY, SYR, Syria or Syrien",
        )
    return found


def _umlauts(value: str) -> str:
    """German umlauts written out ("Tuerkei") back as umlauts, for the name lookup."""
    for written, umlaut in (("ae", "ä"), ("oe", "ö"), ("ue", "ü"), ("Ae", "Ä"), ("Oe", "Ö"), ("Ue", "Ü")):
        value = value.replace(written, umlaut)
    return value


def admin1_matches(value: str, names: Iterable[str]) -> list[str]:
    """The ``names`` that spell the admin area ``value`` (transliteration-insensitively).

    >>> admin1_matches("Idlib", ["Idleb", "Aleppo", "Hama"])
    ['Idleb']
    """
    key, folded = name_key(value), fold(value)
    return sorted(n for n in names if n and (fold(n) == folded or name_key(n) == key))
