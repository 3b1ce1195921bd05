"""Incident merging: candidates of one report that tell the same incident become one.

Reads: the candidates of a document, in text order. Writes: fewer candidates, each with the
deaths, sentences, sides, date and best place of those merged into it. Places and dates not
given carry over from the candidate before.
"""

from __future__ import annotations

from ..language.tolls import toll
from ..records import Mention, Place
from .candidate import Candidate, Decision, is_country, replace, same_actor
from .grounding import DocumentContext
from .timing import COARSE_DATES, dates_overlap
from .windows import CROWD_SENTENCES, FIGHTING_SENTENCES, FOLLOW_UP_SENTENCES

__all__ = ["merge_incidents"]


def merge_incidents(candidates: list[Candidate], trail: list[Decision], context: DocumentContext) -> list[Candidate]:
    """One candidate per incident, in text order. A candidate with no place or date of its own
    takes the last the text gave."""
    merged: list[Candidate] = []
    last_place: tuple[Place, Mention] | None = None
    last_date: Mention | None = None
    for c in candidates:
        # "In Niger griffen Bewaffnete ein Dorf an": a place told before in another country is not its place
        inside = c.country_only is not None and c.country_only.detail.locative and not c.country_only.detail.weak
        country = context.place(c.country_only).iso if inside else None  # not "Drohnen aus den Emiraten"
        # "Im Oktober wurden bei einem Luftangriff ... getötet": history told with a day of its own is not where the news is
        if c.place is None and last_place is not None and country in (None, last_place[0].iso) and not c.history:
            c = replace(c, place=last_place[0], place_mention=last_place[1])
        elif c.place is None and c.country_only is not None:
            c = replace(c, place=context.place(c.country_only), place_mention=c.country_only)
        elif c.place is not None:
            last_place = (c.place, c.place_mention)
        if c.date is None:
            c = replace(c, date=last_date)
        else:
            last_date = c.date
        at = next((i for i, m in enumerate(merged) if _same_event(m, c)), None)
        if at is None:
            at = _generic_partner(merged, c)
        if at is None:
            merged.append(c)
            continue
        trail.append(Decision(c.sentence, "merged", f"{c.trigger.text!r} is the event of sentence {merged[at].sentence}", "merging"))
        merged[at] = _absorb(merged[at], c, context)
    return merged


def _absorb(target: Candidate, c: Candidate, context: DocumentContext) -> Candidate:
    """``target`` with what ``c``, another telling of its incident, adds."""
    trigger, event_type, sub_event_type = target.trigger, target.event_type, target.sub_event_type
    # an attack by a named armed group stays one when its men throw stones or set fire
    stones_of_the_attackers = c.event_type == "Riots" and _armed_attackers(target)
    if not stones_of_the_attackers and (
            (target.trigger.value.generic and not c.trigger.value.generic and c.event_type != "Strategic developments")
            or (c.event_type == "Riots" and target.event_type != "Riots")
            or (c.sub_event_type == "Non-violent transfer of territory" and _taken_unopposed(target, c))
            or (target.headline and c.trigger.value.territory)
            or (target.headline and c.event_type != target.event_type
                and (not c.trigger.value.generic or target.trigger.value.generic))):  # fmt: skip
        # the more specific word wins: "Gefechte in Myanmar" (title) is the town taken
        trigger, event_type, sub_event_type = c.trigger, c.event_type, c.sub_event_type
    actor1, actor2 = target.actor1, target.actor2
    if {target.event_type, c.event_type} & CROWD_TYPES and target.event_type != c.event_type and (
            _at_the_crowd(target, c)) and not stones_of_the_attackers:  # fmt: skip
        return _crowd_absorb(target, c, context)
    if actor1 is None and c.actor1 is not None:
        if actor2 is None or not same_actor(c.actor1[0], actor2[0]):
            actor1 = c.actor1
    elif _unnamed_in_title(target, c):
        actor1 = c.actor1  # the group the body names
    if actor2 is None and c.actor2 is not None:
        if actor1 is None or not same_actor(c.actor2[0], actor1[0]):
            actor2 = c.actor2
    place, place_mention = target.place, target.place_mention
    if place is None and c.place is not None:
        place, place_mention = c.place, c.place_mention  # the first sentence that places it
    elif place is not None and c.place is not None and (
            c.place.geo_precision < place.geo_precision or target.headline
            or (is_country(place) and not is_country(c.place))):  # fmt: skip
        place, place_mention = c.place, c.place_mention  # the body places what a title sums up
    return replace(
        target,
        trigger=trigger,
        event_type=event_type,
        sub_event_type=sub_event_type,
        deaths=_both_tolls(target, c),
        sentences=target.sentences + c.sentences,
        actor1=actor1,
        actor2=actor2,
        date=target.own_date or c.own_date or target.date or c.date,
        source=target.source or c.source,
        place=place,
        place_mention=place_mention,
        # the body's toll, split between its places, is what the title sums up
        share=c.share if target.headline and c.share[1] > 1 else target.share,
        headline=target.headline and c.headline,  # the title has found its body event: it sums up no other
        salience="core" if c.salience == "core" else target.salience,
    )


