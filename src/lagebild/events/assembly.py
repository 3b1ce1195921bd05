"""Event assembly, the orchestrator: one ``Analysis`` in, ACLED-coded ``Event`` records out.

Reads: an ``Analysis`` (sentences, tokens, mentions), the ``Lexicon`` and, when places are to
be resolved, a ``Gazetteer``. Writes: ``Event`` records and a ``Decision`` trail for
``lagebild explain``. The passes, in the order they run:

1. ``grounding``: the story's countries and admin1 areas; every place mention resolved once.
2. ``clauses``: per sentence, whether its clauses assert that something happened (not
   speculation, a plan, negation, an accident, a lasting state, a subheading, a habit, a
   pluperfect told as background).
3. ``candidates``: the strongest trigger of each event type proposes a candidate with the
   sentence's actors, places, date, casualty figures, cited source and certainty; a sentence
   that only goes on about the event before ("Dabei ...", "bei dem Anschlag") adds to it.
4. ``roles`` (who acted, who was acted upon) and ``classify`` (the event type), called for
   each candidate.
5. ``grounding`` again: one candidate per listed place, or the best place of the sentence.
6. ``timing``: history told as background is dropped or marked context.
7. ``merging``: candidates that tell one incident become one.
8. ``coding``: each candidate becomes an ``Event`` with ACLED's columns and evidence spans.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from ..language.lexicon import Lexicon
from ..language.mentions import Analysis
from ..language.tolls import deaths_in
from ..language.wordlists import word_list, word_set
from ..records import Event, Mention, Quantity
from .candidate import Candidate, Decision, replace
from .candidates import ATTACKERS_AGAIN, FOLLOWED, NAMED_BY_A_SPEAKER, REFERS_BACK, intervenes, killed_at_protest, own_verb, propose, propose_candidate
from .clauses import (
    TERMINAL,
    absent,
    advance_toward,
    alleged,
    another_set_aside,
    asked,
    attempted,
    blaze,
    caption,
    cases_of,
    cited_name,
    conceded,
    claim_at,
    governed_by,
    dated,
    in_support,
    lasting_clauses,
    lasting_since,
    new_entry,
    no_happening,
    opinion_or_interview,
    opposed,
    purpose_of,
    running_total,
    subheading,
    told_as_earlier,
    topic_of_a_report,
    unused_weapon,
    who_fights_whom,
)
from .coding import to_event
from .grounding import DocumentContext, deaths_by_town, other_town, per_place, sharpen_place, spread_over
from .merging import merge_incidents
from .modality import for_years, goes_on, negated, none_there, speculative
from .nonevents import accident_named, campaign_course, charged_with, dead_tallied, foiled, foretold, held_person, kind_of_act, nothing_in_the_air, planned_or_threatened, sums_up_several, tallied, warned_of, warning_shots
from .roles import one_reading_per_span
from .timing import in_time, long_before, reference_day
from .windows import FOLLOW_UP_SENTENCES

if TYPE_CHECKING:
    from ..geo import Gazetteer

__all__ = ["assemble_events"]


def assemble_events(
    analysis: Analysis,
    lexicon: Lexicon,
    gazetteer: Gazetteer | None = None,
    *,
    version: str = "",
    trail: list[Decision] | None = None,
) -> list[Event]:
    """The events ``analysis`` tells of, in text order, with evidence for every field."""
    trail = trail if trail is not None else []
    context = DocumentContext(analysis, lexicon, gazetteer)
    candidates: list[Candidate] = []
    told: _Told | None = None
    reference = reference_day(analysis)
    body_start = next((s.index for s in analysis.sentences if s.text.endswith(TERMINAL)), len(analysis.sentences))
    seen: set[str] = set()
    held: _HeldDead | None = None  # figures told before the event they belong to
    for sentence in analysis.sentences:
        index = sentence.index
        said = _wording(sentence.text)
        if said in seen and analysis.of_kind("trigger", index):
            # a title or teaser repeated by the page ("Eilmeldung ... UN: Weitere Vergewaltigungen im Kongo")
            trail.append(Decision(index, "dropped", "the sentence repeats an earlier one word for word", "clauses"))
            continue
        seen.add(said)
        cues = {m.value for m in analysis.of_kind("cue", index)}
        triggers = _asserted_triggers(analysis, index, cues, body_start, trail)
        if triggers and running_total(analysis, index, reference):
            for t in triggers:
                trail.append(Decision(index, "dropped", f"{t.text!r}: deaths counted over a period, not an event", "clauses"))
            triggers = []
        several = sums_up_several(analysis, triggers) if triggers else None
        if several is not None:
            # its dead are the sum of the events told next: no event's toll
            trail.append(Decision(index, "dropped", f"{several.text!r}: several acts summed up, told one by one", "clauses"))
            continue
        last = told.candidate if told is not None else None
        reaction = _met_by_the_state(analysis, index, triggers, last, context) if last is not None else None
        if reaction is not None:
            told = told.retold(reaction[0], candidates)
            trail.append(Decision(index, "merged", reaction[1], "candidates"))
            continue
        for t in [t for t in triggers if who_fights_whom(analysis, t)]:
            trail.append(Decision(index, "dropped", f"{t.text!r}: says who fights whom, not a fight", "clauses"))
            triggers = [x for x in triggers if x is not t]
        proposals, spare = propose(triggers, trail, index, analysis.tokens)
        if not proposals:
            if running_total(analysis, index, reference) or caption(analysis, index):
                continue
            fighters = _fighters_dead(analysis, index) if told is not None and (
                told.candidate.event_type == "Violence against civilians") else ()  # fmt: skip
            if fighters:
                # "hat der IS 85 Zivilisten getötet. Auch sollen 50 Soldaten gestorben sein": armed
                # men are no victims of an attack on civilians; they fell in the fighting told next
                held = _HeldDead(index, fighters, battle_only=True)
                trail.append(Decision(index, "role", "fighters' dead, held for the fighting told next", "tolls"))
            elif told is not None and index - told.candidate.sentences[-1] <= FOLLOW_UP_SENTENCES:
                told = _follow_up(told, candidates, analysis, index, context, trail)
            elif told is None and (lead := tuple(deaths_in(analysis, index))):
                held = _HeldDead(index, lead, battle_only=False)  # "Russland meldete den Tod mehrerer Soldaten."
            continue
        for trigger in proposals:
            last = told.candidate if told is not None else None
            candidate = propose_candidate(analysis, trigger, index, cues, context, last, candidates)
            if candidate is None:
                trail.append(Decision(index, "dropped", f"{trigger.text!r}: a generic word without actor or place", "candidates"))
                if spare is not None and trigger is proposals[0] and trigger.value.generic:
                    proposals.append(spare)  # "stürmten sie das Konsulat und nahmen 48 Geiseln": the next act may tell it
                    spare = None
                continue
            if candidate.part_of_last and told is not None:
                told = _named_by_its_place(told, candidates, candidate, context)
                told = _part_of_told(told, candidates, candidate, analysis, index, context, trail)
                trail.append(Decision(index, "merged", f"{trigger.text!r}: {candidate.part_of_last}, part of the event before", "candidates"))
                if spare is not None and trigger is proposals[0] and own_verb(spare, trigger, candidate, analysis):
                    proposals.append(spare)
                    spare = None
                continue
            trail.append(Decision(index, "fired", f"{trigger.text!r} -> {candidate.sub_event_type}", "candidates"))
            if held is not None and held.taken_by(candidate, index):
                # The lead counts the dead before the sentence that tells how they died
                candidate = replace(candidate, deaths=(*held.deaths, *candidate.deaths), sentences=(held.sentence, *candidate.sentences))
                trail.append(Decision(held.sentence, "role", "casualty figures announced for the event told next", "tolls"))
            held = None
            placed = per_place(candidate, context)
            told = _Told(placed[0] if len(placed) == 1 else candidate, range(len(candidates), len(candidates) + len(placed)))
            candidates.extend(placed)
    current = [c for c in (in_time(c, reference, trail) for c in candidates) if c is not None]
    if current and opinion_or_interview(analysis):
        current = _dated_happenings(current, trail)
    merged = _titles_the_body_bears_out(merge_incidents(current, trail, context), analysis, trail)
    merged = _strikes_by_the_attacker_told_before(merged, trail)
    return [to_event(c, analysis, lexicon, context, version) for c in merged]


def _met_by_the_state(
    analysis: Analysis, index: int, triggers: list[Mention], last: Candidate, context: DocumentContext
) -> tuple[Candidate, str] | None:
    """The crowd told before as the state's forces meet it in this sentence, and why; or None."""
    if last.event_type in ("Protests", "Riots"):
        # "Die Polizei räumte die Straße mit Tränengas": the state's forces against the crowd told before
        reaction = intervenes(analysis, index, triggers, last, context)
        if reaction is not None:
            return reaction, "state forces intervene in the protest before"
    if last.event_type == "Protests":
        reaction = killed_at_protest(analysis, index, triggers, last, context)
        if reaction is not None:
            return reaction, "state forces killed at the protest before: excessive force"
    return None


