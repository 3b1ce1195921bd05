"""Candidates: a sentence's triggers propose events, or add to the event told before.

Reads: an ``Analysis``, the sentence's triggers and cues, the ``DocumentContext`` and the
candidates so far. Writes: ``Candidate`` records with their actors, places, date, casualty
figures, source, certainty and salience, or ``part_of_last`` when the sentence goes on about
the event before it ("Dabei ...", "bei dem Anschlag", "Die Kämpfe ..."), and the protest
follow-ups (state forces intervening, protesters killed) folded into the protest before.
"""

from __future__ import annotations

import datetime as dt

from ..language.dates import DateRange, days_after
from ..language.lexicon import Actor
from ..language.mentions import Analysis
from ..language.quantities import adjective_form
from ..language.tolls import NEGATIONS, deaths_in, killed_or_injured
from ..language.wordlists import word_list, word_set
from ..records import FigureDetail, Mention
from .candidate import Candidate, Decision, is_country, replace, same_actor
from .classify import classify
from .clauses import (
    ARTICLES,
    INDEFINITE,
    PREPOSITIONS,
    across_a_dash,
    attribute,
    clause_of,
    clause_words,
    goes_on,
    is_cited,
    new_paragraph,
    told_as_cause,
    told_as_earlier,
    told_before_in_clause,
)
from .grounding import DocumentContext, anaphoric_town, in_another_town
from .modality import denied_word
from .roles import (
    assign_roles,
    cited_source,
    country_as_agent,
    named_later,
    national_adjective,
    one_reading_per_span,
    passive_without_agent,
    pronoun_subject,
    reported_speaker,
    recent_actors,
    state_forces_named,
    unnamed_opponent,
)
from .timing import dates_overlap, long_before, reference_day
from .windows import BEARING_REACH_CHARS, FIGHTING_SENTENCES, FOLLOW_UP_SENTENCES, NEXT_SENTENCE

__all__ = ["intervenes", "killed_at_protest", "own_verb", "propose", "propose_candidate"]


def intervenes(
    analysis: Analysis, index: int, triggers: list[Mention], last: Candidate, context: DocumentContext
) -> Candidate | None:
    """ "Tausende gingen auf die Straße. Polizei und Soldaten räumten die Barrikaden mit
    Tränengas": the state forces of the next sentence break up the protest told: the protest
    ``last`` as a protest with intervention; None unless the sentence tells that (and no
    violence of its own)."""
    if index - last.sentences[-1] > NEXT_SENTENCE or new_paragraph(analysis, index):
        return None
    words = analysis.sentence_words(index)
    # "Festnahmen gab es keine", "verlief ohne Festnahmen": an intervention denied is none
    if not any(w.startswith(word_list("intervention")) and not denied_word(words, k) for k, w in enumerate(words)):
        return None
    # Protesters arrested ("wurden Hunderte Demonstrierende festgenommen") are the intervention too.
    protesters = any(w.startswith(("demonstr", "protest")) for w in words)
    if any(t.value.event_type not in ("Strategic developments", "Protests")
           or (t.value.sub_event_type == "Arrests" and not protesters) for t in triggers):  # fmt: skip
        return None
    state = state_forces_named(analysis, index, context)
    peaceful = last.sub_event_type == "Peaceful protest"
    return replace(last, sentences=(*last.sentences, index), actor2=last.actor2 or state,
                   sub_event_type="Protest with intervention" if peaceful else last.sub_event_type)


def killed_at_protest(
    analysis: Analysis, index: int, triggers: list[Mention], last: Candidate, context: DocumentContext
) -> Candidate | None:
    """ "Zwei junge Männer wurden in der Innenstadt von Polizisten erschossen", right after a
    protest: the force used against it: the protest ``last`` with the dead and the state
    forces; None unless the sentence tells that."""
    if index - last.sentences[-1] > NEXT_SENTENCE or new_paragraph(analysis, index) or not triggers:
        return None
    if any(t.value.event_type != "Violence against civilians" or t.value.sub_event_type != "Attack" for t in triggers):
        return None
    state = state_forces_named(analysis, index, context)
    deaths = deaths_in(analysis, index)
    if state is None or not deaths:
        return None
    # "Im Südosten wurden derweil drei Angehörige der Revolutionsgarden getötet": the state's own
    # dead, told as another story ("derweil", "unterdessen"), are no force used against the crowd
    if any(getattr(m.detail, "side", None) == "state" for _, m in deaths) or (
            {"derweil", "unterdessen", "indes"} & set(analysis.sentence_words(index)[:8])):  # fmt: skip
        return None
    return replace(last, sentences=(*last.sentences, index), deaths=(*last.deaths, *deaths), actor2=last.actor2 or state)


REFERS_BACK = "a definite article refers back"
FOLLOWED = "the fighting that followed it"
NAMED_BY_A_SPEAKER = "a speaker's word for it"
ATTACKERS_AGAIN = "the attackers told before go on"
TARGET_AGAIN = "what was hit, told before, named again"
SOME_INTERCEPTED = "some of the weapons told before intercepted"


_KNOWN_EVENT_PREPOSITIONS = frozenset("trotz wegen angesichts infolge nach seit".split())


_VIOLENT_TYPES = frozenset(("Battles", "Explosions/Remote violence", "Violence against civilians"))
_DEFINITE = frozenset("der die das dem den des beim diesem dieser diesen dieses jenem selben gleichen".split())


def own_verb(spare: Mention, back: Mention, candidate: Candidate, analysis: Analysis) -> bool:
    """Whether a weaker verb tells the sentence's own event when its strongest trigger only
    refers back from another clause ("nahmen neun Verdächtige fest, die an der Vorbereitung
    der Anschläge beteiligt waren"); not a noun ("zwei Tage nach einem Gefangenenaustausch")."""
    if candidate.part_of_last != REFERS_BACK or not spare.text[:1].islower():
        return False
    start, end = clause_of(analysis.tokens, spare)
    return not start <= back.start < end


