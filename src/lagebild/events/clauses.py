"""Clause analysis: what a sentence's clauses say about a trigger in them.

Reads: an ``Analysis`` (tokens, cues, dates, triggers). Writes nothing: answers questions —
where a trigger's clause begins and ends, whether it is negated, speculative, a plan, a
lasting state, a habit, a pluperfect told as background, a subheading, a purpose or a
struggle "for" something, whether an actor is cited as a source or only describes a noun.
"""

from __future__ import annotations

import datetime as dt
import re

from ..language.lemmas import lemma as lemma_of_word
from ..language.mentions import ADMIN_NOUNS, PLACE_NOUNS, Analysis
from ..language.quantities import adjective_form
from ..language.tolls import POSSESSIVES
from ..language.wordlists import word_list, word_set
from ..records import Mention, TriggerDetail
from .timing import COARSE_DATES
from .windows import BACKGROUND_DAYS, SUBHEADING_MAX_WORDS

__all__ = ["ARTICLES", "CLAUSE_BREAKS", "INDEFINITE", "PREPOSITIONS", "TERMINAL", "absent", "across_a_dash", "advance_toward", "alleged", "another_set_aside", "asked", "attempted", "attribute", "bare_noun", "blaze", "caption", "cited_name", "conceded", "claim_at", "clause_of", "clause_words", "counted_back", "dated", "goes_on", "is_cited", "lasting_clauses", "lasting_since", "new_entry", "new_paragraph", "no_happening", "opinion_or_interview", "opposed", "paragraph_window", "purpose_of", "running_total", "subheading", "told_as_cause", "told_as_earlier", "told_before_in_clause", "topic_of_a_report", "unused_weapon", "who_fights_whom"]


INDEFINITE = frozenset("ein eine einem einen einer eines".split())
ARTICLES = INDEFINITE | frozenset("der die das des dem den".split())


def another_set_aside(analysis: Analysis, index: int) -> bool:
    """Whether the sentence tells an attack of its own ("bei einem Anschlag") dated by a month
    or a year, or by a distance back ("vor zwei Wochen"): another incident, whose dead belong to
    no event told before."""
    own = any(_indefinite(analysis.tokens, t.detail.index) for t in analysis.of_kind("trigger", index))
    return own and any(d.detail.kind in COARSE_DATES or counted_back(d) for d in analysis.of_kind("date", index))


def _indefinite(tokens, index: int | None) -> bool:
    """Whether the word at ``index`` follows an indefinite article, over adjectives ("bei einem
    ähnlichen Angriff", "bei einem weiteren schweren Anschlag")."""
    if not index:
        return False
    for k in range(index - 1, max(index - 4, -1), -1):
        if tokens[k].low in INDEFINITE:
            return True
        if not (adjective_form(tokens[k].text) and tokens[k].text[:1].islower()):
            return False
    return False


def counted_back(date: Mention) -> bool:
    """Whether a date is told as a distance back from the report ("vor zwei Wochen")."""
    return date.text.lower().startswith("vor ")


_EARLIER = frozenset(("erst", "bereits", "schon"))


def told_as_earlier(analysis: Analysis, index: int) -> bool:
    """ "Erst am Dienstag waren ...", "Bereits vor zwei Wochen hatte ...": a sentence opened by
    a date under "erst", "bereits" or "schon" tells an earlier incident, not more of the one before."""
    tokens = analysis.sentence_tokens(index)
    if len(tokens) < 3 or tokens[0].low not in _EARLIER:
        return False
    return any(d.start <= tokens[2].end for d in analysis.of_kind("date", index))


_GENRE_LABELS = ("kommentar", "meinung", "leitartikel", "gastbeitrag", "essay", "interview", "kolumne")
_LABEL_AT_START = re.compile(rf"\s*(?:{'|'.join(_GENRE_LABELS)})\b")
_LABEL_AS_KICKER = re.compile(rf"\b(?:{'|'.join(_GENRE_LABELS)})\s*[|:]")
# An interview or a Q&A asks a question every few sentences ("Frau Weber, wie ...?").
QUESTION_SHARE = 8


def opinion_or_interview(analysis: Analysis) -> bool:
    """Whether the report is a commentary, an opinion piece or an interview ("Kommentar zu ...",
    "Meinung |", "Die Fragen stellte ..."): it talks about events more than it reports them."""
    text = analysis.text
    head = text[:300].lower()
    first_line = head.strip().split("\n")[0]
    if _LABEL_AT_START.match(first_line) or _LABEL_AS_KICKER.search(head):
        return True
    if "die fragen stellte" in text.lower():
        return True
    questions = sum(1 for s in analysis.sentences if s.text.rstrip().endswith("?"))
    return questions >= 3 and questions * QUESTION_SHARE >= len(analysis.sentences)


