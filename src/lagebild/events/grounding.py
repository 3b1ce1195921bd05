"""Place grounding: where the story is, and where each candidate happened.

Reads: an ``Analysis`` and, when geocoding, a ``Gazetteer``. Writes: a ``DocumentContext``
that holds the story's focus countries and admin1 areas and resolves every place mention once
(datelines, institutions' seats, far namesakes and reference points of bearings are no event
places), and each candidate's ``place``: one per listed town, else the most specific place of
its sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..geo import TOWN_POPULATION, GeoContext, fallback_place, parse_place_name, resolve_place
from ..language.lexicon import Actor, Lexicon
from ..language.mentions import ADMIN_NOUNS, BEARINGS, DIRECTIONS, PLACE_NOUNS, Analysis, common_word, important_place
from ..language.quantities import adjective_form
from ..language.wordlists import word_list, word_set
from ..records import Mention, Place, Quantity, haversine_km
from .candidate import Candidate, is_country, replace
from .clauses import across_a_dash, caption, clause_words
from .windows import BEARING_REACH_CHARS, ROUTE_LOOKBACK_CHARS

if TYPE_CHECKING:
    from ..geo import Gazetteer

__all__ = ["DocumentContext", "anaphoric_town", "deaths_by_town", "in_another_town", "other_town", "per_place", "sharpen_place",
           "spread_over"]


def _event_place(m: Mention, context: DocumentContext) -> Place | None:
    """Where a place mention may put an event: not a dateline, not an institution's seat."""
    return None if m.detail.dateline or m.detail.seat else context.place(m)


def other_town(analysis: Analysis, index: int, context: DocumentContext, last: Candidate) -> Mention | None:
    """A town of the event's country, not the event's own, that a casualty sentence names."""
    if last.place is None or is_country(last.place) or (last.place.feature or "").startswith("A."):
        return None
    for m in analysis.of_kind("place", index):
        place = _event_place(m, context)
        if (place is not None and place.iso == last.place.iso and place.name != last.place.name
                and not (place.feature or "").startswith("A.") and m.detail.locative):  # fmt: skip
            return m
    return None


def deaths_by_town(analysis: Analysis, index: int, context: DocumentContext, iso: str | None,
                   deaths: Sequence[tuple[Quantity, Mention]]) -> list[tuple[Mention, tuple[tuple[Quantity, Mention], ...]]]:  # fmt: skip
    """ "In Kayes seien 41 Kämpfer getötet worden, in Nioro weitere 39": each figure counts the
    dead of the town its own clause names. The towns with their figures, in text order; empty
    unless every figure follows a town of the event's country ``iso`` and two towns have figures."""
    if not iso or len(deaths) < 2:
        return []
    towns = [m for m in analysis.of_kind("place", index) if m.detail.locative and (p := _event_place(m, context)) is not None
             and p.iso == iso and not is_country(p)]  # fmt: skip
    grouped: dict[Mention, list[tuple[Quantity, Mention]]] = {}
    for quantity, figure in deaths:
        town = max((m for m in towns if m.end <= figure.start), key=lambda m: m.start, default=None)
        if town is None:
            return []
        grouped.setdefault(town, []).append((quantity, figure))
    if len({context.place(m).name for m in grouped}) < 2:
        return []
    return [(m, tuple(figures)) for m, figures in grouped.items()]


def spread_over(last: Candidate, analysis: Analysis, index: int, context: DocumentContext) -> list[Candidate]:
    """ "Bei weiteren Angriffen starben 16 Menschen. Betroffen waren die Orte Rafah und Chan Junis":
    an event not yet placed at a town, then a list of towns, is an event at each, the toll shared;
    empty where the sentence lists no towns of the event's country."""
    if last.place is not None and not is_country(last.place) and last.place.geo_precision < 3:
        return []
    if caption(analysis, index) or any(t.value.event_type for t in analysis.of_kind("trigger", index)):
        return []
    towns = [m for m in analysis.of_kind("place", index) if (p := _event_place(m, context)) is not None
             and not is_country(p) and not (p.feature or "").startswith("A.")]  # fmt: skip
    if len(towns) < 2 or not _listed(towns, context):
        return []
    iso = last.place.iso if last.place is not None else (
        context.place(last.country_only).iso if last.country_only is not None else (context.focus[:1] or [None])[0])
    if context.place(towns[0]).iso != iso:
        return []
    return [replace(last, place_mention=m, place=context.place(m), share=(i, len(towns)), sentences=(*last.sentences, index))
            for i, m in enumerate(towns)]  # fmt: skip