def propose(triggers: list[Mention], trail: list[Decision], index: int, tokens) -> tuple[list[Mention], Mention | None]:
    """The strongest trigger of each event type in a sentence, strongest first; of equals,
    one that tells another event ("folgt auf einen ähnlichen Angriff am Sonntag"). Second:
    the strongest specific trigger left out, in case the first only refers back."""
    best: dict[str, Mention] = {}
    for trigger in sorted(triggers, key=lambda m: (-m.value.priority, not _another(m, tokens), _time_reference(m, tokens))):
        best.setdefault(trigger.value.event_type, trigger)
    chosen = sorted(best.values(), key=lambda m: -m.value.priority)
    # One sentence tells one event, save a battle next to a strike ("Kämpfe und Luftangriffe").
    keep = chosen[:1]
    spare = None
    for extra in chosen[1:]:
        # (and "schossen auf Demonstranten, drei Menschen wurden getötet": the protest, and the killing at it)
        crowd = extra.value.event_type == "Protests" and (keep[0].value.sub_event_type == "Arrests"
                                                          or keep[0].value.event_type == "Riots" or keep[0].value.generic)  # fmt: skip
        if (extra.value.event_type in ("Battles", "Explosions/Remote violence") and extra.value.priority >= 60) or crowd:
            # "Bei einer Kundgebung nahm die Polizei 15 Menschen fest": the protest, with what happened to it
            keep.append(extra)
        else:
            trail.append(Decision(index, "dropped", f"{extra.text!r}: weaker than {keep[0].text!r} in the same sentence", "candidates"))
            if spare is None and not extra.value.generic:
                spare = extra
    return keep, spare


def propose_candidate(analysis, trigger, index, cues, context, last, earlier) -> Candidate | None:
    """The candidate event ``trigger`` proposes; ``part_of_last`` set where it only goes on
    about ``last``; None where the sentence tells no event of its own."""
    candidate = _from_sentence(analysis, trigger, index, cues, context, last)
    if candidate.date is None:
        dated = max((c for c in (*earlier, last) if c is not None and c.date is not None),
                    key=lambda c: c.date.sentence, default=None)  # the day told last in the text
        candidate = replace(candidate, date=_days_after_the_last(analysis, index, dated) or _narrative_past(analysis, index))
    if _bodies_found(trigger) and _beside_the_bodies(analysis, index):
        return None  # "Neben den Leichen fanden Ermittler ein Schild": the bodies are where, not what was found
    if last is not None and _bodies_found(trigger) and index - last.sentences[-1] <= FOLLOW_UP_SENTENCES and (
            last.event_type in _VIOLENT_TYPES and not in_another_town(candidate, last, context)):  # fmt: skip
        # "Rettungskräfte fanden zwei weitere Leichen unter den Trümmern": the dead of the attack told
        return replace(candidate, part_of_last="bodies found after the event before")
    if candidate.another:
        pass  # told as a further event: none of the rules below makes it part of the last
    elif goes_on(analysis, index) and (last is None or last.sentences[-1] < index - 1):
        return None  # "Dabei wurden 300 getötet" after a sentence that told no event: a toll of that
    elif last is not None and _the_fighting_again(trigger, candidate, analysis, last):
        return replace(candidate, part_of_last="the fighting told before")  # "Die Kämpfe waren so heftig, dass ..."
    if not candidate.another and last is not None and _named_by_a_speaker(trigger, analysis.tokens) and not (
            candidate.places or candidate.deaths):  # fmt: skip
        return replace(candidate, part_of_last=NAMED_BY_A_SPEAKER)  # 'sprach von einem „Massaker an Zivilisten“'
    if not candidate.another and last is not None and _the_attackers_again(candidate, analysis, last):
        return replace(candidate, part_of_last=ATTACKERS_AGAIN)  # "Die Angreifer seien am Samstag ..."
    if last is not None and _some_of_them_intercepted(candidate, analysis, last):
        return replace(candidate, part_of_last=SOME_INTERCEPTED)  # "Zwei davon fing die Luftabwehr ab"
    if not candidate.another and last is not None and _the_target_again(candidate, analysis, last, context):
        return replace(candidate, part_of_last=TARGET_AGAIN)  # "Das Gebäude sei von zwei Raketen getroffen worden"
    if not candidate.another and last is not None and _the_course_of_the_last(analysis, index, trigger, candidate, last):
        return replace(candidate, part_of_last=COURSE_OF_THE_LAST)  # "Der Angriff auf die Basis begann mit Drohnen ..."
    if not candidate.another and last is not None and _followed(trigger, analysis.tokens):
        return replace(candidate, part_of_last=FOLLOWED)  # "Bei den anschließenden Kämpfen starben 20 Angreifer"
    # "Der Krieg war durch den Terrorangriff am 7. Oktober 2023 ausgelöst worden": another day, another event
    other_day = candidate.date is not None and last is not None and last.date is not None and not dates_overlap(
        candidate.date.value, last.date.value)  # fmt: skip
    # "durch den Terrorangriff am 7. Oktober 2023": a definite attack of long ago is not the one told now
    reference = reference_day(analysis)
    other_day = other_day or (candidate.date is not None and long_before(candidate.date.value.end, reference))
    if not candidate.another and not other_day and _refers_back(trigger, analysis.tokens, last and last.event_type):
        if last is not None:
            return replace(candidate, part_of_last=REFERS_BACK)  # "bei dem Anschlag"
        # "Nach dem Raketenangriff auf X ist die Zahl der Toten auf 40 gestiegen": before any event, an
        # attack told as known, with its place and dead, is the one the report is about
        if not trigger.value.generic and not (candidate.places and candidate.deaths):
            return None
    # A generic word needs a side and a place or toll; a place and a toll alone make a
    # killing by unnamed attackers ("Bei einem Anschlag in Mogadischu starben sieben Menschen"),
    # a place and a crowd a violent demonstration ("In Dhaka stürmten Demonstranten ...").
    if trigger.value.generic and candidate.another and (candidate.date is not None or candidate.deaths) and last is not None and (
            last.event_type in _VIOLENT_TYPES):  # an attack word after an agreement is no agreement  # fmt: skip
        decided, kind = _another_of_the_kind(candidate, analysis, trigger, last)
        if decided:
            return kind
    # (the sentence's crowd and its repelling looked for only where they decide)
    weak = not (candidate.places or candidate.deaths) or (
        not candidate.actors and not (candidate.places and (candidate.deaths or _crowd(analysis, index)
                                                            or _repelled(analysis, index) or killed_or_injured(analysis, index))))  # fmt: skip
    if trigger.value.generic and weak:
        if candidate.deaths and candidate.date is None and last is not None and index - last.sentences[-1] <= FOLLOW_UP_SENTENCES:
            return replace(candidate, part_of_last="casualties of the event before")  # "Ein Wachmann wurde getötet."
        return None
    if trigger.value.sub_event_type == "Non-violent transfer of territory" and _arms_handed_over(analysis, trigger):
        return None  # "übergaben rund 40 Kämpfer ihre Gewehre": weapons handed over, no territory
    if trigger.value.sub_event_type == "Non-violent transfer of territory" and not (
            any(not is_country(context.place(m)) for m in candidate.places)
            or set(clause_words(analysis, trigger)) & word_set("territory_words")):  # fmt: skip
        return None  # "hatten beide Seiten je 150 Kriegsgefangene übergeben": no territory changed hands
    if trigger.value.sub_event_type in ("Other", "Change to group/activity") and candidate.date is None:
        return None  # "seit dem Putsch", "X ist ein Zusammenschluss von ...": an event only where the text dates it
    # "meldet eine Einigung": the noun tells an agreement reached, unless it is sought ("hoffen auf eine Einigung")
    reached = trigger.text.lower().startswith("einigung") and not _sought(analysis, trigger)
    if trigger.value.sub_event_type == "Agreement" and trigger.text[:1].isupper() and not reached and (
            not _agreement_concluded(analysis, index)):  # fmt: skip
        return None  # "Gespräche über eine Waffenruhe", "lehnte eine Feuerpause ab": nothing agreed
    bare = not (candidate.actors or candidate.places or candidate.date or candidate.deaths)
    same_day = _same_day(candidate, trigger, analysis, last)
    if (bare or _detail_of_last(candidate, trigger, index, last, same_day)) and not candidate.another and (
            last is not None and last.event_type == trigger.value.event_type):  # fmt: skip
        return replace(candidate, part_of_last="no side, place, day or toll of its own")  # "Das nun erneut beschossen wurde."
    if bare and last is None and not candidate.headline and index > 1:
        return None  # "Die Kämpfe halten die Menschen in ihren Häusern": nothing said of a particular happening
    actor1, actor2 = assign_roles(candidate, analysis, trigger, last)
    candidate = replace(candidate, actor1=actor1, actor2=_fired_upon(actor2, context))
    if last is not None and _casualties_of_the_fighting(candidate, trigger, index, last, context):
        return replace(candidate, part_of_last="casualties of the fighting")
    if trigger.value.sub_event_type == "Looting/property destruction" and last is not None and (
            last.event_type in _VIOLENT_TYPES and index - last.sentences[-1] <= FOLLOW_UP_SENTENCES
            and not candidate.places and not new_paragraph(analysis, index) and same_day):  # fmt: skip
        return replace(candidate, part_of_last="destruction in the attack")  # "Zahlreiche Häuser wurden niedergebrannt."
    fighting = [c for c in _told_within(earlier, index, FIGHTING_SENTENCES)
                if c.event_type in ("Battles", "Explosions/Remote violence")]  # fmt: skip
    if fighting and _taken_in_fighting(candidate, trigger, analysis, context, fighting):
        return replace(candidate, part_of_last="prisoners or arms taken in the fighting")
    candidate = classify(candidate, analysis, index, context)
    if candidate.event_type == "Battles" and candidate.actor1 is not None and candidate.actor2 is None:
        candidate = replace(candidate, actor2=unnamed_opponent(candidate, analysis, context, last))
    return candidate