def told_before_in_clause(analysis: Analysis, trigger: Mention) -> bool:
    """ "Zu dem Einsatz kam es, nachdem Bewaffnete zwei Männer ermordet hatten": a pluperfect
    clause under "nachdem" tells the incident that came before the one the main clause tells;
    where the main clause tells no event ("Rauch stieg auf, nachdem Drohnen die Stadt getroffen
    hatten"), it is the event itself."""
    start, end = clause_of(analysis.tokens, trigger)
    tokens = analysis.sentence_tokens(trigger.sentence)
    opener = [t.low for t in tokens if t.end <= start][-1:]
    if opener != ["nachdem"] or not set(clause_words(analysis, trigger)) & {"hatte", "hatten", "war", "waren"}:
        return False
    outside = [t.low for t in tokens if not start <= t.start < end]
    happened = any(a == "kam" and b == "es" or a == "es" and b == "kam" for a, b in zip(outside, outside[1:]))
    return happened or any(not start <= t.start < end for t in analysis.of_kind("trigger", trigger.sentence))


_SUBORDINATE = frozenset("wo wohin woher die der das welche welcher welches während seit seitdem nachdem wobei".split())


def lasting_clauses(analysis: Analysis, index: int) -> list[tuple[int, int]]:
    """The bounds of subordinate clauses ("…, wo russische Truppen seit Wochen vorrücken") that
    hold a cue of a lasting state; empty when such a cue stands in the main clause."""
    tokens = analysis.tokens
    spans = []
    for cue in analysis.of_kind("cue", index):
        if cue.value != "ongoing":
            continue
        first = cue.detail.first
        start, end = clause_of(tokens, Mention("cue", cue.text, cue.start, cue.end, None, index, TriggerDetail(first)))
        opener = next((t for t in analysis.sentence_tokens(index) if t.start >= start), None)
        if opener is None or opener.text.lower() not in _SUBORDINATE or start == analysis.sentences[index].start:
            return []
        spans.append((start, end))
    return spans


_CAPTION = re.compile(r"\((?:Archiv|Archivbild|Symbolbild|Archivfoto)\)|\b(?:Bild|Foto|Fotos|Quelle):\s", re.IGNORECASE)


def caption(analysis: Analysis, index: int) -> bool:
    """A photo's caption ("Dorf nach dem Angriff (Archiv) Bild: Agentur"): it shows, it does not
    report, and what it names is often from another day."""
    text = analysis.sentences[index].text
    # every caption mark has a bracket or a colon: most sentences are passed over without the pattern
    return ("(" in text or ":" in text) and bool(_CAPTION.search(text))


# "seit dem Überfall der Hamas am 7. Oktober 2023": the date of what a count runs from follows
# "seit" within a short phrase
_SINCE_REACH_CHARS = 48


def running_total(analysis: Analysis, index: int, reference: dt.date | None) -> bool:
    """ "Seit Kriegsausbruch starben in der Region über 9000 Menschen", "Allein in diesem
    Jahr starben ...": deaths counted over a period, not an event of the report."""
    words = analysis.sentence_words(index)
    cues = {m.value for m in analysis.of_kind("cue", index)}
    killing = "death" in cues or any(t.value.sub_event_type == "Attack" for t in analysis.of_kind("trigger", index))
    if not killing:
        return False
    text = " ".join(words)
    if any(f" {phrase} " in f" {text} " for phrase in word_list("period_phrases")):
        return True
    # "Auch mehrere Dutzend Israelis kamen bei Anschlägen ums Leben", right after a count over a
    # period and with no day of its own: that count goes on
    if words[:1] == ("auch",) and index > 0 and not analysis.of_kind("date", index) and (
            running_total(analysis, index - 1, reference)):  # fmt: skip
        return True
    if "seither" in words or "seitdem" in words[:2]:
        return True  # "Mindestens 15.000 Menschen wurden seither getötet", "Seitdem starben ..."
    for k, word in enumerate(words):
        if word != "seit":
            continue
        if set(words[k + 1 : k + 5]) & word_set("period_starts"):
            return True  # "seit der Machtübernahme", "seit Kriegsausbruch"
        since = analysis.sentence_tokens(index)[k]
        for d in analysis.of_kind("date", index):
            # "seit dem 7. Oktober 2023", "seit April", "seit dem Überfall der Hamas am 7. Oktober 2023"
            after_since = since.start <= d.start <= since.end + _SINCE_REACH_CHARS and not (
                set(analysis.text[since.end : d.start]) & set(",;.:"))  # fmt: skip
            if after_since and d.value.end is not None and (
                    reference is None or (reference - d.value.end).days > BACKGROUND_DAYS):  # fmt: skip
                return True
    return False


def paragraph_window(analysis: Analysis, index: int, reach: int) -> list[int]:
    """The sentences of ``index``'s paragraph within ``reach`` sentences of it, itself first;
    a sentence that tells an earlier incident ("Erst am Dienstag ...") begins a paragraph."""
    window = [index]
    for step in (-1, 1):
        k = index
        while 0 <= k + step < len(analysis.sentences) and abs(k + step - index) <= reach:
            if new_paragraph(analysis, max(k, k + step)) or told_as_earlier(analysis, max(k, k + step)):
                break
            k += step
            window.append(k)
    return window


def new_paragraph(analysis: Analysis, index: int) -> bool:
    """Whether a blank line comes before the sentence."""
    if index == 0:
        return True
    return "\n\n" in analysis.text[analysis.sentences[index - 1].end : analysis.sentences[index].start]


_ENTRY_HEADER = re.compile(r"(?:\d{1,2}\.\s*)?[^.:!?]{1,40}:\s")


