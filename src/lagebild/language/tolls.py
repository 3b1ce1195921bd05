"""Death tolls: which numbers in a sentence count the dead, and an event's fatality range.

Reads: an ``Analysis`` (tokens, quantity and cue mentions). Writes: ``(Quantity, Mention)``
pairs, one per figure of the dead ("drei Menschen", "mehr als 200 Zivilisten", "einen
Fahrgast", "Verletzt wurde niemand" = 0, "kamen Menschen ums Leben" = 3 with no upper bound),
and the ``Quantity`` an event reports, following the annotation guidelines' reading.
Injured and captured people, subsets ("darunter fünf Kinder"), running totals, distances and
ages are no figures of the dead.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import takewhile

from ..records import FigureDetail, Mention, Quantity
from .mentions import QUOTES, Analysis
from .quantities import ONE_MORE, adjective_form
from .wordlists import head_noun_of, noun_of, word_list, word_set

__all__ = ["NEGATIONS", "POSSESSIVES", "deaths_in", "killed_or_injured", "toll"]

NEGATIONS = frozenset(("nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals"))


def deaths_in(analysis: Analysis, index: int) -> list[tuple[Quantity, Mention]]:
    """Death figures of one sentence; injured, captives, the displaced and subsets ("darunter fünf") left out."""
    # Asked for each trigger of a sentence and again for what follows it: read once.
    return list(analysis.memo(("deaths_in", index), lambda: tuple(_deaths_in(analysis, index))))


def _deaths_in(analysis: Analysis, index: int) -> list[tuple[Quantity, Mention]]:
    tokens = analysis.sentence_tokens(index)
    cues, figures = analysis.of_kind("cue", index), analysis.of_kind("quantity", index)
    if not tokens or not (cues or figures):
        return []  # no figure and no word of death, harm or capture: nobody counted (most sentences)
    cue_at: dict[int, str] = {}
    for m in cues:
        if not _fell_to(tokens, m):
            cue_at.setdefault(m.start, m.value)
    # "darunter", "unter ihnen", "einschließlich": the figure after counts some of the dead counted already
    subsets = [m.end for m in cues if m.value == "subset"]
    found = []
    words = analysis.sentence_words(index)
    updated = _toll_update(tokens, words, figures)
    if updated == _SINCE_LONG_AGO or (updated is None and not cues):
        # "Seit Kriegsbeginn ist die Zahl der Toten auf 20.000 gestiegen": no event's dead; without a cue word, no toll
        return []
    if _commemorated(words, cues):
        return []  # "Tausende gedachten der 112 Todesopfer des Brandes": the dead of an earlier event
    # "Unter den Toten war nach Angaben der Klinik auch ein zweiter Attentäter": the sentence names some of the dead
    among_the_dead = [t.low for t in tokens[:3]] in (["unter", "den", "toten"], ["unter", "den", "opfern"], ["unter", "den", "getöteten"])
    for q in figures:
        if any(0 <= q.start - end <= SUBSET_REACH_CHARS for end in subsets):
            continue
        if updated is not None and 0 <= q.start - updated <= _UPDATE_REACH_CHARS:
            # "Die Zahl der Toten ist auf 41 gestiegen": the event's toll as it stands
            found.append((q.value, replace(q, detail=replace(q.detail, standing=True))))
            updated = None
            continue
        position = next((k for k, t in enumerate(tokens) if t.start >= q.end), len(tokens))
        previous = [t.low for t in tokens[max(0, position - 8) : position]]
        first = next((k for k, t in enumerate(tokens) if t.start >= q.start), position)
        if (aged := _age_of_one(tokens, first, position)) is not None:
            found.extend([(Quantity(1, 1, 1), replace(q, value=Quantity(1, 1, 1)))] if _one_dead(tokens, aged, cue_at) else [])
            continue
        if among_the_dead or _counted_otherwise(previous, analysis, index):
            continue
        value = q.value
        window = tokens[position : position + (4 if q.detail.kind == "article" else 8)]
        if len(window) > 1 and window[0].text == "-" and window[1].low.startswith("jährig"):
            # "eine 58-jährige Frau": an age; the article before it counts the person
            article = tokens[position - 2].low if position >= 2 else ""
            if article not in ("ein", "eine", "einen", "einer", "einem"):
                continue
            if found and position >= 3 and tokens[position - 3].text == "," and _generic_people(tokens[position - 4]):
                continue  # "zwei Zivilisten, ein 67-jähriger Mann und seine Frau": the same two, named
            value, window = Quantity(1, 1, 1), tokens[position + 2 : position + 6]
        if q.detail.kind == "article" and any(t.low in word_set("pairs_of_people") for t in window[:2]):
            value = Quantity(2, 2, 2)  # "ein älteres Ehepaar": two people
        # "in Gao 23 Kämpfer, in Ansongo weitere 12", "In Kiew starben zwei Menschen, in Charkiw drei": the
        # noun left out, the figure counts what the one before did
        in_a_town = first >= 2 and tokens[first - 2].low in ("in", "im", "bei") and tokens[first - 1].text[:1].isupper()
        # ("in Sumy zwei weitere": the noun left out after "weitere")
        after_more = len(window) > 1 and window[0].low in ("weitere", "weiteren") and not window[1].text[:1].isalpha()
        rival = _another_sources_count([t.low for t in tokens[max(0, first - 6) : first]], q)
        elided = bool(found) and (not window or not window[0].text[:1].isalpha() or after_more) and (
            previous[-2:-1] in (["weitere"], ["weiteren"]) or in_a_town or rival)  # fmt: skip
        if not elided and (not window or not _counts_people(window)):
            continue
        # the wounded who died later were counted among the injured, not among the dead before
        died_of_wounds = any(t.low.endswith(word_list("injured_heads")) and t.text[:1].isupper() for t in window[:3])
        # (the verb of their death may come first: "erlagen zwei Verletzte ihren Wunden")
        if died_of_wounds and not any(cue_at.get(t.start) == "death" for t in window[1:5]) and not (
                first >= 1 and cue_at.get(tokens[first - 1].start) == "death"):  # fmt: skip
            continue  # "Sechs Tote, mehrere Schwerverletzte": the injured are counted apart, unless they died
        # The verb may come late: "fast 100 Kämpfer ... während der Kämpfe am Mittwoch ihr Leben verloren".
        label, joined_verb, wounded = _verb_after(tokens, position, 6 if q.detail.kind == "article" else 26, cue_at)
        died_of_wounds = died_of_wounds or wounded
        before: set[str | None] = set()
        if label is None:
            # The verb may come first: "starben am Montag durch Artilleriebeschuss zwei Zivilisten";
            # "verloren 30 Kämpfer", "fielen 17 Soldaten": a side's losses, read only before the figure
            before = _cues_before(tokens, first, cue_at)
            label = "death" if {"death", "loss"} & before else None
            if label is None and joined_verb is not None and cue_at[joined_verb.start] == "death":
                label = "death"  # "... und töteten drei Passanten"
        own_verb = label is None and bool({"injury", "captive", "displaced"} & before)  # "und verletzte drei"
        if label is None and found and not own_verb and (elided or 0 <= q.start - found[-1][1].end <= 40) and not (
                _subordinate_between(tokens, found[-1][1].end, q.start)):  # fmt: skip
            label = "death"  # "das Leben von 23 Milizionären und 8 Polizisten": one verb, both figures
        if label == "death" and _killer_counted(tokens, position):
            continue  # "Ein Scharfschütze tötete einen Sanitäter": who killed, not who died
        if label == "death":
            if died_of_wounds or _more_dead(tokens, position, q):
                q = replace(q, detail=replace(q.detail, more=True))
            side = _side_counted(window)
            people = side is None and bool(window) and _generic_people(window[0])
            q = replace(q, detail=replace(q.detail, side=side, people=people, rival=rival))
            found.append((value, q))
    if not found:
        found = _deaths_without_figure(analysis, index, tokens)
        if found and found[0][1].kind == "quantity":  # "den Polizeichef und seinen Fahrer"
            found.extend(_kin_of_the_dead(tokens, found))
        return found
    found.extend(_kin_of_the_dead(tokens, found))
    found.extend(_named_one_before(tokens, found))
    if (besides := _besides(tokens, found[0][1])) is not None:
        found.insert(0, besides)
    return found


def _commemorated(words: tuple[str, ...], cues: tuple[Mention, ...]) -> bool:
    """Whether the sentence commemorates the dead of an earlier event and kills no one itself:
    a word of remembrance and no verb of death ("getötet", "starben"; a noun such as
    "Todesopfer" names the dead remembered)."""
    return not set(words).isdisjoint(word_set("commemoration_words")) and not any(
        m.value == "death" and m.text[:1].islower() for m in cues)


def _counted_otherwise(previous: list[str], analysis: Analysis, index: int) -> bool:
    """Whether the words before a figure say it counts no new dead: some of those counted
    already, who tells, ages, or a running total."""
    if any(w in ("darunter", "davon") for w in previous[-5:-1]):
        return True
    if previous[-2:-1] == ["wie"]:
        return True  # "wie ein örtlicher Helfer sagte": who tells, not who died
    if "alter" in previous[-5:] and previous[-5:].index("alter") < len(previous[-5:]) - 1:
        return True  # "im Alter von 54 und 61 Jahren": ages, not the dead
    if "unter" in previous and set(previous) & {"toten", "opfern", "getöteten"}:
        return True  # "unter den Toten war ein zweiter Attentäter": one of the dead counted already
    totals = set(previous) & word_set("total_words")
    # a running total ("seit Beginn des Krieges 20.000 Tote") is no event's figure; but "insgesamt
    # starben bei dem Überfall 41" sums the dead of the one attack its definite noun names
    one_event = totals <= _SUMS and _of_the_event_named(previous)
    return bool(totals) and not _since_recently(previous) and not (totals <= _SUMS and _on_one_day(analysis, index)) and (
        not one_event)  # fmt: skip


def _of_the_event_named(previous: list[str]) -> bool:
    """Whether the words before a figure name one event with a definite article ("bei dem
    Überfall", "beim Anschlag")."""
    return any(a in ("dem", "diesem", "beim") and b.endswith(word_list("event_nouns")) for a, b in zip(previous, previous[1:]))


def _verb_after(tokens, position: int, reach: int, cue_at: dict[int, str]):
    """What the words after a figure say of those it counts: the cue of their verb ("14 Soldaten
    wurden getötet") or None; the cue word that opens a clause joined by "und", where the search
    stopped ("tötete einen Zivilisten und verletzte zwei weitere": that verb is another clause's);
    and whether the counted noun is of the injured ("Vier Verletzte erlagen ihren Wunden")."""
    words = tokens[position : position + reach]
    wounded = False
    for j, t in enumerate(words):
        if t.text in ".;:" or (t.text == "," and t is not words[0]):
            break
        cue = cue_at.get(t.start)
        if j and words[j - 1].low in ("und", "sowie") and t.text[:1].islower() and cue:
            return None, t, wounded
        partitive = j == 1 and words[0].low in ("der", "den")  # "Zwei der Verletzten starben später"
        if cue in ("injury", "captive") and (t is words[0] or partitive) and t.text[:1].isupper():
            wounded = wounded or cue == "injury"
            continue  # "drei Geiseln wurden getötet": the noun counted; its verb tells their fate
        if cue == "injury" and j and words[j - 1].low in POSSESSIVES and t.text[:1].isupper():
            continue  # "erlagen zwei Verletzte ihren Verletzungen": what they died of, not their fate
        if cue == "death" and t is not words[0] and t.text[:1].isupper() and _named_as_others(tokens, position + j):
            continue  # "Tausende nahmen Abschied von den Opfern": the dead are others than those counted
        if cue in ("death", "injury", "captive", "displaced"):
            if cue == "death" and _or_injured(tokens, position + j, cue_at):
                return "injury", None, wounded  # "getötet oder verletzt": the dead and the injured in one figure
            return cue, None, wounded
    return None, None, wounded


def _cues_before(tokens, first: int, cue_at: dict[int, str]) -> set[str | None]:
    """The cues of the words before a figure back to its clause's start (from the figure's first
    word: "und" of "zwischen 40 und 50" is the figure's own); the last of a list of the dead looks
    back over the list ("erschossen ... den Imam, seinen Sohn und zwei Nachbarn")."""
    listed = first > 1 and tokens[first - 1].low in ("und", "sowie") and _person_noun(tokens[first - 2].low)
    reach = 24 if listed else _VERB_REACH_TOKENS
    if "attribution" in {cue_at.get(t.start) for t in tokens[max(0, first - reach) : first]}:
        # "starben nach Angaben der von X kontrollierten Behörde am Dienstag 25 Menschen": an
        # inserted source puts its words between the verb and the figure
        reach += _SOURCE_INSERT_TOKENS
    before = set()
    k = first
    for k in range(first - 1, max(0, first - reach) - 1, -1):
        t = tokens[k]
        if listed and k == first - 1:
            continue
        if t.text in ".;:" or t.low in ("und", "sowie", "aber"):
            return before
        if t.text == "," and k + 1 < first and tokens[k + 1].low in _SUBORDINATORS:
            return before  # "..., als sich ein Attentäter in die Luft sprengte": another clause's verb
        before.add(cue_at.get(t.start))
    # "Getötet wurden bei dem Angriff auf das Dorf am Dienstag ein Soldat und ...": a participle
    # of death put first in the sentence tells the fate of every figure of its clause
    if k > 0 and cue_at.get(tokens[0].start) == "death" and tokens[0].text[:1].isupper() and not any(
            t.text in ".;:" for t in tokens[:k]):  # fmt: skip
        before.add("death")
    return before


def _subordinate_between(tokens, start: int, end: int) -> bool:
    """Whether a clause opened by a subordinator after a comma begins between two offsets."""
    between = [t for t in tokens if start <= t.start < end]
    return any(a.text == "," and b.low in _SUBORDINATORS for a, b in zip(between, between[1:]))


# Words that open a subordinate clause after a comma: its figures are not the main verb's
_SUBORDINATORS = frozenset("als nachdem während weil wo wie bevor dass ob wenn".split())


# How far back from a figure its verb may stand: "starben am Montag durch Artilleriebeschuss zwei Zivilisten"
_VERB_REACH_TOKENS = 10
_SOURCE_INSERT_TOKENS = 8


_DEAD_COUNTED = frozenset(("toten", "todesopfer", "getöteten", "opfer"))
_TOLL_NOUNS = frozenset(("opferzahl", "totenzahl", "todeszahl", "opferbilanz"))  # "Die Opferzahl stieg auf 41"
# "ist auf 41 gestiegen", "bezifferten die Zahl der Toten auf 16": the toll as it stands
_RISING = ("gestiegen", "angestiegen", "stieg", "stiegen", "erhöht", "erhöhte", "kletterte", "geklettert", "beziffer")
_WARS = ("krieg", "kriegs", "krieges", "konflikt", "konflikts", "konfliktes")
# "seit Sonntag", "seit gestern", "seit dem Morgen": since a recent day the toll of one event
# rose, not a war's count
_RECENT = frozenset("montag dienstag mittwoch donnerstag freitag samstag sonntag gestern vorgestern wochenende "
                    "morgen vormittag mittag nachmittag abend nacht mitternacht tagesanbruch".split())


# "am Montag insgesamt 45": the sum of one day's dead, where the sentence names the day
_SUMS = frozenset(("insgesamt", "gesamt"))


def _on_one_day(analysis: Analysis, index: int) -> bool:
    """Whether the sentence names one day ("am Montag", "gestern") and no period ("seit")."""
    return "seit" not in analysis.sentence_words(index) and any(d.value.precision == 1 for d in analysis.of_kind("date", index))


def _since_recently(words: list[str]) -> bool:
    """ "seit Mitternacht 34 Menschen", "seit dem Morgen": counted since an hour of today, the dead
    of today's strikes; the window's only total word is that "seit"."""
    totals = [w for w in words if w in word_set("total_words")]
    since = _counted_since(words)
    return totals == ["seit"] and bool(since) and since[0] in _HOURS_OF_TODAY


# "seit Mitternacht", "seit dem Morgen": today's hours; a count since a weekday spans days of fighting
_HOURS_OF_TODAY = frozenset("mitternacht tagesanbruch morgengrauen morgen vormittag mittag nachmittag".split())
_SINCE_LONG_AGO = -1
# "auf mindestens 41": the figure follows "auf" closely
_UPDATE_REACH_CHARS = 16


def _counted_since(words) -> list[str]:
    """The words each "seit" counts from, over an article ("seit dem Wochenende": "wochenende")."""
    return [words[j + 2] if words[j + 1] in ("dem", "der") and j + 2 < len(words) else words[j + 1]
            for j, w in enumerate(words[:-1]) if w == "seit"]  # fmt: skip


def _toll_update(tokens, words: tuple[str, ...], figures: tuple[Mention, ...]) -> int | None:
    """Where the figure begins (the end of its "auf") in "Die Zahl der Toten (des Anschlags) ist
    auf 41 gestiegen", "stieg die Zahl der Todesopfer seit Sonntag auf mindestens 18": the
    updated toll of an event; ``_SINCE_LONG_AGO`` where it counts since a war or a month
    began; None where the sentence tells no such count."""
    k = next((k for k, w in enumerate(words) if (w == "zahl" and words[k + 1 : k + 2] == ("der",)
              and words[k + 2 : k + 3] and words[k + 2] in _DEAD_COUNTED) or w in _TOLL_NOUNS), None)  # fmt: skip
    if k is None or not any(w.startswith(_RISING) for w in words):
        return None
    if any(w not in _RECENT for w in _counted_since(words)) or set(words) & word_set("period_starts"):
        return _SINCE_LONG_AGO  # "seit Kriegsbeginn", "seit April": a running total
    if any(w.endswith(_WARS) for w in words):
        return _SINCE_LONG_AGO  # "die Zahl der Toten im Bürgerkrieg": a war's count, no event's
    # the "auf" a figure follows ("auf den Bahnhof ... auf 73": the second)
    ends = [tokens[j].end for j in range(k + 1, len(tokens) - 1) if words[j] == "auf"]
    return next((end for end in reversed(ends) if any(0 <= q.start - end <= _UPDATE_REACH_CHARS for q in figures)), None)


def _one_person(first, last, sentence: int) -> tuple[Quantity, Mention]:
    """The figure of one dead person named by the words ``first``..``last`` ("den Bürgermeister",
    "seinen Fahrer")."""
    text = first.text if first is last else f"{first.text} {last.text}"
    return Quantity(1, 1, 1), Mention("quantity", text, first.start, last.end, Quantity(1, 1, 1), sentence,
                                      FigureDetail("article"))  # fmt: skip


def _index_of(tokens, mention: Mention) -> int | None:
    """The position in ``tokens`` of the word a mention starts at."""
    return next((k for k, t in enumerate(tokens) if t.start == mention.start), None)


def _besides(tokens, figure: Mention) -> tuple[Quantity, Mention] | None:
    """ "Neben dem Kommandeur wurden drei Leibwächter getötet", "Neben Abdallah starben drei
    weitere": one dead besides those the figure counts."""
    k = next((k for k, t in enumerate(tokens) if t.low == "neben" and t.end <= figure.start), None)
    if k is None or k > 2:
        return None  # "neben" opens the clause
    between = [t for t in tokens[k + 1 :] if t.end <= figure.start][:4]
    person = any(_person_noun(t.low) for t in between) or (
        len(between) > 1 and between[0].text[:1].isupper() and between[1].low in ("wurden", "sollen", "seien", "starben", "kamen"))  # fmt: skip
    if not person:
        return None
    return _one_person(tokens[k], tokens[k], figure.sentence)


POSSESSIVES = frozenset("sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer dessen deren".split())


def _kin_of_the_dead(tokens, found: list[tuple[Quantity, Mention]]) -> list[tuple[Quantity, Mention]]:
    """ "erschossen einen Lehrer und seine Frau", "seinen Sohn und zwei Nachbarn": a person listed
    with the counted dead by a tie to them counts one more."""
    kin = word_list("kin_of_one")
    sentence = found[0][1].sentence
    more = []
    for k in range(1, len(tokens) - 1):
        # "und ihre beiden Söhne": two of them
        both = tokens[k + 1].low == "beiden" and k + 2 < len(tokens) and _person_noun(tokens[k + 2].low)
        if tokens[k].low not in POSSESSIVES or (tokens[k + 1].low not in kin and not both):
            continue
        joined = tokens[k - 1].low in ("und", "sowie", ",")
        # the tie sits beside a counted figure: right after its noun, or before the list's last figure
        tie_end = tokens[k + 2 if both else k + 1].end
        beside = any(0 <= tokens[k].start - m.end <= 30 or 0 <= m.start - tie_end <= 6 for _, m in found)
        if not (joined and beside):
            continue
        # "erschossen, seine Frau schwer verletzt": the tie's own words say what befell that person
        own = [t.low for t in tokens[k + 2 : k + 6] if t.sentence == tokens[k].sentence]
        if any(w.startswith(("verletz", "verwund")) for w in own):
            continue
        ties = [(tokens[k], tokens[k + 1])]
        if tokens[k - 1].text == "," and k >= 3 and tokens[k - 3].low in ("den", "der", "dem") and _person_noun(tokens[k - 2].low):
            ties.append((tokens[k - 3], tokens[k - 2]))  # "den Imam, seinen Sohn": the one the tie names is listed too
        for first, last in ties:
            more.append(_one_person(first, last, sentence))
        if both:  # the tie's figure is two, and its words run on to the noun
            one = more[-len(ties)][1]
            two = replace(one, text=f"{one.text} {tokens[k + 2].text}", end=tokens[k + 2].end, value=Quantity(2, 2, 2))
            more[-len(ties)] = (Quantity(2, 2, 2), two)
    return more


def _named_one_before(tokens, found: list[tuple[Quantity, Mention]]) -> list[tuple[Quantity, Mention]]:
    """ "erschossen den Bürgermeister und zwei seiner Leibwächter": one person named with a definite
    article, listed before a counted figure, is one more of the dead."""
    more = []
    counted = {m.start for _, m in found}
    for _, m in list(found):
        k = _index_of(tokens, m)
        if k is None or k < 3 or tokens[k - 1].low not in ("und", "sowie"):
            continue
        article, person = tokens[k - 3], tokens[k - 2]
        if article.low in ("der", "den", "dem") and person.text[:1].isupper() and _person_noun(person.low) and (
                article.start not in counted):  # fmt: skip
            more.append(_one_person(article, person, m.sentence))
    return more


def killed_or_injured(analysis: Analysis, index: int) -> bool:
    """ "wurden 50 Menschen getötet oder verletzt": casualties told without a toll of the dead."""
    tokens = analysis.sentence_tokens(index)
    cue_at = {m.start: m.value for m in analysis.of_kind("cue", index)}
    return any(cue_at.get(t.start) == "death" and _or_injured(tokens, k, cue_at) for k, t in enumerate(tokens))


def _or_injured(tokens, k: int, cue_at: dict[int, str]) -> bool:
    """Whether the death word at ``k`` is joined by "oder" to an injury word ("getötet oder verletzt")."""
    after = tokens[k + 1 : k + 3]
    return len(after) == 2 and after[0].low == "oder" and cue_at.get(after[1].start) == "injury"


_DEAD_PEOPLE = ("opfer", "tote", "todesopfer", "getötete", "gefallene", "leiche")
_ARTICLES_AND_PREPOSITIONS = frozenset("der die das den dem des von vom für zu zum gegen um über mit an".split())


def _named_as_others(tokens, k: int) -> bool:
    """Whether the noun of the dead at ``k`` is governed by an article or preposition ("Abschied
    von den Opfern", "gedachten der Toten"): other people than the figure counts; but "unter den
    Toten" counts them among the dead."""
    if not tokens[k].low.startswith(_DEAD_PEOPLE):
        return False  # "mit in den Tod gerissen": death itself, not people
    before = [t.low for t in tokens[max(0, k - 2) : k]]
    # "fielen dem Angriff zum Opfer": they died
    return bool(before) and before[-1] in _ARTICLES_AND_PREPOSITIONS and "unter" not in before and before[-1] != "zum"


def _generic_people(token) -> bool:
    return token.low in ("menschen", "personen", "zivilisten", "zivilistinnen", "tote", "todesopfer")


def _fell_to(tokens, cue: Mention) -> bool:
    """ "Goma war an die M23 gefallen": a town that fell to a side, nobody fallen in battle."""
    if cue.text.lower() not in ("gefallen", "fiel", "fielen"):
        return False
    k = _index_of(tokens, cue) or 0
    clause = [t.low for t in tokens[max(0, k - 6) : k + 4] if t.text not in ",;"]
    return "an" in clause


# "unter ihnen mindestens vier Kinder": the counted follow the subset word closely
SUBSET_REACH_CHARS = 20

_MORE = frozenset(("auch", "weitere", "weiteren", "zudem", "außerdem", "ferner"))


# Words that may stand between "sprach" and "von" of another source's count
_RIVAL_FILLERS = frozenset("dagegen hingegen aber nur lediglich zuletzt indes jedoch sogar bislang bisher".split())


def _another_sources_count(previous: list[str], q: Mention) -> bool:
    """ "Das Ministerium sprach dagegen von 19 Toten", "Die Miliz sprach von 40 getöteten
    Soldaten", "Die Polizei bestätigte zwei Tote": a number (not a vague word) another source
    gives for dead already counted."""
    if q.detail.kind == "vague":
        return False
    words = [w for w in previous if w not in _RIVAL_FILLERS]
    if words[-1:] and words[-1] in ("bestätigte", "bestätigten", "bestätigt"):
        return True  # "Die Polizei bestätigte (nur) zwei Tote": a count of its own of the dead told
    return words[-2:-1] in (["sprach"], ["sprachen"], ["spricht"], ["sprechen"]) and words[-1] == "von"


def _age_of_one(tokens, first: int, position: int) -> int | None:
    """ "ein 67 Jahre alter Mann", "eine 80 Jahre alte Frau": the figure (from token ``first``,
    ``position`` after it) is an age and the article before it counts one person; the index of
    the person's noun, or None."""
    if not (first >= 1 and tokens[first - 1].low in ("ein", "eine", "einen", "einer", "einem")):
        return None
    if position + 2 < len(tokens) and tokens[position].low == "jahre" and tokens[position + 1].low.startswith("alt"):
        return position + 2
    return None


def _one_dead(tokens, noun: int, cue_at: dict[int, str]) -> bool:
    """Whether the person named at ``noun`` died: a word of death follows in the clause, or
    opens the sentence before it ("Getötet wurden ein zwölf Jahre alter Junge ...")."""
    if any(cue_at.get(t.start) == "death" for t in tokens[max(0, noun - 7) : max(0, noun - 4)]):
        return True
    for t in tokens[noun : noun + 12]:
        if cue_at.get(t.start) == "death":
            return True
        if cue_at.get(t.start) in ("injury", "captive"):
            return False
    return False


def _more_dead(tokens, position: int, q: Mention) -> bool:
    """ "Auch mindestens 58 Angreifer wurden getötet", "zwölf weitere Menschen": dead besides
    those a figure before counted."""
    figure = [k for k, t in enumerate(tokens) if q.start <= t.start < q.end]
    before = [t.low for t in tokens[max(0, (figure[0] if figure else position) - 3) : figure[0] if figure else position]]
    after = tokens[position].low if position < len(tokens) else ""
    # "Auf Seiten der Regierungstruppen starben 58 Soldaten": the other side's dead
    opening = " ".join(t.low for t in tokens[:4]) + " "
    other_side = opening.startswith(("aufseiten ", "auf seiten ", "auf der seite ", "auf seite "))
    # "ein weiterer", "ein vierter": one more than those counted before
    one_more = q.detail.kind == "article" and after.startswith(ONE_MORE)
    return bool(_MORE & set(before)) or after in ("weitere", "weiteren") or other_side or one_more


def _deaths_without_figure(analysis: Analysis, index: int, tokens) -> list[tuple[Quantity, Mention]]:
    """ "Verletzt wurde niemand": 0; "Dabei kamen Menschen ums Leben": deaths with no number,
    3 (low 3, no upper bound) as the guidelines read them."""
    cues = analysis.of_kind("cue", index)
    nobody = next((m for m in cues if m.value == "no_deaths"), None)
    if nobody is not None:
        return [(Quantity(0, 0, 0), nobody)]
    words = [t.low for t in tokens]
    dead = next((m for m in cues if m.value == "death" and m.text.lower() in ("tote", "toten", "todesopfer")), None)
    after_dead = [t.low for t in tokens if dead is not None and t.start > dead.end]
    if dead is not None and ("nicht" in after_dead or ("keine" in after_dead[-2:] and "es" in after_dead)):
        return [(Quantity(0, 0, 0), dead)]  # "Tote gab es dort nicht", "Tote wurden nicht gemeldet", "Tote gab es keine"
    # "Berichte über Verletzte gab es zunächst keine", "Schäden habe es nicht gegeben": not even harm
    harm = next((m for m in cues if (m.value == "injury" and m.text.lower() in ("verletzte", "verletzten"))), None)
    harm_at = harm.end if harm is not None else next((t.end for t in tokens if t.low in ("schäden", "opfer")), None)
    anchor = harm or dead or (cues[0] if cues else None)  # the figure's evidence: a word of the sentence
    if anchor is not None and harm_at is not None and any(a == "es" and b in ("keine", "nicht", "zunächst", "bislang")
                                                          for a, b in zip(words, words[1:])) and ({"keine", "nicht"} & {
            t.low for t in tokens if t.start > harm_at}):  # fmt: skip
        return [(Quantity(0, 0, 0), anchor)]
    numbers = [q for q in analysis.of_kind("quantity", index) if q.detail.kind != "article"
               and not analysis.text[q.end : q.end + 8].startswith("-jährig")]  # fmt: skip
    how_many = any(a == "wie" and b in ("viele", "hoch") for a, b in zip(words, words[1:]))  # not "wie ... mitteilte"
    if how_many or {"zahl", "unklar", "unbekannt"} & set(words) or numbers:
        return []
    for m in cues:
        if m.value != "death" or not set(m.text.lower().split()) & word_set("death_verbs"):
            continue
        k = _index_of(tokens, m)
        near = words[max(0, (k or 0) - 4) : (k or 0) + 4]
        if k is not None and word_set("plural_people") & set(near) and not NEGATIONS & set(near):
            return [(Quantity(3, 3, None), m)]
    named = _people_named(tokens, cues)
    if len(named) > 1:
        return [_one_person(first, last, index) for first, last in named]
    one = _one_person_died(tokens, cues) or _one_person_named_after(tokens, cues) or _one_person_killed_before(tokens, cues)
    if one is not None and tokens[0].low in _MORE:
        # "Auch der Attentäter kam ums Leben": one dead besides those counted before
        one = Mention("quantity", one.text, one.start, one.end, Quantity(1, 1, 1), one.sentence, FigureDetail("article", more=True))
    return [(Quantity(1, 1, 1), one)] if one is not None else []


_PLURAL_DEATH_VERBS = frozenset(("wurden", "starben", "seien", "sind", "waren", "kamen"))


def _people_named(tokens, cues) -> list[tuple]:
    """ "Dabei wurden Inspektor Frantz Joseph und der Polizeibeamte Ricardo Pierre getötet": the
    people a clause of dying in the plural lists by a noun of person and a name, each one dead;
    as (noun, last word of the name) pairs, or none."""
    death = next((m for m in cues if m.value == "death"), None)
    k = _index_of(tokens, death) if death is not None else None
    if k is None or not _PLURAL_DEATH_VERBS & {t.low for t in tokens}:
        return []
    # the clause of the verb of death: from the break before it to the break after it
    lo = max((i for i in range(k) if tokens[i].text in ",;:"), default=-1) + 1
    hi = next((i for i in range(k + 1, len(tokens)) if tokens[i].text in ",;:"), len(tokens))
    named, j = [], lo
    while j < hi - 1:
        t, name = tokens[j], tokens[j + 1]
        # a noun of person opening its phrase ("und der Polizeibeamte", "wurden Inspektor"), then a name
        if t.text[:1].isupper() and _person_noun(t.low) and name.text[:1].isupper() and not _person_noun(name.low) and (
                name.text.isalpha() or "-" in name.text) and (j == 0 or not tokens[j - 1].text[:1].isupper()):  # fmt: skip
            end = j + 1
            while end + 1 < len(tokens) and tokens[end + 1].text[:1].isupper() and not _person_noun(tokens[end + 1].low) and (
                    tokens[end + 1].text.replace("-", "").isalpha()):  # fmt: skip
                end += 1
            named.append((t, tokens[end]))
            j = end + 1
            continue
        j += 1
    return named


# A finite verb in the singular that, with a participle of killing, tells that one died
_SINGULAR_PASSIVE = frozenset(("wurde", "ist", "sei", "war", "wäre"))


def _one_person_died(tokens, cues) -> Mention | None:
    """ "Der Rebellenführer wurde bei einem gezielten Angriff getötet", "Ihr Kommandeur starb":
    a person named without a number, who died in a clause whose verb is in the singular; the
    death word, or None."""
    words = [t.low for t in tokens]
    for m in cues:
        if m.value != "death" or (" " in m.text and m.text.lower() != "ums leben"):
            continue
        k = _index_of(tokens, m)
        if k is None:
            continue
        lo = max((i for i in range(k) if tokens[i].text in ",;:"), default=-1) + 1
        clause = words[lo : k + 1]
        # "Auch der Attentäter kam ums Leben": a verb of dying in the singular
        dying = m.text.lower() in ("starb", "erlag") or (m.text.lower() == "ums leben" and "kam" in clause) or (
            m.text.lower().startswith(("ge", "er", "hin", "um")) and set(clause) & _SINGULAR_PASSIVE)  # fmt: skip
        person = any(_person_noun(w) and tokens[lo + j].text[:1].isupper() for j, w in enumerate(clause[:-1]))
        # "er erlag in der Nacht seinen Verletzungen": the person told of before
        person = person or (m.text.lower() in ("starb", "erlag") and bool({"er", "sie"} & set(clause[:-1])))
        if dying and person and not NEGATIONS & set(clause):
            return m
    return None


def _killer_counted(tokens, position: int) -> bool:
    """ "Ein Scharfschütze tötete einen Sanitäter", "Zwei Männer erschossen den Wachmann": the
    figure counts the subject of a finite verb of killing whose object follows, so the killers."""
    for k in range(position, min(position + 3, len(tokens) - 1)):
        if tokens[k].text[:1].isupper() and _person_noun(tokens[k].low):
            break
    else:
        return False
    if tokens[k + 1].low not in word_set("killing_finite"):
        return False
    for t in tokens[k + 2 : k + 10]:
        if t.text in ",;:.":
            return False
        if t.text[:1].isdigit() or (t.text[:1].isupper() and _person_noun(t.low)):
            return True  # the object: those killed
    return False


# The articles of one person after the verb: "tötete den Bürgermeister" (accusative), "starb der Fahrer"
_ONE_KILLED, _ONE_DIED = "den", "der"
_PREPOSITIONS = frozenset("an auf aus bei durch für gegen hinter in mit nach neben seit über um unter von vor zu zwischen".split())


def _one_person_named_after(tokens, cues) -> Mention | None:
    """ "Bewaffnete erschossen am Montag den Bürgermeister", "Bei dem Angriff starb der Fahrer eines
    Lastwagens": one person named with a definite article after a finite verb of killing (the
    object) or of dying in the singular (the subject); the person's words, or None."""
    killing, dying = word_set("killing_finite"), ("starb", "erlag")
    for m in cues:
        if m.value != "death" or " " in m.text or m.text.lower() not in killing | set(dying):
            continue
        k = _index_of(tokens, m)
        if k is None or (k and tokens[k - 1].low in NEGATIONS):
            continue
        article = _ONE_KILLED if m.text.lower() in killing else _ONE_DIED
        clause = list(takewhile(lambda t: t.text not in ",;:.", tokens[k + 1 :]))
        if NEGATIONS & {t.low for t in clause}:
            continue  # "töteten den Kommandeur nicht"
        for j in range(k + 1, min(k + 1 + len(clause), k + 9, len(tokens) - 1)):
            t = tokens[j]
            if t.low != article or tokens[j - 1].low in _PREPOSITIONS:
                continue
            person = tokens[j + 2] if adjective_form(tokens[j + 1].text) and j + 2 < len(tokens) else tokens[j + 1]
            if person.text[:1].isupper() and _person_noun(person.low):
                return _one_person(t, person, m.sentence)[1]
            break
    return None


_ACTIVE_PERFECT = frozenset(("hat", "haben", "hatte", "hatten", "habe", "hätten"))


def _one_person_killed_before(tokens, cues) -> Mention | None:
    """ "Separatisten haben den Bürgermeister der Stadt erschossen": one person named with "den"
    as the object of an active perfect whose participle of killing closes the clause."""
    for m in cues:
        if m.value != "death" or " " in m.text or not m.text.lower().startswith(("ge", "er")):
            continue
        k = _index_of(tokens, m)
        if k is None:
            continue
        lo = max((i for i in range(k) if tokens[i].text in ",;:"), default=-1) + 1
        clause = tokens[lo:k]
        words = {t.low for t in clause}
        if not words & _ACTIVE_PERFECT or words & ({"wurde", "wurden", "worden"} | NEGATIONS):
            continue
        for j, t in enumerate(clause[:-1]):
            person = clause[j + 1]
            if t.low == _ONE_KILLED and (j == 0 or clause[j - 1].low not in _PREPOSITIONS) and (
                    person.text[:1].isupper() and _person_noun(person.low)):  # fmt: skip
                return _one_person(t, person, m.sentence)[1]
    return None


def _counts_people(window) -> bool:
    # the parts of a hyphenated name do not use up the four words ("30 Al-Shabaab-Kämpfer")
    parts = sum(1 for t in window[:8] if t.joined or t.text == "-")
    for k, t in enumerate(window[: 4 + min(parts, 4)]):
        word = t.low
        if word in ("von", "der", "den", "des", "weitere", "weiteren", "mehr", "als", "zivile", "zivilen", "-", "„", "“", '"', "»", "«"):
            continue
        if adjective_form(t.text) and k + 1 < len(window) and window[k + 1].text[:1].isupper():
            continue  # an adjective before the noun: "ein ranghoher Kommandeur"
        if _person_noun(word):
            return True
        if (t.text.isupper() and len(t.text) <= 6) or t.joined:
            continue  # "44 HTS-Mitgliedern", "einen Hamas-Kommandeur": the head follows the hyphen
        if word in word_set("units") or word.startswith("jährig"):
            return False  # "etwa 10 km südlich von Homs", "eine 58-jährige Frau"
        if word[:1].isalpha() and t.text[:1].islower():
            return True  # "wurden 12 getötet": a verb, no noun counted
        return False
    return False


def _person_noun(word: str) -> bool:
    return head_noun_of(word, "person_heads")


def _side_counted(window) -> str | None:
    """Whose dead the noun after a figure counts: "state" ("Soldaten", "Polizisten"), "armed"
    ("Kämpfer", "Rebellen", "Angreifer"), or None (people of no side, or no noun)."""
    sides = set()
    window = [t for t in window if t.text not in QUOTES]  # 'getöteten „Extremisten“': a speaker's word, still a side
    for k, t in enumerate(window[:6]):
        attribute = adjective_form(t.text) and k + 1 < len(window) and window[k + 1].text[:1].isupper()  # "getöteten Soldaten"
        if t.text[:1].islower() and t.low not in ("und", "sowie", "oder", "von", "der", "den") and not attribute:
            break  # the verb: "fast 100 Kämpfer und Soldaten verloren" names both sides before it
        if not t.text[:1].isupper():
            continue
        if noun_of(t.low, "state_dead"):
            sides.add("state")
        elif noun_of(t.low, "armed_dead"):
            sides.add("armed")
        elif _person_noun(t.low):
            return None
    return sides.pop() if len(sides) == 1 else None


def toll(deaths: list[tuple[Quantity, Mention]]) -> Quantity | None:
    """An event's fatalities from the figures of its sentences: the figures of one sentence
    add up (per-side counts), and the sentence with the highest sum tells the toll; but
    sentences that each count the dead of another side ("17 Kämpfer getötet ... sprachen von
    neun getöteten Soldaten") count different people, and add up."""
    if not deaths:
        return None
    rivals = [(q, m) for q, m in deaths if getattr(m.detail, "rival", False)]
    counted = [(q, m) for q, m in deaths if not getattr(m.detail, "rival", False)]
    if not rivals or not counted:
        return _toll(deaths)
    own = _toll(counted)
    own_sides = {getattr(m.detail, "side", None) for _, m in counted}
    rival_sides = {getattr(m.detail, "side", None) for _, m in rivals}
    if own is None or own_sides != rival_sides:
        # "17 Kämpfer getötet ... sprachen von neun getöteten Soldaten": other dead; "sieben Menschen
        # getötet ... sprach von zwei getöteten Kämpfern": some of them, named by their side
        people = all(getattr(m.detail, "people", False) for _, m in counted if getattr(m.detail, "side", None) is None)
        return _toll(counted) if rival_sides - own_sides and None in own_sides and people else _toll(deaths)
    # Sources differ on the same dead: the lowest count, as ACLED codes, the highest its bound
    counts = (own, *(q for q, _ in rivals))
    least = min(counts, key=_size)
    highs = [q.high for q in counts]
    return Quantity(least.best, least.low, None if None in highs else max(highs))  # type: ignore[type-var]


def _toll(deaths: list[tuple[Quantity, Mention]]) -> Quantity | None:
    by_sentence: dict[int, list[tuple[Quantity, Mention]]] = {}
    for quantity, mention in deaths:
        by_sentence.setdefault(mention.sentence, []).append((quantity, mention))
    sums, more = [], []  # (the sentence's sum, whose dead it counts), and further dead
    for sentence, figures in by_sentence.items():
        total = figures[0][0]
        for q, _ in figures[1:]:
            total = total + q
        # a sentence of further dead ("Auch 58 Angreifer wurden getötet") adds to the toll told before
        if all(m.detail is not None and getattr(m.detail, "more", False) for _, m in figures):
            more.append((total, sentence))
            continue
        sides = {getattr(m.detail, "side", None) for _, m in figures}
        sums.append((total, sides.pop() if len(sides) == 1 else None))
    sides = {side for _, side in sums}
    if None not in sides and len(sides) > 1:
        # the largest count of each side's dead, added up
        best = _sum([max((q for q, s in sums if s == side), key=_size) for side in sides])
    else:
        best = max((q for q, _ in sums), key=_size) if sums else None
    # "Zwei Verletzte erlagen ihren Wunden. Damit stieg die Zahl der Toten auf sieben": the toll as
    # it stands counts the further dead told before it
    standing = max((m.sentence for _, m in deaths if getattr(m.detail, "standing", False)), default=-1)
    further = [q for q, sentence in more if sentence > standing]
    return _sum([best, *further]) if best is not None else _sum(further)


def _size(q: Quantity) -> tuple[int, int]:
    return q.best, q.high or 0


def _sum(quantities: list[Quantity]) -> Quantity | None:
    total = None
    for q in quantities:
        total = q if total is None else total + q
    return total