def _arms_handed_over(analysis: Analysis, trigger: Mention) -> bool:
    """Whether what the clause hands over is weapons ("ihre Waffen", "Gewehre und Munition")."""
    arms = word_list("small_arms") + ("waffe", "munition")
    return any(w.startswith(arms) for w in clause_words(analysis, trigger))


def _bodies_found(trigger: Mention) -> bool:
    """Whether the trigger is a finding of bodies ("fanden acht Leichen")."""
    return trigger.detail.phrase and "leiche" in trigger.text.lower()


def _beside_the_bodies(analysis: Analysis, index: int) -> bool:
    """Whether the sentence names the bodies after a preposition ("neben den Leichen")."""
    words = analysis.sentence_words(index)
    return any(w.startswith("leiche") and k >= 2 and words[k - 2] in PREPOSITIONS | {"neben"} for k, w in enumerate(words))


def _casualties_of_the_fighting(candidate: Candidate, trigger: Mention, index: int, last: Candidate,
                                context: DocumentContext) -> bool:  # fmt: skip
    """ "griffen einen Militärkonvoi an. Dabei wurden mehrere Soldaten getötet": dead with no
    attacker of their own, right after fighting, that a side of it or its civilians lost; but a
    sentence placed in a town of its own tells another event ("Am Vortag waren bei einem Angriff
    auf Charkiw ...")."""
    if candidate.another or candidate.actor1 is not None or index - last.sentences[-1] > FIGHTING_SENTENCES:
        return False
    if in_another_town(candidate, last, context):
        return False
    victims = candidate.actor2[0].type if candidate.actor2 else None
    bare_killing = trigger.text[:1].islower() and trigger.value.sub_event_type == "Attack"
    sides = {x[0].id for x in (last.actor1, last.actor2) if x is not None}
    of_a_side = last.event_type in ("Battles", "Explosions/Remote violence") and candidate.actor2 is not None and (
        candidate.actor2[0].id in sides)  # fmt: skip
    # "Zahlreiche Soldaten seien getötet worden" after a bombing, with no place or day of its own: its dead.
    unplaced = not candidate.places and candidate.date is None and last.event_type != "Protests"
    return (trigger.value.event_type == "Battles" or bare_killing) and (
        victims in (None, "civilians") or of_a_side or (bare_killing and unplaced))  # fmt: skip


def _crowd(analysis: Analysis, index: int) -> bool:
    """Whether the sentence tells of a protest."""
    return any(t.value.event_type == "Protests" for t in analysis.of_kind("trigger", index))