def _aimed_at(m: Mention, analysis: Analysis) -> bool:
    """ "Die Armee versucht, die Stadt X abzusichern", "plant, X einzunehmen": the place of what
    someone tries or plans, in that clause or in the infinitive after it."""
    attempts = word_list("attempt_verbs")
    words = clause_words(analysis, m)
    if any(w.startswith(attempts) for w in words):
        return True
    before = [t.low for t in analysis.sentence_tokens(m.sentence) if t.end <= m.start]
    # "abzusichern", "abzuriegeln" too, which clauses.attempted leaves alone: read there, the whole
    # clause of an attempt would be dropped ("versuchte mit Wasserwerfern ... abzuriegeln")
    infinitive = "zu" in words or any("zu" in w[2:-2] and w.endswith("n") for w in words)
    return infinitive and any(w.startswith(attempts) for w in before)


def sharpen_place(last: Candidate, analysis: Analysis, index: int, context: DocumentContext) -> Candidate | None:
    """A sentence that goes on about the event ("Weitere seien in al-Suhra verletzt worden")
    may name its place more closely than the sentence that told it: ``last`` placed there, or
    None."""
    if last.place is not None and not is_country(last.place) and last.place.geo_precision < 3:
        return None
    inside = last.country_only is not None and last.country_only.detail.locative and not last.country_only.detail.weak
    told = last.place or (context.place(last.country_only) if inside else None)
    if caption(analysis, index):
        return None  # a photo caption names where the picture was taken
    # "Die Stadt liegt 450 Kilometer nordöstlich von Damaskus": where a place lies, not the event
    describes_a_place = not word_set("lying_verbs").isdisjoint(analysis.sentence_words(index))
    for m in analysis.of_kind("place", index):
        place = _event_place(m, context)
        if place is None or is_country(place) or (describes_a_place and _reference_point(m, analysis.tokens)):
            continue
        if _origin(m, analysis.tokens, ("aus", "richtung")):
            continue  # "ein Ladenbesitzer aus dem Bezirk Hodan", "flohen in Richtung Pétion-Ville": from or toward
        if _aimed_at(m, analysis) or _origin(m, analysis.tokens, ("zwischen",)):
            # "Die Armee versucht, El Obeid abzusichern", "die Verbindung zwischen Darfur und ...":
            # a place aimed at or one end of a route, not where it happened
            continue
        if told is not None and place.iso != told.iso:
            continue  # "In Tschad ... sagte eine UN-Sprecherin in Genf": not a closer place, another country
        named = context.place(last.country_only) if told is None and last.country_only is not None else None
        if told is None and (named.iso if named is not None else (context.focus[:1] or [place.iso])[0]) != place.iso:
            continue  # an event not yet placed stays in the country its sentence named, or the story is about
        if last.place is None or place.geo_precision <= last.place.geo_precision:
            return replace(last, place=place, place_mention=m)
    return None


@dataclass(frozen=True)
class NamedActors:
    """The actors a document names, in text order, and the offset of each naming."""

    starts: list[int]
    actors: list[Actor]


_PLACE_AND_ADMIN_NOUNS = PLACE_NOUNS | ADMIN_NOUNS


def _compass_area_name(gazetteer: Gazetteer, iso: str, direction: str) -> str | None:
    """The admin1 area of country ``iso`` that ``direction`` ("norden") names, or None where the
    country has none or several ("Far North", "Centre-Nord", "North Darfur"); worked out once
    per country and direction, which reports name again and again."""
    key = ("compass area", iso, direction)
    if key not in gazetteer.derived:
        gazetteer.derived[key] = _find_compass_area_name(gazetteer, iso, direction)
    return gazetteer.derived[key]


def _find_compass_area_name(gazetteer: Gazetteer, iso: str, direction: str) -> str | None:
    known = next((entry.split(" ", 2)[2] for entry in word_list("compass_areas")
                  if entry.split(" ", 2)[:2] == [iso, direction]), None)  # fmt: skip
    forms = word_list(f"compass_{direction}")
    named = []
    for area in gazetteer.admin1_areas(iso):
        words = re.findall(r"[\w-]+", area.lower())
        core = " ".join(w for w in words if w not in word_set("admin_name_suffixes"))
        if core in forms:
            named.append(area)
        elif any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", area.lower()) for f in forms):
            return None  # "Far North", "Centre-Nord", "North Darfur": the north is more than one area
    if known is not None:
        named = [known]
    return named[0] if len(named) == 1 else None


