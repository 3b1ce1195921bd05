"""Roles: who acted (actor1) and who was acted upon (actor2), per candidate.

Reads: a ``Candidate`` with the actor and description mentions of its sentence, the tokens,
the ``DocumentContext``. Writes: ``actor1``/``actor2`` (agent by genitive, passive "von",
subject, quoted speaker; patient by "gegen"/"auf" or owner of a target), the source a
sentence cites, the opponent of a battle the sentence leaves unnamed, who was arrested, and
deaths per side.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..language.lemmas import lemma as lemma_of_word
from ..language.lexicon import Actor, Lexicon
from ..language.mentions import Analysis, attributive_after
from ..language.wordlists import word_list, word_set
from ..records import Mention, TokenRange
from .candidate import Candidate, same_actor
from .clauses import PREPOSITIONS, clause_of, clause_words, is_cited
from .grounding import DocumentContext
from .windows import FOLLOW_UP_SENTENCES, SIDE_FIGURE_REACH_CHARS

# actor1 and actor2, each an actor with the mention that names it
Roles = tuple[tuple[Actor, Mention] | None, tuple[Actor, Mention] | None]

__all__ = ["assign_roles", "cited_source", "country_as_agent", "deaths_by_side", "named_later", "national_adjective", "one_reading_per_span", "passive_without_agent", "pronoun_subject", "recent_actors", "reported_speaker", "state_forces_named", "unnamed_opponent", "who_was_arrested"]


def state_forces_named(analysis: Analysis, index: int, context: DocumentContext) -> tuple[Actor, Mention] | None:
    """The first state forces the sentence names ("Polizei und Soldaten räumten ...")."""
    named = ((context.actor_for(m, []), m) for m in one_reading_per_span(analysis, index, context))
    return next(((a, m) for a, m in named if a is not None and a.type == "state"), None)


def _owns_target(mention: Mention, tokens) -> bool:
    """Whether the actor names the owner of a target: in a compound ("HTS-Stellungen") or a
    genitive ("Lager und Hauptquartiere der Huthis", "Stellungen der Rebellen")."""
    first, last = mention.detail.first, mention.detail.last
    if first is not None and first >= 2 and tokens[first - 1].low in ("der", "des"):
        # the target noun itself, or the noun one adjective before it ("Stellungen der syrischen Armee")
        if _target_noun(tokens[first - 2].low):
            return True
    if last is None or not tokens[last].joined or last + 2 >= len(tokens):
        return False
    return _target_noun(tokens[last + 2].low)


def _target_noun(word: str) -> bool:
    """A noun for what is attacked, alone or as a compound's head ("Stellungen", "Munitionslager")."""
    return any(word.startswith(head) or head in word[3:] for head in word_list("target_heads"))


def passive_without_agent(candidate: Candidate, analysis: Analysis) -> bool:
    """A passive clause around the trigger that names no "von"/"durch" agent."""
    clause = set(clause_words(analysis, candidate.trigger))
    return bool({"wurde", "wurden", "worden"} & clause) and not {"von", "vom", "durch"} & clause


def named_later(description: Mention, mentioned: list[Mention], context: DocumentContext) -> Actor | None:
    """The armed group the same sentence names after a description that had no antecedent."""
    wanted = set(description.value.compatible_types) or {"rebel", "political_militia", "identity_militia", "external"}
    for m in mentioned:
        actor = context.lexicon.actors.get(m.value) if m.kind == "actor" and m.start > description.end else None
        if actor is not None and actor.type in wanted:
            return actor
    return None


def _names_its_group(description: Mention, named_from: set, tokens) -> bool:
    """Whether a named actor follows the description in apposition or in the genitive."""
    last = description.detail.last
    if last is None:
        return False
    k = last + 1
    if k in named_from:
        return True
    if k < len(tokens) and tokens[k].low in ("der", "des", "von", "vom"):
        k += 1
        while k < len(tokens) and k - last <= 4 and tokens[k].text.isalpha() and (
                tokens[k].text[:1].islower() or (tokens[k].low.endswith(_GROUP_NOUN_ENDS) and k + 1 not in named_from
                                                 and k not in named_from)):  # fmt: skip
            k += 1  # "der islamistischen"
        if k < len(tokens) and k not in named_from and tokens[k].low.endswith(_GROUP_NOUN_ENDS):
            k += 1  # "Kämpfer der Miliz CODECO": the kind of group, then its name
        return k in named_from
    return False