def _history(c: Candidate) -> bool:
    """ "durch den Überfall am 7. Oktober 2023 ausgelöst": an attack word told as history, dated
    as such, is not the event the report is about."""
    return c.trigger.value.generic and c.salience == "context" and c.own_date is not None


def _crowd_absorb(target: Candidate, c: Candidate, context: DocumentContext) -> Candidate:
    """One crowd event from a protest and what happened to it: the crowd acts, the forces or
    attackers who met it are acted upon."""
    crowd = target if target.event_type in CROWD_TYPES else c
    deaths = _both_tolls(target, c)
    event_type, sub = _crowd_event([target, c], bool(toll(deaths) and toll(deaths).best > 0))
    iso = next((p.iso for p in (target.place, c.place) if p is not None and p.iso), None)
    iso = iso or (context.focus[0] if context.focus else None)
    kind = "protesters" if event_type == "Protests" else "rioters"
    people = context.lexicon.actors.get(f"{kind}:{iso}") if iso else None
    sides = [x for x in (target.actor1, target.actor2, c.actor1, c.actor2) if x is not None]
    met_by = next((x for x in sides if x[0].type not in ("civilians", "protesters", "rioters")), None)
    place, place_mention = target.place, target.place_mention
    if place is None or (c.place is not None and c.place.geo_precision < place.geo_precision):
        place, place_mention = c.place, c.place_mention
    return replace(
        target,
        trigger=crowd.trigger,
        event_type=event_type,
        sub_event_type=sub,
        actor1=(people, crowd.trigger) if people is not None else crowd.actor1,
        actor2=met_by if sub != "Peaceful protest" else None,
        deaths=deaths,
        sentences=target.sentences + c.sentences,
        date=target.date or c.date,
        source=target.source or c.source,
        place=place,
        place_mention=place_mention,
        headline=target.headline and c.headline,
        salience="core" if c.salience == "core" else target.salience,
    )


def _generic_partner(merged: list[Candidate], c: Candidate) -> int | None:
    """Where in ``merged`` the event is that ``c`` tells too: a generic attack word and a
    specific event at the same place, near in the text, tell one event."""
    for at in range(len(merged) - 1, -1, -1):
        m = merged[at]
        if m.trigger.value.generic == c.trigger.value.generic or m.another or c.another or _history(m) or _history(c):
            continue
        if {m.event_type, c.event_type} == {"Violence against civilians", "Battles"}:
            continue  # civilians killed and armed men fighting are two things, however near
        near_in_text = abs(c.sentence - m.sentence) <= FOLLOW_UP_SENTENCES  # far apart, they tell two things
        if near_in_text and _same_place(m.place, c.place) and (
            m.date is None or c.date is None or dates_overlap(m.date.value, c.date.value)
        ):
            return at
    return None


