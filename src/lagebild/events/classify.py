"""Classification: a candidate's ACLED event type and sub-event type, decided from its
trigger, its actors and the words of its sentence.

Reads: a ``Candidate`` with roles assigned, the sentence's cues and words, the
``DocumentContext``. Writes: ``event_type`` and ``sub_event_type`` (and, for protests and
riots, the crowd as actor1). The order of the branches in ``classify`` is the precedence.
"""

from __future__ import annotations

from ..language.lexicon import Trigger
from ..language.mentions import Analysis
from ..language.wordlists import noun_of, word_list, word_set
from ..records import Mention, Quantity
from .candidate import Candidate, replace, same_actor
from .clauses import clause_words, paragraph_window
from .grounding import DocumentContext
from .roles import one_reading_per_span
from .timing import long_before, reference_day
from .windows import FOLLOW_UP_SENTENCES

__all__ = ["POLICING", "UNCLAIMED_BY_ARMED_MEN", "classify", "means_told_nearby", "retype_incident"]


def _gunmen_fired(analysis: Analysis, trigger: Mention) -> bool:
    """ "Bewaffnete hätten einen Kontrollposten beschossen": a verb of firing whose doers are gunmen
    on the ground, with no heavy weapon named in the sentence, tells gunfire, not shelling."""
    if not trigger.text.lower().startswith(("beschoss", "beschieß", "beschies")):
        return False
    words = analysis.sentence_words(trigger.sentence)
    gunmen = any(w in word_set("perpetrator_nouns") or w.startswith("bewaffnete") for w in clause_words(analysis, trigger))
    return gunmen and not any(noun_of(w, "heavy_weapons") for w in words)


def _attack_repelled(analysis: Analysis, trigger: Mention) -> bool:
    """ "wehrten einen Angriff auf den Stützpunkt ab", "die Offensive wurde abgewehrt": what was
    warded off is an assault on the ground (no drone, missile or rocket in the clause)."""
    if not trigger.text.lower().startswith(("abgewehrt", "abwehr", "wehrte")):
        return False
    words = clause_words(analysis, trigger)
    assault = any(w.startswith(word_list("assault_nouns")) for w in words)
    return assault and not any(noun_of(w, "airborne_weapons") for w in words)