def _repelled(analysis: Analysis, index: int) -> bool:
    """ "man habe Angriffe bei Robotyne abgewehrt": an attack repelled at a named place was fought."""
    repelling = word_list("repelled")
    return any(t.low.startswith(repelling) for t in analysis.sentence_tokens(index))


def _same_day(candidate: Candidate, trigger: Mention, analysis: Analysis, last: Candidate | None) -> bool:
    """Whether the sentence may tell the day of the event just told: no other day, and no
    event noun under an indefinite article ("bei einem Luftangriff" introduces one of its own;
    "ein Sprengsatz", "eine Rakete" may be the means of the event told)."""
    if last is None or not (candidate.date is None or last.date is None or dates_overlap(candidate.date.value, last.date.value)):
        return False
    index = trigger.detail.index
    introduced = bool(index) and analysis.tokens[index - 1].low in INDEFINITE and (
        trigger.text.lower().endswith(word_list("event_nouns")))  # fmt: skip
    return not introduced


def _detail_of_last(candidate: Candidate, trigger: Mention, index: int, last: Candidate | None, same_day: bool) -> bool:
    """ "Ein Sprengsatz sei am Montagabend unter dem Fahrzeug gezündet worden", "Zwei Männer
    wurden getötet, als Granaten einschlugen": the day or the dead of the event just told, of its
    kind, right after it, with no side or place of its own (the harmed civilians are its victims).
    A title sums up: the body's first telling is the event itself, merged with the title later."""
    if last is None or not same_day or last.headline or index - last.sentences[-1] > FOLLOW_UP_SENTENCES:
        return False
    sides = [a for a, _ in candidate.actors if a.type != "civilians"]
    return not (sides or candidate.places) and last.sub_event_type == trigger.value.sub_event_type and (
        candidate.date is not None or bool(candidate.deaths))  # fmt: skip


def _fired_upon(actor2: tuple[Actor, Mention] | None, context: DocumentContext) -> tuple[Actor, Mention] | None:
    """ "eröffneten das Feuer auf eine wartende Menschenmenge": a crowd fired upon is civilians."""
    if actor2 is None or actor2[0].type != "rioters" or actor2[1].text.lower() not in word_set("neutral_crowds"):
        return actor2
    iso = actor2[0].country or (context.focus[0] if context.focus else None)
    civilians = context.lexicon.actors.get(f"civilians:{iso}") if iso else None
    return (civilians, actor2[1]) if civilians is not None else actor2


_SEEKING_PREPOSITIONS = frozenset(("um", "auf", "über", "für", "gegen", "ohne"))


def _sought(analysis: Analysis, trigger: Mention) -> bool:
    """ "bemühen sich um eine Einigung", "hoffen auf eine baldige Einigung", "eine Einigung zu
    blockieren", "keine Einigung", "nicht in Sicht": an agreement sought, hoped for or missing."""
    index = trigger.detail.index
    if index is None:
        return False
    tokens = analysis.tokens
    before = [t.low for t in tokens[max(0, index - 3) : index] if t.sentence == trigger.sentence]
    if set(before) & (_SEEKING_PREPOSITIONS | NEGATIONS):
        return True
    words = clause_words(analysis, trigger)
    return "zu" in words or "nicht" in words


def _agreement_concluded(analysis: Analysis, index: int) -> bool:
    """Whether a verb of the sentence concludes an agreement ("unterzeichneten", "trat in
    Kraft"); a participle used as an adjective ("die vereinbarte Feuerpause") names an
    agreement made before."""
    tokens = analysis.sentence_tokens(index)
    for k, t in enumerate(tokens):
        if not (t.text[:1].islower() and t.text.startswith(word_list("agreement_verbs"))):
            continue
        attribute = 0 < k < len(tokens) - 1 and tokens[k - 1].low in ARTICLES and tokens[k + 1].text[:1].isupper()
        if not attribute:
            return True
    return False


_SELF_REFERENCE = frozenset("ihre ihr ihren ihrer ihrem seine sein seinen seiner seinem wir unsere unser unseren eigene eigenen".split())
# "sie habe die Stadt erobert": the source as the subject of its own reported act
_REPORTED_AUXILIARIES = frozenset("habe hätte hätten sei seien".split())


def _self_report(analysis: Analysis, trigger: Mention) -> bool:
    """Whether the source reports its own act: the trigger's clause refers back to it ("ihre
    Kämpfer", "sie habe"), or the act is the noun it reports ("Die Armee meldet die Rückeroberung
    von Buulo Mareer") with no other side's adjective on it ("meldete russische Angriffe")."""
    start, end = clause_of(analysis.tokens, trigger)
    words = [t for t in analysis.sentence_tokens(trigger.sentence) if start <= t.start < end]
    if any(t.text.lower() in _SELF_REFERENCE for t in words):
        return True
    lowered = [t.text.lower() for t in words]
    if any(a in ("sie", "er") and b in _REPORTED_AUXILIARIES for a, b in zip(lowered, lowered[1:])):
        return True
    # "Die Armee meldete die Rückeroberung ...": the act it reports; but "berichteten von
    # Artillerieangriffen", "sprach über Luftangriffe" tell what a report is about
    saying = [k for k, t in enumerate(words) if t.text.lower() in word_set("saying") and t.end <= trigger.start]
    reported = trigger.text[:1].isupper() and bool(saying) and not any(
        k + 1 < len(words) and words[k + 1].text.lower() in ("von", "über") for k in saying)  # fmt: skip
    return reported and not _foreign_adjective_before(analysis, trigger)


def _foreign_adjective_before(analysis: Analysis, trigger: Mention) -> bool:
    index = trigger.detail.index
    previous = analysis.tokens[index - 1] if index > 0 else None
    return previous is not None and previous.sentence == trigger.sentence and previous.text[:1].islower() and (
        previous.text.lower().endswith(("e", "en", "er", "es"))
        and previous.text.lower() not in _SELF_REFERENCE | ARTICLES)  # fmt: skip


