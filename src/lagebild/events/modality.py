"""Modality: whether a sentence tells that something happened, or only that it may, should,
will or did not happen.

Reads: a sentence's cues (speculation, attribution, hedges) and its triggers' clauses.
Writes nothing: ``speculative``, ``negated`` and ``for_years`` answer for the assertion pass
of ``assembly``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..language.mentions import Analysis
from ..language.tolls import NEGATIONS
from ..language.wordlists import word_set
from ..records import Mention, TriggerDetail
from .clauses import CLAUSE_BREAKS, clause_of

__all__ = ["denied_word", "for_years", "goes_on", "negated", "none_there", "speculative"]


def negated(analysis: Analysis, triggers: list[Mention]) -> bool:
    tokens = analysis.tokens
    for trigger in triggers:
        i = trigger.detail.index
        # "nicht-identifizierte Bewaffnete": a negation joined to a word by a hyphen is part of it
        window = [t.low for t in tokens[max(0, i - 3) : i] if t.sentence == trigger.sentence and not t.joined]
        if any(w in NEGATIONS for w in window):
            return True
        if trigger.text[:1].islower():  # a finite verb is negated after it: "kapitulieren nicht"
            after = [t.low for t in tokens[i + 1 : i + 4] if t.sentence == trigger.sentence and not t.joined]
            if after[:1] and after[0] in NEGATIONS and after[1:2] != ["nur"]:
                return True
    return False


# "gab es", "habe es ... gegeben": the existential of German, whose negation may stand at the clause's end
_THERE_IS = frozenset(("gab", "gibt", "gebe", "gäbe", "gegeben"))


def none_there(analysis: Analysis, trigger: Mention) -> bool:
    """ "Festnahmen gab es keine", "Zusammenstöße habe es nach Angaben der Polizei nicht gegeben":
    a noun put first and denied by a negated "es gibt" after it."""
    if not trigger.text[:1].isupper() or trigger.detail.phrase:
        return False
    tokens, i = analysis.tokens, trigger.detail.index
    return _there_is_none([t.low for t in tokens[i + 1 : i + 12] if t.sentence == trigger.sentence])


def denied_word(words: Sequence[str], k: int) -> bool:
    """Whether the lower-cased word ``words[k]`` is denied: "keine Festnahmen", "ohne
    Festnahmen", "Festnahmen gab es keine"."""
    return any(w in NEGATIONS or w == "ohne" for w in words[max(0, k - 2) : k]) or _there_is_none(words[k + 1 : k + 12])


def _there_is_none(after: Sequence[str]) -> bool:
    """Whether the words after a noun put first deny it: "gab es keine", "habe es nicht gegeben"."""
    after = after[: next((k for k, w in enumerate(after) if w in CLAUSE_BREAKS), len(after))]
    if len(after) < 3 or not (after[0] in _THERE_IS or after[1:2] == ["es"] and after[0] in ("habe", "hat", "hatte", "soll")):
        return False  # the verb stands second, right after the noun put first
    return "es" in after[:2] and any(w in NEGATIONS for w in after[2:])


_REPORTED_SPEECH = frozenset(("hätte", "hätten", "wäre", "wären"))


_DEMANDS = frozenset(("fordern", "forderte", "forderten", "fordert", "verlangen", "verlangte", "verlangten", "verlangt", "verlange"))


# "seit mehr als 15 Jahren", "seit mehr als einem Jahr", "seit einem Jahrzehnt"
_FOR_YEARS = re.compile(r"\bseit (?:(?:mehr als|über|fast|knapp|rund|etwa|gut|nunmehr) )?\w+ (?:jahren|jahrzehnten|jahr|jahrzehnt)\b")


_FIRST_TIME = re.compile(r"\b(?:erstmals|zum ersten mal|das erste mal)\b")


def for_years(analysis: Analysis, index: int) -> bool:
    """ "kämpft seit mehr als 15 Jahren gegen die Regierung": a state of affairs; but "zum
    ersten Mal seit zehn Jahren" tells a happening."""
    text = analysis.sentences[index].text.lower()
    # "seit" opens every match: most sentences are passed over without the pattern
    return "seit " in text and bool(_FOR_YEARS.search(text)) and not _FIRST_TIME.search(text)