def classify(candidate: Candidate, analysis: Analysis, index: int, context: DocumentContext) -> Candidate:
    """The candidate with its event type and sub-event type, and the sides they imply
    (civilians attacked, the crowd of a protest or riot)."""
    trigger: Trigger = candidate.trigger.value
    side1, side2 = candidate.actor1, candidate.actor2
    event_type, sub = trigger.event_type, trigger.sub_event_type
    words = " ".join(analysis.sentence_words(index))
    cues = {m.value for m in analysis.of_kind("cue", index)}
    actor1 = candidate.actor1[0] if candidate.actor1 else None
    actor2 = candidate.actor2[0] if candidate.actor2 else None
    unspecific = _unspecific_attack(candidate.trigger)
    means = means_told_nearby(analysis, candidate, context) if unspecific else None
    if means is None and unspecific and _strikes_from_afar(candidate, analysis, context):
        means = "Air/drone strike"  # "türkische Angriffe auf Dörfer im Nordirak"
    if means is not None:
        # "Die Gruppe griff einen Hafen in Aden an" after "... meldete einen Drohnenangriff":
        # an attack of no stated kind was made with the weapon its paragraph names.
        event_type, sub = "Explosions/Remote violence", means
    elif sub == "Disrupted weapons use" and _attack_repelled(analysis, candidate.trigger):
        event_type, sub = "Battles", "Armed clash"  # "die Armee habe einen Angriff abgewehrt": fought, not intercepted
    elif trigger.territory and _unopposed(analysis, candidate.trigger):
        # "nahmen die Stadt kampflos ein": territory taken without a fight changed hands peacefully
        event_type, sub = "Strategic developments", "Non-violent transfer of territory"
    elif trigger.territory:
        place_country = None
        if candidate.places:
            place = context.place(candidate.places[0])
            place_country = place.iso if place else None
        place_country = place_country or (context.focus[0] if context.focus else None)
        own_state = actor1 is not None and actor1.type == "state" and actor1.country == place_country
        sub = "Government regains territory" if own_state else "Non-state actor overtakes territory"
    elif event_type == "Battles" and trigger.generic and actor1 is not None and actor1.type == "state" and any(
            t.value.event_type == "Protests" for t in analysis.of_kind("trigger", index)):  # fmt: skip
        event_type, sub = "Protests", "Protest with intervention"  # "Soldaten schossen auf einen Protestzug"
    elif event_type == "Battles" and actor1 is None and (actor2 is None or actor2.type != "state") and any(
            w in words for w in ("protest", "demonstr", "kundgeb")):  # fmt: skip
        event_type, sub = "Riots", "Violent demonstration"  # clashes at a protest, no armed side named
    elif event_type == "Battles" and _crowd_against_police(analysis, candidate.trigger, actor1):
        event_type, sub = "Riots", "Violent demonstration"  # "Zusammenstöße zwischen Demonstranten und Polizei"
    elif sub == "Looting/property destruction" and actor1 is not None and actor1.type == "rioters":
        event_type, sub = "Riots", "Mob violence"
    elif event_type == "Protests" and any(w.startswith(word_list("crowd_violence")) for w in clause_words(analysis, candidate.trigger)):
        event_type, sub = "Riots", "Violent demonstration"  # "blockierten Demonstranten die Straße mit brennenden Reifen und Steinen"
    elif sub == "Remote explosive/landmine/IED" and any("drohne" in w for w in clause_words(analysis, candidate.trigger)):
        event_type, sub = "Explosions/Remote violence", "Air/drone strike"  # "warf eine Drohne einen Sprengsatz ab"
    elif sub == "Shelling/artillery/missile attack" and set(clause_words(analysis, candidate.trigger)) & word_set("small_arms"):
        event_type, sub = "Battles", "Armed clash"  # "mit Handfeuerwaffen unter Beschuss geraten": gunfire, no shells
    elif sub == "Shelling/artillery/missile attack" and _gunmen_fired(analysis, candidate.trigger):
        event_type, sub = "Battles", "Armed clash"  # "Bewaffnete auf Motorrädern beschossen einen Posten": gunfire
    elif sub == "Looting/property destruction" and ((actor1 is not None and actor1.type == "protesters") or any(
            t.value.event_type == "Protests" for t in analysis.of_kind("trigger", index))):  # fmt: skip
        event_type, sub = "Riots", "Violent demonstration"  # "Demonstranten zündeten eine Polizeiwache an"
    elif (trigger.generic and event_type == "Battles" and actor2 is None
          and set(clause_words(analysis, candidate.trigger)) & word_set("civilian_targets")):  # fmt: skip
        event_type, sub = "Violence against civilians", "Attack"  # "griffen Siedler das Dorf Turmus Ayya an"
        place = context.place(candidate.places[0]) if candidate.places else None
        iso = place.iso if place is not None and place.iso else (context.focus[0] if context.focus else None)
        civilians = context.lexicon.actors.get(f"civilians:{iso}") if iso else None
        if civilians is not None:
            side2 = (civilians, candidate.trigger)
    elif event_type == "Battles" and actor2 is not None and actor2.type == "civilians" and (trigger.generic or not (
            {"zwischen", "sich"} & set(clause_words(analysis, candidate.trigger)))):  # fmt: skip
        # but "lieferten sich drusische Gruppen und Beduinenstämme heftige Kämpfe": two sides fought
        event_type, sub = "Violence against civilians", "Attack"
    elif trigger.generic and event_type == "Battles" and actor2 is None and "civilian" in cues and (
            actor1 is None or actor1.type not in ("state", "protesters", "rioters")) and not (
            set(clause_words(analysis, candidate.trigger)) & word_set("military_targets")):  # fmt: skip
        # "Bei einer Attacke von Boko Haram starben 200 Menschen": armed men against people,
        # no armed opponent named.
        event_type, sub = "Violence against civilians", "Attack"
    elif event_type == "Battles" and actor1 is not None and actor1.type in ("protesters", "rioters"):
        event_type, sub = "Riots", "Violent demonstration"
    elif event_type == "Violence against civilians" and sub == "Attack":
        # "mindestens 90 Kämpfer getötet": armed men killed, by whoever, fell in fighting.
        if actor2 is not None and actor2.type not in ("civilians",) and (actor1 is not None or trigger.generic):
            event_type, sub = "Battles", "Armed clash"
    if event_type == "Protests":
        if any(w in words for w in word_set("excessive_force")) and ("death" in cues):
            sub = "Excessive force against protesters"
        elif any(w in words for w in word_set("intervention")):
            sub = "Protest with intervention"
    if event_type in ("Protests", "Riots") and context.focus:
        # The crowd acts; police or soldiers who intervene are acted upon.
        kind = "protesters" if event_type == "Protests" else "rioters"
        crowd = context.lexicon.actors.get(f"{kind}:{context.focus[0]}")
        unnamed = actor1 is not None and actor1.id.startswith("unidentified:")  # a description's fallback
        # Protesters are always the crowd: a group named in "gegen die Gewalt der RSF" is what they protest
        if crowd and (actor1 is None or unnamed or actor1.type in ("state", "civilians", "protesters", "rioters")
                      or event_type == "Protests"):  # fmt: skip
            state = actor1 if actor1 is not None and actor1.type == "state" else actor2
            side1 = (crowd, candidate.trigger)
            intervened = sub != "Peaceful protest" or event_type == "Riots"
            side2 = (state, candidate.trigger) if state is not None and intervened else None
    if event_type in ("Violence against civilians", "Explosions/Remote violence") and side2 is None:
        if "civilian" in cues and context.focus:
            civilians = context.lexicon.actors.get(f"civilians:{context.focus[0]}")
            if civilians:
                side2 = (civilians, candidate.trigger)
    return replace(candidate, event_type=event_type, sub_event_type=sub, actor1=side1, actor2=side2)


