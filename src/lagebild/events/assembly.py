"""Event assembly: from recognised mentions to ACLED-coded events.

Reads: an ``Analysis`` (sentences, tokens, mentions) and the ``Lexicon``; a ``Gazetteer``
when places are to be resolved. Writes: ``Event`` records with type, actors, place, date,
fatality range, cited source, certainty, salience and evidence spans, plus a ``Decision``
trail (which triggers fired, which mentions filled which role, why candidates were
dropped) for ``lagebild explain``.

The steps, per document:
1. Every sentence with a trigger proposes one candidate per distinct event type; a
   sentence under speculation ("könnte", "plant", "drohte") or negation proposes none.
2. Each candidate takes the actors, places, date and casualty figures of its sentence;
   sentences without a trigger that follow it lend it their casualty figures; a candidate
   without a place or date of its own inherits the last one the text named.
3. A capture of several named places becomes one event per place.
4. Candidates of the same type at the same place and date are merged (a headline and the
   body telling the same event, the same fighting told in several sentences).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..language.lexicon import ACTOR_TYPES, Actor, Lexicon, Trigger
from ..geo import parse_place_name
from ..language.mentions import ADMIN_NOUNS, BEARINGS, DIRECTIONS, LOCATIVE, PLACE_NOUNS, Analysis, common_word
from ..records import Event, Evidence, Mention, Place, Quantity, Span
from ..language.tolls import NEGATIONS, deaths_in, toll
from ..language.wordlists import word_list, word_set

if TYPE_CHECKING:
    from ..geo import Gazetteer

__all__ = ["Decision", "assemble_events"]



@dataclass
class Decision:
    """One line of the explanation trail."""

    sentence: int
    what: str  # fired | dropped | merged | role
    detail: str


@dataclass
class _Candidate:
    trigger: Mention
    sentence: int
    actors: list[tuple[Actor, Mention]] = field(default_factory=list)
    actor1: tuple[Actor, Mention] | None = None
    actor2: tuple[Actor, Mention] | None = None
    places: list[Mention] = field(default_factory=list)
    place: Place | None = None
    place_mention: Mention | None = None
    date: Mention | None = None
    deaths: list[tuple[Quantity, Mention]] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    certainty: str = "reported"
    source: tuple[str, Mention] | None = None
    salience: str = "core"
    event_type: str = ""
    sub_event_type: str = ""
    country_only: Mention | None = None
    part_of_last: str | None = None  # why this mention belongs to the candidate before it
    another: bool = False  # "ein zweiter Anschlag", "bei einem weiteren Angriff": not the one told before
    headline: bool = False  # told in the report's title, which sums up the body
    share: tuple[int, int] = (0, 1)  # this event's part of a toll told for several places (index, count)


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
    context = _DocumentContext(analysis, lexicon, gazetteer)
    candidates: list[_Candidate] = []
    last: _Candidate | None = None
    body_start = next((s.index for s in analysis.sentences if s.text.endswith(_TERMINAL)), len(analysis.sentences))
    for sentence in analysis.sentences:
        index = sentence.index
        triggers = analysis.of_kind("trigger", index)
        cues = {m.value for m in analysis.of_kind("cue", index)}
        lasting = _lasting_clauses(analysis, index) if "ongoing" in cues else None
        if lasting:
            # "heftige Kämpfe bei Pokrowsk, wo russische Truppen seit Wochen vorrücken": the lasting
            # state is the relative clause's, not the fighting's.
            for t in [t for t in triggers if any(a <= t.start < b for a, b in lasting)]:
                trail.append(Decision(index, "dropped", f"{t.text!r}: a lasting state"))
                triggers = [x for x in triggers if x is not t]
        if triggers and (_speculative(analysis, index) or "accident" in cues or _for_years(analysis, index)
                         or ("ongoing" in cues and not lasting)
                         or _negated(analysis, triggers)
                         or _no_happening(analysis, triggers, index)):  # fmt: skip
            for t in triggers:
                trail.append(Decision(index, "dropped", f"{t.text!r}: speculation, plan, negation, accident or a lasting state"))
            triggers = []
        if triggers and _subheading(analysis, index, body_start):
            for t in triggers:
                trail.append(Decision(index, "dropped", f"{t.text!r}: a subheading that names no place"))
            triggers = []
        if last is not None and last.event_type == "Protests" and _intervenes(analysis, index, triggers, last, context):
            trail.append(Decision(index, "merged", "state forces intervene in the protest before"))
            continue
        if last is not None and last.event_type == "Protests" and _killed_at_protest(analysis, index, triggers, last, context):
            trail.append(Decision(index, "merged", "state forces killed at the protest before: excessive force"))
            continue
        for t in [t for t in triggers if _who_fights_whom(analysis, t)]:
            trail.append(Decision(index, "dropped", f"{t.text!r}: says who fights whom, not a fight"))
            triggers = [x for x in triggers if x is not t]
        proposals, spare = _proposals(triggers, trail, index, analysis.tokens)
        if not proposals:
            if last is not None and index - last.sentences[-1] <= 2:
                # The dead of another attack set aside ("Im November waren bei einem Anschlag
                # 50 Menschen getötet worden") are not the event's before.
                deaths = [] if _another_set_aside(analysis, index) else deaths_in(analysis, index)
                elsewhere = _other_town(analysis, index, context, last) if deaths else None
                if elsewhere is not None:
                    # "Drei weitere Tote habe es in Torezk gegeben": the same kind of event in another town
                    candidates.append(_Candidate(**{**last.__dict__, "sentence": index, "sentences": [index],
                                                    "deaths": deaths, "places": [elsewhere], "place_mention": elsewhere,
                                                    "place": context.place(elsewhere), "headline": False,
                                                    "share": (0, 1), "date": last.date}))  # fmt: skip
                    trail.append(Decision(index, "fired", f"dead in {elsewhere.text!r}: the event before, told of another town"))
                    continue
                if deaths:
                    last.deaths.extend(deaths)
                    last.sentences.append(index)
                    trail.append(Decision(index, "role", "casualty figures lent to the event before"))
                if not _new_entry(analysis, index) and _sharpen_place(last, analysis, index, context):
                    trail.append(Decision(index, "role", f"a closer place for the event before: {last.place.name}"))
            continue
        for trigger in proposals:
            candidate = _candidate(analysis, trigger, index, cues, context, last, candidates)
            if candidate is None:
                trail.append(Decision(index, "dropped", f"{trigger.text!r}: a generic word without actor or place"))
                continue
            if candidate.part_of_last and last is not None:
                claimant = next((am for am in candidate.actors if am[0].type not in ("civilians", "state")), None)
                if last.actor1 is None and claimant is not None:
                    last.actor1 = claimant  # "Zu dem Angriff bekannte sich die Al-Schabaab."
                last.deaths.extend(candidate.deaths)
                last.sentences.append(index)
                _sharpen_place(last, analysis, index, context)  # "Der Angriff traf den Ort Al-Mawasi"
                trail.append(Decision(index, "merged", f"{trigger.text!r}: {candidate.part_of_last}, part of the event before"))
                if spare is not None and trigger is proposals[0] and _own_verb(spare, trigger, candidate, analysis):
                    proposals.append(spare)
                    spare = None
                continue
            trail.append(Decision(index, "fired", f"{trigger.text!r} -> {candidate.sub_event_type}"))
            candidates.extend(_per_place(candidate, context))
            last = candidate
    current = [c for c in candidates if not _background(c, analysis.document.published, trail)]
    merged = _merge(current, trail, context)
    return [_event(c, analysis, lexicon, context, version) for c in merged]


_INDEFINITE = frozenset("ein eine einem einen einer eines".split())


def _another_set_aside(analysis: Analysis, index: int) -> bool:
    """Whether the sentence tells an attack of its own ("bei einem Anschlag") dated by a month
    or a year: background, whose dead belong to no event told before."""
    tokens = analysis.tokens
    own = any(t.detail.get("index") and tokens[t.detail["index"] - 1].text.lower() in _INDEFINITE
              for t in analysis.of_kind("trigger", index))  # fmt: skip
    return own and any(d.detail.get("kind") in _COARSE_DATES for d in analysis.of_kind("date", index))


_SUBORDINATE = frozenset("wo wohin woher die der das welche welcher welches während seit seitdem nachdem wobei".split())


def _lasting_clauses(analysis: Analysis, index: int) -> list[tuple[int, int]]:
    """The bounds of subordinate clauses ("…, wo russische Truppen seit Wochen vorrücken") that
    hold a cue of a lasting state; empty when such a cue stands in the main clause."""
    tokens = analysis.tokens
    spans = []
    for cue in analysis.of_kind("cue", index):
        if cue.value != "ongoing":
            continue
        first = cue.detail.get("first")
        start, end = _clause_of(tokens, Mention("cue", cue.text, cue.start, cue.end, None, index, {"index": first}))
        opener = next((t for t in analysis.sentence_tokens(index) if t.start >= start), None)
        if opener is None or opener.text.lower() not in _SUBORDINATE or start == analysis.sentences[index].start:
            return []
        spans.append((start, end))
    return spans


def _new_paragraph(analysis: Analysis, index: int) -> bool:
    """Whether a blank line comes before the sentence."""
    if index == 0:
        return True
    return "\n\n" in analysis.text[analysis.sentences[index - 1].end : analysis.sentences[index].start]


_ENTRY_HEADER = re.compile(r"(?:\d{1,2}\.\s*)?[^.:!?]{1,40}:\s")


def _new_entry(analysis: Analysis, index: int) -> bool:
    """A ticker's next entry ("3. Mandalay, heute: Auch hier Schüsse") tells its own story,
    not more of the one before."""
    return _new_paragraph(analysis, index) and bool(_ENTRY_HEADER.match(analysis.sentences[index].text))


def _intervenes(
    analysis: Analysis, index: int, triggers: list[Mention], last: _Candidate, context: _DocumentContext
) -> bool:
    """ "Tausende gingen auf die Straße. Polizei und Soldaten räumten die Barrikaden mit
    Tränengas": the state forces of the next sentence break up the protest told (a protest
    with intervention; ``last`` is updated), unless the sentence tells violence of its own."""
    if index - last.sentences[-1] > 1 or _new_paragraph(analysis, index):
        return False
    words = [t.text.lower() for t in analysis.sentence_tokens(index)]
    if not any(w.startswith(word_list("intervention")) for w in words):
        return False
    # Protesters arrested ("wurden Hunderte Demonstrierende festgenommen") are the intervention too.
    protesters = any(w.startswith(("demonstr", "protest")) for w in words)
    if any(t.value.event_type not in ("Strategic developments", "Protests")
           or (t.value.sub_event_type == "Arrests" and not protesters) for t in triggers):  # fmt: skip
        return False
    state = _state_forces_named(analysis, index, context)
    last.sentences.append(index)
    if last.sub_event_type == "Peaceful protest":
        last.sub_event_type = "Protest with intervention"
    if last.actor2 is None and state is not None:
        last.actor2 = state
    return True


def _state_forces_named(analysis: Analysis, index: int, context: _DocumentContext) -> tuple[Actor, Mention] | None:
    """The first state forces the sentence names ("Polizei und Soldaten räumten ...")."""
    named = ((context.actor_for(m, []), m) for m in _one_reading_per_span(analysis, index, context))
    return next(((a, m) for a, m in named if a is not None and a.type == "state"), None)


def _killed_at_protest(
    analysis: Analysis, index: int, triggers: list[Mention], last: _Candidate, context: _DocumentContext
) -> bool:
    """ "Zwei junge Männer wurden in der Innenstadt von Polizisten erschossen", right after a
    protest: the force used against it (``last`` takes the dead and the state forces)."""
    if index - last.sentences[-1] > 1 or _new_paragraph(analysis, index) or not triggers:
        return False
    if any(t.value.event_type != "Violence against civilians" or t.value.sub_event_type != "Attack" for t in triggers):
        return False
    state = _state_forces_named(analysis, index, context)
    deaths = deaths_in(analysis, index)
    if state is None or not deaths:
        return False
    last.sentences.append(index)
    last.deaths.extend(deaths)
    last.actor2 = last.actor2 or state
    return True


def _event_place(m: Mention, context: _DocumentContext) -> Place | None:
    """Where a place mention may put an event: not a dateline, not an institution's seat."""
    return None if m.detail.get("dateline") or m.detail.get("seat") else context.place(m)