def new_entry(analysis: Analysis, index: int) -> bool:
    """A ticker's next entry ("3. Mandalay, heute: Auch hier Schüsse") tells its own story,
    not more of the one before."""
    return new_paragraph(analysis, index) and bool(_ENTRY_HEADER.match(analysis.sentences[index].text))


def asked(analysis: Analysis, trigger: Mention) -> bool:
    """ "Ob die Miliz ihre Offensive ausweitet, ist unklar": a clause under "ob" asks; it tells nothing."""
    if "ob" not in analysis.sentence_words(trigger.sentence):
        return False
    start, _ = clause_of(analysis.tokens, trigger)
    tokens = analysis.sentence_tokens(trigger.sentence)
    before = [t.low for t in tokens if t.end <= start][-1:]
    first = [t.low for t in tokens if t.start >= start][:1]
    return before == ["ob"] or first == ["ob"]


def governed_by(analysis: Analysis, trigger: Mention, words: tuple[str, ...], reach: int) -> bool:
    """Whether a trigger word, or the first word of another mention, stands under one of
    ``words`` (a preposition), at most ``reach`` words before it, over its articles and
    adjectives ("ohne jeden nennenswerten Widerstand", "über die nächtlichen Kämpfe", "die mit
    dem IS verbündete Gruppe")."""
    return _governing(analysis, trigger, words, reach) is not None


def _governing(analysis: Analysis, trigger: Mention, words: tuple[str, ...], reach: int) -> int | None:
    """The token index of the word of ``words`` the trigger stands under, or None."""
    index = trigger.detail.index if isinstance(trigger.detail, TriggerDetail) else getattr(trigger.detail, "first", None)
    if not index:
        return None
    tokens = analysis.tokens
    k = index - 1
    while k >= 0 and index - k <= reach and tokens[k].sentence == trigger.sentence and tokens[k].low not in words and (
            tokens[k].low in _DETERMINERS or adjective_form(tokens[k].text)):  # fmt: skip
        k -= 1
    found = k >= 0 and index - k <= reach and tokens[k].sentence == trigger.sentence and tokens[k].low in words
    return k if found else None


def cases_of(analysis: Analysis, trigger: Mention) -> bool:
    """ "dokumentierte Dutzende Fälle von Folter": cases counted together are a tally of many
    acts, not one that happened."""
    k = _governing(analysis, trigger, ("von",), 3)
    return k is not None and k > 0 and analysis.tokens[k - 1].low in ("fall", "fälle", "fällen")


def topic_of_a_report(analysis: Analysis, trigger: Mention) -> bool:
    """ "Journalisten, die über die Kämpfe in Djibo berichtet hatten": what a report is about,
    named under "über" in a clause of telling, is not told there."""
    if not governed_by(analysis, trigger, ("über",), 3):
        return False
    return bool(set(clause_words(analysis, trigger)) & (word_set("saying") | word_set("reporting")))


def opposed(analysis: Analysis, trigger: Mention) -> bool:
    """ "die Sondergesandte gegen sexuelle Gewalt", "ein Gesetz gegen Folter": an act named as
    what someone stands against is no happening; but "Tränengas gegen Demonstranten" names
    people, not an act."""
    if trigger.text.lower().startswith(word_list("protester_nouns")):
        return False
    return governed_by(analysis, trigger, ("gegen",), 2)


_THROWING = frozenset(("wirft", "warf", "werfen", "warfen"))


def alleged(analysis: Analysis, trigger: Mention) -> bool:
    """ "Den Soldaten wird zur Last gelegt, Bauern erschossen zu haben", "wegen Mordes angeklagt": the
    trigger is what an accusation or charge says, in its own clause or in the infinitive that
    follows it; "nahmen Männer fest, denen sie Verbindungen vorwerfen" still tells an arrest."""
    start, end = clause_of(analysis.tokens, trigger)
    words = clause_words(analysis, trigger)
    clause = [w for w in words if w[:1].isalpha()]
    if clause[-1:] == ["vor"] and set(clause) & _THROWING:
        return True  # "Kabul wirft Islamabad einen Drohnenangriff vor": the separable verb closes the clause
    accusations = [m for m in analysis.of_kind("cue", trigger.sentence) if m.value == "allegation"]
    if any(start <= m.start < end for m in accusations):
        return True
    infinitive = any(a == "zu" and b in ("haben", "sein") for a, b in zip(words, words[1:]))
    if infinitive and any(m.end <= start for m in accusations):
        return True
    # "Es gebe Hinweise, dass es wieder Vergewaltigungen, Morde und Plünderungen gebe": what the indication says
    tokens = analysis.sentence_tokens(trigger.sentence)
    said = [m.end for m in accusations] + [t.end for t in tokens if t.low in word_set("indication_nouns")]
    cue_end = max((end for end in said if end <= trigger.start), default=None)
    return cue_end is not None and any(t.low in ("dass", "wonach") and cue_end <= t.start < trigger.start for t in tokens)