@dataclass
class DocumentContext:
    analysis: Analysis
    lexicon: Lexicon
    gazetteer: Gazetteer | None
    focus: list[str] = field(default_factory=list)
    admin1_focus: list[str] = field(default_factory=list)
    placed: bool = False  # whether any named place supports the focus (not the actors alone)
    resolved: dict[int, Place | None] = field(default_factory=dict)
    _named: NamedActors | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        counts: Counter[str] = Counter()
        for m in self.analysis.of_kind("actor"):
            actor = self.lexicon.actors.get(m.value)
            if actor and actor.country:
                counts[actor.country] += 1
        if self.gazetteer is not None:
            provisional = GeoContext(countries=[c for c, _ in counts.most_common(3)], admin1=[], actors_only=True)
            admin1s: Counter[tuple[str, str]] = Counter()
            for m in self.analysis.of_kind("place"):
                if not m.detail.exact or m.detail.dateline:
                    continue
                # "Palmyra", "Damaskus": a German name curated for a place is that place, whatever
                # the nationality of the actors named ("zwei US-Soldaten") suggests
                guess = _NO_FOCUS if self.gazetteer.exonym_places(m.text) else provisional
                place = resolve_place(_surface(m), self.gazetteer, guess, near=m.detail.near)
                far = provisional.countries and place is not None and place.iso not in provisional.countries
                # "in Sumy", "die Stadt Pokrowsk": the text says it is a place
                marked = m.detail.locative or m.detail.place_noun or m.text.split()[0].lower() in _PLACE_AND_ADMIN_NOUNS
                if far and not (marked and (self._important(m.text, place.iso)
                                                              or self._only_in(m.text, place.iso)
                                                              or self._sizeable(m.text, place.iso))):  # fmt: skip
                    continue  # a namesake far from the actors' countries does not move the story there
                if place and place.iso and m.detail.weak and place.feature == "P.PPLC":
                    counts[place.iso] += 1  # "von Ankara eingestuft", "aus Moskau": a government, like an actor
                elif place and place.iso:
                    counts[place.iso] += (3 if m.detail.locative else 2) + 2 * self._important(m.text, place.iso)
                    self.placed = True
                    if place.admin1 and not m.detail.seat:  # "das Ministerium in Niamey" says where it sits
                        admin1s[(place.iso, place.admin1)] += 1
            self.focus = _leading(counts)
            self.admin1_focus = [a for (iso, a), _ in admin1s.most_common() if self.focus and iso == self.focus[0]][:2]
            return
        self.focus = _leading(counts)

    def place(self, mention: Mention) -> Place | None:
        if mention.start not in self.resolved:
            self.resolved[mention.start] = None  # a place asked for while it is resolved has none yet
            place = None
            if self.gazetteer is not None:
                named_country = self._country_named_before(mention)
                geo = GeoContext(countries=self.focus if named_country is None else [named_country, *self.focus],
                                 admin1=self.admin1_focus, actors_only=not self.placed)  # fmt: skip
                if mention.detail.unknown:
                    area = self._admin1_named_with(mention)
                    place = self._by_bearing(mention)
                    if place is None:
                        place = fallback_place(mention.text, self.gazetteer, geo, area) if self.focus else None
                    self.resolved[mention.start] = place
                    return place
                place = resolve_place(_surface(mention), self.gazetteer, geo, near=mention.detail.near,
                                      admin_hint=self._area_after(mention))
                if place is not None and mention.detail.direction and is_country(place):
                    place = self._compass_area(place.iso, mention.detail.direction) or place
                if place is not None and mention.detail.weak and place.feature == "P.PPLC" and (
                        not self.focus or place.iso != self.focus[0]):  # fmt: skip
                    place = None  # "von Ankara als Terrorgruppe eingestuft": the government, not the city
                if place is not None and self.focus and place.iso not in self.focus:
                    # Far from the story: a loose spelling match or a small namesake is a false friend;
                    # but where only the actors' nationality sets the focus ("russische Kampfjets
                    # bombardierten die Stadt Maarat al-Numan"), a place the text marks is taken.
                    plain_word = not mention.detail.locative and " " not in mention.text
                    # (a spelling only alike is no mark: "in Balcad" is not Palakkad in India)
                    marked = not self.placed and not plain_word and mention.detail.exact
                    # "in der ruandischen Stadt Gisenyi": the text names the other country itself
                    marked = marked or (named_country is not None and place.iso == named_country)
                    if not marked and (not mention.detail.exact or plain_word
                                       or not self._landmark(mention.text, place.iso)) and not (
                            not self.placed and mention.detail.exact and self._sizeable(mention.text, place.iso)):  # fmt: skip
                        place = None
                arabic = mention.text.lower().startswith(("al-", "el-", "as-", "ad-", "ar-", "an-", "at-", "az-"))
                named = parse_place_name(mention.text)
                if place is None and self.focus and (mention.detail.place_noun or mention.detail.in_area
                                                     or (named.area == "admin" and not common_word(named.core))
                                                     or (arabic and mention.detail.locative)):  # fmt: skip
                    # "das Dorf X", "in al-Suhra", "im Gebiet Walungu": a place the gazetteer lacks, at the
                    # area the text gives
                    place = fallback_place(named.core, self.gazetteer, geo, self._admin1_named_with(mention))
                place = self._within_its_bearing(mention, place)
            self.resolved[mention.start] = place
        return self.resolved[mention.start]

    def _within_its_bearing(self, mention: Mention, place: Place | None) -> Place | None:
        """ "Radkiwka nördlich von Kupjansk", "al-Mazraa westlich der Stadt Suwaida": a namesake
        far from the town the text measures it from is not the place meant; the place is then
        near that town (precision 2), under the text's name."""
        if place is None or place.latitude is None or place.longitude is None:
            return place
        bearing = _bearing_after(self.analysis, mention)
        if bearing is None:
            return place
        anchor_mention, km = bearing
        anchor = self.place(anchor_mention)
        if anchor is None or anchor.latitude is None or anchor.longitude is None:
            return place
        limit = 2 * km + 25 if km is not None else FAR_FROM_ITS_BEARING_KM
        if haversine_km(place.latitude, place.longitude, anchor.latitude, anchor.longitude) <= limit:
            return place
        name = parse_place_name(mention.text).core or mention.text  # "Ortschaft al-Mazraa": al-Mazraa
        return Place(name, mention.text, anchor.latitude, anchor.longitude, anchor.country, anchor.iso,
                     anchor.admin1, anchor.admin2, None, None, 2,
                     f"the gazetteer's {place.name!r} lies far from {anchor.name}, which the text gives as its bearing")

    def _compass_area(self, iso: str | None, direction: str) -> Place | None:
        """ "im Norden Israels", "im Süden des Libanon": the admin1 area named after that part of
        the country (the Northern District, the South Governorate), where the country has one."""
        if not iso:
            return None
        name = _compass_area_name(self.gazetteer, iso, direction)
        if name is None:
            return None
        place = resolve_place(name, self.gazetteer, GeoContext(countries=[iso], admin1=[], actors_only=False))
        return place if place is not None and place.iso == iso and (place.feature or "").startswith("A.ADM1") else None

    def _area_after(self, mention: Mention) -> str | None:
        """The area the text puts a place in: "Baba Amr in Homs", "Al-Mughayyir im Westjordanland"."""
        for other in self.analysis.of_kind("place", mention.sentence):
            if other.start > mention.end:
                between = self.analysis.text[mention.end : other.start]
                return other.text if _IN_AREA.fullmatch(between) else None
        return None

    def _by_bearing(self, mention: Mention) -> Place | None:
        """A place the gazetteer lacks, "südlich von Timbuktu": near that town (precision 2)."""
        if not mention.detail.bearing:
            return None
        following = [m for m in self.analysis.of_kind("place", mention.sentence)
                     if m.start > mention.end and m.start - mention.end <= BEARING_REACH_CHARS and not m.detail.unknown]  # fmt: skip
        anchor = self.place(following[0]) if following else None
        if anchor is None or anchor.latitude is None:
            return None
        return Place(mention.text, mention.text, anchor.latitude, anchor.longitude, anchor.country, anchor.iso,
                     anchor.admin1, anchor.admin2, None, None, 2,
                     f"{mention.text!r} is not in the gazetteer; placed at {anchor.name}, which the text gives as its bearing")

    def _admin1_named_with(self, mention: Mention) -> str | None:
        """The admin1 area the same sentence names ("in al-Suhra im Bundesstaat al-Dschasira")."""
        for other in self.analysis.of_kind("place", mention.sentence):
            if other is mention or other.detail.unknown:
                continue
            place = self.place(other)
            if place is not None and (place.feature or "").startswith("A.ADM1"):
                return place.admin1 or place.name
        return None

    def _important(self, name: str, iso: str | None) -> bool:
        return any(c.country_code == iso and important_place(c) for c in self.gazetteer.exact(name))

    def _sizeable(self, name: str, iso: str | None) -> bool:
        """Whether the name is a town of real size in that country (see geocode's actors_only)."""
        return any(c.country_code == iso and c.population >= TOWN_POPULATION for c in self.gazetteer.exact(name))

    def _only_in(self, name: str, iso: str | None) -> bool:
        """Whether every place of this exact name lies in one country ("russischer Angriff
        auf Sumy": the attacker's country is not where it happened)."""
        return {c.country_code for c in self.gazetteer.exact(name)} == {iso}

    def _country_named_before(self, mention: Mention) -> str | None:
        """The country whose national adjective comes right before the place ("in der ruandischen
        Stadt Gisenyi", "im syrischen Grenzort X"), or None."""
        first = mention.detail.first
        if first is None:
            return None
        tokens = self.analysis.tokens
        before = [t for t in tokens[max(0, first - 2) : first] if t.sentence == mention.sentence and t.text[:1].islower()]
        return next((iso for iso in map(self.lexicon.country_of_adjective, (t.text for t in before)) if iso), None)

    def _landmark(self, name: str, iso: str | None) -> bool:
        """A place a story from elsewhere may still name as where something happened: a
        country, an admin area, a capital, a city of a million, a curated conflict place."""
        return any(c.country_code == iso and (
            c.is_country or c.is_admin1 or c.feature_code == "PPLC" or c.population >= 1_000_000
            or c.origin != "bundled") for c in self.gazetteer.exact(name))  # fmt: skip

    def named_actors(self) -> NamedActors:
        """Every actor the lexicon finds in the text, with where it is named (built once)."""
        if self._named is None:
            pairs = [(m.start, self.lexicon.actors.get(m.value)) for m in self.analysis.of_kind("actor")]
            pairs = [(start, actor) for start, actor in pairs if actor is not None]
            self._named = NamedActors([start for start, _ in pairs], [actor for _, actor in pairs])
        return self._named

    def actor_for(self, mention: Mention, recent: Sequence[Actor]) -> Actor | None:
        lexicon = self.lexicon
        if mention.kind == "actor":
            return lexicon.actors.get(mention.value)
        description = mention.value
        country = description.country or (self.focus[0] if self.focus else None)
        target = description.resolves_to
        if target == "coref":
            wanted = set(description.compatible_types)
            for actor in reversed(recent):
                if not wanted or actor.type in wanted or any(c.startswith(description.pattern) for c in actor.called):
                    return actor
            target = description.fallback or ""
        if target.startswith("country_"):
            kind = target.removeprefix("country_")
            if kind == "state" and description.country is None and country is not None:
                # "Soldaten" in a story of the West Bank are the army that acts there, Israel's
                country = _army_of_territory().get(country, country)
            prefix = {"state": "state", "civilians": "civilians", "protesters": "protesters", "rioters": "rioters",
                      "police": "police", "unidentified": "unidentified"}.get(kind)  # fmt: skip
            return lexicon.actors.get(f"{prefix}:{country}") if prefix and country else None
        return lexicon.actors.get(target)