def _strikes_by_the_attacker_told_before(merged: list[Candidate], trail: list[Decision]) -> list[Candidate]:
    """ "Russland griff Charkiw mit Drohnen an ... In Cherson starben durch Artilleriebeschuss zwei
    Zivilisten": a strike of no named attacker in the country a foreign state's forces were told
    striking before is theirs."""
    striker = None  # the last foreign state that struck, and the country it struck
    kept = []
    for c in merged:  # in text order
        iso = c.place.iso if c.place is not None else None
        if c.event_type == "Explosions/Remote violence" and c.actor1 is None and striker is not None and iso == striker[1]:
            if c.actor2 is None or c.actor2[0].id != striker[0][0].id:
                c = replace(c, actor1=striker[0])
                trail.append(Decision(c.sentence, "role", f"struck by {striker[0][0].name}, told striking there before", "roles"))
        if c.event_type == "Explosions/Remote violence" and c.actor1 is not None and iso is not None and (
                c.actor1[0].type in ("state", "external") and c.actor1[0].country not in (None, iso)):  # fmt: skip
            striker = (c.actor1, iso)
        kept.append(c)
    return kept


def _titles_the_body_bears_out(merged: list[Candidate], analysis: Analysis, trail: list[Decision]) -> list[Candidate]:
    """A title sums up its body: where the body names the title's kind of event only in clauses
    that tell no happening ("Es gebe Hinweise, dass es wieder Vergewaltigungen gebe"), the title
    ("UN: Weitere Vergewaltigungen im Kongo") tells none either."""
    told = {i for c in merged for i in c.sentences}
    kept = []
    for c in merged:
        if c.headline and c.sentences == (c.sentence,):
            title = _wording(analysis.sentences[c.sentence].text)
            body = [t for t in analysis.of_kind("trigger") if t.sentence > c.sentence and t.value.sub_event_type == c.sub_event_type
                    and _wording(analysis.sentences[t.sentence].text) != title]  # not the title printed again
            if body and not any(t.sentence in told for t in body):
                trail.append(Decision(c.sentence, "dropped", f"{c.trigger.text!r}: the body tells it as no happening", "merging"))
                continue
        kept.append(c)
    return kept