def unused_weapon(analysis: Analysis, trigger: Mention) -> bool:
    """ "erbeuteten sie Granatwerfer", "Raketen gelangen über die Grenze ins Land": a weapon handed over,
    taken or held, with no word saying it was used against anyone, is no attack."""
    if trigger.detail.phrase or not _a_weapon(trigger.text):
        return False
    before = words_before(analysis, trigger, 2)
    if before[-1:] == ["für"] or (before[:1] == ["für"] and before[-1] in ARTICLES | POSSESSIVES):
        return True  # "Lager und Werkstätten für Raketen": what the weapons are made or kept for
    words = analysis.sentence_words(trigger.sentence)
    text = f" {' '.join(words)} "
    handed = any(w.startswith(word_list("transfer_words")) for w in words) or any(
        f" {phrase} " in text for phrase in word_list("transfer_words") if " " in phrase) or _separated_transfer(words)
    # "setzten auf den Einsatz von Drohnen": relying on a weapon, not using it ("setzten Drohnen ein")
    setting = next((k for k, w in enumerate(words) if w in ("setzt", "setzen", "setzte", "setzten")), None)
    relying = setting is not None and "auf" in words[setting + 1 :] and "ein" not in words[setting + 1 :]
    # (a weapon's name says nothing of its use: "Sprengsätze" is no "gesprengt")
    return (handed or relying) and not any(w.startswith(word_list("impact_words")) and not (relying and w.startswith("setz"))
                                           and not _a_weapon(w) for w in words)  # fmt: skip


def words_before(analysis: Analysis, trigger: Mention, count: int) -> list[str]:
    """The lower-cased words of up to ``count`` tokens before a trigger, in its sentence."""
    index = trigger.detail.index
    return [t.low for t in analysis.tokens[max(0, index - count) : index] if t.sentence == trigger.sentence]


def in_support(analysis: Analysis, trigger: Mention) -> bool:
    """ "Die Truppen wehrten den Angriff mit Unterstützung von Kampfflugzeugen ab", "unterstützt
    von Kampfhubschraubern": arms that back up a fight on the ground are part of that fight
    (ACLED codes it as the battle), not a strike of their own."""
    if trigger.detail.index is None or trigger.detail.phrase:
        return False
    before = words_before(analysis, trigger, 4)
    for k, word in enumerate(before):
        if word == "unterstützung" and k > 0 and before[k - 1] in ("mit", "unter"):
            return True
        if word.startswith("unterstützt") and before[k + 1 : k + 2] in (["von"], ["durch"]):
            return True
    return False


def _separated_transfer(words: list[str]) -> bool:
    """ "Die Polizei stellte zwölf Gewehre und Granaten sicher": a separable verb of seizing
    (transfer_separable: stem and particle) with its particle after the things it seized."""
    for entry in word_list("transfer_separable"):
        stem, particle = entry.split()
        verb = next((k for k, w in enumerate(words) if w.startswith(stem)), None)
        if verb is not None and particle in words[verb + 1 :]:
            return True
    return False


def _a_weapon(word: str) -> bool:
    """A weapon's name, or a compound whose head is one ("Mittelstreckenrakete")."""
    weapons = word_set("weapon_lemmas")
    lemma = lemma_of_word(word)
    return word.lower() in weapons or lemma in weapons or lemma.lower().endswith(tuple(weapons))


def absent(analysis: Analysis, trigger: Mention) -> bool:
    """ "ohne Kampf", "ohne jede Gegenwehr": a noun after "ohne" names what did not happen."""
    return not trigger.detail.phrase and trigger.text[:1].isupper() and governed_by(analysis, trigger, ("ohne",), 4)


def conceded(analysis: Analysis, trigger: Mention) -> bool:
    """ "Trotz eines in Washington unterzeichneten Abkommens", "ungeachtet der Waffenruhe": a noun
    a concession names is taken as known, not told as news."""
    if trigger.detail.phrase or not trigger.text[:1].isupper():
        return False
    tokens, i = analysis.tokens, trigger.detail.index
    for k in range(i - 1, max(-1, i - 8), -1):
        if tokens[k].sentence != trigger.sentence or tokens[k].text in CLAUSE_BREAKS:
            return False
        if tokens[k].low in ("trotz", "ungeachtet"):
            return True
    return False


def blaze(analysis: Analysis, trigger: Mention) -> bool:
    """ "als ein Feuer am Flughafen ausbrach": "Feuer" that breaks out or is put out burns; it
    is no gunfire."""
    if trigger.text.lower() != "feuer":
        return False
    return any(w.startswith(word_list("blaze_words")) for w in clause_words(analysis, trigger))


def lasting_since(analysis: Analysis, trigger: Mention) -> bool:
    """ "Seit dem 15. April kämpfen Armee und Miliz gegeneinander": a verb in the present tense
    with "seit" and a date in its clause tells a state that goes on, not a happening."""
    word = trigger.text.lower()
    if trigger.text[:1].isupper():
        return _since_it_began(analysis, trigger)
    if " " in word or not _present_form(word):
        return False
    start, end = clause_of(analysis.tokens, trigger)
    since = [t for t in analysis.sentence_tokens(trigger.sentence)
             if start <= t.start < end and t.text.lower() in ("seit", "seitdem")]  # fmt: skip
    # "seit April", "seit dem 15. April": the date follows "seit", at most an article between
    return any(0 <= d.start - s.end <= 6 for s in since for d in analysis.of_kind("date", trigger.sentence))