# "Baba Amr in Homs", "Solhan im Norden Burkina Fasos", "X im Osten von Y": the area a place lies in
_IN_AREA = re.compile(r"\s*,?\s*(?:in|im)\s+(?:(?:norden|süden|osten|westen|nordosten|nordwesten|südosten|südwesten)"
                      r"\s+(?:von\s+|des\s+|der\s+)?)?(?:der\s+|dem\s+|den\s+)?(?:(?:provinz|region|gebiet|bundesstaat|"
                      r"gouvernement|oblast|distrikt|bezirk|kreis)\s+)?", re.IGNORECASE)


_NO_FOCUS = GeoContext(countries=[], admin1=[], actors_only=True)


@cache
def _army_of_territory() -> dict[str, str]:
    """Territory -> the state whose army acts there (wordlist armies_of_territories, "PS:IL")."""
    return dict(pair.split(":") for pair in word_list("armies_of_territories"))


def _leading(counts: Counter[str]) -> list[str]:
    """The story's countries: up to three, each weighing at least a third of the first."""
    ranked = counts.most_common(3)
    return [c for c, n in ranked if n * 3 >= ranked[0][1]] if ranked else []


def _surface(mention: Mention) -> str:
    """The name as the geocoder should read it: with the admin or facility noun the text put
    before it ("Provinz Idlib", "Flughafen von Nyala" -> "Flughafen Nyala")."""
    noun = mention.detail.admin_noun or mention.detail.site_noun
    return f"{noun} {mention.text}" if noun else mention.text