def _wording(text: str) -> str:
    """A sentence's words, whatever its spacing and case: what a page printing it again repeats."""
    return " ".join(text.split()).lower()


# Tests of one trigger's own clause, in the order they are tried, and what each says when it
# drops the trigger (shown by `lagebild explain`).
_TRIGGER_TESTS = (
    (lasting_since, "a state that goes on since a date, not a happening"),
    (asked, "asked about (ob ...), not told"),
    (blaze, "a blaze, not gunfire"),
    (absent, "named as what did not happen (ohne ...)"),
    (conceded, "named in a concession (trotz ...), taken as known, not told"),
    (unused_weapon, "a weapon named, not used"),
    (in_support, "arms backing up a fight on the ground (mit Unterstützung von ...), part of that fight"),
    (attempted, "tried, planned or threatened, not done"),
    (foretold, "told in the future or as what can be done, not a happening"),
    (foiled, "foiled or only planned, not done"),
    (planned_or_threatened, "planned or threatened (plante Anschläge, drohte mit Angriffen), not done"),
    (warned_of, "warned of (warnte vor ...), not done"),
    (tallied, "acts a report counts, on no day of their own: a tally"),
    (none_there, "denied: none there (Festnahmen gab es keine)"),
    (warning_shots, "shots into the air (schoss in die Luft): a warning, not an attack"),
    (held_person, "who someone is (des inhaftierten Anführers), not an arrest told"),
    (campaign_course, "a side's acts, their number changed (hat ihre Angriffe ausgeweitet): a campaign's course"),
    (nothing_in_the_air, "intercepted, with no weapon in the air named: a person waylaid, not a weapon stopped"),
    (kind_of_act, "a kind of act (setzt auf Luftangriffe), with no place, day or toll of its own"),
    (advance_toward, "a move toward a place, no fight at it"),
    (purpose_of, "a purpose (um ... zu), not a happening"),
    (alleged, "an accusation or charge, not the report of an act"),
    (charged_with, "what someone is charged with (wegen Mordes), not the report of an act"),
    (topic_of_a_report, "what a report is about (berichteten über ...), not told here"),
    (opposed, "what someone stands against (gegen ...), not a happening"),
    (cases_of, "cases counted together (Fälle von ...), not one happening"),
    (cited_name, "part of the name of who is cited (nach Angaben der Luftwaffe), not an act"),
)