def _since_it_began(analysis: Analysis, trigger: Mention) -> bool:
    """ "Seit Beginn der Kämpfe", "seit dem Ausbruch des Krieges", "seit den Kämpfen im Oktober":
    the noun dates a period that goes on, it tells no happening."""
    if trigger.detail.index is None:
        return False
    before = words_before(analysis, trigger, 4)
    if "seit" not in before:
        return False
    after_since = before[before.index("seit") + 1 :]
    # "seit den Kämpfen im Oktober", "seit den Protesten": acts in the plural under "seit" date a period too
    return bool(set(after_since) & word_set("period_starts")) or after_since[:1] == ["den"]


def _present_form(word: str) -> bool:
    """Whether a verb form is the present tense: the infinitive's form ("kämpfen") or its stem
    with -t ("kämpft", "tötet"); not "kämpften", "überfiel", "getötet"."""
    lemma = lemma_of_word(word)
    if word == lemma:
        return True
    stem = lemma[:-2] if lemma.endswith("en") else lemma[:-1]
    return word in (stem + "t", stem + "et") and not word.startswith("ge")


# "anzugreifen", "einzunehmen", "zurückzuerobern": a separable verb's zu-infinitive
_SEPARABLE_INFINITIVE = re.compile(r"^(?:an|ein|auf|aus|ab|vor|zurück|über|nieder)zu\w+en$")




def advance_toward(analysis: Analysis, trigger: Mention) -> bool:
    """ "Die Rebellen rückten auf Damaskus vor", "stießen in Richtung Kramatorsk vor": a move
    toward a place, no fight at it and no place taken, where no one is said to have died."""
    if not any(w.startswith(word_list("advancing_verbs")) or w.startswith(("vorge", "vorzu")) for w in trigger.text.lower().split()):
        return False  # the trigger itself moves: not "marschierten weiter und griffen X an"
    if "death" in {m.value for m in analysis.of_kind("cue", trigger.sentence)}:
        return False
    words = clause_words(analysis, trigger)
    return "richtung" in words or any(a == "auf" and b[:1].isalpha() and b not in ("dem", "der", "einem", "einer")
                                      for a, b in zip(words, words[1:]))


def attempted(analysis: Analysis, trigger: Mention) -> bool:
    """ "versuchen die Banden, die Gemeinde unter ihre Kontrolle zu bringen", "drohte, die Stadt
    anzugreifen", "bestreitet, Zivilisten getötet zu haben": what someone tries, plans or
    threatens to do, or denies having done (a zu-infinitive under such a verb), is not told as
    done."""
    words = clause_words(analysis, trigger)
    infinitive = "zu" in words or any(_SEPARABLE_INFINITIVE.match(w) for w in words)
    if not infinitive:
        return False
    before = [t.low for t in analysis.sentence_tokens(trigger.sentence) if t.end <= trigger.start]
    verbs = [w for w in before if w.startswith(word_list("attempt_verbs") + word_list("denial_verbs"))]
    # "Am Sonntagabend versuchten Bewaffnete, Schüler zu entführen": a dated attempt was made, an event
    # (a town tried and not taken was not taken: no capture)
    tried_on_a_day = verbs and all(w.startswith("versuchte") for w in verbs) and not trigger.value.territory and (
        dated(analysis, trigger.sentence))  # fmt: skip
    return bool(verbs) and not tried_on_a_day


def purpose_of(analysis: Analysis, trigger: Mention) -> bool:
    """ "um die Eroberung der Stadt zu verhindern": a trigger inside an "um ... zu" clause
    names a purpose, not a happening."""
    tokens = analysis.tokens
    i = trigger.detail.index
    k = i - 1
    while k >= 0 and tokens[k].sentence == trigger.sentence and tokens[k].text not in (",", ";", ":"):
        if tokens[k].low == "um":
            break
        k -= 1
    else:
        return False
    if k < 0 or tokens[k].low != "um" or tokens[k].sentence != trigger.sentence:
        return False
    j = i + 1
    while j < len(tokens) and tokens[j].sentence == trigger.sentence and tokens[j].text not in (",", ";", ":", "."):
        if tokens[j].low == "zu":
            return True
        j += 1
    return False


TERMINAL = tuple('.!?:"“”»«)')


def subheading(analysis: Analysis, index: int, body_start: int) -> bool:
    """A short line without a final stop inside the body ("Schwerste Ausschreitungen seit
    Jahren", "Viele Tote und Entführte") titles the paragraph around it; with no place of
    its own it tells no event that the paragraph does not tell better."""
    if index <= body_start:  # the headline and dateline before the first full sentence
        return False
    text = analysis.sentences[index].text
    if text.endswith(TERMINAL) or len(text.split()) > SUBHEADING_MAX_WORDS:
        return False
    return not analysis.of_kind("place", index)


_ARTICLES_AND_PLACE_NOUNS = frozenset(("die", "den", "das", "der", "dem")) | PLACE_NOUNS | ADMIN_NOUNS


def who_fights_whom(analysis: Analysis, trigger: Mention) -> bool:
    """ "die Koalition, die im Jemen gegen die Huthis kämpft": the present tense with "gegen"
    and no day in its clause tells a state of war, not a fight."""
    if trigger.text.lower() not in ("kämpft", "kämpfen"):
        return False
    start, end = clause_of(analysis.tokens, trigger)
    words = clause_words(analysis, trigger)
    on_a_day = any(start <= d.start < end and d.value.precision < 3 for d in analysis.of_kind("date", trigger.sentence))
    return "gegen" in words and not on_a_day