# Heads of words for a kind of armed group, before its name ("der Miliz CODECO", "der Gruppe JNIM")
_GROUP_NOUN_ENDS = ("miliz", "milizen", "gruppe", "gruppierung", "bewegung", "organisation", "allianz", "bande", "kartell")


def one_reading_per_span(analysis: Analysis, index: int, context: DocumentContext) -> list[Mention]:
    """The actor and description mentions of a sentence, but for descriptions that stand
    before a name; where one span reads as actors of several countries ("kongolesische
    Armee"), the reading of the story's country."""
    chosen: dict[tuple[int, int], Mention] = {}
    rank = {iso: i for i, iso in enumerate(context.focus)}

    def country_rank(m: Mention) -> int:
        actor = context.lexicon.actors.get(m.value) if m.kind == "actor" else None
        return rank.get(actor.country if actor else None, len(rank))

    actors = analysis.of_kind("actor", index)
    named_from = {a.detail.first for a in actors}
    for m in actors + analysis.of_kind("description", index):
        if m.kind == "description" and _names_its_group(m, named_from, analysis.tokens):
            continue  # "die Terrorgruppe Boko Haram", "Kämpfer der islamistischen HTS": the name says who
        span = (m.start, m.end)
        if span not in chosen or country_rank(m) < country_rank(chosen[span]):
            chosen[span] = m
    return sorted(chosen.values(), key=lambda m: (m.start, m.kind))


# the articles and prepositions of what may open a clause before its finite verb ("In der Nacht zum Montag")
_OPENING_WORDS = PREPOSITIONS | frozenset("der die das den dem des ein eine einen einem einer eines am im vom beim".split())


def country_as_agent(trigger: Mention, analysis: Analysis, context: DocumentContext):
    """ "Die USA flogen Luftangriffe", "Russland hat Pokrowsk beschossen": a country opening the
    trigger's clause as its subject acts through its forces."""
    start, end = clause_of(analysis.tokens, trigger)
    offset = analysis.first_token_index(trigger.sentence)
    tokens = analysis.sentence_tokens(trigger.sentence)
    clause = [(offset + k, t) for k, t in enumerate(tokens) if start <= t.start < end and t.end <= trigger.start]
    words = [t for _, t in clause if t.text[:1].isalpha()]
    if words and words[0].text.lower() in ("die", "der", "das"):
        words = words[1:]  # "Die USA"
    if not words:
        return None
    subject = words[0]
    if context.lexicon.country_of_name(subject.text) is None:
        # "In der Nacht schickte Russland ... Drohnen": the subject right after the finite verb,
        # which follows what opens the clause
        verb = next((k for k, t in enumerate(words) if t.text[:1].islower() and t.low not in _OPENING_WORDS), None)
        if verb is not None and (verb == 0 or not lemma_of_word(words[verb].low).endswith(("en", "ern", "eln"))):
            verb = None  # no verb in second place after what opens the clause
        after = words[verb + 1] if verb is not None and verb + 1 < len(words) else None
        if verb is None and trigger.text[:1].islower() and " " in trigger.text:
            after = analysis.tokens[trigger.detail.index + 1]  # "Am Montag griff Israel ... an": the verb opens the trigger
        if after is not None and context.lexicon.country_of_name(after.text) is not None:
            subject = after
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
    index = next((i for i, t in clause if t is subject), trigger.detail.index + 1)
    return actor, Mention("actor", subject.text, subject.start, subject.end, actor.id, subject.sentence,
                          TokenRange(index, index))


def national_adjective(trigger: Mention, analysis: Analysis, context: DocumentContext):
    """ "ein israelischer Angriff", "russische Drohnenangriffe": the forces of that country."""
    index = trigger.detail.index
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
                          TokenRange(index - 1, index - 1))  # fmt: skip


def unnamed_opponent(candidate: Candidate, analysis: Analysis, context: DocumentContext, last: Candidate | None):
    """The other side of a battle the sentence leaves unnamed: the side the story last set
    against this actor, else the state forces of the country where it happened."""
    actor1 = candidate.actor1[0]
    if last is not None:
        for side in (last.actor1, last.actor2):
            if side is not None and not same_actor(side[0], actor1) and side[0].type not in ("civilians", "protesters"):
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