def _asserted_triggers(analysis: Analysis, index: int, cues: set[str], body_start: int, trail: list[Decision]) -> list[Mention]:
    """The triggers of a sentence whose clause tells that something happened: not under
    speculation, plan, negation, an accident, a lasting state or a habit, not in a subheading."""
    if not analysis.of_kind("trigger", index):
        return []  # most sentences: no test below has a trigger to drop
    triggers = list(analysis.of_kind("trigger", index))
    lasting = lasting_clauses(analysis, index) if "ongoing" in cues else None
    if lasting:
        # "heftige Kämpfe bei Pokrowsk, wo russische Truppen seit Wochen vorrücken": the lasting
        # state is the relative clause's, not the fighting's.
        for t in [t for t in triggers if any(a <= t.start < b for a, b in lasting)]:
            trail.append(Decision(index, "dropped", f"{t.text!r}: a lasting state", "clauses"))
            triggers = [x for x in triggers if x is not t]
    reason = triggers and _unasserted(analysis, index, cues, triggers, lasting)
    if reason:
        for t in triggers:
            trail.append(Decision(index, "dropped", f"{t.text!r}: {reason}", "clauses"))
        return []
    for test, reason in _TRIGGER_TESTS:
        for t in [t for t in triggers if test(analysis, t)]:
            trail.append(Decision(index, "dropped", f"{t.text!r}: {reason}", "clauses"))
            triggers = [x for x in triggers if x is not t]
    if triggers and caption(analysis, index):
        for t in triggers:
            trail.append(Decision(index, "dropped", f"{t.text!r}: a photo caption", "clauses"))
        return []
    if triggers and subheading(analysis, index, body_start):
        for t in triggers:
            trail.append(Decision(index, "dropped", f"{t.text!r}: a subheading that names no place", "clauses"))
        return []
    return triggers