def _told_within(earlier: list[Candidate], index: int, reach: int) -> list[Candidate]:
    """The candidates last told within ``reach`` sentences before ``index``, read from the end:
    a long report's earlier candidates are never scanned again."""
    found = []
    for c in reversed(earlier):
        if index - c.sentence > reach + FIGHTING_SENTENCES:
            break  # told too long ago to reach here, and those before it even earlier
        if index - c.sentences[-1] <= reach:
            found.append(c)
    found.reverse()
    return found


def _from_sentence(analysis, trigger, index, cues, context, last) -> Candidate:
    """A candidate with everything its sentence names: actors, places, date, deaths, certainty,
    salience, source, and whether it is another event than the one told before."""
    recent = recent_actors(analysis, context, trigger.start)
    actors: list[tuple[Actor, Mention]] = []
    cited: list[tuple[Actor, Mention]] = []
    mentioned = one_reading_per_span(analysis, index, context)
    title = _tells_the_title(analysis, index)
    for m in mentioned:
        if attribute(m, analysis.tokens) or (title and across_a_dash(analysis.text, m, trigger)):
            continue  # "Drohnenangriff in Amhara – Fano-Fraktion schließt Frieden": a dash parts two stories
        # A description refers back to a group named before it, not to one its own clause names
        # later ("Die Koalition, die gegen die Huthis kämpft, flog ...": not the Huthis).
        actor = context.actor_for(m, recent_actors(analysis, context, m.start) if m.kind == "description" else recent)
        if actor is not None and m.kind == "description" and actor.id.startswith("unidentified:"):
            # No group named before: "Ihre Kämpfer hätten X erobert, teilte ein Sprecher der AA mit".
            actor = named_later(m, mentioned, context) or actor
        if actor is not None:
            (cited if is_cited(m, analysis.tokens) else actors).append((actor, m))
    if not actors and cited and _self_report(analysis, trigger):
        # "Laut der Armee hätten ihre Soldaten die Stadt eingenommen", "Die Armee meldete die Rückeroberung
        # der Stadt": a source is the agent only where it reports its own act; "Nach Angaben der Huthis
        # bombardierten Kampfjets" names no agent.
        actors = [am for am in cited if am[0].type not in ("civilians", "protesters")]  # activists tell, they do not shell
    speaker = reported_speaker(analysis, trigger, cited)
    if speaker is not None:  # "Die Miliz erklärte, sie habe ... eingenommen": the speaker acted, where "sie" stands
        actors = [am for am in actors if am[0].id != speaker[0].id] + [speaker]
    pronoun = pronoun_subject(analysis, trigger, last) if speaker is None else None
    if pronoun is not None and all(a.id != pronoun[0].id for a, _ in actors):
        actors.append(pronoun)  # "Danach habe sie in Kassala einen Markt angegriffen"
    adjective = national_adjective(trigger, analysis, context)
    if adjective is not None and all(a.type == "civilians" for a, _ in actors):
        actors.insert(0, adjective)
    country = country_as_agent(trigger, analysis, context) if adjective is None else None
    if country is not None and not any(country[1].start < m.start < trigger.start or m.start < country[1].start
                                       for a, m in actors if a.type != "civilians"):  # fmt: skip
        actors.insert(0, country)  # "Die USA flogen Luftangriffe auf Stellungen der Huthis"
    mentions = analysis.of_kind("place", index)
    anchors = {b.start for a in mentions if a.detail.bearing for b in mentions
               if b.start > a.end and b.start - a.end <= BEARING_REACH_CHARS and not b.detail.unknown}  # fmt: skip
    # Where an institution sits ("das Verteidigungsministerium in Moskau") is no place of the event.
    places = [m for m in mentions if not m.detail.dateline and not m.detail.seat
              and m.start not in anchors and context.place(m) is not None
              and not (title and across_a_dash(analysis.text, m, trigger))]  # fmt: skip
    # "Nach Angriffen auf den Tschad griffen Rebellen Ziele in Niger an": the other attacks' place is not this one's
    earlier = _time_reference_spans(analysis, index, trigger)
    places = [m for m in places if not any(a <= m.start < b for a, b in earlier)] or places
    places = [m for m in places if not _in_an_attribute(analysis, m, trigger)] or places
    # "zogen sich nach Gefechten in Richtung Dikwa zurück": where a move heads, not where it was fought
    places = [m for m in places if analysis.tokens[m.detail.first - 1].low != "richtung" or m.detail.first == 0]
    if all(is_country(context.place(m)) for m in places):
        # "Die Rebellen in Syrien sagen, sie hätten die Hauptstadt eingenommen": a country alone
        # says less than the town the text names by its noun
        places = anaphoric_town(analysis, index, context, territory=trigger.value.territory) or places
    dates = analysis.of_kind("date", index)
    # ("Die Kundgebung stand im Zeichen ...": a definite noun names what the sentence before told)
    referring = trigger.text[:1].isupper() and trigger.detail.index > 0 and analysis.tokens[trigger.detail.index - 1].low in (
        "die", "der", "das") and trigger.text.lower().endswith(word_list("event_nouns") + word_list("crowd_nouns"))  # fmt: skip
    setting = _the_setting_before(analysis, index, context, referring=referring) if not places or not dates else None
    if setting is not None:
        # "Der Vorfall ereignete sich am Montag nahe dem Dorf X. Ein Fahrzeug wurde von einer Drohne getroffen"
        places = places or setting[0]
        dates = dates or setting[1]
    certainty = "unconfirmed" if "unconfirmed" in cues else "claimed" if "hedge" in cues else "reported"
    return Candidate(
        trigger=trigger,
        sentence=index,
        sentences=(index,),
        actors=tuple(actors),
        places=tuple(places),
        date=_own_date(analysis, trigger, dates),
        # "Dutzende Tote in Suwaida – Israel bombardiert Damaskus": a title's dash parts two stories and their dead
        deaths=tuple(d for d in deaths_in(analysis, index) if not (title and across_a_dash(analysis.text, d[1], trigger))),
        certainty=certainty,
        salience="context" if "history" in cues or told_as_cause(analysis, trigger) else "core",
        source=cited_source(analysis, index, context.lexicon),
        another=_another(trigger, analysis.tokens) or told_as_earlier(analysis, index) or told_before_in_clause(analysis, trigger),
        headline=title,
    )


