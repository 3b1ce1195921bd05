"""Acts a clause names but does not tell as done: accidents and disasters of nature, drills,
futures and what can be done, acts foiled or warned of, denials' objects, tallies of a report,
and crimes someone is charged with.

Reads: a sentence's words and a trigger's clause (``clauses``). Writes nothing: each test
answers for the assertion pass of ``assembly``, which drops the trigger and says why.
"""

from __future__ import annotations

from itertools import takewhile

from ..language.lemmas import lemma as lemma_of_word
from ..language.mentions import Analysis
from ..language.quantities import adjective_form
from ..language.tolls import POSSESSIVES
from ..language.wordlists import noun_of, word_list, word_set
from ..records import Mention
from .clauses import bare_noun, clause_words, dated, governed_by, words_before

__all__ = ["accident_named", "campaign_course", "charged_with", "dead_tallied", "foiled", "foretold", "held_person", "kind_of_act", "nothing_in_the_air", "planned_or_threatened", "sums_up_several", "tallied", "warned_of", "warning_shots"]


def accident_named(analysis: Analysis, index: int) -> bool:
    """ "Bei einem Verkehrsunfall kamen sieben Soldaten ums Leben", "durch das Erdbeben": an
    accident or a disaster of nature, named by a compound of its kind, is no political
    violence; "sprach von einem Unfall" only calls it one."""
    heads = word_list("accident_heads")
    tokens = analysis.sentence_tokens(index)
    for k, token in enumerate(tokens):
        if token.text[:1].isupper() and token.low.endswith(heads):
            called = [t.low for t in tokens[max(0, k - 2) : k]]
            if "von" not in called:
                return True
    return False


# finite present forms of "werden" (the future) and "können" (what may be done)
_FUTURE_OR_ABILITY = frozenset(("wird", "werden", "werde", "werdet", "kann", "können", "könne"))
_AUXILIARIES = frozenset(("werden", "worden", "sein", "haben"))


def foretold(analysis: Analysis, trigger: Mention) -> bool:
    """ "..., werde die Armee die Angriffe ausweiten", "Raketen können jede Stadt treffen": a
    clause in the future or of what can be done, closed by a plain infinitive, tells no
    happening; "wird seit Tagen beschossen" (a participle) still tells one."""
    words = clause_words(analysis, trigger)
    if _FUTURE_OR_ABILITY.isdisjoint(words):
        return False
    last = next((w for w in reversed(words) if w[:1].isalpha()), "")
    return (last.endswith(("en", "ern", "eln")) and last not in _AUXILIARIES and last not in _FUTURE_OR_ABILITY
            and lemma_of_word(last) == last)  # fmt: skip


def warned_of(analysis: Analysis, trigger: Mention) -> bool:
    """ "warnte vor weiteren Luftangriffen", "hat vor einem Großangriff gewarnt": what someone
    warns of has not happened."""
    if not trigger.text[:1].isupper() or not governed_by(analysis, trigger, ("vor",), 4):
        return False
    return any(w.startswith(("warn", "gewarnt")) for w in analysis.sentence_words(trigger.sentence))


def charged_with(analysis: Analysis, trigger: Mention) -> bool:
    """ "ermittelt wegen Mordes", "wegen versuchten Totschlags verurteilt": a crime in the singular
    with no article after "wegen" is what someone is charged with, not a report of the act."""
    word = trigger.text
    if trigger.detail.phrase or not word[:1].isupper():
        return False
    lemma = lemma_of_word(word)
    if word.lower() not in (lemma, f"{lemma}s", f"{lemma}es"):
        return False  # "wegen heftiger Kämpfe": acts in the plural happened
    tokens = analysis.tokens
    k = trigger.detail.index - 1
    while k >= 0 and tokens[k].sentence == trigger.sentence and tokens[k].low != "wegen" and adjective_form(tokens[k].text):
        k -= 1
    return k >= 0 and tokens[k].sentence == trigger.sentence and tokens[k].low == "wegen"


def tallied(analysis: Analysis, trigger: Mention) -> bool:
    """ "dokumentierte Dutzende Hinrichtungen", "registrierte Hunderte Angriffe": acts in the
    plural that a report counts, on no day of their own, are a tally, not one happening."""
    if not _plural_noun(trigger):
        return False  # a singular noun names one act
    counting = word_list("tallying_verbs")
    return any(w.startswith(counting) for w in clause_words(analysis, trigger)) and not dated(analysis, trigger.sentence)