def recent_actors(analysis: Analysis, context: DocumentContext, before: int) -> Sequence[Actor]:
    """The actors the text names before offset ``before``, in text order, as a view of the
    document's list (a long report is not copied for every candidate)."""
    named = context.named_actors()
    return _Prefix(named.actors, bisect.bisect_left(named.starts, before))


class _Prefix(Sequence):
    """The first ``length`` items of a list, without copying them."""

    def __init__(self, items: list, length: int) -> None:
        self._items, self._length = items, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._items[: self._length][index]
        if not -self._length <= index < self._length:
            raise IndexError(index)
        return self._items[index % self._length]

    def __reversed__(self):
        for k in range(self._length - 1, -1, -1):
            yield self._items[k]


def _cited_here(source: Mention, cues: list[Mention], analysis: Analysis) -> bool:
    if is_cited(source, analysis.tokens):
        return True
    return any(abs(cue.start - source.end) <= CITE_REACH_CHARS or abs(source.start - cue.end) <= CITE_REACH_CHARS
               for cue in cues)  # fmt: skip


# "teilte die Polizei mit", "Die Armee erklärte", "nach Angaben der UN": the cue stands beside its source.
CITE_REACH_CHARS = 25


def _governed_by_target_preposition(mention: Mention, tokens) -> bool:
    """ "Anschlag auf die Polizei", "Angriffe gegen russische Truppen": the actor is the target;
    but in "In der Nacht auf Mittwoch beschossen israelische Soldaten ..." the preposition
    governs the day, and the soldiers are the subject."""
    k, steps = mention.detail.first - 1, 0
    while k >= 0 and steps < 6 and tokens[k].sentence == mention.sentence:
        t = tokens[k]
        if t.low in ("gegen", "auf"):
            return True
        if t.low in (",", "und", "sowie") and k > 0 and tokens[k - 1].text[:1].isupper():
            k, steps = k - 2, steps + 2  # "Angriffe auf Sanaa, Huthis ...": one of the targets listed
            continue
        if t.text[:1].isupper() or t.text in ",;:":
            return False  # a noun of its own between: the preposition governs that
        k, steps = k - 1, steps + 1
    return False


def _an_attribute(mention: Mention, tokens) -> bool:
    """Whether the actor is named inside a participle attribute of another name: "die mit
    Al-Qaida verbundene Gruppe", "die von Ruanda unterstützte M23"."""
    first = mention.detail.first
    return first > 0 and tokens[first - 1].low in ("mit", "von", "vom") and attributive_after(tokens, mention.detail.last)