def _other_town(analysis: Analysis, index: int, context: _DocumentContext, last: _Candidate) -> Mention | None:
    """A town of the event's country, not the event's own, that a casualty sentence names."""
    if last.place is None or _is_country(last.place) or (last.place.feature or "").startswith("A."):
        return None
    for m in analysis.of_kind("place", index):
        place = _event_place(m, context)
        if (place is not None and place.iso == last.place.iso and place.name != last.place.name
                and not (place.feature or "").startswith("A.") and m.detail.get("locative")):  # fmt: skip
            return m
    return None


def _sharpen_place(last: _Candidate, analysis: Analysis, index: int, context: _DocumentContext) -> bool:
    """A sentence that goes on about the event ("Weitere seien in al-Suhra verletzt worden")
    may name its place more closely than the sentence that told it."""
    if last.place is not None and not _is_country(last.place) and last.place.geo_precision < 3:
        return False
    for m in analysis.of_kind("place", index):
        place = _event_place(m, context)
        if place is None or _is_country(place):
            continue
        if last.place is not None and place.iso != last.place.iso:
            continue
        if last.place is None or place.geo_precision <= last.place.geo_precision:
            last.place, last.place_mention = place, m
            return True
    return False


def _background(c: _Candidate, published: str | None, trail: list[Decision]) -> bool:
    """History told as background: a month or a year ("seit April 2023", "2012") that ended
    well before publication is no event of this report; an old exact day is context."""
    if c.date is None:
        return False
    if not published and c.sentence > 2 and c.date.detail.get("kind") in ("month", "month_part", "past_season"):
        # No date to measure against: a bare month deep in the text ("Im Oktober wurden bei
        # einem Luftangriff ...") tells an earlier event than the lead's "am Dienstag".
        c.salience = "context"
    if c.date.value.end is None:
        return False
    if c.date.value.precision == 3 and c.date.text.lower().startswith("seit"):
        trail.append(Decision(c.sentence, "dropped", f"{c.trigger.text!r}: a lasting state since {c.date.text!r}"))
        return True
    if not published:
        return False
    year, month, day = (published.split("-") + ["01", "01"])[:3]  # a partial date: its first day
    age = (dt.date(int(year), int(month), int(day)) - c.date.value.end).days
    if age > 30 and c.date.value.precision >= 2:
        trail.append(Decision(c.sentence, "dropped", f"{c.trigger.text!r}: background dated {c.date.text!r}"))
        return True
    if age > 30:
        c.salience = "context"
    return False


# -- per sentence --------------------------------------------------------------------


def _negated(analysis: Analysis, triggers: list[Mention]) -> bool:
    tokens = analysis.tokens
    for trigger in triggers:
        i = trigger.detail.get("index", 0)
        window = [t.text.lower() for t in tokens[max(0, i - 3) : i] if t.sentence == trigger.sentence]
        if any(w in NEGATIONS for w in window):
            return True
        if trigger.text[:1].islower():  # a finite verb is negated after it: "kapitulieren nicht"
            after = [t.text.lower() for t in tokens[i + 1 : i + 4] if t.sentence == trigger.sentence]
            if after[:1] and after[0] in NEGATIONS and after[1:2] != ["nur"]:
                return True
    return False


_REPORTED_SPEECH = frozenset(("hätte", "hätten", "wäre", "wären"))
_DEMANDS = frozenset(("fordern", "forderte", "forderten", "fordert"))


_FOR_YEARS = re.compile(r"\bseit (?:(?:mehr als|über|fast|knapp|rund|etwa|gut|nunmehr) )?\w+ (?:jahren|jahrzehnten)\b")
_FIRST_TIME = re.compile(r"\b(?:erstmals|zum ersten mal|das erste mal)\b")


def _for_years(analysis: Analysis, index: int) -> bool:
    """ "kämpft seit mehr als 15 Jahren gegen die Regierung": a state of affairs; but "zum
    ersten Mal seit zehn Jahren" tells a happening."""
    text = analysis.sentences[index].text.lower()
    return bool(_FOR_YEARS.search(text)) and not _FIRST_TIME.search(text)


def _speculative(analysis: Analysis, index: int) -> bool:
    """Speculation, plans and demands; but "Die Kämpfe forderten das Leben von 44" is deaths."""
    cues = analysis.of_kind("cue", index)
    # "Falls sich die Berichte bestätigen, wurden ...": an unconfirmed report, not a guess.
    unconfirmed = [(m.start, m.end) for m in cues if m.value == "unconfirmed"]
    speculation = [m for m in cues if m.value == "speculation"
                   and not any(start <= m.start and m.end <= end for start, end in unconfirmed)]  # fmt: skip
    # The sentence before may have opened the indirect speech ("Die Armee erklärte, ... Bei
    # Gefechten hätten Soldaten 30 Kämpfer getötet").
    cited = any(m.value == "attribution" for i in (index - 1, index) if i >= 0 for m in analysis.of_kind("cue", i))
    if speculation and all(m.text.lower() in _REPORTED_SPEECH for m in speculation) and cited:
        return False  # "Ihre Kämpfer hätten Sittwe erobert, teilte ein Sprecher mit": a claim in indirect speech
    if speculation and all(m.text.lower() in _DEMANDS for m in speculation):
        # "forderten (auch) das Leben von 44": the demand is death's
        words = [t.text.lower() for t in analysis.sentence_tokens(index)]
        lives = any(w in ("leben", "todesopfer", "tote", "toten", "opfer") for w in words)
        return not (lives or any(m.value == "death" for m in cues))
    return bool(speculation)


_TERMINAL = tuple('.!?:"“”»«)')


def _subheading(analysis: Analysis, index: int, body_start: int) -> bool:
    """A short line without a final stop inside the body ("Schwerste Ausschreitungen seit
    Jahren", "Viele Tote und Entführte") titles the paragraph around it; with no place of
    its own it tells no event that the paragraph does not tell better."""
    if index <= body_start:  # the headline and dateline before the first full sentence
        return False
    text = analysis.sentences[index].text
    if text.endswith(_TERMINAL) or len(text.split()) > 12:
        return False
    return not analysis.of_kind("place", index)


_ARTICLES_AND_PLACE_NOUNS = frozenset(("die", "den", "das", "der", "dem")) | PLACE_NOUNS | ADMIN_NOUNS


def _who_fights_whom(analysis: Analysis, trigger: Mention) -> bool:
    """ "die Koalition, die im Jemen gegen die Huthis kämpft": the present tense with "gegen"
    and no day in its clause tells a state of war, not a fight."""
    if trigger.text.lower() not in ("kämpft", "kämpfen"):
        return False
    start, end = _clause_of(analysis.tokens, trigger)
    words = _clause_words(analysis, trigger)
    dated = any(start <= d.start < end and d.value.precision < 3 for d in analysis.of_kind("date", trigger.sentence))
    return "gegen" in words and not dated


def _no_happening(analysis: Analysis, triggers: list[Mention], index: int) -> bool:
    """A struggle for something ("kämpft um Einfluss", "Kampf für einen Gottesstaat") or a
    habit in the present passive with no date ("Gegner werden festgenommen") tells of no
    particular happening."""
    tokens = analysis.tokens
    for trigger in triggers:
        i = trigger.detail.get("index", 0)
        following = tokens[i + 1].text.lower() if i + 1 < len(tokens) and tokens[i + 1].sentence == index else ""
        word = trigger.text.lower()
        if word.startswith(("kampf", "kämpf")) and following in ("um", "für"):
            # "Kämpfe um (die Kleinstadt) Kafr Nabuda" are fought; "um Einfluss" is a struggle.
            k = i + 2
            while k < len(tokens) and tokens[k].text.lower() in _ARTICLES_AND_PLACE_NOUNS:
                k += 1
            fought_for_a_place = k < len(tokens) and any(m.start == tokens[k].start for m in analysis.of_kind("place", index))
            if not (following == "um" and fought_for_a_place):
                return True
        if word == "kampf" and following == "gegen":  # "im Kampf gegen das Militär": a cause, not a clash
            return True
        if i >= 2 and tokens[i - 2].text.lower() in ("ende", "beendigung", "einstellung", "stopp") and (
                tokens[i - 1].text.lower() in ("der", "aller")):  # fmt: skip
            return True  # "ein dauerhaftes Ende der Kämpfe": a goal, not fighting
    words = {t.text.lower() for t in analysis.sentence_tokens(index)}
    if any(d.value.precision < 3 for d in analysis.of_kind("date", index)):
        return False
    habitual = "werden" in words and not words & {"worden", "wurde", "wurden"}
    # The pluperfect tells what had happened before the story: background, unless dated.
    # Judged in the trigger's own clause ("Der Tod von X, die ... beschuldigt wurde, hatte
    # Unruhen ausgelöst").
    # "um gegen X zu protestieren": an infinitive tells a purpose, not a happening.
    finite = [t for t in triggers if tokens[t.detail.get("index", 0) - 1].text.lower() != "zu"] or triggers
    pluperfect = all(_pluperfect(analysis, t) for t in finite)
    verbal = all(t.detail.get("phrase") or t.text[:1].islower() for t in triggers)
    return pluperfect or (habitual and verbal)


def _clause_words(analysis: Analysis, trigger: Mention) -> list[str]:
    """The lower-cased words of the clause around ``trigger``."""
    start, end = _clause_of(analysis.tokens, trigger)
    return [t.text.lower() for t in analysis.sentence_tokens(trigger.sentence) if start <= t.start and t.end <= end]