def per_place(candidate: Candidate, context: DocumentContext) -> list[Candidate]:
    places = candidate.places
    if not places:
        return [candidate]
    # "Weitere Tote in Dschabalia – Polizei löst Demonstration in Tel Aviv auf": a dash parts two stories
    dashed = {m.start for m in places if across_a_dash(context.analysis.text, m, candidate.trigger)}
    if candidate.headline:
        places = tuple(m for m in places if m.start not in dashed) or places
    if all(is_country(context.place(m)) for m in places):
        # "im Jemen" says little; the last named town of the story says more (see merge_incidents).
        return [replace(candidate, country_only=places[0], places=())]
    towns = [m for m in places if not (context.place(m).feature or "").startswith("A.")]
    # "Große Nachricht aus Kiew: ... hätten Robotyne befreit": where news comes from is not taken.
    towns = [m for m in towns if not (_origin(m, context.analysis.tokens) or m.detail.seat)] or towns
    # "in den Provinzen Sagaing und Magway sowie in Mandalay": areas listed side by side are places each.
    areas = [m for m in places if not is_country(context.place(m)) and not m.detail.seat]
    if len(towns) < 2 and len(areas) > 1 and _listed(areas, context):
        towns = areas
    towns = _one_spot_once(towns, context)
    # "In Charkiw töteten Raketen drei Menschen, in Sumy zwei weitere": each town its own dead
    by_town = _dead_by_town(candidate, towns)
    if by_town:
        return [replace(candidate, place_mention=m, place=context.place(m), deaths=dead) for m, dead in by_town]
    # ACLED codes one event per place: towns taken one by one, and fighting "in den Bezirken
    # Sirwah und Raghwan", each with its share of the toll.
    listed = len(towns) > 1 and _listed(towns, context)
    if (candidate.trigger.value.territory and len(towns) > 1) or listed:
        shared = listed and not candidate.trigger.value.territory
        return [replace(candidate, place_mention=m, place=context.place(m), share=(i, len(towns)) if shared else candidate.share)
                for i, m in enumerate(towns)]
    tokens = context.analysis.tokens
    best = min(places, key=lambda m: (m.start in dashed, is_country(context.place(m)), bool(m.detail.seat),
                                      (context.place(m).feature or "").startswith("A."),
                                      _reference_point(m, tokens) or _origin(m, tokens) or _destination(m, tokens), context.place(m).geo_precision,
                                      m.start))  # fmt: skip
    return [replace(candidate, place_mention=best, place=context.place(best))]