def _same_event(a: Candidate, b: Candidate) -> bool:
    if (a.another or b.another) and a.sentence != b.sentence:
        return False
    if a.salience != b.salience and a.place is not None and b.place is not None and not _same_place(a.place, b.place):
        return False  # "Israel reagierte damals mit Luftangriffen auf Beirut": background at another town is not the news
    if 0 in (a.sentence, b.sentence) and a.salience != b.salience and (a.history or b.history):
        return False  # a title tells the news: "Proteste in Tiflis" is not "Am 4. Oktober 2025 hatten Demonstranten in Tiflis ..."
    unopposed = _taken_unopposed(a, b)
    if a.event_type != b.event_type and not (_riot_and_its_damage(a, b) or _kind_told_later(a, b)
                                             or _title_of_the_attack(a, b) or _at_the_crowd(a, b) or unopposed):  # fmt: skip
        return False
    if a.trigger.value.territory and b.trigger.value.territory and a.sub_event_type != b.sub_event_type and not unopposed:
        return False
    territory = a.trigger.value.territory or b.trigger.value.territory
    if (territory and a.sub_event_type != b.sub_event_type and a.place and b.place and a.place.name != b.place.name
            and not (a.headline or b.headline)):  # fmt: skip
        return False  # a place taken is an event of its own, apart from fighting in its province (a title sums up)
    # "Israel griff Beirut an ... Die Hisbollah feuerte Raketen ab": one side's strike and the
    # other's reply are two events.
    if _different_agents(a, b) and a.event_type == b.event_type == "Explosions/Remote violence" and not (
            (a.headline or b.headline) and not _struck_back(a, b) or _one_pair_one_spot(a, b)):  # fmt: skip
        return False
    # A headline that names no place tells the first event of the body that fits it.
    headline = min(a.sentence, b.sentence) == 0 and (a.place is None) != (b.place is None)
    one_agent = not _different_agents(a, b) or _unnamed_in_title(a, b)
    placeless = headline and one_agent
    # A title sums the body up: "Luftangriff in Omdurman" is the strike the body places in Umbada.
    # "IS bekennt sich zu Anschlag im Nordirak": a title placed only in the country sums up an event in it.
    title, body = (a, b) if a.headline else (b, a)
    in_its_country = is_country(title.place) and body.place is not None and body.place.iso == title.place.iso
    summed_up = (a.headline or b.headline) and one_agent and (_same_admin1(a.place, b.place) or in_its_country)
    if not (placeless or summed_up) and not _same_place(a.place, b.place) and not _same_sides_loosely_placed(a, b):
        return False
    # A day carried over from the sentence before ("Zugleich gab es Gefechte") is no day of its own
    if a.own_date and b.own_date and not dates_overlap(a.date.value, b.date.value):
        return False
    if _tolls_disagree(a, b):
        return False
    coarse = [c.date is not None and c.date.detail.kind in COARSE_DATES for c in (a, b)]
    unresolved = any(c.date is None or c.date.value.start is None for c in (a, b))
    if coarse[0] != coarse[1] and unresolved:
        return False  # "Im Oktober wurden bei einem Luftangriff ...": another, older strike
    return True


# Types that tell one act of armed violence from different sides: a raid that one sentence
# calls a clash, another a bombing, a third a killing of civilians.
ATTACK_TYPES = frozenset(("Battles", "Explosions/Remote violence", "Violence against civilians"))


def _armed_attackers(c: Candidate) -> bool:
    """Whether an attack's attacker is a named armed group ("griffen israelische Siedler das Dorf an"),
    not a crowd."""
    return c.event_type in ATTACK_TYPES and c.actor1 is not None and c.actor1[0].type not in ("rioters", "protesters", "civilians")


def _both_tolls(target: Candidate, c: Candidate) -> tuple:
    """The figures of both tellings, each figure of the text once (two triggers of one sentence
    read the same figures)."""
    seen = {(m.start, m.end) for _, m in target.deaths}
    return target.deaths + tuple(d for d in c.deaths if (d[1].start, d[1].end) not in seen)


_TAKEOVERS = frozenset(("Non-state actor overtakes territory", "Government regains territory"))