def no_happening(analysis: Analysis, triggers: list[Mention], index: int) -> bool:
    """A struggle for something ("kämpft um Einfluss", "Kampf für einen Gottesstaat") or a
    habit in the present passive with no date ("Gegner werden festgenommen") tells of no
    particular happening."""
    tokens = analysis.tokens
    for trigger in triggers:
        i = trigger.detail.index
        following = tokens[i + 1].low if i + 1 < len(tokens) and tokens[i + 1].sentence == index else ""
        word = trigger.text.lower()
        if word.startswith(("kampf", "kämpf")) and following in ("um", "für"):
            # "Kämpfe um (die Kleinstadt) Kafr Nabuda" are fought; "um Einfluss" is a struggle.
            k = i + 2
            while k < len(tokens) and tokens[k].low in _ARTICLES_AND_PLACE_NOUNS:
                k += 1
            # (a place mention may open with its noun: "Stadt Marib")
            fought_for_a_place = k < len(tokens) and any(m.start <= tokens[k].start < m.end for m in analysis.of_kind("place", index))
            if not (following == "um" and fought_for_a_place):
                return True
        if word == "kampf" and following == "gegen":  # "im Kampf gegen das Militär": a cause, not a clash
            return True
        if word.startswith("kämpf") and trigger.text[:1].islower() and "für" in _clause_before(analysis, trigger):
            return True  # "die Separatisten, die für einen eigenen Staat kämpfen": a struggle, verb last
        if i >= 2 and tokens[i - 2].low in ("ende", "beendigung", "einstellung", "stopp") and (
                tokens[i - 1].low in ("der", "aller")):  # fmt: skip
            return True  # "ein dauerhaftes Ende der Kämpfe": a goal, not fighting
    words = set(analysis.sentence_words(index))
    # a day the sentence names lets the pluperfect tell news ("Am Montag hatten ..."); a distance
    # back ("Vor wenigen Tagen hatte ...") tells what came before the story
    if any(d.value.precision < 3 and not counted_back(d) for d in analysis.of_kind("date", index)):
        return False
    habitual = bool(words & {"werden", "werde"}) and not words & {"worden", "wurde", "wurden"}
    # The pluperfect tells what had happened before the story: background, unless dated.
    # Judged in the trigger's own clause ("Der Tod von X, die ... beschuldigt wurde, hatte
    # Unruhen ausgelöst").
    # "um gegen X zu protestieren": an infinitive tells a purpose, not a happening.
    finite = [t for t in triggers if tokens[t.detail.index - 1].low != "zu"] or triggers
    pluperfect = all(_pluperfect(analysis, t) for t in finite)
    verbal = all(t.detail.phrase or t.text[:1].islower() or bare_noun(tokens, t) for t in triggers)
    return pluperfect or (habitual and verbal)


_DETERMINERS = frozenset(("ein", "eine", "einen", "einem", "einer", "eines", "der", "die", "das", "den", "dem", "des",
                          "diese", "dieser", "diesen", "diesem", "dieses", "zwei", "drei", "mehrere", "beim", "im", "am",
                          "vom", "zum", "zur"))


def bare_noun(tokens, trigger: Mention) -> bool:
    """ "Drohnen würden bei Angriffen der Milizen eingesetzt": a noun with no article or number
    names a kind of act; in the present passive it tells a habit, not a happening."""
    if trigger.detail.phrase or not trigger.text[:1].isupper():
        return False
    i = trigger.detail.index - 1
    while i >= 0 and tokens[i].sentence == trigger.sentence and tokens[i].text[:1].islower() and (
            tokens[i].low not in _DETERMINERS and tokens[i].text.endswith(("e", "en", "er", "es", "em"))):  # fmt: skip
        i -= 1  # adjectives before the noun
    word = tokens[i].low if i >= 0 and tokens[i].sentence == trigger.sentence else ""
    return not (word in _DETERMINERS or word[:1].isdigit())


_DASHES = ("–", "—", " - ")


def across_a_dash(text: str, a: Mention, b: Mention) -> bool:
    """Whether a dash stands between two mentions: in a title it parts two stories ("Weitere
    Tote in Cherson – Polizei löst Demonstration in Kiew auf")."""
    between = text[min(a.end, b.end) : max(a.start, b.start)]
    return any(dash in between for dash in _DASHES)


def claim_at(analysis: Analysis, index: int) -> int | None:
    """Where the sentence tells a claim of responsibility ("bekannte sich zu dem Angriff",
    "reklamierte die Tat für sich", "übernahm die Verantwortung"): the claim word's offset."""
    tokens = analysis.sentence_tokens(index)
    if tokens and tokens[0].low == "hinter" and any(t.low in _STANDS_BEHIND for t in tokens[1:8]):
        return tokens[0].start  # "Hinter dem Angriff steht nach Angaben der Behörden die Bande X": who is responsible
    return next((t.start for t in tokens if t.low in word_set("claim_words")), None)


_STANDS_BEHIND = frozenset(("steht", "stehen", "stand", "standen", "steckt", "stecken", "steckte", "steckten", "stehe", "stecke"))