# Two named places closer than this are one spot told twice ("Port-au-Prince, Champ de Mars"),
# not a list of places
SAME_SPOT_KM = 5.0


def _one_spot_once(towns: list[Mention], context: DocumentContext) -> list[Mention]:
    """The towns without one that merely widens a later, nearby one: "Port-au-Prince, Champ de
    Mars" names a square of the city, not two places each with an event."""
    kept = list(towns)
    text = context.analysis.text
    for m, other in zip(towns, towns[1:]):
        here, there = context.place(m), context.place(other)
        if here is None or there is None or None in (here.latitude, here.longitude, there.latitude, there.longitude):
            continue
        if text[m.end : other.start].strip() != "," or not context._important(m.text, here.iso):
            continue
        if haversine_km(here.latitude, here.longitude, there.latitude, there.longitude) < SAME_SPOT_KM:
            kept.remove(m)
    return kept


def _dead_by_town(candidate: Candidate, towns: list[Mention]) -> list[tuple[Mention, tuple]]:
    """The candidate's towns of its own sentence, each with the figures of the dead told after
    it ("in Charkiw drei Menschen, in Sumy zwei weitere"), where every town has some; else none."""
    own = sorted((m for m in towns if m.sentence == candidate.sentence), key=lambda m: m.start)
    if len(own) < 2 or not candidate.deaths or any(d.sentence != candidate.sentence for _, d in candidate.deaths):
        return []
    shares: list[tuple[Mention, list]] = [(m, []) for m in own]
    for figure in candidate.deaths:
        town = next((share for share in reversed(shares) if share[0].end <= figure[1].start), None)
        if town is None:
            return []  # a figure before every town counts them all
        town[1].append(figure)
    if not all(dead for _, dead in shares):
        return []
    return [(m, tuple(dead)) for m, dead in shares]