def _taken_unopposed(a: Candidate, b: Candidate) -> bool:
    """ "Die Rebellen sagen, sie hätten die Hauptstadt eingenommen ... ohne Widerstand in den Palast
    in Damaskus eingedrungen": a takeover and its telling as taken without a fight, by one side at
    one town."""
    subs = {a.sub_event_type, b.sub_event_type}
    same_side = a.actor1 is not None and b.actor1 is not None and a.actor1[0].id == b.actor1[0].id
    same_town = a.place is not None and b.place is not None and a.place.name == b.place.name
    taken = subs - {"Non-violent transfer of territory"}
    return len(subs) == 2 and taken <= _TAKEOVERS and len(taken) == 1 and same_side and same_town


def _title_of_the_attack(a: Candidate, b: Candidate) -> bool:
    """A title that sums up an attack in a word of its own ("Anschlag auf Kaserne in Peschawar")
    and the body that tells it ("ein Selbstmordattentäter sprengte sich ... in die Luft")."""
    title, body = (a, b) if a.headline else (b, a)
    return title.headline and not body.headline and {a.event_type, b.event_type} <= ATTACK_TYPES and not (
        title.trigger.value.territory or body.trigger.value.territory or _struck_back(a, b))


CROWD_TYPES = frozenset(("Protests", "Riots"))


def _at_the_crowd(a: Candidate, b: Candidate) -> bool:
    """A protest and what happened to it: arrests, clashes with the police, shots at the crowd
    ("Bei der Kundgebung in Eriwan nahmen Beamte zwölf Studenten fest")."""
    crowd, other = (a, b) if a.event_type in CROWD_TYPES else (b, a)
    # told near each other (not entries apart in a ticker), and nothing a crowd undergoes: no town taken
    near = min(abs(x - y) for x in crowd.sentences for y in other.sentences) <= CROWD_SENTENCES
    # "wurden drei Angehörige der Revolutionsgarden getötet": armed men fighting the state's forces
    # are no crowd met by them
    fought = other.event_type == "Battles" and other.actor2 is not None and other.actor2[0].type == "state" and (
        other.actor1 is None or other.actor1[0].type not in ("state", "protesters", "rioters"))  # fmt: skip
    return crowd.event_type in CROWD_TYPES and near and not other.trigger.value.territory and not fought and (
        other.event_type in CROWD_TYPES | ATTACK_TYPES or other.sub_event_type == "Arrests")


def _crowd_event(members: list[Candidate], deaths: bool) -> tuple[str, str]:
    """The type of a protest told with what happened to it, by precedence: a crowd that
    rioted is a riot; one shot at, a protest met with excessive force; one broken up,
    arrested or in clashes with the police, a protest with intervention."""
    types = {m.event_type for m in members}
    subs = {m.sub_event_type for m in members}
    if "Riots" in types:
        return "Riots", "Mob violence" if subs == {"Mob violence"} else "Violent demonstration"
    if deaths:
        return "Protests", "Excessive force against protesters"
    if types - {"Protests"} or "Protest with intervention" in subs or "Arrests" in subs:
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"


def _kind_told_later(a: Candidate, b: Candidate) -> bool:
    """ "Eine Person wurde getötet ... Das Fahrzeug fuhr auf eine Mine": a killing or attack
    of no stated kind and the explosion a nearby sentence names are one event."""
    generic, specific = (a, b) if a.trigger.value.generic else (b, a)
    if _history(generic):
        return False
    # Near in the text, or anywhere in the report at the same town ("ein Angriff auf den Bahnhof
    # von X ... ein Selbstmordanschlag"): an attack word and the explosion tell one attack.
    # Far apart, a word that tells its own day ("hatten in der Nacht zu Dienstag ... gestürmt") is its own act.
    own_day = generic.own_date is not None
    near = abs(a.sentence - b.sentence) <= FIGHTING_SENTENCES or (
        a.place is not None and b.place is not None and a.place.geo_precision < 3 and _same_place(a.place, b.place)
        and not own_day)
    return (generic.trigger.value.generic and not specific.trigger.value.generic
            and specific.event_type == "Explosions/Remote violence" and near
            and not _different_agents(a, b) and not (generic.event_type == "Battles" and generic.actor2 is not None))  # fmt: skip