def assign_roles(candidate: Candidate, analysis: Analysis, trigger: Mention, last: Candidate | None) -> Roles:
    """Who acted (actor1) and who was acted upon (actor2) among the candidate's actors."""
    tokens = analysis.tokens
    unique: list[tuple[Actor, Mention]] = []
    start, end = clause_of(tokens, trigger)
    # An actor named twice plays its part where the trigger's own clause names it.
    for actor, mention in sorted(candidate.actors, key=lambda am: (not start <= am[1].start < end, am[1].start)):
        if _an_attribute(mention, tokens):
            continue  # "Kämpfer der mit Al-Qaida verbundenen JNIM": who the group is tied to, no side
        if all(not same_actor(actor, a) for a, _ in unique):
            unique.append((actor, mention))
    unique.sort(key=lambda am: am[1].start)
    if not unique:
        # The sides of the event just told go on acting in events of its kind (an air strike
        # after fighting on the ground is no act of the fighters), or where "beide Seiten" says so.
        both_sides = "seiten" in analysis.sentence_words(candidate.sentence)
        if (last is not None and last.actor1 is not None and candidate.sentence - last.sentence <= FOLLOW_UP_SENTENCES
                and (last.event_type == trigger.value.event_type or both_sides)):  # fmt: skip
            return last.actor1, last.actor2
        return candidate.actor1, candidate.actor2

    def before(mention: Mention, n: int = 2) -> list[str]:
        first = mention.detail.first
        return [t.low for t in tokens[max(0, first - n) : first] if t.sentence == mention.sentence]

    agent = None
    # "Angriff der syrischen Luftwaffe" read through "Luftwaffe": the trigger names who acted.
    carrier = next((am for am in unique if am[1].start <= trigger.start and trigger.end <= am[1].end
                    and am[0].type != "civilians"), None)  # fmt: skip
    # "Beschuss von HTS-Stellungen", "Angriff auf Hamas-Verstecke": the group whose positions were hit;
    # "neun Polizisten wurden getötet, als ...": the subject of a passive harm, in any clause.
    harmed = [am for am in unique if _harmed_in_passive(am[1], analysis) or _among_the_dead(am[1], analysis)]
    patient = next((am for am in unique if _owns_target(am[1], tokens) or am in harmed), None)
    suffered = patient is not None
    others = [am for am in unique if am is not patient and am not in harmed]
    genitive = _genitive_agent(others, trigger, tokens, analysis.of_kind("description", candidate.sentence))
    if genitive is not None or (carrier is not None and carrier is not patient):
        agent = genitive or carrier
    speaker = _quoted_speaker(others, trigger, analysis)
    if speaker is not None:
        agent = speaker  # "Wir haben Goma eingenommen", sagte der Anführer der AFC
    sentence_words = analysis.sentence_words(candidate.sentence)
    passive = any(w in ("wurde", "wurden", "worden", "werden") for w in sentence_words)
    for actor, mention in others:
        if agent is not None and actor.id == agent[0].id:
            continue
        context_words = before(mention, 3)
        if "zwischen" in context_words and agent is None:
            agent = (actor, mention)
        elif passive and agent is None and _passive_agent(mention, trigger, tokens, before(mention, 5)):
            agent = (actor, mention)
        elif _governed_by_target_preposition(mention, tokens) and patient is None:
            patient, suffered = (actor, mention), True  # "Anschlag auf Polizei": the target, never the attacker
    rest = [am for am in unique if am[0].id not in {x[0].id for x in (agent, patient) if x} and am not in harmed]
    # A bare passive ("wurde ... getötet") names no doer in its own clause: a group named in
    # another clause ("der Brigadegeneral, der die Akademie der Rebellen leitete, wurde getötet")
    # did not do it.
    finite = trigger.text.lower().endswith(("te", "ten")) and not trigger.text.lower().startswith("ge")
    clause = clause_of(tokens, trigger)
    passive_here = any(t.low in ("wurde", "wurden", "worden", "werden") and clause[0] <= t.start < clause[1]
                       for t in analysis.sentence_tokens(candidate.sentence))  # fmt: skip
    unnamed_doer = passive_here and not finite and trigger.text[:1].islower() and not any(
        clause[0] <= am[1].start < clause[1] for am in rest)  # fmt: skip
    if agent is None and rest and not unnamed_doer:
        # The subject: the first actor of the trigger's clause that no preposition governs.
        # "einen Hamas-Kommandeur getötet": an accusative article marks the object.
        subjects = [am for am in rest if am[1].start >= clause[0] and am[1].end <= clause[1]
                    and not set(before(am[1], 2)) & PREPOSITIONS and before(am[1], 1) != ["einen"]]  # fmt: skip
        pool = subjects or rest
        civilians_first = pool[0][0].type == "civilians" and len(pool) > 1
        agent = pool[1 if civilians_first else 0]
        rest.remove(agent)
        # (in the agent's own clause: "Russland griff mit Drohnen an; in Kiew wurden zwei Menschen getötet")
        own = clause_of(tokens, agent[1])
        harmed = any(m.value in ("death", "injury", "captive") and m.start > agent[1].end and m.start < own[1]
                     for m in analysis.of_kind("cue", candidate.sentence))  # fmt: skip
        # A preterite trigger ("überrannten", "töteten") is active, whatever another clause says.
        if passive and not finite and subjects and patient is None and (trigger.text[:1].islower() or harmed):
            # "Vier Soldaten wurden getötet": the subject of a passive was acted upon.
            agent, patient, suffered = None, agent, True
    if patient is None and rest:
        patient = rest.pop(0)
    if agent is None and patient is not None and patient[0].type != "civilians" and not (suffered or unnamed_doer):
        agent, patient = patient, None
    if agent is not None and patient is not None and agent[0].name == patient[0].name:
        patient = None
    if agent is not None and agent[0].type == "civilians":
        # Civilians are acted upon (ACLED never codes them as the side that acted).
        agent, patient = (patient, agent) if patient is not None and patient[0].type != "civilians" else (None, agent)
    return agent, patient


_SUBJECT_PRONOUNS = frozenset(("sie", "er"))