def _unasserted(analysis: Analysis, index: int, cues: set[str], triggers: list[Mention], lasting) -> str | None:
    """Why the sentence as a whole tells no happening, or None where it may."""
    if speculative(analysis, index, triggers):
        return "speculation, a plan, a demand or an expectation"
    if "accident" in cues or accident_named(analysis, index):
        return "an accident"
    if "exercise" in cues:
        return "an exercise or a drill"
    if for_years(analysis, index) or ("ongoing" in cues and not lasting) or goes_on(analysis, index, triggers):
        return "a lasting state"
    if "habitual" in cues and not dated(analysis, index):
        return "a habit"
    if negated(analysis, triggers):
        return "negated"
    if no_happening(analysis, triggers, index):
        return "a struggle, a goal, a habit or the pluperfect of background"
    return None


@dataclass(frozen=True)
class _Told:
    """The event told last: the candidate as its sentence proposed it, and where the events it
    became (one per listed place) sit in the list of candidates."""

    candidate: Candidate
    members: range

    def retold(self, new: Candidate, candidates: list[Candidate]) -> _Told:
        """``new`` is the event told last, with what a later sentence adds; the events it became
        take the same additions: sentences and sides each, a toll only once (the first), a
        closer place only when it became one event."""
        old = self.candidate
        added_deaths = new.deaths[len(old.deaths) :]
        added_sentences = new.sentences[len(old.sentences) :]
        changed = {f.name: getattr(new, f.name) for f in fields(Candidate)
                   if f.name not in _ADDED_UP and getattr(new, f.name) is not getattr(old, f.name)}  # fmt: skip
        if len(self.members) > 1:
            changed.pop("place", None)
            changed.pop("place_mention", None)
        for k, at in enumerate(self.members):
            member = candidates[at]
            candidates[at] = replace(member, **changed, sentences=member.sentences + added_sentences,
                                     deaths=member.deaths + (added_deaths if k == 0 else ()))  # fmt: skip
        return _Told(new, self.members)


_ADDED_UP = frozenset(("deaths", "sentences"))


@dataclass(frozen=True)
class _HeldDead:
    """Death figures told before the event they belong to: a lead's ("Die Armee meldete den Tod
    von elf Soldaten"), or armed men's after an attack on civilians, which only a battle takes."""

    sentence: int
    deaths: tuple[tuple[Quantity, Mention], ...]
    battle_only: bool

    def taken_by(self, candidate: Candidate, index: int) -> bool:
        """Whether the event just told in sentence ``index`` takes these dead."""
        if index - self.sentence > FOLLOW_UP_SENTENCES:
            return False
        return candidate.event_type == "Battles" if self.battle_only else not candidate.deaths


def _fighters_dead(analysis: Analysis, index: int) -> tuple:
    """The figures of a sentence, where every one counts armed men ("50 syrische
    Regierungssoldaten und verbündete Kämpfer"); empty otherwise."""
    deaths = deaths_in(analysis, index)
    heads = word_list("combatant_heads")
    tokens = analysis.sentence_tokens(index)
    for _, figure in deaths:
        # the noun the figure counts: the first capitalised word after it, over adjectives
        # and the parts of a hyphenated name ("42 IS-Kämpfer", "50 syrische Regierungssoldaten")
        noun = next((t.low for t in tokens if t.start >= figure.end and t.text[:1].isupper() and not t.joined), "")
        if not (noun.startswith(heads) or noun.endswith(heads)):
            return ()
    return tuple(deaths)