def _unspecific_attack(trigger: Mention) -> bool:
    """ "Angriff", "Anschlag", "griffen ... an": a word that names an attack but not its weapon."""
    word = trigger.text.split()[0].lower()
    return trigger.value.generic and (word.startswith(word_list("unspecific_attacks")) or any(
        stem in word for stem in ("angriff", "anschlag", "anschläg", "attacke")))


def _strikes_from_afar(candidate: Candidate, analysis: Analysis, context: DocumentContext) -> bool:
    """A state's forces attacking in another country, with no ground troops named ("israelische
    Angriffe im Südlibanon", "die USA griffen Ziele im Jemen an"), strike from the air."""
    if candidate.actor1 is None:
        return False
    actor, mention = candidate.actor1
    if actor.type != "state" or actor.country is None:
        return False
    place = context.place(candidate.places[0]) if candidate.places else None
    where = place.iso if place is not None and place.iso else (context.focus[0] if context.focus else None)
    if where is None or where == actor.country:
        return False
    # The forces its paragraph (for a title: the lead too) names: "russische Truppen" fight on the ground.
    told = set(paragraph_window(analysis, candidate.sentence, FOLLOW_UP_SENTENCES))
    if candidate.headline:
        told |= set(range(min(3, len(analysis.sentences))))
    words = [t.text.lower() for k in sorted(told) for t in analysis.sentence_tokens(k)] + mention.text.lower().split()
    return not any(w.startswith(word_list("ground_forces")) for w in words)


def _crowd_against_police(analysis: Analysis, trigger: Mention, actor1) -> bool:
    """ "Zusammenstöße zwischen Demonstranten und der Polizei": a crowd and the state's forces
    as the two sides of a clash, which ACLED codes as a violent demonstration."""
    if actor1 is not None and actor1.type != "state":
        return False
    words = clause_words(analysis, trigger)
    return "zwischen" in words and any(w.startswith(("demonstr", "protestier")) for w in words)


def _unopposed(analysis: Analysis, trigger: Mention) -> bool:
    """ "kampflos", "ohne Gegenwehr": said of a takeover in its own clause."""
    clause = f" {' '.join(clause_words(analysis, trigger))} "
    return any(f" {phrase} " in clause for phrase in word_list("unopposed"))


def means_told_nearby(analysis: Analysis, candidate: Candidate, context: DocumentContext) -> str | None:
    """The sub-event type of the weapon the trigger's paragraph names closest to it ("Drohne",
    "Raketen", "Sprengsatz"), within a few sentences, where no other attacker uses it; None
    when it names none."""
    trigger = candidate.trigger
    attacker = candidate.actor1[0] if candidate.actor1 else None
    best: tuple[int, str] | None = None
    reference = reference_day(analysis)
    window = list(paragraph_window(analysis, trigger.sentence, FOLLOW_UP_SENTENCES))
    reach = range(min(window + [trigger.sentence]), max(window + [trigger.sentence]) + 1)
    old = {k for k in reach if any(d.value.end is not None and long_before(d.value.end, reference) for d in analysis.of_kind("date", k))}
    for index in window:
        if any(k in old for k in range(min(index, trigger.sentence), max(index, trigger.sentence) + 1)):
            continue  # "Im Juni 2023 hatten ... Am selben Tag explodierte eine Autobombe": background between, another day's weapon
        users = [context.actor_for(m, []) for m in one_reading_per_span(analysis, index, context)]
        users = [a for a in users if a is not None and a.type not in ("civilians", "protesters", "rioters")]
        if attacker is not None and users and not any(same_actor(attacker, a) for a in users):
            continue  # "Rebellen stürmten den Flughafen ... Russische Kampfjets bombardierten": another side's weapon
        for other in analysis.of_kind("trigger", index):
            kind = other.value
            if kind.event_type == "Explosions/Remote violence" and not kind.generic:
                distance = abs(index - trigger.sentence)
                if best is None or distance < best[0]:
                    best = (distance, kind.sub_event_type)
    return best[1] if best is not None else None


def retype_incident(c: Candidate, analysis: Analysis, fatalities: Quantity | None) -> Candidate:
    """The type once the whole incident is merged: who attacked and what the toll is may
    come from sentences other than the trigger's."""
    if c.trigger.value.generic and c.sub_event_type == "Armed clash" and c.actor1 and (
            c.actor1[0].id in word_set("remote_attackers")  # they fight from the air
            or (c.actor1[0].type in ("state", "external") and "ziele" in clause_words(analysis, c.trigger))):  # fmt: skip
        # "Die USA haben Ziele im Jemen angegriffen": states strike targets from afar
        c = replace(c, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
    if c.event_type == "Protests" and fatalities is not None and fatalities.best > 0:
        c = replace(c, sub_event_type="Excessive force against protesters")  # in ACLED's coding only those have dead
    return c


POLICING = frozenset(("Arrests", "Protest with intervention", "Excessive force against protesters"))


UNCLAIMED_BY_ARMED_MEN = frozenset(("Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Attack",
                                     "Abduction/forced disappearance", "Sexual violence"))  # fmt: skip