def pronoun_subject(analysis: Analysis, trigger: Mention, last: Candidate | None) -> tuple[Actor, Mention] | None:
    """ "Danach besetzten sie das Rathaus": a pronoun as the subject of an active clause
    right after an event is that event's attacker, named where the pronoun stands."""
    if last is None or last.actor1 is None or trigger.sentence - last.sentences[-1] > FOLLOW_UP_SENTENCES:
        return None
    if last.actor1[0].type in ("civilians", "protesters"):
        return None
    start, end = clause_of(analysis.tokens, trigger)
    offset = analysis.first_token_index(trigger.sentence)
    words = [(offset + k, t) for k, t in enumerate(analysis.sentence_tokens(trigger.sentence))
             if start <= t.start and t.end <= end]  # fmt: skip
    lowered = [t.text.lower() for _, t in words]
    if {"wurde", "wurden", "worden"} & set(lowered):
        return None  # a passive: the pronoun is acted upon
    for k, (index, token) in enumerate(words):
        if lowered[k] in _SUBJECT_PRONOUNS and (k == 0 or lowered[k - 1] not in PREPOSITIONS):
            actor = last.actor1[0]
            return actor, Mention("actor", token.text, token.start, token.end, actor.id, token.sentence,
                                  TokenRange(index, index))  # fmt: skip
    return None


def reported_speaker(analysis: Analysis, trigger: Mention, cited: list[tuple[Actor, Mention]]) -> tuple[Actor, Mention] | None:
    """ "Die Miliz erklärte, sie habe einen Armeeposten eingenommen": the subject pronoun of
    reported speech is the speaker, the agent of what it reports; named where the pronoun stands."""
    offset = analysis.first_token_index(trigger.sentence)
    tokens = analysis.sentence_tokens(trigger.sentence)
    for actor, mention in cited:
        if actor.type == "civilians":
            continue
        k = next((k for k, t in enumerate(tokens) if t.start >= mention.end), len(tokens))
        if k >= len(tokens) or tokens[k].low not in word_set("saying"):
            continue
        # "behauptete über ihren Radiosender, sie habe": the reported clause opens after the next comma
        comma = next((j for j in range(k + 1, min(k + 8, len(tokens))) if tokens[j].text == ","), None)
        if comma is None or comma + 1 >= len(tokens):
            continue
        pronoun = tokens[comma + 1]
        if pronoun.low in _SUBJECT_PRONOUNS and pronoun.end <= trigger.start and not {",", ";"} & set(analysis.text[pronoun.end : trigger.start]):
            return actor, Mention("actor", pronoun.text, pronoun.start, pronoun.end, actor.id, pronoun.sentence,
                                  TokenRange(offset + comma + 1, offset + comma + 1))  # fmt: skip
        # "ISWAP behauptete, 20 Soldaten getötet zu haben": an infinitive's subject is the speaker's
        after = [t.low for t in tokens if t.start >= trigger.end][:3]
        if pronoun.start <= trigger.start and after[:1] == ["zu"] and after[1:2] in (["haben"], ["sein"]) and not (
                {",", ";"} & set(analysis.text[pronoun.start : trigger.start])):  # fmt: skip
            return actor, mention
    return None