def _in_an_attribute(analysis: Analysis, place: Mention, trigger: Mention) -> bool:
    """ "Trotz eines in Doha unterzeichneten Abkommens kam es zu Gefechten": a place inside a
    participle put before another noun says where that was done, not where the trigger's act was."""
    tokens, first, last = analysis.tokens, place.detail.first, place.detail.last
    if last + 2 >= len(tokens) or tokens[last + 2].sentence != place.sentence or first < 2:
        return False
    # the article opens the noun phrase before the preposition: "eines | in Doha | unterzeichneten | Abkommens"
    article, participle, noun = tokens[first - 2], tokens[last + 1], tokens[last + 2]
    return (article.low in ARTICLES and tokens[first - 1].low in ("in", "bei") and participle.text[:1].islower()
            and adjective_form(participle.text) and noun.text[:1].isupper() and noun.start != trigger.start)  # fmt: skip


def _own_date(analysis: Analysis, trigger: Mention, dates) -> Mention | None:
    """The first date of the trigger's own clause, else the sentence's first ("Am Grenzübergang,
    der seit den Kämpfen im Oktober geschlossen ist, demonstrierten am Montag ...": Monday)."""
    if len(dates) < 2:
        return dates[0] if dates else None
    start, end = clause_of(analysis.tokens, trigger)
    return next((d for d in dates if start <= d.start < end), dates[0])


def _the_setting_before(
    analysis: Analysis, index: int, context: DocumentContext, *, referring: bool = False
) -> tuple[list[Mention], tuple[Mention, ...]] | None:
    """ "Der Vorfall ereignete sich am Montag nahe dem Dorf X.": a sentence of the same paragraph
    just before, that tells where and when "it" happened and tells no act of its own, sets the
    scene of the event told next; its places and days, or None."""
    before = index - 1
    if before < 0 or new_paragraph(analysis, index) or analysis.of_kind("trigger", before):
        return None
    if not referring and not set(analysis.sentence_words(before)) & word_set("happening_verbs"):
        return None
    places = [m for m in analysis.of_kind("place", before) if not m.detail.seat and not m.detail.dateline
              and context.place(m) is not None]  # fmt: skip
    return places, analysis.of_kind("date", before)


# Words that bring a story back to its present: "Nun rücken die Rebellen auf El Obeid vor"
_NOW = frozenset("nun jetzt derzeit aktuell inzwischen mittlerweile heute zuletzt erneut wieder".split())
NARRATIVE_SENTENCES = 3


def _narrative_past(analysis: Analysis, index: int) -> Mention | None:
    """ "Wie tief das Misstrauen sitzt, zeigte sich im Oktober 2025. Damals erschütterten
    Explosionen Kabul. Wenige Tage später griffen Truppen Grenzposten an": a paragraph that
    stepped back to a time long before stays there, sentence by sentence, until a day or a word
    of the present ("nun", "inzwischen") brings it back; the date it stepped back to, or None."""
    reference = reference_day(analysis)
    if reference is None or _NOW & set(analysis.sentence_words(index)):
        return None
    for k in range(index - 1, max(-1, index - 1 - NARRATIVE_SENTENCES), -1):
        if new_paragraph(analysis, k + 1) or _NOW & set(analysis.sentence_words(k)):
            return None
        dates = [d for d in analysis.of_kind("date", k) if d.value.end is not None]
        if dates:
            return dates[-1] if all(long_before(d.value.end, reference) for d in dates) else None
    return None


_VIOLENT_TYPES = frozenset(("Battles", "Explosions/Remote violence", "Violence against civilians"))


def _days_after_the_last(analysis: Analysis, index: int, last: Candidate | None) -> Mention | None:
    """ "Zwei Tage später starben vier Soldaten", "am selben Tag": the day counted from the event
    told before, where that event has a day."""
    sentence = analysis.sentences[index]
    counted = days_after(sentence.text)
    if not counted:
        return None
    start, end, days = counted[0]
    # "Im August 2025 hatten Dissidenten ... Am selben Tag explodierte ...": the day of the
    # sentences between, though they told no event, is the one counted from
    between = [d for k in range(index - 1, last.sentences[-1] if last is not None else -1, -1)
               for d in analysis.of_kind("date", k) if d.value.start is not None][:1]
    if between and days == 0:
        return replace(between[0], text=sentence.text[start:end], start=sentence.start + start,
                       end=sentence.start + end, sentence=index, detail=FigureDetail("after_event"))  # fmt: skip
    if last is None or last.date is None or last.date.value.start is None or last.date.value.precision != 1:
        return None
    day = last.date.value.start + dt.timedelta(days=days)
    return Mention("date", sentence.text[start:end], sentence.start + start, sentence.start + end, DateRange(day, day, 1),
                   index, FigureDetail("after_event"))  # fmt: skip


def _tells_the_title(analysis: Analysis, index: int) -> bool:
    """Whether the sentence is the report's title, or the title repeated in its text."""
    title = _bare(analysis.document.title)
    return bool(title) and (index == 0 or _bare(analysis.sentences[index].text) == title)


def _bare(text: str) -> str:
    """A line without markup or punctuation around it ("## Titel", "**Titel**")."""
    return text.strip().strip("#*_>-–|:. \t").strip()