# How far a place may lie from the town the text measures it from ("nördlich von X") when the
# text gives no distance
FAR_FROM_ITS_BEARING_KM = 100.0


def _bearing_after(analysis: Analysis, mention: Mention) -> tuple[Mention, float | None] | None:
    """The town a place is measured from and the distance given, where a bearing follows the
    name ("X, rund 15 Kilometer westlich von Y", "X nördlich der Stadt Y"); else None."""
    tokens = analysis.tokens
    k, km = mention.detail.last + 1, None
    while k < len(tokens) and tokens[k].sentence == mention.sentence and k - mention.detail.last <= 6:
        word = tokens[k].low
        if word in BEARINGS and word not in ("nahe", "unweit"):
            following = [m for m in analysis.of_kind("place", mention.sentence)
                         if m.start > tokens[k].end and m.start - tokens[k].end <= BEARING_REACH_CHARS and not m.detail.unknown]  # fmt: skip
            return (following[0], km) if following else None
        if word.replace(".", "").replace(",", "").isdigit():
            km = float(word.replace(".", "").replace(",", "."))
        elif word not in _DISTANCE_WORDS:
            return None
        k += 1
    return None


_DISTANCE_WORDS = frozenset(", rund etwa ca. circa knapp gut mehr als weniger nur kilometer km meilen".split())


def in_another_town(candidate: Candidate, last: Candidate, context: DocumentContext) -> bool:
    """Whether the candidate names a town of its own where it happened, and the event before
    lies in another ("bei einem Angriff auf Charkiw" after a strike on Kostjantyniwka); where
    someone comes from or speaks for ("Der Gouverneur von Dnipropetrowsk") is no such town."""
    where = last.place or (context.place(last.country_only) if last.country_only is not None else None)
    if where is None:
        return False
    tokens = context.analysis.tokens
    own = (m for m in candidate.places if not (m.detail.seat or _origin(m, tokens)))
    towns = [p for p in map(context.place, own) if p is not None and not is_country(p) and p.geo_precision != 3]
    if is_country(where) or where.geo_precision == 3:
        # "eine Rakete auf Israel ... In der Stadt Taiz": a town outside the country or area told before
        area = None if is_country(where) else where.admin1
        return bool(towns) and all(p.iso != where.iso or (area is not None and p.admin1 != area) for p in towns)
    return bool(towns) and all(p.name != where.name for p in towns)


def anaphoric_town(analysis: Analysis, index: int, context: DocumentContext, *, territory: bool) -> list[Mention]:
    """ "Russische Truppen hätten die Stadt eingenommen", "Dort warf eine Drohne ...": the town
    named last before."""
    words = analysis.sentence_words(index)
    # "die Stadt", "die Millionenmetropole", "die Zwei-Millionen-Metropole": a town noun or a compound on one
    the_town = territory and any(_town_noun(noun.split("-")[-1])
                                 for noun in _ARTICLE_AND_NOUN.findall(analysis.sentences[index].text.lower()))  # fmt: skip
    there = "dort" in words[:3]
    if not (the_town or there):
        return []
    for i in range(index - 1, max(-1, index - (3 if the_town else 2)), -1):
        for m in reversed(analysis.of_kind("place", i)):
            place = _event_place(m, context)
            if place is not None and not (place.feature or "").startswith("A.") and not _reference_point(m, analysis.tokens):
                return [m]  # not "westlich von Cherson": the town the bearing starts from
    if territory and "hauptstadt" in words:
        # "sagen, dass sie die Hauptstadt eingenommen haben", told first: the capital the next sentences name
        for i in range(index + 1, min(len(analysis.sentences), index + 4)):
            for m in analysis.of_kind("place", i):
                place = _event_place(m, context)
                if place is not None and place.feature == "P.PPLC":
                    return [m]
    return []