def _follow_up(
    told: _Told, candidates: list[Candidate], analysis: Analysis, index: int, context: DocumentContext, trail: list[Decision]
) -> _Told:
    """A sentence without an event of its own, right after one: its dead and a closer place
    belong to that event, or tell the same kind of event in another town."""
    last = told.candidate
    # The dead of another attack set aside ("Im November waren bei einem Anschlag 50 Menschen
    # getötet worden") are not the event's before.
    # nor are the dead a report tallies ("zählte im Dezember 400 getötete Zivilisten")
    # nor those of back then ("Bei den Protesten jenes Sommers waren 20 Menschen getötet worden"),
    # nor those of a sentence dated long before the story ("Im Juli 2023 ... kamen vier Seeleute ums Leben")
    back_then = any(m.value == "history" and m.text.lower() in word_set("back_then") for m in analysis.of_kind("cue", index))
    lent = not (another_set_aside(analysis, index) or dead_tallied(analysis, index) or back_then or _of_long_ago(analysis, index)
                or _total_of_those_told(analysis, index, last, candidates))  # fmt: skip
    deaths = tuple(deaths_in(analysis, index)) if lent else ()
    by_town = _each_town_its_dead(told, candidates, analysis, index, context, deaths, trail)
    if by_town is not None:
        return by_town
    elsewhere = other_town(analysis, index, context, last) if deaths else None
    if elsewhere is not None:
        # "Drei weitere Tote habe es in Torezk gegeben": the same kind of event in another town
        candidates.append(_elsewhere(last, index, elsewhere, deaths, context))
        trail.append(Decision(index, "fired", f"dead in {elsewhere.text!r}: the event before, told of another town", "grounding"))
        return told
    claimant = _claimant(analysis, index, context, last)
    if claimant is not None:
        # "Zu der Tat bekannte sich die Terrormiliz Al-Shabaab": the attackers now have a name
        last = replace(last, actor1=claimant)
        told = told.retold(last, candidates)
        trail.append(Decision(index, "role", f"who claimed the event before: {claimant[1].text!r}", "roles"))
    day = _day_of_a_follow_up(analysis, index, last)
    if day is not None:
        # "Die Angreifer seien in der Nacht zum Sonntag in mehrere Weiler eingedrungen": the day of the event told
        last = replace(last, date=day)
        told = told.retold(last, candidates)
        trail.append(Decision(index, "role", f"the day of the event before: {day.text!r}", "timing"))
    if deaths:
        told = told.retold(replace(last, deaths=last.deaths + deaths, sentences=(*last.sentences, index)), candidates)
        trail.append(Decision(index, "role", "casualty figures lent to the event before", "tolls"))
    elif any(m.value == "injury" for m in analysis.of_kind("cue", index)) and not speculative(analysis, index):
        # "Dabei wurden fünf Menschen verletzt": the event's casualties, none of them dead
        told = told.retold(replace(last, sentences=(*last.sentences, index)), candidates)
        trail.append(Decision(index, "role", "injured told for the event before", "tolls"))
    spread = spread_over(told.candidate, analysis, index, context) if len(told.members) == 1 else []
    if spread and told.members.stop == len(candidates):
        at = told.members.start
        candidates[at:] = spread
        names = ", ".join(c.place.name for c in spread)
        trail.append(Decision(index, "role", f"the event before, at each of the places listed: {names}", "grounding"))
        return _Told(told.candidate, range(at, at + len(spread)))
    # "Die Miliz hatte die Stadt bereits 2012 besetzt": a place of long ago is not the event's
    closer = None if new_entry(analysis, index) or _of_long_ago(analysis, index) else sharpen_place(
        told.candidate, analysis, index, context)  # fmt: skip
    if closer is not None:
        told = told.retold(closer, candidates)
        trail.append(Decision(index, "role", f"a closer place for the event before: {closer.place.name}", "grounding"))
    return told


def _total_of_those_told(analysis: Analysis, index: int, last: Candidate, candidates: list[Candidate]) -> bool:
    """ "Das Ministerium bezifferte die Zahl der Toten des Tages insgesamt auf drei": after
    events of their own dead, a total counts them all, no one event's dead."""
    words = analysis.sentence_words(index)
    if "insgesamt" not in words and not any(a == "des" and b == "tages" for a, b in zip(words, words[1:])):
        return False
    with_dead = {c.sentence for c in (*candidates, last) if c.deaths}
    return len(with_dead) >= 2


def _of_long_ago(analysis: Analysis, index: int) -> bool:
    """Whether the sentence is dated long before the story (an earlier year or month)."""
    reference = reference_day(analysis)
    ends = [d.value.end for d in analysis.of_kind("date", index) if d.value.end is not None]
    return bool(ends) and all(long_before(end, reference) for end in ends)