# A separable verb of going on, its particle closing the clause: "gehen die Kämpfe weiter",
# "hielten die Gefechte um die Stadt an"
_GOING_ON = re.compile(r"^(?:\S+ ){0,5}(?:geht|gehen|ging|gingen|hält|halten|hielt|hielten|dauert|dauern|dauerte|dauerten) .*\b(?:weiter|an)\s*[.!,;]?$")


def goes_on(analysis: Analysis, index: int, triggers: list[Mention]) -> bool:
    """ "Auch im Norden gehen die Kämpfe weiter": fighting named by a noun, in a state that
    lasts, the separable verb's particle at the end of the sentence (the joined form, "dauern
    an", is a cue); but "hielten einen Bus an und entführten 20 Fahrgäste" tells an act."""
    text = analysis.sentences[index].text.lower()
    return (" weiter" in text or " an" in text) and all(t.text[:1].isupper() and not t.detail.phrase for t in triggers) and (
        bool(_GOING_ON.search(text)))  # fmt: skip


def speculative(analysis: Analysis, index: int, triggers: list[Mention] = ()) -> bool:
    """Speculation, plans and demands; but "Die Kämpfe forderten das Leben von 44" is deaths,
    and a guess in a clause after the triggers' own ("..., die Zahl der Opfer könnte noch
    steigen") leaves what they tell standing."""
    if triggers and _called_for(analysis, index, triggers):
        return True
    cues = analysis.of_kind("cue", index)
    # "Falls sich die Berichte bestätigen, wurden ...": an unconfirmed report, not a guess.
    unconfirmed = [(m.start, m.end) for m in cues if m.value == "unconfirmed"]
    speculation = [m for m in cues if m.value == "speculation" and not _call_followed(analysis, index, m)
                   and not any(start <= m.start and m.end <= end for start, end in unconfirmed)]  # fmt: skip
    if speculation and triggers:
        ends = [_told_before(analysis, t) for t in triggers]
        told_before = max(ends) if None not in ends else None  # after every trigger's own clause
        if told_before is not None:
            speculation = [m for m in speculation if m.start < told_before or m.text.lower() in _CONDITIONS]
    # The sentence before may have opened the indirect speech ("Die Armee erklärte, ... Bei
    # Gefechten hätten Soldaten 30 Kämpfer getötet").
    cited = any(m.value == "attribution" for i in _speech_so_far(analysis, index) for m in analysis.of_kind("cue", i))
    if speculation and all(m.text.lower() in _REPORTED_SPEECH for m in speculation) and cited:
        return False  # "Ihre Kämpfer hätten Sittwe erobert, teilte ein Sprecher mit": a claim in indirect speech
    if not speculation and any(m.text.lower() in _HEARSAY_MODALS and _planned(analysis, m) for m in cues):
        return True  # "Die Polizei soll die Banden unter Kontrolle bringen": a task, not a report
    if speculation and all(m.text.lower() in _DEMANDS for m in speculation):
        if any(t.value.event_type == "Protests" for t in triggers):
            return False  # "demonstrierten gegen die Unsicherheit und forderten den Rücktritt": what a protest demands
        # "forderten (auch) das Leben von 44": the demand is death's
        words = analysis.sentence_words(index)
        lives = any(w in ("leben", "todesopfer", "tote", "toten", "opfer") for w in words)
        return not (lives or any(m.value == "death" for m in cues))
    return bool(speculation)


_CALLING = frozenset(("rief", "riefen", "ruft", "rufen", "rufe"))