def _harmed_in_passive(mention: Mention, analysis: Analysis) -> bool:
    """ "Mindestens neun Polizisten wurden am Dienstag getötet": the actor opens a passive
    clause whose verb harms (a death, injury or captivity cue) and names no agent; or it
    follows the finite auxiliary ("In Kandahar sind am Montag zwei Soldaten getötet worden")."""
    start, end = clause_of(analysis.tokens, mention)
    # "Mehrere Soldaten und Polizisten wurden getötet": figures and the actors coordinated before it may open it too
    kinds = ("quantity", "actor", "description", "date", "place")
    spans = [(m.start, m.end) for kind in kinds for m in analysis.of_kind(kind, mention.sentence)]
    # "wurden nach Regierungsangaben mehr als 100 Kämpfer getötet": who says so stands anywhere
    spans += [(m.start, m.end) for m in analysis.of_kind("cue", mention.sentence) if m.value == "attribution"]
    head = [t for t in analysis.sentence_tokens(mention.sentence) if start <= t.start and t.end <= mention.start]
    # "Zwei Tage später starben vier Soldaten": a finite verb of dying stands where the auxiliary does
    auxiliary = max((k for k, t in enumerate(head) if t.low in _FINITE_PASSIVE or t.low in _FINITE_DYING), default=None)
    if auxiliary is not None:
        # "nach Armeeangaben", "laut Polizeiangaben": who says so, as a compound
        head = [t for t in head[auxiliary + 1 :] if t.low not in _BEFORE_A_PLACE_OR_DAY and t.low not in ("nach", "laut")
                and not t.low.endswith("angaben")]  # fmt: skip
    if not all(t.low in _PASSIVE_OPENERS or any(a <= t.start < b for a, b in spans) for t in head):
        return False  # the actor does not open the clause: an object or a genitive
    words = clause_words(analysis, mention)
    cues = [m for m in analysis.of_kind("cue", mention.sentence) if start <= m.start < end]
    # "Dutzende Angreifer seien bei Luftangriffen ums Leben gekommen", "starben vier Soldaten": who died, whatever the voice
    if any(m.value == "death" and m.text.lower() in word_set("dying_verbs") for m in cues):
        return True
    if {"von", "vom", "durch"} & set(words):
        return False
    if not {"wurde", "wurden", "worden"} & set(words):
        return _title_participle(analysis, mention, cues)
    return any(m.value in ("death", "injury", "captive") and m.start > mention.end for m in cues)


def _title_participle(analysis: Analysis, mention: Mention, cues: list[Mention]) -> bool:
    """ "Zwölf Soldaten in Niger getötet", "Zwei Reporter in Gaza erschossen": a title leaves out the
    auxiliary; a participle of harm that ends it tells a passive (not "Miliz ermordet Dorfvorsteher")."""
    if mention.sentence != 0 or not analysis.document.title:
        return False
    start, end = clause_of(analysis.tokens, mention)
    last = [t for t in analysis.sentence_tokens(0) if start <= t.start < end and t.text[:1].isalnum()][-1:]
    return any(m.value in ("death", "injury", "captive") and m.start > mention.end and last and m.end == last[0].end
               and (m.text.lower().startswith("ge") or m.text.lower() in word_set("harm_participles")) for m in cues)


def _among_the_dead(mention: Mention, analysis: Analysis) -> bool:
    """ "25 Tote, darunter 14 Soldaten", "unter den Opfern drei Polizisten": counted among the
    casualties, a victim."""
    cues = [m for m in analysis.of_kind("cue", mention.sentence) if m.value == "subset"]
    return any(0 <= mention.start - m.end <= SUBSET_REACH_CHARS for m in cues)


# "darunter 14 Soldaten", "unter ihnen mindestens drei Polizisten": the counted follow closely.
SUBSET_REACH_CHARS = 30


# Words that may stand before the subject at the head of a passive clause: "Mindestens neun
# Polizisten wurden ...", "Zwei Soldaten wurden ...", "Auch drei Zivilisten wurden ...".
_PASSIVE_OPENERS = frozenset("mindestens fast rund etwa über mehr als auch zudem weitere und sowie ,".split())
# The finite auxiliary of a passive, after which a fronted sentence puts its subject, and the
# words that open a place or a day between them ("sind am Montag in Kandahar zwei Soldaten").
_FINITE_PASSIVE = frozenset("wurde wurden sind ist seien sei waren war".split())
_BEFORE_A_PLACE_OR_DAY = frozenset("in im am bei nahe".split())
_FINITE_DYING = frozenset("starb starben".split())


def _passive_agent(mention: Mention, trigger: Mention, tokens, context_words: list[str]) -> bool:
    """ "von IS-Kämpfern getötet", "durch die Armee festgenommen": the agent of a passive, in
    the trigger's own clause; "Dutzende von Soldaten" counts soldiers and names no agent."""
    if not any(w in ("von", "vom", "durch", "seitens") for w in context_words[-2:]) and not (
            # "von einem Scharfschützen der Huthis erschossen": the agent's group in the genitive of the agent
            context_words[-1:] in (["der"], ["des"]) and any(w in ("von", "vom", "durch") for w in context_words[-4:-2])):  # fmt: skip
        return False
    start, end = clause_of(tokens, trigger)
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
    index = trigger.detail.index
    if index is None:
        return None
    before = [t.low for t in analysis.sentence_tokens(trigger.sentence) if t.start < tokens[index].start]
    if "wir" not in before:
        return None
    cues = [m for m in analysis.of_kind("cue", trigger.sentence) if m.value == "attribution" and m.start > trigger.end]
    if not cues:
        return None
    after = [am for am in unique if am[1].start > cues[0].start and am[0].type not in ("civilians",)]
    return after[0] if after else None