def dated(analysis: Analysis, index: int) -> bool:
    """Whether the sentence names the day or week of what it tells ("am Montag", "gestern")."""
    return any(d.value.precision < 3 for d in analysis.of_kind("date", index))


def _clause_before(analysis: Analysis, trigger: Mention) -> list[str]:
    """The lower-cased words of the trigger's clause before it."""
    start, _ = clause_of(analysis.tokens, trigger)
    return [t.low for t in analysis.sentence_tokens(trigger.sentence) if start <= t.start and t.end <= trigger.start]


def clause_words(analysis: Analysis, trigger: Mention) -> tuple[str, ...]:
    """The lower-cased words of the clause around ``trigger`` (worked out once per mention:
    several clause tests ask for them)."""

    def words() -> tuple[str, ...]:
        start, end = clause_of(analysis.tokens, trigger)
        return tuple(t.low for t in analysis.sentence_tokens(trigger.sentence) if start <= t.start and t.end <= end)

    return analysis.memo(("clause_words", trigger.kind, trigger.start, trigger.end), words)


def _pluperfect(analysis: Analysis, trigger: Mention) -> bool:
    """ "hatte ... angegriffen", "waren ... auf die Straße gegangen": told as before the story."""
    words = clause_words(analysis, trigger)
    if set(words) & {"hat", "haben", "wurde", "wurden", "ist", "sind"}:
        return False
    with_sein = bool(set(words) & {"war", "waren"}) and any(w.startswith("ge") and len(w) > 5 for w in words[-3:])
    return bool(set(words) & {"hatte", "hatten"}) or with_sein


def attribute(mention: Mention, tokens) -> bool:
    """ "der von der Hamas kontrollierten Behörde", "die von Ruanda unterstützte M23": the actor
    describes another noun and plays no part of its own."""
    first, last = mention.detail.first, mention.detail.last
    if first is None or last + 1 >= len(tokens) or tokens[last + 1].sentence != mention.sentence:
        return False
    before = {t.low for t in tokens[max(0, first - 2) : first] if t.sentence == mention.sentence}
    if before & {"von", "vom"} and _attributive(tokens[last + 1].text):
        return True
    # "der HTS, einem Ableger des Terrornetzwerks Al-Kaida": a group named to say what another is part of
    lead = [t.low for t in tokens[max(0, first - 4) : first] if t.sentence == mention.sentence]
    return any(w.startswith(word_list("offshoot_nouns")) and lead[k + 1 : k + 2] in (["des"], ["der"], ["von"])
               for k, w in enumerate(lead))  # fmt: skip


def _attributive(word: str) -> bool:
    """A participle that makes the actor before it an attribute ("kontrollierten", "geführte")."""
    stem = word.lower()
    for ending in ("en", "er", "es", "em", "e"):
        if stem.endswith(ending) and stem[: -len(ending)] in word_set("attributive_stems"):
            return True
    return stem in word_set("attributive_stems")


def is_cited(mention: Mention, tokens) -> bool:
    """Whether the report cites this actor ("nach Angaben von Aktivisten", "der Armee zufolge")
    rather than telling what it did."""
    first, last = mention.detail.first, mention.detail.last
    if first is None:
        return False
    if first > 1 and tokens[first - 1].text == "(" and last + 1 < len(tokens) and tokens[last + 1].text == ")":
        # "teilte die Regierung der Nationalen Einheit (NUG) mit": an abbreviation in brackets is
        # cited as the name it follows is
        first, last = _name_before(tokens, first - 2, mention.sentence), first - 2
    before = [t.low for t in tokens[max(0, first - 3) : first] if t.sentence == mention.sentence]
    after = [t.low for t in tokens[last + 1 : last + 2] if t.sentence == mention.sentence]
    citing = next((k for k in range(len(before) - 1, -1, -1) if before[k] in word_set("citing")), None)
    # "nach eigenen Angaben 30 Extremisten getötet": the subject's own word; what follows is counted, not cited
    own_word = citing is not None and (
        (citing > 0 and before[citing - 1] in ("eigenen", "eigener")) or any(w[:1].isdigit() for w in before[citing + 1 :]))  # fmt: skip
    if (citing is not None and not own_word) or after == ["zufolge"]:
        return True
    if after and after[0] in word_set("saying"):
        return True  # "Die ukrainische Armee meldete zwölf russische Sturmangriffe": who reports, not who acted
    if _speaker_after_a_quote(tokens, first, mention.sentence):
        return True
    if "wie" in before:  # "Wie die Armee des Landes mitteilte, ..."
        clause = []
        for t in tokens[last + 1 : last + 10]:
            if t.sentence != mention.sentence or t.text == ",":
                break
            clause.append(t.text.lower())
        return any(w in word_set("saying") for w in clause)
    return False


def _name_before(tokens, last: int, sentence: int) -> int:
    """Where the name ending at ``last`` begins: its capitalised words and the articles and
    adjectives between them ("Regierung der Nationalen Einheit")."""
    k = last
    while k > 0 and last - k < 8 and tokens[k - 1].sentence == sentence and tokens[k - 1].low not in word_set("citing") and (
            tokens[k - 1].text[:1].isupper() or tokens[k - 1].low in ("der", "des", "von", "für")):  # fmt: skip
        k -= 1
    while k < last and tokens[k].low in ("der", "des", "von", "für"):
        k += 1  # the name opens with a word of its own, not a joiner
    return k