def _plural_noun(trigger: Mention) -> bool:
    """Whether the trigger is a noun in the plural ("Angriffe", "Hinrichtungen"): its lemma differs."""
    word = trigger.text
    return not trigger.detail.phrase and word[:1].isupper() and lemma_of_word(word) != word.lower()


_SEVERAL = frozenset("zwei drei vier fünf sechs sieben acht neun zehn beiden".split())


def sums_up_several(analysis: Analysis, triggers: list[Mention]) -> Mention | None:
    """ "Bei zwei Angriffen im Nordwesten und Südwesten sind 19 Menschen getötet worden": acts
    counted in the plural sum up several events the report tells one by one; the trigger, or None."""
    for trigger in triggers:
        if not _plural_noun(trigger) or not trigger.value.generic:
            continue  # ("zwei Raketen", "drei Drohnen": weapons counted, one attack)
        before = [t for t in analysis.tokens[max(0, trigger.detail.index - 2) : trigger.detail.index] if t.sentence == trigger.sentence]
        if any(t.low in _SEVERAL or (t.text.isdigit() and int(t.text) > 1) for t in before):
            return trigger
    return None


def held_person(analysis: Analysis, trigger: Mention) -> bool:
    """ "die Söhne des in den USA inhaftierten Drogenbosses": a participle of arrest before a
    noun says who someone is (held), not that anyone was arrested here."""
    if trigger.detail.phrase or trigger.value.sub_event_type != "Arrests" or not trigger.text[:1].islower():
        return False
    word = trigger.text.lower()
    if not word.endswith(("te", "ten", "ter", "tes", "tem")):
        return False
    following = analysis.tokens[trigger.detail.index + 1] if trigger.detail.index + 1 < len(analysis.tokens) else None
    return following is not None and following.sentence == trigger.sentence and following.text[:1].isupper()


def warning_shots(analysis: Analysis, trigger: Mention) -> bool:
    """ "Die Polizei schießt in die Luft": shots fired into the air warn; they hit no one."""
    if not trigger.text.lower().startswith(("schie", "schoss")):
        return False
    after = [t.low for t in analysis.tokens[trigger.detail.index + 1 : trigger.detail.index + 8] if t.sentence == trigger.sentence]
    before = words_before(analysis, trigger, 4)
    return "luft" in after[:4] or ("luft" in before and "in" in before)


def campaign_course(analysis: Analysis, trigger: Mention) -> bool:
    """ "Die US-Streitkräfte haben ihre Angriffe in Somalia deutlich ausgeweitet", "Die Luftangriffe
    auf Dörfer haben zugenommen": acts in the plural whose number changed tell how a campaign
    goes, not one act (unless the sentence gives a day or a figure of its own)."""
    if not _plural_noun(trigger):
        return False
    before = [t.low for t in analysis.tokens[max(0, trigger.detail.index - 2) : trigger.detail.index]]
    # "ihre Luftangriffe", "seine massiven Angriffe": whose acts; "Die Luftangriffe ... haben zugenommen": the acts of a kind
    determiners = POSSESSIVES | {"die"}
    if not (before[-1:] and before[-1] in determiners) and not (
            len(before) == 2 and before[0] in determiners and adjective_form(before[1])):  # fmt: skip
        return False
    trends = word_list("trend_verbs")
    index = trigger.sentence
    # a figure of the acts or their dead, not one of where ("in den drei Sahelstaaten"): one act told
    figures = [q for q in analysis.of_kind("quantity", index) if q.detail.kind != "article" and not _counts_places(analysis, q)]
    return any(w.startswith(trends) for w in clause_words(analysis, trigger)) and not dated(analysis, index) and not figures


def _counts_places(analysis: Analysis, figure: Mention) -> bool:
    """Whether the figure counts countries or areas ("den drei Sahelstaaten", "in zwei Provinzen")."""
    following = [t for t in analysis.sentence_tokens(figure.sentence) if t.start >= figure.end][:5]
    # ("den drei von Militärs regierten Sahelstaaten": the head noun after its attributes)
    return any(noun_of(t.low, "area_nouns") for t in takewhile(lambda t: t.text not in ",;:.", following))