def _genitive_agent(unique, trigger: Mention, tokens, descriptions: list[Mention]) -> tuple[Actor, Mention] | None:
    """ "Luftangriffe der russischen Luftwaffe", "Angriff von IS-Kämpfern", "Attacke der
    islamistischen Terrorgruppe Boko Haram": the actor after a nominal trigger, joined only
    by articles, "von"/"durch", adjectives or a description in apposition, is the one who acted."""
    if not trigger.text[:1].isupper():
        return None
    index = trigger.detail.index
    if index is None:
        return None

    def linking(token) -> bool:
        word = token.text
        return (word.lower() in _GENITIVE_LINKS or (word[:1].islower() and word.isalpha())
                or any(d.start <= token.start and token.end <= d.end for d in descriptions))  # fmt: skip

    for actor, mention in unique:
        first = mention.detail.first
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


def cited_source(analysis: Analysis, index: int, lexicon: Lexicon) -> tuple[str, Mention] | None:
    """Whom the sentence cites: a source of the lexicon ("laut der Beobachtungsstelle"), else
    an actor it cites ("nach Angaben der Armee", "Das ukrainische Militär teilte mit")."""
    cues = [m for m in analysis.of_kind("cue", index) if m.value == "attribution"]
    if not cues:
        return None
    # A source named where the sentence cites it: after "laut", "nach Angaben", before "zufolge",
    # or beside a verb of saying; not "Die Polizei nahm ihn fest, nachdem er berichtet hatte".
    sources = [m for m in analysis.of_kind("source", index) if _cited_here(m, cues, analysis)]
    if sources:
        return sources[0].value, sources[0]
    tokens = analysis.tokens
    for m in analysis.of_kind("actor", index):
        actor = lexicon.actors.get(m.value)
        last = m.detail.last
        if actor is None or last is None or actor.type == "civilians":
            continue
        saying = [t.low for t in tokens[last + 1 : last + 3] if t.sentence == index]
        if is_cited(m, tokens) or set(saying) & word_set("saying"):
            return actor.name, m
    return None


def who_was_arrested(c: Candidate, actor2: Actor | None, analysis: Analysis, lexicon: Lexicon, iso: str) -> Actor | None:
    """Who was arrested: an actor in the arrest's own clause, else the people it names
    ("nahmen Hunderte junge Männer fest, denen sie Verbindungen zu der Miliz vorwerfen":
    civilians, not the militia of the relative clause)."""
    start, end = clause_of(analysis.tokens, c.trigger)
    if actor2 is not None and c.actor2 and start <= c.actor2[1].start < end and actor2.type != "state":
        return actor2
    heads = word_list("person_heads")
    words = clause_words(analysis, c.trigger)
    if any(w.startswith(heads) or w.endswith(heads) for w in words if w not in word_set("policing_forces")):
        return lexicon.actors.get(f"civilians:{iso}")
    return None


def deaths_by_side(c: Candidate, analysis: Analysis, context: DocumentContext) -> dict[Actor, int]:
    """Deaths per side where a figure names whom it counts ("44 HTS-Mitglieder und 37
    Mitglieder der Regimekräfte")."""
    sides: dict[Actor, int] = {}
    known = [a for a in (c.actor1, c.actor2) if a is not None]
    for quantity, mention in c.deaths:
        named = analysis.of_kind("actor", mention.sentence) + analysis.of_kind("description", mention.sentence)
        # up to the next figure: "44 HTS-Mitglieder und 37 Mitglieder der Regimekräfte"
        limit = min((q.start for _, q in c.deaths if q.sentence == mention.sentence and q.start > mention.end),
                    default=mention.end + SIDE_FIGURE_REACH_CHARS)  # fmt: skip
        following = sorted((m for m in named if mention.end <= m.start < min(limit, mention.end + SIDE_FIGURE_REACH_CHARS)),
                           key=lambda m: m.start)  # fmt: skip
        for m in following[:1]:
            actor = context.actor_for(m, [a for a, _ in known])
            if actor is not None and actor.type != "civilians":
                sides[actor] = sides.get(actor, 0) + quantity.best
    return sides