def _claimant(analysis: Analysis, index: int, context: DocumentContext, last: Candidate):
    """The armed group a sentence without an act of its own says claimed the event told before,
    where that event has no named attacker yet; None otherwise."""
    if claim_at(analysis, index) is None or (last.actor1 is not None and not last.actor1[0].id.startswith("unidentified:")):
        return None
    for m in one_reading_per_span(analysis, index, context):
        actor = context.lexicon.actors.get(m.value) if m.kind == "actor" else None
        if actor is not None and governed_by(analysis, m, ("mit", "von"), 2):
            continue  # "die mit Al-Kaida verbündete Gruppe X": the group it is allied with did not claim it
        if actor is not None and actor.type not in ("civilians", "state", "police", "external"):
            return actor, m
    return None


def _day_of_a_follow_up(analysis: Analysis, index: int, last: Candidate) -> Mention | None:
    """The day a sentence that goes on about an event without a day of its own gives it."""
    if last.date is not None or told_as_earlier(analysis, index) or another_set_aside(analysis, index):
        return None
    return next((d for d in analysis.of_kind("date", index) if d.value.precision == 1 and d.value.start is not None), None)


def _each_town_its_dead(told: _Told, candidates: list[Candidate], analysis: Analysis, index: int, context: DocumentContext,
                        deaths: Sequence[tuple[Quantity, Mention]], trail: list[Decision]) -> _Told | None:  # fmt: skip
    """ "In Kayes seien 41 Angreifer getötet worden, in Nioro weitere 39": each town of the event
    told last gets the dead its own clause counts (no share of a sum), and a town it was not
    told at is the event there; None where the figures name no towns."""
    members = {candidates[at].place.name: at for at in told.members if candidates[at].place is not None}
    iso = next((candidates[at].place.iso for at in told.members if candidates[at].place is not None), None)
    if iso is None and told.candidate.country_only is not None:
        iso = context.place(told.candidate.country_only).iso  # "Russland hat die Ukraine angegriffen. In Kiew ..., in Charkiw ..."
    if iso is None:
        # an event not placed at all: the country of the towns the sentence counts its dead in
        first = next((p for m in analysis.of_kind("place", index) if m.detail.locative and (p := context.place(m)) is not None), None)
        iso = first.iso if first is not None else None
    by_town = deaths_by_town(analysis, index, context, iso, deaths)
    if not by_town:
        return None
    for town, figures in by_town:
        at = members.get(context.place(town).name)
        if at is None:
            candidates.append(_elsewhere(told.candidate, index, town, figures, context))
            continue
        member = candidates[at]
        own = member.deaths if member.share[1] == 1 else ()  # a shared sum gives way to the town's own count
        candidates[at] = replace(member, deaths=own + figures, share=(0, 1), sentences=(*member.sentences, index))
    trail.append(Decision(index, "role", "each town's own dead: " + ", ".join(town.text for town, _ in by_town), "tolls"))
    return _Told(replace(told.candidate, sentences=(*told.candidate.sentences, index)), told.members)


def _elsewhere(last: Candidate, index: int, town: Mention, deaths, context: DocumentContext) -> Candidate:
    """The event told last, as the sentence ``index`` tells it of another town with its own dead."""
    return replace(last, sentence=index, sentences=(index,), deaths=deaths, places=(town,), place_mention=town,
                   place=context.place(town), headline=False, share=(0, 1))  # fmt: skip


def _named_by_its_place(told: _Told, candidates: list[Candidate], candidate: Candidate, context: DocumentContext) -> _Told:
    """ "Über den nächtlichen Angriff in Chan Junis berichteten Anwohner": an attack referred back
    to at a place is the event told there, not the one told last."""
    if candidate.part_of_last != REFERS_BACK or not candidate.places:
        return told
    names = {p.name for p in (context.place(m) for m in candidate.places) if p is not None}
    if told.candidate.place is None or told.candidate.place.name in names:
        return told
    at = next((at for at in range(len(candidates) - 1, -1, -1)
               if candidates[at].place is not None and candidates[at].place.name in names), None)  # fmt: skip
    return told if at is None else _Told(candidates[at], range(at, at + 1))