def _called_for(analysis: Analysis, index: int, triggers: list[Mention]) -> bool:
    """ "Die Opposition rief für Samstag zu landesweiten Protesten auf": what someone calls
    for ("zu ...", the verb's "auf" after it) has not happened."""
    words = analysis.sentence_words(index)
    if _CALLING.isdisjoint(words) or "auf" not in words:
        return False
    tokens = analysis.tokens
    for trigger in triggers:
        i = trigger.detail.index
        before = [t.low for t in tokens[max(0, i - 3) : i] if t.sentence == index]
        after = [t.low for t in tokens[i + 1 : i + 8] if t.sentence == index]
        if not (set(before) & {"zu", "zum", "zur"} and "auf" in after):
            return False  # "..., Tausende gingen auf die Straße": one trigger tells what happened
    return True


_FOLLOWING = ("folgt", "folgen", "gefolgt")


def _call_followed(analysis: Analysis, index: int, cue: Mention) -> bool:
    """ "Tausende folgten dem Aufruf und demonstrierten", "Auf Aufruf der Opposition gingen ...":
    a call answered tells that the act happened."""
    if not cue.text.lower().startswith("aufruf"):
        return False
    words = analysis.sentence_words(index)
    before = [t.low for t in analysis.sentence_tokens(index) if t.end <= cue.start][-1:]
    return before == ["auf"] or any(w.startswith(_FOLLOWING) for w in words)


# the subjunctive of reported speech: a sentence in it goes on with what a speaker said before
_REPORTING_SUBJUNCTIVE = frozenset(("habe", "hätte", "hätten", "sei", "seien", "wäre", "wären"))


def _speech_so_far(analysis: Analysis, index: int) -> list[int]:
    """The sentence and those before it that indirect speech runs through
    ("..., teilte ein Sprecher mit. Die Armee habe ... abgewehrt. Zeitgleich hätten die
    Rebellen ... beschossen"): back over sentences in the subjunctive, at most three."""
    found = [index]
    for i in range(index - 1, max(-1, index - 4), -1):
        found.append(i)
        if _REPORTING_SUBJUNCTIVE.isdisjoint(analysis.sentence_words(i)):
            break  # the speech began here, or is not this sentence's
    return found


_HEARSAY_MODALS = frozenset(("soll", "sollen"))
# "..., sollte der Angriff gelingen", "..., falls ...": a condition after a clause still governs it
_CONDITIONS = frozenset(("falls", "sollte", "sollten"))
_SUBORDINATORS = frozenset(("dass", "ob", "wenn", "falls", "um", "damit", "weil", "bevor", "nachdem", "sobald"))


def _told_before(analysis: Analysis, trigger: Mention) -> int | None:
    """Where the trigger's clause ends, when it is a main clause that a comma or semicolon
    closes: a guess after that point is about something else. None for a clause a
    subordinating word opens ("Dass ..., befürchten Experten")."""
    tokens = analysis.tokens
    start, end = clause_of(tokens, trigger)
    k = trigger.detail.index if isinstance(trigger.detail, TriggerDetail) else None
    if k is None:
        return None
    while k > 0 and tokens[k - 1].sentence == trigger.sentence and tokens[k - 1].start >= start:
        k -= 1
    opener = tokens[k - 1] if k > 0 and tokens[k - 1].sentence == trigger.sentence else None
    if tokens[k].low in _SUBORDINATORS or (opener is not None and opener.low in _SUBORDINATORS):
        return None
    following = next((t for t in analysis.sentence_tokens(trigger.sentence) if t.start >= end), None)
    return end if following is not None and following.text in (",", ";") else None


def _planned(analysis: Analysis, modal: Mention) -> bool:
    """Whether "soll"/"sollen" gives a task or plan ("soll die Stadt verteidigen") rather than
    passing on a report ("soll die Stadt eingenommen haben", "sollen getötet worden sein"):
    its clause ends in a plain infinitive, not in "haben" or "sein"."""
    tokens = analysis.tokens
    k = modal.detail.first + 1
    last = None
    while k < len(tokens) and tokens[k].sentence == modal.sentence and tokens[k].low not in CLAUSE_BREAKS:
        if tokens[k].text[:1].isalpha():
            last = tokens[k].low
        k += 1
    if last is None or last in ("haben", "sein", "hat", "habe", "ist"):
        return False
    return last.endswith("en") and not last.startswith("ge") and last not in word_set("saying")