def _pluperfect(analysis: Analysis, trigger: Mention) -> bool:
    """ "hatte ... angegriffen", "waren ... auf die Straße gegangen": told as before the story."""
    words = _clause_words(analysis, trigger)
    if set(words) & {"hat", "haben", "wurde", "wurden", "ist", "sind"}:
        return False
    with_sein = bool(set(words) & {"war", "waren"}) and any(w.startswith("ge") and len(w) > 5 for w in words[-3:])
    return bool(set(words) & {"hatte", "hatten"}) or with_sein


_REFERS_BACK = "a definite article refers back"
_KNOWN_EVENT_PREPOSITIONS = frozenset("trotz wegen angesichts infolge nach seit".split())
_DEFINITE = frozenset("der die das dem den des beim diesem dieser diesen dieses jenem selben gleichen".split())


def _own_verb(spare: Mention, back: Mention, candidate: _Candidate, analysis: Analysis) -> bool:
    """Whether a weaker verb tells the sentence's own event when its strongest trigger only
    refers back from another clause ("nahmen neun Verdächtige fest, die an der Vorbereitung
    der Anschläge beteiligt waren"); not a noun ("zwei Tage nach einem Gefangenenaustausch")."""
    if candidate.part_of_last != _REFERS_BACK or not spare.text[:1].islower():
        return False
    start, end = _clause_of(analysis.tokens, spare)
    return not start <= back.start < end


def _proposals(triggers: list[Mention], trail: list[Decision], index: int, tokens) -> tuple[list[Mention], Mention | None]:
    """The strongest trigger of each event type in a sentence, strongest first; of equals,
    one that tells another event ("folgt auf einen ähnlichen Angriff am Sonntag"). Second:
    the strongest specific trigger left out, in case the first only refers back."""
    best: dict[str, Mention] = {}
    for trigger in sorted(triggers, key=lambda m: (-m.value.priority, not _another(m, tokens))):
        best.setdefault(trigger.value.event_type, trigger)
    chosen = sorted(best.values(), key=lambda m: -m.value.priority)
    # One sentence tells one event, save a battle next to a strike ("Kämpfe und Luftangriffe").
    keep = chosen[:1]
    spare = None
    for extra in chosen[1:]:
        if extra.value.event_type in ("Battles", "Explosions/Remote violence") and extra.value.priority >= 60:
            keep.append(extra)
        else:
            trail.append(Decision(index, "dropped", f"{extra.text!r}: weaker than {keep[0].text!r} in the same sentence"))
            if spare is None and not extra.value.generic:
                spare = extra
    return keep, spare