def cited_name(analysis: Analysis, trigger: Mention) -> bool:
    """ "nach Angaben der ukrainischen Luftwaffe": a trigger word inside the name of who is
    cited names a source, not an act."""
    return any(m.start <= trigger.start and trigger.end <= m.end and is_cited(m, analysis.tokens)
               for kind in ("actor", "description") for m in analysis.of_kind(kind, trigger.sentence))  # fmt: skip


def _speaker_after_a_quote(tokens, first: int, sentence: int) -> bool:
    """ "„Sie haben die Häuser angezündet“, sagte ein ranghoher Polizist": the subject of a
    speech verb that follows what was said, over its article and adjectives."""
    saying = word_set("saying")
    if first > 1 and tokens[first - 1].low in _DETERMINERS and tokens[first - 2].low in _ATTRIBUTE_PREPOSITIONS:
        return False  # "die von der Hamas kontrollierte Behörde": inside the speaker's attribute, not the speaker
    k = first - 1
    while k >= 0 and tokens[k].sentence == sentence and tokens[k].low not in saying and (
            tokens[k].low in _DETERMINERS or adjective_form(tokens[k].text)
            or (k > 0 and tokens[k].text[:1].isupper() and tokens[k - 1].low in _ATTRIBUTE_PREPOSITIONS)  # "im Untergrund agierende"
            or tokens[k].low in _ATTRIBUTE_PREPOSITIONS):  # fmt: skip
        k -= 1
    if k < 1 or tokens[k].sentence != sentence or tokens[k].low not in saying:
        return False
    return tokens[k - 1].text in (",", "“", "”", '"', "«", "»")


# Prepositions inside an attribute before a name ("die im Untergrund agierende Regierung")
_ATTRIBUTE_PREPOSITIONS = frozenset(("im", "in", "aus", "von", "vom"))


_CAUSING = ("ausgelöst", "auslöser", "hervorgerufen", "provoziert")


def told_as_cause(analysis: Analysis, trigger: Mention) -> bool:
    """ "Die Offensive wurde durch verstärkte Luftangriffe ausgelöst", "als Reaktion auf den
    Anschlag": an act named as the cause of what the sentence tells happened before it."""
    index = trigger.detail.index
    if index is None or not trigger.text[:1].isupper():
        return False
    start, _ = clause_of(analysis.tokens, trigger)
    before = [t.low for t in analysis.tokens[max(0, index - 8) : index] if t.sentence == trigger.sentence and t.start >= start]
    if "reaktion" in before[-3:] and "auf" in before[-2:]:
        return True
    words = analysis.sentence_words(trigger.sentence)
    return "durch" in before and any(w.startswith(_CAUSING) for w in words)


def goes_on(analysis: Analysis, index: int) -> bool:
    """A sentence opening with "Dabei" goes on about the sentence before it."""
    first = analysis.first_token(index)
    return first is not None and first.text.lower() in ("dabei", "hierbei", "dadurch")


PREPOSITIONS = frozenset("gegen auf mit bei für unter zwischen an in aus nach über vor zu zur zum".split())


CLAUSE_BREAKS = frozenset(list(",;:()–—") + ["nachdem", "während", "weil", "dass", "bevor", "wobei", "obwohl", "als", "wie"])


def clause_of(tokens, trigger: Mention) -> tuple[int, int]:
    """Character bounds of the clause around ``trigger`` (a trigger, or a name by its first
    token): commas and conjunctions bound it."""
    index = trigger.detail.index if isinstance(trigger.detail, TriggerDetail) else getattr(trigger.detail, "first", None)
    if index is None:
        return 0, 10**9
    global _clauses_known
    # The rules ask for the clauses of the same few words again and again (some fifty times a
    # report): kept for the tokens of the report at hand.
    known_tokens, size, known = _clauses_known
    if known_tokens is not tokens or size != len(tokens):
        known = {}
        _clauses_known = (tokens, len(tokens), known)
    key = (index, trigger.sentence)
    bounds = known.get(key)
    if bounds is None:
        bounds = known[key] = _clause_around(tokens, index, trigger.sentence)
    return bounds


_clauses_known: tuple[list, int, dict[tuple[int, int], tuple[int, int]]] = ([], 0, {})


def _clause_around(tokens, index: int, sentence: int) -> tuple[int, int]:
    start, end = tokens[index].start, tokens[index].end
    k = index - 1
    while k >= 0 and tokens[k].sentence == sentence and not _breaks_clause(tokens, k):
        start = tokens[k].start
        k -= 1
    k, n = index + 1, len(tokens)
    while k < n and tokens[k].sentence == sentence and not _breaks_clause(tokens, k):
        end = tokens[k].end
        k += 1
    return start, end


def _breaks_clause(tokens, k: int) -> bool:
    word = tokens[k].low
    # "mehr als 50 Soldaten": a comparison, not a clause "als" opens
    return word in CLAUSE_BREAKS and not (word == "als" and k > 0 and tokens[k - 1].low in _COMPARATIVES)


_COMPARATIVES = frozenset(("mehr", "weniger", "über", "knapp", "anders"))
