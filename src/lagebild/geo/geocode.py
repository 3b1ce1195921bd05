"""The geocoder: which place a report means by a name, chosen as an analyst would.

Reads: a place name as the text gives it ("Aleppos", "Provinz Idlib", "Nord-Hama"), a
``Gazetteer`` and a ``GeoContext`` (the document's focus countries and admin1 areas, which
the caller derives from actors and other places). Writes: a ``Place`` record with
ACLED's ``geo_precision``: 1 for a town, village, district of a city or named spot; 2 for
"near" a place, a part of a city ("Ost-Bagdad") or a district (ADM2, placed at the centroid
of its bundled places: "Distrikt Nihm", "Rajon Pokrowsk"); 3 for an admin1
area, a region or a country.

The ranking of candidates, first criterion first:

1. inside the area the text attaches to the name (``admin_hint``: "Baba Amr in Homs");
2. in a context country, the first ones first; then in a context admin1 area;
3. the kind of feature the text asks for — a populated place (or a country) for a plain
   name, an admin area after "Provinz", "Oblast", "Gouvernement" ... — and an exact
   spelling over a transliteration-only match (for a plain name the spelling comes first:
   an exact "Darfur" region beats a village that only shares its key);
4. supplement and imported rows over bundled ones in a context country;
5. closeness of spelling, capital or admin seat, population.

A district (ADM2) the text does not mark as an admin area ("in Nihm", not "im Distrikt
Nihm") is taken only in a context country: a town of that name ranks first there anyway.
A candidate outside every context country is taken only if it matched exactly and is
important (a capital, an admin area, a country, 100 000 people) or the only place of that
spelling; without any context, any exact match is taken, a transliteration-only match
only if important. A name the gazetteer does not know goes to ``fallback_place``, which
places it at its admin1 area or country and says so in ``note`` — never at a made-up point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..language.normalize import name_key
from ..records import Place
from .index import Candidate, Gazetteer
from .names import PlaceName, parse_place_name
from .similarity import MIN_SIMILARITY

__all__ = [
    "GeoContext", "IMPORTANT_POPULATION", "MIN_SIMILARITY", "TOWN_POPULATION", "explain_geocode", "fallback_place",
    "resolve_place",
]  # fmt: skip

# A transliteration-only match must look alike with its vowels too (MIN_SIMILARITY:
# "Charkiw"/"Kharkiv" 1.0, "Deir ez-Zor"/"Dayr az Zawr" 0.82, "Armee"/"Rome" 0.5); outside
# the document's countries it must be closer still ("Armee"/"Roeme", a name of Rome, 0.75).
FAR_SIMILARITY = 0.85
IMPORTANT_POPULATION = 100_000
TOWN_POPULATION = 20_000  # a town of real size, not a village
_AREA_REGIONS = frozenset(("RGN", "RGNE", "RGNH", "AREA", "ZN"))


@dataclass(slots=True)
class GeoContext:
    """The document's focus: ISO alpha-2 country codes and admin1 names, most important first.

    ``actors_only``: no named place supports the countries, only the actors' nationality,
    which is weak evidence of where things happen (Russian troops fight in Ukraine).
    """

    countries: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    actors_only: bool = False


@dataclass(slots=True)
class _Focus:
    countries: list[str]
    areas: set[tuple[str | None, str | None]]
    hint_areas: set[tuple[str | None, str | None]]
    hint_countries: set[str]
    actors_only: bool = False
    exonym_of: frozenset[int] = frozenset()  # the places exonyms.tsv gives the name as a German name ("Palmyra": Tadmur)


def resolve_place(
    surface: str,
    gazetteer: Gazetteer,
    context: GeoContext | None = None,
    *,
    near: bool = False,
    admin_hint: str | None = None,
) -> Place | None:
    """The place ``surface`` names, or None when the gazetteer knows no fitting one.

    ``near``: the text says "bei", "nahe", "X km südlich von" this place (precision 2).
    ``admin_hint``: an area the text puts the place in ("Baba Amr in Homs" -> "Homs").
    """
    key = (surface, tuple(context.countries) if context else (), tuple(context.admin1) if context else (),
           context.actors_only if context else False, admin_hint)
    chosen = gazetteer.choices.get(key)
    if chosen is None:
        if len(gazetteer.choices) > 100_000:
            gazetteer.choices.clear()
        chosen = gazetteer.choices[key] = _choose(surface, gazetteer, context, admin_hint)
    _ranked, choice, focus, parsed = chosen
    if choice is None:
        return None
    return _to_place(choice, surface, parsed, focus, near=near)


def explain_geocode(
    surface: str, gazetteer: Gazetteer, context: GeoContext | None = None
) -> tuple[list[Candidate], Place | None]:
    """Every candidate in ranking order (including the ones too unlike to be taken), and
    the place ``resolve_place`` chooses, for ``lagebild geocode NAME``."""
    ranked, choice, focus, parsed = _choose(surface, gazetteer, context, None, every=True)
    return ranked, (_to_place(choice, surface, parsed, focus, near=False) if choice else None)


def fallback_place(
    surface: str, gazetteer: Gazetteer, context: GeoContext | None, admin1_name: str | None
) -> Place:
    """A place for a name the gazetteer does not know, at the area the text gives.

    It keeps ``surface`` as its name and takes the admin1 area ``admin1_name`` (precision 2),
    else the context's first admin1 area, else its first country (precision 3); with none
    of them it has no coordinates. ``note`` says that the name was not found.
    """
    context = context or GeoContext()
    countries = [c.upper() for c in context.countries]
    label = surface.strip()
    missing = f"{label!r} is not in the gazetteer" if label else "no place named in the text"
    if admin1_name:
        area = _find_admin1(gazetteer, admin1_name, countries)
        if area is not None:
            return _area_place(label, area, 2, f"{missing}; placed at its admin1 area {area.admin1 or area.name}")
    for name in context.admin1:
        area = _find_admin1(gazetteer, name, countries)
        if area is not None:
            return _area_place(label, area, 3, f"{missing}; placed at the document's admin1 area {area.admin1 or area.name}")
    for iso in countries:
        country = gazetteer.country(iso)
        if country is not None:
            return Place(
                name=label or (country.country or country.name), surface=surface,
                latitude=country.latitude, longitude=country.longitude,
                country=country.country or country.name, iso=country.country_code,
                geo_precision=3, note=f"{missing}; placed at the document's country {country.country or country.name}",
            )  # fmt: skip
    return Place(name=label, surface=surface, latitude=None, longitude=None, country=None, iso=None,
                 geo_precision=3, note=f"{missing}, and no admin1 area or country is known for it")  # fmt: skip


# -- choosing -------------------------------------------------------------------------


def _choose(
    surface: str, gazetteer: Gazetteer, context: GeoContext | None, admin_hint: str | None, *, every: bool = False
) -> tuple[list[Candidate], Candidate | None, _Focus, PlaceName]:
    """The candidates ranked, the one chosen, the focus and the parsed name. ``every``: rank
    every candidate, the ones too unlike to be taken too (else they are not even built)."""
    parsed = parse_place_name(surface)
    context = context or GeoContext()
    countries = [c.upper() for c in context.countries if c]
    focus = _Focus(countries, set(), set(), set(), context.actors_only, gazetteer.exonym_places(parsed.core))
    for name in context.admin1:
        focus.areas |= _areas(gazetteer, name, countries)
    if admin_hint:
        focus.hint_areas = _areas(gazetteer, admin_hint, countries)
        focus.hint_countries = {c.country_code for c in gazetteer.lookup(admin_hint) if c.is_country and c.exact}
    # A short name has few letters to go wrong in: "Zahra" is not "Ashara".
    threshold = MIN_SIMILARITY if len(parsed.core) > 6 else FAR_SIMILARITY
    candidates = gazetteer.lookup(surface, min_similarity=None if every else threshold)
    admin_wanted = parsed.area == "admin" or any(c.via == "direction" for c in candidates)
    ranked = sorted(candidates, key=lambda c: _score(c, parsed, focus, admin_wanted), reverse=True)
    eligible = [c for c in ranked if c.exact or c.similarity >= threshold]
    if any(c.exact and _important(c) for c in eligible):
        # "Kiew" is Kyiv: a village elsewhere that only shares its key does not compete.
        eligible = [c for c in eligible if c.exact]
    choice = next((c for c in eligible if _acceptable(c, eligible, focus, parsed)), None)
    return ranked, choice, focus, parsed


def _score(c: Candidate, parsed: PlaceName, focus: _Focus, admin_wanted: bool) -> tuple:
    countries = focus.countries
    in_country = c.country_code in countries
    country_rank = len(countries) - countries.index(c.country_code) if in_country else 0
    hinted = (c.country_code, c.admin1_code) in focus.hint_areas or c.country_code in focus.hint_countries
    in_area = (c.country_code, c.admin1_code) in focus.areas
    feature = _feature_score(c, parsed.area, admin_wanted, parsed.district)
    kind = (feature, c.exact) if admin_wanted or parsed.area == "city" else (c.exact, feature)
    preferred_origin = in_country and c.origin != "bundled"
    seat = {"PPLC": 3, "PPLA": 2, "PPLA2": 1}.get(c.feature_code, 0)
    # "Gebiet Donezk" with Russia and Ukraine in focus: the admin area beats a town of that name.
    area_in_focus = feature if admin_wanted and in_country else 0
    # "Gebiet Donezk" with only Russia in focus: an area of that name abroad beats a Russian
    # town, for the text asks for an area.
    named_area = parsed.area == "admin" and feature >= 2
    # Between the story's countries a town of real size beats a hamlet of the same name
    # (Pokrowsk in Donetsk, not in Sakha), whatever the order of the countries.
    # An admin area's population is no town's size: a bare "Hama" is the city, "Provinz Hama" the area.
    town = c.feature_class != "A" or admin_wanted
    size = _size_class(c.population) if in_country and town else 0
    # ... and a place called so today beats one that bore the name once (Engels was Pokrowsk);
    # a German name of a place is as much its own as its name in GeoNames (Palmyra, Tadmur)
    own_name = in_country and town and (_own_name(c, parsed.core) or c.geonameid in focus.exonym_of)
    # The actors' nationality alone is no reason to prefer a small namesake at home to a
    # town of real size abroad (Russian troops shelling Pokrowsk: Donetsk, not Sakha); a
    # curated conflict place in their country still counts as one of size. Only a place called
    # so today: Engels bore the name Pokrowsk once.
    weighty = 0
    if focus.actors_only and c.exact and c.is_country:
        weighty = 4
    elif focus.actors_only and c.exact and town and _own_name(c, parsed.core):
        weighty = _size_class(c.population) or int(in_country and c.origin != "bundled")
    facility = parsed.area == "site" and c.feature_class == "S"  # "Flughafen Nyala": the airport, not the town
    # "in Mexiko", "in Kuwait": a country's own name means the country, not its capital of that name
    country_named = c.is_country and c.exact and not admin_wanted and parsed.area is None
    return (hinted, named_area, facility, country_named, area_in_focus, in_area, weighty, own_name, size, country_rank, *kind, preferred_origin, round(c.similarity, 2), seat,
            c.population, c.geonameid > 0, -abs(c.geonameid))  # fmt: skip


def _size_class(population: int) -> int:
    return (population >= TOWN_POPULATION) + (population >= IMPORTANT_POPULATION) + (population >= 1_000_000)


@lru_cache(maxsize=65_536)
def _key(name: str) -> str:
    return name_key(name)


def _own_name(c: Candidate, core: str) -> bool:
    return _key(c.ascii_name or c.name) == _key(core) or _key(_unbracketed(c.name)) == _key(core)


def _unbracketed(name: str) -> str:
    """"Baga (Borno)" -> "Baga": the name without the brackets that tell a curated row from its namesakes."""
    return name.split(" (", 1)[0] if name.endswith(")") else name


def _feature_score(c: Candidate, area: str | None, admin_wanted: bool, district: bool = False) -> int:
    if admin_wanted:
        # "Rajon Donezk", "Distrikt Kandahar": the district, not the province of that name.
        if c.is_admin1:
            return 3 if district else 4
        if c.feature_code == "ADM2":
            return 4 if district else 3
        if (c.feature_class == "A" and not c.is_country) or (c.feature_class == "L" and c.feature_code in _AREA_REGIONS):
            return 2
        return 1 if c.is_country else 0
    if area == "city":
        return 1 if c.feature_class == "P" else 0
    if area == "site":  # "Flughafen Nairab": the air base there, else the town
        return 2 if c.feature_class == "S" else (1 if c.feature_class == "P" else 0)
    if c.feature_class == "P" or c.is_country:
        return 2
    return 1 if c.feature_class in ("A", "L", "S", "T", "H") else 0


def _important(c: Candidate) -> bool:
    return (
        c.population >= IMPORTANT_POPULATION
        or c.is_country
        or c.is_admin1
        or c.feature_code in ("PPLC", "PPLA")
    )


def _acceptable(c: Candidate, eligible: list[Candidate], focus: _Focus, parsed: PlaceName) -> bool:
    in_focus = c.country_code in focus.countries or c.country_code in focus.hint_countries or (
        (c.country_code, c.admin1_code) in focus.hint_areas
    )
    if c.feature_code == "ADM2" and parsed.area != "admin" and not in_focus:
        # Some 33,000 districts and counties of the world share their names with German
        # words and distant towns: a bare name is a district only in the story's countries.
        return False
    if c.via == "direction" and not (in_focus or c.feature_class == "A" or c.population >= IMPORTANT_POPULATION):
        return False  # "Westbank" is not a village called "Bank"
    hinted = focus.hint_areas or focus.hint_countries
    if hinted and not ((c.country_code, c.admin1_code) in focus.hint_areas or c.country_code in focus.hint_countries):
        # "Al-Mughayyir im Westjordanland": a namesake outside the area the text gives is no match
        return c.exact and _important(c)
    if in_focus:
        return True
    if not c.exact:
        return _important(c) and c.similarity >= FAR_SIMILARITY
    if not focus.countries:
        return True
    alone = not any(o.exact and o.geonameid != c.geonameid for o in eligible)
    return _important(c) or alone or (focus.actors_only and c.population >= TOWN_POPULATION)


def _areas(gazetteer: Gazetteer, name: str, countries: list[str]) -> set[tuple[str | None, str | None]]:
    """The (country, admin1 code) pairs an area name may mean: an admin1 area of that name,
    or the admin1 area of a town of that name ("in Homs"), in the context countries first."""
    found = [c for c in gazetteer.lookup(name, min_similarity=MIN_SIMILARITY)
             if (c.is_admin1 or (c.feature_class == "P" and c.exact)) and (c.exact or c.similarity >= MIN_SIMILARITY)]  # fmt: skip
    inside = [c for c in found if c.country_code in countries]
    if inside or countries:
        found = inside or [c for c in found if c.is_admin1 and c.exact]
    return {(c.country_code, c.admin1_code) for c in found}


def _find_admin1(gazetteer: Gazetteer, name: str, countries: list[str]) -> Candidate | None:
    for iso in countries:
        area = gazetteer.admin1(iso, name)
        if area is not None:
            return area
    found = [c for c in gazetteer.lookup(name, min_similarity=MIN_SIMILARITY)
             if c.is_admin1 and (c.exact or c.similarity >= MIN_SIMILARITY)]  # fmt: skip
    if not found:
        return None
    return max(found, key=lambda c: (c.exact, c.similarity, c.geonameid > 0))


# -- building the record --------------------------------------------------------------


def _to_place(c: Candidate, surface: str, parsed: PlaceName, focus: _Focus, *, near: bool) -> Place:
    notes: list[str] = []
    admin1, admin2 = c.admin1, c.admin2
    if c.is_country:
        name, admin1, admin2, precision = c.country or c.ascii_name, None, None, 3
    elif c.is_admin1:
        name = admin1 = c.admin1 or c.ascii_name
        admin2, precision = None, 3
    elif c.feature_class == "A":
        name, precision = c.ascii_name, 2
        if c.feature_code == "ADM2":
            admin2 = c.ascii_name
            if c.origin == "bundled":
                # GeoNames gives admin2 areas no coordinates; sources places them at the mean
                # of their places, which a reader should not take for a surveyed point.
                notes.append(f"{name}: the centroid of the gazetteer's places in this district (admin2)")
    elif c.feature_class == "L" and c.feature_code in _AREA_REGIONS:
        # A region of GeoNames may span a province; a curated zone or camp area
        # ("Al-Mawasi", "Philadelphi Corridor") is a few kilometres across.
        name, precision = c.ascii_name, 2 if c.origin == "supplement" and c.feature_code == "AREA" else 3
    else:
        # "Baga (Borno)": a curated row tells its namesakes apart in brackets; ACLED writes "Baga"
        name, precision = _unbracketed(c.ascii_name), 1
        if parsed.area == "admin":
            precision = 2
            notes.append(f"no admin area called {parsed.core!r} is known: placed at the town")
    if c.via == "direction":
        precision = max(precision, 2)
        notes.append(f"{surface!r} is a part of {name}")
    if near:
        precision = max(precision, 2)
    if not c.exact:
        notes.append(f"{c.matched!r} matched {c.name!r} by transliteration (similarity {c.similarity:.2f})")
    if focus.countries and c.country_code not in focus.countries:
        notes.append(f"outside the document's countries ({', '.join(focus.countries)})")
    return Place(
        name=name,
        surface=surface,
        latitude=c.latitude,
        longitude=c.longitude,
        country=c.country,
        iso=c.country_code,
        admin1=admin1,
        admin2=admin2,
        geonameid=c.geonameid if c.geonameid > 0 else None,
        feature=c.feature,
        geo_precision=precision,
        note="; ".join(notes) or None,
    )


def _area_place(label: str, area: Candidate, precision: int, note: str) -> Place:
    admin1 = area.admin1 or area.name
    return Place(
        name=label or admin1, surface=label, latitude=area.latitude, longitude=area.longitude,
        country=area.country, iso=area.country_code, admin1=admin1, geo_precision=precision, note=note,
    )  # fmt: skip