def _one_pair_one_spot(a: Candidate, b: Candidate) -> bool:
    """The same two sides at the same town: one attack whose sides a sentence got the wrong
    way round, not a strike and a reply (a reply strikes the other side's ground)."""
    sides = [{x[0].id for x in (c.actor1, c.actor2) if x is not None} for c in (a, b)]
    spot = a.place is not None and b.place is not None and max(a.place.geo_precision, b.place.geo_precision) < 3
    return len(sides[0]) == 2 and sides[0] == sides[1] and spot and _same_place(a.place, b.place)


def _riot_and_its_damage(a: Candidate, b: Candidate) -> bool:
    types = {a.event_type, b.event_type, a.sub_event_type, b.sub_event_type}
    return {"Riots", "Looting/property destruction"} <= types


def _different_agents(a: Candidate, b: Candidate) -> bool:
    return a.actor1 is not None and b.actor1 is not None and not same_actor(a.actor1[0], b.actor1[0])


_ARMED_GROUPS = frozenset(("rebel", "political_militia", "identity_militia"))


def _unnamed_in_title(a: Candidate, b: Candidate) -> bool:
    """ "Rebellen nehmen Stadt ein" over "Rebellen der M23 haben Rubaya eingenommen": the armed
    men a title leaves unnamed are the group its body names."""
    for title, body in ((a, b), (b, a)):
        if title.headline and not body.headline and title.actor1 is not None and body.actor1 is not None and (
                title.actor1[0].id.startswith("unidentified:") and body.actor1[0].type in _ARMED_GROUPS):  # fmt: skip
            return True
    return False


def _tolls_disagree(a: Candidate, b: Candidate) -> bool:
    """ "vier Menschen getötet" and, of a drone that hit a clinic, "niemand verletzt": an attack
    with dead and one where nobody was hurt are two attacks, however near."""
    told = [[q.best for q, _ in c.deaths] for c in (a, b)]
    unhurt = [bool(t) and not any(t) for t in told]
    dead = [any(t) for t in told]
    return (unhurt[0] and dead[1]) or (unhurt[1] and dead[0])


def _struck_back(a: Candidate, b: Candidate) -> bool:
    """One strikes the side that struck it ("Nach Israel-Angriff – Hisbollah feuert Raketen ab"
    and "bei einem israelischen Angriff wurden drei Hisbollah-Mitglieder getötet"): a strike and
    the reply, even where one of them is the title."""
    return any(x.actor2 is not None and y.actor1 is not None and same_actor(y.actor1[0], x.actor2[0])
               for x, y in ((a, b), (b, a)))


def _same_sides_loosely_placed(a: Candidate, b: Candidate) -> bool:
    """The same two sides told once with a country and once with a town: one event. An
    agreement between the same two sides is one event wherever each sentence places it."""
    sides = [{x[0].id for x in (c.actor1, c.actor2) if x is not None} for c in (a, b)]
    if a.sub_event_type == "Agreement" == b.sub_event_type:
        # An agreement that names no side is the one the story is about.
        return not sides[0] or not sides[1] or sides[0] <= sides[1] or sides[1] <= sides[0]
    if len(sides[0]) < 2 or sides[0] != sides[1]:
        return False
    loose = [p for p in (a.place, b.place) if p is None or is_country(p)]
    isos = {p.iso for p in (a.place, b.place) if p is not None}
    return bool(loose) and len(isos) <= 1


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a.geonameid and a.geonameid == b.geonameid:
        return True
    if a.name == b.name:
        return True
    # A country or an admin area holds the places inside it; a place the gazetteer lacks
    # (it has a note) is an area only in name.
    coarse = next((p for p in (a, b) if p.geo_precision == 3 and not p.note), None)
    if coarse is not None:
        other = b if coarse is a else a
        if is_country(coarse):
            return coarse.iso == other.iso
        return coarse.admin1 is not None and coarse.admin1 == other.admin1
    return False  # two towns, or a place the gazetteer lacks, are only themselves


def _same_admin1(a: Place | None, b: Place | None) -> bool:
    return a is not None and b is not None and a.iso == b.iso and a.admin1 is not None and a.admin1 == b.admin1