@dataclass
class _DocumentContext:
    analysis: Analysis
    lexicon: Lexicon
    gazetteer: Gazetteer | None
    focus: list[str] = field(default_factory=list)
    admin1_focus: list[str] = field(default_factory=list)
    placed: bool = False  # whether any named place supports the focus (not the actors alone)
    resolved: dict[int, Place | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        counts: Counter[str] = Counter()
        for m in self.analysis.of_kind("actor"):
            actor = self.lexicon.actors.get(m.value)
            if actor and actor.country:
                counts[actor.country] += 1
        if self.gazetteer is not None:
            from ..geo import GeoContext, resolve_place

            provisional = GeoContext(countries=[c for c, _ in counts.most_common(3)], admin1=[], actors_only=True)
            admin1s: Counter[tuple[str, str]] = Counter()
            for m in self.analysis.of_kind("place"):
                if not m.detail.get("exact") or m.detail.get("dateline"):
                    continue
                place = resolve_place(_surface(m), self.gazetteer, provisional, near=m.detail.get("near", False))
                far = provisional.countries and place is not None and place.iso not in provisional.countries
                if far and not (m.detail.get("locative") and (self._important(m.text, place.iso)
                                                              or self._only_in(m.text, place.iso))
                                or self._sizeable(m.text, place.iso)):  # fmt: skip
                    continue  # a namesake far from the actors' countries does not move the story there
                if place and place.iso and m.detail.get("weak") and place.feature == "P.PPLC":
                    counts[place.iso] += 1  # "von Ankara eingestuft", "aus Moskau": a government, like an actor
                elif place and place.iso:
                    counts[place.iso] += (3 if m.detail.get("locative") else 2) + 2 * self._important(m.text, place.iso)
                    self.placed = True
                    if place.admin1:
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
                from ..geo import GeoContext, fallback_place, resolve_place

                geo = GeoContext(countries=self.focus, admin1=self.admin1_focus, actors_only=not self.placed)
                if mention.detail.get("unknown"):
                    area = self._admin1_named_with(mention)
                    place = self._by_bearing(mention)
                    if place is None:
                        place = fallback_place(mention.text, self.gazetteer, geo, area) if self.focus else None
                    self.resolved[mention.start] = place
                    return place
                place = resolve_place(_surface(mention), self.gazetteer, geo, near=mention.detail.get("near", False),
                                      admin_hint=self._area_after(mention))
                if place is not None and mention.detail.get("weak") and place.feature == "P.PPLC" and (
                        not self.focus or place.iso != self.focus[0]):  # fmt: skip
                    place = None  # "von Ankara als Terrorgruppe eingestuft": the government, not the city
                if place is not None and self.focus and place.iso not in self.focus:
                    # Far from the story: a loose spelling match or a small namesake is a false friend;
                    # but where only the actors' nationality sets the focus ("russische Kampfjets
                    # bombardierten die Stadt Maarat al-Numan"), a place the text marks is taken.
                    plain_word = not mention.detail.get("locative") and " " not in mention.text
                    marked = not self.placed and not plain_word
                    if not marked and (not mention.detail.get("exact") or plain_word
                                       or not self._landmark(mention.text, place.iso)) and not (
                            not self.placed and mention.detail.get("exact") and self._sizeable(mention.text, place.iso)):  # fmt: skip
                        place = None
                arabic = mention.text.lower().startswith(("al-", "el-", "as-", "ad-", "ar-", "an-", "at-", "az-"))
                named = parse_place_name(mention.text)
                if place is None and self.focus and (mention.detail.get("place_noun") or mention.detail.get("in_area")
                                                     or (named.area == "admin" and not common_word(named.core))
                                                     or (arabic and mention.detail.get("locative"))):  # fmt: skip
                    # "das Dorf X", "in al-Suhra", "im Gebiet Walungu": a place the gazetteer lacks, at the
                    # area the text gives
                    place = fallback_place(named.core, self.gazetteer, geo, self._admin1_named_with(mention))
            self.resolved[mention.start] = place
        return self.resolved[mention.start]

    def _area_after(self, mention: Mention) -> str | None:
        """The area the text puts a place in: "Baba Amr in Homs", "Al-Mughayyir im Westjordanland"."""
        for other in self.analysis.of_kind("place", mention.sentence):
            if other.start > mention.end:
                between = self.analysis.text[mention.end : other.start]
                return other.text if _IN_AREA.fullmatch(between) else None
        return None

    def _by_bearing(self, mention: Mention) -> Place | None:
        """A place the gazetteer lacks, "südlich von Timbuktu": near that town (precision 2)."""
        if not mention.detail.get("bearing"):
            return None
        following = [m for m in self.analysis.of_kind("place", mention.sentence)
                     if m.start > mention.end and m.start - mention.end <= 25 and not m.detail.get("unknown")]  # fmt: skip
        anchor = self.place(following[0]) if following else None
        if anchor is None or anchor.latitude is None:
            return None
        return Place(mention.text, mention.text, anchor.latitude, anchor.longitude, anchor.country, anchor.iso,
                     anchor.admin1, anchor.admin2, None, None, 2,
                     f"{mention.text!r} is not in the gazetteer; placed at {anchor.name}, which the text gives as its bearing")

    def _admin1_named_with(self, mention: Mention) -> str | None:
        """The admin1 area the same sentence names ("in al-Suhra im Bundesstaat al-Dschasira")."""
        for other in self.analysis.of_kind("place", mention.sentence):
            if other is mention or other.detail.get("unknown"):
                continue
            place = self.place(other)
            if place is not None and (place.feature or "").startswith("A.ADM1"):
                return place.admin1 or place.name
        return None

    def _important(self, name: str, iso: str | None) -> bool:
        from ..language.mentions import _important

        return any(c.exact and c.country_code == iso and _important(c) for c in self.gazetteer.lookup(name))

    def _sizeable(self, name: str, iso: str | None) -> bool:
        """Whether the name is a town of real size in that country (see geocode's actors_only)."""
        from ..geo import TOWN_POPULATION

        return any(c.exact and c.country_code == iso and c.population >= TOWN_POPULATION for c in self.gazetteer.lookup(name))

    def _only_in(self, name: str, iso: str | None) -> bool:
        """Whether every place of this exact name lies in one country ("russischer Angriff
        auf Sumy": the attacker's country is not where it happened)."""
        return {c.country_code for c in self.gazetteer.lookup(name) if c.exact} == {iso}

    def _landmark(self, name: str, iso: str | None) -> bool:
        """A place a story from elsewhere may still name as where something happened: a
        country, an admin area, a capital, a city of a million, a curated conflict place."""
        return any(c.exact and c.country_code == iso and (
            c.is_country or c.is_admin1 or c.feature_code == "PPLC" or c.population >= 1_000_000
            or c.origin != "bundled") for c in self.gazetteer.lookup(name))  # fmt: skip

    def actor_for(self, mention: Mention, recent: list[Actor]) -> Actor | None:
        lexicon = self.lexicon
        if mention.kind == "actor":
            return lexicon.actors.get(mention.value)
        description = mention.value
        country = description.country or (self.focus[0] if self.focus else None)
        target = description.resolves_to
        if target == "coref":
            wanted = set(description.compatible_types)
            for actor in reversed(recent):
                if not wanted or actor.type in wanted:
                    return actor
            target = description.fallback or ""
        if target.startswith("country_"):
            kind = target.removeprefix("country_")
            prefix = {"state": "state", "civilians": "civilians", "protesters": "protesters", "rioters": "rioters",
                      "police": "police", "unidentified": "unidentified"}.get(kind)  # fmt: skip
            return lexicon.actors.get(f"{prefix}:{country}") if prefix and country else None
        return lexicon.actors.get(target)


_IN_AREA = re.compile(r"\s*,?\s*(?:in|im)\s+(?:der\s+|dem\s+|den\s+)?(?:(?:provinz|region|gebiet|bundesstaat|"
                      r"gouvernement|oblast|distrikt|bezirk|kreis)\s+)?", re.IGNORECASE)


def _leading(counts: Counter[str]) -> list[str]:
    """The story's countries: up to three, each weighing at least a third of the first."""
    ranked = counts.most_common(3)
    return [c for c, n in ranked if n * 3 >= ranked[0][1]] if ranked else []


def _surface(mention: Mention) -> str:
    """The name as the geocoder should read it: with the admin or facility noun the text put
    before it ("Provinz Idlib", "Flughafen von Nyala" -> "Flughafen Nyala")."""
    noun = mention.detail.get("admin_noun") or mention.detail.get("site_noun")
    return f"{noun} {mention.text}" if noun else mention.text


def _candidate(analysis, trigger, index, cues, context, last, earlier) -> _Candidate | None:
    candidate = _Candidate(trigger=trigger, sentence=index, sentences=[index])
    recent = _recent_actors(analysis, context, trigger.start)
    cited: list[tuple[Actor, Mention]] = []
    mentioned = _one_reading_per_span(analysis, index, context)
    for m in mentioned:
        if _attribute(m, analysis.tokens):
            continue
        actor = context.actor_for(m, recent)
        if actor is not None and m.kind == "description" and actor.id.startswith("unidentified:"):
            # No group named before: "Ihre Kämpfer hätten X erobert, teilte ein Sprecher der AA mit".
            actor = _named_later(m, mentioned, context) or actor
        if actor is not None:
            (cited if _cited(m, analysis.tokens) else candidate.actors).append((actor, m))
    if not candidate.actors:
        candidate.actors = [am for am in cited if am[1].kind == "actor"]  # "laut der Armee griffen ... an"
    adjective = _national_adjective(trigger, analysis, context)
    if adjective is not None and all(a.type == "civilians" for a, _ in candidate.actors):
        candidate.actors.insert(0, adjective)
    country = _country_as_agent(trigger, analysis, context) if adjective is None else None
    if country is not None and not any(country[1].start < m.start < trigger.start or m.start < country[1].start
                                       for a, m in candidate.actors if a.type != "civilians"):  # fmt: skip
        candidate.actors.insert(0, country)  # "Die USA flogen Luftangriffe auf Stellungen der Huthis"
    places = analysis.of_kind("place", index)
    anchors = {b.start for a in places if a.detail.get("bearing") for b in places
               if b.start > a.end and b.start - a.end <= 25 and not b.detail.get("unknown")}  # fmt: skip
    # Where an institution sits ("das Verteidigungsministerium in Moskau") is no place of the event.
    candidate.places = [m for m in places if not m.detail.get("dateline") and not m.detail.get("seat")
                        and m.start not in anchors and context.place(m) is not None]  # fmt: skip
    if not candidate.places:
        candidate.places = _anaphoric_town(analysis, index, context, territory=trigger.value.territory)
    dates = analysis.of_kind("date", index)
    candidate.date = dates[0] if dates else None
    candidate.deaths = deaths_in(analysis, index)
    if "unconfirmed" in cues:
        candidate.certainty = "unconfirmed"
    elif "hedge" in cues:
        candidate.certainty = "claimed"
    if "history" in cues:
        candidate.salience = "context"
    candidate.source = _source(analysis, index, context.lexicon)
    candidate.another = _another(trigger, analysis.tokens)
    candidate.headline = index == 0 and bool(analysis.document.title)
    if candidate.another:
        pass  # told as a further event: none of the rules below makes it part of the last
    elif _continues(analysis, index) and (last is None or last.sentences[-1] < index - 1):
        return None  # "Dabei wurden 300 getötet" after a sentence that told no event: a toll of that
    elif last is not None and _the_fighting_again(trigger, candidate, analysis, last):
        candidate.part_of_last = "the fighting told before"  # "Die Kämpfe waren so heftig, dass ..."
        return candidate
    if not candidate.another and _refers_back(trigger, analysis.tokens):
        if last is not None:
            candidate.part_of_last = _REFERS_BACK  # "bei dem Anschlag"
            return candidate
        if not trigger.value.generic:
            return None
    # A generic word needs a side and a place or toll; a place and a toll alone make a
    # killing by unnamed attackers ("Bei einem Anschlag in Mogadischu starben sieben Menschen"),
    # a place and a crowd a violent demonstration ("In Dhaka stürmten Demonstranten ...").
    if trigger.value.generic and candidate.another and candidate.date is not None and last is not None:
        # "folgt auf einen ähnlichen Angriff am Sonntag": another attack of the kind just told, dated
        # in its own right, where the story takes place.
        candidate.event_type, candidate.sub_event_type = last.event_type, last.sub_event_type
        _assign_roles(candidate, analysis, trigger, last)  # "griff das Militärbündnis bei weiteren Angriffen an"
        candidate.actor1 = candidate.actor1 or last.actor1
        candidate.places = candidate.places or ([last.place_mention] if last.place_mention is not None else [])
        return candidate if candidate.places else None
    crowd = any(t.value.event_type == "Protests" for t in analysis.of_kind("trigger", index))
    # "man habe Angriffe bei Robotyne abgewehrt": an attack repelled at a named place was fought.
    repelled = any(t.text.lower().startswith(word_list("repelled")) for t in analysis.sentence_tokens(index))
    weak = not (candidate.places or candidate.deaths) or (
        not candidate.actors and not (candidate.places and (candidate.deaths or crowd or repelled)))  # fmt: skip
    if trigger.value.generic and weak:
        if candidate.deaths and candidate.date is None and last is not None and index - last.sentences[-1] <= 2:
            candidate.part_of_last = "casualties of the event before"  # "Ein Wachmann wurde getötet."
            return candidate
        return None
    if trigger.value.sub_event_type == "Non-violent transfer of territory" and not (
            any(not _is_country(context.place(m)) for m in candidate.places)
            or set(_clause_words(analysis, trigger)) & word_set("territory_words")):  # fmt: skip
        return None  # "hatten beide Seiten je 150 Kriegsgefangene übergeben": no territory changed hands
    if trigger.value.sub_event_type in ("Other", "Change to group/activity") and candidate.date is None:
        return None  # "seit dem Putsch", "X ist ein Zusammenschluss von ...": an event only where the text dates it
    if trigger.value.sub_event_type == "Agreement" and trigger.text[:1].isupper() and not trigger.text.lower().startswith(
            "einigung") and not any(t.text[:1].islower() and t.text.startswith(word_list("agreement_verbs"))
                                    for t in analysis.sentence_tokens(index)):  # fmt: skip
        return None  # "Gespräche über eine Waffenruhe", "lehnte eine Feuerpause ab": nothing agreed
    bare = not (candidate.actors or candidate.places or candidate.date or candidate.deaths)
    if bare and not candidate.another and last is not None and last.event_type == trigger.value.event_type:
        candidate.part_of_last = "no side, place, day or toll of its own"  # "Das nun erneut beschossen wurde."
        return candidate
    _assign_roles(candidate, analysis, trigger, last)
    if last is not None and not candidate.another and candidate.actor1 is None and index - last.sentence <= 3:
        victims = candidate.actor2[0].type if candidate.actor2 else None
        bare_killing = trigger.text[:1].islower() and trigger.value.sub_event_type == "Attack"
        # "griffen einen Militärkonvoi an. Dabei wurden mehrere Soldaten getötet": a side of the
        # fighting just told lost them.
        sides = {x[0].id for x in (last.actor1, last.actor2) if x is not None}
        of_a_side = last.event_type in ("Battles", "Explosions/Remote violence") and candidate.actor2 is not None and (
            candidate.actor2[0].id in sides)  # fmt: skip
        if (trigger.value.event_type == "Battles" or bare_killing) and (victims in (None, "civilians") or of_a_side):
            candidate.part_of_last = "casualties of the fighting"
            return candidate
    fighting = [c for c in earlier if index - c.sentences[-1] <= 3 and c.event_type in ("Battles", "Explosions/Remote violence")]
    if fighting and _taken_in_fighting(candidate, trigger, analysis, context, fighting):
        candidate.part_of_last = "prisoners or arms taken in the fighting"
        return candidate
    _type(candidate, analysis, index, context)
    if candidate.event_type == "Battles" and candidate.actor1 is not None and candidate.actor2 is None:
        candidate.actor2 = _opponent(candidate, analysis, context, last)
    return candidate


def _taken_in_fighting(
    candidate: _Candidate, trigger: Mention, analysis: Analysis, context: _DocumentContext, fighting: list[_Candidate]
) -> bool:
    """Prisoners taken and arms seized right after fighting or a strike belong to it
    ("sechs Anhänger des Generals wurden festgenommen", "Zudem wurden Panzer erbeutet")."""
    sub = trigger.value.sub_event_type
    seizing = sub == "Looting/property destruction" and context.lexicon.lemma(trigger.text.split()[0]) in word_set("seizing")
    if sub != "Arrests" and not seizing:
        return False
    # "In Bahir Dar nahmen Sicherheitskräfte seit vergangener Woche Hunderte fest": a day or
    # a place of its own makes it an event of its own.
    if candidate.date is not None and all(c.date is None or c.date.value != candidate.date.value for c in fighting):
        return False
    places = {p.name for p in map(context.place, candidate.places) if p is not None and not _is_country(p)}
    if places and all(c.place is None or c.place.name not in places for c in fighting):
        return False
    if candidate.actor1 is None or _passive_without_agent(candidate, analysis):
        return True  # "sechs Anhänger des Generals wurden festgenommen": by the other side
    sides = {x[0].id for c in fighting for x in (c.actor1, c.actor2) if x is not None}
    return any(x is not None and x[0].id in sides for x in (candidate.actor1, candidate.actor2))


def _owns_target(mention: Mention, tokens) -> bool:
    """Whether the actor names the owner of a target: in a compound ("HTS-Stellungen") or a
    genitive ("Lager und Hauptquartiere der Huthis", "Stellungen der Rebellen")."""
    first, last = mention.detail.get("first"), mention.detail.get("last")
    if first is not None and first >= 2 and tokens[first - 1].text.lower() in ("der", "des"):
        # the target noun itself, or the noun one adjective before it ("Stellungen der syrischen Armee")
        if tokens[first - 2].text.lower().startswith(word_list("target_heads")):
            return True
    if last is None or not tokens[last].joined or last + 2 >= len(tokens):
        return False
    return tokens[last + 2].text.lower().startswith(word_list("target_heads"))


def _passive_without_agent(candidate: _Candidate, analysis: Analysis) -> bool:
    """A passive clause around the trigger that names no "von"/"durch" agent."""
    clause = set(_clause_words(analysis, candidate.trigger))
    return bool({"wurde", "wurden", "worden"} & clause) and not {"von", "vom", "durch"} & clause


def _named_later(description: Mention, mentioned: list[Mention], context: _DocumentContext) -> Actor | None:
    """The armed group the same sentence names after a description that had no antecedent."""
    wanted = set(description.value.compatible_types) or {"rebel", "political_militia", "identity_militia", "external"}
    for m in mentioned:
        actor = context.lexicon.actors.get(m.value) if m.kind == "actor" and m.start > description.end else None
        if actor is not None and actor.type in wanted:
            return actor
    return None


def _names_its_group(description: Mention, named_from: set, tokens) -> bool:
    """Whether a named actor follows the description in apposition or in the genitive."""
    last = description.detail.get("last")
    if last is None:
        return False
    k = last + 1
    if k in named_from:
        return True
    if k < len(tokens) and tokens[k].text.lower() in ("der", "des", "von", "vom"):
        k += 1
        while k < len(tokens) and k - last <= 4 and tokens[k].text[:1].islower() and tokens[k].text.isalpha():
            k += 1  # "der islamistischen"
        return k in named_from
    return False


def _one_reading_per_span(analysis: Analysis, index: int, context: _DocumentContext) -> list[Mention]:
    """The actor and description mentions of a sentence, but for descriptions that stand
    before a name; where one span reads as actors of several countries ("kongolesische
    Armee"), the reading of the story's country."""
    chosen: dict[tuple[int, int], Mention] = {}
    rank = {iso: i for i, iso in enumerate(context.focus)}

    def country_rank(m: Mention) -> int:
        actor = context.lexicon.actors.get(m.value) if m.kind == "actor" else None
        return rank.get(actor.country if actor else None, len(rank))

    actors = analysis.of_kind("actor", index)
    named_from = {a.detail.get("first") for a in actors}
    for m in actors + analysis.of_kind("description", index):
        if m.kind == "description" and _names_its_group(m, named_from, analysis.tokens):
            continue  # "die Terrorgruppe Boko Haram", "Kämpfer der islamistischen HTS": the name says who
        span = (m.start, m.end)
        if span not in chosen or country_rank(m) < country_rank(chosen[span]):
            chosen[span] = m
    return sorted(chosen.values(), key=lambda m: (m.start, m.kind))


def _country_as_agent(trigger: Mention, analysis: Analysis, context: _DocumentContext):
    """ "Die USA flogen Luftangriffe", "Russland hat Pokrowsk beschossen": a country opening the
    trigger's clause as its subject acts through its forces."""
    start, end = _clause_of(analysis.tokens, trigger)
    offset = bisect.bisect_left(analysis.tokens, trigger.sentence, key=lambda t: t.sentence)
    tokens = analysis.sentence_tokens(trigger.sentence)
    clause = [(offset + k, t) for k, t in enumerate(tokens) if start <= t.start < end and t.end <= trigger.start]
    words = [t for _, t in clause if t.text[:1].isalpha()]
    if words and words[0].text.lower() in ("die", "der", "das"):
        words = words[1:]  # "Die USA"
    if not words:
        return None
    subject = words[0]
    if subject.joined:
        return None  # "Somalia-Wochenrückblick": part of a compound
    iso = context.lexicon.country_of_name(subject.text)
    if iso is None:
        return None
    if subject.text.lower().endswith("s") and subject.text.lower() != context.lexicon.countries[iso].name_de.lower():
        return None  # "Russlands": a genitive, no subject
    actor = context.lexicon.actors.get(f"state:{iso}")
    if actor is None:
        return None
    index = next(i for i, t in clause if t is subject)
    return actor, Mention("actor", subject.text, subject.start, subject.end, actor.id, subject.sentence,
                          {"first": index, "last": index})


def _national_adjective(trigger: Mention, analysis: Analysis, context: _DocumentContext):
    """ "ein israelischer Angriff", "russische Drohnenangriffe": the forces of that country."""
    index = trigger.detail.get("index")
    if index is None or index == 0 or not trigger.text[:1].isupper():
        return None
    previous = analysis.tokens[index - 1]
    if previous.sentence != trigger.sentence or not previous.text[:1].islower():
        return None
    country = context.lexicon.country_of_adjective(previous.text)
    actor = context.lexicon.actors.get(f"state:{country}") if country else None
    if actor is None:
        return None
    return actor, Mention("actor", previous.text, previous.start, previous.end, actor.id, previous.sentence,
                          {"first": index - 1, "last": index - 1})  # fmt: skip




def _attribute(mention: Mention, tokens) -> bool:
    """ "der von der Hamas kontrollierten Behörde", "die von Ruanda unterstützte M23": the actor
    describes another noun and plays no part of its own."""
    first, last = mention.detail.get("first"), mention.detail.get("last")
    if first is None or last + 1 >= len(tokens) or tokens[last + 1].sentence != mention.sentence:
        return False
    before = {t.text.lower() for t in tokens[max(0, first - 2) : first] if t.sentence == mention.sentence}
    return bool(before & {"von", "vom"}) and _attributive(tokens[last + 1].text)


def _attributive(word: str) -> bool:
    """A participle that makes the actor before it an attribute ("kontrollierten", "geführte")."""
    stem = word.lower()
    for ending in ("en", "er", "es", "em", "e"):
        if stem.endswith(ending) and stem[: -len(ending)] in word_set("attributive_stems"):
            return True
    return stem in word_set("attributive_stems")


def _cited(mention: Mention, tokens) -> bool:
    """Whether the report cites this actor ("nach Angaben von Aktivisten", "der Armee zufolge")
    rather than telling what it did."""
    first, last = mention.detail.get("first"), mention.detail.get("last")
    if first is None:
        return False
    before = [t.text.lower() for t in tokens[max(0, first - 3) : first] if t.sentence == mention.sentence]
    after = [t.text.lower() for t in tokens[last + 1 : last + 2] if t.sentence == mention.sentence]
    if set(before) & word_set("citing") or after == ["zufolge"]:
        return True
    if "wie" in before:  # "Wie die Armee des Landes mitteilte, ..."
        clause = []
        for t in tokens[last + 1 : last + 10]:
            if t.sentence != mention.sentence or t.text == ",":
                break
            clause.append(t.text.lower())
        return any(w in word_set("saying") for w in clause)
    return False


def _the_fighting_again(trigger: Mention, candidate: _Candidate, analysis: Analysis, last: _Candidate) -> bool:
    """"Die Kämpfe ..." with no side of its own or only the sides of the event just told
    ("Bei den Kämpfen wurden 100 Schabab-Kämpfer getötet"), or a sentence opening with
    "Dabei": more about the event just told."""
    tokens = analysis.tokens
    index = trigger.detail.get("index")
    if _continues(analysis, trigger.sentence):
        return True
    if index is None or index == 0 or trigger.value.event_type != "Battles" or trigger.value.territory:
        return False
    if last.event_type != "Battles" or tokens[index - 1].text.lower() not in _DEFINITE:
        return False
    told = {x[0].id for x in (last.actor1, last.actor2) if x is not None}
    return all(a.id in told for a, _ in candidate.actors if a.type != "civilians")


# Not "neue"/"erneute": "eine neue Attacke" is new to the war, often the very one the story tells.


def _another(trigger: Mention, tokens) -> bool:
    """ "Beim zweiten Selbstmordanschlag", "bei einem weiteren Angriff": an event besides the one told."""
    index = trigger.detail.get("index")
    if index is None or _perpetrator(trigger):  # "ein zweiter Selbstmordattentäter" took part in the same attack
        return False
    before = [t.text.lower() for t in tokens[max(0, index - 3) : index] if t.sentence == trigger.sentence]
    return bool(set(before[-2:]) & word_set("another"))


def _perpetrator(trigger: Mention) -> bool:
    return trigger.text.lower().endswith(("täter", "bomber", "attentäterin", "bomberin"))


def _continues(analysis: Analysis, index: int) -> bool:
    """A sentence opening with "Dabei" goes on about the sentence before it."""
    first = analysis.first_token(index)
    return first is not None and first.text.lower() in ("dabei", "hierbei", "dadurch")


def _refers_back(trigger: Mention, tokens) -> bool:
    """A generic attack word under a definite article ("bei dem Anschlag", "der Angriff")
    names the event told before, not a new one."""
    index = trigger.detail.get("index")
    if index is None or index == 0:
        return False
    k = index - 1
    while k > 0 and index - k <= 3 and tokens[k].text[:1].islower() and tokens[k].text.lower() not in _DEFINITE:
        k -= 1  # "des ersten größeren Anschlags": adjectives between article and noun
    previous = tokens[k]
    if previous.sentence != trigger.sentence or previous.text.lower() not in _DEFINITE:
        return False
    governing = tokens[k - 1].text.lower() if k >= 1 and tokens[k - 1].sentence == trigger.sentence else ""
    # "trotz der Festnahmen", "nach der Ermordung": an event the reader already knows of;
    # "der Selbstmordattentäter": the bomber of the attack told before.
    return trigger.value.generic or _perpetrator(trigger) or (trigger.text[:1].isupper() and governing in _KNOWN_EVENT_PREPOSITIONS)


def _opponent(candidate: _Candidate, analysis: Analysis, context: _DocumentContext, last: _Candidate | None):
    """The other side of a battle the sentence leaves unnamed: the side the story last set
    against this actor, else the state forces of the country where it happened."""
    actor1 = candidate.actor1[0]
    if last is not None:
        for side in (last.actor1, last.actor2):
            if side is not None and not _same_actor(side[0], actor1) and side[0].type not in ("civilians", "protesters"):
                return side
    country = None
    if candidate.places:
        place = context.place(candidate.places[0])
        country = place.iso if place else None
    country = country or (context.focus[0] if context.focus else None)
    state = context.lexicon.actors.get(f"state:{country}") if country else None
    if state is not None and state.id != actor1.id and actor1.country is not None:
        return state, candidate.trigger
    return None


def _recent_actors(analysis: Analysis, context: _DocumentContext, before: int) -> list[Actor]:
    actors = []
    for m in analysis.of_kind("actor"):
        if m.start >= before:
            break
        actor = context.lexicon.actors.get(m.value)
        if actor:
            actors.append(actor)
    return actors


def _assign_roles(candidate: _Candidate, analysis: Analysis, trigger: Mention, last: _Candidate | None) -> None:
    tokens = analysis.tokens
    unique: list[tuple[Actor, Mention]] = []
    start, end = _clause_of(tokens, trigger)
    # An actor named twice plays its part where the trigger's own clause names it.
    for actor, mention in sorted(candidate.actors, key=lambda am: (not start <= am[1].start < end, am[1].start)):
        if all(not _same_actor(actor, a) for a, _ in unique):
            unique.append((actor, mention))
    unique.sort(key=lambda am: am[1].start)
    if not unique:
        # The sides of the event just told go on acting in events of its kind (an air strike
        # after fighting on the ground is no act of the fighters), or where "beide Seiten" says so.
        both_sides = "seiten" in (t.text.lower() for t in analysis.sentence_tokens(candidate.sentence))
        if (last is not None and last.actor1 is not None and candidate.sentence - last.sentence <= 2
                and (last.event_type == trigger.value.event_type or both_sides)):  # fmt: skip
            candidate.actor1 = last.actor1
            candidate.actor2 = last.actor2
        return

    def before(mention: Mention, n: int = 2) -> list[str]:
        first = mention.detail.get("first", 0)
        return [t.text.lower() for t in tokens[max(0, first - n) : first] if t.sentence == mention.sentence]

    agent = None
    # "Angriff der syrischen Luftwaffe" read through "Luftwaffe": the trigger names who acted.
    carrier = next((am for am in unique if am[1].start <= trigger.start and trigger.end <= am[1].end
                    and am[0].type != "civilians"), None)  # fmt: skip
    # "Beschuss von HTS-Stellungen", "Angriff auf Hamas-Verstecke": the group whose positions were hit.
    patient = next((am for am in unique if _owns_target(am[1], tokens)), None)
    suffered = patient is not None
    others = [am for am in unique if am is not patient]
    genitive = _genitive_agent(others, trigger, tokens, analysis.of_kind("description", candidate.sentence))
    if genitive is not None or (carrier is not None and carrier is not patient):
        agent = genitive or carrier
    speaker = _quoted_speaker(others, trigger, analysis)
    if speaker is not None:
        agent = speaker  # "Wir haben Goma eingenommen", sagte der Anführer der AFC
    sentence_words = [t.text.lower() for t in analysis.sentence_tokens(candidate.sentence)]
    passive = any(w in ("wurde", "wurden", "worden", "werden") for w in sentence_words)
    for actor, mention in others:
        if agent is not None and actor.id == agent[0].id:
            continue
        context_words = before(mention, 3)
        if "zwischen" in context_words and agent is None:
            agent = (actor, mention)
        elif passive and agent is None and _passive_agent(mention, trigger, tokens, context_words):
            agent = (actor, mention)
        elif any(w in ("gegen", "auf") for w in context_words) and patient is None:
            patient = (actor, mention)
    rest = [am for am in unique if am[0].id not in {x[0].id for x in (agent, patient) if x}]
    if agent is None and rest:
        # The subject: the first actor of the trigger's clause that no preposition governs.
        clause = _clause_of(tokens, trigger)
        # "einen Hamas-Kommandeur getötet": an accusative article marks the object.
        subjects = [am for am in rest if am[1].start >= clause[0] and am[1].end <= clause[1]
                    and not set(before(am[1], 2)) & _PREPOSITIONS and before(am[1], 1) != ["einen"]]  # fmt: skip
        pool = subjects or rest
        civilians_first = pool[0][0].type == "civilians" and len(pool) > 1
        agent = pool[1 if civilians_first else 0]
        rest.remove(agent)
        harmed = any(m.value in ("death", "injury", "captive") and m.start > agent[1].end
                     for m in analysis.of_kind("cue", candidate.sentence))  # fmt: skip
        # A preterite trigger ("überrannten", "töteten") is active, whatever another clause says.
        finite = trigger.text.lower().endswith(("te", "ten")) and not trigger.text.lower().startswith("ge")
        if passive and not finite and subjects and patient is None and (trigger.text[:1].islower() or harmed):
            # "Vier Soldaten wurden getötet": the subject of a passive was acted upon.
            agent, patient, suffered = None, agent, True
    if patient is None and rest:
        patient = rest.pop(0)
    if agent is None and patient is not None and patient[0].type != "civilians" and not suffered:
        agent, patient = patient, None
    if agent is not None and patient is not None and agent[0].name == patient[0].name:
        patient = None
    if agent is not None and agent[0].type == "civilians":
        # Civilians are acted upon (ACLED never codes them as the side that acted).
        agent, patient = (patient, agent) if patient is not None and patient[0].type != "civilians" else (None, agent)
    candidate.actor1, candidate.actor2 = agent, patient




def _passive_agent(mention: Mention, trigger: Mention, tokens, context_words: list[str]) -> bool:
    """ "von IS-Kämpfern getötet", "durch die Armee festgenommen": the agent of a passive, in
    the trigger's own clause; "Dutzende von Soldaten" counts soldiers and names no agent."""
    if not any(w in ("von", "vom", "durch", "seitens") for w in context_words[-2:]):
        return False
    start, end = _clause_of(tokens, trigger)
    if not (start <= mention.start and mention.end <= end):
        return False
    by = next((w for w in reversed(context_words) if w in ("von", "vom", "durch", "seitens")), "")
    position = len(context_words) - 1 - context_words[::-1].index(by)
    return not (by == "von" and position > 0 and (context_words[position - 1] in word_set("partitive")
                                                  or context_words[position - 1].isdigit()))  # fmt: skip


def _quoted_speaker(unique, trigger: Mention, analysis: Analysis) -> tuple[Actor, Mention] | None:
    """In a quote told in the first person, "wir" is the group of whoever is quoted: the
    actor named after the attribution ("sagte Nangaa, Anführer der AFC")."""
    tokens = analysis.tokens
    index = trigger.detail.get("index")
    if index is None:
        return None
    before = [t.text.lower() for t in analysis.sentence_tokens(trigger.sentence) if t.start < tokens[index].start]
    if "wir" not in before:
        return None
    cues = [m for m in analysis.of_kind("cue", trigger.sentence) if m.value == "attribution" and m.start > trigger.end]
    if not cues:
        return None
    after = [am for am in unique if am[1].start > cues[0].start and am[0].type not in ("civilians",)]
    return after[0] if after else None


def _same_actor(a: Actor, b: Actor) -> bool:
    """One actor under two entries: "Islamic State" and its branch "Islamic State (Syria)"."""
    return a.id == b.id or a.name.split(" (")[0] == b.name.split(" (")[0]


_PREPOSITIONS = frozenset("gegen auf mit bei für unter zwischen an in aus nach über vor zu zur zum".split())
_CLAUSE_BREAKS = frozenset(",;:()–—„“\"".split() + list(",;:()") + ["nachdem", "während", "weil", "dass", "bevor", "wobei", "obwohl", "als", "wie"])


def _clause_of(tokens, trigger: Mention) -> tuple[int, int]:
    """Character bounds of the clause around ``trigger``: commas and conjunctions bound it."""
    index = trigger.detail.get("index")
    if index is None:
        return 0, 10**9
    start, end = tokens[index].start, tokens[index].end
    k = index - 1
    while k >= 0 and tokens[k].sentence == trigger.sentence and tokens[k].text.lower() not in _CLAUSE_BREAKS:
        start = tokens[k].start
        k -= 1
    k = index + 1
    while k < len(tokens) and tokens[k].sentence == trigger.sentence and tokens[k].text.lower() not in _CLAUSE_BREAKS:
        end = tokens[k].end
        k += 1
    return start, end


def _genitive_agent(unique, trigger: Mention, tokens, descriptions: list[Mention]) -> tuple[Actor, Mention] | None:
    """ "Luftangriffe der russischen Luftwaffe", "Angriff von IS-Kämpfern", "Attacke der
    islamistischen Terrorgruppe Boko Haram": the actor after a nominal trigger, joined only
    by articles, "von"/"durch", adjectives or a description in apposition, is the one who acted."""
    if not trigger.text[:1].isupper():
        return None
    index = trigger.detail.get("index")
    if index is None:
        return None

    def linking(token) -> bool:
        word = token.text
        return (word.lower() in _GENITIVE_LINKS or (word[:1].islower() and word.isalpha())
                or any(d.start <= token.start and token.end <= d.end for d in descriptions))  # fmt: skip

    for actor, mention in unique:
        first = mention.detail.get("first", -1)
        between = tokens[index + 1 : first]
        if 0 < first - index <= 6 and between and between[0].text.lower() in _GENITIVE_LINKS and all(map(linking, between)):
            return actor, mention
        # "Luftangriff russischer Kampfjets", "Angriff mutmaßlicher Dschihadisten": a genitive
        # without article, its adjectives in -er.
        adjectives = tokens[index + 1 : first + 1] if first == index + 1 else between
        if 0 < first - index <= 3 and adjectives and all(
                t.text[:1].islower() and t.text.isalpha() and t.text.endswith("er") for t in adjectives):  # fmt: skip
            return actor, mention
    return None


_GENITIVE_LINKS = frozenset("der des von vom durch seitens einer eines den dem mutmaßlich mutmaßlichen".split())


def _type(candidate: _Candidate, analysis: Analysis, index: int, context: _DocumentContext) -> None:
    trigger: Trigger = candidate.trigger.value
    event_type, sub = trigger.event_type, trigger.sub_event_type
    words = " ".join(t.text.lower() for t in analysis.sentence_tokens(index))
    cues = {m.value for m in analysis.of_kind("cue", index)}
    actor1 = candidate.actor1[0] if candidate.actor1 else None
    actor2 = candidate.actor2[0] if candidate.actor2 else None
    if trigger.territory:
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
    elif event_type == "Battles" and actor1 is None and any(w in words for w in ("protest", "demonstr", "kundgeb")):
        event_type, sub = "Riots", "Violent demonstration"  # clashes at a protest, no armed side named
    elif sub == "Looting/property destruction" and actor1 is not None and actor1.type == "rioters":
        event_type, sub = "Riots", "Mob violence"
    elif sub == "Remote explosive/landmine/IED" and any("drohne" in w for w in _clause_words(analysis, candidate.trigger)):
        event_type, sub = "Explosions/Remote violence", "Air/drone strike"  # "warf eine Drohne einen Sprengsatz ab"
    elif sub == "Looting/property destruction" and ((actor1 is not None and actor1.type == "protesters") or any(
            t.value.event_type == "Protests" for t in analysis.of_kind("trigger", index))):  # fmt: skip
        event_type, sub = "Riots", "Violent demonstration"  # "Demonstranten zündeten eine Polizeiwache an"
    elif (trigger.generic and event_type == "Battles" and actor2 is None
          and set(_clause_words(analysis, candidate.trigger)) & word_set("civilian_targets")):  # fmt: skip
        event_type, sub = "Violence against civilians", "Attack"  # "griffen Siedler das Dorf Turmus Ayya an"
        place = context.place(candidate.places[0]) if candidate.places else None
        iso = place.iso if place is not None and place.iso else (context.focus[0] if context.focus else None)
        civilians = context.lexicon.actors.get(f"civilians:{iso}") if iso else None
        if civilians is not None:
            candidate.actor2 = (civilians, candidate.trigger)
    elif event_type == "Battles" and actor2 is not None and actor2.type == "civilians":
        event_type, sub = "Violence against civilians", "Attack"
    elif trigger.generic and event_type == "Battles" and actor2 is None and "civilian" in cues and (
            actor1 is None or actor1.type not in ("state", "protesters", "rioters")):  # fmt: skip
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
    candidate.event_type, candidate.sub_event_type = event_type, sub
    if event_type in ("Protests", "Riots") and context.focus:
        # The crowd acts; police or soldiers who intervene are acted upon.
        kind = "protesters" if event_type == "Protests" else "rioters"
        crowd = context.lexicon.actors.get(f"{kind}:{context.focus[0]}")
        unnamed = actor1 is not None and actor1.id.startswith("unidentified:")  # a description's fallback
        if crowd and (actor1 is None or unnamed or actor1.type in ("state", "civilians", "protesters", "rioters")):
            state = actor1 if actor1 is not None and actor1.type == "state" else actor2
            candidate.actor1 = (crowd, candidate.trigger)
            intervened = sub != "Peaceful protest" or event_type == "Riots"
            candidate.actor2 = (state, candidate.trigger) if state is not None and intervened else None
    if event_type in ("Violence against civilians", "Explosions/Remote violence") and candidate.actor2 is None:
        if "civilian" in cues and context.focus:
            civilians = context.lexicon.actors.get(f"civilians:{context.focus[0]}")
            if civilians:
                candidate.actor2 = (civilians, candidate.trigger)


def _source(analysis: Analysis, index: int, lexicon: Lexicon) -> tuple[str, Mention] | None:
    """Whom the sentence cites: a source of the lexicon ("laut der Beobachtungsstelle"), else
    an actor it cites ("nach Angaben der Armee", "Das ukrainische Militär teilte mit")."""
    cues = [m for m in analysis.of_kind("cue", index) if m.value == "attribution"]
    if not cues:
        return None
    sources = analysis.of_kind("source", index)
    if sources:
        return sources[0].value, sources[0]
    tokens = analysis.tokens
    for m in analysis.of_kind("actor", index):
        actor = lexicon.actors.get(m.value)
        last = m.detail.get("last")
        if actor is None or last is None or actor.type == "civilians":
            continue
        saying = [t.text.lower() for t in tokens[last + 1 : last + 3] if t.sentence == index]
        if _cited(m, tokens) or set(saying) & word_set("saying"):
            return actor.name, m
    return None


# -- places, merging, records ---------------------------------------------------------


def _per_place(candidate: _Candidate, context: _DocumentContext) -> list[_Candidate]:
    places = candidate.places
    if not places:
        return [candidate]
    if all(_is_country(context.place(m)) for m in places):
        # "im Jemen" says little; the last named town of the story says more (see _merge).
        candidate.country_only = places[0]
        candidate.places = []
        return [candidate]
    towns = [m for m in places if not (context.place(m).feature or "").startswith("A.")]
    # "Große Nachricht aus Kiew: ... hätten Robotyne befreit": where news comes from is not taken.
    towns = [m for m in towns if not (_origin(m, context.analysis.tokens) or m.detail.get("seat"))] or towns
    # ACLED codes one event per place: towns taken one by one, and fighting "in den Bezirken
    # Sirwah und Raghwan", each with its share of the toll.
    listed = len(towns) > 1 and _listed(towns, context)
    if (candidate.trigger.value.territory and len(towns) > 1) or listed:
        out = []
        for i, m in enumerate(towns):
            copy = _Candidate(**{**candidate.__dict__})
            copy.place_mention, copy.place = m, context.place(m)
            if listed and not candidate.trigger.value.territory:
                copy.share = (i, len(towns))
            out.append(copy)
        return out
    tokens = context.analysis.tokens
    best = min(places, key=lambda m: (_is_country(context.place(m)), bool(m.detail.get("seat")),
                                      (context.place(m).feature or "").startswith("A."),
                                      _reference_point(m, tokens) or _origin(m, tokens), context.place(m).geo_precision,
                                      m.start))  # fmt: skip
    candidate.place_mention, candidate.place = best, context.place(best)
    return [candidate]


def _anaphoric_town(analysis: Analysis, index: int, context: _DocumentContext, *, territory: bool) -> list[Mention]:
    """ "Russische Truppen hätten die Stadt eingenommen", "Dort warf eine Drohne ...": the town
    named last before."""
    words = [t.text.lower() for t in analysis.sentence_tokens(index)]
    the_town = territory and any(a in ("die", "den", "das") and b in word_set("town_nouns") for a, b in zip(words, words[1:]))
    there = "dort" in words[:3]
    if not (the_town or there):
        return []
    for i in range(index - 1, max(-1, index - (3 if the_town else 2)), -1):
        for m in reversed(analysis.of_kind("place", i)):
            place = _event_place(m, context)
            if place is not None and not (place.feature or "").startswith("A.") and not _reference_point(m, analysis.tokens):
                return [m]  # not "westlich von Cherson": the town the bearing starts from
    return []


def _listed(towns: list[Mention], context: _DocumentContext) -> bool:
    """Whether the towns stand side by side in one phrase ("bei Robotyne und Werbowe",
    "in Kafr Naha, Khan al-Asal und Urum al-Kubra") in one country."""
    text = context.analysis.text
    joined = all(text[a.end : b.start].strip() in (",", "und", "sowie") for a, b in zip(towns, towns[1:]))
    # "an der Straße zwischen Monywa und Yinmabin", "von Kayes nach Bamako": one route, one event.
    route = text[max(0, towns[0].start - 12) : towns[0].start].lower().split()[-1:] in (["zwischen"], ["von"])
    return joined and not route and len({context.place(m).iso for m in towns}) == 1


def _origin(mention: Mention, tokens) -> bool:
    first = mention.detail.get("first")
    return first is not None and first > 0 and tokens[first - 1].text.lower() in ("aus", "von", "vom")


def _reference_point(mention: Mention, tokens) -> bool:
    """ "im Westen von Idlib", "20 Kilometer südlich von Gao": a place that locates another."""
    first = mention.detail.get("first")
    if first is None or first < 2 or tokens[first - 1].text.lower() not in ("von", "vom"):
        return False
    word = tokens[first - 2].text.lower()
    return word in BEARINGS or word in DIRECTIONS or word in ("km", "kilometer", "kilometern", "meilen")


def _merge(candidates: list[_Candidate], trail: list[Decision], context: _DocumentContext) -> list[_Candidate]:
    merged: list[_Candidate] = []
    last_place: tuple[Place, Mention] | None = None
    last_date: Mention | None = None
    for c in candidates:
        if c.place is None and last_place is not None:
            c.place, c.place_mention = last_place
        elif c.place is None and c.country_only is not None:
            c.place, c.place_mention = context.place(c.country_only), c.country_only
        elif c.place is not None:
            last_place = (c.place, c.place_mention)
        if c.date is None:
            c.date = last_date
        else:
            last_date = c.date
        target = next((m for m in merged if _same_event(m, c)), None)
        if target is None:
            target = _generic_partner(merged, c)
        if target is None:
            merged.append(c)
            continue
        if (target.trigger.value.generic and not c.trigger.value.generic and c.event_type != "Strategic developments") or (
                c.event_type == "Riots" and target.event_type != "Riots") or (
                target.headline and c.trigger.value.territory):  # fmt: skip
            # the more specific word wins: "Gefechte in Myanmar" (title) is the town taken
            target.trigger, target.event_type, target.sub_event_type = c.trigger, c.event_type, c.sub_event_type
        trail.append(Decision(c.sentence, "merged", f"{c.trigger.text!r} is the event of sentence {target.sentence}"))
        target.deaths.extend(c.deaths)
        target.sentences.extend(c.sentences)
        if target.actor1 is None and c.actor1 is not None:
            if target.actor2 is None or not _same_actor(c.actor1[0], target.actor2[0]):
                target.actor1 = c.actor1
        if target.actor2 is None and c.actor2 is not None:
            if target.actor1 is None or not _same_actor(c.actor2[0], target.actor1[0]):
                target.actor2 = c.actor2
        target.date = target.date or c.date
        target.source = target.source or c.source
        if target.place is None and c.place is not None:
            target.place, target.place_mention = c.place, c.place_mention  # the first sentence that places it
        elif target.place is not None and c.place is not None and (
                c.place.geo_precision < target.place.geo_precision or target.headline
                or (_is_country(target.place) and not _is_country(c.place))):  # fmt: skip
            target.place, target.place_mention = c.place, c.place_mention  # the body places what a title sums up
        if target.headline and c.share[1] > 1:
            target.share = c.share  # the body's toll, split between its places, is what the title sums up
        target.headline = False  # the title has found its body event: it sums up no other
        if c.salience == "core":
            target.salience = "core"
    return merged


def _generic_partner(merged: list[_Candidate], c: _Candidate) -> _Candidate | None:
    """A generic attack word and a specific event at the same place tell one event."""
    for m in reversed(merged):
        if m.trigger.value.generic == c.trigger.value.generic or m.another or c.another:
            continue
        near_in_text = abs(c.sentence - m.sentence) <= 2  # far apart, they tell two things
        if near_in_text and _same_place(m.place, c.place) and (
            m.date is None or c.date is None or _dates_overlap(m.date.value, c.date.value)
        ):
            return m
    return None


def _is_country(place: Place | None) -> bool:
    return place is not None and (place.feature or "").startswith("A.PCL")


def _same_event(a: _Candidate, b: _Candidate) -> bool:
    if (a.another or b.another) and a.sentence != b.sentence:
        return False
    if a.event_type != b.event_type and not _riot_and_its_damage(a, b) and not _kind_told_later(a, b):
        return False
    if a.trigger.value.territory and b.trigger.value.territory and a.sub_event_type != b.sub_event_type:
        return False
    territory = a.trigger.value.territory or b.trigger.value.territory
    if (territory and a.sub_event_type != b.sub_event_type and a.place and b.place and a.place.name != b.place.name
            and not (a.headline or b.headline)):  # fmt: skip
        return False  # a place taken is an event of its own, apart from fighting in its province (a title sums up)
    # "Israel griff Beirut an ... Die Hisbollah feuerte Raketen ab": one side's strike and the
    # other's reply are two events.
    if _different_agents(a, b) and a.event_type == b.event_type == "Explosions/Remote violence" and not (
            a.headline or b.headline):  # fmt: skip
        return False
    # A headline that names no place tells the first event of the body that fits it.
    headline = min(a.sentence, b.sentence) == 0 and (a.place is None) != (b.place is None)
    placeless = headline and not _different_agents(a, b)
    # A title sums the body up: "Luftangriff in Omdurman" is the strike the body places in Umbada.
    summed_up = (a.headline or b.headline) and not _different_agents(a, b) and _same_admin1(a.place, b.place)
    if not (placeless or summed_up) and not _same_place(a.place, b.place) and not _same_sides_loosely_placed(a, b):
        return False
    if a.date is not None and b.date is not None and not _dates_overlap(a.date.value, b.date.value):
        return False
    coarse = [c.date is not None and c.date.detail.get("kind") in _COARSE_DATES for c in (a, b)]
    unresolved = any(c.date is None or c.date.value.start is None for c in (a, b))
    if coarse[0] != coarse[1] and unresolved:
        return False  # "Im Oktober wurden bei einem Luftangriff ...": another, older strike
    return True


# Dates the text gives only as a month, season or year (not a day known only coarsely).
_COARSE_DATES = frozenset(("month", "month_year", "month_part", "past_season", "year"))


def _kind_told_later(a: _Candidate, b: _Candidate) -> bool:
    """ "Eine Person wurde getötet ... Das Fahrzeug fuhr auf eine Mine": a killing or attack
    of no stated kind and the explosion a nearby sentence names are one event."""
    generic, specific = (a, b) if a.trigger.value.generic else (b, a)
    return (generic.trigger.value.generic and not specific.trigger.value.generic
            and specific.event_type == "Explosions/Remote violence" and abs(a.sentence - b.sentence) <= 3
            and not _different_agents(a, b) and not (generic.event_type == "Battles" and generic.actor2 is not None))  # fmt: skip


def _riot_and_its_damage(a: _Candidate, b: _Candidate) -> bool:
    types = {a.event_type, b.event_type, a.sub_event_type, b.sub_event_type}
    return {"Riots", "Looting/property destruction"} <= types


def _different_agents(a: _Candidate, b: _Candidate) -> bool:
    return a.actor1 is not None and b.actor1 is not None and not _same_actor(a.actor1[0], b.actor1[0])


def _same_sides_loosely_placed(a: _Candidate, b: _Candidate) -> bool:
    """The same two sides told once with a country and once with a town: one event. An
    agreement between the same two sides is one event wherever each sentence places it."""
    sides = [{x[0].id for x in (c.actor1, c.actor2) if x is not None} for c in (a, b)]
    if a.sub_event_type == "Agreement" == b.sub_event_type:
        # An agreement that names no side is the one the story is about.
        return not sides[0] or not sides[1] or sides[0] <= sides[1] or sides[1] <= sides[0]
    if len(sides[0]) < 2 or sides[0] != sides[1]:
        return False
    loose = [p for p in (a.place, b.place) if p is None or _is_country(p)]
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
        if _is_country(coarse):
            return coarse.iso == other.iso
        return coarse.admin1 is not None and coarse.admin1 == other.admin1
    return False  # two towns, or a place the gazetteer lacks, are only themselves


def _same_admin1(a: Place | None, b: Place | None) -> bool:
    return a is not None and b is not None and a.iso == b.iso and a.admin1 is not None and a.admin1 == b.admin1


def _dates_overlap(a, b) -> bool:
    if a.start is None or b.start is None:
        return True
    a_end, b_end = a.end or a.start, b.end or b.start
    return (a.start - b_end).days <= 1 and (b.start - a_end).days <= 1


def _event(c: _Candidate, analysis: Analysis, lexicon: Lexicon, context: _DocumentContext, version: str) -> Event:
    doc = analysis.document
    sentence = analysis.sentences[c.sentence]
    fatalities = _share(toll(c.deaths), *c.share)
    if c.trigger.value.generic and c.sub_event_type == "Armed clash" and c.actor1 and (
            c.actor1[0].id in word_set("remote_attackers")  # they fight from the air
            or (c.actor1[0].type in ("state", "external") and "ziele" in _clause_words(analysis, c.trigger))):  # fmt: skip
        # "Die USA haben Ziele im Jemen angegriffen": states strike targets from afar
        c.event_type, c.sub_event_type = "Explosions/Remote violence", "Air/drone strike"
    if c.event_type == "Protests" and fatalities is not None and fatalities.best > 0:
        c.sub_event_type = "Excessive force against protesters"  # in ACLED's coding only those have dead
    actor1 = c.actor1[0] if c.actor1 else None
    actor2 = c.actor2[0] if c.actor2 else None
    by_side = _by_side(c, analysis, context)
    iso = c.place.iso if c.place is not None and c.place.iso else (context.focus[0] if context.focus else None)
    if iso and actor2 is None and c.event_type in ("Explosions/Remote violence", "Violence against civilians"):
        harmed_civilians = any(m.value == "civilian" for i in c.sentences for m in analysis.of_kind("cue", i))
        if harmed_civilians:  # "Mindestens 19 Menschen wurden getötet": the victims of a strike
            actor2 = context.lexicon.actors.get(f"civilians:{iso}")
    if iso and c.sub_event_type in _POLICING and actor1 is not None and actor1.type == "state" and c.actor1 and (
            c.actor1[1].kind == "description" and c.actor1[1].value.pattern in word_set("policing_forces")):  # fmt: skip
        actor1 = context.lexicon.actors.get(f"police:{actor1.country or iso}") or actor1  # "Sicherheitskräfte nahmen ... fest"
    if iso and c.sub_event_type == "Arrests":
        actor2 = _arrested(c, actor2, analysis, context.lexicon, iso)
    if iso and actor1 is None and c.sub_event_type in _UNCLAIMED_BY_ARMED_MEN:
        actor1 = context.lexicon.actors.get(f"unidentified:{iso}")  # ACLED's coding of unknown perpetrators
    if c.event_type == "Battles" and len(by_side) >= 2 and (actor1 is None or actor2 is None):
        # "44 HTS-Mitglieder und 37 Mitglieder der Regimekräfte getötet": the dead name both sides.
        known = actor1 or actor2
        other = next((a for a in by_side if known is None or a.id != known.id), None)
        actor1, actor2 = (known, other) if actor1 is not None else (other, known)
    place = c.place
    if (place is None or _is_country(place)) and context.focus and context.gazetteer is not None:
        from ..geo import GeoContext, fallback_place

        # ACLED codes no event coarser than its admin1 area: a country alone takes the area
        # the story centres on in that country, at precision 3.
        countries = [place.iso] if place is not None and place.iso else context.focus
        area = fallback_place("", context.gazetteer, GeoContext(countries=countries, admin1=context.admin1_focus), None)
        if place is None or area.admin1 is not None:
            place = area
    day_range = c.date.value if c.date is not None else None
    event_date, precision = _event_date(day_range, doc.published)
    country = lexicon.countries.get(place.iso) if place and place.iso else None
    inter1 = ACTOR_TYPES.get(actor1.type, "") if actor1 else ""
    inter2 = ACTOR_TYPES.get(actor2.type, "") if actor2 else ""
    fatality_span = c.deaths[0][1].span if c.deaths else None
    evidence = Evidence(
        sentence=Span(sentence.start, sentence.end, sentence.text),
        trigger=c.trigger.span,
        actor1=c.actor1[1].span if c.actor1 else None,
        actor2=c.actor2[1].span if c.actor2 else None,
        location=c.place_mention.span if c.place_mention else None,
        date=c.date.span if c.date else None,
        fatalities=fatality_span,
        source=c.source[1].span if c.source else None,
    )
    year = int(event_date[:4]) if event_date else None
    key = f"{doc.id}|{c.sub_event_type}|{place.name if place else ''}|{event_date}|{c.trigger.start}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    iso3 = country.iso3 if country else "XXX"
    return Event(
        event_id_cnty=f"{iso3}{digest}",
        event_date=event_date,
        year=year,
        time_precision=precision,
        disorder_type=lexicon.disorder_types.get(c.event_type, ""),
        event_type=c.event_type,
        sub_event_type=c.sub_event_type,
        actor1=actor1.name if actor1 else None,
        inter1=inter1,
        actor2=actor2.name if actor2 else None,
        inter2=inter2,
        interaction=f"{inter1}-{inter2}" if inter2 else (f"{inter1} only" if inter1 else ""),
        civilian_targeting="Civilian targeting" if actor2 and actor2.type == "civilians" else "",
        iso=place.iso if place else None,
        region=country.region if country else None,
        country=country.name if country else (place.country if place else None),
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        location=place.name if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=place.geo_precision if place else None,
        source=doc.outlet or "",
        notes=_notes(c, analysis),
        fatalities=fatalities.best if fatalities else None,
        doc_id=doc.id,
        fatalities_low=fatalities.low if fatalities else None,
        fatalities_high=fatalities.high if fatalities else None,
        fatalities_by_side={actor.name: n for actor, n in by_side.items()},
        source_original=c.source[0] if c.source else None,
        certainty=c.certainty,
        salience=c.salience,
        geonameid=place.geonameid if place else None,
        geo_note=(place.note or "") if place else "no place named in the text and no country known",
        evidence=evidence,
        extractor_version=version,
    )


def _share(total: Quantity | None, index: int, count: int) -> Quantity | None:
    """The part of a toll told for ``count`` places that falls to place ``index``: an even
    split, the remainder to the first places."""
    if total is None or count == 1:
        return total

    def part(n: int) -> int:
        return n // count + (index < n % count)

    return Quantity(part(total.best), part(total.low), None if total.high is None else part(total.high))


def _event_date(day_range, published: str | None) -> tuple[str | None, int]:
    if day_range is not None and day_range.start is not None:
        return day_range.start.isoformat(), day_range.precision
    if published and len(published) == 10:
        return published, 2
    if published:
        return None, 3
    return None, 3


def _notes(c: _Candidate, analysis: Analysis) -> str:
    texts = [analysis.sentences[i].text for i in sorted(set(c.sentences))]
    return " ".join(texts)[:1000]


_POLICING = frozenset(("Arrests", "Protest with intervention", "Excessive force against protesters"))


def _arrested(c: _Candidate, actor2: Actor | None, analysis: Analysis, lexicon: Lexicon, iso: str) -> Actor | None:
    """Who was arrested: an actor in the arrest's own clause, else the people it names
    ("nahmen Hunderte junge Männer fest, denen sie Verbindungen zu der Miliz vorwerfen":
    civilians, not the militia of the relative clause)."""
    start, end = _clause_of(analysis.tokens, c.trigger)
    if actor2 is not None and c.actor2 and start <= c.actor2[1].start < end and actor2.type != "state":
        return actor2
    heads = word_list("person_heads")
    words = [t.text.lower() for t in analysis.sentence_tokens(c.trigger.sentence) if start <= t.start and t.end <= end]
    if any(w.startswith(heads) or w.endswith(heads) for w in words if w not in word_set("policing_forces")):
        return lexicon.actors.get(f"civilians:{iso}")
    return None


_UNCLAIMED_BY_ARMED_MEN = frozenset(("Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Attack",
                                     "Abduction/forced disappearance", "Sexual violence"))  # fmt: skip


def _by_side(c: _Candidate, analysis: Analysis, context: _DocumentContext) -> dict[Actor, int]:
    """Deaths per side where a figure names whom it counts ("44 HTS-Mitglieder und 37
    Mitglieder der Regimekräfte")."""
    sides: dict[Actor, int] = {}
    known = [a for a in (c.actor1, c.actor2) if a is not None]
    for quantity, mention in c.deaths:
        named = analysis.of_kind("actor", mention.sentence) + analysis.of_kind("description", mention.sentence)
        # up to the next figure: "44 HTS-Mitglieder und 37 Mitglieder der Regimekräfte"
        limit = min((q.start for _, q in c.deaths if q.sentence == mention.sentence and q.start > mention.end),
                    default=mention.end + 41)  # fmt: skip
        following = sorted((m for m in named if mention.end <= m.start < min(limit, mention.end + 41)),
                           key=lambda m: m.start)  # fmt: skip
        for m in following[:1]:
            actor = context.actor_for(m, [a for a, _ in known])
            if actor is not None and actor.type != "civilians":
                sides[actor] = sides.get(actor, 0) + quantity.best
    return sides