def _taken_in_fighting(
    candidate: Candidate, trigger: Mention, analysis: Analysis, context: DocumentContext, fighting: list[Candidate]
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
    # the place it is told at first ("In der Hauptstadt Ouagadougou nahmen ... fest, die über den Angriff auf Djibo ...")
    own = next((p.name for p in map(context.place, candidate.places) if p is not None and not is_country(p)), None)
    if own is not None and all(c.place is None or c.place.name != own for c in fighting):
        return False
    if candidate.actor1 is None or passive_without_agent(candidate, analysis):
        return True  # "sechs Anhänger des Generals wurden festgenommen": by the other side
    sides = {x[0].id for c in fighting for x in (c.actor1, c.actor2) if x is not None}
    return any(x is not None and x[0].id in sides for x in (candidate.actor1, candidate.actor2))


def _the_fighting_again(trigger: Mention, candidate: Candidate, analysis: Analysis, last: Candidate) -> bool:
    """"Die Kämpfe ..." with no side of its own or only the sides of the event just told
    ("Bei den Kämpfen wurden 100 Schabab-Kämpfer getötet"), or a sentence opening with
    "Dabei": more about the event just told."""
    tokens = analysis.tokens
    index = trigger.detail.index
    if goes_on(analysis, trigger.sentence):
        return True
    if index is None or index == 0 or trigger.value.event_type != "Battles" or trigger.value.territory:
        return False
    if last.event_type != "Battles" or tokens[index - 1].low not in _DEFINITE:
        return False
    told = {x[0].id for x in (last.actor1, last.actor2) if x is not None}
    return all(a.id in told for a, _ in candidate.actors if a.type != "civilians")


def _another(trigger: Mention, tokens) -> bool:
    """ "Beim zweiten Selbstmordanschlag", "bei einem weiteren Angriff": an event besides the one told."""
    index = trigger.detail.index
    if index is None or _perpetrator(trigger):  # "ein zweiter Selbstmordattentäter" took part in the same attack
        return False
    near = [t for t in tokens[max(0, index - 3) : index] if t.sentence == trigger.sentence]
    if near and near[-1].text[:1].isupper():
        return False  # "hat ein weiteres Dorf unter ihre Kontrolle gebracht": another place, not another act told
    return bool({t.low for t in near[-2:]} & word_set("another"))


def _the_attackers_again(candidate: Candidate, analysis: Analysis, last: Candidate) -> bool:
    """ "Die Angreifer seien in mehrere Viertel eingedrungen und hätten wahllos geschossen", right
    after an attack: its attackers, named by a definite article, go on doing it."""
    if candidate.sentence - last.sentences[-1] > FOLLOW_UP_SENTENCES or candidate.trigger.value.territory:
        return False
    if candidate.date is not None and last.date is not None and not dates_overlap(candidate.date.value, last.date.value):
        return False
    # "Die Angreifer seien ...", "Zudem verschleppten die Angreifer ...": the subject, first or after the verb
    opening = [t.low for t in analysis.sentence_tokens(candidate.sentence)[:4]]
    nouns = {b for a, b in zip(opening, opening[1:]) if a in ("die", "der") and b in word_set("perpetrator_nouns")}
    if last.event_type in ("Violence against civilians", "Explosions/Remote violence"):
        return bool(nouns)
    # in a battle "die Dschihadisten" are one of two sides, whose acts may be new; but "die Angreifer"
    # of an ambush, on no day or at no town of their own, go on with it
    return last.event_type == "Battles" and bool(nouns & _ATTACKERS) and candidate.own_date is None and not candidate.places


_ATTACKERS = frozenset(("angreifer", "attentäter"))


def _the_target_again(candidate: Candidate, analysis: Analysis, last: Candidate, context: DocumentContext) -> bool:
    """ "Bei einem Luftangriff auf eine Schule ... Das Gebäude sei von zwei Raketen getroffen worden":
    right after a strike, a weapon that hit what a definite article names (the building, the
    school) tells that strike again, unless another side, day or town is named (a quarter of
    the town, "im Stadtteil X", is no other town)."""
    tokens = analysis.tokens
    towns = [m for m in candidate.places if not (m.detail.seat or m.detail.dateline
                                                 or {t.low for t in tokens[max(0, m.detail.first - 1) : m.detail.first + 1]} & _QUARTERS)]  # fmt: skip
    if towns and (last.place is None or any(context.place(m).name != last.place.name for m in towns)):
        return False
    if last.event_type != "Explosions/Remote violence" or candidate.trigger.value.event_type != last.event_type:
        return False
    if candidate.sentence - last.sentences[-1] > FOLLOW_UP_SENTENCES or candidate.trigger.value.generic:
        return False
    if candidate.date is not None and last.date is not None and not dates_overlap(candidate.date.value, last.date.value):
        return False
    if candidate.actor1 is not None and last.actor1 is not None and not same_actor(candidate.actor1[0], last.actor1[0]):
        return False
    targets = word_list("civilian_targets") + word_list("target_heads") + ("gebäude",)
    words = analysis.sentence_tokens(candidate.sentence)
    return any(a.low in _DEFINITE and b.text[:1].isupper() and b.low.endswith(targets) for a, b in zip(words, words[1:]))


def _some_of_them_intercepted(candidate: Candidate, analysis: Analysis, last: Candidate) -> bool:
    """ "Drei Raketen wurden auf Metula abgefeuert. Zwei davon fing die Luftabwehr ab": right after
    a strike, some of its weapons intercepted are part of it, not an interception of its own."""
    if candidate.trigger.value.sub_event_type != "Disrupted weapons use" or last.event_type != "Explosions/Remote violence":
        return False
    if candidate.sentence - last.sentences[-1] > 1:
        return False
    words = analysis.sentence_words(candidate.sentence)
    return "davon" in words or any(a == "von" and b == "ihnen" for a, b in zip(words, words[1:]))


_QUARTERS = frozenset(("stadtteil", "viertel", "stadtviertel", "wohnviertel", "vorort", "stadtbezirk"))


def _perpetrator(trigger: Mention) -> bool:
    return trigger.text.lower().endswith(("täter", "bomber", "attentäterin", "bomberin"))


_TEMPORAL_PREPOSITIONS = frozenset(("nach", "vor", "seit"))


def _time_reference(trigger: Mention, tokens) -> bool:
    """ "Nach mehreren Angriffen auf Saudi-Arabien griffen die Huthis die Emirate an": a noun
    under "nach", "vor" or "seit" dates the sentence's own act by others."""
    index = trigger.detail.index
    if index is None or trigger.detail.phrase or not trigger.text[:1].isupper():
        return False
    k = index - 1
    # over "der" and adjectives, and over the noun of a period's start ("seit Beginn der Kämpfe")
    while k >= 0 and index - k <= 3 and tokens[k].sentence == trigger.sentence and (
            tokens[k].text[:1].islower() or tokens[k].low in word_set("period_starts")) and (
            tokens[k].low not in _TEMPORAL_PREPOSITIONS):  # fmt: skip
        k -= 1
    return k >= 0 and tokens[k].sentence == trigger.sentence and tokens[k].low in _TEMPORAL_PREPOSITIONS


_AUXILIARIES = frozenset("hat haben hatte hatten ist sind war waren wurde wurden werden wird habe seien sei".split())


def _time_reference_spans(analysis: Analysis, index: int, trigger: Mention) -> list[tuple[int, int]]:
    """The character spans of phrases like "Nach wochenlangen Angriffen auf den Tschad": from the
    noun to the finite verb, a comma or the sentence's own trigger."""
    tokens = analysis.tokens
    spans = []
    for other in analysis.of_kind("trigger", index):
        if other is trigger or other.start == trigger.start or not _time_reference(other, tokens):
            continue
        end = trigger.start if trigger.start > other.start else analysis.sentences[index].end
        for t in analysis.sentence_tokens(index):
            if t.start > other.end and (t.low in _AUXILIARIES or t.text == ","):
                end = min(end, t.start)
                break
        spans.append((other.start, end))
    return spans


def _named_by_a_speaker(trigger: Mention, tokens) -> bool:
    """ 'Ein Sprecher sprach von einem „Massaker“': a speaker's word for what happened, not another act."""
    index = trigger.detail.index
    if index is None or index < 2:
        return False
    before = [t.low for t in tokens[max(0, index - 5) : index] if t.sentence == trigger.sentence]
    return any(a in word_set("speaking_of") and b == "von" for a, b in zip(before, before[1:]))


def _followed(trigger: Mention, tokens) -> bool:
    """A fight under a definite article and an adjective of sequence ("bei den anschließenden
    Kämpfen") followed the event told before."""
    index = trigger.detail.index
    if trigger.value.event_type != "Battles" or index is None or index < 2 or trigger.detail.phrase:
        return False
    k = index - 1
    sequence = False
    while k > 0 and index - k <= 3 and tokens[k].sentence == trigger.sentence and tokens[k].text[:1].islower() and (
            tokens[k].low not in _DEFINITE):  # fmt: skip
        sequence = sequence or tokens[k].low.startswith(word_list("sequence_adjectives"))
        k -= 1
    return sequence and tokens[k].sentence == trigger.sentence and tokens[k].low in _DEFINITE


def _another_of_the_kind(candidate: Candidate, analysis: Analysis, trigger: Mention, last: Candidate) -> tuple[bool, Candidate | None]:
    """ "folgt auf einen ähnlichen Angriff am Sonntag": another attack of the kind just told, dated
    in its own right, where the story takes place; "Bei weiteren Angriffen kamen 16 Menschen ums
    Leben": with a toll of its own, placed by what follows or else where the story is. Whether
    that settles the candidate, and what it becomes (None: no event)."""
    actor1, actor2 = assign_roles(candidate, analysis, trigger, last)  # "griff das Militärbündnis bei weiteren Angriffen an"
    # "Bereits am Dienstag hatte die Armee zehn Extremisten getötet", after an attack by rebels:
    # another side's act is not of the kind of theirs
    if actor1 is not None and last.actor1 is not None and not same_actor(actor1[0], last.actor1[0]):
        return False, None
    places = candidate.places
    if not places and candidate.date is not None and last.place_mention is not None:
        places = (last.place_mention,)
    if not places and candidate.date is not None:
        return True, None
    return True, replace(candidate, event_type=last.event_type, sub_event_type=last.sub_event_type,
                         actor1=actor1 or last.actor1, actor2=actor2, places=places)


COURSE_OF_THE_LAST = "the course of the attack told before"


def _the_course_of_the_last(analysis: Analysis, index: int, trigger: Mention, candidate: Candidate, last: Candidate) -> bool:
    """ "Der Angriff auf die Basis in Marte begann in der Nacht mit Drohnen, die Sprengsätze
    abwarfen": a sentence whose subject refers back to the attack just told ("Der Angriff",
    "Die Attacke") tells how it went, whatever weapon it names, on no other day or side."""
    if index - last.sentences[-1] > FOLLOW_UP_SENTENCES or last.event_type not in _VIOLENT_TYPES:
        return False
    opening = [m for m in analysis.of_kind("trigger", index) if m.detail.index is not None
               and m.detail.index - analysis.first_token_index(index) <= 2]  # fmt: skip
    if not any(m is not trigger and m.value.generic and _refers_back(m, analysis.tokens) for m in opening):
        return False
    if candidate.date is not None and last.date is not None and not dates_overlap(candidate.date.value, last.date.value):
        return False
    return candidate.actor1 is None or last.actor1 is None or same_actor(candidate.actor1[0], last.actor1[0])


def _refers_back(trigger: Mention, tokens, last_type: str | None = None) -> bool:
    """A generic attack word under a definite article ("bei dem Anschlag", "der Angriff")
    names the event told before, not a new one; so does a word of the kind of that event
    (``last_type``) after "bei" ("Zwei Soldaten starben bei dem Feuergefecht")."""
    index = trigger.detail.index
    if index is None or index == 0:
        return False
    k = index - 1
    while k > 0 and index - k <= 3 and tokens[k].text[:1].islower() and tokens[k].low not in _DEFINITE:
        k -= 1  # "des ersten größeren Anschlags": adjectives between article and noun
    previous = tokens[k]
    if previous.sentence != trigger.sentence or previous.text.lower() not in _DEFINITE:
        return False
    if trigger.text.lower() == "feuer" and any(t.text.lower().startswith(("eröffne", "erwider"))
                                                for t in tokens[max(0, index - 8) : index + 12] if t.sentence == trigger.sentence):  # fmt: skip
        return False  # "eröffneten das Feuer", "erwiderten das Feuer": an idiom, no event told before
    governing = tokens[k - 1].low if k >= 1 and tokens[k - 1].sentence == trigger.sentence else ""
    # "trotz der Festnahmen", "nach der Ermordung": an event the reader already knows of;
    # "der Selbstmordattentäter": the bomber of the attack told before.
    known = governing in _KNOWN_EVENT_PREPOSITIONS or (governing == "bei" and trigger.value.event_type == last_type)
    return trigger.value.generic or _perpetrator(trigger) or (trigger.text[:1].isupper() and known)