def dead_tallied(analysis: Analysis, index: int) -> bool:
    """ "Das Menschenrechtsbüro zählte allein im Dezember mehr als 400 getötete Zivilisten": the
    dead a report counts over a month or a year are a tally, lent to no event (but "Die Behörden
    zählten 32 Tote" is the toll of the event told)."""
    counting = word_list("tallying_verbs")
    period = analysis.of_kind("date", index) and not dated(analysis, index)
    return bool(period) and any(w.startswith(counting) for w in analysis.sentence_words(index))


def kind_of_act(analysis: Analysis, trigger: Mention) -> bool:
    """ "Auch die Armee setzt auf Luftangriffe": a bare plural names a kind of act, not one that
    happened, where its sentence gives no place, day or dead of its own."""
    if not _plural_noun(trigger) or not bare_noun(analysis.tokens, trigger):
        return False
    index = trigger.sentence
    if index == 0 and analysis.document.title:
        return False  # a title's present tells the news
    own = analysis.of_kind("place", index) or analysis.of_kind("date", index) or analysis.of_kind("quantity", index)
    return not own and _told_in_the_present(analysis.sentence_words(index))


# Auxiliaries and modals of what happened or is said to have happened ("sei es zu Gefechten gekommen")
_PAST_OR_REPORTED = frozenset("wurde wurden worden war waren hatte hatten hat haben habe hätte hätten sei seien ist sind "
                              "soll sollen sollte sollten".split())


def _told_in_the_present(words) -> bool:
    """Whether a sentence's finite verb is a simple present in the singular ("setzt", "nutzt"),
    with no auxiliary of the past or of report (a plural present looks like a participle: "verloren")."""
    if _PAST_OR_REPORTED & set(words):
        return False
    for word in words:
        verb = lemma_of_word(word)
        if word[:1].isalpha() and len(verb) > 4 and verb.endswith("en") and word in (verb[:-2] + "t", verb[:-1] + "t"):
            return True
    return False


def planned_or_threatened(analysis: Analysis, trigger: Mention) -> bool:
    """ "Sie sollen Anschläge auf Pilger geplant haben", "hat mit neuen Angriffen gedroht": acts
    named as what someone plans or threatens (a noun as object, no zu-infinitive) were not done."""
    if trigger.detail.phrase or not trigger.text[:1].isupper():
        return False
    words = clause_words(analysis, trigger)
    if set(words) & word_set("planning_verbs"):
        return True  # the verb, not the attribute of another noun ("gegen geplante Steuererhöhungen")
    if not any(w.startswith(("droht", "drohe", "gedroht")) for w in words):
        return False
    # "mit der Wiederaufnahme ihrer Angriffe": what is threatened opens with "mit", a few words before
    before = [t.low for t in analysis.tokens[max(0, trigger.detail.index - 5) : trigger.detail.index]
              if t.sentence == trigger.sentence]  # fmt: skip
    return "mit" in before


def nothing_in_the_air(analysis: Analysis, trigger: Mention) -> bool:
    """ "Bewaffnete hätten den Bürgermeister vor seinem Haus abgefangen": what is intercepted, where
    no drone, missile or rocket is named, is a person waylaid or a ship stopped, no weapon's use
    disrupted."""
    word = trigger.text.lower()  # "abgefangen", "fing ... ab"
    if trigger.value.sub_event_type != "Disrupted weapons use" or not ("fang" in word or word.startswith("fing")):
        return False
    # "Sie seien abgefangen worden": the rockets of the sentence before
    told = [w for k in (trigger.sentence - 1, trigger.sentence) if k >= 0 for w in analysis.sentence_words(k)]
    return not any(noun_of(w, "airborne_weapons") for w in told)


def foiled(analysis: Analysis, trigger: Mention) -> bool:
    """ "Die Polizei vereitelte einen Anschlag", "einen geplanten Angriff verhindert": an act
    named as foiled or only planned did not happen."""
    if trigger.detail.phrase or not trigger.text[:1].isupper():
        return False
    i = trigger.detail.index
    tokens = analysis.tokens
    unrealised = word_list("unrealised_attributes")
    before = [t.low for t in tokens[max(0, i - 2) : i] if t.sentence == trigger.sentence]
    if any(w.startswith(unrealised) for w in before):
        return True
    return any(w.startswith(word_list("foiling_verbs")) for w in clause_words(analysis, trigger))