_ARTICLE_AND_NOUN = re.compile(r"\b(?:die|den|das)\s+([\w-]+)")


def _town_noun(word: str) -> bool:
    """A town noun, or a compound on one ("Grenzort", "Millionenmetropole"; not "Wort")."""
    return any(word == noun or (word.endswith(noun) and len(word) >= len(noun) + 3) for noun in word_list("town_nouns"))


def _listed(towns: list[Mention], context: DocumentContext) -> bool:
    """Whether the towns stand side by side in one phrase ("bei Robotyne und Werbowe",
    "in Kafr Naha, Khan al-Asal und Urum al-Kubra") in one country."""
    text = context.analysis.text
    joined = all(_list_gap(text[a.end : b.start]) for a, b in zip(towns, towns[1:]))
    # "an der Straße zwischen Monywa und Yinmabin", "von Kayes nach Bamako": one route, one event.
    route = text[max(0, towns[0].start - ROUTE_LOOKBACK_CHARS) : towns[0].start].lower().split()[-1:] in (["zwischen"], ["von"])
    return joined and not route and len({context.place(m).iso for m in towns}) == 1


def _list_gap(gap: str) -> bool:
    """Whether the words between two places join them as a list: "und", "sowie", a comma, with
    at most articles, "in", a place noun or where in the country between ("Sagaing und Magway
    sowie in Mandalay", "Gao sowie die Stadt Kidal", "Goma (Nord-Kivu) im Osten des Landes und
    Bukavu")."""
    words = re.sub(r"\([^()]{0,60}\)", " ", gap).lower().replace(",", " , ").split()
    if not words or not set(words) & {",", "und", "sowie"}:
        return False
    return all(w in _LIST_GAP_WORDS or w in PLACE_NOUNS or w in ADMIN_NOUNS or w in DIRECTIONS for w in words)


_LIST_GAP_WORDS = frozenset(", und sowie in im der die den dem des landes landesteil".split())


def _origin(mention: Mention, tokens, words: tuple[str, ...] = ("aus", "von", "vom")) -> bool:
    """ "Nachrichten aus Kiew", "ein Händler aus dem benachbarten Bezirk Hodan": where someone or
    something comes from."""
    first = mention.detail.first
    if first is None:
        return False
    k = first - 1
    # back over "dem benachbarten Bezirk" to the preposition
    while k >= 0 and first - k <= 4 and tokens[k].sentence == mention.sentence and tokens[k].low not in words and (
            tokens[k].low in _PLACE_AND_ADMIN_NOUNS or tokens[k].low in ("dem", "der", "den") or adjective_form(tokens[k].text)):  # fmt: skip
        k -= 1
    return k >= 0 and tokens[k].low in words


def _destination(mention: Mention, tokens) -> bool:
    """ "auf der Straße von Kidal nach Gao": where a route leads; but "bis nach Munigi vorgedrungen"
    says how far an advance went."""
    first = mention.detail.first
    if first is None or first < 1 or tokens[first - 1].low not in ("nach", "richtung"):
        return False
    return not (first >= 2 and tokens[first - 2].low == "bis")


def _reference_point(mention: Mention, tokens) -> bool:
    """ "im Westen von Idlib", "20 Kilometer südlich von Gao": a place that locates another."""
    first = mention.detail.first
    if first is None or first < 2:
        return False
    # "südwestlich der Provinzhauptstadt Bukavu", "nördlich des Dorfes X": a bearing with a genitive
    k = first - 1
    while k > 0 and first - k <= 2 and (tokens[k].low in _PLACE_AND_ADMIN_NOUNS or tokens[k].low in ("der", "des", "dem")
                                        or tokens[k].low.endswith(word_list("place_noun_ends"))):  # fmt: skip
        k -= 1
    if k < first - 1 and tokens[k].low in BEARINGS and tokens[k + 1].low in ("der", "des"):
        return True
    if tokens[first - 1].low not in ("von", "vom"):
        return False
    word = tokens[first - 2].low
    return word in BEARINGS or word in DIRECTIONS or word in ("km", "kilometer", "kilometern", "meilen")
