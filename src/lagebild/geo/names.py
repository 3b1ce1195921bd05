"""German place names: which words around a name are not the name, and which forms to look up.

Reads: a place name as a German text gives it ("Provinz Idlib", "Idlib-Stadt", "Aleppos",
"Nord-Hama"). Writes: a ``PlaceName`` (the name without its admin-area, town or facility
word, and which kind of word that was) and, for the index, the ``LookupForm`` tiers a lookup
tries (as given, without a genitive -s, without a direction).

>>> parse_place_name("Provinz Idlib")
PlaceName(text='Provinz Idlib', core='Idlib', area='admin', district=False)
>>> parse_place_name("Idlib-Stadt").area
'city'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..language.normalize import fold, name_key
from ..records import quick_init
from .similarity import bare

__all__ = ["LookupForm", "PlaceName", "lookup_forms", "parse_place_name"]


@quick_init
@dataclass(frozen=True, slots=True)
class PlaceName:
    """A place name split from the German words around it.

    ``core`` is the name without an admin-area word ("Provinz", "Oblast", "Bundesstaat",
    "Region" ... before it, or "-Provinz", "Province", "State" ... after it) or a town
    word ("Stadt X", "X-Stadt", "Dorf X") or a facility word ("Flughafen X"); ``area`` is
    ``admin``, ``city``, ``site`` or None. ``district``: the admin word names a second-level
    division ("Distrikt", "Bezirk", "Kreis", "Rajon", "District"), so an admin2 area of
    that name ranks above an admin1 area of it ("Rajon Donezk" is not the oblast).
    """

    text: str
    core: str
    area: str | None = None
    district: bool = False


# German and English nouns of a second-level division (admin2): Yemen's and Afghanistan's
# districts, Ukraine's raions, Germany's Kreise. "County" is left out: Kenya's and Liberia's
# counties are admin1 areas.
_DISTRICT_WORDS = frozenset(
    """distrikt distrikts distriktes bezirk bezirks bezirkes kreis kreises landkreis landkreises rajon rajons raion rayon
    verwaltungsbezirk district""".split()
)
_ADMIN_WORDS = frozenset(
    """provinz gouvernement gouvernorat governorat oblast gebiet region bundesstaat distrikt
    bezirk kreis landkreis department departement staat praefektur prafektur kanton rajon
    regierungsbezirk verwaltungsbezirk woiwodschaft emirat bundesland teilstaat division
    province governorate state district county prefecture""".split()
) | _DISTRICT_WORDS
_CITY_WORDS = frozenset(
    """stadt hauptstadt provinzhauptstadt regionalhauptstadt grossstadt millionenstadt
    kleinstadt hafenstadt grenzstadt kreisstadt dorf ort ortschaft gemeinde vorort stadtteil
    city town village""".split()
)
# Facilities named after a place: "Flughafen Nairab" is the air base or airport there, else
# the town itself.
_SITE_WORDS = frozenset(
    """flughafen militarflughafen militaerflughafen luftwaffenstutzpunkt luftwaffenstuetzpunkt
    stutzpunkt stuetzpunkt militarbasis militaerbasis militarstutzpunkt militaerstuetzpunkt
    fluchtlingslager fluechtlingslager grenzubergang grenzuebergang gefangnis gefaengnis
    kaserne hafen""".split()
)
# After the name: English words ("Kaduna State", "Khost Province"; "Islamischer Staat" must
# stay whole), and German ones only when hyphenated ("Idlib-Provinz", "Idlib-Stadt").
_SUFFIX_SPACED = frozenset(
    "province governorate state district region oblast county prefecture division city raion rayon".split()
)
_SUFFIX_HYPHENATED = _ADMIN_WORDS | frozenset(("stadt", "city"))
_DIRECTION = re.compile(
    r"^(?P<direction>nord|sued|sud|ost|west|nordost|nordwest|suedost|sudost|suedwest|sudwest|zentral|"
    r"mittel|ober|unter)(?:[-\s]+(?P<rest>.+)|(?P<glued>[a-z]{4,}.*))$"
)
# "Nord-Gaza", "Süd-Waziristan", "Nordsinai": the English names of areas called after a part of another
_ENGLISH_DIRECTIONS = {"nord": "north", "sued": "south", "sud": "south", "ost": "east", "west": "west",
                       "nordost": "north east", "nordwest": "north west", "zentral": "central"}  # fmt: skip
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65_536)  # asked for each mention and again by the geocoder; place names repeat
def parse_place_name(surface: str) -> PlaceName:
    """Split an admin-area or town word off a place name.

    >>> parse_place_name("Gouvernement Hama")
    PlaceName(text='Gouvernement Hama', core='Hama', area='admin', district=False)
    >>> parse_place_name("Rajon Pokrowsk").district
    True
    >>> parse_place_name("Stadt Afrin")
    PlaceName(text='Stadt Afrin', core='Afrin', area='city', district=False)
    >>> parse_place_name("Kaduna State").core
    'Kaduna'
    >>> parse_place_name("Flughafen Nairab").area
    'site'
    >>> parse_place_name("Aleppo")
    PlaceName(text='Aleppo', core='Aleppo', area=None, district=False)
    """
    text = _SPACE.sub(" ", surface.strip().strip(".,;:!?\"'()[]«»„“”"))
    words = text.split(" ")
    if len(words) > 1:
        first = fold(words[0]).replace(" ", "")
        if first in _ADMIN_WORDS:
            return PlaceName(text, " ".join(words[1:]), "admin", first in _DISTRICT_WORDS)
        if first in _CITY_WORDS:
            return PlaceName(text, " ".join(words[1:]), "city")
        if first in _SITE_WORDS:
            return PlaceName(text, " ".join(words[1:]), "site")
        last = fold(words[-1]).replace(" ", "")
        if last in _SUFFIX_SPACED:
            return PlaceName(text, " ".join(words[:-1]), "city" if last in _CITY_WORDS else "admin",
                             last in _DISTRICT_WORDS)
    head, dash, tail = text.rpartition("-")
    if dash and head.strip() and fold(tail) in _SUFFIX_HYPHENATED:
        return PlaceName(text, head.strip(), "city" if fold(tail) in _CITY_WORDS else "admin",
                         fold(tail) in _DISTRICT_WORDS)
    return PlaceName(text, text, None)


@dataclass(frozen=True, slots=True)
class LookupForm:
    """One form of a queried name that a lookup tries."""

    text: str  # as the text gives it, for messages
    bare: str  # folded, Arabic articles dropped: what an exact match compares
    key: str  # name_key: what the names table is searched by
    via: str  # name | genitive | english | direction


def _genitive(folded: str) -> str | None:
    """The name without a German genitive -s ("aleppos", "syriens"), if it may have one."""
    if len(folded) >= 4 and folded.endswith("s") and not folded.endswith(("ss", " s")):
        return folded[:-1]
    return None


def _in_english(folded: str) -> str | None:
    """ "nord gaza" -> "north gaza", "suedsinai" -> "south sinai"; None without a direction."""
    match = _DIRECTION.match(folded)
    english = _ENGLISH_DIRECTIONS.get(match.group("direction")) if match else None
    return f"{english} {match.group('rest') or match.group('glued')}" if english else None


def _without_direction(folded: str) -> str | None:
    """ "nord hama" -> "hama", "nordsyrien" -> "syrien"; None when there is no direction."""
    match = _DIRECTION.match(folded)
    if not match:
        return None
    return match.group("rest") or match.group("glued")


# The tiers of ``lookup_forms``: an English form counts only where it matches exactly; the
# direction is dropped only where nothing alike matched before.
ENGLISH_TIER, DIRECTION_TIER = 2, 3


def lookup_forms(name: str) -> tuple[tuple[LookupForm, ...], ...]:
    """The forms a lookup tries, in tiers: as given (with and without an admin or town
    word), without a genitive -s, with the direction in English, without a direction. Each name is folded once here:
    this runs for every capitalised word the extractor asks about."""
    parsed = parse_place_name(name)
    text_folded = fold(parsed.text)
    core_folded = text_folded if parsed.core == parsed.text else fold(parsed.core)
    first = [(parsed.text, text_folded, "name"), (parsed.core, core_folded, "name")]
    second = [(t[:-1], g, "genitive") for t, f, _ in first if (g := _genitive(f))]
    # the area of that name before a part of the other ("Nord-Gaza" is North Gaza, not Gaza in Mozambique)
    english = [(e, e, "english") for f in (core_folded, _genitive(core_folded)) if f and (e := _in_english(f))]
    third = []
    for folded in (core_folded, _genitive(core_folded)):
        rest = _without_direction(folded) if folded else None
        if rest:
            third.append((rest, rest, "direction"))
            if shorter := _genitive(rest):
                third.append((shorter, shorter, "direction"))
    seen: set[str] = set()
    tiers = []
    for tier in (first, second, english, third):
        forms = []
        for text, folded, via in tier:
            if folded and folded not in seen:
                seen.add(folded)
                forms.append(LookupForm(text, bare(folded), name_key(folded), via))
        tiers.append(tuple(forms))
    return tuple(tiers)