def _part_of_told(
    told: _Told, candidates: list[Candidate], candidate: Candidate, analysis: Analysis, index: int, context: DocumentContext,
    trail: list[Decision],
) -> _Told:
    """The event told last, with what a sentence that goes on about it adds: its claimant
    ("Zu dem Angriff bekannte sich die Al-Schabaab"), its dead, a closer place ("Der Angriff
    traf den Ort Al-Mawasi")."""
    by_town = _each_town_its_dead(told, candidates, analysis, index, context, candidate.deaths, trail)
    if by_town is not None:
        return by_town
    last = told.candidate
    # "sprach von einem Massaker": who names it is a speaker, not who did it
    armed = [] if candidate.part_of_last == NAMED_BY_A_SPEAKER else [
        am for am in candidate.actors if am[0].type not in ("civilians", "state")]  # fmt: skip
    claim = claim_at(analysis, index)
    if claim is not None:
        armed.sort(key=lambda am: abs(am[1].start - claim))  # "Die mit Al-Kaida verbündete JNIM reklamierte": the JNIM
    claimant = armed[0] if armed else None
    if claimant is not None and last.actor2 is not None and claimant[0].id == last.actor2[0].id:
        claimant = None  # the side acted upon claims nothing
    actor1 = last.actor1 or claimant
    named = claim is not None or candidate.part_of_last == ATTACKERS_AGAIN
    if claimant is not None and named and actor1[0].id.startswith("unidentified:"):
        # "Die JNIM reklamierte die Angriffe für sich", "Die Angreifer der Bande Viv Ansanm seien ...": now they have a name
        actor1 = claimant
    # the day the sentence gives ("schlugen am Sonntag zwei Raketen ein") dates an event told without one
    # (a sentence of two triggers merged twice lends its figures once)
    known = {m.start for _, m in last.deaths}
    grown = replace(last, actor1=actor1, deaths=last.deaths + tuple(d for d in candidate.deaths if d[1].start not in known),
                    sentences=(*last.sentences, index), date=last.date or _day_of(candidate.date))  # fmt: skip
    if candidate.part_of_last == FOLLOWED and last.event_type == "Violence against civilians":
        grown = _met_resistance(grown, candidate, context)
    grown = sharpen_place(grown, analysis, index, context) or grown
    return told.retold(grown, candidates)


def _met_resistance(attack: Candidate, fighting: Candidate, context: DocumentContext) -> Candidate:
    """An attack that fighting followed ("Bei den anschließenden Kämpfen starben 20 Angreifer")
    met armed men: a battle between the attackers and the forces that fought them."""
    iso = attack.place.iso if attack.place is not None else (context.focus[0] if context.focus else None)
    forces = next((am for am in (fighting.actor1, fighting.actor2, *fighting.actors)
                   if am is not None and am[0].type in ("state", "police")), None)  # fmt: skip
    state = context.lexicon.actors.get(f"state:{iso}") if iso else None
    if forces is None and state is not None:
        forces = (state, fighting.trigger)
    return replace(attack, event_type="Battles", sub_event_type="Armed clash", trigger=fighting.trigger, actor2=forces)


def _dated_happenings(candidates: list[Candidate], trail: list[Decision]) -> list[Candidate]:
    """In a commentary or an interview, events are talked about: only one the text dates to a
    day or a week ("am Montag", "vergangene Woche") is reported there."""
    kept = []
    for c in candidates:
        if c.date is not None and c.date.value.precision < 3:
            kept.append(c)
        else:
            trail.append(Decision(c.sentence, "dropped", f"{c.trigger.text!r}: an opinion piece or interview talks of it, undated", "clauses"))
    return kept


def _day_of(date: Mention | None) -> Mention | None:
    """A date of a happening ("am Sonntag", "seit Montag"), not of a long period ("seit Dezember")."""
    return None if date is None or (date.text.lower().startswith("seit") and date.value.precision >= 3) else date
